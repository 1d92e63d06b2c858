/* auction_cca.c — the combinatorial clock auction: clock phase,
 * supplementary round, winner determination, core-selecting payments.
 *
 * DESIGN — the clock phase is the clock engine (auction_clock.c) with its
 * history recorded: prices, each bidder's demand and eligibility in every
 * round. Each clock demand is a package bid at that round's prices. In the
 * supplementary round a bidder bids on every package it may win what its
 * strategy says (capped by its budget), subject to the relative cap of
 * the 2013 UK rules: a bid on package q may exceed the bid on the bidder's
 * package x_t of round t by at most the price difference P_t(q) - P_t(x_t),
 * where t is the last clock round in which the bidder was eligible for q
 * (the final clock package itself is uncapped). The caps chain backwards,
 * so packages are processed from the last round to the first. Clock bids
 * always stand. For a straightforward bidder the cap never binds: its clock
 * demand maximised surplus, so v(q) <= v(x_t) + P_t(q) - P_t(x_t). Winner
 * determination, VCG and core payments work on bids net of reserve value
 * (auction_pay.c); every winner pays its core payment plus the reserve
 * value of its package, and the package payment is split across bands in
 * proportion to what its lots cost at the final clock prices.
 */
#include <math.h>

#include "auction_impl.h"

/* Cost of count vector q in a cost table. */
static double table_cost(const double (*cost)[AUCTION_LOTS_MAX + 1],
                         int nbands, const int *q)
{
    double c = 0.0;
    for (int b = 0; b < nbands; b++) c += cost[b][q[b]];
    return c;
}

static void round_prices(const auction_ws *ws, int t, auction_prices *p)
{
    const double *h = ws->hist_price + (size_t)t * 2 * SPECSIM_BANDS_MAX;
    for (int b = 0; b < SPECSIM_BANDS_MAX; b++) {
        p->open[b] = h[b];
        p->res[b] = h[SPECSIM_BANDS_MAX + b];
    }
}

/* Bidder i's cost table at the prices of clock round t. */
static void round_costs(const auction_input *in, const auction_ws *ws,
                        int i, int t, double (*cost)[AUCTION_LOTS_MAX + 1])
{
    auction_prices p;
    round_prices(ws, t, &p);
    auction_clock_costs(in, i, &p, cost);
}

/* Cost of package k in a cost table. */
static double pkg_cost(const auction_input *in,
                       double (*cost)[AUCTION_LOTS_MAX + 1], long k)
{
    int q[SPECSIM_BANDS_MAX];
    auction_grid_counts(&in->values->grid, k, q);
    return table_cost((const double (*)[AUCTION_LOTS_MAX + 1])cost,
                      in->nbands, q);
}

static long hist_pkg(const auction_ws *ws, int t, int i)
{
    return ws->hist_pkg[(size_t)t * (size_t)ws->cap.bidders_max + i];
}

/* Last clock round (0-based) in which bidder i was eligible for a
 * package of `pts` points; eligibility never rises, round 0 is open. */
static int last_eligible(const auction_ws *ws, int i, int nrounds,
                         double pts)
{
    int lo = 0, hi = nrounds - 1;
    size_t nb = (size_t)ws->cap.bidders_max;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (pts <= ws->hist_elig[(size_t)mid * nb + i] * (1.0 + 1e-12))
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Sort bidder i's packages (not the empty one) into ws->order by the last
 * round they were eligible for; ws->round_start[t] opens round t's run. */
static void sort_by_round(const auction_input *in, auction_ws *ws, int i,
                          int nrounds)
{
    const auction_grid *g = &in->values->grid;
    int q[SPECSIM_BANDS_MAX] = {0}, qmax[SPECSIM_BANDS_MAX], tot_max;
    int tot = 0;
    long k = 0;
    for (int t = 0; t <= nrounds; t++) ws->round_start[t] = 0;
    auction_bidder_limits(in, i, qmax, &tot_max);
    do {
        ws->round_of[k] = -1;
        if (k == 0 || tot > tot_max || !auction_mhz_fits(in, i, q))
            continue;
        ws->round_of[k] = last_eligible(ws, i, nrounds,
                                        auction_points(in, q));
        ws->round_start[ws->round_of[k] + 1]++;
    } while (auction_box_next(g->nbands, qmax, g->stride, q, &k, &tot));
    for (int t = 0; t < nrounds; t++)
        ws->round_start[t + 1] += ws->round_start[t];
    do {
        int t = ws->round_of[k];
        if (t < 0) continue;
        ws->order[ws->round_start[t]++] = k;
    } while (auction_box_next(g->nbands, qmax, g->stride, q, &k, &tot));
    for (int t = nrounds; t > 0; t--)
        ws->round_start[t] = ws->round_start[t - 1];
    ws->round_start[0] = 0;
}

/* What bidder i would like to bid on package k, within its budget. */
static double desired(const auction_input *in, int i, long k)
{
    const auction_values *v = in->values;
    double value = v->value[(size_t)i * (size_t)v->grid.size + k];
    double bid = auction_strategy_of(in, i)->package_bid(
        value, in->strategy_param[i]);
    return fmin(auction_pay_limit(in, i, bid), in->budget[i]);
}

/* Supplementary bids of round-t packages, capped relative to x_t. */
static void bids_of_round(const auction_input *in, auction_ws *ws, int i,
                          int t, bool final, double *row)
{
    double cost[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX + 1];
    long a = hist_pkg(ws, t, i);
    round_costs(in, ws, i, t, cost);
    if (final && a != 0) row[a] = fmax(row[a], desired(in, i, a));
    double anchor = a != 0 ? row[a] : 0.0;
    double anchor_cost = pkg_cost(in, cost, a);
    for (long s = ws->round_start[t]; s < ws->round_start[t + 1]; s++) {
        long k = ws->order[s];
        if (final && k == a) continue;
        double cap = anchor + pkg_cost(in, cost, k) - anchor_cost;
        row[k] = fmax(row[k], fmin(desired(in, i, k), cap));
    }
}

/* Bidder i's bids (clock and supplementary), net of reserve value, in its
 * row of ws->bid; -INFINITY where it has no bid above the reserve. */
static void bidder_bids(const auction_input *in, auction_ws *ws, int i,
                        int nrounds)
{
    const auction_grid *g = &in->values->grid;
    double *row = ws->bid + (size_t)i * (size_t)g->size;
    for (long k = 0; k < g->size; k++) row[k] = -INFINITY;
    if (in->barred[i]) return;
    for (int t = 0; t < nrounds; t++) {
        double cost[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX + 1];
        long x = hist_pkg(ws, t, i);
        if (x == 0) continue;
        round_costs(in, ws, i, t, cost);
        row[x] = fmax(row[x], pkg_cost(in, cost, x));
    }
    sort_by_round(in, ws, i, nrounds);
    for (int t = nrounds - 1; t >= 0; t--)
        bids_of_round(in, ws, i, t, t == nrounds - 1, row);
    for (long k = 1; k < g->size; k++) {
        int q[SPECSIM_BANDS_MAX];
        if (row[k] == -INFINITY) continue;
        auction_grid_counts(g, k, q);
        double net = row[k] - auction_reserve_value(in, q);
        row[k] = net > 0.0 ? net : -INFINITY;
    }
}

/* Winners, VCG and core payments of the bids; fill the result. */
static err_code settle(const auction_input *in, auction_ws *ws,
                       const auction_clock_end *end, auction_result *out,
                       err_t *e)
{
    auction_bids b;
    long choice[SPECSIM_OPERATORS_MAX];
    double total, vcg[SPECSIM_OPERATORS_MAX], core[SPECSIM_OPERATORS_MAX];
    auction_bids_build(ws, in, ws->bid, &b);
    err_code rc = auction_wdp(ws, &b, NULL, choice, &total, e);
    if (rc == ERR_OK) rc = auction_vcg(ws, &b, choice, total, vcg, e);
    if (rc == ERR_OK) rc = auction_core(ws, &b, choice, vcg, core, &out->core,
                                      e);
    if (rc != ERR_OK) return rc;
    auction_choice_won(&b, choice, out);
    for (int i = 0; i < in->nbidders; i++) {
        double cost[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX + 1];
        double w[SPECSIM_BANDS_MAX];
        double rv = auction_reserve_value(in, out->won[i]);
        out->pay[i] = core[i] + rv;
        out->pay_vcg[i] = vcg[i] + rv;
        auction_clock_costs(in, i, &end->p, cost);
        for (int k = 0; k < in->nbands; k++) w[k] = cost[k][out->won[i][k]];
        auction_split(in->nbands, out->won[i], out->pay[i], w,
                      out->pay_band[i]);
    }
    out->vcg_computed = true;
    return ERR_OK;
}

static err_code cca_run(const auction_input *in, auction_ws *ws,
                        auction_result *out, err_t *e)
{
    auction_clock_end end;
    auction_clock_phase(in, ws, true, false, &end);
    for (int i = 0; i < in->nbidders; i++)
        bidder_bids(in, ws, i, end.rounds);
    err_code rc = settle(in, ws, &end, out, e);
    if (rc != ERR_OK) return rc;
    auction_clock_prices(in, &end, out);
    out->rounds = end.rounds + 1;
    out->ended_by_round_limit = end.round_limit;
    return ERR_OK;
}

const auction_format auction_cca = {"cca", cca_run, true, true};
