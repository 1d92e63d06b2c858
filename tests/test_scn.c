/* test_scn.c — the scenario loader: the default scenario, defaults and
 * ordering rules on a small scenario, every class of error on purpose, and
 * random mutations that must never crash the loader.
 *
 * DESIGN — error tests mutate one small valid scenario (MINI, whose line
 * numbers are listed beside it) by replacing one piece of text, and check
 * the status, the exact "t.yaml:LINE:COL: PATH" prefix of the message and
 * its key words. Run from the repository root (the default scenario is
 * read from scenarios/default.yaml).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auction_stage.h"
#include "scn.h"
#include "scn_cats.h"
#include "testutil.h"

/* A small valid scenario; line numbers on the right. */
static const char MINI[] =
    "horizon: {first_year: 2021, last_year: 2030}\n"                 /* 1 */
    "market: {margin_eur_user_year: 15, site_opex_eur_year: 16000, "
    "swap_eur_site: 35000}\n"                                        /* 2 */
    "regions:\n"                                                     /* 3 */
    "  - {name: city, geotype: urban, population: 1.0e6, area_km2: 100, "
    "demand_mbps: 0.1}\n"                                            /* 4 */
    "  - {name: country, geotype: rural, population: 5.0e5, area_km2: 9000, "
    "demand_mbps: 0.05}\n"                                           /* 5 */
    "bands:\n"                                                       /* 6 */
    "  - name: b3600\n"                                              /* 7 */
    "    freq_mhz: 3600\n"                                           /* 8 */
    "    mhz_per_lot: 10\n"                                          /* 9 */
    "    range_km: {urban: 0.5, suburban: 1.0, rural: 2.5}\n"        /* 10 */
    "    efficiency: {urban: 7.8, suburban: 5.5, rural: 3.3}\n"      /* 11 */
    "vendors:\n"                                                     /* 12 */
    "  - {name: nordic, ran_new_eur: 1.0e5, ran_upgrade_eur: 5.0e4, "
    "core_eur: 6.0e7, capacity_sites_year: 4000}\n"                  /* 13 */
    "  - {name: eastern, high_risk: true, risk_score: 0.8, ran_new_eur: "
    "7.5e4, ran_upgrade_eur: 4.2e4, core_eur: 4.5e7, "
    "capacity_sites_year: 6000}\n"                                   /* 14 */
    "operators:\n"                                                   /* 15 */
    "  - name: op1\n"                                                /* 16 */
    "    subscriber_share: 0.6\n"                                    /* 17 */
    "    sites: {city: 300, country: 200}\n"                         /* 18 */
    "    installed_base: {eastern: 0.6, nordic: 0.4}\n"              /* 19 */
    "    core_vendor: nordic\n"                                      /* 20 */
    "    capex_budget_eur_year: 1.0e8\n"                             /* 21 */
    "policies:\n"                                                    /* 22 */
    "  - name: ban\n"                                                /* 23 */
    "    instruments:\n"                                             /* 24 */
    "      - exclude: {vendors: high_risk, from_year: 2022, "
    "removal_year: 2025}\n";                                         /* 25 */

/* A valid scenario with an auction: three bands (one without lots), an
 * operator affiliated with a vendor, an auction instrument, and the
 * auction section last in the file. Line numbers on the right. */
static const char AUC[] =
    "horizon: {first_year: 2021, last_year: 2030}\n"                 /* 1 */
    "market: {margin_eur_user_year: 15, site_opex_eur_year: 16000, "
    "swap_eur_site: 35000}\n"                                        /* 2 */
    "regions:\n"                                                     /* 3 */
    "  - {name: city, geotype: urban, population: 1.0e6, area_km2: 100, "
    "demand_mbps: 0.1}\n"                                            /* 4 */
    "bands:\n"                                                       /* 5 */
    "  - name: b700\n"                                               /* 6 */
    "    freq_mhz: 700\n"                                            /* 7 */
    "    lots: 6\n"                                                  /* 8 */
    "    mhz_per_lot: 5\n"                                           /* 9 */
    "    reserve_eur: {dist: uniform, min: 2.0e7, max: 3.0e7}\n"     /* 10 */
    "    range_km: {urban: 1.5, suburban: 4, rural: 9}\n"            /* 11 */
    "    efficiency: {urban: 2.1, suburban: 1.7, rural: 1.2}\n"      /* 12 */
    "  - name: b3600\n"                                              /* 13 */
    "    freq_mhz: 3600\n"                                           /* 14 */
    "    lots: 30\n"                                                 /* 15 */
    "    mhz_per_lot: 10\n"                                          /* 16 */
    "    range_km: {urban: 0.5, suburban: 1.0, rural: 2.5}\n"        /* 17 */
    "    efficiency: {urban: 7.8, suburban: 5.5, rural: 3.3}\n"      /* 18 */
    "  - name: b1800\n"                                              /* 19 */
    "    freq_mhz: 1800\n"                                           /* 20 */
    "    mhz_per_lot: 5\n"                                           /* 21 */
    "    range_km: {urban: 1, suburban: 2, rural: 5}\n"              /* 22 */
    "    efficiency: {urban: 3, suburban: 2.5, rural: 2}\n"          /* 23 */
    "vendors:\n"                                                     /* 24 */
    "  - {name: nordic, ran_new_eur: 1.0e5, ran_upgrade_eur: {dist: "
    "uniform, min: 4.0e4, max: 6.0e4}, core_eur: 6.0e7, "
    "capacity_sites_year: 4000}\n"                                   /* 25 */
    "  - {name: eastern, high_risk: true, risk_score: 0.8, ran_new_eur: "
    "7.5e4, ran_upgrade_eur: 4.2e4, core_eur: 4.5e7, "
    "capacity_sites_year: 6000}\n"                                   /* 26 */
    "operators:\n"                                                   /* 27 */
    "  - {name: op1, subscriber_share: 0.6, sites: {city: 300}, "
    "installed_base: {nordic: 1}, core_vendor: nordic, "
    "capex_budget_eur_year: 1.0e8}\n"                                /* 28 */
    "  - name: op2\n"                                                /* 29 */
    "    subscriber_share: 0.3\n"                                    /* 30 */
    "    sites: {city: 200}\n"                                       /* 31 */
    "    installed_base: {eastern: 1}\n"                             /* 32 */
    "    core_vendor: eastern\n"                                     /* 33 */
    "    capex_budget_eur_year: 8.0e7\n"                             /* 34 */
    "    affiliated_vendor: eastern\n"                               /* 35 */
    "policies:\n"                                                    /* 36 */
    "  - name: tough\n"                                              /* 37 */
    "    instruments:\n"                                             /* 38 */
    "      - exclude: {vendors: high_risk, from_year: 2022, "
    "bar_bidding: true}\n"                                           /* 39 */
    "      - auction:\n"                                             /* 40 */
    "          reserve_factor: {dist: triangular, min: 0.5, mode: 0.8, "
    "max: 1.5}\n"                                                    /* 41 */
    "          caps: {b700: 2}\n"                                    /* 42 */
    "          cap_total: 10\n"                                      /* 43 */
    "          setaside: {b3600: 6}\n"                               /* 44 */
    "          obligation: {year: 2027, share: 0.95}\n"              /* 45 */
    "auction:\n"                                                     /* 46 */
    "  format: smra\n"                                               /* 47 */
    "  increment: 0.035\n"                                           /* 48 */
    "  increment_min_eur: 2.5e5\n"                                   /* 49 */
    "  round_limit: 750\n"                                           /* 50 */
    "  activity_share: 0.85\n"                                       /* 51 */
    "  activity_rule: false\n"                                       /* 52 */
    "  caps: {b3600: 12, b700: 3}\n"                                 /* 53 */
    "  cap_total: 14\n"                                              /* 54 */
    "  setaside: {b3600: 4}\n"                                       /* 55 */
    "  value_model: additive\n"                                      /* 56 */
    "  private_value_sd: {dist: uniform, min: 0.05, max: 0.2}\n"     /* 57 */
    "  payment_years: 3\n"                                           /* 58 */
    "  strategy: shaded\n"                                           /* 59 */
    "  strategy_param: 0.175\n"                                      /* 60 */
    "  additive:\n"                                                  /* 61 */
    "    base_lo: {b700: 4.0e7, b3600: 1.5e7}\n"                     /* 62 */
    "    base_hi: {b700: 6.5e7, b3600: 2.25e7}\n"                    /* 63 */
    "    synergy: {b3600: 0.35, b700: -0.2}\n";                      /* 64 */

/* ---- helpers ---- */

/* `base` with the first occurrence of `from` replaced by `to` (in a static
 * buffer; fails the test if `from` is absent). */
static const char *text_with(const char *base, const char *from,
                             const char *to)
{
    static char buf[16384];
    const char *at = strstr(base, from);
    if (at == NULL) fail_msg("the scenario lacks \"%s\"", from);
    size_t head = (size_t)(at - base);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)head, base, to,
             at + strlen(from));
    return buf;
}

static const char *mini_with(const char *from, const char *to)
{
    return text_with(MINI, from, to);
}

static const char *auc_with(const char *from, const char *to)
{
    return text_with(AUC, from, to);
}

/* Index of the uncertain input with this path, or -1. */
static int param_index(const scn *s, const char *path)
{
    for (int i = 0; i < s->nparams; i++)
        if (strcmp(s->params[i].path, path) == 0) return i;
    return -1;
}

/* ---- valid scenarios ---- */

static void test_default_loads(void **state)
{
    (void)state;
    scn *s = NULL;
    err_t e;
    err_code rc = scn_load("scenarios/default.yaml", &s, &e);
    if (rc != ERR_OK) fail_msg("default scenario: %s", e.msg);
    assert_string_equal(s->file, "scenarios/default.yaml");
    assert_string_equal(s->currency, "EUR");
    assert_int_equal(s->year_first, 2021);
    assert_int_equal(s->year_last, 2032);
    assert_int_equal(s->run.replications, 60);
    assert_true(s->run.seed == 20210901u);
    assert_close(s->run.coverage_target, 0.9, 1e-12);
    assert_int_equal(s->nregions, 3);
    assert_int_equal(s->nbands, 5);
    assert_int_equal(s->nvendors, 5);
    assert_int_equal(s->noperators, 3);
    assert_int_equal(s->nparams, 21); /* 13, and 8 of the risk section */
    assert_int_equal(s->params[0].dist.type, &dist_triangular);
    assert_string_equal(s->params[0].path, "horizon.discount_rate");
    /* The market's margin, then its quality premium. */
    assert_string_equal(s->params[2].path, "market.quality_eur_user_year");
    assert_int_equal(s->market.quality_eur_user_year.param, 2);
    assert_close(s->market.quality_eur_user_year.value, (3.3 + 6.7 + 10) / 3,
                 1e-12);
    assert_int_equal(s->discount_rate.param, 0);
    assert_close(s->discount_rate.value, 0.07, 1e-12);
    assert_true(s->regions[0].sensitive && !s->regions[1].sensitive);
    assert_close(s->regions[2].area_km2.value, 80000, 1e-12);
    assert_close(s->bands[4].efficiency[GEO_RURAL].value, 3.3, 1e-12);
    assert_true(s->bands[0].paired && !s->bands[4].paired);
    assert_int_equal(s->vendors[2].available_year, 2022);
    assert_close(s->vendors[3].efficiency_factor.value, 1.05, 1e-12);
    assert_close(s->vendors[0].opex_factor.value, 1, 1e-12);
    scn_free(s);
}

static void test_default_structure(void **state)
{
    (void)state;
    scn *s = NULL;
    err_t e;
    assert_int_equal(scn_load("scenarios/default.yaml", &s, &e), ERR_OK);
    static const char *const order[] = {"baseline", "mitigation", "cap35",
                                        "ban2027", "diversity"};
    assert_int_equal(s->npolicies, 5);
    for (int i = 0; i < 5; i++)
        assert_string_equal(s->policies[i].name, order[i]);
    assert_int_equal(scn_high_risk_mask(s), 0x18);
    const scn_instrument *cap = &s->policies[2].instruments[0];
    assert_int_equal(cap->kind, INSTR_CAP);
    assert_int_equal(cap->vendors, 0x18);
    assert_close(cap->share_max.value, 0.35, 1e-12);
    assert_int_equal(cap->from_year, 2023);
    assert_int_equal(s->policies[2].instruments[1].scope, SCOPE_CORE);
    assert_int_equal(s->policies[3].instruments[0].removal_year, 2027);
    assert_int_equal(s->policies[4].instruments[0].vendors_min, 2);
    const scn_operator *alpha = &s->operators[0];
    assert_close(scn_installed_share(s, 0, GEO_RURAL, 3, NULL), 0.65, 1e-12);
    assert_close(scn_installed_share(s, 0, 0, 0, NULL), 0.35, 1e-12);
    assert_close(scn_installed_share(s, 1, 1, 1, NULL), 0.55, 1e-12);
    assert_int_equal(s->operators[1].core_vendor, 3);
    assert_int_equal(s->operators[2].obligation_year, 2028);
    assert_close(alpha->holdings_mhz[1], 25, 1e-12);
    int a = param_index(s, "vendors[0].ran_upgrade_eur");
    int b = param_index(s, "vendors[1].ran_upgrade_eur");
    assert_int_equal(s->ncorrelations, 1);
    assert_int_equal(s->correlations[0].a, a);
    assert_int_equal(s->correlations[0].b, b);
    assert_close(s->correlations[0].rho, 0.6, 1e-12);
    scn_free(s);
}

static void test_mini_defaults(void **state)
{
    (void)state;
    scn *s = load_ok(MINI);
    assert_int_equal(s->run.replications, 200);
    assert_true(s->run.seed == 1);
    assert_close(s->run.mip_gap, 1e-6, 1e-12);
    assert_close(s->discount_rate.value, 0.07, 1e-12);
    assert_int_equal(s->discount_rate.param, -1);
    assert_close(s->market.users_share.value, 1, 1e-12);
    assert_int_equal(s->bands[0].lots, 0);
    assert_close(s->bands[0].reserve_eur.value, 0, 1e-12);
    assert_int_equal(s->vendors[0].available_year, 2021);
    assert_close(s->vendors[0].risk_score.value, 0, 1e-12);
    assert_close(s->operators[0].auction_budget_eur.value, 1e12, 1e-12);
    assert_int_equal(s->operators[0].obligation_year, 0);
    assert_int_equal(s->operators[0].vendors_per_region_max, 2);
    assert_int_equal(s->nparams, 0);
    assert_int_equal(s->npolicies, 2);
    assert_string_equal(s->policies[0].name, "baseline");
    assert_int_equal(s->policies[0].ninstruments, 0);
    const scn_instrument *ex = &s->policies[1].instruments[0];
    assert_int_equal(ex->kind, INSTR_EXCLUDE);
    assert_int_equal(ex->line, 25);
    assert_int_equal(ex->scope, SCOPE_ALL);
    assert_int_equal(ex->vendors, 2);
    assert_false(ex->bar_bidding);
    scn_free(s);
}

static void test_baseline_moved_first(void **state)
{
    (void)state;
    scn *s = load_ok(mini_with(
        "  - name: ban\n",
        "  - name: capped\n"
        "    instruments: [{cap: {share_max: {dist: uniform, min: 0.2, "
        "max: 0.4}, from_year: 2023}}]\n"
        "  - {name: baseline, description: nothing at all}\n"
        "  - name: ban\n"));
    assert_int_equal(s->npolicies, 3);
    assert_string_equal(s->policies[0].name, "baseline");
    assert_string_equal(s->policies[0].description, "nothing at all");
    assert_string_equal(s->policies[1].name, "capped");
    assert_string_equal(s->policies[2].name, "ban");
    assert_int_equal(scn_policy_find(s, "ban"), 2);
    assert_int_equal(scn_policy_find(s, "nothing"), -1);
    const scn_instrument *cap = &s->policies[1].instruments[0];
    assert_int_equal(cap->vendors, 2);
    assert_int_equal(cap->scope, SCOPE_RAN);
    assert_int_equal(cap->level, CAP_OPERATOR);
    assert_close(cap->share_max.value, 0.3, 1e-12);
    assert_string_equal(s->params[cap->share_max.param].path,
                        "policies[0].instruments[0].share_max");
    scn_free(s);
}

/* Sections in any order give the canonical order of uncertain inputs. */
static void test_canonical_order(void **state)
{
    (void)state;
    static const char text[] =
        "policies:\n"
        "  - {name: m, instruments: [{mitigation: {vendors: v, risk_reduction: "
        "{dist: uniform, min: 0.1, max: 0.5}, from_year: 2022}}]}\n"
        "operators:\n"
        "  - {name: op1, subscriber_share: 0.5, core_vendor: v, "
        "capex_budget_eur_year: 1.0e8, installed_base: {v: 1},\n"
        "     sites: {r2: {dist: uniform, min: 10, max: 20}, r1: 5}}\n"
        "vendors:\n"
        "  - {name: v, ran_new_eur: 1, ran_upgrade_eur: 1, core_eur: 1,\n"
        "     capacity_sites_year: {dist: triangular, min: 1, mode: 2, "
        "max: 3}}\n"
        "bands:\n"
        "  - {name: b, freq_mhz: 700, mhz_per_lot: 5,\n"
        "     range_km: {rural: {dist: uniform, min: 5, max: 9}, urban: 1, "
        "suburban: 2},\n"
        "     efficiency: {urban: 2, suburban: 2, rural: 2}}\n"
        "regions:\n"
        "  - {name: r1, geotype: urban, population: 1, area_km2: 1, "
        "demand_mbps: 1}\n"
        "  - {name: r2, geotype: rural, population: 1, area_km2: 1, "
        "demand_mbps: {dist: pert, min: 0.1, mode: 0.2, max: 0.4}}\n"
        "market: {margin_eur_user_year: {dist: uniform, min: 1, max: 2}, "
        "site_opex_eur_year: 1, swap_eur_site: 1}\n"
        "horizon: {first_year: 2021, last_year: 2025, discount_rate: "
        "{dist: normal, mean: 0.07, sd: 0.01, lo: 0, hi: 0.2}}\n";
    static const char *const paths[] = {
        "horizon.discount_rate", "market.margin_eur_user_year",
        "regions[1].demand_mbps", "bands[0].range_km.rural",
        "vendors[0].capacity_sites_year", "operators[0].sites.r2",
        "policies[0].instruments[0].risk_reduction"};
    scn *s = load_ok(text);
    assert_int_equal(s->nparams, 7);
    for (int i = 0; i < 7; i++)
        assert_string_equal(s->params[i].path, paths[i]);
    assert_int_equal(s->params[5].line, 5);
    assert_int_equal(s->params[5].column, 18);
    assert_close(s->operators[0].sites[1].value, 15, 1e-12);
    assert_int_equal(s->operators[0].sites[1].param, 5);
    /* r1 has sites, r2 has drawn sites: both get the installed base. */
    assert_close(scn_installed_share(s, 0, 0, 0, NULL), 1, 1e-12);
    assert_close(scn_installed_share(s, 0, 1, 0, NULL), 1, 1e-12);
    assert_int_equal(s->operators[0].vendors_per_region_max, 1);
    scn_free(s);
}

static void test_installed_base_by_region(void **state)
{
    (void)state;
    scn *s = load_ok(mini_with(
        "{eastern: 0.6, nordic: 0.4}",
        "{country: {nordic: 1}, city: {eastern: 0.25, nordic: 0.75}}"));
    assert_close(scn_installed_share(s, 0, 0, 1, NULL), 0.25, 1e-12);
    assert_close(scn_installed_share(s, 0, 0, 0, NULL), 0.75, 1e-12);
    assert_close(scn_installed_share(s, 0, 1, 0, NULL), 1, 1e-12);
    assert_close(scn_installed_share(s, 0, 1, 1, NULL), 0, 1e-12);
    scn_free(s);
}

static void test_new_entrant_and_nulls(void **state)
{
    (void)state;
    scn *s = load_ok(mini_with(
        "    capex_budget_eur_year: 1.0e8\n",
        "    capex_budget_eur_year: 1.0e8\n"
        "    obligation: {year: 2026, share: 0.5}\n"
        "  - {name: newco, new_entrant: true, subscriber_share: 0.0,\n"
        "     capex_budget_eur_year: 5.0e7, sites: ~, auction_budget_eur: "
        "null, vendors_per_region_max: 1}\n"));
    assert_int_equal(s->noperators, 2);
    assert_true(s->operators[1].new_entrant);
    assert_int_equal(s->operators[1].core_vendor, 0);
    assert_close(s->operators[1].auction_budget_eur.value, 1e12, 1e-12);
    assert_int_equal(s->operators[1].vendors_per_region_max, 1);
    assert_int_equal(s->operators[0].obligation_year, 2026);
    assert_close(s->operators[0].obligation_share, 0.5, 1e-12);
    scn_free(s);
}

static void test_helpers(void **state)
{
    (void)state;
    scn *s = load_ok(MINI);
    assert_int_equal(scn_vendor_find(s, "eastern"), 1);
    assert_int_equal(scn_vendor_find(s, "western"), -1);
    assert_int_equal(scn_region_find(s, "country"), 1);
    assert_int_equal(scn_region_find(s, "b3600"), -1);
    assert_int_equal(scn_high_risk_mask(s), 2);
    assert_string_equal(scn_scope_name(SCOPE_SENSITIVE), "sensitive");
    assert_string_equal(scn_instr_name(INSTR_DIVERSITY), "diversity");
    assert_string_equal(scn_geotype_name(GEO_SUBURBAN), "suburban");
    assert_string_equal(s->file, "t.yaml");
    scn_free(s);
    scn_free(NULL);
}

/* ---- auctions ---- */

/* Every field of the auction section, wherever it is in the file. */
static void test_auction_section(void **state)
{
    (void)state;
    scn *s = load_ok(AUC);
    const scn_auction *a = &s->auction;
    assert_true(a->enabled);
    assert_string_equal(a->format, "smra");
    assert_close(a->increment_rel, 0.035, 1e-12);
    assert_close(a->increment_abs, 2.5e5, 1e-12);
    assert_int_equal(a->rounds_max, 750);
    assert_close(a->activity_share, 0.85, 1e-12);
    assert_false(a->activity_rule);
    static const int cap[3] = {3, 12, -1}, setaside[3] = {0, 4, 0};
    for (int b = 0; b < 3; b++) {
        assert_int_equal(a->cap_band[b], cap[b]);
        assert_int_equal(a->setaside[b], setaside[b]);
    }
    assert_int_equal(a->cap_total, 14);
    assert_int_equal(a->value_model, VALUE_ADDITIVE);
    assert_int_equal(a->payment_years, 3);
    assert_string_equal(a->strategy, "shaded");
    assert_close(a->strategy_param, 0.175, 1e-12);
    static const double lo[3] = {4.0e7, 1.5e7, 0}, hi[3] = {6.5e7, 2.25e7, 0};
    static const double synergy[3] = {-0.2, 0.35, 0};
    for (int b = 0; b < 3; b++) {
        assert_close(a->additive_lo[b], lo[b], 1e-12);
        assert_close(a->additive_hi[b], hi[b], 1e-12);
        assert_close(a->additive_synergy[b], synergy[b], 1e-12);
    }
    /* The auction comes after the bands and before the vendors. */
    static const char *const paths[] = {
        "bands[0].reserve_eur", "auction.private_value_sd",
        "vendors[0].ran_upgrade_eur",
        "policies[0].instruments[1].reserve_factor"};
    assert_int_equal(s->nparams, 4);
    for (int i = 0; i < 4; i++)
        assert_string_equal(s->params[i].path, paths[i]);
    assert_int_equal(a->private_value_sd.param, 1);
    assert_close(a->private_value_sd.value, 0.125, 1e-12);
    assert_int_equal(s->params[1].line, 57);
    assert_int_equal(s->params[1].column, 21);
    assert_int_equal(s->operators[0].affiliated_vendor, -1);
    assert_int_equal(s->operators[1].affiliated_vendor, 1);
    scn_free(s);
}

/* The auction instrument, and the auction fields of other kinds. */
static void test_auction_instrument(void **state)
{
    (void)state;
    scn *s = load_ok(AUC);
    assert_int_equal(s->npolicies, 2);
    assert_int_equal(s->policies[1].ninstruments, 2);
    const scn_instrument *ex = &s->policies[1].instruments[0];
    assert_int_equal(ex->kind, INSTR_EXCLUDE);
    assert_true(ex->bar_bidding);
    assert_close(ex->reserve_factor.value, 1, 1e-12);
    assert_int_equal(ex->reserve_factor.param, -1);
    assert_int_equal(ex->cap_total, -1);
    assert_int_equal(ex->obligation_year, 0);
    for (int b = 0; b < SPECSIM_BANDS_MAX; b++) {
        assert_int_equal(ex->cap_band[b], -1);
        assert_int_equal(ex->setaside[b], -1);
    }
    const scn_instrument *au = &s->policies[1].instruments[1];
    assert_int_equal(au->kind, INSTR_AUCTION);
    assert_string_equal(scn_instr_name(au->kind), "auction");
    assert_int_equal(au->line, 40);
    assert_int_equal(au->reserve_factor.param, 3);
    assert_close(au->reserve_factor.value, 2.8 / 3, 1e-12);
    static const int cap[3] = {2, -1, -1}, setaside[3] = {-1, 6, -1};
    for (int b = 0; b < 3; b++) {
        assert_int_equal(au->cap_band[b], cap[b]);
        assert_int_equal(au->setaside[b], setaside[b]);
    }
    assert_int_equal(au->cap_total, 10);
    assert_int_equal(au->obligation_year, 2027);
    assert_close(au->obligation_share, 0.95, 1e-12);
    /* Fields of the other kinds: no constraint, no cost. */
    assert_int_equal(au->vendors, 0);
    assert_int_equal(au->from_year, 0);
    assert_int_equal(au->removal_year, 0);
    assert_false(au->bar_bidding);
    assert_close(au->share_max.value, 1, 1e-12);
    assert_close(au->vendor_share_max.value, 1, 1e-12);
    assert_close(au->cost_site_year_eur.value, 0, 1e-12);
    assert_int_equal(au->risk_reduction.param, -1);
    scn_free(s);
}

/* No auction section: no auction, every field at its default. */
static void test_auction_absent(void **state)
{
    (void)state;
    scn *s = load_ok(MINI);
    const scn_auction *a = &s->auction;
    assert_false(a->enabled);
    assert_string_equal(a->format, "none");
    assert_close(a->increment_rel, 0.05, 1e-12);
    assert_close(a->increment_abs, 0, 1e-12);
    assert_int_equal(a->rounds_max, 1000);
    assert_close(a->activity_share, 1, 1e-12);
    assert_true(a->activity_rule);
    assert_int_equal(a->cap_band[0], -1);
    assert_int_equal(a->cap_total, -1);
    assert_int_equal(a->setaside[0], 0);
    assert_int_equal(a->value_model, VALUE_NETWORK);
    assert_close(a->private_value_sd.value, 0.1, 1e-12);
    assert_int_equal(a->private_value_sd.param, -1);
    assert_int_equal(a->payment_years, 1);
    assert_string_equal(a->strategy, "straightforward");
    assert_close(a->strategy_param, 0, 1e-12);
    assert_int_equal(s->operators[0].affiliated_vendor, -1);
    const scn_instrument *ex = &s->policies[1].instruments[0];
    assert_close(ex->reserve_factor.value, 1, 1e-12);
    assert_int_equal(ex->cap_band[0], -1);
    assert_int_equal(ex->setaside[0], -1);
    assert_int_equal(ex->cap_total, -1);
    scn_free(s);
}

/* A section with the format only takes the defaults; with format none,
 * an auction instrument may still set a licence obligation. */
static void test_auction_defaults_and_none(void **state)
{
    (void)state;
    char text[sizeof MINI + 256];
    snprintf(text, sizeof text, "%sauction: {format: clock}\n", MINI);
    scn *s = load_ok(text);
    assert_true(s->auction.enabled);
    assert_string_equal(s->auction.format, "clock");
    assert_int_equal(s->auction.rounds_max, 1000);
    assert_int_equal(s->auction.cap_total, -1);
    assert_int_equal(s->auction.payment_years, 1);
    scn_free(s);
    snprintf(text, sizeof text,
             "%s      - auction: {obligation: {year: 2029, share: 0.4}, "
             "caps: ~}\nauction: {format: none, strategy: shaded}\n",
             MINI);
    s = load_ok(text);
    assert_false(s->auction.enabled);
    assert_string_equal(s->auction.format, "none");
    assert_string_equal(s->auction.strategy, "shaded");
    const scn_instrument *au = &s->policies[1].instruments[1];
    assert_int_equal(au->kind, INSTR_AUCTION);
    assert_int_equal(au->obligation_year, 2029);
    assert_close(au->obligation_share, 0.4, 1e-12);
    assert_int_equal(au->cap_band[0], -1);
    scn_free(s);
}

/* AUC with b700 paired (2 x 5 MHz lots) and op2 holding b700 2 x 10,
 * b3600 40 and b1800 7.5 MHz, 67.5 MHz as caps count it, under a cap of
 * `cap` (text of the value); the policy's auction instrument sets
 * `pol_cap` for every operator when not NULL. */
static const char *auc_spectrum_cap(const char *cap, const char *pol_cap)
{
    static char t1[16384], t2[16384], add[256];
    snprintf(t1, sizeof t1, "%s",
             auc_with("    mhz_per_lot: 5\n    reserve_eur",
                      "    mhz_per_lot: 5\n    paired: true\n"
                      "    reserve_eur"));
    snprintf(add, sizeof add, "    affiliated_vendor: eastern\n"
             "    holdings_mhz: {b700: 10, b3600: 40, b1800: 7.5}\n"
             "    spectrum_cap_mhz: %s\n", cap);
    snprintf(t2, sizeof t2, "%s",
             text_with(t1, "    affiliated_vendor: eastern\n", add));
    if (pol_cap == NULL) return text_with(t2, "", "");
    snprintf(add, sizeof add, "          cap_total: 10\n"
             "          spectrum_cap_mhz: %s\n", pol_cap);
    return text_with(t2, "          cap_total: 10\n", add);
}

/* Spectrum caps into the auction: a paired lot counts 2 x 5 MHz, op2's
 * headroom is its cap minus 67.5 MHz (the paired band's holdings counted
 * twice; 57.5 if they were not), op1 has no cap; the policy's overall cap
 * of 60 MHz gives op1 60 MHz and op2, already above it, none. A cap equal
 * to the holdings leaves no headroom. */
static void test_spectrum_cap(void **state)
{
    (void)state;
    double draws[SPECSIM_PARAMS_MAX];
    auction_input in;
    for (int i = 0; i < SPECSIM_PARAMS_MAX; i++) draws[i] = 1.0;
    scn *s = load_ok(AUC);
    assert_true(isinf(s->operators[1].spectrum_cap_mhz));
    assert_close(s->policies[1].instruments[1].spectrum_cap_mhz, -1, 0);
    scn_free(s);
    s = load_ok(auc_spectrum_cap("123.4", "60"));
    assert_close(s->operators[1].spectrum_cap_mhz, 123.4, 1e-15);
    assert_true(isinf(s->operators[0].spectrum_cap_mhz));
    assert_close(scn_held_mhz(s, &s->operators[1]), 67.5, 1e-15);
    assert_close(s->policies[1].instruments[1].spectrum_cap_mhz, 60, 0);
    auction_stage_input(s, draws, 0, &in);
    assert_close(in.lot_mhz[0], 10.0, 1e-15);
    assert_close(in.lot_mhz[1], 10.0, 1e-15);
    assert_close(in.lot_mhz[2], 5.0, 1e-15);
    assert_true(isinf(in.mhz_max[0]));
    assert_close(in.mhz_max[1], 123.4 - 67.5, 1e-12);
    auction_stage_input(s, draws, 1, &in);
    assert_close(in.mhz_max[0], 60.0, 1e-15);
    assert_close(in.mhz_max[1], 0.0, 0);
    scn_free(s);
    s = load_ok(auc_spectrum_cap("67.5", NULL));
    auction_stage_input(s, draws, 0, &in);
    assert_close(in.mhz_max[1], 0.0, 0);
    int q[3] = {1, 0, 0};
    assert_false(auction_package_allowed(&in, 1, q));
    scn_free(s);
}

static void test_err_spectrum_cap(void **state)
{
    (void)state;
    expect_error(auc_spectrum_cap("0", NULL),
                 "t.yaml:38:23: operators[1].spectrum_cap_mhz: \"0\": "
                 "expected a number in (0, 1e7]", NULL, NULL);
    expect_error(auc_spectrum_cap("-120", NULL),
                 "t.yaml:38:23: operators[1].spectrum_cap_mhz: \"-120\": "
                 "expected a number in (0, 1e7]", NULL, NULL);
    expect_error(auc_spectrum_cap("plenty", NULL),
                 "t.yaml:38:23: operators[1].spectrum_cap_mhz: \"plenty\": "
                 "expected a number", NULL, NULL);
    expect_error(auc_spectrum_cap("{dist: uniform, min: 80, max: 90}", NULL),
                 "t.yaml:38:23: operators[1].spectrum_cap_mhz:",
                 "expected a number", NULL);
    expect_error(auc_spectrum_cap("67.25", NULL),
                 "t.yaml:38:23: operators[1].spectrum_cap_mhz: \"67.25\": "
                 "expected a number at least the operator's holdings, 67.5 "
                 "MHz (holdings_mhz summed, paired bands counted twice)",
                 NULL, NULL);
    expect_error(auc_spectrum_cap("80", "0"),
                 "t.yaml:47:29: policies[0].instruments[1]."
                 "spectrum_cap_mhz: \"0\": expected a number in (0, 1e7]",
                 NULL, NULL);
    char text[sizeof MINI + 256];
    snprintf(text, sizeof text,
             "%s      - auction: {spectrum_cap_mhz: 400}\n", MINI);
    expect_error(text, "t.yaml:26:", "spectrum_cap_mhz",
                 "an auction rule, but the scenario has no auction");
}

/* ---- errors: syntax and document shape ---- */

static void test_err_yaml_syntax(void **state)
{
    (void)state;
    expect_error(mini_with("{name: city,", "{name: [city,"),
                 "t.yaml:4:", "YAML syntax error", "well-formed YAML");
}

static void test_err_empty_document(void **state)
{
    (void)state;
    expect_error("", "t.yaml:1:1: document: empty: expected a map", NULL,
                 NULL);
    expect_error("# only a comment\n", "t.yaml:1:1: document: empty", NULL,
                 NULL);
}

static void test_err_scalar_document(void **state)
{
    (void)state;
    expect_error("hello\n", "t.yaml:1:1: document: \"hello\": expected a map",
                 "horizon", NULL);
    expect_error("- 1\n- 2\n", "t.yaml:1:1: document: a list: expected a map",
                 NULL, NULL);
}

static void test_err_second_document(void **state)
{
    (void)state;
    char text[sizeof MINI + 32];
    snprintf(text, sizeof text, "%s---\nmore: 1\n", MINI);
    expect_error(text, "t.yaml:26:1: document: a second document", NULL,
                 NULL);
}

/* ---- errors: keys and types ---- */

static void test_err_unknown_key_top(void **state)
{
    (void)state;
    char text[sizeof MINI + 32];
    snprintf(text, sizeof text, "%scolour: blue\n", MINI);
    expect_error(text, "t.yaml:26:1: colour: unknown key: expected one of",
                 "scenario, horizon, run", "correlations");
}

static void test_err_unknown_key_nested(void **state)
{
    (void)state;
    expect_error(mini_with("    core_vendor: nordic\n",
                           "    core_vendor: nordic\n    colour: red\n"),
                 "t.yaml:21:5: operators[0].colour: unknown key",
                 "capex_budget_eur_year", "installed_base");
}

static void test_err_duplicate_key(void **state)
{
    (void)state;
    expect_error(mini_with("    freq_mhz: 3600\n",
                           "    freq_mhz: 3600\n    freq_mhz: 700\n"),
                 "t.yaml:9:5: bands[0].freq_mhz: duplicate key", "once",
                 NULL);
}

static void test_err_string_for_number(void **state)
{
    (void)state;
    expect_error(mini_with("population: 1.0e6", "population: many"),
                 "t.yaml:4:46: regions[0].population: \"many\": expected a "
                 "number in [1, 1e10]",
                 NULL, NULL);
    /* A quoted number is a string. */
    expect_error(mini_with("swap_eur_site: 35000", "swap_eur_site: \"35000\""),
                 "t.yaml:2:78: market.swap_eur_site: \"35000\": expected",
                 "[0, 1e7]", NULL);
}

static void test_err_list_for_map(void **state)
{
    (void)state;
    expect_error(mini_with("range_km: {urban: 0.5, suburban: 1.0, rural: 2.5}",
                           "range_km: [0.5, 1.0, 2.5]"),
                 "t.yaml:10:15: bands[0].range_km: a list: expected a map",
                 NULL, NULL);
    expect_error(mini_with("sites: {city: 300, country: 200}", "sites: 5"),
                 "t.yaml:18:12: operators[0].sites: \"5\": expected a map",
                 NULL, NULL);
}

static void test_err_int_types(void **state)
{
    (void)state;
    expect_error(mini_with("first_year: 2021", "first_year: 2021.5"),
                 "t.yaml:1:23: horizon.first_year: \"2021.5\": expected a "
                 "year in [1990, 2100]",
                 NULL, NULL);
    expect_error(mini_with("    mhz_per_lot: 10\n",
                           "    mhz_per_lot: 10\n    lots: {dist: uniform, "
                           "min: 1, max: 5}\n"),
                 "t.yaml:10:11: bands[0].lots: {dist: uniform, min: 1, max: "
                 "5}: expected an integer in [0, 1000]",
                 "cannot be a distribution", NULL);
}

static void test_err_bad_name(void **state)
{
    (void)state;
    expect_error(mini_with("name: nordic", "name: 9lives"),
                 "t.yaml:13:12: vendors[0].name: \"9lives\": expected a name",
                 "letters, digits", NULL);
    expect_error(mini_with("name: op1",
                           "name: a_name_far_too_long_for_the_limit_of_32"),
                 "t.yaml:16:11: operators[0].name:", "SPECSIM_NAME_MAX",
                 NULL);
}

/* `country` on regions: countries in order of first mention, each with
 * the mask of its regions; when no region names one there are none. */
static void test_countries(void **state)
{
    (void)state;
    scn *s = load_ok(MINI);
    assert_int_equal(s->ncountries, 0);
    assert_int_equal(s->regions[0].country, -1);
    assert_int_equal(s->regions[1].country, -1);
    scn_free(s);
    char text[sizeof MINI + 64];
    snprintf(text, sizeof text, "%s",
             mini_with("{name: country,", "{name: country, country: south,"));
    s = load_ok(text_with(text, "{name: city,", "{name: city, country: north,"));
    assert_int_equal(s->ncountries, 2);
    assert_string_equal(s->countries[0].name, "north");
    assert_int_equal(s->countries[0].regions, 1u);
    assert_string_equal(s->countries[1].name, "south");
    assert_int_equal(s->countries[1].regions, 2u);
    assert_int_equal(s->regions[0].country, 0);
    assert_int_equal(s->regions[1].country, 1);
    assert_int_equal(scn_country_find(s, "south"), 1);
    assert_int_equal(scn_country_find(s, "city"), -1);
    scn_free(s);
    snprintf(text, sizeof text, "%s",
             mini_with("{name: country,", "{name: country, country: north,"));
    s = load_ok(text_with(text, "{name: city,", "{name: city, country: north,"));
    assert_int_equal(s->ncountries, 1);
    assert_int_equal(s->countries[0].regions, 3u);
    assert_int_equal(s->regions[1].country, 0);
    scn_free(s);
}

/* Countries are all or nothing: the region without one is named, at its
 * own position, with the region that has one. */
static void test_err_country_partial(void **state)
{
    (void)state;
    expect_error(mini_with("{name: city,", "{name: city, country: north,"),
                 "t.yaml:5:5: regions[1].country: missing: expected a "
                 "country name: regions[0] (city) names its country, so "
                 "every region must",
                 NULL, NULL);
    expect_error(mini_with("{name: country,", "{name: country, country: south,"),
                 "t.yaml:4:5: regions[0].country: missing:",
                 "regions[1] (country) names its country", NULL);
}

static void test_err_country_name(void **state)
{
    (void)state;
    expect_error(mini_with("{name: city,", "{name: city, country: 9north,"),
                 "t.yaml:4:27: regions[0].country: \"9north\": expected a name",
                 "letters, digits", NULL);
    expect_error(mini_with("{name: city,", "{name: city, country: [north],"),
                 "t.yaml:4:27: regions[0].country: a list: expected a name",
                 NULL, NULL);
}

/* ---- errors: ranges ---- */

static void test_err_range_fixed(void **state)
{
    (void)state;
    expect_error(mini_with("{eastern: 0.6, nordic: 0.4}",
                           "{eastern: 1.4, nordic: 0.4}"),
                 "t.yaml:19:31: operators[0].installed_base.eastern: "
                 "\"1.4\": expected a share in [0, 1]",
                 NULL, NULL);
    expect_error(mini_with("mhz_per_lot: 10", "mhz_per_lot: 0"),
                 "t.yaml:9:18: bands[0].mhz_per_lot: \"0\": expected a "
                 "number in [0.1, 1000]",
                 NULL, NULL);
}

static void test_err_range_distribution(void **state)
{
    (void)state;
    expect_error(mini_with("swap_eur_site: 35000",
                           "swap_eur_site: {dist: uniform, min: 1000, "
                           "max: 2.0e7}"),
                 "t.yaml:2:78: market.swap_eur_site: {dist: uniform, min: "
                 "1000, max: 2.0e7}: expected a number in [0, 1e7]",
                 "ranges over [1000, 2e7]", NULL);
    expect_error(mini_with("subscriber_share: 0.6",
                           "subscriber_share: {dist: normal, mean: 0.6, "
                           "sd: 0.05}"),
                 "t.yaml:17:23: operators[0].subscriber_share:",
                 "a share in [0, 1]", "truncate it with lo and hi");
}

static void test_err_year_outside_horizon(void **state)
{
    (void)state;
    expect_error(mini_with("from_year: 2022", "from_year: 2035"),
                 "t.yaml:25:50: policies[0].instruments[0].from_year: "
                 "\"2035\": expected a year in [2021, 2030]",
                 "horizon", NULL);
    expect_error(mini_with("last_year: 2030", "last_year: 2060"),
                 "t.yaml:1:40: horizon.last_year: \"2060\": expected a year "
                 "in [2022, 2050]",
                 "SPECSIM_YEARS_MAX", NULL);
}

static void test_err_removal_before_from(void **state)
{
    (void)state;
    expect_error(mini_with("removal_year: 2025", "removal_year: 2021"),
                 "t.yaml:25:70: policies[0].instruments[0].removal_year: "
                 "\"2021\": expected a year in [2022, 2030]",
                 "from_year", NULL);
}

/* ---- errors: distributions ---- */

static void test_err_bad_distribution_name(void **state)
{
    (void)state;
    expect_error(mini_with("capex_budget_eur_year: 1.0e8",
                           "capex_budget_eur_year: {dist: gaussian, mean: 1}"),
                 "t.yaml:21:35: operators[0].capex_budget_eur_year.dist: "
                 "\"gaussian\": expected a distribution name (one of",
                 "pert", NULL);
    expect_error(mini_with("capex_budget_eur_year: 1.0e8",
                           "capex_budget_eur_year: {mean: 1}"),
                 "t.yaml:21:28: operators[0].capex_budget_eur_year: "
                 "{mean: 1}: expected a number, or a distribution",
                 NULL, NULL);
}

static void test_err_bad_distribution_params(void **state)
{
    (void)state;
    expect_error(mini_with("swap_eur_site: 35000",
                           "swap_eur_site: {dist: triangular, min: 10, "
                           "mode: 5, max: 8}"),
                 "t.yaml:2:78: market.swap_eur_site: {dist: triangular, min: "
                 "10, mode: 5, max: 8}: expected ",
                 NULL, NULL);
    expect_error(mini_with("swap_eur_site: 35000",
                           "swap_eur_site: {dist: pert, min: 1, max: 5}"),
                 "t.yaml:2:78: market.swap_eur_site.mode: missing: expected "
                 "a number",
                 "pert takes min, mode, max", NULL);
    expect_error(mini_with("swap_eur_site: 35000",
                           "swap_eur_site: {dist: pert, min: 1, mode: 2, "
                           "max: 5, lo: 0}"),
                 "t.yaml:2:116: market.swap_eur_site.lo: unknown key", NULL,
                 NULL);
    expect_error(mini_with("swap_eur_site: 35000",
                           "swap_eur_site: {dist: uniform, min: low, max: 5}"),
                 "t.yaml:2:99: market.swap_eur_site.min: \"low\": expected "
                 "a number",
                 NULL, NULL);
}

/* ---- errors: required fields and sections ---- */

static void test_err_missing_field(void **state)
{
    (void)state;
    expect_error(mini_with(", swap_eur_site: 35000", ""),
                 "t.yaml:2:9: market.swap_eur_site: missing: expected a "
                 "number in [0, 1e7]",
                 NULL, NULL);
    expect_error(mini_with("high_risk: true, risk_score: 0.8, ",
                           "high_risk: true, "),
                 "t.yaml:14:5: vendors[1].risk_score: missing", NULL, NULL);
    expect_error(mini_with("    core_vendor: nordic\n", ""),
                 "t.yaml:16:5: operators[0].core_vendor: missing",
                 "nordic, eastern", "new_entrant");
}

static void test_err_missing_section(void **state)
{
    (void)state;
    char text[sizeof MINI];
    snprintf(text, sizeof text, "%.*s", (int)(strstr(MINI, "policies:") - MINI),
             MINI);
    expect_error(text, "t.yaml:1:1: policies: missing: expected a policies "
                       "section",
                 NULL, NULL);
}

static void test_err_installed_base_absent(void **state)
{
    (void)state;
    expect_error(mini_with("    installed_base: {eastern: 0.6, nordic: 0.4}\n",
                           ""),
                 "t.yaml:16:5: operators[0].installed_base: missing",
                 "the operator has sites", NULL);
}

/* ---- errors: consistency ---- */

static void test_err_share_sum(void **state)
{
    (void)state;
    expect_error(mini_with("{eastern: 0.6, nordic: 0.4}",
                           "{eastern: 0.6, nordic: 0.3}"),
                 "t.yaml:19:21: operators[0].installed_base: shares sum to "
                 "0.9: expected shares summing to 1",
                 NULL, NULL);
    expect_error(mini_with("{eastern: 0.6, nordic: 0.4}",
                           "{city: {nordic: 1}}"),
                 "t.yaml:19:21: operators[0].installed_base: no shares for "
                 "region country",
                 NULL, NULL);
}

static void test_err_subscriber_sum(void **state)
{
    (void)state;
    expect_error(mini_with("    capex_budget_eur_year: 1.0e8\n",
                           "    capex_budget_eur_year: 1.0e8\n"
                           "  - {name: op2, new_entrant: true, "
                           "subscriber_share: 0.5, "
                           "capex_budget_eur_year: 1e8}\n"),
                 "t.yaml:22:54: operators[1].subscriber_share: \"0.5\": "
                 "expected subscriber shares summing to at most 1",
                 "1.1", NULL);
}

static void test_err_undefined_references(void **state)
{
    (void)state;
    expect_error(mini_with("{eastern: 0.6, nordic: 0.4}",
                           "{eastern: 0.6, westnet: 0.4}"),
                 "t.yaml:19:36: operators[0].installed_base: \"westnet\": "
                 "expected a vendor name (one of nordic, eastern)",
                 "region name (one of city, country)", NULL);
    expect_error(mini_with("{city: 300, country: 200}",
                           "{city: 300, village: 200}"),
                 "t.yaml:18:24: operators[0].sites: \"village\": expected a "
                 "region name (one of city, country)",
                 NULL, NULL);
    expect_error(mini_with("    sites:", "    holdings_mhz: {b700: 10}\n"
                                         "    sites:"),
                 "t.yaml:18:20: operators[0].holdings_mhz: \"b700\": expected "
                 "a band name (one of b3600)",
                 NULL, NULL);
    expect_error(mini_with("core_vendor: nordic", "core_vendor: westnet"),
                 "t.yaml:20:18: operators[0].core_vendor: \"westnet\": "
                 "expected a vendor name",
                 NULL, NULL);
    expect_error(mini_with("vendors: high_risk", "vendors: [nordic, west]"),
                 "t.yaml:25:37: policies[0].instruments[0].vendors: \"west\": "
                 "expected high_risk or a vendor name (one of nordic, eastern)",
                 NULL, NULL);
}

static void test_err_duplicate_names(void **state)
{
    (void)state;
    expect_error(mini_with("name: eastern", "name: nordic"),
                 "t.yaml:14:12: vendors[1].name: \"nordic\": expected a name "
                 "not used before (vendors[0] has it",
                 NULL, NULL);
    expect_error(mini_with("name: b3600", "name: city"),
                 "t.yaml:7:11: bands[0].name: \"city\": expected a name not "
                 "used before (regions[0] has it",
                 "share one set of names", NULL);
    expect_error(mini_with("  - name: ban\n",
                           "  - {name: ban}\n  - name: ban\n"),
                 "t.yaml:24:11: policies[1].name: \"ban\": expected a name "
                 "not used by another policy (policies[0] has it)",
                 NULL, NULL);
}

/* ---- errors: limits and policies ---- */

static void test_err_too_many_regions(void **state)
{
    (void)state;
    static char text[32768];
    size_t o = 0;
    o += (size_t)snprintf(text + o, sizeof text - o, "%.*s",
                          (int)(strstr(MINI, "bands:") - MINI), MINI);
    for (int i = 0; i < SPECSIM_REGIONS_MAX - 1; i++)
        o += (size_t)snprintf(text + o, sizeof text - o,
                              "  - {name: r%d, geotype: rural, population: 1, "
                              "area_km2: 1, demand_mbps: 1}\n",
                              i);
    snprintf(text + o, sizeof text - o, "%s", strstr(MINI, "bands:"));
    char prefix[64];
    snprintf(prefix, sizeof prefix, "t.yaml:%d:5: regions: %d items",
             4 + SPECSIM_REGIONS_MAX, SPECSIM_REGIONS_MAX + 1);
    expect_error(text, prefix, "(limit SPECSIM_REGIONS_MAX)", NULL);
}

static void test_err_baseline_with_instruments(void **state)
{
    (void)state;
    expect_error(mini_with("name: ban", "name: baseline"),
                 "t.yaml:25:7: policies[0].instruments: 1 instrument: "
                 "expected none",
                 "doing nothing", NULL);
}

static void test_err_mask_selects_nothing(void **state)
{
    (void)state;
    expect_error(mini_with("vendors: high_risk", "vendors: []"),
                 "t.yaml:25:28: policies[0].instruments[0].vendors: a list: "
                 "expected a set of at least one vendor",
                 "selects no vendor", NULL);
    expect_error(mini_with("high_risk: true, ", ""),
                 "t.yaml:25:28: policies[0].instruments[0].vendors: "
                 "\"high_risk\":",
                 "selects no vendor", NULL);
}

static void test_err_instrument_shape(void **state)
{
    (void)state;
    expect_error(mini_with("- exclude:", "- ban:"),
                 "t.yaml:25:9: policies[0].instruments[0]: \"ban\": expected "
                 "one of exclude, cap, diversity, mitigation",
                 NULL, NULL);
    expect_error(mini_with("- exclude: {vendors: high_risk, from_year: 2022, "
                           "removal_year: 2025}",
                           "- {exclude: {vendors: high_risk, from_year: 2022}, "
                           "cap: {share_max: 0.3}}"),
                 "t.yaml:25:9: policies[0].instruments[0]: a map: expected a "
                 "map with one key",
                 NULL, NULL);
    expect_error(mini_with("- exclude:", "- cap: {share_max: 0.3, scope: core,"
                                         " from_year: 2022}\n      - exclude:"),
                 "t.yaml:25:38: policies[0].instruments[0].scope: \"core\": "
                 "expected one of ran, sensitive",
                 NULL, NULL);
}

/* ---- management scope ---- */

/* MINI with eastern's management_swap_eur set to `cost` (NULL: none) and
 * the ban replaced by `instrument`. */
static const char *mini_management(const char *cost, const char *instrument)
{
    static char buf[16384];
    char vendor[160];
    snprintf(vendor, sizeof vendor, "capacity_sites_year: 6000%s%s}",
             cost != NULL ? ", management_swap_eur: " : "",
             cost != NULL ? cost : "");
    snprintf(buf, sizeof buf, "%s",
             mini_with("capacity_sites_year: 6000}", vendor));
    const char *ban = "exclude: {vendors: high_risk, from_year: 2022, "
                      "removal_year: 2025}";
    const char *at = strstr(buf, ban);
    assert_non_null(at);
    static char out[16384];
    snprintf(out, sizeof out, "%.*s%s%s", (int)(at - buf), buf, instrument,
             at + strlen(ban));
    return out;
}

static void test_management_scope(void **state)
{
    (void)state;
    scn *s = load_ok(mini_management(
        "{dist: triangular, min: 1.5e7, mode: 2.2e7, max: 3.5e7}",
        "exclude: {vendors: high_risk, scope: management, "
        "removal_year: 2029}"));
    const scn_instrument *in = &s->policies[1].instruments[0];
    assert_int_equal(in->kind, INSTR_EXCLUDE);
    assert_int_equal(in->scope, SCOPE_MANAGEMENT);
    assert_int_equal(in->removal_year, 2029);
    assert_int_equal(in->from_year, 2029); /* the deadline, no stop */
    int k = param_index(s, "vendors[1].management_swap_eur");
    assert_true(k >= 0);
    assert_int_equal(s->vendors[1].management_swap_eur.param, k);
    /* not given: -1, allowed for a vendor no management rule targets */
    assert_int_equal(s->vendors[0].management_swap_eur.param, -1);
    assert_close(s->vendors[0].management_swap_eur.value, -1, 1e-12);
    assert_string_equal(scn_scope_name(SCOPE_MANAGEMENT), "management");
    scn_free(s);
    /* a from_year equal to the removal year is accepted */
    s = load_ok(mini_management("2.35e7",
                                "exclude: {vendors: eastern, scope: "
                                "management, from_year: 2027, "
                                "removal_year: 2027}"));
    assert_close(s->vendors[1].management_swap_eur.value, 2.35e7, 1e-12);
    assert_int_equal(s->policies[1].instruments[0].from_year, 2027);
    scn_free(s);
}

static void test_err_management(void **state)
{
    (void)state;
    /* the deadline is required */
    expect_error(mini_management("2.35e7",
                                 "exclude: {vendors: high_risk, scope: "
                                 "management}"),
                 "t.yaml:25:18: policies[0].instruments[0].removal_year: "
                 "missing: expected a year in [2021, 2030]",
                 "scope management needs the deadline", NULL);
    /* a from_year other than the deadline is not a purchase stop */
    expect_error(mini_management("2.35e7",
                                 "exclude: {vendors: high_risk, scope: "
                                 "management, from_year: 2024, "
                                 "removal_year: 2029}"),
                 "t.yaml:25:69: policies[0].instruments[0].from_year: "
                 "\"2024\": expected 2029 (the removal_year) or no from_year",
                 "no purchase stop", NULL);
    /* every targeted vendor needs the cost, asked for at the vendor */
    expect_error(mini_management(NULL,
                                 "exclude: {vendors: high_risk, scope: "
                                 "management, removal_year: 2029}"),
                 "t.yaml:14:5: vendors[1].management_swap_eur: missing: "
                 "expected a number in [0, 1e11]",
                 "replacing eastern's network-management system",
                 "policies[0].instruments[0] (line 25)");
    expect_error(mini_management("-1",
                                 "exclude: {vendors: high_risk, scope: "
                                 "management, removal_year: 2029}"),
                 "t.yaml:14:164: vendors[1].management_swap_eur: \"-1\": "
                 "expected a number in [0, 1e11]", NULL, NULL);
    /* the scope belongs to exclude only */
    expect_error(mini_management("2.35e7",
                                 "cap: {share_max: 0.3, scope: management, "
                                 "from_year: 2022}"),
                 "t.yaml:25:38: policies[0].instruments[0].scope: "
                 "\"management\": expected one of ran, sensitive",
                 NULL, NULL);
    expect_error(mini_management("2.35e7",
                                 "mitigation: {scope: management, "
                                 "from_year: 2022}"),
                 "t.yaml:25:22: policies[0].instruments[0].scope: unknown key",
                 NULL, NULL);
}

/* ---- soft budgets, soft deadlines, subsidies ---- */

/* MINI (heap copy) with each pair of `edits` (from, to, ..., NULL)
 * applied in turn. */
static char *mini_edited(const char *const *edits)
{
    char *t = strdup(MINI);
    assert_non_null(t);
    for (int i = 0; edits[i] != NULL; i += 2)
        t = test_replace(t, edits[i], edits[i + 1]);
    return t;
}

static void test_soft_fields_defaults(void **state)
{
    (void)state;
    scn *s = load_ok(MINI);
    /* absent: the documented defaults, -1 standing for "derived" */
    assert_int_equal(s->market.financing_rate.param, -1);
    assert_close(s->market.financing_rate.value, -1, 0);
    assert_int_equal(s->market.financing_term_years, 5);
    assert_false(s->operators[0].budget_hard);
    const scn_instrument *in = &s->policies[1].instruments[0];
    assert_false(in->deadline_hard);
    assert_int_equal(in->late_penalty_eur_site_year.param, -1);
    assert_close(in->late_penalty_eur_site_year.value, -1, 0);
    assert_string_equal(scn_instr_name(INSTR_SUBSIDY), "subsidy");
    scn_free(s);
}

static void test_soft_fields_given(void **state)
{
    (void)state;
    static const char *const edits[] = {
        "swap_eur_site: 35000}",
        "swap_eur_site: 35000, financing_rate: {dist: uniform, min: 0.05, "
        "max: 0.12}, financing_term_years: 12}",
        "capex_budget_eur_year: 1.0e8\n",
        "capex_budget_eur_year: 1.0e8\n    budget_hard: true\n",
        "removal_year: 2025}\n",
        "removal_year: 2025, late_penalty_eur_site_year: {dist: uniform, "
        "min: 5.0e4, max: 9.0e4}}\n"
        "      - subsidy: {share: 0.4, fund_eur_year: 1.0e7, fund_eur_total: "
        "3.0e7, operators: op1, vendors: eastern, regions: city, from_year: "
        "2023}\n"
        "      - subsidy: {share: {dist: uniform, min: 0.1, max: 0.6}}\n"
        "  - name: hard\n"
        "    instruments:\n"
        "      - exclude: {vendors: eastern, scope: ran, from_year: 2022, "
        "removal_year: 2024, deadline_hard: true}\n",
        NULL};
    char *t = mini_edited(edits);
    scn *s = load_ok(t);
    free(t);
    int k = param_index(s, "market.financing_rate");
    assert_true(k >= 0);
    assert_int_equal(s->market.financing_rate.param, k);
    assert_int_equal(s->market.financing_term_years, 12);
    assert_true(s->operators[0].budget_hard);
    const scn_policy *ban = &s->policies[1];
    assert_int_equal(ban->ninstruments, 3);
    assert_false(ban->instruments[0].deadline_hard);
    k = param_index(s, "policies[0].instruments[0].late_penalty_eur_site_year");
    assert_true(k >= 0);
    const scn_instrument *sub = &ban->instruments[1];
    assert_int_equal(sub->kind, INSTR_SUBSIDY);
    assert_close(sub->subsidy_share.value, 0.4, 0);
    assert_close(sub->fund_eur_year, 1e7, 0);
    assert_close(sub->fund_eur_total, 3e7, 0);
    assert_int_equal(sub->operators, 1u);
    assert_int_equal(sub->vendors, 1u << 1);
    assert_int_equal(sub->regions, 1u);
    assert_int_equal(sub->from_year, 2023);
    /* defaults of a subsidy: every operator, high_risk, every region,
     * the first year, uncapped */
    sub = &ban->instruments[2];
    assert_true(sub->subsidy_share.param >= 0);
    assert_close(sub->fund_eur_year, 0, 0);
    assert_close(sub->fund_eur_total, 0, 0);
    assert_int_equal(sub->operators, 1u);
    assert_int_equal(sub->vendors, scn_high_risk_mask(s));
    assert_int_equal(sub->regions, 3u);
    assert_int_equal(sub->from_year, 2021);
    assert_true(s->policies[2].instruments[0].deadline_hard);
    scn_free(s);
}

static void test_err_soft_fields(void **state)
{
    (void)state;
    expect_error(mini_with("swap_eur_site: 35000}",
                           "swap_eur_site: 35000, financing_rate: 1.5}"),
                 "t.yaml:2:101: market.financing_rate: \"1.5\": expected a "
                 "rate in [0, 1]", NULL, NULL);
    expect_error(mini_with("swap_eur_site: 35000}",
                           "swap_eur_site: 35000, financing_term_years: 0}"),
                 "t.yaml:2:107: market.financing_term_years: \"0\": expected "
                 "an integer in [1, 30]", NULL, NULL);
    expect_error(mini_with("swap_eur_site: 35000}",
                           "swap_eur_site: 35000, financing_term_years: 2.5}"),
                 "t.yaml:2:107: market.financing_term_years: \"2.5\": "
                 "expected an integer in [1, 30]", NULL, NULL);
    expect_error(mini_with("    capex_budget_eur_year: 1.0e8\n",
                           "    capex_budget_eur_year: 1.0e8\n"
                           "    budget_hard: maybe\n"),
                 "t.yaml:22:18: operators[0].budget_hard: \"maybe\": "
                 "expected true or false", NULL, NULL);
    expect_error(mini_with("removal_year: 2025}",
                           "removal_year: 2025, deadline_hard: 1}"),
                 "t.yaml:25:91: policies[0].instruments[0].deadline_hard: "
                 "\"1\": expected true or false", NULL, NULL);
    expect_error(mini_with("removal_year: 2025}",
                           "removal_year: 2025, late_penalty_eur_site_year: "
                           "-5}"),
                 "t.yaml:25:104: policies[0].instruments[0]."
                 "late_penalty_eur_site_year: \"-5\": expected a number in "
                 "[0, 1e9]", NULL, NULL);
    expect_error(mini_with("from_year: 2022, removal_year: 2025}",
                           "from_year: 2022, late_penalty_eur_site_year: "
                           "1.0e5}"),
                 "t.yaml:25:84: policies[0].instruments[0]."
                 "late_penalty_eur_site_year: \"1.0e5\": expected no "
                 "late_penalty_eur_site_year without a removal_year",
                 NULL, NULL);
    expect_error(mini_with("removal_year: 2025}",
                           "removal_year: 2025, deadline_hard: true, "
                           "late_penalty_eur_site_year: 1.0e5}"),
                 "t.yaml:25:125: policies[0].instruments[0]."
                 "late_penalty_eur_site_year: \"1.0e5\": expected no "
                 "late_penalty_eur_site_year with deadline_hard: true",
                 NULL, NULL);
    expect_error(mini_management("2.35e7",
                                 "exclude: {vendors: high_risk, scope: "
                                 "management, removal_year: 2029, "
                                 "deadline_hard: true}"),
                 "t.yaml:25:93: policies[0].instruments[0].deadline_hard: "
                 "\"true\": expected no deadline_hard with scope management",
                 NULL, NULL);
}

static void test_err_subsidy(void **state)
{
    (void)state;
    const char *ban = "removal_year: 2025}\n";
    expect_error(mini_with(ban, "removal_year: 2025}\n"
                                "      - subsidy: {fund_eur_year: 1.0e7}\n"),
                 "t.yaml:26:18: policies[0].instruments[1].share: missing: "
                 "expected a share in [0, 1]", NULL, NULL);
    expect_error(mini_with(ban, "removal_year: 2025}\n"
                                "      - subsidy: {share: 1.2}\n"),
                 "t.yaml:26:26: policies[0].instruments[1].share: \"1.2\": "
                 "expected a share in [0, 1]", NULL, NULL);
    expect_error(mini_with(ban, "removal_year: 2025}\n"
                                "      - subsidy: {share: 0.5, "
                                "fund_eur_total: -1}\n"),
                 "t.yaml:26:47: policies[0].instruments[1].fund_eur_total: "
                 "\"-1\": expected a number in [0, 1e12]", NULL, NULL);
    expect_error(mini_with(ban, "removal_year: 2025}\n"
                                "      - subsidy: {share: 0.5, "
                                "operators: [op1, op9]}\n"),
                 "t.yaml:26:48: policies[0].instruments[1].operators: "
                 "\"op9\": expected an operator name (one of op1)",
                 NULL, NULL);
    expect_error(mini_with(ban, "removal_year: 2025}\n"
                                "      - subsidy: {share: 0.5, "
                                "removal_year: 2025}\n"),
                 "t.yaml:26:31: policies[0].instruments[1].removal_year: "
                 "unknown key", NULL, NULL);
    /* the shares of one policy's subsidies sum to at most 1 */
    expect_error(mini_with(ban, "removal_year: 2025}\n"
                                "      - subsidy: {share: 0.6}\n"
                                "      - subsidy: {share: 0.5, vendors: "
                                "nordic}\n"),
                 "t.yaml:27:26: policies[0].instruments[2].share: \"0.5\": "
                 "expected subsidy shares of policy ban summing to at most 1 "
                 "(they reach 1.1 here)", NULL, NULL);
    /* a drawn share counts at its largest value */
    expect_error(mini_with(ban, "removal_year: 2025}\n"
                                "      - subsidy: {share: 0.6}\n"
                                "      - subsidy: {share: {dist: uniform, "
                                "min: 0.1, max: 0.5}}\n"),
                 "t.yaml:27:26: policies[0].instruments[2].share:",
                 "policy ban summing to at most 1 (they reach 1.1 here, a "
                 "drawn share counting at its largest value)", NULL);
    scn_free(load_ok(mini_with(ban, "removal_year: 2025}\n"
                                    "      - subsidy: {share: 0.6}\n"
                                    "      - subsidy: {share: 0.4}\n")));
}

/* ---- non-radio equipment ---- */

static void test_equipment(void **state)
{
    (void)state;
    scn *s = load_ok(MINI);
    for (int v = 0; v < s->nvendors; v++) {
        assert_int_equal(s->operators[0].units_core[v].param, -1);
        assert_close(s->operators[0].units_core[v].value, 0, 0);
        assert_int_equal(s->operators[0].units_transport[v].param, -1);
        assert_close(s->operators[0].units_transport[v].value, 0, 0);
    }
    assert_int_equal(s->market.core_site_swap_eur.param, -1);
    assert_close(s->market.core_site_swap_eur.value, -1, 0);
    assert_close(s->market.transport_swap_eur.value, -1, 0);
    scn_free(s);
    static const char *const edits[] = {
        "swap_eur_site: 35000}",
        "swap_eur_site: 35000, core_site_swap_eur: 2.0e6, "
        "transport_swap_eur: 8000}",
        "    core_vendor: nordic\n",
        "    core_vendor: nordic\n"
        "    equipment:\n"
        "      core_sites: {eastern: 3}\n"
        "      transport: {eastern: {dist: uniform, min: 100, max: 200}, "
        "nordic: 50}\n",
        NULL};
    char *t = mini_edited(edits);
    s = load_ok(t);
    free(t);
    const scn_operator *op = &s->operators[0];
    assert_close(op->units_core[1].value, 3, 0);
    assert_close(op->units_core[0].value, 0, 0);
    assert_int_equal(op->units_core[0].param, -1);
    int k = param_index(s, "operators[0].equipment.transport.eastern");
    assert_true(k >= 0);
    assert_int_equal(op->units_transport[1].param, k);
    assert_close(op->units_transport[0].value, 50, 0);
    assert_close(s->market.core_site_swap_eur.value, 2e6, 0);
    assert_close(s->market.transport_swap_eur.value, 8000, 0);
    scn_free(s);
}

static void test_err_equipment(void **state)
{
    (void)state;
    const char *core = "    core_vendor: nordic\n";
    expect_error(mini_with(core, "    core_vendor: nordic\n"
                                 "    equipment: {core_sites: {eastern: 3}}\n"),
                 "t.yaml:2:9: market.core_site_swap_eur: absent: expected a "
                 "number in [0, 1e9], or a distribution map: the swap price "
                 "of operators[0].equipment.core_sites.eastern", NULL, NULL);
    expect_error(mini_with(core, "    core_vendor: nordic\n"
                                 "    equipment: {transport: {zte: 3}}\n"),
                 "t.yaml:21:29: operators[0].equipment.transport: \"zte\": "
                 "expected a vendor name (one of nordic, eastern)", NULL,
                 NULL);
    expect_error(mini_with(core, "    core_vendor: nordic\n"
                                 "    equipment: {core_sites: {eastern: -3}}\n"),
                 "t.yaml:21:39: operators[0].equipment.core_sites.eastern: "
                 "\"-3\": expected a number in [0, 1e7]", NULL, NULL);
    expect_error(mini_with(core, "    core_vendor: nordic\n"
                                 "    equipment: {radios: {eastern: 3}}\n"),
                 "t.yaml:21:17: operators[0].equipment.radios: unknown key",
                 "core_sites", NULL);
}

/* ---- errors: auctions ---- */

static void test_err_auction_keys(void **state)
{
    (void)state;
    expect_error(auc_with("  strategy: shaded\n", "  stratagem: shaded\n"),
                 "t.yaml:59:3: auction.stratagem: unknown key: expected one "
                 "of format, increment,",
                 "strategy_param, additive", NULL);
    expect_error(auc_with("  format: smra\n", ""),
                 "t.yaml:47:3: auction.format: missing: expected an auction "
                 "format (one of clock, smra, cca, sealed_first, "
                 "sealed_second, sealed_core), or none",
                 NULL, NULL);
    expect_error(auc_with("format: smra", "format: english"),
                 "t.yaml:47:11: auction.format: \"english\": expected an "
                 "auction format (one of clock, smra, cca, sealed_first, "
                 "sealed_second, sealed_core), or none",
                 NULL, NULL);
    expect_error(auc_with("round_limit: 750", "round_limit: 20001"),
                 "t.yaml:50:16: auction.round_limit: \"20001\": expected an "
                 "integer in [1, 20000] (limit AUCTION_ROUNDS_MAX)",
                 NULL, NULL);
}

static void test_err_auction_lots(void **state)
{
    (void)state;
    /* b3600 and b1800 have no reserve: prices could not rise */
    expect_error(auc_with("  increment_min_eur: 2.5e5\n", ""),
                 "t.yaml:47:3: auction.increment_min_eur: 0: expected > 0 "
                 "when band b3600 has a reserve of 0",
                 NULL, NULL);
    expect_error(auc_with("{b3600: 12, b700: 3}", "{b3600: 31, b700: 3}"),
                 "t.yaml:53:17: auction.caps.b3600: \"31\": expected a "
                 "number of lots in [0, 30] (the lots of band b3600)",
                 NULL, NULL);
    expect_error(auc_with("{b3600: 12, b700: 3}", "{b3600: 12, b900: 3}"),
                 "t.yaml:53:21: auction.caps: \"b900\": expected a band name "
                 "(one of b700, b3600, b1800)",
                 NULL, NULL);
    expect_error(auc_with("setaside: {b3600: 4}", "setaside: {b700: 7}"),
                 "t.yaml:55:20: auction.setaside.b700: \"7\": expected a "
                 "number of lots in [0, 6] (the lots of band b700)",
                 NULL, NULL);
    expect_error(auc_with("  cap_total: 14", "  cap_total: 0"),
                 "t.yaml:54:14: auction.cap_total: \"0\": expected a number "
                 "of lots in [1, 10000]",
                 NULL, NULL);
    /* more lots than an auction can sell: the message points at the
     * band's lots and shows the value written there */
    expect_error(auc_with("    lots: 30\n", "    lots: 65\n"),
                 "t.yaml:15:11: bands[1].lots: \"65\": expected at most 64 "
                 "lots in a band that is auctioned (AUCTION_LOTS_MAX)",
                 NULL, NULL);
}

/* AUC with every auctioned band given a reserve, no absolute increment,
 * and the policy's reserve factor written as `factor` (the reserve factor
 * then sits on line 42); heap, for the caller to free. */
static char *auc_factor(const char *factor)
{
    char *t = test_replace(strdup(AUC), "  increment_min_eur: 2.5e5\n", "");
    t = test_replace(t, "    lots: 30\n", "    lots: 30\n    reserve_eur: 1.5e6\n");
    return test_replace(t, "{dist: triangular, min: 0.5, mode: 0.8, "
                           "max: 1.5}", factor);
}

/* A reserve factor that can be 0 leaves an ascending auction without a
 * rising price unless increment_min_eur > 0: validate refuses it (it used
 * to fail every replication at run time). Sealed formats never use the
 * increments and accept it, and a zero reserve with them needs no
 * increment at all. */
static void test_err_auction_reserve_factor(void **state)
{
    (void)state;
    char *t = auc_factor("0");
    expect_error(t, "t.yaml:42:27: policies[0].instruments[1].reserve_factor: "
                    "\"0\": expected > 0 for format smra in policy 'tough'",
                 "auction.increment_min_eur", NULL);
    free(t);
    t = auc_factor("{dist: uniform, min: 0, max: 1.5}");
    expect_error(t, "t.yaml:42:27: policies[0].instruments[1].reserve_factor: "
                    "{dist: uniform, min: 0, max: 1.5}: expected > 0",
                 NULL, NULL);
    free(t);
    t = auc_factor("0.25");
    scn_free(load_ok(t));
    free(t);
    /* the same factor 0 with a sealed format, and the scenario's zero
     * reserve of b3600 with no increment at all: both load */
    t = test_replace(auc_factor("0"), "format: smra", "format: sealed_second");
    scn_free(load_ok(t));
    free(t);
    t = test_replace(strdup(AUC), "  increment_min_eur: 2.5e5\n", "");
    t = test_replace(t, "format: smra", "format: sealed_first");
    scn_free(load_ok(t));
    free(t);
}

/* tests/data/auction_llg.yaml with its first `from` replaced by `to`;
 * heap, for the caller to free. */
static char *llg_with(const char *from, const char *to)
{
    return test_replace(test_read_file("tests/data/auction_llg.yaml"), from,
                        to);
}

/* Explicit XOR values: each operator's packages, lots by band and a value
 * that may be drawn (an uncertain input under its path). */
static void test_explicit_packages(void **state)
{
    (void)state;
    char *t = llg_with("{lots: {a: 1, b: 1}, value: 9.0e6}",
                       "{lots: {a: 1, b: 1}, value: 9.0e6}, {lots: {b: 1}, "
                       "value: {dist: uniform, min: 1.0e6, max: 2.0e6}}");
    scn *s = load_ok(t);
    free(t);
    assert_int_equal(s->auction.value_model, VALUE_EXPLICIT);
    const scn_operator *g = &s->operators[2];
    assert_int_equal(s->operators[0].npackages, 1);
    assert_int_equal(s->operators[0].packages[0].lots[0], 1);
    assert_int_equal(s->operators[0].packages[0].lots[1], 0);
    assert_close(s->operators[0].packages[0].value.value, 6.3e6, 1e-12);
    assert_int_equal(g->npackages, 2);
    assert_int_equal(g->packages[0].lots[0], 1);
    assert_int_equal(g->packages[0].lots[1], 1);
    assert_int_equal(g->packages[1].lots[0], 0);
    assert_int_equal(g->packages[1].lots[1], 1);
    int k = param_index(s, "operators[2].packages[1].value");
    assert_true(k >= 0);
    assert_int_equal(g->packages[1].value.param, k);
    assert_close(g->packages[1].value.value, 1.5e6, 1e-12);
    scn_free(s);
}

static void test_err_explicit_packages(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *prefix;
    } cases[] = {
        {"value_model: explicit", "value_model: network",
         "t.yaml:32:16: operators[0].packages: a list: expected no packages "
         "unless the auction has value_model explicit"},
        {"{lots: {a: 1}, value: 6.3e6}", "{lots: {a: 0}, value: 6.3e6}",
         "t.yaml:32:24: operators[0].packages[0].lots: {a: 0}: expected at "
         "least one lot"},
        {"{lots: {a: 1}, value: 6.3e6}", "{lots: {a: 2}, value: 6.3e6}",
         "t.yaml:32:28: operators[0].packages[0].lots.a: \"2\": expected a "
         "number of lots in [0, 1] (the lots of band a)"},
        {"{lots: {a: 1}, value: 6.3e6}", "{lots: {c: 1}, value: 6.3e6}",
         "t.yaml:32:25: operators[0].packages[0].lots: \"c\": expected a "
         "band name (one of a, b)"},
        {"{lots: {a: 1}, value: 6.3e6}", "{lots: {a: 1}, value: -1}",
         "t.yaml:32:39: operators[0].packages[0].value: \"-1\": expected a "
         "number in [0, 1e12]"},
        {"{lots: {a: 1}, value: 6.3e6}", "{lots: {a: 1}}",
         "t.yaml:32:17: operators[0].packages[0].value: missing"},
        {"[{lots: {a: 1}, value: 6.3e6}]", "[]",
         "t.yaml:32:16: operators[0].packages: an empty list: expected a "
         "list of at least 1 item"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t = llg_with(cases[i].from, cases[i].to);
        expect_error(t, cases[i].prefix, NULL, NULL);
        free(t);
    }
}

/* CATS files: a file read into the explicit model (goods as bands of one
 * lot, bids grouped by dummy good), and every malformed file refused with
 * its line. */
static void test_cats(void **state)
{
    (void)state;
    const char *ok = "% comment\n\ngoods 3\nbids 4\ndummy 1\n"
                     "0\t2.385\t0\t1\t3\t#\n1\t1.5\t2\t3\t#\n"
                     "2\t1.25\t1\t#\n3\t0.5\t0\t2\t#\n";
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    assert_int_equal(scn_cats_load("c.txt", ok, strlen(ok), &s, &e), ERR_OK);
    assert_int_equal(s->nbands, 3);
    assert_int_equal(s->bands[2].lots, 1);
    assert_string_equal(s->bands[1].name, "g1");
    assert_int_equal(s->auction.value_model, VALUE_EXPLICIT);
    /* bids 0 and 1 share dummy good 3: bidder0; 2 and 3 are alone */
    assert_int_equal(s->noperators, 3);
    assert_string_equal(s->operators[0].name, "bidder0");
    assert_int_equal(s->operators[0].npackages, 2);
    assert_int_equal(s->operators[0].packages[0].lots[0], 1);
    assert_int_equal(s->operators[0].packages[0].lots[1], 1);
    assert_int_equal(s->operators[0].packages[0].lots[2], 0);
    assert_close(s->operators[0].packages[0].value.value, 2.385, 1e-15);
    assert_int_equal(s->operators[0].packages[1].lots[2], 1);
    assert_int_equal(s->operators[2].npackages, 1);
    assert_close(s->operators[2].packages[0].value.value, 0.5, 1e-15);
    scn_free(s);
    static const struct { const char *text, *msg; } bad[] = {
        {"", "c.txt:1: end of file: expected \"goods N\""},
        {"goods 9\n", "c.txt:1: goods 9: expected at most 8"},
        {"goods 2\nbid 1\n", "c.txt:2: \"bid 1\": expected \"bids N\""},
        {"goods 2\nbids 1\ndummy 0\n", "c.txt:3: end of file after 0 bids"},
        {"goods 2\nbids 1\ndummy 0\n1 5 0 #\n",
         "c.txt:4: bid id \"1\": expected 0"},
        {"goods 2\nbids 1\ndummy 0\n0 -5 0 #\n",
         "c.txt:4: bid 0: price \"-5\": expected a number in [0, 1e12]"},
        {"goods 2\nbids 1\ndummy 0\n0 5 0\n", "c.txt:4: bid 0: no closing #"},
        {"goods 2\nbids 1\ndummy 0\n0 5 0 0 #\n", "c.txt:4: bid 0: good 0 twice"},
        {"goods 2\nbids 1\ndummy 2\n0 5 0 2 3 #\n",
         "c.txt:4: bid 0: a second dummy good 3"},
        {"goods 2\nbids 1\ndummy 1\n0 5 2 #\n", "c.txt:4: bid 0: no good"},
        {"goods 2\nbids 1\ndummy 0\n0 5 1 # 1\n",
         "c.txt:4: bid 0: \"1\" after #"},
        {"goods 2\nbids 1\ndummy 0\n0 5 1 #\n1 5 0 #\n",
         "c.txt:5: \"1 5 0 #\": expected the end of the file after 1 bids"},
        {"goods 1\nbids 9\ndummy 0\n0 1 0 #\n1 1 0 #\n2 1 0 #\n3 1 0 #\n"
         "4 1 0 #\n5 1 0 #\n6 1 0 #\n7 1 0 #\n8 1 0 #\n",
         "c.txt: bid 8 is of a bidder beyond the 8 a scenario holds"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        s = (scn *)1;
        assert_int_equal(scn_cats_load("c.txt", bad[i].text,
                                       strlen(bad[i].text), &s, &e),
                         ERR_SCENARIO);
        assert_null(s);
        if (strncmp(e.msg, bad[i].msg, strlen(bad[i].msg)) != 0)
            fail_msg("case %zu: \"%s\" does not start with \"%s\"", i,
                     e.msg, bad[i].msg);
    }
}

static void test_err_auction_values(void **state)
{
    (void)state;
    char text[sizeof AUC];
    /* AUC without its last four lines, the additive map. */
    snprintf(text, sizeof text, "%.*s",
             (int)(strstr(AUC, "  additive:\n") - AUC), AUC);
    expect_error(text,
                 "t.yaml:47:3: auction.additive: missing: expected a map "
                 "with base_lo, base_hi and optional synergy",
                 "value_model additive", NULL);
    expect_error(auc_with("value_model: additive", "value_model: network"),
                 "t.yaml:62:5: auction.additive: a map: expected no additive "
                 "map with value_model network",
                 NULL, NULL);
    expect_error(auc_with("base_hi: {b700: 6.5e7", "base_hi: {b700: 3.5e7"),
                 "t.yaml:63:21: auction.additive.base_hi.b700: \"3.5e7\": "
                 "expected a number at least base_lo.b700 (4e7)",
                 NULL, NULL);
    expect_error(auc_with("{b700: 4.0e7, b3600: 1.5e7}", "{b700: 4.0e7}"),
                 "t.yaml:62:14: auction.additive.base_lo.b3600: missing: "
                 "expected a number in [0, 1e11]",
                 NULL, NULL);
    expect_error(auc_with("b700: -0.2", "b700: -1"),
                 "t.yaml:64:34: auction.additive.synergy.b700: \"-1\": "
                 "expected a number in [-0.9, 10]",
                 NULL, NULL);
    expect_error(auc_with("payment_years: 3", "payment_years: 11"),
                 "t.yaml:58:18: auction.payment_years: \"11\": expected a "
                 "number of years in [1, 10] (at most the 10 years of the "
                 "horizon)",
                 NULL, NULL);
    expect_error(auc_with("max: 0.2}", "max: 1.2}"),
                 "t.yaml:57:21: auction.private_value_sd: {dist: uniform, "
                 "min: 0.05, max: 1.2}: expected a number in [0, 1]",
                 NULL, NULL);
}

static void test_err_auction_strategy(void **state)
{
    (void)state;
    expect_error(auc_with("strategy: shaded", "strategy: greedy"),
                 "t.yaml:59:13: auction.strategy: \"greedy\": expected a "
                 "bidding strategy (one of straightforward, shaded)",
                 NULL, NULL);
    expect_error(auc_with("strategy_param: 0.175", "strategy_param: 1.5"),
                 "t.yaml:60:19: auction.strategy_param: \"1.5\": expected a "
                 "number for strategy shaded: in [0, 1)",
                 NULL, NULL);
    expect_error(auc_with("strategy_param: 0.175", "strategy_param: \"0.1\""),
                 "t.yaml:60:19: auction.strategy_param: \"0.1\": expected a "
                 "number for strategy shaded",
                 NULL, NULL);
}

static void test_err_auction_references(void **state)
{
    (void)state;
    expect_error(auc_with("affiliated_vendor: eastern",
                          "affiliated_vendor: western"),
                 "t.yaml:35:24: operators[1].affiliated_vendor: \"western\": "
                 "expected a vendor name (one of nordic, eastern)",
                 NULL, NULL);
    expect_error(auc_with("format: smra", "format: none"),
                 "t.yaml:41:27: policies[0].instruments[1].reserve_factor: "
                 "an auction rule, but the scenario has no auction: "
                 "expected only obligation",
                 NULL, NULL);
    char text[sizeof MINI + 128];
    snprintf(text, sizeof text, "%s      - auction: {cap_total: 3}\n",
             MINI);
    expect_error(text, "t.yaml:26:30: policies[0].instruments[1].cap_total: "
                       "an auction rule, but the scenario has no auction",
                 NULL, NULL);
}

static void test_err_auction_instrument(void **state)
{
    (void)state;
    expect_error(auc_with("{year: 2027", "{year: 2035"),
                 "t.yaml:45:30: policies[0].instruments[1].obligation.year: "
                 "\"2035\": expected a year in [2021, 2030] (within the "
                 "horizon)",
                 NULL, NULL);
    expect_error(auc_with("caps: {b700: 2}", "caps: {b700: 7}"),
                 "t.yaml:42:24: policies[0].instruments[1].caps.b700: \"7\": "
                 "expected a number of lots in [0, 6]",
                 NULL, NULL);
    expect_error(auc_with("setaside: {b3600: 6}", "setaside: {b36: 6}"),
                 "t.yaml:44:22: policies[0].instruments[1].setaside: "
                 "\"b36\": expected a band name (one of b700, b3600, b1800)",
                 NULL, NULL);
    expect_error(auc_with("max: 1.5}", "max: 150}"),
                 "t.yaml:41:27: policies[0].instruments[1].reserve_factor: ",
                 "expected a number in [0, 100]", NULL);
    expect_error(auc_with("cap_total: 10", "cap_total: 10\n          "
                                            "share_max: 0.3"),
                 "t.yaml:44:11: policies[0].instruments[1].share_max: "
                 "unknown key: expected one of reserve_factor, caps, "
                 "cap_total, setaside, spectrum_cap_mhz, obligation",
                 NULL, NULL);
}

/* ---- errors: correlations ---- */

static void test_err_correlation_path(void **state)
{
    (void)state;
    char text[sizeof MINI + 128];
    snprintf(text, sizeof text,
             "%scorrelations:\n  - {a: \"vendors[0].ran_new_eur\", b: "
             "market.swap_eur_site, rho: 0.5}\n",
             MINI);
    expect_error(text, "t.yaml:27:9: correlations[0].a: "
                       "\"vendors[0].ran_new_eur\": expected the path of an "
                       "input given as a distribution",
                 "none", NULL);
}

/* MINI with two distributions and a correlations section `corr`. */
static const char *mini_correlated(const char *corr)
{
    static char text[16384 + 512];
    snprintf(text, sizeof text, "%s%s",
             mini_with("site_opex_eur_year: 16000, swap_eur_site: 35000",
                       "site_opex_eur_year: {dist: uniform, min: 1, max: 3}, "
                       "swap_eur_site: {dist: uniform, min: 1, max: 2}"),
             corr);
    return text;
}

static void test_err_correlation_values(void **state)
{
    (void)state;
    scn *s = load_ok(mini_correlated(
        "correlations:\n  - {a: market.swap_eur_site, b: "
        "market.site_opex_eur_year, rho: -0.3}\n"));
    assert_int_equal(s->ncorrelations, 1);
    assert_int_equal(s->correlations[0].a, 1);
    assert_int_equal(s->correlations[0].b, 0);
    assert_close(s->correlations[0].rho, -0.3, 1e-12);
    scn_free(s);
    expect_error(mini_correlated("correlations:\n  - {a: market.swap_eur_site,"
                                 " b: market.site_opex_eur_year, rho: 1.0}\n"),
                 "t.yaml:27:", "correlations[0].rho: \"1.0\": expected a "
                               "correlation in (-1, 1)",
                 NULL);
    expect_error(mini_correlated("correlations:\n  - {a: market.swap_eur_site,"
                                 " b: market.swap_eur_site, rho: 0.5}\n"),
                 "t.yaml:27:", "correlations[0].b:", "other than a");
    expect_error(mini_correlated(
                     "correlations:\n"
                     "  - {a: market.swap_eur_site, b: "
                     "market.site_opex_eur_year, rho: 0.5}\n"
                     "  - {b: market.swap_eur_site, a: "
                     "market.site_opex_eur_year, rho: 0.2}\n"),
                 "t.yaml:28:5: correlations[1]: a pair already correlated",
                 "correlations[0] has it", NULL);
}

/* ---- errors: files ---- */

static void test_err_unreadable_file(void **state)
{
    (void)state;
    scn *s = (scn *)1;
    err_t e;
    assert_int_equal(scn_load("tests/no/such/file.yaml", &s, &e), ERR_IO);
    assert_null(s);
    assert_contains(e.msg, "tests/no/such/file.yaml");
    assert_contains(e.msg, "No such file");
    assert_int_equal(scn_load("tests", &s, &e), ERR_IO);
    assert_contains(e.msg, "tests");
}

/* ---- robustness ---- */

static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Random byte edits of MINI: the loader returns OK or a scenario error. */
static void test_fuzz_mutations(void **state)
{
    (void)state;
    static const char alphabet[] = "{}[]:,-#&*!|>'\"%@` \n\t0123456789.e+"
                                   "abcxyz_~\\";
    char buf[sizeof MINI + 64];
    uint64_t x = 0x9E3779B97F4A7C15u;
    int ok = 0;
    for (int round = 0; round < 2000; round++) {
        size_t len = sizeof MINI - 1;
        memcpy(buf, MINI, len);
        int edits = 1 + (int)(next_random(&x) % 4);
        for (int k = 0; k < edits; k++) {
            size_t at = (size_t)(next_random(&x) % len);
            uint64_t r = next_random(&x);
            char c = (r & 8) ? (char)(r >> 8)
                             : alphabet[(r >> 8) % (sizeof alphabet - 1)];
            if (r % 3 == 0 && len + 1 < sizeof buf) {
                memmove(buf + at + 1, buf + at, len - at);
                len++;
            } else if (r % 3 == 1 && len > 1) {
                memmove(buf + at, buf + at + 1, len - at - 1);
                len--;
                continue;
            }
            buf[at] = c;
        }
        scn *s = NULL;
        err_t e;
        err_code rc = scn_load_string("fuzz.yaml", buf, len, &s, &e);
        if (rc != ERR_OK && rc != ERR_SCENARIO)
            fail_msg("round %d: status %s: %s", round, err_name(rc), e.msg);
        if (rc == ERR_OK) ok++;
        if (rc == ERR_SCENARIO) assert_int_equal(e.code, ERR_SCENARIO);
        assert_true((rc == ERR_OK) == (s != NULL));
        scn_free(s);
    }
    /* Some edits (in comments-free text, e.g. digits) stay valid. */
    assert_true(ok > 0);
}

/* Junk shaped to be slow or deep: nesting, anchors, alias cycles, NUL. */
static void test_deep_junk(void **state)
{
    (void)state;
    enum { DEPTH = 1000000, ANCHORS = 100000 };
    char *text = malloc(12 * (size_t)ANCHORS + 2 * DEPTH + 64);
    assert_non_null(text);
    size_t o = (size_t)sprintf(text, "horizon: ");
    for (int i = 0; i < DEPTH; i++) text[o++] = '[';
    for (int i = 0; i < DEPTH; i++) text[o++] = ']';
    text[o] = '\0';
    expect_error(text, "t.yaml:1:73: document: maps and lists nested more "
                       "than 64 deep",
                 NULL, NULL);
    o = (size_t)sprintf(text, "horizon: [");
    for (int i = 0; i < ANCHORS; i++)
        o += (size_t)sprintf(text + o, "&a%d 1, *a0, ", i);
    sprintf(text + o, "1]\n");
    expect_error(text, "t.yaml:1:", "more than 256 anchors", NULL);
    free(text);
    /* A flat list of a million values is refused in the event pass, at
     * the node past the limit, before libyaml builds the document. */
    enum { VALUES = 1000000 };
    text = malloc(2 * (size_t)VALUES + 64);
    assert_non_null(text);
    o = (size_t)sprintf(text, "horizon: [");
    for (int i = 0; i < VALUES; i++) o += (size_t)sprintf(text + o, "1,");
    sprintf(text + o, "1]\n");
    expect_error(text, "t.yaml:1:", "document: more than 200000 values, "
                 "maps and lists: expected a scenario", NULL);
    free(text);
    expect_error("horizon: [[[[1]]]]\n", "t.yaml:1:10: horizon: a list: "
                                         "expected a map",
                 NULL, NULL);
    expect_error("horizon: &h {first_year: *h}\n",
                 "t.yaml:1:10: horizon.first_year: a map: expected a year",
                 NULL, NULL);
    expect_error("a: \"\\0\"\n", "t.yaml:1:1: a: unknown key", NULL, NULL);
    expect_error("{\"\\0\": 1}\n", "t.yaml:1:2: \\x00: unknown key", NULL,
                 NULL);
}

/* Two countries in one file: operators serve their own regions, a
 * policy's instrument applies to the regions it lists. */
static const char TWO_COUNTRIES[] =
    "horizon: {first_year: 2021, last_year: 2024}\n"
    "market: {margin_eur_user_year: 10, site_opex_eur_year: 5000, "
    "swap_eur_site: 30000}\n"
    "regions:\n"
    "  - {name: de, geotype: urban, population: 1.0e6, area_km2: 500, "
    "demand_mbps: 0.2}\n"
    "  - {name: fr, geotype: urban, population: 1.0e6, area_km2: 500, "
    "demand_mbps: 0.2}\n"
    "bands:\n"
    "  - {name: b3600, freq_mhz: 3600, mhz_per_lot: 10, range_km: {urban: "
    "0.5, suburban: 1, rural: 2}, efficiency: {urban: 7.8, suburban: 5, "
    "rural: 3.3}}\n"
    "vendors:\n"
    "  - {name: eri, ran_new_eur: 1.0e5, ran_upgrade_eur: 5.0e4, core_eur: "
    "1.0e7, capacity_sites_year: 500}\n"
    "  - {name: hua, high_risk: true, risk_score: 0.8, ran_new_eur: 8.0e4, "
    "ran_upgrade_eur: 4.0e4, core_eur: 1.0e7, capacity_sites_year: 500}\n"
    "operators:\n"
    "  - {name: dt, regions: [de], subscriber_share: 0.5, holdings_mhz: "
    "{b3600: 100}, sites: {de: 300}, installed_base: {hua: 0.5, eri: 0.5}, "
    "core_vendor: eri, capex_budget_eur_year: 3.0e7}\n"
    "  - {name: orange, regions: fr, subscriber_share: 0.5, holdings_mhz: "
    "{b3600: 100}, sites: {fr: 300}, installed_base: {eri: 1}, "
    "core_vendor: eri, capex_budget_eur_year: 3.0e7}\n"
    "policies:\n"
    "  - name: de_ban\n"
    "    instruments:\n"
    "      - exclude: {vendors: high_risk, from_year: 2021, removal_year: "
    "2023, regions: [de]}\n"
    "      - mitigation: {from_year: 2021, cost_site_year_eur: 100}\n";

static void test_markets_and_instrument_regions(void **state)
{
    (void)state;
    scn *s = load_ok(TWO_COUNTRIES);
    assert_int_equal(s->operators[0].market, 1u);
    assert_int_equal(s->operators[1].market, 2u);
    assert_int_equal(s->policies[1].instruments[0].regions, 1u);
    assert_int_equal(s->policies[1].instruments[1].regions, 3u);
    scn_free(s);
    char bad[4096];
    snprintf(bad, sizeof bad, "%s", TWO_COUNTRIES);
    char *at = strstr(bad, "sites: {fr: 300}");
    assert_non_null(at);
    memcpy(at, "sites: {de: 300}", 16);
    expect_error(bad, "t.yaml:13:96: operators[1].sites.de: \"300\"", NULL,
                 "sites only in the operator's regions");
    snprintf(bad, sizeof bad, "%s", TWO_COUNTRIES);
    at = strstr(bad, "regions: [de]}");
    assert_non_null(at);
    memcpy(at, "regions: [xx]}", 14);
    expect_error(bad, "t.yaml:17:86: policies[0].instruments[0].regions", NULL,
                 "a region name (one of de, fr)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markets_and_instrument_regions),
        cmocka_unit_test(test_default_loads),
        cmocka_unit_test(test_default_structure),
        cmocka_unit_test(test_mini_defaults),
        cmocka_unit_test(test_baseline_moved_first),
        cmocka_unit_test(test_canonical_order),
        cmocka_unit_test(test_installed_base_by_region),
        cmocka_unit_test(test_new_entrant_and_nulls),
        cmocka_unit_test(test_helpers),
        cmocka_unit_test(test_auction_section),
        cmocka_unit_test(test_auction_instrument),
        cmocka_unit_test(test_auction_absent),
        cmocka_unit_test(test_auction_defaults_and_none),
        cmocka_unit_test(test_spectrum_cap),
        cmocka_unit_test(test_err_spectrum_cap),
        cmocka_unit_test(test_err_yaml_syntax),
        cmocka_unit_test(test_err_empty_document),
        cmocka_unit_test(test_err_scalar_document),
        cmocka_unit_test(test_err_second_document),
        cmocka_unit_test(test_err_unknown_key_top),
        cmocka_unit_test(test_err_unknown_key_nested),
        cmocka_unit_test(test_err_duplicate_key),
        cmocka_unit_test(test_err_string_for_number),
        cmocka_unit_test(test_err_list_for_map),
        cmocka_unit_test(test_err_int_types),
        cmocka_unit_test(test_err_bad_name),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_err_country_partial),
        cmocka_unit_test(test_err_country_name),
        cmocka_unit_test(test_err_range_fixed),
        cmocka_unit_test(test_err_range_distribution),
        cmocka_unit_test(test_err_year_outside_horizon),
        cmocka_unit_test(test_err_removal_before_from),
        cmocka_unit_test(test_err_bad_distribution_name),
        cmocka_unit_test(test_err_bad_distribution_params),
        cmocka_unit_test(test_err_missing_field),
        cmocka_unit_test(test_err_missing_section),
        cmocka_unit_test(test_err_installed_base_absent),
        cmocka_unit_test(test_err_share_sum),
        cmocka_unit_test(test_err_subscriber_sum),
        cmocka_unit_test(test_err_undefined_references),
        cmocka_unit_test(test_err_duplicate_names),
        cmocka_unit_test(test_err_too_many_regions),
        cmocka_unit_test(test_err_baseline_with_instruments),
        cmocka_unit_test(test_err_mask_selects_nothing),
        cmocka_unit_test(test_err_instrument_shape),
        cmocka_unit_test(test_management_scope),
        cmocka_unit_test(test_err_management),
        cmocka_unit_test(test_soft_fields_defaults),
        cmocka_unit_test(test_soft_fields_given),
        cmocka_unit_test(test_err_soft_fields),
        cmocka_unit_test(test_err_subsidy),
        cmocka_unit_test(test_equipment),
        cmocka_unit_test(test_err_equipment),
        cmocka_unit_test(test_err_auction_keys),
        cmocka_unit_test(test_err_auction_lots),
        cmocka_unit_test(test_err_auction_reserve_factor),
        cmocka_unit_test(test_explicit_packages),
        cmocka_unit_test(test_cats),
        cmocka_unit_test(test_err_explicit_packages),
        cmocka_unit_test(test_err_auction_values),
        cmocka_unit_test(test_err_auction_strategy),
        cmocka_unit_test(test_err_auction_references),
        cmocka_unit_test(test_err_auction_instrument),
        cmocka_unit_test(test_err_correlation_path),
        cmocka_unit_test(test_err_correlation_values),
        cmocka_unit_test(test_err_unreadable_file),
        cmocka_unit_test(test_fuzz_mutations),
        cmocka_unit_test(test_deep_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
