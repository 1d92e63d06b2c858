/* out_report.c — DIR/report.html: one self-contained page a ministry can
 * read and an academic can cite.
 *
 * DESIGN — the page is written top to bottom from the aggregated results
 * and the scenario, in the order a reader needs it: what was compared and
 * the headline numbers, the comparison table, the figures (the SVGs that
 * gnuplot rendered, inlined as data: URIs so the file stands alone and
 * their ids cannot clash), per-operator tables, how to read it all, the
 * assumptions, the caveats and what it takes to reproduce the run. CSS is
 * inline; the only script, also inline, marks figures that fail to load.
 * Every scenario string is HTML-escaped. Nothing depends on timing or the
 * number of threads (those stay in manifest.json), so the page, like the
 * data, is the same for any -j.
 */
#include "out_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_version.h>
#include <jansson.h>
#include <nettle/version.h>
#include <yaml.h>

#include "deploy.h"
#include "scn_schema.h"
#include "version.h"

/* What the report's writer needs besides out_ctx; `c` comes first so the
 * writer can get back to the rest from the out_ctx pointer it is given. */
typedef struct {
    out_ctx c;
    const char *figdir;
    const out_render *render;
} report_ctx;

static const char css[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "max-width:1180px;margin:0 auto;padding:0 24px 48px;color:#1d1d1d;"
    "line-height:1.45}"
    "h1{font-size:1.7em;margin:28px 0 4px}h2{margin-top:40px;border-bottom:"
    "2px solid #ddd;padding-bottom:4px}h3{margin-top:24px}"
    ".lead{font-size:1.1em;color:#333}.meta{color:#666;font-size:.9em}"
    "nav a{margin-right:14px}"
    "table{border-collapse:collapse;margin:10px 0 18px;font-size:.92em}"
    "th,td{border-bottom:1px solid #e3e3e3;padding:5px 9px;text-align:right;"
    "vertical-align:top}th{background:#f4f4f4}"
    "td.l,th.l{text-align:left}td.pol{text-align:left;white-space:nowrap}"
    ".sw{display:inline-block;width:.9em;height:.9em;border-radius:2px;"
    "margin-right:6px;vertical-align:-1px}"
    ".iv{color:#666;font-size:.88em;white-space:nowrap}"
    "figure{margin:22px 0 30px}figure img{max-width:100%;height:auto;"
    "border:1px solid #eee}figcaption{color:#444;font-size:.92em;"
    "max-width:900px}"
    "figure.broken img{display:none}figure.broken::before{content:"
    "'This figure could not be displayed.';color:#a00}"
    ".hr{color:#a00;font-weight:600}.note{background:#fff8e1;border-left:"
    "4px solid #e6b800;padding:8px 12px;margin:8px 0}"
    "code{background:#f4f4f4;padding:1px 4px;border-radius:3px}"
    "ul.findings li{margin:4px 0}";

/* The only script: count figures that loaded, mark those that did not. */
static const char script[] =
    "window.addEventListener('load',function(){"
    "var ok=0;document.querySelectorAll('figure img').forEach(function(i){"
    "if(i.complete&&i.naturalWidth>0){ok++;}else{"
    "i.parentNode.classList.add('broken');}});"
    "document.body.setAttribute('data-figures-loaded',String(ok));});";

/* ---- small writers ---- */

/* Escape text for HTML (&, <, >, ", '). */
static void html_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* x / u.scale with u.decimals, "–" when undefined; signed when asked. */
static void money(FILE *f, double x, out_money u, bool sign)
{
    if (!isfinite(x)) { fputs("&ndash;", f); return; }
    double v = x / u.scale;
    if (fabs(v) < 0.5 * pow(10, -u.decimals)) v = 0; /* no "-0" */
    fprintf(f, sign ? "%+.*f" : "%.*f", u.decimals, v);
}

static void interval(FILE *f, double lo, double hi, out_money u, bool sign)
{
    if (!isfinite(lo) || !isfinite(hi)) return;
    fputs(" <span class=\"iv\">[", f);
    money(f, lo, u, sign);
    fputs(" &ndash; ", f);
    money(f, hi, u, sign);
    fputs("]</span>", f);
}

static void num(FILE *f, double x, int dec, bool sign)
{
    if (!isfinite(x)) fputs("&ndash;", f);
    else fprintf(f, sign ? "%+.*f" : "%.*f", dec, x);
}

static void percent(FILE *f, double share, int dec)
{
    if (!isfinite(share)) fputs("&ndash;", f);
    else fprintf(f, "%.*f&nbsp;%%", dec, 100 * share);
}

/* A number with thousands separators when whole, else 4 significant
 * digits. */
static void amount(FILE *f, double x)
{
    if (!isfinite(x)) { fputs("&ndash;", f); return; }
    if (x != floor(x) || fabs(x) >= 1e15) { fprintf(f, "%.4g", x); return; }
    char d[32];
    snprintf(d, sizeof d, "%.0f", fabs(x));
    size_t n = strlen(d);
    if (x < 0) fputc('-', f);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) fputc(',', f);
        fputc(d[i], f);
    }
}

static void swatch(FILE *f, int p)
{
    fprintf(f, "<span class=\"sw\" style=\"background:%s\"></span>",
            out_policy_colour(p));
}

static void policy_cell(FILE *f, const scn *s, int p)
{
    fputs("<td class=\"pol\">", f);
    swatch(f, p);
    html_escape(f, s->policies[p].name);
    fputs("</td>", f);
}

/* The distribution of an uncertain input in words: "pert(min 1, mode 2,
 * max 3)". */
static void dist_text(FILE *f, const dist_spec *d)
{
    fprintf(f, "%s(", d->type->name);
    for (int k = 0; k < d->type->nparams; k++) {
        fprintf(f, "%s%s ", k ? ", " : "", d->type->param_names[k]);
        amount(f, d->p[k]);
    }
    if (d->type->truncatable && isfinite(d->lo)) {
        fputs(", lo ", f);
        amount(f, d->lo);
    }
    if (d->type->truncatable && isfinite(d->hi)) {
        fputs(", hi ", f);
        amount(f, d->hi);
    }
    fputc(')', f);
}

/* A scenario number: its value, or its mean and distribution. */
static void num_text(FILE *f, const scn *s, scn_num n)
{
    amount(f, n.value);
    if (n.param < 0) return;
    fputs(" <span class=\"iv\">(mean; uncertain: ", f);
    dist_text(f, &s->params[n.param].dist);
    fputs(")</span>", f);
}

static void share_text(FILE *f, const scn *s, scn_num n)
{
    percent(f, n.value, 0);
    if (n.param < 0) return;
    fputs(" <span class=\"iv\">(mean; uncertain: ", f);
    dist_text(f, &s->params[n.param].dist);
    fputs(")</span>", f);
}

/* ---- header and headline ---- */

static void head(FILE *f, const out_ctx *c)
{
    const scn *s = c->s;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>specsim report: ", f);
    html_escape(f, s->file);
    fprintf(f, "</title>\n<style>%s</style>\n</head>\n", css);
}

/* Figures the page shows (each an <img> the page's script checks). */
static int report_figures(const report_ctx *r)
{
    return r->render->missing ? 0
                              : out_nfigures + (r->c.s->risk.enabled ? 1 : 0);
}

static void header(FILE *f, const report_ctx *r)
{
    const out_ctx *c = &r->c;
    const scn *s = c->s;
    fprintf(f, "<body data-figures-expected=\"%d\">\n<header>\n",
            report_figures(r));
    fputs("<h1>High-risk vendor policy for 5G: cost, coverage and "
          "security</h1>\n<p class=\"lead\">", f);
    html_escape(f, s->description[0] ? s->description : s->file);
    fputs("</p>\n<p class=\"meta\">Scenario <code>", f);
    html_escape(f, s->file);
    fprintf(f, "</code> &middot; %ld replications &middot; seed %llu &middot; "
               "%d&ndash;%d, money in %s &middot; specsim %s</p>\n",
            agg_count(c->a), (unsigned long long)c->info->seed, s->year_first,
            s->year_last, s->currency, SPECSIM_VERSION);
    if (c->info->interrupted)
        fputs("<p class=\"note\"><b>Incomplete run:</b> interrupted before "
              "all replications finished; see the caveats.</p>\n", f);
    fputs("<nav><a href=\"#findings\">Findings</a><a href=\"#comparison\">"
          "Comparison</a><a href=\"#figures\">Figures</a><a href=\"#operators"
          "\">Operators</a><a href=\"#reading\">How to read this</a>"
          "<a href=\"#assumptions\">Assumptions</a><a href=\"#caveats\">"
          "Caveats</a><a href=\"#manifest\">Reproduce</a>", f);
    if (s->risk.enabled) fputs("<a href=\"#worth\">Is it worth it?</a>", f);
    fputs("</nav>\n</header>\n", f);
}

/* One sentence per policy: its paired cost, delay and remaining HRV. */
static void findings(FILE *f, const out_ctx *c, out_money u)
{
    const scn *s = c->s;
    const agg *a = c->a;
    int last = s->year_last - s->year_first;
    fputs("<section id=\"findings\">\n<h2>Findings at a glance</h2>\n", f);
    fprintf(f, "<p>Doing nothing (baseline) costs the operators ");
    money(f, agg_scalar(a, 0, M_COST_TOTAL, ST_MEAN), u, false);
    fprintf(f, " %s %s in net present value over %d&ndash;%d; high-risk "
               "vendors then hold ", u.word, s->currency, s->year_first,
            s->year_last);
    percent(f, agg_yearly(a, 0, MY_HRV_SHARE, last, ST_MEAN), 0);
    fprintf(f, " of sites in %d. Compared with that, in the same "
               "replications:</p>\n<ul class=\"findings\">\n", s->year_last);
    for (int p = 1; p < s->npolicies; p++) {
        fputs("<li>", f);
        swatch(f, p);
        fputs("<b>", f);
        html_escape(f, s->policies[p].name);
        fputs("</b> costs ", f);
        money(f, agg_scalar(a, p, M_COST_TOTAL, ST_D_MEAN), u, true);
        fprintf(f, " %s %s", u.word, s->currency);
        interval(f, agg_scalar(a, p, M_COST_TOTAL, ST_D_CI_LO),
                 agg_scalar(a, p, M_COST_TOTAL, ST_D_CI_HI), u, true);
        fputs(", delays the coverage target by ", f);
        num(f, agg_scalar(a, p, M_DELAY_MONTHS, ST_MEAN), 1, true);
        fputs(" months and leaves high-risk vendors ", f);
        percent(f, agg_yearly(a, p, MY_HRV_SHARE, last, ST_MEAN), 0);
        fprintf(f, " of sites in %d", s->year_last);
        if (s->auction.enabled) {
            fputs("; auction revenue changes by ", f);
            money(f, agg_scalar(a, p, M_AUCTION_REVENUE, ST_D_MEAN), u, true);
            fprintf(f, " %s %s", u.word, s->currency);
        }
        double inf = agg_scalar(a, p, M_INFEASIBLE, ST_MEAN);
        if (isfinite(inf) && inf > 0) {
            fputs(" (<span class=\"hr\">infeasible in ", f);
            percent(f, inf, 0);
            fputs(" of replications</span>)", f);
        }
        fputs(".</li>\n", f);
    }
    fputs("</ul>\n<p class=\"meta\">Brackets: 95&nbsp;% confidence interval "
          "of the mean paired difference.</p>\n</section>\n", f);
}

/* ---- comparison and operator tables ---- */

static void comparison_row(FILE *f, const out_ctx *c, int p, out_money u)
{
    const agg *a = c->a;
    int last = c->s->year_last - c->s->year_first;
    fputs("<tr>", f);
    policy_cell(f, c->s, p);
    fputs("<td>", f);
    money(f, agg_scalar(a, p, M_COST_TOTAL, ST_MEAN), u, false);
    interval(f, agg_scalar(a, p, M_COST_TOTAL, ST_P05),
             agg_scalar(a, p, M_COST_TOTAL, ST_P95), u, false);
    fputs("</td><td>", f);
    if (p > 0) {
        money(f, agg_scalar(a, p, M_COST_TOTAL, ST_D_MEAN), u, true);
        interval(f, agg_scalar(a, p, M_COST_TOTAL, ST_D_P05),
                 agg_scalar(a, p, M_COST_TOTAL, ST_D_P95), u, true);
    }
    fputs("</td><td>", f);
    num(f, agg_scalar(a, p, M_TARGET_YEAR, ST_MEAN), 1, false);
    fputs("</td><td>", f);
    if (p > 0) {
        num(f, agg_scalar(a, p, M_DELAY_MONTHS, ST_MEAN), 1, true);
        fputs(" <span class=\"iv\">[", f);
        num(f, agg_scalar(a, p, M_DELAY_MONTHS, ST_P05), 1, true);
        fputs(" &ndash; ", f);
        num(f, agg_scalar(a, p, M_DELAY_MONTHS, ST_P95), 1, true);
        fputs("]</span>", f);
    }
    fputs("</td><td>", f);
    percent(f, agg_yearly(a, p, MY_HRV_SHARE, last, ST_MEAN), 1);
    fputs("</td><td>", f);
    num(f, agg_yearly(a, p, MY_RISK, last, ST_MEAN), 3, false);
    fputs("</td><td>", f);
    percent(f, agg_scalar(a, p, M_INFEASIBLE, ST_MEAN), 1);
    if (c->s->auction.enabled) {
        fputs("</td><td>", f);
        money(f, agg_scalar(a, p, M_AUCTION_REVENUE, ST_MEAN), u, false);
        interval(f, agg_scalar(a, p, M_AUCTION_REVENUE, ST_P05),
                 agg_scalar(a, p, M_AUCTION_REVENUE, ST_P95), u, false);
    }
    fputs("</td></tr>\n", f);
}

static void comparison(FILE *f, const out_ctx *c, out_money u)
{
    const scn *s = c->s;
    fputs("<section id=\"comparison\">\n<h2>Comparison of policies</h2>\n", f);
    fprintf(f, "<table>\n<tr><th class=\"l\">Policy</th><th>NPV cost, %s %s"
               "<br><span class=\"iv\">mean [5th&ndash;95th pct]</span></th>"
               "<th>Difference from baseline, %s %s<br><span class=\"iv\">"
               "mean [5th&ndash;95th pct]</span></th><th>Year %.0f&nbsp;%% "
               "coverage reached<br><span class=\"iv\">mean</span></th>"
               "<th>Delay, months<br><span class=\"iv\">mean [5th&ndash;95th"
               " pct]</span></th><th>High-risk share of sites, %d</th>"
               "<th>Risk exposure, %d<br><span class=\"iv\">index 0&ndash;1"
               "</span></th><th>Infeasible replications</th>",
            u.word, s->currency, u.word, s->currency,
            100 * s->run.coverage_target, s->year_last, s->year_last);
    if (s->auction.enabled)
        fprintf(f, "<th>Auction revenue, %s %s<br><span class=\"iv\">mean "
                   "[5th&ndash;95th pct]</span></th>", u.word, s->currency);
    fputs("</tr>\n", f);
    for (int p = 0; p < s->npolicies; p++) comparison_row(f, c, p, u);
    fputs("</table>\n</section>\n", f);
}

/* A policy's effect on the operators' value against baseline, in four
 * parts (docs/model.md §5): means over replications where both have a
 * plan. */
static void effects(FILE *f, const out_ctx *c, out_money u)
{
    static const int m[] = {M_EFFECT_EXTRA_COST, M_EFFECT_MARGIN_LOST,
                            M_EFFECT_SPECTRUM_REVENUE, M_EFFECT_MITIGATION};
    const scn *s = c->s;
    if (s->npolicies < 2) return;
    fprintf(f, "<section id=\"effects\">\n<h2>Effect against baseline, in "
               "parts</h2>\n<p>Means in %s %s over the replications where "
               "the policy and baseline have a plan. The change in the "
               "operators' value is minus the sum of the parts; the change "
               "in spectrum revenue goes to the state.</p>\n<table>\n<tr>"
               "<th class=\"l\">Policy</th><th>Operators' value</th>"
               "<th>Extra cost</th><th>Margin lost to delay</th>"
               "<th>Spectrum revenue</th><th>Mitigation</th></tr>\n",
            u.word, s->currency);
    for (int p = 1; p < s->npolicies; p++) {
        fputs("<tr>", f);
        policy_cell(f, s, p);
        fputs("<td>", f);
        money(f, agg_scalar(c->a, p, M_OPERATOR_NPV, ST_D_MEAN), u, true);
        for (size_t k = 0; k < sizeof m / sizeof m[0]; k++) {
            fputs("</td><td>", f);
            bool none = m[k] == M_EFFECT_SPECTRUM_REVENUE && !s->auction.enabled;
            money(f, none ? 0.0 : agg_scalar(c->a, p, m[k], ST_MEAN), u, true);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n</section>\n", f);
}

static void operator_table(FILE *f, const out_ctx *c, int o, out_money u)
{
    static const int cols[] = {MO_CAPEX, MO_OPEX, MO_SWAP, MO_MITIGATION,
                               MO_TOTAL};
    const scn *s = c->s;
    fputs("<h3>", f);
    html_escape(f, s->operators[o].name);
    fprintf(f, "</h3>\n<table>\n<tr><th class=\"l\">Policy</th><th>Capex</th>"
               "<th>Opex</th><th>Swaps</th><th>Mitigation</th><th>Total</th>"
               "<th>Total vs baseline</th><th>Obligation shortfall</th>%s</tr>\n",
            s->auction.enabled ? "<th>Auction payment</th>" : "");
    for (int p = 0; p < s->npolicies; p++) {
        fputs("<tr>", f);
        policy_cell(f, s, p);
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            fputs("<td>", f);
            money(f, agg_operator(c->a, p, o, cols[k], ST_MEAN), u, false);
            fputs("</td>", f);
        }
        fputs("<td>", f);
        if (p > 0) money(f, agg_operator(c->a, p, o, MO_TOTAL, ST_D_MEAN), u, true);
        fputs("</td><td>", f);
        percent(f, agg_operator(c->a, p, o, MO_SHORTFALL, ST_MEAN), 1);
        if (s->auction.enabled) {
            fputs("</td><td>", f);
            money(f, agg_operator(c->a, p, o, MO_PAYMENT, ST_MEAN), u, false);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void operators(FILE *f, const out_ctx *c, out_money u)
{
    fprintf(f, "<section id=\"operators\">\n<h2>Operators</h2>\n<p>Mean NPV "
               "cost per operator in %s %s, by component.</p>\n", u.word,
            c->s->currency);
    for (int o = 0; o < c->s->noperators; o++) operator_table(f, c, o, u);
    fputs("</section>\n", f);
}

/* ---- figures ---- */

/* The file as a base64 data: URI into f; false when it cannot be read. */
static bool embed_svg(FILE *f, const char *path)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *in = fopen(path, "rb");
    if (in == NULL) return false;
    unsigned char buf[3 * 4096];
    size_t n;
    fputs("data:image/svg+xml;base64,", f);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        for (size_t i = 0; i < n; i += 3) {
            unsigned v = (unsigned)buf[i] << 16;
            if (i + 1 < n) v |= (unsigned)buf[i + 1] << 8;
            if (i + 2 < n) v |= buf[i + 2];
            fputc(b64[(v >> 18) & 63], f);
            fputc(b64[(v >> 12) & 63], f);
            fputc(i + 1 < n ? b64[(v >> 6) & 63] : '=', f);
            fputc(i + 2 < n ? b64[v & 63] : '=', f);
        }
    }
    bool ok = !ferror(in);
    fclose(in);
    return ok;
}

/* Figure fig as an <img> with its caption, under its title when
 * `titled`. */
static void figure_html(FILE *f, const report_ctx *r, const out_figure *fig,
                        bool titled)
{
    char path[4600];
    snprintf(path, sizeof path, "%s/%s.svg", r->figdir, fig->name);
    fprintf(f, "<figure id=\"fig-%s\">\n", fig->name);
    if (titled) fprintf(f, "<h3>%s</h3>\n", fig->title);
    fputs("<img src=\"", f);
    if (!embed_svg(f, path)) fputs("data:,", f);
    fprintf(f, "\" alt=\"%s\">\n<figcaption>%s Data: <code>figures/%s.csv"
               "</code>, script: <code>figures/%s.gp</code>.</figcaption>\n"
               "</figure>\n",
            fig->title, fig->caption, fig->name, fig->name);
}

static void figures(FILE *f, const report_ctx *r)
{
    fputs("<section id=\"figures\">\n<h2>Figures</h2>\n", f);
    if (r->render->missing)
        fputs("<p class=\"note\">gnuplot was not installed when this report "
              "was written: the figures' data and gnuplot scripts are in "
              "<code>figures/</code>; run <code>gnuplot NAME.gp</code> there "
              "to draw them.</p>\n", f);
    for (int i = 0; i < out_nfigures && !r->render->missing; i++)
        figure_html(f, r, &out_figures[i], true);
    fputs("</section>\n", f);
}

/* ---- is it worth it? (docs/model.md §8) ---- */

/* One sentence per policy a minister can read, the table of the money
 * balance, and the figure. */
static void worth_sentences(FILE *f, const out_ctx *c, out_money u)
{
    const scn *s = c->s;
    fputs("<ul class=\"findings\">\n", f);
    for (int p = 1; p < s->npolicies; p++) {
        char be[96];
        double prob = out_risk_break_even(c->a, p);
        out_risk_one_in(be, sizeof be, prob);
        fputs("<li><b>", f);
        html_escape(f, s->policies[p].name);
        fputs("</b> ", f);
        if (!isfinite(prob))
            fputs("does not lower the risk of a hostile incident, so it "
                  "cannot pay for itself through it", f);
        else if (prob <= 0)
            fputs("pays for itself on average whatever the probability of "
                  "a hostile incident", f);
        else if (prob < 0.5)
            fprintf(f, "pays for itself if a hostile incident with the "
                       "assumed impact is more likely than %s", be);
        else
            fprintf(f, "pays for itself only if hostile incidents with the "
                       "assumed impact came more often than %s", be);
        double imp = agg_scalar(c->a, p, M_BREAK_EVEN_IMPACT, ST_P50);
        if (isfinite(prob) && isfinite(imp) && imp > 0) {
            out_money ui = out_money_for(imp);
            fputs(", or, at the assumed probability, if one costs more "
                  "than ", f);
            money(f, imp, ui, false);
            fprintf(f, " %s %s (median)", ui.abbrev, s->currency);
        }
        fputs(". At the assumed probability its mean net benefit is ", f);
        money(f, agg_scalar(c->a, p, M_NET_BENEFIT, ST_MEAN), u, true);
        fprintf(f, " %s %s, positive in ", u.abbrev, s->currency);
        percent(f, agg_scalar(c->a, p, M_NET_POSITIVE, ST_MEAN), 0);
        fputs(" of replications.</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static void worth_table(FILE *f, const out_ctx *c, out_money u)
{
    static const int cols[] = {M_INCIDENT_LOSS, M_SECURITY_LOSS,
                               M_AVOIDED_LOSS, M_NB_EXTRA_COST,
                               M_NB_MARGIN_LOST, M_NB_REVENUE_LOST,
                               M_NET_BENEFIT};
    const scn *s = c->s;
    fprintf(f, "<table>\n<tr><th class=\"l\">Policy</th><th>Incident loss"
               "</th><th>of which security loss</th><th>Avoided loss</th>"
               "<th>Extra cost</th><th>Margin lost</th><th>Revenue lost</th>"
               "<th>Net benefit [90%%]</th><th>Break-even probability</th>"
               "</tr>\n");
    for (int p = 0; p < s->npolicies; p++) {
        fputs("<tr>", f);
        policy_cell(f, s, p);
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            fputs("<td>", f);
            money(f, agg_scalar(c->a, p, cols[k], ST_MEAN), u, k >= 2);
            if (cols[k] == M_NET_BENEFIT)
                interval(f, agg_scalar(c->a, p, M_NET_BENEFIT, ST_P05),
                         agg_scalar(c->a, p, M_NET_BENEFIT, ST_P95), u, true);
            fputs("</td>", f);
        }
        fputs("<td>", f);
        if (p > 0) {
            char be[96];
            out_risk_one_in(be, sizeof be, out_risk_break_even(c->a, p));
            html_escape(f, be);
        } else {
            fputs("&ndash;", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void worth(FILE *f, const report_ctx *r)
{
    const out_ctx *c = &r->c;
    const scn *s = c->s;
    if (!s->risk.enabled) return;
    out_money u =
        out_money_for(agg_scalar(c->a, 0, M_INCIDENT_LOSS, ST_MEAN));
    fprintf(f, "<section id=\"worth\">\n<h2>Is it worth it?</h2>\n<p>What "
               "each policy buys: the expected loss from incidents it avoids "
               "(hostile incidents and vendor-wide failures, priced at the "
               "outage cost per user and day), against what it costs "
               "(the operators' extra cost and the state's subsidies, the "
               "margin lost to a slower rollout, the auction revenue lost). "
               "NPV %d&ndash;%d in %s %s, means over replications, paired "
               "with baseline. The break-even probability is the annual "
               "probability of a hostile incident (at full exposure) at "
               "which the mean net benefit is zero, every other input at "
               "its draws; it is the rate for a network wholly from vendors "
               "of risk score 1, and a network half as exposed meets "
               "incidents half as often.</p>\n", s->year_first, s->year_last, u.word,
            s->currency);
    worth_sentences(f, c, u);
    worth_table(f, c, u);
    if (!r->render->missing) figure_html(f, r, &out_risk_figure, false);
    fputs("</section>\n", f);
}

/* ---- how to read, caveats ---- */

static void reading(FILE *f, const out_ctx *c)
{
    fprintf(f,
            "<section id=\"reading\">\n<h2>How to read this</h2>\n<ul>\n"
            "<li>Every number comes from %ld <b>replications</b>: each draws "
            "every uncertain input (costs, budgets, the discount rate...) "
            "once and plans every operator's rollout under every policy with "
            "an optimiser. A replication is one plausible world.</li>\n"
            "<li><b>Cost</b> is the net present value of the operators' "
            "capex, opex, forced swaps of installed equipment and mitigation, "
            "discounted to %d. It is what the policy costs the industry, not "
            "the state's budget.</li>\n"
            "<li><b>Differences from baseline are paired</b>: a policy and "
            "doing nothing are compared in the same replication, with the "
            "same draws. That is why a difference can be precise even when "
            "each level is uncertain; read the differences, not the gap "
            "between two levels.</li>\n"
            "<li><b>[a &ndash; b]</b> after a mean is the range from the 5th "
            "to the 95th percentile over replications: 90&nbsp;%% of the "
            "plausible worlds fall in it. The 95&nbsp;%% <b>confidence "
            "interval</b> in the findings and the difference figure says how "
            "precisely the mean itself is known.</li>\n"
            "<li><b>Delay</b> is how much later the policy reaches %.0f&nbsp;%% "
            "population coverage than baseline in the same replication, in "
            "months. A stricter policy can cost less when it makes operators "
            "build less: read cost and coverage together.</li>\n"
            "<li><b>Risk exposure</b> is a stylised index: vendors' risk "
            "scores, reduced by mitigation, weighted by their share of the "
            "access network and of the cores.</li>\n%s</ul>\n</section>\n",
            agg_count(c->a), c->s->year_first, 100 * c->s->run.coverage_target,
            c->s->risk.enabled
                ? "<li><b>Net benefit</b> (\"Is it worth it?\") is the "
                  "incident loss a policy avoids minus what it costs, "
                  "paired with baseline; its expected value is a straight "
                  "line in the hostile-incident probability, which is why "
                  "a break-even probability can be read off it. Expected "
                  "losses price the mean, not the rare national "
                  "catastrophe.</li>\n"
                : "");
}

static void caveat_policy(FILE *f, const out_ctx *c, int p, int *n)
{
    long rep, bad = agg_problems(c->a, p);
    double lim = agg_scalar(c->a, p, M_SOLVER_LIMIT, ST_MEAN);
    if (bad > 0) {
        const char *diag = agg_first_diagnosis(c->a, p, &rep);
        fputs("<li>Policy <b>", f);
        html_escape(f, c->s->policies[p].name);
        fprintf(f, "</b> has no feasible plan (or the solver failed) in %ld "
                   "of %ld replications; these are left out of its other "
                   "statistics. First in replication %ld: <code>",
                bad, agg_count(c->a), rep);
        html_escape(f, diag);
        fputs("</code></li>\n", f);
        (*n)++;
    }
    if (isfinite(lim) && lim > 0) {
        fputs("<li>Policy <b>", f);
        html_escape(f, c->s->policies[p].name);
        fputs("</b>: ", f);
        percent(f, lim, 1);
        fputs(" of programs stopped at the solver's node limit; the best plan "
              "found is used.</li>\n", f);
        (*n)++;
    }
}

static void caveats(FILE *f, const report_ctx *r)
{
    const out_ctx *c = &r->c;
    int n = 0;
    fputs("<section id=\"caveats\">\n<h2>Caveats</h2>\n<ul>\n", f);
    if (c->info->interrupted || c->info->replications_done <
                                    c->info->replications_requested) {
        fprintf(f, "<li class=\"hr\">Incomplete run: %ld of %ld replications "
                   "finished.</li>\n", c->info->replications_done,
                c->info->replications_requested);
        n++;
    }
    for (int p = 0; p < c->s->npolicies; p++) caveat_policy(f, c, p, &n);
    double reached = agg_scalar(c->a, 0, M_TARGET_REACHED, ST_MEAN);
    if (isfinite(reached) && reached < 1) {
        fputs("<li>Baseline reaches the coverage target in only ", f);
        percent(f, reached, 0);
        fputs(" of replications; delays count only replications where both "
              "the policy and baseline reach it.</li>\n", f);
        n++;
    }
    if (agg_count(c->a) < 30) {
        fprintf(f, "<li>Only %ld replications: percentiles and intervals are "
                   "rough.</li>\n", agg_count(c->a));
        n++;
    }
    if (r->render->failed > 0) {
        fprintf(f, "<li>%d figure(s) could not be drawn by gnuplot.</li>\n",
                r->render->failed);
        n++;
    }
    if (n == 0)
        fputs("<li>Every policy had a feasible, optimal plan in every "
              "replication.</li>\n", f);
    fputs("<li>Percentiles are streaming (P-square) estimates, exact below "
          "five replications; means and confidence intervals are exact.</li>\n"
          "<li>The model is stylised: see <code>docs/model.md</code> for every "
          "equation and the source of each default, and the assumptions "
          "below for this scenario's numbers.</li>\n</ul>\n</section>\n", f);
}

/* ---- assumptions ---- */

static void vendor_set(FILE *f, const scn *s, uint32_t mask)
{
    bool hr = mask == scn_high_risk_mask(s);
    if (hr) fputs("high-risk vendors (", f);
    bool first = true;
    for (int v = 0; v < s->nvendors; v++) {
        if (!(mask >> v & 1u)) continue;
        fputs(first ? "" : ", ", f);
        html_escape(f, s->vendors[v].name);
        first = false;
    }
    if (hr) fputc(')', f);
}

static void scope_text(FILE *f, const scn *s, scn_scope sc)
{
    static const char *const words[SCOPE_COUNT] = {
        "the access network", "the core network",
        "the access network and the core", "the access network in sensitive "
                                           "regions",
        "network management"};
    fputs(words[sc], f);
    if (sc != SCOPE_SENSITIVE) return;
    fputs(" (", f);
    bool first = true;
    for (int r = 0; r < s->nregions; r++) {
        if (!s->regions[r].sensitive) continue;
        fputs(first ? "" : ", ", f);
        html_escape(f, s->regions[r].name);
        first = false;
    }
    fputs(first ? "none)" : ")", f);
}

/* Changes to the auction rules and licence terms; only those set. */
/* A toolbox measure: its costs and effects, the ones given. */
static void measure_text(FILE *f, const scn *s, const scn_instrument *in)
{
    static const struct {
        size_t off;
        const char *words;
        bool share;
    } parts[] = {
        {offsetof(scn_instrument, cost_site_year_eur), "per site and year",
         false},
        {offsetof(scn_instrument, cost_fixed_year_eur), "a year nationally",
         false},
        {offsetof(scn_instrument, cost_operator_year_eur),
         "per operator and year", false},
        {offsetof(scn_instrument, cost_once_eur), "once nationally", false},
        {offsetof(scn_instrument, cost_operator_once_eur),
         "once per operator", false},
        {offsetof(scn_instrument, hostile_probability_reduction),
         "off the hostile-incident probability", true},
        {offsetof(scn_instrument, hostile_impact_reduction),
         "off the hostile-incident impact", true},
        {offsetof(scn_instrument, failure_probability_reduction),
         "off the vendor-failure probability", true},
        {offsetof(scn_instrument, failure_impact_reduction),
         "off the vendor-failure impact", true},
    };
    fprintf(f, "<b>Toolbox measure %s</b> on ",
            scn_measure_ids[in->measure_id]);
    vendor_set(f, s, in->vendors);
    const char *sep = ": ";
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        scn_num n = *(const scn_num *)((const char *)in + parts[i].off);
        if (n.param < 0 && n.value == 0) continue;
        fputs(sep, f);
        if (parts[i].share) {
            share_text(f, s, n);
        } else {
            num_text(f, s, n);
            fprintf(f, " %s", s->currency);
        }
        fprintf(f, " %s", parts[i].words);
        sep = ", ";
    }
    fprintf(f, ", from %d", in->from_year);
}

static void auction_text(FILE *f, const scn *s, const scn_instrument *in)
{
    fputs("<b>Auction rules</b>:", f);
    if (in->reserve_factor.param >= 0 || in->reserve_factor.value != 1) {
        fputs(" reserve prices &times; ", f);
        num_text(f, s, in->reserve_factor);
        fputc(';', f);
    }
    for (int b = 0; b < s->nbands; b++) {
        if (in->cap_band[b] >= 0) {
            fprintf(f, " at most %d lots of ", in->cap_band[b]);
            html_escape(f, s->bands[b].name);
            fputs(" per bidder;", f);
        }
        if (in->setaside[b] > 0) {
            fprintf(f, " %d lots of ", in->setaside[b]);
            html_escape(f, s->bands[b].name);
            fputs(" set aside for new entrants;", f);
        }
    }
    if (in->cap_total >= 0)
        fprintf(f, " at most %d lots per bidder in all;", in->cap_total);
    if (in->spectrum_cap_mhz >= 0)
        fprintf(f, " every operator may hold at most %g MHz after the "
                   "auction;", in->spectrum_cap_mhz);
    if (in->obligation_year > 0) {
        fputs(" licence obligation of ", f);
        percent(f, in->obligation_share, 0);
        fprintf(f, " coverage by %d for every operator;", in->obligation_year);
    }
}

static void instrument_text(FILE *f, const scn *s, const scn_instrument *in)
{
    switch (in->kind) {
    case INSTR_EXCLUDE:
        fputs("<b>Exclusion</b> of ", f);
        vendor_set(f, s, in->vendors);
        fputs(" from ", f);
        scope_text(f, s, in->scope);
        if (in->scope == SCOPE_MANAGEMENT)
            fprintf(f, ": its radios may stay, managed through another "
                       "vendor's system by the end of %d", in->removal_year);
        else
            fprintf(f, ": no new equipment from %d", in->from_year);
        if (in->scope != SCOPE_MANAGEMENT && in->removal_year > 0)
            fprintf(f, "; installed equipment removed by the end of %d",
                    in->removal_year);
        if (in->scope != SCOPE_MANAGEMENT && in->removal_year > 0)
            fputs(in->deadline_hard ? " (a hard deadline)"
                  : in->late_penalty_eur_site_year.param < 0 &&
                          in->late_penalty_eur_site_year.value == 0
                      ? " (equipment kept late is reported, not fined)"
                      : " (equipment kept late is fined)", f);
        if (in->bar_bidding) fputs("; barred from the auction", f);
        break;
    case INSTR_CAP:
        fputs("<b>Cap</b>: ", f);
        vendor_set(f, s, in->vendors);
        fputs(" at most ", f);
        share_text(f, s, in->share_max);
        fprintf(f, " of %s sites in ",
                in->level == CAP_NATIONAL ? "the nation's" : "each operator's");
        scope_text(f, s, in->scope);
        fprintf(f, ", from %d", in->from_year);
        break;
    case INSTR_DIVERSITY:
        fprintf(f, "<b>Diversity</b>: at least %d RAN vendor%s per operator "
                   "(a vendor counts from ", in->vendors_min,
                in->vendors_min == 1 ? "" : "s");
        percent(f, in->vendor_share_min, 0);
        fputs(" of its sites), no vendor above ", f);
        share_text(f, s, in->vendor_share_max);
        fputs(", in ", f);
        scope_text(f, s, in->scope);
        fprintf(f, ", from %d", in->from_year);
        break;
    case INSTR_AUCTION:
        auction_text(f, s, in);
        break;
    case INSTR_SUBSIDY:
        fputs("<b>Subsidy</b>: the state reimburses ", f);
        share_text(f, s, in->subsidy_share);
        fputs(" of the cost of swapping ", f);
        vendor_set(f, s, in->vendors);
        fprintf(f, " equipment, from %d", in->from_year);
        if (in->fund_eur_year > 0) {
            fputs("; at most ", f);
            amount(f, in->fund_eur_year);
            fprintf(f, " %s a year", s->currency);
        }
        if (in->fund_eur_total > 0) {
            fputs("; at most ", f);
            amount(f, in->fund_eur_total);
            fprintf(f, " %s in all", s->currency);
        }
        break;
    case INSTR_MEASURE:
        measure_text(f, s, in);
        break;
    default:
        fputs("<b>Mitigation</b> of ", f);
        vendor_set(f, s, in->vendors);
        fputs(": ", f);
        num_text(f, s, in->cost_site_year_eur);
        fprintf(f, " %s per site and year, plus ", s->currency);
        num_text(f, s, in->cost_fixed_year_eur);
        fprintf(f, " %s a year nationally; risk score reduced by ", s->currency);
        share_text(f, s, in->risk_reduction);
        fprintf(f, ", from %d", in->from_year);
    }
}

static void policies_text(FILE *f, const scn *s)
{
    fputs("<h3>Policies</h3>\n<table>\n<tr><th class=\"l\">Policy</th>"
          "<th class=\"l\">Description</th><th class=\"l\">Instruments</th>"
          "</tr>\n", f);
    for (int p = 0; p < s->npolicies; p++) {
        const scn_policy *pol = &s->policies[p];
        fputs("<tr>", f);
        policy_cell(f, s, p);
        fputs("<td class=\"l\">", f);
        html_escape(f, pol->description);
        fputs("</td><td class=\"l\">", f);
        if (pol->ninstruments == 0) fputs("none (the reference)", f);
        for (int i = 0; i < pol->ninstruments; i++) {
            fputs(i ? "<br>" : "", f);
            instrument_text(f, s, &pol->instruments[i]);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* The label of schema field `key` of table t, then its unit when it has
 * one, money in the scenario's currency: "Area, km²", "Core, EUR". */
static void field_label(FILE *f, const scn *s, const scn_table *t,
                        const char *key)
{
    const scn_field *x = scn_schema_find(t, key);
    SPECSIM_ASSERT(x != NULL && x->label != NULL);
    html_escape(f, x->label);
    if (x->unit == NULL || x->unit[0] == '\0') return;
    fputs(", ", f);
    const char *eur = strstr(x->unit, "EUR");
    if (eur == NULL) {
        html_escape(f, x->unit);
        return;
    }
    fprintf(f, "%.*s", (int)(eur - x->unit), x->unit);
    html_escape(f, s->currency);
    html_escape(f, eur + 3);
}

/* Header cells of the fields `keys` of table t. */
static void field_headers(FILE *f, const scn *s, const scn_table *t,
                          const char *const *keys, int n)
{
    for (int i = 0; i < n; i++) {
        fputs("<th>", f);
        field_label(f, s, t, keys[i]);
        fputs("</th>", f);
    }
}

static void general_text(FILE *f, const scn *s)
{
    static const char *const keys[] = {
        "margin_eur_user_year", "site_opex_eur_year", "swap_eur_site",
        "obligation_penalty_eur_pop"};
    fprintf(f, "<h3>General</h3>\n<table>\n<tr><td class=\"l\">Horizon</td>"
               "<td class=\"l\">%d&ndash;%d</td></tr>\n<tr><td class=\"l\">"
               "Currency</td><td class=\"l\">%s</td></tr>\n<tr><td class=\"l\">"
               "Discount rate</td><td class=\"l\">", s->year_first,
            s->year_last, s->currency);
    share_text(f, s, s->discount_rate);
    fprintf(f, "</td></tr>\n<tr><td class=\"l\">Coverage target</td>"
               "<td class=\"l\">%.0f&nbsp;%% of the population</td></tr>\n",
            100 * s->run.coverage_target);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const scn_field *x = scn_schema_find(&scn_schema_market, keys[i]);
        fputs("<tr><td class=\"l\">", f);
        field_label(f, s, &scn_schema_market, keys[i]);
        fputs("</td><td class=\"l\">", f);
        num_text(f, s, *(const scn_num *)((const char *)&s->market +
                                          x->offset));
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void regions_text(FILE *f, const scn *s)
{
    static const char *const keys[] = {"population", "area_km2",
                                       "demand_mbps", "demand_growth"};
    fputs("<h3>Regions</h3>\n<table>\n<tr><th class=\"l\">Region</th>"
          "<th class=\"l\">Type</th>", f);
    field_headers(f, s, &scn_schema_region, keys, 4);
    fputs("</tr>\n", f);
    for (int r = 0; r < s->nregions; r++) {
        const scn_region *g = &s->regions[r];
        fputs("<tr><td class=\"l\">", f);
        html_escape(f, g->name);
        fprintf(f, "</td><td class=\"l\">%s%s</td><td>",
                scn_geotype_name(g->geotype), g->sensitive ? ", sensitive" : "");
        num_text(f, s, g->population);
        fputs("</td><td>", f);
        num_text(f, s, g->area_km2);
        fputs("</td><td>", f);
        num_text(f, s, g->demand_mbps);
        fputs("</td><td>", f);
        share_text(f, s, g->demand_growth);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void vendors_text(FILE *f, const scn *s)
{
    static const char *const keys[] = {
        "risk_score", "ran_new_eur", "ran_upgrade_eur", "core_eur",
        "capacity_sites_year", "available_year"};
    fputs("<h3>Vendors</h3>\n<table>\n<tr><th class=\"l\">Vendor</th>"
          "<th class=\"l\">High-risk</th>", f);
    field_headers(f, s, &scn_schema_vendor, keys, 6);
    fputs("</tr>\n", f);
    for (int v = 0; v < s->nvendors; v++) {
        const scn_vendor *d = &s->vendors[v];
        fputs("<tr><td class=\"l\">", f);
        html_escape(f, d->name);
        fprintf(f, "</td><td class=\"l\">%s</td><td>",
                d->high_risk ? "<span class=\"hr\">yes</span>" : "no");
        num_text(f, s, d->risk_score);
        fputs("</td><td>", f);
        num_text(f, s, d->ran_new_eur);
        fputs("</td><td>", f);
        num_text(f, s, d->ran_upgrade_eur);
        fputs("</td><td>", f);
        num_text(f, s, d->core_eur);
        fputs("</td><td>", f);
        num_text(f, s, d->capacity_sites_year);
        fprintf(f, "</td><td>%d</td></tr>\n", d->available_year);
    }
    fputs("</table>\n", f);
}

/* High-risk share of operator o's installed sites, at the means of drawn
 * site counts and shares (a `rest` share completed from the others'). */
static double installed_hrv(const scn *s, int o, double *sites)
{
    const scn_operator *op = &s->operators[o];
    double hr = 0;
    *sites = 0;
    for (int r = 0; r < s->nregions; r++) {
        *sites += op->sites[r].value;
        for (int v = 0; v < s->nvendors; v++)
            if (s->vendors[v].high_risk)
                hr += op->sites[r].value *
                      scn_installed_share(s, o, r, v, NULL);
    }
    return *sites > 0 ? hr / *sites : NAN;
}

static void operators_text(FILE *f, const scn *s)
{
    static const char *const sub[] = {"subscriber_share"};
    static const char *const capex[] = {"capex_budget_eur_year"};
    fputs("<h3>Operators</h3>\n<table>\n<tr><th class=\"l\">Operator</th>",
          f);
    field_headers(f, s, &scn_schema_operator, sub, 1);
    fputs("<th>Existing sites</th><th>High-risk share of installed sites"
          "</th><th class=\"l\">Core vendor</th>", f);
    field_headers(f, s, &scn_schema_operator, capex, 1);
    fputs("<th class=\"l\">Coverage obligation</th></tr>\n", f);
    for (int o = 0; o < s->noperators; o++) {
        const scn_operator *op = &s->operators[o];
        double sites;
        double hr = installed_hrv(s, o, &sites);
        fputs("<tr><td class=\"l\">", f);
        html_escape(f, op->name);
        fputs("</td><td>", f);
        share_text(f, s, op->subscriber_share);
        fputs("</td><td>", f);
        amount(f, round(sites));
        fputs("</td><td>", f);
        percent(f, hr, 0);
        fputs("</td><td class=\"l\">", f);
        if (op->core_vendor >= 0) {
            html_escape(f, s->vendors[op->core_vendor].name);
            if (s->vendors[op->core_vendor].high_risk)
                fputs(" <span class=\"hr\">(high-risk)</span>", f);
        }
        fputs("</td><td>", f);
        num_text(f, s, op->capex_budget_eur_year);
        fputs("</td><td class=\"l\">", f);
        if (op->obligation_year > 0) {
            percent(f, op->obligation_share, 0);
            fprintf(f, " by %d", op->obligation_year);
        } else {
            fputs("none", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void inputs_text(FILE *f, const scn *s)
{
    fprintf(f, "<h3>Uncertain inputs</h3>\n<p>%d input%s drawn in every "
               "replication%s.</p>\n", s->nparams, s->nparams == 1 ? "" : "s",
            s->ncorrelations ? ", some correlated (Gaussian copula)" : "");
    if (s->nparams == 0) return;
    fputs("<table>\n<tr><th class=\"l\">Input</th><th class=\"l\">"
          "Distribution</th><th>5th pct</th><th>Mean</th><th>95th pct</th>"
          "</tr>\n", f);
    for (int i = 0; i < s->nparams; i++) {
        const dist_spec *d = &s->params[i].dist;
        fputs("<tr><td class=\"l\"><code>", f);
        html_escape(f, s->params[i].path);
        fputs("</code></td><td class=\"l\">", f);
        dist_text(f, d);
        fputs("</td><td>", f);
        amount(f, dist_quantile(d, 0.05));
        fputs("</td><td>", f);
        amount(f, dist_mean(d));
        fputs("</td><td>", f);
        amount(f, dist_quantile(d, 0.95));
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

/* The risk section: each input, failure rates by vendor. */
static void risk_text(FILE *f, const scn *s)
{
    if (!s->risk.enabled) return;
    fputs("<h3>Security risk</h3>\n<table>\n", f);
    for (int i = 0; i < scn_schema_risk.nfields; i++) {
        const scn_field *x = &scn_schema_risk.fields[i];
        const scn_num *n = (const scn_num *)((const char *)&s->risk +
                                             x->offset);
        int count = x->type == SCN_T_BY_VENDOR ? s->nvendors : 1;
        for (int v = 0; v < count; v++) {
            fputs("<tr><td class=\"l\"><code>", f);
            html_escape(f, x->key);
            if (x->type == SCN_T_BY_VENDOR) {
                fputc('.', f);
                html_escape(f, s->vendors[v].name);
            }
            fputs("</code></td><td class=\"l\">", f);
            num_text(f, s, n[v]);
            fputs("</td></tr>\n", f);
        }
    }
    fputs("</table>\n", f);
}

static void assumptions(FILE *f, const scn *s)
{
    fputs("<section id=\"assumptions\">\n<h2>What was assumed</h2>\n<p>The "
          "scenario's key numbers. Where an input is uncertain the table shows "
          "its mean and its distribution.</p>\n", f);
    general_text(f, s);
    policies_text(f, s);
    regions_text(f, s);
    vendors_text(f, s);
    operators_text(f, s);
    risk_text(f, s);
    inputs_text(f, s);
    fputs("</section>\n", f);
}

/* ---- manifest ---- */

static void manifest_row(FILE *f, const char *key, const char *value)
{
    fprintf(f, "<tr><td class=\"l\">%s</td><td class=\"l\"><code>", key);
    html_escape(f, value);
    fputs("</code></td></tr>\n", f);
}

static void manifest(FILE *f, const out_ctx *c)
{
    const char *sha = c->info->scenario_sha256 ? c->info->scenario_sha256
                                               : "unavailable";
    char buf[64];
    fputs("<section id=\"manifest\">\n<h2>Reproduce</h2>\n<p>These results "
          "are a function of the scenario file, the seed and the program "
          "version only (not of the number of threads). "
          "<code>manifest.json</code> next to this file also records the "
          "command line, threads and timing.</p>\n<table>\n", f);
    manifest_row(f, "program", "specsim " SPECSIM_VERSION);
    manifest_row(f, "commit", SPECSIM_COMMIT);
    manifest_row(f, "scenario", c->s->file);
    manifest_row(f, "scenario SHA-256", sha);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)c->info->seed);
    manifest_row(f, "seed", buf);
    snprintf(buf, sizeof buf, "%ld of %ld%s", c->info->replications_done,
             c->info->replications_requested,
             c->info->interrupted ? " (interrupted)" : "");
    manifest_row(f, "replications", buf);
    snprintf(buf, sizeof buf, "GLPK %s, GSL %s, libyaml %s, Jansson %s, "
             "Nettle %d.%d", deploy_glpk_version(), gsl_version,
             yaml_get_version_string(), JANSSON_VERSION,
             nettle_version_major(), nettle_version_minor());
    manifest_row(f, "libraries", buf);
    fputs("</table>\n</section>\n", f);
}

/* ---- the page ---- */

static err_code report_html(FILE *f, const out_ctx *c, err_t *e)
{
    (void)e;
    const report_ctx *r = (const report_ctx *)c; /* c is &r->c */
    out_money u = out_money_for(agg_scalar(c->a, 0, M_COST_TOTAL, ST_MEAN));
    head(f, c);
    header(f, r);
    findings(f, c, u);
    comparison(f, c, u);
    worth(f, r);
    effects(f, c, u);
    figures(f, r);
    operators(f, c, u);
    reading(f, c);
    assumptions(f, c->s);
    caveats(f, r);
    manifest(f, c);
    fprintf(f, "<footer class=\"meta\"><p>Written by specsim %s.</p></footer>\n"
               "<script>%s</script>\n</body>\n</html>\n",
            SPECSIM_VERSION, script);
    return ERR_OK;
}

err_code out_report_write(const char *dir, const out_ctx *c,
                          const out_render *render, err_t *e)
{
    char figdir[4400];
    if (snprintf(figdir, sizeof figdir, "%s/figures", dir) >= (int)sizeof figdir)
        return err_set(e, ERR_IO, "%s: output path too long", dir);
    report_ctx r = {*c, figdir, render};
    return out_write_atomic(dir, "report.html", report_html, &r.c, e);
}

err_code out_reports_write(const char *dir, const out_ctx *c, err_t *e)
{
    out_render render;
    /* With a risk section, the figure "worth" after the others, in one
     * batch (one message if gnuplot is missing). */
    out_figure *figs = malloc(((size_t)out_nfigures + 1) * sizeof *figs);
    if (figs == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    int n = 0;
    for (; n < out_nfigures; n++) figs[n] = out_figures[n];
    if (c->s->risk.enabled) figs[n++] = out_risk_figure;
    err_code rc = out_figures_batch(dir, figs, n, c, &render, e);
    free(figs);
    if (rc == ERR_OK) rc = out_report_write(dir, c, &render, e);
    return rc;
}
