/* auction_sealed.c — one round of sealed package bids: pay-as-bid
 * (sealed_first), VCG (sealed_second) and core-selecting (sealed_core).
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
 * highest bid and the reserve. sealed_core: winners pay the cca's
 * core-selecting payments on the sealed bids (the minimum-revenue core
 * point nearest VCG; Day and Raghavan 2007, Day and Milgrom 2008) plus
 * the reserve value: VCG when VCG is in the core. Package payments are
 * split across bands in proportion to the reserve value of the lots (by
 * lot counts when all reserves are zero).
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
            double bid = fmin(
                auction_pay_limit(in, i, s->package_bid(
                                             value[k], in->strategy_param[i])),
                in->budget[i]);
            double net = bid - auction_reserve_value(in, q);
            row[k] = net > 0.0 ? net : -INFINITY;
        }
    }
}

typedef enum { PAY_BID, PAY_VCG, PAY_CORE } sealed_rule;

static err_code sealed_run(const auction_input *in, auction_ws *ws,
                           auction_result *out, sealed_rule rule, err_t *e)
{
    auction_bids b;
    long choice[SPECSIM_OPERATORS_MAX];
    double total, vcg[SPECSIM_OPERATORS_MAX], core[SPECSIM_OPERATORS_MAX];
    bool second = rule != PAY_BID;
    sealed_bids(in, ws);
    auction_bids_build(ws, in, ws->bid, &b);
    err_code rc = auction_wdp(ws, &b, NULL, choice, &total, e);
    if (rc == ERR_OK && second) rc = auction_vcg(ws, &b, choice, total, vcg, e);
    if (rc == ERR_OK && rule == PAY_CORE)
        rc = auction_core(ws, &b, choice, vcg, core, &out->core, e);
    if (rc != ERR_OK) return rc;
    auction_choice_won(&b, choice, out);
    for (int i = 0; i < in->nbidders; i++) {
        if (choice[i] < 0) continue;
        double w[SPECSIM_BANDS_MAX];
        double rv = auction_reserve_value(in, out->won[i]);
        double net = rule == PAY_BID ? b.amount[choice[i]]
                     : rule == PAY_VCG ? vcg[i] : core[i];
        out->pay[i] = net + rv;
        if (second) out->pay_vcg[i] = vcg[i] + rv;
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
    return sealed_run(in, ws, out, PAY_BID, e);
}

static err_code second_run(const auction_input *in, auction_ws *ws,
                           auction_result *out, err_t *e)
{
    return sealed_run(in, ws, out, PAY_VCG, e);
}

static err_code core_run(const auction_input *in, auction_ws *ws,
                         auction_result *out, err_t *e)
{
    return sealed_run(in, ws, out, PAY_CORE, e);
}

const auction_format auction_sealed_first = {"sealed_first", first_run,
                                             false, false};
const auction_format auction_sealed_second = {"sealed_second",
                                              second_run, false, false};
const auction_format auction_sealed_core = {"sealed_core", core_run, false,
                                            true};
