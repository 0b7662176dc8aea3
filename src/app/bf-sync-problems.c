/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-sync-problems"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-sync-problems.h"

/*
 * Quarantined records and tamper or fork alarms, each said plainly: what
 * happened, what it may mean, what to do. The technical reason follows in
 * small print, for the administrator.
 */

struct _BfSyncProblems
{
  AdwWindow         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkListBox       *list;

  /* Owned */
  BfSyncController *controller;
};

G_DEFINE_FINAL_TYPE (BfSyncProblems, bf_sync_problems, ADW_TYPE_WINDOW)

static char *
author_text (const BfSyncProblem *p)
{
  if (p->author_name != NULL && p->author_name[0] != '\0')
    return g_strdup (p->author_name);
  /* Translators: %s is a 16-character member id, for a member whose name
   * is not known on this computer. */
  return g_strdup_printf (_("member %s"), p->author);
}

/**
 * bf_sync_problem_dup_title:
 *
 * Returns: (transfer full): a short heading, such as "Set aside: record 3
 *   from Kari Nordmann"
 */
char *
bf_sync_problem_dup_title (const BfSyncProblem *p)
{
  g_autofree char *who = author_text (p);

  switch (p->kind)
    {
    case BF_SYNC_PROBLEM_QUARANTINE:
      /* Translators: "Quarantined" (satt i karantene): a record from the
       * share that failed its checks and is kept apart. */
      return g_strdup_printf (_("Quarantined: record %u from %s"), (guint) p->seq, who);

    case BF_SYNC_PROBLEM_FORK:
      return g_strdup_printf (_("Conflict: your record %u"), (guint) p->seq);

    case BF_SYNC_PROBLEM_TAMPER:
    default:
      if (p->mine)
        return g_strdup_printf (_("Tampering detected: your record %u"), (guint) p->seq);
      return g_strdup_printf (_("Tampering detected: record %u from %s"), (guint) p->seq, who);
    }
}

/**
 * bf_sync_problem_dup_explanation:
 *
 * Returns: (transfer full): what the problem means, in plain words
 */
char *
bf_sync_problem_dup_explanation (const BfSyncProblem *p)
{
  g_autofree char *who = author_text (p);

  switch (p->kind)
    {
    case BF_SYNC_PROBLEM_QUARANTINE:
      return g_strdup_printf (_("A record from %s could not be verified and has been set aside. "
                                "This may mean that the file is damaged or was changed on the share. "
                                "Contact your administrator."), who);

    case BF_SYNC_PROBLEM_FORK:
      return g_strdup (_("The share holds another version of one of your records than this computer does. "
                         "Nothing was overwritten, and your own copy is safe. Contact your administrator."));

    case BF_SYNC_PROBLEM_TAMPER:
    default:
      if (p->mine)
        return g_strdup (_("One of your records on the share was changed or removed after it was sent. "
                           "Your own copy is safe and will be sent again. Contact your administrator."));
      return g_strdup_printf (_("A record from %s that was seen before has been changed or removed on the share. "
                                "Someone may have tampered with the share. Contact your administrator."), who);
    }
}

static GtkWidget *
create_row (const BfSyncProblem *p)
{
  g_autofree char *title = bf_sync_problem_dup_title (p);
  g_autofree char *explanation = bf_sync_problem_dup_explanation (p);
  g_autofree char *technical = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *icon;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  icon = gtk_image_new_from_icon_name (p->kind == BF_SYNC_PROBLEM_QUARANTINE
                                       ? "dialog-warning-symbolic" : "dialog-error-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, p->kind == BF_SYNC_PROBLEM_QUARANTINE ? "warning" : "error");
  gtk_box_append (GTK_BOX (box), icon);

  {
    GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    gtk_widget_set_hexpand (text, TRUE);
    gtk_box_append (GTK_BOX (box), text);

    label = gtk_label_new (title);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_box_append (GTK_BOX (text), label);

    label = gtk_label_new (explanation);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_box_append (GTK_BOX (text), label);

    /* Translators: the technical details of a sync problem, for the
     * administrator: a member id, a record number and the reason. */
    {
      g_autofree char *where = g_strdup_printf ("%s/%010" G_GINT64_FORMAT, p->author, p->seq);
      technical = g_strdup_printf (_("Details: %s: %s"), where, p->reason);
    }
    label = gtk_label_new (technical);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    gtk_widget_add_css_class (label, "caption");
    gtk_widget_add_css_class (label, "dim-label");
    gtk_box_append (GTK_BOX (text), label);
  }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, explanation,
                                  -1);
  return row;
}

static void
bf_sync_problems_update (BfSyncProblems *self)
{
  GPtrArray *problems = self->controller ? bf_sync_controller_get_problems (self->controller) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (problems, i)));

  gtk_stack_set_visible_child_name (self->stack, problems && problems->len > 0 ? "list" : "empty");
}

static void
bf_sync_problems_dispose (GObject *object)
{
  BfSyncProblems *self = BF_SYNC_PROBLEMS (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), BF_TYPE_SYNC_PROBLEMS);

  G_OBJECT_CLASS (bf_sync_problems_parent_class)->dispose (object);
}

static void
bf_sync_problems_class_init (BfSyncProblemsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bf_sync_problems_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/no/bofast/Bofast/ui/bf-sync-problems.ui");
  gtk_widget_class_bind_template_child (widget_class, BfSyncProblems, stack);
  gtk_widget_class_bind_template_child (widget_class, BfSyncProblems, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bf_sync_problems_init (BfSyncProblems *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BfSyncProblems *
bf_sync_problems_new (GtkWindow        *parent,
                      BfSyncController *controller)
{
  BfSyncProblems *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (controller), NULL);

  self = g_object_new (BF_TYPE_SYNC_PROBLEMS,
                       "transient-for", parent,
                       NULL);
  self->controller = g_object_ref (controller);
  g_signal_connect_object (controller, "changed", G_CALLBACK (bf_sync_problems_update),
                           self, G_CONNECT_SWAPPED);
  bf_sync_problems_update (self);
  return self;
}
