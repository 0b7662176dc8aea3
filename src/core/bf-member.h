/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-secure.h"

G_BEGIN_DECLS

/*
 * A member of the share: who they are, their role and unit, their public
 * keys and when the organisation vouches for them.
 *
 * Member id: the member's minisign key id in lowercase hex (16 characters),
 * where the key id is the first 8 bytes of BLAKE2b-256 of the member's raw
 * Ed25519 public key. The id is therefore bound to the signing key: a
 * profile has exactly one id, anyone can recompute it from the key in the
 * member file, and the same 8 bytes are the key id inside every minisign
 * signature the member makes, so `minisign -V -P` works unchanged. A new key
 * is a new member id and a new feed. Enrolment refuses an id that is already
 * taken, so a collision can never take over a feed.
 *
 * Fingerprint: what a worker reads aloud to the administrator when asking to
 * join. SHA-256 over "bofast/1 fingerprint\n" ‖ the 42-byte minisign public
 * key ‖ the 32-byte age recipient; six chunks of five bytes, each taken as
 * a big-endian number modulo 100000 and printed as five digits, e.g.
 * "04127 88310 59021 33175 70412 91836" (about 100 bits).
 */

#define BF_MEMBER_ERROR (bf_member_error_quark ())

typedef enum
{
  BF_MEMBER_ERROR_INVALID,
  BF_MEMBER_ERROR_NOT_VALID_AT,   /* outside valid from/until */
  BF_MEMBER_ERROR_REVOKED,
} BfMemberError;

typedef enum
{
  BF_MEMBER_ROLE_WORKER,
  BF_MEMBER_ROLE_SUPERVISOR,
  BF_MEMBER_ROLE_ADMIN,
} BfMemberRole;

#define BF_MEMBER_ID_LENGTH       16
#define BF_MEMBER_FORMAT          "bofast/1"
#define BF_MEMBER_MAX_FILE_SIZE   (64 * 1024)

typedef struct
{
  char         *id;
  char         *name;
  BfMemberRole  role;
  char         *unit;
  GBytes       *sign_key;        /* 42-byte minisign public key */
  GBytes       *age_recipient;   /* 32-byte X25519 public key */
  char         *valid_from;      /* RFC 3339 UTC */
  char         *valid_until;     /* (nullable) */
  char         *revoked_at;      /* (nullable): from revocations/, not the member file */
} BfMember;

GQuark       bf_member_error_quark          (void);

void         bf_member_free                 (BfMember      *self);
BfMember    *bf_member_copy                 (const BfMember *self);

const char  *bf_member_role_to_string       (BfMemberRole   role);
gboolean     bf_member_role_from_string     (const char    *str,
                                             BfMemberRole  *out);

gboolean     bf_member_id_is_valid          (const char    *id);
char        *bf_member_id_for_key           (GBytes        *sign_key);
GBytes      *bf_member_public_key_from_ed25519 (const guint8 *ed25519_public);
BfSecret    *bf_member_secret_key_from_ed25519 (const BfSecret *ed25519_secret,
                                                GError       **error);
char        *bf_member_fingerprint          (GBytes        *sign_key,
                                             GBytes        *age_recipient);

gboolean     bf_timestamp_is_strict_utc     (const char    *text);
char        *bf_timestamp_now_utc           (GDateTime     *now);

/* The member file (members/<id>.json) and the request file
 * (requests/<id>.json) share this JSON; a request has no role, no validity
 * and is signed by the requester, a member file by the organisation. */
char        *bf_member_to_json              (const BfMember *self,
                                             gboolean        request);
BfMember    *bf_member_from_json            (const char    *data,
                                             gsize          length,
                                             gboolean       request,
                                             GError       **error);

gboolean     bf_member_check_time           (const BfMember *self,
                                             const char     *time,
                                             GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfMember, bf_member_free)

G_END_DECLS
