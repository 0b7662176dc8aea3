/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-json"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bf-date.h"
#include "bf-json.h"

G_DEFINE_QUARK (bf-json-error-quark, bf_json_error)

/* ------------------------------------------------------------------------ */
/* The scanner                                                               */

typedef struct
{
  gboolean    is_object;
  GHashTable *keys;     /* object: every key seen, unescaped */
  char       *key;      /* object: the current key */
  guint       index;    /* array: the current element */
} Frame;

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,
  EXPECT_KEY_OR_CLOSE,
  EXPECT_KEY,
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
} ScanState;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  GArray     *stack;    /* of Frame */
} Scanner;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->keys, g_hash_table_unref);
  g_clear_pointer (&frame->key, g_free);
}

static char *
scanner_path (Scanner *s)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < s->stack->len; i++)
    {
      Frame *f = &g_array_index (s->stack, Frame, i);

      if (f->is_object && f->key != NULL)
        g_string_append_printf (path, "%s%s", path->len > 0 ? "." : "", f->key);
      else if (!f->is_object)
        g_string_append_printf (path, "[%u]", f->index);
    }
  if (path->len == 0)
    g_string_append (path, "(top level)");
  return g_string_free (path, FALSE);
}

static gboolean
syntax_error (Scanner  *s,
              GError  **error)
{
  g_autofree char *path = scanner_path (s);

  g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_SYNTAX,
               /* Translators: %s is a field path such as "parties[1].phone" */
               _("%s: the JSON is malformed at byte %" G_GSIZE_FORMAT),
               path, s->pos);
  return FALSE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scanner  *s,
           gunichar *out)
{
  gunichar v = 0;

  if (s->pos + 4 > s->length)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (s->data[s->pos + i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (gunichar) h;
    }
  s->pos += 4;
  *out = v;
  return TRUE;
}

/* Scans a string starting at the opening quote; when @out is given, the
 * unescaped text is appended to it (used for keys, so that "a" and "\u0061"
 * are recognised as the same key). */
static gboolean
scan_string (Scanner  *s,
             GString  *out,
             GError  **error)
{
  g_assert (s->data[s->pos] == '"');
  s->pos++;

  while (s->pos < s->length)
    {
      guchar c = (guchar) s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return syntax_error (s, error);
      if (c != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, (char) c);
          s->pos++;
          continue;
        }

      s->pos++;
      if (s->pos >= s->length)
        break;
      c = (guchar) s->data[s->pos++];
      switch (c)
        {
        case '"': case '\\': case '/':
          if (out != NULL)
            g_string_append_c (out, (char) c);
          break;
        case 'b': if (out) g_string_append_c (out, '\b'); break;
        case 'f': if (out) g_string_append_c (out, '\f'); break;
        case 'n': if (out) g_string_append_c (out, '\n'); break;
        case 'r': if (out) g_string_append_c (out, '\r'); break;
        case 't': if (out) g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar u;

            if (!read_hex4 (s, &u))
              return syntax_error (s, error);
            if (u >= 0xDC00 && u <= 0xDFFF)
              return syntax_error (s, error);
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                gunichar low;

                if (s->pos + 2 > s->length || s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
                  return syntax_error (s, error);
                s->pos += 2;
                if (!read_hex4 (s, &low) || low < 0xDC00 || low > 0xDFFF)
                  return syntax_error (s, error);
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            if (u == 0)
              return syntax_error (s, error);
            if (out != NULL)
              g_string_append_unichar (out, u);
          }
          break;
        default:
          s->pos--;
          return syntax_error (s, error);
        }
    }

  return syntax_error (s, error);
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  gsize start = s->pos;
  gboolean is_integer = TRUE;
  g_autofree char *token = NULL;

#define DIGIT() (s->pos < s->length && g_ascii_isdigit (s->data[s->pos]))
  if (s->data[s->pos] == '-')
    s->pos++;
  if (!DIGIT ())
    return syntax_error (s, error);
  if (s->data[s->pos] == '0')
    s->pos++;
  else
    while (DIGIT ())
      s->pos++;
  if (s->pos < s->length && s->data[s->pos] == '.')
    {
      is_integer = FALSE;
      s->pos++;
      if (!DIGIT ())
        return syntax_error (s, error);
      while (DIGIT ())
        s->pos++;
    }
  if (s->pos < s->length && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      is_integer = FALSE;
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (!DIGIT ())
        return syntax_error (s, error);
      while (DIGIT ())
        s->pos++;
    }
#undef DIGIT

  token = g_strndup (s->data + start, s->pos - start);

  if (is_integer)
    {
      gint64 v;

      if (g_ascii_string_to_signed (token, 10, -BF_JSON_MAX_SAFE_INTEGER,
                                    BF_JSON_MAX_SAFE_INTEGER, &v, NULL))
        return TRUE;
    }
  else
    {
      double d = g_ascii_strtod (token, NULL);

      if (isfinite (d) && fabs (d) <= (double) BF_JSON_MAX_SAFE_INTEGER)
        return TRUE;
    }

  {
    g_autofree char *path = scanner_path (s);

    g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_NUMBER_RANGE,
                 _("%s: the number %s is outside the range a JSON number can carry exactly (±2^53)"),
                 path, token);
  }
  return FALSE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *literal,
              GError    **error)
{
  gsize n = strlen (literal);

  if (s->pos + n > s->length || memcmp (s->data + s->pos, literal, n) != 0)
    return syntax_error (s, error);
  s->pos += n;
  return TRUE;
}

static gboolean
push_frame (Scanner   *s,
            gboolean   is_object,
            guint      max_depth,
            GError   **error)
{
  Frame f = { is_object, NULL, NULL, 0 };

  if (s->stack->len >= max_depth)
    {
      g_autofree char *path = scanner_path (s);

      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_TOO_DEEP,
                   _("%s: the JSON is nested more than %u levels deep"),
                   path, max_depth);
      return FALSE;
    }
  if (is_object)
    f.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_array_append_val (s->stack, f);
  s->pos++;
  return TRUE;
}

static void
pop_frame (Scanner *s)
{
  g_array_set_size (s->stack, s->stack->len - 1);
  s->pos++;
}

/**
 * bf_json_check:
 * @data: the bytes
 * @length: their length
 * @max_bytes: the largest accepted length, or 0 for %BF_JSON_DEFAULT_MAX_BYTES
 * @max_depth: the deepest accepted nesting, or 0 for %BF_JSON_DEFAULT_MAX_DEPTH
 * @error: return location for a #BfJsonError
 *
 * Checks untrusted bytes before any JSON library sees them. The check is
 * one pass with an explicit stack, so it cannot itself be driven into deep
 * recursion.
 *
 * Returns: %TRUE if the bytes are one well-formed, safe JSON value
 */
gboolean
bf_json_check (const char  *data,
               gsize        length,
               gsize        max_bytes,
               guint        max_depth,
               GError     **error)
{
  Scanner s = { data, length, 0, NULL };
  ScanState state = EXPECT_VALUE;
  gboolean done = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (max_bytes == 0)
    max_bytes = BF_JSON_DEFAULT_MAX_BYTES;
  if (max_depth == 0)
    max_depth = BF_JSON_DEFAULT_MAX_DEPTH;

  if (length > max_bytes)
    {
      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_TOO_BIG,
                   _("(top level): the JSON is %" G_GSIZE_FORMAT " bytes, more than the limit of %" G_GSIZE_FORMAT " bytes"),
                   length, max_bytes);
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_UTF8,
                           _("(top level): the JSON is not valid UTF-8 text"));
      return FALSE;
    }

  s.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_array_set_clear_func (s.stack, (GDestroyNotify) frame_clear);

  while (TRUE)
    {
      char c;
      Frame *top;

      while (s.pos < length && (data[s.pos] == ' ' || data[s.pos] == '\t' ||
                                data[s.pos] == '\n' || data[s.pos] == '\r'))
        s.pos++;
      if (s.pos >= length)
        break;
      if (done)
        {
          syntax_error (&s, error);
          goto out;
        }

      c = data[s.pos];
      top = s.stack->len > 0 ? &g_array_index (s.stack, Frame, s.stack->len - 1) : NULL;

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (c == ']')
            {
              pop_frame (&s);
              goto value_done;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (c == '{')
            {
              if (!push_frame (&s, TRUE, max_depth, error))
                goto out;
              state = EXPECT_KEY_OR_CLOSE;
              continue;
            }
          if (c == '[')
            {
              if (!push_frame (&s, FALSE, max_depth, error))
                goto out;
              state = EXPECT_VALUE_OR_CLOSE;
              continue;
            }
          if (c == '"')
            {
              if (!scan_string (&s, NULL, error))
                goto out;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (&s, error))
                goto out;
            }
          else if (c == 't')
            {
              if (!scan_literal (&s, "true", error))
                goto out;
            }
          else if (c == 'f')
            {
              if (!scan_literal (&s, "false", error))
                goto out;
            }
          else if (c == 'n')
            {
              if (!scan_literal (&s, "null", error))
                goto out;
            }
          else
            {
              syntax_error (&s, error);
              goto out;
            }
          goto value_done;

        case EXPECT_KEY_OR_CLOSE:
          if (c == '}')
            {
              pop_frame (&s);
              goto value_done;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          {
            g_autoptr(GString) key = g_string_new (NULL);

            if (c != '"')
              {
                syntax_error (&s, error);
                goto out;
              }
            if (!scan_string (&s, key, error))
              goto out;
            g_clear_pointer (&top->key, g_free);
            top->key = g_strdup (key->str);
            if (!g_hash_table_add (top->keys, g_string_free (g_steal_pointer (&key), FALSE)))
              {
                g_autofree char *path = scanner_path (&s);

                g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_DUPLICATE_KEY,
                             _("%s: the field appears more than once in the same object"),
                             path);
                goto out;
              }
            state = EXPECT_COLON;
          }
          continue;

        case EXPECT_COLON:
          if (c != ':')
            {
              syntax_error (&s, error);
              goto out;
            }
          s.pos++;
          state = EXPECT_VALUE;
          continue;

        case EXPECT_COMMA_OR_CLOSE:
          if (c == ',')
            {
              s.pos++;
              if (top->is_object)
                state = EXPECT_KEY;
              else
                {
                  top->index++;
                  state = EXPECT_VALUE;
                }
              continue;
            }
          if ((c == '}' && top->is_object) || (c == ']' && !top->is_object))
            {
              pop_frame (&s);
              goto value_done;
            }
          syntax_error (&s, error);
          goto out;

        default:
          g_assert_not_reached ();
        }

    value_done:
      if (s.stack->len == 0)
        done = TRUE;
      else
        state = EXPECT_COMMA_OR_CLOSE;
    }

  if (!done)
    {
      syntax_error (&s, error);
      goto out;
    }
  ok = TRUE;

out:
  g_array_unref (s.stack);
  return ok;
}

/**
 * bf_json_parse:
 *
 * Checks @data with bf_json_check() and then parses it with json-glib.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
bf_json_parse (const char  *data,
               gsize        length,
               gsize        max_bytes,
               guint        max_depth,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!bf_json_check (data, length, max_bytes, max_depth, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_SYNTAX,
                   _("(top level): the JSON could not be read: %s"),
                   local_error->message);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* ------------------------------------------------------------------------ */
/* The canonical writer                                                      */

static void
write_string (GString    *out,
              const char *str)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) str; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
newline (GString  *out,
         gboolean  pretty,
         guint     depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (a, b);
}

static void
write_node (GString  *out,
            JsonNode *node,
            gboolean  pretty,
            guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GList *keys = g_list_sort (json_object_get_members (object), compare_keys);

        if (keys == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append_c (out, '{');
        for (GList *l = keys; l != NULL; l = l->next)
          {
            newline (out, pretty, depth + 1);
            write_string (out, l->data);
            g_string_append (out, pretty ? ": " : ":");
            write_node (out, json_object_get_member (object, l->data), pretty, depth + 1);
            if (l->next != NULL)
              g_string_append_c (out, ',');
          }
        newline (out, pretty, depth);
        g_string_append_c (out, '}');
        g_list_free (keys);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        gboolean scalars = TRUE;

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }

        /* Lists of scalars (a signature point, a list of words) stay on one
         * line when indenting, so a signature does not take pages. */
        for (guint i = 0; i < n && scalars; i++)
          scalars = !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)) &&
                    !JSON_NODE_HOLDS_ARRAY (json_array_get_element (array, i));
        if (pretty && scalars)
          {
            g_string_append_c (out, '[');
            for (guint i = 0; i < n; i++)
              {
                if (i > 0)
                  g_string_append (out, ", ");
                write_node (out, json_array_get_element (array, i), pretty, depth + 1);
              }
            g_string_append_c (out, ']');
            break;
          }
        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            newline (out, pretty, depth + 1);
            write_node (out, json_array_get_element (array, i), pretty, depth + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        newline (out, pretty, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          write_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * bf_json_to_string:
 * @node: a JSON tree
 * @pretty: indent with two spaces (for files people read), or write compact
 *   (for hashing)
 *
 * Returns: (transfer full): the canonical text, without a trailing newline
 */
char *
bf_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  write_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Reading members with field paths                                          */

char *
bf_json_path_member (const char *parent,
                     const char *key)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (key);
  return g_strdup_printf ("%s.%s", parent, key);
}

char *
bf_json_path_index (const char *parent,
                    guint       index)
{
  return g_strdup_printf ("%s[%u]", parent ? parent : "", index);
}

static gboolean
wrong_type (const char  *path,
            const char  *key,
            const char  *expected,
            GError     **error)
{
  g_autofree char *full = bf_json_path_member (path, key);

  g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
               /* Translators: the first %s is a field path, the second a
                * type such as "a string" */
               _("%s: the value must be %s"), full, expected);
  return FALSE;
}

/* Looks a member up; absent and null count as missing. */
static JsonNode *
lookup (JsonObject  *object,
        const char  *path,
        const char  *key,
        gboolean     required,
        gboolean    *ok,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *full = bf_json_path_member (path, key);

          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_MISSING_FIELD,
                       _("%s: a required field is missing"), full);
          *ok = FALSE;
        }
      return NULL;
    }
  return node;
}

gboolean
bf_json_check_fields (JsonObject         *object,
                      const char         *path,
                      const char * const *allowed,
                      GError            **error)
{
  g_autoptr(GList) keys = NULL;

  g_return_val_if_fail (object != NULL, FALSE);

  keys = g_list_sort (json_object_get_members (object), compare_keys);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *full = bf_json_path_member (path, l->data);

          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_UNKNOWN_FIELD,
                       _("%s: this field is not part of the schema"), full);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
bf_json_get_object (JsonObject  *object,
                    const char  *path,
                    const char  *key,
                    gboolean     required,
                    JsonObject **out,
                    GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, path, key, required, &ok, error);

  *out = NULL;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (path, key, _("an object"), error);
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
bf_json_get_array (JsonObject  *object,
                   const char  *path,
                   const char  *key,
                   gboolean     required,
                   JsonArray  **out,
                   GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, path, key, required, &ok, error);

  *out = NULL;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (path, key, _("a list"), error);
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
bf_json_get_string (JsonObject  *object,
                    const char  *path,
                    const char  *key,
                    gboolean     required,
                    char       **out,
                    GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, path, key, required, &ok, error);

  g_clear_pointer (out, g_free);
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (path, key, _("a string"), error);
  if (json_node_get_string (node)[0] == '\0')
    {
      /* An empty string is the same as an absent one, so that the writer,
       * which leaves empty strings out, gives the same bytes back. */
      if (required)
        {
          g_autofree char *full = bf_json_path_member (path, key);

          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_MISSING_FIELD,
                       _("%s: a required field is empty"), full);
          return FALSE;
        }
      return TRUE;
    }
  *out = json_node_dup_string (node);
  return TRUE;
}

gboolean
bf_json_get_date (JsonObject  *object,
                  const char  *path,
                  const char  *key,
                  gboolean     required,
                  char       **out,
                  GError     **error)
{
  if (!bf_json_get_string (object, path, key, required, out, error))
    return FALSE;
  if (*out != NULL && !bf_date_is_valid (*out))
    {
      g_autofree char *full = bf_json_path_member (path, key);

      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                   _("%s: “%s” is not a date in the form YYYY-MM-DD"), full, *out);
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
bf_json_get_timestamp (JsonObject  *object,
                       const char  *path,
                       const char  *key,
                       gboolean     required,
                       char       **out,
                       GError     **error)
{
  if (!bf_json_get_string (object, path, key, required, out, error))
    return FALSE;
  if (*out != NULL && !bf_timestamp_is_valid (*out))
    {
      g_autofree char *full = bf_json_path_member (path, key);

      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_INVALID_VALUE,
                   _("%s: “%s” is not a time in the form YYYY-MM-DDTHH:MM:SSZ"), full, *out);
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
bf_json_get_bool (JsonObject  *object,
                  const char  *path,
                  const char  *key,
                  gboolean     required,
                  gboolean    *out,
                  GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, path, key, required, &ok, error);

  *out = FALSE;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (path, key, _("true or false"), error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
bf_json_get_int (JsonObject  *object,
                 const char  *path,
                 const char  *key,
                 gboolean     required,
                 gint64       min,
                 gint64       max,
                 gint64      *out,
                 GError     **error)
{
  gboolean ok;
  JsonNode *node = lookup (object, path, key, required, &ok, error);
  gint64 v;

  *out = 0;
  if (node == NULL)
    return ok;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (path, key, _("a whole number"), error);
  v = json_node_get_int (node);
  if (v < min || v > max)
    {
      g_autofree char *full = bf_json_path_member (path, key);

      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_NUMBER_RANGE,
                   _("%s: %" G_GINT64_FORMAT " is outside the allowed range %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT),
                   full, v, min, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
bf_json_get_enum (JsonObject  *object,
                  const char  *path,
                  const char  *key,
                  gboolean     required,
                  BfEnumKind   kind,
                  int         *out,
                  GError     **error)
{
  g_autofree char *token = NULL;

  *out = 0;
  if (!bf_json_get_string (object, path, key, required, &token, error))
    return FALSE;
  if (token == NULL)
    return TRUE;
  if (!bf_enum_from_token (kind, token, out))
    {
      g_autofree char *full = bf_json_path_member (path, key);
      g_autoptr(GString) allowed = g_string_new (NULL);

      for (guint i = 1; i < bf_enum_n_values (kind); i++)
        g_string_append_printf (allowed, "%s%s", i > 1 ? ", " : "", bf_enum_to_token (kind, (int) i));
      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_UNKNOWN_VALUE,
                   /* Translators: "%s: “x” is not a known agreement state (one of: a, b)" */
                   _("%s: “%s” is not a known %s (one of: %s)"),
                   full, token, bf_enum_kind_name (kind), allowed->str);
      return FALSE;
    }
  return TRUE;
}

gboolean
bf_json_get_string_list (JsonObject  *object,
                         const char  *path,
                         const char  *key,
                         GPtrArray  **out,
                         GError     **error)
{
  JsonArray *array;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  if (!bf_json_get_array (object, path, key, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *member = bf_json_path_member (path, key);
          g_autofree char *full = bf_json_path_index (member, i);

          g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
                       _("%s: the value must be %s"), full, _("a string"));
          return FALSE;
        }
      if (json_node_get_string (node)[0] != '\0')
        g_ptr_array_add (list, json_node_dup_string (node));
    }
  g_clear_pointer (out, g_ptr_array_unref);
  *out = g_steal_pointer (&list);
  return TRUE;
}

gboolean
bf_json_element_object (JsonArray   *array,
                        const char  *path,
                        guint        index,
                        JsonObject **out,
                        GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *full = bf_json_path_index (path, index);

      g_set_error (error, BF_JSON_ERROR, BF_JSON_ERROR_WRONG_TYPE,
                   _("%s: the value must be %s"), full, _("an object"));
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

void
bf_json_set_string (JsonObject *object,
                    const char *key,
                    const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (object, key, value);
}

void
bf_json_set_enum (JsonObject *object,
                  const char *key,
                  BfEnumKind  kind,
                  int         value)
{
  bf_json_set_string (object, key, bf_enum_to_token (kind, value));
}

void
bf_json_set_string_list (JsonObject *object,
                         const char *key,
                         GPtrArray  *strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    {
      const char *s = g_ptr_array_index (strings, i);

      if (s != NULL && s[0] != '\0')
        json_array_add_string_element (array, s);
    }
  json_object_set_array_member (object, key, array);
}
