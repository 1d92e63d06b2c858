/* memo.h — solved rollout programs kept for reuse (deploy_memo).
 *
 * DESIGN — the runs of a sweep or a tornado draw the same inputs in every
 * replication (the same seed) and differ by one value: a program that
 * value does not reach (every risk input, an instrument's cost for the
 * other policies, a parameter of one policy's auction for the others) is
 * identical, to the bit, to one solved in an earlier run. GLPK is
 * deterministic, so its solution is the one a new solve would find; the
 * memo hands it back instead. A program is known by the SHA-256 digest of
 * all GLPK is given (deploy_glp.c), so a program that differs in any
 * number is solved. Solutions are kept up to a memory budget, the least
 * recently used given up first; which are kept changes no result, only
 * how many programs are solved. One lock guards the table: it is taken
 * for a scan of a few thousand digests and a copy, against solves of
 * tenths of a second to a minute.
 */
#ifndef SPECSIM_MEMO_H
#define SPECSIM_MEMO_H

#include <stddef.h>

#include "deploy.h"

typedef struct engine_memo engine_memo;

/* A memo keeping at most max_bytes of solutions; NULL when out of memory. */
engine_memo *engine_memo_alloc(size_t max_bytes);
void engine_memo_free(engine_memo *m);

/* The hooks a deploy_problem takes (valid while m lives). */
const deploy_memo *engine_memo_hooks(const engine_memo *m);

/* Programs handed back, solutions kept now, and their bytes. */
long engine_memo_hits(engine_memo *m);
long engine_memo_kept(engine_memo *m);
size_t engine_memo_bytes(engine_memo *m);

#endif
