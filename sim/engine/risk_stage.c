/* risk_stage.c — the risk metrics of a replication (risk_stage.h). */
#include "risk_stage.h"

#include <math.h>
#include <string.h>

#define V(num) scn_num_value((num), draws)

/* The keep factors of policy pol's instruments: mitigation lowers the
 * hostile probability through its targeted vendors (its risk_reduction,
 * as in the risk_exposure index); a measure each of its four effects. */
static void keep_factors(const scn *s, const double *draws, int pol,
                         risk_problem *rp)
{
    risk_keep_none(rp);
    const scn_policy *pl = &s->policies[pol];
    for (int i = 0; i < pl->ninstruments; i++) {
        const scn_instrument *in = &pl->instruments[i];
        if (in->kind != INSTR_MITIGATION && in->kind != INSTR_MEASURE)
            continue;
        bool m = in->kind == INSTR_MEASURE;
        double hp = m ? V(in->hostile_probability_reduction)
                      : V(in->risk_reduction);
        double hi = m ? V(in->hostile_impact_reduction) : 0;
        double fp = m ? V(in->failure_probability_reduction) : 0;
        double fi = m ? V(in->failure_impact_reduction) : 0;
        int from_t = in->from_year - s->year_first;
        for (int v = 0; v < s->nvendors; v++) {
            if (!(in->vendors >> v & 1u)) continue;
            for (int t = from_t < 0 ? 0 : from_t; t < rp->nyears; t++) {
                rp->keep_hp[v][t] *= 1.0 - hp;
                rp->keep_hi[v][t] *= 1.0 - hi;
                rp->keep_fp[v][t] *= 1.0 - fp;
                rp->keep_fi[v][t] *= 1.0 - fi;
            }
        }
    }
}

void risk_stage_problem(const scn *s, const double *draws, int pol,
                        const deploy_problem *p, const deploy_result *res,
                        risk_problem *rp)
{
    const scn_risk *k = &s->risk;
    SPECSIM_ASSERT(k->enabled);
    risk_from_plan(p, res, V(s->market.users_share), V(k->management_share),
                   rp);
    rp->outage_user_day = V(k->outage_eur_user_day);
    rp->hostile_probability = V(k->hostile_probability_year);
    rp->hostile_days = V(k->hostile_outage_days);
    rp->security_loss = V(k->security_loss_eur);
    rp->failure_days = V(k->failure_outage_days);
    for (int v = 0; v < s->nvendors; v++)
        rp->failure_probability[v] = V(k->failure_probability_year[v]);
    keep_factors(s, draws, pol, rp);
}

/* Every mobile user: users a person times the population of the regions
 * each operator serves times its subscriber share (as risk_from_plan). */
static double risk_users(const scn *s, const double *draws)
{
    double u = 0;
    for (int o = 0; o < s->noperators; o++)
        for (int r = 0; r < s->nregions; r++)
            if (s->operators[o].market >> r & 1u)
                u += V(s->market.users_share) * V(s->regions[r].population) *
                     V(s->operators[o].subscriber_share);
    return u;
}

/* An operator's weight in national shares: its subscribers. */
static double op_weight(const deploy_problem *p, int o)
{
    double pop = 0;
    for (int r = 0; r < p->nregions; r++)
        if (p->market[o] >> r & 1u) pop += p->population[r];
    return p->subscriber_share[o] * pop;
}

void risk_stage_once_costs(const scn *s, const double *draws, int pol,
                           const deploy_problem *p, rep_record *r)
{
    double add[O_MAX] = {0}, subs = 0;
    bool any = false;
    for (int o = 0; o < s->noperators; o++) subs += op_weight(p, o);
    const scn_policy *pl = &s->policies[pol];
    for (int i = 0; i < pl->ninstruments; i++) {
        const scn_instrument *in = &pl->instruments[i];
        if (in->kind != INSTR_MEASURE) continue;
        double nat = V(in->cost_once_eur), per_op = V(in->cost_operator_once_eur);
        if (nat == 0 && per_op == 0) continue;
        any = true;
        double df = deploy_discount(p->discount_rate,
                                    in->from_year - s->year_first);
        for (int o = 0; o < s->noperators; o++) {
            if (subs > 0) add[o] += df * nat * op_weight(p, o) / subs;
            if (s->operators[o].market & in->regions) add[o] += df * per_op;
        }
    }
    if (!any) return;
    for (int o = 0; o < s->noperators; o++) {
        r->oper[pol][o][MO_MITIGATION] += add[o];
        r->oper[pol][o][MO_TOTAL] += add[o];
        r->scalar[pol][M_COST_MITIGATION] += add[o];
        r->scalar[pol][M_COST_TOTAL] += add[o];
        r->scalar[pol][M_OPERATOR_NPV] -= add[o];
    }
}

/* Every risk metric of policy pol NaN: the scenario has no risk section
 * (the metrics are not reported, but the record is all defined). */
static void risk_none(rep_record *r, int pol)
{
    for (int m = 0; m < M_SCALAR_COUNT; m++)
        if (metric_scalar_info[m].risk) r->scalar[pol][m] = NAN;
}

void risk_stage_policy(const scn *s, const double *draws, int pol,
                       const deploy_problem *p, const deploy_result *res,
                       rep_record *r)
{
    if (!s->risk.enabled) {
        risk_none(r, pol);
        return;
    }
    risk_problem rp;
    risk_result out;
    risk_stage_problem(s, draws, pol, p, res, &rp);
    risk_evaluate(&rp, &out);
    double *m = r->scalar[pol];
    m[M_INCIDENT_LOSS] = out.total_npv;
    m[M_INCIDENT_HOSTILE] = out.hostile_npv;
    m[M_INCIDENT_FAILURE] = out.failure_npv;
    m[M_SECURITY_LOSS] = out.security_npv;
    m[M_NB_SLOPE] = out.hostile_unit_npv;
}

/* A policy's loss side as risk_evaluate gave it, back from the record. */
static risk_result recorded(const rep_record *r, int pol)
{
    const double *m = r->scalar[pol];
    return (risk_result){.hostile_unit_npv = m[M_NB_SLOPE],
                         .hostile_npv = m[M_INCIDENT_HOSTILE],
                         .security_npv = m[M_SECURITY_LOSS],
                         .failure_npv = m[M_INCIDENT_FAILURE],
                         .total_npv = m[M_INCIDENT_LOSS]};
}

/* What society pays for a plan: the operators' cost and the state's
 * subsidies (penalties are transfers to the state, not costs). */
static double social_cost(const double *m)
{
    return m[M_COST_TOTAL] + m[M_STATE_OUTLAY];
}

/* The impact I at which net = 0, at the drawn probability P and impact
 * I_d: the hostile loss avoided is P x (the discounted exposure avoided)
 * x I, and the slope is that per unit of P at I_d, so net(I) = B + P slope
 * I / I_d and I* = -B I_d / (P slope) = (P* / P) I_d. 0 when the policy
 * pays at any impact; NaN when it avoids no hostile exposure or P is 0. */
static double break_even_impact(const risk_benefit *nb, double p,
                                double impact)
{
    if (!(nb->slope > 0) || !(impact > 0) || !(p > 0)) return NAN;
    return fmax(0.0, -nb->no_hostile / (p * nb->slope) * impact);
}

void risk_stage_deltas(const scn *s, const double *draws, rep_record *r)
{
    if (!s->risk.enabled) {
        for (int pol = 0; pol < s->npolicies; pol++) risk_none(r, pol);
        return;
    }
    risk_result base = recorded(r, 0);
    const double *b = r->scalar[0];
    const scn_risk *k = &s->risk;
    double p_hostile = V(k->hostile_probability_year);
    double impact = V(k->hostile_outage_days) * V(k->outage_eur_user_day) *
                        risk_users(s, draws) +
                    V(k->security_loss_eur);
    for (int pol = s->npolicies - 1; pol >= 0; pol--) {
        double *m = r->scalar[pol];
        risk_benefit nb;
        risk_result here = recorded(r, pol);
        /* The state's spectrum revenue as an NPV on the licences' payment
         * schedule (spectrum_payment_npv), like every other part; without
         * an auction nothing is lost. */
        double revenue_lost = s->auction.enabled
                                  ? b[M_SPECTRUM_PAYMENT] - m[M_SPECTRUM_PAYMENT]
                                  : 0.0;
        risk_benefit_compute(&base, &here, social_cost(m) - social_cost(b),
                             b[M_MARGIN] - m[M_MARGIN], revenue_lost, &nb);
        bool none = pol == 0;
        m[M_AVOIDED_LOSS] = none ? NAN : nb.avoided;
        m[M_NB_EXTRA_COST] = none ? NAN : nb.extra_cost;
        m[M_NB_MARGIN_LOST] = none ? NAN : nb.margin_lost;
        m[M_NB_REVENUE_LOST] = none ? NAN : nb.revenue_lost;
        m[M_NET_BENEFIT] = none ? NAN : nb.net;
        m[M_NET_POSITIVE] = none ? NAN : nb.positive;
        m[M_NB_SLOPE] = none ? NAN : nb.slope;
        m[M_NB_NO_HOSTILE] = none ? NAN : nb.no_hostile;
        m[M_BREAK_EVEN] = none || isnan(nb.net) ? NAN : nb.break_even;
        m[M_BREAK_EVEN_IMPACT] =
            none || isnan(nb.net) ? NAN : break_even_impact(&nb, p_hostile, impact);
    }
}
