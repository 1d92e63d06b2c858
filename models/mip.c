/* mip.c — branch and bound with a node limit (see mip.h). */
#include "mip.h"

#include "clock.h"
#include "err.h"

typedef struct {
    long node_limit;
    long nodes;
} node_count;

/* Stop the search once the tree has more than node_limit nodes: a limit
 * that does not depend on the clock, so results are reproducible. */
static void node_limit_cb(glp_tree *tree, void *info)
{
    node_count *nc = info;
    int a_cnt, n_cnt, t_cnt;
    glp_ios_tree_size(tree, &a_cnt, &n_cnt, &t_cnt);
    nc->nodes = t_cnt;
    if (t_cnt > nc->node_limit) glp_ios_terminate(tree);
}

int mip_intopt(glp_prob *lp, glp_iocp *parm, long node_limit, long *nodes,
               double *seconds)
{
    SPECSIM_ASSERT(lp != NULL && parm != NULL && node_limit >= 1);
    node_count nc = {node_limit, 0};
    parm->cb_func = node_limit_cb;
    parm->cb_info = &nc;
    double t0 = clock_seconds();
    int rc = glp_intopt(lp, parm);
    *seconds = clock_seconds() - t0;
    *nodes = nc.nodes;
    parm->cb_func = NULL;
    parm->cb_info = NULL;
    return rc;
}
