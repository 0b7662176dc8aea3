/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-verify"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-minisign.h"
#include "bf-verify.h"

struct _BfVerifyReport
{
  GObject    parent_instance;

  /* Owned */
  char      *org_name;
  char      *org_key;
  GPtrArray *findings;
  guint      n_problems;
  guint      n_warnings;
  guint      n_members;
  guint      n_revoked;
  guint      n_feeds;
  guint      n_records;
};

G_DEFINE_FINAL_TYPE (BfVerifyReport, bf_verify_report, G_TYPE_OBJECT)

static void
finding_free (BfVerifyFinding *f)
{
  g_free (f->path);
  g_free (f->message);
  g_free (f);
}

static void
bf_verify_report_finalize (GObject *object)
{
  BfVerifyReport *self = (BfVerifyReport *)object;

  g_free (self->org_name);
  g_free (self->org_key);
  g_ptr_array_unref (self->findings);

  G_OBJECT_CLASS (bf_verify_report_parent_class)->finalize (object);
}

static void
bf_verify_report_class_init (BfVerifyReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bf_verify_report_finalize;
}

static void
bf_verify_report_init (BfVerifyReport *self)
{
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
}

static void
add (BfVerifyReport   *self,
     BfVerifySeverity  severity,
     const char       *path,
     const char       *message)
{
  BfVerifyFinding *f = g_new0 (BfVerifyFinding, 1);

  f->severity = severity;
  f->path = g_strdup (path);
  f->message = g_strdup (message);
  g_ptr_array_add (self->findings, f);
  if (severity == BF_VERIFY_PROBLEM)
    self->n_problems++;
  else
    self->n_warnings++;
}

/**
 * bf_verify_record:
 * @share: a share with its members loaded
 * @expected_prev: (nullable): the previous record's hash, when known
 * @not_before: (nullable): the previous record's time, when known: times in
 *   a feed never decrease, so a stolen key cannot backdate a record to
 *   before its revocation once a later record has been seen
 *
 * Verifies one record of @member_id's feed: the author is an enrolled
 * member, the signature is by their key, the trusted comment matches the
 * file's place, and the key was valid (not yet revoked) at the record's
 * time.
 *
 * Returns: (transfer full): the verified record, not decrypted
 */
BfRecord *
bf_verify_record (BfShare     *share,
                  const char  *member_id,
                  gint64       seq,
                  const char  *expected_prev,
                  const char  *not_before,
                  GBytes      *age,
                  GBytes      *signature,
                  GError     **error)
{
  g_autoptr(BfRecord) record = NULL;
  BfMember *member;

  g_return_val_if_fail (BF_IS_SHARE (share), NULL);
  g_return_val_if_fail (age != NULL && signature != NULL, NULL);

  member = bf_share_lookup_member (share, member_id);
  if (member == NULL)
    {
      g_set_error (error, BF_MEMBER_ERROR, BF_MEMBER_ERROR_INVALID,
                   _("%s is not an enrolled member (no valid member file signed by the organisation)"),
                   member_id);
      return NULL;
    }

  record = bf_record_verify (age, g_bytes_get_data (signature, NULL), g_bytes_get_size (signature),
                             member->sign_key, member_id, seq, expected_prev, error);
  if (record == NULL)
    return NULL;

  if (not_before != NULL && strcmp (bf_record_get_time (record), not_before) < 0)
    {
      g_set_error (error, BF_RECORD_ERROR, BF_RECORD_ERROR_BROKEN_CHAIN,
                   _("Record %" G_GINT64_FORMAT " is dated %s, before the record it follows (%s): "
                     "it may be backdated"), seq, bf_record_get_time (record), not_before);
      return NULL;
    }

  if (!bf_member_check_time (member, bf_record_get_time (record), error))
    return NULL;

  return g_steal_pointer (&record);
}

typedef struct
{
  gboolean age;
  gboolean sig;
} Pair;

static void
verify_feed (BfVerifyReport *self,
             BfShare        *share,
             GFile          *dir,
             const char     *member_id,
             GCancellable   *cancellable)
{
  g_autoptr(GFileEnumerator) en = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seqs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *prev = NULL;
  g_autofree char *prev_time = NULL;
  gint64 max = 0;

  en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                  cancellable, &error);
  if (en == NULL)
    {
      g_autofree char *path = g_strdup_printf ("records/%s", member_id);
      add (self, BF_VERIFY_PROBLEM, path, error->message);
      return;
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      gint64 seq = 0;
      gboolean is_sig = FALSE;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, &error))
        {
          g_autofree char *path = g_strdup_printf ("records/%s", member_id);
          add (self, BF_VERIFY_PROBLEM, path, error->message);
          return;
        }
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);

      if (bf_record_parse_file_name (name, &seq, &is_sig))
        {
          Pair *p = g_hash_table_lookup (seqs, &seq);

          if (p == NULL)
            {
              p = g_new0 (Pair, 1);
              g_hash_table_insert (seqs, g_memdup2 (&seq, sizeof seq), p);
            }
          if (is_sig)
            p->sig = TRUE;
          else
            p->age = TRUE;
          max = MAX (max, seq);
        }
      else
        {
          g_autofree char *path = g_strdup_printf ("records/%s/%s", member_id, name);

          if (g_str_has_prefix (name, BF_SHARE_TEMP_PREFIX))
            add (self, BF_VERIFY_WARNING, path, _("a temporary file from an interrupted write"));
          else
            add (self, BF_VERIFY_PROBLEM, path, _("an unexpected file in a feed"));
        }
    }

  self->n_feeds++;
  prev = g_strdup (BF_RECORD_ZERO_HASH);

  for (gint64 seq = 1; seq <= max; seq++)
    {
      g_autofree char *age_name = bf_record_file_name (seq);
      g_autofree char *sig_name = g_strconcat (age_name, BF_SHARE_SIG_SUFFIX, NULL);
      g_autofree char *path = g_strdup_printf ("records/%s/%s", member_id, age_name);
      g_autoptr(GFile) age_file = g_file_get_child (dir, age_name);
      g_autoptr(GFile) sig_file = g_file_get_child (dir, sig_name);
      g_autoptr(GBytes) age = NULL;
      g_autoptr(GBytes) sig = NULL;
      g_autoptr(BfRecord) record = NULL;
      g_autoptr(GError) local_error = NULL;
      Pair *p = g_hash_table_lookup (seqs, &seq);

      if (p == NULL || !p->age)
        {
          add (self, BF_VERIFY_PROBLEM, path,
               p ? _("a signature without its record (the record was deleted)")
                 : _("missing: the feed has a gap here (a record was deleted)"));
          g_clear_pointer (&prev, g_free);
          continue;
        }
      if (!p->sig)
        {
          if (seq == max)
            add (self, BF_VERIFY_WARNING, path,
                 _("not yet signed on the share: an interrupted push that its author’s next sync completes"));
          else
            add (self, BF_VERIFY_PROBLEM, path, _("unsigned (no .minisig)"));
          g_clear_pointer (&prev, g_free);
          continue;
        }

      age = bf_share_read_file (age_file, BF_RECORD_MAX_FILE_SIZE, cancellable, &local_error);
      if (age != NULL)
        sig = bf_share_read_file (sig_file, BF_MINISIGN_MAX_SIGNATURE, cancellable, &local_error);
      if (sig != NULL)
        record = bf_verify_record (share, member_id, seq, prev, prev_time, age, sig, &local_error);

      g_clear_pointer (&prev, g_free);
      if (record == NULL)
        {
          add (self, BF_VERIFY_PROBLEM, path, local_error->message);
          /* The next record's prev names the original bytes, which are
           * gone: skip its chain check, so one damaged record is one
           * finding, not one for every record after it. */
          continue;
        }

      self->n_records++;
      prev = g_strdup (bf_record_get_hash (record));
      g_free (prev_time);
      prev_time = g_strdup (bf_record_get_time (record));
    }
}

static void
verify_requests (BfVerifyReport *self,
                 BfShare        *share,
                 GCancellable   *cancellable)
{
  g_autoptr(GFile) dir = g_file_get_child (bf_share_get_root (share), "requests");
  g_autoptr(GFileEnumerator) en = NULL;

  en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                  cancellable, NULL);
  if (en == NULL)
    return;

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autoptr(BfMember) m = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, NULL) || info == NULL)
        break;
      name = g_file_info_get_name (info);
      path = g_strconcat ("requests/", name, NULL);

      if (g_str_has_suffix (name, ".json" BF_SHARE_SIG_SUFFIX) || g_str_has_prefix (name, BF_SHARE_TEMP_PREFIX))
        continue;
      if (!g_str_has_suffix (name, ".json"))
        {
          add (self, BF_VERIFY_PROBLEM, path, _("an unexpected file"));
          continue;
        }
      id = g_strndup (name, strlen (name) - 5);
      m = bf_share_read_request (share, id, cancellable, &error);
      if (m == NULL)
        add (self, BF_VERIFY_PROBLEM, path, error->message);
    }
}

static void
verify_top_level (BfVerifyReport *self,
                  GFile          *root,
                  GCancellable   *cancellable)
{
  static const char * const known[] = {
    BF_SHARE_MANIFEST, BF_SHARE_MANIFEST BF_SHARE_SIG_SUFFIX,
    "members", "revocations", "requests", "records", NULL };
  g_autoptr(GFileEnumerator) en = NULL;

  en = g_file_enumerate_children (root, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                  cancellable, NULL);
  while (en != NULL)
    {
      GFileInfo *info = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, NULL) || info == NULL)
        break;
      name = g_file_info_get_name (info);
      /* Not a problem for the records, but nothing Bofast wrote. */
      if (!g_strv_contains (known, name) && !g_str_has_prefix (name, BF_SHARE_TEMP_PREFIX))
        add (self, BF_VERIFY_WARNING, name, _("an unexpected file at the top of the share"));
    }
}

/**
 * bf_verify_share:
 *
 * Audits the share at @root. Fails only when it cannot be read at all;
 * everything else is a finding in the report.
 */
BfVerifyReport *
bf_verify_share (GFile         *root,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(BfVerifyReport) self = g_object_new (BF_TYPE_VERIFY_REPORT, NULL);
  g_autoptr(BfShare) share = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) records = NULL;
  g_autoptr(GFileEnumerator) en = NULL;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  share = bf_share_open (root, cancellable, &local_error);
  if (share == NULL)
    {
      if (g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_BAD_SIGNATURE) ||
          g_error_matches (local_error, BF_SHARE_ERROR, BF_SHARE_ERROR_INVALID))
        {
          add (self, BF_VERIFY_PROBLEM, BF_SHARE_MANIFEST, local_error->message);
          return g_steal_pointer (&self);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self->org_name = g_strdup (bf_share_get_org_name (share));
  self->org_key = bf_minisign_public_key_to_string (bf_share_get_org_key (share));

  if (!bf_share_load_members (share, problems, cancellable, error))
    return NULL;
  for (guint i = 0; i < problems->len; i++)
    {
      const char *text = g_ptr_array_index (problems, i);
      const char *colon = strstr (text, ": ");
      g_autofree char *path = colon ? g_strndup (text, colon - text) : g_strdup ("members");

      add (self, BF_VERIFY_PROBLEM, path, colon ? colon + 2 : text);
    }

  members = bf_share_list_members (share);
  self->n_members = members->len;
  for (guint i = 0; i < members->len; i++)
    if (((BfMember *) g_ptr_array_index (members, i))->revoked_at != NULL)
      self->n_revoked++;

  verify_requests (self, share, cancellable);
  verify_top_level (self, root, cancellable);

  records = g_file_get_child (root, "records");
  en = g_file_enumerate_children (records, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (en == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          bf_share_set_io_error (error, local_error, "records");
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      const char *name;
      g_autofree char *path = NULL;

      if (!g_file_enumerator_iterate (en, &info, NULL, cancellable, &local_error))
        {
          bf_share_set_io_error (error, local_error, "records");
          return NULL;
        }
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);
      path = g_strconcat ("records/", name, NULL);

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        add (self, BF_VERIFY_PROBLEM, path, _("an unexpected file"));
      else if (!bf_member_id_is_valid (name) || bf_share_lookup_member (share, name) == NULL)
        add (self, BF_VERIFY_PROBLEM, path, _("a feed of someone who is not an enrolled member"));
      else
        {
          g_autoptr(GFile) dir = g_file_get_child (records, name);
          verify_feed (self, share, dir, name, cancellable);
        }
    }

  return g_steal_pointer (&self);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  BfVerifyReport *report = bf_verify_share (task_data, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

void
bf_verify_share_async (GFile               *root,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (G_IS_FILE (root));

  g_task_set_source_tag (task, bf_verify_share_async);
  g_task_set_task_data (task, g_object_ref (root), g_object_unref);
  g_task_run_in_thread (task, verify_thread);
}

BfVerifyReport *
bf_verify_share_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
bf_verify_report_get_n_problems (BfVerifyReport *self)
{
  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), 0);
  return self->n_problems;
}

guint
bf_verify_report_get_n_warnings (BfVerifyReport *self)
{
  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), 0);
  return self->n_warnings;
}

guint
bf_verify_report_get_n_records (BfVerifyReport *self)
{
  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), 0);
  return self->n_records;
}

guint
bf_verify_report_get_n_members (BfVerifyReport *self)
{
  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), 0);
  return self->n_members;
}

/**
 * bf_verify_report_get_findings:
 *
 * Returns: (transfer none) (element-type BfVerifyFinding): in the order found
 */
GPtrArray *
bf_verify_report_get_findings (BfVerifyReport *self)
{
  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), NULL);
  return self->findings;
}

gboolean
bf_verify_report_has_problem_at (BfVerifyReport *self,
                                 const char     *path_prefix)
{
  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), FALSE);

  for (guint i = 0; i < self->findings->len; i++)
    {
      BfVerifyFinding *f = g_ptr_array_index (self->findings, i);
      if (f->severity == BF_VERIFY_PROBLEM && g_str_has_prefix (f->path, path_prefix))
        return TRUE;
    }
  return FALSE;
}

JsonNode *
bf_verify_report_to_json (BfVerifyReport *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, self->n_problems == 0);
  json_builder_set_member_name (b, "org_name");
  json_builder_add_string_value (b, self->org_name);
  json_builder_set_member_name (b, "org_key");
  json_builder_add_string_value (b, self->org_key);
  json_builder_set_member_name (b, "members");
  json_builder_add_int_value (b, self->n_members);
  json_builder_set_member_name (b, "revoked");
  json_builder_add_int_value (b, self->n_revoked);
  json_builder_set_member_name (b, "feeds");
  json_builder_add_int_value (b, self->n_feeds);
  json_builder_set_member_name (b, "records");
  json_builder_add_int_value (b, self->n_records);
  json_builder_set_member_name (b, "problems");
  json_builder_add_int_value (b, self->n_problems);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_int_value (b, self->n_warnings);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    {
      BfVerifyFinding *f = g_ptr_array_index (self->findings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, f->severity == BF_VERIFY_PROBLEM ? "problem" : "warning");
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, f->path);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
bf_verify_report_to_text (BfVerifyReport *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (BF_IS_VERIFY_REPORT (self), NULL);

  if (self->org_name != NULL)
    /* Translators: the organisation's name and its minisign public key. */
    g_string_append_printf (out, _("Share of %s (organisation key %s)\n"), self->org_name, self->org_key);
  g_string_append_printf (out, _("%u members (%u revoked), %u feeds, %u records verified\n"),
                          self->n_members, self->n_revoked, self->n_feeds, self->n_records);

  for (guint i = 0; i < self->findings->len; i++)
    {
      BfVerifyFinding *f = g_ptr_array_index (self->findings, i);

      g_string_append_printf (out, "%s %s: %s\n",
                              f->severity == BF_VERIFY_PROBLEM ? _("PROBLEM") : _("warning"),
                              f->path, f->message);
    }

  if (self->n_problems == 0)
    g_string_append_printf (out, ngettext ("OK: every signature, chain and key checks out (%u warning)\n",
                                           "OK: every signature, chain and key checks out (%u warnings)\n",
                                           self->n_warnings), self->n_warnings);
  else
    g_string_append_printf (out, ngettext ("FAILED: %u problem\n", "FAILED: %u problems\n",
                                           self->n_problems), self->n_problems);
  return g_string_free (out, FALSE);
}
