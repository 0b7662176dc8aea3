/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-record.h"
#include "bf-store.h"

G_BEGIN_DECLS

/*
 * The member's own feed, in the feed table of bofast.db. A record is sealed,
 * signed and chained when it is created, in one transaction: seq is the
 * next number, prev the hash of the previous .age. Sync later pushes the
 * rows that are not yet marked pushed.
 *
 * Records are created by the agreement store (bf-agreement-store.h), in the
 * same transaction as the version, signing or log entry they record, through
 * bf_feed_add(); bf_feed_append() is the lower-level call that always seals
 * (a review, tests, benchmarks).
 *
 * Readers: a record is always encrypted to its author. The other recipients
 * (the supervisors of the author's unit and the organisation's recovery
 * recipient) come from the last contact with the share and are kept in the
 * meta key "share.recipients"; bf_share_remember() refreshes them from
 * members/ on every sync, so a supervisor enrolled later reads the records
 * created after the author's next sync. Records sealed before that are not
 * encrypted again: age has no way to add a reader to a sealed file, and the
 * signed .age bytes on the share never change.
 *
 * The outbox: a profile may save agreements before it has joined any share.
 * Its records cannot be sealed then, since nobody but the author could ever
 * read them, and they must not be faked or lost either. bf_feed_add() keeps
 * them in the outbox table (kind, subject, body, creation time) inside the
 * encrypted database. When the readers become known (bf_feed_set_recipients()
 * with a non-empty list, called by bf_share_remember() on `share request`
 * and on every sync), the outbox is sealed into the feed in creation order;
 * seq, prev and the record's time are assigned then. A record is therefore
 * sealed at the first moment its readers are known, and its time is the
 * time it was sealed (the author's key is valid then); the body keeps the
 * times of what it records (a version's saved_at, a visit's date).
 */

#define BF_FEED_ERROR (bf_feed_error_quark ())

typedef enum
{
  BF_FEED_ERROR_NO_SHARE,      /* no recipients known yet */
  BF_FEED_ERROR_FAILED,
} BfFeedError;

#define BF_FEED_META_RECIPIENTS "share.recipients"

GQuark      bf_feed_error_quark             (void);

char       *bf_feed_dup_member_id           (BfStore       *store,
                                             GError       **error);
GBytes     *bf_feed_dup_sign_key            (BfStore       *store,
                                             GError       **error);
BfSecret   *bf_feed_dup_sign_secret         (BfStore       *store,
                                             GError       **error);

GPtrArray  *bf_feed_dup_recipients          (BfStore       *store,
                                             GError       **error);
gboolean    bf_feed_set_recipients          (BfStore       *store,
                                             GPtrArray     *recipients,
                                             GError       **error);

typedef struct _BfFeedBatch BfFeedBatch;

void        bf_feed_batch_free              (BfFeedBatch   *batch);

gboolean    bf_feed_add                     (BfStore       *store,
                                             BfFeedBatch  **batch,
                                             BfRecordKind   kind,
                                             const char    *subject,
                                             const char    *body_json,
                                             GDateTime     *now,
                                             GError       **error);
gboolean    bf_feed_seal_outbox             (BfStore       *store,
                                             GDateTime     *now,
                                             guint         *out_sealed,
                                             GError       **error);
gint64      bf_feed_count_outbox            (BfStore       *store,
                                             GError       **error);

BfRecord   *bf_feed_append                  (BfStore       *store,
                                             BfRecordKind   kind,
                                             const char    *subject,
                                             const char    *body_json,
                                             GPtrArray     *recipients,
                                             GDateTime     *now,
                                             GError       **error);

gboolean    bf_feed_get_head                (BfStore       *store,
                                             gint64        *out_seq,
                                             char         **out_hash,
                                             GError       **error);
BfRecord   *bf_feed_get_record              (BfStore       *store,
                                             gint64         seq,
                                             GError       **error);
GPtrArray  *bf_feed_list                    (BfStore       *store,
                                             gint64         from_seq,
                                             gboolean       unpushed_only,
                                             guint          limit,
                                             GError       **error);
gboolean    bf_feed_set_pushed              (BfStore       *store,
                                             gint64         seq,
                                             gboolean       pushed,
                                             GError       **error);
gboolean    bf_feed_set_pushed_many         (BfStore       *store,
                                             GArray        *seqs,
                                             GError       **error);
gint64      bf_feed_count_unpushed          (BfStore       *store,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfFeedBatch, bf_feed_batch_free)

G_END_DECLS
