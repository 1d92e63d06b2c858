/* deploy_internal.h — shared between deploy.c and deploy_glp.c only. */
#ifndef SPECSIM_DEPLOY_INTERNAL_H
#define SPECSIM_DEPLOY_INTERNAL_H

#include "deploy.h"

/* Solve with the given active instruments; fills the plan on success. */
deploy_status deploy_glp_solve(const deploy_problem *p, uint32_t active,
                               deploy_result *res);

/* What the active instruments allow (see deploy_glp.c). */
bool deploy_buy_ok(const deploy_problem *p, uint32_t active, int r, int v,
                   int t);
bool deploy_hold_ok(const deploy_problem *p, uint32_t active, int r, int v,
                    int t);
bool deploy_core_ok(const deploy_problem *p, uint32_t active, int o, int v);
/* Population of the regions operator o serves. */
double deploy_market_population(const deploy_problem *p, int o);
double deploy_mitigation_site(const deploy_problem *p, uint32_t active,
                              int r, int v, int t);
int deploy_integration_t(const deploy_problem *p, int v);
/* Sum of discount factors from year t to the end of the horizon. */
double deploy_discount_tail(const deploy_problem *p, int t);
double deploy_stock_max(const deploy_problem *p, int o, int r);

#endif
