/* pd-wms-row.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-wms-row"

#include "config.h"

#include "wms/pd-wms-row.h"

struct _PdWmsRow
{
  GObject         parent_instance;
  gpointer        data;
  GDestroyNotify  free_func;
};

G_DEFINE_FINAL_TYPE (PdWmsRow, pd_wms_row, G_TYPE_OBJECT)

static void
pd_wms_row_finalize (GObject *object)
{
  PdWmsRow *self = PD_WMS_ROW (object);

  if (self->free_func != NULL)
    g_clear_pointer (&self->data, self->free_func);

  G_OBJECT_CLASS (pd_wms_row_parent_class)->finalize (object);
}

static void
pd_wms_row_class_init (PdWmsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_wms_row_finalize;
}

static void
pd_wms_row_init (PdWmsRow *self)
{
}

PdWmsRow *
pd_wms_row_new (gpointer       data,
                GDestroyNotify free_func)
{
  PdWmsRow *self = g_object_new (PD_TYPE_WMS_ROW, NULL);

  self->data = data;
  self->free_func = free_func;
  return self;
}

gpointer
pd_wms_row_get_data (PdWmsRow *self)
{
  g_return_val_if_fail (PD_IS_WMS_ROW (self), NULL);

  return self->data;
}
