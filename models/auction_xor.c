/* auction_xor.c — explicit XOR bids as a value table.
 *
 * DESIGN — the bidding language of the combinatorial-auction literature
 * (Nisan 2000, "Bidding and allocation in combinatorial auctions"): a
 * bidder states packages with values and wants at most one of them, so
 * with free disposal its value of a package q is the largest value of a
 * stated package that q contains, 0 when it contains none. On the grid of
 * count vectors "contains" is componentwise <=. A bidder that states no
 * package values everything at 0. The fill is a scan of the grid per
 * stated package, grid size times packages times bands operations.
 */
#include <math.h>

#include "auction_impl.h"

/* Does count vector q hold every lot of package p? */
static bool contains(int nbands, const int *q, const int *p)
{
    for (int b = 0; b < nbands; b++)
        if (q[b] < p[b]) return false;
    return true;
}

err_code auction_values_xor(auction_values *v, int i, int npackages,
                            const int (*lots)[SPECSIM_BANDS_MAX],
                            const double *value, err_t *e)
{
    SPECSIM_ASSERT(v != NULL && i >= 0 && i < v->nbidders);
    SPECSIM_ASSERT(npackages >= 0 && (npackages == 0 || (lots && value)));
    const auction_grid *g = &v->grid;
    for (int j = 0; j < npackages; j++) {
        if (!(isfinite(value[j]) && value[j] >= 0.0))
            return err_set(e, ERR_SCENARIO, "xor values: bidder %d, package "
                           "%d: value %g: expected finite and >= 0", i, j,
                           value[j]);
        int total = 0;
        for (int b = 0; b < g->nbands; b++) {
            if (lots[j][b] < 0)
                return err_set(e, ERR_SCENARIO, "xor values: bidder %d, "
                               "package %d: %d lots of band %d: expected "
                               ">= 0", i, j, lots[j][b], b);
            total += lots[j][b];
        }
        if (total == 0)
            return err_set(e, ERR_SCENARIO, "xor values: bidder %d, package "
                           "%d: no lots: expected at least one", i, j);
    }
    double *row = auction_values_row(v, i);
    for (long k = 0; k < g->size; k++) {
        int q[SPECSIM_BANDS_MAX];
        double best = 0.0;
        auction_grid_counts(g, k, q);
        for (int j = 0; j < npackages; j++)
            if (value[j] > best && contains(g->nbands, q, lots[j]))
                best = value[j];
        row[k] = best;
    }
    return ERR_OK;
}
