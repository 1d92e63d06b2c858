/* test_schema.c — the scenario schema: the committed field reference in
 * docs/scenario-format.md is the one the schema generates (make docs),
 * every table is well formed, and the generator's errors. Run from the
 * repository root.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "scn_schema.h"

#define DOC "docs/scenario-format.md"

/* The document `text` with its generated blocks rewritten (heap). */
static char *regenerate(const char *text, err_code *rc, err_t *e)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    *rc = scn_schema_update_doc(text, f, e);
    fclose(f);
    return out;
}

/* The committed reference is what the schema generates: a field whose
 * range, default or meaning changed in the schema without `make docs`
 * fails here. */
static void reference_is_generated(void **state)
{
    (void)state;
    char *text = test_read_file(DOC);
    err_t e;
    err_code rc;
    char *out = regenerate(text, &rc, &e);
    if (rc != ERR_OK) fail_msg("%s", e.msg);
    if (strcmp(text, out) != 0) {
        size_t i = 0;
        int line = 1;
        for (; text[i] != '\0' && text[i] == out[i]; i++) line += text[i] == '\n';
        fail_msg(DOC " differs from the schema from line %d on: run make docs",
                 line);
    }
    /* every table is in the document */
    for (int t = 0; scn_schema_all[t] != NULL; t++) {
        char mark[96];
        snprintf(mark, sizeof mark, "<!-- schema: %s -->",
                 scn_schema_all[t]->name);
        assert_contains(text, mark);
    }
    free(out);
    free(text);
}

/* A generated block is replaced whatever it held, and text around it is
 * kept byte for byte. */
static void blocks_replaced(void **state)
{
    (void)state;
    err_t e;
    err_code rc;
    char *out = regenerate("intro\n<!-- schema: horizon -->\nstale\n"
                           "<!-- end schema -->\noutro\n", &rc, &e);
    assert_int_equal(rc, ERR_OK);
    assert_true(strncmp(out, "intro\n<!-- schema: horizon -->\n| field |",
                        40) == 0);
    assert_contains(out, "| `discount_rate` | num | per year | [0, 0.5] | "
                         "0.07 | yes |");
    assert_contains(out, "| `last_year` | int | year | (first_year, "
                         "first_year + 29], at most 2100 | required | no |");
    assert_null(strstr(out, "stale"));
    assert_contains(out, "<!-- end schema -->\noutro\n");
    free(out);
}

static void generator_errors(void **state)
{
    (void)state;
    err_t e;
    err_code rc;
    free(regenerate("a\n<!-- schema: nowhere -->\n<!-- end schema -->\n", &rc,
                    &e));
    assert_int_equal(rc, ERR_SCENARIO);
    assert_contains(e.msg, "line 2: nowhere: expected the name of a schema "
                           "table");
    free(regenerate("<!-- schema: run -->\nno end\n", &rc, &e));
    assert_int_equal(rc, ERR_SCENARIO);
    assert_contains(e.msg, "line 1: expected \"<!-- end schema -->\"");
    free(regenerate("<!-- schema: run\n-->\n", &rc, &e));
    assert_int_equal(rc, ERR_SCENARIO);
    assert_contains(e.msg, "on one line");
}

static void check_table(const scn_field *f, int n, const char *name)
{
    for (int i = 0; i < n; i++) {
        const scn_field *x = &f[i];
        for (int j = 0; j < i; j++)
            if (strcmp(f[j].key, x->key) == 0)
                fail_msg("%s: key %s twice", name, x->key);
        if (x->doc == NULL) fail_msg("%s.%s: no documentation", name, x->key);
        bool numeric = x->type <= SCN_T_LONG || x->type == SCN_T_GEO ||
                       x->type == SCN_T_BY_REGION || x->type == SCN_T_BY_BAND;
        if (numeric && x->range == NULL)
            fail_msg("%s.%s: a number without a range", name, x->key);
        /* (lots by band: the upper end is each band's lots) */
        if (x->range != NULL && x->lo_end == SCN_E_FIXED &&
            x->hi_end == SCN_E_FIXED && x->type != SCN_T_LOTS_BY_BAND &&
            !(x->range->lo < x->range->hi))
            fail_msg("%s.%s: empty range", name, x->key);
        if (x->type == SCN_T_WORD && x->words == NULL)
            fail_msg("%s.%s: a word without words", name, x->key);
        if (x->type == SCN_T_HOOK && x->hook == SCN_H_NONE)
            fail_msg("%s.%s: a hook field without a hook", name, x->key);
        if (x->type == SCN_T_MAP) check_table(x->sub, x->nsub, x->key);
        /* A default outside the range stands for "none" and must say so. */
        if (x->range != NULL && x->dflt == SCN_D_VALUE &&
            x->lo_end == SCN_E_FIXED && x->hi_end == SCN_E_FIXED &&
            !scn_range_has(x->range, x->def) && x->def_doc == NULL)
            fail_msg("%s.%s: default %g outside its range, undocumented",
                     name, x->key, x->def);
    }
}

static void tables_well_formed(void **state)
{
    (void)state;
    int n = 0;
    for (int t = 0; scn_schema_all[t] != NULL; t++, n++)
        check_table(scn_schema_all[t]->fields, scn_schema_all[t]->nfields,
                    scn_schema_all[t]->name);
    assert_int_equal(n, 25); /* with operators[].packages[], instruments[].measure, risk,
                                obligations, auction.gsvm and auction.lsvm */
    assert_non_null(scn_schema_find(&scn_schema_band, "lots"));
    assert_null(scn_schema_find(&scn_schema_band, "lot"));
}

/* Scenario-dependent ends: the horizon, the vendors, the instrument. */
static void ranges_from_the_scenario(void **state)
{
    (void)state;
    scn *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->year_first = 2085;
    s->year_last = 2090;
    s->nvendors = 3;
    scn_range r;
    scn_schema_range(s, scn_schema_find(&scn_schema_horizon, "last_year"),
                     s, &r);
    assert_close(r.lo, 2086, 0);
    assert_close(r.hi, 2100, 0); /* 2085 + 29 capped at SPECSIM_YEAR_MAX */
    scn_schema_range(s, scn_schema_find(&scn_schema_operator,
                                        "vendors_per_region_max"),
                     &s->operators[0], &r);
    assert_close(r.hi, 3, 0);
    scn_instrument in = {.from_year = 2087};
    const scn_field *rem =
        scn_schema_find(&scn_schema_instrument[INSTR_EXCLUDE], "removal_year");
    scn_schema_range(s, rem, &in, &r);
    assert_close(r.lo, 2087, 0);
    assert_close(r.hi, 2090, 0);
    char note[96];
    scn_schema_note(s, rem, &in, note, sizeof note);
    assert_string_equal(note, " (from from_year 2087 to the horizon's end)");
    scn_schema_note(s, scn_schema_find(&scn_schema_auction, "payment_years"),
                    &s->auction, note, sizeof note);
    assert_string_equal(note, " (at most the 6 years of the horizon)");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reference_is_generated),
        cmocka_unit_test(blocks_replaced),
        cmocka_unit_test(generator_errors),
        cmocka_unit_test(tables_well_formed),
        cmocka_unit_test(ranges_from_the_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
