/* glpk_trial.c — solve an exported rollout program (specsim lp) with the
 * options specsim sets, optionally with a known plan handed to GLPK as its
 * first incumbent, or with the objective scaled; prints the CPU seconds,
 * the branch-and-bound nodes and the optimum (docs/performance.md, the
 * levers that were measured and not kept).
 *
 *   glpk_trial FILE.lp [--incumbent PLAN.mip] [--scale S]
 *
 * PLAN.mip is a MIP solution of the same program in GLPK's format
 * (glpsol --lp FILE.lp ... -w PLAN.mip). An incumbent needs the columns of
 * the program as given, so with --incumbent (and for the run it is
 * compared with, --no-presolve) GLPK's MIP presolver is off and the
 * program is scaled and its relaxation solved before the search, as the
 * presolver would; --scale S multiplies every objective coefficient by S
 * (the optimum printed is divided back). */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mip.h"

typedef struct {
    const double *plan; /* [1..ncols] or NULL */
    int given;          /* the plan was accepted */
    int nodes;          /* subproblems created so far */
} trial;

static void callback(glp_tree *tree, void *info)
{
    trial *t = info;
    int a, n, total;
    glp_ios_tree_size(tree, &a, &n, &total);
    if (total > t->nodes) t->nodes = total;
    if (glp_ios_reason(tree) == GLP_IHEUR && t->plan && !t->given)
        t->given = glp_ios_heur_sol(tree, t->plan) == 0;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int usage(void)
{
    fprintf(stderr, "usage: glpk_trial FILE.lp [--incumbent PLAN.mip] "
                    "[--no-presolve] [--scale S]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *file = NULL, *plan_file = NULL;
    double scale = 1.0;
    int presolve = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--incumbent") == 0 && i + 1 < argc) {
            plan_file = argv[++i];
            presolve = 0;
        } else if (strcmp(argv[i], "--no-presolve") == 0) {
            presolve = 0;
        } else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
            char *end;
            scale = strtod(argv[++i], &end);
            if (*end != '\0' || !(scale > 0)) return usage();
        } else if (file == NULL && argv[i][0] != '-') {
            file = argv[i];
        } else {
            return usage();
        }
    }
    if (file == NULL) return usage();
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    if (glp_read_lp(lp, NULL, file) != 0) {
        fprintf(stderr, "glpk_trial: cannot read %s\n", file);
        return 1;
    }
    int ncols = glp_get_num_cols(lp);
    for (int j = 0; j <= ncols; j++)
        glp_set_obj_coef(lp, j, scale * glp_get_obj_coef(lp, j));
    trial t = {0};
    double *plan = NULL;
    if (plan_file) {
        glp_prob *q = glp_create_prob();
        glp_read_lp(q, NULL, file);
        if (glp_read_mip(q, plan_file) != 0) {
            fprintf(stderr, "glpk_trial: cannot read %s\n", plan_file);
            return 1;
        }
        plan = calloc((size_t)ncols + 1, sizeof *plan);
        if (plan == NULL) return 1;
        for (int j = 1; j <= ncols; j++) plan[j] = glp_mip_col_val(q, j);
        t.plan = plan;
        glp_delete_prob(q);
    }
    double t0 = cpu_seconds();
    glp_iocp parm;
    mip_rollout_parm(&parm, 0.0);
    parm.presolve = presolve ? GLP_ON : GLP_OFF;
    parm.cb_func = callback;
    parm.cb_info = &t;
    if (!presolve) {
        glp_smcp smcp;
        glp_init_smcp(&smcp);
        smcp.msg_lev = GLP_MSG_OFF;
        glp_scale_prob(lp, GLP_SF_AUTO);
        glp_adv_basis(lp, 0);
        if (glp_simplex(lp, &smcp) != 0) {
            fprintf(stderr, "glpk_trial: the relaxation failed\n");
            return 1;
        }
    }
    int rc = glp_intopt(lp, &parm);
    double cpu = cpu_seconds() - t0;
    printf("%s: rc %d, status %d, optimum %.12e, nodes %d, cpu %.2f s%s\n",
           file, rc, glp_mip_status(lp), glp_mip_obj_val(lp) / scale,
           t.nodes, cpu,
           plan_file ? (t.given ? ", incumbent accepted"
                                : ", incumbent NOT accepted")
                     : "");
    free(plan);
    glp_delete_prob(lp);
    return rc == 0 ? 0 : 1;
}
