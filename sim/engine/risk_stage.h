/* risk_stage.h — the security risk of one replication's plans in money
 * (docs/model.md §8): from a scenario's risk section and toolbox measures
 * to the risk metrics of a rep_record.
 *
 * DESIGN — the engine calls risk_stage_policy after recording a policy's
 * plan, and risk_stage_deltas once every policy of the replication is
 * recorded (the avoided loss and the net benefit are paired with baseline
 * in the same replication, like the delays). The losses themselves are
 * models/risk.c's; this file reads the scenario and the draws. Nothing
 * here draws a random number: the risk inputs are drawn with every other
 * input (draw.h), after all the others, so that a scenario without a risk
 * section draws exactly what it drew before.
 */
#ifndef SPECSIM_RISK_STAGE_H
#define SPECSIM_RISK_STAGE_H

#include "deploy.h"
#include "metrics.h"
#include "risk.h"
#include "scn.h"

/* Fill *rp for policy `pol` of scenario s (with a risk section) given the
 * replication's draws and the policy's solved plan (p, res). */
void risk_stage_problem(const scn *s, const double *draws, int pol,
                        const deploy_problem *p, const deploy_result *res,
                        risk_problem *rp);

/* The one-off costs of policy pol's toolbox measures, discounted, into
 * its cost metrics (mitigation, total, operator NPV; by operator too): a
 * national one-off cost shared by subscribers as a fixed mitigation cost
 * is, a per-operator one by each operator serving the measure's regions.
 * Adds nothing when the policy has no one-off cost. */
void risk_stage_once_costs(const scn *s, const double *draws, int pol,
                           const deploy_problem *p, rep_record *r);

/* Policy pol's incident losses into r (scenario with a risk section). Until
 * risk_stage_deltas runs, r->scalar[pol][M_NB_SLOPE] holds the policy's
 * hostile loss per unit of hostile probability. */
void risk_stage_policy(const scn *s, const double *draws, int pol,
                       const deploy_problem *p, const deploy_result *res,
                       rep_record *r);

/* The deltas against baseline (avoided loss, net benefit and its parts,
 * break-even probability and impact) of every policy of the replication,
 * given its draws; baseline's are NaN. A policy without a plan here (or
 * baseline without one) gets NaN. */
void risk_stage_deltas(const scn *s, const double *draws, rep_record *r);

#endif
