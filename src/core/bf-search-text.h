/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Text folding for search and sorting. SQLite's unicode61 tokenizer with
 * remove_diacritics folds é → e, but ø and æ have no decomposition, so a
 * search for “bjorn” would never find “Bjørn”. Bofast therefore indexes a
 * folded copy next to the original text and folds every query the same way.
 */

char *bf_search_fold          (const char *text);
char *bf_search_index_text    (const char *text);
char *bf_search_build_query   (const char *user_text);
char *bf_search_sort_key      (const char *text);

G_END_DECLS
