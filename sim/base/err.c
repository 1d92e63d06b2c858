/* err.c — status codes and caller-owned error messages (see err.h). */
#include "err.h"

#include <string.h>

void err_clear(err_t *e)
{
    if (e == NULL) return;
    e->code = ERR_OK;
    e->msg[0] = '\0';
}

err_code err_set(err_t *e, err_code code, const char *fmt, ...)
{
    if (e == NULL) return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->code = code;
    return code;
}

void err_prefix(err_t *e, const char *fmt, ...)
{
    if (e == NULL) return;
    char head[SPECSIM_ERRMSG_MAX];
    char old[SPECSIM_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    /* Truncation of an over-long message is acceptable; do it by hand so
     * the compiler sees no unbounded format. */
    size_t hl = strlen(head), cap = sizeof e->msg - 1;
    if (hl > cap) hl = cap;
    memcpy(e->msg, head, hl);
    size_t ol = strlen(old);
    if (ol > cap - hl) ol = cap - hl;
    memcpy(e->msg + hl, old, ol);
    e->msg[hl + ol] = '\0';
}

int err_exit_code(err_code code)
{
    switch (code) {
    case ERR_OK: return 0;
    case ERR_USAGE:
    case ERR_SCENARIO: return 2;
    default: return 1;
    }
}

const char *err_name(err_code code)
{
    static const char *const names[] = {"ok",    "usage",      "scenario",
                                        "io",    "solver",     "infeasible",
                                        "nomem", "interrupted"};
    SPECSIM_ASSERT((unsigned)code < sizeof names / sizeof names[0]);
    return names[code];
}
