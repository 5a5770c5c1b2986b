/* test-store-worker.c — PdStoreWorker: jobs in order, off the calling
 * thread, with the store's signals emitted again where the caller listens
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pd-core.h"
#include "pd-test-utils.h"

typedef struct
{
  char            *dir;
  PdStore         *store;
  PdUser          *warehouse;
  PdTestLocations  loc;
  gint64           item;

  GThread         *main_thread;
  guint            stock_changed;
  guint            answered;
  GArray          *order;        /* guint: the job numbers as answered */
  guint            failed;
  guint            cancelled;
  guint            signal_late;
} Fixture;

typedef struct
{
  Fixture *f;
  PdUser  *actor;
  gint64   item;
  gint64   to;
  PdQty    qty;
  guint    number;
} Receipt;

static void
receipt_free (gpointer data)
{
  Receipt *r = data;

  /* Data is freed where the job was given. */
  g_assert_true (g_thread_self () == r->f->main_thread);
  g_clear_object (&r->actor);
  g_free (r);
}

static gboolean
receive_job (PdStore   *store,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Receipt *r = data;
  g_autoptr(GPtrArray) moves = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_stock_move_free);
  PdStockMove *move = pd_stock_move_new ();

  g_assert_true (g_thread_self () != r->f->main_thread);
  g_assert_true (store != r->f->store);

  move->item_id = r->item;
  move->to_location = r->to;
  move->qty = r->qty;
  move->reason = PD_MOVE_RECEIPT;
  g_ptr_array_add (moves, move);
  if (!pd_store_post_moves (store, r->actor, moves, error))
    return FALSE;

  *result = g_strdup_printf ("%u", r->number);
  return TRUE;
}

static void
stock_changed_cb (PdStore *store,
                  Fixture *f)
{
  g_assert_true (g_thread_self () == f->main_thread);
  f->stock_changed++;
}

static void
receive_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  g_assert_true (g_thread_self () == f->main_thread);
  if (pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &number, &error))
    {
      guint n = (guint) g_ascii_strtoull (number, NULL, 10);

      /* The signal came first, so a view is up to date when its caller
       * hears the answer. */
      if (f->stock_changed < f->order->len + 1)
        f->signal_late++;
      g_array_append_val (f->order, n);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    f->cancelled++;
  else
    f->failed++;
  f->answered++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdUser) admin = NULL;

  f->main_thread = g_thread_self ();
  f->dir = pd_test_data_dir_new_populated ();
  f->store = pd_store_open (f->dir, &error);
  g_assert_no_error (error);
  admin = pd_test_login (f->store, "admin");
  f->warehouse = pd_test_login (f->store, "warehouse");
  pd_test_add_warehouses (f->store, admin, NULL, &f->loc);
  f->item = pd_test_add_item (f->store, admin, "BOLT", "pcs", NULL, FALSE);
  f->order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->store, "stock-changed", G_CALLBACK (stock_changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_array_unref (f->order);
  g_clear_object (&f->warehouse);
  g_assert_finalize_object (f->store);
  pd_test_data_dir_free (f->dir);
}

static void
give_receipt (Fixture       *f,
              PdStoreWorker *worker,
              guint          number,
              PdQty          qty,
              GCancellable  *cancellable)
{
  Receipt *r = g_new0 (Receipt, 1);

  r->f = f;
  r->actor = g_object_ref (f->warehouse);
  r->item = f->item;
  r->to = f->loc.a01;
  r->qty = qty;
  r->number = number;
  pd_store_worker_run_async (worker, receive_job, r, receipt_free, g_free,
                             cancellable, receive_done_cb, f);
}

static gboolean
all_answered (Fixture *f,
              guint    n)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (f->answered < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  return f->answered == n;
}

/* 200 jobs given at once run one after the other and are answered in the
 * order given, each with the store's signal first, on the calling
 * thread. */
static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdStoreWorker) worker = pd_store_worker_new (f->store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    give_receipt (f, worker, i, PD_QTY_ONE, NULL);
  g_assert_cmpuint (pd_store_worker_get_n_pending (worker), ==, 200);

  g_assert_true (all_answered (f, 200));
  g_assert_cmpuint (f->failed, ==, 0);
  g_assert_cmpuint (f->order->len, ==, 200);
  for (guint i = 0; i < 200; i++)
    g_assert_cmpuint (g_array_index (f->order, guint, i), ==, i);
  g_assert_cmpuint (f->signal_late, ==, 0);
  g_assert_cmpuint (f->stock_changed, ==, 200);
  g_assert_cmpuint (pd_store_worker_get_n_pending (worker), ==, 0);

  g_assert_cmpint (pd_store_get_on_hand (f->store, f->item, f->loc.a01, &error), ==, 200 * PD_QTY_ONE);
  g_assert_no_error (error);
  pd_test_assert_stock_agrees (f->store);
}

/* A refusal comes back as the store's error, in its place in the order,
 * and the jobs after it still run. */
static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PdStoreWorker) worker = pd_store_worker_new (f->store);
  g_autoptr(GError) error = NULL;

  give_receipt (f, worker, 0, PD_QTY_ONE, NULL);
  give_receipt (f, worker, 1, 0, NULL);          /* qty 0: refused */
  give_receipt (f, worker, 2, 2 * PD_QTY_ONE, NULL);

  g_assert_true (all_answered (f, 3));
  g_assert_cmpuint (f->failed, ==, 1);
  g_assert_cmpuint (f->order->len, ==, 2);
  g_assert_cmpuint (g_array_index (f->order, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (f->order, guint, 1), ==, 2);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->item, f->loc.a01, &error), ==, 3 * PD_QTY_ONE);
  g_assert_cmpint (pd_test_count_rows (f->store, "stock_moves"), ==, 2);
}

/* A job cancelled before it starts does not run; its answer says so, in
 * its place. Dropping the worker with jobs still queued lets them finish. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) late = g_cancellable_new ();
  PdStoreWorker *worker = pd_store_worker_new (f->store);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  give_receipt (f, worker, 0, PD_QTY_ONE, cancellable);
  give_receipt (f, worker, 1, PD_QTY_ONE, NULL);
  /* Cancelled once given: it may well run, but its answer says cancelled,
   * as its caller has gone away. */
  give_receipt (f, worker, 2, PD_QTY_ONE, late);
  g_cancellable_cancel (late);
  g_object_unref (worker);

  g_assert_true (all_answered (f, 3));
  g_assert_cmpuint (f->cancelled, ==, 2);
  g_assert_cmpuint (f->order->len, ==, 1);
  g_assert_cmpint (pd_store_get_on_hand (f->store, f->item, f->loc.a01, &error), >=, PD_QTY_ONE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-worker/order", Fixture, NULL, fixture_setup, test_order, fixture_teardown);
  g_test_add ("/store-worker/error", Fixture, NULL, fixture_setup, test_error, fixture_teardown);
  g_test_add ("/store-worker/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);

  ret = g_test_run ();
  pd_test_populated_template_free ();

  return ret;
}
