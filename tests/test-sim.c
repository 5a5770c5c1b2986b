/* test-sim.c — plantdesk-sim seen from a libmodbus client on loopback
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sim"

#include "config.h"

#include <errno.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <math.h>
#include <modbus.h>
#include <stdlib.h>
#include <string.h>

#include "pd-core.h"

#include "pd-sim-test-utils.h"

/* Register map, as docs/plantdesk-sim.md documents it. */
#define COIL_RUN            0
#define DI_RUNNING          0
#define IR_SECONDS          0
#define IR_SPEED            2
#define IR_CURRENT          3
#define IR_CURRENT_LW       5
#define IR_CHILLER          8
#define IR_LINE_STATE       9
#define IR_GOOD1            10
#define IR_SCRAP1           12
#define IR_CYCLE1           14
#define IR_STATE1           15
#define IR_TEMP1            16
#define IR_PRESSURE1        18
#define IR_ENERGY           40
#define IR_ENERGY_LW        44
#define IR_TRACKING         48
#define IR_SPEED_LB         51
#define IR_GOOD1_LW         52
#define HR_SPEED_SP         0
#define HR_SCRAP_RATE       4
#define HR_RECIPE_WEIGHT    10
#define HR_TRACKING_TRIM    14
#define BULK_START          1000

#define WAIT_S 15

typedef struct
{
  PdSim    *sim;
  char     *dir;
  modbus_t *mb;
} Fixture;

static guint32
u32 (const uint16_t *regs)
{
  return ((guint32) regs[0] << 16) | regs[1];
}

static float
f32 (const uint16_t *regs,
     gboolean        little_word)
{
  guint32 bits = little_word ? ((guint32) regs[1] << 16) | regs[0] : u32 (regs);
  float value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

static double
f64 (const uint16_t *regs,
     gboolean        little_word)
{
  guint64 bits = 0;
  double value;

  for (guint i = 0; i < 4; i++)
    bits = (bits << 16) | regs[little_word ? 3 - i : i];
  memcpy (&value, &bits, sizeof value);
  return value;
}

static modbus_t *
connect_tcp (guint  port,
             guint  timeout_ms)
{
  modbus_t *mb = modbus_new_tcp ("127.0.0.1", port);

  g_assert_nonnull (mb);
  /* libmodbus sends unit 255 over TCP unless told otherwise. */
  modbus_set_slave (mb, 1);
  modbus_set_response_timeout (mb, timeout_ms / 1000, (timeout_ms % 1000) * 1000);
  g_assert_cmpint (modbus_connect (mb), ==, 0);

  return mb;
}

static void
close_client (modbus_t *mb)
{
  if (mb == NULL)
    return;
  modbus_close (mb);
  modbus_free (mb);
}

static void
read_input (modbus_t *mb,
            guint     address,
            guint     count,
            uint16_t *regs)
{
  int rc = modbus_read_input_registers (mb, address, count, regs);

  if (rc < 0)
    g_error ("Reading input registers %u+%u failed: %s",
             address, count, modbus_strerror (errno));
  g_assert_cmpint (rc, ==, count);
}

static guint32
read_u32 (modbus_t *mb,
          guint     address)
{
  uint16_t regs[2];

  read_input (mb, address, 2, regs);
  return u32 (regs);
}

static void
start (Fixture            *fixture,
       const char * const *args)
{
  g_autoptr(GError) error = NULL;

  fixture->sim = pd_sim_start (args, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->sim);
}

static void
command (Fixture    *fixture,
         const char *text)
{
  g_autoptr(GError) error = NULL;

  pd_sim_command (fixture->sim, text, &error);
  g_assert_no_error (error);
}

static void G_GNUC_PRINTF (2, 3)
commandf (Fixture    *fixture,
          const char *format,
          ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  command (fixture, text);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("plantdesk-sim-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_client (fixture->mb);
  if (fixture->sim != NULL)
    g_assert_cmpint (pd_sim_stop (fixture->sim), ==, 0);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* --- The line model --------------------------------------------------- */

static void
test_values_in_range (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *args[] = { "--rate", "20", NULL };
  uint16_t regs[56];
  uint8_t bits[16];
  guint32 first_seconds;
  float first_temp;
  gboolean moved = FALSE;
  gint64 deadline;

  start (fixture, args);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);

  read_input (fixture->mb, 0, 56, regs);
  g_assert_cmpuint (regs[IR_SPEED], >=, 400);
  g_assert_cmpuint (regs[IR_SPEED], <=, 600);
  g_assert_cmpuint (GUINT16_SWAP_LE_BE (regs[IR_SPEED_LB]), ==, regs[IR_SPEED]);
  g_assert_cmpfloat (f32 (regs + IR_CURRENT, FALSE), >, 0.5);
  g_assert_cmpfloat (f32 (regs + IR_CURRENT, FALSE), <, 6.0);
  g_assert_cmpfloat (f32 (regs + IR_CURRENT, FALSE), ==, f32 (regs + IR_CURRENT_LW, TRUE));
  g_assert_cmpint ((gint16) regs[IR_CHILLER], <, -100);
  g_assert_cmpint ((gint16) regs[IR_CHILLER], >, -250);
  g_assert_cmpuint (regs[IR_LINE_STATE], ==, 1);
  g_assert_cmpuint (regs[IR_STATE1], ==, 1);
  g_assert_cmpfloat (f32 (regs + IR_TEMP1, FALSE), >, 150.0);
  g_assert_cmpfloat (f32 (regs + IR_TEMP1, FALSE), <, 200.0);
  g_assert_cmpfloat (f32 (regs + IR_PRESSURE1, FALSE), >, 4.0);
  g_assert_cmpfloat (f32 (regs + IR_PRESSURE1, FALSE), <, 8.0);
  g_assert_cmpfloat (f64 (regs + IR_ENERGY, FALSE), >=, 0.0);
  g_assert_cmpfloat (f64 (regs + IR_ENERGY, FALSE), ==, f64 (regs + IR_ENERGY_LW, TRUE));
  g_assert_cmpint (abs ((gint32) u32 (regs + IR_TRACKING)), <, 2000);
  g_assert_cmpuint (u32 (regs + IR_GOOD1), ==, ((guint32) regs[IR_GOOD1_LW + 1] << 16) | regs[IR_GOOD1_LW]);

  g_assert_cmpint (modbus_read_input_bits (fixture->mb, 0, 16, bits), ==, 16);
  g_assert_cmpuint (bits[DI_RUNNING], ==, 1);
  g_assert_cmpuint (bits[5], ==, 1);   /* e-stop healthy */
  g_assert_cmpuint (bits[1], ==, 0);   /* no fault */

  /* Values move with the simulated clock. */
  first_seconds = u32 (regs + IR_SECONDS);
  first_temp = f32 (regs + IR_TEMP1, FALSE);
  deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  while (!moved && g_get_monotonic_time () < deadline)
    {
      read_input (fixture->mb, 0, 20, regs);
      moved = u32 (regs + IR_SECONDS) > first_seconds &&
              f32 (regs + IR_TEMP1, FALSE) != first_temp;
    }
  g_assert_true (moved);
}

static void
test_counters (Fixture       *fixture,
               gconstpointer  data)
{
  const char *args[] = { "--rate", "50", NULL };
  guint32 good, total, seconds;
  gint64 deadline;

  start (fixture, args);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);

  /* Station 1 makes a part every 2 simulated seconds. */
  total = read_u32 (fixture->mb, IR_GOOD1) + read_u32 (fixture->mb, IR_SCRAP1);
  deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  while (read_u32 (fixture->mb, IR_GOOD1) + read_u32 (fixture->mb, IR_SCRAP1) < total + 3)
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
  {
    uint16_t cycle;

    read_input (fixture->mb, IR_CYCLE1, 1, &cycle);
    g_assert_cmpuint (cycle, >=, 1900);
    g_assert_cmpuint (cycle, <=, 2100);
  }

  /* The conveyor stop coil stops the stations and their counters. */
  g_assert_cmpint (modbus_write_bit (fixture->mb, COIL_RUN, 0), ==, 1);
  deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  for (;;)
    {
      uint16_t regs[20];

      read_input (fixture->mb, 0, 20, regs);
      if (regs[IR_LINE_STATE] == 0 && regs[IR_SPEED] == 0)
        {
          g_assert_cmpuint (regs[IR_STATE1], ==, 2);  /* blocked */
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  good = read_u32 (fixture->mb, IR_GOOD1);
  seconds = read_u32 (fixture->mb, IR_SECONDS);
  deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  while (read_u32 (fixture->mb, IR_SECONDS) < seconds + 10)
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
  g_assert_cmpuint (read_u32 (fixture->mb, IR_GOOD1), ==, good);

  /* Counters are uint32 and wrap: no scrap, then start just below 2^32. */
  g_assert_cmpint (modbus_write_register (fixture->mb, HR_SCRAP_RATE, 0), ==, 1);
  command (fixture, "set input 10 65535");
  command (fixture, "set input 11 65534");
  g_assert_cmpuint (read_u32 (fixture->mb, IR_GOOD1), ==, 0xfffffffe);
  g_assert_cmpint (modbus_write_bit (fixture->mb, COIL_RUN, 1), ==, 1);
  deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  while ((good = read_u32 (fixture->mb, IR_GOOD1)) >= 0xfffffffe)
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
  g_assert_cmpuint (good, <, 10);
}

static void
test_setpoints (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--rate", "20", NULL };
  uint16_t regs[4];
  uint16_t in[4];
  double weight = -1234.5678;
  guint64 bits;
  gint64 deadline;

  start (fixture, args);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);

  /* The conveyor follows its speed setpoint. */
  g_assert_cmpint (modbus_write_register (fixture->mb, HR_SPEED_SP, 1200), ==, 1);
  deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  for (;;)
    {
      read_input (fixture->mb, IR_SPEED, 1, in);
      if (in[0] == 1200)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  /* A float64 and a negative int32 written as several registers read
   * back unchanged. */
  memcpy (&bits, &weight, sizeof bits);
  for (guint i = 0; i < 4; i++)
    regs[i] = bits >> (48 - 16 * i);
  g_assert_cmpint (modbus_write_registers (fixture->mb, HR_RECIPE_WEIGHT, 4, regs), ==, 4);
  g_assert_cmpint (modbus_read_registers (fixture->mb, HR_RECIPE_WEIGHT, 4, in), ==, 4);
  g_assert_cmpfloat (f64 (in, FALSE), ==, weight);

  regs[0] = (guint32) -7000 >> 16;
  regs[1] = (guint32) -7000 & 0xffff;
  g_assert_cmpint (modbus_write_registers (fixture->mb, HR_TRACKING_TRIM, 2, regs), ==, 2);
  g_assert_cmpint (modbus_read_registers (fixture->mb, HR_TRACKING_TRIM, 2, in), ==, 2);
  g_assert_cmpint ((gint32) u32 (in), ==, -7000);

  /* The trim shows in the tracking value at the next step. */
  deadline = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  while ((gint32) read_u32 (fixture->mb, IR_TRACKING) > -5000)
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);

  /* The read-only areas refuse writes the protocol cannot express; and
   * addresses beyond the map are an exception. */
  g_assert_cmpint (modbus_read_registers (fixture->mb, 1999, 2, in), ==, -1);
  g_assert_cmpint (errno, ==, EMBXILADD);
}

static void
test_bulk (Fixture       *fixture,
           gconstpointer  data)
{
  uint16_t regs[125];
  guint32 seconds;

  start (fixture, NULL);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);

  for (guint block = 0; block < 8; block++)
    {
      guint address = BULK_START + block * 125;
      guint16 t;

      seconds = read_u32 (fixture->mb, IR_SECONDS);
      read_input (fixture->mb, address, 125, regs);
      t = regs[0] - address;
      /* The block is one snapshot of one simulated second. */
      for (guint i = 0; i < 125; i++)
        g_assert_cmpuint (regs[i], ==, (guint16) (address + i + t));
      g_assert_cmpuint (t, >=, (guint16) seconds);
      g_assert_cmpuint (t, <=, (guint16) (seconds + 2));

      g_assert_cmpint (modbus_read_registers (fixture->mb, address, 125, regs), ==, 125);
      t = regs[0] - 2 * address;
      for (guint i = 0; i < 125; i++)
        g_assert_cmpuint (regs[i], ==, (guint16) (2 * (address + i) + t));
    }
}

static void
test_units (Fixture       *fixture,
            gconstpointer  data)
{
  const char *args[] = { "--units", "1,2", "--devices", "2", NULL };
  modbus_t *other;
  uint16_t value;

  start (fixture, args);
  g_assert_cmpuint (pd_sim_get_n_ports (fixture->sim), ==, 2);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);
  other = connect_tcp (pd_sim_get_port (fixture->sim, 1), 2000);

  /* Each (port, unit) has its own registers. */
  modbus_set_slave (fixture->mb, 1);
  g_assert_cmpint (modbus_write_register (fixture->mb, HR_SCRAP_RATE, 111), ==, 1);
  modbus_set_slave (fixture->mb, 2);
  g_assert_cmpint (modbus_write_register (fixture->mb, HR_SCRAP_RATE, 222), ==, 1);
  modbus_set_slave (fixture->mb, 1);
  g_assert_cmpint (modbus_read_registers (fixture->mb, HR_SCRAP_RATE, 1, &value), ==, 1);
  g_assert_cmpuint (value, ==, 111);
  g_assert_cmpint (modbus_read_registers (other, HR_SCRAP_RATE, 1, &value), ==, 1);
  g_assert_cmpuint (value, ==, 20);

  /* A unit id the port does not serve: "gateway target failed". */
  modbus_set_slave (fixture->mb, 3);
  g_assert_cmpint (modbus_read_registers (fixture->mb, 0, 1, &value), ==, -1);
  g_assert_cmpint (errno, ==, EMBXGTAR);

  close_client (other);
}

/* --- Faults ------------------------------------------------------------ */

static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  const char *args[] = { "--devices", "2", NULL };
  modbus_t *other;
  uint16_t value;

  start (fixture, args);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);
  other = connect_tcp (pd_sim_get_port (fixture->sim, 1), 2000);
  read_input (fixture->mb, 0, 1, &value);

  commandf (fixture, "%u drop", pd_sim_get_port (fixture->sim, 0));
  g_assert_cmpint (modbus_read_input_registers (fixture->mb, 0, 1, &value), ==, -1);
  read_input (other, 0, 1, &value);

  /* It still listens. */
  close_client (fixture->mb);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);
  read_input (fixture->mb, 0, 1, &value);

  close_client (other);
}

static void
test_refuse (Fixture       *fixture,
             gconstpointer  data)
{
  const char *args[] = { "--devices", "2", NULL };
  guint port;
  modbus_t *mb;
  uint16_t value;

  start (fixture, args);
  port = pd_sim_get_port (fixture->sim, 0);
  fixture->mb = connect_tcp (port, 2000);

  commandf (fixture, "%u refuse", port);
  mb = modbus_new_tcp ("127.0.0.1", port);
  g_assert_cmpint (modbus_connect (mb), ==, -1);
  modbus_free (mb);
  /* A connection made before stays up; the other device accepts. */
  read_input (fixture->mb, 0, 1, &value);
  mb = connect_tcp (pd_sim_get_port (fixture->sim, 1), 2000);
  read_input (mb, 0, 1, &value);
  close_client (mb);

  commandf (fixture, "%u accept", port);
  mb = connect_tcp (port, 2000);
  read_input (mb, 0, 1, &value);
  close_client (mb);
}

static void
test_freeze (Fixture       *fixture,
             gconstpointer  data)
{
  const char *args[] = { "--devices", "2", "--units", "1,2", NULL };
  guint port;
  modbus_t *other;
  uint16_t value;
  gint64 before;

  start (fixture, args);
  port = pd_sim_get_port (fixture->sim, 0);
  fixture->mb = connect_tcp (port, 300);
  other = connect_tcp (pd_sim_get_port (fixture->sim, 1), 300);

  commandf (fixture, "%u/1 freeze", port);
  before = g_get_monotonic_time ();
  g_assert_cmpint (modbus_read_input_registers (fixture->mb, 0, 1, &value), ==, -1);
  g_assert_cmpint (errno, ==, ETIMEDOUT);
  g_assert_cmpint (g_get_monotonic_time () - before, >=, 290 * 1000);

  /* Unit 2 on the same port, and the other port, answer. */
  modbus_set_slave (fixture->mb, 2);
  read_input (fixture->mb, 0, 1, &value);
  read_input (other, 0, 1, &value);

  command (fixture, "thaw");
  modbus_set_slave (fixture->mb, 1);
  read_input (fixture->mb, 0, 1, &value);

  close_client (other);
}

static void
test_slow (Fixture       *fixture,
           gconstpointer  data)
{
  const char *args[] = { "--devices", "2", NULL };
  guint port;
  modbus_t *other;
  uint8_t req[] = { 0x01, MODBUS_FC_READ_INPUT_REGISTERS, 0x00, 0x02, 0x00, 0x01 };
  uint8_t rsp[MODBUS_TCP_MAX_ADU_LENGTH];
  uint16_t value;
  gint64 before, fast;

  start (fixture, args);
  port = pd_sim_get_port (fixture->sim, 0);
  fixture->mb = connect_tcp (port, 3000);
  other = connect_tcp (pd_sim_get_port (fixture->sim, 1), 3000);

  commandf (fixture, "%u slow 400", port);

  /* While the slow answer is pending, the other device answers at once:
   * the simulator schedules delayed answers instead of sleeping. */
  before = g_get_monotonic_time ();
  g_assert_cmpint (modbus_send_raw_request (fixture->mb, req, sizeof req), >, 0);
  read_input (other, 0, 1, &value);
  fast = g_get_monotonic_time () - before;
  g_assert_cmpint (fast, <, 300 * 1000);
  g_assert_cmpint (modbus_receive_confirmation (fixture->mb, rsp), >, 0);
  g_assert_cmpint (g_get_monotonic_time () - before, >=, 400 * 1000);

  command (fixture, "all slow 0");
  before = g_get_monotonic_time ();
  read_input (fixture->mb, 0, 1, &value);
  g_assert_cmpint (g_get_monotonic_time () - before, <, 300 * 1000);

  close_client (other);
}

static void
test_exception (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--fault", "exception 40-49", NULL };
  uint16_t regs[20];
  uint8_t bits[8];

  start (fixture, args);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);

  g_assert_cmpint (modbus_read_input_registers (fixture->mb, 40, 1, regs), ==, -1);
  g_assert_cmpint (errno, ==, EMBXILADD);
  g_assert_cmpint (modbus_read_input_registers (fixture->mb, 49, 2, regs), ==, -1);
  g_assert_cmpint (errno, ==, EMBXILADD);
  /* Touching the range is enough, in any area. */
  g_assert_cmpint (modbus_read_input_registers (fixture->mb, 30, 11, regs), ==, -1);
  g_assert_cmpint (modbus_read_registers (fixture->mb, 45, 1, regs), ==, -1);
  g_assert_cmpint (modbus_write_register (fixture->mb, 41, 1), ==, -1);
  /* Only that range. */
  read_input (fixture->mb, 30, 10, regs);
  read_input (fixture->mb, 50, 4, regs);
  g_assert_cmpint (modbus_read_input_bits (fixture->mb, 0, 8, bits), ==, 8);

  /* Another code, added at run time. */
  command (fixture, "exception 5-5 4");
  g_assert_cmpint (modbus_read_input_registers (fixture->mb, 5, 1, regs), ==, -1);
  g_assert_cmpint (errno, ==, EMBXSFAIL);

  command (fixture, "clear");
  read_input (fixture->mb, 0, 20, regs);
  read_input (fixture->mb, 40, 10, regs);
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  data)
{
  const char *args[] = { "--devices", "2", NULL };
  guint port;
  modbus_t *other;
  uint16_t value;
  gint64 before;

  start (fixture, args);
  port = pd_sim_get_port (fixture->sim, 0);
  fixture->mb = connect_tcp (port, 2000);
  other = connect_tcp (pd_sim_get_port (fixture->sim, 1), 2000);

  commandf (fixture, "%u garbage", port);
  before = g_get_monotonic_time ();
  g_assert_cmpint (modbus_read_input_registers (fixture->mb, 0, 1, &value), ==, -1);
  g_assert_cmpint (errno, ==, EMBBADDATA);
  /* An error at once, not a timeout. */
  g_assert_cmpint (g_get_monotonic_time () - before, <, 1000 * 1000);
  read_input (other, 0, 1, &value);

  commandf (fixture, "%u clean", port);
  read_input (fixture->mb, 0, 1, &value);

  close_client (other);
}

static void
test_commands (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const bad[] = {
    "bogus", "freeze now", "slow", "slow -1", "slow 9999999", "exception",
    "exception 50-40", "exception 1-2 99", "exception x", "set holding 0",
    "set pond 0 1", "set holding 5000 1", "set holding 0 70000", "set coil 0 2",
    "1 freeze", "65535/1 freeze", "rtu drop",
  };
  g_autofree char *control = g_build_filename (fixture->dir, "control", NULL);
  const char *args[] = { "--control", control, NULL };
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (control);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  uint16_t value;

  start (fixture, args);
  fixture->mb = connect_tcp (pd_sim_get_port (fixture->sim, 0), 2000);

  /* The control socket takes the same commands. */
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             "bogus\nset holding 1 1500\n", strlen ("bogus\nset holding 1 1500\n"),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  answer = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (answer, "error: "));
  g_free (answer);
  answer = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "ok");
  g_assert_cmpint (modbus_read_registers (fixture->mb, 1, 1, &value), ==, 1);
  g_assert_cmpuint (value, ==, 1500);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) refusal = NULL;

      g_assert_false (pd_sim_command (fixture->sim, bad[i], &refusal));
      g_assert_error (refusal, PD_ERROR, PD_ERROR_FAILED);
      if (strstr (refusal->message, "error: ") == NULL)
        g_error ("“%s”: %s", bad[i], refusal->message);
    }

  /* Nothing changed: no fault is on. */
  read_input (fixture->mb, 0, 1, &value);

  command (fixture, "set holding 0 -1");
  g_assert_cmpint (modbus_read_registers (fixture->mb, 0, 1, &value), ==, 1);
  g_assert_cmpuint (value, ==, 0xffff);
}

/* --- RTU ---------------------------------------------------------------- */

static void
test_rtu (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->dir, "ttySIM0", NULL);
  const char *args[] = { "--units", "1,2", "--rtu-link", link, NULL };
  uint16_t regs[10];
  modbus_t *rtu;

  start (fixture, args);
  g_assert_cmpstr (pd_sim_get_rtu_path (fixture->sim), ==, link);

  rtu = modbus_new_rtu (link, 19200, 'E', 8, 1);
  g_assert_nonnull (rtu);
  modbus_set_response_timeout (rtu, 0, 300 * 1000);
  g_assert_cmpint (modbus_connect (rtu), ==, 0);

  modbus_set_slave (rtu, 1);
  g_assert_cmpint (modbus_read_input_registers (rtu, 0, 10, regs), ==, 10);
  g_assert_cmpuint (regs[IR_SPEED], >, 0);
  g_assert_cmpint (modbus_write_register (rtu, HR_SCRAP_RATE, 77), ==, 1);

  /* A second unit on the same bus, with its own registers. */
  modbus_set_slave (rtu, 2);
  g_assert_cmpint (modbus_read_registers (rtu, HR_SCRAP_RATE, 1, regs), ==, 1);
  g_assert_cmpuint (regs[0], ==, 20);

  /* An absent unit is silent, as on a real bus. */
  modbus_set_slave (rtu, 9);
  g_assert_cmpint (modbus_read_input_registers (rtu, 0, 1, regs), ==, -1);
  g_assert_cmpint (errno, ==, ETIMEDOUT);

  modbus_set_slave (rtu, 1);
  g_assert_cmpint (modbus_read_registers (rtu, HR_SCRAP_RATE, 1, regs), ==, 1);
  g_assert_cmpuint (regs[0], ==, 77);

  /* Faults apply to RTU units too. */
  command (fixture, "rtu/2 garbage");
  modbus_set_slave (rtu, 2);
  g_assert_cmpint (modbus_read_input_registers (rtu, 0, 4, regs), ==, -1);
  g_assert_cmpint (errno, ==, EMBBADCRC);
  command (fixture, "rtu/2 clean");
  command (fixture, "rtu exception 3-3");
  g_assert_cmpint (modbus_read_input_registers (rtu, 3, 1, regs), ==, -1);
  g_assert_cmpint (errno, ==, EMBXILADD);
  g_assert_cmpint (modbus_read_input_registers (rtu, 0, 3, regs), ==, 3);

  modbus_close (rtu);
  modbus_free (rtu);

  /* A clean exit removes the link. */
  g_assert_cmpint (pd_sim_stop (g_steal_pointer (&fixture->sim)), ==, 0);
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

/* --- Demo tag lists ------------------------------------------------------ */

static void
test_demo_tag_lists (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("PLANTDESK_SOURCE_DIR"), "data", "demo", NULL);
  g_autoptr(GDir) d = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;

  d = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) tags = NULL;
      gsize len;

      if (!g_str_has_suffix (name, ".csv"))
        continue;

      path = g_build_filename (dir, name, NULL);
      g_file_get_contents (path, &text, &len, &error);
      g_assert_no_error (error);
      tags = pd_tags_parse_csv (text, len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (tags->len, >, 0);

      /* Every tag has a source in the simulator's map. */
      for (guint i = 0; i < tags->len; i++)
        {
          PdTag *tag = g_ptr_array_index (tags, i);
          guint end = tag->address + pd_tag_type_get_width (tag->type);
          static const guint sizes[] = { 64, 64, 2000, 2000 };

          g_assert_cmpuint (end, <=, sizes[tag->area]);
        }
      n_files++;
    }

  g_assert_cmpuint (n_files, >=, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sim/model/values-in-range-and-moving", test_values_in_range);
  ADD ("/sim/model/counters-stop-and-wrap", test_counters);
  ADD ("/sim/model/setpoints-take-effect", test_setpoints);
  ADD ("/sim/model/bulk-region", test_bulk);
  ADD ("/sim/tcp/units-are-devices", test_units);
  ADD ("/sim/fault/drop", test_drop);
  ADD ("/sim/fault/refuse-accept", test_refuse);
  ADD ("/sim/fault/freeze-one-unit", test_freeze);
  ADD ("/sim/fault/slow-never-blocks-others", test_slow);
  ADD ("/sim/fault/exception-range", test_exception);
  ADD ("/sim/fault/garbage", test_garbage);
  ADD ("/sim/control/bad-commands-change-nothing", test_commands);
  ADD ("/sim/rtu/units-on-one-link", test_rtu);
  g_test_add_func ("/sim/demo/tag-lists-parse", test_demo_tag_lists);

#undef ADD

  return g_test_run ();
}
