/* test_agg.c — the statistics over replications against known answers.
 *
 * The samples and the expected statistics come from tests/agg_known.py
 * (NumPy, SciPy and an independent P-square implementation), committed as
 * tests/data/agg_known.h. Values are fed one replication at a time as
 * baseline and policy of one paired metric; at every checkpoint the
 * count, mean, sd, 95 % interval and 5/50/95 % quantiles of both and of
 * their paired difference must match. Quantiles are compared with the
 * exact (type 7) answer while the accumulator keeps every value and with
 * the P-square answer beyond SPECSIM_EXACT_QUANTILES_MAX: the fixture
 * straddles that switch both at its normal value and at the value of
 * builds with -DSPECSIM_TEST_LIMITS, where the streaming branch runs
 * within a few dozen replications. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "agg.h"
#include "data/agg_known.h"

#define NSAMPLES ((int)(sizeof agg_known_samples / sizeof agg_known_samples[0]))
#define EXACT_MAX SPECSIM_EXACT_QUANTILES_MAX

/* Agreement required, relative to the largest magnitude in the series:
 * the computations differ only in summation order (Welford against
 * pairwise) and in how t is inverted. */
#define TOL 1e-11

/* Every value of every policy absent (NaN), so that agg_add skips it. */
static void record_absent(rep_record *r)
{
    double *arrays[] = {&r->scalar[0][0], &r->yearly[0][0][0],
                        &r->oper[0][0][0], &r->band[0][0][0],
                        &r->lots_won[0][0][0], &r->keyed[0][0][0],
                        &r->keyed_yearly[0][0][0][0]};
    size_t sizes[] = {sizeof r->scalar, sizeof r->yearly, sizeof r->oper,
                      sizeof r->band, sizeof r->lots_won, sizeof r->keyed,
                      sizeof r->keyed_yearly};
    for (size_t a = 0; a < sizeof arrays / sizeof arrays[0]; a++)
        for (size_t i = 0; i < sizes[a] / sizeof(double); i++)
            arrays[a][i] = NAN;
}

static agg *agg_two_policies(void) { return agg_alloc(2, 1, 1, 1, 1, 1); }

/* Largest finite |x| (or |policy - baseline| when `base` is given). */
static double scale_of(const double *x, const double *base, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++) {
        double v = base ? x[i] - base[i] : x[i];
        if (isfinite(v) && fabs(v) > s) s = fabs(v);
    }
    return s;
}

static void expect(const char *what, const char *sample, long reps,
                   double got, double want, double scale)
{
    if (isnan(want) && isnan(got)) return;
    if (!(fabs(got - want) <= TOL * fmax(scale, fabs(want))))
        fail_msg("%s, sample %s after %ld replications: %.17g, expected "
                 "%.17g", what, sample, reps, got, want);
}

/* Policy p's statistics (delta: its difference from baseline) against a
 * row of the fixture. */
static void expect_series(const agg *a, int p, bool delta, const double *w,
                          const char *series, const char *sample, long reps,
                          double scale)
{
    static const char *const names[] = {"n", "mean", "sd", "ci95_lo",
                                        "ci95_hi", "p05", "p50", "p95"};
    agg_stat st[] = {ST_N, ST_MEAN, ST_SD, ST_CI_LO, ST_CI_HI,
                     ST_P05, ST_P50, ST_P95};
    agg_stat dst[] = {ST_N, ST_D_MEAN, ST_SD, ST_D_CI_LO, ST_D_CI_HI,
                      ST_D_P05, ST_D_P50, ST_D_P95};
    bool streaming = w[AK_N] > EXACT_MAX;
    char what[64];
    for (int k = 0; k < 8; k++) {
        /* agg reports neither the count nor the sd of a difference */
        if (delta && (k == AK_N || k == AK_SD)) continue;
        double want = w[k];
        if (k >= AK_P05 && streaming) want = w[AK_PSQ05 + k - AK_P05];
        snprintf(what, sizeof what, "%s %s%s", series, names[k],
                 k >= AK_P05 && streaming ? " (P-square)" : "");
        double got = agg_scalar(a, p, M_COST_TOTAL, delta ? dst[k] : st[k]);
        expect(what, sample, reps, got, want, scale);
    }
}

static void check_sample(const agg_known_sample *s)
{
    agg *a = agg_two_policies();
    assert_non_null(a);
    rep_record *r = malloc(sizeof *r);
    assert_non_null(r);
    record_absent(r);
    double sb = scale_of(s->base, NULL, s->n);
    double sp = scale_of(s->policy, NULL, s->n);
    double sd = scale_of(s->policy, s->base, s->n);
    long done = 0;
    for (int c = 0; c < s->nchecks; c++) {
        const agg_known_check *k = &s->checks[c];
        for (; done < k->reps; done++) {
            r->rep = done;
            r->scalar[0][M_COST_TOTAL] = s->base[done];
            r->scalar[1][M_COST_TOTAL] = s->policy[done];
            agg_add(a, r);
        }
        assert_int_equal(agg_count(a), k->reps);
        expect_series(a, 0, false, k->base, "baseline", s->name, k->reps, sb);
        expect_series(a, 1, false, k->policy, "policy", s->name, k->reps, sp);
        expect_series(a, 1, true, k->delta, "difference", s->name, k->reps, sd);
        /* baseline has no difference from itself */
        assert_true(isnan(agg_scalar(a, 0, M_COST_TOTAL, ST_D_MEAN)));
        assert_true(isnan(agg_scalar(a, 0, M_COST_TOTAL, ST_D_P50)));
    }
    free(r);
    agg_free(a);
}

static void known_answers(void **state)
{
    (void)state;
    for (int i = 0; i < NSAMPLES; i++) check_sample(&agg_known_samples[i]);
}

/* The fixture holds a series with exactly EXACT_MAX values and one with
 * one more, and at one of them the exact and the P-square quantiles
 * differ: otherwise moving the switch would go unnoticed. */
static void fixture_straddles_switch(void **state)
{
    (void)state;
    bool at = false, after = false, differ = false;
    for (int i = 0; i < NSAMPLES; i++) {
        const agg_known_sample *s = &agg_known_samples[i];
        for (int c = 0; c < s->nchecks; c++) {
            const double *rows[] = {s->checks[c].base, s->checks[c].policy,
                                    s->checks[c].delta};
            for (int j = 0; j < 3; j++) {
                const double *w = rows[j];
                if (w[AK_N] != EXACT_MAX && w[AK_N] != EXACT_MAX + 1) continue;
                at = at || w[AK_N] == EXACT_MAX;
                after = after || w[AK_N] == EXACT_MAX + 1;
                for (int q = 0; q < 3; q++)
                    differ = differ || !test_close(w[AK_P05 + q],
                                                   w[AK_PSQ05 + q], 1e-6);
            }
        }
    }
    if (!at || !after || !differ)
        fail_msg("tests/data/agg_known.h has no checkpoint on both sides of "
                 "SPECSIM_EXACT_QUANTILES_MAX = %d where exact and P-square "
                 "quantiles differ; add one to tests/agg_known.py",
                 (int)EXACT_MAX);
}

/* Nothing added: a count of 0 and NaN for everything else. */
static void empty_is_nan(void **state)
{
    (void)state;
    agg *a = agg_two_policies();
    assert_non_null(a);
    assert_int_equal(agg_count(a), 0);
    assert_near(agg_scalar(a, 1, M_COST_TOTAL, ST_N), 0, 0);
    for (int st = ST_MEAN; st < ST_COUNT; st++)
        assert_true(isnan(agg_scalar(a, 1, M_COST_TOTAL, (agg_stat)st)));
    agg_free(a);
}

/* A metric that is itself a difference from baseline (delay_months) has
 * no paired difference; every accessor reads the statistics of its own
 * slot. Slot s of every family gets the values x + 1000 s, so a slot read
 * in place of another shows. */
static void every_family_has_its_own_slot(void **state)
{
    (void)state;
    agg *a = agg_two_policies();
    assert_non_null(a);
    rep_record *r = malloc(sizeof *r);
    assert_non_null(r);
    record_absent(r);
    const double x[] = {2.385, -1.25, 7.5, 0.125, 3.0};
    for (long i = 0; i < 5; i++) {
        r->rep = i;
        for (int p = 0; p < 2; p++) {
            double v = x[i] + 10.0 * p;
            for (int m = 0; m < M_SCALAR_COUNT; m++) r->scalar[p][m] = v + 1000 * m;
            for (int m = 0; m < M_YEARLY_COUNT; m++) r->yearly[p][m][0] = v - 1000 * m;
            for (int m = 0; m < M_OPERATOR_COUNT; m++) r->oper[p][0][m] = v + 1e5 * m;
            for (int m = 0; m < M_BAND_COUNT; m++) r->band[p][0][m] = v - 1e5 * m;
            r->lots_won[p][0][0] = v + 5e6;
            for (int m = 0; m < M_KEYED_COUNT; m++) r->keyed[p][m][0] = v + 1e7 * m;
            for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++)
                r->keyed_yearly[p][m][0][0] = v - 1e7 * m;
        }
        agg_add(a, r);
    }
    double mean = (2.385 - 1.25 + 7.5 + 0.125 + 3.0) / 5;
    for (int p = 0; p < 2; p++) {
        double v = mean + 10.0 * p;
        for (int m = 0; m < M_SCALAR_COUNT; m++)
            assert_close(agg_scalar(a, p, m, ST_MEAN), v + 1000 * m, 1e-12);
        for (int m = 0; m < M_YEARLY_COUNT; m++)
            assert_close(agg_yearly(a, p, m, 0, ST_MEAN), v - 1000 * m, 1e-12);
        for (int m = 0; m < M_OPERATOR_COUNT; m++)
            assert_close(agg_operator(a, p, 0, m, ST_MEAN), v + 1e5 * m, 1e-12);
        for (int m = 0; m < M_BAND_COUNT; m++)
            assert_close(agg_band(a, p, 0, m, ST_MEAN), v - 1e5 * m, 1e-12);
        assert_close(agg_lots_won(a, p, 0, 0, ST_MEAN), v + 5e6, 1e-12);
        for (int m = 0; m < M_KEYED_COUNT; m++)
            assert_close(agg_keyed(a, p, m, 0, ST_MEAN), v + 1e7 * m, 1e-12);
        for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++)
            assert_close(agg_keyed_yearly(a, p, m, 0, 0, ST_MEAN), v - 1e7 * m,
                         1e-12);
    }
    /* the paired difference is 10 in every replication, except for a
     * metric that is already a difference */
    assert_close(agg_scalar(a, 1, M_COST_TOTAL, ST_D_MEAN), 10.0, 1e-12);
    assert_close(agg_scalar(a, 1, M_COST_TOTAL, ST_D_P05), 10.0, 1e-12);
    assert_close(agg_yearly(a, 1, MY_RISK, 0, ST_D_P95), 10.0, 1e-12);
    assert_true(isnan(agg_scalar(a, 1, M_DELAY_MONTHS, ST_D_MEAN)));
    assert_close(agg_scalar(a, 1, M_DELAY_MONTHS, ST_N), 5, 0);
    free(r);
    agg_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_answers),
        cmocka_unit_test(fixture_straddles_switch),
        cmocka_unit_test(empty_is_nan),
        cmocka_unit_test(every_family_has_its_own_slot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
