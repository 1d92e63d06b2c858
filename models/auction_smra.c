/* auction_smra.c — the simultaneous multiple-round ascending auction on
 * individual lots.
 *
 * DESIGN — every lot has a standing high bid (amount and holder, or none).
 * Its minimum bid is the reserve while nobody holds it, else the standing
 * bid raised by max(increment_rel * bid, increment_abs). Bids are at the
 * minimum; there are no withdrawals. Each round every bidder, seeing the
 * state at the start of the round, answers a demand query in which k lots
 * of band b cost: its standing bids in the band (which it cannot shed)
 * plus the minimum bids of the k - held cheapest lots it does not hold
 * (set-aside lots only for entrants; among equal minimum bids set-aside
 * lots first, then the lower lot index); fewer lots than it holds are not
 * on offer. It bids on exactly those lots. Its activity is the points of
 * the package (standing plus new bids) and its eligibility falls to
 * activity / activity_share. Competing bids on a lot
 * all equal the minimum bid, so the lot goes to the bidder first in a
 * rotating order (bidder (r - 1) mod n first in round r). The auction ends
 * after a round without new bids, or at the round limit; standing high
 * bids win and lots without a bid stay unsold. A bidder can end with lots
 * it no longer wants (the exposure problem): that is part of the format.
 */
#include <math.h>
#include <string.h>

#include "auction_impl.h"

static double min_bid(const auction_input *in, const auction_ws *ws, int l)
{
    if (ws->lot_holder[l] < 0) return in->reserve[ws->lot_band[l]];
    return auction_raise(in, ws->lot_price[l]);
}

static int lots_init(const auction_input *in, auction_ws *ws)
{
    int l = 0;
    for (int b = 0; b < in->nbands; b++) {
        for (int k = 0; k < in->lots[b]; k++, l++) {
            ws->lot_band[l] = b;
            ws->lot_reserved[l] = k >= in->lots[b] - in->setaside[b];
            ws->lot_holder[l] = -1;
            ws->lot_price[l] = 0.0;
        }
    }
    return l;
}

/* Order of purchase: cheaper minimum bid first, then set-aside lots
 * (which only entrants see), then the lower index. */
static bool before(const auction_input *in, const auction_ws *ws, int a,
                   int b)
{
    double ma = min_bid(in, ws, a), mb = min_bid(in, ws, b);
    if (ma != mb) return ma < mb;
    if (ws->lot_reserved[a] != ws->lot_reserved[b]) return ws->lot_reserved[a];
    return a < b;
}

/* Lots of band b bidder i may bid on (not its own; set-aside ones only
 * for entrants) into sorted[], in order of purchase; returns count. */
static int open_lots(const auction_input *in, const auction_ws *ws,
                     int nlots, int i, int b, int *sorted)
{
    int n = 0;
    for (int l = 0; l < nlots; l++) {
        if (ws->lot_band[l] != b || ws->lot_holder[l] == i) continue;
        if (ws->lot_reserved[l] && !in->new_entrant[i]) continue;
        int at = n++;
        while (at > 0 && before(in, ws, l, sorted[at - 1])) {
            sorted[at] = sorted[at - 1];
            at--;
        }
        sorted[at] = l;
    }
    return n;
}

/* Cost table of band b for bidder i; returns its lots in order of
 * purchase in `sorted` and their number in *navail. */
static void band_costs(const auction_input *in, const auction_ws *ws,
                       int nlots, int i, int b, int qmax, double *cost,
                       int *sorted, int *navail)
{
    int held = 0;
    double held_cost = 0.0;
    for (int l = 0; l < nlots; l++) {
        if (ws->lot_band[l] != b || ws->lot_holder[l] != i) continue;
        held++;
        held_cost += ws->lot_price[l];
    }
    *navail = open_lots(in, ws, nlots, i, b, sorted);
    double c = held_cost;
    for (int k = 0; k <= qmax; k++) {
        if (k < held || k > held + *navail) {
            cost[k] = INFINITY;
            continue;
        }
        if (k > held) c += min_bid(in, ws, sorted[k - held - 1]);
        cost[k] = c;
    }
}

/* Bidder i's bids of round r: mark lots in ws->lot_bidder where i comes
 * first in the round's order; returns the package's points. */
static double bidder_round(const auction_input *in, auction_ws *ws,
                           int nlots, int i, int r, double elig, int *nbids)
{
    double cost[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX + 1];
    int order[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX], navail[SPECSIM_BANDS_MAX];
    int held[SPECSIM_BANDS_MAX] = {0}, q[SPECSIM_BANDS_MAX], n = in->nbidders;
    int qmax[SPECSIM_BANDS_MAX], total_max;
    auction_bidder_limits(in, i, qmax, &total_max);
    for (int b = 0; b < in->nbands; b++)
        band_costs(in, ws, nlots, i, b, qmax[b], cost[b], order[b],
                   &navail[b]);
    for (int l = 0; l < nlots; l++)
        if (ws->lot_holder[l] == i) held[ws->lot_band[l]]++;
    long pkg = auction_bidder_demand(
        in, i, (const double (*)[AUCTION_LOTS_MAX + 1])cost, elig);
    auction_grid_counts(&in->values->grid, pkg, q);
    int prio = ((i - (r - 1)) % n + n) % n;
    for (int b = 0; b < in->nbands; b++) {
        SPECSIM_ASSERT(q[b] >= held[b] && q[b] - held[b] <= navail[b]);
        for (int k = 0; k < q[b] - held[b]; k++) {
            int l = order[b][k], other = ws->lot_bidder[l];
            (*nbids)++;
            if (other < 0 || ((other - (r - 1)) % n + n) % n > prio)
                ws->lot_bidder[l] = i;
        }
    }
    return auction_points(in, q);
}

/* Play round r; returns the number of new bids. */
static int smra_round(const auction_input *in, auction_ws *ws, int nlots,
                      int r, double *elig)
{
    int nbids = 0;
    for (int l = 0; l < nlots; l++) ws->lot_bidder[l] = -1;
    for (int i = 0; i < in->nbidders; i++) {
        if (in->barred[i]) continue;
        double pts = bidder_round(in, ws, nlots, i, r, elig[i], &nbids);
        elig[i] = fmin(elig[i], pts / in->activity_share);
    }
    for (int l = 0; l < nlots; l++) {
        if (ws->lot_bidder[l] < 0) continue;
        ws->lot_price[l] = min_bid(in, ws, l);
        ws->lot_holder[l] = ws->lot_bidder[l];
    }
    return nbids;
}

static err_code smra_run(const auction_input *in, auction_ws *ws,
                         auction_result *out, err_t *e)
{
    (void)e;
    double elig[SPECSIM_OPERATORS_MAX];
    int nlots = lots_init(in, ws);
    for (int i = 0; i < in->nbidders; i++) elig[i] = INFINITY;
    for (int r = 1;; r++) {
        int nbids = smra_round(in, ws, nlots, r, elig);
        out->rounds = r;
        if (nbids == 0) break;
        if (r == in->rounds_max) {
            out->ended_by_round_limit = true;
            break;
        }
    }
    for (int l = 0; l < nlots; l++) {
        int i = ws->lot_holder[l], b = ws->lot_band[l];
        if (i < 0) continue;
        out->won[i][b]++;
        out->pay_band[i][b] += ws->lot_price[l];
        out->pay[i] += ws->lot_price[l];
    }
    return ERR_OK;
}

const auction_format auction_smra = {"smra", smra_run, true, false};
