/* pd-sim-test-utils.h — start plantdesk-sim for a test and steer it
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PdSim PdSim;

/* Starts the simulator named by the environment variable PLANTDESK_SIM
 * with EXTRA_ARGS (NULL-terminated, may be NULL; e.g. "--devices", "3")
 * and waits, at most 10 s, for its ready line. Without "--port" it serves
 * on free ports. The simulator dies with the test process. */
PdSim      *pd_sim_start          (const char * const  *extra_args,
                                   GError             **error);
/* The TCP port of device INDEX (0-based, in --devices order). */
guint       pd_sim_get_port       (PdSim               *self,
                                   guint                index);
guint       pd_sim_get_n_ports    (PdSim               *self);
/* The RTU link's path, or NULL when started without --rtu-link. */
const char *pd_sim_get_rtu_path   (PdSim               *self);
GPid        pd_sim_get_pid        (PdSim               *self);
/* Sends one control command (see docs/plantdesk-sim.md) and waits, at most
 * 10 s, for its answer; "error: …" answers become a PD_ERROR_FAILED. */
gboolean    pd_sim_command        (PdSim               *self,
                                   const char          *command,
                                   GError             **error);
/* Like pd_sim_command() with a printf-style command. */
gboolean    pd_sim_commandf       (PdSim               *self,
                                   GError             **error,
                                   const char          *format,
                                   ...) G_GNUC_PRINTF (3, 4);
/* Sends SIGTERM, waits (at most 10 s, then SIGKILL) and frees SELF.
 * Returns the exit status, or -1 when it had to be killed or died of a
 * signal. NULL is allowed. */
int         pd_sim_stop           (PdSim               *self);
void        pd_sim_free           (PdSim               *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSim, pd_sim_free)

G_END_DECLS
