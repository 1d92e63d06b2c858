/* auction_stage.c — the auction of one replication (see auction_stage.h). */
#include "auction_stage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "auction_svm.h"
#include "draw.h"

struct auction_stage {
    auction_ws *ws;
    auction_values *values;
    auction_input in;
    auction_svm_ws *svm;  /* value_model gsvm or lsvm; NULL otherwise */
    auction_svm inst;     /* their instance of the replication */
};

static bool svm_model(const scn *s)
{
    return s->auction.value_model == VALUE_GSVM ||
           s->auction.value_model == VALUE_LSVM;
}

static long grid_max(const scn *s)
{
    long n = 1;
    for (int b = 0; b < s->nbands; b++) {
        n *= s->bands[b].lots + 1;
        if (n > AUCTION_PACKAGES_MAX) return n;
    }
    return n;
}

auction_stage *auction_stage_alloc(const scn *s, err_t *e)
{
    SPECSIM_ASSERT(s->auction.enabled);
    long packages = grid_max(s);
    if (packages > AUCTION_PACKAGES_MAX) {
        err_set(e, ERR_SCENARIO,
                "%s: auction: the bands' lots give more than %d packages per "
                "bidder: expected fewer lots (or caps) in all",
                s->file, AUCTION_PACKAGES_MAX);
        return NULL;
    }
    auction_stage *st = calloc(1, sizeof *st);
    if (st == NULL) { err_set(e, ERR_NOMEM, "out of memory"); return NULL; }
    int lots = 0;
    for (int b = 0; b < s->nbands; b++) lots += s->bands[b].lots;
    auction_sizes z = {s->noperators, packages, lots, s->auction.rounds_max};
    st->ws = auction_ws_alloc(&z);
    st->values = auction_values_alloc(s->noperators, packages);
    if (svm_model(s)) st->svm = auction_svm_ws_alloc();
    if (st->ws == NULL || st->values == NULL ||
        (svm_model(s) && st->svm == NULL)) {
        auction_stage_free(st);
        err_set(e, ERR_NOMEM, "out of memory for the auction workspace");
        return NULL;
    }
    return st;
}

double auction_stage_glpk_seconds(const auction_stage *st)
{
    return st != NULL ? auction_ws_glpk_seconds(st->ws) : 0.0;
}

void auction_stage_free(auction_stage *st)
{
    if (st == NULL) return;
    auction_ws_free(st->ws);
    auction_values_free(st->values);
    auction_svm_ws_free(st->svm);
    free(st);
}

/* What operator o may still win under a spectrum cap of cap_mhz: the cap
 * minus what it holds, never below 0 (an operator a policy's cap leaves
 * above its holdings wins nothing; nothing is divested). */
static double headroom_mhz(const scn *s, int o, double cap_mhz)
{
    if (isinf(cap_mhz)) return INFINITY;
    return fmax(0.0, cap_mhz - scn_held_mhz(s, &s->operators[o]));
}

/* The scenario's rules, then every auction instrument of the policy in
 * order (a later one overrides an earlier one). */
static void apply_policy(const scn *s, const double *draws, int policy,
                         auction_input *in)
{
    const scn_policy *pol = &s->policies[policy];
    for (int i = 0; i < pol->ninstruments; i++) {
        const scn_instrument *ins = &pol->instruments[i];
        if (ins->kind == INSTR_EXCLUDE && ins->bar_bidding)
            for (int o = 0; o < s->noperators; o++) {
                int v = s->operators[o].affiliated_vendor;
                if (v >= 0 && (ins->vendors >> v & 1u)) in->barred[o] = true;
            }
        if (ins->kind != INSTR_AUCTION) continue;
        double f = scn_num_value(ins->reserve_factor, draws);
        for (int b = 0; b < s->nbands; b++) {
            in->reserve[b] *= f;
            if (ins->setaside[b] >= 0) in->setaside[b] = ins->setaside[b];
            for (int o = 0; o < s->noperators; o++)
                if (ins->cap_band[b] >= 0) in->cap_band[o][b] = ins->cap_band[b];
        }
        for (int o = 0; o < s->noperators; o++) {
            if (ins->cap_total >= 0) in->cap_total[o] = ins->cap_total;
            if (ins->spectrum_cap_mhz >= 0)
                in->mhz_max[o] = headroom_mhz(s, o, ins->spectrum_cap_mhz);
        }
    }
}

void auction_stage_input(const scn *s, const double *draws, int policy,
                         auction_input *in)
{
    const scn_auction *a = &s->auction;
    auction_input_init(in, s->noperators, s->nbands);
    in->increment_rel = a->increment_rel;
    in->increment_abs = a->increment_abs;
    in->rounds_max = a->rounds_max;
    /* Winner determination gets the rollout's branch-and-bound budget. */
    in->node_limit = s->run.mip_node_limit;
    in->activity_share = a->activity_share;
    const auction_strategy *strat = auction_strategy_find(a->strategy);
    for (int b = 0; b < s->nbands; b++) {
        in->lots[b] = s->bands[b].lots;
        in->setaside[b] = a->setaside[b];
        in->reserve[b] = scn_num_value(s->bands[b].reserve_eur, draws);
        in->points[b] = a->activity_rule ? s->bands[b].mhz_per_lot : 0.0;
        /* Caps count both directions of a paired lot, as regulators do. */
        in->lot_mhz[b] = s->bands[b].mhz_per_lot *
                         (s->bands[b].paired ? 2.0 : 1.0);
    }
    for (int o = 0; o < s->noperators; o++) {
        const scn_operator *op = &s->operators[o];
        for (int b = 0; b < s->nbands; b++)
            in->cap_band[o][b] = a->cap_band[b] >= 0 ? a->cap_band[b]
                                                     : AUCTION_NO_CAP;
        in->cap_total[o] = a->cap_total >= 0 ? a->cap_total : AUCTION_NO_CAP;
        in->mhz_max[o] = headroom_mhz(s, o, op->spectrum_cap_mhz);
        in->new_entrant[o] = op->new_entrant;
        in->budget[o] = scn_num_value(op->auction_budget_eur, draws);
        in->strategy[o] = strat;
        in->strategy_param[o] = a->strategy_param;
    }
    apply_policy(s, draws, policy, in);
}

static err_code fill_additive(auction_stage *st, const scn *s, rng *r,
                              err_t *e)
{
    auction_additive_params ap;
    memset(&ap, 0, sizeof ap);
    for (int b = 0; b < s->nbands; b++) {
        ap.base_lo[b] = s->auction.additive_lo[b];
        ap.base_hi[b] = s->auction.additive_hi[b];
        int lots = s->bands[b].lots;
        for (int k = 0; k <= lots && k <= AUCTION_LOTS_MAX; k++)
            ap.synergy[b][k] = 1.0 + s->auction.additive_synergy[b] *
                                         (k > 1 ? (double)(k - 1) / (lots - 1) : 0.0);
    }
    return auction_values_additive(st->values, &st->in, &ap, rng_gsl(r), NULL,
                                   e);
}

/* Network values: each operator's value of every package under this
 * policy, times its private factor max(0, 1 + sd z), z standard normal;
 * and the financing its payment would need. */
static err_code fill_network(auction_stage *st, const scn *s,
                             const double *draws, const deploy_problem *p,
                             const instance_spectrum *sp, rng *r, err_t *e)
{
    err_code rc = auction_values_shape(st->values, &st->in, e);
    if (rc != ERR_OK) return rc;
    double sd = scn_num_value(s->auction.private_value_sd, draws);
    for (int o = 0; o < s->noperators; o++) {
        double z = gsl_ran_ugaussian(rng_gsl(r));
        value_operator vo;
        instance_value_operator(s, draws, sp, p, o, &vo);
        value_fill_row(&vo, fmax(0.0, 1.0 + sd * z), st->values, o);
        /* auction.bidders_price_financing: bids count the financing of
         * the instalments above the budget (none when off). */
        value_pay_terms(&vo, &st->in.pay_kink[o], &st->in.pay_slope[o]);
    }
    return ERR_OK;
}

/* Explicit values: each operator's XOR packages, their values drawn for
 * this replication (the same for every policy). */
static err_code fill_explicit(auction_stage *st, const scn *s,
                              const double *draws, err_t *e)
{
    err_code rc = auction_values_shape(st->values, &st->in, e);
    for (int o = 0; rc == ERR_OK && o < s->noperators; o++) {
        const scn_operator *op = &s->operators[o];
        int lots[SPECSIM_XOR_PACKAGES_MAX][SPECSIM_BANDS_MAX];
        double value[SPECSIM_XOR_PACKAGES_MAX];
        for (int j = 0; j < op->npackages; j++) {
            for (int b = 0; b < SPECSIM_BANDS_MAX; b++)
                lots[j][b] = op->packages[j].lots[b];
            value[j] = scn_num_value(op->packages[j].value, draws);
        }
        rc = auction_values_xor(st->values, o, op->npackages,
                                (const int (*)[SPECSIM_BANDS_MAX])lots, value,
                                e);
    }
    return rc;
}

/* Holdings grow by the lots won; each price is paid on the licence's
 * schedule (auction_stage_instalment). */
static void apply_outcome(const scn *s, const auction_result *res,
                          instance_spectrum *sp)
{
    int years = s->auction.payment_years;
    for (int o = 0; o < s->noperators; o++) {
        for (int b = 0; b < s->nbands; b++) {
            sp->holdings_mhz[o][b] += res->won[o][b] * s->bands[b].mhz_per_lot;
            sp->won[o][b] += res->won[o][b];
        }
        double a = auction_stage_instalment(res->pay[o], years,
                                            s->auction.payment_interest_rate);
        for (int t = 0; t < years && t < SPECSIM_YEARS_MAX; t++)
            sp->payment[o][t] += a;
    }
}

/* Fill the value table of the stage's input for replication `rep` by the
 * scenario's value model; the bidders stream is reseeded first. `p` and
 * `sp` are read only by the network model. */
static err_code stage_values(auction_stage *st, const scn *s,
                             const double *draws, const deploy_problem *p,
                             const instance_spectrum *sp, rng *r,
                             uint64_t seed, long rep, err_t *e)
{
    rng_seed(r, seed, (uint64_t)rep, RNG_STREAM_BIDDERS);
    switch (s->auction.value_model) {
    case VALUE_ADDITIVE: return fill_additive(st, s, r, e);
    case VALUE_EXPLICIT: return fill_explicit(st, s, draws, e);
    default: return fill_network(st, s, draws, p, sp, r, e);
    }
}

/* value_model gsvm or lsvm: the instance drawn from the replication's
 * bidders stream, its efficient allocation and VCG (sealed_second) or
 * core-selecting (sealed_core) payments, the formats the scenario check
 * admits; another format asked for on the command line is refused
 * here. */
static err_code stage_svm(auction_stage *st, const scn *s,
                          const auction_format *f, const atomic_int *stop,
                          rng *r, uint64_t seed, long rep,
                          auction_result *res, double *value_won, err_t *e)
{
    if (f != &auction_sealed_second && f != &auction_sealed_core)
        return err_set(e, ERR_SCENARIO, "format %s: expected sealed_second "
                       "or sealed_core with value_model %s (the efficient "
                       "allocation with VCG or core-selecting payments, the "
                       "formats it runs)", f->name,
                       s->auction.value_model == VALUE_GSVM ? "gsvm"
                                                            : "lsvm");
    rng_seed(r, seed, (uint64_t)rep, RNG_STREAM_BIDDERS);
    auction_svm_draw(&s->auction.svm, rng_gsl(r), &st->inst);
    auction_svm_result sr;
    err_code rc = auction_svm_run(&st->inst, f == &auction_sealed_core,
                                  s->run.mip_node_limit, stop, st->ws,
                                  st->svm, &sr, e);
    if (rc != ERR_OK) return rc;
    auction_svm_outcome(&st->inst, &sr, res);
    for (int i = 0; value_won != NULL && i < s->noperators; i++)
        value_won[i] = sr.value[i];
    return ERR_OK;
}

err_code auction_stage_alone(auction_stage *st, const scn *s,
                             const double *draws, int policy,
                             const deploy_problem *p,
                             const instance_spectrum *sp,
                             const auction_format *f, const atomic_int *stop,
                             rng *r, uint64_t seed, long rep,
                             auction_result *res, double *value_won, err_t *e)
{
    SPECSIM_ASSERT(f != NULL);
    SPECSIM_ASSERT(s->auction.value_model != VALUE_NETWORK ||
                   (p != NULL && sp != NULL));
    if (svm_model(s)) {
        err_code rc = stage_svm(st, s, f, stop, r, seed, rep, res, value_won,
                                e);
        if (rc != ERR_OK)
            err_prefix(e, "auction (policy '%s'): ", s->policies[policy].name);
        return rc;
    }
    auction_stage_input(s, draws, policy, &st->in);
    st->in.values = st->values;
    st->in.stop = stop;
    err_code rc = stage_values(st, s, draws, p, sp, r, seed, rep, e);
    if (rc == ERR_OK) rc = auction_run(f, &st->in, st->ws, res, e);
    if (rc != ERR_OK) {
        err_prefix(e, "auction (policy '%s'): ", s->policies[policy].name);
        return rc;
    }
    const auction_values *v = st->values;
    for (int i = 0; i < s->noperators; i++)
        value_won[i] = v->value[(size_t)i * (size_t)v->grid.size +
                                auction_grid_index(&v->grid, res->won[i])];
    return ERR_OK;
}

/* Buffers of a study: the stage, draws, and for the network model the
 * rollout program that prices a policy, with the spectrum before the
 * auction. */
typedef struct {
    auction_stage *st;
    draw_ctx *dc;
    rng *r;
    double *draws, *work;
    deploy_problem *prob;
    instance_spectrum *sp;
} study_ws;

/* The network model's prices of policy p: the rollout program built, not
 * solved, with the spectrum the scenario states (as a run builds it before
 * its auction). NULL problem otherwise. */
static err_code study_prices(study_ws *w, const scn *s, int p,
                             const deploy_problem **prob, err_t *e)
{
    *prob = NULL;
    if (s->auction.value_model != VALUE_NETWORK) return ERR_OK;
    instance_spectrum_from_scenario(s, w->sp);
    err_code rc = instance_check(s, w->draws, w->sp, e);
    if (rc != ERR_OK) return rc;
    instance_build(s, w->draws, p, w->sp, w->prob);
    *prob = w->prob;
    return ERR_OK;
}

/* One replication of a study: its draws, then every policy and format. */
static err_code study_rep(study_ws *w, const scn *s, uint64_t seed,
                          long rep, const auction_format *const *formats,
                          int nformats, const atomic_int *stop,
                          auction_alone_row *row, err_t *e)
{
    draw_params(w->dc, w->r, seed, (uint64_t)rep, w->draws, w->work);
    for (int p = 0; p < s->npolicies; p++) {
        const deploy_problem *prob;
        err_code rc = study_prices(w, s, p, &prob, e);
        if (rc != ERR_OK) {
            err_prefix(e, "replication %ld, policy '%s': ", rep,
                       s->policies[p].name);
            return rc;
        }
        for (int k = 0; k < nformats; k++, row++) {
            row->rep = rep;
            row->policy = p;
            row->format = k;
            rc = auction_stage_alone(w->st, s, w->draws, p, prob, w->sp,
                                     formats[k], stop, w->r, seed, rep,
                                     &row->res, row->value_won, e);
            if (rc != ERR_OK) {
                err_prefix(e, "replication %ld: ", rep);
                return rc;
            }
        }
    }
    return ERR_OK;
}

err_code auction_alone_study(const scn *s, uint64_t seed, long reps,
                             const auction_format *const *formats,
                             int nformats, const atomic_int *stop,
                             auction_alone_row *rows, long *done, err_t *e)
{
    SPECSIM_ASSERT(s != NULL && formats != NULL && nformats > 0);
    *done = 0;
    study_ws w = {0};
    w.dc = draw_ctx_alloc(s, e);
    if (w.dc == NULL) return e->code;
    w.st = auction_stage_alloc(s, e);
    w.r = rng_alloc();
    size_t np = (size_t)s->nparams + 1;
    w.draws = malloc(np * sizeof *w.draws);
    w.work = malloc(2 * np * sizeof *w.work);
    w.prob = calloc(1, sizeof *w.prob);
    w.sp = calloc(1, sizeof *w.sp);
    err_code rc = ERR_OK;
    if (w.st == NULL) rc = e->code;
    else if (w.r == NULL || w.draws == NULL || w.work == NULL ||
             w.prob == NULL || w.sp == NULL)
        rc = err_set(e, ERR_NOMEM, "out of memory");
    long per_rep = (long)s->npolicies * nformats;
    for (long rep = 0; rc == ERR_OK && rep < reps; rep++) {
        if (stop != NULL && atomic_load(stop)) {
            rc = err_set(e, ERR_INTERRUPTED, "interrupted");
            break;
        }
        rc = study_rep(&w, s, seed, rep, formats, nformats, stop,
                       rows + *done, e);
        if (rc == ERR_OK) *done += per_rep;
    }
    free(w.sp);
    free(w.prob);
    free(w.work);
    free(w.draws);
    rng_free(w.r);
    auction_stage_free(w.st);
    draw_ctx_free(w.dc);
    return rc;
}

double auction_stage_instalment(double price, int n, double rate)
{
    SPECSIM_ASSERT(n >= 1 && rate >= 0);
    double pv = 0;
    for (int k = 0; k < n; k++) pv += pow(1.0 + rate, -(double)k);
    return price / pv;
}

err_code auction_stage_run(auction_stage *st, const scn *s,
                           const double *draws, int policy,
                           const deploy_problem *p, rng *r, uint64_t seed,
                           long rep, instance_spectrum *sp,
                           auction_result *res, err_t *e)
{
    auction_stage_input(s, draws, policy, &st->in);
    st->in.values = st->values;
    st->in.stop = p->stop; /* the run's Ctrl-C reaches winner determination */
    const auction_format *f = auction_format_find(s->auction.format);
    err_code rc;
    if (svm_model(s)) {
        rc = stage_svm(st, s, f, p->stop, r, seed, rep, res, NULL, e);
    } else {
        rc = stage_values(st, s, draws, p, sp, r, seed, rep, e);
        if (rc == ERR_OK) rc = auction_run(f, &st->in, st->ws, res, e);
    }
    if (rc != ERR_OK) {
        err_prefix(e, "auction (policy '%s'): ", s->policies[policy].name);
        return rc;
    }
    apply_outcome(s, res, sp);
    return ERR_OK;
}
