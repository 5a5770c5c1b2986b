/* pd-ctl-private.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "pd-core.h"
#include "pd-qty.h"

G_BEGIN_DECLS

/* Exit statuses: scripts rely on these three and nothing else. */
#define PD_CTL_EXIT_OK      0
#define PD_CTL_EXIT_FAILED  1
#define PD_CTL_EXIT_USAGE   2

/* The environment variables plantdesk-ctl reads. */
#define PD_CTL_ENV_USER         "PLANTDESK_USER"
#define PD_CTL_ENV_PASSWORD     "PLANTDESK_PASSWORD"
#define PD_CTL_ENV_NEW_PASSWORD "PLANTDESK_NEW_PASSWORD"

typedef struct _PdCtl        PdCtl;
typedef struct _PdCtlArgs    PdCtlArgs;
typedef struct _PdCtlCommand PdCtlCommand;

typedef int (*PdCtlRunFunc) (PdCtl              *ctl,
                             const PdCtlCommand *command,
                             PdCtlArgs          *args);

typedef struct
{
  const char *name;         /* long name without the dashes, e.g. "role" */
  const char *arg_name;     /* N_() placeholder of its value, NULL for a flag */
  const char *description;  /* N_() */
  gboolean    required;
  gboolean    repeatable;   /* may be given several times; the values are
                             * kept joined by "\n" */
} PdCtlOption;

struct _PdCtlCommand
{
  const char         *group;        /* "user", or NULL for a top-level command */
  const char         *name;         /* "add" */
  const char         *summary;      /* N_(), one line */
  const char         *description;  /* N_(), a paragraph, or NULL */
  const char * const *arguments;    /* N_() placeholders of the positional
                                     * arguments, all required; NULL-terminated
                                     * or NULL for none */
  const PdCtlOption  *options;      /* terminated by an entry with a NULL name,
                                     * or NULL for none */
  PdCtlRunFunc        run;
  const char * const *optional_arguments;  /* N_() placeholders of positional
                                            * arguments after ARGUMENTS that
                                            * may be left out; NULL-terminated
                                            * or NULL for none */
};

/* What one run of the program knows: the global options, the store once
 * opened and the signed-in user once logged in. */
struct _PdCtl
{
  char     *data_dir;
  gboolean  json;

  PdStore  *store;
  PdUser   *actor;
  char     *actor_password;
};

/* --- pd-ctl.c: help and usage errors ------------------------------------ */

/* Every command, in help order, and the groups (pd-ctl-commands.c). */
extern const PdCtlCommand  pd_ctl_commands[];
extern const guint         pd_ctl_n_commands;
extern const char * const  pd_ctl_groups[];

void         pd_ctl_print_command_help (const PdCtlCommand  *command,
                                        FILE                *stream);
/* Prints MESSAGE and the usage of COMMAND (the whole program when NULL)
 * on stderr and returns PD_CTL_EXIT_USAGE. */
int          pd_ctl_usage_error        (const PdCtlCommand  *command,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);

/* --- pd-ctl-args.c: parsed arguments ----------------------------------- */

struct _PdCtlArgs
{
  GPtrArray  *positionals;  /* of char * */
  GHashTable *options;      /* option name → value ("" for a flag) */
};

PdCtlArgs   *pd_ctl_args_new           (void);
void         pd_ctl_args_free          (PdCtlArgs           *args);
const char  *pd_ctl_args_get           (PdCtlArgs           *args,
                                        guint                index);
const char  *pd_ctl_args_get_option    (PdCtlArgs           *args,
                                        const char          *name);
gboolean     pd_ctl_args_has_option    (PdCtlArgs           *args,
                                        const char          *name);
const PdCtlOption *
             pd_ctl_command_find_option (const PdCtlCommand *command,
                                         const char         *name);
guint        pd_ctl_command_n_arguments (const PdCtlCommand *command);

/* Parses ROLE for a command line; prints a usage error and returns FALSE
 * when it names no role. */
gboolean     pd_ctl_parse_role         (const PdCtlCommand  *command,
                                        const char          *str,
                                        PdRole              *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCtlArgs, pd_ctl_args_free)

/* --- pd-ctl-session.c: the store and the acting user ------------------- */

void         pd_ctl_clear              (PdCtl               *ctl);
/* Opens an existing store; only pd_ctl_create_store() (for "init") may
 * create one. */
PdStore     *pd_ctl_open_store         (PdCtl               *ctl,
                                        GError             **error);
PdStore     *pd_ctl_create_store       (PdCtl               *ctl,
                                        GError             **error);
/* Opens the store and signs in with the credentials from the environment
 * or the terminal. The user stays in ctl->actor. */
PdUser      *pd_ctl_login              (PdCtl               *ctl,
                                        GError             **error);
/* Prints ERROR's message on stderr and returns PD_CTL_EXIT_FAILED. */
int          pd_ctl_fail               (const GError        *error);

/* --- pd-ctl-prompt.c: credentials ---------------------------------------- */

/* A string that is wiped before it is freed. */
typedef char PdCtlSecret;

void         pd_ctl_secret_free        (PdCtlSecret         *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCtlSecret, pd_ctl_secret_free)

gboolean     pd_ctl_prompt_is_interactive (void);
/* Reads one line from the terminal, without echo when SECRET. */
char        *pd_ctl_prompt_read_line   (const char          *prompt,
                                        gboolean             secret,
                                        GError             **error);
/* The user name and password of the acting user: $PLANTDESK_USER and
 * $PLANTDESK_PASSWORD, else asked on the terminal, else an error. */
gboolean     pd_ctl_prompt_credentials (char               **user_name,
                                        PdCtlSecret        **password,
                                        GError             **error);
/* A new password for USER_NAME: $ENV_VAR, else asked twice on the
 * terminal, else an error. */
PdCtlSecret *pd_ctl_prompt_new_password (const char         *env_var,
                                         const char         *user_name,
                                         GError            **error);

/* --- pd-ctl-output.c: tables, JSON and times --------------------------- */

typedef struct _PdCtlTable PdCtlTable;

PdCtlTable  *pd_ctl_table_new          (guint                n_columns,
                                        ...);
void         pd_ctl_table_add_row      (PdCtlTable          *table,
                                        ...);
void         pd_ctl_table_print        (PdCtlTable          *table);
void         pd_ctl_table_free         (PdCtlTable          *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCtlTable, pd_ctl_table_free)

/* The number of terminal columns TEXT takes (wide characters count two). */
gsize        pd_ctl_text_width         (const char          *text);
/* Appends TEXT to OUT, padded with spaces to WIDTH columns. */
void         pd_ctl_append_padded      (GString             *out,
                                        const char          *text,
                                        gsize                width);
/* Prints NODE as pretty UTF-8 JSON on stdout. */
void         pd_ctl_print_json         (JsonNode            *node);
/* Prints a line for people on stdout. */
void         pd_ctl_print_line         (const char          *format,
                                        ...) G_GNUC_PRINTF (1, 2);
/* "2026-11-24 12:00:00" in the local time zone, from an ISO 8601 time;
 * TIMESTAMP itself when it cannot be parsed. */
char        *pd_ctl_format_local_time  (const char          *timestamp);
/* Parses an ISO 8601 date-time, or a date alone (local midnight); a time
 * without an offset is local. */
GDateTime   *pd_ctl_parse_time         (const char          *str);
/* Sets a string member, or null when VALUE is NULL. */
void         pd_ctl_json_set_string    (JsonObject          *object,
                                        const char          *member,
                                        const char          *value);

/* --- pd-ctl-stock.c: quantities for the warehouse commands --------------- */

/* Parses TEXT as a quantity (pd_qty_parse()); the error names WHAT, the
 * option or argument, and the text. */
gboolean     pd_ctl_parse_qty          (const char          *what,
                                        const char          *text,
                                        PdQty               *qty,
                                        GError             **error);
/* Sets MEMBER to QTY as an exact decimal in a string, or null when not
 * HAS_QTY. */
void         pd_ctl_json_set_qty       (JsonObject          *object,
                                        const char          *member,
                                        gboolean             has_qty,
                                        PdQty                qty);

/* --- The commands ------------------------------------------------------- */

int pd_ctl_init_run             (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_station_show_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_station_set_name_run (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_user_add_run         (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_user_list_run        (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_user_set_role_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_user_disable_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_user_enable_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_user_passwd_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_audit_list_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_add_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_list_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_show_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_remove_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_set_state_run (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_plan_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_inspect_run   (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_device_inspections_run (PdCtl            *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_tag_import_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_tag_export_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_tag_list_run         (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_history_run          (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_read_run             (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_write_run            (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_diag_run             (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_acquire_run          (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_define_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_remove_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_list_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_ack_run        (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_shelve_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_unshelve_run   (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_suppress_run   (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_unsuppress_run (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_alarm_history_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-items.c */

int pd_ctl_item_add_run         (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_item_import_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_item_list_run        (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_location_add_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_location_list_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-stock.c */

int pd_ctl_stock_receive_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stock_issue_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stock_move_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stock_level_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stock_ledger_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stock_reverse_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stock_check_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stock_reorder_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-stocktake.c */

int pd_ctl_stocktake_start_run  (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stocktake_count_run  (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stocktake_review_run (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stocktake_post_run   (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stocktake_cancel_run (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_stocktake_list_run   (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-orders.c */

int pd_ctl_order_create_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_order_list_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_order_show_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_order_pick_run       (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_order_release_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_order_cancel_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_order_close_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-mes.c */

int pd_ctl_workcenter_add_run   (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_workcenter_list_run  (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_workcenter_show_run  (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);
int pd_ctl_workcenter_update_run (PdCtl              *ctl,
                                  const PdCtlCommand *command,
                                  PdCtlArgs          *args);
int pd_ctl_workcenter_exception_run (PdCtl              *ctl,
                                     const PdCtlCommand *command,
                                     PdCtlArgs          *args);
int pd_ctl_workcenter_calendar_run (PdCtl              *ctl,
                                    const PdCtlCommand *command,
                                    PdCtlArgs          *args);

int pd_ctl_bom_set_run          (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_bom_show_run         (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_routing_set_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_routing_show_run     (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-wo.c */

int pd_ctl_wo_create_run        (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_wo_action_run        (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_wo_pause_run         (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_wo_report_run        (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_wo_list_run          (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_wo_show_run          (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

int pd_ctl_wo_shortage_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-schedule.c */

int pd_ctl_schedule_run         (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);
int pd_ctl_schedule_move_run    (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);
int pd_ctl_schedule_unlock_run  (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-traveler.c */

int pd_ctl_wo_traveler_run      (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-labels.c */

int pd_ctl_label_pdf_run        (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

/* pd-ctl-kpi.c */

int pd_ctl_oee_run              (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);
int pd_ctl_kpi_run              (PdCtl              *ctl,
                                 const PdCtlCommand *command,
                                 PdCtlArgs          *args);

G_END_DECLS
