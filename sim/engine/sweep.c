/* sweep.c — parameter sweeps and tornado charts (see sweep.h). */
#include "sweep.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memo.h"
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

err_code sweep_metric_check(const scn *s, int metric, err_t *e)
{
    const metric_info *mi = &metric_scalar_info[metric];
    if (mi->risk && !s->risk.enabled)
        return err_set(e, ERR_USAGE, "--metric %s: the scenario has no risk "
                       "section (docs/scenario-format.md, `risk`)", mi->name);
    return ERR_OK;
}

long sweep_grid_points(const sweep_param *ps, int n)
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
    if (sweep_grid_points(ps, n) > SWEEP_POINTS_MAX)
        return err_set(e, ERR_USAGE, "--param: %ld grid points; expected at "
                       "most %d (limit SWEEP_POINTS_MAX)",
                       sweep_grid_points(ps, n), SWEEP_POINTS_MAX);
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

/* What a sweep point's engine run hands each replication to: the
 * caller's on_rep, told which point it belongs to. */
typedef struct {
    const sweep_opts *o;
    long k;
    const double *x;
} point_reps;

static err_code point_rep(const rep_record *r, void *ctx, err_t *e)
{
    const point_reps *h = ctx;
    return h->o->on_rep(h->k, h->x, r, h->o->ctx, e);
}

/* The memo shared by the runs of one analysis (memo.h), unless
 * o->no_reuse; released by reuse_end, which keeps its count. */
static err_code reuse_begin(sweep_totals *t, const sweep_opts *o, err_t *e)
{
    t->memo = NULL;
    if (o->no_reuse) return ERR_OK;
    t->memo = engine_memo_alloc(SWEEP_REUSE_BYTES);
    return t->memo ? ERR_OK : err_set(e, ERR_NOMEM, "out of memory");
}

static void reuse_end(sweep_totals *t)
{
    engine_memo_free(t->memo);
    t->memo = NULL;
}

/* One engine run of `v` (optionally with one input held fixed) into a new
 * aggregator *out, handing every replication to h's on_rep when h is not
 * NULL; totals go into *t. ERR_INTERRUPTED after Ctrl-C. */
static err_code run_once(const scn *v, const sweep_opts *o, int fix_param,
                         double fix_value, uint32_t policies, point_reps *h,
                         agg **out, sweep_totals *t, err_t *e)
{
    const deploy_memo *memo = t->memo ? engine_memo_hooks(t->memo) : NULL;
    agg *a = engine_agg_alloc(v);
    if (a == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    engine_opts eo = {.replications = o->replications, .threads = o->threads,
                      .seed = o->seed, .fix = fix_param >= 0,
                      .fix_param = fix_param, .fix_value = fix_value,
                      .on_rep = h ? point_rep : NULL, .on_rep_ctx = h,
                      .memo = memo, .policies = policies};
    engine_stats st;
    err_code rc = engine_run(v, &eo, a, &st, e);
    engine_stats *acc = &t->stats;
    t->runs++;
    t->replications_requested += o->replications;
    acc->done += st.done;
    acc->seconds += st.seconds;
    acc->glpk_seconds += st.glpk_seconds;
    acc->programs += st.programs;
    acc->nodes += st.nodes;
    acc->reused += st.reused;
    acc->auction_seconds += st.auction_seconds;
    acc->auction_glpk_seconds += st.auction_glpk_seconds;
    acc->auctions += st.auctions;
    acc->threads = st.threads;
    acc->ranks = st.ranks;
    acc->per_rank = st.per_rank;
    acc->restored += st.restored;
    acc->interrupted = acc->interrupted || st.interrupted;
    if (rc == ERR_OK && st.interrupted)
        rc = err_set(e, ERR_INTERRUPTED, "interrupted after %ld of %ld "
                     "replications of run %ld", st.done, o->replications,
                     t->runs);
    if (rc != ERR_OK) {
        agg_free(a);
        return rc;
    }
    *out = a;
    return ERR_OK;
}

void sweep_point_values(const sweep_param *ps, int np, long k, double *out)
{
    for (int j = np - 1; j >= 0; j--) {
        out[j] = ps[j].values[k % ps[j].nvalues];
        k /= ps[j].nvalues;
    }
}

static size_t stat_index(const sweep_result *r, int point, int p, int m,
                         int k)
{
    SPECSIM_ASSERT(point >= 0 && point < r->npoints && p >= 0 &&
                   p < r->npolicies && m >= 0 && m < r->nmetrics && k >= 0 &&
                   k < SWEEP_NSTATS);
    return ((((size_t)point * (size_t)r->npolicies + (size_t)p) *
                 (size_t)r->nmetrics + (size_t)m) * SWEEP_NSTATS + (size_t)k);
}

double sweep_stat(const sweep_result *r, int point, int p, int m, int k)
{
    return r->stat[stat_index(r, point, p, m, k)];
}

static void keep_stats(sweep_result *r, int k, const agg *a)
{
    static const agg_stat want[SWEEP_NSTATS] = {ST_MEAN, ST_CI_LO, ST_CI_HI,
                                                ST_P05, ST_P95};
    for (int p = 0; p < r->npolicies; p++)
        for (int m = 0; m < r->nmetrics; m++)
            for (int q = 0; q < SWEEP_NSTATS; q++)
                r->stat[stat_index(r, k, p, m, q)] =
                    agg_scalar(a, p, r->metrics[m], want[q]);
}

static err_code sweep_points(const scn *s, sweep_result *r,
                             const sweep_opts *o, err_t *e)
{
    scn *v = malloc(sizeof *v);
    if (v == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    err_code rc = ERR_OK;
    int np = r->nparams;
    for (int k = 0; rc == ERR_OK && k < r->npoints; k++) {
        double *x = r->values + (size_t)k * (size_t)np;
        sweep_point_values(r->params, np, k, x);
        if (o->on_point_start) o->on_point_start(k, r->npoints, x, o->ctx);
        *v = *s;
        for (int j = 0; rc == ERR_OK && j < np; j++)
            rc = scn_path_set(v, r->params[j].path, x[j], e);
        agg *a = NULL;
        point_reps h = {o, k, x};
        if (rc == ERR_OK)
            rc = run_once(v, o, -1, 0, 0, o->on_rep ? &h : NULL, &a, &r->totals,
                          e);
        if (rc == ERR_OK && o->on_point)
            rc = o->on_point(k, x, a, o->ctx, e);
        if (rc == ERR_OK) keep_stats(r, k, a);
        agg_free(a);
    }
    free(v);
    return rc;
}

void sweep_result_free(sweep_result *r)
{
    if (r == NULL) return;
    free(r->values);
    free(r->stat);
    free(r);
}

/* A result sized for the grid of ps (already checked), nothing run yet. */
static sweep_result *sweep_result_alloc(const scn *s, const sweep_param *ps,
                                        int np, const int *metrics, int nm)
{
    SPECSIM_ASSERT(np >= 1 && np <= SWEEP_PARAMS_MAX);
    SPECSIM_ASSERT(nm >= 1 && nm <= SWEEP_METRICS_MAX);
    sweep_result *r = calloc(1, sizeof *r);
    if (r == NULL) return NULL;
    r->nparams = np;
    memcpy(r->params, ps, (size_t)np * sizeof *ps);
    r->npoints = (int)sweep_grid_points(ps, np);
    r->nmetrics = nm;
    memcpy(r->metrics, metrics, (size_t)nm * sizeof *metrics);
    r->npolicies = s->npolicies;
    r->values = calloc((size_t)r->npoints * (size_t)np, sizeof *r->values);
    r->stat = calloc((size_t)r->npoints * (size_t)s->npolicies * (size_t)nm *
                         SWEEP_NSTATS, sizeof *r->stat);
    if (r->values == NULL || r->stat == NULL) {
        sweep_result_free(r);
        return NULL;
    }
    return r;
}

err_code sweep_run(const scn *s, const sweep_param *ps, int np,
                   const int *metrics, int nm, const sweep_opts *o,
                   sweep_result **out, err_t *e)
{
    *out = NULL;
    for (int m = 0; m < nm; m++)
        SPECSIM_ASSERT(metrics[m] >= 0 && metrics[m] < M_SCALAR_COUNT);
    err_code rc = sweep_check(s, ps, np, e);
    if (rc != ERR_OK) return rc;
    sweep_result *r = sweep_result_alloc(s, ps, np, metrics, nm);
    if (r == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    rc = reuse_begin(&r->totals, o, e);
    if (rc == ERR_OK) rc = sweep_points(s, r, o, e);
    reuse_end(&r->totals);
    if (rc != ERR_OK) {
        sweep_result_free(r);
        return rc;
    }
    *out = r;
    return ERR_OK;
}

/* ---- tornado ---- */

static int by_swing(const void *pa, const void *pb)
{
    const tornado_bar *a = pa, *b = pb;
    double sa = fabs(a->y_hi - a->y_lo), sb = fabs(b->y_hi - b->y_lo);
    if (isnan(sa)) sa = -1;
    if (isnan(sb)) sb = -1;
    if (sa != sb) return sa > sb ? -1 : 1;
    return a->input - b->input;
}

static err_code tornado_bars(const scn *s, tornado_result *t,
                             const sweep_opts *o, uint32_t policies, err_t *e)
{
    err_code rc = ERR_OK;
    for (int i = 0; rc == ERR_OK && i < s->nparams; i++) {
        tornado_bar *b = &t->bars[i];
        b->input = i;
        b->x_lo = dist_quantile(&s->params[i].dist, 0.05);
        b->x_hi = dist_quantile(&s->params[i].dist, 0.95);
        if (o->on_input_start) o->on_input_start(i, b->x_lo, b->x_hi, o->ctx);
        agg *a = NULL;
        point_reps lo = {o, 2L * i, &b->x_lo}, hi = {o, 2L * i + 1, &b->x_hi};
        rc = run_once(s, o, i, b->x_lo, policies, o->on_rep ? &lo : NULL,
                      &a, &t->totals, e);
        if (rc == ERR_OK) b->y_lo = agg_scalar(a, t->policy, t->metric, t->stat);
        agg_free(a);
        a = NULL;
        if (rc == ERR_OK)
            rc = run_once(s, o, i, b->x_hi, policies,
                          o->on_rep ? &hi : NULL, &a, &t->totals, e);
        if (rc == ERR_OK) b->y_hi = agg_scalar(a, t->policy, t->metric, t->stat);
        agg_free(a);
    }
    return rc;
}

void tornado_result_free(tornado_result *r)
{
    if (r == NULL) return;
    free(r->bars);
    free(r);
}

err_code tornado_run(const scn *s, int policy, int metric,
                     const sweep_opts *o, tornado_result **out, err_t *e)
{
    SPECSIM_ASSERT(policy >= 0 && policy < s->npolicies);
    SPECSIM_ASSERT(metric >= 0 && metric < M_SCALAR_COUNT);
    *out = NULL;
    if (s->nparams == 0)
        return err_set(e, ERR_USAGE, "%s: no uncertain inputs (no field is "
                       "given as a distribution): nothing to vary", s->file);
    /* The metric is read from baseline and the policy; rows of every
     * replication (on_rep) are rows of every policy. */
    SPECSIM_ASSERT(o->on_rep == NULL || o->every_policy);
    uint32_t policies = o->every_policy ? 0 : 1u | 1u << policy;
    tornado_result *t = calloc(1, sizeof *t);
    if (t == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    t->policy = policy;
    t->metric = metric;
    t->stat = policy > 0 && metric_scalar_info[metric].paired ? ST_D_MEAN
                                                               : ST_MEAN;
    t->reference = NAN;
    t->nbars = s->nparams;
    t->bars = calloc((size_t)s->nparams, sizeof *t->bars);
    if (t->bars == NULL) {
        tornado_result_free(t);
        return err_set(e, ERR_NOMEM, "out of memory");
    }
    err_code rc = reuse_begin(&t->totals, o, e);
    if (rc != ERR_OK) {
        tornado_result_free(t);
        return rc;
    }
    if (o->on_input_start) o->on_input_start(-1, NAN, NAN, o->ctx);
    agg *a = NULL;
    double drawn = NAN;
    point_reps ref = {o, -1, &drawn};
    rc = run_once(s, o, -1, 0, policies, o->on_rep ? &ref : NULL, &a,
                  &t->totals, e);
    if (rc == ERR_OK) t->reference = agg_scalar(a, policy, metric, t->stat);
    agg_free(a);
    if (rc == ERR_OK) rc = tornado_bars(s, t, o, policies, e);
    reuse_end(&t->totals);
    if (rc != ERR_OK) {
        tornado_result_free(t);
        return rc;
    }
    qsort(t->bars, (size_t)t->nbars, sizeof *t->bars, by_swing);
    *out = t;
    return ERR_OK;
}
