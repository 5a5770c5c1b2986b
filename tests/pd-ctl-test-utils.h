/* pd-ctl-test-utils.h — running the built plantdesk-ctl from tests
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "pd-test-utils.h"

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* the exit status; -1 when killed by a signal */
  char *out;
  char *err;
} PdCtlRun;

void        pd_ctl_run_free                      (PdCtlRun           *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdCtlRun, pd_ctl_run_free)

/* Runs $PLANTDESK_CTL [--data-dir DATA_DIR] ARGS… with ENV ("NAME=value"
 * strings) on top of a clean environment, stdin at /dev/null. A status
 * above 2 (the usage error) fails the test as a crash. */
PdCtlRun   *pd_ctl_test_run                      (const char         *data_dir,
                                                  const char * const *env,
                                                  const char * const *args);
/* The same for commands with statuses of their own up to MAX_STATUS. */
PdCtlRun   *pd_ctl_test_run_full                 (const char         *data_dir,
                                                  const char * const *env,
                                                  const char * const *args,
                                                  int                 max_status);

/* Exactly STATUS; otherwise the output goes to the test log first. */
void        pd_ctl_test_assert_status            (PdCtlRun           *run,
                                                  int                 status);
/* Status 0 and nothing on stderr. */
void        pd_ctl_test_assert_ok                (PdCtlRun           *run);
/* Status 1, nothing on stdout, and stderr begins "plantdesk-ctl: ". */
void        pd_ctl_test_assert_failed            (PdCtlRun           *run);
/* Status 2, nothing on stdout, and stderr begins "plantdesk-ctl: " and
 * shows the usage. */
void        pd_ctl_test_assert_usage_error       (PdCtlRun           *run);
void        pd_ctl_test_assert_contains          (const char         *haystack,
                                                  const char         *needle);

/* A copy of TEXT's root; the text must be valid JSON. */
JsonNode   *pd_ctl_test_parse_json               (const char         *text);
/* Runs ARGS with --json, asserts it succeeded and returns its output parsed. */
JsonNode   *pd_ctl_test_run_json                 (const char         *data_dir,
                                                  const char * const *env,
                                                  const char * const *args);
JsonArray  *pd_ctl_test_node_get_array           (JsonNode           *node);
JsonObject *pd_ctl_test_node_get_object          (JsonNode           *node);
/* The first object in ARRAY whose string MEMBER is VALUE, or NULL. */
JsonObject *pd_ctl_test_find_object              (JsonArray          *array,
                                                  const char         *member,
                                                  const char         *value);

/* A fresh data directory holding a copy of the populated station of
 * pd_test_store_new_populated(): the original is made once per test
 * program, since hashing the passwords of four users for every test
 * would make the suites slow. Free with pd_test_data_dir_free(). */
char       *pd_ctl_test_data_dir_new_populated   (void);
/* Removes the original; call it after g_test_run(). */
void        pd_ctl_test_clear_template           (void);

/* Rows of TABLE in the store in DATA_DIR. */
gint64      pd_ctl_test_count_rows               (const char         *data_dir,
                                                  const char         *table);

/* A test's data directory, for suites that need nothing else. */
typedef struct
{
  char *dir;
} PdCtlFixture;

void        pd_ctl_test_fixture_set_up_empty     (PdCtlFixture       *f,
                                                  gconstpointer       data);
void        pd_ctl_test_fixture_set_up_populated (PdCtlFixture       *f,
                                                  gconstpointer       data);
/* Makes the directory writable again first, for tests that took that away. */
void        pd_ctl_test_fixture_tear_down        (PdCtlFixture       *f,
                                                  gconstpointer       data);

/* Credentials of the users pd_test_store_new_populated() creates, as ENV. */
#define PD_CTL_TEST_AS(user) ((const char * const []) { \
    "PLANTDESK_USER=" user, "PLANTDESK_PASSWORD=" PD_TEST_PASSWORD, NULL })

G_END_DECLS
