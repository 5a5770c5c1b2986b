/* pd-alarms-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-alarms-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-alarm-engine.h"
#include "alarms/pd-alarm-action-dialog.h"
#include "alarms/pd-alarm-history-view.h"
#include "alarms/pd-alarm-item.h"
#include "alarms/pd-alarm-performance-view.h"
#include "alarms/pd-alarms-page.h"
#include "alarms/pd-alarms-page-private.h"
#include "pd-window.h"

struct _PdAlarmsPage
{
  PdSectionPage        parent_instance;

  PdAlarmEngine       *engine;
  GCancellable        *cancellable;
  /* Every alarm that is not normal, keyed by id, updated in place. */
  GListStore          *alarms;
  GHashTable          *items;        /* gint64 id → PdAlarmItem (borrowed from the store) */
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkCustomSorter     *default_sorter;
  GtkMultiSelection   *selection;
  PdAlarmActionDialog *dialog;
  GArray              *dialog_ids;
  gint64               pending_show_id;
  guint                n_pending;

  /* Template widgets */
  AdwViewStack        *view_stack;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *priority_dropdown;
  GtkDropDown         *state_dropdown;
  GtkLabel            *summary_label;
  GtkWidget           *ack_button;
  GtkWidget           *ack_all_button;
  GtkWidget           *shelve_button;
  GtkWidget           *unshelve_button;
  GtkWidget           *suppress_button;
  GtkWidget           *unsuppress_button;
  GtkStack            *list_stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *priority_column;
  GtkColumnViewColumn *raised_column;
  AdwBin              *history_bin;
  AdwBin              *performance_bin;
};

G_DEFINE_FINAL_TYPE (PdAlarmsPage, pd_alarms_page, PD_TYPE_SECTION_PAGE)

static void
toast (PdAlarmsPage *self,
       const char   *message)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

static PdUser *
get_user (PdAlarmsPage *self)
{
  return pd_section_page_get_user (PD_SECTION_PAGE (self));
}

/* --- Filter and order ----------------------------------------------------- */

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PdAlarmsPage *self = user_data;
  PdAlarmItem *alarm_item = item;
  const PdAlarm *alarm = pd_alarm_item_get_alarm (alarm_item);
  PdAlarmState state = pd_alarm_item_get_state (alarm_item);
  guint priority = gtk_drop_down_get_selected (self->priority_dropdown);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Entry 0 is "All Priorities", then most important first. */
  if (priority != 0 && priority != GTK_INVALID_LIST_POSITION &&
      pd_alarm_item_get_priority (alarm_item) != (PdAlarmPriority) (priority - 1))
    return FALSE;

  switch ((PdAlarmsFilter) gtk_drop_down_get_selected (self->state_dropdown))
    {
    case PD_ALARMS_FILTER_NEEDS_ACK:
      if (!pd_alarm_item_needs_ack (alarm_item))
        return FALSE;
      break;

    case PD_ALARMS_FILTER_ACTIVE:
      if (state != PD_ALARM_STATE_UNACKNOWLEDGED &&
          state != PD_ALARM_STATE_ACKNOWLEDGED &&
          state != PD_ALARM_STATE_RTN_UNACKNOWLEDGED)
        return FALSE;
      break;

    case PD_ALARMS_FILTER_SHELVED:
      if (state != PD_ALARM_STATE_SHELVED)
        return FALSE;
      break;

    case PD_ALARMS_FILTER_SUPPRESSED:
      if (state != PD_ALARM_STATE_SUPPRESSED)
        return FALSE;
      break;

    case PD_ALARMS_FILTER_ALL:
    default:
      break;
    }

  if (search != NULL && search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *message = pd_alarm_def_dup_message (alarm->def);

      if (!contains_casefold (alarm->def->source_name, needle) &&
          !contains_casefold (message, needle) &&
          !contains_casefold (pd_alarm_condition_get_label (alarm->def->condition), needle))
        return FALSE;
    }

  return TRUE;
}

/* The order when no column is sorted, and within equal sort keys: what
 * needs a person first, then priority, then the newest raise. */
static int
default_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  PdAlarmItem *item_a = (PdAlarmItem *) a;
  PdAlarmItem *item_b = (PdAlarmItem *) b;
  gint64 ts_a, ts_b;

  if (pd_alarm_item_needs_ack (item_a) != pd_alarm_item_needs_ack (item_b))
    return pd_alarm_item_needs_ack (item_a) ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  if (pd_alarm_item_get_priority (item_a) != pd_alarm_item_get_priority (item_b))
    return pd_alarm_item_get_priority (item_a) < pd_alarm_item_get_priority (item_b)
             ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  ts_a = pd_alarm_item_get_raised_ts (item_a);
  ts_b = pd_alarm_item_get_raised_ts (item_b);
  if (ts_a != ts_b)
    return ts_a > ts_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;

  return pd_alarm_item_get_id (item_a) < pd_alarm_item_get_id (item_b)
           ? GTK_ORDERING_SMALLER
           : pd_alarm_item_get_id (item_a) > pd_alarm_item_get_id (item_b)
               ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* --- Selection and buttons ------------------------------------------------ */

static GPtrArray *
dup_selected_items (PdAlarmsPage *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return items;
}

static void
update_actions (PdAlarmsPage *self)
{
  g_autoptr(GPtrArray) selected = dup_selected_items (self);
  PdUser *user = get_user (self);
  gboolean any_needs_ack = FALSE;
  gboolean any_visible_needs_ack = FALSE;
  gboolean any_shelvable = FALSE;
  gboolean any_shelved = FALSE;
  gboolean any_suppressible = FALSE;
  gboolean any_suppressed = FALSE;
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->alarms));
  guint n_need = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < selected->len; i++)
    {
      PdAlarmItem *item = g_ptr_array_index (selected, i);
      PdAlarmState state = pd_alarm_item_get_state (item);

      any_needs_ack |= pd_alarm_item_needs_ack (item);
      any_shelved |= state == PD_ALARM_STATE_SHELVED;
      any_suppressed |= state == PD_ALARM_STATE_SUPPRESSED;
      any_shelvable |= state != PD_ALARM_STATE_SUPPRESSED;
      any_suppressible |= state != PD_ALARM_STATE_SUPPRESSED;
    }

  for (guint i = 0; i < n_visible; i++)
    {
      g_autoptr(PdAlarmItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (pd_alarm_item_needs_ack (item))
        {
          any_visible_needs_ack = TRUE;
          n_need++;
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarms.acknowledge",
                                 self->engine != NULL && any_needs_ack &&
                                 pd_user_can (user, PD_PERMISSION_ALARMS_ACK));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarms.acknowledge-all",
                                 self->engine != NULL && any_visible_needs_ack &&
                                 pd_user_can (user, PD_PERMISSION_ALARMS_ACK));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarms.shelve",
                                 self->engine != NULL && any_shelvable &&
                                 pd_user_can (user, PD_PERMISSION_ALARMS_SHELVE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarms.unshelve",
                                 self->engine != NULL && any_shelved &&
                                 pd_user_can (user, PD_PERMISSION_ALARMS_SHELVE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarms.suppress",
                                 self->engine != NULL && any_suppressible &&
                                 pd_user_can (user, PD_PERMISSION_ALARMS_SUPPRESS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alarms.unsuppress",
                                 self->engine != NULL && any_suppressed &&
                                 pd_user_can (user, PD_PERMISSION_ALARMS_SUPPRESS));

  /* Unshelve and Unsuppress only when there is something to take back. */
  gtk_widget_set_visible (self->unshelve_button,
                          any_shelved && pd_user_can (user, PD_PERMISSION_ALARMS_SHELVE));
  gtk_widget_set_visible (self->unsuppress_button,
                          any_suppressed && pd_user_can (user, PD_PERMISSION_ALARMS_SUPPRESS));

  if (n_all == 0)
    summary = g_strdup (_("No alarms"));
  else
    /* TRANSLATORS: above the alarm list, e.g. "12 shown of 40 · 3 need acknowledgement" */
    summary = g_strdup_printf (ngettext ("%u shown of %u · %u needs acknowledgement",
                                         "%u shown of %u · %u need acknowledgement", n_need),
                               n_visible, n_all, n_need);
  gtk_label_set_text (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->list_stack, n_visible > 0 ? "list" : "empty");
  adw_status_page_set_title (self->empty_page, n_all > 0 ? _("No Matching Alarms") : _("No Alarms"));
  adw_status_page_set_description (self->empty_page,
                                   n_all > 0 ? _("No alarm matches the filters.")
                                             : _("Nothing on the line is abnormal."));
}

static void
selection_changed_cb (PdAlarmsPage *self)
{
  update_actions (self);
}

static gboolean
select_alarm (PdAlarmsPage *self,
              gint64        alarm_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdAlarmItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (pd_alarm_item_get_id (item) != alarm_id)
        continue;

      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);

      /* GTK 4.8 has no gtk_column_view_scroll_to(): the list view inside
       * the column view offers the action. */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child))
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);

      return TRUE;
    }

  return FALSE;
}

/* --- Diffing the engine's snapshot into the list -------------------------- */

/* Re-filtering and re-sorting replace the rows, and GtkMultiSelection
 * (4.8) then forgets which were selected: keep them by alarm id. */
static GHashTable *
dup_selected_id_set (PdAlarmsPage *self)
{
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = pd_alarm_item_get_id (g_ptr_array_index (items, i));

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }

  return ids;
}

static void
restore_selection (PdAlarmsPage *self,
                   GHashTable   *ids)
{
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) current = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  if (g_hash_table_size (ids) == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PdAlarmItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), i);
      gint64 id = pd_alarm_item_get_id (item);

      if (g_hash_table_contains (ids, &id))
        gtk_bitset_add (selected, i);
    }

  current = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_equals (current, selected))
    return;

  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
}

static void
refresh (PdAlarmsPage *self)
{
  g_autoptr(GPtrArray) alarms = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) added = NULL;
  gint64 now = g_get_real_time ();
  gboolean order_changed = FALSE;
  guint n;

  if (self->engine == NULL)
    {
      update_actions (self);
      return;
    }

  alarms = pd_alarm_engine_dup_alarms (self->engine, FALSE);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < alarms->len; i++)
    {
      const PdAlarm *alarm = g_ptr_array_index (alarms, i);
      PdAlarmItem *item = g_hash_table_lookup (self->items, &alarm->status.alarm_id);

      if (item != NULL)
        order_changed |= pd_alarm_item_update (item, alarm, now);
      else
        {
          item = pd_alarm_item_new (alarm, now);
          g_ptr_array_add (added, item);
        }
      g_hash_table_add (seen, (gpointer) &alarm->status.alarm_id);
    }

  /* Alarms back to normal leave the list; from the end, so that the
   * positions still to visit do not move. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->alarms));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PdAlarmItem) item = g_list_model_get_item (G_LIST_MODEL (self->alarms), i - 1);
      gint64 id = pd_alarm_item_get_id (item);

      if (!g_hash_table_contains (seen, &id))
        {
          g_hash_table_remove (self->items, &id);
          g_list_store_remove (self->alarms, i - 1);
        }
    }

  for (guint i = 0; i < added->len; i++)
    {
      PdAlarmItem *item = g_ptr_array_index (added, i);
      gint64 id = pd_alarm_item_get_id (item);

      g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), item);
    }
  if (added->len > 0)
    g_list_store_splice (self->alarms, g_list_model_get_n_items (G_LIST_MODEL (self->alarms)), 0,
                         added->pdata, added->len);

  /* Sorting and filtering look at state and priority, which changed in
   * place: tell the models, which keep the selection by item. */
  if (order_changed)
    {
      g_autoptr(GHashTable) selected = dup_selected_id_set (self);

      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      gtk_sorter_changed (GTK_SORTER (self->default_sorter), GTK_SORTER_CHANGE_DIFFERENT);
      restore_selection (self, selected);
    }

  if (self->pending_show_id > 0)
    {
      gint64 id = self->pending_show_id;

      self->pending_show_id = 0;
      pd_alarms_page_show_alarm (self, id);
    }

  update_actions (self);
}

static void
engine_changed_cb (PdAlarmsPage  *self,
                   PdAlarmEngine *engine)
{
  refresh (self);
}

static void
filter_changed_cb (PdAlarmsPage *self)
{
  g_autoptr(GHashTable) selected = NULL;

  /* The template sets the dropdowns up before the models exist. */
  if (self->selection == NULL)
    return;

  selected = dup_selected_id_set (self);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  restore_selection (self, selected);
  update_actions (self);
}

/* --- Actions -------------------------------------------------------------- */

typedef struct
{
  PdAlarmsPage  *self;
  PdAlarmAction  action;
  gboolean       undo;       /* unshelve / unsuppress */
  guint          pending;
  guint          n_changed;
  GError        *error;
} ActionJob;

static void
action_job_free (ActionJob *job)
{
  g_clear_object (&job->self);
  g_clear_error (&job->error);
  g_free (job);
}

static void
report_job (ActionJob *job)
{
  PdAlarmsPage *self = job->self;
  g_autofree char *message = NULL;

  if (job->error != NULL)
    {
      if (!g_error_matches (job->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, job->error->message);
      return;
    }

  switch (job->action)
    {
    case PD_ALARM_ACTION_ACKNOWLEDGE:
      if (job->n_changed == 0)
        message = g_strdup (_("Already acknowledged"));
      else
        message = g_strdup_printf (ngettext ("%u alarm acknowledged", "%u alarms acknowledged",
                                             job->n_changed),
                                   job->n_changed);
      break;

    case PD_ALARM_ACTION_SHELVE:
      if (job->undo)
        message = g_strdup_printf (ngettext ("%u alarm taken off the shelf",
                                             "%u alarms taken off the shelf", job->n_changed),
                                   job->n_changed);
      else
        message = g_strdup_printf (ngettext ("%u alarm shelved", "%u alarms shelved",
                                             job->n_changed),
                                   job->n_changed);
      break;

    case PD_ALARM_ACTION_SUPPRESS:
    default:
      if (job->undo)
        message = g_strdup_printf (ngettext ("%u alarm back in service",
                                             "%u alarms back in service", job->n_changed),
                                   job->n_changed);
      else
        message = g_strdup_printf (ngettext ("%u alarm suppressed", "%u alarms suppressed",
                                             job->n_changed),
                                   job->n_changed);
      break;
    }

  toast (self, message);
}

static void
action_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ActionJob *job = user_data;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  if (pd_alarm_engine_action_finish (PD_ALARM_ENGINE (object), result, &n_changed, &error))
    job->n_changed += n_changed;
  else if (job->error == NULL)
    job->error = g_steal_pointer (&error);

  g_assert (job->self->n_pending > 0);
  job->self->n_pending--;

  if (--job->pending > 0)
    return;

  report_job (job);
  action_job_free (job);
}

static ActionJob *
action_job_new (PdAlarmsPage  *self,
                PdAlarmAction  action,
                gboolean       undo)
{
  ActionJob *job = g_new0 (ActionJob, 1);

  job->self = g_object_ref (self);
  job->action = action;
  job->undo = undo;

  return job;
}

/* Runs ACTION on IDS through the engine, which checks the permission
 * again and writes after the raises queued before. */
static void
run_action (PdAlarmsPage  *self,
            PdAlarmAction  action,
            gboolean       undo,
            GArray        *ids,
            const char    *text,
            guint          minutes)
{
  ActionJob *job;
  PdUser *user = get_user (self);

  if (self->engine == NULL || ids->len == 0)
    return;

  job = action_job_new (self, action, undo);

  if (action == PD_ALARM_ACTION_ACKNOWLEDGE)
    {
      job->pending = 1;
      self->n_pending++;
      pd_alarm_engine_acknowledge_async (self->engine, user,
                                         (const gint64 *) (gpointer) ids->data, ids->len,
                                         text, self->cancellable, action_done_cb, job);
      return;
    }

  /* Shelving and suppression go one alarm at a time; one toast at the end. */
  job->pending = ids->len;
  self->n_pending += ids->len;
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (action == PD_ALARM_ACTION_SHELVE)
        pd_alarm_engine_shelve_async (self->engine, user, id, undo ? 0 : minutes, text,
                                      self->cancellable, action_done_cb, job);
      else
        pd_alarm_engine_suppress_async (self->engine, user, id, undo ? NULL : text,
                                        self->cancellable, action_done_cb, job);
    }
}

static void
dialog_response_cb (PdAlarmsPage        *self,
                    const char          *response,
                    PdAlarmActionDialog *dialog)
{
  g_autoptr(GArray) ids = g_steal_pointer (&self->dialog_ids);
  g_autofree char *text = NULL;

  if (self->dialog == dialog)
    self->dialog = NULL;

  if (g_strcmp0 (response, "apply") != 0 || ids == NULL)
    return;

  text = pd_alarm_action_dialog_dup_text (dialog);
  run_action (self, pd_alarm_action_dialog_get_action (dialog), FALSE, ids, text,
              pd_alarm_action_dialog_get_minutes (dialog));
}

static void
ask (PdAlarmsPage  *self,
     PdAlarmAction  action,
     GArray        *ids,
     guint          max_minutes)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ids->len == 0)
    return;

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_pointer (&self->dialog_ids, g_array_unref);

  self->dialog_ids = g_array_ref (ids);
  self->dialog = pd_alarm_action_dialog_new (action, ids->len, max_minutes);
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (dialog_response_cb), self, G_CONNECT_SWAPPED);

  if (PD_IS_WINDOW (root))
    pd_window_present_dialog (PD_WINDOW (root), GTK_WINDOW (self->dialog));
  else
    {
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (self->dialog), GTK_WINDOW (root));
      gtk_window_present (GTK_WINDOW (self->dialog));
    }
}

typedef gboolean (*ItemPredicate) (PdAlarmItem *item);

static gboolean
needs_ack (PdAlarmItem *item)
{
  return pd_alarm_item_needs_ack (item);
}

static gboolean
not_suppressed (PdAlarmItem *item)
{
  return pd_alarm_item_get_state (item) != PD_ALARM_STATE_SUPPRESSED;
}

static gboolean
is_shelved (PdAlarmItem *item)
{
  return pd_alarm_item_get_state (item) == PD_ALARM_STATE_SHELVED;
}

static gboolean
is_suppressed (PdAlarmItem *item)
{
  return pd_alarm_item_get_state (item) == PD_ALARM_STATE_SUPPRESSED;
}

/* The ids of ITEMS that PREDICATE accepts; *MAX_MINUTES the smallest
 * shelving limit among them. */
static GArray *
collect_ids (GPtrArray     *items,
             ItemPredicate  predicate,
             guint         *max_minutes)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint max = PD_ALARM_MAX_SHELVE_MIN;

  for (guint i = 0; i < items->len; i++)
    {
      PdAlarmItem *item = g_ptr_array_index (items, i);
      gint64 id = pd_alarm_item_get_id (item);

      if (!predicate (item))
        continue;

      g_array_append_val (ids, id);
      if (pd_alarm_item_get_alarm (item)->def->max_shelve_min > 0)
        max = MIN (max, pd_alarm_item_get_alarm (item)->def->max_shelve_min);
    }

  if (max_minutes != NULL)
    *max_minutes = max;

  return ids;
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PdAlarmsPage *self = PD_ALARMS_PAGE (widget);
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  g_autoptr(GArray) ids = collect_ids (items, needs_ack, NULL);

  ask (self, PD_ALARM_ACTION_ACKNOWLEDGE, ids, 0);
}

static void
acknowledge_all_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdAlarmsPage *self = PD_ALARMS_PAGE (widget);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->selection), i));

  ids = collect_ids (items, needs_ack, NULL);
  ask (self, PD_ALARM_ACTION_ACKNOWLEDGE, ids, 0);
}

static void
shelve_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdAlarmsPage *self = PD_ALARMS_PAGE (widget);
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  guint max_minutes = 0;
  g_autoptr(GArray) ids = collect_ids (items, not_suppressed, &max_minutes);

  ask (self, PD_ALARM_ACTION_SHELVE, ids, max_minutes);
}

static void
unshelve_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdAlarmsPage *self = PD_ALARMS_PAGE (widget);
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  g_autoptr(GArray) ids = collect_ids (items, is_shelved, NULL);

  run_action (self, PD_ALARM_ACTION_SHELVE, TRUE, ids, NULL, 0);
}

static void
suppress_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdAlarmsPage *self = PD_ALARMS_PAGE (widget);
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  g_autoptr(GArray) ids = collect_ids (items, not_suppressed, NULL);

  ask (self, PD_ALARM_ACTION_SUPPRESS, ids, 0);
}

static void
unsuppress_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdAlarmsPage *self = PD_ALARMS_PAGE (widget);
  g_autoptr(GPtrArray) items = dup_selected_items (self);
  g_autoptr(GArray) ids = collect_ids (items, is_suppressed, NULL);

  run_action (self, PD_ALARM_ACTION_SUPPRESS, TRUE, ids, NULL, 0);
}

/* --- Cells ---------------------------------------------------------------- */

/* The cells are made in code rather than by GtkBuilderListItemFactory,
 * which parses its template for every cell: the first rows of a flood
 * would cost the main loop a few hundred of those. */
typedef struct
{
  const char *property;
  int         min_chars;
} CellSpec;

static const CellSpec cell_specs[] = {
  { "priority-label", 0 },   /* the chip */
  { "state-label", 18 },
  { "raised", 8 },
  { "source", 14 },
  { "condition", 8 },
  { "message", 20 },
  { "value", 8 },
  { "ack-user", 8 },
};

static GtkExpression *
item_property (const char *property)
{
  return gtk_property_expression_new (PD_TYPE_ALARM_ITEM,
                                      gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"),
                                      property);
}

static void
setup_chip_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_expression_bind (item_property ("priority-label"), label, "label", list_item);
  gtk_expression_bind (item_property ("priority-css-classes"), label, "css-classes", list_item);
  gtk_list_item_set_child (list_item, label);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  const CellSpec *spec = user_data;
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), spec->min_chars);
  gtk_expression_bind (item_property (spec->property), inscription, "text", list_item);
  gtk_list_item_set_child (list_item, inscription);
}

static void
setup_columns (PdAlarmsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  g_assert (g_list_model_get_n_items (columns) == G_N_ELEMENTS (cell_specs));

  for (guint i = 0; i < G_N_ELEMENTS (cell_specs); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup",
                        i == 0 ? G_CALLBACK (setup_chip_cb) : G_CALLBACK (setup_text_cb),
                        (gpointer) &cell_specs[i]);
      gtk_column_view_column_set_factory (column, factory);
    }
}

/* --- The object ------------------------------------------------------------ */

static void
pd_alarms_page_constructed (GObject *object)
{
  PdAlarmsPage *self = (PdAlarmsPage *) object;
  PdAcquisition *acquisition;
  PdUser *user;

  G_OBJECT_CLASS (pd_alarms_page_parent_class)->constructed (object);

  user = get_user (self);
  acquisition = pd_section_page_get_acquisition (PD_SECTION_PAGE (self));
  if (acquisition != NULL)
    self->engine = pd_acquisition_get_alarm_engine (acquisition);
  if (self->engine != NULL)
    {
      g_object_ref (self->engine);
      g_signal_connect_object (self->engine, "changed",
                               G_CALLBACK (engine_changed_cb), self, G_CONNECT_SWAPPED);
    }

  adw_bin_set_child (self->history_bin,
                     pd_alarm_history_view_new (pd_section_page_get_store (PD_SECTION_PAGE (self)), user));
  adw_bin_set_child (self->performance_bin,
                     pd_alarm_performance_view_new (pd_section_page_get_store (PD_SECTION_PAGE (self))));

  /* Each button only for the roles that may use it. */
  gtk_widget_set_visible (self->ack_button, pd_user_can (user, PD_PERMISSION_ALARMS_ACK));
  gtk_widget_set_visible (self->ack_all_button, pd_user_can (user, PD_PERMISSION_ALARMS_ACK));
  gtk_widget_set_visible (self->shelve_button, pd_user_can (user, PD_PERMISSION_ALARMS_SHELVE));
  gtk_widget_set_visible (self->suppress_button, pd_user_can (user, PD_PERMISSION_ALARMS_SUPPRESS));

  refresh (self);
}

static void
pd_alarms_page_dispose (GObject *object)
{
  PdAlarmsPage *self = (PdAlarmsPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
  g_clear_pointer (&self->dialog_ids, g_array_unref);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_ALARMS_PAGE);

  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->default_sorter);
  g_clear_object (&self->alarms);

  G_OBJECT_CLASS (pd_alarms_page_parent_class)->dispose (object);
}

static void
pd_alarms_page_class_init (PdAlarmsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_alarms_page_constructed;
  object_class->dispose = pd_alarms_page_dispose;

  g_type_ensure (PD_TYPE_ALARM_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/alarms/pd-alarms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, priority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, ack_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, ack_all_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, shelve_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, unshelve_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, suppress_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, unsuppress_button);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, priority_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, raised_column);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, history_bin);
  gtk_widget_class_bind_template_child (widget_class, PdAlarmsPage, performance_bin);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "alarms.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "alarms.acknowledge-all", NULL, acknowledge_all_action);
  gtk_widget_class_install_action (widget_class, "alarms.shelve", NULL, shelve_action);
  gtk_widget_class_install_action (widget_class, "alarms.unshelve", NULL, unshelve_action);
  gtk_widget_class_install_action (widget_class, "alarms.suppress", NULL, suppress_action);
  gtk_widget_class_install_action (widget_class, "alarms.unsuppress", NULL, unsuppress_action);
}

static void
pd_alarms_page_init (PdAlarmsPage *self)
{
  g_autoptr(GtkMultiSorter) sorter = NULL;
  GtkSortListModel *sort_model;

  self->cancellable = g_cancellable_new ();
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->alarms = g_list_store_new (PD_TYPE_ALARM_ITEM);

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_columns (self);

  /* store → filter → sort (the columns', then the default order) →
   * multi-selection → column view. */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->alarms)),
                                                  GTK_FILTER (g_object_ref (self->filter)));

  self->default_sorter = gtk_custom_sorter_new (default_compare, NULL, NULL);
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (sorter, g_object_ref (GTK_SORTER (self->default_sorter)));
  sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                        GTK_SORTER (g_steal_pointer (&sorter)));

  self->selection = gtk_multi_selection_new (G_LIST_MODEL (sort_model));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* Everything that is active by default, acknowledged or not. */
  gtk_drop_down_set_selected (self->state_dropdown, PD_ALARMS_FILTER_ACTIVE);
}

void
pd_alarms_page_show_alarm (PdAlarmsPage *self,
                           gint64        alarm_id)
{
  g_return_if_fail (PD_IS_ALARMS_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "active");

  if (alarm_id <= 0)
    return;

  if (!g_hash_table_contains (self->items, &alarm_id))
    {
      /* Not in the snapshot yet: select it when it arrives. */
      self->pending_show_id = alarm_id;
      return;
    }

  if (!select_alarm (self, alarm_id))
    {
      /* Hidden by the filters: show everything, then select it. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->priority_dropdown, 0);
      gtk_drop_down_set_selected (self->state_dropdown, PD_ALARMS_FILTER_ALL);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      select_alarm (self, alarm_id);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* --- For the GUI tests ---------------------------------------------------- */

const char *
_pd_alarms_page_get_view (PdAlarmsPage *self)
{
  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

guint
_pd_alarms_page_get_n_alarms (PdAlarmsPage *self)
{
  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->alarms));
}

guint
_pd_alarms_page_get_n_visible (PdAlarmsPage *self)
{
  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

GArray *
_pd_alarms_page_dup_selected_ids (PdAlarmsPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), ids);

  items = dup_selected_items (self);
  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = pd_alarm_item_get_id (g_ptr_array_index (items, i));

      g_array_append_val (ids, id);
    }

  return ids;
}

gboolean
_pd_alarms_page_select (PdAlarmsPage *self,
                        gint64        alarm_id)
{
  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), FALSE);

  return select_alarm (self, alarm_id);
}

void
_pd_alarms_page_set_filter (PdAlarmsPage   *self,
                            PdAlarmsFilter  filter)
{
  g_return_if_fail (PD_IS_ALARMS_PAGE (self));

  gtk_drop_down_set_selected (self->state_dropdown, filter);
}

void
_pd_alarms_page_set_search (PdAlarmsPage *self,
                            const char   *text)
{
  g_return_if_fail (PD_IS_ALARMS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Without waiting for the entry's own delay. */
  filter_changed_cb (self);
}

GtkWidget *
_pd_alarms_page_get_button (PdAlarmsPage *self,
                            const char   *action)
{
  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), NULL);

  if (g_strcmp0 (action, "acknowledge") == 0)
    return self->ack_button;
  if (g_strcmp0 (action, "acknowledge-all") == 0)
    return self->ack_all_button;
  if (g_strcmp0 (action, "shelve") == 0)
    return self->shelve_button;
  if (g_strcmp0 (action, "unshelve") == 0)
    return self->unshelve_button;
  if (g_strcmp0 (action, "suppress") == 0)
    return self->suppress_button;
  if (g_strcmp0 (action, "unsuppress") == 0)
    return self->unsuppress_button;

  return NULL;
}

PdAlarmActionDialog *
_pd_alarms_page_get_dialog (PdAlarmsPage *self)
{
  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), NULL);

  return self->dialog;
}

guint
_pd_alarms_page_get_n_pending (PdAlarmsPage *self)
{
  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), 0);

  return self->n_pending;
}

const char *
_pd_alarms_page_get_ack_user (PdAlarmsPage *self,
                              gint64        alarm_id)
{
  PdAlarmItem *item;
  const PdAlarm *alarm;

  g_return_val_if_fail (PD_IS_ALARMS_PAGE (self), NULL);

  item = g_hash_table_lookup (self->items, &alarm_id);
  if (item == NULL)
    return NULL;

  alarm = pd_alarm_item_get_alarm (item);

  return alarm->status.acknowledged ? alarm->status.ack_user : NULL;
}
