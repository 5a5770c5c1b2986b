/* pd-sim-control.c — the simulator's control socket and commands
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-sim-control"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "pd-error.h"
#include "pd-sim-server-private.h"

#define MAX_SLOW_MS        600000
#define MAX_CONTROL_LINE   4096

/* --- Control socket ------------------------------------------------------- */

gboolean
_pd_sim_server_open_control (PdSimServer *self,
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

void
_pd_sim_control_client_free (ControlClient *client)
{
  close (client->fd);
  g_string_free (client->line, TRUE);
  g_free (client);
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
            _pd_sim_port_drop_connections (port);
          else if (g_str_equal (command, "refuse"))
            _pd_sim_port_refuse (port);
          else if (port->listen_fd < 0)
            ok = _pd_sim_port_listen (port, error);
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
            _pd_sim_device_clear_faults (device);
        }
      if (ok && g_str_equal (command, "clear"))
        for (guint i = 0; ok && i < target.ports->len; i++)
          {
            Port *port = g_ptr_array_index (target.ports, i);

            if (!port->rtu && port->listen_fd < 0)
              ok = _pd_sim_port_listen (port, error);
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

/* --- Control lines ------------------------------------------------------- */

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
    _pd_sim_write_all (reply_fd, (const guint8 *) reply, strlen (reply));

  if (quit)
    self->quit = TRUE;
}

/* Appends what FD has to LINE and runs each whole line. FALSE at end of
 * file or on an error. */
gboolean
_pd_sim_server_read_lines (PdSimServer *self,
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
