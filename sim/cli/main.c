/* main.c — the specsim command line.
 *
 *   specsim run FILE [-n REPS] [-j THREADS] [--seed S] [-o DIR] [--per-rep] [-q]
 *   specsim validate FILE...
 *   specsim lp FILE --policy NAME [--rep K] [--seed S] -o MODEL.lp [--mps MODEL.mps]
 *   specsim sweep FILE --param PATH=V1,V2,... [--param ...] [--metric NAME]...
 *   specsim tornado FILE --policy NAME --metric NAME
 *
 * Exit codes: 0 success, 1 runtime failure, 2 usage or scenario error.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "engine.h"
#include "out.h"
#include "out_report.h"
#include "scn.h"
#include "sweep.h"
#include "version.h"

static const char usage_text[] =
    "usage:\n"
    "  specsim run FILE [-n REPS] [-j THREADS] [--seed S] [-o DIR] [--per-rep] [-q]\n"
    "              [--format table|csv|json]\n"
    "  specsim validate FILE...\n"
    "  specsim lp FILE --policy NAME [--rep K] [--seed S] -o MODEL.lp [--mps MODEL.mps]\n"
    "  specsim sweep FILE --param PATH=V1,V2,... [--param ...] [--metric NAME]...\n"
    "              [-n REPS] [-j THREADS] [--seed S] [-o DIR] [-q]\n"
    "  specsim tornado FILE --policy NAME --metric NAME\n"
    "              [-n REPS] [-j THREADS] [--seed S] [-o DIR] [-q]\n"
    "  specsim --version | --help\n"
    "\n"
    "run       simulate every policy of the scenario; write DIR/summary.csv,\n"
    "          summary.json, manifest.json, figures/ and report.html (and\n"
    "          replications.csv with --per-rep) and print the comparison.\n"
    "          DIR defaults to results/NAME.\n"
    "  -n REPS     replications (default: the scenario's run.replications)\n"
    "  -j THREADS  worker threads (default: all cores); results do not depend on it\n"
    "  --seed S    random seed (default: the scenario's run.seed)\n"
    "  --per-rep   also write every replication's metrics\n"
    "  --format F  the comparison on stdout as table (default), csv or json\n"
    "  -q          quiet: no progress bar, no closing message on stderr\n"
    "validate  check scenario files without running them\n"
    "lp        write the rollout program of one replication and policy in CPLEX LP\n"
    "          (and free MPS) format, for inspection or another solver\n"
    "sweep     run the scenario at each value (or grid point) of the --param\n"
    "          fields, same seed and draws; write DIR/sweep.csv and figures of\n"
    "          each --metric (default cost_total_npv, delay_months) against the\n"
    "          first parameter. DIR defaults to results/NAME-sweep.\n"
    "tornado   hold each uncertain input at its 5th, then 95th percentile, the\n"
    "          others drawn; rank the inputs by the swing of the --metric of\n"
    "          --policy (paired difference from baseline); write DIR/tornado.csv\n"
    "          and the chart. DIR defaults to results/NAME-tornado.\n"
    "\nexit codes: 0 success, 1 runtime failure, 2 usage or scenario error\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "specsim: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage_text);
    return 2;
}

static bool parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = v;
    return true;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    if (s[0] == '-') return false;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end) return false;
    *out = v;
    return true;
}

typedef struct {
    const char *file, *dir, *policy, *lp, *mps;
    long reps, threads, rep;
    uint64_t seed;
    bool have_seed, per_rep, quiet, have_format;
    out_format format;
    int nparams, nmetrics;
    const char *params[SWEEP_PARAMS_MAX + 1];
    const char *metrics[SWEEP_METRICS_MAX + 1];
} cli;

/* Parse options after the command; returns 0 or an exit code. */
static int parse_opts(int argc, char **argv, cli *c)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = !strcmp(a, "-n") || !strcmp(a, "-j") || !strcmp(a, "--seed") ||
                     !strcmp(a, "-o") || !strcmp(a, "--policy") ||
                     !strcmp(a, "--rep") || !strcmp(a, "--mps") ||
                     !strcmp(a, "--format") || !strcmp(a, "--param") ||
                     !strcmp(a, "--metric");
        if (takes && v == NULL) return usage_error("option %s needs a value", a);
        if (!strcmp(a, "-n")) {
            if (!parse_long(v, 1, SPECSIM_REPS_MAX, &c->reps))
                return usage_error("-n %s: expected a whole number of replications >= 1", v);
        } else if (!strcmp(a, "-j")) {
            if (!parse_long(v, 1, SPECSIM_THREADS_MAX, &c->threads))
                return usage_error("-j %s: expected a thread count from 1 to 256", v);
        } else if (!strcmp(a, "--seed")) {
            if (!parse_u64(v, &c->seed))
                return usage_error("--seed %s: expected a whole number >= 0", v);
            c->have_seed = true;
        } else if (!strcmp(a, "--rep")) {
            if (!parse_long(v, 0, SPECSIM_REPS_MAX, &c->rep))
                return usage_error("--rep %s: expected a replication index >= 0", v);
        } else if (!strcmp(a, "-o")) {
            c->dir = v;
        } else if (!strcmp(a, "--policy")) {
            c->policy = v;
        } else if (!strcmp(a, "--mps")) {
            c->mps = v;
        } else if (!strcmp(a, "--format")) {
            if (!out_format_parse(v, &c->format))
                return usage_error("--format %s: expected table, csv or json", v);
            c->have_format = true;
        } else if (!strcmp(a, "--param")) {
            if (c->nparams == SWEEP_PARAMS_MAX)
                return usage_error("--param %s: at most 4 --param options", v);
            c->params[c->nparams++] = v;
        } else if (!strcmp(a, "--metric")) {
            if (c->nmetrics == SWEEP_METRICS_MAX)
                return usage_error("--metric %s: at most 8 --metric options", v);
            c->metrics[c->nmetrics++] = v;
        } else if (!strcmp(a, "--per-rep")) {
            c->per_rep = true;
        } else if (!strcmp(a, "-q")) {
            c->quiet = true;
        } else if (a[0] == '-') {
            return usage_error("unknown option %s", a);
        } else if (c->file == NULL) {
            c->file = a;
        } else {
            return usage_error("unexpected argument %s (one scenario file only)", a);
        }
        if (takes) i++;
    }
    if (c->file == NULL) return usage_error("%s", "a scenario FILE is required");
    return 0;
}

static int fail(const err_t *e)
{
    fprintf(stderr, "specsim: %s\n", e->msg);
    return err_exit_code(e->code);
}

static void on_sigint(int sig)
{
    (void)sig;
    engine_interrupt();
}

static void command_line(int argc, char **argv, char *buf, size_t len)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < argc && n + 1 < len; i++) {
        int w = snprintf(buf + n, len - n, "%s%s", i ? " " : "", argv[i]);
        if (w < 0) break;
        n += (size_t)w;
    }
}

/* Default output directory: results/NAME for scenarios/NAME.yaml. */
static void default_dir(const char *file, char *buf, size_t len)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strcspn(base, ".");
    snprintf(buf, len, "results/%.*s", (int)n, base);
}

/* The comparison on stdout in the chosen format; notes go to stderr when
 * stdout carries CSV or JSON. */
static err_code print_comparison(const out_ctx *oc, out_format fmt, err_t *e)
{
    fflush(stderr);
    err_code rc = fmt == OUT_FMT_CSV    ? out_table_csv(stdout, oc, e)
                  : fmt == OUT_FMT_JSON ? out_table_json(stdout, oc, e)
                                        : out_table(stdout, oc, e);
    if (fmt != OUT_FMT_TABLE) out_table_notes(stderr, oc);
    fflush(stdout);
    return rc;
}

static int run_and_write(const scn *s, const cli *c, const char *dir,
                         const char *cmd)
{
    err_t e;
    err_clear(&e);
    agg *a = engine_agg_alloc(s);
    if (a == NULL) { err_set(&e, ERR_NOMEM, "out of memory"); return fail(&e); }
    out_reps *reps = NULL;
    if (c->per_rep && (reps = out_reps_open(dir, s, &e)) == NULL) {
        agg_free(a);
        return fail(&e);
    }
    engine_opts o = {.replications = c->reps ? c->reps : s->run.replications,
                     .threads = (int)c->threads,
                     .seed = c->have_seed ? c->seed : s->run.seed,
                     .progress = !c->quiet && isatty(STDERR_FILENO),
                     .on_rep = reps ? out_reps_add : NULL,
                     .on_rep_ctx = reps};
    engine_stats st;
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sa.sa_flags = (int)SA_RESETHAND;
    sigaction(SIGINT, &sa, NULL);
    err_code rc = engine_run(s, &o, a, &st, &e);
    signal(SIGINT, SIG_DFL);
    if (rc == ERR_OK && reps) rc = out_reps_commit(reps, &e);
    else if (reps) out_reps_abort(reps);
    out_run_info info = {cmd, o.seed, st.threads, o.replications, st.done,
                         st.interrupted, st.seconds, st.glpk_seconds,
                         st.programs, st.auction_seconds,
                         st.auction_glpk_seconds, st.auctions};
    out_ctx oc = {s, a, &info};
    if (rc == ERR_OK && st.done > 0) rc = out_write_all(dir, &oc, &e);
    if (rc == ERR_OK && st.done > 0) rc = out_reports_write(dir, &oc, &e);
    if (rc == ERR_OK && st.done > 0) rc = print_comparison(&oc, c->format, &e);
    if (rc == ERR_OK && st.done > 0 && !c->quiet)
        fprintf(stderr, "specsim: results in %s/ (report: %s/report.html)\n",
                dir, dir);
    agg_free(a);
    if (rc != ERR_OK) return fail(&e);
    if (st.interrupted) {
        fprintf(stderr, "specsim: interrupted after %ld of %ld replications; "
                        "manifest marks the run incomplete\n", st.done,
                o.replications);
        return 1;
    }
    return 0;
}

/* Options a command does not take are refused rather than ignored. */
static int only_for(const cli *c, const char *cmd, bool sweep, bool tornado)
{
    if (!sweep && c->nparams)
        return usage_error("--param is an option of sweep, not %s", cmd);
    if (!sweep && !tornado && c->nmetrics)
        return usage_error("--metric is an option of sweep and tornado, not %s",
                           cmd);
    if ((sweep || tornado) && (c->per_rep || c->have_format))
        return usage_error("--per-rep and --format are options of run, not %s",
                           cmd);
    return 0;
}

static int cmd_run(int argc, char **argv)
{
    cli c = {0};
    int rc = parse_opts(argc, argv, &c);
    if (rc == 0) rc = only_for(&c, "run", false, false);
    if (rc) return rc;
    err_t e;
    scn *s = NULL;
    if (scn_load(c.file, &s, &e) != ERR_OK) return fail(&e);
    char dir[1024], cmd[4096];
    if (c.dir) snprintf(dir, sizeof dir, "%s", c.dir);
    else default_dir(c.file, dir, sizeof dir);
    command_line(argc, argv, cmd, sizeof cmd);
    rc = run_and_write(s, &c, dir, cmd);
    scn_free(s);
    return rc;
}

static int cmd_validate(int argc, char **argv)
{
    if (argc < 3) return usage_error("%s", "validate needs at least one FILE");
    int worst = 0;
    for (int i = 2; i < argc; i++) {
        err_t e;
        scn *s = NULL;
        if (scn_load(argv[i], &s, &e) != ERR_OK) {
            fprintf(stderr, "specsim: %s\n", e.msg);
            int x = err_exit_code(e.code);
            if (x > worst) worst = x;
            continue;
        }
        printf("%s: ok (%d regions, %d bands, %d vendors, %d operators, "
               "%d policies, %d uncertain inputs)\n", argv[i], s->nregions,
               s->nbands, s->nvendors, s->noperators, s->npolicies, s->nparams);
        scn_free(s);
    }
    return worst;
}

static int cmd_lp(int argc, char **argv)
{
    cli c = {0};
    int rc = parse_opts(argc, argv, &c);
    if (rc) return rc;
    if (c.policy == NULL) return usage_error("%s", "lp needs --policy NAME");
    if (c.dir == NULL && c.mps == NULL)
        return usage_error("%s", "lp needs -o MODEL.lp and/or --mps MODEL.mps");
    err_t e;
    scn *s = NULL;
    if (scn_load(c.file, &s, &e) != ERR_OK) return fail(&e);
    int pol = scn_policy_find(s, c.policy);
    deploy_problem *p = calloc(1, sizeof *p);
    err_code ec = ERR_OK;
    if (pol < 0)
        ec = err_set(&e, ERR_USAGE, "--policy %s: no such policy in %s",
                     c.policy, c.file);
    else if (p == NULL)
        ec = err_set(&e, ERR_NOMEM, "out of memory");
    if (ec == ERR_OK)
        ec = engine_problem(s, c.have_seed ? c.seed : s->run.seed, c.rep, pol,
                            p, &e);
    if (ec == ERR_OK) ec = deploy_write(p, c.dir, c.mps, &e);
    free(p);
    scn_free(s);
    return ec == ERR_OK ? 0 : fail(&e);
}

/* The options sweep and tornado share with run. */
static sweep_opts sens_opts(const cli *c, const scn *s)
{
    return (sweep_opts){.replications = c->reps ? c->reps : s->run.replications,
                        .threads = (int)c->threads,
                        .seed = c->have_seed ? c->seed : s->run.seed};
}

static out_run_info sens_info(const sweep_opts *o, const sweep_totals *t,
                              const char *cmd)
{
    const engine_stats *st = &t->stats;
    return (out_run_info){cmd, o->seed, st->threads, t->replications_requested,
                          st->done, st->interrupted, st->seconds,
                          st->glpk_seconds, st->programs, st->auction_seconds,
                          st->auction_glpk_seconds, st->auctions};
}

static void install_sigint(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sa.sa_flags = (int)SA_RESETHAND;
    sigaction(SIGINT, &sa, NULL);
}

/* Load the scenario and settle the output directory (results/NAME-SUFFIX
 * by default) and the command line. */
static int sens_setup(int argc, char **argv, const cli *c, const char *suffix,
                      scn **s, char *dir, size_t dlen, char *cmd, size_t clen)
{
    err_t e;
    if (scn_load(c->file, s, &e) != ERR_OK) return fail(&e);
    if (c->dir) {
        snprintf(dir, dlen, "%s", c->dir);
    } else {
        char base[1024];
        default_dir(c->file, base, sizeof base);
        snprintf(dir, dlen, "%s-%s", base, suffix);
    }
    command_line(argc, argv, cmd, clen);
    return 0;
}

static void sweep_progress(long k, long n, const double *x, void *ctx)
{
    const sweep_param *ps = ctx;
    fprintf(stderr, "specsim: sweep point %ld/%ld:", k + 1, n);
    for (int j = 0; j < SWEEP_PARAMS_MAX && ps[j].nvalues > 0; j++)
        fprintf(stderr, " %s=%g", ps[j].path, x[j]);
    fputc('\n', stderr);
}

typedef struct {
    sweep_param ps[SWEEP_PARAMS_MAX + 1];
    out_sweep_csv *csv;
} sweep_cli;

static err_code sweep_row(long k, const double *x, const agg *a, void *ctx,
                          err_t *e)
{
    (void)k;
    sweep_cli *z = ctx;
    return out_sweep_csv_add(z->csv, x, a, e);
}

static void sweep_progress_z(long k, long n, const double *x, void *ctx)
{
    sweep_progress(k, n, x, ((sweep_cli *)ctx)->ps);
}

static int cmd_sweep(int argc, char **argv)
{
    cli c = {0};
    int rc = parse_opts(argc, argv, &c);
    if (rc == 0) rc = only_for(&c, "sweep", true, false);
    if (rc) return rc;
    if (c.nparams == 0) return usage_error("%s", "sweep needs --param PATH=V1,V2,...");
    err_t e;
    sweep_cli z = {0};
    int metrics[SWEEP_METRICS_MAX] = {M_COST_TOTAL, M_DELAY_MONTHS}, nm = 2;
    for (int i = 0; i < c.nparams; i++)
        if (sweep_param_parse(c.params[i], &z.ps[i], &e) != ERR_OK)
            return fail(&e);
    if (c.nmetrics) nm = c.nmetrics;
    for (int i = 0; i < c.nmetrics; i++)
        if (sweep_metric_find(c.metrics[i], &metrics[i], &e) != ERR_OK)
            return fail(&e);
    scn *s = NULL;
    char dir[1100], cmd[4096];
    if ((rc = sens_setup(argc, argv, &c, "sweep", &s, dir, sizeof dir, cmd,
                         sizeof cmd)))
        return rc;
    sweep_opts o = sens_opts(&c, s);
    o.on_point_start = c.quiet ? NULL : sweep_progress_z;
    o.on_point = sweep_row;
    o.ctx = &z;
    sweep_result *r = NULL;
    err_code ec = sweep_check(s, z.ps, c.nparams, &e);
    if (ec == ERR_OK && (z.csv = out_sweep_csv_open(dir, s, c.nparams, z.ps, &e)) == NULL)
        ec = e.code;
    install_sigint();
    if (ec == ERR_OK) ec = sweep_run(s, z.ps, c.nparams, metrics, nm, &o, &r, &e);
    signal(SIGINT, SIG_DFL);
    if (ec == ERR_OK) ec = out_sweep_csv_commit(z.csv, &e);
    else out_sweep_csv_abort(z.csv);
    if (ec == ERR_OK) {
        out_run_info info = sens_info(&o, &r->totals, cmd);
        ec = out_sweep_write(dir, s, r, &info, &e);
    }
    if (ec == ERR_OK) out_sweep_table(stdout, s, r);
    sweep_result_free(r);
    scn_free(s);
    if (ec != ERR_OK) return fail(&e);
    if (!c.quiet) fprintf(stderr, "specsim: results in %s/\n", dir);
    return 0;
}

static void tornado_progress(int input, double lo, double hi, void *ctx)
{
    const scn *s = ctx;
    if (input < 0)
        fprintf(stderr, "specsim: tornado reference run, every input drawn\n");
    else
        fprintf(stderr, "specsim: tornado input %d/%d: %s at %g and %g\n",
                input + 1, s->nparams, s->params[input].path, lo, hi);
}

static int cmd_tornado(int argc, char **argv)
{
    cli c = {0};
    int rc = parse_opts(argc, argv, &c);
    if (rc == 0) rc = only_for(&c, "tornado", false, true);
    if (rc) return rc;
    if (c.policy == NULL || c.nmetrics != 1)
        return usage_error("%s", "tornado needs --policy NAME and one --metric NAME");
    err_t e;
    int metric;
    if (sweep_metric_find(c.metrics[0], &metric, &e) != ERR_OK)
        return fail(&e);
    scn *s = NULL;
    char dir[1100], cmd[4096];
    if ((rc = sens_setup(argc, argv, &c, "tornado", &s, dir, sizeof dir, cmd,
                         sizeof cmd)))
        return rc;
    int pol = scn_policy_find(s, c.policy);
    err_code ec = ERR_OK;
    if (pol < 0) {
        char list[SPECSIM_ERRMSG_MAX / 2];
        size_t o = 0;
        for (int p = 0; p < s->npolicies && o + 1 < sizeof list; p++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                                  p ? ", " : "", s->policies[p].name);
        ec = err_set(&e, ERR_USAGE, "--policy %s: expected one of %s",
                     c.policy, list);
    }
    sweep_opts o = sens_opts(&c, s);
    o.on_input_start = c.quiet ? NULL : tornado_progress;
    o.ctx = s;
    tornado_result *t = NULL;
    install_sigint();
    if (ec == ERR_OK) ec = tornado_run(s, pol, metric, &o, &t, &e);
    signal(SIGINT, SIG_DFL);
    if (ec == ERR_OK) {
        out_run_info info = sens_info(&o, &t->totals, cmd);
        ec = out_tornado_write(dir, s, t, &info, &e);
    }
    if (ec == ERR_OK) out_tornado_table(stdout, s, t);
    tornado_result_free(t);
    scn_free(s);
    if (ec != ERR_OK) return fail(&e);
    if (!c.quiet) fprintf(stderr, "specsim: results in %s/\n", dir);
    return 0;
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    if (argc < 2) return usage_error("%s", "a command is required");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("specsim %s (%s)\n", SPECSIM_VERSION, SPECSIM_COMMIT);
        return 0;
    }
    if (!strcmp(cmd, "run")) return cmd_run(argc, argv);
    if (!strcmp(cmd, "validate")) return cmd_validate(argc, argv);
    if (!strcmp(cmd, "lp")) return cmd_lp(argc, argv);
    if (!strcmp(cmd, "sweep")) return cmd_sweep(argc, argv);
    if (!strcmp(cmd, "tornado")) return cmd_tornado(argc, argv);
    return usage_error("unknown command '%s'", cmd);
}
