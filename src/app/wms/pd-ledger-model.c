/* pd-ledger-model.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ledger-model"

#include "config.h"

#include "pd-wms-read.h"
#include "wms/pd-ledger-model.h"
#include "wms/pd-wms-row.h"

/* Start reading the next page this many rows before the end, so that the
 * rows are there before a scroll reaches them. */
#define PREFETCH_ROWS 150

struct _PdLedgerModel
{
  GObject       parent_instance;

  char         *db_path;
  GPtrArray    *rows;          /* PdWmsRow, newest first */
  GCancellable *cancellable;
  gboolean      loading_older;
  gboolean      loading_newer;
  gboolean      refresh_again;
  gboolean      has_more;
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdLedgerModel, pd_ledger_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gint64
row_id (PdLedgerModel *self,
        guint          position)
{
  PdStockMove *move = pd_wms_row_get_data (g_ptr_array_index (self->rows, position));

  return move->id;
}

static void
notify_loading (PdLedgerModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
older_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PdLedgerModel) self = user_data;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  moves = pd_wms_read_moves_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_older = FALSE;
  if (moves == NULL)
    {
      g_warning ("Could not read the ledger: %s", error->message);
      self->has_more = FALSE;
      notify_loading (self);
      return;
    }

  position = self->rows->len;
  self->has_more = moves->len == PD_LEDGER_PAGE_SIZE;
  for (guint i = 0; i < moves->len; i++)
    g_ptr_array_add (self->rows, pd_wms_row_new (g_steal_pointer (&moves->pdata[i]),
                                                 (GDestroyNotify) pd_stock_move_free));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, moves->len);

  /* Moves posted while the first page was being read. */
  if (self->refresh_again && !self->loading_newer)
    {
      self->refresh_again = FALSE;
      pd_ledger_model_refresh (self);
    }
  notify_loading (self);
}

void
pd_ledger_model_load_more (PdLedgerModel *self)
{
  g_return_if_fail (PD_IS_LEDGER_MODEL (self));

  if (self->loading_older || !self->has_more)
    return;

  self->loading_older = TRUE;
  pd_wms_read_moves_async (self->db_path,
                           self->rows->len > 0 ? row_id (self, self->rows->len - 1) : 0,
                           0, PD_LEDGER_PAGE_SIZE, self->cancellable,
                           older_read_cb, g_object_ref (self));
  notify_loading (self);
}

static void
newer_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PdLedgerModel) self = user_data;
  g_autoptr(GPtrArray) moves = NULL;
  g_autoptr(GError) error = NULL;

  moves = pd_wms_read_moves_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_newer = FALSE;
  if (moves == NULL)
    {
      g_warning ("Could not read the ledger: %s", error->message);
    }
  else if (moves->len == PD_LEDGER_PAGE_SIZE)
    {
      /* More than a page arrived since: start again from the newest
       * rather than leave a gap between what is new and what was held. */
      guint old_len = self->rows->len;

      g_ptr_array_set_size (self->rows, 0);
      for (guint i = 0; i < moves->len; i++)
        g_ptr_array_add (self->rows, pd_wms_row_new (g_steal_pointer (&moves->pdata[i]),
                                                     (GDestroyNotify) pd_stock_move_free));
      self->has_more = TRUE;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->rows->len);
    }
  else if (moves->len > 0)
    {
      for (guint i = 0; i < moves->len; i++)
        g_ptr_array_insert (self->rows, i, pd_wms_row_new (g_steal_pointer (&moves->pdata[i]),
                                                           (GDestroyNotify) pd_stock_move_free));
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, moves->len);
    }

  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      pd_ledger_model_refresh (self);
    }
  notify_loading (self);
}

void
pd_ledger_model_refresh (PdLedgerModel *self)
{
  g_return_if_fail (PD_IS_LEDGER_MODEL (self));

  /* Nothing held yet: the first page is all there is to read, or, when it
   * is being read, what came since once it is in. */
  if (self->rows->len == 0)
    {
      if (self->loading_older)
        {
          self->refresh_again = TRUE;
          return;
        }
      self->has_more = TRUE;
      pd_ledger_model_load_more (self);
      return;
    }

  if (self->loading_newer)
    {
      self->refresh_again = TRUE;
      return;
    }

  self->loading_newer = TRUE;
  pd_wms_read_moves_async (self->db_path, 0, row_id (self, 0), PD_LEDGER_PAGE_SIZE,
                           self->cancellable, newer_read_cb, g_object_ref (self));
  notify_loading (self);
}

gboolean
pd_ledger_model_is_loading (PdLedgerModel *self)
{
  g_return_val_if_fail (PD_IS_LEDGER_MODEL (self), FALSE);

  return self->loading_older || self->loading_newer;
}

gboolean
pd_ledger_model_has_more (PdLedgerModel *self)
{
  g_return_val_if_fail (PD_IS_LEDGER_MODEL (self), FALSE);

  return self->has_more;
}

/* --- GListModel ---------------------------------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return PD_TYPE_WMS_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return PD_LEDGER_MODEL (model)->rows->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PdLedgerModel *self = PD_LEDGER_MODEL (model);

  if (position >= self->rows->len)
    return NULL;

  /* The list view asks for the rows it is about to show: near the end,
   * the next page is read. */
  if (position + PREFETCH_ROWS >= self->rows->len)
    pd_ledger_model_load_more (self);

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* --- GObject ------------------------------------------------------------- */

static void
pd_ledger_model_dispose (GObject *object)
{
  PdLedgerModel *self = PD_LEDGER_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pd_ledger_model_parent_class)->dispose (object);
}

static void
pd_ledger_model_finalize (GObject *object)
{
  PdLedgerModel *self = PD_LEDGER_MODEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->db_path);

  G_OBJECT_CLASS (pd_ledger_model_parent_class)->finalize (object);
}

static void
pd_ledger_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdLedgerModel *self = PD_LEDGER_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, pd_ledger_model_is_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_ledger_model_class_init (PdLedgerModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_ledger_model_dispose;
  object_class->finalize = pd_ledger_model_finalize;
  object_class->get_property = pd_ledger_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_ledger_model_init (PdLedgerModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->has_more = TRUE;
}

PdLedgerModel *
pd_ledger_model_new (const char *db_path)
{
  PdLedgerModel *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (PD_TYPE_LEDGER_MODEL, NULL);
  self->db_path = g_strdup (db_path);
  return self;
}
