/* pd-modbus-planner.c — read plans: which requests fetch a device's tags
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-modbus-planner"

#include "config.h"

#include "pd-modbus-planner.h"

typedef struct
{
  const PdTag *tag;
  guint        index;
  guint        poll_ms;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;

  if (ia->poll_ms != ib->poll_ms)
    return ia->poll_ms < ib->poll_ms ? -1 : 1;
  if (ia->tag->area != ib->tag->area)
    return ia->tag->area < ib->tag->area ? -1 : 1;
  if (ia->tag->address != ib->tag->address)
    return ia->tag->address < ib->tag->address ? -1 : 1;
  /* The wider tag first, so that a block starting here covers both. */
  if (ia->tag->type != ib->tag->type)
    return pd_tag_type_get_width (ia->tag->type) > pd_tag_type_get_width (ib->tag->type) ? -1 : 1;
  return ia->index < ib->index ? -1 : (ia->index > ib->index);
}

static guint
tag_width (const PdTag *tag)
{
  /* A bit area holds one bit per address whatever the type says. */
  if (pd_area_is_bits (tag->area))
    return 1;
  return pd_tag_type_get_width (tag->type);
}

guint
pd_read_plan_get_limit (const PdDevice *device,
                        PdArea          area)
{
  guint limit;

  if (pd_area_is_bits (area))
    {
      limit = device->max_block_bits;
      if (limit == 0 || limit > PD_DEVICE_MAX_BLOCK_BITS)
        limit = PD_DEVICE_MAX_BLOCK_BITS;
    }
  else
    {
      limit = device->max_block_registers;
      if (limit == 0 || limit > PD_DEVICE_MAX_BLOCK_REGISTERS)
        limit = PD_DEVICE_MAX_BLOCK_REGISTERS;
    }

  return limit;
}

static void
block_clear (gpointer data)
{
  PdReadBlock *block = data;

  g_clear_pointer (&block->tags, g_array_unref);
}

static GArray *
blocks_new (void)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (PdReadBlock));

  g_array_set_clear_func (blocks, block_clear);
  return blocks;
}

void
pd_read_blocks_free (GArray *blocks)
{
  if (blocks != NULL)
    g_array_unref (blocks);
}

static void
poll_group_free (gpointer data)
{
  PdPollGroup *group = data;

  g_clear_pointer (&group->blocks, g_array_unref);
  g_free (group);
}

static PdReadBlock *
append_block (GArray         *blocks,
              const PdDevice *device,
              const PdTag    *tag,
              guint           index)
{
  PdReadBlock block = { 0, };

  block.unit_id = device->unit_id;
  block.area = tag->area;
  block.start = tag->address;
  block.count = tag_width (tag);
  block.tags = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (block.tags, index);
  g_array_append_val (blocks, block);

  return &g_array_index (blocks, PdReadBlock, blocks->len - 1);
}

static gboolean
set_contains (GHashTable *set,
              guint32     key)
{
  return set != NULL && g_hash_table_contains (set, GUINT_TO_POINTER (key));
}

PdReadPlan *
pd_read_plan_new (const PdDevice *device,
                  GPtrArray      *tags,
                  GHashTable     *bad,
                  GHashTable     *breaks,
                  gboolean        single_group)
{
  PdReadPlan *plan;
  g_autoptr(GArray) items = NULL;
  PdPollGroup *group = NULL;
  PdReadBlock *block = NULL;
  gboolean previous_bad = FALSE;

  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (tags != NULL, NULL);

  plan = g_new0 (PdReadPlan, 1);
  plan->tags = g_ptr_array_new_full (tags->len, (GDestroyNotify) pd_tag_free);
  plan->groups = g_ptr_array_new_with_free_func (poll_group_free);

  items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), tags->len);
  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      SortItem item;

      g_ptr_array_add (plan->tags, pd_tag_copy (tag));
      item.tag = g_ptr_array_index (plan->tags, i);
      item.index = i;
      item.poll_ms = (single_group || tag->poll_ms == 0) ? device->poll_ms : tag->poll_ms;
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);

  for (guint i = 0; i < items->len; i++)
    {
      const SortItem *item = &g_array_index (items, SortItem, i);
      const PdTag *tag = item->tag;
      guint32 key = PD_ADDRESS_KEY (tag->area, tag->address);
      gboolean is_bad = set_contains (bad, key);
      guint width = tag_width (tag);

      if (group == NULL || group->poll_ms != item->poll_ms)
        {
          group = g_new0 (PdPollGroup, 1);
          group->poll_ms = item->poll_ms;
          group->blocks = blocks_new ();
          g_ptr_array_add (plan->groups, group);
          block = NULL;
        }

      if (block != NULL
          && device->coalesce
          && block->area == tag->area
          && !is_bad
          && !previous_bad
          && !set_contains (breaks, key))
        {
          gboolean bits = pd_area_is_bits (tag->area);
          guint max_gap = bits ? 16 * device->max_gap : device->max_gap;
          guint end = block->start + block->count;
          guint new_end = MAX (end, tag->address + width);
          guint gap = tag->address > end ? tag->address - end : 0;

          if (gap <= max_gap
              && new_end - block->start <= pd_read_plan_get_limit (device, tag->area))
            {
              block->count = new_end - block->start;
              g_array_append_val (block->tags, item->index);
              previous_bad = is_bad;
              continue;
            }
        }

      block = append_block (group->blocks, device, tag, item->index);
      previous_bad = is_bad;
    }

  return plan;
}

void
pd_read_plan_free (PdReadPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->tags, g_ptr_array_unref);
  g_clear_pointer (&plan->groups, g_ptr_array_unref);
  g_free (plan);
}

guint
pd_read_plan_count_requests (const PdReadPlan *plan)
{
  guint n = 0;

  for (guint i = 0; i < plan->groups->len; i++)
    {
      const PdPollGroup *group = g_ptr_array_index (plan->groups, i);

      n += group->blocks->len;
    }

  return n;
}

GArray *
pd_read_block_split (const PdReadPlan  *plan,
                     const PdReadBlock *block)
{
  GArray *blocks = blocks_new ();

  for (guint i = 0; i < block->tags->len; i++)
    {
      guint index = g_array_index (block->tags, guint, i);
      const PdTag *tag = g_ptr_array_index (plan->tags, index);
      PdReadBlock single = { 0, };

      single.unit_id = block->unit_id;
      single.area = tag->area;
      single.start = tag->address;
      single.count = tag_width (tag);
      single.tags = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (single.tags, index);
      g_array_append_val (blocks, single);
    }

  return blocks;
}
