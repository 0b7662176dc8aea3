/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-editor-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <time.h>

#include "bf-breach-dialog.h"
#include "bf-date-row.h"
#include "bf-editor-fields.h"
#include "bf-editor-page.h"
#include "bf-evaluation-dialog.h"
#include "bf-key-use-dialog.h"
#include "bf-rules.h"
#include "bf-signing-dialog.h"
#include "bf-visit-dialog.h"
#include "bf-window.h"

/*
 * BfEditorPage edits one agreement: a leaflet with the twelve sections in
 * a sidebar and the chosen section on the right, folding to one column on
 * small screens.
 *
 * Nothing typed may be lost: every edit goes into the agreement at once,
 * the draft is written to the encrypted store a second after the last
 * edit, when the section changes, when the page goes away and, from
 * BfWindow::save-drafts, synchronously before the profile locks. The
 * rules run 300 ms after the last edit and their findings are shown under
 * the field they are about, in the section's head when no field matches,
 * and all together in the "Check" section.
 */

#define CHECK_SECTION (BF_SECTION_SIGNATURES + 1)

/* Below this width the page shows one column: on a 1024×600 laptop the
 * section deserves the whole width. */
#define FOLD_WIDTH    1100
#define N_PAGES       (CHECK_SECTION + 1)

typedef struct
{
  const BfField *field;
  GtkWidget     *widget;     /* the row, or the text view */
  GtkWidget     *holder;     /* shown when there are findings */
  GtkWidget     *box;        /* the findings */
} Slot;

struct _BfEditorPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  AdwLeaflet        *leaflet;
  AdwHeaderBar      *sidebar_header;
  AdwHeaderBar      *content_header;
  GtkListBox        *section_list;
  AdwWindowTitle    *window_title;
  GtkMenuButton     *menu_button;
  GtkMenuButton     *findings_button;
  GtkListBox        *popover_findings_list;
  GtkWidget         *locked_box;
  GtkLabel          *locked_label;
  GtkStack          *section_stack;

  /* Owned */
  BfAgreementStore  *store;
  BfAgreement       *agreement;
  BfProfile         *profile;
  GPtrArray         *findings;
  GHashTable        *slots;          /* path → Slot */
  GCancellable      *cancellable;
  GPtrArray         *responsible_combos;

  /* Borrowed */
  GtkWidget         *section_boxes [N_PAGES];    /* findings at a section's head */
  GtkWidget         *section_holders [N_PAGES];
  GtkWidget         *markers [N_PAGES];
  GtkListBoxRow     *rows [N_PAGES];
  AdwPreferencesGroup *parties_group;
  AdwPreferencesGroup *measures_group;
  AdwPreferencesGroup *meetings_group;
  AdwPreferencesGroup *sharing_group;
  AdwPreferencesGroup *signatures_group;
  GtkListBox        *check_list;
  GtkWidget         *check_empty;
  GPtrArray         *item_rows [N_PAGES];
  GtkWidget         *window;        /* the BfWindow, while rooted */

  gboolean           show_title_buttons;
  guint              check_source;
  guint              fold_source;
  guint              autosave_source;
  gulong             save_drafts_id;
  gboolean           loading;
  gboolean           draft_dirty;
  gboolean           busy;
};

G_DEFINE_FINAL_TYPE (BfEditorPage, bf_editor_page, ADW_TYPE_BIN)

enum {
  SAVED,
  CLOSED,
  ADD_TOAST,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void rebuild_items    (BfEditorPage *self);
static void update_chrome    (BfEditorPage *self);

/* An enum's label: the translation when there is one, else in a
 * Norwegian locale the documents' own word, else the English. */
static const char *
enum_label (BfEnumKind kind,
            int        value)
{
  const char *en = bf_enum_label_en (kind, value);
  const char *translated = _(en);
  const char *language = g_get_language_names ()[0];

  if (translated != en)
    return translated;
  if (g_str_has_prefix (language, "nb") || g_str_has_prefix (language, "nn") ||
      g_str_has_prefix (language, "no"))
    return bf_enum_label_nb (kind, value);
  return en;
}

static const char *
section_title (guint section)
{
  if (section == CHECK_SECTION)
    return _("Check");
  return enum_label (BF_ENUM_SECTION, section);
}

static void
add_toast (BfEditorPage *self,
           const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (g_signal_has_handler_pending (self, signals [ADD_TOAST], 0, FALSE))
    g_signal_emit (self, signals [ADD_TOAST], 0, toast);
  else if (BF_IS_WINDOW (self->window))
    bf_window_add_toast (BF_WINDOW (self->window), toast);
  g_object_ref_sink (toast);
  g_object_unref (toast);
}

static void
show_message (BfEditorPage *self,
              const char   *heading,
              const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Drafts and checks */

static void
flush_draft (BfEditorPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!bf_editor_page_save_draft (self, &error) && error != NULL)
    g_warning ("The draft could not be saved: %s", error->message);
}

static gboolean
autosave_cb (gpointer data)
{
  BfEditorPage *self = data;

  self->autosave_source = 0;
  flush_draft (self);
  return G_SOURCE_REMOVE;
}

static gboolean
check_cb (gpointer data)
{
  BfEditorPage *self = data;

  self->check_source = 0;
  bf_editor_page_check_now (self);
  return G_SOURCE_REMOVE;
}

/* The timer holds the page weakly: a page torn down while its rows emit
 * their last change signals must not be saved after it is gone. */
static gboolean
autosave_timeout_cb (gpointer data)
{
  g_autoptr(BfEditorPage) self = g_weak_ref_get (data);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  return autosave_cb (self);
}

static gboolean
check_timeout_cb (gpointer data)
{
  g_autoptr(BfEditorPage) self = g_weak_ref_get (data);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  return check_cb (self);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
edited (BfEditorPage *self)
{
  if (self->loading)
    return;

  bf_agreement_changed (self->agreement);
  self->draft_dirty = TRUE;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    self->autosave_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 1000, autosave_timeout_cb,
                                                ref, weak_ref_free);
  }
  g_clear_handle_id (&self->check_source, g_source_remove);
  {
    GWeakRef *ref = g_new0 (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    self->check_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 300, check_timeout_cb,
                                             ref, weak_ref_free);
  }
}

/* Findings */

static const char *
kind_icon (BfRuleKind kind)
{
  switch (kind)
    {
    case BF_RULE_KIND_BLOCKS:   return "dialog-error-symbolic";
    case BF_RULE_KIND_WARNS:    return "dialog-warning-symbolic";
    case BF_RULE_KIND_RED_LAMP: return "dialog-warning-symbolic";
    case BF_RULE_KIND_REMINDS:  return "alarm-symbolic";
    case BF_RULE_KIND_ADVISES:
    default:                    return "dialog-information-symbolic";
    }
}

static const char *
kind_label (BfRuleKind kind)
{
  switch (kind)
    {
    case BF_RULE_KIND_BLOCKS:   return _("Blocks signing");
    case BF_RULE_KIND_WARNS:    return _("Warning");
    case BF_RULE_KIND_RED_LAMP: return _("Red lamp");
    case BF_RULE_KIND_REMINDS:  return _("Reminder");
    case BF_RULE_KIND_ADVISES:
    default:                    return _("Advice");
    }
}

static GtkWidget *
finding_widget (BfFinding *finding,
                gboolean   with_section)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (finding->kind));
  GtkWidget *label;
  g_autofree char *source = g_strdup_printf (_("Source: %s"), finding->source);
  g_autofree char *css = g_strdup_printf ("finding-%s", bf_rule_kind_to_string (finding->kind));
  g_autofree char *message = NULL;

  gtk_widget_add_css_class (box, "finding");
  gtk_widget_add_css_class (box, css);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, kind_label (finding->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind_label (finding->kind), -1);
  gtk_box_append (GTK_BOX (box), icon);

  if (with_section)
    message = g_strdup_printf ("%s: %s",
                               section_title (bf_section_for_field (finding->field)),
                               finding->message_nb);
  label = gtk_label_new (message ? message : finding->message_nb);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "finding-message");
  gtk_box_append (GTK_BOX (texts), label);

  label = gtk_label_new (source);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (texts), label);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);
  return box;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)))
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
append_summary_row (GtkListBox *list,
                    BfFinding  *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *child = finding_widget (finding, TRUE);

  gtk_widget_set_margin_top (child, 8);
  gtk_widget_set_margin_bottom (child, 8);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  g_object_set_data (G_OBJECT (row), "bf-section",
                     GUINT_TO_POINTER (bf_section_for_field (finding->field)));
  g_object_set_data_full (G_OBJECT (row), "bf-field", g_strdup (finding->field), g_free);
  gtk_list_box_append (list, row);
}

static Slot *
find_slot (BfEditorPage *self,
           const char   *path)
{
  g_autofree char *p = g_strdup (path);

  /* "key_access.entry_conditions" is a group: its first row's place. */
  while (p != NULL)
    {
      Slot *slot = g_hash_table_lookup (self->slots, p);
      char *dot;

      if (slot != NULL)
        return slot;
      dot = strrchr (p, '.');
      if (dot == NULL)
        break;
      *dot = '\0';
      if (strchr (p, '.') == NULL)
        break;
    }
  return NULL;
}

static void
apply_findings (BfEditorPage *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean blocking [N_PAGES] = { FALSE, };
  guint n_blocking = 0;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Slot *slot = value;

      if (slot->box != NULL)
        {
          clear_box (slot->box);
          gtk_widget_set_visible (slot->holder, FALSE);
        }
    }
  for (guint i = 1; i < N_PAGES; i++)
    if (self->section_boxes[i] != NULL)
      {
        clear_box (self->section_boxes[i]);
        gtk_widget_set_visible (self->section_holders[i], FALSE);
      }
  clear_box (GTK_WIDGET (self->check_list));
  clear_box (GTK_WIDGET (self->popover_findings_list));

  for (guint i = 0; self->findings && i < self->findings->len; i++)
    {
      BfFinding *f = g_ptr_array_index (self->findings, i);
      BfSection section = bf_section_for_field (f->field);
      Slot *slot = find_slot (self, f->field);
      GtkWidget *box, *holder;

      if (section == BF_SECTION_LOGS || section == BF_SECTION_NONE)
        section = BF_SECTION_HEADER;
      if (f->kind == BF_RULE_KIND_BLOCKS)
        {
          blocking[section] = TRUE;
          n_blocking++;
        }

      if (slot != NULL && slot->box != NULL)
        {
          box = slot->box;
          holder = slot->holder;
        }
      else
        {
          box = self->section_boxes[section];
          holder = self->section_holders[section];
        }
      if (box != NULL)
        {
          GtkWidget *w = finding_widget (f, FALSE);

          if (GTK_IS_LIST_BOX (box))
            {
              GtkWidget *row = gtk_list_box_row_new ();

              gtk_widget_set_margin_top (w, 8);
              gtk_widget_set_margin_bottom (w, 8);
              gtk_widget_set_margin_start (w, 12);
              gtk_widget_set_margin_end (w, 12);
              gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), w);
              gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
              gtk_list_box_append (GTK_LIST_BOX (box), row);
            }
          else
            gtk_box_append (GTK_BOX (box), w);
          gtk_widget_set_visible (holder, TRUE);
        }

      append_summary_row (self->check_list, f);
      append_summary_row (self->popover_findings_list, f);
    }

  for (guint i = 1; i < N_PAGES; i++)
    if (self->markers[i] != NULL)
      gtk_widget_set_visible (self->markers[i], blocking[i]);

  gtk_widget_set_visible (self->check_empty, self->findings == NULL || self->findings->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->check_list), self->findings && self->findings->len > 0);
  if (self->markers[CHECK_SECTION] != NULL)
    gtk_widget_set_visible (self->markers[CHECK_SECTION], n_blocking > 0);

  {
    guint n = self->findings ? self->findings->len : 0;
    g_autofree char *tip = g_strdup_printf (ngettext ("%u finding, %u blocks signing",
                                                      "%u findings, %u block signing", n),
                                            n, n_blocking);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->findings_button), tip);
    gtk_widget_set_visible (GTK_WIDGET (self->findings_button), n > 0);
    if (n_blocking > 0)
      gtk_widget_add_css_class (GTK_WIDGET (self->findings_button), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->findings_button), "error");
  }
}

/* Field widgets */

static const BfField *
widget_field (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "bf-field");
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
store_text (BfEditorPage  *self,
            const BfField *field,
            const char    *text)
{
  char **location = bf_editor_field_location (field, self->agreement);

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (field->base == BF_FIELD_BASE_RESPONSIBILITY)
    bf_agreement_set_responsibility (self->agreement, text);
  else if (field->base == BF_FIELD_BASE_BREACH)
    bf_agreement_set_breach_consequences (self->agreement, text);
  else if (field->kind == BF_FIELD_LINES)
    {
      GPtrArray *lines = *(GPtrArray **) location;
      g_auto(GStrv) parts = g_strsplit (text ? text : "", "\n", -1);

      g_ptr_array_set_size (lines, 0);
      for (guint i = 0; parts[i]; i++)
        if (g_strstrip (parts[i])[0] != '\0')
          g_ptr_array_add (lines, g_strdup (parts[i]));
    }
  else
    bf_set_str (location, text);
  edited (self);
}

static void
on_entry_changed_cb (GtkEditable  *editable,
                     BfEditorPage *self)
{
  if (self->loading)
    return;
  store_text (self, widget_field (editable), gtk_editable_get_text (editable));
}

static void
on_date_cb (BfDateRow    *row,
            GParamSpec   *pspec,
            BfEditorPage *self)
{
  if (self->loading)
    return;
  store_text (self, widget_field (row), bf_date_row_get_date (row));
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      BfEditorPage  *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (buffer), "bf-view");
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  text = text_view_get_text (view);
  store_text (self, widget_field (view), text);
}

static void
on_bool_cb (GObject      *object,
            GParamSpec   *pspec,
            BfEditorPage *self)
{
  gboolean active;

  if (self->loading)
    return;
  g_object_get (object, "active", &active, NULL);
  *(gboolean *) bf_editor_field_location (widget_field (object), self->agreement) = active;
  edited (self);
}

static void
on_combo_cb (AdwComboRow  *row,
             GParamSpec   *pspec,
             BfEditorPage *self)
{
  guint selected;

  if (self->loading)
    return;
  selected = adw_combo_row_get_selected (row);
  *(int *) bf_editor_field_location (widget_field (row), self->agreement) =
    selected == GTK_INVALID_LIST_POSITION ? 0 : (int) selected;
  edited (self);
}

static void
on_spin_check_cb (GtkCheckButton *check,
                  GParamSpec     *pspec,
                  BfEditorPage   *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (check), "bf-spin");
  gboolean active = gtk_check_button_get_active (check);

  gtk_widget_set_sensitive (GTK_WIDGET (spin), active);
  if (self->loading)
    return;
  /* Ticked, the condition needs a number: a day is the usual one. */
  if (active && gtk_spin_button_get_value_as_int (spin) == 0)
    gtk_spin_button_set_value (spin, 24);
  else if (!active)
    gtk_spin_button_set_value (spin, 0);
}

static void
on_spin_cb (GtkSpinButton *spin,
            BfEditorPage  *self)
{
  GtkCheckButton *check = g_object_get_data (G_OBJECT (spin), "bf-check");

  if (check != NULL)
    {
      gboolean was_loading = self->loading;

      /* The box follows the number, without writing it back. */
      self->loading = TRUE;
      gtk_check_button_set_active (check, gtk_spin_button_get_value_as_int (spin) > 0);
      gtk_widget_set_sensitive (GTK_WIDGET (spin), gtk_spin_button_get_value_as_int (spin) > 0);
      self->loading = was_loading;
    }
  if (self->loading)
    return;
  *(guint *) bf_editor_field_location (widget_field (spin), self->agreement) =
    (guint) gtk_spin_button_get_value_as_int (spin);
  edited (self);
}

static GtkStringList *
enum_model (BfEnumKind kind)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  /* Translators: the choice of a list that nothing is chosen from yet. */
  gtk_string_list_append (list, _("Not chosen"));
  for (guint v = 1; v < bf_enum_n_values (kind); v++)
    gtk_string_list_append (list, enum_label (kind, v));
  return list;
}

static GtkWidget *
new_combo_row (const char *title,
               BfEnumKind  kind)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = enum_model (kind);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  return row;
}

static GtkWidget *
new_findings_row (GtkWidget **box)
{
  /* An AdwPreferencesRow, so that the group puts it in its list, right
   * under the field's row. */
  GtkWidget *row = adw_preferences_row_new ();

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (*box, 8);
  gtk_widget_set_margin_bottom (*box, 8);
  gtk_widget_set_margin_start (*box, 12);
  gtk_widget_set_margin_end (*box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), *box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "findings-row");
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static GtkWidget *
build_text_block (BfEditorPage  *self,
                  const BfField *field,
                  Slot          *slot)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_(field->label));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_box_append (GTK_BOX (box), label);

  if (field->subtitle != NULL)
    {
      GtkWidget *help = gtk_label_new (_(field->subtitle));

      gtk_label_set_xalign (GTK_LABEL (help), 0);
      gtk_label_set_wrap (GTK_LABEL (help), TRUE);
      gtk_widget_add_css_class (help, "dim-label");
      gtk_box_append (GTK_BOX (box), help);
      g_object_set_data (G_OBJECT (view), "bf-help", help);
    }

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 90);
  gtk_widget_add_css_class (view, "editor-text");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_object_set_data (G_OBJECT (view), "bf-field", (gpointer) field);
  g_object_set_data (G_OBJECT (buffer), "bf-view", view);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), frame);

  slot->widget = view;
  slot->box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (slot->box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (slot->box, "boxed-list");
  gtk_widget_set_visible (slot->box, FALSE);
  slot->holder = slot->box;
  gtk_box_append (GTK_BOX (box), slot->box);

  /* A screen reader reads the help and the findings with the field. */
  if (g_object_get_data (G_OBJECT (view), "bf-help"))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    g_object_get_data (G_OBJECT (view), "bf-help"), slot->box, NULL,
                                    -1);
  else
    gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, slot->box, NULL,
                                    -1);
  return box;
}

static GtkWidget *
build_row (BfEditorPage  *self,
           const BfField *field)
{
  GtkWidget *row = NULL;
  const char *title = _(field->label);

  switch (field->kind)
    {
    case BF_FIELD_TEXT:
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed_cb), self);
      break;

    case BF_FIELD_DATE:
      row = bf_date_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      g_signal_connect (row, "notify::date", G_CALLBACK (on_date_cb), self);
      break;

    case BF_FIELD_BOOL:
    case BF_FIELD_CHECK:
      {
        GtkWidget *toggle;

        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        if (field->kind == BF_FIELD_BOOL)
          {
            toggle = gtk_switch_new ();
            gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
          }
        else
          {
            toggle = gtk_check_button_new ();
            gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
            adw_action_row_add_prefix (ADW_ACTION_ROW (row), toggle);
          }
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
        gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        g_object_set_data (G_OBJECT (toggle), "bf-field", (gpointer) field);
        g_object_set_data (G_OBJECT (row), "bf-toggle", toggle);
        g_signal_connect (toggle, "notify::active", G_CALLBACK (on_bool_cb), self);
      }
      break;

    case BF_FIELD_ENUM:
      row = new_combo_row (title, field->enum_kind);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_cb), self);
      break;

    case BF_FIELD_UINT:
      {
        GtkWidget *spin = gtk_spin_button_new_with_range (0, field->max, 1);

        row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
        gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        g_object_set_data (G_OBJECT (spin), "bf-field", (gpointer) field);
        g_object_set_data (G_OBJECT (row), "bf-spin", spin);
        g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_cb), self);

        if (field->with_check)
          {
            GtkWidget *check = gtk_check_button_new ();

            gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
            gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
            adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
            adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
            gtk_widget_set_sensitive (spin, FALSE);
            g_object_set_data (G_OBJECT (check), "bf-spin", spin);
            g_object_set_data (G_OBJECT (spin), "bf-check", check);
            g_object_set_data (G_OBJECT (row), "bf-toggle", check);
            g_signal_connect (check, "notify::active", G_CALLBACK (on_spin_check_cb), self);
          }
      }
      break;

    case BF_FIELD_GROUP:
    case BF_FIELD_MULTI:
    case BF_FIELD_LINES:
    default:
      g_assert_not_reached ();
    }

  if (field->subtitle != NULL && ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(field->subtitle));
  g_object_set_data (G_OBJECT (row), "bf-field", (gpointer) field);
  return row;
}

static void
load_field (BfEditorPage *self,
            Slot         *slot)
{
  const BfField *field = slot->field;
  gpointer location = bf_editor_field_location (field, self->agreement);

  switch (field->kind)
    {
    case BF_FIELD_TEXT:
      gtk_editable_set_text (GTK_EDITABLE (slot->widget), *(char **) location ? *(char **) location : "");
      break;

    case BF_FIELD_DATE:
      bf_date_row_set_date (BF_DATE_ROW (slot->widget), *(char **) location);
      break;

    case BF_FIELD_BOOL:
    case BF_FIELD_CHECK:
      g_object_set (g_object_get_data (G_OBJECT (slot->widget), "bf-toggle"),
                    "active", *(gboolean *) location, NULL);
      break;

    case BF_FIELD_ENUM:
      adw_combo_row_set_selected (ADW_COMBO_ROW (slot->widget), (guint) *(int *) location);
      break;

    case BF_FIELD_UINT:
      gtk_spin_button_set_value (g_object_get_data (G_OBJECT (slot->widget), "bf-spin"),
                                 *(guint *) location);
      break;

    case BF_FIELD_MULTI:
    case BF_FIELD_LINES:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (slot->widget));
        g_autofree char *joined = NULL;
        const char *text;

        if (field->base == BF_FIELD_BASE_RESPONSIBILITY)
          text = bf_agreement_get_responsibility (self->agreement);
        else if (field->base == BF_FIELD_BASE_BREACH)
          text = bf_agreement_get_breach_consequences (self->agreement);
        else if (field->kind == BF_FIELD_LINES)
          {
            GPtrArray *lines = *(GPtrArray **) location;
            GString *s = g_string_new (NULL);

            for (guint i = 0; i < lines->len; i++)
              g_string_append_printf (s, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (lines, i));
            text = joined = g_string_free (s, FALSE);
          }
        else
          text = *(char **) location;
        gtk_text_buffer_set_text (buffer, text ? text : "", -1);
      }
      break;

    case BF_FIELD_GROUP:
    default:
      break;
    }
}

/* Repeating items */

static char *
party_label_for (BfAgreement *agreement,
                 BfParty     *party)
{
  const char *role = party->role ? enum_label (BF_ENUM_PARTY_ROLE, party->role) : _("Party");
  const char *name = party->organisation ? party->organisation : party->contact_person;

  /* The tenant is named in the header; no need to write it twice. */
  if ((name == NULL || name[0] == '\0') && party->role == BF_PARTY_ROLE_LEIETAKER)
    name = bf_agreement_get_header (agreement)->tenant_name;

  if (name == NULL || name[0] == '\0')
    return g_strdup (role);
  return g_strdup_printf ("%s — %s", role, name);
}

static void
on_item_entry_cb (GtkEditable  *editable,
                  BfEditorPage *self)
{
  char **location = g_object_get_data (G_OBJECT (editable), "bf-location");
  const char *text = gtk_editable_get_text (editable);

  if (self->loading)
    return;
  bf_set_str (location, text[0] ? text : NULL);
  edited (self);
  if (g_object_get_data (G_OBJECT (editable), "bf-party-field"))
    update_chrome (self);
}

static void
on_item_date_cb (BfDateRow    *row,
                 GParamSpec   *pspec,
                 BfEditorPage *self)
{
  if (self->loading)
    return;
  bf_set_str (g_object_get_data (G_OBJECT (row), "bf-location"), bf_date_row_get_date (row));
  edited (self);
}

static void
on_item_combo_cb (AdwComboRow  *row,
                  GParamSpec   *pspec,
                  BfEditorPage *self)
{
  int *location = g_object_get_data (G_OBJECT (row), "bf-location");
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading)
    return;
  /* A measure's category and a party's role are required: "not chosen"
   * is not offered once something is chosen, so the draft stays valid. */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    {
      if (g_object_get_data (G_OBJECT (row), "bf-required"))
        {
          self->loading = TRUE;
          adw_combo_row_set_selected (row, (guint) *location);
          self->loading = FALSE;
          return;
        }
      selected = 0;
    }
  *location = (int) selected;
  edited (self);
  if (g_object_get_data (G_OBJECT (row), "bf-party-field"))
    update_chrome (self);
}

static GtkWidget *
item_entry (BfEditorPage   *self,
            AdwExpanderRow *expander,
            const char     *title,
            char          **location)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), *location ? *location : "");
  g_object_set_data (G_OBJECT (row), "bf-location", location);
  g_signal_connect (row, "changed", G_CALLBACK (on_item_entry_cb), self);
  adw_expander_row_add_row (expander, row);
  return row;
}

static GtkWidget *
item_date (BfEditorPage   *self,
           AdwExpanderRow *expander,
           const char     *title,
           char          **location)
{
  GtkWidget *row = bf_date_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  bf_date_row_set_date (BF_DATE_ROW (row), *location);
  g_object_set_data (G_OBJECT (row), "bf-location", location);
  g_signal_connect (row, "notify::date", G_CALLBACK (on_item_date_cb), self);
  adw_expander_row_add_row (expander, row);
  return row;
}

static GtkWidget *
item_combo (BfEditorPage   *self,
            AdwExpanderRow *expander,
            const char     *title,
            BfEnumKind      kind,
            int            *location,
            gboolean        required)
{
  GtkWidget *row = new_combo_row (title, kind);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) *location);
  g_object_set_data (G_OBJECT (row), "bf-location", location);
  g_object_set_data (G_OBJECT (row), "bf-required", GINT_TO_POINTER (required));
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_item_combo_cb), self);
  adw_expander_row_add_row (expander, row);
  return row;
}

static void on_remove_item_cb (GtkButton *button, BfEditorPage *self);

static AdwExpanderRow *
item_expander (BfEditorPage        *self,
               AdwPreferencesGroup *group,
               BfSection            section,
               const char          *title,
               GPtrArray           *array,
               gpointer             item,
               gboolean             expanded)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), expanded);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "bf-array", array);
  g_object_set_data (G_OBJECT (remove), "bf-item", item);
  g_object_set_data (G_OBJECT (remove), "bf-section", GUINT_TO_POINTER (section));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);

  adw_preferences_group_add (group, expander);
  g_ptr_array_add (self->item_rows[section], expander);
  return ADW_EXPANDER_ROW (expander);
}

static GtkStringList *
party_choices (BfEditorPage *self)
{
  GPtrArray *parties = bf_agreement_get_parties (self->agreement);
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("Not chosen"));
  for (guint i = 0; i < parties->len; i++)
    {
      g_autofree char *label = party_label_for (self->agreement, g_ptr_array_index (parties, i));

      gtk_string_list_append (list, label);
    }
  return list;
}

static void
update_responsible_choices (BfEditorPage *self)
{
  GPtrArray *parties = bf_agreement_get_parties (self->agreement);
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  for (guint i = 0; i < self->responsible_combos->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->responsible_combos, i);
      BfMeasure *measure = g_object_get_data (G_OBJECT (row), "bf-measure");
      g_autoptr(GtkStringList) model = party_choices (self);
      guint selected = 0;

      for (guint j = 0; j < parties->len; j++)
        if (g_strcmp0 (((BfParty *) g_ptr_array_index (parties, j))->id, measure->responsible_party) == 0)
          selected = j + 1;
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_combo_row_set_selected (row, selected);
    }
  self->loading = was_loading;
}

static void
on_responsible_cb (AdwComboRow  *row,
                   GParamSpec   *pspec,
                   BfEditorPage *self)
{
  BfMeasure *measure = g_object_get_data (G_OBJECT (row), "bf-measure");
  GPtrArray *parties = bf_agreement_get_parties (self->agreement);
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading)
    return;
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > parties->len)
    bf_set_str (&measure->responsible_party, NULL);
  else
    bf_set_str (&measure->responsible_party, ((BfParty *) g_ptr_array_index (parties, selected - 1))->id);
  edited (self);
}

static void
clear_items (BfEditorPage        *self,
             AdwPreferencesGroup *group,
             BfSection            section)
{
  for (guint i = 0; i < self->item_rows[section]->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (self->item_rows[section], i));
  g_ptr_array_set_size (self->item_rows[section], 0);
}

static void
build_parties (BfEditorPage *self,
               gpointer      expand)
{
  GPtrArray *parties = bf_agreement_get_parties (self->agreement);

  clear_items (self, self->parties_group, BF_SECTION_PARTIES);
  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);
      g_autofree char *title = party_label_for (self->agreement, p);
      AdwExpanderRow *e = item_expander (self, self->parties_group, BF_SECTION_PARTIES, title,
                                         parties, p, p == expand);
      GtkWidget *w;

      g_object_set_data (G_OBJECT (e), "bf-party", p);
      w = item_combo (self, e, _("Role"), BF_ENUM_PARTY_ROLE, (int *) &p->role, TRUE);
      g_object_set_data (G_OBJECT (w), "bf-party-field", GINT_TO_POINTER (1));
      w = item_entry (self, e, _("Organisation"), &p->organisation);
      g_object_set_data (G_OBJECT (w), "bf-party-field", GINT_TO_POINTER (1));
      w = item_entry (self, e, _("Contact person"), &p->contact_person);
      g_object_set_data (G_OBJECT (w), "bf-party-field", GINT_TO_POINTER (1));
      item_entry (self, e, _("Phone"), &p->phone);
    }
}

static void
build_measures (BfEditorPage *self,
                gpointer      expand)
{
  GPtrArray *measures = bf_agreement_get_measures (self->agreement);

  clear_items (self, self->measures_group, BF_SECTION_MEASURES);
  g_ptr_array_set_size (self->responsible_combos, 0);
  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);
      g_autofree char *title = g_strdup_printf (_("Measure %u"), i + 1);
      AdwExpanderRow *e = item_expander (self, self->measures_group, BF_SECTION_MEASURES, title,
                                         measures, m, m == expand);
      GtkWidget *row;

      if (m->description)
        adw_expander_row_set_subtitle (e, m->description);
      item_combo (self, e, _("Category"), BF_ENUM_MEASURE_CATEGORY, (int *) &m->category, TRUE);
      item_entry (self, e, _("Description"), &m->description);
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Responsible party"));
      g_object_set_data (G_OBJECT (row), "bf-measure", m);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_responsible_cb), self);
      adw_expander_row_add_row (e, row);
      g_ptr_array_add (self->responsible_combos, row);
      item_entry (self, e, _("Frequency"), &m->frequency);
      item_date (self, e, _("Start"), &m->start);
      item_date (self, e, _("End"), &m->end);
      item_entry (self, e, _("The tenant’s own commitment"), &m->tenant_commitment);
    }
  update_responsible_choices (self);
}

static void
build_meetings (BfEditorPage *self,
                gpointer      expand)
{
  GPtrArray *meetings = bf_agreement_get_meetings (self->agreement);

  clear_items (self, self->meetings_group, BF_SECTION_MEETINGS);
  for (guint i = 0; i < meetings->len; i++)
    {
      BfMeeting *m = g_ptr_array_index (meetings, i);
      g_autofree char *title = g_strdup_printf (_("Meeting or visit %u"), i + 1);
      AdwExpanderRow *e = item_expander (self, self->meetings_group, BF_SECTION_MEETINGS, title,
                                         meetings, m, m == expand);

      item_entry (self, e, _("What (e.g. home visit, meeting)"), &m->description);
      item_entry (self, e, _("Frequency"), &m->frequency);
      item_entry (self, e, _("Who takes part"), &m->participants);
    }
}

static void
build_sharing (BfEditorPage *self,
               gpointer      expand)
{
  GPtrArray *sharing = bf_agreement_get_consent (self->agreement)->sharing;

  clear_items (self, self->sharing_group, BF_SECTION_CONSENT);
  for (guint i = 0; i < sharing->len; i++)
    {
      BfSharingConsent *c = g_ptr_array_index (sharing, i);
      g_autofree char *title = g_strdup_printf (_("Consent %u"), i + 1);
      AdwExpanderRow *e = item_expander (self, self->sharing_group, BF_SECTION_CONSENT, title,
                                         sharing, c, c == expand);

      if (c->recipient)
        adw_expander_row_set_subtitle (e, c->recipient);
      item_entry (self, e, _("Recipient service"), &c->recipient);
      item_combo (self, e, _("Written or oral"), BF_ENUM_CONSENT_FORM, (int *) &c->form, FALSE);
      item_date (self, e, _("Given"), &c->given);
      item_date (self, e, _("Withdrawn"), &c->withdrawn);
    }
}

static void
build_signatures (BfEditorPage *self)
{
  GPtrArray *parties = bf_agreement_get_parties (self->agreement);

  clear_items (self, self->signatures_group, BF_SECTION_SIGNATURES);
  for (guint i = 0; i < parties->len; i++)
    {
      BfParty *p = g_ptr_array_index (parties, i);
      BfSignature *s = bf_agreement_get_signature (self->agreement, p->id);
      g_autofree char *title = party_label_for (self->agreement, p);
      GtkWidget *row = adw_action_row_new ();
      BfSignatureStatus status = s ? s->status : BF_SIGNATURE_STATUS_IKKE_SIGNERT;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   enum_label (BF_ENUM_SIGNATURE_STATUS, status));
      adw_preferences_group_add (self->signatures_group, row);
      g_ptr_array_add (self->item_rows[BF_SECTION_SIGNATURES], row);
    }
}

static void
rebuild_items (BfEditorPage *self)
{
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  build_parties (self, NULL);
  build_measures (self, NULL);
  build_meetings (self, NULL);
  build_sharing (self, NULL);
  build_signatures (self);
  self->loading = was_loading;
}

/* A party that a measure names as responsible cannot go: say which. */
static gboolean
party_can_go (BfEditorPage *self,
              BfParty      *party)
{
  GPtrArray *measures = bf_agreement_get_measures (self->agreement);

  for (guint i = 0; i < measures->len; i++)
    {
      BfMeasure *m = g_ptr_array_index (measures, i);

      if (g_strcmp0 (m->responsible_party, party->id) == 0)
        {
          g_autofree char *label = party_label_for (self->agreement, party);
          g_autofree char *body =
            g_strdup_printf (_("“%s” is the responsible party for measure %u. Choose another responsible party for that measure first."),
                             label, i + 1);

          show_message (self, _("The Party Cannot Be Removed"), body);
          return FALSE;
        }
    }
  return TRUE;
}

static void
remove_item (BfEditorPage *self,
             GPtrArray    *array,
             gpointer      item,
             BfSection     section)
{
  if (section == BF_SECTION_PARTIES)
    {
      BfParty *party = item;
      g_autoptr(GError) error = NULL;

      if (!party_can_go (self, party))
        return;
      if (!bf_agreement_remove_party (self->agreement, party->id, &error))
        {
          show_message (self, _("The Party Cannot Be Removed"), error->message);
          return;
        }
    }
  else
    g_ptr_array_remove (array, item);

  edited (self);
  rebuild_items (self);
  update_chrome (self);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       BfEditorPage     *self)
{
  if (g_strcmp0 (response, "remove") == 0)
    remove_item (self,
                 g_object_get_data (G_OBJECT (dialog), "bf-array"),
                 g_object_get_data (G_OBJECT (dialog), "bf-item"),
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "bf-section")));
}

static void
on_remove_item_cb (GtkButton    *button,
                   BfEditorPage *self)
{
  GPtrArray *array = g_object_get_data (G_OBJECT (button), "bf-array");
  gpointer item = g_object_get_data (G_OBJECT (button), "bf-item");
  BfSection section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bf-section"));
  GtkWidget *expander = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_EXPANDER_ROW);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (section == BF_SECTION_PARTIES && !party_can_go (self, item))
    return;

  /* What was typed into the item goes with it: ask first. */
  heading = g_strdup_printf (_("Remove “%s”?"),
                             adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("What is written in it is removed from the agreement."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "bf-array", array);
  g_object_set_data (G_OBJECT (dialog), "bf-item", item);
  g_object_set_data (G_OBJECT (dialog), "bf-section", GUINT_TO_POINTER (section));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Chrome: title, menu, lock */

static void
update_menu (BfEditorPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) states = g_menu_new ();
  g_autoptr(GMenu) output = g_menu_new ();
  BfAgreementState state = bf_agreement_get_state (self->agreement);
  const char *id = bf_agreement_get_id (self->agreement);

  for (int to = BF_AGREEMENT_STATE_UTKAST; to <= BF_AGREEMENT_STATE_AVSLATT; to++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (to == (int) state || !bf_lifecycle_can_transition (state, to, NULL))
        continue;
      if (to == BF_AGREEMENT_STATE_TIL_SIGNERING)
        label = g_strdup (_("Send for Signing…"));
      else if (to == BF_AGREEMENT_STATE_UTKAST)
        label = g_strdup (_("Make a New Version"));
      else
        /* Translators: %s is the state, e.g. "Aktiv". */
        label = g_strdup_printf (_("Change State to “%s”…"), enum_label (BF_ENUM_AGREEMENT_STATE, to));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "editor.transition",
                                               g_variant_new_string (bf_enum_to_token (BF_ENUM_AGREEMENT_STATE, to)));
      g_menu_append_item (states, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (states));

  {
    g_autoptr(GMenu) logs = g_menu_new ();

    g_menu_append (logs, _("Register _Visit…"), "editor.log-visit");
    g_menu_append (logs, _("Register _Key Use…"), "editor.log-key-use");
    g_menu_append (logs, _("_Evaluate…"), "editor.evaluate");
    g_menu_append (logs, _("Register _Breach…"), "editor.log-breach");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (logs));
  }

  {
    g_autoptr(GMenuItem) pdf = g_menu_item_new (_("Export as _PDF…"), NULL);
    g_autoptr(GMenuItem) print = g_menu_item_new (_("_Print…"), NULL);

    g_menu_item_set_action_and_target_value (pdf, "win.export-pdf", g_variant_new_string (id));
    g_menu_item_set_action_and_target_value (print, "win.print-agreement", g_variant_new_string (id));
    g_menu_append_item (output, pdf);
    g_menu_append_item (output, print);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (output));

  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

static void
apply_lock (BfEditorPage *self)
{
  gboolean locked = bf_agreement_is_text_locked (self->agreement);
  BfAgreementState state = bf_agreement_get_state (self->agreement);
  GHashTableIter iter;
  gpointer value;

  /* Focus must not stay in a field about to turn insensitive. */
  if (locked)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->section_stack)))
        gtk_widget_grab_focus (GTK_WIDGET (self->section_list));
    }

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Slot *slot = value;

      if (GTK_IS_TEXT_VIEW (slot->widget))
        gtk_text_view_set_editable (GTK_TEXT_VIEW (slot->widget), !locked);
      else
        gtk_widget_set_sensitive (slot->widget, !locked);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->parties_group), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->measures_group), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->meetings_group), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sharing_group), !locked);

  gtk_widget_set_visible (self->locked_box, locked);
  if (locked)
    {
      g_autofree char *text =
        g_strdup_printf (_("The text is locked because this version is “%s”. A change needs a new version, which must be signed again."),
                         enum_label (BF_ENUM_AGREEMENT_STATE, state));

      gtk_label_set_label (self->locked_label, text);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.new-version",
                                 locked && bf_lifecycle_can_transition (state, BF_AGREEMENT_STATE_UTKAST, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-version", !locked && !self->busy);

  /* The logs and the signatures belong to a stored agreement. */
  {
    gboolean stored = bf_agreement_get_version (self->agreement) > 0;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.sign",
                                   state == BF_AGREEMENT_STATE_TIL_SIGNERING);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.log-visit", stored);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.log-key-use",
                                   stored && bf_agreement_get_key_access (self->agreement)->agreed);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.evaluate", stored && bf_lifecycle_is_running (state));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.log-breach", stored && bf_lifecycle_is_running (state));
  }
}

static void
update_chrome (BfEditorPage *self)
{
  BfHeader *header = bf_agreement_get_header (self->agreement);
  BfAgreementState state = bf_agreement_get_state (self->agreement);
  g_autofree char *subtitle = NULL;
  const char *state_label = enum_label (BF_ENUM_AGREEMENT_STATE, state ? state : BF_AGREEMENT_STATE_UTKAST);

  adw_window_title_set_title (self->window_title,
                              header->tenant_name && header->tenant_name[0] ? header->tenant_name
                                                                            : _("New Agreement"));
  if (bf_agreement_get_version (self->agreement) > 0)
    /* Translators: the state, then the saved version's number. */
    subtitle = g_strdup_printf (_("%s · version %u"), state_label, bf_agreement_get_version (self->agreement));
  else
    subtitle = g_strdup (state_label);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Party names appear in the measures' choices and the signatures. */
  if (!self->loading)
    {
      GPtrArray *parties = bf_agreement_get_parties (self->agreement);

      for (guint i = 0; i < self->item_rows[BF_SECTION_PARTIES]->len; i++)
        {
          AdwExpanderRow *e = g_ptr_array_index (self->item_rows[BF_SECTION_PARTIES], i);
          BfParty *p = g_object_get_data (G_OBJECT (e), "bf-party");
          g_autofree char *label = party_label_for (self->agreement, p);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (e), label);
        }
      if (self->responsible_combos->len > 0 && parties->len > 0)
        update_responsible_choices (self);
      build_signatures (self);
    }

  update_menu (self);
  apply_lock (self);
}

static void
load_agreement (BfEditorPage *self)
{
  GHashTableIter iter;
  gpointer value;

  self->loading = TRUE;
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    load_field (self, value);
  rebuild_items (self);
  self->loading = FALSE;

  update_chrome (self);
  bf_editor_page_check_now (self);
}

/* Building the pages */

static GtkWidget *
new_section_page (BfEditorPage *self,
                  guint         section,
                  GtkWidget   **content)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *title = gtk_label_new (section_title (section));
  GtkWidget *findings = gtk_list_box_new ();
  g_autofree char *name = g_strdup_printf ("%u", section);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), title);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (findings), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (findings, "boxed-list");
  gtk_widget_set_visible (findings, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (findings), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Findings in this section"), -1);
  gtk_box_append (GTK_BOX (box), findings);
  self->section_boxes[section] = findings;
  self->section_holders[section] = findings;

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->section_stack, scrolled, name);
  *content = box;
  return scrolled;
}

static void
on_add_item_cb (GtkButton    *button,
                BfEditorPage *self)
{
  BfSection section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bf-section"));
  gpointer item = NULL;

  self->loading = TRUE;
  switch (section)
    {
    case BF_SECTION_PARTIES:
      item = bf_agreement_add_party (self->agreement, bf_party_new (BF_PARTY_ROLE_ANNEN));
      build_parties (self, item);
      break;

    case BF_SECTION_MEASURES:
      {
        BfParty *worker = bf_agreement_find_party_by_role (self->agreement, BF_PARTY_ROLE_BOOPPFOLGER);

        item = bf_agreement_add_measure (self->agreement,
                                         bf_measure_new (BF_MEASURE_CATEGORY_ANNET, worker ? worker->id : NULL));
        build_measures (self, item);
      }
      break;

    case BF_SECTION_MEETINGS:
      item = bf_meeting_new ();
      g_ptr_array_add (bf_agreement_get_meetings (self->agreement), item);
      build_meetings (self, item);
      break;

    case BF_SECTION_CONSENT:
      item = bf_sharing_consent_new (NULL);
      g_ptr_array_add (bf_agreement_get_consent (self->agreement)->sharing, item);
      build_sharing (self, item);
      break;

    default:
      g_assert_not_reached ();
    }
  self->loading = FALSE;

  edited (self);
  update_chrome (self);
}

static AdwPreferencesGroup *
new_items_group (BfEditorPage *self,
                 GtkWidget    *content,
                 BfSection     section,
                 const char   *title,
                 const char   *add_label)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *add;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (add_label != NULL)
    {
      add = gtk_button_new_with_mnemonic (add_label);
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (add), "bf-section", GUINT_TO_POINTER (section));
      g_signal_connect (add, "clicked", G_CALLBACK (on_add_item_cb), self);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
    }
  gtk_box_append (GTK_BOX (content), group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
build_pages (BfEditorPage *self)
{
  GtkWidget *content [N_PAGES] = { NULL, };
  AdwPreferencesGroup *group [N_PAGES] = { NULL, };
  const BfField *fields;
  guint n_fields;

  for (guint s = BF_SECTION_HEADER; s < N_PAGES; s++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      g_autofree char *text = s == CHECK_SECTION ? g_strdup (section_title (s))
                                                 : g_strdup_printf ("%u. %s", s, section_title (s));
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *marker = gtk_image_new_from_icon_name ("dialog-error-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (marker, "error");
      gtk_widget_set_tooltip_text (marker, _("Something here blocks signing"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (marker), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Something here blocks signing"), -1);
      gtk_widget_set_visible (marker, FALSE);
      gtk_box_append (GTK_BOX (box), marker);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "bf-section", GUINT_TO_POINTER (s));
      gtk_list_box_append (self->section_list, row);
      self->rows[s] = GTK_LIST_BOX_ROW (row);
      self->markers[s] = marker;
      self->item_rows[s] = g_ptr_array_new ();

      new_section_page (self, s, &content[s]);
    }

  self->parties_group = new_items_group (self, content[BF_SECTION_PARTIES], BF_SECTION_PARTIES,
                                         _("Parties"), _("_Add Party"));
  self->measures_group = new_items_group (self, content[BF_SECTION_MEASURES], BF_SECTION_MEASURES,
                                          _("Measures"), _("_Add Measure"));
  self->meetings_group = new_items_group (self, content[BF_SECTION_MEETINGS], BF_SECTION_MEETINGS,
                                          _("Fixed meetings and home visits"), _("_Add Meeting"));
  self->sharing_group = new_items_group (self, content[BF_SECTION_CONSENT], BF_SECTION_CONSENT,
                                         _("Consent to share information"), _("_Add Consent"));
  self->signatures_group = new_items_group (self, content[BF_SECTION_SIGNATURES], BF_SECTION_SIGNATURES,
                                            _("Signatures"), NULL);
  {
    GtkWidget *sign = gtk_button_new_with_mnemonic (_("_Sign…"));
    GtkWidget *logs = adw_preferences_group_new ();
    GtkWidget *box = gtk_flow_box_new ();
    const struct { const char *label; const char *action; } buttons[] = {
      { N_("Register _Visit…"), "editor.log-visit" },
      { N_("Register _Key Use…"), "editor.log-key-use" },
      { N_("_Evaluate…"), "editor.evaluate" },
      { N_("Register _Breach…"), "editor.log-breach" },
    };

    gtk_actionable_set_action_name (GTK_ACTIONABLE (sign), "editor.sign");
    gtk_widget_set_valign (sign, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (sign, "suggested-action");
    adw_preferences_group_set_header_suffix (self->signatures_group, sign);

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (logs), _("Logs"));
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (logs),
                                           _("Visits, key use, evaluations and breaches are logged on the saved agreement."));
    gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
    gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
    gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
    gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 4);
    gtk_widget_add_css_class (box, "log-buttons");
    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      {
        GtkWidget *button = gtk_button_new_with_mnemonic (_(buttons[i].label));

        gtk_actionable_set_action_name (GTK_ACTIONABLE (button), buttons[i].action);
        gtk_flow_box_append (GTK_FLOW_BOX (box), button);
      }
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (logs), box);
    gtk_box_append (GTK_BOX (content[BF_SECTION_SIGNATURES]), logs);
  }
  adw_preferences_group_set_description (self->signatures_group,
                                         _("Every party reviews and signs before the lease is signed. Signing locks this version’s text."));

  fields = bf_editor_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const BfField *f = &fields[i];
      Slot *slot;

      if (f->kind == BF_FIELD_GROUP)
        {
          group[f->section] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group[f->section], _(f->label));
          gtk_box_append (GTK_BOX (content[f->section]), GTK_WIDGET (group[f->section]));
          continue;
        }

      slot = g_new0 (Slot, 1);
      slot->field = f;
      if (f->kind == BF_FIELD_MULTI || f->kind == BF_FIELD_LINES)
        {
          gtk_box_append (GTK_BOX (content[f->section]), build_text_block (self, f, slot));
          /* Rows after a text start a new group, below it. */
          group[f->section] = NULL;
        }
      else
        {
          if (group[f->section] == NULL)
            {
              group[f->section] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
              gtk_box_append (GTK_BOX (content[f->section]), GTK_WIDGET (group[f->section]));
            }
          slot->widget = build_row (self, f);
          adw_preferences_group_add (group[f->section], slot->widget);
          slot->holder = new_findings_row (&slot->box);
          adw_preferences_group_add (group[f->section], slot->holder);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (slot->widget),
                                          GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, slot->box, NULL,
                                          -1);
        }
      g_hash_table_insert (self->slots, (gpointer) f->path, slot);
    }

  /* The check: every finding, each leading to its section. */
  self->check_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->check_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->check_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("All findings"), -1);
  gtk_box_append (GTK_BOX (content[CHECK_SECTION]), GTK_WIDGET (self->check_list));
  self->check_empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->check_empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->check_empty), _("Nothing to Remark"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->check_empty),
                                   _("The rules found nothing missing or doubtful."));
  gtk_widget_add_css_class (self->check_empty, "compact");
  gtk_box_append (GTK_BOX (content[CHECK_SECTION]), self->check_empty);
  /* The section's own findings box would repeat the list. */
  self->section_boxes[CHECK_SECTION] = NULL;
}

/* Sections and navigation */

static void
update_title_buttons (BfEditorPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean show = self->show_title_buttons;

  adw_header_bar_set_show_start_title_buttons (self->sidebar_header, show);
  adw_header_bar_set_show_end_title_buttons (self->sidebar_header, show && folded);
  adw_header_bar_set_show_start_title_buttons (self->content_header, show && folded);
  adw_header_bar_set_show_end_title_buttons (self->content_header, show);
}

static void
on_section_selected_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        BfEditorPage  *self)
{
  guint section;
  g_autofree char *name = NULL;

  if (row == NULL)
    return;
  section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bf-section"));
  name = g_strdup_printf ("%u", section);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), name) == 0)
    return;

  /* Changing section is a natural pause: keep the draft. */
  if (self->draft_dirty)
    flush_draft (self);
  gtk_stack_set_visible_child_name (self->section_stack, name);
}

static void
on_section_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         BfEditorPage  *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_finding_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         BfEditorPage  *self)
{
  BfSection section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "bf-section"));
  const char *field = g_object_get_data (G_OBJECT (row), "bf-field");
  GtkWidget *widget;

  if (section == BF_SECTION_NONE || section == BF_SECTION_LOGS)
    section = BF_SECTION_HEADER;
  gtk_menu_button_popdown (self->findings_button);
  bf_editor_page_show_section (self, section);
  widget = field ? bf_editor_page_get_field_widget (self, field) : NULL;
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
}

static void
move_section (BfEditorPage *self,
              int           delta)
{
  int section = (int) bf_editor_page_get_section (self) + delta;

  if (section >= BF_SECTION_HEADER && section < N_PAGES)
    bf_editor_page_show_section (self, section);
}

static void
next_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  move_section (BF_EDITOR_PAGE (widget), 1);
}

static void
previous_section_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  move_section (BF_EDITOR_PAGE (widget), -1);
}

static void
show_sections_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!bf_editor_page_save_draft (self, &error) && error != NULL)
    {
      show_message (self, _("The Draft Could Not Be Saved"), error->message);
      return;
    }
  g_signal_emit (self, signals [CLOSED], 0);
}

/* Versions and states */

/* The store names a missing field by its path; say it with the field's
 * label and open its section. */
static void
explain_save_error (BfEditorPage *self,
                    const GError *error)
{
  const char *start = strstr (error->message, ": ");
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  const char *end;
  BfSection section;
  GtkWidget *widget;

  if (!g_error_matches (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_INVALID) ||
      start == NULL || (end = strstr (start + 2, ": ")) == NULL)
    {
      show_message (self, _("The Version Could Not Be Saved"), error->message);
      return;
    }

  path = g_strndup (start + 2, end - (start + 2));
  section = bf_section_for_field (path);
  widget = bf_editor_page_get_field_widget (self, path);
  if (section == BF_SECTION_NONE || section == BF_SECTION_LOGS)
    {
      show_message (self, _("The Version Could Not Be Saved"), error->message);
      return;
    }
  if (widget != NULL)
    {
      const BfField *field = g_object_get_data (G_OBJECT (widget), "bf-field");
      g_autofree char *label = g_strdup (_(field->label));

      /* Drop the mnemonic's underscore. */
      if (strchr (label, '_') != NULL)
        {
          char *u = strchr (label, '_');

          memmove (u, u + 1, strlen (u));
        }
      body = g_strdup_printf (_("Fill in “%s” in “%s” first. Everything written so far is kept as a draft."),
                              label, section_title (section));
    }
  else
    body = g_strdup_printf (_("Something required is missing in “%s”: %s. Everything written so far is kept as a draft."),
                            section_title (section), end + 2);
  show_message (self, _("The Version Cannot Be Saved Yet"), body);
  bf_editor_page_show_section (self, section);
  if (widget != NULL)
    gtk_widget_grab_focus (widget);
}

static void
save_version_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BfEditorPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!bf_agreement_store_save_finish (BF_AGREEMENT_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The draft was not replaced: keep it in step. */
          self->draft_dirty = TRUE;
          bf_editor_page_save_draft (self, NULL);
          explain_save_error (self, error);
        }
      apply_lock (self);
      return;
    }

  /* The store dropped the draft with the saved version. Anything typed
   * while it was saving is not in the version: keep it as a draft. */
  if (bf_agreement_has_unsaved_changes (self->agreement))
    {
      self->draft_dirty = TRUE;
      flush_draft (self);
    }

  {
    g_autofree char *text = g_strdup_printf (_("Version %u saved"), bf_agreement_get_version (self->agreement));

    add_toast (self, text);
  }
  update_chrome (self);
  g_signal_emit (self, signals [SAVED], 0);
}

static void
save_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->busy || bf_agreement_is_text_locked (self->agreement))
    return;

  /* The version replaces the draft, so a pending autosave is moot. */
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->draft_dirty = FALSE;
  self->busy = TRUE;
  apply_lock (self);
  bf_agreement_store_save_async (self->store, self->agreement, now, self->cancellable,
                                 save_version_cb, g_object_ref (self));
}

static gboolean
do_transition (BfEditorPage     *self,
               BfAgreementState  to,
               BfEndReason       reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  /* A text goes to signing, or changes state, as a saved version. */
  if (!bf_agreement_is_text_locked (self->agreement) &&
      !bf_agreement_store_save (self->store, self->agreement, now, &error))
    {
      explain_save_error (self, error);
      return FALSE;
    }
  self->draft_dirty = FALSE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);

  if (!bf_agreement_transition (self->agreement, to, reason, &today, &error) ||
      !bf_agreement_store_save (self->store, self->agreement, now, &error))
    {
      show_message (self, _("The State Could Not Be Changed"), error->message);
      return FALSE;
    }

  {
    g_autofree char *text = g_strdup_printf (_("The agreement is now “%s”"),
                                             enum_label (BF_ENUM_AGREEMENT_STATE, to));

    add_toast (self, text);
  }
  update_chrome (self);
  bf_editor_page_check_now (self);
  g_signal_emit (self, signals [SAVED], 0);
  return TRUE;
}

static void
on_transition_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           BfEditorPage     *self)
{
  BfAgreementState to = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "bf-to"));
  AdwComboRow *reason_row = g_object_get_data (G_OBJECT (dialog), "bf-reason");
  BfEndReason reason = BF_END_REASON_NONE;

  if (g_strcmp0 (response, "change") != 0)
    return;
  if (reason_row != NULL)
    reason = adw_combo_row_get_selected (reason_row);
  do_transition (self, to, reason);
}

static void
transition_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);
  const char *token = g_variant_get_string (param, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  int to = 0;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (!bf_enum_from_token (BF_ENUM_AGREEMENT_STATE, token, &to))
    return;

  if (to == BF_AGREEMENT_STATE_TIL_SIGNERING)
    {
      bf_editor_page_check_now (self);
      if (bf_findings_block_signing (self->findings))
        {
          GString *body = g_string_new (_("Fix these first:"));

          for (guint i = 0; i < self->findings->len; i++)
            {
              BfFinding *f = g_ptr_array_index (self->findings, i);

              if (f->kind == BF_RULE_KIND_BLOCKS)
                g_string_append_printf (body, "\n• %s", f->message_nb);
            }
          show_message (self, _("Not Ready for Signing"), body->str);
          g_string_free (body, TRUE);
          bf_editor_page_show_section (self, CHECK_SECTION);
          return;
        }
    }

  if (to == BF_AGREEMENT_STATE_UTKAST)
    {
      do_transition (self, to, BF_END_REASON_NONE);
      return;
    }

  heading = g_strdup_printf (_("Change the State to “%s”?"), enum_label (BF_ENUM_AGREEMENT_STATE, to));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   to == BF_AGREEMENT_STATE_TIL_SIGNERING
                                   ? _("The text will be saved as a version and locked while the parties sign it.")
                                   : NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "change", _("C_hange"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "change");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "bf-to", GINT_TO_POINTER (to));

  if (to == BF_AGREEMENT_STATE_AVSLUTTET)
    {
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *reason = new_combo_row (_("Reason"), BF_ENUM_END_REASON);

      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      adw_combo_row_set_selected (ADW_COMBO_ROW (reason), BF_END_REASON_UTLOPT);
      gtk_list_box_append (GTK_LIST_BOX (list), reason);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), _("Ending the agreement needs a reason."));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "change", ADW_RESPONSE_DESTRUCTIVE);
      g_object_set_data (G_OBJECT (dialog), "bf-reason", reason);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_transition_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);

  do_transition (self, BF_AGREEMENT_STATE_UTKAST, BF_END_REASON_NONE);
}

/* Dialogs */

static void
on_dialog_saved_cb (BfEditorPage *self)
{
  /* The dialog saved into the store; the rules (e.g. the red lamp) and
   * the signatures may read differently now. */
  update_chrome (self);
  bf_editor_page_check_now (self);
  g_signal_emit (self, signals [SAVED], 0);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);
  BfSigningDialog *dialog = bf_signing_dialog_present (widget, self->store, self->agreement);

  g_signal_connect_object (dialog, "signed", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);
  const char *id = bf_agreement_get_id (self->agreement);
  GtkWindow *dialog;

  /* The visit dialog reads the saved agreement: keep the draft first. */
  bf_editor_page_save_draft (self, NULL);

  if (g_str_equal (action_name, "editor.log-visit"))
    dialog = GTK_WINDOW (bf_visit_dialog_present (widget, self->store, id));
  else if (g_str_equal (action_name, "editor.log-key-use"))
    dialog = GTK_WINDOW (bf_key_use_dialog_present (widget, self->store, self->agreement));
  else if (g_str_equal (action_name, "editor.evaluate"))
    dialog = GTK_WINDOW (bf_evaluation_dialog_present (widget, self->store, self->agreement));
  else
    dialog = GTK_WINDOW (bf_breach_dialog_present (widget, self->store, self->agreement));

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
}

/* The window's lock */

static void
on_save_drafts_cb (GtkWidget    *window,
                   BfProfile    *profile,
                   BfEditorPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!bf_editor_page_save_draft (self, &error) && error != NULL)
    g_warning ("The draft could not be saved before locking: %s", error->message);
}

static void
bf_editor_page_root (GtkWidget *widget)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (bf_editor_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (BF_IS_WINDOW (root))
    {
      self->window = GTK_WIDGET (root);
      self->save_drafts_id = g_signal_connect_object (root, "save-drafts",
                                                      G_CALLBACK (on_save_drafts_cb), self, 0);
    }
}

static void
bf_editor_page_unroot (GtkWidget *widget)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);

  /* Leaving the window, e.g. back to the list: keep what was typed. */
  if (self->draft_dirty && self->profile && !bf_profile_get_locked (self->profile))
    flush_draft (self);
  if (self->window != NULL)
    g_clear_signal_handler (&self->save_drafts_id, self->window);
  self->window = NULL;

  GTK_WIDGET_CLASS (bf_editor_page_parent_class)->unroot (widget);
}

static gboolean
update_fold_cb (gpointer data)
{
  BfEditorPage *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->fold_source = 0;
  g_debug ("width %d: %s", width, width >= FOLD_WIDTH ? "two columns" : "one column");
  adw_leaflet_set_can_unfold (self->leaflet, width >= FOLD_WIDTH);
  return G_SOURCE_REMOVE;
}

static void
bf_editor_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);
}

static void
bf_editor_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  BfEditorPage *self = BF_EDITOR_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  /* The page measures and allocates its child itself (it has no layout
   * manager) so that it sees its width. */
  if (child != NULL)
    gtk_widget_allocate (child, width, height, baseline, NULL);

  /* AdwLeaflet on libadwaita 1.2 folds only when its children do not
   * fit; it cannot be told a width. Changing it during allocation
   * would need another one, so do it right after. */
  if ((width >= FOLD_WIDTH) != adw_leaflet_get_can_unfold (self->leaflet) && self->fold_source == 0)
    self->fold_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_fold_cb, self, NULL);
}

static void
bf_editor_page_dispose (GObject *object)
{
  BfEditorPage *self = BF_EDITOR_PAGE (object);

  /* Tearing the rows down emits their change signals (a combo row's
   * selection, for one); those are not edits, and an autosave scheduled
   * now would run on a freed page. */
  self->loading = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->fold_source, g_source_remove);
  /* The leaflet is both a template child and the bin's child: let the bin
   * drop it first, so that neither drops it twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_EDITOR_PAGE);
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_clear_pointer (&self->responsible_combos, g_ptr_array_unref);
  for (guint i = 0; i < N_PAGES; i++)
    g_clear_pointer (&self->item_rows[i], g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->agreement);
  g_clear_object (&self->store);
  g_clear_object (&self->profile);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bf_editor_page_parent_class)->dispose (object);
}

static void
bf_editor_page_class_init (BfEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_editor_page_dispose;
  widget_class->root = bf_editor_page_root;
  widget_class->measure = bf_editor_page_measure;
  widget_class->size_allocate = bf_editor_page_size_allocate;
  widget_class->unroot = bf_editor_page_unroot;

  /**
   * BfEditorPage::saved:
   *
   * A version or a change of state was saved: lists should refresh.
   */
  signals [SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * BfEditorPage::closed:
   *
   * The user asked to go back; the draft has been saved.
   */
  signals [CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * BfEditorPage::add-toast:
   *
   * For the window's toast overlay. Without a handler the page gives the
   * toast to its BfWindow itself.
   */
  signals [ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-editor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, sidebar_header);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, content_header);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, section_list);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, findings_button);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, popover_findings_list);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, locked_box);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, locked_label);
  gtk_widget_class_bind_template_child (widget_class, BfEditorPage, section_stack);

  gtk_widget_class_install_action (widget_class, "editor.save-version", NULL, save_version_action);
  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "editor.show-sections", NULL, show_sections_action);
  gtk_widget_class_install_action (widget_class, "editor.next-section", NULL, next_section_action);
  gtk_widget_class_install_action (widget_class, "editor.previous-section", NULL, previous_section_action);
  gtk_widget_class_install_action (widget_class, "editor.transition", "s", transition_action);
  gtk_widget_class_install_action (widget_class, "editor.new-version", NULL, new_version_action);
  gtk_widget_class_install_action (widget_class, "editor.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "editor.log-visit", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "editor.log-key-use", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "editor.evaluate", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "editor.log-breach", NULL, log_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save-version", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "editor.next-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "editor.previous-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "editor.next-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "editor.previous-section", NULL);

  g_type_ensure (BF_TYPE_DATE_ROW);
}

static void
bf_editor_page_init (BfEditorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->cancellable = g_cancellable_new ();
  self->slots = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->responsible_combos = g_ptr_array_new ();

  build_pages (self);
  g_signal_connect (self->section_list, "row-selected", G_CALLBACK (on_section_selected_cb), self);
  g_signal_connect (self->section_list, "row-activated", G_CALLBACK (on_section_activated_cb), self);
  g_signal_connect (self->check_list, "row-activated", G_CALLBACK (on_finding_activated_cb), self);
  g_signal_connect (self->popover_findings_list, "row-activated", G_CALLBACK (on_finding_activated_cb), self);
  gtk_list_box_select_row (self->section_list, self->rows[BF_SECTION_HEADER]);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_title_buttons), self);
}

/* Public API */

static void
focus_first_cb (BfEditorPage *self)
{
  g_signal_handlers_disconnect_by_func (self, focus_first_cb, NULL);
  gtk_widget_grab_focus (bf_editor_page_get_field_widget (self, "header.tenant_name"));
}

static void
set_defaults (BfAgreement *agreement,
              BfProfile   *profile)
{
  BfParty *tenant = bf_party_new (BF_PARTY_ROLE_LEIETAKER);
  BfParty *worker = bf_party_new (BF_PARTY_ROLE_BOOPPFOLGER);

  /* Every draft must be one the store can read back: a type, and a role
   * for each party. */
  bf_agreement_get_header (agreement)->type = BF_AGREEMENT_TYPE_OPPFOLGINGSAVTALE;
  if (profile != NULL)
    {
      worker->contact_person = g_strdup (bf_profile_get_name (profile));
      worker->organisation = g_strdup (bf_profile_get_unit (profile));
      bf_agreement_get_header (agreement)->unit = g_strdup (bf_profile_get_unit (profile));
    }
  bf_agreement_add_party (agreement, tenant);
  bf_agreement_add_party (agreement, worker);
  bf_agreement_changed (agreement);
}

/**
 * bf_editor_page_new:
 * @store: where drafts and versions go
 * @agreement: (nullable): the agreement to edit, or %NULL for a new one
 * @profile: (nullable): the worker's profile, for a new agreement's
 *   follow-up worker party
 */
BfEditorPage *
bf_editor_page_new (BfAgreementStore *store,
                    BfAgreement      *agreement,
                    BfProfile        *profile)
{
  BfEditorPage *self;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (!agreement || BF_IS_AGREEMENT (agreement), NULL);

  self = g_object_new (BF_TYPE_EDITOR_PAGE, NULL);
  self->store = g_object_ref (store);
  self->profile = profile ? g_object_ref (profile) : NULL;
  if (agreement != NULL)
    self->agreement = g_object_ref (agreement);
  else
    {
      self->agreement = bf_agreement_new ();
      set_defaults (self->agreement, profile);
      /* Even an untouched new agreement is kept as a draft. */
      self->draft_dirty = TRUE;
    }
  load_agreement (self);

  /* A new agreement starts with the tenant's name. */
  if (agreement == NULL)
    g_signal_connect (self, "map", G_CALLBACK (focus_first_cb), NULL);
  return self;
}

/**
 * bf_editor_page_new_for_id:
 *
 * Opens a stored agreement: its draft when there is one, so that the
 * worker continues where they stopped, else its saved head.
 */
BfEditorPage *
bf_editor_page_new_for_id (BfAgreementStore  *store,
                           const char        *id,
                           BfProfile         *profile,
                           GError           **error)
{
  g_autoptr(BfAgreement) agreement = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (BF_IS_AGREEMENT_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  agreement = bf_agreement_store_load_draft (store, id, &local_error);
  if (agreement == NULL)
    {
      if (local_error != NULL)
        g_warning ("The draft of %s could not be read: %s", id, local_error->message);
      agreement = bf_agreement_store_load (store, id, error);
      if (agreement == NULL)
        return NULL;
    }
  return bf_editor_page_new (store, agreement, profile);
}

BfAgreement *
bf_editor_page_get_agreement (BfEditorPage *self)
{
  g_return_val_if_fail (BF_IS_EDITOR_PAGE (self), NULL);

  return self->agreement;
}

BfSection
bf_editor_page_get_section (BfEditorPage *self)
{
  const char *name;

  g_return_val_if_fail (BF_IS_EDITOR_PAGE (self), BF_SECTION_NONE);

  name = gtk_stack_get_visible_child_name (self->section_stack);
  return name ? (BfSection) g_ascii_strtoull (name, NULL, 10) : BF_SECTION_NONE;
}

/**
 * bf_editor_page_show_section:
 * @section: a section, or %BF_SECTION_SIGNATURES + 1 for the check
 */
void
bf_editor_page_show_section (BfEditorPage *self,
                             BfSection     section)
{
  g_return_if_fail (BF_IS_EDITOR_PAGE (self));
  g_return_if_fail (section >= BF_SECTION_HEADER && section < N_PAGES);

  gtk_list_box_select_row (self->section_list, self->rows[section]);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * bf_editor_page_get_field_widget:
 * @field_path: a JSON path, as rule findings name fields
 *
 * Returns: (nullable) (transfer none): the row or text view that edits it
 */
GtkWidget *
bf_editor_page_get_field_widget (BfEditorPage *self,
                                 const char   *field_path)
{
  Slot *slot;

  g_return_val_if_fail (BF_IS_EDITOR_PAGE (self), NULL);

  slot = g_hash_table_lookup (self->slots, field_path);
  return slot ? slot->widget : NULL;
}

/**
 * bf_editor_page_get_findings:
 *
 * Returns: (transfer none): the findings shown, as of the last check
 */
GPtrArray *
bf_editor_page_get_findings (BfEditorPage *self)
{
  g_return_val_if_fail (BF_IS_EDITOR_PAGE (self), NULL);

  return self->findings;
}

void
bf_editor_page_check_now (BfEditorPage *self)
{
  GDate today;

  g_return_if_fail (BF_IS_EDITOR_PAGE (self));

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = bf_rules_check (self->agreement, &today);
  apply_findings (self);
  update_chrome (self);
}

/**
 * bf_editor_page_save_draft:
 *
 * Writes any unsaved edit as the agreement's draft, now and synchronously.
 *
 * Returns: %TRUE when there was nothing to save or it was saved
 */
gboolean
bf_editor_page_save_draft (BfEditorPage  *self,
                           GError       **error)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (BF_IS_EDITOR_PAGE (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (!self->draft_dirty || bf_agreement_is_text_locked (self->agreement))
    return TRUE;
  if (self->profile != NULL && bf_profile_get_locked (self->profile))
    return FALSE;
  now = g_date_time_new_now_utc ();
  if (!bf_agreement_store_save_draft (self->store, self->agreement, now, error))
    return FALSE;
  self->draft_dirty = FALSE;
  return TRUE;
}

gboolean
bf_editor_page_get_busy (BfEditorPage *self)
{
  g_return_val_if_fail (BF_IS_EDITOR_PAGE (self), FALSE);

  return self->busy;
}

/**
 * bf_editor_page_set_show_title_buttons:
 *
 * Below the main page's header bar the window's buttons are there
 * already, so the page shows none by default; shown on its own in the
 * window, it should. Folded, the content's header shows them on both
 * sides, unfolded the sidebar's shows the start and the content's the end.
 */
void
bf_editor_page_set_show_title_buttons (BfEditorPage *self,
                                       gboolean      show)
{
  g_return_if_fail (BF_IS_EDITOR_PAGE (self));

  self->show_title_buttons = !!show;
  update_title_buttons (self);
}
