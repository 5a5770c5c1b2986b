/* pd-ctl-commands.c — plantdesk-ctl's commands: their arguments, options
 * and summaries, and the groups they belong to
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl"

#include "config.h"

#include <glib/gi18n.h>

#include "pd-ctl-private.h"

static const char * const name_args[] = { N_("NAME"), NULL };
static const char * const name_role_args[] = { N_("NAME"), N_("ROLE"), NULL };

static const PdCtlOption init_options[] = {
  { "station-name", N_("NAME"), N_("The name of this workstation, e.g. “Line 2 assembly”"), TRUE },
  { "admin", N_("USER"), N_("The user name of the first administrator"), TRUE },
  { NULL }
};

static const PdCtlOption user_add_options[] = {
  { "role", N_("ROLE"), N_("operator, warehouse, supervisor or admin"), TRUE },
  { NULL }
};

static const char * const device_args[] = { N_("DEVICE"), NULL };
static const char * const device_state_args[] = { N_("DEVICE"), N_("STATE"), NULL };
static const char * const device_file_args[] = { N_("DEVICE"), N_("FILE"), NULL };

static const PdCtlOption device_add_options[] = {
  { "tcp", N_("HOST:PORT"), N_("Modbus TCP at HOST, port PORT (default 502); an IPv6 address in brackets, e.g. [fd00::5]:502"), FALSE },
  { "rtu", N_("PATH"), N_("Modbus RTU on the serial port PATH, e.g. /dev/ttyUSB0"), FALSE },
  { "baud", N_("N"), N_("RTU: the baud rate, 1200 to 115200 (required with --rtu)"), FALSE },
  { "parity", N_("N|E|O"), N_("RTU: no, even or odd parity (default N)"), FALSE },
  { "data-bits", N_("N"), N_("RTU: 7 or 8 data bits (default 8)"), FALSE },
  { "stop-bits", N_("N"), N_("RTU: 1 or 2 stop bits (default 1)"), FALSE },
  { "unit", N_("N"), N_("The unit id, 0 to 247, or 255 for a TCP gateway (default 1)"), FALSE },
  { "timeout-ms", N_("N"), N_("Give up on an answer after N ms, 10 to 60000 (default 1000)"), FALSE },
  { "poll-ms", N_("N"), N_("Read the device every N ms, 10 to 3600000 (default 1000)"), FALSE },
  { "max-gap", N_("N"), N_("Read across gaps of up to N unused registers to save requests (default 16, at most the block size)"), FALSE },
  { "max-block", N_("N"), N_("Ask for at most N registers (1 to 125) in one request, and at most 16 × N bits (up to 2000), for devices that accept less than the protocol allows"), FALSE },
  { "no-coalesce", NULL, N_("Read each tag with a request of its own"), FALSE },
  { "disabled", NULL, N_("Add the device without acquiring from it"), FALSE },
  { "state", N_("STATE"), N_("The lifecycle state to start in (default planned)"), FALSE },
  { "description", N_("TEXT"), N_("What and where the device is"), FALSE },
  { NULL }
};

static const PdCtlOption device_plan_options[] = {
  { "every", N_("DAYS"), N_("Inspect every DAYS days (0: no periodic inspection)"), TRUE },
  { "item", N_("LABEL"), N_("A checklist item; give --item once for each"), FALSE, TRUE },
  { NULL }
};

static const PdCtlOption device_inspect_options[] = {
  { "item", N_("LABEL=ok|not-ok"), N_("The finding for one checklist item; give --item once for each item of the checklist"), TRUE, TRUE },
  { "notes", N_("TEXT"), N_("Remarks on the inspection"), FALSE },
  { NULL }
};

static const PdCtlOption audit_list_options[] = {
  { "user", N_("NAME"), N_("Only records of this user"), FALSE },
  { "action", N_("ACTION"), N_("Only this action, e.g. “user.add”, or actions starting with a prefix ending in “.”, e.g. “user.”"), FALSE },
  { "result", N_("RESULT"), N_("Only “ok” or only “denied” records"), FALSE },
  { "since", N_("TIME"), N_("Only records at or after TIME (ISO 8601, e.g. 2026-11-24 or 2026-11-24T08:00:00+08:00)"), FALSE },
  { "until", N_("TIME"), N_("Only records before TIME (ISO 8601)"), FALSE },
  { "limit", N_("N"), N_("Show at most N records, newest first (default 50; 0 for all)"), FALSE },
  { NULL }
};

static const char * const history_args[] = { N_("DEVICE/TAG"), NULL };
static const char * const write_args[] = { N_("DEVICE"), N_("TAG"), N_("VALUE"), NULL };

static const PdCtlOption diag_options[] = {
  { "seconds", N_("N"), N_("Poll the device for N seconds (default 5)"), FALSE },
  { NULL }
};

static const PdCtlOption acquire_options[] = {
  { "seconds", N_("N"), N_("Stop after N seconds (default: at SIGINT or SIGTERM)"), FALSE },
  { NULL }
};

static const PdCtlOption history_options[] = {
  { "from", N_("TIME"), N_("Start of the range (ISO 8601; default: an hour before its end)"), FALSE },
  { "to", N_("TIME"), N_("End of the range, left out (ISO 8601; default: now)"), FALSE },
  { "buckets", N_("N"), N_("Cut the range into N equal buckets (1 to 100000) and show the minimum, maximum, average and count of each, instead of the samples"), FALSE },
  { NULL }
};

static const char * const alarm_source_args[] = { N_("DEVICE/TAG"), NULL };
static const char * const alarm_id_args[] = { N_("ID"), NULL };

static const PdCtlOption alarm_define_options[] = {
  { "hihi", N_("X"), N_("Alarm at or above X: the high-high limit, in the tag’s units"), FALSE },
  { "hi", N_("X"), N_("Alarm at or above X: the high limit"), FALSE },
  { "lo", N_("X"), N_("Alarm at or below X: the low limit"), FALSE },
  { "lolo", N_("X"), N_("Alarm at or below X: the low-low limit"), FALSE },
  { "deadband", N_("X"), N_("How far back past a limit the value must come to clear (default 0)"), FALSE },
  { "on-delay-ms", N_("N"), N_("The condition must hold N ms before the alarm is raised (0 to 3600000)"), FALSE },
  { "off-delay-ms", N_("N"), N_("The condition must be gone N ms before the alarm clears (0 to 3600000)"), FALSE },
  { "priority", N_("PRIORITY"), N_("urgent, high, medium or low (new limits: urgent for HH and LL, high for H and L)"), FALSE },
  { "latching", NULL, N_("The alarm stays active until acknowledged"), FALSE },
  { "no-latching", NULL, N_("The alarm clears by itself once its condition is gone (the default for new alarms)"), FALSE },
  { "message", N_("TEXT"), N_("What people read when the alarm is raised"), FALSE },
  { "digital", NULL, N_("A digital alarm on a bool tag (needs --message)"), FALSE },
  { "when", N_("true|false"), N_("Digital: alarm when the tag is true (default) or false"), FALSE },
  { "comm", NULL, N_("The communication alarm of the device named by the argument"), FALSE },
  { NULL }
};

static const PdCtlOption alarm_list_options[] = {
  { "active", NULL, N_("Only alarms that are not normal"), FALSE },
  { NULL }
};

static const PdCtlOption alarm_ack_options[] = {
  { "comment", N_("TEXT"), N_("A remark kept with the acknowledgement"), FALSE },
  { NULL }
};

static const PdCtlOption alarm_shelve_options[] = {
  { "minutes", N_("N"), N_("Shelve for N minutes, up to the alarm’s maximum (eight hours unless set otherwise)"), TRUE },
  { "comment", N_("TEXT"), N_("Why the alarm is shelved"), FALSE },
  { NULL }
};

static const PdCtlOption alarm_suppress_options[] = {
  { "reason", N_("TEXT"), N_("Why the alarm is taken out of service"), TRUE },
  { NULL }
};

static const PdCtlOption alarm_history_options[] = {
  { "since", N_("TIME"), N_("Only events at or after TIME (ISO 8601, e.g. 2026-11-24 or 2026-11-24T08:00:00+08:00)"), FALSE },
  { "until", N_("TIME"), N_("Only events before TIME (ISO 8601)"), FALSE },
  { "alarm", N_("ID"), N_("Only the events of this alarm"), FALSE },
  { "limit", N_("N"), N_("Show at most N events, newest first (default 10000)"), FALSE },
  { "csv", NULL, N_("Write CSV (time, source, condition, priority, event, value, user, comment, message)"), FALSE },
  { NULL }
};

static const char * const sku_args[] = { N_("SKU"), NULL };
static const char * const file_args[] = { N_("FILE"), NULL };
static const char * const code_args[] = { N_("CODE"), NULL };
static const char * const sku_qty_args[] = { N_("SKU"), N_("QTY"), NULL };
static const char * const move_id_args[] = { N_("MOVE-ID"), NULL };
static const char * const label_pdf_args[] = { N_("OUT.pdf"), NULL };

static const PdCtlOption item_add_options[] = {
  { "name", N_("NAME"), N_("What the item is called"), TRUE },
  { "unit", N_("UNIT"), N_("The unit it is counted in, e.g. pcs, kg or m"), TRUE },
  { "barcode", N_("CODE"), N_("A barcode of the item; give --barcode once for each"), FALSE, TRUE },
  { "category", N_("TEXT"), N_("The item’s category"), FALSE },
  { "min", N_("N"), N_("Raise a low-stock alarm when a warehouse holds less than N"), FALSE },
  { "max", N_("N"), N_("Raise a high-stock alarm when a warehouse holds more than N"), FALSE },
  { "lot-tracked", NULL, N_("Every move of the item names a lot"), FALSE },
  { NULL }
};

static const PdCtlOption item_list_options[] = {
  { "search", N_("TEXT"), N_("Only items whose SKU, name, category or barcode contains TEXT"), FALSE },
  { NULL }
};

static const PdCtlOption location_add_options[] = {
  { "name", N_("NAME"), N_("What the location is called"), FALSE },
  { "parent", N_("CODE"), N_("The warehouse or zone the location is in (none: a warehouse)"), FALSE },
  { "barcode", N_("CODE"), N_("The barcode on the location’s label"), FALSE },
  { "kind", N_("KIND"), N_("warehouse, zone or bin (default: warehouse without --parent, bin with it)"), FALSE },
  { NULL }
};

static const PdCtlOption stock_receive_options[] = {
  { "to", N_("LOCATION"), N_("Where the stock arrives: a location’s code or barcode"), TRUE },
  { "lot", N_("LOT"), N_("The lot; a new lot code is created"), FALSE },
  { "ref", N_("TEXT"), N_("The document reference, e.g. a delivery note"), FALSE },
  { NULL }
};

static const PdCtlOption stock_issue_options[] = {
  { "from", N_("LOCATION"), N_("Where the stock is taken from: a location’s code or barcode"), TRUE },
  { "lot", N_("LOT"), N_("The lot"), FALSE },
  { "ref", N_("TEXT"), N_("The document reference, e.g. a work order"), FALSE },
  { NULL }
};

static const PdCtlOption stock_move_options[] = {
  { "from", N_("LOCATION"), N_("Where the stock is taken from: a location’s code or barcode"), TRUE },
  { "to", N_("LOCATION"), N_("Where the stock goes: a location’s code or barcode"), TRUE },
  { "lot", N_("LOT"), N_("The lot"), FALSE },
  { "ref", N_("TEXT"), N_("The document reference"), FALSE },
  { NULL }
};

static const PdCtlOption stock_level_options[] = {
  { "location", N_("LOCATION"), N_("Only stock at this location and the locations in it"), FALSE },
  { NULL }
};

static const PdCtlOption stock_ledger_options[] = {
  { "limit", N_("N"), N_("Show at most N moves, newest first (default 50; 0 for all)"), FALSE },
  { NULL }
};

static const PdCtlOption stock_reorder_options[] = {
  { "warehouse", N_("CODE"), N_("Only the suggestions of this warehouse"), FALSE },
  { "csv", NULL, N_("Write CSV (sku, name, warehouse, on_hand, on_order, on_order_unplaced, min, max, suggested, unit)"), FALSE },
  { NULL }
};

static const PdCtlOption stock_reverse_options[] = {
  { "ref", N_("TEXT"), N_("The document reference of the reversal, e.g. why"), FALSE },
  { NULL }
};

static const char * const order_create_args[] = { N_("KIND"), N_("REF"), NULL };
static const char * const order_ref_args[] = { N_("REF"), NULL };
static const char * const order_pick_args[] = { N_("REF"), N_("SKU"), N_("QTY"), NULL };

static const PdCtlOption order_create_options[] = {
  { "line", N_("SKU:QTY[:LOT]"), N_("A line of the order; give --line once for each"), TRUE, TRUE },
  { "location", N_("LOCATION"), N_("Receive into or issue from this location and the locations in it only"), FALSE },
  { "to", N_("LOCATION"), N_("A transfer’s destination: put into this location and the locations in it only"), FALSE },
  { "tolerance", N_("PERCENT"), N_("How much more than a line’s quantity may be received or picked (default 0)"), FALSE },
  { "partner", N_("TEXT"), N_("The supplier or customer"), FALSE },
  { "notes", N_("TEXT"), N_("Notes on the order"), FALSE },
  { "draft", NULL, N_("Create it as a draft, to be released later (default: released)"), FALSE },
  { NULL }
};

static const PdCtlOption order_list_options[] = {
  { "status", N_("STATUS"), N_("Only orders with this status: draft, released, in-progress, done or cancelled"), FALSE },
  { NULL }
};

static const PdCtlOption order_pick_options[] = {
  { "location", N_("LOCATION"), N_("Where the stock is received or picked: a location’s code or barcode"), TRUE },
  { "to", N_("LOCATION"), N_("A transfer’s: where the stock is put, a location’s code or barcode"), FALSE },
  { "lot", N_("LOT"), N_("The lot received or picked (default: the line’s)"), FALSE },
  { NULL }
};

static const char * const stocktake_id_args[] = { N_("ID"), NULL };
static const char * const stocktake_count_args[] = { N_("ID"), N_("SKU"), N_("QTY"), NULL };

static const PdCtlOption stocktake_start_options[] = {
  { "location", N_("LOCATION"), N_("Count this location and the locations in it (default: everywhere)"), FALSE },
  { "sku", N_("SKU"), N_("Count only this item; give --sku once for each (default: every item)"), FALSE, TRUE },
  { "blind", NULL, N_("Hide the expected quantities from the people who count"), FALSE },
  { NULL }
};

static const PdCtlOption stocktake_count_options[] = {
  { "location", N_("LOCATION"), N_("Where the stock was counted: a location’s code or barcode"), TRUE },
  { "lot", N_("LOT"), N_("The lot counted"), FALSE },
  { NULL }
};

static const PdCtlOption stocktake_uncounted_options[] = {
  { "uncounted-as-zero", NULL, N_("Take the lines nobody counted as counted 0"), FALSE },
  { NULL }
};

static const PdCtlOption label_pdf_options[] = {
  { "item", N_("SKU"), N_("An item’s label (SKU or barcode); give --item once for each"), FALSE, TRUE },
  { "all-items", NULL, N_("A label for every item"), FALSE },
  { "location", N_("CODE"), N_("A location’s label (code or barcode); give --location once for each"), FALSE, TRUE },
  { "all-locations", NULL, N_("A label for every location"), FALSE },
  { "lot", N_("SKU:LOT"), N_("A lot’s label; give --lot once for each"), FALSE, TRUE },
  { "layout", N_("LAYOUT"), N_("roll: one 50 × 30 mm label a page (default); sheet: A4 sheets of 3 × 8 labels of 70 × 37 mm"), FALSE },
  { "copies", N_("N"), N_("Print each label N times (default 1)"), FALSE },
  { NULL }
};

static const char * const workcenter_code_args[] = { N_("CODE"), NULL };
static const char * const product_args[] = { N_("PRODUCT"), NULL };

static const PdCtlOption workcenter_add_options[] = {
  { "name", N_("NAME"), N_("The work center’s name"), TRUE },
  { "line", N_("LINE"), N_("The production line it belongs to"), FALSE },
  { "kind", N_("KIND"), N_("Its kind, such as press: work centers of one kind can run one another’s operations"), FALSE },
  { "capacity", N_("N"), N_("How many operations it runs at once (default 1)"), FALSE },
  { "shift", N_("DAYS:HH:MM-HH:MM"), N_("A weekly shift such as mon-fri:06:00-14:00, breaks after slashes (/10:00-10:15); give --shift once for each"), FALSE, TRUE },
  { "good-tag", N_("DEVICE/TAG"), N_("The counter tag of good parts"), FALSE },
  { "scrap-tag", N_("DEVICE/TAG"), N_("The counter tag of scrap parts"), FALSE },
  { "running-tag", N_("DEVICE/TAG"), N_("The tag that says whether it runs"), FALSE },
  { "from-location", N_("LOC"), N_("The location its material comes from"), FALSE },
  { "to-location", N_("LOC"), N_("The location its finished goods go to"), FALSE },
  { NULL }
};

static const PdCtlOption workcenter_update_options[] = {
  { "name", N_("NAME"), N_("The work center’s name"), FALSE },
  { "line", N_("LINE"), N_("The production line it belongs to"), FALSE },
  { "no-line", NULL, N_("It belongs to no line"), FALSE },
  { "kind", N_("KIND"), N_("Its kind, such as press: work centers of one kind can run one another’s operations"), FALSE },
  { "no-kind", NULL, N_("It is a kind of its own"), FALSE },
  { "capacity", N_("N"), N_("How many operations it runs at once"), FALSE },
  { "shift", N_("DAYS:HH:MM-HH:MM"), N_("A weekly shift; when given, the shifts given replace all of them; give --shift once for each"), FALSE, TRUE },
  { "good-tag", N_("DEVICE/TAG"), N_("The counter tag of good parts"), FALSE },
  { "no-good-tag", NULL, N_("No counter tag of good parts"), FALSE },
  { "scrap-tag", N_("DEVICE/TAG"), N_("The counter tag of scrap parts"), FALSE },
  { "no-scrap-tag", NULL, N_("No counter tag of scrap parts"), FALSE },
  { "running-tag", N_("DEVICE/TAG"), N_("The tag that says whether it runs"), FALSE },
  { "no-running-tag", NULL, N_("No tag that says whether it runs"), FALSE },
  { "from-location", N_("LOC"), N_("The location its material comes from"), FALSE },
  { "no-from-location", NULL, N_("No location its material comes from"), FALSE },
  { "to-location", N_("LOC"), N_("The location its finished goods go to"), FALSE },
  { "no-to-location", NULL, N_("No location its finished goods go to"), FALSE },
  { NULL }
};

static const char * const workcenter_exception_args[] = { N_("add|remove"), N_("CODE"), NULL };
static const PdCtlOption workcenter_exception_options[] = {
  { "date", N_("YYYY-MM-DD"), N_("The day of the exception"), TRUE },
  { "closed", NULL, N_("Add: not working (a holiday or shutdown)"), FALSE },
  { "overtime", NULL, N_("Add: working, whatever the shifts say"), FALSE },
  { "from", N_("HH:MM"), N_("Add: from this time of day (default: the whole day)"), FALSE },
  { "to", N_("HH:MM"), N_("Add: until this time of day (24:00 for midnight)"), FALSE },
  { "reason", N_("TEXT"), N_("Add: why"), FALSE },
  { NULL }
};

static const PdCtlOption workcenter_calendar_options[] = {
  { "from", N_("YYYY-MM-DD"), N_("The first day (default today)"), FALSE },
  { "days", N_("N"), N_("How many days (default 7, at most 366)"), FALSE },
  { NULL }
};

static const PdCtlOption bom_set_options[] = {
  { "component", N_("SKU:QTY[:SCRAP%]"), N_("A component, its quantity per unit of the product and its scrap allowance in percent; give --component once for each"), TRUE, TRUE },
  { "pick-at-start", N_("SKU"), N_("Issue this component when its operation starts instead of on each report (backflush); give it once for each"), FALSE, TRUE },
  { NULL }
};

static const char * const wo_args[] = { N_("WO"), NULL };
static const char * const wo_seq_args[] = { N_("WO"), N_("SEQ"), NULL };
static const PdCtlOption wo_traveler_options[] = {
  { "pdf", N_("FILE"), N_("The PDF file to write"), TRUE },
  { NULL }
};
static const char * const wo_create_args[] = { N_("PRODUCT"), N_("QTY"), NULL };
static const PdCtlOption wo_create_options[] = {
  { "due", N_("ISO8601"), N_("When the order is due"), TRUE },
  { "priority", N_("1-5"), N_("1 most urgent … 5 (default 3)"), FALSE },
  { "ref", N_("TEXT"), N_("A reference, such as a sales order"), FALSE },
  { NULL }
};
static const PdCtlOption wo_pause_options[] = {
  { "reason", N_("CODE"), N_("material, breakdown, changeover, quality, break or other"), TRUE },
  { NULL }
};
static const PdCtlOption wo_report_options[] = {
  { "good", N_("N"), N_("Good parts"), FALSE },
  { "scrap", N_("N"), N_("Scrapped parts (needs --scrap-reason)"), FALSE },
  { "scrap-reason", N_("CODE"), N_("material, setup, machine, operator, dimension, surface or other"), FALSE },
  { "source", N_("SOURCE"), N_("manual (default) or machine"), FALSE },
  { NULL }
};

static const PdCtlOption routing_set_options[] = {
  { "op", N_("SEQ:WORKCENTER:SETUP_MINUTES:RUN_SECONDS_PER_UNIT"), N_("An operation: its sequence number, work center, setup minutes and run seconds per unit; give --op once for each"), TRUE, TRUE },
  { "instructions", N_("SEQ:TEXT"), N_("The instructions of operation SEQ"), FALSE, TRUE },
  { "overlap", N_("SEQ"), N_("The operation after SEQ may start before SEQ is done"), FALSE, TRUE },
  { NULL }
};

static const PdCtlOption schedule_move_options[] = {
  { "start", N_("ISO8601"), N_("The new start"), TRUE },
  { "workcenter", N_("CODE"), N_("Another work center of the same kind (default: where it is)"), FALSE },
  { NULL }
};

static const char * const oee_args[] = { N_("WORKCENTER"), NULL };
static const PdCtlOption oee_options[] = {
  { "from", N_("ISO8601"), N_("Start of the range (default: the start of the current shift, or today's midnight when no shift is on)"), FALSE },
  { "to", N_("ISO8601"), N_("End of the range, left out (default: now)"), FALSE },
  { NULL }
};
static const PdCtlOption kpi_options[] = {
  { "workcenter", N_("CODE"), N_("Only this work center (default: every one)"), FALSE },
  { "by", N_("shift|day"), N_("One row a shift or a day (default day)"), FALSE },
  { "from", N_("ISO8601"), N_("Start of the range (default: midnight 6 days ago)"), FALSE },
  { "to", N_("ISO8601"), N_("End of the range, left out (default: now)"), FALSE },
  { "csv", NULL, N_("Print the rows as CSV"), FALSE },
  { NULL }
};

const PdCtlCommand pd_ctl_commands[] = {
  {
    NULL, "init",
    N_("Set up the station and its first administrator"),
    N_("Creates the database and the first administrator. The administrator’s password is read from PLANTDESK_PASSWORD, or asked twice on the terminal."),
    NULL, init_options, pd_ctl_init_run,
  },
  {
    "station", "show",
    N_("Show the station’s name and database"),
    NULL,
    NULL, NULL, pd_ctl_station_show_run,
  },
  {
    "station", "set-name",
    N_("Rename the station (administrators)"),
    NULL,
    name_args, NULL, pd_ctl_station_set_name_run,
  },
  {
    "user", "add",
    N_("Add a user (administrators)"),
    N_("The new user’s password is read from PLANTDESK_NEW_PASSWORD, or asked twice on the terminal."),
    name_args, user_add_options, pd_ctl_user_add_run,
  },
  {
    "user", "list",
    N_("List the users (administrators)"),
    NULL,
    NULL, NULL, pd_ctl_user_list_run,
  },
  {
    "user", "set-role",
    N_("Change a user’s role (administrators)"),
    N_("ROLE is operator, warehouse, supervisor or admin."),
    name_role_args, NULL, pd_ctl_user_set_role_run,
  },
  {
    "user", "disable",
    N_("Disable a user: they can no longer sign in (administrators)"),
    NULL,
    name_args, NULL, pd_ctl_user_disable_run,
  },
  {
    "user", "enable",
    N_("Enable a disabled user again (administrators)"),
    NULL,
    name_args, NULL, pd_ctl_user_enable_run,
  },
  {
    "user", "passwd",
    N_("Set a user’s password"),
    N_("Administrators may reset anyone’s password; everyone else may change only their own, and the password they sign in with is then taken as the current one. The new password is read from PLANTDESK_NEW_PASSWORD, or asked twice on the terminal."),
    name_args, NULL, pd_ctl_user_passwd_run,
  },
  {
    "device", "add",
    N_("Add a Modbus TCP or Modbus RTU device (administrators)"),
    N_("Give either --tcp or --rtu with --baud. The other settings have the defaults shown; the core checks every value."),
    device_args, device_add_options, pd_ctl_device_add_run,
  },
  {
    "device", "list",
    N_("List the devices with their address, state and number of tags"),
    NULL,
    NULL, NULL, pd_ctl_device_list_run,
  },
  {
    "device", "show",
    N_("Show a device’s settings, state, tags count and inspection due date"),
    NULL,
    device_args, NULL, pd_ctl_device_show_run,
  },
  {
    "device", "remove",
    N_("Remove a device and its tags (administrators)"),
    N_("A device with inspection records cannot be removed, as the records must be kept: retire it with “device set-state DEVICE retired” instead. The history of its tags stays in history.db."),
    device_args, NULL, pd_ctl_device_remove_run,
  },
  {
    "device", "set-state",
    N_("Change a device’s lifecycle state (supervisors and administrators)"),
    N_("STATE is planned, commissioned, in-service, maintenance or retired. Planned → commissioned → in-service ⇄ maintenance; commissioned ⇄ maintenance; any state → retired, which is final."),
    device_state_args, NULL, pd_ctl_device_set_state_run,
  },
  {
    "device", "plan",
    N_("Set a device’s periodic inspection: interval and checklist (supervisors and administrators)"),
    NULL,
    device_args, device_plan_options, pd_ctl_device_plan_run,
  },
  {
    "device", "inspect",
    N_("Record an inspection of a device against its checklist"),
    N_("Each checklist item needs exactly one --item with “ok” or “not-ok”, e.g. --item \"Guard closed=ok\"."),
    device_args, device_inspect_options, pd_ctl_device_inspect_run,
  },
  {
    "device", "inspections",
    N_("List a device’s inspections, newest first"),
    NULL,
    device_args, NULL, pd_ctl_device_inspections_run,
  },
  {
    "tag", "import",
    N_("Import tags from a CSV file into a device, all or nothing (administrators)"),
    N_("The first row names the columns: name, area, address and type are required; byte_order, word_order, scale, offset, unit, deadband, poll_ms, writable, history and description are optional. Tags whose name exists on the device are updated, the others added. A bad file changes nothing and every bad line is named. FILE “-” reads standard input."),
    device_file_args, NULL, pd_ctl_tag_import_run,
  },
  {
    "tag", "export",
    N_("Write a device’s tags as CSV on standard output"),
    N_("Every column is written; “tag import” reads the output back unchanged."),
    device_args, NULL, pd_ctl_tag_export_run,
  },
  {
    "tag", "list",
    N_("List a device’s tags"),
    NULL,
    device_args, NULL, pd_ctl_tag_list_run,
  },
  {
    "audit", "list",
    N_("Show the audit log (supervisors and administrators)"),
    NULL,
    NULL, audit_list_options, pd_ctl_audit_list_run,
  },
  {
    NULL, "history",
    N_("Show a tag’s history: its samples, or buckets of them"),
    N_("DEVICE/TAG names the tag, e.g. “press-1/temperature”. Without --buckets the stored samples are shown, a gap where the tag could not be read; with --json, an array of objects with “ts” (ISO 8601) and “value” (null for a gap), or with --buckets “ts”, “min”, “max”, “avg” and “count”."),
    history_args, history_options, pd_ctl_history_run,
  },
  {
    NULL, "read",
    N_("Read every tag of a device once, now"),
    N_("Exits with 0 when every tag was read, 3 when some tag is bad and 1 when the device cannot be reached. With --json, an array of objects with “tag”, “value” (after scale and offset; booleans as true/false), “quality” (“good” or “bad”) and “ts” (ISO 8601)."),
    device_args, NULL, pd_ctl_read_run,
  },
  {
    NULL, "write",
    N_("Write a value, in engineering units, to a writable tag"),
    N_("Needs the permission to write tags; the write and its outcome are audited."),
    write_args, NULL, pd_ctl_write_run,
  },
  {
    NULL, "diag",
    N_("Poll a device for a while and show its communication statistics"),
    N_("Requests, errors, timeouts, reconnects, latency percentiles, the last error and the requests of one cycle."),
    device_args, diag_options, pd_ctl_diag_run,
  },
  {
    NULL, "acquire",
    N_("Poll every device in service headless, keeping history"),
    N_("Runs until --seconds pass or SIGINT or SIGTERM arrives, then prints one line per device."),
    NULL, acquire_options, pd_ctl_acquire_run,
  },
  {
    "alarm", "define",
    N_("Define the alarms of a tag, or a device’s communication alarm (supervisors)"),
    N_("DEVICE/TAG names the tag, e.g. “press-1/temperature”. Each limit given is added, or changes the tag’s alarm of that limit; --deadband, the delays, --priority, --latching and --message apply to each limit given, or with no limit to the tag’s existing limit alarms. The limits must be in order: HH above H above L above LL. With --digital the tag must be bool. With --comm the argument is a device. A refused definition changes nothing."),
    alarm_source_args, alarm_define_options, pd_ctl_alarm_define_run,
  },
  {
    "alarm", "remove",
    N_("Remove an alarm definition; its events are kept (supervisors)"),
    NULL,
    alarm_id_args, NULL, pd_ctl_alarm_remove_run,
  },
  {
    "alarm", "list",
    N_("List the alarms with their states, most important first"),
    N_("With --json, an array of objects with “id”, “source”, “condition” (hihi, hi, lo, lolo, digital, comm, source), “priority”, “state” (normal, unacknowledged, acknowledged, rtn-unacknowledged, shelved, suppressed), “value” and “raised” (ISO 8601; null when never raised), “message”, “limit”, “deadband”, “on_delay_ms”, “off_delay_ms”, “latching”, “acknowledged_by” and “shelved_until”."),
    NULL, alarm_list_options, pd_ctl_alarm_list_run,
  },
  {
    "alarm", "ack",
    N_("Acknowledge an alarm"),
    N_("An alarm someone else acknowledged already is left as it is, and the command still succeeds."),
    alarm_id_args, alarm_ack_options, pd_ctl_alarm_ack_run,
  },
  {
    "alarm", "shelve",
    N_("Shelve an alarm for a while (operators, supervisors)"),
    NULL,
    alarm_id_args, alarm_shelve_options, pd_ctl_alarm_shelve_run,
  },
  {
    "alarm", "unshelve",
    N_("Take an alarm off the shelf"),
    NULL,
    alarm_id_args, NULL, pd_ctl_alarm_unshelve_run,
  },
  {
    "alarm", "suppress",
    N_("Take an alarm out of service, with a reason (supervisors)"),
    NULL,
    alarm_id_args, alarm_suppress_options, pd_ctl_alarm_suppress_run,
  },
  {
    "alarm", "unsuppress",
    N_("Put a suppressed alarm back in service (supervisors)"),
    NULL,
    alarm_id_args, NULL, pd_ctl_alarm_unsuppress_run,
  },
  {
    "alarm", "history",
    N_("Show alarm events: raised, cleared, acknowledged, shelved …"),
    N_("Newest first. With --json, an array of objects with “id”, “alarm_id”, “ts” (ISO 8601), “event”, “source”, “condition”, “priority”, “value”, “user”, “comment”, “until” and “message”."),
    NULL, alarm_history_options, pd_ctl_alarm_history_run,
  },
  {
    "item", "add",
    N_("Add an item that is kept in stock (supervisors)"),
    N_("Quantities are exact decimals with a point, e.g. 12.5, and at most six decimals."),
    sku_args, item_add_options, pd_ctl_item_add_run,
  },
  {
    "item", "import",
    N_("Add and update items from a CSV file, all or nothing (supervisors)"),
    N_("The first row names the columns: sku, name and unit are required; category, barcodes (separated by “|”), min, max and lot_tracked are optional. Items whose SKU exists are updated, the others added. A bad file changes nothing and every bad line is named. FILE “-” reads standard input."),
    file_args, NULL, pd_ctl_item_import_run,
  },
  {
    "item", "list",
    N_("List the items"),
    N_("With --json, an array of objects with “sku”, “name”, “unit”, “category”, “barcodes”, “lot_tracked”, “min” and “max” (quantities as strings; null when not set)."),
    NULL, item_list_options, pd_ctl_item_list_run,
  },
  {
    "location", "add",
    N_("Add a warehouse, zone or bin (supervisors)"),
    NULL,
    code_args, location_add_options, pd_ctl_location_add_run,
  },
  {
    "location", "list",
    N_("Show the location tree"),
    N_("With --json, an array of objects with “code”, “name”, “kind”, “parent”, “warehouse” and “barcode”, depth first."),
    NULL, NULL, pd_ctl_location_list_run,
  },
  {
    "stock", "receive",
    N_("Receive stock into a location (warehouse staff, supervisors)"),
    N_("SKU may also be an item’s barcode. QTY is an exact decimal with a point, e.g. 12.5."),
    sku_qty_args, stock_receive_options, pd_ctl_stock_receive_run,
  },
  {
    "stock", "issue",
    N_("Issue stock from a location (warehouse staff, supervisors)"),
    N_("More than is on hand is refused, and the quantity available is named."),
    sku_qty_args, stock_issue_options, pd_ctl_stock_issue_run,
  },
  {
    "stock", "move",
    N_("Move stock from one location to another (warehouse staff, supervisors)"),
    NULL,
    sku_qty_args, stock_move_options, pd_ctl_stock_move_run,
  },
  {
    "stock", "level",
    N_("Show the stock on hand"),
    N_("With --json, an array of objects with “sku”, “location”, “lot” (null when none) and “qty” (an exact decimal in a string)."),
    NULL, stock_level_options, pd_ctl_stock_level_run, sku_args,
  },
  {
    "stock", "ledger",
    N_("Show the stock moves, newest first"),
    N_("With --json, an array of objects with “id”, “ts” (ISO 8601), “sku”, “lot”, “from” and “to” (location codes; null for outside), “qty” (a string), “unit”, “reason”, “user”, “station”, “ref” and “reverses”."),
    NULL, stock_ledger_options, pd_ctl_stock_ledger_run, sku_args,
  },
  {
    "stock", "reverse",
    N_("Undo a stock move with a move in the opposite direction (supervisors)"),
    N_("The ledger keeps both moves; a move is reversed once only."),
    move_id_args, stock_reverse_options, pd_ctl_stock_reverse_run,
  },
  {
    "stock", "check",
    N_("Check that the stock on hand agrees with the ledger"),
    N_("Exits with 0 when they agree and 1, listing the differences, when they do not."),
    NULL, NULL, pd_ctl_stock_check_run,
  },
  {
    "order", "create",
    N_("Create an inbound, outbound or transfer stock order (warehouse staff, supervisors)"),
    N_("KIND is “inbound” (a receipt), “outbound” (an issue or shipment) or “transfer” (a move from --location to --to, both required and not the same location). Every SKU must exist; a lot only for a lot-tracked item. QTY is an exact decimal with a point, e.g. 12.5. The order is released, ready to be executed, unless --draft is given."),
    order_create_args, order_create_options, pd_ctl_order_create_run,
  },
  {
    "order", "list",
    N_("List the stock orders"),
    N_("With --json, an array of objects with “ref”, “kind”, “status”, “location”, “to” (a transfer’s destination, else null), “partner”, “notes”, “tolerance”, “closed_short”, “created” and “updated”."),
    NULL, order_list_options, pd_ctl_order_list_run,
  },
  {
    "stock", "reorder",
    N_("Suggest what to order to bring stock back to its maximum"),
    N_("One row for each item and warehouse whose stock on hand is below its minimum (or, with a maximum only, out of stock). On order counts what remains on inbound orders into that warehouse that are not done or cancelled, drafts included; the suggestion brings on hand plus on order up to the maximum (to the minimum when there is none), 0 when what is on order covers it. Inbound orders without a location count where there is one warehouse only; with several they are shown as on_order_unplaced. With --json, an array of objects with “sku”, “name”, “warehouse”, “on_hand”, “on_order”, “on_order_unplaced”, “min”, “max” (null when none), “suggested” (exact decimals in strings) and “unit”."),
    NULL, stock_reorder_options, pd_ctl_stock_reorder_run,
  },
  {
    "order", "show",
    N_("Show a stock order and its lines, with what is done and what remains"),
    N_("With --json, the order’s object as in “order list” with “lines”: objects with “line”, “sku”, “lot”, “qty”, “done”, “remaining” (exact decimals in strings), “unit” and “short”."),
    order_ref_args, NULL, pd_ctl_order_show_run,
  },
  {
    "order", "pick",
    N_("Execute a line of an order: receive (inbound), pick (outbound) or move (transfer) stock (warehouse staff, supervisors)"),
    N_("SKU, --location and --to may also be barcodes, as scanned. A transfer takes from --location, inside the order’s location, and puts into --to, inside its destination; --to is for transfers only. QTY 0 takes the rest of the line. An item that is not on the order, a location outside the order’s, or more than the line allows with its tolerance is refused and nothing is recorded."),
    order_pick_args, order_pick_options, pd_ctl_order_pick_run,
  },
  {
    "order", "release",
    N_("Release a draft order for execution (warehouse staff, supervisors)"),
    NULL,
    order_ref_args, NULL, pd_ctl_order_release_run,
  },
  {
    "order", "cancel",
    N_("Cancel an order before anything was executed on it (warehouse staff, supervisors)"),
    NULL,
    order_ref_args, NULL, pd_ctl_order_cancel_run,
  },
  {
    "order", "close",
    N_("Close an order that is in progress, short (warehouse staff, supervisors)"),
    N_("Prints the lines that were short. With --json, an object with “ref” and “short”: the short lines with “line”, “sku”, “lot”, “qty”, “done” and “unit”."),
    order_ref_args, NULL, pd_ctl_order_close_run,
  },
  {
    "stocktake", "start",
    N_("Start a stocktake: snapshot the stock on hand to count (supervisors)"),
    N_("Prints the stocktake’s number. Stock moved while people count is accounted for: a line’s difference is the count minus the quantity expected at the start and the moves since."),
    NULL, stocktake_start_options, pd_ctl_stocktake_start_run,
  },
  {
    "stocktake", "count",
    N_("Record a count of an item at a location (warehouse staff, supervisors)"),
    N_("SKU may also be an item’s barcode. A recount replaces the earlier count; a count of stock nobody expected there is recorded as found."),
    stocktake_count_args, stocktake_count_options, pd_ctl_stocktake_count_run,
  },
  {
    "stocktake", "review",
    N_("Show a stocktake’s lines: expected, moved since the start, counted and the difference"),
    N_("In a blind stocktake only supervisors see the expected quantities. With --json, an object with “id”, “status”, “blind” and “lines”, each with “sku”, “location”, “lot”, “unit”, “found”, “expected”, “moved”, “counted”, “counted_qty”, “counts” and “difference” (quantities as strings; null when hidden or not counted)."),
    stocktake_id_args, stocktake_uncounted_options, pd_ctl_stocktake_review_run,
  },
  {
    "stocktake", "post",
    N_("Post a stocktake’s differences as adjustments (supervisors)"),
    N_("Lines nobody counted are left as they are unless --uncounted-as-zero is given. A stocktake is posted once only."),
    stocktake_id_args, stocktake_uncounted_options, pd_ctl_stocktake_post_run,
  },
  {
    "stocktake", "cancel",
    N_("Cancel an open stocktake without adjusting anything (supervisors)"),
    NULL,
    stocktake_id_args, NULL, pd_ctl_stocktake_cancel_run,
  },
  {
    "stocktake", "list",
    N_("List the stocktakes, newest first"),
    NULL,
    NULL, NULL, pd_ctl_stocktake_list_run,
  },
  {
    "label", "pdf",
    N_("Write QR code labels of items, locations and lots to a PDF"),
    N_("Each label’s QR code holds what the scan entries accept: an item’s first barcode, else its SKU; a location’s barcode, else its code; a lot’s code. Unknown codes are named and nothing is written. With --json, an object with “file”, “layout”, “labels” and “pages”."),
    label_pdf_args, label_pdf_options, pd_ctl_label_pdf_run,
  },
  {
    "workcenter", "add",
    N_("Add a work center with its shifts, counter tags and locations (supervisors)"),
    N_("DAYS are English day abbreviations such as mon-fri, sat or mon,wed,fri; a shift that ends before it starts runs past midnight. Tags are named DEVICE/TAG; locations by code. With --json, the work center as “workcenter show --json” prints it."),
    workcenter_code_args, workcenter_add_options, pd_ctl_workcenter_add_run,
  },
  {
    "workcenter", "list",
    N_("List the work centers"),
    N_("With --json, an array of objects with “code”, “name”, “line”, “kind”, “capacity”, “shifts”, “exceptions”, “good_tag”, “scrap_tag”, “running_tag”, “from_location” and “to_location”."),
    NULL, NULL, pd_ctl_workcenter_list_run,
  },
  {
    "workcenter", "show",
    N_("Show a work center"),
    NULL,
    workcenter_code_args, NULL, pd_ctl_workcenter_show_run,
  },
  {
    "workcenter", "update",
    N_("Change a work center: name, line, kind, capacity, shifts, tags, locations (supervisors)"),
    N_("Only what is given changes; --shift replaces all shifts; --no-… clears a field. With --json, the work center as “workcenter show --json” prints it."),
    workcenter_code_args, workcenter_update_options, pd_ctl_workcenter_update_run,
  },
  {
    "workcenter", "exception",
    N_("Add or remove a dated exception of a work center’s calendar (supervisors)"),
    N_("“exception add CODE --date D --closed|--overtime [--from HH:MM --to HH:MM] [--reason TEXT]” adds a holiday or overtime, the whole day unless --from and --to are given; “exception remove CODE --date D” removes that day’s exceptions."),
    workcenter_exception_args, workcenter_exception_options, pd_ctl_workcenter_exception_run,
  },
  {
    "workcenter", "calendar",
    N_("Print a work center’s working intervals, day by day"),
    N_("In local time, shifts, breaks and exceptions applied. With --json, an array of objects with “start”, “end” (ISO 8601) and “minutes”."),
    workcenter_code_args, workcenter_calendar_options, pd_ctl_workcenter_calendar_run,
  },
  {
    "bom", "set",
    N_("Set a product’s bill of materials as a new active version (supervisors)"),
    N_("Earlier versions are kept. A product that would contain itself, directly or through its components’ bills of materials, is refused with the cycle named. With --json, an object with “product”, “version”, “active” and “components”, each with “component”, “qty”, “scrap_pct” (exact decimals as strings) and “backflush”."),
    product_args, bom_set_options, pd_ctl_bom_set_run,
  },
  {
    "bom", "show",
    N_("Show a product’s active bill of materials"),
    N_("Prints “none” (null with --json) when the product has none."),
    product_args, NULL, pd_ctl_bom_show_run,
  },
  {
    "routing", "set",
    N_("Set a product’s routing as a new active version (supervisors)"),
    N_("Setup minutes and run seconds per unit (the ideal cycle time) are exact decimals. Each sequence number may be used once. With --json, an object with “product”, “version”, “active” and “operations”, each with “seq”, “workcenter”, “setup_minutes”, “run_seconds_per_unit” (strings), “instructions” and “overlap”."),
    product_args, routing_set_options, pd_ctl_routing_set_run,
  },
  {
    "routing", "show",
    N_("Show a product’s active routing"),
    N_("Prints “none” (null with --json) when the product has none."),
    product_args, NULL, pd_ctl_routing_show_run,
  },
  {
    "wo", "create",
    N_("Create a work order as a draft (supervisors); prints its number"),
    N_("QTY is an exact decimal above 0; --due an ISO 8601 time such as 2026-12-01T14:00:00Z. A due time in the past is accepted with a warning on stderr. With --json, the order as “wo show --json” prints it, without operations."),
    wo_create_args, wo_create_options, pd_ctl_wo_create_run,
  },
  {
    "wo", "release",
    N_("Release a draft work order: copy its product’s routing, freeze the routing’s and BOM’s versions (supervisors)"),
    NULL, wo_args, NULL, pd_ctl_wo_action_run,
  },
  {
    "wo", "issue",
    N_("Issue a scheduled work order to the shop floor (supervisors)"),
    NULL, wo_args, NULL, pd_ctl_wo_action_run,
  },
  {
    "wo", "cancel",
    N_("Cancel a work order before work on it starts (supervisors)"),
    NULL, wo_args, NULL, pd_ctl_wo_action_run,
  },
  {
    "wo", "close",
    N_("Close a completed work order (supervisors)"),
    NULL, wo_args, NULL, pd_ctl_wo_action_run,
  },
  {
    "wo", "start",
    N_("Start an operation that is ready"),
    N_("An operation is ready once the order is issued and the operation before it is done, or has reported good parts when it may overlap its successor."),
    wo_seq_args, NULL, pd_ctl_wo_action_run,
  },
  {
    "wo", "pause",
    N_("Pause a running operation with a reason"),
    NULL, wo_seq_args, wo_pause_options, pd_ctl_wo_pause_run,
  },
  {
    "wo", "resume",
    N_("Resume a paused operation"),
    NULL, wo_seq_args, NULL, pd_ctl_wo_action_run,
  },
  {
    "wo", "report",
    N_("Report good and scrap parts on a running operation"),
    N_("Beyond the ordered quantity only supervisors may report."),
    wo_seq_args, wo_report_options, pd_ctl_wo_report_run,
  },
  {
    "wo", "complete",
    N_("Complete an operation; completing the last completes the order"),
    NULL, wo_seq_args, NULL, pd_ctl_wo_action_run,
  },
  {
    "schedule", NULL,
    N_("Schedule every released or scheduled work order on the work centers’ capacity (supervisors)"),
    N_("Orders are placed by priority, then due time, each operation at the earliest time its predecessor and a free unit of its work center allow, within working time; locked, running and done operations stay. Prints each operation and a line for each late order naming its bottleneck. With --json, an array of objects with “wo”, “op”, “workcenter”, “start”, “end” (ISO 8601 UTC), “state”, “waited_s”, “late” and “bottleneck”."),
    NULL, NULL, pd_ctl_schedule_run,
  },
  {
    "schedule", "move",
    N_("Move an operation to a new start, locked there (supervisors)"),
    N_("Refused, changing nothing, when the start is not working time, the operation would start before its predecessor allows, end after its successor starts, or find no free capacity."),
    wo_seq_args, schedule_move_options, pd_ctl_schedule_move_run,
  },
  {
    "schedule", "unlock",
    N_("Unlock an operation; the next scheduling places it (supervisors)"),
    NULL, wo_seq_args, NULL, pd_ctl_schedule_unlock_run,
  },
  {
    "wo", "list",
    N_("List the work orders by due time"),
    N_("With --json, an array of objects with “wo”, “uuid”, “product”, “qty”, “status”, “due”, “priority”, “ref”, “routing_version”, “bom_version”, “planned_start”, “planned_end”, “good”, “scrap” (quantities as strings), “created_at” and “updated_at”."),
    NULL, NULL, pd_ctl_wo_list_run,
  },
  {
    "wo", "show",
    N_("Show a work order with its operations"),
    N_("With --json, the object of “wo list --json” with “operations”, each with “seq”, “work_center”, “setup_us”, “run_us”, “overlap”, “status”, “planned_start”, “planned_end”, “locked”, “good” and “scrap”, and “moves”: the warehouse moves of its material and goods, each with “id”, “ts”, “sku”, “lot”, “from”, “to”, “qty”, “reason”, “user” and “ref”."),
    wo_args, NULL, pd_ctl_wo_show_run,
  },
  {
    "wo", "shortage",
    N_("List the components short for a work order"),
    N_("The components of the order's bill of materials (the active one for a draft) that the source location of its first work center, with the locations below it, does not hold enough of for the whole order. With --json, an array of objects with “sku”, “unit”, “location”, “backflush”, “needed”, “on_hand” and “missing” (quantities as strings); empty when nothing is short."),
    wo_args, NULL, pd_ctl_wo_shortage_run,
  },
  {
    "wo", "traveler",
    N_("Write a work order's traveler to a PDF"),
    N_("A4 pages: the order's number as text and as a QR code, product, quantity, due, priority and reference; the bill of materials with what the order needs of each component; the routing's operations with blank fields to sign. A released order shows the versions it froze. With --json, an object with “wo”, “file”, “pages”, “bom_lines” and “operations”."),
    wo_args, wo_traveler_options, pd_ctl_wo_traveler_run,
  },
  {
    NULL, "oee",
    N_("Show the OEE of a work center and its parts"),
    N_("Availability (run time ÷ planned production time of the calendar), performance (ideal cycle time × count ÷ run time), quality (good ÷ count) and OEE = A × P × Q after ISO 22400, with the downtime by reason. Without --from and --to: the current shift so far, or today so far. With --json, an object with “availability”, “performance”, “quality” and “oee” (numbers 0…1, null when undefined), “planned_production_time_s”, “run_time_s”, “downtime_s”, “ideal_time_s”, “good”, “scrap”, “total”, “scrap_rate”, “orders_completed”, “orders_on_time”, “on_time_rate” and “downtime_by_reason”."),
    oee_args, oee_options, pd_ctl_oee_run,
  },
  {
    NULL, "kpi",
    N_("Show the production KPIs by shift or day"),
    N_("One row a work center and shift or day: run time, good and scrap, availability, performance, quality, OEE and the on-time completion rate. With --csv, the rows as CSV (and the totals over every work center); with --json, an object with “rows”, “totals” and “total”, each row as “oee --json” prints it."),
    NULL, kpi_options, pd_ctl_kpi_run,
  },
};

const char * const pd_ctl_groups[] = { "station", "user", "device", "tag", "audit", "alarm", "item", "location", "stock", "stocktake", "order", "label", "workcenter", "bom", "routing", "wo", "schedule", NULL };

const guint pd_ctl_n_commands = G_N_ELEMENTS (pd_ctl_commands);
