/* deploy.c — rollout optimiser: checks, infeasibility diagnosis, measures.
 *
 * DESIGN — deploy_glp.c builds and solves the program; this file decides
 * what to solve and what the plan means. When the program with every
 * instrument is infeasible, each exclusion, cap and diversity rule is
 * switched off in turn; the ones whose removal restores feasibility are
 * named. If no single instrument is to blame the message lists the
 * combination. Measures (coverage, high-risk share, risk exposure, NPV by
 * component, budget overrun and its financing, equipment held past its
 * removal deadline) are recomputed from the plan so that they read the
 * same whatever the solver's internal scaling.
 */
#include "deploy_internal.h"

#include <math.h>
#include <string.h>

void deploy_problem_check(const deploy_problem *p)
{
    SPECSIM_ASSERT(p != NULL);
    SPECSIM_ASSERT(p->noperators >= 1 && p->noperators <= DEPLOY_O);
    SPECSIM_ASSERT(p->nregions >= 1 && p->nregions <= DEPLOY_R);
    SPECSIM_ASSERT(p->nvendors >= 1 && p->nvendors <= DEPLOY_V);
    SPECSIM_ASSERT(p->nyears >= 1 && p->nyears <= DEPLOY_T);
    SPECSIM_ASSERT(p->ninstr >= 0 && p->ninstr <= DEPLOY_I);
    SPECSIM_ASSERT(p->node_limit >= 1 && p->mip_gap >= 0);
    for (int o = 0; o < p->noperators; o++)
        for (int r = 0; r < p->nregions; r++) {
            SPECSIM_ASSERT(p->sites_needed[o][r] > 0);
            for (int v = 0; v < p->nvendors; v++) {
                SPECSIM_ASSERT(p->site_equiv[o][r][v] > 0);
                SPECSIM_ASSERT(p->legacy[o][r][v] >= 0);
            }
        }
    for (int r = 0; r < p->nregions; r++) SPECSIM_ASSERT(p->population[r] > 0);
    for (int o = 0; o < p->noperators; o++) SPECSIM_ASSERT(p->market[o] != 0);
    bool soft = false;
    for (int o = 0; o < p->noperators; o++) {
        soft = soft || !p->budget_hard[o];
        for (int k = 0; k < DEPLOY_K; k++)
            for (int v = 0; v < p->nvendors; v++)
                SPECSIM_ASSERT(p->units[o][k][v] >= 0);
    }
    for (int k = 0; k < DEPLOY_K; k++) SPECSIM_ASSERT(p->unit_swap[k] >= 0);
    SPECSIM_ASSERT(p->nlicence >= 0 && p->nlicence <= DEPLOY_L);
    for (int j = 0; j < p->nlicence; j++) {
        const deploy_licence *l = &p->licence[j];
        SPECSIM_ASSERT(l->op >= 0 && l->op < p->noperators);
        SPECSIM_ASSERT(l->sites ? l->target > 0
                                : l->target >= 0 && l->target <= 1);
        SPECSIM_ASSERT(l->penalty_year >= 0);
        for (int r = 0; r < p->nregions; r++)
            SPECSIM_ASSERT(l->weight[r] >= 0);
    }
    for (int o = 0; o < p->noperators; o++) {
        SPECSIM_ASSERT(p->life <= 0 || p->age_mean[o] >= 0);
        for (int r = 0; r < p->nregions; r++)
            for (int v = 0; v < p->nvendors; v++)
                SPECSIM_ASSERT(p->installed_5g[o][r][v] >= 0 &&
                               p->installed_5g[o][r][v] <=
                                   p->legacy[o][r][v]);
    }
    for (int v = 0; v < p->nvendors; v++) {
        SPECSIM_ASSERT(p->shock_capacity_cut[v] >= 0 &&
                       p->shock_capacity_cut[v] <= 1);
        SPECSIM_ASSERT(p->shock_opex_rise[v] >= 0);
        SPECSIM_ASSERT(p->capacity_growth[v] >= 0 &&
                       p->capacity_growth[v] < 1);
        SPECSIM_ASSERT(p->capacity_growth[v] <= 0 || p->capacity_lag[v] >= 1);
    }
    SPECSIM_ASSERT(!soft || (p->financing_term_years >= 1 &&
                             p->financing_rate > -1.0));
    double shares = 0;
    for (int i = 0; i < p->ninstr; i++) {
        const deploy_instr *in = &p->instr[i];
        SPECSIM_ASSERT(in->late_penalty_site_year >= 0);
        if (in->kind == DEPLOY_SUBSIDY) {
            SPECSIM_ASSERT(in->subsidy_share >= 0 && in->subsidy_share <= 1);
            SPECSIM_ASSERT(in->fund_year >= 0 && in->fund_total >= 0);
            shares += in->subsidy_share;
        }
        if (in->kind != DEPLOY_MANAGEMENT) continue;
        SPECSIM_ASSERT(in->removal_t >= 0);
        for (int v = 0; v < p->nvendors; v++)
            if (in->vendors >> v & 1u)
                SPECSIM_ASSERT(p->management_swap[v] >= 0);
    }
    /* Subsidies together never pay more than the swap: a swap must not
     * earn the operator money. */
    SPECSIM_ASSERT(shares <= 1.0 + 1e-12);
}

uint32_t deploy_all_instr(const deploy_problem *p)
{
    return p->ninstr >= 32 ? 0xffffffffu : (1u << p->ninstr) - 1u;
}

double deploy_discount(double rate, int t)
{
    return pow(1.0 + rate, -(double)t);
}

double deploy_due(const deploy_problem *p, int o, int r, int v, int t)
{
    if (p->life <= 0) return 0.0;
    double x = (double)t + 1.0; /* years from the start to the end of t */
    double s5 = p->installed_5g[o][r][v];
    double l4 = p->legacy[o][r][v] - s5;
    double a2 = 2.0 * p->age_mean[o];
    /* ages uniform on [0, a2]: the life of the one aged a ends at
     * life - a, within the first x years when a >= life - x */
    double f4 = a2 > 0 ? fmin(1.0, fmax(0.0, (x - p->life + a2) / a2))
                       : (x >= p->life ? 1.0 : 0.0);
    double f5 = x >= p->life ? 1.0 : 0.0;
    return l4 * f4 + s5 * f5;
}

double deploy_depreciation(const deploy_problem *p, int v)
{
    return p->life > 0 ? p->ran_upgrade[v] / p->life : 0.0;
}

double deploy_capacity(const deploy_problem *p, int v, int t)
{
    if (p->shock_capacity_cut[v] <= 0 || t < p->shock_t[v])
        return p->capacity[v];
    return p->capacity[v] * (1.0 - p->shock_capacity_cut[v]);
}

double deploy_opex_site(const deploy_problem *p, int v, int t)
{
    if (p->shock_opex_rise[v] <= 0 || t < p->shock_t[v])
        return p->opex_site_year[v];
    return p->opex_site_year[v] * (1.0 + p->shock_opex_rise[v]);
}

double deploy_opex_legacy(const deploy_problem *p, int v, int t)
{
    if (p->shock_opex_rise[v] <= 0 || t < p->shock_t[v]) return 0.0;
    return p->opex_site_year[v] * p->shock_opex_rise[v];
}

/* Combined risk reduction of vendor v in year t from active mitigation. */
static double risk_reduction(const deploy_problem *p, uint32_t active, int v,
                             int t)
{
    double keep = 1.0;
    for (int i = 0; i < p->ninstr; i++) {
        const deploy_instr *in = &p->instr[i];
        if (!(active >> i & 1u) || in->kind != DEPLOY_MITIGATION) continue;
        if ((in->vendors >> v & 1u) && t >= in->from_t)
            keep *= 1.0 - in->risk_reduction;
    }
    return 1.0 - keep;
}

/* An operator's weight in national shares (its core's part of the risk,
 * its part of a fixed mitigation cost): its subscribers, i.e. its share of
 * the population of the regions it serves. */
static double weight(const deploy_problem *p, int o)
{
    return p->subscriber_share[o] * deploy_market_population(p, o);
}

static uint32_t all_regions(const deploy_problem *p)
{
    return p->nregions >= 32 ? 0xffffffffu : (1u << p->nregions) - 1u;
}

/* Share of the population of the regions in `regions` covered in year t:
 * a person is covered when at least one operator covers their region
 * (footprints overlap rather than add). The national path is this over
 * every region, so a country's path is computed the same way. */
static double coverage_regions(const deploy_problem *p,
                               const deploy_result *res, uint32_t regions,
                               int t)
{
    double covered = 0, pop = 0;
    for (int r = 0; r < p->nregions; r++) {
        if (!(regions >> r & 1u)) continue;
        double best = 0;
        for (int o = 0; o < p->noperators; o++)
            best = fmax(best, res->coverage[o][r][t]);
        covered += p->population[r] * best;
        pop += p->population[r];
    }
    return covered / pop;
}

/* Coverage per operator and region, and the national path. */
static void measure_coverage(const deploy_problem *p, deploy_result *res)
{
    for (int t = 0; t < p->nyears; t++) {
        for (int r = 0; r < p->nregions; r++)
            for (int o = 0; o < p->noperators; o++) {
                double eq = 0;
                for (int v = 0; v < p->nvendors; v++)
                    eq += p->site_equiv[o][r][v] * res->stock_5g[o][r][v][t];
                res->coverage[o][r][t] = fmin(1.0, eq / p->sites_needed[o][r]);
            }
        res->coverage_pop_share[t] = coverage_regions(p, res, all_regions(p), t);
    }
}

/* Sites (legacy and 5G) of each vendor in the regions of `regions`, year
 * t, all operators; *total over vendors, *hrv over high-risk ones. */
static void sites_by_vendor(const deploy_problem *p, const deploy_result *res,
                            uint32_t regions, int t, double sites[DEPLOY_V],
                            double *total, double *hrv)
{
    *total = *hrv = 0;
    for (int v = 0; v < p->nvendors; v++) sites[v] = 0;
    for (int o = 0; o < p->noperators; o++)
        for (int r = 0; r < p->nregions; r++)
            if (regions >> r & 1u)
                for (int v = 0; v < p->nvendors; v++)
                    sites[v] += res->stock_legacy[o][r][v][t] +
                                res->stock_5g[o][r][v][t];
    for (int v = 0; v < p->nvendors; v++) {
        *total += sites[v];
        if (p->high_risk[v]) *hrv += sites[v];
    }
}

/* The core in place in each year: the one bought in year 0 until a core
 * deadline replaces it with the cheapest admissible vendor's. */
static void measure_core(const deploy_problem *p, uint32_t active,
                         deploy_result *res)
{
    for (int o = 0; o < p->noperators; o++) {
        int k = res->core_choice[o], swap_t = -1, w = -1;
        if (k >= 0) swap_t = deploy_core_swap_t(p, active, o, k);
        if (swap_t >= 0) w = deploy_core_replacement(p, active, o);
        SPECSIM_ASSERT(swap_t < 0 || w >= 0); /* deploy_core_ok forbids it */
        res->core_swap_t[o] = swap_t;
        for (int t = 0; t < p->nyears; t++)
            res->core_year[o][t] = swap_t >= 0 && t >= swap_t ? w : k;
    }
}

/* High-risk share of all sites and the risk-exposure index by year. */
static void measure_risk(const deploy_problem *p, uint32_t active,
                         deploy_result *res)
{
    double subs = 0;
    for (int o = 0; o < p->noperators; o++) subs += weight(p, o);
    for (int t = 0; t < p->nyears; t++) {
        double sites[DEPLOY_V], total, hrv, risk = 0;
        sites_by_vendor(p, res, all_regions(p), t, sites, &total, &hrv);
        for (int v = 0; v < p->nvendors; v++) {
            double core = 0;
            for (int o = 0; o < p->noperators; o++)
                if (res->core_year[o][t] == v && subs > 0)
                    core += weight(p, o) / subs;
            double ran = total > 0 ? sites[v] / total : 0;
            double w = p->risk_core_weight;
            risk += p->risk_score[v] * (1.0 - risk_reduction(p, active, v, t)) *
                    ((1.0 - w) * ran + w * core);
        }
        res->hrv_site_share[t] = total > 0 ? hrv / total : 0;
        res->risk_exposure[t] = risk;
    }
}

/* Fixed mitigation cost of year t (national). */
static double mitigation_fixed(const deploy_problem *p, uint32_t active, int t)
{
    double c = 0;
    for (int i = 0; i < p->ninstr; i++) {
        const deploy_instr *in = &p->instr[i];
        if ((active >> i & 1u) && in->kind == DEPLOY_MITIGATION &&
            t >= in->from_t)
            c += in->cost_fixed_year;
    }
    return c;
}

/* Discounted costs of operator o over its (r, v, t) plan. */
static void measure_costs_rvt(const deploy_problem *p, uint32_t active, int o,
                              const deploy_result *res, deploy_costs *c)
{
    for (int r = 0; r < p->nregions; r++)
        for (int v = 0; v < p->nvendors; v++) {
            if (res->vendor_used[o][r][v] && p->legacy[o][r][v] <= 0)
                c->capex += deploy_discount(p->discount_rate,
                                            deploy_integration_t(p, v)) *
                            p->integration[v];
            for (int t = 0; t < p->nyears; t++) {
                double df = deploy_discount(p->discount_rate, t);
                double s5 = res->stock_5g[o][r][v][t];
                double sites = s5 + res->stock_legacy[o][r][v][t];
                c->capex += df * (p->ran_upgrade[v] * res->upgraded[o][r][v][t] +
                                  p->ran_new[v] * res->built[o][r][v][t] +
                                  deploy_radio_premium(p, v) *
                                      res->swapped_in[o][r][v][t]);
                c->swap += df * p->swap_site * res->swapped[o][r][v][t];
                c->opex += df * deploy_opex_site(p, v, t) * s5 +
                           df * deploy_opex_legacy(p, v, t) *
                               res->stock_legacy[o][r][v][t] +
                           p->new_site_opex_year * deploy_discount_tail(p, t) *
                               res->built[o][r][v][t];
                c->mitigation +=
                    df * deploy_mitigation_site(p, active, r, v, t) * sites;
            }
        }
}

/* Book value written off by operator o's removals ahead of schedule
 * (docs/model.md §4, "Equipment age"): by (r, v), the removals C(t) by
 * the end of each year t exceed what has reached its end of life, E(t),
 * by A(t) >= 0 sites, each losing a year's depreciation; those still
 * ahead at the horizon's end lose the years until their life ends, the
 * soonest-ending first (the program's cheapest), and removals beyond the
 * installed base as many as its youngest equipment. */
static double stranded(const deploy_problem *p, int o,
                       const deploy_result *res)
{
    if (p->life <= 0) return 0.0;
    double total = 0;
    int T = p->nyears;
    for (int r = 0; r < p->nregions; r++)
        for (int v = 0; v < p->nvendors; v++) {
            double dep = deploy_depreciation(p, v), c = 0, a = 0;
            for (int t = 0; t < T; t++) {
                c += res->swapped[o][r][v][t] + res->refreshed[o][r][v][t];
                a = fmax(0.0, c - deploy_due(p, o, r, v, t));
                total += dep * deploy_discount(p->discount_rate, t) * a;
            }
            if (p->legacy[o][r][v] <= 0) continue;
            double cost = 0, dearest = 0;
            for (int k = 0; k < T; k++) {
                int e = T + k;
                double lo = deploy_due(p, o, r, v, e - 1);
                double hi = k == T - 1 ? p->legacy[o][r][v]
                                       : deploy_due(p, o, r, v, e);
                if (k > 0) cost += dep * deploy_discount(p->discount_rate, e - 1);
                if (hi - lo > 0) dearest = cost;
                double n = fmin(a, fmax(0.0, hi - lo));
                total += n * cost;
                a -= n;
            }
            /* beyond the installed base: as its youngest equipment */
            total += a * dearest;
        }
    return total;
}

/* Share of the population of the regions operator o serves that it
 * covers in year t. */
static double coverage_market(const deploy_problem *p,
                              const deploy_result *res, int o, int t)
{
    double covered = 0;
    for (int r = 0; r < p->nregions; r++)
        if (p->market[o] >> r & 1u)
            covered += p->population[r] * res->coverage[o][r][t];
    return covered / deploy_market_population(p, o);
}

/* Shortfall against the obligation at its year, from the coverage itself
 * (the program's shortfall variable is free when the penalty is 0). */
static double shortfall(const deploy_problem *p, const deploy_result *res,
                        int o)
{
    int t = p->obligation_t[o];
    if (t < 0) return 0.0;
    return fmax(0.0, p->obligation_share[o] - coverage_market(p, res, o, t));
}

/* Discounted cost of the management systems operator o replaces. */
static double management_cost(const deploy_problem *p, int o,
                              const deploy_result *res)
{
    double c = 0;
    for (int i = 0; i < p->ninstr; i++)
        for (int v = 0; v < p->nvendors; v++)
            if (res->management_swap[i][o] >> v & 1u)
                c += deploy_discount(p->discount_rate,
                                     p->instr[i].removal_t) *
                     p->management_swap[v];
    return c;
}

/* Swaps of operator o's non-radio units, and the late penalty on them
 * and on its radio sites held past soft deadlines. */
static void measure_units(const deploy_problem *p, uint32_t active, int o,
                          const deploy_result *res, deploy_costs *c)
{
    for (int t = 0; t < p->nyears; t++) {
        double df = deploy_discount(p->discount_rate, t);
        for (int k = 0; k < DEPLOY_K; k++)
            for (int v = 0; v < p->nvendors; v++) {
                c->swap += df * p->unit_swap[k] * res->unit_swapped[o][k][v][t];
                c->late_penalty +=
                    df * deploy_unit_late_penalty(p, active, o, k, v, t) *
                    res->unit_stock[o][k][v][t];
            }
        for (int r = 0; r < p->nregions; r++)
            for (int v = 0; v < p->nvendors; v++)
                c->late_penalty +=
                    df * deploy_late_penalty(p, active, r, v, t) *
                    (res->stock_legacy[o][r][v][t] + res->stock_5g[o][r][v][t]);
    }
}

/* Operator o's spending in year t that its capex budget pays: RAN
 * equipment, integration, swaps of sites and non-radio units. */
static double spending(const deploy_problem *p, int o,
                       const deploy_result *res, int t)
{
    double x = 0;
    for (int r = 0; r < p->nregions; r++)
        for (int v = 0; v < p->nvendors; v++) {
            x += p->ran_upgrade[v] * res->upgraded[o][r][v][t] +
                 p->ran_new[v] * res->built[o][r][v][t] +
                 p->swap_site * res->swapped[o][r][v][t];
            if (res->vendor_used[o][r][v] && p->legacy[o][r][v] <= 0 &&
                deploy_integration_t(p, v) == t)
                x += p->integration[v];
        }
    for (int k = 0; k < DEPLOY_K; k++)
        for (int v = 0; v < p->nvendors; v++)
            x += p->unit_swap[k] * res->unit_swapped[o][k][v][t];
    return x;
}

/* Overrun of operator o's budget (from the plan, so it reads the same
 * whether or not borrowing costs anything), its financing cost, and the
 * subsidy it receives. */
static void measure_money(const deploy_problem *p, int o, deploy_result *res,
                          deploy_costs *c)
{
    double phi = p->budget_hard[o] ? 0.0 : deploy_financing_factor(p);
    res->overrun_npv[o] = 0;
    for (int t = 0; t < p->nyears; t++) {
        double df = deploy_discount(p->discount_rate, t);
        double over = spending(p, o, res, t) - res->subsidy[o][t] -
                      p->budget[o][t];
        /* below the solver's tolerance a hard budget is met */
        if (over <= 1e-7 * (1.0 + p->budget[o][t])) over = 0.0;
        res->overrun[o][t] = over;
        res->overrun_npv[o] += df * over;
        c->financing += df * phi * over;
        c->subsidy += df * res->subsidy[o][t];
    }
}

double deploy_licence_short(const deploy_problem *p, const deploy_licence *l,
                            const deploy_result *res, int g, int t)
{
    if (t < l->from_t) return 0.0;
    double w = 0, got = 0;
    bool any = false;
    for (int r = 0; r < p->nregions; r++) {
        if (!deploy_licence_in(l, g, r)) continue;
        any = true;
        w += l->weight[r];
        if (!l->sites) {
            got += l->weight[r] * res->coverage[l->op][r][t];
            continue;
        }
        for (int v = 0; v < p->nvendors; v++)
            got += res->stock_5g[l->op][r][v][t];
    }
    if (!any) return 0.0;
    if (l->sites) return fmin(1.0, fmax(0.0, 1.0 - got / l->target));
    return w > 0 ? fmax(0.0, l->target - got / w) : 0.0;
}

/* Licence obligations: each one's largest shortfall over its groups in
 * every year, and (soft) its penalty in its operator's penalty NPV. A
 * shortfall below the solver's tolerance is none. */
static void measure_licences(const deploy_problem *p, deploy_result *res)
{
    for (int j = 0; j < p->nlicence; j++) {
        const deploy_licence *l = &p->licence[j];
        for (int t = 0; t < p->nyears; t++) {
            double worst = 0, sum = 0;
            for (int g = 0; g < p->nregions; g++) {
                double s = deploy_licence_short(p, l, res, g, t);
                if (s < 1e-7) s = 0;
                worst = fmax(worst, s);
                sum += s;
            }
            res->licence_short[j][t] = worst;
            if (!l->hard)
                res->npv[l->op].penalty += deploy_discount(p->discount_rate, t) *
                                           l->penalty_year * sum;
        }
    }
}

/* NPV by component for every operator. */
static void measure_costs(const deploy_problem *p, uint32_t active,
                          deploy_result *res)
{
    double subs = 0;
    for (int o = 0; o < p->noperators; o++) subs += weight(p, o);
    res->state_outlay_npv = 0;
    for (int o = 0; o < p->noperators; o++) {
        double pop = deploy_market_population(p, o);
        deploy_costs *c = &res->npv[o];
        memset(c, 0, sizeof *c);
        measure_costs_rvt(p, active, o, res, c);
        int k = res->core_choice[o];
        if (k >= 0) {
            c->capex += p->core_cost[k] *
                        (k == p->core_vendor[o] ? p->core_upgrade_share : 1.0);
            /* Replacing equipment early because of a deadline is a swap. */
            c->swap += deploy_core_swap_cost(p, active, o, k);
        }
        c->swap += management_cost(p, o, res);
        c->stranded = stranded(p, o, res);
        measure_units(p, active, o, res, c);
        measure_money(p, o, res, c);
        double share = subs > 0 ? weight(p, o) / subs : 0;
        for (int t = 0; t < p->nyears; t++) {
            double df = deploy_discount(p->discount_rate, t);
            c->mitigation += df * share * mitigation_fixed(p, active, t);
            c->penalty += df * p->penalty_pop_year * pop * res->short_year[o][t];
            for (int r = 0; r < p->nregions; r++)
                c->margin += df *
                             (p->margin_user_year + p->quality_user_year[o]) *
                             p->users[o][r] * res->coverage[o][r][t];
        }
        res->shortfall[o] = shortfall(p, res, o);
        res->state_outlay_npv += c->subsidy;
    }
    measure_licences(p, res);
}

/* Late equipment by year and its mean lateness: for each radio (o, r, v)
 * and non-radio (o, k, v) stock, the earliest deadline d targeting it;
 * the stock at the end of each year from d on is late, and the units held
 * when year d began (the stock at the end of d - 1, or the installed base
 * when d = 0) are the ones the deadline covers. */
static void measure_late(const deploy_problem *p, uint32_t active,
                         deploy_result *res)
{
    double late_years = 0, covered = 0;
    memset(res->removal_late_sites, 0, sizeof res->removal_late_sites);
    for (int o = 0; o < p->noperators; o++) {
        for (int r = 0; r < p->nregions; r++)
            for (int v = 0; v < p->nvendors; v++) {
                int d = deploy_deadline_t(p, active, r, v);
                if (d < 0) continue;
                covered += d == 0 ? p->legacy[o][r][v]
                                  : res->stock_legacy[o][r][v][d - 1] +
                                        res->stock_5g[o][r][v][d - 1];
                for (int t = d; t < p->nyears; t++) {
                    double n = res->stock_legacy[o][r][v][t] +
                               res->stock_5g[o][r][v][t];
                    res->removal_late_sites[t] += n;
                    late_years += n;
                }
            }
        for (int k = 0; k < DEPLOY_K; k++)
            for (int v = 0; v < p->nvendors; v++) {
                int d = deploy_unit_deadline_t(p, active, o, k, v);
                if (d < 0) continue;
                covered += d == 0 ? p->units[o][k][v]
                                  : res->unit_stock[o][k][v][d - 1];
                for (int t = d; t < p->nyears; t++) {
                    res->removal_late_sites[t] += res->unit_stock[o][k][v][t];
                    late_years += res->unit_stock[o][k][v][t];
                }
            }
    }
    res->removal_delay_months = covered > 0 ? 12.0 * late_years / covered : NAN;
}

static void measure(const deploy_problem *p, uint32_t active,
                    deploy_result *res)
{
    measure_coverage(p, res);
    measure_core(p, active, res);
    measure_risk(p, active, res);
    measure_costs(p, active, res);
    measure_late(p, active, res);
}

err_code deploy_solve_active(const deploy_problem *p, uint32_t active,
                             deploy_result *res, err_t *e)
{
    deploy_problem_check(p);
    res->culprits = 0;
    res->status = deploy_glp_solve(p, active, res);
    switch (res->status) {
    case DEPLOY_OPTIMAL:
    case DEPLOY_LIMIT:
        measure(p, active, res);
        return ERR_OK;
    case DEPLOY_INFEASIBLE:
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "no rollout plan satisfies the policy's instruments");
        return err_set(e, ERR_INFEASIBLE, "%s", res->diagnosis);
    case DEPLOY_INVALID:
        return err_set(e, ERR_SCENARIO, "%s", res->diagnosis);
    case DEPLOY_INTERRUPTED:
        return err_set(e, ERR_INTERRUPTED, "%s", res->diagnosis);
    case DEPLOY_FAILED:
    case DEPLOY_LIMIT_NOPLAN:
        break;
    }
    return err_set(e, ERR_SOLVER, "%s", res->diagnosis);
}

/* Append "; label" of every instrument in `mask` to buf. */
static void list_labels(const deploy_problem *p, uint32_t mask, char *buf,
                        size_t len)
{
    size_t n = strlen(buf);
    for (int i = 0; i < p->ninstr && n < len; i++) {
        if (!(mask >> i & 1u)) continue;
        int w = snprintf(buf + n, len - n, "%s'%s'", n > 0 ? "; " : "",
                         p->instr[i].label);
        if (w < 0) break;
        n += (size_t)w;
    }
}

/* Hard licence obligations of the program. */
static int hard_licences(const deploy_problem *p)
{
    int n = 0;
    for (int j = 0; j < p->nlicence; j++) n += p->licence[j].hard;
    return n;
}

/* The program with every instrument is infeasible: find out why. */
static err_code diagnose(const deploy_problem *p, deploy_result *res, err_t *e)
{
    uint32_t all = deploy_all_instr(p), culprits = 0, suspects = 0;
    for (int i = 0; i < p->ninstr; i++) {
        /* Mitigation and management rules only cost money, outside the
         * budget rows, and subsidies only add money: they never make a
         * program infeasible. */
        if (p->instr[i].kind == DEPLOY_MITIGATION ||
            p->instr[i].kind == DEPLOY_MANAGEMENT ||
            p->instr[i].kind == DEPLOY_SUBSIDY)
            continue;
        suspects |= 1u << i;
        deploy_status st = deploy_glp_solve(p, all & ~(1u << i), res);
        if (st == DEPLOY_FAILED || st == DEPLOY_INVALID ||
            st == DEPLOY_INTERRUPTED || st == DEPLOY_LIMIT_NOPLAN) {
            res->status = st;
            return err_set(e, st == DEPLOY_INVALID       ? ERR_SCENARIO
                              : st == DEPLOY_INTERRUPTED ? ERR_INTERRUPTED
                                                         : ERR_SOLVER,
                           "%s", res->diagnosis);
        }
        if (st != DEPLOY_INFEASIBLE) culprits |= 1u << i;
    }
    char names[SPECSIM_ERRMSG_MAX / 2] = "";
    res->status = DEPLOY_INFEASIBLE;
    if (culprits != 0) {
        list_labels(p, culprits, names, sizeof names);
        res->culprits = culprits;
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "infeasible: %s cannot be met within the capex budgets and "
                 "vendor delivery capacity (feasible without %s)",
                 names, culprits & (culprits - 1) ? "any one of them" : "it");
    } else if (hard_licences(p) > 0) {
        /* Hard licence obligations are not instruments: they stay in
         * every re-solve, so they may be what no plan can meet. */
        list_labels(p, suspects, names, sizeof names);
        res->culprits = suspects;
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "infeasible: the %d hard licence obligation(s) of the "
                 "auction's winners cannot be met within the capex budgets "
                 "and vendor delivery capacity%s%s%s",
                 hard_licences(p), names[0] ? " together with the "
                 "instruments " : "", names,
                 names[0] ? " (relaxing any single instrument is not "
                            "enough)" : "");
    } else {
        list_labels(p, suspects, names, sizeof names);
        res->culprits = suspects;
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "infeasible: the instruments %s cannot all be met together "
                 "within the capex budgets and vendor delivery capacity; "
                 "relaxing any single one of them is not enough", names);
    }
    return err_set(e, ERR_INFEASIBLE, "%s", res->diagnosis);
}

err_code deploy_solve(const deploy_problem *p, deploy_result *res, err_t *e)
{
    err_code rc = deploy_solve_active(p, deploy_all_instr(p), res, e);
    if (rc != ERR_INFEASIBLE) return rc;
    return diagnose(p, res, e);
}

double deploy_target_year(const double *path, int nyears, int year_first,
                          double target)
{
    double prev = 0.0;
    for (int t = 0; t < nyears; t++) {
        if (path[t] >= target) {
            double frac = path[t] > prev ? (target - prev) / (path[t] - prev) : 1.0;
            return (double)(year_first + t) + frac;
        }
        prev = path[t];
    }
    return NAN;
}

void deploy_site_costs(const deploy_problem *p, int o, double *upgrade,
                       double *newsite, double *per_year)
{
    (void)o; /* costs are the market's; kept per operator for the caller */
    uint32_t all = deploy_all_instr(p);
    double annuity = deploy_discount_tail(p, 0), best = INFINITY;
    *upgrade = *newsite = *per_year = 0;
    for (int v = 0; v < p->nvendors; v++) {
        int t0 = -1;
        for (int t = 0; t < p->nyears && t0 < 0; t++)
            for (int r = 0; r < p->nregions; r++)
                if (deploy_buy_ok(p, all, r, v, t) && deploy_hold_ok(p, all, r, v, t)) {
                    t0 = t;
                    break;
                }
        if (t0 < 0) continue;
        double year = p->opex_site_year[v] + deploy_mitigation_site(p, all, 0, v, t0);
        double total = p->ran_upgrade[v] + annuity * year;
        if (total < best) {
            best = total;
            *upgrade = p->ran_upgrade[v];
            *newsite = p->ran_new[v] + annuity * p->new_site_opex_year;
            *per_year = year;
        }
    }
}

/* Is vendor v's installed base in region r due for removal by an
 * exclusion's deadline, hard or soft, at or before year index t (t >=
 * nyears - 1: at any time in the horizon)? A soft deadline is priced as
 * met: the value model reads what compliance costs. */
static bool removed_by(const deploy_problem *p, uint32_t active, int r, int v,
                       int t)
{
    int d = deploy_deadline_t(p, active, r, v);
    return d >= 0 && d <= t;
}

/* Management systems rule i forces operator o to replace: each targeted
 * vendor whose installed sites no exclusion removes by the deadline, at
 * most the cost of swapping those sites instead. */
static double forced_management(const deploy_problem *p, uint32_t active,
                                int o, int i, double per_site)
{
    const deploy_instr *in = &p->instr[i];
    double cost = 0;
    if (in->removal_t >= p->nyears) return 0.0;
    for (int v = 0; v < p->nvendors; v++) {
        if (!(in->vendors >> v & 1u)) continue;
        double kept = 0;
        for (int r = 0; r < p->nregions; r++)
            if ((in->regions >> r & 1u) &&
                !removed_by(p, active, r, v, in->removal_t))
                kept += p->legacy[o][r][v];
        if (kept > 0) cost += fmin(p->management_swap[v], kept * per_site);
    }
    return cost;
}

double deploy_forced_swaps(const deploy_problem *p, int o)
{
    uint32_t all = deploy_all_instr(p);
    double sites = 0, other = 0;
    for (int r = 0; r < p->nregions; r++)
        for (int v = 0; v < p->nvendors; v++) {
            if (p->legacy[o][r][v] <= 0 || !removed_by(p, all, r, v, p->nyears))
                continue;
            /* With equipment age, only the sites whose life has not ended
             * by the deadline year (refreshed by then, in it included) are
             * removed early, each writing off its remaining book value. */
            int d = deploy_deadline_t(p, all, r, v);
            double due = deploy_due(p, o, r, v, d);
            sites += p->legacy[o][r][v] - due;
            for (int e = d; p->life > 0 && e < d + 4 * DEPLOY_T; e++)
                other += deploy_depreciation(p, v) * (double)(e - d) *
                         (deploy_due(p, o, r, v, e) -
                          (e > 0 ? deploy_due(p, o, r, v, e - 1) : 0.0));
        }
    for (int k = 0; k < DEPLOY_K; k++)
        for (int v = 0; v < p->nvendors; v++)
            if (p->units[o][k][v] > 0 &&
                deploy_unit_deadline_t(p, all, o, k, v) >= 0)
                other += p->units[o][k][v] * p->unit_swap[k];
    /* The incumbent core kept until a deadline, then replaced in full. */
    int k = p->core_vendor[o];
    if (k >= 0 && deploy_core_ok(p, all, o, k) &&
        deploy_core_swap_t(p, all, o, k) >= 0)
        other += p->core_cost[deploy_core_replacement(p, all, o)];
    for (int i = 0; i < p->ninstr; i++)
        if (p->instr[i].kind == DEPLOY_MANAGEMENT)
            other += forced_management(p, all, o, i, p->swap_site);
    return sites * p->swap_site + other;
}

void deploy_coverage_path(const deploy_problem *p, const deploy_result *res,
                          uint32_t regions, double path[DEPLOY_T])
{
    SPECSIM_ASSERT((regions & all_regions(p)) != 0);
    for (int t = 0; t < p->nyears; t++)
        path[t] = coverage_regions(p, res, regions, t);
}

void deploy_operator_coverage_path(const deploy_problem *p,
                                   const deploy_result *res, int o,
                                   double path[DEPLOY_T])
{
    SPECSIM_ASSERT(o >= 0 && o < p->noperators);
    for (int t = 0; t < p->nyears; t++)
        path[t] = coverage_market(p, res, o, t);
}

void deploy_hrv_share_path(const deploy_problem *p, const deploy_result *res,
                           uint32_t regions, double path[DEPLOY_T])
{
    SPECSIM_ASSERT((regions & all_regions(p)) != 0);
    for (int t = 0; t < p->nyears; t++) {
        double sites[DEPLOY_V], total, hrv;
        sites_by_vendor(p, res, regions, t, sites, &total, &hrv);
        path[t] = total > 0 ? hrv / total : 0;
    }
}

double deploy_sites_bought(const deploy_problem *p, const deploy_result *res,
                           int v, int t)
{
    SPECSIM_ASSERT(v >= 0 && v < p->nvendors && t >= 0 && t < p->nyears);
    double n = 0;
    for (int o = 0; o < p->noperators; o++)
        for (int r = 0; r < p->nregions; r++)
            n += res->upgraded[o][r][v][t] + res->built[o][r][v][t];
    return n;
}

const char *deploy_status_name(deploy_status s)
{
    switch (s) {
    case DEPLOY_OPTIMAL: return "optimal";
    case DEPLOY_LIMIT: return "node_limit";
    case DEPLOY_INFEASIBLE: return "infeasible";
    case DEPLOY_FAILED: return "failed";
    case DEPLOY_INVALID: return "invalid";
    case DEPLOY_INTERRUPTED: return "interrupted";
    case DEPLOY_LIMIT_NOPLAN: return "node_limit_no_plan";
    }
    return "unknown";
}
