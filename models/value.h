/* value.h — the `network` value model: what a spectrum package is worth to
 * an operator under a policy.
 *
 * DESIGN — a closed form, fast enough to be evaluated for every package of
 * the auction grid (thousands per bidder and replication). An operator's
 * network value with holdings H (MHz per band) is the NPV of the margin on
 * its users, ramping up linearly while it builds the sites H requires, less
 * what those sites cost; spectrum substitutes for sites where capacity,
 * not coverage, sets the count. A package is worth the difference it makes
 * to that value. The policy enters through the cost per site (the cheapest
 * admissible vendor, with mitigation cost) and the forced swaps that
 * compete for the same capex budget and so slow the rollout: a policy that
 * makes networks dearer lowers what bidders will pay. The caller (the
 * instance builder) fills `value_operator` with plain numbers; equations in
 * docs/model.md.
 */
#ifndef SPECSIM_VALUE_H
#define SPECSIM_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "auction.h"
#include "specsim_limits.h"

/* A licence obligation as a bidder prices it (docs/model.md §7, "Licence
 * obligations in the values"): winning any lot of `band` binds the
 * operator to it. Plain numbers, as deploy_licence. */
typedef struct {
    int band;                /* the licence */
    int year;                /* year index: met by its end and after */
    bool sites;              /* target counts 5G sites; else a share */
    bool per_region;         /* each region of `regions` on its own */
    uint32_t regions;        /* where it counts (bit r) */
    double weight[SPECSIM_REGIONS_MAX]; /* population or area */
    double target;           /* share covered, or sites */
    bool hard;               /* no shortfall admitted */
    double penalty_year;     /* soft: a year at a full shortfall, per group */
} value_obligation;

typedef struct {
    int nregions, nbands, nyears;
    double discount_rate;
    double margin_user_year;
    double quality_user_year;  /* margin per user-year per doubling of
                                  capacity headroom (0: no premium) */
    double holdings_mhz[SPECSIM_BANDS_MAX];  /* before the auction */
    double mhz_per_lot[SPECSIM_BANDS_MAX];
    double freq_mhz[SPECSIM_BANDS_MAX];
    double users[SPECSIM_REGIONS_MAX];
    double area_km2[SPECSIM_REGIONS_MAX];
    double demand_mbps[SPECSIM_REGIONS_MAX];       /* per user, design year */
    double cell_km2[SPECSIM_REGIONS_MAX][SPECSIM_BANDS_MAX];
    double mbps_per_mhz[SPECSIM_REGIONS_MAX][SPECSIM_BANDS_MAX]; /* a site */
    double sites_existing[SPECSIM_REGIONS_MAX];
    double cost_upgrade;       /* per existing site, cheapest admissible */
    double cost_new;           /* per new site */
    double cost_site_year;     /* opex + mitigation per site and year */
    double budget_year;        /* capex budget per year */
    double swap_forced;        /* capex the policy forces on the installed base */
    /* Licence obligations the operator takes on with a package that has
     * lots of their band (none: values as without them). */
    int nobligations;
    value_obligation obligations[SPECSIM_OBLIGATIONS_MAX];
    double financing_factor;   /* phi: cost of a unit spent above the
                                  budget (deploy_financing_factor) */
    bool budget_hard;          /* no spending above the budget */
    /* Payment terms (docs/model.md §7, "Financing in the bids"): a price p
     * is paid as pay_share x p a year over the first years, pay_years_pv
     * the sum of their discount factors, and what exceeds pay_budget in
     * such a year is borrowed at financing_factor. pay_years_pv 0: not
     * counted (value_pay_terms). */
    double pay_budget, pay_share, pay_years_pv;
} value_operator;

/* User-weighted mean over regions of log2(sites[r] / sites_capacity[r]):
 * how many doublings of busy-hour capacity the network has over demand
 * (0 where capacity sets the site count). Regions with no users or no
 * capacity requirement are skipped; 0 when no region counts. */
double value_headroom_log2(int nregions, const double *users,
                           const double *sites, const double *sites_capacity);

/* NPV of operator `o`'s network with holdings h (MHz per band); 0 when it
 * holds no spectrum (no 5G service to sell). */
double value_network_npv(const value_operator *o, const double *h);

/* Cost of complying with the obligations a package with `lots` takes on
 * (those of a band with lots > 0): the network value with holdings h
 * built at the budget's pace, minus the best value over the rollouts the
 * model knows (the budget's pace, or faster to meet one obligation or
 * more, the spending above the budget financed at financing_factor, and
 * the penalty of every soft obligation missed), never below 0. 0 without
 * such obligations. */
double value_obligation_cost(const value_operator *o, const double *h,
                             const int *lots);

/* Value of winning `lots` (count per band) on top of the holdings, net of
 * the cost of the obligations they bring (value_obligation_cost). */
double value_package(const value_operator *o, const int *lots);

/* The financing of a payment above the budget as the auction counts it
 * (auction_input pay_kink and pay_slope): a price P costs P + *slope x
 * max(0, P - *kink), with *kink = pay_budget / pay_share (the price whose
 * instalment equals the budget) and *slope = financing_factor x
 * pay_years_pv x pay_share; INFINITY and 0 when the terms are off. */
void value_pay_terms(const value_operator *o, double *kink, double *slope);

/* Fill bidder i's row of `v` (already shaped) with value_package for every
 * package of the grid, multiplied by `scale` (the private-value factor). */
void value_fill_row(const value_operator *o, double scale, auction_values *v,
                    int i);

#endif
