/* auction_pay.c — package bids, winner determination, VCG and
 * core-selecting payments, and the maximum welfare.
 *
 * DESIGN — bids are pruned before winner determination: a bid is dropped
 * when the same bidder bids at least as much for a strictly smaller
 * package, since giving it the smaller package and leaving the rest unsold
 * (worth its reserve, i.e. 0 net) is as good; this leaves every optimum
 * value unchanged and typically shrinks the program a lot. Core payments
 * follow Day and Raghavan's constraint generation: payments are LP
 * variables and the constraint of the most blocking coalition is added
 * until none blocks. A coalition is a subset S of the winners together
 * with every loser (losers only ever add value), so there are at most
 * 2^8 of them; the value W(S and losers) is one winner determination
 * without the winners outside S, computed once and kept, and since W
 * grows with S, the smallest known value of a superset bounds it, which
 * dismisses most subsets without a solve. (Solving the separation problem
 * as one program with winners' bids lowered by their surplus is far
 * slower: its optimum ties with many allocations.) The first LP finds the
 * minimum core revenue; the second stage picks, at that revenue, the point
 * whose deviations from VCG are lexicographically smallest (largest
 * first), re-checking the core after each pass. All payment LPs are in
 * units of the largest winning bid, so tolerances are relative.
 */
#include <math.h>
#include <string.h>

#include "auction_impl.h"

/* Relative tolerance for core violations and LP equalities. */
#define CORE_TOL 1e-9

/* ------------------------------------------------------------------ */
/* Bid lists                                                           */

static void prune_bidder(auction_ws *ws, const auction_input *in,
                         const auction_grid *g, int i, const double *row,
                         long *n)
{
    int q[SPECSIM_BANDS_MAX] = {0}, qmax[SPECSIM_BANDS_MAX], tot_max;
    int tot = 0;
    long k = 0;
    auction_bidder_limits(in, i, qmax, &tot_max);
    do {
        double sub = -INFINITY;
        for (int b = 0; b < g->nbands; b++)
            if (q[b] > 0 && ws->best[k - g->stride[b]] > sub)
                sub = ws->best[k - g->stride[b]];
        if (k == 0) {
            ws->best[0] = 0.0;
            continue;
        }
        bool ok = tot <= tot_max && auction_mhz_fits(in, i, q);
        double amt = ok ? row[k] : -INFINITY;
        ws->best[k] = amt > sub ? amt : sub;
        if (amt > sub) {
            ws->list_bidder[*n] = i;
            ws->list_pkg[*n] = k;
            ws->list_amount[*n] = amt;
            (*n)++;
        }
    } while (auction_box_next(g->nbands, qmax, g->stride, q, &k, &tot));
}

void auction_bids_build(auction_ws *ws, const auction_input *in,
                        const double *rows, auction_bids *out)
{
    const auction_grid *g = &in->values->grid;
    long n = 0;
    for (int i = 0; i < in->nbidders; i++) {
        if (in->barred[i]) continue;
        prune_bidder(ws, in, g, i, rows + (size_t)i * (size_t)g->size, &n);
    }
    out->in = in;
    out->grid = g;
    out->n = n;
    out->bidder = ws->list_bidder;
    out->pkg = ws->list_pkg;
    out->amount = ws->list_amount;
}

void auction_choice_won(const auction_bids *b, const long *choice,
                        auction_result *out)
{
    for (int i = 0; i < b->in->nbidders; i++) {
        if (choice[i] < 0) {
            memset(out->won[i], 0, sizeof out->won[i]);
            continue;
        }
        auction_grid_counts(b->grid, b->pkg[choice[i]], out->won[i]);
    }
}

/* ------------------------------------------------------------------ */
/* Winner determination and VCG                                        */

err_code auction_wdp(auction_ws *ws, const auction_bids *b, const bool *skip,
                     long *choice, double *total, err_t *e)
{
    err_code rc = auction_lp_wdp(ws, b, skip, choice, e);
    if (rc != ERR_OK) return rc;
    *total = 0.0;
    for (int i = 0; i < b->in->nbidders; i++)
        if (choice[i] >= 0) *total += b->amount[choice[i]];
    return ERR_OK;
}

err_code auction_vcg(auction_ws *ws, const auction_bids *b, const long *choice,
                     double total, double *vcg, err_t *e)
{
    int n = b->in->nbidders;
    bool skip[SPECSIM_OPERATORS_MAX] = {false};
    long other[SPECSIM_OPERATORS_MAX];
    for (int i = 0; i < n; i++) {
        vcg[i] = 0.0;
        if (choice[i] < 0) continue;
        double w_without;
        skip[i] = true;
        err_code rc = auction_wdp(ws, b, skip, other, &w_without, e);
        skip[i] = false;
        if (rc != ERR_OK) return rc;
        double bid = b->amount[choice[i]];
        double p = w_without - (total - bid);
        vcg[i] = p < 0.0 ? 0.0 : (p > bid ? bid : p);
    }
    return ERR_OK;
}

/* ------------------------------------------------------------------ */
/* Core-selecting payments                                             */

/* Subsets of winners, as bit masks; each has at most one cut. */
#define SUBSETS (1u << SPECSIM_OPERATORS_MAX)
_Static_assert(AUCTION_CORE_CUTS_MAX >= (1 << SPECSIM_OPERATORS_MAX),
               "a cut for every subset of winners");

/* Winners of the efficient allocation, in scaled units, and the value of
 * every coalition met so far. */
typedef struct {
    int nw;
    int who[SPECSIM_OPERATORS_MAX];
    double bid[SPECSIM_OPERATORS_MAX]; /* net bid on the won package */
    double vcg[SPECSIM_OPERATORS_MAX];
    double scale;                      /* currency units per LP unit */
    double revenue;                    /* minimum core revenue */
    bool fixed[SPECSIM_OPERATORS_MAX];
    double dev[SPECSIM_OPERATORS_MAX]; /* fixed deviation from VCG */
    double value[SUBSETS]; /* W(S and all losers); NAN = not computed */
    bool cut[SUBSETS];     /* S's constraint is among the cuts */
} core_winners;

/* W(S and all losers) for the winner subset S: the best welfare
 * without the winners outside S (the oracle), computed once. */
static err_code coalition_value(const auction_core_oracle *o,
                                core_winners *w, unsigned s, err_t *e)
{
    if (!isnan(w->value[s])) return ERR_OK;
    unsigned skip = 0;
    double z;
    for (int j = 0; j < w->nw; j++)
        if (!((s >> j) & 1u)) skip |= 1u << w->who[j];
    err_code rc = o->welfare_without(o->ctx, skip, &z, e);
    if (rc == ERR_OK) w->value[s] = z / w->scale;
    return rc;
}

/* The oracle of package bids: winner determination on them. */
typedef struct {
    auction_ws *ws;
    const auction_bids *b;
} bids_oracle;

static err_code bids_without(void *ctx, unsigned skip_mask, double *z,
                             err_t *e)
{
    const bids_oracle *o = ctx;
    bool skip[SPECSIM_OPERATORS_MAX] = {false};
    long y[SPECSIM_OPERATORS_MAX];
    for (int i = 0; i < o->b->in->nbidders; i++)
        skip[i] = (skip_mask >> i) & 1u;
    return auction_wdp(o->ws, o->b, skip, y, z, e);
}

static int popcount(unsigned s)
{
    int n = 0;
    for (; s != 0; s &= s - 1) n++;
    return n;
}

/* The most violated core constraint at payments p: the winner subset S
 * maximising W(S and losers) - sum_{j in S} bid_j - sum_{j not in S} p_j
 * (losers only ever help a coalition). Subsets are visited largest first;
 * W is monotone, so the least value of a computed superset bounds a
 * subset's value and most subsets are dismissed without a solve. *best
 * is the violation found (<= CORE_TOL: none) and *best_s its subset. */
static err_code most_violated(const auction_core_oracle *o,
                              core_winners *w, const double *p, double *best,
                              unsigned *best_s, err_t *e)
{
    unsigned full = (1u << w->nw) - 1;
    double ub[SUBSETS], paid = 0.0;
    for (int j = 0; j < w->nw; j++) paid += p[j];
    ub[full] = w->value[full];
    *best = CORE_TOL;
    *best_s = full;
    for (int size = w->nw - 1; size >= 0; size--) {
        for (unsigned s = 0; s < full; s++) {
            if (popcount(s) != size) continue;
            double won = 0.0, bound = INFINITY;
            for (int j = 0; j < w->nw; j++) {
                if ((s >> j) & 1u) won += w->bid[j] - p[j];
                else bound = fmin(bound, ub[s | 1u << j]);
            }
            ub[s] = isnan(w->value[s]) ? bound : w->value[s];
            if (ub[s] - won - paid <= *best) continue;
            err_code rc = coalition_value(o, w, s, e);
            if (rc != ERR_OK) return rc;
            ub[s] = w->value[s];
            if (ub[s] - won - paid > *best) {
                *best = ub[s] - won - paid;
                *best_s = s;
            }
        }
    }
    return ERR_OK;
}

/* Add the constraint of the coalition blocking payments p most, if any;
 * *added tells whether one was added. */
static err_code separate(auction_ws *ws, const auction_core_oracle *o,
                         core_winners *w, const double *p, bool *added,
                         err_t *e)
{
    double viol;
    unsigned s;
    *added = false;
    err_code rc = most_violated(o, w, p, &viol, &s, e);
    if (rc != ERR_OK || viol <= CORE_TOL || w->cut[s]) return rc;
    auction_cuts *c = &ws->cuts;
    SPECSIM_ASSERT(c->n < AUCTION_CORE_CUTS_MAX);
    double rhs = w->value[s];
    for (int j = 0; j < w->nw; j++)
        if ((s >> j) & 1u) rhs -= w->bid[j];
    c->payers[c->n] = ((1u << w->nw) - 1) & ~s;
    c->rhs[c->n++] = rhs;
    w->cut[s] = true;
    *added = true;
    return ERR_OK;
}

/* Columns p_0..p_{nw-1} with VCG and bid bounds (fixed ones pinned), and
 * one row per cut. */
static void lp_base(auction_lp *lp, const auction_ws *ws,
                    const core_winners *w)
{
    lp->ncols = w->nw;
    lp->nrows = 0;
    for (int j = 0; j < w->nw; j++) {
        lp->lo[j] = w->vcg[j];
        lp->hi[j] = w->bid[j];
        lp->obj[j] = 0.0;
        if (w->fixed[j]) {
            double v = fmin(w->vcg[j] + w->dev[j], w->bid[j]);
            lp->lo[j] = lp->hi[j] = v;
        }
    }
    for (int k = 0; k < ws->cuts.n; k++) {
        int r = lp->nrows++;
        for (int j = 0; j < w->nw; j++)
            lp->a[r][j] = (ws->cuts.payers[k] >> j) & 1u ? 1.0 : 0.0;
        lp->rlo[r] = ws->cuts.rhs[k];
        lp->rhi[r] = INFINITY;
    }
}

static err_code min_revenue(auction_ws *ws, const auction_core_oracle *o,
                            core_winners *w, double *p, err_t *e)
{
    bool added = true;
    while (added) {
        auction_lp *lp = &ws->lp;
        lp_base(lp, ws, w);
        for (int j = 0; j < w->nw; j++) lp->obj[j] = 1.0;
        err_code rc = auction_lp_solve(ws, lp, p, e);
        if (rc == ERR_OK) rc = separate(ws, o, w, p, &added, e);
        if (rc != ERR_OK) return rc;
    }
    w->revenue = 0.0;
    for (int j = 0; j < w->nw; j++) w->revenue += p[j];
    return ERR_OK;
}

/* The LP of one leximin stage: columns p and t; revenue at the minimum;
 * d_j = p_j - vcg_j <= t for unfixed j; t in [0, t_hi]. */
static void lp_stage(auction_lp *lp, const auction_ws *ws,
                     const core_winners *w, double t_hi)
{
    lp_base(lp, ws, w);
    int t = lp->ncols++;
    lp->lo[t] = 0.0;
    lp->hi[t] = t_hi;
    lp->obj[t] = 0.0;
    for (int r = 0; r < lp->nrows; r++) lp->a[r][t] = 0.0;
    int r = lp->nrows++;
    for (int j = 0; j < w->nw; j++) lp->a[r][j] = 1.0;
    lp->a[r][t] = 0.0;
    lp->rlo[r] = -INFINITY;
    lp->rhi[r] = w->revenue;
    for (int j = 0; j < w->nw; j++) {
        if (w->fixed[j]) continue;
        r = lp->nrows++;
        for (int k = 0; k <= t; k++) lp->a[r][k] = 0.0;
        lp->a[r][j] = 1.0;
        lp->a[r][t] = -1.0;
        lp->rlo[r] = -INFINITY;
        lp->rhi[r] = w->vcg[j];
    }
}

/* One leximin stage: the smallest largest deviation t* of the unfixed
 * winners, then fix every winner whose deviation cannot go below t*. */
static err_code leximin_stage(auction_ws *ws, core_winners *w, err_t *e)
{
    auction_lp *lp = &ws->lp;
    double x[AUCTION_LP_COLS], tstar, low[SPECSIM_OPERATORS_MAX];
    lp_stage(lp, ws, w, INFINITY);
    lp->obj[w->nw] = 1.0;
    err_code rc = auction_lp_solve(ws, lp, x, e);
    if (rc != ERR_OK) return rc;
    tstar = x[w->nw];
    int nfix = 0, worst = -1;
    for (int j = 0; j < w->nw; j++) {
        if (w->fixed[j]) continue;
        lp_stage(lp, ws, w, tstar);
        lp->obj[j] = 1.0;
        rc = auction_lp_solve(ws, lp, x, e);
        if (rc != ERR_OK) return rc;
        low[j] = x[j] - w->vcg[j];
        if (worst < 0 || low[j] > low[worst]) worst = j;
        if (low[j] >= tstar - CORE_TOL) {
            w->fixed[j] = true;
            w->dev[j] = tstar;
            nfix++;
        }
    }
    if (nfix == 0) { /* rounding: fix the one closest to t* */
        w->fixed[worst] = true;
        w->dev[worst] = tstar;
    }
    return ERR_OK;
}

static err_code leximin(auction_ws *ws, const auction_core_oracle *o,
                        core_winners *w, double *p, err_t *e)
{
    bool added = true;
    while (added) {
        for (int j = 0; j < w->nw; j++) w->fixed[j] = false;
        int left = w->nw;
        while (left > 0) {
            err_code rc = leximin_stage(ws, w, e);
            if (rc != ERR_OK) return rc;
            left = 0;
            for (int j = 0; j < w->nw; j++) left += !w->fixed[j];
        }
        for (int j = 0; j < w->nw; j++)
            p[j] = fmin(w->vcg[j] + w->dev[j], w->bid[j]);
        err_code rc = separate(ws, o, w, p, &added, e);
        if (rc != ERR_OK) return rc;
    }
    return ERR_OK;
}

/* Winners (bid[i] of bidders with won[i]), scaled by the largest
 * winning bid, with the coalition values VCG already gave: W(N) and
 * W(N \ j). */
static void winners_init(int nbidders, const bool *won, const double *bid,
                         const double *vcg, core_winners *w)
{
    double total = 0.0;
    for (int i = 0; i < nbidders; i++) {
        if (!won[i]) continue;
        w->who[w->nw] = i;
        w->bid[w->nw] = bid[i];
        total += w->bid[w->nw];
        if (w->bid[w->nw] > w->scale) w->scale = w->bid[w->nw];
        w->nw++;
    }
    unsigned full = (1u << w->nw) - 1;
    for (unsigned s = 0; s < SUBSETS; s++) {
        w->value[s] = NAN;
        w->cut[s] = false;
    }
    if (w->nw == 0) return;
    w->value[full] = total / w->scale;
    for (int j = 0; j < w->nw; j++) {
        w->bid[j] /= w->scale;
        w->vcg[j] = fmin(vcg[w->who[j]] / w->scale, w->bid[j]);
        w->value[full & ~(1u << j)] = w->value[full] - w->bid[j] + w->vcg[j];
    }
}

/* Tolerance, in units of the largest winning net bid, within which a
 * core constraint counts as binding in the report. */
#define CORE_BIND_TOL 1e-7

/* The generated cuts binding at payments p, by bidder, into *info. */
static void core_report(const auction_ws *ws, const core_winners *w,
                        const double *p, auction_core_info *info)
{
    memset(info, 0, sizeof *info);
    info->ncuts = ws->cuts.n;
    for (int k = 0; k < ws->cuts.n; k++) {
        double paid = 0.0;
        unsigned who = 0;
        for (int j = 0; j < w->nw; j++) {
            if (!((ws->cuts.payers[k] >> j) & 1u)) continue;
            paid += p[j];
            who |= 1u << w->who[j];
        }
        if (paid - ws->cuts.rhs[k] > CORE_BIND_TOL) continue;
        if (info->nbinding == AUCTION_CORE_REPORT_MAX) {
            info->truncated = true;
            continue;
        }
        info->payers[info->nbinding] = who;
        info->rhs[info->nbinding++] = ws->cuts.rhs[k] * w->scale;
    }
}

err_code auction_core_general(auction_ws *ws, int nbidders, const bool *won,
                              const double *bid, const double *vcg,
                              const auction_core_oracle *o, double *pay,
                              auction_core_info *info, err_t *e)
{
    core_winners w;
    double p[AUCTION_LP_COLS], sum_vcg = 0.0;
    memset(&w, 0, sizeof w);
    winners_init(nbidders, won, bid, vcg, &w);
    for (int i = 0; i < nbidders; i++) pay[i] = 0.0;
    memset(info, 0, sizeof *info);
    if (w.nw == 0) return ERR_OK;
    for (int j = 0; j < w.nw; j++) sum_vcg += w.vcg[j];
    ws->cuts.n = 0;
    err_code rc = min_revenue(ws, o, &w, p, e);
    if (rc == ERR_OK && w.revenue > sum_vcg + CORE_TOL)
        rc = leximin(ws, o, &w, p, e);
    else
        for (int j = 0; j < w.nw; j++) p[j] = w.vcg[j];
    if (rc != ERR_OK) return rc;
    for (int j = 0; j < w.nw; j++) pay[w.who[j]] = p[j] * w.scale;
    core_report(ws, &w, p, info);
    return ERR_OK;
}

err_code auction_core(auction_ws *ws, const auction_bids *b,
                      const long *choice, const double *vcg, double *pay,
                      auction_core_info *info, err_t *e)
{
    int n = b->in->nbidders;
    bool won[SPECSIM_OPERATORS_MAX];
    double bid[SPECSIM_OPERATORS_MAX];
    for (int i = 0; i < n; i++) {
        won[i] = choice[i] >= 0;
        bid[i] = won[i] ? b->amount[choice[i]] : 0.0;
    }
    bids_oracle bo = {ws, b};
    auction_core_oracle o = {bids_without, &bo};
    return auction_core_general(ws, n, won, bid, vcg, &o, pay, info, e);
}

/* ------------------------------------------------------------------ */
/* Maximum welfare                                                     */

err_code auction_welfare_max(auction_ws *ws, const auction_input *in,
                             double *wmax, err_t *e)
{
    auction_bids b;
    long choice[SPECSIM_OPERATORS_MAX];
    auction_bids_build(ws, in, in->values->value, &b);
    err_code rc = auction_wdp(ws, &b, NULL, choice, wmax, e);
    if (rc != ERR_OK) err_prefix(e, "maximum welfare: ");
    return rc;
}
