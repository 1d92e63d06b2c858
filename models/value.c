/* value.c — the `network` value model (see value.h and docs/model.md). */
#include "value.h"

#include <math.h>

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

double value_network_npv(const value_operator *o, const double *h)
{
    double capex = 0, sites = 0, users = 0;
    double n_r[SPECSIM_REGIONS_MAX] = {0}, cap_r[SPECSIM_REGIONS_MAX] = {0};
    for (int r = 0; r < o->nregions; r++) {
        if (o->users[r] <= 0) continue; /* not a region it serves */
        double n = sites_needed(o, h, r, &cap_r[r]);
        if (n <= 0) return 0.0; /* no spectrum, no service */
        n_r[r] = n;
        double upg = fmin(n, o->sites_existing[r]);
        capex += upg * o->cost_upgrade + (n - upg) * o->cost_new;
        sites += n;
        users += o->users[r];
    }
    /* Users pay for capacity beyond demand (the quality premium). */
    double per_user = o->margin_user_year +
                      o->quality_user_year *
                          value_headroom_log2(o->nregions, o->users, n_r, cap_r);
    /* Build years: the budget pays the forced swaps and the rollout. */
    double years = fmax(1.0, (capex + o->swap_forced) / o->budget_year);
    double margin = 0, opex = 0, capex_pv = 0;
    for (int t = 0; t < o->nyears; t++) {
        double df = deploy_discount(o->discount_rate, t);
        double built = fmin(1.0, (double)(t + 1) / years);
        double spent = fmin(1.0, (double)(t + 1) / years) -
                       fmin(1.0, (double)t / years);
        margin += df * per_user * users * built;
        opex += df * o->cost_site_year * sites * built;
        capex_pv += df * capex * spent;
    }
    return margin - opex - capex_pv;
}

static double with_lots(const value_operator *o, const int *lots)
{
    double h[SPECSIM_BANDS_MAX];
    for (int b = 0; b < o->nbands; b++)
        h[b] = o->holdings_mhz[b] + lots[b] * o->mhz_per_lot[b];
    return value_network_npv(o, h);
}

double value_package(const value_operator *o, const int *lots)
{
    return with_lots(o, lots) - value_network_npv(o, o->holdings_mhz);
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
        row[k] = scale * (with_lots(o, q) - base);
    }
}
