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

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_matrix.h>

#include "scn_corr.h"

struct draw_ctx {
    const scn *s;
    scn_corr corr;                /* correlated inputs and their factor */
};

/* Prepare drawing for `s`, which must outlive the context. Returns a
 * context the caller owns (draw_ctx_free), or NULL with ERR_SCENARIO in *e
 * when the correlations do not form a positive definite matrix (ERR_NOMEM
 * when memory runs out). */
draw_ctx *draw_ctx_alloc(const scn *s, err_t *e)
{
    SPECSIM_ASSERT(s != NULL);
    draw_ctx *c = calloc(1, sizeof *c);
    if (c == NULL) {
        err_set(e, ERR_NOMEM, "out of memory");
        return NULL;
    }
    c->s = s;
    if (scn_corr_factor(s, &c->corr, e) != ERR_OK) {
        free(c);
        return NULL;
    }
    return c;
}

/* Release; draw_ctx_free(NULL) is a no-op. */
void draw_ctx_free(draw_ctx *c)
{
    if (c == NULL) return;
    scn_corr_free(&c->corr);
    free(c);
}

/* u' = Phi(L Phi^-1(u)) on the correlated inputs, u held in draws[]. */
static void copula_apply(const draw_ctx *c, double *draws, double *work)
{
    int m = c->corr.n;
    double *z = work, *zc = work + m;
    for (int k = 0; k < m; k++)
        z[k] = gsl_cdf_ugaussian_Pinv(draws[c->corr.idx[k]]);
    for (int k = 0; k < m; k++) {
        const double *row = gsl_matrix_const_ptr(c->corr.chol, (size_t)k, 0);
        double sum = 0.0;
        for (int j = 0; j <= k; j++) sum += row[j] * z[j];
        zc[k] = sum;
    }
    for (int k = 0; k < m; k++) draws[c->corr.idx[k]] = gsl_cdf_ugaussian_P(zc[k]);
}

/* Fill draws[0..nparams-1] for replication `rep` of a run with `seed`:
 * reseeds `r` on RNG_STREAM_INPUTS, one uniform per input in canonical
 * order, copula, quantiles. `work` holds 2*nparams doubles. Allocates
 * nothing; thread-safe for distinct r/draws/work. */
void draw_params(const draw_ctx *c, rng *r, uint64_t seed, uint64_t rep,
                 double *draws, double *work)
{
    SPECSIM_ASSERT(c != NULL && r != NULL && draws != NULL);
    SPECSIM_ASSERT(c->corr.n == 0 || work != NULL);
    const scn *s = c->s;
    rng_seed(r, seed, rep, RNG_STREAM_INPUTS);
    for (int i = 0; i < s->nparams; i++) draws[i] = rng_uniform_pos(r);
    if (c->corr.n > 0) copula_apply(c, draws, work);
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
