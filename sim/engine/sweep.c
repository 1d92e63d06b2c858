/* sweep.c — parameter sweeps and tornado charts (see sweep.h). */
#include "sweep.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "out_report.h"
#include "scn_path.h"

/* ---- parsing ---- */

err_code sweep_param_parse(const char *arg, sweep_param *p, err_t *e)
{
    const char *eq = strchr(arg, '=');
    memset(p, 0, sizeof *p);
    if (eq == NULL || eq == arg || eq[1] == '\0')
        return err_set(e, ERR_USAGE, "--param %s: expected PATH=V1,V2,... "
                       "(e.g. market.swap_eur_site=25000,50000)", arg);
    if (eq - arg >= SPECSIM_PATH_MAX)
        return err_set(e, ERR_USAGE, "--param %s: path longer than %d bytes",
                       arg, SPECSIM_PATH_MAX - 1);
    memcpy(p->path, arg, (size_t)(eq - arg));
    p->path[eq - arg] = '\0';
    const char *q = eq + 1;
    for (;;) {
        char *end;
        errno = 0;
        double v = strtod(q, &end);
        if (end == q || errno || !isfinite(v) || (*end != ',' && *end != '\0'))
            return err_set(e, ERR_USAGE, "--param %s: \"%.*s\": expected a "
                           "number", arg, (int)strcspn(q, ","), q);
        if (p->nvalues == SWEEP_VALUES_MAX)
            return err_set(e, ERR_USAGE, "--param %s: expected at most %d "
                           "values (limit SWEEP_VALUES_MAX)", arg,
                           SWEEP_VALUES_MAX);
        p->values[p->nvalues++] = v;
        if (*end == '\0') return ERR_OK;
        q = end + 1;
    }
}

err_code sweep_metric_find(const char *name, int *metric, err_t *e)
{
    char list[SPECSIM_ERRMSG_MAX / 2];
    size_t o = 0;
    for (int m = 0; m < M_SCALAR_COUNT; m++) {
        if (strcmp(metric_scalar_info[m].name, name) == 0) {
            *metric = m;
            return ERR_OK;
        }
        if (o + 1 < sizeof list)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                                  m ? ", " : "", metric_scalar_info[m].name);
    }
    return err_set(e, ERR_USAGE, "--metric %s: expected one of %s", name, list);
}

static long grid_points(const sweep_param *ps, int n)
{
    long k = 1;
    for (int i = 0; i < n; i++) k *= ps[i].nvalues;
    return k;
}

err_code sweep_check(const scn *s, const sweep_param *ps, int n, err_t *e)
{
    if (n < 1 || n > SWEEP_PARAMS_MAX)
        return err_set(e, ERR_USAGE, "sweep needs 1 to %d --param options",
                       SWEEP_PARAMS_MAX);
    if (grid_points(ps, n) > SWEEP_POINTS_MAX)
        return err_set(e, ERR_USAGE, "--param: %ld grid points; expected at "
                       "most %d (limit SWEEP_POINTS_MAX)", grid_points(ps, n),
                       SWEEP_POINTS_MAX);
    scn *v = malloc(sizeof *v);
    if (v == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    err_code rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < n; i++) {
        for (int j = 0; j < i; j++)
            if (strcmp(ps[i].path, ps[j].path) == 0)
                rc = err_set(e, ERR_USAGE, "--param %s: swept twice",
                             ps[i].path);
        for (int k = 0; rc == ERR_OK && k < ps[i].nvalues; k++) {
            *v = *s;
            rc = scn_path_set(v, ps[i].path, ps[i].values[k], e);
        }
    }
    free(v);
    if (rc != ERR_OK) err_prefix(e, "--param ");
    return rc;
}

/* ---- running ---- */

/* One engine run of `v` (optionally with one input held fixed) into a new
 * aggregator *out; totals go into *acc. ERR_INTERRUPTED after Ctrl-C. */
static err_code run_once(const scn *v, const sweep_opts *o, int fix_param,
                         double fix_value, agg **out, engine_stats *acc,
                         err_t *e)
{
    agg *a = engine_agg_alloc(v);
    if (a == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    engine_opts eo = {.replications = o->replications, .threads = o->threads,
                      .seed = o->seed, .fix = fix_param >= 0,
                      .fix_param = fix_param, .fix_value = fix_value};
    engine_stats st;
    err_code rc = engine_run(v, &eo, a, &st, e);
    acc->done += st.done;
    acc->seconds += st.seconds;
    acc->glpk_seconds += st.glpk_seconds;
    acc->programs += st.programs;
    acc->auction_seconds += st.auction_seconds;
    acc->auction_glpk_seconds += st.auction_glpk_seconds;
    acc->auctions += st.auctions;
    acc->threads = st.threads;
    if (rc == ERR_OK && st.interrupted)
        rc = err_set(e, ERR_INTERRUPTED, "interrupted: nothing written");
    if (rc != ERR_OK) {
        agg_free(a);
        return rc;
    }
    *out = a;
    return ERR_OK;
}

static out_run_info run_info(const scn *s, const sweep_opts *o, long runs,
                             const engine_stats *acc)
{
    (void)s;
    return (out_run_info){.command_line = o->command_line,
                          .seed = o->seed,
                          .threads = acc->threads,
                          .replications_requested = o->replications * runs,
                          .replications_done = acc->done,
                          .seconds = acc->seconds,
                          .glpk_seconds = acc->glpk_seconds,
                          .programs = acc->programs,
                          .auction_seconds = acc->auction_seconds,
                          .auction_glpk_seconds = acc->auction_glpk_seconds,
                          .auctions = acc->auctions};
}

/* The values of grid point k (the last parameter varies fastest). */
static void point_values(const sweep_param *ps, int np, long k, double *out)
{
    for (int j = np - 1; j >= 0; j--) {
        out[j] = ps[j].values[k % ps[j].nvalues];
        k /= ps[j].nvalues;
    }
}

static void progress_line(const sweep_opts *o, long k, long n,
                          const sweep_param *ps, int np, const double *x)
{
    if (o->quiet) return;
    fprintf(stderr, "specsim: sweep point %ld/%ld:", k + 1, n);
    for (int j = 0; j < np; j++) fprintf(stderr, " %s=%g", ps[j].path, x[j]);
    fputc('\n', stderr);
}

typedef struct {
    const scn *s;
    const sweep_param *ps;
    int np, nm;
    const int *metrics;
    out_sweep w;
    double *values, *stat;
} sweep_state;

static void keep_stats(sweep_state *z, long k, const agg *a)
{
    static const agg_stat want[OUT_SW_NSTATS] = {ST_MEAN, ST_CI_LO, ST_CI_HI,
                                                 ST_P05, ST_P95};
    for (int p = 0; p < z->s->npolicies; p++)
        for (int m = 0; m < z->nm; m++)
            for (int q = 0; q < OUT_SW_NSTATS; q++)
                z->stat[out_sweep_index(&z->w, z->s->npolicies, (int)k, p, m,
                                        q)] =
                    agg_scalar(a, p, z->metrics[m], want[q]);
}

static err_code sweep_points(sweep_state *z, const sweep_opts *o,
                             out_sweep_csv *csv, engine_stats *acc, err_t *e)
{
    scn *v = malloc(sizeof *v);
    if (v == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    err_code rc = ERR_OK;
    long n = z->w.npoints;
    for (long k = 0; rc == ERR_OK && k < n; k++) {
        double *x = z->values + k * z->np;
        point_values(z->ps, z->np, k, x);
        progress_line(o, k, n, z->ps, z->np, x);
        *v = *z->s;
        for (int j = 0; rc == ERR_OK && j < z->np; j++)
            rc = scn_path_set(v, z->ps[j].path, x[j], e);
        agg *a = NULL;
        if (rc == ERR_OK) rc = run_once(v, o, -1, 0, &a, acc, e);
        if (rc == ERR_OK) rc = out_sweep_csv_add(csv, x, a, e);
        if (rc == ERR_OK) keep_stats(z, k, a);
        agg_free(a);
    }
    free(v);
    return rc;
}

err_code sweep_run(const scn *s, const sweep_param *ps, int np,
                   const int *metrics, int nm, const sweep_opts *o, err_t *e)
{
    err_code rc = sweep_check(s, ps, np, e);
    if (rc != ERR_OK) return rc;
    const char *paths[SWEEP_PARAMS_MAX];
    int counts[SWEEP_PARAMS_MAX];
    for (int j = 0; j < np; j++) {
        paths[j] = ps[j].path;
        counts[j] = ps[j].nvalues;
    }
    long n = grid_points(ps, np);
    sweep_state z = {s, ps, np, nm, metrics, {0}, NULL, NULL};
    z.values = calloc((size_t)(n * np), sizeof *z.values);
    z.stat = calloc((size_t)n * (size_t)s->npolicies * (size_t)nm *
                        OUT_SW_NSTATS, sizeof *z.stat);
    z.w = (out_sweep){np, paths, counts, (int)n, z.values, nm, metrics,
                      z.stat};
    out_sweep_csv *csv = NULL;
    if (z.values == NULL || z.stat == NULL)
        rc = err_set(e, ERR_NOMEM, "out of memory");
    else if ((csv = out_sweep_csv_open(o->dir, s, np, paths, e)) == NULL)
        rc = e->code;
    engine_stats acc = {0};
    if (rc == ERR_OK) rc = sweep_points(&z, o, csv, &acc, e);
    if (rc == ERR_OK) rc = out_sweep_csv_commit(csv, e);
    else out_sweep_csv_abort(csv);
    out_run_info info = run_info(s, o, n, &acc);
    if (rc == ERR_OK) rc = out_sweep_write(o->dir, s, &z.w, &info, e);
    if (rc == ERR_OK) out_sweep_table(stdout, s, &z.w);
    free(z.values);
    free(z.stat);
    return rc;
}

/* ---- tornado ---- */

static int by_swing(const void *pa, const void *pb)
{
    const out_tornado_bar *a = pa, *b = pb;
    double sa = fabs(a->y_hi - a->y_lo), sb = fabs(b->y_hi - b->y_lo);
    if (isnan(sa)) sa = -1;
    if (isnan(sb)) sb = -1;
    if (sa != sb) return sa > sb ? -1 : 1;
    return a->input - b->input;
}

static err_code tornado_bars(const scn *s, const out_tornado *t,
                             out_tornado_bar *bars, const sweep_opts *o,
                             engine_stats *acc, err_t *e)
{
    err_code rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < s->nparams; i++) {
        out_tornado_bar *b = &bars[i];
        b->input = i;
        b->x_lo = dist_quantile(&s->params[i].dist, 0.05);
        b->x_hi = dist_quantile(&s->params[i].dist, 0.95);
        if (!o->quiet)
            fprintf(stderr, "specsim: tornado input %d/%d: %s at %g and %g\n",
                    i + 1, s->nparams, s->params[i].path, b->x_lo, b->x_hi);
        agg *a = NULL;
        rc = run_once(s, o, i, b->x_lo, &a, acc, e);
        if (rc == ERR_OK) b->y_lo = agg_scalar(a, t->policy, t->metric, t->stat);
        agg_free(a);
        a = NULL;
        if (rc == ERR_OK) rc = run_once(s, o, i, b->x_hi, &a, acc, e);
        if (rc == ERR_OK) b->y_hi = agg_scalar(a, t->policy, t->metric, t->stat);
        agg_free(a);
    }
    return rc;
}

err_code tornado_run(const scn *s, int policy, int metric,
                     const sweep_opts *o, err_t *e)
{
    SPECSIM_ASSERT(policy >= 0 && policy < s->npolicies);
    SPECSIM_ASSERT(metric >= 0 && metric < M_SCALAR_COUNT);
    if (s->nparams == 0)
        return err_set(e, ERR_USAGE, "%s: no uncertain inputs (no field is "
                       "given as a distribution): nothing to vary", s->file);
    out_tornado t = {policy, metric,
                     policy > 0 && metric_scalar_info[metric].paired
                         ? ST_D_MEAN : ST_MEAN,
                     NAN, s->nparams, NULL};
    out_tornado_bar *bars = calloc((size_t)s->nparams, sizeof *bars);
    if (bars == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    engine_stats acc = {0};
    agg *a = NULL;
    if (!o->quiet)
        fprintf(stderr, "specsim: tornado reference run, every input drawn\n");
    err_code rc = run_once(s, o, -1, 0, &a, &acc, e);
    if (rc == ERR_OK) t.reference = agg_scalar(a, policy, metric, t.stat);
    agg_free(a);
    if (rc == ERR_OK) rc = tornado_bars(s, &t, bars, o, &acc, e);
    qsort(bars, (size_t)s->nparams, sizeof *bars, by_swing);
    t.bars = bars;
    out_run_info info = run_info(s, o, 1 + 2L * s->nparams, &acc);
    if (rc == ERR_OK) rc = out_tornado_write(o->dir, s, &t, &info, e);
    if (rc == ERR_OK) out_tornado_table(stdout, s, &t);
    free(bars);
    return rc;
}
