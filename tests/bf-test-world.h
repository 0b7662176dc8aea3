/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-member.h"
#include "bf-profile.h"
#include "bf-share.h"
#include "bf-store.h"
#include "bf-sync.h"

G_BEGIN_DECLS

/* A share in a plain folder with an administrator, and members with real
 * (cheap-KDF) profiles, for the share, verify and sync tests. */

#define BF_TEST_PASSPHRASE "et langt nok passord"
#define BF_TEST_SUBJECT    "0b6f3a52-5a3e-4d2c-9a55-0b1a7c9d2e11"

typedef struct
{
  BfProfile *profile;
  BfStore   *store;
  char      *id;
  char      *unit;
} BfTestMember;

typedef struct
{
  char      *base;
  char      *share_path;
  char      *admin_dir;
  GFile     *root;
  BfShare   *share;
  GPtrArray *members;
} BfTestWorld;

void           bf_test_world_init        (BfTestWorld  *w);
void           bf_test_world_init_at     (BfTestWorld  *w,
                                          GFile        *root,
                                          const char   *local_path);
void           bf_test_world_clear       (BfTestWorld  *w);
BfTestMember  *bf_test_world_add_member  (BfTestWorld  *w,
                                          const char   *name,
                                          BfMemberRole  role,
                                          const char   *unit);
BfSyncSummary *bf_test_member_sync       (BfTestWorld  *w,
                                          BfTestMember *m);
void           bf_test_member_add_records (BfTestMember *m,
                                           guint         n,
                                           GDateTime    *now);
char          *bf_test_world_record_path (BfTestWorld  *w,
                                          const char   *member_id,
                                          gint64        seq,
                                          gboolean      signature);
guint          bf_test_count_files       (const char   *dir,
                                          const char   *suffix);

G_END_DECLS
