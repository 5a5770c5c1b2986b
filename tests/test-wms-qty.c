/* test-wms-qty.c — exact decimal quantities: parsing, formatting, sums
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-wms-qty"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "pd-error.h"
#include "pd-qty.h"
#include "pd-test-utils.h"

static PdQty
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  PdQty qty = 42;

  g_assert_true (pd_qty_parse (text, &qty, &error));
  g_assert_no_error (error);
  return qty;
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  PdQty qty = 42;

  g_assert_false (pd_qty_parse (text, &qty, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  /* Nothing changes on a refusal, and the message names the text. */
  g_assert_cmpint (qty, ==, 42);
  if (text != NULL && *text != '\0')
    g_assert_nonnull (strstr (error->message, text));
}

static void
test_parse (void)
{
  g_assert_cmpint (parse_ok ("12"), ==, 12 * PD_QTY_ONE);
  g_assert_cmpint (parse_ok ("12.5"), ==, 12500000);
  g_assert_cmpint (parse_ok ("-0.25"), ==, -250000);
  g_assert_cmpint (parse_ok ("+3"), ==, 3 * PD_QTY_ONE);
  g_assert_cmpint (parse_ok ("0"), ==, 0);
  g_assert_cmpint (parse_ok ("-0"), ==, 0);
  g_assert_cmpint (parse_ok ("0.000001"), ==, 1);
  g_assert_cmpint (parse_ok (".5"), ==, 500000);
  g_assert_cmpint (parse_ok ("7."), ==, 7 * PD_QTY_ONE);
  g_assert_cmpint (parse_ok ("  2.50 \t"), ==, 2500000);
  g_assert_cmpint (parse_ok ("000123.450000"), ==, 123450000);
  g_assert_cmpint (parse_ok ("1000000000000"), ==, PD_QTY_MAX);
  g_assert_cmpint (parse_ok ("-1000000000000"), ==, -PD_QTY_MAX);
  g_assert_cmpint (parse_ok ("999999999999.999999"), ==, PD_QTY_MAX - 1);
}

static void
test_refusals (void)
{
  assert_refused ("1e3");
  assert_refused ("12,5");
  assert_refused ("abc");
  assert_refused ("0.0000001");
  assert_refused ("1000000000000.000001");
  assert_refused ("1000000000001");
  assert_refused ("-1000000000001");
  assert_refused ("99999999999999999999999999");
  assert_refused ("");
  assert_refused ("   ");
  assert_refused (NULL);
  assert_refused ("-");
  assert_refused (".");
  assert_refused ("1.2.3");
  assert_refused ("1 2");
  assert_refused ("--1");
  assert_refused ("0x10");
  assert_refused ("inf");
  assert_refused ("nan");
  assert_refused ("١٢");   /* Arabic-Indic digits */
}

static void
test_refusal_message (void)
{
  g_autoptr(GError) error = NULL;
  PdQty qty;

  g_assert_false (pd_qty_parse ("abc", &qty, &error));
  g_assert_cmpstr (error->message, ==, "“abc” is not a quantity.");
}

static void
assert_string (PdQty       qty,
               const char *expected)
{
  g_autofree char *text = pd_qty_to_string (qty);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_to_string (void)
{
  assert_string (0, "0");
  assert_string (3 * PD_QTY_ONE, "3");
  assert_string (12500000, "12.5");
  assert_string (-250000, "-0.25");
  assert_string (1, "0.000001");
  assert_string (-1, "-0.000001");
  assert_string (PD_QTY_MAX, "1000000000000");
  assert_string (G_MAXINT64, "9223372036854.775807");
  assert_string (G_MININT64, "-9223372036854.775808");
}

static void
test_round_trip (void)
{
  const char *texts[] = {
    "0", "1", "-1", "0.1", "0.2", "0.3", "12.5", "-0.25", "0.000001", "123456.789012",
    "1000000000000", "-1000000000000", "999999999999.999999", "42.000042",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      PdQty qty = parse_ok (texts[i]);
      g_autofree char *back = pd_qty_to_string (qty);

      g_assert_cmpstr (back, ==, texts[i]);
      g_assert_cmpint (parse_ok (back), ==, qty);
    }

  /* Every millionth between -2 and 2 survives the trip. */
  for (PdQty qty = -2 * PD_QTY_ONE; qty <= 2 * PD_QTY_ONE; qty += 997)
    {
      g_autofree char *text = pd_qty_to_string (qty);

      g_assert_cmpint (parse_ok (text), ==, qty);
    }
}

static void
test_exact_sum (void)
{
  PdQty sum = 0;
  PdQty total = 0;

  g_assert_true (pd_qty_add (parse_ok ("0.1"), parse_ok ("0.2"), &sum));
  g_assert_cmpint (sum, ==, parse_ok ("0.3"));
  assert_string (sum, "0.3");

  /* Ten thousand times 0.1 is 1000, exactly. */
  for (guint i = 0; i < 10000; i++)
    g_assert_true (pd_qty_add (total, parse_ok ("0.1"), &total));
  g_assert_cmpint (total, ==, 1000 * PD_QTY_ONE);

  g_assert_true (pd_qty_sub (parse_ok ("1"), parse_ok ("1.25"), &sum));
  assert_string (sum, "-0.25");
}

static void
test_overflow (void)
{
  PdQty result = 7;

  g_assert_false (pd_qty_add (G_MAXINT64, 1, &result));
  g_assert_cmpint (result, ==, 7);
  g_assert_false (pd_qty_add (G_MININT64, -1, &result));
  g_assert_cmpint (result, ==, 7);
  g_assert_false (pd_qty_sub (G_MININT64, 1, &result));
  g_assert_cmpint (result, ==, 7);
  g_assert_false (pd_qty_sub (G_MAXINT64, -1, &result));
  g_assert_false (pd_qty_sub (0, G_MININT64, &result));
  g_assert_cmpint (result, ==, 7);

  g_assert_true (pd_qty_add (G_MAXINT64 - 1, 1, &result));
  g_assert_cmpint (result, ==, G_MAXINT64);
  g_assert_true (pd_qty_sub (G_MININT64 + 1, 1, &result));
  g_assert_cmpint (result, ==, G_MININT64);

  /* PD_QTY_MAX is 10^18 millionths: nine of them fit in a gint64, the
   * tenth sum overflows and is refused rather than wrapping. */
  result = 0;
  for (guint i = 0; i < 9; i++)
    g_assert_true (pd_qty_add (result, PD_QTY_MAX, &result));
  g_assert_cmpint (result, ==, 9 * PD_QTY_MAX);
  g_assert_false (pd_qty_add (result, PD_QTY_MAX, &result));
  g_assert_cmpint (result, ==, 9 * PD_QTY_MAX);
}

/* A locale whose decimal point is a comma, set for LC_NUMERIC: an
 * installed one, or one compiled into *LOCALE_DIR when Debian's locale
 * sources are there (glibc reads LOCPATH at each setlocale). */
static gboolean
set_comma_locale (char **locale_dir)
{
  const char *candidates[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8" };
  const char *argv[] = { "localedef", "-i", "de_DE", "-f", "UTF-8", NULL, NULL };
  g_autofree char *target = NULL;
  int status = -1;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_NUMERIC, candidates[i]) != NULL)
      return TRUE;

  if (!g_file_test ("/usr/share/i18n/locales/de_DE", G_FILE_TEST_EXISTS) ||
      (*locale_dir = g_dir_make_tmp ("test-wms-qty-XXXXXX", NULL)) == NULL)
    return FALSE;

  target = g_build_filename (*locale_dir, "de_DE.UTF-8", NULL);
  argv[5] = target;
  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return FALSE;

  g_setenv ("LOCPATH", *locale_dir, TRUE);
  return setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL;
}

static void
test_format_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *locale_dir = NULL;
  g_autofree char *c_text = NULL;
  gboolean have_comma;

  setlocale (LC_NUMERIC, "C");
  c_text = pd_qty_format (12500000);
  g_assert_cmpstr (c_text, ==, "12.5");

  have_comma = set_comma_locale (&locale_dir);
  if (have_comma)
    {
      g_autofree char *text = pd_qty_format (-12500000);
      g_autofree char *whole = pd_qty_format (3 * PD_QTY_ONE);
      g_autofree char *plain = pd_qty_to_string (-12500000);

      g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
      g_assert_cmpstr (text, ==, "-12,5");
      g_assert_cmpstr (whole, ==, "3");
      /* The stable form never follows the locale. */
      g_assert_cmpstr (plain, ==, "-12.5");
    }

  setlocale (LC_NUMERIC, saved);
  if (locale_dir != NULL)
    {
      g_unsetenv ("LOCPATH");
      pd_test_rm_rf (locale_dir);
    }

  if (!have_comma)
    g_test_skip ("no locale with a decimal comma is installed or can be compiled");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wms/qty/parse", test_parse);
  g_test_add_func ("/wms/qty/refusals", test_refusals);
  g_test_add_func ("/wms/qty/refusal-message", test_refusal_message);
  g_test_add_func ("/wms/qty/to-string", test_to_string);
  g_test_add_func ("/wms/qty/round-trip", test_round_trip);
  g_test_add_func ("/wms/qty/exact-sum", test_exact_sum);
  g_test_add_func ("/wms/qty/overflow", test_overflow);
  g_test_add_func ("/wms/qty/format-locale", test_format_locale);

  return g_test_run ();
}
