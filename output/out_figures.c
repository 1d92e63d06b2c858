/* out_figures.c — the figures of a run: tidy data, gnuplot scripts, and
 * their rendering into SVG and PNG by an external gnuplot.
 *
 * DESIGN — each figure is one entry of out_figures[]: a writer of its tidy
 * CSV (raw units: currency, shares, years) and a writer of its gnuplot
 * script, which reads that CSV by name, selects rows with strcol() and
 * scales money itself, so the script stays editable and the data exact.
 * A script draws the same plot twice, for the svg and the pngcairo
 * terminals, into `out`.svg and `out`.png; `out` defaults to the figure's
 * name, and specsim sets it to a temporary name and renames the results,
 * so a reader never sees half a picture. gnuplot runs as a child process
 * (fork and exec, in the figures folder); a missing gnuplot is reported
 * once per batch and never fails the run.
 *
 * Distributions come from streaming statistics (the aggregator keeps no
 * per-replication values): the cost "box" spans the 5th to 95th percentile
 * (P-square estimates), with the median as a line and the mean as a dot.
 */
#include "out_report.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "version.h"

/* Bytes of gnuplot's stderr kept for a message. */
#define GP_ERR_MAX 512

/* ---- shared presentation ---- */

const char *out_policy_colour(int p)
{
    /* baseline grey, then the Okabe-Ito colours, then Paul Tol's: all
     * distinguishable for the common colour-vision deficiencies. */
    static const char *const palette[16] = {
        "#555555", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
        "#56B4E9", "#8C564B", "#332288", "#999933", "#882255", "#44AA99",
        "#AA4499", "#DDCC77", "#117733", "#88CCEE"};
    SPECSIM_ASSERT(p >= 0);
    return palette[p % 16];
}

out_money out_money_for(double magnitude)
{
    out_money m = {1e6, "million", "M", 0};
    double x = fabs(magnitude);
    if (isfinite(x) && x >= 1e9) m = (out_money){1e9, "billion", "bn", 0};
    double v = isfinite(x) ? x / m.scale : 1000;
    m.decimals = v < 10 ? 2 : v < 100 ? 1 : 0;
    return m;
}

/* ---- gnuplot script pieces ---- */

void out_gp_begin(FILE *f, const char *name, int width, int height,
                  int pick2_col)
{
    fprintf(f,
            "# %s.gp: a figure of specsim %s. Edit freely; run `gnuplot "
            "%s.gp`\n# in this folder to redraw %s.svg and %s.png from "
            "%s.csv.\n",
            name, SPECSIM_VERSION, name, name, name, name);
    fprintf(f, "if (!exists(\"out\")) out = \"%s\"\n", name);
    fprintf(f, "if (!exists(\"data\")) data = \"%s.csv\"\n", name);
    fprintf(f, "set encoding utf8\nset datafile separator comma\n"
               "set datafile missing \"NA\"\n");
    fprintf(f, "# pick(a, k): column k of the rows whose first column is a, "
               "NaN elsewhere\npick(a, k) = strcol(1) eq a ? column(k) : NaN\n");
    if (pick2_col > 0)
        fprintf(f, "# pick2(a, b, k): column k of the rows whose columns 1 "
                   "and %d are a and b\npick2(a, b, k) = strcol(1) eq a && "
                   "strcol(%d) eq b ? column(k) : NaN\n", pick2_col, pick2_col);
    fprintf(f, "do for [fmt in \"svg png\"] {\n"
               "if (fmt eq \"svg\") {\n"
               "  set terminal svg size %d,%d noenhanced font "
               "\"Sans,12\" background \"#ffffff\"\n"
               "} else {\n"
               "  set terminal pngcairo size %d,%d noenhanced font "
               "\"Sans,10\" background \"#ffffff\"\n"
               "}\n"
               "set output out.\".\".fmt\n",
               width, height, width, height);
}

void out_gp_end(FILE *f)
{
    fprintf(f, "unset output\n}\n");
}

void out_gp_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* xtics naming every policy from `first` at its position. */
static void gp_policy_tics(FILE *f, const scn *s, int first)
{
    fprintf(f, "set xtics (");
    for (int p = first; p < s->npolicies; p++) {
        fprintf(f, "%s", p > first ? ", " : "");
        out_gp_str(f, s->policies[p].name);
        fprintf(f, " %d", p);
    }
    fprintf(f, ")%s\n", s->npolicies - first > 5 ? " rotate by 30 right" : "");
}

/* Year tics: every year on short horizons. */
static void gp_year_axis(FILE *f, const scn *s)
{
    int nt = s->year_last - s->year_first + 1;
    fprintf(f, "set xrange [%d:%d]\nset xtics %d\nset mxtics %d\n",
            s->year_first, s->year_last, nt <= 15 ? 1 : 5, nt <= 15 ? 1 : 5);
}

/* `set yrange` so an empty panel still draws (gnuplot refuses to autoscale
 * without data). */
static void gp_yrange_if_empty(FILE *f, bool any, const char *otherwise)
{
    if (any)
        fprintf(f, "set yrange %s\n", otherwise);
    else
        fprintf(f, "set yrange [-1:1]\nset label 1 \"no data\" at graph "
                   "0.5, graph 0.5 center\n");
}

static void csv_num(FILE *f, double x, const char *sep)
{
    char b[64];
    out_format_double(b, sizeof b, x);
    fprintf(f, "%s%s", b, sep);
}

/* ---- yearly paths: coverage, high-risk share, risk exposure ---- */

static err_code path_csv(FILE *f, const out_ctx *c, int m)
{
    const scn *s = c->s;
    int nt = s->year_last - s->year_first + 1;
    fprintf(f, "policy,year,mean,p05,p50,p95\n");
    for (int p = 0; p < s->npolicies; p++)
        for (int t = 0; t < nt; t++) {
            fprintf(f, "%s,%d,", s->policies[p].name, s->year_first + t);
            csv_num(f, agg_yearly(c->a, p, m, t, ST_MEAN), ",");
            csv_num(f, agg_yearly(c->a, p, m, t, ST_P05), ",");
            csv_num(f, agg_yearly(c->a, p, m, t, ST_P50), ",");
            csv_num(f, agg_yearly(c->a, p, m, t, ST_P95), "\n");
        }
    return ERR_OK;
}

static bool path_any(const out_ctx *c, int m)
{
    int nt = c->s->year_last - c->s->year_first + 1;
    for (int p = 0; p < c->s->npolicies; p++)
        for (int t = 0; t < nt; t++)
            if (isfinite(agg_yearly(c->a, p, m, t, ST_P50))) return true;
    return false;
}

/* Median line and 5-95 % band per policy; `k` scales shares to percent. */
static void path_plot(FILE *f, const out_ctx *c, double k, const char *extra)
{
    const scn *s = c->s;
    fprintf(f, "plot \\\n");
    for (int p = 0; p < s->npolicies; p++)
        fprintf(f, "  data using 2:(%g*pick(\"%s\", 4)):(%g*pick(\"%s\", 6)) "
                   "with filledcurves fs transparent solid 0.12 noborder "
                   "lc rgb \"%s\" notitle, \\\n",
                k, s->policies[p].name, k, s->policies[p].name,
                out_policy_colour(p));
    for (int p = 0; p < s->npolicies; p++)
        fprintf(f, "  data using 2:(%g*pick(\"%s\", 5)) with "
                   "linespoints lw 2 pt 7 ps 0.6 lc rgb \"%s\" title \"%s\"%s\n",
                k, s->policies[p].name, out_policy_colour(p),
                s->policies[p].name,
                p + 1 < s->npolicies || extra ? ", \\" : "");
    if (extra) fprintf(f, "  %s\n", extra);
}

static err_code coverage_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    return path_csv(f, c, MY_COVERAGE);
}

static err_code coverage_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    double target = 100 * s->run.coverage_target;
    char extra[160];
    out_gp_begin(f, "coverage", 900, 560, 0);
    fprintf(f, "set title \"Population with 5G coverage by policy: median and "
               "90 %% band over %ld replications\"\n", agg_count(c->a));
    fprintf(f, "set xlabel \"Year (coverage at the end of the year)\"\n"
               "set ylabel \"Population covered (%%)\"\n");
    gp_year_axis(f, s);
    gp_yrange_if_empty(f, path_any(c, MY_COVERAGE), "[0:100]");
    fprintf(f, "set grid ytics lc rgb \"#dddddd\"\nset key bottom right\n");
    snprintf(extra, sizeof extra,
             "%g with lines dt 2 lw 1.5 lc rgb \"#222222\" title "
             "\"target (%g %%)\"", target, target);
    path_plot(f, c, 100, extra);
    out_gp_end(f);
    return ERR_OK;
}

static err_code hrv_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    return path_csv(f, c, MY_HRV_SHARE);
}

static err_code hrv_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    out_gp_begin(f, "hrv_share", 900, 560, 0);
    fprintf(f, "set title \"High-risk vendors' share of all sites by policy: "
               "median and 90 %% band\"\n");
    fprintf(f, "set xlabel \"Year (end of year)\"\n"
               "set ylabel \"High-risk vendors' share of sites (%%)\"\n");
    gp_year_axis(f, c->s);
    gp_yrange_if_empty(f, path_any(c, MY_HRV_SHARE), "[0:*]");
    fprintf(f, "set grid ytics lc rgb \"#dddddd\"\nset key outside right top\n");
    path_plot(f, c, 100, NULL);
    out_gp_end(f);
    return ERR_OK;
}

static err_code risk_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    return path_csv(f, c, MY_RISK);
}

static err_code risk_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    out_gp_begin(f, "risk", 900, 560, 0);
    fprintf(f, "set title \"Residual security risk exposure by policy: median "
               "and 90 %% band\"\n");
    fprintf(f, "set xlabel \"Year (end of year)\"\n"
               "set ylabel \"Risk exposure index (0 = none, 1 = all "
               "high-risk, unmitigated)\"\n");
    gp_year_axis(f, c->s);
    gp_yrange_if_empty(f, path_any(c, MY_RISK), "[0:*]");
    fprintf(f, "set grid ytics lc rgb \"#dddddd\"\nset key outside right top\n");
    path_plot(f, c, 1, NULL);
    out_gp_end(f);
    return ERR_OK;
}

/* ---- NPV cost per policy ---- */

static err_code cost_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    fprintf(f, "policy,position,mean,p05,p50,p95\n");
    for (int p = 0; p < c->s->npolicies; p++) {
        fprintf(f, "%s,%d,", c->s->policies[p].name, p);
        csv_num(f, agg_scalar(c->a, p, M_COST_TOTAL, ST_MEAN), ",");
        csv_num(f, agg_scalar(c->a, p, M_COST_TOTAL, ST_P05), ",");
        csv_num(f, agg_scalar(c->a, p, M_COST_TOTAL, ST_P50), ",");
        csv_num(f, agg_scalar(c->a, p, M_COST_TOTAL, ST_P95), "\n");
    }
    return ERR_OK;
}

static err_code cost_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    double top = NAN;
    for (int p = 0; p < s->npolicies; p++)
        top = fmax(top, agg_scalar(c->a, p, M_COST_TOTAL, ST_P95));
    out_money u = out_money_for(top);
    out_gp_begin(f, "cost", 900, 560, 0);
    fprintf(f, "scale = %g\n", u.scale);
    fprintf(f, "set title \"NPV of the operators' costs %d-%d by policy "
               "(discounted to %d)\"\n", s->year_first, s->year_last,
            s->year_first);
    fprintf(f, "set ylabel \"NPV cost (%s %s)\"\n", u.word, s->currency);
    fprintf(f, "set xrange [-0.6:%g]\n", s->npolicies - 0.4);
    gp_policy_tics(f, s, 0);
    gp_yrange_if_empty(f, isfinite(top), "[0:*]");
    fprintf(f, "set boxwidth 0.5 absolute\n"
               "set style fill transparent solid 0.35 border\n"
               "set grid ytics lc rgb \"#dddddd\"\nset key top left\n");
    fprintf(f, "plot \\\n");
    for (int p = 0; p < s->npolicies; p++) {
        const char *n = s->policies[p].name, *col = out_policy_colour(p);
        fprintf(f, "  data using 2:(pick(\"%s\", 4)/scale):($4/scale):"
                   "($6/scale):(pick(\"%s\", 6)/scale) with candlesticks "
                   "lw 1.5 lc rgb \"%s\" notitle, \\\n", n, n, col);
        fprintf(f, "  data using 2:(pick(\"%s\", 5)/scale):($5/scale):"
                   "($5/scale):($5/scale) with candlesticks lw 3 "
                   "lc rgb \"%s\" notitle, \\\n", n, col);
    }
    fprintf(f, "  data using 2:($3/scale) with points pt 7 ps 1.2 lc rgb "
               "\"#000000\" title \"mean\", \\\n"
               "  keyentry with boxes lc rgb \"#888888\" title \"5th-95th "
               "percentile\", \\\n"
               "  keyentry with lines lw 3 lc rgb \"#888888\" title "
               "\"median\"\n");
    out_gp_end(f);
    return ERR_OK;
}

/* ---- paired differences from baseline ---- */

/* A panel of the difference figure. Metrics marked paired in the
 * catalogue use the delta statistics; delay_months is itself a paired
 * difference, so its own mean and interval are shown. */
typedef struct {
    int metric;
    const char *title;
    const char *ylabel;   /* "%s %s" gets the money word and currency */
    bool money;
} delta_panel;

/* Panels in order; auction metrics only when the scenario has an auction. */
static const delta_panel delta_panels[] = {
    {M_COST_TOTAL, "Cost: NPV of the operators' costs",
     "Difference in NPV cost (%s %s)", true},
    {M_DELAY_MONTHS, "Delay in reaching the coverage target",
     "Delay (months)", false},
    {M_AUCTION_REVENUE, "Auction revenue",
     "Difference in auction revenue (%s %s)", true},
};
#define NPANELS_ALL ((int)(sizeof delta_panels / sizeof delta_panels[0]))

static bool panel_shown(const out_ctx *c, const delta_panel *dp)
{
    return !metric_scalar_info[dp->metric].auction || c->s->auction.enabled;
}

static int npanels(const out_ctx *c)
{
    int n = 0;
    for (int k = 0; k < NPANELS_ALL; k++) n += panel_shown(c, &delta_panels[k]);
    return n;
}

static void delta_stats(const out_ctx *c, int p, int m, double v[3])
{
    bool d = metric_scalar_info[m].paired;
    v[0] = agg_scalar(c->a, p, m, d ? ST_D_MEAN : ST_MEAN);
    v[1] = agg_scalar(c->a, p, m, d ? ST_D_CI_LO : ST_CI_LO);
    v[2] = agg_scalar(c->a, p, m, d ? ST_D_CI_HI : ST_CI_HI);
}

static err_code delta_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    fprintf(f, "policy,position,metric,unit,delta_mean,delta_ci95_lo,"
               "delta_ci95_hi\n");
    for (int k = 0; k < NPANELS_ALL; k++)
        for (int p = 1; p < c->s->npolicies; p++) {
            int m = delta_panels[k].metric;
            if (!panel_shown(c, &delta_panels[k])) continue;
            double v[3];
            delta_stats(c, p, m, v);
            fprintf(f, "%s,%d,%s,%s,", c->s->policies[p].name, p,
                    metric_scalar_info[m].name,
                    delta_panels[k].money ? c->s->currency
                                          : metric_scalar_info[m].unit);
            csv_num(f, v[0], ",");
            csv_num(f, v[1], ",");
            csv_num(f, v[2], "\n");
        }
    return ERR_OK;
}

static void delta_panel_gp(FILE *f, const out_ctx *c, const delta_panel *dp)
{
    const scn *s = c->s;
    const char *mn = metric_scalar_info[dp->metric].name;
    double mag = NAN;
    for (int p = 1; p < s->npolicies; p++) {
        double v[3];
        delta_stats(c, p, dp->metric, v);
        for (int k = 0; k < 3; k++) mag = fmax(mag, fabs(v[k]));
    }
    out_money u = out_money_for(mag);
    fprintf(f, "scale = %g\nunset label 1\n", dp->money ? u.scale : 1.0);
    fprintf(f, "set title \"%s\"\nset ylabel \"", dp->title);
    fprintf(f, dp->ylabel, u.word, s->currency);
    fprintf(f, "\"\n");
    gp_yrange_if_empty(f, isfinite(mag), "[*<0:0<*]"); /* bars start at 0 */
    if (s->npolicies < 2) {
        fprintf(f, "plot NaN notitle\n");
        return;
    }
    fprintf(f, "plot \\\n");
    for (int p = 1; p < s->npolicies; p++)
        fprintf(f, "  data using 2:(pick2(\"%s\", \"%s\", 5)/scale) with boxes "
                   "lc rgb \"%s\" notitle, \\\n",
                s->policies[p].name, mn, out_policy_colour(p));
    for (int p = 1; p < s->npolicies; p++)
        fprintf(f, "  data using 2:(pick2(\"%s\", \"%s\", 5)/scale):"
                   "(pick2(\"%s\", \"%s\", 6)/scale):(pick2(\"%s\", \"%s\", 7)"
                   "/scale) with yerrorbars lc rgb \"#000000\" lw 1.5 pt 7 "
                   "ps 0.4 notitle%s\n", s->policies[p].name, mn,
                s->policies[p].name, mn, s->policies[p].name, mn,
                p + 1 < s->npolicies ? ", \\" : "");
}

static err_code delta_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    out_gp_begin(f, "delta", 520 * npanels(c), 560, 3);
    fprintf(f, "set multiplot layout 1,%d title \"Paired difference from "
               "baseline (same draws): mean and 95 %% confidence interval, "
               "%ld replications\"\n", npanels(c), agg_count(c->a));
    /* With baseline alone there is nothing to compare: an empty frame. */
    fprintf(f, "set xrange [0.4:%g]\n", s->npolicies > 1 ? s->npolicies - 0.6
                                                         : 1.6);
    gp_policy_tics(f, s, 1);
    fprintf(f, "set boxwidth 0.6 absolute\nset style fill solid 0.6 border\n"
               "set xzeroaxis lt -1 lw 1\nset grid ytics lc rgb \"#dddddd\"\n");
    for (int k = 0; k < NPANELS_ALL; k++)
        if (panel_shown(c, &delta_panels[k])) delta_panel_gp(f, c, &delta_panels[k]);
    fprintf(f, "unset multiplot\n");
    out_gp_end(f);
    return ERR_OK;
}

/* ---- per-operator cost breakdown ---- */

static const int oper_components[] = {MO_CAPEX, MO_OPEX, MO_SWAP,
                                      MO_MITIGATION};
static const char *const oper_colours[] = {"#4C72B0", "#9DB9D8", "#C44E52",
                                           "#E8B04B"};
#define NCOMP 4

static err_code oper_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    fprintf(f, "operator,policy,position,component,mean,stack_lo,stack_hi\n");
    for (int o = 0; o < s->noperators; o++)
        for (int p = 0; p < s->npolicies; p++) {
            double lo = 0;
            for (int k = 0; k < NCOMP; k++) {
                int m = oper_components[k];
                double v = agg_operator(c->a, p, o, m, ST_MEAN);
                fprintf(f, "%s,%s,%d,%s,", s->operators[o].name,
                        s->policies[p].name, p,
                        metric_operator_info[m].name);
                csv_num(f, v, ",");
                csv_num(f, isfinite(v) ? lo : NAN, ",");
                csv_num(f, isfinite(v) ? lo + v : NAN, "\n");
                if (isfinite(v)) lo += v;
            }
        }
    return ERR_OK;
}

static double oper_top(const out_ctx *c)
{
    double top = NAN;
    for (int o = 0; o < c->s->noperators; o++)
        for (int p = 0; p < c->s->npolicies; p++)
            top = fmax(top, agg_operator(c->a, p, o, MO_TOTAL, ST_MEAN));
    return top;
}

static err_code oper_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    int no = s->noperators, cols = no <= 3 ? no : no == 4 ? 2 : 3;
    int rows = (no + cols - 1) / cols;
    double top = oper_top(c);
    out_money u = out_money_for(top);
    out_gp_begin(f, "operators", 440 * cols, 400 * rows + 70, 4);
    fprintf(f, "scale = %g\n", u.scale);
    fprintf(f, "set multiplot layout %d,%d title \"NPV cost by operator, "
               "component and policy (mean over %ld replications)\"\n",
            rows, cols, agg_count(c->a));
    fprintf(f, "set ylabel \"NPV cost (%s %s)\"\n", u.word, s->currency);
    fprintf(f, "set xrange [-0.6:%g]\n", s->npolicies - 0.4);
    gp_policy_tics(f, s, 0);
    if (s->npolicies <= 5) fprintf(f, "set xtics rotate by 30 right\n");
    gp_yrange_if_empty(f, isfinite(top), "[0:*]");
    /* One legend for all panels, below them. */
    fprintf(f, "set style fill solid 0.9 noborder\n"
               "set grid ytics lc rgb \"#dddddd\"\nset bmargin 7\n"
               "set key at screen 0.5, screen 0.01 center bottom horizontal\n");
    for (int o = 0; o < no; o++) {
        fprintf(f, "set title \"%s\"\nplot \\\n", s->operators[o].name);
        for (int k = 0; k < NCOMP; k++) {
            const char *cn = metric_operator_info[oper_components[k]].name;
            const char *on = s->operators[o].name;
            fprintf(f, "  data using 3:((pick2(\"%s\", \"%s\", 6) + $7)/2/scale):"
                       "($3-0.35):($3+0.35):($6/scale):($7/scale) with "
                       "boxxyerror lc rgb \"%s\" ", on, cn, oper_colours[k]);
            if (o == 0)
                fprintf(f, "title \"%.*s\"", (int)strcspn(cn + 5, "_"),
                        cn + 5);
            else
                fprintf(f, "notitle");
            fprintf(f, "%s\n", k + 1 < NCOMP ? ", \\" : "");
        }
    }
    fprintf(f, "unset multiplot\n");
    out_gp_end(f);
    return ERR_OK;
}

/* ---- the table ---- */

const out_figure out_figures[] = {
    {"coverage", "Coverage path",
     "Share of the population with 5G coverage at the end of each year: "
     "the line is the median over replications, the shaded band the 5th to "
     "95th percentile; the dashed line is the national coverage target.",
     coverage_csv, coverage_gp},
    {"cost", "What each policy costs",
     "Net present value of the operators' costs (capex, opex, swaps, "
     "mitigation), all operators together. The box spans the 5th to 95th "
     "percentile over replications, the thick line is the median and the "
     "dot the mean. Percentiles are streaming (P-square) estimates: no "
     "replication's value is stored.",
     cost_csv, cost_gp},
    {"delta", "Paired differences from doing nothing",
     "Each policy minus baseline in the same replication (same draws of "
     "every uncertain input), so the differences are far more precise than "
     "the levels: bar = mean difference, whisker = 95 % confidence "
     "interval of that mean. Panels: NPV cost; months of delay in reaching "
     "the coverage target; auction revenue (when the scenario has an "
     "auction).",
     delta_csv, delta_gp},
    {"hrv_share", "High-risk vendors in the network",
     "High-risk vendors' share of all sites (legacy and 5G, all operators) "
     "at the end of each year: median and 5th to 95th percentile band.",
     hrv_csv, hrv_gp},
    {"risk", "Residual security risk",
     "Risk exposure index: each vendor's risk score, reduced by mitigation, "
     "weighted by its share of the access network and of the cores; median "
     "and 5th to 95th percentile band.",
     risk_csv, risk_gp},
    {"operators", "Cost by operator and component",
     "Mean NPV cost of each operator under each policy, split into capex, "
     "opex, swaps of installed equipment and mitigation. Means add up; "
     "medians would not.",
     oper_csv, oper_gp},
};
const int out_nfigures = (int)(sizeof out_figures / sizeof out_figures[0]);

/* ---- rendering ---- */

/* Run gnuplot in `figdir` with out=STEM; collect stderr into why.
 * Returns the exit status (127: not found) or -1 when it could not run. */
static int gp_exec(const char *figdir, const char *script, const char *stem,
                   char *why, size_t why_len)
{
    char arg[256];
    snprintf(arg, sizeof arg, "out='%s'", stem);
    int fd[2];
    if (pipe(fd) != 0) return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        int nul = open("/dev/null", O_RDWR);
        if (nul >= 0) {
            dup2(nul, 0);
            dup2(nul, 1);
        }
        dup2(fd[1], 2);
        close(fd[0]);
        if (chdir(figdir) != 0) _exit(126);
        execlp("gnuplot", "gnuplot", "-e", arg, script, (char *)NULL);
        _exit(errno == ENOENT ? 127 : 126);
    }
    close(fd[1]);
    size_t n = 0;
    char buf[256];
    ssize_t got;
    while ((got = read(fd[0], buf, sizeof buf)) > 0 ||
           (got < 0 && errno == EINTR))
        for (ssize_t i = 0; i < got && n + 1 < why_len; i++) why[n++] = buf[i];
    if (why_len) why[n] = '\0';
    close(fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* First non-empty line of gnuplot's messages, for a one-line report. */
static void first_line(char *s)
{
    char *p = s;
    while (*p == '\n' || *p == ' ') p++;
    size_t n = strcspn(p, "\n");
    memmove(s, p, n);
    s[n] = '\0';
}

/* Does the file end as a whole picture of its kind: an SVG with its
 * closing tag, a PNG with its IEND chunk? gnuplot may exit 0 after a write
 * failed (a full disk), leaving an empty or cut file. */
static bool picture_whole(const char *path, bool svg)
{
    static const unsigned char iend[12] = {0,   0,   0,   0,    'I',  'E',
                                           'N', 'D', 0xae, 0x42, 0x60, 0x82};
    unsigned char tail[64];
    FILE *f = fopen(path, "rb");
    if (f == NULL) return false;
    bool ok = fseek(f, -(long)sizeof tail, SEEK_END) == 0 ||
              fseek(f, 0, SEEK_SET) == 0;
    size_t n = ok ? fread(tail, 1, sizeof tail, f) : 0;
    ok = ok && !ferror(f);
    fclose(f);
    if (!ok) return false;
    if (!svg) return n >= sizeof iend &&
                     !memcmp(tail + n - sizeof iend, iend, sizeof iend);
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == ' ')) n--;
    return n >= 6 && !memcmp(tail + n - 6, "</svg>", 6);
}

int out_gnuplot_render(const char *figdir, const char *name, char *why,
                       size_t why_len)
{
    char script[160], stem[160], tmp[4400], final[4400];
    snprintf(script, sizeof script, "%s.gp", name);
    snprintf(stem, sizeof stem, ".%s.tmp%ld", name, (long)getpid());
    char err[GP_ERR_MAX] = "";
    int st = gp_exec(figdir, script, stem, err, sizeof err);
    if (st == 127) return 2;
    int rc = st == 0 ? 0 : 1;
    static const char *const ext[] = {"svg", "png"};
    for (int k = 0; rc == 0 && k < 2; k++) {
        snprintf(tmp, sizeof tmp, "%s/%s.%s", figdir, stem, ext[k]);
        if (!picture_whole(tmp, k == 0)) {
            snprintf(err, sizeof err, "gnuplot wrote an empty or cut %s.%s "
                     "(is the disk full?)", name, ext[k]);
            rc = 3;
        }
    }
    for (int k = 0; k < 2; k++) {
        snprintf(tmp, sizeof tmp, "%s/%s.%s", figdir, stem, ext[k]);
        snprintf(final, sizeof final, "%s/%s.%s", figdir, name, ext[k]);
        if (rc == 0 && rename(tmp, final) != 0) {
            snprintf(err, sizeof err, "%.300s: %.100s", final, strerror(errno));
            rc = 3;
        }
        unlink(tmp);
    }
    if (rc != 0) {
        first_line(err);
        snprintf(why, why_len, "%s", err[0] ? err : "gnuplot failed");
    }
    return rc;
}

err_code out_figures_batch(const char *dir, const out_figure *figs, int n,
                           const out_ctx *c, out_render *r, err_t *e)
{
    char figdir[4400], file[200], why[GP_ERR_MAX];
    memset(r, 0, sizeof *r);
    if (snprintf(figdir, sizeof figdir, "%s/figures", dir) >= (int)sizeof figdir)
        return err_set(e, ERR_IO, "%s: output path too long", dir);
    err_code rc = out_mkdir(figdir, e);
    for (int i = 0; rc == ERR_OK && i < n; i++) {
        snprintf(file, sizeof file, "%s.csv", figs[i].name);
        rc = out_write_atomic(figdir, file, figs[i].data, c, e);
        snprintf(file, sizeof file, "%s.gp", figs[i].name);
        if (rc == ERR_OK)
            rc = out_write_atomic(figdir, file, figs[i].script, c, e);
    }
    for (int i = 0; rc == ERR_OK && !r->missing && i < n; i++) {
        int st = out_gnuplot_render(figdir, figs[i].name, why, sizeof why);
        if (st == 0) r->rendered++;
        if (st == 3)
            rc = err_set(e, ERR_IO, "%s/%s: %s", figdir, figs[i].name, why);
        if (st == 1) {
            r->failed++;
            fprintf(stderr, "specsim: gnuplot could not render %s/%s.gp: %s\n",
                    figdir, figs[i].name, why);
        }
        r->missing = st == 2;
    }
    if (r->missing)
        fprintf(stderr, "specsim: gnuplot not found: figures left as data and "
                        "gnuplot scripts in %s (install gnuplot-nox to render "
                        "them)\n", figdir);
    return rc;
}
