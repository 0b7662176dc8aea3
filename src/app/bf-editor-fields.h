/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bf-agreement.h"

G_BEGIN_DECLS

/*
 * The fixed fields of the editor as data: which section a field is in, its
 * JSON path (the path rule findings name), its label, what kind of control
 * edits it and where in the agreement's structs it lives. The editor builds
 * its rows from this table and binds them to the agreement with it, so a
 * field is described once.
 */

typedef enum
{
  BF_FIELD_GROUP,      /* starts a titled group; no value */
  BF_FIELD_TEXT,       /* one line: AdwEntryRow */
  BF_FIELD_MULTI,      /* free text: GtkTextView */
  BF_FIELD_LINES,      /* a list of strings, one per line: GtkTextView */
  BF_FIELD_DATE,       /* BfDateRow */
  BF_FIELD_BOOL,       /* yes/no: AdwActionRow + GtkSwitch */
  BF_FIELD_CHECK,      /* one of several situations: AdwActionRow + GtkCheckButton */
  BF_FIELD_ENUM,       /* AdwComboRow + GtkStringList */
  BF_FIELD_UINT,       /* AdwActionRow + GtkSpinButton */
} BfFieldKind;

typedef enum
{
  BF_FIELD_BASE_NONE,
  BF_FIELD_BASE_HEADER,
  BF_FIELD_BASE_BACKGROUND,
  BF_FIELD_BASE_KEY_ACCESS,
  BF_FIELD_BASE_EVALUATION,
  BF_FIELD_BASE_DURATION,
  BF_FIELD_BASE_CONSENT,
  BF_FIELD_BASE_RESPONSIBILITY,
  BF_FIELD_BASE_BREACH,
} BfFieldBase;

typedef struct
{
  BfSection    section;
  BfFieldKind  kind;
  const char  *path;
  const char  *label;      /* N_(): English source string */
  const char  *subtitle;   /* N_(), nullable: a short help */
  BfFieldBase  base;
  gsize        offset;
  BfEnumKind   enum_kind;
  guint        max;        /* BF_FIELD_UINT */
  gboolean     with_check; /* BF_FIELD_UINT: a check box, 0 when off */
} BfField;

const BfField *bf_editor_fields_get     (guint       *n_fields);
gpointer       bf_editor_field_location (const BfField *field,
                                         BfAgreement   *agreement);

G_END_DECLS
