/* pd-audit-record.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-audit-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-audit-record.h"

struct _PdAuditRecord
{
  GObject parent_instance;

  gint64  id;
  char   *fields[9];
};

/* The order of fields[], matching the string properties after PROP_ID. */
enum {
  FIELD_TS,
  FIELD_USER,
  FIELD_ROLE,
  FIELD_STATION,
  FIELD_ACTION,
  FIELD_ENTITY,
  FIELD_ENTITY_ID,
  FIELD_RESULT,
  FIELD_DETAIL,
  N_FIELDS
};

G_DEFINE_FINAL_TYPE (PdAuditRecord, pd_audit_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_FIELD,
  PROP_LOCAL_TIME = PROP_FIRST_FIELD + N_FIELDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const field_names[N_FIELDS] = {
  "ts", "user", "role", "station", "action", "entity", "entity-id", "result", "detail",
};

static void
pd_audit_record_finalize (GObject *object)
{
  PdAuditRecord *self = (PdAuditRecord *) object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);

  G_OBJECT_CLASS (pd_audit_record_parent_class)->finalize (object);
}

static void
pd_audit_record_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PdAuditRecord *self = PD_AUDIT_RECORD (object);

  if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id >= PROP_FIRST_FIELD && prop_id < PROP_FIRST_FIELD + N_FIELDS)
    g_value_set_string (value, self->fields[prop_id - PROP_FIRST_FIELD]);
  else if (prop_id == PROP_LOCAL_TIME)
    g_value_take_string (value, pd_audit_record_format_local_time (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pd_audit_record_class_init (PdAuditRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_audit_record_finalize;
  object_class->get_property = pd_audit_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_FIELDS; i++)
    properties[PROP_FIRST_FIELD + i] =
      g_param_spec_string (field_names[i], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCAL_TIME] =
    g_param_spec_string ("local-time", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_audit_record_init (PdAuditRecord *self)
{
}

PdAuditRecord *
pd_audit_record_new (gint64      id,
                     const char *ts,
                     const char *user,
                     const char *role,
                     const char *station,
                     const char *action,
                     const char *entity,
                     const char *entity_id,
                     const char *result,
                     const char *detail)
{
  PdAuditRecord *self = g_object_new (PD_TYPE_AUDIT_RECORD, NULL);

  self->id = id;
  self->fields[FIELD_TS] = g_strdup (ts);
  self->fields[FIELD_USER] = g_strdup (user);
  self->fields[FIELD_ROLE] = g_strdup (role);
  self->fields[FIELD_STATION] = g_strdup (station);
  self->fields[FIELD_ACTION] = g_strdup (action);
  self->fields[FIELD_ENTITY] = g_strdup (entity);
  self->fields[FIELD_ENTITY_ID] = g_strdup (entity_id);
  self->fields[FIELD_RESULT] = g_strdup (result);
  self->fields[FIELD_DETAIL] = g_strdup (detail);

  return self;
}

gint64
pd_audit_record_get_id (PdAuditRecord *self)
{
  g_return_val_if_fail (PD_IS_AUDIT_RECORD (self), 0);
  return self->id;
}

char *
pd_audit_record_format_local_time (PdAuditRecord *self)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (PD_IS_AUDIT_RECORD (self), NULL);

  if (self->fields[FIELD_TS] == NULL)
    return NULL;

  utc = g_date_time_new_from_iso8601 (self->fields[FIELD_TS], NULL);
  if (utc == NULL)
    return g_strdup (self->fields[FIELD_TS]);

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

#define FIELD_GETTER(name, field)                          \
  const char *                                             \
  pd_audit_record_get_##name (PdAuditRecord *self)         \
  {                                                        \
    g_return_val_if_fail (PD_IS_AUDIT_RECORD (self), NULL); \
    return self->fields[field];                            \
  }

FIELD_GETTER (ts, FIELD_TS)
FIELD_GETTER (user, FIELD_USER)
FIELD_GETTER (role, FIELD_ROLE)
FIELD_GETTER (station, FIELD_STATION)
FIELD_GETTER (action, FIELD_ACTION)
FIELD_GETTER (entity, FIELD_ENTITY)
FIELD_GETTER (entity_id, FIELD_ENTITY_ID)
FIELD_GETTER (result, FIELD_RESULT)
FIELD_GETTER (detail, FIELD_DETAIL)

static const struct {
  const char *action;
  const char *label;
} action_labels[] = {
  { "alarm.ack", N_("Acknowledged an alarm") },
  { "alarm.define", N_("Defined an alarm") },
  { "alarm.remove", N_("Removed an alarm") },
  { "alarm.shelve", N_("Shelved an alarm") },
  { "alarm.suppress", N_("Suppressed an alarm") },
  { "alarm.unshelve", N_("Unshelved an alarm") },
  { "alarm.unsuppress", N_("Put an alarm back in service") },
  { "audit.read", N_("Read the audit log") },
  { "device.add", N_("Added a device") },
  { "device.lifecycle", N_("Changed a device’s state") },
  { "device.remove", N_("Removed a device") },
  { "device.update", N_("Changed a device") },
  { "inspection.plan", N_("Set an inspection plan") },
  { "inspection.record", N_("Recorded an inspection") },
  { "item.add", N_("Added an item") },
  { "item.import", N_("Imported items") },
  { "item.update", N_("Changed an item") },
  { "location.add", N_("Added a location") },
  { "location.update", N_("Changed a location") },
  { "order.cancel", N_("Cancelled a stock order") },
  { "order.close", N_("Closed a stock order") },
  { "order.create", N_("Created a stock order") },
  { "order.execute", N_("Executed a stock order line") },
  { "order.release", N_("Released a stock order") },
  { "session.login", N_("Signed in") },
  { "session.logout", N_("Signed out") },
  { "station.init", N_("Set up the station") },
  { "station.rename", N_("Renamed the station") },
  { "stock.threshold", N_("Set stock thresholds") },
  { "tag.add", N_("Added a tag") },
  { "tag.import", N_("Imported tags") },
  { "tag.remove", N_("Removed a tag") },
  { "tag.update", N_("Changed a tag") },
  { "tag.write", N_("Wrote a value to a device") },
  { "tag.write-failed", N_("Tried to write a value to a device") },
  { "user.add", N_("Added a user") },
  { "user.change-password", N_("Changed own password") },
  { "user.disable", N_("Disabled a user") },
  { "user.enable", N_("Enabled a user") },
  { "user.list", N_("Listed the users") },
  { "user.reset-password", N_("Reset a password") },
  { "user.set-role", N_("Changed a role") },
};

const char *
pd_audit_action_get_label (const char *action)
{
  if (action == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (strcmp (action, action_labels[i].action) == 0)
      return g_dgettext (GETTEXT_PACKAGE, action_labels[i].label);

  return action;
}

static const struct {
  const char *entity;
  const char *label;
} entity_labels[] = {
  { "alarm_def", N_("Alarm") },
  { "alarm_event", N_("Alarm event") },
  { "device", N_("Device") },
  { "inspection", N_("Inspection") },
  { "inspection_plan", N_("Inspection plan") },
  /* TRANSLATORS: a stock item in the warehouse */
  { "item", N_("Item") },
  /* TRANSLATORS: a place in the warehouse: warehouse, zone or bin */
  { "location", N_("Location") },
  { "permission", N_("Permission") },
  { "session", N_("Session") },
  { "station", N_("Station") },
  /* TRANSLATORS: an inbound or outbound order in the warehouse */
  { "stock_order", N_("Stock order") },
  { "tag", N_("Tag") },
  { "user", N_("User") },
};

const char *
pd_audit_entity_get_label (const char *entity)
{
  if (entity == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (entity_labels); i++)
    if (strcmp (entity, entity_labels[i].entity) == 0)
      return g_dgettext (GETTEXT_PACKAGE, entity_labels[i].label);

  return entity;
}
