/* out_reps.c — replications.csv with --per-rep: one row per replication,
 * policy, metric and year (long format), written through a temporary file
 * and renamed when the run ends. */
#include "out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct out_reps {
    out_stream st;
    FILE *f; /* st.f */
    const scn *s;
};

out_reps *out_reps_open(const char *dir, const scn *s, err_t *e)
{
    out_reps *w = calloc(1, sizeof *w);
    if (w == NULL) { err_set(e, ERR_NOMEM, "out of memory"); return NULL; }
    w->s = s;
    if (out_stream_open(&w->st, dir, "replications.csv", e) != ERR_OK) {
        free(w);
        return NULL;
    }
    w->f = w->st.f;
    fprintf(w->f, "replication,policy,metric,operator,year,value\n");
    return w;
}

static void row(FILE *f, long rep, const char *pol, const char *metric,
                const char *op, int year, double x)
{
    char v[64], y[16] = "";
    out_format_double(v, sizeof v, x);
    if (year > 0) snprintf(y, sizeof y, "%d", year);
    fprintf(f, "%ld,%s,%s,%s,%s,%s\n", rep, pol, metric, op, y, v);
}

/* Per-band auction metrics and lots won, named METRIC[BAND]. */
static void reps_bands(out_reps *w, const rep_record *r, int p)
{
    const scn *s = w->s;
    char name[SPECSIM_NAME_MAX * 3];
    for (int b = 0; b < s->nbands; b++) {
        for (int m = 0; m < M_BAND_COUNT; m++) {
            snprintf(name, sizeof name, "%s[%s]", metric_band_info[m].name,
                     s->bands[b].name);
            row(w->f, r->rep, s->policies[p].name, name, "", 0,
                r->band[p][b][m]);
        }
        snprintf(name, sizeof name, "%s[%s]", metric_lots_won_info.name,
                 s->bands[b].name);
        for (int o = 0; o < s->noperators; o++)
            row(w->f, r->rep, s->policies[p].name, name, s->operators[o].name,
                0, r->lots_won[p][o][b]);
    }
}

/* The keyed metrics of one kind, named METRIC[NAME] as in summary.csv
 * (yearly paths, then scalars); the operator column also names the
 * operator of a metric by operator. Delays are written for baseline too
 * (0, or NA), as the national one is. */
static void reps_keyed(out_reps *w, const rep_record *r, int p,
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
                row(w->f, r->rep, pol, name, op, s->year_first + t,
                    r->keyed_yearly[p][m][k][t]);
        }
        for (int m = 0; m < M_KEYED_COUNT; m++) {
            if (metric_keyed_scalar_info[m].key != key) continue;
            out_keyed_name(name, s, &metric_keyed_scalar_info[m], k);
            row(w->f, r->rep, pol, name, op, 0, r->keyed[p][m][k]);
        }
    }
}

err_code out_reps_add(const rep_record *r, void *reps, err_t *e)
{
    out_reps *w = reps;
    const scn *s = w->s;
    int nt = s->year_last - s->year_first + 1;
    for (int p = 0; p < s->npolicies; p++) {
        const char *pol = s->policies[p].name;
        for (int m = 0; m < M_SCALAR_COUNT; m++)
            if (s->auction.enabled || !metric_scalar_info[m].auction)
                row(w->f, r->rep, pol, metric_scalar_info[m].name, "", 0,
                    r->scalar[p][m]);
        for (int m = 0; m < M_YEARLY_COUNT; m++)
            for (int t = 0; t < nt; t++)
                row(w->f, r->rep, pol, metric_yearly_info[m].name, "",
                    s->year_first + t, r->yearly[p][m][t]);
        for (int o = 0; o < s->noperators; o++)
            for (int m = 0; m < M_OPERATOR_COUNT; m++)
                if (s->auction.enabled || !metric_operator_info[m].auction)
                    row(w->f, r->rep, pol, metric_operator_info[m].name,
                        s->operators[o].name, 0, r->oper[p][o][m]);
        if (s->auction.enabled) reps_bands(w, r, p);
        for (metric_key key = 0; key < KEY_COUNT; key++)
            reps_keyed(w, r, p, key);
    }
    if (ferror(w->f)) return err_set(e, ERR_IO, "%s: write error", w->st.tmp);
    return ERR_OK;
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
