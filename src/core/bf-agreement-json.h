/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-agreement.h"

G_BEGIN_DECLS

/*
 * The agreement JSON (docs/agreement-json.md): the format of exports, of
 * `bofastctl agreement import/export --json`, and of the payload of
 * `agreement.version` records. Keys are English snake_case; enum values are
 * the Norwegian tokens of bf-enums.h.
 */

#define BF_AGREEMENT_SCHEMA         "bofast.agreement"
#define BF_AGREEMENT_SCHEMA_VERSION 1

typedef enum
{
  BF_AGREEMENT_JSON_DEFAULT      = 0,
  BF_AGREEMENT_JSON_PRETTY       = 1 << 0,  /* indented, for files people read */
  BF_AGREEMENT_JSON_WITH_LOGS    = 1 << 1,  /* add "logs" with all four logs */
  BF_AGREEMENT_JSON_CONTENT_ONLY = 1 << 2,  /* only the signed text: what the hash covers */
} BfAgreementJsonFlags;

typedef enum
{
  BF_LOG_KIND_VISIT,
  BF_LOG_KIND_KEY_USE,
  BF_LOG_KIND_EVALUATION,
  BF_LOG_KIND_BREACH,
} BfLogKind;

JsonNode    *bf_agreement_to_json_node    (BfAgreement           *self,
                                           BfAgreementJsonFlags   flags);
char        *bf_agreement_to_json         (BfAgreement           *self,
                                           BfAgreementJsonFlags   flags);
BfAgreement *bf_agreement_new_from_json   (const char            *data,
                                           gssize                 length,
                                           GError               **error);
BfAgreement *bf_agreement_new_from_json_node (JsonNode           *root,
                                              GError            **error);
BfAgreement *bf_agreement_new_from_draft_json (const char        *data,
                                               gssize             length,
                                               GError           **error);

/* One log entry, e.g. as the payload of a `visit` record. */
char        *bf_log_entry_to_json         (BfLogKind              kind,
                                           gconstpointer          entry,
                                           const char            *agreement_id,
                                           gboolean               pretty);
gpointer     bf_log_entry_new_from_json   (BfLogKind              kind,
                                           const char            *data,
                                           gssize                 length,
                                           char                 **agreement_id,
                                           GError               **error);
const char  *bf_log_kind_to_schema        (BfLogKind              kind);

G_END_DECLS
