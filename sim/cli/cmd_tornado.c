/* cmd_tornado.c — `specsim tornado`: each uncertain input at its 5th and
 * 95th percentile, ranked by how far it moves one metric of one policy. */
#include "cli.h"

#include <math.h>

#include "cluster.h"

static const cli_opt_use opts[] = {
    {CLI_OPT_POLICY, "the policy whose metric is ranked (required)", NULL},
    {CLI_OPT_METRIC, "the metric (required, exactly one)", NULL},
    {CLI_OPT_REPS, "replications per run (default: the scenario's "
                   "run.replications)", NULL},
    {CLI_OPT_THREADS, "worker threads (default: all cores)", NULL},
    {CLI_OPT_SEED, "random seed (default: the scenario's run.seed)", NULL},
    {CLI_OPT_OUTPUT, "output directory (default: results/NAME-tornado)",
     NULL},
    {CLI_OPT_PER_REP, "also write every replication's metrics in every "
                      "run (computes every policy)", NULL},
    {CLI_OPT_QUIET, "no progress lines, no closing message on stderr", NULL},
};

static void on_input_start(int input, double x_lo, double x_hi, void *ctx)
{
    const scn *s = ctx;
    if (input < 0)
        fprintf(stderr, "specsim: tornado reference run, every input drawn\n");
    else
        fprintf(stderr, "specsim: tornado input %d/%d: %s at %g and %g\n",
                input + 1, s->nparams, s->params[input].path, x_lo, x_hi);
}

/* What the callbacks of tornado_run need. */
typedef struct {
    const scn *s;
    out_reps *reps; /* --per-rep, rank 0 */
} tornado_cli;

static void on_input_start_cb(int input, double x_lo, double x_hi, void *ctx)
{
    const tornado_cli *z = ctx;
    on_input_start(input, x_lo, x_hi, (void *)z->s);
}

/* --per-rep: the replications of every run, in order. */
static err_code on_rep(long k, const double *x, const rep_record *r,
                       void *ctx, err_t *e)
{
    const tornado_cli *z = ctx;
    return out_tornado_reps_add(z->reps, z->s, k, x[0], r, e);
}

/* --per-rep on rank 0: refuse, before anything runs, a tornado whose
 * replications.csv the disk cannot hold, then open it. */
static err_code reps_open(const cli_args *c, const sweep_opts *o,
                          out_stage *stage, tornado_cli *z, err_t *e)
{
    if (!c->per_rep || !cluster_root()) return ERR_OK;
    err_code rc = cli_per_rep_room(
        stage, out_tornado_reps_bytes_estimate(z->s, o->replications),
        o->replications, 1 + 2L * z->s->nparams, "runs", e);
    if (rc != ERR_OK) return rc;
    z->reps = out_tornado_reps_open(out_stage_path(stage), z->s, e);
    return z->reps ? ERR_OK : e->code;
}

/* Run, then write tornado.csv, the chart and the manifest, and print the
 * ranking. */
static err_code tornado_write(const cli_args *c, const scn *s,
                              const char *sha, int pol, int metric,
                              out_stage *stage, err_t *e)
{
    tornado_cli z = {s, NULL};
    sweep_opts o = {.replications = cli_replications(c, s),
                    .threads = (int)c->threads,
                    .seed = cli_seed(c, s),
                    .on_input_start = c->quiet || !cluster_root()
                                          ? NULL : on_input_start_cb,
                    .on_rep = c->per_rep && cluster_root() ? on_rep : NULL,
                    .ctx = &z,
                    .every_policy = c->per_rep};
    if (s->nparams > 0 && reps_open(c, &o, stage, &z, e) != ERR_OK) {
        out_stage_abort(stage);
        return e->code;
    }
    tornado_result *t = NULL;
    cli_sigint_install();
    err_code rc = tornado_run(s, pol, metric, &o, &t, e);
    cli_sigint_restore();
    if (!cluster_root()) {
        /* Another rank of a distributed run: rank 0 locks, writes and
         * puts the set in place. */
        tornado_result_free(t);
        return rc;
    }
    if (rc == ERR_OK && z.reps) rc = out_reps_commit(z.reps, e);
    else out_reps_abort(z.reps);
    if (rc == ERR_OK) {
        out_run_info info = cli_run_info(c, o.seed,
                                         t->totals.replications_requested,
                                         &t->totals.stats);
        info.scenario_sha256 = sha;
        rc = out_tornado_write(out_stage_path(stage), s, t, &info, e);
    }
    if (rc == ERR_OK) rc = out_stage_commit(stage, e);
    else out_stage_abort(stage);
    if (rc == ERR_OK) out_tornado_table(stdout, s, t);
    tornado_result_free(t);
    return rc;
}

static int tornado_main(const cli_args *c)
{
    if (c->policy == NULL || c->nmetrics != 1)
        return cli_usage_error(c->cmd, "tornado needs --policy NAME and one "
                                       "--metric NAME");
    err_t e;
    int metric, pol;
    if (sweep_metric_find(c->metrics[0], &metric, &e) != ERR_OK)
        return cli_fail(&e);
    char dir[SPECSIM_OUTPUT_PATH_MAX], sha[65];
    if (cli_output_dir(c, "tornado", dir, sizeof dir, &e) != ERR_OK)
        return cli_usage_error(c->cmd, "%s", e.msg);
    scn *s = NULL;
    int rc = cli_load_hashed(c, &s, sha);
    if (rc) return rc;
    cli_warn_if_slow(c, s);
    out_stage *stage = NULL;
    err_code ec = cli_policy_find(s, c->policy, &pol, &e);
    if (ec == ERR_OK) ec = sweep_metric_check(s, metric, &e);
    /* The output directory is locked and checked before any work. */
    if (ec == ERR_OK && cluster_root()) ec = out_stage_begin(dir, &stage, &e);
    if (ec == ERR_OK) ec = tornado_write(c, s, sha, pol, metric, stage, &e);
    scn_free(s);
    if (ec == ERR_INTERRUPTED) err_prefix(&e, "nothing written: ");
    if (ec != ERR_OK) return cli_fail(&e);
    if (!c->quiet && cluster_root())
        fprintf(stderr, "specsim: results in %s/\n", dir);
    return 0;
}

const cli_command cmd_tornado = {
    .name = "tornado",
    .synopsis = "FILE --policy NAME --metric NAME\n"
                "[-n REPS] [-j THREADS] [--seed S] [-o DIR] [--per-rep]\n"
                "[-q]",
    .summary = "rank the uncertain inputs by how far they move one metric",
    .description =
        "Hold each uncertain input at its 5th, then its 95th percentile, the\n"
        "others keeping their draws, and rank the inputs by how far that\n"
        "moves --metric of --policy (its paired difference from baseline; for\n"
        "baseline, the mean). Write DIR/tornado.csv, the tornado chart and\n"
        "the manifest, and print the ranking. Only baseline and --policy\n"
        "are computed. With --per-rep, every policy, and also\n"
        "DIR/replications.csv: the input held and its value (an empty input\n"
        "and NA for the reference run, every input drawn), then the rows\n"
        "`run --per-rep` writes, for every replication of every run.",
    .files_min = 1,
    .files_max = 1,
    .opts = opts,
    .nopts = sizeof opts / sizeof opts[0],
    .main = tornado_main,
};
