/* pd-work-center-dialog.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-work-center-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-store-devices.h"
#include "pd-store-mes.h"
#include "pd-store-wms.h"
#include "mes/pd-mes-ui.h"
#include "mes/pd-work-center-dialog.h"

#define PREVIEW_DAYS 7

/* The days a shift row offers; a shift read with other days adds its own. */
static const struct
{
  const char *days;
  const char *label;
} day_choices[] = {
  { "mon-fri", N_("Monday to Friday") },
  { "mon-sat", N_("Monday to Saturday") },
  { "mon-sun", N_("Every day") },
  { "sat-sun", N_("Saturday and Sunday") },
  { "mon", N_("Monday") },
  { "tue", N_("Tuesday") },
  { "wed", N_("Wednesday") },
  { "thu", N_("Thursday") },
  { "fri", N_("Friday") },
  { "sat", N_("Saturday") },
  { "sun", N_("Sunday") },
};

typedef struct
{
  GtkWidget     *row;
  GtkDropDown   *days;
  GPtrArray     *day_values;   /* char *, parallel to the drop-down's items */
  GtkEntry      *start;
  GtkEntry      *end;
  GtkEntry      *breaks;
  GtkLabel      *error_label;
  char          *error;
} ShiftRow;

typedef struct
{
  GtkWidget     *row;
  GtkEntry      *date;
  GtkDropDown   *kind;
  GtkEntry      *from;
  GtkEntry      *to;
  GtkEntry      *reason;
  GtkLabel      *error_label;
  char          *error;
} ExceptionRow;

struct _PdWorkCenterDialog
{
  AdwWindow       parent_instance;

  PdStoreWorker  *worker;
  PdUser         *user;
  PdWorkCenter   *original;    /* or NULL: a new one */
  GCancellable   *cancellable;
  GPtrArray      *shifts;      /* ShiftRow */
  GPtrArray      *exceptions;  /* ExceptionRow */
  gboolean        busy;
  gboolean        loaded;
  char           *error;
  gint64          preview_us;
  char           *preview_text;

  GtkLabel       *error_label;
  GtkButton      *save_button;
  AdwEntryRow    *code_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *line_row;
  AdwEntryRow    *kind_row;
  GtkSpinButton  *capacity_spin;
  GtkListBox     *shifts_list;
  GtkListBox     *exceptions_list;
  AdwComboRow    *good_row;
  AdwComboRow    *scrap_row;
  AdwComboRow    *running_row;
  AdwComboRow    *from_row;
  AdwComboRow    *to_row;
  GtkLabel       *preview_label;
};

G_DEFINE_FINAL_TYPE (PdWorkCenterDialog, pd_work_center_dialog, ADW_TYPE_WINDOW)

static void
shift_row_free (gpointer data)
{
  ShiftRow *row = data;

  g_clear_pointer (&row->day_values, g_ptr_array_unref);
  g_free (row->error);
  g_free (row);
}

static void
exception_row_free (gpointer data)
{
  ExceptionRow *row = data;

  g_free (row->error);
  g_free (row);
}

static void
show_error (PdWorkCenterDialog *self,
            const char         *message)
{
  pd_mes_set_message (self->error_label, &self->error, message);
  if (message != NULL)
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* --- Parsing the rows ------------------------------------------------------ */

/* ROW as pd_shift_parse() reads it: "mon-fri:06:00-14:00/10:00-10:15". */
static char *
shift_text (ShiftRow *row)
{
  guint selected = gtk_drop_down_get_selected (row->days);
  g_autofree char *start = pd_mes_dup_text (GTK_EDITABLE (row->start));
  g_autofree char *end = pd_mes_dup_text (GTK_EDITABLE (row->end));
  g_autofree char *breaks = pd_mes_dup_text (GTK_EDITABLE (row->breaks));
  GString *text = g_string_new (selected < row->day_values->len ? g_ptr_array_index (row->day_values, selected) : "");

  g_string_append_printf (text, ":%s-%s", start != NULL ? start : "", end != NULL ? end : "");
  if (breaks != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (breaks, " ,;", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_string_append_printf (text, "/%s", parts[i]);
    }
  return g_string_free (text, FALSE);
}

static gboolean
parse_shift_row (ShiftRow  *row,
                 PdShift   *shift,
                 GError   **error)
{
  g_autofree char *text = shift_text (row);

  return pd_shift_parse (text, shift, error);
}

/* "HH:MM" (24:00 too) into minutes of the day. */
static gboolean
parse_time (const char *field,
            const char *text,
            guint      *minutes,
            GError    **error)
{
  if (!pd_time_of_day_parse (text, minutes))
    {
      /* TRANSLATORS: a field such as “From”, then what was typed */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” is not a time of day such as 06:00."), field, text);
      return FALSE;
    }
  return TRUE;
}

/* The row as an exception (its reason owned by the caller). */
static gboolean
parse_exception_row (ExceptionRow         *row,
                     PdCalendarException  *exception,
                     GError              **error)
{
  g_autofree char *date = pd_mes_dup_text (GTK_EDITABLE (row->date));
  g_autofree char *from = pd_mes_dup_text (GTK_EDITABLE (row->from));
  g_autofree char *to = pd_mes_dup_text (GTK_EDITABLE (row->to));
  guint64 y = 0, m = 0, d = 0;
  g_auto(GStrv) parts = g_strsplit (date != NULL ? date : "", "-", -1);

  memset (exception, 0, sizeof *exception);
  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 || strlen (parts[1]) != 2 || strlen (parts[2]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL) ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Date “%s” is not a date such as 2026-12-24."), date != NULL ? date : "");
      return FALSE;
    }
  g_date_clear (&exception->date, 1);
  g_date_set_dmy (&exception->date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  exception->kind = gtk_drop_down_get_selected (row->kind) == 1 ? PD_EXCEPTION_OVERTIME : PD_EXCEPTION_CLOSED;
  exception->start_min = 0;
  exception->end_min = 24 * 60;

  if ((from == NULL) != (to == NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Give both From and To, or neither for the whole day."));
      return FALSE;
    }
  if (from != NULL &&
      (!parse_time (_("From"), from, &exception->start_min, error) ||
       !parse_time (_("To"), to, &exception->end_min, error)))
    return FALSE;
  if (exception->end_min <= exception->start_min)
    {
      /* TRANSLATORS: two times of day */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("To %s is not after From %s."), to, from);
      return FALSE;
    }
  exception->reason = pd_mes_dup_text (GTK_EDITABLE (row->reason));
  return TRUE;
}

/* Every row parsed and its message set; the first message in *ERROR. */
static gboolean
collect_calendar (PdWorkCenterDialog  *self,
                  PdWorkCenter        *wc,
                  GError             **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->shifts->len; i++)
    {
      ShiftRow *row = g_ptr_array_index (self->shifts, i);
      PdShift shift = { 0, };
      g_autoptr(GError) local = NULL;

      if (parse_shift_row (row, &shift, &local))
        {
          pd_mes_set_message (row->error_label, &row->error, NULL);
          pd_work_center_add_shift (wc, &shift);
          pd_shift_clear (&shift);
        }
      else
        {
          pd_mes_set_message (row->error_label, &row->error, local->message);
          if (ok)
            /* TRANSLATORS: a shift row's number, then why it is refused */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Shift %u: %s"), i + 1, local->message);
          ok = FALSE;
        }
    }

  for (guint i = 0; i < self->exceptions->len; i++)
    {
      ExceptionRow *row = g_ptr_array_index (self->exceptions, i);
      PdCalendarException exception;
      g_autoptr(GError) local = NULL;

      if (parse_exception_row (row, &exception, &local))
        {
          pd_mes_set_message (row->error_label, &row->error, NULL);
          pd_work_center_add_exception (wc, &exception);
          g_free (exception.reason);
        }
      else
        {
          pd_mes_set_message (row->error_label, &row->error, local->message);
          if (ok)
            /* TRANSLATORS: an exception row's number, then why it is refused */
            g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Exception %u: %s"), i + 1, local->message);
          ok = FALSE;
        }
    }

  return ok;
}

/* --- The preview ----------------------------------------------------------- */

static char *
format_duration (gint64 us)
{
  gint64 minutes = us / G_USEC_PER_SEC / 60;

  /* TRANSLATORS: hours and minutes of working time */
  return g_strdup_printf (_("%" PRId64 " h %02" PRId64 " min"), minutes / 60, minutes % 60);
}

static void
update_preview (PdWorkCenterDialog *self)
{
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  g_autoptr(PdWorkCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) day = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                                              g_date_time_get_day_of_month (now), 0, 0, 0);
  GString *text = g_string_new (NULL);
  gint64 total = 0;

  gboolean rows_ok = collect_calendar (self, wc, &error);

  /* A message on top follows the rows as they are fixed. */
  if (self->error != NULL)
    {
      g_free (self->error);
      self->error = rows_ok ? NULL : g_strdup (error->message);
      gtk_label_set_text (self->error_label, self->error != NULL ? self->error : "");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error != NULL);
    }

  if (!rows_ok ||
      (calendar = pd_work_center_build_calendar (wc, tz, &error)) == NULL)
    {
      self->preview_us = -1;
      g_string_append (text, error->message);
    }
  else
    {
      for (guint d = 0; d < PREVIEW_DAYS; d++)
        {
          g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);
          gint64 from = g_date_time_to_unix (day) * G_USEC_PER_SEC;
          gint64 to = g_date_time_to_unix (next) * G_USEC_PER_SEC;
          g_autoptr(GArray) intervals = pd_work_calendar_intervals (calendar, from, to);
          g_autofree char *date = g_date_time_format (day, "%a %x");
          gint64 worked = 0;
          GString *spans = g_string_new (NULL);
          g_autofree char *duration = NULL;

          for (guint i = 0; i < intervals->len; i++)
            {
              const PdInterval *iv = &g_array_index (intervals, PdInterval, i);
              g_autoptr(GDateTime) s = g_date_time_new_from_unix_local (iv->start / G_USEC_PER_SEC);
              g_autoptr(GDateTime) e = g_date_time_new_from_unix_local (iv->end / G_USEC_PER_SEC);
              g_autofree char *st = g_date_time_format (s, "%H:%M");
              g_autofree char *et = iv->end == to ? g_strdup ("24:00") : g_date_time_format (e, "%H:%M");

              worked += iv->end - iv->start;
              g_string_append_printf (spans, "%s%s–%s", i > 0 ? ", " : "", st, et);
            }
          total += worked;
          duration = format_duration (worked);
          g_string_append_printf (text, "%s  %s%s%s%s\n", date, duration,
                                  spans->len > 0 ? "  (" : "", spans->str, spans->len > 0 ? ")" : "");
          g_string_free (spans, TRUE);
          g_clear_pointer (&day, g_date_time_unref);
          day = g_steal_pointer (&next);
        }
      self->preview_us = total;
      {
        g_autofree char *duration = format_duration (total);

        /* TRANSLATORS: the working time of the 7 days shown */
        g_string_append_printf (text, _("Total: %s"), duration);
      }
    }

  g_free (self->preview_text);
  self->preview_text = g_string_free (text, FALSE);
  gtk_label_set_text (self->preview_label, self->preview_text);
}

static void
changed_cb (PdWorkCenterDialog *self)
{
  update_preview (self);
}

/* --- Rows ------------------------------------------------------------------ */

static GtkEntry *
row_entry (GtkWidget  *box,
           const char *placeholder,
           const char *label,
           int         width,
           gboolean    expand,
           gpointer    self)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_widget_set_hexpand (entry, expand);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (box), entry);
  return GTK_ENTRY (entry);
}

/* A list row: the fields in a line, the message under them. */
static GtkWidget *
new_row (GtkListBox *list,
         GtkWidget **fields,
         GtkLabel  **error_label)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();

  *fields = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (outer, 6);
  gtk_widget_set_margin_end (outer, 6);
  gtk_widget_set_margin_top (outer, 6);
  gtk_widget_set_margin_bottom (outer, 6);
  gtk_box_append (GTK_BOX (outer), *fields);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (GTK_BOX (outer), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), outer);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
  *error_label = GTK_LABEL (label);
  return row;
}

static GtkWidget *
remove_button (GtkWidget  *box,
               const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

static void
remove_shift_cb (GtkButton          *button,
                 PdWorkCenterDialog *self)
{
  for (guint i = 0; i < self->shifts->len; i++)
    {
      ShiftRow *row = g_ptr_array_index (self->shifts, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), row->row))
        {
          _pd_work_center_dialog_remove_shift (self, i);
          return;
        }
    }
}

static ShiftRow *
add_shift_row (PdWorkCenterDialog *self,
               const char         *days,
               const char         *start,
               const char         *end,
               const char         *breaks)
{
  ShiftRow *row = g_new0 (ShiftRow, 1);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *box, *remove;
  guint selected = 0;

  row->day_values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (day_choices); i++)
    {
      g_ptr_array_add (row->day_values, g_strdup (day_choices[i].days));
      gtk_string_list_append (labels, _(day_choices[i].label));
      if (g_strcmp0 (days, day_choices[i].days) == 0)
        selected = i;
    }
  if (days != NULL && !g_ptr_array_find_with_equal_func (row->day_values, days, g_str_equal, &selected))
    {
      g_ptr_array_add (row->day_values, g_strdup (days));
      gtk_string_list_append (labels, days);
      selected = row->day_values->len - 1;
    }

  row->row = new_row (self->shifts_list, &box, &row->error_label);
  row->days = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_selected (row->days, selected);
  gtk_widget_set_valign (GTK_WIDGET (row->days), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->days), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days"), -1);
  g_signal_connect_swapped (row->days, "notify::selected", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->days));
  row->start = row_entry (box, _("Start"), _("Start time"), 6, FALSE, self);
  row->end = row_entry (box, _("End"), _("End time"), 6, FALSE, self);
  row->breaks = row_entry (box, _("Breaks, such as 10:00-10:15"), _("Breaks"), 20, TRUE, self);
  remove = remove_button (box, _("Remove Shift"));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_shift_cb), self);

  gtk_editable_set_text (GTK_EDITABLE (row->start), start != NULL ? start : "06:00");
  gtk_editable_set_text (GTK_EDITABLE (row->end), end != NULL ? end : "14:00");
  gtk_editable_set_text (GTK_EDITABLE (row->breaks), breaks != NULL ? breaks : "");
  g_ptr_array_add (self->shifts, row);
  return row;
}

static void
add_shift_clicked_cb (PdWorkCenterDialog *self)
{
  ShiftRow *row = add_shift_row (self, "mon-fri", NULL, NULL, NULL);

  update_preview (self);
  gtk_widget_grab_focus (GTK_WIDGET (row->days));
}

static void
remove_exception_cb (GtkButton          *button,
                     PdWorkCenterDialog *self)
{
  for (guint i = 0; i < self->exceptions->len; i++)
    {
      ExceptionRow *row = g_ptr_array_index (self->exceptions, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), row->row))
        {
          gtk_list_box_remove (self->exceptions_list, row->row);
          g_ptr_array_remove_index (self->exceptions, i);
          update_preview (self);
          return;
        }
    }
}

static ExceptionRow *
add_exception_row (PdWorkCenterDialog *self,
                   const char         *date,
                   gboolean            closed,
                   const char         *from,
                   const char         *to,
                   const char         *reason)
{
  ExceptionRow *row = g_new0 (ExceptionRow, 1);
  const char *kinds[] = { _("Closed"), _("Overtime"), NULL };
  GtkWidget *box, *remove;

  row->row = new_row (self->exceptions_list, &box, &row->error_label);
  row->date = row_entry (box, _("YYYY-MM-DD"), _("Date"), 11, FALSE, self);
  row->kind = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  gtk_drop_down_set_selected (row->kind, closed ? 0 : 1);
  gtk_widget_set_valign (GTK_WIDGET (row->kind), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Closed or overtime"), -1);
  g_signal_connect_swapped (row->kind, "notify::selected", G_CALLBACK (changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->kind));
  row->from = row_entry (box, _("From"), _("From"), 6, FALSE, self);
  row->to = row_entry (box, _("To"), _("To"), 6, FALSE, self);
  row->reason = row_entry (box, _("Reason (optional)"), _("Reason"), 14, TRUE, self);
  remove = remove_button (box, _("Remove Exception"));
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_exception_cb), self);

  g_ptr_array_add (self->exceptions, row);
  gtk_editable_set_text (GTK_EDITABLE (row->date), date != NULL ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (row->from), from != NULL ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (row->to), to != NULL ? to : "");
  gtk_editable_set_text (GTK_EDITABLE (row->reason), reason != NULL ? reason : "");
  return row;
}

static void
add_exception_clicked_cb (PdWorkCenterDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  ExceptionRow *row = add_exception_row (self, today, TRUE, NULL, NULL, NULL);

  update_preview (self);
  gtk_widget_grab_focus (GTK_WIDGET (row->date));
}

/* --- Choices of tags and locations ------------------------------------------ */

typedef struct
{
  GStrv tags;
  GStrv locations;
} Choices;

static void
choices_free (gpointer data)
{
  Choices *choices = data;

  g_strfreev (choices->tags);
  g_strfreev (choices->locations);
  g_free (choices);
}

static gboolean
read_choices_job (PdStore   *worker_store,
                  gpointer   data,
                  gpointer  *result,
                  GError   **error)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GStrvBuilder) tag_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) location_codes = g_strv_builder_new ();
  Choices *choices;

  if ((devices = pd_store_list_devices (worker_store, error)) == NULL ||
      (tags = pd_store_list_tags (worker_store, 0, error)) == NULL ||
      (locations = pd_store_list_locations (worker_store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);

      for (guint j = 0; j < devices->len; j++)
        {
          const PdDevice *device = g_ptr_array_index (devices, j);

          if (device->id == tag->device_id)
            {
              g_autofree char *name = g_strdup_printf ("%s/%s", device->name, tag->name);

              g_strv_builder_add (tag_names, name);
              break;
            }
        }
    }
  for (guint i = 0; i < locations->len; i++)
    g_strv_builder_add (location_codes, ((const PdLocation *) g_ptr_array_index (locations, i))->code);

  choices = g_new0 (Choices, 1);
  choices->tags = g_strv_builder_end (tag_names);
  choices->locations = g_strv_builder_end (location_codes);
  *result = choices;
  return TRUE;
}

/* Fills ROW with "None" and VALUES, CURRENT selected (added if missing). */
static void
fill_combo (AdwComboRow        *row,
            const char * const *values,
            const char         *current)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  /* TRANSLATORS: no tag or location chosen */
  gtk_string_list_append (list, C_("choice", "None"));
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gtk_string_list_append (list, values[i]);
      if (current != NULL && g_ascii_strcasecmp (current, values[i]) == 0)
        selected = i + 1;
    }
  if (current != NULL && selected == 0)
    {
      gtk_string_list_append (list, current);
      selected = g_list_model_get_n_items (G_LIST_MODEL (list)) - 1;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (row, selected);
}

/* The value chosen in ROW, or NULL for none. */
static char *
combo_value (AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);
  GtkStringObject *item;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = adw_combo_row_get_selected_item (row);
  return item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
}

static void
read_choices_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PdWorkCenterDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Choices *choices = NULL;
  struct { AdwComboRow *row; gboolean tag; } combos[] = {
    { self->good_row, TRUE }, { self->scrap_row, TRUE }, { self->running_row, TRUE },
    { self->from_row, FALSE }, { self->to_row, FALSE },
  };

  gboolean ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &choices, &error);

  if (self->worker == NULL)  /* closed meanwhile */
    {
      g_clear_pointer (&choices, choices_free);
      return;
    }
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      g_autofree char *current = combo_value (combos[i].row);

      fill_combo (combos[i].row, (const char * const *) (combos[i].tag ? choices->tags : choices->locations), current);
    }
  choices_free (choices);
  self->loaded = TRUE;
}

/* --- Saving ---------------------------------------------------------------- */

typedef struct
{
  PdWorkCenterDialog *self;
  PdUser             *user;
  PdWorkCenter       *wc;
  gboolean            add;
} Save;

static void
save_free (Save *save)
{
  g_object_unref (save->self);
  g_object_unref (save->user);
  pd_work_center_free (save->wc);
  g_free (save);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Save, save_free)

static gboolean
save_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  Save *save = data;

  if (save->add)
    return pd_store_add_work_center (worker_store, save->user, save->wc, error);
  return pd_store_update_work_center (worker_store, save->user, save->wc, error);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  PdWorkCenterDialog *self = save->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWindow *parent;
  gboolean ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error);

  self->busy = FALSE;
  if (self->worker == NULL)  /* closed meanwhile */
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  /* TRANSLATORS: a work center's code, then its name */
  message = g_strdup_printf (save->add ? _("Added work center %s (%s).") : _("Saved work center %s (%s)."),
                             save->wc->code, save->wc->name);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (PdWorkCenterDialog *self)
{
  g_autoptr(PdWorkCenter) wc = NULL;
  g_autoptr(GError) error = NULL;
  Save *save;

  if (self->busy)
    return;

  wc = self->original != NULL ? pd_work_center_copy (self->original) : pd_work_center_new ();
  g_array_set_size (wc->shifts, 0);
  g_array_set_size (wc->exceptions, 0);
  g_free (wc->code);
  wc->code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
  g_free (wc->name);
  wc->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (wc->line);
  wc->line = pd_mes_dup_text (GTK_EDITABLE (self->line_row));
  g_free (wc->kind);
  wc->kind = pd_mes_dup_text (GTK_EDITABLE (self->kind_row));
  gtk_spin_button_update (self->capacity_spin);
  wc->capacity = (guint) gtk_spin_button_get_value_as_int (self->capacity_spin);
  g_free (wc->good_tag);
  wc->good_tag = combo_value (self->good_row);
  g_free (wc->scrap_tag);
  wc->scrap_tag = combo_value (self->scrap_row);
  g_free (wc->running_tag);
  wc->running_tag = combo_value (self->running_row);
  g_free (wc->from_location);
  wc->from_location = combo_value (self->from_row);
  g_free (wc->to_location);
  wc->to_location = combo_value (self->to_row);

  /* Rows in error keep their messages; the first one is shown on top. */
  if (!collect_calendar (self, wc, &error) || !pd_work_center_validate (wc, &error))
    {
      show_error (self, error->message);
      return;
    }

  save = g_new0 (Save, 1);
  save->self = g_object_ref (self);
  save->user = g_object_ref (self->user);
  save->add = self->original == NULL;
  save->wc = g_steal_pointer (&wc);
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  pd_store_worker_run_async (self->worker, save_job, save, NULL, NULL,
                             self->cancellable, save_done_cb, save);
}

static void
cancel_clicked_cb (PdWorkCenterDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_work_center_dialog_dispose (GObject *object)
{
  PdWorkCenterDialog *self = PD_WORK_CENTER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_work_center_dialog_parent_class)->dispose (object);
}

static void
pd_work_center_dialog_finalize (GObject *object)
{
  PdWorkCenterDialog *self = PD_WORK_CENTER_DIALOG (object);

  g_clear_pointer (&self->shifts, g_ptr_array_unref);
  g_clear_pointer (&self->exceptions, g_ptr_array_unref);
  g_clear_pointer (&self->original, pd_work_center_free);
  g_free (self->error);
  g_free (self->preview_text);

  G_OBJECT_CLASS (pd_work_center_dialog_parent_class)->finalize (object);
}

static void
pd_work_center_dialog_class_init (PdWorkCenterDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_work_center_dialog_dispose;
  object_class->finalize = pd_work_center_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/mes/pd-work-center-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, line_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, shifts_list);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, exceptions_list);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, good_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, scrap_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, running_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, PdWorkCenterDialog, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_shift_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_exception_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pd_work_center_dialog_init (PdWorkCenterDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->shifts = g_ptr_array_new_with_free_func (shift_row_free);
  self->exceptions = g_ptr_array_new_with_free_func (exception_row_free);
}

PdWorkCenterDialog *
pd_work_center_dialog_new (GtkWindow          *parent,
                           PdStoreWorker      *worker,
                           PdUser             *user,
                           const PdWorkCenter *wc)
{
  PdWorkCenterDialog *self;
  const char *none[] = { NULL };

  g_return_val_if_fail (PD_IS_STORE_WORKER (worker), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_WORK_CENTER_DIALOG, "transient-for", parent, NULL);
  self->worker = g_object_ref (worker);
  self->user = g_object_ref (user);

  if (wc != NULL)
    {
      char date[16];

      self->original = pd_work_center_copy (wc);
      /* TRANSLATORS: the title of the dialog; %s is the work center's code */
      {
        g_autofree char *title = g_strdup_printf (_("Work Center %s"), wc->code);

        gtk_window_set_title (GTK_WINDOW (self), title);
      }
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), wc->code);
      gtk_editable_set_editable (GTK_EDITABLE (self->code_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), wc->name != NULL ? wc->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->line_row), wc->line != NULL ? wc->line : "");
      gtk_editable_set_text (GTK_EDITABLE (self->kind_row), wc->kind != NULL ? wc->kind : "");
      gtk_spin_button_set_value (self->capacity_spin, wc->capacity);
      for (guint i = 0; wc->shifts != NULL && i < wc->shifts->len; i++)
        {
          const PdShift *shift = &g_array_index (wc->shifts, PdShift, i);
          g_autofree char *text = pd_shift_to_string (shift);
          g_autofree char *days = g_strndup (text, strcspn (text, ":"));
          g_autofree char *start = g_strdup_printf ("%02u:%02u", shift->start_min / 60, shift->start_min % 60);
          g_autofree char *end = g_strdup_printf ("%02u:%02u", shift->end_min / 60, shift->end_min % 60);
          g_autoptr(GString) breaks = g_string_new (NULL);

          for (guint b = 0; shift->breaks != NULL && b < shift->breaks->len; b++)
            {
              const PdBreak *br = &g_array_index (shift->breaks, PdBreak, b);

              g_string_append_printf (breaks, "%s%02u:%02u-%02u:%02u", b > 0 ? " " : "",
                                      br->start_min / 60, br->start_min % 60, br->end_min / 60, br->end_min % 60);
            }
          add_shift_row (self, days, start, end, breaks->str);
        }
      for (guint i = 0; wc->exceptions != NULL && i < wc->exceptions->len; i++)
        {
          const PdCalendarException *e = &g_array_index (wc->exceptions, PdCalendarException, i);
          gboolean whole = e->start_min == 0 && e->end_min == 24 * 60;
          g_autofree char *from = g_strdup_printf ("%02u:%02u", e->start_min / 60, e->start_min % 60);
          g_autofree char *to = g_strdup_printf ("%02u:%02u", e->end_min / 60, e->end_min % 60);

          g_date_strftime (date, sizeof date, "%Y-%m-%d", &e->date);
          add_exception_row (self, date, e->kind == PD_EXCEPTION_CLOSED, whole ? NULL : from,
                             whole ? NULL : to, e->reason);
        }
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Work Center"));
    }

  fill_combo (self->good_row, none, wc != NULL ? wc->good_tag : NULL);
  fill_combo (self->scrap_row, none, wc != NULL ? wc->scrap_tag : NULL);
  fill_combo (self->running_row, none, wc != NULL ? wc->running_tag : NULL);
  fill_combo (self->from_row, none, wc != NULL ? wc->from_location : NULL);
  fill_combo (self->to_row, none, wc != NULL ? wc->to_location : NULL);
  update_preview (self);

  pd_store_worker_run_async (self->worker, read_choices_job, NULL, NULL, choices_free,
                             self->cancellable, read_choices_done_cb, g_object_ref (self));
  return self;
}

/* --- For tests -------------------------------------------------------------- */

static GtkEditable *
field (PdWorkCenterDialog *self,
       const char         *name)
{
  if (g_str_equal (name, "code"))
    return GTK_EDITABLE (self->code_row);
  if (g_str_equal (name, "name"))
    return GTK_EDITABLE (self->name_row);
  if (g_str_equal (name, "line"))
    return GTK_EDITABLE (self->line_row);
  if (g_str_equal (name, "kind"))
    return GTK_EDITABLE (self->kind_row);
  if (g_str_equal (name, "capacity"))
    return GTK_EDITABLE (self->capacity_spin);
  g_return_val_if_reached (NULL);
}

static AdwComboRow *
choice (PdWorkCenterDialog *self,
        const char         *name)
{
  if (g_str_equal (name, "good-tag"))
    return self->good_row;
  if (g_str_equal (name, "scrap-tag"))
    return self->scrap_row;
  if (g_str_equal (name, "running-tag"))
    return self->running_row;
  if (g_str_equal (name, "from-location"))
    return self->from_row;
  if (g_str_equal (name, "to-location"))
    return self->to_row;
  g_return_val_if_reached (NULL);
}

void
_pd_work_center_dialog_set_field (PdWorkCenterDialog *self,
                                  const char         *name,
                                  const char         *text)
{
  gtk_editable_set_text (field (self, name), text);
  if (g_str_equal (name, "capacity"))
    gtk_spin_button_update (self->capacity_spin);
}

gboolean
_pd_work_center_dialog_choose (PdWorkCenterDialog *self,
                               const char         *name,
                               const char         *value)
{
  AdwComboRow *row = choice (self, name);
  GListModel *model = adw_combo_row_get_model (row);

  if (value == NULL)
    {
      adw_combo_row_set_selected (row, 0);
      return TRUE;
    }
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), value))
        {
          adw_combo_row_set_selected (row, i);
          return TRUE;
        }
    }
  return FALSE;
}

GStrv
_pd_work_center_dialog_get_choices (PdWorkCenterDialog *self,
                                    const char         *name)
{
  GListModel *model = adw_combo_row_get_model (choice (self, name));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, gtk_string_object_get_string (item));
    }
  return g_strv_builder_end (builder);
}

guint
_pd_work_center_dialog_add_shift (PdWorkCenterDialog *self,
                                  const char         *days,
                                  const char         *start,
                                  const char         *end,
                                  const char         *breaks)
{
  add_shift_row (self, days, start, end, breaks);
  update_preview (self);
  return self->shifts->len - 1;
}

void
_pd_work_center_dialog_remove_shift (PdWorkCenterDialog *self,
                                     guint               i)
{
  ShiftRow *row;

  g_return_if_fail (i < self->shifts->len);
  row = g_ptr_array_index (self->shifts, i);
  gtk_list_box_remove (self->shifts_list, row->row);
  g_ptr_array_remove_index (self->shifts, i);
  update_preview (self);
}

guint
_pd_work_center_dialog_get_n_shifts (PdWorkCenterDialog *self)
{
  return self->shifts->len;
}

const char *
_pd_work_center_dialog_get_shift_error (PdWorkCenterDialog *self,
                                        guint               i)
{
  g_return_val_if_fail (i < self->shifts->len, NULL);
  return ((ShiftRow *) g_ptr_array_index (self->shifts, i))->error;
}

guint
_pd_work_center_dialog_add_exception (PdWorkCenterDialog *self,
                                      const char         *date,
                                      gboolean            closed,
                                      const char         *from,
                                      const char         *to,
                                      const char         *reason)
{
  add_exception_row (self, date, closed, from, to, reason);
  update_preview (self);
  return self->exceptions->len - 1;
}

void
_pd_work_center_dialog_set_exception_date (PdWorkCenterDialog *self,
                                           guint               i,
                                           const char         *date)
{
  g_return_if_fail (i < self->exceptions->len);
  gtk_editable_set_text (GTK_EDITABLE (((ExceptionRow *) g_ptr_array_index (self->exceptions, i))->date), date);
}

const char *
_pd_work_center_dialog_get_exception_error (PdWorkCenterDialog *self,
                                            guint               i)
{
  g_return_val_if_fail (i < self->exceptions->len, NULL);
  return ((ExceptionRow *) g_ptr_array_index (self->exceptions, i))->error;
}

gint64
_pd_work_center_dialog_get_preview_us (PdWorkCenterDialog *self)
{
  return self->preview_us;
}

const char *
_pd_work_center_dialog_get_preview_text (PdWorkCenterDialog *self)
{
  return self->preview_text;
}

void
_pd_work_center_dialog_save (PdWorkCenterDialog *self)
{
  save_clicked_cb (self);
}

const char *
_pd_work_center_dialog_get_error (PdWorkCenterDialog *self)
{
  return self->error;
}

gboolean
_pd_work_center_dialog_is_busy (PdWorkCenterDialog *self)
{
  return self->busy;
}

gboolean
_pd_work_center_dialog_is_loaded (PdWorkCenterDialog *self)
{
  return self->loaded;
}
