/* risk.c — expected incident losses and net benefit (risk.h,
 * docs/model.md §8). */
#include "risk.h"

#include <math.h>

#include "err.h"

void risk_keep_none(risk_problem *rp)
{
    for (int v = 0; v < RISK_V; v++)
        for (int t = 0; t < RISK_T; t++)
            rp->keep_hp[v][t] = rp->keep_hi[v][t] = rp->keep_fp[v][t] =
                rp->keep_fi[v][t] = 1.0;
}

/* Population of the regions operator o serves. */
static double market_population(const deploy_problem *p, int o)
{
    double pop = 0;
    for (int r = 0; r < p->nregions; r++)
        if (p->market[o] >> r & 1u) pop += p->population[r];
    return pop;
}

/* Sites (legacy and 5G) of vendor v of operator o in region r, year t. */
static double sites(const deploy_result *res, int o, int r, int v, int t)
{
    return res->stock_legacy[o][r][v][t] + res->stock_5g[o][r][v][t];
}

/* Has operator o replaced vendor v's network-management system for its
 * sites in region r by the end of year t (a management-scope exclusion
 * whose deadline has come)? */
static bool managed_away(const deploy_problem *p, const deploy_result *res,
                         int o, int r, int v, int t)
{
    for (int i = 0; i < p->ninstr; i++) {
        const deploy_instr *in = &p->instr[i];
        if (in->kind == DEPLOY_MANAGEMENT && t >= in->removal_t &&
            (in->regions >> r & 1u) && (res->management_swap[i][o] >> v & 1u))
            return true;
    }
    return false;
}

/* Exposure by vendor in year t: its national share of sites and of the
 * subscribers whose core it supplies, weighted as deploy's measure_risk
 * weights them (an operator's weight: its subscribers); a site managed by
 * another vendor's system counts 1 - mgmt of its vendor's exposure. */
static void exposure_year(const deploy_problem *p, const deploy_result *res,
                          double mgmt, int t, risk_problem *rp)
{
    double by_v[RISK_V] = {0}, total = 0, subs = 0;
    for (int o = 0; o < p->noperators; o++) {
        subs += p->subscriber_share[o] * market_population(p, o);
        for (int r = 0; r < p->nregions; r++)
            for (int v = 0; v < p->nvendors; v++) {
                double n = sites(res, o, r, v, t);
                by_v[v] += mgmt > 0 && managed_away(p, res, o, r, v, t)
                               ? (1.0 - mgmt) * n
                               : n;
                total += n;
            }
    }
    double w = p->risk_core_weight;
    for (int v = 0; v < p->nvendors; v++) {
        double core = 0;
        for (int o = 0; o < p->noperators; o++)
            if (res->core_year[o][t] == v && subs > 0)
                core += p->subscriber_share[o] * market_population(p, o) /
                        subs;
        double ran = total > 0 ? by_v[v] / total : 0;
        rp->exposure[v][t] = p->risk_score[v] * ((1.0 - w) * ran + w * core);
    }
}

/* Users depending on each vendor in year t: an operator's users in a
 * region are all out when its core's vendor fails, else in the share of
 * its sites there that the failing vendor supplies. */
static void users_year(const deploy_problem *p, const deploy_result *res,
                       double users_per_person, int t, risk_problem *rp)
{
    for (int v = 0; v < p->nvendors; v++) rp->users_on[v][t] = 0;
    for (int o = 0; o < p->noperators; o++)
        for (int r = 0; r < p->nregions; r++) {
            if (!(p->market[o] >> r & 1u)) continue;
            double u = users_per_person * p->subscriber_share[o] *
                       p->population[r];
            double total = 0;
            for (int v = 0; v < p->nvendors; v++)
                total += sites(res, o, r, v, t);
            for (int v = 0; v < p->nvendors; v++) {
                double share = res->core_year[o][t] == v ? 1.0
                               : total > 0 ? sites(res, o, r, v, t) / total
                                           : 0.0;
                rp->users_on[v][t] += u * share;
            }
        }
}

void risk_from_plan(const deploy_problem *p, const deploy_result *res,
                    double users_per_person, double management_share,
                    risk_problem *rp)
{
    SPECSIM_ASSERT(p->nvendors <= RISK_V && p->nyears <= RISK_T);
    rp->nvendors = p->nvendors;
    rp->nyears = p->nyears;
    rp->discount_rate = p->discount_rate;
    rp->users = 0;
    for (int o = 0; o < p->noperators; o++)
        rp->users +=
            users_per_person * p->subscriber_share[o] * market_population(p, o);
    for (int t = 0; t < p->nyears; t++) {
        exposure_year(p, res, management_share, t, rp);
        users_year(p, res, users_per_person, t, rp);
    }
}

void risk_evaluate(const risk_problem *rp, risk_result *out)
{
    double unit = 0, security_unit = 0, failure = 0;
    double outage = rp->hostile_days * rp->users * rp->outage_user_day;
    for (int t = 0; t < rp->nyears; t++) {
        double df = deploy_discount(rp->discount_rate, t), rate = 0;
        for (int v = 0; v < rp->nvendors; v++) {
            rate += rp->exposure[v][t] * rp->keep_hp[v][t] * rp->keep_hi[v][t];
            failure += df * rp->failure_probability[v] * rp->keep_fp[v][t] *
                       rp->failure_days * rp->keep_fi[v][t] *
                       rp->users_on[v][t] * rp->outage_user_day;
        }
        unit += df * rate * (outage + rp->security_loss);
        security_unit += df * rate * rp->security_loss;
    }
    out->hostile_unit_npv = unit;
    out->hostile_npv = rp->hostile_probability * unit;
    out->security_npv = rp->hostile_probability * security_unit;
    out->failure_npv = failure;
    out->total_npv = out->hostile_npv + out->failure_npv;
}

void risk_benefit_compute(const risk_result *base, const risk_result *pol,
                          double extra_cost,
                          double margin_lost, double revenue_lost,
                          risk_benefit *b)
{
    b->avoided = base->total_npv - pol->total_npv;
    b->extra_cost = extra_cost;
    b->margin_lost = margin_lost;
    b->revenue_lost = revenue_lost;
    b->net = b->avoided - extra_cost - margin_lost - revenue_lost;
    b->slope = base->hostile_unit_npv - pol->hostile_unit_npv;
    /* The failure part and the costs do not depend on the hostile rate:
     * net(P) = no_hostile + slope P. */
    b->no_hostile = (base->failure_npv - pol->failure_npv) - extra_cost -
                    margin_lost - revenue_lost;
    b->break_even = b->slope > 0 ? fmax(0.0, -b->no_hostile / b->slope) : NAN;
    b->positive = isnan(b->net) ? NAN : b->net > 0 ? 1.0 : 0.0;
}
