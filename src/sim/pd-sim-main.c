/* pd-sim-main.c — plantdesk-sim: a virtual production line over Modbus
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-sim"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "pd-core.h"
#include "pd-sim-server.h"

static gboolean
parse_units (const char *text,
             GArray     *units,
             GError    **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);
  gboolean seen[256] = { FALSE };

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) bounds = g_strsplit (g_strstrip (items[i]), "-", 2);
      guint64 from, to;

      if (!g_ascii_string_to_unsigned (bounds[0], 10, 1, 247, &from, NULL) ||
          (bounds[1] != NULL && !g_ascii_string_to_unsigned (bounds[1], 10, 1, 247, &to, NULL)))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("“%s” is not a list of unit ids from 1 to 247, such as 1,2,5-7"), text);
          return FALSE;
        }
      if (bounds[1] == NULL)
        to = from;

      for (guint64 unit = from; unit <= to; unit++)
        {
          guint value = unit;

          if (seen[unit])
            {
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("The unit id %u is listed twice"), value);
              return FALSE;
            }
          seen[unit] = TRUE;
          g_array_append_val (units, value);
        }
    }

  if (units->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a list of unit ids from 1 to 247, such as 1,2,5-7"), text);
      return FALSE;
    }

  return TRUE;
}

/* Many devices mean many descriptors: take what the hard limit allows. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdSimServer) server = NULL;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *ready = NULL;
  g_autofree char *host = NULL;
  g_autofree char *units_text = NULL;
  g_autofree char *rtu_link = NULL;
  g_autofree char *control = NULL;
  g_auto(GStrv) faults = NULL;
  gint port = 0;
  gint devices = 1;
  gint64 seed = 1;
  double rate = 1.0;
  gboolean no_stdin = FALSE;
  PdSimOptions options = { 0 };
  sigset_t mask;
  int signal_fd;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      N_("Address to listen on (default 127.0.0.1)"), N_("ADDRESS") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("First TCP port; 0 picks free ports and prints them (default 0)"), N_("N") },
    { "devices", 'n', 0, G_OPTION_ARG_INT, &devices,
      N_("Devices on consecutive ports (default 1)"), N_("N") },
    { "units", 'u', 0, G_OPTION_ARG_STRING, &units_text,
      N_("Unit ids served on each port and on the RTU link, e.g. 1,2,5-7 (default 1)"), N_("LIST") },
    { "rtu-link", 0, 0, G_OPTION_ARG_FILENAME, &rtu_link,
      N_("Also serve Modbus RTU on a pseudo-terminal linked at PATH"), N_("PATH") },
    { "control", 0, 0, G_OPTION_ARG_FILENAME, &control,
      N_("Also take commands on a Unix socket at PATH"), N_("PATH") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the simulated noise (default 1)"), N_("N") },
    { "rate", 0, 0, G_OPTION_ARG_DOUBLE, &rate,
      N_("Simulation speed factor (default 1)"), N_("X") },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      N_("Run a control command at start, e.g. “15020 exception 40-49”; repeatable"), N_("COMMAND") },
    { "no-stdin", 0, 0, G_OPTION_ARG_NONE, &no_stdin,
      N_("Do not read commands from standard input"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  pd_core_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("plantdesk-sim");

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("A virtual production line served over Modbus TCP and RTU, "
                                  "with fault injection. See docs/plantdesk-sim.md."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("plantdesk-sim: %s\n", error->message);
      return 2;
    }

  if (argc > 1)
    {
      g_printerr ("plantdesk-sim: %s\n", _("Unexpected arguments; see --help"));
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      g_printerr ("plantdesk-sim: %s\n", _("The port must be from 0 to 65535"));
      return 2;
    }
  if (devices < 1 || devices > 1000)
    {
      g_printerr ("plantdesk-sim: %s\n", _("The number of devices must be from 1 to 1000"));
      return 2;
    }
  if (!(rate > 0.0 && rate <= 10000.0))
    {
      g_printerr ("plantdesk-sim: %s\n", _("The rate must be above 0 and at most 10000"));
      return 2;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("plantdesk-sim: %s\n", _("The seed must be from 0 to 4294967295"));
      return 2;
    }
  if (!parse_units (units_text != NULL ? units_text : "1", units, &error))
    {
      g_printerr ("plantdesk-sim: %s\n", error->message);
      return 2;
    }

  raise_file_limit ();
  signal (SIGPIPE, SIG_IGN);

  /* SIGINT and SIGTERM arrive as readable data in the event loop, which
   * then tears everything down and removes the RTU link. */
  sigemptyset (&mask);
  sigaddset (&mask, SIGINT);
  sigaddset (&mask, SIGTERM);
  sigprocmask (SIG_BLOCK, &mask, NULL);
  signal_fd = signalfd (-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signal_fd < 0)
    {
      g_printerr ("plantdesk-sim: %s\n", _("Could not watch for signals"));
      return 1;
    }

  options.host = host;
  options.first_port = port;
  options.n_ports = devices;
  options.units = units;
  options.rtu_link = rtu_link;
  options.control_path = control;
  options.seed = seed;
  options.rate = rate;
  options.read_stdin = !no_stdin;

  server = pd_sim_server_new (&options, &error);
  if (server == NULL)
    {
      g_printerr ("plantdesk-sim: %s\n", error->message);
      close (signal_fd);
      return 1;
    }

  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      if (!pd_sim_server_execute (server, faults[i], NULL, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The fault “%s” is wrong: %s"),
                                                      faults[i], error->message);

          g_printerr ("plantdesk-sim: %s\n", message);
          g_clear_pointer (&server, pd_sim_server_free);
          close (signal_fd);
          return 2;
        }
    }

  ready = pd_sim_server_dup_ready_line (server);
  printf ("%s\n", ready);
  fflush (stdout);

  ok = pd_sim_server_run (server, signal_fd, &error);
  if (!ok)
    g_printerr ("plantdesk-sim: %s\n", error->message);

  g_clear_pointer (&server, pd_sim_server_free);
  close (signal_fd);

  return ok ? 0 : 1;
}
