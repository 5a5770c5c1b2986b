/* pd-oee-tiles.c — each work center's OEE of its current shift
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-oee-tiles"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pd-store-worker.h"
#include "mes/pd-mes-reload.h"
#include "mes/pd-oee-tiles.h"

#define RELOAD_DELAY_MS  500
#define REFRESH_SECONDS  60

typedef struct
{
  char     *code;
  char     *name;
  gboolean  in_shift;
  gint64    start;
  gint64    end;
  double    availability;
  double    performance;
  double    quality;
  double    oee;
} Figure;

typedef struct
{
  GtkWidget *box;
  GtkLabel  *code;
  GtkLabel  *oee;
  GtkLabel  *parts;
  GtkLabel  *shift;
} Tile;

struct _PdOeeTiles
{
  GtkBox         parent_instance;

  PdStore       *store;
  PdStoreWorker *worker;
  GCancellable  *cancellable;
  GArray        *tiles;          /* Tile */
  GtkFlowBox    *flow;
  gint64         now;            /* 0: the clock */
  PdMesReload    reload;
  guint          refresh_source;
};

G_DEFINE_FINAL_TYPE (PdOeeTiles, pd_oee_tiles, GTK_TYPE_BOX)

static void
figure_clear (gpointer data)
{
  Figure *f = data;

  g_free (f->code);
  g_free (f->name);
}

/* In the worker: every work center's current shift so far. */
static gboolean
read_job (PdStore   *worker_store,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  gint64 now = *(gint64 *) data;
  sqlite3 *db = pd_store_get_db (worker_store);
  g_autoptr(GPtrArray) centers = pd_store_list_work_centers (worker_store, error);
  g_autoptr(GArray) figures = NULL;

  if (centers == NULL)
    return FALSE;
  figures = g_array_new (FALSE, TRUE, sizeof (Figure));
  g_array_set_clear_func (figures, figure_clear);
  for (guint i = 0; i < centers->len; i++)
    {
      const PdWorkCenter *wc = g_ptr_array_index (centers, i);
      Figure fig = { g_strdup (wc->code), g_strdup (wc->name), FALSE, 0, 0, NAN, NAN, NAN, NAN };

      if (pd_kpi_current_shift (db, wc->id, now, NULL, &fig.start, &fig.end, NULL) && fig.start < now)
        {
          g_autoptr(PdKpiReport) r = pd_kpi_compute (db, wc->code, fig.start, now, PD_KPI_BY_RANGE, NULL, now, error);
          const PdKpiBucket *b;

          if (r == NULL)
            {
              figure_clear (&fig);
              return FALSE;
            }
          b = r->total;
          fig.in_shift = TRUE;
          fig.availability = b->availability;
          fig.performance = b->performance;
          fig.quality = b->quality;
          fig.oee = b->oee;
        }
      g_array_append_val (figures, fig);
    }
  *result = g_steal_pointer (&figures);
  return TRUE;
}

static Tile *
add_tile (PdOeeTiles *self)
{
  Tile t;

  t.box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  t.code = GTK_LABEL (gtk_label_new (NULL));
  t.oee = GTK_LABEL (gtk_label_new (NULL));
  t.parts = GTK_LABEL (gtk_label_new (NULL));
  t.shift = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (t.box, "card");
  gtk_widget_set_size_request (t.box, 200, -1);
  gtk_widget_add_css_class (GTK_WIDGET (t.code), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (t.oee), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (t.parts), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (t.shift), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (t.shift), "dim-label");
  gtk_label_set_ellipsize (t.code, PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (t.parts, TRUE);
  gtk_label_set_justify (t.parts, GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (GTK_WIDGET (t.code), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (t.parts), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (t.parts), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (t.shift), 8);
  gtk_box_append (GTK_BOX (t.box), GTK_WIDGET (t.code));
  gtk_box_append (GTK_BOX (t.box), GTK_WIDGET (t.oee));
  gtk_box_append (GTK_BOX (t.box), GTK_WIDGET (t.parts));
  gtk_box_append (GTK_BOX (t.box), GTK_WIDGET (t.shift));
  g_object_set (t.box, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  gtk_flow_box_append (self->flow, t.box);
  g_array_append_val (self->tiles, t);
  return &g_array_index (self->tiles, Tile, self->tiles->len - 1);
}

static char *
format_clock (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%H:%M");
}

static void
show_figures (PdOeeTiles *self,
              GArray     *figures)
{
  while (self->tiles->len > figures->len)
    {
      gtk_flow_box_remove (self->flow, g_array_index (self->tiles, Tile, self->tiles->len - 1).box);
      g_array_set_size (self->tiles, self->tiles->len - 1);
    }
  for (guint i = 0; i < figures->len; i++)
    {
      const Figure *fig = &g_array_index (figures, Figure, i);
      Tile *t = i < self->tiles->len ? &g_array_index (self->tiles, Tile, i) : add_tile (self);
      g_autofree char *oee = pd_kpi_format_ratio (fig->oee);
      g_autofree char *parts = NULL;
      g_autofree char *shift = NULL;
      g_autofree char *a11y = NULL;

      if (fig->in_shift)
        {
          g_autofree char *a = pd_kpi_format_ratio (fig->availability);
          g_autofree char *p = pd_kpi_format_ratio (fig->performance);
          g_autofree char *q = pd_kpi_format_ratio (fig->quality);
          g_autofree char *from = format_clock (fig->start);
          g_autofree char *to = format_clock (fig->end);

          /* TRANSLATORS: availability × performance × quality, each a percentage */
          parts = g_strdup_printf (_("A %s × P %s × Q %s"), a, p, q);
          /* TRANSLATORS: the current shift's hours, e.g. "Shift 06:00–14:00" */
          shift = g_strdup_printf (_("Shift %s–%s"), from, to);
        }
      else
        {
          parts = g_strdup ("");
          shift = g_strdup (_("No shift now"));
        }
      gtk_label_set_text (t->code, fig->code);
      gtk_widget_set_tooltip_text (GTK_WIDGET (t->code), fig->name);
      gtk_label_set_text (t->oee, oee);
      gtk_label_set_text (t->parts, parts);
      gtk_widget_set_visible (GTK_WIDGET (t->parts), fig->in_shift);
      gtk_label_set_text (t->shift, shift);
      /* TRANSLATORS: a tile for screen readers: work center, OEE, its parts, the shift */
      a11y = g_strdup_printf (_("%s: OEE %s. %s %s"), fig->code, oee, parts, shift);
      gtk_accessible_update_property (GTK_ACCESSIBLE (t->box), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), figures->len > 0);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PdOeeTiles) self = user_data;   /* the job's reference */
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) figures = NULL;

  if (!pd_store_worker_run_finish (PD_STORE_WORKER (source), result, (gpointer *) &figures, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("OEE tiles: %s", error->message);
    }
  /* Disposed while the job ran: the answer has nowhere to go. */
  if (self->cancellable == NULL)
    return;
  if (figures != NULL)
    show_figures (self, figures);
  pd_mes_reload_shown (&self->reload);
}

static void
start_read (gpointer owner)
{
  PdOeeTiles *self = owner;
  gint64 *now;

  now = g_new (gint64, 1);
  *now = self->now != 0 ? self->now : g_get_real_time ();
  pd_store_worker_run_async (self->worker, read_job, now, g_free, (GDestroyNotify) g_array_unref,
                             self->cancellable, read_done_cb, g_object_ref (self));
}

static void
queue_reload (PdOeeTiles *self)
{
  pd_mes_reload_soon (&self->reload);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PdOeeTiles *self = user_data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || !gtk_widget_get_visible (GTK_WIDGET (self)))
    queue_reload (self);
  return G_SOURCE_CONTINUE;
}

static void
pd_oee_tiles_dispose (GObject *object)
{
  PdOeeTiles *self = PD_OEE_TILES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  pd_mes_reload_clear (&self->reload);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->worker);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pd_oee_tiles_parent_class)->dispose (object);
}

static void
pd_oee_tiles_finalize (GObject *object)
{
  PdOeeTiles *self = PD_OEE_TILES (object);

  g_array_unref (self->tiles);
  G_OBJECT_CLASS (pd_oee_tiles_parent_class)->finalize (object);
}

static void
pd_oee_tiles_class_init (PdOeeTilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_oee_tiles_dispose;
  object_class->finalize = pd_oee_tiles_finalize;
}

static void
pd_oee_tiles_init (PdOeeTiles *self)
{
  GtkWidget *title = gtk_label_new (_("OEE of the current shift"));

  pd_mes_reload_init (&self->reload, RELOAD_DELAY_MS, start_read, self);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (self), title);
  self->flow = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->flow, TRUE);
  gtk_flow_box_set_min_children_per_line (self->flow, 2);
  gtk_flow_box_set_max_children_per_line (self->flow, 6);
  gtk_flow_box_set_column_spacing (self->flow, 12);
  gtk_flow_box_set_row_spacing (self->flow, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("OEE of the Current Shift"), -1);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->flow));
  self->tiles = g_array_new (FALSE, TRUE, sizeof (Tile));
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pd_oee_tiles_new (PdStore *store)
{
  PdOeeTiles *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  self = g_object_new (PD_TYPE_OEE_TILES, NULL);
  self->store = g_object_ref (store);
  self->worker = pd_store_worker_new (store);
  g_signal_connect_swapped (store, "work-orders-changed", G_CALLBACK (queue_reload), self);
  g_signal_connect_swapped (store, "mes-master-changed", G_CALLBACK (queue_reload), self);
  self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  pd_mes_reload_now (&self->reload);
  return GTK_WIDGET (self);
}

gboolean
_pd_oee_tiles_is_busy (PdOeeTiles *self)
{
  return pd_mes_reload_is_busy (&self->reload);
}

void
_pd_oee_tiles_set_now (PdOeeTiles *self,
                       gint64      now)
{
  self->now = now;
  queue_reload (self);
}

guint
_pd_oee_tiles_get_n_tiles (PdOeeTiles *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self)) ? self->tiles->len : 0;
}

const char *
_pd_oee_tiles_get_code (PdOeeTiles *self,
                        guint       i)
{
  g_return_val_if_fail (i < self->tiles->len, NULL);
  return gtk_label_get_text (g_array_index (self->tiles, Tile, i).code);
}

const char *
_pd_oee_tiles_get_oee (PdOeeTiles *self,
                       guint       i)
{
  g_return_val_if_fail (i < self->tiles->len, NULL);
  return gtk_label_get_text (g_array_index (self->tiles, Tile, i).oee);
}

const char *
_pd_oee_tiles_get_parts (PdOeeTiles *self,
                         guint       i)
{
  g_return_val_if_fail (i < self->tiles->len, NULL);
  return gtk_label_get_text (g_array_index (self->tiles, Tile, i).parts);
}
