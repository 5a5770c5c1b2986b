/* pd-terminal-actions.c — the terminal's writes (start, pause, resume,
 * report, complete, a supervisor's approval) and the panels that lead to
 * them
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-terminal-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mes/pd-terminal-view-private.h"

/* The keypad, in rows of three: "⌫" deletes the last character. */
static const char * const keypad_keys[] = {
  "7", "8", "9",
  "4", "5", "6",
  "1", "2", "3",
  "0", ".", "⌫",
};

/* --- Shared --------------------------------------------------------------- */

void
_pd_terminal_view_answer (PdTerminalView *self,
                          gboolean        ok,
                          const char     *message)
{
  pd_scan_feedback_show (self->feedback, ok, message);
}

void
_pd_terminal_view_show_page (PdTerminalView *self,
                             const char     *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);

  if (g_str_equal (name, "report"))
    gtk_widget_grab_focus (GTK_WIDGET (self->good_entry));
  else if (g_str_equal (name, "supervisor"))
    gtk_widget_grab_focus (GTK_WIDGET (self->supervisor_name_entry));
}

void
_pd_terminal_view_clear_approval (PdTerminalView *self)
{
  self->approval_pending = FALSE;
  g_clear_pointer (&self->approval_number, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->approval_button), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->supervisor_password_entry), "");
}

void
_pd_terminal_view_update_buttons (PdTerminalView *self)
{
  PdTerminalEntry *entry = self->current;
  gboolean can = pd_user_can (self->user, PD_PERMISSION_MES_EXECUTE) && self->n_writes == 0 && entry != NULL;
  PdWoOpStatus status = entry != NULL ? entry->status : PD_WO_OP_PENDING;
  const char *tooltip = pd_user_can (self->user, PD_PERMISSION_MES_EXECUTE) ?
    NULL : _("Your role may not execute operations.");

  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), can && status == PD_WO_OP_READY);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_button), can && status == PD_WO_OP_RUNNING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->resume_button), can && status == PD_WO_OP_PAUSED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_button), can && status == PD_WO_OP_RUNNING);
  gtk_widget_set_sensitive (GTK_WIDGET (self->complete_button),
                            can && (status == PD_WO_OP_RUNNING || status == PD_WO_OP_PAUSED));
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_confirm_button), self->n_writes == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->complete_confirm_button), self->n_writes == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->approve_button), self->n_writes == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pause_grid), self->n_writes == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->approval_button), self->n_writes == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->approval_button), self->approval_pending);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->resume_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->report_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->complete_button), tooltip);
}

/* --- Writes --------------------------------------------------------------- */

/* A copy of what one write needs, for the worker's thread. */
typedef struct
{
  PdTerminalView *self;
  PdUser         *user;
  PdWoAction      action;
  char           *number;
  guint           seq;
  PdPauseReason   pause_reason;
  PdQty           good;
  PdQty           scrap;
  PdScrapReason   scrap_reason;
  /* A supervisor's approval of a report beyond the ordered quantity. */
  char           *supervisor_name;
  char           *supervisor_password;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->user);
  g_free (job->number);
  g_free (job->supervisor_name);
  if (job->supervisor_password != NULL)
    {
      memset (job->supervisor_password, 0, strlen (job->supervisor_password));
      g_free (job->supervisor_password);
    }
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteJob, write_job_free)

static gboolean
write_job (PdStore   *worker_store,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  WriteJob *job = data;
  g_autoptr(PdUser) supervisor = NULL;

  switch (job->action)
    {
    case PD_WO_ACTION_START:
      return pd_store_start_operation (worker_store, job->user, job->number, job->seq, error);

    case PD_WO_ACTION_PAUSE:
      return pd_store_pause_operation (worker_store, job->user, job->number, job->seq, job->pause_reason, error);

    case PD_WO_ACTION_RESUME:
      return pd_store_resume_operation (worker_store, job->user, job->number, job->seq, error);

    case PD_WO_ACTION_COMPLETE:
      return pd_store_complete_operation (worker_store, job->user, job->number, job->seq, error);

    case PD_WO_ACTION_REPORT:
      if (job->supervisor_name == NULL)
        return pd_store_report_operation (worker_store, job->user, job->number, job->seq,
                                          job->good, job->scrap, job->scrap_reason, "manual", error);

      /* The supervisor signs in here for this one report only: the
       * operator stays signed in, and the report is the supervisor's in
       * the audit log. Hashing runs here, on the worker's thread. */
      supervisor = pd_store_login (worker_store, job->supervisor_name, job->supervisor_password, error);
      if (supervisor == NULL)
        return FALSE;
      if (!pd_user_can (supervisor, PD_PERMISSION_MES_PLAN))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED,
                       _("“%s” may not approve reports beyond the ordered quantity. Ask a supervisor."),
                       pd_user_get_name (supervisor));
          return FALSE;
        }
      if (!pd_store_report_operation (worker_store, supervisor, job->number, job->seq,
                                      job->good, job->scrap, job->scrap_reason, "manual", error))
        return FALSE;
      *result = g_strdup (pd_user_get_name (supervisor));
      return TRUE;

    case PD_WO_ACTION_CREATE:
    case PD_WO_ACTION_RELEASE:
    case PD_WO_ACTION_SCHEDULE:
    case PD_WO_ACTION_ISSUE:
    case PD_WO_ACTION_CLOSE:
    case PD_WO_ACTION_CANCEL:
    default:
      g_assert_not_reached ();
    }
}

static char *
success_message (WriteJob   *job,
                 const char *approver)
{
  g_autofree char *good = pd_qty_format (job->good);
  g_autofree char *scrap = pd_qty_format (job->scrap);

  switch (job->action)
    {
    case PD_WO_ACTION_START:
      return g_strdup_printf (_("Operation %u of %s started."), job->seq, job->number);
    case PD_WO_ACTION_PAUSE:
      /* TRANSLATORS: the last %s is the pause reason, such as "Breakdown" */
      return g_strdup_printf (_("Operation %u of %s paused: %s."), job->seq, job->number,
                              pd_pause_reason_get_label (job->pause_reason));
    case PD_WO_ACTION_RESUME:
      return g_strdup_printf (_("Operation %u of %s resumed."), job->seq, job->number);
    case PD_WO_ACTION_COMPLETE:
      return g_strdup_printf (_("Operation %u of %s completed."), job->seq, job->number);
    case PD_WO_ACTION_REPORT:
      if (approver != NULL)
        /* TRANSLATORS: good parts, scrap parts, the supervisor's user name */
        return g_strdup_printf (_("Reported %s good and %s scrap, approved by %s."), good, scrap, approver);
      return g_strdup_printf (_("Reported %s good and %s scrap."), good, scrap);
    case PD_WO_ACTION_CREATE:
    case PD_WO_ACTION_RELEASE:
    case PD_WO_ACTION_SCHEDULE:
    case PD_WO_ACTION_ISSUE:
    case PD_WO_ACTION_CLOSE:
    case PD_WO_ACTION_CANCEL:
    default:
      g_assert_not_reached ();
    }
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  /* The job is the callback's, not the worker's: the worker frees its
   * data before answering. */
  g_autoptr(WriteJob) job = user_data;
  PdTerminalView *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *approver = NULL;
  g_autofree char *message = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &approver, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_writes--;

  if (error != NULL)
    {
      _pd_terminal_view_answer (self, FALSE, error->message);
      if (job->action == PD_WO_ACTION_REPORT && job->supervisor_name == NULL &&
          g_error_matches (error, PD_ERROR, PD_ERROR_PERMISSION_DENIED))
        {
          /* Beyond the ordered quantity: the same report, if a supervisor
           * approves it. */
          self->approval_pending = TRUE;
          g_free (self->approval_number);
          self->approval_number = g_strdup (job->number);
          self->approval_seq = job->seq;
          self->approval_good = job->good;
          self->approval_scrap = job->scrap;
          self->approval_reason = job->scrap_reason;
          _pd_terminal_view_show_page (self, "work");
        }
      else if (job->supervisor_name != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->supervisor_password_entry), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->supervisor_password_entry));
        }
      _pd_terminal_view_update_buttons (self);
      return;
    }

  message = success_message (job, approver);
  _pd_terminal_view_answer (self, TRUE, message);
  if (job->action == PD_WO_ACTION_REPORT)
    _pd_terminal_view_clear_approval (self);
  _pd_terminal_view_show_page (self, "work");
  _pd_terminal_view_update_buttons (self);
}

static WriteJob *
write_job_new (PdTerminalView *self,
               PdWoAction      action)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->self = g_object_ref (self);
  job->user = g_object_ref (self->user);
  job->action = action;
  if (self->current != NULL)
    {
      job->number = g_strdup (self->current->number);
      job->seq = self->current->seq;
    }
  return job;
}

static void
run_write (PdTerminalView *self,
           WriteJob       *job)
{
  self->n_writes++;
  _pd_terminal_view_update_buttons (self);
  pd_store_worker_run_async (self->worker, write_job, job, NULL,
                             g_free, self->cancellable, write_done_cb, job);
}

/* --- Start, resume -------------------------------------------------------- */

static void
start_clicked_cb (PdTerminalView *self)
{
  if (self->current != NULL)
    run_write (self, write_job_new (self, PD_WO_ACTION_START));
}

static void
resume_clicked_cb (PdTerminalView *self)
{
  if (self->current != NULL)
    run_write (self, write_job_new (self, PD_WO_ACTION_RESUME));
}

static void
cancel_clicked_cb (PdTerminalView *self)
{
  _pd_terminal_view_show_page (self, "work");
}

/* --- Pause ---------------------------------------------------------------- */

static void
pause_clicked_cb (PdTerminalView *self)
{
  if (self->current != NULL)
    _pd_terminal_view_show_page (self, "pause");
}

static void
pause_reason_clicked_cb (GtkButton      *button,
                         PdTerminalView *self)
{
  WriteJob *job;

  if (self->current == NULL)
    {
      _pd_terminal_view_show_page (self, "work");
      return;
    }

  job = write_job_new (self, PD_WO_ACTION_PAUSE);
  job->pause_reason = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pd-reason"));
  run_write (self, job);
}

/* --- Report --------------------------------------------------------------- */

static void
report_clicked_cb (PdTerminalView *self)
{
  g_autofree char *title = NULL;

  if (self->current == NULL)
    return;

  /* TRANSLATORS: work order number and operation sequence */
  title = g_strdup_printf (_("Report on %s · Op %u"), self->current->number, self->current->seq);
  gtk_label_set_text (self->report_title, title);
  gtk_editable_set_text (GTK_EDITABLE (self->good_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->scrap_entry), "");
  self->scrap_reason_set = FALSE;
  for (guint i = 0; i < PD_N_SCRAP_REASONS; i++)
    gtk_toggle_button_set_active (self->scrap_buttons[i], FALSE);
  self->keypad_target = GTK_EDITABLE (self->good_entry);
  /* A new report starts without the answer to the one before. */
  pd_scan_feedback_hide (self->feedback);
  _pd_terminal_view_show_page (self, "report");
}

static gboolean
parse_field (GtkEntry    *entry,
             const char  *field,
             PdQty       *qty,
             GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) local_error = NULL;

  if (*text == '\0')
    {
      *qty = 0;
      return TRUE;
    }
  if (!pd_qty_parse (text, qty, &local_error))
    {
      /* TRANSLATORS: a field's name, then why its value was refused */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: %s"), field, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
report_confirm_cb (PdTerminalView *self)
{
  g_autoptr(GError) error = NULL;
  WriteJob *job;
  PdQty good;
  PdQty scrap;

  if (self->current == NULL || self->n_writes > 0)
    return;

  if (!parse_field (self->good_entry, _("Good parts"), &good, &error) ||
      !parse_field (self->scrap_entry, _("Scrap parts"), &scrap, &error))
    {
      _pd_terminal_view_answer (self, FALSE, error->message);
      return;
    }
  if (scrap > 0 && !self->scrap_reason_set)
    {
      g_autofree char *text = pd_qty_format (scrap);
      g_autofree char *message = g_strdup_printf (_("Choose the reason for the %s scrap parts."), text);

      _pd_terminal_view_answer (self, FALSE, message);
      return;
    }

  job = write_job_new (self, PD_WO_ACTION_REPORT);
  job->good = good;
  job->scrap = scrap;
  job->scrap_reason = self->scrap_reason_set ? self->scrap_reason : PD_SCRAP_OTHER;
  run_write (self, job);
}

static void
good_activate_cb (PdTerminalView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->scrap_entry));
}

static void
scrap_reason_toggled_cb (GtkToggleButton *button,
                         PdTerminalView  *self)
{
  if (!gtk_toggle_button_get_active (button))
    {
      gboolean any = FALSE;

      for (guint i = 0; i < PD_N_SCRAP_REASONS; i++)
        any |= gtk_toggle_button_get_active (self->scrap_buttons[i]);
      self->scrap_reason_set = any;
      return;
    }

  self->scrap_reason = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pd-reason"));
  self->scrap_reason_set = TRUE;
}

static void
key_clicked_cb (GtkButton      *button,
                PdTerminalView *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "pd-key");
  GtkEditable *target = self->keypad_target != NULL ? self->keypad_target : GTK_EDITABLE (self->good_entry);
  const char *text = gtk_editable_get_text (target);
  g_autofree char *next = NULL;

  if (g_str_equal (key, "⌫"))
    {
      if (*text == '\0')
        return;
      next = g_strndup (text, g_utf8_find_prev_char (text, text + strlen (text)) - text);
    }
  else
    next = g_strconcat (text, key, NULL);

  gtk_editable_set_text (target, next);
  gtk_editable_set_position (target, -1);
}

static void
entry_focus_enter_cb (GtkEventControllerFocus *controller,
                      PdTerminalView          *self)
{
  self->keypad_target = GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

/* --- Supervisor approval -------------------------------------------------- */

static void
approval_clicked_cb (PdTerminalView *self)
{
  g_autofree char *good = NULL;
  g_autofree char *scrap = NULL;
  g_autofree char *summary = NULL;

  if (!self->approval_pending)
    return;

  good = pd_qty_format (self->approval_good);
  scrap = pd_qty_format (self->approval_scrap);
  summary = g_strdup_printf (_("The report of %s good and %s scrap on %s · Op %u goes beyond the ordered quantity. "
                               "A supervisor approves it with their user name and password; the report is then recorded as theirs."),
                             good, scrap, self->approval_number, self->approval_seq);
  gtk_label_set_text (self->supervisor_summary, summary);
  gtk_editable_set_text (GTK_EDITABLE (self->supervisor_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->supervisor_password_entry), "");
  _pd_terminal_view_show_page (self, "supervisor");
}

static void
supervisor_name_activate_cb (PdTerminalView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->supervisor_password_entry));
}

static void
approve_cb (PdTerminalView *self)
{
  WriteJob *job;

  if (!self->approval_pending || self->n_writes > 0)
    return;

  job = g_new0 (WriteJob, 1);
  job->self = g_object_ref (self);
  job->user = g_object_ref (self->user);
  job->action = PD_WO_ACTION_REPORT;
  job->number = g_strdup (self->approval_number);
  job->seq = self->approval_seq;
  job->good = self->approval_good;
  job->scrap = self->approval_scrap;
  job->scrap_reason = self->approval_reason;
  job->supervisor_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->supervisor_name_entry))));
  job->supervisor_password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->supervisor_password_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->supervisor_password_entry), "");
  run_write (self, job);
}

/* --- Complete ------------------------------------------------------------- */

static void
complete_clicked_cb (PdTerminalView *self)
{
  PdQty remaining;
  g_autofree char *left = NULL;
  g_autofree char *ordered = NULL;
  g_autofree char *summary = NULL;

  if (self->current == NULL)
    return;

  remaining = pd_terminal_entry_get_remaining (self->current);
  if (remaining == 0)
    {
      run_write (self, write_job_new (self, PD_WO_ACTION_COMPLETE));
      return;
    }

  left = pd_qty_format (remaining);
  ordered = pd_qty_format (self->current->qty);
  /* TRANSLATORS: remaining parts, ordered parts, work order, operation */
  summary = g_strdup_printf (_("%s of %s parts are still to make. Complete %s · Op %u anyway?"),
                             left, ordered, self->current->number, self->current->seq);
  gtk_label_set_text (self->complete_summary, summary);
  _pd_terminal_view_show_page (self, "complete");
}

static void
complete_confirm_cb (PdTerminalView *self)
{
  if (self->current == NULL || self->n_writes > 0)
    {
      _pd_terminal_view_show_page (self, "work");
      return;
    }
  run_write (self, write_job_new (self, PD_WO_ACTION_COMPLETE));
}

/* --- Set-up --------------------------------------------------------------- */

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  PdTerminalView *self = PD_TERMINAL_VIEW (widget);
  const char *page = _pd_terminal_view_get_page (self);

  if (g_strcmp0 (page, "work") == 0 || g_strcmp0 (page, "choose") == 0)
    return FALSE;
  _pd_terminal_view_show_page (self, "work");
  return TRUE;
}

static GtkWidget *
big_button (const char *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "terminal-button");
  return button;
}

void
_pd_terminal_view_init_panels (PdTerminalView *self)
{
  for (guint i = 0; i < PD_N_PAUSE_REASONS; i++)
    {
      GtkWidget *button = big_button (pd_pause_reason_get_label (i));

      gtk_widget_add_css_class (button, "terminal-reason-button");
      g_object_set_data (G_OBJECT (button), "pd-reason", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (pause_reason_clicked_cb), self);
      gtk_grid_attach (self->pause_grid, button, i % 3, i / 3, 1, 1);
    }

  for (guint i = 0; i < PD_N_SCRAP_REASONS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (pd_scrap_reason_get_label (i));

      gtk_widget_add_css_class (button, "terminal-toggle");
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->scrap_buttons[0]);
      g_object_set_data (G_OBJECT (button), "pd-reason", GUINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (scrap_reason_toggled_cb), self);
      self->scrap_buttons[i] = GTK_TOGGLE_BUTTON (button);
      gtk_flow_box_append (self->scrap_reason_box, button);
    }

  for (guint i = 0; i < G_N_ELEMENTS (keypad_keys); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (keypad_keys[i]);
      const char *name = keypad_keys[i];

      if (g_str_equal (name, "⌫"))
        name = _("Delete the last digit");
      else if (g_str_equal (name, "."))
        name = _("Decimal point");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      /* The entry being typed into keeps the focus. */
      gtk_widget_set_focus_on_click (button, FALSE);
      gtk_widget_add_css_class (button, "terminal-key");
      g_object_set_data (G_OBJECT (button), "pd-key", (gpointer) keypad_keys[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (key_clicked_cb), self);
      gtk_grid_attach (self->keypad_grid, button, i % 3, i / 3, 1, 1);
    }

  for (guint i = 0; i < 2; i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "enter", G_CALLBACK (entry_focus_enter_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (i == 0 ? self->good_entry : self->scrap_entry), focus);
    }
}

void
_pd_terminal_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pause_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, resume_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, complete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_confirm_cb);
  gtk_widget_class_bind_template_callback (widget_class, good_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, approval_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, supervisor_name_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, approve_cb);
  gtk_widget_class_bind_template_callback (widget_class, complete_confirm_cb);
}

/* --- For the GUI tests ---------------------------------------------------- */

GtkButton *
_pd_terminal_view_get_button (PdTerminalView *self,
                              const char     *name)
{
  const struct { const char *name; GtkButton *button; } buttons[] = {
    { "start", self->start_button },
    { "pause", self->pause_button },
    { "resume", self->resume_button },
    { "report", self->report_button },
    { "complete", self->complete_button },
    { "change", self->change_button },
    { "approval", self->approval_button },
    { "report-confirm", self->report_confirm_button },
    { "approve", self->approve_button },
    { "complete-confirm", self->complete_confirm_button },
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    if (g_str_equal (buttons[i].name, name))
      return buttons[i].button;
  g_return_val_if_reached (NULL);
}

GtkButton *
_pd_terminal_view_get_pause_button (PdTerminalView *self,
                                    PdPauseReason   reason)
{
  return GTK_BUTTON (gtk_grid_get_child_at (self->pause_grid, reason % 3, reason / 3));
}

GtkToggleButton *
_pd_terminal_view_get_scrap_button (PdTerminalView *self,
                                    PdScrapReason   reason)
{
  g_return_val_if_fail (reason < PD_N_SCRAP_REASONS, NULL);

  return self->scrap_buttons[reason];
}

GtkEditable *
_pd_terminal_view_get_good_entry (PdTerminalView *self)
{
  return GTK_EDITABLE (self->good_entry);
}

GtkEditable *
_pd_terminal_view_get_scrap_entry (PdTerminalView *self)
{
  return GTK_EDITABLE (self->scrap_entry);
}

GtkEditable *
_pd_terminal_view_get_supervisor_name_entry (PdTerminalView *self)
{
  return GTK_EDITABLE (self->supervisor_name_entry);
}

GtkEditable *
_pd_terminal_view_get_supervisor_password_entry (PdTerminalView *self)
{
  return GTK_EDITABLE (self->supervisor_password_entry);
}

GtkButton *
_pd_terminal_view_get_key (PdTerminalView *self,
                           const char     *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (keypad_keys); i++)
    if (g_str_equal (keypad_keys[i], key))
      return GTK_BUTTON (gtk_grid_get_child_at (self->keypad_grid, i % 3, i / 3));
  g_return_val_if_reached (NULL);
}
