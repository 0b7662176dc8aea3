/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "bf-secure.h"

static void
test_core_dumps_disabled (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_secure_init (&error));
  g_assert_no_error (error);
  g_assert_true (bf_secure_core_dumps_disabled ());
}

static void
test_secret_random (void)
{
  g_autoptr(BfSecret) a = bf_secret_new_random (32);
  g_autoptr(BfSecret) b = bf_secret_new_random (32);
  g_autoptr(BfSecret) c = bf_secret_dup (a);
  guint8 zero[32] = { 0 };

  g_assert_cmpuint (bf_secret_get_size (a), ==, 32);
  g_assert_false (memcmp (bf_secret_peek (a), zero, sizeof zero) == 0);
  g_assert_false (bf_secret_equal (a, b));
  g_assert_true (bf_secret_equal (a, c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_true (bf_secure_init (NULL));

  g_test_add_func ("/secure/core-dumps-disabled", test_core_dumps_disabled);
  g_test_add_func ("/secure/secret-random", test_secret_random);

  return g_test_run ();
}
