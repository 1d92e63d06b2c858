/* dist.c — the distribution tables (see dist.h).
 *
 * DESIGN — each distribution is three static functions (check, quantile,
 * mean) over its parameters p[] and one `const dist_type` table. Truncated
 * normal and lognormal share one helper, the standard normal truncated to
 * [za, zb]: its quantile works in the lower tail (reflecting an interval
 * that lies above 0), and its probability mass is computed in log space
 * from log erfc, so a truncation far out in a tail keeps its precision and
 * the lognormal mean neither overflows nor underflows on the way.
 *
 * Every GSL call here is one that cannot fail for parameters that passed
 * check(), except gsl_cdf_beta_Pinv: it returns NaN or an unconverged value
 * for some shapes (e.g. a = 1e4, b = 0.5), and says so only through the
 * error handler, which is off. Its result is therefore verified against the
 * CDF and replaced by bisection when it is wrong.
 */
#include "dist.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_sf_erf.h>

/* Quantiles are taken at p clamped into [DIST_P_MIN, 1 - DIST_P_MIN], so an
 * unbounded tail gives a finite value (at about 7 standard deviations). */
#define DIST_P_MIN 1e-12

/* A truncation must keep at least this share of the probability: less is
 * almost surely a mistake in the scenario, and below it the truncated
 * distribution is numerically just its bound. */
#define DIST_MASS_MIN 1e-6

/* Largest beta shape accepted: GSL's incomplete beta function (a continued
 * fraction of at most 512 terms) loses accuracy and its inverse may not
 * terminate for shapes of 1e6. A beta(1e5, .) is a constant in practice. */
#define DIST_BETA_SHAPE_MAX 1e5

/* gsl_cdf_beta_Pinv is accepted when its CDF matches p to this relative
 * tolerance (in the tail that p is in); otherwise bisection takes over. */
#define DIST_BETA_INV_TOL 1e-9

#define LN_SQRT_2PI 0.91893853320467274178032973640562

static bool fail(char *why, size_t why_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Write what was expected into `why` and return false. */
static bool fail(char *why, size_t why_len, const char *fmt, ...)
{
    if (why != NULL && why_len > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return false;
}

static double clamp(double x, double lo, double hi)
{
    return fmin(fmax(x, lo), hi);
}

/* min < max with a representable width: the bounded distributions scale a
 * unit quantile by max - min. */
static bool range_check(double min, double max, char *why, size_t why_len)
{
    if (!(min < max)) return fail(why, why_len, "min < max");
    if (!isfinite(max - min))
        return fail(why, why_len, "max - min within the range of a double");
    return true;
}

static bool mode_check(const dist_spec *d, char *why, size_t why_len)
{
    double min = d->p[0], mode = d->p[1], max = d->p[2];
    if (!(min < max && min <= mode && mode <= max))
        return fail(why, why_len, "min <= mode <= max with min < max");
    return range_check(min, max, why, why_len);
}

/* ---- The standard normal truncated to [za, zb] ------------------------ */

/* log Q(x) = log P(Z > x) for x > 0, accurate far into the tail. */
static double log_upper_tail(double x)
{
    if (isinf(x)) return -INFINITY;
    return gsl_sf_log_erfc(x / M_SQRT2) - M_LN2;
}

/* log P(za < Z < zb), computed in the smaller tail. NaN if za, zb are. */
static double std_log_mass(double za, double zb)
{
    if (za > 0) {
        double la = log_upper_tail(za), lb = log_upper_tail(zb);
        return la + log1p(-exp(lb - la));
    }
    if (zb < 0) return std_log_mass(-zb, -za);
    return log1p(-(gsl_cdf_ugaussian_P(za) + gsl_cdf_ugaussian_Q(zb)));
}

/* Quantile at p of Z truncated to [za, zb] (za < zb, enough mass). */
static double std_trunc_quantile(double za, double zb, double p)
{
    if (za > 0) return -std_trunc_quantile(-zb, -za, 1.0 - p);
    double fa = gsl_cdf_ugaussian_P(za), fb = gsl_cdf_ugaussian_P(zb);
    double z = gsl_cdf_ugaussian_Pinv(fa + p * (fb - fa));
    return clamp(z, za, zb);
}

/* E[Z | za < Z < zb] = (phi(za) - phi(zb)) / mass, each ratio in logs. */
static double std_trunc_mean(double za, double zb)
{
    double lm = std_log_mass(za, zb);
    double ra = exp(-0.5 * za * za - LN_SQRT_2PI - lm);
    double rb = exp(-0.5 * zb * zb - LN_SQRT_2PI - lm);
    return clamp(ra - rb, za, zb);
}

static bool trunc_check(double za, double zb, char *why, size_t why_len)
{
    if (!(std_log_mass(za, zb) >= log(DIST_MASS_MIN)))
        return fail(why, why_len,
                    "lo, hi keeping a probability of at least %g",
                    DIST_MASS_MIN);
    return true;
}

/* The table of distribution NAME: its quantile and mean are NAME_quantile
 * and NAME_mean; its parameters' names and defaults are in parentheses. */
#define ITEMS(...) __VA_ARGS__
#define DIST_TYPE(name_, np, nreq, trunc, check_, names, defaults)           \
    const dist_type dist_##name_ = {                                         \
        .name = #name_, .nparams = np, .nrequired = nreq,                    \
        .param_names = {ITEMS names}, .param_defaults = {ITEMS defaults},    \
        .truncatable = trunc, .check = check_,                               \
        .quantile = name_##_quantile, .mean = name_##_mean}

/* ---- uniform (min, max) ------------------------------------------------ */

static bool uniform_check(const dist_spec *d, char *why, size_t why_len)
{
    return range_check(d->p[0], d->p[1], why, why_len);
}

static double uniform_quantile(const dist_spec *d, double p)
{
    return clamp(d->p[0] + p * (d->p[1] - d->p[0]), d->p[0], d->p[1]);
}

static double uniform_mean(const dist_spec *d)
{
    return 0.5 * d->p[0] + 0.5 * d->p[1];
}

DIST_TYPE(uniform, 2, 2, false, uniform_check, ("min", "max"), (NAN, NAN));

/* ---- triangular (min, mode, max) --------------------------------------- */

/* Closed form: with c = (mode - min) / w the CDF at the mode,
 * x = min + w sqrt(p c) for p < c, else max - w sqrt((1 - p)(1 - c)). */
static double triangular_quantile(const dist_spec *d, double p)
{
    double min = d->p[0], mode = d->p[1], max = d->p[2], w = max - min;
    double c = (mode - min) / w;
    double x = p < c ? min + w * sqrt(p * c)
                     : max - w * sqrt((1.0 - p) * (1.0 - c));
    return clamp(x, min, max);
}

static double triangular_mean(const dist_spec *d)
{
    return d->p[0] / 3.0 + d->p[1] / 3.0 + d->p[2] / 3.0;
}

DIST_TYPE(triangular, 3, 3, false, mode_check, ("min", "mode", "max"),
          (NAN, NAN, NAN));

/* ---- beta on [0, 1], shared by pert and beta ---------------------------- */

static bool beta_inverse_ok(double x, double p, double a, double b)
{
    if (!(x >= 0.0 && x <= 1.0)) return false;
    if (p <= 0.5)
        return fabs(gsl_cdf_beta_P(x, a, b) - p) <= DIST_BETA_INV_TOL * p;
    double q = 1.0 - p;
    return fabs(gsl_cdf_beta_Q(x, a, b) - q) <= DIST_BETA_INV_TOL * q;
}

/* Bisection on [0, 1] until the interval cannot shrink; the CDF in the
 * tail p is in, so p near 1 keeps its precision. At most ~1100 steps. */
static double beta_bisect(double p, double a, double b)
{
    double lo = 0.0, hi = 1.0;
    for (;;) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) return mid;
        bool below = p <= 0.5 ? gsl_cdf_beta_P(mid, a, b) < p
                              : gsl_cdf_beta_Q(mid, a, b) > 1.0 - p;
        if (below) lo = mid; else hi = mid;
    }
}

static double beta_unit_quantile(double p, double a, double b)
{
    double x = gsl_cdf_beta_Pinv(p, a, b);
    if (beta_inverse_ok(x, p, a, b)) return x;
    return beta_bisect(p, a, b);
}

/* ---- pert (min, mode, max), lambda = 4 ---------------------------------- */

static double pert_quantile(const dist_spec *d, double p)
{
    double min = d->p[0], mode = d->p[1], max = d->p[2], w = max - min;
    double alpha = 1.0 + 4.0 * (mode - min) / w;
    double beta = 1.0 + 4.0 * (max - mode) / w;
    return clamp(min + w * beta_unit_quantile(p, alpha, beta), min, max);
}

static double pert_mean(const dist_spec *d)
{
    return (d->p[0] + 4.0 * d->p[1] + d->p[2]) / 6.0;
}

DIST_TYPE(pert, 3, 3, false, mode_check, ("min", "mode", "max"),
          (NAN, NAN, NAN));

/* ---- normal (mean, sd), truncatable ------------------------------------ */

static double normal_za(const dist_spec *d)
{
    return (d->lo - d->p[0]) / d->p[1];
}

static double normal_zb(const dist_spec *d)
{
    return (d->hi - d->p[0]) / d->p[1];
}

static bool normal_check(const dist_spec *d, char *why, size_t why_len)
{
    if (!(d->p[1] > 0)) return fail(why, why_len, "sd > 0");
    return trunc_check(normal_za(d), normal_zb(d), why, why_len);
}

static double normal_quantile(const dist_spec *d, double p)
{
    double z = std_trunc_quantile(normal_za(d), normal_zb(d), p);
    return clamp(d->p[0] + d->p[1] * z, d->lo, d->hi);
}

static double normal_mean(const dist_spec *d)
{
    double z = std_trunc_mean(normal_za(d), normal_zb(d));
    return clamp(d->p[0] + d->p[1] * z, d->lo, d->hi);
}

DIST_TYPE(normal, 2, 2, true, normal_check, ("mean", "sd"), (NAN, NAN));

/* ---- lognormal (meanlog, sdlog), truncatable --------------------------- */

/* Bounds on the scale of the underlying normal; lo <= 0 truncates nothing. */
static double lognormal_z(const dist_spec *d, double x)
{
    if (!(x > 0)) return -INFINITY;
    return (log(x) - d->p[0]) / d->p[1];
}

/* E[X | lo < X < hi] = exp(mu + s^2/2) P(za - s < Z < zb - s) /
 * P(za < Z < zb), evaluated in logs (see std_log_mass). */
static double lognormal_mean(const dist_spec *d)
{
    double mu = d->p[0], s = d->p[1];
    double za = lognormal_z(d, d->lo), zb = lognormal_z(d, d->hi);
    double lm = mu + 0.5 * s * s + std_log_mass(za - s, zb - s) -
                std_log_mass(za, zb);
    return clamp(exp(lm), fmax(d->lo, 0.0), d->hi);
}

static bool lognormal_check(const dist_spec *d, char *why, size_t why_len)
{
    if (!(d->p[1] > 0)) return fail(why, why_len, "sdlog > 0");
    double za = lognormal_z(d, d->lo), zb = lognormal_z(d, d->hi);
    if (!trunc_check(za, zb, why, why_len)) return false;
    if (!isfinite(lognormal_mean(d)))
        return fail(why, why_len,
                    "meanlog, sdlog (and hi) giving a finite mean");
    return true;
}

static double lognormal_quantile(const dist_spec *d, double p)
{
    double za = lognormal_z(d, d->lo), zb = lognormal_z(d, d->hi);
    double z = std_trunc_quantile(za, zb, p);
    return clamp(exp(d->p[0] + d->p[1] * z), fmax(d->lo, 0.0), d->hi);
}

DIST_TYPE(lognormal, 2, 2, true, lognormal_check, ("meanlog", "sdlog"),
          (NAN, NAN));

/* ---- beta (a, b; min = 0, max = 1) -------------------------------------- */

static bool beta_check(const dist_spec *d, char *why, size_t why_len)
{
    double a = d->p[0], b = d->p[1];
    if (!(a > 0 && b > 0)) return fail(why, why_len, "a > 0 and b > 0");
    if (!(a <= DIST_BETA_SHAPE_MAX && b <= DIST_BETA_SHAPE_MAX))
        return fail(why, why_len, "a <= %g and b <= %g", DIST_BETA_SHAPE_MAX,
                    DIST_BETA_SHAPE_MAX);
    return range_check(d->p[2], d->p[3], why, why_len);
}

static double beta_quantile(const dist_spec *d, double p)
{
    double min = d->p[2], max = d->p[3];
    double x = beta_unit_quantile(p, d->p[0], d->p[1]);
    return clamp(min + (max - min) * x, min, max);
}

static double beta_mean(const dist_spec *d)
{
    double a = d->p[0], b = d->p[1], min = d->p[2], max = d->p[3];
    return min + (max - min) * (a / (a + b));
}

DIST_TYPE(beta, 4, 2, false, beta_check, ("a", "b", "min", "max"),
          (NAN, NAN, 0.0, 1.0));

/* ---- The table and the generic entry points ----------------------------- */

const dist_type *const dist_types[] = {
    &dist_uniform, &dist_triangular, &dist_pert,
    &dist_normal,  &dist_lognormal,  &dist_beta,
    NULL,
};

const dist_type *dist_type_find(const char *name)
{
    SPECSIM_ASSERT(name != NULL);
    for (int i = 0; dist_types[i] != NULL; i++)
        if (strcmp(dist_types[i]->name, name) == 0) return dist_types[i];
    return NULL;
}

const char *dist_type_names(void)
{
    return "uniform, triangular, pert, normal, lognormal, beta";
}

bool dist_check(const dist_spec *d, char *why, size_t why_len)
{
    SPECSIM_ASSERT(d != NULL && d->type != NULL);
    const dist_type *t = d->type;
    for (int i = 0; i < t->nparams; i++)
        if (!isfinite(d->p[i]))
            return fail(why, why_len, "%s a finite number", t->param_names[i]);
    if (t->truncatable && !(d->lo < d->hi))
        return fail(why, why_len, "lo < hi");
    return t->check(d, why, why_len);
}

double dist_quantile(const dist_spec *d, double p)
{
    SPECSIM_ASSERT(d != NULL && d->type != NULL);
    SPECSIM_ASSERT(p >= 0.0 && p <= 1.0);
    return d->type->quantile(d, clamp(p, DIST_P_MIN, 1.0 - DIST_P_MIN));
}

double dist_mean(const dist_spec *d)
{
    SPECSIM_ASSERT(d != NULL && d->type != NULL);
    return d->type->mean(d);
}

void dist_support(const dist_spec *d, double *lo, bool *lo_open, double *hi)
{
    SPECSIM_ASSERT(d != NULL && d->type != NULL);
    *lo = -INFINITY;
    *hi = INFINITY;
    *lo_open = false;
    for (int i = 0; i < d->type->nparams; i++) {
        if (strcmp(d->type->param_names[i], "min") == 0) *lo = d->p[i];
        if (strcmp(d->type->param_names[i], "max") == 0) *hi = d->p[i];
    }
    if (d->type == &dist_lognormal && *lo <= 0) {
        *lo = 0;
        *lo_open = true;
    }
    if (d->type->truncatable && d->lo > *lo) {
        *lo = d->lo;
        *lo_open = false;
    }
    if (d->type->truncatable && d->hi < *hi) *hi = d->hi;
}
