/* pd-bench-utils.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-bench-utils"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pd-bench-utils.h"
#include "pd-sim-test-utils.h"

void
pd_bench_ensure_display (int          argc,
                         char       **argv,
                         const char  *xvfb_run)
{
  g_autoptr(GPtrArray) args = NULL;

  if (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL)
    return;

  if (xvfb_run == NULL || xvfb_run[0] == '\0' || g_getenv ("PD_BENCH_UNDER_XVFB") != NULL)
    {
      g_printerr ("No display and no xvfb-run: skipped\n");
      exit (77);
    }

  args = g_ptr_array_new ();
  g_ptr_array_add (args, (char *) xvfb_run);
  g_ptr_array_add (args, (char *) "-a");
  g_ptr_array_add (args, (char *) "-s");
  g_ptr_array_add (args, (char *) "-screen 0 1366x800x24 -nolisten tcp");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  g_setenv ("PD_BENCH_UNDER_XVFB", "1", TRUE);
  execv (xvfb_run, (char **) args->pdata);
  g_error ("Could not run %s: %s", xvfb_run, g_strerror (errno));
}

char *
pd_bench_make_data_dir (guint n_audit_rows)
{
  static const char *users[] = { "admin", "ana", "bo", "chen", "dara", "eli" };
  static const char *roles[] = { "admin", "operator", "warehouse", "supervisor", "operator", "warehouse" };
  static const char *actions[] = { "session.login", "session.logout", "user.add", "user.set-role",
                                   "stock.move", "workorder.start", "workorder.report", "alarm.ack" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 1, 1, 6, 0, 0);
  char *dir;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  pd_core_init ();

  dir = g_dir_make_tmp ("plantdesk-bench-XXXXXX", &error);
  g_assert_no_error (error);

  store = pd_store_open (dir, &error);
  g_assert_no_error (error);
  pd_store_init_station (store, "Bench station", "admin", "bench-password-1", &error);
  g_assert_no_error (error);

  /* Straight into the table the core created, in one transaction: the
   * write path would hash nothing here but audit every row twice. */
  db = pd_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO audit_log (ts, user_name, role, station, action, entity, entity_id, result, detail) "
                                       "VALUES (?, ?, ?, 'Bench station', ?, ?, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_audit_rows; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_seconds (start, i * 37.0);
      g_autofree char *base = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *ts = g_strdup_printf ("%s.%03uZ", base, i % 1000);
      g_autofree char *entity_id = g_strdup_printf ("%u", i % 5000);
      g_autofree char *detail = g_strdup_printf ("bench row %u", i);
      guint u = i % G_N_ELEMENTS (users);
      const char *action = actions[i % G_N_ELEMENTS (actions)];

      sqlite3_bind_text (stmt, 1, ts, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, users[u], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, roles[u], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, "bench", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, entity_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, i % 97 == 0 ? "denied" : "ok", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, detail, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  /* Leave a database as a long-running station has it, not a big WAL. */
  sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  return dir;
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

void
pd_bench_remove_data_dir (const char *dir)
{
  rm_rf (dir);
}

GSubprocessLauncher *
pd_bench_launcher_new (const char * const *extra)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1] != NULL ? pair[1] : "", TRUE);
    }

  return launcher;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
pd_bench_median (const double *values,
                 guint         n)
{
  g_autofree double *sorted = g_memdup2 (values, n * sizeof (double));

  qsort (sorted, n, sizeof (double), compare_double);
  return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double
pd_bench_process_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

PdSim *
pd_bench_sim_start (guint n_devices,
                    guint n_units)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *devices = g_strdup_printf ("%u", n_devices);
  g_autofree char *units = g_strdup_printf ("1-%u", n_units);
  const char *args[] = { "--devices", devices, n_units > 0 ? "--units" : NULL, units, NULL };
  PdSim *sim;

  sim = pd_sim_start (args, &error);
  if (sim == NULL)
    {
      g_printerr ("Could not start plantdesk-sim: %s\n", error->message);
      exit (1);
    }
  g_assert_cmpuint (pd_sim_get_n_ports (sim), ==, n_devices);
  return sim;
}
