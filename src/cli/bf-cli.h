/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-agreement-store.h"
#include "bf-profile.h"
#include "bf-secure.h"

G_BEGIN_DECLS

/*
 * bofastctl is a dispatcher: `bofastctl GROUP COMMAND [OPTIONS]`. Each
 * command group lives in its own src/cli/bf-cli-<group>.c and exports one
 * BfCliGroup; main.c lists them. Commands parse their own options with
 * GOptionContext (so every command has --help), report failure with
 * bf_cli_fail() and return one of the exit codes below.
 */

typedef enum
{
  BF_CLI_EXIT_OK      = 0,
  BF_CLI_EXIT_FAILURE = 1,
  BF_CLI_EXIT_USAGE   = 2,
} BfCliExit;

typedef int (*BfCliCommandFunc) (int    argc,
                                 char **argv);

typedef struct
{
  const char       *name;
  BfCliCommandFunc  run;
  const char       *summary;   /* N_() */
} BfCliCommand;

typedef struct
{
  const char         *name;
  const char         *summary;   /* N_() */
  const BfCliCommand *commands;  /* NULL-terminated */
  BfCliCommandFunc    run;       /* instead of commands: `bofastctl check ID`,
                                  * `bofastctl demo --agreements N`,
                                  * `bofastctl sync`, `bofastctl verify SHARE` */
} BfCliGroup;

extern const BfCliGroup bf_cli_agreement_group;
extern const BfCliGroup bf_cli_check_group;
extern const BfCliGroup bf_cli_demo_group;
extern const BfCliGroup bf_cli_profile_group;
extern const BfCliGroup bf_cli_share_group;
extern const BfCliGroup bf_cli_sync_group;
extern const BfCliGroup bf_cli_verify_group;

/* Selecting a profile: --profile DIR, or --name NAME, or the only one under
 * --root DIR (default $XDG_DATA_HOME/bofast/profiles). */
typedef struct
{
  char *dir;
  char *name;
  char *root;
} BfCliProfileArgs;

int            bf_cli_run_group              (const BfCliGroup  *group,
                                              int                argc,
                                              char             **argv);

GOptionContext *bf_cli_option_context_new    (const char        *command,
                                              const char        *parameter_string,
                                              const char        *summary);
void           bf_cli_add_profile_options    (GOptionContext    *context,
                                              BfCliProfileArgs  *args,
                                              gboolean           select);
void           bf_cli_profile_args_clear     (BfCliProfileArgs  *args);
gboolean       bf_cli_parse                  (GOptionContext    *context,
                                              int               *argc,
                                              char            ***argv,
                                              int               *exit_code);

char          *bf_cli_get_root               (const BfCliProfileArgs *args);
BfProfile     *bf_cli_resolve_profile        (const BfCliProfileArgs *args,
                                              GError           **error);

BfSecret      *bf_cli_read_passphrase        (const char        *prompt,
                                              GError           **error);
BfSecret      *bf_cli_read_new_passphrase    (const char        *prompt,
                                              const char        *repeat_prompt,
                                              GError           **error);
gboolean       bf_cli_unlock                 (BfProfile         *profile,
                                              GError           **error);
BfAgreementStore *bf_cli_open_agreements     (const BfCliProfileArgs *args,
                                              BfProfile        **profile,
                                              GError           **error);
BfAgreement   *bf_cli_load_agreement         (const BfCliProfileArgs *args,
                                              const char        *id,
                                              GError           **error);
gboolean       bf_cli_parse_date             (const char        *text,
                                              GDate             *date,
                                              GError           **error);

int            bf_cli_fail                   (const GError      *error);
int            bf_cli_fail_message           (int                exit_code,
                                              const char        *format,
                                              ...) G_GNUC_PRINTF (2, 3);
void           bf_cli_print_json             (JsonNode          *node);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BfCliProfileArgs, bf_cli_profile_args_clear)

G_END_DECLS
