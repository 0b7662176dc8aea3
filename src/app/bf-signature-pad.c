/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-signature-pad"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-agreement-parts.h"
#include "bf-signature-pad.h"

/*
 * BfSignaturePad records a handwritten signature as vector strokes in the
 * model's units (bf-agreement-parts.h: 1/10 mm, pressure in ‰, time in ms
 * from the stroke's start), not as a picture: the PDF draws the same
 * strokes sharply at any size, and the record stays small.
 *
 * A pen comes through GtkGestureStylus, which gives its pressure; a mouse,
 * a touchpad and a finger come through GtkGestureDrag, without pressure.
 * The stylus gesture claims its sequences so that a pen is not recorded
 * twice. The widget keeps the pad's 3:1 shape inside whatever space it
 * gets and maps it onto 120 × 40 mm.
 *
 * From the keyboard, Delete or Backspace clears the pad and Ctrl+Z takes
 * back the last stroke; the signing dialog offers signing without a drawn
 * signature for those who cannot draw one.
 */

struct _BfSignaturePad
{
  GtkWidget   parent_instance;

  /* Owned */
  GPtrArray  *strokes;      /* of GArray of BfPoint */
  GArray     *current;      /* borrowed from strokes while drawing */
  gint64      stroke_start; /* µs, monotonic */
  double      drag_x;
  double      drag_y;
};

G_DEFINE_FINAL_TYPE (BfSignaturePad, bf_signature_pad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The pad's rectangle inside the allocation: the largest 3:1 box,
 * centred. */
static void
get_pad_rect (BfSignaturePad *self,
              double         *x,
              double         *y,
              double         *scale)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double pad_w;

  /* Points fed before the first allocation use the natural size. */
  if (w <= 0 || h <= 0)
    {
      w = 480;
      h = 160;
    }
  pad_w = MIN (w, h * BF_SIGNATURE_PAD_WIDTH / BF_SIGNATURE_PAD_HEIGHT);

  *scale = MAX (pad_w, 1.0) / BF_SIGNATURE_PAD_WIDTH;
  *x = (w - pad_w) / 2;
  *y = (h - pad_w * BF_SIGNATURE_PAD_HEIGHT / BF_SIGNATURE_PAD_WIDTH) / 2;
}

static void
add_point (BfSignaturePad *self,
           double          x,
           double          y,
           double          pressure)
{
  double ox, oy, scale;
  gint32 ux, uy, p, t;

  g_assert (self->current != NULL);

  get_pad_rect (self, &ox, &oy, &scale);
  ux = CLAMP ((gint32) ((x - ox) / scale + 0.5), 0, BF_SIGNATURE_PAD_WIDTH);
  uy = CLAMP ((gint32) ((y - oy) / scale + 0.5), 0, BF_SIGNATURE_PAD_HEIGHT);
  p = pressure < 0 ? -1 : CLAMP ((gint32) (pressure * 1000 + 0.5), 0, 1000);
  t = (gint32) ((g_get_monotonic_time () - self->stroke_start) / 1000);

  /* Skip repeats: a resting pen sends the same point many times. */
  if (self->current->len > 0)
    {
      const BfPoint *last = &g_array_index (self->current, BfPoint, self->current->len - 1);

      if (last->x == ux && last->y == uy)
        return;
    }

  bf_stroke_add_point (self->current, ux, uy, p, t);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
point_width (const BfPoint *p,
             double         scale)
{
  /* 0.5 mm unknown pressure; 0.3–0.8 mm with a pen. */
  double mm = p->pressure < 0 ? 0.5 : 0.3 + 0.5 * p->pressure / 1000.0;

  return MAX (1.5, mm * 10 * scale);
}

static void
draw_strokes (BfSignaturePad *self,
              cairo_t        *cr)
{
  double ox, oy, scale;

#define PX(p) (ox + (p)->x * scale)
#define PY(p) (oy + (p)->y * scale)

  get_pad_rect (self, &ox, &oy, &scale);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);
      double last_x, last_y;

      if (stroke->len == 0)
        continue;

      last_x = PX (&g_array_index (stroke, BfPoint, 0));
      last_y = PY (&g_array_index (stroke, BfPoint, 0));

      if (stroke->len == 1)
        {
          const BfPoint *p = &g_array_index (stroke, BfPoint, 0);

          cairo_arc (cr, last_x, last_y, point_width (p, scale) / 2, 0, 2 * G_PI);
          cairo_fill (cr);
          continue;
        }

      /* Each piece runs from the middle of the segment before a point to
       * the middle of the one after it, curving through the point, so the
       * line is smooth; each piece has its point's width. */
      for (guint j = 1; j < stroke->len; j++)
        {
          const BfPoint *p = &g_array_index (stroke, BfPoint, j);
          const BfPoint *prev = &g_array_index (stroke, BfPoint, j - 1);
          double mx, my;

          if (j + 1 < stroke->len)
            {
              const BfPoint *n = &g_array_index (stroke, BfPoint, j + 1);

              mx = (PX (p) + PX (n)) / 2;
              my = (PY (p) + PY (n)) / 2;
            }
          else
            {
              mx = PX (p);
              my = PY (p);
            }

          cairo_move_to (cr, last_x, last_y);
          cairo_curve_to (cr,
                          last_x + 2.0 / 3.0 * (PX (p) - last_x), last_y + 2.0 / 3.0 * (PY (p) - last_y),
                          mx + 2.0 / 3.0 * (PX (p) - mx), my + 2.0 / 3.0 * (PY (p) - my),
                          mx, my);
          cairo_set_line_width (cr, (point_width (prev, scale) + point_width (p, scale)) / 2);
          cairo_stroke (cr);
          last_x = mx;
          last_y = my;
        }
    }

#undef PX
#undef PY
}

static void
bf_signature_pad_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BfSignaturePad *self = BF_SIGNATURE_PAD (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  double ox, oy, scale, line_y;
  double w = gtk_widget_get_width (widget);
  double h = gtk_widget_get_height (widget);
  GdkRGBA color, dim;
  cairo_t *cr;

  gtk_style_context_get_color (context, &color);
  dim = color;
  dim.alpha *= 0.45;
  get_pad_rect (self, &ox, &oy, &scale);
  line_y = oy + BF_SIGNATURE_PAD_HEIGHT * 0.75 * scale;

  /* The signature line and its cross, as on paper. */
  gtk_snapshot_append_color (snapshot, &dim,
                             &GRAPHENE_RECT_INIT (ox + 24, line_y, BF_SIGNATURE_PAD_WIDTH * scale - 48, 1));

  if (self->strokes->len == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("Sign here"));
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - lw) / 2, line_y + 6));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_source_rgba (cr, dim.red, dim.green, dim.blue, dim.alpha);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, ox + 24, line_y - 14);
  cairo_line_to (cr, ox + 36, line_y - 2);
  cairo_move_to (cr, ox + 36, line_y - 14);
  cairo_line_to (cr, ox + 24, line_y - 2);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &color);
  draw_strokes (self, cr);
  cairo_destroy (cr);
}

static void
bf_signature_pad_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Large enough for a finger; 1:1 with millimetres at about 4 px/mm. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 300;
      *natural = 480;
    }
  else
    {
      *minimum = 100;
      *natural = for_size > 0 ? CLAMP (for_size / 3, 100, 200) : 160;
    }
}

static gboolean
is_pen_event (GtkEventController *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (controller);
  GdkDeviceTool *tool = event != NULL ? gdk_event_get_device_tool (event) : NULL;

  if (tool == NULL)
    return FALSE;
  switch (gdk_device_tool_get_tool_type (tool))
    {
    case GDK_DEVICE_TOOL_TYPE_PEN:
    case GDK_DEVICE_TOOL_TYPE_ERASER:
    case GDK_DEVICE_TOOL_TYPE_BRUSH:
    case GDK_DEVICE_TOOL_TYPE_PENCIL:
    case GDK_DEVICE_TOOL_TYPE_AIRBRUSH:
      return TRUE;
    default:
      return FALSE;
    }
}

static double
stylus_pressure (GtkGestureStylus *gesture)
{
  double value;

  if (gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &value))
    return CLAMP (value, 0.0, 1.0);
  return -1;
}

static void
stylus_down_cb (GtkGestureStylus *gesture,
                double            x,
                double            y,
                BfSignaturePad   *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  bf_signature_pad_begin_stroke (self, x, y, stylus_pressure (gesture));
}

static void
stylus_motion_cb (GtkGestureStylus *gesture,
                  double            x,
                  double            y,
                  BfSignaturePad   *self)
{
  if (self->current != NULL)
    bf_signature_pad_extend_stroke (self, x, y, stylus_pressure (gesture));
}

static void
stylus_up_cb (GtkGestureStylus *gesture,
              double            x,
              double            y,
              BfSignaturePad   *self)
{
  if (self->current != NULL)
    {
      bf_signature_pad_extend_stroke (self, x, y, stylus_pressure (gesture));
      bf_signature_pad_end_stroke (self);
    }
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               BfSignaturePad *self)
{
  if (is_pen_event (GTK_EVENT_CONTROLLER (gesture)) || self->current != NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_x = x;
  self->drag_y = y;
  bf_signature_pad_begin_stroke (self, x, y, -1);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                BfSignaturePad *self)
{
  if (self->current != NULL)
    bf_signature_pad_extend_stroke (self, self->drag_x + dx, self->drag_y + dy, -1);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             BfSignaturePad *self)
{
  if (self->current != NULL)
    bf_signature_pad_end_stroke (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  bf_signature_pad_clear (BF_SIGNATURE_PAD (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bf_signature_pad_undo (BF_SIGNATURE_PAD (widget));
}

static void
notify_empty (BfSignaturePad *self,
              gboolean        was_empty)
{
  gboolean empty = bf_signature_pad_get_empty (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pad.clear", !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pad.undo", !empty);
  if (empty != was_empty)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMPTY]);
}

static void
bf_signature_pad_finalize (GObject *object)
{
  BfSignaturePad *self = BF_SIGNATURE_PAD (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);

  G_OBJECT_CLASS (bf_signature_pad_parent_class)->finalize (object);
}

static void
bf_signature_pad_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BfSignaturePad *self = BF_SIGNATURE_PAD (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, bf_signature_pad_get_empty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_signature_pad_class_init (BfSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bf_signature_pad_finalize;
  object_class->get_property = bf_signature_pad_get_property;
  widget_class->snapshot = bf_signature_pad_snapshot;
  widget_class->measure = bf_signature_pad_measure;

  properties [PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pad.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "pad.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "pad.clear", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "pad.undo", NULL);

  gtk_widget_class_set_css_name (widget_class, "signaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bf_signature_pad_init (BfSignaturePad *self)
{
  GtkGesture *stylus;
  GtkGesture *drag;

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");

  stylus = gtk_gesture_stylus_new ();
  g_signal_connect (stylus, "down", G_CALLBACK (stylus_down_cb), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (stylus_motion_cb), self);
  g_signal_connect (stylus, "up", G_CALLBACK (stylus_up_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (stylus));

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Signature pad"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Draw the signature with a pen, a finger or the mouse. Delete clears it, Ctrl+Z takes back the last stroke."),
                                  -1);
  notify_empty (self, TRUE);
}

GtkWidget *
bf_signature_pad_new (void)
{
  return g_object_new (BF_TYPE_SIGNATURE_PAD, NULL);
}

gboolean
bf_signature_pad_get_empty (BfSignaturePad *self)
{
  g_return_val_if_fail (BF_IS_SIGNATURE_PAD (self), TRUE);
  return self->strokes->len == 0;
}

void
bf_signature_pad_clear (BfSignaturePad *self)
{
  gboolean was_empty;

  g_return_if_fail (BF_IS_SIGNATURE_PAD (self));

  was_empty = bf_signature_pad_get_empty (self);
  self->current = NULL;
  g_ptr_array_set_size (self->strokes, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  notify_empty (self, was_empty);
}

void
bf_signature_pad_undo (BfSignaturePad *self)
{
  g_return_if_fail (BF_IS_SIGNATURE_PAD (self));

  if (self->strokes->len == 0)
    return;
  self->current = NULL;
  g_ptr_array_set_size (self->strokes, self->strokes->len - 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  notify_empty (self, FALSE);
}

/**
 * bf_signature_pad_dup_strokes:
 *
 * Returns: (transfer full) (element-type GArray): a copy of the strokes in
 *   1/10 mm, ready for bf_agreement_sign()
 */
GPtrArray *
bf_signature_pad_dup_strokes (BfSignaturePad *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (BF_IS_SIGNATURE_PAD (self), NULL);

  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < self->strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (self->strokes, i);
      GArray *dup = bf_stroke_new ();

      g_array_append_vals (dup, stroke->data, stroke->len);
      g_ptr_array_add (copy, dup);
    }
  return copy;
}

/**
 * bf_signature_pad_set_strokes:
 * @strokes: (nullable) (element-type GArray): strokes to show, e.g. a
 *   signature already given; copied
 */
void
bf_signature_pad_set_strokes (BfSignaturePad *self,
                              GPtrArray      *strokes)
{
  gboolean was_empty;

  g_return_if_fail (BF_IS_SIGNATURE_PAD (self));

  was_empty = bf_signature_pad_get_empty (self);
  self->current = NULL;
  g_ptr_array_set_size (self->strokes, 0);
  for (guint i = 0; strokes != NULL && i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (strokes, i);
      GArray *dup = bf_stroke_new ();

      g_array_append_vals (dup, stroke->data, stroke->len);
      g_ptr_array_add (self->strokes, dup);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  notify_empty (self, was_empty);
}

void
bf_signature_pad_begin_stroke (BfSignaturePad *self,
                               double          x,
                               double          y,
                               double          pressure)
{
  gboolean was_empty;

  g_return_if_fail (BF_IS_SIGNATURE_PAD (self));

  was_empty = bf_signature_pad_get_empty (self);
  self->current = bf_stroke_new ();
  g_ptr_array_add (self->strokes, self->current);
  self->stroke_start = g_get_monotonic_time ();
  add_point (self, x, y, pressure);
  notify_empty (self, was_empty);
}

void
bf_signature_pad_extend_stroke (BfSignaturePad *self,
                                double          x,
                                double          y,
                                double          pressure)
{
  g_return_if_fail (BF_IS_SIGNATURE_PAD (self));
  g_return_if_fail (self->current != NULL);

  add_point (self, x, y, pressure);
}

void
bf_signature_pad_end_stroke (BfSignaturePad *self)
{
  g_return_if_fail (BF_IS_SIGNATURE_PAD (self));

  self->current = NULL;
}
