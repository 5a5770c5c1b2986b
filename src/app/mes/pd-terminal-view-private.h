/* pd-terminal-view-private.h — the terminal's state, shared by its files,
 * and accessors for the GUI tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mes/pd-mes-reload.h"
#include "mes/pd-terminal-data.h"
#include "mes/pd-terminal-view.h"
#include "wms/pd-scan-feedback.h"

G_BEGIN_DECLS

struct _PdTerminalView
{
  GtkBox           parent_instance;

  PdStore         *store;
  PdUser          *user;
  PdAcquisition   *acquisition;
  PdStoreWorker   *worker;
  GCancellable    *cancellable;
  GSettings       *settings;

  char            *work_center_code;
  PdTerminalData  *data;
  /* The current operation: an entry of DATA, or NULL. */
  PdTerminalEntry *current;
  /* What the operator picked in the list, kept across reloads. */
  char            *selected_number;
  guint            selected_seq;

  PdMesReload      reload;
  guint            n_writes;
  gboolean         filling_list;

  /* A report the core refused as beyond the ordered quantity, waiting for
   * a supervisor's approval. */
  gboolean         approval_pending;
  char            *approval_number;
  guint            approval_seq;
  PdQty            approval_good;
  PdQty            approval_scrap;
  PdScrapReason    approval_reason;

  /* The report panel. */
  gboolean         scrap_reason_set;
  PdScrapReason    scrap_reason;
  GtkEditable     *keypad_target;
  GtkToggleButton *scrap_buttons[PD_N_SCRAP_REASONS];

  /* Template widgets */
  GtkLabel        *title_label;
  GtkButton       *change_button;
  GtkWidget       *machine_box;
  GtkLabel        *machine_label;
  GtkLabel        *counter_label;
  PdScanFeedback  *feedback;
  GtkButton       *approval_button;
  GtkStack        *stack;
  GtkFlowBox      *chooser_box;
  GtkLabel        *chooser_empty_label;
  GtkListBox      *dispatch_list;
  GtkWidget       *dispatch_empty_label;
  GtkStack        *current_stack;
  GtkLabel        *order_label;
  GtkLabel        *product_label;
  GtkLabel        *state_label;
  GtkLabel        *due_label;
  GtkLabel        *ordered_value;
  GtkLabel        *good_value;
  GtkLabel        *scrap_value;
  GtkLabel        *remaining_value;
  GtkLabel        *instructions_label;
  GtkButton       *start_button;
  GtkButton       *pause_button;
  GtkButton       *resume_button;
  GtkButton       *report_button;
  GtkButton       *complete_button;
  GtkGrid         *pause_grid;
  GtkLabel        *report_title;
  GtkEntry        *good_entry;
  GtkEntry        *scrap_entry;
  GtkFlowBox      *scrap_reason_box;
  GtkGrid         *keypad_grid;
  GtkButton       *report_confirm_button;
  GtkLabel        *supervisor_summary;
  GtkEntry        *supervisor_name_entry;
  GtkPasswordEntry *supervisor_password_entry;
  GtkButton       *approve_button;
  GtkLabel        *complete_summary;
  GtkButton       *complete_confirm_button;
};

/* pd-terminal-actions.c: the writes and the panels that lead to them. */
void        _pd_terminal_view_init_panels    (PdTerminalView  *self);
void        _pd_terminal_view_update_buttons (PdTerminalView  *self);
void        _pd_terminal_view_answer         (PdTerminalView  *self,
                                              gboolean         ok,
                                              const char      *message);
void        _pd_terminal_view_show_page      (PdTerminalView  *self,
                                              const char      *name);
void        _pd_terminal_view_class_init_actions (GtkWidgetClass *widget_class);
void        _pd_terminal_view_clear_approval (PdTerminalView  *self);

/* --- For the GUI tests ---------------------------------------------------- */

/* A read or a write is under way, or a reload is due. */
gboolean    _pd_terminal_view_is_busy        (PdTerminalView  *self);
/* The dispatch list shown. */
guint       _pd_terminal_view_get_n_entries  (PdTerminalView  *self);
const PdTerminalEntry *_pd_terminal_view_get_entry (PdTerminalView *self,
                                              guint            i);
const PdTerminalEntry *_pd_terminal_view_get_current (PdTerminalView *self);
/* Picks the operation in the dispatch list; FALSE when it is not listed. */
gboolean    _pd_terminal_view_select         (PdTerminalView  *self,
                                              const char      *number,
                                              guint            seq);
/* "start", "pause", "resume", "report", "complete", "change",
 * "approval" (supervisor approval), "report-confirm", "approve",
 * "complete-confirm". */
GtkButton  *_pd_terminal_view_get_button     (PdTerminalView  *self,
                                              const char      *name);
GtkButton  *_pd_terminal_view_get_pause_button (PdTerminalView *self,
                                              PdPauseReason    reason);
GtkToggleButton *_pd_terminal_view_get_scrap_button (PdTerminalView *self,
                                              PdScrapReason    reason);
/* The work center's button on the chooser, or NULL. */
GtkButton  *_pd_terminal_view_get_chooser_button (PdTerminalView *self,
                                              const char      *code);
GtkEditable *_pd_terminal_view_get_good_entry (PdTerminalView *self);
GtkEditable *_pd_terminal_view_get_scrap_entry (PdTerminalView *self);
GtkEditable *_pd_terminal_view_get_supervisor_name_entry (PdTerminalView *self);
GtkEditable *_pd_terminal_view_get_supervisor_password_entry (PdTerminalView *self);
/* The keypad's key "0"…"9", "." or "⌫". */
GtkButton  *_pd_terminal_view_get_key        (PdTerminalView  *self,
                                              const char      *key);
/* "choose", "work", "pause", "report", "supervisor", "complete". */
const char *_pd_terminal_view_get_page       (PdTerminalView  *self);
const char *_pd_terminal_view_get_message    (PdTerminalView  *self,
                                              gboolean        *ok);
GtkLabel   *_pd_terminal_view_get_figure     (PdTerminalView  *self,
                                              const char      *name);
gboolean    _pd_terminal_view_is_machine_counted (PdTerminalView *self);
/* The live counter value, or NULL when it is not shown. */
const char *_pd_terminal_view_get_counter_text (PdTerminalView *self);

G_END_DECLS
