/* out_auction.c — the files and the table of `specsim auction` (see
 * out_auction.h). */
#include "out_auction.h"

#include <errno.h>
#include <string.h>

#include <jansson.h>

#include "version.h"

static long nrows(const out_auction_ctx *c)
{
    return c->reps * c->s->npolicies * c->nformats;
}

/* "a+b": the bidders of mask `who`, into buf. */
static void payers_name(const scn *s, unsigned who, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < s->noperators; i++) {
        if (!((who >> i) & 1u)) continue;
        int w = snprintf(buf + n, len - n, "%s%s", n ? "+" : "",
                         s->operators[i].name);
        if (w < 0 || (size_t)w >= len - n) return;
        n += (size_t)w;
    }
}

/* ---- auction.csv ---- */

static void csv_row(FILE *f, const out_auction_ctx *c,
                    const auction_alone_row *r, const char *bidder,
                    const char *band, const char *metric, double x)
{
    char v[40];
    out_format_double(v, sizeof v, x);
    fprintf(f, "%ld,%s,%s,%s,%s,%s,%s\n", r->rep,
            c->s->policies[r->policy].name, c->formats[r->format]->name,
            bidder, band, metric, v);
}

static void csv_auction(FILE *f, const out_auction_ctx *c,
                        const auction_alone_row *r)
{
    const scn *s = c->s;
    const auction_result *a = &r->res;
    csv_row(f, c, r, "", "", "revenue", a->revenue);
    if (a->vcg_computed) csv_row(f, c, r, "", "", "revenue_vcg", a->revenue_vcg);
    csv_row(f, c, r, "", "", "welfare", a->welfare);
    csv_row(f, c, r, "", "", "welfare_max", a->welfare_max);
    csv_row(f, c, r, "", "", "efficiency", a->efficiency);
    csv_row(f, c, r, "", "", "rounds", a->rounds);
    csv_row(f, c, r, "", "", "ended_by_round_limit", a->ended_by_round_limit);
    for (int b = 0; b < s->nbands; b++)
        csv_row(f, c, r, "", s->bands[b].name, "unsold", a->unsold[b]);
    for (int i = 0; i < s->noperators; i++) {
        const char *who = s->operators[i].name;
        for (int b = 0; b < s->nbands; b++)
            csv_row(f, c, r, who, s->bands[b].name, "lots_won", a->won[i][b]);
        csv_row(f, c, r, who, "", "payment", a->pay[i]);
        if (a->vcg_computed)
            csv_row(f, c, r, who, "", "payment_vcg", a->pay_vcg[i]);
        csv_row(f, c, r, who, "", "value_won", r->value_won[i]);
        csv_row(f, c, r, who, "", "surplus", r->value_won[i] - a->pay[i]);
    }
    if (!c->formats[r->format]->core) return;
    csv_row(f, c, r, "", "", "core_cuts", a->core.ncuts);
    for (int k = 0; k < a->core.nbinding; k++) {
        char who[SPECSIM_OPERATORS_MAX * SPECSIM_NAME_MAX];
        payers_name(s, a->core.payers[k], who, sizeof who);
        csv_row(f, c, r, who, "", "core_binding_rhs", a->core.rhs[k]);
    }
}

static err_code write_csv(FILE *f, const out_auction_ctx *c, err_t *e)
{
    (void)e;
    fprintf(f, "replication,policy,format,bidder,band,metric,value\n");
    for (long k = 0; k < nrows(c); k++) csv_auction(f, c, &c->rows[k]);
    return ERR_OK;
}

/* ---- auction.json ---- */

static json_t *json_bidders(const out_auction_ctx *c,
                            const auction_alone_row *r)
{
    const scn *s = c->s;
    json_t *l = json_array();
    for (int i = 0; i < s->noperators; i++) {
        json_t *o = json_object(), *lots = json_object();
        json_object_set_new(o, "name", json_string(s->operators[i].name));
        for (int b = 0; b < s->nbands; b++)
            json_object_set_new(lots, s->bands[b].name,
                                json_integer(r->res.won[i][b]));
        json_object_set_new(o, "lots", lots);
        json_object_set_new(o, "payment", json_real(r->res.pay[i]));
        if (r->res.vcg_computed)
            json_object_set_new(o, "payment_vcg",
                                json_real(r->res.pay_vcg[i]));
        json_object_set_new(o, "value_won", json_real(r->value_won[i]));
        json_array_append_new(l, o);
    }
    return l;
}

static json_t *json_core(const out_auction_ctx *c, const auction_core_info *k)
{
    json_t *o = json_object(), *l = json_array();
    json_object_set_new(o, "constraints_generated", json_integer(k->ncuts));
    for (int j = 0; j < k->nbinding; j++) {
        json_t *b = json_object(), *who = json_array();
        for (int i = 0; i < c->s->noperators; i++)
            if ((k->payers[j] >> i) & 1u)
                json_array_append_new(who,
                                      json_string(c->s->operators[i].name));
        json_object_set_new(b, "payers", who);
        json_object_set_new(b, "rhs", json_real(k->rhs[j]));
        json_array_append_new(l, b);
    }
    json_object_set_new(o, "binding", l);
    json_object_set_new(o, "binding_truncated", json_boolean(k->truncated));
    return o;
}

static json_t *json_auction(const out_auction_ctx *c,
                            const auction_alone_row *r)
{
    const auction_result *a = &r->res;
    json_t *o = json_object();
    json_object_set_new(o, "replication", json_integer(r->rep));
    json_object_set_new(o, "policy",
                        json_string(c->s->policies[r->policy].name));
    json_object_set_new(o, "format",
                        json_string(c->formats[r->format]->name));
    json_object_set_new(o, "revenue", json_real(a->revenue));
    if (a->vcg_computed)
        json_object_set_new(o, "revenue_vcg", json_real(a->revenue_vcg));
    json_object_set_new(o, "welfare", json_real(a->welfare));
    json_object_set_new(o, "welfare_max", json_real(a->welfare_max));
    json_object_set_new(o, "efficiency", json_real(a->efficiency));
    json_object_set_new(o, "rounds", json_integer(a->rounds));
    json_object_set_new(o, "ended_by_round_limit",
                        json_boolean(a->ended_by_round_limit));
    json_object_set_new(o, "bidders", json_bidders(c, r));
    if (c->formats[r->format]->core)
        json_object_set_new(o, "core", json_core(c, &a->core));
    return o;
}

static err_code write_json(FILE *f, const out_auction_ctx *c, err_t *e)
{
    json_t *m = json_object(), *l = json_array();
    json_object_set_new(m, "program", json_string("specsim"));
    json_object_set_new(m, "version", json_string(SPECSIM_VERSION));
    json_object_set_new(m, "scenario", json_string(c->s->file));
    json_object_set_new(m, "currency", json_string(c->s->currency));
    json_object_set_new(m, "replications", json_integer(c->reps));
    for (long k = 0; k < nrows(c); k++)
        json_array_append_new(l, json_auction(c, &c->rows[k]));
    json_object_set_new(m, "auctions", l);
    int r = json_dumpf(m, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                 JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(m);
    return r == 0 ? ERR_OK : err_set(e, ERR_IO, "cannot write the JSON");
}

/* ---- the table ---- */

/* Means over replications of policy p and format k. */
typedef struct {
    double revenue, welfare, welfare_max, efficiency, rounds;
    double lots[SPECSIM_OPERATORS_MAX][SPECSIM_BANDS_MAX];
    double pay[SPECSIM_OPERATORS_MAX], vcg[SPECSIM_OPERATORS_MAX];
    double value[SPECSIM_OPERATORS_MAX];
    bool vcg_computed;
} means;

static const auction_alone_row *row_of(const out_auction_ctx *c, long rep,
                                       int p, int k)
{
    return &c->rows[(rep * c->s->npolicies + p) * c->nformats + k];
}

static void means_of(const out_auction_ctx *c, int p, int k, means *m)
{
    const scn *s = c->s;
    memset(m, 0, sizeof *m);
    double n = (double)c->reps;
    for (long rep = 0; rep < c->reps; rep++) {
        const auction_alone_row *r = row_of(c, rep, p, k);
        const auction_result *a = &r->res;
        m->revenue += a->revenue / n;
        m->welfare += a->welfare / n;
        m->welfare_max += a->welfare_max / n;
        m->efficiency += a->efficiency / n;
        m->rounds += a->rounds / n;
        m->vcg_computed = a->vcg_computed;
        for (int i = 0; i < s->noperators; i++) {
            for (int b = 0; b < s->nbands; b++)
                m->lots[i][b] += a->won[i][b] / n;
            m->pay[i] += a->pay[i] / n;
            m->vcg[i] += a->pay_vcg[i] / n;
            m->value[i] += r->value_won[i] / n;
        }
    }
}

static void table_bidders(FILE *f, const out_auction_ctx *c, int p, int k,
                          const means *m)
{
    const scn *s = c->s;
    fprintf(f, "\n%s / %s, by bidder (means):\n  %-16s", s->policies[p].name,
            c->formats[k]->name, "bidder");
    for (int b = 0; b < s->nbands; b++) fprintf(f, " %8.8s", s->bands[b].name);
    fprintf(f, " %16s %16s %16s\n", "payment",
            m->vcg_computed ? "vcg payment" : "", "value won");
    for (int i = 0; i < s->noperators; i++) {
        fprintf(f, "  %-16.16s", s->operators[i].name);
        for (int b = 0; b < s->nbands; b++) fprintf(f, " %8.4g", m->lots[i][b]);
        fprintf(f, " %16.10g", m->pay[i]);
        if (m->vcg_computed) fprintf(f, " %16.10g", m->vcg[i]);
        else fprintf(f, " %16s", "");
        fprintf(f, " %16.10g\n", m->value[i]);
    }
    if (!c->formats[k]->core || c->reps == 0) return;
    const auction_core_info *ci = &row_of(c, 0, p, k)->res.core;
    fprintf(f, "  core constraints in replication 0: %d generated, %d binding%s\n",
            ci->ncuts, ci->nbinding, ci->nbinding ? ":" : "");
    for (int j = 0; j < ci->nbinding; j++) {
        char who[SPECSIM_OPERATORS_MAX * SPECSIM_NAME_MAX];
        payers_name(s, ci->payers[j], who, sizeof who);
        fprintf(f, "    payments of %s >= %.10g\n", who, ci->rhs[j]);
    }
}

static err_code write_table(FILE *f, const out_auction_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    fprintf(f, "\nspecsim %s  %s  auction alone, %ld replication%s, seed %llu\n"
               "Money in %s; means over replications; efficiency = welfare "
               "/ the maximum welfare.\n\n",
            SPECSIM_VERSION, s->file, c->reps, c->reps == 1 ? "" : "s",
            (unsigned long long)c->info->seed, s->currency);
    fprintf(f, "%-16s %-14s %16s %16s %16s %10s %8s\n", "policy", "format",
            "revenue", "welfare", "max welfare", "efficiency", "rounds");
    for (int p = 0; p < s->npolicies; p++)
        for (int k = 0; k < c->nformats; k++) {
            means m;
            means_of(c, p, k, &m);
            fprintf(f, "%-16.16s %-14s %16.10g %16.10g %16.10g %10.6f %8.1f\n",
                    s->policies[p].name, c->formats[k]->name, m.revenue,
                    m.welfare, m.welfare_max, m.efficiency, m.rounds);
        }
    for (int p = 0; p < s->npolicies; p++)
        for (int k = 0; k < c->nformats; k++) {
            means m;
            means_of(c, p, k, &m);
            table_bidders(f, c, p, k, &m);
        }
    fputc('\n', f);
    return ERR_OK;
}

/* ---- files ---- */

static err_code write_file(const char *dir, const char *name,
                           err_code (*w)(FILE *, const out_auction_ctx *,
                                         err_t *),
                           const out_auction_ctx *c, err_t *e)
{
    out_stream st;
    err_code rc = out_stream_open(&st, dir, name, e);
    if (rc != ERR_OK) return rc;
    errno = 0;
    rc = w(st.f, c, e);
    if (rc == ERR_OK && ferror(st.f))
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", st.final,
                     errno ? strerror(errno) : "write error");
    if (rc != ERR_OK) {
        out_stream_abort(&st);
        return rc;
    }
    return out_stream_commit(&st, e);
}

err_code out_auction_write(const char *dir, const out_auction_ctx *c,
                           err_t *e)
{
    out_ctx oc = {c->s, NULL, c->info};
    err_code rc = write_file(dir, "auction.csv", write_csv, c, e);
    if (rc == ERR_OK) rc = write_file(dir, "auction.json", write_json, c, e);
    if (rc == ERR_OK)
        rc = out_write_atomic(dir, "manifest.json", out_manifest_json, &oc, e);
    return rc;
}

err_code out_auction_print(FILE *f, const out_auction_ctx *c, out_format fmt,
                           err_t *e)
{
    switch (fmt) {
    case OUT_FMT_CSV: return write_csv(f, c, e);
    case OUT_FMT_JSON: return write_json(f, c, e);
    default: return write_table(f, c, e);
    }
}
