/* pd-ctl-output.c — tables for people, JSON for scripts
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-output"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pd-ctl-private.h"

struct _PdCtlTable
{
  guint      n_columns;
  GPtrArray *rows;   /* of GStrv, the first one the header */
};

gsize
pd_ctl_text_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;

      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

void
pd_ctl_append_padded (GString    *out,
                      const char *text,
                      gsize       width)
{
  gsize text_width = pd_ctl_text_width (text);

  g_string_append (out, text);
  for (gsize i = text_width; i < width; i++)
    g_string_append_c (out, ' ');
}

/* Values in a table come from the database, where anyone with a login may
 * have put a tab, a newline or a terminal escape: show them harmlessly. */
static char *
sanitize_cell (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static GStrv
collect_row (guint   n_columns,
             va_list args)
{
  GStrv row = g_new0 (char *, n_columns + 1);

  for (guint i = 0; i < n_columns; i++)
    row[i] = sanitize_cell (va_arg (args, const char *));

  return row;
}

/* Takes N_COLUMNS header strings. */
PdCtlTable *
pd_ctl_table_new (guint n_columns,
                  ...)
{
  PdCtlTable *table;
  va_list args;

  g_return_val_if_fail (n_columns > 0, NULL);

  table = g_new0 (PdCtlTable, 1);
  table->n_columns = n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  va_start (args, n_columns);
  g_ptr_array_add (table->rows, collect_row (n_columns, args));
  va_end (args);

  return table;
}

/* Takes as many strings as the table has columns; NULL shows as empty. */
void
pd_ctl_table_add_row (PdCtlTable *table,
                      ...)
{
  va_list args;

  g_return_if_fail (table != NULL);

  va_start (args, table);
  g_ptr_array_add (table->rows, collect_row (table->n_columns, args));
  va_end (args);
}

void
pd_ctl_table_print (PdCtlTable *table)
{
  g_autofree gsize *widths = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_if_fail (table != NULL);

  widths = g_new0 (gsize, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], pd_ctl_text_width (row[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        {
          if (c + 1 == table->n_columns)
            {
              /* No trailing blanks after the last column. */
              g_string_append (out, row[c]);
            }
          else
            {
              pd_ctl_append_padded (out, row[c], widths[c]);
              g_string_append (out, "  ");
            }
        }

      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  g_print ("%s", out->str);
}

void
pd_ctl_table_free (PdCtlTable *table)
{
  if (table == NULL)
    return;

  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

void
pd_ctl_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_if_fail (node != NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);

  /* JSON is UTF-8 whatever the locale: bypass g_print's conversion. */
  fwrite (text, 1, length, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
pd_ctl_print_line (const char *format,
                   ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_print ("%s\n", text);
}

char *
pd_ctl_format_local_time (const char *timestamp)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (timestamp == NULL)
    return g_strdup ("");

  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* "YYYY-MM-DD" exactly. */
static gboolean
parse_date (const char *str,
            int        *year,
            int        *month,
            int        *day)
{
  static const char pattern[] = "dddd-dd-dd";
  int values[3] = { 0, 0, 0 };
  guint field = 0;

  if (strlen (str) != strlen (pattern))
    return FALSE;

  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '-')
        {
          if (str[i] != '-')
            return FALSE;
          field++;
        }
      else if (g_ascii_isdigit (str[i]))
        {
          values[field] = values[field] * 10 + g_ascii_digit_value (str[i]);
        }
      else
        {
          return FALSE;
        }
    }

  *year = values[0];
  *month = values[1];
  *day = values[2];

  return TRUE;
}

GDateTime *
pd_ctl_parse_time (const char *str)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  int year, month, day;

  g_return_val_if_fail (str != NULL, NULL);

  /* A date alone means its first moment, here. */
  if (parse_date (str, &year, &month, &day))
    {
      if (year < 1 || !g_date_valid_dmy (day, month, year))
        return NULL;

      return g_date_time_new (local, year, month, day, 0, 0, 0);
    }

  return g_date_time_new_from_iso8601 (str, local);
}

void
pd_ctl_json_set_string (JsonObject *object,
                        const char *member,
                        const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}
