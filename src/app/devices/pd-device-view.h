/* pd-device-view.h — base of the views of one device's page
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pd-core.h"

G_BEGIN_DECLS

#define PD_TYPE_DEVICE_VIEW (pd_device_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (PdDeviceView, pd_device_view, PD, DEVICE_VIEW, AdwBin)

/* A view of one device, shown on its page (trends, diagnostics,
 * inspections). It holds the construct-only "acquisition" (PdAcquisition,
 * required), "user" (PdUser, the signed-in user) and "device-id" (gint64),
 * all set by whoever creates the view; subclasses read them from their
 * constructed() on, after chaining up, and until their dispose() chains
 * up. */
struct _PdDeviceViewClass
{
  AdwBinClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

PdAcquisition *pd_device_view_get_acquisition (PdDeviceView *self);
PdUser        *pd_device_view_get_user        (PdDeviceView *self);
gint64         pd_device_view_get_device_id   (PdDeviceView *self);

G_END_DECLS
