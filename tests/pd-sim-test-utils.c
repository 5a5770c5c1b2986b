/* pd-sim-test-utils.c — start plantdesk-sim for a test and steer it
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-sim-test-utils"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pd-error.h"
#include "pd-sim-test-utils.h"

#define DEADLINE_S 10

struct _PdSim
{
  GPid     pid;
  int      stdin_fd;
  int      stdout_fd;
  GArray  *ports;       /* guint */
  char    *rtu_path;
  GString *buffer;      /* stdout read but not yet taken as lines */
};

static void
child_setup (gpointer data)
{
  /* A crashed or killed test must not leave simulators behind. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Reads one line from the simulator's stdout, waiting until DEADLINE
 * (monotonic µs). */
static char *
read_line (PdSim   *self,
           gint64   deadline,
           GError **error)
{
  for (;;)
    {
      char *nl = memchr (self->buffer->str, '\n', self->buffer->len);
      struct pollfd pfd = { .fd = self->stdout_fd, .events = POLLIN };
      gint64 now;
      char buf[512];
      ssize_t n;
      int rc;

      if (nl != NULL)
        {
          char *line = g_strndup (self->buffer->str, nl - self->buffer->str);

          g_string_erase (self->buffer, 0, nl - self->buffer->str + 1);
          return line;
        }

      now = g_get_monotonic_time ();
      if (now >= deadline)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       "plantdesk-sim did not answer within %d s", DEADLINE_S);
          return NULL;
        }

      rc = poll (&pfd, 1, (int) ((deadline - now + 999) / 1000));
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc <= 0)
        continue;

      n = read (self->stdout_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       "plantdesk-sim closed its output (it exited)");
          return NULL;
        }
      g_string_append_len (self->buffer, buf, n);
    }
}

static gboolean
parse_ready (PdSim      *self,
             const char *line,
             GError    **error)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);

  if (!g_str_equal (words[0], "ready"))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   "plantdesk-sim said “%s” instead of its ready line", line);
      return FALSE;
    }

  for (guint i = 1; words[i] != NULL; i++)
    {
      if (g_str_has_prefix (words[i], "port="))
        {
          g_auto(GStrv) ports = g_strsplit (words[i] + strlen ("port="), ",", -1);

          for (guint j = 0; ports[j] != NULL; j++)
            {
              guint64 port;

              if (!g_ascii_string_to_unsigned (ports[j], 10, 1, 65535, &port, NULL))
                {
                  g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                               "Bad port in the ready line “%s”", line);
                  return FALSE;
                }
              guint value = port;

              g_array_append_val (self->ports, value);
            }
        }
      else if (g_str_has_prefix (words[i], "rtu="))
        {
          g_free (self->rtu_path);
          self->rtu_path = g_strdup (words[i] + strlen ("rtu="));
        }
    }

  return TRUE;
}

PdSim *
pd_sim_start (const char * const  *extra_args,
              GError             **error)
{
  g_autoptr(PdSim) self = g_new0 (PdSim, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *line = NULL;
  const char *sim = g_getenv ("PLANTDESK_SIM");
  gboolean has_port = FALSE;

  self->stdin_fd = -1;
  self->stdout_fd = -1;
  self->ports = g_array_new (FALSE, FALSE, sizeof (guint));
  self->buffer = g_string_new (NULL);

  if (sim == NULL || *sim == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   "PLANTDESK_SIM does not name the plantdesk-sim executable");
      return NULL;
    }

  g_ptr_array_add (argv, g_strdup (sim));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    {
      if (g_str_equal (extra_args[i], "--port") || g_str_has_prefix (extra_args[i], "--port="))
        has_port = TRUE;
      g_ptr_array_add (argv, g_strdup (extra_args[i]));
    }
  if (!has_port)
    g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD,
                                 child_setup, NULL, &self->pid,
                                 &self->stdin_fd, &self->stdout_fd, NULL, error))
    return NULL;

  line = read_line (self, g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC, error);
  if (line == NULL || !parse_ready (self, line, error))
    return NULL;

  return g_steal_pointer (&self);
}

guint
pd_sim_get_port (PdSim *self,
                 guint  index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->ports->len, 0);

  return g_array_index (self->ports, guint, index);
}

guint
pd_sim_get_n_ports (PdSim *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ports->len;
}

const char *
pd_sim_get_rtu_path (PdSim *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->rtu_path;
}

GPid
pd_sim_get_pid (PdSim *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pid;
}

gboolean
pd_sim_command (PdSim       *self,
                const char  *command,
                GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  gsize done = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (command != NULL && strchr (command, '\n') == NULL, FALSE);

  text = g_strconcat (command, "\n", NULL);
  while (text[done] != '\0')
    {
      ssize_t n = write (self->stdin_fd, text + done, strlen (text + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       "Could not send “%s” to plantdesk-sim: %s",
                       command, g_strerror (errno));
          return FALSE;
        }
      done += n;
    }

  answer = read_line (self, g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC, error);
  if (answer == NULL)
    return FALSE;
  if (g_str_equal (answer, "ok"))
    return TRUE;

  g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
               "plantdesk-sim refused “%s”: %s", command, answer);
  return FALSE;
}

gboolean
pd_sim_commandf (PdSim       *self,
                 GError     **error,
                 const char  *format,
                 ...)
{
  g_autofree char *command = NULL;
  va_list args;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);

  return pd_sim_command (self, command, error);
}

int
pd_sim_stop (PdSim *self)
{
  gint64 deadline;
  int status = 0;
  gboolean killed = FALSE;

  if (self == NULL)
    return -1;

  if (self->pid > 0)
    {
      kill (self->pid, SIGTERM);

      /* Its stdout closes when it exits: wait for that, not for a timer. */
      deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
      for (;;)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *line = read_line (self, deadline, &error);

          if (line != NULL)
            continue;
          if (g_get_monotonic_time () >= deadline)
            {
              kill (self->pid, SIGKILL);
              killed = TRUE;
            }
          break;
        }

      while (waitpid (self->pid, &status, 0) < 0 && errno == EINTR)
        ;
      g_spawn_close_pid (self->pid);
      self->pid = 0;
    }

  pd_sim_free (self);

  if (killed || !WIFEXITED (status))
    return -1;
  return WEXITSTATUS (status);
}

void
pd_sim_free (PdSim *self)
{
  if (self == NULL)
    return;

  if (self->pid > 0)
    {
      int status;

      kill (self->pid, SIGKILL);
      while (waitpid (self->pid, &status, 0) < 0 && errno == EINTR)
        ;
      g_spawn_close_pid (self->pid);
    }
  if (self->stdin_fd >= 0)
    close (self->stdin_fd);
  if (self->stdout_fd >= 0)
    close (self->stdout_fd);
  g_array_unref (self->ports);
  g_string_free (self->buffer, TRUE);
  g_free (self->rtu_path);
  g_free (self);
}
