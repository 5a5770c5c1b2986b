/* pd-ctl-traveler.c — plantdesk-ctl wo traveler: a work order's traveler as PDF
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plantdesk-ctl"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-ctl-private.h"
#include "pd-traveler.h"

int
pd_ctl_wo_traveler_run (PdCtl              *ctl,
                        const PdCtlCommand *command,
                        PdCtlArgs          *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdTraveler) traveler = NULL;
  const char *out = pd_ctl_args_get_option (args, "pdf");
  guint n_pages = 0;

  if (pd_ctl_login (ctl, &error) == NULL ||
      (traveler = pd_traveler_load (ctl->store, pd_ctl_args_get (args, 0), &error)) == NULL ||
      !pd_traveler_write_pdf (out, traveler, &n_pages, &error))
    return pd_ctl_fail (error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "wo", traveler->wo->number);
      json_object_set_string_member (object, "file", out);
      json_object_set_int_member (object, "pages", n_pages);
      json_object_set_int_member (object, "bom_lines", traveler->bom != NULL ? traveler->bom->lines->len : 0);
      json_object_set_int_member (object, "operations", traveler->routing != NULL ? traveler->routing->ops->len : 0);
      json_node_take_object (node, object);
      pd_ctl_print_json (node);
    }
  else
    /* TRANSLATORS: the work order, the number of pages, then the file. */
    pd_ctl_print_line (ngettext ("Wrote the traveler of %s on %u page to %s.",
                                 "Wrote the traveler of %s on %u pages to %s.", n_pages),
                       traveler->wo->number, n_pages, out);
  return PD_CTL_EXIT_OK;
}
