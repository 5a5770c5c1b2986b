/* pd-ctl-prompt.c — credentials from the environment or the terminal
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-prompt"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pd-ctl-private.h"

/* Longer lines are refused rather than cut: a cut password would be a
 * different password. */
#define MAX_LINE 1024

/* The terminal settings to put back when a signal ends the program while
 * echo is off. Only touched with async-signal-safe calls in the handler. */
static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

static const int restore_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static struct sigaction previous_actions[G_N_ELEMENTS (restore_signals)];

void
pd_ctl_secret_free (PdCtlSecret *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static PdCtlSecret *
secret_dup (const char *str)
{
  return (PdCtlSecret *) g_strdup (str);
}

gboolean
pd_ctl_prompt_is_interactive (void)
{
  return isatty (STDIN_FILENO) == 1;
}

static void
restore_termios_cb (int signum)
{
  if (termios_saved)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);

  /* Die of the same signal, so the parent sees what happened. */
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
echo_restore (void)
{
  if (!termios_saved)
    return;

  /* TCSADRAIN, not TCSAFLUSH: what was typed after the answer is the
   * answer to the next question. */
  tcsetattr (STDIN_FILENO, TCSADRAIN, &saved_termios);
  termios_saved = 0;

  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &previous_actions[i], NULL);
}

static gboolean
echo_off (void)
{
  struct termios quiet;
  struct sigaction action = { 0 };

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return FALSE;

  action.sa_handler = restore_termios_cb;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &action, &previous_actions[i]);

  termios_saved = 1;

  quiet = saved_termios;
  quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK);
  quiet.c_lflag |= ECHONL;

  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
    {
      echo_restore ();
      return FALSE;
    }

  return TRUE;
}

/* Reads up to the end of the line with read(2), so that no copy of a
 * password stays behind in a stdio buffer. */
static gboolean
read_line (char    *buffer,
           gsize    size,
           GError **error)
{
  gsize len = 0;
  gboolean too_long = FALSE;

  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       _("Cannot read from the terminal: %s"), g_strerror (saved_errno));
          return FALSE;
        }

      if (n == 0)
        {
          if (len == 0)
            {
              g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                           _("No answer was given."));
              return FALSE;
            }
          break;
        }

      if (c == '\n')
        break;

      if (len + 1 < size)
        buffer[len++] = c;
      else
        too_long = TRUE;
    }

  buffer[len] = '\0';
  if (len > 0 && buffer[len - 1] == '\r')
    buffer[--len] = '\0';

  if (too_long)
    {
      explicit_bzero (buffer, size);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The answer is too long."));
      return FALSE;
    }

  return TRUE;
}

char *
pd_ctl_prompt_read_line (const char  *prompt,
                         gboolean     secret,
                         GError     **error)
{
  char buffer[MAX_LINE];
  char *result = NULL;
  gboolean silenced = FALSE;
  gboolean ok;

  g_return_val_if_fail (prompt != NULL, NULL);

  if (!pd_ctl_prompt_is_interactive ())
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Cannot ask “%s”: not running on a terminal."), prompt);
      return NULL;
    }

  /* Echo goes off before the prompt shows, so that nothing typed in
   * answer to it is ever echoed. */
  if (secret && !(silenced = echo_off ()))
    {
      int saved_errno = errno;

      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Cannot hide the password as it is typed: %s"), g_strerror (saved_errno));
      return NULL;
    }

  g_printerr ("%s ", prompt);
  fflush (stderr);

  ok = read_line (buffer, sizeof buffer, error);

  if (silenced)
    echo_restore ();

  if (!ok)
    return NULL;

  /* The terminal speaks the locale's encoding; the core wants UTF-8. */
  if (!g_get_charset (NULL))
    result = g_locale_to_utf8 (buffer, -1, NULL, NULL, NULL);
  else if (g_utf8_validate (buffer, -1, NULL))
    result = g_strdup (buffer);

  explicit_bzero (buffer, sizeof buffer);

  if (result == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The answer is not valid text in the terminal’s encoding."));
      return NULL;
    }

  return result;
}

gboolean
pd_ctl_prompt_credentials (char        **user_name,
                           PdCtlSecret **password,
                           GError      **error)
{
  const char *env_user = g_getenv (PD_CTL_ENV_USER);
  const char *env_password = g_getenv (PD_CTL_ENV_PASSWORD);
  g_autofree char *name = NULL;
  g_autoptr(PdCtlSecret) secret = NULL;

  g_return_val_if_fail (user_name != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if ((env_user == NULL || *env_user == '\0' || env_password == NULL) &&
      !pd_ctl_prompt_is_interactive ())
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("No credentials: set %s and %s, or run plantdesk-ctl on a terminal to be asked."),
                   PD_CTL_ENV_USER, PD_CTL_ENV_PASSWORD);
      return FALSE;
    }

  if (env_user != NULL && *env_user != '\0')
    name = g_strdup (env_user);
  else if ((name = pd_ctl_prompt_read_line (_("User name:"), FALSE, error)) == NULL)
    return FALSE;

  if (env_password != NULL)
    {
      secret = secret_dup (env_password);
    }
  else
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s:"), name);

      if ((secret = pd_ctl_prompt_read_line (prompt, TRUE, error)) == NULL)
        return FALSE;
    }

  *user_name = g_steal_pointer (&name);
  *password = g_steal_pointer (&secret);

  return TRUE;
}

PdCtlSecret *
pd_ctl_prompt_new_password (const char  *env_var,
                            const char  *user_name,
                            GError     **error)
{
  const char *env_password = g_getenv (env_var);
  g_autofree char *prompt = NULL;
  g_autoptr(PdCtlSecret) first = NULL;
  g_autoptr(PdCtlSecret) second = NULL;

  g_return_val_if_fail (env_var != NULL, NULL);
  g_return_val_if_fail (user_name != NULL, NULL);

  if (env_password != NULL)
    return secret_dup (env_password);

  if (!pd_ctl_prompt_is_interactive ())
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("No new password: set %s, or run plantdesk-ctl on a terminal to be asked."),
                   env_var);
      return NULL;
    }

  prompt = g_strdup_printf (_("New password for %s:"), user_name);
  if ((first = pd_ctl_prompt_read_line (prompt, TRUE, error)) == NULL)
    return NULL;

  /* Say what is wrong before asking for the same thing again. */
  if (!pd_password_check_policy (first, error))
    return NULL;

  if ((second = pd_ctl_prompt_read_line (_("Repeat the new password:"), TRUE, error)) == NULL)
    return NULL;

  if (!g_str_equal (first, second))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The two passwords do not match; nothing was changed."));
      return NULL;
    }

  return g_steal_pointer (&first);
}
