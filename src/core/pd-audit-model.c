/* pd-audit-model.c — a lazy list of the audit log
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-audit-model"

#include "config.h"

#include "pd-audit-model.h"
#include "pd-audit-record.h"
#include "pd-store-private.h"

/* Rows are read in pages of this many; at most MAX_PAGES stay cached, so
 * scrolling through a million rows keeps memory flat. */
#define PAGE_SIZE 128
#define MAX_PAGES 64

struct _PdAuditModel
{
  GObject        parent_instance;

  PdStore       *store;
  PdUser        *actor;
  char          *error;
  PdAuditFilter *filter;
  GArray        *ids;          /* gint64, newest first */
  GHashTable    *pages;        /* page index → GPtrArray of PdAuditRecord */
  GCancellable  *cancellable;
  gulong         appended_id;
  guint          loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdAuditModel, pd_audit_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char          *path;
  PdAuditFilter *filter;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  _pd_audit_filter_free (job->filter);
  g_free (job);
}

static GArray *
query_ids (sqlite3              *db,
           const PdAuditFilter  *filter,
           gint64                after_id,
           GError              **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT id FROM audit_log");
  sqlite3_stmt *stmt = NULL;
  gsize bare_length = sql->len;
  int rc;

  /* The filter binds from index 1; AFTER_ID takes the last placeholder. */
  _pd_audit_filter_append_where (filter, sql);
  g_string_append (sql, sql->len > bare_length ? " AND id > ?" : " WHERE id > ?");
  g_string_append (sql, " ORDER BY id DESC");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      _pd_audit_filter_bind (filter, stmt);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_count (stmt), after_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      pd_store_set_sqlite_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Runs in a worker with a connection of its own. */
static void
load_ids_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LoadJob *job = task_data;
  sqlite3 *db = NULL;
  GError *error = NULL;
  GArray *ids;
  int rc;

  rc = sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      pd_store_set_sqlite_error (db, rc, &error);
      sqlite3_close (db);
      g_task_return_error (task, error);
      return;
    }

  sqlite3_busy_timeout (db, 5000);
  ids = query_ids (db, job->filter, 0, &error);
  sqlite3_close (db);

  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

static void
set_loading (PdAuditModel *self,
             gboolean      loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
replace_ids (PdAuditModel *self,
             GArray       *ids)
{
  guint old_n = self->ids->len;

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = ids;
  g_hash_table_remove_all (self->pages);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, ids->len);
  if (old_n != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
load_ids_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PdAuditModel) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Could not load the audit log: %s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }

  replace_ids (self, ids);
  set_loading (self, FALSE);
}

static void
set_error (PdAuditModel *self,
           const char   *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
pd_audit_model_reload (PdAuditModel *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LoadJob *job;

  g_return_if_fail (PD_IS_AUDIT_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!pd_store_check_permission (self->store, self->actor, PD_PERMISSION_AUDIT_VIEW,
                                  "audit.read", &error))
    {
      set_error (self, error->message);
      replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
      set_loading (self, FALSE);
      return;
    }

  set_error (self, NULL);

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (pd_store_get_path (self->store));
  job->filter = _pd_audit_filter_copy (self->filter);

  /* The worker may release the task a little after the result is back:
   * so the task holds no reference to the model, only the callback's
   * USER_DATA does, which is dropped on this thread. */
  task = g_task_new (NULL, self->cancellable, load_ids_cb, g_object_ref (self));
  g_task_set_source_tag (task, pd_audit_model_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, load_ids_thread);
}

/* New records are few: find them on this thread and put them on top. */
static void
store_audit_appended_cb (PdAuditModel *self,
                         PdStore      *store)
{
  g_autoptr(GArray) fresh = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 newest;

  /* A reload in flight will include them; a refused reader sees nothing. */
  if (self->loading || self->error != NULL)
    return;

  newest = self->ids->len > 0 ? g_array_index (self->ids, gint64, 0) : 0;
  fresh = query_ids (pd_store_get_db (store), self->filter, newest, NULL);
  if (fresh == NULL || fresh->len == 0)
    return;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), fresh->len + self->ids->len);
  g_array_append_vals (ids, fresh->data, fresh->len);
  g_array_append_vals (ids, self->ids->data, self->ids->len);
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->pages);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, fresh->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static GPtrArray *
load_page (PdAuditModel *self,
           guint         page)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " PD_AUDIT_COLUMNS " FROM audit_log WHERE id IN (");
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GPtrArray *records;
  sqlite3_stmt *stmt = NULL;
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - first);
  int rc;

  for (guint i = 0; i < n; i++)
    g_string_append (sql, i == 0 ? "?" : ",?");
  g_string_append (sql, ")");

  rc = sqlite3_prepare_v2 (pd_store_get_db (self->store), sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      for (guint i = 0; i < n; i++)
        sqlite3_bind_int64 (stmt, i + 1, g_array_index (self->ids, gint64, first + i));

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          PdAuditRecord *record = _pd_audit_record_from_row (stmt);
          gint64 *key = g_new (gint64, 1);

          *key = pd_audit_record_get_id (record);
          g_hash_table_insert (by_id, key, record);
        }
    }
  sqlite3_finalize (stmt);

  /* Keep the order of ids[]. */
  records = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, first + i);
      PdAuditRecord *record = g_hash_table_lookup (by_id, &id);

      g_ptr_array_add (records, record != NULL ? g_object_ref (record)
                                               : pd_audit_record_new (id, NULL, NULL, NULL, NULL,
                                                                      NULL, NULL, NULL, NULL, NULL));
    }

  return records;
}

static GType
pd_audit_model_get_item_type (GListModel *model)
{
  return PD_TYPE_AUDIT_RECORD;
}

static guint
pd_audit_model_get_n_items (GListModel *model)
{
  return PD_AUDIT_MODEL (model)->ids->len;
}

static gpointer
pd_audit_model_get_item (GListModel *model,
                         guint       position)
{
  PdAuditModel *self = PD_AUDIT_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *records;

  if (position >= self->ids->len)
    return NULL;

  records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page + 1));
  if (records == NULL)
    {
      if (g_hash_table_size (self->pages) >= MAX_PAGES)
        g_hash_table_remove_all (self->pages);

      records = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page + 1), records);
    }

  return g_object_ref (g_ptr_array_index (records, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_audit_model_get_item_type;
  iface->get_n_items = pd_audit_model_get_n_items;
  iface->get_item = pd_audit_model_get_item;
}

static void
pd_audit_model_dispose (GObject *object)
{
  PdAuditModel *self = (PdAuditModel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->appended_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->actor);

  G_OBJECT_CLASS (pd_audit_model_parent_class)->dispose (object);
}

static void
pd_audit_model_finalize (GObject *object)
{
  PdAuditModel *self = (PdAuditModel *) object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->filter, _pd_audit_filter_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (pd_audit_model_parent_class)->finalize (object);
}

static void
pd_audit_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdAuditModel *self = PD_AUDIT_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_audit_model_class_init (PdAuditModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_audit_model_dispose;
  object_class->finalize = pd_audit_model_finalize;
  object_class->get_property = pd_audit_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_audit_model_init (PdAuditModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->filter = _pd_audit_filter_copy (NULL);
}

PdAuditModel *
pd_audit_model_new (PdStore *store,
                    PdUser  *actor)
{
  PdAuditModel *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (actor == NULL || PD_IS_USER (actor), NULL);

  self = g_object_new (PD_TYPE_AUDIT_MODEL, NULL);
  self->store = g_object_ref (store);
  self->actor = actor != NULL ? g_object_ref (actor) : NULL;
  self->appended_id = g_signal_connect_object (store, "audit-appended",
                                               G_CALLBACK (store_audit_appended_cb), self,
                                               G_CONNECT_SWAPPED);
  pd_audit_model_reload (self);

  return self;
}

void
pd_audit_model_set_filter (PdAuditModel        *self,
                           const PdAuditFilter *filter)
{
  g_return_if_fail (PD_IS_AUDIT_MODEL (self));

  g_clear_pointer (&self->filter, _pd_audit_filter_free);
  self->filter = _pd_audit_filter_copy (filter);
  pd_audit_model_reload (self);
}

const char *
pd_audit_model_get_error (PdAuditModel *self)
{
  g_return_val_if_fail (PD_IS_AUDIT_MODEL (self), NULL);

  return self->error;
}

gboolean
pd_audit_model_get_loading (PdAuditModel *self)
{
  g_return_val_if_fail (PD_IS_AUDIT_MODEL (self), FALSE);

  return self->loading;
}
