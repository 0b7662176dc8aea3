/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-agreement-store.h"

G_BEGIN_DECLS

/*
 * A GListModel of BfAgreementItem over a BfAgreementStore, for the app's
 * agreement list. It caches the count and fetches rows lazily, a page at a
 * time by offset, so that 10,000 agreements cost a count and the pages
 * that are on screen. Setting the search text, the state, the filter, the
 * sort or the date, or calling bf_agreement_list_model_refresh() after a
 * save, recounts and emits items-changed.
 *
 * Threads: the model runs its (indexed, millisecond) queries on the thread
 * that owns it, normally the main thread, through the store's connection
 * and lock; a worker that writes through the same BfStore is serialised by
 * that lock. Call refresh on the owning thread once the worker is done.
 */

#define BF_AGREEMENT_LIST_MODEL_PAGE_SIZE 50

#define BF_TYPE_AGREEMENT_LIST_MODEL (bf_agreement_list_model_get_type ())

G_DECLARE_FINAL_TYPE (BfAgreementListModel, bf_agreement_list_model, BF, AGREEMENT_LIST_MODEL, GObject)

BfAgreementListModel *bf_agreement_list_model_new         (BfAgreementStore     *store);

BfAgreementStore     *bf_agreement_list_model_get_store   (BfAgreementListModel *self);
const char           *bf_agreement_list_model_get_search  (BfAgreementListModel *self);
void                  bf_agreement_list_model_set_search  (BfAgreementListModel *self,
                                                           const char           *search);
BfAgreementState      bf_agreement_list_model_get_state   (BfAgreementListModel *self);
void                  bf_agreement_list_model_set_state   (BfAgreementListModel *self,
                                                           BfAgreementState      state);
BfAgreementFilter     bf_agreement_list_model_get_filter  (BfAgreementListModel *self);
void                  bf_agreement_list_model_set_filter  (BfAgreementListModel *self,
                                                           BfAgreementFilter     filter);
BfAgreementSort       bf_agreement_list_model_get_sort    (BfAgreementListModel *self);
void                  bf_agreement_list_model_set_sort    (BfAgreementListModel *self,
                                                           BfAgreementSort       sort);
void                  bf_agreement_list_model_set_today   (BfAgreementListModel *self,
                                                           const GDate          *today);
void                  bf_agreement_list_model_refresh     (BfAgreementListModel *self);
guint                 bf_agreement_list_model_get_n_fetches (BfAgreementListModel *self);

G_END_DECLS
