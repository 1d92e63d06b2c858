/* out_summary.c — summary.csv (tidy) and summary.json.
 *
 * DESIGN — both walk the same order: policy, metric (catalogue order),
 * year, statistic. The CSV has one value a row: policy,metric,year,stat,
 * value, with year empty for metrics that are not yearly and the delta_*
 * statistics only for non-baseline policies. Metrics of the auction
 * appear only when the scenario has one; per-band ones are named
 * METRIC[BAND]. After them come the keyed metrics, by operator, vendor
 * and country (the last only when the scenario names countries), named
 * METRIC[NAME]: for each kind its yearly paths, then its scalars. The
 * JSON adds per-operator breakdowns (costs, auction payments and lots won,
 * and the operator's keyed metrics), objects "vendors" and "countries"
 * keyed by name, and the first infeasibility diagnosis of each policy.
 */
#include "out.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

static agg_stat last_stat(int policy, bool paired)
{
    return policy > 0 && paired ? ST_COUNT : ST_FIRST_DELTA;
}

static void csv_row(FILE *f, const char *pol, const char *metric, int year,
                    agg_stat st, double x)
{
    char v[64];
    out_format_double(v, sizeof v, x);
    if (year > 0)
        fprintf(f, "%s,%s,%d,%s,%s\n", pol, metric, year, agg_stat_names[st], v);
    else
        fprintf(f, "%s,%s,,%s,%s\n", pol, metric, agg_stat_names[st], v);
}

/* Whether metric `mi` is reported for this scenario. */
static bool shown(const out_ctx *c, const metric_info *mi)
{
    return metric_shown(mi, c->s->auction.enabled, c->s->risk.enabled);
}

static void csv_bands(FILE *f, const out_ctx *c, int p)
{
    const scn *s = c->s;
    if (!s->auction.enabled) return;
    char name[SPECSIM_NAME_MAX * 3];
    for (int b = 0; b < s->nbands; b++)
        for (int m = 0; m < M_BAND_COUNT; m++) {
            snprintf(name, sizeof name, "%s[%s]", metric_band_info[m].name,
                     s->bands[b].name);
            for (agg_stat st = 0; st < last_stat(p, true); st++)
                csv_row(f, s->policies[p].name, name, 0, st,
                        agg_band(c->a, p, b, m, st));
        }
}

/* Whether keyed metric `mi` is reported for policy p: a delay (a metric
 * that is itself a difference from baseline) is not, for baseline; an
 * auction metric is not without an auction. */
static bool keyed_shown(const out_ctx *c, const metric_keyed_info *mi, int p)
{
    return (p > 0 || mi->info.paired) && shown(c, &mi->info);
}

/* The keyed metrics of one kind: yearly paths first, then scalars. */
static void csv_keyed(FILE *f, const out_ctx *c, int p, metric_key key)
{
    const scn *s = c->s;
    const char *pol = s->policies[p].name;
    int nt = s->year_last - s->year_first + 1, nk = out_key_count(s, key);
    char name[OUT_KEYED_NAME_MAX];
    for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++) {
        const metric_keyed_info *mi = &metric_keyed_yearly_info[m];
        if (mi->key != key) continue;
        for (int k = 0; k < nk; k++) {
            out_keyed_name(name, s, mi, k);
            for (int t = 0; t < nt; t++)
                for (agg_stat st = 0; st < last_stat(p, mi->info.paired); st++)
                    csv_row(f, pol, name, s->year_first + t, st,
                            agg_keyed_yearly(c->a, p, m, k, t, st));
        }
    }
    for (int m = 0; m < M_KEYED_COUNT; m++) {
        const metric_keyed_info *mi = &metric_keyed_scalar_info[m];
        if (mi->key != key || !keyed_shown(c, mi, p)) continue;
        for (int k = 0; k < nk; k++) {
            out_keyed_name(name, s, mi, k);
            for (agg_stat st = 0; st < last_stat(p, mi->info.paired); st++)
                csv_row(f, pol, name, 0, st, agg_keyed(c->a, p, m, k, st));
        }
    }
}

err_code out_summary_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    int nt = s->year_last - s->year_first + 1;
    fprintf(f, "policy,metric,year,stat,value\n");
    for (int p = 0; p < s->npolicies; p++) {
        const char *pol = s->policies[p].name;
        for (int m = 0; m < M_SCALAR_COUNT; m++) {
            const metric_info *mi = &metric_scalar_info[m];
            if ((p == 0 && (metric_scalar_vs_baseline(m) || metric_delta(mi))) ||
                !shown(c, mi))
                continue;
            for (agg_stat st = 0; st < last_stat(p, mi->paired); st++)
                csv_row(f, pol, mi->name, 0, st, agg_scalar(c->a, p, m, st));
        }
        for (int m = 0; m < M_YEARLY_COUNT; m++)
            for (int t = 0; t < nt; t++)
                for (agg_stat st = 0; st < last_stat(p, true); st++)
                    csv_row(f, pol, metric_yearly_info[m].name,
                            s->year_first + t, st,
                            agg_yearly(c->a, p, m, t, st));
        csv_bands(f, c, p);
        for (metric_key key = 0; key < KEY_COUNT; key++)
            csv_keyed(f, c, p, key);
    }
    return ERR_OK;
}

static json_t *num(double x) { return isfinite(x) ? json_real(x) : json_null(); }

static json_t *stats_obj(double (*get)(const agg *, int, int, int, agg_stat),
                         const agg *a, int p, int i, int j, bool paired)
{
    json_t *o = json_object();
    for (agg_stat st = 0; st < last_stat(p, paired); st++)
        json_object_set_new(o, agg_stat_names[st], num(get(a, p, i, j, st)));
    return o;
}

static double get_scalar(const agg *a, int p, int m, int unused, agg_stat st)
{
    (void)unused;
    return agg_scalar(a, p, m, st);
}
static double get_yearly(const agg *a, int p, int m, int t, agg_stat st)
{
    return agg_yearly(a, p, m, t, st);
}
static double get_oper(const agg *a, int p, int o, int m, agg_stat st)
{
    return agg_operator(a, p, o, m, st);
}

/* {"unit": ..., "years": {YEAR: stats, ...}} of a yearly path. */
static json_t *years_obj(const out_ctx *c, const char *unit, bool paired,
                         double (*get)(const agg *, int, int, int, agg_stat),
                         int p, int i)
{
    const scn *s = c->s;
    json_t *years = json_object();
    for (int t = 0; t <= s->year_last - s->year_first; t++) {
        char y[16];
        snprintf(y, sizeof y, "%d", s->year_first + t);
        json_object_set_new(years, y, stats_obj(get, c->a, p, i, t, paired));
    }
    json_t *o = json_object();
    json_object_set_new(o, "unit", json_string(unit));
    json_object_set_new(o, "years", years);
    return o;
}

static json_t *policy_metrics(const out_ctx *c, int p)
{
    json_t *m = json_object();
    for (int k = 0; k < M_SCALAR_COUNT; k++) {
        const metric_info *mi = &metric_scalar_info[k];
        if ((p == 0 && (metric_scalar_vs_baseline(k) || metric_delta(mi))) ||
            !shown(c, mi))
            continue;
        json_t *o = stats_obj(get_scalar, c->a, p, k, 0, mi->paired);
        json_object_set_new(o, "unit", json_string(mi->unit));
        json_object_set_new(m, mi->name, o);
    }
    for (int k = 0; k < M_YEARLY_COUNT; k++)
        json_object_set_new(m, metric_yearly_info[k].name,
                            years_obj(c, metric_yearly_info[k].unit, true,
                                      get_yearly, p, k));
    return m;
}

/* Keyed yearly metric m of key k, passed to years_obj as one index
 * mk = m * K_MAX + k (its getter has room for two indices only). */
static double get_keyed_y(const agg *a, int p, int mk, int t, agg_stat st)
{
    return agg_keyed_yearly(a, p, mk / K_MAX, mk % K_MAX, t, st);
}
static double get_keyed(const agg *a, int p, int m, int k, agg_stat st)
{
    return agg_keyed(a, p, m, k, st);
}

/* Every keyed metric of this kind for key k, added to object o: yearly
 * ones as {"unit", "years"}, scalars as statistics with their unit. */
static json_t *keyed_into(json_t *o, const out_ctx *c, int p, metric_key key,
                          int k)
{
    for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++) {
        const metric_info *mi = &metric_keyed_yearly_info[m].info;
        if (metric_keyed_yearly_info[m].key == key)
            json_object_set_new(o, mi->name,
                                years_obj(c, mi->unit, mi->paired, get_keyed_y,
                                          p, m * K_MAX + k));
    }
    for (int m = 0; m < M_KEYED_COUNT; m++) {
        const metric_keyed_info *mi = &metric_keyed_scalar_info[m];
        if (mi->key != key || !keyed_shown(c, mi, p)) continue;
        json_t *st = stats_obj(get_keyed, c->a, p, m, k, mi->info.paired);
        json_object_set_new(st, "unit", json_string(mi->info.unit));
        json_object_set_new(o, mi->info.name, st);
    }
    return o;
}

/* {NAME: keyed_obj} over every key of this kind. */
static json_t *policy_keys(const out_ctx *c, int p, metric_key key)
{
    json_t *all = json_object();
    for (int k = 0; k < out_key_count(c->s, key); k++)
        json_object_set_new(all, out_key_name(c->s, key, k),
                            keyed_into(json_object(), c, p, key, k));
    return all;
}

static double get_band(const agg *a, int p, int b, int m, agg_stat st)
{
    return agg_band(a, p, b, m, st);
}
static double get_won(const agg *a, int p, int o, int b, agg_stat st)
{
    return agg_lots_won(a, p, o, b, st);
}

static json_t *policy_operators(const out_ctx *c, int p)
{
    const scn *s = c->s;
    json_t *ops = json_object();
    for (int o = 0; o < s->noperators; o++) {
        json_t *om = json_object();
        for (int k = 0; k < M_OPERATOR_COUNT; k++)
            if (shown(c, &metric_operator_info[k]))
                json_object_set_new(om, metric_operator_info[k].name,
                                    stats_obj(get_oper, c->a, p, o, k, true));
        if (s->auction.enabled) {
            json_t *won = json_object();
            for (int b = 0; b < s->nbands; b++)
                json_object_set_new(won, s->bands[b].name,
                                    stats_obj(get_won, c->a, p, o, b, true));
            json_object_set_new(om, metric_lots_won_info.name, won);
        }
        keyed_into(om, c, p, KEY_OPERATOR, o);
        json_object_set_new(ops, s->operators[o].name, om);
    }
    return ops;
}

static json_t *policy_bands(const out_ctx *c, int p)
{
    json_t *bands = json_object();
    for (int b = 0; b < c->s->nbands; b++) {
        json_t *bm = json_object();
        for (int m = 0; m < M_BAND_COUNT; m++)
            json_object_set_new(bm, metric_band_info[m].name,
                                stats_obj(get_band, c->a, p, b, m, true));
        json_object_set_new(bands, c->s->bands[b].name, bm);
    }
    return bands;
}

static json_t *policy_json(const out_ctx *c, int p)
{
    const scn_policy *pol = &c->s->policies[p];
    json_t *j = json_object();
    json_object_set_new(j, "name", json_string(pol->name));
    json_object_set_new(j, "description", json_string(pol->description));
    long rep;
    const char *diag = agg_first_diagnosis(c->a, p, &rep);
    json_object_set_new(j, "programs_without_plan", json_integer(agg_problems(c->a, p)));
    if (diag[0]) {
        json_object_set_new(j, "first_problem_replication", json_integer(rep));
        json_object_set_new(j, "first_problem", json_string(diag));
    }
    json_object_set_new(j, "metrics", policy_metrics(c, p));
    json_object_set_new(j, "operators", policy_operators(c, p));
    json_object_set_new(j, "vendors", policy_keys(c, p, KEY_VENDOR));
    if (c->s->ncountries > 0)
        json_object_set_new(j, "countries", policy_keys(c, p, KEY_COUNTRY));
    if (c->s->auction.enabled)
        json_object_set_new(j, "bands", policy_bands(c, p));
    return j;
}

json_t *out_json_head(const out_ctx *c)
{
    const scn *s = c->s;
    json_t *root = json_object();
    json_object_set_new(root, "scenario", json_string(s->file));
    json_object_set_new(root, "currency", json_string(s->currency));
    json_object_set_new(root, "first_year", json_integer(s->year_first));
    json_object_set_new(root, "last_year", json_integer(s->year_last));
    json_object_set_new(root, "coverage_target", json_real(s->run.coverage_target));
    json_object_set_new(root, "replications", json_integer(agg_count(c->a)));
    return root;
}

err_code out_summary_json(FILE *f, const out_ctx *c, err_t *e)
{
    const scn *s = c->s;
    json_t *root = out_json_head(c);
    json_t *pols = json_array();
    for (int p = 0; p < s->npolicies; p++) json_array_append_new(pols, policy_json(c, p));
    json_object_set_new(root, "policies", pols);
    int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                     JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(root);
    return rc == 0 ? ERR_OK : err_set(e, ERR_IO, "summary.json: cannot encode");
}

const out_writer out_writers[] = {
    {"summary.csv", out_summary_csv},
    {"summary.json", out_summary_json},
    {"manifest.json", out_manifest_json},
};
const int out_nwriters = (int)(sizeof out_writers / sizeof out_writers[0]);
