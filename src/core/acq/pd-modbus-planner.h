/* pd-modbus-planner.h — read plans: which requests fetch a device's tags
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "pd-device.h"

G_BEGIN_DECLS

/* The key of one address of one area, as kept in bad-address sets and in
 * PdDeviceStatus.bad_addresses. */
#define PD_ADDRESS_KEY(area, address) ((((guint32) (area)) << 16) | ((guint32) (address) & 0xffff))
#define PD_ADDRESS_KEY_AREA(key)      ((PdArea) ((key) >> 16))
#define PD_ADDRESS_KEY_ADDRESS(key)   ((guint) ((key) & 0xffff))

/**
 * PdReadBlock:
 *
 * One read request: COUNT registers (or bits) of AREA from START, and the
 * tags (indices into PdReadPlan.tags) it carries.
 */
typedef struct
{
  guint   unit_id;
  PdArea  area;
  guint   start;
  guint   count;
  GArray *tags;      /* guint indices into PdReadPlan.tags */
} PdReadBlock;

/**
 * PdPollGroup:
 *
 * The blocks read together every POLL_MS.
 */
typedef struct
{
  guint   poll_ms;
  GArray *blocks;    /* PdReadBlock */
} PdPollGroup;

/**
 * PdReadPlan:
 *
 * A device's read plan, built once per change of its tag set (or of its
 * known bad addresses). TAGS are the plan's own copies.
 */
typedef struct
{
  GPtrArray *tags;    /* PdTag */
  GPtrArray *groups;  /* PdPollGroup, ordered by poll_ms */
} PdReadPlan;

/* Builds the plan of DEVICE's TAGS (PdTag). BAD: a set of
 * PD_ADDRESS_KEY()s of tags known to answer with an exception, each read
 * alone and never merged with a neighbour; BREAKS: keys of tag starts
 * that must begin a new block (a failed block whose tags all answered
 * alone: a hole between them is refused). Both may be NULL. With
 * SINGLE_GROUP every tag is read in one group at the device's poll
 * interval (one acquisition of everything). */
PdReadPlan *pd_read_plan_new          (const PdDevice *device,
                                       GPtrArray      *tags,
                                       GHashTable     *bad,
                                       GHashTable     *breaks,
                                       gboolean        single_group);
void        pd_read_plan_free         (PdReadPlan     *plan);
/* The number of requests one cycle of every group costs. */
guint       pd_read_plan_count_requests (const PdReadPlan *plan);
/* The blocks that read each tag of BLOCK alone: the fallback after BLOCK
 * answered with an exception. A GArray of PdReadBlock, freed with
 * pd_read_blocks_free(). */
GArray     *pd_read_block_split       (const PdReadPlan  *plan,
                                       const PdReadBlock *block);
void        pd_read_blocks_free       (GArray         *blocks);
/* The largest block AREA allows on DEVICE, in registers or bits. */
guint       pd_read_plan_get_limit    (const PdDevice *device,
                                       PdArea          area);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdReadPlan, pd_read_plan_free)

G_END_DECLS
