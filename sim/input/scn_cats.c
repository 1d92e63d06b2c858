/* scn_cats.c — CATS instance files as scenarios (see scn_cats.h). */
#include "scn_cats.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bids a CATS file may hold: bidders times their packages. */
#define CATS_BIDS_MAX (SPECSIM_OPERATORS_MAX * SPECSIM_XOR_PACKAGES_MAX)

typedef struct {
    double price;
    unsigned goods; /* bit g: real good g */
    int dummy;      /* dummy good (0-based among the dummies), or -1 */
} cats_bid;

typedef struct {
    const char *name;
    int line;
    err_t *e;
    int ngoods, nbids, ndummy;
    cats_bid bid[CATS_BIDS_MAX];
} cats;

static err_code bad(cats *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static err_code bad(cats *c, const char *fmt, ...)
{
    char msg[SPECSIM_ERRMSG_MAX / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* an empty file has no line: the message points at its first */
    return err_set(c->e, ERR_SCENARIO, "%s:%d: %s", c->name,
                   c->line > 0 ? c->line : 1, msg);
}

/* The next line that is neither blank nor a comment into buf; false at
 * the end of the text. */
static bool next_line(cats *c, const char **p, const char *end, char *buf,
                      size_t len)
{
    while (*p < end) {
        const char *nl = memchr(*p, '\n', (size_t)(end - *p));
        const char *stop = nl ? nl : end;
        size_t n = (size_t)(stop - *p);
        c->line++;
        snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), *p);
        *p = nl ? nl + 1 : end;
        const char *t = buf + strspn(buf, " \t\r");
        if (*t != '\0' && *t != '%') return true;
    }
    return false;
}

/* A header line "word N" with 0 <= N <= max. */
static err_code header(cats *c, const char *line, const char *word, int max,
                       int *out)
{
    char w[16];
    long v;
    char extra;
    if (sscanf(line, " %15s %ld %c", w, &v, &extra) != 2 ||
        strcmp(w, word) != 0)
        return bad(c, "\"%s\": expected \"%s N\"", line, word);
    if (v < 0 || v > max)
        return bad(c, "%s %ld: expected at most %d", word, v, max);
    *out = (int)v;
    return ERR_OK;
}

/* One bid line: "id price good... #". */
static err_code bid_line(cats *c, char *line, int k)
{
    char *save = NULL, *end;
    cats_bid *b = &c->bid[k];
    char *tok = strtok_r(line, " \t\r", &save);
    long id = tok ? strtol(tok, &end, 10) : -1;
    if (tok == NULL || *end != '\0' || id != k)
        return bad(c, "bid id \"%s\": expected %d (bids numbered from 0 in "
                   "order)", tok ? tok : "", k);
    tok = strtok_r(NULL, " \t\r", &save);
    errno = 0;
    b->price = tok ? strtod(tok, &end) : NAN;
    if (tok == NULL || *end != '\0' || errno || !isfinite(b->price) ||
        b->price < 0 || b->price > 1e12)
        return bad(c, "bid %d: price \"%s\": expected a number in [0, 1e12]",
                   k, tok ? tok : "");
    b->goods = 0;
    b->dummy = -1;
    bool closed = false;
    while ((tok = strtok_r(NULL, " \t\r", &save)) != NULL) {
        if (closed) return bad(c, "bid %d: \"%s\" after #", k, tok);
        if (strcmp(tok, "#") == 0) { closed = true; continue; }
        long g = strtol(tok, &end, 10);
        if (*end != '\0' || g < 0 || g >= c->ngoods + c->ndummy)
            return bad(c, "bid %d: good \"%s\": expected 0 to %d", k, tok,
                       c->ngoods + c->ndummy - 1);
        if (g >= c->ngoods) {
            if (b->dummy >= 0)
                return bad(c, "bid %d: a second dummy good %ld: expected at "
                           "most one (its bidder)", k, g);
            b->dummy = (int)(g - c->ngoods);
        } else if ((b->goods >> g) & 1u) {
            return bad(c, "bid %d: good %ld twice", k, g);
        } else {
            b->goods |= 1u << g;
        }
    }
    if (!closed) return bad(c, "bid %d: no closing #", k);
    if (b->goods == 0) return bad(c, "bid %d: no good: expected at least one", k);
    return ERR_OK;
}

static err_code parse(cats *c, const char *text, size_t len)
{
    char line[4096];
    const char *p = text, *end = text + len;
    const char *words[3] = {"goods", "bids", "dummy"};
    const int max[3] = {SPECSIM_BANDS_MAX, CATS_BIDS_MAX, CATS_BIDS_MAX};
    int *out[3] = {&c->ngoods, &c->nbids, &c->ndummy};
    for (int i = 0; i < 3; i++) {
        if (!next_line(c, &p, end, line, sizeof line))
            return bad(c, "end of file: expected \"%s N\"", words[i]);
        err_code rc = header(c, line, words[i], max[i], out[i]);
        if (rc != ERR_OK) return rc;
    }
    for (int k = 0; k < c->nbids; k++) {
        if (!next_line(c, &p, end, line, sizeof line))
            return bad(c, "end of file after %d bids: expected %d", k,
                       c->nbids);
        err_code rc = bid_line(c, line, k);
        if (rc != ERR_OK) return rc;
    }
    if (next_line(c, &p, end, line, sizeof line))
        return bad(c, "\"%.40s\": expected the end of the file after %d bids",
                   line, c->nbids);
    return ERR_OK;
}

/* Bidder of each bid: the dummy goods' bidders in order of first use,
 * interleaved with single bids, numbered by first bid. */
static err_code bidders(cats *c, int *owner, int *nbidders)
{
    int of_dummy[CATS_BIDS_MAX], count[CATS_BIDS_MAX] = {0};
    for (int d = 0; d < c->ndummy; d++) of_dummy[d] = -1;
    *nbidders = 0;
    for (int k = 0; k < c->nbids; k++) {
        int d = c->bid[k].dummy;
        if (d >= 0 && of_dummy[d] >= 0) {
            owner[k] = of_dummy[d];
        } else {
            owner[k] = (*nbidders)++;
            if (d >= 0) of_dummy[d] = owner[k];
        }
        if (owner[k] >= SPECSIM_OPERATORS_MAX) {
            c->line = 0;
            return err_set(c->e, ERR_SCENARIO, "%s: bid %d is of a bidder "
                           "beyond the %d a scenario holds "
                           "(SPECSIM_OPERATORS_MAX)", c->name, k,
                           SPECSIM_OPERATORS_MAX);
        }
        if (++count[owner[k]] > SPECSIM_XOR_PACKAGES_MAX)
            return err_set(c->e, ERR_SCENARIO, "%s: bid %d: more than %d "
                           "bids of one bidder (SPECSIM_XOR_PACKAGES_MAX)",
                           c->name, k, SPECSIM_XOR_PACKAGES_MAX);
    }
    return ERR_OK;
}

/* Append to a growing buffer; false when it is full. */
static bool put(char *buf, size_t len, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool put(char *buf, size_t len, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *n, len - *n, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= len - *n) return false;
    *n += (size_t)w;
    return true;
}

/* The scenario text: sections every scenario has (they play no part in
 * the auction), one band of one lot per good, one operator per bidder. */
static bool scenario_text(const cats *c, const int *owner, int nbidders,
                          double top, char *buf, size_t len, size_t *n)
{
    bool ok = put(buf, len, n,
        "scenario: {description: \"CATS file %s\", currency: EUR}\n"
        "horizon: {first_year: 2024, last_year: 2025, discount_rate: 0.05}\n"
        "run: {replications: 1, seed: 1}\n"
        "market: {margin_eur_user_year: 10, site_opex_eur_year: 1000, "
        "swap_eur_site: 1000}\n"
        "regions:\n  - {name: land, geotype: rural, population: 1.0e6, "
        "area_km2: 1000, demand_mbps: 0.01}\nbands:\n", c->name);
    for (int g = 0; ok && g < c->ngoods; g++)
        ok = put(buf, len, n, "  - {name: g%d, freq_mhz: 700, lots: 1, "
                 "mhz_per_lot: 10, range_km: {urban: 2, suburban: 4, rural: "
                 "8}, efficiency: {urban: 2, suburban: 1.6, rural: 1.3}}\n",
                 g);
    /* assumption: clock steps of 5 %, at least 0.1 % of the largest bid,
     * so that the cca's clock phase ends in a few hundred rounds */
    ok = ok && put(buf, len, n, "auction: {format: cca, increment: 0.05, "
                   "increment_min_eur: %.17g, value_model: explicit}\n"
                   "vendors:\n  - {name: v, ran_new_eur: 1.0e5, "
                   "ran_upgrade_eur: 5.0e4, core_eur: 1.0e7, "
                   "capacity_sites_year: 1000}\noperators:\n",
                   top > 0 ? 1e-3 * top : 1.0);
    for (int i = 0; ok && i < nbidders; i++) {
        ok = put(buf, len, n, "  - {name: bidder%d, new_entrant: true, "
                 "subscriber_share: 0, capex_budget_eur_year: 1.0e6, "
                 "packages: [", i);
        bool first = true;
        for (int k = 0; ok && k < c->nbids; k++) {
            if (owner[k] != i) continue;
            ok = put(buf, len, n, "%s{lots: {", first ? "" : ", ");
            bool g1 = true;
            for (int g = 0; ok && g < c->ngoods; g++)
                if ((c->bid[k].goods >> g) & 1u) {
                    ok = put(buf, len, n, "%sg%d: 1", g1 ? "" : ", ", g);
                    g1 = false;
                }
            ok = ok && put(buf, len, n, "}, value: %.17g}", c->bid[k].price);
            first = false;
        }
        ok = ok && put(buf, len, n, "]}\n");
    }
    return ok && put(buf, len, n, "policies:\n  - name: baseline\n");
}

err_code scn_cats_load(const char *name, const char *text, size_t len,
                       scn **out, err_t *e)
{
    SPECSIM_ASSERT(name != NULL && text != NULL && out != NULL);
    *out = NULL;
    cats *c = calloc(1, sizeof *c);
    if (c == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    c->name = name;
    c->e = e;
    int owner[CATS_BIDS_MAX], nbidders = 0;
    err_code rc = parse(c, text, len);
    if (rc == ERR_OK) rc = bidders(c, owner, &nbidders);
    if (rc == ERR_OK && nbidders == 0)
        rc = err_set(e, ERR_SCENARIO, "%s: no bids: expected at least one",
                     name);
    double top = 0;
    for (int k = 0; k < c->nbids; k++) top = fmax(top, c->bid[k].price);
    size_t cap = 4096 + (size_t)c->nbids * (64 + 12 * SPECSIM_BANDS_MAX) +
                 (size_t)c->ngoods * 200 + (size_t)nbidders * 160, n = 0;
    char *buf = rc == ERR_OK ? malloc(cap) : NULL;
    if (rc == ERR_OK && buf == NULL) rc = err_set(e, ERR_NOMEM, "out of memory");
    if (rc == ERR_OK) {
        bool ok = scenario_text(c, owner, nbidders, top, buf, cap, &n);
        SPECSIM_ASSERT(ok); /* cap counts every byte written */
        rc = scn_load_string(name, buf, n, out, e);
        if (rc != ERR_OK) err_prefix(e, "the scenario of CATS file: ");
    }
    free(buf);
    free(c);
    return rc;
}
