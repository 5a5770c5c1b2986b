/* pd-tag-csv.c — tag lists as CSV (RFC 4180)
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-tag-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-store-devices.h"

typedef enum
{
  COLUMN_NAME,
  COLUMN_AREA,
  COLUMN_ADDRESS,
  COLUMN_TYPE,
  COLUMN_BYTE_ORDER,
  COLUMN_WORD_ORDER,
  COLUMN_SCALE,
  COLUMN_OFFSET,
  COLUMN_UNIT,
  COLUMN_DEADBAND,
  COLUMN_POLL_MS,
  COLUMN_WRITABLE,
  COLUMN_HISTORY,
  COLUMN_DESCRIPTION,
  N_COLUMNS
} Column;

/* In the order pd_tags_to_csv() writes them. */
static const char * const column_names[N_COLUMNS + 1] = {
  "name", "area", "address", "type", "byte_order", "word_order", "scale", "offset",
  "unit", "deadband", "poll_ms", "writable", "history", "description", NULL,
};

#define N_REQUIRED_COLUMNS (COLUMN_TYPE + 1)

/* --- Reading records ------------------------------------------------------- */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;       /* of the next character, from 1 */
} Reader;

typedef struct
{
  guint      line;        /* where the record starts */
  GPtrArray *fields;      /* of char * */
  char      *error;       /* a syntax error, or NULL */
  gboolean   blank;       /* an empty line */
} Record;

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->fields, g_ptr_array_unref);
  g_clear_pointer (&record->error, g_free);
}

static gboolean
at_line_end (Reader *reader)
{
  return reader->p < reader->end && (*reader->p == '\n' || *reader->p == '\r');
}

/* Steps over one line ending ("\n", "\r\n" or "\r"). */
static void
skip_line_end (Reader *reader)
{
  if (*reader->p == '\r' && reader->p + 1 < reader->end && reader->p[1] == '\n')
    reader->p++;
  reader->p++;
  reader->line++;
}

static void
skip_rest_of_line (Reader *reader)
{
  while (reader->p < reader->end && !at_line_end (reader))
    reader->p++;
  if (reader->p < reader->end)
    skip_line_end (reader);
}

/* Reads one record; FALSE at the end of the text. */
static gboolean
read_record (Reader *reader,
             Record *record)
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

      g_ptr_array_add (record->fields, g_strdup (field->str));

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

/* --- Fields ----------------------------------------------------------------- */

static char *
strip (const char *field)
{
  return g_strstrip (g_strdup (field));
}

static gboolean
parse_uint (const char *field,
            guint64     max,
            guint      *out)
{
  g_autofree char *text = strip (field);
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_double (const char *field,
              double     *out)
{
  g_autofree char *text = strip (field);
  char *end = NULL;

  if (*text == '\0')
    return FALSE;

  /* Plain decimal notation only: no "inf", "nan" or hexadecimal. */
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;

  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static gboolean
parse_bool (const char *field,
            gboolean   *out)
{
  g_autofree char *text = strip (field);

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

/* Fills the tag's field of COLUMN from FIELD; on a bad value returns an
 * explanation, without the line number. An empty optional field keeps the
 * default. */
static char *
parse_field (PdTag      *tag,
             Column      column,
             const char *field)
{
  g_autofree char *text = strip (field);

  if (*text == '\0' && column >= N_REQUIRED_COLUMNS)
    return NULL;

  switch (column)
    {
    case COLUMN_NAME:
      if (*field == '\0')
        return g_strdup (_("the tag name is empty."));
      tag->name = g_strdup (field);
      return NULL;

    case COLUMN_AREA:
      if (*text == '\0')
        return g_strdup (_("the area is empty: use coil, discrete, input or holding."));
      if (!pd_area_from_string (text, &tag->area))
        return g_strdup_printf (_("unknown area “%s”: use coil, discrete, input or holding."), text);
      return NULL;

    case COLUMN_ADDRESS:
      if (*text == '\0')
        return g_strdup (_("the address is empty."));
      if (!parse_uint (text, 65535, &tag->address))
        return g_strdup_printf (_("the address “%s” is not a whole number from 0 to 65535."), text);
      return NULL;

    case COLUMN_TYPE:
      if (*text == '\0')
        return g_strdup (_("the type is empty: use bool, int16, uint16, int32, uint32, float32 or float64."));
      if (!pd_tag_type_from_string (text, &tag->type))
        return g_strdup_printf (_("unknown type “%s”: use bool, int16, uint16, int32, uint32, float32 or float64."), text);
      return NULL;

    case COLUMN_BYTE_ORDER:
      if (!pd_order_from_string (text, &tag->byte_order))
        return g_strdup_printf (_("unknown byte order “%s”: use big or little."), text);
      return NULL;

    case COLUMN_WORD_ORDER:
      if (!pd_order_from_string (text, &tag->word_order))
        return g_strdup_printf (_("unknown word order “%s”: use big or little."), text);
      return NULL;

    case COLUMN_SCALE:
      if (!parse_double (text, &tag->scale))
        return g_strdup_printf (_("the scale “%s” is not a number (use a dot for decimals)."), text);
      return NULL;

    case COLUMN_OFFSET:
      if (!parse_double (text, &tag->offset))
        return g_strdup_printf (_("the offset “%s” is not a number (use a dot for decimals)."), text);
      return NULL;

    case COLUMN_UNIT:
      tag->unit = g_strdup (field);
      return NULL;

    case COLUMN_DEADBAND:
      if (!parse_double (text, &tag->deadband))
        return g_strdup_printf (_("the deadband “%s” is not a number (use a dot for decimals)."), text);
      return NULL;

    case COLUMN_POLL_MS:
      if (!parse_uint (text, G_MAXUINT, &tag->poll_ms))
        return g_strdup_printf (_("the poll interval “%s” is not a whole number of milliseconds."), text);
      return NULL;

    case COLUMN_WRITABLE:
      if (!parse_bool (text, &tag->writable))
        return g_strdup_printf (_("writable is “%s”: use true or false."), text);
      return NULL;

    case COLUMN_HISTORY:
      if (!parse_bool (text, &tag->history))
        return g_strdup_printf (_("history is “%s”: use true or false."), text);
      return NULL;

    case COLUMN_DESCRIPTION:
      tag->description = g_strdup (field);
      return NULL;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Maps the header's columns to ours; on a bad header sets ERROR. */
static gboolean
parse_header (Record   *record,
              int      *map,        /* file column → Column */
              GError  **error)
{
  gboolean present[N_COLUMNS] = { FALSE };
  g_autoptr(GString) missing = g_string_new (NULL);

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
      for (guint c = 0; c < N_COLUMNS; c++)
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

  for (guint c = 0; c < N_REQUIRED_COLUMNS; c++)
    {
      if (!present[c])
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", column_names[c]);
    }

  if (missing->len > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Line %u: the header lacks the required column(s) %s; name, area, address and type are required."),
                   record->line, missing->str);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
pd_tags_parse_csv (const char  *text,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree int *map = NULL;
  gboolean have_header = FALSE;
  guint n_header_fields = 0;
  Reader reader;
  Record record = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The file is not UTF-8 text: save it as CSV UTF-8."));
      return NULL;
    }

  reader.p = text;
  reader.end = text + length;
  reader.line = 1;

  /* A byte order mark, as spreadsheets write it. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader.p += 3;

  while (read_record (&reader, &record))
    {
      g_autoptr(PdTag) tag = NULL;
      char *problem = NULL;

      if (record.error == NULL && record.blank)
        {
          record_clear (&record);
          continue;
        }

      if (!have_header)
        {
          map = g_new0 (int, record.fields->len);
          if (!parse_header (&record, map, error))
            {
              record_clear (&record);
              return NULL;
            }
          n_header_fields = record.fields->len;
          have_header = TRUE;
          record_clear (&record);
          continue;
        }

      if (record.error != NULL)
        {
          g_ptr_array_add (errors, g_steal_pointer (&record.error));
          record_clear (&record);
          continue;
        }

      if (record.fields->len != n_header_fields)
        {
          g_ptr_array_add (errors,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Line %u: %u field, but the header has %u columns.",
                                                         "Line %u: %u fields, but the header has %u columns.",
                                                         record.fields->len),
                                            record.line, record.fields->len, n_header_fields));
          record_clear (&record);
          continue;
        }

      tag = pd_tag_new ();
      for (guint i = 0; i < record.fields->len && problem == NULL; i++)
        problem = parse_field (tag, map[i], g_ptr_array_index (record.fields, i));

      if (problem == NULL)
        {
          g_autoptr(GError) invalid = NULL;

          if (!pd_tag_validate (tag, &invalid))
            problem = g_strdup (invalid->message);
        }

      if (problem == NULL)
        {
          char *key = g_utf8_casefold (tag->name, -1);
          guint first_line = GPOINTER_TO_UINT (g_hash_table_lookup (names, key));

          if (first_line != 0)
            {
              problem = g_strdup_printf (_("the tag name “%s” is already used on line %u."),
                                         tag->name, first_line);
              g_free (key);
            }
          else
            g_hash_table_insert (names, key, GUINT_TO_POINTER (record.line));
        }

      if (problem != NULL)
        {
          /* TRANSLATORS: a line number, then what is wrong on that line. */
          g_ptr_array_add (errors, g_strdup_printf (_("Line %u: %s"), record.line, problem));
          g_free (problem);
        }
      else
        g_ptr_array_add (tags, g_steal_pointer (&tag));

      record_clear (&record);
    }

  if (!have_header)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The file is empty: it needs a header row naming the columns, at least name,area,address,type."));
      return NULL;
    }

  if (errors->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < errors->len; i++)
        g_string_append_printf (message, "%s%s", i > 0 ? "\n" : "",
                                (const char *) g_ptr_array_index (errors, i));

      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, message->str);
      return NULL;
    }

  return g_steal_pointer (&tags);
}

/* --- Writing ------------------------------------------------------------------ */

static void
append_field (GString    *out,
              const char *value)
{
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL && !g_ascii_isspace (value[0]) &&
      (value[0] == '\0' || !g_ascii_isspace (value[strlen (value) - 1])))
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as exactly VALUE. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

char *
pd_tags_to_csv (GPtrArray *tags)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (tags != NULL, NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", column_names[c]);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);

      append_field (out, tag->name);
      g_string_append_printf (out, ",%s,%u,%s,%s,%s,",
                              pd_area_to_string (tag->area), tag->address,
                              pd_tag_type_to_string (tag->type),
                              pd_order_to_string (tag->byte_order),
                              pd_order_to_string (tag->word_order));
      append_double (out, tag->scale);
      g_string_append_c (out, ',');
      append_double (out, tag->offset);
      g_string_append_c (out, ',');
      append_field (out, tag->unit);
      g_string_append_c (out, ',');
      append_double (out, tag->deadband);
      g_string_append_printf (out, ",%u,%s,%s,", tag->poll_ms,
                              tag->writable ? "true" : "false",
                              tag->history ? "true" : "false");
      append_field (out, tag->description);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
