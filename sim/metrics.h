/* metrics.h — what one replication measures, and the catalogue of metrics.
 *
 * DESIGN — a replication fills one `rep_record`: for every policy the
 * scalar metrics, the yearly paths and the per-operator cost components.
 * A metric that does not exist in that replication (the policy was
 * infeasible, the target was never reached) is NaN and is left out of that
 * metric's statistics; indicator metrics (infeasible_share, ...) count it.
 * The catalogue gives each metric its output name, unit and meaning, in
 * output order.
 */
#ifndef SPECSIM_METRICS_H
#define SPECSIM_METRICS_H

#include <stdbool.h>

#include "limits.h"

typedef enum {
    M_COST_TOTAL = 0,
    M_COST_CAPEX,
    M_COST_OPEX,
    M_COST_SWAP,
    M_COST_MITIGATION,
    M_PENALTY,
    M_MARGIN,
    M_OPERATOR_NPV,
    M_TARGET_YEAR,
    M_DELAY_MONTHS,
    M_TARGET_REACHED,
    M_SHORTFALL_MAX,
    M_INFEASIBLE,
    M_SOLVER_LIMIT,
    M_SOLVER_FAILED,
    M_SCALAR_COUNT
} metric_scalar;

typedef enum {
    MY_COVERAGE = 0,
    MY_HRV_SHARE,
    MY_RISK,
    M_YEARLY_COUNT
} metric_yearly;

typedef enum {
    MO_CAPEX = 0,
    MO_OPEX,
    MO_SWAP,
    MO_MITIGATION,
    MO_TOTAL,
    MO_PENALTY,
    MO_MARGIN,
    MO_SHORTFALL,
    M_OPERATOR_COUNT
} metric_operator;

typedef struct {
    const char *name;
    const char *unit;        /* "currency", "year", "months", "share", ... */
    const char *description;
    bool paired;             /* report the paired difference from baseline */
} metric_info;

extern const metric_info metric_scalar_info[M_SCALAR_COUNT];
extern const metric_info metric_yearly_info[M_YEARLY_COUNT];
extern const metric_info metric_operator_info[M_OPERATOR_COUNT];

#define P_MAX SPECSIM_POLICIES_MAX
#define T_MAX SPECSIM_YEARS_MAX
#define O_MAX SPECSIM_OPERATORS_MAX

typedef struct {
    long rep;
    double scalar[P_MAX][M_SCALAR_COUNT];
    double yearly[P_MAX][M_YEARLY_COUNT][T_MAX];
    double oper[P_MAX][O_MAX][M_OPERATOR_COUNT];
    int status[P_MAX];                       /* deploy_status */
    char diagnosis[P_MAX][SPECSIM_ERRMSG_MAX];
} rep_record;

#endif
