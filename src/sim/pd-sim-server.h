/* pd-sim-server.h — Modbus TCP and RTU serving of simulated devices
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *host;          /* address to listen on, "127.0.0.1" by default */
  guint     first_port;    /* 0: free ports, chosen by the kernel */
  guint     n_ports;       /* devices on consecutive ports */
  GArray   *units;         /* guint unit ids served on each port and on the RTU link */
  char     *rtu_link;      /* NULL: no RTU link */
  char     *control_path;  /* NULL: no control socket */
  guint32   seed;
  double    rate;          /* simulation speed factor */
  gboolean  read_stdin;    /* take commands from standard input */
} PdSimOptions;

typedef struct _PdSimServer PdSimServer;

/* Listens on every port, opens the RTU link and the control socket. */
PdSimServer *pd_sim_server_new             (const PdSimOptions  *options,
                                            GError             **error);
void         pd_sim_server_free            (PdSimServer         *self);
/* "ready port=P[,P2…] [rtu=PATH]" */
char        *pd_sim_server_dup_ready_line  (PdSimServer         *self);
/* Runs one control command (see docs/plantdesk-sim.md). Sets *QUIT when
 * the command asks the simulator to stop. */
gboolean     pd_sim_server_execute         (PdSimServer         *self,
                                            const char          *line,
                                            gboolean            *quit,
                                            GError             **error);
/* Serves until "quit", SIGINT or SIGTERM (which SIGNAL_FD, a signalfd,
 * reports). */
gboolean     pd_sim_server_run             (PdSimServer         *self,
                                            int                  signal_fd,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSimServer, pd_sim_server_free)

G_END_DECLS
