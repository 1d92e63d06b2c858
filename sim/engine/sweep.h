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
 * metric of one policy. Results go to output/ (out_report.h); memory is one
 * aggregator at a time plus a few statistics per grid point.
 */
#ifndef SPECSIM_SWEEP_H
#define SPECSIM_SWEEP_H

#include <stdbool.h>
#include <stdint.h>

#include "scn.h"

/* --param options of one sweep. */
#define SWEEP_PARAMS_MAX 4
/* Values of one swept parameter. */
#define SWEEP_VALUES_MAX 64
/* Points of the whole grid (product of the value counts). */
#define SWEEP_POINTS_MAX 256
/* --metric options of one sweep. */
#define SWEEP_METRICS_MAX 8

typedef struct {
    char path[SPECSIM_PATH_MAX];
    int nvalues;
    double values[SWEEP_VALUES_MAX];
} sweep_param;

/* What every sensitivity run shares with `specsim run`. */
typedef struct {
    long replications;
    int threads;               /* 0 = all cores */
    uint64_t seed;
    bool quiet;                /* no progress lines on stderr */
    const char *dir;           /* output directory */
    const char *command_line;  /* for the manifest */
} sweep_opts;

/* Parse "PATH=V1,V2,..." into *p. ERR_USAGE with a message on a bad form
 * or number, or more than SWEEP_VALUES_MAX values. */
err_code sweep_param_parse(const char *arg, sweep_param *p, err_t *e);

/* Index of the scalar metric called `name`; ERR_USAGE listing the valid
 * names when there is none. */
err_code sweep_metric_find(const char *name, int *metric, err_t *e);

/* Check every swept path and value against `s` before anything runs, and
 * that the grid has at most SWEEP_POINTS_MAX points. */
err_code sweep_check(const scn *s, const sweep_param *ps, int n, err_t *e);

/* Run `s` at every grid point of ps[0..np-1] (the last parameter varies
 * fastest) and write DIR/sweep.csv, the figures of metrics[0..nm-1] against
 * the first parameter, and the manifest. Prints a table on stdout unless
 * interrupted (then ERR_INTERRUPTED and nothing is written). */
err_code sweep_run(const scn *s, const sweep_param *ps, int np,
                   const int *metrics, int nm, const sweep_opts *o, err_t *e);

/* For every uncertain input of `s`, run with it at its 5th and 95th
 * percentile and record `metric` of `policy` (paired difference from
 * baseline, or the mean for baseline and for metrics that are already
 * differences); write DIR/tornado.csv, the chart and the manifest, and
 * print the ranking. ERR_USAGE when the scenario has no uncertain input. */
err_code tornado_run(const scn *s, int policy, int metric,
                     const sweep_opts *o, err_t *e);

#endif
