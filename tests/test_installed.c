/* test_installed.c — installed-base shares given as distributions and as
 * `rest`: what the loader stores and registers as uncertain inputs, every
 * error it raises about them, and what a replication draws.
 *
 * DESIGN — every test fills the installed_base of one operator in BASE
 * (line numbers on the right) with its own map, so error positions are on
 * line 16 from column 21. The replication tests draw through the run's own
 * path: draw_params, then instance_build, whose legacy site counts are
 * sites x share.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "instance.h"
#include "rng.h"
#include "scn.h"
#include "testutil.h"

static const char BASE[] =
    "horizon: {first_year: 2021, last_year: 2025}\n"                 /* 1 */
    "market: {margin_eur_user_year: 15, site_opex_eur_year: 16000, "
    "swap_eur_site: {dist: uniform, min: 2.5e4, max: 4.5e4}}\n"      /* 2 */
    "regions:\n"                                                     /* 3 */
    "  - {name: city, geotype: urban, population: 1.0e6, area_km2: 100, "
    "demand_mbps: 0.1}\n"                                            /* 4 */
    "  - {name: country, geotype: rural, population: 5.0e5, area_km2: 9000, "
    "demand_mbps: 0.05}\n"                                           /* 5 */
    "bands:\n"                                                       /* 6 */
    "  - {name: b3600, freq_mhz: 3600, mhz_per_lot: 10, "
    "range_km: {urban: 0.5, suburban: 1.0, rural: 2.5}, "
    "efficiency: {urban: 7.8, suburban: 5.5, rural: 3.3}}\n"         /* 7 */
    "vendors:\n"                                                     /* 8 */
    "  - {name: nordic, ran_new_eur: 1.0e5, ran_upgrade_eur: 5.0e4, "
    "core_eur: 6.0e7, capacity_sites_year: 4000}\n"                  /* 9 */
    "  - {name: eastern, high_risk: true, risk_score: 0.8, ran_new_eur: "
    "7.5e4, ran_upgrade_eur: 4.2e4, core_eur: 4.5e7, "
    "capacity_sites_year: 6000}\n"                                   /* 10 */
    "  - {name: western, ran_new_eur: 9.0e4, ran_upgrade_eur: 4.8e4, "
    "core_eur: 5.0e7, capacity_sites_year: 3000}\n"                  /* 11 */
    "operators:\n"                                                   /* 12 */
    "  - name: op1\n"                                                /* 13 */
    "    subscriber_share: 0.6\n"                                    /* 14 */
    "    sites: {city: 300, country: {dist: uniform, min: 150, max: 250}}\n"
                                                                     /* 15 */
    "    installed_base: SHARES\n"                                   /* 16 */
    "    core_vendor: nordic\n"                                      /* 17 */
    "    capex_budget_eur_year: 1.0e8\n"                             /* 18 */
    "policies:\n"                                                    /* 19 */
    "  - name: ban\n"                                                /* 20 */
    "    instruments:\n"                                             /* 21 */
    "      - exclude: {vendors: high_risk, from_year: 2022, "
    "removal_year: 2024}\n";                                         /* 22 */

enum { NORDIC = 0, EASTERN = 1, WESTERN = 2, CITY = 0, COUNTRY = 1 };

/* BASE with `shares` as the installed base and `tail` appended (static
 * buffer). */
static const char *with_shares(const char *shares, const char *tail)
{
    static char buf[8192];
    const char *at = strstr(BASE, "SHARES");
    snprintf(buf, sizeof buf, "%.*s%s%s%s", (int)(at - BASE), BASE, shares,
             at + strlen("SHARES"), tail);
    return buf;
}

/* Loading BASE with `shares` fails with a message starting with `prefix`
 * and containing `w` (may be NULL). */
static void shares_error(const char *shares, const char *prefix,
                        const char *w)
{
    expect_error(with_shares(shares, ""), prefix, w, NULL);
}

static double share(const scn *s, int r, int v)
{
    return scn_installed_share(s, 0, r, v, NULL);
}

/* ---- loading ---- */

/* One map for every region: one uncertain input, shared by both regions;
 * `rest` takes 1 minus its mean; the input can be correlated by path. */
static void test_national_distribution(void **state)
{
    (void)state;
    scn *s = load_ok(with_shares(
        "{eastern: {dist: pert, min: 0.45, mode: 0.55, max: 0.6}, "
        "nordic: rest}",
        "correlations:\n"
        "  - {a: \"operators[0].installed_base.eastern\", "
        "b: \"market.swap_eur_site\", rho: 0.35}\n"));
    assert_int_equal(s->nparams, 3);
    assert_string_equal(s->params[0].path, "market.swap_eur_site");
    assert_string_equal(s->params[1].path, "operators[0].sites.country");
    assert_string_equal(s->params[2].path,
                        "operators[0].installed_base.eastern");
    assert_int_equal(s->params[2].line, 16);
    assert_int_equal(s->params[2].column, 31);
    assert_ptr_equal(s->params[2].dist.type, &dist_pert);
    const scn_operator *op = &s->operators[0];
    assert_int_equal(op->installed_base[CITY][EASTERN].param, 2);
    assert_int_equal(op->installed_base[COUNTRY][EASTERN].param, 2);
    assert_int_equal(op->installed_rest[CITY], NORDIC);
    assert_int_equal(op->installed_rest[COUNTRY], NORDIC);
    /* PERT mean (min + 4 mode + max) / 6 = 3.25 / 6. */
    for (int r = 0; r < 2; r++) {
        assert_close(share(s, r, EASTERN), 3.25 / 6, 1e-14);
        assert_close(share(s, r, NORDIC), 2.75 / 6, 1e-14);
        assert_close(share(s, r, WESTERN), 0, 1e-14);
    }
    assert_close(op->installed_base[CITY][NORDIC].value, 2.75 / 6, 1e-14);
    assert_int_equal(s->ncorrelations, 1);
    assert_int_equal(s->correlations[0].a, 2);
    assert_int_equal(s->correlations[0].b, 0);
    scn_free(s);
}

/* One map per region: inputs in region order, then vendor order; fixed
 * shares with rest in one region, a distribution, a fixed share and rest
 * in the other. */
static void test_regional_distribution_and_rest(void **state)
{
    (void)state;
    scn *s = load_ok(with_shares(
        "{country: {western: 0.185, eastern: {dist: triangular, min: 0.3, "
        "mode: 0.5, max: 0.6}, nordic: rest}, "
        "city: {eastern: {dist: uniform, min: 0.215, max: 0.385}, "
        "western: rest}}",
        ""));
    assert_int_equal(s->nparams, 4);
    assert_string_equal(s->params[2].path,
                        "operators[0].installed_base.city.eastern");
    assert_string_equal(s->params[3].path,
                        "operators[0].installed_base.country.eastern");
    assert_int_equal(s->operators[0].installed_rest[CITY], WESTERN);
    assert_int_equal(s->operators[0].installed_rest[COUNTRY], NORDIC);
    assert_close(share(s, CITY, EASTERN), 0.3, 1e-14);
    assert_close(share(s, CITY, WESTERN), 0.7, 1e-14);
    assert_close(share(s, CITY, NORDIC), 0, 1e-14);
    assert_close(share(s, COUNTRY, EASTERN), 1.4 / 3, 1e-14);
    assert_close(share(s, COUNTRY, WESTERN), 0.185, 1e-14);
    assert_close(share(s, COUNTRY, NORDIC), 1 - 0.185 - 1.4 / 3, 1e-14);
    scn_free(s);
}

/* Fixed shares may leave the remainder to rest; distributions whose
 * support fits in [0, 1] (bounded, or truncated) are accepted, and upper
 * bounds summing to exactly 1 leave rest at 0 at worst. */
static void test_fixed_rest_and_bounded_types(void **state)
{
    (void)state;
    scn *s = load_ok(with_shares("{eastern: 0.385, western: rest}", ""));
    assert_int_equal(s->nparams, 2);
    assert_close(share(s, COUNTRY, WESTERN), 0.615, 1e-14);
    assert_close(share(s, CITY, EASTERN), 0.385, 1e-14);
    scn_free(s);
    s = load_ok(with_shares("{eastern: {dist: normal, mean: 0.5, sd: 0.1, "
                            "lo: 0.3, hi: 0.7}, western: 0.3, nordic: rest}",
                            ""));
    assert_int_equal(s->nparams, 3);
    assert_close(share(s, CITY, EASTERN), 0.5, 1e-12);
    assert_close(share(s, CITY, NORDIC), 0.2, 1e-12);
    scn_free(s);
    s = load_ok(with_shares("{eastern: {dist: beta, a: 2.5, b: 4}, "
                            "nordic: rest}", ""));
    assert_close(share(s, CITY, NORDIC), 1 - 2.5 / 6.5, 1e-12);
    scn_free(s);
    s = load_ok(with_shares("{eastern: {dist: lognormal, meanlog: -1, "
                            "sdlog: 0.3, hi: 0.9}, nordic: rest}", ""));
    assert_int_equal(s->nparams, 3);
    scn_free(s);
}

/* ---- errors ---- */

static void test_err_uncertain_without_rest(void **state)
{
    (void)state;
    shares_error("{eastern: {dist: uniform, min: 0.4, max: 0.6}, "
                 "nordic: 0.5}",
                 "t.yaml:16:21: operators[0].installed_base: no vendor given "
                 "as rest: expected one vendor given as rest",
                 "uncertain shares need one vendor given as rest");
    shares_error("{city: {eastern: 1}, country: {eastern: {dist: uniform, "
                 "min: 0.4, max: 0.6}, nordic: 0.5}}",
                 "t.yaml:16:51: operators[0].installed_base.country: no "
                 "vendor given as rest",
                 "uncertain shares need one vendor given as rest");
}

static void test_err_two_rests(void **state)
{
    (void)state;
    shares_error("{eastern: rest, western: rest, nordic: 0.4}",
                 "t.yaml:16:46: operators[0].installed_base.western: "
                 "\"rest\": expected at most one vendor given as rest",
                 "eastern is rest too");
}

static void test_err_bounds_over_one(void **state)
{
    (void)state;
    shares_error("{eastern: {dist: pert, min: 0.4, mode: 0.6, max: 0.75}, "
                 "western: 0.3, nordic: rest}",
                 "t.yaml:16:21: operators[0].installed_base: upper bounds of "
                 "the shares other than rest sum to 1.05: expected upper "
                 "bounds summing to at most 1",
                 "nordic, given as rest, is never negative");
    shares_error("{eastern: {dist: uniform, min: 0.1, max: 0.55}, "
                 "western: {dist: triangular, min: 0.3, mode: 0.4, "
                 "max: 0.5}, nordic: rest}",
                 "t.yaml:16:21: operators[0].installed_base: upper bounds of "
                 "the shares other than rest sum to 1.05",
                 NULL);
}

static void test_err_unbounded_distribution(void **state)
{
    (void)state;
    shares_error("{eastern: {dist: normal, mean: 0.5, sd: 0.1}, nordic: rest}",
                 "t.yaml:16:31: operators[0].installed_base.eastern: "
                 "{dist: normal, mean: 0.5, sd: 0.1}: expected a share in "
                 "[0, 1]; this normal distribution ranges over (-inf, inf)",
                 "truncate it with lo and hi");
    shares_error("{eastern: {dist: lognormal, meanlog: -1, sdlog: 0.3}, "
                 "nordic: rest}",
                 "t.yaml:16:31: operators[0].installed_base.eastern:",
                 "ranges over (0, inf)");
    shares_error("{eastern: {dist: uniform, min: 0.5, max: 1.2}, "
                 "nordic: rest}",
                 "t.yaml:16:31: operators[0].installed_base.eastern:",
                 "keep its min and max inside the range");
}

static void test_err_fixed_rest_negative(void **state)
{
    (void)state;
    shares_error("{eastern: 0.7, western: 0.4, nordic: rest}",
                 "t.yaml:16:21: operators[0].installed_base: shares other "
                 "than rest sum to 1.1: expected shares summing to at most 1",
                 "nordic, given as rest");
    shares_error("{eastern: rests, nordic: 0.4}",
                 "t.yaml:16:31: operators[0].installed_base.eastern: "
                 "\"rests\": expected a share in [0, 1], a distribution map, "
                 "or rest",
                 NULL);
}

/* ---- replications ---- */

#define SEED UINT64_C(20200714)
#define REPS 64

/* Over REPS replications: in each region the legacy sites of every vendor
 * add up to the region's sites (the shares sum to 1), each drawn share
 * stays in its distribution's support, and the drawn shares vary. */
static void test_drawn_shares_sum_to_one(void **state)
{
    (void)state;
    scn *s = load_ok(with_shares(
        "{city: {eastern: {dist: pert, min: 0.45, mode: 0.55, max: 0.6}, "
        "western: 0.1, nordic: rest}, "
        "country: {eastern: {dist: uniform, min: 0.2, max: 0.7}, "
        "nordic: rest}}",
        ""));
    err_t e;
    draw_ctx *c = draw_ctx_alloc(s, &e);
    rng *g = rng_alloc();
    deploy_problem *p = malloc(sizeof *p);
    assert_true(c != NULL && g != NULL && p != NULL);
    instance_spectrum sp;
    instance_spectrum_from_scenario(s, &sp);
    double draws[8], work[16];
    double lo[2] = {1, 1}, hi[2] = {0, 0};
    const double lim[2][2] = {{0.45, 0.6}, {0.2, 0.7}};
    for (uint64_t rep = 0; rep < REPS; rep++) {
        draw_params(c, g, SEED, rep, draws, work);
        instance_build(s, draws, 0, &sp, p);
        for (int r = 0; r < 2; r++) {
            double sites = scn_num_value(s->operators[0].sites[r], draws);
            double sum = 0;
            for (int v = 0; v < 3; v++) sum += p->legacy[0][r][v];
            assert_close(sum, sites, 1e-12);
            double x = p->legacy[0][r][EASTERN] / sites;
            assert_close(x, scn_installed_share(s, 0, r, EASTERN, draws),
                         1e-12);
            assert_true(x >= lim[r][0] && x <= lim[r][1]);
            lo[r] = fmin(lo[r], x);
            hi[r] = fmax(hi[r], x);
        }
        assert_close(scn_installed_share(s, 0, CITY, WESTERN, draws), 0.1,
                     1e-15);
        assert_close(scn_installed_share(s, 0, CITY, NORDIC, draws),
                     0.9 - draws[2], 1e-12);
    }
    /* 64 draws cover most of each range. */
    assert_true(hi[0] - lo[0] > 0.05);
    assert_true(hi[1] - lo[1] > 0.3);
    free(p);
    rng_free(g);
    draw_ctx_free(c);
    scn_free(s);
}

/* A map for every region is one input: both regions get the same draw in
 * a replication, and the same replication draws the same share again. */
static void test_national_share_one_draw(void **state)
{
    (void)state;
    scn *s = load_ok(with_shares(
        "{eastern: {dist: triangular, min: 0.25, mode: 0.4, max: 0.65}, "
        "western: rest}",
        ""));
    err_t e;
    draw_ctx *c = draw_ctx_alloc(s, &e);
    rng *g = rng_alloc();
    assert_true(c != NULL && g != NULL);
    double d[8], again[8], work[16], first = -1;
    bool varies = false;
    for (uint64_t rep = 0; rep < 16; rep++) {
        draw_params(c, g, SEED, rep, d, work);
        double city = scn_installed_share(s, 0, CITY, EASTERN, d);
        assert_true(city == scn_installed_share(s, 0, COUNTRY, EASTERN, d));
        assert_close(city + scn_installed_share(s, 0, CITY, WESTERN, d), 1,
                     1e-15);
        draw_params(c, g, SEED, rep, again, work);
        assert_true(city == scn_installed_share(s, 0, CITY, EASTERN, again));
        if (rep == 0) first = city;
        varies = varies || city != first;
    }
    assert_true(varies);
    rng_free(g);
    draw_ctx_free(c);
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_distribution),
        cmocka_unit_test(test_regional_distribution_and_rest),
        cmocka_unit_test(test_fixed_rest_and_bounded_types),
        cmocka_unit_test(test_err_uncertain_without_rest),
        cmocka_unit_test(test_err_two_rests),
        cmocka_unit_test(test_err_bounds_over_one),
        cmocka_unit_test(test_err_unbounded_distribution),
        cmocka_unit_test(test_err_fixed_rest_negative),
        cmocka_unit_test(test_drawn_shares_sum_to_one),
        cmocka_unit_test(test_national_share_one_draw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
