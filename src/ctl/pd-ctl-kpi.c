/* pd-ctl-kpi.c — plantdesk-ctl oee and kpi: OEE and the production KPIs
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-ctl"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pd-ctl-private.h"

#define DAY_US (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

static gint64
to_us (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static char *
format_local (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Reads --from and --to before anything is opened: FALSE and *EXIT the
 * usage error's code when one is not a time. */
static gboolean
parse_times (const PdCtlCommand  *command,
             PdCtlArgs           *args,
             GDateTime          **from_time,
             GDateTime          **to_time,
             int                 *exit)
{
  const char *from_str = pd_ctl_args_get_option (args, "from");
  const char *to_str = pd_ctl_args_get_option (args, "to");

  if (from_str != NULL && (*from_time = pd_ctl_parse_time (from_str)) == NULL)
    {
      *exit = pd_ctl_usage_error (command, _("--from: “%s” is not an ISO 8601 date or time."), from_str);
      return FALSE;
    }
  if (to_str != NULL && (*to_time = pd_ctl_parse_time (to_str)) == NULL)
    {
      *exit = pd_ctl_usage_error (command, _("--to: “%s” is not an ISO 8601 date or time."), to_str);
      return FALSE;
    }
  return TRUE;
}

/* The range of the command: FROM_TIME and TO_TIME as given; without
 * either the default (oee: the current shift so far or else today so
 * far, pd_kpi_default_range; kpi, LAST_WEEK: the last 7 days, today's
 * midnight 6 days ago until now); --from alone runs until now (a day
 * when --from is in the future), --to alone a day back from it. */
static gboolean
resolve_range (PdCtl              *ctl,
               const PdCtlCommand *command,
               const char         *work_center,
               gboolean            last_week,
               GDateTime          *from_time,
               GDateTime          *to_time,
               gint64             *from,
               gint64             *to,
               int                *exit)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();

  if (from_time != NULL && to_time != NULL)
    {
      *from = to_us (from_time);
      *to = to_us (to_time);
    }
  else if (from_time != NULL)
    {
      *from = to_us (from_time);
      *to = *from < now ? now : *from + DAY_US;
    }
  else if (to_time != NULL)
    {
      *to = to_us (to_time);
      *from = *to - DAY_US;
    }
  else if (last_week)
    {
      g_autoptr(GDateTime) n = g_date_time_new_now_local ();
      g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (n), g_date_time_get_month (n),
                                                             g_date_time_get_day_of_month (n), 0, 0, 0);
      g_autoptr(GDateTime) start = g_date_time_add_days (midnight, -6);

      *from = to_us (start);
      *to = now;
    }
  else if (!pd_kpi_default_range (pd_store_get_db (ctl->store), work_center, now, NULL, from, to, &error))
    {
      *exit = pd_ctl_fail (error);
      return FALSE;
    }

  if (*from >= *to)
    {
      *exit = pd_ctl_usage_error (command, _("The start of the range (--from) must come before its end (--to)."));
      return FALSE;
    }
  return TRUE;
}

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

int
pd_ctl_oee_run (PdCtl              *ctl,
                const PdCtlCommand *command,
                PdCtlArgs          *args)
{
  const char *code = pd_ctl_args_get (args, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdKpiReport) report = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  g_autoptr(GDateTime) from_time = NULL;
  g_autoptr(GDateTime) to_time = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *ppt = NULL, *run = NULL, *down = NULL;
  g_autofree char *good = NULL, *scrap = NULL, *scrap_rate = NULL;
  g_autofree char *a = NULL, *p = NULL, *q = NULL, *oee = NULL, *on_time = NULL;
  const PdKpiBucket *b;
  gint64 from, to;
  int exit;

  if (!parse_times (command, args, &from_time, &to_time, &exit))
    return exit;
  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (!resolve_range (ctl, command, code, FALSE, from_time, to_time, &from, &to, &exit))
    return exit;
  report = pd_kpi_compute (pd_store_get_db (ctl->store), code, from, to, PD_KPI_BY_RANGE, NULL,
                           g_get_real_time (), &error);
  if (report == NULL)
    return pd_ctl_fail (error);
  b = report->rows->pdata[0];

  if (ctl->json)
    {
      print_object (pd_kpi_bucket_to_json (b));
      return PD_CTL_EXIT_OK;
    }

  from_text = format_local (b->start);
  to_text = format_local (b->end);
  ppt = pd_kpi_format_duration (b->ppt_us);
  run = pd_kpi_format_duration (b->run_us);
  down = pd_kpi_format_duration (b->downtime_us);
  good = pd_qty_format (b->good);
  scrap = pd_qty_format (b->scrap);
  scrap_rate = pd_kpi_format_ratio (b->scrap_rate);
  a = pd_kpi_format_ratio (b->availability);
  p = pd_kpi_format_ratio (b->performance);
  q = pd_kpi_format_ratio (b->quality);
  oee = pd_kpi_format_ratio (b->oee);
  on_time = pd_kpi_format_ratio (b->on_time_rate);
  pd_ctl_print_line (_("Work center:       %s"), b->work_center);
  pd_ctl_print_line (_("Range:             %s – %s"), from_text, to_text);
  pd_ctl_print_line (_("Planned time:      %s"), ppt);
  pd_ctl_print_line (_("Run time:          %s"), run);
  pd_ctl_print_line (_("Downtime:          %s"), down);
  pd_ctl_print_line (_("Good:              %s"), good);
  pd_ctl_print_line (_("Scrap:             %s (%s)"), scrap, scrap_rate);
  pd_ctl_print_line (_("Availability:      %s"), a);
  pd_ctl_print_line (_("Performance:       %s"), p);
  pd_ctl_print_line (_("Quality:           %s"), q);
  pd_ctl_print_line (_("OEE:               %s"), oee);
  pd_ctl_print_line (_("On time:           %u of %u (%s)"), b->orders_on_time, b->orders_completed, on_time);
  if (b->downtime->len == 0)
    return PD_CTL_EXIT_OK;

  table = pd_ctl_table_new (4, _("DOWNTIME REASON"), _("TIME"), _("SHARE"), _("CUMULATIVE"));
  for (guint i = 0; i < b->downtime->len; i++)
    {
      const PdKpiDowntime *d = &g_array_index (b->downtime, PdKpiDowntime, i);
      g_autofree char *t = pd_kpi_format_duration (d->us);
      g_autofree char *share = pd_kpi_format_ratio (d->share);
      g_autofree char *cum = pd_kpi_format_ratio (d->cumulative);

      pd_ctl_table_add_row (table, pd_kpi_reason_get_label (d->reason), t, share, cum);
    }
  g_print ("\n");
  pd_ctl_table_print (table);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_kpi_run (PdCtl              *ctl,
                const PdCtlCommand *command,
                PdCtlArgs          *args)
{
  const char *code = pd_ctl_args_get_option (args, "workcenter");
  const char *by_str = pd_ctl_args_get_option (args, "by");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdKpiReport) report = NULL;
  g_autoptr(PdCtlTable) table = NULL;
  g_autoptr(GDateTime) from_time = NULL;
  g_autoptr(GDateTime) to_time = NULL;
  PdKpiBy by = PD_KPI_BY_DAY;
  gint64 from, to;
  int exit;

  if (by_str != NULL && (!pd_kpi_by_from_string (by_str, &by) || by == PD_KPI_BY_RANGE))
    return pd_ctl_usage_error (command, _("--by: “%s” is not shift or day."), by_str);
  if (pd_ctl_args_has_option (args, "csv") && ctl->json)
    return pd_ctl_usage_error (command, _("Give --csv or --json, not both."));

  if (!parse_times (command, args, &from_time, &to_time, &exit))
    return exit;
  if (pd_ctl_login (ctl, &error) == NULL)
    return pd_ctl_fail (error);
  if (!resolve_range (ctl, command, code, TRUE, from_time, to_time, &from, &to, &exit))
    return exit;
  report = pd_kpi_compute (pd_store_get_db (ctl->store), code, from, to, by, NULL, g_get_real_time (), &error);
  if (report == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_kpi_report_to_json (report));
      return PD_CTL_EXIT_OK;
    }
  if (pd_ctl_args_has_option (args, "csv"))
    {
      g_autofree char *csv = pd_kpi_report_to_csv (report);

      fputs (csv, stdout);
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (11, _("WORK CENTER"), _("FROM"), _("TO"), _("RUN"), _("GOOD"), _("SCRAP"),
                            /* TRANSLATORS: column heads: availability, performance, quality */
                            C_("kpi column", "A"), C_("kpi column", "P"), C_("kpi column", "Q"),
                            _("OEE"), _("ON TIME"));
  for (guint i = 0; i < report->rows->len; i++)
    {
      const PdKpiBucket *b = report->rows->pdata[i];
      g_autofree char *f = format_local (b->start);
      g_autofree char *t = format_local (b->end);
      g_autofree char *run = pd_kpi_format_duration (b->run_us);
      g_autofree char *good = pd_qty_format (b->good);
      g_autofree char *scrap = pd_qty_format (b->scrap);
      g_autofree char *a = pd_kpi_format_ratio (b->availability);
      g_autofree char *p = pd_kpi_format_ratio (b->performance);
      g_autofree char *q = pd_kpi_format_ratio (b->quality);
      g_autofree char *oee = pd_kpi_format_ratio (b->oee);
      g_autofree char *on_time = pd_kpi_format_ratio (b->on_time_rate);

      pd_ctl_table_add_row (table, b->work_center, f, t, run, good, scrap, a, p, q, oee, on_time);
    }
  pd_ctl_table_print (table);
  return PD_CTL_EXIT_OK;
}
