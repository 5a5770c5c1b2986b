/* pd-alarm.h — alarms after ISA-18.2: definitions, events and states
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Most important first: comparing two priorities with < orders them. */
typedef enum
{
  PD_ALARM_PRIORITY_URGENT,
  PD_ALARM_PRIORITY_HIGH,
  PD_ALARM_PRIORITY_MEDIUM,
  PD_ALARM_PRIORITY_LOW,
} PdAlarmPriority;

#define PD_N_ALARM_PRIORITIES (PD_ALARM_PRIORITY_LOW + 1)

/* What an alarm watches. The four limits and DIGITAL belong to a tag, COMM
 * to a device (raised by the alarm engine when the device is offline or
 * some of its tags read bad), SOURCE to anything else that registers
 * through the source API (low stock, sync failures …). */
typedef enum
{
  PD_ALARM_CONDITION_HIHI,
  PD_ALARM_CONDITION_HI,
  PD_ALARM_CONDITION_LO,
  PD_ALARM_CONDITION_LOLO,
  PD_ALARM_CONDITION_DIGITAL,
  PD_ALARM_CONDITION_COMM,
  PD_ALARM_CONDITION_SOURCE,
} PdAlarmCondition;

#define PD_N_ALARM_CONDITIONS (PD_ALARM_CONDITION_SOURCE + 1)

/* The state shown to people, derived from the events (see
 * pd_alarm_status_get_state()). Stable strings: "normal",
 * "unacknowledged", "acknowledged", "rtn-unacknowledged", "shelved",
 * "suppressed". */
typedef enum
{
  PD_ALARM_STATE_NORMAL,
  PD_ALARM_STATE_UNACKNOWLEDGED,
  PD_ALARM_STATE_ACKNOWLEDGED,
  PD_ALARM_STATE_RTN_UNACKNOWLEDGED,
  PD_ALARM_STATE_SHELVED,
  PD_ALARM_STATE_SUPPRESSED,
} PdAlarmState;

#define PD_N_ALARM_STATES (PD_ALARM_STATE_SUPPRESSED + 1)

/* One row of alarm_events. Strings: "raise", "clear", "latch", "ack",
 * "shelve", "unshelve", "shelve-expired", "suppress", "unsuppress".
 *
 *   RAISE           the condition became true (after the on-delay)
 *   CLEAR           the alarm returned to normal (after the off-delay), or
 *                   a latched alarm was reset by acknowledging it
 *   LATCH           a latching alarm's condition returned to normal while
 *                   unacknowledged: it stays active until acknowledged
 *   ACK             a person acknowledged it (user, comment)
 *   SHELVE          a person shelved it until UNTIL (user, comment)
 *   UNSHELVE        a person took it off the shelf
 *   SHELVE_EXPIRED  the shelving time ran out
 *   SUPPRESS        a supervisor took it out of service (user, comment is
 *                   the reason)
 *   UNSUPPRESS      back in service */
typedef enum
{
  PD_ALARM_EVENT_RAISE,
  PD_ALARM_EVENT_CLEAR,
  PD_ALARM_EVENT_LATCH,
  PD_ALARM_EVENT_ACK,
  PD_ALARM_EVENT_SHELVE,
  PD_ALARM_EVENT_UNSHELVE,
  PD_ALARM_EVENT_SHELVE_EXPIRED,
  PD_ALARM_EVENT_SUPPRESS,
  PD_ALARM_EVENT_UNSUPPRESS,
} PdAlarmEventKind;

#define PD_N_ALARM_EVENT_KINDS (PD_ALARM_EVENT_UNSUPPRESS + 1)

/* Limits on definitions, checked by pd_alarm_def_validate(). */
#define PD_ALARM_MAX_DELAY_MS     (3600 * 1000)   /* one hour */
#define PD_ALARM_MAX_SHELVE_MIN   (7 * 24 * 60)   /* a definition's maximum may not exceed a week */
#define PD_ALARM_DEFAULT_SHELVE_MAX_MIN 480       /* eight hours */
#define PD_ALARM_MAX_MESSAGE      200             /* characters */

/**
 * PdAlarmDef:
 *
 * One alarm's configuration: a row of alarm_defs. Boxed; copy and free
 * with pd_alarm_def_copy() and pd_alarm_def_free().
 */
typedef struct
{
  gint64            id;            /* 0 for one not stored yet */
  char             *uuid;
  PdAlarmCondition  condition;
  gint64            tag_id;        /* limits and DIGITAL; 0 otherwise */
  gint64            device_id;     /* the tag's device, or COMM's device; 0 for SOURCE */
  char             *source;        /* SOURCE: a stable key such as "stock:SKU-1@WH1" */
  /* What people read as the alarm's source: "Device / Tag", the device's
   * name, or SOURCE's own name. Filled in by every read from the current
   * names (or the stored name once the tag is removed). */
  char             *source_name;
  double            limit;         /* HIHI … LOLO, engineering units */
  double            deadband;      /* ≥ 0: how far back past the limit a value must come to clear */
  guint             on_delay_ms;   /* the condition must hold this long before it raises */
  guint             off_delay_ms;  /* and be gone this long before it clears */
  gboolean          digital_when;  /* DIGITAL: alarm when the value is TRUE (1) or FALSE (0) */
  PdAlarmPriority   priority;
  char             *message;       /* NULL or empty: pd_alarm_def_dup_message() makes one */
  gboolean          latching;
  gboolean          enabled;       /* a disabled definition is not evaluated */
  guint             max_shelve_min;
  /* Filled by reads, for formatting values: the tag's unit, or NULL. */
  char             *unit;
  /* SOURCE: what pd_alarm_def_dup_message() makes the message from in the
   * reader's language (pd-alarm-message.h): a key such as "stock.low" and
   * its arguments as a JSON object; NULL for a message stored as text only. */
  char             *message_key;
  char             *message_args;
} PdAlarmDef;

/**
 * PdAlarmStatus:
 *
 * One alarm's current state: a row of alarm_state, the fold of its events
 * (pd_alarm_status_apply()). Plain data with owned strings.
 */
typedef struct
{
  gint64    alarm_id;
  gboolean  active;            /* raised and not cleared (a latched alarm stays active) */
  gboolean  condition_active;  /* the process is in the alarm condition now */
  gboolean  acknowledged;      /* the current (or last) activation was acknowledged */
  gint64    shelved_until;     /* µs since the epoch; 0: not shelved */
  gboolean  suppressed;
  double    value;             /* the value at the last raise, clear or latch; NAN when none */
  gint64    raised_ts;         /* µs of the last RAISE; 0: never raised */
  gint64    changed_ts;        /* µs of the last event */
  gint64    last_event_id;
  char     *ack_user;          /* who acknowledged the current activation */
  char     *comment;           /* the last comment a person gave */
  char     *suppress_reason;
} PdAlarmStatus;

/**
 * PdAlarmEvent:
 *
 * One row of alarm_events. The fields after the first block are filled by
 * history reads from the alarm's definition.
 */
typedef struct
{
  gint64            id;           /* 0 before it is stored */
  char             *uuid;
  gint64            alarm_id;
  gint64            ts;           /* µs since the epoch */
  PdAlarmEventKind  kind;
  double            value;        /* NAN when none */
  char             *user_name;    /* NULL for events the station made itself */
  char             *comment;
  gint64            until;        /* SHELVE: µs since the epoch */

  PdAlarmCondition  condition;
  PdAlarmPriority   priority;
  char             *source_name;
  char             *message;
} PdAlarmEvent;

/**
 * PdAlarm:
 *
 * A definition with its status: what lists show. Boxed.
 */
typedef struct
{
  PdAlarmDef    *def;
  PdAlarmStatus  status;
} PdAlarm;

GType          pd_alarm_def_get_type        (void) G_GNUC_CONST;
PdAlarmDef    *pd_alarm_def_new             (PdAlarmCondition condition);
PdAlarmDef    *pd_alarm_def_copy            (const PdAlarmDef *def);
void           pd_alarm_def_free            (PdAlarmDef       *def);
/* Checks one definition on its own: limit finite, deadband ≥ 0 and finite,
 * delays 0 … PD_ALARM_MAX_DELAY_MS, max_shelve_min 1 … PD_ALARM_MAX_SHELVE_MIN,
 * message length, tag/device/source set as the condition needs. The
 * translated message names the field and the value. */
gboolean       pd_alarm_def_validate        (const PdAlarmDef *def,
                                             GError          **error);
/* Checks the limits of one tag's definitions together (any of HIHI … LOLO,
 * NULL entries skipped): HH > H > L > LL wherever both are present.
 * "HH (50) must be above H (80)." */
gboolean       pd_alarm_defs_check_limits   (PdAlarmDef *const *defs,
                                             guint              n_defs,
                                             GError           **error);
/* The message to show: made from message_key and message_args in the
 * current language when a formatter knows the key (pd-alarm-message.h),
 * else the definition's own, or a translated default such as "High high:
 * above 95 °C" or "Device not answering". */
char          *pd_alarm_def_dup_message     (const PdAlarmDef *def);
/* Would VALUE (good quality) be in the condition? For limits, with the
 * deadband when WAS_ACTIVE: a HI alarm raises at value ≥ limit and clears
 * only below limit − deadband; LO at value ≤ limit and above limit +
 * deadband. DIGITAL: (value != 0) == digital_when. */
gboolean       pd_alarm_def_test_value      (const PdAlarmDef *def,
                                             double            value,
                                             gboolean          was_active);

void           pd_alarm_status_init         (PdAlarmStatus    *status,
                                             gint64            alarm_id);
void           pd_alarm_status_clear        (PdAlarmStatus    *status);
void           pd_alarm_status_copy         (PdAlarmStatus       *dest,
                                             const PdAlarmStatus *src);
/* Would EVENT change STATUS? FALSE for a RAISE of an active alarm, a CLEAR
 * of one that is not active, an ACK of one that is acknowledged or has
 * nothing to acknowledge, an UNSHELVE of one not shelved and so on: such
 * events are never written, which is what makes a repeated raise after a
 * restart, or a second acknowledgement by another user, harmless. */
gboolean       pd_alarm_status_accepts      (const PdAlarmStatus *status,
                                             const PdAlarmEvent  *event);
/* Folds EVENT into STATUS (which must accept it):
 *   RAISE: active, condition_active, not acknowledged, raised_ts, value
 *   CLEAR: not active, not condition_active, value
 *   LATCH: condition_active FALSE, stays active, value
 *   ACK: acknowledged, ack_user, comment (a latched alarm is then cleared
 *        by a CLEAR event the writer adds)
 *   SHELVE: shelved_until; UNSHELVE, SHELVE_EXPIRED: 0
 *   SUPPRESS: suppressed, suppress_reason; UNSUPPRESS: not suppressed
 * and sets changed_ts and last_event_id. */
void           pd_alarm_status_apply        (PdAlarmStatus       *status,
                                             const PdAlarmEvent  *event);
/* The state at NOW (µs): suppressed, then shelved (until > NOW), then
 * active and unacknowledged, active and acknowledged, inactive and
 * unacknowledged since the last raise (RTN_UNACKNOWLEDGED), else NORMAL. */
PdAlarmState   pd_alarm_status_get_state    (const PdAlarmStatus *status,
                                             gint64               now);
/* TRUE when the alarm needs a person: unacknowledged or
 * returned-unacknowledged, and neither shelved nor suppressed. */
gboolean       pd_alarm_status_needs_ack    (const PdAlarmStatus *status,
                                             gint64               now);

PdAlarmEvent  *pd_alarm_event_new           (gint64            alarm_id,
                                             PdAlarmEventKind  kind,
                                             gint64            ts);
PdAlarmEvent  *pd_alarm_event_copy          (const PdAlarmEvent *event);
void           pd_alarm_event_free          (PdAlarmEvent       *event);

GType          pd_alarm_get_type            (void) G_GNUC_CONST;
PdAlarm       *pd_alarm_copy                (const PdAlarm *alarm);
void           pd_alarm_free                (PdAlarm       *alarm);
/* Sorts most important first: needs ack, then priority, then newest raise. */
int            pd_alarm_compare             (const PdAlarm *a,
                                             const PdAlarm *b,
                                             gint64         now);

const char    *pd_alarm_priority_to_string  (PdAlarmPriority  priority);
gboolean       pd_alarm_priority_from_string (const char      *str,
                                             PdAlarmPriority *priority);
const char    *pd_alarm_priority_get_label  (PdAlarmPriority  priority);   /* translated */
const char    *pd_alarm_condition_to_string (PdAlarmCondition condition);
gboolean       pd_alarm_condition_from_string (const char     *str,
                                             PdAlarmCondition *condition);
const char    *pd_alarm_condition_get_label (PdAlarmCondition condition);  /* translated: "High high" … */
gboolean       pd_alarm_condition_is_limit  (PdAlarmCondition condition);
const char    *pd_alarm_state_to_string     (PdAlarmState     state);
const char    *pd_alarm_state_get_label     (PdAlarmState     state);      /* translated */
const char    *pd_alarm_event_kind_to_string (PdAlarmEventKind kind);
gboolean       pd_alarm_event_kind_from_string (const char    *str,
                                             PdAlarmEventKind *kind);
const char    *pd_alarm_event_kind_get_label (PdAlarmEventKind kind);     /* translated */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdAlarmDef, pd_alarm_def_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdAlarmEvent, pd_alarm_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdAlarm, pd_alarm_free)

G_END_DECLS
