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
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "pd-error.h"
#include "pd-sim-server-private.h"

/* An RTU frame that has not grown for this long is abandoned, as a slave
 * resynchronises on the silence between frames. */
#define RTU_STALE_US       (100 * G_TIME_SPAN_MILLISECOND)

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

guint16
_pd_sim_crc16 (const guint8 *data,
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

gboolean
_pd_sim_write_all (int           fd,
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

void
_pd_sim_conn_unref (Conn *conn)
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
  _pd_sim_conn_unref (conn);
}

void
_pd_sim_port_drop_connections (Port *port)
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

gboolean
_pd_sim_port_listen (Port    *port,
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

void
_pd_sim_port_refuse (Port *port)
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
  _pd_sim_port_drop_connections (port);
  _pd_sim_port_refuse (port);
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
          _pd_sim_server_handle_request (self, conn, device, frame, frame_len);
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
      if (crc != _pd_sim_crc16 (frame, frame_len - 2))
        {
          /* Out of step: look for a frame one byte further. */
          start++;
          continue;
        }

      /* Other unit ids on the bus are not ours: stay silent, as a real
       * slave does. Broadcasts (unit 0) are not simulated. */
      if (port->by_unit[frame[0]] != NULL && frame[0] != 0)
        _pd_sim_server_handle_request (self, conn, port->by_unit[frame[0]], frame, frame_len);
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

/* --- Server ------------------------------------------------------------- */

void
pd_sim_server_free (PdSimServer *self)
{
  if (self == NULL)
    return;

  g_queue_clear_full (&self->pending, (GDestroyNotify) _pd_sim_pending_free);
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
  self->control_clients =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _pd_sim_control_client_free);
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
      if (!_pd_sim_port_listen (port, error))
        return NULL;

      name = g_strdup_printf ("%u", port->number);
      g_free (port->name);
      port->name = g_steal_pointer (&name);
      port_add_devices (port, options, i * 256, start_us);
    }

  if (options->rtu_link != NULL && !open_rtu_link (self, options, start_us, error))
    return NULL;

  if (options->control_path != NULL &&
      !_pd_sim_server_open_control (self, options->control_path, error))
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
              _pd_sim_conn_unref (g_array_index (sources, Source, i).data);
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       _("Could not wait for requests: %s"), g_strerror (saved));
          return FALSE;
        }

      now = g_get_monotonic_time ();
      _pd_sim_server_run_due_answers (self, now);
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
                  !_pd_sim_server_read_lines (self, STDIN_FILENO, self->stdin_line, STDOUT_FILENO))
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
                  if (!_pd_sim_server_read_lines (self, client->fd, client->line, client->fd))
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
                _pd_sim_conn_unref (conn);
              }
              break;

            default:
              g_assert_not_reached ();
            }
        }
    }

  return TRUE;
}
