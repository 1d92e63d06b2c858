/* auction_stage.h — the spectrum auction of one replication and policy.
 *
 * DESIGN — glue between the scenario and the auction model: it turns the
 * scenario's auction section and the policy's auction rules into an
 * `auction_input`, fills the bidders' value table (the `network` model
 * priced at the policy's cost per site, or the `additive` or `explicit`
 * model), runs the format, or for the `gsvm` and `lsvm` models draws
 * their instance and runs their own winner determination
 * (auction_svm.h), and writes the outcome into the replication's spectrum:
 * each operator's holdings grow by what it won and its price is paid in
 * `payment_years` instalments (with `payment_interest_rate` on the unpaid
 * balance), which come out of its capex budget; what a year's payment
 * leaves unfunded is borrowed (instance_spectrum_npv).
 * Bidders' private values come from the replication's bidders stream,
 * reseeded for every policy, so all policies see the same bidders (common
 * random numbers). One stage per thread holds every buffer.
 */
#ifndef SPECSIM_AUCTION_STAGE_H
#define SPECSIM_AUCTION_STAGE_H

#include <stdint.h>

#include "auction.h"
#include "instance.h"
#include "rng.h"
#include "scn.h"

typedef struct auction_stage auction_stage;

/* A stage sized for scenario `s` (which must have an enabled auction);
 * NULL with the reason in *e (e.g. a package grid beyond the limit). */
auction_stage *auction_stage_alloc(const scn *s, err_t *e);

/* Release; auction_stage_free(NULL) is a no-op. */
void auction_stage_free(auction_stage *st);

/* Seconds the stage's auctions have spent inside GLPK since it was
 * allocated (for the benchmark; never in a result); 0 for NULL. */
double auction_stage_glpk_seconds(const auction_stage *st);

/* Run the auction of replication `rep` under policy `policy`. `p` is the
 * rollout program built with the spectrum before the auction (it prices
 * the policy); `sp` holds that spectrum on entry and the spectrum after
 * the auction, with payments, on return; *res receives the outcome.
 * Winner determination stops (ERR_INTERRUPTED) when p->stop is set. */
err_code auction_stage_run(auction_stage *st, const scn *s,
                           const double *draws, int policy,
                           const deploy_problem *p, rng *r, uint64_t seed,
                           long rep, instance_spectrum *sp,
                           auction_result *res, err_t *e);

/* The auction of replication `rep` under policy `policy` run alone with
 * format f: same rules, values and random streams as in
 * auction_stage_run, nothing applied to a spectrum. The network model
 * needs `p` (the policy's rollout program, built) and `sp` (the spectrum
 * before the auction) to price packages; the other models take NULL.
 * *res receives the outcome and value_won[i] each bidder's value of what
 * it won. Winner determination stops (ERR_INTERRUPTED) when *stop becomes
 * non-zero (stop may be NULL). */
err_code auction_stage_alone(auction_stage *st, const scn *s,
                             const double *draws, int policy,
                             const deploy_problem *p,
                             const instance_spectrum *sp,
                             const auction_format *f, const atomic_int *stop,
                             rng *r, uint64_t seed, long rep,
                             auction_result *res, double *value_won, err_t *e);

/* One auction of an auction-only study: replication, policy, format (an
 * index into the formats asked for), outcome and each bidder's value of
 * what it won. */
typedef struct {
    long rep;
    int policy, format;
    auction_result res;
    double value_won[SPECSIM_OPERATORS_MAX];
} auction_alone_row;

/* The auction stage alone for replications 0..reps-1 of `s` with `seed`:
 * every policy, every format of formats[0..nformats-1], in that order
 * (replication-major) into rows[0 .. reps * npolicies * nformats - 1].
 * The inputs are drawn as a run draws them and, for the network model,
 * each policy's rollout program is built (not solved) with the spectrum
 * the scenario states, as a run builds it before its auction: the
 * auctions are those of `specsim run` with the same seed. *done counts
 * the rows filled; an interrupt (*stop non-zero) ends with
 * ERR_INTERRUPTED after the last whole replication. */
err_code auction_alone_study(const scn *s, uint64_t seed, long reps,
                             const auction_format *const *formats,
                             int nformats, const atomic_int *stop,
                             auction_alone_row *rows, long *done, err_t *e);

/* The auction input of a policy (rules only; no values); winner
 * determination gets the scenario's run.mip_node_limit, as the rollout
 * does. */
void auction_stage_input(const scn *s, const double *draws, int policy,
                         auction_input *in);

/* One instalment of a licence price paid in `n` equal instalments, the
 * first in the auction's year, with interest `rate` on the unpaid balance:
 * price / sum_{k=0..n-1} (1 + rate)^-k (price / n when rate is 0; the
 * price itself when n is 1, a lump sum). docs/model.md §7. */
double auction_stage_instalment(double price, int n, double rate);

#endif
