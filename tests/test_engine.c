/* test_engine.c — the Monte Carlo engine: reproducibility across thread
 * counts and seeds, the streaming summary, and clean interruption. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "engine.h"
#include "out.h"

#define SMALL "tests/data/small.yaml"
#define SMALL_AUCTION "tests/data/small_auction.yaml"

static scn *load(const char *path)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load(path, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
    return s;
}

/* Run and return summary.csv as a heap string. */
static char *run_csv(const scn *s, long reps, int threads, uint64_t seed)
{
    agg *a = engine_agg_alloc(s);
    engine_opts o = {.replications = reps, .threads = threads, .seed = seed};
    engine_stats st;
    err_t e;
    assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_OK);
    assert_int_equal(st.done, reps);
    assert_false(st.interrupted);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    out_run_info info = {.command_line = "test", .seed = seed,
                         .threads = threads, .replications_requested = reps,
                         .replications_done = st.done};
    out_ctx c = {s, a, &info};
    assert_int_equal(out_summary_csv(f, &c, &e), ERR_OK);
    assert_int_equal(out_summary_json(f, &c, &e), ERR_OK);
    fclose(f);
    agg_free(a);
    return buf;
}

static void threads_do_not_matter(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    char *one = run_csv(s, 12, 1, 7);
    char *two = run_csv(s, 12, 2, 7);
    char *three = run_csv(s, 12, 3, 7);
    assert_string_equal(one, two);
    assert_string_equal(one, three);
    free(one); free(two); free(three);
    scn_free(s);
}

static void seeds_matter(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    char *a = run_csv(s, 6, 2, 7);
    char *b = run_csv(s, 6, 2, 7);
    char *c = run_csv(s, 6, 2, 8);
    assert_string_equal(a, b);
    assert_true(strcmp(a, c) != 0);
    free(a); free(b); free(c);
    scn_free(s);
}

/* Policies see the same draws: the baseline row of every replication is
 * the same whether or not other policies exist, and a replication run
 * alone equals the same replication inside a run. */
static void replication_alone_matches(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    rep_record *r = calloc(1, sizeof *r);
    err_t e;
    assert_int_equal(engine_replication(s, 7, 3, r, &e), ERR_OK);
    assert_int_equal(r->rep, 3);
    for (int p = 0; p < s->npolicies; p++) {
        assert_int_equal(r->status[p], DEPLOY_OPTIMAL);
        assert_true(r->scalar[p][M_COST_TOTAL] > 0);
    }
    /* A ban removes every high-risk site by its deadline (2024). */
    int ban = scn_policy_find(s, "ban");
    assert_true(ban > 0);
    assert_near(r->yearly[ban][MY_HRV_SHARE][3], 0.0, 1e-9);
    assert_near(r->yearly[ban][MY_HRV_SHARE][4], 0.0, 1e-9);
    assert_true(r->yearly[0][MY_HRV_SHARE][4] > 0.1);
    /* No policy beats doing nothing for the operators. */
    for (int p = 1; p < s->npolicies; p++)
        assert_true(r->scalar[p][M_OPERATOR_NPV] <=
                    r->scalar[0][M_OPERATOR_NPV] + 1e-6 * fabs(r->scalar[0][M_OPERATOR_NPV]));
    /* Baseline's delay is zero by definition. */
    if (isfinite(r->scalar[0][M_TARGET_YEAR]))
        assert_near(r->scalar[0][M_DELAY_MONTHS], 0.0, 0.0);
    free(r);
    scn_free(s);
}

typedef struct { int seen; int stop_after; long last; } interrupt_ctx;

static err_code stop_cb(const rep_record *r, void *ctx, err_t *e)
{
    (void)e;
    interrupt_ctx *c = ctx;
    assert_int_equal(r->rep, c->last + 1); /* in order */
    c->last = r->rep;
    if (++c->seen == c->stop_after) engine_interrupt();
    return ERR_OK;
}

static void interrupt_keeps_prefix(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    agg *a = engine_agg_alloc(s);
    interrupt_ctx ic = {0, 3, -1};
    engine_opts o = {.replications = 64, .threads = 1, .seed = 1,
                     .on_rep = stop_cb, .on_rep_ctx = &ic};
    engine_stats st;
    err_t e;
    assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_OK);
    assert_true(st.interrupted);
    assert_true(st.done >= 3 && st.done < 64);
    assert_int_equal(agg_count(a), st.done);
    agg_free(a);
    scn_free(s);
}

/* The summary holds every required metric and statistic. */
static void summary_has_metrics(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    char *csv = run_csv(s, 4, 2, 5);
    assert_contains(csv, "policy,metric,year,stat,value\n");
    const char *need[] = {
        "baseline,cost_total_npv,,mean,", "ban,cost_swap_npv,,delta_mean,",
        "ban,delay_months,,p95,", "cap35,coverage_pop_share,2023,ci95_lo,",
        "mitigation,risk_exposure,2025,delta_ci95_hi,",
        "ban,hrv_site_share,2025,p50,", "ban,infeasible_share,,mean,",
        "baseline,target_year,,sd,", "cap35,cost_mitigation_npv,,p05,",
        "cap35,cost_opex_npv,,delta_ci95_lo,", "baseline,cost_capex_npv,,n,4"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        assert_contains(csv, need[i]);
    assert_null(strstr(csv, "baseline,cost_total_npv,,delta_mean"));
    free(csv);
    scn_free(s);
}

/* With an auction in every replication results still do not depend on
 * the thread count. */
static void auction_threads_do_not_matter(void **state)
{
    (void)state;
    scn *s = load(SMALL_AUCTION);
    char *one = run_csv(s, 8, 1, 11);
    char *two = run_csv(s, 8, 2, 11);
    assert_string_equal(one, two);
    assert_contains(one, "baseline,auction_revenue,,mean,");
    assert_contains(one, "ban_bar,auction_price_mhz_pop[b3600],,delta_mean,");
    free(one); free(two);
    scn_free(s);
}

/* The auction's outcome: supply respected, revenue = payments, the barred
 * (vendor-affiliated) bidder wins nothing, and payments come out of the
 * capex budgets of the rollout program. */
static void auction_outcome_feeds_rollout(void **state)
{
    (void)state;
    scn *s = load(SMALL_AUCTION);
    rep_record *r = calloc(1, sizeof *r);
    deploy_problem *p = calloc(1, sizeof *p);
    err_t e;
    assert_int_equal(engine_replication(s, 5, 2, r, &e), ERR_OK);
    int bar = scn_policy_find(s, "ban_bar"), alpha = 0;
    for (int pol = 0; pol < s->npolicies; pol++) {
        double won = 0, pay = 0;
        for (int o = 0; o < s->noperators; o++) {
            won += r->lots_won[pol][o][1];
            pay += r->oper[pol][o][MO_PAYMENT];
        }
        assert_true(won <= s->bands[1].lots);
        assert_close(pay, r->scalar[pol][M_AUCTION_REVENUE], 1e-9);
        assert_close(r->band[pol][1][MB_REVENUE], pay, 1e-9);
    }
    assert_near(r->lots_won[bar][alpha][1], 0, 0);
    assert_near(r->oper[bar][alpha][MO_PAYMENT], 0, 0);
    assert_true(r->lots_won[0][alpha][1] > 0);
    /* Budgets net of payments spread over payment_years = 2. */
    assert_int_equal(engine_problem(s, 5, 2, 0, p, &e), ERR_OK);
    double pay_beta = r->oper[0][1][MO_PAYMENT];
    double draws_budget = p->budget[1][2]; /* after the instalments */
    assert_close(p->budget[1][0], draws_budget - pay_beta / 2, 1e-9);
    assert_close(p->budget[1][1], draws_budget - pay_beta / 2, 1e-9);
    /* The policy's licence obligation replaces the operators' own. */
    assert_int_equal(engine_problem(s, 5, 2, bar, p, &e), ERR_OK);
    assert_int_equal(p->obligation_t[1], 2025 - 2021);
    assert_close(p->obligation_share[1], 0.7, 1e-12);
    free(p);
    free(r);
    scn_free(s);
}

/* The additive value model through the engine: values do not depend on the
 * policy, and every policy faces the same bidders (common random numbers),
 * so policies that leave the auction rules alone get the same outcome. */
static void additive_values_same_for_all_policies(void **state)
{
    (void)state;
    FILE *f = fopen(SMALL_AUCTION, "rb");
    assert_non_null(f);
    static char text[65536];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *at = strstr(text, "  value_model: network\n");
    assert_non_null(at);
    static char edited[70000];
    snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at - text), text,
             "  value_model: additive\n"
             "  additive: {base_lo: {b3600: 1.0e6}, base_hi: {b3600: 6.0e6},"
             " synergy: {b3600: 0.2}}\n",
             at + strlen("  value_model: network\n"));
    scn *s = NULL;
    err_t e;
    if (scn_load_string("additive.yaml", edited, strlen(edited), &s, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    rep_record *r = calloc(1, sizeof *r);
    assert_int_equal(engine_replication(s, 3, 1, r, &e), ERR_OK);
    int mit = scn_policy_find(s, "mitigation"), ban = scn_policy_find(s, "ban");
    assert_true(r->scalar[0][M_AUCTION_REVENUE] > 0);
    assert_close(r->scalar[mit][M_AUCTION_REVENUE], r->scalar[0][M_AUCTION_REVENUE], 0);
    assert_close(r->scalar[ban][M_AUCTION_REVENUE], r->scalar[0][M_AUCTION_REVENUE], 0);
    for (int o = 0; o < s->noperators; o++)
        assert_close(r->lots_won[ban][o][1], r->lots_won[0][o][1], 0);
    free(r);
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_do_not_matter),
        cmocka_unit_test(seeds_matter),
        cmocka_unit_test(replication_alone_matches),
        cmocka_unit_test(interrupt_keeps_prefix),
        cmocka_unit_test(summary_has_metrics),
        cmocka_unit_test(auction_threads_do_not_matter),
        cmocka_unit_test(auction_outcome_feeds_rollout),
        cmocka_unit_test(additive_values_same_for_all_policies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
