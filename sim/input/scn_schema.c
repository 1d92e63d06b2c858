/* scn_schema.c — the tables of scn_schema.h: every field of a scenario
 * file with its type, unit, range, default and meaning.
 *
 * DESIGN — ranges used by several fields are defined once, below; a
 * table's order is the order the loader reads its map in (which fixes the
 * canonical order of the uncertain inputs, so it must not change without
 * reason), and its keys are the only keys that map accepts. Defaults name
 * their source or the assumption behind them in the documentation line.
 */
#include "scn_schema.h"

#include <stdio.h>
#include <string.h>

#include "auction.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define N(a) ((int)(sizeof a / sizeof a[0]))
#define OFF(st, m) .offset = offsetof(st, m)
/* A field whose key is the name of its member. */
#define FIELD(st, m, t) .key = #m, .type = t, OFF(st, m)
#define REQ .dflt = SCN_D_REQUIRED
#define DEF(v) .dflt = SCN_D_VALUE, .def = (v)
/* The name of a list item, read by hand. */
#define NAME(st, hook_, unique)                                              \
    {FIELD(st, name, SCN_T_HOOK), .hook = hook_, REQ, .type_doc = "name",    \
     .range_doc = unique, .doc = ""}
/* Lots by band, each at most the lots of its band. */
#define LOTS_MAP(key_, st, m, dflt_, def_doc_, doc_)                         \
    {.key = key_, .type = SCN_T_LOTS_BY_BAND, OFF(st, m),                    \
     .range = &R_BAND_LOTS, DEF(dflt_), .type_doc = "map band → int",        \
     .unit = "lots", .range_doc = "each [0, the band's lots]",               \
     .def_doc = def_doc_, .doc = doc_}

/* ---- shared ranges ---- */

const scn_range scn_range_share = {"a share", 0, 1, false, false};
#define R_SHARE scn_range_share
static const scn_range R_RATE = {"a rate", 0, 0.5, false, false};
static const scn_range R_YEAR = {"a year", SPECSIM_YEAR_MIN,
                                 SPECSIM_YEAR_MAX, false, false};
/* A year whose ends come from the horizon (lo_end, hi_end). */
static const scn_range R_HYEAR = {"a year", 0, 0, false, false};
static const scn_range R_COST_SITE = {"a number", 0, 1e7, false, false};
static const scn_range R_1E9 = {"a number", 0, 1e9, false, false};
static const scn_range R_EQUIP = {"a number", 0, 1e8, false, false};
static const scn_range R_1E10 = {"a number", 0, 1e10, false, false};
static const scn_range R_1E11 = {"a number", 0, 1e11, false, false};
static const scn_range R_1E12 = {"a number", 0, 1e12, false, false};
static const scn_range R_MARGIN = {"a number", 0, 1e4, false, false};
static const scn_range R_FACTOR = {"a number", 0.01, 10, false, false};
static const scn_range R_MHZ_CAP = {"a number", 0, 1e7, true, false};
static const scn_range R_NVENDORS = {"an integer", 1, 0, false, false};
/* Lots of one band: the upper end is that band's lots. */
static const scn_range R_BAND_LOTS = {"a number of lots", 0, 0, false, false};
static const scn_range R_LOTS_TOTAL = {"a number of lots", 1, 10000, false,
                                       false};

const char *const scn_geo_words[] = {"urban", "suburban", "rural", NULL};

static const char *const SCOPE_WORDS[] = {"ran", "core", "all", "sensitive",
                                          "management", NULL};
static const char *const RAN_SCOPE_WORDS[] = {"ran", "sensitive", NULL};
static const int RAN_SCOPES[] = {SCOPE_RAN, SCOPE_SENSITIVE};
static const char *const LEVEL_WORDS[] = {"operator", "national", NULL};
static const char *const VALUE_WORDS[] = {"network", "additive", "explicit",
                                          "gsvm", "lsvm", NULL};

/* ---- scenario, horizon, run, market ---- */

static const scn_field scenario_f[] = {
    {FIELD(scn, description, SCN_T_TEXT), .def_doc = "empty",
     .range_doc = "at most 255 bytes", .doc = "free text for reports"},
    {.key = "currency", .type = SCN_T_HOOK, .hook = SCN_H_CURRENCY,
     .type_doc = "text", .def_doc = "`EUR`",
     .range_doc = "three upper-case letters (ISO 4217)",
     .doc = "a label only: no conversion"},
};

static const scn_field horizon_f[] = {
    {.key = "first_year", .type = SCN_T_INT, OFF(scn, year_first),
     .range = &R_YEAR, .unit = "year", REQ, .flags = SCN_F_SHAPE,
     .doc = "first year of the study"},
    {.key = "last_year", .type = SCN_T_INT, OFF(scn, year_last),
     .range = &R_HYEAR, .lo_end = SCN_E_YEAR_AFTER, .hi_end = SCN_E_YEAR_SPAN,
     .note = " (after first_year; at most " STR(SPECSIM_YEARS_MAX)
             " years, limit SPECSIM_YEARS_MAX)",
     .unit = "year", REQ, .flags = SCN_F_SHAPE,
     .range_doc = "(first_year, first_year + 29], at most 2100",
     .doc = "last year of the study, included"},
    {FIELD(scn, discount_rate, SCN_T_NUM), .range = &R_RATE,
     .unit = "per year", DEF(0.07),
     .doc = "cash flows of year first_year + t count (1 + rate)^-t; "
            "assumption: a telecom WACC of about 7 %"},
};

static const scn_range R_REPS = {"an integer", 1, SPECSIM_REPS_MAX, false,
                                 false};
static const scn_range R_NODES = {"an integer", 1, 1e7, false, false};
static const scn_range R_TARGET = {"a share", 0.01, 1, false, false};
static const scn_range R_GAP = {"a number", 0, 0.1, false, false};

static const scn_field run_f[] = {
    {FIELD(scn_run, replications, SCN_T_LONG), .range = &R_REPS,
     .note = " (limit SPECSIM_REPS_MAX)", DEF(200), .flags = SCN_F_SHAPE,
     .doc = "Monte Carlo replications (option -n)"},
    {FIELD(scn_run, seed, SCN_T_U64), DEF(1), .flags = SCN_F_SHAPE,
     .range_doc = "[0, 2^64 - 1]",
     .doc = "run seed; with the replication index it fixes every random "
            "number (option --seed)"},
    {FIELD(scn_run, coverage_target, SCN_T_REAL), .range = &R_TARGET,
     .unit = "share of population", DEF(0.9),
     .doc = "national 5G coverage that defines the \"target year\""},
    {FIELD(scn_run, risk_core_weight, SCN_T_REAL), .range = &R_SHARE, DEF(0.5),
     .doc = "weight of the core (vs. the access network) in risk exposure; "
            "assumption: both count alike"},
    {FIELD(scn_run, mip_node_limit, SCN_T_LONG), .range = &R_NODES,
     .unit = "nodes", DEF(100000),
     .doc = "branch-and-bound nodes per program (the rollout, "
            "and the auction's winner determination)"},
    {FIELD(scn_run, mip_gap, SCN_T_REAL), .range = &R_GAP, .unit = "relative",
     DEF(1e-6), .doc = "optimality gap accepted"},
};

static const scn_range R_USERS = {"a number", 0, 2, false, false};
static const scn_range R_LIFE = {"a number", 1, 30, false, false};
static const scn_range R_PENALTY = {"a number", 0, 1e6, false, false};
static const scn_range R_TERM = {"an integer", 1, 30, false, false};
static const scn_range R_FIN_RATE = {"a rate", 0, 1, false, false};

static const scn_field market_f[] = {
    {FIELD(scn_market, margin_eur_user_year, SCN_T_NUM), .range = &R_MARGIN,
     REQ, .unit = "EUR per covered 5G user per year", .label = "Margin",
     .doc = "margin an operator earns on a user its 5G network covers"},
    {FIELD(scn_market, quality_eur_user_year, SCN_T_NUM), .range = &R_MARGIN,
     DEF(0), .unit = "EUR per covered 5G user per year, per doubling",
     .doc = "quality premium: extra margin per covered user and year for "
            "each doubling of the operator's busy-hour capacity over demand, "
            "`log2(sites / capacity sites)` averaged over its users "
            "(docs/model.md §3); 0 = users pay nothing for capacity beyond "
            "demand, so spectrum is then worth only the sites it saves and "
            "the faster rollout it allows"},
    {FIELD(scn_market, users_share, SCN_T_NUM), .range = &R_USERS, DEF(1),
     .unit = "users per person", .doc = "mobile users per inhabitant"},
    {FIELD(scn_market, site_opex_eur_year, SCN_T_NUM), .range = &R_COST_SITE,
     REQ, .unit = "EUR per site per year", .label = "Site opex",
     .doc = "operating cost of the 5G equipment of one site (power, "
            "maintenance, software), on every 5G site"},
    {FIELD(scn_market, new_site_opex_eur_year, SCN_T_NUM),
     .range = &R_COST_SITE, DEF(0), .unit = "EUR per site per year",
     .doc = "extra operating cost of a newly built site (rent, power, "
            "backhaul), from the year it is built; 0 costs new sites like "
            "upgraded ones apart from their build cost"},
    {FIELD(scn_market, swap_eur_site, SCN_T_NUM), .range = &R_COST_SITE, REQ,
     .unit = "EUR per site", .label = "Swap of a site's installed equipment",
     .doc = "removing a site's installed RAN before its end of life, on top "
            "of the new equipment"},
    {FIELD(scn_market, core_upgrade_share, SCN_T_NUM), .range = &R_SHARE,
     DEF(0.5), .unit = "share",
     .doc = "cost of upgrading the incumbent core, as a share of a new core"},
    {FIELD(scn_market, obligation_penalty_eur_pop, SCN_T_NUM),
     .range = &R_PENALTY, DEF(100), .unit = "EUR per person",
     .label = "Coverage-obligation penalty",
     .doc = "penalty per person short of a coverage obligation"},
    {FIELD(scn_market, financing_rate, SCN_T_NUM), .range = &R_FIN_RATE,
     DEF(-1), .unit = "per year", .def_doc = "discount_rate + 0.02",
     .doc = "interest on capex above an operator's soft budget "
            "(`budget_hard: false`), repaid as an annuity "
            "(docs/model.md §4); assumption: money raised beyond the plan "
            "costs two percentage points more than the operator's own "
            "capital"},
    {FIELD(scn_market, financing_term_years, SCN_T_INT), .range = &R_TERM,
     DEF(5), .unit = "years",
     .doc = "term of that loan, repaid from the year after the spending; "
            "assumption: five years, a common term of corporate loans"},
    {FIELD(scn_market, core_site_swap_eur, SCN_T_NUM), .range = &R_1E9,
     DEF(-1), .unit = "EUR per site",
     .def_doc = "none; required when an operator has equipment.core_sites",
     .doc = "removing one core-network site's equipment and replacing it "
            "like for like"},
    {FIELD(scn_market, transport_swap_eur, SCN_T_NUM), .range = &R_1E9,
     DEF(-1), .unit = "EUR per unit",
     .def_doc = "none; required when an operator has equipment.transport",
     .doc = "removing one transport or other unit and replacing it like "
            "for like"},
    /* Equipment age (docs/model.md §4, "Equipment age"). */
    {FIELD(scn_market, equipment_life_years, SCN_T_NUM), .range = &R_LIFE,
     DEF(-1), .unit = "years",
     .def_doc = "none: installed equipment has no age and stays until "
                "swapped",
     .doc = "life of radio equipment (book depreciation life), after "
            "which an installed site is refreshed like for like by any "
            "admissible vendor in the normal cycle, at no cost to the "
            "program (every policy pays it); equipment removed earlier "
            "writes off its remaining book value (straight line over this "
            "life, from vendors[].ran_upgrade_eur). Operators depreciate "
            "RAN equipment over about 5-10 years (e.g. Vodafone Group "
            "annual reports: network equipment 3-25 years, electronic "
            "equipment at the short end); the reference files use 6-10 "
            "years (assumption within that range)"},
};

/* ---- regions, bands, vendors ---- */

/* Realistic ranges for values that divide or multiply into the rollout
 * program: a value outside them is a typing error, not a scenario, and
 * would hand GLPK coefficients it cannot scale (docs/reliability.md). */
static const scn_range R_POP = {"a number", 1, 1e10, false, false};
static const scn_range R_AREA = {"a number", 0.01, 1e8, false, false};
static const scn_range R_DEMAND = {"a number", 0.001, 1e4, false, false};
static const scn_range R_GROWTH = {"a number", -0.5, 2, false, false};

static const scn_field region_f[] = {
    NAME(scn_region, SCN_H_ENTITY_NAME, "unique among regions, bands, vendors"),
    {FIELD(scn_region, geotype, SCN_T_WORD), .words = scn_geo_words, REQ,
     .doc = "selects the cell range and efficiency of each band"},
    {FIELD(scn_region, sensitive, SCN_T_BOOL), DEF(0),
     .doc = "the region counts for scope sensitive"},
    {.key = "country", .type = SCN_T_HOOK, .hook = SCN_H_COUNTRY,
     .type_doc = "name", .def_doc = "none",
     .range_doc = "given for every region or for none",
     .doc = "the country of the region when one file models several: "
            "results are also reported by country"},
    {FIELD(scn_region, population, SCN_T_NUM), .range = &R_POP, REQ,
     .unit = "persons", .label = "Population", .doc = "inhabitants"},
    {FIELD(scn_region, area_km2, SCN_T_NUM), .range = &R_AREA, REQ,
     .unit = "km²", .label = "Area", .doc = "surface"},
    {FIELD(scn_region, demand_mbps, SCN_T_NUM), .range = &R_DEMAND, REQ,
     .unit = "Mbit/s per user", .label = "Busy-hour demand",
     .doc = "busy-hour demand per user in the first year"},
    {FIELD(scn_region, demand_growth, SCN_T_NUM), .range = &R_GROWTH, DEF(0),
     .unit = "per year", .label = "Growth of demand",
     .doc = "growth of demand a year: 0.25 = +25 %"},
};

static const scn_range R_FREQ = {"a number", 100, 1e5, false, false};
static const scn_range R_LOTS = {"an integer", 0, 1000, false, false};
static const scn_range R_MHZ_LOT = {"a number", 0.1, 1000, false, false};
static const scn_range R_RANGE_KM = {"a number", 0.01, 100, false, false};
static const scn_range R_EFF = {"a number", 0.01, 50, false, false};

static const scn_field band_f[] = {
    NAME(scn_band, SCN_H_ENTITY_NAME, "unique among regions, bands, vendors"),
    {FIELD(scn_band, freq_mhz, SCN_T_REAL), .range = &R_FREQ, REQ,
     .unit = "MHz", .doc = "centre frequency"},
    {FIELD(scn_band, lots, SCN_T_INT), .range = &R_LOTS, DEF(0),
     .doc = "lots offered in the auction (0: band held only; at "
            "most 64 when an auction runs)"},
    {FIELD(scn_band, mhz_per_lot, SCN_T_REAL), .range = &R_MHZ_LOT, REQ,
     .unit = "MHz", .doc = "per direction if paired"},
    {FIELD(scn_band, paired, SCN_T_BOOL), DEF(0),
     .doc = "FDD pair: capacity counts one direction"},
    {FIELD(scn_band, reserve_eur, SCN_T_NUM), .range = &R_1E11, DEF(0),
     .unit = "EUR per lot", .doc = "reserve price"},
    {FIELD(scn_band, range_km, SCN_T_GEO), .range = &R_RANGE_KM, REQ,
     .unit = "km",
     .doc = "cell range by geotype: `{urban: num, suburban: num, rural: "
            "num}`, all three required"},
    {FIELD(scn_band, efficiency, SCN_T_GEO), .range = &R_EFF, REQ,
     .unit = "bit/s/Hz",
     .doc = "spectral efficiency per site sector by geotype, same shape, all "
            "three required"},
};

static const scn_range R_SHOCK_YEAR = {"a year", SPECSIM_YEAR_MIN,
                                       SPECSIM_YEAR_MAX, false, false};
static const scn_range R_SHOCK_OPEX = {"a number", 1, 10, false, false};
static const scn_range R_GROWTH_CAP = {"a number", 0, 1, false, true};
static const scn_range R_LAG = {"an integer", 1, 10, false, false};

/* A vendor's supply shock. */
static const scn_field shock_f[] = {
    {.key = "year", .type = SCN_T_NUM, OFF(scn_vendor, shock_year),
     .range = &R_SHOCK_YEAR, REQ, .unit = "year",
     .doc = "first year of the shock (a drawn year counts from its whole "
            "part); a year after last_year means no shock within the "
            "horizon, so a distribution reaching past it gives the shock a "
            "probability of never happening"},
    {.key = "capacity_share", .type = SCN_T_NUM,
     OFF(scn_vendor, shock_capacity_share), .range = &R_SHARE, DEF(1),
     .unit = "share of capacity_sites_year",
     .doc = "deliveries the vendor can still make from that year on"},
    {.key = "opex_factor", .type = SCN_T_NUM,
     OFF(scn_vendor, shock_opex_factor), .range = &R_SHOCK_OPEX, DEF(1),
     .unit = "factor",
     .doc = "multiplies the support (opex) cost of the vendor's sites from "
            "that year on; its installed legacy sites pay the rise too"},
};

static const scn_field vendor_f[] = {
    NAME(scn_vendor, SCN_H_ENTITY_NAME,
         "unique among regions, bands, vendors; not high_risk"),
    {FIELD(scn_vendor, high_risk, SCN_T_BOOL), DEF(0),
     .doc = "targeted by the word high_risk in vendor sets"},
    {FIELD(scn_vendor, risk_score, SCN_T_NUM), .range = &R_SHARE,
     .dflt = SCN_D_REQUIRED_IF_HIGH_RISK,
     .def_doc = "0; required if high_risk", .label = "Risk score",
     .doc = "weight of the vendor's sites in risk exposure"},
    {FIELD(scn_vendor, ran_new_eur, SCN_T_NUM), .range = &R_EQUIP, REQ,
     .unit = "EUR per site", .label = "New site",
     .doc = "RAN equipment and build of a new site"},
    {FIELD(scn_vendor, ran_upgrade_eur, SCN_T_NUM), .range = &R_EQUIP, REQ,
     .unit = "EUR per site", .label = "Upgrade of a site",
     .doc = "5G RAN on an existing site"},
    {FIELD(scn_vendor, core_eur, SCN_T_NUM), .range = &R_1E11, REQ,
     .unit = "EUR", .label = "Core", .doc = "one 5G core network"},
    {FIELD(scn_vendor, integration_eur, SCN_T_NUM), .range = &R_1E10, DEF(0),
     .unit = "EUR",
     .doc = "one-off, per operator and region where the vendor is used"},
    {FIELD(scn_vendor, opex_factor, SCN_T_NUM), .range = &R_FACTOR, DEF(1),
     .doc = "multiplies market.site_opex_eur_year"},
    {FIELD(scn_vendor, efficiency_factor, SCN_T_NUM), .range = &R_FACTOR,
     DEF(1), .doc = "multiplies the spectral efficiency"},
    {FIELD(scn_vendor, capacity_sites_year, SCN_T_NUM), .range = &R_COST_SITE,
     REQ, .unit = "sites per year", .label = "Deliveries",
     .doc = "deliveries the whole market can get from this vendor"},
    {FIELD(scn_vendor, management_swap_eur, SCN_T_NUM), .range = &R_1E11,
     DEF(-1), .unit = "EUR",
     .def_doc = "none; required by a management-scope exclusion",
     .doc = "one-off cost for one operator of replacing this vendor's "
            "network-management system with a third party's while keeping "
            "its radio equipment"},
    {FIELD(scn_vendor, available_year, SCN_T_INT), .range = &R_YEAR,
     .dflt = SCN_D_YEAR_FIRST, .unit = "year", .def_doc = "first_year",
     .label = "First 5G product",
     .doc = "first year a 5G product ships; may lie before the horizon"},
    /* Supply shocks and capacity ramps (docs/model.md §4). */
    {.key = "supply_shock", .type = SCN_T_MAP, .sub = shock_f,
     .nsub = N(shock_f), .def_doc = "none",
     .doc = "a shock to the vendor's supply {year, capacity_share, "
            "opex_factor}, in every policy, baseline included"},
    {FIELD(scn_vendor, capacity_growth, SCN_T_NUM), .range = &R_GROWTH_CAP,
     DEF(0), .unit = "share of deliveries",
     .def_doc = "0: the capacity is fixed",
     .doc = "ramp-up: deliveries in a year may exceed the capacity by this "
            "share of the vendor's deliveries capacity_lag_years before, so "
            "a vendor whose demand fills its capacity expands it with a "
            "lag; assumption: 0 unless a file states otherwise"},
    {FIELD(scn_vendor, capacity_lag_years, SCN_T_INT), .range = &R_LAG,
     DEF(1), .unit = "years",
     .doc = "lag of that ramp-up; assumption: a year to add production "
            "and installation crews"},
};

/* ---- operators ---- */

static const scn_range R_HOLD = {"a number", 0, 1e6, false, false};
static const scn_range R_CAPEX = {"a number", 1e3, 1e12, false, false};
static const scn_range R_AGE = {"a number", 0, 15, false, false};

/* A coverage obligation, in an operator (st scn_operator) and the same
 * map in an auction instrument (st scn_instrument). */
#define OBLIGATION(st)                                                       \
    {.key = "year", .type = SCN_T_INT, OFF(st, obligation_year),             \
     .range = &R_HYEAR, .lo_end = SCN_E_YEAR_FIRST,                          \
     .hi_end = SCN_E_YEAR_LAST, .note = " (within the horizon)", REQ,        \
     .unit = "year", .range_doc = "the horizon",                             \
     .doc = "covered by the end of this year"},                              \
    {.key = "share", .type = SCN_T_REAL, OFF(st, obligation_share),          \
     .range = &R_SHARE, REQ, .unit = "share of population",                  \
     .doc = "share of the population to cover"}
static const scn_field obligation_f[] = {OBLIGATION(scn_operator)};
static const scn_field instr_obligation_f[] = {OBLIGATION(scn_instrument)};

/* Installed equipment that is not a radio site, by vendor. */
static const scn_field equipment_f[] = {
    {.key = "core_sites", .type = SCN_T_BY_VENDOR,
     OFF(scn_operator, units_core), .range = &R_COST_SITE, DEF(0),
     .unit = "sites", .type_doc = "map vendor → num",
     .range_doc = "each [0, 1e7]",
     .doc = "core-network sites (switching centres, data centres) by "
            "vendor: removed by exclusions whose scope covers the core, at "
            "market.core_site_swap_eur each; vendors absent have none"},
    {.key = "transport", .type = SCN_T_BY_VENDOR,
     OFF(scn_operator, units_transport), .range = &R_COST_SITE, DEF(0),
     .unit = "units", .type_doc = "map vendor → num",
     .range_doc = "each [0, 1e7]",
     .doc = "transport and other equipment (backhaul, fixed-wireless "
            "access) by vendor: removed by exclusions of scope `all`, at "
            "market.transport_swap_eur each; vendors absent have none"},
};

/* One package of an operator's explicit XOR bid. */
static const scn_field package_f[] = {
    LOTS_MAP("lots", scn_package, lots, 0, "0",
             "lots of each band in the package; bands absent: none"),
    {FIELD(scn_package, value, SCN_T_NUM), .range = &R_1E12, REQ,
     .unit = "currency",
     .doc = "what the operator would pay at most for the package; drawn "
            "once per replication, the same for every policy"},
};

static const scn_field operator_f[] = {
    NAME(scn_operator, SCN_H_OWN_NAME, "unique among operators"),
    {FIELD(scn_operator, new_entrant, SCN_T_BOOL), DEF(0),
     .doc = "may win set-aside lots; needs no core_vendor"},
    {FIELD(scn_operator, subscriber_share, SCN_T_NUM), .range = &R_SHARE, REQ,
     .unit = "share of users", .label = "Subscribers",
     .doc = "share of the users of the regions it serves; over the operators "
            "serving a region, the values (means of drawn ones) sum to at "
            "most 1 (+1e-9)"},
    {FIELD(scn_operator, holdings_mhz, SCN_T_BY_BAND), .range = &R_HOLD,
     DEF(0), .unit = "MHz",
     .doc = "spectrum already held, **per direction** for a paired band (2 × "
            "10 MHz is 10); plain numbers; bands absent hold 0"},
    {FIELD(scn_operator, sites, SCN_T_BY_REGION), .range = &R_COST_SITE,
     DEF(0), .unit = "sites", .doc = "existing macro sites"},
    {.key = "installed_base", .type = SCN_T_HOOK, .hook = SCN_H_INSTALLED,
     .type_doc = "map vendor → num, or region → (vendor → num)",
     .range_doc = "shares in [0, 1] summing to 1; one may be rest",
     .def_doc = "required when the operator has sites", .doc =
         "RAN vendor shares of the existing sites, see below"},
    {FIELD(scn_operator, core_vendor, SCN_T_HOOK), .hook = SCN_H_VENDOR_REF,
     .type_doc = "vendor name", .def_doc = "required unless new_entrant",
     .doc = "vendor of the current core"},
    {.key = "equipment", .type = SCN_T_MAP, .sub = equipment_f,
     .nsub = N(equipment_f), .def_doc = "none",
     .doc = "installed equipment that is not a radio site, counted "
            "neither for coverage nor in the high-risk share of sites "
            "(docs/model.md §4)"},
    {FIELD(scn_operator, capex_budget_eur_year, SCN_T_NUM), .range = &R_CAPEX,
     REQ, .unit = "EUR per year", .label = "Capex budget",
     .doc = "5G capex available each year"},
    {FIELD(scn_operator, budget_hard, SCN_T_BOOL), DEF(0),
     .doc = "true: spending above the capex budget is impossible; false: "
            "the excess is borrowed at market.financing_rate "
            "(docs/model.md §4)"},
    {FIELD(scn_operator, auction_budget_eur, SCN_T_NUM), .range = &R_1E12,
     DEF(1e12), .unit = "EUR", .def_doc = "1e12 (unconstrained)",
     .doc = "most the operator may pay at auction"},
    {FIELD(scn_operator, spectrum_cap_mhz, SCN_T_REAL), .range = &R_MHZ_CAP,
     DEF(INFINITY), .unit = "MHz, both directions of a paired band",
     .def_doc = "no cap", .range_doc = "(0, 1e7], at least the holdings",
     .doc = "most spectrum the operator may hold after the auction, see "
            "below"},
    {.key = "obligation", .type = SCN_T_MAP, .sub = obligation_f,
     .nsub = N(obligation_f), .def_doc = "none",
     .doc = "licence coverage obligation {year, share}, both required"},
    {FIELD(scn_operator, vendors_per_region_max, SCN_T_INT),
     .range = &R_NVENDORS, .hi_end = SCN_E_NVENDORS,
     .note = " (at most the number of vendors)", .dflt = SCN_D_VENDORS_2,
     .unit = "vendors",
     .def_doc = "2 (1 if there is only one vendor); assumption: operators "
                "have commonly bought their RAN from two suppliers, often "
                "split region by region, and 2 in one region is the looser "
                "reading of that; it sets most of the UK programs' solve "
                "time (docs/performance.md)",
     .range_doc = "[1, number of vendors]",
     .doc = "RAN vendors one operator may use in one region"},
    {FIELD(scn_operator, affiliated_vendor, SCN_T_HOOK),
     .hook = SCN_H_VENDOR_REF, .type_doc = "vendor name", .def_doc = "none",
     .doc = "an exclude of this vendor with bar_bidding bars the operator "
            "from the auction"},
    {.key = "regions", .type = SCN_T_HOOK, .hook = SCN_H_REGION_SET,
     OFF(scn_operator, market), .type_doc = "region name or list",
     .def_doc = "every region",
     .doc = "where the operator sells service: its users, obligation and "
            "sites are there"},
    {.key = "packages", .type = SCN_T_HOOK, .hook = SCN_H_PACKAGES,
     .type_doc = "list of maps {lots, value}",
     .range_doc = "at most " STR(SPECSIM_XOR_PACKAGES_MAX) " (SPECSIM_XOR_PACKAGES_MAX)",
     .def_doc = "none (values 0)",
     .doc = "auction value_model explicit: an XOR bid, the operator's value "
            "of a package being the largest value of a listed package it "
            "contains (0 if none); read only with that model"},
    /* Equipment age (docs/model.md §4, "Equipment age"). */
    {FIELD(scn_operator, installed_age_years, SCN_T_NUM), .range = &R_AGE,
     DEF(-1), .unit = "years",
     .def_doc = "half of market.equipment_life_years (a steady refresh "
                "cycle)",
     .doc = "mean age of the installed radio equipment at the start of the "
            "horizon; ages are spread evenly from 0 to twice this; used "
            "with market.equipment_life_years"},
    {.key = "installed_5g", .type = SCN_T_BY_VENDOR,
     OFF(scn_operator, installed_5g), .range = &R_SHARE, DEF(0),
     .unit = "share of the vendor's installed sites",
     .type_doc = "map vendor → num", .range_doc = "each [0, 1]",
     .doc = "share of the operator's installed sites of each vendor that "
            "already carry that vendor's 5G at the start: they count as 5G "
            "sites (coverage, opex) and their equipment is new (age 0); "
            "vendors absent have none"},
};

/* ---- auction ---- */

static const scn_range R_REL = {"a number", 0, 1, false, false};
static const scn_range R_ACTIVITY = {"a share", 0, 1, true, false};
static const scn_range R_ROUNDS = {"an integer", 1, AUCTION_ROUNDS_MAX,
                                   false, false};
static const scn_range R_SD = {"a number", 0, 1, false, false};
static const scn_range R_PAY = {"a number of years", 1, 0, false, false};
static const scn_range R_SYNERGY = {"a number", -0.9, 10, false, false};

static const scn_field additive_f[] = {
    {.key = "base_lo", .type = SCN_T_BY_BAND,
     OFF(scn_auction, additive_lo), .range = &R_1E11, REQ,
     .unit = "currency per lot", .def_doc = "required for bands with lots",
     .doc = "lowest base value"},
    {.key = "base_hi", .type = SCN_T_BY_BAND,
     OFF(scn_auction, additive_hi), .range = &R_1E11, REQ,
     .unit = "currency per lot", .def_doc = "required for bands with lots",
     .range_doc = "each [0, 1e11], at least base_lo",
     .doc = "highest base value"},
    {.key = "synergy", .type = SCN_T_BY_BAND,
     OFF(scn_auction, additive_synergy), .range = &R_SYNERGY, DEF(0),
     .doc = "s: k lots are worth base k (1 + s (k - 1)/(lots - 1))"},
};

static const scn_field auction_f[] = {
    {FIELD(scn_auction, format, SCN_T_HOOK), .hook = SCN_H_FORMAT,
     .type_doc = "word", .range_doc = "an auction format, or none",
     .def_doc = "required in the section",
     .doc = "auction format; none runs no auction"},
    {.key = "increment", .type = SCN_T_REAL, OFF(scn_auction, increment_rel),
     .range = &R_REL, DEF(0.05), .unit = "relative",
     .doc = "price step of a clock or SMRA round, as a share of the current "
            "price"},
    {.key = "increment_min_eur", .type = SCN_T_REAL,
     OFF(scn_auction, increment_abs), .range = &R_1E12, DEF(0),
     .unit = "currency per lot",
     .doc = "smallest price step; with clock, smra or cca it must be > 0 "
            "when a reserve can be 0 (a band's, or one a policy's "
            "reserve_factor makes 0) or `increment` is 0; sealed formats "
            "ignore it"},
    {.key = "round_limit", .type = SCN_T_INT, OFF(scn_auction, rounds_max),
     .range = &R_ROUNDS, .note = " (limit AUCTION_ROUNDS_MAX)", DEF(1000),
     .unit = "rounds", .doc = "most rounds of a dynamic format"},
    {FIELD(scn_auction, activity_share, SCN_T_REAL), .range = &R_ACTIVITY,
     DEF(1),
     .doc = "activity rule: a bidder's eligibility falls to its activity "
            "divided by this share"},
    {FIELD(scn_auction, activity_rule, SCN_T_BOOL), DEF(1),
     .doc = "eligibility points of a lot are its MHz; false: none"},
    LOTS_MAP("caps", scn_auction, cap_band, -1, "no cap",
             "most lots of a band one bidder may win; bands absent have no "
             "cap"),
    {FIELD(scn_auction, cap_total, SCN_T_INT), .range = &R_LOTS_TOTAL, DEF(-1),
     .unit = "lots", .def_doc = "no cap",
     .doc = "most lots over all bands one bidder may win"},
    LOTS_MAP("setaside", scn_auction, setaside, 0, "0",
             "lots of a band only new entrants (`new_entrant: true`) may "
             "win; bands absent set none aside"),
    {FIELD(scn_auction, value_model, SCN_T_WORD), .words = VALUE_WORDS,
     DEF(VALUE_NETWORK), .def_doc = "`network`",
     .doc = "how bidders value packages (docs/model.md)"},
    {FIELD(scn_auction, private_value_sd, SCN_T_NUM), .range = &R_SD, DEF(0.1),
     .doc = "network model: sd of each operator's private-value factor; "
            "assumption: 10 %"},
    {FIELD(scn_auction, payment_years, SCN_T_INT), .range = &R_PAY,
     .hi_end = SCN_E_NYEARS, .note = " (at most the %d years of the horizon)",
     DEF(1), .unit = "years", .range_doc = "[1, years of the horizon]",
     .doc = "the price is paid in this many equal instalments from the "
            "first year (1: a lump sum), with payment_interest_rate on the "
            "unpaid balance; each comes out of that year's capex budget and "
            "what exceeds it is borrowed"},
    {FIELD(scn_auction, payment_interest_rate, SCN_T_REAL), .range = &R_RATE,
     DEF(0), .unit = "per year",
     .doc = "interest on the unpaid balance of instalments: the price P is "
            "paid in payment_years equal instalments P / sum_{k<n} (1 + "
            "rate)^-k from the first year (docs/model.md §7); 0: equal "
            "parts P / n, interest-free (payment_years 1: a lump sum)"},
    {FIELD(scn_auction, strategy, SCN_T_HOOK), .hook = SCN_H_STRATEGY,
     .type_doc = "word", .range_doc = "a bidding strategy",
     .def_doc = "`straightforward`", .doc = "how every bidder bids"},
    {FIELD(scn_auction, strategy_param, SCN_T_HOOK), .hook = SCN_H_STRATEGY,
     .type_doc = "number", .range_doc = "as the strategy accepts",
     .def_doc = "0",
     .doc = "shaded: bids as if values were (1 - param) times the true ones"},
    {.key = "additive", .type = SCN_T_HOOK, .hook = SCN_H_ADDITIVE,
     .type_doc = "map", .def_doc = "required with value_model additive",
     .doc = "parameters of the additive value model (its own table)"},
    {.key = "gsvm", .type = SCN_T_HOOK, .hook = SCN_H_SVM,
     .type_doc = "map", .def_doc = "the model's defaults",
     .doc = "value_model gsvm: the global synergy value model's parameters "
            "(its own table)"},
    {.key = "lsvm", .type = SCN_T_HOOK, .hook = SCN_H_SVM,
     .type_doc = "map", .def_doc = "the model's defaults",
     .doc = "value_model lsvm: the local synergy value model's parameters "
            "(its own table)"},
    {FIELD(scn_auction, bidders_price_obligations, SCN_T_BOOL), DEF(1),
     .doc = "network model: a package with lots of a band that carries "
            "licence obligations is valued net of the cheaper of meeting "
            "them and their penalties (docs/model.md §7); on because a "
            "bidder that knows the licence terms prices them (BNetzA set "
            "the 2019 obligations before the auction); false: values "
            "ignore them, as before"},
    {FIELD(scn_auction, bidders_price_financing, SCN_T_BOOL), DEF(0),
     .doc = "network model: a bidder pays at most the price at which its "
            "value covers the price plus the financing of the instalments "
            "above its capex budget (docs/model.md §7); off by default "
            "(assumption: the reference files' auction figures in "
            "docs/validation.md are without it, and operators may fund "
            "spectrum outside the network budget)"},
};

/* ---- value_model gsvm and lsvm (auction_svm.h) ---- */

static const scn_range R_SVM_BIDDERS = {"an integer", 0,
                                        SPECSIM_OPERATORS_MAX, false, false};
static const scn_range R_SVM_VALUE = {"a number", 0, 1e12, false, false};
static const scn_range R_GSVM_SIZE = {"an integer", 1,
                                      AUCTION_SVM_GSVM_SIZE_MAX, false, false};
static const scn_range R_GSVM_SYNERGY = {"a number", 0, 10, false, false};
static const scn_range R_GSVM_MAX = {"an integer", -1,
                                     3 * AUCTION_SVM_GSVM_SIZE_MAX, false,
                                     false};
static const scn_range R_LSVM_ROWS = {"an integer", 1, SPECSIM_BANDS_MAX,
                                      false, false};
static const scn_range R_LSVM_COLS = {"an integer", 1,
                                      AUCTION_SVM_LSVM_LICENCES_MAX, false,
                                      false};
static const scn_range R_LSVM_PROX = {"an integer", 0,
                                      AUCTION_SVM_LICENCES_MAX, false, false};
static const scn_range R_LSVM_A = {"a number", 0, 1e4, false, false};
static const scn_range R_LSVM_B = {"a number", -100, 100, false, false};

#define SVM_INT(key_, m, range_, def_, doc_)                                 \
    {.key = key_, .type = SCN_T_INT, OFF(scn_auction, svm.m),                \
     .range = &range_, DEF(def_), .doc = doc_}
#define SVM_REAL(key_, m, range_, def_, doc_)                                \
    {.key = key_, .type = SCN_T_REAL, OFF(scn_auction, svm.m),               \
     .range = &range_, DEF(def_), .unit = "currency", .doc = doc_}
#define GH "Goeree and Holt (2010), GEB 70(1), as in SATS 0.8"
#define SZB "Scheffel, Ziegler and Bichler (2012), Exp. Econ. 15(4), as in " \
            "SATS 0.8"

static const scn_field gsvm_f[] = {
    SVM_INT("regional_bidders", regional, R_SVM_BIDDERS, 6,
            "regional bidders, at positions 0, 1, ... of the circle; "
            "operators in file order, regional ones first: " GH),
    SVM_INT("national_bidders", national, R_SVM_BIDDERS, 1,
            "national bidders (the last operators): " GH),
    SVM_INT("size", size, R_GSVM_SIZE, 6,
            "regions: the national circle has 2 size licences (band 0), the "
            "regional circle size (band 1): " GH),
    SVM_REAL("national_low_lo", national_low.lo, R_SVM_VALUE, 0,
             "national bidder, low-value national-circle licence: value "
             "uniform on [lo, hi]: " GH),
    SVM_REAL("national_low_hi", national_low.hi, R_SVM_VALUE, 10, GH),
    SVM_REAL("national_high_lo", national_high.lo, R_SVM_VALUE, 0,
             "national bidder, high-value licence (positions 2 size/3 .. "
             "4 size/3 - 1, integer division): " GH),
    SVM_REAL("national_high_hi", national_high.hi, R_SVM_VALUE, 20, GH),
    SVM_REAL("regional_low_lo", regional_low.lo, R_SVM_VALUE, 0,
             "regional bidder, low-value national-circle licence: " GH),
    SVM_REAL("regional_low_hi", regional_low.hi, R_SVM_VALUE, 20, GH),
    SVM_REAL("regional_high_lo", regional_high.lo, R_SVM_VALUE, 0,
             "regional bidder, high-value national-circle licence: " GH),
    SVM_REAL("regional_high_hi", regional_high.hi, R_SVM_VALUE, 40, GH),
    SVM_REAL("regional_regional_lo", regional_regional.lo, R_SVM_VALUE, 0,
             "regional bidder, regional-circle licence: " GH),
    SVM_REAL("regional_regional_hi", regional_regional.hi, R_SVM_VALUE, 20,
             GH),
    {.key = "synergy", .type = SCN_T_REAL, OFF(scn_auction, svm.synergy),
     .range = &R_GSVM_SYNERGY, DEF(0.2),
     .doc = "s: n licences a bidder values are worth (1 + s (n - 1)) times "
            "the sum of their values: " GH},
    {.key = "regional_licences_max", .type = SCN_T_INT,
     OFF(scn_auction, svm.regional_max), .range = &R_GSVM_MAX, DEF(-1),
     .def_doc = "round(2/3 of the licences it values), 4",
     .unit = "licences",
     .doc = "most licences a regional bidder may win (-1: the default); "
            "SATS 0.8's activity limit (the national bidder may win only "
            "national-circle licences)"},
};

static const scn_field lsvm_f[] = {
    SVM_INT("regional_bidders", regional, R_SVM_BIDDERS, 5,
            "regional bidders; operators in file order, regional ones "
            "first: " SZB),
    SVM_INT("national_bidders", national, R_SVM_BIDDERS, 1,
            "national bidders (the last operators): " SZB),
    SVM_INT("rows", rows, R_LSVM_ROWS, 3,
            "rows of the licence grid, one band each: " SZB),
    SVM_INT("cols", cols, R_LSVM_COLS, 6,
            "columns of the grid, the lots of each band (rows x cols at "
            "most " STR(AUCTION_SVM_LSVM_LICENCES_MAX) "): " SZB),
    SVM_REAL("national_value_lo", national_value.lo, R_SVM_VALUE, 3,
             "national bidder: each licence's value uniform on [lo, hi]: "
             SZB),
    SVM_REAL("national_value_hi", national_value.hi, R_SVM_VALUE, 9, SZB),
    SVM_REAL("regional_value_lo", regional_value.lo, R_SVM_VALUE, 3,
             "regional bidder: each licence's value: " SZB),
    SVM_REAL("regional_value_hi", regional_value.hi, R_SVM_VALUE, 20, SZB),
    SVM_INT("proximity", proximity, R_LSVM_PROX, 2,
            "a regional bidder values the licences within this many grid "
            "steps of its favourite, drawn uniformly: " SZB),
    {.key = "national_a", .type = SCN_T_REAL, OFF(scn_auction, svm.national_a),
     .range = &R_LSVM_A, DEF(320),
     .doc = "a of the national bidder: a connected set of n licences is "
            "worth 1 + a / (100 (1 + exp(b - n))) times their values: " SZB},
    {.key = "national_b", .type = SCN_T_REAL, OFF(scn_auction, svm.national_b),
     .range = &R_LSVM_B, DEF(10), .doc = "b of the national bidder: " SZB},
    {.key = "regional_a", .type = SCN_T_REAL, OFF(scn_auction, svm.regional_a),
     .range = &R_LSVM_A, DEF(160), .doc = "a of a regional bidder: " SZB},
    {.key = "regional_b", .type = SCN_T_REAL, OFF(scn_auction, svm.regional_b),
     .range = &R_LSVM_B, DEF(4), .doc = "b of a regional bidder: " SZB},
};

/* ---- policies and instruments ---- */

#define INSTR_FROM_YEAR                                                      \
    {FIELD(scn_instrument, from_year, SCN_T_INT), .range = &R_HYEAR,         \
     .lo_end = SCN_E_YEAR_FIRST, .hi_end = SCN_E_YEAR_LAST,                  \
     .note = " (within the horizon)", REQ, .unit = "year",                   \
     .range_doc = "the horizon", .doc = "in force from this year"}
#define INSTR_REGIONS                                                        \
    {FIELD(scn_instrument, regions, SCN_T_HOOK), .hook = SCN_H_REGION_SET,   \
     .type_doc = "region name or list", .def_doc = "every region",           \
     .doc = "where the instrument applies"}
#define INSTR_VENDORS(dflt_, def_doc_)                                       \
    {FIELD(scn_instrument, vendors, SCN_T_HOOK), .hook = SCN_H_VENDOR_SET,   \
     .dflt = dflt_, .type_doc = "V", .def_doc = def_doc_,                    \
     .doc = "the vendors targeted"}
#define INSTR_RAN_SCOPE                                                      \
    {FIELD(scn_instrument, scope, SCN_T_WORD), .words = RAN_SCOPE_WORDS,     \
     .codes = RAN_SCOPES, DEF(0), .def_doc = "`ran`",                        \
     .doc = "the sites it counts"}

static const scn_field exclude_f[] = {
    INSTR_VENDORS(SCN_D_REQUIRED, NULL),
    {FIELD(scn_instrument, scope, SCN_T_WORD), .words = SCOPE_WORDS,
     DEF(SCOPE_ALL), .def_doc = "`all`",
     .doc = "the parts of the network excluded"},
    INSTR_FROM_YEAR,
    {FIELD(scn_instrument, removal_year, SCN_T_INT), .range = &R_HYEAR,
     .lo_end = SCN_E_FROM_YEAR, .hi_end = SCN_E_YEAR_LAST,
     .note = " (from from_year %d to the horizon's end)", DEF(0),
     .unit = "year", .def_doc = "none (scope management: required)",
     .range_doc = "[from_year, last_year]",
     .doc = "installed base gone by the end of this year (swap cost "
            "applies); scope `management`: the deadline"},
    {FIELD(scn_instrument, deadline_hard, SCN_T_BOOL), DEF(0),
     .def_doc = "false (needs removal_year; not with scope management)",
     .doc = "true: the removal deadline cannot be missed (a plan that "
            "cannot meet it makes the policy infeasible); false: equipment "
            "may stay late at late_penalty_eur_site_year"},
    {FIELD(scn_instrument, late_penalty_eur_site_year, SCN_T_NUM),
     .range = &R_1E9, DEF(-1), .unit = "EUR per site per year",
     .def_doc = "2 × market.swap_eur_site",
     .range_doc = "[0, 1e9]; needs removal_year and deadline_hard false",
     .doc = "penalty per site (or non-radio unit) held past a soft removal "
            "deadline, each year; assumption: a regulator fines lateness "
            "above what removal costs, of the order of the UK "
            "Telecommunications (Security) Act 2021's fines (up to GBP "
            "100,000 a day for a continuing contravention)"},
    {FIELD(scn_instrument, bar_bidding, SCN_T_BOOL), DEF(0),
     .doc = "bars from the auction every operator affiliated with an "
            "excluded vendor"},
    INSTR_REGIONS,
};

static const scn_field cap_f[] = {
    INSTR_VENDORS(SCN_D_VALUE, "`high_risk`"),
    {FIELD(scn_instrument, share_max, SCN_T_NUM), .range = &R_SHARE, REQ,
     .unit = "share of sites",
     .doc = "maximum share of sites the capped vendors may hold"},
    INSTR_RAN_SCOPE,
    {FIELD(scn_instrument, level, SCN_T_WORD), .words = LEVEL_WORDS,
     DEF(CAP_OPERATOR), .def_doc = "`operator`",
     .doc = "each operator's network, or the nation's sites together"},
    INSTR_FROM_YEAR,
    INSTR_REGIONS,
};

static const scn_range R_SHARE_MIN = {"a share", 0, 1, false, true};
static const scn_range R_SHARE_MAX = {"a share", 0, 1, true, false};

static const scn_field diversity_f[] = {
    {FIELD(scn_instrument, vendors_min, SCN_T_INT), .range = &R_NVENDORS,
     .hi_end = SCN_E_NVENDORS, .note = " (at most the number of vendors)",
     DEF(1), .unit = "vendors", .range_doc = "[1, number of vendors]",
     .doc = "minimum RAN vendors per operator"},
    {FIELD(scn_instrument, vendor_share_min, SCN_T_REAL),
     .range = &R_SHARE_MIN, DEF(0.1), .unit = "share of sites",
     .doc = "a vendor counts towards `vendors_min` from this share of sites"},
    {FIELD(scn_instrument, vendor_share_max, SCN_T_NUM), .range = &R_SHARE_MAX,
     DEF(1), .unit = "share of sites", .def_doc = "1 (none)",
     .doc = "maximum share of any one vendor"},
    INSTR_RAN_SCOPE,
    INSTR_FROM_YEAR,
    INSTR_REGIONS,
};

static const scn_field mitigation_f[] = {
    INSTR_VENDORS(SCN_D_VALUE, "`high_risk`"),
    {FIELD(scn_instrument, cost_site_year_eur, SCN_T_NUM),
     .range = &R_COST_SITE, DEF(0), .unit = "EUR per site per year",
     .doc = "extra cost per targeted site"},
    {FIELD(scn_instrument, cost_fixed_year_eur, SCN_T_NUM), .range = &R_1E11,
     DEF(0), .unit = "EUR per year",
     .doc = "national fixed cost (e.g. a testing centre)"},
    {FIELD(scn_instrument, risk_reduction, SCN_T_NUM), .range = &R_SHARE,
     DEF(0), .doc = "factor taken off the targeted vendors' risk score"},
    INSTR_FROM_YEAR,
    INSTR_REGIONS,
};

static const scn_range R_RESERVE_FACTOR = {"a number", 0, 100, false, false};

static const scn_field auction_instr_f[] = {
    {FIELD(scn_instrument, reserve_factor, SCN_T_NUM),
     .range = &R_RESERVE_FACTOR, DEF(1), .def_doc = "1 (unchanged)",
     .doc = "multiplies every reserve price"},
    LOTS_MAP("caps", scn_instrument, cap_band, -1, "unchanged",
             "replaces the scenario's cap of each band given"),
    {FIELD(scn_instrument, cap_total, SCN_T_INT), .range = &R_LOTS_TOTAL,
     DEF(-1), .unit = "lots", .def_doc = "unchanged",
     .doc = "replaces the scenario's `cap_total`"},
    LOTS_MAP("setaside", scn_instrument, setaside, -1, "unchanged",
             "replaces the scenario's set-aside of each band given"),
    {FIELD(scn_instrument, spectrum_cap_mhz, SCN_T_REAL), .range = &R_MHZ_CAP,
     DEF(-1), .unit = "MHz, both directions of a paired band",
     .def_doc = "unchanged",
     .doc = "one overall cap replacing every operator's `spectrum_cap_mhz` "
            "(counted as there); an operator already holding more wins "
            "nothing (nothing is divested)"},
    {.key = "obligation", .type = SCN_T_MAP, .sub = instr_obligation_f,
     .nsub = N(instr_obligation_f), .def_doc = "unchanged",
     .doc = "a licence obligation {year, share} replacing every "
            "operator's"},
};

static const scn_field subsidy_f[] = {
    {.key = "share", .type = SCN_T_NUM, OFF(scn_instrument, subsidy_share),
     .range = &R_SHARE, REQ, .unit = "share of swap cost",
     .range_doc = "[0, 1]; a policy's subsidies sum to at most 1",
     .doc = "share of the swap cost of covered equipment the state "
            "reimburses"},
    {FIELD(scn_instrument, fund_eur_year, SCN_T_REAL), .range = &R_1E12,
     DEF(0), .unit = "EUR per year", .def_doc = "0 (uncapped)",
     .doc = "most the fund pays out in one year"},
    {FIELD(scn_instrument, fund_eur_total, SCN_T_REAL), .range = &R_1E12,
     DEF(0), .unit = "EUR", .def_doc = "0 (uncapped)",
     .doc = "most the fund pays out over the horizon"},
    {FIELD(scn_instrument, operators, SCN_T_HOOK),
     .hook = SCN_H_OPERATOR_SET, .type_doc = "operator name or list",
     .def_doc = "every operator",
     .doc = "the operators it reimburses, among those serving its regions"},
    INSTR_VENDORS(SCN_D_VALUE, "`high_risk`"),
    {FIELD(scn_instrument, from_year, SCN_T_INT), .range = &R_HYEAR,
     .lo_end = SCN_E_YEAR_FIRST, .hi_end = SCN_E_YEAR_LAST,
     .note = " (within the horizon)", .dflt = SCN_D_YEAR_FIRST,
     .unit = "year", .def_doc = "first_year", .range_doc = "the horizon",
     .doc = "swaps from this year on are reimbursed"},
    INSTR_REGIONS,
};

static const scn_field policy_f[] = {
    NAME(scn_policy, SCN_H_OWN_NAME, "unique among policies"),
    {FIELD(scn_policy, description, SCN_T_TEXT), .def_doc = "empty",
     .range_doc = "at most 255 bytes", .doc = ""},
    {.key = "instruments", .type = SCN_T_HOOK, .hook = SCN_H_INSTRUMENTS,
     .type_doc = "list", .def_doc = "none",
     .range_doc = "0 to 8 (SPECSIM_INSTRUMENTS_MAX)",
     .doc = "combined freely"},
};

/* ---- the security risk and the toolbox measures (docs/model.md §8) ---- */

/* The EU 5G toolbox's measures a `measure` instrument may name (NIS
 * Cooperation Group, "Cybersecurity of 5G networks — EU Toolbox of risk
 * mitigating measures", CG Publication 01/2020, 29 January 2020). SM03
 * (restrictions) and SM05 (multi-vendor strategy) are the exclude, cap and
 * diversity instruments; the others are out of scope (docs/model.md §8). */
const char *const scn_measure_ids[] = {
    "SM02", "SM04", "SM06", "TM01", "TM02", "TM03", "TM04", "TM05",
    "TM06", "TM07", "TM08", "TM09", "TM11", NULL};

static const scn_range R_DAYS = {"a number of days", 0, 365, false, false};

static const scn_field measure_f[] = {
    {.key = "id", .type = SCN_T_WORD, OFF(scn_instrument, measure_id),
     .words = scn_measure_ids, REQ, .type_doc = "word",
     .range_doc = "SM02, SM04, SM06, TM01 to TM09, TM11",
     .doc = "the toolbox measure it represents (a label: its cost and "
            "effect are the fields below)"},
    INSTR_VENDORS(SCN_D_VALUE, "`high_risk`"),
    {FIELD(scn_instrument, cost_site_year_eur, SCN_T_NUM),
     .range = &R_COST_SITE, DEF(0), .unit = "EUR per site per year",
     .doc = "cost per site of a targeted vendor in its regions, as "
            "mitigation's (it enters the rollout program)"},
    {FIELD(scn_instrument, cost_fixed_year_eur, SCN_T_NUM), .range = &R_1E11,
     DEF(0), .unit = "EUR per year",
     .doc = "national cost per year (an authority, a testing centre)"},
    {FIELD(scn_instrument, cost_operator_year_eur, SCN_T_NUM),
     .range = &R_1E11, DEF(0), .unit = "EUR per operator per year",
     .doc = "cost per year of each operator serving its regions (audits, "
            "a security team)"},
    {FIELD(scn_instrument, cost_once_eur, SCN_T_NUM), .range = &R_1E12,
     DEF(0), .unit = "EUR",
     .doc = "national one-off cost, in from_year"},
    {FIELD(scn_instrument, cost_operator_once_eur, SCN_T_NUM),
     .range = &R_1E11, DEF(0), .unit = "EUR per operator",
     .doc = "one-off cost of each operator serving its regions, in "
            "from_year"},
    {FIELD(scn_instrument, hostile_probability_reduction, SCN_T_NUM),
     .range = &R_SHARE, DEF(0),
     .doc = "share taken off the probability of a hostile incident through "
            "the targeted vendors (as mitigation's risk_reduction)"},
    {FIELD(scn_instrument, hostile_impact_reduction, SCN_T_NUM),
     .range = &R_SHARE, DEF(0),
     .doc = "share taken off the impact of a hostile incident through the "
            "targeted vendors"},
    {FIELD(scn_instrument, failure_probability_reduction, SCN_T_NUM),
     .range = &R_SHARE, DEF(0),
     .doc = "share taken off the probability of a targeted vendor's "
            "vendor-wide failure"},
    {FIELD(scn_instrument, failure_impact_reduction, SCN_T_NUM),
     .range = &R_SHARE, DEF(0),
     .doc = "share taken off the outage days of a targeted vendor's "
            "vendor-wide failure"},
    INSTR_FROM_YEAR,
    INSTR_REGIONS,
};

static const scn_field risk_f[] = {
    {FIELD(scn_risk, outage_eur_user_day, SCN_T_NUM), .range = &R_MARGIN,
     REQ, .unit = "EUR per user per day", .label = "Outage cost",
     .doc = "cost of one mobile user losing service for a day (to users, "
            "businesses and the operator); see the reference scenarios for "
            "sources"},
    {FIELD(scn_risk, hostile_probability_year, SCN_T_NUM), .range = &R_SHARE,
     REQ, .unit = "per year", .label = "Hostile-incident probability",
     .doc = "annual probability of a hostile incident (espionage, "
            "sabotage, coerced disruption) at risk exposure 1: the whole "
            "network, access and core, from vendors of risk score 1 with no "
            "measure; it scales with risk_exposure"},
    {FIELD(scn_risk, hostile_outage_days, SCN_T_NUM), .range = &R_DAYS, REQ,
     .unit = "days", .label = "Hostile-incident outage",
     .doc = "impact of a hostile incident in days of a national outage "
            "(every mobile user)"},
    {FIELD(scn_risk, security_loss_eur, SCN_T_NUM), .range = &R_1E12, DEF(0),
     .unit = "EUR per incident",
     .doc = "fixed national-security loss per hostile incident (data "
            "compromised), reported apart as security_loss_npv; 0 leaves it "
            "out"},
    {FIELD(scn_risk, failure_probability_year, SCN_T_BY_VENDOR),
     .range = &R_SHARE, DEF(0), .unit = "per year",
     .type_doc = "map vendor → num", .range_doc = "each [0, 1]",
     .doc = "annual probability of a vendor-wide failure (a faulty update, "
            "an expired certificate) taking down the vendor's equipment "
            "everywhere; vendors absent never fail"},
    {FIELD(scn_risk, failure_outage_days, SCN_T_NUM), .range = &R_DAYS, REQ,
     .unit = "days", .label = "Vendor-failure outage",
     .doc = "days without service of the users of the failing vendor's "
            "equipment (its core, or the access network serving them)"},
    {FIELD(scn_risk, management_share, SCN_T_NUM), .range = &R_SHARE,
     DEF(0), .unit = "share",
     .doc = "share of a radio site's hostile exposure that runs through "
            "its vendor's network-management system (remote access, "
            "updates), removed where a management-scope exclusion has "
            "replaced that system; 0: the radios carry it all"},
};

static const scn_range R_RHO = {"a correlation", -1, 1, true, true};

static const scn_field correlation_f[] = {
    {FIELD(scn_correlation, a, SCN_T_HOOK), .hook = SCN_H_INPUT_PATH, REQ,
     .type_doc = "path", .doc = "path of an input given as a distribution"},
    {FIELD(scn_correlation, b, SCN_T_HOOK), .hook = SCN_H_INPUT_PATH, REQ,
     .type_doc = "path", .range_doc = "not a", .doc = "another such input"},
    {FIELD(scn_correlation, rho, SCN_T_REAL), .range = &R_RHO, REQ,
     .doc = "correlation of the two inputs' normal scores"},
};

/* ---- licence obligations ---- */

static const char *const OBLIG_SCOPE_WORDS[] = {"population", "area", "sites",
                                                NULL};
static const scn_range R_OBL_SITES = {"a number of sites", 0, 1e7, true,
                                      false};

static const scn_field licence_obligation_f[] = {
    {FIELD(scn_obligation, band, SCN_T_HOOK), .hook = SCN_H_BAND_REF, REQ,
     .type_doc = "band name",
     .doc = "the licence: every operator that wins lots of this band at "
            "the auction takes the obligation on (the auction is required)"},
    {FIELD(scn_obligation, operators, SCN_T_HOOK), .hook = SCN_H_OPERATOR_SET,
     .type_doc = "operator name or list", .def_doc = "every winner",
     .doc = "the winners it binds (e.g. incumbents and a new entrant with "
            "lighter terms)"},
    {FIELD(scn_obligation, scope, SCN_T_WORD), .words = OBLIG_SCOPE_WORDS,
     DEF(OBLIG_POPULATION), .def_doc = "`population`",
     .doc = "what is counted: the share of the regions' population or "
            "area the operator covers (coverage spread evenly over a "
            "region's area: assumption), or its 5G sites there"},
    {FIELD(scn_obligation, regions, SCN_T_HOOK), .hook = SCN_H_REGION_SET,
     .type_doc = "region name or list", .def_doc = "every region",
     .doc = "where it counts"},
    {FIELD(scn_obligation, per_region, SCN_T_BOOL), DEF(0),
     .doc = "true: each region must meet it on its own (\"per state\"); "
            "false: the regions together"},
    {FIELD(scn_obligation, share, SCN_T_REAL), .range = &R_SHARE, DEF(-1),
     .def_doc = "required with scope population or area",
     .range_doc = "[0, 1]", .doc = "target share covered"},
    {FIELD(scn_obligation, sites, SCN_T_REAL), .range = &R_OBL_SITES,
     DEF(-1), .unit = "sites", .def_doc = "required with scope sites",
     .range_doc = "(0, 1e7]", .doc = "target count of 5G sites"},
    {FIELD(scn_obligation, year, SCN_T_INT), .range = &R_HYEAR,
     .lo_end = SCN_E_YEAR_FIRST, .hi_end = SCN_E_YEAR_LAST,
     .note = " (within the horizon)", REQ, .unit = "year",
     .range_doc = "the horizon",
     .doc = "met by the end of this year and every year after"},
    {FIELD(scn_obligation, hard, SCN_T_BOOL), DEF(0),
     .doc = "true: no plan may miss it (a policy that cannot meet it is "
            "infeasible); false: a shortfall costs penalty_eur_year"},
    {FIELD(scn_obligation, penalty_eur_year, SCN_T_REAL), .range = &R_1E11,
     DEF(-1), .unit = "currency per year",
     .def_doc = "required unless hard", .range_doc = "[0, 1e11]",
     .doc = "penalty for a year at a full shortfall (nothing covered or "
            "built), in proportion to the shortfall below that; per region "
            "when per_region"},
};

/* The sections of a file, read by hand in this (canonical) order. */
#define SECTION(k, type_, req, what)                                         \
    {.key = k, .type = SCN_T_HOOK, .hook = SCN_H_SECTION, .type_doc = type_, \
     .dflt = req ? SCN_D_REQUIRED : SCN_D_VALUE, .def_doc = req ? NULL : "none", \
     .doc = what}
static const scn_field root_f[] = {
    SECTION("scenario", "map", false, "description and currency"),
    SECTION("horizon", "map", true, "years and discount rate"),
    SECTION("run", "map", false, "replications, seed, solver settings"),
    SECTION("market", "map", true,
            "margins and unit costs shared by all operators"),
    SECTION("regions", "list", true, "list of regions"),
    SECTION("bands", "list", true, "list of spectrum bands"),
    SECTION("auction", "map", false,
            "the spectrum auction run in every replication"),
    SECTION("vendors", "list", true, "list of equipment vendors"),
    SECTION("operators", "list", true, "list of mobile network operators"),
    SECTION("policies", "list", true, "list of policies"),
    SECTION("risk", "map", false,
            "the security risk in money: incidents, probabilities, impacts"),
    SECTION("obligations", "list", false,
            "licence obligations the auction attaches to its winners"),
    SECTION("correlations", "list", false,
            "correlations between uncertain inputs"),
};

#define TABLE(name_, f) {name_, f, N(f)}

const scn_table scn_schema_root = TABLE("the file", root_f);

const scn_table scn_schema_scenario = TABLE("scenario", scenario_f);
const scn_table scn_schema_horizon = TABLE("horizon", horizon_f);
const scn_table scn_schema_run = TABLE("run", run_f);
const scn_table scn_schema_market = TABLE("market", market_f);
const scn_table scn_schema_region = TABLE("regions[]", region_f);
const scn_table scn_schema_band = TABLE("bands[]", band_f);
const scn_table scn_schema_auction = TABLE("auction", auction_f);
const scn_table scn_schema_additive = TABLE("auction.additive", additive_f);
const scn_table scn_schema_gsvm = TABLE("auction.gsvm", gsvm_f);
const scn_table scn_schema_lsvm = TABLE("auction.lsvm", lsvm_f);
const scn_table scn_schema_vendor = TABLE("vendors[]", vendor_f);
const scn_table scn_schema_operator = TABLE("operators[]", operator_f);
const scn_table scn_schema_policy = TABLE("policies[]", policy_f);
const scn_table scn_schema_package =
    TABLE("operators[].packages[]", package_f);
const scn_table scn_schema_correlation =
    TABLE("correlations[]", correlation_f);
const scn_table scn_schema_obligation = TABLE("obligations[]", licence_obligation_f);
const scn_table scn_schema_instrument[INSTR_COUNT] = {
    [INSTR_EXCLUDE] = TABLE("instruments[].exclude", exclude_f),
    [INSTR_CAP] = TABLE("instruments[].cap", cap_f),
    [INSTR_DIVERSITY] = TABLE("instruments[].diversity", diversity_f),
    [INSTR_MITIGATION] = TABLE("instruments[].mitigation", mitigation_f),
    [INSTR_AUCTION] = TABLE("instruments[].auction", auction_instr_f),
    [INSTR_SUBSIDY] = TABLE("instruments[].subsidy", subsidy_f),
    [INSTR_MEASURE] = TABLE("instruments[].measure", measure_f),
};
const scn_table scn_schema_risk = TABLE("risk", risk_f);

const scn_table *const scn_schema_all[] = {
    &scn_schema_root, &scn_schema_scenario, &scn_schema_horizon, &scn_schema_run,
    &scn_schema_market, &scn_schema_region, &scn_schema_band,
    &scn_schema_auction, &scn_schema_additive, &scn_schema_gsvm,
    &scn_schema_lsvm, &scn_schema_vendor,
    &scn_schema_operator, &scn_schema_package, &scn_schema_policy,
    &scn_schema_instrument[INSTR_EXCLUDE], &scn_schema_instrument[INSTR_CAP],
    &scn_schema_instrument[INSTR_DIVERSITY],
    &scn_schema_instrument[INSTR_MITIGATION],
    &scn_schema_instrument[INSTR_AUCTION],
    &scn_schema_instrument[INSTR_SUBSIDY], &scn_schema_correlation,
    &scn_schema_instrument[INSTR_MEASURE], &scn_schema_risk,
    &scn_schema_obligation, NULL};

/* ---- lookups and ranges ---- */

const scn_field *scn_schema_find(const scn_table *t, const char *key)
{
    for (int i = 0; i < t->nfields; i++)
        if (strcmp(t->fields[i].key, key) == 0) return &t->fields[i];
    return NULL;
}

static double end_value(const scn *s, scn_end e, const void *base,
                        double fixed)
{
    int span = s->year_first + SPECSIM_YEARS_MAX - 1;
    switch (e) {
    case SCN_E_YEAR_FIRST: return s->year_first;
    case SCN_E_YEAR_LAST: return s->year_last;
    case SCN_E_YEAR_AFTER: return s->year_first + 1;
    case SCN_E_YEAR_SPAN:
        return span < SPECSIM_YEAR_MAX ? span : SPECSIM_YEAR_MAX;
    case SCN_E_NYEARS: return s->year_last - s->year_first + 1;
    case SCN_E_NVENDORS: return s->nvendors;
    case SCN_E_FROM_YEAR:
        return ((const scn_instrument *)base)->from_year;
    default: return fixed;
    }
}

void scn_schema_range(const scn *s, const scn_field *f, const void *base,
                      scn_range *out)
{
    SPECSIM_ASSERT(f->range != NULL);
    *out = *f->range;
    out->lo = end_value(s, f->lo_end, base, out->lo);
    out->hi = end_value(s, f->hi_end, base, out->hi);
}

void scn_schema_note(const scn *s, const scn_field *f, const void *base,
                     char *buf, size_t len)
{
    const char *at = f->note != NULL ? strstr(f->note, "%d") : NULL;
    if (at == NULL) {
        snprintf(buf, len, "%s", f->note != NULL ? f->note : "");
        return;
    }
    scn_range r;
    scn_schema_range(s, f, base, &r);
    snprintf(buf, len, "%.*s%.0f%s", (int)(at - f->note), f->note,
             f->lo_end != SCN_E_FIXED ? r.lo : r.hi, at + 2);
}

int scn_schema_map_names(const scn *s, const scn_field *f,
                         const char *names[])
{
    int n = 0;
    for (; f->type == SCN_T_GEO && n < GEO_COUNT; n++)
        names[n] = scn_geo_words[n];
    for (; f->type == SCN_T_BY_REGION && n < s->nregions; n++)
        names[n] = s->regions[n].name;
    for (; f->type == SCN_T_BY_VENDOR && n < s->nvendors; n++)
        names[n] = s->vendors[n].name;
    for (; (f->type == SCN_T_BY_BAND || f->type == SCN_T_LOTS_BY_BAND) &&
           n < s->nbands; n++)
        names[n] = s->bands[n].name;
    return n;
}

bool scn_range_has(const scn_range *r, double v)
{
    bool lo_ok = r->lo_open ? v > r->lo : v >= r->lo;
    bool hi_ok = r->hi_open ? v < r->hi : v <= r->hi;
    return lo_ok && hi_ok;
}

void scn_fmt_num(double v, char *buf, size_t len)
{
    if (isinf(v)) {
        snprintf(buf, len, "%s", v < 0 ? "-inf" : "inf");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e6) {
        snprintf(buf, len, "%.0f", v);
        return;
    }
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v) break;
    }
    /* Compact the exponent: 1e+07 -> 1e7, 1.5e-06 -> 1.5e-6. */
    char out[40];
    size_t o = 0;
    const char *t = tmp;
    for (; *t != '\0' && *t != 'e'; t++) out[o++] = *t;
    if (*t == 'e') {
        out[o++] = *t++;
        if (*t == '-') out[o++] = '-';
        if (*t == '+' || *t == '-') t++;
        while (*t == '0' && t[1] != '\0') t++;
        for (; *t != '\0'; t++) out[o++] = *t;
    }
    out[o] = '\0';
    snprintf(buf, len, "%s", out);
}

void scn_fmt_range(const scn_range *r, char *buf, size_t len)
{
    char lo[40], hi[40];
    scn_fmt_num(r->lo, lo, sizeof lo);
    scn_fmt_num(r->hi, hi, sizeof hi);
    snprintf(buf, len, "%c%s, %s%c", r->lo_open ? '(' : '[', lo, hi,
             r->hi_open ? ')' : ']');
}
