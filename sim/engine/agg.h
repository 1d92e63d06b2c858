/* agg.h — streaming statistics over replications, in replication order.
 *
 * DESIGN — one accumulator per (policy, metric[, year | operator | band |
 * key (operator, vendor, country)][, year]) holds a
 * GSL running-statistics workspace (count, mean, sd) and three P-square
 * quantile estimators (5, 50, 95 %), and the same for the paired
 * difference from baseline. Memory is fixed by the scenario's size, never
 * by the number of replications. Records must be added in replication
 * order: the result is then the same for any number of threads.
 * Quantiles are exact (linear interpolation between order statistics) for
 * the first SPECSIM_EXACT_QUANTILES_MAX values, which each accumulator
 * keeps; beyond that they are P-square estimates (Jain & Chlamtac 1985),
 * so memory stays bounded. The mean's 95 % interval uses Student's t.
 */
#ifndef SPECSIM_AGG_H
#define SPECSIM_AGG_H

#include "metrics.h"

typedef enum {
    ST_N = 0,
    ST_MEAN,
    ST_SD,
    ST_CI_LO,
    ST_CI_HI,
    ST_P05,
    ST_P50,
    ST_P95,
    ST_D_MEAN,
    ST_D_CI_LO,
    ST_D_CI_HI,
    ST_D_P05,
    ST_D_P50,
    ST_D_P95,
    ST_COUNT
} agg_stat;

/* First stat that describes the paired difference from baseline. */
#define ST_FIRST_DELTA ST_D_MEAN

extern const char *const agg_stat_names[ST_COUNT];

typedef struct agg agg;

/* Accumulators for this many policies, years, operators, bands, vendors
 * and countries (0 when the scenario names none); NULL when out of
 * memory. */
agg *agg_alloc(int npolicies, int nyears, int noperators, int nbands,
               int nvendors, int ncountries);

/* Release; agg_free(NULL) is a no-op. */
void agg_free(agg *a);

/* Add one replication's record (replications in order). */
void agg_add(agg *a, const rep_record *r);

/* Replications added so far. */
long agg_count(const agg *a);

/* A statistic; NaN when undefined (no finite value, baseline delta). */
double agg_scalar(const agg *a, int policy, int metric, agg_stat st);
double agg_yearly(const agg *a, int policy, int metric, int t, agg_stat st);
double agg_operator(const agg *a, int policy, int op, int metric,
                    agg_stat st);
double agg_band(const agg *a, int policy, int band, int metric, agg_stat st);
double agg_lots_won(const agg *a, int policy, int op, int band, agg_stat st);
/* Keyed metric m (metric_keyed / metric_keyed_yearly) for key k: operator,
 * vendor or country index, as the metric's catalogue entry says. */
double agg_keyed(const agg *a, int policy, int m, int k, agg_stat st);
double agg_keyed_yearly(const agg *a, int policy, int m, int k, int t,
                        agg_stat st);

/* Infeasible or failed programs of a policy, and the first replication's
 * diagnosis ("" when none). */
long agg_problems(const agg *a, int policy);
const char *agg_first_diagnosis(const agg *a, int policy, long *rep);

#endif
