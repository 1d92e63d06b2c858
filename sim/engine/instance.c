/* instance.c — scenario + draws + policy → rollout program (see instance.h).
 */
#include "instance.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "auction_stage.h"

/* Sectors per macro site: the usual three-sector configuration. */
#define SECTORS_PER_SITE 3.0

/* Borrowing above a capex budget (docs/model.md §4, "Budgets") when the
 * scenario leaves out market.financing_rate (the scenario's default,
 * documented in sim/input/scn_schema.c): assumption — money raised beyond
 * the plan costs more than the operator's own capital, by a premium of
 * two percentage points over its discount rate. The term,
 * market.financing_term_years, defaults to five years in the schema. */
#define FINANCING_SPREAD 0.02

/* Penalty per site held past a soft removal deadline, per year, in swap
 * prices, when an exclusion leaves out late_penalty_eur_site_year (the
 * scenario's default, documented in sim/input/scn_schema.c;
 * docs/model.md §4, "Late removal"): assumption — a regulator that
 * wants its deadline met fines lateness above what the removal costs, so
 * that no plan keeps equipment late to save the swap (at one swap price,
 * keeping a site through the horizon's last year would cost exactly its
 * removal). Same order as the UK's Telecommunications (Security) Act
 * 2021: up to GBP 100,000 a day for a continuing contravention, i.e. two
 * swap prices (EUR 27-50k, MODEL.md) a year for each of 400-700 sites. */
#define LATE_PENALTY_SWAPS 2.0

void instance_spectrum_from_scenario(const scn *s, instance_spectrum *sp)
{
    memset(sp, 0, sizeof *sp);
    for (int o = 0; o < s->noperators; o++)
        for (int b = 0; b < s->nbands; b++)
            sp->holdings_mhz[o][b] = s->operators[o].holdings_mhz[b];
}

#define V(num) scn_num_value((num), draws)

/* Operator o's users in region r: none outside the regions it serves. */
static double users(const scn *s, const double *draws, int o, int r)
{
    if (!(s->operators[o].market >> r & 1u)) return 0.0;
    return V(s->regions[r].population) * V(s->market.users_share) *
           V(s->operators[o].subscriber_share);
}

/* Area of the hexagonal cell of a site whose range is `range_km`. */
static double cell_km2(double range_km)
{
    return 1.5 * sqrt(3.0) * range_km * range_km;
}

/* Busy-hour demand per user in the design year (the last of the horizon). */
static double design_demand(const scn *s, const double *draws, int r)
{
    double growth = V(s->regions[r].demand_growth);
    return V(s->regions[r].demand_mbps) *
           pow(1.0 + growth, (double)(s->year_last - s->year_first));
}

double instance_sites_coverage(const scn *s, const double *draws,
                               const instance_spectrum *sp, int o, int r)
{
    /* Coverage is set by the lowest band the operator holds. */
    int low = -1;
    for (int b = 0; b < s->nbands; b++)
        if (sp->holdings_mhz[o][b] > 0 &&
            (low < 0 || s->bands[b].freq_mhz < s->bands[low].freq_mhz))
            low = b;
    if (low < 0) return 0;
    double range = V(s->bands[low].range_km[s->regions[r].geotype]);
    return V(s->regions[r].area_km2) / cell_km2(range);
}

double instance_sites_capacity(const scn *s, const double *draws,
                               const instance_spectrum *sp, int o, int r)
{
    scn_geotype g = s->regions[r].geotype;
    double mbps_site = 0;
    for (int b = 0; b < s->nbands; b++)
        mbps_site += SECTORS_PER_SITE * sp->holdings_mhz[o][b] *
                     V(s->bands[b].efficiency[g]);
    if (mbps_site <= 0) return 0;
    /* Design demand: busy-hour demand per user in the last year. */
    return users(s, draws, o, r) * design_demand(s, draws, r) / mbps_site;
}

/* ---- checks ------------------------------------------------------------- */

/* Coverage sites of region r with band b's cell range: every band, since
 * the auction's value model may price any of them. */
static err_code check_coverage(const scn *s, const double *draws, int b,
                               int r, err_t *e)
{
    const scn_region *rg = &s->regions[r];
    double range = V(s->bands[b].range_km[rg->geotype]);
    double area = V(rg->area_km2);
    double sites = area / cell_km2(range);
    if (isfinite(sites) && sites <= INSTANCE_SITES_MAX) return ERR_OK;
    return err_set(e, ERR_SCENARIO,
                   "%s: bands[%s].range_km.%s = %g with regions[%s].area_km2 "
                   "= %g makes the coverage site count of region %s %g "
                   "(expected at most %g sites: a cell range in km, not m?)",
                   s->file, s->bands[b].name,
                   scn_geotype_name(rg->geotype), range, rg->name, area,
                   rg->name, sites, INSTANCE_SITES_MAX);
}

/* Busy-hour throughput of one site of operator o in region r with its
 * holdings, and with every lot on offer added (the most any auction
 * outcome can give it). */
static void site_mbps(const scn *s, const double *draws,
                      const instance_spectrum *sp, int o, int r,
                      double *held, double *most)
{
    scn_geotype g = s->regions[r].geotype;
    *held = *most = 0;
    for (int b = 0; b < s->nbands; b++) {
        double eff = SECTORS_PER_SITE * V(s->bands[b].efficiency[g]);
        double offer = s->bands[b].lots * s->bands[b].mhz_per_lot;
        *held += sp->holdings_mhz[o][b] * eff;
        *most += (sp->holdings_mhz[o][b] + offer) * eff;
    }
}

/* Capacity sites of operator o in region r: within INSTANCE_SITES_MAX,
 * and 0 or at most INSTANCE_HEADROOM_MAX times below the coverage sites,
 * with the spectrum it holds and with all spectrum on offer. */
static err_code check_capacity(const scn *s, const double *draws,
                               const instance_spectrum *sp, int o, int r,
                               err_t *e)
{
    const scn_region *rg = &s->regions[r];
    double held, most;
    site_mbps(s, draws, sp, o, r, &held, &most);
    double demand = users(s, draws, o, r) * design_demand(s, draws, r);
    double cov = fmax(1.0, instance_sites_coverage(s, draws, sp, o, r));
    double caps[2] = {held > 0 ? demand / held : 0.0,
                      most > 0 ? demand / most : 0.0};
    for (int k = 0; k < 2; k++) {
        double cap = caps[k];
        bool ok = isfinite(cap) && cap <= INSTANCE_SITES_MAX &&
                  (cap == 0.0 || cov / cap <= INSTANCE_HEADROOM_MAX);
        if (ok) continue;
        return err_set(
            e, ERR_SCENARIO,
            "%s: regions[%s].demand_mbps = %g (growing by "
            "regions[%s].demand_growth = %g a year) makes operator %s's "
            "capacity site count in region %s %g%s (expected 0, or at least "
            "2^-40 times its %g coverage sites and at most %g)",
            s->file, rg->name, V(rg->demand_mbps), rg->name,
            V(rg->demand_growth), s->operators[o].name, rg->name, cap,
            k == 1 ? " with all spectrum on offer" : "", cov,
            INSTANCE_SITES_MAX);
    }
    return ERR_OK;
}

/* Sites operator o needs in region r (*need), and the site-equivalents
 * of one site of each vendor (equiv[v]): a vendor whose equipment is more
 * spectrally efficient needs fewer sites when capacity, not coverage, sets
 * the count. Returns the capacity sites. */
static double site_equiv(const scn *s, const double *draws,
                         const instance_spectrum *sp, int o, int r,
                         double *need, double *equiv)
{
    double cov = instance_sites_coverage(s, draws, sp, o, r);
    double cap = instance_sites_capacity(s, draws, sp, o, r);
    *need = fmax(1.0, fmax(cov, cap));
    for (int v = 0; v < s->nvendors; v++) {
        double eff = V(s->vendors[v].efficiency_factor);
        double own = fmax(1.0, fmax(cov, cap / eff));
        equiv[v] = *need / own;
    }
    return cap;
}

/* Site-equivalents of vendor v's sites: a tiny efficiency factor makes
 * one vendor's site worth almost nothing. */
static err_code check_site_equiv(const scn *s, const double *draws,
                                 const instance_spectrum *sp, int o, int r,
                                 err_t *e)
{
    double need, q[SPECSIM_VENDORS_MAX];
    site_equiv(s, draws, sp, o, r, &need, q);
    for (int v = 0; v < s->nvendors; v++) {
        double eff = V(s->vendors[v].efficiency_factor);
        if (isfinite(q[v]) && q[v] >= 1.0 / INSTANCE_SITES_MAX) continue;
        return err_set(e, ERR_SCENARIO,
                       "%s: vendors[%s].efficiency_factor = %g makes one of "
                       "its sites worth %g sites of operator %s in region "
                       "%s (expected at least %g)",
                       s->file, s->vendors[v].name, eff, q[v],
                       s->operators[o].name, s->regions[r].name,
                       1.0 / INSTANCE_SITES_MAX);
    }
    return ERR_OK;
}

err_code instance_check(const scn *s, const double *draws,
                        const instance_spectrum *sp, err_t *e)
{
    err_code rc = ERR_OK;
    for (int b = 0; rc == ERR_OK && b < s->nbands; b++)
        for (int r = 0; rc == ERR_OK && r < s->nregions; r++)
            rc = check_coverage(s, draws, b, r, e);
    for (int o = 0; rc == ERR_OK && o < s->noperators; o++)
        for (int r = 0; rc == ERR_OK && r < s->nregions; r++) {
            rc = check_capacity(s, draws, sp, o, r, e);
            if (rc == ERR_OK) rc = check_site_equiv(s, draws, sp, o, r, e);
        }
    return rc;
}

/* Region masks of a scope. */
static uint32_t scope_regions(const scn *s, scn_scope scope)
{
    uint32_t m = 0;
    for (int r = 0; r < s->nregions; r++) {
        bool in = scope == SCOPE_RAN || scope == SCOPE_ALL ||
                  (scope == SCOPE_SENSITIVE && s->regions[r].sensitive);
        if (in) m |= 1u << r;
    }
    return m;
}

static void vendor_list(const scn *s, uint32_t mask, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int v = 0; v < s->nvendors && n < len; v++) {
        if (!(mask >> v & 1u)) continue;
        int w = snprintf(buf + n, len - n, "%s%s", n ? "+" : "",
                         s->vendors[v].name);
        if (w < 0) break;
        n += (size_t)w;
    }
}

static void instr_label(const scn *s, const scn_instrument *in, char *buf,
                        size_t len)
{
    char vendors[64];
    vendor_list(s, in->vendors, vendors, sizeof vendors);
    const char *kind = scn_instr_name(in->kind);
    const char *scope = scn_scope_name(in->scope);
    switch (in->kind) {
    case INSTR_EXCLUDE:
        if (in->scope == SCOPE_MANAGEMENT)
            snprintf(buf, len, "exclude %s (management) by %d", vendors,
                     in->removal_year);
        else if (in->removal_year > 0)
            snprintf(buf, len, "exclude %s (%s) from %d, removed by %d",
                     vendors, scope, in->from_year, in->removal_year);
        else
            snprintf(buf, len, "exclude %s (%s) from %d", vendors, scope,
                     in->from_year);
        break;
    case INSTR_DIVERSITY:
        snprintf(buf, len, "diversity (%s) from %d: at least %d vendors",
                 scope, in->from_year, in->vendors_min);
        break;
    case INSTR_SUBSIDY:
        snprintf(buf, len, "subsidy of swaps of %s from %d", vendors,
                 in->from_year);
        break;
    case INSTR_MEASURE:
        snprintf(buf, len, "measure %s on %s from %d",
                 scn_measure_ids[in->measure_id], vendors, in->from_year);
        break;
    default:
        snprintf(buf, len, "%s %s (%s) from %d", kind, vendors, scope,
                 in->from_year);
    }
}

static int count_bits(uint32_t x)
{
    int n = 0;
    for (; x != 0; x &= x - 1) n++;
    return n;
}

static void build_instr(const scn *s, const double *draws,
                        const scn_instrument *in, double swap_site,
                        deploy_instr *d)
{
    memset(d, 0, sizeof *d);
    instr_label(s, in, d->label, sizeof d->label);
    d->vendors = in->vendors;
    d->regions = scope_regions(s, in->scope) & in->regions;
    d->core = in->scope == SCOPE_CORE || in->scope == SCOPE_ALL;
    for (int o = 0; o < s->noperators; o++)
        if (s->operators[o].market & in->regions) d->operators |= 1u << o;
    d->from_t = in->from_year - s->year_first;
    d->removal_t = -1;
    switch (in->kind) {
    case INSTR_EXCLUDE:
        d->kind = DEPLOY_EXCLUDE;
        if (in->removal_year > 0) d->removal_t = in->removal_year - s->year_first;
        /* Non-radio equipment: core sites with the core, transport and
         * other equipment with the whole network (docs/model.md §4). */
        if (d->core) d->kinds |= 1u << DEPLOY_UNIT_CORE;
        if (in->scope == SCOPE_ALL) d->kinds |= 1u << DEPLOY_UNIT_TRANSPORT;
        /* The deadline is soft unless the file says deadline_hard: true;
         * the penalty is the file's late_penalty_eur_site_year, or
         * LATE_PENALTY_SWAPS swap prices per late site and year when it
         * gives none (docs/model.md §4, "Late removal"). */
        d->deadline_hard = in->deadline_hard;
        d->late_penalty_site_year =
            in->late_penalty_eur_site_year.param < 0 &&
                    in->late_penalty_eur_site_year.value < 0
                ? LATE_PENALTY_SWAPS * swap_site
                : V(in->late_penalty_eur_site_year);
        if (in->scope != SCOPE_MANAGEMENT) break;
        /* The radios may stay wherever they are; only their management
         * system must change by the deadline. */
        d->kind = DEPLOY_MANAGEMENT;
        d->regions = scope_regions(s, SCOPE_RAN) & in->regions;
        d->from_t = d->removal_t;
        break;
    case INSTR_CAP:
        d->kind = DEPLOY_CAP;
        d->share_max = V(in->share_max);
        d->national = in->level == CAP_NATIONAL;
        break;
    case INSTR_DIVERSITY:
        d->kind = DEPLOY_DIVERSITY;
        d->vendors_min = in->vendors_min;
        d->share_min = in->vendor_share_min;
        d->share_max = V(in->vendor_share_max);
        break;
    case INSTR_MITIGATION:
        d->kind = DEPLOY_MITIGATION;
        d->regions = scope_regions(s, SCOPE_RAN) & in->regions;
        d->cost_site_year = V(in->cost_site_year_eur);
        d->cost_fixed_year = V(in->cost_fixed_year_eur);
        d->risk_reduction = V(in->risk_reduction);
        break;
    case INSTR_MEASURE:
        /* A toolbox measure's yearly costs are mitigation's: per site of
         * the targeted vendors in its regions, and national (its fixed
         * cost plus its cost per operator for every operator serving its
         * regions); its one-off costs and its effects on the incidents are
         * counted outside the program (risk_stage.c), as they do not
         * depend on the plan. Its hostile-probability reduction acts as
         * mitigation's risk reduction, on the risk-exposure index too. */
        d->kind = DEPLOY_MITIGATION;
        d->regions = scope_regions(s, SCOPE_RAN) & in->regions;
        d->cost_site_year = V(in->cost_site_year_eur);
        d->cost_fixed_year =
            V(in->cost_fixed_year_eur) +
            V(in->cost_operator_year_eur) * count_bits(d->operators);
        d->risk_reduction = V(in->hostile_probability_reduction);
        break;
    case INSTR_SUBSIDY:
        /* Swaps of the targeted vendors' equipment in its regions, radio
         * sites and every kind of non-radio unit, by the eligible
         * operators that serve any of those regions (a country's fund
         * pays that country's operators). */
        d->kind = DEPLOY_SUBSIDY;
        d->regions = in->regions;
        d->core = false;
        d->operators &= in->operators;
        d->kinds = (1u << DEPLOY_UNIT_KINDS) - 1u;
        d->subsidy_share = V(in->subsidy_share);
        d->fund_year = in->fund_eur_year;
        d->fund_total = in->fund_eur_total;
        break;
    default:
        SPECSIM_ASSERT(0);
    }
}

static void build_vendors(const scn *s, const double *draws, deploy_problem *p)
{
    for (int v = 0; v < s->nvendors; v++) {
        const scn_vendor *vd = &s->vendors[v];
        p->high_risk[v] = vd->high_risk;
        p->risk_score[v] = V(vd->risk_score);
        p->ran_new[v] = V(vd->ran_new_eur);
        p->ran_upgrade[v] = V(vd->ran_upgrade_eur);
        p->core_cost[v] = V(vd->core_eur);
        p->integration[v] = V(vd->integration_eur);
        p->opex_site_year[v] =
            V(s->market.site_opex_eur_year) * V(vd->opex_factor);
        p->capacity[v] = V(vd->capacity_sites_year);
        /* Not given (-1) only for vendors no management rule targets. */
        p->management_swap[v] = fmax(0.0, V(vd->management_swap_eur));
        p->available_t[v] = vd->available_year - s->year_first;
        /* Supply shock from the whole year it falls in (docs/model.md §4,
         * "Supply shocks"); none when the file gives none (year 0) or it
         * falls after the horizon. */
        double y = V(vd->shock_year);
        bool shock = y > 0 && y < s->year_last + 1;
        p->shock_t[v] = shock ? (int)floor(y) - s->year_first : 0;
        p->shock_capacity_cut[v] =
            shock ? 1.0 - V(vd->shock_capacity_share) : 0.0;
        p->shock_opex_rise[v] = shock ? V(vd->shock_opex_factor) - 1.0 : 0.0;
        p->capacity_growth[v] = V(vd->capacity_growth);
        p->capacity_lag[v] = vd->capacity_lag_years;
    }
}

static void build_operator(const scn *s, const double *draws,
                           const instance_spectrum *sp, int o,
                           deploy_problem *p)
{
    const scn_operator *op = &s->operators[o];
    bool has_spectrum = false;
    for (int b = 0; b < s->nbands; b++)
        if (sp->holdings_mhz[o][b] > 0) has_spectrum = true;
    p->subscriber_share[o] = V(op->subscriber_share);
    p->market[o] = op->market;
    double cap[SPECSIM_REGIONS_MAX];
    for (int r = 0; r < s->nregions; r++) {
        cap[r] = site_equiv(s, draws, sp, o, r, &p->sites_needed[o][r],
                            p->site_equiv[o][r]);
        /* Without spectrum there is no 5G service to sell. */
        p->users[o][r] = has_spectrum ? users(s, draws, o, r) : 0.0;
        double sites = V(op->sites[r]);
        for (int v = 0; v < s->nvendors; v++) {
            p->legacy[o][r][v] =
                sites * scn_installed_share(s, o, r, v, draws);
            /* 5G already installed, where the operator sells service */
            if (op->market >> r & 1u)
                p->installed_5g[o][r][v] =
                    p->legacy[o][r][v] * V(op->installed_5g[v]);
        }
    }
    /* Equipment age: the mean age, half the life when not given (a
     * steady refresh cycle; docs/model.md §4, "Equipment age"). */
    double age = V(op->installed_age_years);
    p->age_mean[o] = age >= 0 ? age : 0.5 * fmax(0.0, p->life);
    double budget = V(op->capex_budget_eur_year);
    for (int t = 0; t < p->nyears; t++)
        p->budget[o][t] = fmax(0.0, budget - sp->payment[o][t]);
    for (int v = 0; v < s->nvendors; v++) {
        p->units[o][DEPLOY_UNIT_CORE][v] = V(op->units_core[v]);
        p->units[o][DEPLOY_UNIT_TRANSPORT][v] = V(op->units_transport[v]);
    }
    p->core_vendor[o] = op->core_vendor;
    p->obligation_t[o] =
        op->obligation_year > 0 ? op->obligation_year - s->year_first : -1;
    p->obligation_share[o] = op->obligation_share;
    p->vendors_per_region_max[o] = op->vendors_per_region_max;
    /* The quality premium: users pay for capacity beyond their demand, so
     * spectrum is worth something even where coverage sets the site count
     * (docs/model.md §3). */
    p->quality_user_year[o] =
        V(s->market.quality_eur_user_year) *
        value_headroom_log2(s->nregions, p->users[o], p->sites_needed[o], cap);
}

/* Weight of region r in licence obligation ob: its area for scope area
 * (coverage spread evenly over it), else its population. */
static double licence_weight(const scn *s, const double *draws,
                             const scn_obligation *ob, int r)
{
    return ob->scope == OBLIG_AREA ? V(s->regions[r].area_km2)
                                   : V(s->regions[r].population);
}

/* The licence obligations of the bands each operator won lots of, in
 * the order of the file and then of the operators. */
static void build_licences(const scn *s, const double *draws,
                           const instance_spectrum *sp, deploy_problem *p)
{
    p->nlicence = 0;
    for (int i = 0; i < s->nobligations; i++) {
        const scn_obligation *ob = &s->obligations[i];
        for (int o = 0; o < s->noperators; o++) {
            if (sp->won[o][ob->band] <= 0 || !(ob->operators >> o & 1u))
                continue;
            SPECSIM_ASSERT(p->nlicence < DEPLOY_L);
            deploy_licence *l = &p->licence[p->nlicence++];
            l->op = o;
            l->from_t = ob->year - s->year_first;
            l->sites = ob->scope == OBLIG_SITES;
            l->per_region = ob->per_region;
            l->regions = ob->regions;
            for (int r = 0; r < s->nregions; r++)
                l->weight[r] = licence_weight(s, draws, ob, r);
            l->target = l->sites ? ob->sites : ob->share;
            l->hard = ob->hard;
            l->penalty_year = ob->hard ? 0.0 : ob->penalty_eur_year;
        }
    }
}

void instance_build(const scn *s, const double *draws, int policy,
                    const instance_spectrum *sp, deploy_problem *p)
{
    SPECSIM_ASSERT(policy >= 0 && policy < s->npolicies);
    memset(p, 0, sizeof *p);
    p->noperators = s->noperators;
    p->nregions = s->nregions;
    p->nvendors = s->nvendors;
    p->nyears = s->year_last - s->year_first + 1;
    p->discount_rate = V(s->discount_rate);
    p->life = V(s->market.equipment_life_years); /* <= 0: no age */
    for (int r = 0; r < s->nregions; r++)
        p->population[r] = V(s->regions[r].population);
    build_vendors(s, draws, p);
    for (int o = 0; o < s->noperators; o++) build_operator(s, draws, sp, o, p);
    p->margin_user_year = V(s->market.margin_eur_user_year);
    p->swap_site = V(s->market.swap_eur_site);
    p->new_site_opex_year = V(s->market.new_site_opex_eur_year);
    p->core_upgrade_share = V(s->market.core_upgrade_share);
    p->penalty_pop_year = V(s->market.obligation_penalty_eur_pop);
    p->risk_core_weight = s->run.risk_core_weight;
    /* Budgets are soft unless an operator says budget_hard: true; spending
     * above one is borrowed at market.financing_rate (FINANCING_SPREAD
     * above the discount rate when not given) and repaid over
     * market.financing_term_years (docs/model.md §4, "Budgets"). Non-radio
     * units (operators' `equipment`) are swapped at the market's prices,
     * which the scenario gives whenever an operator has such units (-1,
     * not given, only when none has). */
    for (int o = 0; o < s->noperators; o++)
        p->budget_hard[o] = s->operators[o].budget_hard;
    const scn_num *fin = &s->market.financing_rate;
    p->financing_rate = fin->param < 0 && fin->value < 0
                            ? p->discount_rate + FINANCING_SPREAD
                            : V(*fin);
    p->financing_term_years = s->market.financing_term_years;
    p->unit_swap[DEPLOY_UNIT_CORE] =
        fmax(0.0, V(s->market.core_site_swap_eur));
    p->unit_swap[DEPLOY_UNIT_TRANSPORT] =
        fmax(0.0, V(s->market.transport_swap_eur));
    const scn_policy *pol = &s->policies[policy];
    p->ninstr = 0;
    for (int i = 0; i < pol->ninstruments; i++) {
        const scn_instrument *in = &pol->instruments[i];
        if (in->kind != INSTR_AUCTION) {
            build_instr(s, draws, in, p->swap_site, &p->instr[p->ninstr++]);
            continue;
        }
        /* Licence terms a policy sets for every operator. */
        if (in->obligation_year > 0)
            for (int o = 0; o < s->noperators; o++) {
                p->obligation_t[o] = in->obligation_year - s->year_first;
                p->obligation_share[o] = in->obligation_share;
            }
    }
    build_licences(s, draws, sp, p);
    p->node_limit = s->run.mip_node_limit;
    p->mip_gap = s->run.mip_gap;
}

/* The licence obligations operator o would take on with lots of their
 * bands, as the value model prices them (none when the scenario says
 * auction.bidders_price_obligations: false). */
static void value_obligations(const scn *s, const double *draws, int o,
                              value_operator *vo)
{
    vo->nobligations = 0;
    if (!s->auction.bidders_price_obligations) return;
    for (int i = 0; i < s->nobligations; i++) {
        const scn_obligation *ob = &s->obligations[i];
        if (!(ob->operators >> o & 1u)) continue;
        value_obligation *vb = &vo->obligations[vo->nobligations++];
        vb->band = ob->band;
        vb->year = ob->year - s->year_first;
        vb->sites = ob->scope == OBLIG_SITES;
        vb->per_region = ob->per_region;
        vb->regions = ob->regions;
        for (int r = 0; r < s->nregions; r++)
            vb->weight[r] = licence_weight(s, draws, ob, r);
        vb->target = vb->sites ? ob->sites : ob->share;
        vb->hard = ob->hard;
        vb->penalty_year = ob->hard ? 0.0 : ob->penalty_eur_year;
    }
}

/* The payment terms a bid limit counts (auction.bidders_price_financing):
 * the instalment per unit of price on the licence's schedule, the
 * discount factors of its years within the horizon, and the capex budget
 * each instalment is set against, as instance_spectrum_npv charges them;
 * all 0 when off. */
static void value_payments(const scn *s, const double *draws,
                           const deploy_problem *p, int o, value_operator *vo)
{
    vo->pay_budget = vo->pay_share = vo->pay_years_pv = 0;
    if (!s->auction.bidders_price_financing) return;
    int n = s->auction.payment_years;
    vo->pay_share = auction_stage_instalment(1.0, n,
                                             s->auction.payment_interest_rate);
    for (int t = 0; t < n && t < p->nyears; t++)
        vo->pay_years_pv += deploy_discount(p->discount_rate, t);
    vo->pay_budget = V(s->operators[o].capex_budget_eur_year);
}

void instance_value_operator(const scn *s, const double *draws,
                             const instance_spectrum *sp,
                             const deploy_problem *p, int o,
                             value_operator *vo)
{
    memset(vo, 0, sizeof *vo);
    vo->nregions = s->nregions;
    vo->nbands = s->nbands;
    vo->nyears = p->nyears;
    vo->discount_rate = p->discount_rate;
    vo->margin_user_year = p->margin_user_year;
    vo->quality_user_year = V(s->market.quality_eur_user_year);
    for (int b = 0; b < s->nbands; b++) {
        vo->holdings_mhz[b] = sp->holdings_mhz[o][b];
        vo->mhz_per_lot[b] = s->bands[b].mhz_per_lot;
        vo->freq_mhz[b] = s->bands[b].freq_mhz;
    }
    for (int r = 0; r < s->nregions; r++) {
        scn_geotype g = s->regions[r].geotype;
        vo->users[r] = users(s, draws, o, r);
        vo->area_km2[r] = V(s->regions[r].area_km2);
        vo->demand_mbps[r] = design_demand(s, draws, r);
        vo->sites_existing[r] = V(s->operators[o].sites[r]);
        for (int b = 0; b < s->nbands; b++) {
            vo->cell_km2[r][b] = cell_km2(V(s->bands[b].range_km[g]));
            vo->mbps_per_mhz[r][b] =
                SECTORS_PER_SITE * V(s->bands[b].efficiency[g]);
        }
    }
    deploy_site_costs(p, o, &vo->cost_upgrade, &vo->cost_new,
                      &vo->cost_site_year);
    vo->budget_year = fmax(1.0, p->budget[o][0]);
    vo->swap_forced = deploy_forced_swaps(p, o);
    value_obligations(s, draws, o, vo);
    vo->financing_factor = deploy_financing_factor(p);
    vo->budget_hard = p->budget_hard[o];
    value_payments(s, draws, p, o, vo);
}

void instance_spectrum_npv(const scn *s, const double *draws,
                           const instance_spectrum *sp,
                           const deploy_problem *p, int o,
                           double *payment_npv, double *financing_npv)
{
    double budget = V(s->operators[o].capex_budget_eur_year);
    double phi = deploy_financing_factor(p), pay = 0, excess = 0;
    for (int t = 0; t < p->nyears; t++) {
        double df = pow(1.0 + p->discount_rate, -(double)t);
        pay += df * sp->payment[o][t];
        excess += df * fmax(0.0, sp->payment[o][t] - budget);
    }
    *payment_npv = pay;
    *financing_npv = phi * excess;
}
