/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-profile.h"

G_BEGIN_DECLS

typedef enum
{
  BF_SYNC_STATE_NO_SHARE,     /* this profile has not joined a share */
  BF_SYNC_STATE_NEVER,        /* joined, never synced */
  BF_SYNC_STATE_SYNCING,
  BF_SYNC_STATE_UP_TO_DATE,
  BF_SYNC_STATE_PENDING,      /* synced, but records wait (not enrolled yet) */
  BF_SYNC_STATE_OFFLINE,      /* no network, or the share cannot be reached */
  BF_SYNC_STATE_READ_ONLY,    /* the share cannot be written */
  BF_SYNC_STATE_PROBLEM,      /* quarantined records or alarms */
  BF_SYNC_STATE_ERROR,        /* any other failure; see the error message */
} BfSyncState;

typedef enum
{
  BF_SYNC_PROBLEM_QUARANTINE,
  BF_SYNC_PROBLEM_TAMPER,
  BF_SYNC_PROBLEM_FORK,
} BfSyncProblemKind;

typedef struct
{
  BfSyncProblemKind  kind;
  char              *author;       /* member id */
  char              *author_name;  /* (nullable): from the share's member list */
  gint64             seq;
  char              *reason;       /* the core's technical reason */
  gboolean           mine;         /* the author is this profile */
} BfSyncProblem;

#define BF_TYPE_SYNC_CONTROLLER (bf_sync_controller_get_type ())

G_DECLARE_FINAL_TYPE (BfSyncController, bf_sync_controller, BF, SYNC_CONTROLLER, GObject)

BfSyncController *bf_sync_controller_new                 (void);
void              bf_sync_controller_set_profile         (BfSyncController    *self,
                                                          BfProfile           *profile);
BfProfile        *bf_sync_controller_get_profile         (BfSyncController    *self);
void              bf_sync_controller_sync_now            (BfSyncController    *self);

BfSyncState       bf_sync_controller_get_state           (BfSyncController    *self);
gboolean          bf_sync_controller_get_busy            (BfSyncController    *self);
gboolean          bf_sync_controller_get_has_share       (BfSyncController    *self);
const char       *bf_sync_controller_get_share_uri       (BfSyncController    *self);
GDateTime        *bf_sync_controller_get_last_success    (BfSyncController    *self);
guint             bf_sync_controller_get_pending         (BfSyncController    *self);
const char       *bf_sync_controller_get_error_message   (BfSyncController    *self);
GPtrArray        *bf_sync_controller_get_problems        (BfSyncController    *self);
guint             bf_sync_controller_get_interval_minutes (BfSyncController   *self);
void              bf_sync_controller_set_interval_minutes (BfSyncController   *self,
                                                           guint               minutes);

void              bf_sync_controller_join_async          (BfSyncController    *self,
                                                          const char          *location,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          bf_sync_controller_join_finish         (BfSyncController    *self,
                                                          GAsyncResult        *result,
                                                          char               **out_member_id,
                                                          char               **out_fingerprint,
                                                          char               **out_org_name,
                                                          GError             **error);

GFile            *bf_sync_location_to_file               (const char          *location);

G_END_DECLS
