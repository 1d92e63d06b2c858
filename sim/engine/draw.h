/* draw.h — one replication's draw of every uncertain input.
 *
 * DESIGN — inputs are drawn in the canonical order of scn.params, one
 * uniform u_i each from the replication's RNG_STREAM_INPUTS stream, and
 * mapped through the input's quantile function. When the scenario
 * correlates inputs, the uniforms of all inputs are first turned into
 * standard normals z = Phi^-1(u), correlated as z' = L z with L the Cholesky
 * factor of the correlation matrix (identity outside the named pairs), and
 * mapped back u' = Phi(z'): a Gaussian copula that leaves every marginal
 * distribution as written.
 */
#ifndef SPECSIM_DRAW_H
#define SPECSIM_DRAW_H

#include "rng.h"
#include "scn.h"

typedef struct draw_ctx draw_ctx;

/* Prepare drawing for scenario `s` (which must outlive the context): checks
 * that the correlation matrix is positive definite and factors it. Returns
 * NULL with ERR_SCENARIO in *e (naming the correlations) when it is not. */
draw_ctx *draw_ctx_alloc(const scn *s, err_t *e);

/* Release; draw_ctx_free(NULL) is a no-op. */
void draw_ctx_free(draw_ctx *c);

/* Fill draws[0..s->nparams-1] for replication `rep` of a run with `seed`.
 * `r` is the calling thread's generator; `work` has room for 2*nparams
 * doubles. Thread-safe for distinct r/draws/work. */
void draw_params(const draw_ctx *c, rng *r, uint64_t seed, uint64_t rep,
                 double *draws, double *work);

/* Fill draws with every input at its mean (fixed inputs at their value). */
void draw_params_mean(const scn *s, double *draws);

/* Fill draws with every input at its mean except input `only`, which is
 * set to its quantile p (tornado analysis). */
void draw_params_one_at(const scn *s, int only, double p, double *draws);

#endif
