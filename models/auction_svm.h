/* auction_svm.h — the GSVM and LSVM value models of the spectrum-auction
 * literature, with their efficient allocation and VCG payments.
 *
 * DESIGN — both models sell distinct licences (18 by default) that no
 * package grid of lots per band can hold (2^18 packages per bidder), so
 * they have their own winner determination: a set-packing program over
 * the licences whose columns are the packages that can carry value, not
 * the whole power set.
 *   GSVM (Goeree and Holt 2010, "Hierarchical package bidding: a paper &
 *   pencil combinatorial auction", Games and Economic Behavior 70(1); the
 *   parameters of the Spectrum Auction Test Suite, Weiss, Lubin and
 *   Seuken 2017): a bidder values a bundle at (1 + s (n - 1)) times the
 *   sum of its licence values, n the licences it values in the bundle.
 *   The value depends on the whole bundle, so each bidder's columns are
 *   the subsets of the licences it values (with at most its licence limit
 *   of them: 4 of 6 for a regional bidder, 2^12 for the national one) and
 *   it wins at most one column (XOR).
 *   LSVM (Scheffel, Ziegler and Bichler 2012, "On the impact of package
 *   selection in combinatorial auctions: an experimental study in the
 *   context of spectrum auction design", Experimental Economics 15(4)):
 *   licences are the cells of a grid, and a bundle is worth, summed over
 *   the connected components C of the licences the bidder values in it,
 *   f(|C|) times the values in C, f(n) = 1 + a / (100 (1 + exp(b - n))).
 *   Because f >= 1 rises with n and values are >= 0, splitting a
 *   component into connected parts never raises its worth, so a bundle's
 *   value is the largest sum over partitions of it into connected sets,
 *   each worth f(|part|) times its values. The columns are therefore the
 *   connected sets of licences the bidder values (28,992 for the national
 *   bidder of the 3 x 6 grid) and a bidder may win several (OR): the
 *   program's optimum is the exact maximum welfare.
 * Licence l of a bundle is bit l of a uint32_t. Random parameters are
 * drawn with a GSL generator passed in, in a fixed order (see
 * auction_svm_draw), so an instance is a function of the generator's
 * state. docs/model.md (section 7) states the equations.
 */
#ifndef SPECSIM_AUCTION_SVM_H
#define SPECSIM_AUCTION_SVM_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "auction.h"

/* Licences of one instance (bits of a uint32_t; GSVM of size 8 has 24). */
#define AUCTION_SVM_LICENCES_MAX 24
/* Columns of one winner determination: the LSVM national bidder of the
 * 3 x 6 grid has 28,992, a regional one at most 2^13 - 1. */
#define AUCTION_SVM_COLUMNS_MAX 200000L
/* LSVM grids: rows x cols at most this; the national bidder of a 4 x 5
 * grid has about 10^5 connected sets (its columns), of a 4 x 6 grid more
 * than AUCTION_SVM_COLUMNS_MAX. */
#define AUCTION_SVM_LSVM_LICENCES_MAX 20
/* GSVM sizes: the national circle has 2 size licences, the regional one
 * size; the paper's is 6. */
#define AUCTION_SVM_GSVM_SIZE_MAX 8

typedef enum { AUCTION_SVM_GSVM = 0, AUCTION_SVM_LSVM } auction_svm_kind;

/* A closed interval [lo, hi] a value is drawn uniformly from. */
typedef struct {
    double lo, hi;
} auction_svm_interval;

/* The parameters of a model; auction_svm_defaults gives the literature's. */
typedef struct {
    auction_svm_kind kind;
    int regional, national; /* bidders of each type; regional ones first */
    /* GSVM */
    int size;                /* regions: national circle 2 size licences,
                                regional circle size licences */
    auction_svm_interval national_low, national_high; /* national bidder */
    auction_svm_interval regional_low, regional_high, regional_regional;
    double synergy;          /* s of 1 + s (n - 1) */
    int regional_max;        /* licences a regional bidder may win; -1:
                                round(2/3 of those it values) */
    /* LSVM */
    int rows, cols;          /* the grid */
    auction_svm_interval national_value, regional_value;
    int proximity;           /* a regional bidder values the licences within
                                this many steps of its favourite */
    double national_a, national_b, regional_a, regional_b;
} auction_svm_params;

/* One instance: bidders' licences of interest, values and synergy. */
typedef struct {
    auction_svm_kind kind;
    int nlicences, nbidders;
    int rows, cols;                   /* LSVM grid; 0 for GSVM */
    int nbands;                       /* groups licences are reported in */
    int band[AUCTION_SVM_LICENCES_MAX]; /* GSVM: 0 national circle, 1
                                          regional; LSVM: the grid row */
    bool national[SPECSIM_OPERATORS_MAX];
    int favourite[SPECSIM_OPERATORS_MAX]; /* LSVM regional: its licence; -1 */
    uint32_t interest[SPECSIM_OPERATORS_MAX]; /* licences it values */
    int size_max[SPECSIM_OPERATORS_MAX];  /* GSVM: most licences it may win */
    double value[SPECSIM_OPERATORS_MAX][AUCTION_SVM_LICENCES_MAX];
    /* factor[i][n]: GSVM 1 + s (n - 1) for n >= 1; LSVM f_i(n) */
    double factor[SPECSIM_OPERATORS_MAX][AUCTION_SVM_LICENCES_MAX + 1];
} auction_svm;

/* Efficient allocation and payments of an instance. */
typedef struct {
    uint32_t won[SPECSIM_OPERATORS_MAX];   /* licences of each bidder */
    double value[SPECSIM_OPERATORS_MAX];   /* its value of them */
    double vcg[SPECSIM_OPERATORS_MAX];     /* VCG payment */
    double pay[SPECSIM_OPERATORS_MAX];     /* VCG, or core-selecting */
    double welfare;                         /* the maximum welfare */
    auction_core_info core;                 /* core-selecting: its cuts */
} auction_svm_result;

/* The literature's parameters of `kind` (SATS 0.8 defaults: GSVM 6
 * regional bidders and 1 national, size 6; LSVM 5 regional and 1 national
 * on a 3 x 6 grid). */
void auction_svm_defaults(auction_svm_kind kind, auction_svm_params *p);

/* ERR_SCENARIO naming the parameter, its value and what was expected
 * (bidders at most SPECSIM_OPERATORS_MAX, lo <= hi, finite, >= 0, sizes
 * within the limits); the message starts with the name of the field
 * below auction.gsvm or auction.lsvm. */
err_code auction_svm_check(const auction_svm_params *p, err_t *e);

/* Draw an instance of (checked) parameters p with r: bidder by bidder
 * (regional ones first), for LSVM a regional bidder's favourite (row,
 * then column, each uniform), then one uniform value per licence it
 * values, in licence order. */
void auction_svm_draw(const auction_svm_params *p, gsl_rng *r,
                      auction_svm *m);

/* The structure of an instance (interests, limits, factors) with every
 * value 0 and, for LSVM, the regional bidders' favourites given in
 * favourite[0..regional-1]; for tests and known answers. */
void auction_svm_shape(const auction_svm_params *p, const int *favourite,
                       auction_svm *m);

/* Bidder i's value of the licences in `bundle`. */
double auction_svm_value(const auction_svm *m, int i, uint32_t bundle);

/* Buffers of the winner determination (the columns); one per thread. */
typedef struct auction_svm_ws auction_svm_ws;
auction_svm_ws *auction_svm_ws_alloc(void);
void auction_svm_ws_free(auction_svm_ws *w); /* NULL: no-op */

/* The efficient allocation of m and its VCG payments (one program, then
 * one without each winner) and, with `core`, the core-selecting payments
 * of the cca's rule with values as bids (the minimum-revenue core point
 * nearest VCG; a program per coalition of winners needed), with GLPK
 * through ws (its time counts there) and at most node_limit
 * branch-and-bound nodes each; ERR_SOLVER when a program fails or stops
 * at the node limit, ERR_INTERRUPTED when *stop becomes non-zero,
 * ERR_SCENARIO beyond AUCTION_SVM_COLUMNS_MAX. */
err_code auction_svm_run(const auction_svm *m, bool core, long node_limit,
                         const atomic_int *stop, auction_ws *ws,
                         auction_svm_ws *w, auction_svm_result *out,
                         err_t *e);

/* The outcome in the terms every format reports: licences won counted by
 * band (m->band), payments (spread over bands by licences) and VCG ones,
 * the core constraints, revenue, unsold licences, mean prices, one round,
 * welfare equal to the maximum (efficiency 1). */
void auction_svm_outcome(const auction_svm *m, const auction_svm_result *r,
                         auction_result *out);

#endif
