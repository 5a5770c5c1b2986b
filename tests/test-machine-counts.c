/* test-machine-counts.c — machine counts from plantdesk-sim's station
 * counters reported to running operations: baselines, increments, a wrap
 * at 2³², a counter reset, pauses, refusals and manual reports beside
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-machine-counts"

#include "config.h"

#include "pd-acquisition.h"
#include "pd-machine-counts.h"
#include "pd-sim-test-utils.h"
#include "pd-store-devices.h"
#include "pd-store-mes.h"
#include "pd-store-work-orders.h"
#include "pd-test-utils.h"

#define TIMEOUT_S 60.0
#define TOP32 G_GINT64_CONSTANT (4294967294)   /* 2³² − 2 */

typedef struct
{
  char            *dir;
  PdStore         *store;
  PdUser          *supervisor;
  PdUser          *operator;
  PdSim           *sim;
  PdDevice        *device;
  PdTag           *good;
  PdTag           *scrap;
  gint64           wc_id;
  char            *number;
  PdAcquisition   *acquisition;
  PdMachineCounts *counts;
  guint            wo_changed;   /* "work-orders-changed" on the station's store */
} Fixture;

static void
wo_changed_cb (PdStore *store,
               Fixture *f)
{
  f->wo_changed++;
}

/* --- Helpers ------------------------------------------------------------- */

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*CheckFunc) (Fixture *f, gconstpointer data);

/* Runs the main loop until CHECK holds or SECONDS pass. */
static gboolean
wait_until (Fixture       *f,
            CheckFunc      check,
            gconstpointer  data,
            double         seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean ok;

  while (!(ok = check (f, data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

static void
sim (Fixture    *f,
     const char *command)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_sim_command (f->sim, command, &error));
  g_assert_no_error (error);
}

/* Sets station 1's good (or scrap) counter to VALUE, one register at a
 * time, high word first. */
static void
set_counter (Fixture  *f,
             gboolean  scrap,
             gint64    value)
{
  g_autoptr(GError) error = NULL;
  guint address = scrap ? 12 : 10;

  g_assert_true (pd_sim_commandf (f->sim, &error, "set input %u %u", address,
                                  (guint) ((value >> 16) & 0xffff)));
  g_assert_true (pd_sim_commandf (f->sim, &error, "set input %u %u", address + 1,
                                  (guint) (value & 0xffff)));
  g_assert_no_error (error);
}

static gboolean
check_value (Fixture       *f,
             gconstpointer  data)
{
  const gint64 *want = data;   /* tag id, value */
  PdSample sample;

  return pd_acquisition_lookup_value (f->acquisition, want[0], &sample)
         && sample.quality == PD_QUALITY_GOOD && (gint64) sample.value == want[1];
}

/* Waits until the acquisition read VALUE from TAG (so the counter saw it
 * in the same cycle), then has the counts reported. */
static void
wait_value (Fixture *f,
            PdTag   *tag,
            gint64   value)
{
  gint64 want[2] = { tag->id, value };

  g_assert_true (wait_until (f, check_value, want, TIMEOUT_S));
  pd_machine_counts_flush (f->counts);
}

/* Operation 10's good and scrap parts, as the store has them. */
static void
op_counts (Fixture *f,
           PdQty   *good,
           PdQty   *scrap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkOrder) wo = pd_store_find_work_order (f->store, f->number, &error);
  PdWoOperation *op;

  g_assert_no_error (error);
  op = pd_work_order_get_operation (wo, 10);
  g_assert_nonnull (op);
  *good = op->good;
  *scrap = op->scrap;
}

static gboolean
check_op (Fixture       *f,
          gconstpointer  data)
{
  const PdQty *want = data;   /* good, scrap */
  PdQty good, scrap;

  op_counts (f, &good, &scrap);
  return good == want[0] && scrap == want[1];
}

static void
assert_op (Fixture *f,
           gint64   good,
           gint64   scrap)
{
  PdQty want[2] = { good * PD_QTY_ONE, scrap * PD_QTY_ONE };

  PdQty have_good, have_scrap;

  if (!wait_until (f, check_op, want, TIMEOUT_S))
    {
      op_counts (f, &have_good, &have_scrap);
      g_assert_cmpint (have_good, ==, want[0]);
      g_assert_cmpint (have_scrap, ==, want[1]);
    }
}

static PdMachineCountsStatus *
dup_status (Fixture *f)
{
  PdMachineCountsStatus *status = pd_machine_counts_dup_status (f->counts, f->wc_id);

  g_assert_nonnull (status);
  return status;
}

static gboolean
check_counting (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PdMachineCountsStatus) status = pd_machine_counts_dup_status (f->counts, f->wc_id);

  return status != NULL && status->counting;
}

static void
op_action (Fixture    *f,
           PdWoAction  action)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_store_work_order_action (f->store, f->operator, f->number, action, 10, &error));
  g_assert_no_error (error);
}

/* Reads station 1's counters from the simulator directly. */
static void
read_counters (Fixture *f,
               gint64  *good,
               gint64  *scrap)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GArray) samples = NULL;

  g_ptr_array_add (tags, f->good);
  g_ptr_array_add (tags, f->scrap);
  samples = pd_engine_read_once (f->device, tags, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (samples, PdSample, 0).quality, ==, PD_QUALITY_GOOD);
  g_assert_cmpint (g_array_index (samples, PdSample, 1).quality, ==, PD_QUALITY_GOOD);
  *good = (gint64) g_array_index (samples, PdSample, 0).value;
  *scrap = (gint64) g_array_index (samples, PdSample, 1).value;
}

/* --- Fixture ----------------------------------------------------------- */

static PdTag *
add_counter_tag (Fixture    *f,
                 PdUser     *admin,
                 const char *name,
                 guint       address)
{
  g_autoptr(PdTag) template = pd_test_tag_new (0, f->device->id, name, PD_AREA_INPUT, address,
                                               PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG);
  g_autoptr(GError) error = NULL;
  PdTag *tag = pd_store_add_tag (f->store, admin, template, &error);

  g_assert_no_error (error);
  return tag;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) admin = NULL;
  g_autoptr(PdDevice) template = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  PdShift shift = { 0, };

  f->sim = pd_sim_start (NULL, &error);
  g_assert_no_error (error);
  /* The line stands still: the counters move only when the test says. */
  sim (f, "set coil 0 0");
  sim (f, "set holding 1 100");

  f->store = pd_test_store_open_populated (&f->dir);
  admin = pd_test_login (f->store, "admin");
  f->supervisor = pd_test_login (f->store, "supervisor");
  f->operator = pd_test_login (f->store, "operator");

  template = pd_test_tcp_device_new (0, "PLC1", pd_sim_get_port (f->sim, 0), 1000, 50);
  f->device = pd_store_add_device (f->store, admin, template, &error);
  g_assert_no_error (error);
  f->good = add_counter_tag (f, admin, "st1_good", 10);
  f->scrap = add_counter_tag (f, admin, "st1_scrap", 12);

  pd_test_add_item (f->store, admin, "P", "pcs", NULL, FALSE);
  wc->code = g_strdup ("PRESS1");
  wc->name = g_strdup ("Press 1");
  wc->good_tag = g_strdup ("PLC1/st1_good");
  wc->scrap_tag = g_strdup ("PLC1/st1_scrap");
  g_assert_true (pd_shift_parse ("mon-sun:00:00-23:59", &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wc->good_tag_id, ==, f->good->id);
  f->wc_id = wc->id;

  routing->product_sku = g_strdup ("P");
  g_ptr_array_add (routing->ops, pd_routing_op_new (10, "PRESS1", 0, G_USEC_PER_SEC));
  g_assert_true (pd_store_set_routing (f->store, f->supervisor, routing, &error));
  g_assert_no_error (error);

  wo->product_sku = g_strdup ("P");
  wo->qty = 1000 * PD_QTY_ONE;
  wo->due = g_strdup ("2099-01-01T12:00:00Z");
  g_assert_true (pd_store_create_work_order (f->store, f->supervisor, wo, NULL, &error));
  g_assert_no_error (error);
  f->number = g_strdup (wo->number);
  for (PdWoAction a = PD_WO_ACTION_RELEASE; a <= PD_WO_ACTION_ISSUE; a++)
    {
      g_assert_true (pd_store_work_order_action (f->store, f->supervisor, f->number, a, 0, &error));
      g_assert_no_error (error);
    }
  op_action (f, PD_WO_ACTION_START);

  set_counter (f, FALSE, 100);
  set_counter (f, TRUE, 3);

  f->acquisition = pd_acquisition_new (f->store, NULL);
  f->counts = pd_machine_counts_new (f->dir);
  pd_machine_counts_start (f->counts);
  pd_acquisition_set_machine_counts (f->acquisition, f->counts);
  pd_acquisition_start (f->acquisition);
  g_assert_true (wait_until (f, check_counting, NULL, TIMEOUT_S));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  pd_acquisition_stop (f->acquisition);
  pd_acquisition_set_machine_counts (f->acquisition, NULL);
  pd_machine_counts_stop (f->counts);
  g_assert_finalize_object (f->counts);
  g_assert_finalize_object (f->acquisition);
  g_clear_pointer (&f->device, pd_device_free);
  g_clear_pointer (&f->good, pd_tag_free);
  g_clear_pointer (&f->scrap, pd_tag_free);
  g_clear_pointer (&f->number, g_free);
  g_clear_object (&f->supervisor);
  g_clear_object (&f->operator);
  g_assert_cmpint (pd_sim_stop (g_steal_pointer (&f->sim)), ==, 0);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

/* --- Tests --------------------------------------------------------------- */

/* Increments arrive as machine reports without a user; the baseline was
 * not counted; a manual report adds to the same operation. */
static void
test_counts_reported (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(PdMachineCountsStatus) status = NULL;
  guint n_machine = 0, n_manual = 0;

  /* The baseline (100 good, 3 scrap) counts nothing. */
  pd_machine_counts_flush (f->counts);
  assert_op (f, 0, 0);

  g_signal_connect (f->store, "work-orders-changed", G_CALLBACK (wo_changed_cb), f);
  set_counter (f, FALSE, 130);
  set_counter (f, TRUE, 5);
  wait_value (f, f->good, 130);
  wait_value (f, f->scrap, 5);
  assert_op (f, 30, 2);

  /* The counter's thread wrote them; the station's views hear of it. */
  {
    gint64 deadline = g_get_monotonic_time () + (gint64) (TIMEOUT_S * G_USEC_PER_SEC);

    while (f->wo_changed == 0 && g_get_monotonic_time () < deadline)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    g_assert_cmpuint (f->wo_changed, >, 0);
  }

  /* An operator's correction by hand, beside the machine. */
  g_assert_true (pd_store_report_operation (f->store, f->operator, f->number, 10, PD_QTY_ONE, 0,
                                            PD_SCRAP_OTHER, "manual", &error));
  g_assert_no_error (error);
  set_counter (f, FALSE, 131);
  wait_value (f, f->good, 131);
  assert_op (f, 32, 2);

  events = pd_store_list_work_order_events (f->store, f->number, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      const PdWoEvent *event = g_ptr_array_index (events, i);

      if (event->kind != PD_WO_ACTION_REPORT)
        continue;
      if (g_strcmp0 (event->source, "machine") == 0)
        {
          g_assert_null (event->user);
          if (event->scrap > 0)
            g_assert_cmpstr (event->reason, ==, "machine");
          n_machine++;
        }
      else
        {
          g_assert_cmpstr (event->source, ==, "manual");
          g_assert_cmpstr (event->user, ==, "operator");
          n_manual++;
        }
    }
  g_assert_cmpuint (n_machine, >=, 2);
  g_assert_cmpuint (n_manual, ==, 1);

  status = dup_status (f);
  g_assert_cmpint (status->reported_good, ==, 31 * PD_QTY_ONE);
  g_assert_cmpint (status->reported_scrap, ==, 2 * PD_QTY_ONE);
  g_assert_cmpint (status->unassigned_good, ==, 0);
  g_assert_cmpstr (status->last_number, ==, f->number);
  g_assert_cmpuint (status->last_seq, ==, 10);
  g_assert_null (status->last_error);
}

/* The counter runs over 2³² while the line produces; then restarts; a
 * paused operation gets nothing. */
static void
test_wrap_reset_pause (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PdMachineCountsStatus) status = NULL;
  gint64 good, scrap;
  gint64 want_good, want_scrap;

  /* Paused: the jump to the top of the range is not assigned. */
  op_action (f, PD_WO_ACTION_PAUSE);
  set_counter (f, FALSE, TOP32);
  wait_value (f, f->good, TOP32);
  g_assert_cmpint (pd_machine_counts_get_unassigned (f->counts, f->wc_id), ==,
                   (TOP32 - 100) * PD_QTY_ONE);
  g_assert_cmpint (pd_machine_counts_get_unassigned (f->counts, 0), ==,
                   (TOP32 - 100) * PD_QTY_ONE);
  assert_op (f, 0, 0);

  /* Running again, the line makes parts past the wrap. */
  op_action (f, PD_WO_ACTION_RESUME);
  sim (f, "set coil 0 1");
  for (gint64 deadline = g_get_monotonic_time () + (gint64) (TIMEOUT_S * G_USEC_PER_SEC);;)
    {
      PdSample sample;
      gboolean done = FALSE;

      if (pd_acquisition_lookup_value (f->acquisition, f->good->id, &sample)
          && sample.value >= 3 && sample.value < 1000)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      pd_test_wait_for (&done, 0.05);
    }
  sim (f, "set coil 0 0");
  read_counters (f, &good, &scrap);
  wait_value (f, f->good, good);
  wait_value (f, f->scrap, scrap);
  want_good = good + (G_GINT64_CONSTANT (1) << 32) - TOP32;
  want_scrap = scrap - 3;
  assert_op (f, want_good, want_scrap);

  status = dup_status (f);
  g_assert_cmpuint (status->wraps, ==, 1);
  g_assert_cmpuint (status->resets, ==, 0);
  g_clear_pointer (&status, pd_machine_counts_status_free);

  /* A reset: the counter starts again at 2, which counts as 2 parts, not
   * as 4 billion. */
  set_counter (f, FALSE, 2);
  wait_value (f, f->good, 2);
  assert_op (f, want_good + 2, want_scrap);
  status = dup_status (f);
  g_assert_cmpuint (status->wraps, ==, 1);
  g_assert_cmpuint (status->resets, ==, 1);
  g_clear_pointer (&status, pd_machine_counts_status_free);

  /* Paused again: 5 parts go unassigned. */
  op_action (f, PD_WO_ACTION_PAUSE);
  set_counter (f, FALSE, 7);
  wait_value (f, f->good, 7);
  g_assert_cmpint (pd_machine_counts_get_unassigned (f->counts, f->wc_id), ==,
                   (TOP32 - 100 + 5) * PD_QTY_ONE);
  assert_op (f, want_good + 2, want_scrap);

  op_action (f, PD_WO_ACTION_RESUME);
  set_counter (f, FALSE, 9);
  wait_value (f, f->good, 9);
  assert_op (f, want_good + 4, want_scrap);
}

/* A report beyond the ordered quantity is refused by the core: kept as
 * the work center's last error, not retried; counting goes on. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PdMachineCountsStatus) status = NULL;

  set_counter (f, FALSE, 2100);
  wait_value (f, f->good, 2100);
  pd_machine_counts_flush (f->counts);
  assert_op (f, 0, 0);

  status = dup_status (f);
  g_assert_cmpint (status->refused_good, ==, 2000 * PD_QTY_ONE);
  g_assert_cmpint (status->reported_good, ==, 0);
  g_assert_nonnull (status->last_error);
  g_assert_cmpint (status->last_error_time, >, 0);
  g_clear_pointer (&status, pd_machine_counts_status_free);

  /* Not tried again. */
  pd_machine_counts_flush (f->counts);
  pd_machine_counts_flush (f->counts);
  status = dup_status (f);
  g_assert_cmpint (status->refused_good, ==, 2000 * PD_QTY_ONE);
  g_clear_pointer (&status, pd_machine_counts_status_free);

  set_counter (f, FALSE, 2110);
  wait_value (f, f->good, 2110);
  assert_op (f, 10, 0);
}

/* Work centers changed meanwhile: a reload keeps the baseline, a counter
 * taken off a work center is no longer followed. */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = NULL;
  g_autoptr(PdMachineCountsStatus) status = NULL;

  /* Reloading keeps the baseline: the next increase counts as one. */
  pd_machine_counts_reload (f->counts);
  pd_machine_counts_flush (f->counts);
  set_counter (f, FALSE, 101);
  wait_value (f, f->good, 101);
  assert_op (f, 1, 0);

  /* Without its scrap counter (written on the test's connection: the
   * counter notices through data_version). */
  wc = pd_store_get_work_center (f->store, f->wc_id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&wc->scrap_tag, g_free);
  wc->scrap_tag_id = 0;
  g_assert_true (pd_store_update_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
  pd_machine_counts_flush (f->counts);
  status = dup_status (f);
  g_assert_cmpint (status->scrap_tag_id, ==, 0);
  g_assert_true (status->counting);

  set_counter (f, TRUE, 50);
  set_counter (f, FALSE, 104);
  wait_value (f, f->scrap, 50);
  wait_value (f, f->good, 104);
  assert_op (f, 4, 0);
}

/* The rule on fed values of other types: a uint16 counter wraps at 2¹⁶,
 * an int16 one from the top of its range to the bottom, a float one never
 * (a decrease is a reset); bad and stale values move nothing. The tags
 * belong to a device that is not polled, so that only the fed values
 * count. */
static void
test_rule (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) admin = pd_test_login (f->store, "admin");
  g_autoptr(PdDevice) template = pd_test_tcp_device_new (0, "OFF", 1, 1000, 1000);
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_autoptr(PdWorkOrder) wo = pd_work_order_new ();
  g_autoptr(PdWorkOrder) read = NULL;
  g_autoptr(PdMachineCountsStatus) status = NULL;
  PdTag *tags[3];
  const PdTagType types[3] = { PD_TAG_TYPE_UINT16, PD_TAG_TYPE_INT16, PD_TAG_TYPE_FLOAT32 };
  PdShift shift = { 0, };
  gint64 t = g_get_real_time ();

  template->enabled = FALSE;
  device = pd_store_add_device (f->store, admin, template, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);
      g_autoptr(PdTag) tt = pd_test_tag_new (0, device->id, name, PD_AREA_HOLDING, 100 + 2 * i,
                                             types[i], PD_ORDER_BIG, PD_ORDER_BIG);

      tags[i] = pd_store_add_tag (f->store, admin, tt, &error);
      g_assert_no_error (error);
    }

  /* Good parts on the uint16 counter, scrap on the int16 one. */
  wc->code = g_strdup ("PRESS9");
  wc->name = g_strdup ("Press 9");
  wc->good_tag = g_strdup ("OFF/c0");
  wc->scrap_tag = g_strdup ("OFF/c1");
  g_assert_true (pd_shift_parse ("mon-sun:00:00-23:59", &shift, &error));
  pd_work_center_add_shift (wc, &shift);
  pd_shift_clear (&shift);
  g_assert_true (pd_store_add_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
  pd_test_add_item (f->store, admin, "Q", "pcs", NULL, FALSE);
  routing->product_sku = g_strdup ("Q");
  g_ptr_array_add (routing->ops, pd_routing_op_new (10, "PRESS9", 0, G_USEC_PER_SEC));
  g_assert_true (pd_store_set_routing (f->store, f->supervisor, routing, &error));
  g_assert_no_error (error);
  wo->product_sku = g_strdup ("Q");
  wo->qty = 100000 * PD_QTY_ONE;
  wo->due = g_strdup ("2099-01-01T12:00:00Z");
  g_assert_true (pd_store_create_work_order (f->store, f->supervisor, wo, NULL, &error));
  g_assert_no_error (error);
  for (PdWoAction a = PD_WO_ACTION_RELEASE; a <= PD_WO_ACTION_ISSUE; a++)
    g_assert_true (pd_store_work_order_action (f->store, f->supervisor, wo->number, a, 0, &error));
  g_assert_true (pd_store_work_order_action (f->store, f->operator, wo->number,
                                             PD_WO_ACTION_START, 10, &error));
  g_assert_no_error (error);
  pd_machine_counts_flush (f->counts);

  {
    const PdSample samples[] = {
      /* A bad value first is no baseline. */
      { tags[0]->id, t, 5, PD_QUALITY_BAD },
      { tags[0]->id, t, 65530, PD_QUALITY_GOOD },   /* baseline */
      { tags[0]->id, t, 65534, PD_QUALITY_GOOD },   /* +4 */
      { tags[0]->id, t, 10, PD_QUALITY_STALE },     /* skipped */
      { tags[0]->id, t, 3, PD_QUALITY_GOOD },       /* wrap: +5 */
      { tags[0]->id, t, 40000, PD_QUALITY_GOOD },   /* +39997 */
      { tags[0]->id, t, 30000, PD_QUALITY_GOOD },   /* not from the top: reset, +30000 */
      { tags[1]->id, t, 32760, PD_QUALITY_GOOD },   /* baseline */
      { tags[1]->id, t, -32766, PD_QUALITY_GOOD },  /* wrap: +10 */
      { tags[1]->id, t, -32760, PD_QUALITY_GOOD },  /* +6 */
      { tags[1]->id, t, -32761, PD_QUALITY_GOOD },  /* reset to a negative: +0 */
    };

    pd_machine_counts_feed (f->counts, samples, G_N_ELEMENTS (samples));
  }
  pd_machine_counts_flush (f->counts);

  read = pd_store_find_work_order (f->store, wo->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_work_order_get_operation (read, 10)->good, ==, (4 + 5 + 39997 + 30000) * PD_QTY_ONE);
  g_assert_cmpint (pd_work_order_get_operation (read, 10)->scrap, ==, 16 * PD_QTY_ONE);
  status = pd_machine_counts_dup_status (f->counts, wc->id);
  g_assert_nonnull (status);
  g_assert_cmpuint (status->wraps, ==, 2);
  g_assert_cmpuint (status->resets, ==, 2);

  /* A float counter never wraps: switched to it, the good counter takes a
   * new baseline, and a decrease near its top is a reset. */
  g_clear_pointer (&wc->good_tag, g_free);
  wc->good_tag = g_strdup ("OFF/c2");
  g_assert_true (pd_store_update_work_center (f->store, f->supervisor, wc, &error));
  g_assert_no_error (error);
  pd_machine_counts_flush (f->counts);
  {
    const PdSample samples[] = {
      { tags[0]->id, t, 30010, PD_QUALITY_GOOD },   /* no longer followed */
      { tags[2]->id, t, 4294967290.0, PD_QUALITY_GOOD },  /* baseline */
      { tags[2]->id, t, 7, PD_QUALITY_GOOD },       /* reset: +7 */
    };

    pd_machine_counts_feed (f->counts, samples, G_N_ELEMENTS (samples));
  }
  pd_machine_counts_flush (f->counts);
  g_clear_pointer (&read, pd_work_order_free);
  read = pd_store_find_work_order (f->store, wo->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_work_order_get_operation (read, 10)->good, ==, (4 + 5 + 39997 + 30000 + 7) * PD_QTY_ONE);

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    pd_tag_free (tags[i]);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/machine-counts/reported", Fixture, NULL, fixture_setup, test_counts_reported, fixture_teardown);
  g_test_add ("/machine-counts/wrap-reset-pause", Fixture, NULL, fixture_setup, test_wrap_reset_pause, fixture_teardown);
  g_test_add ("/machine-counts/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/machine-counts/rule", Fixture, NULL, fixture_setup, test_rule, fixture_teardown);
  g_test_add ("/machine-counts/reload", Fixture, NULL, fixture_setup, test_reload, fixture_teardown);

  status = g_test_run ();
  pd_test_populated_template_free ();
  return status;
}
