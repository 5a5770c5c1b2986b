/* pd-device-page-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "devices/pd-device-dialog.h"
#include "devices/pd-device-page.h"
#include "devices/pd-tag-alarms-dialog.h"
#include "devices/pd-tag-dialog.h"
#include "devices/pd-tag-item.h"

G_BEGIN_DECLS

/* Shared by pd-device-page.c (the page, its header and the device's
 * actions) and pd-device-page-tags.c (the tags table). */
struct _PdDevicePage
{
  AdwBin                parent_instance;

  PdStore              *store;
  PdUser               *user;
  PdAcquisition        *acquisition;
  gint64                device_id;

  PdDevice             *device;
  GListStore           *tags;
  /* tag id → PdTagItem, owned by TAGS: values reach their row directly. */
  GHashTable           *items;
  GtkMultiSelection    *selection;
  GCancellable         *cancellable;
  guint                 tick_id;
  guint                 reload_id;
  guint                 testing : 1;
  /* When the device last answered a whole cycle, µs; 0: never. */
  gint64                last_good;

  /* Open dialogs, cleared by weak pointers. */
  AdwMessageDialog     *message_dialog;
  GtkEditable          *write_entry;
  GtkLabel             *write_error;
  PdDeviceDialog       *device_dialog;
  PdTagDialog          *tag_dialog;
  PdTagAlarmsDialog    *tag_alarms_dialog;
  GtkFileChooserNative *chooser;

  GtkWidget            *trend_view;

  /* Template widgets */
  GtkLabel             *name_label;
  GtkImage             *state_icon;
  GtkLabel             *state_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *edit_button;
  GtkMenuButton        *lifecycle_button;
  GtkButton            *enable_button;
  GtkWidget            *remove_button;
  AdwViewStack         *view_stack;
  GtkStack             *tags_stack;
  GtkColumnView        *tag_view;
  GtkWidget            *write_button;
  GtkWidget            *add_tag_button;
  GtkWidget            *edit_tag_button;
  GtkWidget            *remove_tag_button;
  GtkWidget            *tag_alarms_button;
  GtkWidget            *import_button;
  AdwBin               *trend_bin;
  AdwBin               *diagnostics_bin;
  AdwBin               *inspections_bin;
};

/* A job in flight holds the page weakly: the page may go meanwhile. */
typedef struct
{
  GWeakRef  page;
  gint64    tag_id;
  double    value;
  char     *text;
} PdDevicePageJob;

PdDevicePageJob  *_pd_device_page_job_new                (PdDevicePage      *self);
void              _pd_device_page_job_free               (PdDevicePageJob   *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDevicePageJob, _pd_device_page_job_free)

void              _pd_device_page_toast                  (PdDevicePage      *self,
                                                          const char        *message);
GtkWindow        *_pd_device_page_get_window             (PdDevicePage      *self);
void              _pd_device_page_present_dialog         (PdDevicePage      *self,
                                                          GtkWindow         *dialog);
void              _pd_device_page_clear_write_widgets    (PdDevicePage      *self);
void              _pd_device_page_release_message_dialog (PdDevicePage      *self);
AdwMessageDialog *_pd_device_page_new_message_dialog     (PdDevicePage      *self,
                                                          const char        *heading,
                                                          const char        *body);
gboolean          _pd_device_page_can                    (PdDevicePage      *self,
                                                          PdPermission       permission);
void              _pd_device_page_update_state           (PdDevicePage      *self);

/* In pd-device-page-tags.c. */
void              _pd_device_page_class_tags_init        (PdDevicePageClass *klass);
void              _pd_device_page_tags_init              (PdDevicePage      *self);
void              _pd_device_page_reload_tags            (PdDevicePage      *self);
void              _pd_device_page_values_changed_cb      (PdDevicePage      *self,
                                                          gpointer           tag_ids,
                                                          guint              n_tags,
                                                          PdAcquisition     *acquisition);
gboolean          _pd_device_page_tick_cb                (gpointer           user_data);

/* For the GUI tests. */
/* The tags shown, a GListModel of PdTagItem. */
GListModel       *_pd_device_page_get_tag_model      (PdDevicePage *self);
PdTagItem        *_pd_device_page_find_tag_item      (PdDevicePage *self,
                                                      const char   *name);
/* The header's state text. */
const char       *_pd_device_page_get_state_text     (PdDevicePage *self);
/* The message dialog open (write value, confirmation, removal, import
 * errors), or NULL. */
AdwMessageDialog *_pd_device_page_get_message_dialog (PdDevicePage *self);
/* The value entry of the write dialog, or NULL. */
GtkEditable      *_pd_device_page_get_write_entry    (PdDevicePage *self);
PdDeviceDialog   *_pd_device_page_get_device_dialog  (PdDevicePage *self);
PdTagDialog      *_pd_device_page_get_tag_dialog     (PdDevicePage *self);
PdTagAlarmsDialog *_pd_device_page_get_tag_alarms_dialog (PdDevicePage *self);
/* The name of the view shown: "tags", "trend", "diagnostics",
 * "inspections". */
const char       *_pd_device_page_get_view_name      (PdDevicePage *self);
/* Selects the rows of the tags named in NAMES. */
void              _pd_device_page_select_tags        (PdDevicePage       *self,
                                                      const char * const *names);
/* Imports FILE or exports to it as the file choosers' answers do. */
void              _pd_device_page_import_file        (PdDevicePage *self,
                                                      GFile        *file);
void              _pd_device_page_export_file        (PdDevicePage *self,
                                                      GFile        *file);

G_END_DECLS
