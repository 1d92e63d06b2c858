/* test_mip.c — the door to GLPK (models/mip.c): internal errors of GLPK
 * contained by mip_guard, also with threads solving side by side; the
 * check of a program's numbers; and the stop flag of branch and bound. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <omp.h>

#include "testutil.h"

#include "engine.h"
#include "mip.h"

/* max 3x + 2y  s.t.  x + y <= 4.5,  x + 3y <= 6,  x, y integer in
 * [0, 10]: optimum x = 4, y = 0, value 12 (x = 3.5 is not integer). */
static glp_prob *small_mip(void)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_rows(lp, 2);
    glp_add_cols(lp, 2);
    int ind[3] = {0, 1, 2};
    double r1[3] = {0, 1, 1}, r2[3] = {0, 1, 3};
    glp_set_row_bnds(lp, 1, GLP_UP, 0, 4.5);
    glp_set_mat_row(lp, 1, 2, ind, r1);
    glp_set_row_bnds(lp, 2, GLP_UP, 0, 6);
    glp_set_mat_row(lp, 2, 2, ind, r2);
    for (int j = 1; j <= 2; j++) {
        glp_set_col_bnds(lp, j, GLP_DB, 0, 10);
        glp_set_col_kind(lp, j, GLP_IV);
    }
    glp_set_obj_coef(lp, 1, 3);
    glp_set_obj_coef(lp, 2, 2);
    return lp;
}

typedef struct {
    const atomic_int *stop;
    long node_limit;
    int rc;
    mip_end end;
    double obj;
} solve_job;

static void solve_work(void *ctx)
{
    solve_job *j = ctx;
    glp_prob *lp = small_mip();
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    long nodes;
    double seconds;
    j->rc = mip_intopt(lp, &parm, j->node_limit, j->stop, &j->end, &nodes,
                       &seconds);
    j->obj = glp_mip_obj_val(lp);
    glp_delete_prob(lp);
}

/* A call GLPK rejects: a column index beyond the program. GLPK reports it
 * through glp_error, which without a guard aborts the process. */
static void bad_call_work(void *ctx)
{
    int *reached = ctx;
    glp_prob *lp = small_mip();
    int ind[2] = {0, 7};
    double val[2] = {0, 1.0};
    glp_set_mat_row(lp, 1, 1, ind, val);
    *reached = 1; /* never: GLPK does not return from the call */
    glp_delete_prob(lp);
}

static void internal_error_contained(void **state)
{
    (void)state;
    char msg[SPECSIM_ERRMSG_MAX];
    int reached = 0;
    assert_false(mip_guard(bad_call_work, &reached, msg, sizeof msg));
    assert_int_equal(reached, 0);
    assert_contains(msg, "GLPK internal error: glp_set_mat_row");
    assert_contains(msg, "out of range");
    assert_null(strchr(msg, '\n'));
    /* The environment was released: the thread solves again as before. */
    solve_job j = {NULL, 1000, -1, MIP_DONE, 0};
    assert_true(mip_guard(solve_work, &j, msg, sizeof msg));
    assert_int_equal(j.rc, 0);
    assert_close(j.obj, 12.0, 1e-12);
    /* and fails again the same way */
    assert_false(mip_guard(bad_call_work, &reached, msg, sizeof msg));
    assert_contains(msg, "out of range");
}

/* The rollout program of tests/data/small.yaml (replication 0, baseline)
 * read back from MPS with the coverage columns of operator 0 worth NaN in
 * the objective: GLPK 5.0's dual simplex fails its assertion teta >= 0.0
 * inside branch and cut, which without a guard aborts the process. (The
 * rollout's own check refuses such a program before GLPK sees it; this
 * provokes the assertion on purpose.) */
typedef struct {
    const char *mps;
    int rc;
} nan_job;

static void nan_work(void *ctx)
{
    nan_job *j = ctx;
    glp_prob *lp = glp_create_prob();
    assert_int_equal(glp_read_mps(lp, GLP_MPS_FILE, NULL, j->mps), 0);
    glp_set_obj_dir(lp, GLP_MAX);
    for (int c = 1; c <= glp_get_num_cols(lp); c++)
        if (strncmp(glp_get_col_name(lp, c), "xl_", 3) == 0)
            glp_set_obj_coef(lp, c, NAN);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_ON;
    parm.br_tech = GLP_BR_DTH;
    parm.bt_tech = GLP_BT_BLB;
    parm.gmi_cuts = parm.mir_cuts = parm.cov_cuts = parm.clq_cuts = GLP_ON;
    long nodes;
    double seconds;
    mip_end end;
    j->rc = mip_intopt(lp, &parm, 1000, NULL, &end, &nodes, &seconds);
    glp_delete_prob(lp);
}

static void assertion_contained(void **state)
{
    (void)state;
    scn *s = NULL;
    err_t e;
    if (scn_load("tests/data/small.yaml", &s, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    deploy_problem *p = calloc(1, sizeof *p);
    assert_non_null(p);
    assert_int_equal(engine_problem(s, 42, 0, 0, p, &e), ERR_OK);
    /* mkstemp's template: six 'X' that it replaces with a unique name */
    char path[64], six[7];
    memset(six, 'X', 6);
    six[6] = '\0';
    snprintf(path, sizeof path, "/tmp/specsim_test_mip_%s", six);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(deploy_write(p, NULL, path, &e), ERR_OK);
    char msg[SPECSIM_ERRMSG_MAX];
    nan_job j = {path, -1};
    bool ok = mip_guard(nan_work, &j, msg, sizeof msg);
    unlink(path);
    assert_false(ok);
    assert_string_equal(msg, "GLPK internal error: Assertion failed: teta "
                             ">= 0.0; Error detected in file "
                             "simplex/spychuzc.c at line 204");
    solve_job sj = {NULL, 1000, -1, MIP_DONE, 0};
    assert_true(mip_guard(solve_work, &sj, msg, sizeof msg));
    assert_close(sj.obj, 12.0, 1e-12);
    free(p);
    scn_free(s);
}

/* Two threads side by side, one failing in every other call, the other
 * solving: GLPK's environment and the guard's jump are per thread, so
 * neither disturbs the other. */
static void errors_contained_per_thread(void **state)
{
    (void)state;
    enum { CALLS = 40 };
    int failed[2] = {0, 0}, solved[2] = {0, 0}, wrong = 0;
#pragma omp parallel num_threads(2) reduction(+ : wrong)
    {
        int t = omp_get_thread_num();
        char msg[SPECSIM_ERRMSG_MAX];
        for (int k = 0; k < CALLS; k++) {
            if (t == 0 && k % 2 == 0) {
                int reached = 0;
                bool ok = mip_guard(bad_call_work, &reached, msg, sizeof msg);
                failed[t] += !ok && strstr(msg, "out of range") != NULL;
                continue;
            }
            solve_job j = {NULL, 1000, -1, MIP_DONE, 0};
            bool ok = mip_guard(solve_work, &j, msg, sizeof msg);
            solved[t] += ok;
            wrong += !ok || j.rc != 0 || fabs(j.obj - 12.0) > 1e-9;
        }
        glp_free_env();
    }
    assert_int_equal(wrong, 0);
    assert_int_equal(failed[0], CALLS / 2);
    assert_int_equal(solved[0] + solved[1], CALLS / 2 + CALLS);
}

/* One number of small_mip replaced; the check's verdict and message. */
typedef struct {
    int what; /* 0 objective, 1 matrix, 2 column bound, 3 row bound */
    double value;
    bool ok;
    char msg[SPECSIM_ERRMSG_MAX];
} check_job;

static void check_work(void *ctx)
{
    check_job *c = ctx;
    glp_prob *lp = small_mip();
    int ind[3] = {0, 1, 2};
    double val[3] = {0, 1, c->value};
    switch (c->what) {
    case 0: glp_set_obj_coef(lp, 2, c->value); break;
    case 1: glp_set_mat_row(lp, 2, 2, ind, val); break;
    case 2: glp_set_col_bnds(lp, 1, GLP_DB, 0, c->value); break;
    default: glp_set_row_bnds(lp, 1, GLP_UP, 0, c->value);
    }
    glp_set_col_name(lp, 2, "y");
    c->ok = mip_check_program(lp, c->msg, sizeof c->msg);
    glp_delete_prob(lp);
}

static bool check_one(int what, double value, check_job *c)
{
    char msg[SPECSIM_ERRMSG_MAX];
    c->what = what;
    c->value = value;
    c->msg[0] = '\0';
    assert_true(mip_guard(check_work, c, msg, sizeof msg));
    return c->ok;
}

static void numbers_checked(void **state)
{
    (void)state;
    check_job c;
    assert_true(check_one(0, 2.385, &c));
    assert_false(check_one(0, NAN, &c));
    assert_string_equal(c.msg, "column y: objective coefficient nan "
                               "(expected finite, magnitude at most 1e+12)");
    assert_false(check_one(0, -3e12, &c));
    assert_false(check_one(0, 1e-310, &c)); /* subnormal */
    assert_true(check_one(0, 1e-12, &c));   /* tiny costs are harmless */
    assert_true(check_one(1, 1e-9, &c));
    assert_true(check_one(1, -1e12, &c));
    assert_false(check_one(1, 1e-310, &c));
    assert_string_equal(c.msg, "row 2, column y: coefficient 1e-310 "
                               "(expected 0 or a magnitude in [1e-09, "
                               "1e+12])");
    assert_false(check_one(1, 9.9e-10, &c));
    assert_false(check_one(1, INFINITY, &c));
    assert_contains(c.msg, "coefficient inf");
    assert_false(check_one(2, 2e12, &c));
    assert_contains(c.msg, "column 1: upper bound 2e+12");
    assert_false(check_one(3, NAN, &c));
    assert_contains(c.msg, "row 1: upper bound nan");
}

/* A stop flag already set ends branch and bound at its first callback;
 * the node limit is told apart from it. */
static void stop_flag_ends_search(void **state)
{
    (void)state;
    char msg[SPECSIM_ERRMSG_MAX];
    atomic_int stop = 1;
    solve_job j = {&stop, 1000, -1, MIP_DONE, 0};
    assert_true(mip_guard(solve_work, &j, msg, sizeof msg));
    assert_int_equal(j.rc, GLP_ESTOP);
    assert_int_equal(j.end, MIP_STOPPED);
    assert_true(mip_stop_requested(&stop));
    atomic_store(&stop, 0);
    assert_false(mip_stop_requested(&stop));
    assert_false(mip_stop_requested(NULL));
    j = (solve_job){&stop, 1000, -1, MIP_DONE, 0};
    assert_true(mip_guard(solve_work, &j, msg, sizeof msg));
    assert_int_equal(j.rc, 0);
    assert_int_equal(j.end, MIP_DONE);
    assert_close(j.obj, 12.0, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(internal_error_contained),
        cmocka_unit_test(assertion_contained),
        cmocka_unit_test(errors_contained_per_thread),
        cmocka_unit_test(numbers_checked),
        cmocka_unit_test(stop_flag_ends_search),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env();
    return rc;
}
