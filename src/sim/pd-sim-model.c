/* pd-sim-model.c — the simulated production line behind one Modbus device
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-sim-model"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-sim-model.h"

/* The analog values and the stations move in steps of this much simulated
 * time, so that a value depends on the clock, not on how often it is read. */
#define TICK_MS 100
/* At most this many steps per advance; the server advances every device
 * at least once a second, so this only drops time at rates above 600. */
#define MAX_TICKS_PER_ADVANCE 6000

typedef struct
{
  gboolean active;          /* enabled and the conveyor runs */
  gint64   next_cycle_ms;   /* simulated time the current cycle ends */
  guint    last_cycle_ms;
  double   temperature;
  double   temp_drift;
  double   pressure;
  double   pres_drift;
  PdSimStationState state;
} Station;

struct _PdSimModel
{
  modbus_mapping_t *map;
  GRand            *rand;
  double            rate;
  gint64            start_us;
  gint64            sim_ms;
  gint64            next_tick_ms;
  gint64            bulk_second;

  double            speed;
  double            current;
  double            energy_kwh;
  double            chiller_drift;
  guint             jams;
  Station           stations[PD_SIM_N_STATIONS];
};

static double
noise (PdSimModel *self,
       double      amplitude)
{
  /* The sum of two uniform draws: centred, rarely at the edges. */
  return amplitude * (g_rand_double (self->rand) + g_rand_double (self->rand) - 1.0);
}

static double
drift (PdSimModel *self,
       double      value,
       double      step,
       double      limit)
{
  value += noise (self, step);
  return CLAMP (value, -limit, limit);
}

static void
put_u32 (uint16_t *regs,
         guint     address,
         guint32   value,
         gboolean  little_word)
{
  regs[address + (little_word ? 1 : 0)] = value >> 16;
  regs[address + (little_word ? 0 : 1)] = value & 0xffff;
}

static guint32
get_u32 (const uint16_t *regs,
         guint           address)
{
  return ((guint32) regs[address] << 16) | regs[address + 1];
}

static void
put_f32 (uint16_t *regs,
         guint     address,
         float     value,
         gboolean  little_word)
{
  guint32 bits;

  memcpy (&bits, &value, sizeof bits);
  put_u32 (regs, address, bits, little_word);
}

static float
get_f32 (const uint16_t *regs,
         guint           address)
{
  guint32 bits = get_u32 (regs, address);
  float value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

static void
put_f64 (uint16_t *regs,
         guint     address,
         double    value,
         gboolean  little_word)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  for (guint i = 0; i < 4; i++)
    {
      guint shift = 48 - 16 * i;

      regs[address + (little_word ? 3 - i : i)] = (bits >> shift) & 0xffff;
    }
}

static double
temperature_setpoint (PdSimModel *self)
{
  const uint16_t *hr = self->map->tab_registers;
  double sp = get_f32 (hr, PD_SIM_HR_TEMP_SP);

  if (!isfinite (sp))
    sp = 0.0;
  sp = CLAMP (sp, -50.0, 400.0);

  return sp + (gint16) hr[PD_SIM_HR_TEMP_TRIM] * 0.1;
}

static guint
cycle_duration (PdSimModel *self,
                guint       station)
{
  guint sp = self->map->tab_registers[PD_SIM_HR_CYCLE_SP + station];

  sp = CLAMP (sp, 100, 60000);
  return (guint) (sp * (0.95 + 0.1 * g_rand_double (self->rand)));
}

static void
complete_cycle (PdSimModel *self,
                guint       i)
{
  uint16_t *hr = self->map->tab_registers;
  uint16_t *ir = self->map->tab_input_registers;
  guint base = PD_SIM_IR_STATION + 10 * i;
  guint counter;

  /* Counters live in the registers themselves, so that a raw "set" can put
   * them just below 2^32 and a test can watch them wrap. */
  counter = (guint) g_rand_int_range (self->rand, 0, 1000) < hr[PD_SIM_HR_SCRAP_RATE]
              ? PD_SIM_IR_STATION_SCRAP : PD_SIM_IR_STATION_GOOD;
  put_u32 (ir, base + counter, get_u32 (ir, base + counter) + 1, FALSE);

  if ((guint) g_rand_int_range (self->rand, 0, 1000) < hr[PD_SIM_HR_JAM_RATE])
    self->jams |= PD_SIM_FAULT_JAM << i;
}

static void
step (PdSimModel *self,
      gint64      tick_ms)
{
  uint8_t *coils = self->map->tab_bits;
  uint8_t *di = self->map->tab_input_bits;
  uint16_t *hr = self->map->tab_registers;
  uint16_t *ir = self->map->tab_input_registers;
  const double dt = TICK_MS / 1000.0;
  const double t = tick_ms / 1000.0;
  double temp_sp = temperature_setpoint (self);
  guint faults;
  gboolean running;
  double target;
  gboolean over_temp = FALSE;
  gint32 tracking;

  if (coils[PD_SIM_COIL_RESET_FAULTS])
    {
      self->jams = 0;
      coils[PD_SIM_COIL_RESET_FAULTS] = 0;
    }

  faults = (hr[PD_SIM_HR_FORCED_FAULTS] | self->jams) & 0xff;
  running = coils[PD_SIM_COIL_CONVEYOR_RUN] &&
            (faults & (PD_SIM_FAULT_OVERLOAD | PD_SIM_FAULT_BELT_SLIP)) == 0;

  target = running ? MIN (hr[PD_SIM_HR_SPEED_SP], 3000) : 0;
  self->speed += (target - self->speed) * MIN (1.0, dt / 0.5);
  if (fabs (target - self->speed) < 0.5)
    self->speed = target;
  running = running && self->speed > 0.0;

  self->current = self->speed > 0.0 ? 0.6 + self->speed * 0.004 + noise (self, 0.05) : 0.0;
  /* Three-phase 400 V at a power factor of 0.85. */
  self->energy_kwh += sqrt (3.0) * 0.4 * 0.85 * self->current * dt / 3600.0;
  self->chiller_drift = drift (self, self->chiller_drift, 0.02, 1.5);
  tracking = (gint32) (1500.0 * sin (2.0 * G_PI * t / 40.0) + noise (self, 20.0)) +
             (gint32) get_u32 (hr, PD_SIM_HR_TRACKING_TRIM);

  for (guint i = 0; i < PD_SIM_N_STATIONS; i++)
    {
      Station *st = &self->stations[i];
      gboolean enabled = coils[PD_SIM_COIL_STATION_ENABLE + i] != 0;
      gboolean jammed = (self->jams & (PD_SIM_FAULT_JAM << i)) != 0;
      gboolean active = enabled && running && !jammed;
      double temp_target = active ? temp_sp + 5.0 * i : 25.0;
      double pres_target = active ? 6.0 - 0.3 * i : 1.0;

      /* A station switched on, or one that slept through skipped time,
       * starts a fresh cycle. */
      if (active && (!st->active || st->next_cycle_ms < tick_ms - 60000))
        st->next_cycle_ms = tick_ms + cycle_duration (self, i);
      st->active = active;

      while (st->active && st->next_cycle_ms <= tick_ms)
        {
          guint duration = cycle_duration (self, i);

          complete_cycle (self, i);
          st->last_cycle_ms = duration;
          st->next_cycle_ms += duration;
          if (self->jams & (PD_SIM_FAULT_JAM << i))
            st->active = FALSE;
        }

      if (jammed || (self->jams & (PD_SIM_FAULT_JAM << i)))
        st->state = PD_SIM_STATION_FAULT;
      else if (st->active)
        st->state = PD_SIM_STATION_WORKING;
      else if (enabled)
        st->state = PD_SIM_STATION_BLOCKED;
      else
        st->state = PD_SIM_STATION_IDLE;

      st->temperature += (temp_target - st->temperature) * MIN (1.0, dt / 30.0);
      st->temp_drift = drift (self, st->temp_drift, 0.05, 2.0);
      st->pressure += (pres_target - st->pressure) * MIN (1.0, dt / 2.0);
      st->pres_drift = drift (self, st->pres_drift, 0.005, 0.2);

      if (st->temperature + st->temp_drift > 250.0)
        over_temp = TRUE;
    }

  if (over_temp)
    faults |= PD_SIM_FAULT_OVER_TEMP;

  /* Registers */
  ir[PD_SIM_IR_SPEED] = (guint16) lround (self->speed);
  put_f32 (ir, PD_SIM_IR_CURRENT, self->current, FALSE);
  put_f32 (ir, PD_SIM_IR_CURRENT_LW, self->current, TRUE);
  ir[PD_SIM_IR_FAULTS] = faults;
  ir[PD_SIM_IR_CHILLER] = (guint16) (gint16) lround ((-18.0 + self->chiller_drift + noise (self, 0.2)) * 10.0);
  ir[PD_SIM_IR_LINE_STATE] = (faults & ~PD_SIM_FAULT_OVER_TEMP) != 0 ? 2 : running ? 1 : 0;

  for (guint i = 0; i < PD_SIM_N_STATIONS; i++)
    {
      Station *st = &self->stations[i];
      guint base = PD_SIM_IR_STATION + 10 * i;

      ir[base + PD_SIM_IR_STATION_CYCLE] = MIN (st->last_cycle_ms, G_MAXUINT16);
      ir[base + PD_SIM_IR_STATION_STATE] = st->state;
      put_f32 (ir, base + PD_SIM_IR_STATION_TEMP,
               st->temperature + st->temp_drift + noise (self, 0.1), FALSE);
      put_f32 (ir, base + PD_SIM_IR_STATION_PRESSURE,
               MAX (0.0, st->pressure + st->pres_drift + noise (self, 0.02)), FALSE);
      di[PD_SIM_DI_STATION_BUSY + i] = st->state == PD_SIM_STATION_WORKING;
    }

  put_f64 (ir, PD_SIM_IR_ENERGY, self->energy_kwh, FALSE);
  put_f64 (ir, PD_SIM_IR_ENERGY_LW, self->energy_kwh, TRUE);
  put_u32 (ir, PD_SIM_IR_TRACKING, (guint32) tracking, FALSE);
  ir[PD_SIM_IR_SPEED_DEVIATION] = (guint16) (gint16) lround (self->speed - target);
  ir[PD_SIM_IR_SPEED_LB] = GUINT16_SWAP_LE_BE (ir[PD_SIM_IR_SPEED]);
  put_u32 (ir, PD_SIM_IR_GOOD1_LW,
           get_u32 (ir, PD_SIM_IR_STATION + PD_SIM_IR_STATION_GOOD), TRUE);

  di[PD_SIM_DI_CONVEYOR_RUNNING] = running;
  di[PD_SIM_DI_ANY_FAULT] = faults != 0;
  di[PD_SIM_DI_ESTOP_HEALTHY] = 1;
  di[PD_SIM_DI_OVER_TEMPERATURE] = over_temp;
  for (guint bit = 0; bit < 8; bit++)
    di[PD_SIM_DI_FAULT_BITS + bit] = (faults >> bit) & 1;
}

static void
write_bulk (PdSimModel *self,
            gint64      second)
{
  uint16_t *ir = self->map->tab_input_registers;
  uint16_t *hr = self->map->tab_registers;

  for (guint a = PD_SIM_BULK_START; a < PD_SIM_BULK_START + PD_SIM_BULK_COUNT; a++)
    {
      ir[a] = (guint16) (a + second);
      hr[a] = (guint16) (2 * a + second);
    }
  put_u32 (ir, PD_SIM_IR_SECONDS, (guint32) second, FALSE);
  self->bulk_second = second;
}

PdSimModel *
pd_sim_model_new (guint32 seed,
                  double  rate,
                  gint64  start_us)
{
  PdSimModel *self = g_new0 (PdSimModel, 1);
  uint16_t *hr;

  self->map = modbus_mapping_new (PD_SIM_N_COILS, PD_SIM_N_DISCRETE,
                                  PD_SIM_N_HOLDING, PD_SIM_N_INPUT);
  if (self->map == NULL)
    g_error ("Out of memory for a Modbus mapping");
  self->rand = g_rand_new_with_seed (seed);
  self->rate = rate;
  self->start_us = start_us;
  self->bulk_second = -1;

  hr = self->map->tab_registers;
  hr[PD_SIM_HR_SPEED_SP] = 500;
  hr[PD_SIM_HR_CYCLE_SP + 0] = 2000;
  hr[PD_SIM_HR_CYCLE_SP + 1] = 2500;
  hr[PD_SIM_HR_CYCLE_SP + 2] = 3000;
  hr[PD_SIM_HR_SCRAP_RATE] = 20;
  put_f32 (hr, PD_SIM_HR_TEMP_SP, 180.0f, FALSE);
  put_f64 (hr, PD_SIM_HR_RECIPE_WEIGHT, 12.5, FALSE);
  put_u32 (hr, PD_SIM_HR_TRACKING_TRIM, (guint32) -250, FALSE);
  hr[PD_SIM_HR_TEMP_TRIM] = (guint16) (gint16) -15;

  self->map->tab_bits[PD_SIM_COIL_CONVEYOR_RUN] = 1;
  for (guint i = 0; i < PD_SIM_N_STATIONS; i++)
    self->map->tab_bits[PD_SIM_COIL_STATION_ENABLE + i] = 1;

  /* Start warm, as a line that has been running for a while. */
  self->speed = hr[PD_SIM_HR_SPEED_SP];
  for (guint i = 0; i < PD_SIM_N_STATIONS; i++)
    {
      self->stations[i].temperature = temperature_setpoint (self) + 5.0 * i;
      self->stations[i].pressure = 6.0 - 0.3 * i;
    }

  step (self, 0);
  self->next_tick_ms = TICK_MS;
  write_bulk (self, 0);

  return self;
}

void
pd_sim_model_free (PdSimModel *self)
{
  if (self == NULL)
    return;

  modbus_mapping_free (self->map);
  g_rand_free (self->rand);
  g_free (self);
}

void
pd_sim_model_advance (PdSimModel *self,
                      gint64      now_us)
{
  gint64 sim_ms;
  gint64 second;

  g_return_if_fail (self != NULL);

  sim_ms = (gint64) ((now_us - self->start_us) * self->rate / 1000.0);
  if (sim_ms < self->sim_ms)
    return;
  self->sim_ms = sim_ms;

  if (sim_ms - self->next_tick_ms > (gint64) MAX_TICKS_PER_ADVANCE * TICK_MS)
    self->next_tick_ms = sim_ms - (gint64) MAX_TICKS_PER_ADVANCE * TICK_MS;

  while (self->next_tick_ms <= sim_ms)
    {
      step (self, self->next_tick_ms);
      self->next_tick_ms += TICK_MS;
    }

  second = sim_ms / 1000;
  if (second != self->bulk_second)
    write_bulk (self, second);
}

modbus_mapping_t *
pd_sim_model_get_mapping (PdSimModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->map;
}
