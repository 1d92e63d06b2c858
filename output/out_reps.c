/* out_reps.c — replications.csv with --per-rep: one row per replication,
 * policy, metric and year (long format), written through a temporary file
 * and renamed when the run ends.
 *
 * The rows of a replication are listed by one traversal, which either
 * prints them or, without a record, only adds up their length with a
 * typical width for each value (out_reps_bytes_estimate): the estimate
 * can never forget a row the file has.
 *
 * A sweep writes one such file for its whole grid: every row is led by
 * the values of the point's swept fields (the columns sweep.csv starts
 * with, formatted alike), so that the rows of one point, the lead cut
 * off, are those `run --per-rep` writes for the scenario at that point;
 * a tornado's rows are led by the input held and its value. */
#include "out.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct out_reps {
    out_stream st;
    FILE *f;        /* st.f; NULL when only counting */
    const scn *s;
    uint64_t bytes; /* counted row bytes, but the replication number's */
    uint64_t rows;
    char lead[OUT_REPS_LEAD_MAX]; /* printed before every row */
};

/* Characters a value takes in a typical row: "%.10g" of a cost takes up
 * to 11, a share or a count 1 to 12, NA 2; on the test scenarios the mean
 * is 5 to 6, so 8 errs on the side of refusing. */
#define REPS_VALUE_CHARS 8

#define REPS_HEADER "replication,policy,metric,operator,year,value\n"

out_reps *out_reps_open_led(const char *dir, const scn *s,
                            const char *lead_header, err_t *e)
{
    SPECSIM_ASSERT(strlen(lead_header) < OUT_REPS_LEAD_MAX);
    out_reps *w = calloc(1, sizeof *w);
    if (w == NULL) { err_set(e, ERR_NOMEM, "out of memory"); return NULL; }
    w->s = s;
    if (out_stream_open(&w->st, dir, "replications.csv", e) != ERR_OK) {
        free(w);
        return NULL;
    }
    w->f = w->st.f;
    fputs(lead_header, w->f);
    fputs(REPS_HEADER, w->f);
    return w;
}

out_reps *out_reps_open(const char *dir, const scn *s, err_t *e)
{
    return out_reps_open_led(dir, s, "", e);
}

void out_reps_lead(out_reps *w, const char *lead)
{
    SPECSIM_ASSERT(strlen(lead) < sizeof w->lead);
    strcpy(w->lead, lead);
}

/* One row, printed or counted. */
static void row(out_reps *w, long rep, const char *pol, const char *metric,
                const char *op, int year, double x)
{
    char v[64], y[16] = "";
    if (year > 0) snprintf(y, sizeof y, "%d", year);
    if (w->f == NULL) {
        w->rows++;
        w->bytes += strlen(pol) + strlen(metric) + strlen(op) + strlen(y) +
                    REPS_VALUE_CHARS + 6; /* five commas, a new line */
        return;
    }
    out_format_double(v, sizeof v, x);
    fprintf(w->f, "%s%ld,%s,%s,%s,%s,%s\n", w->lead, rep, pol, metric, op, y,
            v);
}

/* A value of the record, or NaN when only counting (r == NULL). */
#define VAL(r, expr) ((r) ? (r)->expr : NAN)

/* Per-band auction metrics and lots won, named METRIC[BAND]. */
static void reps_bands(out_reps *w, long rep, const rep_record *r, int p)
{
    const scn *s = w->s;
    char name[SPECSIM_NAME_MAX * 3];
    for (int b = 0; b < s->nbands; b++) {
        for (int m = 0; m < M_BAND_COUNT; m++) {
            snprintf(name, sizeof name, "%s[%s]", metric_band_info[m].name,
                     s->bands[b].name);
            row(w, rep, s->policies[p].name, name, "", 0,
                VAL(r, band[p][b][m]));
        }
        snprintf(name, sizeof name, "%s[%s]", metric_lots_won_info.name,
                 s->bands[b].name);
        for (int o = 0; o < s->noperators; o++)
            row(w, rep, s->policies[p].name, name, s->operators[o].name, 0,
                VAL(r, lots_won[p][o][b]));
    }
}

/* The keyed metrics of one kind, named METRIC[NAME] as in summary.csv
 * (yearly paths, then scalars); the operator column also names the
 * operator of a metric by operator. Delays are written for baseline too
 * (0, or NA), as the national one is. */
static void reps_keyed(out_reps *w, long rep, const rep_record *r, int p,
                       metric_key key)
{
    const scn *s = w->s;
    const char *pol = s->policies[p].name;
    int nt = s->year_last - s->year_first + 1, nk = out_key_count(s, key);
    char name[OUT_KEYED_NAME_MAX];
    for (int k = 0; k < nk; k++) {
        const char *op = key == KEY_OPERATOR ? s->operators[k].name : "";
        for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++) {
            if (metric_keyed_yearly_info[m].key != key) continue;
            out_keyed_name(name, s, &metric_keyed_yearly_info[m], k);
            for (int t = 0; t < nt; t++)
                row(w, rep, pol, name, op, s->year_first + t,
                    VAL(r, keyed_yearly[p][m][k][t]));
        }
        for (int m = 0; m < M_KEYED_COUNT; m++) {
            if (metric_keyed_scalar_info[m].key != key ||
                (metric_keyed_scalar_info[m].info.auction &&
                 !s->auction.enabled))
                continue;
            out_keyed_name(name, s, &metric_keyed_scalar_info[m], k);
            row(w, rep, pol, name, op, 0, VAL(r, keyed[p][m][k]));
        }
    }
}

/* Every row of replication `rep` (record r, or NULL to count). */
static void reps_rows(out_reps *w, long rep, const rep_record *r)
{
    const scn *s = w->s;
    int nt = s->year_last - s->year_first + 1;
    for (int p = 0; p < s->npolicies; p++) {
        const char *pol = s->policies[p].name;
        for (int m = 0; m < M_SCALAR_COUNT; m++)
            if (metric_shown(&metric_scalar_info[m], s->auction.enabled,
                             s->risk.enabled))
                row(w, rep, pol, metric_scalar_info[m].name, "", 0,
                    VAL(r, scalar[p][m]));
        for (int m = 0; m < M_YEARLY_COUNT; m++)
            for (int t = 0; t < nt; t++)
                row(w, rep, pol, metric_yearly_info[m].name, "",
                    s->year_first + t, VAL(r, yearly[p][m][t]));
        for (int o = 0; o < s->noperators; o++)
            for (int m = 0; m < M_OPERATOR_COUNT; m++)
                if (s->auction.enabled || !metric_operator_info[m].auction)
                    row(w, rep, pol, metric_operator_info[m].name,
                        s->operators[o].name, 0, VAL(r, oper[p][o][m]));
        if (s->auction.enabled) reps_bands(w, rep, r, p);
        for (metric_key key = 0; key < KEY_COUNT; key++)
            reps_keyed(w, rep, r, p, key);
    }
}

err_code out_reps_add(const rep_record *r, void *reps, err_t *e)
{
    out_reps *w = reps;
    reps_rows(w, r->rep, r);
    if (ferror(w->f))
        return err_set(e, ERR_IO, "%s: cannot write: %s", w->st.tmp,
                       errno ? strerror(errno) : "write error");
    return ERR_OK;
}

uint64_t out_reps_rows_bytes(const scn *s, long reps, size_t lead_chars)
{
    out_reps w = {.s = s};
    reps_rows(&w, 0, NULL);
    /* The replication numbers: 10 of one digit, 90 of two, ... */
    uint64_t digits = 0;
    for (uint64_t lo = 0, hi = 10, d = 1; lo < (uint64_t)reps;
         lo = hi, hi *= 10, d++)
        digits += d * ((hi < (uint64_t)reps ? hi : (uint64_t)reps) - lo);
    return (uint64_t)reps * (w.bytes + w.rows * lead_chars) +
           w.rows * digits;
}

uint64_t out_reps_bytes_estimate(const scn *s, long reps)
{
    return out_reps_rows_bytes(s, reps, 0) + sizeof REPS_HEADER - 1;
}

err_code out_reps_commit(out_reps *w, err_t *e)
{
    err_code rc = out_stream_commit(&w->st, e);
    free(w);
    return rc;
}

void out_reps_abort(out_reps *w)
{
    if (w == NULL) return;
    out_stream_abort(&w->st);
    free(w);
}
