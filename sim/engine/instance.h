/* instance.h — one replication's numbers for one policy.
 *
 * DESIGN — the bridge between the scenario (with its distributions) and the
 * models (plain numbers): given the replication's draws and a policy, it
 * fills a deploy_problem. Site requirements come from the spectrum each
 * operator holds, so the auction stage plugs in here by passing holdings
 * and payments that differ from the scenario's. Equations in docs/model.md.
 */
#ifndef SPECSIM_INSTANCE_H
#define SPECSIM_INSTANCE_H

#include "deploy.h"
#include "scn.h"
#include "value.h"

/* Spectrum each operator holds (MHz per band, per direction if paired) and
 * what it pays for it in each year of the horizon. */
typedef struct {
    double holdings_mhz[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
    double payment[SPECSIM_OPERATORS_MAX][SPECSIM_YEARS_MAX];
    /* lots won at this replication's auction (none without one): the
     * licence obligations of a band bind its winners */
    int won[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
} instance_spectrum;

/* The spectrum as the scenario states it, with no payments. */
void instance_spectrum_from_scenario(const scn *s, instance_spectrum *sp);

/* Are the numbers instance_build derives by division and multiplication
 * from this replication's draws and spectrum within the ranges the models
 * handle? ERR_OK, or ERR_SCENARIO with a message naming the scenario
 * fields, their values and the quantity they make out of range, e.g.
 * "regions[city].demand_mbps = 1e-310 makes operator alpha's capacity
 * site count in region city 8.02e-308, ...". Call it before
 * instance_build with the same arguments: instance_build asserts what
 * this checks. The limits are INSTANCE_SITES_MAX and
 * INSTANCE_HEADROOM_MAX below. */
err_code instance_check(const scn *s, const double *draws,
                        const instance_spectrum *sp, err_t *e);

/* Sites one operator may need in one region, from coverage or capacity:
 * a hundred times the largest national networks, so only a mistaken unit
 * or a degenerate value (a cell range of 1e-154 km) goes beyond it; the
 * program's coefficients stay within mip.h's magnitudes. */
#define INSTANCE_SITES_MAX 1e8
/* Largest ratio of coverage sites to capacity sites (2^40): the quality
 * premium counts the doublings between them, at most 40. A ratio beyond
 * this means a demand so small it is no demand (1e-310 Mbit/s). */
#define INSTANCE_HEADROOM_MAX 1099511627776.0

/* Fill *p for policy `policy` of scenario `s` with this replication's
 * draws and spectrum (checked with instance_check first). */
void instance_build(const scn *s, const double *draws, int policy,
                    const instance_spectrum *sp, deploy_problem *p);

/* The `network` value model's numbers for operator o: holdings before the
 * auction from `sp`, costs of the policy from `p` (built by
 * instance_build for the same draws, policy and spectrum). */
void instance_value_operator(const scn *s, const double *draws,
                             const instance_spectrum *sp,
                             const deploy_problem *p, int o,
                             value_operator *vo);

/* What operator o's spectrum costs it, as NPV at the discount rate of
 * `p` (built by instance_build for the same draws and spectrum): the
 * payments of `sp` (*payment_npv), and the cost of borrowing the part of
 * each year's payment above its capex budget (*financing_npv): that part
 * is borrowed at market.financing_rate over financing_term_years whether
 * the budget is soft or hard, the factor of deploy_financing_factor
 * (docs/model.md §4 and §7). The budget left to the rollout that year is
 * 0, as instance_build sets it. */
void instance_spectrum_npv(const scn *s, const double *draws,
                           const instance_spectrum *sp,
                           const deploy_problem *p, int o,
                           double *payment_npv, double *financing_npv);

/* Sites operator o needs in region r for full 5G service, and the coverage
 * and capacity requirements behind it (exposed for tests and docs). */
double instance_sites_coverage(const scn *s, const double *draws,
                               const instance_spectrum *sp, int o, int r);
double instance_sites_capacity(const scn *s, const double *draws,
                               const instance_spectrum *sp, int o, int r);

#endif
