/* out_report.h — what a person reads: the comparison in three formats,
 * figures, the HTML report, and the outputs of sweeps and tornado charts.
 *
 * DESIGN — a figure is an `out_figure`: a name and two writers, one for its
 * tidy data file (CSV) and one for its gnuplot script, in one table like
 * out_writers. out_figures_write() writes both files of every figure
 * atomically into DIR/figures, then runs `gnuplot NAME.gp` for each, which
 * renders NAME.svg and NAME.png (also through temporary names). gnuplot is
 * an external program: when it is missing the data and scripts stay, one
 * line on stderr says so, and the run still succeeds. Figures and the
 * report need the output directory (they are several files, and the report
 * embeds the rendered SVGs), which an out_writer does not see; that is why
 * they are written by out_reports_write() after out_write_all().
 *
 * Money is shown in millions or billions of the scenario's currency,
 * chosen from the magnitude (out_money_for). Every figure and the HTML use
 * one palette indexed by the policy's position (out_policy_colour), so a
 * policy has the same colour everywhere. Data files and scripts depend only
 * on the aggregated results, never on timing or threads.
 */
#ifndef SPECSIM_OUT_REPORT_H
#define SPECSIM_OUT_REPORT_H

#include "out.h"
#include "sweep.h"

/* ---- shared presentation ---- */

/* "#RRGGBB" of policy p (cycles after the palette's 16 colours). */
const char *out_policy_colour(int p);

/* A money unit: divide by scale, print with `decimals` decimals. */
typedef struct {
    double scale;          /* 1e6 or 1e9 */
    const char *word;      /* "million" or "billion" */
    const char *abbrev;    /* "M" or "bn" */
    int decimals;          /* for about three significant digits */
} out_money;

/* The unit for amounts of this magnitude (absolute value; NaN -> million). */
out_money out_money_for(double magnitude);

/* ---- the comparison printed at the end of a run ---- */

typedef enum { OUT_FMT_TABLE = 0, OUT_FMT_CSV, OUT_FMT_JSON } out_format;

/* Parse "table", "csv" or "json"; false when unknown. */
bool out_format_parse(const char *name, out_format *out);

/* The comparison as CSV (one row per policy, raw units) or JSON. */
err_code out_table_csv(FILE *f, const out_ctx *c, err_t *e);
err_code out_table_json(FILE *f, const out_ctx *c, err_t *e);

/* The notes that follow the table (infeasible policies, solver limits,
 * coverage target not reached); nothing when there is nothing to say. */
void out_table_notes(FILE *f, const out_ctx *c);

/* ---- figures ---- */

typedef struct {
    const char *name;      /* file stem inside DIR/figures */
    const char *title;     /* heading in the report */
    const char *caption;   /* what is drawn and how to read it */
    err_code (*data)(FILE *f, const out_ctx *c, err_t *e);
    err_code (*script)(FILE *f, const out_ctx *c, err_t *e);
} out_figure;

/* The figures of a run, in report order. */
extern const out_figure out_figures[];
extern const int out_nfigures;

/* Rendering of a batch of figures by gnuplot. */
typedef struct {
    int rendered;          /* figures with both SVG and PNG */
    int failed;            /* gnuplot ran but failed */
    bool missing;          /* gnuplot not found: nothing rendered */
} out_render;

/* Write figs[0..n-1] (data and script) into DIR/figures and render them.
 * Missing or failing gnuplot is reported on stderr (once) and in *r, never
 * an error; I/O errors writing data, scripts or pictures are. */
err_code out_figures_batch(const char *dir, const out_figure *figs, int n,
                           const out_ctx *c, out_render *r, err_t *e);

/* Render DIR/figures/NAME.gp into NAME.svg and NAME.png. Returns 0 when
 * rendered, 1 when gnuplot failed (its first message in `why`), 2 when
 * gnuplot is not installed, 3 when the pictures could not be written
 * whole (gnuplot exited 0 but left an empty or cut file, or a rename
 * failed: an I/O error, described in `why`). Nothing is renamed into
 * place unless both pictures are whole. */
int out_gnuplot_render(const char *figdir, const char *name, char *why,
                       size_t why_len);

/* Prologue of every figure script: comment, the `out` and `data`
 * variables, CSV settings, the row selectors pick(a, k) (column k of rows
 * whose first column is a) and, when pick2_col > 0, pick2(a, b, k) (also
 * column pick2_col is b), and the start of the loop over the SVG and PNG
 * terminals; out_gp_end closes it. */
void out_gp_begin(FILE *f, const char *name, int width, int height,
                  int pick2_col);
void out_gp_end(FILE *f);

/* s as a gnuplot string literal: quoted, with " and \ escaped. */
void out_gp_str(FILE *f, const char *s);

/* ---- the security risk in money (out_risk.c) ---- */

/* The "Is it worth it?" figure (scenarios with a risk section). */
extern const out_figure out_risk_figure;

/* Policy p's expected break-even hostile-incident probability: where the
 * mean net benefit over replications, mean(B) + mean(S) P, is zero; 0 when
 * the policy pays at any probability, NaN for baseline or when it does not
 * lower the hostile loss (mean slope <= 0). */
double out_risk_break_even(const agg *a, int p);

/* The mean net benefit of policy p at hostile probability `prob`. */
double out_risk_expected_net(const agg *a, int p, double prob);

/* A break-even probability in words: "1 in 240 a year" (below one half),
 * "1.32 a year" (an expected number of incidents), "at any probability",
 * "never (...)". */
void out_risk_one_in(char *buf, size_t len, double prob);

/* The printed table's block: loss, avoided loss, net benefit, share
 * positive and break-even by policy; nothing without a risk section. */
void out_risk_table(FILE *f, const out_ctx *c);

/* Figures of a run, then DIR/report.html. */
err_code out_reports_write(const char *dir, const out_ctx *c, err_t *e);

/* DIR/report.html alone (figures already rendered into DIR/figures). */
err_code out_report_write(const char *dir, const out_ctx *c,
                          const out_render *r, err_t *e);

/* ---- sensitivity: sweeps ---- */

/* DIR/sweep.csv, written as points finish (through a temporary file):
 * the swept values, then policy,metric,year,stat,value as summary.csv. */
typedef struct out_sweep_csv out_sweep_csv;
out_sweep_csv *out_sweep_csv_open(const char *dir, const scn *s, int nparams,
                                  const sweep_param *params, err_t *e);
err_code out_sweep_csv_add(out_sweep_csv *w, const double *values,
                           const agg *a, err_t *e);
err_code out_sweep_csv_commit(out_sweep_csv *w, err_t *e);
void out_sweep_csv_abort(out_sweep_csv *w);

/* The swept values x[0..np-1] as they lead the rows of sweep.csv and of
 * a sweep's replications.csv: each formatted and followed by a comma;
 * len at least OUT_REPS_LEAD_MAX. */
void out_sweep_lead(char *buf, size_t len, int np, const double *x);

/* DIR/replications.csv of a sweep (--per-rep), through a temporary file:
 * the swept values, then the columns of a run's replications.csv; the
 * rows of every replication of every point, in the order they are added
 * (commit or abort with out_reps_commit / out_reps_abort). */
out_reps *out_sweep_reps_open(const char *dir, const scn *s, int np,
                              const sweep_param *ps, err_t *e);
err_code out_sweep_reps_add(out_reps *w, int np, const double *x,
                            const rep_record *r, err_t *e);
/* Its size for `reps` replications at every point of the grid, estimated
 * as out_reps_bytes_estimate estimates a run's. */
uint64_t out_sweep_reps_bytes_estimate(const scn *s, long reps, int np,
                                       const sweep_param *ps);

/* Figures of each chosen metric against the first swept parameter (one
 * panel per combination of the others), and the manifest. */
err_code out_sweep_write(const char *dir, const scn *s, const sweep_result *w,
                         const out_run_info *info, err_t *e);

/* The sweep's chosen metrics as an aligned table (<= 100 columns). */
void out_sweep_table(FILE *f, const scn *s, const sweep_result *w);

/* ---- sensitivity: tornado ---- */

/* DIR/replications.csv of a tornado (--per-rep), as a sweep's but led by
 * input,input_value: the path of the input held (empty for the reference
 * run, every input drawn) and its value (NA for the reference run); run
 * k, value x as sweep_opts.on_rep hands them. */
out_reps *out_tornado_reps_open(const char *dir, const scn *s, err_t *e);
err_code out_tornado_reps_add(out_reps *w, const scn *s, long k, double x,
                              const rep_record *r, err_t *e);
/* Its size for `reps` replications of each of the 1 + 2 x s->nparams
 * runs, estimated as out_reps_bytes_estimate estimates a run's. */
uint64_t out_tornado_reps_bytes_estimate(const scn *s, long reps);

/* DIR/tornado.csv, the chart in DIR/figures and the manifest. */
err_code out_tornado_write(const char *dir, const scn *s,
                           const tornado_result *t, const out_run_info *info,
                           err_t *e);

/* The tornado as an aligned table (<= 100 columns). */
void out_tornado_table(FILE *f, const scn *s, const tornado_result *t);

#endif
