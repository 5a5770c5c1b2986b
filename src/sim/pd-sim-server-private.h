/* pd-sim-server-private.h — the simulator's state, shared by its parts
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <modbus.h>

#include "pd-sim-model.h"
#include "pd-sim-server.h"

G_BEGIN_DECLS

/* Bytes of a pending request a connection keeps: two whole TCP frames. */
#define CONN_BUFFER_SIZE   1024

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

/* pd-sim-server.c: transport and the poll loop */
guint16   _pd_sim_crc16                  (const guint8   *data,
                                          gsize           len);
gboolean  _pd_sim_write_all              (int             fd,
                                          const guint8   *data,
                                          gsize           len);
void      _pd_sim_conn_unref             (Conn           *conn);
void      _pd_sim_port_drop_connections  (Port           *port);
gboolean  _pd_sim_port_listen            (Port           *port,
                                          GError        **error);
void      _pd_sim_port_refuse            (Port           *port);

/* pd-sim-faults.c: fault state and the answers it shapes */
void      _pd_sim_device_clear_faults    (Device         *device);
void      _pd_sim_pending_free           (Pending        *pending);
void      _pd_sim_server_handle_request  (PdSimServer    *self,
                                          Conn           *conn,
                                          Device         *device,
                                          const guint8   *req,
                                          gsize           len);
void      _pd_sim_server_run_due_answers (PdSimServer    *self,
                                          gint64          now_us);

/* pd-sim-control.c: the control socket and its commands */
gboolean  _pd_sim_server_open_control    (PdSimServer    *self,
                                          const char     *path,
                                          GError        **error);
void      _pd_sim_control_client_free    (ControlClient  *client);
gboolean  _pd_sim_server_read_lines      (PdSimServer    *self,
                                          int             fd,
                                          GString        *line,
                                          int             reply_fd);

G_END_DECLS
