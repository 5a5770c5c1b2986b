/* pd-ctl-test-utils.c — running the built plantdesk-ctl from tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-test-utils"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pd-ctl-test-utils.h"

/* The populated data directory that pd_ctl_test_data_dir_new_populated()
 * copies. */
static char *template_dir;

void
pd_ctl_run_free (PdCtlRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

PdCtlRun *
pd_ctl_test_run_full (const char         *data_dir,
                      const char * const *env,
                      const char * const *args,
                      int                 max_status)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *ctl = g_getenv ("PLANTDESK_CTL");
  PdCtlRun *run = g_new0 (PdCtlRun, 1);

  g_assert_nonnull (ctl);

  g_ptr_array_add (argv, (char *) ctl);
  if (data_dir != NULL)
    {
      g_ptr_array_add (argv, (char *) "--data-dir");
      g_ptr_array_add (argv, (char *) data_dir);
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Nothing from the person running the tests may leak in: no
   * credentials, no data dir, English messages in UTF-8. stdin is
   * /dev/null, so plantdesk-ctl never finds a terminal to ask on. */
  g_subprocess_launcher_unsetenv (launcher, "PLANTDESK_USER");
  g_subprocess_launcher_unsetenv (launcher, "PLANTDESK_PASSWORD");
  g_subprocess_launcher_unsetenv (launcher, "PLANTDESK_NEW_PASSWORD");
  g_subprocess_launcher_unsetenv (launcher, "PLANTDESK_DATA_DIR");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);

  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_exited (process))
    run->status = g_subprocess_get_exit_status (process);
  else
    run->status = -1;

  if (run->status < 0 || run->status > max_status)
    g_error ("plantdesk-ctl crashed (status %d)\nstdout:\n%s\nstderr:\n%s",
             run->status, run->out, run->err);

  return run;
}

PdCtlRun *
pd_ctl_test_run (const char         *data_dir,
                 const char * const *env,
                 const char * const *args)
{
  return pd_ctl_test_run_full (data_dir, env, args, 2);
}

void
pd_ctl_test_assert_status (PdCtlRun *run,
                           int       status)
{
  if (run->status != status)
    g_test_message ("stdout:\n%s\nstderr:\n%s", run->out, run->err);

  g_assert_cmpint (run->status, ==, status);
}

/* Success: the expected status, and a failure says why on stderr only. */
void
pd_ctl_test_assert_ok (PdCtlRun *run)
{
  pd_ctl_test_assert_status (run, 0);
  g_assert_cmpstr (run->err, ==, "");
}

void
pd_ctl_test_assert_failed (PdCtlRun *run)
{
  pd_ctl_test_assert_status (run, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "plantdesk-ctl: "));
}

void
pd_ctl_test_assert_usage_error (PdCtlRun *run)
{
  pd_ctl_test_assert_status (run, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "plantdesk-ctl: "));
  g_assert_nonnull (strstr (run->err, "Usage:"));
}

void
pd_ctl_test_assert_contains (const char *haystack,
                             const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

JsonNode *
pd_ctl_test_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

JsonArray *
pd_ctl_test_node_get_array (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_node_get_array (node);
}

JsonObject *
pd_ctl_test_node_get_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

JsonObject *
pd_ctl_test_find_object (JsonArray  *array,
                         const char *member,
                         const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, member), value) == 0)
        return object;
    }

  return NULL;
}

static void
copy_dir (const char *from,
          const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src_path = g_build_filename (from, name, NULL);
      g_autofree char *dst_path = g_build_filename (to, name, NULL);
      g_autoptr(GFile) src = g_file_new_for_path (src_path);
      g_autoptr(GFile) dst = g_file_new_for_path (dst_path);
      g_autoptr(GError) error = NULL;

      g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

char *
pd_ctl_test_data_dir_new_populated (void)
{
  char *dir;

  if (template_dir == NULL)
    {
      g_autoptr(PdStore) store = NULL;

      template_dir = pd_test_data_dir_new ();
      store = pd_test_store_new_populated (template_dir);
    }

  dir = pd_test_data_dir_new ();
  copy_dir (template_dir, dir);
  return dir;
}

void
pd_ctl_test_clear_template (void)
{
  g_clear_pointer (&template_dir, pd_test_data_dir_free);
}

/* Every signed-in command audits its login, so what a command wrote is
 * seen in the outbox, not in the audit log. */
gint64
pd_ctl_test_count_rows (const char *data_dir,
                        const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = pd_store_open (data_dir, &error);

  g_assert_no_error (error);
  return pd_test_count_rows (store, table);
}

void
pd_ctl_test_fixture_set_up_empty (PdCtlFixture  *f,
                                  gconstpointer  data)
{
  f->dir = pd_test_data_dir_new ();
}

void
pd_ctl_test_fixture_set_up_populated (PdCtlFixture  *f,
                                      gconstpointer  data)
{
  f->dir = pd_ctl_test_data_dir_new_populated ();
}

void
pd_ctl_test_fixture_tear_down (PdCtlFixture  *f,
                               gconstpointer  data)
{
  g_chmod (f->dir, 0700);
  g_clear_pointer (&f->dir, pd_test_data_dir_free);
}

JsonNode *
pd_ctl_test_run_json (const char         *data_dir,
                      const char * const *env,
                      const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(PdCtlRun) run = NULL;

  g_ptr_array_add (argv, (char *) "--json");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  run = pd_ctl_test_run (data_dir, env, (const char * const *) argv->pdata);
  pd_ctl_test_assert_ok (run);
  return pd_ctl_test_parse_json (run->out);
}
