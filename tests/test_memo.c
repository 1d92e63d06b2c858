/* test_memo.c — solutions reused for identical programs (memo.h): a
 * program solved again comes back from the memo with the same plan and
 * measures, and takes no solve; a program that differs in one number is
 * solved; an infeasible program's diagnosis is the same; the memory
 * budget gives up the least recently used solution. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "deploy_fixture.h"
#include "memo.h"

/* Ten legacy sites of vendor 0 removed by the end of year 0 (soft
 * deadline, penalty per late site-year), budgets of 5.0 a year borrowed
 * above at 80 % over a year: the hand-solved case of test_soft.c, whose
 * optimum is -(12.045455 + 1.590909 + 3.2) = -16.836364. */
static deploy_problem *removal_case(double penalty)
{
    deploy_problem *p = deploy_fixture(2, 3);
    p->swap_site = 1.25;
    p->financing_rate = 0.8;
    p->financing_term_years = 1;
    p->high_risk[0] = true;
    for (int t = 0; t < 3; t++) p->budget[0][t] = 5.0;
    p->instr[p->ninstr++] = (deploy_instr){
        .kind = DEPLOY_EXCLUDE, .label = "removal by year 0", .vendors = 1u,
        .regions = 1u, .from_t = 0, .removal_t = 0,
        .late_penalty_site_year = penalty};
    return p;
}

/* res with the fields that tell a reused solve from a new one (time,
 * nodes, count) set to ref's, for comparing the rest byte for byte. */
static void align_solve_stats(deploy_result *res, const deploy_result *ref)
{
    res->solve_seconds = ref->solve_seconds;
    res->nodes = ref->nodes;
    res->reused = ref->reused;
}

static void identical_program_reused(void **state)
{
    (void)state;
    engine_memo *m = engine_memo_alloc((size_t)1 << 20);
    assert_non_null(m);
    deploy_problem *p = removal_case(0.8);
    p->memo = engine_memo_hooks(m);
    deploy_result *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    err_t e;
    assert_int_equal(deploy_solve(p, a, &e), ERR_OK);
    assert_int_equal(a->reused, 0);
    assert_close(a->objective, -16.836364, 1e-6);
    assert_int_equal(engine_memo_kept(m), 1);
    assert_int_equal(engine_memo_hits(m), 0);
    assert_int_equal(deploy_solve(p, b, &e), ERR_OK);
    assert_int_equal(b->reused, 1);
    assert_int_equal(b->nodes, 0);
    assert_true(b->solve_seconds == 0);
    assert_int_equal(engine_memo_hits(m), 1);
    assert_close(b->objective, -16.836364, 1e-6);
    assert_close(b->swapped[0][0][0][0], 6, 1e-9);
    assert_close(b->removal_delay_months, 4.8, 1e-9);
    align_solve_stats(b, a);
    assert_memory_equal(a, b, sizeof *a);
    free(a); free(b); free(p);
    engine_memo_free(m);
}

/* One number changed (the late penalty): another program, solved. */
static void changed_program_solved(void **state)
{
    (void)state;
    engine_memo *m = engine_memo_alloc((size_t)1 << 20);
    deploy_problem *p = removal_case(0.8), *q = removal_case(0.8000001);
    p->memo = q->memo = engine_memo_hooks(m);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(deploy_solve(q, res, &e), ERR_OK);
    assert_int_equal(res->reused, 0);
    assert_int_equal(engine_memo_hits(m), 0);
    assert_int_equal(engine_memo_kept(m), 2);
    /* the solver settings are part of the program */
    p->node_limit = 99999;
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->reused, 0);
    assert_int_equal(engine_memo_kept(m), 3);
    free(res); free(p); free(q);
    engine_memo_free(m);
}

/* A hard deadline with a hard budget of 5.0 a year cannot swap ten sites
 * at 1.25 in year 0: infeasible, and the re-solves without the removal
 * name it. Solved again, the diagnosis comes back the same from the memo
 * (both programs: with and without the removal). */
static void infeasible_reused(void **state)
{
    (void)state;
    engine_memo *m = engine_memo_alloc((size_t)1 << 20);
    deploy_problem *p = removal_case(0);
    p->instr[0].deadline_hard = true;
    p->budget_hard[0] = true;
    p->memo = engine_memo_hooks(m);
    deploy_result *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    err_t e;
    assert_int_equal(deploy_solve(p, a, &e), ERR_INFEASIBLE);
    assert_int_equal(a->reused, 0);
    assert_contains(a->diagnosis, "removal by year 0");
    assert_int_equal(deploy_solve(p, b, &e), ERR_INFEASIBLE);
    assert_int_equal(b->reused, 1);
    assert_int_equal(engine_memo_hits(m), 2); /* with its re-solve */
    assert_string_equal(a->diagnosis, b->diagnosis);
    assert_int_equal(a->culprits, b->culprits);
    free(a); free(b); free(p);
    engine_memo_free(m);
}

/* A budget for one solution: keeping a second gives up the first, which
 * is then solved again; a budget smaller than one solution keeps none. */
static void budget_gives_up_least_recent(void **state)
{
    (void)state;
    deploy_problem *p = removal_case(0.8), *q = removal_case(0.9);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    engine_memo *probe = engine_memo_alloc((size_t)1 << 20);
    p->memo = engine_memo_hooks(probe);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    size_t one = engine_memo_bytes(probe);
    assert_true(one > 0);
    engine_memo_free(probe);

    engine_memo *m = engine_memo_alloc(one);
    p->memo = q->memo = engine_memo_hooks(m);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(deploy_solve(q, res, &e), ERR_OK); /* p given up */
    assert_int_equal(engine_memo_kept(m), 1);
    assert_int_equal(deploy_solve(q, res, &e), ERR_OK);
    assert_int_equal(res->reused, 1);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->reused, 0);                    /* solved again */
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(res->reused, 1);
    assert_int_equal(engine_memo_bytes(m), one);
    engine_memo_free(m);

    m = engine_memo_alloc(one - 1);
    p->memo = engine_memo_hooks(m);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_int_equal(engine_memo_kept(m), 0);
    engine_memo_free(m);
    free(res); free(p); free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(identical_program_reused),
        cmocka_unit_test(changed_program_solved),
        cmocka_unit_test(infeasible_reused),
        cmocka_unit_test(budget_gives_up_least_recent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
