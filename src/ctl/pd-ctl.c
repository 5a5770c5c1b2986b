/* pd-ctl.c — plantdesk-ctl: the command line, help and dispatch
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "pd-ctl-private.h"

/* Left column of two-column lists wider than this gets its text on the
 * next line instead of pushing every description to the right. */
#define HELP_COLUMN_MAX 34


static const PdCtlCommand *
find_command (const char *group,
              const char *name)
{
  for (guint i = 0; i < pd_ctl_n_commands; i++)
    {
      if (g_strcmp0 (pd_ctl_commands[i].group, group) == 0 &&
          g_strcmp0 (pd_ctl_commands[i].name, name) == 0)
        return &pd_ctl_commands[i];
    }

  return NULL;
}

static gboolean
is_group (const char *name)
{
  return g_strv_contains (pd_ctl_groups, name);
}

/* "user add", or "init". */
static char *
command_path (const PdCtlCommand *command)
{
  if (command->group != NULL && command->name != NULL)
    return g_strdup_printf ("%s %s", command->group, command->name);

  return g_strdup (command->name != NULL ? command->name : command->group);
}

/* "user add NAME --role ROLE": the command, its arguments and its
 * required options, as a person types them. */
static char *
command_synopsis (const PdCtlCommand *command)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = command_path (command);
  gboolean has_optional = FALSE;

  g_string_append (out, path);

  for (guint i = 0; command->arguments != NULL && command->arguments[i] != NULL; i++)
    g_string_append_printf (out, " %s", _(command->arguments[i]));
  for (guint i = 0; command->optional_arguments != NULL && command->optional_arguments[i] != NULL; i++)
    g_string_append_printf (out, " [%s]", _(command->optional_arguments[i]));

  for (guint i = 0; command->options != NULL && command->options[i].name != NULL; i++)
    {
      const PdCtlOption *option = &command->options[i];

      if (!option->required)
        {
          has_optional = TRUE;
          continue;
        }

      g_string_append_printf (out, " --%s", option->name);
      if (option->arg_name != NULL)
        g_string_append_printf (out, " %s", _(option->arg_name));
    }

  if (has_optional)
    g_string_append_printf (out, " [%s]", _("OPTION…"));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A list of "left  right" lines whose right column starts at the same
 * place, as far right as the longest left text that is not too long. */
typedef struct
{
  GPtrArray *left;
  GPtrArray *right;
} Columns;

static void
columns_init (Columns *columns)
{
  columns->left = g_ptr_array_new_with_free_func (g_free);
  columns->right = g_ptr_array_new_with_free_func (g_free);
}

static void
columns_add (Columns    *columns,
             const char *left,
             const char *right)
{
  g_ptr_array_add (columns->left, g_strdup (left));
  g_ptr_array_add (columns->right, g_strdup (right));
}

/* Appends the lines to OUT and empties COLUMNS. */
static void
columns_flush (Columns *columns,
               GString *out)
{
  gsize width = 0;

  for (guint i = 0; i < columns->left->len; i++)
    {
      gsize w = pd_ctl_text_width (g_ptr_array_index (columns->left, i));

      if (w <= HELP_COLUMN_MAX)
        width = MAX (width, w);
    }

  for (guint i = 0; i < columns->left->len; i++)
    {
      const char *left = g_ptr_array_index (columns->left, i);

      g_string_append (out, "  ");
      if (pd_ctl_text_width (left) > width)
        {
          g_string_append_printf (out, "%s\n  ", left);
          pd_ctl_append_padded (out, "", width);
        }
      else
        {
          pd_ctl_append_padded (out, left, width);
        }
      g_string_append_printf (out, "  %s\n", (const char *) g_ptr_array_index (columns->right, i));
    }

  g_ptr_array_set_size (columns->left, 0);
  g_ptr_array_set_size (columns->right, 0);
}

static void
columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->left, g_ptr_array_unref);
  g_clear_pointer (&columns->right, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Columns, columns_clear)

static void
append_usage_line (GString    *out,
                   const char *what)
{
  g_string_append_printf (out, "%s\n  %s [%s] %s\n",
                          _("Usage:"), g_get_prgname (), _("GLOBAL-OPTION…"), what);
}

static void
append_global_options (GString *out)
{
  g_auto(Columns) columns;
  g_autofree char *data_dir = g_strdup_printf ("--data-dir %s", _("DIR"));

  columns_init (&columns);
  g_string_append_printf (out, "\n%s\n", _("Global options:"));
  columns_add (&columns, data_dir,
               _("Use the data folder DIR (default: $PLANTDESK_DATA_DIR, else the user data folder)"));
  columns_add (&columns, "--json", _("Print results as JSON"));
  columns_add (&columns, "-h, --help", _("Show help; “COMMAND --help” shows a command’s help"));
  columns_add (&columns, "--version", _("Show the version"));
  columns_flush (&columns, out);
}

static void
print_text (FILE       *stream,
            const char *text)
{
  if (stream == stderr)
    g_printerr ("%s", text);
  else
    g_print ("%s", text);
}

void
pd_ctl_print_command_help (const PdCtlCommand *command,
                           FILE               *stream)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *synopsis = command_synopsis (command);

  append_usage_line (out, synopsis);
  g_string_append_printf (out, "\n%s\n", _(command->summary));
  if (command->description != NULL)
    g_string_append_printf (out, "%s\n", _(command->description));

  if (command->options != NULL && command->options[0].name != NULL)
    {
      g_auto(Columns) columns;

      columns_init (&columns);
      g_string_append_printf (out, "\n%s\n", _("Options:"));
      for (guint i = 0; command->options[i].name != NULL; i++)
        {
          const PdCtlOption *option = &command->options[i];
          g_autofree char *left = NULL;

          if (option->arg_name != NULL)
            left = g_strdup_printf ("--%s %s", option->name, _(option->arg_name));
          else
            left = g_strdup_printf ("--%s", option->name);

          columns_add (&columns, left, _(option->description));
        }
      columns_flush (&columns, out);
    }

  append_global_options (out);
  print_text (stream, out->str);
}

static void
add_commands (Columns    *columns,
              const char *group)
{
  for (guint i = 0; i < pd_ctl_n_commands; i++)
    {
      g_autofree char *synopsis = NULL;

      if (group != NULL && g_strcmp0 (pd_ctl_commands[i].group, group) != 0)
        continue;

      synopsis = command_synopsis (&pd_ctl_commands[i]);
      columns_add (columns, synopsis, _(pd_ctl_commands[i].summary));
    }
}

static void
print_group_help (const char *group,
                  FILE       *stream)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *what = g_strdup_printf ("%s %s", group, _("COMMAND"));
  g_auto(Columns) columns;

  columns_init (&columns);
  append_usage_line (out, what);
  g_string_append_printf (out, "\n%s\n", _("Commands:"));
  add_commands (&columns, group);
  columns_flush (&columns, out);
  append_global_options (out);
  print_text (stream, out->str);
}

static void
print_help (FILE *stream)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *what = g_strdup_printf ("%s [%s…]", _("COMMAND"), _("ARGUMENT"));
  g_autofree char *roles = NULL;
  g_autofree char *env_user = g_strdup_printf ("%s, %s", PD_CTL_ENV_USER, PD_CTL_ENV_PASSWORD);
  g_autofree char *help_synopsis = NULL;
  g_auto(Columns) columns;

  columns_init (&columns);
  append_usage_line (out, what);
  g_string_append_printf (out, "\n%s\n", _("Manage a Plantdesk workstation from the command line."));

  g_string_append_printf (out, "\n%s\n", _("Commands:"));
  add_commands (&columns, NULL);
  help_synopsis = g_strdup_printf ("help [%s]", _("COMMAND"));
  columns_add (&columns, help_synopsis, _("Show help"));
  columns_flush (&columns, out);

  append_global_options (out);

  g_string_append_printf (out, "\n%s\n", _("Environment:"));
  columns_add (&columns, env_user,
               _("The user who acts; when unset, both are asked on the terminal"));
  columns_add (&columns, PD_CTL_ENV_NEW_PASSWORD,
               _("The new password for “user add” and “user passwd”"));
  columns_add (&columns, "PLANTDESK_DATA_DIR", _("The default data folder"));
  columns_flush (&columns, out);

  roles = g_strjoin (", ",
                     pd_role_to_string (PD_ROLE_OPERATOR),
                     pd_role_to_string (PD_ROLE_WAREHOUSE),
                     pd_role_to_string (PD_ROLE_SUPERVISOR),
                     pd_role_to_string (PD_ROLE_ADMIN),
                     NULL);
  g_string_append_printf (out, "\n%s %s\n", _("Roles:"), roles);

  g_string_append_printf (out, "\n%s\n",
                          _("Exit status: 0 done, 1 refused or failed, 2 wrong usage, 3 “read” found bad values."));
  print_text (stream, out->str);
}

static void
print_usage_for (const char         *group,
                 const PdCtlCommand *command,
                 FILE               *stream)
{
  if (command != NULL)
    pd_ctl_print_command_help (command, stream);
  else if (group != NULL)
    print_group_help (group, stream);
  else
    print_help (stream);
}

static int
usage_errorv (const char         *group,
              const PdCtlCommand *command,
              const char         *format,
              va_list             args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_printerr ("%s: %s\n\n", g_get_prgname (), message);
  print_usage_for (group, command, stderr);

  return PD_CTL_EXIT_USAGE;
}

static int G_GNUC_PRINTF (3, 4)
usage_error (const char         *group,
             const PdCtlCommand *command,
             const char         *format,
             ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = usage_errorv (group, command, format, args);
  va_end (args);

  return status;
}

int
pd_ctl_usage_error (const PdCtlCommand *command,
                    const char         *format,
                    ...)
{
  va_list args;
  int status;

  va_start (args, format);
  status = usage_errorv (command != NULL ? command->group : NULL, command, format, args);
  va_end (args);

  return status;
}

/* Splits "--name=value" into NAME and VALUE; "--name" leaves VALUE NULL. */
static char *
split_long_option (const char  *arg,
                   const char **value)
{
  const char *equals = strchr (arg, '=');

  if (equals == NULL)
    {
      *value = NULL;
      return g_strdup (arg + 2);
    }

  *value = equals + 1;
  return g_strndup (arg + 2, equals - (arg + 2));
}

/* The core speaks UTF-8. Arguments in UTF-8 are taken as they are, even
 * where the locale says otherwise (scripts often run with no locale at
 * all); anything else is converted from the locale's encoding. */
static GStrv
arguments_to_utf8 (int     argc,
                   char  **argv,
                   char  **bad_argument)
{
  g_auto(GStrv) utf8 = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    {
      if (g_utf8_validate (argv[i], -1, NULL))
        utf8[i] = g_strdup (argv[i]);
      else if ((utf8[i] = g_locale_to_utf8 (argv[i], -1, NULL, NULL, NULL)) == NULL)
        {
          *bad_argument = g_utf8_make_valid (argv[i], -1);
          return NULL;
        }
    }

  return g_steal_pointer (&utf8);
}

static int
run (PdCtl  *ctl,
     int     argc,
     char  **argv)
{
  g_autoptr(PdCtlArgs) args = pd_ctl_args_new ();
  const PdCtlCommand *command = NULL;
  const char *group = NULL;
  gboolean help = FALSE;
  gboolean options_done = FALSE;
  guint n_arguments;

  for (int i = 1; i < argc && !help; i++)
    {
      const char *arg = argv[i];

      /* "-3.25" is a negative value (write DEVICE TAG -3.25), not an
       * option: no option starts with a digit. */
      if (!options_done && arg[0] == '-' && arg[1] != '\0' &&
          !g_ascii_isdigit (arg[1]) && arg[1] != '.')
        {
          g_autofree char *name = NULL;
          const char *value = NULL;
          const PdCtlOption *option = NULL;

          if (g_str_equal (arg, "--"))
            {
              options_done = TRUE;
              continue;
            }

          if (g_str_equal (arg, "-h") || g_str_equal (arg, "--help"))
            {
              help = TRUE;
              continue;
            }

          if (arg[1] != '-')
            return usage_error (group, command, _("Unknown option “%s”."), arg);

          name = split_long_option (arg, &value);

          if (g_str_equal (name, "version") || g_str_equal (name, "json"))
            {
              if (value != NULL)
                return usage_error (group, command, _("The option --%s takes no value."), name);

              if (g_str_equal (name, "json"))
                {
                  ctl->json = TRUE;
                  continue;
                }

              g_print ("%s %s\n", g_get_prgname (), PACKAGE_VERSION);
              return PD_CTL_EXIT_OK;
            }

          if (g_str_equal (name, "data-dir"))
            {
              if (value == NULL)
                {
                  if (i + 1 >= argc)
                    return usage_error (group, command, _("The option --%s needs a value."), name);
                  value = argv[++i];
                }
              if (*value == '\0')
                return usage_error (group, command, _("The option --%s needs a value."), name);
              if (ctl->data_dir != NULL)
                return usage_error (group, command, _("The option --%s is given twice."), name);

              ctl->data_dir = g_strdup (value);
              continue;
            }

          if (command != NULL)
            option = pd_ctl_command_find_option (command, name);
          if (option == NULL)
            return usage_error (group, command, _("Unknown option “%s”."), arg);

          if (option->arg_name == NULL && value != NULL)
            return usage_error (group, command, _("The option --%s takes no value."), name);
          if (option->arg_name != NULL && value == NULL)
            {
              if (i + 1 >= argc)
                return usage_error (group, command, _("The option --%s needs a value."), name);
              value = argv[++i];
            }
          if (pd_ctl_args_has_option (args, name) && option->repeatable)
            {
              const char *before = pd_ctl_args_get_option (args, name);

              g_hash_table_insert (args->options, g_strdup (name),
                                   g_strconcat (before, "\n", value, NULL));
              continue;
            }
          if (pd_ctl_args_has_option (args, name))
            return usage_error (group, command, _("The option --%s is given twice."), name);

          g_hash_table_insert (args->options, g_strdup (name), g_strdup (value != NULL ? value : ""));
          continue;
        }

      if (command != NULL)
        {
          g_ptr_array_add (args->positionals, g_strdup (arg));
          continue;
        }

      if (group != NULL)
        {
          command = find_command (group, arg);
          if (command == NULL)
            return usage_error (group, NULL, _("Unknown command “%s %s”."), group, arg);
          continue;
        }

      if (g_str_equal (arg, "help") && !help)
        {
          /* "help user add" is "user add --help". */
          help = TRUE;
          for (i++; i < argc && command == NULL; i++)
            {
              if (group == NULL && is_group (argv[i]))
                group = argv[i];
              else if ((command = find_command (group, argv[i])) == NULL)
                return usage_error (group, NULL, _("Unknown command “%s”."), argv[i]);
            }
          if (i < argc)
            return usage_error (group, command, _("Unexpected argument “%s”."), argv[i]);
          break;
        }

      if (is_group (arg))
        group = arg;
      else if ((command = find_command (NULL, arg)) == NULL)
        return usage_error (NULL, NULL, _("Unknown command “%s”."), arg);
    }

  if (help)
    {
      print_usage_for (group, command, stdout);
      return PD_CTL_EXIT_OK;
    }

  /* A group that is also a command by itself ("schedule"). */
  if (command == NULL && group != NULL)
    command = find_command (group, NULL);
  if (command == NULL && group != NULL)
    return usage_error (group, NULL, _("Which “%s” command?"), group);
  if (command == NULL)
    return usage_error (NULL, NULL, _("No command given."));

  n_arguments = pd_ctl_command_n_arguments (command);
  if (args->positionals->len < n_arguments)
    return pd_ctl_usage_error (command, _("Missing argument %s."),
                               _(command->arguments[args->positionals->len]));
  for (guint i = 0; command->optional_arguments != NULL && command->optional_arguments[i] != NULL; i++)
    n_arguments++;
  if (args->positionals->len > n_arguments)
    return pd_ctl_usage_error (command, _("Unexpected argument “%s”."),
                               (const char *) g_ptr_array_index (args->positionals, n_arguments));

  for (guint i = 0; command->options != NULL && command->options[i].name != NULL; i++)
    {
      if (command->options[i].required &&
          !pd_ctl_args_has_option (args, command->options[i].name))
        return pd_ctl_usage_error (command, _("The option --%s is required."),
                                   command->options[i].name);
    }

  return command->run (ctl, command, args);
}

int
main (int    argc,
      char **argv)
{
  PdCtl ctl = { 0 };
  g_auto(GStrv) utf8_argv = NULL;
  g_autofree char *bad_argument = NULL;
  int status;

  setlocale (LC_ALL, "");
  pd_core_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("plantdesk-ctl");

  if ((utf8_argv = arguments_to_utf8 (argc, argv, &bad_argument)) == NULL)
    return usage_error (NULL, NULL, _("The argument “%s” is not valid text."), bad_argument);

  status = run (&ctl, argc, utf8_argv);
  pd_ctl_clear (&ctl);

  return status;
}
