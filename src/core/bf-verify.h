/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bf-record.h"
#include "bf-share.h"

G_BEGIN_DECLS

/*
 * An audit of a share that needs no secret key: the manifest, every member,
 * revocation and request signature, and every feed (each record's
 * signature by its author's member key, the key's validity at the record's
 * time, seq contiguous from 1, prev = SHA-256 of the previous .age file,
 * unsigned and orphan files). A problem makes the share fail the audit; a
 * warning (an interrupted write that its author's next sync will finish or
 * clean up) does not.
 *
 * bf_verify_record() is the per-record check that pull uses too.
 */

typedef enum
{
  BF_VERIFY_PROBLEM,
  BF_VERIFY_WARNING,
} BfVerifySeverity;

typedef struct
{
  BfVerifySeverity  severity;
  char             *path;      /* relative to the share's root */
  char             *message;
} BfVerifyFinding;

#define BF_TYPE_VERIFY_REPORT (bf_verify_report_get_type ())

G_DECLARE_FINAL_TYPE (BfVerifyReport, bf_verify_report, BF, VERIFY_REPORT, GObject)

BfRecord       *bf_verify_record              (BfShare        *share,
                                               const char     *member_id,
                                               gint64          seq,
                                               const char     *expected_prev,
                                               const char     *not_before,
                                               GBytes         *age,
                                               GBytes         *signature,
                                               GError        **error);

BfVerifyReport *bf_verify_share               (GFile          *root,
                                               GCancellable   *cancellable,
                                               GError        **error);
void            bf_verify_share_async         (GFile          *root,
                                               GCancellable   *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer        user_data);
BfVerifyReport *bf_verify_share_finish        (GAsyncResult   *result,
                                               GError        **error);

guint           bf_verify_report_get_n_problems (BfVerifyReport *self);
guint           bf_verify_report_get_n_warnings (BfVerifyReport *self);
guint           bf_verify_report_get_n_records  (BfVerifyReport *self);
guint           bf_verify_report_get_n_members  (BfVerifyReport *self);
GPtrArray      *bf_verify_report_get_findings   (BfVerifyReport *self);
gboolean        bf_verify_report_has_problem_at (BfVerifyReport *self,
                                                 const char     *path_prefix);
JsonNode       *bf_verify_report_to_json        (BfVerifyReport *self);
char           *bf_verify_report_to_text        (BfVerifyReport *self);

G_END_DECLS
