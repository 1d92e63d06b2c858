/* engine.c — the replication loop (see engine.h). The only file that
 * includes <omp.h>. */
#include "engine.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <omp.h>

#include "auction_stage.h"
#include "clock.h"
#include "deploy.h"
#include "draw.h"
#include "cluster.h"
#include "instance.h"
#include "risk_stage.h"

/* Record slots per thread (run_all): enough that a thread rarely waits
 * for a slow replication to be finished, few enough to keep memory small
 * (a record is a few hundred kilobytes). */
#define WINDOW_PER_THREAD 8

/* Set by engine_interrupt (from a signal handler), read by the workers.
 * A lock-free atomic is the only object, besides volatile sig_atomic_t, a
 * handler may write; unlike sig_atomic_t it is also safe to read from
 * other threads. Relaxed order: it carries no other data. */
static atomic_int stop_requested;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2,
               "engine_interrupt needs a lock-free atomic_int");

void engine_interrupt(void)
{
    atomic_store_explicit(&stop_requested, 1, memory_order_relaxed);
}

void engine_interrupt_clear(void)
{
    atomic_store_explicit(&stop_requested, 0, memory_order_relaxed);
}

static bool stopping(void)
{
    return atomic_load_explicit(&stop_requested, memory_order_relaxed) != 0;
}

bool engine_stopping(void) { return stopping(); }

const atomic_int *engine_stop_flag(void) { return &stop_requested; }

int engine_thread_num(void) { return omp_get_thread_num(); }

int engine_default_threads(void) { return omp_get_num_procs(); }

typedef struct {
    rng *gen;
    double *draws, *work;
    deploy_problem *prob;
    deploy_result *res;
    instance_spectrum spectrum;
    auction_stage *auction;      /* NULL when the scenario has no auction */
    auction_result auction_res;
    double auction_seconds;
    long auctions;
    double glpk_seconds;
    long programs;
    long nodes;                  /* branch-and-bound nodes of those */
    const atomic_int *stop;      /* handed to the solvers; NULL outside
                                    engine_run */
    const deploy_memo *memo;     /* solutions to reuse (engine_opts) */
    long reused;                 /* programs whose solution it gave */
    double *objective;           /* [policies]: each program's optimum,
                                    when not NULL */
} workspace;

/* Add a workspace's solver and auction totals to *st. */
static void ws_totals(const workspace *w, engine_stats *st)
{
    st->glpk_seconds += w->glpk_seconds;
    st->programs += w->programs;
    st->nodes += w->nodes;
    st->reused += w->reused;
    st->auction_seconds += w->auction_seconds;
    st->auction_glpk_seconds += auction_stage_glpk_seconds(w->auction);
    st->auctions += w->auctions;
}

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

bool engine_policy_all_failed(const agg *a, int policy)
{
    SPECSIM_ASSERT(a != NULL);
    return agg_scalar(a, policy, M_SOLVER_FAILED, ST_N) > 0 &&
           agg_scalar(a, policy, M_SOLVER_FAILED, ST_MEAN) >= 1.0;
}

/* The rollout program of policy `pol` in w->prob with the current
 * spectrum, its derived numbers checked first (a scenario error). */
static err_code build_checked(const scn *s, int pol, workspace *w, err_t *e)
{
    err_code rc = instance_check(s, w->draws, &w->spectrum, e);
    if (rc != ERR_OK) return rc;
    instance_build(s, w->draws, pol, &w->spectrum, w->prob);
    w->prob->stop = w->stop;
    w->prob->memo = w->memo;
    return ERR_OK;
}

/* The rollout program of policy `pol` in w->prob, after the auction when
 * the scenario has one (its outcome in w->auction_res). *auction_failed
 * tells a failed auction (contained to the policy and replication) from
 * an error that ends the run (the scenario's numbers) or an interrupt. */
static err_code prepare_policy(const scn *s, const engine_opts *o, long rep,
                               int pol, workspace *w, bool *auction_failed,
                               err_t *e)
{
    *auction_failed = false;
    instance_spectrum_from_scenario(s, &w->spectrum);
    err_code rc = build_checked(s, pol, w, e);
    if (rc != ERR_OK || w->auction == NULL) return rc;
    double t0 = clock_seconds();
    rc = auction_stage_run(w->auction, s, w->draws, pol, w->prob, w->gen,
                           o->seed, rep, &w->spectrum, &w->auction_res, e);
    w->auction_seconds += clock_seconds() - t0;
    w->auctions++;
    if (rc != ERR_OK) {
        *auction_failed = rc != ERR_INTERRUPTED;
        return rc;
    }
    return build_checked(s, pol, w, e);
}

/* What the spectrum costs each operator (instance_spectrum_npv): 0
 * without an auction, NaN when it failed. */
static void record_spectrum(const scn *s, const workspace *w, int pol,
                            bool on, rep_record *r)
{
    double pay_all = 0, fin_all = 0;
    for (int o = 0; o < s->noperators; o++) {
        double *op = r->oper[pol][o], pay = 0, fin = 0;
        if (on) {
            instance_spectrum_npv(s, w->draws, &w->spectrum, w->prob, o, &pay,
                                  &fin);
        } else if (w->auction != NULL) {
            pay = fin = NAN;
        }
        op[MO_SPECTRUM_PAYMENT] = pay;
        op[MO_SPECTRUM_FINANCING] = fin;
        pay_all += pay;
        fin_all += fin;
    }
    r->scalar[pol][M_SPECTRUM_PAYMENT] = pay_all;
    r->scalar[pol][M_SPECTRUM_FINANCING] = fin_all;
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
    record_spectrum(s, w, pol, on, r);
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

/* Share of operator o's market population in country c. */
static double country_share(const scn *s, const deploy_problem *p, int o,
                            int c)
{
    double in = 0, all = 0;
    for (int r = 0; r < s->nregions; r++) {
        if (!(p->market[o] >> r & 1u)) continue;
        all += p->population[r];
        if (s->countries[c].regions >> r & 1u) in += p->population[r];
    }
    return all > 0 ? in / all : 0.0;
}

/* Money by country: every operator's, shared by the population of its
 * market in each country (exact for an operator serving one country), so
 * the countries add up to the national totals. */
static void record_country_money(const scn *s, const deploy_problem *p,
                                 double (*op)[M_OPERATOR_COUNT],
                                 double (*k)[K_MAX])
{
    for (int c = 0; c < s->ncountries; c++) {
        double cost = 0, margin = 0, value = 0, rev = 0, pay = 0;
        for (int o = 0; o < s->noperators; o++) {
            double w = country_share(s, p, o, c), *x = op[o];
            if (w <= 0) continue;
            cost += w * x[MO_TOTAL];
            margin += w * x[MO_MARGIN];
            value += w * (x[MO_MARGIN] - x[MO_TOTAL] - x[MO_PENALTY] -
                          x[MO_LATE_PENALTY] - x[MO_SPECTRUM_PAYMENT] -
                          x[MO_SPECTRUM_FINANCING]);
            rev += w * (s->auction.enabled ? x[MO_PAYMENT] : 0.0);
            pay += w * x[MO_SPECTRUM_PAYMENT];
        }
        k[MK_CTRY_COST_TOTAL][c] = cost;
        k[MK_CTRY_MARGIN][c] = margin;
        k[MK_CTRY_OPERATOR_NPV][c] = value;
        k[MK_CTRY_AUCTION_REVENUE][c] = rev;
        k[MK_CTRY_SPECTRUM_PAYMENT][c] = pay;
    }
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
    record_country_money(s, p, r->oper[pol], k);
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
                       c->financing - c->subsidy + c->stranded;
        op[MO_SHORTFALL] = res->shortfall[o];
        for (int k = 0; k < M_OPERATOR_COUNT; k++) tot[k] += op[k];
        short_max = fmax(short_max, res->shortfall[o]);
    }
    m[M_COST_TOTAL] = tot[MO_TOTAL]; m[M_COST_CAPEX] = tot[MO_CAPEX];
    m[M_COST_OPEX] = tot[MO_OPEX]; m[M_COST_SWAP] = tot[MO_SWAP];
    m[M_COST_MITIGATION] = tot[MO_MITIGATION]; m[M_PENALTY] = tot[MO_PENALTY];
    m[M_MARGIN] = tot[MO_MARGIN];
    m[M_OPERATOR_NPV] = tot[MO_MARGIN] - tot[MO_TOTAL] - tot[MO_PENALTY] -
                        tot[MO_LATE_PENALTY] - tot[MO_SPECTRUM_PAYMENT] -
                        tot[MO_SPECTRUM_FINANCING];
    m[M_FINANCING] = tot[MO_FINANCING]; m[M_BUDGET_OVERRUN] = tot[MO_OVERRUN];
    m[M_LATE_PENALTY] = tot[MO_LATE_PENALTY];
    m[M_STATE_OUTLAY] = res->state_outlay_npv;
    m[M_REMOVAL_DELAY] = res->removal_delay_months;
    m[M_SHORTFALL_MAX] = short_max;
    m[M_LICENCE_SHORTFALL] = 0;
    for (int j = 0; j < p->nlicence; j++)
        m[M_LICENCE_SHORTFALL] = fmax(m[M_LICENCE_SHORTFALL],
                                      res->licence_short[j][p->licence[j].from_t]);
    /* Equipment age: written-off value, and the sites swapped early or
     * refreshed in the normal cycle. */
    double stranded = 0, early = 0, cycle = 0;
    for (int o = 0; o < s->noperators; o++) {
        stranded += res->npv[o].stranded;
        for (int g = 0; g < s->nregions; g++)
            for (int v = 0; v < s->nvendors; v++)
                for (int t = 0; t < p->nyears; t++) {
                    early += res->swapped[o][g][v][t];
                    cycle += res->refreshed[o][g][v][t];
                }
    }
    m[M_STRANDED] = stranded;
    m[M_SITES_EARLY] = early;
    m[M_SITES_CYCLE] = cycle;
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
    r->scalar[pol][M_SOLVER_LIMIT] = st == DEPLOY_LIMIT_NOPLAN;
}

/* Is policy `pol` computed in this run (engine_opts.policies)? */
static bool policy_wanted(const engine_opts *o, int pol)
{
    return pol == 0 || o->policies == 0 || (o->policies >> pol & 1u);
}

static void nan_fill(double *x, size_t n)
{
    for (size_t i = 0; i < n; i++) x[i] = NAN;
}

/* Policy pol's part of the record when it is left out of the run: every
 * metric NaN, no diagnosis, and a status that counts no failure. */
static void record_left_out(rep_record *r, int pol)
{
#define NAN_PART(f)                                                          \
    nan_fill((double *)&r->f[pol], sizeof r->f[pol] / sizeof(double))
    NAN_PART(scalar); NAN_PART(yearly); NAN_PART(oper); NAN_PART(band);
    NAN_PART(lots_won); NAN_PART(keyed); NAN_PART(keyed_yearly);
#undef NAN_PART
    r->status[pol] = DEPLOY_OPTIMAL;
    r->diagnosis[pol][0] = '\0';
}

/* Target year against baseline's in the same replication, in months: NaN
 * when either never reaches the target. */
static double delay_months(double year, double base)
{
    return 12.0 * (year - base);
}

/* A policy's effect against baseline in the same replication, in four
 * parts (docs/model.md §5): with Δx = x - baseline's x,
 *   extra cost    Δ(cost_total - mitigation + penalties + spectrum
 *                 financing)
 *   margin lost   -Δ margin
 *   spectrum      Δ spectrum_payment (the state's revenue)
 *   mitigation    Δ mitigation
 * so that Δ operator_npv = -(extra cost + margin lost + spectrum +
 * mitigation). NaN where either has no plan (its metrics are NaN). */
static void record_effects(double *m, const double *base)
{
    double d[M_SCALAR_COUNT];
    for (int k = 0; k < M_SCALAR_COUNT; k++) d[k] = m[k] - base[k];
    m[M_EFFECT_EXTRA_COST] = d[M_COST_TOTAL] - d[M_COST_MITIGATION] +
                             d[M_PENALTY] + d[M_LATE_PENALTY] +
                             d[M_SPECTRUM_FINANCING];
    m[M_EFFECT_MARGIN_LOST] = -d[M_MARGIN];
    m[M_EFFECT_SPECTRUM_REVENUE] = d[M_SPECTRUM_PAYMENT];
    m[M_EFFECT_MITIGATION] = d[M_COST_MITIGATION];
}

/* Every delay of the replication, national, by operator and by country,
 * and every policy's effect in parts (record_effects),
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
        record_effects(r->scalar[pol], r->scalar[0]);
    }
}

/* Replication `rep`'s draws into w->draws: every policy of a replication
 * is built and solved with the same draws (common random numbers). */
static void draw_rep(const draw_ctx *dc, const engine_opts *o, long rep,
                     workspace *w)
{
    draw_params(dc, w->gen, o->seed, (uint64_t)rep, w->draws, w->work);
    if (o->fix) w->draws[o->fix_param] = o->fix_value;
}

/* An error that ends the run, with where it arose: into *fault. */
static err_code rep_fault(const err_t *e, long rep, const char *policy,
                          err_t *fault)
{
    return err_set(fault, e->code, "%s (replication %ld, policy '%s')",
                   e->msg, rep, policy);
}

/* Policy `pol` of replication `rep` into *r, with the replication's
 * draws already in w->draws. Returns ERR_OK; ERR_INTERRUPTED when a solve
 * was stopped (the record is incomplete: the replication does not count);
 * or ERR_SCENARIO when the scenario's numbers are out of range in this
 * replication, with the message in *fault. Solver failures and infeasible
 * policies are recorded, not returned. Writes only policy `pol`'s part of
 * *r, so the policies of one replication may run on different threads. */
static err_code run_policy(const scn *s, const engine_opts *o, long rep,
                           int pol, workspace *w, rep_record *r,
                           err_t *fault)
{
    if (!policy_wanted(o, pol)) {
        record_left_out(r, pol);
        return ERR_OK;
    }
    err_t e;
    err_clear(&e);
    r->diagnosis[pol][0] = '\0';
    bool auction_failed;
    err_code rc = prepare_policy(s, o, rep, pol, w, &auction_failed, &e);
    if (rc != ERR_OK && auction_failed) {
        /* The auction failed: contained to this policy and replication. */
        snprintf(r->diagnosis[pol], SPECSIM_ERRMSG_MAX, "%s", e.msg);
        r->status[pol] = DEPLOY_FAILED;
        record_missing(r, pol, DEPLOY_FAILED);
        record_auction(s, w, pol, false, r);
        return ERR_OK;
    }
    if (rc == ERR_INTERRUPTED) return rc;
    if (rc != ERR_OK) return rep_fault(&e, rep, s->policies[pol].name, fault);
    record_auction(s, w, pol, w->auction != NULL, r);
    rc = deploy_solve(w->prob, w->res, &e);
    w->glpk_seconds += w->res->solve_seconds;
    w->programs++;
    w->nodes += w->res->nodes;
    w->reused += w->res->reused;
    r->status[pol] = (int)w->res->status;
    if (w->objective)
        w->objective[pol] = rc == ERR_OK ? w->res->objective : NAN;
    if (rc == ERR_INTERRUPTED) return rc;
    if (rc == ERR_SCENARIO)
        return rep_fault(&e, rep, s->policies[pol].name, fault);
    if (rc != ERR_OK) {
        /* Infeasible, or the solver failed (GLPK's internal errors
         * included): counted in the policy's shares. */
        snprintf(r->diagnosis[pol], SPECSIM_ERRMSG_MAX, "%s", e.msg);
        record_missing(r, pol, w->res->status);
        return ERR_OK;
    }
    record_policy(s, w->prob, w->res, pol, r);
    risk_stage_once_costs(s, w->draws, pol, w->prob, r);
    risk_stage_policy(s, w->draws, pol, w->prob, w->res, r);
    r->scalar[pol][M_INFEASIBLE] = 0;
    r->scalar[pol][M_SOLVER_FAILED] = 0;
    r->scalar[pol][M_SOLVER_LIMIT] = w->res->status == DEPLOY_LIMIT;
    return ERR_OK;
}

/* What pairs every policy with baseline, once all are recorded; w->draws
 * holds the replication's draws. */
static void close_rep(const scn *s, const engine_opts *o, const workspace *w,
                      long rep, rep_record *r)
{
    r->rep = rep;
    record_delays(s, r);
    risk_stage_deltas(s, w->draws, r);
    /* the pairing wrote indicators of the policies left out: undone */
    for (int pol = 1; pol < s->npolicies; pol++)
        if (!policy_wanted(o, pol)) record_left_out(r, pol);
}

/* Run replication `rep` into *r, every policy in turn; returns as
 * run_policy does, at the first policy that does not return ERR_OK. */
static err_code run_rep(const scn *s, const draw_ctx *dc,
                        const engine_opts *o, long rep, workspace *w,
                        rep_record *r, err_t *fault)
{
    draw_rep(dc, o, rep, w);
    for (int pol = 0; pol < s->npolicies; pol++) {
        err_code rc = run_policy(s, o, rep, pol, w, r, fault);
        if (rc != ERR_OK) return rc;
    }
    close_rep(s, o, w, rep, r);
    return ERR_OK;
}

/* One replication outside a run (engine_replication, engine_problem): a
 * draw context and a workspace on the calling thread. */
typedef struct {
    draw_ctx *dc;
    workspace w;
    engine_opts o;
} single_rep;

/* Release what single_open made, and the calling thread's GLPK
 * environment. */
static void single_close(single_rep *x)
{
    ws_free(&x->w);
    draw_ctx_free(x->dc);
    deploy_glpk_thread_done();
}

/* Prepare replication `rep` of `s` with `seed`; on failure nothing is left
 * allocated and the reason is in *e. */
static err_code single_open(single_rep *x, const scn *s, uint64_t seed,
                            long rep, err_t *e)
{
    memset(x, 0, sizeof *x);
    x->o = (engine_opts){.replications = rep + 1, .seed = seed};
    x->dc = draw_ctx_alloc(s, e);
    if (x->dc == NULL) return e ? e->code : ERR_SCENARIO;
    if (ws_init(&x->w, s, e)) return ERR_OK;
    single_close(x);
    return e ? e->code : ERR_NOMEM;
}

err_code engine_replication(const scn *s, uint64_t seed, long rep,
                            rep_record *r, err_t *e)
{
    return engine_replication_objectives(s, seed, rep, r, NULL, e);
}

err_code engine_replication_objectives(const scn *s, uint64_t seed, long rep,
                                       rep_record *r, double *objective,
                                       err_t *e)
{
    single_rep x;
    err_code rc = single_open(&x, s, seed, rep, e);
    if (rc != ERR_OK) return rc;
    x.w.objective = objective;
    for (int pol = 0; objective && pol < s->npolicies; pol++)
        objective[pol] = NAN;
    err_t fault;
    err_clear(&fault);
    rc = run_rep(s, x.dc, &x.o, rep, &x.w, r, &fault);
    if (rc != ERR_OK && e != NULL) *e = fault;
    single_close(&x);
    return rc;
}

static void progress(long done, long total, double t0, bool final)
{
    double el = clock_seconds() - t0;
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

/* What became of replication i. */
enum { DONE_NOT = 0, DONE_COMPUTED, DONE_RESTORED, DONE_FAULT };

/* DESIGN — the work is handed out in small tasks, in order, to whichever
 * thread is free: one policy of one replication (its auction and rollout
 * program), or a whole replication restored from the store. A policy's
 * task writes only its policy's part of the replication's record; the
 * thread that completes a replication's last task pairs the policies with
 * baseline (close_rep) and marks it done. Replications are finished
 * (aggregated, passed to the callback and the store) in replication order
 * by the thread that completes the oldest outstanding one. Their records
 * live in a window of `window` slots: replication i uses slot i % window,
 * so a thread waits before starting a task of replication i only while
 * replication i - window is not yet finished. There is no barrier, and a
 * task is one program rather than a replication's several, so a thread is
 * idle only while the run's last program is solved by another; outputs do
 * not depend on which thread computed what, nor on how many there are. */
typedef struct {
    const scn *s;
    const draw_ctx *dc;
    const engine_opts *o;
    workspace *ws;    /* [threads] */
    rep_record *buf;  /* [window] */
    atomic_char *done; /* [window]: DONE_* of the replication in the slot */
    atomic_int *left; /* [window]: its policies' tasks not yet completed */
    err_t *fault;     /* [window][policies]: each policy task's outcome,
                         its code run_policy's return and, for a fault,
                         the error that ends the run */
    int threads;
    int policies;
    long window;
    double t0;        /* when the run started */
    /* Shared, under the critical sections named below. */
    long next;        /* next replication to hand out a task of (claim) */
    int next_pol;     /* and its next policy */
    atomic_long finished; /* replications finished in order (finish) */
    long since_sync;  /* finished since the store's last sync */
    atomic_bool ended; /* the run ends: a fault, or the callback failed */
    err_code rc;
} run_ctx;

/* A task: policy `pol` of replication `rep`, or (pol = WHOLE_REP) the
 * whole replication, restored from the store. */
#define WHOLE_REP (-1)

static long finished_count(run_ctx *c) { return atomic_load(&c->finished); }

static bool ended(run_ctx *c) { return atomic_load(&c->ended); }

/* The next task into *rep and *pol; false when there is none (all handed
 * out, interrupted, or the run ended). A replication the store keeps is
 * one task. */
static bool claim(run_ctx *c, long *rep, int *pol)
{
    bool got = false;
#pragma omp critical(engine_claim)
    {
        if (!stopping() && !ended(c) && c->next < c->o->replications) {
            const engine_store *store = c->o->store;
            got = true;
            *rep = c->next;
            if (c->next_pol == 0 && store && store->has(store->ctx, c->next)) {
                *pol = WHOLE_REP;
                c->next++;
            } else {
                *pol = c->next_pol++;
                if (c->next_pol == c->policies) {
                    c->next_pol = 0;
                    c->next++;
                }
            }
        }
    }
    return got;
}

/* Wait until replication i's slot is free; false when the run stops or
 * ends meanwhile. */
static bool wait_slot(run_ctx *c, long i)
{
    while (i >= finished_count(c) + c->window) {
        if (stopping() || ended(c)) return false;
        struct timespec ts = {0, 200000}; /* 0.2 ms */
        nanosleep(&ts, NULL);
    }
    return true;
}

/* Finish, in order, every replication whose record is ready, starting at
 * the oldest not yet finished. Called by the thread that completed one. */
static void finish_ready(run_ctx *c, agg *a, engine_stats *st, err_t *e)
{
#pragma omp critical(engine_finish)
    {
        long f = c->finished;
        bool moved = false;
        while (!ended(c) && f < c->o->replications) {
            long k = f % c->window;
            char d = atomic_load(&c->done[k]);
            if (d == DONE_NOT) break;
            if (d == DONE_FAULT) {
                /* The scenario's numbers are out of range: the run ends
                 * here with the first such replication's error. */
                const err_t *fe = &c->fault[k * c->policies];
                c->rc = err_set(e, fe->code, "%s", fe->msg);
                atomic_store(&c->ended, true);
                break;
            }
            c->rc = engine_rep_finish(c->o, a, &c->buf[k], d == DONE_RESTORED,
                                      e);
            if (c->rc != ERR_OK) {
                atomic_store(&c->ended, true);
                break;
            }
            st->restored += d == DONE_RESTORED;
            atomic_store(&c->done[k], DONE_NOT);
            f++;
            moved = true;
            if (++c->since_sync >= c->window) {
                const engine_store *store = c->o->store;
                c->since_sync = 0;
                if (store &&
                    (c->rc = store->sync(store->ctx, false, e)) != ERR_OK)
                    atomic_store(&c->ended, true);
            }
            atomic_store(&c->finished, f);
            if (ended(c)) break;
        }
        if (moved && c->o->progress)
            progress(f, c->o->replications, c->t0, false);
    }
}

/* Replication i, restored from the store (or, when it cannot be read
 * back, computed whole), into its slot. */
static void compute_whole(run_ctx *c, workspace *w, long i)
{
    long k = i % c->window;
    const engine_store *store = c->o->store;
    char d;
    if (store->load(store->ctx, i, &c->buf[k])) {
        d = DONE_RESTORED;
    } else {
        err_code rc = run_rep(c->s, c->dc, c->o, i, w, &c->buf[k],
                              &c->fault[k * c->policies]);
        d = rc == ERR_OK ? DONE_COMPUTED
            : rc == ERR_INTERRUPTED ? DONE_NOT : DONE_FAULT;
    }
    atomic_store(&c->done[k], d);
}

/* Policy `pol` of replication i into its slot; the thread completing the
 * replication's last policy closes it. The replication's outcome is that
 * of its first policy (in the scenario's order) that did not end well, as
 * when the policies run in turn: a fault ends the run with that policy's
 * error; an interrupt leaves the replication DONE_NOT, which ends the
 * in-order finishing there. */
static void compute_policy(run_ctx *c, workspace *w, long i, int pol)
{
    long k = i % c->window;
    int np = c->policies;
    err_t *f = &c->fault[k * np];
    draw_rep(c->dc, c->o, i, w);
    f[pol].code = run_policy(c->s, c->o, i, pol, w, &c->buf[k], &f[pol]);
    /* The last to complete sees every task's writes (sequentially
     * consistent read-modify-write). */
    if (atomic_fetch_sub(&c->left[k], 1) != 1) return;
    atomic_store(&c->left[k], np);
    char d = DONE_COMPUTED;
    for (int p = 0; p < np && d == DONE_COMPUTED; p++) {
        if (f[p].code == ERR_INTERRUPTED) d = DONE_NOT;
        else if (f[p].code != ERR_OK) {
            d = DONE_FAULT;
            f[0] = f[p];
        }
    }
    /* w->draws are replication i's: this thread drew them above. */
    if (d == DONE_COMPUTED) close_rep(c->s, c->o, w, i, &c->buf[k]);
    atomic_store(&c->done[k], d);
}

err_code engine_rep_finish(const engine_opts *o, agg *a, const rep_record *r,
                           bool restored, err_t *e)
{
    agg_add(a, r);
    if (o->on_rep) {
        err_code rc = o->on_rep(r, o->on_rep_ctx, e);
        if (rc != ERR_OK) return rc;
    }
    if (o->store && !restored) return o->store->save(o->store->ctx, r, e);
    return ERR_OK;
}

/* Every replication in one parallel region (see DESIGN above). When the
 * loop ends, each thread releases its GLPK environment here, in the
 * region where it used GLPK: a later region need not have the same
 * threads. */
static err_code run_all(run_ctx *c, agg *a, engine_stats *st, err_t *e)
{
    long total = c->o->replications;
    c->t0 = clock_seconds();
    c->rc = ERR_OK;
#pragma omp parallel num_threads(c->threads)
    {
        workspace *w = &c->ws[omp_get_thread_num()];
        long i;
        int pol;
        while (claim(c, &i, &pol)) {
            if (!wait_slot(c, i)) break;
            if (pol == WHOLE_REP)
                compute_whole(c, w, i);
            else
                compute_policy(c, w, i, pol);
            finish_ready(c, a, st, e);
        }
        deploy_glpk_thread_done();
    }
    st->done = atomic_load(&c->finished);
    if (c->rc != ERR_OK) return c->rc;
    const engine_store *store = c->o->store;
    if (store && c->since_sync > 0 &&
        (c->rc = store->sync(store->ctx, false, e)) != ERR_OK)
        return c->rc;
    st->interrupted = st->done < total;
    if (store && (c->rc = store->sync(store->ctx, true, e)) != ERR_OK)
        return c->rc;
    if (c->o->progress) progress(st->done, total, c->t0, true);
    st->seconds = clock_seconds() - c->t0;
    return ERR_OK;
}

err_code engine_run(const scn *s, const engine_opts *o, agg *a,
                    engine_stats *st, err_t *e)
{
    memset(st, 0, sizeof *st);
    SPECSIM_ASSERT(!o->fix || (o->fix_param >= 0 && o->fix_param < s->nparams));
    int threads = o->threads > 0 ? o->threads : engine_default_threads();
    st->threads = threads;
    st->ranks = 1;
    if (cluster_size() > 1) return cluster_run(s, o, threads, a, st, e);
    draw_ctx *dc = draw_ctx_alloc(s, e);
    if (dc == NULL) return e ? e->code : ERR_SCENARIO;
    run_ctx c = {.s = s, .dc = dc, .o = o,
                 .ws = calloc((size_t)threads, sizeof(workspace)),
                 .threads = threads, .policies = s->npolicies,
                 .window = (long)threads * WINDOW_PER_THREAD};
    size_t nw = (size_t)c.window, tasks = nw * (size_t)c.policies;
    c.buf = calloc(nw, sizeof *c.buf);
    c.done = calloc(nw, sizeof *c.done);
    c.left = calloc(nw, sizeof *c.left);
    c.fault = calloc(tasks, sizeof *c.fault);
    bool ok = c.ws && c.buf && c.done && c.left && c.fault;
    for (size_t k = 0; ok && k < nw; k++) atomic_init(&c.left[k], c.policies);
    if (!ok) err_set(e, ERR_NOMEM, "out of memory for %d workspaces", threads);
    for (int i = 0; ok && i < threads; i++) {
        ok = ws_init(&c.ws[i], s, e);
        c.ws[i].stop = &stop_requested; /* Ctrl-C reaches the solvers */
        c.ws[i].memo = o->memo;
    }
    err_code rc = ok ? run_all(&c, a, st, e) : (e ? e->code : ERR_NOMEM);
    for (int i = 0; c.ws && i < threads; i++) {
        ws_totals(&c.ws[i], st);
        ws_free(&c.ws[i]);
    }
    free(c.ws); free(c.buf); free(c.done); free(c.left); free(c.fault);
    draw_ctx_free(dc);
    return rc;
}

struct engine_pool {
    const scn *s;
    engine_opts o;
    draw_ctx *dc;
    int threads;
    workspace *ws;     /* [threads] */
    rep_record *rec;   /* [threads] */
};

engine_pool *engine_pool_alloc(const scn *s, const engine_opts *o,
                               int threads, err_t *e)
{
    SPECSIM_ASSERT(threads >= 1);
    engine_pool *p = calloc(1, sizeof *p);
    if (p == NULL) {
        err_set(e, ERR_NOMEM, "out of memory for a pool of workspaces");
        return NULL;
    }
    p->s = s;
    p->o = *o;
    p->threads = threads;
    p->dc = draw_ctx_alloc(s, e);
    p->ws = calloc((size_t)threads, sizeof *p->ws);
    p->rec = calloc((size_t)threads, sizeof *p->rec);
    bool ok = p->dc && p->ws && p->rec;
    if (!ok && p->dc) err_set(e, ERR_NOMEM, "out of memory for %d workspaces",
                              threads);
    for (int i = 0; ok && i < threads; i++) {
        ok = ws_init(&p->ws[i], s, e);
        p->ws[i].memo = o->memo;
    }
    if (ok) return p;
    engine_pool_free(p, NULL);
    return NULL;
}

const rep_record *engine_pool_rep(engine_pool *p, int thread, long rep,
                                  err_t *fault)
{
    SPECSIM_ASSERT(thread >= 0 && thread < p->threads);
    SPECSIM_ASSERT(rep >= 0 && rep < p->o.replications);
    if (run_rep(p->s, p->dc, &p->o, rep, &p->ws[thread], &p->rec[thread],
                fault) != ERR_OK)
        return NULL;
    return &p->rec[thread];
}

void engine_pool_thread_done(void) { deploy_glpk_thread_done(); }

void engine_pool_free(engine_pool *p, engine_stats *st)
{
    if (p == NULL) return;
    for (int i = 0; p->ws && i < p->threads; i++) {
        if (st) ws_totals(&p->ws[i], st);
        ws_free(&p->ws[i]);
    }
    free(p->ws);
    free(p->rec);
    draw_ctx_free(p->dc);
    free(p);
}

err_code engine_problem(const scn *s, uint64_t seed, long rep, int policy,
                        deploy_problem *p, err_t *e)
{
    single_rep x;
    err_code rc = single_open(&x, s, seed, rep, e);
    if (rc != ERR_OK) return rc;
    draw_rep(x.dc, &x.o, rep, &x.w);
    bool auction_failed;
    rc = prepare_policy(s, &x.o, rep, policy, &x.w, &auction_failed, e);
    if (rc == ERR_OK) memcpy(p, x.w.prob, sizeof *p);
    single_close(&x);
    return rc;
}
