/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <unistd.h>

#include "bf-agreement-store.h"
#include "bf-cli.h"
#include "bf-date.h"
#include "bf-demo.h"

/* One transaction per batch: SQLite syncs once per commit, so batching is
 * what makes 10,000 agreements quick, while a batch stays small enough
 * that an interrupted run loses little. */
#define BATCH_SIZE 500

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

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, BF_AGREEMENT_STORE_ERROR, BF_AGREEMENT_STORE_ERROR_FAILED,
                   _("The database could not be updated: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
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

typedef struct
{
  BfAgreementStore *store;
  GError           *error;
} VersionData;

/* Earlier versions of a revised agreement go into the store as they are
 * saved, so that its version history is there as well as its last text. */
static void
version_saved_cb (BfDemo      *demo,
                  BfAgreement *agreement,
                  gpointer     user_data)
{
  VersionData *data = user_data;

  if (data->error == NULL)
    save_agreement (data->store, agreement, &data->error);
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
  VersionData version_data = { NULL, NULL };
  BfStore *db_store;
  sqlite3 *db;
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

  db_store = bf_profile_get_store (profile);
  db = bf_store_get_db (db_store);
  store = bf_agreement_store_new (db_store);
  demo = bf_demo_new ((guint32) seed, &today);
  version_data.store = store;
  bf_demo_set_version_func (demo, version_saved_cb, &version_data);
  progress = isatty (STDERR_FILENO);
  timer = g_timer_new ();

  /* A bulk insert touches index pages all over the file (ids are random
   * UUIDs, and the search index grows with every row); with SQLCipher each
   * cache miss is a read and a decryption, so a larger page cache for
   * this connection keeps the cost per agreement flat as the store grows. */
  sqlite3_exec (db, "PRAGMA cache_size = -131072;", NULL, NULL, NULL);

  /* Hold the store's lock across each batch: the agreement store's own
   * savepoints nest inside our transaction. */
  bf_store_lock (db_store);
  for (int i = 0; i < n && error == NULL; i++)
    {
      g_autoptr(BfAgreement) agreement = NULL;

      if (i % BATCH_SIZE == 0 && !exec_sql (db, "BEGIN IMMEDIATE;", &error))
        break;

      agreement = bf_demo_generate_agreement (demo, i, &error);
      if (agreement == NULL)
        break;
      if (version_data.error != NULL)
        {
          g_propagate_error (&error, g_steal_pointer (&version_data.error));
          break;
        }
      if (!save_agreement (store, agreement, &error))
        break;
      summary_add (&summary, agreement);
      done++;

      if ((i + 1) % BATCH_SIZE == 0 || i + 1 == n)
        {
          if (!exec_sql (db, "COMMIT;", &error))
            break;
          if (progress)
            {
              g_printerr ("\r");
              /* Translators: progress, e.g. "1500 of 10000 agreements…". */
              g_printerr (_("%d of %d agreements…"), i + 1, n);
            }
        }
    }
  if (error != NULL)
    sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  bf_store_unlock (db_store);
  if (progress)
    g_printerr ("\r\033[K");

  if (error != NULL)
    {
      /* Translators: the number of agreements committed before the error. */
      g_prefix_error (&error, _("Stopped; %u agreements were added before: "),
                      (done / BATCH_SIZE) * BATCH_SIZE);
      return bf_cli_fail (error);
    }

  print_summary (&summary, n, (guint32) seed, today_text, g_timer_elapsed (timer, NULL), json);
  return BF_CLI_EXIT_OK;
}

const BfCliGroup bf_cli_demo_group = {
  "demo",
  N_("Add synthetic agreements for demonstrations and load tests."),
  NULL,
  demo_run,
};
