/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-record.h"
#include "bf-store.h"

G_BEGIN_DECLS

/*
 * The member's own feed, in the feed table of bofast.db. A record is sealed,
 * signed and chained when it is created (bf_feed_append), in one
 * transaction: seq is the next number, prev the hash of the previous .age.
 * Sync later pushes the rows that are not yet marked pushed.
 *
 * Readers: a record is always encrypted to its author. The other recipients
 * (the supervisors of the author's unit and the organisation's recovery
 * recipient) come from the last contact with the share and are kept in the
 * meta key "share.recipients"; pass %NULL to use them. A profile that has
 * never seen a share cannot create records, because they would be unreadable
 * for anyone but the author, forever.
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

G_END_DECLS
