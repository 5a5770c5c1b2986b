/* test-gui-tag-alarms.c — the alarms of a tag in the tag dialog and in the
 * supervisors' alarms dialog
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gui-tag-alarms"

#include "config.h"

#include <string.h>

#include "pd-gui-test-utils.h"
#include "pd-store-alarms.h"
#include "devices/pd-device-page-private.h"
#include "devices/pd-devices-page-private.h"
#include "devices/pd-tag-alarms-dialog.h"
#include "devices/pd-tag-dialog-private.h"

typedef struct
{
  PdGuiFixture *gui;
  PdUser       *admin;
  PdDevice     *press;
  gint64        temp_id;
  gint64        fault_id;
} Fixture;

static gint64
add_tag (Fixture    *fixture,
         const char *name,
         PdArea      area,
         guint       address,
         PdTagType   type)
{
  g_autoptr(PdTag) tag = pd_test_tag_new (0, fixture->press->id, name, area, address, type,
                                          PD_ORDER_BIG, PD_ORDER_BIG);
  g_autoptr(PdTag) added = NULL;
  g_autoptr(GError) error = NULL;

  added = pd_store_add_tag (fixture->gui->store, fixture->admin, tag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);

  return added->id;
}

/* A station with a device that is switched off (nothing is read: these
 * tests are about configuration), a temperature and a fault bit; NAME
 * signs in. */
static Fixture *
fixture_new (const char *name)
{
  g_autoptr(PdDevice) device = pd_test_tcp_device_new (0, "Press", 1502, 300, 1000);
  g_autoptr(GError) error = NULL;
  Fixture *fixture = g_new0 (Fixture, 1);

  fixture->gui = pd_gui_fixture_new (TRUE);
  fixture->admin = pd_test_login (fixture->gui->store, "admin");

  device->enabled = FALSE;
  fixture->press = pd_store_add_device (fixture->gui->store, fixture->admin, device, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->press);

  fixture->temp_id = add_tag (fixture, "Temp", PD_AREA_INPUT, 10, PD_TAG_TYPE_FLOAT32);
  fixture->fault_id = add_tag (fixture, "Fault", PD_AREA_DISCRETE, 3, PD_TAG_TYPE_BOOL);

  pd_gui_sign_in (fixture->gui, name, PD_TEST_PASSWORD);

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->press, pd_device_free);
  pd_gui_fixture_free (fixture->gui);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static PdDevicePage *
open_device_page (Fixture *fixture)
{
  PdDevicesPage *page;
  PdDevicePage *device_page;

  g_assert_true (_pd_window_select_section (fixture->gui->window, "devices"));
  page = PD_DEVICES_PAGE (_pd_window_get_section (fixture->gui->window, "devices"));
  _pd_devices_page_open_device (page, fixture->press->id);
  device_page = _pd_devices_page_get_device_page (page);
  g_assert_nonnull (device_page);
  PD_GUI_WAIT_UNTIL (_pd_device_page_find_tag_item (device_page, "Temp") != NULL);

  return device_page;
}

static void
select_tag (PdDevicePage *device_page,
            const char   *name)
{
  const char *names[] = { name, NULL };

  _pd_device_page_select_tags (device_page, names);
}

/* The button bound to ACTION under WIDGET, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GPtrArray *
list_defs (Fixture *fixture,
           gint64   tag_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *defs = pd_store_list_alarm_defs (fixture->gui->store, tag_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (defs);

  return defs;
}

static const PdAlarmDef *
find_def (GPtrArray        *defs,
          PdAlarmCondition  condition)
{
  for (guint i = 0; i < defs->len; i++)
    {
      const PdAlarmDef *def = g_ptr_array_index (defs, i);

      if (def->condition == condition)
        return def;
    }

  return NULL;
}

static PdTagAlarmsDialog *
open_alarms_dialog (PdDevicePage *device_page)
{
  PdTagAlarmsDialog *dialog;

  select_tag (device_page, "Temp");
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.tag-alarms", NULL);
  dialog = _pd_device_page_get_tag_alarms_dialog (device_page);
  g_assert_nonnull (dialog);

  return dialog;
}

static void
test_supervisor_sets_limits (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("supervisor");
  PdDevicePage *device_page = open_device_page (fixture);
  g_autoptr(GPtrArray) defs = NULL;
  PdTagAlarmsDialog *dialog;
  PdTagAlarmRows *rows;
  GtkWidget *button;
  const char *reason;

  /* Supervisors configure alarms, not tags. */
  button = find_action_button (GTK_WIDGET (device_page), "device.tag-alarms");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_get_visible (find_action_button (GTK_WIDGET (device_page), "device.edit-tag")));

  dialog = open_alarms_dialog (device_page);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  rows = _pd_tag_alarms_dialog_get_rows (dialog);
  g_assert_true (_pd_tag_alarm_rows_is_editable (rows));
  g_assert_cmpint (_pd_tag_alarm_rows_get_priority (rows, PD_ALARM_CONDITION_HIHI), ==, PD_ALARM_PRIORITY_URGENT);
  g_assert_cmpint (_pd_tag_alarm_rows_get_priority (rows, PD_ALARM_CONDITION_HI), ==, PD_ALARM_PRIORITY_HIGH);
  g_assert_cmpint (_pd_tag_alarm_rows_get_priority (rows, PD_ALARM_CONDITION_LO), ==, PD_ALARM_PRIORITY_HIGH);
  g_assert_cmpint (_pd_tag_alarm_rows_get_priority (rows, PD_ALARM_CONDITION_LOLO), ==, PD_ALARM_PRIORITY_URGENT);

  /* HH below H: refused on the HH row, with both values. */
  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_HI, TRUE, 80);
  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_HIHI, TRUE, 50);
  g_assert_false (_pd_tag_alarms_dialog_can_save (dialog));
  reason = _pd_tag_alarm_rows_get_row_error (rows, PD_ALARM_CONDITION_HIHI);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "50"));
  g_assert_nonnull (strstr (reason, "80"));
  g_assert_null (_pd_tag_alarm_rows_get_row_error (rows, PD_ALARM_CONDITION_HI));

  /* Saving now writes nothing. */
  _pd_tag_alarms_dialog_save (dialog);
  g_assert_nonnull (dialog);
  defs = list_defs (fixture, fixture->temp_id);
  g_assert_cmpuint (defs->len, ==, 0);
  g_clear_pointer (&defs, g_ptr_array_unref);

  /* A low limit above the high one is out of order too. */
  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_HIHI, TRUE, 100);
  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_LO, TRUE, 90);
  g_assert_false (_pd_tag_alarms_dialog_can_save (dialog));
  g_assert_null (_pd_tag_alarm_rows_get_row_error (rows, PD_ALARM_CONDITION_HIHI));
  g_assert_nonnull (_pd_tag_alarm_rows_get_row_error (rows, PD_ALARM_CONDITION_HI));

  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_LO, TRUE, 10);
  g_assert_true (_pd_tag_alarms_dialog_can_save (dialog));
  g_assert_null (_pd_tag_alarm_rows_get_row_error (rows, PD_ALARM_CONDITION_HI));

  _pd_tag_alarms_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);

  defs = list_defs (fixture, fixture->temp_id);
  g_assert_cmpuint (defs->len, ==, 3);
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_HIHI)->limit, ==, 100);
  g_assert_cmpint (find_def (defs, PD_ALARM_CONDITION_HIHI)->priority, ==, PD_ALARM_PRIORITY_URGENT);
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_HI)->limit, ==, 80);
  g_assert_cmpint (find_def (defs, PD_ALARM_CONDITION_HI)->priority, ==, PD_ALARM_PRIORITY_HIGH);
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_LO)->limit, ==, 10);
  g_assert_null (find_def (defs, PD_ALARM_CONDITION_LOLO));
  g_clear_pointer (&defs, g_ptr_array_unref);

  /* Opened again, the rows show what is stored; unticking L removes it
   * and keeps the others. */
  dialog = open_alarms_dialog (device_page);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  rows = _pd_tag_alarms_dialog_get_rows (dialog);
  g_assert_true (_pd_tag_alarms_dialog_can_save (dialog));
  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_LO, FALSE, 10);
  _pd_tag_alarms_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);

  defs = list_defs (fixture, fixture->temp_id);
  g_assert_cmpuint (defs->len, ==, 2);
  g_assert_null (find_def (defs, PD_ALARM_CONDITION_LO));
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_HI)->limit, ==, 80);
}

static void
test_operator_sees_no_entry (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("operator");
  PdDevicePage *device_page = open_device_page (fixture);
  GtkWidget *button;

  button = find_action_button (GTK_WIDGET (device_page), "device.tag-alarms");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));

  select_tag (device_page, "Temp");
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.tag-alarms", NULL);
  g_assert_null (_pd_device_page_get_tag_alarms_dialog (device_page));
}

static void
test_tag_dialog_alarms (void)
{
  g_autoptr(Fixture) fixture = fixture_new ("admin");
  PdDevicePage *device_page = open_device_page (fixture);
  g_autoptr(GPtrArray) defs = NULL;
  const PdAlarmDef *def;
  PdTagDialog *dialog;
  PdTagAlarmRows *rows;

  /* The temperature's limits, out of order then right. */
  select_tag (device_page, "Temp");
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.edit-tag", NULL);
  dialog = _pd_device_page_get_tag_dialog (device_page);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  rows = _pd_tag_dialog_get_alarm_rows (dialog);
  g_assert_true (_pd_tag_dialog_can_save (dialog));

  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_LO, TRUE, 20);
  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_LOLO, TRUE, 30);
  g_assert_false (_pd_tag_dialog_can_save (dialog));
  g_assert_nonnull (_pd_tag_alarm_rows_get_row_error (rows, PD_ALARM_CONDITION_LO));

  _pd_tag_alarm_rows_set_limit (rows, PD_ALARM_CONDITION_LOLO, TRUE, 5);
  g_assert_true (_pd_tag_dialog_can_save (dialog));
  _pd_tag_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);

  defs = list_defs (fixture, fixture->temp_id);
  g_assert_cmpuint (defs->len, ==, 2);
  g_assert_cmpfloat (find_def (defs, PD_ALARM_CONDITION_LO)->limit, ==, 20);
  g_assert_cmpint (find_def (defs, PD_ALARM_CONDITION_LOLO)->priority, ==, PD_ALARM_PRIORITY_URGENT);
  g_clear_pointer (&defs, g_ptr_array_unref);

  /* The fault bit gets a digital alarm with its message. */
  select_tag (device_page, "Fault");
  gtk_widget_activate_action (GTK_WIDGET (device_page), "device.edit-tag", NULL);
  dialog = _pd_device_page_get_tag_dialog (device_page);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  rows = _pd_tag_dialog_get_alarm_rows (dialog);
  _pd_tag_alarm_rows_set_digital_alarm (rows, TRUE, TRUE, "Press jammed");
  g_assert_true (_pd_tag_dialog_can_save (dialog));
  _pd_tag_dialog_save (dialog);
  PD_GUI_WAIT_UNTIL (dialog == NULL);

  defs = list_defs (fixture, fixture->fault_id);
  g_assert_cmpuint (defs->len, ==, 1);
  def = g_ptr_array_index (defs, 0);
  g_assert_cmpint (def->condition, ==, PD_ALARM_CONDITION_DIGITAL);
  g_assert_true (def->digital_when);
  g_assert_cmpstr (def->message, ==, "Press jammed");
}

int
main (int   argc,
      char *argv[])
{
  pd_gui_test_init (&argc, &argv);

  pd_gui_test_add ("/gui/tag-alarms/supervisor-sets-limits", test_supervisor_sets_limits);
  pd_gui_test_add ("/gui/tag-alarms/operator-sees-no-entry", test_operator_sees_no_entry);
  pd_gui_test_add ("/gui/tag-alarms/tag-dialog", test_tag_dialog_alarms);

  return g_test_run ();
}
