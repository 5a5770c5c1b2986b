/* pd-diagnostics-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-diagnostics-view"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-diagnostics-view.h"
#include "devices/pd-diagnostics-view-private.h"

enum {
  ROW_LAST_GOOD,
  ROW_REQUESTS,
  ROW_ERRORS,
  ROW_TIMEOUTS,
  ROW_ERROR_RATE,
  ROW_LATENCY,
  ROW_RECONNECTS,
  ROW_REQUESTS_PER_CYCLE,
  ROW_CYCLES,
  ROW_LAST_ERROR,
  ROW_BAD_ADDRESSES,
  N_ROWS
};

static const struct {
  const char *name;
  const char *title;
} row_info[N_ROWS] = {
  { "last-good", N_("Last good read") },
  { "requests", N_("Requests") },
  { "errors", N_("Errors") },
  { "timeouts", N_("Timeouts") },
  { "error-rate", N_("Error rate") },
  { "latency", N_("Latency p50 / p95 / p99") },
  { "reconnects", N_("Reconnects") },
  { "requests-per-cycle", N_("Requests per cycle") },
  { "cycles", N_("Cycles (late)") },
  { "last-error", N_("Last error") },
  { "bad-addresses", N_("Addresses the device refuses") },
};

struct _PdDiagnosticsView
{
  PdDeviceView        parent_instance;

  PdDevice           *device;
  PdDeviceStatus     *previous;  /* the last refresh's snapshot */
  /* The snapshot before the latest errors: the counters that grew since
   * then describe the current fault, even through a quiet refresh (while
   * the engine waits to reconnect, say). */
  PdDeviceStatus     *base;
  GtkLabel           *values[N_ROWS];
  char               *hint;
  char               *test_result;
  GCancellable       *cancellable;
  gboolean            testing;

  guint               refresh_id;
  gulong              device_changed_id;
  gulong              devices_changed_id;

  /* Template widgets */
  GtkWidget          *status_box;
  GtkImage           *state_image;
  GtkLabel           *state_label;
  GtkLabel           *hint_label;
  AdwActionRow       *test_row;
  GtkButton          *test_button;
  GtkSpinner         *test_spinner;
  AdwPreferencesGroup *stats_group;
};

G_DEFINE_FINAL_TYPE (PdDiagnosticsView, pd_diagnostics_view, PD_TYPE_DEVICE_VIEW)

static char *
format_time (gint64 ts)
{
  g_autoptr(GDateTime) dt = NULL;

  if (ts <= 0)
    /* TRANSLATORS: a time that has not happened yet, e.g. a last good read */
    return g_strdup (_("Never"));

  dt = g_date_time_new_from_unix_local (ts / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("");
}

static char *
format_bad_addresses (GArray *addresses)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (addresses == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  for (guint i = 0; i < addresses->len && i < 20; i++)
    {
      guint32 packed = g_array_index (addresses, guint32, i);
      guint area = packed >> 16;

      if (text->len > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a Modbus address: the area's name and the number, e.g. "Holding register 120" */
      g_string_append_printf (text, _("%s %u"),
                              area < PD_N_AREAS ? pd_area_get_label ((PdArea) area) : "?",
                              packed & 0xffff);
    }
  if (addresses->len > 20)
    /* TRANSLATORS: after a list of addresses cut short */
    g_string_append_printf (text, _(" and %u more"), addresses->len - 20);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
_pd_diagnostics_explain (const PdDeviceStatus *status,
                         const PdDeviceStatus *previous,
                         guint                 timeout_ms,
                         gint64                now)
{
  guint64 new_timeouts, new_errors, new_late;

  if (status == NULL)
    return g_strdup (_("The device is not polled: it is disabled, planned or retired. "
                       "Enable it or put it in service to see its communication."));

  if (previous != NULL && previous->device_id == status->device_id)
    {
      new_timeouts = status->timeouts - MIN (previous->timeouts, status->timeouts);
      new_errors = status->errors - MIN (previous->errors, status->errors);
      new_late = status->late_cycles - MIN (previous->late_cycles, status->late_cycles);
    }
  else
    {
      new_timeouts = status->timeouts;
      new_errors = status->errors;
      new_late = 0;
    }

  switch (status->state)
    {
    case PD_DEVICE_STATE_UNKNOWN:
      return g_strdup (_("Not polled yet: the first cycle has not finished."));

    case PD_DEVICE_STATE_OFFLINE:
      /* Timeouts mean nothing answers at all: cable, switch, power. Other
       * failures with no timeouts mean something answers and refuses. */
      if (new_timeouts > 0 && new_timeouts * 2 >= new_errors)
        {
          if (status->last_good > 0 && now > status->last_good)
            {
              guint seconds = (guint) MIN ((now - status->last_good) / G_USEC_PER_SEC, G_MAXUINT);

              return g_strdup_printf (ngettext ("No answer for %u second: check the cable, the switch port and the device’s power.",
                                                "No answer for %u seconds: check the cable, the switch port and the device’s power.",
                                                seconds),
                                      seconds);
            }
          return g_strdup (_("The device has never answered: check the cable, the switch port, "
                             "the device’s power and its address."));
        }
      return g_strdup (_("The connection fails although the network answers: the device is up "
                         "but refuses the connection or is not listening on this port. Check the "
                         "port and that no other client holds the device’s only connection."));

    case PD_DEVICE_STATE_DEGRADED:
      if (status->bad_addresses != NULL && status->bad_addresses->len > 0)
        {
          g_autofree char *addresses = format_bad_addresses (status->bad_addresses);

          return g_strdup_printf (_("The device refuses addresses %s: check these tag addresses "
                                    "against the device’s register map."),
                                  addresses);
        }
      return g_strdup (_("Some tags cannot be read while others can: check the tags whose "
                         "quality is bad, their addresses and types."));

    case PD_DEVICE_STATE_ONLINE:
    default:
      if (status->error_rate >= 0.01)
        return g_strdup_printf (_("%.0f %% of requests fail: look for a loose connector, "
                                  "interference on the cable or an overloaded device."),
                                status->error_rate * 100.0);
      if (new_late > 0)
        return g_strdup (_("Polling falls behind: cycles start late. Raise the poll interval "
                           "or let more tags share a request."));
      if (timeout_ms > 0 && status->latency_p99 > (guint64) timeout_ms * 1000 / 2)
        return g_strdup (_("Answers are slow, close to the timeout: check the network load "
                           "and the device’s load."));
      return g_strdup (_("Communication is healthy."));
    }
}

char *
_pd_diagnostics_explain_test_error (const GError *error)
{
  const char *hint = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
          hint = _("No answer: check the cable, the switch port and the device’s power.");
          break;

        case G_IO_ERROR_CONNECTION_REFUSED:
          hint = _("Connection refused: the device is up but not listening on this port.");
          break;

        case G_IO_ERROR_HOST_NOT_FOUND:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
          hint = _("The address cannot be reached: check the IP address and this station’s network settings.");
          break;

        case G_IO_ERROR_NOT_FOUND:
        case G_IO_ERROR_PERMISSION_DENIED:
          hint = _("The serial port cannot be opened: check its name and that this station may use it.");
          break;

        default:
          break;
        }
    }

  if (hint == NULL)
    return g_strdup (error->message);

  /* TRANSLATORS: a failed connection test: the error, then what to check */
  return g_strdup_printf (_("%s — %s"), error->message, hint);
}

static void
set_value (PdDiagnosticsView *self,
           guint              row,
           const char        *text)
{
  gtk_label_set_text (self->values[row], text);
}

static void
set_value_printf (PdDiagnosticsView *self,
                  guint              row,
                  const char        *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
set_value_printf (PdDiagnosticsView *self,
                  guint              row,
                  const char        *format,
                  ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  set_value (self, row, text);
}

static void
set_state (PdDiagnosticsView *self,
           const char        *icon_name,
           const char        *text,
           const char        *css_class)
{
  const char *classes[] = { "error", "warning", NULL };

  gtk_image_set_from_icon_name (self->state_image, icon_name);
  gtk_label_set_text (self->state_label, text);

  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), classes[i]);
  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_image), classes[i]);
  if (css_class != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), css_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_image), css_class);
    }
}

static void
refresh (PdDiagnosticsView *self)
{
  g_autoptr(PdDeviceStatus) status = NULL;
  gint64 now = g_get_real_time ();
  g_autofree char *last_good = NULL;
  g_autofree char *bad = NULL;

  status = pd_acquisition_dup_status (pd_device_view_get_acquisition (PD_DEVICE_VIEW (self)),
                                      pd_device_view_get_device_id (PD_DEVICE_VIEW (self)));

  g_free (self->hint);
  if (status != NULL &&
      (self->previous == NULL || self->previous->device_id != status->device_id ||
       status->errors != self->previous->errors || status->late_cycles != self->previous->late_cycles))
    {
      g_clear_pointer (&self->base, pd_device_status_free);
      self->base = g_steal_pointer (&self->previous);
    }

  self->hint = _pd_diagnostics_explain (status, self->base,
                                        self->device != NULL ? self->device->timeout_ms : 0,
                                        now);
  gtk_label_set_text (self->hint_label, self->hint);

  if (status == NULL)
    {
      set_state (self, "media-playback-pause-symbolic", _("Not polled"), NULL);
      for (guint i = 0; i < N_ROWS; i++)
        set_value (self, i, "—");
      g_clear_pointer (&self->previous, pd_device_status_free);
      g_clear_pointer (&self->base, pd_device_status_free);
      return;
    }

  /* Grey when normal; colour only for what is abnormal. */
  switch (status->state)
    {
    case PD_DEVICE_STATE_ONLINE:
      set_state (self, "network-wired-symbolic", _("Online"), NULL);
      break;
    case PD_DEVICE_STATE_DEGRADED:
      set_state (self, "dialog-warning-symbolic", _("Degraded"), "warning");
      break;
    case PD_DEVICE_STATE_OFFLINE:
      set_state (self, "network-wired-disconnected-symbolic", _("Offline"), "error");
      break;
    case PD_DEVICE_STATE_UNKNOWN:
    default:
      set_state (self, "content-loading-symbolic", _("Not polled yet"), NULL);
      break;
    }

  last_good = format_time (status->last_good);
  set_value (self, ROW_LAST_GOOD, last_good);
  set_value_printf (self, ROW_REQUESTS, "%" G_GUINT64_FORMAT, status->requests);
  set_value_printf (self, ROW_ERRORS, "%" G_GUINT64_FORMAT, status->errors);
  set_value_printf (self, ROW_TIMEOUTS, "%" G_GUINT64_FORMAT, status->timeouts);
  set_value_printf (self, ROW_ERROR_RATE, "%.1f %%", status->error_rate * 100.0);
  /* TRANSLATORS: latency percentiles p50 / p95 / p99 in milliseconds */
  set_value_printf (self, ROW_LATENCY, _("%.1f / %.1f / %.1f ms"),
                    status->latency_p50 / 1000.0,
                    status->latency_p95 / 1000.0,
                    status->latency_p99 / 1000.0);
  set_value_printf (self, ROW_RECONNECTS, "%" G_GUINT64_FORMAT, status->reconnects);
  set_value_printf (self, ROW_REQUESTS_PER_CYCLE, "%u", status->requests_per_cycle);
  /* TRANSLATORS: cycles polled, and how many of them started late */
  {
    g_autofree char *cycles = g_strdup_printf ("%" G_GUINT64_FORMAT, status->cycles);
    g_autofree char *late = g_strdup_printf ("%" G_GUINT64_FORMAT, status->late_cycles);

    set_value_printf (self, ROW_CYCLES, _("%s (%s late)"), cycles, late);
  }

  if (status->last_error != NULL)
    {
      g_autofree char *when = format_time (status->last_error_time);

      /* TRANSLATORS: the last communication error and when it happened */
      set_value_printf (self, ROW_LAST_ERROR, _("%s (%s)"), status->last_error, when);
    }
  else
    set_value (self, ROW_LAST_ERROR, _("None"));

  bad = format_bad_addresses (status->bad_addresses);
  set_value (self, ROW_BAD_ADDRESSES, bad[0] != '\0' ? bad : _("None"));

  g_clear_pointer (&self->previous, pd_device_status_free);
  self->previous = g_steal_pointer (&status);
}

static gboolean
refresh_cb (gpointer user_data)
{
  refresh (PD_DIAGNOSTICS_VIEW (user_data));

  return G_SOURCE_CONTINUE;
}

static void
device_changed_cb (PdDiagnosticsView *self,
                   gint64             device_id)
{
  if (device_id == pd_device_view_get_device_id (PD_DEVICE_VIEW (self)))
    refresh (self);
}

static void
reload_device (PdDiagnosticsView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->device, pd_device_free);
  self->device = pd_store_get_device (pd_acquisition_get_store (pd_device_view_get_acquisition (PD_DEVICE_VIEW (self))),
                                      pd_device_view_get_device_id (PD_DEVICE_VIEW (self)),
                                      &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), self->device != NULL && !self->testing);
}

static void
devices_changed_cb (PdDiagnosticsView *self)
{
  reload_device (self);
  refresh (self);
}

static void
set_test_result (PdDiagnosticsView *self,
                 const char        *text,
                 gboolean           failed)
{
  g_free (self->test_result);
  self->test_result = g_strdup (text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->test_row), text);

  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
}

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PdDiagnosticsView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint64 round_trip_us = 0;

  if (!pd_engine_test_connection_finish (result, &round_trip_us, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      text = _pd_diagnostics_explain_test_error (error);

      /* The engine's own counters say whether nothing answers or something
       * refuses; while polling sees the fault too, its advice goes along. */
      if (g_strcmp0 (text, error->message) == 0 && self->previous != NULL &&
          (self->previous->state == PD_DEVICE_STATE_OFFLINE ||
           self->previous->state == PD_DEVICE_STATE_DEGRADED) &&
          self->hint != NULL)
        {
          g_autofree char *with_hint = g_strdup_printf (_("%s — %s"), error->message, self->hint);

          g_free (text);
          text = g_steal_pointer (&with_hint);
        }

      set_test_result (self, text, TRUE);
    }
  else
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: a successful connection test and its round trip */
      text = g_strdup_printf (_("The device answered in %.1f ms."), round_trip_us / 1000.0);
      set_test_result (self, text, FALSE);
    }

  self->testing = FALSE;
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), self->device != NULL);
}

static void
test_clicked_cb (PdDiagnosticsView *self)
{
  if (self->testing || self->device == NULL)
    return;

  self->testing = TRUE;
  set_test_result (self, _("Testing…"), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_start (self->test_spinner);

  pd_engine_test_connection_async (self->device, self->cancellable,
                                   test_connection_cb, g_object_ref (self));
}

static void
pd_diagnostics_view_map (GtkWidget *widget)
{
  PdDiagnosticsView *self = PD_DIAGNOSTICS_VIEW (widget);

  GTK_WIDGET_CLASS (pd_diagnostics_view_parent_class)->map (widget);

  refresh (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_seconds (1, refresh_cb, self);
  g_source_set_name_by_id (self->refresh_id, "[plantdesk] diagnostics refresh");
}

static void
pd_diagnostics_view_unmap (GtkWidget *widget)
{
  PdDiagnosticsView *self = PD_DIAGNOSTICS_VIEW (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (pd_diagnostics_view_parent_class)->unmap (widget);
}

static void
pd_diagnostics_view_constructed (GObject *object)
{
  PdDiagnosticsView *self = (PdDiagnosticsView *) object;
  PdAcquisition *acquisition;

  G_OBJECT_CLASS (pd_diagnostics_view_parent_class)->constructed (object);

  acquisition = pd_device_view_get_acquisition (PD_DEVICE_VIEW (self));

  for (guint i = 0; i < N_ROWS; i++)
    {
      const char *title = _(row_info[i].title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new ("—");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      /* Numbers stay on one line; messages and address lists wrap. */
      if (i == ROW_LAST_ERROR || i == ROW_BAD_ADDRESSES)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_width_chars (GTK_LABEL (label), 20);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
        }
      gtk_widget_add_css_class (label, "numeric");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->stats_group, row);
      self->values[i] = GTK_LABEL (label);
    }

  self->device_changed_id =
    g_signal_connect_swapped (acquisition, "device-changed",
                              G_CALLBACK (device_changed_cb), self);
  self->devices_changed_id =
    g_signal_connect_swapped (pd_acquisition_get_store (acquisition), "devices-changed",
                              G_CALLBACK (devices_changed_cb), self);

  reload_device (self);
  refresh (self);
}

static void
pd_diagnostics_view_dispose (GObject *object)
{
  PdDiagnosticsView *self = (PdDiagnosticsView *) object;
  PdAcquisition *acquisition = pd_device_view_get_acquisition (PD_DEVICE_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (acquisition != NULL)
    {
      g_clear_signal_handler (&self->device_changed_id, acquisition);
      g_clear_signal_handler (&self->devices_changed_id, pd_acquisition_get_store (acquisition));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_DIAGNOSTICS_VIEW);

  G_OBJECT_CLASS (pd_diagnostics_view_parent_class)->dispose (object);
}

static void
pd_diagnostics_view_finalize (GObject *object)
{
  PdDiagnosticsView *self = (PdDiagnosticsView *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->device, pd_device_free);
  g_clear_pointer (&self->previous, pd_device_status_free);
  g_clear_pointer (&self->base, pd_device_status_free);
  g_free (self->hint);
  g_free (self->test_result);

  G_OBJECT_CLASS (pd_diagnostics_view_parent_class)->finalize (object);
}

static void
pd_diagnostics_view_class_init (PdDiagnosticsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_diagnostics_view_constructed;
  object_class->dispose = pd_diagnostics_view_dispose;
  object_class->finalize = pd_diagnostics_view_finalize;

  widget_class->map = pd_diagnostics_view_map;
  widget_class->unmap = pd_diagnostics_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/devices/pd-diagnostics-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, status_box);
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, state_image);
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, state_label);
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, test_row);
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, test_button);
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, PdDiagnosticsView, stats_group);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
}

static void
pd_diagnostics_view_init (PdDiagnosticsView *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

const char *
_pd_diagnostics_view_get_state_text (PdDiagnosticsView *self)
{
  g_return_val_if_fail (PD_IS_DIAGNOSTICS_VIEW (self), NULL);

  return gtk_label_get_text (self->state_label);
}

const char *
_pd_diagnostics_view_get_hint (PdDiagnosticsView *self)
{
  g_return_val_if_fail (PD_IS_DIAGNOSTICS_VIEW (self), NULL);

  return self->hint;
}

const char *
_pd_diagnostics_view_get_value (PdDiagnosticsView *self,
                                const char        *name)
{
  g_return_val_if_fail (PD_IS_DIAGNOSTICS_VIEW (self), NULL);

  for (guint i = 0; i < N_ROWS; i++)
    if (g_strcmp0 (row_info[i].name, name) == 0)
      return gtk_label_get_text (self->values[i]);

  return NULL;
}

void
_pd_diagnostics_view_refresh (PdDiagnosticsView *self)
{
  g_return_if_fail (PD_IS_DIAGNOSTICS_VIEW (self));

  refresh (self);
}

void
_pd_diagnostics_view_test_connection (PdDiagnosticsView *self)
{
  g_return_if_fail (PD_IS_DIAGNOSTICS_VIEW (self));

  g_signal_emit_by_name (self->test_button, "clicked");
}

gboolean
_pd_diagnostics_view_get_testing (PdDiagnosticsView *self)
{
  g_return_val_if_fail (PD_IS_DIAGNOSTICS_VIEW (self), FALSE);

  return self->testing;
}

const char *
_pd_diagnostics_view_get_test_result (PdDiagnosticsView *self)
{
  g_return_val_if_fail (PD_IS_DIAGNOSTICS_VIEW (self), NULL);

  return self->test_result;
}
