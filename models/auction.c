/* auction.c — the auction module's shared parts: package grid, input
 * checks, value tables, demand queries and strategies, workspace, the
 * format table and the metrics every format shares.
 *
 * DESIGN — a format's run function only decides who wins what and who
 * pays what (won, pay, pay_band); auction_run() wraps it: it checks the
 * input and the value table before, and after it checks the outcome's
 * invariants (supply, caps, budgets) with assertions and derives revenue,
 * unsold lots, mean prices, welfare, the best welfare and efficiency. The
 * demand query enumerates the bidder's box of count vectors, which is
 * exact and fast for the grids the module accepts (AUCTION_PACKAGES_MAX).
 * A bidder's admissible packages are that box (bar, set-asides, caps per
 * band) cut by two sums, its total cap in lots and its spectrum cap in
 * MHz; every enumeration of a bidder's packages (demand, bid lists, value
 * checks, clock holds) applies both cuts, so each format, the payment
 * programs and the maximum welfare see the same set. Both cuts keep the
 * set closed under taking fewer lots, which the bid pruning and the
 * clock's rationing rely on.
 */
#include "auction.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auction_impl.h"

/* ------------------------------------------------------------------ */
/* Grid                                                                */

long auction_grid_index(const auction_grid *g, const int *q)
{
    long k = 0;
    for (int b = 0; b < g->nbands; b++) {
        SPECSIM_ASSERT(q[b] >= 0 && q[b] <= g->max[b]);
        k += (long)q[b] * g->stride[b];
    }
    return k;
}

void auction_grid_counts(const auction_grid *g, long k, int *q)
{
    SPECSIM_ASSERT(k >= 0 && k < g->size);
    for (int b = 0; b < g->nbands; b++) {
        q[b] = (int)(k % (g->max[b] + 1));
        k /= g->max[b] + 1;
    }
}

/* Most lots of band b alone, up to m, within bidder i's spectrum cap. */
static int mhz_band_max(const auction_input *in, int i, int b, int m)
{
    int q[SPECSIM_BANDS_MAX] = {0};
    for (q[b] = m; q[b] > 0; q[b]--)
        if (auction_mhz_within(in->nbands, in->lot_mhz, in->mhz_max[i], q))
            break;
    return q[b];
}

void auction_bidder_limits(const auction_input *in, int i, int *qmax,
                           int *total_max)
{
    long sum = 0;
    for (int b = 0; b < in->nbands; b++) {
        int m = in->lots[b];
        if (!in->new_entrant[i]) m -= in->setaside[b];
        if (in->cap_band[i][b] < m) m = in->cap_band[i][b];
        if (in->barred[i]) m = 0;
        qmax[b] = mhz_band_max(in, i, b, m);
        sum += qmax[b];
    }
    *total_max = (int)(sum < in->cap_total[i] ? sum : in->cap_total[i]);
    for (int b = 0; b < in->nbands; b++)
        if (qmax[b] > *total_max) qmax[b] = *total_max;
}

void auction_grid_of(const auction_input *in, auction_grid *g)
{
    memset(g, 0, sizeof *g);
    g->nbands = in->nbands;
    for (int i = 0; i < in->nbidders; i++) {
        int qmax[SPECSIM_BANDS_MAX], tot;
        auction_bidder_limits(in, i, qmax, &tot);
        for (int b = 0; b < in->nbands; b++)
            if (qmax[b] > g->max[b]) g->max[b] = qmax[b];
    }
    long size = 1;
    for (int b = 0; b < in->nbands; b++) {
        g->stride[b] = size;
        size *= g->max[b] + 1;
    }
    g->size = size;
}

bool auction_mhz_fits(const auction_input *in, int i, const int *q)
{
    return auction_mhz_within(in->nbands, in->lot_mhz, in->mhz_max[i], q);
}

bool auction_package_allowed(const auction_input *in, int i, const int *q)
{
    int qmax[SPECSIM_BANDS_MAX], tot_max, tot = 0;
    auction_bidder_limits(in, i, qmax, &tot_max);
    for (int b = 0; b < in->nbands; b++) {
        if (q[b] < 0 || q[b] > qmax[b]) return false;
        tot += q[b];
    }
    return tot <= tot_max && auction_mhz_fits(in, i, q);
}

double auction_points(const auction_input *in, const int *q)
{
    double s = 0.0;
    for (int b = 0; b < in->nbands; b++) s += in->points[b] * q[b];
    return s;
}

double auction_reserve_value(const auction_input *in, const int *q)
{
    double s = 0.0;
    for (int b = 0; b < in->nbands; b++) s += in->reserve[b] * q[b];
    return s;
}

void auction_split(int nbands, const int *q, double pay,
                   const double *weight, double *out)
{
    double sw = 0.0, sq = 0.0;
    for (int b = 0; b < nbands; b++) {
        sw += weight[b];
        sq += q[b];
    }
    for (int b = 0; b < nbands; b++) {
        if (sw > 0.0) out[b] = pay * weight[b] / sw;
        else out[b] = sq > 0.0 ? pay * q[b] / sq : 0.0;
    }
}

/* ------------------------------------------------------------------ */
/* Input                                                               */

void auction_input_init(auction_input *in, int nbidders, int nbands)
{
    memset(in, 0, sizeof *in);
    in->nbidders = nbidders;
    in->nbands = nbands;
    in->activity_share = 1.0;
    in->node_limit = AUCTION_NO_NODE_LIMIT;
    for (int i = 0; i < SPECSIM_OPERATORS_MAX; i++) {
        for (int b = 0; b < SPECSIM_BANDS_MAX; b++)
            in->cap_band[i][b] = AUCTION_NO_CAP;
        in->cap_total[i] = AUCTION_NO_CAP;
        in->mhz_max[i] = INFINITY;
        in->budget[i] = INFINITY;
        in->pay_kink[i] = INFINITY;
        in->pay_slope[i] = 0.0;
    }
}

static err_code bad(err_t *e, const char *field, int idx, double v,
                    const char *expected)
{
    if (idx >= 0)
        return err_set(e, ERR_SCENARIO, "auction input: %s[%d] = %g: "
                       "expected %s", field, idx, v, expected);
    return err_set(e, ERR_SCENARIO, "auction input: %s = %g: expected %s",
                   field, v, expected);
}

static bool nonneg(double x) { return isfinite(x) && x >= 0.0; }

#define STR_(x) #x
#define STR(x) STR_(x)

static err_code check_bands(const auction_input *in, err_t *e)
{
    for (int b = 0; b < in->nbands; b++) {
        if (in->lots[b] < 0 || in->lots[b] > AUCTION_LOTS_MAX)
            return bad(e, "lots", b, in->lots[b],
                       "0..AUCTION_LOTS_MAX (" STR(AUCTION_LOTS_MAX) ")");
        if (in->setaside[b] < 0 || in->setaside[b] > in->lots[b])
            return bad(e, "setaside", b, in->setaside[b], "0..lots");
        if (!nonneg(in->reserve[b]))
            return bad(e, "reserve", b, in->reserve[b], "finite and >= 0");
        if (!nonneg(in->points[b]))
            return bad(e, "points", b, in->points[b], "finite and >= 0");
        if (!nonneg(in->lot_mhz[b]))
            return bad(e, "lot_mhz", b, in->lot_mhz[b], "finite and >= 0");
    }
    return ERR_OK;
}

err_code auction_input_check_rises(const auction_input *in, err_t *e)
{
    SPECSIM_ASSERT(in != NULL);
    for (int b = 0; b < in->nbands; b++) {
        bool rises = in->increment_abs > 0.0 ||
                     (in->increment_rel > 0.0 && in->reserve[b] > 0.0);
        if (in->lots[b] > 0 && !rises)
            return bad(e, "increment_abs", -1, in->increment_abs,
                       "> 0 when a band's reserve is 0 or increment_rel "
                       "is 0, so that every price can rise");
    }
    return ERR_OK;
}

static err_code check_bidder(const auction_input *in, int i, err_t *e)
{
    for (int b = 0; b < in->nbands; b++)
        if (in->cap_band[i][b] < 0)
            return err_set(e, ERR_SCENARIO, "auction input: cap_band[%d][%d]"
                           " = %d: expected >= 0", i, b, in->cap_band[i][b]);
    if (in->cap_total[i] < 0)
        return bad(e, "cap_total", i, in->cap_total[i], ">= 0");
    if (isnan(in->mhz_max[i]) || in->mhz_max[i] < 0.0)
        return bad(e, "mhz_max", i, in->mhz_max[i], ">= 0 (INFINITY = none)");
    if (isnan(in->budget[i]) || in->budget[i] < 0.0)
        return bad(e, "budget", i, in->budget[i], ">= 0 (INFINITY = none)");
    if (isnan(in->pay_kink[i]) || in->pay_kink[i] < 0.0)
        return bad(e, "pay_kink", i, in->pay_kink[i], ">= 0 (INFINITY = none)");
    if (!isfinite(in->pay_slope[i]) || in->pay_slope[i] < 0.0)
        return bad(e, "pay_slope", i, in->pay_slope[i], "finite and >= 0");
    const auction_strategy *s = auction_strategy_of(in, i);
    if (!isfinite(in->strategy_param[i]) || !s->check(in->strategy_param[i]))
        return bad(e, "strategy_param", i, in->strategy_param[i],
                   s->param_expected);
    return ERR_OK;
}

err_code auction_input_check(const auction_input *in, err_t *e)
{
    SPECSIM_ASSERT(in != NULL);
    if (in->nbands < 1 || in->nbands > SPECSIM_BANDS_MAX)
        return bad(e, "nbands", -1, in->nbands, "1..SPECSIM_BANDS_MAX");
    if (in->nbidders < 1 || in->nbidders > SPECSIM_OPERATORS_MAX)
        return bad(e, "nbidders", -1, in->nbidders,
                   "1..SPECSIM_OPERATORS_MAX");
    if (!nonneg(in->increment_rel))
        return bad(e, "increment_rel", -1, in->increment_rel,
                   "finite and >= 0");
    if (!nonneg(in->increment_abs))
        return bad(e, "increment_abs", -1, in->increment_abs,
                   "finite and >= 0");
    if (in->rounds_max < 1 || in->rounds_max > AUCTION_ROUNDS_MAX)
        return bad(e, "rounds_max", -1, in->rounds_max,
                   "1..AUCTION_ROUNDS_MAX (" STR(AUCTION_ROUNDS_MAX) ")");
    if (!(in->activity_share > 0.0 && in->activity_share <= 1.0))
        return bad(e, "activity_share", -1, in->activity_share, "in (0, 1]");
    if (in->node_limit < 1)
        return bad(e, "node_limit", -1, (double)in->node_limit, ">= 1");
    err_code rc = check_bands(in, e);
    for (int i = 0; rc == ERR_OK && i < in->nbidders; i++)
        rc = check_bidder(in, i, e);
    if (rc != ERR_OK) return rc;
    auction_grid g;
    auction_grid_of(in, &g);
    if (g.size > AUCTION_PACKAGES_MAX)
        return bad(e, "package grid size", -1, (double)g.size,
                   "<= AUCTION_PACKAGES_MAX (" STR(AUCTION_PACKAGES_MAX)
                   "): lower lots or caps");
    return ERR_OK;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

auction_values *auction_values_alloc(int bidders_max, long packages_max)
{
    SPECSIM_ASSERT(bidders_max >= 1 && bidders_max <= SPECSIM_OPERATORS_MAX);
    SPECSIM_ASSERT(packages_max >= 1 && packages_max <= AUCTION_PACKAGES_MAX);
    auction_values *v = calloc(1, sizeof *v);
    if (v == NULL) return NULL;
    v->value = calloc((size_t)bidders_max * (size_t)packages_max,
                      sizeof *v->value);
    if (v->value == NULL) {
        free(v);
        return NULL;
    }
    v->bidders_max = bidders_max;
    v->packages_max = packages_max;
    return v;
}

void auction_values_free(auction_values *v)
{
    if (v == NULL) return;
    free(v->value);
    free(v);
}

err_code auction_values_shape(auction_values *v, const auction_input *in,
                              err_t *e)
{
    SPECSIM_ASSERT(v != NULL && in != NULL);
    err_code rc = auction_input_check(in, e);
    if (rc != ERR_OK) return rc;
    auction_grid g;
    auction_grid_of(in, &g);
    if (g.size > v->packages_max || in->nbidders > v->bidders_max)
        return err_set(e, ERR_SCENARIO, "auction values: %d bidders x %ld "
                       "packages exceed the table's %d x %ld", in->nbidders,
                       g.size, v->bidders_max, v->packages_max);
    v->grid = g;
    v->nbidders = in->nbidders;
    memset(v->value, 0, (size_t)in->nbidders * (size_t)g.size
                        * sizeof *v->value);
    return ERR_OK;
}

double *auction_values_row(auction_values *v, int i)
{
    SPECSIM_ASSERT(v != NULL && i >= 0 && i < v->nbidders);
    return v->value + (size_t)i * (size_t)v->grid.size;
}

static bool grid_equal(const auction_grid *a, const auction_grid *b)
{
    if (a->nbands != b->nbands || a->size != b->size) return false;
    for (int k = 0; k < a->nbands; k++)
        if (a->max[k] != b->max[k]) return false;
    return true;
}

/* Every value a bidder may need must be finite, the empty package 0. */
static err_code check_values(const auction_input *in, err_t *e)
{
    const auction_values *v = in->values;
    SPECSIM_ASSERT(v != NULL && v->nbidders == in->nbidders);
    auction_grid g;
    auction_grid_of(in, &g);
    SPECSIM_ASSERT(grid_equal(&g, &v->grid));
    for (int i = 0; i < in->nbidders; i++) {
        const double *row = v->value + (size_t)i * (size_t)g.size;
        if (row[0] != 0.0)
            return err_set(e, ERR_SCENARIO, "auction values: bidder %d, "
                           "empty package: %g: expected 0", i, row[0]);
        int q[SPECSIM_BANDS_MAX] = {0}, qmax[SPECSIM_BANDS_MAX], tot_max;
        int tot = 0;
        long k = 0;
        auction_bidder_limits(in, i, qmax, &tot_max);
        do {
            if (tot <= tot_max && auction_mhz_fits(in, i, q) &&
                !isfinite(row[k]))
                return err_set(e, ERR_SCENARIO, "auction values: bidder %d, "
                               "package %ld: %g: expected a finite number",
                               i, k, row[k]);
        } while (auction_box_next(g.nbands, qmax, g.stride, q, &k, &tot));
    }
    return ERR_OK;
}

/* ------------------------------------------------------------------ */
/* Demand queries and strategies                                       */

typedef struct {
    long k;
    int tot;
    double surplus, mag;
} candidate;

/* True when c beats the incumbent best: more surplus beyond rounding, or
 * equal surplus with fewer lots (equal lots keep the lower index). */
static bool beats(const candidate *c, const candidate *best)
{
    if (best->k < 0) return true;
    double tol = 1e-9 * fmax(c->mag, best->mag);
    if (c->surplus > best->surplus + tol) return true;
    if (c->surplus < best->surplus - tol) return false;
    return c->tot < best->tot;
}

long auction_demand(const auction_query *q, double scale)
{
    const auction_grid *g = q->grid;
    int c[SPECSIM_BANDS_MAX] = {0}, tot = 0;
    long k = 0;
    candidate best = {-1, 0, 0.0, 0.0};
    do {
        if (tot > q->total_max ||
            !auction_mhz_within(g->nbands, q->lot_mhz, q->mhz_max, c))
            continue;
        double cost = 0.0, pts = 0.0;
        for (int b = 0; b < g->nbands; b++) {
            cost += q->cost[b][c[b]];
            pts += q->points[b] * c[b];
        }
        if (!isfinite(cost) || cost > q->budget ||
            pts > q->eligibility * (1.0 + 1e-12))
            continue;
        double v = scale * q->value[k];
        /* What paying `cost` costs the bidder, its financing included. */
        if (q->pay_slope > 0.0 && cost > q->pay_kink)
            cost += q->pay_slope * (cost - q->pay_kink);
        candidate cand = {k, tot, v - cost, fabs(v) + fabs(cost)};
        if (beats(&cand, &best)) best = cand;
    } while (auction_box_next(g->nbands, q->qmax, g->stride, c, &k, &tot));
    SPECSIM_ASSERT(best.k >= 0);
    return best.k;
}

double auction_pay_limit(const auction_input *in, int i, double bid)
{
    double slope = in->pay_slope[i], kink = in->pay_kink[i];
    if (slope <= 0.0 || bid <= kink) return bid;
    return (bid + slope * kink) / (1.0 + slope);
}

static long straight_demand(const auction_query *q, double param)
{
    (void)param;
    return auction_demand(q, 1.0);
}

static double straight_bid(double value, double param)
{
    (void)param;
    return value;
}

static bool straight_check(double param)
{
    (void)param;
    return true;
}

static long shaded_demand(const auction_query *q, double param)
{
    return auction_demand(q, 1.0 - param);
}

static double shaded_bid(double value, double param)
{
    return (1.0 - param) * value;
}

static bool shaded_check(double param) { return param >= 0.0 && param < 1.0; }

const auction_strategy auction_straightforward = {
    "straightforward", straight_demand, straight_bid, straight_check,
    "any finite number (ignored)"};

const auction_strategy auction_shaded = {
    "shaded", shaded_demand, shaded_bid, shaded_check, "in [0, 1)"};

static const auction_strategy *const strategies[] = {
    &auction_straightforward, &auction_shaded, NULL};

const auction_strategy *auction_strategy_find(const char *name)
{
    for (int k = 0; strategies[k] != NULL; k++)
        if (strcmp(strategies[k]->name, name) == 0) return strategies[k];
    return NULL;
}

const char *auction_strategy_names(void) { return "straightforward, shaded"; }

const auction_strategy *auction_strategy_of(const auction_input *in, int i)
{
    return in->strategy[i] != NULL ? in->strategy[i]
                                   : &auction_straightforward;
}

long auction_bidder_demand(const auction_input *in, int i,
                           const double (*cost)[AUCTION_LOTS_MAX + 1],
                           double elig)
{
    auction_query q;
    const auction_values *v = in->values;
    auction_bidder_limits(in, i, q.qmax, &q.total_max);
    q.grid = &v->grid;
    q.value = v->value + (size_t)i * (size_t)v->grid.size;
    q.cost = cost;
    q.points = in->points;
    q.eligibility = elig;
    q.budget = in->budget[i];
    q.lot_mhz = in->lot_mhz;
    q.mhz_max = in->mhz_max[i];
    q.pay_kink = in->pay_kink[i];
    q.pay_slope = in->pay_slope[i];
    const auction_strategy *s = auction_strategy_of(in, i);
    long k = s->demand(&q, in->strategy_param[i]);
    SPECSIM_ASSERT(k >= 0 && k < v->grid.size);
    return k;
}

double auction_raise(const auction_input *in, double price)
{
    double step = in->increment_rel * price;
    return price + (step > in->increment_abs ? step : in->increment_abs);
}

/* ------------------------------------------------------------------ */
/* Workspace                                                           */

void auction_sizes_of(const auction_input *in, auction_sizes *s)
{
    auction_grid g;
    auction_grid_of(in, &g);
    s->bidders_max = in->nbidders;
    s->packages_max = g.size;
    s->lots_max = 0;
    for (int b = 0; b < in->nbands; b++) s->lots_max += in->lots[b];
    s->rounds_max = in->rounds_max;
}

/* The workspace's arrays and their lengths (nb bidders, np packages, nl
 * lots, nr rounds), for allocation and release alike. */
#define WS_ARRAYS(X)                                                         \
    X(bid, nb * np) X(best, np) X(list_bidder, nb * np)                      \
    X(list_pkg, nb * np) X(list_amount, nb * np)                             \
    X(hist_price, nr * 2 * SPECSIM_BANDS_MAX) X(hist_pkg, nr * nb)           \
    X(hist_elig, nr * nb) X(order, np) X(round_of, np) X(lot_band, nl)       \
    X(lot_reserved, nl) X(lot_holder, nl) X(lot_price, nl)                   \
    X(lot_bidder, nl) X(round_start, nr + 1)

static void *array(size_t n, size_t size, bool *ok)
{
    void *p = calloc(n > 0 ? n : 1, size);
    if (p == NULL) *ok = false;
    return p;
}

auction_ws *auction_ws_alloc(const auction_sizes *max)
{
    SPECSIM_ASSERT(max->bidders_max >= 1 &&
                   max->bidders_max <= SPECSIM_OPERATORS_MAX);
    SPECSIM_ASSERT(max->packages_max >= 1 &&
                   max->packages_max <= AUCTION_PACKAGES_MAX);
    SPECSIM_ASSERT(max->lots_max >= 0 &&
                   max->lots_max <= SPECSIM_BANDS_MAX * AUCTION_LOTS_MAX);
    SPECSIM_ASSERT(max->rounds_max >= 1 &&
                   max->rounds_max <= AUCTION_ROUNDS_MAX);
    auction_ws *ws = calloc(1, sizeof *ws);
    if (ws == NULL) return NULL;
    bool ok = true;
    size_t nb = (size_t)max->bidders_max, np = (size_t)max->packages_max;
    size_t nl = (size_t)max->lots_max, nr = (size_t)max->rounds_max;
    ws->cap = *max;
#define ALLOC(m, n) ws->m = array(n, sizeof *ws->m, &ok);
    WS_ARRAYS(ALLOC)
#undef ALLOC
    if (!ok) {
        auction_ws_free(ws);
        return NULL;
    }
    return ws;
}

void auction_ws_free(auction_ws *ws)
{
    if (ws == NULL) return;
#define FREE(m, n) free(ws->m);
    WS_ARRAYS(FREE)
#undef FREE
    free(ws);
}

double auction_ws_glpk_seconds(const auction_ws *ws)
{
    SPECSIM_ASSERT(ws != NULL);
    return ws->glpk_seconds;
}

static bool ws_fits(const auction_ws *ws, const auction_input *in)
{
    auction_sizes s;
    auction_sizes_of(in, &s);
    return s.bidders_max <= ws->cap.bidders_max &&
           s.packages_max <= ws->cap.packages_max &&
           s.lots_max <= ws->cap.lots_max &&
           s.rounds_max <= ws->cap.rounds_max;
}

/* ------------------------------------------------------------------ */
/* Formats and shared metrics                                          */

static const auction_format *const formats[] = {
    &auction_clock, &auction_smra, &auction_cca, &auction_sealed_first,
    &auction_sealed_second, &auction_sealed_core, NULL};

const auction_format *auction_format_find(const char *name)
{
    for (int k = 0; formats[k] != NULL; k++)
        if (strcmp(formats[k]->name, name) == 0) return formats[k];
    return NULL;
}

const char *auction_format_names(void)
{
    return "clock, smra, cca, sealed_first, sealed_second, sealed_core";
}

/* The outcome respects supply, set-asides, caps and budgets. */
static void assert_outcome(const auction_input *in, const auction_result *r)
{
    for (int b = 0; b < in->nbands; b++) {
        int all = 0, incumbents = 0;
        for (int i = 0; i < in->nbidders; i++) {
            all += r->won[i][b];
            if (!in->new_entrant[i]) incumbents += r->won[i][b];
        }
        SPECSIM_ASSERT(all <= in->lots[b]);
        SPECSIM_ASSERT(incumbents <= in->lots[b] - in->setaside[b]);
    }
    for (int i = 0; i < in->nbidders; i++) {
        SPECSIM_ASSERT(auction_package_allowed(in, i, r->won[i]));
        SPECSIM_ASSERT(r->pay[i] >= -1e-9 * (1.0 + fabs(r->pay[i])));
        SPECSIM_ASSERT(r->pay[i] <= in->budget[i] * (1.0 + 1e-9));
    }
}

static void finish(const auction_input *in, auction_result *r)
{
    const auction_values *v = in->values;
    r->revenue = 0.0;
    r->revenue_vcg = 0.0;
    r->welfare = 0.0;
    for (int i = 0; i < in->nbidders; i++) {
        r->revenue += r->pay[i];
        if (r->vcg_computed) r->revenue_vcg += r->pay_vcg[i];
        long k = auction_grid_index(&v->grid, r->won[i]);
        r->welfare += v->value[(size_t)i * (size_t)v->grid.size + k];
    }
    for (int b = 0; b < in->nbands; b++) {
        int sold = 0;
        r->revenue_band[b] = 0.0;
        for (int i = 0; i < in->nbidders; i++) {
            r->revenue_band[b] += r->pay_band[i][b];
            sold += r->won[i][b];
        }
        r->unsold[b] = in->lots[b] - sold;
        r->price_mean[b] = sold > 0 ? r->revenue_band[b] / sold : 0.0;
    }
}

err_code auction_run(const auction_format *f, const auction_input *in,
                     auction_ws *ws, auction_result *out, err_t *e)
{
    SPECSIM_ASSERT(f != NULL && in != NULL && ws != NULL && out != NULL);
    err_code rc = auction_input_check(in, e);
    if (rc == ERR_OK && f->ascending) rc = auction_input_check_rises(in, e);
    if (rc == ERR_OK) rc = check_values(in, e);
    if (rc != ERR_OK) return rc;
    SPECSIM_ASSERT(ws_fits(ws, in));
    memset(out, 0, sizeof *out);
    out->nbidders = in->nbidders;
    out->nbands = in->nbands;
    rc = f->run(in, ws, out, e);
    if (rc == ERR_OK) {
        assert_outcome(in, out);
        finish(in, out);
        rc = auction_welfare_max(ws, in, &out->welfare_max, e);
    }
    if (rc != ERR_OK) {
        err_prefix(e, "auction %s: ", f->name);
        return rc;
    }
    out->efficiency = out->welfare_max > 0.0
                          ? out->welfare / out->welfare_max : 1.0;
    return ERR_OK;
}
