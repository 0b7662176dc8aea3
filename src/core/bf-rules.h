/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bf-agreement.h"
#include "bf-json.h"

G_BEGIN_DECLS

/*
 * The rules of DOMAIN.md (R01–R15) as data: a static table of descriptors,
 * and one check per rule that turns an agreement, its logs and a given
 * "today" into findings. Rules never read the clock and never change the
 * agreement; a warning explains itself in one sentence and cites its source.
 */

typedef enum
{
  BF_RULE_KIND_BLOCKS,     /* signing is refused until fixed */
  BF_RULE_KIND_WARNS,
  BF_RULE_KIND_ADVISES,
  BF_RULE_KIND_REMINDS,
  BF_RULE_KIND_RED_LAMP,   /* shown on the dashboard as a red lamp */
} BfRuleKind;

typedef struct
{
  const char *id;          /* "R01" … "R15" */
  const char *variant;     /* NULL, or e.g. "after-lease" when one rule has two kinds */
  BfRuleKind  kind;
  const char *field;       /* the JSON field path it is about */
  const char *message_nb;  /* one sentence, Bokmål */
  const char *message_en;  /* one sentence, English source string (translatable) */
  const char *source;      /* in plain words, with document and line */
} BfRule;

typedef struct
{
  char       *rule_id;
  BfRuleKind  kind;
  char       *field;       /* the precise path, e.g. "header.lease_signed" */
  char       *message_nb;
  char       *message_en;
  char       *source;
} BfFinding;

const BfRule *bf_rules_get_all            (guint          *n_rules);
const BfRule *bf_rules_lookup             (const char     *id,
                                           const char     *variant);
const char   *bf_rule_kind_to_string      (BfRuleKind      kind);

GPtrArray    *bf_rules_check              (BfAgreement    *agreement,
                                           const GDate    *today);
gboolean      bf_findings_block_signing   (GPtrArray      *findings);
BfFinding    *bf_findings_first_blocking  (GPtrArray      *findings);
BfFinding    *bf_findings_find            (GPtrArray      *findings,
                                           const char     *rule_id);
void          bf_finding_free             (BfFinding      *finding);
char         *bf_findings_to_json         (GPtrArray      *findings,
                                           gboolean        pretty);

/* The free-text readers behind R07 and R11, exposed for tests and for
 * highlighting in the editor. */
typedef enum
{
  BF_INTRUSIVE_NONE            = 0,
  BF_INTRUSIVE_ALCOHOL_BAN     = 1 << 0,
  BF_INTRUSIVE_VISITOR_LIMIT   = 1 << 1,
  BF_INTRUSIVE_COMPULSORY      = 1 << 2,
  BF_INTRUSIVE_WEAPONS         = 1 << 3,
  BF_INTRUSIVE_MAIL            = 1 << 4,
  BF_INTRUSIVE_EXPULSION       = 1 << 5,
} BfIntrusiveCondition;

gboolean              bf_text_threatens_tenancy       (const char *text);
gboolean              bf_text_allows_entry_any_time   (const char *text);
BfIntrusiveCondition  bf_text_find_intrusive_conditions (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfFinding, bf_finding_free)

G_END_DECLS
