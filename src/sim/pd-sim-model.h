/* pd-sim-model.h — the simulated production line behind one Modbus device
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <modbus.h>

G_BEGIN_DECLS

/* Sizes of the four areas of every simulated device. Requests beyond them
 * are answered with exception 2 (illegal data address) by libmodbus. */
#define PD_SIM_N_COILS          64
#define PD_SIM_N_DISCRETE       64
#define PD_SIM_N_HOLDING        2000
#define PD_SIM_N_INPUT          2000

/* The bulk region of input and holding registers, rewritten every
 * simulated second: input[a] = (a + t) mod 65536 and
 * holding[a] = (2a + t) mod 65536, t the whole simulated seconds. */
#define PD_SIM_BULK_START       1000
#define PD_SIM_BULK_COUNT       1000

#define PD_SIM_N_STATIONS       3

/* Coils */
#define PD_SIM_COIL_CONVEYOR_RUN     0
#define PD_SIM_COIL_RESET_FAULTS     1
#define PD_SIM_COIL_STATION_ENABLE   2   /* 2, 3, 4 */
#define PD_SIM_COIL_HORN             5

/* Discrete inputs */
#define PD_SIM_DI_CONVEYOR_RUNNING   0
#define PD_SIM_DI_ANY_FAULT          1
#define PD_SIM_DI_STATION_BUSY       2   /* 2, 3, 4 */
#define PD_SIM_DI_ESTOP_HEALTHY      5
#define PD_SIM_DI_OVER_TEMPERATURE   6
#define PD_SIM_DI_FAULT_BITS         8   /* 8 … 15: fault word bits 0 … 7 */

/* Input registers */
#define PD_SIM_IR_SECONDS            0   /* uint32 */
#define PD_SIM_IR_SPEED              2   /* uint16 mm/s */
#define PD_SIM_IR_CURRENT            3   /* float32 A */
#define PD_SIM_IR_CURRENT_LW         5   /* float32 A, little word order */
#define PD_SIM_IR_FAULTS             7   /* uint16 bits */
#define PD_SIM_IR_CHILLER            8   /* int16 × 0.1 °C */
#define PD_SIM_IR_LINE_STATE         9   /* uint16 */
#define PD_SIM_IR_STATION            10  /* 10, 20, 30: 10 registers each */
#define PD_SIM_IR_STATION_GOOD       0   /* uint32 */
#define PD_SIM_IR_STATION_SCRAP      2   /* uint32 */
#define PD_SIM_IR_STATION_CYCLE      4   /* uint16 ms */
#define PD_SIM_IR_STATION_STATE      5   /* uint16 */
#define PD_SIM_IR_STATION_TEMP       6   /* float32 °C */
#define PD_SIM_IR_STATION_PRESSURE   8   /* float32 bar */
#define PD_SIM_IR_ENERGY             40  /* float64 kWh */
#define PD_SIM_IR_ENERGY_LW          44  /* float64 kWh, little word order */
#define PD_SIM_IR_TRACKING           48  /* int32 µm */
#define PD_SIM_IR_SPEED_DEVIATION    50  /* int16 mm/s */
#define PD_SIM_IR_SPEED_LB           51  /* uint16 mm/s, little byte order */
#define PD_SIM_IR_GOOD1_LW           52  /* uint32, little word order */

/* Holding registers */
#define PD_SIM_HR_SPEED_SP           0   /* uint16 mm/s */
#define PD_SIM_HR_CYCLE_SP           1   /* 1, 2, 3: uint16 ms */
#define PD_SIM_HR_SCRAP_RATE         4   /* uint16 ‰ */
#define PD_SIM_HR_TEMP_SP            5   /* float32 °C */
#define PD_SIM_HR_FORCED_FAULTS      7   /* uint16 bits */
#define PD_SIM_HR_JAM_RATE           8   /* uint16 ‰ per cycle */
#define PD_SIM_HR_RECIPE_WEIGHT      10  /* float64 kg */
#define PD_SIM_HR_TRACKING_TRIM      14  /* int32 µm */
#define PD_SIM_HR_TEMP_TRIM          16  /* int16 × 0.1 °C */

/* Fault word bits */
#define PD_SIM_FAULT_OVERLOAD        (1 << 0)
#define PD_SIM_FAULT_OVER_TEMP       (1 << 1)
#define PD_SIM_FAULT_BELT_SLIP       (1 << 2)
#define PD_SIM_FAULT_JAM             (1 << 3)  /* 3, 4, 5: stations 1 … 3 */

typedef enum
{
  PD_SIM_STATION_IDLE,
  PD_SIM_STATION_WORKING,
  PD_SIM_STATION_BLOCKED,
  PD_SIM_STATION_FAULT,
} PdSimStationState;

typedef struct _PdSimModel PdSimModel;

/* A model whose simulated clock starts at START_US (monotonic) and runs
 * RATE times as fast as the real one; SEED makes its noise repeatable. */
PdSimModel       *pd_sim_model_new          (guint32      seed,
                                             double       rate,
                                             gint64       start_us);
void              pd_sim_model_free         (PdSimModel  *self);
/* Brings the registers up to NOW_US (monotonic). Cheap when nothing is
 * due, so it is called before every answer. */
void              pd_sim_model_advance      (PdSimModel  *self,
                                             gint64       now_us);
modbus_mapping_t *pd_sim_model_get_mapping  (PdSimModel  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSimModel, pd_sim_model_free)

G_END_DECLS
