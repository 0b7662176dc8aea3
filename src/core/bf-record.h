/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-secure.h"

G_BEGIN_DECLS

/*
 * A record: one immutable event in its author's feed, as two files.
 *
 *   NNNNNNNNNN.age          the payload JSON, age v1 to its readers
 *   NNNNNNNNNN.age.minisig  minisign (prehashed) signature of the .age file
 *                           by the author, with the trusted comment
 *   bofast/1 author=<member-id> seq=<n> prev=<sha256 hex> kind=<kind> subject=<uuid> time=<RFC 3339 UTC>
 *
 * The payload is canonical JSON (bf_json_to_string) with the same fields
 * (format, author, seq, prev, kind, subject, time) and the body:
 *   {"author":…,"body":{…},"format":"bofast/1","kind":…,"prev":…,"seq":n,"subject":…,"time":…}
 *
 * Opening happens in two steps. bf_record_verify() needs only public
 * information (the author's public key and, when known, the expected seq and
 * prev): it checks the signature over the exact bytes, and parses the
 * trusted comment strictly (one spelling only; it is formatted again and
 * compared byte for byte). bf_record_decrypt() then decrypts with the
 * reader's identity, runs the untrusted-JSON checks, and requires the
 * payload's repeated fields to equal the trusted comment's.
 */

#define BF_RECORD_ERROR (bf_record_error_quark ())

typedef enum
{
  BF_RECORD_ERROR_INVALID,          /* a bad argument */
  BF_RECORD_ERROR_TOO_LARGE,
  BF_RECORD_ERROR_BAD_SIGNATURE,    /* damaged, or not by the author */
  BF_RECORD_ERROR_BAD_COMMENT,      /* the trusted comment is not ours */
  BF_RECORD_ERROR_WRONG_AUTHOR,
  BF_RECORD_ERROR_WRONG_SEQ,
  BF_RECORD_ERROR_BROKEN_CHAIN,     /* prev is not the previous record's hash */
  BF_RECORD_ERROR_BAD_PAYLOAD,      /* decrypts, but the JSON is not valid */
  BF_RECORD_ERROR_MISMATCH,         /* payload fields differ from the comment */
} BfRecordError;

typedef enum
{
  BF_RECORD_KIND_AGREEMENT_VERSION,
  BF_RECORD_KIND_AGREEMENT_SIGNATURES,
  BF_RECORD_KIND_VISIT,
  BF_RECORD_KIND_KEY_USE,
  BF_RECORD_KIND_EVALUATION,
  BF_RECORD_KIND_BREACH,
  BF_RECORD_KIND_CONSENT,
  BF_RECORD_KIND_REVIEW,
  BF_RECORD_KIND_TRANSFER,
} BfRecordKind;

#define BF_RECORD_FORMAT          "bofast/1"
#define BF_RECORD_MAX_SEQ         G_GINT64_CONSTANT (9999999999)
#define BF_RECORD_HASH_LENGTH     64
#define BF_RECORD_ZERO_HASH       "0000000000000000000000000000000000000000000000000000000000000000"
/* A sealed record is bounded by age's plaintext cap plus its header. */
#define BF_RECORD_MAX_FILE_SIZE   (16 * 1024 * 1024 + 128 * 1024)
#define BF_RECORD_MAX_BODY_DEPTH  24

#define BF_TYPE_RECORD (bf_record_get_type ())

G_DECLARE_FINAL_TYPE (BfRecord, bf_record, BF, RECORD, GObject)

GQuark        bf_record_error_quark      (void);

const char   *bf_record_kind_to_string   (BfRecordKind   kind);
gboolean      bf_record_kind_from_string (const char    *str,
                                          BfRecordKind  *out);

char         *bf_record_file_name        (gint64         seq);
gboolean      bf_record_parse_file_name  (const char    *name,
                                          gint64        *out_seq,
                                          gboolean      *out_is_signature);
char         *bf_record_hash_bytes       (GBytes        *bytes);
gboolean      bf_record_hash_is_valid    (const char    *hash);

char         *bf_record_format_comment   (const char    *author,
                                          gint64         seq,
                                          const char    *prev,
                                          BfRecordKind   kind,
                                          const char    *subject,
                                          const char    *time);
gboolean      bf_record_parse_comment    (const char    *comment,
                                          char         **out_author,
                                          gint64        *out_seq,
                                          char         **out_prev,
                                          BfRecordKind  *out_kind,
                                          char         **out_subject,
                                          char         **out_time,
                                          GError       **error);

BfRecord     *bf_record_seal             (BfSecret      *sign_secret,
                                          const char    *author,
                                          gint64         seq,
                                          const char    *prev,
                                          BfRecordKind   kind,
                                          const char    *subject,
                                          const char    *time,
                                          const char    *body_json,
                                          GPtrArray     *recipients,
                                          GError       **error);
BfRecord     *bf_record_verify           (GBytes        *age,
                                          const char    *signature,
                                          gssize         signature_len,
                                          GBytes        *author_key,
                                          const char    *expected_author,
                                          gint64         expected_seq,
                                          const char    *expected_prev,
                                          GError       **error);
gboolean      bf_record_decrypt          (BfRecord      *self,
                                          BfSecret      *identity,
                                          GError       **error);
BfRecord     *bf_record_new_trusted      (GBytes        *age,
                                          const char    *signature,
                                          GError       **error);
gboolean      bf_record_set_body_json    (BfRecord      *self,
                                          const char    *body_json,
                                          GError       **error);

const char   *bf_record_get_author       (BfRecord      *self);
gint64        bf_record_get_seq          (BfRecord      *self);
const char   *bf_record_get_prev         (BfRecord      *self);
BfRecordKind  bf_record_get_kind         (BfRecord      *self);
const char   *bf_record_get_subject      (BfRecord      *self);
const char   *bf_record_get_time         (BfRecord      *self);
const char   *bf_record_get_hash         (BfRecord      *self);
GBytes       *bf_record_get_age          (BfRecord      *self);
const char   *bf_record_get_signature    (BfRecord      *self);
JsonNode     *bf_record_get_body         (BfRecord      *self);
char         *bf_record_dup_body_json    (BfRecord      *self);

G_END_DECLS
