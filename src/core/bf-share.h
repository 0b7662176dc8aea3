/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-member.h"
#include "bf-secure.h"
#include "bf-store.h"

G_BEGIN_DECLS

/*
 * The central share, a dumb store reached through GFile (a folder, or any
 * gvfs URI such as smb:// or dav://):
 *
 *   bofast-share.json[.minisig]          org name, org signing key, recovery recipient, format
 *   members/<member-id>.json[.minisig]   signed by the org key
 *   revocations/<member-id>.json[.minisig]
 *   requests/<member-id>.json[.minisig]  signed by the requester's own key
 *   records/<member-id>/NNNNNNNNNN.age[.minisig]
 *
 * Each signature's trusted comment names what it signs, so a signed file
 * cannot be moved to another name: "bofast/1 manifest",
 * "bofast/1 member <id>", "bofast/1 revocation <id>", "bofast/1 request <id>".
 *
 * The administrator's folder (--admin-dir) holds org.key (the org signing
 * key as an unencrypted minisign secret key file, usable with the stock
 * `minisign -S -s org.key`), org.pub, and recovery-identity.txt (the
 * recovery age identity in age-keygen format, usable with `age -d -i`).
 * The folder is 0700 and the files 0600; keep it on encrypted, offline
 * media.
 *
 * Every write to the share goes through bf_share_publish(): a temporary
 * name in the same folder, g_file_move() without overwrite, then the file is
 * read back and compared. A file that is already there with the same bytes
 * counts as written; with other bytes it is a fork, never an overwrite.
 */

#define BF_SHARE_ERROR (bf_share_error_quark ())

typedef enum
{
  BF_SHARE_ERROR_NOT_FOUND,       /* no share, member or request there */
  BF_SHARE_ERROR_EXISTS,          /* would overwrite a share or an admin key */
  BF_SHARE_ERROR_BAD_SIGNATURE,
  BF_SHARE_ERROR_INVALID,
  BF_SHARE_ERROR_WRONG_ORG,       /* the key does not belong to this share */
  BF_SHARE_ERROR_UNREACHABLE,     /* offline, not mounted, timed out */
  BF_SHARE_ERROR_READ_ONLY,
  BF_SHARE_ERROR_FORK,            /* other bytes where ours should be */
  BF_SHARE_ERROR_TOO_LARGE,
  BF_SHARE_ERROR_FAILED,
} BfShareError;

#define BF_SHARE_MANIFEST          "bofast-share.json"
#define BF_SHARE_SIG_SUFFIX        ".minisig"
#define BF_SHARE_TEMP_PREFIX       ".bofast-tmp-"
#define BF_SHARE_ADMIN_ORG_KEY     "org.key"
#define BF_SHARE_ADMIN_ORG_PUB     "org.pub"
#define BF_SHARE_ADMIN_RECOVERY    "recovery-identity.txt"
#define BF_SHARE_MAX_SMALL_FILE    (64 * 1024)

#define BF_TYPE_SHARE (bf_share_get_type ())

G_DECLARE_FINAL_TYPE (BfShare, bf_share, BF, SHARE, GObject)

GQuark      bf_share_error_quark          (void);

BfShare    *bf_share_create               (GFile         *root,
                                           const char    *org_name,
                                           const char    *admin_dir,
                                           GDateTime     *now,
                                           GCancellable  *cancellable,
                                           GError       **error);
BfShare    *bf_share_open                 (GFile         *root,
                                           GCancellable  *cancellable,
                                           GError       **error);

GFile      *bf_share_get_root             (BfShare       *self);
const char *bf_share_get_org_name         (BfShare       *self);
GBytes     *bf_share_get_org_key          (BfShare       *self);
GBytes     *bf_share_get_recovery_recipient (BfShare     *self);
GFile      *bf_share_get_feed_dir         (BfShare       *self,
                                           const char    *member_id);

gboolean    bf_share_load_members         (BfShare       *self,
                                           GPtrArray     *problems,
                                           GCancellable  *cancellable,
                                           GError       **error);
BfMember   *bf_share_lookup_member        (BfShare       *self,
                                           const char    *member_id);
GPtrArray  *bf_share_list_members         (BfShare       *self);
GPtrArray  *bf_share_dup_recipients_for   (BfShare       *self,
                                           const char    *unit,
                                           const char    *time);

gboolean    bf_share_write_request        (BfShare       *self,
                                           BfStore       *store,
                                           const char    *name,
                                           const char    *unit,
                                           GDateTime     *now,
                                           char         **out_member_id,
                                           char         **out_fingerprint,
                                           GCancellable  *cancellable,
                                           GError       **error);
BfMember   *bf_share_read_request         (BfShare       *self,
                                           const char    *member_id,
                                           GCancellable  *cancellable,
                                           GError       **error);
BfMember   *bf_share_enrol                (BfShare       *self,
                                           const char    *admin_dir,
                                           const char    *member_id,
                                           BfMemberRole   role,
                                           const char    *unit,
                                           GDateTime     *now,
                                           GCancellable  *cancellable,
                                           GError       **error);
gboolean    bf_share_revoke               (BfShare       *self,
                                           const char    *admin_dir,
                                           const char    *member_id,
                                           GDateTime     *now,
                                           GCancellable  *cancellable,
                                           GError       **error);

#define BF_SHARE_META_URI      "share.uri"
#define BF_SHARE_META_ORG_KEY  "share.org_key"

gboolean    bf_share_remember             (BfShare       *self,
                                           BfStore       *store,
                                           const char    *fallback_unit,
                                           GDateTime     *now,
                                           GError       **error);

gboolean    bf_share_refresh_readers      (BfStore       *store,
                                           const char    *fallback_unit,
                                           GCancellable  *cancellable,
                                           GError       **error);

/* Helpers for every module that touches the share. */
BfSecret   *bf_share_read_admin_key       (const char    *admin_dir,
                                           GError       **error);
char       *bf_share_signed_comment       (const char    *what,
                                           const char    *member_id);
GBytes     *bf_share_read_file            (GFile         *file,
                                           gsize          max_size,
                                           GCancellable  *cancellable,
                                           GError       **error);
gboolean    bf_share_publish              (GFile         *dir,
                                           const char    *name,
                                           GBytes        *contents,
                                           gboolean      *out_already_there,
                                           GCancellable  *cancellable,
                                           GError       **error);
gboolean    bf_share_ensure_dir           (GFile         *dir,
                                           GCancellable  *cancellable,
                                           GError       **error);
void        bf_share_set_io_error         (GError       **error,
                                           const GError  *io_error,
                                           const char    *what);

G_END_DECLS
