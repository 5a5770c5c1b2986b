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

#include "pd-csv.h"
#include "pd-error.h"
#include "pd-store-alarms.h"
#include "pd-store-devices.h"
#include "pd-tag-csv.h"

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
  /* Optional, written only when some tag has limit alarms. */
  COLUMN_ALARM_HIHI,
  COLUMN_ALARM_HI,
  COLUMN_ALARM_LO,
  COLUMN_ALARM_LOLO,
  COLUMN_ALARM_PRIORITY,
  COLUMN_ALARM_DEADBAND,
  COLUMN_ALARM_ON_DELAY_MS,
  COLUMN_ALARM_OFF_DELAY_MS,
  N_COLUMNS
} Column;

#define N_TAG_COLUMNS (COLUMN_DESCRIPTION + 1)
#define N_LIMITS 4   /* HIHI … LOLO, in the order of PdAlarmCondition */

/* In the order pd_tags_to_csv() writes them. */
static const char * const column_names[N_COLUMNS + 1] = {
  "name", "area", "address", "type", "byte_order", "word_order", "scale", "offset",
  "unit", "deadband", "poll_ms", "writable", "history", "description",
  "alarm_hihi", "alarm_hi", "alarm_lo", "alarm_lolo", "alarm_priority",
  "alarm_deadband", "alarm_on_delay_ms", "alarm_off_delay_ms", NULL,
};

/* The alarm columns of one line. */
typedef struct
{
  gboolean        has_limit[N_LIMITS];
  double          limit[N_LIMITS];
  PdAlarmPriority priority[N_LIMITS];
  double          deadband;
  guint           on_delay_ms;
  guint           off_delay_ms;
} RowAlarms;

/* ISA-18.2 practice: the outer limits are the urgent ones. */
static const PdAlarmPriority default_priorities[N_LIMITS] = {
  PD_ALARM_PRIORITY_URGENT, PD_ALARM_PRIORITY_HIGH, PD_ALARM_PRIORITY_HIGH, PD_ALARM_PRIORITY_URGENT,
};

#define N_REQUIRED_COLUMNS (COLUMN_TYPE + 1)

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

  return pd_csv_parse_bool (text, out);
}

/* Fills the tag's field of COLUMN from FIELD; on a bad value returns an
 * explanation, without the line number. An empty optional field keeps the
 * default. */
/* "urgent" for every limit, or four slash-separated priorities for HH, H,
 * L and LL ("urgent/high/high/urgent"), empty where there is no limit. */
static gboolean
parse_priorities (const char *text,
                  RowAlarms  *alarms)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);
  guint n = g_strv_length (parts);

  if (n != 1 && n != N_LIMITS)
    return FALSE;

  for (guint c = 0; c < N_LIMITS; c++)
    {
      g_autofree char *part = strip (parts[n == 1 ? 0 : c]);

      if (n == N_LIMITS && *part == '\0')
        continue;
      if (!pd_alarm_priority_from_string (part, &alarms->priority[c]))
        return FALSE;
    }

  return TRUE;
}

static char *
parse_alarm_field (RowAlarms  *alarms,
                   Column      column,
                   const char *text)
{
  switch (column)
    {
    case COLUMN_ALARM_HIHI:
    case COLUMN_ALARM_HI:
    case COLUMN_ALARM_LO:
    case COLUMN_ALARM_LOLO:
      {
        guint c = column - COLUMN_ALARM_HIHI;

        if (!parse_double (text, &alarms->limit[c]))
          /* TRANSLATORS: %s is a column name such as alarm_hi, then its value */
          return g_strdup_printf (_("the %s limit “%s” is not a number (use a dot for decimals)."),
                                  column_names[column], text);
        alarms->has_limit[c] = TRUE;
        return NULL;
      }

    case COLUMN_ALARM_PRIORITY:
      if (!parse_priorities (text, alarms))
        return g_strdup_printf (_("the alarm priority “%s” is not urgent, high, medium or low, or four of them for HH/H/L/LL."),
                                text);
      return NULL;

    case COLUMN_ALARM_DEADBAND:
      if (!parse_double (text, &alarms->deadband))
        return g_strdup_printf (_("the alarm deadband “%s” is not a number (use a dot for decimals)."), text);
      return NULL;

    case COLUMN_ALARM_ON_DELAY_MS:
      if (!parse_uint (text, PD_ALARM_MAX_DELAY_MS, &alarms->on_delay_ms))
        return g_strdup_printf (_("the alarm on-delay “%s” is not a whole number of milliseconds from 0 to %u."),
                                text, (guint) PD_ALARM_MAX_DELAY_MS);
      return NULL;

    case COLUMN_ALARM_OFF_DELAY_MS:
      if (!parse_uint (text, PD_ALARM_MAX_DELAY_MS, &alarms->off_delay_ms))
        return g_strdup_printf (_("the alarm off-delay “%s” is not a whole number of milliseconds from 0 to %u."),
                                text, (guint) PD_ALARM_MAX_DELAY_MS);
      return NULL;

    default:
      g_assert_not_reached ();
    }
}

static char *
parse_field (PdTag      *tag,
             RowAlarms  *alarms,
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

    case COLUMN_ALARM_HIHI:
    case COLUMN_ALARM_HI:
    case COLUMN_ALARM_LO:
    case COLUMN_ALARM_LOLO:
    case COLUMN_ALARM_PRIORITY:
    case COLUMN_ALARM_DEADBAND:
    case COLUMN_ALARM_ON_DELAY_MS:
    case COLUMN_ALARM_OFF_DELAY_MS:
      return parse_alarm_field (alarms, column, text);

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Maps the header's columns to ours; on a bad header sets ERROR. */
static gboolean
parse_header (PdCsvRecord *record,
              int         *map,        /* file column → Column */
              gboolean    *has_alarms,
              GError     **error)
{
  gboolean present[N_COLUMNS] = { FALSE };
  g_autoptr(GString) missing = g_string_new (NULL);

  if (!pd_csv_map_header (record, column_names, N_COLUMNS, map, present, error))
    return FALSE;

  for (guint c = N_TAG_COLUMNS; c < N_COLUMNS; c++)
    if (present[c])
      *has_alarms = TRUE;

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

/* The definitions of one line's alarm columns, checked as the store
 * will; NULL and a reason without the line number when they break a rule. */
static GPtrArray *
build_alarm_defs (const PdTag      *tag,
                  const RowAlarms  *alarms,
                  char            **problem)
{
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < N_LIMITS; c++)
    {
      PdAlarmDef *def;

      if (!alarms->has_limit[c])
        continue;

      if (tag->type == PD_TAG_TYPE_BOOL)
        {
          *problem = g_strdup_printf (_("the bool tag “%s” cannot have limit alarms (%s); leave the alarm columns empty."),
                                      tag->name, column_names[COLUMN_ALARM_HIHI + c]);
          return NULL;
        }

      def = pd_alarm_def_new (c);
      /* Checked before the tag is stored: as if it had its id already. */
      def->tag_id = G_MAXINT64;
      def->device_id = G_MAXINT64;
      def->limit = alarms->limit[c];
      def->priority = alarms->priority[c];
      def->deadband = alarms->deadband;
      def->on_delay_ms = alarms->on_delay_ms;
      def->off_delay_ms = alarms->off_delay_ms;
      g_ptr_array_add (defs, def);

      if (!pd_alarm_def_validate (def, &error))
        {
          *problem = g_strdup (error->message);
          return NULL;
        }
    }

  if (!pd_alarm_defs_check_limits ((PdAlarmDef *const *) defs->pdata, defs->len, &error))
    {
      *problem = g_strdup (error->message);
      return NULL;
    }

  for (guint i = 0; i < defs->len; i++)
    {
      PdAlarmDef *def = g_ptr_array_index (defs, i);

      def->tag_id = 0;
      def->device_id = 0;
    }

  return g_steal_pointer (&defs);
}

static GPtrArray *
parse_csv (const char  *text,
           gssize       length,
           GPtrArray  **alarms_out,
           GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) alarms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree int *map = NULL;
  gboolean have_header = FALSE;
  gboolean has_alarms = FALSE;
  guint n_header_fields = 0;
  PdCsvReader reader;
  PdCsvRecord record = { 0 };

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (text);

  if (!pd_csv_reader_init (&reader, text, length, error))
    return NULL;

  while (pd_csv_read_record (&reader, &record))
    {
      g_autoptr(PdTag) tag = NULL;
      g_autoptr(GPtrArray) defs = NULL;
      RowAlarms row_alarms = { { FALSE } };
      char *problem = NULL;

      if (record.error == NULL && record.blank)
        {
          pd_csv_record_clear (&record);
          continue;
        }

      if (!have_header)
        {
          map = g_new0 (int, record.fields->len);
          if (!parse_header (&record, map, &has_alarms, error))
            {
              pd_csv_record_clear (&record);
              return NULL;
            }
          n_header_fields = record.fields->len;
          have_header = TRUE;
          pd_csv_record_clear (&record);
          continue;
        }

      if (record.error != NULL)
        {
          g_ptr_array_add (errors, g_steal_pointer (&record.error));
          pd_csv_record_clear (&record);
          continue;
        }

      if (record.fields->len != n_header_fields)
        {
          g_ptr_array_add (errors, pd_csv_field_count_error (&record, n_header_fields));
          pd_csv_record_clear (&record);
          continue;
        }

      tag = pd_tag_new ();
      memcpy (row_alarms.priority, default_priorities, sizeof default_priorities);
      for (guint i = 0; i < record.fields->len && problem == NULL; i++)
        problem = parse_field (tag, &row_alarms, map[i], g_ptr_array_index (record.fields, i));

      if (problem == NULL)
        {
          g_autoptr(GError) invalid = NULL;

          if (!pd_tag_validate (tag, &invalid))
            problem = g_strdup (invalid->message);
        }

      if (problem == NULL && has_alarms)
        defs = build_alarm_defs (tag, &row_alarms, &problem);

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
        {
          g_ptr_array_add (tags, g_steal_pointer (&tag));
          if (has_alarms)
            g_ptr_array_add (alarms, g_steal_pointer (&defs));
        }

      pd_csv_record_clear (&record);
    }

  if (!have_header)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The file is empty: it needs a header row naming the columns, at least name,area,address,type."));
      return NULL;
    }

  if (errors->len > 0)
    {
      pd_csv_set_errors (errors, error);
      return NULL;
    }

  if (alarms_out != NULL)
    *alarms_out = has_alarms ? g_steal_pointer (&alarms) : NULL;

  return g_steal_pointer (&tags);
}

GPtrArray *
pd_tags_parse_csv (const char  *text,
                   gssize       length,
                   GError     **error)
{
  return parse_csv (text, length, NULL, error);
}

GPtrArray *
pd_tags_parse_csv_with_alarms (const char  *text,
                               gssize       length,
                               GPtrArray  **alarms,
                               GError     **error)
{
  g_return_val_if_fail (alarms != NULL, NULL);

  *alarms = NULL;

  return parse_csv (text, length, alarms, error);
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

/* The limit definitions of TAG_ID among DEFS, by condition. */
static void
find_limits (GPtrArray         *defs,
             gint64             tag_id,
             const PdAlarmDef **limits)
{
  memset (limits, 0, N_LIMITS * sizeof *limits);

  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (defs, i);

      if (def->tag_id == tag_id && def->condition < N_LIMITS)
        limits[def->condition] = def;
    }
}

static void
append_alarm_columns (GString   *out,
                      GPtrArray *defs,
                      gint64     tag_id)
{
  const PdAlarmDef *limits[N_LIMITS];
  const PdAlarmDef *first = NULL;
  gboolean defaults = TRUE;
  gboolean same = TRUE;

  find_limits (defs, tag_id, limits);

  for (guint c = 0; c < N_LIMITS; c++)
    {
      g_string_append_c (out, ',');
      if (limits[c] == NULL)
        continue;

      append_double (out, limits[c]->limit);
      if (first == NULL)
        first = limits[c];
      defaults = defaults && limits[c]->priority == default_priorities[c];
      same = same && limits[c]->priority == first->priority;
    }

  g_string_append_c (out, ',');
  if (first == NULL)
    {
      g_string_append (out, ",,,");
      return;
    }

  /* Empty for the usual priorities, one word when all are alike. */
  if (!defaults && same)
    g_string_append (out, pd_alarm_priority_to_string (first->priority));
  else if (!defaults)
    {
      for (guint c = 0; c < N_LIMITS; c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "/" : "",
                                limits[c] != NULL ? pd_alarm_priority_to_string (limits[c]->priority) : "");
    }

  /* The limits of a tag share these. */
  g_string_append_c (out, ',');
  append_double (out, first->deadband);
  g_string_append_printf (out, ",%u,%u", first->on_delay_ms, first->off_delay_ms);
}

static char *
tags_to_csv (GPtrArray *tags,
             GPtrArray *defs)
{
  GString *out = g_string_new (NULL);
  gboolean with_alarms = FALSE;
  guint n_columns;

  g_return_val_if_fail (tags != NULL, NULL);

  for (guint i = 0; defs != NULL && i < defs->len && !with_alarms; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (defs, i);

      for (guint j = 0; j < tags->len && !with_alarms; j++)
        with_alarms = def->condition < N_LIMITS &&
                      def->tag_id == ((const PdTag *) g_ptr_array_index (tags, j))->id;
    }

  n_columns = with_alarms ? N_COLUMNS : N_TAG_COLUMNS;
  for (guint c = 0; c < n_columns; c++)
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
      if (with_alarms)
        append_alarm_columns (out, defs, tag->id);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

char *
pd_tags_to_csv (GPtrArray *tags)
{
  return tags_to_csv (tags, NULL);
}

char *
pd_tags_to_csv_with_alarms (GPtrArray *tags,
                            GPtrArray *defs)
{
  return tags_to_csv (tags, defs);
}

/* --- Importing with alarms ---------------------------------------------------- */

static gboolean
same_limit (const PdAlarmDef *a,
            const PdAlarmDef *b)
{
  return a->limit == b->limit && a->priority == b->priority && a->deadband == b->deadband &&
         a->on_delay_ms == b->on_delay_ms && a->off_delay_ms == b->off_delay_ms && a->enabled;
}

static gboolean
import_tag_alarms (PdStore    *self,
                   PdUser     *actor,
                   const PdTag *tag,
                   GPtrArray  *wanted,
                   GError    **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  const PdAlarmDef *stored[N_LIMITS];
  const PdAlarmDef *asked[N_LIMITS];

  existing = pd_store_list_alarm_defs (self, tag->id, error);
  if (existing == NULL)
    return FALSE;

  find_limits (existing, tag->id, stored);
  memset (asked, 0, sizeof asked);
  for (guint i = 0; i < wanted->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (wanted, i);

      asked[def->condition] = def;
    }

  /* Removed first: a limit that goes may be what a new one would
   * otherwise be out of order with. */
  for (guint c = 0; c < N_LIMITS; c++)
    {
      if (stored[c] != NULL && asked[c] == NULL &&
          !pd_store_remove_alarm_def (self, actor, stored[c]->id, error))
        return FALSE;
    }

  for (guint c = 0; c < N_LIMITS; c++)
    {
      PdAlarmDef *def;

      if (asked[c] == NULL || (stored[c] != NULL && same_limit (stored[c], asked[c])))
        continue;

      /* An existing definition keeps what the file does not state. */
      def = stored[c] != NULL ? pd_alarm_def_copy (stored[c]) : pd_alarm_def_new (c);
      def->tag_id = tag->id;
      def->device_id = tag->device_id;
      def->limit = asked[c]->limit;
      def->priority = asked[c]->priority;
      def->deadband = asked[c]->deadband;
      def->on_delay_ms = asked[c]->on_delay_ms;
      def->off_delay_ms = asked[c]->off_delay_ms;
      def->enabled = TRUE;
      g_ptr_array_add (changed, def);
    }

  if (changed->len == 0)
    return TRUE;

  return pd_store_save_tag_alarms (self, actor, tag->id, changed, error);
}

gboolean
pd_store_import_tags_with_alarms (PdStore    *self,
                                  PdUser     *actor,
                                  gint64      device_id,
                                  GPtrArray  *tags,
                                  GPtrArray  *alarms,
                                  guint      *n_added,
                                  guint      *n_updated,
                                  GError    **error)
{
  g_return_val_if_fail (PD_IS_STORE (self), FALSE);
  g_return_val_if_fail (tags != NULL, FALSE);
  g_return_val_if_fail (alarms == NULL || alarms->len == tags->len, FALSE);

  if (alarms != NULL && (actor == NULL || !pd_user_can (actor, PD_PERMISSION_ALARMS_CONFIGURE)))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                   _("You may not set alarms: import the file without its alarm columns (alarm_hihi … alarm_off_delay_ms)."));
      return FALSE;
    }

  if (!pd_store_import_tags (self, actor, device_id, tags, n_added, n_updated, error))
    return FALSE;

  for (guint i = 0; alarms != NULL && i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      g_autoptr(PdTag) stored = pd_store_find_tag (self, device_id, tag->name, error);

      if (stored == NULL)
        return FALSE;

      if (!import_tag_alarms (self, actor, stored, g_ptr_array_index (alarms, i), error))
        {
          g_prefix_error (error, _("The tags are imported, but the alarms of “%s” are not: "), tag->name);
          return FALSE;
        }
    }

  return TRUE;
}
