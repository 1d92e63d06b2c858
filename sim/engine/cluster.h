/* cluster.h — replications shared out over MPI processes (ranks).
 *
 * DESIGN — every rank runs the same command; engine_run hands over to
 * cluster_run when there is more than one rank. Rank 0 coordinates: it
 * hands replication indices out on request, a few at a time (replications
 * differ in time tenfold, so nothing is split in advance), within a window
 * of replications past the first one not yet aggregated, so memory stays
 * bounded however unequal the ranks are. Each rank runs one thread that
 * talks (the process's main thread, the only one calling MPI) and THREADS
 * compute threads; rank 0 computes too. A finished replication travels as
 * its packed record (record.h), rank 0 unpacks it and aggregates in
 * replication order exactly as a single process does, so every summary is
 * byte-identical for any number of ranks and threads. Rank 0 alone writes
 * files; the other ranks return from engine_run with nothing aggregated.
 *
 * A rank that cannot start (no memory for its workspaces) says so and is
 * given no work. A rank whose messages fail while the job goes on has its
 * unfinished replications handed to the others. A rank that dies usually
 * ends the whole job under OpenMPI; rank 0 keeps every aggregated
 * replication in the checkpoint journal, so the run resumes from there.
 *
 * Without SPECSIM_MPI the build has one rank and none of this.
 */
#ifndef SPECSIM_CLUSTER_H
#define SPECSIM_CLUSTER_H

#include <stdbool.h>

#include "engine.h"

/* Longest host name kept for the manifest, NUL included. */
#define CLUSTER_HOST_MAX 64

/* What one rank did in a distributed run. */
typedef struct cluster_rank_stats {
    int rank;
    char host[CLUSTER_HOST_MAX];
    int threads;               /* compute threads */
    long replications;         /* computed there */
    double seconds;            /* wall time of its part of the run */
    double busy_seconds;       /* computing, summed over its threads */
    /* Its talking thread at work: messages, and on rank 0 unpacking,
     * aggregating and journalling every replication. */
    double talk_seconds;
    double glpk_seconds;       /* inside GLPK, summed over its threads */
    long programs;             /* rollout programs solved */
    long reused;               /* of those, solutions taken from its memo */
    long nodes;                /* their branch-and-bound nodes */
    double auction_seconds, auction_glpk_seconds; /* summed over threads */
    long auctions;             /* auctions run */
    bool failed;               /* could not start, or its messages failed */
} cluster_rank_stats;

/* Start MPI when built with it and launched by mpirun (call first thing
 * in main); a no-op otherwise. ERR_IO when MPI cannot start. */
err_code cluster_init(int *argc, char ***argv, err_t *e);

/* End MPI (call before leaving main); a no-op without it. */
void cluster_finalize(void);

/* This process's rank and the number of ranks (0 and 1 without MPI). */
int cluster_rank(void);
int cluster_size(void);

/* Whether this process writes the results: rank 0. */
bool cluster_root(void);

/* The run of engine_run over every rank, `threads` compute threads each
 * (see engine_run). On rank 0, *st also gives the ranks and, in
 * st->per_rank, what each did, summed over every run of the process so
 * far (a sweep makes one run per point). */
err_code cluster_run(const scn *s, const engine_opts *o, int threads, agg *a,
                  engine_stats *st, err_t *e);

#endif
