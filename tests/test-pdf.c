/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bf-pdf.h"
#include "bf-test-util.h"
#include "fixtures.h"

static const char *headings[] = {
  "Oppfølgingsavtale",
  "1. Avtale",
  "2. Parter",
  "3. Bakgrunn og formål",
  "4. Tiltak",
  "5. Ansvarsfordeling",
  "6. Kontakt og møter",
  "7. Nøkkeltilgang",
  "8. Konsekvenser ved brudd",
  "9. Evaluering",
  "10. Varighet",
  "11. Samtykke og medvirkning",
  "12. Signaturer",
};

/* A fresh directory for the test's files, inside the isolated XDG data
 * directory, never in /tmp. */
static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (gdir);
  while (g_dir_read_name (gdir) != NULL)
    n++;
  return n;
}

/* The text of the PDF as pdftotext reads it, pages separated by \f, with
 * runs of white space squeezed to one space so that line breaks inside a
 * sentence do not matter. NULL (and the test skipped) without pdftotext. */
static char *
pdf_text (const char *path,
          guint      *n_pages)
{
  g_autofree char *prog = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", path, "-", NULL };
  GString *squeezed;
  int status = 0;

  if (prog == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return NULL;
    }
  argv[0] = prog;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (out, -1, NULL));

  squeezed = g_string_new (NULL);
  *n_pages = 0;
  for (const char *p = out; *p != '\0'; p++)
    {
      if (*p == '\f')
        {
          (*n_pages)++;
          g_string_append_c (squeezed, '\f');
        }
      else if (g_ascii_isspace (*p))
        {
          if (squeezed->len > 0 && squeezed->str[squeezed->len - 1] != ' ' &&
              squeezed->str[squeezed->len - 1] != '\f')
            g_string_append_c (squeezed, ' ');
        }
      else
        g_string_append_c (squeezed, *p);
    }
  return g_string_free (squeezed, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    {
      g_test_message ("not found: “%s”", needle);
      g_assert_nonnull (strstr (haystack, needle));
    }
}

static void
assert_page_numbers (const char *text,
                     guint       n_pages)
{
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

  g_assert_cmpuint (g_strv_length (pages), >=, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Side %u av %u", i + 1, n_pages);

      assert_contains (pages[i], expected);
    }
}

/* Every numbered section is a bookmark; pdftohtml -xml lists them. */
static void
assert_outline (const char *path)
{
  g_autofree char *prog = g_find_program_in_path ("pdftohtml");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-xml", "-stdout", "-i", "-q", path, NULL };
  const char *outline;
  int status = 0;

  if (prog == NULL)
    return;
  argv[0] = prog;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  outline = strstr (out, "<outline>");
  g_assert_nonnull (outline);
  for (guint i = 1; i < G_N_ELEMENTS (headings); i++)
    {
      g_autofree char *item = g_strdup_printf (">%s</item>", headings[i]);

      assert_contains (outline, item);
    }
}

/* File managers and indexers show a PDF's title; it must not name the
 * tenant. */
static void
assert_metadata_is_anonymous (const char *path)
{
  g_autofree char *prog = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, "-enc", "UTF-8", path, NULL };
  int status = 0;

  if (prog == NULL)
    return;
  argv[0] = prog;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  assert_contains (out, "Oppfølgingsavtale\n");
  g_assert_null (strstr (out, "Kari"));
  g_assert_null (strstr (out, "Østby"));
}

static void
test_full (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfPdfLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("full");
  g_autofree char *path = g_build_filename (dir, "avtale.pdf", NULL);
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_true (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
  g_assert_no_error (error);

  /* Only the PDF, no temporary file left beside it, and for one person. */
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_cmpuint (bf_test_file_mode (path), ==, 0600);

  text = pdf_text (path, &n_pages);
  if (text == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    assert_contains (text, headings[i]);
  assert_contains (text, "Kari Østby Ålien");
  assert_contains (text, "Bjørnstadveien 12 B, 7021 Trondheim");
  assert_contains (text, "Jørn Økland");
  assert_contains (text, "Siv Hæreid");
  assert_contains (text, "Versjon 1, 27. januar 2025");
  assert_contains (text, "Side 1 av");
  assert_contains (text, "Hjemmebesøk med praktisk veiledning i renhold og rydding.");
  assert_contains (text, "Ingen kontakt med leietaker på 48 timer");
  assert_contains (text, "trekke tilbake samtykket til nøkkeltilgang");
  assert_contains (text, "Bare brudd på husleiekontrakten eller husordensreglene");
  assert_contains (text, "Signert 28. januar 2025");

  layout = bf_pdf_layout_new (a, BF_PDF_A4_WIDTH, BF_PDF_A4_HEIGHT, NULL);
  g_assert_cmpuint (n_pages, ==, bf_pdf_layout_get_n_pages (layout));
  assert_page_numbers (text, n_pages);
  assert_outline (path);
  assert_metadata_is_anonymous (path);
}

static void
test_empty (void)
{
  g_autoptr(BfAgreement) a = bf_agreement_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = fixture_time ("2025-03-01T12:00:00Z");
  BfPdfOptions opts = { .now = now };
  g_autofree char *dir = make_dir ("empty");
  g_autofree char *path = g_build_filename (dir, "tom.pdf", NULL);
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_true (bf_pdf_write_agreement_to_path (a, path, &opts, &error));
  g_assert_no_error (error);
  text = pdf_text (path, &n_pages);
  if (text == NULL)
    return;

  /* Every section is there, and says it was left empty. */
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    assert_contains (text, headings[i]);
  assert_contains (text, "Ikke fylt ut");
  assert_contains (text, "Utkast, ikke lagret – 1. mars 2025");
  assert_page_numbers (text, n_pages);
}

/* A long background in numbered words: every word must come out, in order,
 * however the text is cut across pages. */
static void
test_long_text (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfPdfLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("long");
  g_autofree char *path = g_build_filename (dir, "lang.pdf", NULL);
  g_autofree char *text = NULL;
  GString *s = g_string_new (NULL);
  const char *previous = NULL;
  guint n_pages = 0;

  for (guint i = 0; i < 1500; i++)
    {
      g_string_append_printf (s, "ord%04u ", i);
      if (i % 97 == 96)
        g_string_append (s, "Dette er et avsnitt om økonomi og bolig.\n\n");
    }
  /* One "word" longer than a line must wrap, not run off the page. */
  g_string_append (s, "\nhttps://example.org/");
  for (guint i = 0; i < 40; i++)
    g_string_append (s, "sti-æøå");
  g_string_append (s, " SLUTT");
  bf_agreement_get_background (a)->background = g_string_free (s, FALSE);
  bf_agreement_changed (a);

  layout = bf_pdf_layout_new (a, BF_PDF_A4_WIDTH, BF_PDF_A4_HEIGHT, NULL);
  g_assert_cmpuint (bf_pdf_layout_get_n_pages (layout), >, 3);

  g_assert_true (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path, &n_pages);
  if (text == NULL)
    return;

  g_assert_cmpuint (n_pages, ==, bf_pdf_layout_get_n_pages (layout));
  assert_page_numbers (text, n_pages);
  for (guint i = 0; i < 1500; i++)
    {
      char word[16];
      const char *found;

      g_snprintf (word, sizeof word, "ord%04u", i);
      found = strstr (text, word);
      if (found == NULL)
        g_test_message ("missing: %s", word);
      g_assert_nonnull (found);
      g_assert_true (previous == NULL || found > previous);
      previous = found;
    }
  assert_contains (text, "SLUTT");
  assert_contains (text, "12. Signaturer");
}

/* Long text inside a label-and-value row and inside a table cell splits
 * across pages too, with nothing lost. */
static void
test_long_fields (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("long-fields");
  g_autofree char *path = g_build_filename (dir, "felt.pdf", NULL);
  g_autofree char *text = NULL;
  BfKeyAccess *k = bf_agreement_get_key_access (a);
  BfParty *nav = bf_agreement_find_party (a, ID_NAV);
  GString *justification = g_string_new (NULL);
  GString *organisation = g_string_new (NULL);
  const char *previous = NULL;
  guint n_pages = 0;

  for (guint i = 0; i < 700; i++)
    g_string_append_printf (justification, "nøkkel%04u ", i);
  for (guint i = 0; i < 120; i++)
    g_string_append_printf (organisation, "etat%03u ", i);
  g_free (k->justification);
  k->justification = g_string_free (justification, FALSE);
  g_free (nav->organisation);
  nav->organisation = g_string_free (organisation, FALSE);
  bf_agreement_changed (a);

  g_assert_true (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path, &n_pages);
  if (text == NULL)
    return;

  g_assert_cmpuint (n_pages, >, 4);
  assert_page_numbers (text, n_pages);
  for (guint i = 0; i < 700; i++)
    {
      g_autofree char *word = g_strdup_printf ("nøkkel%04u", i);
      const char *found = strstr (text, word);

      g_assert_nonnull (found);
      g_assert_true (previous == NULL || found > previous);
      previous = found;
    }
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *word = g_strdup_printf ("etat%03u", i);

      assert_contains (text, word);
    }

  /* The parties table went on to a second page and named its columns
   * again there. */
  {
    const char *p = strstr (text, "Kontaktperson");

    g_assert_nonnull (p);
    g_assert_nonnull (strstr (p + 1, "Kontaktperson"));
  }
}

static gboolean
ends_with_word (const char *text,
                const char *word)
{
  return g_str_has_suffix (text, word) &&
         (strlen (text) == strlen (word) || text[strlen (text) - strlen (word) - 1] == ' ');
}

/* Headings stay with what follows them: whatever the length of the text
 * before, no page ends with a heading or a label. The background grows a
 * line at a time, so every heading passes every position on a page. */
static void
test_keep_with_next (void)
{
  static const char *labels[] = {
    "Bakgrunn", "Hovedmål", "Delmål på kort sikt", "Delmål på lang sikt", "Leietakers egne mål",
    "Tiltak 1: Bo-oppfølging", "Tiltak 2: Økonomi/husleieplan", "Tiltak 3: Helse",
    "Samtykke til å dele opplysninger", "Rolle Organisasjon Kontaktperson Telefon",
  };
  g_autofree char *dir = make_dir ("keep");
  g_autofree char *path = g_build_filename (dir, "avtale.pdf", NULL);

  for (guint variant = 0; variant < 50; variant++)
    {
      g_autoptr(BfAgreement) a = fixture_draft ();
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) pages = NULL;
      GString *s = g_string_new ("Start.");
      guint n_pages = 0;

      for (guint i = 0; i < variant * 12; i++)
        g_string_append (s, " tekst");
      g_free (bf_agreement_get_background (a)->background);
      bf_agreement_get_background (a)->background = g_string_free (s, FALSE);
      bf_agreement_changed (a);

      g_assert_true (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
      g_assert_no_error (error);
      text = pdf_text (path, &n_pages);
      if (text == NULL)
        return;

      pages = g_strsplit (text, "\f", -1);
      for (guint p = 0; p + 1 < n_pages; p++)
        {
          g_autofree char *footer = g_strdup_printf (" Side %u av %u", p + 1, n_pages);
          char *end = strstr (pages[p], footer);

          g_assert_nonnull (end);
          *end = '\0';
          g_strchomp (pages[p]);
          g_test_message ("variant %u, page %u", variant, p + 1);
          for (guint i = 1; i < G_N_ELEMENTS (headings); i++)
            g_assert_false (ends_with_word (pages[p], headings[i]));
          for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
            g_assert_false (ends_with_word (pages[p], labels[i]));
        }
    }
}

static void
test_signature_statuses (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) saved = fixture_time ("2025-01-27T09:30:00Z");
  g_autoptr(GDateTime) at = fixture_time ("2025-01-28T10:15:00Z");
  g_autofree char *dir = make_dir ("statuses");
  g_autofree char *path = g_build_filename (dir, "signaturer.pdf", NULL);
  g_autofree char *text = NULL;
  guint n_pages = 0;
  GDate today;

  fixture_today (&today);
  g_assert_true (bf_agreement_save_version (a, saved, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_AVSLATT, at, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_sign (a, ID_NAV, BF_SIGNATURE_STATUS_UTSATT, at, NULL,
                                    "Saksbehandler er syk", &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_sign (a, ID_WORKER, BF_SIGNATURE_STATUS_SIGNERT, at,
                                    fixture_strokes (), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (path, &n_pages);
  if (text == NULL)
    return;

  assert_contains (text, "Avslo å signere");
  assert_contains (text, "Signering utsatt");
  assert_contains (text, "Saksbehandler er syk");
  assert_contains (text, "Signert 28. januar 2025");
  assert_contains (text, "Sted og dato:");
  assert_contains (text, "Versjon 1, 27. januar 2025");
}

static void
test_mode_and_replace (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("mode");
  g_autofree char *path = g_build_filename (dir, "avtale.pdf", NULL);
  g_autofree char *contents = NULL;
  mode_t old_umask;
  gsize len = 0;

  /* An older, world-readable file of the same name is replaced, and the
   * new one is 0600 even with a permissive umask. */
  g_assert_true (g_file_set_contents (path, "gammel", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  old_umask = umask (0);
  g_assert_true (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
  umask (old_umask);
  g_assert_no_error (error);

  g_assert_cmpuint (bf_test_file_mode (path), ==, 0600);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static void
test_unwritable (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("readonly");
  g_autofree char *path = g_build_filename (dir, "avtale.pdf", NULL);
  g_autofree char *file = NULL;
  g_autofree char *below_file = NULL;

  /* A directory the user cannot write to. */
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (access (dir, W_OK) == 0)
    g_test_message ("running as root: a read-only mode does not stop writing");
  else
    {
      g_assert_false (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
      g_assert_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE);
      assert_contains (error->message, "avtale.pdf");
      assert_contains (error->message, "Permission denied");
      g_clear_error (&error);
      g_assert_cmpuint (count_entries (dir), ==, 0);
    }
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);

  /* A folder that is not there, and a "folder" that is a file: these fail
   * for root too. */
  g_free (path);
  path = g_build_filename (dir, "finnes-ikke", "avtale.pdf", NULL);
  g_assert_false (bf_pdf_write_agreement_to_path (a, path, NULL, &error));
  g_assert_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE);
  assert_contains (error->message, "The PDF could not be saved as");
  g_clear_error (&error);

  file = g_build_filename (dir, "fil", NULL);
  g_assert_true (g_file_set_contents (file, "x", -1, NULL));
  below_file = g_build_filename (file, "avtale.pdf", NULL);
  g_assert_false (bf_pdf_write_agreement_to_path (a, below_file, NULL, &error));
  g_assert_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE);
  g_clear_error (&error);

  /* A directory as the target: the rename fails and the temporary file
   * goes away. */
  g_assert_false (bf_pdf_write_agreement_to_path (a, dir, NULL, &error));
  g_assert_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE);
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

/* The disk fills up in the middle of the PDF. A file size limit makes the
 * write fail even for root; only the soft limit is lowered, so it can be
 * put back afterwards. */
static void
test_disk_full (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("full-disk");
  g_autofree char *path = g_build_filename (dir, "avtale.pdf", NULL);
  g_autofree char *contents = NULL;
  struct rlimit saved, limit;
  void (*saved_handler) (int);
  gboolean ok;

  /* An earlier export must survive a failed one untouched. */
  g_assert_true (g_file_set_contents (path, "forrige eksport", -1, NULL));

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = 4096;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = bf_pdf_write_agreement_to_path (a, path, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE);
  assert_contains (error->message, "The PDF could not be written");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "forrige eksport");
}

static void
test_stream (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) bad = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;

  g_assert_true (bf_pdf_write_agreement (a, out, NULL, NULL, &error));
  g_assert_no_error (error);
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), >, 1000);
  g_assert_true (strncmp (data, "%PDF-", 5) == 0);

  /* A stream that fails (here: already closed) gives a write error that
   * says why. */
  bad = g_memory_output_stream_new_resizable ();
  g_assert_true (g_output_stream_close (bad, NULL, NULL));
  g_assert_false (bf_pdf_write_agreement (a, bad, NULL, NULL, &error));
  g_assert_error (error, BF_PDF_ERROR, BF_PDF_ERROR_WRITE);
  assert_contains (error->message, "The PDF could not be written");
}

static guint
count_ink_pixels (BfPdfLayout *layout)
{
  guint count = 0;

  for (guint page = 0; page < bf_pdf_layout_get_n_pages (layout); page++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 596, 842);
      cairo_t *cr = cairo_create (surface);
      const guchar *data;
      int stride;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      bf_pdf_layout_draw_page (layout, cr, page);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < 842; y++)
        for (int x = 0; x < 596; x++)
          {
            guint32 px = *(const guint32 *) (data + y * stride + x * 4) & 0xffffff;

            /* The pen's dark blue, where only strokes use it. */
            if (px == 0x0b2a6b)
              count++;
          }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return count;
}

/* Captured strokes of every shape are drawn without trouble: none, an
 * empty stroke, a single dot, a long wavy line with extreme pressures. */
static void
test_strokes (void)
{
  g_autoptr(BfAgreement) a = fixture_draft ();
  g_autoptr(BfPdfLayout) unsigned_layout = NULL;
  g_autoptr(BfPdfLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GArray *wave = bf_stroke_new ();
  GArray *dot = bf_stroke_new ();
  GDate today;

  g_ptr_array_add (strokes, bf_stroke_new ());
  bf_stroke_add_point (dot, 5000, 5000, 1000, 0);
  g_ptr_array_add (strokes, dot);
  for (int i = 0; i < 2000; i++)
    bf_stroke_add_point (wave, i * 3, (gint32) (400 * sin (i / 40.0)), (i * 7) % 1001, i);
  g_ptr_array_add (strokes, wave);

  fixture_today (&today);
  g_assert_true (bf_agreement_save_version (a, NULL, &error));
  g_assert_no_error (error);
  unsigned_layout = bf_pdf_layout_new (a, BF_PDF_A4_WIDTH, BF_PDF_A4_HEIGHT, NULL);
  g_assert_cmpuint (count_ink_pixels (unsigned_layout), ==, 0);

  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &today, &error));
  g_assert_no_error (error);
  g_assert_true (bf_agreement_sign (a, ID_TENANT, BF_SIGNATURE_STATUS_SIGNERT, NULL, strokes, NULL, &error));
  g_assert_no_error (error);
  layout = bf_pdf_layout_new (a, BF_PDF_A4_WIDTH, BF_PDF_A4_HEIGHT, NULL);
  g_assert_cmpuint (count_ink_pixels (layout), >, 100);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
wait_for_async (BfAgreement  *a,
                const char   *path,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bf_pdf_write_agreement_to_path_async (a, path, NULL, cancellable, async_done_cb, &result);
  /* The copy is taken at the call: a later edit does not reach the PDF. */
  bf_set_str (&bf_agreement_get_header (a)->tenant_name, "Endret Etterpå");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bf_pdf_write_agreement_to_path_finish (result, error);
}

static void
test_async (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfAgreement) b = fixture_active ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ("async");
  g_autofree char *path = g_build_filename (dir, "avtale.pdf", NULL);
  g_autofree char *text = NULL;
  guint n_pages = 0;

  g_assert_true (wait_for_async (a, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bf_test_file_mode (path), ==, 0600);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  text = pdf_text (path, &n_pages);
  if (text != NULL)
    {
      assert_contains (text, "Kari Østby Ålien");
      g_assert_null (strstr (text, "Endret Etterpå"));
    }

  /* Cancelled: the usual G_IO_ERROR_CANCELLED, and nothing written. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_cancellable_cancel (cancellable);
  g_assert_false (wait_for_async (b, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (dir), ==, 0);
}

/* The print path: any page size, any cairo context in points. */
static void
test_draw_pages (void)
{
  g_autoptr(BfAgreement) a = fixture_active ();
  g_autoptr(BfPdfLayout) a4 = bf_pdf_layout_new (a, BF_PDF_A4_WIDTH, BF_PDF_A4_HEIGHT, NULL);
  g_autoptr(BfPdfLayout) a5 = bf_pdf_layout_new (a, 419.53, 595.28, NULL);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpuint (bf_pdf_layout_get_n_pages (a4), >=, 2);
  g_assert_cmpuint (bf_pdf_layout_get_n_pages (a5), >, bf_pdf_layout_get_n_pages (a4));
  g_assert_cmpfloat (bf_pdf_layout_get_width (a5), ==, 419.53);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 419, 595);
  cr = cairo_create (surface);
  for (guint i = 0; i < bf_pdf_layout_get_n_pages (a5); i++)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      bf_pdf_layout_draw_page (a5, cr, i);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pdf/full", test_full);
  g_test_add_func ("/pdf/empty", test_empty);
  g_test_add_func ("/pdf/long-text", test_long_text);
  g_test_add_func ("/pdf/long-fields", test_long_fields);
  g_test_add_func ("/pdf/keep-with-next", test_keep_with_next);
  g_test_add_func ("/pdf/signature-statuses", test_signature_statuses);
  g_test_add_func ("/pdf/mode-and-replace", test_mode_and_replace);
  g_test_add_func ("/pdf/unwritable", test_unwritable);
  g_test_add_func ("/pdf/disk-full", test_disk_full);
  g_test_add_func ("/pdf/stream", test_stream);
  g_test_add_func ("/pdf/async", test_async);
  g_test_add_func ("/pdf/strokes", test_strokes);
  g_test_add_func ("/pdf/draw-pages", test_draw_pages);

  return g_test_run ();
}
