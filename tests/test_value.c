/* test_value.c — the `network` value model on a case solved by hand. */
#include <math.h>
#include <string.h>

#include "testutil.h"

#include "value.h"

/* One region, one band of 10 MHz lots, 1,000 users at 1 Mbit/s, 10 km² of
 * 5 km² cells (2 coverage sites), 6 Mbit/s per MHz and site, 10 existing
 * sites, two years, no discounting. */
static value_operator tiny(void)
{
    value_operator o;
    memset(&o, 0, sizeof o);
    o.nregions = 1; o.nbands = 1; o.nyears = 2;
    o.margin_user_year = 1.0;
    o.mhz_per_lot[0] = 10; o.freq_mhz[0] = 700;
    o.users[0] = 1000; o.area_km2[0] = 10; o.demand_mbps[0] = 1;
    o.cell_km2[0][0] = 5; o.mbps_per_mhz[0][0] = 6;
    o.sites_existing[0] = 10;
    o.cost_upgrade = 2; o.cost_new = 5; o.cost_site_year = 0.5;
    o.budget_year = 1000;
    return o;
}

static void no_spectrum_no_value(void **state)
{
    (void)state;
    value_operator o = tiny();
    double h[1] = {0};
    assert_close(value_network_npv(&o, h), 0.0, 0);
}

/* One lot: 1000/60 = 16.67 capacity sites: 10 upgrades (20) + 6.67 new
 * (33.33); margin 2 x 1000; opex 2 x 0.5 x 16.67. Two lots: 8.33 sites,
 * all upgrades. The second lot is worth the sites it saves. */
static void package_values_by_hand(void **state)
{
    (void)state;
    value_operator o = tiny();
    int one[1] = {1}, two[1] = {2};
    double n1 = 1000.0 / 60, n2 = 1000.0 / 120;
    double v1 = 2000 - n1 - (20 + (n1 - 10) * 5);
    double v2 = 2000 - n2 - 2 * n2;
    assert_close(value_package(&o, one), v1, 1e-12);
    assert_close(value_package(&o, two), v2, 1e-12);
    assert_true(value_package(&o, two) > value_package(&o, one));
}

/* A tight budget spreads the build over 2.67 years: coverage 0.375 then
 * 0.75 of users, capex paid 0.375 a year. */
static void slow_budget_ramps(void **state)
{
    (void)state;
    value_operator o = tiny();
    o.budget_year = 20;
    int one[1] = {1};
    double n1 = 1000.0 / 60, capex = 20 + (n1 - 10) * 5;
    double years = capex / 20;
    double b0 = 1 / years, b1 = 2 / years;
    double want = 1000 * (b0 + b1) - 0.5 * n1 * (b0 + b1) - capex * b1;
    assert_close(value_package(&o, one), want, 1e-12);
}

/* Forced swaps compete for the budget: a policy that forces them lowers
 * every package's value when the budget binds. */
static void forced_swaps_lower_value(void **state)
{
    (void)state;
    value_operator o = tiny();
    o.budget_year = 20;
    int one[1] = {1};
    double before = value_package(&o, one);
    o.swap_forced = 30;
    assert_true(value_package(&o, one) < before);
    o.cost_upgrade = 4;
    double dearer = value_package(&o, one);
    o.swap_forced = 0;
    o.cost_upgrade = 2;
    assert_true(dearer < before);
}

static void fill_row_scales(void **state)
{
    (void)state;
    value_operator o = tiny();
    auction_values *v = auction_values_alloc(1, 16);
    assert_non_null(v);
    auction_input in;
    auction_input_init(&in, 1, 1);
    in.lots[0] = 3;
    in.rounds_max = 10;
    in.increment_abs = 1;
    err_t e;
    if (auction_values_shape(v, &in, &e) != ERR_OK) fail_msg("%s", e.msg);
    value_fill_row(&o, 1.5, v, 0);
    const double *row = auction_values_row(v, 0);
    int q[1] = {2};
    assert_close(row[0], 0.0, 0);
    assert_close(row[auction_grid_index(&v->grid, q)],
                 1.5 * value_package(&o, q), 1e-12);
    auction_values_free(v);
}

/* The quality premium, by hand. Coverage-bound case: 1,000 users at
 * 0.01 Mbit/s need 1000 x 0.01 / (6 x 10) = 1/6 capacity site per lot held,
 * while coverage needs 2 sites: headroom 12 with one lot, 24 with two.
 * With q = 2.385 per doubling, the second lot adds exactly q per user and
 * year (one doubling) on top of what it adds without the premium (nothing:
 * the site count is set by coverage). */
static void quality_premium_by_hand(void **state)
{
    (void)state;
    value_operator o = tiny();
    o.demand_mbps[0] = 0.01;
    int one[1] = {1}, two[1] = {2};
    double plain1 = value_package(&o, one), plain2 = value_package(&o, two);
    assert_close(plain2, plain1, 1e-12);   /* coverage-bound: no saving */
    o.quality_user_year = 2.385;
    double q1 = value_package(&o, one), q2 = value_package(&o, two);
    /* Two years of 1,000 users fully built (budget ample). */
    assert_close(q1 - plain1, 2 * 1000 * 2.385 * log2(12.0), 1e-12);
    assert_close(q2 - q1, 2 * 1000 * 2.385 * 1.0, 1e-12);
}

/* Capacity-bound regions carry no premium; the mean is user-weighted. */
static void headroom_weighting(void **state)
{
    (void)state;
    double users[3] = {300, 100, 0}, sites[3] = {8, 5, 4},
           cap[3] = {2, 5, 1};
    /* (300 x log2 4 + 100 x 0) / 400; the region without users is skipped. */
    assert_close(value_headroom_log2(3, users, sites, cap), 1.5, 1e-15);
    double nousers[2] = {0, 0};
    assert_close(value_headroom_log2(2, nousers, sites, cap), 0.0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_spectrum_no_value),
        cmocka_unit_test(package_values_by_hand),
        cmocka_unit_test(slow_budget_ramps),
        cmocka_unit_test(forced_swaps_lower_value),
        cmocka_unit_test(fill_row_scales),
        cmocka_unit_test(quality_premium_by_hand),
        cmocka_unit_test(headroom_weighting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
