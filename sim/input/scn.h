/* scn.h — the scenario: everything a scenario file says, as one value.
 *
 * DESIGN — the loader (scn_load.c) turns a YAML file into an `scn` and
 * checks every value; after that the scenario is shared `const` by all
 * threads. A numeric input that may be uncertain is an `scn_num`: a fixed
 * value, or an index into `params[]`, the table of uncertain inputs in
 * canonical order (the order their fields appear in the file structure:
 * horizon, market, regions, bands, auction, vendors, operators,
 * policies, risk). One replication draws every entry of params[] once (see
 * draw.h) and reads a number with scn_num_value(). Entity references
 * (vendor of a share, region of a site count) are indices; vendor sets are
 * bit masks.
 */
#ifndef SPECSIM_SCN_H
#define SPECSIM_SCN_H

#include <stdbool.h>
#include <stdint.h>

#include "auction_svm.h"
#include "dist.h"
#include "err.h"
#include "specsim_limits.h"

/* A number that may be drawn from a distribution. */
typedef struct {
    double value; /* the fixed value, or the distribution's mean */
    int param;    /* index into scn.params, or -1 when fixed */
} scn_num;

/* One package of an explicit XOR bid: lots per band and its value. */
typedef struct {
    int lots[SPECSIM_BANDS_MAX];
    scn_num value;
} scn_package;

/* One uncertain input. */
typedef struct {
    char path[SPECSIM_PATH_MAX]; /* e.g. vendors[1].ran_upgrade_eur */
    int line, column;            /* where it was written, 1-based */
    dist_spec dist;
} scn_param;

/* Gaussian-copula correlation between two uncertain inputs. */
typedef struct {
    int a, b;   /* indices into params[] */
    double rho; /* in (-1, 1) */
} scn_correlation;

typedef enum { GEO_URBAN = 0, GEO_SUBURBAN, GEO_RURAL, GEO_COUNT } scn_geotype;

typedef struct {
    char name[SPECSIM_NAME_MAX];
    scn_geotype geotype;
    bool sensitive;             /* counts for scope "sensitive" */
    scn_num population;         /* persons */
    scn_num area_km2;
    scn_num demand_mbps;        /* busy-hour demand per user, first year */
    scn_num demand_growth;      /* per year, e.g. 0.25 = +25 % a year */
    int country;                /* index into scn.countries, -1 = none */
} scn_region;

/* A country: the regions that name it (`country:`), for results by
 * country when one file models several. */
typedef struct {
    char name[SPECSIM_NAME_MAX];
    uint32_t regions;           /* bit r: region r belongs to it */
} scn_country;

typedef struct {
    char name[SPECSIM_NAME_MAX];
    double freq_mhz;            /* centre frequency */
    int lots;                   /* lots on offer in the auction */
    double mhz_per_lot;         /* MHz per lot (per direction if paired) */
    bool paired;                /* FDD pair: capacity counts one direction */
    scn_num reserve_eur;        /* reserve price per lot */
    scn_num range_km[GEO_COUNT];   /* cell range by geotype */
    scn_num efficiency[GEO_COUNT]; /* bit/s/Hz per site sector, by geotype */
} scn_band;

typedef struct {
    char name[SPECSIM_NAME_MAX];
    bool high_risk;
    scn_num risk_score;          /* [0,1] */
    scn_num ran_new_eur;         /* RAN equipment + build of a new site */
    scn_num ran_upgrade_eur;     /* 5G RAN on an existing site */
    scn_num core_eur;            /* a 5G core network */
    scn_num integration_eur;     /* one-off, per operator and region used */
    scn_num opex_factor;         /* multiplies market.site_opex_eur_year */
    scn_num efficiency_factor;   /* multiplies spectral efficiency */
    scn_num capacity_sites_year; /* market-wide deliveries per year */
    scn_num management_swap_eur; /* one operator replacing its network-
                                    management system by a third party's;
                                    value -1 (fixed) when not given, which
                                    no management-scope rule may target */
    int available_year;          /* first year a 5G product ships */
    /* Supply shock (docs/model.md §4, "Supply shocks"): from the year
     * shock_year on (value 0, fixed, when the file gives none; a year
     * after the horizon: not within it) the vendor delivers
     * shock_capacity_share of capacity_sites_year and its support costs
     * shock_opex_factor times as much. Capacity ramp: deliveries of a
     * year may exceed the capacity by capacity_growth times the vendor's
     * deliveries capacity_lag_years before. */
    scn_num shock_year;
    scn_num shock_capacity_share;
    scn_num shock_opex_factor;
    scn_num capacity_growth;
    int capacity_lag_years;
} scn_vendor;

typedef struct {
    char name[SPECSIM_NAME_MAX];
    bool new_entrant;
    scn_num subscriber_share;                 /* of users, [0,1] */
    double holdings_mhz[SPECSIM_BANDS_MAX];   /* spectrum held, by band
                                                 (per direction if paired) */
    /* Most spectrum it may hold after the auction, counted as
     * scn_held_mhz counts (both directions of a paired band); INFINITY =
     * no cap. At least scn_held_mhz. */
    double spectrum_cap_mhz;
    scn_num sites[SPECSIM_REGIONS_MAX];       /* existing sites by region */
    /* Installed base: share of the existing sites of region r whose RAN
     * vendor is v, each fixed or drawn within [0,1]. Vendor
     * installed_rest[r] (or -1) was given as `rest`: its share is 1 minus
     * the others' in each replication, and its entry holds that for the
     * means. Each region's shares sum to 1 (all 0 and no rest if the
     * operator has no sites there). Read them with scn_installed_share. */
    scn_num installed_base[SPECSIM_REGIONS_MAX][SPECSIM_VENDORS_MAX];
    int installed_rest[SPECSIM_REGIONS_MAX];
    int core_vendor;                          /* vendor of the current core */
    /* Installed non-radio equipment by vendor: core-network sites, and
     * transport and other units (0 when not given). */
    scn_num units_core[SPECSIM_VENDORS_MAX];
    scn_num units_transport[SPECSIM_VENDORS_MAX];
    scn_num capex_budget_eur_year;            /* 5G capex per year */
    scn_num auction_budget_eur;               /* most it may pay at auction */
    int obligation_year;                      /* 0 = no obligation */
    double obligation_share;                  /* population coverage */
    int vendors_per_region_max;               /* RAN vendors in one region */
    bool budget_hard;        /* true: capex may not exceed the budget;
                                false: the excess is borrowed */
    int affiliated_vendor;   /* vendor it is linked to (bar_bidding), -1 */
    uint32_t market;         /* regions where it sells service (bit r);
                                every region when the file names none */
    /* Explicit XOR values (auction value_model explicit): the operator
     * values a package at the most valuable of these it contains. */
    int npackages;
    scn_package packages[SPECSIM_XOR_PACKAGES_MAX];
    /* Equipment age (docs/model.md §4, "Equipment age"): mean age of the
     * installed radio equipment at the start of the horizon (value -1,
     * fixed, when not given: half of market.equipment_life_years), and
     * the share of each vendor's installed sites that already carry its
     * 5G at the start. */
    scn_num installed_age_years;
    scn_num installed_5g[SPECSIM_VENDORS_MAX];
} scn_operator;

typedef enum {
    INSTR_EXCLUDE = 0,
    INSTR_CAP,
    INSTR_DIVERSITY,
    INSTR_MITIGATION,
    INSTR_AUCTION,   /* changes to the auction rules and licence terms */
    INSTR_SUBSIDY,   /* the state reimburses a share of swap costs */
    INSTR_MEASURE,   /* a measure of the EU 5G toolbox (risk.h) */
    INSTR_COUNT
} scn_instr_kind;

typedef enum {
    SCOPE_RAN = 0,   /* access network in every region */
    SCOPE_CORE,      /* the core only */
    SCOPE_ALL,       /* access network and core */
    SCOPE_SENSITIVE, /* access network in regions flagged sensitive */
    SCOPE_MANAGEMENT,/* exclude only: the network-management system of the
                        vendor's radios, which may stay */
    SCOPE_COUNT
} scn_scope;

typedef enum { CAP_OPERATOR = 0, CAP_NATIONAL } scn_cap_level;

typedef struct {
    scn_instr_kind kind;
    int line;                 /* where the instrument starts, for messages */
    uint32_t vendors;         /* bit v set = vendor v is targeted */
    scn_scope scope;
    uint32_t regions;         /* regions it applies to (bit r): all unless
                                 the file lists some (a country's policy) */
    int from_year;            /* in force from this year (purchase stop);
                                 scope management: removal_year */
    /* exclude */
    int removal_year;         /* installed base gone by end of it (scope
                                 management: managed by another vendor's
                                 system by then); 0 = none */
    bool bar_bidding;         /* barred vendors' bidders (auction issue) */
    bool deadline_hard;       /* removal_year cannot be missed */
    scn_num late_penalty_eur_site_year; /* per site and year past a soft
                                 removal_year; value -1 (fixed) when not
                                 given: 2 x market.swap_eur_site */
    /* cap */
    scn_num share_max;        /* cap: max targeted share of sites */
    scn_cap_level level;
    /* diversity */
    int vendors_min;          /* min RAN vendors per operator */
    double vendor_share_min;  /* a vendor counts if it holds this share */
    scn_num vendor_share_max; /* max share of any one vendor; 1 = none */
    /* mitigation */
    scn_num cost_site_year_eur; /* extra cost per targeted site and year */
    scn_num cost_fixed_year_eur;/* national fixed cost per year */
    scn_num risk_reduction;     /* [0,1] factor off the risk score */
    /* auction: each field -1 (or 0 for obligation_year) = unchanged */
    scn_num reserve_factor;     /* multiplies every reserve price; 1 */
    int cap_band[SPECSIM_BANDS_MAX]; /* lots per bidder and band */
    int cap_total;              /* lots per bidder over all bands */
    double spectrum_cap_mhz;    /* every operator's spectrum_cap_mhz */
    int setaside[SPECSIM_BANDS_MAX]; /* lots only new entrants may win */
    int obligation_year;        /* licence obligation for every operator */
    double obligation_share;
    /* subsidy (also vendors, regions, from_year) */
    scn_num subsidy_share;      /* share of swap costs reimbursed, [0,1] */
    double fund_eur_year;       /* most paid a year; 0 = uncapped */
    double fund_eur_total;      /* most paid in all; 0 = uncapped */
    uint32_t operators;         /* eligible operators (bit o) */
    /* measure (also vendors, regions, from_year, cost_site_year_eur,
     * cost_fixed_year_eur): a toolbox measure's identifier, its other
     * costs, and its effects on the incidents of the risk section */
    int measure_id;             /* index into scn_measure_ids */
    scn_num cost_operator_year_eur; /* per operator serving its regions */
    scn_num cost_once_eur;      /* national, one-off in from_year */
    scn_num cost_operator_once_eur; /* per operator, one-off */
    scn_num hostile_probability_reduction; /* [0,1], targeted vendors */
    scn_num hostile_impact_reduction;
    scn_num failure_probability_reduction;
    scn_num failure_impact_reduction;
} scn_instrument;

typedef struct {
    char name[SPECSIM_NAME_MAX];
    char description[SPECSIM_TEXT_MAX];
    int ninstruments;
    scn_instrument instruments[SPECSIM_INSTRUMENTS_MAX];
} scn_policy;

typedef struct {
    scn_num margin_eur_user_year;   /* margin per covered 5G user and year */
    scn_num quality_eur_user_year;  /* extra margin per user and year per
                                       doubling of capacity headroom */
    scn_num users_share;            /* mobile users per person */
    scn_num site_opex_eur_year;     /* opex of 5G equipment, site and year */
    scn_num new_site_opex_eur_year; /* extra opex of a new site (rent...) */
    scn_num swap_eur_site;          /* removing a site's installed RAN early */
    scn_num core_upgrade_share;     /* incumbent core upgrade vs new core */
    scn_num obligation_penalty_eur_pop; /* per person short of obligation */
    scn_num financing_rate;         /* interest on spending above a soft
                                       budget; value -1 (fixed) when not
                                       given: discount_rate + 0.02 */
    int financing_term_years;       /* annuity term of that loan */
    scn_num core_site_swap_eur;     /* swap of a core-network site; value
                                       -1 (fixed) when not given */
    scn_num transport_swap_eur;     /* swap of a transport unit; the same */
    scn_num equipment_life_years;   /* life of radio equipment; value -1
                                       (fixed) when not given: no age */
} scn_market;

typedef enum {
    VALUE_NETWORK = 0, VALUE_ADDITIVE, VALUE_EXPLICIT,
    VALUE_GSVM, VALUE_LSVM /* the literature's models (auction_svm.h) */
} scn_value_model;

/* The spectrum auction run in every replication (absent: none, and the
 * holdings are as the operators section states them). */
typedef struct {
    bool enabled;               /* format given and not "none" */
    char format[SPECSIM_NAME_MAX];   /* auction_format_find() name */
    double increment_rel;       /* clock/SMRA price step, relative */
    double increment_abs;       /* its absolute minimum, currency */
    int rounds_max;             /* round limit */
    double activity_share;      /* (0,1] activity rule */
    bool activity_rule;         /* eligibility points = MHz of a lot */
    int cap_band[SPECSIM_BANDS_MAX]; /* lots per bidder and band; -1 none */
    int cap_total;              /* lots per bidder overall; -1 none */
    int setaside[SPECSIM_BANDS_MAX]; /* lots only new entrants may win */
    scn_value_model value_model;
    scn_num private_value_sd;   /* network model: per-operator factor sd */
    int payment_years;          /* payments spread over the first k years */
    double payment_interest_rate; /* interest on the instalments' unpaid
                                  balance; 0: equal parts */
    char strategy[SPECSIM_NAME_MAX]; /* auction_strategy_find() name */
    double strategy_param;
    /* additive value model: per-lot base value uniform on [lo, hi] */
    double additive_lo[SPECSIM_BANDS_MAX];
    double additive_hi[SPECSIM_BANDS_MAX];
    double additive_synergy[SPECSIM_BANDS_MAX]; /* s: k lots worth
                                      base k (1 + s (k-1)/(lots-1)) */
    /* value_model gsvm or lsvm: the model's parameters (auction.gsvm or
     * auction.lsvm, their defaults when absent) */
    auction_svm_params svm;
    /* network model: bidders value a package net of the licence
     * obligations it brings (docs/model.md §7) */
    bool bidders_price_obligations;
    /* network model: bid limits count the financing of a payment above
     * the capex budget (docs/model.md §7) */
    bool bidders_price_financing;
} scn_auction;

typedef struct {
    long replications;
    uint64_t seed;
    double coverage_target;      /* national population share, (0,1] */
    double risk_core_weight;     /* weight of core in risk exposure, [0,1] */
    long mip_node_limit;         /* branch-and-bound nodes per program */
    double mip_gap;              /* relative optimality gap accepted */
} scn_run;

/* The security risk in money (section `risk`, docs/model.md §8): two
 * kinds of incident, each with an annual probability and an impact. */
typedef struct {
    bool enabled;                      /* the section is given */
    scn_num outage_eur_user_day;       /* one user without service a day */
    scn_num hostile_probability_year;  /* at full exposure (index 1) */
    scn_num hostile_outage_days;       /* national outage-equivalent days */
    scn_num security_loss_eur;         /* fixed loss per hostile incident */
    scn_num failure_probability_year[SPECSIM_VENDORS_MAX]; /* by vendor */
    scn_num failure_outage_days;       /* days the vendor's users are out */
    scn_num management_share;          /* of a site's hostile exposure,
                                          through its management system */
} scn_risk;

/* Toolbox measure identifiers a `measure` instrument may name, NULL
 * ended (NIS Cooperation Group, EU Toolbox, January 2020). */
extern const char *const scn_measure_ids[];
/* Licence obligations (section `obligations`): attached to a band's
 * licence, they bind whoever wins lots of that band at the auction. */
typedef enum {
    OBLIG_POPULATION = 0, /* share of the population of the regions */
    OBLIG_AREA,           /* share of their area */
    OBLIG_SITES           /* 5G sites in the regions, a count */
} scn_oblig_scope;

typedef struct {
    int band;                  /* the licence's band */
    uint32_t operators;        /* winners it binds (bit o); all by default */
    scn_oblig_scope scope;
    uint32_t regions;          /* where it counts (bit r) */
    bool per_region;           /* each region on its own (e.g. per state) */
    double share;              /* population or area: target share */
    double sites;              /* sites: target count */
    int year;                  /* met by the end of this year, and after */
    bool hard;                 /* no plan may miss it */
    double penalty_eur_year;   /* soft: a year's penalty at a full
                                  shortfall, in proportion below */
} scn_obligation;

typedef struct {
    char file[SPECSIM_TEXT_MAX];  /* path as given to the loader */
    char currency[8];             /* ISO 4217 code, e.g. EUR */
    char description[SPECSIM_TEXT_MAX];
    int year_first, year_last;
    scn_num discount_rate;
    scn_market market;
    scn_run run;
    scn_auction auction;

    int nregions, nbands, nvendors, noperators, npolicies;
    scn_region regions[SPECSIM_REGIONS_MAX];
    /* Countries in order of first mention; 0 when no region names one,
     * else every region belongs to one. */
    int ncountries;
    scn_country countries[SPECSIM_REGIONS_MAX];
    scn_band bands[SPECSIM_BANDS_MAX];
    scn_vendor vendors[SPECSIM_VENDORS_MAX];
    scn_operator operators[SPECSIM_OPERATORS_MAX];
    scn_policy policies[SPECSIM_POLICIES_MAX]; /* [0] is always baseline */

    int nobligations;
    scn_obligation obligations[SPECSIM_OBLIGATIONS_MAX];

    int nparams;
    scn_param params[SPECSIM_PARAMS_MAX];
    int ncorrelations;
    scn_correlation correlations[SPECSIM_CORRELATIONS_MAX];

    scn_risk risk;
} scn;

/* Load and check a scenario file. On success returns ERR_OK and fills *out
 * (caller-owned; scn_free releases it). On a bad file returns ERR_SCENARIO
 * with a message "FILE:LINE:COL: FIELD: VALUE: expected ..." in *e; on an
 * unreadable file ERR_IO. */
err_code scn_load(const char *path, scn **out, err_t *e);

/* Read the whole file at `path` once (a pipe or /dev/stdin can be read
 * only once) into a new buffer of *len bytes (caller frees *text): at most
 * 16 MiB, else ERR_SCENARIO; ERR_IO when it cannot be read. With
 * scn_load_string, the bytes hashed are the bytes loaded. */
err_code scn_read_file(const char *path, char **text, size_t *len,
                       err_t *e);

/* Same as scn_load on an in-memory YAML text; `name` stands for the file. */
err_code scn_load_string(const char *name, const char *text, size_t len,
                         scn **out, err_t *e);

/* Release a scenario; scn_free(NULL) is a no-op. */
void scn_free(scn *s);

/* The value of `n` given this replication's draws (draws[i] for params[i]). */
static inline double scn_num_value(scn_num n, const double *draws)
{
    return n.param < 0 ? n.value : draws[n.param];
}

/* Does the operator have sites in region r (a drawn count counts)? */
static inline bool scn_has_sites(const scn_operator *op, int r)
{
    return op->sites[r].param >= 0 || op->sites[r].value > 0;
}

/* The largest value `n` can take in any replication: its value when fixed,
 * else the upper end of its distribution's support (may be +inf). */
double scn_num_max(const scn *s, scn_num n);

/* Share of operator o's existing sites in region r whose RAN vendor is v,
 * given this replication's draws; with draws == NULL, the share at the
 * means of the drawn inputs (a `rest` share is then 1 minus the others'
 * means). The shares of a region with sites sum to 1. */
double scn_installed_share(const scn *s, int o, int r, int v,
                           const double *draws);

/* Does operator o have an installed base in region r (shares summing to
 * 1, which the loader stores only where it has sites)? */
bool scn_has_installed_base(const scn *s, int o, int r);

/* Index of the policy, vendor, region... with this name, or -1. */
int scn_policy_find(const scn *s, const char *name);
int scn_vendor_find(const scn *s, const char *name);
int scn_region_find(const scn *s, const char *name);
int scn_country_find(const scn *s, const char *name);

/* Mask of the high-risk vendors. */
uint32_t scn_high_risk_mask(const scn *s);

/* Spectrum operator `op` (of scenario s, whose bands are loaded) holds
 * before the auction as spectrum caps count it: the sum of its
 * holdings_mhz, a paired band's twice (both directions). */
double scn_held_mhz(const scn *s, const scn_operator *op);

/* Names for enums, as written in scenario files. */
const char *scn_scope_name(scn_scope s);
const char *scn_instr_name(scn_instr_kind k);
const char *scn_geotype_name(scn_geotype g);

#endif
