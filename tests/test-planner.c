/* test-planner.c — read plans: gaps, limits, fallback, bad addresses
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-planner"

#include "config.h"

#include "pd-modbus-planner.h"
#include "pd-test-utils.h"

static PdTag *
make_tag (PdArea    area,
          guint     address,
          PdTagType type)
{
  PdTag *tag = pd_tag_new ();

  g_free (tag->name);
  tag->name = g_strdup_printf ("%s-%u", pd_area_to_string (area), address);
  tag->area = area;
  tag->address = address;
  tag->type = type;
  return tag;
}

static GPtrArray *
tags_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
}

static const PdReadBlock *
block_at (const PdReadPlan *plan,
          guint             group,
          guint             index)
{
  const PdPollGroup *g = g_ptr_array_index (plan->groups, group);

  g_assert_cmpuint (index, <, g->blocks->len);
  return &g_array_index (g->blocks, PdReadBlock, index);
}

static guint
n_blocks (const PdReadPlan *plan,
          guint             group)
{
  const PdPollGroup *g = g_ptr_array_index (plan->groups, group);

  return g->blocks->len;
}

/* Every tag is read by exactly one block of the plan, inside it. */
static void
assert_covers_every_tag (const PdReadPlan *plan,
                         const PdDevice   *device)
{
  g_autofree guint *seen = g_new0 (guint, plan->tags->len);

  for (guint g = 0; g < plan->groups->len; g++)
    for (guint b = 0; b < n_blocks (plan, g); b++)
      {
        const PdReadBlock *block = block_at (plan, g, b);

        g_assert_cmpuint (block->count, <=, pd_read_plan_get_limit (device, block->area));
        for (guint i = 0; i < block->tags->len; i++)
          {
            guint index = g_array_index (block->tags, guint, i);
            const PdTag *tag = g_ptr_array_index (plan->tags, index);
            guint width = pd_area_is_bits (tag->area) ? 1 : pd_tag_type_get_width (tag->type);

            g_assert_cmpint (tag->area, ==, block->area);
            g_assert_cmpuint (tag->address, >=, block->start);
            g_assert_cmpuint (tag->address + width, <=, block->start + block->count);
            seen[index]++;
          }
      }

  for (guint i = 0; i < plan->tags->len; i++)
    g_assert_cmpuint (seen[i], ==, 1);
}

static void
test_planner_gaps (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;

  device->max_gap = 4;
  /* 0, 1 and 6 (gap 4 after 1) merge; 20 is 13 past 7 and starts anew. */
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 6, PD_TAG_TYPE_INT16));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 0, PD_TAG_TYPE_UINT16));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 1, PD_TAG_TYPE_INT16));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 20, PD_TAG_TYPE_INT16));
  /* Another area never shares a block, even at the same address. */
  g_ptr_array_add (tags, make_tag (PD_AREA_INPUT, 2, PD_TAG_TYPE_INT16));

  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (plan->groups->len, ==, 1);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 3);
  g_assert_cmpuint (pd_read_plan_count_requests (plan), ==, 3);

  g_assert_cmpint (block_at (plan, 0, 0)->area, ==, PD_AREA_INPUT);
  g_assert_cmpuint (block_at (plan, 0, 0)->start, ==, 2);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 1);
  g_assert_cmpint (block_at (plan, 0, 1)->area, ==, PD_AREA_HOLDING);
  g_assert_cmpuint (block_at (plan, 0, 1)->start, ==, 0);
  g_assert_cmpuint (block_at (plan, 0, 1)->count, ==, 7);
  g_assert_cmpuint (block_at (plan, 0, 1)->tags->len, ==, 3);
  g_assert_cmpuint (block_at (plan, 0, 2)->start, ==, 20);
  g_assert_cmpuint (block_at (plan, 0, 2)->count, ==, 1);
  assert_covers_every_tag (plan, device);

  /* One more register of gap and 6 no longer joins. */
  g_clear_pointer (&plan, pd_read_plan_free);
  device->max_gap = 3;
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (pd_read_plan_count_requests (plan), ==, 4);
  assert_covers_every_tag (plan, device);
}

static void
test_planner_limits (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;

  /* 200 contiguous registers: 125 + 75 at the protocol limit. */
  for (guint a = 0; a < 200; a++)
    g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, a, PD_TAG_TYPE_UINT16));
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 2);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 125);
  g_assert_cmpuint (block_at (plan, 0, 1)->start, ==, 125);
  g_assert_cmpuint (block_at (plan, 0, 1)->count, ==, 75);
  assert_covers_every_tag (plan, device);

  /* A device that accepts less gets smaller blocks. */
  g_clear_pointer (&plan, pd_read_plan_free);
  device->max_block_registers = 50;
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 4);
  assert_covers_every_tag (plan, device);

  /* A limit above the protocol's is held to the protocol's. */
  g_clear_pointer (&plan, pd_read_plan_free);
  device->max_block_registers = 1000;
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 2);
}

static void
test_planner_wide_tags_cross_limit (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;

  device->max_block_registers = 10;
  /* float64 at 0..3, 4..7; a float32 at 8..9 fits exactly (10); the int32
   * at 10..11 would make 12 and must not be cut in two. */
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 0, PD_TAG_TYPE_FLOAT64));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 4, PD_TAG_TYPE_FLOAT64));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 8, PD_TAG_TYPE_FLOAT32));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 10, PD_TAG_TYPE_INT32));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 12, PD_TAG_TYPE_UINT32));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 17, PD_TAG_TYPE_FLOAT64));

  /* 10 … 20 would be 11 registers: the float64 at 17 takes 17 … 20 and
   * would exceed 10, so it goes alone. */
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (block_at (plan, 0, 0)->start, ==, 0);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 10);
  g_assert_cmpuint (block_at (plan, 0, 1)->start, ==, 10);
  g_assert_cmpuint (pd_read_plan_count_requests (plan), ==, 3);
  g_assert_cmpuint (block_at (plan, 0, 1)->count, ==, 4);
  g_assert_cmpuint (block_at (plan, 0, 2)->start, ==, 17);
  g_assert_cmpuint (block_at (plan, 0, 2)->count, ==, 4);
  assert_covers_every_tag (plan, device);
}

static void
test_planner_bits (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;

  device->max_gap = 2;
  /* Bits bridge 16 × max gap = 32 addresses: 0 and 33 merge, 70 does not. */
  g_ptr_array_add (tags, make_tag (PD_AREA_COIL, 0, PD_TAG_TYPE_BOOL));
  g_ptr_array_add (tags, make_tag (PD_AREA_COIL, 33, PD_TAG_TYPE_BOOL));
  g_ptr_array_add (tags, make_tag (PD_AREA_COIL, 70, PD_TAG_TYPE_BOOL));
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 2);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 34);
  g_assert_cmpuint (block_at (plan, 0, 1)->start, ==, 70);
  g_clear_pointer (&plan, pd_read_plan_free);

  /* 2500 discrete inputs in a row: 2000 + 500. */
  g_ptr_array_set_size (tags, 0);
  for (guint a = 0; a < 2500; a++)
    g_ptr_array_add (tags, make_tag (PD_AREA_DISCRETE, a, PD_TAG_TYPE_BOOL));
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 2);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 2000);
  g_assert_cmpuint (block_at (plan, 0, 1)->count, ==, 500);
  assert_covers_every_tag (plan, device);
}

static void
test_planner_overlapping (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;

  /* The same registers seen as float32, as two uint16 and as int32. */
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 10, PD_TAG_TYPE_UINT16));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 10, PD_TAG_TYPE_FLOAT32));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 11, PD_TAG_TYPE_UINT16));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 9, PD_TAG_TYPE_INT32));
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 1);
  g_assert_cmpuint (block_at (plan, 0, 0)->start, ==, 9);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 3);
  assert_covers_every_tag (plan, device);
}

static void
test_planner_no_coalesce (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;

  device->coalesce = FALSE;
  for (guint a = 0; a < 10; a++)
    g_ptr_array_add (tags, make_tag (PD_AREA_INPUT, a * 2, PD_TAG_TYPE_INT32));
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (pd_read_plan_count_requests (plan), ==, 10);
  for (guint b = 0; b < 10; b++)
    {
      g_assert_cmpuint (block_at (plan, 0, b)->start, ==, b * 2);
      g_assert_cmpuint (block_at (plan, 0, b)->count, ==, 2);
    }
}

static void
test_planner_poll_groups (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;
  g_autoptr(PdReadPlan) once = NULL;
  PdTag *fast;
  PdTag *slow;

  device->poll_ms = 1000;
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 0, PD_TAG_TYPE_INT16));
  fast = make_tag (PD_AREA_HOLDING, 1, PD_TAG_TYPE_INT16);
  fast->poll_ms = 100;
  g_ptr_array_add (tags, fast);
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 2, PD_TAG_TYPE_INT16));
  slow = make_tag (PD_AREA_HOLDING, 3, PD_TAG_TYPE_INT16);
  slow->poll_ms = 5000;
  g_ptr_array_add (tags, slow);

  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (plan->groups->len, ==, 3);
  g_assert_cmpuint (((PdPollGroup *) g_ptr_array_index (plan->groups, 0))->poll_ms, ==, 100);
  g_assert_cmpuint (((PdPollGroup *) g_ptr_array_index (plan->groups, 1))->poll_ms, ==, 1000);
  g_assert_cmpuint (((PdPollGroup *) g_ptr_array_index (plan->groups, 2))->poll_ms, ==, 5000);
  g_assert_cmpuint (block_at (plan, 1, 0)->count, ==, 3);
  g_assert_cmpuint (block_at (plan, 1, 0)->tags->len, ==, 2);
  assert_covers_every_tag (plan, device);

  /* One acquisition of everything reads them in one block. */
  once = pd_read_plan_new (device, tags, NULL, NULL, TRUE);
  g_assert_cmpuint (once->groups->len, ==, 1);
  g_assert_cmpuint (pd_read_plan_count_requests (once), ==, 1);
}

static void
test_planner_fallback (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;
  g_autoptr(GArray) split = NULL;
  const PdReadBlock *block;

  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 0, PD_TAG_TYPE_FLOAT32));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 4, PD_TAG_TYPE_INT16));
  g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, 5, PD_TAG_TYPE_FLOAT64));
  plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 1);
  block = block_at (plan, 0, 0);

  split = pd_read_block_split (plan, block);
  g_assert_cmpuint (split->len, ==, 3);
  for (guint i = 0; i < split->len; i++)
    {
      const PdReadBlock *single = &g_array_index (split, PdReadBlock, i);
      const PdTag *tag = g_ptr_array_index (plan->tags, g_array_index (single->tags, guint, 0));

      g_assert_cmpuint (single->tags->len, ==, 1);
      g_assert_cmpuint (single->start, ==, tag->address);
      g_assert_cmpuint (single->count, ==, pd_tag_type_get_width (tag->type));
    }
}

static void
test_planner_bad_addresses (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GPtrArray) tags = tags_new ();
  g_autoptr(PdReadPlan) plan = NULL;
  g_autoptr(GHashTable) bad = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) breaks = g_hash_table_new (NULL, NULL);

  for (guint a = 0; a < 20; a++)
    g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, a, PD_TAG_TYPE_UINT16));

  /* Address 7 answered with an exception: 0…6, 7 alone, 8…19. */
  g_hash_table_add (bad, GUINT_TO_POINTER (PD_ADDRESS_KEY (PD_AREA_HOLDING, 7)));
  /* The same address of another area changes nothing here. */
  g_hash_table_add (bad, GUINT_TO_POINTER (PD_ADDRESS_KEY (PD_AREA_INPUT, 12)));
  plan = pd_read_plan_new (device, tags, bad, NULL, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 3);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 7);
  g_assert_cmpuint (block_at (plan, 0, 1)->start, ==, 7);
  g_assert_cmpuint (block_at (plan, 0, 1)->count, ==, 1);
  g_assert_cmpuint (block_at (plan, 0, 2)->start, ==, 8);
  g_assert_cmpuint (block_at (plan, 0, 2)->count, ==, 12);
  assert_covers_every_tag (plan, device);
  g_clear_pointer (&plan, pd_read_plan_free);

  /* A range of bad addresses costs one request each. */
  for (guint a = 10; a < 13; a++)
    g_hash_table_add (bad, GUINT_TO_POINTER (PD_ADDRESS_KEY (PD_AREA_HOLDING, a)));
  plan = pd_read_plan_new (device, tags, bad, NULL, FALSE);
  g_assert_cmpuint (pd_read_plan_count_requests (plan), ==, 1 + 1 + 1 + 3 + 1);
  assert_covers_every_tag (plan, device);
  g_clear_pointer (&plan, pd_read_plan_free);

  /* A break (a refused hole before address 15) splits without isolating. */
  g_hash_table_remove_all (bad);
  g_hash_table_add (breaks, GUINT_TO_POINTER (PD_ADDRESS_KEY (PD_AREA_HOLDING, 15)));
  plan = pd_read_plan_new (device, tags, bad, breaks, FALSE);
  g_assert_cmpuint (n_blocks (plan, 0), ==, 2);
  g_assert_cmpuint (block_at (plan, 0, 0)->count, ==, 15);
  g_assert_cmpuint (block_at (plan, 0, 1)->count, ==, 5);
}

/* The fewest blocks that cover tags sorted by address, by dynamic
 * programming over every split: the planner must reach it. */
static guint
optimum_requests (GPtrArray      *sorted,
                  const PdDevice *device)
{
  g_autofree guint *best = g_new0 (guint, sorted->len + 1);

  best[0] = 0;
  for (guint i = 1; i <= sorted->len; i++)
    {
      best[i] = G_MAXUINT;
      for (guint j = i; j-- > 0;)
        {
          const PdTag *first = g_ptr_array_index (sorted, j);
          guint end = 0;
          gboolean ok = TRUE;

          for (guint k = j; k < i && ok; k++)
            {
              const PdTag *t = g_ptr_array_index (sorted, k);
              guint t_end = t->address + pd_tag_type_get_width (t->type);

              if (k > j && t->address > end && t->address - end > device->max_gap)
                ok = FALSE;
              end = MAX (end, t_end);
            }
          if (ok && end - first->address <= pd_read_plan_get_limit (device, PD_AREA_HOLDING)
              && best[j] != G_MAXUINT)
            best[i] = MIN (best[i], best[j] + 1);
        }
    }

  return best[sorted->len];
}

static int
compare_address (gconstpointer a,
                 gconstpointer b)
{
  const PdTag *ta = *(const PdTag **) a;
  const PdTag *tb = *(const PdTag **) b;

  return (int) ta->address - (int) tb->address;
}

static void
test_planner_scattered_optimum (void)
{
  g_autoptr(PdDevice) device = pd_device_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint total_tags = 0;
  guint total_requests = 0;

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GPtrArray) tags = tags_new ();
      g_autoptr(PdReadPlan) plan = NULL;
      guint address = 0;
      guint optimum;

      device->max_gap = g_rand_int_range (rand, 0, 20);
      device->max_block_registers = g_rand_int_range (rand, 8, 126);
      for (guint i = 0; i < 60; i++)
        {
          PdTagType types[] = { PD_TAG_TYPE_UINT16, PD_TAG_TYPE_INT32, PD_TAG_TYPE_FLOAT32, PD_TAG_TYPE_FLOAT64 };
          PdTagType type = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];

          address += g_rand_int_range (rand, 0, 30);
          g_ptr_array_add (tags, make_tag (PD_AREA_HOLDING, address, type));
          address += pd_tag_type_get_width (type);
        }

      plan = pd_read_plan_new (device, tags, NULL, NULL, FALSE);
      assert_covers_every_tag (plan, device);
      g_ptr_array_sort (tags, compare_address);
      optimum = optimum_requests (tags, device);
      g_assert_cmpuint (pd_read_plan_count_requests (plan), ==, optimum);
      total_tags += tags->len;
      total_requests += optimum;
    }

  /* Coalescing pays: fewer requests than one per tag. */
  g_test_message ("%u requests for %u tags", total_requests, total_tags);
  g_assert_cmpuint (total_requests, <, total_tags);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/acq/planner/gaps", test_planner_gaps);
  g_test_add_func ("/core/acq/planner/limits", test_planner_limits);
  g_test_add_func ("/core/acq/planner/wide-tags-cross-limit", test_planner_wide_tags_cross_limit);
  g_test_add_func ("/core/acq/planner/bits", test_planner_bits);
  g_test_add_func ("/core/acq/planner/overlapping", test_planner_overlapping);
  g_test_add_func ("/core/acq/planner/no-coalesce", test_planner_no_coalesce);
  g_test_add_func ("/core/acq/planner/poll-groups", test_planner_poll_groups);
  g_test_add_func ("/core/acq/planner/fallback", test_planner_fallback);
  g_test_add_func ("/core/acq/planner/bad-addresses", test_planner_bad_addresses);
  g_test_add_func ("/core/acq/planner/scattered-optimum", test_planner_scattered_optimum);

  return g_test_run ();
}
