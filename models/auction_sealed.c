/* auction_sealed.c — one round of sealed package bids: pay-as-bid
 * (sealed_first) and VCG (sealed_second).
 *
 * DESIGN — every bidder bids on every package it may win what its
 * strategy's package_bid says, capped by its budget (a straightforward
 * bidder bids its value; in a first-price auction that leaves it no
 * surplus, which is why the `shaded` strategy exists). Bids are XOR: a
 * bidder wins at most one package. Winner determination maximises the sum
 * of bids net of the reserve value of their packages (auction_pay.c), so a
 * bid below its package's reserve value never wins. sealed_first: winners
 * pay their bids. sealed_second: winners pay VCG prices on net bids plus
 * the reserve value, which for a single lot is the larger of the second
 * highest bid and the reserve. Package payments are split across bands in
 * proportion to the reserve value of the lots (by lot counts when all
 * reserves are zero).
 */
#include <math.h>

#include "auction_impl.h"

/* Bids of every bidder, net of reserve value, in ws->bid. */
static void sealed_bids(const auction_input *in, auction_ws *ws)
{
    const auction_grid *g = &in->values->grid;
    for (int i = 0; i < in->nbidders; i++) {
        const auction_strategy *s = auction_strategy_of(in, i);
        const double *value = in->values->value + (size_t)i * (size_t)g->size;
        double *row = ws->bid + (size_t)i * (size_t)g->size;
        row[0] = -INFINITY;
        for (long k = 1; k < g->size; k++) {
            int q[SPECSIM_BANDS_MAX];
            auction_grid_counts(g, k, q);
            double bid = fmin(s->package_bid(value[k], in->strategy_param[i]),
                              in->budget[i]);
            double net = bid - auction_reserve_value(in, q);
            row[k] = net > 0.0 ? net : -INFINITY;
        }
    }
}

static err_code sealed_run(const auction_input *in, auction_ws *ws,
                           auction_result *out, bool second, err_t *e)
{
    auction_bids b;
    long choice[SPECSIM_OPERATORS_MAX];
    double total, vcg[SPECSIM_OPERATORS_MAX];
    sealed_bids(in, ws);
    auction_bids_build(ws, in, ws->bid, &b);
    err_code rc = auction_wdp(ws, &b, NULL, choice, &total, e);
    if (rc == ERR_OK && second) rc = auction_vcg(ws, &b, choice, total, vcg, e);
    if (rc != ERR_OK) return rc;
    auction_choice_won(&b, choice, out);
    for (int i = 0; i < in->nbidders; i++) {
        if (choice[i] < 0) continue;
        double w[SPECSIM_BANDS_MAX];
        double rv = auction_reserve_value(in, out->won[i]);
        out->pay[i] = (second ? vcg[i] : b.amount[choice[i]]) + rv;
        if (second) out->pay_vcg[i] = out->pay[i];
        for (int k = 0; k < in->nbands; k++)
            w[k] = in->reserve[k] * out->won[i][k];
        auction_split(in->nbands, out->won[i], out->pay[i], w,
                      out->pay_band[i]);
    }
    out->vcg_computed = second;
    out->rounds = 1;
    return ERR_OK;
}

static err_code first_run(const auction_input *in, auction_ws *ws,
                          auction_result *out, err_t *e)
{
    return sealed_run(in, ws, out, false, e);
}

static err_code second_run(const auction_input *in, auction_ws *ws,
                           auction_result *out, err_t *e)
{
    return sealed_run(in, ws, out, true, e);
}

const auction_format auction_sealed_first = {"sealed_first", first_run, false};
const auction_format auction_sealed_second = {"sealed_second", second_run, false};
