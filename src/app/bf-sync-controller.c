/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bf-sync-controller"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bf-feed.h"
#include "bf-record.h"
#include "bf-share.h"
#include "bf-store.h"
#include "bf-sync-controller.h"
#include "bf-sync.h"

/*
 * Decides when the open profile syncs with its share, and keeps the state
 * the header bar shows: after unlock, on a timer (GSettings
 * sync-interval-minutes), when GNetworkMonitor says the network came back
 * (debounced, since a network often flaps while it comes up), and on
 * request. Only one job runs at a time; a request during a job runs once
 * more afterwards.
 *
 * Every job runs in a GTask thread and does all of its store and share work
 * there, reading back the counts the status shows too, so the UI thread
 * never waits on the disk or the network.
 *
 * The jobs do not go through bf_sync_run_async(): locking closes the store
 * and wipes the keys, so bf_sync_controller_set_profile (NULL) must know
 * when the worker has really left the store, which the GTask callback (it
 * runs later, from the main loop) cannot tell. Each job is counted in
 * Workers; the lock cancels every job and waits, briefly and with a bound,
 * for the count to reach zero. Cancelled I/O returns at once on local
 * folders and through gvfs, so the wait is normally a few milliseconds.
 */

#define NETWORK_DEBOUNCE_SECONDS 3
#define JOIN_TIMEOUT_SECONDS     30
#define LOCK_WAIT_USEC           (3 * G_USEC_PER_SEC)

typedef struct
{
  gatomicrefcount ref_count;
  GMutex          mutex;
  GCond           cond;
  guint           active;
} Workers;

struct _BfSyncController
{
  GObject           parent_instance;

  /* Owned */
  BfProfile        *profile;
  GCancellable     *session;          /* cancelled when the profile goes */
  GNetworkMonitor  *monitor;          /* borrowed from GIO, but we hold a ref */
  Workers          *workers;
  GHashTable       *reported;         /* "author/seq" of pulled records already announced */
  char             *share_uri;
  char             *error_message;
  GDateTime        *last_success;
  GPtrArray        *problems;         /* (element-type BfSyncProblem) */
  guint             problem_count;
  guint             pending;
  guint             interval_minutes;
  guint             timer_id;
  guint             debounce_id;
  guint             generation;
  BfSyncState       state;
  BfSyncState       state_before;     /* shown again when a sync is cancelled */
  gboolean          busy;
  gboolean          again;
  gboolean          has_share;
};

G_DEFINE_FINAL_TYPE (BfSyncController, bf_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERVAL_MINUTES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  CHANGED,
  PULLED,
  NEW_PROBLEMS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef enum
{
  JOB_SYNC,
  JOB_JOIN,
} JobKind;

typedef struct
{
  JobKind       kind;
  Workers      *workers;
  BfStore      *store;
  char         *name;
  char         *unit;
  char         *location;             /* join only */
  GCancellable *inner;
  GCancellable *outer;                /* the caller's, for a join */
  gulong        outer_id;
  GCancellable *session;
  gulong        session_id;
  GSource      *timeout;
  guint         timeout_seconds;
  gint          timed_out;            /* atomic */
  guint         generation;
  gboolean      network_available;
} Job;

typedef struct
{
  char          *uri;
  char          *last_success;
  gint64         pending;
  GPtrArray     *problems;
  GPtrArray     *pulled;              /* (element-type utf8): "author/seq subject" */
  GError        *sync_error;
  guint          problems_before;     /* alarms and quarantined before this sync */
  gboolean       synced;
  char          *member_id;
  char          *fingerprint;
  char          *org_name;
} JobResult;

static void bf_sync_controller_start (BfSyncController *self,
                                      JobKind           kind);

static Workers *
workers_new (void)
{
  Workers *w = g_new0 (Workers, 1);

  g_atomic_ref_count_init (&w->ref_count);
  g_mutex_init (&w->mutex);
  g_cond_init (&w->cond);
  return w;
}

static Workers *
workers_ref (Workers *w)
{
  g_atomic_ref_count_inc (&w->ref_count);
  return w;
}

static void
workers_unref (Workers *w)
{
  if (g_atomic_ref_count_dec (&w->ref_count))
    {
      g_mutex_clear (&w->mutex);
      g_cond_clear (&w->cond);
      g_free (w);
    }
}

static void
workers_enter (Workers *w)
{
  g_mutex_lock (&w->mutex);
  w->active++;
  g_mutex_unlock (&w->mutex);
}

static void
workers_leave (Workers *w)
{
  g_mutex_lock (&w->mutex);
  g_assert (w->active > 0);
  w->active--;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->mutex);
}

/* Returns FALSE when a worker is still inside after the bound. */
static gboolean
workers_wait_idle (Workers *w,
                   gint64   usec)
{
  gint64 end = g_get_monotonic_time () + usec;
  gboolean idle;

  g_mutex_lock (&w->mutex);
  while (w->active > 0)
    if (!g_cond_wait_until (&w->cond, &w->mutex, end))
      break;
  idle = w->active == 0;
  g_mutex_unlock (&w->mutex);
  return idle;
}

static void
problem_free (BfSyncProblem *p)
{
  g_free (p->author);
  g_free (p->author_name);
  g_free (p->reason);
  g_free (p);
}

static void
job_result_free (JobResult *r)
{
  g_free (r->uri);
  g_free (r->last_success);
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_pointer (&r->pulled, g_ptr_array_unref);
  g_clear_error (&r->sync_error);
  g_free (r->member_id);
  g_free (r->fingerprint);
  g_free (r->org_name);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JobResult, job_result_free)

static void
job_free (Job *job)
{
  if (job->timeout != NULL)
    {
      g_source_destroy (job->timeout);
      g_source_unref (job->timeout);
    }
  if (job->outer != NULL && job->outer_id != 0)
    g_cancellable_disconnect (job->outer, job->outer_id);
  if (job->session != NULL && job->session_id != 0)
    g_cancellable_disconnect (job->session, job->session_id);
  g_clear_object (&job->outer);
  g_clear_object (&job->session);
  g_clear_object (&job->inner);
  g_clear_object (&job->store);
  g_clear_pointer (&job->workers, workers_unref);
  g_free (job->name);
  g_free (job->unit);
  g_free (job->location);
  g_free (job);
}

/**
 * bf_sync_location_to_file:
 * @location: what the user typed or chose: a GIO URI (dav://, davs://,
 *   smb://, sftp://, file://) or a path, possibly starting with ~
 *
 * Returns: (transfer full) (nullable): the share's root, or %NULL for an
 *   empty location
 */
GFile *
bf_sync_location_to_file (const char *location)
{
  g_autofree char *trimmed = NULL;

  if (location == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (location));
  if (trimmed[0] == '\0')
    return NULL;

  if (trimmed[0] == '~' && (trimmed[1] == '\0' || trimmed[1] == '/'))
    {
      g_autofree char *path = g_build_filename (g_get_home_dir (), trimmed + 1, NULL);
      return g_file_new_for_path (path);
    }
  if (strstr (trimmed, "://") != NULL)
    return g_file_new_for_uri (trimmed);
  return g_file_new_for_commandline_arg (trimmed);
}

/* "<kind> <author>/<seq>: <reason>", as bf_sync_dup_problems() writes it. */
static BfSyncProblem *
parse_problem (const char *line,
               const char *me)
{
  g_autoptr(GError) error = NULL;
  const char *space = strchr (line, ' ');
  const char *slash;
  const char *colon;
  BfSyncProblem *p;
  g_autofree char *kind = NULL;

  if (space == NULL || (slash = strchr (space, '/')) == NULL || (colon = strstr (slash, ": ")) == NULL)
    return NULL;

  kind = g_strndup (line, space - line);
  p = g_new0 (BfSyncProblem, 1);
  if (g_str_equal (kind, "quarantine"))
    p->kind = BF_SYNC_PROBLEM_QUARANTINE;
  else if (g_str_equal (kind, "fork"))
    p->kind = BF_SYNC_PROBLEM_FORK;
  else
    p->kind = BF_SYNC_PROBLEM_TAMPER;
  p->author = g_strndup (space + 1, slash - space - 1);
  p->seq = g_ascii_strtoll (slash + 1, NULL, 10);
  p->reason = g_strdup (colon + 2);
  p->mine = me != NULL && g_str_equal (p->author, me);
  return p;
}

/* Reads what the status shows. Runs in the worker. */
static void
job_read_state (Job        *job,
                JobResult  *result,
                GHashTable *names)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *me = NULL;

  if (g_cancellable_is_cancelled (job->inner))
    return;

  g_free (result->uri);
  result->uri = bf_store_dup_meta (job->store, BF_SHARE_META_URI, NULL);
  result->last_success = bf_store_dup_meta (job->store, BF_SYNC_META_LAST_SUCCESS, NULL);
  result->pending = bf_feed_count_unpushed (job->store, NULL);
  me = bf_feed_dup_member_id (job->store, NULL);

  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  lines = bf_sync_dup_problems (job->store, NULL);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      BfSyncProblem *p = parse_problem (g_ptr_array_index (lines, i), me);

      if (p == NULL)
        continue;
      if (names != NULL)
        p->author_name = g_strdup (g_hash_table_lookup (names, p->author));
      g_ptr_array_add (result->problems, p);
    }
}

/* Member names, so a problem can say whose record it is. Best effort: the
 * share was just reached, and the member files are small. */
static GHashTable *
job_load_names (Job   *job,
                GFile *root)
{
  g_autoptr(BfShare) share = NULL;
  g_autoptr(GPtrArray) members = NULL;
  GHashTable *names;

  share = bf_share_open (root, job->inner, NULL);
  if (share == NULL || !bf_share_load_members (share, NULL, job->inner, NULL))
    return NULL;

  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = bf_share_list_members (share);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      BfMember *m = g_ptr_array_index (members, i);
      g_hash_table_insert (names, g_strdup (m->id), g_strdup (m->name));
    }
  return names;
}

/* Records from others that were addressed to us and concern our work:
 * reviews and transfers. The main thread filters the ones it announced. */
static GPtrArray *
job_list_pulled (Job *job)
{
  g_autoptr(GPtrArray) records = bf_sync_list_pulled (job->store, NULL, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      BfRecord *r = g_ptr_array_index (records, i);
      BfRecordKind kind = bf_record_get_kind (r);

      if ((kind != BF_RECORD_KIND_REVIEW && kind != BF_RECORD_KIND_TRANSFER) ||
          bf_record_get_body (r) == NULL)
        continue;
      g_ptr_array_add (out, g_strdup_printf ("%s/%" G_GINT64_FORMAT " %s",
                                             bf_record_get_author (r),
                                             bf_record_get_seq (r),
                                             bf_record_get_subject (r)));
    }
  return out;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(JobResult) result = g_new0 (JobResult, 1);
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GFile) root = NULL;
  GError *error = NULL;

  /* Counted since it was queued; a job cancelled before it started leaves
   * without touching the store, which may be closed by now. */
  if (g_cancellable_set_error_if_cancelled (job->inner, &error))
    goto out;

  if (job->kind == JOB_JOIN)
    {
      g_autoptr(BfShare) share = NULL;

      root = bf_sync_location_to_file (job->location);
      share = bf_share_open (root, job->inner, &error);
      if (share == NULL ||
          !bf_share_load_members (share, NULL, job->inner, &error) ||
          !bf_share_write_request (share, job->store, job->name, job->unit, NULL,
                                   &result->member_id, &result->fingerprint, job->inner, &error) ||
          !bf_share_remember (share, job->store, job->unit, NULL, &error))
        goto out;
      result->org_name = g_strdup (bf_share_get_org_name (share));
      job_read_state (job, result, NULL);
      goto out;
    }

  result->uri = bf_store_dup_meta (job->store, BF_SHARE_META_URI, NULL);
  if (job->kind == JOB_SYNC && result->uri != NULL)
    {
      g_autoptr(BfSyncSummary) summary = NULL;

      root = g_file_new_for_uri (result->uri);
      result->problems_before = bf_sync_count_alarms (job->store) + bf_sync_count_quarantined (job->store);

      /* A mapped drive or a synced cloud folder works without a network;
       * anything reached through gvfs does not, and is not tried. */
      if (!job->network_available && !g_file_is_native (root))
        g_set_error_literal (&result->sync_error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE,
                             _("There is no network connection"));
      else
        summary = bf_sync_run (job->store, root, job->unit, job->inner, &result->sync_error);

      if (summary == NULL && g_atomic_int_get (&job->timed_out))
        {
          g_clear_error (&result->sync_error);
          g_set_error (&result->sync_error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE,
                       _("The share did not answer within %u seconds"), job->timeout_seconds);
        }
      else if (summary == NULL && g_cancellable_is_cancelled (job->inner))
        {
          g_clear_error (&result->sync_error);
          g_cancellable_set_error_if_cancelled (job->inner, &error);
          goto out;
        }

      if (summary != NULL)
        {
          result->synced = TRUE;
          if (summary->readable > 0)
            result->pulled = job_list_pulled (job);
          if (bf_sync_count_alarms (job->store) + bf_sync_count_quarantined (job->store) > 0)
            names = job_load_names (job, root);
        }
    }

  job_read_state (job, result, names);

out:
  /* Nothing below touches the store. */
  workers_leave (job->workers);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) job_result_free);
}

static gboolean
job_timeout_cb (gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->timed_out, TRUE);
  g_cancellable_cancel (job->inner);
  return G_SOURCE_REMOVE;
}

static void
chain_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static Job *
job_new (BfSyncController *self,
         JobKind           kind,
         GCancellable     *outer)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->workers = workers_ref (self->workers);
  job->store = g_object_ref (bf_profile_get_store (self->profile));
  job->name = g_strdup (bf_profile_get_name (self->profile));
  job->unit = g_strdup (bf_profile_get_unit (self->profile));
  job->inner = g_cancellable_new ();
  job->generation = self->generation;
  job->network_available = g_network_monitor_get_network_available (self->monitor);
  job->timeout_seconds = kind == JOB_JOIN ? JOIN_TIMEOUT_SECONDS : BF_SYNC_DEFAULT_TIMEOUT;

  job->session = g_object_ref (self->session);
  job->session_id = g_cancellable_connect (job->session, G_CALLBACK (chain_cancelled_cb),
                                           g_object_ref (job->inner), g_object_unref);
  if (outer != NULL)
    {
      job->outer = g_object_ref (outer);
      job->outer_id = g_cancellable_connect (outer, G_CALLBACK (chain_cancelled_cb),
                                             g_object_ref (job->inner), g_object_unref);
    }

  job->timeout = g_timeout_source_new_seconds (job->timeout_seconds);
  g_source_set_callback (job->timeout, job_timeout_cb, job, NULL);
  g_source_attach (job->timeout, g_main_context_get_thread_default ());

  return job;
}

static void
set_state (BfSyncController *self,
           BfSyncState       state)
{
  self->state = state;
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
apply_result (BfSyncController *self,
              JobResult        *result)
{
  BfSyncState state;

  g_clear_pointer (&self->share_uri, g_free);
  self->share_uri = g_strdup (result->uri);
  self->has_share = result->uri != NULL;
  g_clear_pointer (&self->last_success, g_date_time_unref);
  if (result->last_success != NULL)
    self->last_success = g_date_time_new_from_iso8601 (result->last_success, NULL);
  self->pending = result->pending > 0 ? (guint) result->pending : 0;
  if (result->problems != NULL)
    {
      g_clear_pointer (&self->problems, g_ptr_array_unref);
      self->problems = g_ptr_array_ref (result->problems);
      self->problem_count = self->problems->len;
    }
  g_clear_pointer (&self->error_message, g_free);

  if (!self->has_share)
    state = BF_SYNC_STATE_NO_SHARE;
  else if (result->sync_error != NULL)
    {
      self->error_message = g_strdup (result->sync_error->message);
      if (g_error_matches (result->sync_error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE) ||
          g_error_matches (result->sync_error, BF_SHARE_ERROR, BF_SHARE_ERROR_NOT_FOUND))
        state = BF_SYNC_STATE_OFFLINE;
      else if (g_error_matches (result->sync_error, BF_SHARE_ERROR, BF_SHARE_ERROR_READ_ONLY))
        state = BF_SYNC_STATE_READ_ONLY;
      else
        state = BF_SYNC_STATE_ERROR;
      g_debug ("Sync failed: %s", result->sync_error->message);
    }
  else if (self->problem_count > 0)
    state = BF_SYNC_STATE_PROBLEM;
  else if (self->last_success == NULL)
    state = BF_SYNC_STATE_NEVER;
  else if (self->pending > 0)
    state = BF_SYNC_STATE_PENDING;
  else
    state = BF_SYNC_STATE_UP_TO_DATE;

  set_state (self, state);

  /* Counted in the worker around the sync itself, so problems already
   * known are not announced again at every unlock. */
  if (result->synced && result->problems != NULL && result->problems->len > result->problems_before)
    g_signal_emit (self, signals [NEW_PROBLEMS], 0, result->problems->len - result->problems_before);

  if (result->pulled != NULL)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < result->pulled->len; i++)
        {
          const char *line = g_ptr_array_index (result->pulled, i);
          const char *space = strchr (line, ' ');
          g_autofree char *key = g_strndup (line, space - line);

          if (g_hash_table_contains (self->reported, key))
            continue;
          g_hash_table_add (self->reported, g_steal_pointer (&key));
          if (!g_ptr_array_find_with_equal_func (ids, space + 1, g_str_equal, NULL))
            g_ptr_array_add (ids, g_strdup (space + 1));
        }
      if (ids->len > 0)
        {
          g_ptr_array_add (ids, NULL);
          g_signal_emit (self, signals [PULLED], 0, (const char * const *) ids->pdata);
        }
    }
}

static void
job_done (BfSyncController *self,
          GTask            *task,
          Job              *job)
{
  self->busy = FALSE;

  if (self->again && self->profile != NULL)
    {
      self->again = FALSE;
      bf_sync_controller_start (self, JOB_SYNC);
    }
}

static void
job_cb (GObject      *object,
        GAsyncResult *res,
        gpointer      user_data)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);
  GTask *task = G_TASK (res);
  Job *job = g_task_get_task_data (task);
  g_autoptr(JobResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* From a session that has since been locked: nothing to show. */
  if (job->generation != self->generation)
    return;

  result = g_task_propagate_pointer (task, &error);
  if (result != NULL)
    apply_result (self, result);
  else
    set_state (self, self->state_before);

  job_done (self, task, job);
}

static void
bf_sync_controller_start (BfSyncController *self,
                          JobKind           kind)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_assert (self->profile != NULL);

  if (self->busy)
    {
      if (kind == JOB_SYNC)
        self->again = TRUE;
      return;
    }

  self->busy = TRUE;
  job = job_new (self, kind, NULL);
  task = g_task_new (self, NULL, job_cb, NULL);
  g_task_set_source_tag (task, bf_sync_controller_start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  workers_enter (self->workers);
  g_task_run_in_thread (task, job_thread);

  if (kind == JOB_SYNC && self->has_share)
    {
      self->state_before = self->state;
      set_state (self, BF_SYNC_STATE_SYNCING);
    }
}

static gboolean
timer_cb (gpointer user_data)
{
  BfSyncController *self = user_data;

  if (self->profile != NULL && self->has_share)
    bf_sync_controller_start (self, JOB_SYNC);
  return G_SOURCE_CONTINUE;
}

static void
bf_sync_controller_rearm (BfSyncController *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->profile != NULL && self->interval_minutes > 0)
    self->timer_id = g_timeout_add_seconds (self->interval_minutes * 60, timer_cb, self);
}

static gboolean
debounce_cb (gpointer user_data)
{
  BfSyncController *self = user_data;

  self->debounce_id = 0;
  if (self->profile != NULL && self->has_share)
    bf_sync_controller_start (self, JOB_SYNC);
  return G_SOURCE_REMOVE;
}

static void
network_changed_cb (BfSyncController *self,
                    GParamSpec       *pspec,
                    GNetworkMonitor  *monitor)
{
  if (self->profile == NULL)
    return;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (g_network_monitor_get_network_available (monitor))
    self->debounce_id = g_timeout_add_seconds (NETWORK_DEBOUNCE_SECONDS, debounce_cb, self);
  else if (self->has_share && !self->busy && self->share_uri != NULL &&
           !g_str_has_prefix (self->share_uri, "file:"))
    {
      g_clear_pointer (&self->error_message, g_free);
      self->error_message = g_strdup (_("There is no network connection"));
      set_state (self, BF_SYNC_STATE_OFFLINE);
    }
}

static void
bf_sync_controller_dispose (GObject *object)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);

  bf_sync_controller_set_profile (self, NULL);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (bf_sync_controller_parent_class)->dispose (object);
}

static void
bf_sync_controller_finalize (GObject *object)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->workers, workers_unref);
  g_clear_pointer (&self->reported, g_hash_table_unref);

  G_OBJECT_CLASS (bf_sync_controller_parent_class)->finalize (object);
}

static void
bf_sync_controller_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL_MINUTES:
      g_value_set_int (value, self->interval_minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_controller_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL_MINUTES:
      bf_sync_controller_set_interval_minutes (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bf_sync_controller_class_init (BfSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bf_sync_controller_dispose;
  object_class->finalize = bf_sync_controller_finalize;
  object_class->get_property = bf_sync_controller_get_property;
  object_class->set_property = bf_sync_controller_set_property;

  /* An int, so g_settings_bind() maps the "i" key directly. */
  properties [PROP_INTERVAL_MINUTES] =
    g_param_spec_int ("interval-minutes", NULL, NULL, 0, 24 * 60, 15,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BfSyncController::changed:
   *
   * The state, the counts or the last success changed.
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * BfSyncController::pulled:
   * @agreement_ids: the agreements concerned
   *
   * A sync brought records from others that were addressed to this member
   * and concern their agreements (reviews, transfers), each announced once
   * per session. Read them with bf_sync_list_pulled().
   */
  signals [PULLED] =
    g_signal_new ("pulled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  /**
   * BfSyncController::new-problems:
   * @count: how many alarms or quarantined records this sync added
   */
  signals [NEW_PROBLEMS] =
    g_signal_new ("new-problems", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
bf_sync_controller_init (BfSyncController *self)
{
  self->workers = workers_new ();
  self->session = g_cancellable_new ();
  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->interval_minutes = 15;
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "notify::network-available",
                           G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
}

BfSyncController *
bf_sync_controller_new (void)
{
  return g_object_new (BF_TYPE_SYNC_CONTROLLER, NULL);
}

/**
 * bf_sync_controller_set_profile:
 * @profile: (nullable): the open profile, or %NULL before it is locked
 *
 * With a profile, reads the sync state and syncs at once when a share is
 * known. With %NULL, cancels any job, waits (bounded) for its worker to
 * leave the store, and forgets every piece of state, so nothing of the
 * closed profile stays in memory or on screen.
 */
void
bf_sync_controller_set_profile (BfSyncController *self,
                                BfProfile        *profile)
{
  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (!profile || (BF_IS_PROFILE (profile) && !bf_profile_get_locked (profile)));

  if (profile == self->profile)
    return;

  if (self->profile != NULL)
    {
      g_cancellable_cancel (self->session);
      if (!workers_wait_idle (self->workers, LOCK_WAIT_USEC))
        g_warning ("A sync did not stop within %d s of being cancelled", (int) (LOCK_WAIT_USEC / G_USEC_PER_SEC));
      g_clear_object (&self->session);
      self->session = g_cancellable_new ();
      self->generation++;
      g_clear_handle_id (&self->timer_id, g_source_remove);
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      g_clear_object (&self->profile);
      g_clear_pointer (&self->share_uri, g_free);
      g_clear_pointer (&self->error_message, g_free);
      g_clear_pointer (&self->last_success, g_date_time_unref);
      g_clear_pointer (&self->problems, g_ptr_array_unref);
      g_hash_table_remove_all (self->reported);
      self->problem_count = 0;
      self->pending = 0;
      self->busy = FALSE;
      self->again = FALSE;
      self->has_share = FALSE;
      set_state (self, BF_SYNC_STATE_NO_SHARE);
    }

  if (profile == NULL)
    return;

  self->profile = g_object_ref (profile);
  bf_sync_controller_rearm (self);
  /* A sync when a share is known; a refresh otherwise. The worker finds
   * out which, so the UI thread does not read the store. */
  self->has_share = TRUE;
  bf_sync_controller_start (self, JOB_SYNC);
}

BfProfile *
bf_sync_controller_get_profile (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), NULL);
  return self->profile;
}

/**
 * bf_sync_controller_sync_now:
 *
 * Syncs now, or once more right after the sync that is running.
 */
void
bf_sync_controller_sync_now (BfSyncController *self)
{
  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));

  if (self->profile == NULL || !self->has_share)
    return;
  bf_sync_controller_start (self, JOB_SYNC);
  /* The interval counts from the last sync. */
  bf_sync_controller_rearm (self);
}

BfSyncState
bf_sync_controller_get_state (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), BF_SYNC_STATE_NO_SHARE);
  return self->state;
}

gboolean
bf_sync_controller_get_busy (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), FALSE);
  return self->busy;
}

gboolean
bf_sync_controller_get_has_share (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), FALSE);
  return self->profile != NULL && self->share_uri != NULL;
}

const char *
bf_sync_controller_get_share_uri (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), NULL);
  return self->share_uri;
}

/**
 * bf_sync_controller_get_last_success:
 *
 * Returns: (nullable) (transfer none): when a sync last succeeded
 */
GDateTime *
bf_sync_controller_get_last_success (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), NULL);
  return self->last_success;
}

guint
bf_sync_controller_get_pending (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), 0);
  return self->pending;
}

const char *
bf_sync_controller_get_error_message (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), NULL);
  return self->error_message;
}

/**
 * bf_sync_controller_get_problems:
 *
 * Returns: (nullable) (transfer none) (element-type BfSyncProblem): every
 *   alarm and quarantined record, newest first
 */
GPtrArray *
bf_sync_controller_get_problems (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), NULL);
  return self->problems;
}

guint
bf_sync_controller_get_interval_minutes (BfSyncController *self)
{
  g_return_val_if_fail (BF_IS_SYNC_CONTROLLER (self), 0);
  return self->interval_minutes;
}

void
bf_sync_controller_set_interval_minutes (BfSyncController *self,
                                         guint             minutes)
{
  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));

  if (self->interval_minutes == minutes)
    return;
  self->interval_minutes = minutes;
  bf_sync_controller_rearm (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTERVAL_MINUTES]);
}

static void
join_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  BfSyncController *self = BF_SYNC_CONTROLLER (object);
  g_autoptr(GTask) outer = user_data;
  GTask *task = G_TASK (res);
  Job *job = g_task_get_task_data (task);
  JobResult *result;
  GError *error = NULL;

  result = g_task_propagate_pointer (task, &error);

  if (job->generation == self->generation)
    {
      if (result != NULL)
        apply_result (self, result);
      /* Now that the share is known, sync: the recipients and, once the
       * administrator has enrolled us, the records. */
      if (result != NULL)
        self->again = TRUE;
      job_done (self, task, job);
    }

  if (result == NULL)
    {
      if (g_atomic_int_get (&job->timed_out))
        {
          g_clear_error (&error);
          g_set_error (&error, BF_SHARE_ERROR, BF_SHARE_ERROR_UNREACHABLE,
                       _("The share did not answer within %u seconds"), job->timeout_seconds);
        }
      g_task_return_error (outer, error);
    }
  else
    g_task_return_pointer (outer, result, (GDestroyNotify) job_result_free);
}

/**
 * bf_sync_controller_join_async:
 * @location: a folder path or a GIO URI
 *
 * Asks to join the share at @location with this profile's keys: writes the
 * enrolment request and remembers the share. Gives up after 30 seconds. A
 * sync that is running is cancelled first, since the share changes.
 */
void
bf_sync_controller_join_async (BfSyncController    *self,
                               const char          *location,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (BF_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (location != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, bf_sync_controller_join_async);

  if (self->profile == NULL)
    {
      g_task_return_new_error (outer, BF_PROFILE_ERROR, BF_PROFILE_ERROR_LOCKED,
                               _("The profile is locked"));
      return;
    }

  /* The join takes over: a running sync (with the old share, if any)
   * stops, and its result is dropped. */
  if (self->busy)
    {
      g_cancellable_cancel (self->session);
      g_clear_object (&self->session);
      self->session = g_cancellable_new ();
      self->generation++;
      self->again = FALSE;
    }

  self->busy = TRUE;
  job = job_new (self, JOB_JOIN, cancellable);
  job->location = g_strdup (location);
  task = g_task_new (self, NULL, join_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, bf_sync_controller_join_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  workers_enter (self->workers);
  g_task_run_in_thread (task, job_thread);
}

gboolean
bf_sync_controller_join_finish (BfSyncController  *self,
                                GAsyncResult      *result,
                                char             **out_member_id,
                                char             **out_fingerprint,
                                char             **out_org_name,
                                GError           **error)
{
  JobResult *r;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return FALSE;

  if (out_member_id)
    *out_member_id = g_steal_pointer (&r->member_id);
  if (out_fingerprint)
    *out_fingerprint = g_steal_pointer (&r->fingerprint);
  if (out_org_name)
    *out_org_name = g_steal_pointer (&r->org_name);
  job_result_free (r);
  return TRUE;
}
