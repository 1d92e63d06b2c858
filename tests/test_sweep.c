/* test_sweep.c — sensitivity runs: parsing --param and --metric, grid
 * checks, common random numbers across sweep points, the invariant that a
 * tighter cap never raises the operators' optimal NPV in the same
 * replication, and what sweep_run and tornado_run hand back: results in
 * grid order, callbacks in order (each point's replications before the
 * point), an error from a callback stopping the sweep. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "engine.h"
#include "scn_path.h"
#include "sweep.h"

#define SMALL "tests/data/small.yaml"
#define SMALL_RISK "tests/data/small_risk.yaml"
#define REPS 8

static scn *load(const char *path)
{
    scn *s = NULL;
    err_t e;
    if (scn_load(path, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
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
    scn *s = load(SMALL);
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
    scn *s = load(SMALL);
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
    scn *s = load(SMALL);
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

/* ---- sweep_run and tornado_run: results and callbacks ---- */

#define CAP_PATH "policies[cap35].instruments[0].share_max"

typedef struct {
    long starts, points;
    long fail_at;            /* on_point fails at this point; -1 never */
    int cap;
    double x[4][2];          /* values seen by on_point */
    double mean[4];          /* operator_npv mean of cap35 seen there */
    long reps;               /* replications seen by on_rep */
    long fail_rep;           /* on_rep fails at this one; -1 never */
    double rep_sum[4];       /* their operator_npv of cap35, by point */
    long out_of_order;       /* replications seen where they should not be */
} point_log;

static void log_start(long k, long n, const double *x, void *ctx)
{
    point_log *l = ctx;
    (void)x;
    assert_int_equal(k, l->starts);
    assert_int_equal(n, 4);
    l->starts++;
}

static err_code log_point(long k, const double *x, const agg *a, void *ctx,
                          err_t *e)
{
    point_log *l = ctx;
    assert_int_equal(k, l->points);
    assert_int_equal(k + 1, l->starts);
    l->x[k][0] = x[0];
    l->x[k][1] = x[1];
    l->mean[k] = agg_scalar(a, l->cap, M_OPERATOR_NPV, ST_MEAN);
    if (k == l->fail_at) return err_set(e, ERR_IO, "disk full at point %ld", k);
    l->points++;
    return ERR_OK;
}

/* Replications per point in the sweeps below. */
#define POINT_REPS 2

/* Each point's replications come in order after the point starts and
 * before it is handed over, with the point's values. Called inside the
 * engine's parallel region, where a failed assertion cannot unwind: it
 * counts what is wrong, and the test asserts after the run. */
static err_code log_rep(long k, const double *x, const rep_record *r,
                        void *ctx, err_t *e)
{
    point_log *l = ctx;
    bool ok = k >= 0 && k < 4 && k == l->points && k + 1 == l->starts &&
              k == l->reps / POINT_REPS && r->rep == l->reps % POINT_REPS &&
              x[0] == (k < 2 ? 0.15 : 0.5) &&
              x[1] == (k % 2 ? 60000 : 23850);
    if (!ok) {
        l->out_of_order++;
        l->reps++;
        return ERR_OK;
    }
    l->rep_sum[k] += r->scalar[l->cap][M_OPERATOR_NPV];
    if (l->reps++ == l->fail_rep)
        return err_set(e, ERR_IO, "disk full at replication %ld", l->reps - 1);
    return ERR_OK;
}

static void sweep_params(sweep_param *p)
{
    err_t e;
    assert_int_equal(sweep_param_parse(CAP_PATH "=0.15,0.5", &p[0], &e),
                     ERR_OK);
    assert_int_equal(sweep_param_parse("market.swap_eur_site=2.385e4,6e4",
                                       &p[1], &e), ERR_OK);
}

/* Points in grid order (the last parameter fastest), each handed to the
 * caller once run; the result keeps the same statistics, and the totals
 * count every engine run. */
static void sweep_returns_results(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    sweep_param p[2];
    sweep_params(p);
    int metrics[2] = {M_COST_TOTAL, M_OPERATOR_NPV};
    point_log l = {.fail_at = -1, .fail_rep = -1,
                   .cap = scn_policy_find(s, "cap35")};
    sweep_opts o = {.replications = POINT_REPS, .threads = 2, .seed = 2385,
                    .on_point_start = log_start, .on_point = log_point,
                    .on_rep = log_rep, .ctx = &l};
    sweep_result *r = NULL;
    err_t e;
    assert_int_equal(sweep_run(s, p, 2, metrics, 2, &o, &r, &e), ERR_OK);
    assert_non_null(r);
    assert_int_equal(l.points, 4);
    assert_int_equal(l.reps, 4 * POINT_REPS);
    assert_int_equal(l.out_of_order, 0);
    assert_int_equal(r->npoints, 4);
    assert_int_equal(r->nparams, 2);
    assert_string_equal(r->params[1].path, "market.swap_eur_site");
    static const double want[4][2] = {{0.15, 23850}, {0.15, 60000},
                                      {0.5, 23850}, {0.5, 60000}};
    for (int k = 0; k < 4; k++) {
        assert_true(r->values[2 * k] == want[k][0]);
        assert_true(r->values[2 * k + 1] == want[k][1]);
        assert_true(l.x[k][0] == want[k][0] && l.x[k][1] == want[k][1]);
        assert_true(isfinite(l.mean[k]));
        assert_true(sweep_stat(r, k, l.cap, 1, SWEEP_MEAN) == l.mean[k]);
        /* the replications handed over are those aggregated */
        assert_close(l.rep_sum[k] / POINT_REPS, l.mean[k], 1e-14);
        assert_true(sweep_stat(r, k, l.cap, 1, SWEEP_P05) <=
                    sweep_stat(r, k, l.cap, 1, SWEEP_P95));
    }
    /* the cap binds at 0.15, not at 0.5: the points differ */
    assert_true(l.mean[0] < l.mean[2]);
    assert_int_equal(r->totals.runs, 4);
    assert_int_equal(r->totals.replications_requested, 8);
    assert_int_equal(r->totals.stats.done, 8);
    assert_false(r->totals.stats.interrupted);
    sweep_result_free(r);
    sweep_result_free(NULL);
    scn_free(s);
}

/* An error from on_point (say, the disk is full) stops the sweep at that
 * point and comes back with its message; no result is handed back. */
static void sweep_callback_error_stops(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    sweep_param p[2];
    sweep_params(p);
    int metrics[1] = {M_OPERATOR_NPV};
    point_log l = {.fail_at = 1, .cap = scn_policy_find(s, "cap35")};
    sweep_opts o = {.replications = 1, .threads = 1, .seed = 2385,
                    .on_point_start = log_start, .on_point = log_point,
                    .ctx = &l};
    static sweep_result stale;
    sweep_result *r = &stale; /* must be reset to NULL */
    err_t e;
    assert_int_equal(sweep_run(s, p, 2, metrics, 1, &o, &r, &e), ERR_IO);
    assert_null(r);
    assert_string_equal(e.msg, "disk full at point 1");
    assert_int_equal(l.starts, 2);
    assert_int_equal(l.points, 1);
    /* a bad grid is refused before anything runs */
    p[0].values[1] = 1.5;
    l = (point_log){.fail_at = -1};
    assert_int_equal(sweep_run(s, p, 2, metrics, 1, &o, &r, &e), ERR_USAGE);
    assert_null(r);
    assert_contains(e.msg, "expected a share in [0, 1]");
    assert_int_equal(l.starts, 0);
    /* so does an error from on_rep, at the replication it comes from */
    p[0].values[1] = 0.5;
    l = (point_log){.fail_at = -1, .fail_rep = 2,
                    .cap = scn_policy_find(s, "cap35")};
    o.replications = POINT_REPS;
    o.on_rep = log_rep;
    assert_int_equal(sweep_run(s, p, 2, metrics, 1, &o, &r, &e), ERR_IO);
    assert_null(r);
    assert_string_equal(e.msg, "disk full at replication 2");
    assert_int_equal(l.reps, 3);
    assert_int_equal(l.out_of_order, 0);
    assert_int_equal(l.points, 1);
    scn_free(s);
}

typedef struct {
    int calls;
    int inputs[SPECSIM_PARAMS_MAX + 1];
    const scn *s;
    long runs;   /* runs seen by on_rep */
    long last_k; /* the run of the last replication */
    long reps;   /* replications of that run seen */
    long wrong;  /* replications out of order or with another value */
} input_log;

/* A tornado's replications: run by run (the reference, then each input
 * at its 5th and 95th percentile), in order within each run. Counts what
 * is wrong, as log_rep does. */
static err_code log_run_rep(long k, const double *x, const rep_record *r,
                            void *ctx, err_t *e)
{
    (void)e;
    input_log *l = ctx;
    if (l->runs == 0 || k != l->last_k) {
        l->wrong += k != (l->runs == 0 ? -1 : l->last_k + 1);
        l->runs++;
        l->last_k = k;
        l->reps = 0;
    }
    l->wrong += r->rep != l->reps++;
    if (k < 0) {
        l->wrong += !isnan(x[0]);
    } else if (k < 2L * l->s->nparams) {
        const dist_spec *d = &l->s->params[k / 2].dist;
        l->wrong += x[0] != dist_quantile(d, k % 2 ? 0.95 : 0.05);
    } else {
        l->wrong++;
    }
    return ERR_OK;
}

static void log_input(int input, double x_lo, double x_hi, void *ctx)
{
    input_log *l = ctx;
    if (input < 0) assert_true(isnan(x_lo) && isnan(x_hi));
    else assert_true(x_lo <= x_hi);
    l->inputs[l->calls++] = input;
}

/* One bar per uncertain input, sorted by swing, largest first; the
 * caller hears of the reference run, then of each input in order. */
static void tornado_returns_results(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    int ban = scn_policy_find(s, "ban");
    input_log l = {.s = s};
    /* every replication handed over, so every policy computed */
    sweep_opts o = {.replications = 2, .threads = 2, .seed = 2385,
                    .on_input_start = log_input, .on_rep = log_run_rep,
                    .ctx = &l, .every_policy = true};
    tornado_result *t = NULL;
    err_t e;
    assert_int_equal(tornado_run(s, ban, M_COST_TOTAL, &o, &t, &e), ERR_OK);
    assert_non_null(t);
    assert_true(s->nparams > 1);
    assert_int_equal(t->nbars, s->nparams);
    assert_int_equal(t->stat, ST_D_MEAN);
    assert_true(isfinite(t->reference));
    assert_int_equal(l.calls, 1 + s->nparams);
    assert_int_equal(l.inputs[0], -1);
    bool seen[SPECSIM_PARAMS_MAX] = {false};
    for (int i = 0; i < s->nparams; i++) {
        assert_int_equal(l.inputs[i + 1], i);
        const tornado_bar *b = &t->bars[i];
        assert_false(seen[b->input]);
        seen[b->input] = true;
        assert_true(b->x_lo <= b->x_hi);
        if (i > 0)
            assert_true(fabs(t->bars[i - 1].y_hi - t->bars[i - 1].y_lo) >=
                        fabs(b->y_hi - b->y_lo));
    }
    assert_true(fabs(t->bars[0].y_hi - t->bars[0].y_lo) > 0);
    assert_int_equal(t->totals.runs, 1 + 2 * s->nparams);
    assert_int_equal(l.runs, 1 + 2 * s->nparams);
    assert_int_equal(l.last_k, 2 * s->nparams - 1);
    assert_int_equal(l.reps, 2);
    assert_int_equal(l.wrong, 0);
    assert_int_equal(t->totals.stats.done, 2 * (1 + 2 * s->nparams));
    tornado_result_free(t);
    tornado_result_free(NULL);
    /* nothing uncertain: nothing to vary, and nothing runs */
    l.calls = 0;
    s->nparams = 0;
    static tornado_result stale;
    t = &stale; /* must be reset to NULL */
    assert_int_equal(tornado_run(s, ban, M_COST_TOTAL, &o, &t, &e), ERR_USAGE);
    assert_null(t);
    assert_contains(e.msg, "no uncertain inputs");
    assert_int_equal(l.calls, 0);
    scn_free(s);
}

/* The runs of a tornado reuse the solution of every program identical to
 * one an earlier run solved (memo.h): on the risk test file the risk
 * inputs reach no program, so their runs solve nothing new. The results
 * are those of solving every program, byte for byte; so are a sweep's
 * over a risk-only field. */
static void reuse_changes_nothing(void **state)
{
    (void)state;
    scn *s = load(SMALL_RISK);
    err_t e;
    int pol = scn_policy_find(s, "mitigation");
    assert_true(pol > 0);
    sweep_opts on = {.replications = 3, .threads = 2, .seed = 2385};
    sweep_opts off = on;
    off.no_reuse = true;
    tornado_result *a = NULL, *b = NULL;
    assert_int_equal(tornado_run(s, pol, M_COST_TOTAL, &on, &a, &e), ERR_OK);
    assert_int_equal(tornado_run(s, pol, M_COST_TOTAL, &off, &b, &e), ERR_OK);
    assert_int_equal(a->nbars, b->nbars);
    assert_memory_equal(a->bars, b->bars, (size_t)a->nbars * sizeof *a->bars);
    assert_memory_equal(&a->reference, &b->reference, sizeof a->reference);
    long programs = a->totals.stats.programs;
    assert_int_equal(programs, b->totals.stats.programs);
    assert_int_equal(b->totals.stats.reused, 0);
    /* at least the runs of the two risk inputs given as distributions
     * (outage cost, hostile probability): 2 x 2 runs x 3 replications x
     * the two policies computed (baseline and mitigation) */
    assert_true(a->totals.stats.reused >= 4L * 3 * 2);
    assert_true(a->totals.stats.reused < programs);
    tornado_result_free(a);
    tornado_result_free(b);

    sweep_param ps[1];
    assert_int_equal(sweep_param_parse("risk.security_loss_eur=1e8,5e8,9e8",
                                       &ps[0], &e), ERR_OK);
    int metrics[] = {M_COST_TOTAL, M_NET_BENEFIT};
    sweep_result *x = NULL, *y = NULL;
    /* one thread, so that baseline is solved before the toolbox in every
     * replication and the count below is exact */
    on.threads = 1;
    assert_int_equal(sweep_run(s, ps, 1, metrics, 2, &on, &x, &e), ERR_OK);
    assert_int_equal(sweep_run(s, ps, 1, metrics, 2, &off, &y, &e), ERR_OK);
    size_t n = (size_t)x->npoints * (size_t)x->npolicies * 2 * SWEEP_NSTATS;
    assert_memory_equal(x->stat, y->stat, n * sizeof *x->stat);
    /* The second and third points solve nothing; in the first, the
     * toolbox's measures do not enter its program, which is baseline's
     * in each of the 3 replications. */
    int toolbox = scn_policy_find(s, "toolbox");
    assert_true(toolbox > 0);
    assert_int_equal(x->totals.stats.reused, 3 + 2L * 3 * s->npolicies);
    sweep_result_free(x);
    sweep_result_free(y);
    scn_free(s);
}

/* A tornado computes only baseline and its policy (the metric is read
 * from those two); computing every policy gives the same bars to the
 * bit, with every other policy's programs solved for nothing. */
static void tornado_computes_two_policies(void **state)
{
    (void)state;
    scn *s = load(SMALL_RISK);
    err_t e;
    long runs = 1 + 2L * s->nparams;
    for (int pol = 0; pol < s->npolicies; pol++) {
        sweep_opts two = {.replications = 3, .threads = 2, .seed = 41,
                          .no_reuse = true};
        sweep_opts every = two;
        every.every_policy = true;
        tornado_result *a = NULL, *b = NULL;
        /* baseline has no net benefit (it is the reference) */
        int m = pol == 0 ? M_COST_TOTAL : M_NET_BENEFIT;
        assert_int_equal(tornado_run(s, pol, m, &two, &a, &e), ERR_OK);
        assert_int_equal(tornado_run(s, pol, m, &every, &b, &e), ERR_OK);
        assert_false(isnan(a->reference));
        assert_int_equal(a->nbars, b->nbars);
        assert_memory_equal(a->bars, b->bars,
                            (size_t)a->nbars * sizeof *a->bars);
        assert_memory_equal(&a->reference, &b->reference,
                            sizeof a->reference);
        /* baseline's tornado computes baseline alone */
        assert_int_equal(a->totals.stats.programs,
                         runs * 3 * (pol == 0 ? 1 : 2));
        assert_int_equal(b->totals.stats.programs, runs * 3 * s->npolicies);
        tornado_result_free(a);
        tornado_result_free(b);
    }
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_params),
        cmocka_unit_test(grid_checks),
        cmocka_unit_test(tighter_cap_never_better),
        cmocka_unit_test(swept_distribution_keeps_other_draws),
        cmocka_unit_test(sweep_returns_results),
        cmocka_unit_test(sweep_callback_error_stops),
        cmocka_unit_test(tornado_returns_results),
        cmocka_unit_test(reuse_changes_nothing),
        cmocka_unit_test(tornado_computes_two_policies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
