/* out_risk.c — "Is it worth it?": the security risk in money in the
 * printed table and the report's figure (scenarios with a risk section,
 * docs/model.md §8).
 *
 * DESIGN — a policy's net benefit is linear in the annual probability P
 * of a hostile incident in every replication, net = B + S P (B the net at
 * P = 0, S the hostile loss it avoids per unit of P), so its mean over
 * replications is mean(B) + mean(S) P: the figure draws that line for
 * every policy on a log axis of P, and the expected break-even is
 * -mean(B) / mean(S), the P where the mean net benefit is zero. The
 * figure's CSV holds the lines' points and the break-even points (column
 * `kind`), in raw currency.
 */
#include "out_report.h"

#include <math.h>
#include <string.h>

/* The probability axis: POINTS log-spaced values from P_LO to 1. */
#define P_LO 1e-5
#define POINTS 51

double out_risk_break_even(const agg *a, int p)
{
    double b = agg_scalar(a, p, M_NB_NO_HOSTILE, ST_MEAN);
    double sl = agg_scalar(a, p, M_NB_SLOPE, ST_MEAN);
    if (p == 0 || !isfinite(b) || !isfinite(sl) || sl <= 0) return NAN;
    return fmax(0.0, -b / sl);
}

double out_risk_expected_net(const agg *a, int p, double prob)
{
    return agg_scalar(a, p, M_NB_NO_HOSTILE, ST_MEAN) +
           agg_scalar(a, p, M_NB_SLOPE, ST_MEAN) * prob;
}

void out_risk_one_in(char *buf, size_t len, double prob)
{
    if (!isfinite(prob))
        snprintf(buf, len, "never (it does not lower the hostile risk)");
    else if (prob <= 0)
        snprintf(buf, len, "at any probability");
    else if (1.0 / prob >= 100) {
        /* Two significant digits, written out: 237.4 -> 240. */
        double n = 1.0 / prob, unit = pow(10.0, floor(log10(n)) - 1);
        snprintf(buf, len, "1 in %.0f a year", round(n / unit) * unit);
    } else if (1.0 / prob >= 2)
        snprintf(buf, len, "1 in %.3g a year", 1.0 / prob);
    else
        snprintf(buf, len, "%.2f a year", prob);
}

static void csv_row(FILE *f, const char *pol, const char *kind, double prob,
                    double net)
{
    char x[64], y[64];
    out_format_double(x, sizeof x, prob);
    out_format_double(y, sizeof y, net);
    fprintf(f, "%s,%s,%s,%s\n", pol, kind, x, y);
}

static err_code worth_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    fprintf(f, "policy,kind,hostile_probability,net_benefit\n");
    for (int p = 1; p < c->s->npolicies; p++) {
        const char *pol = c->s->policies[p].name;
        for (int k = 0; k < POINTS; k++) {
            double prob = P_LO * pow(1.0 / P_LO, (double)k / (POINTS - 1));
            csv_row(f, pol, "line", prob, out_risk_expected_net(c->a, p, prob));
        }
        double be = out_risk_break_even(c->a, p);
        if (isfinite(be) && be >= P_LO && be <= 1)
            csv_row(f, pol, "break_even", be, 0.0);
    }
    return ERR_OK;
}

static err_code worth_gp(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    double top = 0;
    for (int p = 1; p < s->npolicies; p++)
        for (int k = 0; k < 2; k++) {
            double y = out_risk_expected_net(c->a, p, k ? 1.0 : 0.0);
            if (isfinite(y)) top = fmax(top, fabs(y));
        }
    out_money u = out_money_for(top);
    out_gp_begin(f, "worth", 900, 560, 2);
    fprintf(f, "scale = %g\n", u.scale);
    fprintf(f, "set title \"Expected net benefit against the annual "
               "probability of a hostile incident\"\n");
    fprintf(f, "set xlabel \"Annual probability of a hostile incident at "
               "full exposure (log scale)\"\n");
    fprintf(f, "set ylabel \"Expected net benefit, NPV (%s %s)\"\n", u.word,
            s->currency);
    fprintf(f, "set logscale x\nset format x \"%%g\"\n"
               "set xrange [%g:1]\n", P_LO);
    fprintf(f, "set grid xtics ytics lc rgb \"#dddddd\"\n"
               "set key outside right top\n"
               "set xzeroaxis lt -1 lw 1\n");
    if (s->npolicies < 2 || !(top > 0))
        fprintf(f, "set yrange [-1:1]\nset label 1 \"no data\" at graph "
                   "0.5, graph 0.5 center\n");
    fprintf(f, "plot \\\n");
    for (int p = 1; p < s->npolicies; p++) {
        fprintf(f, "  data using (pick2(");
        out_gp_str(f, s->policies[p].name);
        fprintf(f, ", \"line\", 3)):(column(4) / scale) with lines lw 2 "
                   "lc rgb \"%s\" title ", out_policy_colour(p));
        out_gp_str(f, s->policies[p].name);
        fprintf(f, ", \\\n  data using (pick2(");
        out_gp_str(f, s->policies[p].name);
        fprintf(f, ", \"break_even\", 3)):(column(4) / scale) with points "
                   "pt 7 ps 1.5 lc rgb \"%s\" notitle%s\n",
                out_policy_colour(p), p + 1 < s->npolicies ? ", \\" : "");
    }
    if (s->npolicies < 2) fprintf(f, "  NaN notitle\n");
    out_gp_end(f);
    return ERR_OK;
}

const out_figure out_risk_figure = {
    "worth", "Is it worth it?",
    "Mean net benefit of each policy against baseline (avoided incident "
    "loss minus extra cost, margin lost to delay and auction revenue lost) "
    "as the annual probability of a hostile incident varies, every other "
    "input at its draws; the dot marks the break-even probability, where "
    "the line crosses zero. Above it the policy pays for itself on average.",
    worth_csv, worth_gp};

void out_risk_table(FILE *f, const out_ctx *c)
{
    const scn *s = c->s;
    if (!s->risk.enabled || s->npolicies < 2) return;
    out_money u =
        out_money_for(agg_scalar(c->a, 0, M_INCIDENT_LOSS, ST_MEAN));
    fprintf(f, "\nIs it worth it? NPV in %s %s, means; net = avoided loss - "
               "extra cost - margin\nlost - revenue lost; break-even: annual "
               "hostile-incident probability.\n", u.word, s->currency);
    fprintf(f, "%-14s %12s %12s %12s %9s  %s\n", "policy", "loss",
            "avoided", "net", "net > 0", "break-even");
    for (int p = 0; p < s->npolicies; p++) {
        char be[80] = "";
        double m[3] = {agg_scalar(c->a, p, M_INCIDENT_LOSS, ST_MEAN),
                       agg_scalar(c->a, p, M_AVOIDED_LOSS, ST_MEAN),
                       agg_scalar(c->a, p, M_NET_BENEFIT, ST_MEAN)};
        double pos = agg_scalar(c->a, p, M_NET_POSITIVE, ST_MEAN);
        fprintf(f, "%-14.14s", s->policies[p].name);
        for (int k = 0; k < 3; k++) {
            if (isfinite(m[k]) && !(p == 0 && k > 0))
                fprintf(f, " %12.*f", u.decimals, m[k] / u.scale);
            else
                fprintf(f, " %12s", "-");
        }
        if (p > 0 && isfinite(pos))
            fprintf(f, " %8.0f%%", 100 * pos);
        else
            fprintf(f, " %9s", "-");
        if (p > 0) out_risk_one_in(be, sizeof be, out_risk_break_even(c->a, p));
        fprintf(f, "  %s\n", p > 0 ? be : "-");
    }
}
