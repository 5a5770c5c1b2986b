/* pd-modbus-codec.h — tag values to and from Modbus registers and bits
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-device.h"

G_BEGIN_DECLS

/* Decodes TAG's raw value from REGISTERS (as libmodbus returns them, one
 * host-order guint16 per register, N_REGISTERS of them from the tag's
 * address on) into engineering units: raw × scale + offset; booleans are
 * 0 or 1, unscaled. Fails (a translated message) when there are too few
 * registers or the value is not a finite number. */
gboolean pd_modbus_decode_registers (const PdTag    *tag,
                                     const guint16  *registers,
                                     guint           n_registers,
                                     double         *value,
                                     GError        **error);
/* The value of a bit (coil, discrete input): 0 or 1. */
double   pd_modbus_decode_bit       (const PdTag    *tag,
                                     guint8          bit);
/* Encodes VALUE (engineering units) for a write to TAG: the registers of
 * a register tag (*N_REGISTERS of them, at most 4) or the bit of a bit
 * tag (*BIT). Integer types are rounded; a value that does not fit the
 * type, NaN and infinities are refused with a translated message. */
gboolean pd_modbus_encode           (const PdTag    *tag,
                                     double          value,
                                     guint16        *registers,
                                     guint          *n_registers,
                                     guint8         *bit,
                                     GError        **error);

G_END_DECLS
