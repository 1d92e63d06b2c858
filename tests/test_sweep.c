/* test_sweep.c — sensitivity runs: parsing --param and --metric, grid
 * checks, common random numbers across sweep points, and the invariant
 * that a tighter cap never raises the operators' optimal NPV in the same
 * replication. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "engine.h"
#include "scn_path.h"
#include "sweep.h"

#define SMALL "tests/data/small.yaml"
#define REPS 8

static scn *load(void)
{
    scn *s = NULL;
    err_t e;
    if (scn_load(SMALL, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
    return s;
}

static void parse_params(void **state)
{
    (void)state;
    sweep_param p;
    err_t e;
    assert_int_equal(sweep_param_parse("market.swap_eur_site=2.385e4,5e4,-1",
                                       &p, &e), ERR_OK);
    assert_string_equal(p.path, "market.swap_eur_site");
    assert_int_equal(p.nvalues, 3);
    assert_close(p.values[0], 23850, 1e-15);
    assert_close(p.values[2], -1, 0);
    assert_int_equal(sweep_param_parse("market.swap_eur_site", &p, &e),
                     ERR_USAGE);
    assert_contains(e.msg, "expected PATH=V1,V2");
    assert_int_equal(sweep_param_parse("x=1,,2", &p, &e), ERR_USAGE);
    assert_contains(e.msg, "expected a number");
    assert_int_equal(sweep_param_parse("x=1,abc", &p, &e), ERR_USAGE);
    assert_contains(e.msg, "\"abc\": expected a number");
    assert_int_equal(sweep_param_parse("=1", &p, &e), ERR_USAGE);
    int m = -1;
    assert_int_equal(sweep_metric_find("operator_npv", &m, &e), ERR_OK);
    assert_int_equal(m, M_OPERATOR_NPV);
    assert_int_equal(sweep_metric_find("npv", &m, &e), ERR_USAGE);
    assert_contains(e.msg, "cost_total_npv, cost_capex_npv");
}

static void grid_checks(void **state)
{
    (void)state;
    scn *s = load();
    sweep_param p[2];
    err_t e;
    assert_int_equal(sweep_param_parse("policies[2].instruments[0].share_max="
                                       "0.2,1.2", &p[0], &e), ERR_OK);
    assert_int_equal(sweep_check(s, p, 1, &e), ERR_USAGE);
    assert_contains(e.msg, "--param policies[2].instruments[0].share_max: 1.2:"
                           " expected a share in [0, 1]");
    p[0].values[1] = 0.5;
    assert_int_equal(sweep_check(s, p, 1, &e), ERR_OK);
    p[1] = p[0];
    assert_int_equal(sweep_check(s, p, 2, &e), ERR_USAGE);
    assert_contains(e.msg, "swept twice");
    assert_int_equal(sweep_param_parse("market.swap_eur_site=1,2,3,4,5,6,7,8,9"
                                       ",10,11,12,13,14,15,16,17,18,19,20,21,22"
                                       ",23,24,25,26,27,28,29,30", &p[1], &e),
                     ERR_OK);
    p[0].nvalues = 9;
    for (int k = 0; k < 9; k++) p[0].values[k] = 0.1 * k;
    assert_int_equal(sweep_check(s, p, 2, &e), ERR_USAGE);
    assert_contains(e.msg, "270 grid points; expected at most 256");
    scn_free(s);
}

typedef struct {
    int policy;
    double npv[REPS][P_MAX];
} collect;

static err_code keep(const rep_record *r, void *ctx, err_t *e)
{
    (void)e;
    collect *c = ctx;
    for (int p = 0; p < P_MAX; p++) c->npv[r->rep][p] = r->scalar[p][M_OPERATOR_NPV];
    return ERR_OK;
}

/* Operators' NPV of every replication and policy with the field at
 * `path` set to v. */
static void run_at(const scn *base, const char *path, double v, collect *c)
{
    scn *s = malloc(sizeof *s);
    *s = *base;
    err_t e;
    if (scn_path_set(s, path, v, &e) != ERR_OK) fail_msg("%s", e.msg);
    agg *a = engine_agg_alloc(s);
    engine_opts o = {.replications = REPS, .threads = 2, .seed = 2385,
                     .on_rep = keep, .on_rep_ctx = c};
    engine_stats st;
    assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_OK);
    assert_int_equal(st.done, REPS);
    agg_free(a);
    free(s);
}

/* A tighter cap is a smaller feasible set: in every replication the
 * optimum cannot be higher (up to the solver's relative gap). Policies the
 * cap does not touch see exactly the same numbers (common random numbers). */
static void tighter_cap_never_better(void **state)
{
    (void)state;
    scn *s = load();
    int cap = scn_policy_find(s, "cap35");
    assert_true(cap > 0);
    assert_int_equal(s->policies[cap].instruments[0].kind, INSTR_CAP);
    collect *tight = calloc(1, sizeof *tight), *loose = calloc(1, sizeof *loose);
    run_at(s, "policies[cap35].instruments[0].share_max", 0.15, tight);
    run_at(s, "policies[cap35].instruments[0].share_max", 0.5, loose);
    int strictly = 0;
    for (int r = 0; r < REPS; r++) {
        double t = tight->npv[r][cap], l = loose->npv[r][cap];
        assert_true(isfinite(t) && isfinite(l));
        if (t > l + 1e-6 * fabs(l))
            fail_msg("replication %d: NPV %.17g at cap 0.15 > %.17g at 0.5", r,
                     t, l);
        strictly += t < l - 1e-6 * fabs(l);
        for (int p = 0; p < s->npolicies; p++)
            if (p != cap) assert_true(tight->npv[r][p] == loose->npv[r][p]);
    }
    assert_true(strictly > 0); /* the cap binds: the test can fail */
    free(tight);
    free(loose);
    scn_free(s);
}

/* Sweeping an uncertain input fixes it without moving the other inputs'
 * draws: baseline, which swaps nothing, is unchanged. */
static void swept_distribution_keeps_other_draws(void **state)
{
    (void)state;
    scn *s = load();
    assert_true(s->market.swap_eur_site.param >= 0);
    collect *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    run_at(s, "market.swap_eur_site", 20000, a);
    run_at(s, "market.swap_eur_site", 60000, b);
    int ban = scn_policy_find(s, "ban");
    bool differs = false;
    for (int r = 0; r < REPS; r++) {
        assert_true(a->npv[r][0] == b->npv[r][0]);
        differs = differs || a->npv[r][ban] != b->npv[r][ban];
    }
    assert_true(differs);
    free(a);
    free(b);
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_params),
        cmocka_unit_test(grid_checks),
        cmocka_unit_test(tighter_cap_never_better),
        cmocka_unit_test(swept_distribution_keeps_other_draws),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
