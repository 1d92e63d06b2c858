/* deploy_internal.h — shared between deploy.c and deploy_glp.c only. */
#ifndef SPECSIM_DEPLOY_INTERNAL_H
#define SPECSIM_DEPLOY_INTERNAL_H

#include "deploy.h"

/* Every instrument of p active: bits 0..ninstr-1. */
uint32_t deploy_all_instr(const deploy_problem *p);

/* Solve with the given active instruments; fills the plan on success. */
deploy_status deploy_glp_solve(const deploy_problem *p, uint32_t active,
                               deploy_result *res);

/* What the active instruments allow (see deploy_glp.c). */
bool deploy_buy_ok(const deploy_problem *p, uint32_t active, int r, int v,
                   int t);
/* May radio equipment of vendor v stay in region r at the end of year t?
 * Not past a hard deadline, nor past a soft one that nothing could meet
 * (no vendor may ever replace it there). */
bool deploy_hold_ok(const deploy_problem *p, uint32_t active, int r, int v,
                    int t);
/* May a swapped legacy site in region r be re-equipped like for like with
 * vendor w in year t? Not when an active exclusion targets w there with
 * its purchase stop or a removal deadline in force. */
bool deploy_swapin_ok(const deploy_problem *p, uint32_t active, int r, int w,
                      int t);
/* Penalty per site and year of vendor v's equipment in region r held at
 * the end of year t past active soft deadlines (summed over them). */
double deploy_late_penalty(const deploy_problem *p, uint32_t active, int r,
                           int v, int t);
/* Earliest active removal deadline (hard or soft) targeting vendor v in
 * region r, clamped at 0, or -1 when none falls within the horizon. */
int deploy_deadline_t(const deploy_problem *p, uint32_t active, int r, int v);
/* The same three for operator o's non-radio units of kind k. */
bool deploy_unit_hold_ok(const deploy_problem *p, uint32_t active, int o,
                         int k, int v, int t);
double deploy_unit_late_penalty(const deploy_problem *p, uint32_t active,
                                int o, int k, int v, int t);
int deploy_unit_deadline_t(const deploy_problem *p, uint32_t active, int o,
                           int k, int v);
/* Is instrument i an active subsidy paying operator o in year t? */
bool deploy_subsidy_on(const deploy_problem *p, uint32_t active, int i, int o,
                       int t);
/* May operator o buy core vendor v in year index 0? Not when an active
 * core exclusion covering o targets v from year index 0 or earlier, nor
 * when a core deadline would have to replace v and no vendor is
 * admissible as the replacement. */
bool deploy_core_ok(const deploy_problem *p, uint32_t active, int o, int v);
/* Year index by which a core of vendor v bought in year 0 must be replaced
 * (the earliest removal year, within the horizon, of the active core
 * exclusions covering o and targeting v), or -1. */
int deploy_core_swap_t(const deploy_problem *p, uint32_t active, int o,
                       int v);
/* The replacement core of operator o: the cheapest vendor that no active
 * core exclusion covering o targets (lowest index among equals), or -1. */
int deploy_core_replacement(const deploy_problem *p, uint32_t active, int o);
/* Discounted cost of the deadline replacement of operator o's core when
 * it bought vendor v in year 0: the replacement's full core cost at the
 * swap year; 0 when no deadline applies. */
double deploy_core_swap_cost(const deploy_problem *p, uint32_t active, int o,
                             int v);
/* Population of the regions operator o serves. */
double deploy_market_population(const deploy_problem *p, int o);
double deploy_mitigation_site(const deploy_problem *p, uint32_t active,
                              int r, int v, int t);
int deploy_integration_t(const deploy_problem *p, int v);
/* Sum of discount factors from year t to the end of the horizon. */
double deploy_discount_tail(const deploy_problem *p, int t);
/* Legacy sites of operator o in region r, all vendors: a bound on any
 * vendor's legacy stock once swaps re-equip like for like. */
double deploy_legacy_total(const deploy_problem *p, int o, int r);
double deploy_stock_max(const deploy_problem *p, int o, int r);

/* What vendor v's radio costs above the cheapest vendor's
 * (ran_upgrade): the premium of a like-for-like re-equipped legacy site. */
double deploy_radio_premium(const deploy_problem *p, int v);

#endif
