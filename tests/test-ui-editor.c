/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Drives the agreement editor through its real widgets: fill in a new
 * agreement, save a version, see the key-access rule block signing and
 * let go again, and lose nothing typed across a lock.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "bf-date-row.h"
#include "bf-editor-page.h"
#include "bf-rules.h"
#include "bf-secure.h"
#include "bf-signing-dialog.h"
#include "bf-visit-dialog.h"
#include "bf-window-private.h"

#define NAME       "Kari Nordmann"
#define UNIT       "Bydel Gamle Oslo"
#define PASSPHRASE "korrekt hest batteri stift"

typedef gboolean (*Condition) (gpointer data);

static void
iterate_until (Condition   condition,
               gpointer    data,
               const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
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

typedef struct
{
  BfWindow   *window;
  const char *page;
} PageWait;

static gboolean
page_is_visible (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (bf_window_get_visible_page (wait->window), wait->page) == 0;
}

static void
wait_for_page (BfWindow   *window,
               const char *page)
{
  PageWait wait = { window, page };

  iterate_until (page_is_visible, &wait, page);
}

static void
set_text (gpointer    page,
          GType       type,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (template_child (page, type, row)), text);
}

static GtkWidget *
field (BfEditorPage *editor,
       const char   *path)
{
  GtkWidget *widget = bf_editor_page_get_field_widget (editor, path);

  g_assert_nonnull (widget);
  return widget;
}

/* What typing does: into an entry row, a date row or a text view. */
static void
type_into (BfEditorPage *editor,
           const char   *path,
           const char   *text)
{
  GtkWidget *widget = field (editor, path);

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
toggle (BfEditorPage *editor,
        const char   *path,
        gboolean      active)
{
  GtkWidget *row = field (editor, path);
  GObject *toggle = g_object_get_data (G_OBJECT (row), "bf-toggle");
  gboolean now;

  g_assert_true (GTK_IS_SWITCH (toggle) || GTK_IS_CHECK_BUTTON (toggle));
  g_object_get (toggle, "active", &now, NULL);
  /* What a click on the switch or the check box does. */
  if (now != active)
    g_object_set (toggle, "active", active, NULL);
  g_object_get (toggle, "active", &now, NULL);
  g_assert_true (now == active);
}

static gboolean
has_finding (BfEditorPage *editor,
             const char   *rule,
             const char   *path)
{
  GPtrArray *findings = bf_editor_page_get_findings (editor);

  for (guint i = 0; findings && i < findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (findings, i);

      if (g_str_equal (f->rule_id, rule) && (path == NULL || g_strcmp0 (f->field, path) == 0))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  BfEditorPage *editor;
  const char   *rule;
  const char   *path;
  gboolean      present;
} FindingWait;

static gboolean
finding_settled (gpointer data)
{
  FindingWait *wait = data;

  return has_finding (wait->editor, wait->rule, wait->path) == wait->present;
}

static void
wait_for_finding (BfEditorPage *editor,
                  const char   *rule,
                  const char   *path,
                  gboolean      present)
{
  FindingWait wait = { editor, rule, path, present };

  /* The rules run on their own a moment after the last edit. */
  iterate_until (finding_settled, &wait, rule);
}

/* The findings shown under a text field: the list after its frame. */
static GtkWidget *
text_findings (BfEditorPage *editor,
               const char   *path)
{
  GtkWidget *frame = gtk_widget_get_parent (field (editor, path));
  GtkWidget *list = gtk_widget_get_next_sibling (frame);

  g_assert_true (GTK_IS_LIST_BOX (list));
  return list;
}

static gboolean
not_busy (gpointer data)
{
  return !bf_editor_page_get_busy (data);
}

static void
close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (GTK_WINDOW (window));
    }
}


static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *widget, gpointer data),
             gpointer   data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = find_widget (child, match, data)))
        return found;
    }
  return NULL;
}

static gboolean
is_remove_button_for (GtkWidget *widget,
                      gpointer   item)
{
  return GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "bf-item") == item;
}

static gboolean
is_finding_row_for (GtkWidget *widget,
                    gpointer   field)
{
  return GTK_IS_LIST_BOX_ROW (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "bf-field"), field) == 0;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static BfWindow *
open_window (BfProfile **profile)
{
  BfWindow *window = bf_window_new (NULL);
  BfCreatePage *create_page;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_page (window, "create");
  create_page = template_child (window, BF_TYPE_WINDOW, "create_page");
  set_text (create_page, BF_TYPE_CREATE_PAGE, "name_row", NAME);
  set_text (create_page, BF_TYPE_CREATE_PAGE, "unit_row", UNIT);
  set_text (create_page, BF_TYPE_CREATE_PAGE, "passphrase_row", PASSPHRASE);
  set_text (create_page, BF_TYPE_CREATE_PAGE, "confirm_row", PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (create_page), "create.create", NULL));
  wait_for_page (window, "main");
  *profile = bf_window_get_profile (window);
  return window;
}

static void
fill_required (BfEditorPage *editor)
{
  type_into (editor, "header.tenant_name", "Ola Hansen");
  type_into (editor, "header.address", "Storgata 1, 0155 Oslo");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (editor, "header.housing_type")), BF_HOUSING_TYPE_ORDINAER);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (editor, "header.case_type")), BF_CASE_TYPE_NY_TILDELING);
  toggle (editor, "header.household_with_children", FALSE);
  type_into (editor, "header.lease_start", "01.02.2027");
  type_into (editor, "header.lease_expiry", "31.01.2030");
  type_into (editor, "background.background", "Leietaker har hatt flere utkastelser.");
  type_into (editor, "background.main_goal", "Et trygt og stabilt botilbud.");
  type_into (editor, "background.goals_short_term", "Betale husleie hver måned\nUkentlig kontakt");
  type_into (editor, "breach_consequences",
             "Brudd på avtalen alene gir ikke grunnlag for oppsigelse; vi tar et nytt møte.");
  type_into (editor, "evaluation.date", "01.08.2027");
  type_into (editor, "evaluation.scope", "Om tiltakene fungerer.");
  type_into (editor, "duration.from", "01.02.2027");
  type_into (editor, "duration.to", "31.01.2028");
  toggle (editor, "consent.reviewed_orally", TRUE);
}

static void
test_editor (void)
{
  BfWindow *window;
  BfProfile *profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfAgreementStore) store2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreement) draft = NULL;
  g_autofree char *id = NULL;
  BfEditorPage *editor;
  BfAgreement *agreement;
  GtkWidget *date_row;
  GtkWidget *list;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  window = open_window (&profile);
  store = bf_agreement_store_new (bf_profile_get_store (profile));

  editor = bf_editor_page_new (store, NULL, profile);
  bf_main_page_set_content (window->main_page, GTK_WIDGET (editor));
  agreement = bf_editor_page_get_agreement (editor);
  id = g_strdup (bf_agreement_get_id (agreement));

  /* A new agreement starts valid: a type, the tenant and the worker. */
  g_assert_cmpint (bf_agreement_get_header (agreement)->type, ==, BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE);
  g_assert_cmpuint (bf_agreement_get_parties (agreement)->len, ==, 2);
  g_assert_cmpstr (bf_agreement_find_party_by_role (agreement, BF_PARTY_ROLE_BOOPPFOLGER)->contact_person, ==, NAME);
  g_assert_true (has_finding (editor, "R01", "background.background"));
  g_assert_true (gtk_widget_get_visible (text_findings (editor, "background.background")));

  /* A date is typed the Norwegian way; nonsense is marked, not kept. */
  date_row = field (editor, "duration.from");
  gtk_editable_set_text (GTK_EDITABLE (date_row), "31.02.2027");
  g_assert_false (bf_date_row_is_valid (BF_DATE_ROW (date_row)));
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  g_assert_null (bf_agreement_get_duration (agreement)->from);

  fill_required (editor);
  g_assert_true (bf_date_row_is_valid (BF_DATE_ROW (date_row)));
  g_assert_cmpstr (bf_agreement_get_duration (agreement)->from, ==, "2027-02-01");
  g_assert_cmpstr (bf_agreement_get_header (agreement)->tenant_name, ==, "Ola Hansen");
  g_assert_cmpint (bf_agreement_get_header (agreement)->housing_type, ==, BF_HOUSING_TYPE_ORDINAER);
  g_assert_cmpuint (bf_agreement_get_background (agreement)->goals_short_term->len, ==, 2);
  g_assert_true (bf_agreement_get_consent (agreement)->reviewed_orally);
  wait_for_finding (editor, "R01", NULL, FALSE);
  g_assert_false (gtk_widget_get_visible (text_findings (editor, "background.background")));

  /* Ctrl+S: a version, and R01 no longer blocks. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save-version", NULL));
  iterate_until (not_busy, editor, "the version to be saved");
  g_assert_cmpuint (bf_agreement_get_version (agreement), ==, 1);
  g_assert_false (bf_agreement_has_unsaved_changes (agreement));
  bf_editor_page_check_now (editor);
  g_assert_false (has_finding (editor, "R01", NULL));
  g_assert_null (bf_agreement_store_load_draft (store, id, &error));
  g_assert_no_error (error);

  /* Key access without a justification blocks, under the justification. */
  bf_editor_page_show_section (editor, BF_SECTION_KEY_ACCESS);
  g_assert_cmpint (bf_editor_page_get_section (editor), ==, BF_SECTION_KEY_ACCESS);
  toggle (editor, "key_access.agreed", TRUE);
  toggle (editor, "key_access.consent_recorded", TRUE);
  toggle (editor, "key_access.entry_conditions.danger_to_life_or_health", TRUE);
  /* "No contact for N hours": ticking it asks for N, a day to start with. */
  toggle (editor, "key_access.entry_conditions.no_contact_hours", TRUE);
  g_assert_cmpuint (bf_agreement_get_key_access (agreement)->conditions.no_contact_hours, ==, 24);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (field (editor, "key_access.entry_conditions.no_contact_hours")), "bf-spin"), 48);
  g_assert_cmpuint (bf_agreement_get_key_access (agreement)->conditions.no_contact_hours, ==, 48);
  wait_for_finding (editor, "R02", "key_access.justification", TRUE);
  list = text_findings (editor, "key_access.justification");
  g_assert_true (gtk_widget_get_visible (list));
  g_assert_nonnull (gtk_widget_get_first_child (list));
  g_assert_true (bf_findings_block_signing (bf_editor_page_get_findings (editor)));

  /* "Send til signering" is refused, with the reason. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.transition", "s", "til_signering"));
  g_assert_cmpint (bf_agreement_get_state (agreement), ==, BF_AGREEMENT_STATE_UTKAST);
  g_assert_cmpint (bf_editor_page_get_section (editor), ==, BF_SECTION_SIGNATURES + 1);
  close_dialogs ();

  /* In the check, the finding leads back to its field's section. */
  {
    GtkWidget *row = find_widget (GTK_WIDGET (editor), is_finding_row_for, (gpointer) "key_access.justification");

    g_assert_nonnull (row);
    g_signal_emit_by_name (row, "activate");
    g_assert_cmpint (bf_editor_page_get_section (editor), ==, BF_SECTION_KEY_ACCESS);
  }

  /* Writing the justification makes the finding go away. */
  type_into (editor, "key_access.justification", "Leietaker har epilepsi og bor alene.");
  wait_for_finding (editor, "R02", NULL, FALSE);
  g_assert_false (gtk_widget_get_visible (list));

  /* An edit not yet saved when the profile locks is kept as a draft. */
  type_into (editor, "background.tenant_goals", "Skaffe seg jobb");
  bf_window_lock (window, BF_LOCK_REASON_USER);
  g_assert_true (bf_profile_get_locked (profile));
  g_assert_null (bf_main_page_get_content (window->main_page));

  g_assert_true (bf_profile_unlock (profile, PASSPHRASE, &error));
  g_assert_no_error (error);
  store2 = bf_agreement_store_new (bf_profile_get_store (profile));
  draft = bf_agreement_store_load_draft (store2, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);

  editor = bf_editor_page_new_for_id (store2, id, profile, &error);
  g_assert_no_error (error);
  g_assert_nonnull (editor);
  agreement = bf_editor_page_get_agreement (editor);
  g_assert_cmpstr (bf_agreement_get_background (agreement)->tenant_goals, ==, "Skaffe seg jobb");
  g_assert_cmpstr (bf_agreement_get_key_access (agreement)->justification, ==, "Leietaker har epilepsi og bor alene.");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (editor, "background.tenant_goals")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Skaffe seg jobb");
  g_object_ref_sink (editor);
  g_object_unref (editor);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_parties (void)
{
  BfWindow *window;
  BfProfile *profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfAgreement) draft = NULL;
  g_autoptr(GError) error = NULL;
  BfEditorPage *editor;
  BfAgreement *agreement;
  BfParty *worker;

  window = open_window (&profile);
  store = bf_agreement_store_new (bf_profile_get_store (profile));
  editor = bf_editor_page_new (store, NULL, profile);
  bf_main_page_set_content (window->main_page, GTK_WIDGET (editor));
  agreement = bf_editor_page_get_agreement (editor);

  /* A new measure gets a category and the worker as responsible. */
  bf_agreement_add_measure (agreement, bf_measure_new (BF_MEASURE_CATEGORY_ANNET, NULL));
  worker = bf_agreement_find_party_by_role (agreement, BF_PARTY_ROLE_BOOPPFOLGER);
  bf_set_str (&((BfMeasure *) g_ptr_array_index (bf_agreement_get_measures (agreement), 0))->responsible_party,
              worker->id);

  /* The worker is responsible for the measure: they cannot be removed. */
  bf_editor_page_show_section (editor, BF_SECTION_PARTIES);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (editor), is_remove_button_for, worker), "clicked");
  g_assert_nonnull (find_dialog ());
  g_assert_true (bf_agreement_find_party_by_role (agreement, BF_PARTY_ROLE_BOOPPFOLGER) == worker);
  close_dialogs ();

  /* Section keys move through the sections. */
  bf_editor_page_show_section (editor, BF_SECTION_HEADER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-section", NULL));
  g_assert_cmpint (bf_editor_page_get_section (editor), ==, BF_SECTION_PARTIES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.previous-section", NULL));
  g_assert_cmpint (bf_editor_page_get_section (editor), ==, BF_SECTION_HEADER);

  /* A draft is kept even while a new measure has no description yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-section", NULL));
  g_assert_true (bf_editor_page_save_draft (editor, &error));
  g_assert_no_error (error);

  /* Closing saves the draft at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.close", NULL));
  draft = bf_agreement_store_load_draft (store, bf_agreement_get_id (agreement), &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpuint (((BfMeasure *) g_ptr_array_index (bf_agreement_get_measures (draft), 0))->category, ==,
                    BF_MEASURE_CATEGORY_ANNET);
  iterate_for (50);

  /* Removing asks first; then the measure goes, and then the party may. */
  g_object_ref (agreement);
  editor = bf_editor_page_new (store, agreement, profile);
  g_object_unref (agreement);
  bf_main_page_set_content (window->main_page, GTK_WIDGET (editor));
  bf_editor_page_show_section (editor, BF_SECTION_MEASURES);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (editor), is_remove_button_for,
                                      g_ptr_array_index (bf_agreement_get_measures (agreement), 0)), "clicked");
  adw_message_dialog_response (find_dialog (), "remove");
  close_dialogs ();
  g_assert_cmpuint (bf_agreement_get_measures (agreement)->len, ==, 0);
  g_signal_emit_by_name (find_widget (GTK_WIDGET (editor), is_remove_button_for, worker), "clicked");
  adw_message_dialog_response (find_dialog (), "remove");
  close_dialogs ();
  g_assert_null (bf_agreement_find_party_by_role (agreement, BF_PARTY_ROLE_BOOPPFOLGER));
  g_assert_cmpuint (bf_agreement_get_parties (agreement)->len, ==, 1);
  bf_editor_page_check_now (editor);
  g_assert_true (has_finding (editor, "R01", "parties"));


  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_lifecycle (void)
{
  BfWindow *window;
  BfProfile *profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  BfEditorPage *editor;
  BfAgreement *agreement;
  AdwMessageDialog *dialog;

  window = open_window (&profile);
  store = bf_agreement_store_new (bf_profile_get_store (profile));
  editor = bf_editor_page_new (store, NULL, profile);
  bf_main_page_set_content (window->main_page, GTK_WIDGET (editor));
  agreement = bf_editor_page_get_agreement (editor);

  /* A version without the tenant's name is refused, with the field named. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save-version", NULL));
  iterate_until (not_busy, editor, "the save to be refused");
  g_assert_cmpuint (bf_agreement_get_version (agreement), ==, 0);
  g_assert_nonnull (find_dialog ());
  close_dialogs ();

  fill_required (editor);
  bf_editor_page_check_now (editor);
  g_assert_false (bf_findings_block_signing (bf_editor_page_get_findings (editor)));

  /* Send for signing: confirmed, saved as a version, the text locked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.transition", "s", "til_signering"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "change");
  close_dialogs ();
  g_assert_cmpint (bf_agreement_get_state (agreement), ==, BF_AGREEMENT_STATE_TIL_SIGNERING);
  g_assert_cmpuint (bf_agreement_get_version (agreement), ==, 1);
  g_assert_true (gtk_widget_get_visible (template_child (editor, BF_TYPE_EDITOR_PAGE, "locked_box")));
  g_assert_false (gtk_widget_get_sensitive (field (editor, "header.tenant_name")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (field (editor, "background.background"))));

  /* While out for signing, the signing and visit dialogs open from here. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.sign", NULL));
  g_assert_nonnull (find_toplevel (BF_TYPE_SIGNING_DIALOG));
  iterate_for (100);
  gtk_window_destroy (find_toplevel (BF_TYPE_SIGNING_DIALOG));
  iterate_for (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.log-visit", NULL));
  g_assert_nonnull (find_toplevel (BF_TYPE_VISIT_DIALOG));
  iterate_for (100);
  gtk_window_destroy (find_toplevel (BF_TYPE_VISIT_DIALOG));
  iterate_for (50);

  /* A new version opens the text again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.new-version", NULL));
  g_assert_cmpint (bf_agreement_get_state (agreement), ==, BF_AGREEMENT_STATE_UTKAST);
  g_assert_false (gtk_widget_get_visible (template_child (editor, BF_TYPE_EDITOR_PAGE, "locked_box")));
  g_assert_true (gtk_widget_get_sensitive (field (editor, "header.tenant_name")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_disable_setlocale ();
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_setenv ("BOFAST_KDF_TEST_PARAMS", "1", FALSE);
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/ui/editor/fill-check-lock", test_editor);
  g_test_add_func ("/ui/editor/sections", test_parties);
  g_test_add_func ("/ui/editor/lifecycle", test_lifecycle);

  return g_test_run ();
}
