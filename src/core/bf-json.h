/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-enums.h"

G_BEGIN_DECLS

/*
 * JSON for bytes we did not write ourselves (the share, an imported file).
 *
 * bf_json_parse() first runs a single-pass scanner over the raw bytes: size
 * limit, nesting-depth limit (json-glib 1.6 recurses and crashes on very deep
 * input), valid UTF-8 without NUL bytes, strict JSON grammar, no duplicate
 * key within an object (compared after unescaping), no lone surrogate
 * escapes, and numbers within ±2^53 (so every integer survives a double).
 * Only then does json-glib parse the bytes.
 *
 * bf_json_to_string() is the canonical writer: object members sorted by key
 * (byte order), integers in decimal, strings as UTF-8 with only the escapes
 * JSON requires. The same tree always gives the same bytes.
 *
 * The bf_json_get_*() helpers read one member for a model loader and fail
 * with a message that names the field's path, e.g.
 * "measures[2].responsible_party: a required field is missing".
 */

#define BF_JSON_DEFAULT_MAX_BYTES (8 * 1024 * 1024)
#define BF_JSON_DEFAULT_MAX_DEPTH 32
#define BF_JSON_MAX_SAFE_INTEGER  G_GINT64_CONSTANT (9007199254740992)   /* 2^53 */

#define BF_JSON_ERROR (bf_json_error_quark ())

typedef enum
{
  BF_JSON_ERROR_TOO_BIG,
  BF_JSON_ERROR_TOO_DEEP,
  BF_JSON_ERROR_INVALID_UTF8,
  BF_JSON_ERROR_SYNTAX,
  BF_JSON_ERROR_DUPLICATE_KEY,
  BF_JSON_ERROR_NUMBER_RANGE,
  BF_JSON_ERROR_WRONG_TYPE,
  BF_JSON_ERROR_MISSING_FIELD,
  BF_JSON_ERROR_UNKNOWN_FIELD,
  BF_JSON_ERROR_UNKNOWN_VALUE,
  BF_JSON_ERROR_INVALID_VALUE,
  BF_JSON_ERROR_BAD_REFERENCE,
  BF_JSON_ERROR_UNSUPPORTED_SCHEMA,
} BfJsonError;

GQuark      bf_json_error_quark  (void);

gboolean    bf_json_check        (const char   *data,
                                  gsize         length,
                                  gsize         max_bytes,
                                  guint         max_depth,
                                  GError      **error);
JsonNode   *bf_json_parse        (const char   *data,
                                  gsize         length,
                                  gsize         max_bytes,
                                  guint         max_depth,
                                  GError      **error);
char       *bf_json_to_string    (JsonNode     *node,
                                  gboolean      pretty);

char       *bf_json_path_member  (const char   *parent,
                                  const char   *key);
char       *bf_json_path_index   (const char   *parent,
                                  guint         index);

gboolean    bf_json_check_fields (JsonObject   *object,
                                  const char   *path,
                                  const char  *const *allowed,
                                  GError      **error);
gboolean    bf_json_get_object   (JsonObject   *object,
                                  const char   *path,
                                  const char   *key,
                                  gboolean      required,
                                  JsonObject  **out,
                                  GError      **error);
gboolean    bf_json_get_array    (JsonObject   *object,
                                  const char   *path,
                                  const char   *key,
                                  gboolean      required,
                                  JsonArray   **out,
                                  GError      **error);
gboolean    bf_json_get_string   (JsonObject   *object,
                                  const char   *path,
                                  const char   *key,
                                  gboolean      required,
                                  char        **out,
                                  GError      **error);
gboolean    bf_json_get_date     (JsonObject   *object,
                                  const char   *path,
                                  const char   *key,
                                  gboolean      required,
                                  char        **out,
                                  GError      **error);
gboolean    bf_json_get_timestamp (JsonObject  *object,
                                   const char  *path,
                                   const char  *key,
                                   gboolean     required,
                                   char       **out,
                                   GError     **error);
gboolean    bf_json_get_bool     (JsonObject   *object,
                                  const char   *path,
                                  const char   *key,
                                  gboolean      required,
                                  gboolean     *out,
                                  GError      **error);
gboolean    bf_json_get_int      (JsonObject   *object,
                                  const char   *path,
                                  const char   *key,
                                  gboolean      required,
                                  gint64        min,
                                  gint64        max,
                                  gint64       *out,
                                  GError      **error);
gboolean    bf_json_get_enum     (JsonObject   *object,
                                  const char   *path,
                                  const char   *key,
                                  gboolean      required,
                                  BfEnumKind    kind,
                                  int          *out,
                                  GError      **error);
gboolean    bf_json_get_string_list (JsonObject *object,
                                     const char *path,
                                     const char *key,
                                     GPtrArray **out,
                                     GError    **error);
gboolean    bf_json_element_object (JsonArray   *array,
                                    const char  *path,
                                    guint        index,
                                    JsonObject **out,
                                    GError     **error);

void        bf_json_set_string   (JsonObject   *object,
                                  const char   *key,
                                  const char   *value);
void        bf_json_set_enum     (JsonObject   *object,
                                  const char   *key,
                                  BfEnumKind    kind,
                                  int           value);
void        bf_json_set_string_list (JsonObject *object,
                                     const char *key,
                                     GPtrArray  *strings);

G_END_DECLS
