/* pd-alarm-message.c — source alarm messages made in the reader's language
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-message"

#include "config.h"

#include <stdarg.h>

#include "pd-alarm-message.h"

/* Formatters by key. Registered once at start, read from every thread that
 * reads alarms (the UI's and the read workers'), hence the lock. */
static GMutex formatters_lock;
static GHashTable *formatters;

void
pd_alarm_message_register (const char         *key,
                           PdAlarmMessageFunc  func)
{
  g_return_if_fail (key != NULL && *key != '\0');
  g_return_if_fail (func != NULL);

  g_mutex_lock (&formatters_lock);
  if (formatters == NULL)
    formatters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (formatters, g_strdup (key), func);
  g_mutex_unlock (&formatters_lock);
}

static PdAlarmMessageFunc
lookup (const char *key)
{
  PdAlarmMessageFunc func = NULL;

  g_mutex_lock (&formatters_lock);
  if (formatters != NULL)
    func = g_hash_table_lookup (formatters, key);
  g_mutex_unlock (&formatters_lock);

  return func;
}

char *
pd_alarm_message_format (const char *key,
                         const char *args_json)
{
  g_autoptr(JsonParser) parser = NULL;
  PdAlarmMessageFunc func;
  JsonNode *root;

  if (key == NULL || *key == '\0' || args_json == NULL)
    return NULL;

  func = lookup (key);
  if (func == NULL)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, args_json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return func (key, json_node_get_object (root));
}

char *
pd_alarm_message_args_new (const char *first_name,
                           ...)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  va_list ap;

  va_start (ap, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);

      json_object_set_string_member (object, name, value);
    }
  va_end (ap);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}
