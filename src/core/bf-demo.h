/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bf-agreement.h"

G_BEGIN_DECLS

/*
 * A deterministic generator of synthetic agreements for demonstrations,
 * screenshots and load tests. Every agreement depends only on the seed, its
 * index and the given "today": the same three give byte-identical canonical
 * JSON, in any order and on every run. The generator never reads the clock.
 *
 * Agreements come in blocks of 100 with a fixed mix of states (most active,
 * some drafts, few ended), so that any 100 consecutive agreements starting
 * at a multiple of 100 contain every state, end reason, log kind and rule
 * situation the app must show.
 */

#define BF_DEMO_ERROR (bf_demo_error_quark ())

typedef enum
{
  BF_DEMO_ERROR_REFUSED,   /* the model refused a step; its rules changed */
} BfDemoError;

#define BF_TYPE_DEMO (bf_demo_get_type ())

G_DECLARE_FINAL_TYPE (BfDemo, bf_demo, BF, DEMO, GObject)

/* How many agreements of each block of BF_DEMO_BLOCK_SIZE have each state. */
#define BF_DEMO_BLOCK_SIZE 100

/* Called with each earlier version of an agreement that is revised while
 * it is being generated, just before it changes, so that a caller can keep
 * the whole version history (e.g. save it to a store). */
typedef void (*BfDemoVersionFunc) (BfDemo      *demo,
                                   BfAgreement *agreement,
                                   gpointer     user_data);

GQuark       bf_demo_error_quark        (void);

BfDemo      *bf_demo_new                (guint32      seed,
                                         const GDate *today);
void         bf_demo_set_version_func   (BfDemo            *self,
                                         BfDemoVersionFunc  func,
                                         gpointer           user_data);
guint32      bf_demo_get_seed           (BfDemo      *self);
void         bf_demo_get_today          (BfDemo      *self,
                                         GDate       *today);
BfAgreement *bf_demo_generate_agreement (BfDemo      *self,
                                         guint        index,
                                         GError     **error);

G_END_DECLS
