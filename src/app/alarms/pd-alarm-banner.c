/* pd-alarm-banner.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarm-banner"

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "alarms/pd-alarm-banner.h"
#include "alarms/pd-alarm-banner-private.h"
#include "alarms/pd-alarm-item.h"

/* High-performance HMI: the bar is grey while nothing needs a person and
 * takes the colour of the first alarm's priority otherwise, so that colour
 * always means "abnormal". It stays on screen when calm, so that an
 * operator can tell "no alarms" from "no banner". */
struct _PdAlarmBanner
{
  AdwBin          parent_instance;

  PdAlarmEngine  *engine;
  gulong          changed_id;
  gint64          alarm_id;
  guint           counts[PD_N_ALARM_PRIORITIES];
  guint           n_unacknowledged;
  guint           n_reads;
  const char     *css_class;

  /* Template widgets */
  GtkButton      *button;
  GtkImage       *icon;
  GtkLabel       *title_label;
  GtkLabel       *detail_label;
  GtkLabel       *chips[PD_N_ALARM_PRIORITIES];
  GtkLabel       *total_label;
};

G_DEFINE_FINAL_TYPE (PdAlarmBanner, pd_alarm_banner, ADW_TYPE_BIN)

static void
set_css_class (PdAlarmBanner *self,
               const char    *css_class)
{
  if (g_strcmp0 (self->css_class, css_class) == 0)
    return;

  if (self->css_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), self->css_class);
  self->css_class = css_class;
  gtk_widget_add_css_class (GTK_WIDGET (self->button), css_class);
}

static void
set_chip (PdAlarmBanner   *self,
          PdAlarmPriority  priority,
          guint            count)
{
  GtkLabel *chip = self->chips[priority];
  g_autofree char *text = g_strdup_printf ("%u", count);
  g_autofree char *description = NULL;

  self->counts[priority] = count;
  gtk_label_set_text (chip, text);

  /* Only a non-zero count takes its priority's colour. */
  if (count > 0)
    gtk_widget_add_css_class (GTK_WIDGET (chip), pd_alarm_priority_css_class (priority));
  else
    gtk_widget_remove_css_class (GTK_WIDGET (chip), pd_alarm_priority_css_class (priority));
  gtk_widget_set_visible (GTK_WIDGET (chip), count > 0);

  /* TRANSLATORS: a count of unacknowledged alarms of one priority, e.g. "Urgent: 3" */
  description = g_strdup_printf (_("%s: %u"), pd_alarm_priority_get_label (priority), count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (chip), description);
}

static void
refresh (PdAlarmBanner *self)
{
  PdAlarmSummary summary = { { 0, }, };
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *total = NULL;
  g_autofree char *accessible = NULL;
  guint n_unack = 0;
  guint n_active = 0;

  if (self->engine != NULL)
    {
      pd_alarm_engine_get_summary (self->engine, &summary);
      self->n_reads++;
    }

  for (guint i = 0; i < PD_N_ALARM_PRIORITIES; i++)
    {
      n_unack += summary.unacknowledged[i];
      n_active += summary.active[i];
      set_chip (self, i, summary.unacknowledged[i]);
    }
  self->n_unacknowledged = n_unack;

  if (summary.first != NULL && n_unack > 0)
    {
      const PdAlarm *first = summary.first;
      g_autofree char *message = pd_alarm_def_dup_message (first->def);
      g_autofree char *value = pd_alarm_format_value (first);
      g_autofree char *time = pd_alarm_format_time (first->status.raised_ts);

      self->alarm_id = first->status.alarm_id;
      /* A source alarm's condition says nothing its message does not. */
      if (first->def->condition == PD_ALARM_CONDITION_SOURCE)
        title = g_strdup (first->def->source_name != NULL ? first->def->source_name : "");
      else
        /* TRANSLATORS: the banner's first line: the alarm's source and condition, e.g. "Press / temperature — High high" */
        title = g_strdup_printf (_("%s — %s"),
                                 first->def->source_name != NULL ? first->def->source_name : "",
                                 pd_alarm_condition_get_label (first->def->condition));
      /* TRANSLATORS: the banner's second line: message, value and the time it was raised */
      detail = g_strdup_printf (_("%s · %s · %s"), message, value, time);
      total = g_strdup_printf (ngettext ("%u unacknowledged", "%u unacknowledged", n_unack), n_unack);
      set_css_class (self, pd_alarm_priority_css_class (first->def->priority));
      gtk_image_set_from_icon_name (self->icon, "dialog-warning-symbolic");
      /* TRANSLATORS: what a screen reader says for the alarm banner: priority, source and condition, message, count */
      accessible = g_strdup_printf (_("%s alarm: %s. %s. %s. Show alarms."),
                                    pd_alarm_priority_get_label (first->def->priority),
                                    title, detail, total);
    }
  else
    {
      self->alarm_id = 0;
      title = g_strdup (_("No alarms need attention"));
      if (n_active > 0)
        detail = g_strdup_printf (ngettext ("%u active alarm, acknowledged",
                                            "%u active alarms, all acknowledged", n_active),
                                  n_active);
      else
        detail = g_strdup (_("The line is running normally"));
      total = g_strdup ("");
      set_css_class (self, "calm");
      gtk_image_set_from_icon_name (self->icon, "emblem-ok-symbolic");
      /* TRANSLATORS: what a screen reader says for the calm alarm banner */
      accessible = g_strdup_printf (_("%s. %s. Show alarms."), title, detail);
    }

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->detail_label, detail);
  gtk_label_set_text (self->total_label, total);
  gtk_widget_set_visible (GTK_WIDGET (self->total_label), n_unack > 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->button), "x",
                                    self->alarm_id > 0 ? self->alarm_id : (gint64) -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  pd_alarm_summary_clear (&summary);
}

static void
engine_changed_cb (PdAlarmBanner *self,
                   PdAlarmEngine *engine)
{
  refresh (self);
}

void
pd_alarm_banner_set_engine (PdAlarmBanner *self,
                            PdAlarmEngine *engine)
{
  g_return_if_fail (PD_IS_ALARM_BANNER (self));
  g_return_if_fail (engine == NULL || PD_IS_ALARM_ENGINE (engine));

  if (self->engine == engine)
    return;

  if (self->engine != NULL)
    g_clear_signal_handler (&self->changed_id, self->engine);
  g_set_object (&self->engine, engine);
  if (self->engine != NULL)
    self->changed_id = g_signal_connect_object (self->engine, "changed",
                                                G_CALLBACK (engine_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  refresh (self);
}

PdAlarmEngine *
pd_alarm_banner_get_engine (PdAlarmBanner *self)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), NULL);

  return self->engine;
}

static void
pd_alarm_banner_dispose (GObject *object)
{
  PdAlarmBanner *self = (PdAlarmBanner *) object;

  if (self->engine != NULL)
    g_clear_signal_handler (&self->changed_id, self->engine);
  g_clear_object (&self->engine);
  /* The button is the bin's own child: AdwBin unparents it. */

  G_OBJECT_CLASS (pd_alarm_banner_parent_class)->dispose (object);
}

static void
pd_alarm_banner_class_init (PdAlarmBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_alarm_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/alarms/pd-alarm-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAlarmBanner, button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmBanner, detail_label);
  gtk_widget_class_bind_template_child_full (widget_class, "urgent_chip", FALSE,
                                             G_STRUCT_OFFSET (PdAlarmBanner, chips[PD_ALARM_PRIORITY_URGENT]));
  gtk_widget_class_bind_template_child_full (widget_class, "high_chip", FALSE,
                                             G_STRUCT_OFFSET (PdAlarmBanner, chips[PD_ALARM_PRIORITY_HIGH]));
  gtk_widget_class_bind_template_child_full (widget_class, "medium_chip", FALSE,
                                             G_STRUCT_OFFSET (PdAlarmBanner, chips[PD_ALARM_PRIORITY_MEDIUM]));
  gtk_widget_class_bind_template_child_full (widget_class, "low_chip", FALSE,
                                             G_STRUCT_OFFSET (PdAlarmBanner, chips[PD_ALARM_PRIORITY_LOW]));
  gtk_widget_class_bind_template_child (widget_class, PdAlarmBanner, total_label);
}

static void
pd_alarm_banner_init (PdAlarmBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  refresh (self);
}

/* --- For the GUI tests ---------------------------------------------------- */

gboolean
_pd_alarm_banner_is_calm (PdAlarmBanner *self)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), FALSE);

  return gtk_widget_has_css_class (GTK_WIDGET (self->button), "calm");
}

gint64
_pd_alarm_banner_get_alarm_id (PdAlarmBanner *self)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), 0);

  return self->alarm_id;
}

const char *
_pd_alarm_banner_get_title (PdAlarmBanner *self)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
_pd_alarm_banner_get_detail (PdAlarmBanner *self)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), NULL);

  return gtk_label_get_text (self->detail_label);
}

guint
_pd_alarm_banner_get_count (PdAlarmBanner   *self,
                            PdAlarmPriority  priority)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), 0);
  g_return_val_if_fail (priority < PD_N_ALARM_PRIORITIES, 0);

  return self->counts[priority];
}

guint
_pd_alarm_banner_get_n_unacknowledged (PdAlarmBanner *self)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), 0);

  return self->n_unacknowledged;
}

guint
_pd_alarm_banner_get_n_reads (PdAlarmBanner *self)
{
  g_return_val_if_fail (PD_IS_ALARM_BANNER (self), 0);

  return self->n_reads;
}

void
_pd_alarm_banner_activate (PdAlarmBanner *self)
{
  g_return_if_fail (PD_IS_ALARM_BANNER (self));

  g_signal_emit_by_name (self->button, "clicked");
}
