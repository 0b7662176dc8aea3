/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bofastctl"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bf-cli.h"
#include "bf-date.h"

/* Longer than any passphrase a person types; the buffer is sodium memory. */
#define MAX_PASSPHRASE_BYTES 1024

static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

int
bf_cli_fail_message (int         exit_code,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message holds. */
  g_strdelimit (message, "\r\n", ' ');
  g_printerr ("bofastctl: %s\n", message);
  return exit_code;
}

int
bf_cli_fail (const GError *error)
{
  return bf_cli_fail_message (BF_CLI_EXIT_FAILURE, "%s", error->message);
}

void
bf_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_group_help (const BfCliGroup *group)
{
  g_print (_("Usage:\n  bofastctl %s COMMAND [OPTION…]\n\n%s\n\nCommands:\n"),
           group->name, _(group->summary));
  for (const BfCliCommand *c = group->commands; c->name != NULL; c++)
    g_print ("  %-10s %s\n", c->name, _(c->summary));
  g_print (_("\nRun “bofastctl %s COMMAND --help” for a command’s options.\n"), group->name);
}

/* argv[0] is the group name. */
int
bf_cli_run_group (const BfCliGroup  *group,
                  int                argc,
                  char             **argv)
{
  /* A group that is a command of its own parses its own --help. */
  if (group->run != NULL)
    return group->run (argc, argv);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_group_help (group);
      return argc < 2 ? BF_CLI_EXIT_USAGE : BF_CLI_EXIT_OK;
    }

  for (const BfCliCommand *c = group->commands; c->name != NULL; c++)
    if (g_str_equal (argv[1], c->name))
      return c->run (argc - 1, argv + 1);

  return bf_cli_fail_message (BF_CLI_EXIT_USAGE,
                              _("“%s” is not a %s command; see “bofastctl %s --help”"),
                              argv[1], group->name, group->name);
}

GOptionContext *
bf_cli_option_context_new (const char *command,
                           const char *parameter_string,
                           const char *summary)
{
  g_autofree char *prgname = g_strdup_printf ("bofastctl %s", command);
  GOptionContext *context = g_option_context_new (parameter_string);

  /* GOptionContext prints "Usage: <prgname> [OPTION…] <parameters>". */
  g_set_prgname (prgname);

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

void
bf_cli_add_profile_options (GOptionContext   *context,
                            BfCliProfileArgs *args,
                            gboolean          select)
{
  const GOptionEntry select_entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &args->dir,
      N_("The profile folder to use"), N_("DIR") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &args->name,
      N_("The name of the profile to use, when there is more than one"), N_("NAME") },
    { NULL }
  };
  const GOptionEntry root_entries[] = {
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &args->root,
      N_("Where profiles live (default: $XDG_DATA_HOME/bofast/profiles)"), N_("DIR") },
    { NULL }
  };

  if (select)
    g_option_context_add_main_entries (context, select_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, root_entries, GETTEXT_PACKAGE);
}

void
bf_cli_profile_args_clear (BfCliProfileArgs *args)
{
  g_clear_pointer (&args->dir, g_free);
  g_clear_pointer (&args->name, g_free);
  g_clear_pointer (&args->root, g_free);
}

/* Parses, and turns any problem into a one-line usage error. Leftover
 * arguments are refused. */
gboolean
bf_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              int              *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = bf_cli_fail_message (BF_CLI_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }

  if (*argc > 1)
    {
      *exit_code = bf_cli_fail_message (BF_CLI_EXIT_USAGE, _("Unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}

char *
bf_cli_get_root (const BfCliProfileArgs *args)
{
  if (args->root != NULL)
    return g_strdup (args->root);
  return bf_profile_get_default_root ();
}

BfProfile *
bf_cli_resolve_profile (const BfCliProfileArgs  *args,
                        GError                 **error)
{
  g_autofree char *root = NULL;

  if (args->dir != NULL)
    return bf_profile_load (args->dir, error);

  root = bf_cli_get_root (args);
  return bf_profile_find (root, args->name, error);
}

static void
restore_terminal (void)
{
  if (termios_saved)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
      termios_saved = FALSE;
    }
}

/* Ctrl-C at the prompt must not leave the terminal without echo. */
static void
restore_terminal_and_die (int signum)
{
  if (termios_saved)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line from fd 0, byte by byte, straight into sodium memory:
 * no stdio buffer keeps a copy, and nothing after the newline is consumed. */
static BfSecret *
read_line (GError **error)
{
  g_autoptr(BfSecret) buf = bf_secret_new (MAX_PASSPHRASE_BYTES + 1);
  char *text = (char *) bf_secret_get_data (buf);
  gsize len = 0;
  gboolean got_any = FALSE;

  for (;;)
    {
      char c;
      gssize n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("The passphrase could not be read: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      got_any = TRUE;
      if (c == '\n')
        break;
      if (len == MAX_PASSPHRASE_BYTES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The passphrase is longer than %d bytes"), MAX_PASSPHRASE_BYTES);
          return NULL;
        }
      text[len++] = c;
    }

  if (!got_any)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No passphrase was given on standard input"));
      return NULL;
    }

  if (len > 0 && text[len - 1] == '\r')
    text[--len] = '\0';
  text[len] = '\0';

  return g_steal_pointer (&buf);
}

/**
 * bf_cli_read_passphrase:
 *
 * On a terminal, prompts on stderr and reads without echo; otherwise reads
 * one line from standard input. The result is a NUL-terminated string in
 * sodium memory.
 */
BfSecret *
bf_cli_read_passphrase (const char  *prompt,
                        GError     **error)
{
  struct termios quiet;
  struct sigaction action = { 0 }, old_int, old_term;
  BfSecret *ret;

  if (!isatty (STDIN_FILENO))
    return read_line (error);

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return read_line (error);

  g_printerr ("%s", prompt);

  action.sa_handler = restore_terminal_and_die;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, &old_int);
  sigaction (SIGTERM, &action, &old_term);

  quiet = saved_termios;
  quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
  termios_saved = TRUE;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);

  ret = read_line (error);

  restore_terminal ();
  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);
  g_printerr ("\n");

  return ret;
}

/**
 * bf_cli_read_new_passphrase:
 *
 * Like bf_cli_read_passphrase(), but on a terminal asks twice and shows a
 * strength hint. From a pipe it is one line.
 */
BfSecret *
bf_cli_read_new_passphrase (const char  *prompt,
                            const char  *repeat_prompt,
                            GError     **error)
{
  static const char * const hints[] = {
    N_("very weak"), N_("weak"), N_("fair"), N_("good"), N_("strong"),
  };
  g_autoptr(BfSecret) first = NULL;
  g_autoptr(BfSecret) second = NULL;
  guint strength;

  first = bf_cli_read_passphrase (prompt, error);
  if (first == NULL || !isatty (STDIN_FILENO))
    return g_steal_pointer (&first);

  strength = bf_passphrase_estimate_strength ((const char *) bf_secret_peek (first));
  /* Translators: %s is a strength such as "weak". */
  g_printerr (_("Passphrase strength: %s\n"), _(hints[MIN (strength, 4)]));

  second = bf_cli_read_passphrase (repeat_prompt, error);
  if (second == NULL)
    return NULL;

  if (g_strcmp0 ((const char *) bf_secret_peek (first), (const char *) bf_secret_peek (second)) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The two passphrases are not the same"));
      return NULL;
    }

  return g_steal_pointer (&first);
}

gboolean
bf_cli_unlock (BfProfile  *profile,
               GError    **error)
{
  g_autoptr(BfSecret) passphrase = NULL;

  passphrase = bf_cli_read_passphrase (_("Passphrase: "), error);
  if (passphrase == NULL)
    return FALSE;

  return bf_profile_unlock (profile, (const char *) bf_secret_peek (passphrase), error);
}

/**
 * bf_cli_open_agreements:
 * @profile: (out): the unlocked profile; lock it when done
 *
 * Resolves the profile, reads the passphrase, unlocks it and returns its
 * agreement store.
 */
BfAgreementStore *
bf_cli_open_agreements (const BfCliProfileArgs  *args,
                        BfProfile              **profile,
                        GError                 **error)
{
  g_autoptr(BfProfile) p = bf_cli_resolve_profile (args, error);

  if (p == NULL || !bf_cli_unlock (p, error))
    return NULL;

  *profile = g_object_ref (p);
  return bf_agreement_store_new (bf_profile_get_store (p));
}

/**
 * bf_cli_load_agreement:
 *
 * Unlocks the profile, loads the agreement @id with its logs, and locks the
 * profile again.
 */
BfAgreement *
bf_cli_load_agreement (const BfCliProfileArgs  *args,
                       const char              *id,
                       GError                 **error)
{
  g_autoptr(BfProfile) profile = NULL;
  g_autoptr(BfAgreementStore) store = bf_cli_open_agreements (args, &profile, error);
  BfAgreement *agreement;

  if (store == NULL)
    return NULL;
  agreement = bf_agreement_store_load (store, id, error);
  bf_profile_lock (profile);
  return agreement;
}

/* Options such as --today take a YYYY-MM-DD date; NULL means today. */
gboolean
bf_cli_parse_date (const char  *text,
                   GDate       *date,
                   GError     **error)
{
  if (text == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (date, 1);
      g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      return TRUE;
    }

  if (!bf_date_parse (text, date))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date; use YYYY-MM-DD"), text);
      return FALSE;
    }
  return TRUE;
}
