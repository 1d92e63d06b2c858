/* metrics.h — what one replication measures, and the catalogue of metrics.
 *
 * DESIGN — a replication fills one `rep_record`: for every policy the
 * scalar metrics, the yearly paths, the per-operator cost components, and
 * the keyed breakdowns (by operator, vendor or country; scalar or yearly).
 * A metric that does not exist in that replication (the policy was
 * infeasible, the target was never reached) is NaN and is left out of that
 * metric's statistics; indicator metrics (infeasible_share, ...) count it.
 * The catalogue gives each metric its output name, unit and meaning, in
 * output order.
 */
#ifndef SPECSIM_METRICS_H
#define SPECSIM_METRICS_H

#include <stdbool.h>

#include "specsim_limits.h"

typedef enum {
    M_COST_TOTAL = 0,
    M_COST_CAPEX,
    M_COST_OPEX,
    M_COST_SWAP,
    M_COST_MITIGATION,
    M_PENALTY,
    M_MARGIN,
    M_OPERATOR_NPV,
    M_FINANCING,
    M_BUDGET_OVERRUN,
    M_LATE_PENALTY,
    M_STATE_OUTLAY,
    M_REMOVAL_DELAY,
    M_TARGET_YEAR,
    M_DELAY_MONTHS,
    M_TARGET_REACHED,
    M_SHORTFALL_MAX,
    M_INFEASIBLE,
    M_SOLVER_LIMIT,
    M_SOLVER_FAILED,
    M_AUCTION_REVENUE,
    M_AUCTION_ROUNDS,
    M_AUCTION_EFFICIENCY,
    M_AUCTION_UNSOLD,
    /* The security risk in money (scenarios with a risk section). */
    M_INCIDENT_LOSS,
    M_INCIDENT_HOSTILE,
    M_INCIDENT_FAILURE,
    M_SECURITY_LOSS,
    M_AVOIDED_LOSS,
    M_NB_EXTRA_COST,
    M_NB_MARGIN_LOST,
    M_NB_REVENUE_LOST,
    M_NET_BENEFIT,
    M_NET_POSITIVE,
    M_NB_SLOPE,
    M_NB_NO_HOSTILE,
    M_BREAK_EVEN,
    M_BREAK_EVEN_IMPACT,
    /* Spectrum payments and the decomposition of a policy's effect
     * (docs/model.md §5). */
    M_SPECTRUM_PAYMENT,
    M_SPECTRUM_FINANCING,
    M_EFFECT_EXTRA_COST,
    M_EFFECT_MARGIN_LOST,
    M_EFFECT_SPECTRUM_REVENUE,
    M_EFFECT_MITIGATION,
    M_LICENCE_SHORTFALL,
    /* Equipment age (docs/model.md §4, "Equipment age"). */
    M_STRANDED,
    M_SITES_EARLY,
    M_SITES_CYCLE,
    M_SCALAR_COUNT
} metric_scalar;

typedef enum {
    MY_COVERAGE = 0,
    MY_HRV_SHARE,
    MY_RISK,
    MY_LATE_SITES,
    M_YEARLY_COUNT
} metric_yearly;

typedef enum {
    MO_CAPEX = 0,
    MO_OPEX,
    MO_SWAP,
    MO_MITIGATION,
    MO_TOTAL,
    MO_PENALTY,
    MO_MARGIN,
    MO_SHORTFALL,
    MO_PAYMENT,
    MO_FINANCING,
    MO_OVERRUN,
    MO_LATE_PENALTY,
    MO_SUBSIDY,
    MO_SPECTRUM_PAYMENT,
    MO_SPECTRUM_FINANCING,
    M_OPERATOR_COUNT
} metric_operator;

/* Breakdowns by operator, vendor or country: written METRIC[NAME] in the
 * summaries, like the per-band auction metrics. */
typedef enum { KEY_OPERATOR = 0, KEY_VENDOR, KEY_COUNTRY, KEY_COUNT } metric_key;

/* Scalars by key. */
typedef enum {
    MK_OP_TARGET_YEAR = 0,
    MK_OP_DELAY_MONTHS,
    MK_OP_TARGET_REACHED,
    MK_SITES_BOUGHT_TOTAL,
    MK_CTRY_TARGET_YEAR,
    MK_CTRY_DELAY_MONTHS,
    MK_CTRY_TARGET_REACHED,
    /* Money by country (an operator's shared by the population of its
     * market in each country; docs/model.md §5). */
    MK_CTRY_COST_TOTAL,
    MK_CTRY_MARGIN,
    MK_CTRY_OPERATOR_NPV,
    MK_CTRY_AUCTION_REVENUE,
    MK_CTRY_SPECTRUM_PAYMENT,
    M_KEYED_COUNT
} metric_keyed;

/* Yearly paths by key. */
typedef enum {
    MKY_OP_COVERAGE = 0,
    MKY_SITES_BOUGHT,
    MKY_CTRY_COVERAGE,
    MKY_CTRY_HRV_SHARE,
    M_KEYED_YEARLY_COUNT
} metric_keyed_yearly;

/* Per band (auction only). */
typedef enum {
    MB_REVENUE = 0,
    MB_PRICE_LOT,
    MB_PRICE_MHZ_POP,
    MB_UNSOLD,
    M_BAND_COUNT
} metric_band;

typedef struct {
    const char *name;
    const char *unit;        /* "currency", "year", "months", "share", ... */
    const char *description;
    bool paired;             /* report the paired difference from baseline */
    bool auction;            /* exists only when the scenario has an auction */
    bool risk;               /* exists only when it has a risk section */
} metric_info;

/* Is metric `mi` reported for a scenario with (or without) an auction and
 * a risk section? */
static inline bool metric_shown(const metric_info *mi, bool auction,
                                bool risk)
{
    return (!mi->auction || auction) && (!mi->risk || risk);
}

/* Is metric `mi` a risk delta from baseline (avoided loss, net benefit,
 * break-even ...), not reported for baseline itself? */
static inline bool metric_delta(const metric_info *mi)
{
    return mi->risk && !mi->paired;
}

extern const metric_info metric_scalar_info[M_SCALAR_COUNT];

/* Is scalar m a difference from baseline in the same replication (the
 * delay, the decomposition of the effect), so that baseline's, zero by
 * definition, is not reported? */
static inline bool metric_scalar_vs_baseline(int m)
{
    return m == M_DELAY_MONTHS ||
           (m >= M_EFFECT_EXTRA_COST && m <= M_EFFECT_MITIGATION);
}
extern const metric_info metric_yearly_info[M_YEARLY_COUNT];
extern const metric_info metric_operator_info[M_OPERATOR_COUNT];
extern const metric_info metric_band_info[M_BAND_COUNT];
/* Lots won by an operator in a band (auction only). */
extern const metric_info metric_lots_won_info;

/* A metric broken down by `key`. A metric that is not paired is itself a
 * difference from baseline (a delay): zero for baseline by definition, so
 * baseline's is not reported. */
typedef struct {
    metric_info info;
    metric_key key;
} metric_keyed_info;

extern const metric_keyed_info metric_keyed_scalar_info[M_KEYED_COUNT];
extern const metric_keyed_info metric_keyed_yearly_info[M_KEYED_YEARLY_COUNT];
/* "operator", "vendor", "country": the word of a key, for JSON objects. */
extern const char *const metric_key_names[KEY_COUNT];

#define P_MAX SPECSIM_POLICIES_MAX
#define T_MAX SPECSIM_YEARS_MAX
#define O_MAX SPECSIM_OPERATORS_MAX
#define B_MAX SPECSIM_BANDS_MAX
/* Most keys of one kind: operators, vendors, or countries (each country
 * holds at least one region). */
#define K_MAX_2(a, b) ((a) > (b) ? (a) : (b))
#define K_MAX K_MAX_2(K_MAX_2(O_MAX, SPECSIM_VENDORS_MAX), SPECSIM_REGIONS_MAX)

typedef struct {
    long rep;
    double scalar[P_MAX][M_SCALAR_COUNT];
    double yearly[P_MAX][M_YEARLY_COUNT][T_MAX];
    double oper[P_MAX][O_MAX][M_OPERATOR_COUNT];
    double band[P_MAX][B_MAX][M_BAND_COUNT];
    double lots_won[P_MAX][O_MAX][B_MAX];
    double keyed[P_MAX][M_KEYED_COUNT][K_MAX];
    double keyed_yearly[P_MAX][M_KEYED_YEARLY_COUNT][K_MAX][T_MAX];
    int status[P_MAX];                       /* deploy_status */
    char diagnosis[P_MAX][SPECSIM_ERRMSG_MAX];
} rep_record;

#endif
