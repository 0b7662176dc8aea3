/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Fuzz target for the agreement JSON and log-entry parsers, the parsers of
 * untrusted record payloads.
 *
 * With clang, build it as a libFuzzer target:
 *   CC=clang meson setup _fuzz -Db_sanitize=address,undefined
 *   clang … -fsanitize=fuzzer -DBF_FUZZ_LIBFUZZER …
 * Without libFuzzer it gets a small main() that runs every file named on the
 * command line through the target, so the corpus in tests/data is replayed
 * by `meson test`.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "bf-agreement-json.h"
#include "bf-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfAgreement) agreement = NULL;

  agreement = bf_agreement_new_from_json ((const char *) data, (gssize) size, &error);
  if (agreement != NULL)
    {
      /* What loads must write back and load again to the same bytes. */
      g_autofree char *out = bf_agreement_to_json (agreement, BF_AGREEMENT_JSON_WITH_LOGS);
      g_autoptr(BfAgreement) again = bf_agreement_new_from_json (out, -1, NULL);
      g_autofree char *out2 = NULL;

      g_assert_nonnull (again);
      out2 = bf_agreement_to_json (again, BF_AGREEMENT_JSON_WITH_LOGS);
      g_assert_cmpstr (out, ==, out2);
    }
  else
    g_assert_nonnull (error);

  for (BfLogKind kind = BF_LOG_KIND_VISIT; kind <= BF_LOG_KIND_BREACH; kind++)
    {
      g_autoptr(GError) log_error = NULL;
      gpointer entry = bf_log_entry_new_from_json (kind, (const char *) data, (gssize) size, NULL, &log_error);

      if (entry == NULL)
        continue;
      switch (kind)
        {
        case BF_LOG_KIND_VISIT: bf_visit_free (entry); break;
        case BF_LOG_KIND_KEY_USE: bf_key_use_free (entry); break;
        case BF_LOG_KIND_EVALUATION: bf_evaluation_free (entry); break;
        case BF_LOG_KIND_BREACH: bf_breach_free (entry); break;
        default: g_assert_not_reached ();
        }
    }
  return 0;
}

#ifndef BF_FUZZ_LIBFUZZER
int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_file_get_contents (argv[i], &contents, &length, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      printf ("ok %d %s\n", i, argv[i]);
    }
  return 0;
}
#endif
