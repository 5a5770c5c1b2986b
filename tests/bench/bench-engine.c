/* bench-engine.c — the acquisition engine against plantdesk-sim: its
 * throughput beside a bare libmodbus loop, its read plans, and a line of
 * 100 devices × 100 tags with the historian
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-engine"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pd-bench-utils.h"
#include "pd-core.h"
#include "pd-engine-private.h"
#include "pd-historian-private.h"
#include "pd-modbus-planner.h"
#include "pd-sim-test-utils.h"
#include "pd-test-utils.h"

/* The simulator's bulk region (docs/plantdesk-sim.md): input register a
 * holds (a + t) mod 65536 and holding register a (2a + t) mod 65536, t the
 * whole simulated seconds since it started. */
#define BULK_START 1000
#define BULK_COUNT 1000

/* Defaults, each overridable from the environment for longer runs. */
#define DEFAULT_ROUNDS        5     /* PD_BENCH_ENGINE_ROUNDS */
#define DEFAULT_ROUND_S       2     /* PD_BENCH_ENGINE_ROUND_S: each side, each round */
#define DEFAULT_LINE_S        20    /* PD_BENCH_ENGINE_LINE_S: 1 s poll */
#define DEFAULT_FAST_S        10    /* PD_BENCH_ENGINE_FAST_S: 100 ms poll */
#define DEFAULT_DEVICES       100   /* PD_BENCH_ENGINE_DEVICES */
#define DEFAULT_TAGS          100   /* PD_BENCH_ENGINE_TAGS: per device, at most 1000 */

#define SCATTER_TAGS          200
#define SCATTER_SEED          20260301
#define START_DEADLINE_S      30

/* Node-RED + node-red-contrib-modbus polling 10,000 registers/s on this
 * machine (the reference), and Plantdesk's goals. */
#define NODE_RED_CPU_PERCENT  5.0
#define NODE_RED_RSS_MB       125.0
#define GOAL_CPU_PERCENT      (NODE_RED_CPU_PERCENT / 4)
#define GOAL_RSS_MB           (NODE_RED_RSS_MB / 2)
#define GOAL_RATIO            0.9

static gint64 sim_spawned;  /* monotonic µs: before the simulator started */
static gint64 sim_ready;    /* and once it said it was ready */
static gboolean failed;

static guint
env_uint (const char *name,
          guint       fallback,
          guint       min,
          guint       max)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || *text == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    {
      g_printerr ("%s=%s: not a number from %u to %u\n", name, text, min, max);
      exit (2);
    }
  return (guint) value;
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT met";
}

/* --- Processes ------------------------------------------------------------ */

/* CPU seconds PID has used, from /proc/PID/stat; -1 when unknown. */
static double
cpu_seconds_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  /* The command name may hold spaces: fields start after its ')'. */
  after = strrchr (text, ')');
  if (after == NULL)
    return -1;
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return -1;
  /* utime and stime are fields 14 and 15 of the line, 12 and 13 here. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL))
         / sysconf (_SC_CLK_TCK);
}

/* CPU seconds of this process's threads, by thread name: the engine's
 * workers ("pd-modbus"), the historian's writer ("pd-historian") and the
 * rest. From schedstat, which counts in ns: a worker's cycle is far
 * shorter than the clock tick that utime and stime are sampled at.
 * Threads that ended are left out, so take it while they run. */
typedef struct
{
  double workers;
  double historian;
  double other;
} ThreadCpu;

static ThreadCpu
cpu_seconds_by_thread (void)
{
  ThreadCpu cpu = { 0, };
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", name);
      g_autofree char *sched_path = g_strdup_printf ("/proc/self/task/%s/schedstat", name);
      g_autofree char *comm = NULL;
      g_autofree char *sched = NULL;
      double seconds;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL)
          || !g_file_get_contents (sched_path, &sched, NULL, NULL))
        continue;
      g_strstrip (comm);
      seconds = g_ascii_strtod (sched, NULL) / 1e9;
      if (g_str_equal (comm, "pd-modbus"))
        cpu.workers += seconds;
      else if (g_str_equal (comm, "pd-historian"))
        cpu.historian += seconds;
      else
        cpu.other += seconds;
    }

  return cpu;
}

/* A /proc/self/status figure in MB (VmHWM, VmRSS). */
static double
status_mb (const char *field)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_ascii_strtod (lines[i] + strlen (field) + 1, NULL) / 1024.0;
  return -1;
}

/* Starts the peak RSS afresh (Linux: "5" into clear_refs), so that each
 * part reports its own peak rather than the process's. */
static gboolean
reset_peak_rss (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  ok = fclose (file) == 0 && ok;
  return ok;
}

static PdSim *
start_sim (guint n_devices,
           guint n_units)
{
  PdSim *sim;

  sim_spawned = g_get_monotonic_time ();
  sim = pd_bench_sim_start (n_devices, n_units);
  sim_ready = g_get_monotonic_time ();
  return sim;
}

/* --- Checking values against the simulator -------------------------------- */

/* The t a bulk register's VALUE stands for. */
static inline guint
bulk_t (PdArea area,
        guint  address,
        guint  value)
{
  guint k = area == PD_AREA_HOLDING ? 2 : 1;

  return (value - k * address) & 0xffff;
}

/* Whether T is the simulator's second now, give or take the request's
 * own time: between the seconds since it was ready (less one, for a
 * value read just before a cycle's callback) and since it was spawned. */
static inline gboolean
bulk_t_is_live (guint  t,
                gint64 now)
{
  gint64 lo = (now - sim_ready) / G_USEC_PER_SEC - 1;
  gint64 hi = (now - sim_spawned) / G_USEC_PER_SEC;

  return (gint64) t >= lo && (gint64) t <= hi;
}

/* Values of one cycle, read block after block: each t must be the
 * previous one or the next second (a cycle may straddle one), and live. */
typedef struct
{
  gboolean started;
  guint    t;
} CycleCheck;

static inline gboolean
cycle_check (CycleCheck *check,
             guint       t,
             gint64      now)
{
  gboolean ok;

  if (!check->started)
    ok = bulk_t_is_live (t, now);
  else
    ok = t == check->t || t == ((check->t + 1) & 0xffff);
  check->started = TRUE;
  check->t = t;
  return ok;
}

/* --- Devices and tags ---------------------------------------------------- */

static PdDevice *
make_device (gint64 id,
             guint  port,
             guint  poll_ms)
{
  g_autofree char *name = g_strdup_printf ("bench%" G_GINT64_FORMAT, id);

  return pd_test_tcp_device_new (id, name, port, 1000, poll_ms);
}

static PdTag *
make_tag (gint64    id,
          gint64    device_id,
          PdArea    area,
          guint     address,
          PdTagType type)
{
  g_autofree char *name = g_strdup_printf ("t%" G_GINT64_FORMAT, id);

  return pd_test_tag_new (id, device_id, name, area, address, type, PD_ORDER_BIG, PD_ORDER_BIG);
}

/* --- (a) Throughput: the engine beside a bare libmodbus loop ------------- */

/* One uint16 tag on every register of the bulk region of both register
 * areas: every register read is decoded and delivered, the engine's worst
 * case per register. */
#define THROUGHPUT_UNITS 4
#define THROUGHPUT_TAG_ID(unit, area, address) ((gint64) (unit) * 1000000 + (area) * 100000 + (address))

typedef struct
{
  GMutex   lock;
  GCond    cond;
  guint64  cycles;
  guint64  values;     /* good values, each one register here */
  guint64  bad;        /* bad or stale */
  guint64  wrong;      /* good, but not what the simulator holds */
} Throughput;

static void
throughput_cb (PdEngine       *engine,
               const PdSample *samples,
               guint           n_samples,
               const gint64   *changed,
               guint           n_changed,
               gpointer        user_data)
{
  Throughput *tp = user_data;
  CycleCheck check = { 0, };
  gint64 now = g_get_monotonic_time ();
  guint64 good = 0, bad = 0, wrong = 0;

  for (guint i = 0; i < n_samples; i++)
    {
      const PdSample *s = &samples[i];
      PdArea area = (PdArea) (s->tag_id / 100000 % 10);
      guint address = s->tag_id % 100000;

      if (s->quality != PD_QUALITY_GOOD)
        {
          bad++;
          continue;
        }
      good++;
      if (!cycle_check (&check, bulk_t (area, address, (guint) s->value), now))
        wrong++;
    }

  g_mutex_lock (&tp->lock);
  if (n_samples > 0)
    tp->cycles++;
  tp->values += good;
  tp->bad += bad;
  tp->wrong += wrong;
  g_cond_broadcast (&tp->cond);
  g_mutex_unlock (&tp->lock);
}

typedef struct
{
  double   regs_per_s;
  guint64  registers;
  guint64  wrong;
  guint64  bad;
  double   cycle_ms;
} SideResult;

/* Reads the blocks of PLANS (one per unit) back to back for SECONDS,
 * checking each value as the engine's subscriber does. */
static SideResult
run_bare (const PdDevice *device,
          GPtrArray      *plans,
          guint           seconds)
{
  SideResult r = { 0, };
  guint16 registers[PD_DEVICE_MAX_BLOCK_REGISTERS];
  g_autofree char *service = g_strdup_printf ("%u", device->port);
  modbus_t *ctx = modbus_new_tcp_pi (device->host, service);
  guint64 cycles = 0;
  gint64 start, end;

  /* Plain libmodbus, set up as the engine sets up its own context. */
  modbus_set_response_timeout (ctx, device->timeout_ms / 1000, (device->timeout_ms % 1000) * 1000);
  modbus_set_byte_timeout (ctx, device->timeout_ms / 1000, (device->timeout_ms % 1000) * 1000);
  modbus_set_slave (ctx, device->unit_id);
  if (modbus_connect (ctx) == -1)
    {
      g_printerr ("bare loop: cannot connect: %s\n", modbus_strerror (errno));
      exit (1);
    }

  start = g_get_monotonic_time ();
  end = start + (gint64) seconds * G_USEC_PER_SEC;
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (now >= end)
        {
          end = now;
          break;
        }

      for (guint p = 0; p < plans->len; p++)
        {
          const PdReadPlan *plan = g_ptr_array_index (plans, p);
          const PdPollGroup *group = g_ptr_array_index (plan->groups, 0);
          /* Each unit is a device of its own, with its own clock. */
          CycleCheck check = { 0, };

          for (guint b = 0; b < group->blocks->len; b++)
            {
              const PdReadBlock *block = &g_array_index (group->blocks, PdReadBlock, b);
              int rc;

              modbus_set_slave (ctx, block->unit_id);
              if (block->area == PD_AREA_INPUT)
                rc = modbus_read_input_registers (ctx, block->start, block->count, registers);
              else
                rc = modbus_read_registers (ctx, block->start, block->count, registers);
              if (rc != (int) block->count)
                {
                  r.bad += block->count;
                  continue;
                }
              /* Checked against the clock after the answer, as the engine's
               * subscriber does. */
              now = g_get_monotonic_time ();
              for (guint i = 0; i < block->count; i++)
                if (!cycle_check (&check, bulk_t (block->area, block->start + i, registers[i]), now))
                  r.wrong++;
              r.registers += block->count;
            }
        }
      cycles++;
    }

  modbus_close (ctx);
  modbus_free (ctx);

  r.regs_per_s = r.registers / ((end - start) / 1e6);
  r.cycle_ms = cycles > 0 ? (end - start) / 1e3 / cycles : 0;
  return r;
}

typedef struct
{
  const PdDevice *device;
  GPtrArray      *plans;
  guint           seconds;
  SideResult      result;
} BareJob;

static gpointer
bare_thread (gpointer data)
{
  BareJob *job = data;

  job->result = run_bare (job->device, job->plans, job->seconds);
  return NULL;
}

/* The bare loop in a thread of its own, as the engine's worker is. */
static SideResult
run_bare_in_thread (const PdDevice *device,
                    GPtrArray      *plans,
                    guint           seconds)
{
  BareJob job = { device, plans, seconds, { 0, } };

  g_thread_join (g_thread_new ("bare-loop", bare_thread, &job));
  return job.result;
}

static SideResult
run_engine_throughput (GPtrArray *devices,
                       GPtrArray *tags,
                       guint      seconds)
{
  SideResult r = { 0, };
  g_autoptr(PdEngine) engine = pd_engine_new ();
  Throughput tp = { 0, };
  guint64 values0, cycles0, wrong0, bad0;
  gint64 start, end, deadline;
  guint sub;

  g_mutex_init (&tp.lock);
  g_cond_init (&tp.cond);

  pd_engine_configure (engine, devices, tags);
  sub = pd_engine_subscribe_direct (engine, throughput_cb, &tp, NULL);
  pd_engine_start (engine);

  /* Measured from the first delivered cycle, not from the connect. */
  deadline = g_get_monotonic_time () + START_DEADLINE_S * G_USEC_PER_SEC;
  g_mutex_lock (&tp.lock);
  while (tp.cycles < 2 * devices->len)
    if (!g_cond_wait_until (&tp.cond, &tp.lock, deadline))
      {
        g_mutex_unlock (&tp.lock);
        g_printerr ("engine: no values within %d s\n", START_DEADLINE_S);
        exit (1);
      }
  values0 = tp.values;
  cycles0 = tp.cycles;
  wrong0 = tp.wrong;
  bad0 = tp.bad;
  start = g_get_monotonic_time ();
  g_mutex_unlock (&tp.lock);

  g_usleep ((gulong) seconds * G_USEC_PER_SEC);

  g_mutex_lock (&tp.lock);
  end = g_get_monotonic_time ();
  r.registers = tp.values - values0;
  r.wrong = tp.wrong - wrong0;
  r.bad = tp.bad - bad0;
  /* A cycle here is one of every unit, as in the bare loop. */
  r.cycle_ms = tp.cycles > cycles0 ? (end - start) / 1e3 / ((double) (tp.cycles - cycles0) / devices->len) : 0;
  g_mutex_unlock (&tp.lock);

  pd_engine_unsubscribe (engine, sub);
  pd_engine_stop (engine);
  g_mutex_clear (&tp.lock);
  g_cond_clear (&tp.cond);

  r.regs_per_s = r.registers / ((end - start) / 1e6);
  return r;
}

static void
bench_throughput (PdSim *sim)
{
  guint rounds = env_uint ("PD_BENCH_ENGINE_ROUNDS", DEFAULT_ROUNDS, 1, 1000);
  guint seconds = env_uint ("PD_BENCH_ENGINE_ROUND_S", DEFAULT_ROUND_S, 1, 3600);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_device_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_read_plan_free);
  g_autofree double *bare = g_new0 (double, rounds);
  g_autofree double *eng = g_new0 (double, rounds);
  g_autofree double *ratio = g_new0 (double, rounds);
  g_autofree double *bare_ms = g_new0 (double, rounds);
  g_autofree double *eng_ms = g_new0 (double, rounds);
  PdDevice *device = NULL;
  guint plan_registers = 0, plan_requests = 0;
  guint64 wrong = 0, bad = 0, checked = 0;
  double ratio_of_medians;

  /* Units behind one port, as behind a gateway: one connection, one
   * worker. Each unit polled every 1 ms, far less than it takes to read
   * them all, so the worker always has a cycle due and never waits, as
   * the bare loop. (The engine's shortest interval is 1 ms; one unit's
   * cycle alone takes about that long, so with one unit the worker
   * would sometimes wait for its next slot.) */
  for (guint unit = 1; unit <= THROUGHPUT_UNITS; unit++)
    {
      g_autoptr(GPtrArray) unit_tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
      PdReadPlan *plan;
      const PdPollGroup *group;

      device = make_device (unit, pd_sim_get_port (sim, 0), 1);
      device->unit_id = unit;
      g_ptr_array_add (devices, device);
      for (PdArea area = PD_AREA_INPUT; area <= PD_AREA_HOLDING; area++)
        for (guint a = BULK_START; a < BULK_START + BULK_COUNT; a++)
          g_ptr_array_add (unit_tags, make_tag (THROUGHPUT_TAG_ID (unit, area, a), unit, area, a,
                                                PD_TAG_TYPE_UINT16));

      /* The bare loop reads exactly the engine's blocks. */
      plan = pd_read_plan_new (device, unit_tags, NULL, NULL, FALSE);
      g_assert_cmpuint (plan->groups->len, ==, 1);
      group = g_ptr_array_index (plan->groups, 0);
      for (guint b = 0; b < group->blocks->len; b++)
        plan_registers += g_array_index (group->blocks, PdReadBlock, b).count;
      plan_requests += group->blocks->len;
      g_ptr_array_add (plans, plan);

      for (guint i = 0; i < unit_tags->len; i++)
        g_ptr_array_add (tags, pd_tag_copy (g_ptr_array_index (unit_tags, i)));
    }

  printf ("(a) Throughput: the engine beside a bare libmodbus loop\n");
  printf ("    %u simulated units behind one TCP port on loopback, %u uint16 tags (one per\n"
          "    register of each unit's bulk region, input and holding), read as the engine's\n"
          "    plans: %u requests of up to %u registers, %u registers a cycle of all units.\n"
          "    Both sides read the same blocks over one TCP connection, back to back, and\n"
          "    check every value against the simulator's bulk formula; the engine also decodes\n"
          "    each into a tag value and hands each unit's cycle to a direct subscriber, which\n"
          "    counts and checks them. Each unit's poll interval is 1 ms, less than a cycle of\n"
          "    all units takes, so the worker always has a cycle due and never sleeps: both run\n"
          "    as fast as the link and the simulator allow. The sides take turns, %u s each,\n"
          "    %u rounds, the first side alternating.\n",
          THROUGHPUT_UNITS, tags->len, plan_requests, PD_DEVICE_MAX_BLOCK_REGISTERS, plan_registers,
          seconds, rounds);
  printf ("    %-6s %16s %10s %16s %10s %8s\n", "round", "bare regs/s", "cycle ms",
          "engine regs/s", "cycle ms", "ratio");

  for (guint r = 0; r < rounds; r++)
    {
      SideResult b, e;

      if (r % 2 == 0)
        {
          b = run_bare_in_thread (device, plans, seconds);
          e = run_engine_throughput (devices, tags, seconds);
        }
      else
        {
          e = run_engine_throughput (devices, tags, seconds);
          b = run_bare_in_thread (device, plans, seconds);
        }

      bare[r] = b.regs_per_s;
      eng[r] = e.regs_per_s;
      bare_ms[r] = b.cycle_ms;
      eng_ms[r] = e.cycle_ms;
      ratio[r] = e.regs_per_s / b.regs_per_s;
      wrong += b.wrong + e.wrong;
      bad += b.bad + e.bad;
      checked += b.registers + e.registers;
      printf ("    %-6u %16.0f %10.3f %16.0f %10.3f %8.3f\n", r + 1, b.regs_per_s, b.cycle_ms,
              e.regs_per_s, e.cycle_ms, ratio[r]);
    }

  ratio_of_medians = pd_bench_median (eng, rounds) / pd_bench_median (bare, rounds);
  printf ("    %-6s %16.0f %10.3f %16.0f %10.3f %8.3f\n", "median",
          pd_bench_median (bare, rounds), pd_bench_median (bare_ms, rounds),
          pd_bench_median (eng, rounds), pd_bench_median (eng_ms, rounds),
          pd_bench_median (ratio, rounds));
  {
    double best_bare = 0, best_eng = 0;

    for (guint r = 0; r < rounds; r++)
      {
        best_bare = MAX (best_bare, bare[r]);
        best_eng = MAX (best_eng, eng[r]);
      }
    /* The machine's other load only ever slows a side down: the best
     * round of each is the least disturbed. */
    printf ("    %-6s %16.0f %10s %16.0f %10s %8.3f\n", "best", best_bare, "", best_eng, "",
            best_eng / best_bare);
  }
  printf ("    engine / bare: %.3f (median of the rounds' ratios; %.3f as the ratio of the medians);"
          " goal >= %.1f: %s\n",
          pd_bench_median (ratio, rounds), ratio_of_medians, GOAL_RATIO,
          verdict (pd_bench_median (ratio, rounds) >= GOAL_RATIO));
  printf ("    values checked: %" G_GUINT64_FORMAT ", wrong: %" G_GUINT64_FORMAT
          ", bad: %" G_GUINT64_FORMAT "\n\n", checked, wrong, bad);

  if (wrong > 0 || bad > 0 || checked == 0)
    failed = TRUE;
}

/* --- (b) A scattered tag set: the plan's requests and the optimum --------- */

typedef struct
{
  guint address;
  guint width;
} Span;

static int
compare_spans (const void *a,
               const void *b)
{
  const Span *x = a;
  const Span *y = b;

  if (x->address != y->address)
    return x->address < y->address ? -1 : 1;
  return x->width > y->width ? -1 : (x->width < y->width);
}

/* The fewest requests that read TAGS under the planner's rules: a block
 * reads a run of neighbours (sorted by address) in which no tag starts
 * more than the device's max gap after the end of what the block already
 * reads, and which spans at most the area's limit. A tag inside a block's
 * span is read by it anyway, so blocks are runs of the sorted tags and a
 * dynamic programme over where each run ends is exhaustive:
 * best[i] = 1 + min over valid runs i … j − 1 of best[j]. */
static guint
optimum_requests (const PdDevice *device,
                  GPtrArray      *tags)
{
  guint total = 0;

  for (PdArea area = 0; area < PD_N_AREAS; area++)
    {
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_autofree guint *best = NULL;
      gboolean bits = pd_area_is_bits (area);
      guint max_gap = bits ? 16 * device->max_gap : device->max_gap;
      guint limit = pd_read_plan_get_limit (device, area);
      guint n;

      for (guint i = 0; i < tags->len; i++)
        {
          const PdTag *tag = g_ptr_array_index (tags, i);
          Span span = { tag->address, bits ? 1 : pd_tag_type_get_width (tag->type) };

          if (tag->area == area)
            g_array_append_val (spans, span);
        }
      n = spans->len;
      if (n == 0)
        continue;
      g_array_sort (spans, compare_spans);

      best = g_new0 (guint, n + 1);
      best[n] = 0;
      for (guint i = n; i-- > 0;)
        {
          const Span *first = &g_array_index (spans, Span, i);
          guint end = first->address + first->width;

          best[i] = 1 + best[i + 1];
          for (guint j = i + 1; j < n; j++)
            {
              const Span *next = &g_array_index (spans, Span, j);
              guint gap = next->address > end ? next->address - end : 0;
              guint new_end = MAX (end, next->address + next->width);

              if (gap > max_gap || new_end - first->address > limit)
                break;
              end = new_end;
              best[i] = MIN (best[i], 1 + best[j + 1]);
            }
        }
      total += best[0];
    }

  return total;
}

static void
cycles_cb (PdEngine       *engine,
           const PdSample *samples,
           guint           n_samples,
           const gint64   *changed,
           guint           n_changed,
           gpointer        user_data)
{
  Throughput *tp = user_data;
  guint64 good = 0;

  for (guint i = 0; i < n_samples; i++)
    good += samples[i].quality == PD_QUALITY_GOOD;

  g_mutex_lock (&tp->lock);
  if (n_samples > 0)
    tp->cycles++;
  tp->values += good;
  tp->bad += n_samples - good;
  g_cond_broadcast (&tp->cond);
  g_mutex_unlock (&tp->lock);
}

static void
bench_scattered (PdSim *sim)
{
  static const PdTagType types[] = {
    PD_TAG_TYPE_UINT16, PD_TAG_TYPE_INT16, PD_TAG_TYPE_UINT32,
    PD_TAG_TYPE_INT32, PD_TAG_TYPE_FLOAT32, PD_TAG_TYPE_FLOAT64,
  };
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_device_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(PdDeviceStatus) status = NULL;
  g_autoptr(PdReadPlan) plan = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SCATTER_SEED);
  PdDevice *device;
  Throughput tp = { 0, };
  guint optimum, requests, tag_registers = 0, plan_registers = 0;
  guint64 good_last_cycles;
  gint64 deadline;
  guint sub;

  device = make_device (1, pd_sim_get_port (sim, 0), 100);
  g_ptr_array_add (devices, device);

  /* Random addresses over both register areas (0 … 3999 in all), widths
   * of 1, 2 and 4 registers mixed. */
  for (guint i = 0; i < SCATTER_TAGS; i++)
    {
      PdTagType type = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
      guint width = pd_tag_type_get_width (type);
      guint where = g_rand_int_range (rand, 0, 4000);
      PdArea area = where < 2000 ? PD_AREA_INPUT : PD_AREA_HOLDING;
      guint address = MIN (where % 2000, 2000 - width);

      g_ptr_array_add (tags, make_tag (i + 1, 1, area, address, type));
      tag_registers += width;
    }

  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  for (guint g = 0; g < plan->groups->len; g++)
    {
      const PdPollGroup *group = g_ptr_array_index (plan->groups, g);

      for (guint b = 0; b < group->blocks->len; b++)
        plan_registers += g_array_index (group->blocks, PdReadBlock, b).count;
    }
  optimum = optimum_requests (device, tags);

  /* What the engine actually does against the simulator: a few cycles,
   * then its own count of requests a cycle. */
  g_mutex_init (&tp.lock);
  g_cond_init (&tp.cond);
  pd_engine_configure (engine, devices, tags);
  sub = pd_engine_subscribe_direct (engine, cycles_cb, &tp, NULL);
  pd_engine_start (engine);
  deadline = g_get_monotonic_time () + START_DEADLINE_S * G_USEC_PER_SEC;
  g_mutex_lock (&tp.lock);
  while (tp.cycles < 5)
    if (!g_cond_wait_until (&tp.cond, &tp.lock, deadline))
      {
        g_mutex_unlock (&tp.lock);
        g_printerr ("scattered: no values within %d s\n", START_DEADLINE_S);
        exit (1);
      }
  good_last_cycles = tp.values;
  g_mutex_unlock (&tp.lock);
  status = pd_engine_dup_status (engine, 1);
  pd_engine_unsubscribe (engine, sub);
  pd_engine_stop (engine);
  g_mutex_clear (&tp.lock);
  g_cond_clear (&tp.cond);

  requests = status->requests_per_cycle;

  printf ("(b) A scattered tag set: %u tags at random addresses over input and holding registers\n"
          "    0 … 1999 each (seed %u), types uint16, int16, uint32, int32, float32, float64;\n"
          "    max gap %u registers, max block %u registers\n",
          SCATTER_TAGS, SCATTER_SEED, device->max_gap, pd_read_plan_get_limit (device, PD_AREA_INPUT));
  printf ("    requests a cycle, the engine against the simulator: %u\n", requests);
  printf ("    requests a cycle, the planner's optimum (exhaustive DP):  %u  -> %s\n", optimum,
          requests == optimum ? "equal" : "NOT equal");
  printf ("    one request per tag:                                    %u  -> ratio %.3f (%.1f tags a request)\n",
          SCATTER_TAGS, (double) requests / SCATTER_TAGS, (double) SCATTER_TAGS / requests);
  printf ("    registers a cycle: %u read for %u held by tags (%.2f x)\n", plan_registers,
          tag_registers, (double) plan_registers / tag_registers);
  printf ("    cycles run: %" G_GUINT64_FORMAT ", good values: %" G_GUINT64_FORMAT
          ", bad: %" G_GUINT64_FORMAT ", exceptions remembered: %u, errors: %" G_GUINT64_FORMAT "\n\n",
          tp.cycles, good_last_cycles, tp.bad, status->bad_addresses->len, status->errors);

  if (requests != optimum || requests != pd_read_plan_count_requests (plan)
      || status->bad_addresses->len > 0 || status->errors > 0 || good_last_cycles == 0)
    failed = TRUE;
}

/* --- (c), (d) A line of devices with the historian ----------------------- */

/* Tag k of device d (1-based) reads input register BULK_START + k. */
#define LINE_TAG_ID(device, k) ((gint64) (device) * 1000 + (k))

typedef struct
{
  PdHistorian *historian;
  guint        history_batch_ms;  /* 0: append each cycle as delivered */
  GArray      *held;              /* PdSample, under LOCK */
  gint64       held_since;
  GMutex       lock;
  GCond        cond;
  guint64      batches;
  guint64      values;
  guint64      bad;
  guint64      wrong;
} Line;

static void
line_cb (PdEngine       *engine,
         const PdSample *samples,
         guint           n_samples,
         const gint64   *changed,
         guint           n_changed,
         gpointer        user_data)
{
  Line *line = user_data;
  CycleCheck check = { 0, };
  gint64 now = g_get_monotonic_time ();
  guint64 good = 0, wrong = 0;

  /* Every value goes to the historian, as PdAcquisition does; or, to
   * see what larger batches would save, gathered here first. */
  if (n_samples > 0 && line->history_batch_ms == 0)
    pd_historian_append (line->historian, samples, n_samples);
  else if (n_samples > 0)
    {
      g_autoptr(GArray) full = NULL;

      g_mutex_lock (&line->lock);
      if (line->held->len == 0)
        line->held_since = now;
      g_array_append_vals (line->held, samples, n_samples);
      if (now - line->held_since >= (gint64) line->history_batch_ms * 1000)
        {
          full = line->held;
          line->held = g_array_new (FALSE, FALSE, sizeof (PdSample));
        }
      g_mutex_unlock (&line->lock);
      if (full != NULL)
        pd_historian_append (line->historian, (const PdSample *) full->data, full->len);
    }

  for (guint i = 0; i < n_samples; i++)
    {
      const PdSample *s = &samples[i];
      guint address = BULK_START + s->tag_id % 1000;

      if (s->quality != PD_QUALITY_GOOD)
        continue;
      good++;
      if (!cycle_check (&check, bulk_t (PD_AREA_INPUT, address, (guint) s->value), now))
        wrong++;
    }

  g_mutex_lock (&line->lock);
  if (n_samples > 0)
    line->batches++;
  line->values += good;
  line->bad += n_samples - good;
  line->wrong += wrong;
  g_cond_broadcast (&line->cond);
  g_mutex_unlock (&line->lock);
}

typedef struct
{
  guint64 cycles;
  guint64 late;
} Counts;

static Counts
sum_status (PdEngine *engine,
            guint     n_devices,
            guint    *n_online)
{
  Counts c = { 0, };

  *n_online = 0;
  for (guint d = 1; d <= n_devices; d++)
    {
      g_autoptr(PdDeviceStatus) status = pd_engine_dup_status (engine, d);

      c.cycles += status->cycles;
      c.late += status->late_cycles;
      if (status->state == PD_DEVICE_STATE_ONLINE)
        (*n_online)++;
    }
  return c;
}

static void
bench_line (PdSim      *sim,
            const char *label,
            guint       poll_ms,
            guint       seconds)
{
  guint n_devices = pd_sim_get_n_ports (sim);
  guint n_tags = env_uint ("PD_BENCH_ENGINE_TAGS", DEFAULT_TAGS, 1, BULK_COUNT);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_device_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) raw = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(PdEngine) engine = NULL;
  g_autoptr(PdDeviceStatus) status = NULL;
  gboolean peak_reset = reset_peak_rss ();
  Line line = { 0, };
  Counts before, after;
  ThreadCpu threads0, threads1;
  guint n_online = 0;
  guint64 values0, values1, wrong0, wrong1, bad0, bad1;
  double cpu0, cpu1, sim_cpu0, sim_cpu1, cpu_percent, sim_percent, peak_mb, rss_mb, span_s;
  gint64 t0, t1, real0, deadline;
  guint64 expected;
  guint sub;

  dir = g_dir_make_tmp ("plantdesk-bench-engine-XXXXXX", &error);
  g_assert_no_error (error);
  line.historian = pd_historian_open (dir, &error);
  g_assert_no_error (error);
  g_mutex_init (&line.lock);
  g_cond_init (&line.cond);
  line.history_batch_ms = env_uint ("PD_BENCH_ENGINE_HISTORY_BATCH_MS", 0, 0, 60000);
  line.held = g_array_new (FALSE, FALSE, sizeof (PdSample));

  for (guint d = 1; d <= n_devices; d++)
    {
      g_ptr_array_add (devices, make_device (d, pd_sim_get_port (sim, d - 1), poll_ms));
      for (guint k = 0; k < n_tags; k++)
        g_ptr_array_add (tags, make_tag (LINE_TAG_ID (d, k), d, PD_AREA_INPUT, BULK_START + k,
                                         PD_TAG_TYPE_UINT16));
    }

  engine = pd_engine_new ();
  pd_engine_configure (engine, devices, tags);
  sub = pd_engine_subscribe_direct (engine, line_cb, &line, NULL);
  pd_engine_start (engine);

  /* Measured once every device is online and has run a few cycles. */
  deadline = g_get_monotonic_time () + START_DEADLINE_S * G_USEC_PER_SEC;
  for (;;)
    {
      guint64 batches;

      g_mutex_lock (&line.lock);
      batches = line.batches;
      if (batches < 2 * (guint64) n_devices
          && !g_cond_wait_until (&line.cond, &line.lock, deadline))
        {
          g_mutex_unlock (&line.lock);
          g_printerr ("%s: not every device answered within %d s\n", label, START_DEADLINE_S);
          exit (1);
        }
      batches = line.batches;
      g_mutex_unlock (&line.lock);

      if (batches >= 2 * (guint64) n_devices)
        {
          sum_status (engine, n_devices, &n_online);
          if (n_online == n_devices)
            break;
          if (g_get_monotonic_time () > deadline)
            {
              g_printerr ("%s: only %u of %u devices online\n", label, n_online, n_devices);
              exit (1);
            }
        }
    }

  g_mutex_lock (&line.lock);
  values0 = line.values;
  wrong0 = line.wrong;
  bad0 = line.bad;
  g_mutex_unlock (&line.lock);
  before = sum_status (engine, n_devices, &n_online);
  cpu0 = pd_bench_process_cpu_seconds ();
  threads0 = cpu_seconds_by_thread ();
  sim_cpu0 = cpu_seconds_of (pd_sim_get_pid (sim));
  t0 = g_get_monotonic_time ();
  real0 = g_get_real_time ();

  g_usleep ((gulong) seconds * G_USEC_PER_SEC);

  t1 = g_get_monotonic_time ();
  cpu1 = pd_bench_process_cpu_seconds ();
  threads1 = cpu_seconds_by_thread ();
  sim_cpu1 = cpu_seconds_of (pd_sim_get_pid (sim));
  after = sum_status (engine, n_devices, &n_online);
  g_mutex_lock (&line.lock);
  values1 = line.values;
  wrong1 = line.wrong;
  bad1 = line.bad;
  g_mutex_unlock (&line.lock);

  pd_engine_unsubscribe (engine, sub);
  pd_engine_stop (engine);
  pd_historian_append (line.historian, (const PdSample *) line.held->data, line.held->len);
  g_array_unref (line.held);

  /* The historian holds what was delivered: one tag's samples of the
   * measured span, read back. */
  g_assert_true (pd_historian_flush (line.historian, &error));
  g_assert_no_error (error);
  raw = pd_historian_read_raw (line.historian, LINE_TAG_ID (n_devices, n_tags - 1),
                               real0, real0 + (t1 - t0), &error);
  g_assert_no_error (error);
  status = pd_engine_dup_status (engine, n_devices);
  peak_mb = status_mb ("VmHWM");
  rss_mb = status_mb ("VmRSS");

  span_s = (t1 - t0) / 1e6;
  cpu_percent = 100.0 * (cpu1 - cpu0) / span_s;
  sim_percent = sim_cpu0 >= 0 && sim_cpu1 >= 0 ? 100.0 * (sim_cpu1 - sim_cpu0) / span_s : -1;
  expected = (guint64) llround (n_devices * span_s * 1000.0 / poll_ms);

  printf ("%s %u devices x %u tags at a %u ms poll (%.0f values/s asked), engine + historian,\n"
          "    for %.1f s (each device its own TCP port of plantdesk-sim, tags on its bulk region;\n"
          "    a direct subscriber appends every value to the historian in a temporary history.db\n"
          "    and checks it)\n",
          label, n_devices, n_tags, poll_ms, n_devices * n_tags * 1000.0 / poll_ms, span_s);
  printf ("    cycles: %" G_GUINT64_FORMAT " run, %" G_GUINT64_FORMAT " expected (%u devices x %.1f s / %u ms)\n",
          after.cycles - before.cycles, expected, n_devices, span_s, poll_ms);
  printf ("    late cycles (sum of late_cycles over devices): %" G_GUINT64_FORMAT
          " -> on time: %" G_GUINT64_FORMAT " (%.3f %%)\n",
          after.late - before.late, after.cycles - before.cycles - (after.late - before.late),
          after.cycles > before.cycles
          ? 100.0 * (after.cycles - before.cycles - (after.late - before.late)) / (after.cycles - before.cycles)
          : 0.0);
  printf ("    values delivered: %.0f/s (%" G_GUINT64_FORMAT " good, %" G_GUINT64_FORMAT " bad or stale, %"
          G_GUINT64_FORMAT " wrong), devices online at the end: %u/%u\n",
          (values1 - values0) / span_s, values1 - values0, bad1 - bad0, wrong1 - wrong0,
          n_online, n_devices);
  printf ("    CPU of this process (engine + historian): %.2f %% of one core"
          " (Node-RED: %.1f %%; goal <= %.2f %%: %s)\n",
          cpu_percent, NODE_RED_CPU_PERCENT, GOAL_CPU_PERCENT, verdict (cpu_percent <= GOAL_CPU_PERCENT));
  printf ("      by thread: engine workers %.2f %%, historian writer %.2f %%, others %.2f %%\n",
          100.0 * (threads1.workers - threads0.workers) / span_s,
          100.0 * (threads1.historian - threads0.historian) / span_s,
          100.0 * (threads1.other - threads0.other) / span_s);
  printf ("    peak RSS (VmHWM%s): %.1f MB, RSS at the end %.1f MB"
          " (Node-RED: %.0f MB; goal <= %.1f MB: %s)\n",
          peak_reset ? ", reset before this part" : ", of the whole run", peak_mb, rss_mb,
          NODE_RED_RSS_MB, GOAL_RSS_MB, verdict (peak_mb <= GOAL_RSS_MB));
  if (sim_percent >= 0)
    printf ("    plantdesk-sim (another process, not counted above): %.2f %% of one core\n", sim_percent);
  printf ("    historian: %u samples of one tag in the span read back, %" G_GUINT64_FORMAT " dropped;"
          " that device's latency p50 %" G_GUINT64_FORMAT " us, p99 %" G_GUINT64_FORMAT " us\n\n",
          raw->len, _pd_historian_get_dropped (line.historian),
          status->latency_p50, status->latency_p99);

  if (wrong1 != wrong0 || values1 == values0 || bad1 != bad0 || raw->len == 0
      || _pd_historian_get_dropped (line.historian) > 0)
    failed = TRUE;

  g_clear_object (&engine);
  g_clear_object (&line.historian);
  g_mutex_clear (&line.lock);
  g_cond_clear (&line.cond);
  pd_bench_remove_data_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  guint n_devices = env_uint ("PD_BENCH_ENGINE_DEVICES", DEFAULT_DEVICES, 1, 1000);
  guint line_s = env_uint ("PD_BENCH_ENGINE_LINE_S", DEFAULT_LINE_S, 1, 86400);
  guint fast_s = env_uint ("PD_BENCH_ENGINE_FAST_S", DEFAULT_FAST_S, 1, 86400);
  const char *parts = g_getenv ("PD_BENCH_ENGINE_PARTS");
  PdSim *sim;

  if (parts == NULL || *parts == '\0')
    parts = "abcd";

  pd_core_init ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (g_getenv ("PLANTDESK_SIM") == NULL)
    {
      g_printerr ("PLANTDESK_SIM does not name plantdesk-sim: skipped\n");
      return 77;
    }

  printf ("Acquisition engine benchmark (release build recommended; durations from\n"
          "PD_BENCH_ENGINE_ROUNDS, _ROUND_S, _LINE_S, _FAST_S; sizes from _DEVICES, _TAGS;\n"
          "PD_BENCH_ENGINE_PARTS=abcd chooses the parts)\n\n");

  if (strchr (parts, 'a') != NULL || strchr (parts, 'b') != NULL)
    {
      sim = start_sim (1, THROUGHPUT_UNITS);
      if (strchr (parts, 'a') != NULL)
        bench_throughput (sim);
      if (strchr (parts, 'b') != NULL)
        bench_scattered (sim);
      pd_sim_stop (sim);
    }

  if (strchr (parts, 'c') != NULL || strchr (parts, 'd') != NULL)
    {
      sim = start_sim (n_devices, 1);
      if (strchr (parts, 'c') != NULL)
        bench_line (sim, "(c)", 1000, line_s);
      if (strchr (parts, 'd') != NULL)
        bench_line (sim, "(d)", 100, fast_s);
      pd_sim_stop (sim);
    }

  if (failed)
    {
      printf ("FAILED: some values were wrong or missing, or a plan was not optimal (see above)\n");
      return 1;
    }
  return 0;
}
