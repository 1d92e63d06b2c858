/* auction_impl.h — what the auction_*.c files share and nothing else sees.
 *
 * DESIGN — the workspace layout, the clock engine that both the clock
 * format and the CCA's clock phase run, the list of package bids that
 * winner determination reads, payment rules (VCG, core-selecting) and the
 * two entry points into the solver file auction_lp.c. Bids are kept "net":
 * a bid minus the reserve value of its package, so the auctioneer counts an
 * unsold lot at its reserve price and every payment rule works on net bids
 * and adds the reserve value back at the end.
 */
#ifndef SPECSIM_AUCTION_IMPL_H
#define SPECSIM_AUCTION_IMPL_H

#include <math.h>
#include <stdint.h>

#include "auction.h"

/* Relative tolerance of the spectrum-cap test, so that sums of lot sizes
 * not exact in binary (0.2 MHz lots) can still fill a cap exactly. */
#define AUCTION_MHZ_TOL 1e-9

/* Columns of the small payment LPs: one per winner and one for the
 * largest deviation from VCG. */
#define AUCTION_LP_COLS (SPECSIM_OPERATORS_MAX + 1)
/* Rows of the small payment LPs: cuts, deviation rows, revenue row. */
#define AUCTION_LP_ROWS (AUCTION_CORE_CUTS_MAX + SPECSIM_OPERATORS_MAX + 2)

/* Prices per lot of the two products of each band in a clock. */
typedef struct {
    double open[SPECSIM_BANDS_MAX];
    double res[SPECSIM_BANDS_MAX]; /* set-aside lots */
} auction_prices;

/* Where a clock phase ended. */
typedef struct {
    int rounds;
    bool round_limit;
    auction_prices p;                                /* final prices */
    int open[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX]; /* final demand */
    int res[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
} auction_clock_end;

/* Package bids for winner determination: bid j is bidder[j]'s bid of
 * amount[j] (net of reserve, > 0) for package pkg[j]. */
typedef struct {
    const auction_input *in;
    const auction_grid *grid;
    long n;
    const int *bidder;
    const long *pkg;
    const double *amount;
} auction_bids;

/* A small dense LP: minimise obj.x subject to rlo <= a x <= rhi and
 * lo <= x <= hi (+-INFINITY for no bound). */
typedef struct {
    int ncols, nrows;
    double lo[AUCTION_LP_COLS], hi[AUCTION_LP_COLS], obj[AUCTION_LP_COLS];
    double a[AUCTION_LP_ROWS][AUCTION_LP_COLS];
    double rlo[AUCTION_LP_ROWS], rhi[AUCTION_LP_ROWS];
} auction_lp;

/* Cuts of the core: sum of net payments of the winners in `payers` >= rhs. */
typedef struct {
    int n;
    unsigned payers[AUCTION_CORE_CUTS_MAX]; /* bit j = winner slot j */
    double rhs[AUCTION_CORE_CUTS_MAX];
} auction_cuts;

struct auction_ws {
    auction_sizes cap;
    double *bid;   /* [bidders_max * packages_max] net bids, -INF = none */
    double *best;  /* [packages_max] dominance pruning */
    int *list_bidder; /* [bidders_max * packages_max] bid list */
    long *list_pkg;
    double *list_amount;
    double *hist_price;  /* [rounds_max * 2 * BANDS] clock prices */
    long *hist_pkg;      /* [rounds_max * bidders_max] clock demand */
    double *hist_elig;   /* [rounds_max * bidders_max] eligibility */
    long *order;         /* [packages_max] CCA packages by round */
    int *round_of;       /* [packages_max] last round eligible for */
    int *lot_band;       /* [lots_max] SMRA lots */
    bool *lot_reserved;
    int *lot_holder;
    double *lot_price;
    int *lot_bidder;     /* new bidder this round, -1 = none */
    long *round_start;   /* [rounds_max + 1] counting sort by round */
    auction_cuts cuts;
    auction_lp lp;
    double glpk_seconds; /* inside GLPK since allocation; never in a result */
};

/* Step count vector q to the next one in the box 0 <= q[b] <= qmax[b],
 * band 0 fastest, keeping its grid index *k (strides `stride`) and lot
 * total *tot up to date; false (and q back at 0) after the last. */
static inline bool auction_box_next(int nbands, const int *qmax,
                                    const long *stride, int *q, long *k,
                                    int *tot)
{
    for (int b = 0; b < nbands; b++) {
        if (q[b] < qmax[b]) {
            q[b]++;
            *k += stride[b];
            *tot += 1;
            return true;
        }
        *k -= (long)q[b] * stride[b];
        *tot -= q[b];
        q[b] = 0;
    }
    return false;
}

/* True when count vector q, lot_mhz[b] MHz a lot of band b, adds at most
 * mhz_max MHz (INFINITY = no cap). The one test of the spectrum cap: the
 * box of auction_bidder_limits and every package filter use it, so they
 * agree to the last bit. */
static inline bool auction_mhz_within(int nbands, const double *lot_mhz,
                                      double mhz_max, const int *q)
{
    if (isinf(mhz_max)) return true;
    double s = 0.0;
    for (int b = 0; b < nbands; b++) s += lot_mhz[b] * q[b];
    return s <= mhz_max * (1.0 + AUCTION_MHZ_TOL);
}

/* ---- auction.c ---- */

/* Largest count per band (never above the total, nor above what bidder
 * i's spectrum cap admits of that band alone) and in total bidder i may
 * win under `in`. The spectrum cap, a weighted sum over bands, is not a
 * box: packages inside these limits must also pass auction_mhz_fits. */
void auction_bidder_limits(const auction_input *in, int i, int *qmax,
                           int *total_max);

/* True when count vector q is within bidder i's spectrum cap. */
bool auction_mhz_fits(const auction_input *in, int i, const int *q);

/* Eligibility points of count vector q. */
double auction_points(const auction_input *in, const int *q);

/* The strategy of bidder i (straightforward when none is set). */
const auction_strategy *auction_strategy_of(const auction_input *in, int i);

/* Bidder i's answer, by its strategy, to a round's demand query: k lots
 * of band b cost cost[b][k] (INFINITY = not on offer), within its limits
 * (auction_bidder_limits, spectrum cap), budget and eligibility `elig`.
 * Returns a package index of in->values->grid. The clock and the SMRA
 * ask every bidder through it. */
long auction_bidder_demand(const auction_input *in, int i,
                           const double (*cost)[AUCTION_LOTS_MAX + 1],
                           double elig);

/* A price after one raise: price + max(increment_rel * price,
 * increment_abs). An over-demanded clock product and an SMRA lot's
 * minimum bid rise by it. */
double auction_raise(const auction_input *in, double price);

/* Split `pay` across bands in proportion to weight[b] (falling back to the
 * lot counts q when the weights sum to 0); out[b] for every band. */
void auction_split(int nbands, const int *q, double pay,
                   const double *weight, double *out);

/* Reserve value of count vector q. */
double auction_reserve_value(const auction_input *in, const int *q);

/* ---- auction_clock.c ---- */

/* Cost table of bidder i at clock prices p: cost[b][k] for k lots of band
 * b, set-aside lots bought first by an entrant when not dearer. */
void auction_clock_costs(const auction_input *in, int i,
                         const auction_prices *p,
                         double (*cost)[AUCTION_LOTS_MAX + 1]);

/* Run the clock over the two products of every band (open and set-aside
 * lots) until no product is over-demanded or the round limit. With `hold`
 * a bidder's reduction is applied only as far as it creates no excess
 * supply (the clock format); without, stated demands stand (the CCA's
 * clock phase). With `record`, prices, stated demands and eligibilities of
 * every round go into the workspace history. */
void auction_clock_phase(const auction_input *in, auction_ws *ws,
                         bool record, bool hold, auction_clock_end *end);

/* The final clock prices of `end` into out->price_clock and, for bands
 * with set-aside lots, out->price_clock_reserved (else 0). */
void auction_clock_prices(const auction_input *in,
                          const auction_clock_end *end, auction_result *out);

/* ---- auction_pay.c ---- */

/* Build the pruned bid list from rows[i * grid.size + k] (net amounts,
 * -INFINITY = no bid) of every bidder not barred; packages i may not win
 * are ignored. A bid is kept when it is > 0 and larger than every bid of
 * i on a strictly smaller package. */
void auction_bids_build(auction_ws *ws, const auction_input *in,
                        const double *rows, auction_bids *out);

/* Winner determination on `b` (see auction_lp_wdp); *total is the sum of
 * the chosen amounts. */
err_code auction_wdp(auction_ws *ws, const auction_bids *b, const bool *skip,
                     long *choice, double *total, err_t *e);

/* Net VCG payments of the allocation `choice` (from auction_wdp without
 * skip, optimum `total`): vcg[i] = W(N \ i) - (total - bid_i). */
err_code auction_vcg(auction_ws *ws, const auction_bids *b, const long *choice,
                     double total, double *vcg, err_t *e);

/* Net core-selecting payments (docs/model.md, section 7): among the minimum-revenue
 * core points the one whose deviations from vcg are lexicographically
 * smallest, largest first. */
err_code auction_core(auction_ws *ws, const auction_bids *b,
                      const long *choice, const double *vcg, double *pay,
                      auction_core_info *info, err_t *e);

/* What the core computation asks of an auction: *z = the best welfare
 * (sum of bids) without the bidders of skip_mask (bit i = bidder i), in
 * currency units. */
typedef struct {
    err_code (*welfare_without)(void *ctx, unsigned skip_mask, double *z,
                                err_t *e);
    void *ctx;
} auction_core_oracle;

/* auction_core for any bids: the winners are the bidders with won[i],
 * bidding bid[i] (currency) on what they won, vcg[i] their VCG payments,
 * and the oracle gives coalition values. */
err_code auction_core_general(auction_ws *ws, int nbidders, const bool *won,
                              const double *bid, const double *vcg,
                              const auction_core_oracle *o, double *pay,
                              auction_core_info *info, err_t *e);

/* Best welfare sum_i v_i(q_i) over allocations permitted by `in`. */
err_code auction_welfare_max(auction_ws *ws, const auction_input *in,
                             double *wmax, err_t *e);

/* Fill out->won from a choice over bid list b. */
void auction_choice_won(const auction_bids *b, const long *choice,
                        auction_result *out);

/* ---- auction_lp.c ---- */

/* The solver calls below add the time they spend inside GLPK to
 * ws->glpk_seconds. */

/* Choose at most one bid per bidder, never for bidders with skip[i] (skip
 * may be NULL), maximising the sum of amounts subject to the lots of each
 * band and, for bands with set-aside lots, the lots non-entrants may win.
 * choice[i] is the chosen bid index or -1. Branch and bound stops after
 * b->in->node_limit nodes. ERR_SOLVER when the solver fails or stops at
 * the node limit before proving an optimum (an allocation that may not be
 * optimal is never returned); ERR_INFEASIBLE cannot happen (choosing
 * nothing is feasible) but is reported if the solver says so. */
err_code auction_lp_wdp(auction_ws *ws, const auction_bids *b,
                        const bool *skip, long *choice, err_t *e);

/* Solve a small LP; x[0..ncols-1] on success. ERR_INFEASIBLE when it has
 * no feasible point, ERR_SOLVER when the solver fails or it is unbounded. */
err_code auction_lp_solve(auction_ws *ws, const auction_lp *lp, double *x,
                          err_t *e);

/* A set-packing program over distinct licences (auction_svm.c): column j
 * gives bidder[j] the licences of mask[j] for value[j] > 0; each licence
 * goes at most once and, with `xor`, each bidder wins at most one column. */
/* Rows of such a program: licences, and bidders. */
#define AUCTION_SVM_ROWS_MAX (32 + SPECSIM_OPERATORS_MAX)
typedef struct {
    long n;
    const int *bidder;
    const uint32_t *mask;
    const double *value;
    int nlicences, nbidders;
    bool xor;
    double *work; /* n entries the solver may overwrite */
    int *col;     /* the same */
} auction_packing;

/* Choose columns of pk maximising the sum of their values, none of the
 * bidders in `skip` (bit i = bidder i); chosen[j] says which. Branch and bound stops after
 * node_limit nodes (ERR_SOLVER), and when *stop becomes non-zero
 * (ERR_INTERRUPTED; stop may be NULL). */
err_code auction_lp_packing(auction_ws *ws, const auction_packing *pk,
                            unsigned skip, long node_limit,
                            const atomic_int *stop, bool *chosen, err_t *e);

#endif
