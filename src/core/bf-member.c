/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-member"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "bf-age.h"
#include "bf-json.h"
#include "bf-member.h"
#include "bf-minisign.h"

G_DEFINE_QUARK (bf-member-error-quark, bf_member_error)

static const char * const role_names[] = { "worker", "supervisor", "admin" };

void
bf_member_free (BfMember *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->unit);
  g_clear_pointer (&self->sign_key, g_bytes_unref);
  g_clear_pointer (&self->age_recipient, g_bytes_unref);
  g_free (self->valid_from);
  g_free (self->valid_until);
  g_free (self->revoked_at);
  g_free (self);
}

BfMember *
bf_member_copy (const BfMember *self)
{
  BfMember *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (BfMember, 1);
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->role = self->role;
  copy->unit = g_strdup (self->unit);
  copy->sign_key = self->sign_key ? g_bytes_ref (self->sign_key) : NULL;
  copy->age_recipient = self->age_recipient ? g_bytes_ref (self->age_recipient) : NULL;
  copy->valid_from = g_strdup (self->valid_from);
  copy->valid_until = g_strdup (self->valid_until);
  copy->revoked_at = g_strdup (self->revoked_at);
  return copy;
}

const char *
bf_member_role_to_string (BfMemberRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
bf_member_role_from_string (const char   *str,
                            BfMemberRole *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (str, role_names[i]))
      {
        if (out != NULL)
          *out = (BfMemberRole) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
bf_member_id_is_valid (const char *id)
{
  if (id == NULL || strlen (id) != BF_MEMBER_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static void
key_id_for_ed25519 (const guint8 *ed25519_public,
                    guint8       *key_id)
{
  guint8 hash[32];

  crypto_generichash (hash, sizeof hash, ed25519_public, crypto_sign_PUBLICKEYBYTES, NULL, 0);
  memcpy (key_id, hash, BF_MINISIGN_KEY_ID_SIZE);
}

/**
 * bf_member_id_for_key:
 * @sign_key: a 42-byte minisign public key
 *
 * Returns: (transfer full): the member id, or %NULL when the key id inside
 *   @sign_key is not the one derived from its Ed25519 key
 */
char *
bf_member_id_for_key (GBytes *sign_key)
{
  const guint8 *pk;
  guint8 key_id[BF_MINISIGN_KEY_ID_SIZE];

  g_return_val_if_fail (sign_key != NULL, NULL);

  if (g_bytes_get_size (sign_key) != BF_MINISIGN_PUBLIC_KEY_SIZE)
    return NULL;
  pk = g_bytes_get_data (sign_key, NULL);
  key_id_for_ed25519 (pk + 2 + BF_MINISIGN_KEY_ID_SIZE, key_id);
  if (memcmp (key_id, pk + 2, sizeof key_id) != 0)
    return NULL;

  return g_ascii_strdown (sodium_bin2hex (g_alloca (2 * sizeof key_id + 1), 2 * sizeof key_id + 1,
                                          key_id, sizeof key_id), -1);
}

/**
 * bf_member_public_key_from_ed25519:
 *
 * Returns: (transfer full): the 42-byte minisign public key with the
 *   derived key id
 */
GBytes *
bf_member_public_key_from_ed25519 (const guint8 *ed25519_public)
{
  guint8 pk[BF_MINISIGN_PUBLIC_KEY_SIZE];

  g_return_val_if_fail (ed25519_public != NULL, NULL);

  memcpy (pk, "Ed", 2);
  key_id_for_ed25519 (ed25519_public, pk + 2);
  memcpy (pk + 2 + BF_MINISIGN_KEY_ID_SIZE, ed25519_public, crypto_sign_PUBLICKEYBYTES);
  return g_bytes_new (pk, sizeof pk);
}

/**
 * bf_member_secret_key_from_ed25519:
 * @ed25519_secret: libsodium's 64-byte secret key, as the store keeps it
 *
 * Returns: (transfer full): the minisign secret key (key id ‖ secret key)
 */
BfSecret *
bf_member_secret_key_from_ed25519 (const BfSecret  *ed25519_secret,
                                   GError         **error)
{
  g_autoptr(BfSecret) buf = NULL;
  guint8 *p;

  g_return_val_if_fail (ed25519_secret != NULL, NULL);
  g_return_val_if_fail (bf_secret_get_size (ed25519_secret) == crypto_sign_SECRETKEYBYTES, NULL);

  buf = bf_secret_new (BF_MINISIGN_SECRET_KEY_SIZE);
  p = bf_secret_get_data (buf);
  /* The public half is the last 32 bytes of libsodium's secret key. */
  key_id_for_ed25519 (bf_secret_peek (ed25519_secret) + 32, p);
  memcpy (p + BF_MINISIGN_KEY_ID_SIZE, bf_secret_peek (ed25519_secret), crypto_sign_SECRETKEYBYTES);

  return bf_minisign_secret_key_from_data (p, BF_MINISIGN_SECRET_KEY_SIZE, error);
}

char *
bf_member_fingerprint (GBytes *sign_key,
                       GBytes *age_recipient)
{
  static const char domain[] = "bofast/1 fingerprint\n";
  crypto_hash_sha256_state st;
  guint8 hash[crypto_hash_sha256_BYTES];
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (sign_key != NULL && age_recipient != NULL, NULL);

  crypto_hash_sha256_init (&st);
  crypto_hash_sha256_update (&st, (const guint8 *) domain, strlen (domain));
  crypto_hash_sha256_update (&st, g_bytes_get_data (sign_key, NULL), g_bytes_get_size (sign_key));
  crypto_hash_sha256_update (&st, g_bytes_get_data (age_recipient, NULL), g_bytes_get_size (age_recipient));
  crypto_hash_sha256_final (&st, hash);

  for (guint i = 0; i < 6; i++)
    {
      guint64 v = 0;

      for (guint j = 0; j < 5; j++)
        v = (v << 8) | hash[i * 5 + j];
      g_string_append_printf (out, "%s%05u", i ? " " : "", (guint) (v % 100000));
    }

  return g_string_free (out, FALSE);
}

/**
 * bf_timestamp_is_strict_utc:
 *
 * Accepts exactly "YYYY-MM-DDTHH:MM:SSZ", a real date and time, so that one
 * instant has one spelling in signed text.
 */
gboolean
bf_timestamp_is_strict_utc (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *again = NULL;

  if (text == NULL || strlen (text) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i]; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;
  again = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
  return g_strcmp0 (again, text) == 0;
}

char *
bf_timestamp_now_utc (GDateTime *now)
{
  g_autoptr(GDateTime) utc = NULL;

  utc = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
bf_member_to_json (const BfMember *self,
                   gboolean        request)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autofree char *sign = NULL;
  g_autofree char *age = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  sign = bf_minisign_public_key_to_string (self->sign_key);
  age = bf_age_recipient_to_string (self->age_recipient);

  json_object_set_string_member (obj, "format", BF_MEMBER_FORMAT);
  json_object_set_string_member (obj, "type", request ? "request" : "member");
  json_object_set_string_member (obj, "member_id", self->id);
  json_object_set_string_member (obj, "name", self->name);
  json_object_set_string_member (obj, "unit", self->unit ? self->unit : "");
  json_object_set_string_member (obj, "sign_key", sign);
  json_object_set_string_member (obj, "age_recipient", age);
  if (!request)
    {
      json_object_set_string_member (obj, "role", bf_member_role_to_string (self->role));
      json_object_set_string_member (obj, "valid_from", self->valid_from);
      if (self->valid_until != NULL)
        json_object_set_string_member (obj, "valid_until", self->valid_until);
    }
  else if (self->valid_from != NULL)
    json_object_set_string_member (obj, "time", self->valid_from);

  json_node_set_object (node, obj);
  text = bf_json_to_string (node, TRUE);
  return g_strconcat (text, "\n", NULL);
}

static gboolean
invalid (GError     **error,
         const char  *field)
{
  g_set_error (error, BF_MEMBER_ERROR, BF_MEMBER_ERROR_INVALID,
               _("The member file is not valid: %s"), field);
  return FALSE;
}

/**
 * bf_member_from_json:
 * @data: untrusted bytes
 *
 * Strictly parses a member or request file. It does not check any
 * signature; the caller has already verified the exact bytes.
 */
BfMember *
bf_member_from_json (const char  *data,
                     gsize        length,
                     gboolean     request,
                     GError     **error)
{
  static const char * const member_fields[] = {
    "format", "type", "member_id", "name", "unit", "sign_key", "age_recipient",
    "role", "valid_from", "valid_until", NULL };
  static const char * const request_fields[] = {
    "format", "type", "member_id", "name", "unit", "sign_key", "age_recipient", "time", NULL };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(BfMember) m = g_new0 (BfMember, 1);
  g_autofree char *format = NULL;
  g_autofree char *type = NULL;
  g_autofree char *sign = NULL;
  g_autofree char *age = NULL;
  g_autofree char *role = NULL;
  g_autofree char *derived = NULL;
  JsonObject *obj;

  g_return_val_if_fail (data != NULL, NULL);

  node = bf_json_parse (data, length, BF_MEMBER_MAX_FILE_SIZE, 8, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "not an object"), NULL;
  obj = json_node_get_object (node);

  if (!bf_json_check_fields (obj, "", request ? request_fields : member_fields, error) ||
      !bf_json_get_string (obj, "", "format", TRUE, &format, error) ||
      !bf_json_get_string (obj, "", "type", TRUE, &type, error) ||
      !bf_json_get_string (obj, "", "member_id", TRUE, &m->id, error) ||
      !bf_json_get_string (obj, "", "name", TRUE, &m->name, error) ||
      !bf_json_get_string (obj, "", "unit", TRUE, &m->unit, error) ||
      !bf_json_get_string (obj, "", "sign_key", TRUE, &sign, error) ||
      !bf_json_get_string (obj, "", "age_recipient", TRUE, &age, error))
    return NULL;

  if (!g_str_equal (format, BF_MEMBER_FORMAT))
    return invalid (error, "format"), NULL;
  if (!g_str_equal (type, request ? "request" : "member"))
    return invalid (error, "type"), NULL;
  if (!bf_member_id_is_valid (m->id))
    return invalid (error, "member_id"), NULL;

  m->sign_key = bf_minisign_public_key_from_string (sign, NULL);
  if (m->sign_key == NULL)
    return invalid (error, "sign_key"), NULL;
  derived = bf_member_id_for_key (m->sign_key);
  if (derived == NULL || !g_str_equal (derived, m->id))
    return invalid (error, "member_id does not belong to sign_key"), NULL;

  m->age_recipient = bf_age_recipient_from_string (age, NULL);
  if (m->age_recipient == NULL)
    return invalid (error, "age_recipient"), NULL;

  if (request)
    {
      if (!bf_json_get_string (obj, "", "time", FALSE, &m->valid_from, error))
        return NULL;
      if (m->valid_from != NULL && !bf_timestamp_is_strict_utc (m->valid_from))
        return invalid (error, "time"), NULL;
      return g_steal_pointer (&m);
    }

  if (!bf_json_get_string (obj, "", "role", TRUE, &role, error) ||
      !bf_json_get_string (obj, "", "valid_from", TRUE, &m->valid_from, error) ||
      !bf_json_get_string (obj, "", "valid_until", FALSE, &m->valid_until, error))
    return NULL;
  if (!bf_member_role_from_string (role, &m->role))
    return invalid (error, "role"), NULL;
  if (!bf_timestamp_is_strict_utc (m->valid_from))
    return invalid (error, "valid_from"), NULL;
  if (m->valid_until != NULL &&
      (!bf_timestamp_is_strict_utc (m->valid_until) || strcmp (m->valid_until, m->valid_from) < 0))
    return invalid (error, "valid_until"), NULL;

  return g_steal_pointer (&m);
}

/**
 * bf_member_check_time:
 * @time: a strict RFC 3339 UTC time (such strings sort by time)
 *
 * Checks that the member's key was valid at @time: within valid from/until
 * and not at or after a revocation.
 */
gboolean
bf_member_check_time (const BfMember  *self,
                      const char      *time,
                      GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  if (self->revoked_at != NULL && strcmp (time, self->revoked_at) >= 0)
    {
      g_set_error (error, BF_MEMBER_ERROR, BF_MEMBER_ERROR_REVOKED,
                   _("The key of %s was revoked at %s, before this was signed (%s)"),
                   self->id, self->revoked_at, time);
      return FALSE;
    }
  if (strcmp (time, self->valid_from) < 0 ||
      (self->valid_until != NULL && strcmp (time, self->valid_until) > 0))
    {
      g_set_error (error, BF_MEMBER_ERROR, BF_MEMBER_ERROR_NOT_VALID_AT,
                   _("The key of %s was not valid at %s"), self->id, time);
      return FALSE;
    }
  return TRUE;
}
