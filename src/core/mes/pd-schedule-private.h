/* pd-schedule-private.h — shared by the scheduler's files
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "pd-schedule.h"

G_BEGIN_DECLS

struct _PdSchedule
{
  GArray *work_centers;   /* PdSchedWorkCenter */
  GArray *orders;         /* PdSchedOrder */
  GArray *ops;            /* PdSchedOp */
};

/* The predecessor's constraint on OP: it may start at *READY (NOW when it
 * has none or the predecessor is not placed; never before NOW) and must
 * end at *MIN_END or later (0: no such bound). FALSE when a calendar has
 * no room before LIMIT. */
gboolean      _pd_schedule_precedence   (PdSchedule      *self,
                                         guint            op,
                                         gint64           now,
                                         gint64           limit,
                                         gint64          *ready,
                                         gint64          *min_end);
/* A calendar instant formatted for messages: local date and time. */
char         *_pd_schedule_format_time  (gint64           t);

G_END_DECLS
