/* test_licence.c — what the spectrum costs an operator and the licence
 * obligations that come with it, on instances solved by hand (every
 * expected number is worked out in the comments): the instalments of a
 * licence price, the financing of a payment above a year's capex budget,
 * and obligations on coverage (population or area, per region or
 * together) and on site counts, soft with their penalty or hard. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "deploy_fixture.h"

#include "auction_stage.h"
#include "deploy.h"
#include "draw.h"
#include "instance.h"
#include "value.h"

/* ---- payments ---- */

/* 100 in four instalments at 5 % on the unpaid balance, the first at
 * once: 100 / (1 + 1.05^-1 + 1.05^-2 + 1.05^-3) = 100 / 3.7232480 =
 * 26.858270. Without interest, equal parts (25); in one payment, a lump
 * sum (100). */
static void instalments_by_hand(void **state)
{
    (void)state;
    assert_close(auction_stage_instalment(100, 4, 0.05), 26.858270, 1e-7);
    assert_close(auction_stage_instalment(100, 4, 0), 25, 1e-15);
    assert_close(auction_stage_instalment(100, 1, 0.05), 100, 1e-15);
}

/* One operator with a capex budget of 5.0 a year; discount rate 0.1;
 * borrowing at 80 % over one year: phi = 1.8 / 1.1 - 1 = 0.636364. */
static void payment_case(scn *s, deploy_problem *p)
{
    memset(s, 0, sizeof *s);
    memset(p, 0, sizeof *p);
    s->noperators = 1;
    s->operators[0].capex_budget_eur_year = (scn_num){5.0, -1};
    p->noperators = 1;
    p->nyears = 3;
    p->discount_rate = 0.1;
    p->financing_rate = 0.8;
    p->financing_term_years = 1;
}

/* A lump sum of 12.0 in year 0: NPV 12; 7.0 above the budget is borrowed,
 * costing 7 x 0.636364 = 4.454545. In two instalments of 6.5 (years 0
 * and 1): NPV 6.5 + 6.5 / 1.1 = 12.409091; 1.5 borrowed in each year,
 * (1.5 + 1.5 / 1.1) x 0.636364 = 1.822314. A payment within the budget
 * borrows nothing. A hard budget changes nothing: the payment is due
 * whatever the operator's rollout may spend. */
static void payment_above_budget_is_financed(void **state)
{
    (void)state;
    scn *s = calloc(1, sizeof *s);
    deploy_problem *p = calloc(1, sizeof *p);
    instance_spectrum *sp = calloc(1, sizeof *sp);
    assert_true(s && p && sp);
    payment_case(s, p);
    double pay, fin;
    sp->payment[0][0] = 12.0;
    instance_spectrum_npv(s, NULL, sp, p, 0, &pay, &fin);
    assert_close(pay, 12.0, 1e-15);
    assert_close(fin, 4.454545, 1e-6);
    p->budget_hard[0] = true;
    instance_spectrum_npv(s, NULL, sp, p, 0, &pay, &fin);
    assert_close(fin, 4.454545, 1e-6);
    sp->payment[0][0] = sp->payment[0][1] = 6.5;
    instance_spectrum_npv(s, NULL, sp, p, 0, &pay, &fin);
    assert_close(pay, 12.409091, 1e-6);
    assert_close(fin, 1.822314, 1e-6);
    sp->payment[0][0] = sp->payment[0][1] = 4.0;
    instance_spectrum_npv(s, NULL, sp, p, 0, &pay, &fin);
    assert_close(pay, 4.0 + 4.0 / 1.1, 1e-12);
    assert_near(fin, 0, 0);
    free(s); free(p); free(sp);
}

/* ---- licence obligations ---- */

/* One operator, two regions (population 1000 and 3000, area 3000 and
 * 1000), ten sites needed in each, ten legacy sites of vendor 0 in each,
 * upgraded to 5G at 2.385 a site; no users, so nothing is worth building
 * but for an obligation; no opex; a large budget; `ny` years at 10 %. */
static deploy_problem *licence_case(int ny)
{
    deploy_problem *p = deploy_fixture(1, ny);
    p->nregions = 2;
    p->population[1] = 3000;
    p->market[0] = 3u;
    p->sites_needed[0][1] = 10;
    p->legacy[0][1][0] = 10;
    p->site_equiv[0][1][0] = 1.0;
    p->swap_site = 1.25;
    p->financing_rate = 0.1;
    p->financing_term_years = 1;
    for (int t = 0; t < ny; t++) p->budget[0][t] = 1e6;
    return p;
}

/* Add an obligation from year from_t over both regions. */
static deploy_licence *add_licence(deploy_problem *p, int from_t, bool sites,
                                   bool per_region, double target, bool hard,
                                   double penalty)
{
    deploy_licence *l = &p->licence[p->nlicence++];
    *l = (deploy_licence){.op = 0, .from_t = from_t, .sites = sites,
                          .per_region = per_region, .regions = 3u,
                          .target = target, .hard = hard,
                          .penalty_year = penalty};
    for (int r = 0; r < p->nregions; r++) l->weight[r] = p->population[r];
    return l;
}

static double sites_5g(const deploy_result *res, int r, int t)
{
    return res->stock_5g[0][r][0][t];
}

static deploy_result *solve(const deploy_problem *p)
{
    deploy_result *res = calloc(1, sizeof *res);
    assert_non_null(res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    return res;
}

/* Half the population of both regions together, hard, in year 0. A site
 * covers a tenth of its region: 300 people in region 1, 100 in region 0,
 * at the same price, so the plan covers 2000 people in region 1 alone:
 * 6.666667 sites, 15.9 (2.385 x 20 / 3). With the regions weighted by
 * area (3000 and 1000) the same reasoning picks region 0. Per region,
 * half of each: 5 + 5 sites, 23.85. */
static void coverage_obligation_hard(void **state)
{
    (void)state;
    deploy_problem *p = licence_case(1);
    add_licence(p, 0, false, false, 0.5, true, 0);
    deploy_result *res = solve(p);
    assert_near(sites_5g(res, 0, 0), 0, 1e-7);
    assert_close(sites_5g(res, 1, 0), 20.0 / 3.0, 1e-7);
    assert_close(res->objective, -15.9, 1e-7);
    assert_near(res->licence_short[0][0], 0, 1e-9);
    free(res);
    p->licence[0].weight[0] = 3000; /* area */
    p->licence[0].weight[1] = 1000;
    res = solve(p);
    assert_close(sites_5g(res, 0, 0), 20.0 / 3.0, 1e-7);
    assert_near(sites_5g(res, 1, 0), 0, 1e-7);
    free(res);
    p->licence[0].per_region = true;
    res = solve(p);
    assert_close(sites_5g(res, 0, 0), 5, 1e-7);
    assert_close(sites_5g(res, 1, 0), 5, 1e-7);
    assert_close(res->objective, -23.85, 1e-7);
    free(p); free(res);
}

/* Soft, 60 % of both regions together from year 1 of two: 2400 of the
 * 4000 people. The cheapest sites cover 300 people each (region 1), so
 * meeting it takes 8 sites, 8 x 2.385 = 19.08 in year 1, 19.08 / 1.1 =
 * 17.345455 today. At a penalty of 20 a year for a full
 * shortfall, missing it costs 0.6 x 20 / 1.1 = 10.909091: the operator
 * builds nothing and pays (penalty NPV 10.909091, shortfall 0.6 in year
 * 1, 0 in year 0). At 40 it costs 21.818182 > 17.345455: it builds the
 * 8 sites in year 1 (not before: a year later is cheaper) and pays
 * nothing. */
static void coverage_obligation_soft(void **state)
{
    (void)state;
    deploy_problem *p = licence_case(2);
    add_licence(p, 1, false, false, 0.6, false, 20);
    deploy_result *res = solve(p);
    assert_near(sites_5g(res, 0, 1) + sites_5g(res, 1, 1), 0, 1e-7);
    assert_close(res->npv[0].penalty, 10.909091, 1e-6);
    assert_close(res->objective, -10.909091, 1e-6);
    assert_near(res->licence_short[0][0], 0, 0);
    assert_close(res->licence_short[0][1], 0.6, 1e-9);
    free(res);
    p->licence[0].penalty_year = 40;
    res = solve(p);
    assert_near(sites_5g(res, 1, 0), 0, 1e-7);
    assert_close(sites_5g(res, 1, 1), 8, 1e-7);
    assert_near(res->npv[0].penalty, 0, 1e-9);
    assert_close(res->objective, -17.345455, 1e-6);
    free(p); free(res);
}

/* Four 5G sites in region 0 in year 0. Hard: four upgrades, 9.54. Soft
 * at 5 a year for none built: building costs 9.54 > 5, so none is built
 * and the penalty is 5 (shortfall 1). At 12: built, no penalty. */
static void site_count_obligation(void **state)
{
    (void)state;
    deploy_problem *p = licence_case(1);
    deploy_licence *l = add_licence(p, 0, true, false, 4, true, 0);
    l->regions = 1u;
    deploy_result *res = solve(p);
    assert_close(sites_5g(res, 0, 0), 4, 1e-7);
    assert_close(res->objective, -9.54, 1e-7);
    free(res);
    l->hard = false;
    l->penalty_year = 5;
    res = solve(p);
    assert_near(sites_5g(res, 0, 0), 0, 1e-7);
    assert_close(res->npv[0].penalty, 5, 1e-9);
    assert_close(res->licence_short[0][0], 1, 1e-9);
    free(res);
    l->penalty_year = 12;
    res = solve(p);
    assert_close(sites_5g(res, 0, 0), 4, 1e-7);
    assert_near(res->npv[0].penalty, 0, 1e-9);
    free(p); free(res);
}

/* A hard obligation no plan can meet (more sites than the region can
 * ever hold at a delivery capacity of 3) makes the program infeasible. */
static void hard_obligation_infeasible(void **state)
{
    (void)state;
    deploy_problem *p = licence_case(1);
    p->capacity[0] = 3;
    add_licence(p, 0, true, false, 4, true, 0);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_INFEASIBLE);
    assert_int_equal(res->status, DEPLOY_INFEASIBLE);
    assert_contains(e.msg, "the 1 hard licence obligation(s) of the "
                           "auction's winners cannot be met");
    free(p); free(res);
}

/* ---- the scenario file ---- */

/* tests/data/small_auction.yaml (84 lines) with an obligations section
 * of one item (line 86); a new heap string. */
static char *with_obligation(const char *item)
{
    char *base = test_read_file("tests/data/small_auction.yaml");
    size_t len = strlen(base) + strlen(item) + 64;
    char *out = malloc(len);
    assert_non_null(out);
    snprintf(out, len, "%sobligations:\n  - %s\n", base, item);
    free(base);
    return out;
}

static void expect_obligation_error(const char *item, const char *prefix,
                                    const char *w1)
{
    char *text = with_obligation(item);
    expect_error(text, prefix, w1, NULL);
    free(text);
}

/* A good section loads as written; every bad input is located. */
static void obligations_loaded(void **state)
{
    (void)state;
    char *text = with_obligation(
        "{band: b3600, operators: beta, scope: area, regions: country, "
        "per_region: true, share: 0.75, year: 2024, penalty_eur_year: 3.5e6}");
    scn *s = load_ok(text);
    assert_int_equal(s->nobligations, 1);
    const scn_obligation *ob = &s->obligations[0];
    assert_int_equal(ob->band, 1);
    assert_int_equal(ob->operators, 2u);
    assert_int_equal(ob->scope, OBLIG_AREA);
    assert_int_equal(ob->regions, 2u);
    assert_true(ob->per_region);
    assert_close(ob->share, 0.75, 1e-15);
    assert_int_equal(ob->year, 2024);
    assert_false(ob->hard);
    assert_close(ob->penalty_eur_year, 3.5e6, 1e-15);
    scn_free(s);
    free(text);
}

static void obligation_errors(void **state)
{
    (void)state;
    expect_obligation_error("{band: b9, share: 0.5, year: 2023, "
                            "penalty_eur_year: 1}",
                            "t.yaml:86:12: obligations[0].band: \"b9\"",
                            "a band name (one of b700, b3600)");
    expect_obligation_error("{band: b700, share: 0.5, year: 2023, "
                            "penalty_eur_year: 1}",
                            "t.yaml:86:12: obligations[0].band: b700",
                            "lots > 0");
    expect_obligation_error("{band: b3600, share: 0.5, year: 2023}",
                            "t.yaml:86:5: obligations[0].penalty_eur_year: "
                            "absent", "or hard: true");
    expect_obligation_error("{band: b3600, year: 2023, penalty_eur_year: 1}",
                            "t.yaml:86:5: obligations[0].share: absent",
                            "scope population or area");
    expect_obligation_error("{band: b3600, scope: sites, share: 0.5, "
                            "sites: 3, year: 2023, penalty_eur_year: 1}",
                            "t.yaml:86:40: obligations[0].share: \"0.5\"",
                            "write sites instead");
    expect_obligation_error("{band: b3600, share: 1.5, year: 2023, "
                            "penalty_eur_year: 1}",
                            "t.yaml:86:26: obligations[0].share: \"1.5\"",
                            "a share in [0, 1]");
    expect_obligation_error("{band: b3600, share: 0.5, year: 2030, "
                            "penalty_eur_year: 1}",
                            "t.yaml:86:37: obligations[0].year: \"2030\"",
                            "[2021, 2025]");
    expect_obligation_error("{band: b3600, share: 0.5, year: 2023, "
                            "hard: true, penalty_eur_year: 1}",
                            "t.yaml:86:73: obligations[0].penalty_eur_year",
                            "a hard obligation has no penalty");
    expect_obligation_error("{band: b3600, scope: volume, share: 0.5, "
                            "year: 2023, penalty_eur_year: 1}",
                            "t.yaml:86:26: obligations[0].scope: "
                            "\"volume\"", "population, area, sites");
    expect_obligation_error("{band: b3600, share: 0.5, year: 2023, "
                            "penalty_eur_year: 1, verb: 1}",
                            "t.yaml:86:", "verb");
}

/* No auction, no winners: an obligation is refused, saying why. */
static void obligation_needs_auction(void **state)
{
    (void)state;
    char *text = with_obligation("{band: b3600, share: 0.5, year: 2023, "
                                 "penalty_eur_year: 1}");
    text = test_replace(text, "  format: clock", "  format: none");
    text = test_replace(text, "reserve_factor: 1.5, ", "");
    expect_error(text, "t.yaml:86:12: obligations[0].band: b3600",
                 "an auction (section auction with a format)", NULL);
    free(text);
}

/* The instalment interest rate is read and checked. */
static void payment_interest_rate_loaded(void **state)
{
    (void)state;
    char *text = test_replace(test_read_file("tests/data/small_auction.yaml"),
                              "  payment_years: 2",
                              "  payment_years: 2\n  payment_interest_rate: "
                              "0.035");
    scn *s = load_ok(text);
    assert_close(s->auction.payment_interest_rate, 0.035, 1e-15);
    scn_free(s);
    free(text);
    text = test_replace(test_read_file("tests/data/small_auction.yaml"),
                        "  payment_years: 2",
                        "  payment_years: 2\n  payment_interest_rate: 0.8");
    expect_error(text, "t.yaml:47:26: auction.payment_interest_rate: \"0.8\"",
                 "a rate in [0, 0.5]", NULL);
    free(text);
}

/* ---- what bidders are told (docs/model.md §7) ---- */

/* The value model of operator o at the inputs' means, before the auction
 * (baseline). */
static void value_terms(const scn *s, int o, value_operator *vo)
{
    double *draws = calloc((size_t)s->nparams + 1, sizeof *draws);
    deploy_problem *p = calloc(1, sizeof *p);
    instance_spectrum *sp = calloc(1, sizeof *sp);
    assert_true(draws && p && sp);
    draw_params_mean(s, draws);
    instance_spectrum_from_scenario(s, sp);
    instance_build(s, draws, 0, sp, p);
    instance_value_operator(s, draws, sp, p, o, vo);
    free(sp); free(p); free(draws);
}

/* beta's obligation (area of `country` per region, 75 % by 2024) reaches
 * its value model as year index 3 with the regions' areas (800 and
 * 20,000 km²) as weights; alpha, not named, takes none on; with
 * bidders_price_obligations false nobody does. Financing is off by
 * default; on, two interest-free instalments are half the price a year,
 * in years 0 and 1 with discount factors 1 + 1/1.07 = 1.934579 (the
 * discount rate's mean, uniform on [0.05, 0.09]), against alpha's budget
 * of 6.0e7. A bad flag is located. */
static void values_receive_licence_terms(void **state)
{
    (void)state;
    char *text = with_obligation(
        "{band: b3600, operators: beta, scope: area, regions: country, "
        "per_region: true, share: 0.75, year: 2024, penalty_eur_year: 3.5e6}");
    scn *s = load_ok(text);
    assert_true(s->auction.bidders_price_obligations);
    assert_false(s->auction.bidders_price_financing);
    value_operator vo;
    value_terms(s, 1, &vo);
    assert_int_equal(vo.nobligations, 1);
    const value_obligation *ob = &vo.obligations[0];
    assert_int_equal(ob->band, 1);
    assert_int_equal(ob->year, 3);
    assert_false(ob->sites);
    assert_true(ob->per_region);
    assert_int_equal(ob->regions, 2u);
    assert_close(ob->weight[0], 800, 0);
    assert_close(ob->weight[1], 20000, 0);
    assert_close(ob->target, 0.75, 0);
    assert_close(ob->penalty_year, 3.5e6, 0);
    assert_close(vo.pay_years_pv, 0, 0);
    value_terms(s, 0, &vo);
    assert_int_equal(vo.nobligations, 0);
    scn_free(s);

    char *off = test_replace(strdup(text), "  payment_years: 2",
                             "  payment_years: 2\n"
                             "  bidders_price_obligations: false\n"
                             "  bidders_price_financing: true");
    s = load_ok(off);
    value_terms(s, 1, &vo);
    assert_int_equal(vo.nobligations, 0);
    value_terms(s, 0, &vo);
    assert_close(vo.pay_share, 0.5, 1e-15);
    assert_close(vo.pay_years_pv, 1 + 1 / 1.07, 1e-15);
    assert_close(vo.pay_budget, 6.0e7, 0);
    scn_free(s);
    free(off);

    char *bad = test_replace(strdup(text), "  payment_years: 2",
                             "  payment_years: 2\n"
                             "  bidders_price_obligations: maybe");
    expect_error(bad, "t.yaml:47:30: auction.bidders_price_obligations",
                 "maybe", NULL);
    free(bad);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(instalments_by_hand),
        cmocka_unit_test(payment_above_budget_is_financed),
        cmocka_unit_test(coverage_obligation_hard),
        cmocka_unit_test(coverage_obligation_soft),
        cmocka_unit_test(site_count_obligation),
        cmocka_unit_test(hard_obligation_infeasible),
        cmocka_unit_test(obligations_loaded),
        cmocka_unit_test(obligation_errors),
        cmocka_unit_test(obligation_needs_auction),
        cmocka_unit_test(values_receive_licence_terms),
        cmocka_unit_test(payment_interest_rate_loaded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
