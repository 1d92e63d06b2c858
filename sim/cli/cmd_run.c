/* cmd_run.c — `specsim run`: every policy of a scenario, the files of the
 * run, and the comparison on stdout. */
#include "cli.h"

#include <errno.h>
#include <string.h>
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
    {CLI_OPT_RESUME, "continue the run whose journal is beside DIR", NULL},
};

/* The comparison on stdout in the chosen format; notes go to stderr when
 * stdout carries CSV or JSON. A comparison that did not reach stdout whole
 * is an error. */
static err_code print_comparison(const out_ctx *oc, out_format fmt, err_t *e)
{
    fflush(stderr);
    err_code rc = fmt == OUT_FMT_CSV    ? out_table_csv(stdout, oc, e)
                  : fmt == OUT_FMT_JSON ? out_table_json(stdout, oc, e)
                                        : out_table(stdout, oc, e);
    if (fmt != OUT_FMT_TABLE) out_table_notes(stderr, oc);
    if (fflush(stdout) != 0 && rc == ERR_OK)
        rc = err_set(e, ERR_IO, "standard output: cannot write the "
                     "comparison: %s", strerror(errno));
    if (ferror(stdout) && rc == ERR_OK)
        rc = err_set(e, ERR_IO, "standard output: write error");
    clearerr(stdout); /* reported here, not again on exit */
    return rc;
}

/* Every file of the run into the staging directory, then the whole set
 * into place in one step. */
static err_code write_results(out_stage *stage, const out_ctx *oc, err_t *e)
{
    const char *dir = out_stage_path(stage);
    err_code rc = out_write_all(dir, oc, e);
    if (rc == ERR_OK) rc = out_reports_write(dir, oc, e);
    if (rc == ERR_OK) return out_stage_commit(stage, e);
    err_prefix(e, "%s: results not written, any earlier ones kept: ",
               out_stage_dir(stage));
    out_stage_abort(stage);
    return rc;
}

/* The journal of this run, PARENT/.NAME.journal beside DIR (none with
 * --checkpoint-every 0), and what resuming found in it. It lives outside
 * the result set so that a killed run's staging directory can go while
 * the journal stays. */
static err_code journal_open(const cli_args *c, const scn *s,
                             const char *sha, const out_stage *stage,
                             const engine_opts *o, out_journal **j, err_t *e)
{
    *j = NULL;
    long every = c->have_checkpoint_every ? c->checkpoint_every
                                          : CHECKPOINT_EVERY_DEFAULT;
    if (every == 0)
        return c->resume ? err_set(e, ERR_USAGE, "--resume reads the journal "
                                   "that --checkpoint-every 0 turns off")
                         : ERR_OK;
    char path[SPECSIM_OUTPUT_PATH_MAX + 300];
    err_code rc = out_stage_sibling(stage, "journal", path, sizeof path, e);
    if (rc == ERR_OK)
        rc = out_journal_open(path, s, sha, o->seed, o->replications,
                              c->resume, (double)every, j, e);
    if (rc != ERR_OK) return rc;
    long damaged = out_journal_damaged(*j);
    if (damaged > 0)
        fprintf(stderr, "specsim: %s: %ld damaged or truncated entr%s "
                "skipped; their replications are computed again\n", path,
                damaged, damaged == 1 ? "y" : "ies");
    if (c->resume && !c->quiet && out_journal_resumed(*j))
        fprintf(stderr, "specsim: resuming: %ld of %ld replications in the "
                "journal\n", out_journal_kept(*j), o->replications);
    else if (c->resume && !c->quiet)
        fprintf(stderr, "specsim: no journal at %s; starting from the "
                "first replication\n", path);
    return ERR_OK;
}

/* A rank other than 0 of a distributed run computes and writes nothing;
 * rank 0 has the results. */
static int run_rank(const scn *s, const cli_args *c)
{
    err_t e;
    err_clear(&e);
    engine_opts o = {.replications = cli_replications(c, s),
                     .threads = (int)c->threads,
                     .seed = cli_seed(c, s)};
    agg *a = engine_agg_alloc(s);
    if (a == NULL) {
        err_set(&e, ERR_NOMEM, "out of memory");
        return cli_fail(&e);
    }
    engine_stats st;
    err_code rc = engine_run(s, &o, a, &st, &e);
    agg_free(a);
    return rc == ERR_OK ? 0 : cli_fail(&e);
}

/* The replications, with replications.csv streamed into the staging
 * directory under --per-rep. */
static err_code simulate(const scn *s, const cli_args *c, out_stage *stage,
                         engine_opts *o, agg *a, engine_stats *st, err_t *e)
{
    out_reps *reps = NULL;
    if (c->per_rep &&
        (reps = out_reps_open(out_stage_path(stage), s, e)) == NULL)
        return e->code;
    o->on_rep = reps ? out_reps_add : NULL;
    o->on_rep_ctx = reps;
    cli_sigint_install();
    err_code rc = engine_run(s, o, a, st, e);
    cli_sigint_restore();
    if (rc == ERR_OK && reps) rc = out_reps_commit(reps, e);
    else if (reps) out_reps_abort(reps);
    return rc;
}

/* Policies every replication of which failed (the auction or the solver,
 * not infeasibility, which is a result): each is named on stderr with its
 * first diagnosis; returns how many. Such a run has no number for them. */
static int all_failed(const scn *s, const agg *a, long done)
{
    int n = 0;
    for (int p = 0; p < s->npolicies && done > 0; p++) {
        if (!engine_policy_all_failed(a, p)) continue;
        long rep = -1;
        const char *diag = agg_first_diagnosis(a, p, &rep);
        fprintf(stderr, "specsim: error: policy '%s' failed in every one of "
                        "its %ld replications; first, replication %ld: %s\n",
                s->policies[p].name, done, rep, diag);
        n++;
    }
    return n;
}

static int run_and_write(const scn *s, const char *sha, const cli_args *c,
                         const char *dir, out_stage *stage)
{
    err_t e;
    err_clear(&e);
    engine_opts o = {.replications = cli_replications(c, s),
                     .threads = (int)c->threads,
                     .seed = cli_seed(c, s),
                     .progress = !c->quiet && isatty(STDERR_FILENO)};
    agg *a = NULL;
    out_journal *j = NULL;
    err_code rc = ERR_OK;
    if (c->per_rep)
        rc = cli_per_rep_room(stage,
                              out_reps_bytes_estimate(s, o.replications),
                              o.replications, 1, "runs", &e);
    if (rc == ERR_OK) rc = journal_open(c, s, sha, stage, &o, &j, &e);
    if (rc == ERR_OK && (a = engine_agg_alloc(s)) == NULL)
        rc = err_set(&e, ERR_NOMEM, "out of memory");
    o.store = j ? out_journal_store(j) : NULL;
    engine_stats st = {0};
    if (rc == ERR_OK) rc = simulate(s, c, stage, &o, a, &st, &e);
    out_run_info info = cli_run_info(c, o.seed, o.replications, &st);
    info.scenario_sha256 = sha;
    out_ctx oc = {s, a, &info};
    if (rc == ERR_OK && st.done > 0) rc = write_results(stage, &oc, &e);
    else out_stage_abort(stage);
    if (rc == ERR_OK && st.done > 0) rc = print_comparison(&oc, c->format, &e);
    int failed = rc == ERR_OK ? all_failed(s, a, st.done) : 0;
    agg_free(a);
    /* The journal goes once a complete run's results are in place. */
    out_journal_close(j, rc == ERR_OK && !st.interrupted);
    if (rc != ERR_OK) return cli_fail(&e);
    if (st.done > 0 && !c->quiet)
        fprintf(stderr, "specsim: results in %s/ (report: %s/report.html)\n",
                dir, dir);
    if (st.interrupted) {
        fprintf(stderr, "specsim: interrupted after %ld of %ld replications; "
                        "%s\n", st.done, o.replications,
                st.done > 0 ? "manifest marks the run incomplete"
                            : "nothing written, earlier results kept");
        if (j) fprintf(stderr, "specsim: the journal keeps them: add --resume "
                               "to continue\n");
        return 1;
    }
    return failed > 0 ? 1 : 0;
}

static int run_main(const cli_args *c)
{
    err_t e;
    char dir[SPECSIM_OUTPUT_PATH_MAX], sha[65];
    if (cli_output_dir(c, NULL, dir, sizeof dir, &e) != ERR_OK)
        return cli_usage_error(c->cmd, "%s", e.msg);
    scn *s = NULL;
    int rc = cli_load_hashed(c, &s, sha);
    if (rc) return rc;
    cli_warn_if_slow(c, s);
    /* The output directory is locked and checked before any work. */
    out_stage *stage = NULL;
    if (!cluster_root())
        rc = run_rank(s, c);
    else if (out_stage_begin(dir, &stage, &e) != ERR_OK)
        rc = cli_fail(&e);
    else
        rc = run_and_write(s, sha, c, dir, stage);
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
        "replications.csv with --per-rep) as one set that replaces DIR's\n"
        "previous set in one step, and print the comparison of the policies.\n"
        "One run at a time writes into DIR. Ctrl-C or SIGTERM stops cleanly:\n"
        "finished replications are written and the manifest marks the run\n"
        "incomplete. Finished replications also go to a journal beside DIR\n"
        "(.NAME.journal) while the run lasts; after a kill, --resume computes\n"
        "only what it lacks and writes the same bytes as an uninterrupted\n"
        "run. Under mpirun the replications are shared out over the ranks\n"
        "(docs/cluster.md).",
    .files_min = 1,
    .files_max = 1,
    .opts = opts,
    .nopts = sizeof opts / sizeof opts[0],
    .main = run_main,
};
