/* pd-ctl-mes.c — plantdesk-ctl workcenter, bom and routing: MES master data
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-ctl-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "pd-ctl-private.h"

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  pd_ctl_print_json (node);
}

/* The values of a repeatable option, or an empty array. */
static GStrv
get_list_option (PdCtlArgs  *args,
                 const char *name)
{
  const char *value = pd_ctl_args_get_option (args, name);

  if (value == NULL)
    return g_new0 (char *, 1);

  return g_strsplit (value, "\n", -1);
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "—";
}

/* --- workcenter add ----------------------------------------------------------- */

int
pd_ctl_workcenter_add_run (PdCtl              *ctl,
                           const PdCtlCommand *command,
                           PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = pd_work_center_new ();
  g_auto(GStrv) shifts = get_list_option (args, "shift");
  const char *capacity = pd_ctl_args_get_option (args, "capacity");

  wc->code = g_strdup (pd_ctl_args_get (args, 0));
  wc->name = g_strdup (pd_ctl_args_get_option (args, "name"));
  wc->line = g_strdup (pd_ctl_args_get_option (args, "line"));
  wc->good_tag = g_strdup (pd_ctl_args_get_option (args, "good-tag"));
  wc->scrap_tag = g_strdup (pd_ctl_args_get_option (args, "scrap-tag"));
  wc->running_tag = g_strdup (pd_ctl_args_get_option (args, "running-tag"));
  wc->from_location = g_strdup (pd_ctl_args_get_option (args, "from-location"));
  wc->to_location = g_strdup (pd_ctl_args_get_option (args, "to-location"));

  if (capacity != NULL)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (capacity, 10, 0, G_MAXUINT, &value, NULL))
        {
          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                       _("--capacity is a whole number of operations at once, not “%s”."), capacity);
          return pd_ctl_fail (error);
        }
      wc->capacity = (guint) value;
    }

  for (guint i = 0; shifts[i] != NULL; i++)
    {
      PdShift shift = { 0, };
      g_autoptr(GError) local = NULL;

      if (!pd_shift_parse (shifts[i], &shift, &local))
        {
          /* TRANSLATORS: --shift, then why its value is refused */
          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID, _("%s: %s"), "--shift", local->message);
          return pd_ctl_fail (error);
        }
      pd_work_center_add_shift (wc, &shift);
      pd_shift_clear (&shift);
    }

  if (!pd_work_center_validate (wc, &error) ||
      pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_add_work_center (ctl->store, ctl->actor, wc, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_work_center_to_json (wc));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: the work center's code, then its name */
  pd_ctl_print_line (_("Added work center %s (%s)."), wc->code, wc->name);
  return PD_CTL_EXIT_OK;
}

/* --- workcenter list / show --------------------------------------------------- */

static char *
shifts_text (const PdWorkCenter *wc)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < wc->shifts->len; i++)
    {
      g_autofree char *text = pd_shift_to_string (&g_array_index (wc->shifts, PdShift, i));

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, text);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
pd_ctl_workcenter_list_run (PdCtl              *ctl,
                            const PdCtlCommand *command,
                            PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (list = pd_store_list_work_centers (ctl->store, &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (list->len);

      for (guint i = 0; i < list->len; i++)
        json_array_add_object_element (array, pd_work_center_to_json (g_ptr_array_index (list, i)));
      json_node_take_array (node, array);
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (list->len == 0)
    {
      pd_ctl_print_line ("%s", _("No work centers are defined."));
      return PD_CTL_EXIT_OK;
    }

  table = pd_ctl_table_new (5, _("CODE"), _("NAME"), C_("production line", "LINE"), _("CAPACITY"), _("SHIFTS"));
  for (guint i = 0; i < list->len; i++)
    {
      const PdWorkCenter *wc = g_ptr_array_index (list, i);
      g_autofree char *capacity = g_strdup_printf ("%u", wc->capacity);
      g_autofree char *shifts = shifts_text (wc);

      pd_ctl_table_add_row (table, wc->code, wc->name, or_dash (wc->line), capacity,
                            *shifts != '\0' ? shifts : "—");
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}

int
pd_ctl_workcenter_show_run (PdCtl              *ctl,
                            const PdCtlCommand *command,
                            PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdWorkCenter) wc = NULL;
  g_autofree char *shifts = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (wc = pd_store_find_work_center (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL)
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_work_center_to_json (wc));
      return PD_CTL_EXIT_OK;
    }

  shifts = shifts_text (wc);
  pd_ctl_print_line (_("Work center:     %s"), wc->code);
  pd_ctl_print_line (_("Name:            %s"), wc->name);
  pd_ctl_print_line (_("Line:            %s"), or_dash (wc->line));
  pd_ctl_print_line (_("Capacity:        %u"), wc->capacity);
  pd_ctl_print_line (_("Shifts:          %s"), *shifts != '\0' ? shifts : "—");
  pd_ctl_print_line (_("Good count tag:  %s"), or_dash (wc->good_tag));
  pd_ctl_print_line (_("Scrap count tag: %s"), or_dash (wc->scrap_tag));
  pd_ctl_print_line (_("Running tag:     %s"), or_dash (wc->running_tag));
  pd_ctl_print_line (_("Material from:   %s"), or_dash (wc->from_location));
  pd_ctl_print_line (_("Goods to:        %s"), or_dash (wc->to_location));

  return PD_CTL_EXIT_OK;
}

/* --- bom set / show ------------------------------------------------------------ */

static void
print_bom (const PdBom *bom)
{
  g_autoptr(PdCtlTable) table = NULL;

  /* TRANSLATORS: a product's SKU, then the version number of its bill of materials */
  pd_ctl_print_line (_("Bill of materials of %s, version %u:"), bom->product_sku, bom->version);
  table = pd_ctl_table_new (5, _("COMPONENT"), _("QTY"), _("UNIT"), _("SCRAP %"), _("ISSUED"));
  for (guint i = 0; i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);
      g_autofree char *qty = pd_qty_format (line->qty);
      g_autofree char *scrap = pd_qty_format (line->scrap_pct);

      pd_ctl_table_add_row (table, line->component_sku, qty, or_dash (line->unit), scrap,
                            /* TRANSLATORS: when a component is issued: on each report, or at operation start */
                            line->backflush ? _("backflushed") : _("at start"));
    }
  pd_ctl_table_print (table);
}

int
pd_ctl_bom_set_run (PdCtl              *ctl,
                    const PdCtlCommand *command,
                    PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdBom) bom = pd_bom_new ();
  g_autoptr(PdBom) stored = NULL;
  g_auto(GStrv) components = get_list_option (args, "component");
  g_auto(GStrv) picked = get_list_option (args, "pick-at-start");

  bom->product_sku = g_strdup (pd_ctl_args_get (args, 0));
  for (guint i = 0; components[i] != NULL; i++)
    {
      PdBomLine *line = pd_bom_line_parse (components[i], &error);

      if (line == NULL)
        return pd_ctl_fail (error);
      line->backflush = !g_strv_contains ((const char * const *) picked, line->component_sku);
      g_ptr_array_add (bom->lines, line);
    }
  for (guint i = 0; picked[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < bom->lines->len && !found; j++)
        found = g_str_equal (((PdBomLine *) g_ptr_array_index (bom->lines, j))->component_sku, picked[i]);
      if (!found)
        {
          g_set_error (&error, PD_ERROR, PD_ERROR_INVALID,
                       _("--pick-at-start “%s” is not one of the components."), picked[i]);
          return pd_ctl_fail (error);
        }
    }

  if (!pd_bom_validate (bom, &error) ||
      pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_set_bom (ctl->store, ctl->actor, bom, &error) ||
      !pd_store_get_bom (ctl->store, bom->product_id, bom->version, &stored, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      print_object (pd_bom_to_json (stored));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: a product's SKU, the version, then the number of components */
  pd_ctl_print_line (g_dngettext (GETTEXT_PACKAGE,
                                  "Set the bill of materials of %s: version %u, %u component.",
                                  "Set the bill of materials of %s: version %u, %u components.",
                                  bom->lines->len),
                     bom->product_sku, bom->version, bom->lines->len);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_bom_show_run (PdCtl              *ctl,
                     const PdCtlCommand *command,
                     PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) product = NULL;
  g_autoptr(PdBom) bom = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (product = pd_store_find_item (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL ||
      !pd_store_get_bom (ctl->store, product->id, 0, &bom, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_NULL);

      if (bom != NULL)
        {
          json_node_init_object (node, NULL);
          json_node_take_object (node, pd_bom_to_json (bom));
        }
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (bom == NULL)
    pd_ctl_print_line (_("Bill of materials of %s: none."), product->sku);
  else
    print_bom (bom);

  return PD_CTL_EXIT_OK;
}

/* --- routing set / show -------------------------------------------------------- */

/* The operation of ROUTING with sequence TEXT, or NULL and an error naming
 * OPTION and VALUE. */
static PdRoutingOp *
find_op (PdRouting   *routing,
         const char  *text,
         const char  *option,
         const char  *value,
         GError     **error)
{
  guint64 seq = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, PD_ROUTING_SEQ_MAX, &seq, NULL))
    for (guint i = 0; i < routing->ops->len; i++)
      {
        PdRoutingOp *op = g_ptr_array_index (routing->ops, i);

        if (op->seq == seq)
          return op;
      }

  /* TRANSLATORS: an option such as --overlap, its value, then a sequence number */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("%s “%s”: there is no operation with the sequence “%s”."), option, value, text);
  return NULL;
}

/* --instructions SEQ:TEXT and --overlap SEQ. */
static gboolean
apply_op_options (PdRouting  *routing,
                  PdCtlArgs  *args,
                  GError    **error)
{
  g_auto(GStrv) instructions = get_list_option (args, "instructions");
  g_auto(GStrv) overlaps = get_list_option (args, "overlap");

  for (guint i = 0; instructions[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (instructions[i], ":", 2);
      PdRoutingOp *op;

      if (g_strv_length (parts) != 2)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("--instructions “%s” is not of the form SEQ:TEXT."), instructions[i]);
          return FALSE;
        }
      if ((op = find_op (routing, parts[0], "--instructions", instructions[i], error)) == NULL)
        return FALSE;
      g_free (op->instructions);
      op->instructions = g_strdup (parts[1]);
    }

  for (guint i = 0; overlaps[i] != NULL; i++)
    {
      PdRoutingOp *op = find_op (routing, overlaps[i], "--overlap", overlaps[i], error);

      if (op == NULL)
        return FALSE;
      op->overlap = TRUE;
    }

  return TRUE;
}

int
pd_ctl_routing_set_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdRouting) routing = pd_routing_new ();
  g_auto(GStrv) ops = get_list_option (args, "op");

  routing->product_sku = g_strdup (pd_ctl_args_get (args, 0));
  for (guint i = 0; ops[i] != NULL; i++)
    {
      PdRoutingOp *op = pd_routing_op_parse (ops[i], &error);

      if (op == NULL)
        return pd_ctl_fail (error);
      g_ptr_array_add (routing->ops, op);
    }

  if (!apply_op_options (routing, args, &error) ||
      !pd_routing_validate (routing, &error) ||
      pd_ctl_login (ctl, &error) == NULL ||
      !pd_store_set_routing (ctl->store, ctl->actor, routing, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(PdRouting) stored = NULL;

      if (!pd_store_get_routing (ctl->store, routing->product_id, routing->version, &stored, &error))
        return pd_ctl_fail (error);
      print_object (pd_routing_to_json (stored));
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: a product's SKU, the version, then the number of operations */
  pd_ctl_print_line (g_dngettext (GETTEXT_PACKAGE,
                                  "Set the routing of %s: version %u, %u operation.",
                                  "Set the routing of %s: version %u, %u operations.",
                                  routing->ops->len),
                     routing->product_sku, routing->version, routing->ops->len);
  return PD_CTL_EXIT_OK;
}

int
pd_ctl_routing_show_run (PdCtl              *ctl,
                         const PdCtlCommand *command,
                         PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdItem) product = NULL;
  g_autoptr(PdRouting) routing = NULL;
  g_autoptr(PdCtlTable) table = NULL;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (product = pd_store_find_item (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL ||
      !pd_store_get_routing (ctl->store, product->id, 0, &routing, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_NULL);

      if (routing != NULL)
        {
          json_node_init_object (node, NULL);
          json_node_take_object (node, pd_routing_to_json (routing));
        }
      pd_ctl_print_json (node);
      return PD_CTL_EXIT_OK;
    }

  if (routing == NULL)
    {
      pd_ctl_print_line (_("Routing of %s: none."), product->sku);
      return PD_CTL_EXIT_OK;
    }

  /* TRANSLATORS: a product's SKU, then the version number of its routing */
  pd_ctl_print_line (_("Routing of %s, version %u:"), routing->product_sku, routing->version);
  table = pd_ctl_table_new (4, _("SEQ"), _("WORK CENTER"), _("SETUP MIN"), _("RUN S/UNIT"));
  for (guint i = 0; i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      g_autofree char *seq = g_strdup_printf ("%u", op->seq);
      g_autofree char *setup = pd_mes_format_minutes (op->setup_us);
      g_autofree char *run = pd_mes_format_seconds (op->run_us);

      pd_ctl_table_add_row (table, seq, op->work_center_code, setup, run);
    }
  pd_ctl_table_print (table);

  return PD_CTL_EXIT_OK;
}
