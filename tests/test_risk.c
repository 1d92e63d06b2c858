/* test_risk.c — the security risk in money (models/risk.c,
 * sim/engine/risk_stage.c, the risk section and the measure instrument).
 *
 * DESIGN — tiny cases solved by hand in the comments (one vendor, one kind
 * of incident: expected loss, avoided loss, break-even probability); the
 * shares of a hand-made plan; a property over random problems (a measure
 * lowering a probability never raises the expected loss); the engine's
 * losses against the rollout's own risk-exposure index; loader errors for
 * bad risk inputs; old mitigation files loading as before. Run from the
 * repository root.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "agg.h"
#include "engine.h"
#include "out_report.h"
#include "metrics.h"
#include "risk.h"
#include "risk_stage.h"
#include "scn.h"
#include "testutil.h"

/* One vendor, two years, discount rate 10 %, 1.25 million users at
 * 2.35 EUR per user-day. */
static void tiny(risk_problem *rp)
{
    memset(rp, 0, sizeof *rp);
    risk_keep_none(rp);
    rp->nvendors = 1;
    rp->nyears = 2;
    rp->discount_rate = 0.10;
    rp->users = 1.25e6;
    rp->outage_user_day = 2.35;
}

/* Hostile incidents only. Exposure 0.8 both years, P = 0.015 a year at
 * exposure 1, 3 outage days, no security loss:
 *   impact      = 3 x 1.25e6 x 2.35            = 8,812,500 EUR
 *   year 0 loss = 0.015 x 0.8 x 8,812,500      = 105,750
 *   year 1 loss = 105,750 / 1.1                = 96,136.3636...
 *   incident loss NPV                          = 201,886.3636...
 * A measure halving the probability from year 1 (keep 0.5):
 *   year 1 loss = 48,068.1818..., NPV = 153,818.1818...
 *   avoided loss = 48,068.1818...
 * With 31,000 EUR extra cost (no margin or revenue lost):
 *   net = 48,068.1818 - 31,000 = 17,068.1818...
 *   slope = avoided / P = 0.8 x 0.5 x 8,812,500 / 1.1 = 3,204,545.4545...
 *   break-even P* = 31,000 / 3,204,545.4545 = 0.0096737588652...
 *   (= 31,000 x 1.1 / (0.4 x 8,812,500) = 34,100 / 3,525,000). */
static void test_hostile_by_hand(void **state)
{
    (void)state;
    risk_problem base, pol;
    tiny(&base);
    base.hostile_probability = 0.015;
    base.hostile_days = 3;
    base.exposure[0][0] = base.exposure[0][1] = 0.8;
    pol = base;
    pol.keep_hp[0][1] = 0.5;
    risk_result rb, rpol;
    risk_evaluate(&base, &rb);
    risk_evaluate(&pol, &rpol);
    assert_close(rb.total_npv, 105750.0 + 105750.0 / 1.1, 1e-12);
    assert_close(rb.hostile_npv, rb.total_npv, 0);
    assert_close(rb.failure_npv, 0.0, 0);
    assert_close(rpol.total_npv, 105750.0 + 48068.181818181818, 1e-12);
    risk_benefit b;
    risk_benefit_compute(&rb, &rpol, 31000.0, 0.0, 0.0, &b);
    assert_close(b.avoided, 48068.181818181818, 1e-12);
    assert_close(b.net, 17068.181818181818, 1e-12);
    assert_close(b.slope, 3204545.4545454545, 1e-12);
    assert_close(b.no_hostile, -31000.0, 1e-12);
    assert_close(b.break_even, 34100.0 / 3525000.0, 1e-12);
    assert_close(b.positive, 1.0, 0);
    /* At the break-even probability the net benefit is zero. */
    base.hostile_probability = pol.hostile_probability = b.break_even;
    risk_evaluate(&base, &rb);
    risk_evaluate(&pol, &rpol);
    risk_benefit_compute(&rb, &rpol, 31000.0, 0.0, 0.0, &b);
    assert_near(b.net, 0.0, 1e-8);
}

/* A security loss of 4.5e8 EUR per hostile incident, no outage days:
 *   year 0 = 0.015 x 0.8 x 4.5e8 = 5,400,000; year 1 = 5,400,000 / 1.1;
 *   NPV = 10,309,090.9090... all of it security loss. */
static void test_security_loss_by_hand(void **state)
{
    (void)state;
    risk_problem rp;
    tiny(&rp);
    rp.hostile_probability = 0.015;
    rp.security_loss = 4.5e8;
    rp.exposure[0][0] = rp.exposure[0][1] = 0.8;
    risk_result r;
    risk_evaluate(&rp, &r);
    assert_close(r.security_npv, 5.4e6 + 5.4e6 / 1.1, 1e-12);
    assert_close(r.hostile_npv, r.security_npv, 1e-15);
    assert_close(r.hostile_unit_npv, (5.4e6 + 5.4e6 / 1.1) / 0.015, 1e-12);
}

/* Vendor-wide failures only: P = 0.04 a year, 1.5 days, 9e5 users on the
 * vendor in year 0 and 4e5 in year 1 (a policy moved users off it):
 *   year 0 = 0.04 x 1.5 x 9e5 x 2.35 = 126,900
 *   year 1 = 0.04 x 1.5 x 4e5 x 2.35 / 1.1 = 56,400 / 1.1 = 51,272.7272...
 * Against a baseline with 9e5 users both years (126,900 + 115,363.6363...),
 * the avoided loss is 64,090.9090...; the hostile slope is 0, so there is
 * no break-even probability (NaN) and the net is avoided - cost. */
static void test_failure_by_hand(void **state)
{
    (void)state;
    risk_problem base, pol;
    tiny(&base);
    base.failure_probability[0] = 0.04;
    base.failure_days = 1.5;
    base.users_on[0][0] = base.users_on[0][1] = 9e5;
    pol = base;
    pol.users_on[0][1] = 4e5;
    risk_result rb, rpol;
    risk_evaluate(&base, &rb);
    risk_evaluate(&pol, &rpol);
    assert_close(rb.failure_npv, 126900.0 + 126900.0 / 1.1, 1e-12);
    assert_close(rpol.failure_npv, 126900.0 + 56400.0 / 1.1, 1e-12);
    risk_benefit b;
    risk_benefit_compute(&rb, &rpol, 60000.0, 1000.0, 0.0, &b);
    assert_close(b.avoided, 70500.0 / 1.1, 1e-12);
    assert_close(b.net, 70500.0 / 1.1 - 61000.0, 1e-12);
    assert_true(isnan(b.break_even));
    /* A failure measure halving the impact halves the loss. */
    pol = base;
    pol.keep_fi[0][0] = pol.keep_fi[0][1] = 0.5;
    risk_evaluate(&pol, &rpol);
    assert_close(rpol.failure_npv, rb.failure_npv / 2, 1e-14);
}

/* The shares of a hand-made plan (and a management-scope rule): one operator in one region of 1e6
 * people (users 1.1 a person, subscriber share 0.5), 300 sites of vendor
 * 0 and 100 of vendor 1 (risk score 0.9), its core from vendor 1 in year 0
 * and vendor 0 in year 1, core weight 0.25:
 *   exposure[1][0] = 0.9 x (0.75 x 100/400 + 0.25 x 1) = 0.39375
 *   exposure[1][1] = 0.9 x (0.75 x 0.25)             = 0.16875
 *   users 550,000: users_on[1][0] = 550,000 (its core), [1][1] = 137,500;
 *   users_on[0][0] = 412,500, users_on[0][1] = 550,000. */
static void test_shares_from_plan(void **state)
{
    (void)state;
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    risk_problem *rp = calloc(1, sizeof *rp);
    assert_non_null(p);
    assert_non_null(res);
    assert_non_null(rp);
    p->noperators = p->nregions = 1;
    p->nvendors = p->nyears = 2;
    p->population[0] = 1e6;
    p->subscriber_share[0] = 0.5;
    p->market[0] = 1u;
    p->risk_score[1] = 0.9;
    p->risk_core_weight = 0.25;
    for (int t = 0; t < 2; t++) {
        res->stock_legacy[0][0][0][t] = 200;
        res->stock_5g[0][0][0][t] = 100;
        res->stock_5g[0][0][1][t] = 100;
        res->core_year[0][t] = t == 0 ? 1 : 0;
    }
    risk_from_plan(p, res, 1.1, 0.0, rp);
    assert_close(rp->users, 550000.0, 1e-14);
    assert_close(rp->exposure[1][0], 0.39375, 1e-14);
    assert_close(rp->exposure[1][1], 0.16875, 1e-14);
    assert_close(rp->exposure[0][0], 0.0, 0);
    assert_close(rp->users_on[1][0], 550000.0, 1e-14);
    assert_close(rp->users_on[1][1], 137500.0, 1e-14);
    assert_close(rp->users_on[0][0], 412500.0, 1e-14);
    assert_close(rp->users_on[0][1], 550000.0, 1e-14);
    /* A management-scope rule on vendor 1 with its deadline in year 1,
     * which the operator met by replacing the management system, and 40 %
     * of a site's exposure through it: year 0 as before, year 1
     * 0.9 x 0.75 x (100 x 0.6) / 400 = 0.10125. Users are unchanged (a
     * failure of the radios still takes them down). */
    p->ninstr = 1;
    p->instr[0].kind = DEPLOY_MANAGEMENT;
    p->instr[0].vendors = 1u << 1;
    p->instr[0].regions = 1u;
    p->instr[0].removal_t = p->instr[0].from_t = 1;
    res->management_swap[0][0] = 1u << 1;
    risk_from_plan(p, res, 1.1, 0.4, rp);
    assert_close(rp->exposure[1][0], 0.39375, 1e-14);
    assert_close(rp->exposure[1][1], 0.10125, 1e-14);
    assert_close(rp->users_on[1][1], 137500.0, 1e-14);
    free(rp);
    free(res);
    free(p);
}

/* Property: over random problems, lowering any keep factor of a
 * probability (a measure lowering a probability) never raises the
 * expected loss, and the hostile loss is linear in the probability. */
static void test_measure_never_raises_loss(void **state)
{
    (void)state;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 20200129);
    risk_problem *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    for (int k = 0; k < 500; k++) {
        memset(a, 0, sizeof *a);
        risk_keep_none(a);
        a->nvendors = 1 + (int)gsl_rng_uniform_int(g, 4);
        a->nyears = 1 + (int)gsl_rng_uniform_int(g, 10);
        a->discount_rate = 0.1 * gsl_rng_uniform(g);
        a->users = 1e7 * gsl_rng_uniform(g);
        a->outage_user_day = 10 * gsl_rng_uniform(g);
        a->hostile_probability = gsl_rng_uniform(g);
        a->hostile_days = 5 * gsl_rng_uniform(g);
        a->security_loss = 1e9 * gsl_rng_uniform(g);
        a->failure_days = 3 * gsl_rng_uniform(g);
        for (int v = 0; v < a->nvendors; v++) {
            a->failure_probability[v] = 0.2 * gsl_rng_uniform(g);
            for (int t = 0; t < a->nyears; t++) {
                a->exposure[v][t] = gsl_rng_uniform(g) / a->nvendors;
                a->users_on[v][t] = a->users * gsl_rng_uniform(g);
                a->keep_hp[v][t] = gsl_rng_uniform(g);
                a->keep_fp[v][t] = gsl_rng_uniform(g);
            }
        }
        *b = *a;
        int v = (int)gsl_rng_uniform_int(g, (unsigned long)a->nvendors);
        int from = (int)gsl_rng_uniform_int(g, (unsigned long)a->nyears);
        double cut = gsl_rng_uniform(g);
        for (int t = from; t < a->nyears; t++) {
            b->keep_hp[v][t] *= 1 - cut;
            b->keep_fp[v][t] *= 1 - cut;
        }
        risk_result ra, rb;
        risk_evaluate(a, &ra);
        risk_evaluate(b, &rb);
        assert_true(rb.total_npv <= ra.total_npv);
        assert_true(rb.hostile_npv <= ra.hostile_npv);
        assert_true(rb.failure_npv <= ra.failure_npv);
        assert_close(ra.hostile_npv, a->hostile_probability *
                     ra.hostile_unit_npv, 1e-15);
    }
    free(a);
    free(b);
    gsl_rng_free(g);
}

/* ---- the engine ---- */

/* The engine's hostile loss of a policy against deploy's risk-exposure
 * index of the same plan, which includes mitigation's risk reduction:
 * with P, D days, users U, cost c and loss S fixed in the file,
 * hostile NPV = P sum_t (1+rate)^-t risk_exposure[t] (D U c + S). */
static void test_engine_against_exposure_index(void **state)
{
    (void)state;
    char *text = test_read_file("tests/data/small_risk.yaml");
    text = test_replace(text,
                        "{dist: triangular, min: 1, mode: 3, max: 10}",
                        "2.35");
    text = test_replace(text,
                        "{dist: pert, min: 0.002, mode: 0.01, max: 0.05}",
                        "0.0125");
    scn *s = load_ok(text);
    free(text);
    rep_record *r = malloc(sizeof *r);
    deploy_problem *p = malloc(sizeof *p);
    deploy_result *res = malloc(sizeof *res);
    assert_non_null(r);
    assert_non_null(p);
    assert_non_null(res);
    err_t e;
    assert_int_equal(engine_replication(s, 7, 2, r, &e), ERR_OK);
    double users = 3.0e6; /* population; users_share 1 */
    for (int pol = 0; pol < 3; pol++) { /* baseline, mitigation, cap35 */
        assert_int_equal(engine_problem(s, 7, 2, pol, p, &e), ERR_OK);
        assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
        double want = 0;
        for (int t = 0; t < p->nyears; t++)
            want += deploy_discount(p->discount_rate, t) *
                    res->risk_exposure[t] * (2 * users * 2.35 + 5.0e8);
        want *= 0.0125;
        assert_close(r->scalar[pol][M_INCIDENT_HOSTILE], want, 1e-12);
        assert_close(r->scalar[pol][M_INCIDENT_LOSS],
                     r->scalar[pol][M_INCIDENT_HOSTILE] +
                         r->scalar[pol][M_INCIDENT_FAILURE], 1e-15);
    }
    /* The deltas are paired with baseline in the same replication. */
    for (int pol = 1; pol < s->npolicies; pol++) {
        const double *m = r->scalar[pol], *b = r->scalar[0];
        assert_close(m[M_AVOIDED_LOSS], b[M_INCIDENT_LOSS] - m[M_INCIDENT_LOSS],
                     1e-15);
        assert_close(m[M_NB_EXTRA_COST],
                     m[M_COST_TOTAL] + m[M_STATE_OUTLAY] - b[M_COST_TOTAL] -
                         b[M_STATE_OUTLAY], 1e-15);
        assert_close(m[M_NET_BENEFIT],
                     m[M_AVOIDED_LOSS] - m[M_NB_EXTRA_COST] -
                         m[M_NB_MARGIN_LOST] - m[M_NB_REVENUE_LOST], 1e-12);
        assert_close(m[M_NET_BENEFIT],
                     m[M_NB_NO_HOSTILE] + 0.0125 * m[M_NB_SLOPE], 1e-9);
        assert_true(m[M_NET_POSITIVE] == (m[M_NET_BENEFIT] > 0));
        /* The break-even impact scales the drawn impact as the break-even
         * probability scales the drawn probability. */
        if (isfinite(m[M_BREAK_EVEN]))
            assert_close(m[M_BREAK_EVEN_IMPACT],
                         m[M_BREAK_EVEN] / 0.0125 *
                             (2 * users * 2.35 + 5.0e8), 1e-9);
    }
    assert_true(isnan(r->scalar[0][M_NET_BENEFIT]));
    free(res);
    free(p);
    free(r);
    scn_free(s);
}

/* small_risk.yaml with the outage cost fixed at 2.35 and the hostile
 * probability at `p` (text). */
static scn *small_risk_at(const char *p)
{
    char *text = test_read_file("tests/data/small_risk.yaml");
    text = test_replace(text,
                        "{dist: triangular, min: 1, mode: 3, max: 10}",
                        "2.35");
    text = test_replace(text,
                        "{dist: pert, min: 0.002, mode: 0.01, max: 0.05}", p);
    scn *s = load_ok(text);
    free(text);
    return s;
}

/* The break-even probability of a replication does not depend on the
 * probability drawn (the net benefit is linear in it); the net benefit at
 * the break-even probability is zero. */
static void test_break_even_independent_of_p(void **state)
{
    (void)state;
    scn *lo = small_risk_at("0.0125"), *hi = small_risk_at("0.2");
    rep_record *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    err_t e;
    assert_int_equal(engine_replication(lo, 11, 4, a, &e), ERR_OK);
    assert_int_equal(engine_replication(hi, 11, 4, b, &e), ERR_OK);
    int finite = 0;
    for (int pol = 1; pol < lo->npolicies; pol++) {
        const double *x = a->scalar[pol], *y = b->scalar[pol];
        assert_close(x[M_BREAK_EVEN], y[M_BREAK_EVEN], 1e-9);
        assert_close(x[M_NB_SLOPE], y[M_NB_SLOPE], 1e-12);
        assert_close(x[M_NB_NO_HOSTILE], y[M_NB_NO_HOSTILE], 1e-9);
        if (!isfinite(x[M_BREAK_EVEN])) continue;
        finite++;
        assert_near(x[M_NB_NO_HOSTILE] + x[M_BREAK_EVEN] * x[M_NB_SLOPE], 0,
                    1e-6 * fabs(x[M_NB_NO_HOSTILE]));
    }
    assert_true(finite >= 3);
    free(a);
    free(b);
    scn_free(lo);
    scn_free(hi);
}

/* The toolbox policy's one-off costs: 1e7 once nationally in 2022 and
 * 2e6 once for each of the two operators in 2021, discounted. Its yearly
 * costs are in the program; the one-off ones are added to its cost, so
 * the same policy without them costs exactly that much less. */
static void test_once_costs(void **state)
{
    (void)state;
    char *text = test_read_file("tests/data/small_risk.yaml");
    scn *with = load_ok(text);
    text = test_replace(text, "cost_once_eur: 1.0e7", "cost_once_eur: 0");
    text = test_replace(text, "cost_operator_once_eur: 2.0e6",
                        "cost_operator_once_eur: 0");
    scn *without = load_ok(text);
    free(text);
    int pol = scn_policy_find(with, "toolbox");
    assert_true(pol > 0);
    rep_record *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    deploy_problem *p = malloc(sizeof *p);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(p);
    err_t e;
    assert_int_equal(engine_replication(with, 3, 1, a, &e), ERR_OK);
    assert_int_equal(engine_replication(without, 3, 1, b, &e), ERR_OK);
    assert_int_equal(engine_problem(with, 3, 1, pol, p, &e), ERR_OK);
    double want = 1.0e7 * deploy_discount(p->discount_rate, 1) + 2 * 2.0e6;
    assert_close(a->scalar[pol][M_COST_TOTAL] - b->scalar[pol][M_COST_TOTAL],
                 want, 1e-9);
    assert_close(a->scalar[pol][M_COST_MITIGATION] -
                     b->scalar[pol][M_COST_MITIGATION], want, 1e-9);
    assert_close(b->scalar[pol][M_OPERATOR_NPV] -
                     a->scalar[pol][M_OPERATOR_NPV], want, 1e-9);
    /* Other policies are untouched. */
    assert_true(a->scalar[0][M_COST_TOTAL] == b->scalar[0][M_COST_TOTAL]);
    free(p);
    free(a);
    free(b);
    scn_free(with);
    scn_free(without);
}

/* Property through the engine: the toolbox policy with its probability
 * reductions, against the same policy without them (same costs, so the
 * same plan), never has a larger expected loss, in any replication; and
 * its risk-exposure index is lower where the reduction is in force. */
static void test_engine_measure_never_raises_loss(void **state)
{
    (void)state;
    char *text = test_read_file("tests/data/small_risk.yaml");
    scn *with = load_ok(text);
    text = test_replace(text, "hostile_probability_reduction: 0.4",
                        "hostile_probability_reduction: 0");
    text = test_replace(text, "failure_impact_reduction: 0.5",
                        "failure_impact_reduction: 0");
    text = test_replace(text, "hostile_impact_reduction: 0.2",
                        "hostile_impact_reduction: 0");
    scn *without = load_ok(text);
    free(text);
    int pol = scn_policy_find(with, "toolbox");
    rep_record *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    assert_non_null(a);
    assert_non_null(b);
    err_t e;
    for (long rep = 0; rep < 3; rep++) {
        assert_int_equal(engine_replication(with, 5, rep, a, &e), ERR_OK);
        assert_int_equal(engine_replication(without, 5, rep, b, &e), ERR_OK);
        const double *x = a->scalar[pol], *y = b->scalar[pol];
        assert_true(x[M_COST_TOTAL] == y[M_COST_TOTAL]);
        assert_true(x[M_INCIDENT_LOSS] < y[M_INCIDENT_LOSS]);
        assert_true(x[M_INCIDENT_HOSTILE] < y[M_INCIDENT_HOSTILE]);
        assert_true(x[M_INCIDENT_FAILURE] < y[M_INCIDENT_FAILURE]);
        /* TM09 from 2022 (year index 1): 40 % off the index. */
        assert_close(a->yearly[pol][MY_RISK][0], b->yearly[pol][MY_RISK][0],
                     1e-15);
        assert_close(a->yearly[pol][MY_RISK][2],
                     0.6 * b->yearly[pol][MY_RISK][2], 1e-12);
    }
    free(a);
    free(b);
    scn_free(with);
    scn_free(without);
}

/* ---- the report's expected break-even ---- */

/* Two replications of policy 1: (B, S) = (-3.0e7, 2.0e8) and
 * (-1.0e7, 6.0e8). The mean line is -2.0e7 + 4.0e8 P, zero at
 * P = 2.0e7 / 4.0e8 = 0.05, "1 in 20 a year" (not the mean of the
 * replications' break-evens, (0.15 + 0.01667) / 2 = 0.0833). A policy whose
 * mean slope is not positive has none; one whose mean B is positive pays at
 * any probability. */
static void test_expected_break_even(void **state)
{
    (void)state;
    agg *a = agg_alloc(4, 1, 1, 1, 1, 0);
    rep_record *r = calloc(1, sizeof *r);
    assert_non_null(a);
    assert_non_null(r);
    const double b[2] = {-3.0e7, -1.0e7}, sl[2] = {2.0e8, 6.0e8};
    for (int k = 0; k < 2; k++) {
        r->rep = k;
        for (int p = 0; p < 4; p++)
            for (int m = 0; m < M_SCALAR_COUNT; m++) r->scalar[p][m] = 0;
        r->scalar[1][M_NB_NO_HOSTILE] = b[k];
        r->scalar[1][M_NB_SLOPE] = sl[k];
        r->scalar[2][M_NB_NO_HOSTILE] = -1.0e6;
        r->scalar[2][M_NB_SLOPE] = k ? 1.0e5 : -2.0e5;
        r->scalar[3][M_NB_NO_HOSTILE] = 4.0e6;
        r->scalar[3][M_NB_SLOPE] = 1.0e7;
        agg_add(a, r);
    }
    assert_close(out_risk_break_even(a, 1), 0.05, 1e-14);
    assert_close(out_risk_expected_net(a, 1, 0.1), 2.0e7, 1e-14);
    assert_true(isnan(out_risk_break_even(a, 2)));
    assert_close(out_risk_break_even(a, 3), 0.0, 0);
    assert_true(isnan(out_risk_break_even(a, 0)));
    char buf[96];
    out_risk_one_in(buf, sizeof buf, 0.05);
    assert_string_equal(buf, "1 in 20 a year");
    out_risk_one_in(buf, sizeof buf, 1.0 / 237.4);
    assert_string_equal(buf, "1 in 240 a year");
    out_risk_one_in(buf, sizeof buf, 1.0 / 15320.0);
    assert_string_equal(buf, "1 in 15000 a year");
    out_risk_one_in(buf, sizeof buf, 1.0 / 12.94);
    assert_string_equal(buf, "1 in 12.9 a year");
    out_risk_one_in(buf, sizeof buf, 1.318);
    assert_string_equal(buf, "1.32 a year");
    out_risk_one_in(buf, sizeof buf, 0.0);
    assert_string_equal(buf, "at any probability");
    free(r);
    agg_free(a);
}

/* ---- the loader ---- */

static const char *RISK_OK =
    "risk:\n"
    "  outage_eur_user_day: 2.35\n"
    "  hostile_probability_year: 0.01\n"
    "  hostile_outage_days: 2\n"
    "  failure_probability_year: {ericsson: 0.05}\n"
    "  failure_outage_days: 1\n";

/* small.yaml with `tail` appended; a heap string. */
static char *small_with(const char *tail)
{
    char *text = test_read_file("tests/data/small.yaml");
    size_t n = strlen(text) + strlen(tail) + 1;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%s%s", text, tail);
    free(text);
    return out;
}

static void expect_small_error(const char *tail, const char *where,
                               const char *w1, const char *w2)
{
    char *text = small_with(tail);
    char prefix[128];
    snprintf(prefix, sizeof prefix, "t.yaml:%s", where);
    expect_error(text, prefix, w1, w2);
    free(text);
}

static void test_loader_risk(void **state)
{
    (void)state;
    char *text = small_with(RISK_OK);
    scn *s = load_ok(text);
    free(text);
    assert_true(s->risk.enabled);
    assert_close(s->risk.outage_eur_user_day.value, 2.35, 0);
    assert_close(s->risk.failure_probability_year[0].value, 0.05, 0);
    assert_close(s->risk.failure_probability_year[2].value, 0.0, 0);
    assert_close(s->risk.security_loss_eur.value, 0.0, 0);
    scn_free(s);
    /* Out of range, missing, unknown keys and vendors: located errors. */
    expect_small_error("risk:\n  outage_eur_user_day: 2.35\n"
                       "  hostile_probability_year: 1.5\n"
                       "  hostile_outage_days: 2\n  failure_outage_days: 1\n",
                       "", "risk.hostile_probability_year", "1.5");
    expect_small_error("risk:\n  hostile_probability_year: 0.01\n"
                       "  hostile_outage_days: 2\n  failure_outage_days: 1\n",
                       "", "risk", "outage_eur_user_day");
    expect_small_error("risk:\n  outage_eur_user_day: 2.35\n"
                       "  hostile_probability_year: 0.01\n"
                       "  hostile_outage_days: 400\n"
                       "  failure_outage_days: 1\n",
                       "", "risk.hostile_outage_days", "400");
    expect_small_error("risk:\n  outage_eur_user_day: 2.35\n"
                       "  hostile_probability_year: 0.01\n"
                       "  hostile_outage_days: 2\n  failure_outage_days: 1\n"
                       "  failure_probability_year: {zte: 0.1}\n",
                       "", "zte", "ericsson");
    expect_small_error("risk:\n  outage_eur_user_day: 2.35\n"
                       "  hostile_probability_year: 0.01\n"
                       "  hostile_outage_days: 2\n  failure_outage_days: 1\n"
                       "  hostile_impact: 0.5\n",
                       "", "hostile_impact", "unknown key");
    expect_small_error("risk: 3\n", "", "risk", NULL);
}

static void test_loader_measure(void **state)
{
    (void)state;
    char *text = test_read_file("tests/data/small_risk.yaml");
    char *bad = test_replace(text, "id: TM09", "id: SM99");
    expect_error(bad, "t.yaml:", "SM99", "TM09");
    free(bad);
    text = test_read_file("tests/data/small_risk.yaml");
    bad = test_replace(text, "hostile_probability_reduction: 0.4",
                       "hostile_probability_reduction: 1.4");
    expect_error(bad, "t.yaml:", "hostile_probability_reduction", "1.4");
    free(bad);
    text = test_read_file("tests/data/small_risk.yaml");
    bad = test_replace(text, "{id: TM09, ", "{");
    expect_error(bad, "t.yaml:", "id", NULL);
    free(bad);
}

/* An old file: mitigation loads with its numbers, no risk section, and no
 * risk metric in the record. */
static void test_old_mitigation_loads(void **state)
{
    (void)state;
    scn *s = NULL;
    err_t e;
    assert_int_equal(scn_load("tests/data/small.yaml", &s, &e), ERR_OK);
    assert_false(s->risk.enabled);
    const scn_instrument *in = &s->policies[1].instruments[0];
    assert_int_equal(in->kind, INSTR_MITIGATION);
    assert_close(in->cost_site_year_eur.value, 1500, 0);
    assert_close(in->cost_fixed_year_eur.value, 5.0e6, 0);
    assert_close(in->risk_reduction.value, 0.3, 0);
    rep_record *r = malloc(sizeof *r);
    assert_non_null(r);
    memset(r, 0, sizeof *r);
    assert_int_equal(engine_replication(s, 7, 1, r, &e), ERR_OK);
    for (int p = 0; p < s->npolicies; p++)
        for (int m = M_INCIDENT_LOSS; m <= M_BREAK_EVEN_IMPACT; m++)
            assert_true(isnan(r->scalar[p][m]));
    free(r);
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_by_hand),
        cmocka_unit_test(test_security_loss_by_hand),
        cmocka_unit_test(test_failure_by_hand),
        cmocka_unit_test(test_shares_from_plan),
        cmocka_unit_test(test_measure_never_raises_loss),
        cmocka_unit_test(test_engine_against_exposure_index),
        cmocka_unit_test(test_break_even_independent_of_p),
        cmocka_unit_test(test_engine_measure_never_raises_loss),
        cmocka_unit_test(test_once_costs),
        cmocka_unit_test(test_expected_break_even),
        cmocka_unit_test(test_loader_risk),
        cmocka_unit_test(test_loader_measure),
        cmocka_unit_test(test_old_mitigation_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
