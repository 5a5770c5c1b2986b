/* pd-audit-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-audit-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "admin/pd-audit-page.h"
#include "admin/pd-audit-page-private.h"
#include "pd-date-entry.h"

/* The first entry of the user and action drop-downs stands for "any". */
#define ANY_POSITION 0

enum {
  RESULT_ANY,
  RESULT_OK,
  RESULT_DENIED,
};

struct _PdAuditPage
{
  PdSectionPage       parent_instance;

  PdAuditModel       *model;
  GtkStringList      *user_names;
  GtkStringList      *action_names;
  guint               updating : 1;

  /* Template widgets */
  GtkSingleSelection *selection;
  GtkColumnView      *column_view;
  GtkDropDown        *user_dropdown;
  GtkDropDown        *action_dropdown;
  GtkDropDown        *result_dropdown;
  GtkEntry           *since_entry;
  GtkEntry           *until_entry;
  GtkMenuButton      *since_button;
  GtkMenuButton      *until_button;
  GtkCalendar        *since_calendar;
  GtkCalendar        *until_calendar;
  GtkSpinner         *spinner;
  GtkLabel           *count_label;
  GtkStack           *view_stack;
};

G_DEFINE_FINAL_TYPE (PdAuditPage, pd_audit_page, PD_TYPE_SECTION_PAGE)

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item == NULL || gtk_drop_down_get_selected (dropdown) == ANY_POSITION)
    return NULL;

  return gtk_string_object_get_string (item);
}

static void
apply_filter (PdAuditPage *self)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) until_day = NULL;
  g_autoptr(GDateTime) until = NULL;
  PdAuditFilter filter = { 0 };
  gboolean since_ok;
  gboolean until_ok;

  if (self->updating || self->model == NULL)
    return;

  since_ok = pd_date_entry_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->since_entry)), &since);
  until_ok = pd_date_entry_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->until_entry)), &until_day);
  pd_date_entry_set_valid (self->since_entry, since_ok);
  pd_date_entry_set_valid (self->until_entry, until_ok);

  /* A half-typed date keeps the previous filter rather than showing
   * everything or nothing while the person types. */
  if (!since_ok || !until_ok)
    return;

  /* "To" names a whole day: the filter's upper bound is exclusive. */
  if (until_day != NULL)
    until = g_date_time_add_days (until_day, 1);

  filter.user = selected_string (self->user_dropdown);
  filter.action = selected_string (self->action_dropdown);
  filter.since = since;
  filter.until = until;

  switch (gtk_drop_down_get_selected (self->result_dropdown))
    {
    case RESULT_OK:
      filter.result = "ok";
      break;

    case RESULT_DENIED:
      filter.result = "denied";
      break;

    default:
      filter.result = NULL;
      break;
    }

  pd_audit_model_set_filter (self->model, &filter);
}

static void
date_changed_cb (PdAuditPage *self,
                 GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GDateTime) date = NULL;

  /* Apply once the text is a full date or empty; flag it as wrong only
   * once it is long enough to be one. */
  if (pd_date_entry_parse_day (text, &date))
    apply_filter (self);
  else
    pd_date_entry_set_valid (GTK_ENTRY (editable), strlen (text) < 10);
}

static void
date_activate_cb (PdAuditPage *self,
                  GtkEntry    *entry)
{
  g_autoptr(GDateTime) date = NULL;

  pd_date_entry_set_valid (entry, pd_date_entry_parse_day (gtk_editable_get_text (GTK_EDITABLE (entry)), &date));
  apply_filter (self);
}

static void
calendar_day_selected_cb (PdAuditPage *self,
                          GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  if (calendar == self->since_calendar)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->since_entry), text);
      gtk_menu_button_popdown (self->since_button);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->until_entry), text);
      gtk_menu_button_popdown (self->until_button);
    }
}

static void
filter_changed_cb (PdAuditPage *self)
{
  apply_filter (self);
}

static void
reset_filters_cb (PdAuditPage *self)
{
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->user_dropdown, ANY_POSITION);
  gtk_drop_down_set_selected (self->action_dropdown, ANY_POSITION);
  gtk_drop_down_set_selected (self->result_dropdown, RESULT_ANY);
  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), "");
  self->updating = FALSE;

  apply_filter (self);
}

static void
update_status (PdAuditPage *self)
{
  gboolean loading = pd_audit_model_get_loading (self->model);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = NULL;

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);

  if (pd_audit_model_get_error (self->model) != NULL)
    count = g_strdup (pd_audit_model_get_error (self->model));
  else if (loading)
    count = g_strdup (_("Loading…"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n_items), n_items);
  gtk_label_set_text (self->count_label, count);

  gtk_stack_set_visible_child_name (self->view_stack, n_items == 0 && !loading ? "empty" : "list");
}

/* Replaces the strings of LIST after its first ("any") entry with
 * STRINGS, and keeps DROPDOWN on the string it showed. */
static void
replace_choices (PdAuditPage        *self,
                 GtkDropDown        *dropdown,
                 GtkStringList      *list,
                 const char * const *strings)
{
  g_autofree char *current = g_strdup (selected_string (dropdown));
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint position = ANY_POSITION;

  self->updating = TRUE;
  gtk_string_list_splice (list, 1, n_old - 1, strings);
  if (current != NULL)
    for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
      if (g_str_equal (strings[i], current))
        position = i + 1;
  gtk_drop_down_set_selected (dropdown, position);
  self->updating = FALSE;

  /* The person's choice has gone from the list: show everything. */
  if (current != NULL && position == ANY_POSITION)
    apply_filter (self);
}

static void
refresh_users (PdAuditPage *self)
{
  PdStore *store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  users = pd_store_list_users (store, NULL);
  for (guint i = 0; users != NULL && i < users->len; i++)
    g_strv_builder_add (builder, pd_user_get_name (g_ptr_array_index (users, i)));
  names = g_strv_builder_end (builder);

  replace_choices (self, self->user_dropdown, self->user_names, (const char * const *) names);
}

static void
refresh_actions (PdAuditPage *self)
{
  PdStore *store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  g_auto(GStrv) actions = pd_store_list_audit_actions (store, NULL);
  guint n_known = g_list_model_get_n_items (G_LIST_MODEL (self->action_names)) - 1;

  if (actions == NULL || g_strv_length (actions) == n_known)
    return;

  replace_choices (self, self->action_dropdown, self->action_names, (const char * const *) actions);
}

static char *
role_label_cb (GObject    *item,
               const char *role_name)
{
  PdRole role;

  if (role_name != NULL && pd_role_from_string (role_name, &role))
    return g_strdup (pd_role_get_display_name (role));

  return g_strdup (role_name);
}

static char *
result_label_cb (GObject    *item,
                 const char *result)
{
  if (g_strcmp0 (result, "ok") == 0)
    return g_strdup (C_("audit result", "Allowed"));
  if (g_strcmp0 (result, "denied") == 0)
    return g_strdup (C_("audit result", "Denied"));

  return g_strdup (result);
}

static char *
action_label_cb (GObject    *item,
                 const char *action)
{
  return g_strdup (pd_audit_action_get_label (action));
}

static char *
entity_label_cb (GObject    *item,
                 const char *entity,
                 const char *entity_id)
{
  const char *label = pd_audit_entity_get_label (entity);
  PdPermission permission;

  /* A refusal names the permission that was missing. */
  if (g_strcmp0 (entity, "permission") == 0 && pd_permission_from_string (entity_id, &permission))
    return g_strdup_printf (_("Permission: %s"), pd_permission_get_description (permission));

  if (entity_id == NULL || entity_id[0] == '\0')
    return g_strdup (label);

  return g_strdup_printf ("%s %s", label, entity_id);
}

static void
pd_audit_page_constructed (GObject *object)
{
  PdAuditPage *self = (PdAuditPage *) object;
  PdStore *store;

  G_OBJECT_CLASS (pd_audit_page_parent_class)->constructed (object);

  store = pd_section_page_get_store (PD_SECTION_PAGE (self));
  self->model = pd_audit_model_new (store, pd_section_page_get_user (PD_SECTION_PAGE (self)));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);

  refresh_users (self);
  refresh_actions (self);
  g_signal_connect_object (store, "users-changed",
                           G_CALLBACK (refresh_users), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "audit-appended",
                           G_CALLBACK (refresh_actions), self, G_CONNECT_SWAPPED);

  update_status (self);
}

static void
pd_audit_page_dispose (GObject *object)
{
  PdAuditPage *self = (PdAuditPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_AUDIT_PAGE);

  G_OBJECT_CLASS (pd_audit_page_parent_class)->dispose (object);
}

static void
pd_audit_page_finalize (GObject *object)
{
  PdAuditPage *self = (PdAuditPage *) object;

  g_clear_object (&self->model);
  g_clear_object (&self->user_names);
  g_clear_object (&self->action_names);

  G_OBJECT_CLASS (pd_audit_page_parent_class)->finalize (object);
}

static void
pd_audit_page_class_init (PdAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_audit_page_constructed;
  object_class->dispose = pd_audit_page_dispose;
  object_class->finalize = pd_audit_page_finalize;

  /* The cell templates look the record type up by name. */
  g_type_ensure (PD_TYPE_AUDIT_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/admin/pd-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, selection);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, user_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, result_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, since_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, until_entry);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, since_button);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, until_button);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, since_calendar);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdAuditPage, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, action_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, entity_label_cb);
}

static void
pd_audit_page_init (PdAuditPage *self)
{
  const char *results[] = {
    C_("audit result filter", "All Results"),
    C_("audit result", "Allowed"),
    C_("audit result", "Denied"),
    NULL
  };
  g_autoptr(GtkStringList) result_names = gtk_string_list_new (results);
  GtkExpression *expression;
  GtkExpression *label_expression;

  self->updating = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->user_names = gtk_string_list_new ((const char *[]) { _("All Users"), NULL });
  self->action_names = gtk_string_list_new ((const char *[]) { _("All Actions"), NULL });

  /* Long lists can be searched by typing. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->user_dropdown, expression);
  /* Actions are chosen by what they mean, not by their stable names. */
  label_expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &expression,
                                                  G_CALLBACK (action_label_cb), NULL, NULL);
  gtk_drop_down_set_expression (self->action_dropdown, label_expression);
  gtk_expression_unref (label_expression);

  gtk_drop_down_set_model (self->user_dropdown, G_LIST_MODEL (self->user_names));
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (self->action_names));
  gtk_drop_down_set_model (self->result_dropdown, G_LIST_MODEL (result_names));

  self->updating = FALSE;
}

/* --- For the GUI tests ---------------------------------------------------- */

PdAuditModel *
_pd_audit_page_get_model (PdAuditPage *self)
{
  return self->model;
}

GListModel *
_pd_audit_page_get_view_model (PdAuditPage *self)
{
  return G_LIST_MODEL (self->selection);
}

GtkAdjustment *
_pd_audit_page_get_vadjustment (PdAuditPage *self)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
}

static gboolean
select_string (GtkDropDown *dropdown,
               const char  *string)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint n_items = g_list_model_get_n_items (model);

  if (string == NULL)
    {
      gtk_drop_down_set_selected (dropdown, ANY_POSITION);
      return TRUE;
    }

  for (guint i = ANY_POSITION + 1; i < n_items; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), string) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
_pd_audit_page_select_user (PdAuditPage *self,
                            const char  *name)
{
  return select_string (self->user_dropdown, name);
}

gboolean
_pd_audit_page_select_action (PdAuditPage *self,
                              const char  *action)
{
  return select_string (self->action_dropdown, action);
}

gboolean
_pd_audit_page_select_result (PdAuditPage *self,
                              const char  *result)
{
  if (result == NULL)
    gtk_drop_down_set_selected (self->result_dropdown, RESULT_ANY);
  else if (g_str_equal (result, "ok"))
    gtk_drop_down_set_selected (self->result_dropdown, RESULT_OK);
  else if (g_str_equal (result, "denied"))
    gtk_drop_down_set_selected (self->result_dropdown, RESULT_DENIED);
  else
    return FALSE;

  return TRUE;
}

GtkEditable *
_pd_audit_page_get_since_entry (PdAuditPage *self)
{
  return GTK_EDITABLE (self->since_entry);
}

GtkEditable *
_pd_audit_page_get_until_entry (PdAuditPage *self)
{
  return GTK_EDITABLE (self->until_entry);
}

gboolean
_pd_audit_page_get_showing_empty (PdAuditPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "empty") == 0;
}
