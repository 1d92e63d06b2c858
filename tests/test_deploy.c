/* test_deploy.c — the rollout optimiser on instances solved by hand, the
 * infeasibility diagnosis, and the invariant that an added instrument never
 * improves the operators' optimum. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "deploy.h"

/* One operator, one region, `nv` vendors, `ny` years, everything neutral:
 * legacy sites of vendor 0, huge budget and capacity, no opex, no core. */
static deploy_problem *tiny(int nv, int ny)
{
    deploy_problem *p = calloc(1, sizeof *p);
    assert_non_null(p);
    p->noperators = 1; p->nregions = 1; p->nvendors = nv; p->nyears = ny;
    p->discount_rate = 0.1;
    p->population[0] = 1000;
    p->sites_needed[0][0] = 10;
    p->users[0][0] = 100;
    p->subscriber_share[0] = 1;
    p->market[0] = 1u;
    p->legacy[0][0][0] = 10;
    p->core_vendor[0] = -1;
    p->obligation_t[0] = -1;
    p->vendors_per_region_max[0] = nv;
    p->margin_user_year = 1.0;
    p->swap_site = 1.0;
    p->core_upgrade_share = 0.5;
    p->risk_core_weight = 0.5;
    p->node_limit = 100000;
    p->mip_gap = 0;
    for (int v = 0; v < nv; v++) {
        p->site_equiv[0][0][v] = 1.0;
        p->ran_upgrade[v] = 2.385;
        p->ran_new[v] = 7.25;
        p->capacity[v] = 1e6;
    }
    for (int t = 0; t < ny; t++) p->budget[0][t] = 1e9;
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
 * swapped to vendor 1 at once (swap 1 + upgrade 3 each, integration 0.5). */
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
    assert_close(res->objective, 100 + 100 / 1.1 - 40 - 0.5, 1e-9);
    assert_close(res->npv[0].swap, 10, 1e-9);
    assert_close(res->npv[0].capex, 30.5, 1e-9);
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

/* A removal deadline the budget cannot pay for is named as the cause. */
static void diagnosis_budget_removal(void **state)
{
    (void)state;
    deploy_problem *p = tiny(2, 2);
    p->budget[0][0] = 4.0; /* one swap + upgrade a year */
    p->budget[0][1] = 4.0;
    p->ran_upgrade[1] = 3.0;
    p->ninstr = 1;
    p->instr[0] = (deploy_instr){.kind = DEPLOY_EXCLUDE, .label = "removal",
                                 .vendors = 1u, .regions = 1u, .from_t = 0,
                                 .removal_t = 1};
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
    for (int r = 0; r < 2; r++) p->population[r] = 1000 + rand_r(seed) % 5000;
    for (int v = 0; v < 3; v++) {
        p->high_risk[v] = v == 0;
        p->risk_score[v] = v == 0 ? 0.8 : 0.1;
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
    switch (rand_r(seed) % 4) {
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
    default:
        in->kind = DEPLOY_MITIGATION;
        in->cost_site_year = rand_r(seed) % 10;
        in->risk_reduction = 0.3;
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
    for (int k = 0; k < 10; k++) {
        random_problem(p, &seed);
        add_random_instr(p, &seed);
        err_t e;
        if (deploy_solve(p, res, &e) != ERR_OK) continue;
        double sum = 0;
        for (int o = 0; o < p->noperators; o++) {
            const deploy_costs *c = &res->npv[o];
            sum += c->margin - c->capex - c->opex - c->swap - c->penalty -
                   c->mitigation;
        }
        /* fixed mitigation cost is outside the program's objective */
        double fixed = 0;
        for (int i = 0; i < p->ninstr; i++)
            if (p->instr[i].kind == DEPLOY_MITIGATION)
                assert_true(p->instr[i].cost_fixed_year == 0);
        assert_close(sum + fixed, res->objective, 1e-7);
    }
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
    for (int k = 0; k < 20; k++) {
        random_problem(p, &seed);
        add_random_instr(p, &seed);
        err_t e;
        err_clear(&e);
        if (deploy_solve(p, res, &e) == ERR_INFEASIBLE) continue;
        double exact = res->objective;
        p->mip_gap = 0.25;
        err_code rc = deploy_solve(p, res, &e);
        if (rc != ERR_OK) fail_msg("instance %d: %s", k, e.msg);
        assert_int_equal(res->status, DEPLOY_OPTIMAL);
        assert_true(res->objective <= exact + 1e-6 * fabs(exact));
        assert_true(res->objective >= exact - 0.25 * fabs(exact) - 1e-6);
    }
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
        cmocka_unit_test(markets_scope_core_and_obligation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
