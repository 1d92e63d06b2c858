/* sweep.h — sensitivity analysis: parameter sweeps and tornado charts.
 *
 * DESIGN — both run the engine several times on variants of one scenario,
 * always with the same seed, so every run draws the same random numbers
 * (common random numbers) and differences between runs come from the
 * varied input alone. A sweep sets one or more fields (scn_path) to each
 * point of a grid of values; a swept field given as a distribution becomes
 * fixed, while the table of uncertain inputs is left as it is, so every
 * other input keeps its draws. A tornado holds one uncertain input at a
 * time at its 5th and then its 95th percentile (engine_opts.fix) while the
 * others keep their draws, and ranks the inputs by how far that moves one
 * metric of one policy.
 *
 * This module computes and returns; it neither opens files nor prints.
 * Results come back in structures the caller owns (sweep_result,
 * tornado_result), and what the caller wants to do while the runs go on
 * (show progress, write each grid point's rows as soon as they exist) it
 * does in callbacks of sweep_opts. Memory is one aggregator at a time plus
 * a few statistics per grid point, and the solutions the runs share.
 *
 * The runs share their solved programs (memo.h): a run whose varied value
 * does not reach a policy's program in a replication (a risk input, a
 * cost of another policy's instrument) takes that program's solution from
 * an earlier run instead of solving it again. The results are those of
 * solving every program (sweep_opts.no_reuse), byte for byte.
 */
#ifndef SPECSIM_SWEEP_H
#define SPECSIM_SWEEP_H

#include <stdint.h>

#include "engine.h"

/* --param options of one sweep. */
#define SWEEP_PARAMS_MAX 4
/* Values of one swept parameter. */
#define SWEEP_VALUES_MAX 64
/* Memory for the solutions the runs of one analysis reuse (memo.h):
 * 256 MiB, about 7,000 programs of the default scenario or 2,800 of the
 * UK file (assumption: a small share of a workstation's memory, more
 * than a tornado of either at 20 replications needs). */
#define SWEEP_REUSE_BYTES ((size_t)256 << 20)
/* Points of the whole grid (product of the value counts). */
#define SWEEP_POINTS_MAX 256
/* --metric options of one sweep. */
#define SWEEP_METRICS_MAX 8

typedef struct {
    char path[SPECSIM_PATH_MAX];
    int nvalues;
    double values[SWEEP_VALUES_MAX];
} sweep_param;

/* How every sensitivity run is made, and what the caller hears of it.
 * Every callback may be NULL; each gets `ctx`. */
typedef struct {
    long replications;         /* per engine run */
    int threads;               /* 0 = all cores */
    uint64_t seed;
    /* Sweep: grid point k of n (0-based) with swept values x[0..np-1] is
     * about to run. */
    void (*on_point_start)(long k, long n, const double *x, void *ctx);
    /* Sweep: grid point k has run; `a` holds its results and lives only
     * during the call. Points come in grid order. An error stops the
     * sweep and is returned by sweep_run. */
    err_code (*on_point)(long k, const double *x, const agg *a, void *ctx,
                         err_t *e);
    /* Sweep: a finished replication of grid point k (swept values x),
     * handed over as engine_opts.on_rep hands it: in replication order,
     * points in grid order, before that point's on_point; `r` lives only
     * during the call. An error stops the sweep. Tornado: the same for
     * its runs in order: k = -1 the reference run (x[0] NaN), then
     * k = 2i and 2i + 1 for input i of scn.params held at x[0], its 5th
     * and then its 95th percentile. */
    err_code (*on_rep)(long k, const double *x, const rep_record *r,
                       void *ctx, err_t *e);
    /* Tornado: input `input` (index into scn.params) is about to run at
     * x_lo and then x_hi; input -1 is the reference run, every input
     * drawn (x_lo and x_hi NaN). */
    void (*on_input_start)(int input, double x_lo, double x_hi, void *ctx);
    void *ctx;
    /* Solve every program, also one identical to a program an earlier
     * run of the analysis solved (by default its solution is reused:
     * memo.h; the results are the same either way). */
    bool no_reuse;
    /* Tornado: compute every policy in every run. By default only
     * baseline and the tornado's policy are computed, the two its metric
     * is read from (engine_opts.policies); every policy is needed where
     * every replication is written (--per-rep). The same on every rank. */
    bool every_policy;
} sweep_opts;

/* Engine totals over every run of a sensitivity analysis. */
typedef struct {
    long runs;                 /* engine runs made */
    long replications_requested; /* runs x sweep_opts.replications */
    engine_stats stats;        /* summed; threads of the last run */
    struct engine_memo *memo;  /* while the analysis runs (memo.h) */
} sweep_totals;

/* Statistics a sweep keeps per point, policy and chosen metric. */
enum { SWEEP_MEAN = 0, SWEEP_CI_LO, SWEEP_CI_HI, SWEEP_P05, SWEEP_P95,
       SWEEP_NSTATS };

/* The results of a sweep; allocated by sweep_run, owned by the caller and
 * released with sweep_result_free. */
typedef struct {
    int nparams;
    sweep_param params[SWEEP_PARAMS_MAX];
    int npoints;
    double *values;            /* [point * nparams + j] */
    int nmetrics;
    int metrics[SWEEP_METRICS_MAX]; /* scalar metric indices */
    int npolicies;
    double *stat;              /* use sweep_stat() */
    sweep_totals totals;
} sweep_result;

/* Parse "PATH=V1,V2,..." into *p. ERR_USAGE with a message on a bad form
 * or number, or more than SWEEP_VALUES_MAX values. */
err_code sweep_param_parse(const char *arg, sweep_param *p, err_t *e);

/* Index of the scalar metric called `name`; ERR_USAGE listing the valid
 * names when there is none. */
err_code sweep_metric_find(const char *name, int *metric, err_t *e);

/* ERR_USAGE when metric `metric` does not exist for scenario s (a risk
 * metric without a risk section). */
err_code sweep_metric_check(const scn *s, int metric, err_t *e);

/* Points of the grid of ps[0..np-1], and the values of point k (the last
 * parameter varies fastest) into x[0..np-1]. */
long sweep_grid_points(const sweep_param *ps, int np);
void sweep_point_values(const sweep_param *ps, int np, long k, double *x);

/* Check every swept path and value against `s` before anything runs, and
 * that the grid has at most SWEEP_POINTS_MAX points. */
err_code sweep_check(const scn *s, const sweep_param *ps, int n, err_t *e);

/* Run `s` at every grid point of ps[0..np-1] (the last parameter varies
 * fastest), calling o->on_point after each, and on success hand the
 * statistics of metrics[0..nm-1] to the caller in *out (a new result; free
 * it with sweep_result_free). Checks the grid first (sweep_check).
 * ERR_INTERRUPTED after Ctrl-C; on any error *out is left NULL. */
err_code sweep_run(const scn *s, const sweep_param *ps, int np,
                   const int *metrics, int nm, const sweep_opts *o,
                   sweep_result **out, err_t *e);

/* Release a sweep result; NULL is a no-op. */
void sweep_result_free(sweep_result *r);

/* Statistic k (SWEEP_MEAN...) of metric m (index into r->metrics) of
 * policy p at grid point `point`. */
double sweep_stat(const sweep_result *r, int point, int p, int m, int k);

/* One bar of a tornado chart. */
typedef struct {
    int input;             /* index into scn.params */
    double x_lo, x_hi;     /* the input at its 5th and 95th percentile */
    double y_lo, y_hi;     /* the statistic with the input held there */
} tornado_bar;

/* The results of a tornado analysis; allocated by tornado_run, owned by
 * the caller and released with tornado_result_free. */
typedef struct {
    int policy, metric;    /* scalar metric index */
    agg_stat stat;         /* ST_D_MEAN (paired difference) or ST_MEAN */
    double reference;      /* the statistic with every input drawn */
    int nbars;
    tornado_bar *bars;     /* sorted by swing, largest first */
    sweep_totals totals;
} tornado_result;

/* For every uncertain input of `s`, run with it at its 5th and 95th
 * percentile and record `metric` of `policy` (paired difference from
 * baseline, or the mean for baseline and for metrics that are already
 * differences); on success *out is a new result (free it with
 * tornado_result_free). ERR_USAGE when the scenario has no uncertain
 * input, ERR_INTERRUPTED after Ctrl-C; on any error *out is left NULL. */
err_code tornado_run(const scn *s, int policy, int metric,
                     const sweep_opts *o, tornado_result **out, err_t *e);

/* Release a tornado result; NULL is a no-op. */
void tornado_result_free(tornado_result *r);

#endif
