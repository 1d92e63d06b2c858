/* err.h — status codes, the caller-owned error struct, and assertions that
 * stay on in release builds.
 *
 * DESIGN — an operating error (bad scenario, I/O, solver failure, infeasible
 * policy) travels up the stack as a status code with its message in a
 * caller-owned `err_t`; there is no global error buffer, so every thread has
 * its own. A programmer error is `SPECSIM_ASSERT`, which aborts with file and
 * line in every build.
 */
#ifndef SPECSIM_ERR_H
#define SPECSIM_ERR_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "specsim_limits.h"

typedef enum {
    ERR_OK = 0,
    ERR_USAGE,      /* bad command line */
    ERR_SCENARIO,   /* bad scenario file: exit code 2 */
    ERR_IO,         /* cannot read or write a file */
    ERR_SOLVER,     /* the solver call itself failed */
    ERR_INFEASIBLE, /* the model has no feasible solution */
    ERR_NOMEM,
    ERR_INTERRUPTED
} err_code;

typedef struct {
    err_code code;
    char msg[SPECSIM_ERRMSG_MAX];
} err_t;

/* Clear an error struct. */
void err_clear(err_t *e);

/* Record code and a printf-style message in `e` (may be NULL); returns code. */
err_code err_set(err_t *e, err_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix the existing message of `e` with a printf-style context string. */
void err_prefix(err_t *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Process exit code for a status: 0 ok, 2 usage/scenario, 1 otherwise. */
int err_exit_code(err_code code);

/* Name of a status code, for logs and manifests. */
const char *err_name(err_code code);

#define SPECSIM_ASSERT(cond)                                                  \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "specsim: internal error: %s:%d: %s\n", __FILE__, \
                    __LINE__, #cond);                                         \
            abort();                                                          \
        }                                                                     \
    } while (0)

#endif
