/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Without libFuzzer, each fuzz target is linked with this driver and runs
 * in the test suite as a smoke test: every input file as it is, then a
 * fixed number of deterministic mutations of it (flipped bits, cuts,
 * inserted and deleted bytes).  For real fuzzing, build the target alone
 * with clang:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -DBF_LIBFUZZER \
 *     -I_build -Isrc/core tests/fuzz-age.c src/core/bf-*.c \
 *     $(pkg-config --cflags --libs glib-2.0 gio-2.0 libsodium) -o fuzz-age
 *   ./fuzz-age tests/data/
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "bf-secure.h"

int LLVMFuzzerTestOneInput (const guint8 *data, gsize size);

#define MUTATIONS 3000

static void
mutate_and_run (const guint8 *data,
                gsize         len,
                GRand        *rand)
{
  g_autofree guint8 *buf = g_malloc (len + 16);
  gsize n = len;

  memcpy (buf, data, len);
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:   /* Flip one bit. */
      if (n > 0)
        buf[g_rand_int_range (rand, 0, n)] ^= 1 << g_rand_int_range (rand, 0, 8);
      break;
    case 1:   /* Replace one byte, with a bias to the header's characters. */
      if (n > 0)
        {
          static const char interesting[] = "-> \n=+/AQgw0";

          buf[g_rand_int_range (rand, 0, n)] = g_rand_boolean (rand)
            ? (guint8) interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)]
            : (guint8) g_rand_int_range (rand, 0, 256);
        }
      break;
    case 2:   /* Cut. */
      n = n > 0 ? (gsize) g_rand_int_range (rand, 0, n) : 0;
      break;
    case 3:   /* Insert a byte. */
      {
        gsize at = n > 0 ? (gsize) g_rand_int_range (rand, 0, n + 1) : 0;

        memmove (buf + at + 1, buf + at, n - at);
        buf[at] = (guint8) g_rand_int_range (rand, 0, 256);
        n++;
      }
      break;
    default:  /* Delete a byte. */
      if (n > 0)
        {
          gsize at = g_rand_int_range (rand, 0, n);

          memmove (buf + at, buf + at + 1, n - at - 1);
          n--;
        }
      break;
    }

  LLVMFuzzerTestOneInput (buf, n);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x0b0fa57);

  if (!bf_secure_init (NULL))
    return 1;

  g_print ("1..%d\n", argc - 1);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (argv[i], &contents, &len, &error))
        {
          g_print ("not ok %d %s # %s\n", i, argv[i], error->message);
          return 1;
        }

      LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
      for (guint m = 0; m < MUTATIONS; m++)
        mutate_and_run ((const guint8 *) contents, len, rand);

      g_print ("ok %d %s\n", i, argv[i]);
    }

  return 0;
}
