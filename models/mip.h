/* mip.h — branch and bound with a node limit, for the integer programs of
 * the models: the rollout (deploy_glp.c) and winner determination
 * (auction_lp.c).
 *
 * DESIGN — GLPK limits a search by time, never by nodes, and a time limit
 * would make results depend on the machine. A callback counts the nodes
 * of the search tree and stops the search once there are more than the
 * limit; glp_intopt then returns GLP_ESTOP and the caller decides what a
 * stopped search means for its model. Both programs count nodes through
 * this one function, so a limit means the same in both. Included only by
 * files that call GLPK.
 */
#ifndef SPECSIM_MIP_H
#define SPECSIM_MIP_H

#include <glpk.h>

/* glp_intopt(lp, parm) with at most node_limit (>= 1) branch-and-bound
 * nodes; parm's callback fields are taken. Returns glp_intopt's code
 * (GLP_ESTOP: stopped at the limit); *nodes receives the size of the
 * search tree and *seconds the time spent in GLPK. */
int mip_intopt(glp_prob *lp, glp_iocp *parm, long node_limit, long *nodes,
               double *seconds);

#endif
