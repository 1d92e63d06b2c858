/* testutil.h — helpers shared by the cmocka tests.
 *
 * cmocka 1.1's assert_float_equal casts to float, so doubles are compared
 * with a relative tolerance of our own. Scenario tests often load a test
 * file with one line changed, or expect a loader error: helpers for both.
 */
#ifndef SPECSIM_TESTUTIL_H
#define SPECSIM_TESTUTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scn.h"

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

/* A file read whole into a heap string (caller frees); the test fails if
 * it cannot be read. */
static inline char *test_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) fail_msg("cannot open %s", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    return buf;
}

/* `text` (heap, freed here) with its first `from`, which must occur,
 * replaced by `to`; a new heap string. */
static inline char *test_replace(char *text, const char *from, const char *to)
{
    char *at = strstr(text, from);
    if (at == NULL) fail_msg("\"%s\" not in the text", from);
    size_t len = strlen(text) + strlen(to) + 1;
    char *out = malloc(len);
    assert_non_null(out);
    snprintf(out, len, "%.*s%s%s", (int)(at - text), text, to,
             at + strlen(from));
    free(text);
    return out;
}

/* The scenario in `text` ("t.yaml" in messages); the test fails with the
 * loader's message if it does not load. */
static inline scn *load_ok(const char *text)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load_string("t.yaml", text, strlen(text), &s, &e) != ERR_OK)
        fail_msg("unexpected error: %s", e.msg);
    assert_non_null(s);
    return s;
}

/* Loading `text` fails as a bad scenario, with a message that starts with
 * `prefix` ("t.yaml:LINE:COL: field") and contains `w1` and `w2` (either
 * may be NULL), and leaves no scenario behind. */
static inline void expect_error(const char *text, const char *prefix,
                                const char *w1, const char *w2)
{
    scn *s = (scn *)1;
    err_t e;
    err_code rc = scn_load_string("t.yaml", text, strlen(text), &s, &e);
    if (rc != ERR_SCENARIO)
        fail_msg("status %s, expected scenario; message \"%s\"",
                 err_name(rc), rc == ERR_OK ? "" : e.msg);
    assert_null(s);
    if (strncmp(e.msg, prefix, strlen(prefix)) != 0)
        fail_msg("message \"%s\" does not start with \"%s\"", e.msg, prefix);
    if (w1 != NULL) assert_contains(e.msg, w1);
    if (w2 != NULL) assert_contains(e.msg, w2);
}

#endif
