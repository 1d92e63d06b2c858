/* mip.h — the one door to GLPK's solvers for the models: branch and bound
 * with a node limit and a stop flag, a guard that contains GLPK's internal
 * errors, and the check of a program's numbers before GLPK sees them. Used
 * by the rollout (deploy_glp.c) and the auction (auction_lp.c).
 *
 * DESIGN — GLPK limits a search by time, never by nodes, and a time limit
 * would make results depend on the machine. A callback counts the nodes
 * of the search tree and stops the search once there are more than the
 * limit, or as soon as the caller's stop flag is set (Ctrl-C); glp_intopt
 * then returns GLP_ESTOP and mip_intopt says which of the two stopped it.
 *
 * On an internal error (a failed assertion, a call it rejects) GLPK prints
 * a message and aborts the process unless an error hook jumps out first.
 * mip_guard runs a piece of GLPK work under such a hook: the hook
 * longjmps back into mip_guard, which releases the calling thread's GLPK
 * environment (GLPK's reference manual: after an error the environment is
 * unusable and glp_free_env is the only way on) and returns the message.
 * GLPK keeps its environment, hooks included, per thread, and the jump
 * buffer is thread-local, so threads guard their own work independently.
 * Because glp_free_env deletes every GLPK object of the thread, a guarded
 * piece of work creates and deletes its problem objects itself and keeps
 * none across calls.
 *
 * Numbers GLPK cannot handle (NaN, infinities, values near the limits of
 * a double) make it fail in obscure ways, some of them only after minutes
 * of work; mip_check_program refuses them beforehand, naming the row or
 * column. Included only by files that call GLPK.
 */
#ifndef SPECSIM_MIP_H
#define SPECSIM_MIP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <glpk.h>

/* Magnitudes a program may contain. A matrix coefficient is 0 or of
 * magnitude in [MIP_COEF_MIN, MIP_COEF_MAX]: GLPK's pivot tolerance is
 * 1e-10 relative to the column's largest entry, its scaling brings rows
 * and columns near 1, and a double carries 15-16 digits, so twelve orders
 * of magnitude above 1 and nine below keep every pivot and every
 * feasibility test (1e-7) meaningful; the rollout programs of the
 * scenario files have matrix coefficients of 0.2 to 1.5e7, objective
 * coefficients and bounds up to 6.5e9 (docs/reliability.md). A bound or an
 * objective coefficient may be smaller (it only shifts a solution by less
 * than GLPK's tolerances) but not larger than MIP_COEF_MAX, and nothing
 * may be NaN, infinite or subnormal. */
#define MIP_COEF_MIN 1e-9
#define MIP_COEF_MAX 1e12

typedef enum {
    MIP_DONE = 0,     /* glp_intopt's own outcome: see its return code */
    MIP_NODE_LIMIT,   /* stopped at the node limit */
    MIP_STOPPED       /* stopped because *stop was set */
} mip_end;

/* glp_intopt(lp, parm) with at most node_limit (>= 1) branch-and-bound
 * nodes, stopping early once *stop is non-zero (stop may be NULL); parm's
 * callback fields are taken. Returns glp_intopt's code (GLP_ESTOP when the
 * callback stopped it, *end then says why); *nodes receives the size of
 * the search tree and *seconds the time spent in GLPK. */
int mip_intopt(glp_prob *lp, glp_iocp *parm, long node_limit,
               const atomic_int *stop, mip_end *end, long *nodes,
               double *seconds);

/* The branch-and-cut settings of the rollout programs, with relative gap
 * mip_gap, into *parm (initialised here; messages off). Also used by
 * bench/glpk_trial.c, which solves exported programs as specsim does. */
void mip_rollout_parm(glp_iocp *parm, double mip_gap);

/* Is the stop flag set? (false for NULL). For solvers without a callback:
 * look before starting. */
bool mip_stop_requested(const atomic_int *stop);

/* Run work(ctx) with GLPK's internal errors contained. Returns true when
 * work returned. Returns false when GLPK met an internal error inside it:
 * work was cut short, the calling thread's GLPK environment has been
 * released (every GLPK object of the thread is gone: work's objects must
 * not be touched again), and msg (len bytes) holds GLPK's message, e.g.
 * "GLPK internal error: Assertion failed: teta >= 0.0; Error detected in
 * file simplex/spychuzc.c at line 204". GLPK's terminal output is off
 * while work runs. Guards do not
 * nest. Thread-safe. */
bool mip_guard(void (*work)(void *ctx), void *ctx, char *msg, size_t len);

/* Check every number of lp against the magnitudes above. Returns true when
 * all are fine; otherwise false, with the first offence in msg, e.g.
 * "row 12, column S_o0_r1_v2_t3: coefficient 3.1e+14 (expected 0 or a
 * magnitude in [1e-09, 1e+12])"; a column is named by its GLPK name, or
 * its number when it has none. */
bool mip_check_program(glp_prob *lp, char *msg, size_t len);

#endif
