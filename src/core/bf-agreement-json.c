/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-agreement-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-agreement-json.h"
#include "bf-agreement-private.h"
#include "bf-json.h"

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */

#define SET_STR(o, k, v)   bf_json_set_string (o, k, v)
#define SET_BOOL(o, k, v)  json_object_set_boolean_member (o, k, (v) ? TRUE : FALSE)
#define SET_ENUM(o, k, e, v) bf_json_set_enum (o, k, e, v)

static JsonObject *
header_to_json (const BfHeader *h)
{
  JsonObject *o = json_object_new ();

  SET_ENUM (o, "type", BF_ENUM_AGREEMENT_TYPE, h->type);
  SET_STR (o, "tenant_name", h->tenant_name);
  SET_STR (o, "tenant_birth_date", h->tenant_birth_date);
  SET_BOOL (o, "household_with_children", h->household_with_children);
  SET_BOOL (o, "consent_capacity_in_doubt", h->consent_capacity_in_doubt);
  SET_STR (o, "address", h->address);
  SET_ENUM (o, "housing_type", BF_ENUM_HOUSING_TYPE, h->housing_type);
  SET_STR (o, "unit", h->unit);
  SET_STR (o, "decision_reference", h->decision_reference);
  SET_STR (o, "decision_date", h->decision_date);
  SET_BOOL (o, "condition_for_allocation", h->condition_for_allocation);
  SET_STR (o, "alternative_offered", h->alternative_offered);
  SET_STR (o, "lease_start", h->lease_start);
  SET_STR (o, "lease_expiry", h->lease_expiry);
  SET_STR (o, "trial_period_until", h->trial_period_until);
  SET_STR (o, "lease_signed", h->lease_signed);
  SET_ENUM (o, "case_type", BF_ENUM_CASE_TYPE, h->case_type);
  return o;
}

static JsonArray *
parties_to_json (GPtrArray *parties)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);
      JsonObject *o = json_object_new ();

      SET_STR (o, "id", p->id);
      SET_ENUM (o, "role", BF_ENUM_PARTY_ROLE, p->role);
      SET_STR (o, "organisation", p->organisation);
      SET_STR (o, "contact_person", p->contact_person);
      SET_STR (o, "phone", p->phone);
      json_array_add_object_element (a, o);
    }
  return a;
}

static JsonObject *
background_to_json (const BfBackground *b)
{
  JsonObject *o = json_object_new ();

  SET_STR (o, "background", b->background);
  SET_STR (o, "main_goal", b->main_goal);
  bf_json_set_string_list (o, "goals_short_term", b->goals_short_term);
  bf_json_set_string_list (o, "goals_long_term", b->goals_long_term);
  SET_STR (o, "tenant_goals", b->tenant_goals);
  SET_STR (o, "difficult_period_wishes", b->difficult_period_wishes);
  return o;
}

static JsonArray *
measures_to_json (GPtrArray *measures)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);
      JsonObject *o = json_object_new ();

      SET_STR (o, "id", m->id);
      SET_ENUM (o, "category", BF_ENUM_MEASURE_CATEGORY, m->category);
      SET_STR (o, "description", m->description);
      SET_STR (o, "responsible_party", m->responsible_party);
      SET_STR (o, "frequency", m->frequency);
      SET_STR (o, "start", m->start);
      SET_STR (o, "end", m->end);
      SET_STR (o, "tenant_commitment", m->tenant_commitment);
      json_array_add_object_element (a, o);
    }
  return a;
}

static JsonArray *
meetings_to_json (GPtrArray *meetings)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < meetings->len; i++)
    {
      BfMeeting *m = g_ptr_array_index (meetings, i);
      JsonObject *o = json_object_new ();

      SET_STR (o, "id", m->id);
      SET_STR (o, "description", m->description);
      SET_STR (o, "frequency", m->frequency);
      SET_STR (o, "participants", m->participants);
      json_array_add_object_element (a, o);
    }
  return a;
}

static JsonObject *
key_access_to_json (const BfKeyAccess *k)
{
  JsonObject *o = json_object_new ();
  JsonObject *c = json_object_new ();
  JsonObject *p = json_object_new ();

  SET_BOOL (o, "agreed", k->agreed);
  SET_BOOL (o, "consent_recorded", k->consent_recorded);
  SET_STR (o, "consent_date", k->consent_date);
  SET_ENUM (o, "consent_form", BF_ENUM_CONSENT_FORM, k->consent_form);
  SET_STR (o, "consent_withdrawn", k->consent_withdrawn);
  SET_STR (o, "justification", k->justification);

  SET_BOOL (c, "danger_to_life_or_health", k->conditions.danger_to_life_or_health);
  if (k->conditions.no_contact_hours > 0)
    json_object_set_int_member (c, "no_contact_hours", k->conditions.no_contact_hours);
  SET_BOOL (c, "partner_concern", k->conditions.partner_concern);
  SET_BOOL (c, "suspected_house_rule_breach", k->conditions.suspected_house_rule_breach);
  SET_BOOL (c, "fire_or_hms_risk", k->conditions.fire_or_hms_risk);
  SET_BOOL (c, "any_time", k->conditions.any_time);
  SET_BOOL (c, "inspection", k->conditions.inspection);
  SET_STR (c, "other", k->conditions.other);
  json_object_set_object_member (o, "entry_conditions", c);

  SET_ENUM (o, "notice_rule", BF_ENUM_NOTICE_RULE, k->notice_rule);
  SET_STR (o, "notice_details", k->notice_details);
  SET_STR (o, "who_may_enter", k->who_may_enter);
  if (k->staff_count > 0)
    json_object_set_int_member (o, "staff_count", k->staff_count);

  SET_BOOL (p, "knock_first", k->procedure.knock_first);
  SET_BOOL (p, "call_out", k->procedure.call_out);
  SET_BOOL (p, "leave_on_signs_of_life", k->procedure.leave_on_signs_of_life);
  SET_STR (p, "other", k->procedure.other);
  json_object_set_object_member (o, "procedure", p);

  SET_STR (o, "key_holder", k->key_holder);
  SET_STR (o, "key_return", k->key_return);
  return o;
}

static JsonObject *
consent_to_json (const BfConsent *c)
{
  JsonObject *o = json_object_new ();
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < c->sharing->len; i++)
    {
      BfSharingConsent *s = g_ptr_array_index (c->sharing, i);
      JsonObject *so = json_object_new ();

      SET_STR (so, "id", s->id);
      SET_STR (so, "recipient", s->recipient);
      SET_STR (so, "party", s->party);
      SET_ENUM (so, "form", BF_ENUM_CONSENT_FORM, s->form);
      SET_STR (so, "given", s->given);
      SET_STR (so, "withdrawn", s->withdrawn);
      json_array_add_object_element (a, so);
    }
  json_object_set_array_member (o, "sharing", a);
  SET_BOOL (o, "reviewed_orally", c->reviewed_orally);
  SET_BOOL (o, "informed_of_rights", c->informed_of_rights);
  SET_STR (o, "tenant_proposed_changes", c->tenant_proposed_changes);
  SET_BOOL (o, "copy_given", c->copy_given);
  SET_STR (o, "copy_given_date", c->copy_given_date);
  return o;
}

static JsonArray *
signatures_to_json (GPtrArray *signatures)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < signatures->len; i++)
    {
      BfSignature *s = g_ptr_array_index (signatures, i);
      JsonObject *o = json_object_new ();
      JsonArray *strokes = json_array_new ();

      SET_STR (o, "party", s->party);
      SET_ENUM (o, "status", BF_ENUM_SIGNATURE_STATUS, s->status);
      SET_STR (o, "at", s->at);
      SET_STR (o, "version_hash", s->version_hash);
      SET_STR (o, "note", s->note);
      for (guint j = 0; j < s->strokes->len; j++)
        {
          GArray *stroke = g_ptr_array_index (s->strokes, j);
          JsonArray *sa = json_array_new ();

          for (guint k = 0; k < stroke->len; k++)
            {
              BfPoint *pt = &g_array_index (stroke, BfPoint, k);
              JsonArray *pa = json_array_new ();

              json_array_add_int_element (pa, pt->x);
              json_array_add_int_element (pa, pt->y);
              json_array_add_int_element (pa, pt->pressure);
              json_array_add_int_element (pa, pt->t);
              json_array_add_array_element (sa, pa);
            }
          json_array_add_array_element (strokes, sa);
        }
      json_object_set_array_member (o, "strokes", strokes);
      json_array_add_object_element (a, o);
    }
  return a;
}

static JsonObject *
visit_to_json (const BfVisit *v)
{
  JsonObject *o = json_object_new ();

  SET_STR (o, "id", v->id);
  SET_STR (o, "date", v->date);
  SET_ENUM (o, "type", BF_ENUM_VISIT_TYPE, v->type);
  SET_STR (o, "observations", v->observations);
  SET_BOOL (o, "fire_risk", v->fire_risk);
  SET_BOOL (o, "no_access", v->no_access);
  SET_BOOL (o, "concern", v->concern);
  SET_STR (o, "next_contact", v->next_contact);
  SET_STR (o, "author", v->author);
  return o;
}

static JsonObject *
key_use_to_json (const BfKeyUse *k)
{
  JsonObject *o = json_object_new ();

  SET_STR (o, "id", k->id);
  SET_STR (o, "time", k->time);
  SET_ENUM (o, "entry_condition", BF_ENUM_ENTRY_CONDITION, k->condition);
  SET_BOOL (o, "notice_given", k->notice_given);
  SET_STR (o, "notice_to", k->notice_to);
  SET_STR (o, "notice_at", k->notice_at);
  bf_json_set_string_list (o, "staff_present", k->staff_present);
  SET_STR (o, "found_and_done", k->found_and_done);
  return o;
}

static JsonObject *
evaluation_to_json (const BfEvaluation *e)
{
  JsonObject *o = json_object_new ();
  JsonArray *a = json_array_new ();

  SET_STR (o, "id", e->id);
  SET_STR (o, "date", e->date);
  SET_BOOL (o, "home_visit_done", e->home_visit_done);
  for (guint i = 0; i < e->measures->len; i++)
    {
      BfMeasureReview *r = g_ptr_array_index (e->measures, i);
      JsonObject *ro = json_object_new ();

      SET_STR (ro, "measure", r->measure);
      SET_ENUM (ro, "status", BF_ENUM_MEASURE_STATUS, r->status);
      SET_STR (ro, "comment", r->comment);
      json_array_add_object_element (a, ro);
    }
  json_object_set_array_member (o, "measures", a);
  SET_STR (o, "goal_attainment", e->goal_attainment);
  SET_STR (o, "tenant_view", e->tenant_view);
  SET_ENUM (o, "decision", BF_ENUM_EVALUATION_DECISION, e->decision);
  SET_STR (o, "next_date", e->next_date);
  return o;
}

static JsonObject *
breach_to_json (const BfBreach *b)
{
  JsonObject *o = json_object_new ();

  SET_STR (o, "id", b->id);
  SET_STR (o, "date", b->date);
  SET_STR (o, "description", b->description);
  SET_BOOL (o, "lease_also_breached", b->lease_also_breached);
  SET_STR (o, "assessment", b->assessment);
  SET_STR (o, "consequence", b->consequence);
  return o;
}

typedef JsonObject *(*ToJsonFunc) (gconstpointer entry);

static JsonArray *
list_to_json (GPtrArray  *items,
              ToJsonFunc  func)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (a, func (g_ptr_array_index (items, i)));
  return a;
}

/**
 * bf_agreement_to_json_node:
 *
 * Returns: (transfer full): the agreement as a JSON tree; write it with
 *   bf_json_to_string() for the canonical bytes
 */
JsonNode *
bf_agreement_to_json_node (BfAgreement          *self,
                           BfAgreementJsonFlags  flags)
{
  JsonObject *o;
  JsonObject *ev;
  JsonObject *du;
  JsonNode *node;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  o = json_object_new ();
  json_object_set_string_member (o, "schema", BF_AGREEMENT_SCHEMA);
  json_object_set_int_member (o, "schema_version", BF_AGREEMENT_SCHEMA_VERSION);
  json_object_set_string_member (o, "id", self->id);

  json_object_set_object_member (o, "header", header_to_json (&self->header));
  json_object_set_array_member (o, "parties", parties_to_json (self->parties));
  json_object_set_object_member (o, "background", background_to_json (&self->background));
  json_object_set_array_member (o, "measures", measures_to_json (self->measures));
  SET_STR (o, "responsibility", self->responsibility);
  json_object_set_array_member (o, "meetings", meetings_to_json (self->meetings));
  json_object_set_object_member (o, "key_access", key_access_to_json (&self->key_access));
  SET_STR (o, "breach_consequences", self->breach_consequences);
  ev = json_object_new ();
  SET_STR (ev, "date", self->evaluation.date);
  SET_STR (ev, "scope", self->evaluation.scope);
  json_object_set_object_member (o, "evaluation", ev);
  du = json_object_new ();
  SET_STR (du, "from", self->duration.from);
  SET_STR (du, "to", self->duration.to);
  json_object_set_object_member (o, "duration", du);
  json_object_set_object_member (o, "consent", consent_to_json (&self->consent));

  if ((flags & BF_AGREEMENT_JSON_CONTENT_ONLY) == 0)
    {
      SET_ENUM (o, "state", BF_ENUM_AGREEMENT_STATE, self->state);
      SET_ENUM (o, "end_reason", BF_ENUM_END_REASON, self->end_reason);
      if (self->version > 0)
        {
          JsonObject *v = json_object_new ();

          json_object_set_int_member (v, "number", self->version);
          SET_STR (v, "hash", self->version_hash);
          SET_STR (v, "saved_at", self->saved_at);
          SET_ENUM (v, "review_status", BF_ENUM_REVIEW_STATUS, self->review_status);
          SET_STR (v, "review_comment", self->review_comment);
          json_object_set_object_member (o, "version", v);
        }
      json_object_set_array_member (o, "signatures", signatures_to_json (self->signatures));
      SET_STR (o, "first_signed_at", self->first_signed_at);

      if (flags & BF_AGREEMENT_JSON_WITH_LOGS)
        {
          JsonObject *logs = json_object_new ();

          json_object_set_array_member (logs, "visits", list_to_json (self->visits, (ToJsonFunc) visit_to_json));
          json_object_set_array_member (logs, "key_uses", list_to_json (self->key_uses, (ToJsonFunc) key_use_to_json));
          json_object_set_array_member (logs, "evaluations", list_to_json (self->evaluations, (ToJsonFunc) evaluation_to_json));
          json_object_set_array_member (logs, "breaches", list_to_json (self->breaches, (ToJsonFunc) breach_to_json));
          json_object_set_object_member (o, "logs", logs);
        }
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

/**
 * bf_agreement_to_json:
 *
 * Returns: (transfer full): the canonical JSON text; with
 *   %BF_AGREEMENT_JSON_PRETTY it ends with a newline
 */
char *
bf_agreement_to_json (BfAgreement          *self,
                      BfAgreementJsonFlags  flags)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT (self), NULL);

  node = bf_agreement_to_json_node (self, flags);
  text = bf_json_to_string (node, (flags & BF_AGREEMENT_JSON_PRETTY) != 0);
  if (flags & BF_AGREEMENT_JSON_PRETTY)
    return g_strconcat (text, "\n", NULL);
  return g_steal_pointer (&text);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */

/* A draft is work in progress: it may still lack what a saved agreement
 * requires (a tenant name, a new measure's description). While reading
 * one, every field is optional; its types and references still count.
 * Per thread, because the store reads on worker threads too. */
static __thread gboolean reading_draft;

#define REQ(req) ((req) && !reading_draft)
#define CHECK(call) G_STMT_START { if (!(call)) return FALSE; } G_STMT_END
#define GET_STR(o, path, key, req, dst) CHECK (bf_json_get_string (o, path, key, REQ (req), &(dst), error))
#define GET_DATE(o, path, key, req, dst) CHECK (bf_json_get_date (o, path, key, REQ (req), &(dst), error))
#define GET_TIME(o, path, key, req, dst) CHECK (bf_json_get_timestamp (o, path, key, REQ (req), &(dst), error))
#define GET_BOOL(o, path, key, dst) CHECK (bf_json_get_bool (o, path, key, FALSE, &(dst), error))
#define GET_ENUM(o, path, key, req, kind, dst) \
  G_STMT_START { int _v; CHECK (bf_json_get_enum (o, path, key, REQ (req), kind, &_v, error)); (dst) = _v; } G_STMT_END

static gboolean
get_id (JsonObject  *o,
        const char  *path,
        char       **out,
        GError     **error)
{
  CHECK (bf_json_get_string (o, path, "id", TRUE, out, error));
  if (!g_uuid_string_is_valid (*out))
    {
      g_autofree char *full = bf_json_path_member (path, "id");

      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                   _("%s: “%s” is not a UUID"), full, *out);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_header (JsonObject  *o,
             BfHeader    *h,
             GError     **error)
{
  static const char * const fields[] = {
    "type", "tenant_name", "tenant_birth_date", "household_with_children",
    "consent_capacity_in_doubt", "address", "housing_type", "unit",
    "decision_reference", "decision_date", "condition_for_allocation",
    "alternative_offered", "lease_start", "lease_expiry", "trial_period_until",
    "lease_signed", "case_type", NULL
  };
  const char *path = "header";

  CHECK (bf_json_check_fields (o, path, fields, error));
  GET_ENUM (o, path, "type", TRUE, BF_ENUM_AGREEMENT_TYPE, h->type);
  GET_STR (o, path, "tenant_name", TRUE, h->tenant_name);
  GET_DATE (o, path, "tenant_birth_date", FALSE, h->tenant_birth_date);
  GET_BOOL (o, path, "household_with_children", h->household_with_children);
  GET_BOOL (o, path, "consent_capacity_in_doubt", h->consent_capacity_in_doubt);
  GET_STR (o, path, "address", FALSE, h->address);
  GET_ENUM (o, path, "housing_type", FALSE, BF_ENUM_HOUSING_TYPE, h->housing_type);
  GET_STR (o, path, "unit", FALSE, h->unit);
  GET_STR (o, path, "decision_reference", FALSE, h->decision_reference);
  GET_DATE (o, path, "decision_date", FALSE, h->decision_date);
  GET_BOOL (o, path, "condition_for_allocation", h->condition_for_allocation);
  GET_STR (o, path, "alternative_offered", FALSE, h->alternative_offered);
  GET_DATE (o, path, "lease_start", FALSE, h->lease_start);
  GET_DATE (o, path, "lease_expiry", FALSE, h->lease_expiry);
  GET_DATE (o, path, "trial_period_until", FALSE, h->trial_period_until);
  GET_DATE (o, path, "lease_signed", FALSE, h->lease_signed);
  GET_ENUM (o, path, "case_type", FALSE, BF_ENUM_CASE_TYPE, h->case_type);
  return TRUE;
}

static gboolean
read_party (JsonObject  *o,
            const char  *path,
            BfParty     *p,
            GError     **error)
{
  static const char * const fields[] = {
    "id", "role", "organisation", "contact_person", "phone", NULL
  };

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &p->id, error));
  GET_ENUM (o, path, "role", TRUE, BF_ENUM_PARTY_ROLE, p->role);
  GET_STR (o, path, "organisation", FALSE, p->organisation);
  GET_STR (o, path, "contact_person", FALSE, p->contact_person);
  GET_STR (o, path, "phone", FALSE, p->phone);
  return TRUE;
}

static gboolean
read_background (JsonObject    *o,
                 BfBackground  *b,
                 GError       **error)
{
  static const char * const fields[] = {
    "background", "main_goal", "goals_short_term", "goals_long_term",
    "tenant_goals", "difficult_period_wishes", NULL
  };
  const char *path = "background";

  CHECK (bf_json_check_fields (o, path, fields, error));
  GET_STR (o, path, "background", FALSE, b->background);
  GET_STR (o, path, "main_goal", FALSE, b->main_goal);
  CHECK (bf_json_get_string_list (o, path, "goals_short_term", &b->goals_short_term, error));
  CHECK (bf_json_get_string_list (o, path, "goals_long_term", &b->goals_long_term, error));
  GET_STR (o, path, "tenant_goals", FALSE, b->tenant_goals);
  GET_STR (o, path, "difficult_period_wishes", FALSE, b->difficult_period_wishes);
  return TRUE;
}

static gboolean
read_measure (JsonObject  *o,
              const char  *path,
              BfMeasure   *m,
              GError     **error)
{
  static const char * const fields[] = {
    "id", "category", "description", "responsible_party", "frequency",
    "start", "end", "tenant_commitment", NULL
  };

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &m->id, error));
  GET_ENUM (o, path, "category", TRUE, BF_ENUM_MEASURE_CATEGORY, m->category);
  GET_STR (o, path, "description", TRUE, m->description);
  GET_STR (o, path, "responsible_party", TRUE, m->responsible_party);
  GET_STR (o, path, "frequency", FALSE, m->frequency);
  GET_DATE (o, path, "start", FALSE, m->start);
  GET_DATE (o, path, "end", FALSE, m->end);
  GET_STR (o, path, "tenant_commitment", FALSE, m->tenant_commitment);
  return TRUE;
}

static gboolean
read_meeting (JsonObject  *o,
              const char  *path,
              BfMeeting   *m,
              GError     **error)
{
  static const char * const fields[] = {
    "id", "description", "frequency", "participants", NULL
  };

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &m->id, error));
  GET_STR (o, path, "description", TRUE, m->description);
  GET_STR (o, path, "frequency", FALSE, m->frequency);
  GET_STR (o, path, "participants", FALSE, m->participants);
  return TRUE;
}

static gboolean
read_key_access (JsonObject   *o,
                 BfKeyAccess  *k,
                 GError      **error)
{
  static const char * const fields[] = {
    "agreed", "consent_recorded", "consent_date", "consent_form",
    "consent_withdrawn", "justification", "entry_conditions", "notice_rule",
    "notice_details", "who_may_enter", "staff_count", "procedure",
    "key_holder", "key_return", NULL
  };
  static const char * const condition_fields[] = {
    "danger_to_life_or_health", "no_contact_hours", "partner_concern",
    "suspected_house_rule_breach", "fire_or_hms_risk", "any_time",
    "inspection", "other", NULL
  };
  static const char * const procedure_fields[] = {
    "knock_first", "call_out", "leave_on_signs_of_life", "other", NULL
  };
  const char *path = "key_access";
  JsonObject *c;
  JsonObject *p;
  gint64 n;

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (bf_json_get_bool (o, path, "agreed", TRUE, &k->agreed, error));
  GET_BOOL (o, path, "consent_recorded", k->consent_recorded);
  GET_DATE (o, path, "consent_date", FALSE, k->consent_date);
  GET_ENUM (o, path, "consent_form", FALSE, BF_ENUM_CONSENT_FORM, k->consent_form);
  GET_DATE (o, path, "consent_withdrawn", FALSE, k->consent_withdrawn);
  GET_STR (o, path, "justification", FALSE, k->justification);

  CHECK (bf_json_get_object (o, path, "entry_conditions", FALSE, &c, error));
  if (c != NULL)
    {
      const char *cpath = "key_access.entry_conditions";

      CHECK (bf_json_check_fields (c, cpath, condition_fields, error));
      GET_BOOL (c, cpath, "danger_to_life_or_health", k->conditions.danger_to_life_or_health);
      CHECK (bf_json_get_int (c, cpath, "no_contact_hours", FALSE, 0, 24 * 365, &n, error));
      k->conditions.no_contact_hours = (guint) n;
      GET_BOOL (c, cpath, "partner_concern", k->conditions.partner_concern);
      GET_BOOL (c, cpath, "suspected_house_rule_breach", k->conditions.suspected_house_rule_breach);
      GET_BOOL (c, cpath, "fire_or_hms_risk", k->conditions.fire_or_hms_risk);
      GET_BOOL (c, cpath, "any_time", k->conditions.any_time);
      GET_BOOL (c, cpath, "inspection", k->conditions.inspection);
      GET_STR (c, cpath, "other", FALSE, k->conditions.other);
    }

  GET_ENUM (o, path, "notice_rule", FALSE, BF_ENUM_NOTICE_RULE, k->notice_rule);
  GET_STR (o, path, "notice_details", FALSE, k->notice_details);
  GET_STR (o, path, "who_may_enter", FALSE, k->who_may_enter);
  CHECK (bf_json_get_int (o, path, "staff_count", FALSE, 0, 20, &n, error));
  k->staff_count = (guint) n;

  CHECK (bf_json_get_object (o, path, "procedure", FALSE, &p, error));
  if (p != NULL)
    {
      const char *ppath = "key_access.procedure";

      CHECK (bf_json_check_fields (p, ppath, procedure_fields, error));
      GET_BOOL (p, ppath, "knock_first", k->procedure.knock_first);
      GET_BOOL (p, ppath, "call_out", k->procedure.call_out);
      GET_BOOL (p, ppath, "leave_on_signs_of_life", k->procedure.leave_on_signs_of_life);
      GET_STR (p, ppath, "other", FALSE, k->procedure.other);
    }

  GET_STR (o, path, "key_holder", FALSE, k->key_holder);
  GET_STR (o, path, "key_return", FALSE, k->key_return);
  return TRUE;
}

static gboolean
read_sharing (JsonObject        *o,
              const char        *path,
              BfSharingConsent  *s,
              GError           **error)
{
  static const char * const fields[] = {
    "id", "recipient", "party", "form", "given", "withdrawn", NULL
  };

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &s->id, error));
  GET_STR (o, path, "recipient", TRUE, s->recipient);
  GET_STR (o, path, "party", FALSE, s->party);
  GET_ENUM (o, path, "form", TRUE, BF_ENUM_CONSENT_FORM, s->form);
  GET_DATE (o, path, "given", FALSE, s->given);
  GET_DATE (o, path, "withdrawn", FALSE, s->withdrawn);
  return TRUE;
}

static gboolean
read_points (JsonArray   *stroke_array,
             const char  *path,
             GArray      *stroke,
             GError     **error)
{
  for (guint k = 0; k < json_array_get_length (stroke_array); k++)
    {
      JsonNode *pn = json_array_get_element (stroke_array, k);
      JsonArray *pa;
      gint64 v[4] = { 0, 0, -1, -1 };
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (pn) ||
          ((n = json_array_get_length (pa = json_node_get_array (pn))) != 2 && n != 4))
        {
          g_autofree char *full = bf_json_path_index (path, k);

          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
                       _("%s: a point must be a list [x, y] or [x, y, pressure, t]"), full);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          JsonNode *e = json_array_get_element (pa, i);

          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64 ||
              json_node_get_int (e) < -1 || json_node_get_int (e) > G_MAXINT32)
            {
              g_autofree char *pt = bf_json_path_index (path, k);
              g_autofree char *full = bf_json_path_index (pt, i);

              g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
                           _("%s: the value must be %s"), full, _("a whole number from -1 up"));
              return FALSE;
            }
          v[i] = json_node_get_int (e);
        }
      bf_stroke_add_point (stroke, (gint32) v[0], (gint32) v[1], (gint32) v[2], (gint32) v[3]);
    }
  return TRUE;
}

static gboolean
read_signature (JsonObject   *o,
                const char   *path,
                BfSignature  *s,
                GError      **error)
{
  static const char * const fields[] = {
    "party", "status", "at", "version_hash", "note", "strokes", NULL
  };
  JsonArray *strokes;

  CHECK (bf_json_check_fields (o, path, fields, error));
  GET_STR (o, path, "party", TRUE, s->party);
  GET_ENUM (o, path, "status", TRUE, BF_ENUM_SIGNATURE_STATUS, s->status);
  GET_TIME (o, path, "at", FALSE, s->at);
  GET_STR (o, path, "version_hash", FALSE, s->version_hash);
  GET_STR (o, path, "note", FALSE, s->note);
  CHECK (bf_json_get_array (o, path, "strokes", FALSE, &strokes, error));
  for (guint j = 0; strokes != NULL && j < json_array_get_length (strokes); j++)
    {
      JsonNode *sn = json_array_get_element (strokes, j);
      g_autofree char *spath_base = bf_json_path_member (path, "strokes");
      g_autofree char *spath = bf_json_path_index (spath_base, j);
      g_autoptr(GArray) stroke = bf_stroke_new ();

      if (!JSON_NODE_HOLDS_ARRAY (sn))
        {
          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
                       _("%s: the value must be %s"), spath, _("a list"));
          return FALSE;
        }
      CHECK (read_points (json_node_get_array (sn), spath, stroke, error));
      g_ptr_array_add (s->strokes, g_steal_pointer (&stroke));
    }
  return TRUE;
}

static gboolean
read_visit (JsonObject  *o,
            const char  *path,
            BfVisit     *v,
            GError     **error)
{
  static const char * const fields[] = {
    "id", "date", "type", "observations", "fire_risk", "no_access",
    "concern", "next_contact", "author", NULL
  };

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &v->id, error));
  GET_DATE (o, path, "date", TRUE, v->date);
  GET_ENUM (o, path, "type", TRUE, BF_ENUM_VISIT_TYPE, v->type);
  GET_STR (o, path, "observations", FALSE, v->observations);
  GET_BOOL (o, path, "fire_risk", v->fire_risk);
  GET_BOOL (o, path, "no_access", v->no_access);
  GET_BOOL (o, path, "concern", v->concern);
  GET_DATE (o, path, "next_contact", FALSE, v->next_contact);
  GET_STR (o, path, "author", FALSE, v->author);
  return TRUE;
}

static gboolean
read_key_use (JsonObject  *o,
              const char  *path,
              BfKeyUse    *k,
              GError     **error)
{
  static const char * const fields[] = {
    "id", "time", "entry_condition", "notice_given", "notice_to",
    "notice_at", "staff_present", "found_and_done", NULL
  };

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &k->id, error));
  GET_TIME (o, path, "time", TRUE, k->time);
  GET_ENUM (o, path, "entry_condition", TRUE, BF_ENUM_ENTRY_CONDITION, k->condition);
  GET_BOOL (o, path, "notice_given", k->notice_given);
  GET_STR (o, path, "notice_to", FALSE, k->notice_to);
  GET_TIME (o, path, "notice_at", FALSE, k->notice_at);
  CHECK (bf_json_get_string_list (o, path, "staff_present", &k->staff_present, error));
  GET_STR (o, path, "found_and_done", FALSE, k->found_and_done);
  return TRUE;
}

static gboolean
read_evaluation (JsonObject    *o,
                 const char    *path,
                 BfEvaluation  *e,
                 GError       **error)
{
  static const char * const fields[] = {
    "id", "date", "home_visit_done", "measures", "goal_attainment",
    "tenant_view", "decision", "next_date", NULL
  };
  static const char * const review_fields[] = { "measure", "status", "comment", NULL };
  JsonArray *a;
  g_autofree char *mpath = bf_json_path_member (path, "measures");

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &e->id, error));
  GET_DATE (o, path, "date", TRUE, e->date);
  GET_BOOL (o, path, "home_visit_done", e->home_visit_done);
  CHECK (bf_json_get_array (o, path, "measures", FALSE, &a, error));
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      g_autofree char *rpath = bf_json_path_index (mpath, i);
      g_autoptr(BfMeasureReview) r = bf_measure_review_new (NULL, BF_MEASURE_STATUS_NONE);
      JsonObject *ro;

      CHECK (bf_json_element_object (a, mpath, i, &ro, error));
      CHECK (bf_json_check_fields (ro, rpath, review_fields, error));
      GET_STR (ro, rpath, "measure", TRUE, r->measure);
      GET_ENUM (ro, rpath, "status", TRUE, BF_ENUM_MEASURE_STATUS, r->status);
      GET_STR (ro, rpath, "comment", FALSE, r->comment);
      g_ptr_array_add (e->measures, g_steal_pointer (&r));
    }
  GET_STR (o, path, "goal_attainment", FALSE, e->goal_attainment);
  GET_STR (o, path, "tenant_view", FALSE, e->tenant_view);
  GET_ENUM (o, path, "decision", FALSE, BF_ENUM_EVALUATION_DECISION, e->decision);
  GET_DATE (o, path, "next_date", FALSE, e->next_date);
  return TRUE;
}

static gboolean
read_breach (JsonObject  *o,
             const char  *path,
             BfBreach    *b,
             GError     **error)
{
  static const char * const fields[] = {
    "id", "date", "description", "lease_also_breached", "assessment",
    "consequence", NULL
  };

  CHECK (bf_json_check_fields (o, path, fields, error));
  CHECK (get_id (o, path, &b->id, error));
  GET_DATE (o, path, "date", TRUE, b->date);
  GET_STR (o, path, "description", TRUE, b->description);
  GET_BOOL (o, path, "lease_also_breached", b->lease_also_breached);
  GET_STR (o, path, "assessment", FALSE, b->assessment);
  GET_STR (o, path, "consequence", FALSE, b->consequence);
  return TRUE;
}

typedef gboolean (*ReadFunc) (JsonObject *o, const char *path, gpointer item, GError **error);

/* Reads the list @key of @parent into @items; @new_item makes an empty item
 * for @read to fill. */
static gboolean
read_list (JsonObject     *parent,
           const char     *parent_path,
           const char     *key,
           gboolean        required,
           GPtrArray      *items,
           gpointer      (*new_item) (void),
           ReadFunc        read,
           GError        **error)
{
  JsonArray *a;
  g_autofree char *path = bf_json_path_member (parent_path, key);

  CHECK (bf_json_get_array (parent, parent_path, key, required, &a, error));
  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      g_autofree char *ipath = bf_json_path_index (path, i);
      JsonObject *io;
      gpointer item = new_item ();

      /* Owned by @items from here on, so a failure frees it too. */
      g_ptr_array_add (items, item);
      CHECK (bf_json_element_object (a, path, i, &io, error));
      CHECK (read (io, ipath, item, error));
    }
  return TRUE;
}

/* Empty items: the reader fills in every field, including the id, so these
 * must not make ids of their own. */
static gpointer new_party (void) { BfParty *p = g_new0 (BfParty, 1); return p; }
static gpointer new_measure (void) { return g_new0 (BfMeasure, 1); }
static gpointer new_meeting (void) { return g_new0 (BfMeeting, 1); }
static gpointer new_sharing (void) { return g_new0 (BfSharingConsent, 1); }
static gpointer new_signature (void) { return bf_signature_new (NULL); }
static gpointer new_visit (void) { BfVisit *v = bf_visit_new (NULL, 0); g_clear_pointer (&v->id, g_free); return v; }
static gpointer new_key_use (void) { BfKeyUse *k = bf_key_use_new (NULL, 0); g_clear_pointer (&k->id, g_free); return k; }
static gpointer new_evaluation (void) { BfEvaluation *e = bf_evaluation_new (NULL); g_clear_pointer (&e->id, g_free); return e; }
static gpointer new_breach (void) { BfBreach *b = bf_breach_new (NULL, NULL); g_clear_pointer (&b->id, g_free); return b; }

static gboolean
read_schema (JsonObject  *o,
             const char  *expected,
             GError     **error)
{
  g_autofree char *schema = NULL;
  gint64 version;

  CHECK (bf_json_get_string (o, NULL, "schema", TRUE, &schema, error));
  if (strcmp (schema, expected) != 0)
    {
      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_UNSUPPORTED_SCHEMA,
                   _("schema: this is “%s”, not “%s”"), schema, expected);
      return FALSE;
    }
  CHECK (bf_json_get_int (o, NULL, "schema_version", TRUE, 0, G_MAXINT32, &version, error));
  if (version != BF_AGREEMENT_SCHEMA_VERSION)
    {
      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_UNSUPPORTED_SCHEMA,
                   _("schema_version: version %" G_GINT64_FORMAT " is not supported; this version of Bofast reads version %d"),
                   version, BF_AGREEMENT_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_agreement (BfAgreement  *self,
                JsonObject   *root,
                GError      **error)
{
  static const char * const fields[] = {
    "schema", "schema_version", "id", "state", "end_reason", "version",
    "header", "parties", "background", "measures", "responsibility",
    "meetings", "key_access", "breach_consequences", "evaluation",
    "duration", "consent", "signatures", "first_signed_at", "logs", NULL
  };
  static const char * const version_fields[] = {
    "number", "hash", "saved_at", "review_status", "review_comment", NULL
  };
  static const char * const evaluation_fields[] = { "date", "scope", NULL };
  static const char * const duration_fields[] = { "from", "to", NULL };
  static const char * const consent_fields[] = {
    "sharing", "reviewed_orally", "informed_of_rights",
    "tenant_proposed_changes", "copy_given", "copy_given_date", NULL
  };
  static const char * const logs_fields[] = {
    "visits", "key_uses", "evaluations", "breaches", NULL
  };
  JsonObject *o;
  int state = 0, end_reason = 0, review = 0;
  gint64 number = 0;
  g_autofree char *hash = NULL;
  g_autofree char *saved_at = NULL;
  g_autofree char *review_comment = NULL;

  CHECK (bf_json_check_fields (root, NULL, fields, error));

  CHECK (bf_json_get_enum (root, NULL, "state", TRUE, BF_ENUM_AGREEMENT_STATE, &state, error));
  CHECK (bf_json_get_enum (root, NULL, "end_reason", FALSE, BF_ENUM_END_REASON, &end_reason, error));
  if (state == BF_AGREEMENT_STATE_AVSLUTTET && end_reason == BF_END_REASON_NONE)
    {
      g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_MISSING_FIELD,
                           _("end_reason: an ended agreement must say why it ended"));
      return FALSE;
    }

  CHECK (bf_json_get_object (root, NULL, "version", FALSE, &o, error));
  if (o != NULL)
    {
      CHECK (bf_json_check_fields (o, "version", version_fields, error));
      CHECK (bf_json_get_int (o, "version", "number", TRUE, 1, G_MAXINT32, &number, error));
      CHECK (bf_json_get_string (o, "version", "hash", TRUE, &hash, error));
      CHECK (bf_json_get_timestamp (o, "version", "saved_at", FALSE, &saved_at, error));
      CHECK (bf_json_get_enum (o, "version", "review_status", FALSE, BF_ENUM_REVIEW_STATUS, &review, error));
      CHECK (bf_json_get_string (o, "version", "review_comment", FALSE, &review_comment, error));
    }
  else if (bf_lifecycle_is_text_locked (state))
    {
      g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_MISSING_FIELD,
                           _("version: an agreement past the draft stage must carry its saved version"));
      return FALSE;
    }

  CHECK (bf_json_get_object (root, NULL, "header", TRUE, &o, error));
  CHECK (read_header (o, &self->header, error));
  CHECK (read_list (root, NULL, "parties", TRUE, self->parties, new_party, (ReadFunc) read_party, error));
  CHECK (bf_json_get_object (root, NULL, "background", FALSE, &o, error));
  if (o != NULL)
    CHECK (read_background (o, &self->background, error));
  CHECK (read_list (root, NULL, "measures", FALSE, self->measures, new_measure, (ReadFunc) read_measure, error));
  CHECK (bf_json_get_string (root, NULL, "responsibility", FALSE, &self->responsibility, error));
  CHECK (read_list (root, NULL, "meetings", FALSE, self->meetings, new_meeting, (ReadFunc) read_meeting, error));
  CHECK (bf_json_get_object (root, NULL, "key_access", FALSE, &o, error));
  if (o != NULL)
    CHECK (read_key_access (o, &self->key_access, error));
  CHECK (bf_json_get_string (root, NULL, "breach_consequences", FALSE, &self->breach_consequences, error));

  CHECK (bf_json_get_object (root, NULL, "evaluation", FALSE, &o, error));
  if (o != NULL)
    {
      CHECK (bf_json_check_fields (o, "evaluation", evaluation_fields, error));
      CHECK (bf_json_get_date (o, "evaluation", "date", FALSE, &self->evaluation.date, error));
      CHECK (bf_json_get_string (o, "evaluation", "scope", FALSE, &self->evaluation.scope, error));
    }
  CHECK (bf_json_get_object (root, NULL, "duration", FALSE, &o, error));
  if (o != NULL)
    {
      CHECK (bf_json_check_fields (o, "duration", duration_fields, error));
      CHECK (bf_json_get_date (o, "duration", "from", FALSE, &self->duration.from, error));
      CHECK (bf_json_get_date (o, "duration", "to", FALSE, &self->duration.to, error));
      if (self->duration.from && self->duration.to &&
          strcmp (self->duration.from, self->duration.to) > 0)
        {
          g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                               _("duration.to: the agreement ends before it starts"));
          return FALSE;
        }
    }
  CHECK (bf_json_get_object (root, NULL, "consent", FALSE, &o, error));
  if (o != NULL)
    {
      BfConsent *c = &self->consent;

      CHECK (bf_json_check_fields (o, "consent", consent_fields, error));
      CHECK (read_list (o, "consent", "sharing", FALSE, c->sharing, new_sharing, (ReadFunc) read_sharing, error));
      GET_BOOL (o, "consent", "reviewed_orally", c->reviewed_orally);
      GET_BOOL (o, "consent", "informed_of_rights", c->informed_of_rights);
      GET_STR (o, "consent", "tenant_proposed_changes", FALSE, c->tenant_proposed_changes);
      GET_BOOL (o, "consent", "copy_given", c->copy_given);
      GET_DATE (o, "consent", "copy_given_date", FALSE, c->copy_given_date);
    }
  CHECK (read_list (root, NULL, "signatures", FALSE, self->signatures, new_signature, (ReadFunc) read_signature, error));

  /* Bofast writes this time in UTC. Signing needs a saved version, so an
   * agreement without one cannot have been signed by everyone. */
  GET_TIME (root, NULL, "first_signed_at", FALSE, self->first_signed_at);
  if (self->first_signed_at != NULL && !g_str_has_suffix (self->first_signed_at, "Z"))
    {
      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                   _("first_signed_at: “%s” is not a time in UTC in the form YYYY-MM-DDTHH:MM:SSZ"),
                   self->first_signed_at);
      return FALSE;
    }
  if (self->first_signed_at != NULL && number == 0)
    {
      g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                           _("first_signed_at: an agreement without a saved version cannot have been signed"));
      return FALSE;
    }

  CHECK (bf_json_get_object (root, NULL, "logs", FALSE, &o, error));
  if (o != NULL)
    {
      CHECK (bf_json_check_fields (o, "logs", logs_fields, error));
      CHECK (read_list (o, "logs", "visits", FALSE, self->visits, new_visit, (ReadFunc) read_visit, error));
      CHECK (read_list (o, "logs", "key_uses", FALSE, self->key_uses, new_key_use, (ReadFunc) read_key_use, error));
      CHECK (read_list (o, "logs", "evaluations", FALSE, self->evaluations, new_evaluation, (ReadFunc) read_evaluation, error));
      CHECK (read_list (o, "logs", "breaches", FALSE, self->breaches, new_breach, (ReadFunc) read_breach, error));
    }

  CHECK (bf_agreement_check_references (self, error));

  bf_agreement_set_loaded_state (self, state, end_reason, (guint) number, hash,
                                 saved_at, review, review_comment);

  /* Past the draft stage the text is what was signed: it must be exactly
   * the saved version, or someone changed it outside Bofast. */
  if (bf_lifecycle_is_text_locked (state) && bf_agreement_has_unsaved_changes (self))
    {
      g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                           _("version.hash: the text does not match the saved version it claims to be"));
      return FALSE;
    }
  return TRUE;
}

/**
 * bf_agreement_new_from_json_node:
 *
 * Builds an agreement from an already safely parsed tree, validating types,
 * enums, dates, required fields and references.
 *
 * Returns: (transfer full): the agreement, or %NULL with @error (in
 *   %BF_JSON_ERROR) naming the field path
 */
BfAgreement *
bf_agreement_new_from_json_node (JsonNode  *root,
                                 GError   **error)
{
  JsonObject *o;
  g_autofree char *id = NULL;
  g_autoptr(BfAgreement) self = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
                           _("(top level): the agreement must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (root);
  if (!read_schema (o, BF_AGREEMENT_SCHEMA, error) || !get_id (o, NULL, &id, error))
    return NULL;

  self = bf_agreement_new_with_id (id);
  if (!read_agreement (self, o, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * bf_agreement_new_from_json:
 * @data: untrusted bytes
 * @length: their length, or -1 if nul-terminated
 *
 * Returns: (transfer full): the agreement, or %NULL with @error set
 */
BfAgreement *
bf_agreement_new_from_json (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  root = bf_json_parse (data, (gsize) length, 0, 0, error);
  if (root == NULL)
    return NULL;
  return bf_agreement_new_from_json_node (root, error);
}

/**
 * bf_agreement_new_from_draft_json:
 *
 * Like bf_agreement_new_from_json(), for an editor's draft: required
 * fields may be missing, so that a draft can be kept from the first
 * keystroke. Saving a version still needs them.
 */
BfAgreement *
bf_agreement_new_from_draft_json (const char  *data,
                                  gssize       length,
                                  GError     **error)
{
  BfAgreement *agreement;

  reading_draft = TRUE;
  agreement = bf_agreement_new_from_json (data, length, error);
  reading_draft = FALSE;
  return agreement;
}

/* ------------------------------------------------------------------------ */
/* Single log entries                                                        */

static const struct
{
  const char *schema;
  ToJsonFunc  to_json;
  gpointer  (*new_item) (void);
  ReadFunc    read;
  GDestroyNotify free;
} log_kinds[] = {
  [BF_LOG_KIND_VISIT] = { "bofast.visit", (ToJsonFunc) visit_to_json, new_visit, (ReadFunc) read_visit, (GDestroyNotify) bf_visit_free },
  [BF_LOG_KIND_KEY_USE] = { "bofast.key-use", (ToJsonFunc) key_use_to_json, new_key_use, (ReadFunc) read_key_use, (GDestroyNotify) bf_key_use_free },
  [BF_LOG_KIND_EVALUATION] = { "bofast.evaluation", (ToJsonFunc) evaluation_to_json, new_evaluation, (ReadFunc) read_evaluation, (GDestroyNotify) bf_evaluation_free },
  [BF_LOG_KIND_BREACH] = { "bofast.breach", (ToJsonFunc) breach_to_json, new_breach, (ReadFunc) read_breach, (GDestroyNotify) bf_breach_free },
};

const char *
bf_log_kind_to_schema (BfLogKind kind)
{
  g_return_val_if_fail (kind <= BF_LOG_KIND_BREACH, NULL);
  return log_kinds[kind].schema;
}

/**
 * bf_log_entry_to_json:
 * @entry: a BfVisit, BfKeyUse, BfEvaluation or BfBreach, as @kind says
 * @agreement_id: the agreement it belongs to
 *
 * The entry's own fields plus "schema", "schema_version" and "agreement".
 *
 * Returns: (transfer full): canonical JSON
 */
char *
bf_log_entry_to_json (BfLogKind      kind,
                      gconstpointer  entry,
                      const char    *agreement_id,
                      gboolean       pretty)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o;

  g_return_val_if_fail (kind <= BF_LOG_KIND_BREACH, NULL);
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (agreement_id != NULL, NULL);

  o = log_kinds[kind].to_json (entry);
  json_object_set_string_member (o, "schema", log_kinds[kind].schema);
  json_object_set_int_member (o, "schema_version", BF_AGREEMENT_SCHEMA_VERSION);
  json_object_set_string_member (o, "agreement", agreement_id);
  json_node_take_object (node, o);
  return bf_json_to_string (node, pretty);
}

/**
 * bf_log_entry_new_from_json:
 * @agreement_id: (out) (optional): the agreement the entry belongs to
 *
 * Returns: (transfer full): a new BfVisit, BfKeyUse, BfEvaluation or
 *   BfBreach, or %NULL with @error set
 */
gpointer
bf_log_entry_new_from_json (BfLogKind     kind,
                            const char   *data,
                            gssize        length,
                            char        **agreement_id,
                            GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *agreement = NULL;
  JsonObject *o;
  gpointer item;

  g_return_val_if_fail (kind <= BF_LOG_KIND_BREACH, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (data);
  root = bf_json_parse (data, (gsize) length, 0, 0, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
                           _("(top level): the log entry must be a JSON object"));
      return NULL;
    }
  o = json_node_get_object (root);
  if (!read_schema (o, log_kinds[kind].schema, error) ||
      !bf_json_get_string (o, NULL, "agreement", TRUE, &agreement, error))
    return NULL;
  if (!g_uuid_string_is_valid (agreement))
    {
      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                   _("%s: “%s” is not a UUID"), "agreement", agreement);
      return NULL;
    }
  json_object_remove_member (o, "schema");
  json_object_remove_member (o, "schema_version");
  json_object_remove_member (o, "agreement");

  item = log_kinds[kind].new_item ();
  if (!log_kinds[kind].read (o, NULL, item, error))
    {
      log_kinds[kind].free (item);
      return NULL;
    }
  if (agreement_id != NULL)
    *agreement_id = g_steal_pointer (&agreement);
  return item;
}
