/* auction_clock.c — the ascending clock auction on generic lots, and the
 * clock engine the CCA's clock phase shares.
 *
 * DESIGN — each band is sold as up to two products, each with its own
 * price clock: open lots (anyone may bid) and set-aside lots (new entrants
 * only). Every round each bidder answers a demand query at the posted
 * prices (its strategy's `demand`), an entrant taking set-aside lots first
 * unless they are dearer. As in the FCC's clock auctions, a reduction is
 * applied only as far as it creates no excess supply: where a product's
 * aggregate demand would fall below min(supply, last round's demand), the
 * bidders who shed lots are held to them, in a rotating order (bidder
 * (r - 1) mod n first in round r), as far as their total cap, spectrum
 * cap and budget allow. Eligibility falls to the points of the processed
 * demand divided by the activity share; every over-demanded product's
 * price rises by max(increment_rel * price, increment_abs). The clock
 * stops when no product is over-demanded: bidders win their processed
 * demand at the last prices; lots stay unsold only where demand was below
 * supply already or budgets and caps left nobody to hold. At the round
 * limit, lots of a still over-demanded product are rationed pro rata to
 * demand (largest remainder, ties to the lower bidder index) at the last
 * price, and the result is flagged. The CCA runs the same engine without
 * holding, since its clock bids must be the bidders' own. Nothing is
 * allocated.
 */
#include <math.h>
#include <string.h>

#include "auction_impl.h"

/* Cost of k lots of band b to an entrant (set-aside lots usable) or an
 * incumbent at prices p, and the split into open and set-aside lots. */
static double split(const auction_input *in, bool entrant,
                    const auction_prices *p, int b, int k, int *open,
                    int *res)
{
    int s = entrant ? in->setaside[b] : 0;
    int o = in->lots[b] - in->setaside[b];
    if (p->res[b] <= p->open[b]) { /* set-aside lots first */
        *res = k < s ? k : s;
        *open = k - *res;
    } else {
        *open = k < o ? k : o;
        *res = k - *open;
    }
    return *open * p->open[b] + *res * p->res[b];
}

void auction_clock_costs(const auction_input *in, int i,
                         const auction_prices *p,
                         double (*cost)[AUCTION_LOTS_MAX + 1])
{
    int qmax[SPECSIM_BANDS_MAX], tot, o, r;
    auction_bidder_limits(in, i, qmax, &tot);
    for (int b = 0; b < in->nbands; b++)
        for (int k = 0; k <= qmax[b]; k++)
            cost[b][k] = split(in, in->new_entrant[i], p, b, k, &o, &r);
}

/* Bidder i's demand at prices p within eligibility `elig`. */
static long clock_demand(const auction_input *in, int i,
                         const auction_prices *p, double elig)
{
    double cost[SPECSIM_BANDS_MAX][AUCTION_LOTS_MAX + 1];
    auction_clock_costs(in, i, p, cost);
    return auction_bidder_demand(
        in, i, (const double (*)[AUCTION_LOTS_MAX + 1])cost, elig);
}

/* Give the `supply` lots of one product to bidders demanding d[i] in
 * total more than supply: floor of the pro-rata share, then one more lot
 * each by largest remainder, ties to the lower index. */
static void ration(int n, int *d, int supply)
{
    long total = 0;
    long rem[SPECSIM_OPERATORS_MAX];
    int given = 0;
    for (int i = 0; i < n; i++) total += d[i];
    for (int i = 0; i < n; i++) {
        rem[i] = ((long)d[i] * supply) % total;
        d[i] = (int)(((long)d[i] * supply) / total);
        given += d[i];
    }
    for (; given < supply; given++) {
        int best = -1;
        for (int i = 0; i < n; i++)
            if (rem[i] > 0 && (best < 0 || rem[i] > rem[best])) best = i;
        SPECSIM_ASSERT(best >= 0);
        d[best]++;
        rem[best] = 0;
    }
}

static void record_round(const auction_input *in, auction_ws *ws, int r,
                         const auction_prices *p, const long *pkg,
                         const double *elig)
{
    double *price = ws->hist_price + (size_t)r * 2 * SPECSIM_BANDS_MAX;
    size_t row = (size_t)r * (size_t)ws->cap.bidders_max;
    memcpy(price, p->open, sizeof p->open);
    memcpy(price + SPECSIM_BANDS_MAX, p->res, sizeof p->res);
    for (int i = 0; i < in->nbidders; i++) {
        ws->hist_pkg[row + i] = pkg[i];
        ws->hist_elig[row + i] = elig[i];
    }
}

/* Every bidder's stated demand at the posted prices, split into open and
 * set-aside lots. */
static void stated_demands(const auction_input *in, auction_clock_end *st,
                           long *pkg, const double *elig)
{
    const auction_grid *g = &in->values->grid;
    for (int i = 0; i < in->nbidders; i++) {
        int q[SPECSIM_BANDS_MAX];
        pkg[i] = in->barred[i] ? 0 : clock_demand(in, i, &st->p, elig[i]);
        auction_grid_counts(g, pkg[i], q);
        for (int b = 0; b < in->nbands; b++)
            split(in, in->new_entrant[i], &st->p, b, q[b], &st->open[i][b],
                  &st->res[i][b]);
    }
}

/* Mark over-demanded products in over[b] (bit 0 open, bit 1 set-aside);
 * true when there is one. */
static bool over_demand(const auction_input *in, const auction_clock_end *st,
                        int *over)
{
    bool any = false;
    for (int b = 0; b < in->nbands; b++) {
        int d_open = 0, d_res = 0;
        for (int i = 0; i < in->nbidders; i++) {
            d_open += st->open[i][b];
            d_res += st->res[i][b];
        }
        over[b] = (d_open > in->lots[b] - in->setaside[b] ? 1 : 0) |
                  (d_res > in->setaside[b] ? 2 : 0);
        any = any || over[b] != 0;
    }
    return any;
}

/* Lots (at most `want`) of a product of band b at `price` bidder i can
 * be held to on top of its processed demand without breaking its total
 * cap, its spectrum cap (a bidder that moved to another band may have no
 * room left for the lots it shed) or its budget. */
static int holdable(const auction_input *in, const auction_clock_end *st,
                    int i, int b, double price, int want)
{
    int qmax[SPECSIM_BANDS_MAX], q[SPECSIM_BANDS_MAX], tot_max, tot = 0;
    int h = 0;
    double cost = 0.0;
    auction_bidder_limits(in, i, qmax, &tot_max);
    for (int k = 0; k < in->nbands; k++) {
        q[k] = st->open[i][k] + st->res[i][k];
        tot += q[k];
        cost += st->open[i][k] * st->p.open[k] + st->res[i][k] * st->p.res[k];
    }
    for (;;) {
        q[b] += h + 1;
        bool fits = auction_mhz_fits(in, i, q);
        q[b] -= h + 1;
        if (h >= want || tot + h + 1 > tot_max || !fits ||
            cost + (h + 1) * price > in->budget[i])
            return h;
        h++;
    }
}

/* No excess supply from reductions in one product: with `prev` the
 * previous round's processed demand and `now` this round's, hold bidders
 * (in the round's priority order) to lots they shed until aggregate demand
 * is back at min(supply, previous aggregate). */
static void hold_product(const auction_input *in, auction_clock_end *st,
                         const int (*prev)[SPECSIM_BANDS_MAX],
                         int (*now)[SPECSIM_BANDS_MAX], int b, int supply,
                         double price, int r)
{
    int n = in->nbidders, before = 0, after = 0;
    for (int i = 0; i < n; i++) {
        before += prev[i][b];
        after += now[i][b];
    }
    int deficit = (before < supply ? before : supply) - after;
    for (int m = 0; m < n && deficit > 0; m++) {
        int i = (r - 1 + m) % n, shed = prev[i][b] - now[i][b];
        if (shed <= 0) continue;
        int h = holdable(in, st, i, b, price,
                         shed < deficit ? shed : deficit);
        now[i][b] += h;
        deficit -= h;
    }
}

static void hold_all(const auction_input *in, auction_clock_end *st,
                     const int (*prev_open)[SPECSIM_BANDS_MAX],
                     const int (*prev_res)[SPECSIM_BANDS_MAX], int r)
{
    for (int b = 0; b < in->nbands; b++) {
        hold_product(in, st, prev_open, st->open, b,
                     in->lots[b] - in->setaside[b], st->p.open[b], r);
        hold_product(in, st, prev_res, st->res, b, in->setaside[b],
                     st->p.res[b], r);
    }
}

static void ration_all(const auction_input *in, auction_clock_end *st,
                       const int *over)
{
    for (int b = 0; b < in->nbands; b++) {
        int d_open[SPECSIM_OPERATORS_MAX], d_res[SPECSIM_OPERATORS_MAX];
        for (int i = 0; i < in->nbidders; i++) {
            d_open[i] = st->open[i][b];
            d_res[i] = st->res[i][b];
        }
        if (over[b] & 1)
            ration(in->nbidders, d_open, in->lots[b] - in->setaside[b]);
        if (over[b] & 2) ration(in->nbidders, d_res, in->setaside[b]);
        for (int i = 0; i < in->nbidders; i++) {
            st->open[i][b] = d_open[i];
            st->res[i][b] = d_res[i];
        }
    }
}

/* Eligibility after a round: points of the processed demand over the
 * activity share, never rising. */
static void update_eligibility(const auction_input *in,
                               const auction_clock_end *st, double *elig)
{
    for (int i = 0; i < in->nbidders; i++) {
        int q[SPECSIM_BANDS_MAX];
        for (int b = 0; b < in->nbands; b++)
            q[b] = st->open[i][b] + st->res[i][b];
        elig[i] = fmin(elig[i], auction_points(in, q) / in->activity_share);
    }
}

void auction_clock_phase(const auction_input *in, auction_ws *ws,
                         bool record, bool hold, auction_clock_end *end)
{
    long pkg[SPECSIM_OPERATORS_MAX];
    double elig[SPECSIM_OPERATORS_MAX];
    int over[SPECSIM_BANDS_MAX];
    int prev_open[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
    int prev_res[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
    memset(end, 0, sizeof *end);
    for (int b = 0; b < in->nbands; b++)
        end->p.open[b] = end->p.res[b] = in->reserve[b];
    for (int i = 0; i < in->nbidders; i++) elig[i] = INFINITY;
    for (int r = 1;; r++) {
        memcpy(prev_open, end->open, sizeof prev_open);
        memcpy(prev_res, end->res, sizeof prev_res);
        stated_demands(in, end, pkg, elig);
        if (record) record_round(in, ws, r - 1, &end->p, pkg, elig);
        if (hold && r > 1)
            hold_all(in, end, (const int (*)[SPECSIM_BANDS_MAX])prev_open,
                     (const int (*)[SPECSIM_BANDS_MAX])prev_res, r);
        update_eligibility(in, end, elig);
        end->rounds = r;
        if (!over_demand(in, end, over)) return;
        if (r == in->rounds_max) {
            end->round_limit = true;
            ration_all(in, end, over);
            return;
        }
        for (int b = 0; b < in->nbands; b++) {
            if (over[b] & 1) end->p.open[b] = auction_raise(in, end->p.open[b]);
            if (over[b] & 2) end->p.res[b] = auction_raise(in, end->p.res[b]);
        }
    }
}

void auction_clock_prices(const auction_input *in,
                          const auction_clock_end *end, auction_result *out)
{
    for (int b = 0; b < in->nbands; b++) {
        out->price_clock[b] = end->p.open[b];
        out->price_clock_reserved[b] = in->setaside[b] > 0 ? end->p.res[b]
                                                           : 0.0;
    }
}

static err_code clock_run(const auction_input *in, auction_ws *ws,
                          auction_result *out, err_t *e)
{
    (void)e;
    auction_clock_end end;
    auction_clock_phase(in, ws, false, true, &end);
    for (int i = 0; i < in->nbidders; i++) {
        for (int b = 0; b < in->nbands; b++) {
            out->won[i][b] = end.open[i][b] + end.res[i][b];
            out->pay_band[i][b] = end.open[i][b] * end.p.open[b] +
                                  end.res[i][b] * end.p.res[b];
            out->pay[i] += out->pay_band[i][b];
        }
    }
    auction_clock_prices(in, &end, out);
    out->rounds = end.rounds;
    out->ended_by_round_limit = end.round_limit;
    return ERR_OK;
}

const auction_format auction_clock = {"clock", clock_run, true, false};
