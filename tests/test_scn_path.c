/* test_scn_path.c — setting scenario fields by path: good paths of every
 * section, names instead of indices, integer fields, range and cross-field
 * errors, unknown paths listing what is allowed, installed-base shares
 * balanced by a rest vendor, a management rule's deadline, and that the
 * table of uncertain inputs is never touched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "scn_path.h"

#define SMALL "tests/data/small.yaml"

static scn *load(void)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load(SMALL, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
    return s;
}

static double get(const scn *s, const char *path)
{
    double v = NAN;
    err_t e;
    if (scn_path_get(s, path, &v, NULL, &e) != ERR_OK) fail_msg("%s", e.msg);
    return v;
}

static void set_ok(scn *s, const char *path, double v)
{
    err_t e;
    err_clear(&e);
    if (scn_path_set(s, path, v, &e) != ERR_OK) fail_msg("%s", e.msg);
}

/* Setting fails with a message containing every needle, and leaves the
 * scenario byte for byte as it was. */
static void set_bad(scn *s, const char *path, double v, const char *n1,
                    const char *n2)
{
    scn *before = malloc(sizeof *before);
    memcpy(before, s, sizeof *s);
    err_t e;
    err_clear(&e);
    assert_int_equal(scn_path_set(s, path, v, &e), ERR_USAGE);
    assert_contains(e.msg, path);
    assert_contains(e.msg, n1);
    if (n2) assert_contains(e.msg, n2);
    assert_memory_equal(before, s, sizeof *s);
    free(before);
}

static void sections(void **state)
{
    (void)state;
    scn *s = load();
    set_ok(s, "horizon.discount_rate", 0.0615);
    assert_close(get(s, "horizon.discount_rate"), 0.0615, 1e-15);
    set_ok(s, "market.site_opex_eur_year", 16385.5);
    assert_close(s->market.site_opex_eur_year.value, 16385.5, 1e-15);
    set_ok(s, "run.coverage_target", 0.875);
    assert_close(s->run.coverage_target, 0.875, 1e-15);
    set_ok(s, "regions[1].population", 1.2345e6);
    assert_close(s->regions[1].population.value, 1.2345e6, 1e-15);
    set_ok(s, "bands[b3600].range_km.rural", 2.385);
    assert_close(s->bands[1].range_km[GEO_RURAL].value, 2.385, 1e-15);
    set_ok(s, "bands[0].efficiency.urban", 2.25);
    assert_close(s->bands[0].efficiency[GEO_URBAN].value, 2.25, 1e-15);
    set_ok(s, "vendors[huawei].capacity_sites_year", 1234.5);
    assert_close(s->vendors[2].capacity_sites_year.value, 1234.5, 1e-15);
    set_ok(s, "operators[beta].sites.country", 650);
    assert_close(s->operators[1].sites[1].value, 650, 1e-15);
    set_ok(s, "operators[0].holdings_mhz.b3600", 120);
    assert_close(s->operators[0].holdings_mhz[1], 120, 1e-15);
    set_ok(s, "operators[0].obligation.share", 0.75);
    assert_close(s->operators[0].obligation_share, 0.75, 1e-15);
    scn_free(s);
}

static void policies_by_index_and_name(void **state)
{
    (void)state;
    scn *s = load();
    int cap = scn_policy_find(s, "cap35"), ban = scn_policy_find(s, "ban");
    set_ok(s, "policies[2].instruments[0].share_max", 0.215);
    assert_close(s->policies[cap].instruments[0].share_max.value, 0.215, 1e-15);
    set_ok(s, "policies[cap35].instruments[0].share_max", 0.4);
    assert_close(s->policies[cap].instruments[0].share_max.value, 0.4, 1e-15);
    set_ok(s, "policies[ban].instruments[0].removal_year", 2025);
    assert_int_equal(s->policies[ban].instruments[0].removal_year, 2025);
    set_ok(s, "policies[mitigation].instruments[0].risk_reduction", 0.45);
    scn_free(s);
}

/* A field given as a distribution becomes fixed; the table of uncertain
 * inputs keeps every entry, so every other input keeps its place in the
 * draw order (common random numbers). */
static void uncertain_becomes_fixed(void **state)
{
    (void)state;
    scn *s = load();
    bool unc = false;
    double v;
    err_t e;
    assert_int_equal(scn_path_get(s, "market.swap_eur_site", &v, &unc, &e),
                     ERR_OK);
    assert_true(unc);
    int nparams = s->nparams;
    scn_param params[SPECSIM_PARAMS_MAX];
    memcpy(params, s->params, sizeof params);
    int disc = s->discount_rate.param;
    set_ok(s, "market.swap_eur_site", 41000);
    assert_int_equal(s->market.swap_eur_site.param, -1);
    assert_close(s->market.swap_eur_site.value, 41000, 1e-15);
    assert_int_equal(s->nparams, nparams);
    assert_memory_equal(params, s->params, sizeof params);
    assert_int_equal(s->discount_rate.param, disc);
    assert_int_equal(scn_path_get(s, "market.swap_eur_site", &v, &unc, &e),
                     ERR_OK);
    assert_false(unc);
    scn_free(s);
}

static void integer_fields(void **state)
{
    (void)state;
    scn *s = load();
    set_ok(s, "vendors[1].available_year", 2023);
    assert_int_equal(s->vendors[1].available_year, 2023);
    set_ok(s, "run.mip_node_limit", 5000);
    assert_int_equal(s->run.mip_node_limit, 5000);
    set_ok(s, "operators[0].vendors_per_region_max", 3);
    set_bad(s, "vendors[1].available_year", 2023.5, "a whole number", NULL);
    set_bad(s, "run.mip_node_limit", 0, "an integer in [1, 1e7]", NULL);
    set_bad(s, "operators[0].vendors_per_region_max", 4, "[1, 3]", NULL);
    set_bad(s, "policies[ban].instruments[0].from_year", 2026,
            "a year in [2021, 2025]", NULL);
    /* removal before the purchase stop */
    set_bad(s, "policies[ban].instruments[0].removal_year", 2020, "[2021, 2025]",
            NULL);
    set_ok(s, "policies[ban].instruments[0].removal_year", 2022);
    set_bad(s, "policies[ban].instruments[0].from_year", 2023,
            "at most the instrument's removal_year 2022", NULL);
    scn_free(s);
}

/* A management-scope exclusion has only its deadline: from_year is not a
 * field to set, and removal_year may move anywhere in the horizon. The
 * vendors' management_swap_eur is settable like any cost. */
static void management_paths(void **state)
{
    (void)state;
    scn *s = load();
    int ban = scn_policy_find(s, "ban");
    scn_instrument *in = &s->policies[ban].instruments[0];
    in->scope = SCOPE_MANAGEMENT; /* as the loader stores one */
    in->removal_year = in->from_year = 2024;
    set_bad(s, "policies[ban].instruments[0].from_year", 2024,
            "expected removal_year", "no purchase stop");
    set_ok(s, "policies[ban].instruments[0].removal_year", 2022);
    assert_int_equal(in->removal_year, 2022);
    set_bad(s, "policies[ban].instruments[0].removal_year", 2026,
            "a year in [2021, 2025]", NULL);
    set_ok(s, "vendors[huawei].management_swap_eur", 3.25e7);
    assert_close(get(s, "vendors[huawei].management_swap_eur"), 3.25e7,
                 1e-15);
    set_bad(s, "vendors[huawei].management_swap_eur", -5, "[0, 1e11]", NULL);
    scn_free(s);
}

static void range_errors(void **state)
{
    (void)state;
    scn *s = load();
    set_bad(s, "policies[2].instruments[0].share_max", 1.5,
            "expected a share in [0, 1]", NULL);
    set_bad(s, "market.swap_eur_site", -1, "a number in [0, 1e7]", NULL);
    set_bad(s, "regions[0].population", 0, "[1, 1e10]", NULL);
    set_bad(s, "horizon.discount_rate", NAN, "a rate in [0, 0.5]", NULL);
    set_bad(s, "policies[cap35].instruments[1].removal_year", 2030,
            "[2021, 2025]", NULL);
    /* subscriber shares summing above 1 */
    set_bad(s, "operators[0].subscriber_share", 0.6, "summing to at most 1",
            NULL);
    set_ok(s, "operators[0].subscriber_share", 0.5);
    scn_free(s);
}

/* The financing terms, an exclusion's late penalty and a subsidy's share
 * and funds by path; a subsidy share that would take a policy's sum above
 * 1 is refused like any cross-field rule. */
static void soft_rule_paths(void **state)
{
    (void)state;
    const char *extra =
        "      - exclude: {vendors: high_risk, scope: all, from_year: 2021, "
        "removal_year: 2024}\n"
        "      - subsidy: {share: 0.3}\n"
        "      - subsidy: {share: 0.2, vendors: nokia}\n"
        "      - exclude: {vendors: nokia, scope: ran, from_year: 2023}\n";
    char *t = test_read_file(SMALL);
    t = test_replace(t, "      - exclude: {vendors: high_risk, scope: all, "
                        "from_year: 2021, removal_year: 2024}\n", extra);
    scn *s = load_ok(t);
    free(t);
    int ban = scn_policy_find(s, "ban");
    set_ok(s, "market.financing_rate", 0.1);
    assert_close(s->market.financing_rate.value, 0.1, 0);
    assert_close(get(s, "market.financing_rate"), 0.1, 0);
    set_ok(s, "market.financing_term_years", 12);
    assert_int_equal(s->market.financing_term_years, 12);
    set_ok(s, "policies[ban].instruments[0].late_penalty_eur_site_year", 5e4);
    assert_close(s->policies[ban].instruments[0].late_penalty_eur_site_year.value,
                 5e4, 0);
    set_ok(s, "policies[ban].instruments[1].share", 0.5);
    assert_close(s->policies[ban].instruments[1].subsidy_share.value, 0.5, 0);
    set_ok(s, "policies[ban].instruments[2].fund_eur_total", 1e8);
    assert_close(s->policies[ban].instruments[2].fund_eur_total, 1e8, 0);
    /* units need their swap price first */
    set_bad(s, "operators[alpha].equipment.core_sites.huawei", 5,
            "the swap price of operators[0].equipment.core_sites.huawei",
            "market.core_site_swap_eur");
    set_ok(s, "market.core_site_swap_eur", 3e4);
    set_ok(s, "operators[alpha].equipment.core_sites.huawei", 5);
    assert_close(s->operators[0].units_core[2].value, 5, 0);
    set_ok(s, "market.transport_swap_eur", 9000);
    assert_close(s->market.transport_swap_eur.value, 9000, 0);
    set_bad(s, "operators[alpha].equipment.transport.zte", 1, "vendor",
            "ericsson, nokia, huawei");
    set_bad(s, "operators[alpha].equipment.core_sites.huawei", -1,
            "[0, 1e7]", NULL);
    /* a penalty without a soft removal deadline does nothing: refused */
    set_bad(s, "policies[ban].instruments[3].late_penalty_eur_site_year",
            1000, "no late penalty: instrument 3 of policy ban has no soft "
            "removal deadline", NULL);
    set_bad(s, "market.financing_rate", 1.5, "a rate in [0, 1]", NULL);
    set_bad(s, "market.financing_term_years", 31, "an integer in [1, 30]",
            NULL);
    set_bad(s, "policies[ban].instruments[2].share", 0.6,
            "subsidy shares of policy ban summing to at most 1", "1.1");
    scn_free(s);
}

static void bad_paths(void **state)
{
    (void)state;
    scn *s = load();
    set_bad(s, "vendors[3].capacity_sites_year", 1, "index 0..2",
            "ericsson, nokia, huawei");
    set_bad(s, "vendors[zte].capacity_sites_year", 1, "vendors[zte]", NULL);
    set_bad(s, "vendors[0].capacity", 1, "ran_upgrade_eur",
            "capacity_sites_year");
    set_bad(s, "market.swap", 1, "expected a numeric field of market",
            "swap_eur_site");
    set_bad(s, "nowhere.x", 1, "horizon, run, market", NULL);
    set_bad(s, "horizon.first_year", 2020, "discount_rate", "cannot be swept");
    set_bad(s, "run.seed", 3, "--seed", NULL);
    set_bad(s, "policies[cap35].instruments[0].removal_year", 2024,
            "cap instrument", "share_max");
    set_bad(s, "policies[cap35].instruments[5].share_max", 0.3, "index 0..1",
            NULL);
    set_bad(s, "policies[baseline].instruments[0].share_max", 0.3,
            "has no instruments", NULL);
    set_bad(s, "bands[0].range_km.city", 1, "geotype", "urban, suburban, rural");
    set_bad(s, "operators[0].sites.moon", 1, "region", "city, country");
    set_bad(s, "market..x", 1, "expected a field path", NULL);
    set_bad(s, "vendors[0", 1, "expected a field path", NULL);
    set_bad(s, "market[1].swap_eur_site", 1, "not a list", NULL);
    set_bad(s, "operators[1].installed_base.huawei", 0.5,
            "balanced by a vendor given as rest", "region city");
    set_bad(s, "operators[0].installed_base", 0.5, "installed_base[.REGION]",
            NULL);
    scn_free(s);
}

/* small.yaml with alpha's Huawei share drawn against ericsson as rest, and
 * beta's city shares drawn and fixed against ericsson as rest. */
static scn *load_shares(void)
{
    static const char *const edits[][2] = {
        {"installed_base: {huawei: 0.6, ericsson: 0.4}",
         "installed_base: {huawei: {dist: pert, min: 0.45, mode: 0.6, "
         "max: 0.7}, ericsson: rest}"},
        {"city: {huawei: 0.5, nokia: 0.5}",
         "city: {huawei: 0.25, nokia: {dist: uniform, min: 0.2, max: 0.5}, "
         "ericsson: rest}"},
    };
    char *text = test_read_file(SMALL);
    for (int i = 0; i < 2; i++)
        text = test_replace(text, edits[i][0], edits[i][1]);
    scn *s = load_ok(text);
    free(text);
    return s;
}

/* A share balanced by a vendor given as rest can be set, in every region
 * (a map for all regions) or in one; rest takes what is left; the table of
 * uncertain inputs is untouched; values that could make rest negative, a
 * rest vendor, and regions without rest are refused. */
static void installed_shares(void **state)
{
    (void)state;
    scn *s = load_shares();
    bool unc = false;
    double v;
    err_t e;
    int nparams = s->nparams;
    assert_int_equal(scn_path_get(s, "operators[alpha].installed_base.huawei",
                                  &v, &unc, &e), ERR_OK);
    assert_close(v, 3.55 / 6, 1e-14);
    assert_true(unc);
    assert_close(get(s, "operators[0].installed_base.ericsson"), 2.45 / 6,
                 1e-14);
    set_ok(s, "operators[alpha].installed_base.huawei", 0.615);
    for (int r = 0; r < 2; r++) {
        assert_int_equal(s->operators[0].installed_base[r][2].param, -1);
        assert_close(scn_installed_share(s, 0, r, 2, NULL), 0.615, 1e-15);
        assert_close(scn_installed_share(s, 0, r, 0, NULL), 0.385, 1e-14);
        assert_close(s->operators[0].installed_base[r][0].value, 0.385, 1e-14);
    }
    assert_int_equal(s->nparams, nparams);
    assert_int_equal(scn_path_get(s, "operators[0].installed_base.huawei",
                                  &v, &unc, &e), ERR_OK);
    assert_false(unc);
    set_ok(s, "operators[beta].installed_base.city.huawei", 0.485);
    assert_close(scn_installed_share(s, 1, 0, 0, NULL), 1 - 0.485 - 0.35,
                 1e-14);
    assert_close(get(s, "operators[1].installed_base.city.ericsson"), 0.165,
                 1e-13);
    /* with nokia's upper bound 0.5 the sum would reach 1.05 */
    set_bad(s, "operators[1].installed_base.city.huawei", 0.55,
            "leaves ericsson, given as rest, at least 0", "1.05");
    set_bad(s, "operators[1].installed_base.city.nokia", 0.6,
            "leaves ericsson", "1.085");
    set_bad(s, "operators[1].installed_base.city.ericsson", 0.1,
            "not given as rest", "region city");
    set_bad(s, "operators[1].installed_base.country.nokia", 0.5,
            "balanced by a vendor given as rest", "region country");
    set_bad(s, "operators[1].installed_base.huawei", 0.3,
            "balanced by a vendor given as rest", "region country");
    set_bad(s, "operators[0].installed_base.city.huawei", 1.5,
            "a share in [0, 1]", NULL);
    set_bad(s, "operators[0].installed_base.moon.huawei", 0.5, "region",
            "city, country");
    set_bad(s, "operators[0].installed_base.city.zte", 0.5, "vendor",
            "ericsson, nokia, huawei");
    char b[160];
    scn_path_label(s, "operators[1].installed_base.city.nokia", b, sizeof b);
    assert_string_equal(b, "beta: installed_base.city.nokia");
    scn_free(s);
}

static scn *load_file(const char *path)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load(path, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
    return s;
}

/* Subscriber shares sum to at most 1 per region, as the loader counts
 * them: gamma alone serves fields, so it may take what beta leaves there
 * whatever the operators of the other country hold. */
static void subscriber_shares_by_region(void **state)
{
    (void)state;
    scn *s = load_file("tests/data/small_countries.yaml");
    set_ok(s, "operators[gamma].subscriber_share", 0.55);
    assert_close(s->operators[2].subscriber_share.value, 0.55, 1e-15);
    set_bad(s, "operators[gamma].subscriber_share", 0.6,
            "summing to at most 1", "region fields");
    set_bad(s, "operators[alpha].subscriber_share", 0.6,
            "summing to at most 1", "region city");
    scn_free(s);
    s = load_file("scenarios/eu-coordinated.yaml");
    set_ok(s, "operators[0].subscriber_share", 0.5);
    assert_close(s->operators[0].subscriber_share.value, 0.5, 1e-15);
    scn_free(s);
}

/* A band's lots are checked as the loader checks them, the auction's own
 * limit included, so a swept value never reaches the auction model. */
static void lots_within_auction_limits(void **state)
{
    (void)state;
    scn *s = load_file("tests/data/small_auction.yaml");
    set_ok(s, "bands[b3600].lots", 24);
    assert_int_equal(s->bands[1].lots, 24);
    set_bad(s, "bands[b3600].lots", 1000, "at most 64 lots",
            "AUCTION_LOTS_MAX");
    set_bad(s, "bands[b3600].lots", 65, "at most 64 lots", NULL);
    scn_free(s);
}

static void labels(void **state)
{
    (void)state;
    scn *s = load();
    char b[160];
    scn_path_label(s, "vendors[0].ran_upgrade_eur", b, sizeof b);
    assert_string_equal(b, "ericsson: ran_upgrade_eur");
    scn_path_label(s, "operators[1].sites.city", b, sizeof b);
    assert_string_equal(b, "beta: sites.city");
    scn_path_label(s, "market.swap_eur_site", b, sizeof b);
    assert_string_equal(b, "market.swap_eur_site");
    scn_path_label(s, "vendors[9].core_eur", b, sizeof b);
    assert_string_equal(b, "vendors[9].core_eur");
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sections),
        cmocka_unit_test(policies_by_index_and_name),
        cmocka_unit_test(uncertain_becomes_fixed),
        cmocka_unit_test(integer_fields),
        cmocka_unit_test(management_paths),
        cmocka_unit_test(range_errors),
        cmocka_unit_test(bad_paths),
        cmocka_unit_test(installed_shares),
        cmocka_unit_test(subscriber_shares_by_region),
        cmocka_unit_test(lots_within_auction_limits),
        cmocka_unit_test(labels),
        cmocka_unit_test(soft_rule_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
