/* glpk_trial.c — solve an exported rollout program (specsim lp) with the
 * options specsim sets, or with one of them changed, and print the CPU
 * seconds, the branch-and-bound nodes and the optimum (docs/performance.md,
 * the levers that were measured and not kept).
 *
 *   glpk_trial FILE.lp [--incumbent PLAN.mip] [--warm OTHER.lp]
 *                      [--no-presolve] [--scale S] [--root-cuts]
 *                      [--cuts LETTERS] [--br N] [--bt N] [--pp N]
 *
 * PLAN.mip is a MIP solution of the same program in GLPK's format
 * (glpsol --lp FILE.lp ... -w PLAN.mip); a plan that breaks a row or a
 * bound of FILE.lp (a solution of another program) is refused. An incumbent needs the columns of
 * the program as given, so with --incumbent (and for the run it is
 * compared with, --no-presolve) GLPK's MIP presolver is off and the
 * program is scaled and its relaxation solved before the search, as the
 * presolver would; the time of that relaxation is printed apart.
 * --warm starts that relaxation from the optimal basis of OTHER.lp's
 * relaxation (another policy's program of the same replication: rows and
 * columns matched by name), with the dual simplex. --scale S multiplies
 * every objective coefficient by S (the optimum printed is divided back).
 * --root-cuts switches GLPK's cut generators off once the search leaves
 * the root (GLPK reads them from the glp_iocp it was given at every
 * node); --cuts picks the generators (g Gomory, m MIR, v cover, q clique;
 * any other letter alone: none); --br and --bt set GLPK's branching and
 * backtracking technique by number (GLP_BR_*, GLP_BT_* of glpk.h), --pp
 * its preprocessing at the nodes (GLP_PP_*: 0 none, 1 root, 2 all). */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mip.h"

/* largest relative error (GLPK's: |error| / (1 + |value|)) of a plan given
 * as incumbent, in its row activities and bounds: what a MIP solution
 * written by glpsol at 15 significant digits keeps with room to spare */
#define PLAN_TOL 1e-7

typedef struct {
    const double *plan; /* [1..ncols] or NULL */
    int given;          /* the plan was accepted */
    int nodes;          /* subproblems created so far */
    glp_iocp *parm;     /* the parameters glp_intopt was given */
    int root_cuts;      /* switch the cut generators off below the root */
} trial;

static void callback(glp_tree *tree, void *info)
{
    trial *t = info;
    int a, n, total;
    glp_ios_tree_size(tree, &a, &n, &total);
    if (total > t->nodes) t->nodes = total;
    int cur = glp_ios_curr_node(tree);
    if (t->root_cuts && cur > 0 && glp_ios_node_level(tree, cur) > 0) {
        t->parm->gmi_cuts = t->parm->mir_cuts = GLP_OFF;
        t->parm->cov_cuts = t->parm->clq_cuts = GLP_OFF;
    }
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
                    "[--warm OTHER.lp] [--no-presolve] [--scale S]\n"
                    "                  [--root-cuts] [--cuts LETTERS] "
                    "[--br N] [--bt N] [--pp N]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *file = NULL, *plan_file = NULL;
    double scale = 1.0;
    int presolve = 1, root_cuts = 0;
    const char *warm = NULL;
    int br = 0, bt = 0, pp = -1;
    const char *cuts = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--incumbent") == 0 && i + 1 < argc) {
            plan_file = argv[++i];
            presolve = 0;
        } else if (strcmp(argv[i], "--warm") == 0 && i + 1 < argc) {
            warm = argv[++i];
            presolve = 0;
        } else if (strcmp(argv[i], "--br") == 0 && i + 1 < argc) {
            br = atoi(argv[++i]);
            if (br < GLP_BR_FFV || br > GLP_BR_PCH) return usage();
        } else if (strcmp(argv[i], "--pp") == 0 && i + 1 < argc) {
            pp = atoi(argv[++i]);
            if (pp < GLP_PP_NONE || pp > GLP_PP_ALL) return usage();
        } else if (strcmp(argv[i], "--bt") == 0 && i + 1 < argc) {
            bt = atoi(argv[++i]);
            if (bt < GLP_BT_DFS || bt > GLP_BT_BPH) return usage();
        } else if (strcmp(argv[i], "--root-cuts") == 0) {
            root_cuts = 1;
        } else if (strcmp(argv[i], "--cuts") == 0 && i + 1 < argc) {
            cuts = argv[++i];
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
        /* GLPK takes an incumbent from the callback without checking the
         * rows (glp_ios_heur_sol checks integrality only), and a plan that
         * breaks one is then reported as the optimum. A plan is given only
         * if its row values are its columns' activities in this program
         * and every value is within its bounds (glp_check_kkt). */
        double ae, re;
        int ai, ri;
        glp_check_kkt(q, GLP_MIP, GLP_KKT_PE, &ae, &ai, &re, &ri);
        if (re > PLAN_TOL) {
            fprintf(stderr,
                    "glpk_trial: %s is not a plan of %s: row %s is %.10g "
                    "in the plan but its columns give another value "
                    "(relative error %.3g)\n",
                    plan_file, file, glp_get_row_name(q, ri),
                    glp_mip_row_val(q, ri), re);
            return 1;
        }
        glp_check_kkt(q, GLP_MIP, GLP_KKT_PB, &ae, &ai, &re, &ri);
        if (re > PLAN_TOL) {
            int m = glp_get_num_rows(q);
            fprintf(stderr,
                    "glpk_trial: %s is not a plan of %s: %s %s is out of "
                    "its bounds (relative error %.3g)\n",
                    plan_file, file, ri <= m ? "row" : "column",
                    ri <= m ? glp_get_row_name(q, ri)
                            : glp_get_col_name(q, ri - m),
                    re);
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
    t.parm = &parm;
    if (br) parm.br_tech = br;
    if (bt) parm.bt_tech = bt;
    if (pp >= 0) parm.pp_tech = pp;
    t.root_cuts = root_cuts;
    if (cuts) {
        parm.gmi_cuts = strchr(cuts, 'g') ? GLP_ON : GLP_OFF;
        parm.mir_cuts = strchr(cuts, 'm') ? GLP_ON : GLP_OFF;
        parm.cov_cuts = strchr(cuts, 'v') ? GLP_ON : GLP_OFF;
        parm.clq_cuts = strchr(cuts, 'q') ? GLP_ON : GLP_OFF;
    }
    double lp_cpu = 0;
    int lp_iter = 0;
    if (!presolve) {
        glp_smcp smcp;
        glp_init_smcp(&smcp);
        smcp.msg_lev = GLP_MSG_OFF;
        glp_scale_prob(lp, GLP_SF_AUTO);
        glp_adv_basis(lp, 0);
        if (warm) {
            /* the optimal basis of another program, matched by name */
            glp_prob *w = glp_create_prob();
            if (glp_read_lp(w, NULL, warm) != 0) {
                fprintf(stderr, "glpk_trial: cannot read %s\n", warm);
                return 1;
            }
            glp_scale_prob(w, GLP_SF_AUTO);
            glp_adv_basis(w, 0);
            glp_simplex(w, &smcp);
            glp_create_index(lp);
            t0 = cpu_seconds();
            for (int i = 1; i <= glp_get_num_rows(w); i++) {
                int k = glp_find_row(lp, glp_get_row_name(w, i));
                if (k > 0) glp_set_row_stat(lp, k, glp_get_row_stat(w, i));
            }
            glp_create_index(w);
            for (int j = 1; j <= ncols; j++) {
                int k = glp_find_col(w, glp_get_col_name(lp, j));
                if (k > 0) glp_set_col_stat(lp, j, glp_get_col_stat(w, k));
            }
            glp_delete_prob(w);
            int nb = 0;
            for (int i = 1; i <= glp_get_num_rows(lp); i++)
                nb += glp_get_row_stat(lp, i) == GLP_BS;
            for (int j = 1; j <= ncols; j++)
                nb += glp_get_col_stat(lp, j) == GLP_BS;
            if (nb != glp_get_num_rows(lp)) glp_adv_basis(lp, 0);
            smcp.meth = GLP_DUALP;
        }
        double l0 = cpu_seconds();
        if (glp_simplex(lp, &smcp) != 0) {
            fprintf(stderr, "glpk_trial: the relaxation failed\n");
            return 1;
        }
        lp_cpu = cpu_seconds() - l0;
        lp_iter = glp_get_it_cnt(lp);
    }
    int rc = glp_intopt(lp, &parm);
    double cpu = cpu_seconds() - t0;
    printf("%s: rc %d, status %d, optimum %.12e, nodes %d, cpu %.2f s "
           "(root LP %.3f s, %d it)%s\n",
           file, rc, glp_mip_status(lp), glp_mip_obj_val(lp) / scale,
           t.nodes, cpu, lp_cpu, lp_iter,
           plan_file ? (t.given ? ", incumbent accepted"
                                : ", incumbent NOT accepted")
                     : "");
    free(plan);
    glp_delete_prob(lp);
    return rc == 0 ? 0 : 1;
}
