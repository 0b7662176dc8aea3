/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bf-sync-controller.h"

G_BEGIN_DECLS

#define BF_TYPE_SYNC_PROBLEMS (bf_sync_problems_get_type ())

G_DECLARE_FINAL_TYPE (BfSyncProblems, bf_sync_problems, BF, SYNC_PROBLEMS, AdwWindow)

BfSyncProblems *bf_sync_problems_new            (GtkWindow        *parent,
                                                 BfSyncController *controller);
char           *bf_sync_problem_dup_explanation (const BfSyncProblem *problem);
char           *bf_sync_problem_dup_title       (const BfSyncProblem *problem);

G_END_DECLS
