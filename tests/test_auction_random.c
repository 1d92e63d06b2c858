/* test_auction_random.c — the auction module against brute force and
 * auction theory on random instances.
 *
 * Brute force enumerates every allocation of small instances (up to 4
 * bidders, 2 bands of up to 2 lots) under the same rules (supply,
 * set-asides, caps in lots and in MHz, bars): it checks winner
 * determination, VCG prices, the maximum welfare and, coalition by
 * coalition, that CCA payments lie in the core. Monte Carlo runs check
 * closed forms of auction theory within a 99 % confidence interval of the
 * mean (fixed seeds, so the outcome is fixed).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "auction.h"
#include "testutil.h"

#define Z99 2.5758293035489

/* ------------------------------------------------------------------ */
/* Random instances                                                    */

typedef struct {
    auction_input in;
    auction_values *v;
    auction_ws *ws;
    auction_result r;
} inst;

static int rint_(gsl_rng *r, int n)
{
    return (int)gsl_rng_uniform_int(r, (unsigned long)n);
}

static void random_rules(gsl_rng *r, auction_input *in, bool budgets,
                         bool reserves)
{
    int n = 2 + rint_(r, 3), nb = 1 + rint_(r, 2);
    auction_input_init(in, n, nb);
    in->increment_rel = 0.1;
    in->increment_abs = 0.05;
    in->rounds_max = 2000;
    in->activity_share = rint_(r, 2) ? 1.0 : 0.8;
    for (int b = 0; b < nb; b++) {
        in->lots[b] = 1 + rint_(r, 2);
        in->setaside[b] = rint_(r, 3) == 0 ? rint_(r, in->lots[b] + 1) : 0;
        in->reserve[b] = reserves && rint_(r, 2) ? 2.0 * gsl_rng_uniform(r)
                                                 : 0.0;
        in->points[b] = (double)rint_(r, 3);
        in->lot_mhz[b] = 5.0 * (1 + rint_(r, 2));
    }
    for (int i = 0; i < n; i++) {
        in->new_entrant[i] = rint_(r, 3) == 0;
        in->barred[i] = rint_(r, 8) == 0;
        if (rint_(r, 3) == 0) in->cap_total[i] = 1 + rint_(r, 2);
        if (rint_(r, 3) == 0) {
            int b = rint_(r, nb);
            in->cap_band[i][b] = rint_(r, 2);
        }
        if (rint_(r, 4) == 0) in->mhz_max[i] = 5.0 * rint_(r, 5);
        if (budgets && rint_(r, 3) == 0)
            in->budget[i] = 12.0 * gsl_rng_uniform(r);
    }
}

/* Values of one of three kinds: per package uniform on [0, 8 |q|]
 * (neither monotone nor additive); per-lot bases with random synergy; or
 * strongly superadditive, c |q|^2 (a "global" bidder, the kind that makes
 * VCG prices fall outside the core). */
static void random_values(gsl_rng *r, inst *x)
{
    err_t e;
    x->v = auction_values_alloc(x->in.nbidders, AUCTION_PACKAGES_MAX);
    assert_int_equal(auction_values_shape(x->v, &x->in, &e), ERR_OK);
    x->in.values = x->v;
    const auction_grid *g = &x->v->grid;
    for (int i = 0; i < x->in.nbidders; i++) {
        double *row = auction_values_row(x->v, i), base[2], syn[2];
        int kind = rint_(r, 3);
        double c = 0.5 + 2.0 * gsl_rng_uniform(r);
        for (int b = 0; b < 2; b++) {
            base[b] = 4.0 * gsl_rng_uniform(r);
            syn[b] = 0.6 * gsl_rng_uniform(r);
        }
        for (long k = 1; k < g->size; k++) {
            int q[SPECSIM_BANDS_MAX], tot = 0;
            double s = 0.0;
            auction_grid_counts(g, k, q);
            for (int b = 0; b < g->nbands; b++) {
                tot += q[b];
                s += base[b] * q[b] * (1.0 + syn[b] * (q[b] - 1));
            }
            row[k] = kind == 0 ? 8.0 * tot * gsl_rng_uniform(r)
                   : kind == 1 ? s : c * tot * tot;
        }
    }
}

/* No caps (in lots or MHz), bars or set-asides: more bidders compete for
 * the same lots. */
static void loosen(auction_input *in)
{
    for (int i = 0; i < in->nbidders; i++) {
        in->barred[i] = false;
        in->cap_total[i] = AUCTION_NO_CAP;
        in->mhz_max[i] = INFINITY;
        for (int b = 0; b < in->nbands; b++)
            in->cap_band[i][b] = AUCTION_NO_CAP;
    }
    for (int b = 0; b < in->nbands; b++) in->setaside[b] = 0;
}

static void inst_run(inst *x, const auction_format *f)
{
    err_t e;
    auction_sizes s;
    auction_sizes_of(&x->in, &s);
    x->ws = auction_ws_alloc(&s);
    assert_non_null(x->ws);
    if (auction_run(f, &x->in, x->ws, &x->r, &e) != ERR_OK)
        fail_msg("%s", e.msg);
}

static void inst_free(inst *x)
{
    auction_ws_free(x->ws);
    auction_values_free(x->v);
    x->ws = NULL;
    x->v = NULL;
}

/* ------------------------------------------------------------------ */
/* Brute force                                                         */

/* amount[i][k]: what bidder i's package k adds (-INFINITY = not on
 * offer); the empty package adds 0. */
typedef struct {
    const auction_input *in;
    const auction_grid *g;
    double amount[SPECSIM_OPERATORS_MAX][64];
} table;

static double value_of(const inst *x, int i, long k)
{
    return x->v->value[(size_t)i * (size_t)x->v->grid.size + k];
}

/* Net straightforward bids: min(value, budget) - reserve value, when > 0. */
static void bids_table(const inst *x, table *t)
{
    t->in = &x->in;
    t->g = &x->v->grid;
    for (int i = 0; i < x->in.nbidders; i++) {
        for (long k = 0; k < t->g->size; k++) {
            int q[SPECSIM_BANDS_MAX];
            auction_grid_counts(t->g, k, q);
            double rv = 0.0;
            for (int b = 0; b < t->g->nbands; b++)
                rv += x->in.reserve[b] * q[b];
            double net = fmin(value_of(x, i, k), x->in.budget[i]) - rv;
            bool ok = auction_package_allowed(&x->in, i, q) && net > 0.0;
            t->amount[i][k] = k == 0 ? 0.0 : ok ? net : -INFINITY;
        }
    }
}

/* True values of packages a bidder may win. */
static void values_table(const inst *x, table *t)
{
    t->in = &x->in;
    t->g = &x->v->grid;
    for (int i = 0; i < x->in.nbidders; i++) {
        for (long k = 0; k < t->g->size; k++) {
            int q[SPECSIM_BANDS_MAX];
            auction_grid_counts(t->g, k, q);
            bool ok = auction_package_allowed(&x->in, i, q);
            t->amount[i][k] = k == 0 ? 0.0
                            : ok     ? value_of(x, i, k)
                                     : -INFINITY;
        }
    }
}

/* Best sum over bidders i.. in `members` given remaining lots. */
static double brute(const table *t, unsigned members, int i, int *left,
                    int *left_inc)
{
    const auction_input *in = t->in;
    if (i == in->nbidders) return 0.0;
    double best = brute(t, members, i + 1, left, left_inc);
    if (!((members >> i) & 1u)) return best;
    for (long k = 1; k < t->g->size; k++) {
        int q[SPECSIM_BANDS_MAX];
        bool fits = true;
        if (t->amount[i][k] == -INFINITY) continue;
        auction_grid_counts(t->g, k, q);
        for (int b = 0; b < in->nbands; b++) {
            fits = fits && q[b] <= left[b];
            if (!in->new_entrant[i]) fits = fits && q[b] <= left_inc[b];
        }
        if (!fits) continue;
        for (int b = 0; b < in->nbands; b++) {
            left[b] -= q[b];
            if (!in->new_entrant[i]) left_inc[b] -= q[b];
        }
        double s = t->amount[i][k] + brute(t, members, i + 1, left, left_inc);
        for (int b = 0; b < in->nbands; b++) {
            left[b] += q[b];
            if (!in->new_entrant[i]) left_inc[b] += q[b];
        }
        if (s > best) best = s;
    }
    return best;
}

static double brute_max(const table *t, unsigned members)
{
    int left[SPECSIM_BANDS_MAX], left_inc[SPECSIM_BANDS_MAX];
    for (int b = 0; b < t->in->nbands; b++) {
        left[b] = t->in->lots[b];
        left_inc[b] = t->in->lots[b] - t->in->setaside[b];
    }
    return brute(t, members, 0, left, left_inc);
}

static long won_index(const inst *x, int i)
{
    return auction_grid_index(&x->v->grid, x->r.won[i]);
}

static double reserve_value(const inst *x, int i)
{
    double s = 0.0;
    for (int b = 0; b < x->in.nbands; b++)
        s += x->in.reserve[b] * x->r.won[i][b];
    return s;
}

/* ------------------------------------------------------------------ */
/* Winner determination, VCG and maximum welfare                       */

/* sealed_second on 300 random instances: the allocation is optimal for
 * the net bids, VCG prices equal brute-force ones for that allocation, the
 * maximum welfare equals brute force, and sealed_first allocates equally
 * well and charges bids. */
static void test_wdp_vcg_brute(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 4242);
    for (int rep = 0; rep < 300; rep++) {
        inst x = {0};
        table bids, vals;
        random_rules(r, &x.in, true, true);
        random_values(r, &x);
        inst_run(&x, &auction_sealed_second);
        bids_table(&x, &bids);
        values_table(&x, &vals);
        unsigned all = (1u << x.in.nbidders) - 1;
        double w = brute_max(&bids, all), got = 0.0;
        for (int i = 0; i < x.in.nbidders; i++) {
            long k = won_index(&x, i);
            if (k != 0) assert_true(bids.amount[i][k] > 0.0);
            got += bids.amount[i][k];
        }
        assert_near(got, w, 1e-9 * (1.0 + w));
        assert_near(x.r.welfare_max, brute_max(&vals, all),
                    1e-9 * (1.0 + x.r.welfare_max));
        for (int i = 0; i < x.in.nbidders; i++) {
            long k = won_index(&x, i);
            double vcg = 0.0;
            if (k != 0)
                vcg = brute_max(&bids, all & ~(1u << i)) -
                      (w - bids.amount[i][k]);
            assert_near(x.r.pay_vcg[i] - reserve_value(&x, i), vcg,
                        1e-8 * (1.0 + w));
            assert_near(x.r.pay[i], x.r.pay_vcg[i], 1e-12);
        }
        auction_ws_free(x.ws);
        inst_run(&x, &auction_sealed_first);
        got = 0.0;
        for (int i = 0; i < x.in.nbidders; i++) {
            long k = won_index(&x, i);
            got += bids.amount[i][k];
            double paid = k == 0 ? 0.0
                                 : bids.amount[i][k] + reserve_value(&x, i);
            assert_near(x.r.pay[i], paid, 1e-9 * (1.0 + w));
        }
        assert_near(got, w, 1e-9 * (1.0 + w));
        inst_free(&x);
    }
    gsl_rng_free(r);
}

/* ------------------------------------------------------------------ */
/* Core                                                                */

/* Net payment of i: what it pays above the reserve value. */
static double net_pay(const inst *x, int i)
{
    return x->r.pay[i] - reserve_value(x, i);
}

/* The largest amount by which a coalition C blocks net payments p: W(C)
 * minus what C's members bid for what they won, minus what the winners
 * outside C pay. tight[j] is set when a constraint with j among the payers
 * holds with equality. */
static double core_violation(const inst *x, const table *bids,
                             const double *p, double scale, bool *tight)
{
    int n = x->in.nbidders;
    double worst = -INFINITY;
    for (unsigned c = 0; c < (1u << n); c++) {
        double lhs = 0.0, rhs = brute_max(bids, c);
        for (int i = 0; i < n; i++) {
            long k = won_index(x, i);
            if ((c >> i) & 1u) rhs -= bids->amount[i][k];
            else lhs += p[i];
        }
        if (rhs - lhs > worst) worst = rhs - lhs;
        if (fabs(lhs - rhs) > 1e-7 * scale) continue;
        for (int i = 0; i < n; i++)
            if (!((c >> i) & 1u)) tight[i] = true;
    }
    return worst;
}

/* Up to 4 payment variables: rows a.p >= c. */
typedef struct {
    int k, m;
    double a[32][4], c[32];
} polytope;

/* Solve the k x k system of rows `rows` as equalities; false if singular. */
static bool vertex(const polytope *P, const int *rows, double *p)
{
    double m[4][5];
    int k = P->k;
    for (int r = 0; r < k; r++) {
        for (int j = 0; j < k; j++) m[r][j] = P->a[rows[r]][j];
        m[r][k] = P->c[rows[r]];
    }
    for (int col = 0; col < k; col++) {
        int piv = col;
        for (int r = col + 1; r < k; r++)
            if (fabs(m[r][col]) > fabs(m[piv][col])) piv = r;
        if (fabs(m[piv][col]) < 1e-12) return false;
        for (int j = 0; j <= k; j++) {
            double t = m[col][j];
            m[col][j] = m[piv][j];
            m[piv][j] = t;
        }
        for (int r = 0; r < k; r++) {
            if (r == col) continue;
            double f = m[r][col] / m[col][col];
            for (int j = col; j <= k; j++) m[r][j] -= f * m[col][j];
        }
    }
    for (int j = 0; j < k; j++) p[j] = m[j][k] / m[j][j];
    return true;
}

/* Least sum of p over the polytope, by enumerating its vertices. */
static double min_sum(const polytope *P, int *rows, int depth, int from,
                      double scale)
{
    double best = INFINITY, p[4];
    if (depth == P->k) {
        if (!vertex(P, rows, p)) return INFINITY;
        double sum = 0.0;
        for (int r = 0; r < P->m; r++) {
            double lhs = 0.0;
            for (int j = 0; j < P->k; j++) lhs += P->a[r][j] * p[j];
            if (lhs < P->c[r] - 1e-9 * scale) return INFINITY;
        }
        for (int j = 0; j < P->k; j++) sum += p[j];
        return sum;
    }
    for (int r = from; r < P->m; r++) {
        rows[depth] = r;
        double v = min_sum(P, rows, depth + 1, r + 1, scale);
        if (v < best) best = v;
    }
    return best;
}

/* The minimum core revenue (net of reserves) computed independently: every
 * coalition's constraint written out, 0 <= p_j <= bid_j, vertices
 * enumerated. */
static double brute_min_core_revenue(const inst *x, const table *bids,
                                     double scale)
{
    polytope P = {0};
    int slot[SPECSIM_OPERATORS_MAX], n = x->in.nbidders, rows[4];
    for (int i = 0; i < n; i++) {
        slot[i] = won_index(x, i) != 0 ? P.k++ : -1;
        if (slot[i] < 0) continue;
        P.a[P.m][slot[i]] = -1.0;
        P.c[P.m++] = -bids->amount[i][won_index(x, i)];
        P.a[P.m][slot[i]] = 1.0;
        P.c[P.m++] = 0.0;
    }
    if (P.k == 0) return 0.0;
    for (unsigned c = 0; c < (1u << n); c++) {
        double rhs = brute_max(bids, c);
        for (int i = 0; i < n; i++) {
            if ((c >> i) & 1u) rhs -= bids->amount[i][won_index(x, i)];
            else if (slot[i] >= 0) P.a[P.m][slot[i]] = 1.0;
        }
        P.c[P.m++] = rhs;
    }
    return min_sum(&P, rows, 0, 0, scale);
}

/* CCA on 400 random instances (then sealed_core on 200) with
 * straightforward bidders without
 * budgets, whose bids are their values on every package (the relative
 * caps never bind for them; a binding budget can make them bind, which is
 * why budgets are left out here): payments lie in the core; each winner
 * pays at least its VCG price and at most its bid; a winner paying above
 * VCG is held there by a tight coalition constraint (no winner's payment
 * could fall alone); revenue is the minimum core revenue, found again by
 * enumerating the vertices of the core; when VCG prices are in the core,
 * they are the payments. With zero reserves the allocation is
 * efficient. */
static void test_cca_core_random(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 777);
    int raised = 0;
    /* cca, then sealed_core: the same rule on sealed bids equal to the
     * values (capped by budgets, none here), which the bids table is. */
    for (int rep = 0; rep < 600; rep++) {
        const auction_format *fmt = rep < 400 ? &auction_cca
                                              : &auction_sealed_core;
        inst x = {0};
        table bids;
        bool tight[SPECSIM_OPERATORS_MAX] = {false};
        bool plain = rep % 2 == 0;
        random_rules(r, &x.in, false, !plain);
        if (rep % 4 < 2) loosen(&x.in);
        random_values(r, &x);
        inst_run(&x, fmt);
        bids_table(&x, &bids);
        double scale = 1.0 + brute_max(&bids, (1u << x.in.nbidders) - 1);
        double pay[SPECSIM_OPERATORS_MAX], vcg[SPECSIM_OPERATORS_MAX];
        bool unused[SPECSIM_OPERATORS_MAX];
        for (int i = 0; i < x.in.nbidders; i++) {
            pay[i] = net_pay(&x, i);
            vcg[i] = x.r.pay_vcg[i] - reserve_value(&x, i);
        }
        double viol = core_violation(&x, &bids, pay, scale, tight);
        assert_true(viol <= 1e-7 * scale);
        viol = core_violation(&x, &bids, vcg, scale, unused);
        bool vcg_in_core = viol <= 1e-9 * scale;
        for (int i = 0; i < x.in.nbidders; i++) {
            long k = won_index(&x, i);
            assert_true(pay[i] >= vcg[i] - 1e-8 * scale);
            assert_true(pay[i] <= bids.amount[i][k] + 1e-8 * scale);
            if (pay[i] > vcg[i] + 1e-7 * scale) assert_true(tight[i]);
            if (vcg_in_core) assert_near(pay[i], vcg[i], 1e-8 * scale);
        }
        double net_revenue = 0.0;
        for (int i = 0; i < x.in.nbidders; i++) net_revenue += pay[i];
        assert_near(net_revenue, brute_min_core_revenue(&x, &bids, scale),
                    1e-7 * scale);
        if (x.r.revenue > x.r.revenue_vcg + 1e-7 * scale) raised++;
        if (plain) assert_close(x.r.efficiency, 1.0, 1e-9);
        inst_free(&x);
    }
    assert_true(raised >= 20); /* the core rule had work to do */
    gsl_rng_free(r);
}

/* ------------------------------------------------------------------ */
/* Every format on random instances                                    */

/* The invariants auction_run asserts (supply, set-asides, caps, budgets)
 * hold in every format; revenue adds up by band and bidder; efficiency is
 * at most 1; the same input gives the same result twice. */
static void test_formats_random(void **state)
{
    (void)state;
    const char *names[] = {"clock", "smra", "cca", "sealed_first",
                           "sealed_second", "sealed_core"};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 99);
    for (int rep = 0; rep < 100; rep++) {
        inst x = {0};
        random_rules(r, &x.in, true, true);
        random_values(r, &x);
        for (int f = 0; f < 6; f++) {
            const auction_format *fmt = auction_format_find(names[f]);
            inst_run(&x, fmt);
            auction_result first;
            memcpy(&first, &x.r, sizeof first);
            auction_ws_free(x.ws);
            inst_run(&x, fmt);
            assert_memory_equal(&first, &x.r, sizeof first);
            double sum = 0.0, sum_band = 0.0;
            for (int i = 0; i < x.in.nbidders; i++) sum += x.r.pay[i];
            for (int b = 0; b < x.in.nbands; b++)
                sum_band += x.r.revenue_band[b];
            assert_near(sum, x.r.revenue, 1e-9 * (1.0 + sum));
            assert_near(sum_band, x.r.revenue, 1e-9 * (1.0 + sum));
            assert_true(x.r.efficiency <= 1.0 + 1e-9);
            assert_true(x.r.rounds >= 1 && !x.r.ended_by_round_limit);
            auction_ws_free(x.ws);
        }
        auction_values_free(x.v);
    }
    gsl_rng_free(r);
}

/* Results do not depend on the thread: 24 random instances run through
 * every format serially and then in parallel, each with its own
 * workspace, give identical bytes. */
static void test_threads(void **state)
{
    (void)state;
    enum { N = 24 };
    static auction_result serial[N][5], parallel[N][5];
    const char *names[] = {"clock", "smra", "cca", "sealed_first",
                           "sealed_second", "sealed_core"};
    inst x[N];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 31337);
    memset(x, 0, sizeof x);
    for (int k = 0; k < N; k++) {
        random_rules(r, &x[k].in, true, true);
        random_values(r, &x[k]);
    }
    for (int pass = 0; pass < 2; pass++) {
        auction_result (*out)[5] = pass == 0 ? serial : parallel;
#pragma omp parallel for schedule(dynamic) if (pass == 1)
        for (int k = 0; k < N; k++) {
            err_t e;
            auction_sizes s;
            auction_sizes_of(&x[k].in, &s);
            auction_ws *ws = auction_ws_alloc(&s);
            for (int f = 0; f < 5; f++)
                if (auction_run(auction_format_find(names[f]), &x[k].in, ws,
                                &out[k][f], &e) != ERR_OK)
                    out[k][f].rounds = -1;
            auction_ws_free(ws);
        }
    }
    assert_memory_equal(serial, parallel, sizeof serial);
    for (int k = 0; k < N; k++) auction_values_free(x[k].v);
    gsl_rng_free(r);
}

/* ------------------------------------------------------------------ */
/* Monte Carlo against closed forms                                    */

/* n bidders, one lot, values i.i.d. uniform on [0, 1]: the mean revenue
 * over `reps` auctions and its standard error. */
static void single_lot_mc(const auction_format *f, int n, double reserve,
                          double inc_abs, const auction_strategy *s,
                          double param, int reps, uint64_t seed,
                          double *mean, double *se)
{
    auction_input in;
    auction_additive_params p;
    err_t e;
    memset(&p, 0, sizeof p);
    p.base_hi[0] = 1.0;
    p.synergy[0][1] = 1.0;
    auction_input_init(&in, n, 1);
    in.lots[0] = 1;
    in.reserve[0] = reserve;
    in.increment_abs = inc_abs;
    in.rounds_max = AUCTION_ROUNDS_MAX;
    for (int i = 0; i < n; i++) {
        in.strategy[i] = s;
        in.strategy_param[i] = param;
    }
    auction_values *v = auction_values_alloc(n, 2);
    auction_sizes sz;
    auction_sizes_of(&in, &sz);
    auction_ws *ws = auction_ws_alloc(&sz);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, (unsigned long)seed);
    double sum = 0.0, sum2 = 0.0;
    for (int k = 0; k < reps; k++) {
        auction_result res;
        assert_int_equal(auction_values_additive(v, &in, &p, r, NULL, &e),
                         ERR_OK);
        in.values = v;
        assert_int_equal(auction_run(f, &in, ws, &res, &e), ERR_OK);
        sum += res.revenue;
        sum2 += res.revenue * res.revenue;
    }
    *mean = sum / reps;
    *se = sqrt((sum2 / reps - *mean * *mean) / (reps - 1));
    gsl_rng_free(r);
    auction_ws_free(ws);
    auction_values_free(v);
}

/* Second price, n = 3: E[revenue] = (n - 1)/(n + 1) = 0.5. With reserve
 * r = 0.5: (n - 1)/(n + 1) + r^n - 2n/(n + 1) r^(n + 1) = 0.53125. */
static void test_mc_second_price(void **state)
{
    (void)state;
    double m, se;
    single_lot_mc(&auction_sealed_second, 3, 0.0, 1.0, NULL, 0.0, 4000, 1,
                  &m, &se);
    assert_near(m, 0.5, Z99 * se);
    single_lot_mc(&auction_sealed_second, 3, 0.5, 1.0, NULL, 0.0, 4000, 2,
                  &m, &se);
    assert_near(m, 0.53125, Z99 * se);
    single_lot_mc(&auction_cca, 4, 0.0, 0.01, NULL, 0.0, 1500, 3, &m, &se);
    assert_near(m, 3.0 / 5.0, Z99 * se);
}

/* First price with equilibrium shading b = (n - 1)/n v: revenue
 * equivalence gives (n - 1)/(n + 1) again. */
static void test_mc_first_price(void **state)
{
    (void)state;
    double m, se;
    single_lot_mc(&auction_sealed_first, 3, 0.0, 1.0, &auction_shaded,
                  1.0 / 3.0, 4000, 4, &m, &se);
    assert_near(m, 0.5, Z99 * se);
}

/* Ascending formats with step h: the price stops within one step of the
 * second value, so E[revenue] is within h of (n - 1)/(n + 1). */
static void test_mc_ascending(void **state)
{
    (void)state;
    double m, se, h = 0.002;
    single_lot_mc(&auction_clock, 3, 0.0, h, NULL, 0.0, 2000, 5, &m, &se);
    assert_near(m, 0.5, Z99 * se + h);
    single_lot_mc(&auction_smra, 3, 0.0, h, NULL, 0.0, 2000, 6, &m, &se);
    assert_near(m, 0.5, Z99 * se + h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wdp_vcg_brute),
        cmocka_unit_test(test_cca_core_random),
        cmocka_unit_test(test_formats_random),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_mc_second_price),
        cmocka_unit_test(test_mc_first_price),
        cmocka_unit_test(test_mc_ascending),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
