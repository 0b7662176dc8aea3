/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bf-enums.h"

G_BEGIN_DECLS

/*
 * The agreement's lifecycle (DOMAIN.md "Lifecycle"):
 *
 *   utkast ──► til_signering ──► aktiv ──► til_evaluering ──► aktiv (videreført)
 *     │  ▲          │   │          │  │          │   ├──► utkast (revidert: a new
 *     │  └──────────┘   │          │  │          │   │    version, signed again)
 *     ▼                 ▼          │  ▼          │   ├──► forlenget ──► til_evaluering
 *   avslatt ◄───────────┘          │  utkast     │   └──► avsluttet
 *                                  └──► avsluttet◄┘
 *
 * A breach is never a state: it is a log entry and a flag on the agreement.
 */

#define BF_LIFECYCLE_ERROR (bf_lifecycle_error_quark ())

typedef enum
{
  BF_LIFECYCLE_ERROR_NOT_ALLOWED,      /* the state machine has no such edge */
  BF_LIFECYCLE_ERROR_NOT_SAVED,        /* the text has changes not saved as a version */
  BF_LIFECYCLE_ERROR_LOCKED,           /* the text is locked for signing */
  BF_LIFECYCLE_ERROR_NOT_SIGNED,       /* a party has not signed this version */
  BF_LIFECYCLE_ERROR_NEEDS_REASON,     /* ending needs a reason */
  BF_LIFECYCLE_ERROR_NEEDS_HOME_VISIT, /* extension without tilsyn/hjemmebesøk (R09) */
  BF_LIFECYCLE_ERROR_BLOCKED,          /* a blocking rule finding */
  BF_LIFECYCLE_ERROR_INVALID,          /* bad argument, e.g. an unknown party */
} BfLifecycleError;

GQuark      bf_lifecycle_error_quark   (void);

gboolean    bf_lifecycle_can_transition (BfAgreementState   from,
                                         BfAgreementState   to,
                                         GError           **error);
gboolean    bf_lifecycle_is_text_locked (BfAgreementState   state);
gboolean    bf_lifecycle_is_running     (BfAgreementState   state);
gboolean    bf_lifecycle_is_final       (BfAgreementState   state);

G_END_DECLS
