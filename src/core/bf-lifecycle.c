/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-lifecycle"

#include "config.h"

#include <glib/gi18n.h>

#include "bf-lifecycle.h"

G_DEFINE_QUARK (bf-lifecycle-error-quark, bf_lifecycle_error)

typedef struct
{
  BfAgreementState from;
  BfAgreementState to;
} Edge;

static const Edge edges[] = {
  { BF_AGREEMENT_STATE_UTKAST, BF_AGREEMENT_STATE_TIL_SIGNERING },
  { BF_AGREEMENT_STATE_UTKAST, BF_AGREEMENT_STATE_AVSLATT },
  /* Back to a draft when someone wants a change before everyone signed. */
  { BF_AGREEMENT_STATE_TIL_SIGNERING, BF_AGREEMENT_STATE_UTKAST },
  { BF_AGREEMENT_STATE_TIL_SIGNERING, BF_AGREEMENT_STATE_AKTIV },
  /* The tenant may decline when asked to sign (002:922). */
  { BF_AGREEMENT_STATE_TIL_SIGNERING, BF_AGREEMENT_STATE_AVSLATT },
  { BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_TIL_EVALUERING },
  /* A change while active makes a new version that is signed again. */
  { BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_UTKAST },
  /* Consent can be withdrawn, or the tenant can move, at any time. */
  { BF_AGREEMENT_STATE_AKTIV, BF_AGREEMENT_STATE_AVSLUTTET },
  { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_AKTIV },
  { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_UTKAST },
  { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_FORLENGET },
  { BF_AGREEMENT_STATE_TIL_EVALUERING, BF_AGREEMENT_STATE_AVSLUTTET },
  { BF_AGREEMENT_STATE_FORLENGET, BF_AGREEMENT_STATE_TIL_EVALUERING },
  { BF_AGREEMENT_STATE_FORLENGET, BF_AGREEMENT_STATE_UTKAST },
  { BF_AGREEMENT_STATE_FORLENGET, BF_AGREEMENT_STATE_AVSLUTTET },
};

/**
 * bf_lifecycle_can_transition:
 *
 * Checks only the state machine; bf_agreement_transition() adds the
 * conditions that depend on the agreement (signatures, reasons, visits).
 *
 * Returns: %TRUE if @from → @to is an edge of the lifecycle
 */
gboolean
bf_lifecycle_can_transition (BfAgreementState   from,
                             BfAgreementState   to,
                             GError           **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    if (edges[i].from == from && edges[i].to == to)
      return TRUE;

  if (from == BF_AGREEMENT_STATE_AVSLUTTET || from == BF_AGREEMENT_STATE_AVSLATT)
    g_set_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED,
                 _("The agreement is “%s”, which is final; make a new agreement instead."),
                 bf_enum_label_en (BF_ENUM_AGREEMENT_STATE, from));
  else if (to == BF_AGREEMENT_STATE_AVSLATT)
    g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED,
                         _("Only an agreement that has not yet been signed can be declined by the tenant."));
  else if (to == BF_AGREEMENT_STATE_AKTIV && from == BF_AGREEMENT_STATE_UTKAST)
    g_set_error_literal (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED,
                         _("A draft must be sent for signing, and signed by every party, before it becomes active."));
  else
    g_set_error (error, BF_LIFECYCLE_ERROR, BF_LIFECYCLE_ERROR_NOT_ALLOWED,
                 _("An agreement cannot go from “%s” to “%s”."),
                 bf_enum_label_en (BF_ENUM_AGREEMENT_STATE, from),
                 bf_enum_label_en (BF_ENUM_AGREEMENT_STATE, to));
  return FALSE;
}

/* In these states the saved version's text is the one being signed or in
 * force, so it must not change; a change needs a new draft version. */
gboolean
bf_lifecycle_is_text_locked (BfAgreementState state)
{
  return state != BF_AGREEMENT_STATE_UTKAST && state != BF_AGREEMENT_STATE_NONE;
}

/* The agreement is in force: contact and evaluation reminders apply. */
gboolean
bf_lifecycle_is_running (BfAgreementState state)
{
  return state == BF_AGREEMENT_STATE_AKTIV ||
         state == BF_AGREEMENT_STATE_TIL_EVALUERING ||
         state == BF_AGREEMENT_STATE_FORLENGET;
}

gboolean
bf_lifecycle_is_final (BfAgreementState state)
{
  return state == BF_AGREEMENT_STATE_AVSLUTTET || state == BF_AGREEMENT_STATE_AVSLATT;
}
