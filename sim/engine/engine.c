/* engine.c — the replication loop (see engine.h). The only file that
 * includes <omp.h>. */
#include "engine.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <omp.h>

#include "auction_stage.h"
#include "deploy.h"
#include "draw.h"
#include "instance.h"

/* Replications per thread in one batch: large enough to keep threads busy,
 * small enough for a responsive progress bar and Ctrl-C. */
#define BATCH_PER_THREAD 8

static volatile sig_atomic_t stop_requested;

void engine_interrupt(void) { stop_requested = 1; }

int engine_default_threads(void) { return omp_get_num_procs(); }

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct {
    rng *gen;
    double *draws, *work;
    deploy_problem *prob;
    deploy_result *res;
    instance_spectrum spectrum;
    auction_stage *auction;      /* NULL when the scenario has no auction */
    auction_result auction_res;
    double auction_seconds, auction_glpk_seconds;
    long auctions;
    double glpk_seconds;
    long programs;
} workspace;

static void ws_free(workspace *w)
{
    if (w == NULL) return;
    rng_free(w->gen);
    auction_stage_free(w->auction);
    free(w->draws); free(w->work); free(w->prob); free(w->res);
}

/* Allocate a thread's workspace; false with the reason in *e. */
static bool ws_init(workspace *w, const scn *s, err_t *e)
{
    memset(w, 0, sizeof *w);
    size_t np = (size_t)(s->nparams > 0 ? s->nparams : 1);
    w->gen = rng_alloc();
    w->draws = calloc(np, sizeof *w->draws);
    w->work = calloc(2 * np, sizeof *w->work);
    w->prob = calloc(1, sizeof *w->prob);
    w->res = calloc(1, sizeof *w->res);
    if (!(w->gen && w->draws && w->work && w->prob && w->res)) {
        err_set(e, ERR_NOMEM, "out of memory for a workspace");
        return false;
    }
    if (s->auction.enabled && (w->auction = auction_stage_alloc(s, e)) == NULL)
        return false;
    return true;
}

agg *engine_agg_alloc(const scn *s)
{
    return agg_alloc(s->npolicies, s->year_last - s->year_first + 1,
                     s->noperators, s->nbands, s->nvendors, s->ncountries);
}

/* The rollout program of policy `pol` in w->prob, after the auction when
 * the scenario has one (its outcome in w->auction_res). */
static err_code prepare_policy(const scn *s, const engine_opts *o, long rep,
                               int pol, workspace *w, err_t *e)
{
    instance_spectrum_from_scenario(s, &w->spectrum);
    instance_build(s, w->draws, pol, &w->spectrum, w->prob);
    if (w->auction == NULL) return ERR_OK;
    double t0 = now_seconds(), g0 = auction_glpk_seconds_thread();
    err_code rc = auction_stage_run(w->auction, s, w->draws, pol, w->prob,
                                    w->gen, o->seed, rep, &w->spectrum,
                                    &w->auction_res, e);
    w->auction_seconds += now_seconds() - t0;
    w->auction_glpk_seconds += auction_glpk_seconds_thread() - g0;
    w->auctions++;
    if (rc != ERR_OK) return rc;
    instance_build(s, w->draws, pol, &w->spectrum, w->prob);
    return ERR_OK;
}

/* Auction metrics of policy `pol` (NaN when `on` is false: no auction, or
 * it failed). */
static void record_auction(const scn *s, const workspace *w, int pol, bool on,
                           rep_record *r)
{
    const auction_result *a = &w->auction_res;
    double *m = r->scalar[pol], pop = 0, unsold = 0;
    for (int reg = 0; reg < s->nregions; reg++) pop += w->prob->population[reg];
    for (int b = 0; b < s->nbands; b++) {
        const scn_band *bd = &s->bands[b];
        int sold = bd->lots - (on ? a->unsold[b] : 0);
        double mhz = sold * bd->mhz_per_lot * (bd->paired ? 2.0 : 1.0);
        double *mb = r->band[pol][b];
        mb[MB_REVENUE] = on ? a->revenue_band[b] : NAN;
        mb[MB_PRICE_LOT] = on && sold > 0 ? a->revenue_band[b] / sold : NAN;
        mb[MB_PRICE_MHZ_POP] = on && mhz > 0 ? a->revenue_band[b] / (mhz * pop) : NAN;
        mb[MB_UNSOLD] = on ? (double)a->unsold[b] : NAN;
        unsold += on ? a->unsold[b] : 0;
        for (int o = 0; o < s->noperators; o++)
            r->lots_won[pol][o][b] = on ? (double)a->won[o][b] : NAN;
    }
    for (int o = 0; o < s->noperators; o++)
        r->oper[pol][o][MO_PAYMENT] = on ? a->pay[o] : NAN;
    m[M_AUCTION_REVENUE] = on ? a->revenue : NAN;
    m[M_AUCTION_ROUNDS] = on ? (double)a->rounds : NAN;
    m[M_AUCTION_EFFICIENCY] = on ? a->efficiency : NAN;
    m[M_AUCTION_UNSOLD] = on ? unsold : NAN;
}

/* A target year from a coverage path, and whether it was reached. */
static void record_target(const scn *s, const double *path, int nyears,
                          double *year, double *reached)
{
    *year = deploy_target_year(path, nyears, s->year_first,
                               s->run.coverage_target);
    *reached = isnan(*year) ? 0.0 : 1.0;
}

/* The breakdowns by operator, vendor and country; delays are filled once
 * every policy is done (run_rep). */
static void record_keyed(const scn *s, const deploy_problem *p,
                         const deploy_result *res, int pol, rep_record *r)
{
    double (*k)[K_MAX] = r->keyed[pol];
    double (*ky)[K_MAX][T_MAX] = r->keyed_yearly[pol];
    for (int o = 0; o < s->noperators; o++) {
        deploy_operator_coverage_path(p, res, o, ky[MKY_OP_COVERAGE][o]);
        record_target(s, ky[MKY_OP_COVERAGE][o], p->nyears,
                      &k[MK_OP_TARGET_YEAR][o], &k[MK_OP_TARGET_REACHED][o]);
    }
    for (int v = 0; v < s->nvendors; v++) {
        double total = 0;
        for (int t = 0; t < p->nyears; t++) {
            ky[MKY_SITES_BOUGHT][v][t] = deploy_sites_bought(p, res, v, t);
            total += ky[MKY_SITES_BOUGHT][v][t];
        }
        k[MK_SITES_BOUGHT_TOTAL][v] = total;
    }
    for (int c = 0; c < s->ncountries; c++) {
        uint32_t regions = s->countries[c].regions;
        deploy_coverage_path(p, res, regions, ky[MKY_CTRY_COVERAGE][c]);
        deploy_hrv_share_path(p, res, regions, ky[MKY_CTRY_HRV_SHARE][c]);
        record_target(s, ky[MKY_CTRY_COVERAGE][c], p->nyears,
                      &k[MK_CTRY_TARGET_YEAR][c],
                      &k[MK_CTRY_TARGET_REACHED][c]);
    }
}

static void record_policy(const scn *s, const deploy_problem *p,
                          const deploy_result *res, int pol, rep_record *r)
{
    double *m = r->scalar[pol];
    double tot[M_OPERATOR_COUNT] = {0}, short_max = 0;
    for (int o = 0; o < s->noperators; o++) {
        const deploy_costs *c = &res->npv[o];
        double *op = r->oper[pol][o];
        op[MO_CAPEX] = c->capex; op[MO_OPEX] = c->opex; op[MO_SWAP] = c->swap;
        op[MO_MITIGATION] = c->mitigation; op[MO_PENALTY] = c->penalty;
        op[MO_MARGIN] = c->margin;
        op[MO_FINANCING] = c->financing; op[MO_OVERRUN] = res->overrun_npv[o];
        op[MO_LATE_PENALTY] = c->late_penalty; op[MO_SUBSIDY] = c->subsidy;
        op[MO_TOTAL] = c->capex + c->opex + c->swap + c->mitigation +
                       c->financing - c->subsidy;
        op[MO_SHORTFALL] = res->shortfall[o];
        for (int k = 0; k < M_OPERATOR_COUNT; k++) tot[k] += op[k];
        short_max = fmax(short_max, res->shortfall[o]);
    }
    m[M_COST_TOTAL] = tot[MO_TOTAL]; m[M_COST_CAPEX] = tot[MO_CAPEX];
    m[M_COST_OPEX] = tot[MO_OPEX]; m[M_COST_SWAP] = tot[MO_SWAP];
    m[M_COST_MITIGATION] = tot[MO_MITIGATION]; m[M_PENALTY] = tot[MO_PENALTY];
    m[M_MARGIN] = tot[MO_MARGIN];
    m[M_OPERATOR_NPV] = tot[MO_MARGIN] - tot[MO_TOTAL] - tot[MO_PENALTY] -
                        tot[MO_LATE_PENALTY];
    m[M_FINANCING] = tot[MO_FINANCING]; m[M_BUDGET_OVERRUN] = tot[MO_OVERRUN];
    m[M_LATE_PENALTY] = tot[MO_LATE_PENALTY];
    m[M_STATE_OUTLAY] = res->state_outlay_npv;
    m[M_REMOVAL_DELAY] = res->removal_delay_months;
    m[M_SHORTFALL_MAX] = short_max;
    record_target(s, res->coverage_pop_share, p->nyears, &m[M_TARGET_YEAR],
                  &m[M_TARGET_REACHED]);
    for (int t = 0; t < p->nyears; t++) {
        r->yearly[pol][MY_COVERAGE][t] = res->coverage_pop_share[t];
        r->yearly[pol][MY_HRV_SHARE][t] = res->hrv_site_share[t];
        r->yearly[pol][MY_RISK][t] = res->risk_exposure[t];
        r->yearly[pol][MY_LATE_SITES][t] = res->removal_late_sites[t];
    }
    record_keyed(s, p, res, pol, r);
}

/* Every rollout metric NaN but the indicators: the policy has no plan
 * here. The auction's metrics are left as recorded. */
static void record_missing(rep_record *r, int pol, deploy_status st)
{
    for (int m = 0; m < M_SCALAR_COUNT; m++)
        if (!metric_scalar_info[m].auction) r->scalar[pol][m] = NAN;
    for (int m = 0; m < M_YEARLY_COUNT; m++)
        for (int t = 0; t < T_MAX; t++) r->yearly[pol][m][t] = NAN;
    for (int o = 0; o < O_MAX; o++)
        for (int m = 0; m < M_OPERATOR_COUNT; m++)
            if (!metric_operator_info[m].auction) r->oper[pol][o][m] = NAN;
    for (int m = 0; m < M_KEYED_COUNT; m++)
        for (int k = 0; k < K_MAX; k++) r->keyed[pol][m][k] = NAN;
    for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++)
        for (int k = 0; k < K_MAX; k++)
            for (int t = 0; t < T_MAX; t++) r->keyed_yearly[pol][m][k][t] = NAN;
    r->scalar[pol][M_INFEASIBLE] = st == DEPLOY_INFEASIBLE;
    r->scalar[pol][M_SOLVER_FAILED] = st == DEPLOY_FAILED;
    r->scalar[pol][M_SOLVER_LIMIT] = 0;
}

/* Target year against baseline's in the same replication, in months: NaN
 * when either never reaches the target. */
static double delay_months(double year, double base)
{
    return 12.0 * (year - base);
}

/* Every delay of the replication, national, by operator and by country,
 * once all policies are recorded. */
static void record_delays(const scn *s, rep_record *r)
{
    for (int pol = 0; pol < s->npolicies; pol++) {
        double (*k)[K_MAX] = r->keyed[pol];
        r->scalar[pol][M_DELAY_MONTHS] = delay_months(
            r->scalar[pol][M_TARGET_YEAR], r->scalar[0][M_TARGET_YEAR]);
        for (int o = 0; o < s->noperators; o++)
            k[MK_OP_DELAY_MONTHS][o] = delay_months(
                k[MK_OP_TARGET_YEAR][o], r->keyed[0][MK_OP_TARGET_YEAR][o]);
        for (int c = 0; c < s->ncountries; c++)
            k[MK_CTRY_DELAY_MONTHS][c] = delay_months(
                k[MK_CTRY_TARGET_YEAR][c], r->keyed[0][MK_CTRY_TARGET_YEAR][c]);
    }
}

/* One replication: draw, then for every policy build and solve the rollout
 * program with the same draws (common random numbers). */
static void draw_rep(const draw_ctx *dc, const engine_opts *o, long rep,
                     workspace *w)
{
    draw_params(dc, w->gen, o->seed, (uint64_t)rep, w->draws, w->work);
    if (o->fix) w->draws[o->fix_param] = o->fix_value;
}

static void run_rep(const scn *s, const draw_ctx *dc, const engine_opts *o,
                    long rep, workspace *w, rep_record *r)
{
    r->rep = rep;
    draw_rep(dc, o, rep, w);
    for (int pol = 0; pol < s->npolicies; pol++) {
        err_t e;
        err_clear(&e);
        r->diagnosis[pol][0] = '\0';
        err_code rc = prepare_policy(s, o, rep, pol, w, &e);
        if (rc != ERR_OK) {
            /* The auction failed: contained to this policy and replication. */
            snprintf(r->diagnosis[pol], SPECSIM_ERRMSG_MAX, "%s", e.msg);
            r->status[pol] = DEPLOY_FAILED;
            record_missing(r, pol, DEPLOY_FAILED);
            record_auction(s, w, pol, false, r);
            continue;
        }
        record_auction(s, w, pol, w->auction != NULL, r);
        rc = deploy_solve(w->prob, w->res, &e);
        w->glpk_seconds += w->res->solve_seconds;
        w->programs++;
        r->status[pol] = (int)w->res->status;
        if (rc != ERR_OK) {
            snprintf(r->diagnosis[pol], SPECSIM_ERRMSG_MAX, "%s", e.msg);
            record_missing(r, pol, w->res->status);
            continue;
        }
        record_policy(s, w->prob, w->res, pol, r);
        r->scalar[pol][M_INFEASIBLE] = 0;
        r->scalar[pol][M_SOLVER_FAILED] = 0;
        r->scalar[pol][M_SOLVER_LIMIT] = w->res->status == DEPLOY_LIMIT;
    }
    record_delays(s, r);
}

err_code engine_replication(const scn *s, uint64_t seed, long rep,
                            rep_record *r, err_t *e)
{
    draw_ctx *dc = draw_ctx_alloc(s, e);
    if (dc == NULL) return e ? e->code : ERR_SCENARIO;
    workspace w;
    err_code rc = ERR_OK;
    engine_opts o = {.replications = rep + 1, .seed = seed};
    if (ws_init(&w, s, e))
        run_rep(s, dc, &o, rep, &w, r);
    else
        rc = e ? e->code : ERR_NOMEM;
    ws_free(&w);
    draw_ctx_free(dc);
    deploy_glpk_thread_done();
    return rc;
}

static void progress(long done, long total, double t0, bool final)
{
    double el = now_seconds() - t0;
    double rate = el > 0 ? (double)done / el : 0;
    double eta = rate > 0 ? (double)(total - done) / rate : 0;
    int width = 30, fill = (int)((double)width * (double)done / (double)total);
    char bar[32];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %ld/%ld replications  %.1f/s  ETA %.0fs   %s",
            bar, done, total, rate, eta, final ? "\n" : "");
    fflush(stderr);
}

typedef struct {
    const scn *s;
    const draw_ctx *dc;
    const engine_opts *o;
    workspace *ws;
    rep_record *buf;
    char *done;       /* [batch]: replication i of the batch finished */
    int threads;
    long batch;
} run_ctx;

/* Run replications [start, start+n) in parallel; returns how many of the
 * first ones finished without an interrupt (a prefix). */
static long run_batch(run_ctx *c, long start, long n)
{
    char *done = c->done;
    memset(done, 0, (size_t)n);
#pragma omp parallel for schedule(dynamic, 1) num_threads(c->threads)
    for (long i = 0; i < n; i++) {
        if (stop_requested) continue;
        workspace *w = &c->ws[omp_get_thread_num()];
        run_rep(c->s, c->dc, c->o, start + i, w, &c->buf[i]);
        done[i] = 1;
    }
    long k = 0;
    while (k < n && done[k]) k++;
    return k;
}

static err_code run_all(run_ctx *c, agg *a, engine_stats *st, err_t *e)
{
    double t0 = now_seconds();
    long total = c->o->replications;
    for (long start = 0; start < total; start += c->batch) {
        long n = total - start < c->batch ? total - start : c->batch;
        long k = run_batch(c, start, n);
        for (long i = 0; i < k; i++) {
            agg_add(a, &c->buf[i]);
            if (c->o->on_rep) {
                err_code rc = c->o->on_rep(&c->buf[i], c->o->on_rep_ctx, e);
                if (rc != ERR_OK) return rc;
            }
        }
        st->done += k;
        if (c->o->progress) progress(st->done, total, t0, false);
        if (k < n) { st->interrupted = true; break; }
    }
    if (c->o->progress) progress(st->done, total, t0, true);
    st->seconds = now_seconds() - t0;
    return ERR_OK;
}

err_code engine_run(const scn *s, const engine_opts *o, agg *a,
                    engine_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    SPECSIM_ASSERT(!o->fix || (o->fix_param >= 0 && o->fix_param < s->nparams));
    stop_requested = 0;
    int threads = o->threads > 0 ? o->threads : engine_default_threads();
    st->threads = threads;
    draw_ctx *dc = draw_ctx_alloc(s, e);
    if (dc == NULL) return e ? e->code : ERR_SCENARIO;
    run_ctx c = {s, dc, o, calloc((size_t)threads, sizeof(workspace)), NULL,
                 NULL, threads, (long)threads * BATCH_PER_THREAD};
    c.buf = calloc((size_t)c.batch, sizeof *c.buf);
    c.done = calloc((size_t)c.batch, 1);
    bool ok = c.ws && c.buf && c.done;
    if (!ok) err_set(e, ERR_NOMEM, "out of memory for %d workspaces", threads);
    for (int i = 0; ok && i < threads; i++) ok = ws_init(&c.ws[i], s, e);
    err_code rc = ok ? run_all(&c, a, st, e) : (e ? e->code : ERR_NOMEM);
    for (int i = 0; c.ws && i < threads; i++) {
        st->glpk_seconds += c.ws[i].glpk_seconds;
        st->programs += c.ws[i].programs;
        st->auction_seconds += c.ws[i].auction_seconds;
        st->auction_glpk_seconds += c.ws[i].auction_glpk_seconds;
        st->auctions += c.ws[i].auctions;
        ws_free(&c.ws[i]);
    }
    free(c.ws); free(c.buf); free(c.done);
    draw_ctx_free(dc);
    /* Every thread of the team releases the GLPK environment it made. */
#pragma omp parallel num_threads(threads)
    deploy_glpk_thread_done();
    return rc;
}

err_code engine_problem(const scn *s, uint64_t seed, long rep, int policy,
                        deploy_problem *p, err_t *e)
{
    draw_ctx *dc = draw_ctx_alloc(s, e);
    if (dc == NULL) return e ? e->code : ERR_SCENARIO;
    workspace w;
    err_code rc = ERR_OK;
    engine_opts o = {.replications = rep + 1, .seed = seed};
    if (ws_init(&w, s, e)) {
        draw_rep(dc, &o, rep, &w);
        rc = prepare_policy(s, &o, rep, policy, &w, e);
        if (rc == ERR_OK) memcpy(p, w.prob, sizeof *p);
    } else {
        rc = e ? e->code : ERR_NOMEM;
    }
    ws_free(&w);
    draw_ctx_free(dc);
    deploy_glpk_thread_done();
    return rc;
}
