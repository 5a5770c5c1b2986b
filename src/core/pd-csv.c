/* pd-csv.c — reading CSV (RFC 4180) record by record
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-csv.h"
#include "pd-error.h"

gboolean
pd_csv_reader_init (PdCsvReader  *reader,
                    const char   *text,
                    gsize         length,
                    GError      **error)
{
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The file is not UTF-8 text: save it as CSV UTF-8."));
      return FALSE;
    }

  reader->p = text;
  reader->end = text + length;
  reader->line = 1;

  /* A byte order mark, as spreadsheets write it. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader->p += 3;

  return TRUE;
}

void
pd_csv_record_clear (PdCsvRecord *record)
{
  g_clear_pointer (&record->fields, g_ptr_array_unref);
  g_clear_pointer (&record->error, g_free);
}

static gboolean
at_line_end (PdCsvReader *reader)
{
  return reader->p < reader->end && (*reader->p == '\n' || *reader->p == '\r');
}

/* Steps over one line ending ("\n", "\r\n" or "\r"). */
static void
skip_line_end (PdCsvReader *reader)
{
  if (*reader->p == '\r' && reader->p + 1 < reader->end && reader->p[1] == '\n')
    reader->p++;
  reader->p++;
  reader->line++;
}

static void
skip_rest_of_line (PdCsvReader *reader)
{
  while (reader->p < reader->end && !at_line_end (reader))
    reader->p++;
  if (reader->p < reader->end)
    skip_line_end (reader);
}

gboolean
pd_csv_read_record (PdCsvReader *reader,
                    PdCsvRecord *record)
{
  g_autoptr(GString) field = g_string_new (NULL);
  gboolean any_quoted = FALSE;

  if (reader->p >= reader->end)
    return FALSE;

  record->line = reader->line;
  record->fields = g_ptr_array_new_with_free_func (g_free);
  record->error = NULL;
  record->blank = FALSE;

  for (;;)
    {
      g_string_truncate (field, 0);

      if (reader->p < reader->end && *reader->p == '"')
        {
          guint start_line = reader->line;
          gboolean closed = FALSE;

          any_quoted = TRUE;
          reader->p++;
          while (reader->p < reader->end)
            {
              if (*reader->p == '"')
                {
                  if (reader->p + 1 < reader->end && reader->p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->p += 2;
                      continue;
                    }
                  reader->p++;
                  closed = TRUE;
                  break;
                }
              if (at_line_end (reader))
                {
                  /* Line breaks inside a field become "\n" whatever the
                   * file uses. */
                  g_string_append_c (field, '\n');
                  skip_line_end (reader);
                  continue;
                }
              g_string_append_c (field, *reader->p++);
            }

          if (!closed)
            {
              record->error = g_strdup_printf (_("Line %u: a quoted field is not closed."), start_line);
              return TRUE;
            }

          if (reader->p < reader->end && *reader->p != ',' && !at_line_end (reader))
            {
              record->error = g_strdup_printf (_("Line %u: there is text after the closing quote of a field; put the whole field in quotes."),
                                               reader->line);
              skip_rest_of_line (reader);
              return TRUE;
            }
        }
      else
        {
          while (reader->p < reader->end && *reader->p != ',' && !at_line_end (reader))
            {
              if (*reader->p == '"')
                {
                  record->error = g_strdup_printf (_("Line %u: a field that contains a quote must be put in quotes, with the quote doubled."),
                                                   reader->line);
                  skip_rest_of_line (reader);
                  return TRUE;
                }
              g_string_append_c (field, *reader->p++);
            }
        }

      g_ptr_array_add (record->fields, g_strndup (field->str, field->len));

      if (reader->p < reader->end && *reader->p == ',')
        {
          reader->p++;
          continue;
        }

      if (reader->p < reader->end)
        skip_line_end (reader);
      break;
    }

  record->blank = !any_quoted && record->fields->len == 1 &&
                  *(const char *) g_ptr_array_index (record->fields, 0) == '\0';
  return TRUE;
}

gboolean
pd_csv_map_header (const PdCsvRecord  *record,
                   const char * const *column_names,
                   guint               n_columns,
                   int                *map,
                   gboolean           *present,
                   GError            **error)
{
  if (record->error != NULL)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, record->error);
      return FALSE;
    }

  for (guint i = 0; i < record->fields->len; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_ptr_array_index (record->fields, i), -1);
      int column = -1;

      g_strstrip (name);
      for (guint c = 0; c < n_columns; c++)
        if (g_str_equal (name, column_names[c]))
          column = c;

      if (column < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) column_names);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Line %u: unknown column “%s” in the header; the columns are %s."),
                       record->line, name, known);
          return FALSE;
        }

      if (present[column])
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Line %u: the column “%s” appears twice in the header."),
                       record->line, name);
          return FALSE;
        }

      present[column] = TRUE;
      map[i] = column;
    }

  return TRUE;
}

gboolean
pd_csv_parse_bool (const char *text,
                   gboolean   *out)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || g_ascii_strcasecmp (text, "yes") == 0 ||
      g_str_equal (text, "1"))
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || g_ascii_strcasecmp (text, "no") == 0 ||
           g_str_equal (text, "0"))
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

char *
pd_csv_field_count_error (const PdCsvRecord *record,
                          guint              n_header_fields)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Line %u: %u field, but the header has %u columns.",
                                       "Line %u: %u fields, but the header has %u columns.",
                                       record->fields->len),
                          record->line, record->fields->len, n_header_fields);
}

void
pd_csv_set_errors (GPtrArray  *errors,
                   GError    **error)
{
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    g_string_append_printf (message, "%s%s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (errors, i));

  g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, message->str);
}

void
pd_csv_append_field (GString    *line,
                     const char *value,
                     gboolean    last)
{
  if (value != NULL && strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (line, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  else if (value != NULL)
    {
      g_string_append (line, value);
    }

  g_string_append (line, last ? "\r\n" : ",");
}

char *
pd_csv_format_time (gint64 ts,
                    guint  digits)
{
  gint64 seconds = ts / G_USEC_PER_SEC;
  gint64 usec = ts % G_USEC_PER_SEC;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *date = NULL;
  g_autofree char *offset = NULL;

  if (usec < 0)
    {
      seconds--;
      usec += G_USEC_PER_SEC;
    }

  dt = g_date_time_new_from_unix_local (seconds);
  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, ts);

  date = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  offset = g_date_time_format (dt, "%:z");
  if (digits >= 6)
    return g_strdup_printf ("%s.%06d%s", date, (int) usec, offset);
  return g_strdup_printf ("%s.%03d%s", date, (int) (usec / 1000), offset);
}
