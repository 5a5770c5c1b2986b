/* test-traveler.c — the work-order traveler: plantdesk-ctl wo traveler
 * writes a PDF whose QR code reads back as the order's number and whose
 * text holds the product, the components with their needs and the
 * operations, in Chinese too; long routings go on to further pages
 *
 * Copyright 2026 The Plantdesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-traveler"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pd-core.h"
#include "pd-ctl-test-utils.h"
#include "pd-error.h"
#include "pd-store.h"
#include "pd-test-utils.h"
#include "pd-traveler.h"

#define AS_ADMIN PD_CTL_TEST_AS ("admin")
#define AS_SUPERVISOR PD_CTL_TEST_AS ("supervisor")

#define CTL(f, env, ...) pd_ctl_test_run ((f)->dir, (env), (const char * const []) { __VA_ARGS__, NULL })

#define RUN_OK(f, env, ...) G_STMT_START { \
    g_autoptr(PdCtlRun) run_ = CTL (f, env, __VA_ARGS__); \
    pd_ctl_test_assert_ok (run_); \
  } G_STMT_END

typedef PdCtlFixture Fixture;

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_free (out);
      return NULL;
    }
  return out;
}

static gboolean
have_tools (void)
{
  const char *tools[] = { "zbarimg", "pdftotext", "pdftoppm" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_autofree char *message = g_strdup_printf ("%s is not installed (Debian: see build-aux/deps.sh)",
                                                      tools[i]);

          g_test_skip (message);
          return FALSE;
        }
    }
  return TRUE;
}

/* What zbarimg reads on the first page of PDF, rendered at 150 dpi. */
static char *
decode_first_page (const char *pdf)
{
  g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *render[] = { "pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile",
                           pdf, prefix, NULL };
  const char *decode[] = { "zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png, NULL };
  g_autofree char *rendered = run_tool (render);
  char *out;

  g_assert_nonnull (rendered);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  out = run_tool (decode);
  g_assert_nonnull (out);
  return g_strchomp (out);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  char *text = run_tool (argv);

  g_assert_nonnull (text);
  return text;
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run_tool (argv);
  const char *line;

  g_assert_nonnull (info);
  line = strstr (info, "Pages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:") + strspn (line + strlen ("Pages:"), " "), NULL, 10);
}

/* Product NAME (SKU P) of components C1 (2 a unit, 10 % scrap, backflush)
 * and C2 (0.5 a unit, picked at start), routed 10 on MILL then 20 on
 * ASSY with instructions; MILL takes from A-01 (100 of each), ASSY puts
 * into WH1. */
static void
add_master_data (Fixture    *f,
                 const char *product_name,
                 const char *c1_name,
                 const char *instructions)
{
  g_autofree char *instructions_arg = g_strconcat ("20:", instructions, NULL);

  RUN_OK (f, AS_ADMIN, "item", "add", "P", "--name", product_name, "--unit", "pcs");
  RUN_OK (f, AS_ADMIN, "item", "add", "C1", "--name", c1_name, "--unit", "kg");
  RUN_OK (f, AS_ADMIN, "item", "add", "C2", "--name", "Bracket", "--unit", "pcs");
  RUN_OK (f, AS_ADMIN, "location", "add", "WH1");
  RUN_OK (f, AS_ADMIN, "location", "add", "A-01", "--parent", "WH1");
  RUN_OK (f, AS_ADMIN, "stock", "receive", "C1", "100", "--to", "A-01");
  RUN_OK (f, AS_ADMIN, "stock", "receive", "C2", "100", "--to", "A-01");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "MILL", "--name", "Mill", "--shift", "mon-fri:06:00-14:00",
          "--from-location", "A-01");
  RUN_OK (f, AS_SUPERVISOR, "workcenter", "add", "ASSY", "--name", "Assembly", "--shift", "mon-fri:06:00-14:00",
          "--to-location", "WH1");
  RUN_OK (f, AS_SUPERVISOR, "bom", "set", "P", "--component", "C1:2:10", "--component", "C2:0.5",
          "--pick-at-start", "C2");
  RUN_OK (f, AS_SUPERVISOR, "routing", "set", "P", "--op", "10:MILL:15:30", "--op", "20:ASSY:0:45",
          "--instructions", instructions_arg);
}

static char *
create_order (Fixture *f)
{
  g_autoptr(PdCtlRun) create = CTL (f, AS_SUPERVISOR, "wo", "create", "P", "12", "--due",
                                    "2099-06-01T12:00:00Z", "--priority", "2", "--ref", "SO-77");

  pd_ctl_test_assert_ok (create);
  return g_strstrip (g_strdup (create->out));
}

static void
test_ctl_pdf (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "traveler.pdf", NULL);
  g_autofree char *qr = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  add_master_data (f, "Gearbox G1", "Steel sheet", "Check the torque");
  number = create_order (f);
  RUN_OK (f, AS_SUPERVISOR, "wo", "release", number);

  node = pd_ctl_test_run_json (f->dir, AS_SUPERVISOR,
                               (const char * const []) { "wo", "traveler", number, "--pdf", pdf, NULL });
  o = pd_ctl_test_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "wo"), ==, number);
  g_assert_cmpint (json_object_get_int_member (o, "pages"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "bom_lines"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "operations"), ==, 2);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  if (!have_tools ())
    return;
  qr = decode_first_page (pdf);
  g_assert_cmpstr (qr, ==, number);

  text = pdf_text (pdf);
  pd_ctl_test_assert_contains (text, number);
  pd_ctl_test_assert_contains (text, "Gearbox G1");
  pd_ctl_test_assert_contains (text, "SO-77");
  pd_ctl_test_assert_contains (text, "C1");
  pd_ctl_test_assert_contains (text, "Steel sheet");
  pd_ctl_test_assert_contains (text, "C2");
  /* 12 × 2 kg + 10 % scrap; 12 × 0.5 */
  pd_ctl_test_assert_contains (text, "26.4 kg");
  pd_ctl_test_assert_contains (text, "6 pcs");
  pd_ctl_test_assert_contains (text, "MILL");
  pd_ctl_test_assert_contains (text, "ASSY");
  pd_ctl_test_assert_contains (text, "Check the torque");
  g_assert_cmpuint (pdf_pages (pdf), ==, 1);
}

static void
test_ctl_chinese (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *number = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "旅行单.pdf", NULL);
  g_autofree char *qr = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PdCtlRun) run = NULL;

  add_master_data (f, "齿轮箱 G1", "钢板", "检查扭矩");
  number = create_order (f);

  /* A draft shows the active versions. */
  run = CTL (f, AS_SUPERVISOR, "wo", "traveler", number, "--pdf", pdf);
  pd_ctl_test_assert_ok (run);
  pd_ctl_test_assert_contains (run->out, number);

  if (!have_tools ())
    return;
  qr = decode_first_page (pdf);
  g_assert_cmpstr (qr, ==, number);
  text = pdf_text (pdf);
  pd_ctl_test_assert_contains (text, "齿轮箱 G1");
  pd_ctl_test_assert_contains (text, "钢板");
  pd_ctl_test_assert_contains (text, "检查扭矩");
  pd_ctl_test_assert_contains (text, "MILL");
}

static void
test_ctl_refusals (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "none.pdf", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "no-such-dir", "x.pdf", NULL);
  g_autofree char *number = NULL;
  g_autoptr(PdCtlRun) unknown = NULL;
  g_autoptr(PdCtlRun) no_pdf = NULL;
  g_autoptr(PdCtlRun) unwritable = NULL;

  unknown = CTL (f, AS_SUPERVISOR, "wo", "traveler", "WO-999999", "--pdf", pdf);
  pd_ctl_test_assert_failed (unknown);
  pd_ctl_test_assert_contains (unknown->err, "WO-999999");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  no_pdf = CTL (f, AS_SUPERVISOR, "wo", "traveler", "WO-000001");
  pd_ctl_test_assert_usage_error (no_pdf);

  add_master_data (f, "Gearbox", "Steel", "Go");
  number = create_order (f);
  unwritable = CTL (f, AS_SUPERVISOR, "wo", "traveler", number, "--pdf", bad);
  pd_ctl_test_assert_failed (unwritable);
  pd_ctl_test_assert_contains (unwritable->err, "x.pdf");
}

/* Thirty operations with long instructions do not fit one page: every
 * page is drawn, each operation once, and the last page's QR is not
 * repeated. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PdStore) store = NULL;
  g_autoptr(PdTraveler) traveler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PdCtlRun) run = NULL;
  guint n_pages = 0;
  cairo_surface_t *surface;
  cairo_t *cr;

  add_master_data (f, "Gearbox", "Steel", "Go");
  g_ptr_array_add (args, g_strdup ("routing"));
  g_ptr_array_add (args, g_strdup ("set"));
  g_ptr_array_add (args, g_strdup ("P"));
  for (guint i = 1; i <= 30; i++)
    {
      g_ptr_array_add (args, g_strdup ("--op"));
      g_ptr_array_add (args, g_strdup_printf ("%u:%s:1:2", i * 10, i % 2 ? "MILL" : "ASSY"));
      g_ptr_array_add (args, g_strdup ("--instructions"));
      g_ptr_array_add (args, g_strdup_printf ("%u:Step %u: deburr every edge, blow the chips off and "
                                              "measure the bore twice before passing it on.", i * 10, i));
    }
  g_ptr_array_add (args, NULL);
  run = pd_ctl_test_run (f->dir, AS_SUPERVISOR, (const char * const *) args->pdata);
  pd_ctl_test_assert_ok (run);
  number = create_order (f);

  store = pd_store_open_existing (f->dir, &error);
  g_assert_no_error (error);
  traveler = pd_traveler_load (store, number, &error);
  g_assert_no_error (error);
  g_assert_nonnull (traveler->routing);
  g_assert_cmpuint (traveler->routing->ops->len, ==, 30);
  g_assert_cmpint (pd_traveler_get_need (traveler, g_ptr_array_index (traveler->bom->lines, 0)),
                   ==, 264 * PD_QTY_ONE / 10);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cr = cairo_create (surface);
  n_pages = pd_traveler_render (cr, traveler, PD_TRAVELER_A4_WIDTH, PD_TRAVELER_A4_HEIGHT, -1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (n_pages, >=, 3);

  g_assert_true (pd_traveler_write_pdf (pdf, traveler, &n_pages, &error));
  g_assert_no_error (error);
  if (!have_tools ())
    return;
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  text = pdf_text (pdf);
  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *step = g_strdup_printf ("Step %u:", i);
      const char *at = strstr (text, step);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, step));
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  pd_core_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pd_ctl_test_fixture_set_up_populated, func, pd_ctl_test_fixture_tear_down)
  ADD ("/traveler/ctl-pdf", test_ctl_pdf);
  ADD ("/traveler/ctl-chinese", test_ctl_chinese);
  ADD ("/traveler/ctl-refusals", test_ctl_refusals);
  ADD ("/traveler/pages", test_pages);
#undef ADD

  status = g_test_run ();
  pd_ctl_test_clear_template ();
  return status;
}
