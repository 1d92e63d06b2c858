/* test_report.c — figures, the HTML report and the comparison formats:
 * every figure's data and script written (and rendered when gnuplot is
 * installed), one colour per policy across figures, money units, scenario
 * strings escaped in the HTML, the table within 100 columns, CSV and JSON
 * with a row per policy. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "testutil.h"

#include "engine.h"
#include "out_report.h"

#define SMALL "tests/data/small.yaml"

typedef struct {
    scn *s;
    agg *a;
    out_run_info info;
    char dir[64];
} fixture;

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    size_t got = fread(b, 1, (size_t)n, f);
    b[got] = '\0';
    fclose(f);
    return b;
}

/* Load small.yaml, with its description replaced when `desc` is set. */
static scn *load(const char *desc)
{
    char *text = slurp(SMALL);
    assert_non_null(text);
    if (desc) {
        char *d = strstr(text, "description:");
        assert_non_null(d);
        char *eol = strchr(d, '\n');
        size_t len = strlen(text) + strlen(desc) + 32;
        char *t = malloc(len);
        snprintf(t, len, "%.*sdescription: %s%s", (int)(d - text), text, desc,
                 eol);
        free(text);
        text = t;
    }
    scn *s = NULL;
    err_t e;
    if (scn_load_string(SMALL, text, strlen(text), &s, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    free(text);
    return s;
}

static void run(fixture *x, const char *desc, long reps)
{
    x->s = load(desc);
    x->a = engine_agg_alloc(x->s);
    engine_opts o = {.replications = reps, .threads = 2, .seed = 11};
    engine_stats st;
    err_t e;
    assert_int_equal(engine_run(x->s, &o, x->a, &st, &e), ERR_OK);
    x->info = (out_run_info){.command_line = "test", .seed = 11,
                             .replications_requested = reps,
                             .replications_done = st.done};
    /* mkdtemp's template: six 'X' that it replaces with a unique name */
    char six[7];
    memset(six, 'X', 6);
    six[6] = '\0';
    snprintf(x->dir, sizeof x->dir, "/tmp/specsim-test-report-%s", six);
    assert_non_null(mkdtemp(x->dir));
}

static void cleanup(fixture *x)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
    assert_int_equal(system(cmd), 0);
    agg_free(x->a);
    scn_free(x->s);
}

static char *file_in(const fixture *x, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", x->dir, name);
    return slurp(path);
}

static bool gnuplot_installed(void)
{
    return system("command -v gnuplot > /dev/null 2>&1") == 0;
}

static void figures_and_report(void **state)
{
    (void)state;
    fixture x;
    run(&x, NULL, 4);
    out_ctx c = {x.s, x.a, &x.info};
    err_t e;
    assert_int_equal(out_reports_write(x.dir, &c, &e), ERR_OK);
    bool gp = gnuplot_installed();
    char name[128];
    for (int i = 0; i < out_nfigures; i++) {
        static const char *const ext[] = {"csv", "gp", "svg", "png"};
        for (int k = 0; k < (gp ? 4 : 2); k++) {
            snprintf(name, sizeof name, "figures/%s.%s", out_figures[i].name,
                     ext[k]);
            char *b = file_in(&x, name);
            if (b == NULL) fail_msg("%s missing", name);
            assert_true(strlen(b) > 0 || k == 3);
            free(b);
        }
    }
    char *html = file_in(&x, "report.html");
    assert_non_null(html);
    assert_contains(html, "<!DOCTYPE html>");
    for (int i = 0; i < out_nfigures; i++) {
        snprintf(name, sizeof name, "id=\"fig-%s\"", out_figures[i].name);
        if (gp) assert_contains(html, name);
    }
    if (gp) assert_contains(html, "data:image/svg+xml;base64,");
    assert_null(strstr(html, "src=\"http")); /* nothing from the network */
    assert_contains(html, "id=\"comparison\"");
    assert_contains(html, "id=\"effects\"");
    assert_contains(html, "id=\"caveats\"");
    assert_contains(html, "scenario SHA-256");
    free(html);
    cleanup(&x);
}

/* Every figure draws policy p in the same colour. */
static void colours_consistent(void **state)
{
    (void)state;
    fixture x;
    run(&x, NULL, 2);
    out_ctx c = {x.s, x.a, &x.info};
    err_t e;
    out_render r;
    assert_int_equal(out_figures_batch(x.dir, out_figures, out_nfigures, &c,
                                       &r, &e), ERR_OK);
    static const char *const by_policy[] = {"figures/coverage.gp",
                                            "figures/cost.gp",
                                            "figures/hrv_share.gp"};
    for (size_t k = 0; k < 3; k++) {
        char *gp = file_in(&x, by_policy[k]);
        assert_non_null(gp);
        for (int p = 0; p < x.s->npolicies; p++) {
            char want[128];
            snprintf(want, sizeof want, "lc rgb \"%s\" title \"%s\"",
                     out_policy_colour(p), x.s->policies[p].name);
            if (k == 1) /* the cost figure names policies on the axis */
                snprintf(want, sizeof want, "\"%s\", 4)/scale):($4/scale):"
                         "($6/scale):(pick(\"%s\", 6)/scale) with candlesticks "
                         "lw 1.5 lc rgb \"%s\"", x.s->policies[p].name,
                         x.s->policies[p].name, out_policy_colour(p));
            assert_contains(gp, want);
        }
        free(gp);
    }
    for (int p = 1; p < 16; p++)
        assert_string_not_equal(out_policy_colour(p), out_policy_colour(p - 1));
    cleanup(&x);
}

static void money_units(void **state)
{
    (void)state;
    out_money m = out_money_for(5.4e8);
    assert_string_equal(m.word, "million");
    assert_int_equal(m.decimals, 0);
    m = out_money_for(-7.25e7);
    assert_string_equal(m.word, "million");
    assert_int_equal(m.decimals, 1);
    m = out_money_for(2.385e9);
    assert_string_equal(m.word, "billion");
    assert_close(m.scale, 1e9, 0);
    assert_int_equal(m.decimals, 2);
    m = out_money_for(NAN);
    assert_string_equal(m.word, "million");
}

/* Scenario text goes into the page escaped. */
static void html_escaped(void **state)
{
    (void)state;
    fixture x;
    run(&x, "\"<script>alert('x')</script> & co\"", 2);
    out_ctx c = {x.s, x.a, &x.info};
    out_render none = {0, 0, true};
    err_t e;
    assert_int_equal(out_report_write(x.dir, &c, &none, &e), ERR_OK);
    char *html = file_in(&x, "report.html");
    assert_non_null(html);
    assert_null(strstr(html, "<script>alert"));
    assert_contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
                          "&amp; co");
    assert_contains(html, "gnuplot was not installed");
    free(html);
    cleanup(&x);
}

static char *to_string(err_code (*w)(FILE *, const out_ctx *, err_t *),
                       const out_ctx *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    err_t e;
    assert_int_equal(w(f, c, &e), ERR_OK);
    fclose(f);
    return buf;
}

static void comparison_formats(void **state)
{
    (void)state;
    fixture x;
    run(&x, NULL, 3);
    /* a long policy name must not push the table past 100 columns */
    snprintf(x.s->policies[1].name, SPECSIM_NAME_MAX, "%s",
             "a_very_long_policy_name_indeed");
    out_ctx c = {x.s, x.a, &x.info};
    char *t = to_string(out_table, &c);
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n"))
        if (strlen(line) > 100) fail_msg("line too long: %s", line);
    free(t);
    char *csv = to_string(out_table_csv, &c);
    int rows = 0;
    for (char *p = csv; *p; p++) rows += *p == '\n';
    assert_int_equal(rows, 1 + x.s->npolicies);
    assert_contains(csv, "policy,currency,replications,last_year,"
                         "cost_total_npv_mean,");
    free(csv);
    char *js = to_string(out_table_json, &c);
    json_error_t je;
    json_t *root = json_loads(js, 0, &je);
    assert_non_null(root);
    assert_int_equal(json_array_size(json_object_get(root, "policies")),
                     x.s->npolicies);
    json_decref(root);
    free(js);
    cleanup(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figures_and_report),
        cmocka_unit_test(colours_consistent),
        cmocka_unit_test(money_units),
        cmocka_unit_test(html_escaped),
        cmocka_unit_test(comparison_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
