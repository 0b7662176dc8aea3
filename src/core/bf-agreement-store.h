/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bf-agreement.h"
#include "bf-agreement-item.h"
#include "bf-agreement-json.h"
#include "bf-store.h"

G_BEGIN_DECLS

/*
 * BfAgreementStore keeps agreements in the profile's encrypted database:
 *
 *   agreements          one head row per agreement: the saved agreement as
 *                       canonical JSON plus the columns lists need
 *   agreement_versions  every saved version, immutable (triggers refuse
 *                       UPDATE and DELETE)
 *   agreement_logs      visits, key uses, evaluations, breaches; immutable
 *   agreement_drafts    the unsaved working copy, one per agreement
 *   agreement_fts, agreement_log_fts   full-text search, kept in step in
 *                       the same transaction as every write
 *
 * Nothing is ever deleted, except a draft on request or once it has been
 * saved as a version.
 *
 * Records (bf-feed.h): every write that stores something new also creates
 * its record, in the same transaction, so that a crash or a failing record
 * never leaves one without the other:
 *
 *   agreement.version     a new row in agreement_versions; the body is the
 *                         agreement JSON without logs
 *   agreement.signatures  a save without a new version whose document
 *                         (the head JSON) differs from the stored one: a
 *                         signature, or the state, changed; the body is the
 *                         same whole document. The store tells the two
 *                         apart by whether the version row was inserted,
 *                         then by comparing the canonical JSON
 *   visit, key-use, evaluation, breach
 *                         a log entry inserted for the first time; the body
 *                         is bf_log_entry_to_json()
 *
 * Saving an unchanged agreement, or a log entry already stored, creates
 * nothing. Imports create records the same way. Between
 * bf_agreement_store_begin() and _commit() the author's keys are loaded
 * once for all the records of the transaction.
 *
 * Threads: every call runs on the calling thread with the BfStore's lock
 * held, so calls from several threads are serialised on the one
 * connection (bf-store.h), and each write is one transaction (a SAVEPOINT,
 * so callers may wrap several in their own transaction). The app saves and
 * loads with the _async variants, which do the database work in a GTask
 * thread; the list model's indexed queries (well under a millisecond for a
 * page, about 20 ms for a search over 10,000 agreements) run on the main
 * thread.
 */

#define BF_AGREEMENT_STORE_ERROR (bf_agreement_store_error_quark ())

typedef enum
{
  BF_AGREEMENT_STORE_ERROR_NOT_FOUND,
  BF_AGREEMENT_STORE_ERROR_EXISTS,      /* an import of an id that is already here */
  BF_AGREEMENT_STORE_ERROR_IMMUTABLE,   /* a saved version or log entry would change */
  BF_AGREEMENT_STORE_ERROR_INVALID,     /* the agreement or the file is not consistent */
  BF_AGREEMENT_STORE_ERROR_FAILED,      /* any other database error */
} BfAgreementStoreError;

typedef enum
{
  BF_AGREEMENT_FILTER_ALL,
  BF_AGREEMENT_FILTER_RED_LAMP,          /* R14 */
  BF_AGREEMENT_FILTER_OVERDUE,           /* R15, evaluation */
  BF_AGREEMENT_FILTER_LEASE_EXPIRING,    /* R15, lease */
  BF_AGREEMENT_FILTER_NEEDS_ATTENTION,   /* any of the three */
} BfAgreementFilter;

typedef enum
{
  BF_AGREEMENT_SORT_TENANT_NAME,         /* Norwegian order */
  BF_AGREEMENT_SORT_NEXT_EVALUATION,     /* soonest first */
  BF_AGREEMENT_SORT_LAST_CONTACT,        /* longest without contact first */
  BF_AGREEMENT_SORT_UPDATED,             /* most recently saved first */
} BfAgreementSort;

/* What a list shows. @today is the date the badges and filters judge by;
 * rules never read the clock, so neither does the store. */
typedef struct
{
  const char        *search;     /* nullable: words, each a prefix */
  BfAgreementState   state;      /* BF_AGREEMENT_STATE_NONE: every state */
  BfAgreementFilter  filter;
  BfAgreementSort    sort;
  GDate              today;
} BfAgreementQuery;

typedef struct
{
  guint  version;
  char  *hash;
  char  *saved_at;
} BfAgreementVersionInfo;

#define BF_TYPE_AGREEMENT_STORE (bf_agreement_store_get_type ())

G_DECLARE_FINAL_TYPE (BfAgreementStore, bf_agreement_store, BF, AGREEMENT_STORE, GObject)

GQuark             bf_agreement_store_error_quark  (void);

void               bf_agreement_query_init         (BfAgreementQuery  *query,
                                                    const GDate       *today);

BfAgreementStore  *bf_agreement_store_new          (BfStore           *store);
BfStore           *bf_agreement_store_get_store    (BfAgreementStore  *self);

gboolean           bf_agreement_store_save         (BfAgreementStore  *self,
                                                    BfAgreement       *agreement,
                                                    GDateTime         *now,
                                                    GError           **error);
void               bf_agreement_store_save_async   (BfAgreementStore  *self,
                                                    BfAgreement       *agreement,
                                                    GDateTime         *now,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
gboolean           bf_agreement_store_save_finish  (BfAgreementStore  *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);
gboolean           bf_agreement_store_add_log      (BfAgreementStore  *self,
                                                    BfAgreement       *agreement,
                                                    BfLogKind          kind,
                                                    gpointer           entry,
                                                    GError           **error);
gboolean           bf_agreement_store_contains     (BfAgreementStore  *self,
                                                    const char        *id);
BfAgreement       *bf_agreement_store_load         (BfAgreementStore  *self,
                                                    const char        *id,
                                                    GError           **error);
void               bf_agreement_store_load_async   (BfAgreementStore  *self,
                                                    const char        *id,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
BfAgreement       *bf_agreement_store_load_finish  (BfAgreementStore  *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);
BfAgreement       *bf_agreement_store_load_version (BfAgreementStore  *self,
                                                    const char        *id,
                                                    guint              version,
                                                    GError           **error);
GPtrArray         *bf_agreement_store_list_versions (BfAgreementStore *self,
                                                     const char       *id,
                                                     GError          **error);

gboolean           bf_agreement_store_save_draft   (BfAgreementStore  *self,
                                                    BfAgreement       *agreement,
                                                    GDateTime         *now,
                                                    GError           **error);
BfAgreement       *bf_agreement_store_load_draft   (BfAgreementStore  *self,
                                                    const char        *id,
                                                    GError           **error);
gboolean           bf_agreement_store_discard_draft (BfAgreementStore *self,
                                                     const char       *id,
                                                     GError          **error);

char              *bf_agreement_store_import_json  (BfAgreementStore  *self,
                                                    const char        *data,
                                                    gssize             length,
                                                    GError           **error);
char              *bf_agreement_store_export_json  (BfAgreementStore  *self,
                                                    const char        *id,
                                                    GError           **error);

gboolean           bf_agreement_store_count        (BfAgreementStore  *self,
                                                    const BfAgreementQuery *query,
                                                    guint             *n_items,
                                                    GError           **error);
GPtrArray         *bf_agreement_store_list         (BfAgreementStore  *self,
                                                    const BfAgreementQuery *query,
                                                    guint              offset,
                                                    guint              limit,
                                                    GError           **error);
char              *bf_agreement_store_explain      (BfAgreementStore  *self,
                                                    const BfAgreementQuery *query,
                                                    gboolean           count,
                                                    GError           **error);

gboolean           bf_agreement_store_begin        (BfAgreementStore  *self,
                                                    GError           **error);
gboolean           bf_agreement_store_commit       (BfAgreementStore  *self,
                                                    GError           **error);
void               bf_agreement_store_rollback     (BfAgreementStore  *self);

void               bf_agreement_version_info_free  (BfAgreementVersionInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfAgreementVersionInfo, bf_agreement_version_info_free)

G_END_DECLS
