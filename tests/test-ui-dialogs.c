/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Drives the log and signing dialogs with their real widgets on an
 * agreement in a real (encrypted, temporary) store.
 *
 * With BOFAST_SHOTS_DIR set, each test also leaves its dialog on screen
 * for a moment and writes its X window id to that directory, so that
 * tests/shoot-dialogs.sh can take a screenshot; nothing else changes.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "bf-agreement-store.h"
#include "bf-breach-dialog.h"
#include "bf-date.h"
#include "bf-dialog-util.h"
#include "bf-evaluation-dialog.h"
#include "bf-key-use-dialog.h"
#include "bf-rules.h"
#include "bf-secure.h"
#include "bf-signature-pad.h"
#include "bf-signing-dialog.h"
#include "bf-visit-dialog.h"
#include "fixtures.h"

typedef struct
{
  char             *path;
  BfSecret         *key;
  BfStore          *db;
  BfAgreementStore *store;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

static void
iterate_until (Condition   condition,
               gpointer    data,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static gboolean
timeout_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_done_cb, &done);
  iterate_until (is_true, &done, "a pause");
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
set_text (gpointer    widget,
          GType       type,
          const char *name,
          const char *text)
{
  GObject *child = template_child (widget, type, name);

  if (GTK_IS_TEXT_VIEW (child))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (child), text);
}

static void
press_enter (gpointer    widget,
             GType       type,
             const char *row)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (template_child (widget, type, row)));

  /* What the Enter key does in the row's text field, which has the focus
   * while one types in it. */
  gtk_widget_grab_focus (GTK_WIDGET (delegate));
  g_signal_emit_by_name (delegate, "activate");
}

static gboolean
is_nonzero (gpointer data)
{
  return *(guint *) data != 0;
}

/* A button's activation (Enter on the default widget) clicks it after a
 * short press animation, so wait for what the click does. */
static void
wait_for_count (guint      *count,
                const char *what)
{
  iterate_until (is_nonzero, count, what);
}

typedef struct
{
  guint *count;
  guint  target;
} CountWait;

static gboolean
count_reached (gpointer data)
{
  CountWait *wait = data;

  return *wait->count >= wait->target;
}

/* The signing dialog saves in a thread; wait for its ::signed. */
static void
activate_and_wait (gpointer    dialog,
                   const char *action,
                   guint      *count)
{
  CountWait wait = { count, *count + 1 };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), action, NULL));
  iterate_until (count_reached, &wait, action);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Under tests/shoot-dialogs.sh: show @window for a moment and say which X
 * window it is, so that the script can take a picture of it. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *sw = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sw));
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
  double x, y;

  if (!gtk_widget_translate_coordinates (widget, gtk_viewport_get_child (GTK_VIEWPORT (viewport)), 0, 0, &x, &y))
    return;
  gtk_adjustment_set_value (adj, y + gtk_widget_get_height (widget) + 18 - gtk_adjustment_get_page_size (adj));
}

static void
maybe_shoot_at (gpointer    window,
                const char *name,
                GtkWidget  *show)
{
  const char *dir = g_getenv ("BOFAST_SHOTS_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  GdkSurface *surface;

  if (dir == NULL)
    return;
#ifndef GDK_WINDOWING_X11
  return;
#else

  iterate_until (widget_is_mapped, window, "the dialog to show");
  iterate_for (400);
  if (show != NULL)
    {
      scroll_to (show);
      iterate_for (200);
    }
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  path = g_build_filename (dir, name, NULL);
  contents = g_strdup_printf ("%lu\n", (gulong) gdk_x11_surface_get_xid (surface));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  /* The script takes the picture while the dialog stays up, and removes
   * the file when it has it. */
  for (guint i = 0; i < 50 && g_file_test (path, G_FILE_TEST_EXISTS); i++)
    iterate_for (100);
#endif
}

static void
maybe_shoot (gpointer    window,
             const char *name)
{
  maybe_shoot_at (window, name, NULL);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (out, child);
      else
        collect (child, type, out);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "store", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  f->path = g_build_filename (dir, BF_STORE_FILE_NAME, NULL);
  f->key = bf_secret_new_random (BF_STORE_KEY_SIZE);
  f->db = bf_store_create (f->path, f->key, &error);
  g_assert_no_error (error);
  f->store = bf_agreement_store_new (f->db);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  bf_store_close (f->db);
  g_clear_object (&f->db);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->key, bf_secret_free);
}

static void
today (GDate *date)
{
  g_autofree char *iso = bf_dialog_today_iso ();

  g_assert_true (bf_date_parse (iso, date));
}

static char *
days_ago (int days)
{
  GDate date;

  today (&date);
  g_date_subtract_days (&date, days);
  return bf_date_format (&date);
}

static gboolean
has_finding (BfAgreement *agreement,
             const char  *rule_id)
{
  g_autoptr(GPtrArray) findings = NULL;
  GDate date;

  today (&date);
  findings = bf_rules_check (agreement, &date);
  return bf_findings_find (findings, rule_id) != NULL;
}

static guint
count_red_lamps (BfAgreementStore *store)
{
  g_autoptr(GError) error = NULL;
  BfAgreementQuery query;
  guint n = 0;
  GDate date;

  today (&date);
  bf_agreement_query_init (&query, &date);
  query.filter = BF_AGREEMENT_FILTER_RED_LAMP;
  g_assert_true (bf_agreement_store_count (store, &query, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
save (BfAgreementStore *store,
      BfAgreement      *agreement)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_agreement_store_save (store, agreement, NULL, &error));
  g_assert_no_error (error);
}

static void
count_cb (GObject *object,
          gpointer arg,
          guint   *count)
{
  (*count)++;
}

/* The active fixture, last in contact 22 days ago: its red lamp is lit. */
static BfAgreement *
make_silent_agreement (BfAgreementStore *store)
{
  BfAgreement *a = fixture_active ();
  g_autofree char *date = days_ago (22);
  BfVisit *visit = bf_visit_new (date, BF_VISIT_TYPE_TELEFON);

  bf_agreement_add_visit (a, visit);
  save (store, a);
  g_assert_true (has_finding (a, "R14"));
  g_assert_cmpuint (count_red_lamps (store), ==, 1);
  return a;
}

static gboolean
visit_dialog_loaded (gpointer data)
{
  return bf_visit_dialog_get_agreement (data) != NULL;
}

static void
test_visit_clears_red_lamp (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = make_silent_agreement (f->store);
  g_autoptr(BfAgreement) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_iso = bf_dialog_today_iso ();
  g_autofree char *today_text = bf_dialog_format_date (today_iso);
  BfVisitDialog *dialog;
  GPtrArray *visits;
  BfVisit *visit;
  guint saved = 0;

  dialog = bf_visit_dialog_present (NULL, f->store, bf_agreement_get_id (agreement));
  g_object_ref (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (count_cb), &saved);
  iterate_until (visit_dialog_loaded, dialog, "the agreement to load");

  /* Three fields show; the rest waits in the expander. */
  g_assert_cmpstr (gtk_editable_get_text (template_child (dialog, BF_TYPE_VISIT_DIALOG, "date_row")), ==, today_text);
  g_assert_cmpuint (adw_combo_row_get_selected (template_child (dialog, BF_TYPE_VISIT_DIALOG, "type_row")), ==,
                    BF_VISIT_TYPE_HJEMMEBESOK - 1);
  g_assert_false (adw_expander_row_get_expanded (template_child (dialog, BF_TYPE_VISIT_DIALOG, "more_row")));

  /* A date that is not one blocks saving. */
  set_text (dialog, BF_TYPE_VISIT_DIALOG, "date_row", "31.02.2026");
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_VISIT_DIALOG, "save_button")));
  set_text (dialog, BF_TYPE_VISIT_DIALOG, "date_row", today_text);
  g_assert_true (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_VISIT_DIALOG, "save_button")));

  set_text (dialog, BF_TYPE_VISIT_DIALOG, "observations_view", "Kaffe ved kjøkkenbordet. Ryddig, røykvarsleren virker.");
  adw_expander_row_set_expanded (template_child (dialog, BF_TYPE_VISIT_DIALOG, "more_row"), TRUE);
  gtk_switch_set_active (template_child (dialog, BF_TYPE_VISIT_DIALOG, "concern_switch"), TRUE);
  maybe_shoot (dialog, "visit");
  maybe_shoot_at (dialog, "visit-more", template_child (dialog, BF_TYPE_VISIT_DIALOG, "next_contact_row"));

  /* Enter in the date field saves. */
  press_enter (dialog, BF_TYPE_VISIT_DIALOG, "date_row");
  wait_for_count (&saved, "the visit to be saved");
  g_assert_cmpuint (saved, ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_finalize_object (dialog);

  /* In the store: the red lamp is out, and the visit is there. */
  g_assert_cmpuint (count_red_lamps (f->store), ==, 0);
  reloaded = bf_agreement_store_load (f->store, bf_agreement_get_id (agreement), &error);
  g_assert_no_error (error);
  g_assert_false (has_finding (reloaded, "R14"));
  g_assert_cmpstr (bf_agreement_get_last_contact (reloaded), ==, today_iso);
  visits = bf_agreement_get_visits (reloaded);
  visit = g_ptr_array_index (visits, visits->len - 1);
  g_assert_cmpint (visit->type, ==, BF_VISIT_TYPE_HJEMMEBESOK);
  g_assert_cmpstr (visit->observations, ==, "Kaffe ved kjøkkenbordet. Ryddig, røykvarsleren virker.");
  g_assert_true (visit->concern);
  g_assert_false (visit->fire_risk);
}

static void
test_visit_escape_closes (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = make_silent_agreement (f->store);
  BfVisitDialog *dialog = bf_visit_dialog_new (f->store, agreement);
  guint saved = 0;

  g_object_ref (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (count_cb), &saved);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The calendar button next to the date fills it in. */
  {
    g_autoptr(GPtrArray) calendars = g_ptr_array_new ();
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 20, 12, 0, 0);

    collect (GTK_WIDGET (dialog), GTK_TYPE_CALENDAR, calendars);
    g_assert_cmpuint (calendars->len, ==, 2);
    gtk_calendar_select_day (g_ptr_array_index (calendars, 0), day);
    g_signal_emit_by_name (g_ptr_array_index (calendars, 0), "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (template_child (dialog, BF_TYPE_VISIT_DIALOG, "date_row")), ==, "20.11.2026");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  g_assert_cmpuint (saved, ==, 0);
  g_assert_cmpuint (count_red_lamps (f->store), ==, 1);
  g_assert_finalize_object (dialog);
}


/* The draft, saved and out for signing. */
static BfAgreement *
make_signing_agreement (BfAgreementStore *store,
                        gboolean          capacity_in_doubt)
{
  BfAgreement *a = fixture_draft ();
  g_autoptr(GError) error = NULL;
  GDate date;

  bf_agreement_get_header (a)->consent_capacity_in_doubt = capacity_in_doubt;
  bf_agreement_changed (a);
  save (store, a);
  today (&date);
  g_assert_true (bf_agreement_transition (a, BF_AGREEMENT_STATE_TIL_SIGNERING, 0, &date, &error));
  g_assert_no_error (error);
  save (store, a);
  return a;
}

/* A signature in three strokes, as a pen would give it, in pad pixels. */
static void
draw_signature (BfSignaturePad *pad,
                gboolean        with_pressure)
{
  int w = MAX (gtk_widget_get_width (GTK_WIDGET (pad)), 300);
  int h = MAX (gtk_widget_get_height (GTK_WIDGET (pad)), 100);

  bf_signature_pad_begin_stroke (pad, w * 0.12, h * 0.62, with_pressure ? 0.3 : -1);
  for (int i = 1; i <= 40; i++)
    {
      double t = i / 40.0;

      bf_signature_pad_extend_stroke (pad, w * (0.12 + 0.30 * t),
                                      h * (0.62 - 0.30 * sin (t * G_PI * 2.5) * (1 - t * 0.4)),
                                      with_pressure ? 0.3 + 0.6 * sin (t * G_PI) : -1);
    }
  bf_signature_pad_end_stroke (pad);

  bf_signature_pad_begin_stroke (pad, w * 0.45, h * 0.35, with_pressure ? 0.5 : -1);
  for (int i = 1; i <= 30; i++)
    {
      double t = i / 30.0;

      bf_signature_pad_extend_stroke (pad, w * (0.45 + 0.35 * t), h * (0.55 + 0.15 * cos (t * G_PI * 4)),
                                      with_pressure ? 0.4 + 0.4 * t : -1);
    }
  bf_signature_pad_end_stroke (pad);

  bf_signature_pad_begin_stroke (pad, w * 0.20, h * 0.74, with_pressure ? 0.6 : -1);
  bf_signature_pad_extend_stroke (pad, w * 0.80, h * 0.70, with_pressure ? 0.5 : -1);
  bf_signature_pad_end_stroke (pad);
}

static void
test_signature_pad (void)
{
  GtkWidget *window = gtk_window_new ();
  BfSignaturePad *pad = BF_SIGNATURE_PAD (bf_signature_pad_new ());
  g_autoptr(GPtrArray) strokes = NULL;
  GArray *first;
  guint notified = 0;

  gtk_widget_set_size_request (GTK_WIDGET (pad), 600, 200);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (pad));
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (widget_is_mapped, pad, "the pad to show");
  g_signal_connect (pad, "notify::empty", G_CALLBACK (count_cb), &notified);

  g_assert_true (bf_signature_pad_get_empty (pad));
  draw_signature (pad, TRUE);
  g_assert_false (bf_signature_pad_get_empty (pad));
  g_assert_cmpuint (notified, ==, 1);

  strokes = bf_signature_pad_dup_strokes (pad);
  g_assert_cmpuint (strokes->len, ==, 3);
  first = g_ptr_array_index (strokes, 0);
  g_assert_cmpuint (first->len, >, 10);
  /* 600 px wide is 120 mm: 0.12 of the width is 14.4 mm. */
  g_assert_cmpint (g_array_index (first, BfPoint, 0).x, ==, 144);
  g_assert_cmpint (g_array_index (first, BfPoint, 0).pressure, ==, 300);
  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          const BfPoint *p = &g_array_index (stroke, BfPoint, j);

          g_assert_cmpint (p->x, >=, 0);
          g_assert_cmpint (p->x, <=, BF_SIGNATURE_PAD_WIDTH);
          g_assert_cmpint (p->y, >=, 0);
          g_assert_cmpint (p->y, <=, BF_SIGNATURE_PAD_HEIGHT);
          g_assert_cmpint (p->t, >=, 0);
        }
    }

  /* From the keyboard: Ctrl+Z takes back a stroke, Delete clears. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "pad.undo", NULL));
  g_clear_pointer (&strokes, g_ptr_array_unref);
  strokes = bf_signature_pad_dup_strokes (pad);
  g_assert_cmpuint (strokes->len, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pad), "pad.clear", NULL));
  g_assert_true (bf_signature_pad_get_empty (pad));
  g_assert_cmpuint (notified, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_signing_all_parties (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = make_signing_agreement (f->store, FALSE);
  g_autoptr(BfAgreement) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *parties = bf_agreement_get_parties (agreement);
  BfSigningDialog *dialog;
  BfSignaturePad *pad;
  BfSignature *sig;
  guint signed_count = 0;

  dialog = bf_signing_dialog_present (NULL, f->store, agreement);
  g_object_ref (dialog);
  g_signal_connect (dialog, "signed", G_CALLBACK (count_cb), &signed_count);
  pad = template_child (dialog, BF_TYPE_SIGNING_DIALOG, "pad");
  iterate_until (widget_is_mapped, pad, "the pad to show");

  /* The tenant first: not without the confirmation that the text was
   * read and explained, and not without a signature. */
  g_assert_cmpstr (bf_signing_dialog_get_party (dialog), ==, ID_TENANT);
  g_assert_true (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "explained_row")));
  g_assert_true (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "decline_button")));
  g_assert_false (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "r12_box")));
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "sign_button")));
  draw_signature (pad, TRUE);
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "sign_button")));
  gtk_check_button_set_active (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "explained_check"), TRUE);
  g_assert_true (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "sign_button")));
  maybe_shoot (dialog, "signing");

  activate_and_wait (dialog, "signing.sign", &signed_count);
  g_assert_cmpuint (signed_count, ==, 1);
  sig = bf_agreement_get_signature (agreement, ID_TENANT);
  g_assert_cmpint (sig->status, ==, BF_SIGNATURE_STATUS_SIGNERT);
  g_assert_cmpuint (sig->strokes->len, ==, 3);
  g_assert_true (bf_signature_pad_get_empty (pad));

  /* The others in turn; the last without a drawing, from the keyboard. */
  for (guint i = 1; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);

      g_assert_cmpstr (bf_signing_dialog_get_party (dialog), ==, p->id);
      g_assert_false (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "explained_row")));
      g_assert_false (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "decline_button")));
      if (i + 1 < parties->len)
        draw_signature (pad, FALSE);
      else
        gtk_check_button_set_active (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "no_drawing_check"), TRUE);
      g_assert_true (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "sign_button")));
      activate_and_wait (dialog, "signing.sign", &signed_count);
    }
  g_assert_cmpuint (signed_count, ==, parties->len);
  g_assert_true (bf_agreement_all_signed (agreement));
  g_assert_null (bf_signing_dialog_get_party (dialog));
  g_assert_false (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "sign_box")));
  g_assert_true (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "done_box")));
  maybe_shoot (dialog, "signing-done");

  /* In the store, with the strokes. */
  reloaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_true (bf_agreement_all_signed (reloaded));
  sig = bf_agreement_get_signature (reloaded, ID_TENANT);
  g_assert_cmpuint (sig->strokes->len, ==, 3);
  g_assert_cmpint (g_array_index ((GArray *) g_ptr_array_index (sig->strokes, 0), BfPoint, 0).pressure, ==, 300);
  sig = bf_agreement_get_signature (reloaded, ID_OFFICE);
  g_assert_cmpuint (sig->strokes->len, ==, 3);
  g_assert_cmpint (g_array_index ((GArray *) g_ptr_array_index (sig->strokes, 0), BfPoint, 0).pressure, ==, -1);
  sig = bf_agreement_get_signature (reloaded, ID_RUS);
  g_assert_cmpint (sig->status, ==, BF_SIGNATURE_STATUS_SIGNERT);
  g_assert_cmpuint (sig->strokes->len, ==, 0);
  g_clear_object (&reloaded);

  /* All signed: on to active, which Enter now does. */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 template_child (dialog, BF_TYPE_SIGNING_DIALOG, "activate_button"));
  activate_and_wait (dialog, "signing.activate", &signed_count);
  g_assert_cmpint (bf_agreement_get_state (agreement), ==, BF_AGREEMENT_STATE_AKTIV);
  reloaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_agreement_get_state (reloaded), ==, BF_AGREEMENT_STATE_AKTIV);
  g_assert_false (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "activate_button")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_signing_tenant_declines (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = make_signing_agreement (f->store, TRUE);
  g_autoptr(BfAgreement) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  BfSigningDialog *dialog;
  BfSignature *sig;
  guint signed_count = 0;

  dialog = bf_signing_dialog_present (NULL, f->store, agreement);
  g_object_ref (dialog);
  g_signal_connect (dialog, "signed", G_CALLBACK (count_cb), &signed_count);

  /* Capacity to consent in doubt: the dialog says why postponing may be
   * right (R12). */
  g_assert_cmpstr (bf_signing_dialog_get_party (dialog), ==, ID_TENANT);
  g_assert_true (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "r12_box")));
  maybe_shoot (dialog, "signing-r12");

  /* Declining needs neither a drawing nor the confirmation. */
  g_assert_true (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "decline_button")));
  set_text (dialog, BF_TYPE_SIGNING_DIALOG, "note_row", "Vil tenke over avtalen med søsteren sin.");
  activate_and_wait (dialog, "signing.decline", &signed_count);
  sig = bf_agreement_get_signature (agreement, ID_TENANT);
  g_assert_cmpint (sig->status, ==, BF_SIGNATURE_STATUS_AVSLATT);
  g_assert_cmpstr (sig->note, ==, "Vil tenke over avtalen med søsteren sin.");
  g_assert_true (gtk_widget_get_visible (template_child (dialog, BF_TYPE_SIGNING_DIALOG, "declined_box")));

  /* The next party may postpone. */
  g_assert_cmpstr (bf_signing_dialog_get_party (dialog), ==, ID_OFFICE);
  activate_and_wait (dialog, "signing.postpone", &signed_count);
  g_assert_cmpint (bf_agreement_get_signature (agreement, ID_OFFICE)->status, ==, BF_SIGNATURE_STATUS_UTSATT);

  reloaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  sig = bf_agreement_get_signature (reloaded, ID_TENANT);
  g_assert_cmpint (sig->status, ==, BF_SIGNATURE_STATUS_AVSLATT);
  g_assert_cmpstr (sig->note, ==, "Vil tenke over avtalen med søsteren sin.");
  g_clear_object (&reloaded);

  /* The draft ends as declined by the tenant. */
  activate_and_wait (dialog, "signing.mark-declined", &signed_count);
  g_assert_cmpint (bf_agreement_get_state (agreement), ==, BF_AGREEMENT_STATE_AVSLATT);
  reloaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bf_agreement_get_state (reloaded), ==, BF_AGREEMENT_STATE_AVSLATT);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static gboolean
label_shows (GtkWidget  *box,
             const char *text)
{
  /* Whether @box is on screen with a label that contains @text. */
  if (!gtk_widget_is_visible (box))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && strstr (gtk_label_get_label (GTK_LABEL (child)), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_evaluation_extend_needs_home_visit (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = fixture_active ();
  g_autoptr(BfAgreement) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  BfEvaluationDialog *dialog;
  BfEvaluation *e;
  GPtrArray *evaluations;
  GtkWidget *save_button;
  GtkWidget *r09_box;
  guint saved = 0;

  save (f->store, agreement);
  dialog = bf_evaluation_dialog_present (NULL, f->store, agreement);
  g_object_ref (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (count_cb), &saved);
  save_button = template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "save_button");
  r09_box = template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "r09_box");

  /* The visits were before the last evaluation: no home visit yet. */
  g_assert_false (gtk_switch_get_active (template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "home_visit_switch")));
  g_assert_true (gtk_widget_get_sensitive (save_button));
  g_assert_false (gtk_widget_is_visible (r09_box));

  /* One status row per measure. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect (template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "measures_group"), ADW_TYPE_COMBO_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 3);
    adw_combo_row_set_selected (g_ptr_array_index (rows, 0), BF_MEASURE_STATUS_FUNGERER);
    adw_combo_row_set_selected (g_ptr_array_index (rows, 1), BF_MEASURE_STATUS_DELVIS);
    adw_combo_row_set_selected (g_ptr_array_index (rows, 2), BF_MEASURE_STATUS_DELVIS);
  }

  /* Extend without a home visit: blocked, and the dialog says why and
   * where the rule comes from. */
  adw_combo_row_set_selected (template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "decision_row"),
                              BF_EVALUATION_DECISION_FORLENGE - 1);
  g_assert_true (bf_evaluation_dialog_get_blocked (dialog));
  g_assert_false (gtk_widget_get_sensitive (save_button));
  g_assert_true (label_shows (r09_box, _("The agreement cannot be extended before an inspection or home visit is recorded. "
                                         "Turn on “Home Visit or Inspection Done” once it has taken place, or choose another decision.")));
  g_assert_true (label_shows (r09_box, "5.1.5"));
  set_text (dialog, BF_TYPE_EVALUATION_DIALOG, "goal_view", "Husleien er betalt hver måned siden mars.");
  set_text (dialog, BF_TYPE_EVALUATION_DIALOG, "tenant_view", "Vil gjerne fortsette med besøkene.");
  /* Where the eye is after choosing: the decision and the reason. */
  maybe_shoot_at (dialog, "evaluation-r09", r09_box);

  /* Neither Enter nor the action gets past the block. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "evaluation.save", NULL));
  g_assert_cmpuint (saved, ==, 0);

  /* With the home visit done, it saves. */
  gtk_switch_set_active (template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "home_visit_switch"), TRUE);
  g_assert_false (gtk_widget_is_visible (r09_box));
  g_assert_true (gtk_widget_get_sensitive (save_button));
  set_text (dialog, BF_TYPE_EVALUATION_DIALOG, "next_date_row", "15.01.2027");
  press_enter (dialog, BF_TYPE_EVALUATION_DIALOG, "next_date_row");
  wait_for_count (&saved, "the evaluation to be saved");
  g_assert_finalize_object (dialog);

  reloaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  evaluations = bf_agreement_get_evaluations (reloaded);
  g_assert_cmpuint (evaluations->len, ==, 2);
  e = g_ptr_array_index (evaluations, 1);
  g_assert_cmpint (e->decision, ==, BF_EVALUATION_DECISION_FORLENGE);
  g_assert_true (e->home_visit_done);
  g_assert_cmpstr (e->next_date, ==, "2027-01-15");
  g_assert_cmpuint (e->measures->len, ==, 3);
  g_assert_cmpint (((BfMeasureReview *) g_ptr_array_index (e->measures, 0))->status, ==, BF_MEASURE_STATUS_FUNGERER);
  g_assert_cmpstr (e->tenant_view, ==, "Vil gjerne fortsette med besøkene.");
  g_assert_false (has_finding (reloaded, "R09"));
}

static void
test_evaluation_recorded_home_visit (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = fixture_active ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date = days_ago (3);
  BfEvaluationDialog *dialog;

  save (f->store, agreement);
  g_assert_true (bf_agreement_store_add_log (f->store, agreement, BF_LOG_KIND_VISIT,
                                             bf_visit_new (date, BF_VISIT_TYPE_HJEMMEBESOK), &error));
  g_assert_no_error (error);

  /* A home visit since the last evaluation counts: extending is allowed. */
  dialog = bf_evaluation_dialog_new (f->store, agreement);
  g_object_ref_sink (dialog);
  g_assert_true (gtk_switch_get_active (template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "home_visit_switch")));
  adw_combo_row_set_selected (template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "decision_row"),
                              BF_EVALUATION_DECISION_FORLENGE - 1);
  g_assert_false (bf_evaluation_dialog_get_blocked (dialog));
  g_assert_true (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_EVALUATION_DIALOG, "save_button")));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_breach_shows_r07 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = fixture_active ();
  g_autoptr(BfAgreement) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  BfBreachDialog *dialog;
  GtkWidget *guidance;
  GtkWidget *warning;
  GPtrArray *breaches;
  BfBreach *b;
  guint saved = 0;

  save (f->store, agreement);
  dialog = bf_breach_dialog_present (NULL, f->store, agreement);
  g_object_ref (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (count_cb), &saved);
  guidance = template_child (dialog, BF_TYPE_BREACH_DIALOG, "guidance_box");
  warning = template_child (dialog, BF_TYPE_BREACH_DIALOG, "r07_warning");

  /* The guidance is always there, before anything is typed. */
  g_assert_true (label_shows (guidance, _("A tenant cannot be given notice just because the follow-up agreement was breached. "
                                          "Only a breach of the lease or the house rules can affect the tenancy.")));
  g_assert_true (label_shows (guidance, "5.1.5.4"));
  g_assert_false (gtk_widget_is_visible (warning));

  /* Nothing to save without a description. */
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_BREACH_DIALOG, "save_button")));
  set_text (dialog, BF_TYPE_BREACH_DIALOG, "description_view", "Møtte ikke til tre avtalte hjemmebesøk i november.");
  g_assert_true (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_BREACH_DIALOG, "save_button")));
  set_text (dialog, BF_TYPE_BREACH_DIALOG, "assessment_view", "Formålet er trygg bolig; bruddet truer ikke det.");

  /* A consequence that threatens the tenancy, with only this agreement
   * breached: the warning shows next to it. */
  set_text (dialog, BF_TYPE_BREACH_DIALOG, "consequence_view", "Ved nytt brudd blir leietaker sagt opp.");
  g_assert_true (gtk_widget_is_visible (warning));
  maybe_shoot (dialog, "breach-top");
  maybe_shoot_at (dialog, "breach-r07", warning);
  gtk_switch_set_active (template_child (dialog, BF_TYPE_BREACH_DIALOG, "lease_switch"), TRUE);
  g_assert_false (gtk_widget_is_visible (warning));
  gtk_switch_set_active (template_child (dialog, BF_TYPE_BREACH_DIALOG, "lease_switch"), FALSE);
  set_text (dialog, BF_TYPE_BREACH_DIALOG, "consequence_view", "Ny samtale om hvordan besøkene kan passe bedre.");
  g_assert_false (gtk_widget_is_visible (warning));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "breach.save", NULL));
  g_assert_cmpuint (saved, ==, 1);
  g_assert_finalize_object (dialog);

  /* A flag on the agreement, which stays active. */
  reloaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  g_assert_true (bf_agreement_has_breach (reloaded));
  g_assert_cmpint (bf_agreement_get_state (reloaded), ==, BF_AGREEMENT_STATE_AKTIV);
  breaches = bf_agreement_get_breaches (reloaded);
  b = g_ptr_array_index (breaches, breaches->len - 1);
  g_assert_cmpstr (b->description, ==, "Møtte ikke til tre avtalte hjemmebesøk i november.");
  g_assert_false (b->lease_also_breached);
  g_assert_cmpstr (b->consequence, ==, "Ny samtale om hvordan besøkene kan passe bedre.");
}

static void
test_key_use (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BfAgreement) agreement = fixture_active ();
  g_autoptr(BfAgreement) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  BfKeyUseDialog *dialog;
  AdwComboRow *condition_row;
  GtkWidget *r05_box;
  GPtrArray *uses;
  BfKeyUse *use;
  guint saved = 0;

  save (f->store, agreement);
  dialog = bf_key_use_dialog_present (NULL, f->store, agreement);
  g_object_ref (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (count_cb), &saved);
  r05_box = template_child (dialog, BF_TYPE_KEY_USE_DIALOG, "r05_box");

  /* The four situations the agreement allows entry in, and no others. */
  condition_row = template_child (dialog, BF_TYPE_KEY_USE_DIALOG, "condition_row");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (condition_row)), ==, 4);
  g_assert_false (gtk_widget_is_visible (template_child (dialog, BF_TYPE_KEY_USE_DIALOG, "no_access_box")));
  adw_combo_row_set_selected (condition_row, 1);

  /* Notice: off by default, and then its fields can be filled in. */
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, BF_TYPE_KEY_USE_DIALOG, "notice_to_row")));
  gtk_switch_set_active (template_child (dialog, BF_TYPE_KEY_USE_DIALOG, "notice_switch"), TRUE);
  set_text (dialog, BF_TYPE_KEY_USE_DIALOG, "notice_to_row", "Leietaker (SMS) og søster");
  set_text (dialog, BF_TYPE_KEY_USE_DIALOG, "notice_at_row", "21.11.2026 12:00");
  set_text (dialog, BF_TYPE_KEY_USE_DIALOG, "time_row", "22.11.2026 14:05");

  /* R05: the advice shows until two staff are named. */
  g_assert_true (gtk_widget_is_visible (r05_box));
  set_text (dialog, BF_TYPE_KEY_USE_DIALOG, "staff_row", "Åse Grønli");
  g_assert_true (gtk_widget_is_visible (r05_box));
  set_text (dialog, BF_TYPE_KEY_USE_DIALOG, "found_view", "Leietaker sov; ingen fare. Avtalt nytt besøk.");
  maybe_shoot_at (dialog, "key-use-r05", r05_box);
  set_text (dialog, BF_TYPE_KEY_USE_DIALOG, "staff_row", "Åse Grønli, Ørjan Bø");
  g_assert_false (gtk_widget_is_visible (r05_box));

  press_enter (dialog, BF_TYPE_KEY_USE_DIALOG, "staff_row");
  wait_for_count (&saved, "the key use to be saved");
  g_assert_finalize_object (dialog);

  reloaded = bf_agreement_store_load (f->store, ID_AGREEMENT, &error);
  g_assert_no_error (error);
  uses = bf_agreement_get_key_uses (reloaded);
  g_assert_cmpuint (uses->len, ==, 2);
  use = g_ptr_array_index (uses, 1);
  g_assert_cmpint (use->condition, ==, BF_ENTRY_CONDITION_INGEN_KONTAKT);
  g_assert_true (use->notice_given);
  g_assert_cmpstr (use->notice_to, ==, "Leietaker (SMS) og søster");
  g_assert_nonnull (use->notice_at);
  g_assert_cmpuint (use->staff_present->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (use->staff_present, 1), ==, "Ørjan Bø");
  g_assert_cmpstr (use->found_and_done, ==, "Leietaker sov; ingen fare. Avtalt nytt besøk.");
  {
    g_autofree char *shown = bf_dialog_format_time (use->time);

    g_assert_cmpstr (shown, ==, "22.11.2026 14:05");
  }
}

static void
test_parse_dates (void)
{
  g_autofree char *a = bf_dialog_parse_date ("22.11.2026");
  g_autofree char *b = bf_dialog_parse_date (" 2026-11-22 ");
  g_autofree char *c = bf_dialog_parse_date ("1.2.26");
  g_autofree char *d = bf_dialog_parse_date ("31.02.2026");
  g_autofree char *e = bf_dialog_parse_date ("");
  g_autofree char *t = bf_dialog_parse_time ("22.11.2026 14:05");
  g_autofree char *back = bf_dialog_format_time (t);

  g_assert_cmpstr (a, ==, "2026-11-22");
  g_assert_cmpstr (b, ==, "2026-11-22");
  g_assert_cmpstr (c, ==, "2026-02-01");
  g_assert_null (d);
  g_assert_null (e);
  g_assert_nonnull (t);
  g_assert_cmpstr (back, ==, "22.11.2026 14:05");
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("BOFAST_TEST_LOCALEDIR");

  gtk_disable_setlocale ();
  /* Load the shared MIME database before the isolation empties
   * XDG_DATA_DIRS, so that gdk-pixbuf knows an SVG icon. */
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));
  /* Screenshots in Norwegian use the translations built for them. */
  setlocale (LC_ALL, localedir != NULL ? "" : "C.UTF-8");
  if (localedir != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  g_assert_true (bf_secure_init (NULL));

  /* What the application does at startup: the app's style sheet. For
   * screenshots, also the system's icons, which the isolated XDG
   * directories hide. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/no/bofast/Bofast/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    if (g_getenv ("BOFAST_SHOTS_DIR") != NULL)
      gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/usr/share/icons");
    /* Large text, as the accessibility setting gives it (1.25 ×). */
    if (g_getenv ("BOFAST_SHOTS_LARGE_TEXT") != NULL)
      g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (96 * 1.25 * 1024), NULL);
  }

  g_test_add_func ("/ui/dialogs/parse-dates", test_parse_dates);
  ADD ("/ui/dialogs/visit/clears-red-lamp", test_visit_clears_red_lamp);
  ADD ("/ui/dialogs/visit/escape-closes", test_visit_escape_closes);
  g_test_add_func ("/ui/dialogs/signature-pad", test_signature_pad);
  ADD ("/ui/dialogs/signing/all-parties", test_signing_all_parties);
  ADD ("/ui/dialogs/signing/tenant-declines", test_signing_tenant_declines);
  ADD ("/ui/dialogs/evaluation/extend-needs-home-visit", test_evaluation_extend_needs_home_visit);
  ADD ("/ui/dialogs/evaluation/recorded-home-visit", test_evaluation_recorded_home_visit);
  ADD ("/ui/dialogs/breach/shows-r07", test_breach_shows_r07);
  ADD ("/ui/dialogs/key-use/records-entry", test_key_use);

  return g_test_run ();
}
