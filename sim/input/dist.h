/* dist.h — probability distributions for uncertain scenario inputs.
 *
 * DESIGN — a distribution is a `const dist_type` table of function pointers
 * (like gsl_rng_type): a name, the parameter names it takes from the
 * scenario, a check of those parameters, its quantile function, mean and
 * support. Sampling is by inversion, x = quantile(u) with u uniform on (0,1):
 * one uniform per input keeps the canonical draw order simple, lets a
 * Gaussian copula correlate any inputs (u = Phi(z)), and gives the 5th/95th
 * percentiles a tornado chart needs. Adding a distribution is adding one
 * table and one entry in dist_types[].
 */
#ifndef SPECSIM_DIST_H
#define SPECSIM_DIST_H

#include <stdbool.h>

#include "err.h"

#define DIST_PARAMS_MAX 4

typedef struct dist_type dist_type;

/* A distribution with its parameters, as read from a scenario. Parameters
 * are stored in the order of type->param_names. Truncation bounds (lo, hi)
 * apply where type->truncatable is true; -inf/+inf when absent. */
typedef struct {
    const dist_type *type;
    double p[DIST_PARAMS_MAX];
    double lo, hi;
} dist_spec;

struct dist_type {
    const char *name;                            /* "normal", ... */
    int nparams;                                 /* parameters in total */
    int nrequired;                               /* the first nrequired */
    const char *param_names[DIST_PARAMS_MAX];    /* YAML keys, in order */
    double param_defaults[DIST_PARAMS_MAX];      /* for optional ones */
    bool truncatable;                            /* accepts lo/hi keys */
    /* Check parameters; on error write what was expected into `why`
     * (e.g. "min < mode < max") and return false. */
    bool (*check)(const dist_spec *d, char *why, size_t why_len);
    /* Quantile function for p in (0,1), truncation applied. */
    double (*quantile)(const dist_spec *d, double p);
    /* Mean, truncation applied. */
    double (*mean)(const dist_spec *d);
};

extern const dist_type dist_uniform;     /* min, max */
extern const dist_type dist_triangular;  /* min, mode, max */
extern const dist_type dist_pert;        /* min, mode, max (lambda = 4) */
extern const dist_type dist_normal;      /* mean, sd; optional lo, hi */
extern const dist_type dist_lognormal;   /* meanlog, sdlog; optional lo, hi */
extern const dist_type dist_beta;        /* a, b; optional min=0, max=1 */

/* NULL-terminated table of all types, in documentation order. */
extern const dist_type *const dist_types[];

/* Look up a type by name; NULL if unknown. `name` must not be NULL. */
const dist_type *dist_type_find(const char *name);

/* Comma-separated list of type names, for error messages, in the order of
 * dist_types[] (the test checks that the two agree). Static storage. */
const char *dist_type_names(void);

/* Check a spec: every parameter finite, then (for truncatable types)
 * lo < hi, then the type's own check. On false, `why` (may be NULL) holds
 * what was expected. */
bool dist_check(const dist_spec *d, char *why, size_t why_len);

/* Quantile at p in [0, 1] of a checked spec; p is clamped into
 * [DIST_P_MIN, 1 - DIST_P_MIN] (dist.c), so the result is always finite. */
double dist_quantile(const dist_spec *d, double p);

/* Mean of a checked spec, truncation applied. */
double dist_mean(const dist_spec *d);

/* The interval draws of a checked spec can fall in: [*lo, *hi], the lower
 * end open when *lo_open (the lognormal's 0); infinite ends for unbounded
 * types that are not truncated. Read from the parameters named min and
 * max, narrowed by the truncation bounds lo and hi. */
void dist_support(const dist_spec *d, double *lo, bool *lo_open, double *hi);

#endif
