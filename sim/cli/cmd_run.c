/* cmd_run.c — `specsim run`: every policy of a scenario, the files of the
 * run, and the comparison on stdout. */
#include "cli.h"

#include <unistd.h>

#include "cluster.h"
#include "out_journal.h"

/* Seconds between checkpoints when --checkpoint-every is not given. */
#define CHECKPOINT_EVERY_DEFAULT 60

static const cli_opt_use opts[] = {
    {CLI_OPT_REPS, "replications (default: the scenario's run.replications)",
     NULL},
    {CLI_OPT_THREADS, "worker threads (default: all cores); results do not "
                      "depend on it", NULL},
    {CLI_OPT_SEED, "random seed (default: the scenario's run.seed)", NULL},
    {CLI_OPT_OUTPUT, "output directory (default: results/NAME)", NULL},
    {CLI_OPT_PER_REP, "also write every replication's metrics", NULL},
    {CLI_OPT_FORMAT, "the comparison on stdout as table (default), csv or "
                     "json", NULL},
    {CLI_OPT_QUIET, "no progress bar, no closing message on stderr", NULL},
    {CLI_OPT_CHECKPOINT_EVERY, "flush the journal of finished replications "
                               "to disk every SECONDS (default 60; 0: no "
                               "journal)", NULL},
    {CLI_OPT_RESUME, "continue the run whose journal is in DIR", NULL},
};

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

/* Every file of the run and the comparison, once replications are done. */
static err_code write_results(const cli_args *c, const char *dir,
                              const out_ctx *oc, err_t *e)
{
    err_code rc = out_write_all(dir, oc, e);
    if (rc == ERR_OK) rc = out_reports_write(dir, oc, e);
    if (rc == ERR_OK) rc = print_comparison(oc, c->format, e);
    if (rc == ERR_OK && !c->quiet)
        fprintf(stderr, "specsim: results in %s/ (report: %s/report.html)\n",
                dir, dir);
    return rc;
}

/* The journal of this run (none with --checkpoint-every 0), and what
 * resuming found in it. */
static err_code journal_open(const cli_args *c, const scn *s,
                             const char *dir, const engine_opts *o,
                             out_journal **j, err_t *e)
{
    *j = NULL;
    long every = c->have_checkpoint_every ? c->checkpoint_every
                                          : CHECKPOINT_EVERY_DEFAULT;
    if (every == 0)
        return c->resume ? err_set(e, ERR_USAGE, "--resume reads the journal "
                                   "that --checkpoint-every 0 turns off")
                         : ERR_OK;
    err_code rc = out_journal_open(dir, s, o->seed, o->replications,
                                   c->resume, (double)every, j, e);
    if (rc != ERR_OK) return rc;
    long damaged = out_journal_damaged(*j);
    if (damaged > 0)
        fprintf(stderr, "specsim: %s/%s: %ld damaged or truncated entr%s "
                "skipped; their replications are computed again\n", dir,
                OUT_JOURNAL_NAME, damaged, damaged == 1 ? "y" : "ies");
    if (c->resume && !c->quiet && out_journal_resumed(*j))
        fprintf(stderr, "specsim: resuming: %ld of %ld replications in the "
                "journal\n", out_journal_kept(*j), o->replications);
    else if (c->resume && !c->quiet)
        fprintf(stderr, "specsim: no journal in %s/; starting from the "
                "first replication\n", dir);
    return ERR_OK;
}

/* A rank other than 0 of a distributed run computes and writes nothing;
 * rank 0 has the results. */
static int run_rank(const scn *s, const engine_opts *o)
{
    err_t e;
    err_clear(&e);
    agg *a = engine_agg_alloc(s);
    if (a == NULL) {
        err_set(&e, ERR_NOMEM, "out of memory");
        return cli_fail(&e);
    }
    engine_stats st;
    err_code rc = engine_run(s, o, a, &st, &e);
    agg_free(a);
    return rc == ERR_OK ? 0 : cli_fail(&e);
}

static int run_and_write(const scn *s, const cli_args *c, const char *dir)
{
    err_t e;
    err_clear(&e);
    engine_opts o = {.replications = cli_replications(c, s),
                     .threads = (int)c->threads,
                     .seed = cli_seed(c, s),
                     .progress = !c->quiet && isatty(STDERR_FILENO)};
    if (!cluster_root()) return run_rank(s, &o);
    out_journal *j = NULL;
    if (journal_open(c, s, dir, &o, &j, &e) != ERR_OK) return cli_fail(&e);
    agg *a = engine_agg_alloc(s);
    if (a == NULL) {
        out_journal_close(j, false);
        err_set(&e, ERR_NOMEM, "out of memory");
        return cli_fail(&e);
    }
    out_reps *reps = NULL;
    if (c->per_rep && (reps = out_reps_open(dir, s, &e)) == NULL) {
        out_journal_close(j, false);
        agg_free(a);
        return cli_fail(&e);
    }
    o.on_rep = reps ? out_reps_add : NULL;
    o.on_rep_ctx = reps;
    o.store = j ? out_journal_store(j) : NULL;
    engine_stats st;
    cli_sigint_install();
    err_code rc = engine_run(s, &o, a, &st, &e);
    cli_sigint_restore();
    if (rc == ERR_OK && reps) rc = out_reps_commit(reps, &e);
    else if (reps) out_reps_abort(reps);
    out_run_info info = cli_run_info(c, o.seed, o.replications, &st);
    out_ctx oc = {s, a, &info};
    if (rc == ERR_OK && st.done > 0) rc = write_results(c, dir, &oc, &e);
    agg_free(a);
    /* The journal goes once a complete run's results are written. */
    out_journal_close(j, rc == ERR_OK && !st.interrupted);
    if (rc != ERR_OK) return cli_fail(&e);
    if (st.interrupted) {
        fprintf(stderr, "specsim: interrupted after %ld of %ld replications; "
                        "manifest marks the run incomplete\n", st.done,
                o.replications);
        if (j) fprintf(stderr, "specsim: the journal keeps them: add --resume "
                               "to continue\n");
        return 1;
    }
    return 0;
}

static int run_main(const cli_args *c)
{
    err_t e;
    char dir[SPECSIM_OUTPUT_PATH_MAX];
    if (cli_output_dir(c, NULL, dir, sizeof dir, &e) != ERR_OK)
        return cli_usage_error(c->cmd, "%s", e.msg);
    scn *s = NULL;
    int rc = cli_load(c, &s);
    if (rc) return rc;
    rc = run_and_write(s, c, dir);
    scn_free(s);
    return rc;
}

const cli_command cmd_run = {
    .name = "run",
    .synopsis = "FILE [-n REPS] [-j THREADS] [--seed S] [-o DIR] [--per-rep]\n"
                "[-q] [--format table|csv|json] [--checkpoint-every SECONDS]\n"
                "[--resume]",
    .summary = "simulate every policy of the scenario and write the results",
    .description =
        "Simulate every policy of the scenario FILE; write DIR/summary.csv,\n"
        "summary.json, manifest.json, figures/ and report.html (and\n"
        "replications.csv with --per-rep), each atomically, and print the\n"
        "comparison of the policies. Ctrl-C stops cleanly: finished\n"
        "replications are written and the manifest marks the run incomplete.\n"
        "Finished replications also go to DIR/checkpoint.journal while the\n"
        "run lasts; after a kill, --resume computes only what it lacks and\n"
        "writes the same bytes as an uninterrupted run. Under mpirun the\n"
        "replications are shared out over the ranks (docs/cluster.md).",
    .files_min = 1,
    .files_max = 1,
    .opts = opts,
    .nopts = sizeof opts / sizeof opts[0],
    .main = run_main,
};
