/* test_soft.c — budgets and deadlines that bend, subsidies, like-for-like
 * swaps and non-radio equipment in the rollout optimiser, on instances
 * solved by hand (every expected number is worked out in the comments),
 * the hard versions' infeasibility diagnosis, and the property that a
 * removal no longer ends with more coverage than doing nothing. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "deploy_fixture.h"

#include "deploy.h"

/* One operator, one region, two vendors (vendor 0 high-risk with the ten
 * legacy sites), `ny` years, discount rate 0.1. Nobody buys 5G: there are
 * no users, so every euro spent is a swap. Swap price 1.25 a site. Budget
 * 5.0 a year (four swaps), soft, borrowing at 80 % repaid after one year:
 * financing factor phi = 1.8 / 1.1 - 1 = 0.636364 (the awkward rate makes
 * a delay worth considering against borrowing). */
static deploy_problem *swap_case(int ny)
{
    deploy_problem *p = deploy_fixture(2, ny);
    p->swap_site = 1.25;
    p->financing_rate = 0.8;
    p->financing_term_years = 1;
    p->high_risk[0] = true;
    for (int t = 0; t < ny; t++) p->budget[0][t] = 5.0;
    return p;
}

/* Exclusion of vendor 0 from year 0 with removal by the end of year 0. */
static void add_removal(deploy_problem *p, bool hard, double penalty)
{
    p->instr[p->ninstr++] = (deploy_instr){
        .kind = DEPLOY_EXCLUDE, .label = "removal by year 0", .vendors = 1u,
        .regions = 1u, .from_t = 0, .removal_t = 0, .deadline_hard = hard,
        .late_penalty_site_year = penalty};
}

static double swapped_in_year(const deploy_result *res, int t)
{
    return res->swapped[0][0][0][t];
}

/* The financing factor: 12 % over 5 years against a 10 % discount rate:
 * annuity 0.12 / (1 - 1.12^-5) = 0.2774097 per unit, repayments worth
 * 3.7907868 annuities, 0.2774097 x 3.7907868 - 1 = 0.0516011. A loan no
 * dearer than the discount rate costs nothing (8 %: factor 0). */
static void financing_factor_by_hand(void **state)
{
    (void)state;
    deploy_problem *p = swap_case(1);
    p->financing_rate = 0.12;
    p->financing_term_years = 5;
    assert_close(deploy_financing_factor(p), 0.0516011, 1e-6);
    p->financing_term_years = 1; /* 1.12 / 1.1 - 1 */
    assert_close(deploy_financing_factor(p), 0.0181818, 1e-5);
    p->financing_rate = 0.08;
    assert_close(deploy_financing_factor(p), 0, 0);
    free(p);
}

/* Soft budget, soft deadline (penalty 0.8 per site-year), three years.
 * Per site, in present value: swap in year 0 within the budget 1.25 (four
 * slots); borrowed in year 0 1.25 x 1.636364 = 2.045455; late one year,
 * within year 1's budget 0.8 + 1.25 / 1.1 = 1.936364 (four slots); late
 * two years within year 2's budget 0.8 x 1.909091 + 1.25 / 1.21 =
 * 2.560331; late one year and borrowed 0.8 + 2.045455 / 1.1 = 2.659504;
 * never removed 0.8 x (1 + 1/1.1 + 1/1.21) = 2.188430. So four go on time,
 * four a year late, and the last two are borrowed for in year 0.
 * Year 0 spends 6 x 1.25 = 7.5 against 5.0: overrun 2.5, financing
 * 2.5 x 0.636364 = 1.590909. Late: 4 sites at the end of year 0, penalty
 * 4 x 0.8 = 3.2; mean lateness 12 x 4 / 10 = 4.8 months. Swaps 7.5 +
 * 5 / 1.1 = 12.045455; optimum -(12.045455 + 1.590909 + 3.2). */
static void late_and_borrowed(void **state)
{
    (void)state;
    deploy_problem *p = swap_case(3);
    add_removal(p, false, 0.8);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(swapped_in_year(res, 0), 6, 1e-9);
    assert_close(swapped_in_year(res, 1), 4, 1e-9);
    assert_near(swapped_in_year(res, 2), 0, 1e-9);
    assert_close(res->swapped_in[0][0][1][0], 6, 1e-9); /* like for like */
    assert_close(res->removal_late_sites[0], 4, 1e-9);
    assert_near(res->removal_late_sites[1], 0, 1e-9);
    assert_close(res->removal_delay_months, 4.8, 1e-9);
    assert_close(res->overrun[0][0], 2.5, 1e-9);
    assert_near(res->overrun[0][1], 0, 1e-9);
    assert_close(res->overrun_npv[0], 2.5, 1e-9);
    assert_close(res->npv[0].financing, 1.590909, 1e-6);
    assert_close(res->npv[0].late_penalty, 3.2, 1e-9);
    assert_close(res->npv[0].swap, 12.045455, 1e-6);
    assert_close(res->objective, -16.836364, 1e-6);
    /* nobody was paid to do it */
    assert_near(res->state_outlay_npv, 0, 1e-12);
    free(p); free(res);
}

/* Hard deadline, soft budget: all ten in year 0, 7.5 borrowed, financing
 * 7.5 x 0.636364 = 4.772727, nothing late (lateness 0 months). */
static void hard_deadline_borrows(void **state)
{
    (void)state;
    deploy_problem *p = swap_case(3);
    add_removal(p, true, 0.8);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(swapped_in_year(res, 0), 10, 1e-9);
    assert_close(res->overrun[0][0], 7.5, 1e-9);
    assert_close(res->npv[0].financing, 4.772727, 1e-6);
    assert_near(res->npv[0].late_penalty, 0, 1e-12);
    assert_near(res->removal_late_sites[0], 0, 1e-9);
    assert_near(res->removal_delay_months, 0, 1e-9);
    free(p); free(res);
}

/* Hard budget, soft deadline at 2.0 per site-year: four swaps a year.
 * Late one year 2 + 1.136364 = 3.136364, late two years 2 x 1.909091 +
 * 1.033058 = 4.851240, never 2 x 2.735537 = 5.471074: four on time, four
 * a year late, two two years late. Late sites 6, 2, 0; mean lateness
 * 12 x (6 + 2) / 10 = 9.6 months; penalty 2 x (6 + 2 / 1.1) = 15.636364;
 * no overrun, no financing. */
static void hard_budget_is_late(void **state)
{
    (void)state;
    deploy_problem *p = swap_case(3);
    p->budget_hard[0] = true;
    add_removal(p, false, 2.0);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    for (int t = 0; t < 3; t++)
        assert_close(swapped_in_year(res, t), t < 2 ? 4 : 2, 1e-9);
    assert_close(res->removal_late_sites[0], 6, 1e-9);
    assert_close(res->removal_late_sites[1], 2, 1e-9);
    assert_near(res->removal_late_sites[2], 0, 1e-9);
    assert_close(res->removal_delay_months, 9.6, 1e-9);
    assert_close(res->npv[0].late_penalty, 15.636364, 1e-6);
    assert_near(res->npv[0].financing, 0, 1e-12);
    assert_near(res->overrun_npv[0], 0, 1e-12);
    free(p); free(res);
}

/* Both hard: ten swaps (12.5) cannot fit a 5.0 budget by the end of year
 * 0. Infeasible, and the diagnosis names the exclusion. */
static void both_hard_infeasible(void **state)
{
    (void)state;
    deploy_problem *p = swap_case(3);
    p->budget_hard[0] = true;
    add_removal(p, true, 0.8);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    err_clear(&e);
    assert_int_equal(deploy_solve(p, res, &e), ERR_INFEASIBLE);
    assert_int_equal(res->status, DEPLOY_INFEASIBLE);
    assert_int_equal(res->culprits, 1u);
    assert_contains(e.msg, "'removal by year 0' cannot be met");
    free(p); free(res);
}

/* What truly cannot be done stays infeasible even with a soft deadline:
 * both vendors are excluded, so no vendor may ever re-equip the sites. */
static void no_admissible_vendor_infeasible(void **state)
{
    (void)state;
    deploy_problem *p = swap_case(3);
    add_removal(p, false, 0.8);
    p->instr[0].vendors = 3u;
    snprintf(p->instr[0].label, sizeof p->instr[0].label, "ban everyone");
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    err_clear(&e);
    assert_int_equal(deploy_solve(p, res, &e), ERR_INFEASIBLE);
    assert_int_equal(res->culprits, 1u);
    assert_contains(e.msg, "'ban everyone'");
    free(p); free(res);
}

/* ---- subsidies --------------------------------------------------------- */

/* A fund paying 75 % of swap costs, at most 3.75 a year (four swaps of
 * 1.25), budget ample. Soft deadline at 0.4 per site-year. Per site:
 * subsidised in year 0 0.3125 (four slots); unsubsidised in year 0 1.25;
 * subsidised a year late 0.4 + 0.3125 / 1.1 = 0.684091 (four slots);
 * subsidised two years late 0.4 x 1.909091 + 0.3125 / 1.21 = 1.021901
 * (four slots); never 0.4 x 2.735537 = 1.094215. So the fund delays the
 * last two sites by two years: swaps 4, 4, 2; late 6, 2, 0; mean
 * lateness 12 x 8 / 10 = 9.6 months. The state pays 3.75, 3.75 and
 * 2 x 0.9375 = 1.875: outlay 3.75 + 3.75 / 1.1 + 1.875 / 1.21 = 8.708678.
 * Gross swaps 1.25 x (4 + 4 / 1.1 + 2 / 1.21) = 11.611570, the operator's
 * share a quarter of it; penalty 0.4 x (6 + 2 / 1.1) = 3.127273; optimum
 * -(11.611570 - 8.708678 + 3.127273) = -6.030165. */
static deploy_problem *fund_case(void)
{
    deploy_problem *p = swap_case(3);
    p->budget[0][0] = p->budget[0][1] = p->budget[0][2] = 1e6;
    add_removal(p, false, 0.4);
    p->instr[p->ninstr++] = (deploy_instr){
        .kind = DEPLOY_SUBSIDY, .label = "fund", .vendors = 1u,
        .regions = 1u, .operators = 1u, .from_t = 0,
        .subsidy_share = 0.75, .fund_year = 3.75};
    return p;
}

static void capped_fund_delays_removal(void **state)
{
    (void)state;
    deploy_problem *p = fund_case();
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    for (int t = 0; t < 3; t++)
        assert_close(swapped_in_year(res, t), t < 2 ? 4 : 2, 1e-9);
    assert_close(res->removal_late_sites[0], 6, 1e-9);
    assert_close(res->removal_late_sites[1], 2, 1e-9);
    assert_close(res->removal_delay_months, 9.6, 1e-9);
    assert_close(res->subsidy[0][0], 3.75, 1e-9);
    assert_close(res->subsidy[0][1], 3.75, 1e-9);
    assert_close(res->subsidy[0][2], 1.875, 1e-9);
    assert_close(res->state_outlay_npv, 8.708678, 1e-6);
    assert_close(res->npv[0].subsidy, 8.708678, 1e-6);
    assert_close(res->npv[0].swap, 11.611570, 1e-6);
    assert_close(res->npv[0].late_penalty, 3.127273, 1e-6);
    assert_close(res->objective, -6.030165, 1e-6);
    /* uncapped, all ten go at once and nothing is late */
    p->instr[1].fund_year = 0;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(swapped_in_year(res, 0), 10, 1e-9);
    assert_close(res->state_outlay_npv, 10 * 0.9375, 1e-9);
    assert_near(res->removal_delay_months, 0, 1e-9);
    free(p); free(res);
}

/* A total cap of 5.625 (six subsidised swaps) with the yearly one, penalty
 * 0.5: subsidised in year 0 (four), a year late 0.5 + 0.284091 = 0.784091
 * (two, the rest of the fund); the other four pay in full in year 0 (1.25
 * against 0.5 + 1.25 / 1.1 = 1.636364 a year late, or never 1.367769).
 * Swaps 8 then 2; late 2 then 0; outlay 3.75 + 1.875 / 1.1 = 5.454545. An
 * operator outside the programme gets nothing and swaps all at once. */
static void total_fund_and_eligibility(void **state)
{
    (void)state;
    deploy_problem *p = fund_case();
    p->instr[0].late_penalty_site_year = 0.5;
    p->instr[1].fund_total = 5.625;
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(swapped_in_year(res, 0), 8, 1e-9);
    assert_close(swapped_in_year(res, 1), 2, 1e-9);
    assert_close(res->removal_late_sites[0], 2, 1e-9);
    assert_close(res->state_outlay_npv, 5.454545, 1e-6);
    p->instr[1].operators = 0;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(swapped_in_year(res, 0), 10, 1e-9);
    assert_near(res->state_outlay_npv, 0, 1e-12);
    free(p); free(res);
}

/* ---- like-for-like swaps ----------------------------------------------- */

/* Users 100 at `margin` a year each. At 0.1 a full network earns
 * 10 + 10 / 1.1 = 19.09 over two years, less than upgrading ten sites
 * (23.85): nothing is upgraded, with or without the removal by year 1,
 * which swaps the ten sites like for like in year 1 (10 x 1.25 / 1.1 =
 * 11.363636), their radios at vendor 1's premium over the cheapest vendor
 * (10 x (3 - 2.385) / 1.1 = 5.590909), and leaves coverage at 0. At 0.2
 * (38.18 > 23.85, and > 30 with vendor 1's dearer upgrade at 3.0) both
 * plans cover everything from year 0: the swap then happens in year 0, at
 * the same visit as the upgrade, the optimiser's choice (premium 6.15). */
static void like_for_like_keeps_coverage(void **state)
{
    (void)state;
    const double margin[2] = {0.1, 0.2};
    for (int k = 0; k < 2; k++) {
        deploy_problem *p = swap_case(2);
        p->users[0][0] = 100;
        p->margin_user_year = margin[k];
        p->ran_upgrade[1] = 3.0;
        p->budget[0][0] = p->budget[0][1] = 1e6;
        deploy_result *base = calloc(1, sizeof *base);
        deploy_result *res = calloc(1, sizeof *res);
        err_t e;
        assert_int_equal(deploy_solve(p, base, &e), ERR_OK);
        p->ninstr = 1;
        p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "ban",
                                     .vendors = 1u, .regions = 1u,
                                     .from_t = 0, .removal_t = 1,
                                     .deadline_hard = true};
        assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
        for (int t = 0; t < 2; t++) {
            assert_close(res->coverage_pop_share[t], k == 0 ? 0.0 : 1.0, 1e-9);
            assert_close(res->coverage_pop_share[t], base->coverage_pop_share[t],
                         1e-9);
        }
        if (k == 0) {
            assert_close(res->swapped[0][0][0][1], 10, 1e-9);
            assert_close(res->swapped_in[0][0][1][1], 10, 1e-9);
            assert_close(res->stock_legacy[0][0][1][1], 10, 1e-9);
            assert_near(res->upgraded[0][0][1][1], 0, 1e-9);
            assert_close(res->npv[0].swap, 11.363636, 1e-6);
            assert_close(res->npv[0].capex, 10 * 0.615 / 1.1, 1e-9);
        } else {
            assert_close(res->swapped[0][0][0][0], 10, 1e-9);
            assert_close(res->upgraded[0][0][1][0], 10, 1e-9);
            assert_close(res->npv[0].swap, 12.5, 1e-9);
            assert_close(res->npv[0].capex, 30 + 6.15, 1e-9);
        }
        free(p); free(base); free(res);
    }
}

/* Random instances with vendors alike but for their risk (same prices,
 * efficiency and opex, no integration cost, no limit on vendors per
 * region, ample delivery capacity; budgets soft or, one in four, hard):
 * removing vendor 0 (hard or soft deadline) never ends with more coverage
 * than doing nothing, in any year, and never raises the optimum. Two
 * cases are excluded on purpose, because there a removal may raise
 * coverage for reasons other than the swap paying for 5G: a binding
 * vendors-per-region limit (the swap leaves the operator one vendor to
 * upgrade), and binding shared delivery capacity (a removal that slows
 * one operator leaves capacity to another, and national coverage counts
 * the best operator in each region). */
static void random_alike(deploy_problem *p, unsigned *seed)
{
    memset(p, 0, sizeof *p);
    p->noperators = 2; p->nregions = 2; p->nvendors = 3; p->nyears = 4;
    p->discount_rate = 0.07;
    p->margin_user_year = 4 + rand_r(seed) % 20;
    p->swap_site = 20 + rand_r(seed) % 30;
    p->core_upgrade_share = 0.5;
    p->risk_core_weight = 0.5;
    p->node_limit = 1000000;
    p->mip_gap = 0;
    p->financing_rate = 0.09 + 0.01 * (rand_r(seed) % 5);
    p->financing_term_years = 1 + rand_r(seed) % 6;
    double up = 40 + rand_r(seed) % 30, nw = 80 + rand_r(seed) % 40;
    double opex = 5 + rand_r(seed) % 10;
    for (int r = 0; r < 2; r++) p->population[r] = 1000 + rand_r(seed) % 5000;
    for (int v = 0; v < 3; v++) {
        p->high_risk[v] = v == 0;
        p->risk_score[v] = v == 0 ? 0.8 : 0.1;
        p->ran_upgrade[v] = up;
        p->ran_new[v] = nw;
        p->opex_site_year[v] = opex;
        p->capacity[v] = 1e6;
    }
    for (int o = 0; o < 2; o++) {
        p->subscriber_share[o] = 0.5;
        p->market[o] = 3u;
        p->core_vendor[o] = -1;
        p->obligation_t[o] = -1;
        p->vendors_per_region_max[o] = 3;
        p->budget_hard[o] = rand_r(seed) % 4 == 0;
        for (int t = 0; t < 4; t++) p->budget[o][t] = 1500 + rand_r(seed) % 3000;
        for (int r = 0; r < 2; r++) {
            p->sites_needed[o][r] = 20 + rand_r(seed) % 40;
            p->users[o][r] = p->population[r] / 2;
            for (int v = 0; v < 3; v++) {
                p->site_equiv[o][r][v] = 1.0;
                p->legacy[o][r][v] = rand_r(seed) % 3 == 0 ? 0 : rand_r(seed) % 20;
            }
        }
    }
}

static void removal_never_adds_coverage(void **state)
{
    (void)state;
    unsigned seed = 2385;
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *base = calloc(1, sizeof *base);
    deploy_result *res = calloc(1, sizeof *res);
    int compared = 0, swapped = 0;
    for (int k = 0; k < 60; k++) {
        random_alike(p, &seed);
        err_t e;
        if (deploy_solve(p, base, &e) != ERR_OK) continue; /* hard budget */
        int from = rand_r(&seed) % 2;
        p->instr[p->ninstr++] = (deploy_instr){
            .kind = DEPLOY_EXCLUDE, .label = "removal", .vendors = 1u,
            .regions = rand_r(&seed) % 2 ? 3u : 1u, .from_t = from,
            .removal_t = from + 1 + rand_r(&seed) % 2,
            .deadline_hard = rand_r(&seed) % 2,
            .late_penalty_site_year = rand_r(&seed) % 100};
        err_code rc = deploy_solve(p, res, &e);
        if (rc == ERR_INFEASIBLE) continue;
        assert_int_equal(rc, ERR_OK);
        assert_true(res->objective <= base->objective +
                                          1e-6 * (1 + fabs(base->objective)));
        for (int t = 0; t < p->nyears; t++)
            if (res->coverage_pop_share[t] > base->coverage_pop_share[t] + 1e-6)
                fail_msg("instance %d, year %d: coverage %.9g with the "
                         "removal, %.9g without", k, t,
                         res->coverage_pop_share[t],
                         base->coverage_pop_share[t]);
        for (int o = 0; o < 2; o++)
            for (int r = 0; r < 2; r++)
                for (int t = 0; t < 4; t++)
                    swapped += res->swapped[o][r][0][t] > 0.5;
        compared++;
    }
    assert_true(compared >= 20);
    assert_true(swapped > 0); /* the removals did swap sites */
    free(p); free(base); free(res);
}

/* ---- non-radio equipment ----------------------------------------------- */

/* Three core sites (swap 4.5 each) and five transport units (0.7 each) of
 * vendor 0, besides the ten radio sites (kept: the exclusion covers no
 * RAN region). A core-only exclusion with a hard removal by year 1 swaps
 * the three core sites in year 1 (3 x 4.5 / 1.1 = 12.272727) and leaves
 * the transport units and the radio sites; coverage is the baseline's
 * (none: no users). The value model's forced capex is 3 x 4.5 = 13.5,
 * undiscounted.
 * Soft deadline at 6.0 a unit-year with a hard budget of 4.5 a year: one
 * core site a year. The third site: in year 2, late one year, 6 / 1.1 +
 * 4.5 / 1.21 = 9.173554, against never 6 / 1.1 + 6 / 1.21 = 10.413223:
 * swaps 1, 1, 1; one unit late at the end of year 1; the units held when
 * the deadline year began are the two left after year 0, so the mean
 * lateness is 12 x 1 / 2 = 6 months; penalty 6 / 1.1 = 5.454545.
 * With transport in scope too (hard, budget ample): 5 x 0.7 = 3.5 more,
 * in year 1. */
static void non_radio_units(void **state)
{
    (void)state;
    deploy_problem *p = swap_case(3);
    p->budget[0][0] = p->budget[0][1] = p->budget[0][2] = 1e6;
    p->units[0][DEPLOY_UNIT_CORE][0] = 3;
    p->units[0][DEPLOY_UNIT_TRANSPORT][0] = 5;
    p->unit_swap[DEPLOY_UNIT_CORE] = 4.5;
    p->unit_swap[DEPLOY_UNIT_TRANSPORT] = 0.7;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "core",
                                 .vendors = 1u, .regions = 0, .core = true,
                                 .operators = 1u, .from_t = 0, .removal_t = 1,
                                 .deadline_hard = true,
                                 .kinds = 1u << DEPLOY_UNIT_CORE};
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->unit_swapped[0][DEPLOY_UNIT_CORE][0][1], 3, 1e-9);
    assert_near(res->unit_stock[0][DEPLOY_UNIT_CORE][0][1], 0, 1e-9);
    assert_close(res->unit_stock[0][DEPLOY_UNIT_TRANSPORT][0][2], 5, 1e-9);
    assert_close(res->stock_legacy[0][0][0][2], 10, 1e-9);
    assert_close(res->npv[0].swap, 12.272727, 1e-6);
    assert_near(res->coverage_pop_share[2], 0, 1e-12);
    assert_close(deploy_forced_swaps(p, 0), 13.5, 1e-12);
    /* soft deadline, hard budget of one core site a year */
    p->budget_hard[0] = true;
    p->budget[0][0] = p->budget[0][1] = p->budget[0][2] = 4.5;
    p->instr[0].deadline_hard = false;
    p->instr[0].late_penalty_site_year = 6.0;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    for (int t = 0; t < 3; t++)
        assert_close(res->unit_swapped[0][DEPLOY_UNIT_CORE][0][t], 1, 1e-9);
    assert_close(res->removal_late_sites[1], 1, 1e-9);
    assert_near(res->removal_late_sites[2], 0, 1e-9);
    assert_close(res->removal_delay_months, 6, 1e-9);
    assert_close(res->npv[0].late_penalty, 6 / 1.1, 1e-9);
    /* transport covered too (scope all): five more units to swap, 3.5 */
    p->budget_hard[0] = false;
    p->budget[0][0] = p->budget[0][1] = p->budget[0][2] = 1e6;
    p->instr[0].deadline_hard = true;
    p->instr[0].kinds |= 1u << DEPLOY_UNIT_TRANSPORT;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->npv[0].swap, (13.5 + 3.5) / 1.1, 1e-9);
    assert_close(deploy_forced_swaps(p, 0), 17.0, 1e-12);
    free(p); free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(financing_factor_by_hand),
        cmocka_unit_test(late_and_borrowed),
        cmocka_unit_test(hard_deadline_borrows),
        cmocka_unit_test(hard_budget_is_late),
        cmocka_unit_test(both_hard_infeasible),
        cmocka_unit_test(no_admissible_vendor_infeasible),
        cmocka_unit_test(capped_fund_delays_removal),
        cmocka_unit_test(total_fund_and_eligibility),
        cmocka_unit_test(like_for_like_keeps_coverage),
        cmocka_unit_test(removal_never_adds_coverage),
        cmocka_unit_test(non_radio_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
