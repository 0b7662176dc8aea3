/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "bf-agreement-store.h"
#include "bf-cli.h"
#include "bf-date.h"
#include "bf-demo.h"
#include "bf-share.h"

/* One transaction per batch: SQLite syncs once per commit, so batching is
 * what makes 10,000 agreements quick, while a batch stays small enough
 * that an interrupted run loses little. */
#define BATCH_SIZE 500

/* Often enough to see it move, seldom enough to cost nothing. */
#define PROGRESS_STEP 100

typedef struct
{
  guint states[BF_AGREEMENT_STATE_AVSLATT + 1];
  guint end_reasons[BF_END_REASON_LEIEFORHOLD_AVSLUTTET + 1];
  guint logs[BF_LOG_KIND_BREACH + 1];
} Summary;

static const char * const log_tokens[] = { "visit", "key_use", "evaluation", "breach" };

static void
summary_add (Summary     *summary,
             BfAgreement *agreement)
{
  summary->states[bf_agreement_get_state (agreement)]++;
  summary->end_reasons[bf_agreement_get_end_reason (agreement)]++;
  summary->logs[BF_LOG_KIND_VISIT] += bf_agreement_get_visits (agreement)->len;
  summary->logs[BF_LOG_KIND_KEY_USE] += bf_agreement_get_key_uses (agreement)->len;
  summary->logs[BF_LOG_KIND_EVALUATION] += bf_agreement_get_evaluations (agreement)->len;
  summary->logs[BF_LOG_KIND_BREACH] += bf_agreement_get_breaches (agreement)->len;
}

static const char *
log_label (BfLogKind kind)
{
  switch (kind)
    {
    /* Translators: the four logs of an agreement, in a summary table. */
    case BF_LOG_KIND_VISIT:      return _("Visits");
    case BF_LOG_KIND_KEY_USE:    return _("Key uses");
    case BF_LOG_KIND_EVALUATION: return _("Evaluations");
    case BF_LOG_KIND_BREACH:     return _("Breaches");
    default:                     g_assert_not_reached ();
    }
}

/* printf pads by bytes; labels have æøå, so pad by characters. */
static void
print_row (int         indent,
           const char *label,
           int         width,
           guint       count)
{
  int pad = MAX (0, width - (int) g_utf8_strlen (label, -1));

  g_print ("%*s%s%*s %7u\n", indent, "", label, pad, "", count);
}

static void
print_summary (const Summary *s,
               guint          n,
               guint          skipped,
               guint32        seed,
               const char    *today,
               double         seconds,
               gboolean       json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "agreements");
      json_builder_add_int_value (b, n);
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, skipped);
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, seed);
      json_builder_set_member_name (b, "today");
      json_builder_add_string_value (b, today);
      json_builder_set_member_name (b, "seconds");
      json_builder_add_double_value (b, seconds);
      json_builder_set_member_name (b, "states");
      json_builder_begin_object (b);
      for (guint i = BF_AGREEMENT_STATE_UTKAST; i <= BF_AGREEMENT_STATE_AVSLATT; i++)
        {
          json_builder_set_member_name (b, bf_enum_to_token (BF_ENUM_AGREEMENT_STATE, i));
          json_builder_add_int_value (b, s->states[i]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "end_reasons");
      json_builder_begin_object (b);
      for (guint i = BF_END_REASON_UTLOPT; i <= BF_END_REASON_LEIEFORHOLD_AVSLUTTET; i++)
        {
          json_builder_set_member_name (b, bf_enum_to_token (BF_ENUM_END_REASON, i));
          json_builder_add_int_value (b, s->end_reasons[i]);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "logs");
      json_builder_begin_object (b);
      for (guint i = BF_LOG_KIND_VISIT; i <= BF_LOG_KIND_BREACH; i++)
        {
          json_builder_set_member_name (b, log_tokens[i]);
          json_builder_add_int_value (b, s->logs[i]);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      bf_cli_print_json (node);
      return;
    }

  /* Translators: a count, the seed, a date and a number of seconds. */
  g_print (ngettext ("Added %u agreement (seed %u, today %s) in %.1f s\n",
                     "Added %u agreements (seed %u, today %s) in %.1f s\n", n),
           n, seed, today, seconds);
  if (skipped > 0)
    /* Translators: agreements a run with the same seed and date added before. */
    g_print (ngettext ("Left out %u agreement that the profile already had\n",
                       "Left out %u agreements that the profile already had\n", skipped),
             skipped);
  g_print ("\n%s\n", _("By state:"));
  for (guint i = BF_AGREEMENT_STATE_UTKAST; i <= BF_AGREEMENT_STATE_AVSLATT; i++)
    {
      print_row (2, bf_enum_label_nb (BF_ENUM_AGREEMENT_STATE, i), 26, s->states[i]);
      if (i == BF_AGREEMENT_STATE_AVSLUTTET)
        for (guint r = BF_END_REASON_UTLOPT; r <= BF_END_REASON_LEIEFORHOLD_AVSLUTTET; r++)
          print_row (4, bf_enum_label_nb (BF_ENUM_END_REASON, r), 24, s->end_reasons[r]);
    }
  g_print ("\n%s\n", _("Logs:"));
  for (guint i = BF_LOG_KIND_VISIT; i <= BF_LOG_KIND_BREACH; i++)
    print_row (2, log_label (i), 26, s->logs[i]);
}

/* The time a version was saved is also when the generated agreement was
 * last written, which keeps the store's "updated" column reproducible. */
static gboolean
save_agreement (BfAgreementStore  *store,
                BfAgreement       *agreement,
                GError           **error)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (bf_agreement_get_saved_at (agreement), NULL);

  return bf_agreement_store_save (store, agreement, at, error);
}

/* Making an agreement costs about a third of saving it, so a worker
 * thread makes the next ones while this thread saves, and the two overlap.
 * The worker owns the BfDemo; each agreement crosses over through a queue
 * and is used by one thread at a time. Tokens bound the queue, so memory
 * stays flat whatever N is. */
#define QUEUE_DEPTH 64

typedef struct
{
  BfAgreement *agreement;   /* NULL and no error: the end */
  gboolean     final;       /* FALSE for an earlier version of a revised one */
  GError      *error;
} Item;

typedef struct
{
  BfDemo      *demo;
  guint        n;
  GAsyncQueue *items;       /* of Item* */
  GAsyncQueue *tokens;      /* one per free place in items */
  gint         stop;        /* atomic: the saving side gave up */
} Pipeline;

static void
item_free (Item *item)
{
  g_clear_object (&item->agreement);
  g_clear_error (&item->error);
  g_free (item);
}

static void
pipeline_push (Pipeline    *p,
               BfAgreement *agreement,
               gboolean     final,
               GError      *error)
{
  Item *item = g_new0 (Item, 1);

  item->agreement = agreement;
  item->final = final;
  item->error = error;
  g_async_queue_pop (p->tokens);
  g_async_queue_push (p->items, item);
}

/* Earlier versions of a revised agreement go into the store too, so that
 * its version history is there as well as its last text. The generator
 * goes on changing the agreement, so the saving side gets a copy. */
static void
version_saved_cb (BfDemo      *demo,
                  BfAgreement *agreement,
                  gpointer     user_data)
{
  Pipeline *p = user_data;

  pipeline_push (p, bf_agreement_dup (agreement), FALSE, NULL);
}

static gpointer
generate_thread (gpointer data)
{
  Pipeline *p = data;

  for (guint i = 0; i < p->n && !g_atomic_int_get (&p->stop); i++)
    {
      GError *error = NULL;
      BfAgreement *agreement = bf_demo_generate_agreement (p->demo, i, &error);

      pipeline_push (p, agreement, TRUE, error);
      if (agreement == NULL)
        return NULL;
    }
  pipeline_push (p, NULL, TRUE, NULL);
  return NULL;
}

static int
demo_run (int    argc,
          char **argv)
{
  g_auto(BfCliProfileArgs) args = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfAgreementStore) store = NULL;
  g_autoptr(BfDemo) demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *today_arg = NULL;
  gint64 seed = 1;
  int n = 0;
  gboolean json = FALSE;
  gboolean progress;
  guint done = 0;
  int exit_code = BF_CLI_EXIT_OK;
  Summary summary = { { 0, }, };
  Pipeline pipeline = { NULL, };
  GThread *worker;
  gboolean in_transaction = FALSE;
  guint committed = 0;
  guint skipped = 0;
  g_autoptr(GHashTable) ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate today;
  const GOptionEntry entries[] = {
    { "agreements", 0, 0, G_OPTION_ARG_INT, &n, N_("How many agreements to add"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("The seed; the same seed gives the same agreements (default 1)"), N_("S") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_arg,
      N_("The date the data is relative to, for reproducible output (default: today)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  context = bf_cli_option_context_new ("demo", NULL,
                                       _("Adds synthetic agreements to a profile, for demonstrations and "
                                         "load tests. Every person, address and phone number is made up. "
                                         "The same seed and date give the same agreements. The passphrase "
                                         "is read from the terminal, or as one line from standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  bf_cli_add_profile_options (context, &args, TRUE);
  if (!bf_cli_parse (context, &argc, &argv, &exit_code))
    return exit_code;

  if (argc > 1)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Unexpected argument “%s”; see “bofastctl demo --help”"), argv[1]);
  if (n <= 0 || n > 1000000)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Say how many agreements to add, from 1 to 1000000: --agreements N"));
  if (seed < 0 || seed > G_MAXUINT32)
    return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("The seed must be a whole number from 0 to %u"), G_MAXUINT32);
  if (today_arg != NULL)
    {
      if (!bf_date_parse (today_arg, &today))
        return bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("“%s” is not a date of the form YYYY-MM-DD"), today_arg);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  today_text = bf_date_format (&today);

  profile = bf_cli_resolve_profile (&args, &error);
  if (profile == NULL)
    return bf_cli_fail (error);
  if (!bf_cli_unlock (profile, &error))
    return bf_cli_fail (error);

  /* Each saved agreement and log entry becomes a record sealed to the
   * readers the profile knows. Ask the share for its current members
   * first, when one is known, so that a supervisor enrolled since the last
   * sync can read them; offline, the remembered readers serve. */
  {
    g_autoptr(GError) share_error = NULL;

    if (!bf_share_refresh_readers (bf_profile_get_store (profile), bf_profile_get_unit (profile),
                                   NULL, &share_error))
      /* Translators: a note, not a failure; %s says why. */
      g_printerr (_("bofastctl: note: the share could not be read, so records are sealed to the readers "
                    "known from the last sync: %s\n"), share_error->message);
  }

  store = bf_agreement_store_new (bf_profile_get_store (profile));
  demo = bf_demo_new ((guint32) seed, &today);
  progress = isatty (STDERR_FILENO);
  timer = g_timer_new ();

  pipeline.demo = demo;
  pipeline.n = (guint) n;
  pipeline.items = g_async_queue_new ();
  pipeline.tokens = g_async_queue_new ();
  for (guint i = 0; i < QUEUE_DEPTH; i++)
    g_async_queue_push (pipeline.tokens, GINT_TO_POINTER (1));
  bf_demo_set_version_func (demo, version_saved_cb, &pipeline);
  worker = g_thread_new ("bf-demo", generate_thread, &pipeline);

  for (;;)
    {
      Item *item = g_async_queue_pop (pipeline.items);
      gboolean final = item->final;
      const char *id;
      gboolean ok;

      g_async_queue_push (pipeline.tokens, GINT_TO_POINTER (1));
      if (item->error != NULL || item->agreement == NULL)
        {
          if (item->error != NULL)
            g_propagate_error (&error, g_steal_pointer (&item->error));
          item_free (item);
          break;
        }
      if (!in_transaction && !bf_agreement_store_begin (store, &error))
        {
          item_free (item);
          break;
        }
      in_transaction = TRUE;

      /* The same seed and date make the same agreements, so a second run
       * finds them already there: leave those alone. */
      id = bf_agreement_get_id (item->agreement);
      if (!g_hash_table_contains (ours, id) && bf_agreement_store_contains (store, id))
        {
          ok = TRUE;
          if (final)
            skipped++;
        }
      else
        {
          g_hash_table_add (ours, g_strdup (id));
          ok = save_agreement (store, item->agreement, &error);
          if (ok && final)
            summary_add (&summary, item->agreement);
        }
      if (ok && final)
        done++;
      item_free (item);
      if (!ok)
        break;

      if (final && (done % BATCH_SIZE == 0 || done == (guint) n))
        {
          in_transaction = FALSE;
          if (!bf_agreement_store_commit (store, &error))
            break;
          committed = done;
        }
      if (progress && final && (done % PROGRESS_STEP == 0 || done == (guint) n))
        {
          g_printerr ("\r");
          /* Translators: progress, e.g. "1500 of 10000 agreements…". */
          g_printerr (_("%u of %d agreements…"), done, n);
        }
    }
  if (in_transaction)
    bf_agreement_store_rollback (store);

  /* Let the worker run to its end without waiting for room, then drop
   * whatever it made that was not saved. */
  g_atomic_int_set (&pipeline.stop, TRUE);
  for (guint i = 0; i < QUEUE_DEPTH + 2; i++)
    g_async_queue_push (pipeline.tokens, GINT_TO_POINTER (1));
  g_thread_join (worker);
  for (Item *item; (item = g_async_queue_try_pop (pipeline.items)) != NULL;)
    item_free (item);
  g_async_queue_unref (pipeline.items);
  g_async_queue_unref (pipeline.tokens);

  if (progress)
    g_printerr ("\r\033[K");

  if (error != NULL)
    {
      /* Translators: the number of agreements committed before the error. */
      g_prefix_error (&error, _("Stopped; %u agreements were added before: "), committed);
      return bf_cli_fail (error);
    }

  print_summary (&summary, n - skipped, skipped, (guint32) seed, today_text,
                 g_timer_elapsed (timer, NULL), json);
  return BF_CLI_EXIT_OK;
}

const BfCliGroup bf_cli_demo_group = {
  "demo",
  N_("Add synthetic agreements for demonstrations and load tests."),
  NULL,
  demo_run,
};
