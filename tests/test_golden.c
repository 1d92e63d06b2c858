/* test_golden.c — the optimal objective of a fixed sample of rollout
 * programs stays what it was when tests/data/golden_objectives.csv was
 * written (1e-9 relative), whatever is done to make the solving faster.
 *
 * The sample: every policy of replications 0-3 of tests/data/small.yaml,
 * 0-1 of scenarios/default.yaml, and 0-1 of scenarios/uk-2020.yaml and
 * scenarios/germany-2019.yaml, each at its scenario's seed. The file holds
 * each program's optimum as GLPK reported it (deploy_result.objective of
 * engine_problem + deploy_solve), written by
 *
 *   build/tests/test_golden --write tests/data/golden_objectives.csv
 *
 * The test runs each sampled replication as a run does
 * (engine_replication_objectives: the same path as `specsim run`, auction
 * included) and compares every program's status and optimum.
 * The UK replications take most of a minute each, Germany's replication
 * 1 half that: they are compared only with SPECSIM_GOLDEN_ALL=1 set, which
 * `make bench` sets (make test keeps under ten minutes; the UK ban's
 * optimum is also checked against HiGHS in tests/cli/reference_uk.sh).
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "deploy.h"
#include "engine.h"

#define GOLDEN "tests/data/golden_objectives.csv"
#define REL 1e-9

typedef struct {
    const char *path;
    long reps;        /* replications 0..reps-1 in the file */
    long reps_quick;  /* of which compared without SPECSIM_GOLDEN_ALL */
} sample;

static const sample samples[] = {
    {"tests/data/small.yaml", 4, 4},
    {"scenarios/default.yaml", 2, 2},
    {"scenarios/uk-2020.yaml", 2, 0},
    {"scenarios/germany-2019.yaml", 2, 1},
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

static scn *load(const char *path)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load(path, &s, &e) != ERR_OK) {
        fprintf(stderr, "%s\n", e.msg);
        exit(2);
    }
    return s;
}

/* Write the golden file: every sampled program solved alone; fails when
 * the run path's optimum differs from it. */
static int write_golden(const char *out)
{
    FILE *f = fopen(out, "w");
    if (f == NULL) { perror(out); return 1; }
    fprintf(f, "# Optimal objective (EUR) of every policy's rollout program in a\n"
               "# fixed sample of replications; written by build/tests/test_golden\n"
               "# --write (tests/test_golden.c) and compared by test_golden.\n"
               "scenario,seed,replication,policy,status,objective\n");
    double worst = 0;
    for (size_t k = 0; k < NSAMPLES; k++) {
        scn *s = load(samples[k].path);
        for (long rep = 0; rep < samples[k].reps; rep++) {
            rep_record *r = calloc(1, sizeof *r);
            double obj[SPECSIM_POLICIES_MAX];
            err_t e;
            err_clear(&e);
            if (engine_replication_objectives(s, s->run.seed, rep, r, obj,
                                              &e) != ERR_OK) {
                fprintf(stderr, "%s: %s\n", samples[k].path, e.msg);
                return 1;
            }
            for (int pol = 0; pol < s->npolicies; pol++) {
                deploy_problem *p = calloc(1, sizeof *p);
                deploy_result *res = calloc(1, sizeof *res);
                err_clear(&e);
                if (engine_problem(s, s->run.seed, rep, pol, p, &e) != ERR_OK) {
                    fprintf(stderr, "%s: %s\n", samples[k].path, e.msg);
                    return 1;
                }
                (void)deploy_solve(p, res, &e);
                bool plan = res->status == DEPLOY_OPTIMAL ||
                            res->status == DEPLOY_LIMIT;
                fprintf(f, "%s,%llu,%ld,%s,%d,%.17g\n", samples[k].path,
                        (unsigned long long)s->run.seed, rep,
                        s->policies[pol].name, (int)res->status,
                        plan ? res->objective : NAN);
                if ((int)res->status != r->status[pol]) {
                    fprintf(stderr, "%s rep %ld %s: status %d alone, %d in "
                            "the run\n", samples[k].path, rep,
                            s->policies[pol].name, (int)res->status,
                            r->status[pol]);
                    return 1;
                }
                if (plan) {
                    double d = fabs(obj[pol] - res->objective) /
                               fmax(fabs(res->objective), 1.0);
                    if (d > worst) worst = d;
                }
                free(p);
                free(res);
            }
            free(r);
            fflush(f);
        }
        scn_free(s);
    }
    fclose(f);
    fprintf(stderr, "largest relative difference, run vs alone: %.3g\n",
            worst);
    deploy_glpk_thread_done();
    return 0;
}

typedef struct {
    char path[256], policy[64];
    unsigned long long seed;
    long rep;
    int status;
    double objective;
} golden_row;

static golden_row rows[512];
static int nrows;

static void read_golden(void)
{
    FILE *f = fopen(GOLDEN, "r");
    if (f == NULL) fail_msg("cannot open %s", GOLDEN);
    char line[512];
    bool header = false;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        if (!header) { header = true; continue; }
        if (nrows == (int)(sizeof rows / sizeof rows[0]))
            fail_msg("%s: too many rows", GOLDEN);
        golden_row *g = &rows[nrows];
        char obj[64];
        if (sscanf(line, "%255[^,],%llu,%ld,%63[^,],%d,%63s", g->path,
                   &g->seed, &g->rep, g->policy, &g->status, obj) != 6)
            fail_msg("%s: bad line %s", GOLDEN, line);
        g->objective = strtod(obj, NULL);
        nrows++;
    }
    fclose(f);
}

/* Every sampled replication of sample k, run as a run runs it. */
static void check_sample(size_t k)
{
    if (nrows == 0) read_golden();
    const sample *sm = &samples[k];
    bool all = getenv("SPECSIM_GOLDEN_ALL") != NULL;
    long reps = all ? sm->reps : sm->reps_quick;
    if (reps == 0) skip(); /* only with SPECSIM_GOLDEN_ALL=1 */
    scn *s = load(sm->path);
    rep_record *r = calloc(1, sizeof *r);
    double obj[SPECSIM_POLICIES_MAX];
    for (long rep = 0; rep < reps; rep++) {
        err_t e;
        err_clear(&e);
        assert_int_equal(engine_replication_objectives(s, s->run.seed, rep, r,
                                                       obj, &e),
                         ERR_OK);
        for (int pol = 0; pol < s->npolicies; pol++) {
            const golden_row *g = NULL;
            for (int i = 0; i < nrows && g == NULL; i++)
                if (!strcmp(rows[i].path, sm->path) && rows[i].rep == rep &&
                    !strcmp(rows[i].policy, s->policies[pol].name) &&
                    rows[i].seed == (unsigned long long)s->run.seed)
                    g = &rows[i];
            if (g == NULL)
                fail_msg("%s replication %ld policy %s not in %s", sm->path,
                         rep, s->policies[pol].name, GOLDEN);
            if (r->status[pol] != g->status)
                fail_msg("%s replication %ld policy %s: status %d, golden %d",
                         sm->path, rep, s->policies[pol].name, r->status[pol],
                         g->status);
            if (g->status == DEPLOY_OPTIMAL || g->status == DEPLOY_LIMIT)
                assert_close(obj[pol], g->objective, REL);
        }
    }
    free(r);
    scn_free(s);
    deploy_glpk_thread_done();
}

static void golden_small(void **state) { (void)state; check_sample(0); }
static void golden_default(void **state) { (void)state; check_sample(1); }
static void golden_uk(void **state) { (void)state; check_sample(2); }
static void golden_germany(void **state) { (void)state; check_sample(3); }

/* The file covers the whole sample: nothing is silently skipped. */
static void golden_complete(void **state)
{
    (void)state;
    if (nrows == 0) read_golden();
    int want = 0;
    for (size_t k = 0; k < NSAMPLES; k++) {
        scn *s = load(samples[k].path);
        want += (int)samples[k].reps * s->npolicies;
        scn_free(s);
    }
    assert_int_equal(nrows, want);
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--write")) return write_golden(argv[2]);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_complete),
        cmocka_unit_test(golden_small),
        cmocka_unit_test(golden_default),
        cmocka_unit_test(golden_uk),
        cmocka_unit_test(golden_germany),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
