/* test_rng.c — random streams: a function of (seed, rep, stream) only. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "rng.h"
#include "testutil.h"

#define NDRAWS 16
#define NREPS 64

static void draw_seq(rng *r, uint64_t seed, uint64_t rep, uint32_t stream,
                     double *out)
{
    rng_seed(r, seed, rep, stream);
    for (int i = 0; i < NDRAWS; i++) out[i] = rng_uniform_pos(r);
}

static int same_seq(const double *a, const double *b)
{
    return memcmp(a, b, NDRAWS * sizeof *a) == 0;
}

static void test_alloc_free(void **state)
{
    (void)state;
    rng *r = rng_alloc();
    assert_non_null(r);
    assert_non_null(rng_gsl(r));
    assert_string_equal(gsl_rng_name(rng_gsl(r)), "mt19937");
    rng_free(r);
    rng_free(NULL);
}

static void test_same_triple_same_sequence(void **state)
{
    (void)state;
    rng *r1 = rng_alloc(), *r2 = rng_alloc();
    double a[NDRAWS], b[NDRAWS];
    draw_seq(r1, 2385, 17, RNG_STREAM_INPUTS, a);
    /* r2 first used for something else: its history must not matter. */
    draw_seq(r2, 7, 3, RNG_STREAM_BIDDERS, b);
    draw_seq(r2, 2385, 17, RNG_STREAM_INPUTS, b);
    assert_true(same_seq(a, b));
    /* Reseeding the same generator repeats the sequence. */
    draw_seq(r1, 2385, 17, RNG_STREAM_INPUTS, b);
    assert_true(same_seq(a, b));
    assert_int_equal(rng_seed_value(2385, 17, 0), rng_seed_value(2385, 17, 0));
    rng_free(r1);
    rng_free(r2);
}

static void test_different_rep_stream_seed(void **state)
{
    (void)state;
    rng *r = rng_alloc();
    double base[NDRAWS], other[NDRAWS];
    draw_seq(r, 2385, 17, RNG_STREAM_INPUTS, base);
    draw_seq(r, 2385, 18, RNG_STREAM_INPUTS, other);
    assert_false(same_seq(base, other));
    draw_seq(r, 2385, 17, RNG_STREAM_BIDDERS, other);
    assert_false(same_seq(base, other));
    draw_seq(r, 2386, 17, RNG_STREAM_INPUTS, other);
    assert_false(same_seq(base, other));
    /* Seeds that differ only above bit 32 still differ (mt19937 alone
     * would see the same seed). */
    draw_seq(r, 2385 + (UINT64_C(1) << 32), 17, RNG_STREAM_INPUTS, other);
    assert_false(same_seq(base, other));
    rng_free(r);
}

/* Seed values of nearby triples are all distinct and never 0. */
static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* 200,000 consecutive replications of one stream never share a seed. */
static void test_no_collisions(void **state)
{
    (void)state;
    enum { N = 200000 };
    uint32_t *v = malloc(N * sizeof *v);
    assert_non_null(v);
    for (uint64_t rep = 0; rep < N; rep++) v[rep] = rng_seed_value(99, rep, 0);
    for (int i = 0; i < N; i++)
        for (int k = 1; k < 4 && i + k < N; k++) assert_true(v[i] != v[i + k]);
    /* distinct overall: a bijection, checked by sorting */
    qsort(v, N, sizeof *v, cmp_u32);
    for (int i = 1; i < N; i++) assert_true(v[i - 1] != v[i]);
    free(v);
}

static void test_seed_values(void **state)
{
    (void)state;
    enum { N = 2 * 400 * 3 };
    uint32_t *v = malloc(N * sizeof *v);
    assert_non_null(v);
    int n = 0;
    for (uint64_t seed = 0; seed < 2; seed++)
        for (uint64_t rep = 0; rep < 400; rep++)
            for (uint32_t st = 0; st < 3; st++) {
                v[n] = rng_seed_value(seed, rep, st);
                assert_true(v[n] != 0);
                for (int k = 0; k < n; k++) assert_true(v[k] != v[n]);
                n++;
            }
    free(v);
}

/* Inverse of an odd number modulo 2^32 (Newton's iteration). */
static uint32_t inverse_odd(uint32_t a)
{
    uint32_t x = a;
    for (int i = 0; i < 5; i++) x *= 2u - a * x;
    return x;
}

/* The replication whose seed would be 0 gets the fixed constant 0x9E3779B9
 * instead (mt19937 would map 0 to 4357). A pinned ordinary value guards
 * against the seeding changing by accident, which would change every
 * published result. */
static void test_seed_value_known_answers(void **state)
{
    (void)state;
    uint32_t base = rng_seed_value(0, 0, 0);
    uint64_t zero_rep = (uint32_t)(0u - base) * inverse_odd(0x9E3779B1u);
    assert_int_equal(rng_seed_value(0, zero_rep, 0), 0x9E3779B9u);
    assert_int_equal(rng_seed_value(2385, 17, 0), 0xDACF79F1u);
    rng *r = rng_alloc();
    gsl_rng *want = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng *zero = gsl_rng_alloc(gsl_rng_mt19937);
    rng_seed(r, 0, zero_rep, 0);
    gsl_rng_set(want, 0x9E3779B9u);
    gsl_rng_set(zero, 0);
    unsigned long x = gsl_rng_get(rng_gsl(r));
    assert_int_equal(x, gsl_rng_get(want));
    assert_int_not_equal(x, gsl_rng_get(zero));
    gsl_rng_free(want);
    gsl_rng_free(zero);
    rng_free(r);
}

static void test_uniform_open_interval(void **state)
{
    (void)state;
    rng *r = rng_alloc();
    rng_seed(r, 0, 0, 0);
    double sum = 0;
    for (int i = 0; i < 100000; i++) {
        double u = rng_uniform_pos(r);
        assert_true(u > 0.0 && u < 1.0);
        sum += u;
    }
    /* Standard error of the mean: sqrt(1/12 / 1e5) = 9.1e-4. */
    assert_near(sum / 100000, 0.5, 5 * 9.2e-4);
    rng_free(r);
}

/* The numbers of a replication do not depend on the order in which
 * replications run: forward, backward and interleaved with another stream
 * give the same sequences. */
static void test_order_independent(void **state)
{
    (void)state;
    rng *r = rng_alloc();
    static double fwd[NREPS][NDRAWS], bwd[NREPS][NDRAWS], mix[NREPS][NDRAWS];
    double junk[NDRAWS];
    for (int k = 0; k < NREPS; k++)
        draw_seq(r, 99, (uint64_t)k, RNG_STREAM_INPUTS, fwd[k]);
    for (int k = NREPS - 1; k >= 0; k--)
        draw_seq(r, 99, (uint64_t)k, RNG_STREAM_INPUTS, bwd[k]);
    for (int k = 0; k < NREPS; k++) {
        int rep = (k * 37) % NREPS; /* 37 is coprime to 64: a permutation */
        draw_seq(r, 99, (uint64_t)rep, RNG_STREAM_BIDDERS, junk);
        draw_seq(r, 99, (uint64_t)rep, RNG_STREAM_INPUTS, mix[rep]);
    }
    for (int k = 0; k < NREPS; k++) {
        assert_true(same_seq(fwd[k], bwd[k]));
        assert_true(same_seq(fwd[k], mix[k]));
    }
    rng_free(r);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_free),
        cmocka_unit_test(test_same_triple_same_sequence),
        cmocka_unit_test(test_different_rep_stream_seed),
        cmocka_unit_test(test_seed_values),
        cmocka_unit_test(test_no_collisions),
        cmocka_unit_test(test_seed_value_known_answers),
        cmocka_unit_test(test_uniform_open_interval),
        cmocka_unit_test(test_order_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
