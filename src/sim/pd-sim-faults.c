/* pd-sim-faults.c — fault state of simulated devices and the answers it shapes
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-sim-faults"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "pd-sim-server-private.h"

/* --- Fault state ---------------------------------------------------------- */

void
_pd_sim_device_clear_faults (Device *device)
{
  device->frozen = FALSE;
  device->garbage = FALSE;
  device->slow_ms = 0;
  g_array_set_size (device->exceptions, 0);
}

/* --- Answers ------------------------------------------------------------- */

static gboolean
overlaps (guint address,
          guint count,
          guint from,
          guint to)
{
  count = MAX (count, 1);
  return address <= to && address + count - 1 >= from;
}

/* The exception code this device answers REQ with, or 0. */
static guint
exception_for (Device       *device,
               const guint8 *pdu)
{
  guint function = pdu[0];
  guint address = (pdu[1] << 8) | pdu[2];
  guint count;
  guint address2 = 0;
  guint count2 = 0;

  if (device->exceptions->len == 0)
    return 0;

  switch (function)
    {
    case MODBUS_FC_READ_COILS:
    case MODBUS_FC_READ_DISCRETE_INPUTS:
    case MODBUS_FC_READ_HOLDING_REGISTERS:
    case MODBUS_FC_READ_INPUT_REGISTERS:
    case MODBUS_FC_WRITE_MULTIPLE_COILS:
    case MODBUS_FC_WRITE_MULTIPLE_REGISTERS:
      count = (pdu[3] << 8) | pdu[4];
      break;
    case MODBUS_FC_WRITE_SINGLE_COIL:
    case MODBUS_FC_WRITE_SINGLE_REGISTER:
    case MODBUS_FC_MASK_WRITE_REGISTER:
      count = 1;
      break;
    case MODBUS_FC_WRITE_AND_READ_REGISTERS:
      count = (pdu[3] << 8) | pdu[4];
      address2 = (pdu[5] << 8) | pdu[6];
      count2 = (pdu[7] << 8) | pdu[8];
      break;
    default:
      return 0;
    }

  for (guint i = 0; i < device->exceptions->len; i++)
    {
      const ExceptionRange *range = &g_array_index (device->exceptions, ExceptionRange, i);

      if (overlaps (address, count, range->from, range->to) ||
          (count2 > 0 && overlaps (address2, count2, range->from, range->to)))
        return range->code;
    }

  return 0;
}

static void
send_garbage (PdSimServer  *self,
              Conn         *conn,
              Device       *device,
              const guint8 *req,
              gsize         len)
{
  Port *port = conn->port;
  guint8 rsp[MODBUS_RTU_MAX_ADU_LENGTH + MODBUS_TCP_MAX_ADU_LENGTH];
  ssize_t n;

  if (!port->rtu)
    {
      /* A well-formed header around a body no client can take: an unused
       * function code, so that the client fails at once ("invalid data")
       * instead of waiting for bytes that never come. */
      guint8 garbage[9] = {
        req[0], req[1], 0, 0, 0, 3, req[6],
        0x41 + g_rand_int_range (self->rand, 0, 8),
        g_rand_int_range (self->rand, 0, 256),
      };

      _pd_sim_write_all (conn->fd, garbage, sizeof garbage);
      return;
    }

  /* RTU: the real answer with its data scrambled and a wrong CRC. */
  modbus_set_socket (port->ctx, self->capture[0]);
  modbus_reply (port->ctx, req, len, pd_sim_model_get_mapping (device->model));
  n = read (self->capture[1], rsp, sizeof rsp);
  if (n < 4)
    return;
  for (ssize_t i = 3; i < n - 2; i++)
    rsp[i] = g_rand_int_range (self->rand, 0, 256);
  {
    guint16 crc = _pd_sim_crc16 (rsp, n - 2) ^ 0x5a5a;

    rsp[n - 2] = crc & 0xff;
    rsp[n - 1] = crc >> 8;
  }
  _pd_sim_write_all (conn->fd, rsp, n);
}

static void
answer (PdSimServer  *self,
        Conn         *conn,
        Device       *device,
        const guint8 *req,
        gsize         len)
{
  Port *port = conn->port;
  guint code;

  if (conn->fd < 0)
    return;

  pd_sim_model_advance (device->model, g_get_monotonic_time ());

  if (device->garbage)
    {
      send_garbage (self, conn, device, req, len);
      return;
    }

  modbus_set_socket (port->ctx, conn->fd);
  code = exception_for (device, req + port->header_length);
  if (code != 0)
    modbus_reply_exception (port->ctx, req, code);
  else
    modbus_reply (port->ctx, req, len, pd_sim_model_get_mapping (device->model));
}

static void
schedule (PdSimServer  *self,
          Conn         *conn,
          Device       *device,
          const guint8 *req,
          gsize         len)
{
  Pending *pending = g_malloc (sizeof (Pending) + len);
  GList *l;

  pending->due_us = g_get_monotonic_time () + (gint64) device->slow_ms * 1000;
  pending->conn = conn;
  pending->device = device;
  pending->len = len;
  memcpy (pending->req, req, len);
  conn->refs++;

  /* Due times mostly grow, so the place is nearly always at the tail. */
  for (l = self->pending.tail; l != NULL; l = l->prev)
    if (((Pending *) l->data)->due_us <= pending->due_us)
      break;
  if (l == NULL)
    g_queue_push_head (&self->pending, pending);
  else
    g_queue_insert_after (&self->pending, l, pending);
}

void
_pd_sim_pending_free (Pending *pending)
{
  _pd_sim_conn_unref (pending->conn);
  g_free (pending);
}

void
_pd_sim_server_handle_request (PdSimServer  *self,
                               Conn         *conn,
                               Device       *device,
                               const guint8 *req,
                               gsize         len)
{
  if (device->frozen)
    return;

  if (device->slow_ms > 0)
    schedule (self, conn, device, req, len);
  else
    answer (self, conn, device, req, len);
}

void
_pd_sim_server_run_due_answers (PdSimServer *self,
                                gint64       now_us)
{
  Pending *pending;

  while ((pending = g_queue_peek_head (&self->pending)) != NULL &&
         pending->due_us <= now_us)
    {
      g_queue_pop_head (&self->pending);
      if (!pending->device->frozen)
        answer (self, pending->conn, pending->device, pending->req, pending->len);
      _pd_sim_pending_free (pending);
    }
}
