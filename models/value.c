/* value.c — the `network` value model (see value.h and docs/model.md). */
#include "value.h"

#include <math.h>
#include <string.h>

#include "deploy.h"

/* Sites operator o needs in region r with holdings h; *cap_sites is what
 * capacity alone would require. */
static double sites_needed(const value_operator *o, const double *h, int r,
                           double *cap_sites)
{
    int low = -1;
    double mbps = 0;
    *cap_sites = 0;
    for (int b = 0; b < o->nbands; b++) {
        if (h[b] <= 0) continue;
        if (low < 0 || o->freq_mhz[b] < o->freq_mhz[low]) low = b;
        mbps += h[b] * o->mbps_per_mhz[r][b];
    }
    if (low < 0) return 0;
    double cov = o->area_km2[r] / o->cell_km2[r][low];
    *cap_sites = o->users[r] * o->demand_mbps[r] / mbps;
    return fmax(1.0, fmax(cov, *cap_sites));
}

double value_headroom_log2(int nregions, const double *users,
                           const double *sites, const double *sites_capacity)
{
    double sum = 0, weight = 0;
    for (int r = 0; r < nregions; r++) {
        if (users[r] <= 0 || sites_capacity[r] <= 0) continue;
        SPECSIM_ASSERT(sites[r] >= sites_capacity[r] * (1 - 1e-12));
        sum += users[r] * log2(fmax(1.0, sites[r] / sites_capacity[r]));
        weight += users[r];
    }
    return weight > 0 ? sum / weight : 0.0;
}

/* The network holdings h call for: sites per region, capex, the margin
 * per user with the quality premium, and the build years the budget
 * allows. False when the operator has no spectrum (no service). */
typedef struct {
    double n[SPECSIM_REGIONS_MAX];   /* sites needed, 0 where not served */
    double capex, sites, users, per_user, years;
} network;

static bool network_plan(const value_operator *o, const double *h,
                         network *nw)
{
    double capex = 0, sites = 0, users = 0;
    double n_r[SPECSIM_REGIONS_MAX] = {0}, cap_r[SPECSIM_REGIONS_MAX] = {0};
    for (int r = 0; r < o->nregions; r++) {
        if (o->users[r] <= 0) continue; /* not a region it serves */
        double n = sites_needed(o, h, r, &cap_r[r]);
        if (n <= 0) return false; /* no spectrum, no service */
        n_r[r] = n;
        double upg = fmin(n, o->sites_existing[r]);
        capex += upg * o->cost_upgrade + (n - upg) * o->cost_new;
        sites += n;
        users += o->users[r];
    }
    /* Users pay for capacity beyond demand (the quality premium). */
    nw->per_user = o->margin_user_year +
                   o->quality_user_year *
                       value_headroom_log2(o->nregions, o->users, n_r, cap_r);
    /* Build years: the budget pays the forced swaps and the rollout. */
    nw->years = fmax(1.0, (capex + o->swap_forced) / o->budget_year);
    for (int r = 0; r < SPECSIM_REGIONS_MAX; r++) nw->n[r] = n_r[r];
    nw->capex = capex;
    nw->sites = sites;
    nw->users = users;
    return true;
}

/* NPV of network nw built linearly over its budget's years. */
static double network_npv(const value_operator *o, const network *nw)
{
    double years = nw->years;
    double margin = 0, opex = 0, capex_pv = 0;
    for (int t = 0; t < o->nyears; t++) {
        double df = deploy_discount(o->discount_rate, t);
        double built = fmin(1.0, (double)(t + 1) / years);
        double spent = fmin(1.0, (double)(t + 1) / years) -
                       fmin(1.0, (double)t / years);
        margin += df * nw->per_user * nw->users * built;
        opex += df * o->cost_site_year * nw->sites * built;
        capex_pv += df * nw->capex * spent;
    }
    return margin - opex - capex_pv;
}

double value_network_npv(const value_operator *o, const double *h)
{
    network nw;
    if (!network_plan(o, h, &nw)) return 0.0;
    return network_npv(o, &nw);
}

/* ---- Licence obligations in the values (docs/model.md §7) ----
 *
 * The value model builds every served region at one pace, a share b_t =
 * min(1, (t + 1)/Y) of its sites by the end of year t, so an obligation
 * is met by a pace no slower than some Y_j (or, for a site count above
 * what the network needs, by building everything by its year plus the
 * missing sites). A bidder compares the budget's pace with each pace
 * that meets an obligation, paying for the rest their penalties. */

/* Does obligation `ob` count region r in group g (as deploy_licence_in)? */
static bool oblig_in(const value_obligation *ob, int g, int r)
{
    return (ob->regions >> r & 1u) && (ob->per_region ? g == r : g == 0);
}

/* Group g of `ob` on network nw: its weight or the sites nw builds there
 * at full build (*full), and what it asks (*want): a weighted share
 * reached when every served region is built, against the target; or
 * nw's sites there against the target count. False: no such group. */
static bool oblig_group(const value_operator *o, const value_obligation *ob,
                        const network *nw, int g, double *full, double *want)
{
    double w = 0, served = 0, sites = 0;
    bool any = false;
    for (int r = 0; r < o->nregions; r++) {
        if (!oblig_in(ob, g, r)) continue;
        any = true;
        w += ob->weight[r];
        if (o->users[r] > 0) served += ob->weight[r];
        sites += nw->n[r];
    }
    if (!any || (!ob->sites && w <= 0)) return false;
    *full = ob->sites ? sites : served / w;
    *want = ob->target;
    return true;
}

/* Shortfall of group (full, want) when a share b of the network is
 * built, as deploy_licence_short measures it in the plan. */
static double oblig_short(const value_obligation *ob, double full,
                          double want, double b)
{
    if (ob->sites) return fmin(1.0, fmax(0.0, 1.0 - full * b / want));
    return fmax(0.0, want - full * b);
}

/* What meeting `ob` takes on nw: *years the slowest pace that meets it
 * (its year + 1 when even a full build by then falls short), *extra the
 * sites a count needs beyond nw's. False when building the served
 * regions cannot meet it (a share of regions the operator does not
 * serve). */
static bool oblig_need(const value_operator *o, const value_obligation *ob,
                       const network *nw, double *years, double *extra)
{
    double y1 = ob->year + 1.0;
    *years = INFINITY;
    *extra = 0;
    bool reachable = true;
    for (int g = 0; g < o->nregions; g++) {
        double full, want;
        if (!oblig_group(o, ob, nw, g, &full, &want) || want <= 0) continue;
        if (full >= want) {
            *years = fmin(*years, y1 * full / want);
            continue;
        }
        *years = fmin(*years, y1);
        if (ob->sites) *extra += want - full;
        else reachable = false;
    }
    return reachable;
}

/* Present value of the penalty `ob` costs when the network is built at
 * pace `years` (and not otherwise met). */
static double oblig_penalty(const value_operator *o,
                            const value_obligation *ob, const network *nw,
                            double years)
{
    double pv = 0;
    for (int t = ob->year; t < o->nyears; t++) {
        double b = fmin(1.0, (t + 1.0) / years), sum = 0;
        for (int g = 0; g < o->nregions; g++) {
            double full, want;
            if (oblig_group(o, ob, nw, g, &full, &want) && want > 0)
                sum += oblig_short(ob, full, want, b);
        }
        pv += deploy_discount(o->discount_rate, t) * ob->penalty_year * sum;
    }
    return pv;
}

/* Capex of `extra` sites beyond nw's: the spare existing sites are
 * upgraded first, the rest built new. */
static double extra_capex(const value_operator *o, const network *nw,
                          double extra)
{
    double spare = 0;
    for (int r = 0; r < o->nregions; r++)
        if (o->users[r] > 0) spare += fmax(0.0, o->sites_existing[r] - nw->n[r]);
    double upg = fmin(extra, spare);
    return upg * o->cost_upgrade + (extra - upg) * o->cost_new;
}

/* NPV of nw built over `years` (at most its budget's) plus extra sites
 * x_sites[t] added in year t (capex x_capex[t]); spending above the
 * budget costs financing_factor per unit in the year it is spent. */
static double paced_npv(const value_operator *o, const network *nw,
                        double years, const double *x_sites,
                        const double *x_capex)
{
    double margin = 0, opex = 0, capex_pv = 0, over = 0, xs = 0;
    for (int t = 0; t < o->nyears; t++) {
        double df = deploy_discount(o->discount_rate, t);
        double built = fmin(1.0, (t + 1.0) / years);
        double spent = built - fmin(1.0, t / years);
        xs += x_sites[t];
        /* As network_npv term by term, so that the budget's pace without
         * extra sites gives its value to the last bit. */
        margin += df * nw->per_user * nw->users * built;
        opex += df * o->cost_site_year * nw->sites * built;
        capex_pv += df * nw->capex * spent;
        if (xs > 0) opex += df * o->cost_site_year * xs;
        if (x_capex[t] > 0) capex_pv += df * x_capex[t];
        double spend = (nw->capex + o->swap_forced) * spent + x_capex[t];
        if (years < nw->years || x_capex[t] > 0)
            over += df * fmax(0.0, spend - o->budget_year);
    }
    return margin - opex - capex_pv - o->financing_factor * over;
}

/* Does obligation `ob` bind a package with `lots`? */
static bool oblig_binds(const value_obligation *ob, const int *lots)
{
    return lots[ob->band] > 0;
}

/* The best value at pace `years` with the obligations of `lots`: each met
 * by the pace costs nothing (or its missing sites, when cheaper than its
 * penalty or hard), each missed its penalty; -inf when a hard one is
 * missed. */
static double value_at_pace(const value_operator *o, const int *lots,
                            const network *nw, double years)
{
    double x_sites[SPECSIM_YEARS_MAX] = {0}, x_capex[SPECSIM_YEARS_MAX] = {0};
    double penalty = 0;
    for (int j = 0; j < o->nobligations; j++) {
        const value_obligation *ob = &o->obligations[j];
        if (!oblig_binds(ob, lots)) continue;
        SPECSIM_ASSERT(ob->year >= 0 && ob->year < o->nyears &&
                       ob->year < SPECSIM_YEARS_MAX);
        double need, extra;
        bool reachable = oblig_need(o, ob, nw, &need, &extra);
        bool paced = years <= need * (1 + 1e-12);
        if (!paced) { /* missed (never a hard one: it caps the paces) */
            if (ob->hard) return -INFINITY;
            penalty += oblig_penalty(o, ob, nw, years);
            continue;
        }
        if (!reachable) { /* as met as the served regions allow */
            if (!ob->hard) penalty += oblig_penalty(o, ob, nw, years);
            continue;
        }
        if (extra <= 0) continue;
        double ys[SPECSIM_YEARS_MAX], yc[SPECSIM_YEARS_MAX];
        memcpy(ys, x_sites, sizeof ys);
        memcpy(yc, x_capex, sizeof yc);
        ys[ob->year] += extra;
        yc[ob->year] += extra_capex(o, nw, extra);
        double cost = paced_npv(o, nw, years, x_sites, x_capex) -
                      paced_npv(o, nw, years, ys, yc);
        double fine = ob->hard ? INFINITY : oblig_penalty(o, ob, nw, years);
        if (cost > fine) {
            penalty += fine;
            continue;
        }
        memcpy(x_sites, ys, sizeof ys);
        memcpy(x_capex, yc, sizeof yc);
    }
    return paced_npv(o, nw, years, x_sites, x_capex) - penalty;
}

double value_obligation_cost(const value_operator *o, const double *h,
                             const int *lots)
{
    network nw;
    bool any = false;
    for (int j = 0; j < o->nobligations; j++)
        if (oblig_binds(&o->obligations[j], lots)) any = true;
    if (!any || !network_plan(o, h, &nw)) return 0.0;
    double free_npv = network_npv(o, &nw);
    /* The candidate paces: the budget's, and each obligation's own (the
     * fastest any hard one asks bounds them all). */
    double hard = INFINITY, pace[SPECSIM_OBLIGATIONS_MAX + 1];
    int npace = 0;
    pace[npace++] = nw.years;
    for (int j = 0; j < o->nobligations; j++) {
        const value_obligation *ob = &o->obligations[j];
        if (!oblig_binds(ob, lots)) continue;
        double need, extra;
        oblig_need(o, ob, &nw, &need, &extra);
        if (need < nw.years) pace[npace++] = need;
        if (ob->hard) hard = fmin(hard, need);
    }
    double best = -INFINITY;
    for (int k = 0; k < npace; k++) {
        double y = fmin(pace[k], hard);
        /* A hard budget is not exceeded unless a hard obligation asks. */
        if (o->budget_hard && y < fmin(nw.years, hard)) continue;
        best = fmax(best, value_at_pace(o, lots, &nw, y));
    }
    return fmax(0.0, free_npv - best);
}

/* Holdings with `lots` won. */
static void holdings_with(const value_operator *o, const int *lots, double *h)
{
    for (int b = 0; b < o->nbands; b++)
        h[b] = o->holdings_mhz[b] + lots[b] * o->mhz_per_lot[b];
}

static double with_lots(const value_operator *o, const int *lots)
{
    double h[SPECSIM_BANDS_MAX];
    holdings_with(o, lots, h);
    return value_network_npv(o, h);
}

double value_package(const value_operator *o, const int *lots)
{
    double h[SPECSIM_BANDS_MAX];
    holdings_with(o, lots, h);
    return with_lots(o, lots) - value_network_npv(o, o->holdings_mhz) -
           value_obligation_cost(o, h, lots);
}

void value_pay_terms(const value_operator *o, double *kink, double *slope)
{
    *kink = INFINITY;
    *slope = 0.0;
    if (o->pay_years_pv <= 0 || o->financing_factor <= 0) return;
    SPECSIM_ASSERT(o->pay_share > 0 && o->pay_budget >= 0);
    *kink = o->pay_budget / o->pay_share;
    *slope = o->financing_factor * o->pay_years_pv * o->pay_share;
}

void value_fill_row(const value_operator *o, double scale, auction_values *v,
                    int i)
{
    SPECSIM_ASSERT(v->grid.nbands == o->nbands);
    double *row = auction_values_row(v, i);
    int q[SPECSIM_BANDS_MAX];
    double base = value_network_npv(o, o->holdings_mhz);
    for (long k = 0; k < v->grid.size; k++) {
        auction_grid_counts(&v->grid, k, q);
        double cost = 0;
        if (o->nobligations > 0) {
            double h[SPECSIM_BANDS_MAX];
            holdings_with(o, q, h);
            cost = value_obligation_cost(o, h, q);
        }
        row[k] = cost > 0 ? scale * (with_lots(o, q) - base - cost)
                          : scale * (with_lots(o, q) - base);
    }
}
