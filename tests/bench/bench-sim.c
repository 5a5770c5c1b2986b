/* bench-sim.c — plantdesk-sim serving 100 devices × 100 tags at 100 ms
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts plantdesk-sim with 100 devices on 100 ports and polls each from
 * libmodbus clients (a few threads, one connection per device) reading the
 * bulk region, where every value can be checked. Three phases:
 *
 *   coalesced  100 tags a device as one 100-register request, every 100 ms
 *              (1,000 requests/s, 100,000 values/s)
 *   scattered  the same tags as ten 10-register requests (10,000 requests/s)
 *   flat out   125-register requests as fast as the clients can send them
 *
 * and prints requests per second, late cycles, latency and the simulator's
 * CPU (from /proc). Usage: bench-sim PLANTDESK_SIM [SECONDS_PER_PHASE]
 */

#define G_LOG_DOMAIN "bench-sim"

#include "config.h"

#include <errno.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pd-sim-test-utils.h"

#define N_DEVICES    100
#define N_THREADS    4
#define CYCLE_US     (100 * G_TIME_SPAN_MILLISECOND)
#define BULK_START   1000

typedef struct
{
  const char *name;
  guint       requests_per_cycle;
  guint       registers_per_request;
  gboolean    paced;
} Phase;

typedef struct
{
  PdSim        *sim;
  const Phase  *phase;
  guint         first_device;
  guint         n_devices;
  gint64        end_us;

  guint64       requests;
  guint64       errors;
  guint64       bad_values;
  guint64       cycles;
  guint64       late_cycles;
  GArray       *latencies;   /* gint64 µs, a sample of them */
} Worker;

static gboolean
check_block (const uint16_t *regs,
             guint           address,
             guint           count)
{
  guint16 t = regs[0] - address;

  for (guint i = 1; i < count; i++)
    if (regs[i] != (guint16) (address + i + t))
      return FALSE;

  return TRUE;
}

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  g_autofree modbus_t **clients = g_new0 (modbus_t *, w->n_devices);
  uint16_t regs[MODBUS_MAX_READ_REGISTERS];
  gint64 next;

  for (guint d = 0; d < w->n_devices; d++)
    {
      clients[d] = modbus_new_tcp ("127.0.0.1", pd_sim_get_port (w->sim, w->first_device + d));
      modbus_set_slave (clients[d], 1);
      modbus_set_response_timeout (clients[d], 1, 0);
      if (modbus_connect (clients[d]) < 0)
        g_error ("Could not connect: %s", modbus_strerror (errno));
    }

  next = g_get_monotonic_time ();
  while (g_get_monotonic_time () < w->end_us)
    {
      for (guint d = 0; d < w->n_devices; d++)
        for (guint r = 0; r < w->phase->requests_per_cycle; r++)
          {
            guint address = BULK_START + r * w->phase->registers_per_request;
            gint64 before = g_get_monotonic_time ();
            int rc = modbus_read_input_registers (clients[d], address,
                                                  w->phase->registers_per_request, regs);
            gint64 latency = g_get_monotonic_time () - before;

            w->requests++;
            if (rc != (int) w->phase->registers_per_request)
              w->errors++;
            else if (!check_block (regs, address, rc))
              w->bad_values++;
            if ((w->requests & 7) == 0)
              g_array_append_val (w->latencies, latency);
          }
      w->cycles++;

      if (w->phase->paced)
        {
          gint64 now = g_get_monotonic_time ();

          next += CYCLE_US;
          if (now > next)
            {
              /* Overran its cycle: start the next one at once, and count it. */
              w->late_cycles++;
              next = now;
            }
          else
            g_usleep (next - now);
        }
    }

  for (guint d = 0; d < w->n_devices; d++)
    {
      modbus_close (clients[d]);
      modbus_free (clients[d]);
    }

  return NULL;
}

static double
process_cpu_seconds (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0.0;
  /* Fields after the command name, which is in parentheses. */
  after = strrchr (text, ')');
  if (after == NULL)
    return 0.0;
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0.0;

  /* utime and stime are fields 14 and 15 of the line, 12 and 13 here. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

static double
self_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
run_phase (PdSim       *sim,
           const Phase *phase,
           double       seconds)
{
  Worker workers[N_THREADS] = { 0 };
  GThread *threads[N_THREADS];
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint64 requests = 0, errors = 0, bad = 0, cycles = 0, late = 0;
  double sim_cpu0, self_cpu0, sim_cpu, self_cpu;
  gint64 start, elapsed;
  guint per_thread = N_DEVICES / N_THREADS;

  sim_cpu0 = process_cpu_seconds (pd_sim_get_pid (sim));
  self_cpu0 = self_cpu_seconds ();
  start = g_get_monotonic_time ();

  for (guint i = 0; i < N_THREADS; i++)
    {
      workers[i].sim = sim;
      workers[i].phase = phase;
      workers[i].first_device = i * per_thread;
      workers[i].n_devices = per_thread;
      workers[i].end_us = start + (gint64) (seconds * G_USEC_PER_SEC);
      workers[i].latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
      threads[i] = g_thread_new ("bench-sim-client", worker_run, &workers[i]);
    }

  for (guint i = 0; i < N_THREADS; i++)
    {
      g_thread_join (threads[i]);
      requests += workers[i].requests;
      errors += workers[i].errors;
      bad += workers[i].bad_values;
      cycles += workers[i].cycles;
      late += workers[i].late_cycles;
      g_array_append_vals (latencies, workers[i].latencies->data, workers[i].latencies->len);
      g_array_unref (workers[i].latencies);
    }

  elapsed = g_get_monotonic_time () - start;
  sim_cpu = process_cpu_seconds (pd_sim_get_pid (sim)) - sim_cpu0;
  self_cpu = self_cpu_seconds () - self_cpu0;
  g_array_sort (latencies, compare_gint64);

  printf ("%-10s %8.0f requests/s  %9.0f registers/s  errors %" G_GUINT64_FORMAT
          "  bad values %" G_GUINT64_FORMAT "  late cycles %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
          "  latency p50 %" G_GINT64_FORMAT " µs p99 %" G_GINT64_FORMAT " µs"
          "  simulator CPU %.1f %% of one core  clients CPU %.1f %%\n",
          phase->name,
          requests / (elapsed / 1e6),
          requests * phase->registers_per_request / (elapsed / 1e6),
          errors, bad, late, cycles,
          latencies->len > 0 ? g_array_index (latencies, gint64, latencies->len / 2) : 0,
          latencies->len > 0 ? g_array_index (latencies, gint64, latencies->len * 99 / 100) : 0,
          100.0 * sim_cpu / (elapsed / 1e6),
          100.0 * self_cpu / (elapsed / 1e6));
  fflush (stdout);

  return errors == 0 && bad == 0;
}

int
main (int    argc,
      char **argv)
{
  static const Phase phases[] = {
    { "coalesced", 1, 100, TRUE },
    { "scattered", 10, 10, TRUE },
    { "flat-out", 1, 125, FALSE },
  };
  const char *args[] = { "--devices", G_STRINGIFY (N_DEVICES), NULL };
  g_autoptr(GError) error = NULL;
  PdSim *sim;
  double seconds = 5.0;
  gboolean ok = TRUE;

  if (argc < 2)
    {
      g_printerr ("Usage: %s PLANTDESK_SIM [SECONDS_PER_PHASE]\n", argv[0]);
      return 2;
    }
  g_setenv ("PLANTDESK_SIM", argv[1], TRUE);
  if (argc > 2)
    seconds = g_ascii_strtod (argv[2], NULL);

  sim = pd_sim_start (args, &error);
  if (sim == NULL)
    {
      g_printerr ("bench-sim: %s\n", error->message);
      return 1;
    }

  printf ("plantdesk-sim: %d devices on %d ports, %d client threads, %.0f s a phase, "
          "100 ms cycles\n", N_DEVICES, N_DEVICES, N_THREADS, seconds);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    ok = run_phase (sim, &phases[i], seconds) && ok;

  if (pd_sim_stop (sim) != 0)
    ok = FALSE;

  return ok ? 0 : 1;
}
