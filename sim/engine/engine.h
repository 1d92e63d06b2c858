/* engine.h — the Monte Carlo engine: replications in parallel, reduced in
 * replication order.
 *
 * DESIGN — all the work of a run is in one parallel region. OpenMP
 * threads take tasks in order as they become free: one policy of one
 * replication (its auction and rollout program), so that a replication's
 * policies may be solved on different threads and no thread waits for
 * another's long replication at the end of a run. Each thread owns a
 * workspace allocated before the region (generator, draws, program,
 * result) and releases its GLPK environment at the end of the region, on
 * the thread that made it. A replication's numbers depend only on (seed,
 * replication), never on the thread: every task draws its replication's
 * inputs afresh, writes only its policy's part of the record, and the
 * thread that completes a replication's last policy pairs the policies
 * with baseline. Finished replications go, in replication order, to the
 * aggregator and to the optional per-replication callback; records live
 * in a window of a few per thread, so memory does not grow with the
 * number of replications. An interrupt (Ctrl-C) stops at the first
 * replication not yet finished: the finished prefix is kept and the run
 * is marked incomplete. A store
 * (engine_store: the checkpoint journal) keeps each replication as it is
 * aggregated and gives a resumed run back those it holds. With more than
 * one MPI rank the run is shared out over the ranks (cluster.h), with the
 * same records aggregated in the same order.
 * The interrupt flag is handed to the solvers (deploy_problem.stop, and
 * through it the auction's winner determination), so a long branch and
 * bound stops within a node and its replication is dropped, not recorded.
 * A solver failure, GLPK's internal errors included, is contained to its
 * policy and replication and counted (solver_failed_share). Numbers of a
 * replication that are out of range for the models (instance_check, or a
 * program's coefficients) end the run as a scenario error.
 * No policy's numbers depend on another policy's but baseline's (the
 * pairing), so a run may compute some policies only (engine_opts.policies)
 * and their numbers are those of a run of every policy.
 */
#ifndef SPECSIM_ENGINE_H
#define SPECSIM_ENGINE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "agg.h"
#include "deploy.h"
#include "scn.h"

/* engine_opts.policies has a bit per policy. */
_Static_assert(SPECSIM_POLICIES_MAX <= 32, "engine_opts.policies: a bit per "
               "policy in 32 bits");

/* Where finished replications are kept across runs (the checkpoint
 * journal): a table of functions and its context. A resumed run takes
 * from it every replication it holds instead of computing it. */
typedef struct {
    /* Whether replication `rep` is kept; thread-safe. */
    bool (*has)(void *ctx, long rep);
    /* Fill *r with kept replication `rep`; false when it is not kept or
     * cannot be read back intact (it is then computed). Thread-safe. */
    bool (*load)(void *ctx, long rep, rep_record *r);
    /* Keep a finished replication (called once per replication, from one
     * thread at a time, in the order they are aggregated). */
    err_code (*save)(void *ctx, const rep_record *r, err_t *e);
    /* Called after each batch and once at the end (`final`): make what
     * was saved durable when it is due. */
    err_code (*sync)(void *ctx, bool final, err_t *e);
    void *ctx;
} engine_store;

typedef struct {
    long replications;
    int threads;               /* 0 = all cores */
    uint64_t seed;
    bool progress;             /* draw a progress bar on stderr */
    /* Hold one uncertain input (index into scn.params) at a fixed value in
     * every replication, for one-at-a-time sensitivity. */
    bool fix;
    int fix_param;
    double fix_value;
    /* Called for every finished replication, in order (may be NULL). */
    err_code (*on_rep)(const rep_record *r, void *ctx, err_t *e);
    void *on_rep_ctx;
    /* Resume from and checkpoint to this store (may be NULL). */
    const engine_store *store;
    /* Solutions of programs solved before, to reuse and keep (memo.h;
     * may be NULL: every program is solved). */
    const deploy_memo *memo;
    /* The policies to compute: bit p for policy p; 0 means every policy.
     * Baseline is always computed (every policy is paired with it). A
     * policy left out runs no auction and solves no program: every metric
     * of its part of the record is NaN and its status DEPLOY_OPTIMAL, so
     * it adds nothing to the aggregate and counts no failure. For an
     * analysis that reads one policy (the tornado). */
    uint32_t policies;
} engine_opts;

typedef struct {
    long done;                 /* replications aggregated */
    bool interrupted;
    int threads;               /* threads actually used */
    double seconds;            /* wall time of the run */
    double glpk_seconds;       /* summed over threads */
    long programs;             /* rollout programs solved */
    long nodes;                /* their branch-and-bound nodes, summed */
    long reused;               /* of those programs, solutions taken from
                                  engine_opts.memo */
    double auction_seconds;    /* in the auction stage, summed over threads */
    double auction_glpk_seconds; /* of which inside GLPK */
    long auctions;             /* auctions run */
    long restored;             /* replications taken from opts.store */
    /* Processes of a distributed run (1 otherwise) and what each did;
     * cluster.c owns the array, valid until the next run. */
    int ranks;
    const struct cluster_rank_stats *per_rank;
} engine_stats;

/* Run every replication of `s` with `o`, adding records to `a`. Returns
 * ERR_OK (also when interrupted: see st->interrupted), ERR_SCENARIO when a
 * replication's numbers are out of range (the message names the field, or
 * the program's row or column, then the replication and policy), or an
 * error from allocation, the on_rep callback or the store. Under MPI every
 * rank calls it; only rank 0's `a` receives the records. */
err_code engine_run(const scn *s, const engine_opts *o, agg *a,
                    engine_stats *st, err_t *e);

/* Workspaces that compute single replications on chosen threads, for
 * schedulers other than engine_run's own loop (the distributed run):
 * a pool for `threads` compute threads; ERR_NOMEM or a scenario error. */
typedef struct engine_pool engine_pool;
engine_pool *engine_pool_alloc(const scn *s, const engine_opts *o,
                               int threads, err_t *e);

/* Compute replication `rep` with the workspace of compute thread
 * `thread` (0 <= thread < threads) into that thread's record, which stays
 * valid until its next call; NULL, with the message in *fault, when the
 * replication's numbers are out of range (which ends the run). */
const rep_record *engine_pool_rep(engine_pool *p, int thread, long rep,
                                  err_t *fault);

/* Release the calling thread's solver environment; each compute thread
 * calls it before leaving the parallel region where it computed. */
void engine_pool_thread_done(void);

/* Add the pool's totals (solver and auction time, programs) to *st and
 * release it; NULL is a no-op. */
void engine_pool_free(engine_pool *p, engine_stats *st);

/* The calling thread's number in its OpenMP team. */
int engine_thread_num(void);

/* Whether an interrupt has been asked for (engine_interrupt). */
bool engine_stopping(void);

/* The interrupt flag itself, for solvers run outside engine_run (the
 * auction alone): non-zero once engine_interrupt has been called. */
const atomic_int *engine_stop_flag(void);

/* What the run does with a finished replication, in replication order:
 * aggregate it into `a`, hand it to o->on_rep, and keep it in o->store
 * unless it came from there (`restored`). */
err_code engine_rep_finish(const engine_opts *o, agg *a, const rep_record *r,
                           bool restored, err_t *e);

/* Same as engine_replication, and objective[pol] (s->npolicies entries)
 * receives the optimal objective of each policy's rollout program as
 * GLPK reported it (NaN where there is no plan), for tests that pin the
 * optima (tests/test_golden.c). */
err_code engine_replication_objectives(const scn *s, uint64_t seed, long rep,
                                       rep_record *r, double *objective,
                                       err_t *e);

/* Run replication `rep` alone into *r (for tests and `specsim lp`);
 * ERR_SCENARIO as engine_run. */
err_code engine_replication(const scn *s, uint64_t seed, long rep,
                            rep_record *r, err_t *e);

/* Accumulators sized for scenario s; NULL when out of memory. */
agg *engine_agg_alloc(const scn *s);

/* True when policy `policy` failed (auction or solver, not
 * infeasibility) in every replication aggregated in `a` (at least one):
 * the run has no number for it. */
bool engine_policy_all_failed(const agg *a, int policy);

/* Ask a running engine to stop; async-signal-safe. The request stays
 * until engine_interrupt_clear, so that one made between two runs of a
 * sweep (or before the first) stops the next run at once instead of
 * being lost. */
void engine_interrupt(void);

/* Forget an interrupt request; call it before installing the handler
 * that calls engine_interrupt. */
void engine_interrupt_clear(void);

/* Threads used when 0 is asked for. */
int engine_default_threads(void);

/* Build the rollout program of one replication and policy, exactly as the
 * run would (for `specsim lp`); ERR_SCENARIO when its numbers are out of
 * range (instance_check). */
err_code engine_problem(const scn *s, uint64_t seed, long rep, int policy,
                        deploy_problem *p, err_t *e);

#endif
