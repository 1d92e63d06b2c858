/* test_dist.c — distributions: known-answer quantiles and means, moments
 * of large samples against theory, support and truncation bounds, every
 * check() error path, and the type table.
 *
 * Reference values marked "mpmath" were computed with mpmath at 40 digits
 * (bisection on the regularised incomplete beta function, findroot on the
 * normal CDF, quad for the truncated lognormal mean as a cross-check of its
 * closed form).
 */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "dist.h"
#include "testutil.h"

#define SAMPLES 200000
#define SEED 20240611UL

static dist_spec spec(const dist_type *t, double a, double b, double c,
                      double d)
{
    dist_spec s = {.type = t, .p = {a, b, c, d}};
    s.lo = -INFINITY;
    s.hi = INFINITY;
    return s;
}

static dist_spec truncated(dist_spec s, double lo, double hi)
{
    s.lo = lo;
    s.hi = hi;
    return s;
}

/* ---- The type table ----------------------------------------------------- */

static void test_type_find(void **state)
{
    (void)state;
    for (int i = 0; dist_types[i] != NULL; i++)
        assert_ptr_equal(dist_type_find(dist_types[i]->name), dist_types[i]);
    assert_ptr_equal(dist_type_find("pert"), &dist_pert);
    assert_null(dist_type_find("gamma"));
    assert_null(dist_type_find("Normal"));
    assert_null(dist_type_find("normal "));
    assert_null(dist_type_find(""));
}

static void test_type_names_match_table(void **state)
{
    (void)state;
    char buf[256] = "";
    for (int i = 0; dist_types[i] != NULL; i++) {
        if (i > 0) strcat(buf, ", ");
        strcat(buf, dist_types[i]->name);
    }
    assert_string_equal(dist_type_names(), buf);
    assert_string_equal(dist_type_names(),
                        "uniform, triangular, pert, normal, lognormal, beta");
}

static void test_type_tables_consistent(void **state)
{
    (void)state;
    for (int i = 0; dist_types[i] != NULL; i++) {
        const dist_type *t = dist_types[i];
        assert_true(t->nrequired >= 1 && t->nrequired <= t->nparams);
        assert_true(t->nparams <= DIST_PARAMS_MAX);
        for (int k = 0; k < t->nparams; k++) {
            assert_non_null(t->param_names[k]);
            if (k >= t->nrequired) assert_true(isfinite(t->param_defaults[k]));
        }
        assert_non_null(t->check);
        assert_non_null(t->quantile);
        assert_non_null(t->mean);
    }
    assert_true(dist_normal.truncatable && dist_lognormal.truncatable);
    assert_false(dist_uniform.truncatable || dist_beta.truncatable);
    assert_int_equal(dist_beta.nrequired, 2);
    assert_string_equal(dist_beta.param_names[2], "min");
    assert_close(dist_beta.param_defaults[2], 0.0, 0);
    assert_close(dist_beta.param_defaults[3], 1.0, 0);
    assert_string_equal(dist_lognormal.param_names[1], "sdlog");
}

/* ---- Known-answer quantiles ---------------------------------------------- */

static void test_quantile_uniform(void **state)
{
    (void)state;
    dist_spec d = spec(&dist_uniform, -1.25, 2.385, 0, 0);
    assert_close(dist_quantile(&d, 0.3), -1.25 + 0.3 * 3.635, 1e-15);
    assert_close(dist_quantile(&d, 0.0), -1.25, 1e-11);
    assert_close(dist_quantile(&d, 1.0), 2.385, 1e-11);
}

/* triangular(1.5, 2.385, 7.25) at p = 0.3, by hand: width w = 5.75, CDF at
 * the mode c = 0.885 / 5.75 = 0.153913; p > c, so
 * x = 7.25 - 5.75 sqrt(0.7 (1 - c)) = 7.25 - 5.75 sqrt(0.592261)
 *   = 7.25 - 5.75 * 0.769585 = 2.824887.
 * At p = 0.1 < c: x = 1.5 + 5.75 sqrt(0.1 c) = 1.5 + 5.75 * 0.124062
 *   = 2.213355. */
static void test_quantile_triangular(void **state)
{
    (void)state;
    dist_spec d = spec(&dist_triangular, 1.5, 2.385, 7.25, 0);
    assert_close(dist_quantile(&d, 0.3), 2.8248870070923613, 1e-14);
    assert_close(dist_quantile(&d, 0.1), 2.2133547504573023, 1e-14);
    assert_close(dist_quantile(&d, 0.885 / 5.75), 2.385, 1e-14);
    /* Mode at a bound: a right triangle. */
    dist_spec r = spec(&dist_triangular, 1.5, 1.5, 7.25, 0);
    assert_close(dist_quantile(&r, 0.75), 7.25 - 5.75 * 0.5, 1e-14);
}

/* pert(1.5, 2.385, 7.25): alpha = 1.6156522, beta = 4.3843478; mpmath. */
static void test_quantile_pert(void **state)
{
    (void)state;
    dist_spec d = spec(&dist_pert, 1.5, 2.385, 7.25, 0);
    assert_close(dist_quantile(&d, 0.3), 2.4035838580705288, 1e-9);
    assert_close(dist_quantile(&d, 0.9), 4.4217972267044819, 1e-9);
}

/* Normal values from mpmath. The far-tail case keeps only 3.4e-6 of the
 * probability (lo = 4.5 sd above the mean). */
static void test_quantile_normal(void **state)
{
    (void)state;
    dist_spec d = spec(&dist_normal, 2.385, 0.731, 0, 0);
    assert_close(dist_quantile(&d, 0.975), 3.8177336726987796, 1e-13);
    assert_close(dist_quantile(&d, 0.5), 2.385, 1e-15);
    dist_spec t = truncated(d, 1.2, 2.9);
    assert_close(dist_quantile(&t, 0.3), 1.9249994130040762, 1e-12);
    dist_spec tail = truncated(spec(&dist_normal, 0, 1, 0, 0), 4.5, INFINITY);
    assert_close(dist_quantile(&tail, 0.5), 4.6451877510056995, 1e-10);
    /* The same tail mirrored: lower tail, hi = -4.5. */
    dist_spec low = truncated(spec(&dist_normal, 0, 1, 0, 0), -INFINITY, -4.5);
    assert_close(dist_quantile(&low, 0.5), -4.6451877510056995, 1e-10);
}

static void test_quantile_lognormal(void **state)
{
    (void)state;
    dist_spec d = spec(&dist_lognormal, 0.385, 0.62, 0, 0);
    assert_close(dist_quantile(&d, 0.3), 1.0617003026733271, 1e-13);
    dist_spec t = truncated(d, 0.9, 3.7);
    assert_close(dist_quantile(&t, 0.3), 1.3167325472514768, 1e-12);
    /* lo <= 0 truncates nothing. */
    dist_spec z = truncated(d, -5.0, INFINITY);
    assert_close(dist_quantile(&z, 0.3), 1.0617003026733271, 1e-13);
}

/* Beta values from mpmath. beta(1e4, 0.5) and beta(0.05, 0.05) are shapes
 * where gsl_cdf_beta_Pinv returns NaN or fails to converge: the bisection
 * fallback answers them. */
static void test_quantile_beta(void **state)
{
    (void)state;
    dist_spec d = spec(&dist_beta, 2.385, 0.731, 0, 1);
    assert_close(dist_quantile(&d, 0.3), 0.68640253464485902, 1e-9);
    dist_spec s = spec(&dist_beta, 2.385, 0.731, 10, 12.5);
    assert_close(dist_quantile(&s, 0.3), 10 + 2.5 * 0.68640253464485902,
                 1e-10);
    dist_spec big = spec(&dist_beta, 1e4, 0.5, 0, 1);
    assert_close(dist_quantile(&big, 0.05), 0.99980794070290723, 1e-12);
    dist_spec u = spec(&dist_beta, 0.05, 0.05, 0, 1);
    assert_close(dist_quantile(&u, 0.3), 3.3861997579027971e-05, 1e-8);
    assert_close(1.0 - dist_quantile(&u, 0.7), 3.3861997579027971e-05, 1e-6);
}

/* p = 0 and p = 1 are clamped: every quantile is finite and inside the
 * support; quantiles never decrease in p. */
static void test_quantile_extremes_and_monotone(void **state)
{
    (void)state;
    dist_spec ds[] = {
        spec(&dist_uniform, -1.25, 2.385, 0, 0),
        spec(&dist_triangular, 1.5, 2.385, 7.25, 0),
        spec(&dist_pert, 1.5, 7.25, 7.25, 0),
        spec(&dist_normal, 2.385, 0.731, 0, 0),
        truncated(spec(&dist_normal, 2.385, 0.731, 0, 0), 0, INFINITY),
        spec(&dist_lognormal, 0.385, 0.62, 0, 0),
        spec(&dist_beta, 0.05, 0.05, 0, 1),
        spec(&dist_beta, 1e4, 0.5, 0, 1),
    };
    for (size_t i = 0; i < sizeof ds / sizeof ds[0]; i++) {
        char why[128];
        assert_true(dist_check(&ds[i], why, sizeof why));
        double prev = dist_quantile(&ds[i], 0.0);
        assert_true(isfinite(prev));
        for (int k = 1; k <= 1000; k++) {
            double x = dist_quantile(&ds[i], k / 1000.0);
            assert_true(isfinite(x) && x >= prev);
            prev = x;
        }
    }
    /* p = 1 becomes 1 - 1e-12, which a double holds only to 1e-4 of the
     * tail probability: hence the looser tolerance above the median. */
    dist_spec n = spec(&dist_normal, 0, 1, 0, 0);
    assert_close(dist_quantile(&n, 0.0), gsl_cdf_ugaussian_Pinv(1e-12), 1e-12);
    assert_close(dist_quantile(&n, 1.0), -gsl_cdf_ugaussian_Pinv(1e-12),
                 1e-5);
}

/* ---- Means ----------------------------------------------------------------- */

static void test_mean_closed_forms(void **state)
{
    (void)state;
    dist_spec u = spec(&dist_uniform, -1.25, 2.385, 0, 0);
    assert_close(dist_mean(&u), 0.5675, 1e-15);
    dist_spec t = spec(&dist_triangular, 1.5, 2.385, 7.25, 0);
    assert_close(dist_mean(&t), 11.135 / 3.0, 1e-15);
    dist_spec p = spec(&dist_pert, 1.5, 2.385, 7.25, 0);
    assert_close(dist_mean(&p), (1.5 + 4 * 2.385 + 7.25) / 6.0, 1e-15);
    dist_spec n = spec(&dist_normal, 2.385, 0.731, 0, 0);
    assert_close(dist_mean(&n), 2.385, 1e-15);
    dist_spec l = spec(&dist_lognormal, 0.385, 0.62, 0, 0);
    assert_close(dist_mean(&l), 1.7810445178846740, 1e-14);
    dist_spec b = spec(&dist_beta, 2.385, 0.731, 10, 12.5);
    assert_close(dist_mean(&b), 10 + 2.5 * 2.385 / 3.116, 1e-15);
}

/* Truncated means from mpmath (the lognormal one agrees with quadrature). */
/* The support: min and max where the type has them, the lognormal's open
 * 0, unbounded ends, and truncation narrowing (never widening) them. */
static void support_is(dist_spec d, double lo, bool lo_open, double hi)
{
    double a, b;
    bool open;
    dist_support(&d, &a, &open, &b);
    assert_true(a == lo && open == lo_open && b == hi);
}

static void test_support(void **state)
{
    (void)state;
    support_is(spec(&dist_uniform, -1.25, 2.385, 0, 0), -1.25, false, 2.385);
    support_is(spec(&dist_pert, 1.5, 2.385, 7.25, 0), 1.5, false, 7.25);
    support_is(spec(&dist_beta, 2.385, 0.731, 10, 12.5), 10, false, 12.5);
    support_is(spec(&dist_normal, 2.385, 0.731, 0, 0), -INFINITY, false,
               INFINITY);
    support_is(truncated(spec(&dist_normal, 0.5, 0.1, 0, 0), 0.3, 0.7), 0.3,
               false, 0.7);
    support_is(spec(&dist_lognormal, 0.385, 0.62, 0, 0), 0, true, INFINITY);
    support_is(truncated(spec(&dist_lognormal, 0.385, 0.62, 0, 0), -2, 0.9),
               0, true, 0.9);
    support_is(truncated(spec(&dist_lognormal, 0.385, 0.62, 0, 0), 0.25,
                         INFINITY), 0.25, false, INFINITY);
}

static void test_mean_truncated(void **state)
{
    (void)state;
    dist_spec n = truncated(spec(&dist_normal, 2.385, 0.731, 0, 0), 1.2, 2.9);
    assert_close(dist_mean(&n), 2.1740110937517055, 1e-13);
    dist_spec tail = truncated(spec(&dist_normal, 0, 1, 0, 0), 4.5, INFINITY);
    assert_close(dist_mean(&tail), 4.7043198448277324, 1e-12);
    dist_spec l = truncated(spec(&dist_lognormal, 0.385, 0.62, 0, 0), 0.9, 3.7);
    assert_close(dist_mean(&l), 1.8089005866209647, 1e-13);
    /* exp(mu + s^2/2) = exp(800) overflows, P(Z < -40) underflows; the
     * log-space form still gets the truncated mean. */
    dist_spec w = truncated(spec(&dist_lognormal, 0, 40, 0, 0), -INFINITY, 1);
    assert_close(dist_mean(&w), 0.019934670376602620, 1e-10);
    /* Far upper tail: lo = 1e6 keeps 2.06e-6 of lognormal(0, 3). */
    dist_spec y = truncated(spec(&dist_lognormal, 0, 3, 0, 0), 1e6, INFINITY);
    assert_close(dist_mean(&y), 2368903.3542173109, 1e-10);
}

/* ---- Large samples ---------------------------------------------------------- */

typedef struct {
    double mean, var;  /* theory */
    double lo, hi;     /* support */
} moments;

/* Draw SAMPLES values by inversion; the sample mean must be within 5
 * standard errors of theory, and so must the sample variance (its standard
 * error estimated from the sample's fourth central moment). */
static void sample_check(const dist_spec *d, moments m)
{
    double *x = malloc(SAMPLES * sizeof *x);
    assert_non_null(x);
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, SEED);
    double sum = 0;
    for (int i = 0; i < SAMPLES; i++) {
        x[i] = dist_quantile(d, gsl_rng_uniform_pos(g));
        if (!(x[i] >= m.lo && x[i] <= m.hi))
            fail_msg("%s sample %.17g outside [%g, %g]", d->type->name, x[i],
                     m.lo, m.hi);
        sum += x[i];
    }
    double mean = sum / SAMPLES, s2 = 0, m4 = 0;
    for (int i = 0; i < SAMPLES; i++) {
        double dx = x[i] - mean;
        s2 += dx * dx;
        m4 += dx * dx * dx * dx;
    }
    s2 /= SAMPLES - 1;
    m4 /= SAMPLES;
    assert_near(mean, m.mean, 5 * sqrt(m.var / SAMPLES));
    assert_near(s2, m.var, 5 * sqrt((m4 - s2 * s2) / SAMPLES));
    gsl_rng_free(g);
    free(x);
}

static void test_sample_bounded(void **state)
{
    (void)state;
    dist_spec u = spec(&dist_uniform, -1.25, 2.385, 0, 0);
    sample_check(&u, (moments){0.5675, 3.635 * 3.635 / 12, -1.25, 2.385});
    double a = 1.5, c = 2.385, b = 7.25;
    dist_spec t = spec(&dist_triangular, a, c, b, 0);
    double tvar = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    sample_check(&t, (moments){(a + b + c) / 3, tvar, a, b});
    double al = 1 + 4 * (c - a) / (b - a), be = 1 + 4 * (b - c) / (b - a);
    dist_spec p = spec(&dist_pert, a, c, b, 0);
    double pvar = (b - a) * (b - a) * al * be / (36.0 * 7.0);
    sample_check(&p, (moments){(a + 4 * c + b) / 6, pvar, a, b});
    dist_spec bt = spec(&dist_beta, 2.385, 0.731, 10, 12.5);
    double s = 3.116, bvar = 6.25 * 2.385 * 0.731 / (s * s * (s + 1));
    sample_check(&bt, (moments){10 + 2.5 * 2.385 / s, bvar, 10, 12.5});
}

/* Truncated normal on [za, zb] (standardised): mean and variance from the
 * textbook closed forms, written independently of dist.c. */
static moments trunc_normal_moments(double mu, double sd, double lo,
                                    double hi)
{
    double za = (lo - mu) / sd, zb = (hi - mu) / sd;
    double fa = gsl_ran_ugaussian_pdf(za), fb = gsl_ran_ugaussian_pdf(zb);
    double z = gsl_cdf_ugaussian_P(zb) - gsl_cdf_ugaussian_P(za);
    double ta = isfinite(za) ? za * fa : 0, tb = isfinite(zb) ? zb * fb : 0;
    double r = (fa - fb) / z;
    return (moments){mu + sd * r, sd * sd * (1 + (ta - tb) / z - r * r), lo,
                     hi};
}

static void test_sample_normal(void **state)
{
    (void)state;
    dist_spec n = spec(&dist_normal, 2.385, 0.731, 0, 0);
    sample_check(&n, (moments){2.385, 0.731 * 0.731, -INFINITY, INFINITY});
    dist_spec t = truncated(n, 1.2, 2.9);
    sample_check(&t, trunc_normal_moments(2.385, 0.731, 1.2, 2.9));
    dist_spec h = truncated(n, 2.0, INFINITY);
    sample_check(&h, trunc_normal_moments(2.385, 0.731, 2.0, INFINITY));
}

/* Truncated lognormal: E[X^k] = exp(k mu + k^2 s^2 / 2)
 * (Phi(zb - k s) - Phi(za - k s)) / (Phi(zb) - Phi(za)). */
static moments trunc_lognormal_moments(double mu, double s, double lo,
                                       double hi)
{
    double za = lo > 0 ? (log(lo) - mu) / s : -INFINITY;
    double zb = (log(hi) - mu) / s;
    double z = gsl_cdf_ugaussian_P(zb) - gsl_cdf_ugaussian_P(za);
    double e1 = exp(mu + s * s / 2) *
                (gsl_cdf_ugaussian_P(zb - s) - gsl_cdf_ugaussian_P(za - s)) / z;
    double e2 = exp(2 * mu + 2 * s * s) *
                (gsl_cdf_ugaussian_P(zb - 2 * s) -
                 gsl_cdf_ugaussian_P(za - 2 * s)) / z;
    return (moments){e1, e2 - e1 * e1, fmax(lo, 0), hi};
}

static void test_sample_lognormal(void **state)
{
    (void)state;
    dist_spec l = spec(&dist_lognormal, 0.385, 0.62, 0, 0);
    double s2 = 0.62 * 0.62;
    sample_check(&l, (moments){exp(0.385 + s2 / 2),
                               (exp(s2) - 1) * exp(2 * 0.385 + s2), 0,
                               INFINITY});
    dist_spec t = truncated(l, 0.9, 3.7);
    sample_check(&t, trunc_lognormal_moments(0.385, 0.62, 0.9, 3.7));
    dist_spec h = truncated(l, -INFINITY, 2.0);
    sample_check(&h, trunc_lognormal_moments(0.385, 0.62, 0, 2.0));
}

/* ---- check() -------------------------------------------------------------- */

/* `d` must fail its check with `expected` in the message. */
static void check_fails(dist_spec d, const char *expected)
{
    char why[128] = "";
    if (dist_check(&d, why, sizeof why))
        fail_msg("%s(%g, %g, %g, %g; lo %g, hi %g) accepted; wanted \"%s\"",
                 d.type->name, d.p[0], d.p[1], d.p[2], d.p[3], d.lo, d.hi,
                 expected);
    assert_contains(why, expected);
}

static void check_passes(dist_spec d)
{
    char why[128] = "";
    if (!dist_check(&d, why, sizeof why))
        fail_msg("%s rejected: %s", d.type->name, why);
}

static void test_check_bounded(void **state)
{
    (void)state;
    check_passes(spec(&dist_uniform, -1.25, 2.385, 0, 0));
    check_fails(spec(&dist_uniform, 2.385, 2.385, 0, 0), "min < max");
    check_fails(spec(&dist_uniform, 3, -1, 0, 0), "min < max");
    check_fails(spec(&dist_uniform, -1e308, 1e308, 0, 0),
                "max - min within the range of a double");
    check_fails(spec(&dist_uniform, NAN, 1, 0, 0), "min a finite number");
    check_fails(spec(&dist_uniform, 0, INFINITY, 0, 0), "max a finite number");
    const dist_type *mt[] = {&dist_triangular, &dist_pert};
    for (int i = 0; i < 2; i++) {
        const char *want = "min <= mode <= max with min < max";
        check_passes(spec(mt[i], 1.5, 1.5, 7.25, 0));
        check_passes(spec(mt[i], 1.5, 7.25, 7.25, 0));
        check_fails(spec(mt[i], 1.5, 1.4, 7.25, 0), want);
        check_fails(spec(mt[i], 1.5, 7.3, 7.25, 0), want);
        check_fails(spec(mt[i], 2.385, 2.385, 2.385, 0), want);
        check_fails(spec(mt[i], 7.25, 2.385, 1.5, 0), want);
        check_fails(spec(mt[i], -1e308, 0, 1e308, 0), "max - min");
        check_fails(spec(mt[i], 1.5, NAN, 7.25, 0), "mode a finite number");
    }
}

static void test_check_normal(void **state)
{
    (void)state;
    dist_spec n = spec(&dist_normal, 2.385, 0.731, 0, 0);
    check_passes(n);
    check_passes(truncated(n, 0, INFINITY));
    check_fails(spec(&dist_normal, 2.385, 0, 0, 0), "sd > 0");
    check_fails(spec(&dist_normal, 2.385, -0.731, 0, 0), "sd > 0");
    check_fails(spec(&dist_normal, INFINITY, 1, 0, 0), "mean a finite number");
    check_fails(truncated(n, 2.9, 2.9), "lo < hi");
    check_fails(truncated(n, 2.9, 1.2), "lo < hi");
    check_fails(truncated(n, NAN, 1.2), "lo < hi");
    /* A calloc'd spec has lo = hi = 0: not "no truncation". */
    check_fails(truncated(n, 0, 0), "lo < hi");
    const char *mass = "lo, hi keeping a probability of at least 1e-06";
    check_fails(truncated(n, 2.385 + 6 * 0.731, INFINITY), mass);
    check_fails(truncated(n, -INFINITY, 2.385 - 6 * 0.731), mass);
    check_fails(truncated(n, 2.385, 2.385 + 1e-7), mass);
    check_fails(truncated(n, 40, 41), mass);
    check_passes(truncated(n, 2.385 + 4.5 * 0.731, INFINITY));
}

static void test_check_lognormal(void **state)
{
    (void)state;
    dist_spec l = spec(&dist_lognormal, 0.385, 0.62, 0, 0);
    check_passes(l);
    check_passes(truncated(l, -1, 3.7));
    check_fails(spec(&dist_lognormal, 0.385, 0, 0, 0), "sdlog > 0");
    check_fails(spec(&dist_lognormal, NAN, 0.62, 0, 0),
                "meanlog a finite number");
    check_fails(truncated(l, 3.7, 0.9), "lo < hi");
    const char *mass = "lo, hi keeping a probability of at least 1e-06";
    check_fails(truncated(l, -INFINITY, -1), mass);
    check_fails(truncated(l, -2, 0), mass);
    check_fails(truncated(l, 1e6, INFINITY), mass);
    /* exp(708 + 2) overflows; truncating above brings it back. */
    dist_spec big = spec(&dist_lognormal, 708, 2, 0, 0);
    check_fails(big, "finite mean");
    check_passes(truncated(big, -INFINITY, exp(708)));
    check_passes(truncated(spec(&dist_lognormal, 0, 40, 0, 0), -INFINITY, 1));
}

static void test_check_beta(void **state)
{
    (void)state;
    check_passes(spec(&dist_beta, 2.385, 0.731, 0, 1));
    check_passes(spec(&dist_beta, 1e5, 1e-3, -3, -2));
    check_fails(spec(&dist_beta, 0, 0.731, 0, 1), "a > 0 and b > 0");
    check_fails(spec(&dist_beta, 2.385, -1, 0, 1), "a > 0 and b > 0");
    check_fails(spec(&dist_beta, 2e5, 0.731, 0, 1),
                "a <= 100000 and b <= 100000");
    check_fails(spec(&dist_beta, 2.385, 1e6, 0, 1), "a <= 100000");
    check_fails(spec(&dist_beta, 2.385, 0.731, 1, 1), "min < max");
    check_fails(spec(&dist_beta, 2.385, 0.731, 1, 0), "min < max");
    check_fails(spec(&dist_beta, 2.385, 0.731, 0, NAN), "max a finite number");
}

/* `why` may be NULL or short: no crash, truncated text. */
static void test_check_why_buffer(void **state)
{
    (void)state;
    dist_spec d = spec(&dist_normal, 2.385, 0, 0, 0);
    assert_false(dist_check(&d, NULL, 0));
    char small[4] = "xyz";
    assert_false(dist_check(&d, small, sizeof small));
    assert_string_equal(small, "sd ");
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_find),
        cmocka_unit_test(test_type_names_match_table),
        cmocka_unit_test(test_type_tables_consistent),
        cmocka_unit_test(test_quantile_uniform),
        cmocka_unit_test(test_quantile_triangular),
        cmocka_unit_test(test_quantile_pert),
        cmocka_unit_test(test_quantile_normal),
        cmocka_unit_test(test_quantile_lognormal),
        cmocka_unit_test(test_quantile_beta),
        cmocka_unit_test(test_quantile_extremes_and_monotone),
        cmocka_unit_test(test_mean_closed_forms),
        cmocka_unit_test(test_mean_truncated),
        cmocka_unit_test(test_support),
        cmocka_unit_test(test_sample_bounded),
        cmocka_unit_test(test_sample_normal),
        cmocka_unit_test(test_sample_lognormal),
        cmocka_unit_test(test_check_bounded),
        cmocka_unit_test(test_check_normal),
        cmocka_unit_test(test_check_lognormal),
        cmocka_unit_test(test_check_beta),
        cmocka_unit_test(test_check_why_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
