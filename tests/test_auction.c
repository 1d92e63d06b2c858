/* test_auction.c — the auction module: interface, errors, demand queries,
 * value model, and hand-solved instances of every format.
 *
 * Every hand-solved case below was worked round by round on paper; the
 * comment above each test gives the steps the assertions check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "auction.h"
#include "testutil.h"

#define TOL 1e-9

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

/* One auction: input, value table, workspace, result. */
typedef struct {
    auction_input in;
    auction_values *v;
    auction_ws *ws;
    auction_result r;
} fixture;

static void fx_init(fixture *f, int nbidders, int nbands, const int *lots,
                    double reserve, double inc_rel, double inc_abs)
{
    memset(f, 0, sizeof *f);
    auction_input_init(&f->in, nbidders, nbands);
    for (int b = 0; b < nbands; b++) {
        f->in.lots[b] = lots[b];
        f->in.reserve[b] = reserve;
    }
    f->in.increment_rel = inc_rel;
    f->in.increment_abs = inc_abs;
    f->in.rounds_max = 1000;
}

/* Shape the value table once the rules are set. */
static void fx_values(fixture *f)
{
    err_t e;
    err_clear(&e);
    f->v = auction_values_alloc(f->in.nbidders, AUCTION_PACKAGES_MAX);
    assert_non_null(f->v);
    assert_int_equal(auction_values_shape(f->v, &f->in, &e), ERR_OK);
    f->in.values = f->v;
}

static void fx_set(fixture *f, int i, const int *q, double x)
{
    auction_values_row(f->v, i)[auction_grid_index(&f->v->grid, q)] = x;
}

/* Value of k lots of the only band. */
static void fx_set1(fixture *f, int i, int k, double x)
{
    int q[1] = {k};
    fx_set(f, i, q, x);
}

/* A workspace sized for the input as it stands. */
static void fx_ws(fixture *f)
{
    auction_sizes s;
    auction_sizes_of(&f->in, &s);
    f->ws = auction_ws_alloc(&s);
    assert_non_null(f->ws);
}

static void fx_run(fixture *f, const auction_format *fmt)
{
    err_t e;
    err_clear(&e);
    fx_ws(f);
    err_code rc = auction_run(fmt, &f->in, f->ws, &f->r, &e);
    if (rc != ERR_OK) fail_msg("%s", e.msg);
}

static void fx_free(fixture *f)
{
    auction_ws_free(f->ws);
    auction_values_free(f->v);
}

/* ------------------------------------------------------------------ */
/* Interface                                                           */

static void test_grid_roundtrip(void **state)
{
    (void)state;
    auction_grid g = {3, {2, 0, 4}, {1, 3, 3}, 15};
    for (long k = 0; k < g.size; k++) {
        int q[3];
        auction_grid_counts(&g, k, q);
        assert_int_equal(auction_grid_index(&g, q), k);
    }
    int q[3] = {1, 0, 3};
    assert_int_equal(auction_grid_index(&g, q), 1 + 3 * 3);
}

static void test_tables(void **state)
{
    (void)state;
    const char *names = auction_format_names();
    const char *all[] = {"clock", "smra", "cca", "sealed_first",
                         "sealed_second", "sealed_core"};
    for (int k = 0; k < 6; k++) {
        const auction_format *f = auction_format_find(all[k]);
        assert_non_null(f);
        assert_string_equal(f->name, all[k]);
        assert_contains(names, all[k]);
        /* the core-selecting formats fill the result's core */
        assert_int_equal(f->core, k == 2 || k == 5);
    }
    assert_null(auction_format_find("dutch"));
    assert_ptr_equal(auction_strategy_find("shaded"), &auction_shaded);
    assert_ptr_equal(auction_strategy_find("straightforward"),
                     &auction_straightforward);
    assert_null(auction_strategy_find("jump"));
    assert_contains(auction_strategy_names(), "shaded");
    auction_ws_free(NULL);
    auction_values_free(NULL);
}

static void test_package_allowed(void **state)
{
    (void)state;
    auction_input in;
    int lots[2] = {4, 3};
    auction_input_init(&in, 3, 2);
    memcpy(in.lots, lots, sizeof lots);
    in.setaside[0] = 2;
    in.cap_band[0][1] = 1;
    in.cap_total[1] = 3;
    in.new_entrant[2] = true;
    int q[2] = {2, 1};
    assert_true(auction_package_allowed(&in, 0, q));
    q[0] = 3; /* only 2 open lots in band 0 for incumbents */
    assert_false(auction_package_allowed(&in, 0, q));
    assert_true(auction_package_allowed(&in, 2, q));
    q[0] = 2, q[1] = 2; /* cap of 1 in band 1 for bidder 0 */
    assert_false(auction_package_allowed(&in, 0, q));
    assert_false(auction_package_allowed(&in, 1, q)); /* 4 > total cap 3 */
    in.barred[2] = true;
    q[0] = 1, q[1] = 0;
    assert_false(auction_package_allowed(&in, 2, q));
    q[0] = 0;
    assert_true(auction_package_allowed(&in, 2, q));
    auction_grid g;
    auction_grid_of(&in, &g);
    assert_int_equal(g.max[0], 2); /* bidder 2 is barred now */
    assert_int_equal(g.max[1], 3);
    assert_int_equal(g.size, 12);
}

/* Spectrum caps: band 0 sells 2 x 5 MHz paired lots (10 MHz a lot against
 * the cap), band 1 20 MHz lots. Bidder 0 may win 45 MHz: 4 + 0, 2 + 1 and
 * 0 + 2 lots (40 MHz) but not 1 + 2 or 3 + 1 (50); bidder 1 may win 30 MHz
 * (3 + 0 or 1 + 1); bidder 2 has no room at all. The grid holds the
 * largest count of each band any bidder may win: 4 and 2. Lots of 0.1 MHz
 * fill a 0.3 MHz cap although 3 x 0.1 > 0.3 in binary. */
static void test_spectrum_cap_allowed(void **state)
{
    (void)state;
    auction_input in;
    auction_grid g;
    int lots[2] = {4, 3};
    auction_input_init(&in, 3, 2);
    memcpy(in.lots, lots, sizeof lots);
    in.lot_mhz[0] = 10.0, in.lot_mhz[1] = 20.0;
    in.mhz_max[0] = 45.0, in.mhz_max[1] = 30.0, in.mhz_max[2] = 0.0;
    int ok0[][2] = {{4, 0}, {2, 1}, {0, 2}, {0, 0}};
    int no0[][2] = {{1, 2}, {3, 1}, {0, 3}};
    for (int k = 0; k < 4; k++)
        assert_true(auction_package_allowed(&in, 0, ok0[k]));
    for (int k = 0; k < 3; k++)
        assert_false(auction_package_allowed(&in, 0, no0[k]));
    int q[2] = {3, 0};
    assert_true(auction_package_allowed(&in, 1, q));
    q[0] = 1, q[1] = 1;
    assert_true(auction_package_allowed(&in, 1, q));
    q[0] = 2;
    assert_false(auction_package_allowed(&in, 1, q));
    assert_false(auction_package_allowed(&in, 2, q));
    q[0] = 0, q[1] = 0;
    assert_true(auction_package_allowed(&in, 2, q));
    auction_grid_of(&in, &g);
    assert_int_equal(g.max[0], 4);
    assert_int_equal(g.max[1], 2);
    assert_int_equal(g.size, 15);
    in.lot_mhz[0] = 0.1, in.mhz_max[2] = 0.3;
    q[0] = 3;
    assert_true(auction_package_allowed(&in, 2, q));
    q[0] = 4;
    assert_false(auction_package_allowed(&in, 2, q));
}

/* A valid one-band input to break field by field. */
static void base_input(auction_input *in)
{
    auction_input_init(in, 2, 1);
    in->lots[0] = 3;
    in->reserve[0] = 2.385;
    in->increment_rel = 0.05;
    in->rounds_max = 100;
}

static void expect_bad(const auction_input *in, const char *needle)
{
    err_t e;
    err_clear(&e);
    assert_int_equal(auction_input_check(in, &e), ERR_SCENARIO);
    assert_contains(e.msg, needle);
}

static void test_input_errors(void **state)
{
    (void)state;
    auction_input in;
    err_t e;
    base_input(&in);
    assert_int_equal(auction_input_check(&in, &e), ERR_OK);
    base_input(&in), in.nbands = 0, expect_bad(&in, "nbands = 0");
    base_input(&in), in.nbidders = SPECSIM_OPERATORS_MAX + 1;
    expect_bad(&in, "nbidders");
    base_input(&in), in.lots[0] = AUCTION_LOTS_MAX + 1;
    expect_bad(&in, "lots[0] = 65");
    base_input(&in), in.setaside[0] = 4, expect_bad(&in, "setaside[0] = 4");
    base_input(&in), in.reserve[0] = -1.0, expect_bad(&in, "reserve[0]");
    base_input(&in), in.points[0] = NAN, expect_bad(&in, "points[0]");
    /* A zero reserve with no absolute increment is a field error only
     * for the ascending formats (auction_input_check_rises). */
    base_input(&in), in.reserve[0] = 0.0;
    assert_int_equal(auction_input_check(&in, &e), ERR_OK);
    assert_int_equal(auction_input_check_rises(&in, &e), ERR_SCENARIO);
    assert_contains(e.msg, "increment_abs = 0");
    base_input(&in), in.increment_rel = -0.1, expect_bad(&in, "increment_rel");
    base_input(&in), in.increment_abs = INFINITY;
    expect_bad(&in, "increment_abs = inf");
    base_input(&in), in.rounds_max = 0, expect_bad(&in, "rounds_max = 0");
    base_input(&in), in.node_limit = 0, expect_bad(&in, "node_limit = 0");
    base_input(&in), in.activity_share = 0.0;
    expect_bad(&in, "activity_share = 0");
    base_input(&in), in.activity_share = 1.5;
    expect_bad(&in, "activity_share = 1.5");
    base_input(&in), in.cap_band[1][0] = -1, expect_bad(&in, "cap_band[1][0]");
    base_input(&in), in.cap_total[0] = -2, expect_bad(&in, "cap_total[0]");
    base_input(&in), in.lot_mhz[0] = -2.5, expect_bad(&in, "lot_mhz[0] = -2.5");
    base_input(&in), in.lot_mhz[0] = INFINITY;
    expect_bad(&in, "lot_mhz[0] = inf");
    base_input(&in), in.mhz_max[1] = -0.5, expect_bad(&in, "mhz_max[1] = -0.5");
    base_input(&in), in.mhz_max[0] = NAN, expect_bad(&in, "mhz_max[0] = nan");
    base_input(&in), in.budget[1] = NAN, expect_bad(&in, "budget[1]");
    base_input(&in), in.pay_kink[0] = -1.0, expect_bad(&in, "pay_kink[0] = -1");
    base_input(&in), in.pay_slope[1] = INFINITY;
    expect_bad(&in, "pay_slope[1] = inf");
    base_input(&in), in.pay_slope[1] = -0.25;
    expect_bad(&in, "pay_slope[1] = -0.25");
    base_input(&in), in.strategy[1] = &auction_shaded;
    in.strategy_param[1] = 1.0, expect_bad(&in, "strategy_param[1] = 1");
    base_input(&in), in.nbands = 3;
    for (int b = 0; b < 3; b++) in.lots[b] = 30, in.reserve[b] = 1.0;
    expect_bad(&in, "package grid size = 29791");
}

static void test_value_errors(void **state)
{
    (void)state;
    fixture f;
    err_t e;
    int lots[1] = {2};
    fx_init(&f, 2, 1, lots, 1.0, 0.1, 0.0);
    fx_values(&f);
    auction_values *small = auction_values_alloc(1, 2);
    assert_int_equal(auction_values_shape(small, &f.in, &e), ERR_SCENARIO);
    assert_contains(e.msg, "exceed");
    auction_values_free(small);
    auction_sizes s;
    auction_sizes_of(&f.in, &s);
    assert_int_equal(s.packages_max, 3);
    assert_int_equal(s.lots_max, 2);
    f.ws = auction_ws_alloc(&s);
    fx_set1(&f, 1, 0, 0.5);
    assert_int_equal(auction_run(&auction_clock, &f.in, f.ws, &f.r, &e),
                     ERR_SCENARIO);
    assert_contains(e.msg, "empty package");
    fx_set1(&f, 1, 0, 0.0);
    fx_set1(&f, 0, 2, NAN);
    assert_int_equal(auction_run(&auction_cca, &f.in, f.ws, &f.r, &e),
                     ERR_SCENARIO);
    assert_contains(e.msg, "bidder 0, package 2: nan");
    f.in.rounds_max = 0;
    assert_int_equal(auction_run(&auction_smra, &f.in, f.ws, &f.r, &e),
                     ERR_SCENARIO);
    assert_contains(e.msg, "rounds_max");
    fx_free(&f);
}

/* ------------------------------------------------------------------ */
/* Demand queries                                                      */

/* Brute force over every count vector of the grid, written without the
 * odometer: best surplus, ties within rounding to fewer lots, then the
 * lower index. */
static long brute_demand(const auction_query *q, double scale)
{
    const auction_grid *g = q->grid;
    long best = -1;
    double best_s = 0.0, best_mag = 0.0;
    int best_tot = 0;
    for (long k = 0; k < g->size; k++) {
        int c[SPECSIM_BANDS_MAX], tot = 0;
        double cost = 0.0, pts = 0.0;
        bool ok = true;
        auction_grid_counts(g, k, c);
        for (int b = 0; b < g->nbands; b++) {
            ok = ok && c[b] <= q->qmax[b];
            tot += c[b];
        }
        if (!ok || tot > q->total_max) continue;
        double mhz = 0.0;
        for (int b = 0; b < g->nbands; b++) {
            cost += q->cost[b][c[b]];
            pts += q->points[b] * c[b];
            mhz += q->lot_mhz[b] * c[b];
        }
        if (mhz > q->mhz_max * (1.0 + 1e-9)) continue;
        if (isinf(cost) || cost > q->budget || pts > q->eligibility)
            continue;
        double v = scale * q->value[k], s = v - cost;
        double mag = fabs(v) + fabs(cost);
        double tol = 1e-9 * fmax(mag, best_mag);
        if (best < 0 || s > best_s + tol ||
            (s >= best_s - tol && tot < best_tot)) {
            best = k, best_s = s, best_mag = mag, best_tot = tot;
        }
    }
    return best;
}

static void random_query(gsl_rng *r, auction_grid *g, auction_query *q,
                         double *value, double (*cost)[AUCTION_LOTS_MAX + 1],
                         double *points, double *lot_mhz)
{
    g->nbands = 1 + (int)gsl_rng_uniform_int(r, 3);
    g->size = 1;
    for (int b = 0; b < g->nbands; b++) {
        g->max[b] = 1 + (int)gsl_rng_uniform_int(r, 4);
        g->stride[b] = g->size;
        g->size *= g->max[b] + 1;
        q->qmax[b] = (int)gsl_rng_uniform_int(r, (unsigned long)g->max[b] + 1);
        points[b] = (double)gsl_rng_uniform_int(r, 3);
        lot_mhz[b] = 5.0 * (double)(1 + gsl_rng_uniform_int(r, 4));
        double price = 10.0 * gsl_rng_uniform(r), c = 0.0;
        int floor = (int)gsl_rng_uniform_int(r, 2) ? 0 : q->qmax[b] / 2;
        for (int k = 0; k <= g->max[b]; k++) {
            c += k > 0 ? price * (0.5 + gsl_rng_uniform(r)) : 0.0;
            cost[b][k] = k < floor ? INFINITY : c;
        }
    }
    value[0] = 0.0;
    for (long k = 1; k < g->size; k++) value[k] = 40.0 * gsl_rng_uniform(r);
    q->grid = g;
    q->value = value;
    q->cost = (const double (*)[AUCTION_LOTS_MAX + 1])cost;
    q->points = points;
    q->total_max = (int)gsl_rng_uniform_int(r, 8);
    q->eligibility = INFINITY;
    if (gsl_rng_uniform_int(r, 2))
        q->eligibility = (double)gsl_rng_uniform_int(r, 8);
    q->budget = INFINITY;
    if (gsl_rng_uniform_int(r, 2)) q->budget = 60.0 * gsl_rng_uniform(r);
    q->lot_mhz = lot_mhz;
    q->mhz_max = INFINITY;
    if (gsl_rng_uniform_int(r, 2))
        q->mhz_max = 5.0 * (double)gsl_rng_uniform_int(r, 12);
}

/* The demand query against brute force on 2,000 random queries (grids up
 * to 5 x 5 x 5, caps, floors, eligibility, budgets, spectrum caps of 0 to
 * 55 MHz over lots of 5 to 20 MHz). Queries without any
 * feasible package are skipped (a format never asks one). */
static void test_demand_brute_force(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20240611);
    double value[125], cost[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX + 1];
    double points[SPECSIM_BANDS_MAX], lot_mhz[SPECSIM_BANDS_MAX];
    int checked = 0;
    for (int t = 0; t < 2000; t++) {
        auction_grid g;
        auction_query q;
        random_query(r, &g, &q, value, cost, points, lot_mhz);
        double scale = gsl_rng_uniform_int(r, 2) ? 1.0 : 0.75;
        long want = brute_demand(&q, scale);
        if (want < 0) continue;
        assert_int_equal(auction_demand(&q, scale), want);
        checked++;
    }
    assert_true(checked > 500);
    gsl_rng_free(r);
}

/* Ties: equal surplus goes to fewer lots; the empty package wins a tie at
 * zero surplus. */
static void test_demand_ties(void **state)
{
    (void)state;
    auction_grid g = {1, {3}, {1}, 4};
    double value[4] = {0.0, 5.0, 9.0, 12.0};
    double cost[1][AUCTION_LOTS_MAX + 1] = {{0.0, 4.0, 8.0, 11.0}};
    double points[1] = {1.0};
    auction_query q = {&g, value, (const double (*)[AUCTION_LOTS_MAX + 1])cost,
                       {3}, 3, points, INFINITY, INFINITY, NULL, INFINITY,
                       INFINITY, 0.0};
    assert_int_equal(auction_demand(&q, 1.0), 1); /* 1, 1, 1 */
    cost[0][1] = 5.0, cost[0][2] = 9.0, cost[0][3] = 12.0;
    assert_int_equal(auction_demand(&q, 1.0), 0);
    q.eligibility = 1.0;
    cost[0][1] = 1.0, cost[0][2] = 2.0;
    assert_int_equal(auction_demand(&q, 1.0), 1);
    q.eligibility = INFINITY, q.budget = 1.5;
    assert_int_equal(auction_demand(&q, 1.0), 1);
}

/* Financing of a payment above the kink (docs/model.md §7): values 12
 * and 18 for one and two lots, kink 8, slope 0.6. At 4 a lot (costs 4
 * and 8, at or below the kink) financing changes nothing: surpluses 8 and
 * 10, two lots (bid limits in place of values would give 10.5 - 4 = 6.5
 * against 14.25 - 8 = 6.25, one lot: why the query counts the cost
 * instead). At 5.5 a lot: 12 - 5.5 = 6.5 against 18 - 11 - 0.6 x 3 =
 * 5.2, one lot; without financing 6.5 against 7, two. The bid limit of
 * 18 is (18 + 0.6 x 8)/1.6 = 14.25: 14.25 + 0.6 x 6.25 = 18. */
static void test_demand_financing(void **state)
{
    (void)state;
    auction_grid g = {1, {2}, {1}, 3};
    double value[3] = {0.0, 12.0, 18.0};
    double cost[1][AUCTION_LOTS_MAX + 1] = {{0.0, 4.0, 8.0}};
    double points[1] = {1.0};
    auction_query q = {&g, value, (const double (*)[AUCTION_LOTS_MAX + 1])cost,
                       {2}, 2, points, INFINITY, INFINITY, NULL, INFINITY,
                       8.0, 0.6};
    assert_int_equal(auction_demand(&q, 1.0), 2);
    cost[0][1] = 5.5, cost[0][2] = 11.0;
    assert_int_equal(auction_demand(&q, 1.0), 1);
    q.pay_slope = 0.0;
    assert_int_equal(auction_demand(&q, 1.0), 2);
    auction_input in;
    auction_input_init(&in, 2, 1);
    assert_close(auction_pay_limit(&in, 0, 18.0), 18.0, 0);
    in.pay_kink[0] = 8.0, in.pay_slope[0] = 0.6;
    assert_close(auction_pay_limit(&in, 0, 18.0), 14.25, 1e-15);
    assert_close(auction_pay_limit(&in, 0, 7.5), 7.5, 0);
    assert_close(auction_pay_limit(&in, 1, 18.0), 18.0, 0);
}

/* ------------------------------------------------------------------ */
/* Value model                                                         */

static void test_additive_values(void **state)
{
    (void)state;
    fixture f;
    err_t e;
    int lots[2] = {3, 2};
    auction_additive_params p;
    memset(&p, 0, sizeof p);
    fx_init(&f, 2, 2, lots, 1.0, 0.1, 0.0);
    f.in.cap_band[1][0] = 2;
    p.base_lo[0] = 1.5, p.base_hi[0] = 2.385;
    p.base_lo[1] = 7.0, p.base_hi[1] = 7.0;
    double sf0[4] = {0.0, 1.0, 1.2, 1.5}, sf1[3] = {0.0, 1.0, 1.1};
    memcpy(p.synergy[0], sf0, sizeof sf0);
    memcpy(p.synergy[1], sf1, sizeof sf1);
    f.v = auction_values_alloc(2, 64);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    double base[4];
    assert_int_equal(auction_values_additive(f.v, &f.in, &p, r, base, &e),
                     ERR_OK);
    gsl_rng_set(r, 7);
    for (int i = 0; i < 2; i++) {
        double u0 = gsl_rng_uniform(r), u1 = gsl_rng_uniform(r);
        assert_close(base[2 * i], 1.5 + u0 * (2.385 - 1.5), 1e-15);
        assert_close(base[2 * i + 1], 7.0 + u1 * 0.0, 1e-15);
    }
    int q[2] = {3, 2};
    double want = base[0] * 3 * 1.5 + base[1] * 2 * 1.1;
    assert_close(auction_values_row(f.v, 0)[auction_grid_index(&f.v->grid, q)],
                 want, 1e-14);
    q[0] = 2, q[1] = 1;
    want = base[2] * 2 * 1.2 + base[3];
    assert_close(auction_values_row(f.v, 1)[auction_grid_index(&f.v->grid, q)],
                 want, 1e-14);
    p.base_lo[1] = 8.0;
    assert_int_equal(auction_values_additive(f.v, &f.in, &p, r, NULL, &e),
                     ERR_SCENARIO);
    assert_contains(e.msg, "band 1");
    p.base_lo[1] = 7.0, p.synergy[0][2] = -0.1;
    assert_int_equal(auction_values_additive(f.v, &f.in, &p, r, NULL, &e),
                     ERR_SCENARIO);
    assert_contains(e.msg, "synergy[2] = -0.1");
    gsl_rng_free(r);
    auction_values_free(f.v);
}

/* ------------------------------------------------------------------ */
/* Clock                                                               */

/* One band of 3 lots, reserve 5, +10 % a round. Marginal values: A 10.5,
 * 8.5, 7; B 9.2, 7.8, 6.385. Prices 5, 5.5, 6.05, 6.655, 7.3205, 8.05255.
 * Demands (A, B): (3,3) (3,3) (3,3) (3,2) (2,2) (2,1): the clock stops in
 * round 6; A pays 2 x 8.05255, B 8.05255, which is efficient (28.2). */
static void clock_case(fixture *f)
{
    int lots[1] = {3};
    fx_init(f, 2, 1, lots, 5.0, 0.10, 0.0);
    f->in.points[0] = 1.0;
    fx_values(f);
    fx_set1(f, 0, 1, 10.5), fx_set1(f, 0, 2, 19.0), fx_set1(f, 0, 3, 26.0);
    fx_set1(f, 1, 1, 9.2), fx_set1(f, 1, 2, 17.0), fx_set1(f, 1, 3, 23.385);
}

static void test_clock_hand(void **state)
{
    (void)state;
    fixture f;
    clock_case(&f);
    fx_run(&f, &auction_clock);
    double p = 5.0 * 1.1 * 1.1 * 1.1 * 1.1 * 1.1;
    assert_int_equal(f.r.rounds, 6);
    assert_false(f.r.ended_by_round_limit);
    assert_int_equal(f.r.won[0][0], 2);
    assert_int_equal(f.r.won[1][0], 1);
    assert_close(f.r.pay[0], 2 * p, TOL);
    assert_close(f.r.pay[1], p, TOL);
    assert_close(f.r.revenue, 3 * p, TOL);
    assert_close(f.r.revenue_band[0], 3 * p, TOL);
    assert_close(f.r.price_clock[0], p, TOL);
    assert_close(f.r.price_mean[0], p, TOL);
    assert_int_equal(f.r.unsold[0], 0);
    assert_close(f.r.welfare, 28.2, TOL);
    assert_close(f.r.welfare_max, 28.2, TOL);
    assert_close(f.r.efficiency, 1.0, TOL);
    assert_false(f.r.vcg_computed);
    fx_free(&f);
}

/* Same, A's budget 15: A affords 3 lots only at 5, 2 lots up to 7.5. At
 * 8.05255 (round 6) A wants 1 lot, B 1 (it had 2). Demand would fall to 2
 * < 3 lots, so B (first in round 6's order) is held to its second lot:
 * A 1, B 2, all at 8.05255. */
static void test_clock_budget_hold(void **state)
{
    (void)state;
    fixture f;
    clock_case(&f);
    f.in.budget[0] = 15.0;
    fx_run(&f, &auction_clock);
    double p = 5.0 * 1.1 * 1.1 * 1.1 * 1.1 * 1.1;
    assert_int_equal(f.r.rounds, 6);
    assert_int_equal(f.r.won[0][0], 1);
    assert_int_equal(f.r.won[1][0], 2);
    assert_int_equal(f.r.unsold[0], 0);
    assert_close(f.r.pay[1], 2 * p, TOL);
    assert_close(f.r.revenue, 3 * p, TOL);
    assert_close(f.r.welfare, 27.5, TOL);
    assert_close(f.r.efficiency, 27.5 / 28.2, TOL);
    fx_free(&f);
}

/* As above with B's budget 16 as well: B cannot be held to 2 lots at
 * 8.05255 (16.1051 > 16), nor A, so one lot stays unsold. */
static void test_clock_budget_unsold(void **state)
{
    (void)state;
    fixture f;
    clock_case(&f);
    f.in.budget[0] = 15.0;
    f.in.budget[1] = 16.0;
    fx_run(&f, &auction_clock);
    double p = 5.0 * 1.1 * 1.1 * 1.1 * 1.1 * 1.1;
    assert_int_equal(f.r.rounds, 6);
    assert_int_equal(f.r.won[0][0], 1);
    assert_int_equal(f.r.won[1][0], 1);
    assert_int_equal(f.r.unsold[0], 1);
    assert_close(f.r.revenue, 2 * p, TOL);
    assert_close(f.r.welfare, 19.7, TOL);
    assert_close(f.r.efficiency, 19.7 / 28.2, TOL);
    fx_free(&f);
}

/* Round limit 2: both still demand 3 at 5.5, so the 3 lots are rationed
 * pro rata (1 each, remainders equal, the extra lot to bidder 0). */
static void test_clock_round_limit(void **state)
{
    (void)state;
    fixture f;
    clock_case(&f);
    f.in.rounds_max = 2;
    fx_run(&f, &auction_clock);
    assert_true(f.r.ended_by_round_limit);
    assert_int_equal(f.r.rounds, 2);
    assert_int_equal(f.r.won[0][0], 2);
    assert_int_equal(f.r.won[1][0], 1);
    assert_close(f.r.pay[0], 11.0, TOL);
    assert_close(f.r.pay[1], 5.5, TOL);
    fx_free(&f);
}

/* Bidder 1 barred: bidder 0 takes all 3 lots at the reserve in round 1. */
static void test_clock_barred(void **state)
{
    (void)state;
    fixture f;
    clock_case(&f);
    f.in.barred[1] = true;
    fx_run(&f, &auction_clock);
    assert_int_equal(f.r.rounds, 1);
    assert_int_equal(f.r.won[0][0], 3);
    assert_int_equal(f.r.won[1][0], 0);
    assert_close(f.r.revenue, 15.0, TOL);
    assert_close(f.r.welfare_max, 26.0, TOL);
    assert_close(f.r.efficiency, 1.0, TOL);
    fx_free(&f);
}

/* Two bidders value the single lot at 6: both still bid at 5.5 and both
 * drop at 6.05. Bidder 0 (first in round 3's order) is held to the lot and
 * pays 6.05, an increment's worth above its value; with a budget of 6 it
 * cannot be held, nor bidder 1 with the same budget, and the lot is
 * unsold. */
static void test_clock_overshoot(void **state)
{
    (void)state;
    fixture f;
    int lots[1] = {1};
    fx_init(&f, 2, 1, lots, 5.0, 0.10, 0.0);
    fx_values(&f);
    fx_set1(&f, 0, 1, 6.0), fx_set1(&f, 1, 1, 6.0);
    fx_run(&f, &auction_clock);
    assert_int_equal(f.r.rounds, 3);
    assert_int_equal(f.r.won[0][0], 1);
    assert_close(f.r.pay[0], 6.05, TOL);
    assert_close(f.r.efficiency, 1.0, TOL);
    auction_ws_free(f.ws);
    f.in.budget[0] = f.in.budget[1] = 6.0;
    fx_run(&f, &auction_clock);
    assert_int_equal(f.r.unsold[0], 1);
    assert_close(f.r.revenue, 0.0, TOL);
    assert_close(f.r.efficiency, 0.0, TOL);
    fx_free(&f);
}

/* 3 lots, 1 set aside; A, B incumbents (values as in clock_case), C an
 * entrant valuing 1 lot at 6 and 2 at 7. C takes the set-aside lot at the
 * reserve in round 1 and keeps it; A and B push the open price to
 * 5 x 1.1^6 = 8.857805, where each wants one lot (round 7). */
static void test_clock_setaside(void **state)
{
    (void)state;
    fixture f;
    int lots[1] = {3};
    fx_init(&f, 3, 1, lots, 5.0, 0.10, 0.0);
    f.in.setaside[0] = 1;
    f.in.new_entrant[2] = true;
    fx_values(&f);
    fx_set1(&f, 0, 1, 10.5), fx_set1(&f, 0, 2, 19.0);
    fx_set1(&f, 1, 1, 9.2), fx_set1(&f, 1, 2, 17.0);
    fx_set1(&f, 2, 1, 6.0), fx_set1(&f, 2, 2, 7.0);
    fx_run(&f, &auction_clock);
    double p = 5.0 * 1.1 * 1.1 * 1.1 * 1.1 * 1.1 * 1.1;
    assert_int_equal(f.r.rounds, 7);
    for (int i = 0; i < 3; i++) assert_int_equal(f.r.won[i][0], 1);
    assert_close(f.r.pay[0], p, TOL);
    assert_close(f.r.pay[1], p, TOL);
    assert_close(f.r.pay[2], 5.0, TOL);
    assert_close(f.r.price_clock[0], p, TOL);
    assert_close(f.r.price_clock_reserved[0], 5.0, TOL);
    assert_close(f.r.welfare_max, 25.7, TOL);
    assert_close(f.r.efficiency, 1.0, TOL);
    fx_free(&f);
}

/* ------------------------------------------------------------------ */
/* SMRA                                                                */

/* Two lots of one band, reserve 10, +50 %. A: 1 lot 30, 2 lots 34. B: 1
 * lot 12, 2 lots 44 (complements). Round by round (first in order):
 *  1 (A): A bids lot 0; B bids 0 and 1. A holds 0 @10, B holds 1 @10.
 *  2 (B): B bids lot 0 @15 and holds both.
 *  3 (A): A bids lot 1 @15 (cheaper than lot 0 @22.5).
 *  4 (B): B bids lot 1 @22.5 for the pair (44 - 37.5 > 0).
 *  5 (A): A bids lot 0 @22.5.
 *  6 (B): the pair would cost 22.5 + 33.75 > 44: no bid; A neither.
 * A wins lot 0 for 22.5; B is stuck with lot 1 for 22.5 (worth 12).
 * Welfare 42 of a possible 44. */
static void smra_case(fixture *f)
{
    int lots[1] = {2};
    fx_init(f, 2, 1, lots, 10.0, 0.5, 0.0);
    fx_values(f);
    fx_set1(f, 0, 1, 30.0), fx_set1(f, 0, 2, 34.0);
    fx_set1(f, 1, 1, 12.0), fx_set1(f, 1, 2, 44.0);
}

static void test_smra_exposure(void **state)
{
    (void)state;
    fixture f;
    smra_case(&f);
    fx_run(&f, &auction_smra);
    assert_int_equal(f.r.rounds, 6);
    assert_false(f.r.ended_by_round_limit);
    assert_int_equal(f.r.won[0][0], 1);
    assert_int_equal(f.r.won[1][0], 1);
    assert_close(f.r.pay[0], 22.5, TOL);
    assert_close(f.r.pay[1], 22.5, TOL);
    assert_close(f.r.revenue, 45.0, TOL);
    assert_close(f.r.welfare, 42.0, TOL);
    assert_close(f.r.welfare_max, 44.0, TOL);
    assert_close(f.r.efficiency, 42.0 / 44.0, TOL);
    fx_free(&f);
}

/* Round limit 3: the standing bids after round 3 win (B lot 0 @15, A lot
 * 1 @15). */
static void test_smra_round_limit(void **state)
{
    (void)state;
    fixture f;
    smra_case(&f);
    f.in.rounds_max = 3;
    fx_run(&f, &auction_smra);
    assert_true(f.r.ended_by_round_limit);
    assert_int_equal(f.r.rounds, 3);
    assert_int_equal(f.r.won[0][0], 1);
    assert_int_equal(f.r.won[1][0], 1);
    assert_close(f.r.pay[0], 15.0, TOL);
    assert_close(f.r.pay[1], 15.0, TOL);
    fx_free(&f);
}

/* As smra_case with 1 point a lot and B's budget 15, so B can never bid
 * for the pair (20 > 15). Round 1 (A first): A and B both bid on lot 0
 * (A wants 1 lot: 20 > 14); A gets it on priority and both eligibilities
 * fall to 1 lot. Round 2: B bids 10 on lot 1; A may not bid for a second
 * lot. Round 3: no bids (B's pair would cost 25 > 15). */
static void test_smra_budget_activity(void **state)
{
    (void)state;
    fixture f;
    smra_case(&f);
    f.in.points[0] = 1.0;
    f.in.budget[1] = 15.0;
    fx_run(&f, &auction_smra);
    assert_int_equal(f.r.rounds, 3);
    assert_int_equal(f.r.won[0][0], 1);
    assert_int_equal(f.r.won[1][0], 1);
    assert_close(f.r.pay[0], 10.0, TOL);
    assert_close(f.r.pay[1], 10.0, TOL);
    fx_free(&f);
}

/* Set-aside: lot 1 is reserved for entrant C. Round 1: A (incumbent) bids
 * on lot 0; C, among equal minimum bids, takes the set-aside lot 1. Round
 * 2 has no bids. */
static void test_smra_setaside(void **state)
{
    (void)state;
    fixture f;
    int lots[1] = {2};
    fx_init(&f, 2, 1, lots, 10.0, 0.5, 0.0);
    f.in.setaside[0] = 1;
    f.in.new_entrant[1] = true;
    fx_values(&f);
    fx_set1(&f, 0, 1, 30.0);
    fx_set1(&f, 1, 1, 20.0), fx_set1(&f, 1, 2, 21.0);
    fx_run(&f, &auction_smra);
    assert_int_equal(f.r.rounds, 2);
    assert_int_equal(f.r.won[0][0], 1);
    assert_int_equal(f.r.won[1][0], 1);
    assert_close(f.r.revenue, 20.0, TOL);
    fx_free(&f);
}

/* ------------------------------------------------------------------ */
/* CCA and sealed bids                                                 */

/* Two bands of one lot (A, B), no reserve, clock step 0.1 (absolute).
 * Bidder 0: A 4.2; bidder 1: B 2.385; bidder 2: A+B 5.5 only. The locals
 * win (6.585). VCG: 5.5 - 2.385 = 3.115 and 5.5 - 4.2 = 1.3; VCG revenue
 * 4.415 < 5.5, so bidder 2 blocks. Minimum core revenue 5.5; the deviations
 * from VCG split the 1.085 equally: 3.6575 and 1.8425. */
static void core2_case(fixture *f)
{
    int lots[2] = {1, 1};
    fx_init(f, 3, 2, lots, 0.0, 0.0, 0.1);
    f->in.points[0] = f->in.points[1] = 1.0;
    fx_values(f);
    int a[2] = {1, 0}, b[2] = {0, 1}, ab[2] = {1, 1};
    fx_set(f, 0, a, 4.2), fx_set(f, 0, ab, 4.2);
    fx_set(f, 1, b, 2.385), fx_set(f, 1, ab, 2.385);
    fx_set(f, 2, ab, 5.5);
}

static void test_cca_core_two(void **state)
{
    (void)state;
    fixture f;
    core2_case(&f);
    fx_run(&f, &auction_cca);
    assert_int_equal(f.r.won[0][0], 1), assert_int_equal(f.r.won[0][1], 0);
    assert_int_equal(f.r.won[1][0], 0), assert_int_equal(f.r.won[1][1], 1);
    assert_int_equal(f.r.won[2][0], 0), assert_int_equal(f.r.won[2][1], 0);
    assert_true(f.r.vcg_computed);
    assert_close(f.r.pay_vcg[0], 3.115, TOL);
    assert_close(f.r.pay_vcg[1], 1.3, TOL);
    assert_close(f.r.revenue_vcg, 4.415, TOL);
    assert_close(f.r.pay[0], 3.6575, TOL);
    assert_close(f.r.pay[1], 1.8425, TOL);
    assert_close(f.r.pay[2], 0.0, TOL);
    assert_close(f.r.revenue, 5.5, TOL);
    assert_close(f.r.revenue_band[0], 3.6575, TOL);
    assert_close(f.r.revenue_band[1], 1.8425, TOL);
    assert_close(f.r.efficiency, 1.0, TOL);
    assert_true(f.r.rounds > 2);
    fx_free(&f);
}

/* The same bids, sealed: second price pays VCG, first price pays bids. */
static void test_sealed_core_two(void **state)
{
    (void)state;
    fixture f;
    core2_case(&f);
    fx_run(&f, &auction_sealed_second);
    assert_int_equal(f.r.rounds, 1);
    assert_int_equal(f.r.won[0][0], 1), assert_int_equal(f.r.won[1][1], 1);
    assert_close(f.r.pay[0], 3.115, TOL);
    assert_close(f.r.pay[1], 1.3, TOL);
    assert_close(f.r.revenue, 4.415, TOL);
    auction_ws_free(f.ws);
    fx_run(&f, &auction_sealed_first);
    assert_close(f.r.pay[0], 4.2, TOL);
    assert_close(f.r.pay[1], 2.385, TOL);
    assert_false(f.r.vcg_computed);
    fx_free(&f);
}

/* Three bands of one lot (A, B, C). Locals: 0 wants A (3.0), 1 B (2.0), 2
 * C (1.0), 4 C (0.9); bidder 3 wants A+B+C (5.5). Locals 0, 1, 2 win
 * (6.0). VCG: 2.5, 1.5, 0.9 (without 2, bidder 4 takes C: 5.9 - 5).
 * Core: p0+p1 >= 4.5, p0+p2 >= 3.5, p1+p2 >= 2.5, sum >= 5.5, p2 <= 1.0.
 * Minimum revenue 5.5 = VCG + 0.6; the leximin deviations: bidder 2 is
 * capped at its bid (0.1), the other two share 0.5: p = 2.75, 1.75, 1.0. */
static void test_cca_core_three(void **state)
{
    (void)state;
    fixture f;
    int lots[3] = {1, 1, 1};
    fx_init(&f, 5, 3, lots, 0.0, 0.0, 0.05);
    fx_values(&f);
    for (long k = 1; k < f.v->grid.size; k++) {
        int q[3];
        auction_grid_counts(&f.v->grid, k, q);
        auction_values_row(f.v, 0)[k] = q[0] ? 3.0 : 0.0;
        auction_values_row(f.v, 1)[k] = q[1] ? 2.0 : 0.0;
        auction_values_row(f.v, 2)[k] = q[2] ? 1.0 : 0.0;
        auction_values_row(f.v, 4)[k] = q[2] ? 0.9 : 0.0;
        auction_values_row(f.v, 3)[k] = q[0] && q[1] && q[2] ? 5.5 : 0.0;
    }
    fx_run(&f, &auction_cca);
    assert_int_equal(f.r.won[0][0], 1), assert_int_equal(f.r.won[1][1], 1);
    assert_int_equal(f.r.won[2][2], 1);
    assert_close(f.r.pay_vcg[0], 2.5, TOL);
    assert_close(f.r.pay_vcg[1], 1.5, TOL);
    assert_close(f.r.pay_vcg[2], 0.9, TOL);
    assert_close(f.r.pay[0], 2.75, TOL);
    assert_close(f.r.pay[1], 1.75, TOL);
    assert_close(f.r.pay[2], 1.0, TOL);
    assert_close(f.r.revenue, 5.5, TOL);
    fx_free(&f);
}

/* One lot, reserve 1.5: values 4.2 and 2.385 -> the winner pays the second
 * value (VCG on net bids plus reserve); with the rival at 1.2 (below the
 * reserve) it pays the reserve. Same in sealed_second. */
static void test_cca_reserve(void **state)
{
    (void)state;
    const auction_format *fmts[2] = {&auction_cca, &auction_sealed_second};
    for (int t = 0; t < 4; t++) {
        fixture f;
        int lots[1] = {1};
        double rival = t < 2 ? 2.385 : 1.2;
        fx_init(&f, 2, 1, lots, 1.5, 0.05, 0.0);
        fx_values(&f);
        fx_set1(&f, 0, 1, 4.2), fx_set1(&f, 1, 1, rival);
        fx_run(&f, fmts[t % 2]);
        assert_int_equal(f.r.won[0][0], 1);
        assert_int_equal(f.r.won[1][0], 0);
        assert_close(f.r.pay[0], t < 2 ? 2.385 : 1.5, TOL);
        assert_close(f.r.pay_vcg[0], t < 2 ? 2.385 : 1.5, TOL);
        fx_free(&f);
    }
}

/* Sealed, one lot, values 7.3, 5.1, 2.2: second price 5.1; first price
 * 7.3, or 5.475 when everyone shades by 25 %; bidder 0 with budget 4 bids
 * 4 and loses to bidder 1, who pays 4 in the second-price auction. */
static void test_sealed_single(void **state)
{
    (void)state;
    fixture f;
    int lots[1] = {1};
    fx_init(&f, 3, 1, lots, 0.0, 0.0, 1.0);
    fx_values(&f);
    fx_set1(&f, 0, 1, 7.3), fx_set1(&f, 1, 1, 5.1), fx_set1(&f, 2, 1, 2.2);
    fx_run(&f, &auction_sealed_second);
    assert_int_equal(f.r.won[0][0], 1);
    assert_close(f.r.pay[0], 5.1, TOL);
    auction_ws_free(f.ws);
    fx_run(&f, &auction_sealed_first);
    assert_close(f.r.pay[0], 7.3, TOL);
    auction_ws_free(f.ws);
    for (int i = 0; i < 3; i++) {
        f.in.strategy[i] = &auction_shaded;
        f.in.strategy_param[i] = 0.25;
    }
    fx_run(&f, &auction_sealed_first);
    assert_close(f.r.pay[0], 5.475, TOL);
    auction_ws_free(f.ws);
    for (int i = 0; i < 3; i++) f.in.strategy[i] = NULL;
    f.in.budget[0] = 4.0;
    fx_run(&f, &auction_sealed_second);
    assert_int_equal(f.r.won[1][0], 1);
    assert_close(f.r.pay[1], 4.0, TOL);
    assert_close(f.r.efficiency, 5.1 / 7.3, TOL);
    fx_free(&f);
}

/* Winner determination under a node limit. Three lots; three bidders
 * each value two lots at 3.1 and one lot at 1.2. The relaxation gives
 * each bidder half of two lots (4.65), the integer optimum is 4.3 (two
 * lots to one bidder, one to another), so proving it takes branching. A
 * one-node limit stops the solve: the auction fails with ERR_SOLVER
 * naming the limit instead of reporting an allocation not known to be
 * optimal. With room to branch the same auction finds the optimum, and
 * the solver time is charged to the workspace. */
static void test_sealed_node_limit(void **state)
{
    (void)state;
    fixture f;
    err_t e;
    int lots[1] = {3};
    fx_init(&f, 3, 1, lots, 0.0, 0.0, 1.0);
    fx_values(&f);
    for (int i = 0; i < 3; i++) fx_set1(&f, i, 1, 1.2), fx_set1(&f, i, 2, 3.1);
    fx_ws(&f);
    assert_true(auction_ws_glpk_seconds(f.ws) == 0.0);
    f.in.node_limit = 1;
    err_clear(&e);
    assert_int_equal(auction_run(&auction_sealed_first, &f.in, f.ws, &f.r, &e),
                     ERR_SOLVER);
    assert_contains(e.msg, "node limit (1) reached");
    double spent = auction_ws_glpk_seconds(f.ws);
    assert_true(spent > 0.0);
    f.in.node_limit = 1000;
    err_clear(&e);
    assert_int_equal(auction_run(&auction_sealed_first, &f.in, f.ws, &f.r, &e),
                     ERR_OK);
    int two = 0, one = 0;
    for (int i = 0; i < 3; i++) {
        two += f.r.won[i][0] == 2;
        one += f.r.won[i][0] == 1;
    }
    assert_int_equal(two, 1), assert_int_equal(one, 1);
    assert_close(f.r.revenue, 4.3, TOL);
    assert_close(f.r.welfare_max, 4.3, TOL);
    assert_true(auction_ws_glpk_seconds(f.ws) > spent);
    fx_free(&f);
}

/* Winner determination asked to stop (Ctrl-C during a run): the case of
 * test_sealed_node_limit, which needs branching, with the stop flag set
 * fails as interrupted, not as a solver failure and not with an
 * allocation; cleared, the same auction finds the optimum. */
static void test_sealed_stopped(void **state)
{
    (void)state;
    fixture f;
    err_t e;
    int lots[1] = {3};
    fx_init(&f, 3, 1, lots, 0.0, 0.0, 1.0);
    fx_values(&f);
    for (int i = 0; i < 3; i++) fx_set1(&f, i, 1, 1.2), fx_set1(&f, i, 2, 3.1);
    fx_ws(&f);
    atomic_int stop = 1;
    f.in.node_limit = 1000;
    f.in.stop = &stop;
    err_clear(&e);
    assert_int_equal(auction_run(&auction_sealed_first, &f.in, f.ws, &f.r, &e),
                     ERR_INTERRUPTED);
    assert_contains(e.msg, "winner determination: interrupted");
    atomic_store(&stop, 0);
    err_clear(&e);
    assert_int_equal(auction_run(&auction_sealed_first, &f.in, f.ws, &f.r, &e),
                     ERR_OK);
    assert_close(f.r.revenue, 4.3, TOL);
    fx_free(&f);
}

/* Package payments split across bands: sealed by reserve value. Two bands
 * (reserves 1 and 3), one bidder wins 1 + 1 lots and pays its bid 10: 2.5
 * to band 0, 7.5 to band 1. */
static void test_sealed_split(void **state)
{
    (void)state;
    fixture f;
    int lots[2] = {1, 1}, ab[2] = {1, 1};
    fx_init(&f, 1, 2, lots, 1.0, 0.1, 0.0);
    f.in.reserve[1] = 3.0;
    fx_values(&f);
    fx_set(&f, 0, ab, 10.0);
    fx_run(&f, &auction_sealed_first);
    assert_close(f.r.revenue_band[0], 2.5, TOL);
    assert_close(f.r.revenue_band[1], 7.5, TOL);
    assert_close(f.r.price_mean[1], 7.5, TOL);
    fx_free(&f);
}

/* ------------------------------------------------------------------ */
/* Spectrum caps                                                       */

/* One band of 3 paired 2 x 5 MHz lots, 10 MHz each against a spectrum
 * cap; reserve 1.25, +1.9 a round, no activity rule. Marginal values: A
 * 10.3, 8.8, 7.1; B 6.4, 4.8, 3.3. A's headroom is `mhz_max`. */
static void cap_case(fixture *f, double mhz_max)
{
    int lots[1] = {3};
    fx_init(f, 2, 1, lots, 1.25, 0.0, 1.9);
    f->in.lot_mhz[0] = 10.0;
    f->in.mhz_max[0] = mhz_max;
    fx_values(f);
    fx_set1(f, 0, 1, 10.3), fx_set1(f, 0, 2, 19.1), fx_set1(f, 0, 3, 26.2);
    fx_set1(f, 1, 1, 6.4), fx_set1(f, 1, 2, 11.2), fx_set1(f, 1, 3, 14.5);
}

typedef struct {
    const auction_format *format;
    int rounds, won0;
    double pay0, pay1;
} cap_want;

/* Run cap_case(mhz_max) in every format against `want` (A wins won0
 * lots, B the rest); every format allocates efficiently, so welfare is
 * `wmax`, the best welfare within A's cap. */
static void cap_check(double mhz_max, const cap_want *want, double wmax)
{
    for (int k = 0; k < 5; k++) {
        fixture f;
        cap_case(&f, mhz_max);
        fx_run(&f, want[k].format);
        if (f.r.won[0][0] != want[k].won0 ||
            f.r.won[1][0] != 3 - want[k].won0)
            fail_msg("%s: won %d and %d", want[k].format->name,
                     f.r.won[0][0], f.r.won[1][0]);
        assert_int_equal(f.r.rounds, want[k].rounds);
        assert_close(f.r.pay[0], want[k].pay0, TOL);
        assert_close(f.r.pay[1], want[k].pay1, TOL);
        assert_close(f.r.revenue, want[k].pay0 + want[k].pay1, TOL);
        assert_close(f.r.welfare, wmax, TOL);
        assert_close(f.r.welfare_max, wmax, TOL);
        assert_close(f.r.efficiency, 1.0, TOL);
        fx_free(&f);
    }
}

/* Without a cap A takes all 3 lots. Clock: prices 1.25, 3.15, 5.05,
 * 6.95; B's demand 3, 3, 1, 0 while A's stays 3, so A pays 3 x 6.95 in
 * round 4. SMRA: A holds all 3 at 1.25 (first in round 1's order), B
 * takes them at 3.15, A retakes them at 5.05, and at 6.95 B wants none:
 * round 4, A pays 3 x 5.05. Net bids (value - 1.25 a lot): A 9.05, 16.6,
 * 22.45; B 5.15, 8.7, 10.75. A's 3 lots (22.45) beat A 2 + B 1 (21.75);
 * VCG and core: A pays 10.75 + 3.75 = 14.5 (CCA: 4 clock rounds + 1);
 * pay-as-bid: 26.2. Welfare 26.2. */
static void test_spectrum_cap_loose(void **state)
{
    (void)state;
    const cap_want want[5] = {
        {&auction_clock, 4, 3, 20.85, 0.0},
        {&auction_smra, 4, 3, 15.15, 0.0},
        {&auction_cca, 5, 3, 14.5, 0.0},
        {&auction_sealed_first, 1, 3, 26.2, 0.0},
        {&auction_sealed_second, 1, 3, 14.5, 0.0}};
    cap_check(INFINITY, want, 26.2);
    cap_check(30.0, want, 26.2); /* 3 lots x 10 MHz fill the cap exactly */
}

/* A's headroom 25 MHz admits 2 lots (3 counted one direction, 15 MHz,
 * would fit: the paired lots count twice). Clock: at 5.05 A wants 2 and
 * B 1 (surplus 1.35 against 1.1 for 2), round 3: A pays 10.1, B 5.05.
 * SMRA: round 1 A holds lots 0, 1 and B lot 2 at 1.25; round 2 B takes
 * lots 0, 1 at 3.15; round 3 A takes lot 2 at 3.15 and lot 0 at 5.05;
 * round 4 B, holding lot 1 at 3.15, wants no more (surplus 3.25 against
 * 3.0): A pays 8.2, B 3.15. Best allocation A 2 + B 1 (net 21.75); VCG
 * (= core): A pays 10.75 - 5.15 = 5.6 net, 8.1 in all; B pays
 * W(A alone, at most 2 lots) - 16.6 = 0 net, 1.25 in all (CCA: 3 clock
 * rounds + 1). Pay-as-bid: 19.1 and 6.4. Welfare 25.5, which is also the
 * best welfare within the cap (26.2 without it). */
static void test_spectrum_cap_binds(void **state)
{
    (void)state;
    const cap_want want[5] = {
        {&auction_clock, 3, 2, 10.1, 5.05},
        {&auction_smra, 4, 2, 8.2, 3.15},
        {&auction_cca, 4, 2, 8.1, 1.25},
        {&auction_sealed_first, 1, 2, 19.1, 6.4},
        {&auction_sealed_second, 1, 2, 8.1, 1.25}};
    cap_check(25.0, want, 25.5);
    cap_check(29.999, want, 25.5);
}

/* A cap equal to A's holdings (headroom 0): A wins nothing and B takes
 * all 3 lots, at the reserve (3.75) in every format but pay-as-bid
 * (14.5). Clock: round 1; SMRA: no new bid in round 2; CCA: 1 clock
 * round + 1. */
static void test_spectrum_cap_full(void **state)
{
    (void)state;
    const cap_want want[5] = {
        {&auction_clock, 1, 0, 0.0, 3.75},
        {&auction_smra, 2, 0, 0.0, 3.75},
        {&auction_cca, 2, 0, 0.0, 3.75},
        {&auction_sealed_first, 1, 0, 0.0, 14.5},
        {&auction_sealed_second, 1, 0, 0.0, 3.75}};
    cap_check(0.0, want, 14.5);
    cap_check(9.5, want, 14.5); /* less than one 10 MHz lot */
}

/* The clock holds a bidder to lots it shed only within its spectrum cap.
 * Band 0: 2 lots of 2 x 5 MHz, band 1: 2 lots of 10 MHz, reserve 1, +1 a
 * round. A (headroom 25 MHz: 2 lots in all) values band-0 lots at 5 and
 * band-1 lots at 3.7 each; B values one band-0 lot at 2.5. Prices (band
 * 0, band 1) (1, 1), (2, 1), (3, 1): A wants 2 + 0, 2 + 0, then 0 + 2
 * (5.4 against 4 and 4.7); B wants 1, 1, then none. In round 3 band-0
 * demand falls from 3 to 0 < 2 lots; A, first in round 3's order, shed 2
 * but its 2 band-1 lots leave no room, so B is held to its lot at 3 and
 * the other band-0 lot stays unsold. Welfare 7.4 + 2.5 = 9.9; the best
 * within the cap is A 1 + 1, B 1 (8.7 + 2.5 = 11.2). */
static void test_clock_spectrum_cap_hold(void **state)
{
    (void)state;
    fixture f;
    int lots[2] = {2, 2};
    fx_init(&f, 2, 2, lots, 1.0, 0.0, 1.0);
    f.in.lot_mhz[0] = f.in.lot_mhz[1] = 10.0;
    f.in.mhz_max[0] = 25.0;
    fx_values(&f);
    for (long k = 1; k < f.v->grid.size; k++) {
        int q[2];
        auction_grid_counts(&f.v->grid, k, q);
        fx_set(&f, 0, q, 5.0 * q[0] + 3.7 * q[1]);
        fx_set(&f, 1, q, q[0] > 0 ? 2.5 : 0.0);
    }
    fx_run(&f, &auction_clock);
    assert_int_equal(f.r.rounds, 3);
    assert_int_equal(f.r.won[0][0], 0);
    assert_int_equal(f.r.won[0][1], 2);
    assert_int_equal(f.r.won[1][0], 1);
    assert_int_equal(f.r.won[1][1], 0);
    assert_int_equal(f.r.unsold[0], 1);
    assert_close(f.r.pay[0], 2.0, TOL);
    assert_close(f.r.pay[1], 3.0, TOL);
    assert_close(f.r.welfare, 9.9, TOL);
    assert_close(f.r.welfare_max, 11.2, TOL);
    assert_close(f.r.efficiency, 9.9 / 11.2, TOL);
    fx_free(&f);
}

/* Sealed formats never raise a price, so a zero reserve needs no
 * increment; ascending formats refuse the same input. Two bidders, one
 * lot, no reserve, no increments: values 7.25 and 3.5. sealed_second:
 * bidder 0 wins and pays bidder 1's value 3.5; sealed_first: pays its bid
 * 7.25. clock, smra and cca: ERR_SCENARIO naming increment_abs. */
static void test_sealed_zero_increment(void **state)
{
    (void)state;
    const int lots[1] = {1};
    const auction_format *sealed[2] = {&auction_sealed_first,
                                       &auction_sealed_second};
    const double pay[2] = {7.25, 3.5};
    for (int k = 0; k < 2; k++) {
        fixture f;
        fx_init(&f, 2, 1, lots, 0.0, 0.0, 0.0);
        fx_values(&f);
        fx_set1(&f, 0, 1, 7.25);
        fx_set1(&f, 1, 1, 3.5);
        fx_run(&f, sealed[k]);
        assert_int_equal(f.r.won[0][0], 1);
        assert_int_equal(f.r.won[1][0], 0);
        assert_close(f.r.pay[0], pay[k], TOL);
        fx_free(&f);
    }
    const auction_format *asc[3] = {&auction_clock, &auction_smra,
                                    &auction_cca};
    for (int k = 0; k < 3; k++) {
        fixture f;
        err_t e;
        err_clear(&e);
        fx_init(&f, 2, 1, lots, 0.0, 0.0, 0.0);
        fx_values(&f);
        fx_set1(&f, 0, 1, 7.25);
        fx_ws(&f);
        assert_true(asc[k]->ascending);
        assert_int_equal(auction_run(asc[k], &f.in, f.ws, &f.r, &e),
                         ERR_SCENARIO);
        assert_contains(e.msg, "increment_abs = 0");
        fx_free(&f);
    }
}

/* XOR values with free disposal on a 2-band grid (3 lots of band 0, 2 of
 * band 1): packages {2, 0} worth 4.385, {1, 1} worth 3.25 and {0, 2} worth
 * 0.75. By hand: v(0,0) = 0; v(1,0) = 0 (contains none); v(2,0) = 4.385;
 * v(3,0) = 4.385; v(1,1) = 3.25; v(2,1) = max(4.385, 3.25) = 4.385;
 * v(0,2) = 0.75; v(1,2) = max(3.25, 0.75) = 3.25; v(3,2) = 4.385;
 * v(0,1) = 0. The other bidder states nothing: all 0. Every error path:
 * a negative or infinite value, negative lots, a package of no lots. */
static void test_values_xor(void **state)
{
    (void)state;
    const int lots[2] = {3, 2};
    fixture f;
    err_t e;
    err_clear(&e);
    fx_init(&f, 2, 2, lots, 0.0, 0.0, 1.0);
    fx_values(&f);
    int pk[3][SPECSIM_BANDS_MAX] = {{2, 0}, {1, 1}, {0, 2}};
    double val[3] = {4.385, 3.25, 0.75};
    assert_int_equal(auction_values_xor(f.v, 0, 3,
                                        (const int (*)[SPECSIM_BANDS_MAX])pk,
                                        val, &e), ERR_OK);
    assert_int_equal(auction_values_xor(f.v, 1, 0, NULL, NULL, &e), ERR_OK);
    const struct { int q0, q1; double v; } want[] = {
        {0, 0, 0}, {1, 0, 0}, {2, 0, 4.385}, {3, 0, 4.385}, {1, 1, 3.25},
        {2, 1, 4.385}, {0, 2, 0.75}, {1, 2, 3.25}, {3, 2, 4.385}, {0, 1, 0}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int q[2] = {want[k].q0, want[k].q1};
        long i = auction_grid_index(&f.v->grid, q);
        assert_close(auction_values_row(f.v, 0)[i] + 1.0, want[k].v + 1.0,
                     TOL);
        assert_close(auction_values_row(f.v, 1)[i] + 1.0, 1.0, TOL);
    }
    const int (*cp)[SPECSIM_BANDS_MAX] = (const int (*)[SPECSIM_BANDS_MAX])pk;
    val[1] = -0.5;
    assert_int_equal(auction_values_xor(f.v, 0, 3, cp, val, &e), ERR_SCENARIO);
    assert_contains(e.msg, "package 1: value -0.5");
    val[1] = INFINITY;
    assert_int_equal(auction_values_xor(f.v, 0, 3, cp, val, &e), ERR_SCENARIO);
    val[1] = 3.25;
    pk[2][1] = -1;
    assert_int_equal(auction_values_xor(f.v, 0, 3, cp, val, &e), ERR_SCENARIO);
    assert_contains(e.msg, "-1 lots of band 1");
    pk[2][1] = 0;
    assert_int_equal(auction_values_xor(f.v, 0, 3, cp, val, &e), ERR_SCENARIO);
    assert_contains(e.msg, "package 2: no lots");
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_roundtrip),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_package_allowed),
        cmocka_unit_test(test_spectrum_cap_allowed),
        cmocka_unit_test(test_input_errors),
        cmocka_unit_test(test_value_errors),
        cmocka_unit_test(test_demand_brute_force),
        cmocka_unit_test(test_demand_ties),
        cmocka_unit_test(test_demand_financing),
        cmocka_unit_test(test_additive_values),
        cmocka_unit_test(test_clock_hand),
        cmocka_unit_test(test_clock_budget_hold),
        cmocka_unit_test(test_clock_budget_unsold),
        cmocka_unit_test(test_clock_round_limit),
        cmocka_unit_test(test_clock_barred),
        cmocka_unit_test(test_clock_overshoot),
        cmocka_unit_test(test_clock_setaside),
        cmocka_unit_test(test_smra_exposure),
        cmocka_unit_test(test_smra_round_limit),
        cmocka_unit_test(test_smra_budget_activity),
        cmocka_unit_test(test_smra_setaside),
        cmocka_unit_test(test_cca_core_two),
        cmocka_unit_test(test_sealed_core_two),
        cmocka_unit_test(test_cca_core_three),
        cmocka_unit_test(test_cca_reserve),
        cmocka_unit_test(test_sealed_single),
        cmocka_unit_test(test_sealed_split),
        cmocka_unit_test(test_sealed_node_limit),
        cmocka_unit_test(test_sealed_stopped),
        cmocka_unit_test(test_spectrum_cap_loose),
        cmocka_unit_test(test_spectrum_cap_binds),
        cmocka_unit_test(test_spectrum_cap_full),
        cmocka_unit_test(test_clock_spectrum_cap_hold),
        cmocka_unit_test(test_sealed_zero_increment),
        cmocka_unit_test(test_values_xor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
