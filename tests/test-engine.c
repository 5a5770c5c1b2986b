/* test-engine.c — the acquisition engine against plantdesk-sim
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <math.h>

#include "pd-acquisition.h"
#include "pd-engine-private.h"
#include "pd-store-devices.h"
#include "pd-modbus-planner.h"
#include "pd-sim-model.h"
#include "pd-sim-test-utils.h"
#include "pd-test-utils.h"

/* --- Helpers ----------------------------------------------------------- */

static PdDevice *
make_device (gint64 id,
             guint  port)
{
  g_autofree char *name = g_strdup_printf ("dev%" G_GINT64_FORMAT, id);

  return pd_test_tcp_device_new (id, name, port, 300, 100);
}

static PdTag *
make_tag (gint64     id,
          gint64     device_id,
          PdArea     area,
          guint      address,
          PdTagType  type,
          PdOrder    byte_order,
          PdOrder    word_order)
{
  g_autofree char *name = g_strdup_printf ("tag%" G_GINT64_FORMAT, id);

  return pd_test_tag_new (id, device_id, name, area, address, type, byte_order, word_order);
}

static GPtrArray *
ptr_array_of (GDestroyNotify free_func,
              ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (free_func);
  va_list args;
  gpointer p;

  va_start (args, free_func);
  while ((p = va_arg (args, gpointer)) != NULL)
    g_ptr_array_add (array, p);
  va_end (args);
  return array;
}

static PdSim *
start_sim (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  PdSim *sim = pd_sim_start (args, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sim);
  return sim;
}

static void sim_command (PdSim      *sim,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
sim_command (PdSim      *sim,
             const char *format,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  va_list args;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_true (pd_sim_command (sim, command, &error));
  g_assert_no_error (error);
}

/* Wakes waiting tests at every cycle of any device. */
typedef struct
{
  GMutex lock;
  GCond  cond;
  guint  id;
} Watcher;

static void
watcher_cb (PdEngine       *engine,
            const PdSample *samples,
            guint           n_samples,
            const gint64   *changed,
            guint           n_changed,
            gpointer        user_data)
{
  Watcher *watcher = user_data;

  g_mutex_lock (&watcher->lock);
  g_cond_broadcast (&watcher->cond);
  g_mutex_unlock (&watcher->lock);
}

static Watcher *
watcher_new (PdEngine *engine)
{
  Watcher *watcher = g_new0 (Watcher, 1);

  g_mutex_init (&watcher->lock);
  g_cond_init (&watcher->cond);
  watcher->id = pd_engine_subscribe_direct (engine, watcher_cb, watcher, NULL);
  return watcher;
}

static void
watcher_free (PdEngine *engine,
              Watcher  *watcher)
{
  pd_engine_unsubscribe (engine, watcher->id);
  g_mutex_clear (&watcher->lock);
  g_cond_clear (&watcher->cond);
  g_free (watcher);
}

typedef gboolean (*StatusCheck) (const PdDeviceStatus *status,
                                 gpointer              data);

/* Waits, at most SECONDS, until CHECK holds for DEVICE_ID's status;
 * returns the status then, or NULL. */
static PdDeviceStatus *
wait_status (PdEngine    *engine,
             Watcher     *watcher,
             gint64       device_id,
             StatusCheck  check,
             gpointer     data,
             double       seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  g_mutex_lock (&watcher->lock);
  for (;;)
    {
      PdDeviceStatus *status = pd_engine_dup_status (engine, device_id);

      if (status != NULL && check (status, data))
        {
          g_mutex_unlock (&watcher->lock);
          return status;
        }
      if (status != NULL && g_getenv ("PD_TEST_DEBUG"))
        g_printerr ("dev %" G_GINT64_FORMAT " state %d cycles %" G_GUINT64_FORMAT " req %" G_GUINT64_FORMAT " err %" G_GUINT64_FORMAT " rec %" G_GUINT64_FORMAT " %s\n",
                    device_id, status->state, status->cycles, status->requests, status->errors, status->reconnects, status->last_error);
      pd_device_status_free (status);
      if (g_get_monotonic_time () >= deadline)
        break;
      /* Woken by the next cycle; the short cap catches changes that come
       * without one (a connection failing). */
      g_cond_wait_until (&watcher->cond, &watcher->lock,
                         MIN (deadline, g_get_monotonic_time () + 20 * 1000));
    }
  g_mutex_unlock (&watcher->lock);
  return NULL;
}

static gboolean
state_is (const PdDeviceStatus *status,
          gpointer              data)
{
  return status->state == (PdDeviceState) GPOINTER_TO_INT (data);
}

static gboolean
cycles_at_least (const PdDeviceStatus *status,
                 gpointer              data)
{
  return status->cycles >= *(guint64 *) data;
}

static gboolean
reconnects_above (const PdDeviceStatus *status,
                  gpointer              data)
{
  return status->reconnects > *(guint64 *) data && status->state == PD_DEVICE_STATE_ONLINE;
}

static gboolean
errors_at_least (const PdDeviceStatus *status,
                 gpointer              data)
{
  return status->errors >= *(guint64 *) data;
}

/* The registers of the simulator's input area the tests read, with every
 * type and order it offers. */
static GPtrArray *
sim_input_tags (gint64 device_id)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);

  g_ptr_array_add (tags, make_tag (1, device_id, PD_AREA_INPUT, PD_SIM_IR_SECONDS, PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (2, device_id, PD_AREA_INPUT, PD_SIM_IR_SPEED, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (3, device_id, PD_AREA_INPUT, PD_SIM_IR_CURRENT, PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (4, device_id, PD_AREA_INPUT, PD_SIM_IR_CURRENT_LW, PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_LITTLE));
  g_ptr_array_add (tags, make_tag (5, device_id, PD_AREA_INPUT, PD_SIM_IR_ENERGY, PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (6, device_id, PD_AREA_INPUT, PD_SIM_IR_ENERGY_LW, PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_LITTLE));
  g_ptr_array_add (tags, make_tag (7, device_id, PD_AREA_INPUT, PD_SIM_IR_TRACKING, PD_TAG_TYPE_INT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (8, device_id, PD_AREA_INPUT, PD_SIM_IR_SPEED_LB, PD_TAG_TYPE_UINT16, PD_ORDER_LITTLE, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (9, device_id, PD_AREA_INPUT, PD_SIM_IR_CHILLER, PD_TAG_TYPE_INT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (10, device_id, PD_AREA_DISCRETE, PD_SIM_DI_ESTOP_HEALTHY, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (11, device_id, PD_AREA_COIL, PD_SIM_COIL_HORN, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG));
  return tags;
}

static guint
count_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* The threads of this process that are not GLib's idle pool threads.
 * GTask workers of earlier tests return to GLib's pool and linger there;
 * they are asked to stop, and the count is read until it drops to AT_MOST
 * or a deadline passes, so that a real leak still fails. */
static guint
count_threads_settled (guint at_most)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint n;

  for (;;)
    {
      g_thread_pool_stop_unused_threads ();
      n = count_dir ("/proc/self/task");
      if (n <= at_most || g_get_monotonic_time () > deadline)
        return n;
      g_usleep (10 * 1000);
    }
}

static void
warm_thread_pool_cb (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} TestWait;

static void
test_connection_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TestWait *wait = user_data;

  wait->ok = pd_engine_test_connection_finish (result, NULL, &wait->error);
  wait->done = TRUE;
}

/* Runs the "test connection" action on DEVICE and waits for its outcome. */
static gboolean
test_connection (const PdDevice *device,
                 GError        **error)
{
  TestWait wait = { 0, };

  pd_engine_test_connection_async (device, NULL, test_connection_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 10));
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

/* --- Tests ------------------------------------------------------------ */

static void
test_engine_read_once (void)
{
  g_autoptr(PdSim) sim = start_sim (NULL);
  g_autoptr(PdDevice) device = make_device (1, pd_sim_get_port (sim, 0));
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = NULL;
  PdSample *s;

  /* Values the test puts there itself come back exactly. */
  sim_command (sim, "set holding 20 %d", 0xC0A8);
  sim_command (sim, "set holding 21 %d", 0x0102);
  g_ptr_array_add (tags, make_tag (12, 1, PD_AREA_HOLDING, 20, PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (13, 1, PD_AREA_HOLDING, 20, PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_LITTLE));
  g_ptr_array_add (tags, make_tag (14, 1, PD_AREA_HOLDING, 20, PD_TAG_TYPE_INT16, PD_ORDER_LITTLE, PD_ORDER_BIG));

  samples = pd_engine_read_once (device, tags, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (samples->len, ==, tags->len);
  s = (PdSample *) samples->data;
  for (guint i = 0; i < samples->len; i++)
    {
      g_assert_cmpint (s[i].tag_id, ==, ((PdTag *) g_ptr_array_index (tags, i))->id);
      g_assert_cmpint (s[i].quality, ==, PD_QUALITY_GOOD);
    }

  /* The same quantity in both word orders, read in one request. */
  g_assert_cmpfloat (s[2].value, ==, s[3].value);
  g_assert_cmpfloat (s[4].value, ==, s[5].value);
  g_assert_cmpfloat (s[1].value, ==, s[7].value);
  g_assert_cmpfloat (s[2].value, >, 0.0);
  g_assert_cmpfloat (s[9].value, ==, 1.0);
  g_assert_cmpfloat (s[11].value, ==, (double) 0xC0A80102u);
  g_assert_cmpfloat (s[12].value, ==, (double) 0x0102C0A8u);
  g_assert_cmpfloat (s[13].value, ==, (double) (gint16) 0xA8C0);

  /* A port nobody listens on: an error, not samples, and its cause as the
   * code, for the test connection too. */
  g_clear_pointer (&samples, g_array_unref);
  sim_command (sim, "%u refuse", pd_sim_get_port (sim, 0));
  samples = pd_engine_read_once (device, tags, NULL, &error);
  g_assert_null (samples);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_clear_error (&error);
  g_assert_false (test_connection (device, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_clear_error (&error);

  /* Connected, but nothing answers: timed out. */
  sim_command (sim, "%u clear", pd_sim_get_port (sim, 0));
  sim_command (sim, "%u freeze", pd_sim_get_port (sim, 0));
  samples = pd_engine_read_once (device, tags, NULL, &error);
  g_assert_null (samples);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "does not answer"));
  g_clear_error (&error);
  g_assert_false (test_connection (device, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);

  /* Garbage is the device's fault, not the link's. */
  sim_command (sim, "%u clear", pd_sim_get_port (sim, 0));
  sim_command (sim, "%u garbage", pd_sim_get_port (sim, 0));
  samples = pd_engine_read_once (device, tags, NULL, &error);
  g_assert_null (samples);
  g_assert_error (error, PD_ERROR, PD_ERROR_FAILED);
}

static void
test_engine_read_once_serial_missing (void)
{
  g_autoptr(PdDevice) device = make_device (1, 0);
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = NULL;

  /* A serial port that does not exist: not found, before any request. */
  device->transport = PD_TRANSPORT_RTU;
  device->serial_path = g_strdup ("/dev/plantdesk-no-such-port");
  device->baud = 19200;
  samples = pd_engine_read_once (device, tags, NULL, &error);
  g_assert_null (samples);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (test_connection (device, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

typedef struct
{
  GHashTable *latest;    /* tag id → value */
  guint       calls;
  guint       deliveries_of_30;
  gint64      last_call;
  gint64      min_gap;
  gboolean    done;
  double      wanted;
} Batch;

static void
batch_cb (PdEngine       *engine,
          const PdSample *samples,
          guint           n_samples,
          const gint64   *changed,
          guint           n_changed,
          gpointer        user_data)
{
  Batch *batch = user_data;
  gint64 now = g_get_monotonic_time ();

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  if (batch->last_call != 0)
    batch->min_gap = MIN (batch->min_gap, now - batch->last_call);
  batch->last_call = now;
  batch->calls++;

  for (guint i = 0; i < n_samples; i++)
    {
      g_hash_table_insert (batch->latest, g_memdup2 (&samples[i].tag_id, sizeof (gint64)),
                           g_memdup2 (&samples[i].value, sizeof (double)));
      if (samples[i].tag_id == 30)
        {
          batch->deliveries_of_30++;
          if (samples[i].value == batch->wanted)
            batch->done = TRUE;
        }
    }
}

static void
test_engine_batched_deadband (void)
{
  g_autoptr(PdSim) sim = start_sim (NULL);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = ptr_array_of ((GDestroyNotify) pd_device_free,
                                               make_device (1, pd_sim_get_port (sim, 0)), NULL);
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  Batch batch = { 0, };
  PdTag *banded;
  guint sub;
  guint before;

  batch.latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  batch.min_gap = G_MAXINT64;
  sim_command (sim, "set holding 30 100");
  banded = make_tag (30, 1, PD_AREA_HOLDING, 30, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG);
  banded->deadband = 5;
  g_ptr_array_add (tags, banded);
  ((PdDevice *) g_ptr_array_index (devices, 0))->poll_ms = 20;

  sub = pd_engine_subscribe (engine, NULL, 100, batch_cb, &batch, NULL);
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);

  batch.wanted = 100;
  g_assert_true (pd_test_wait_for (&batch.done, 5));
  g_assert_cmpuint (g_hash_table_size (batch.latest), ==, tags->len);

  /* Within the deadband: not delivered; beyond it: delivered. */
  before = batch.deliveries_of_30;
  sim_command (sim, "set holding 30 104");
  batch.done = FALSE;
  batch.wanted = 200;
  sim_command (sim, "set holding 30 200");
  g_assert_true (pd_test_wait_for (&batch.done, 5));
  g_assert_cmpuint (batch.deliveries_of_30, ==, before + 1);

  /* At most one call per interval, even with a 20 ms poll. */
  g_assert_cmpint (batch.min_gap, >=, 95 * 1000);

  pd_engine_unsubscribe (engine, sub);
  pd_engine_stop (engine);
  g_hash_table_unref (batch.latest);
}

static void
test_engine_offline_and_back (void)
{
  const char * const args[] = { "--devices", "2", NULL };
  g_autoptr(PdSim) sim = start_sim (args);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = ptr_array_of ((GDestroyNotify) pd_device_free,
                                               make_device (1, pd_sim_get_port (sim, 0)),
                                               make_device (2, pd_sim_get_port (sim, 1)), NULL);
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  g_autoptr(PdDeviceStatus) status = NULL;
  g_autoptr(PdDeviceStatus) other_before = NULL;
  g_autoptr(PdDeviceStatus) other_after = NULL;
  Watcher *watcher;
  guint timeout_ms = ((PdDevice *) g_ptr_array_index (devices, 0))->timeout_ms;
  gint64 frozen_at;
  gint64 offline_after;
  gint64 window;
  guint64 zero = 0;

  for (guint i = 0; i < 11; i++)
    g_ptr_array_add (tags, make_tag (100 + i, 2, PD_AREA_INPUT, i, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));

  watcher = watcher_new (engine);
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
  g_assert_nonnull (status);
  g_clear_pointer (&status, pd_device_status_free);
  status = wait_status (engine, watcher, 2, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
  g_assert_nonnull (status);
  g_clear_pointer (&status, pd_device_status_free);

  /* Device 1 stops answering: offline within twice its timeout. */
  other_before = pd_engine_dup_status (engine, 2);
  sim_command (sim, "%u freeze", pd_sim_get_port (sim, 0));
  frozen_at = g_get_monotonic_time ();
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_OFFLINE), 5);
  g_assert_nonnull (status);
  offline_after = g_get_monotonic_time () - frozen_at;
  g_test_message ("offline %" G_GINT64_FORMAT " ms after the freeze (timeout %u ms)",
                  offline_after / 1000, timeout_ms);
  g_assert_cmpint (offline_after, <=, 2 * timeout_ms * 1000);
  g_assert_cmpuint (status->timeouts, >, 0);
  g_assert_nonnull (status->last_error);
  g_clear_pointer (&status, pd_device_status_free);

  /* Meanwhile device 2 keeps its rate: let two more seconds pass. */
  {
    guint64 target = other_before->cycles + 30;

    status = wait_status (engine, watcher, 2, cycles_at_least, &target, 10);
    g_assert_nonnull (status);
    g_clear_pointer (&status, pd_device_status_free);
  }
  other_after = pd_engine_dup_status (engine, 2);
  window = g_get_monotonic_time () - frozen_at;
  g_test_message ("device 2: %" G_GUINT64_FORMAT " cycles in %" G_GINT64_FORMAT " ms, %" G_GUINT64_FORMAT " late",
                  other_after->cycles - other_before->cycles, window / 1000,
                  other_after->late_cycles - other_before->late_cycles);
  g_assert_cmpuint (other_after->state, ==, PD_DEVICE_STATE_ONLINE);
  g_assert_cmpuint (other_after->late_cycles - other_before->late_cycles, <=, 1);
  g_assert_cmpuint (other_after->cycles - other_before->cycles, >=, (guint64) (window / 100000) - 2);

  /* Thawed, it comes back by itself. */
  sim_command (sim, "%u thaw", pd_sim_get_port (sim, 0));
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 10);
  g_assert_nonnull (status);
  g_assert_cmpuint (status->reconnects, >=, 1);
  g_clear_pointer (&status, pd_device_status_free);

  /* Refused connections: offline, errors counted, and back after accept. */
  sim_command (sim, "%u refuse", pd_sim_get_port (sim, 0));
  sim_command (sim, "%u drop", pd_sim_get_port (sim, 0));
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_OFFLINE), 5);
  g_assert_nonnull (status);
  zero = status->reconnects;
  g_clear_pointer (&status, pd_device_status_free);
  sim_command (sim, "%u accept", pd_sim_get_port (sim, 0));
  status = wait_status (engine, watcher, 1, reconnects_above, &zero, 10);
  g_assert_nonnull (status);
  g_clear_pointer (&status, pd_device_status_free);

  watcher_free (engine, watcher);
  pd_engine_stop (engine);
}

static gboolean
has_bad_and_plan (const PdDeviceStatus *status,
                  gpointer              data)
{
  return status->bad_addresses->len == 3 && status->requests_per_cycle == GPOINTER_TO_UINT (data);
}

static void
test_engine_exception_split (void)
{
  g_autoptr(PdSim) sim = start_sim (NULL);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = ptr_array_of ((GDestroyNotify) pd_device_free,
                                               make_device (1, pd_sim_get_port (sim, 0)), NULL);
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  g_autoptr(PdDeviceStatus) status = NULL;
  g_autoptr(PdDeviceStatus) later = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  Watcher *watcher;
  guint64 target;

  sim_command (sim, "exception 40-49");

  /* One read: the tags touching 40 … 49 are bad, all others good. */
  samples = pd_engine_read_once (g_ptr_array_index (devices, 0), tags, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      gboolean in_range = tag->area == PD_AREA_INPUT && tag->address + pd_tag_type_get_width (tag->type) > 40
                          && tag->address <= 49;

      g_assert_cmpint (g_array_index (samples, PdSample, i).quality, ==,
                       in_range ? PD_QUALITY_BAD : PD_QUALITY_GOOD);
    }

  /* Polled: the bad addresses are remembered and the plan splits around
   * them: input 0 … 10 and 50 … 53 in two blocks, 40, 44 and 48 alone, a
   * coil and a discrete input: 7 requests a cycle. */
  watcher = watcher_new (engine);
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  status = wait_status (engine, watcher, 1, has_bad_and_plan, GUINT_TO_POINTER (7), 5);
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, PD_DEVICE_STATE_DEGRADED);

  target = status->cycles + 10;
  later = wait_status (engine, watcher, 1, cycles_at_least, &target, 5);
  g_assert_nonnull (later);
  /* Each later cycle costs the plan's requests, not a failed block and
   * a retry per tag. */
  g_assert_cmpuint (later->requests - status->requests, <=,
                    (later->cycles - status->cycles + 1) * 7);
  g_clear_pointer (&later, pd_device_status_free);

  /* The device fixed: the bad addresses answer again and blocks merge. */
  sim_command (sim, "clear");
  g_clear_pointer (&status, pd_device_status_free);
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
  g_assert_nonnull (status);
  target = status->cycles + 3;
  later = wait_status (engine, watcher, 1, cycles_at_least, &target, 5);
  g_assert_cmpuint (later->bad_addresses->len, ==, 0);

  watcher_free (engine, watcher);
  pd_engine_stop (engine);
}

static void
test_engine_garbage_and_slow (void)
{
  g_autoptr(PdSim) sim = start_sim (NULL);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = ptr_array_of ((GDestroyNotify) pd_device_free,
                                               make_device (1, pd_sim_get_port (sim, 0)), NULL);
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  g_autoptr(PdDeviceStatus) status = NULL;
  Watcher *watcher;
  guint64 errors;

  ((PdDevice *) g_ptr_array_index (devices, 0))->timeout_ms = 1000;
  watcher = watcher_new (engine);
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
  g_assert_nonnull (status);
  errors = status->errors + 5;
  g_clear_pointer (&status, pd_device_status_free);

  /* Garbage counts as errors, and the engine goes on. */
  sim_command (sim, "garbage");
  status = wait_status (engine, watcher, 1, errors_at_least, &errors, 10);
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, !=, PD_DEVICE_STATE_ONLINE);
  g_assert_nonnull (status->last_error);
  g_clear_pointer (&status, pd_device_status_free);
  sim_command (sim, "clean");
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 10);
  g_assert_nonnull (status);
  g_clear_pointer (&status, pd_device_status_free);

  /* Slow but within the timeout: online, and the latency shows it. */
  sim_command (sim, "slow 150");
  {
    g_autoptr(PdDeviceStatus) now = pd_engine_dup_status (engine, 1);
    guint64 target = now->cycles + 12;

    status = wait_status (engine, watcher, 1, cycles_at_least, &target, 20);
  }
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, PD_DEVICE_STATE_ONLINE);
  g_assert_cmpuint (status->latency_p99, >=, 150 * 1000);

  watcher_free (engine, watcher);
  pd_engine_stop (engine);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} WriteWait;

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WriteWait *wait = user_data;

  wait->ok = pd_engine_write_finish (PD_ENGINE (source), result, &wait->error);
  wait->done = TRUE;
}

static void
write_and_check (PdEngine       *engine,
                 const PdDevice *device,
                 PdTag          *tag,
                 double          value)
{
  WriteWait wait = { 0, };
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;

  pd_engine_write_async (engine, device, tag, value, NULL, write_done_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 5));
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);

  g_ptr_array_add (one, tag);
  samples = pd_engine_read_once (device, one, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (samples, PdSample, 0).quality, ==, PD_QUALITY_GOOD);
  g_assert_cmpfloat (g_array_index (samples, PdSample, 0).value, ==, value);
}

static void
test_engine_writes (void)
{
  g_autoptr(PdSim) sim = start_sim (NULL);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = ptr_array_of ((GDestroyNotify) pd_device_free,
                                               make_device (1, pd_sim_get_port (sim, 0)), NULL);
  const PdDevice *device = g_ptr_array_index (devices, 0);
  g_autoptr(GPtrArray) tags = ptr_array_of ((GDestroyNotify) pd_tag_free,
    make_tag (1, 1, PD_AREA_COIL, PD_SIM_COIL_HORN, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG),
    make_tag (2, 1, PD_AREA_HOLDING, PD_SIM_HR_SPEED_SP, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG),
    make_tag (3, 1, PD_AREA_HOLDING, PD_SIM_HR_TRACKING_TRIM, PD_TAG_TYPE_INT32, PD_ORDER_BIG, PD_ORDER_LITTLE),
    make_tag (4, 1, PD_AREA_HOLDING, PD_SIM_HR_RECIPE_WEIGHT, PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_BIG),
    make_tag (5, 1, PD_AREA_HOLDING, PD_SIM_HR_TEMP_SP, PD_TAG_TYPE_FLOAT32, PD_ORDER_LITTLE, PD_ORDER_LITTLE),
    make_tag (6, 1, PD_AREA_INPUT, PD_SIM_IR_SPEED, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG),
    NULL);
  WriteWait wait = { 0, };
  PdTag *scaled;

  /* Not polled: each write over a connection of its own. */
  write_and_check (engine, device, g_ptr_array_index (tags, 0), 1);
  write_and_check (engine, device, g_ptr_array_index (tags, 1), 1234);

  /* Polled: queued to the device's worker. */
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  write_and_check (engine, device, g_ptr_array_index (tags, 0), 0);
  write_and_check (engine, device, g_ptr_array_index (tags, 1), 321);
  write_and_check (engine, device, g_ptr_array_index (tags, 2), -1234567);
  write_and_check (engine, device, g_ptr_array_index (tags, 3), 12.375);
  write_and_check (engine, device, g_ptr_array_index (tags, 4), 61.5);

  /* Engineering units: raw = (value − offset) / scale. */
  scaled = g_ptr_array_index (tags, 1);
  scaled->scale = 0.5;
  scaled->offset = 10;
  write_and_check (engine, device, scaled, 110.5);

  /* Refusals: out of range, read-only, not writable. */
  pd_engine_write_async (engine, device, scaled, 1e9, NULL, write_done_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 5));
  g_assert_error (wait.error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&wait.error);
  wait.done = FALSE;
  pd_engine_write_async (engine, device, g_ptr_array_index (tags, 5), 1, NULL, write_done_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 5));
  g_assert_error (wait.error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&wait.error);
  wait.done = FALSE;
  ((PdTag *) g_ptr_array_index (tags, 1))->writable = FALSE;
  pd_engine_write_async (engine, device, g_ptr_array_index (tags, 1), 1, NULL, write_done_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.done, 5));
  g_assert_error (wait.error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&wait.error);

  pd_engine_stop (engine);
}

static void
test_engine_reconnects_leak_nothing (void)
{
  g_autoptr(PdSim) sim = start_sim (NULL);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = ptr_array_of ((GDestroyNotify) pd_device_free,
                                               make_device (1, pd_sim_get_port (sim, 0)), NULL);
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  g_autoptr(PdDeviceStatus) status = NULL;
  Watcher *watcher;
  guint fds_before;
  guint threads_before;
  guint n = 1000;
  gint64 t0;

  if (g_getenv ("PD_TEST_RECONNECTS") != NULL)
    n = atoi (g_getenv ("PD_TEST_RECONNECTS"));

  /* GLib starts a helper thread with its first thread pool, for good:
   * start it before counting. */
  {
    g_autoptr(GTask) warm = g_task_new (NULL, NULL, NULL, NULL);

    g_task_run_in_thread_sync (warm, warm_thread_pool_cb);
  }

  fds_before = count_dir ("/proc/self/fd");
  /* The main thread and GLib's pool helper, once idle workers are gone. */
  threads_before = count_threads_settled (2);

  ((PdDevice *) g_ptr_array_index (devices, 0))->poll_ms = 10;
  pd_engine_set_backoff (engine, 1, 2);
  watcher = watcher_new (engine);
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
  g_assert_nonnull (status);
  g_assert_cmpuint (count_threads_settled (threads_before + 1), ==, threads_before + 1);

  /* The simulator drops the connection; the engine reconnects, N times. */
  t0 = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      guint64 reconnects = status->reconnects;

      g_clear_pointer (&status, pd_device_status_free);
      sim_command (sim, "drop");
      status = wait_status (engine, watcher, 1, reconnects_above, &reconnects, 5);
      g_assert_nonnull (status);
    }
  g_test_message ("%u reconnects in %" G_GINT64_FORMAT " ms", n, (g_get_monotonic_time () - t0) / 1000);
  g_assert_cmpuint (status->reconnects, >=, n);

  watcher_free (engine, watcher);
  pd_engine_stop (engine);
  g_clear_object (&engine);

  /* And a thousand one-off reads of a refusing port. */
  sim_command (sim, "refuse");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) samples = pd_engine_read_once (g_ptr_array_index (devices, 0), tags, NULL, &error);

      g_assert_null (samples);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
    }

  g_assert_cmpuint (count_dir ("/proc/self/fd"), ==, fds_before);
  g_assert_cmpuint (count_threads_settled (threads_before), <=, threads_before);
}

static void
test_engine_reconfigure_keeps_workers (void)
{
  const char * const args[] = { "--devices", "2", NULL };
  g_autoptr(PdSim) sim = start_sim (args);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = ptr_array_of ((GDestroyNotify) pd_device_free,
                                               make_device (1, pd_sim_get_port (sim, 0)),
                                               make_device (2, pd_sim_get_port (sim, 1)), NULL);
  g_autoptr(GPtrArray) tags = sim_input_tags (1);
  g_autoptr(PdDeviceStatus) status = NULL;
  g_autoptr(PdDeviceStatus) kept = NULL;
  Watcher *watcher;
  guint64 target;

  watcher = watcher_new (engine);
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  status = wait_status (engine, watcher, 2, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_UNKNOWN), 1);
  g_assert_nonnull (status);  /* no tags: connected but never polled */
  g_clear_pointer (&status, pd_device_status_free);
  status = wait_status (engine, watcher, 1, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
  g_assert_nonnull (status);
  g_assert_cmpuint (pd_engine_get_n_workers (engine), ==, 2);

  /* Device 2 gets a tag, device 1 is unchanged and keeps counting. */
  g_ptr_array_add (tags, make_tag (50, 2, PD_AREA_INPUT, PD_SIM_IR_SPEED, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  pd_engine_configure (engine, devices, tags);
  g_clear_pointer (&status, pd_device_status_free);
  status = wait_status (engine, watcher, 2, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
  g_assert_nonnull (status);
  kept = pd_engine_dup_status (engine, 1);
  g_assert_cmpuint (kept->cycles, >, 0);
  g_assert_cmpuint (kept->reconnects, ==, 0);

  /* Device 1 disabled: no longer polled. */
  ((PdDevice *) g_ptr_array_index (devices, 0))->enabled = FALSE;
  pd_engine_configure (engine, devices, tags);
  g_assert_null (pd_engine_dup_status (engine, 1));
  g_assert_cmpuint (pd_engine_get_n_workers (engine), ==, 1);
  target = status->cycles + 3;
  g_clear_pointer (&status, pd_device_status_free);
  status = wait_status (engine, watcher, 2, cycles_at_least, &target, 5);
  g_assert_nonnull (status);

  watcher_free (engine, watcher);
  pd_engine_stop (engine);
}

static void
test_engine_rtu (void)
{
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autofree char *link = g_build_filename (dir, "ttySIM", NULL);
  const char * const args[] = { "--rtu-link", link, "--units", "1,2", NULL };
  g_autoptr(PdSim) sim = start_sim (args);
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_device_free);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(PdDeviceStatus) status = NULL;
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key1 = NULL;
  g_autofree char *key2 = NULL;
  Watcher *watcher;
  guint64 target;

  for (guint unit = 1; unit <= 2; unit++)
    {
      PdDevice *device = make_device (unit, 0);

      device->transport = PD_TRANSPORT_RTU;
      device->serial_path = g_strdup (pd_sim_get_rtu_path (sim) ? pd_sim_get_rtu_path (sim) : link);
      device->baud = 115200;
      device->parity = 'N';
      device->data_bits = 8;
      device->stop_bits = 1;
      device->unit_id = unit;
      device->timeout_ms = 300;
      g_ptr_array_add (devices, device);
      g_ptr_array_add (tags, make_tag (unit * 10 + 1, unit, PD_AREA_INPUT, PD_SIM_IR_SECONDS, PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG));
      g_ptr_array_add (tags, make_tag (unit * 10 + 2, unit, PD_AREA_INPUT, PD_SIM_IR_CURRENT, PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG));
      g_ptr_array_add (tags, make_tag (unit * 10 + 3, unit, PD_AREA_DISCRETE, PD_SIM_DI_ESTOP_HEALTHY, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG));
    }

  /* Both units share the bus. */
  key1 = pd_device_dup_connection_key (g_ptr_array_index (devices, 0));
  key2 = pd_device_dup_connection_key (g_ptr_array_index (devices, 1));
  g_assert_cmpstr (key1, ==, key2);

  samples = pd_engine_read_once (g_ptr_array_index (devices, 1), tags, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (samples, PdSample, 3).quality, ==, PD_QUALITY_GOOD);
  g_assert_cmpfloat (g_array_index (samples, PdSample, 5).value, ==, 1.0);

  watcher = watcher_new (engine);
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  g_assert_cmpuint (pd_engine_get_n_workers (engine), ==, 1);
  for (gint64 id = 1; id <= 2; id++)
    {
      status = wait_status (engine, watcher, id, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 5);
      g_assert_nonnull (status);
      g_clear_pointer (&status, pd_device_status_free);
    }

  /* Unit 2 falls silent: it goes offline, unit 1 goes on. */
  sim_command (sim, "rtu/2 freeze");
  status = wait_status (engine, watcher, 2, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_OFFLINE), 5);
  g_assert_nonnull (status);
  g_clear_pointer (&status, pd_device_status_free);
  status = pd_engine_dup_status (engine, 1);
  target = status->cycles + 10;
  g_clear_pointer (&status, pd_device_status_free);
  status = wait_status (engine, watcher, 1, cycles_at_least, &target, 5);
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, PD_DEVICE_STATE_ONLINE);
  g_clear_pointer (&status, pd_device_status_free);

  sim_command (sim, "rtu/2 thaw");
  status = wait_status (engine, watcher, 2, state_is, GINT_TO_POINTER (PD_DEVICE_STATE_ONLINE), 10);
  g_assert_nonnull (status);

  watcher_free (engine, watcher);
  pd_engine_stop (engine);
  g_clear_pointer (&sim, pd_sim_free);
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

typedef struct
{
  gboolean got_values;
  gboolean got_device;
  gboolean written;
  GError  *error;
} AcqWait;

static void
acq_values_cb (PdAcquisition *acquisition,
               gpointer       ids,
               guint          n,
               AcqWait       *wait)
{
  g_assert_nonnull (ids);
  if (n > 0)
    wait->got_values = TRUE;
}

static void
acq_device_cb (PdAcquisition *acquisition,
               gint64         device_id,
               AcqWait       *wait)
{
  wait->got_device = TRUE;
}

static void
acq_write_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AcqWait *wait = user_data;

  pd_acquisition_write_value_finish (PD_ACQUISITION (source), result, &wait->error);
  wait->written = TRUE;
}

static void
test_acquisition_values_and_writes (void)
{
  g_autoptr(PdSim) sim = start_sim (NULL);
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autoptr(PdStore) store = pd_test_store_new_populated (dir);
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autoptr(PdUser) warehouse = pd_test_login (store, "warehouse");
  g_autoptr(PdDevice) template = make_device (0, pd_sim_get_port (sim, 0));
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdTag) speed = NULL;
  g_autoptr(PdTag) counter = NULL;
  g_autoptr(PdAcquisition) acquisition = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDeviceStatus) status = NULL;
  PdSample sample;
  AcqWait wait = { 0, };
  gint64 audits;

  device = pd_store_add_device (store, admin, template, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PdTag) t1 = make_tag (0, device->id, PD_AREA_HOLDING, PD_SIM_HR_SPEED_SP, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG);
    g_autoptr(PdTag) t2 = make_tag (0, device->id, PD_AREA_INPUT, PD_SIM_IR_SECONDS, PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG);

    t1->writable = TRUE;
    g_free (t1->name);
    t1->name = g_strdup ("speed_sp");
    g_free (t2->name);
    t2->name = g_strdup ("seconds");
    speed = pd_store_add_tag (store, admin, t1, &error);
    g_assert_no_error (error);
    counter = pd_store_add_tag (store, admin, t2, &error);
    g_assert_no_error (error);
  }

  acquisition = pd_acquisition_new (store, NULL);
  g_signal_connect (acquisition, "values-changed", G_CALLBACK (acq_values_cb), &wait);
  g_signal_connect (acquisition, "device-changed", G_CALLBACK (acq_device_cb), &wait);
  pd_acquisition_start (acquisition);
  g_assert_true (pd_test_wait_for (&wait.got_values, 5));
  g_assert_true (pd_test_wait_for (&wait.got_device, 5));
  g_assert_true (pd_acquisition_lookup_value (acquisition, counter->id, &sample));
  g_assert_cmpint (sample.quality, ==, PD_QUALITY_GOOD);
  status = pd_acquisition_dup_status (acquisition, device->id);
  g_assert_nonnull (status);

  /* Refused: no permission (audited as denied), and nothing written. */
  audits = pd_test_count_rows (store, "audit_log");
  pd_acquisition_write_value_async (acquisition, warehouse, speed->id, 777, NULL, acq_write_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.written, 5));
  g_assert_error (wait.error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_clear_error (&wait.error);
  g_assert_cmpint (pd_test_count_rows (store, "audit_log"), ==, audits + 1);

  /* Refused: not writable. */
  wait.written = FALSE;
  pd_acquisition_write_value_async (acquisition, admin, counter->id, 1, NULL, acq_write_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.written, 5));
  g_assert_error (wait.error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&wait.error);

  /* Written, audited, and read back by the engine. */
  wait.written = FALSE;
  audits = pd_test_count_rows (store, "audit_log");
  pd_acquisition_write_value_async (acquisition, admin, speed->id, 777, NULL, acq_write_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.written, 5));
  g_assert_no_error (wait.error);
  g_assert_cmpint (pd_test_count_rows (store, "audit_log"), ==, audits + 1);
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < deadline
           && !(pd_acquisition_lookup_value (acquisition, speed->id, &sample) && sample.value == 777))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpfloat (sample.value, ==, 777);
  }

  /* A device that cannot be reached: the failure is audited too. */
  sim_command (sim, "refuse");
  sim_command (sim, "drop");
  wait.written = FALSE;
  audits = pd_test_count_rows (store, "audit_log");
  pd_acquisition_write_value_async (acquisition, admin, speed->id, 5, NULL, acq_write_cb, &wait);
  g_assert_true (pd_test_wait_for (&wait.written, 10));
  /* Refused when the worker reconnects for the write, or closed when its
   * link had not noticed the drop yet: a failure of the link either way. */
  g_assert_nonnull (wait.error);
  g_assert_true (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
                 g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED));
  g_clear_error (&wait.error);
  g_assert_cmpint (pd_test_count_rows (store, "audit_log"), ==, audits + 1);

  pd_acquisition_stop (acquisition);
  g_clear_object (&acquisition);
  g_clear_object (&admin);
  g_clear_object (&warehouse);
  g_clear_object (&store);
  pd_test_data_dir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/acq/engine/read-once", test_engine_read_once);
  g_test_add_func ("/core/acq/engine/read-once-serial-missing", test_engine_read_once_serial_missing);
  g_test_add_func ("/core/acq/engine/batched-deadband", test_engine_batched_deadband);
  g_test_add_func ("/core/acq/engine/offline-and-back", test_engine_offline_and_back);
  g_test_add_func ("/core/acq/engine/exception-split", test_engine_exception_split);
  g_test_add_func ("/core/acq/engine/garbage-and-slow", test_engine_garbage_and_slow);
  g_test_add_func ("/core/acq/engine/writes", test_engine_writes);
  g_test_add_func ("/core/acq/engine/reconfigure-keeps-workers", test_engine_reconfigure_keeps_workers);
  g_test_add_func ("/core/acq/engine/rtu", test_engine_rtu);
  g_test_add_func ("/core/acq/engine/reconnects-leak-nothing", test_engine_reconnects_leak_nothing);
  g_test_add_func ("/core/acq/acquisition/values-and-writes", test_acquisition_values_and_writes);

  return g_test_run ();
}
