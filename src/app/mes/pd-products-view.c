/* pd-products-view.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-products-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-store-mes.h"
#include "pd-store-wms.h"
#include "pd-store-worker.h"
#include "mes/pd-products-view.h"

#define RELOAD_DELAY_MS 200

struct _PdProductsView
{
  GtkBox           parent_instance;

  PdStore         *store;
  PdUser          *user;
  PdStoreWorker   *worker;
  GCancellable    *cancellable;
  GPtrArray       *skus;          /* char *, parallel to the drop-down */
  gboolean         can_edit;
  guint            pending;       /* reads and writes under way */
  guint            reload_source;
  guint            bom_version;
  guint            routing_version;
  char            *history;

  GtkDropDown     *product_dropdown;
  GtkLabel        *status_label;
  AdwPreferencesGroup *bom_group;
  AdwPreferencesGroup *routing_group;
  GtkButton       *save_bom_button;
  GtkButton       *save_routing_button;
  PdBomEditor     *bom_editor;
  PdRoutingEditor *routing_editor;
  GtkLabel        *history_label;
};

G_DEFINE_FINAL_TYPE (PdProductsView, pd_products_view, GTK_TYPE_BOX)

static const char *
current_sku (PdProductsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->product_dropdown);

  return selected < self->skus->len ? g_ptr_array_index (self->skus, selected) : NULL;
}

static void
update_state (PdProductsView *self)
{
  gboolean chosen = current_sku (self) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->save_bom_button), self->can_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->save_routing_button), self->can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_bom_button), chosen && self->pending == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_routing_button), chosen && self->pending == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bom_editor), chosen);
  gtk_widget_set_sensitive (GTK_WIDGET (self->routing_editor), chosen);
}

static void
show_status (PdProductsView *self,
             const char     *message)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
}

/* --- Reading one product ----------------------------------------------------- */

typedef struct
{
  char       *sku;
  PdBom      *bom;
  GPtrArray  *bom_versions;      /* PdBom */
  PdRouting  *routing;
  GPtrArray  *routing_versions;  /* PdRouting, newest first */
  GStrv       work_centers;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *loaded = data;

  g_free (loaded->sku);
  g_clear_pointer (&loaded->bom, pd_bom_free);
  g_clear_pointer (&loaded->bom_versions, g_ptr_array_unref);
  g_clear_pointer (&loaded->routing, pd_routing_free);
  g_clear_pointer (&loaded->routing_versions, g_ptr_array_unref);
  g_strfreev (loaded->work_centers);
  g_free (loaded);
}

static gboolean
load_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  const char *sku = data;
  g_autoptr(PdItem) product = NULL;
  g_autoptr(GPtrArray) centers = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  Loaded *loaded;

  if ((product = pd_store_find_item (worker_store, sku, error)) == NULL ||
      (centers = pd_store_list_work_centers (worker_store, error)) == NULL)
    return FALSE;

  loaded = g_new0 (Loaded, 1);
  loaded->sku = g_strdup (product->sku);
  loaded->routing_versions = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_routing_free);
  for (guint i = 0; i < centers->len; i++)
    g_strv_builder_add (codes, ((PdWorkCenter *) g_ptr_array_index (centers, i))->code);
  loaded->work_centers = g_strv_builder_end (codes);

  if (!pd_store_get_bom (worker_store, product->id, 0, &loaded->bom, error) ||
      (loaded->bom_versions = pd_store_list_bom_versions (worker_store, product->id, error)) == NULL ||
      !pd_store_get_routing (worker_store, product->id, 0, &loaded->routing, error))
    {
      loaded_free (loaded);
      return FALSE;
    }
  /* Routings have no list of versions: each one read in turn. */
  for (guint v = loaded->routing != NULL ? loaded->routing->version : 0; v >= 1; v--)
    {
      PdRouting *routing = NULL;

      if (!pd_store_get_routing (worker_store, product->id, v, &routing, error))
        {
          loaded_free (loaded);
          return FALSE;
        }
      if (routing != NULL)
        g_ptr_array_add (loaded->routing_versions, routing);
    }

  *result = loaded;
  return TRUE;
}

static void
show_loaded (PdProductsView *self,
             Loaded         *loaded)
{
  GString *history = g_string_new (NULL);
  g_autofree char *bom_text = NULL;
  g_autofree char *routing_text = NULL;

  self->bom_version = loaded->bom != NULL ? loaded->bom->version : 0;
  self->routing_version = loaded->routing != NULL ? loaded->routing->version : 0;
  pd_routing_editor_set_work_centers (self->routing_editor, (const char * const *) loaded->work_centers);
  if (!pd_line_editor_get_dirty (PD_LINE_EDITOR (self->bom_editor)))
    pd_bom_editor_set_bom (self->bom_editor, loaded->bom);
  if (!pd_line_editor_get_dirty (PD_LINE_EDITOR (self->routing_editor)))
    pd_routing_editor_set_routing (self->routing_editor, loaded->routing);

  /* TRANSLATORS: the active version of a bill of materials or routing */
  bom_text = self->bom_version > 0 ? g_strdup_printf (_("Active version %u"), self->bom_version)
                                   : g_strdup (_("None yet"));
  routing_text = self->routing_version > 0 ? g_strdup_printf (_("Active version %u"), self->routing_version)
                                           : g_strdup (_("None yet"));
  {
    /* TRANSLATORS: the active version, then what the editor's fields are */
    g_autofree char *bom_description = g_strdup_printf (_("%s — component, quantity per unit, scrap %%, when it is issued"),
                                                        bom_text);
    g_autofree char *routing_description = g_strdup_printf (_("%s — sequence, work center, setup minutes, cycle seconds per unit, instructions"),
                                                            routing_text);

    adw_preferences_group_set_description (self->bom_group, bom_description);
    adw_preferences_group_set_description (self->routing_group, routing_description);
  }

  for (guint i = 0; i < loaded->bom_versions->len; i++)
    {
      const PdBom *bom = g_ptr_array_index (loaded->bom_versions, i);
      g_autofree char *when = pd_mes_format_local_time (bom->created_at);

      /* TRANSLATORS: version, when it was stored, how many components; then “active” or nothing */
      g_string_append_printf (history, g_dngettext (GETTEXT_PACKAGE,
                                                    "Bill of materials version %u, %s, %u component",
                                                    "Bill of materials version %u, %s, %u components",
                                                    bom->lines->len),
                              bom->version, when, bom->lines->len);
      g_string_append_printf (history, "%s\n", bom->active ? _(" (active)") : "");
    }
  for (guint i = 0; i < loaded->routing_versions->len; i++)
    {
      const PdRouting *routing = g_ptr_array_index (loaded->routing_versions, i);
      g_autofree char *when = pd_mes_format_local_time (routing->created_at);

      g_string_append_printf (history, g_dngettext (GETTEXT_PACKAGE,
                                                    "Routing version %u, %s, %u operation",
                                                    "Routing version %u, %s, %u operations",
                                                    routing->ops->len),
                              routing->version, when, routing->ops->len);
      g_string_append_printf (history, "%s\n", routing->active ? _(" (active)") : "");
    }
  if (history->len == 0)
    g_string_append (history, _("No versions stored yet."));
  else
    g_string_truncate (history, history->len - 1);

  g_free (self->history);
  self->history = g_string_free (history, FALSE);
  gtk_label_set_text (self->history_label, self->history);
  show_status (self, NULL);
}

static void load_product (PdProductsView *self);

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdProductsView) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = NULL;
  gboolean ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &loaded, &error);

  if (self->store == NULL)  /* disposed meanwhile */
    {
      g_clear_pointer (&loaded, loaded_free);
      return;
    }
  if (!ok)
    {
      self->pending--;
      show_status (self, error->message);
      update_state (self);
      return;
    }

  self->pending--;
  /* A product chosen meanwhile is read by its own job. */
  if (g_strcmp0 (loaded->sku, current_sku (self)) == 0 ||
      (current_sku (self) != NULL && g_ascii_strcasecmp (loaded->sku, current_sku (self)) == 0))
    show_loaded (self, loaded);
  loaded_free (loaded);
  update_state (self);
}

static void
load_product (PdProductsView *self)
{
  const char *sku = current_sku (self);

  if (sku == NULL)
    {
      update_state (self);
      return;
    }
  self->pending++;
  update_state (self);
  show_status (self, _("Reading…"));
  /* An answer for a product no longer chosen is dropped. */
  pd_store_worker_run_async (self->worker, load_job, g_strdup (sku), g_free, loaded_free,
                             self->cancellable, load_done_cb, g_object_ref (self));
}

static void
product_selected_cb (PdProductsView *self)
{
  /* Another product: what was typed for the last one goes. */
  pd_bom_editor_set_bom (self->bom_editor, NULL);
  pd_routing_editor_set_routing (self->routing_editor, NULL);
  load_product (self);
}

static void
editor_changed_cb (PdProductsView *self)
{
}

/* Master data changed: read again (an editor with something typed in it
 * keeps it). */
static gboolean
reload_timeout_cb (gpointer user_data)
{
  PdProductsView *self = user_data;

  self->reload_source = 0;
  load_product (self);
  return G_SOURCE_REMOVE;
}

static void
master_changed_cb (PdProductsView *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

/* --- The products to choose from -------------------------------------------- */

static gboolean
items_job (PdStore   *worker_store,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  GPtrArray *items = pd_store_list_items (worker_store, NULL, error);

  *result = items;
  return items != NULL;
}

static void
items_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PdProductsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &items, &error);

  if (self->store == NULL)
    return;
  if (!ok)
    {
      self->pending--;
      show_status (self, error->message);
      update_state (self);
      return;
    }

  self->pending--;
  g_ptr_array_set_size (self->skus, 0);
  for (guint i = 0; i < items->len; i++)
    {
      const PdItem *item = g_ptr_array_index (items, i);
      g_autofree char *label = NULL;

      /* TRANSLATORS: an item's SKU, then its name */
      label = g_strdup_printf (_("%s — %s"), item->sku, item->name);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->skus, g_strdup (item->sku));
    }
  gtk_drop_down_set_model (self->product_dropdown, G_LIST_MODEL (labels));
  if (items->len == 0)
    show_status (self, _("No items are defined: add products in the warehouse first."));
  /* Setting the model chose the first one, which is read now. */
  update_state (self);
}

/* --- Saving ----------------------------------------------------------------- */

typedef struct
{
  PdProductsView *self;
  PdUser         *user;
  PdBom          *bom;       /* or */
  PdRouting      *routing;
} Save;

static void
save_free (Save *save)
{
  g_object_unref (save->self);
  g_object_unref (save->user);
  g_clear_pointer (&save->bom, pd_bom_free);
  g_clear_pointer (&save->routing, pd_routing_free);
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

  if (save->bom != NULL)
    return pd_store_set_bom (worker_store, save->user, save->bom, error);
  return pd_store_set_routing (worker_store, save->user, save->routing, error);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Save) save = user_data;
  PdProductsView *self = save->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gboolean ok = pd_store_worker_run_finish (PD_STORE_WORKER (source), result, NULL, &error);

  if (self->store == NULL)
    return;
  if (!ok)
    {
      self->pending--;
      if (save->bom != NULL)
        pd_line_editor_set_error (PD_LINE_EDITOR (self->bom_editor), error->message);
      else
        pd_line_editor_set_error (PD_LINE_EDITOR (self->routing_editor), error->message);
      update_state (self);
      return;
    }

  self->pending--;
  if (save->bom != NULL)
    /* TRANSLATORS: a product's SKU, then the new version */
    message = g_strdup_printf (_("Stored the bill of materials of %s as version %u."),
                               save->bom->product_sku, save->bom->version);
  else
    message = g_strdup_printf (_("Stored the routing of %s as version %u."),
                               save->routing->product_sku, save->routing->version);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);

  /* What was saved is read back, the other editor's typing kept. */
  if (save->bom != NULL)
    pd_line_editor_mark_saved (PD_LINE_EDITOR (self->bom_editor));
  else
    pd_line_editor_mark_saved (PD_LINE_EDITOR (self->routing_editor));
  load_product (self);
}

static void
save (PdProductsView *self,
      gboolean        bom)
{
  const char *sku = current_sku (self);
  g_autoptr(GError) error = NULL;
  Save *job;

  if (sku == NULL || !self->can_edit || self->pending > 0)
    return;

  job = g_new0 (Save, 1);
  job->self = g_object_ref (self);
  job->user = g_object_ref (self->user);
  if (bom)
    {
      job->bom = pd_bom_editor_build (self->bom_editor, sku, &error);
      pd_line_editor_set_error (PD_LINE_EDITOR (self->bom_editor), error != NULL ? error->message : NULL);
    }
  else
    {
      job->routing = pd_routing_editor_build (self->routing_editor, sku, &error);
      pd_line_editor_set_error (PD_LINE_EDITOR (self->routing_editor), error != NULL ? error->message : NULL);
    }
  if (error != NULL)
    {
      save_free (job);
      return;
    }

  self->pending++;
  update_state (self);
  pd_store_worker_run_async (self->worker, save_job, job, NULL, NULL, self->cancellable, save_done_cb, job);
}

static void
save_bom_clicked_cb (PdProductsView *self)
{
  save (self, TRUE);
}

static void
save_routing_clicked_cb (PdProductsView *self)
{
  save (self, FALSE);
}

/* --- GObject -------------------------------------------------------------- */

static void
pd_products_view_dispose (GObject *object)
{
  PdProductsView *self = PD_PRODUCTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (pd_products_view_parent_class)->dispose (object);
}

static void
pd_products_view_finalize (GObject *object)
{
  PdProductsView *self = PD_PRODUCTS_VIEW (object);

  g_clear_pointer (&self->skus, g_ptr_array_unref);
  g_free (self->history);

  G_OBJECT_CLASS (pd_products_view_parent_class)->finalize (object);
}

static void
pd_products_view_class_init (PdProductsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_products_view_dispose;
  object_class->finalize = pd_products_view_finalize;

  g_type_ensure (PD_TYPE_BOM_EDITOR);
  g_type_ensure (PD_TYPE_ROUTING_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/mes/pd-products-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, product_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, bom_group);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, routing_group);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, save_bom_button);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, save_routing_button);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, bom_editor);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, routing_editor);
  gtk_widget_class_bind_template_child (widget_class, PdProductsView, history_label);
  gtk_widget_class_bind_template_callback (widget_class, product_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_bom_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_routing_clicked_cb);
}

static void
pd_products_view_init (PdProductsView *self)
{
  self->skus = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
pd_products_view_new (PdStore *store,
                      PdUser  *user)
{
  PdProductsView *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);
  g_return_val_if_fail (PD_IS_USER (user), NULL);

  self = g_object_new (PD_TYPE_PRODUCTS_VIEW, NULL);
  self->store = g_object_ref (store);
  self->user = g_object_ref (user);
  self->worker = pd_store_worker_new (store);
  self->can_edit = pd_role_has_permission (pd_user_get_role (user), PD_PERMISSION_MES_MASTER);
  pd_line_editor_set_editable (PD_LINE_EDITOR (self->bom_editor), self->can_edit);
  pd_line_editor_set_editable (PD_LINE_EDITOR (self->routing_editor), self->can_edit);
  g_signal_connect_swapped (store, "mes-master-changed", G_CALLBACK (master_changed_cb), self);

  self->pending++;
  show_status (self, _("Reading…"));
  update_state (self);
  pd_store_worker_run_async (self->worker, items_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                             self->cancellable, items_done_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

/* --- For tests -------------------------------------------------------------- */

gboolean
_pd_products_view_is_busy (PdProductsView *self)
{
  return self->pending > 0 || self->reload_source != 0;
}

gboolean
_pd_products_view_choose (PdProductsView *self,
                          const char     *sku)
{
  for (guint i = 0; i < self->skus->len; i++)
    if (g_str_equal (g_ptr_array_index (self->skus, i), sku))
      {
        if (gtk_drop_down_get_selected (self->product_dropdown) != i)
          gtk_drop_down_set_selected (self->product_dropdown, i);
        else
          load_product (self);
        return TRUE;
      }
  return FALSE;
}

PdBomEditor *
_pd_products_view_get_bom_editor (PdProductsView *self)
{
  return self->bom_editor;
}

PdRoutingEditor *
_pd_products_view_get_routing_editor (PdProductsView *self)
{
  return self->routing_editor;
}

void
_pd_products_view_save_bom (PdProductsView *self)
{
  save (self, TRUE);
}

void
_pd_products_view_save_routing (PdProductsView *self)
{
  save (self, FALSE);
}

guint
_pd_products_view_get_bom_version (PdProductsView *self)
{
  return self->bom_version;
}

guint
_pd_products_view_get_routing_version (PdProductsView *self)
{
  return self->routing_version;
}

const char *
_pd_products_view_get_history (PdProductsView *self)
{
  return self->history;
}

gboolean
_pd_products_view_can_edit (PdProductsView *self)
{
  return self->can_edit && gtk_widget_get_visible (GTK_WIDGET (self->save_bom_button));
}
