/* out_table.c — the comparison table printed at the end of a run.
 *
 * DESIGN — one row per policy, at most 100 columns: cost NPV with its
 * 90 % interval (5th–95th percentile over replications), the paired
 * difference from baseline with its 90 % interval, the year the coverage
 * target is reached, the delay against baseline in months, the high-risk
 * share of sites in the last year, and the share of replications where the
 * policy was infeasible. Money is shown in millions, or billions when the
 * baseline's cost reaches ten billion.
 */
#include "out.h"

#include <math.h>
#include <string.h>

#include "version.h"

static void fmt(char *buf, size_t len, double x, double scale, int dec,
                bool sign)
{
    if (!isfinite(x)) { snprintf(buf, len, "-"); return; }
    snprintf(buf, len, sign ? "%+.*f" : "%.*f", dec, x / scale);
}

static void header(FILE *f, const out_ctx *c, double scale)
{
    const scn *s = c->s;
    fprintf(f, "\nspecsim %s  %s  %ld replications, seed %llu%s\n",
            SPECSIM_VERSION, s->file, agg_count(c->a),
            (unsigned long long)c->info->seed,
            c->info->interrupted ? "  (INCOMPLETE: interrupted)" : "");
    fprintf(f, "Cost: NPV %d-%d in %s %s, discounted to %d. [a b]: 90%% "
               "interval over replications.\n",
            s->year_first, s->year_last, scale >= 1e9 ? "billion" : "million",
            s->currency, s->year_first);
    fprintf(f, "Delta: paired difference from baseline (same draws). Target: "
               "%.0f%% population coverage.\n\n", 100 * s->run.coverage_target);
    fprintf(f, "%-12s %-22s %-22s %-7s %-18s %6s %6s\n", "policy",
            "cost NPV", "delta cost", "target", "delay (months)", "HRV",
            "infeas");
    fprintf(f, "%-12s %-22s %-22s %-7s %-18s %6d %6s\n", "", "", "", "year",
            "", s->year_last, "");
}

static void row(FILE *f, const out_ctx *c, int p, double scale, int dec)
{
    const agg *a = c->a;
    int last = c->s->year_last - c->s->year_first;
    char m[24], lo[24], hi[24], d[24], dlo[24], dhi[24], col1[80], col2[80];
    fmt(m, sizeof m, agg_scalar(a, p, M_COST_TOTAL, ST_MEAN), scale, dec, false);
    fmt(lo, sizeof lo, agg_scalar(a, p, M_COST_TOTAL, ST_P05), scale, dec, false);
    fmt(hi, sizeof hi, agg_scalar(a, p, M_COST_TOTAL, ST_P95), scale, dec, false);
    snprintf(col1, sizeof col1, "%s [%s %s]", m, lo, hi);
    col2[0] = '\0';
    if (p > 0) {
        fmt(d, sizeof d, agg_scalar(a, p, M_COST_TOTAL, ST_D_MEAN), scale, dec, true);
        fmt(dlo, sizeof dlo, agg_scalar(a, p, M_COST_TOTAL, ST_D_P05), scale, dec, true);
        fmt(dhi, sizeof dhi, agg_scalar(a, p, M_COST_TOTAL, ST_D_P95), scale, dec, true);
        snprintf(col2, sizeof col2, "%s [%s %s]", d, dlo, dhi);
    }
    char ty[16], dl[64] = "", dm[16], dml[16], dmh[16];
    fmt(ty, sizeof ty, agg_scalar(a, p, M_TARGET_YEAR, ST_MEAN), 1, 1, false);
    if (p > 0) {
        fmt(dm, sizeof dm, agg_scalar(a, p, M_DELAY_MONTHS, ST_MEAN), 1, 1, true);
        fmt(dml, sizeof dml, agg_scalar(a, p, M_DELAY_MONTHS, ST_P05), 1, 1, true);
        fmt(dmh, sizeof dmh, agg_scalar(a, p, M_DELAY_MONTHS, ST_P95), 1, 1, true);
        snprintf(dl, sizeof dl, "%s [%s %s]", dm, dml, dmh);
    }
    double hrv = agg_yearly(a, p, MY_HRV_SHARE, last, ST_MEAN);
    double inf = agg_scalar(a, p, M_INFEASIBLE, ST_MEAN);
    char hs[16], is[16];
    if (isfinite(hrv)) snprintf(hs, sizeof hs, "%.1f%%", 100 * hrv); else snprintf(hs, sizeof hs, "-");
    if (isfinite(inf)) snprintf(is, sizeof is, "%.1f%%", 100 * inf); else snprintf(is, sizeof is, "-");
    fprintf(f, "%-12.12s %-22s %-22s %-7s %-18s %6s %6s\n",
            c->s->policies[p].name, col1, col2, ty, dl, hs, is);
}

static void notes(FILE *f, const out_ctx *c)
{
    for (int p = 0; p < c->s->npolicies; p++) {
        long rep, n = agg_problems(c->a, p);
        if (n == 0) continue;
        const char *diag = agg_first_diagnosis(c->a, p, &rep);
        fprintf(f, "\nnote: policy '%s' has no feasible plan in %ld of %ld "
                   "replications; first in replication %ld:\n  %s\n",
                c->s->policies[p].name, n, agg_count(c->a), rep, diag);
    }
    for (int p = 0; p < c->s->npolicies; p++) {
        double lim = agg_scalar(c->a, p, M_SOLVER_LIMIT, ST_MEAN);
        if (isfinite(lim) && lim > 0)
            fprintf(f, "note: policy '%s': %.1f%% of programs stopped at the "
                       "node limit (best plan found is used)\n",
                    c->s->policies[p].name, 100 * lim);
    }
    double reached = agg_scalar(c->a, 0, M_TARGET_REACHED, ST_MEAN);
    if (isfinite(reached) && reached < 1)
        fprintf(f, "note: baseline reaches the coverage target in %.0f%% of "
                   "replications; delays count only those where both do.\n",
                100 * reached);
}

err_code out_table(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    double base = fabs(agg_scalar(c->a, 0, M_COST_TOTAL, ST_MEAN));
    double scale = isfinite(base) && base >= 1e10 ? 1e9 : 1e6;
    int dec = scale >= 1e9 ? 2 : 0;
    header(f, c, scale);
    for (int p = 0; p < c->s->npolicies; p++) row(f, c, p, scale, dec);
    notes(f, c);
    fputc('\n', f);
    return ERR_OK;
}
