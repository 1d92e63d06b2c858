/* test_deploy.c — the rollout optimiser on instances solved by hand (core
 * deadlines and management rules among them), the infeasibility diagnosis,
 * the forced capex the value model reads, and the invariant that an added
 * instrument never improves the operators' optimum. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "deploy_fixture.h"

#include "deploy.h"

/* One operator, one region, `nv` vendors, `ny` years, everything neutral:
 * legacy sites of vendor 0, huge (soft) budget and capacity, no opex, no
 * core. */
static deploy_problem *tiny(int nv, int ny)
{
    deploy_problem *p = deploy_fixture(nv, ny);
    p->users[0][0] = 100;
    p->margin_user_year = 1.0;
    return p;
}

static void upgrade_all_at_once(void **state)
{
    (void)state;
    deploy_problem *p = tiny(1, 1);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->status, DEPLOY_OPTIMAL);
    /* margin 100 * 1 minus 10 upgrades at 2.385 */
    assert_close(res->objective, 100.0 - 23.85, 1e-9);
    assert_close(res->upgraded[0][0][0][0], 10, 1e-9);
    assert_close(res->coverage[0][0][0], 1, 1e-12);
    assert_close(res->coverage_pop_share[0], 1, 1e-12);
    assert_close(res->npv[0].capex, 23.85, 1e-9);
    assert_close(res->npv[0].margin, 100, 1e-9);
    free(p); free(res);
}

static void budget_spreads_rollout(void **state)
{
    (void)state;
    deploy_problem *p = tiny(1, 2);
    p->budget_hard[0] = true;
    p->budget[0][0] = 5 * 2.385; /* half the sites in year 0 */
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->upgraded[0][0][0][0], 5, 1e-9);
    assert_close(res->upgraded[0][0][0][1], 5, 1e-9);
    assert_close(res->coverage[0][0][0], 0.5, 1e-9);
    /* margins 50 + 100/1.1, costs 11.925 (1 + 1/1.1) */
    double want = 50 + 100 / 1.1 - 11.925 * (1 + 1 / 1.1);
    assert_close(res->objective, want, 1e-9);
    double ty = deploy_target_year(res->coverage_pop_share, 2, 2021, 0.9);
    /* 0.5 at end of 2021 (2022.0), 1.0 at end of 2022: 0.9 at 2022.8 */
    assert_close(ty, 2022.8, 1e-12);
    free(p); free(res);
}

/* Vendor 0 is excluded from year 0 and removed by year 1: the ten sites are
 * swapped to vendor 1 at once (swap 1 + upgrade 3 each, integration 0.5),
 * and their like-for-like radio costs vendor 1's premium over the cheapest
 * vendor, 3 - 2.385 = 0.615 each. */
static void removal_forces_swap(void **state)
{
    (void)state;
    deploy_problem *p = tiny(2, 2);
    p->ran_upgrade[1] = 3.0;
    p->integration[1] = 0.5;
    p->high_risk[0] = true;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "ban",
                                 .vendors = 1u, .regions = 1u, .from_t = 0,
                                 .removal_t = 1};
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->swapped[0][0][0][0], 10, 1e-9);
    assert_close(res->upgraded[0][0][1][0], 10, 1e-9);
    assert_close(res->objective, 100 + 100 / 1.1 - 40 - 0.5 - 6.15, 1e-9);
    assert_close(res->npv[0].swap, 10, 1e-9);
    assert_close(res->npv[0].capex, 30.5 + 6.15, 1e-9);
    assert_close(res->hrv_site_share[1], 0, 1e-12);
    free(p); free(res);
}

/* Without the ban the HRV legacy is upgraded in place and stays. */
static void no_policy_keeps_hrv(void **state)
{
    (void)state;
    deploy_problem *p = tiny(2, 2);
    p->high_risk[0] = true;
    p->risk_score[0] = 0.8;
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->hrv_site_share[1], 1, 1e-12);
    /* no core chosen in this instance (all core costs 0: any vendor) */
    assert_true(res->risk_exposure[1] >= 0.8 * 0.5 - 1e-12);
    free(p); free(res);
}

/* Diversity asks for three vendors where only two exist: the diagnosis
 * names the diversity rule, not the harmless exclusion. */
static void diagnosis_names_instrument(void **state)
{
    (void)state;
    deploy_problem *p = tiny(2, 3);
    p->ninstr = 2;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "no new v0",
                                 .vendors = 1u, .regions = 1u, .from_t = 2,
                                 .removal_t = -1};
    p->instr[1] = (deploy_instr){.kind = DEPLOY_DIVERSITY,
                                 .label = "three vendors", .regions = 1u,
                                 .from_t = 1, .vendors_min = 3,
                                 .share_min = 0.1, .share_max = 1.0};
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    err_clear(&e);
    assert_int_equal(deploy_solve(p, res, &e), ERR_INFEASIBLE);
    assert_int_equal(res->culprits, 2u);
    assert_contains(e.msg, "'three vendors'");
    assert_null(strstr(e.msg, "no new v0"));
    free(p); free(res);
}

/* A hard removal deadline a hard budget cannot pay for is named as the
 * cause (soft versions: tests/test_soft.c). */
static void diagnosis_budget_removal(void **state)
{
    (void)state;
    deploy_problem *p = tiny(2, 2);
    p->budget_hard[0] = true;
    p->budget[0][0] = 4.0; /* one swap + upgrade a year */
    p->budget[0][1] = 4.0;
    p->ran_upgrade[1] = 3.0;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "removal",
                                 .vendors = 1u, .regions = 1u, .from_t = 0,
                                 .removal_t = 1, .deadline_hard = true};
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_INFEASIBLE);
    assert_int_equal(res->culprits, 1u);
    assert_contains(e.msg, "'removal' cannot be met");
    free(p); free(res);
}

/* Random instances: two operators, two regions, three vendors, four years;
 * every added instrument (nested sets) never raises the optimum. */
static void random_problem(deploy_problem *p, unsigned *seed)
{
    memset(p, 0, sizeof *p);
    p->noperators = 2; p->nregions = 2; p->nvendors = 3; p->nyears = 4;
    p->discount_rate = 0.07;
    p->margin_user_year = 10 + rand_r(seed) % 20;
    p->swap_site = 30 + rand_r(seed) % 30;
    p->core_upgrade_share = 0.5;
    p->penalty_pop_year = 5;
    p->risk_core_weight = 0.5;
    p->node_limit = 1000000;
    p->mip_gap = 0;
    p->financing_rate = 0.12; /* soft budgets, dearer than own capital */
    p->financing_term_years = 5;
    for (int r = 0; r < 2; r++) p->population[r] = 1000 + rand_r(seed) % 5000;
    for (int v = 0; v < 3; v++) {
        p->high_risk[v] = v == 0;
        p->risk_score[v] = v == 0 ? 0.8 : 0.1;
        p->management_swap[v] = 100 + rand_r(seed) % 1500;
        p->ran_upgrade[v] = 40 + rand_r(seed) % 30;
        p->ran_new[v] = 80 + rand_r(seed) % 40;
        p->core_cost[v] = 500 + rand_r(seed) % 500;
        p->integration[v] = rand_r(seed) % 200;
        p->opex_site_year[v] = 5 + rand_r(seed) % 10;
        p->capacity[v] = 20 + rand_r(seed) % 60;
    }
    for (int o = 0; o < 2; o++) {
        p->subscriber_share[o] = 0.5;
        p->market[o] = 3u;
        p->core_vendor[o] = rand_r(seed) % 3;
        p->obligation_t[o] = rand_r(seed) % 2 ? 3 : -1;
        p->obligation_share[o] = 0.6;
        p->vendors_per_region_max[o] = 1 + rand_r(seed) % 2;
        for (int t = 0; t < 4; t++) p->budget[o][t] = 1500 + rand_r(seed) % 3000;
        for (int r = 0; r < 2; r++) {
            p->sites_needed[o][r] = 20 + rand_r(seed) % 40;
            p->users[o][r] = p->population[r] / 2;
            for (int v = 0; v < 3; v++) {
                p->site_equiv[o][r][v] = 0.9 + 0.05 * (rand_r(seed) % 4);
                p->legacy[o][r][v] = rand_r(seed) % 3 == 0 ? 0 : rand_r(seed) % 20;
            }
        }
    }
}

static void add_random_instr(deploy_problem *p, unsigned *seed)
{
    deploy_instr *in = &p->instr[p->ninstr];
    memset(in, 0, sizeof *in);
    snprintf(in->label, sizeof in->label, "instrument %d", p->ninstr);
    in->vendors = 1u;
    in->operators = 3u;
    in->regions = rand_r(seed) % 2 ? 3u : 1u;
    in->from_t = rand_r(seed) % 3;
    in->removal_t = -1;
    switch (rand_r(seed) % 5) {
    case 0:
        in->kind = DEPLOY_EXCLUDE;
        in->core = rand_r(seed) % 2;
        if (rand_r(seed) % 2) in->removal_t = in->from_t + 1;
        break;
    case 1:
        in->kind = DEPLOY_CAP;
        in->share_max = 0.2 + 0.1 * (rand_r(seed) % 5);
        in->national = rand_r(seed) % 2;
        break;
    case 2:
        in->kind = DEPLOY_DIVERSITY;
        in->vendors_min = 1 + rand_r(seed) % 2;
        in->share_min = 0.1;
        in->share_max = 0.6 + 0.1 * (rand_r(seed) % 5);
        break;
    case 3:
        in->kind = DEPLOY_MITIGATION;
        in->cost_site_year = rand_r(seed) % 10;
        in->risk_reduction = 0.3;
        break;
    default:
        in->kind = DEPLOY_MANAGEMENT;
        in->removal_t = 1 + rand_r(seed) % 3;
        break;
    }
    p->ninstr++;
}

static void adding_instrument_never_helps(void **state)
{
    (void)state;
    unsigned seed = 2385;
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    int compared = 0;
    for (int k = 0; k < 40; k++) {
        random_problem(p, &seed);
        err_t e;
        assert_int_equal(deploy_solve(p, res, &e), ERR_OK); /* baseline */
        double prev = res->objective;
        for (int j = 0; j < 3; j++) {
            add_random_instr(p, &seed);
            err_code rc = deploy_solve(p, res, &e);
            if (rc == ERR_INFEASIBLE) break;
            assert_int_equal(rc, ERR_OK);
            assert_true(res->objective <= prev + 1e-6 * (1 + fabs(prev)));
            prev = res->objective;
            compared++;
        }
    }
    assert_true(compared > 40);
    free(p); free(res);
}

/* The reported components add up to the optimum. */
static void components_add_up(void **state)
{
    (void)state;
    unsigned seed = 77;
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    int skipped = 0;
    for (int k = 0; k < 10; k++) {
        random_problem(p, &seed);
        add_random_instr(p, &seed);
        err_t e;
        if (deploy_solve(p, res, &e) != ERR_OK) {
            fprintf(stderr, "instance %d not solved: %s\n", k, e.msg);
            skipped++;
            continue;
        }
        double sum = 0;
        for (int o = 0; o < p->noperators; o++) {
            const deploy_costs *c = &res->npv[o];
            sum += c->margin - c->capex - c->opex - c->swap - c->penalty -
                   c->mitigation - c->financing - c->late_penalty +
                   c->subsidy;
        }
        /* fixed mitigation cost is outside the program's objective */
        double fixed = 0;
        for (int i = 0; i < p->ninstr; i++)
            if (p->instr[i].kind == DEPLOY_MITIGATION)
                assert_true(p->instr[i].cost_fixed_year == 0);
        assert_close(sum + fixed, res->objective, 1e-7);
    }
    /* every instance is feasible: a skipped one would hide a failure */
    if (skipped > 0) fail_msg("%d of 10 instances not solved", skipped);
    free(p); free(res);
}

/* A loose gap makes GLPK stop as soon as the gap is reached (return code
 * GLP_EMIPGAP): that is a plan within the requested precision, never a
 * solver failure. */
static void gap_stop_is_a_plan(void **state)
{
    (void)state;
    unsigned seed = 14;
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    int skipped = 0;
    for (int k = 0; k < 20; k++) {
        random_problem(p, &seed);
        add_random_instr(p, &seed);
        err_t e;
        err_clear(&e);
        if (deploy_solve(p, res, &e) != ERR_OK) {
            fprintf(stderr, "instance %d not solved: %s\n", k, e.msg);
            skipped++;
            continue;
        }
        assert_int_equal(res->status, DEPLOY_OPTIMAL);
        double exact = res->objective;
        p->mip_gap = 0.25;
        err_code rc = deploy_solve(p, res, &e);
        if (rc != ERR_OK) fail_msg("instance %d: %s", k, e.msg);
        assert_int_equal(res->status, DEPLOY_OPTIMAL);
        assert_true(res->objective <= exact + 1e-6 * fabs(exact));
        assert_true(res->objective >= exact - 0.25 * fabs(exact) - 1e-6);
    }
    if (skipped > 0) fail_msg("%d of 20 instances not solved", skipped);
    free(p); free(res);
}

/* Branch and bound stopped by the node limit (GLP_ESTOP) has not proved
 * optimality: the plan found so far is reported as DEPLOY_LIMIT, never as
 * optimal, and without one the solve fails and says why. Random instances
 * are solved once without a limit, then with a limit of 1 node and of
 * every count from half the nodes needed up. */
static void node_limit_is_never_optimal(void **state)
{
    (void)state;
    unsigned seed = 99;
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    int limited = 0, worse = 0, no_plan = 0;
    for (int k = 0; k < 30; k++) {
        random_problem(p, &seed);
        if (k % 2) add_random_instr(p, &seed);
        err_t e;
        if (deploy_solve(p, res, &e) != ERR_OK) fail_msg("instance %d: %s", k, e.msg);
        assert_int_equal(res->status, DEPLOY_OPTIMAL);
        double exact = res->objective;
        long nodes = res->nodes;
        for (long lim = 1; lim < nodes;
             lim = lim < nodes / 2 ? nodes / 2 : lim + 1) {
            p->node_limit = lim;
            err_code rc = deploy_solve(p, res, &e);
            if (res->status == DEPLOY_OPTIMAL)
                fail_msg("instance %d needs %ld nodes, stopped after %ld: "
                         "reported optimal", k, nodes, lim);
            if (rc == ERR_OK) {
                assert_int_equal(res->status, DEPLOY_LIMIT);
                assert_true(res->nodes > lim);
                assert_true(res->objective <= exact + 1e-9 * fabs(exact));
                limited++;
                worse += res->objective < exact - 1e-6 * fabs(exact);
            } else {
                assert_int_equal(rc, ERR_SOLVER);
                assert_int_equal(res->status, DEPLOY_LIMIT_NOPLAN);
                assert_contains(e.msg, "node limit");
                no_plan++;
            }
        }
        p->node_limit = 1000000;
    }
    /* all three outcomes occur: a stop with a worse plan, one with no plan
     * yet, and (counted in limited) stops after the optimum was found */
    assert_true(worse > 0 && limited > worse && no_plan > 0);
    free(p); free(res);
}

static void target_year_edges(void **state)
{
    (void)state;
    double path[3] = {0.2, 0.4, 0.6};
    assert_true(isnan(deploy_target_year(path, 3, 2020, 0.9)));
    assert_close(deploy_target_year(path, 3, 2020, 0.1), 2020.5, 1e-12);
    assert_close(deploy_target_year(path, 3, 2020, 0.5), 2022.5, 1e-12);
}

/* Two operators, each serving one region (two countries): a core
 * exclusion scoped to operator 0 leaves operator 1 free to keep the
 * high-risk core; obligations count the operator's own population. */
static void markets_scope_core_and_obligation(void **state)
{
    (void)state;
    deploy_problem *p = tiny(2, 2);
    p->noperators = 2; p->nregions = 2;
    p->population[1] = 3000;
    p->market[0] = 1u; p->market[1] = 2u;
    p->subscriber_share[1] = 1;
    p->users[0][1] = 0; p->users[1][0] = 0; p->users[1][1] = 100;
    for (int o = 0; o < 2; o++) {
        p->vendors_per_region_max[o] = 2;
        p->core_vendor[o] = 0;
        p->obligation_t[o] = -1;
        for (int r = 0; r < 2; r++) {
            p->sites_needed[o][r] = 10;
            for (int v = 0; v < 2; v++) p->site_equiv[o][r][v] = 1;
        }
        for (int t = 0; t < 2; t++) p->budget[o][t] = 1e9;
    }
    p->legacy[1][1][1] = 10;
    p->core_cost[0] = 1; p->core_cost[1] = 5;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "core ban",
                                 .vendors = 1u, .regions = 0, .core = true,
                                 .operators = 1u, .from_t = 0,
                                 .removal_t = -1};
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->core_choice[0], 1);
    assert_int_equal(res->core_choice[1], 0);
    /* operator 1 covers all of its own market: no shortfall against 100 % */
    p->obligation_t[1] = 1;
    p->obligation_share[1] = 1.0;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_near(res->shortfall[1], 0, 1e-9);
    free(p); free(res);
}

/* ---- measures by part of the market ---------------------------------- */

/* Two operators, each serving one region (populations 1000 and 3000), one
 * year apart. Vendor 0 (high-risk) delivers 15 sites a year, vendor 1
 * none. Each operator needs 10 upgrades of its vendor-0 sites; operator 1
 * earns 30 per covered site and year, operator 0 only 10, so the first
 * year's 15 deliveries go 10 to operator 1 and 5 to operator 0, which
 * upgrades its other 5 in the second year. Operator 1 also keeps 10
 * vendor-1 legacy sites it has no reason to touch. */
static deploy_problem *two_markets(void)
{
    deploy_problem *p = tiny(2, 2);
    p->noperators = 2; p->nregions = 2;
    p->population[1] = 3000;
    p->market[0] = 1u; p->market[1] = 2u;
    p->subscriber_share[1] = 1;
    p->users[1][1] = 300;
    p->core_vendor[1] = -1;
    p->obligation_t[1] = -1;
    p->legacy[1][1][0] = 10;
    p->legacy[1][1][1] = 10;
    p->high_risk[0] = true;
    p->capacity[0] = 15; p->capacity[1] = 0;
    for (int o = 0; o < 2; o++) {
        p->vendors_per_region_max[o] = 2;
        for (int r = 0; r < 2; r++) {
            p->sites_needed[o][r] = 10;
            for (int v = 0; v < 2; v++) p->site_equiv[o][r][v] = 1;
        }
        for (int t = 0; t < 2; t++) p->budget[o][t] = 1e9;
    }
    return p;
}

static void measures_by_market_part(void **state)
{
    (void)state;
    deploy_problem *p = two_markets();
    deploy_result *res = calloc(1, sizeof *res);
    double path[DEPLOY_T];
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->upgraded[1][1][0][0], 10, 1e-9);
    assert_close(res->upgraded[0][0][0][0], 5, 1e-9);
    assert_close(res->upgraded[0][0][0][1], 5, 1e-9);
    /* deliveries: 15 then 5, within vendor 0's capacity; none of vendor 1 */
    assert_close(deploy_sites_bought(p, res, 0, 0), 15, 1e-9);
    assert_close(deploy_sites_bought(p, res, 0, 1), 5, 1e-9);
    assert_near(deploy_sites_bought(p, res, 1, 0), 0, 1e-9);
    assert_near(deploy_sites_bought(p, res, 1, 1), 0, 1e-9);
    /* each operator's coverage of its own market */
    deploy_operator_coverage_path(p, res, 0, path);
    assert_close(path[0], 0.5, 1e-9);
    assert_close(path[1], 1.0, 1e-9);
    assert_close(deploy_target_year(path, 2, 2021, 0.9), 2022.8, 1e-9);
    deploy_operator_coverage_path(p, res, 1, path);
    assert_close(path[0], 1.0, 1e-9);
    /* coverage of a part of the market; all of it is the national path */
    deploy_coverage_path(p, res, 1u, path);
    assert_close(path[0], 0.5, 1e-9);
    deploy_coverage_path(p, res, 2u, path);
    assert_close(path[0], 1.0, 1e-9);
    deploy_coverage_path(p, res, 3u, path);
    assert_close(path[0], 0.875, 1e-9);
    assert_close(path[0], res->coverage_pop_share[0], 0);
    assert_close(deploy_target_year(path, 2, 2021, 0.9), 2022.2, 1e-9);
    /* high-risk share: all of region 0, half of region 1, 20 of 30 */
    deploy_hrv_share_path(p, res, 1u, path);
    assert_close(path[1], 1.0, 1e-9);
    deploy_hrv_share_path(p, res, 2u, path);
    assert_close(path[1], 0.5, 1e-9);
    deploy_hrv_share_path(p, res, 3u, path);
    assert_close(path[1], 2.0 / 3.0, 1e-9);
    assert_close(path[1], res->hrv_site_share[1], 0);
    free(p); free(res);
}

/* Swapped sites re-equipped by another vendor are deliveries too: vendor 0
 * is removed by year 1, so its ten sites are swapped and re-equipped by
 * vendor 1 in year 0, exactly at vendor 1's capacity. */
static void swaps_are_bought(void **state)
{
    (void)state;
    deploy_problem *p = tiny(2, 2);
    p->ran_upgrade[1] = 3.0;
    p->capacity[1] = 10;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "ban",
                                 .vendors = 1u, .regions = 1u, .from_t = 0,
                                 .removal_t = 1};
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->swapped[0][0][0][0], 10, 1e-9);
    assert_close(deploy_sites_bought(p, res, 1, 0), 10, 1e-9);
    assert_near(deploy_sites_bought(p, res, 0, 0), 0, 1e-9);
    assert_near(deploy_sites_bought(p, res, 1, 1), 0, 1e-9);
    free(p); free(res);
}

/* ---- core deadlines ---------------------------------------------------- */

/* Three vendors, four years, rate 0.1. The incumbent core is vendor 0
 * (high-risk), upgraded for 0.5 x 4.75 = 2.375; new cores cost 13.9
 * (vendor 1) and 11.6 (vendor 2). One core exclusion of vendor 0 from year
 * `from_t`, removed by `removal_t` (-1: no removal). The RAN (ten sites of
 * vendor 0, upgraded in place for 23.85) is out of its scope. */
static deploy_problem *core_case(int from_t, int removal_t)
{
    deploy_problem *p = tiny(3, 4);
    p->high_risk[0] = true;
    p->risk_score[0] = 0.8; p->risk_score[1] = 0.3; p->risk_score[2] = 0.15;
    p->core_vendor[0] = 0;
    p->core_cost[0] = 4.75; p->core_cost[1] = 13.9; p->core_cost[2] = 11.6;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "core",
                                 .vendors = 1u, .regions = 0, .core = true,
                                 .operators = 1u, .from_t = from_t,
                                 .removal_t = removal_t};
    return p;
}

/* Margin of tiny()'s operator covering its region fully for ny years. */
static double full_margin(int ny)
{
    double m = 0;
    for (int t = 0; t < ny; t++) m += 100 * pow(1.1, -t);
    return m;
}

/* Keeping the high-risk core to the deadline (2.375 now, the cheapest
 * admissible core 11.6 at year 3: 11.6 / 1.331 = 8.7153) costs 11.0903,
 * less than a new core now (11.6): it is kept, then replaced. */
static void core_kept_then_replaced(void **state)
{
    (void)state;
    deploy_problem *p = core_case(1, 3);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->core_choice[0], 0);
    assert_int_equal(res->core_swap_t[0], 3);
    const int path[4] = {0, 0, 0, 2};
    for (int t = 0; t < 4; t++) assert_int_equal(res->core_year[0][t], path[t]);
    double swap = 11.6 / 1.331;
    assert_close(res->npv[0].swap, swap, 1e-9);
    assert_close(res->npv[0].capex, 23.85 + 2.375, 1e-9);
    assert_close(res->objective, full_margin(4) - 23.85 - 2.375 - swap, 1e-9);
    /* RAN all vendor 0; the core weighs 0.5: 0.8 while vendor 0's core is
     * in place, 0.8 x 0.5 + 0.15 x 0.5 once vendor 2's is */
    assert_close(res->risk_exposure[2], 0.8, 1e-12);
    assert_close(res->risk_exposure[3], 0.475, 1e-12);
    /* the value model's forced capex: the replacement core, undiscounted */
    assert_close(deploy_forced_swaps(p, 0), 11.6, 1e-12);
    free(p); free(res);
}

/* A purchase stop from the first year (or before it) excludes the core at
 * once, as before deadlines existed: the cheaper new core, vendor 2. */
static void core_excluded_at_start(void **state)
{
    (void)state;
    const int from[2] = {0, -2};
    for (int k = 0; k < 2; k++) {
        deploy_problem *p = core_case(from[k], 3);
        deploy_result *res = calloc(1, sizeof *res);
        err_t e;
        assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
        assert_int_equal(res->core_choice[0], 2);
        assert_int_equal(res->core_swap_t[0], -1);
        for (int t = 0; t < 4; t++) assert_int_equal(res->core_year[0][t], 2);
        assert_close(res->npv[0].swap, 0, 1e-12);
        assert_close(res->npv[0].capex, 23.85 + 11.6, 1e-9);
        assert_close(res->objective, full_margin(4) - 23.85 - 11.6, 1e-9);
        assert_close(deploy_forced_swaps(p, 0), 0, 1e-12);
        free(p); free(res);
    }
}

/* Without a removal year a core bought before the stop stays. */
static void core_kept_without_removal(void **state)
{
    (void)state;
    deploy_problem *p = core_case(1, -1);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->core_choice[0], 0);
    assert_int_equal(res->core_swap_t[0], -1);
    for (int t = 0; t < 4; t++) {
        assert_int_equal(res->core_year[0][t], 0);
        assert_close(res->risk_exposure[t], 0.8, 1e-12);
    }
    assert_close(res->npv[0].swap, 0, 1e-12);
    assert_close(res->objective, full_margin(4) - 23.85 - 2.375, 1e-9);
    assert_close(deploy_forced_swaps(p, 0), 0, 1e-12);
    free(p); free(res);
}

/* Two core rules on vendor 0 (deadlines 3 and 2; the second also targets
 * vendor 1): the earliest deadline applies, and the replacement is the
 * cheapest vendor no rule targets (vendor 2 at 11.6), not the cheapest
 * vendor (vendor 1 at 10.2). Upgrade share 0.2: keeping vendor 0 costs
 * 0.95 + 11.6 / 1.21 = 10.5368 < 11.6. */
static void core_replacement_earliest_admissible(void **state)
{
    (void)state;
    deploy_problem *p = core_case(1, 3);
    p->core_cost[1] = 10.2;
    p->core_upgrade_share = 0.2;
    p->ninstr = 2;
    p->instr[1] = p->instr[0];
    p->instr[1].vendors = 3u;
    p->instr[1].removal_t = 2;
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->core_choice[0], 0);
    assert_int_equal(res->core_swap_t[0], 2);
    const int path[4] = {0, 0, 2, 2};
    for (int t = 0; t < 4; t++) assert_int_equal(res->core_year[0][t], path[t]);
    assert_close(res->npv[0].swap, 11.6 / 1.21, 1e-9);
    assert_close(res->objective, full_margin(4) - 23.85 - 0.95 - 11.6 / 1.21,
                 1e-9);
    assert_close(deploy_forced_swaps(p, 0), 11.6, 1e-12);
    free(p); free(res);
}

/* When every other core is targeted too (vendors 1 and 2 from year 2, no
 * removal), vendor 0 has no admissible replacement and may not be kept:
 * the operator buys vendor 2's core, which it may keep. */
static void core_without_replacement(void **state)
{
    (void)state;
    deploy_problem *p = core_case(1, 3);
    p->ninstr = 2;
    p->instr[1] = p->instr[0];
    p->instr[1].vendors = 6u;
    p->instr[1].from_t = 2;
    p->instr[1].removal_t = -1;
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->core_choice[0], 2);
    assert_int_equal(res->core_swap_t[0], -1);
    assert_close(res->objective, full_margin(4) - 23.85 - 11.6, 1e-9);
    assert_close(deploy_forced_swaps(p, 0), 0, 1e-12);
    free(p); free(res);
}

/* ---- management rules -------------------------------------------------- */

/* Two vendors, three years: vendor 0's ten sites must be managed through
 * another vendor's system from year 2, at `cost` for the operator. */
static deploy_problem *management_case(double cost)
{
    deploy_problem *p = tiny(2, 3);
    p->high_risk[0] = true;
    p->management_swap[0] = cost;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_MANAGEMENT, .label = "mgmt",
                                 .vendors = 1u, .regions = 1u, .from_t = 2,
                                 .removal_t = 2};
    return p;
}

/* Keeping the radios costs 23.85 + cost / 1.21; swapping them to vendor 1
 * at once costs 10 x (1 + 2.385) = 33.85. The two meet at cost 12.1: at
 * 11.9 the operator keeps them and pays once, at 12.35 it swaps them and
 * pays no management cost. */
static void management_keep_or_swap(void **state)
{
    (void)state;
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    deploy_problem *p = management_case(11.9);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->management_swap[0][0], 1u);
    assert_close(res->stock_5g[0][0][0][2], 10, 1e-9);
    assert_close(res->npv[0].swap, 11.9 / 1.21, 1e-9);
    assert_close(res->objective, full_margin(3) - 23.85 - 11.9 / 1.21, 1e-9);
    /* forced capex (undiscounted): swapping the 10 sites like for like at
     * 1 each (10) is cheaper than the management system (11.9); the 5G
     * upgrade is the operator's either way */
    assert_close(deploy_forced_swaps(p, 0), 10, 1e-12);
    free(p);
    p = management_case(12.35);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->management_swap[0][0], 0u);
    assert_close(res->stock_5g[0][0][0][2], 0, 1e-9);
    assert_close(res->stock_5g[0][0][1][2], 10, 1e-9);
    assert_close(res->npv[0].swap, 10, 1e-9);
    assert_close(res->npv[0].capex, 23.85, 1e-9);
    assert_close(res->objective, full_margin(3) - 33.85, 1e-9);
    free(p); free(res);
}

/* Forced capex for the value model: the management system is not counted
 * where an exclusion removes the sites before the deadline, and a swap of
 * the sites (like for like, 10 x 1) caps it. */
static void management_forced_swaps(void **state)
{
    (void)state;
    deploy_problem *p = management_case(41.5);
    assert_close(deploy_forced_swaps(p, 0), 10, 1e-12); /* swap cheaper */
    p->ninstr = 2;
    p->instr[1] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "ban",
                                 .vendors = 1u, .regions = 1u, .from_t = 0,
                                 .removal_t = 1};
    assert_close(deploy_forced_swaps(p, 0), 10, 1e-12); /* sites only */
    free(p);
}

/* A management rule cannot make a program infeasible, so the diagnosis of
 * an impossible diversity rule does not name it. */
static void management_not_a_culprit(void **state)
{
    (void)state;
    deploy_problem *p = management_case(11.9);
    p->ninstr = 2;
    p->instr[1] = (deploy_instr){.kind = DEPLOY_DIVERSITY,
                                 .label = "three vendors", .regions = 1u,
                                 .from_t = 1, .vendors_min = 3,
                                 .share_min = 0.1, .share_max = 1.0};
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_INFEASIBLE);
    assert_int_equal(res->culprits, 2u);
    assert_null(strstr(e.msg, "mgmt"));
    free(p); free(res);
}

/* Adding a core deadline, then a management rule, to random instances never
 * raises the optimum, and the components still add up to it. */
static void deadlines_never_help(void **state)
{
    (void)state;
    unsigned seed = 4817;
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    int kept = 0, managed = 0;
    for (int k = 0; k < 25; k++) {
        random_problem(p, &seed);
        /* a high-risk incumbent core, sometimes cheap enough to keep to
         * the deadline (0.5 c_0 < (1 - discount) min core cost) */
        p->core_vendor[k % 2] = 0;
        p->core_cost[0] = 40 + 3 * k;
        err_t e;
        assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
        double prev = res->objective;
        deploy_instr *in = &p->instr[p->ninstr++];
        *in = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "core",
                             .vendors = 1u, .core = true, .operators = 3u,
                             .from_t = 1 + k % 2, .removal_t = 2 + k % 2};
        in = &p->instr[p->ninstr++];
        *in = (deploy_instr){.kind = DEPLOY_MANAGEMENT, .label = "mgmt",
                             .vendors = 1u, .regions = 1u + 2u * (k % 3 != 0),
                             .operators = 3u, .removal_t = 1 + k % 3};
        for (int n = 1; n <= 2; n++) {
            p->ninstr = n;
            err_code rc = deploy_solve(p, res, &e);
            if (rc == ERR_INFEASIBLE) break;
            assert_int_equal(rc, ERR_OK);
            assert_true(res->objective <= prev + 1e-6 * (1 + fabs(prev)));
            double sum = 0;
            for (int o = 0; o < p->noperators; o++) {
                const deploy_costs *c = &res->npv[o];
                sum += c->margin - c->capex - c->opex - c->swap - c->penalty -
                       c->mitigation - c->financing - c->late_penalty +
                       c->subsidy;
                kept += res->core_swap_t[o] >= 0;
                managed += n == 2 && res->management_swap[1][o] != 0;
            }
            assert_close(sum, res->objective, 1e-7);
            prev = res->objective;
        }
    }
    /* both mechanisms were exercised, not just allowed */
    assert_true(kept > 0);
    assert_true(managed > 0);
    free(p); free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(upgrade_all_at_once),
        cmocka_unit_test(budget_spreads_rollout),
        cmocka_unit_test(removal_forces_swap),
        cmocka_unit_test(no_policy_keeps_hrv),
        cmocka_unit_test(diagnosis_names_instrument),
        cmocka_unit_test(diagnosis_budget_removal),
        cmocka_unit_test(adding_instrument_never_helps),
        cmocka_unit_test(components_add_up),
        cmocka_unit_test(target_year_edges),
        cmocka_unit_test(gap_stop_is_a_plan),
        cmocka_unit_test(node_limit_is_never_optimal),
        cmocka_unit_test(markets_scope_core_and_obligation),
        cmocka_unit_test(measures_by_market_part),
        cmocka_unit_test(swaps_are_bought),
        cmocka_unit_test(core_kept_then_replaced),
        cmocka_unit_test(core_excluded_at_start),
        cmocka_unit_test(core_kept_without_removal),
        cmocka_unit_test(core_replacement_earliest_admissible),
        cmocka_unit_test(core_without_replacement),
        cmocka_unit_test(management_keep_or_swap),
        cmocka_unit_test(management_forced_swaps),
        cmocka_unit_test(management_not_a_culprit),
        cmocka_unit_test(deadlines_never_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
