/* out_sensitivity.c — what sweeps and tornado charts write: DIR/sweep.csv,
 * DIR/tornado.csv, their figures, manifests and terminal tables.
 *
 * DESIGN — sweep.csv grows as grid points finish (through a temporary file
 * renamed at the end, like replications.csv), so memory does not grow with
 * the grid; each point's rows are summary.csv's rows with the swept values
 * in front. The figures use the same machinery as a run's (out_figure
 * writers, out_figures_batch), with their parameters passed in a struct
 * whose first member is the out_ctx the writers receive.
 */
#include "out_report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scn_path.h"

/* Panels drawn in one sweep figure (combinations of the other swept
 * parameters); more stay in the data only. */
#define SWEEP_PANELS_MAX 16
/* Bars drawn in a tornado chart; all are in tornado.csv. */
#define TORNADO_BARS_MAX 20
/* Widest terminal table. */
#define WIDTH_MAX 100

/* The context of the sensitivity figure writers; `c` must stay first. */
typedef struct {
    out_ctx c;
    const sweep_result *w;
    int m;                 /* index into w->metrics */
    const tornado_result *t;
} sens_ctx;

static void csv_num(FILE *f, double x, const char *sep)
{
    char b[64];
    out_format_double(b, sizeof b, x);
    fprintf(f, "%s%s", b, sep);
}

/* ---- sweep.csv ---- */

struct out_sweep_csv {
    out_stream st;
    FILE *f; /* st.f */
    const scn *s;
    int nparams;
};

out_sweep_csv *out_sweep_csv_open(const char *dir, const scn *s, int nparams,
                                  const sweep_param *params, err_t *e)
{
    out_sweep_csv *w = calloc(1, sizeof *w);
    if (w == NULL) {
        err_set(e, ERR_NOMEM, "out of memory");
        return NULL;
    }
    w->s = s;
    w->nparams = nparams;
    if (out_stream_open(&w->st, dir, "sweep.csv", e) != ERR_OK) {
        free(w);
        return NULL;
    }
    w->f = w->st.f;
    for (int k = 0; k < nparams; k++) fprintf(w->f, "%s,", params[k].path);
    fprintf(w->f, "policy,metric,year,stat,value\n");
    return w;
}

void out_sweep_lead(char *buf, size_t len, int np, const double *x)
{
    SPECSIM_ASSERT(len >= OUT_REPS_LEAD_MAX && np <= SWEEP_PARAMS_MAX);
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < np; k++) {
        out_format_double(buf + o, len - o - 1, x[k]);
        o = strlen(buf);
        buf[o++] = ',';
        buf[o] = '\0';
    }
}

/* The point's rows are summary.csv's (out_summary_csv), each prefixed
 * with the swept values, so the two files always carry the same rows. */
err_code out_sweep_csv_add(out_sweep_csv *w, const double *x, const agg *a,
                           err_t *e)
{
    char *buf = NULL, prefix[OUT_REPS_LEAD_MAX];
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    out_run_info info = {0};
    out_ctx c = {w->s, a, &info};
    err_code rc = out_summary_csv(mem, &c, e);
    if (fclose(mem) != 0 && rc == ERR_OK)
        rc = err_set(e, ERR_NOMEM, "out of memory");
    out_sweep_lead(prefix, sizeof prefix, w->nparams, x);
    /* Skip summary.csv's own header line. */
    const char *line = rc == ERR_OK ? strchr(buf, '\n') : NULL;
    while (line != NULL && line[1] != '\0') {
        const char *next = strchr(line + 1, '\n');
        size_t n = next ? (size_t)(next - line) : strlen(line + 1);
        fputs(prefix, w->f);
        fwrite(line + 1, 1, n, w->f);
        line = next;
    }
    free(buf);
    if (rc == ERR_OK && ferror(w->f))
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", w->st.tmp,
                     errno ? strerror(errno) : "write error");
    return rc;
}

err_code out_sweep_csv_commit(out_sweep_csv *w, err_t *e)
{
    err_code rc = out_stream_commit(&w->st, e);
    free(w);
    return rc;
}

void out_sweep_csv_abort(out_sweep_csv *w)
{
    if (w == NULL) return;
    out_stream_abort(&w->st);
    free(w);
}

/* ---- replications.csv of a sweep ---- */

/* The swept paths, each followed by a comma: the lead of the header. */
static void sweep_lead_header(char *buf, size_t len, int np,
                              const sweep_param *ps)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 0; k < np; k++)
        o += (size_t)snprintf(buf + o, len - o, "%s,", ps[k].path);
    SPECSIM_ASSERT(o < len);
}

out_reps *out_sweep_reps_open(const char *dir, const scn *s, int np,
                              const sweep_param *ps, err_t *e)
{
    char head[OUT_REPS_LEAD_MAX];
    sweep_lead_header(head, sizeof head, np, ps);
    return out_reps_open_led(dir, s, head, e);
}

err_code out_sweep_reps_add(out_reps *w, int np, const double *x,
                            const rep_record *r, err_t *e)
{
    char lead[OUT_REPS_LEAD_MAX];
    out_sweep_lead(lead, sizeof lead, np, x);
    out_reps_lead(w, lead);
    return out_reps_add(r, w, e);
}

uint64_t out_sweep_reps_bytes_estimate(const scn *s, long reps, int np,
                                       const sweep_param *ps)
{
    char head[OUT_REPS_LEAD_MAX], lead[OUT_REPS_LEAD_MAX];
    double x[SWEEP_PARAMS_MAX];
    sweep_lead_header(head, sizeof head, np, ps);
    uint64_t need = strlen(head) + out_reps_bytes_estimate(s, 0);
    for (long k = 0; k < sweep_grid_points(ps, np); k++) {
        sweep_point_values(ps, np, k, x);
        out_sweep_lead(lead, sizeof lead, np, x);
        need += out_reps_rows_bytes(s, reps, strlen(lead));
    }
    return need;
}

/* ---- replications.csv of a tornado ---- */

#define TORNADO_LEAD_HEADER "input,input_value,"

/* The lead of run k (sweep_opts.on_rep): the held input's path and
 * value, or an empty path and NA for the reference run. */
static void tornado_lead(char *buf, size_t len, const scn *s, long k,
                         double x)
{
    char v[64];
    out_format_double(v, sizeof v, x);
    snprintf(buf, len, "%s,%s,", k < 0 ? "" : s->params[k / 2].path, v);
}

out_reps *out_tornado_reps_open(const char *dir, const scn *s, err_t *e)
{
    return out_reps_open_led(dir, s, TORNADO_LEAD_HEADER, e);
}

err_code out_tornado_reps_add(out_reps *w, const scn *s, long k, double x,
                              const rep_record *r, err_t *e)
{
    SPECSIM_ASSERT(k >= -1 && k < 2L * s->nparams);
    char lead[OUT_REPS_LEAD_MAX];
    tornado_lead(lead, sizeof lead, s, k, x);
    out_reps_lead(w, lead);
    return out_reps_add(r, w, e);
}

uint64_t out_tornado_reps_bytes_estimate(const scn *s, long reps)
{
    char lead[OUT_REPS_LEAD_MAX];
    uint64_t need = strlen(TORNADO_LEAD_HEADER) +
                    out_reps_bytes_estimate(s, 0);
    for (long k = -1; k < 2L * s->nparams; k++) {
        double x = k < 0 ? NAN
                         : dist_quantile(&s->params[k / 2].dist,
                                         k % 2 ? 0.95 : 0.05);
        tornado_lead(lead, sizeof lead, s, k, x);
        need += out_reps_rows_bytes(s, reps, strlen(lead));
    }
    return need;
}

/* ---- sweep figures ---- */

static double sw_stat(const sens_ctx *x, int point, int p, int k)
{
    return sweep_stat(x->w, point, p, x->m, k);
}

/* Panels: combinations of the values of every parameter but the first.
 * Points vary the last parameter fastest, so point k belongs to panel
 * k mod (npoints / nvalues[0]). */
static int sw_panels(const sweep_result *w)
{
    return w->npoints / w->params[0].nvalues;
}

/* Rows run policy by policy and panel by panel, with the first
 * parameter's values in order inside, so gnuplot draws each policy's line
 * of a panel from consecutive rows. */
static err_code sweep_fig_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const sens_ctx *x = (const sens_ctx *)c; /* c is &x->c */
    const sweep_result *w = x->w;
    int groups = sw_panels(w);
    for (int k = 0; k < w->nparams; k++) fprintf(f, "%s,", w->params[k].path);
    fprintf(f, "panel,policy,mean,ci95_lo,ci95_hi,p05,p95\n");
    for (int p = 0; p < c->s->npolicies; p++)
        for (int g = 0; g < groups; g++)
            for (int i0 = 0; i0 < w->params[0].nvalues; i0++) {
                int i = i0 * groups + g;
                for (int k = 0; k < w->nparams; k++)
                    csv_num(f, w->values[i * w->nparams + k], ",");
                fprintf(f, "%d,%s,", g, c->s->policies[p].name);
                for (int k = 0; k < SWEEP_NSTATS; k++)
                    csv_num(f, sw_stat(x, i, p, k),
                            k + 1 < SWEEP_NSTATS ? "," : "\n");
            }
    return ERR_OK;
}

/* Axis label of a metric, with its unit (money scaled by u). */
static void metric_label(FILE *f, const scn *s, int m, out_money u)
{
    const metric_info *mi = &metric_scalar_info[m];
    if (!strcmp(mi->unit, "currency"))
        fprintf(f, "%s (%s %s)", mi->name, u.word, s->currency);
    else
        fprintf(f, "%s (%s)", mi->name, mi->unit);
}

static void sweep_panel(FILE *f, const sens_ctx *x, int g)
{
    const scn *s = x->c.s;
    const sweep_result *w = x->w;
    int np = w->nparams, col = np + 3; /* the mean */
    fprintf(f, "set title \"");
    for (int k = 1; k < np; k++)
        fprintf(f, "%s%s = %.6g", k > 1 ? ", " : "", w->params[k].path,
                w->values[g * np + k]);
    fprintf(f, "\"\nplot \\\n");
    for (int p = 0; p < s->npolicies; p++)
        fprintf(f, "  data using %d:(column(%d) == %d && strcol(%d) eq \"%s\" ? "
                   "column(%d)/scale : NaN):(column(%d)/scale):(column(%d)/"
                   "scale) with yerrorlines lw 2 pt 7 ps 0.7 lc rgb \"%s\" "
                   "title \"%s\"%s\n", 1, np + 1, g, np + 2,
                s->policies[p].name, col, col + 1, col + 2,
                out_policy_colour(p), s->policies[p].name,
                p + 1 < s->npolicies ? ", \\" : "");
}

/* Largest |statistic| of the metric, and whether any is defined. */
static double sw_magnitude(const sens_ctx *x, bool *any)
{
    double mag = NAN;
    *any = false;
    for (int i = 0; i < x->w->npoints; i++)
        for (int p = 0; p < x->c.s->npolicies; p++)
            for (int k = 0; k < SWEEP_NSTATS; k++) {
                double v = sw_stat(x, i, p, k);
                mag = fmax(mag, fabs(v));
                *any = *any || isfinite(v);
            }
    return mag;
}

static err_code sweep_fig_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const sens_ctx *x = (const sens_ctx *)c; /* c is &x->c */
    const sweep_result *w = x->w;
    const scn *s = c->s;
    int m = w->metrics[x->m];
    int groups = sw_panels(w);
    if (groups > SWEEP_PANELS_MAX) groups = SWEEP_PANELS_MAX;
    bool any;
    out_money u = out_money_for(sw_magnitude(x, &any));
    int cols = groups <= 2 ? groups : groups <= 4 ? 2 : 4;
    int rows = (groups + cols - 1) / cols;
    char name[96];
    snprintf(name, sizeof name, "sweep_%s", metric_scalar_info[m].name);
    out_gp_begin(f, name, 520 * cols + 380, 460 * rows + 60, 0);
    fprintf(f, "scale = %g\n",
            strcmp(metric_scalar_info[m].unit, "currency") ? 1.0 : u.scale);
    fprintf(f, "set multiplot layout %d,%d title \"%s against %s: mean and "
               "95 %% confidence interval (same draws at every point)\"\n",
            rows, cols, metric_scalar_info[m].name, w->params[0].path);
    char label[SPECSIM_PATH_MAX + SPECSIM_NAME_MAX];
    scn_path_label(s, w->params[0].path, label, sizeof label);
    fprintf(f, "set xlabel \"%s\"\nset ylabel \"", label);
    metric_label(f, s, m, u);
    fprintf(f, "\"\nset grid lc rgb \"#dddddd\"\nset key outside right\n"
               "set offsets graph 0.05, graph 0.05, 0, 0\n");
    if (!any)
        fprintf(f, "set yrange [-1:1]\nset label 1 \"no data\" at graph 0.5, "
                   "graph 0.5 center\n");
    for (int g = 0; g < groups; g++) sweep_panel(f, x, g);
    fprintf(f, "unset multiplot\n");
    out_gp_end(f);
    return ERR_OK;
}

err_code out_sweep_write(const char *dir, const scn *s, const sweep_result *w,
                         const out_run_info *info, err_t *e)
{
    enum { NFIG_MAX = 16 };
    sens_ctx x[NFIG_MAX];
    out_figure figs[NFIG_MAX];
    char names[NFIG_MAX][96];
    int n = w->nmetrics < NFIG_MAX ? w->nmetrics : NFIG_MAX;
    out_ctx base = {s, NULL, info};
    err_code rc = out_write_atomic(dir, "manifest.json", out_manifest_json,
                                   &base, e);
    for (int k = 0; k < n; k++) {
        x[k] = (sens_ctx){base, w, k, NULL};
        snprintf(names[k], sizeof names[k], "sweep_%s",
                 metric_scalar_info[w->metrics[k]].name);
        figs[k] = (out_figure){names[k], names[k], "", sweep_fig_csv,
                               sweep_fig_gp};
    }
    /* Each figure has its own context, so each is a batch of one; a
     * missing gnuplot is reported by the first and ends the loop. */
    for (int k = 0; rc == ERR_OK && k < n; k++) {
        out_render r;
        rc = out_figures_batch(dir, &figs[k], 1, &x[k].c, &r, e);
        if (r.missing) break;
    }
    return rc;
}

/* ---- sweep table ---- */

/* Print one metric: a row per grid point, a column per policy, policies
 * split into blocks so no line exceeds WIDTH_MAX. */
static void sweep_table_metric(FILE *f, const scn *s, const sweep_result *w,
                               int m)
{
    const metric_info *mi = &metric_scalar_info[w->metrics[m]];
    bool money = !strcmp(mi->unit, "currency");
    double mag = NAN;
    for (int i = 0; i < w->npoints; i++)
        mag = fmax(mag, fabs(sweep_stat(w, i, 0, m, SWEEP_MEAN)));
    out_money u = out_money_for(mag);
    fprintf(f, "\n%s, mean over replications", mi->name);
    if (money) fprintf(f, " (%s %s)", u.word, s->currency);
    else fprintf(f, " (%s)", mi->unit);
    fprintf(f, ":\n");
    int pw = 0;
    for (int k = 0; k < w->nparams; k++) {
        int l = (int)strlen(w->params[k].path);
        pw += (l < 14 ? 14 : l) + (k ? 2 : 0);
    }
    int cw = 12, per = (WIDTH_MAX - pw) / (cw + 2);
    if (per < 1) per = 1;
    for (int p0 = 0; p0 < s->npolicies; p0 += per) {
        int p1 = p0 + per < s->npolicies ? p0 + per : s->npolicies;
        for (int k = 0; k < w->nparams; k++) {
            int l = (int)strlen(w->params[k].path);
            fprintf(f, "%s%-*s", k ? "  " : "", l < 14 ? 14 : l, w->params[k].path);
        }
        for (int p = p0; p < p1; p++)
            fprintf(f, "  %*.*s", cw, cw, s->policies[p].name);
        fputc('\n', f);
        for (int i = 0; i < w->npoints; i++) {
            for (int k = 0; k < w->nparams; k++) {
                int l = (int)strlen(w->params[k].path);
                fprintf(f, "%s%-*.6g", k ? "  " : "", l < 14 ? 14 : l,
                        w->values[i * w->nparams + k]);
            }
            for (int p = p0; p < p1; p++) {
                double v = sweep_stat(w, i, p, m, SWEEP_MEAN);
                if (!isfinite(v)) fprintf(f, "  %*s", cw, "-");
                else if (money) fprintf(f, "  %*.*f", cw, u.decimals, v / u.scale);
                else fprintf(f, "  %*.4g", cw, v);
            }
            fputc('\n', f);
        }
    }
}

void out_sweep_table(FILE *f, const scn *s, const sweep_result *w)
{
    fprintf(f, "\nspecsim sweep  %s  same seed and draws at every point\n",
            s->file);
    for (int m = 0; m < w->nmetrics; m++) sweep_table_metric(f, s, w, m);
    fputc('\n', f);
}

/* ---- tornado ---- */

static const char *tornado_stat_word(const tornado_result *t)
{
    return t->stat == ST_D_MEAN ? "delta_mean" : "mean";
}

static err_code tornado_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const sens_ctx *x = (const sens_ctx *)c; /* c is &x->c */
    const tornado_result *t = x->t;
    const scn *s = c->s;
    char label[SPECSIM_PATH_MAX + SPECSIM_NAME_MAX];
    fprintf(f, "rank,input,label,input_p05,input_p95,value_at_p05,"
               "value_at_p95,swing,reference,policy,metric,stat\n");
    for (int i = 0; i < t->nbars; i++) {
        const tornado_bar *b = &t->bars[i];
        scn_path_label(s, s->params[b->input].path, label, sizeof label);
        fprintf(f, "%d,%s,%s,", i + 1, s->params[b->input].path, label);
        csv_num(f, b->x_lo, ",");
        csv_num(f, b->x_hi, ",");
        csv_num(f, b->y_lo, ",");
        csv_num(f, b->y_hi, ",");
        csv_num(f, fabs(b->y_hi - b->y_lo), ",");
        csv_num(f, t->reference, ",");
        fprintf(f, "%s,%s,%s\n", s->policies[t->policy].name,
                metric_scalar_info[t->metric].name, tornado_stat_word(t));
    }
    return ERR_OK;
}

static double tornado_magnitude(const tornado_result *t)
{
    double mag = fabs(t->reference);
    for (int i = 0; i < t->nbars; i++)
        mag = fmax(mag, fmax(fabs(t->bars[i].y_lo), fabs(t->bars[i].y_hi)));
    return mag;
}

static void tornado_axis(FILE *f, const scn *s, const tornado_result *t,
                         out_money u)
{
    const metric_info *mi = &metric_scalar_info[t->metric];
    bool money = !strcmp(mi->unit, "currency");
    fprintf(f, "set xlabel \"%s%s of %s", t->stat == ST_D_MEAN ?
            "difference from baseline in " : "", mi->name,
            s->policies[t->policy].name);
    if (money) fprintf(f, " (%s %s)\"\n", u.word, s->currency);
    else fprintf(f, " (%s)\"\n", mi->unit);
}

static err_code tornado_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const sens_ctx *x = (const sens_ctx *)c; /* c is &x->c */
    const tornado_result *t = x->t;
    const scn *s = c->s;
    int n = t->nbars < TORNADO_BARS_MAX ? t->nbars : TORNADO_BARS_MAX;
    out_money u = out_money_for(tornado_magnitude(t));
    bool money = !strcmp(metric_scalar_info[t->metric].unit, "currency");
    char label[SPECSIM_PATH_MAX + SPECSIM_NAME_MAX];
    out_gp_begin(f, "tornado", 1000, 160 + 34 * n, 0);
    fprintf(f, "scale = %g\nref = %.10g\n", money ? u.scale : 1.0,
            isfinite(t->reference) ? t->reference : 0.0);
    fprintf(f, "set title \"Tornado: %s of %s%s, each uncertain input at "
               "its 5th and 95th percentile, the others drawn\"\n",
            metric_scalar_info[t->metric].name, s->policies[t->policy].name,
            t->stat == ST_D_MEAN ? " against baseline" : "");
    tornado_axis(f, s, t, u);
    fprintf(f, "set yrange [%g:0.4] reverse\nset ytics (", n + 0.6);
    for (int i = 0; i < n; i++) {
        scn_path_label(s, s->params[t->bars[i].input].path, label,
                       sizeof label);
        fprintf(f, "%s\"%s\" %d", i ? ", " : "", label, i + 1);
    }
    fprintf(f, ")\nset grid xtics lc rgb \"#dddddd\"\nset key below\n"
               "set style fill solid 0.8 noborder\n"
               "set arrow 1 from ref/scale, graph 0 to ref/scale, graph 1 "
               "nohead dt 2 lc rgb \"#222222\"\n");
    fprintf(f, "plot \\\n  data using (ref/scale):1:((ref < $6 ? ref : $6)/"
               "scale):((ref > $6 ? ref : $6)/scale):($1-0.35):($1+0.35) "
               "every ::1::%d with boxxyerror lc rgb \"#0072B2\" title "
               "\"input at its 5th percentile\", \\\n", n);
    fprintf(f, "  data using (ref/scale):1:((ref < $7 ? ref : $7)/scale):("
               "(ref > $7 ? ref : $7)/scale):($1-0.35):($1+0.35) every ::1::%d "
               "with boxxyerror fs transparent solid 0.55 lc rgb \"#D55E00\" "
               "title \"input at its 95th percentile\", \\\n"
               "  keyentry with lines dt 2 lc rgb \"#222222\" title "
               "\"every input drawn\"\n", n);
    out_gp_end(f);
    return ERR_OK;
}

err_code out_tornado_write(const char *dir, const scn *s,
                           const tornado_result *t, const out_run_info *info,
                           err_t *e)
{
    out_ctx base = {s, NULL, info};
    sens_ctx x = {base, NULL, 0, t};
    static const out_figure fig = {"tornado", "Tornado", "", tornado_csv,
                                   tornado_gp};
    out_render r;
    err_code rc = out_mkdir(dir, e);
    if (rc == ERR_OK)
        rc = out_write_atomic(dir, "manifest.json", out_manifest_json, &base, e);
    if (rc == ERR_OK)
        rc = out_write_atomic(dir, "tornado.csv", tornado_csv, &x.c, e);
    if (rc == ERR_OK) rc = out_figures_batch(dir, &fig, 1, &x.c, &r, e);
    return rc;
}

void out_tornado_table(FILE *f, const scn *s, const tornado_result *t)
{
    const metric_info *mi = &metric_scalar_info[t->metric];
    bool money = !strcmp(mi->unit, "currency");
    out_money u = out_money_for(tornado_magnitude(t));
    double sc = money ? u.scale : 1;
    int dec = money ? u.decimals : 2;
    char label[SPECSIM_PATH_MAX + SPECSIM_NAME_MAX];
    fprintf(f, "\nspecsim tornado  %s  policy %s, %s %s", s->file,
            s->policies[t->policy].name, mi->name, tornado_stat_word(t));
    if (money) fprintf(f, " in %s %s\n", u.word, s->currency);
    else fprintf(f, " in %s\n", mi->unit);
    fprintf(f, "Every input drawn: ");
    if (isfinite(t->reference)) fprintf(f, "%.*f\n\n", dec, t->reference / sc);
    else fprintf(f, "-\n\n");
    fprintf(f, "%4s  %-36s  %11s  %11s  %10s  %10s  %9s\n", "rank", "input",
            "input p05", "input p95", "at p05", "at p95", "swing");
    for (int i = 0; i < t->nbars; i++) {
        const tornado_bar *b = &t->bars[i];
        scn_path_label(s, s->params[b->input].path, label, sizeof label);
        fprintf(f, "%4d  %-36.36s  %11.5g  %11.5g  %10.*f  %10.*f  %9.*f\n",
                i + 1, label, b->x_lo, b->x_hi, dec, b->y_lo / sc, dec,
                b->y_hi / sc, dec, fabs(b->y_hi - b->y_lo) / sc);
    }
    fputc('\n', f);
}
