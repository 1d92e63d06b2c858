/* cmd_sweep.c — `specsim sweep`: the scenario at every point of a grid of
 * field values, same seed and draws; sweep.csv grows point by point. */
#include "cli.h"

#include "cluster.h"

static const cli_opt_use opts[] = {
    {CLI_OPT_PARAM, "a field and its values (at most 4 --param: the grid of "
                    "all)", NULL},
    {CLI_OPT_METRIC, "a metric to draw and print (at most 8; default: "
                     "cost_total_npv, delay_months)", NULL},
    {CLI_OPT_REPS, "replications per point (default: the scenario's "
                   "run.replications)", NULL},
    {CLI_OPT_THREADS, "worker threads (default: all cores)", NULL},
    {CLI_OPT_SEED, "random seed (default: the scenario's run.seed)", NULL},
    {CLI_OPT_OUTPUT, "output directory (default: results/NAME-sweep)", NULL},
    {CLI_OPT_PER_REP, "also write every replication's metrics at every "
                      "point", NULL},
    {CLI_OPT_QUIET, "no progress lines, no closing message on stderr", NULL},
};

/* What the callbacks of sweep_run need. */
typedef struct {
    const sweep_param *ps;
    int np;
    out_sweep_csv *csv;
    out_reps *reps; /* --per-rep */
    const scn *s;
    long failed; /* (point, policy) pairs failed in every replication */
} sweep_cli;

static void on_point_start(long k, long n, const double *x, void *ctx)
{
    const sweep_cli *z = ctx;
    fprintf(stderr, "specsim: sweep point %ld/%ld:", k + 1, n);
    for (int j = 0; j < z->np; j++)
        fprintf(stderr, " %s=%g", z->ps[j].path, x[j]);
    fputc('\n', stderr);
}

/* sweep.csv grows as points finish, so memory does not grow with the
 * grid. */
static err_code on_point(long k, const double *x, const agg *a, void *ctx,
                         err_t *e)
{
    sweep_cli *z = ctx;
    for (int p = 0; p < z->s->npolicies; p++) {
        if (!engine_policy_all_failed(a, p)) continue;
        long rep = -1;
        const char *diag = agg_first_diagnosis(a, p, &rep);
        fprintf(stderr, "specsim: error: sweep point %ld: policy '%s' failed "
                        "in every replication; first, replication %ld: %s\n",
                k + 1, z->s->policies[p].name, rep, diag);
        z->failed++;
    }
    return out_sweep_csv_add(z->csv, x, a, e);
}

/* --per-rep: the replications of every point, in order. */
static err_code on_rep(long k, const double *x, const rep_record *r,
                       void *ctx, err_t *e)
{
    (void)k;
    const sweep_cli *z = ctx;
    return out_sweep_reps_add(z->reps, z->np, x, r, e);
}

/* --per-rep: refuse, before anything runs, a sweep whose
 * replications.csv the disk cannot hold, then open it. */
static err_code reps_open(const cli_args *c, const sweep_opts *o,
                          out_stage *stage, sweep_cli *z, err_t *e)
{
    if (!c->per_rep) return ERR_OK;
    long points = sweep_grid_points(z->ps, z->np);
    err_code rc = cli_per_rep_room(
        stage, out_sweep_reps_bytes_estimate(z->s, o->replications, z->np,
                                              z->ps),
        o->replications, points, "points", e);
    if (rc != ERR_OK) return rc;
    z->reps = out_sweep_reps_open(out_stage_path(stage), z->s, z->np, z->ps,
                                  e);
    return z->reps ? ERR_OK : e->code;
}

/* --param and --metric, checked against the scenario. */
static err_code sweep_inputs(const cli_args *c, const scn *s, sweep_param *ps,
                             int *metrics, int *nm, err_t *e)
{
    for (int i = 0; i < c->nparams; i++)
        if (sweep_param_parse(c->params[i], &ps[i], e) != ERR_OK)
            return ERR_USAGE;
    *nm = 2;
    metrics[0] = M_COST_TOTAL;
    metrics[1] = M_DELAY_MONTHS;
    if (c->nmetrics) *nm = c->nmetrics;
    for (int i = 0; i < c->nmetrics; i++)
        if (sweep_metric_find(c->metrics[i], &metrics[i], e) != ERR_OK ||
            sweep_metric_check(s, metrics[i], e) != ERR_OK)
            return ERR_USAGE;
    return sweep_check(s, ps, c->nparams, e);
}

/* Run the grid, writing sweep.csv as it goes, then the figures and the
 * manifest into the staging directory, put them in place, and print the
 * table. */
static err_code sweep_write(const cli_args *c, const scn *s, const char *sha,
                            out_stage *stage, sweep_cli *z,
                            const int *metrics, int nm, err_t *e)
{
    sweep_opts o = {.replications = cli_replications(c, s),
                    .threads = (int)c->threads,
                    .seed = cli_seed(c, s),
                    .on_point_start = c->quiet ? NULL : on_point_start,
                    .on_point = on_point,
                    .on_rep = c->per_rep ? on_rep : NULL,
                    .ctx = z};
    if (!cluster_root()) {
        /* Another rank of a distributed sweep: it computes; rank 0 locks,
         * writes and puts the set in place. */
        o.on_point_start = NULL;
        o.on_point = NULL;
        o.on_rep = NULL;
        sweep_result *r = NULL;
        err_code rc = sweep_run(s, z->ps, z->np, metrics, nm, &o, &r, e);
        sweep_result_free(r);
        return rc;
    }
    const char *dir = out_stage_path(stage);
    if (reps_open(c, &o, stage, z, e) != ERR_OK ||
        (z->csv = out_sweep_csv_open(dir, s, z->np, z->ps, e)) == NULL) {
        out_reps_abort(z->reps);
        out_stage_abort(stage);
        return e->code;
    }
    sweep_result *r = NULL;
    cli_sigint_install();
    err_code rc = sweep_run(s, z->ps, z->np, metrics, nm, &o, &r, e);
    cli_sigint_restore();
    if (rc == ERR_OK) rc = out_sweep_csv_commit(z->csv, e);
    else out_sweep_csv_abort(z->csv);
    if (rc == ERR_OK && z->reps) rc = out_reps_commit(z->reps, e);
    else out_reps_abort(z->reps);
    if (rc == ERR_OK) {
        const sweep_totals *t = &r->totals;
        out_run_info info = cli_run_info(c, o.seed, t->replications_requested,
                                         &t->stats);
        info.scenario_sha256 = sha;
        rc = out_sweep_write(dir, s, r, &info, e);
    }
    if (rc == ERR_OK) rc = out_stage_commit(stage, e);
    else out_stage_abort(stage);
    if (rc == ERR_OK) out_sweep_table(stdout, s, r);
    sweep_result_free(r);
    return rc;
}

static int sweep_main(const cli_args *c)
{
    if (c->nparams == 0)
        return cli_usage_error(c->cmd, "sweep needs --param PATH=V1,V2,...");
    err_t e;
    char dir[SPECSIM_OUTPUT_PATH_MAX], sha[65];
    if (cli_output_dir(c, "sweep", dir, sizeof dir, &e) != ERR_OK)
        return cli_usage_error(c->cmd, "%s", e.msg);
    scn *s = NULL;
    int rc = cli_load_hashed(c, &s, sha);
    if (rc) return rc;
    cli_warn_if_slow(c, s);
    sweep_param ps[SWEEP_PARAMS_MAX];
    int metrics[SWEEP_METRICS_MAX], nm;
    sweep_cli z = {ps, c->nparams, NULL, NULL, s, 0};
    out_stage *stage = NULL;
    err_code ec = sweep_inputs(c, s, ps, metrics, &nm, &e);
    /* The output directory is locked and checked before any work. */
    if (ec == ERR_OK && cluster_root()) ec = out_stage_begin(dir, &stage, &e);
    if (ec == ERR_OK)
        ec = sweep_write(c, s, sha, stage, &z, metrics, nm, &e);
    scn_free(s);
    if (ec == ERR_INTERRUPTED) err_prefix(&e, "nothing written: ");
    if (ec != ERR_OK) return cli_fail(&e);
    if (!c->quiet && cluster_root())
        fprintf(stderr, "specsim: results in %s/\n", dir);
    return z.failed > 0 ? 1 : 0;
}

const cli_command cmd_sweep = {
    .name = "sweep",
    .synopsis = "FILE --param PATH=V1,V2,... [--param ...]\n"
                "[--metric NAME]... [-n REPS] [-j THREADS] [--seed S]\n"
                "[-o DIR] [--per-rep] [-q]",
    .summary = "run the scenario at each value of one or more fields",
    .description =
        "Run the scenario at each value (or grid point) of the --param\n"
        "fields, e.g. policies[2].instruments[0].share_max=0.2,0.35,0.5,\n"
        "always with the same seed and draws (a swept distribution becomes\n"
        "fixed while every other input keeps its draws). Write DIR/sweep.csv\n"
        "(the swept values, then the rows of summary.csv), figures of each\n"
        "--metric against the first parameter and the manifest, and print a\n"
        "table of each --metric. With --per-rep, also DIR/replications.csv:\n"
        "the swept values, then the rows `run --per-rep` writes, for every\n"
        "replication of every point (points in grid order). The files\n"
        "replace DIR's previous set in one step.",
    .files_min = 1,
    .files_max = 1,
    .opts = opts,
    .nopts = sizeof opts / sizeof opts[0],
    .main = sweep_main,
};
