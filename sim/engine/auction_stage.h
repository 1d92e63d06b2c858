/* auction_stage.h — the spectrum auction of one replication and policy.
 *
 * DESIGN — glue between the scenario and the auction model: it turns the
 * scenario's auction section and the policy's auction rules into an
 * `auction_input`, fills the bidders' value table (the `network` model
 * priced at the policy's cost per site, or the `additive` model), runs the
 * format, and writes the outcome into the replication's spectrum: each
 * operator's holdings grow by what it won and its price is paid in
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
