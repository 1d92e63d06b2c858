/* risk.h — the security risk in money: the expected loss from incidents
 * under one rollout plan, and a policy's net benefit against baseline.
 *
 * DESIGN — two kinds of incident (docs/model.md §8). A hostile incident
 * (espionage, sabotage, coerced disruption) happens at an annual rate
 * proportional to the plan's risk exposure: each vendor's risk score times
 * its share of the network, access and core weighted as in the
 * risk_exposure index; it costs a national outage of some days plus an
 * optional fixed national-security loss. A vendor-wide failure (a faulty
 * update, an expired certificate) of vendor v happens at v's own annual
 * rate and takes down every user whose service depends on v's equipment
 * (their operator's core, or the access network that serves them) for
 * some days. The toolbox measures in force scale each vendor's rate and
 * impact by (1 - reduction). The caller fills a `risk_problem` with plain
 * numbers (risk_from_plan derives the shares from a solved plan);
 * risk_evaluate gives the discounted expected losses. The hostile loss is
 * linear in the hostile rate, so a policy's net benefit is too, and its
 * break-even rate has a closed form (risk_benefit_compute).
 */
#ifndef SPECSIM_RISK_H
#define SPECSIM_RISK_H

#include "deploy.h"

#define RISK_V SPECSIM_VENDORS_MAX
#define RISK_T SPECSIM_YEARS_MAX

typedef struct {
    int nvendors, nyears;
    double discount_rate;
    double outage_user_day;        /* currency per user and day */
    double hostile_probability;    /* a year, at exposure 1 */
    double hostile_days;           /* national outage days */
    double security_loss;          /* currency per hostile incident */
    double failure_probability[RISK_V]; /* a year, by vendor */
    double failure_days;           /* outage days of a vendor's users */
    double users;                  /* every mobile user */
    /* From the plan, by vendor and year index: risk score x ((1 - w) x
     * share of sites + w x share of users whose core it is), and the users
     * whose service depends on its equipment. */
    double exposure[RISK_V][RISK_T];
    double users_on[RISK_V][RISK_T];
    /* Products of (1 - reduction) over the measures in force, by vendor
     * and year index: hostile probability and impact, failure probability
     * and impact. 1 when no measure applies. */
    double keep_hp[RISK_V][RISK_T], keep_hi[RISK_V][RISK_T];
    double keep_fp[RISK_V][RISK_T], keep_fi[RISK_V][RISK_T];
} risk_problem;

typedef struct {
    double hostile_unit_npv; /* hostile loss per unit of hostile_probability */
    double hostile_npv;      /* hostile loss, security loss included */
    double security_npv;     /* the security-loss part of it */
    double failure_npv;      /* vendor-wide failures */
    double total_npv;        /* hostile + failure */
} risk_result;

/* Set every keep factor of `rp` to 1 (no measure). */
void risk_keep_none(risk_problem *rp);

/* Fill rp->exposure and rp->users_on from the solved plan `res` of `p`
 * (RAN sites legacy and 5G by vendor, the core in place each year), with
 * `users_per_person` mobile users per inhabitant. The exposure weights
 * sites and cores as deploy's risk_exposure does (p->risk_score,
 * p->risk_core_weight), without any reduction, except that a site whose
 * vendor's network-management system its operator has replaced (a
 * management-scope exclusion, from its deadline) keeps only
 * 1 - `management_share` of its exposure. */
void risk_from_plan(const deploy_problem *p, const deploy_result *res,
                    double users_per_person, double management_share,
                    risk_problem *rp);

/* The discounted expected losses of `rp`: year index t counts
 * deploy_discount(rate, t). */
void risk_evaluate(const risk_problem *rp, risk_result *out);

/* A policy's money balance against baseline in one replication. */
typedef struct {
    double avoided;      /* baseline's total loss minus the policy's */
    double extra_cost;   /* the policy's cost minus baseline's */
    double margin_lost;  /* baseline's margin minus the policy's */
    double revenue_lost; /* baseline's auction revenue minus the policy's */
    double net;          /* avoided - extra_cost - margin_lost -
                            revenue_lost */
    double slope;        /* d net / d hostile probability */
    double no_hostile;   /* net at hostile probability 0 */
    double break_even;   /* hostile probability where net = 0: 0 when the
                            policy pays at any; NaN when slope <= 0 */
    double positive;     /* 1 when net > 0, else 0 */
} risk_benefit;

/* Net benefit of a policy (result `pol`) against baseline (`base`, both
 * evaluated at the drawn hostile probability), given the other three
 * deltas. */
void risk_benefit_compute(const risk_result *base, const risk_result *pol,
                          double extra_cost,
                          double margin_lost, double revenue_lost,
                          risk_benefit *b);

#endif
