/* pd-sim-server.c — Modbus TCP and RTU serving of simulated devices
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-sim-server"
/* accept4 () and ptsname () */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <modbus.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include "pd-error.h"
#include "pd-sim-model.h"
#include "pd-sim-server.h"

/* Bytes of a pending request a connection keeps: two whole TCP frames. */
#define CONN_BUFFER_SIZE   1024
/* An RTU frame that has not grown for this long is abandoned, as a slave
 * resynchronises on the silence between frames. */
#define RTU_STALE_US       (100 * G_TIME_SPAN_MILLISECOND)
#define MAX_SLOW_MS        600000
#define MAX_CONTROL_LINE   4096

typedef struct _Port Port;

typedef struct
{
  guint from;
  guint to;
  guint code;
} ExceptionRange;

typedef struct
{
  char       *name;         /* "15020/1", "rtu/2" */
  Port       *port;
  guint       unit;
  PdSimModel *model;

  gboolean    frozen;
  gboolean    garbage;
  guint       slow_ms;
  GArray     *exceptions;   /* ExceptionRange */
} Device;

typedef struct
{
  Port   *port;
  int     fd;               /* -1 once closed */
  guint   refs;             /* one while open, one per pending answer */
  gsize   len;
  gint64  last_rx_us;
  guint8  buf[CONN_BUFFER_SIZE];
} Conn;

struct _Port
{
  PdSimServer *server;
  gboolean     rtu;
  guint        number;      /* TCP port */
  char        *name;        /* "15020" or "rtu" */
  modbus_t    *ctx;
  int          header_length;
  int          listen_fd;   /* -1 while refusing */
  GPtrArray   *devices;     /* Device */
  Device      *by_unit[256];
  GPtrArray   *conns;       /* Conn, open ones */
};

typedef struct
{
  gint64  due_us;
  Conn   *conn;
  Device *device;
  gsize   len;
  guint8  req[];
} Pending;

typedef struct
{
  int      fd;
  GString *line;
} ControlClient;

struct _PdSimServer
{
  char       *host;
  GPtrArray  *ports;        /* Port: the TCP ones, then the RTU link */
  Port       *rtu;
  char       *rtu_link;
  int         pty_master;
  int         pty_slave;
  int         capture[2];   /* a socket pair to catch an answer and spoil it */
  GQueue      pending;      /* Pending, by due time */
  GRand      *rand;

  gboolean    read_stdin;
  GString    *stdin_line;

  char       *control_path;
  int         control_fd;
  GPtrArray  *control_clients;

  gboolean    quit;
};

/* --- Helpers ------------------------------------------------------------- */

static void
set_nonblocking (int fd)
{
  int flags = fcntl (fd, F_GETFL);

  if (flags >= 0)
    fcntl (fd, F_SETFL, flags | O_NONBLOCK);
  flags = fcntl (fd, F_GETFD);
  if (flags >= 0)
    fcntl (fd, F_SETFD, flags | FD_CLOEXEC);
}

static guint16
crc16 (const guint8 *data,
       gsize         len)
{
  guint16 crc = 0xffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint bit = 0; bit < 8; bit++)
        crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
    }

  return crc;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return TRUE;
}

/* --- Devices, ports, connections ------------------------------------------ */

static Device *
device_new (Port   *port,
            guint   unit,
            guint32 seed,
            double  rate,
            gint64  start_us)
{
  Device *device = g_new0 (Device, 1);

  device->port = port;
  device->unit = unit;
  device->name = g_strdup_printf ("%s/%u", port->name, unit);
  device->model = pd_sim_model_new (seed, rate, start_us);
  device->exceptions = g_array_new (FALSE, FALSE, sizeof (ExceptionRange));

  return device;
}

static void
device_free (Device *device)
{
  pd_sim_model_free (device->model);
  g_array_unref (device->exceptions);
  g_free (device->name);
  g_free (device);
}

static void
device_clear_faults (Device *device)
{
  device->frozen = FALSE;
  device->garbage = FALSE;
  device->slow_ms = 0;
  g_array_set_size (device->exceptions, 0);
}

static void
conn_unref (Conn *conn)
{
  g_assert (conn->refs > 0);

  if (--conn->refs == 0)
    g_free (conn);
}

static void
conn_close (Conn *conn)
{
  if (conn->fd < 0)
    return;

  close (conn->fd);
  conn->fd = -1;
  g_ptr_array_remove_fast (conn->port->conns, conn);
  conn_unref (conn);
}

static void
port_drop_connections (Port *port)
{
  while (port->conns->len > 0)
    conn_close (g_ptr_array_index (port->conns, port->conns->len - 1));
}

static modbus_t *
port_new_tcp_context (const char *host,
                      guint       number)
{
  modbus_t *ctx = modbus_new_tcp (host, number);

  /* libmodbus waits one response timeout before it flushes after some bad
   * requests; a server must not sleep, so make that wait as short as it
   * allows. */
  if (ctx != NULL)
    modbus_set_response_timeout (ctx, 0, 1);

  return ctx;
}

static gboolean
port_listen (Port    *port,
             GError **error)
{
  int fd;

  g_assert (!port->rtu && port->listen_fd < 0);

  fd = modbus_tcp_listen (port->ctx, 128);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not listen on port %u: %s"),
                   port->number, modbus_strerror (saved));
      return FALSE;
    }
  set_nonblocking (fd);

  if (port->number == 0)
    {
      struct sockaddr_in addr;
      socklen_t len = sizeof addr;
      modbus_t *ctx;

      if (getsockname (fd, (struct sockaddr *) &addr, &len) < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       _("Could not find the port the system chose: %s"),
                       g_strerror (saved));
          return FALSE;
        }
      port->number = ntohs (addr.sin_port);

      /* Listening again after "refuse" must take the same port. */
      ctx = port_new_tcp_context (port->server->host, port->number);
      if (ctx == NULL)
        {
          close (fd);
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       _("Could not listen on port %u: %s"),
                       port->number, modbus_strerror (errno));
          return FALSE;
        }
      modbus_free (port->ctx);
      port->ctx = ctx;
    }

  port->listen_fd = fd;
  return TRUE;
}

static void accept_connections (Port *port);

static void
port_refuse (Port *port)
{
  if (port->listen_fd >= 0)
    {
      /* Connections the kernel already completed were made before the
       * refusal: take them, rather than resetting them with the socket. */
      accept_connections (port);
      close (port->listen_fd);
      port->listen_fd = -1;
    }
}

static void
port_free (Port *port)
{
  port_drop_connections (port);
  port_refuse (port);
  g_ptr_array_unref (port->conns);
  g_ptr_array_unref (port->devices);
  if (port->ctx != NULL)
    modbus_free (port->ctx);
  g_free (port->name);
  g_free (port);
}

static Port *
port_new (PdSimServer *self,
          gboolean     rtu,
          const char  *name,
          guint        number)
{
  Port *port = g_new0 (Port, 1);

  port->server = self;
  port->rtu = rtu;
  port->number = number;
  port->name = g_strdup (name);
  port->listen_fd = -1;
  port->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) device_free);
  port->conns = g_ptr_array_new ();

  return port;
}

static void
port_add_devices (Port               *port,
                  const PdSimOptions *options,
                  guint32             seed_base,
                  gint64              start_us)
{
  for (guint i = 0; i < options->units->len; i++)
    {
      guint unit = g_array_index (options->units, guint, i);
      Device *device = device_new (port, unit, options->seed + seed_base + unit,
                                   options->rate, start_us);

      g_ptr_array_add (port->devices, device);
      port->by_unit[unit] = device;
    }
}

static Conn *
conn_new (Port *port,
          int   fd)
{
  Conn *conn = g_new0 (Conn, 1);

  conn->port = port;
  conn->fd = fd;
  conn->refs = 1;
  g_ptr_array_add (port->conns, conn);

  return conn;
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

      write_all (conn->fd, garbage, sizeof garbage);
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
    guint16 crc = crc16 (rsp, n - 2) ^ 0x5a5a;

    rsp[n - 2] = crc & 0xff;
    rsp[n - 1] = crc >> 8;
  }
  write_all (conn->fd, rsp, n);
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

static void
pending_free (Pending *pending)
{
  conn_unref (pending->conn);
  g_free (pending);
}

static void
handle_request (PdSimServer  *self,
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

static void
run_due_answers (PdSimServer *self,
                 gint64       now_us)
{
  Pending *pending;

  while ((pending = g_queue_peek_head (&self->pending)) != NULL &&
         pending->due_us <= now_us)
    {
      g_queue_pop_head (&self->pending);
      if (!pending->device->frozen)
        answer (self, pending->conn, pending->device, pending->req, pending->len);
      pending_free (pending);
    }
}

/* --- Framing ------------------------------------------------------------- */

static void
read_tcp (PdSimServer *self,
          Conn        *conn)
{
  Port *port = conn->port;
  ssize_t n;
  gsize start = 0;

  n = read (conn->fd, conn->buf + conn->len, sizeof conn->buf - conn->len);
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return;
  if (n <= 0)
    {
      conn_close (conn);
      return;
    }
  conn->len += n;

  while (conn->len - start >= 7 && conn->fd >= 0)
    {
      const guint8 *frame = conn->buf + start;
      guint length = (frame[4] << 8) | frame[5];
      gsize frame_len = 6 + length;
      Device *device;

      /* Not Modbus: a real server hangs up. */
      if (frame[2] != 0 || frame[3] != 0 || length < 2 || length > 254)
        {
          conn_close (conn);
          return;
        }
      if (conn->len - start < frame_len)
        break;

      device = port->by_unit[frame[6]];
      /* Units 0 and 255 mean "the device itself" to many TCP clients. */
      if (device == NULL && (frame[6] == 0 || frame[6] == 255))
        device = g_ptr_array_index (port->devices, 0);
      if (device != NULL)
        {
          handle_request (self, conn, device, frame, frame_len);
        }
      else
        {
          /* No such unit behind this "gateway". */
          modbus_set_socket (port->ctx, conn->fd);
          modbus_reply_exception (port->ctx, frame, MODBUS_EXCEPTION_GATEWAY_TARGET);
        }
      start += frame_len;
    }

  if (conn->fd >= 0 && start > 0)
    {
      memmove (conn->buf, conn->buf + start, conn->len - start);
      conn->len -= start;
    }
}

/* Length of the RTU request at the start of BUF, 0 when more bytes are
 * needed to tell, -1 for a function this server cannot frame. */
static gssize
rtu_request_length (const guint8 *buf,
                    gsize         len)
{
  if (len < 2)
    return 0;

  switch (buf[1])
    {
    case MODBUS_FC_READ_COILS:
    case MODBUS_FC_READ_DISCRETE_INPUTS:
    case MODBUS_FC_READ_HOLDING_REGISTERS:
    case MODBUS_FC_READ_INPUT_REGISTERS:
    case MODBUS_FC_WRITE_SINGLE_COIL:
    case MODBUS_FC_WRITE_SINGLE_REGISTER:
      return 8;
    case MODBUS_FC_WRITE_MULTIPLE_COILS:
    case MODBUS_FC_WRITE_MULTIPLE_REGISTERS:
      return len < 7 ? 0 : 9 + buf[6];
    case MODBUS_FC_MASK_WRITE_REGISTER:
      return 10;
    case MODBUS_FC_WRITE_AND_READ_REGISTERS:
      return len < 11 ? 0 : 13 + buf[10];
    case MODBUS_FC_READ_EXCEPTION_STATUS:
    case MODBUS_FC_REPORT_SLAVE_ID:
      return 4;
    default:
      return -1;
    }
}

static void
read_rtu (PdSimServer *self,
          Conn        *conn)
{
  Port *port = conn->port;
  gint64 now = g_get_monotonic_time ();
  gsize start = 0;
  ssize_t n;

  if (conn->len > 0 && now - conn->last_rx_us > RTU_STALE_US)
    conn->len = 0;

  n = read (conn->fd, conn->buf + conn->len, sizeof conn->buf - conn->len);
  if (n <= 0)
    return;
  conn->len += n;
  conn->last_rx_us = now;

  while (conn->len > start)
    {
      const guint8 *frame = conn->buf + start;
      gsize avail = conn->len - start;
      gssize frame_len = rtu_request_length (frame, avail);
      guint16 crc;

      if (frame_len < 0)
        {
          /* Nothing to frame by; drop what came and wait for silence. */
          start = conn->len;
          break;
        }
      if (frame_len == 0 || (gsize) frame_len > avail)
        break;

      crc = frame[frame_len - 2] | (frame[frame_len - 1] << 8);
      if (crc != crc16 (frame, frame_len - 2))
        {
          /* Out of step: look for a frame one byte further. */
          start++;
          continue;
        }

      /* Other unit ids on the bus are not ours: stay silent, as a real
       * slave does. Broadcasts (unit 0) are not simulated. */
      if (port->by_unit[frame[0]] != NULL && frame[0] != 0)
        handle_request (self, conn, port->by_unit[frame[0]], frame, frame_len);
      start += frame_len;
    }

  if (start >= conn->len)
    conn->len = 0;
  else if (start > 0)
    {
      memmove (conn->buf, conn->buf + start, conn->len - start);
      conn->len -= start;
    }
}

static void
accept_connections (Port *port)
{
  for (guint i = 0; i < 64; i++)
    {
      int fd = accept4 (port->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
      int one = 1;

      if (fd < 0)
        {
          if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
            g_warning ("Could not accept a connection on port %u: %s",
                       port->number, g_strerror (errno));
          return;
        }

      setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      conn_new (port, fd);
    }
}

/* --- RTU link ------------------------------------------------------------ */

static gboolean
open_rtu_link (PdSimServer        *self,
               const PdSimOptions *options,
               gint64              start_us,
               GError            **error)
{
  struct termios tio;
  struct stat st;
  const char *slave_name;
  Port *port;

  if (openpty (&self->pty_master, &self->pty_slave, NULL, NULL, NULL) < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not open a pseudo-terminal: %s"), g_strerror (errno));
      return FALSE;
    }
  set_nonblocking (self->pty_master);
  set_nonblocking (self->pty_slave);

  /* Raw bytes both ways. The simulator keeps the slave side open too, so
   * that the master never reads a hang-up between two clients. */
  if (tcgetattr (self->pty_slave, &tio) == 0)
    {
      cfmakeraw (&tio);
      tcsetattr (self->pty_slave, TCSANOW, &tio);
    }

  slave_name = ptsname (self->pty_master);
  if (slave_name == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not open a pseudo-terminal: %s"), g_strerror (errno));
      return FALSE;
    }

  if (lstat (options->rtu_link, &st) == 0)
    {
      if (!S_ISLNK (st.st_mode))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_EXISTS,
                       _("“%s” exists and is not a link; the RTU link needs a free name"),
                       options->rtu_link);
          return FALSE;
        }
      unlink (options->rtu_link);
    }
  if (symlink (slave_name, options->rtu_link) < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not create the RTU link “%s”: %s"),
                   options->rtu_link, g_strerror (errno));
      return FALSE;
    }
  self->rtu_link = g_strdup (options->rtu_link);

  port = port_new (self, TRUE, "rtu", 0);
  port->ctx = modbus_new_rtu (options->rtu_link, 9600, 'N', 8, 1);
  if (port->ctx == NULL)
    {
      port_free (port);
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not create the RTU link “%s”: %s"),
                   options->rtu_link, modbus_strerror (errno));
      return FALSE;
    }
  modbus_set_response_timeout (port->ctx, 0, 1);
  port->header_length = modbus_get_header_length (port->ctx);
  port_add_devices (port, options, 0x10000, start_us);
  /* The bus is one connection that never closes. */
  conn_new (port, self->pty_master);
  self->pty_master = -1;

  self->rtu = port;
  g_ptr_array_add (self->ports, port);

  return TRUE;
}

/* --- Control socket ------------------------------------------------------- */

static gboolean
open_control (PdSimServer *self,
              const char  *path,
              GError     **error)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd;

  if (strlen (path) >= sizeof addr.sun_path)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The control socket path “%s” is too long"), path);
      return FALSE;
    }
  strcpy (addr.sun_path, path);

  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0 ||
      (unlink (path) < 0 && errno != ENOENT) ||
      bind (fd, (struct sockaddr *) &addr, sizeof addr) < 0 ||
      listen (fd, 8) < 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not open the control socket “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }

  self->control_fd = fd;
  self->control_path = g_strdup (path);
  return TRUE;
}

static void
control_client_free (ControlClient *client)
{
  close (client->fd);
  g_string_free (client->line, TRUE);
  g_free (client);
}

/* --- Server ------------------------------------------------------------- */

void
pd_sim_server_free (PdSimServer *self)
{
  if (self == NULL)
    return;

  g_queue_clear_full (&self->pending, (GDestroyNotify) pending_free);
  g_ptr_array_unref (self->ports);
  if (self->rtu_link != NULL)
    unlink (self->rtu_link);
  if (self->pty_master >= 0)
    close (self->pty_master);
  if (self->pty_slave >= 0)
    close (self->pty_slave);
  if (self->capture[0] >= 0)
    close (self->capture[0]);
  if (self->capture[1] >= 0)
    close (self->capture[1]);
  g_ptr_array_unref (self->control_clients);
  if (self->control_fd >= 0)
    {
      close (self->control_fd);
      unlink (self->control_path);
    }
  g_free (self->control_path);
  g_free (self->rtu_link);
  g_free (self->host);
  g_string_free (self->stdin_line, TRUE);
  g_rand_free (self->rand);
  g_free (self);
}

PdSimServer *
pd_sim_server_new (const PdSimOptions  *options,
                   GError             **error)
{
  g_autoptr(PdSimServer) self = g_new0 (PdSimServer, 1);
  gint64 start_us = g_get_monotonic_time ();

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->units != NULL && options->units->len > 0, NULL);

  self->host = g_strdup (options->host != NULL ? options->host : "127.0.0.1");
  self->ports = g_ptr_array_new_with_free_func ((GDestroyNotify) port_free);
  self->pty_master = -1;
  self->pty_slave = -1;
  self->capture[0] = self->capture[1] = -1;
  self->control_fd = -1;
  self->control_clients = g_ptr_array_new_with_free_func ((GDestroyNotify) control_client_free);
  self->stdin_line = g_string_new (NULL);
  self->read_stdin = options->read_stdin;
  self->rand = g_rand_new_with_seed (options->seed ^ 0x9e3779b9u);
  g_queue_init (&self->pending);

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, self->capture) < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not create a socket pair: %s"), g_strerror (errno));
      return NULL;
    }
  set_nonblocking (self->capture[1]);

  for (guint i = 0; i < options->n_ports; i++)
    {
      guint number = options->first_port == 0 ? 0 : options->first_port + i;
      g_autofree char *name = NULL;
      Port *port;

      if (number > 65535)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Port %u is beyond 65535"), number);
          return NULL;
        }

      port = port_new (self, FALSE, "", number);
      g_ptr_array_add (self->ports, port);
      port->ctx = port_new_tcp_context (self->host, number);
      if (port->ctx == NULL)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Cannot listen on “%s”: %s"), self->host, modbus_strerror (errno));
          return NULL;
        }
      port->header_length = modbus_get_header_length (port->ctx);
      if (!port_listen (port, error))
        return NULL;

      name = g_strdup_printf ("%u", port->number);
      g_free (port->name);
      port->name = g_steal_pointer (&name);
      port_add_devices (port, options, i * 256, start_us);
    }

  if (options->rtu_link != NULL && !open_rtu_link (self, options, start_us, error))
    return NULL;

  if (options->control_path != NULL && !open_control (self, options->control_path, error))
    return NULL;

  return g_steal_pointer (&self);
}

char *
pd_sim_server_dup_ready_line (PdSimServer *self)
{
  GString *line = g_string_new ("ready port=");
  gboolean first = TRUE;

  for (guint i = 0; i < self->ports->len; i++)
    {
      Port *port = g_ptr_array_index (self->ports, i);

      if (port->rtu)
        continue;
      g_string_append_printf (line, "%s%u", first ? "" : ",", port->number);
      first = FALSE;
    }
  if (self->rtu_link != NULL)
    g_string_append_printf (line, " rtu=%s", self->rtu_link);

  return g_string_free (line, FALSE);
}

/* --- Commands ------------------------------------------------------------ */

typedef struct
{
  GPtrArray *ports;     /* Port */
  GPtrArray *devices;   /* Device */
  gboolean   all;
} Target;

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->ports, g_ptr_array_unref);
  g_clear_pointer (&target->devices, g_ptr_array_unref);
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
looks_like_target (const char *word)
{
  return g_str_equal (word, "all") || g_ascii_isdigit (word[0]) ||
         g_str_equal (word, "rtu") || g_str_has_prefix (word, "rtu/");
}

static gboolean
resolve_target (PdSimServer *self,
                const char  *word,
                Target      *target,
                GError     **error)
{
  g_auto(GStrv) parts = NULL;
  Port *port = NULL;
  guint unit = 0;
  gboolean has_unit;

  target->ports = g_ptr_array_new ();
  target->devices = g_ptr_array_new ();

  if (word == NULL || g_str_equal (word, "all"))
    {
      target->all = TRUE;
      for (guint i = 0; i < self->ports->len; i++)
        {
          Port *p = g_ptr_array_index (self->ports, i);

          g_ptr_array_add (target->ports, p);
          for (guint j = 0; j < p->devices->len; j++)
            g_ptr_array_add (target->devices, g_ptr_array_index (p->devices, j));
        }
      return TRUE;
    }

  parts = g_strsplit (word, "/", 2);
  has_unit = parts[1] != NULL;

  if (g_str_equal (parts[0], "rtu"))
    port = self->rtu;
  else
    {
      guint number;

      if (parse_uint (parts[0], 65535, &number))
        for (guint i = 0; i < self->ports->len; i++)
          {
            Port *p = g_ptr_array_index (self->ports, i);

            if (!p->rtu && p->number == number)
              port = p;
          }
    }

  if (port == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No device is served at “%s”"), word);
      return FALSE;
    }
  if (has_unit && (!parse_uint (parts[1], 255, &unit) || port->by_unit[unit] == NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("No device is served at “%s”"), word);
      return FALSE;
    }

  g_ptr_array_add (target->ports, port);
  if (has_unit)
    g_ptr_array_add (target->devices, port->by_unit[unit]);
  else
    for (guint j = 0; j < port->devices->len; j++)
      g_ptr_array_add (target->devices, g_ptr_array_index (port->devices, j));

  return TRUE;
}

static gboolean
parse_exception_range (const char  *range_text,
                       const char  *code_text,
                       ExceptionRange *range,
                       GError     **error)
{
  g_auto(GStrv) bounds = g_strsplit (range_text, "-", 2);

  if (!parse_uint (bounds[0], 65535, &range->from) ||
      (bounds[1] != NULL && !parse_uint (bounds[1], 65535, &range->to)))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not an address range such as 40-49"), range_text);
      return FALSE;
    }
  if (bounds[1] == NULL)
    range->to = range->from;
  if (range->to < range->from)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The range “%s” ends before it starts"), range_text);
      return FALSE;
    }

  range->code = MODBUS_EXCEPTION_ILLEGAL_DATA_ADDRESS;
  if (code_text != NULL &&
      (!parse_uint (code_text, 255, &range->code) || range->code < 1 || range->code > 11))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The exception code must be a number from 1 to 11, not “%s”"),
                   code_text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_raw (Target      *target,
         char       **args,
         GError     **error)
{
  const char *area;
  guint address;
  gint64 value;
  guint limit;
  gboolean bits;

  if (g_strv_length (args) != 3)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Usage: set AREA ADDRESS VALUE"));
      return FALSE;
    }

  area = args[0];
  if (g_str_equal (area, "coil"))
    limit = PD_SIM_N_COILS, bits = TRUE;
  else if (g_str_equal (area, "discrete"))
    limit = PD_SIM_N_DISCRETE, bits = TRUE;
  else if (g_str_equal (area, "input"))
    limit = PD_SIM_N_INPUT, bits = FALSE;
  else if (g_str_equal (area, "holding"))
    limit = PD_SIM_N_HOLDING, bits = FALSE;
  else
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not an area: use coil, discrete, input or holding"), area);
      return FALSE;
    }

  if (!parse_uint (args[1], limit - 1, &address))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The address must be a number from 0 to %u, not “%s”"),
                   limit - 1, args[1]);
      return FALSE;
    }

  if (bits && (g_str_equal (args[2], "true") || g_str_equal (args[2], "false")))
    value = g_str_equal (args[2], "true");
  else if (!g_ascii_string_to_signed (args[2], 10, bits ? 0 : -32768, bits ? 1 : 65535,
                                      &value, NULL))
    {
      if (bits)
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("A bit is 0, 1, true or false, not “%s”"), args[2]);
      else
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("A register holds a number from -32768 to 65535, not “%s”"), args[2]);
      return FALSE;
    }

  for (guint i = 0; i < target->devices->len; i++)
    {
      Device *device = g_ptr_array_index (target->devices, i);
      modbus_mapping_t *map = pd_sim_model_get_mapping (device->model);

      /* Bring the model up to now first, so that the value is not lost to
       * steps that were already due. */
      pd_sim_model_advance (device->model, g_get_monotonic_time ());

      if (g_str_equal (area, "coil"))
        map->tab_bits[address] = value != 0;
      else if (g_str_equal (area, "discrete"))
        map->tab_input_bits[address] = value != 0;
      else if (g_str_equal (area, "input"))
        map->tab_input_registers[address] = (guint16) value;
      else
        map->tab_registers[address] = (guint16) value;
    }

  return TRUE;
}

static gboolean
usage_no_args (const char *command,
               char      **args,
               GError    **error)
{
  if (args[0] == NULL)
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("“%s” takes no arguments"), command);
  return FALSE;
}

gboolean
pd_sim_server_execute (PdSimServer  *self,
                       const char   *line,
                       gboolean     *quit,
                       GError      **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  Target target = { 0 };
  const char *target_word = NULL;
  const char *command;
  char **args;
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  words = g_strsplit_set (line, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (tokens, words[i]);
  g_ptr_array_add (tokens, NULL);

  if (tokens->len == 1)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Empty command"));
      return FALSE;
    }

  args = (char **) tokens->pdata;
  if (looks_like_target (args[0]))
    target_word = *args++;
  if (*args == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A command must follow “%s”"), target_word);
      return FALSE;
    }
  command = *args++;

  if (g_str_equal (command, "quit"))
    {
      if (!usage_no_args (command, args, error))
        return FALSE;
      if (quit != NULL)
        *quit = TRUE;
      return TRUE;
    }

  if (!resolve_target (self, target_word, &target, error))
    {
      target_clear (&target);
      return FALSE;
    }

  if (g_str_equal (command, "drop") || g_str_equal (command, "refuse") ||
      g_str_equal (command, "accept"))
    {
      if (!usage_no_args (command, args, error))
        ok = FALSE;
      for (guint i = 0; ok && i < target.ports->len; i++)
        {
          Port *port = g_ptr_array_index (target.ports, i);

          if (port->rtu)
            {
              /* "all" means every TCP port here; naming the bus is a mistake. */
              if (!target.all)
                {
                  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                               _("“%s” is for TCP ports; the RTU link has no connections to drop or refuse"),
                               command);
                  ok = FALSE;
                }
              continue;
            }

          if (g_str_equal (command, "drop"))
            port_drop_connections (port);
          else if (g_str_equal (command, "refuse"))
            port_refuse (port);
          else if (port->listen_fd < 0)
            ok = port_listen (port, error);
        }
    }
  else if (g_str_equal (command, "freeze") || g_str_equal (command, "thaw") ||
           g_str_equal (command, "garbage") || g_str_equal (command, "clean") ||
           g_str_equal (command, "clear"))
    {
      ok = usage_no_args (command, args, error);
      for (guint i = 0; ok && i < target.devices->len; i++)
        {
          Device *device = g_ptr_array_index (target.devices, i);

          if (g_str_equal (command, "freeze"))
            device->frozen = TRUE;
          else if (g_str_equal (command, "thaw"))
            device->frozen = FALSE;
          else if (g_str_equal (command, "garbage"))
            device->garbage = TRUE;
          else if (g_str_equal (command, "clean"))
            device->garbage = FALSE;
          else
            device_clear_faults (device);
        }
      if (ok && g_str_equal (command, "clear"))
        for (guint i = 0; ok && i < target.ports->len; i++)
          {
            Port *port = g_ptr_array_index (target.ports, i);

            if (!port->rtu && port->listen_fd < 0)
              ok = port_listen (port, error);
          }
    }
  else if (g_str_equal (command, "slow"))
    {
      guint ms = 0;

      if (args[0] == NULL || args[1] != NULL || !parse_uint (args[0], MAX_SLOW_MS, &ms))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Usage: slow MS, with MS from 0 (off) to %u"), MAX_SLOW_MS);
          ok = FALSE;
        }
      for (guint i = 0; ok && i < target.devices->len; i++)
        ((Device *) g_ptr_array_index (target.devices, i))->slow_ms = ms;
    }
  else if (g_str_equal (command, "exception"))
    {
      ExceptionRange range;

      if (args[0] == NULL || (args[1] != NULL && args[2] != NULL))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Usage: exception FROM-TO [CODE]"));
          ok = FALSE;
        }
      else
        ok = parse_exception_range (args[0], args[1], &range, error);
      for (guint i = 0; ok && i < target.devices->len; i++)
        g_array_append_val (((Device *) g_ptr_array_index (target.devices, i))->exceptions, range);
    }
  else if (g_str_equal (command, "set"))
    {
      ok = set_raw (&target, args, error);
    }
  else
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Unknown command “%s”"), command);
      ok = FALSE;
    }

  target_clear (&target);
  return ok;
}

/* --- Event loop ---------------------------------------------------------- */

typedef enum
{
  SOURCE_SIGNAL,
  SOURCE_STDIN,
  SOURCE_CONTROL,
  SOURCE_CONTROL_CLIENT,
  SOURCE_LISTENER,
  SOURCE_CONN,
} SourceKind;

typedef struct
{
  SourceKind  kind;
  gpointer    data;
} Source;

static void
run_line (PdSimServer *self,
          const char  *line,
          int          reply_fd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  gboolean quit = FALSE;

  if (pd_sim_server_execute (self, line, &quit, &error))
    reply = g_strdup ("ok\n");
  else
    reply = g_strdup_printf ("error: %s\n", error->message);

  if (reply_fd == STDOUT_FILENO)
    {
      fputs (reply, stdout);
      fflush (stdout);
    }
  else
    write_all (reply_fd, (const guint8 *) reply, strlen (reply));

  if (quit)
    self->quit = TRUE;
}

/* Appends what FD has to LINE and runs each whole line. FALSE at end of
 * file or on an error. */
static gboolean
read_lines (PdSimServer *self,
            int          fd,
            GString     *line,
            int          reply_fd)
{
  char buf[1024];
  ssize_t n = read (fd, buf, sizeof buf);
  char *nl;

  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return TRUE;
  if (n <= 0)
    return FALSE;

  g_string_append_len (line, buf, n);
  while ((nl = memchr (line->str, '\n', line->len)) != NULL)
    {
      g_autofree char *text = g_strndup (line->str, nl - line->str);

      g_string_erase (line, 0, nl - line->str + 1);
      if (g_strstrip (text)[0] != '\0')
        run_line (self, text, reply_fd);
      if (self->quit)
        break;
    }

  if (line->len > MAX_CONTROL_LINE)
    g_string_truncate (line, 0);

  return TRUE;
}

static void
advance_all (PdSimServer *self,
             gint64       now_us)
{
  for (guint i = 0; i < self->ports->len; i++)
    {
      Port *port = g_ptr_array_index (self->ports, i);

      for (guint j = 0; j < port->devices->len; j++)
        pd_sim_model_advance (((Device *) g_ptr_array_index (port->devices, j))->model, now_us);
    }
}

gboolean
pd_sim_server_run (PdSimServer  *self,
                   int           signal_fd,
                   GError      **error)
{
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (struct pollfd));
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (Source));
  gint64 next_advance = g_get_monotonic_time () + G_USEC_PER_SEC;

  g_return_val_if_fail (self != NULL, FALSE);

  while (!self->quit)
    {
      Pending *head;
      gint64 now;
      int timeout_ms;
      int n;

#define ADD(fd_, kind_, data_) G_STMT_START { \
        struct pollfd pfd_ = { .fd = (fd_), .events = POLLIN }; \
        Source src_ = { (kind_), (data_) }; \
        g_array_append_val (fds, pfd_); \
        g_array_append_val (sources, src_); \
      } G_STMT_END

      g_array_set_size (fds, 0);
      g_array_set_size (sources, 0);

      if (signal_fd >= 0)
        ADD (signal_fd, SOURCE_SIGNAL, NULL);
      if (self->read_stdin)
        ADD (STDIN_FILENO, SOURCE_STDIN, NULL);
      if (self->control_fd >= 0)
        ADD (self->control_fd, SOURCE_CONTROL, NULL);
      for (guint i = 0; i < self->control_clients->len; i++)
        {
          ControlClient *client = g_ptr_array_index (self->control_clients, i);

          ADD (client->fd, SOURCE_CONTROL_CLIENT, client);
        }
      for (guint i = 0; i < self->ports->len; i++)
        {
          Port *port = g_ptr_array_index (self->ports, i);

          if (port->listen_fd >= 0)
            ADD (port->listen_fd, SOURCE_LISTENER, port);
          for (guint j = 0; j < port->conns->len; j++)
            {
              Conn *conn = g_ptr_array_index (port->conns, j);

              /* Held until its events are handled: a command may close
               * it first. */
              conn->refs++;
              ADD (conn->fd, SOURCE_CONN, conn);
            }
        }
#undef ADD

      now = g_get_monotonic_time ();
      timeout_ms = (int) ((next_advance - now + 999) / 1000);
      head = g_queue_peek_head (&self->pending);
      if (head != NULL)
        timeout_ms = MIN (timeout_ms, (int) ((head->due_us - now + 999) / 1000));
      timeout_ms = MAX (timeout_ms, 0);

      n = poll ((struct pollfd *) fds->data, fds->len, timeout_ms);
      if (n < 0 && errno != EINTR)
        {
          int saved = errno;

          for (guint i = 0; i < sources->len; i++)
            if (g_array_index (sources, Source, i).kind == SOURCE_CONN)
              conn_unref (g_array_index (sources, Source, i).data);
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       _("Could not wait for requests: %s"), g_strerror (saved));
          return FALSE;
        }

      now = g_get_monotonic_time ();
      run_due_answers (self, now);
      if (now >= next_advance)
        {
          advance_all (self, now);
          next_advance = now + G_USEC_PER_SEC;
        }

      for (guint i = 0; i < fds->len; i++)
        {
          struct pollfd *pfd = &g_array_index (fds, struct pollfd, i);
          Source *src = &g_array_index (sources, Source, i);
          gboolean ready = n > 0 && (pfd->revents & (POLLIN | POLLHUP | POLLERR)) != 0;

          switch (src->kind)
            {
            case SOURCE_SIGNAL:
              if (ready)
                {
                  struct signalfd_siginfo info;

                  if (read (signal_fd, &info, sizeof info) > 0)
                    self->quit = TRUE;
                }
              break;

            case SOURCE_STDIN:
              if (ready && !self->quit &&
                  !read_lines (self, STDIN_FILENO, self->stdin_line, STDOUT_FILENO))
                self->read_stdin = FALSE;
              break;

            case SOURCE_CONTROL:
              if (ready)
                {
                  int fd = accept4 (self->control_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

                  if (fd >= 0)
                    {
                      ControlClient *client = g_new0 (ControlClient, 1);

                      client->fd = fd;
                      client->line = g_string_new (NULL);
                      g_ptr_array_add (self->control_clients, client);
                    }
                }
              break;

            case SOURCE_CONTROL_CLIENT:
              if (ready && !self->quit)
                {
                  ControlClient *client = src->data;

                  /* Each client is in the list once, so freeing it here
                   * leaves no stale entry behind. */
                  if (!read_lines (self, client->fd, client->line, client->fd))
                    {
                      /* The array's free function closes it. */
                      g_ptr_array_remove_fast (self->control_clients, client);
                    }
                }
              break;

            case SOURCE_LISTENER:
              {
                Port *port = src->data;

                /* "refuse" may have closed it since. */
                if (ready && port->listen_fd == pfd->fd)
                  accept_connections (port);
              }
              break;

            case SOURCE_CONN:
              {
                Conn *conn = src->data;

                if (ready && conn->fd >= 0)
                  {
                    if (conn->port->rtu)
                      read_rtu (self, conn);
                    else
                      read_tcp (self, conn);
                  }
                conn_unref (conn);
              }
              break;

            default:
              g_assert_not_reached ();
            }
        }
    }

  return TRUE;
}
