/* pd-scan-state.c
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-scan-state"

#include "config.h"

#include <glib/gi18n.h>

#include "wms/pd-scan-state.h"

void
pd_scan_state_clear_item (PdScanState *state)
{
  g_clear_pointer (&state->item, pd_item_free);
  g_clear_pointer (&state->lot_code, g_free);
  state->awaiting_lot = FALSE;
}

void
pd_scan_state_clear (PdScanState *state)
{
  g_clear_pointer (&state->from, pd_location_free);
  g_clear_pointer (&state->to, pd_location_free);
  pd_scan_state_clear_item (state);
}

PdScanKind
pd_scan_state_read (PdScanState  *state,
                    PdStore      *store,
                    const char   *text,
                    gboolean      typed_qty,
                    gint64       *id,
                    char        **qty_text,
                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *code = g_strstrip (g_strdup (text));
  gint64 item_id = 0;
  gint64 location_id = 0;
  PdQty qty;

  if (code[0] == '\0')
    return PD_SCAN_CONFIRM;
  state->generation++;

  if (state->awaiting_lot)
    {
      state->awaiting_lot = FALSE;
      g_free (state->lot_code);
      state->lot_code = g_steal_pointer (&code);
      return PD_SCAN_LOT;
    }

  if (!pd_store_resolve_code (store, code, &item_id, &location_id, &local_error))
    {
      /* With an item chosen, a number that is no code is its quantity,
       * typed on the scanner's keypad or the keyboard without leaving
       * the scan entry: Enter records it at once. Codes come first. */
      if (typed_qty && state->item != NULL &&
          g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND) &&
          pd_qty_parse (code, &qty, NULL))
        {
          *qty_text = g_steal_pointer (&code);
          return PD_SCAN_QTY;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return PD_SCAN_REFUSED;
    }

  if (location_id != 0)
    {
      *id = location_id;
      return PD_SCAN_LOCATION;
    }
  *id = item_id;
  return PD_SCAN_ITEM;
}

gboolean
pd_scan_state_take_location (PdScanState      *state,
                             PdScanDirection   direction,
                             PdLocation       *location,
                             char            **message)
{
  g_autoptr(PdLocation) taken = location;

  switch (direction)
    {
    case PD_SCAN_RECEIVE:
      g_clear_pointer (&state->to, pd_location_free);
      state->to = g_steal_pointer (&taken);
      *message = g_strdup_printf (_("Receive into %s."), state->to->code);
      break;
    case PD_SCAN_ISSUE:
      g_clear_pointer (&state->from, pd_location_free);
      state->from = g_steal_pointer (&taken);
      *message = g_strdup_printf (_("Issue from %s."), state->from->code);
      break;
    case PD_SCAN_COUNT:
      g_clear_pointer (&state->to, pd_location_free);
      state->to = g_steal_pointer (&taken);
      pd_scan_state_clear_item (state);
      *message = g_strdup_printf (_("Counting at %s: scan an item."), state->to->code);
      break;
    case PD_SCAN_TRANSFER:
    default:
      /* The first location is where from, the second where to; a third
       * starts again. */
      if (state->from != NULL && state->to == NULL)
        {
          if (state->from->id == taken->id)
            {
              *message = g_strdup_printf (_("%s is already the location to move from; scan the location to move to."),
                                          taken->code);
              return FALSE;
            }
          state->to = g_steal_pointer (&taken);
          *message = g_strdup_printf (_("Move to %s."), state->to->code);
        }
      else
        {
          g_clear_pointer (&state->from, pd_location_free);
          g_clear_pointer (&state->to, pd_location_free);
          state->from = g_steal_pointer (&taken);
          *message = g_strdup_printf (_("Move from %s; scan the location to move to."), state->from->code);
        }
      break;
    }
  return TRUE;
}

char *
pd_scan_state_take_item (PdScanState *state,
                         PdItem      *item,
                         gboolean     needs_lot)
{
  pd_scan_state_clear_item (state);
  state->item = item;
  state->awaiting_lot = needs_lot;
  if (needs_lot)
    return g_strdup_printf (_("%s: scan or type its lot."), item->sku);
  return NULL;
}

void
pd_scan_state_take_lot_entry (PdScanState *state,
                              GtkEditable *lot_entry)
{
  g_autofree char *lot = g_strstrip (g_strdup (gtk_editable_get_text (lot_entry)));

  g_free (state->lot_code);
  state->lot_code = lot[0] != '\0' ? g_steal_pointer (&lot) : NULL;
  state->awaiting_lot = state->lot_code == NULL;
}

char *
pd_scan_state_check (PdScanState     *state,
                     PdScanDirection  direction,
                     const char      *lot_text)
{
  switch (direction)
    {
    case PD_SCAN_RECEIVE:
      if (state->to == NULL)
        return g_strdup (_("Scan the location to receive into first."));
      break;
    case PD_SCAN_ISSUE:
      if (state->from == NULL)
        return g_strdup (_("Scan the location to issue from first."));
      break;
    case PD_SCAN_COUNT:
      if (state->to == NULL)
        return g_strdup (_("Scan the location being counted first."));
      break;
    case PD_SCAN_TRANSFER:
    default:
      if (state->from == NULL)
        return g_strdup (_("Scan the location to move from first."));
      if (state->to == NULL)
        return g_strdup (_("Scan the location to move to."));
      break;
    }
  if (state->item == NULL)
    return g_strdup (_("Scan an item first."));
  if (lot_text != NULL ? state->item->lot_tracked && lot_text[0] == '\0' : state->awaiting_lot)
    return g_strdup_printf (_("Scan or type the lot of %s."), state->item->sku);
  return NULL;
}

guint
pd_scan_state_hand_over (PdScanState  *state,
                         PdItem      **item,
                         char        **lot_code)
{
  *item = g_steal_pointer (&state->item);
  *lot_code = g_steal_pointer (&state->lot_code);
  pd_scan_state_clear_item (state);
  /* A scan after this one changes what a refusal would give back. */
  return ++state->generation;
}

gboolean
pd_scan_state_give_back (PdScanState  *state,
                         guint         generation,
                         PdItem      **item,
                         char        **lot_code)
{
  if (state->generation != generation)
    return FALSE;

  g_clear_pointer (&state->item, pd_item_free);
  state->item = g_steal_pointer (item);
  g_free (state->lot_code);
  state->lot_code = g_steal_pointer (lot_code);
  return TRUE;
}

static void
show_code (GtkLabel         *label,
           const PdLocation *location)
{
  if (label != NULL)
    gtk_label_set_text (label, location != NULL ? location->code : "—");
}

void
pd_scan_state_show (PdScanState *state,
                    GtkLabel    *from,
                    GtkLabel    *to,
                    GtkLabel    *item)
{
  show_code (from, state->from);
  show_code (to, state->to);
  if (state->item != NULL)
    {
      /* TRANSLATORS: the item chosen by a scan: SKU and name */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), state->item->sku, state->item->name);

      gtk_label_set_text (item, text);
    }
  else
    gtk_label_set_text (item, "—");
}

void
pd_scan_state_show_lot_entry (PdScanState *state,
                              GtkWidget   *lot_box,
                              GtkEditable *lot_entry)
{
  const char *lot = state->lot_code != NULL ? state->lot_code : "";

  gtk_widget_set_visible (lot_box, state->item != NULL && state->item->lot_tracked);
  if (gtk_widget_get_visible (lot_box) && g_strcmp0 (gtk_editable_get_text (lot_entry), lot) != 0)
    gtk_editable_set_text (lot_entry, lot);
}

gboolean
pd_scan_parse_qty (const char  *text,
                   gboolean     allow_zero,
                   PdQty       *qty,
                   char       **message)
{
  g_autoptr(GError) error = NULL;

  if (!pd_qty_parse (text, qty, &error))
    {
      /* TRANSLATORS: the field name, then why its value was refused */
      *message = g_strdup_printf (_("Quantity: %s"), error->message);
      return FALSE;
    }
  if (allow_zero && *qty < 0)
    {
      *message = g_strdup_printf (_("Quantity: “%s” is less than zero."), text);
      return FALSE;
    }
  if (!allow_zero && *qty <= 0)
    {
      *message = g_strdup_printf (_("Quantity: “%s” is not more than zero."), text);
      return FALSE;
    }
  return TRUE;
}

char *
pd_scan_describe_move (PdScanDirection  direction,
                       const char      *qty,
                       const char      *sku)
{
  switch (direction)
    {
    case PD_SCAN_ISSUE:
      /* TRANSLATORS: a posted issue: quantity with unit, then SKU */
      return g_strdup_printf (_("Issued %s of %s."), qty, sku);
    case PD_SCAN_TRANSFER:
      /* TRANSLATORS: a posted transfer: quantity with unit, then SKU */
      return g_strdup_printf (_("Moved %s of %s."), qty, sku);
    case PD_SCAN_RECEIVE:
    case PD_SCAN_COUNT:
    default:
      /* TRANSLATORS: a posted receipt: quantity with unit, then SKU */
      return g_strdup_printf (_("Received %s of %s."), qty, sku);
    }
}
