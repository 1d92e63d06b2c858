/* draw.c — one replication's draw of every uncertain input (see draw.h).
 *
 * DESIGN — the context holds the Cholesky factor L of the correlation
 * matrix restricted to the inputs named in some correlation (`idx[]` lists
 * them in params[] order); inputs outside every pair have identity rows, so
 * the copula leaves their uniforms as drawn and skips the Phi^-1/Phi round
 * trip. draw_params takes one uniform per input in canonical order — the
 * same count whether or not inputs are correlated — then correlates the
 * subset in the caller's work array and maps each uniform through its
 * input's quantile. Nothing is allocated per replication.
 */
#include "draw.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

struct draw_ctx {
    const scn *s;
    int ncorr;                    /* inputs in some correlation */
    int idx[SPECSIM_PARAMS_MAX];  /* their indices in s->params */
    gsl_matrix *chol;             /* ncorr x ncorr, L in the lower triangle */
};

/* Position of param `p` in c->idx, adding it (in params order) if new. */
static int corr_slot(draw_ctx *c, int p)
{
    int k = 0;
    while (k < c->ncorr && c->idx[k] < p) k++;
    if (k < c->ncorr && c->idx[k] == p) return k;
    memmove(&c->idx[k + 1], &c->idx[k],
            (size_t)(c->ncorr - k) * sizeof c->idx[0]);
    c->idx[k] = p;
    c->ncorr++;
    return k;
}

static int corr_find(const draw_ctx *c, int p)
{
    for (int k = 0; k < c->ncorr; k++)
        if (c->idx[k] == p) return k;
    SPECSIM_ASSERT(0);
    return -1;
}

/* "a ~ b (rho), ..." for the error message. */
static void corr_list(const scn *s, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < s->ncorrelations && used < len; i++) {
        const scn_correlation *k = &s->correlations[i];
        int n = snprintf(buf + used, len - used, "%s%s ~ %s (%g)",
                         i > 0 ? ", " : "", s->params[k->a].path,
                         s->params[k->b].path, k->rho);
        if (n < 0) break;
        used += (size_t)n;
    }
}

/* Fill the correlation matrix of the correlated subset and factor it. */
static err_code corr_factor(draw_ctx *c, err_t *e)
{
    const scn *s = c->s;
    c->chol = gsl_matrix_alloc((size_t)c->ncorr, (size_t)c->ncorr);
    if (c->chol == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    gsl_matrix_set_identity(c->chol);
    for (int i = 0; i < s->ncorrelations; i++) {
        const scn_correlation *k = &s->correlations[i];
        size_t a = (size_t)corr_find(c, k->a), b = (size_t)corr_find(c, k->b);
        gsl_matrix_set(c->chol, a, b, k->rho);
        gsl_matrix_set(c->chol, b, a, k->rho);
    }
    if (gsl_linalg_cholesky_decomp1(c->chol) == GSL_SUCCESS) return ERR_OK;
    char pairs[SPECSIM_ERRMSG_MAX];
    corr_list(s, pairs, sizeof pairs);
    return err_set(e, ERR_SCENARIO,
                   "%s: correlations: the pairs %s do not form a valid "
                   "correlation matrix: expected a positive definite one",
                   s->file, pairs);
}

/* Prepare drawing for `s`, which must outlive the context. Returns a
 * context the caller owns (draw_ctx_free), or NULL with ERR_SCENARIO in *e
 * when the correlations do not form a positive definite matrix (ERR_NOMEM
 * when memory runs out). */
draw_ctx *draw_ctx_alloc(const scn *s, err_t *e)
{
    SPECSIM_ASSERT(s != NULL);
    SPECSIM_ASSERT(s->nparams >= 0 && s->nparams <= SPECSIM_PARAMS_MAX);
    draw_ctx *c = calloc(1, sizeof *c);
    if (c == NULL) {
        err_set(e, ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->s = s;
    for (int i = 0; i < s->ncorrelations; i++) {
        const scn_correlation *k = &s->correlations[i];
        SPECSIM_ASSERT(k->a >= 0 && k->a < s->nparams);
        SPECSIM_ASSERT(k->b >= 0 && k->b < s->nparams && k->a != k->b);
        corr_slot(c, k->a);
        corr_slot(c, k->b);
    }
    if (c->ncorr > 0 && corr_factor(c, e) != ERR_OK) {
        draw_ctx_free(c);
        return NULL;
    }
    return c;
}

/* Release; draw_ctx_free(NULL) is a no-op. */
void draw_ctx_free(draw_ctx *c)
{
    if (c == NULL) return;
    gsl_matrix_free(c->chol);
    free(c);
}

/* u' = Phi(L Phi^-1(u)) on the correlated inputs, u held in draws[]. */
static void copula_apply(const draw_ctx *c, double *draws, double *work)
{
    int m = c->ncorr;
    double *z = work, *zc = work + m;
    for (int k = 0; k < m; k++)
        z[k] = gsl_cdf_ugaussian_Pinv(draws[c->idx[k]]);
    for (int k = 0; k < m; k++) {
        const double *row = gsl_matrix_const_ptr(c->chol, (size_t)k, 0);
        double sum = 0.0;
        for (int j = 0; j <= k; j++) sum += row[j] * z[j];
        zc[k] = sum;
    }
    for (int k = 0; k < m; k++) draws[c->idx[k]] = gsl_cdf_ugaussian_P(zc[k]);
}

/* Fill draws[0..nparams-1] for replication `rep` of a run with `seed`:
 * reseeds `r` on RNG_STREAM_INPUTS, one uniform per input in canonical
 * order, copula, quantiles. `work` holds 2*nparams doubles. Allocates
 * nothing; thread-safe for distinct r/draws/work. */
void draw_params(const draw_ctx *c, rng *r, uint64_t seed, uint64_t rep,
                 double *draws, double *work)
{
    SPECSIM_ASSERT(c != NULL && r != NULL && draws != NULL);
    SPECSIM_ASSERT(c->ncorr == 0 || work != NULL);
    const scn *s = c->s;
    rng_seed(r, seed, rep, RNG_STREAM_INPUTS);
    for (int i = 0; i < s->nparams; i++) draws[i] = rng_uniform_pos(r);
    if (c->ncorr > 0) copula_apply(c, draws, work);
    for (int i = 0; i < s->nparams; i++)
        draws[i] = dist_quantile(&s->params[i].dist, draws[i]);
}

/* Fill draws[0..nparams-1] with every input at its mean. */
void draw_params_mean(const scn *s, double *draws)
{
    SPECSIM_ASSERT(s != NULL && draws != NULL);
    for (int i = 0; i < s->nparams; i++)
        draws[i] = dist_mean(&s->params[i].dist);
}

/* Every input at its mean except input `only` (0 <= only < nparams), set
 * to its quantile at p in [0, 1]. */
void draw_params_one_at(const scn *s, int only, double p, double *draws)
{
    SPECSIM_ASSERT(s != NULL && only >= 0 && only < s->nparams);
    draw_params_mean(s, draws);
    draws[only] = dist_quantile(&s->params[only].dist, p);
}
