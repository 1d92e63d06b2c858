/* testutil.h — helpers shared by the cmocka tests.
 *
 * cmocka 1.1's assert_float_equal casts to float, so doubles are compared
 * with a relative tolerance of our own.
 */
#ifndef SPECSIM_TESTUTIL_H
#define SPECSIM_TESTUTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

/* |a - b| <= rel * max(|a|, |b|, 1e-300), or both NaN. */
static inline int test_close(double a, double b, double rel)
{
    if (isnan(a) && isnan(b)) return 1;
    double scale = fmax(fabs(a), fabs(b));
    if (scale < 1e-300) return 1;
    return fabs(a - b) <= rel * scale;
}

#define assert_close(a, b, rel)                                              \
    do {                                                                     \
        double a_ = (a), b_ = (b);                                           \
        if (!test_close(a_, b_, (rel)))                                      \
            fail_msg("%s = %.17g, %s = %.17g, differ by more than %g "       \
                     "relative", #a, a_, #b, b_, (double)(rel));             \
    } while (0)

/* |a - b| <= abs_tol. */
#define assert_near(a, b, abs_tol)                                           \
    do {                                                                     \
        double a_ = (a), b_ = (b);                                           \
        if (!(fabs(a_ - b_) <= (abs_tol)))                                   \
            fail_msg("%s = %.17g, %s = %.17g, differ by more than %g",       \
                     #a, a_, #b, b_, (double)(abs_tol));                     \
    } while (0)

/* The message contains `needle`. */
#define assert_contains(haystack, needle)                                    \
    do {                                                                     \
        const char *h_ = (haystack), *n_ = (needle);                         \
        if (strstr(h_, n_) == NULL)                                          \
            fail_msg("message \"%s\" lacks \"%s\"", h_, n_);                 \
    } while (0)

#endif
