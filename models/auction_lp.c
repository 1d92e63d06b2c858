/* auction_lp.c — every call into GLPK the auction module makes.
 *
 * DESIGN — two entry points: winner determination (a 0/1 program over
 * package bids, which also serves VCG, coalition values for the core and
 * the maximum welfare) and a small dense LP (core payments). GLPK's
 * 1-based arrays and option structs stay here. Options are explicit:
 * messages off, presolve on for the integer program, a zero relative gap
 * (exact optimum), the input's branch-and-bound node limit (a count, like
 * the rollout's), and no time or iteration limit (the largest int), so
 * results never depend on the clock. A failed call (non-zero return code)
 * is ERR_SOLVER, and so is an integer program stopped at the node limit:
 * its allocation is not known to be optimal, and every payment rule
 * assumes it is. A model GLPK proves infeasible is ERR_INFEASIBLE.
 * Objective coefficients are divided by the largest one so GLPK sees
 * numbers near 1 whatever the currency; the caller recomputes totals from
 * the chosen bids, in currency units. Every problem object is created and
 * deleted within one call, and the time spent in GLPK goes to the
 * caller's workspace, so the functions are thread-safe for distinct
 * workspaces (GLPK keeps its environment per thread). Each call runs
 * under mip_guard: an internal error of GLPK is ERR_SOLVER with GLPK's
 * message, never an abort. A program whose numbers GLPK cannot handle
 * (mip_check_program) is ERR_SOLVER before GLPK solves it. Winner
 * determination stops when the input's stop flag is set (ERR_INTERRUPTED);
 * the payment LPs are small and only look at the flag before starting.
 */
#include <limits.h>

#include <math.h>

#include <glpk.h>

#include "auction_impl.h"
#include "clock.h"
#include "mip.h"

/* The largest int: GLPK's "no limit" for time and iterations. */
#define NO_LIMIT INT_MAX

/* Rows: one per bidder, one per band, one per band with set-aside lots. */
typedef struct {
    int bidder[SPECSIM_OPERATORS_MAX];
    int band[SPECSIM_BANDS_MAX];
    int incumbents[SPECSIM_BANDS_MAX]; /* 0 = no such row */
    int n;
} wdp_rows;

static void wdp_add_rows(glp_prob *lp, const auction_input *in, wdp_rows *r)
{
    r->n = in->nbidders + in->nbands;
    for (int b = 0; b < in->nbands; b++)
        if (in->setaside[b] > 0) r->n++;
    glp_add_rows(lp, r->n);
    int row = 1;
    for (int i = 0; i < in->nbidders; i++) {
        r->bidder[i] = row;
        glp_set_row_bnds(lp, row++, GLP_UP, 0.0, 1.0);
    }
    for (int b = 0; b < in->nbands; b++) {
        r->band[b] = row;
        glp_set_row_bnds(lp, row++, GLP_UP, 0.0, (double)in->lots[b]);
    }
    for (int b = 0; b < in->nbands; b++) {
        r->incumbents[b] = 0;
        if (in->setaside[b] == 0) continue;
        r->incumbents[b] = row;
        glp_set_row_bnds(lp, row++, GLP_UP, 0.0,
                         (double)(in->lots[b] - in->setaside[b]));
    }
}

/* The objective coefficient of bid j, or 0 when it cannot be chosen. */
static double wdp_coef(const auction_bids *b, const bool *skip, long j)
{
    if (skip != NULL && skip[b->bidder[j]]) return 0.0;
    return b->amount[j] > 0.0 ? b->amount[j] : 0.0;
}

static void wdp_add_col(glp_prob *lp, const auction_bids *b,
                        const wdp_rows *r, long j, int col, double coef)
{
    int ind[2 * SPECSIM_BANDS_MAX + 2];
    double val[2 * SPECSIM_BANDS_MAX + 2];
    int q[SPECSIM_BANDS_MAX], len = 0, i = b->bidder[j];
    const auction_input *in = b->in;
    auction_grid_counts(b->grid, b->pkg[j], q);
    ind[++len] = r->bidder[i];
    val[len] = 1.0;
    for (int k = 0; k < in->nbands; k++) {
        if (q[k] == 0) continue;
        ind[++len] = r->band[k];
        val[len] = q[k];
        if (r->incumbents[k] > 0 && !in->new_entrant[i]) {
            ind[++len] = r->incumbents[k];
            val[len] = q[k];
        }
    }
    glp_set_col_kind(lp, col, GLP_BV);
    glp_set_obj_coef(lp, col, coef);
    glp_set_mat_col(lp, col, len, ind, val);
}

static err_code mip_solve(auction_ws *ws, glp_prob *lp, long node_limit,
                          const atomic_int *stop, err_t *e)
{
    char why[SPECSIM_ERRMSG_MAX - 64];
    if (!mip_check_program(lp, why, sizeof why))
        return err_set(e, ERR_SOLVER, "winner determination: %s", why);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.mip_gap = 0.0;
    parm.tm_lim = NO_LIMIT;
    long nodes;
    double seconds;
    mip_end end;
    int ret = mip_intopt(lp, &parm, node_limit, stop, &end, &nodes,
                         &seconds);
    ws->glpk_seconds += seconds;
    if (end == MIP_STOPPED)
        return err_set(e, ERR_INTERRUPTED, "winner determination: "
                       "interrupted after %ld nodes", nodes);
    if (ret == GLP_ENOPFS)
        return err_set(e, ERR_INFEASIBLE, "winner determination: no "
                       "feasible allocation");
    if (ret == GLP_ESTOP)
        return err_set(e, ERR_SOLVER, "winner determination: node limit "
                       "(%ld) reached before the optimum was proven",
                       node_limit);
    if (ret != 0)
        return err_set(e, ERR_SOLVER, "winner determination: glp_intopt "
                       "returned %d", ret);
    int st = glp_mip_status(lp);
    if (st == GLP_NOFEAS)
        return err_set(e, ERR_INFEASIBLE, "winner determination: no "
                       "feasible allocation");
    if (st != GLP_OPT)
        return err_set(e, ERR_SOLVER, "winner determination: status %d, "
                       "not optimal", st);
    return ERR_OK;
}

static void wdp_read(glp_prob *lp, const auction_bids *b, const bool *skip,
                     long *choice)
{
    int col = 0;
    for (long j = 0; j < b->n; j++) {
        if (wdp_coef(b, skip, j) <= 0.0) continue;
        col++;
        if (glp_mip_col_val(lp, col) > 0.5) {
            SPECSIM_ASSERT(choice[b->bidder[j]] < 0);
            choice[b->bidder[j]] = j;
        }
    }
}

/* Winner determination from creating the problem object to deleting it,
 * run under mip_guard. */
typedef struct {
    auction_ws *ws;
    const auction_bids *b;
    const bool *skip;
    long *choice;
    int ncols;
    double scale;
    err_t *e;
    err_code rc;
} wdp_job;

static void wdp_work(void *ctx)
{
    wdp_job *j = ctx;
    const auction_bids *b = j->b;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    wdp_rows rows;
    wdp_add_rows(lp, b->in, &rows);
    glp_add_cols(lp, j->ncols);
    int col = 0;
    for (long k = 0; k < b->n; k++) {
        double c = wdp_coef(b, j->skip, k);
        if (c > 0.0) wdp_add_col(lp, b, &rows, k, ++col, c / j->scale);
    }
    j->rc = mip_solve(j->ws, lp, b->in->node_limit, b->in->stop, j->e);
    if (j->rc == ERR_OK) wdp_read(lp, b, j->skip, j->choice);
    glp_delete_prob(lp);
}

err_code auction_lp_wdp(auction_ws *ws, const auction_bids *b,
                        const bool *skip, long *choice, err_t *e)
{
    SPECSIM_ASSERT(ws != NULL && b != NULL && choice != NULL);
    wdp_job j = {ws, b, skip, choice, 0, 0.0, e, ERR_SOLVER};
    for (int i = 0; i < b->in->nbidders; i++) choice[i] = -1;
    for (long k = 0; k < b->n; k++) {
        double c = wdp_coef(b, skip, k);
        if (c <= 0.0) continue;
        j.ncols++;
        if (c > j.scale) j.scale = c;
    }
    if (j.ncols == 0) return ERR_OK;
    if (mip_stop_requested(b->in->stop))
        return err_set(e, ERR_INTERRUPTED, "winner determination: "
                       "interrupted before the solve");
    char diag[SPECSIM_ERRMSG_MAX - 64];
    if (!mip_guard(wdp_work, &j, diag, sizeof diag)) {
        for (int i = 0; i < b->in->nbidders; i++) choice[i] = -1;
        return err_set(e, ERR_SOLVER, "winner determination: %s", diag);
    }
    return j.rc;
}

/* GLPK bound type of [lo, hi]. */
static int bound_type(double lo, double hi)
{
    SPECSIM_ASSERT(!(lo > hi));
    if (isinf(lo) && isinf(hi)) return GLP_FR;
    if (isinf(hi)) return GLP_LO;
    if (isinf(lo)) return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

static void lp_load(glp_prob *p, const auction_lp *lp)
{
    int ind[AUCTION_LP_COLS + 1];
    double val[AUCTION_LP_COLS + 1];
    glp_set_obj_dir(p, GLP_MIN);
    glp_add_cols(p, lp->ncols);
    for (int c = 0; c < lp->ncols; c++) {
        glp_set_col_bnds(p, c + 1, bound_type(lp->lo[c], lp->hi[c]),
                         isinf(lp->lo[c]) ? 0.0 : lp->lo[c],
                         isinf(lp->hi[c]) ? 0.0 : lp->hi[c]);
        glp_set_obj_coef(p, c + 1, lp->obj[c]);
    }
    if (lp->nrows > 0) glp_add_rows(p, lp->nrows);
    for (int r = 0; r < lp->nrows; r++) {
        int len = 0;
        for (int c = 0; c < lp->ncols; c++) {
            if (lp->a[r][c] == 0.0) continue;
            ind[++len] = c + 1;
            val[len] = lp->a[r][c];
        }
        glp_set_row_bnds(p, r + 1, bound_type(lp->rlo[r], lp->rhi[r]),
                         isinf(lp->rlo[r]) ? 0.0 : lp->rlo[r],
                         isinf(lp->rhi[r]) ? 0.0 : lp->rhi[r]);
        glp_set_mat_row(p, r + 1, len, ind, val);
    }
}

/* A payment LP from creating the problem object to deleting it, run
 * under mip_guard. */
typedef struct {
    auction_ws *ws;
    const auction_lp *lp;
    double *x;
    err_t *e;
    err_code rc;
} lp_job;

static void lp_work(void *ctx)
{
    lp_job *j = ctx;
    glp_prob *p = glp_create_prob();
    lp_load(p, j->lp);
    char why[SPECSIM_ERRMSG_MAX - 64];
    j->rc = ERR_OK;
    if (!mip_check_program(p, why, sizeof why)) {
        j->rc = err_set(j->e, ERR_SOLVER, "payment LP: %s", why);
        glp_delete_prob(p);
        return;
    }
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    parm.it_lim = NO_LIMIT;
    parm.tm_lim = NO_LIMIT;
    double t0 = clock_seconds();
    int ret = glp_simplex(p, &parm);
    j->ws->glpk_seconds += clock_seconds() - t0;
    int st = ret == 0 ? glp_get_status(p) : GLP_UNDEF;
    if (ret != 0)
        j->rc = err_set(j->e, ERR_SOLVER, "payment LP: glp_simplex "
                        "returned %d", ret);
    else if (st == GLP_NOFEAS)
        j->rc = err_set(j->e, ERR_INFEASIBLE, "payment LP: no feasible "
                        "point");
    else if (st != GLP_OPT)
        j->rc = err_set(j->e, ERR_SOLVER, "payment LP: status %d, not "
                        "optimal", st);
    for (int c = 0; j->rc == ERR_OK && c < j->lp->ncols; c++)
        j->x[c] = glp_get_col_prim(p, c + 1);
    glp_delete_prob(p);
}

err_code auction_lp_solve(auction_ws *ws, const auction_lp *lp, double *x,
                          err_t *e)
{
    SPECSIM_ASSERT(lp->ncols >= 1 && lp->ncols <= AUCTION_LP_COLS);
    SPECSIM_ASSERT(lp->nrows >= 0 && lp->nrows <= AUCTION_LP_ROWS);
    lp_job j = {ws, lp, x, e, ERR_SOLVER};
    char diag[SPECSIM_ERRMSG_MAX - 64];
    if (!mip_guard(lp_work, &j, diag, sizeof diag))
        return err_set(e, ERR_SOLVER, "payment LP: %s", diag);
    return j.rc;
}

/* ------------------------------------------------------------------ */
/* Set packing over distinct licences (auction_svm.c)                  */

/* The packing program from creating the problem object to deleting it,
 * run under mip_guard. Rows: one per licence (at most 1), then with xor
 * one per bidder (at most 1). GLPK sees only some of the columns: those
 * column generation needs for the LP relaxation's optimum, then those
 * reduced-cost fixing cannot rule out. pk->col[k] is column k's index in
 * the program, 0 while it is not there; pk->work[k] its reduced cost. */
typedef struct {
    auction_ws *ws;
    const auction_packing *pk;
    unsigned skip;
    long node_limit;
    const atomic_int *stop;
    bool *chosen;
    double scale;
    err_t *e;
    err_code rc;
} packing_job;

static bool packing_used(const auction_packing *pk, unsigned skip, long j)
{
    return !((skip >> pk->bidder[j]) & 1u) && pk->value[j] > 0.0;
}

static int packing_nrows(const auction_packing *pk)
{
    return pk->nlicences + (pk->xor ? pk->nbidders : 0);
}

static void packing_add(glp_prob *lp, const packing_job *j, long k)
{
    const auction_packing *pk = j->pk;
    int ind[AUCTION_SVM_ROWS_MAX + 1];
    double val[AUCTION_SVM_ROWS_MAX + 1];
    int len = 0;
    for (int l = 0; l < pk->nlicences; l++)
        if (pk->mask[k] >> l & 1u) ind[++len] = l + 1;
    if (pk->xor) ind[++len] = pk->nlicences + pk->bidder[k] + 1;
    for (int r = 1; r <= len; r++) val[r] = 1.0;
    int col = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, col, GLP_BV);
    glp_set_obj_coef(lp, col, pk->value[k] / j->scale);
    glp_set_mat_col(lp, col, len, ind, val);
    pk->col[k] = col;
}

/* The LP relaxation of the program in lp; ERR_SOLVER unless optimal. */
static err_code packing_relax(glp_prob *lp, err_t *e)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.it_lim = NO_LIMIT;
    parm.tm_lim = NO_LIMIT;
    int ret = glp_simplex(lp, &parm);
    if (ret != 0 || glp_get_status(lp) != GLP_OPT)
        return err_set(e, ERR_SOLVER, "winner determination: LP relaxation: "
                       "glp_simplex returned %d, status %d", ret,
                       glp_get_status(lp));
    return ERR_OK;
}

/* Reduced cost of every used column at the row duals of lp's LP optimum,
 * c_k - sum of the duals of its rows, into pk->work; the number of
 * columns outside the program whose reduced cost is positive. */
static long packing_price(glp_prob *lp, const packing_job *j)
{
    const auction_packing *pk = j->pk;
    double y[AUCTION_SVM_ROWS_MAX + 1];
    for (int r = 1; r <= packing_nrows(pk); r++)
        y[r] = glp_get_row_dual(lp, r);
    long positive = 0;
    for (long k = 0; k < pk->n; k++) {
        if (!packing_used(pk, j->skip, k)) continue;
        double d = pk->value[k] / j->scale;
        for (int l = 0; l < pk->nlicences; l++)
            if (pk->mask[k] >> l & 1u) d -= y[l + 1];
        if (pk->xor) d -= y[pk->nlicences + pk->bidder[k] + 1];
        pk->work[k] = d;
        if (pk->col[k] == 0 && d > 1e-9) positive++;
    }
    return positive;
}

/* Columns column generation adds per bidder and round: its best ones. */
#define PACKING_ADD_MAX 16

/* Add, for each bidder, its PACKING_ADD_MAX columns of largest positive
 * reduced cost outside the program (ties: the lower index). */
static void packing_add_best(glp_prob *lp, const packing_job *j)
{
    const auction_packing *pk = j->pk;
    long best[SPECSIM_OPERATORS_MAX][PACKING_ADD_MAX];
    int nbest[SPECSIM_OPERATORS_MAX] = {0};
    for (long k = 0; k < pk->n; k++) {
        if (pk->col[k] != 0 || !packing_used(pk, j->skip, k) ||
            pk->work[k] <= 1e-9)
            continue;
        int i = pk->bidder[k], n = nbest[i];
        if (n == PACKING_ADD_MAX && pk->work[best[i][n - 1]] >= pk->work[k])
            continue;
        if (n < PACKING_ADD_MAX) nbest[i] = ++n;
        int at = n - 1;
        while (at > 0 && pk->work[best[i][at - 1]] < pk->work[k]) {
            best[i][at] = best[i][at - 1];
            at--;
        }
        best[i][at] = k;
    }
    for (int i = 0; i < pk->nbidders; i++)
        for (int q = 0; q < nbest[i]; q++) packing_add(lp, j, best[i][q]);
}

/* Column generation from the single-licence columns: the LP relaxation
 * over every column, its optimum in *zlp and reduced costs in pk->work. */
static err_code packing_lp(glp_prob *lp, const packing_job *j, double *zlp)
{
    const auction_packing *pk = j->pk;
    for (long k = 0; k < pk->n; k++)
        if (packing_used(pk, j->skip, k) && (pk->mask[k] & (pk->mask[k] - 1u))
                                                == 0)
            packing_add(lp, j, k);
    for (;;) {
        err_code rc = packing_relax(lp, j->e);
        if (rc != ERR_OK) return rc;
        if (packing_price(lp, j) == 0) break;
        packing_add_best(lp, j);
    }
    *zlp = glp_get_obj_val(lp);
    return ERR_OK;
}

static void packing_work(void *ctx)
{
    packing_job *j = ctx;
    const auction_packing *pk = j->pk;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    int nrows = packing_nrows(pk);
    glp_add_rows(lp, nrows);
    for (int r = 1; r <= nrows; r++) glp_set_row_bnds(lp, r, GLP_UP, 0.0, 1.0);
    /* Reduced-cost fixing: with the relaxation's optimum z_lp and reduced
     * costs d_k, an integer solution using column k is worth at most
     * z_lp + d_k. The program is solved with the columns of d_k >= -t
     * only, t first 0.1 % of z_lp; its optimum z is the true one once
     * t >= z_lp - z (no column left out can reach z), else t grows
     * (four times, at most to that gap) and it is solved again. */
    double zlp = 0.0;
    j->rc = packing_lp(lp, j, &zlp);
    double t = 1e-3 * zlp + 1e-9;
    while (j->rc == ERR_OK) {
        for (long k = 0; k < pk->n; k++) {
            if (!packing_used(pk, j->skip, k)) continue;
            bool keep = pk->work[k] >= -t;
            if (keep && pk->col[k] == 0) packing_add(lp, j, k);
            if (pk->col[k] != 0)
                glp_set_col_bnds(lp, pk->col[k], keep ? GLP_DB : GLP_FX, 0.0,
                                 keep ? 1.0 : 0.0);
        }
        j->rc = mip_solve(j->ws, lp, j->node_limit, j->stop, j->e);
        if (j->rc != ERR_OK) break;
        double gap = zlp - glp_mip_obj_val(lp);
        if (gap <= t - 1e-9) break;
        t = fmin(4.0 * t, gap + 1e-9 * (1.0 + zlp));
    }
    for (long k = 0; j->rc == ERR_OK && k < pk->n; k++)
        j->chosen[k] = pk->col[k] != 0 &&
                       glp_mip_col_val(lp, pk->col[k]) > 0.5;
    glp_delete_prob(lp);
}

err_code auction_lp_packing(auction_ws *ws, const auction_packing *pk,
                            unsigned skip, long node_limit,
                            const atomic_int *stop, bool *chosen, err_t *e)
{
    SPECSIM_ASSERT(ws != NULL && pk != NULL && chosen != NULL);
    SPECSIM_ASSERT(pk->nlicences + pk->nbidders <= AUCTION_SVM_ROWS_MAX);
    packing_job j = {ws, pk, skip, node_limit, stop, chosen, 0.0, e,
                     ERR_SOLVER};
    for (long k = 0; k < pk->n; k++) {
        chosen[k] = false;
        pk->col[k] = 0;
        if (packing_used(pk, skip, k) && pk->value[k] > j.scale)
            j.scale = pk->value[k];
    }
    if (j.scale == 0.0) return ERR_OK;
    if (mip_stop_requested(stop))
        return err_set(e, ERR_INTERRUPTED, "winner determination: "
                       "interrupted before the solve");
    char diag[SPECSIM_ERRMSG_MAX - 64];
    if (!mip_guard(packing_work, &j, diag, sizeof diag)) {
        for (long k = 0; k < pk->n; k++) chosen[k] = false;
        return err_set(e, ERR_SOLVER, "winner determination: %s", diag);
    }
    return j.rc;
}
