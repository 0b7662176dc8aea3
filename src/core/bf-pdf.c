/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bf-agreement-json.h"
#include "bf-date.h"
#include "bf-pdf.h"

/*
 * How the document is made: building turns the agreement into a flat list
 * of blocks (a heading, a paragraph, a label and its value, a table row, a
 * row of signature boxes), each made of cells that are laid out once with
 * Pango at their final width. Paginating then walks the blocks and cuts
 * them into slices at line boundaries, so that long free text flows across
 * pages, a heading always stays with the start of what follows it, and
 * signature boxes are never cut. Drawing a page only replays its slices,
 * which is why printing and the PDF cannot disagree.
 *
 * All lengths are in points; the Pango context runs at 72 dpi so that a
 * 10.5 pt font is 10.5 units high on any cairo context that works in points.
 * The document's words are Norwegian Bokmål on purpose (see bf-pdf.h), so
 * they are not marked for translation.
 */

#define MM(x)          ((x) * 72.0 / 25.4)
#define MAX_CELLS      4
#define EPSILON        0.01

#define MARGIN_X       MM (20)
#define MARGIN_TOP     MM (24)
#define MARGIN_BOTTOM  MM (22)
#define LABEL_WIDTH    MM (50)
#define COLUMN_GAP     MM (4)
#define SIG_BOX_HEIGHT MM (20)
#define SIG_GAP        MM (10)

#define DEFAULT_FAMILY "Cantarell, DejaVu Sans, sans-serif"
#define NOT_FILLED_IN  "Ikke fylt ut"

/* Colours as 0xRRGGBB: near-black text, GNOME's dark grey for secondary
 * text and a dark blue that survives a black-and-white printer. */
#define INK          0x241f31
#define MUTED        0x5e5c64
#define ACCENT       0x1a5fb4
#define RULE         0xdeddda
#define NOTE_FILL    0xedf3fb
#define HEAD_FILL    0xf2f2f0
#define SIG_FILL     0xf6f5f4
#define SIG_INK      0x0b2a6b

typedef enum
{
  STYLE_BODY,
  STYLE_LABEL,
  STYLE_EMPTY,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_META,
  STYLE_HEADING,
  STYLE_SUBHEADING,
  STYLE_TABLE_HEAD,
  STYLE_PAGE,
  STYLE_SIG_NAME,
  STYLE_SIG_SMALL,
  STYLE_SIG_STATUS,
  N_STYLES
} Style;

static const struct
{
  double      size;
  PangoWeight weight;
  gboolean    italic;
  guint32     rgb;
  double      spacing;
} styles[N_STYLES] = {
  [STYLE_BODY]       = { 10.5, PANGO_WEIGHT_NORMAL, FALSE, INK,    1.25 },
  [STYLE_LABEL]      = {  9.5, PANGO_WEIGHT_BOLD,   FALSE, MUTED,  1.25 },
  [STYLE_EMPTY]      = { 10.0, PANGO_WEIGHT_NORMAL, TRUE,  MUTED,  1.25 },
  [STYLE_TITLE]      = { 22.0, PANGO_WEIGHT_BOLD,   FALSE, INK,    1.0 },
  [STYLE_SUBTITLE]   = { 14.0, PANGO_WEIGHT_NORMAL, FALSE, INK,    1.1 },
  [STYLE_META]       = { 10.5, PANGO_WEIGHT_NORMAL, FALSE, MUTED,  1.2 },
  [STYLE_HEADING]    = { 13.5, PANGO_WEIGHT_BOLD,   FALSE, ACCENT, 1.0 },
  [STYLE_SUBHEADING] = { 11.0, PANGO_WEIGHT_BOLD,   FALSE, INK,    1.1 },
  [STYLE_TABLE_HEAD] = {  9.0, PANGO_WEIGHT_BOLD,   FALSE, MUTED,  1.1 },
  [STYLE_PAGE]       = {  8.5, PANGO_WEIGHT_NORMAL, FALSE, MUTED,  1.0 },
  [STYLE_SIG_NAME]   = { 10.5, PANGO_WEIGHT_BOLD,   FALSE, INK,    1.1 },
  [STYLE_SIG_SMALL]  = {  9.0, PANGO_WEIGHT_NORMAL, FALSE, MUTED,  1.15 },
  [STYLE_SIG_STATUS] = { 11.0, PANGO_WEIGHT_BOLD,   TRUE,  INK,    1.15 },
};

typedef struct
{
  double           top;
  double           bottom;
  double           baseline;
  double           x;
  PangoLayoutLine *line;    /* borrowed from the cell's layout */
} Line;

typedef struct
{
  PangoLayout *layout;
  GArray      *lines;       /* of Line */
  double       x;           /* from the left edge of the text area */
  double       width;
  double       height;
  guint32      rgb;
} Cell;

/* One party's place to sign: the box, the line, and who signs. */
typedef struct
{
  double             x;
  double             width;
  BfSignatureStatus  status;
  GPtrArray         *strokes;       /* of GArray of BfPoint; owned ref, or NULL */
  Cell              *status_cell;   /* in the box: "Avslo å signere", … */
  Cell              *note_cell;     /* in the box, under the status */
  Cell              *name_cell;
  Cell              *role_cell;
  Cell              *date_cell;
  gboolean           date_to_fill;  /* draw a line to write place and date on */
  double             date_y;        /* from the top of the box */
  double             height;
} SigBox;

typedef enum
{
  BLOCK_TEXT,
  BLOCK_SPACE,
  BLOCK_SIGNATURES,
} BlockKind;

typedef enum
{
  BLOCK_KEEP_WITH_NEXT = 1 << 0,
  BLOCK_NO_SPLIT       = 1 << 1,
  BLOCK_NOTE           = 1 << 2,
  BLOCK_TABLE_HEAD     = 1 << 3,
  BLOCK_RULE_BELOW     = 1 << 4,
  BLOCK_HEADING        = 1 << 5,
} BlockFlags;

typedef struct
{
  BlockKind  kind;
  BlockFlags flags;
  double     pad;              /* inside the block, above and below the cells */
  double     space;            /* BLOCK_SPACE */
  Cell      *cells[MAX_CELLS];
  guint      n_cells;
  SigBox    *sigs[2];
  gpointer   table_head;       /* Block*: repeated when a table goes on to a new page */
  double     height;
} Block;

typedef struct
{
  Block  *block;
  guint   page;
  double  y;
  double  height;
  double  from[MAX_CELLS];
  double  to[MAX_CELLS];
} Slice;

struct _BfPdfLayout
{
  GObject       parent_instance;

  /* Owned */
  PangoContext *context;
  char         *family;
  GPtrArray    *blocks;          /* of Block* */
  Block        *table_head;      /* while building: the head of the table being built */
  GArray       *slices;          /* of Slice, in page order */
  char         *header_text;
  char         *version_text;
  char         *version_id;

  double        width;
  double        height;
  double        text_width;
  double        top;
  double        bottom;
  double        page_top;        /* while paginating: where this page's text starts */
  guint         n_pages;
};

G_DEFINE_FINAL_TYPE (BfPdfLayout, bf_pdf_layout, G_TYPE_OBJECT)

G_DEFINE_QUARK (bf-pdf-error-quark, bf_pdf_error)

static const char *months[] = {
  "januar", "februar", "mars", "april", "mai", "juni",
  "juli", "august", "september", "oktober", "november", "desember",
};

/* Text helpers */

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static char *
format_gdate (const GDate *date)
{
  return g_strdup_printf ("%u. %s %u", g_date_get_day (date),
                          months[g_date_get_month (date) - 1],
                          g_date_get_year (date));
}

static char *
format_date_time (GDateTime *time)
{
  return g_strdup_printf ("%d. %s %d", g_date_time_get_day_of_month (time),
                          months[g_date_time_get_month (time) - 1],
                          g_date_time_get_year (time));
}

/* "2025-01-27" or an RFC 3339 time → "27. januar 2025"; text that is not a
 * date is shown as it is rather than hidden. */
static char *
format_date (const char *text)
{
  GDate date;

  if (is_empty (text))
    return NULL;
  /* A moment (a signature, a saved version) is dated where the reader
   * is, so that signing at 00:30 in Norway is not printed as yesterday. */
  if (bf_timestamp_is_valid (text))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (text, NULL);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

      if (local != NULL)
        return format_date_time (local);
    }
  if (!bf_timestamp_to_date (text, &date))
    return g_strdup (text);
  return format_gdate (&date);
}

static char *
format_period (const char *from,
               const char *to)
{
  g_autofree char *a = format_date (from);
  g_autofree char *b = format_date (to);

  if (a != NULL && b != NULL)
    return g_strdup_printf ("%s – %s", a, b);
  if (a != NULL)
    return g_strdup_printf ("Fra %s", a);
  if (b != NULL)
    return g_strdup_printf ("Til %s", b);
  return NULL;
}

static const char *
yes_no (gboolean value)
{
  return value ? "Ja" : "Nei";
}

static char *
party_display_name (BfParty *party)
{
  const char *role = bf_enum_label_nb (BF_ENUM_PARTY_ROLE, party->role);

  if (!is_empty (party->organisation) && !is_empty (party->contact_person))
    return g_strdup_printf ("%s (%s)", party->organisation, party->contact_person);
  if (!is_empty (party->organisation))
    return g_strdup (party->organisation);
  if (!is_empty (party->contact_person))
    return g_strdup (party->contact_person);
  return g_strdup (role != NULL ? role : "Ukjent part");
}

/* Cells */

static void
cell_free (Cell *cell)
{
  if (cell == NULL)
    return;
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->lines, g_array_unref);
  g_free (cell);
}

static Cell *
cell_new_full (BfPdfLayout    *self,
               const char     *text,
               Style           style,
               double          x,
               double          width,
               double          hanging,
               PangoAlignment  alignment,
               int             max_lines)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  PangoLayoutIter *iter;
  Cell *cell = g_new0 (Cell, 1);
  PangoRectangle logical;

  g_assert (style < N_STYLES);

  pango_font_description_set_family (desc, self->family);
  pango_font_description_set_size (desc, (int) (styles[style].size * PANGO_SCALE));
  pango_font_description_set_weight (desc, styles[style].weight);
  pango_font_description_set_style (desc, styles[style].italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);

  cell->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (cell->layout, desc);
  pango_layout_set_width (cell->layout, (int) (width * PANGO_SCALE));
  /* Words wrap; a word longer than the line (a URL, a reference number)
   * breaks between characters instead of running off the page. */
  pango_layout_set_wrap (cell->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (cell->layout, styles[style].spacing);
  pango_layout_set_alignment (cell->layout, alignment);
  if (max_lines > 0)
    {
      /* At most @max_lines per paragraph, the last one ended with "…". */
      pango_layout_set_ellipsize (cell->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (cell->layout, -max_lines);
    }
  if (hanging > 0)
    pango_layout_set_indent (cell->layout, (int) (-hanging * PANGO_SCALE));
  pango_layout_set_text (cell->layout, valid, -1);

  cell->x = x;
  cell->width = width;
  cell->rgb = styles[style].rgb;
  cell->lines = g_array_new (FALSE, FALSE, sizeof (Line));

  iter = pango_layout_get_iter (cell->layout);
  do
    {
      Line line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.top = (double) logical.y / PANGO_SCALE;
      line.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      line.x = (double) logical.x / PANGO_SCALE;
      line.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      line.line = pango_layout_iter_get_line_readonly (iter);
      g_array_append_val (cell->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  pango_layout_get_extents (cell->layout, NULL, &logical);
  cell->height = (double) logical.height / PANGO_SCALE;
  if (cell->lines->len > 0)
    cell->height = MAX (cell->height, g_array_index (cell->lines, Line, cell->lines->len - 1).bottom);

  return cell;
}

static Cell *
cell_new (BfPdfLayout *self,
          const char  *text,
          Style        style,
          double       x,
          double       width,
          double       hanging)
{
  return cell_new_full (self, text, style, x, width, hanging, PANGO_ALIGN_LEFT, 0);
}

/* Moves a cell down by @dy, e.g. to put a smaller label on the same
 * baseline as its value. */
static void
cell_shift (Cell   *cell,
            double  dy)
{
  for (guint i = 0; i < cell->lines->len; i++)
    {
      Line *line = &g_array_index (cell->lines, Line, i);

      line->top += dy;
      line->bottom += dy;
      line->baseline += dy;
    }
  cell->height += dy;
}

static double
cell_first_baseline (Cell *cell)
{
  return cell->lines->len > 0 ? g_array_index (cell->lines, Line, 0).baseline : 0;
}

static void
set_source_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Draws the lines of @cell whose tops lie in [@from, @to), with @from at
 * @y: one slice of a cell that may continue on the next page. */
static void
cell_draw (Cell    *cell,
           cairo_t *cr,
           double   x,
           double   y,
           double   from,
           double   to)
{
  set_source_rgb (cr, cell->rgb);
  for (guint i = 0; i < cell->lines->len; i++)
    {
      const Line *line = &g_array_index (cell->lines, Line, i);

      if (line->top < from - EPSILON || line->bottom > to + EPSILON)
        continue;
      cairo_move_to (cr, x + cell->x + line->x, y + line->baseline - from);
      pango_cairo_show_layout_line (cr, line->line);
    }
}

static double
cell_line_width (Cell  *cell,
                 guint  line_index)
{
  const Line *line = &g_array_index (cell->lines, Line, line_index);
  PangoRectangle logical;

  pango_layout_line_get_extents (line->line, NULL, &logical);
  return line->x + (double) logical.width / PANGO_SCALE;
}

/* Blocks */

static void
sig_box_free (SigBox *sig)
{
  if (sig == NULL)
    return;
  g_clear_pointer (&sig->strokes, g_ptr_array_unref);
  cell_free (sig->status_cell);
  cell_free (sig->note_cell);
  cell_free (sig->name_cell);
  cell_free (sig->role_cell);
  cell_free (sig->date_cell);
  g_free (sig);
}

static void
block_free (Block *block)
{
  for (guint i = 0; i < block->n_cells; i++)
    cell_free (block->cells[i]);
  sig_box_free (block->sigs[0]);
  sig_box_free (block->sigs[1]);
  g_free (block);
}

static Block *
add_block (BfPdfLayout *self,
           BlockKind    kind,
           BlockFlags   flags,
           double       pad)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->flags = flags;
  block->pad = pad;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
block_add_cell (Block *block,
                Cell  *cell)
{
  g_assert (block->n_cells < MAX_CELLS);

  block->cells[block->n_cells++] = cell;
  block->height = MAX (block->height, cell->height + 2 * block->pad);
}

static void
add_space (BfPdfLayout *self,
           double       space)
{
  Block *block = add_block (self, BLOCK_SPACE, 0, 0);

  block->space = space;
}

static void
add_text (BfPdfLayout *self,
          const char  *text,
          Style        style,
          BlockFlags   flags)
{
  Block *block = add_block (self, BLOCK_TEXT, flags, 0);

  block_add_cell (block, cell_new (self, text, style, 0, self->text_width, 0));
}

static void
add_heading (BfPdfLayout *self,
             guint        number,
             const char  *title)
{
  g_autofree char *text = g_strdup_printf ("%u. %s", number, title);
  Block *block;

  add_space (self, 14);
  block = add_block (self, BLOCK_TEXT, BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT | BLOCK_HEADING, 0);
  block_add_cell (block, cell_new (self, text, STYLE_HEADING, 0, self->text_width, 0));
  block->height += 5;   /* room for the rule under the heading */
  add_space (self, 5);
}

static void
add_subheading (BfPdfLayout *self,
                const char  *text)
{
  add_space (self, 8);
  add_text (self, text, STYLE_SUBHEADING, BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT);
  add_space (self, 2);
}

/* Free text, or "Ikke fylt ut" so that the tenant sees that the section was
 * part of the agreement but left empty. */
static void
add_paragraph (BfPdfLayout *self,
               const char  *text)
{
  if (is_empty (text))
    add_text (self, NOT_FILLED_IN, STYLE_EMPTY, 0);
  else
    add_text (self, text, STYLE_BODY, 0);
}

/* A label above a longer text. */
static void
add_labelled_text (BfPdfLayout *self,
                   const char  *label,
                   const char  *text)
{
  add_space (self, 8);
  add_text (self, label, STYLE_LABEL, BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT);
  add_space (self, 1.5);
  add_paragraph (self, text);
}

/* A label beside its value, as in a form. The value may be several
 * paragraphs; lines starting with "• " get a hanging indent. */
static void
add_field (BfPdfLayout *self,
           const char  *label,
           const char  *value)
{
  Block *block = add_block (self, BLOCK_TEXT, BLOCK_RULE_BELOW, 3);
  /* On a small page (a print to A5), labels take a smaller share. */
  double label_width = MIN (LABEL_WIDTH, 0.36 * self->text_width);
  double value_x = label_width + COLUMN_GAP;
  gboolean bullets = value != NULL && g_str_has_prefix (value, "• ");
  Cell *label_cell = cell_new (self, label, STYLE_LABEL, 0, label_width, 0);
  Cell *value_cell;

  if (is_empty (value))
    value_cell = cell_new (self, NOT_FILLED_IN, STYLE_EMPTY, value_x, self->text_width - value_x, 0);
  else
    value_cell = cell_new (self, value, STYLE_BODY, value_x, self->text_width - value_x,
                           bullets ? 9 : 0);

  /* The label is smaller than the value: line up their first baselines. */
  cell_shift (label_cell, MAX (0, cell_first_baseline (value_cell) - cell_first_baseline (label_cell)));
  block_add_cell (block, label_cell);
  block_add_cell (block, value_cell);
}

static void
add_field_take (BfPdfLayout *self,
                const char  *label,
                char        *value)
{
  add_field (self, label, value);
  g_free (value);
}

/* A list of short items as one value: "• a\n• b". NULL when empty. */
static char *
join_bullets (GPtrArray *items)
{
  GString *s;

  if (items == NULL || items->len == 0)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);

      if (is_empty (item))
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, "• ");
      g_string_append (s, item);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
add_bullets (BfPdfLayout *self,
             const char  *label,
             GPtrArray   *items)
{
  g_autofree char *text = join_bullets (items);
  Block *block;

  add_space (self, 8);
  add_text (self, label, STYLE_LABEL, BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT);
  add_space (self, 1.5);
  if (text == NULL)
    {
      add_paragraph (self, NULL);
      return;
    }
  block = add_block (self, BLOCK_TEXT, 0, 0);
  block_add_cell (block, cell_new (self, text, STYLE_BODY, 0, self->text_width, 9));
}

/* A statement the tenant must not miss, on a tinted band. */
static void
add_note (BfPdfLayout *self,
          const char  *text)
{
  Block *block;

  add_space (self, 8);
  block = add_block (self, BLOCK_TEXT, BLOCK_NOTE, 7);
  block_add_cell (block, cell_new (self, text, STYLE_BODY, 12, self->text_width - 22, 0));
}

/* A table row; @fractions are the column widths as parts of the text
 * width. Empty cells show a dash so that a missing phone number does not
 * look like a layout error. */
static void
add_table_row (BfPdfLayout   *self,
               const char   **texts,
               const double  *fractions,
               guint          n,
               gboolean       head)
{
  Block *block = add_block (self, BLOCK_TEXT,
                            head ? BLOCK_TABLE_HEAD | BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT : BLOCK_RULE_BELOW,
                            head ? 3.5 : 4);
  double x = 0;

  g_assert (n <= MAX_CELLS);

  if (head)
    self->table_head = block;
  else
    block->table_head = self->table_head;

  for (guint i = 0; i < n; i++)
    {
      double w = fractions[i] * self->text_width;
      const char *text = is_empty (texts[i]) ? "–" : texts[i];

      block_add_cell (block, cell_new (self, text, head ? STYLE_TABLE_HEAD : STYLE_BODY,
                                       x + 4, w - 8, 0));
      x += w;
    }
}

/* Signatures */

static SigBox *
sig_box_new (BfPdfLayout *self,
             BfAgreement *agreement,
             BfParty     *party,
             double       x,
             double       width)
{
  BfHeader *header = bf_agreement_get_header (agreement);
  BfSignature *sig = bf_agreement_get_signature (agreement, party->id);
  SigBox *box = g_new0 (SigBox, 1);
  const char *role = bf_enum_label_nb (BF_ENUM_PARTY_ROLE, party->role);
  const char *name = party->contact_person;
  g_autofree char *role_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *at = NULL;
  double y;

  box->x = x;
  box->width = width;

  /* A signature made on an older version does not sign this text. */
  if (sig != NULL &&
      g_strcmp0 (sig->version_hash, bf_agreement_get_version_hash (agreement)) == 0)
    {
      box->status = sig->status;
      at = format_date (sig->at);
    }

  if (is_empty (name) && party->role == BF_PARTY_ROLE_LEIETAKER)
    name = header->tenant_name;
  if (is_empty (name))
    name = !is_empty (party->organisation) ? party->organisation : "Navn: ___________________";

  if (!is_empty (party->organisation) && g_strcmp0 (name, party->organisation) != 0)
    role_text = g_strdup_printf ("%s, %s", role != NULL ? role : "Part", party->organisation);
  else
    role_text = g_strdup (role != NULL ? role : "Part");

  switch (box->status)
    {
    case BF_SIGNATURE_STATUS_SIGNERT:
      if (sig->strokes != NULL && sig->strokes->len > 0)
        box->strokes = g_ptr_array_ref (sig->strokes);
      else
        box->status_cell = cell_new (self, "Signert elektronisk", STYLE_SIG_STATUS, 8, width - 16, 0);
      date_text = at != NULL ? g_strdup_printf ("Signert %s", at) : g_strdup ("Signert");
      break;

    case BF_SIGNATURE_STATUS_AVSLATT:
      box->status_cell = cell_new (self, "Avslo å signere", STYLE_SIG_STATUS, 8, width - 16, 0);
      date_text = at != NULL ? g_strdup_printf ("Registrert %s", at) : NULL;
      break;

    case BF_SIGNATURE_STATUS_UTSATT:
      box->status_cell = cell_new (self, "Signering utsatt", STYLE_SIG_STATUS, 8, width - 16, 0);
      date_text = at != NULL ? g_strdup_printf ("Registrert %s", at) : NULL;
      break;

    case BF_SIGNATURE_STATUS_NONE:
    case BF_SIGNATURE_STATUS_IKKE_SIGNERT:
    default:
      break;
    }

  if (box->status_cell != NULL && sig != NULL && !is_empty (sig->note))
    box->note_cell = cell_new_full (self, sig->note, STYLE_SIG_SMALL, 8, width - 16, 0, PANGO_ALIGN_LEFT, 2);

  /* Without a recorded date there is a line to write place and date on,
   * so that a printed copy can be signed by hand. */
  if (date_text == NULL)
    {
      date_text = g_strdup ("Sted og dato:");
      box->date_to_fill = TRUE;
    }

  y = SIG_BOX_HEIGHT + 5;
  /* A signature box is never split across pages, so its texts are kept
   * short; the parties table shows them in full. */
  box->name_cell = cell_new_full (self, name, STYLE_SIG_NAME, 0, width, 0, PANGO_ALIGN_LEFT, 2);
  y += box->name_cell->height;
  box->role_cell = cell_new_full (self, role_text, STYLE_SIG_SMALL, 0, width, 0, PANGO_ALIGN_LEFT, 3);
  y += box->role_cell->height + (box->date_to_fill ? 12 : 3);
  box->date_cell = cell_new (self, date_text, STYLE_SIG_SMALL, 0, width, 0);
  box->date_y = y;
  box->height = y + box->date_cell->height;

  return box;
}

static void
add_signature_row (BfPdfLayout *self,
                   BfAgreement *agreement,
                   BfParty     *left,
                   BfParty     *right)
{
  double width = (self->text_width - SIG_GAP) / 2;
  Block *block = add_block (self, BLOCK_SIGNATURES, BLOCK_NO_SPLIT, 0);

  block->sigs[0] = sig_box_new (self, agreement, left, 0, width);
  block->height = block->sigs[0]->height;
  if (right != NULL)
    {
      SigBox *a = block->sigs[0];
      SigBox *b = block->sigs[1] = sig_box_new (self, agreement, right, width + SIG_GAP, width);
      double date_y = MAX (a->date_y, b->date_y);

      /* Side by side, the date lines share one height. */
      a->height += date_y - a->date_y;
      a->date_y = date_y;
      b->height += date_y - b->date_y;
      b->date_y = date_y;
      block->height = MAX (a->height, b->height);
    }
}

/* Draws the captured strokes into the box: scaled to fit (never more than
 * three times their captured size, so a small scribble is not blown up),
 * smoothed through the midpoints of successive points, and a little wider
 * where the pen pressed harder. */
static void
draw_strokes (GPtrArray *strokes,
              cairo_t   *cr,
              double     x,
              double     y,
              double     width,
              double     height)
{
  const double natural = 72.0 / 254.0;   /* 1/10 mm in points */
  const double pad = 6;
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double scale, off_x, off_y;

  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          const BfPoint *p = &g_array_index (stroke, BfPoint, j);

          min_x = MIN (min_x, p->x);
          min_y = MIN (min_y, p->y);
          max_x = MAX (max_x, p->x);
          max_y = MAX (max_y, p->y);
        }
    }
  if (min_x > max_x)
    return;

  scale = MIN ((width - 2 * pad) / MAX (max_x - min_x, 1),
               (height - 2 * pad) / MAX (max_y - min_y, 1));
  scale = MIN (scale, 3 * natural);
  off_x = x + pad - min_x * scale;
  off_y = y + (height - (max_y - min_y) * scale) / 2 - min_y * scale;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  set_source_rgb (cr, SIG_INK);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

#define PX(p) (off_x + (p)->x * scale)
#define PY(p) (off_y + (p)->y * scale)
  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (strokes, i);
      double last_x, last_y;

      if (stroke->len == 0)
        continue;

      last_x = PX (&g_array_index (stroke, BfPoint, 0));
      last_y = PY (&g_array_index (stroke, BfPoint, 0));

      /* Each piece runs from the midpoint before a point to the midpoint
       * after it, curving through the point; pieces are stroked one by one
       * so that each can have its own width, and the round caps hide the
       * joins. */
      for (guint j = 0; j < stroke->len; j++)
        {
          const BfPoint *p = &g_array_index (stroke, BfPoint, j);
          double px = PX (p), py = PY (p);
          double end_x, end_y;
          double w = 1.3;

          if (p->pressure >= 0)
            w *= 0.6 + 0.8 * CLAMP (p->pressure, 0, 1000) / 1000.0;

          if (j + 1 < stroke->len)
            {
              const BfPoint *n = &g_array_index (stroke, BfPoint, j + 1);

              end_x = (px + PX (n)) / 2;
              end_y = (py + PY (n)) / 2;
            }
          else
            {
              end_x = px;
              end_y = py;
            }

          cairo_set_line_width (cr, w);
          cairo_move_to (cr, last_x, last_y);
          cairo_curve_to (cr,
                          last_x + 2.0 / 3.0 * (px - last_x), last_y + 2.0 / 3.0 * (py - last_y),
                          end_x + 2.0 / 3.0 * (px - end_x), end_y + 2.0 / 3.0 * (py - end_y),
                          end_x, end_y);
          cairo_stroke (cr);
          last_x = end_x;
          last_y = end_y;
        }
    }
#undef PX
#undef PY
  cairo_restore (cr);
}

static void
sig_box_draw (SigBox  *box,
              cairo_t *cr,
              double   x0,
              double   y0)
{
  double x = x0 + box->x;
  double y;

  set_source_rgb (cr, SIG_FILL);
  cairo_rectangle (cr, x, y0, box->width, SIG_BOX_HEIGHT);
  cairo_fill (cr);

  if (box->strokes != NULL)
    draw_strokes (box->strokes, cr, x, y0, box->width, SIG_BOX_HEIGHT);

  if (box->status_cell != NULL)
    {
      double h = box->status_cell->height + (box->note_cell != NULL ? box->note_cell->height + 2 : 0);
      double ty = y0 + MAX (4, (SIG_BOX_HEIGHT - h) / 2);

      cell_draw (box->status_cell, cr, x, ty, 0, box->status_cell->height);
      if (box->note_cell != NULL)
        cell_draw (box->note_cell, cr, x, ty + box->status_cell->height + 2, 0,
                   MIN (box->note_cell->height, SIG_BOX_HEIGHT - (ty - y0) - box->status_cell->height - 4));
    }

  /* The line to sign on. */
  set_source_rgb (cr, INK);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, x, y0 + SIG_BOX_HEIGHT);
  cairo_line_to (cr, x + box->width, y0 + SIG_BOX_HEIGHT);
  cairo_stroke (cr);

  y = y0 + SIG_BOX_HEIGHT + 5;
  cell_draw (box->name_cell, cr, x, y, 0, box->name_cell->height);
  y += box->name_cell->height;
  cell_draw (box->role_cell, cr, x, y, 0, box->role_cell->height);
  y = y0 + box->date_y;
  cell_draw (box->date_cell, cr, x, y, 0, box->date_cell->height);

  if (box->date_to_fill)
    {
      const Line *line = &g_array_index (box->date_cell->lines, Line, 0);
      double start = x + cell_line_width (box->date_cell, 0) + 4;

      set_source_rgb (cr, MUTED);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, start, y + line->baseline + 1.5);
      cairo_line_to (cr, x + box->width, y + line->baseline + 1.5);
      cairo_stroke (cr);
    }
}

/* Building the document, section by section (DOMAIN.md items 1–12). */

static void
build_title (BfPdfLayout *self,
             BfAgreement *agreement,
             const char  *title)
{
  BfHeader *h = bf_agreement_get_header (agreement);
  GString *meta = g_string_new (NULL);

  add_text (self, title, STYLE_TITLE, BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT);
  add_space (self, 6);
  add_text (self, is_empty (h->tenant_name) ? "Leietaker: " NOT_FILLED_IN : h->tenant_name,
            STYLE_SUBTITLE, BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT);
  add_space (self, 3);

  if (!is_empty (h->address))
    g_string_append (meta, h->address);
  if (!is_empty (h->unit))
    g_string_append_printf (meta, "%s%s", meta->len > 0 ? "\n" : "", h->unit);
  if (meta->len > 0)
    add_text (self, meta->str, STYLE_META, 0);
  g_string_free (meta, TRUE);

  add_space (self, 10);
  add_text (self,
            "Denne avtalen kommer i tillegg til husleiekontrakten og bygger på frivillighet. "
            "Den beskriver hva du og de som hjelper deg er enige om, hvem som gjør hva, og "
            "hvordan avtalen skal evalueres. Du kan når som helst be om at avtalen endres.",
            STYLE_META, 0);
}

static void
build_agreement (BfPdfLayout *self,
                 BfAgreement *agreement)
{
  BfHeader *h = bf_agreement_get_header (agreement);
  g_autofree char *decision = NULL;
  g_autofree char *decision_date = format_date (h->decision_date);

  add_heading (self, 1, "Avtale");
  add_field (self, "Avtaletype", bf_enum_label_nb (BF_ENUM_AGREEMENT_TYPE, h->type));
  add_field (self, "Status", bf_enum_label_nb (BF_ENUM_AGREEMENT_STATE, bf_agreement_get_state (agreement)));
  add_field (self, "Leietaker", h->tenant_name);
  if (!is_empty (h->tenant_birth_date))
    add_field_take (self, "Fødselsdato", format_date (h->tenant_birth_date));
  add_field (self, "Barn i husstanden", yes_no (h->household_with_children));
  add_field (self, "Adresse", h->address);
  add_field (self, "Boligtype", bf_enum_label_nb (BF_ENUM_HOUSING_TYPE, h->housing_type));
  add_field (self, "Enhet/bydel", h->unit);

  if (!is_empty (h->decision_reference) && decision_date != NULL)
    decision = g_strdup_printf ("%s, fattet %s", h->decision_reference, decision_date);
  else if (!is_empty (h->decision_reference))
    decision = g_strdup (h->decision_reference);
  else if (decision_date != NULL)
    decision = g_strdup_printf ("Fattet %s", decision_date);
  add_field (self, "Vedtak om oppfølging", decision);

  add_field (self, "Sakstype", bf_enum_label_nb (BF_ENUM_CASE_TYPE, h->case_type));
  if (h->condition_for_allocation && !is_empty (h->alternative_offered))
    add_field_take (self, "Vilkår for tildeling",
                    g_strdup_printf ("Ja. Annen bolig som ble tilbudt: %s", h->alternative_offered));
  else
    add_field (self, "Vilkår for tildeling", yes_no (h->condition_for_allocation));
  add_field_take (self, "Leieforhold", format_period (h->lease_start, h->lease_expiry));
  if (!is_empty (h->trial_period_until))
    add_field_take (self, "Prøvetid til", format_date (h->trial_period_until));
  if (!is_empty (h->lease_signed))
    add_field_take (self, "Husleiekontrakt signert", format_date (h->lease_signed));
}

static void
build_parties (BfPdfLayout *self,
               BfAgreement *agreement)
{
  static const double fractions[] = { 0.25, 0.31, 0.26, 0.18 };
  static const char *head[] = { "Rolle", "Organisasjon", "Kontaktperson", "Telefon" };
  GPtrArray *parties = bf_agreement_get_parties (agreement);

  add_heading (self, 2, "Parter");
  if (parties->len == 0)
    {
      add_paragraph (self, NULL);
      return;
    }

  add_table_row (self, head, fractions, 4, TRUE);
  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);
      BfHeader *h = bf_agreement_get_header (agreement);
      const char *person = p->contact_person;
      const char *row[4];

      if (is_empty (person) && p->role == BF_PARTY_ROLE_LEIETAKER)
        person = h->tenant_name;
      row[0] = bf_enum_label_nb (BF_ENUM_PARTY_ROLE, p->role);
      row[1] = p->organisation;
      row[2] = person;
      row[3] = p->phone;
      add_table_row (self, row, fractions, 4, FALSE);
    }
}

static void
build_background (BfPdfLayout *self,
                  BfAgreement *agreement)
{
  BfBackground *b = bf_agreement_get_background (agreement);

  add_heading (self, 3, "Bakgrunn og formål");
  add_labelled_text (self, "Bakgrunn", b->background);
  add_labelled_text (self, "Hovedmål", b->main_goal);
  add_bullets (self, "Delmål på kort sikt", b->goals_short_term);
  add_bullets (self, "Delmål på lang sikt", b->goals_long_term);
  add_labelled_text (self, "Leietakers egne mål", b->tenant_goals);
  add_labelled_text (self, "Dette ønsker leietaker at vi gjør i en vanskelig periode",
                     b->difficult_period_wishes);
}

static void
build_measures (BfPdfLayout *self,
                BfAgreement *agreement)
{
  GPtrArray *measures = bf_agreement_get_measures (agreement);

  add_heading (self, 4, "Tiltak");
  if (measures->len == 0)
    {
      add_paragraph (self, NULL);
      return;
    }

  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);
      BfParty *party = bf_agreement_find_party (agreement, m->responsible_party);
      const char *category = bf_enum_label_nb (BF_ENUM_MEASURE_CATEGORY, m->category);
      g_autofree char *title = g_strdup_printf ("Tiltak %u: %s", i + 1,
                                                category != NULL ? category : "Uten kategori");

      if (i > 0)
        add_space (self, 4);
      add_subheading (self, title);
      add_field (self, "Beskrivelse", m->description);
      add_field_take (self, "Ansvarlig", party != NULL ? party_display_name (party) : NULL);
      add_field (self, "Hvor ofte", m->frequency);
      add_field_take (self, "Periode", format_period (m->start, m->end));
      add_field (self, "Leietakers forpliktelse", m->tenant_commitment);
    }
}

static void
build_meetings (BfPdfLayout *self,
                BfAgreement *agreement)
{
  static const double fractions[] = { 0.34, 0.30, 0.36 };
  static const char *head[] = { "Kontakt eller møte", "Hvor ofte", "Hvem deltar" };
  GPtrArray *meetings = bf_agreement_get_meetings (agreement);

  add_heading (self, 6, "Kontakt og møter");
  if (meetings->len == 0)
    {
      add_paragraph (self, NULL);
      return;
    }
  add_table_row (self, head, fractions, 3, TRUE);
  for (guint i = 0; i < meetings->len; i++)
    {
      BfMeeting *m = g_ptr_array_index (meetings, i);
      const char *row[] = { m->description, m->frequency, m->participants };

      add_table_row (self, row, fractions, 3, FALSE);
    }
}

static void
build_key_access (BfPdfLayout *self,
                  BfAgreement *agreement)
{
  BfKeyAccess *k = bf_agreement_get_key_access (agreement);
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) procedure = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *consent_date = format_date (k->consent_date);
  g_autofree char *withdrawn = format_date (k->consent_withdrawn);
  const char *form = bf_enum_label_nb (BF_ENUM_CONSENT_FORM, k->consent_form);
  const char *notice = bf_enum_label_nb (BF_ENUM_NOTICE_RULE, k->notice_rule);
  GString *consent;
  g_autofree char *notice_text = NULL;

  add_heading (self, 7, "Nøkkeltilgang");
  if (!k->agreed)
    {
      add_paragraph (self, "Det er ikke avtalt at noen andre enn leietaker skal ha nøkkel til boligen.");
      return;
    }

  consent = g_string_new (NULL);
  if (k->consent_recorded)
    {
      g_string_append (consent, form != NULL ? form : "Samtykke");
      if (form != NULL)
        g_string_append (consent, " samtykke");
      g_string_append (consent, " fra leietaker");
      if (consent_date != NULL)
        g_string_append_printf (consent, ", gitt %s", consent_date);
      g_string_append_c (consent, '.');
    }
  else
    g_string_append (consent, "Samtykke er ikke registrert.");
  add_field_take (self, "Samtykke", g_string_free (consent, FALSE));
  add_field (self, "Begrunnelse", k->justification);

  if (k->conditions.danger_to_life_or_health)
    g_ptr_array_add (conditions, g_strdup ("Fare for liv eller helse"));
  if (k->conditions.no_contact_hours > 0)
    g_ptr_array_add (conditions, g_strdup_printf ("Ingen kontakt med leietaker på %u timer",
                                                  k->conditions.no_contact_hours));
  if (k->conditions.partner_concern)
    g_ptr_array_add (conditions, g_strdup ("Bekymring fra samarbeidspartner"));
  if (k->conditions.suspected_house_rule_breach)
    g_ptr_array_add (conditions, g_strdup ("Mistanke om alvorlig brudd på husordensreglene"));
  if (k->conditions.fire_or_hms_risk)
    g_ptr_array_add (conditions, g_strdup ("Brann- eller HMS-risiko"));
  if (k->conditions.inspection)
    g_ptr_array_add (conditions, g_strdup ("Tilsyn eller kontroll"));
  if (k->conditions.any_time)
    g_ptr_array_add (conditions, g_strdup ("Når som helst"));
  if (!is_empty (k->conditions.other))
    g_ptr_array_add (conditions, g_strdup (k->conditions.other));
  add_field_take (self, "Når kan noen gå inn", join_bullets (conditions));

  if (notice != NULL && !is_empty (k->notice_details))
    notice_text = g_strdup_printf ("%s.\n%s", notice, k->notice_details);
  else if (notice != NULL)
    notice_text = g_strdup_printf ("%s.", notice);
  else
    notice_text = g_strdup (k->notice_details);
  add_field (self, "Varsel", notice_text);

  add_field (self, "Hvem kan gå inn", k->who_may_enter);
  add_field_take (self, "Ansatte til stede",
                  k->staff_count == 0 ? NULL :
                  k->staff_count == 1 ? g_strdup ("Én ansatt") :
                  g_strdup_printf ("%u ansatte", k->staff_count));

  if (k->procedure.knock_first)
    g_ptr_array_add (procedure, g_strdup ("Banker på og venter før noen låser seg inn"));
  if (k->procedure.call_out)
    g_ptr_array_add (procedure, g_strdup ("Roper ut og sier hvem som kommer"));
  if (k->procedure.leave_on_signs_of_life)
    g_ptr_array_add (procedure, g_strdup ("Går ikke inn hvis leietaker svarer eller det er tegn til liv"));
  if (!is_empty (k->procedure.other))
    g_ptr_array_add (procedure, g_strdup (k->procedure.other));
  add_field_take (self, "Fremgangsmåte", join_bullets (procedure));

  add_field (self, "Hvem har nøkkelen", k->key_holder);
  add_field (self, "Tilbakelevering av nøkkel", k->key_return);
  if (withdrawn != NULL)
    add_field_take (self, "Samtykke trukket",
                    g_strdup_printf ("%s. Nøkkeltilgangen er avsluttet.", withdrawn));

  add_note (self,
            "Du kan når som helst trekke tilbake samtykket til nøkkeltilgang, muntlig eller "
            "skriftlig. Da avsluttes nøkkeltilgangen, og nøkkelen leveres tilbake til deg.");
}

static void
build_breach (BfPdfLayout *self,
              BfAgreement *agreement)
{
  add_heading (self, 8, "Konsekvenser ved brudd");
  add_paragraph (self, bf_agreement_get_breach_consequences (agreement));
  /* DOMAIN.md, 002:828–830: said in plain words on every copy. */
  add_note (self,
            "Du kan ikke sies opp fra boligen bare fordi denne avtalen brytes. Bare brudd på "
            "husleiekontrakten eller husordensreglene kan få følger for leieforholdet.");
}

static void
build_consent (BfPdfLayout *self,
               BfAgreement *agreement)
{
  static const double fractions[] = { 0.37, 0.19, 0.22, 0.22 };
  static const char *head[] = { "Mottaker", "Form", "Gitt", "Trukket" };
  BfConsent *c = bf_agreement_get_consent (agreement);
  g_autofree char *copy_date = format_date (c->copy_given_date);

  add_heading (self, 11, "Samtykke og medvirkning");
  add_text (self, "Samtykke til å dele opplysninger", STYLE_LABEL, BLOCK_KEEP_WITH_NEXT | BLOCK_NO_SPLIT);
  add_space (self, 3);
  if (c->sharing->len == 0)
    add_paragraph (self, NULL);
  else
    {
      add_table_row (self, head, fractions, 4, TRUE);
      for (guint i = 0; i < c->sharing->len; i++)
        {
          BfSharingConsent *s = g_ptr_array_index (c->sharing, i);
          g_autofree char *given = format_date (s->given);
          g_autofree char *withdrawn = format_date (s->withdrawn);
          const char *row[] = { s->recipient, bf_enum_label_nb (BF_ENUM_CONSENT_FORM, s->form),
                                given, withdrawn };

          add_table_row (self, row, fractions, 4, FALSE);
        }
    }

  add_space (self, 8);
  add_field (self, "Gjennomgått muntlig med leietaker", yes_no (c->reviewed_orally));
  add_field (self, "Informert om rettigheter etter husleieloven", yes_no (c->informed_of_rights));
  add_field (self, "Leietakers forslag til endringer", c->tenant_proposed_changes);
  if (c->copy_given && copy_date != NULL)
    add_field_take (self, "Kopi gitt til leietaker", g_strdup_printf ("Ja, %s", copy_date));
  else
    add_field (self, "Kopi gitt til leietaker", yes_no (c->copy_given));
}

static void
build_signatures (BfPdfLayout *self,
                  BfAgreement *agreement)
{
  GPtrArray *parties = bf_agreement_get_parties (agreement);

  add_heading (self, 12, "Signaturer");
  add_text (self,
            "Alle parter signerer før husleiekontrakten signeres. Endres teksten, blir det en ny "
            "versjon som alle må signere på nytt.",
            STYLE_META, BLOCK_KEEP_WITH_NEXT);
  if (parties->len == 0)
    {
      add_space (self, 6);
      add_paragraph (self, NULL);
      return;
    }
  for (guint i = 0; i < parties->len; i += 2)
    {
      add_space (self, 14);
      add_signature_row (self, agreement,
                         g_ptr_array_index (parties, i),
                         i + 1 < parties->len ? g_ptr_array_index (parties, i + 1) : NULL);
    }
}

static void
build (BfPdfLayout        *self,
       BfAgreement        *agreement,
       const BfPdfOptions *opts)
{
  BfHeader *h = bf_agreement_get_header (agreement);
  BfEvaluationPlan *plan = bf_agreement_get_evaluation_plan (agreement);
  BfDuration *duration = bf_agreement_get_duration (agreement);
  const char *title = bf_enum_label_nb (BF_ENUM_AGREEMENT_TYPE, h->type);
  const char *hash = bf_agreement_get_version_hash (agreement);
  guint version = bf_agreement_get_version (agreement);
  g_autofree char *saved = format_date (bf_agreement_get_saved_at (agreement));
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (title == NULL)
    title = "Oppfølgingsavtale";

  now = opts != NULL && opts->now != NULL ? g_date_time_ref (opts->now) : g_date_time_new_now_local ();
  today = format_date_time (now);

  /* The page header names the version, so that a copy on paper can always
   * be matched to what was signed. Text that differs from the saved
   * version says so instead of borrowing its number. */
  if (version == 0)
    self->version_text = g_strdup_printf ("Utkast, ikke lagret – %s", today);
  else if (bf_agreement_has_unsaved_changes (agreement))
    self->version_text = g_strdup_printf ("Utkast etter versjon %u – %s", version, today);
  else if (bf_agreement_get_state (agreement) == BF_AGREEMENT_STATE_UTKAST)
    self->version_text = g_strdup_printf ("Versjon %u, %s (utkast)", version, saved ? saved : today);
  else
    self->version_text = g_strdup_printf ("Versjon %u, %s", version, saved ? saved : today);
  if (hash != NULL && !bf_agreement_has_unsaved_changes (agreement))
    self->version_id = g_strndup (hash, 12);
  if (!is_empty (h->tenant_name))
    self->header_text = g_strdup_printf ("%s · %s", title, h->tenant_name);
  else
    self->header_text = g_strdup (title);

  build_title (self, agreement, title);
  build_agreement (self, agreement);
  build_parties (self, agreement);
  build_background (self, agreement);
  build_measures (self, agreement);
  add_heading (self, 5, "Ansvarsfordeling");
  add_paragraph (self, bf_agreement_get_responsibility (agreement));
  build_meetings (self, agreement);
  build_key_access (self, agreement);
  build_breach (self, agreement);

  add_heading (self, 9, "Evaluering");
  add_field_take (self, "Dato for evaluering", format_date (plan->date));
  add_field (self, "Hva skal evalueres", plan->scope);

  add_heading (self, 10, "Varighet");
  add_field_take (self, "Avtalen gjelder", format_period (duration->from, duration->to));

  build_consent (self, agreement);
  build_signatures (self, agreement);
}

/* Pagination */

/* The height a block needs at the bottom of a page to start there: all of
 * it when it cannot be split, else its first two lines (or all of a short
 * paragraph, so that a single line is never left behind). */
static double
block_min_start (Block *block)
{
  double h = 0;

  if (block->kind == BLOCK_SPACE)
    return 0;
  if (block->kind != BLOCK_TEXT || (block->flags & BLOCK_NO_SPLIT))
    return block->height;

  for (guint c = 0; c < block->n_cells; c++)
    {
      GArray *lines = block->cells[c]->lines;
      guint n = lines->len <= 3 ? lines->len : 2;

      if (n > 0)
        h = MAX (h, g_array_index (lines, Line, n - 1).bottom);
    }
  return h + 2 * block->pad;
}

/* A heading needs room for itself and the start of what follows. */
static double
keep_height (BfPdfLayout *self,
             guint        index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double h;

  if (!(block->flags & BLOCK_KEEP_WITH_NEXT))
    return block_min_start (block);

  h = block->height;
  for (guint j = index + 1; j < self->blocks->len; j++)
    {
      Block *next = g_ptr_array_index (self->blocks, j);

      if (next->kind == BLOCK_SPACE)
        {
          h += next->space;
          continue;
        }
      h += keep_height (self, j);
      break;
    }
  return h;
}

static double
rest_height (Block        *block,
             const double *from)
{
  double h = 0;

  for (guint c = 0; c < block->n_cells; c++)
    h = MAX (h, block->cells[c]->height - from[c]);
  return h + 2 * block->pad;
}

static double
add_slice (BfPdfLayout  *self,
           Block        *block,
           guint         page,
           double        y,
           const double *from,
           const double *to)
{
  Slice slice = { block, page, y, 0, { 0 }, { 0 } };
  double h = 0;

  for (guint c = 0; c < block->n_cells; c++)
    {
      slice.from[c] = from[c];
      slice.to[c] = to[c];
      h = MAX (h, to[c] - from[c]);
    }
  slice.height = block->kind == BLOCK_TEXT ? h + 2 * block->pad : block->height;
  if (block->flags & BLOCK_HEADING)
    slice.height = block->height;
  g_array_append_val (self->slices, slice);
  return slice.height;
}

static gboolean
is_blank (Cell  *cell,
          guint  index)
{
  return g_array_index (cell->lines, Line, index).line->length == 0;
}

static gboolean
is_last_of_paragraph (Cell  *cell,
                      guint  index)
{
  if (index >= cell->lines->len || is_blank (cell, index))
    return FALSE;
  return index + 1 == cell->lines->len ||
         g_array_index (cell->lines, Line, index + 1).line->is_paragraph_start;
}

/* A page does not start with the empty line between two paragraphs. */
static void
skip_blank_lines (Block  *block,
                  double *from)
{
  for (guint c = 0; c < block->n_cells; c++)
    {
      Cell *cell = block->cells[c];

      for (guint i = 0; i < cell->lines->len; i++)
        {
          const Line *line = &g_array_index (cell->lines, Line, i);

          if (line->top < from[c] - EPSILON)
            continue;
          if (!is_blank (cell, i))
            break;
          from[c] = line->bottom;
        }
    }
}

/* Where to cut each cell so that what is above the cut fits in @room:
 * after the last whole line, at least one line when @force. Returns
 * whether anything fits. */
static gboolean
find_cut (Block        *block,
          const double *from,
          double        room,
          gboolean      force,
          double       *to)
{
  gboolean progress = FALSE;

  for (guint c = 0; c < block->n_cells; c++)
    {
      Cell *cell = block->cells[c];
      guint placed = 0, remaining = 0, last = G_MAXUINT;

      to[c] = from[c];
      for (guint i = 0; i < cell->lines->len; i++)
        {
          const Line *line = &g_array_index (cell->lines, Line, i);

          if (line->top < from[c] - EPSILON)
            continue;
          if (remaining == 0 && (line->bottom - from[c] <= room + EPSILON || (force && placed == 0)))
            {
              to[c] = line->bottom;
              last = i;
              placed++;
            }
          else
            remaining++;
        }

      if (remaining == 0)
        to[c] = MAX (to[c], cell->height);
      else if (placed >= 3 && is_last_of_paragraph (cell, last + 1))
        {
          /* Carry one more line over rather than leave the last line of a
           * paragraph alone at the top of the next page. */
          to[c] = g_array_index (cell->lines, Line, last - 1).bottom;
          placed--;
        }
      if (placed > 0)
        progress = TRUE;
    }
  return progress;
}

/* Goes on to the next page; a table row that continues there gets the
 * table's head again, so that its columns keep their names. */
static void
next_page (BfPdfLayout *self,
           Block       *block,
           guint       *page,
           double      *y)
{
  Block *head = block->table_head;

  (*page)++;
  *y = self->top;
  if (head != NULL)
    {
      double none[MAX_CELLS] = { 0 };
      double all[MAX_CELLS] = { 0 };

      for (guint c = 0; c < head->n_cells; c++)
        all[c] = head->cells[c]->height;
      *y += add_slice (self, head, *page, *y, none, all);
    }
  self->page_top = *y;
}

static void
paginate (BfPdfLayout *self)
{
  double page_room = self->bottom - self->top;
  double y = self->top;
  guint page = 0;

  self->page_top = self->top;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double from[MAX_CELLS] = { 0 };
      double to[MAX_CELLS] = { 0 };
      gboolean first = TRUE;

      if (block->kind == BLOCK_SPACE)
        {
          /* Space at the top of a page would only push text down. */
          if (y > self->page_top + EPSILON)
            y += block->space;
          continue;
        }

      for (;;)
        {
          double room = self->bottom - y;
          double rest = rest_height (block, from);

          if (first)
            {
              double need = keep_height (self, i);

              if (need > page_room)
                need = block_min_start (block);
              if (need > room + EPSILON && y > self->page_top + EPSILON)
                {
                  next_page (self, block, &page, &y);
                  continue;
                }
            }

          if (block->kind != BLOCK_TEXT || (block->flags & BLOCK_NO_SPLIT) ||
              rest <= room + EPSILON)
            {
              for (guint c = 0; c < block->n_cells; c++)
                to[c] = block->cells[c]->height;
              y += add_slice (self, block, page, y, from, to);
              break;
            }

          if (!find_cut (block, from, room - 2 * block->pad, y <= self->page_top + EPSILON, to))
            {
              next_page (self, block, &page, &y);
              first = FALSE;
              continue;
            }
          add_slice (self, block, page, y, from, to);
          memcpy (from, to, sizeof from);
          skip_blank_lines (block, from);
          next_page (self, block, &page, &y);
          first = FALSE;
        }
    }

  self->n_pages = page + 1;
}

/* Drawing */

static void
draw_slice (BfPdfLayout *self,
            cairo_t     *cr,
            Slice       *slice)
{
  Block *block = slice->block;
  double x = MARGIN_X;
  double y = slice->y;

  if (block->flags & (BLOCK_NOTE | BLOCK_TABLE_HEAD))
    {
      set_source_rgb (cr, (block->flags & BLOCK_NOTE) ? NOTE_FILL : HEAD_FILL);
      cairo_rectangle (cr, x, y, self->text_width, slice->height);
      cairo_fill (cr);
    }
  if (block->flags & BLOCK_NOTE)
    {
      set_source_rgb (cr, ACCENT);
      cairo_rectangle (cr, x, y, 3, slice->height);
      cairo_fill (cr);
    }
  if (block->flags & BLOCK_RULE_BELOW)
    {
      set_source_rgb (cr, RULE);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, x, y + slice->height - 0.25);
      cairo_line_to (cr, x + self->text_width, y + slice->height - 0.25);
      cairo_stroke (cr);
    }
  if (block->flags & BLOCK_HEADING)
    {
      set_source_rgb (cr, ACCENT);
      cairo_set_line_width (cr, 0.75);
      cairo_move_to (cr, x, y + slice->height - 1.5);
      cairo_line_to (cr, x + self->text_width, y + slice->height - 1.5);
      cairo_stroke (cr);
    }

  if (block->kind == BLOCK_SIGNATURES)
    {
      for (guint i = 0; i < G_N_ELEMENTS (block->sigs); i++)
        if (block->sigs[i] != NULL)
          sig_box_draw (block->sigs[i], cr, x, y);
      return;
    }

  for (guint c = 0; c < block->n_cells; c++)
    cell_draw (block->cells[c], cr, x, y + block->pad, slice->from[c], slice->to[c]);
}

/* One line of the page header or footer: @right at the right margin, and
 * @left in what is left of the line, shortened with "…" rather than
 * running into @right (a long name must not hide the version). */
static void
draw_page_line (BfPdfLayout *self,
                cairo_t     *cr,
                const char  *left,
                const char  *right,
                double       y)
{
  Cell *right_cell = cell_new_full (self, right, STYLE_PAGE, 0, self->text_width, 0, PANGO_ALIGN_RIGHT, 1);
  double right_width = self->text_width - g_array_index (right_cell->lines, Line, 0).x;

  cell_draw (right_cell, cr, MARGIN_X, y, 0, right_cell->height);
  cell_free (right_cell);

  if (left != NULL)
    {
      Cell *left_cell = cell_new_full (self, left, STYLE_PAGE, 0,
                                       MAX (self->text_width - right_width - MM (8), MM (20)),
                                       0, PANGO_ALIGN_LEFT, 1);

      cell_draw (left_cell, cr, MARGIN_X, y, 0, left_cell->height);
      cell_free (left_cell);
    }
}

static void
draw_header_and_footer (BfPdfLayout *self,
                        cairo_t     *cr,
                        guint        page)
{
  g_autofree char *page_text = g_strdup_printf ("Side %u av %u", page + 1, self->n_pages);
  g_autofree char *id_text = NULL;
  double footer_y = self->height - MM (14);

  /* The first page has the title and the name in large type already. */
  draw_page_line (self, cr, page == 0 ? NULL : self->header_text, self->version_text, MM (12));

  set_source_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, MM (17));
  cairo_line_to (cr, self->width - MARGIN_X, MM (17));
  cairo_stroke (cr);
  cairo_move_to (cr, MARGIN_X, footer_y - MM (2));
  cairo_line_to (cr, self->width - MARGIN_X, footer_y - MM (2));
  cairo_stroke (cr);

  if (self->version_id != NULL)
    id_text = g_strdup_printf ("Versjons-ID %s", self->version_id);
  draw_page_line (self, cr, id_text, page_text, footer_y);
}

/* GObject */

static void
bf_pdf_layout_finalize (GObject *object)
{
  BfPdfLayout *self = (BfPdfLayout *) object;

  g_clear_pointer (&self->slices, g_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->family, g_free);
  g_clear_pointer (&self->header_text, g_free);
  g_clear_pointer (&self->version_text, g_free);
  g_clear_pointer (&self->version_id, g_free);

  G_OBJECT_CLASS (bf_pdf_layout_parent_class)->finalize (object);
}

static void
bf_pdf_layout_class_init (BfPdfLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bf_pdf_layout_finalize;
}

static void
bf_pdf_layout_init (BfPdfLayout *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
}

/* Public API */

/**
 * bf_pdf_layout_new:
 * @agreement: the agreement to lay out
 * @width: the page width in points
 * @height: the page height in points
 * @opts: (nullable): options
 *
 * Lays out @agreement on pages of the given size. The layout is a snapshot:
 * later changes to @agreement do not show.
 *
 * Returns: (transfer full): the layout
 */
BfPdfLayout *
bf_pdf_layout_new (BfAgreement        *agreement,
                   double              width,
                   double              height,
                   const BfPdfOptions *opts)
{
  g_autoptr(BfPdfLayout) self = NULL;
  cairo_font_options_t *options;
  PangoFontMap *font_map;

  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), NULL);
  g_return_val_if_fail (width >= 2 * MARGIN_X + MM (60) && height >= MARGIN_TOP + MARGIN_BOTTOM + MM (60), NULL);

  self = g_object_new (BF_TYPE_PDF_LAYOUT, NULL);
  self->width = width;
  self->height = height;
  self->text_width = width - 2 * MARGIN_X;
  self->top = MARGIN_TOP;
  self->bottom = height - MARGIN_BOTTOM;
  self->family = g_strdup (opts != NULL && opts->font_family != NULL ? opts->font_family : DEFAULT_FAMILY);

  /* Metrics that do not depend on a screen: unhinted, unrounded, at 72
   * dpi, so that the pages break in the same places on paper, in the PDF
   * and in a print preview. */
  font_map = pango_cairo_font_map_get_default ();
  self->context = pango_font_map_create_context (font_map);
  pango_cairo_context_set_resolution (self->context, 72);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("nb"));
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  build (self, agreement, opts);
  paginate (self);

  return g_steal_pointer (&self);
}

double
bf_pdf_layout_get_width (BfPdfLayout *self)
{
  g_return_val_if_fail (BF_IS_PDF_LAYOUT (self), 0);

  return self->width;
}

double
bf_pdf_layout_get_height (BfPdfLayout *self)
{
  g_return_val_if_fail (BF_IS_PDF_LAYOUT (self), 0);

  return self->height;
}

guint
bf_pdf_layout_get_n_pages (BfPdfLayout *self)
{
  g_return_val_if_fail (BF_IS_PDF_LAYOUT (self), 0);

  return self->n_pages;
}

/**
 * bf_pdf_layout_draw_page:
 * @cr: a context whose user space is in points, with the page's top left
 *   corner at the origin
 * @page: the page, counted from 0
 *
 * Draws one page, with its header and footer.
 */
void
bf_pdf_layout_draw_page (BfPdfLayout *self,
                         cairo_t     *cr,
                         guint        page)
{
  g_return_if_fail (BF_IS_PDF_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  draw_header_and_footer (self, cr, page);
  for (guint i = 0; i < self->slices->len; i++)
    {
      Slice *slice = &g_array_index (self->slices, Slice, i);

      if (slice->page == page)
        draw_slice (self, cr, slice);
      else if (slice->page > page)
        break;
    }
  cairo_restore (cr);
}

/* Bookmarks for the numbered sections, so a reader can jump to
 * "7. Nøkkeltilgang" in any PDF viewer. */
static void
add_outline (BfPdfLayout     *self,
             cairo_surface_t *surface)
{
  for (guint i = 0; i < self->slices->len; i++)
    {
      Slice *slice = &g_array_index (self->slices, Slice, i);
      g_autofree char *link = NULL;

      if (!(slice->block->flags & BLOCK_HEADING))
        continue;
      link = g_strdup_printf ("page=%u pos=[%d %d]", slice->page + 1,
                              (int) MARGIN_X, (int) slice->y);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT,
                                     pango_layout_get_text (slice->block->cells[0]->layout),
                                     link, 0);
    }
}

typedef struct
{
  GOutputStream *out;
  GCancellable  *cancellable;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (wc->out, data, length, NULL, wc->cancellable, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/**
 * bf_pdf_write_agreement:
 * @agreement: the agreement
 * @out: where the PDF goes; it is flushed but not closed
 * @opts: (nullable): options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes @agreement as an A4 PDF to @out. Nothing else is written
 * anywhere: cairo builds the document in memory and in @out.
 *
 * Returns: %TRUE on success; on cancellation %FALSE with
 *   %G_IO_ERROR_CANCELLED, on any other failure a #BF_PDF_ERROR
 */
gboolean
bf_pdf_write_agreement (BfAgreement         *agreement,
                        GOutputStream       *out,
                        const BfPdfOptions  *opts,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(BfPdfLayout) layout = NULL;
  WriteClosure wc = { out, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layout = bf_pdf_layout_new (agreement, BF_PDF_A4_WIDTH, BF_PDF_A4_HEIGHT, opts);

  surface = cairo_pdf_surface_create_for_stream (write_cb, &wc, BF_PDF_A4_WIDTH, BF_PDF_A4_HEIGHT);
  /* The title stays generic: a file's metadata is shown by file managers
   * and indexers that have no business knowing who the tenant is. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, "Oppfølgingsavtale");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);

  cr = cairo_create (surface);
  for (guint page = 0; page < layout->n_pages; page++)
    {
      if (wc.error != NULL || g_cancellable_set_error_if_cancelled (cancellable, &wc.error))
        {
          /* cairo 1.16 crashes finishing a PDF without pages; what it
           * writes now goes nowhere, since the stream refuses it. */
          if (page == 0)
            cairo_show_page (cr);
          break;
        }
      bf_pdf_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  add_outline (layout, surface);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (wc.error != NULL && g_error_matches (wc.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, wc.error);
      return FALSE;
    }
  if (wc.error != NULL)
    {
      g_set_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE,
                   /* Translators: %s says why, e.g. “No space left on device”. */
                   _("The PDF could not be written: %s"), wc.error->message);
      g_clear_error (&wc.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BF_PDF_ERROR, BF_PDF_ERROR_RENDER,
                   /* Translators: %s is the technical reason from the drawing library. */
                   _("The PDF could not be made: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return g_output_stream_flush (out, cancellable, error);
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE,
               /* Translators: the first %s is a file name, the second why it failed. */
               _("The PDF could not be saved as “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_to_path (BfAgreement         *agreement,
               const char          *path,
               const BfPdfOptions  *opts,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_name = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;
  int dir_fd;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_name = g_strdup_printf (".%s.XXXXXX", base);
  tmp_path = g_build_filename (dir, tmp_name, NULL);

  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, path, errno);
  /* Whatever the umask, the copy is for one person. */
  if (fchmod (fd, 0600) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp_path);
      return set_write_error (error, path, saved_errno);
    }

  out = g_unix_output_stream_new (fd, TRUE);
  if (!bf_pdf_write_agreement (agreement, out, opts, cancellable, &local_error))
    {
      g_output_stream_close (out, NULL, NULL);
      g_unlink (tmp_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_output_stream_close (out, NULL, NULL);
      g_unlink (tmp_path);
      return set_write_error (error, path, saved_errno);
    }
  if (!g_output_stream_close (out, NULL, &local_error))
    {
      g_unlink (tmp_path);
      g_set_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE,
                   /* Translators: %s says why, e.g. “No space left on device”. */
                   _("The PDF could not be written: %s"), local_error->message);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      return set_write_error (error, path, saved_errno);
    }

  /* Make the rename itself durable; a failure here loses nothing. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

/**
 * bf_pdf_write_agreement_to_path:
 * @agreement: the agreement
 * @path: the file the user chose
 * @opts: (nullable): options
 * @error: return location for a #GError
 *
 * Writes the PDF to @path atomically with mode 0600: into a hidden
 * temporary file in the same directory (never in /tmp, so the text does not
 * land on another file system), synced, then renamed over @path. On any
 * failure the temporary file is removed and @path is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
bf_pdf_write_agreement_to_path (BfAgreement         *agreement,
                                const char          *path,
                                const BfPdfOptions  *opts,
                                GError             **error)
{
  g_return_val_if_fail (BF_IS_AGREEMENT (agreement), FALSE);
  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_to_path (agreement, path, opts, NULL, error);
}

typedef struct
{
  BfAgreement *snapshot;
  char        *path;
  GDateTime   *now;
  char        *font_family;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->snapshot);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->now, g_date_time_unref);
  g_clear_pointer (&data->font_family, g_free);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  BfPdfOptions opts = { data->now, data->font_family };
  GError *error = NULL;

  if (write_to_path (data->snapshot, data->path, &opts, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * bf_pdf_write_agreement_to_path_async:
 * @agreement: the agreement
 * @path: the file the user chose
 * @opts: (nullable): options
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written or has failed
 * @user_data: data for @callback
 *
 * Like bf_pdf_write_agreement_to_path(), off the calling thread. The
 * agreement is copied first, so it may be edited while the PDF is made;
 * the worker thread lays out the copy with its own fonts, and nothing of
 * the caller's is touched there.
 */
void
bf_pdf_write_agreement_to_path_async (BfAgreement         *agreement,
                                      const char          *path,
                                      const BfPdfOptions  *opts,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  WriteData *data;

  g_return_if_fail (BF_IS_AGREEMENT (agreement));
  g_return_if_fail (path != NULL && *path != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bf_pdf_write_agreement_to_path_async);

  data = g_new0 (WriteData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  data->path = g_strdup (path);
  data->now = opts != NULL && opts->now != NULL ? g_date_time_ref (opts->now) : g_date_time_new_now_local ();
  data->font_family = g_strdup (opts != NULL ? opts->font_family : NULL);

  json = bf_agreement_to_json (agreement, BF_AGREEMENT_JSON_DEFAULT);
  data->snapshot = bf_agreement_new_from_json (json, -1, &error);
  if (data->snapshot == NULL)
    {
      g_task_return_new_error (task, BF_PDF_ERROR, BF_PDF_ERROR_RENDER,
                               /* Translators: %s says what is wrong with the agreement. */
                               _("The PDF could not be made, because the agreement is not consistent: %s"),
                               error->message);
      return;
    }

  g_task_run_in_thread (task, write_thread);
}

gboolean
bf_pdf_write_agreement_to_path_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bf_pdf_write_agreement_to_path_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
