/* pd-test-utils.h
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-core.h"

G_BEGIN_DECLS

/* A fresh temporary data directory; removed by pd_test_data_dir_free(). */
char    *pd_test_data_dir_new          (void);
void     pd_test_data_dir_free         (char       *dir);
/* Removes DIR and everything below it. */
void     pd_test_rm_rf                 (const char *dir);
/* Opens a store in DIR, set up with station "Test station" and one user of
 * each role: admin, supervisor, operator, warehouse, all with password
 * PD_TEST_PASSWORD. */
PdStore *pd_test_store_new_populated   (const char *dir);
PdUser  *pd_test_login                 (PdStore    *store,
                                        const char *name);
/* A fresh temporary data directory holding a copy of a populated store
 * (see pd_test_store_new_populated()). The store is populated once per test
 * program and copied: hashing four passwords for every test would make a
 * suite slow. Free the directory with pd_test_data_dir_free() and, at the
 * end of main(), the original with pd_test_populated_template_free(). */
char    *pd_test_data_dir_new_populated  (void);
void     pd_test_populated_template_free (void);
/* Counts rows of TABLE (a fixed table name from the test itself). */
gint64   pd_test_count_rows            (PdStore    *store,
                                        const char *table);
/* Spins the default main context until *FLAG is TRUE or SECONDS pass. */
gboolean pd_test_wait_for             (gboolean   *flag,
                                        double      seconds);

/* A Modbus TCP device on loopback, unit 1, enabled and in service. */
PdDevice *pd_test_tcp_device_new       (gint64      id,
                                        const char *name,
                                        guint       port,
                                        guint       timeout_ms,
                                        guint       poll_ms);
/* A tag; writable when its area is. */
PdTag    *pd_test_tag_new              (gint64      id,
                                        gint64      device_id,
                                        const char *name,
                                        PdArea      area,
                                        guint       address,
                                        PdTagType   type,
                                        PdOrder     byte_order,
                                        PdOrder     word_order);
/* Adds a Modbus TCP device NAME at 127.0.0.1:1502 to STORE as USER and
 * returns its id. */
gint64    pd_test_store_add_device     (PdStore    *store,
                                        PdUser     *user,
                                        const char *name);
/* Adds a tag of DEVICE_ID to STORE as USER and returns its id; UNIT may be
 * NULL. */
gint64    pd_test_store_add_tag        (PdStore    *store,
                                        PdUser     *user,
                                        gint64      device_id,
                                        const char *name,
                                        PdArea      area,
                                        guint       address,
                                        PdTagType   type,
                                        const char *unit);

#define PD_TEST_PASSWORD "correct-horse-1"

G_END_DECLS
