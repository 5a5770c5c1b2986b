/* pd-alarm-message.h — source alarm messages made in the reader's language
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A source alarm (pd_write_set_alarm_source_full()) may store, next to its
 * message, a message key such as "stock.low" and its arguments as a JSON
 * object. Whoever reads the alarm makes the text again from the key in its
 * own language, so that an alarm raised by an English plantdesk-ctl reads
 * in Chinese on a Chinese screen. The area that raises such alarms
 * registers one formatter per key (pd_core_init() does it for every area):
 * the alarm code itself knows no area's wording. The stored message stays
 * the fallback for a key that no formatter knows (a row written by another
 * version) or arguments the formatter refuses. */

/* Returns the translated text for ARGS, or NULL when ARGS lack what it
 * needs. Runs on any thread. */
typedef char *(*PdAlarmMessageFunc) (const char *key,
                                     JsonObject *args);

/* Registers FUNC for KEY (replacing an earlier one). Thread-safe. */
void           pd_alarm_message_register    (const char         *key,
                                             PdAlarmMessageFunc  func);
/* The text for KEY and ARGS_JSON (a JSON object), or NULL when either is
 * NULL, no formatter is registered for KEY, ARGS_JSON is not an object or
 * the formatter refuses it. Thread-safe. */
char          *pd_alarm_message_format      (const char         *key,
                                             const char         *args_json);

/* The JSON object text for ARGS: pairs of member name and string value,
 * ended by NULL ("sku", "A-1", "min", "20", NULL). */
char          *pd_alarm_message_args_new    (const char         *first_name,
                                             ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
