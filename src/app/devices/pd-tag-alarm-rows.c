/* pd-tag-alarm-rows.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-tag-alarm-rows"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "devices/pd-form-rows.h"
#include "devices/pd-tag-alarm-rows.h"

#define N_LIMITS 4   /* HIHI … LOLO, in the order of PdAlarmCondition */

typedef struct
{
  AdwActionRow   *row;
  GtkCheckButton *check;
  GtkSpinButton  *spin;
  GtkDropDown    *priority;
} LimitRow;

struct _PdTagAlarmRows
{
  GObject              parent_instance;

  AdwPreferencesGroup *group;           /* not owned: it owns the rows */
  LimitRow             limits[N_LIMITS];

  GtkSwitch           *digital_switch;
  AdwComboRow         *digital_when_row;
  GtkEditable         *digital_message;
  AdwComboRow         *digital_priority_row;

  GtkSpinButton       *deadband_spin;
  GtkSpinButton       *on_delay_spin;
  GtkSpinButton       *off_delay_spin;
  GtkSwitch           *latching_switch;
  GtkLabel            *error_label;

  GPtrArray           *loaded;          /* PdAlarmDef: the tag's live definitions */
  gboolean             digital;
  gboolean             editable;
  gboolean             dirty;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (PdTagAlarmRows, pd_tag_alarm_rows, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ISA-18.2 practice: the outer limits are the urgent ones. */
static const PdAlarmPriority default_priorities[N_LIMITS] = {
  PD_ALARM_PRIORITY_URGENT,   /* HH */
  PD_ALARM_PRIORITY_HIGH,     /* H */
  PD_ALARM_PRIORITY_HIGH,     /* L */
  PD_ALARM_PRIORITY_URGENT,   /* LL */
};

static GtkWidget *
row_of (gpointer control)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (control), ADW_TYPE_PREFERENCES_ROW);
}

static void
changed_cb (PdTagAlarmRows *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static const PdAlarmDef *
find_loaded (PdTagAlarmRows   *self,
             PdAlarmCondition  condition)
{
  for (guint i = 0; self->loaded != NULL && i < self->loaded->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (self->loaded, i);

      if (def->condition == condition)
        return def;
    }

  return NULL;
}

static GtkStringList *
new_priority_model (void)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  for (guint p = 0; p < PD_N_ALARM_PRIORITIES; p++)
    gtk_string_list_append (model, pd_alarm_priority_get_label (p));

  return model;
}

static void
set_label (gpointer    widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
build_limit_row (PdTagAlarmRows   *self,
                 PdAlarmCondition  condition)
{
  LimitRow *limit = &self->limits[condition];
  const char *title = pd_alarm_condition_get_label (condition);
  g_autoptr(GtkStringList) priorities = new_priority_model ();
  g_autofree char *check_label = NULL;
  g_autofree char *limit_label = NULL;
  g_autofree char *priority_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (-1e12, 1e12, 1);
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (priorities)), NULL);

  /* TRANSLATORS: the switch of one limit alarm, e.g. "High high alarm" */
  check_label = g_strdup_printf (_("%s alarm"), title);
  /* TRANSLATORS: the value of one limit, e.g. "High high limit" */
  limit_label = g_strdup_printf (_("%s limit"), title);
  /* TRANSLATORS: the priority of one limit alarm, e.g. "High high priority" */
  priority_label = g_strdup_printf (_("%s priority"), title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  set_label (check, check_label);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 3);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  set_label (spin, limit_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  set_label (dropdown, priority_label);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), default_priorities[condition]);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);

  g_signal_connect_object (check, "toggled", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);

  adw_preferences_group_add (self->group, row);

  limit->row = ADW_ACTION_ROW (row);
  limit->check = GTK_CHECK_BUTTON (check);
  limit->spin = GTK_SPIN_BUTTON (spin);
  limit->priority = GTK_DROP_DOWN (dropdown);
}

static void
build (PdTagAlarmRows *self)
{
  const char *whens[] = { C_("digital alarm", "When On"), C_("digital alarm", "When Off"), NULL };
  const char *priorities[PD_N_ALARM_PRIORITIES + 1];
  GCallback cb = G_CALLBACK (changed_cb);
  GtkWidget *label;

  for (guint p = 0; p < PD_N_ALARM_PRIORITIES; p++)
    priorities[p] = pd_alarm_priority_get_label (p);
  priorities[PD_N_ALARM_PRIORITIES] = NULL;

  for (guint c = PD_ALARM_CONDITION_HIHI; c <= PD_ALARM_CONDITION_LOLO; c++)
    build_limit_row (self, c);

  self->digital_switch = pd_form_add_switch_row (self->group, _("Digital Alarm"), _("For a fault bit"), cb, self);
  self->digital_when_row = pd_form_add_combo_row (self->group, _("Alarm"), whens, cb, self);
  self->digital_message = pd_form_add_entry_row (self->group, _("Alarm Message"), cb, self);
  self->digital_priority_row = pd_form_add_combo_row (self->group, _("Priority"), priorities, cb, self);
  adw_combo_row_set_selected (self->digital_priority_row, PD_ALARM_PRIORITY_HIGH);

  self->deadband_spin = pd_form_add_spin_row (self->group, _("Alarm Deadband"),
                                              _("How far back past the limit a value must come to clear"),
                                              -1e12, 1e12, 0.1, 3, cb, self);
  self->on_delay_spin = pd_form_add_spin_row (self->group, _("On-Delay"),
                                              _("Milliseconds the condition must hold before it raises"),
                                              0, 1e10, 100, 0, cb, self);
  self->off_delay_spin = pd_form_add_spin_row (self->group, _("Off-Delay"),
                                               _("Milliseconds the condition must be gone before it clears"),
                                               0, 1e10, 100, 0, cb, self);
  self->latching_switch = pd_form_add_switch_row (self->group, _("Latching"),
                                                  _("Stays active until acknowledged"), cb, self);

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Alarm Problem"),
                                  -1);
  adw_preferences_group_add (self->group, label);
  self->error_label = GTK_LABEL (label);
}

static void
update_visibility (PdTagAlarmRows *self)
{
  for (guint c = 0; c < N_LIMITS; c++)
    gtk_widget_set_visible (GTK_WIDGET (self->limits[c].row), !self->digital);

  gtk_widget_set_visible (row_of (self->digital_switch), self->digital);
  gtk_widget_set_visible (GTK_WIDGET (self->digital_when_row), self->digital);
  gtk_widget_set_visible (GTK_WIDGET (self->digital_message), self->digital);
  gtk_widget_set_visible (GTK_WIDGET (self->digital_priority_row), self->digital);
  gtk_widget_set_visible (row_of (self->deadband_spin), !self->digital);
}

static void
pd_tag_alarm_rows_finalize (GObject *object)
{
  PdTagAlarmRows *self = (PdTagAlarmRows *) object;

  g_clear_pointer (&self->loaded, g_ptr_array_unref);
  g_clear_weak_pointer (&self->group);

  G_OBJECT_CLASS (pd_tag_alarm_rows_parent_class)->finalize (object);
}

static void
pd_tag_alarm_rows_class_init (PdTagAlarmRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_tag_alarm_rows_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pd_tag_alarm_rows_init (PdTagAlarmRows *self)
{
  self->editable = TRUE;
  self->loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);
}

PdTagAlarmRows *
pd_tag_alarm_rows_new (AdwPreferencesGroup *group)
{
  PdTagAlarmRows *self;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  self = g_object_new (PD_TYPE_TAG_ALARM_ROWS, NULL);
  g_set_weak_pointer (&self->group, group);
  self->loading = TRUE;
  build (self);
  self->loading = FALSE;
  update_visibility (self);

  return self;
}

void
pd_tag_alarm_rows_set_digital (PdTagAlarmRows *self,
                               gboolean        digital)
{
  g_return_if_fail (PD_IS_TAG_ALARM_ROWS (self));

  digital = !!digital;
  if (self->digital == digital)
    return;

  self->digital = digital;
  update_visibility (self);
}

void
pd_tag_alarm_rows_load (PdTagAlarmRows *self,
                        GPtrArray      *defs)
{
  const PdAlarmDef *shared = NULL;
  const PdAlarmDef *digital;

  g_return_if_fail (PD_IS_TAG_ALARM_ROWS (self));

  g_ptr_array_set_size (self->loaded, 0);
  for (guint i = 0; defs != NULL && i < defs->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (defs, i);

      if (pd_alarm_condition_is_limit (def->condition) || def->condition == PD_ALARM_CONDITION_DIGITAL)
        g_ptr_array_add (self->loaded, pd_alarm_def_copy (def));
    }

  self->loading = TRUE;

  for (guint c = 0; c < N_LIMITS; c++)
    {
      const PdAlarmDef *def = find_loaded (self, c);

      gtk_check_button_set_active (self->limits[c].check, def != NULL && def->enabled);
      gtk_spin_button_set_value (self->limits[c].spin, def != NULL ? def->limit : 0);
      gtk_drop_down_set_selected (self->limits[c].priority,
                                  def != NULL ? def->priority : default_priorities[c]);
      if (def != NULL && shared == NULL)
        shared = def;
    }

  digital = find_loaded (self, PD_ALARM_CONDITION_DIGITAL);
  gtk_switch_set_active (self->digital_switch, digital != NULL && digital->enabled);
  adw_combo_row_set_selected (self->digital_when_row, digital == NULL || digital->digital_when ? 0 : 1);
  gtk_editable_set_text (self->digital_message,
                         digital != NULL && digital->message != NULL ? digital->message : "");
  adw_combo_row_set_selected (self->digital_priority_row,
                              digital != NULL ? digital->priority : PD_ALARM_PRIORITY_HIGH);

  /* The limits of one tag share these; a digital alarm has its own. */
  if (self->digital && digital != NULL)
    shared = digital;
  gtk_spin_button_set_value (self->deadband_spin, shared != NULL ? shared->deadband : 0);
  gtk_spin_button_set_value (self->on_delay_spin, shared != NULL ? shared->on_delay_ms : 0);
  gtk_spin_button_set_value (self->off_delay_spin, shared != NULL ? shared->off_delay_ms : 0);
  gtk_switch_set_active (self->latching_switch, shared != NULL && shared->latching);

  self->loading = FALSE;
  self->dirty = FALSE;
}

gboolean
pd_tag_alarm_rows_load_from_store (PdTagAlarmRows  *self,
                                   PdStore         *store,
                                   gint64           tag_id,
                                   GError         **error)
{
  g_autoptr(GPtrArray) defs = NULL;

  g_return_val_if_fail (PD_IS_TAG_ALARM_ROWS (self), FALSE);
  g_return_val_if_fail (PD_IS_STORE (store), FALSE);

  if (tag_id == 0)
    {
      pd_tag_alarm_rows_load (self, NULL);
      return TRUE;
    }

  /* A tag has at most five definitions: a small read. */
  defs = pd_store_list_alarm_defs (store, tag_id, error);
  if (defs == NULL)
    return FALSE;

  pd_tag_alarm_rows_load (self, defs);
  return TRUE;
}

void
pd_tag_alarm_rows_set_editable (PdTagAlarmRows *self,
                                gboolean        editable)
{
  g_return_if_fail (PD_IS_TAG_ALARM_ROWS (self));

  self->editable = !!editable;

  for (guint c = 0; c < N_LIMITS; c++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->limits[c].row), self->editable);
  gtk_widget_set_sensitive (row_of (self->digital_switch), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->digital_when_row), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->digital_message), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->digital_priority_row), self->editable);
  gtk_widget_set_sensitive (row_of (self->deadband_spin), self->editable);
  gtk_widget_set_sensitive (row_of (self->on_delay_spin), self->editable);
  gtk_widget_set_sensitive (row_of (self->off_delay_spin), self->editable);
  gtk_widget_set_sensitive (row_of (self->latching_switch), self->editable);
}

static guint
spin_to_ms (GtkSpinButton *spin)
{
  double value = gtk_spin_button_get_value (spin);

  /* Out of range on purpose: the core's check then names the value. */
  if (value < 0)
    return G_MAXUINT;

  return (guint) MIN (value, (double) G_MAXUINT);
}

static PdAlarmDef *
new_def (PdTagAlarmRows   *self,
         PdAlarmCondition  condition,
         const PdTag      *tag)
{
  const PdAlarmDef *loaded = find_loaded (self, condition);
  PdAlarmDef *def = loaded != NULL ? pd_alarm_def_copy (loaded) : pd_alarm_def_new (condition);

  /* A tag not stored yet is checked as if it had its id already. */
  def->tag_id = tag->id != 0 ? tag->id : G_MAXINT64;
  def->device_id = tag->device_id;
  def->on_delay_ms = spin_to_ms (self->on_delay_spin);
  def->off_delay_ms = spin_to_ms (self->off_delay_spin);
  def->latching = gtk_switch_get_active (self->latching_switch);
  def->enabled = TRUE;

  return def;
}

/* The definitions the rows ask for: the ticked ones of the shown kind. */
static GPtrArray *
build_defs (PdTagAlarmRows *self,
            const PdTag    *tag)
{
  GPtrArray *defs = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alarm_def_free);

  if (self->digital)
    {
      if (gtk_switch_get_active (self->digital_switch))
        {
          PdAlarmDef *def = new_def (self, PD_ALARM_CONDITION_DIGITAL, tag);
          g_autofree char *message = g_strstrip (g_strdup (gtk_editable_get_text (self->digital_message)));

          def->digital_when = adw_combo_row_get_selected (self->digital_when_row) == 0;
          def->priority = MIN (adw_combo_row_get_selected (self->digital_priority_row), PD_ALARM_PRIORITY_LOW);
          g_free (def->message);
          def->message = message[0] != '\0' ? g_steal_pointer (&message) : NULL;
          g_ptr_array_add (defs, def);
        }

      return defs;
    }

  for (guint c = 0; c < N_LIMITS; c++)
    {
      PdAlarmDef *def;

      if (!gtk_check_button_get_active (self->limits[c].check))
        continue;

      def = new_def (self, c, tag);
      def->limit = gtk_spin_button_get_value (self->limits[c].spin);
      def->priority = MIN (gtk_drop_down_get_selected (self->limits[c].priority), PD_ALARM_PRIORITY_LOW);
      def->deadband = gtk_spin_button_get_value (self->deadband_spin);
      g_ptr_array_add (defs, def);
    }

  return defs;
}

static void
set_row_error (LimitRow   *limit,
               const char *message)
{
  adw_action_row_set_subtitle (limit->row, message != NULL ? message : "");
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (limit->spin), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (limit->spin), "error");
}

gboolean
pd_tag_alarm_rows_check (PdTagAlarmRows  *self,
                         const PdTag     *tag,
                         GError         **error)
{
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *general = NULL;

  g_return_val_if_fail (PD_IS_TAG_ALARM_ROWS (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  defs = build_defs (self, tag);

  for (guint c = 0; c < N_LIMITS; c++)
    set_row_error (&self->limits[c], NULL);

  for (guint i = 0; i < defs->len && local_error == NULL; i++)
    {
      if (!pd_alarm_def_validate (g_ptr_array_index (defs, i), &local_error))
        general = local_error->message;
    }

  /* Ticked limits in order: each must be above the next one ticked, and
   * the reason goes on the upper row of the pair. */
  for (guint i = 0; local_error == NULL && i + 1 < defs->len; i++)
    {
      PdAlarmDef *pair[2] = { g_ptr_array_index (defs, i), g_ptr_array_index (defs, i + 1) };

      if (!pd_alarm_defs_check_limits (pair, 2, &local_error))
        set_row_error (&self->limits[pair[0]->condition], local_error->message);
    }

  gtk_label_set_text (self->error_label, general != NULL ? general : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), general != NULL);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
pd_tag_alarm_rows_get_dirty (PdTagAlarmRows *self)
{
  g_return_val_if_fail (PD_IS_TAG_ALARM_ROWS (self), FALSE);

  return self->dirty;
}

static gboolean
is_wanted (GPtrArray        *defs,
           PdAlarmCondition  condition)
{
  for (guint i = 0; i < defs->len; i++)
    if (((PdAlarmDef *) g_ptr_array_index (defs, i))->condition == condition)
      return TRUE;

  return FALSE;
}

gboolean
pd_tag_alarm_rows_save (PdTagAlarmRows  *self,
                        PdStore         *store,
                        PdUser          *user,
                        const PdTag     *tag,
                        GError         **error)
{
  g_autoptr(GPtrArray) defs = NULL;
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (PD_IS_TAG_ALARM_ROWS (self), FALSE);
  g_return_val_if_fail (PD_IS_STORE (store), FALSE);
  g_return_val_if_fail (PD_IS_USER (user), FALSE);
  g_return_val_if_fail (tag != NULL && tag->id != 0, FALSE);

  defs = build_defs (self, tag);

  /* Definitions of the other kind (the tag's type changed) go too. */
  for (guint i = 0; i < self->loaded->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (self->loaded, i);

      if (!is_wanted (defs, def->condition))
        g_array_append_val (removed, def->id);
    }

  if (!self->dirty && removed->len == 0)
    return TRUE;

  /* Removed first: a limit that goes may be what a new one would
   * otherwise be out of order with. */
  for (guint i = 0; i < removed->len; i++)
    {
      if (!pd_store_remove_alarm_def (store, user, g_array_index (removed, gint64, i), error))
        return FALSE;
    }

  if (defs->len > 0 && !pd_store_save_tag_alarms (store, user, tag->id, defs, error))
    return FALSE;

  /* What is stored now is what the rows show. */
  for (guint i = 0; i < self->loaded->len; )
    {
      const PdAlarmDef *def = g_ptr_array_index (self->loaded, i);

      if (!is_wanted (defs, def->condition))
        g_ptr_array_remove_index (self->loaded, i);
      else
        i++;
    }
  for (guint i = 0; i < defs->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (defs, i);

      for (guint j = 0; j < self->loaded->len; j++)
        if (((PdAlarmDef *) g_ptr_array_index (self->loaded, j))->condition == def->condition)
          g_ptr_array_remove_index (self->loaded, j);
      g_ptr_array_add (self->loaded, pd_alarm_def_copy (def));
    }
  self->dirty = FALSE;

  return TRUE;
}

/* --- For the GUI tests ---------------------------------------------------- */

void
_pd_tag_alarm_rows_set_limit (PdTagAlarmRows   *self,
                              PdAlarmCondition  condition,
                              gboolean          enabled,
                              double            limit)
{
  g_return_if_fail (condition < N_LIMITS);

  gtk_spin_button_set_value (self->limits[condition].spin, limit);
  gtk_check_button_set_active (self->limits[condition].check, enabled);
}

const char *
_pd_tag_alarm_rows_get_row_error (PdTagAlarmRows   *self,
                                  PdAlarmCondition  condition)
{
  const char *subtitle;

  g_return_val_if_fail (condition < N_LIMITS, NULL);

  subtitle = adw_action_row_get_subtitle (self->limits[condition].row);

  return subtitle != NULL && subtitle[0] != '\0' ? subtitle : NULL;
}

PdAlarmPriority
_pd_tag_alarm_rows_get_priority (PdTagAlarmRows   *self,
                                 PdAlarmCondition  condition)
{
  g_return_val_if_fail (condition < N_LIMITS, PD_ALARM_PRIORITY_LOW);

  return gtk_drop_down_get_selected (self->limits[condition].priority);
}

void
_pd_tag_alarm_rows_set_digital_alarm (PdTagAlarmRows *self,
                                      gboolean        enabled,
                                      gboolean        when,
                                      const char     *message)
{
  gtk_editable_set_text (self->digital_message, message != NULL ? message : "");
  adw_combo_row_set_selected (self->digital_when_row, when ? 0 : 1);
  gtk_switch_set_active (self->digital_switch, enabled);
}

gboolean
_pd_tag_alarm_rows_is_editable (PdTagAlarmRows *self)
{
  return self->editable && gtk_widget_get_sensitive (GTK_WIDGET (self->limits[0].row));
}
