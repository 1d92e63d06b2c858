/* test_draw.c — drawing the uncertain inputs of a replication: canonical
 * order and reproducibility, the Gaussian copula, rejection of correlations
 * that are not positive definite, and the mean / one-at-a-time draws.
 *
 * Scenarios are built by hand here, independent of the YAML loader.
 */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>

#include "draw.h"
#include "testutil.h"

#define SEED 2385u
#define REPS 20000

static void add_param(scn *s, const char *path, dist_spec d)
{
    scn_param *p = &s->params[s->nparams++];
    snprintf(p->path, sizeof p->path, "%s", path);
    p->dist = d;
}

static dist_spec spec(const dist_type *t, double a, double b, double c)
{
    dist_spec d = {.type = t, .p = {a, b, c, 0}};
    d.lo = -INFINITY;
    d.hi = INFINITY;
    return d;
}

static void add_corr(scn *s, int a, int b, double rho)
{
    s->correlations[s->ncorrelations++] = (scn_correlation){a, b, rho};
}

/* Four inputs of different types, no correlations. */
static scn *scn_four(void)
{
    scn *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snprintf(s->file, sizeof s->file, "%s", "hand-built.yaml");
    add_param(s, "market.users_share", spec(&dist_uniform, 0.6, 0.95, 0));
    add_param(s, "vendors[0].ran_new_eur",
              spec(&dist_triangular, 1.5e5, 2.385e5, 7.25e5));
    add_param(s, "discount_rate", spec(&dist_normal, 0.07, 0.0125, 0));
    add_param(s, "vendors[1].risk_score", spec(&dist_beta, 2.385, 0.731, 0));
    s->params[3].dist.p[3] = 1.0;
    return s;
}

static double pearson(const double *x, const double *y, int n)
{
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++) {
        mx += x[i];
        my += y[i];
    }
    mx /= n;
    my /= n;
    for (int i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / sqrt(sxx * syy);
}

/* Without correlations, draws[i] is exactly the quantile of the i-th
 * uniform of the replication's input stream; repeating a replication
 * repeats its draws. */
static void test_canonical_order_reproducible(void **state)
{
    (void)state;
    scn *s = scn_four();
    err_t e;
    err_clear(&e);
    draw_ctx *c = draw_ctx_alloc(s, &e);
    assert_non_null(c);
    rng *r = rng_alloc();
    double d1[4], d2[4], work[8];
    draw_params(c, r, SEED, 5, d1, work);
    draw_params(c, r, SEED, 6, d2, work);
    assert_true(memcmp(d1, d2, sizeof d1) != 0);
    draw_params(c, r, SEED, 5, d2, work);
    assert_true(memcmp(d1, d2, sizeof d1) == 0);
    rng_seed(r, SEED, 5, RNG_STREAM_INPUTS);
    for (int i = 0; i < 4; i++) {
        double u = rng_uniform_pos(r);
        assert_true(d1[i] == dist_quantile(&s->params[i].dist, u));
    }
    draw_ctx_free(c);
    rng_free(r);
    free(s);
}

/* Correlating inputs 1 and 3 leaves inputs 0 and 2 exactly as drawn
 * without correlation: the uniforms are taken in the same order and the
 * copula touches only the correlated subset. */
static void test_copula_touches_only_subset(void **state)
{
    (void)state;
    scn *s = scn_four();
    err_t e;
    draw_ctx *plain = draw_ctx_alloc(s, &e);
    scn *t = scn_four();
    add_corr(t, 3, 1, 0.6);
    draw_ctx *corr = draw_ctx_alloc(t, &e);
    assert_non_null(plain);
    assert_non_null(corr);
    rng *r = rng_alloc();
    double a[4], b[4], work[8];
    for (uint64_t rep = 0; rep < 50; rep++) {
        draw_params(plain, r, SEED, rep, a, work);
        draw_params(corr, r, SEED, rep, b, work);
        assert_true(a[0] == b[0] && a[2] == b[2]);
        /* The first correlated input (in params order) is row 0 of L,
         * which is (1, 0): its value survives up to the Phi round trip. */
        assert_close(a[1], b[1], 1e-9);
    }
    draw_ctx_free(plain);
    draw_ctx_free(corr);
    rng_free(r);
    free(s);
    free(t);
}

/* Draw REPS replications of inputs a and b into x, y. */
static void draw_pairs(const scn *s, int a, int b, double *x, double *y)
{
    err_t e;
    draw_ctx *c = draw_ctx_alloc(s, &e);
    assert_non_null(c);
    rng *r = rng_alloc();
    double d[SPECSIM_PARAMS_MAX], work[2 * SPECSIM_PARAMS_MAX];
    for (int k = 0; k < REPS; k++) {
        draw_params(c, r, SEED, (uint64_t)k, d, work);
        x[k] = d[a];
        y[k] = d[b];
    }
    draw_ctx_free(c);
    rng_free(r);
}

/* Gaussian copula with rho = 0.8 between two uniform(0, 1) inputs: their
 * Pearson correlation is the copula's Spearman rho, (6 / pi) asin(rho / 2)
 * = 0.785855; its standard error at 20,000 draws is about
 * (1 - 0.786^2) / sqrt(20000) = 0.0027, tolerance 5 of them. An input
 * outside the pair stays uncorrelated (|r| < 5 / sqrt(20000)). */
static void test_correlated_uniforms(void **state)
{
    (void)state;
    scn *s = calloc(1, sizeof *s);
    assert_non_null(s);
    add_param(s, "a", spec(&dist_normal, 0, 1, 0));
    add_param(s, "u1", spec(&dist_uniform, 0, 1, 0));
    add_param(s, "b", spec(&dist_uniform, -2.385, 0, 0));
    add_param(s, "u2", spec(&dist_uniform, 0, 1, 0));
    add_corr(s, 1, 3, 0.8);
    double *x = malloc(REPS * sizeof *x), *y = malloc(REPS * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    draw_pairs(s, 1, 3, x, y);
    double spearman = 6 / M_PI * asin(0.4);
    assert_near(pearson(x, y, REPS), spearman, 5 * 0.0027);
    double mx = 0;
    for (int k = 0; k < REPS; k++) {
        assert_true(x[k] > 0 && x[k] < 1 && y[k] > 0 && y[k] < 1);
        mx += y[k];
    }
    assert_near(mx / REPS, 0.5, 5 * sqrt(1.0 / 12 / REPS));
    draw_pairs(s, 0, 1, x, y);
    assert_near(pearson(x, y, REPS), 0.0, 5 / sqrt(REPS));
    free(x);
    free(y);
    free(s);
}

/* With normal marginals the copula's rho is the Pearson correlation; for a
 * negative rho, standard error (1 - 0.64) / sqrt(20000) = 0.0025. */
static void test_correlated_normals(void **state)
{
    (void)state;
    scn *s = calloc(1, sizeof *s);
    assert_non_null(s);
    add_param(s, "n1", spec(&dist_normal, 2.385, 0.731, 0));
    add_param(s, "n2", spec(&dist_normal, -1, 3, 0));
    add_corr(s, 0, 1, -0.8);
    double *x = malloc(REPS * sizeof *x), *y = malloc(REPS * sizeof *y);
    assert_non_null(x);
    assert_non_null(y);
    draw_pairs(s, 0, 1, x, y);
    assert_near(pearson(x, y, REPS), -0.8, 5 * 0.0025);
    free(x);
    free(y);
    free(s);
}

/* rho = 0.9, 0.9, -0.9 among three inputs: not a correlation matrix
 * (determinant 1 - 3(0.81) - 2(0.729) < 0). */
static void test_not_positive_definite(void **state)
{
    (void)state;
    scn *s = calloc(1, sizeof *s);
    assert_non_null(s);
    snprintf(s->file, sizeof s->file, "%s", "scenarios/bad.yaml");
    add_param(s, "market.users_share", spec(&dist_uniform, 0.6, 0.95, 0));
    add_param(s, "vendors[0].ran_new_eur", spec(&dist_uniform, 1, 2, 0));
    add_param(s, "vendors[1].ran_new_eur", spec(&dist_uniform, 1, 2, 0));
    add_param(s, "operators[2].sites[0]", spec(&dist_uniform, 1, 2, 0));
    add_corr(s, 1, 2, 0.9);
    add_corr(s, 2, 3, 0.9);
    add_corr(s, 1, 3, -0.9);
    err_t e;
    err_clear(&e);
    assert_null(draw_ctx_alloc(s, &e));
    assert_int_equal(e.code, ERR_SCENARIO);
    assert_contains(e.msg, "scenarios/bad.yaml");
    assert_contains(e.msg, "vendors[0].ran_new_eur");
    assert_contains(e.msg, "vendors[1].ran_new_eur");
    assert_contains(e.msg, "operators[2].sites[0]");
    assert_contains(e.msg, "-0.9");
    assert_contains(e.msg, "positive definite");
    /* A perfect correlation is singular: rejected too. */
    s->ncorrelations = 0;
    add_corr(s, 0, 3, 1.0);
    err_clear(&e);
    assert_null(draw_ctx_alloc(s, &e));
    assert_int_equal(e.code, ERR_SCENARIO);
    assert_contains(e.msg, "market.users_share");
    free(s);
}

static void test_no_params(void **state)
{
    (void)state;
    scn *s = calloc(1, sizeof *s);
    assert_non_null(s);
    err_t e;
    draw_ctx *c = draw_ctx_alloc(s, &e);
    assert_non_null(c);
    rng *r = rng_alloc();
    double d[1] = {2.385};
    draw_params(c, r, SEED, 0, d, NULL);
    assert_close(d[0], 2.385, 0);
    draw_ctx_free(c);
    draw_ctx_free(NULL);
    rng_free(r);
    free(s);
}

static void test_mean_and_one_at(void **state)
{
    (void)state;
    scn *s = scn_four();
    double m[4], d[4];
    draw_params_mean(s, m);
    assert_close(m[0], 0.775, 1e-15);
    assert_close(m[1], (1.5e5 + 2.385e5 + 7.25e5) / 3, 1e-15);
    assert_close(m[2], 0.07, 1e-15);
    assert_close(m[3], 2.385 / 3.116, 1e-15);
    draw_params_one_at(s, 2, 0.95, d);
    assert_true(d[0] == m[0] && d[1] == m[1] && d[3] == m[3]);
    assert_close(d[2], 0.07 + 0.0125 * 1.6448536269514722, 1e-13);
    draw_params_one_at(s, 0, 0.05, d);
    assert_close(d[0], 0.6 + 0.05 * 0.35, 1e-14);
    assert_true(d[1] == m[1] && d[2] == m[2] && d[3] == m[3]);
    free(s);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_order_reproducible),
        cmocka_unit_test(test_copula_touches_only_subset),
        cmocka_unit_test(test_correlated_uniforms),
        cmocka_unit_test(test_correlated_normals),
        cmocka_unit_test(test_not_positive_definite),
        cmocka_unit_test(test_no_params),
        cmocka_unit_test(test_mean_and_one_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
