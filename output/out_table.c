/* out_table.c — the comparison printed at the end of a run, as an aligned
 * table, CSV or JSON (--format).
 *
 * DESIGN — one row per policy: cost NPV with its 90 % interval (5th-95th
 * percentile over replications), the paired difference from baseline with
 * its 90 % interval, the year the coverage target is reached, the delay
 * against baseline in months with its 90 % interval, the high-risk share of
 * sites in the last year, and the share of replications where the policy
 * was infeasible. The table's cells are formatted first and the columns
 * sized to fit them, so it stays aligned whatever the numbers; policy names
 * are shortened if the table would exceed 100 columns. Money is shown in
 * millions or billions (out_money_for, from baseline's cost). When the
 * baseline is not alone, a block decomposes each policy's effect on the
 * operators' value (table_effects). When the
 * scenario names countries, a short block follows: a row per policy with
 * each country's target year and delay (means), as many countries as fit
 * in the width. When some replications of a policy have no optimal plan,
 * a block gives each cause its own column (infeasible, stopped at the node
 * limit, solver call failed) and the number of replications the cost mean
 * is taken over, since a policy without a plan has no cost to average.
 * CSV and JSON carry the quantities of the main table in raw units for
 * other programs, the causes and that count included; everything by
 * country, operator and vendor is in the summary files.
 */
#include "out_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "version.h"

/* Widest table printed. */
#define TABLE_WIDTH_MAX 100
/* Columns of the table and the longest cell text. */
#define NCOL 7
#define CELL_MAX 80

bool out_format_parse(const char *name, out_format *out)
{
    static const char *const names[] = {"table", "csv", "json"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (out_format)i;
            return true;
        }
    return false;
}

static void fmt(char *buf, size_t len, double x, double scale, int dec,
                bool sign)
{
    if (!isfinite(x)) { snprintf(buf, len, "-"); return; }
    double v = x / scale;
    if (fabs(v) < 0.5 * pow(10, -dec)) v = 0; /* no "-0" */
    snprintf(buf, len, sign ? "%+.*f" : "%.*f", dec, v);
}

/* "m [lo hi]" of three statistics. */
static void cell_iv(char *buf, const agg *a, int p, int m, const agg_stat st[3],
                    double scale, int dec, bool sign)
{
    char v[3][24];
    for (int k = 0; k < 3; k++)
        fmt(v[k], sizeof v[k], agg_scalar(a, p, m, st[k]), scale, dec, sign);
    if (!strcmp(v[0], "-")) snprintf(buf, CELL_MAX, "-");
    else snprintf(buf, CELL_MAX, "%s [%s %s]", v[0], v[1], v[2]);
}

static void pct(char *buf, double x)
{
    if (isfinite(x)) snprintf(buf, CELL_MAX, "%.1f%%", 100 * x);
    else snprintf(buf, CELL_MAX, "-");
}

static void cells(const out_ctx *c, int p, out_money u,
                  char cell[NCOL][CELL_MAX])
{
    static const agg_stat lvl[3] = {ST_MEAN, ST_P05, ST_P95};
    static const agg_stat dlt[3] = {ST_D_MEAN, ST_D_P05, ST_D_P95};
    const agg *a = c->a;
    int last = c->s->year_last - c->s->year_first;
    snprintf(cell[0], CELL_MAX, "%s", c->s->policies[p].name);
    cell_iv(cell[1], a, p, M_COST_TOTAL, lvl, u.scale, u.decimals, false);
    snprintf(cell[2], CELL_MAX, "%s", "");
    snprintf(cell[4], CELL_MAX, "%s", "");
    if (p > 0) {
        cell_iv(cell[2], a, p, M_COST_TOTAL, dlt, u.scale, u.decimals, true);
        cell_iv(cell[4], a, p, M_DELAY_MONTHS, lvl, 1, 1, true);
    }
    fmt(cell[3], CELL_MAX, agg_scalar(a, p, M_TARGET_YEAR, ST_MEAN), 1, 1,
        false);
    pct(cell[5], agg_yearly(a, p, MY_HRV_SHARE, last, ST_MEAN));
    pct(cell[6], agg_scalar(a, p, M_INFEASIBLE, ST_MEAN));
}

static void header(FILE *f, const out_ctx *c, out_money u)
{
    const scn *s = c->s;
    fprintf(f, "\nspecsim %s  %s  %ld replications, seed %llu%s\n",
            SPECSIM_VERSION, s->file, agg_count(c->a),
            (unsigned long long)c->info->seed,
            c->info->interrupted ? "  (INCOMPLETE: interrupted)" : "");
    fprintf(f, "Cost: NPV %d-%d in %s %s, discounted to %d. [a b]: 90%% "
               "interval (5th-95th\npercentile over replications). Delta: "
               "paired difference from baseline (same draws).\nTarget: %.0f%% "
               "population coverage.\n\n",
            s->year_first, s->year_last, u.word, s->currency, s->year_first,
            100 * s->run.coverage_target);
}

/* ---- the per-country block ---- */

/* Widest policy column of the per-country block. */
#define COUNTRY_POLICY_MAX 20

/* "2025.4 (+3.1)": country k's mean target year and, but for baseline,
 * its mean delay against baseline in months. */
static void country_cell(char *buf, const agg *a, int p, int k)
{
    char y[24], d[24];
    fmt(y, sizeof y, agg_keyed(a, p, MK_CTRY_TARGET_YEAR, k, ST_MEAN), 1, 1,
        false);
    if (p == 0 || !strcmp(y, "-")) {
        snprintf(buf, CELL_MAX, "%s", y);
        return;
    }
    fmt(d, sizeof d, agg_keyed(a, p, MK_CTRY_DELAY_MONTHS, k, ST_MEAN), 1, 1,
        true);
    snprintf(buf, CELL_MAX, "%s (%s)", y, d);
}

/* "4.01 / 15.0": country k's cost NPV and operator NPV (baseline), or
 * their paired differences from baseline (other policies), in the
 * table's money unit. */
static void country_money_cell(char *buf, const agg *a, int p, int k,
                               out_money u)
{
    char x[24], y[24];
    agg_stat st = p == 0 ? ST_MEAN : ST_D_MEAN;
    fmt(x, sizeof x, agg_keyed(a, p, MK_CTRY_COST_TOTAL, k, st), u.scale,
        u.decimals, p > 0);
    fmt(y, sizeof y, agg_keyed(a, p, MK_CTRY_OPERATOR_NPV, k, st), u.scale,
        u.decimals, p > 0);
    snprintf(buf, CELL_MAX, "%s / %s", x, y);
}

/* Cell of the block `money` (country_money_cell) or not (country_cell). */
static void any_country_cell(char *buf, const out_ctx *c, int p, int k,
                             bool money, out_money u)
{
    if (money) country_money_cell(buf, c->a, p, k, u);
    else country_cell(buf, c->a, p, k);
}

static void table_countries_block(FILE *f, const out_ctx *c, bool money,
                                  out_money u);

/* When the scenario names countries: a policy row with, per country, the
 * target year and delay, and a second with its cost and operators' value,
 * as many countries as fit in the table's width (the others are in
 * summary.csv). Everything else by country stays in the summary files, so
 * the blocks stay short. */
static void table_countries(FILE *f, const out_ctx *c, out_money u)
{
    table_countries_block(f, c, false, u);
    table_countries_block(f, c, true, u);
}

static void table_countries_block(FILE *f, const out_ctx *c, bool money,
                                  out_money u)
{
    const scn *s = c->s;
    if (s->ncountries == 0) return;
    char cell[CELL_MAX];
    int wp = 6, wc[K_MAX], total, shown = 0;
    for (int p = 0; p < s->npolicies; p++)
        if ((int)strlen(s->policies[p].name) > wp)
            wp = (int)strlen(s->policies[p].name);
    wp = wp < COUNTRY_POLICY_MAX ? wp : COUNTRY_POLICY_MAX;
    total = wp;
    for (int k = 0; k < s->ncountries; k++) {
        wc[k] = (int)strlen(s->countries[k].name);
        for (int p = 0; p < s->npolicies; p++) {
            any_country_cell(cell, c, p, k, money, u);
            if ((int)strlen(cell) > wc[k]) wc[k] = (int)strlen(cell);
        }
        if (total + 2 + wc[k] > TABLE_WIDTH_MAX) break;
        total += 2 + wc[k];
        shown++;
    }
    if (money)
        fprintf(f, "\nBy country: cost NPV / operator NPV (%s %s; other "
                   "policies: difference from baseline), means.\n%-*s",
                u.abbrev, s->currency, wp, "policy");
    else
        fprintf(f, "\nBy country: target year (delay against baseline, "
                   "months), means; - not reached.\n%-*s", wp, "policy");
    /* The last column is not padded: no trailing blanks. */
    for (int k = 0; k < shown; k++)
        fprintf(f, "  %-*s", k < shown - 1 ? wc[k] : 0, s->countries[k].name);
    fputc('\n', f);
    for (int p = 0; p < s->npolicies; p++) {
        fprintf(f, "%-*.*s", wp, wp, s->policies[p].name);
        for (int k = 0; k < shown; k++) {
            any_country_cell(cell, c, p, k, money, u);
            fprintf(f, "  %-*s", k < shown - 1 ? wc[k] : 0, cell);
        }
        fputc('\n', f);
    }
    if (shown < s->ncountries)
        fprintf(f, "(%d more countries in summary.csv)\n",
                s->ncountries - shown);
}

/* ---- the causes of missing plans ---- */

/* Does policy p miss a plan, or an optimum, in some replication? */
static bool policy_short(const out_ctx *c, int p)
{
    static const int causes[] = {M_INFEASIBLE, M_SOLVER_LIMIT,
                                 M_SOLVER_FAILED};
    for (int k = 0; k < 3; k++) {
        double x = agg_scalar(c->a, p, causes[k], ST_MEAN);
        if (isfinite(x) && x > 0) return true;
    }
    return agg_scalar(c->a, p, M_COST_TOTAL, ST_N) != (double)agg_count(c->a);
}

/* When a policy lacks a plan in some replications: each cause in its own
 * column, and how many replications its cost mean is over. */
static void table_causes(FILE *f, const out_ctx *c)
{
    const scn *s = c->s;
    bool any = false;
    int wp = 6;
    for (int p = 0; p < s->npolicies; p++) {
        any = any || policy_short(c, p);
        if ((int)strlen(s->policies[p].name) > wp)
            wp = (int)strlen(s->policies[p].name);
    }
    if (!any) return;
    wp = wp < COUNTRY_POLICY_MAX ? wp : COUNTRY_POLICY_MAX;
    fprintf(f, "\nReplications without an optimal plan, by cause; a policy "
               "without a plan has no\ncost, so its means are over fewer "
               "replications.\n%-*s  %10s  %10s  %13s  %s\n", wp, "policy",
            "infeasible", "node limit", "solver failed", "cost mean over");
    for (int p = 0; p < s->npolicies; p++) {
        char v[3][CELL_MAX];
        pct(v[0], agg_scalar(c->a, p, M_INFEASIBLE, ST_MEAN));
        pct(v[1], agg_scalar(c->a, p, M_SOLVER_LIMIT, ST_MEAN));
        pct(v[2], agg_scalar(c->a, p, M_SOLVER_FAILED, ST_MEAN));
        fprintf(f, "%-*.*s  %10s  %10s  %13s  %.0f of %ld\n", wp, wp,
                s->policies[p].name, v[0], v[1], v[2],
                agg_scalar(c->a, p, M_COST_TOTAL, ST_N), agg_count(c->a));
    }
}

/* ---- the decomposition block ---- */

/* A policy's effect on the operators' value against baseline, in its
 * parts (metrics effect_*, means over replications where both have a
 * plan): Δ operator NPV = -(extra cost + margin lost + spectrum revenue
 * change + mitigation); the spectrum revenue change is the state's. */
static void table_effects(FILE *f, const out_ctx *c, out_money u)
{
    static const int m[] = {M_OPERATOR_NPV, M_EFFECT_EXTRA_COST,
                            M_EFFECT_MARGIN_LOST, M_EFFECT_SPECTRUM_REVENUE,
                            M_EFFECT_MITIGATION};
    static const char *const head[] = {"d operator NPV", "extra cost",
                                       "margin lost", "spectrum rev.",
                                       "mitigation"};
    const scn *s = c->s;
    if (s->npolicies < 2) return;
    fprintf(f, "\nEffect against baseline (%s %s, means): d operator NPV = "
               "-(extra cost + margin lost\n+ spectrum revenue change + "
               "mitigation); spectrum revenue goes to the state.\n",
            u.abbrev, s->currency);
    fprintf(f, "%-*s", COUNTRY_POLICY_MAX, "policy");
    for (int k = 0; k < 5; k++) fprintf(f, "  %14s", head[k]);
    fputc('\n', f);
    for (int p = 1; p < s->npolicies; p++) {
        fprintf(f, "%-*.*s", COUNTRY_POLICY_MAX, COUNTRY_POLICY_MAX,
                s->policies[p].name);
        for (int k = 0; k < 5; k++) {
            char v[24];
            bool spectrum = m[k] == M_EFFECT_SPECTRUM_REVENUE;
            double x = k == 0 ? agg_scalar(c->a, p, m[k], ST_D_MEAN)
                       : spectrum && !s->auction.enabled
                           ? 0.0
                           : agg_scalar(c->a, p, m[k], ST_MEAN);
            fmt(v, sizeof v, x, u.scale, u.decimals, true);
            fprintf(f, "  %14s", v);
        }
        fputc('\n', f);
    }
}

err_code out_table(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const scn *s = c->s;
    out_money u = out_money_for(agg_scalar(c->a, 0, M_COST_TOTAL, ST_MEAN));
    char head1[NCOL][CELL_MAX] = {"policy", "cost NPV", "delta cost",
                                  "target", "delay", "HRV", "infeasible"};
    char head2[NCOL][CELL_MAX] = {"", "", "", "year", "months [90%]", "",
                                  "share"};
    snprintf(head2[1], CELL_MAX, "%s %s [90%%]", u.abbrev, s->currency);
    snprintf(head2[2], CELL_MAX, "%s %s [90%%]", u.abbrev, s->currency);
    snprintf(head2[5], CELL_MAX, "%d", s->year_last);
    char (*cell)[NCOL][CELL_MAX] = calloc((size_t)s->npolicies, sizeof *cell);
    if (cell == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    int w[NCOL], total = 2 * (NCOL - 1);
    for (int k = 0; k < NCOL; k++) {
        w[k] = (int)strlen(head1[k]);
        if ((int)strlen(head2[k]) > w[k]) w[k] = (int)strlen(head2[k]);
        for (int p = 0; p < s->npolicies; p++) {
            if (k == 0) cells(c, p, u, cell[p]);
            if ((int)strlen(cell[p][k]) > w[k]) w[k] = (int)strlen(cell[p][k]);
        }
        total += w[k];
    }
    if (total > TABLE_WIDTH_MAX)
        w[0] = w[0] - (total - TABLE_WIDTH_MAX) < 6
                   ? 6 : w[0] - (total - TABLE_WIDTH_MAX);
    header(f, c, u);
    for (int r = 0; r < 2 + s->npolicies; r++) {
        char (*row)[CELL_MAX] = r == 0 ? head1 : r == 1 ? head2 : cell[r - 2];
        fprintf(f, "%-*.*s", w[0], w[0], row[0]);
        for (int k = 1; k < NCOL; k++)
            fprintf(f, k == 3 || k == 4 || k == 0 ? "  %-*s" : "  %*s", w[k],
                    row[k]);
        fputc('\n', f);
    }
    free(cell);
    table_effects(f, c, u);
    table_countries(f, c, u);
    table_causes(f, c);
    out_risk_table(f, c);
    out_table_notes(f, c);
    fputc('\n', f);
    return ERR_OK;
}

void out_table_notes(FILE *f, const out_ctx *c)
{
    for (int p = 0; p < c->s->npolicies; p++) {
        long rep, n = agg_problems(c->a, p);
        if (n == 0) continue;
        const char *diag = agg_first_diagnosis(c->a, p, &rep);
        fprintf(f, "\nnote: policy '%s' has no plan in %ld of %ld "
                   "replications; first in replication %ld:\n  %s\n",
                c->s->policies[p].name, n, agg_count(c->a), rep, diag);
    }
    for (int p = 0; p < c->s->npolicies; p++) {
        double lim = agg_scalar(c->a, p, M_SOLVER_LIMIT, ST_MEAN);
        if (isfinite(lim) && lim > 0)
            fprintf(f, "note: policy '%s': %.1f%% of programs stopped at the "
                       "node limit (the best plan found is used where there "
                       "was one)\n",
                    c->s->policies[p].name, 100 * lim);
    }
    double reached = agg_scalar(c->a, 0, M_TARGET_REACHED, ST_MEAN);
    if (isfinite(reached) && reached < 1)
        fprintf(f, "note: baseline reaches the coverage target in %.0f%% of "
                   "replications; delays count only those where both do.\n",
                100 * reached);
}

/* ---- CSV and JSON ---- */

/* The quantities of the comparison, in raw units, in column order. */
typedef struct {
    const char *name;
    int metric;          /* scalar metric, or -1 for the last year's HRV */
    agg_stat stat;
    bool paired_only;    /* only for policies other than baseline */
} cmp_col;

static const cmp_col cmp_cols[] = {
    {"cost_total_npv_mean", M_COST_TOTAL, ST_MEAN, false},
    {"cost_total_npv_p05", M_COST_TOTAL, ST_P05, false},
    {"cost_total_npv_p95", M_COST_TOTAL, ST_P95, false},
    {"cost_total_npv_delta_mean", M_COST_TOTAL, ST_D_MEAN, true},
    {"cost_total_npv_delta_ci95_lo", M_COST_TOTAL, ST_D_CI_LO, true},
    {"cost_total_npv_delta_ci95_hi", M_COST_TOTAL, ST_D_CI_HI, true},
    {"cost_total_npv_delta_p05", M_COST_TOTAL, ST_D_P05, true},
    {"cost_total_npv_delta_p95", M_COST_TOTAL, ST_D_P95, true},
    {"target_year_mean", M_TARGET_YEAR, ST_MEAN, false},
    {"delay_months_mean", M_DELAY_MONTHS, ST_MEAN, true},
    {"delay_months_p05", M_DELAY_MONTHS, ST_P05, true},
    {"delay_months_p95", M_DELAY_MONTHS, ST_P95, true},
    {"hrv_site_share_last_year_mean", -1, ST_MEAN, false},
    {"infeasible_share", M_INFEASIBLE, ST_MEAN, false},
    {"auction_revenue_mean", M_AUCTION_REVENUE, ST_MEAN, false},
    {"auction_revenue_delta_mean", M_AUCTION_REVENUE, ST_D_MEAN, true},
    {"solver_limit_share", M_SOLVER_LIMIT, ST_MEAN, false},
    {"solver_failed_share", M_SOLVER_FAILED, ST_MEAN, false},
    {"cost_total_npv_n", M_COST_TOTAL, ST_N, false},
    {"operator_npv_delta_mean", M_OPERATOR_NPV, ST_D_MEAN, true},
    {"effect_extra_cost_npv_mean", M_EFFECT_EXTRA_COST, ST_MEAN, true},
    {"effect_margin_lost_npv_mean", M_EFFECT_MARGIN_LOST, ST_MEAN, true},
    {"effect_spectrum_revenue_npv_mean", M_EFFECT_SPECTRUM_REVENUE, ST_MEAN,
     true},
    {"effect_mitigation_npv_mean", M_EFFECT_MITIGATION, ST_MEAN, true},
};
#define NCMP ((int)(sizeof cmp_cols / sizeof cmp_cols[0]))

/* Then, with a risk section, the security risk in money; metric -2: the
 * expected break-even (out_risk_break_even). */
static const cmp_col risk_cols[] = {
    {"incident_loss_npv_mean", M_INCIDENT_LOSS, ST_MEAN, false},
    {"avoided_loss_npv_mean", M_AVOIDED_LOSS, ST_MEAN, true},
    {"net_extra_cost_npv_mean", M_NB_EXTRA_COST, ST_MEAN, true},
    {"net_margin_lost_npv_mean", M_NB_MARGIN_LOST, ST_MEAN, true},
    {"net_revenue_lost_npv_mean", M_NB_REVENUE_LOST, ST_MEAN, true},
    {"net_benefit_npv_mean", M_NET_BENEFIT, ST_MEAN, true},
    {"net_benefit_npv_p05", M_NET_BENEFIT, ST_P05, true},
    {"net_benefit_npv_p95", M_NET_BENEFIT, ST_P95, true},
    {"net_benefit_positive_share", M_NET_POSITIVE, ST_MEAN, true},
    {"break_even_hostile_probability", -2, ST_MEAN, true},
    {"break_even_hostile_impact_p50", M_BREAK_EVEN_IMPACT, ST_P50, true},
};
#define NRISK ((int)(sizeof risk_cols / sizeof risk_cols[0]))

/* The columns of the scenario, in order. */
static int ncols(const out_ctx *c)
{
    return NCMP + (c->s->risk.enabled ? NRISK : 0);
}

static const cmp_col *col(int k)
{
    return k < NCMP ? &cmp_cols[k] : &risk_cols[k - NCMP];
}

static double cmp_value(const out_ctx *c, int p, const cmp_col *k)
{
    if (k->paired_only && p == 0) return NAN;
    if (k->metric == -2) return out_risk_break_even(c->a, p);
    if (k->metric < 0)
        return agg_yearly(c->a, p, MY_HRV_SHARE,
                          c->s->year_last - c->s->year_first, k->stat);
    return agg_scalar(c->a, p, k->metric, k->stat);
}

err_code out_table_csv(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    fprintf(f, "policy,currency,replications,last_year");
    for (int k = 0; k < ncols(c); k++) fprintf(f, ",%s", col(k)->name);
    fputc('\n', f);
    for (int p = 0; p < c->s->npolicies; p++) {
        fprintf(f, "%s,%s,%ld,%d", c->s->policies[p].name, c->s->currency,
                agg_count(c->a), c->s->year_last);
        for (int k = 0; k < ncols(c); k++) {
            char v[64];
            out_format_double(v, sizeof v, cmp_value(c, p, col(k)));
            fprintf(f, ",%s", v);
        }
        fputc('\n', f);
    }
    return ERR_OK;
}

static json_t *jnum(double x) { return isfinite(x) ? json_real(x) : json_null(); }

static json_t *cmp_policy(const out_ctx *c, int p)
{
    json_t *j = json_object();
    json_object_set_new(j, "policy", json_string(c->s->policies[p].name));
    for (int k = 0; k < ncols(c); k++)
        json_object_set_new(j, col(k)->name, jnum(cmp_value(c, p, col(k))));
    long rep;
    const char *diag = agg_first_diagnosis(c->a, p, &rep);
    if (diag[0]) {
        json_object_set_new(j, "first_problem_replication", json_integer(rep));
        json_object_set_new(j, "first_problem", json_string(diag));
    }
    return j;
}

err_code out_table_json(FILE *f, const out_ctx *c, err_t *e)
{
    const scn *s = c->s;
    json_t *root = out_json_head(c);
    json_object_set_new(root, "complete", json_boolean(!c->info->interrupted));
    json_t *pols = json_array();
    for (int p = 0; p < s->npolicies; p++)
        json_array_append_new(pols, cmp_policy(c, p));
    json_object_set_new(root, "policies", pols);
    int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
                                     JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(root);
    return rc == 0 ? ERR_OK : err_set(e, ERR_IO, "comparison: cannot encode");
}
