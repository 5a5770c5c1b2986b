/* test-tag-csv.c — reading and writing tag lists as CSV
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tag-csv"

#include "config.h"

#include <string.h>

#include "pd-store-alarms.h"
#include "pd-tag-csv.h"
#include "pd-test-utils.h"

static PdTag *
tag_at (GPtrArray *tags,
        guint      i)
{
  g_assert_cmpuint (i, <, tags->len);
  return g_ptr_array_index (tags, i);
}

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *tags = pd_tags_parse_csv (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tags);
  return tags;
}

/* Parses TEXT expecting a failure; returns the message. */
static char *
parse_error (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = pd_tags_parse_csv (text, -1, &error);

  g_assert_null (tags);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  return g_strdup (error->message);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
assert_tags_equal (const PdTag *a,
                   const PdTag *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpint (a->area, ==, b->area);
  g_assert_cmpuint (a->address, ==, b->address);
  g_assert_cmpint (a->type, ==, b->type);
  g_assert_cmpint (a->byte_order, ==, b->byte_order);
  g_assert_cmpint (a->word_order, ==, b->word_order);
  g_assert_true (a->scale == b->scale);
  g_assert_true (a->offset == b->offset);
  g_assert_cmpstr (a->unit, ==, b->unit);
  g_assert_true (a->deadband == b->deadband);
  g_assert_cmpuint (a->poll_ms, ==, b->poll_ms);
  g_assert_cmpint (a->writable, ==, b->writable);
  g_assert_cmpint (a->history, ==, b->history);
}

static void
test_minimal (void)
{
  g_autoptr(GPtrArray) tags = parse_ok ("name,area,address,type\n"
                                        "speed,holding,10,uint16\n"
                                        "run,coil,0,bool\n");
  PdTag *speed = tag_at (tags, 0);

  g_assert_cmpuint (tags->len, ==, 2);
  g_assert_cmpstr (speed->name, ==, "speed");
  g_assert_cmpint (speed->area, ==, PD_AREA_HOLDING);
  g_assert_cmpuint (speed->address, ==, 10);
  g_assert_cmpint (speed->type, ==, PD_TAG_TYPE_UINT16);
  g_assert_cmpint (speed->device_id, ==, 0);
  /* Defaults for the optional columns. */
  g_assert_cmpint (speed->byte_order, ==, PD_ORDER_BIG);
  g_assert_cmpint (speed->word_order, ==, PD_ORDER_BIG);
  g_assert_true (speed->scale == 1.0);
  g_assert_true (speed->offset == 0.0);
  g_assert_null (speed->unit);
  g_assert_true (speed->deadband == 0.0);
  g_assert_cmpuint (speed->poll_ms, ==, 0);
  g_assert_false (speed->writable);
  g_assert_true (speed->history);
  g_assert_null (speed->description);
  g_assert_cmpint (tag_at (tags, 1)->type, ==, PD_TAG_TYPE_BOOL);
}

static void
test_quoting (void)
{
  /* A byte order mark, CRLF, columns in another order and case, blank
   * lines, quoted commas, quotes and line breaks. */
  g_autoptr(GPtrArray) tags = parse_ok ("\xEF\xBB\xBF"
                                        "Type, NAME ,address,area,description,unit,scale,writable,history\r\n"
                                        "\r\n"
                                        "float32,\"Temp, oven \"\"A\"\"\",100,holding,\"first line\r\nsecond line\",°C,0.1,yes,0\r\n"
                                        "\n"
                                        "bool,\"Door\",3,discrete,,,,FALSE,True\r\n"
                                        "int16,level,7,input,\"\",\"\",1e3,0,1");
  PdTag *temp = tag_at (tags, 0);
  PdTag *door = tag_at (tags, 1);
  PdTag *level = tag_at (tags, 2);

  g_assert_cmpuint (tags->len, ==, 3);
  g_assert_cmpstr (temp->name, ==, "Temp, oven \"A\"");
  g_assert_cmpstr (temp->description, ==, "first line\nsecond line");
  g_assert_cmpstr (temp->unit, ==, "°C");
  g_assert_true (temp->scale == 0.1);
  g_assert_true (temp->writable);
  g_assert_false (temp->history);
  g_assert_cmpstr (door->name, ==, "Door");
  g_assert_cmpint (door->area, ==, PD_AREA_DISCRETE);
  g_assert_false (door->writable);
  g_assert_true (door->history);
  g_assert_null (door->unit);
  g_assert_true (level->scale == 1000.0);
  g_assert_true (level->history);
}

static void
test_header_errors (void)
{
  g_autofree char *unknown = parse_error ("name,area,address,type,colour\nspeed,holding,1,uint16,red\n");
  g_autofree char *missing = parse_error ("name,address,scale\nspeed,1,2\n");
  g_autofree char *twice = parse_error ("name,area,address,type,name\n");
  g_autofree char *empty = parse_error ("");
  g_autofree char *blank = parse_error ("\n\n\r\n");

  assert_contains (unknown, "“colour”");
  assert_contains (missing, "column(s) area, type;");
  assert_contains (twice, "“name”");
  assert_contains (empty, "header");
  assert_contains (blank, "header");
}

static void
test_all_bad_lines (void)
{
  g_autofree char *message = parse_error ("name,area,address,type,scale,writable,poll_ms\n"  /* 1 */
                                          "good,holding,1,uint16,1,false,0\n"                /* 2 */
                                          "badarea,holdings,1,uint16,1,false,0\n"            /* 3 */
                                          "good2,holding,2,uint16,1,false,0\n"               /* 4 */
                                          "badaddr,holding,-1,uint16,1,false,0\n"            /* 5 */
                                          "badtype,holding,1,uint17,1,false,0\n"             /* 6 */
                                          "badscale,holding,1,uint16,1.5x,false,0\n"         /* 7 */
                                          "hexscale,holding,1,uint16,0x10,false,0\n"         /* 8 */
                                          "nanscale,holding,1,uint16,nan,false,0\n"          /* 9 */
                                          "zero,holding,1,uint16,0,false,0\n"                /* 10 */
                                          "badbool,holding,1,uint16,1,maybe,0\n"             /* 11 */
                                          "fields,holding,1\n"                               /* 12 */
                                          "bad\"quote,holding,1,uint16,1,false,0\n"          /* 13 */
                                          "\"after\"x,holding,1,uint16,1,false,0\n"          /* 14 */
                                          "GOOD,holding,3,uint16,1,false,0\n"                /* 15 */
                                          "fit,holding,65535,float32,1,false,0\n"            /* 16 */
                                          "ro,input,1,uint16,1,true,0\n"                     /* 17 */
                                          "poll,holding,1,uint16,1,false,5\n"                /* 18 */
                                          ",holding,1,uint16,1,false,0\n"                    /* 19 */
                                          "a/b,holding,1,uint16,1,false,0\n"                 /* 20 */
                                          "big,holding,99999999999999999999,uint16,1,false,0\n" /* 21 */
                                          "good3,holding,4,uint16,1,false,0\n");             /* 22 */
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
  static const guint bad[] = { 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 };

  g_test_message ("%s", message);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("Line %u: ", bad[i]);

      g_assert_true (g_str_has_prefix (lines[i], prefix));
    }

  assert_contains (lines[0], "holdings");
  assert_contains (lines[2], "uint17");
  assert_contains (lines[3], "1.5x");
  assert_contains (lines[8], "3 fields");
  /* The duplicate names the line it repeats. */
  assert_contains (lines[11], "line 2");
  assert_contains (lines[12], "65535");
}

static void
test_unclosed_quote (void)
{
  g_autofree char *message = parse_error ("name,area,address,type\n"
                                          "ok,holding,1,uint16\n"
                                          "bad,holding,2,uint16\n"
                                          "\"open,holding,3,uint16\n"
                                          "more,holding,4,uint16\n");

  g_assert_true (g_str_has_prefix (message, "Line 4: "));
  assert_contains (message, "not closed");
}

static void
test_not_utf8 (void)
{
  g_autofree char *message = parse_error ("name,area,address,type\n\xff\xfe,holding,1,uint16\n");

  assert_contains (message, "UTF-8");
}

/* Every area × type × byte order × word order: the valid combinations
 * read back exactly, the others are named by line. */
static void
test_every_combination (void)
{
  g_autoptr(GString) csv = g_string_new ("name,area,address,type,byte_order,word_order\n");
  g_autoptr(GString) expected_bad = g_string_new (NULL);
  g_autoptr(GPtrArray) valid = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GString) valid_csv = g_string_new ("name,area,address,type,byte_order,word_order\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  guint line = 1;

  for (guint area = 0; area < PD_N_AREAS; area++)
    for (guint type = 0; type < PD_N_TAG_TYPES; type++)
      for (guint bo = 0; bo < 2; bo++)
        for (guint wo = 0; wo < 2; wo++)
          {
            g_autoptr(PdTag) tag = pd_tag_new ();
            g_autofree char *row = NULL;

            tag->name = g_strdup_printf ("t%u", ++line);
            tag->area = area;
            tag->type = type;
            tag->byte_order = bo;
            tag->word_order = wo;
            tag->address = line;

            row = g_strdup_printf ("%s,%s,%u,%s,%s,%s\n", tag->name, pd_area_to_string (area),
                                   tag->address, pd_tag_type_to_string (type),
                                   pd_order_to_string (bo), pd_order_to_string (wo));
            g_string_append (csv, row);

            if (pd_tag_validate (tag, NULL))
              {
                g_string_append (valid_csv, row);
                g_ptr_array_add (valid, g_steal_pointer (&tag));
              }
            else
              g_string_append_printf (expected_bad, "%sLine %u: ",
                                      expected_bad->len > 0 ? "|" : "", line);
          }

  /* Valid: bool in the two bit areas (big orders only), the two 16-bit
   * types × 2 register areas × 2 byte orders, the four wide types × 2
   * register areas × 4 order combinations. */
  g_assert_cmpuint (valid->len, ==, 2 + 2 * 2 * 2 + 4 * 2 * 4);

  parsed = pd_tags_parse_csv (valid_csv->str, valid_csv->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, valid->len);
  for (guint i = 0; i < valid->len; i++)
    assert_tags_equal (g_ptr_array_index (parsed, i), g_ptr_array_index (valid, i));

  g_assert_null (pd_tags_parse_csv (csv->str, csv->len, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  {
    g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
    g_auto(GStrv) prefixes = g_strsplit (expected_bad->str, "|", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (prefixes));
    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_true (g_str_has_prefix (lines[i], prefixes[i]));
  }
}

static void
test_round_trip (void)
{
  static const double values[] = {
    1.0, 0.1, 1.0 / 3.0, -2.5e10, 1e-300, 4.9406564584124654e-324, 123456789.123456789,
    -0.0, 1e308, 0.30000000000000004,
  };
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      PdTag *tag = pd_tag_new ();

      tag->name = g_strdup_printf ("tag %u, \"quoted\" 温度", i);
      tag->description = i % 2 ? g_strdup ("line one\nline \"two\", end") : NULL;
      tag->unit = i % 3 ? g_strdup ("m³/h") : NULL;
      tag->area = i % 2 ? PD_AREA_HOLDING : PD_AREA_INPUT;
      tag->type = PD_TAG_TYPE_FLOAT64;
      tag->byte_order = i % 2;
      tag->word_order = (i / 2) % 2;
      tag->address = 1000 * i;
      tag->scale = values[i] != 0.0 ? values[i] : 2.0;
      tag->offset = values[(i + 3) % G_N_ELEMENTS (values)];
      tag->deadband = i * 0.01;
      tag->poll_ms = i % 2 ? 0 : 250;
      tag->writable = tag->area == PD_AREA_HOLDING;
      tag->history = i % 3 != 0;
      g_assert_true (pd_tag_validate (tag, NULL));
      g_ptr_array_add (tags, tag);
    }

  csv = pd_tags_to_csv (tags);
  g_assert_true (g_str_has_prefix (csv, "name,area,address,type,byte_order,word_order,scale,offset,unit,deadband,poll_ms,writable,history,description\n"));

  parsed = pd_tags_parse_csv (csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, tags->len);
  for (guint i = 0; i < tags->len; i++)
    assert_tags_equal (g_ptr_array_index (parsed, i), g_ptr_array_index (tags, i));

  /* And the text itself is stable. */
  again = pd_tags_to_csv (parsed);
  g_assert_cmpstr (again, ==, csv);

  /* Shortest exact forms, not 17 digits for everything. */
  assert_contains (csv, ",0.1,");
  g_assert_null (strstr (csv, "0.10000000000000001"));
}

static void
test_empty_list (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *csv = pd_tags_to_csv (none);
  g_autoptr(GPtrArray) parsed = parse_ok (csv);

  g_assert_cmpuint (parsed->len, ==, 0);
}

/* --- Alarm columns --------------------------------------------------------- */

static const PdAlarmDef *
find_def (GPtrArray        *defs,
          PdAlarmCondition  condition)
{
  for (guint i = 0; i < defs->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (defs, i);

      if (def->condition == condition)
        return def;
    }

  return NULL;
}

static void
test_alarm_columns (void)
{
  g_autoptr(GPtrArray) alarms = NULL;
  g_autoptr(GPtrArray) plain_alarms = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *defs;
  const PdAlarmDef *def;

  tags = pd_tags_parse_csv_with_alarms ("name,area,address,type,alarm_hihi,alarm_hi,alarm_lo,alarm_lolo,alarm_priority,alarm_deadband,alarm_on_delay_ms,alarm_off_delay_ms\n"
                                        "temp,input,0,float32,95,80,,,,0.5,2000,1000\n"
                                        "pressure,input,2,float32,,,1.5,,low,,,\n"
                                        "level,input,4,float32,90,,,10,medium///low,,,\n"
                                        "speed,input,6,uint16,,,,,,,,\n"
                                        "run,coil,0,bool,,,,,,,,\n",
                                        -1, &alarms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 5);
  g_assert_nonnull (alarms);
  g_assert_cmpuint (alarms->len, ==, 5);

  /* Usual priorities when none is given; the shared settings on each. */
  defs = g_ptr_array_index (alarms, 0);
  g_assert_cmpuint (defs->len, ==, 2);
  def = find_def (defs, PD_ALARM_CONDITION_HIHI);
  g_assert_cmpfloat (def->limit, ==, 95);
  g_assert_cmpint (def->priority, ==, PD_ALARM_PRIORITY_URGENT);
  g_assert_cmpint (def->tag_id, ==, 0);
  def = find_def (defs, PD_ALARM_CONDITION_HI);
  g_assert_cmpfloat (def->limit, ==, 80);
  g_assert_cmpint (def->priority, ==, PD_ALARM_PRIORITY_HIGH);
  g_assert_cmpfloat (def->deadband, ==, 0.5);
  g_assert_cmpuint (def->on_delay_ms, ==, 2000);
  g_assert_cmpuint (def->off_delay_ms, ==, 1000);

  /* One priority for all. */
  defs = g_ptr_array_index (alarms, 1);
  g_assert_cmpuint (defs->len, ==, 1);
  g_assert_cmpint (find_def (defs, PD_ALARM_CONDITION_LO)->priority, ==, PD_ALARM_PRIORITY_LOW);
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_LO)->deadband, ==, 0);

  /* A priority each, HH/H/L/LL, empty where there is no limit. */
  g_clear_error (&error);
  g_clear_pointer (&tags, g_ptr_array_unref);
  g_clear_pointer (&alarms, g_ptr_array_unref);
  tags = pd_tags_parse_csv_with_alarms ("name,area,address,type,alarm_hihi,alarm_lolo,alarm_priority\n"
                                        "level,input,4,float32,90,10,medium///low\n",
                                        -1, &alarms, &error);
  g_assert_no_error (error);
  defs = g_ptr_array_index (alarms, 0);
  g_assert_cmpint (find_def (defs, PD_ALARM_CONDITION_HIHI)->priority, ==, PD_ALARM_PRIORITY_MEDIUM);
  g_assert_cmpint (find_def (defs, PD_ALARM_CONDITION_LOLO)->priority, ==, PD_ALARM_PRIORITY_LOW);

  /* No alarm column: no alarms, not an empty list of them. */
  plain = pd_tags_parse_csv_with_alarms ("name,area,address,type\nspeed,input,6,uint16\n", -1, &plain_alarms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plain->len, ==, 1);
  g_assert_null (plain_alarms);
}

static void
test_alarm_errors (void)
{
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  /* Every bad line, each named, and nothing returned. */
  tags = pd_tags_parse_csv_with_alarms ("name,area,address,type,alarm_hihi,alarm_hi,alarm_lo,alarm_lolo,alarm_priority,alarm_on_delay_ms\n"
                                        "ok,input,0,float32,95,80,,,,\n"
                                        "upside,input,2,float32,50,80,,,,\n"
                                        "crossed,input,4,float32,,20,30,,,\n"
                                        "bit,coil,0,bool,,1,,,,\n"
                                        "loud,input,6,float32,,80,,,shrill,\n"
                                        "slow,input,8,float32,,80,,,,7200000\n"
                                        "word,input,10,float32,,eighty,,,,\n",
                                        -1, &alarms, &error);
  g_assert_null (tags);
  g_assert_null (alarms);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  message = g_strdup (error->message);

  g_assert_null (strstr (message, "Line 2:"));
  assert_contains (message, "Line 3: HH (50) must be above H (80).");
  assert_contains (message, "Line 4: H (20) must be above L (30).");
  assert_contains (message, "Line 5: ");
  assert_contains (message, "“bit”");
  assert_contains (message, "Line 6: ");
  assert_contains (message, "“shrill”");
  assert_contains (message, "Line 7: ");
  assert_contains (message, "“7200000”");
  assert_contains (message, "Line 8: ");
  assert_contains (message, "“eighty”");

  /* The plain reader checks them too: a file is right or wrong whoever
   * reads it. */
  g_clear_pointer (&message, g_free);
  message = parse_error ("name,area,address,type,alarm_hihi,alarm_hi\nupside,input,2,float32,50,80\n");
  assert_contains (message, "Line 2: HH (50) must be above H (80).");
}

static PdAlarmDef *
new_limit (gint64            tag_id,
           PdAlarmCondition  condition,
           double            limit,
           PdAlarmPriority   priority)
{
  PdAlarmDef *def = pd_alarm_def_new (condition);

  def->tag_id = tag_id;
  def->limit = limit;
  def->priority = priority;
  def->deadband = 0.25;
  def->on_delay_ms = 500;
  def->off_delay_ms = 1500;

  return def;
}

static void
test_alarm_round_trip (void)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *csv = NULL;
  PdAlarmDef *digital;
  GPtrArray *row;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("tag%u", i);

      g_ptr_array_add (tags, pd_test_tag_new (i + 1, 1, name, i == 3 ? PD_AREA_COIL : PD_AREA_INPUT, i * 2,
                                              i == 3 ? PD_TAG_TYPE_BOOL : PD_TAG_TYPE_FLOAT32,
                                              PD_ORDER_BIG, PD_ORDER_BIG));
    }

  /* A digital alarm alone: the columns are for limits, so none. */
  digital = pd_alarm_def_new (PD_ALARM_CONDITION_DIGITAL);
  digital->tag_id = 4;
  g_ptr_array_add (defs, digital);
  plain = pd_tags_to_csv_with_alarms (tags, defs);
  g_assert_null (strstr (plain, "alarm_"));

  /* Usual priorities; one for all; one each; and none (tag 2). */
  g_ptr_array_add (defs, new_limit (1, PD_ALARM_CONDITION_HIHI, 95, PD_ALARM_PRIORITY_URGENT));
  g_ptr_array_add (defs, new_limit (1, PD_ALARM_CONDITION_HI, 80.5, PD_ALARM_PRIORITY_HIGH));
  g_ptr_array_add (defs, new_limit (2, PD_ALARM_CONDITION_LO, 0.1, PD_ALARM_PRIORITY_LOW));
  g_ptr_array_add (defs, new_limit (2, PD_ALARM_CONDITION_LOLO, -3, PD_ALARM_PRIORITY_LOW));
  g_ptr_array_add (defs, new_limit (2, PD_ALARM_CONDITION_HI, 250.5, PD_ALARM_PRIORITY_MEDIUM));
  csv = pd_tags_to_csv_with_alarms (tags, defs);
  assert_contains (csv, ",alarm_hihi,alarm_hi,alarm_lo,alarm_lolo,alarm_priority,alarm_deadband,alarm_on_delay_ms,alarm_off_delay_ms\n");
  assert_contains (csv, ",95,80.5,,,,0.25,500,1500\n");
  assert_contains (csv, ",,250.5,0.1,-3,/medium/low/low,0.25,500,1500\n");
  assert_contains (csv, ",,,,,,,,\n");

  parsed = pd_tags_parse_csv_with_alarms (csv, -1, &alarms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 4);
  for (guint i = 0; i < tags->len; i++)
    assert_tags_equal (g_ptr_array_index (parsed, i), g_ptr_array_index (tags, i));

  row = g_ptr_array_index (alarms, 0);
  g_assert_cmpuint (row->len, ==, 2);
  g_assert_cmpfloat (find_def (row, PD_ALARM_CONDITION_HI)->limit, ==, 80.5);
  g_assert_cmpuint (find_def (row, PD_ALARM_CONDITION_HI)->off_delay_ms, ==, 1500);
  row = g_ptr_array_index (alarms, 1);
  g_assert_cmpuint (row->len, ==, 3);
  g_assert_cmpint (find_def (row, PD_ALARM_CONDITION_HI)->priority, ==, PD_ALARM_PRIORITY_MEDIUM);
  g_assert_cmpint (find_def (row, PD_ALARM_CONDITION_LOLO)->priority, ==, PD_ALARM_PRIORITY_LOW);
  g_assert_cmpfloat (find_def (row, PD_ALARM_CONDITION_LO)->limit, ==, 0.1);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (alarms, 2))->len, ==, 0);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (alarms, 3))->len, ==, 0);
}

static GPtrArray *
import (PdStore    *store,
        PdUser     *actor,
        gint64      device_id,
        const char *csv,
        GError    **error)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) alarms = NULL;
  guint added = 0;
  guint updated = 0;

  tags = pd_tags_parse_csv_with_alarms (csv, -1, &alarms, error);
  g_assert_nonnull (tags);

  if (!pd_store_import_tags_with_alarms (store, actor, device_id, tags, alarms, &added, &updated, error))
    return NULL;

  return pd_store_list_alarm_defs (store, 0, error);
}

static void
test_alarm_import (void)
{
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autoptr(PdStore) store = pd_test_store_new_populated (dir);
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autoptr(PdDevice) device = pd_test_tcp_device_new (0, "Oven", 1502, 300, 1000);
  g_autoptr(PdDevice) added = NULL;
  g_autoptr(PdTag) temp = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 hi_id;
  gint64 audit_before;

  added = pd_store_add_device (store, admin, device, &error);
  g_assert_no_error (error);

  defs = import (store, admin, added->id,
                 "name,area,address,type,alarm_hihi,alarm_hi,alarm_lo\n"
                 "temp,input,0,float32,95,80,\n"
                 "speed,input,2,uint16,,,5\n"
                 "run,coil,0,bool,,,\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (defs->len, ==, 3);
  temp = pd_store_find_tag (store, added->id, "temp", &error);
  g_assert_no_error (error);
  g_clear_pointer (&defs, g_ptr_array_unref);
  defs = pd_store_list_alarm_defs (store, temp->id, &error);
  g_assert_cmpuint (defs->len, ==, 2);
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_HIHI)->limit, ==, 95);
  hi_id = find_def (defs, PD_ALARM_CONDITION_HI)->id;
  g_clear_pointer (&defs, g_ptr_array_unref);

  /* The same file again adds no definition. */
  defs = import (store, admin, added->id,
                 "name,area,address,type,alarm_hihi,alarm_hi,alarm_lo\n"
                 "temp,input,0,float32,95,80,\n"
                 "speed,input,2,uint16,,,5\n"
                 "run,coil,0,bool,,,\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (defs->len, ==, 3);
  g_clear_pointer (&defs, g_ptr_array_unref);
  g_assert_cmpint (pd_test_count_rows (store, "alarm_defs"), ==, 3);

  /* A changed limit keeps its alarm; an emptied one goes; a tag not in
   * the file keeps its alarms. */
  audit_before = pd_test_count_rows (store, "audit_log");
  defs = import (store, admin, added->id,
                 "name,area,address,type,alarm_hihi,alarm_hi,alarm_lo\n"
                 "temp,input,0,float32,,85,\n", &error);
  g_assert_no_error (error);
  g_clear_pointer (&defs, g_ptr_array_unref);
  defs = pd_store_list_alarm_defs (store, temp->id, &error);
  g_assert_cmpuint (defs->len, ==, 1);
  g_assert_cmpint (find_def (defs, PD_ALARM_CONDITION_HI)->id, ==, hi_id);
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_HI)->limit, ==, 85);
  g_clear_pointer (&defs, g_ptr_array_unref);
  g_assert_cmpint (pd_test_count_rows (store, "audit_log"), >, audit_before);

  /* Without the columns, the alarms stay as they are. */
  defs = import (store, admin, added->id, "name,area,address,type\ntemp,input,0,float32\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (defs->len, ==, 2);

  pd_test_data_dir_free (g_steal_pointer (&dir));
}

static void
test_alarm_import_refused (void)
{
  g_autofree char *dir = pd_test_data_dir_new ();
  g_autoptr(PdStore) store = pd_test_store_new_populated (dir);
  g_autoptr(PdUser) admin = pd_test_login (store, "admin");
  g_autoptr(PdUser) operator = pd_test_login (store, "operator");
  g_autoptr(PdDevice) device = pd_test_tcp_device_new (0, "Oven", 1502, 300, 1000);
  g_autoptr(PdDevice) added = NULL;
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(GError) error = NULL;

  added = pd_store_add_device (store, admin, device, &error);
  g_assert_no_error (error);

  /* Someone who may not set alarms: refused before any tag is written. */
  defs = import (store, operator, added->id,
                 "name,area,address,type,alarm_hi\ntemp,input,0,float32,80\n", &error);
  g_assert_null (defs);
  g_assert_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED);
  g_assert_cmpint (pd_test_count_rows (store, "tags"), ==, 0);
  g_assert_cmpint (pd_test_count_rows (store, "alarm_defs"), ==, 0);

  pd_test_data_dir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

  g_test_add_func ("/core/tag-csv/minimal", test_minimal);
  g_test_add_func ("/core/tag-csv/quoting", test_quoting);
  g_test_add_func ("/core/tag-csv/header-errors", test_header_errors);
  g_test_add_func ("/core/tag-csv/all-bad-lines", test_all_bad_lines);
  g_test_add_func ("/core/tag-csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/core/tag-csv/not-utf8", test_not_utf8);
  g_test_add_func ("/core/tag-csv/every-combination", test_every_combination);
  g_test_add_func ("/core/tag-csv/round-trip", test_round_trip);
  g_test_add_func ("/core/tag-csv/empty-list", test_empty_list);
  g_test_add_func ("/core/tag-csv/alarm-columns", test_alarm_columns);
  g_test_add_func ("/core/tag-csv/alarm-errors", test_alarm_errors);
  g_test_add_func ("/core/tag-csv/alarm-round-trip", test_alarm_round_trip);
  g_test_add_func ("/core/tag-csv/alarm-import", test_alarm_import);
  g_test_add_func ("/core/tag-csv/alarm-import-refused", test_alarm_import_refused);

  return g_test_run ();
}
