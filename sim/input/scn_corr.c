/* scn_corr.c — the correlation matrix of the uncertain inputs (see
 * scn_corr.h). */
#include "scn_corr.h"

#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

/* Add param `p` to c->idx, keeping it ascending, if it is not there. */
static void corr_slot(scn_corr *c, int p)
{
    int k = 0;
    while (k < c->n && c->idx[k] < p) k++;
    if (k < c->n && c->idx[k] == p) return;
    memmove(&c->idx[k + 1], &c->idx[k], (size_t)(c->n - k) * sizeof c->idx[0]);
    c->idx[k] = p;
    c->n++;
}

static size_t corr_find(const scn_corr *c, int p)
{
    for (int k = 0; k < c->n; k++)
        if (c->idx[k] == p) return (size_t)k;
    SPECSIM_ASSERT(0);
    return 0;
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

err_code scn_corr_factor(const scn *s, scn_corr *c, err_t *e)
{
    SPECSIM_ASSERT(s != NULL && c != NULL);
    SPECSIM_ASSERT(s->nparams >= 0 && s->nparams <= SPECSIM_PARAMS_MAX);
    memset(c, 0, sizeof *c);
    for (int i = 0; i < s->ncorrelations; i++) {
        const scn_correlation *k = &s->correlations[i];
        SPECSIM_ASSERT(k->a >= 0 && k->a < s->nparams);
        SPECSIM_ASSERT(k->b >= 0 && k->b < s->nparams && k->a != k->b);
        corr_slot(c, k->a);
        corr_slot(c, k->b);
    }
    if (c->n == 0) return ERR_OK;
    c->chol = gsl_matrix_alloc((size_t)c->n, (size_t)c->n);
    if (c->chol == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    gsl_matrix_set_identity(c->chol);
    for (int i = 0; i < s->ncorrelations; i++) {
        const scn_correlation *k = &s->correlations[i];
        size_t a = corr_find(c, k->a), b = corr_find(c, k->b);
        gsl_matrix_set(c->chol, a, b, k->rho);
        gsl_matrix_set(c->chol, b, a, k->rho);
    }
    /* GSL also reports a matrix that is not positive definite through its
     * error handler, which the program turns off at start (main). */
    if (gsl_linalg_cholesky_decomp1(c->chol) == GSL_SUCCESS) return ERR_OK;
    scn_corr_free(c);
    char pairs[SPECSIM_ERRMSG_MAX];
    corr_list(s, pairs, sizeof pairs);
    return err_set(e, ERR_SCENARIO,
                   "%s: correlations: the pairs %s do not form a valid "
                   "correlation matrix: expected a positive definite one",
                   s->file, pairs);
}

void scn_corr_free(scn_corr *c)
{
    if (c == NULL) return;
    gsl_matrix_free(c->chol);
    c->chol = NULL;
}
