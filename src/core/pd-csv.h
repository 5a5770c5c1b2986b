/* pd-csv.h — reading CSV (RFC 4180) record by record
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The house reader behind the tag and item imports: fields separated by
 * commas, records by "\n", "\r\n" or "\r"; a field in double quotes may
 * hold commas, line breaks (read as "\n") and doubled quotes. */
typedef struct
{
  const char *p;
  const char *end;
  guint       line;       /* of the next character, from 1 */
} PdCsvReader;

typedef struct
{
  guint      line;        /* where the record starts */
  GPtrArray *fields;      /* of char * */
  char      *error;       /* a syntax error, or NULL */
  gboolean   blank;       /* an empty line */
} PdCsvRecord;

/* Starts READER on TEXT, after a byte order mark if there is one; FALSE
 * and PD_ERROR_INVALID when TEXT is not UTF-8. */
gboolean pd_csv_reader_init  (PdCsvReader  *reader,
                              const char   *text,
                              gsize         length,
                              GError      **error);

/* Reads one record into RECORD (cleared by pd_csv_record_clear()); FALSE
 * at the end of the text. A syntax error sets RECORD->error, with the
 * line number, and skips the rest of the line. */
gboolean pd_csv_read_record  (PdCsvReader  *reader,
                              PdCsvRecord  *record);

void     pd_csv_record_clear (PdCsvRecord  *record);

/* Maps the header RECORD's columns (case and spaces at the ends ignored)
 * to indexes in COLUMN_NAMES (N_COLUMNS of them, NULL after them): MAP
 * has one entry a field, PRESENT one a column. FALSE and PD_ERROR_INVALID
 * on a syntax error, an unknown column or one named twice. */
gboolean pd_csv_map_header   (const PdCsvRecord  *record,
                              const char * const *column_names,
                              guint               n_columns,
                              int                *map,
                              gboolean           *present,
                              GError            **error);

/* true, yes, 1, false, no or 0 (case ignored); FALSE for anything else. */
gboolean pd_csv_parse_bool   (const char   *text,
                              gboolean     *out);

/* "Line 4: 3 fields, but the header has 5 columns." */
char    *pd_csv_field_count_error (const PdCsvRecord *record,
                                   guint              n_header_fields);

/* Sets ERROR (PD_ERROR_INVALID) to ERRORS, one a line. */
void     pd_csv_set_errors   (GPtrArray    *errors,
                              GError      **error);

/* --- Writing (exports) --- */

/* Appends VALUE (NULL: an empty field) to LINE, quoted as RFC 4180 asks
 * when it holds a comma, a quote or a line break, then a comma, or CRLF
 * when LAST. */
void     pd_csv_append_field (GString      *line,
                              const char   *value,
                              gboolean      last);
/* TS (µs since the epoch) as local ISO 8601 with the offset and DIGITS
 * (3 or 6) decimals of the second: 2026-11-24T09:15:02.250+01:00. */
char    *pd_csv_format_time  (gint64        ts,
                              guint         digits);

G_END_DECLS
