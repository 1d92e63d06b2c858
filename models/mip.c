/* mip.c — GLPK's solvers behind a node limit, a stop flag, an error guard
 * and a check of the numbers (see mip.h). */
#include "mip.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "err.h"

/* ---- branch and bound ---------------------------------------------------- */

typedef struct {
    long node_limit;
    long nodes;
    const atomic_int *stop;
    mip_end end;
} search;

bool mip_stop_requested(const atomic_int *stop)
{
    return stop != NULL &&
           atomic_load_explicit(stop, memory_order_relaxed) != 0;
}

/* Stop the search once the tree has more than node_limit nodes (a limit
 * that does not depend on the clock, so results are reproducible) or the
 * stop flag is set. GLPK calls this at every stage of every node, so a
 * stop takes effect within one LP re-solve. */
static void search_cb(glp_tree *tree, void *info)
{
    search *sc = info;
    int a_cnt, n_cnt, t_cnt;
    glp_ios_tree_size(tree, &a_cnt, &n_cnt, &t_cnt);
    sc->nodes = t_cnt;
    if (sc->end != MIP_DONE) return;
    if (mip_stop_requested(sc->stop)) {
        sc->end = MIP_STOPPED;
        glp_ios_terminate(tree);
    } else if (t_cnt > sc->node_limit) {
        sc->end = MIP_NODE_LIMIT;
        glp_ios_terminate(tree);
    }
}

void mip_rollout_parm(glp_iocp *parm, double mip_gap)
{
    glp_init_iocp(parm);
    parm->msg_lev = GLP_MSG_OFF;
    parm->presolve = GLP_ON;
    parm->mip_gap = mip_gap;
    /* Hybrid pseudocost branching: with soft budgets and like-for-like
     * swaps the programs have many plans of nearly equal value (when to
     * swap, when to borrow), and pseudocosts close the gap in a third to a
     * fifth of the nodes Driebeck-Tomlin needs on the reference programs. */
    parm->br_tech = GLP_BR_PCH;
    parm->bt_tech = GLP_BT_BLB;
    /* Cutting planes: the vendor-choice binaries with big-M stock bounds
     * and share rows give a weak relaxation; GLPK's cuts (MIR above all)
     * close it. On the reference programs they cut solve times 10-30 fold
     * and leave the optimum unchanged. */
    parm->gmi_cuts = GLP_ON;
    parm->mir_cuts = GLP_ON;
    parm->cov_cuts = GLP_ON;
    parm->clq_cuts = GLP_ON;
}

int mip_intopt(glp_prob *lp, glp_iocp *parm, long node_limit,
               const atomic_int *stop, mip_end *end, long *nodes,
               double *seconds)
{
    SPECSIM_ASSERT(lp != NULL && parm != NULL && node_limit >= 1);
    SPECSIM_ASSERT(end != NULL && nodes != NULL && seconds != NULL);
    search sc = {node_limit, 0, stop, MIP_DONE};
    parm->cb_func = search_cb;
    parm->cb_info = &sc;
    double t0 = clock_seconds();
    int rc = glp_intopt(lp, parm);
    *seconds = clock_seconds() - t0;
    *nodes = sc.nodes;
    *end = rc == GLP_ESTOP ? sc.end : MIP_DONE;
    parm->cb_func = NULL;
    parm->cb_info = NULL;
    return rc;
}

/* ---- containing internal errors ------------------------------------------ */

/* One per thread: where the error hook jumps to, and what GLPK printed
 * while the guard was on (only its error message: ordinary output is
 * switched off, and GLPK switches it on again to report an error). */
typedef struct {
    jmp_buf jump;
    bool active;
    size_t n;
    char text[512];
} guard_state;

static _Thread_local guard_state guard;

static int guard_term(void *info, const char *s)
{
    guard_state *g = info;
    size_t room = sizeof g->text - 1 - g->n, k = strlen(s);
    if (k > room) k = room;
    memcpy(g->text + g->n, s, k);
    g->n += k;
    g->text[g->n] = '\0';
    return 1; /* printed nothing */
}

static _Noreturn void guard_error(void *info)
{
    guard_state *g = info;
    longjmp(g->jump, 1);
}

/* GLPK's message on one line: "line one; line two". */
static void guard_message(const guard_state *g, char *msg, size_t len)
{
    int w = snprintf(msg, len, "GLPK internal error: ");
    size_t n = w > 0 && (size_t)w < len ? (size_t)w : 0;
    for (size_t i = 0; i < g->n && n + 3 < len; i++) {
        char c = g->text[i];
        if (c != '\n') { msg[n++] = c; continue; }
        if (i + 1 == g->n) break;
        msg[n++] = ';';
        msg[n++] = ' ';
    }
    if (g->n == 0 && n + 9 < len) { memcpy(msg + n, "(silent)", 8); n += 8; }
    msg[n] = '\0';
}

bool mip_guard(void (*work)(void *ctx), void *ctx, char *msg, size_t len)
{
    SPECSIM_ASSERT(work != NULL && msg != NULL && len > 0);
    SPECSIM_ASSERT(!guard.active);
    guard.active = true;
    guard.n = 0;
    guard.text[0] = '\0';
    int term = glp_term_out(GLP_OFF);
    glp_term_hook(guard_term, &guard);
    glp_error_hook(guard_error, &guard);
    if (setjmp(guard.jump) != 0) {
        /* GLPK's environment is unusable: release it; the thread's next
         * GLPK call makes a new one. */
        glp_free_env();
        guard_message(&guard, msg, len);
        guard.active = false;
        return false;
    }
    work(ctx);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    glp_term_out(term);
    guard.active = false;
    return true;
}

/* ---- checking the numbers ------------------------------------------------- */

/* A finite, normal double (or 0) of magnitude in [lo, MIP_COEF_MAX]. */
static bool value_ok(double v, double lo)
{
    if (v == 0.0) return true;
    if (!isfinite(v) || fpclassify(v) == FP_SUBNORMAL) return false;
    double a = fabs(v);
    return a >= lo && a <= MIP_COEF_MAX;
}

static void col_name(glp_prob *lp, int j, char *buf, size_t len)
{
    const char *nm = glp_get_col_name(lp, j);
    if (nm != NULL) snprintf(buf, len, "%s", nm);
    else snprintf(buf, len, "%d", j);
}

/* Bounds of type `type` (GLP_FR ... GLP_FX) within limits; *which names
 * the bound at fault. */
static bool bounds_ok(int type, double lb, double ub, const char **which,
                      double *bad)
{
    bool has_lb = type == GLP_LO || type == GLP_DB || type == GLP_FX;
    bool has_ub = type == GLP_UP || type == GLP_DB || type == GLP_FX;
    if (has_lb && !value_ok(lb, 0.0)) { *which = "lower bound"; *bad = lb; return false; }
    if (has_ub && !value_ok(ub, 0.0)) { *which = "upper bound"; *bad = ub; return false; }
    return true;
}

static bool check_rows(glp_prob *lp, char *msg, size_t len)
{
    const char *which;
    double bad;
    for (int i = 1; i <= glp_get_num_rows(lp); i++)
        if (!bounds_ok(glp_get_row_type(lp, i), glp_get_row_lb(lp, i),
                       glp_get_row_ub(lp, i), &which, &bad)) {
            snprintf(msg, len, "row %d: %s %g (expected finite, magnitude "
                     "at most %g)", i, which, bad, MIP_COEF_MAX);
            return false;
        }
    return true;
}

/* Column j: objective, bounds and matrix entries (ind, val: room for
 * every row). */
static bool check_col(glp_prob *lp, int j, int *ind, double *val, char *msg,
                      size_t len)
{
    char nm[64];
    const char *which;
    double bad, c = glp_get_obj_coef(lp, j);
    if (!value_ok(c, 0.0)) {
        col_name(lp, j, nm, sizeof nm);
        snprintf(msg, len, "column %s: objective coefficient %g (expected "
                 "finite, magnitude at most %g)", nm, c, MIP_COEF_MAX);
        return false;
    }
    if (!bounds_ok(glp_get_col_type(lp, j), glp_get_col_lb(lp, j),
                   glp_get_col_ub(lp, j), &which, &bad)) {
        col_name(lp, j, nm, sizeof nm);
        snprintf(msg, len, "column %s: %s %g (expected finite, magnitude "
                 "at most %g)", nm, which, bad, MIP_COEF_MAX);
        return false;
    }
    int k = glp_get_mat_col(lp, j, ind, val);
    for (int t = 1; t <= k; t++) {
        if (value_ok(val[t], MIP_COEF_MIN)) continue;
        col_name(lp, j, nm, sizeof nm);
        snprintf(msg, len, "row %d, column %s: coefficient %g (expected 0 "
                 "or a magnitude in [%g, %g])", ind[t], nm, val[t],
                 MIP_COEF_MIN, MIP_COEF_MAX);
        return false;
    }
    return true;
}

bool mip_check_program(glp_prob *lp, char *msg, size_t len)
{
    SPECSIM_ASSERT(lp != NULL && msg != NULL && len > 0);
    if (!check_rows(lp, msg, len)) return false;
    int m = glp_get_num_rows(lp);
    /* GLPK's allocator: released with the environment should an error
     * cut the caller's work short. */
    int *ind = glp_alloc(m + 1, sizeof *ind);
    double *val = glp_alloc(m + 1, sizeof *val);
    bool ok = true;
    for (int j = 1; ok && j <= glp_get_num_cols(lp); j++)
        ok = check_col(lp, j, ind, val, msg, len);
    glp_free(ind);
    glp_free(val);
    return ok;
}
