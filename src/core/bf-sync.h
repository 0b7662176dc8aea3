/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-store.h"

G_BEGIN_DECLS

/*
 * One sync with the share: push, pull, witness.
 *
 * Push writes this member's unpushed records in seq order, the .age file
 * then the .minisig (the signature marks the pair complete), each through
 * bf_share_publish(); a record is marked pushed only when both are in
 * place. The member's own feed on the share is compared with the local one
 * first: a missing file is pushed again, a changed one raises an alarm.
 *
 * Pull reads, for every other feed, the records past the witness (the
 * highest seq and hash seen), checks each (member, signature, validity and
 * revocation, chain), decrypts what is addressed to us and stores it. A
 * record that fails is quarantined with its reason and that feed stops
 * there; the other feeds go on. A feed that shrinks, loses a record or
 * changes below the witness raises a tamper alarm.
 *
 * Everything is idempotent: file names are fixed by seq, a file already
 * there with the same bytes counts as written, pulled rows are keyed by
 * (author, seq), so an interrupted sync simply runs again.
 */

#define BF_SYNC_META_LAST_SUCCESS  "sync.last_success"
#define BF_SYNC_DEFAULT_TIMEOUT    60

typedef struct
{
  guint      pushed;         /* records written now */
  guint      already_there;  /* records found on the share with the same bytes */
  guint      repushed;       /* pushed before, missing on the share, pushed again */
  guint      pending;        /* still unpushed afterwards */
  guint      pulled;         /* new records from other feeds */
  guint      readable;       /* of those, addressed to us */
  guint      feeds;
  gboolean   enrolled;       /* a member whose key is valid now; else nothing is pushed */
  GPtrArray *alarms;         /* (element-type utf8): fork and tamper alarms */
  GPtrArray *quarantined;    /* (element-type utf8): "author/seq: reason" */
} BfSyncSummary;

void           bf_sync_summary_free  (BfSyncSummary        *summary);

BfSyncSummary *bf_sync_run           (BfStore              *store,
                                      GFile                *root,
                                      const char           *unit,
                                      GCancellable         *cancellable,
                                      GError              **error);
void           bf_sync_run_async     (BfStore              *store,
                                      GFile                *root,
                                      const char           *unit,
                                      guint                 timeout_seconds,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
BfSyncSummary *bf_sync_run_finish    (GAsyncResult         *result,
                                      GError              **error);

GPtrArray     *bf_sync_list_pulled   (BfStore              *store,
                                      const char           *subject,
                                      GError              **error);
GPtrArray     *bf_sync_dup_problems  (BfStore              *store,
                                      GError              **error);
guint          bf_sync_count_alarms  (BfStore              *store);
guint          bf_sync_count_quarantined (BfStore          *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfSyncSummary, bf_sync_summary_free)

G_END_DECLS
