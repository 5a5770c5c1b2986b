/* pd-ctl-mes.c — plantdesk-ctl workcenter, bom and routing: MES master data
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-ctl-private.h"

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

/* The values of a repeatable option, or an empty array. */
static GStrv
get_list_option (PdCtlArgs  *args,
                 const char *name)
{
  const char *value = pd_ctl_args_get_option (args, name);

  if (value == NULL)
    return g_new0 (char *, 1);

  return g_strsplit (value, "\n", -1);
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "—";
}

/* --capacity N. */
static gboolean
parse_capacity (const char  *text,
                guint       *capacity,
                GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--capacity is a whole number of operations at once, not “%s”."), text);
      return FALSE;
    }
  *capacity = (guint) value;
  return TRUE;
}

/* Adds the --shift values SHIFTS to WC. */
static gboolean
parse_shifts (PdWorkCenter  *wc,
              GStrv          shifts,
              GError       **error)
{
  for (guint i = 0; shifts[i] != NULL; i++)
    {
      PdShift shift = { 0, };
      g_autoptr(GError) local = NULL;

      if (!pd_shift_parse (shifts[i], &shift, &local))
        {
          /* TRANSLATORS: --shift, then why its value is refused */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: %s"), "--shift", local->message);
          return FALSE;
        }
      pd_work_center_add_shift (wc, &shift);
      pd_shift_clear (&shift);
    }
  return TRUE;
}

/* --- workcenter add ----------------------------------------------------------- */

int
pd_ctl_workcenter_add_run (PdCtl              *ctl,
                           const PdCtlCommand *command,
                           PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  g_auto(GStrv) shifts = get_list_option (args, "shift");
  const char *capacity = pd_ctl_args_get_option (args, "capacity");

  wc->code = g_strdup (pd_ctl_args_get (args, 0));
  wc->name = g_strdup (pd_ctl_args_get_option (args, "name"));
  wc->line = g_strdup (pd_ctl_args_get_option (args, "line"));
  wc->kind = g_strdup (pd_ctl_args_get_option (args, "kind"));
  wc->good_tag = g_strdup (pd_ctl_args_get_option (args, "good-tag"));
  wc->scrap_tag = g_strdup (pd_ctl_args_get_option (args, "scrap-tag"));
  wc->running_tag = g_strdup (pd_ctl_args_get_option (args, "running-tag"));
  wc->from_location = g_strdup (pd_ctl_args_get_option (args, "from-location"));
  wc->to_location = g_strdup (pd_ctl_args_get_option (args, "to-location"));

  if ((capacity != NULL && !parse_capacity (capacity, &wc->capacity, &error)) ||
      !parse_shifts (wc, shifts, &error))
    return pd_ctl_fail (error);

  if (!pd_work_center_validate (wc, &error) ||
      pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_add_work_center (ctl->store, ctl->actor, wc, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_work_center_to_json (wc));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: the work center's code, then its name */
  pd_ctl_print_line (_("Added work center %s (%s)."), wc->code, wc->name);
  return PD_CTL_EXIT_OK;
}

/* --- workcenter list / show --------------------------------------------------- */

static char *
shifts_text (const PdWorkCenter *wc)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < wc->shifts->len; i++)
    {
      g_autofree char *text = pd_shift_to_string (&g_array_index (wc->shifts, PdShift, i));

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
pd_ctl_workcenter_list_run (PdCtl              *ctl,
                            const PdCtlCommand *command,
                            PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (list = pd_store_list_work_centers (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (list->len);

      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, pd_work_center_to_json (g_ptr_array_index (list, i)));
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (list->len == 0)
    {
      pd_ctl_print_line ("%s", _("No work centers are defined."));
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (6, _("CODE"), _("NAME"), C_("production line", "LINE"),
                            /* TRANSLATORS: the kind of a work center, such as press */
                            C_("work center", "KIND"), _("CAPACITY"), _("SHIFTS"));
  for (guint i = 0; i < list->len; i++)
    {
      const PdWorkCenter *wc = g_ptr_array_index (list, i);
      g_autofree char *capacity = g_strdup_printf ("%u", wc->capacity);
      g_autofree char *shifts = shifts_text (wc);

      pd_ctl_table_add_row (table, wc->code, wc->name, or_dash (wc->line), or_dash (wc->kind), capacity,
                            *shifts != '\0' ? shifts : "—");
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}

/* "2026-12-24 closed 00:00–24:00 (Christmas)". */
static char *
exception_text (const PdCalendarException *e)
{
  char date[16];
  GString *out = g_string_new (NULL);

  g_date_strftime (date, sizeof date, "%Y-%m-%d", &e->date);
  g_string_append_printf (out, "%s %s %02u:%02u–%02u:%02u", date,
                          /* TRANSLATORS: a work center's calendar exception: a holiday or extra working time */
                          e->kind == PD_EXCEPTION_CLOSED ? _("closed") : _("overtime"),
                          e->start_min / 60, e->start_min % 60, e->end_min / 60, e->end_min % 60);
  if (e->reason != NULL)
    g_string_append_printf (out, " (%s)", e->reason);

  return g_string_free (out, FALSE);
}

int
pd_ctl_workcenter_show_run (PdCtl              *ctl,
                            const PdCtlCommand *command,
                            PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = NULL;
  g_autofree char *shifts = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wc = pd_store_find_work_center (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_work_center_to_json (wc));
      return PD_CTL_EXIT_OK;
    }

  shifts = shifts_text (wc);
  pd_ctl_print_line (_("Work center:     %s"), wc->code);
  pd_ctl_print_line (_("Name:            %s"), wc->name);
  pd_ctl_print_line (_("Line:            %s"), or_dash (wc->line));
  pd_ctl_print_line (_("Kind:            %s"), or_dash (wc->kind));
  pd_ctl_print_line (_("Capacity:        %u"), wc->capacity);
  pd_ctl_print_line (_("Shifts:          %s"), *shifts != '\0' ? shifts : "—");
  pd_ctl_print_line (_("Good count tag:  %s"), or_dash (wc->good_tag));
  pd_ctl_print_line (_("Scrap count tag: %s"), or_dash (wc->scrap_tag));
  pd_ctl_print_line (_("Running tag:     %s"), or_dash (wc->running_tag));
  pd_ctl_print_line (_("Material from:   %s"), or_dash (wc->from_location));
  pd_ctl_print_line (_("Goods to:        %s"), or_dash (wc->to_location));
  for (guint i = 0; wc->exceptions != NULL && i < wc->exceptions->len; i++)
    {
      g_autofree char *text = exception_text (&g_array_index (wc->exceptions, PdCalendarException, i));

      pd_ctl_print_line (_("Exception:       %s"), text);
    }

  return PD_CTL_EXIT_OK;
}

/* --- workcenter update ---------------------------------------------------- */

/* Sets *FIELD from the option NAME, or clears it with --no-NAME; both
 * given: an error. */
static gboolean
update_optional (PdCtlArgs   *args,
                 const char  *name,
                 char       **field,
                 GError     **error)
{
  g_autofree char *no = g_strconcat ("no-", name, NULL);
  const char *value = pd_ctl_args_get_option (args, name);

  if (value != NULL && pd_ctl_args_has_option (args, no))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--%s and --%s cannot be given together."), name, no);
      return FALSE;
    }
  if (value != NULL)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
  else if (pd_ctl_args_has_option (args, no))
    {
      g_clear_pointer (field, g_free);
    }

  return TRUE;
}

int
pd_ctl_workcenter_update_run (PdCtl              *ctl,
                              const PdCtlCommand *command,
                              PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = NULL;
  g_auto(GStrv) shifts = get_list_option (args, "shift");
  const char *capacity = pd_ctl_args_get_option (args, "capacity");
  const char *name = pd_ctl_args_get_option (args, "name");
  guint new_capacity = 0;

  /* Everything checked that can be before the store is opened. */
  if (g_hash_table_size (args->options) == 0)
    {
      g_set_error_literal (&error, PD_ERROR, PD_ERROR_INVALID,
                           _("Nothing to change: give at least one option, such as --name or --shift."));
      return pd_ctl_fail (error);
    }
  if (capacity != NULL && !parse_capacity (capacity, &new_capacity, &error))
    return pd_ctl_fail (error);

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wc = pd_store_find_work_center (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);

  if (name != NULL)
    {
      g_free (wc->name);
      wc->name = g_strdup (name);
    }
  if (capacity != NULL)
    wc->capacity = new_capacity;
  if (shifts[0] != NULL)
    g_array_set_size (wc->shifts, 0);

  if (!parse_shifts (wc, shifts, &error) ||
      !update_optional (args, "line", &wc->line, &error) ||
      !update_optional (args, "kind", &wc->kind, &error) ||
      !update_optional (args, "good-tag", &wc->good_tag, &error) ||
      !update_optional (args, "scrap-tag", &wc->scrap_tag, &error) ||
      !update_optional (args, "running-tag", &wc->running_tag, &error) ||
      !update_optional (args, "from-location", &wc->from_location, &error) ||
      !update_optional (args, "to-location", &wc->to_location, &error) ||
      !pd_work_center_validate (wc, &error) ||
      !pd_store_update_work_center (ctl->store, ctl->actor, wc, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(PdWorkCenter) stored = pd_store_get_work_center (ctl->store, wc->id, &error);

      if (stored == NULL)
        return pd_ctl_fail (error);
      print_object (pd_work_center_to_json (stored));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: the work center's code, then its name */
  pd_ctl_print_line (_("Updated work center %s (%s)."), wc->code, wc->name);
  return PD_CTL_EXIT_OK;
}

/* --- workcenter exception add / remove -------------------------------------- */

/* "YYYY-MM-DD" into DATE; OPTION names the option in the error. */
static gboolean
parse_date_option (const char  *option,
                   const char  *text,
                   GDate       *date,
                   GError     **error)
{
  guint64 y = 0, m = 0, d = 0;
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  g_date_clear (date, 1);
  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 || strlen (parts[1]) != 2 || strlen (parts[2]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL) ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      /* TRANSLATORS: an option such as --date, then its value */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” is not a date of the form YYYY-MM-DD."), option, text);
      return FALSE;
    }
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* "HH:MM" (24:00 allowed) into minutes of the day. */
static gboolean
parse_time_option (const char  *option,
                   const char  *text,
                   guint       *minutes,
                   GError     **error)
{
  if (!pd_time_of_day_parse (text, minutes))
    {
      /* TRANSLATORS: an option such as --from, then its value */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” is not a time of day of the form HH:MM."), option, text);
      return FALSE;
    }
  return TRUE;
}

static int
exception_add (PdCtl     *ctl,
               PdCtlArgs *args,
               GDate     *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = NULL;
  gboolean closed = pd_ctl_args_has_option (args, "closed");
  gboolean overtime = pd_ctl_args_has_option (args, "overtime");
  const char *from = pd_ctl_args_get_option (args, "from");
  const char *to = pd_ctl_args_get_option (args, "to");
  PdCalendarException exception = { 0, };

  exception.date = *date;
  exception.start_min = 0;
  exception.end_min = 24 * 60;
  exception.reason = (char *) pd_ctl_args_get_option (args, "reason");

  if (closed == overtime)
    {
      g_set_error_literal (&error, PD_ERROR, PD_ERROR_INVALID,
                           _("Give either --closed or --overtime."));
      return pd_ctl_fail (error);
    }
  exception.kind = closed ? PD_EXCEPTION_CLOSED : PD_EXCEPTION_OVERTIME;
  if ((from == NULL) != (to == NULL))
    {
      g_set_error_literal (&error, PD_ERROR, PD_ERROR_INVALID,
                           _("Give --from and --to together, or neither for the whole day."));
      return pd_ctl_fail (error);
    }
  if (from != NULL &&
      (!parse_time_option ("--from", from, &exception.start_min, &error) ||
       !parse_time_option ("--to", to, &exception.end_min, &error)))
    return pd_ctl_fail (error);
  if (exception.end_min <= exception.start_min)
    {
      /* TRANSLATORS: two times of day */
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("--to %s is not after --from %s."), to, from);
      return pd_ctl_fail (error);
    }

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wc = pd_store_find_work_center (ctl->store, pd_ctl_args_get (args, 1), &error)) == NULL)
    return pd_ctl_fail (error);

  pd_work_center_add_exception (wc, &exception);
  if (!pd_work_center_validate (wc, &error) ||
      !pd_store_update_work_center (ctl->store, ctl->actor, wc, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_work_center_to_json (wc));
      return PD_CTL_EXIT_OK;
    }

  {
    g_autofree char *text = exception_text (&exception);

    /* TRANSLATORS: the work center's code, then the exception */
    pd_ctl_print_line (_("Added to %s: %s."), wc->code, text);
  }
  return PD_CTL_EXIT_OK;
}

static int
exception_remove (PdCtl     *ctl,
                  PdCtlArgs *args,
                  GDate     *date,
                  const char *date_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = NULL;
  guint removed = 0;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wc = pd_store_find_work_center (ctl->store, pd_ctl_args_get (args, 1), &error)) == NULL)
    return pd_ctl_fail (error);

  for (guint i = wc->exceptions->len; i > 0; i--)
    if (g_date_compare (&g_array_index (wc->exceptions, PdCalendarException, i - 1).date, date) == 0)
      {
        g_array_remove_index (wc->exceptions, i - 1);
        removed++;
      }

  if (removed == 0)
    {
      /* TRANSLATORS: the work center's code, then a date */
      g_set_error (&error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("The work center %s has no exception on %s."), wc->code, date_text);
      return pd_ctl_fail (error);
    }

  if (!pd_store_update_work_center (ctl->store, ctl->actor, wc, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_work_center_to_json (wc));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: the number of exceptions, the work center's code, then a date */
  pd_ctl_print_line (g_dngettext (GETTEXT_PACKAGE,
                                  "Removed %u exception of %s on %s.",
                                  "Removed %u exceptions of %s on %s.",
                                  removed),
                     removed, wc->code, date_text);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_workcenter_exception_run (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  const char *action = pd_ctl_args_get (args, 0);
  const char *date_text = pd_ctl_args_get_option (args, "date");
  GDate date;

  if (!g_str_equal (action, "add") && !g_str_equal (action, "remove"))
    return pd_ctl_usage_error (command, _("Unknown action “%s”: add or remove."), action);

  if (!parse_date_option ("--date", date_text, &date, &error))
    return pd_ctl_fail (error);

  if (g_str_equal (action, "add"))
    return exception_add (ctl, args, &date);

  if (pd_ctl_args_has_option (args, "closed") || pd_ctl_args_has_option (args, "overtime") ||
      pd_ctl_args_has_option (args, "from") || pd_ctl_args_has_option (args, "to") ||
      pd_ctl_args_has_option (args, "reason"))
    return pd_ctl_usage_error (command, "%s",
                               _("exception remove takes only --date."));

  return exception_remove (ctl, args, &date, date_text);
}

/* --- workcenter calendar ---------------------------------------------------- */

#define CALENDAR_DAYS_MAX 366

/* US µs since the epoch in TZ, to the second. */
static GDateTime *
local_time (gint64     us,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return g_date_time_to_timezone (utc, tz);
}

static gint64
unix_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

int
pd_ctl_workcenter_calendar_run (PdCtl              *ctl,
                                const PdCtlCommand *command,
                                PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = NULL;
  g_autoptr(PdWorkCalendar) calendar = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GArray) intervals = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  const char *from = pd_ctl_args_get_option (args, "from");
  const char *days_text = pd_ctl_args_get_option (args, "days");
  guint64 days = 7;
  GDate date;
  gint64 total = 0;

  if (days_text != NULL &&
      !g_ascii_string_to_unsigned (days_text, 10, 1, CALENDAR_DAYS_MAX, &days, NULL))
    {
      g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                   _("--days is a whole number of days from 1 to %u, not “%s”."),
                   CALENDAR_DAYS_MAX, days_text);
      return pd_ctl_fail (error);
    }
  if (from != NULL)
    {
      if (!parse_date_option ("--from", from, &date, &error))
        return pd_ctl_fail (error);
      start = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (tz);

      start = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now), 0, 0, 0);
    }
  end = g_date_time_add_days (start, (gint) days);

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wc = pd_store_find_work_center (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL ||
      (calendar = pd_work_center_build_calendar (wc, tz, &error)) == NULL)
    return pd_ctl_fail (error);

  intervals = pd_work_calendar_intervals (calendar, unix_usec (start), unix_usec (end));

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (intervals->len);

      for (guint i = 0; i < intervals->len; i++)
        {
          const PdInterval *iv = &g_array_index (intervals, PdInterval, i);
          g_autoptr(GDateTime) ls = local_time (iv->start, tz);
          g_autoptr(GDateTime) le = local_time (iv->end, tz);
          g_autofree char *st = g_date_time_format_iso8601 (ls);
          g_autofree char *et = g_date_time_format_iso8601 (le);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "start", st);
          json_object_set_string_member (object, "end", et);
          json_object_set_int_member (object, "minutes", (iv->end - iv->start) / G_USEC_PER_SEC / 60);
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (intervals->len == 0)
    {
      /* TRANSLATORS: the work center's code, then the number of days */
      pd_ctl_print_line (g_dngettext (GETTEXT_PACKAGE,
                                      "%s has no working time in the %u day shown.",
                                      "%s has no working time in the %u days shown.",
                                      (gulong) days),
                         wc->code, (guint) days);
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (3, _("START"), _("END"), _("HOURS"));
  for (guint i = 0; i < intervals->len; i++)
    {
      const PdInterval *iv = &g_array_index (intervals, PdInterval, i);
      g_autoptr(GDateTime) ls = local_time (iv->start, tz);
      g_autoptr(GDateTime) le = local_time (iv->end, tz);
      g_autofree char *st = g_date_time_format (ls, "%Y-%m-%d %a %H:%M");
      g_autofree char *et = g_date_time_format (le, "%Y-%m-%d %a %H:%M");
      g_autofree char *hours = g_strdup_printf ("%.2f", (double) (iv->end - iv->start) / G_USEC_PER_SEC / 3600.0);

      total += iv->end - iv->start;
      pd_ctl_table_add_row (table, st, et, hours);
    }
  pd_ctl_table_print (table);
  /* TRANSLATORS: total working hours in the days shown */
  pd_ctl_print_line (_("Working time: %.2f h"), (double) total / G_USEC_PER_SEC / 3600.0);

  return PD_CTL_EXIT_OK;
}

/* --- bom set / show ------------------------------------------------------------ */

static void
print_bom (const PdBom *bom)
{
  g_autoptr(PdCtlTable) table = NULL;

  /* TRANSLATORS: a product's SKU, then the version number of its bill of materials */
  pd_ctl_print_line (_("Bill of materials of %s, version %u:"), bom->product_sku, bom->version);
  table = pd_ctl_table_new (5, _("COMPONENT"), _("QTY"), _("UNIT"), _("SCRAP %"), _("ISSUED"));
  for (guint i = 0; i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);
      g_autofree char *qty = pd_qty_format (line->qty);
      g_autofree char *scrap = pd_qty_format (line->scrap_pct);

      pd_ctl_table_add_row (table, line->component_sku, qty, or_dash (line->unit), scrap,
                            /* TRANSLATORS: when a component is issued: on each report, or at operation start */
                            line->backflush ? _("backflushed") : _("at start"));
    }
  pd_ctl_table_print (table);
}

int
pd_ctl_bom_set_run (PdCtl              *ctl,
                    const PdCtlCommand *command,
                    PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdBom) bom = pd_bom_new ();
  g_autoptr(PdBom) stored = NULL;
  g_auto(GStrv) components = get_list_option (args, "component");
  g_auto(GStrv) picked = get_list_option (args, "pick-at-start");

  bom->product_sku = g_strdup (pd_ctl_args_get (args, 0));
  for (guint i = 0; components[i] != NULL; i++)
    {
      PdBomLine *line = pd_bom_line_parse (components[i], &error);

      if (line == NULL)
        return pd_ctl_fail (error);
      line->backflush = !g_strv_contains ((const char * const *) picked, line->component_sku);
      g_ptr_array_add (bom->lines, line);
    }
  for (guint i = 0; picked[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < bom->lines->len && !found; j++)
        found = g_str_equal (((PdBomLine *) g_ptr_array_index (bom->lines, j))->component_sku, picked[i]);
      if (!found)
        {
          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                       _("--pick-at-start “%s” is not one of the components."), picked[i]);
          return pd_ctl_fail (error);
        }
    }

  if (!pd_bom_validate (bom, &error) ||
      pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_set_bom (ctl->store, ctl->actor, bom, &error) ||
      !pd_store_get_bom (ctl->store, bom->product_id, bom->version, &stored, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_bom_to_json (stored));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: a product's SKU, the version, then the number of components */
  pd_ctl_print_line (g_dngettext (GETTEXT_PACKAGE,
                                  "Set the bill of materials of %s: version %u, %u component.",
                                  "Set the bill of materials of %s: version %u, %u components.",
                                  bom->lines->len),
                     bom->product_sku, bom->version, bom->lines->len);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_bom_show_run (PdCtl              *ctl,
                     const PdCtlCommand *command,
                     PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) product = NULL;
  g_autoptr(PdBom) bom = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (product = pd_store_find_item (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL ||
      !pd_store_get_bom (ctl->store, product->id, 0, &bom, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_NULL);

      if (bom != NULL)
        {
          json_node_init_object (node, NULL);
          json_node_take_object (node, pd_bom_to_json (bom));
        }
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (bom == NULL)
    pd_ctl_print_line (_("Bill of materials of %s: none."), product->sku);
  else
    print_bom (bom);

  return PD_CTL_EXIT_OK;
}

/* --- routing set / show -------------------------------------------------------- */

/* The operation of ROUTING with sequence TEXT, or NULL and an error naming
 * OPTION and VALUE. */
static PdRoutingOp *
find_op (PdRouting   *routing,
         const char  *text,
         const char  *option,
         const char  *value,
         GError     **error)
{
  guint64 seq = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, PD_ROUTING_SEQ_MAX, &seq, NULL))
    for (guint i = 0; i < routing->ops->len; i++)
      {
        PdRoutingOp *op = g_ptr_array_index (routing->ops, i);

        if (op->seq == seq)
          return op;
      }

  /* TRANSLATORS: an option such as --overlap, its value, then a sequence number */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("%s “%s”: there is no operation with the sequence “%s”."), option, value, text);
  return NULL;
}

/* --instructions SEQ:TEXT and --overlap SEQ. */
static gboolean
apply_op_options (PdRouting  *routing,
                  PdCtlArgs  *args,
                  GError    **error)
{
  g_auto(GStrv) instructions = get_list_option (args, "instructions");
  g_auto(GStrv) overlaps = get_list_option (args, "overlap");

  for (guint i = 0; instructions[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (instructions[i], ":", 2);
      PdRoutingOp *op;

      if (g_strv_length (parts) != 2)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("--instructions “%s” is not of the form SEQ:TEXT."), instructions[i]);
          return FALSE;
        }
      if ((op = find_op (routing, parts[0], "--instructions", instructions[i], error)) == NULL)
        return FALSE;
      g_free (op->instructions);
      op->instructions = g_strdup (parts[1]);
    }

  for (guint i = 0; overlaps[i] != NULL; i++)
    {
      PdRoutingOp *op = find_op (routing, overlaps[i], "--overlap", overlaps[i], error);

      if (op == NULL)
        return FALSE;
      op->overlap = TRUE;
    }

  return TRUE;
}

int
pd_ctl_routing_set_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_auto(GStrv) ops = get_list_option (args, "op");

  routing->product_sku = g_strdup (pd_ctl_args_get (args, 0));
  for (guint i = 0; ops[i] != NULL; i++)
    {
      PdRoutingOp *op = pd_routing_op_parse (ops[i], &error);

      if (op == NULL)
        return pd_ctl_fail (error);
      g_ptr_array_add (routing->ops, op);
    }

  if (!apply_op_options (routing, args, &error) ||
      !pd_routing_validate (routing, &error) ||
      pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_set_routing (ctl->store, ctl->actor, routing, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(PdRouting) stored = NULL;

      if (!pd_store_get_routing (ctl->store, routing->product_id, routing->version, &stored, &error))
        return pd_ctl_fail (error);
      print_object (pd_routing_to_json (stored));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: a product's SKU, the version, then the number of operations */
  pd_ctl_print_line (g_dngettext (GETTEXT_PACKAGE,
                                  "Set the routing of %s: version %u, %u operation.",
                                  "Set the routing of %s: version %u, %u operations.",
                                  routing->ops->len),
                     routing->product_sku, routing->version, routing->ops->len);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_routing_show_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) product = NULL;
  g_autoptr(PdRouting) routing = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (product = pd_store_find_item (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL ||
      !pd_store_get_routing (ctl->store, product->id, 0, &routing, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_NULL);

      if (routing != NULL)
        {
          json_node_init_object (node, NULL);
          json_node_take_object (node, pd_routing_to_json (routing));
        }
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (routing == NULL)
    {
      pd_ctl_print_line (_("Routing of %s: none."), product->sku);
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: a product's SKU, then the version number of its routing */
  pd_ctl_print_line (_("Routing of %s, version %u:"), routing->product_sku, routing->version);
  table = pd_ctl_table_new (4, _("SEQ"), _("WORK CENTER"), _("SETUP MIN"), _("RUN S/UNIT"));
  for (guint i = 0; i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      g_autofree char *seq = g_strdup_printf ("%u", op->seq);
      g_autofree char *setup = pd_mes_format_minutes (op->setup_us);
      g_autofree char *run = pd_mes_format_seconds (op->run_us);

      pd_ctl_table_add_row (table, seq, op->work_center_code, setup, run);
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}
