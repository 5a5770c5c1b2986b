/* pd-terminal-data.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-terminal-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mes/pd-terminal-data.h"

void
pd_terminal_entry_free (PdTerminalEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->number);
  g_free (entry->product_sku);
  g_free (entry->work_center_code);
  g_free (entry->product_name);
  g_free (entry->due);
  g_free (entry->planned_start);
  g_free (entry->planned_end);
  g_free (entry->instructions);
  g_free (entry);
}

void
pd_terminal_data_free (PdTerminalData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->work_centers, g_ptr_array_unref);
  g_clear_pointer (&data->work_center, pd_work_center_free);
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_free (data);
}

static gint64
parse_us (const char *iso8601,
          gint64      fallback)
{
  g_autoptr(GDateTime) dt = NULL;

  if (iso8601 == NULL)
    return fallback;
  dt = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (dt == NULL)
    return fallback;
  /* g_date_time_to_unix_usec() is newer than GLib 2.74. */
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const PdTerminalEntry *x = *(const PdTerminalEntry **) a;
  const PdTerminalEntry *y = *(const PdTerminalEntry **) b;
  int c;

  c = g_strcmp0 (x->work_center_code, y->work_center_code);
  if (c != 0)
    return c;

  if (x->planned_start_us != y->planned_start_us)
    return x->planned_start_us < y->planned_start_us ? -1 : 1;
  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  if (x->due_us != y->due_us)
    return x->due_us < y->due_us ? -1 : 1;
  c = strcmp (x->number, y->number);
  if (c != 0)
    return c;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The instructions of SEQ in the routing version the order was released
 * with; routings read once per product and version. */
static char *
dup_instructions (PdStore     *store,
                  GHashTable  *routings,
                  PdWorkOrder *wo,
                  guint        seq)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "/%u", wo->product_id, wo->routing_version);
  PdRouting *routing;

  if (!g_hash_table_lookup_extended (routings, key, NULL, (gpointer *) &routing))
    {
      routing = NULL;
      /* A routing that cannot be read leaves the instructions out; the
       * operation can still be worked on. */
      if (!pd_store_get_routing (store, wo->product_id, wo->routing_version, &routing, NULL))
        routing = NULL;
      g_hash_table_insert (routings, g_steal_pointer (&key), routing);
    }

  if (routing == NULL)
    return NULL;

  for (guint i = 0; i < routing->ops->len; i++)
    {
      PdRoutingOp *op = g_ptr_array_index (routing->ops, i);

      if (op->seq == seq)
        return op->instructions != NULL && *op->instructions != '\0' ? g_strdup (op->instructions) : NULL;
    }
  return NULL;
}

/* Adds to DATA the operations not done of the orders issued, in progress
 * or paused: at WORK_CENTER_ID, or at every work center when it is 0. */
static gboolean
collect_entries (PdStore         *store,
                 PdTerminalData  *data,
                 gint64           work_center_id,
                 gint64           now_us,
                 GError         **error)
{
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) routings = NULL;

  orders = pd_store_list_work_orders (store, error);
  if (orders == NULL)
    return FALSE;

  routings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pd_routing_free);

  for (guint i = 0; i < orders->len; i++)
    {
      PdWorkOrder *wo = g_ptr_array_index (orders, i);

      if (wo->status != PD_WO_ISSUED && wo->status != PD_WO_IN_PROGRESS && wo->status != PD_WO_PAUSED)
        continue;

      for (guint j = 0; j < wo->ops->len; j++)
        {
          PdWoOperation *op = g_ptr_array_index (wo->ops, j);
          PdTerminalEntry *entry;
          gint64 end_us;

          if ((work_center_id != 0 && op->work_center_id != work_center_id) || op->status == PD_WO_OP_DONE)
            continue;

          entry = g_new0 (PdTerminalEntry, 1);
          entry->number = g_strdup (wo->number);
          entry->product_sku = g_strdup (wo->product_sku);
          entry->product_name = g_strdup (wo->product_name);
          entry->qty = wo->qty;
          entry->due = g_strdup (wo->due);
          entry->due_us = parse_us (wo->due, G_MAXINT64);
          entry->priority = wo->priority;
          entry->wo_status = wo->status;
          entry->seq = op->seq;
          entry->work_center_code = g_strdup (op->work_center_code);
          entry->status = op->status;
          entry->planned_start = g_strdup (op->planned_start);
          entry->planned_end = g_strdup (op->planned_end);
          entry->planned_start_us = parse_us (op->planned_start, G_MAXINT64);
          entry->good = op->good;
          entry->scrap = op->scrap;
          end_us = parse_us (op->planned_end, G_MININT64);
          entry->late = (end_us != G_MININT64 && end_us > entry->due_us) || now_us > entry->due_us;
          entry->instructions = dup_instructions (store, routings, wo, op->seq);
          g_ptr_array_add (data->entries, entry);
        }
    }

  g_ptr_array_sort (data->entries, compare_entries);
  return TRUE;
}

static PdTerminalData *
data_new (PdStore  *store,
          GError  **error)
{
  g_autoptr(PdTerminalData) data = g_new0 (PdTerminalData, 1);

  data->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_terminal_entry_free);
  data->work_centers = pd_store_list_work_centers (store, error);
  if (data->work_centers == NULL)
    return NULL;
  return g_steal_pointer (&data);
}

PdTerminalData *
pd_terminal_data_load (PdStore     *store,
                       const char  *work_center_code,
                       gint64       now_us,
                       GError     **error)
{
  g_autoptr(PdTerminalData) data = NULL;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  data = data_new (store, error);
  if (data == NULL)
    return NULL;

  if (work_center_code == NULL || *work_center_code == '\0')
    return g_steal_pointer (&data);

  for (guint i = 0; i < data->work_centers->len; i++)
    {
      PdWorkCenter *wc = g_ptr_array_index (data->work_centers, i);

      if (g_ascii_strcasecmp (wc->code, work_center_code) == 0)
        data->work_center = pd_work_center_copy (wc);
    }
  if (data->work_center == NULL)
    return g_steal_pointer (&data);

  if (!collect_entries (store, data, data->work_center->id, now_us, error))
    return NULL;
  return g_steal_pointer (&data);
}

PdTerminalData *
pd_terminal_data_load_all (PdStore  *store,
                           gint64    now_us,
                           GError  **error)
{
  g_autoptr(PdTerminalData) data = NULL;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  data = data_new (store, error);
  if (data == NULL || !collect_entries (store, data, 0, now_us, error))
    return NULL;
  return g_steal_pointer (&data);
}

PdQty
pd_terminal_entry_get_remaining (const PdTerminalEntry *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  return entry->good >= entry->qty ? 0 : entry->qty - entry->good;
}

gboolean
pd_terminal_entry_is_active (const PdTerminalEntry *entry)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  return entry->status == PD_WO_OP_RUNNING || entry->status == PD_WO_OP_PAUSED;
}

char *
pd_terminal_format_time (const char *iso8601)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return g_strdup ("—");
  dt = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (dt == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (dt);
  /* TRANSLATORS: a planned or due time on the operator terminal, see
   * g_date_time_format(); day and time are enough on the shop floor. */
  return g_date_time_format (local, _("%a %d %b %H:%M"));
}
