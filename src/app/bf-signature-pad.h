/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The pad is a signature box of a fixed physical size, so that strokes are
 * stored in the model's units (1/10 mm) whatever the screen: 120 × 40 mm. */
#define BF_SIGNATURE_PAD_WIDTH  1200
#define BF_SIGNATURE_PAD_HEIGHT 400

#define BF_TYPE_SIGNATURE_PAD (bf_signature_pad_get_type ())

G_DECLARE_FINAL_TYPE (BfSignaturePad, bf_signature_pad, BF, SIGNATURE_PAD, GtkWidget)

GtkWidget *bf_signature_pad_new           (void);
gboolean   bf_signature_pad_get_empty     (BfSignaturePad *self);
void       bf_signature_pad_clear         (BfSignaturePad *self);
void       bf_signature_pad_undo          (BfSignaturePad *self);
GPtrArray *bf_signature_pad_dup_strokes   (BfSignaturePad *self);
void       bf_signature_pad_set_strokes   (BfSignaturePad *self,
                                           GPtrArray      *strokes);

/* What the gestures call, in widget coordinates; @pressure is 0…1, or -1
 * when the device does not tell. Public for tests and other input. */
void       bf_signature_pad_begin_stroke  (BfSignaturePad *self,
                                           double          x,
                                           double          y,
                                           double          pressure);
void       bf_signature_pad_extend_stroke (BfSignaturePad *self,
                                           double          x,
                                           double          y,
                                           double          pressure);
void       bf_signature_pad_end_stroke    (BfSignaturePad *self);

G_END_DECLS
