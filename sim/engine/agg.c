/* agg.c — streaming statistics over replications (see agg.h). */
#include "agg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rstat.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "deploy.h"

const char *const agg_stat_names[ST_COUNT] = {
    "n",         "mean",          "sd",           "ci95_lo",  "ci95_hi",
    "p05",       "p50",           "p95",          "delta_mean",
    "delta_ci95_lo", "delta_ci95_hi", "delta_p05", "delta_p50", "delta_p95"};

static const double quantile_p[3] = {0.05, 0.50, 0.95};

/* The first SPECSIM_EXACT_QUANTILES_MAX values (and differences) are kept
 * for exact quantiles; P-square estimates take over beyond them. */
#define EXACT SPECSIM_EXACT_QUANTILES_MAX

typedef struct {
    gsl_rstat_workspace *rs, *drs;
    gsl_rstat_quantile_workspace *q[3], *dq[3];
    double *keep, *dkeep; /* [EXACT] each */
} acc;

struct agg {
    int np, nt, no, nb;
    int nkeys[KEY_COUNT];   /* operators, vendors, countries */
    /* Keyed metric m of a policy starts at key_at[m] (yearly: at
     * key_at_y[m], years innermost); key_n and key_n_y per policy. */
    int key_at[M_KEYED_COUNT], key_at_y[M_KEYED_YEARLY_COUNT];
    int key_n, key_n_y;
    long count;
    acc *scalar;  /* [p][m] */
    acc *yearly;  /* [p][m][t] */
    acc *oper;    /* [p][o][m] */
    acc *band;    /* [p][b][m] */
    acc *won;     /* [p][o][b] */
    acc *keyed;   /* [p][m][k] */
    acc *keyed_y; /* [p][m][k][t] */
    double *scratch;        /* [EXACT] sorting space for exact quantiles */
    long problems[P_MAX];
    long first_rep[P_MAX];
    char first_diag[P_MAX][SPECSIM_ERRMSG_MAX];
};

static bool acc_init(acc *c)
{
    c->rs = gsl_rstat_alloc();
    c->drs = gsl_rstat_alloc();
    c->keep = malloc(EXACT * sizeof *c->keep);
    c->dkeep = malloc(EXACT * sizeof *c->dkeep);
    bool ok = c->rs && c->drs && c->keep && c->dkeep;
    for (int k = 0; k < 3; k++) {
        c->q[k] = gsl_rstat_quantile_alloc(quantile_p[k]);
        c->dq[k] = gsl_rstat_quantile_alloc(quantile_p[k]);
        ok = ok && c->q[k] && c->dq[k];
    }
    return ok;
}

static void acc_free(acc *c)
{
    free(c->keep);
    free(c->dkeep);
    if (c->rs) gsl_rstat_free(c->rs);
    if (c->drs) gsl_rstat_free(c->drs);
    for (int k = 0; k < 3; k++) {
        if (c->q[k]) gsl_rstat_quantile_free(c->q[k]);
        if (c->dq[k]) gsl_rstat_quantile_free(c->dq[k]);
    }
}

static int nacc(const agg *a)
{
    return a->np * (M_SCALAR_COUNT + M_YEARLY_COUNT * a->nt +
                    a->no * M_OPERATOR_COUNT + a->nb * M_BAND_COUNT +
                    a->no * a->nb + a->key_n + a->key_n_y * a->nt);
}

/* Offsets of the keyed metrics within a policy's block. */
static void key_layout(agg *a)
{
    a->key_n = a->key_n_y = 0;
    for (int m = 0; m < M_KEYED_COUNT; m++) {
        a->key_at[m] = a->key_n;
        a->key_n += a->nkeys[metric_keyed_scalar_info[m].key];
    }
    for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++) {
        a->key_at_y[m] = a->key_n_y;
        a->key_n_y += a->nkeys[metric_keyed_yearly_info[m].key];
    }
}

agg *agg_alloc(int npolicies, int nyears, int noperators, int nbands,
               int nvendors, int ncountries)
{
    SPECSIM_ASSERT(npolicies >= 1 && npolicies <= P_MAX);
    SPECSIM_ASSERT(nyears >= 1 && nyears <= T_MAX);
    SPECSIM_ASSERT(noperators >= 1 && noperators <= O_MAX);
    SPECSIM_ASSERT(nbands >= 1 && nbands <= B_MAX);
    SPECSIM_ASSERT(nvendors >= 1 && nvendors <= K_MAX);
    SPECSIM_ASSERT(ncountries >= 0 && ncountries <= K_MAX);
    agg *a = calloc(1, sizeof *a);
    if (a == NULL) return NULL;
    a->np = npolicies; a->nt = nyears; a->no = noperators; a->nb = nbands;
    a->nkeys[KEY_OPERATOR] = noperators;
    a->nkeys[KEY_VENDOR] = nvendors;
    a->nkeys[KEY_COUNTRY] = ncountries;
    key_layout(a);
    int n = nacc(a);
    acc *all = calloc((size_t)n, sizeof *all);
    a->scratch = malloc(EXACT * sizeof *a->scratch);
    if (all == NULL || a->scratch == NULL) {
        free(all);
        free(a->scratch);
        free(a);
        return NULL;
    }
    a->scalar = all;
    a->yearly = all + a->np * M_SCALAR_COUNT;
    a->oper = a->yearly + a->np * M_YEARLY_COUNT * a->nt;
    a->band = a->oper + a->np * a->no * M_OPERATOR_COUNT;
    a->won = a->band + a->np * a->nb * M_BAND_COUNT;
    a->keyed = a->won + a->np * a->no * a->nb;
    a->keyed_y = a->keyed + a->np * a->key_n;
    bool ok = true;
    for (int i = 0; i < n; i++) ok = acc_init(&all[i]) && ok;
    if (!ok) { agg_free(a); return NULL; }
    for (int p = 0; p < P_MAX; p++) a->first_rep[p] = -1;
    return a;
}

void agg_free(agg *a)
{
    if (a == NULL) return;
    int n = nacc(a);
    for (int i = 0; i < n; i++) acc_free(&a->scalar[i]);
    free(a->scalar);
    free(a->scratch);
    free(a);
}

static void acc_add(acc *c, double x, double base, bool paired)
{
    if (!isfinite(x)) return;
    size_t n = gsl_rstat_n(c->rs);
    if (n < EXACT) c->keep[n] = x;
    gsl_rstat_add(x, c->rs);
    for (int k = 0; k < 3; k++) gsl_rstat_quantile_add(x, c->q[k]);
    if (!paired || !isfinite(base)) return;
    n = gsl_rstat_n(c->drs);
    if (n < EXACT) c->dkeep[n] = x - base;
    gsl_rstat_add(x - base, c->drs);
    for (int k = 0; k < 3; k++) gsl_rstat_quantile_add(x - base, c->dq[k]);
}

static acc *acc_scalar(const agg *a, int p, int m)
{
    return &a->scalar[p * M_SCALAR_COUNT + m];
}
static acc *acc_yearly(const agg *a, int p, int m, int t)
{
    return &a->yearly[(p * M_YEARLY_COUNT + m) * a->nt + t];
}
static acc *acc_oper(const agg *a, int p, int o, int m)
{
    return &a->oper[(p * a->no + o) * M_OPERATOR_COUNT + m];
}

static acc *acc_band(const agg *a, int p, int b, int m)
{
    return &a->band[(p * a->nb + b) * M_BAND_COUNT + m];
}
static acc *acc_won(const agg *a, int p, int o, int b)
{
    return &a->won[(p * a->no + o) * a->nb + b];
}
static acc *acc_keyed(const agg *a, int p, int m, int k)
{
    return &a->keyed[p * a->key_n + a->key_at[m] + k];
}
static acc *acc_keyed_y(const agg *a, int p, int m, int k, int t)
{
    return &a->keyed_y[(p * a->key_n_y + a->key_at_y[m] + k) * a->nt + t];
}

/* The keyed metrics of policy p. */
static void add_keyed(agg *a, const rep_record *r, int p)
{
    for (int m = 0; m < M_KEYED_COUNT; m++) {
        const metric_keyed_info *mi = &metric_keyed_scalar_info[m];
        for (int k = 0; k < a->nkeys[mi->key]; k++)
            acc_add(acc_keyed(a, p, m, k), r->keyed[p][m][k],
                    r->keyed[0][m][k], p > 0 && mi->info.paired);
    }
    for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++) {
        const metric_keyed_info *mi = &metric_keyed_yearly_info[m];
        for (int k = 0; k < a->nkeys[mi->key]; k++)
            for (int t = 0; t < a->nt; t++)
                acc_add(acc_keyed_y(a, p, m, k, t), r->keyed_yearly[p][m][k][t],
                        r->keyed_yearly[0][m][k][t], p > 0 && mi->info.paired);
    }
}

static void note_problem(agg *a, const rep_record *r, int p)
{
    if (r->status[p] != DEPLOY_INFEASIBLE && r->status[p] != DEPLOY_FAILED &&
        r->status[p] != DEPLOY_LIMIT_NOPLAN)
        return;
    if (a->problems[p]++ == 0) {
        a->first_rep[p] = r->rep;
        memcpy(a->first_diag[p], r->diagnosis[p], SPECSIM_ERRMSG_MAX);
    }
}

void agg_add(agg *a, const rep_record *r)
{
    for (int p = 0; p < a->np; p++) {
        bool paired = p > 0;
        for (int m = 0; m < M_SCALAR_COUNT; m++)
            acc_add(acc_scalar(a, p, m), r->scalar[p][m], r->scalar[0][m],
                    paired && metric_scalar_info[m].paired);
        for (int m = 0; m < M_YEARLY_COUNT; m++)
            for (int t = 0; t < a->nt; t++)
                acc_add(acc_yearly(a, p, m, t), r->yearly[p][m][t],
                        r->yearly[0][m][t], paired);
        for (int o = 0; o < a->no; o++)
            for (int m = 0; m < M_OPERATOR_COUNT; m++)
                acc_add(acc_oper(a, p, o, m), r->oper[p][o][m],
                        r->oper[0][o][m], paired);
        for (int b = 0; b < a->nb; b++) {
            for (int m = 0; m < M_BAND_COUNT; m++)
                acc_add(acc_band(a, p, b, m), r->band[p][b][m],
                        r->band[0][b][m], paired);
            for (int o = 0; o < a->no; o++)
                acc_add(acc_won(a, p, o, b), r->lots_won[p][o][b],
                        r->lots_won[0][o][b], paired);
        }
        add_keyed(a, r, p);
        note_problem(a, r, p);
    }
    a->count++;
}

long agg_count(const agg *a) { return a->count; }

/* Mean's 95 % interval half-width from a running-statistics workspace. */
static double half_width(gsl_rstat_workspace *rs)
{
    size_t n = gsl_rstat_n(rs);
    if (n < 2) return NAN;
    double t = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1));
    return t * gsl_rstat_sd(rs) / sqrt((double)n);
}

/* Quantile k (5, 50, 95 %): exact (linear interpolation between order
 * statistics) while every value is kept, else the P-square estimate. */
static double quantile(const agg *a, const double *keep, size_t n,
                       gsl_rstat_quantile_workspace *q, int k)
{
    if (n > EXACT) return gsl_rstat_quantile_get(q);
    double *v = a->scratch;
    memcpy(v, keep, n * sizeof *v);
    gsl_sort(v, 1, n);
    return gsl_stats_quantile_from_sorted_data(v, 1, n, quantile_p[k]);
}

static double acc_get(const agg *a, const acc *c, agg_stat st)
{
    bool delta = st >= ST_FIRST_DELTA;
    gsl_rstat_workspace *rs = delta ? c->drs : c->rs;
    size_t n = gsl_rstat_n(rs);
    if (st == ST_N) return (double)n;
    if (n == 0) return NAN;
    switch (st) {
    case ST_MEAN: case ST_D_MEAN: return gsl_rstat_mean(rs);
    case ST_SD: return n < 2 ? NAN : gsl_rstat_sd(rs);
    case ST_CI_LO: case ST_D_CI_LO: return gsl_rstat_mean(rs) - half_width(rs);
    case ST_CI_HI: case ST_D_CI_HI: return gsl_rstat_mean(rs) + half_width(rs);
    default: break; /* a quantile: 5, 50 or 95 % */
    }
    int k = (int)st - (delta ? ST_D_P05 : ST_P05);
    SPECSIM_ASSERT(k >= 0 && k < 3);
    return quantile(a, delta ? c->dkeep : c->keep, n, (delta ? c->dq : c->q)[k],
                    k);
}

double agg_scalar(const agg *a, int p, int m, agg_stat st)
{
    SPECSIM_ASSERT(p >= 0 && p < a->np && m >= 0 && m < M_SCALAR_COUNT);
    return acc_get(a, acc_scalar(a, p, m), st);
}

double agg_yearly(const agg *a, int p, int m, int t, agg_stat st)
{
    SPECSIM_ASSERT(p >= 0 && p < a->np && m >= 0 && m < M_YEARLY_COUNT);
    SPECSIM_ASSERT(t >= 0 && t < a->nt);
    return acc_get(a, acc_yearly(a, p, m, t), st);
}

double agg_operator(const agg *a, int p, int o, int m, agg_stat st)
{
    SPECSIM_ASSERT(p >= 0 && p < a->np && o >= 0 && o < a->no);
    SPECSIM_ASSERT(m >= 0 && m < M_OPERATOR_COUNT);
    return acc_get(a, acc_oper(a, p, o, m), st);
}

double agg_band(const agg *a, int p, int b, int m, agg_stat st)
{
    SPECSIM_ASSERT(p >= 0 && p < a->np && b >= 0 && b < a->nb);
    SPECSIM_ASSERT(m >= 0 && m < M_BAND_COUNT);
    return acc_get(a, acc_band(a, p, b, m), st);
}

double agg_lots_won(const agg *a, int p, int o, int b, agg_stat st)
{
    SPECSIM_ASSERT(p >= 0 && p < a->np && o >= 0 && o < a->no);
    SPECSIM_ASSERT(b >= 0 && b < a->nb);
    return acc_get(a, acc_won(a, p, o, b), st);
}

double agg_keyed(const agg *a, int p, int m, int k, agg_stat st)
{
    SPECSIM_ASSERT(p >= 0 && p < a->np && m >= 0 && m < M_KEYED_COUNT);
    SPECSIM_ASSERT(k >= 0 && k < a->nkeys[metric_keyed_scalar_info[m].key]);
    return acc_get(a, acc_keyed(a, p, m, k), st);
}

double agg_keyed_yearly(const agg *a, int p, int m, int k, int t, agg_stat st)
{
    SPECSIM_ASSERT(p >= 0 && p < a->np && m >= 0 && m < M_KEYED_YEARLY_COUNT);
    SPECSIM_ASSERT(k >= 0 && k < a->nkeys[metric_keyed_yearly_info[m].key]);
    SPECSIM_ASSERT(t >= 0 && t < a->nt);
    return acc_get(a, acc_keyed_y(a, p, m, k, t), st);
}

long agg_problems(const agg *a, int p) { return a->problems[p]; }

const char *agg_first_diagnosis(const agg *a, int p, long *rep)
{
    if (rep) *rep = a->first_rep[p];
    return a->problems[p] ? a->first_diag[p] : "";
}
