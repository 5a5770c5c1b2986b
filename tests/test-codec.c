/* test-codec.c — tag values to and from registers, every type and order
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-codec"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pd-modbus-codec.h"
#include "pd-test-utils.h"

static PdTag *
make_tag (PdArea    area,
          PdTagType type,
          PdOrder   byte_order,
          PdOrder   word_order)
{
  PdTag *tag = pd_tag_new ();

  g_free (tag->name);
  tag->name = g_strdup ("t");
  tag->area = area;
  tag->type = type;
  tag->byte_order = byte_order;
  tag->word_order = word_order;
  tag->scale = 1.0;
  tag->offset = 0.0;
  return tag;
}

/* The value's bytes most significant first (the order a big-endian
 * device keeps them in), independent of the codec's arithmetic. */
static guint
big_endian_bytes (PdTagType type,
                  double    value,
                  guint8   *bytes)
{
  guint64 raw;
  guint n;

  switch (type)
    {
    case PD_TAG_TYPE_INT16: raw = (guint16) (gint16) value; n = 2; break;
    case PD_TAG_TYPE_UINT16: raw = (guint16) value; n = 2; break;
    case PD_TAG_TYPE_INT32: raw = (guint32) (gint32) value; n = 4; break;
    case PD_TAG_TYPE_UINT32: raw = (guint32) value; n = 4; break;
    case PD_TAG_TYPE_FLOAT32:
      {
        float f = (float) value;
        guint32 b;

        memcpy (&b, &f, 4);
        raw = b;
        n = 4;
      }
      break;
    case PD_TAG_TYPE_FLOAT64:
      memcpy (&raw, &value, 8);
      n = 8;
      break;
    default:
      g_assert_not_reached ();
    }

  for (guint i = 0; i < n; i++)
    bytes[i] = (guint8) (raw >> (8 * (n - 1 - i)));
  return n;
}

/* What the device holds for each order: words are pairs of bytes, swapped
 * for little byte order; the list of words reversed for little word order. */
static guint
device_registers (PdTagType type,
                  double    value,
                  PdOrder   byte_order,
                  PdOrder   word_order,
                  guint16  *registers)
{
  guint8 bytes[8];
  guint n = big_endian_bytes (type, value, bytes);
  guint words = n / 2;

  for (guint w = 0; w < words; w++)
    {
      guint8 hi = bytes[2 * w];
      guint8 lo = bytes[2 * w + 1];
      guint slot = word_order == PD_ORDER_BIG ? w : words - 1 - w;

      registers[slot] = byte_order == PD_ORDER_BIG ? (hi << 8 | lo) : (lo << 8 | hi);
    }
  return words;
}

static void
test_codec_every_type_and_order (void)
{
  struct {
    PdTagType type;
    double    value;
  } cases[] = {
    { PD_TAG_TYPE_INT16, -12345 },
    { PD_TAG_TYPE_INT16, 32767 },
    { PD_TAG_TYPE_UINT16, 65535 },
    { PD_TAG_TYPE_UINT16, 0x1234 },
    { PD_TAG_TYPE_INT32, -2000000000 },
    { PD_TAG_TYPE_INT32, 0x12345678 },
    { PD_TAG_TYPE_UINT32, 4000000000.0 },
    { PD_TAG_TYPE_FLOAT32, 123.456f },
    { PD_TAG_TYPE_FLOAT32, -0.000125f },
    { PD_TAG_TYPE_FLOAT64, 3.141592653589793 },
    { PD_TAG_TYPE_FLOAT64, -1.0e300 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (PdOrder bo = PD_ORDER_BIG; bo <= PD_ORDER_LITTLE; bo++)
      for (PdOrder wo = PD_ORDER_BIG; wo <= PD_ORDER_LITTLE; wo++)
        {
          g_autoptr(PdTag) tag = make_tag (PD_AREA_HOLDING, cases[c].type, bo, wo);
          g_autoptr(GError) error = NULL;
          guint16 expected[4];
          guint16 encoded[4];
          guint n_expected;
          guint n_encoded = 0;
          double decoded = NAN;

          n_expected = device_registers (cases[c].type, cases[c].value, bo, wo, expected);
          g_assert_cmpuint (n_expected, ==, pd_tag_type_get_width (cases[c].type));

          g_assert_true (pd_modbus_decode_registers (tag, expected, n_expected, &decoded, &error));
          g_assert_no_error (error);
          g_assert_cmpfloat (decoded, ==, cases[c].value);

          g_assert_true (pd_modbus_encode (tag, cases[c].value, encoded, &n_encoded, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (n_encoded, ==, n_expected);
          g_assert_cmpmem (encoded, n_encoded * 2, expected, n_expected * 2);
        }
}

static void
test_codec_known_words (void)
{
  /* 123.456f is 0x42F6E979: ABCD, CDAB, BADC and DCBA as devices ship it. */
  const guint16 abcd[] = { 0x42F6, 0xE979 };
  const guint16 cdab[] = { 0xE979, 0x42F6 };
  const guint16 badc[] = { 0xF642, 0x79E9 };
  const guint16 dcba[] = { 0x79E9, 0xF642 };
  const guint16 *words[2][2] = { { abcd, cdab }, { badc, dcba } };

  for (PdOrder bo = PD_ORDER_BIG; bo <= PD_ORDER_LITTLE; bo++)
    for (PdOrder wo = PD_ORDER_BIG; wo <= PD_ORDER_LITTLE; wo++)
      {
        g_autoptr(PdTag) tag = make_tag (PD_AREA_INPUT, PD_TAG_TYPE_FLOAT32, bo, wo);
        double v = 0;

        g_assert_true (pd_modbus_decode_registers (tag, words[bo][wo], 2, &v, NULL));
        g_assert_cmpfloat (v, ==, (double) 123.456f);
      }
}

static void
test_codec_scale_offset (void)
{
  g_autoptr(PdTag) tag = make_tag (PD_AREA_HOLDING, PD_TAG_TYPE_INT16, PD_ORDER_BIG, PD_ORDER_BIG);
  g_autoptr(GError) error = NULL;
  guint16 reg = (guint16) (gint16) -250;
  guint16 out = 0;
  guint n = 0;
  double v = 0;

  tag->scale = 0.1;
  tag->offset = 20.0;
  g_assert_true (pd_modbus_decode_registers (tag, &reg, 1, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (v, -5.0, 1e-9);

  /* Back: (−5 − 20) / 0.1 = −250; 15.04 rounds to raw −50 (15.0). */
  g_assert_true (pd_modbus_encode (tag, -5.0, &out, &n, NULL, &error));
  g_assert_cmpint ((gint16) out, ==, -250);
  g_assert_true (pd_modbus_encode (tag, 15.04, &out, &n, NULL, &error));
  g_assert_cmpint ((gint16) out, ==, -50);

  /* Booleans are 0 or 1, not scaled. */
  tag->type = PD_TAG_TYPE_BOOL;
  reg = 7;
  g_assert_true (pd_modbus_decode_registers (tag, &reg, 1, &v, &error));
  g_assert_cmpfloat (v, ==, 1.0);
  reg = 0;
  g_assert_true (pd_modbus_decode_registers (tag, &reg, 1, &v, &error));
  g_assert_cmpfloat (v, ==, 0.0);
}

static void
test_codec_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (PdTagType type = PD_TAG_TYPE_INT16; type <= PD_TAG_TYPE_FLOAT64; type++)
    for (guint i = 0; i < 200; i++)
      {
        g_autoptr(PdTag) tag = make_tag (PD_AREA_HOLDING, type,
                                         g_rand_boolean (rand), g_rand_boolean (rand));
        g_autoptr(GError) error = NULL;
        guint16 regs[4];
        guint n = 0;
        double in;
        double out = NAN;

        tag->scale = g_rand_boolean (rand) ? 1.0 : 0.5;
        tag->offset = g_rand_double_range (rand, -10, 10);
        switch (type)
          {
          case PD_TAG_TYPE_INT16: in = g_rand_int_range (rand, G_MININT16, G_MAXINT16); break;
          case PD_TAG_TYPE_UINT16: in = g_rand_int_range (rand, 0, G_MAXUINT16); break;
          case PD_TAG_TYPE_INT32: in = g_rand_int (rand) - 2147483648.0; break;
          case PD_TAG_TYPE_UINT32: in = g_rand_int (rand); break;
          case PD_TAG_TYPE_FLOAT32: in = (float) g_rand_double_range (rand, -1e6, 1e6); break;
          default: in = g_rand_double_range (rand, -1e12, 1e12); break;
          }
        /* An engineering value that maps onto a raw value exactly. */
        in = in * tag->scale + tag->offset;

        g_assert_true (pd_modbus_encode (tag, in, regs, &n, NULL, &error));
        g_assert_no_error (error);
        g_assert_true (pd_modbus_decode_registers (tag, regs, n, &out, &error));
        g_assert_no_error (error);
        if (type == PD_TAG_TYPE_FLOAT32)
          g_assert_cmpfloat_with_epsilon (out, in, fabs (in) * 1e-6 + 1e-5);
        else
          g_assert_cmpfloat_with_epsilon (out, in, fabs (in) * 1e-12 + 1e-6);
      }
}

static void
test_codec_refusals (void)
{
  struct {
    PdTagType type;
    double    value;
  } bad[] = {
    { PD_TAG_TYPE_INT16, 32768 },
    { PD_TAG_TYPE_INT16, -32769 },
    { PD_TAG_TYPE_UINT16, -1 },
    { PD_TAG_TYPE_UINT16, 65536 },
    { PD_TAG_TYPE_INT32, 2147483648.0 },
    { PD_TAG_TYPE_UINT32, -0.6 },
    { PD_TAG_TYPE_UINT32, 4294967296.0 },
    { PD_TAG_TYPE_FLOAT32, 1e39 },
    { PD_TAG_TYPE_FLOAT32, NAN },
    { PD_TAG_TYPE_FLOAT64, INFINITY },
    { PD_TAG_TYPE_INT16, NAN },
    { PD_TAG_TYPE_BOOL, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PdTag) tag = make_tag (PD_AREA_HOLDING, bad[i].type, PD_ORDER_BIG, PD_ORDER_BIG);
      g_autoptr(GError) error = NULL;
      guint16 regs[4] = { 0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA };
      guint n = 99;

      g_assert_false (pd_modbus_encode (tag, bad[i].value, regs, &n, NULL, &error));
      g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
      g_assert_nonnull (error->message);
      g_assert_cmpuint (n, ==, 99);
      g_assert_cmpuint (regs[0], ==, 0xAAAA);
    }

  /* −0.4 rounds to 0 and fits an unsigned type. */
  {
    g_autoptr(PdTag) tag = make_tag (PD_AREA_HOLDING, PD_TAG_TYPE_UINT16, PD_ORDER_BIG, PD_ORDER_BIG);
    guint16 reg = 1;
    guint n = 0;

    g_assert_true (pd_modbus_encode (tag, -0.4, &reg, &n, NULL, NULL));
    g_assert_cmpuint (reg, ==, 0);
  }
}

static void
test_codec_bits_and_short_reads (void)
{
  g_autoptr(PdTag) coil = make_tag (PD_AREA_COIL, PD_TAG_TYPE_BOOL, PD_ORDER_BIG, PD_ORDER_BIG);
  g_autoptr(PdTag) wide = make_tag (PD_AREA_HOLDING, PD_TAG_TYPE_FLOAT64, PD_ORDER_BIG, PD_ORDER_BIG);
  g_autoptr(GError) error = NULL;
  const guint16 regs[4] = { 0x7FF8, 0, 0, 0 };  /* NaN */
  guint8 bit = 0;
  guint n = 99;
  double v = 0;

  g_assert_cmpfloat (pd_modbus_decode_bit (coil, 1), ==, 1.0);
  g_assert_cmpfloat (pd_modbus_decode_bit (coil, 0), ==, 0.0);
  g_assert_true (pd_modbus_encode (coil, 1.0, NULL, &n, &bit, &error));
  g_assert_cmpuint (bit, ==, 1);
  g_assert_cmpuint (n, ==, 0);

  g_assert_false (pd_modbus_decode_registers (wide, regs, 3, &v, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pd_modbus_decode_registers (wide, regs, 4, &v, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/acq/codec/every-type-and-order", test_codec_every_type_and_order);
  g_test_add_func ("/core/acq/codec/known-words", test_codec_known_words);
  g_test_add_func ("/core/acq/codec/scale-offset", test_codec_scale_offset);
  g_test_add_func ("/core/acq/codec/round-trip", test_codec_round_trip);
  g_test_add_func ("/core/acq/codec/refusals", test_codec_refusals);
  g_test_add_func ("/core/acq/codec/bits-and-short-reads", test_codec_bits_and_short_reads);

  return g_test_run ();
}
