/* pd-mes.c — MES master data types: work centers, BOMs, routings
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pd-mes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-error.h"
#include "pd-mes.h"
#include "pd-wms.h"

/* --- Text fields ------------------------------------------------------------- */

/* FIELD is the translated name of the field, e.g. "Code". */
static gboolean
check_field (const char  *text,
             gboolean     required,
             const char  *field,
             guint        max_chars,
             GError     **error)
{
  g_autofree char *shown = NULL;
  gsize len;

  if (text == NULL && !required)
    return TRUE;

  if (text == NULL || *text == '\0')
    {
      /* TRANSLATORS: %s is a field such as “SKU” or “Name” */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s must not be empty."), field);
      return FALSE;
    }

  shown = g_utf8_make_valid (text, -1);
  len = strlen (text);

  if (!g_utf8_validate (text, -1, NULL))
    goto invalid;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      goto invalid;

  if (g_unichar_isspace (g_utf8_get_char (text)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (text + len))))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” must not begin or end with a space."), field, shown);
      return FALSE;
    }

  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      /* TRANSLATORS: a field, its value, then the most characters allowed */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” is longer than %u characters."), field, shown, max_chars);
      return FALSE;
    }

  return TRUE;

invalid:
  /* TRANSLATORS: the first %s is a field such as “SKU”, the second its value */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("%s “%s” contains a control character or invalid text."), field, shown);
  return FALSE;
}

static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static void
set_qty (JsonObject *object,
         const char *member,
         PdQty       qty)
{
  g_autofree char *text = pd_qty_to_string (qty);

  json_object_set_string_member (object, member, text);
}

char *
pd_mes_format_seconds (gint64 us)
{
  return pd_qty_to_string (us);
}

char *
pd_mes_format_minutes (gint64 us)
{
  return pd_qty_to_string (us / 60);
}

char *
pd_mes_format_local_time (const char *iso8601)
{
  g_autoptr(GDateTime) time = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (iso8601 != NULL ? iso8601 : "—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* --- Work centers ------------------------------------------------------------ */

static void
clear_shift (gpointer data)
{
  pd_shift_clear (data);
}

static void
clear_exception (gpointer data)
{
  PdCalendarException *exception = data;

  g_clear_pointer (&exception->reason, g_free);
}

PdWorkCenter *
pd_work_center_new (void)
{
  PdWorkCenter *wc = g_new0 (PdWorkCenter, 1);

  wc->capacity = 1;
  wc->shifts = g_array_new (FALSE, TRUE, sizeof (PdShift));
  g_array_set_clear_func (wc->shifts, clear_shift);
  wc->exceptions = g_array_new (FALSE, TRUE, sizeof (PdCalendarException));
  g_array_set_clear_func (wc->exceptions, clear_exception);

  return wc;
}

void
pd_work_center_add_shift (PdWorkCenter  *wc,
                          const PdShift *shift)
{
  PdShift copy = *shift;

  g_return_if_fail (wc != NULL && shift != NULL);

  copy.breaks = NULL;
  if (shift->breaks != NULL && shift->breaks->len > 0)
    copy.breaks = g_array_copy (shift->breaks);
  g_array_append_val (wc->shifts, copy);
}

void
pd_work_center_add_exception (PdWorkCenter              *wc,
                              const PdCalendarException *exception)
{
  PdCalendarException copy = *exception;

  g_return_if_fail (wc != NULL && exception != NULL);

  copy.reason = g_strdup (exception->reason);
  g_array_append_val (wc->exceptions, copy);
}

PdWorkCenter *
pd_work_center_copy (const PdWorkCenter *wc)
{
  PdWorkCenter *copy;

  g_return_val_if_fail (wc != NULL, NULL);

  copy = pd_work_center_new ();
  copy->id = wc->id;
  copy->uuid = g_strdup (wc->uuid);
  copy->code = g_strdup (wc->code);
  copy->name = g_strdup (wc->name);
  copy->line = g_strdup (wc->line);
  copy->kind = g_strdup (wc->kind);
  copy->capacity = wc->capacity;
  copy->good_tag = g_strdup (wc->good_tag);
  copy->scrap_tag = g_strdup (wc->scrap_tag);
  copy->running_tag = g_strdup (wc->running_tag);
  copy->good_tag_id = wc->good_tag_id;
  copy->scrap_tag_id = wc->scrap_tag_id;
  copy->running_tag_id = wc->running_tag_id;
  copy->from_location = g_strdup (wc->from_location);
  copy->to_location = g_strdup (wc->to_location);
  copy->from_location_id = wc->from_location_id;
  copy->to_location_id = wc->to_location_id;
  copy->created_at = g_strdup (wc->created_at);
  copy->updated_at = g_strdup (wc->updated_at);
  for (guint i = 0; wc->shifts != NULL && i < wc->shifts->len; i++)
    pd_work_center_add_shift (copy, &g_array_index (wc->shifts, PdShift, i));
  for (guint i = 0; wc->exceptions != NULL && i < wc->exceptions->len; i++)
    pd_work_center_add_exception (copy, &g_array_index (wc->exceptions, PdCalendarException, i));

  return copy;
}

void
pd_work_center_free (PdWorkCenter *wc)
{
  if (wc == NULL)
    return;

  g_free (wc->uuid);
  g_free (wc->code);
  g_free (wc->name);
  g_free (wc->line);
  g_free (wc->kind);
  g_free (wc->good_tag);
  g_free (wc->scrap_tag);
  g_free (wc->running_tag);
  g_free (wc->from_location);
  g_free (wc->to_location);
  g_free (wc->created_at);
  g_free (wc->updated_at);
  g_clear_pointer (&wc->shifts, g_array_unref);
  g_clear_pointer (&wc->exceptions, g_array_unref);
  g_free (wc);
}

/* "DEVICE/TAG": both parts present. */
static gboolean
check_tag_name (const char  *text,
                const char  *field,
                GError     **error)
{
  const char *slash;

  if (text == NULL)
    return TRUE;
  if (!check_field (text, TRUE, field, 2 * 128 + 1, error))
    return FALSE;

  slash = strchr (text, '/');
  if (slash == NULL || slash == text || slash[1] == '\0')
    {
      /* TRANSLATORS: %s is a field such as “Good count tag”, then its value */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s “%s” is not of the form DEVICE/TAG."), field, text);
      return FALSE;
    }

  return TRUE;
}

PdWorkCalendar *
pd_work_center_build_calendar (const PdWorkCenter  *wc,
                               GTimeZone           *tz,
                               GError             **error)
{
  g_return_val_if_fail (wc != NULL, NULL);

  return pd_work_calendar_new (wc->shifts != NULL ? (const PdShift *) (gpointer) wc->shifts->data : NULL,
                               wc->shifts != NULL ? wc->shifts->len : 0,
                               wc->exceptions != NULL
                               ? (const PdCalendarException *) (gpointer) wc->exceptions->data : NULL,
                               wc->exceptions != NULL ? wc->exceptions->len : 0,
                               tz, error);
}

gboolean
pd_work_center_validate (const PdWorkCenter  *wc,
                         GError             **error)
{
  g_autoptr(PdWorkCalendar) calendar = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (wc != NULL, FALSE);

  /* TRANSLATORS: field names in messages such as “Code must not be empty.” */
  if (!check_field (wc->code, TRUE, _("Work center code"), PD_WORK_CENTER_CODE_MAX, error) ||
      !check_field (wc->name, TRUE, _("Name"), PD_WORK_CENTER_NAME_MAX, error) ||
      !check_field (wc->line, FALSE, _("Line"), PD_WORK_CENTER_NAME_MAX, error) ||
      !check_field (wc->kind, FALSE, _("Kind"), PD_WORK_CENTER_NAME_MAX, error) ||
      !check_tag_name (wc->good_tag, _("Good count tag"), error) ||
      !check_tag_name (wc->scrap_tag, _("Scrap count tag"), error) ||
      !check_tag_name (wc->running_tag, _("Running tag"), error) ||
      !check_field (wc->from_location, FALSE, _("Source location"), 64, error) ||
      !check_field (wc->to_location, FALSE, _("Target location"), 64, error))
    return FALSE;

  if (wc->capacity < 1 || wc->capacity > PD_WORK_CENTER_CAPACITY_MAX)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Capacity %u of the work center “%s” is not between 1 and %u."),
                   wc->capacity, wc->code, PD_WORK_CENTER_CAPACITY_MAX);
      return FALSE;
    }

  for (guint i = 0; wc->exceptions != NULL && i < wc->exceptions->len; i++)
    {
      const PdCalendarException *e = &g_array_index (wc->exceptions, PdCalendarException, i);

      if (!g_date_valid (&e->date) || e->end_min <= e->start_min || e->end_min > 1440)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Exception %u of the work center “%s” has no valid date or time span."),
                       i + 1, wc->code);
          return FALSE;
        }
      if (!check_field (e->reason, FALSE, _("Reason"), PD_WORK_CENTER_NAME_MAX, error))
        return FALSE;
    }

  calendar = pd_work_center_build_calendar (wc, NULL, &local);
  if (calendar == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   /* TRANSLATORS: %s is a work center code, then why its shifts are wrong */
                   _("The shifts of the work center “%s” are not valid: %s"), wc->code, local->message);
      return FALSE;
    }

  return TRUE;
}

JsonObject *
pd_work_center_to_json (const PdWorkCenter *wc)
{
  JsonObject *object = json_object_new ();
  JsonArray *shifts = json_array_new ();
  JsonArray *exceptions = json_array_new ();

  set_string_or_null (object, "uuid", wc->uuid);
  json_object_set_string_member (object, "code", wc->code);
  json_object_set_string_member (object, "name", wc->name);
  set_string_or_null (object, "line", wc->line);
  set_string_or_null (object, "kind", wc->kind);
  json_object_set_int_member (object, "capacity", wc->capacity);
  set_string_or_null (object, "good_tag", wc->good_tag);
  set_string_or_null (object, "scrap_tag", wc->scrap_tag);
  set_string_or_null (object, "running_tag", wc->running_tag);
  set_string_or_null (object, "from_location", wc->from_location);
  set_string_or_null (object, "to_location", wc->to_location);

  for (guint i = 0; wc->shifts != NULL && i < wc->shifts->len; i++)
    {
      g_autofree char *text = pd_shift_to_string (&g_array_index (wc->shifts, PdShift, i));

      json_array_add_string_element (shifts, text);
    }
  json_object_set_array_member (object, "shifts", shifts);

  for (guint i = 0; wc->exceptions != NULL && i < wc->exceptions->len; i++)
    {
      const PdCalendarException *e = &g_array_index (wc->exceptions, PdCalendarException, i);
      JsonObject *ex = json_object_new ();
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &e->date);
      json_object_set_string_member (ex, "date", date);
      json_object_set_string_member (ex, "kind", e->kind == PD_EXCEPTION_CLOSED ? "closed" : "overtime");
      json_object_set_int_member (ex, "start_min", e->start_min);
      json_object_set_int_member (ex, "end_min", e->end_min);
      set_string_or_null (ex, "reason", e->reason);
      json_array_add_object_element (exceptions, ex);
    }
  json_object_set_array_member (object, "exceptions", exceptions);

  return object;
}

/* --- Bills of materials ------------------------------------------------------ */

PdBomLine *
pd_bom_line_new (const char *component_sku,
                 PdQty       qty,
                 PdQty       scrap_pct,
                 gboolean    backflush)
{
  PdBomLine *line = g_new0 (PdBomLine, 1);

  line->component_sku = g_strdup (component_sku);
  line->qty = qty;
  line->scrap_pct = scrap_pct;
  line->backflush = backflush;

  return line;
}

void
pd_bom_line_free (PdBomLine *line)
{
  if (line == NULL)
    return;

  g_free (line->component_sku);
  g_free (line->component_name);
  g_free (line->unit);
  g_free (line);
}

PdBom *
pd_bom_new (void)
{
  PdBom *bom = g_new0 (PdBom, 1);

  bom->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_bom_line_free);
  return bom;
}

void
pd_bom_free (PdBom *bom)
{
  if (bom == NULL)
    return;

  g_free (bom->uuid);
  g_free (bom->product_sku);
  g_free (bom->created_at);
  g_clear_pointer (&bom->lines, g_ptr_array_unref);
  g_free (bom);
}

PdBomLine *
pd_bom_line_parse (const char  *text,
                   GError     **error)
{
  g_auto(GStrv) parts = NULL;
  PdQty qty = 0, scrap = 0;
  guint n;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, ":", -1);
  n = g_strv_length (parts);
  if (n < 2 || n > 3 || *parts[0] == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Component “%s” is not of the form SKU:QTY or SKU:QTY:SCRAP%%."), text);
      return NULL;
    }

  if (!pd_qty_parse (parts[1], &qty, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Quantity “%s” of the component “%s” is not a quantity."), parts[1], parts[0]);
      return NULL;
    }

  if (n == 3)
    {
      g_autofree char *pct = g_strdup (parts[2]);
      gsize len = strlen (pct);

      if (len > 0 && pct[len - 1] == '%')
        pct[len - 1] = '\0';
      if (!pd_qty_parse (pct, &scrap, NULL))
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Scrap allowance “%s” of the component “%s” is not a percentage."),
                       parts[2], parts[0]);
          return NULL;
        }
    }

  return pd_bom_line_new (parts[0], qty, scrap, TRUE);
}

gboolean
pd_bom_validate (const PdBom  *bom,
                 GError      **error)
{
  g_return_val_if_fail (bom != NULL, FALSE);

  if (bom->product_id == 0 &&
      !check_field (bom->product_sku, TRUE, _("Product"), PD_SKU_MAX_LENGTH, error))
    return FALSE;

  if (bom->lines == NULL || bom->lines->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The bill of materials of “%s” has no components."),
                   bom->product_sku != NULL ? bom->product_sku : "");
      return FALSE;
    }

  for (guint i = 0; i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);

      if (line->component_id == 0 &&
          !check_field (line->component_sku, TRUE, _("Component"), PD_SKU_MAX_LENGTH, error))
        return FALSE;

      if (line->qty <= 0 || line->qty > PD_QTY_MAX)
        {
          g_autofree char *qty = pd_qty_to_string (line->qty);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Quantity %s of the component “%s” must be greater than zero."),
                       qty, line->component_sku);
          return FALSE;
        }

      if (line->scrap_pct < 0 || line->scrap_pct > PD_SCRAP_PCT_MAX)
        {
          g_autofree char *pct = pd_qty_to_string (line->scrap_pct);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Scrap allowance %s%% of the component “%s” is not between 0 and 100%%."),
                       pct, line->component_sku);
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        {
          const PdBomLine *other = g_ptr_array_index (bom->lines, j);

          if (line->component_sku != NULL && other->component_sku != NULL
              ? g_ascii_strcasecmp (line->component_sku, other->component_sku) == 0
              : line->component_id == other->component_id)
            {
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Component “%s” is listed twice."), line->component_sku);
              return FALSE;
            }
        }
    }

  return TRUE;
}

JsonObject *
pd_bom_to_json (const PdBom *bom)
{
  JsonObject *object = json_object_new ();
  JsonArray *lines = json_array_new ();

  set_string_or_null (object, "uuid", bom->uuid);
  set_string_or_null (object, "product", bom->product_sku);
  json_object_set_int_member (object, "version", bom->version);
  json_object_set_boolean_member (object, "active", bom->active);
  set_string_or_null (object, "created_at", bom->created_at);

  for (guint i = 0; i < bom->lines->len; i++)
    {
      const PdBomLine *line = g_ptr_array_index (bom->lines, i);
      JsonObject *l = json_object_new ();

      set_string_or_null (l, "component", line->component_sku);
      if (line->component_name != NULL)
        json_object_set_string_member (l, "name", line->component_name);
      if (line->unit != NULL)
        json_object_set_string_member (l, "unit", line->unit);
      set_qty (l, "qty", line->qty);
      set_qty (l, "scrap_pct", line->scrap_pct);
      json_object_set_boolean_member (l, "backflush", line->backflush);
      json_array_add_object_element (lines, l);
    }
  json_object_set_array_member (object, "components", lines);

  return object;
}

/* --- Routings ---------------------------------------------------------------- */

PdRoutingOp *
pd_routing_op_new (guint       seq,
                   const char *work_center_code,
                   gint64      setup_us,
                   gint64      run_us)
{
  PdRoutingOp *op = g_new0 (PdRoutingOp, 1);

  op->seq = seq;
  op->work_center_code = g_strdup (work_center_code);
  op->setup_us = setup_us;
  op->run_us = run_us;

  return op;
}

void
pd_routing_op_free (PdRoutingOp *op)
{
  if (op == NULL)
    return;

  g_free (op->work_center_code);
  g_free (op->instructions);
  g_free (op);
}

PdRouting *
pd_routing_new (void)
{
  PdRouting *routing = g_new0 (PdRouting, 1);

  routing->ops = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_routing_op_free);
  return routing;
}

void
pd_routing_free (PdRouting *routing)
{
  if (routing == NULL)
    return;

  g_free (routing->uuid);
  g_free (routing->product_sku);
  g_free (routing->created_at);
  g_clear_pointer (&routing->ops, g_ptr_array_unref);
  g_free (routing);
}

/* An exact decimal ≥ 0 of UNIT_US µs (60000000 for minutes), as µs. */
static gboolean
parse_duration (const char *text,
                gint64      unit_us,
                gint64     *us)
{
  PdQty qty;

  if (!pd_qty_parse (text, &qty, NULL) || qty < 0)
    return FALSE;
  /* qty is in millionths of the unit: µs = qty × unit_us / 10⁶, exact when
   * the unit is whole seconds. */
  if (qty > PD_ROUTING_TIME_MAX / (unit_us / PD_QTY_ONE))
    return FALSE;
  *us = qty * (unit_us / PD_QTY_ONE);

  return TRUE;
}

PdRoutingOp *
pd_routing_op_parse (const char  *text,
                     GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 seq = 0;
  gint64 setup = 0, run = 0;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 4 || *parts[1] == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Operation “%s” is not of the form SEQ:WORKCENTER:SETUP_MINUTES:RUN_SECONDS_PER_UNIT."),
                   text);
      return NULL;
    }

  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, PD_ROUTING_SEQ_MAX, &seq, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Sequence “%s” of the operation “%s” is not a number from 1 to %u."),
                   parts[0], text, PD_ROUTING_SEQ_MAX);
      return NULL;
    }

  if (!parse_duration (parts[2], 60 * PD_QTY_ONE, &setup))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Setup minutes “%s” of the operation “%s” are not a duration."), parts[2], text);
      return NULL;
    }

  if (!parse_duration (parts[3], PD_QTY_ONE, &run))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Run seconds per unit “%s” of the operation “%s” are not a duration."), parts[3], text);
      return NULL;
    }

  return pd_routing_op_new ((guint) seq, parts[1], setup, run);
}

gboolean
pd_routing_validate (const PdRouting  *routing,
                     GError          **error)
{
  g_return_val_if_fail (routing != NULL, FALSE);

  if (routing->product_id == 0 &&
      !check_field (routing->product_sku, TRUE, _("Product"), PD_SKU_MAX_LENGTH, error))
    return FALSE;

  if (routing->ops == NULL || routing->ops->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The routing of “%s” has no operations."),
                   routing->product_sku != NULL ? routing->product_sku : "");
      return FALSE;
    }

  for (guint i = 0; i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);

      if (op->seq < 1 || op->seq > PD_ROUTING_SEQ_MAX)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Sequence %u is not a number from 1 to %u."), op->seq, PD_ROUTING_SEQ_MAX);
          return FALSE;
        }
      if (op->work_center_id == 0 &&
          !check_field (op->work_center_code, TRUE, _("Work center code"), PD_WORK_CENTER_CODE_MAX, error))
        return FALSE;
      if (op->setup_us < 0 || op->setup_us > PD_ROUTING_TIME_MAX ||
          op->run_us < 0 || op->run_us > PD_ROUTING_TIME_MAX)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("The times of operation %u are negative or longer than 30 days."), op->seq);
          return FALSE;
        }
      if (!check_field (op->instructions, FALSE, _("Instructions"), 10000, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          const PdRoutingOp *other = g_ptr_array_index (routing->ops, j);

          if (other->seq == op->seq)
            {
              g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Sequence %u is used by two operations (on “%s” and “%s”)."),
                           op->seq, other->work_center_code, op->work_center_code);
              return FALSE;
            }
        }
    }

  return TRUE;
}

JsonObject *
pd_routing_to_json (const PdRouting *routing)
{
  JsonObject *object = json_object_new ();
  JsonArray *ops = json_array_new ();

  set_string_or_null (object, "uuid", routing->uuid);
  set_string_or_null (object, "product", routing->product_sku);
  json_object_set_int_member (object, "version", routing->version);
  json_object_set_boolean_member (object, "active", routing->active);
  set_string_or_null (object, "created_at", routing->created_at);

  for (guint i = 0; i < routing->ops->len; i++)
    {
      const PdRoutingOp *op = g_ptr_array_index (routing->ops, i);
      JsonObject *o = json_object_new ();
      g_autofree char *setup = pd_mes_format_minutes (op->setup_us);
      g_autofree char *run = pd_mes_format_seconds (op->run_us);

      json_object_set_int_member (o, "seq", op->seq);
      set_string_or_null (o, "workcenter", op->work_center_code);
      json_object_set_string_member (o, "setup_minutes", setup);
      json_object_set_string_member (o, "run_seconds_per_unit", run);
      set_string_or_null (o, "instructions", op->instructions);
      json_object_set_boolean_member (o, "overlap", op->overlap);
      json_array_add_object_element (ops, o);
    }
  json_object_set_array_member (object, "operations", ops);

  return object;
}
