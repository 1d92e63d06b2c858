/* auction_values.c — the `additive` value model.
 *
 * DESIGN — in the spirit of the multi-band value models used in
 * experimental studies of spectrum auctions, a bidder's value is a sum
 * over bands, and within a band the value of k lots is the bidder's
 * per-lot base value times k times a synergy factor of k:
 *     v_i(q) = sum_b beta[i][b] * q[b] * synergy[b][q[b]],
 * with beta[i][b] uniform on [base_lo[b], base_hi[b]]. synergy[b][k] = 1
 * for all k gives additive (substitutes) values, for which a clock auction
 * with straightforward bidders ends near a Walrasian price; factors rising
 * in k make lots of a band complements (a contiguous wide carrier is worth
 * more than the sum of its parts), the case where package bidding matters.
 * The draws are one gsl_rng_uniform per bidder and band, bidder-major, so
 * the value table is a function of the generator's state alone.
 */
#include <math.h>

#include "auction_impl.h"

static err_code check_params(const auction_input *in,
                             const auction_additive_params *p, err_t *e)
{
    for (int b = 0; b < in->nbands; b++) {
        double lo = p->base_lo[b], hi = p->base_hi[b];
        if (!(isfinite(lo) && isfinite(hi) && lo >= 0.0 && lo <= hi))
            return err_set(e, ERR_SCENARIO, "additive values: band %d: "
                           "base [%g, %g]: expected 0 <= lo <= hi, finite",
                           b, lo, hi);
        for (int k = 0; k <= in->lots[b]; k++)
            if (!(isfinite(p->synergy[b][k]) && p->synergy[b][k] >= 0.0))
                return err_set(e, ERR_SCENARIO, "additive values: band %d: "
                               "synergy[%d] = %g: expected finite and >= 0",
                               b, k, p->synergy[b][k]);
    }
    return ERR_OK;
}

err_code auction_values_additive(auction_values *v, const auction_input *in,
                                 const auction_additive_params *p,
                                 gsl_rng *r, double *base, err_t *e)
{
    SPECSIM_ASSERT(v != NULL && in != NULL && p != NULL && r != NULL);
    err_code rc = auction_values_shape(v, in, e);
    if (rc == ERR_OK) rc = check_params(in, p, e);
    if (rc != ERR_OK) return rc;
    const auction_grid *g = &v->grid;
    for (int i = 0; i < in->nbidders; i++) {
        double beta[SPECSIM_BANDS_MAX];
        for (int b = 0; b < in->nbands; b++) {
            double u = gsl_rng_uniform(r);
            beta[b] = p->base_lo[b] + u * (p->base_hi[b] - p->base_lo[b]);
            if (base != NULL) base[i * in->nbands + b] = beta[b];
        }
        double *row = auction_values_row(v, i);
        for (long k = 0; k < g->size; k++) {
            int q[SPECSIM_BANDS_MAX];
            double s = 0.0;
            auction_grid_counts(g, k, q);
            for (int b = 0; b < in->nbands; b++)
                s += beta[b] * q[b] * p->synergy[b][q[b]];
            row[k] = s;
        }
    }
    return ERR_OK;
}
