/* pd-overview-page.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-overview-page"

#include "config.h"

#include <glib/gi18n.h>

#include "devices/pd-devices-format.h"
#include "mes/pd-oee-tiles.h"
#include "overview/pd-overview-page.h"
#include "overview/pd-overview-page-private.h"
#include "pd-alarm-engine.h"
#include "pd-window-private.h"

/* Key values: tags with history on (people turned history on for what
 * matters), spread over the devices, at most this many. */
#define MAX_KEY_VALUES        12
/* States and ages are read this often while the page is shown. */
#define REFRESH_INTERVAL_S    1
/* Due dates change slowly; they are read again on changes and this often. */
#define INSPECTIONS_EVERY_N   60
#define DUE_SOON_US           G_TIME_SPAN_DAY

#define N_TILES (PD_OVERVIEW_TILE_STOCK + 1)

typedef struct
{
  GtkWidget *child;
  GtkImage  *icon;
  GtkLabel  *count;
  GtkLabel  *caption;
  GtkLabel  *detail;
  guint      n;
  gboolean   abnormal;
} Tile;

typedef struct
{
  gint64         id;
  char          *name;
  GtkWidget     *row;
  GtkImage      *state_icon;
  GtkLabel      *state_label;
  guint          poll_ms;
  gboolean       polled;
  PdDeviceState  state;
  int            shown_state;  /* PdDeviceState shown, -1: not polled */
  char          *subtitle;
} DeviceRow;

typedef struct
{
  PdTag     *tag;
  GtkWidget *row;
  GtkLabel  *value_label;
  GtkLabel  *quality_label;
} ValueRow;

struct _PdOverviewPage
{
  PdSectionPage  parent_instance;

  PdAcquisition *acquisition;
  PdAlarmEngine *alarms;
  Tile           tiles[N_TILES];
  guint          n_due_soon;
  GPtrArray     *devices;       /* DeviceRow */
  GHashTable    *device_rows;   /* id → DeviceRow (borrowed) */
  GPtrArray     *values;        /* ValueRow */
  GHashTable    *value_rows;    /* tag id → ValueRow (borrowed) */
  guint          refresh_id;
  guint          n_refreshes;
  gulong         values_changed_id;
  gulong         device_changed_id;
  gulong         devices_changed_id;
  gulong         inspections_changed_id;
  gulong         alarms_changed_id;

  /* Template widgets */
  GtkFlowBox          *tiles_box;
  GtkWidget           *no_acquisition_page;
  GtkListBox          *devices_list;
  AdwPreferencesGroup *values_group;
  GtkListBox          *values_list;
};

G_DEFINE_FINAL_TYPE (PdOverviewPage, pd_overview_page, PD_TYPE_SECTION_PAGE)

static const struct {
  const char *icon_name;
  const char *caption;
  const char *abnormal_class;
} tile_info[N_TILES] = {
  { "network-wired-symbolic", N_("Online"), NULL },
  { "dialog-warning-symbolic", N_("Degraded"), "warning" },
  { "network-wired-disconnected-symbolic", N_("Offline"), "error" },
  { "media-playback-pause-symbolic", N_("Not polled"), NULL },
  { "task-due-symbolic", N_("Inspections overdue"), "error" },
  { "preferences-system-notifications-symbolic", N_("Alarms unacknowledged"), "error" },
  { "package-x-generic-symbolic", N_("Stock alerts"), "error" },
};

static void
device_row_free (gpointer data)
{
  DeviceRow *row = data;

  g_free (row->name);
  g_free (row->subtitle);
  g_free (row);
}

static void
value_row_free (gpointer data)
{
  ValueRow *row = data;

  pd_tag_free (row->tag);
  g_free (row);
}

static PdStore *
get_store (PdOverviewPage *self)
{
  return pd_section_page_get_store (PD_SECTION_PAGE (self));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* --- Tiles -------------------------------------------------------------- */

static void
create_tiles (PdOverviewPage *self)
{
  for (guint i = 0; i < N_TILES; i++)
    {
      Tile *tile = &self->tiles[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      gtk_widget_add_css_class (box, "card");
      gtk_widget_set_size_request (box, 160, -1);
      g_object_set (box, "margin-top", 0, NULL);

      tile->icon = GTK_IMAGE (gtk_image_new_from_icon_name (tile_info[i].icon_name));
      gtk_image_set_pixel_size (tile->icon, 32);
      gtk_widget_add_css_class (GTK_WIDGET (tile->icon), "dim-label");
      gtk_accessible_update_state (GTK_ACCESSIBLE (tile->icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

      tile->count = GTK_LABEL (gtk_label_new ("0"));
      gtk_widget_add_css_class (GTK_WIDGET (tile->count), "title-1");
      gtk_widget_add_css_class (GTK_WIDGET (tile->count), "numeric");
      gtk_label_set_xalign (tile->count, 0.0f);

      gtk_box_append (GTK_BOX (top), GTK_WIDGET (tile->icon));
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (tile->count));
      gtk_widget_set_margin_top (top, 12);
      gtk_widget_set_margin_start (top, 12);
      gtk_widget_set_margin_end (top, 12);

      tile->caption = GTK_LABEL (gtk_label_new (_(tile_info[i].caption)));
      gtk_label_set_xalign (tile->caption, 0.0f);
      gtk_label_set_wrap (tile->caption, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (tile->caption), "heading");
      gtk_widget_set_margin_start (GTK_WIDGET (tile->caption), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (tile->caption), 12);

      tile->detail = GTK_LABEL (gtk_label_new (""));
      gtk_label_set_xalign (tile->detail, 0.0f);
      gtk_label_set_wrap (tile->detail, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (tile->detail), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (tile->detail), "caption");
      gtk_widget_set_margin_start (GTK_WIDGET (tile->detail), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (tile->detail), 12);
      gtk_widget_set_margin_bottom (GTK_WIDGET (tile->detail), 12);

      gtk_box_append (GTK_BOX (box), top);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->caption));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->detail));

      tile->child = gtk_flow_box_child_new ();
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (tile->child), box);
      gtk_widget_set_focusable (tile->child, TRUE);
      gtk_flow_box_append (self->tiles_box, tile->child);
    }
}

/* Grey while normal; colour, and the icon at full strength, only for what
 * is abnormal (high-performance HMI practice). */
static void
set_tile (PdOverviewPage *self,
          PdOverviewTile  which,
          guint           n,
          const char     *detail)
{
  Tile *tile = &self->tiles[which];
  const char *abnormal_class = tile_info[which].abnormal_class;
  gboolean abnormal = abnormal_class != NULL && n > 0;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *accessible = NULL;

  gtk_label_set_text (tile->count, count);
  gtk_label_set_text (tile->detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (tile->detail), detail != NULL && detail[0] != '\0');

  if (abnormal != tile->abnormal)
    {
      GtkWidget *widgets[] = { GTK_WIDGET (tile->icon), GTK_WIDGET (tile->count), GTK_WIDGET (tile->caption) };

      for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
        {
          if (abnormal)
            gtk_widget_add_css_class (widgets[i], abnormal_class);
          else
            gtk_widget_remove_css_class (widgets[i], abnormal_class);
        }
      if (abnormal)
        gtk_widget_remove_css_class (GTK_WIDGET (tile->icon), "dim-label");
      else
        gtk_widget_add_css_class (GTK_WIDGET (tile->icon), "dim-label");
    }

  tile->n = n;
  tile->abnormal = abnormal;

  /* TRANSLATORS: what a screen reader says for a status tile, e.g. "Offline: 2" */
  accessible = g_strdup_printf (_("%s: %u"), _(tile_info[which].caption), n);
  if (detail != NULL && detail[0] != '\0')
    {
      g_autofree char *with_detail = g_strdup_printf ("%s. %s", accessible, detail);

      g_free (accessible);
      accessible = g_steal_pointer (&with_detail);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile->child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/* --- Devices ------------------------------------------------------------ */

/* Only what changed touches a widget: with a hundred devices read every
 * second, a row that is redrawn for nothing costs layout and paint. */
static void
update_device_row (PdOverviewPage *self,
                   DeviceRow      *row,
                   gint64          now)
{
  g_autoptr(PdDeviceStatus) status = NULL;
  g_autofree char *subtitle = NULL;
  const char *classes[] = { "error", "warning" };
  const char *css_class = NULL;
  int shown_state;

  if (self->acquisition != NULL)
    status = pd_acquisition_dup_status (self->acquisition, row->id);

  row->polled = status != NULL && status->state != PD_DEVICE_STATE_UNKNOWN;
  row->state = status != NULL ? status->state : PD_DEVICE_STATE_UNKNOWN;
  shown_state = status != NULL ? (int) status->state : -1;

  if (shown_state != row->shown_state)
    {
      row->shown_state = shown_state;

      if (status == NULL)
        {
          gtk_label_set_text (row->state_label, _("Not polled"));
          gtk_image_set_from_icon_name (row->state_icon, "media-playback-pause-symbolic");
        }
      else
        {
          gtk_label_set_text (row->state_label, pd_device_state_get_label (status->state));
          gtk_image_set_from_icon_name (row->state_icon, pd_device_state_get_icon (status->state));
          if (status->state == PD_DEVICE_STATE_OFFLINE)
            css_class = "error";
          else if (status->state == PD_DEVICE_STATE_DEGRADED)
            css_class = "warning";
        }

      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        if (g_strcmp0 (classes[i], css_class) != 0)
          {
            gtk_widget_remove_css_class (GTK_WIDGET (row->state_label), classes[i]);
            gtk_widget_remove_css_class (GTK_WIDGET (row->state_icon), classes[i]);
          }
      if (css_class != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (row->state_label), css_class);
          gtk_widget_add_css_class (GTK_WIDGET (row->state_icon), css_class);
        }
    }

  /* A device read on time says so in words that stay put; the age shows
   * only once reads are late, which is when it matters. */
  if (status == NULL || status->last_good == 0)
    subtitle = g_strdup (_("No good read yet"));
  else if (now - status->last_good <= (gint64) (2 * row->poll_ms + 1000) * 1000)
    subtitle = g_strdup (_("Read on time"));
  else
    {
      g_autofree char *age = pd_format_age (now, status->last_good);

      /* TRANSLATORS: how long ago a device last answered, e.g. "Last good read 3 s ago" */
      subtitle = g_strdup_printf (_("Last good read %s ago"), age);
    }

  if (g_strcmp0 (subtitle, row->subtitle) != 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
      g_free (row->subtitle);
      row->subtitle = g_steal_pointer (&subtitle);
    }
}

static void
count_devices (PdOverviewPage *self)
{
  guint counts[N_TILES] = { 0 };

  for (guint i = 0; i < self->devices->len; i++)
    {
      DeviceRow *row = g_ptr_array_index (self->devices, i);

      if (!row->polled)
        counts[PD_OVERVIEW_TILE_NOT_POLLED]++;
      else if (row->state == PD_DEVICE_STATE_ONLINE)
        counts[PD_OVERVIEW_TILE_ONLINE]++;
      else if (row->state == PD_DEVICE_STATE_DEGRADED)
        counts[PD_OVERVIEW_TILE_DEGRADED]++;
      else
        counts[PD_OVERVIEW_TILE_OFFLINE]++;
    }

  for (guint i = PD_OVERVIEW_TILE_ONLINE; i <= PD_OVERVIEW_TILE_NOT_POLLED; i++)
    set_tile (self, i, counts[i], NULL);
}

/* Low and high stock alarms (source "stock:…", see pd-store-wms.h): for
 * those who may open the Warehouse section, from the engine's snapshot. */
static void
count_stock_alarms (PdOverviewPage *self)
{
  PdUser *user = pd_section_page_get_user (PD_SECTION_PAGE (self));
  g_autoptr(GPtrArray) alarms = NULL;
  g_autofree char *detail = NULL;
  guint below = 0;
  guint above = 0;

  if (self->alarms == NULL || !pd_user_can (user, PD_PERMISSION_STOCK_MOVE))
    {
      gtk_widget_set_visible (self->tiles[PD_OVERVIEW_TILE_STOCK].child, FALSE);
      return;
    }

  alarms = pd_alarm_engine_dup_alarms (self->alarms, FALSE);
  for (guint i = 0; i < alarms->len; i++)
    {
      PdAlarm *alarm = g_ptr_array_index (alarms, i);

      if (!alarm->status.active || alarm->def->source == NULL ||
          !g_str_has_prefix (alarm->def->source, "stock:"))
        continue;
      /* The store raises below minimum as high, above maximum as medium. */
      if (alarm->def->priority == PD_ALARM_PRIORITY_MEDIUM)
        above++;
      else
        below++;
    }

  /* TRANSLATORS: under the count of stock alerts */
  detail = g_strdup_printf (_("%u below minimum · %u above maximum"), below, above);
  gtk_widget_set_visible (self->tiles[PD_OVERVIEW_TILE_STOCK].child, TRUE);
  set_tile (self, PD_OVERVIEW_TILE_STOCK, below + above, detail);
}

/* Read from the alarm engine's snapshot, which "changed" keeps to at most
 * ten times a second even in a flood. */
static void
count_alarms (PdOverviewPage *self)
{
  PdAlarmSummary summary = { 0 };
  g_autofree char *detail = NULL;
  guint need = 0;
  guint active = 0;

  if (self->alarms == NULL)
    {
      gtk_widget_set_visible (self->tiles[PD_OVERVIEW_TILE_ALARMS].child, FALSE);
      count_stock_alarms (self);
      return;
    }

  pd_alarm_engine_get_summary (self->alarms, &summary);
  for (guint i = 0; i < PD_N_ALARM_PRIORITIES; i++)
    {
      need += summary.unacknowledged[i];
      active += summary.active[i];
    }

  if (summary.shelved + summary.suppressed > 0)
    /* TRANSLATORS: under the count of unacknowledged alarms */
    detail = g_strdup_printf (_("%u active · %u shelved or suppressed"), active, summary.shelved + summary.suppressed);
  else
    /* TRANSLATORS: under the count of unacknowledged alarms */
    detail = g_strdup_printf (ngettext ("%u active", "%u active", active), active);
  pd_alarm_summary_clear (&summary);

  gtk_widget_set_visible (self->tiles[PD_OVERVIEW_TILE_ALARMS].child, TRUE);
  set_tile (self, PD_OVERVIEW_TILE_ALARMS, need, detail);
  count_stock_alarms (self);
}

static void
tile_activated_cb (PdOverviewPage  *self,
                   GtkFlowBoxChild *child)
{
  if (GTK_WIDGET (child) == self->tiles[PD_OVERVIEW_TILE_ALARMS].child)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-alarms", "x", (gint64) 0);
  else if (GTK_WIDGET (child) == self->tiles[PD_OVERVIEW_TILE_STOCK].child)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s", "warehouse");
}

static void
count_inspections (PdOverviewPage *self)
{
  gint64 now = g_get_real_time ();
  g_autofree char *detail = NULL;
  guint overdue = 0;
  guint due_soon = 0;

  for (guint i = 0; i < self->devices->len; i++)
    {
      DeviceRow *row = g_ptr_array_index (self->devices, i);
      gint64 due = pd_store_get_inspection_due (get_store (self), row->id);

      if (due == 0)
        continue;
      if (due < now)
        overdue++;
      else if (due < now + DUE_SOON_US)
        due_soon++;
    }

  self->n_due_soon = due_soon;
  detail = g_strdup_printf (ngettext ("%u due within a day", "%u due within a day", due_soon), due_soon);
  set_tile (self, PD_OVERVIEW_TILE_INSPECTIONS, overdue, detail);
}

static void
refresh (PdOverviewPage *self)
{
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < self->devices->len; i++)
    update_device_row (self, g_ptr_array_index (self->devices, i), now);

  count_devices (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PdOverviewPage *self = user_data;

  refresh (self);
  if (++self->n_refreshes % INSPECTIONS_EVERY_N == 0)
    count_inspections (self);

  return G_SOURCE_CONTINUE;
}

/* Opens the Devices section, on DEVICE_ID's page when the window offers a
 * way to: whichever of its actions exists. */
static void
open_device (PdOverviewPage *self,
             gint64          device_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidgetClass *klass;
  gboolean has_show_device = FALSE;
  gboolean has_show_page = FALSE;
  const char *name;
  const GVariantType *type;
  const char *property;
  GType owner;

  if (root == NULL)
    return;

  klass = GTK_WIDGET_GET_CLASS (root);
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &type, &property); i++)
    {
      if (g_str_equal (name, "win.show-device") && type != NULL &&
          g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
        has_show_device = TRUE;
      else if (g_str_equal (name, "win.show-page") && type != NULL &&
               g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
        has_show_page = TRUE;
    }

  if (has_show_device)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-device", "x", device_id);
  else if (has_show_page)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "devices");
  else if (PD_IS_WINDOW (root))
    _pd_window_select_section (PD_WINDOW (root), "devices");
}

static void
device_row_activated_cb (PdOverviewPage *self,
                         GtkListBoxRow  *row,
                         GtkListBox     *list)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "pd-device-id");

  if (id != NULL)
    open_device (self, *id);
}

static DeviceRow *
create_device_row (PdOverviewPage *self,
                   const PdDevice *device)
{
  DeviceRow *row = g_new0 (DeviceRow, 1);
  GtkWidget *state_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  row->id = device->id;
  row->name = g_strdup (device->name);
  row->poll_ms = device->poll_ms;
  row->shown_state = G_MININT;
  row->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), device->name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), TRUE);
  g_object_set_data (G_OBJECT (row->row), "pd-device-id", &row->id);

  row->state_icon = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_state (GTK_ACCESSIBLE (row->state_icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  row->state_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_box_append (GTK_BOX (state_box), GTK_WIDGET (row->state_icon));
  gtk_box_append (GTK_BOX (state_box), GTK_WIDGET (row->state_label));
  gtk_widget_set_valign (state_box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), state_box);

  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), arrow);

  return row;
}

/* --- Key values --------------------------------------------------------- */

static void
update_value_row (PdOverviewPage *self,
                  ValueRow       *row)
{
  PdSample sample;
  const char *classes[] = { "error", "warning" };
  const char *css_class = NULL;

  if (self->acquisition == NULL ||
      !pd_acquisition_lookup_value (self->acquisition, row->tag->id, &sample))
    {
      gtk_label_set_text (row->value_label, "—");
      gtk_label_set_text (row->quality_label, _("No value yet"));
      return;
    }

  {
    g_autofree char *text = pd_format_tag_value (row->tag, sample.value);

    gtk_label_set_text (row->value_label, text);
  }
  gtk_label_set_text (row->quality_label, pd_quality_get_label (sample.quality));

  if (sample.quality == PD_QUALITY_BAD)
    css_class = "error";
  else if (sample.quality == PD_QUALITY_STALE)
    css_class = "warning";

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], css_class) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (row->quality_label), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row->quality_label), css_class);
}

static ValueRow *
create_value_row (const PdTag *tag,
                  const char  *device_name)
{
  ValueRow *row = g_new0 (ValueRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  row->tag = pd_tag_copy (tag);
  row->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), tag->name);
  if (tag->description != NULL && tag->description[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), tag->description);
  g_object_set_data_full (G_OBJECT (row->row), "pd-device-name", g_strdup (device_name), g_free);

  row->value_label = GTK_LABEL (gtk_label_new ("—"));
  gtk_label_set_xalign (row->value_label, 1.0f);
  /* A steady width: changing digits do not move the row's layout. */
  gtk_label_set_width_chars (row->value_label, 12);
  gtk_widget_add_css_class (GTK_WIDGET (row->value_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (row->value_label), "numeric");
  row->quality_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->quality_label, 1.0f);
  gtk_widget_add_css_class (GTK_WIDGET (row->quality_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->quality_label), "dim-label");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->value_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->quality_label));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), box);

  return row;
}

static void
values_header_func (GtkListBoxRow *row,
                    GtkListBoxRow *before,
                    gpointer       user_data)
{
  const char *name = g_object_get_data (G_OBJECT (row), "pd-device-name");
  const char *before_name = before != NULL ? g_object_get_data (G_OBJECT (before), "pd-device-name") : NULL;
  GtkWidget *header;

  if (before != NULL && g_strcmp0 (name, before_name) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (header), 0.0f);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_list_box_row_set_header (row, header);
}

static void
values_changed_cb (PdOverviewPage *self,
                   gpointer        tag_ids,
                   guint           n_tags,
                   PdAcquisition  *acquisition)
{
  const gint64 *ids = tag_ids;

  /* Thousands of tags may change each time: only a hash lookup each, and
   * only the dozen shown touch a widget. */
  for (guint i = 0; i < n_tags; i++)
    {
      ValueRow *row = g_hash_table_lookup (self->value_rows, &ids[i]);

      if (row != NULL)
        update_value_row (self, row);
    }
}

static void
device_changed_cb (PdOverviewPage *self,
                   gint64          device_id,
                   PdAcquisition  *acquisition)
{
  DeviceRow *row = g_hash_table_lookup (self->device_rows, &device_id);

  if (row == NULL)
    return;

  update_device_row (self, row, g_get_real_time ());
  count_devices (self);
}

static void
reload (PdOverviewPage *self)
{
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *by_device;
  guint n_with_history = 0;
  guint per_device;

  g_hash_table_remove_all (self->device_rows);
  g_hash_table_remove_all (self->value_rows);
  clear_list (self->devices_list);
  clear_list (self->values_list);
  g_ptr_array_set_size (self->devices, 0);
  g_ptr_array_set_size (self->values, 0);

  devices = pd_store_list_devices (get_store (self), &error);
  if (devices == NULL)
    {
      g_warning ("Could not list devices: %s", error->message);
      return;
    }

  for (guint i = 0; i < devices->len; i++)
    {
      DeviceRow *row = create_device_row (self, g_ptr_array_index (devices, i));

      g_ptr_array_add (self->devices, row);
      g_hash_table_insert (self->device_rows, &row->id, row);
      gtk_list_box_append (self->devices_list, row->row);
    }

  if (devices->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No devices yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Administrators add devices in the Devices section."));
      gtk_list_box_append (self->devices_list, row);
    }

  tags = pd_store_list_tags (get_store (self), 0, &error);
  if (tags == NULL)
    {
      g_warning ("Could not list tags: %s", error->message);
      tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
    }

  /* Tags with history on, per device, in the store's order: measured
   * values first, then bits (commands and states say less at a glance). */
  by_device = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint k = 0; k < 2 * tags->len; k++)
    {
      PdTag *tag = g_ptr_array_index (tags, k % tags->len);
      gboolean bits_pass = k >= tags->len;
      GPtrArray *list;

      if (!tag->history || (tag->type == PD_TAG_TYPE_BOOL) != bits_pass)
        continue;

      list = g_hash_table_lookup (by_device, &tag->device_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_device, &tag->device_id, list);
          n_with_history++;
        }
      g_ptr_array_add (list, tag);
    }

  /* Every device with history gets its share of the dozen, in name order. */
  per_device = n_with_history > 0 ? MAX (1, MAX_KEY_VALUES / n_with_history) : 0;
  for (guint i = 0; i < devices->len && self->values->len < MAX_KEY_VALUES; i++)
    {
      PdDevice *device = g_ptr_array_index (devices, i);
      GPtrArray *list = g_hash_table_lookup (by_device, &device->id);

      for (guint j = 0; list != NULL && j < list->len && j < per_device &&
                        self->values->len < MAX_KEY_VALUES; j++)
        {
          ValueRow *row = create_value_row (g_ptr_array_index (list, j), device->name);

          g_ptr_array_add (self->values, row);
          g_hash_table_insert (self->value_rows, &row->tag->id, row);
          gtk_list_box_append (self->values_list, row->row);
          update_value_row (self, row);
        }
    }
  g_hash_table_unref (by_device);

  gtk_widget_set_visible (GTK_WIDGET (self->values_group), self->values->len > 0);

  refresh (self);
  count_inspections (self);
}

static void
devices_changed_cb (PdOverviewPage *self)
{
  reload (self);
}

static void
inspections_changed_cb (PdOverviewPage *self)
{
  count_inspections (self);
}

/* --- GObject ------------------------------------------------------------ */

static void
pd_overview_page_map (GtkWidget *widget)
{
  PdOverviewPage *self = PD_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (pd_overview_page_parent_class)->map (widget);

  refresh (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refresh_id = g_timeout_add_seconds (REFRESH_INTERVAL_S, refresh_cb, self);
  g_source_set_name_by_id (self->refresh_id, "[plantdesk] overview refresh");
}

static void
pd_overview_page_unmap (GtkWidget *widget)
{
  PdOverviewPage *self = PD_OVERVIEW_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (pd_overview_page_parent_class)->unmap (widget);
}

static void
pd_overview_page_constructed (GObject *object)
{
  PdOverviewPage *self = (PdOverviewPage *) object;
  PdStore *store;

  G_OBJECT_CLASS (pd_overview_page_parent_class)->constructed (object);

  store = get_store (self);
  self->acquisition = pd_section_page_get_acquisition (PD_SECTION_PAGE (self));
  if (self->acquisition != NULL)
    {
      g_object_ref (self->acquisition);
      self->values_changed_id =
        g_signal_connect_swapped (self->acquisition, "values-changed",
                                  G_CALLBACK (values_changed_cb), self);
      self->device_changed_id =
        g_signal_connect_swapped (self->acquisition, "device-changed",
                                  G_CALLBACK (device_changed_cb), self);

      self->alarms = pd_acquisition_get_alarm_engine (self->acquisition);
      if (self->alarms != NULL)
        {
          g_object_ref (self->alarms);
          self->alarms_changed_id =
            g_signal_connect_swapped (self->alarms, "changed", G_CALLBACK (count_alarms), self);
        }
    }
  count_alarms (self);
  gtk_widget_set_visible (self->no_acquisition_page, self->acquisition == NULL);

  self->devices_changed_id =
    g_signal_connect_swapped (store, "devices-changed", G_CALLBACK (devices_changed_cb), self);
  self->inspections_changed_id =
    g_signal_connect_swapped (store, "inspections-changed", G_CALLBACK (inspections_changed_cb), self);

  /* Each work center's OEE of its current shift, under the line status;
   * it hides itself while there are no work centers. */
  gtk_widget_insert_after (pd_oee_tiles_new (store), gtk_widget_get_parent (GTK_WIDGET (self->tiles_box)),
                           GTK_WIDGET (self->tiles_box));

  reload (self);
}

static void
pd_overview_page_dispose (GObject *object)
{
  PdOverviewPage *self = (PdOverviewPage *) object;
  PdStore *store = get_store (self);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->acquisition != NULL)
    {
      g_clear_signal_handler (&self->values_changed_id, self->acquisition);
      g_clear_signal_handler (&self->device_changed_id, self->acquisition);
    }
  if (self->alarms != NULL)
    g_clear_signal_handler (&self->alarms_changed_id, self->alarms);
  if (store != NULL)
    {
      g_clear_signal_handler (&self->devices_changed_id, store);
      g_clear_signal_handler (&self->inspections_changed_id, store);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->acquisition);
  g_clear_object (&self->alarms);

  G_OBJECT_CLASS (pd_overview_page_parent_class)->dispose (object);
}

static void
pd_overview_page_finalize (GObject *object)
{
  PdOverviewPage *self = (PdOverviewPage *) object;

  g_clear_pointer (&self->device_rows, g_hash_table_unref);
  g_clear_pointer (&self->value_rows, g_hash_table_unref);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_overview_page_parent_class)->finalize (object);
}

static void
pd_overview_page_class_init (PdOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_overview_page_constructed;
  object_class->dispose = pd_overview_page_dispose;
  object_class->finalize = pd_overview_page_finalize;

  widget_class->map = pd_overview_page_map;
  widget_class->unmap = pd_overview_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/plantdesk/Plantdesk/overview/pd-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdOverviewPage, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, PdOverviewPage, no_acquisition_page);
  gtk_widget_class_bind_template_child (widget_class, PdOverviewPage, devices_list);
  gtk_widget_class_bind_template_child (widget_class, PdOverviewPage, values_group);
  gtk_widget_class_bind_template_child (widget_class, PdOverviewPage, values_list);
  gtk_widget_class_bind_template_callback (widget_class, device_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, tile_activated_cb);
}

static void
pd_overview_page_init (PdOverviewPage *self)
{
  self->devices = g_ptr_array_new_with_free_func (device_row_free);
  self->device_rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->values = g_ptr_array_new_with_free_func (value_row_free);
  self->value_rows = g_hash_table_new (g_int64_hash, g_int64_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->values_list, values_header_func, NULL, NULL);
  create_tiles (self);
}

guint
_pd_overview_page_get_tile_count (PdOverviewPage *self,
                                  PdOverviewTile  tile)
{
  g_return_val_if_fail (PD_IS_OVERVIEW_PAGE (self), 0);
  g_return_val_if_fail (tile < N_TILES, 0);

  return self->tiles[tile].n;
}

guint
_pd_overview_page_get_n_due_soon (PdOverviewPage *self)
{
  g_return_val_if_fail (PD_IS_OVERVIEW_PAGE (self), 0);

  return self->n_due_soon;
}

gboolean
_pd_overview_page_get_tile_abnormal (PdOverviewPage *self,
                                     PdOverviewTile  tile)
{
  g_return_val_if_fail (PD_IS_OVERVIEW_PAGE (self), FALSE);
  g_return_val_if_fail (tile < N_TILES, FALSE);

  return self->tiles[tile].abnormal;
}

guint
_pd_overview_page_get_n_devices (PdOverviewPage *self)
{
  g_return_val_if_fail (PD_IS_OVERVIEW_PAGE (self), 0);

  return self->devices->len;
}

GArray *
_pd_overview_page_dup_key_tags (PdOverviewPage *self)
{
  GArray *ids;

  g_return_val_if_fail (PD_IS_OVERVIEW_PAGE (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->values->len; i++)
    g_array_append_val (ids, ((ValueRow *) g_ptr_array_index (self->values, i))->tag->id);

  return ids;
}

const char *
_pd_overview_page_get_value_text (PdOverviewPage *self,
                                  gint64          tag_id)
{
  ValueRow *row;

  g_return_val_if_fail (PD_IS_OVERVIEW_PAGE (self), NULL);

  row = g_hash_table_lookup (self->value_rows, &tag_id);

  return row != NULL ? gtk_label_get_text (row->value_label) : NULL;
}

void
_pd_overview_page_refresh (PdOverviewPage *self)
{
  g_return_if_fail (PD_IS_OVERVIEW_PAGE (self));

  refresh (self);
  count_inspections (self);
}

gboolean
_pd_overview_page_activate_device (PdOverviewPage *self,
                                   gint64          device_id)
{
  DeviceRow *row;

  g_return_val_if_fail (PD_IS_OVERVIEW_PAGE (self), FALSE);

  row = g_hash_table_lookup (self->device_rows, &device_id);
  if (row == NULL)
    return FALSE;

  g_signal_emit_by_name (self->devices_list, "row-activated", row->row);

  return TRUE;
}

void
_pd_overview_page_activate_tile (PdOverviewPage *self,
                                 PdOverviewTile  tile)
{
  g_return_if_fail (PD_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (tile < N_TILES);

  g_signal_emit_by_name (self->tiles_box, "child-activated", self->tiles[tile].child);
}
