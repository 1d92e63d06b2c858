/* scn_corr.h — the correlation matrix of a scenario's uncertain inputs.
 *
 * DESIGN — only inputs named in some correlation pair enter the matrix
 * (`idx[]` lists them in params[] order, so the factor does not depend on
 * the order of the pairs in the file); every other input is independent.
 * The matrix must be positive definite: the loader checks it through
 * scn_corr_factor, and the drawing context keeps the factor it returns.
 */
#ifndef SPECSIM_SCN_CORR_H
#define SPECSIM_SCN_CORR_H

#include <gsl/gsl_matrix.h>

#include "scn.h"

/* The correlated subset of s->params and the Cholesky factor L (lower
 * triangle) of its correlation matrix. */
typedef struct {
    int n;                          /* inputs in some correlation */
    int idx[SPECSIM_PARAMS_MAX];    /* their indices in s->params, ascending */
    gsl_matrix *chol;               /* n x n, NULL when n == 0 */
} scn_corr;

/* Fill *c for `s`. ERR_SCENARIO in *e, naming the pairs, when the matrix
 * is not positive definite; ERR_NOMEM when memory runs out. On error *c
 * holds nothing to free. */
err_code scn_corr_factor(const scn *s, scn_corr *c, err_t *e);

/* Release c->chol; safe on a zeroed or already released *c. */
void scn_corr_free(scn_corr *c);

#endif
