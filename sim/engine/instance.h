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
} instance_spectrum;

/* The spectrum as the scenario states it, with no payments. */
void instance_spectrum_from_scenario(const scn *s, instance_spectrum *sp);

/* Fill *p for policy `policy` of scenario `s` with this replication's
 * draws and spectrum. */
void instance_build(const scn *s, const double *draws, int policy,
                    const instance_spectrum *sp, deploy_problem *p);

/* The `network` value model's numbers for operator o: holdings before the
 * auction from `sp`, costs of the policy from `p` (built by
 * instance_build for the same draws, policy and spectrum). */
void instance_value_operator(const scn *s, const double *draws,
                             const instance_spectrum *sp,
                             const deploy_problem *p, int o,
                             value_operator *vo);

/* Sites operator o needs in region r for full 5G service, and the coverage
 * and capacity requirements behind it (exposed for tests and docs). */
double instance_sites_coverage(const scn *s, const double *draws,
                               const instance_spectrum *sp, int o, int r);
double instance_sites_capacity(const scn *s, const double *draws,
                               const instance_spectrum *sp, int o, int r);

#endif
