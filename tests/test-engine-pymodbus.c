/* test-engine-pymodbus.c — the acquisition engine against an independent
 * Modbus server: Debian's python3-pymodbus, run by tests/modbus-server.py
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-engine-pymodbus"

#include "config.h"

#include <float.h>
#include <math.h>
#include <signal.h>
#include <string.h>

#include "pd-engine.h"
#include "pd-test-utils.h"

/* Why every test is skipped, or NULL when pymodbus can be used. */
static char *skip_reason;

#define SKIP_WITHOUT_PYMODBUS() G_STMT_START { \
    if (skip_reason != NULL) \
      { \
        g_test_skip (skip_reason); \
        return; \
      } \
  } G_STMT_END

/* --- The server ------------------------------------------------------------- */

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GOutputStream    *in;
  guint             port;
} PyServer;

static const char *
python_path (void)
{
  const char *python = g_getenv ("PLANTDESK_PYTHON");

  return python != NULL ? python : "/usr/bin/python3";
}

static char *
server_script_path (void)
{
  const char *source_dir = g_getenv ("PLANTDESK_SOURCE_DIR");

  g_assert_nonnull (source_dir);
  return g_build_filename (source_dir, "tests", "modbus-server.py", NULL);
}

typedef struct
{
  gboolean  done;
  char     *line;
  GError   *error;
} LineWait;

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, &wait->error);
  wait->done = TRUE;
}

/* The server's next line on standard output, waiting at most 10 s. */
static char *
py_server_read_line (PyServer *server)
{
  LineWait wait = { 0, };

  g_data_input_stream_read_line_async (server->out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &wait);
  if (!pd_test_wait_for (&wait.done, 10))
    g_error ("modbus-server.py did not answer within 10 s");
  g_assert_no_error (wait.error);
  if (wait.line == NULL)
    g_error ("modbus-server.py closed its standard output");

  return wait.line;
}

static PyServer *
py_server_start (const char *config)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = server_script_path ();
  g_autofree char *ready = NULL;
  PyServer *server = g_new0 (PyServer, 1);
  guint64 port;

  g_test_message ("modbus-server.py %s", config);
  /* Its standard error is the test's, so that a Python traceback shows in
   * the log. */
  server->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                      &error, python_path (), script, config, NULL);
  g_assert_no_error (error);
  server->in = g_subprocess_get_stdin_pipe (server->process);
  server->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));

  ready = py_server_read_line (server);
  g_assert_true (g_str_has_prefix (ready, "ready port="));
  g_assert_true (g_ascii_string_to_unsigned (ready + strlen ("ready port="), 10, 1, 65535, &port, &error));
  g_assert_no_error (error);
  server->port = port;

  return server;
}

typedef struct
{
  gboolean done;
} ExitWait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ExitWait *wait = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  wait->done = TRUE;
}

/* Stops the server with SIGTERM, as it is meant to stop, and reaps it; it
 * must exit with status 0 within 10 s. */
static void
py_server_stop (PyServer *server)
{
  ExitWait wait = { FALSE };

  if (server == NULL)
    return;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait_async (server->process, NULL, wait_cb, &wait);
  if (!pd_test_wait_for (&wait.done, 10))
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
      g_error ("modbus-server.py did not exit on SIGTERM within 10 s");
    }
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);

  g_clear_object (&server->out);
  g_clear_object (&server->process);
  g_free (server);
}

static char *py_server_command (PyServer   *server,
                                const char *format,
                                ...) G_GNUC_PRINTF (2, 3);

/* Sends one command line and returns the server's answer. */
static char *
py_server_command (PyServer   *server,
                   const char *format,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  va_list args;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);

  g_output_stream_printf (server->in, NULL, NULL, &error, "%s\n", command);
  g_assert_no_error (error);
  g_output_stream_flush (server->in, NULL, &error);
  g_assert_no_error (error);

  return py_server_read_line (server);
}

static const char *
area_key (PdArea area)
{
  switch (area)
    {
    case PD_AREA_COIL:
      return "coils";
    case PD_AREA_DISCRETE:
      return "discrete";
    case PD_AREA_INPUT:
      return "input";
    case PD_AREA_HOLDING:
      return "holding";
    default:
      g_assert_not_reached ();
    }
}

/* What the server holds at ADDRESS … ADDRESS + N − 1 of AREA, as pymodbus
 * itself stores it: raw words, or bits as 0 / 1. */
static void
py_server_get (PyServer *server,
               PdArea    area,
               guint     address,
               guint     n,
               guint16  *values)
{
  g_autofree char *answer = py_server_command (server, "get %s %u %u", area_key (area), address, n);
  g_auto(GStrv) words = NULL;

  if (!g_str_has_prefix (answer, "values "))
    g_error ("modbus-server.py answered “%s” to get %s %u %u", answer, area_key (area), address, n);

  words = g_strsplit (answer + strlen ("values "), " ", -1);
  g_assert_cmpuint (g_strv_length (words), ==, n);
  for (guint i = 0; i < n; i++)
    {
      guint64 value;

      g_assert_true (g_ascii_string_to_unsigned (words[i], 10, 0, 65535, &value, NULL));
      values[i] = value;
    }
}

/* --- What the server holds, built by the test --------------------------------- */

typedef struct
{
  GString *areas[PD_N_AREAS];  /* "address": [values], … */
} Config;

static Config *
config_new (void)
{
  Config *config = g_new0 (Config, 1);

  for (guint i = 0; i < PD_N_AREAS; i++)
    config->areas[i] = g_string_new (NULL);
  return config;
}

static void
config_free (Config *config)
{
  for (guint i = 0; i < PD_N_AREAS; i++)
    g_string_free (config->areas[i], TRUE);
  g_free (config);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Config, config_free)

static void
config_put (Config        *config,
            PdArea         area,
            guint          address,
            const guint16 *values,
            guint          n)
{
  GString *s = config->areas[area];

  if (s->len > 0)
    g_string_append_c (s, ',');
  g_string_append_printf (s, "\"%u\":[", address);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, i > 0 ? ",%u" : "%u", values[i]);
  g_string_append_c (s, ']');
}

/* N registers or bits at ADDRESS, all zero. */
static void
config_put_zeros (Config *config,
                  PdArea  area,
                  guint   address,
                  guint   n)
{
  g_autofree guint16 *zeros = g_new0 (guint16, n);

  config_put (config, area, address, zeros, n);
}

static char *
config_to_json (Config *config)
{
  GString *json = g_string_new ("{\"unit\":1");

  for (guint i = 0; i < PD_N_AREAS; i++)
    g_string_append_printf (json, ",\"%s\":{%s}", area_key (i), config->areas[i]->str);
  g_string_append_c (json, '}');

  return g_string_free (json, FALSE);
}

static PyServer *
py_server_start_with (Config *config)
{
  g_autofree char *json = config_to_json (config);

  return py_server_start (json);
}

/* --- Encoding, done here with plain byte arithmetic ---------------------------- */

static guint
type_width (PdTagType type)
{
  switch (type)
    {
    case PD_TAG_TYPE_BOOL:
    case PD_TAG_TYPE_INT16:
    case PD_TAG_TYPE_UINT16:
      return 1;
    case PD_TAG_TYPE_INT32:
    case PD_TAG_TYPE_UINT32:
    case PD_TAG_TYPE_FLOAT32:
      return 2;
    case PD_TAG_TYPE_FLOAT64:
      return 4;
    default:
      g_assert_not_reached ();
    }
}

/* The registers holding RAW as TYPE: the value's bytes, most significant
 * first, cut into 16-bit words; little word order puts the least
 * significant word first, little byte order swaps the two bytes of each
 * register. Returns the number of registers. */
static guint
encode_words (PdTagType  type,
              PdOrder    byte_order,
              PdOrder    word_order,
              double     raw,
              guint16   *words)
{
  guint n = type_width (type);
  guint64 bits = 0;
  guint8 bytes[8];

  switch (type)
    {
    case PD_TAG_TYPE_INT16:
      g_assert_true (raw >= G_MININT16 && raw <= G_MAXINT16 && raw == floor (raw));
      bits = (guint16) (gint16) raw;
      break;
    case PD_TAG_TYPE_UINT16:
      g_assert_true (raw >= 0 && raw <= G_MAXUINT16 && raw == floor (raw));
      bits = (guint16) raw;
      break;
    case PD_TAG_TYPE_INT32:
      g_assert_true (raw >= G_MININT32 && raw <= G_MAXINT32 && raw == floor (raw));
      bits = (guint32) (gint32) raw;
      break;
    case PD_TAG_TYPE_UINT32:
      g_assert_true (raw >= 0 && raw <= G_MAXUINT32 && raw == floor (raw));
      bits = (guint32) raw;
      break;
    case PD_TAG_TYPE_FLOAT32:
      {
        float f = (float) raw;
        guint32 u;

        g_assert_true ((double) f == raw || isnan (raw));
        memcpy (&u, &f, sizeof u);
        bits = u;
      }
      break;
    case PD_TAG_TYPE_FLOAT64:
      memcpy (&bits, &raw, sizeof bits);
      break;
    case PD_TAG_TYPE_BOOL:
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < 2 * n; i++)
    bytes[i] = (bits >> (8 * (2 * n - 1 - i))) & 0xff;

  for (guint i = 0; i < n; i++)
    {
      guint8 high = bytes[2 * i];
      guint8 low = bytes[2 * i + 1];
      guint position = word_order == PD_ORDER_BIG ? i : n - 1 - i;

      words[position] = byte_order == PD_ORDER_BIG ? (high << 8 | low) : (low << 8 | high);
    }

  return n;
}

/* A check of the encoder itself against byte patterns written out by hand,
 * so that both sides of the comparison are not wrong the same way. */
static void
test_encoder_self_check (void)
{
  guint16 w[4];

  encode_words (PD_TAG_TYPE_INT16, PD_ORDER_BIG, PD_ORDER_BIG, -2, w);
  g_assert_cmphex (w[0], ==, 0xFFFE);
  encode_words (PD_TAG_TYPE_UINT16, PD_ORDER_LITTLE, PD_ORDER_BIG, 0x1234, w);
  g_assert_cmphex (w[0], ==, 0x3412);
  encode_words (PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG, 0x12345678, w);
  g_assert_cmphex (w[0], ==, 0x1234);
  g_assert_cmphex (w[1], ==, 0x5678);
  encode_words (PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_LITTLE, 0x12345678, w);
  g_assert_cmphex (w[0], ==, 0x5678);
  g_assert_cmphex (w[1], ==, 0x1234);
  encode_words (PD_TAG_TYPE_UINT32, PD_ORDER_LITTLE, PD_ORDER_BIG, 0x12345678, w);
  g_assert_cmphex (w[0], ==, 0x3412);
  g_assert_cmphex (w[1], ==, 0x7856);
  encode_words (PD_TAG_TYPE_UINT32, PD_ORDER_LITTLE, PD_ORDER_LITTLE, 0x12345678, w);
  g_assert_cmphex (w[0], ==, 0x7856);
  g_assert_cmphex (w[1], ==, 0x3412);
  encode_words (PD_TAG_TYPE_INT32, PD_ORDER_BIG, PD_ORDER_BIG, -2, w);
  g_assert_cmphex (w[0], ==, 0xFFFF);
  g_assert_cmphex (w[1], ==, 0xFFFE);
  /* IEEE 754: 1.5f is 0x3FC00000; 1.0 is 0x3FF0000000000000. */
  encode_words (PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG, 1.5, w);
  g_assert_cmphex (w[0], ==, 0x3FC0);
  g_assert_cmphex (w[1], ==, 0x0000);
  encode_words (PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_BIG, 1.0, w);
  g_assert_cmphex (w[0], ==, 0x3FF0);
  g_assert_cmphex (w[1], ==, 0x0000);
  g_assert_cmphex (w[3], ==, 0x0000);
  encode_words (PD_TAG_TYPE_FLOAT64, PD_ORDER_LITTLE, PD_ORDER_LITTLE, 1.0, w);
  g_assert_cmphex (w[0], ==, 0x0000);
  g_assert_cmphex (w[3], ==, 0xF03F);
}

/* --- Devices and tags ------------------------------------------------------------ */

static PdDevice *
make_device (guint port)
{
  /* Generous timeout: Python under a loaded machine and the sanitizers is slow. */
  PdDevice *device = pd_test_tcp_device_new (1, "pymodbus", port, 3000, 100);

  g_assert_true (pd_device_validate (device, NULL));
  return device;
}

static PdTag *
make_tag (gint64     id,
          PdArea     area,
          guint      address,
          PdTagType  type,
          PdOrder    byte_order,
          PdOrder    word_order)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PdTag *tag;

  name = g_strdup_printf ("%s_%s_%u_%s_%s", pd_area_to_string (area), pd_tag_type_to_string (type),
                          address, pd_order_to_string (byte_order), pd_order_to_string (word_order));
  tag = pd_test_tag_new (id, 1, name, area, address, type, byte_order, word_order);
  pd_tag_validate (tag, &error);
  g_assert_no_error (error);
  return tag;
}

/* Exact for values the test chose to be exact; a relative tolerance only
 * where a decimal scale makes the product inexact. */
static void
assert_value (const PdTag    *tag,
              const PdSample *sample,
              double          expected,
              gboolean        exact)
{
  if (sample->quality != PD_QUALITY_GOOD)
    g_error ("%s: quality %d, expected good %.17g", tag->name, sample->quality, expected);
  g_assert_cmpint (sample->tag_id, ==, tag->id);
  if (exact ? sample->value != expected : !G_APPROX_VALUE (sample->value, expected, fabs (expected) * 1e-12))
    g_error ("%s: read %.17g, expected %.17g", tag->name, sample->value, expected);
  g_assert_cmpint (sample->ts, >, 0);
}

static GArray *
read_once (const PdDevice *device,
           GPtrArray      *tags)
{
  g_autoptr(GError) error = NULL;
  GArray *samples = pd_engine_read_once (device, tags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (samples);
  g_assert_cmpuint (samples->len, ==, tags->len);
  return samples;
}

/* --- Every type, byte order and word order ---------------------------------------- */

static const double int16_values[] = { G_MININT16, -12345, -1, 0, 1, 0x1234, G_MAXINT16 };
static const double uint16_values[] = { 0, 1, 0x00FF, 0x1234, 0x8000, 0xFF00, G_MAXUINT16 };
static const double int32_values[] = { G_MININT32, -123456789, -65536, -1, 0, 1, 65536, 0x12345678, G_MAXINT32 };
static const double uint32_values[] = { 0, 1, 65535, 65536, 0x12345678, 0x80000000u, G_MAXUINT32 };
static const float float32_values[] = { 0.0f, 1.5f, -1.5f, 0.1f, -273.15f, 3.14159265f, 1e-3f, -65504.0f,
                                        16777216.0f, FLT_MAX, -FLT_MAX, FLT_MIN, 1.4e-45f };
static const double float64_values[] = { 0.0, 0.1, -0.5, -1234567.890123, G_PI, 1e-300, -1e300,
                                         DBL_MAX, -DBL_MAX, DBL_MIN, 4.9e-324, 9007199254740993.0 };

typedef struct
{
  PdTagType     type;
  const double *values;
  guint         n_values;
} TypeValues;

typedef struct
{
  PdTag  *tag;       /* owned by the tag array */
  double  expected;
  gboolean exact;
} Expectation;

typedef struct
{
  Config    *config;
  GPtrArray *tags;          /* PdTag */
  GArray    *expectations;  /* Expectation */
  guint      next_address[PD_N_AREAS];
  gint64     next_id;
} Layout;

static Layout *
layout_new (void)
{
  Layout *layout = g_new0 (Layout, 1);

  layout->config = config_new ();
  layout->tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  layout->expectations = g_array_new (FALSE, FALSE, sizeof (Expectation));
  layout->next_id = 1;
  return layout;
}

static void
layout_free (Layout *layout)
{
  config_free (layout->config);
  g_ptr_array_unref (layout->tags);
  g_array_unref (layout->expectations);
  g_free (layout);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Layout, layout_free)

/* Puts RAW, encoded here, in the next free registers of AREA and adds a
 * tag that must read it as RAW × SCALE + OFFSET. A one-register gap after
 * every third value keeps the planner merging over gaps as well. */
static PdTag *
layout_add_register_value (Layout    *layout,
                           PdArea     area,
                           PdTagType  type,
                           PdOrder    byte_order,
                           PdOrder    word_order,
                           double     raw,
                           double     scale,
                           double     offset,
                           gboolean   exact)
{
  guint16 words[4];
  guint n = encode_words (type, byte_order, word_order, raw, words);
  guint address = layout->next_address[area];
  PdTag *tag = make_tag (layout->next_id++, area, address, type, byte_order, word_order);
  Expectation expectation = { tag, raw * scale + offset, exact };

  tag->scale = scale;
  tag->offset = offset;
  config_put (layout->config, area, address, words, n);
  g_ptr_array_add (layout->tags, tag);
  g_array_append_val (layout->expectations, expectation);

  layout->next_address[area] += n + (layout->tags->len % 3 == 0 ? 1 : 0);
  if (layout->tags->len % 3 == 0)
    config_put_zeros (layout->config, area, address + n, 1);

  return tag;
}

static void
layout_add_bits (Layout        *layout,
                 PdArea         area,
                 guint          address,
                 const guint16 *bits,
                 guint          n)
{
  config_put (layout->config, area, address, bits, n);
  for (guint i = 0; i < n; i++)
    {
      PdTag *tag = make_tag (layout->next_id++, area, address + i, PD_TAG_TYPE_BOOL,
                             PD_ORDER_BIG, PD_ORDER_BIG);
      Expectation expectation = { tag, bits[i] ? 1.0 : 0.0, TRUE };

      g_ptr_array_add (layout->tags, tag);
      g_array_append_val (layout->expectations, expectation);
    }
}

static void
check_layout (Layout         *layout,
              const PdDevice *device)
{
  g_autoptr(GArray) samples = read_once (device, layout->tags);

  for (guint i = 0; i < layout->expectations->len; i++)
    {
      const Expectation *e = &g_array_index (layout->expectations, Expectation, i);

      assert_value (e->tag, &g_array_index (samples, PdSample, i), e->expected, e->exact);
    }
}

static void
test_every_type_and_order (void)
{
  g_autoptr(Layout) layout = NULL;
  g_autoptr(PdDevice) device = NULL;
  g_autofree double *float32_doubles = g_new (double, G_N_ELEMENTS (float32_values));
  PyServer *server;
  guint n_register_tags = 0;
  const PdArea areas[] = { PD_AREA_HOLDING, PD_AREA_INPUT };
  const PdOrder orders[] = { PD_ORDER_BIG, PD_ORDER_LITTLE };
  TypeValues types[] = {
    { PD_TAG_TYPE_INT16, int16_values, G_N_ELEMENTS (int16_values) },
    { PD_TAG_TYPE_UINT16, uint16_values, G_N_ELEMENTS (uint16_values) },
    { PD_TAG_TYPE_INT32, int32_values, G_N_ELEMENTS (int32_values) },
    { PD_TAG_TYPE_UINT32, uint32_values, G_N_ELEMENTS (uint32_values) },
    { PD_TAG_TYPE_FLOAT32, float32_doubles, G_N_ELEMENTS (float32_values) },
    { PD_TAG_TYPE_FLOAT64, float64_values, G_N_ELEMENTS (float64_values) },
  };
  /* Bits in runs with gaps, both areas, a pattern that is not periodic. */
  const guint16 coils_low[] = { 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0 };
  const guint16 coils_high[] = { 0, 1, 1, 0, 1 };
  const guint16 discrete_low[] = { 0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0 };
  const guint16 discrete_high[] = { 1, 1, 0, 1 };

  SKIP_WITHOUT_PYMODBUS ();

  for (guint i = 0; i < G_N_ELEMENTS (float32_values); i++)
    float32_doubles[i] = float32_values[i];

  layout = layout_new ();
  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    for (guint t = 0; t < G_N_ELEMENTS (types); t++)
      for (guint b = 0; b < G_N_ELEMENTS (orders); b++)
        for (guint w = 0; w < G_N_ELEMENTS (orders); w++)
          {
            /* Word order means nothing for one register. */
            if (type_width (types[t].type) == 1 && orders[w] != PD_ORDER_BIG)
              continue;
            for (guint v = 0; v < types[t].n_values; v++)
              {
                layout_add_register_value (layout, areas[a], types[t].type, orders[b], orders[w],
                                           types[t].values[v], 1, 0, TRUE);
                n_register_tags++;
              }
          }

  /* Scale and offset: value = raw × scale + offset; binary fractions are
   * exact whatever the order of the arithmetic. */
  layout_add_register_value (layout, PD_AREA_HOLDING, PD_TAG_TYPE_INT16, PD_ORDER_BIG, PD_ORDER_BIG,
                             -300, 0.5, 10, TRUE);
  layout_add_register_value (layout, PD_AREA_HOLDING, PD_TAG_TYPE_UINT16, PD_ORDER_LITTLE, PD_ORDER_BIG,
                             65535, 0.25, -100, TRUE);
  layout_add_register_value (layout, PD_AREA_INPUT, PD_TAG_TYPE_INT32, PD_ORDER_BIG, PD_ORDER_LITTLE,
                             -2000000, -0.125, 0.5, TRUE);
  layout_add_register_value (layout, PD_AREA_INPUT, PD_TAG_TYPE_FLOAT32, PD_ORDER_LITTLE, PD_ORDER_LITTLE,
                             21.5, 2, -1, TRUE);
  layout_add_register_value (layout, PD_AREA_HOLDING, PD_TAG_TYPE_FLOAT64, PD_ORDER_LITTLE, PD_ORDER_BIG,
                             -0.125, -4, 0.5, TRUE);
  layout_add_register_value (layout, PD_AREA_HOLDING, PD_TAG_TYPE_INT16, PD_ORDER_BIG, PD_ORDER_BIG,
                             1234, 0.1, -40, FALSE);
  layout_add_register_value (layout, PD_AREA_INPUT, PD_TAG_TYPE_UINT32, PD_ORDER_LITTLE, PD_ORDER_BIG,
                             G_MAXUINT32, 0.001, 0, FALSE);
  layout_add_register_value (layout, PD_AREA_INPUT, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG,
                             2731, 0.1, -273.15, FALSE);

  layout_add_bits (layout, PD_AREA_COIL, 0, coils_low, G_N_ELEMENTS (coils_low));
  layout_add_bits (layout, PD_AREA_COIL, 70, coils_high, G_N_ELEMENTS (coils_high));
  layout_add_bits (layout, PD_AREA_DISCRETE, 3, discrete_low, G_N_ELEMENTS (discrete_low));
  layout_add_bits (layout, PD_AREA_DISCRETE, 1990, discrete_high, G_N_ELEMENTS (discrete_high));

  g_test_message ("%u register tags over %u holding and %u input registers, %u tags in all",
                  n_register_tags, layout->next_address[PD_AREA_HOLDING],
                  layout->next_address[PD_AREA_INPUT], layout->tags->len);

  server = py_server_start_with (layout->config);
  device = make_device (server->port);

  /* Coalesced into blocks, as the engine polls… */
  check_layout (layout, device);

  /* …in small blocks with no gaps bridged… */
  device->max_gap = 0;
  device->max_block_registers = 8;
  device->max_block_bits = 8;
  check_layout (layout, device);

  /* …and one request per tag. */
  device->coalesce = FALSE;
  check_layout (layout, device);

  py_server_stop (server);
}

/* --- Values that are no number ------------------------------------------------- */

static void
test_not_finite_is_bad (void)
{
  g_autoptr(Config) config = config_new ();
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GArray) samples = NULL;
  /* 1.0f, a quiet NaN, +∞ as float32; −∞ as float64; 2.5 as float64. */
  const guint16 words[] = { 0x3F80, 0x0000, 0x7FC0, 0x0000, 0x7F80, 0x0000,
                            0xFFF0, 0x0000, 0x0000, 0x0000,
                            0x4004, 0x0000, 0x0000, 0x0000 };
  PyServer *server;

  SKIP_WITHOUT_PYMODBUS ();

  config_put (config, PD_AREA_INPUT, 0, words, G_N_ELEMENTS (words));
  g_ptr_array_add (tags, make_tag (1, PD_AREA_INPUT, 0, PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (2, PD_AREA_INPUT, 2, PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (3, PD_AREA_INPUT, 4, PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (4, PD_AREA_INPUT, 6, PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (5, PD_AREA_INPUT, 10, PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_BIG));

  server = py_server_start_with (config);
  device = make_device (server->port);
  samples = read_once (device, tags);

  assert_value (g_ptr_array_index (tags, 0), &g_array_index (samples, PdSample, 0), 1.0, TRUE);
  g_assert_cmpint (g_array_index (samples, PdSample, 1).quality, ==, PD_QUALITY_BAD);
  g_assert_cmpint (g_array_index (samples, PdSample, 2).quality, ==, PD_QUALITY_BAD);
  g_assert_cmpint (g_array_index (samples, PdSample, 3).quality, ==, PD_QUALITY_BAD);
  assert_value (g_ptr_array_index (tags, 4), &g_array_index (samples, PdSample, 4), 2.5, TRUE);

  py_server_stop (server);
}

/* --- Writes ------------------------------------------------------------------- */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} WriteWait;

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WriteWait *wait = user_data;

  wait->ok = pd_engine_write_finish (PD_ENGINE (source), result, &wait->error);
  wait->done = TRUE;
}

/* Writes VALUE to TAG and returns whether the engine said it worked, with
 * its error. */
static gboolean
engine_write (PdEngine        *engine,
              const PdDevice  *device,
              const PdTag     *tag,
              double           value,
              GError         **error)
{
  WriteWait wait = { 0, };

  pd_engine_write_async (engine, device, tag, value, NULL, write_done_cb, &wait);
  if (!pd_test_wait_for (&wait.done, 10))
    g_error ("writing %s did not finish within 10 s", tag->name);
  g_assert_true (wait.ok == (wait.error == NULL));
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.ok;
}

/* Writes VALUE to a register tag and checks, in pymodbus's own store, that
 * the registers hold RAW encoded here, then that the engine reads VALUE
 * back. */
static void
write_and_check_registers (PyServer       *server,
                           PdEngine       *engine,
                           const PdDevice *device,
                           PdTag          *tag,
                           double          value,
                           double          raw)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GArray) samples = NULL;
  guint16 expected[4];
  guint16 stored[4];
  guint n = encode_words (tag->type, tag->byte_order, tag->word_order, raw, expected);

  g_test_message ("write %.17g to %s", value, tag->name);
  g_assert_true (engine_write (engine, device, tag, value, &error));
  g_assert_no_error (error);

  py_server_get (server, tag->area, tag->address, n, stored);
  for (guint i = 0; i < n; i++)
    {
      if (stored[i] != expected[i])
        g_error ("%s: register %u holds 0x%04X after writing %.17g, expected 0x%04X",
                 tag->name, tag->address + i, stored[i], value, expected[i]);
    }

  g_ptr_array_add (one, tag);
  samples = read_once (device, one);
  assert_value (tag, &g_array_index (samples, PdSample, 0), value,
                tag->scale == 1 && tag->offset == 0);
}

static void
write_and_check_coil (PyServer       *server,
                      PdEngine       *engine,
                      const PdDevice *device,
                      const PdTag    *tag,
                      gboolean        value)
{
  g_autoptr(GError) error = NULL;
  guint16 stored;

  g_assert_true (engine_write (engine, device, tag, value ? 1 : 0, &error));
  g_assert_no_error (error);
  py_server_get (server, PD_AREA_COIL, tag->address, 1, &stored);
  g_assert_cmpuint (stored, ==, value ? 1 : 0);
}

typedef struct
{
  PdTagType type;
  PdOrder   byte_order;
  PdOrder   word_order;
  double    value;
} WriteCase;

static void
test_writes (void)
{
  g_autoptr(Config) config = config_new ();
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) devices = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const WriteCase cases[] = {
    { PD_TAG_TYPE_INT16, PD_ORDER_BIG, PD_ORDER_BIG, -32768 },
    { PD_TAG_TYPE_INT16, PD_ORDER_LITTLE, PD_ORDER_BIG, -2 },
    { PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG, 65535 },
    { PD_TAG_TYPE_UINT16, PD_ORDER_LITTLE, PD_ORDER_BIG, 0x1234 },
    { PD_TAG_TYPE_INT32, PD_ORDER_BIG, PD_ORDER_BIG, -123456789 },
    { PD_TAG_TYPE_INT32, PD_ORDER_BIG, PD_ORDER_LITTLE, G_MININT32 },
    { PD_TAG_TYPE_INT32, PD_ORDER_LITTLE, PD_ORDER_BIG, 0x12345678 },
    { PD_TAG_TYPE_INT32, PD_ORDER_LITTLE, PD_ORDER_LITTLE, -1 },
    { PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG, G_MAXUINT32 },
    { PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_LITTLE, 0x89ABCDEF },
    { PD_TAG_TYPE_UINT32, PD_ORDER_LITTLE, PD_ORDER_BIG, 65536 },
    { PD_TAG_TYPE_UINT32, PD_ORDER_LITTLE, PD_ORDER_LITTLE, 0x01020304 },
    { PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_BIG, -273.15f },
    { PD_TAG_TYPE_FLOAT32, PD_ORDER_BIG, PD_ORDER_LITTLE, 0.1f },
    { PD_TAG_TYPE_FLOAT32, PD_ORDER_LITTLE, PD_ORDER_BIG, FLT_MAX },
    { PD_TAG_TYPE_FLOAT32, PD_ORDER_LITTLE, PD_ORDER_LITTLE, 1.5f },
    { PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_BIG, -1234567.890123 },
    { PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_LITTLE, G_PI },
    { PD_TAG_TYPE_FLOAT64, PD_ORDER_LITTLE, PD_ORDER_BIG, DBL_MIN },
    { PD_TAG_TYPE_FLOAT64, PD_ORDER_LITTLE, PD_ORDER_LITTLE, -1e300 },
  };
  PdTag *coil, *scaled, *rounded, *unmapped;
  guint16 before[4];
  guint16 after[4];
  guint address = 0;
  PyServer *server;

  SKIP_WITHOUT_PYMODBUS ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PdTag *tag = make_tag (i + 1, PD_AREA_HOLDING, address, cases[i].type,
                             cases[i].byte_order, cases[i].word_order);

      g_ptr_array_add (tags, tag);
      address += type_width (cases[i].type);
    }
  scaled = make_tag (100, PD_AREA_HOLDING, address++, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG);
  scaled->scale = 0.5;
  scaled->offset = 10;
  g_ptr_array_add (tags, scaled);
  rounded = make_tag (101, PD_AREA_HOLDING, address++, PD_TAG_TYPE_INT16, PD_ORDER_BIG, PD_ORDER_BIG);
  rounded->scale = 0.1;
  g_ptr_array_add (tags, rounded);
  config_put_zeros (config, PD_AREA_HOLDING, 0, address);
  /* A register pymodbus does not have: the write gets exception 2. */
  unmapped = make_tag (102, PD_AREA_HOLDING, 500, PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG);
  config_put_zeros (config, PD_AREA_HOLDING, 500, 1);
  coil = make_tag (103, PD_AREA_COIL, 9, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG);
  config_put_zeros (config, PD_AREA_COIL, 0, 16);

  server = py_server_start_with (config);
  device = make_device (server->port);

  /* The engine does not poll the device: each write over a connection of
   * its own. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    write_and_check_registers (server, engine, device, g_ptr_array_index (tags, i),
                               cases[i].value, cases[i].value);
  write_and_check_coil (server, engine, device, coil, TRUE);
  write_and_check_coil (server, engine, device, coil, FALSE);

  /* The engine polls it: the writes are queued to its worker. Other values,
   * so that nothing passes by being left from before. */
  g_ptr_array_add (devices, device);
  g_ptr_array_add (tags, pd_tag_copy (coil));
  pd_engine_configure (engine, devices, tags);
  pd_engine_start (engine);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      double value = tag->type == PD_TAG_TYPE_UINT16 || tag->type == PD_TAG_TYPE_UINT32
                     ? 4242 : -cases[i].value / 2;

      if (tag->type == PD_TAG_TYPE_INT16 || tag->type == PD_TAG_TYPE_INT32)
        value = floor (value);
      write_and_check_registers (server, engine, device, g_ptr_array_index (tags, i), value, value);
    }
  write_and_check_coil (server, engine, device, coil, TRUE);

  /* Engineering units: raw = (value − offset) / scale, integers rounded. */
  write_and_check_registers (server, engine, device, scaled, 110.5, 201);
  write_and_check_registers (server, engine, device, rounded, -12.3, -123);

  /* An exception answer fails the write and changes nothing. */
  py_server_get (server, PD_AREA_HOLDING, 500, 1, before);
  g_assert_false (engine_write (engine, device, unmapped, 7, &error));
  g_assert_nonnull (error);
  g_test_message ("unmapped write: %s", error->message);
  g_clear_error (&error);
  py_server_get (server, PD_AREA_HOLDING, 500, 1, after);
  g_assert_cmpuint (before[0], ==, after[0]);

  /* A value that does not fit is refused before anything is sent. */
  py_server_get (server, PD_AREA_HOLDING, scaled->address, 1, before);
  g_assert_false (engine_write (engine, device, scaled, -1000, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  py_server_get (server, PD_AREA_HOLDING, scaled->address, 1, after);
  g_assert_cmpuint (before[0], ==, after[0]);

  pd_engine_stop (engine);
  pd_tag_free (unmapped);
  pd_tag_free (coil);
  py_server_stop (server);
}

/* --- Exceptions ------------------------------------------------------------------ */

typedef struct
{
  GHashTable *latest;  /* tag id → PdSample */
} Seen;

static void
seen_cb (PdEngine       *engine,
         const PdSample *samples,
         guint           n_samples,
         const gint64   *changed_devices,
         guint           n_changed_devices,
         gpointer        user_data)
{
  Seen *seen = user_data;

  for (guint i = 0; i < n_samples; i++)
    g_hash_table_insert (seen->latest, g_memdup2 (&samples[i].tag_id, sizeof (gint64)),
                         g_memdup2 (&samples[i], sizeof (PdSample)));
}

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
has_bad_address (const PdDeviceStatus *status,
                 PdArea                area,
                 guint                 address)
{
  for (guint i = 0; status->bad_addresses != NULL && i < status->bad_addresses->len; i++)
    {
      if (g_array_index (status->bad_addresses, guint32, i) == ((guint32) area << 16 | address))
        return TRUE;
    }

  return FALSE;
}

static void
test_exception_spoils_one_tag (void)
{
  g_autoptr(Config) config = config_new ();
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(PdEngine) engine = pd_engine_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GPtrArray) devices = g_ptr_array_new ();
  g_autoptr(GArray) samples = NULL;
  g_autoptr(PdDeviceStatus) status = NULL;
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint16 holding[10], holding_high[10], input[4];
  const guint16 coils[] = { 1, 0, 1 };
  Seen seen = { latest };
  PyServer *server;
  guint subscription, tick;
  gint64 deadline;

  SKIP_WITHOUT_PYMODBUS ();

  /* Holding 0–9 and 20–29 exist, 10–19 do not; input 0–3 exist. */
  for (guint i = 0; i < 10; i++)
    {
      holding[i] = 100 + i;
      holding_high[i] = 200 + i;
    }
  for (guint i = 0; i < 4; i++)
    input[i] = 300 + i;
  config_put (config, PD_AREA_HOLDING, 0, holding, 10);
  config_put (config, PD_AREA_HOLDING, 20, holding_high, 10);
  config_put (config, PD_AREA_INPUT, 0, input, 4);
  config_put (config, PD_AREA_COIL, 0, coils, 3);

  g_ptr_array_add (tags, make_tag (1, PD_AREA_HOLDING, 0, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (2, PD_AREA_HOLDING, 5, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (3, PD_AREA_HOLDING, 12, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (4, PD_AREA_HOLDING, 20, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (5, PD_AREA_HOLDING, 28, PD_TAG_TYPE_UINT32, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (6, PD_AREA_INPUT, 1, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (7, PD_AREA_INPUT, 12, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (8, PD_AREA_COIL, 2, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG));
  g_ptr_array_add (tags, make_tag (9, PD_AREA_COIL, 40, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG));

  server = py_server_start_with (config);
  device = make_device (server->port);

  /* One read: holding 0–29 is one block, as is input 1–12 and coils 2–40;
   * each answers with an exception and is read tag by tag. */
  samples = read_once (device, tags);
  assert_value (g_ptr_array_index (tags, 0), &g_array_index (samples, PdSample, 0), 100, TRUE);
  assert_value (g_ptr_array_index (tags, 1), &g_array_index (samples, PdSample, 1), 105, TRUE);
  g_assert_cmpint (g_array_index (samples, PdSample, 2).quality, ==, PD_QUALITY_BAD);
  assert_value (g_ptr_array_index (tags, 3), &g_array_index (samples, PdSample, 3), 200, TRUE);
  assert_value (g_ptr_array_index (tags, 4), &g_array_index (samples, PdSample, 4),
                208.0 * 65536 + 209, TRUE);
  assert_value (g_ptr_array_index (tags, 5), &g_array_index (samples, PdSample, 5), 301, TRUE);
  g_assert_cmpint (g_array_index (samples, PdSample, 6).quality, ==, PD_QUALITY_BAD);
  assert_value (g_ptr_array_index (tags, 7), &g_array_index (samples, PdSample, 7), 1, TRUE);
  g_assert_cmpint (g_array_index (samples, PdSample, 8).quality, ==, PD_QUALITY_BAD);

  /* Polled: the device is degraded, remembers the bad addresses and keeps
   * delivering the good tags. */
  g_ptr_array_add (devices, device);
  pd_engine_configure (engine, devices, tags);
  subscription = pd_engine_subscribe (engine, NULL, 50, seen_cb, &seen, NULL);
  tick = g_timeout_add (20, tick_cb, NULL);
  pd_engine_start (engine);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_clear_pointer (&status, pd_device_status_free);
      status = pd_engine_dup_status (engine, device->id);
      g_assert_nonnull (status);
      if (status->state == PD_DEVICE_STATE_DEGRADED &&
          has_bad_address (status, PD_AREA_HOLDING, 12) &&
          has_bad_address (status, PD_AREA_INPUT, 12) &&
          has_bad_address (status, PD_AREA_COIL, 40) &&
          g_hash_table_size (latest) == tags->len)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("not degraded with holding 12, input 12 and coil 40 bad within 10 s: state %d, %u tags seen, last error %s",
                 status->state, g_hash_table_size (latest), status->last_error);
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_false (has_bad_address (status, PD_AREA_HOLDING, 0));
  g_assert_false (has_bad_address (status, PD_AREA_HOLDING, 20));
  g_assert_cmpuint (status->errors, >, 0);
  for (guint i = 0; i < tags->len; i++)
    {
      const PdTag *tag = g_ptr_array_index (tags, i);
      const PdSample *sample = g_hash_table_lookup (latest, &tag->id);
      gboolean bad = i == 2 || i == 6 || i == 8;

      g_assert_nonnull (sample);
      g_assert_cmpint (sample->quality, ==, bad ? PD_QUALITY_BAD : PD_QUALITY_GOOD);
      if (!bad)
        g_assert_cmpfloat (sample->value, ==, g_array_index (samples, PdSample, i).value);
    }

  pd_engine_stop (engine);
  pd_engine_unsubscribe (engine, subscription);
  g_source_remove (tick);
  py_server_stop (server);
}

/* --- A unit the server does not serve ------------------------------------------- */

/* pymodbus drops requests for other unit ids without an answer, as a
 * device that stopped answering: the read fails once, after one timeout,
 * rather than once per tag. */
static void
test_other_unit_does_not_answer (void)
{
  g_autoptr(Config) config = config_new ();
  g_autoptr(PdDevice) device = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_tag_free);
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  PyServer *server;
  gint64 start, elapsed;

  SKIP_WITHOUT_PYMODBUS ();

  config_put_zeros (config, PD_AREA_HOLDING, 0, 20);
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (tags, make_tag (i + 1, PD_AREA_HOLDING, i, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG));

  server = py_server_start_with (config);
  device = make_device (server->port);

  /* The right unit answers… */
  samples = read_once (device, tags);
  for (guint i = 0; i < tags->len; i++)
    assert_value (g_ptr_array_index (tags, i), &g_array_index (samples, PdSample, i), 0, TRUE);
  g_clear_pointer (&samples, g_array_unref);

  /* …another does not; one request per tag would take 20 timeouts. */
  device->unit_id = 2;
  device->timeout_ms = 300;
  device->coalesce = FALSE;
  start = g_get_monotonic_time ();
  samples = pd_engine_read_once (device, tags, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("unit 2: %s after %" G_GINT64_FORMAT " ms",
                  error != NULL ? error->message : "samples", elapsed / 1000);
  g_assert_null (samples);
  g_assert_nonnull (error);
  g_assert_cmpint (elapsed, <, 10 * device->timeout_ms * 1000);

  py_server_stop (server);
}

/* --- main ----------------------------------------------------------------------- */

/* Skips (with the reason) only when the Python that runs the server cannot
 * import pymodbus. */
static char *
find_skip_reason (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { python_path (), "-c",
                         "import pymodbus.server.async_io, pymodbus.datastore", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, &error))
    return g_strdup_printf ("cannot run %s: %s", python_path (), error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      /* The traceback's last line says why, on one line as TAP needs. */
      const char *last = strrchr (g_strstrip (err), '\n');

      return g_strdup_printf ("%s cannot import pymodbus (install python3-pymodbus): %s",
                              python_path (), last != NULL ? last + 1 : err);
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  skip_reason = find_skip_reason ();

  g_test_add_func ("/core/acq/pymodbus/encoder-self-check", test_encoder_self_check);
  g_test_add_func ("/core/acq/pymodbus/every-type-and-order", test_every_type_and_order);
  g_test_add_func ("/core/acq/pymodbus/not-finite-is-bad", test_not_finite_is_bad);
  g_test_add_func ("/core/acq/pymodbus/writes", test_writes);
  g_test_add_func ("/core/acq/pymodbus/exception-spoils-one-tag", test_exception_spoils_one_tag);
  g_test_add_func ("/core/acq/pymodbus/other-unit-does-not-answer", test_other_unit_does_not_answer);

  status = g_test_run ();
  g_free (skip_reason);
  return status;
}
