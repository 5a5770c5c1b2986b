/* bench-idle.c — CPU and wake-ups of the app while nothing happens
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts `plantdesk --data-dir DIR` on its login window, waits 1 s, then
 * reads the CPU time (utime + stime of /proc/PID/stat) and the context
 * switches of all its threads (the status file of every /proc/PID/task entry) before and after
 * 5 idle seconds. A context switch of an idle process is a wake-up.
 *
 * GTK blinks the text cursor of a focused entry for its first 10 seconds
 * (gtk-cursor-blink-timeout); the same 5 s are measured again after that,
 * when only the app's own activity remains.
 *
 *   bench-idle PLANTDESK [XVFB_RUN]
 */

#define G_LOG_DOMAIN "bench-idle"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "pd-bench-utils.h"

typedef struct
{
  double      cpu_ms;
  GHashTable *switches;  /* thread id → guint64 context switches */
  GHashTable *names;     /* thread id → its name */
} Sample;

static void
sample_clear (Sample *s)
{
  g_clear_pointer (&s->switches, g_hash_table_unref);
  g_clear_pointer (&s->names, g_hash_table_unref);
}

static double
read_cpu_ms (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_comm;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    g_error ("Cannot read %s", path);

  /* The command name may hold spaces: fields start after its ')'. */
  after_comm = strrchr (contents, ')');
  g_assert (after_comm != NULL);
  fields = g_strsplit (after_comm + 2, " ", -1);

  /* utime and stime are fields 14 and 15, i.e. 11 and 12 after comm. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL))
         * 1000.0 / sysconf (_SC_CLK_TCK);
}

static void
read_switches (GPid    pid,
               Sample *s)
{
  g_autofree char *task_dir = g_strdup_printf ("/proc/%d/task", pid);
  g_autoptr(GDir) dir = g_dir_open (task_dir, 0, NULL);
  const char *tid;

  s->switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *status_path = g_build_filename (task_dir, tid, "status", NULL);
      g_autofree char *comm_path = g_build_filename (task_dir, tid, "comm", NULL);
      g_autofree char *status = NULL;
      g_autofree char *comm = NULL;
      g_auto(GStrv) lines = NULL;
      guint64 *total = g_new0 (guint64, 1);

      if (!g_file_get_contents (status_path, &status, NULL, NULL))
        {
          g_free (total);
          continue;
        }
      g_file_get_contents (comm_path, &comm, NULL, NULL);

      lines = g_strsplit (status, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "voluntary_ctxt_switches:") ||
            g_str_has_prefix (lines[i], "nonvoluntary_ctxt_switches:"))
          *total += g_ascii_strtoull (strchr (lines[i], ':') + 1, NULL, 10);

      g_hash_table_insert (s->switches, g_strdup (tid), total);
      g_hash_table_insert (s->names, g_strdup (tid), g_strdup (comm != NULL ? g_strstrip (comm) : tid));
    }
}

static Sample
sample (GPid pid)
{
  Sample s = { read_cpu_ms (pid), NULL, NULL };

  read_switches (pid, &s);

  return s;
}

static void
measure (GPid        pid,
         const char *what)
{
  g_autoptr(GString) per_thread = g_string_new (NULL);
  Sample before = sample (pid);
  Sample after;
  GHashTableIter iter;
  gpointer tid;
  gpointer count;
  guint64 wakeups = 0;

  g_usleep (5 * G_USEC_PER_SEC);
  after = sample (pid);

  /* Threads that ended meanwhile are not counted; new ones count whole. */
  g_hash_table_iter_init (&iter, after.switches);
  while (g_hash_table_iter_next (&iter, &tid, &count))
    {
      guint64 *old = g_hash_table_lookup (before.switches, tid);
      guint64 delta = *(guint64 *) count - (old != NULL ? *old : 0);

      wakeups += delta;
      if (delta > 0)
        g_string_append_printf (per_thread, " %s=%" G_GUINT64_FORMAT,
                                (char *) g_hash_table_lookup (after.names, tid), delta);
    }

  g_print ("%s: %.0f ms of CPU and %" G_GUINT64_FORMAT " wake-ups (context switches) in 5 s\n",
           what, after.cpu_ms - before.cpu_ms, wakeups);
  if (per_thread->len > 0)
    g_print ("  by thread:%s\n", per_thread->str);

  sample_clear (&before);
  sample_clear (&after);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GPid pid;

  if (argc < 2)
    {
      g_printerr ("Usage: %s PLANTDESK [XVFB_RUN]\n", argv[0]);
      return 2;
    }

  pd_bench_ensure_display (argc, argv, argc > 2 ? argv[2] : NULL);

  dir = pd_bench_make_data_dir (1000);
  launcher = pd_bench_launcher_new (NULL);
  app = g_subprocess_launcher_spawn (launcher, &error, argv[1], "--data-dir", dir, NULL);
  if (app == NULL)
    g_error ("Could not run %s: %s", argv[1], error->message);
  pid = atoi (g_subprocess_get_identifier (app));

  /* Start-up settles within the first second (see bench-startup). */
  g_usleep (1 * G_USEC_PER_SEC);
  measure (pid, "Idle login window, 1-6 s after start (text cursor blinking)");

  g_usleep (6 * G_USEC_PER_SEC);
  measure (pid, "Idle login window, 12-17 s after start (cursor blink over)");

  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
  pd_bench_remove_data_dir (dir);

  return 0;
}
