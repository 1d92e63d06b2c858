/* test_age.c — equipment age (refresh at the end of life, write-off of
 * early removals), installed 5G, vendor supply shocks and capacity
 * ramp-up in the rollout optimiser, on instances solved by hand (every
 * expected number is worked out in the comments); what the loader reads
 * and rejects for the new fields; and the rollout objective of a scenario
 * without them, pinned to the optimum of the program written before they
 * existed, as GLPK's glpsol solved it. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "deploy_fixture.h"

#include "deploy.h"
#include "engine.h"
#include "instance.h"

/* One operator, one region, two vendors; vendor 0 (high-risk) has the ten
 * legacy sites. No users, so nothing is bought for coverage: every cost
 * is a swap, a write-off or a forced refresh. Discount rate 0.1, swap
 * price 1.25 a site, budget far above every cost. Equipment life 4 years,
 * mean age 2: ages uniform on [0, 4], so a quarter of the sites reaches
 * its end of life in each year: E(t) = 10 (t + 1) / 4 = 2.5, 5, 7.5, 10
 * at the end of years 0..3 (and 10 after). Vendor 0's radio equipment is
 * worth ran_upgrade = 2 new, so a site removed early writes off
 * 2 / 4 = 0.5 a year before its life would have ended. */
static deploy_problem *age_case(int ny)
{
    deploy_problem *p = deploy_fixture(2, ny);
    p->swap_site = 1.25;
    p->high_risk[0] = true;
    for (int v = 0; v < 2; v++) p->ran_upgrade[v] = 2.0;
    p->life = 4;
    p->age_mean[0] = 2;
    return p;
}

/* Exclusion of vendor 0 from year 0, removed by the end of year index
 * `removal_t` (-1: a purchase stop only), hard. */
static void add_exclusion(deploy_problem *p, int removal_t)
{
    p->instr[p->ninstr++] = (deploy_instr){
        .kind = DEPLOY_EXCLUDE, .label = "exclude vendor 0", .vendors = 1u,
        .regions = 1u, .from_t = 0, .removal_t = removal_t,
        .deadline_hard = true};
}

static deploy_result *solve_ok(const deploy_problem *p)
{
    deploy_result *res = calloc(1, sizeof *res);
    assert_non_null(res);
    err_t e;
    if (deploy_solve(p, res, &e) != ERR_OK) fail_msg("%s", e.msg);
    assert_int_equal(res->status, DEPLOY_OPTIMAL);
    return res;
}

/* The schedule E(t) of the case. */
static void due_schedule(void **state)
{
    (void)state;
    deploy_problem *p = age_case(4);
    double want[6] = {2.5, 5, 7.5, 10, 10, 10};
    for (int t = 0; t < 6; t++)
        assert_close(deploy_due(p, 0, 0, 0, t), want[t], 1e-15);
    assert_close(deploy_due(p, 0, 0, 1, 3), 0, 1e-15);
    assert_close(deploy_depreciation(p, 0), 0.5, 1e-15);
    /* no age: nothing is ever due */
    p->life = 0;
    assert_close(deploy_due(p, 0, 0, 0, 3), 0, 1e-15);
    free(p);
}

/* Deadline at the end of year 1. By then 5 sites have reached their end
 * of life and are refreshed (2.5 in each year, free, to vendor 1); the
 * other 5 are swapped early, in year 1 (a year-0 swap costs more and
 * writes off more). Of those, 2.5 would have lasted to year 2 and 2.5 to
 * year 3: 2.5 x 1 + 2.5 x 2 = 7.5 site-years of depreciation lost, valued
 * in the years they are lost: A(1) = 5 sites ahead of schedule in year 1,
 * A(2) = 2.5 in year 2, so the stranded value is
 * 0.5 x (5 / 1.1 + 2.5 / 1.21) = 2.2727273 + 1.0330579 = 3.3057851;
 * the swaps cost 5 x 1.25 / 1.1 = 5.6818182. */
static void early_deadline_writes_off(void **state)
{
    (void)state;
    deploy_problem *p = age_case(4);
    add_exclusion(p, 1);
    deploy_result *res = solve_ok(p);
    double stranded = 0.5 * (5 / 1.1 + 2.5 / 1.21);
    double swap = 5 * 1.25 / 1.1;
    assert_close(stranded, 3.3057851239669422, 1e-15);
    assert_near(res->swapped[0][0][0][0], 0, 1e-9);
    assert_near(res->swapped[0][0][0][1], 5, 1e-9);
    assert_near(res->refreshed[0][0][0][0], 2.5, 1e-9);
    assert_near(res->refreshed[0][0][0][1], 2.5, 1e-9);
    assert_near(res->stock_legacy[0][0][0][1], 0, 1e-9);
    assert_near(res->stock_legacy[0][0][1][1], 10, 1e-9);
    assert_close(res->npv[0].stranded, stranded, 1e-9);
    assert_close(res->npv[0].swap, swap, 1e-9);
    assert_close(res->objective, -(stranded + swap), 1e-9);
    /* The auction's value model prices the deadline alike, undiscounted:
     * the 10 - E(1) = 5 sites not at their end of life by year 1 at 1.25,
     * plus 2.5 x 1 + 2.5 x 2 = 7.5 site-years at 0.5: 6.25 + 3.75. */
    assert_close(deploy_forced_swaps(p, 0), 10.0, 1e-12);
    free(res);
    free(p);
}

/* The same deadline with a two-year horizon: the 2.5 sites still ahead
 * of schedule at its end (A(1) = 5, of which 2.5 would have ended in
 * year 2 and 2.5 in year 3) lose 0 and 1 years past the horizon, the
 * latter valued in year 2: 0.5 x 5 / 1.1 + 0.5 x 2.5 / 1.21 — the same
 * 3.3057851 as with the longer horizon. */
static void write_off_past_the_horizon(void **state)
{
    (void)state;
    deploy_problem *p = age_case(2);
    add_exclusion(p, 1);
    deploy_result *res = solve_ok(p);
    double stranded = 0.5 * 5 / 1.1 + 0.5 * 2.5 / 1.21;
    assert_near(res->swapped[0][0][0][1], 5, 1e-9);
    assert_close(res->npv[0].stranded, stranded, 1e-9);
    assert_close(res->objective, -(stranded + 5 * 1.25 / 1.1), 1e-9);
    free(res);
    free(p);
}

/* Deadline at the end of year 3: every site's life has ended by then, so
 * all ten are refreshed in the normal cycle (2.5 a year) and the deadline
 * costs nothing. A purchase stop alone does the same: the refresh cannot
 * buy vendor 0 again, so vendor 0 is gone by the end of year 3. */
static void late_deadline_costs_nothing(void **state)
{
    (void)state;
    for (int removal = 3; removal >= -1; removal -= 4) {
        deploy_problem *p = age_case(4);
        add_exclusion(p, removal);
        deploy_result *res = solve_ok(p);
        for (int t = 0; t < 4; t++) {
            assert_near(res->refreshed[0][0][0][t], 2.5, 1e-9);
            assert_near(res->swapped[0][0][0][t], 0, 1e-9);
        }
        assert_near(res->stock_legacy[0][0][0][3], 0, 1e-9);
        assert_near(res->hrv_site_share[3], 0, 1e-9);
        assert_near(res->hrv_site_share[1], 0.5, 1e-9);
        assert_near(res->npv[0].stranded, 0, 1e-9);
        assert_near(res->objective, 0, 1e-9);
        free(res);
        free(p);
    }
}

/* Without equipment age the same purchase stop leaves vendor 0's ten
 * sites in place for ever (nothing forces them out). */
static void no_age_keeps_the_vendor(void **state)
{
    (void)state;
    deploy_problem *p = age_case(4);
    p->life = 0;
    add_exclusion(p, -1);
    deploy_result *res = solve_ok(p);
    assert_near(res->stock_legacy[0][0][0][3], 10, 1e-9);
    assert_near(res->hrv_site_share[3], 1, 1e-9);
    for (int t = 0; t < 4; t++)
        assert_near(res->refreshed[0][0][0][t], 0, 1e-9);
    free(res);
    free(p);
}

/* Installed 5G: 4 of vendor 0's 10 sites carry its 5G at the start, so
 * 40 % of the region is covered in year 0 without buying anything. With
 * a life of 3 years and new equipment (mean age 0) everything reaches its
 * end of life in year 2 (3 years from the start): under a purchase stop
 * the 6 legacy sites are refreshed like for like with vendor 1, free, and
 * the 4 5G sites with vendor 1's 5G at ran_upgrade = 2 each in year 2:
 * 4 x 2 / 1.21 = 6.6115702. */
static void installed_5g_counts_and_refreshes(void **state)
{
    (void)state;
    deploy_problem *p = age_case(4);
    p->installed_5g[0][0][0] = 4;
    p->life = 0;
    deploy_result *res = solve_ok(p);
    assert_near(res->stock_5g[0][0][0][0], 4, 1e-9);
    assert_near(res->stock_legacy[0][0][0][0], 6, 1e-9);
    assert_close(res->coverage[0][0][0], 0.4, 1e-9);
    free(res);
    p->life = 3;
    p->age_mean[0] = 0;
    add_exclusion(p, -1);
    res = solve_ok(p);
    assert_near(res->refreshed[0][0][0][1], 0, 1e-9);
    assert_near(res->refreshed[0][0][0][2], 10, 1e-9);
    assert_near(res->stock_5g[0][0][1][2], 4, 1e-9);
    assert_near(res->stock_legacy[0][0][1][2], 6, 1e-9);
    assert_near(res->upgraded[0][0][1][2], 4, 1e-9);
    assert_close(res->npv[0].capex, 4 * 2 / 1.21, 1e-9);
    assert_close(res->objective, -4 * 2 / 1.21, 1e-9);
    free(res);
    free(p);
}

/* One vendor, legacy sites worth upgrading at once (1000 users at 1 a
 * year over `need` site-equivalents pay far more than an upgrade), no
 * age, discount rate 0. */
static deploy_problem *supply_case(double legacy)
{
    deploy_problem *p = age_case(4);
    p->nvendors = 1;
    p->life = 0;
    p->discount_rate = 0;
    p->legacy[0][0][0] = legacy;
    p->sites_needed[0][0] = legacy;
    p->users[0][0] = 1000;
    p->margin_user_year = 1;
    p->high_risk[0] = false;
    p->vendors_per_region_max[0] = 1;
    p->capacity[0] = 10;
    return p;
}

/* Supply shock from year 1: capacity 10 falls to half. The 30 sites are
 * upgraded as fast as deliveries allow: 10 in year 0, then 5, 5, 5. */
static void shock_cuts_capacity_from_its_year(void **state)
{
    (void)state;
    deploy_problem *p = supply_case(30);
    p->shock_t[0] = 1;
    p->shock_capacity_cut[0] = 0.5;
    assert_close(deploy_capacity(p, 0, 0), 10, 1e-15);
    assert_close(deploy_capacity(p, 0, 1), 5, 1e-15);
    deploy_result *res = solve_ok(p);
    double want[4] = {10, 5, 5, 5};
    for (int t = 0; t < 4; t++)
        assert_near(deploy_sites_bought(p, res, 0, t), want[t], 1e-9);
    free(res);
    free(p);
}

/* Ramp-up: deliveries may exceed the capacity of 10 by half of last
 * year's. 60 sites: 10 in year 0, 10 + 5 = 15 in year 1, 10 + 7.5 = 17.5
 * in year 2, and the 17.5 left in year 3 (at most 10 + 8.75). */
static void capacity_ramps_up_with_a_lag(void **state)
{
    (void)state;
    deploy_problem *p = supply_case(60);
    p->capacity_growth[0] = 0.5;
    p->capacity_lag[0] = 1;
    deploy_result *res = solve_ok(p);
    double want[4] = {10, 15, 17.5, 17.5};
    for (int t = 0; t < 4; t++)
        assert_near(deploy_sites_bought(p, res, 0, t), want[t], 1e-9);
    free(res);
    free(p);
}

/* Support cost doubled from year 1: 10 sites upgraded in year 0 (capacity
 * ample) pay opex 1 a site in year 0 and 2 in years 1 and 2: opex
 * 10 + 20 + 20 = 50; margin 3 x 1000, capex 10 x 2 = 20; objective
 * 3000 - 20 - 50 = 2930. */
static void shock_raises_support_cost(void **state)
{
    (void)state;
    deploy_problem *p = supply_case(10);
    p->nyears = 3;
    p->capacity[0] = 1e6;
    p->opex_site_year[0] = 1;
    p->shock_t[0] = 1;
    p->shock_opex_rise[0] = 1.0;
    deploy_result *res = solve_ok(p);
    assert_near(res->upgraded[0][0][0][0], 10, 1e-9);
    assert_close(res->npv[0].opex, 50, 1e-9);
    assert_close(res->objective, 2930, 1e-9);
    free(res);
    free(p);
}

/* ---- the loader and the instance ---- */

static const char *const SMALL = "tests/data/small.yaml";

/* tests/data/small.yaml with age, installed 5G and a shock on huawei,
 * all fixed values: the uncertain inputs stay the file's four. */
static char *small_with_fields(const char *shock)
{
    char *text = test_read_file(SMALL);
    text = test_replace(text, "  swap_eur_site:",
                        "  equipment_life_years: 8\n  swap_eur_site:");
    text = test_replace(text, "    core_vendor: ericsson\n",
                        "    core_vendor: ericsson\n"
                        "    installed_age_years: 3\n"
                        "    installed_5g: {huawei: 0.5}\n");
    text = test_replace(text, "capacity_sites_year: 2500}", shock);
    return text;
}

/* The new fields reach the program: life; the mean age, half the life
 * when not given (beta: 4); installed 5G sites, half of alpha's huawei
 * sites (city 500 x 0.6 x 0.5 = 150, country 700 x 0.6 x 0.5 = 210); the
 * shock from the whole year 2022 (index 1), capacity cut 1 - 0.25, opex
 * rise 1.5 - 1; the ramp. A shock after the horizon is none. */
static void fields_reach_the_program(void **state)
{
    (void)state;
    char *text = small_with_fields(
        "capacity_sites_year: 2500, supply_shock: {year: 2022.5, "
        "capacity_share: 0.25, opex_factor: 1.5}, capacity_growth: 0.2, "
        "capacity_lag_years: 2}");
    scn *s = load_ok(text);
    free(text);
    assert_int_equal(s->nparams, 4);
    deploy_problem *p = calloc(1, sizeof *p);
    assert_non_null(p);
    err_t e;
    assert_int_equal(engine_problem(s, 42, 0, 0, p, &e), ERR_OK);
    enum { ERICSSON = 0, HUAWEI = 2, CITY = 0, COUNTRY = 1 };
    assert_close(p->life, 8, 1e-15);
    assert_close(p->age_mean[0], 3, 1e-15);
    assert_close(p->age_mean[1], 4, 1e-15);
    assert_close(p->installed_5g[0][CITY][HUAWEI], 150, 1e-12);
    assert_close(p->installed_5g[0][COUNTRY][HUAWEI], 210, 1e-12);
    assert_close(p->installed_5g[0][CITY][ERICSSON], 0, 1e-12);
    assert_close(p->installed_5g[1][CITY][HUAWEI], 0, 1e-12);
    assert_int_equal(p->shock_t[HUAWEI], 1);
    assert_close(p->shock_capacity_cut[HUAWEI], 0.75, 1e-15);
    assert_close(p->shock_opex_rise[HUAWEI], 0.5, 1e-15);
    assert_close(p->capacity_growth[HUAWEI], 0.2, 1e-15);
    assert_int_equal(p->capacity_lag[HUAWEI], 2);
    assert_close(p->shock_capacity_cut[ERICSSON], 0, 1e-15);
    assert_close(deploy_capacity(p, HUAWEI, 0), 2500, 1e-15);
    assert_close(deploy_capacity(p, HUAWEI, 1), 625, 1e-15);
    scn_free(s);
    text = small_with_fields("capacity_sites_year: 2500, supply_shock: "
                             "{year: 2026, capacity_share: 0}}");
    s = load_ok(text);
    free(text);
    assert_int_equal(engine_problem(s, 42, 0, 0, p, &e), ERR_OK);
    assert_close(p->shock_capacity_cut[HUAWEI], 0, 1e-15);
    assert_close(deploy_capacity(p, HUAWEI, 4), 2500, 1e-15);
    scn_free(s);
    free(p);
}

/* Loading small.yaml with `from` replaced by `to` fails with a message
 * naming `w1` and `w2`. */
static void small_error(const char *from, const char *to, const char *w1,
                        const char *w2)
{
    char *text = test_replace(test_read_file(SMALL), from, to);
    expect_error(text, "t.yaml:", w1, w2);
    free(text);
}

static void loader_errors(void **state)
{
    (void)state;
    small_error("  swap_eur_site:", "  equipment_life_years: 0.5\n  swap_eur_site:",
                "market.equipment_life_years", "[1, 30]");
    small_error("capacity_sites_year: 2500}",
                "capacity_sites_year: 2500, supply_shock: {capacity_share: "
                "0.5}}",
                "supply_shock", "year");
    small_error("capacity_sites_year: 2500}",
                "capacity_sites_year: 2500, supply_shock: {year: 2022, "
                "capacity_share: 1.5}}",
                "vendors[2].supply_shock.capacity_share", "[0, 1]");
    small_error("capacity_sites_year: 2500}",
                "capacity_sites_year: 2500, supply_shock: {year: 2022, "
                "opex_factor: 0.5}}",
                "vendors[2].supply_shock.opex_factor", "[1, 10]");
    small_error("capacity_sites_year: 2500}",
                "capacity_sites_year: 2500, supply_shock: {year: 2022, "
                "share: 0.5}}",
                "supply_shock", "share");
    small_error("capacity_sites_year: 2500}",
                "capacity_sites_year: 2500, capacity_growth: 1}",
                "vendors[2].capacity_growth", "[0, 1)");
    small_error("capacity_sites_year: 2500}",
                "capacity_sites_year: 2500, capacity_lag_years: 0}",
                "vendors[2].capacity_lag_years", "[1, 10]");
    small_error("    core_vendor: ericsson\n",
                "    core_vendor: ericsson\n    installed_5g: {samsung: 1}\n",
                "installed_5g", "samsung");
    small_error("    core_vendor: ericsson\n",
                "    core_vendor: ericsson\n    installed_5g: {huawei: 2}\n",
                "operators[0].installed_5g.huawei", "[0, 1]");
    small_error("    core_vendor: ericsson\n",
                "    core_vendor: ericsson\n    installed_age_years: -1\n",
                "operators[0].installed_age_years", "[0, 15]");
    small_error("    core_vendor: ericsson\n",
                "    core_vendor: ericsson\n    installed_age_years: 4\n",
                "operators[0].installed_age_years",
                "market.equipment_life_years");
}

/* A scenario without the new fields solves the program it solved before
 * they existed: tests/data/small.yaml, replication 0 of seed 42, each
 * policy, against the optimum GLPK's glpsol (--mipgap 0) found for the
 * program `specsim lp` wrote before equipment age and supply shocks were
 * added (printed to 10 digits), apart from the premium of a dearer
 * vendor's radio on like-for-like re-equipped sites (added later; cap35
 * and ban swap, and their optima are glpsol's on the program written
 * with the premium: baseline and mitigation are unchanged). */
static void objective_unchanged_without_fields(void **state)
{
    (void)state;
    static const double want[4] = {235924499.0, 229824617.6, 211724135.984018,
                                   192936095.037081};
    char *text = test_read_file(SMALL);
    scn *s = load_ok(text);
    free(text);
    assert_int_equal(s->npolicies, 4);
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    assert_true(p != NULL && res != NULL);
    for (int pol = 0; pol < 4; pol++) {
        err_t e;
        assert_int_equal(engine_problem(s, 42, 0, pol, p, &e), ERR_OK);
        assert_true(p->life <= 0);
        if (deploy_solve(p, res, &e) != ERR_OK) fail_msg("%s", e.msg);
        assert_close(res->objective, want[pol], 2e-10);
        for (int o = 0; o < p->noperators; o++)
            assert_close(res->npv[o].stranded, 0, 1e-15);
    }
    free(res);
    free(p);
    scn_free(s);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(due_schedule),
    cmocka_unit_test(early_deadline_writes_off),
    cmocka_unit_test(write_off_past_the_horizon),
    cmocka_unit_test(late_deadline_costs_nothing),
    cmocka_unit_test(no_age_keeps_the_vendor),
    cmocka_unit_test(installed_5g_counts_and_refreshes),
    cmocka_unit_test(shock_cuts_capacity_from_its_year),
    cmocka_unit_test(capacity_ramps_up_with_a_lag),
    cmocka_unit_test(shock_raises_support_cost),
    cmocka_unit_test(fields_reach_the_program),
    cmocka_unit_test(loader_errors),
    cmocka_unit_test(objective_unchanged_without_fields),
};

int main(void) { return cmocka_run_group_tests(tests, NULL, NULL); }
