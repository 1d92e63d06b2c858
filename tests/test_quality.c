/* test_quality.c — the quality premium (market.quality_eur_user_year):
 * its value in the rollout program, worked out by hand on the small test
 * scenario, and how it enters the operators' margin. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "draw.h"
#include "instance.h"

#define QUALITY 4.25

/* tests/data/small.yaml with a fixed quality premium added to its market. */
static scn *load_small(double quality)
{
    char line[128];
    snprintf(line, sizeof line, "market:\n  quality_eur_user_year: %.17g\n",
             quality);
    char *text = test_replace(test_read_file("tests/data/small.yaml"),
                              "market:\n", line);
    scn *s = load_ok(text);
    free(text);
    return s;
}

static void build_mean(const scn *s, deploy_problem *p)
{
    double *draws = calloc((size_t)s->nparams + 1, sizeof *draws);
    assert_non_null(draws);
    draw_params_mean(s, draws);
    instance_spectrum sp;
    instance_spectrum_from_scenario(s, &sp);
    instance_build(s, draws, 0, &sp, p);
    free(draws);
}

/* Operator alpha (55 % of users; 10 MHz at 700 MHz, 100 MHz at 3.6 GHz).
 * Design demand after four years of 15 % growth: d (1.15)^4.
 * City: capacity sites 1.1e6 x 0.1 x 1.15^4 / (3 (10 x 2.0 + 100 x 7.8))
 * = 80.16 exceed the 800 / (1.5 sqrt3 2^2) = 76.98 coverage sites, so
 * capacity sets the count: no headroom. Country: capacity sites
 * 0.55e6 x 0.05 x 1.15^4 / (3 (10 x 1.3 + 100 x 3.3)) = 46.74 against
 * 20000 / (1.5 sqrt3 8^2) = 120.28 coverage sites: log2(120.28 / 46.74)
 * doublings for a third of alpha's users. */
static void premium_by_hand(void **state)
{
    (void)state;
    scn *s = load_small(QUALITY);
    deploy_problem *p = malloc(sizeof *p);
    assert_non_null(p);
    build_mean(s, p);
    double g4 = pow(1.15, 4);
    double cap_city = 1.1e6 * 0.1 * g4 / (3 * (10 * 2.0 + 100 * 7.8));
    double cov_city = 800 / (1.5 * sqrt(3.0) * 4);
    assert_true(cap_city > cov_city);
    double cap_country = 0.55e6 * 0.05 * g4 / (3 * (10 * 1.3 + 100 * 3.3));
    double cov_country = 20000 / (1.5 * sqrt(3.0) * 64);
    double want = QUALITY * (0.55e6 * log2(cov_country / cap_country)) /
                  (1.1e6 + 0.55e6);
    assert_close(p->quality_user_year[0], want, 1e-12);
    assert_true(p->quality_user_year[0] > 1.9 && want < 2.0);
    free(p);
    scn_free(s);
}

/* Without the field there is no premium; the premium scales linearly. */
static void premium_default_and_scale(void **state)
{
    (void)state;
    scn *s0 = load_small(0.0), *s1 = load_small(QUALITY),
        *s2 = load_small(2 * QUALITY);
    deploy_problem *p = malloc(3 * sizeof *p);
    assert_non_null(p);
    build_mean(s0, &p[0]);
    build_mean(s1, &p[1]);
    build_mean(s2, &p[2]);
    for (int o = 0; o < s0->noperators; o++) {
        assert_close(p[0].quality_user_year[o], 0.0, 0);
        assert_true(p[1].quality_user_year[o] > 0);
        assert_close(p[2].quality_user_year[o], 2 * p[1].quality_user_year[o],
                     1e-12);
    }
    free(p);
    scn_free(s0);
    scn_free(s1);
    scn_free(s2);
}

/* The reported margin is the premium-inclusive margin on the plan's
 * coverage, and the premium makes the operators' optimum no worse. */
static void margin_includes_premium(void **state)
{
    (void)state;
    scn *s0 = load_small(0.0), *s1 = load_small(QUALITY);
    deploy_problem *p = malloc(2 * sizeof *p);
    deploy_result *res = malloc(2 * sizeof *res);
    assert_non_null(p);
    assert_non_null(res);
    build_mean(s0, &p[0]);
    build_mean(s1, &p[1]);
    err_t e;
    for (int k = 0; k < 2; k++) {
        err_clear(&e);
        assert_int_equal(deploy_solve(&p[k], &res[k], &e), ERR_OK);
    }
    const deploy_problem *q = &p[1];
    for (int o = 0; o < q->noperators; o++) {
        double margin = 0;
        for (int t = 0; t < q->nyears; t++)
            for (int r = 0; r < q->nregions; r++)
                margin += pow(1 + q->discount_rate, -(double)t) *
                          (q->margin_user_year + q->quality_user_year[o]) *
                          q->users[o][r] * res[1].coverage[o][r][t];
        assert_close(res[1].npv[o].margin, margin, 1e-9);
    }
    assert_true(res[1].objective >= res[0].objective);
    free(res);
    free(p);
    scn_free(s0);
    scn_free(s1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(premium_by_hand),
        cmocka_unit_test(premium_default_and_scale),
        cmocka_unit_test(margin_includes_premium),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
