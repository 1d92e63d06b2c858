/* auction.h — the spectrum auction of one replication: formats, bidders,
 * value tables and outcomes.
 *
 * DESIGN — the module is a pure model: it knows lots, prices, values and
 * rules, never the scenario file. Lots are generic within a band, so a
 * package is a vector of lot counts per band and every bidder's values live
 * in one table indexed by a mixed-radix grid of such vectors (auction_grid).
 * A format is a `const auction_format` table {name, run, ascending}; a bidding
 * strategy is a `const auction_strategy` table {name, demand, package_bid};
 * adding either is adding a table. auction_run() checks the input, runs the
 * format and computes the metrics every format shares (revenue by band,
 * unsold lots, welfare, the maximum welfare and efficiency). All
 * optimisation (winner determination, maximum welfare, core constraints)
 * is in auction_lp.c, the only file of the module that includes <glpk.h>;
 * winner determination has a branch-and-bound node limit in the input,
 * like the rollout's, and fails rather than return an allocation not
 * proven optimal. Nothing here is random: values are drawn by the caller
 * (or auction_values_additive with a generator passed in), and ties are
 * broken by fixed rules, so an outcome is a function of its input. Functions keep no static mutable state; the
 * per-thread auction_ws holds every buffer and the time spent in GLPK, so
 * a run allocates nothing but the solver's problem objects. docs/model.md
 * (section 7) states the rules exactly. The GSVM and LSVM value models
 * sell distinct licences, not lots of a band, and have their own winner
 * determination (auction_svm.h), which reuses the core computation.
 */
#ifndef SPECSIM_AUCTION_H
#define SPECSIM_AUCTION_H

#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>

#include <gsl/gsl_rng.h>

#include "err.h"
#include "specsim_limits.h"

/* Lots of one band on offer (the 2019 German auction sold 41 in all). */
#define AUCTION_LOTS_MAX 64
/* Packages in the value grid, prod_b (largest count of band b + 1); the
 * grid 7 x 13 x 31 has 2,821. */
#define AUCTION_PACKAGES_MAX 16384
/* Rounds of a dynamic format (the 2019 German SMRA took 497). */
#define AUCTION_ROUNDS_MAX 20000
/* Core constraints generated for one CCA payment computation. */
#define AUCTION_CORE_CUTS_MAX 512
/* A per-bidder cap that does not bind. */
#define AUCTION_NO_CAP 1000000
/* A node limit that does not bind. */
#define AUCTION_NO_NODE_LIMIT LONG_MAX

/* ------------------------------------------------------------------ */
/* Package grid                                                        */

/* Count vectors q with 0 <= q[b] <= max[b]; package index
 * k = sum_b q[b] * stride[b], band 0 varying fastest; k = 0 is the empty
 * package. */
typedef struct {
    int nbands;
    int max[SPECSIM_BANDS_MAX];
    long stride[SPECSIM_BANDS_MAX];
    long size; /* prod_b (max[b] + 1) */
} auction_grid;

/* Index of count vector q in g (q must lie in the grid). */
long auction_grid_index(const auction_grid *g, const int *q);

/* Count vector q[0..nbands-1] of package k of g (0 <= k < g->size). */
void auction_grid_counts(const auction_grid *g, long k, int *q);

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* Every bidder's value, in currency units, of every package of `grid`:
 * value[i * grid.size + k]. Entries of packages a bidder may not win
 * (auction_package_allowed false) are never read. */
typedef struct {
    auction_grid grid;
    int nbidders;
    int bidders_max; /* capacity */
    long packages_max;
    double *value;
} auction_values;

/* Parameters of the `additive` value model: bidder i's per-lot base value
 * in band b is drawn uniform on [base_lo[b], base_hi[b]]; k lots of band b
 * are worth base * k * synergy[b][k]. */
typedef struct {
    double base_lo[SPECSIM_BANDS_MAX];
    double base_hi[SPECSIM_BANDS_MAX];
    double synergy[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX + 1];
} auction_additive_params;

/* ------------------------------------------------------------------ */
/* Bidding strategies                                                  */

/* One bidder's demand query in one round of a dynamic format: the price
 * of k lots of band b is cost[b][k] (INFINITY when k lots are not
 * available to the bidder this round); the package must also respect
 * qmax/total_max (caps, set-asides, bar), the bidder's spectrum cap
 * (sum_b lot_mhz[b] q[b] <= mhz_max), points <= eligibility and total
 * cost <= budget. */
typedef struct {
    const auction_grid *grid;
    const double *value;  /* the bidder's row of the value table */
    const double (*cost)[AUCTION_LOTS_MAX + 1];
    int qmax[SPECSIM_BANDS_MAX];
    int total_max;
    const double *points; /* eligibility points per lot, by band */
    double eligibility;   /* INFINITY = no limit */
    double budget;        /* INFINITY = no limit */
    const double *lot_mhz; /* MHz a lot counts against the spectrum cap,
                              by band; may be NULL when mhz_max is INFINITY */
    double mhz_max;        /* spectrum the bidder may win; INFINITY = none */
    double pay_kink, pay_slope; /* a package's total price P costs the
                              bidder P + pay_slope max(0, P - pay_kink);
                              slope 0: P (auction_input) */
} auction_query;

/* A bidding strategy. `demand` answers a round's demand query with a
 * package index; `package_bid` turns the value of a package into the bid a
 * sealed or supplementary round receives (before reserve, budget and
 * activity caps, which the format applies). `param` is the bidder's
 * strategy parameter from the input; `check` accepts or refuses it, and
 * `param_expected` says what it accepts. */
typedef struct {
    const char *name;
    long (*demand)(const auction_query *q, double param);
    double (*package_bid)(double value, double param);
    bool (*check)(double param);
    const char *param_expected;
} auction_strategy;

/* Bids its true values: the surplus-maximising package at current prices,
 * and value in sealed rounds. `param` is ignored. */
extern const auction_strategy auction_straightforward;
/* Behaves as a straightforward bidder whose values are (1 - param) times
 * the true ones, 0 <= param < 1. */
extern const auction_strategy auction_shaded;

/* Strategy called `name`, or NULL. */
const auction_strategy *auction_strategy_find(const char *name);

/* Names of all strategies, comma separated, for messages. */
const char *auction_strategy_names(void);

/* The package maximising scale * value - cost over the query's feasible
 * set (cost counting the financing of a payment above the kink, when the
 * query's pay_slope > 0); ties within rounding (1e-9 of |value| + |cost|)
 * go to fewer lots, then the lower index. The query must admit some package (the formats'
 * queries always do: the empty one, or the SMRA bidder's standing lots). */
long auction_demand(const auction_query *q, double scale);

/* ------------------------------------------------------------------ */
/* Input and result                                                    */

typedef struct {
    int nbands, nbidders;
    int lots[SPECSIM_BANDS_MAX];     /* lots on offer, 0..AUCTION_LOTS_MAX */
    int setaside[SPECSIM_BANDS_MAX]; /* of them, lots only entrants may win */
    double reserve[SPECSIM_BANDS_MAX]; /* reserve price per lot, >= 0 */
    double points[SPECSIM_BANDS_MAX];  /* eligibility points per lot, >= 0;
                                          all 0 = no activity rule */
    double increment_rel;  /* clock/SMRA price step, relative, >= 0 */
    double increment_abs;  /* ... and its absolute minimum, >= 0 */
    int rounds_max;        /* 1..AUCTION_ROUNDS_MAX */
    long node_limit;       /* >= 1: branch-and-bound nodes of one winner
                              determination (AUCTION_NO_NODE_LIMIT: none) */
    const atomic_int *stop; /* winner determination stops (ERR_INTERRUPTED)
                              soon after *stop becomes non-zero; NULL:
                              never asked */
    double activity_share; /* (0, 1]: eligibility falls to activity/share */
    int cap_band[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX]; /* lots */
    int cap_total[SPECSIM_OPERATORS_MAX];                   /* lots */
    /* Per-bidder spectrum caps: bidder i may win packages q with
     * sum_b lot_mhz[b] q[b] <= mhz_max[i] (within a relative 1e-9), where
     * lot_mhz[b] is what a lot counts against the cap (both directions of
     * a paired band) and mhz_max[i] the bidder's headroom, its cap minus
     * what it holds already. */
    double lot_mhz[SPECSIM_BANDS_MAX];    /* MHz, finite and >= 0 */
    double mhz_max[SPECSIM_OPERATORS_MAX]; /* MHz, >= 0; INFINITY = none */
    bool new_entrant[SPECSIM_OPERATORS_MAX];
    bool barred[SPECSIM_OPERATORS_MAX];
    double budget[SPECSIM_OPERATORS_MAX]; /* >= 0; INFINITY = none */
    const auction_strategy *strategy[SPECSIM_OPERATORS_MAX]; /* NULL =
                                                     straightforward */
    double strategy_param[SPECSIM_OPERATORS_MAX];
    /* Payment financing: paying P costs bidder i P + pay_slope[i] x
     * max(0, P - pay_kink[i]) (the part of its instalments above its
     * capex budget borrowed; docs/model.md §7, "Financing in the bids").
     * Slope 0 (the default, kink INFINITY): the price alone. */
    double pay_kink[SPECSIM_OPERATORS_MAX];  /* >= 0; INFINITY = none */
    double pay_slope[SPECSIM_OPERATORS_MAX]; /* finite, >= 0 */
    const auction_values *values;
} auction_input;

/* The most bidder i pays for a package it would pay `bid` for were the
 * price all it cost: the price P at which P + pay_slope[i] max(0, P -
 * pay_kink[i]) = bid (`bid` itself at or below the kink). */
double auction_pay_limit(const auction_input *in, int i, double bid);

/* Core constraints reported of one core-selecting payment computation. */
#define AUCTION_CORE_REPORT_MAX 16

/* The core constraints of the cca's payments: each says that the winners
 * in `payers` (bit i = bidder i) pay, net of reserve values, at least
 * `rhs`, what the other winners and the losers could offer the seller
 * for their share of the lots beyond their own bids. Only the constraints
 * generated (Day and Raghavan) are known; of them, those binding at the
 * payments (within 1e-7 of the largest winning net bid) are reported. */
typedef struct {
    int ncuts;    /* constraints generated */
    int nbinding; /* binding, reported (at most AUCTION_CORE_REPORT_MAX) */
    bool truncated; /* more were binding than reported */
    unsigned payers[AUCTION_CORE_REPORT_MAX];
    double rhs[AUCTION_CORE_REPORT_MAX]; /* currency */
} auction_core_info;

typedef struct {
    int nbidders, nbands;
    int won[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
    double pay[SPECSIM_OPERATORS_MAX];
    double pay_band[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
    bool vcg_computed; /* cca, sealed_second, sealed_core */
    double pay_vcg[SPECSIM_OPERATORS_MAX];
    double revenue, revenue_vcg;
    double revenue_band[SPECSIM_BANDS_MAX];
    double price_mean[SPECSIM_BANDS_MAX];  /* revenue_band / lots sold; 0
                                              when none sold */
    double price_clock[SPECSIM_BANDS_MAX]; /* final clock price per open lot
                                              (clock, cca); else 0 */
    double price_clock_reserved[SPECSIM_BANDS_MAX]; /* same, set-aside lots */
    int rounds;
    int unsold[SPECSIM_BANDS_MAX];
    double welfare;     /* sum of bidders' true values of what they won */
    double welfare_max; /* best feasible welfare under the same rules */
    double efficiency;  /* welfare / welfare_max; 1 when welfare_max = 0 */
    bool ended_by_round_limit;
    auction_core_info core; /* cca, sealed_core; zero otherwise */
} auction_result;

/* Set `in` to an auction with nbidders and nbands and no lots: no caps
 * (AUCTION_NO_CAP; mhz_max INFINITY, lot_mhz 0), no budgets (INFINITY),
 * no set-aside, no bar, activity
 * share 1, no activity points, straightforward bidders, zero reserves and
 * increments, no node limit (AUCTION_NO_NODE_LIMIT) and rounds_max 0
 * (which the caller must set). */
void auction_input_init(auction_input *in, int nbidders, int nbands);

/* Check every field of `in` except the value table; ERR_SCENARIO naming
 * the field, its value and what was expected. */
err_code auction_input_check(const auction_input *in, err_t *e);

/* What an ascending format also needs: every band with lots has a price
 * that can rise (increment_abs > 0, or increment_rel > 0 and a reserve
 * > 0). ERR_SCENARIO naming increment_abs otherwise. */
err_code auction_input_check_rises(const auction_input *in, err_t *e);

/* The grid the value table of `in` must have: max[b] is the largest count
 * of band b any bidder may win. */
void auction_grid_of(const auction_input *in, auction_grid *g);

/* True when bidder i may win count vector q: not barred (unless q is
 * empty), caps per band and overall, its spectrum cap (mhz_max),
 * set-asides for non-entrants. Every format, the payment programs and the
 * maximum welfare consider only such packages. */
bool auction_package_allowed(const auction_input *in, int i, const int *q);

/* ------------------------------------------------------------------ */
/* Values                                                              */

/* Value table for up to bidders_max bidders and packages_max packages per
 * bidder; NULL when memory runs out. Owned by the caller. */
auction_values *auction_values_alloc(int bidders_max, long packages_max);

/* Release; auction_values_free(NULL) is a no-op. */
void auction_values_free(auction_values *v);

/* Give `v` the grid of `in` (auction_grid_of) and in->nbidders rows, all
 * zero. ERR_SCENARIO when the grid exceeds AUCTION_PACKAGES_MAX or the
 * table's capacity. `in` need not point at `v` yet. */
err_code auction_values_shape(auction_values *v, const auction_input *in,
                              err_t *e);

/* Row of bidder i (grid.size entries). */
double *auction_values_row(auction_values *v, int i);

/* Shape `v` for `in` and fill it with the additive model: base values are
 * drawn with `r`, bidder by bidder, band by band (one uniform each), and
 * written to base[i * nbands + b] when base is not NULL. ERR_SCENARIO on
 * bad parameters (lo > hi, negative, non-finite synergy). */
err_code auction_values_additive(auction_values *v, const auction_input *in,
                                 const auction_additive_params *p,
                                 gsl_rng *r, double *base, err_t *e);

/* Fill bidder i's row of `v` (already shaped) with an XOR bid of
 * `npackages` packages, package j being lots[j][0..nbands-1] worth
 * value[j]: a package q is worth the largest value[j] with
 * lots[j][b] <= q[b] for every band, 0 when there is none (free disposal;
 * the empty package is worth 0). A package needing more lots than the
 * grid holds never counts. ERR_SCENARIO for a value that is negative or
 * not finite, negative lots, or a package of no lots. */
err_code auction_values_xor(auction_values *v, int i, int npackages,
                            const int (*lots)[SPECSIM_BANDS_MAX],
                            const double *value, err_t *e);

/* ------------------------------------------------------------------ */
/* Workspace                                                           */

typedef struct auction_ws auction_ws;

/* Sizes a workspace must hold. */
typedef struct {
    int bidders_max;
    long packages_max; /* grid size */
    int lots_max;      /* lots of all bands together */
    int rounds_max;
} auction_sizes;

/* The sizes `in` needs (its grid, bidders, lots and round limit). */
void auction_sizes_of(const auction_input *in, auction_sizes *s);

/* A workspace for auctions within `max`; NULL when memory runs out. One
 * per thread; owned by the caller. */
auction_ws *auction_ws_alloc(const auction_sizes *max);

/* Release; auction_ws_free(NULL) is a no-op. */
void auction_ws_free(auction_ws *ws);

/* Seconds the auctions run with `ws` have spent inside GLPK since it was
 * allocated (for the benchmark; never used in a result). */
double auction_ws_glpk_seconds(const auction_ws *ws);

/* ------------------------------------------------------------------ */
/* Formats                                                             */

/* An auction format. `run` fills won, pay, pay_band, rounds and the
 * format's own fields of a zeroed result; call it through auction_run.
 * `ascending` formats raise prices round by round (auction_raise), so
 * they need every price able to rise; sealed formats never use the
 * increments. */
typedef struct {
    const char *name;
    err_code (*run)(const auction_input *in, auction_ws *ws,
                    auction_result *out, err_t *e);
    bool ascending;
    bool core; /* core-selecting payments: the result's core is filled */
} auction_format;

extern const auction_format auction_clock;
extern const auction_format auction_smra;
extern const auction_format auction_cca;
extern const auction_format auction_sealed_first;
extern const auction_format auction_sealed_second;
extern const auction_format auction_sealed_core;

/* Format called `name`, or NULL. */
const auction_format *auction_format_find(const char *name);

/* Names of all formats, comma separated, for messages. */
const char *auction_format_names(void);

/* Run format f on `in` with workspace ws (sized for `in`, see
 * auction_sizes_of) and fill *out. The value table in->values must have
 * been shaped for `in`. Returns ERR_OK; ERR_SCENARIO for a bad input or
 * value table (message names the field); ERR_SOLVER when the solver call
 * fails. Thread-safe for distinct ws and out. */
err_code auction_run(const auction_format *f, const auction_input *in,
                     auction_ws *ws, auction_result *out, err_t *e);

#endif
