/* cmd_auction.c — `specsim auction`: the auction stage alone, without the
 * rollout, for every format asked for, every policy and replication; the
 * files of the study and its table on stdout. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "draw.h"
#include "out_auction.h"
#include "out_cats.h"
#include "rng.h"
#include "scn_cats.h"

/* Auctions one study holds in memory (policies x formats x
 * replications): each outcome takes about 1.5 kB, so this is about 1.5 GB
 * at most. */
#define AUCTION_STUDY_MAX 1000000L

static const cli_opt_use opts[] = {
    {CLI_OPT_REPS, "replications (default: the scenario's run.replications)",
     NULL},
    {CLI_OPT_SEED, "random seed (default: the scenario's run.seed)", NULL},
    {CLI_OPT_FORMAT, "an auction format to run (repeat for several; "
                     "default: the scenario's auction.format), or how "
                     "stdout shows the study: table (default), csv or json",
     "NAME"},
    {CLI_OPT_OUTPUT, "output directory (default: results/NAME-auction)",
     NULL},
    {CLI_OPT_QUIET, "no closing message on stderr", NULL},
    {CLI_OPT_CATS, "read the auction from this CATS file instead of a "
                   "scenario: goods, bids taken as values", NULL},
    {CLI_OPT_TO_CATS, "write the explicit values (of replication 0) as this "
                      "CATS file, and run nothing", NULL},
};

/* The formats asked for, or the scenario's. */
static int formats_of(const cli_args *c, const scn *s,
                      const auction_format **f)
{
    if (c->nauction_formats == 0) {
        f[0] = auction_format_find(s->auction.format);
        return 1;
    }
    for (int k = 0; k < c->nauction_formats; k++)
        f[k] = auction_format_find(c->auction_formats[k]);
    return c->nauction_formats;
}

/* What the study can run: an auction, and at most AUCTION_STUDY_MAX of
 * them. */
static err_code check_study(const scn *s, long reps, int nformats,
                            err_t *e)
{
    if (!s->auction.enabled)
        return err_set(e, ERR_SCENARIO, "%s: auction.format: none: expected "
                       "an auction to run (specsim auction runs the auction "
                       "section)", s->file);
    if (reps > AUCTION_STUDY_MAX / ((long)s->npolicies * nformats))
        return err_set(e, ERR_USAGE, "-n %ld: %ld replications of %d "
                       "policies and %d formats: expected at most %ld "
                       "auctions in all (AUCTION_STUDY_MAX)", reps, reps,
                       s->npolicies, nformats, AUCTION_STUDY_MAX);
    return ERR_OK;
}

static int study(const cli_args *c, const scn *s, const char *sha,
                 const char *dir, out_stage *stage)
{
    err_t e;
    const auction_format *f[CLI_AUCTION_FORMATS_MAX];
    int nf = formats_of(c, s, f);
    long reps = cli_replications(c, s);
    uint64_t seed = cli_seed(c, s);
    err_code rc = check_study(s, reps, nf, &e);
    long n = rc == ERR_OK ? reps * s->npolicies * nf : 0, done = 0;
    auction_alone_row *rows = NULL;
    if (rc == ERR_OK && (rows = calloc((size_t)n, sizeof *rows)) == NULL)
        rc = err_set(&e, ERR_NOMEM, "out of memory for %ld auctions", n);
    cli_sigint_install();
    double t0 = clock_seconds();
    if (rc == ERR_OK)
        rc = auction_alone_study(s, seed, reps, f, nf, engine_stop_flag(),
                                 rows, &done, &e);
    double seconds = clock_seconds() - t0;
    cli_sigint_restore();
    out_run_info info = {.command_line = c->command_line,
                         .scenario_sha256 = sha, .seed = seed, .threads = 1,
                         .replications_requested = reps,
                         .replications_done = reps, .auctions = n,
                         .seconds = seconds, .auction_seconds = seconds};
    out_auction_ctx oc = {s, rows, reps, f, nf, &info};
    if (rc == ERR_OK) rc = out_auction_write(out_stage_path(stage), &oc, &e);
    if (rc == ERR_OK) rc = out_stage_commit(stage, &e);
    else out_stage_abort(stage);
    if (rc == ERR_OK) rc = out_auction_print(stdout, &oc, c->format, &e);
    free(rows);
    if (rc != ERR_OK) return cli_fail(&e);
    if (!c->quiet)
        fprintf(stderr, "specsim: results in %s/\n", dir);
    return cli_stdout_close(0);
}

/* --to-cats: the explicit values of replication 0 (of --seed) as a CATS
 * file, written atomically. */
static int to_cats(const cli_args *c, const scn *s)
{
    err_t e;
    err_clear(&e);
    draw_ctx *dc = draw_ctx_alloc(s, &e);
    rng *r = rng_alloc();
    size_t np = (size_t)s->nparams + 1;
    double *draws = malloc(np * sizeof *draws);
    double *work = malloc(2 * np * sizeof *work);
    err_code rc = dc == NULL ? e.code : ERR_OK;
    if (rc == ERR_OK && (r == NULL || draws == NULL || work == NULL))
        rc = err_set(&e, ERR_NOMEM, "out of memory");
    char dir[SPECSIM_OUTPUT_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", c->to_cats);
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : dir;
    if (slash) *slash = '\0';
    out_stream st;
    if (rc == ERR_OK) {
        draw_params(dc, r, cli_seed(c, s), 0, draws, work);
        rc = out_stream_open(&st, slash ? (dir[0] ? dir : "/") : ".",
                             base, &e);
    }
    if (rc == ERR_OK) {
        rc = out_cats_write(st.f, s, draws, &e);
        if (rc == ERR_OK) rc = out_stream_commit(&st, &e);
        else out_stream_abort(&st);
    }
    free(work);
    free(draws);
    rng_free(r);
    draw_ctx_free(dc);
    return rc == ERR_OK ? 0 : cli_fail(&e);
}

static int auction_main(const cli_args *c)
{
    err_t e;
    char dir[SPECSIM_OUTPUT_PATH_MAX], sha[65];
    if ((c->cats != NULL) == (c->file != NULL))
        return cli_usage_error(c->cmd, "expected a scenario FILE or --cats "
                               "FILE.txt (one of them)");
    cli_args named = *c;
    if (c->cats) named.file = c->cats;
    if (!c->to_cats &&
        cli_output_dir(&named, "auction", dir, sizeof dir, &e) != ERR_OK)
        return cli_usage_error(c->cmd, "%s", e.msg);
    scn *s = NULL;
    int rc = c->cats ? cli_load_file(c->cats, scn_cats_load, &s, sha)
                     : cli_load_hashed(c, &s, sha);
    if (rc) return rc;
    out_stage *stage = NULL;
    if (c->to_cats)
        rc = to_cats(c, s);
    else if (out_stage_begin(dir, &stage, &e) != ERR_OK)
        rc = cli_fail(&e);
    else
        rc = study(c, s, sha, dir, stage);
    scn_free(s);
    return rc;
}

const cli_command cmd_auction = {
    .name = "auction",
    .synopsis = "FILE|--cats FILE.txt [-n REPS] [--seed S]\n"
                "[--format NAME]... [-o DIR] [-q] [--to-cats FILE.txt]",
    .summary = "run the scenario's auction alone, in one or more formats",
    .description =
        "Run the auction stage of the scenario FILE alone, without the\n"
        "rollout, in every format given with --format (default: the\n"
        "scenario's), for every policy and replication, with the values and\n"
        "random streams of `specsim run`. Write DIR/auction.csv (tidy: one\n"
        "number a row), auction.json and manifest.json as one set, and print\n"
        "per policy and format the mean revenue, welfare, efficiency against\n"
        "the maximum welfare and rounds, each bidder's lots and payments,\n"
        "and the core constraints binding in the cca (network values are\n"
        "priced by each policy's rollout program, built but not solved).\n"
        "--cats reads a CATS instance file instead (each good a band of one\n"
        "lot, each bidder's bids its XOR packages); --to-cats writes a\n"
        "scenario's explicit values as one.",
    .files_min = 0,
    .files_max = 1,
    .opts = opts,
    .nopts = sizeof opts / sizeof opts[0],
    .main = auction_main,
};
