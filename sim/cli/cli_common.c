/* cli_common.c — what several commands do the same way (see cli.h). */
#include "cli.h"
#include "cluster.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

int cli_fail(const err_t *e)
{
    fprintf(stderr, "specsim: %s\n", e->msg);
    return err_exit_code(e->code);
}

char *cli_command_line(int argc, char *const *argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++) len += strlen(argv[i]) + 1;
    char *s = malloc(len), *p = s;
    if (s == NULL) return NULL;
    *p = '\0';
    for (int i = 0; i < argc; i++) {
        if (i) *p++ = ' ';
        size_t n = strlen(argv[i]);
        memcpy(p, argv[i], n + 1);
        p += n;
    }
    return s;
}

int cli_load_file(const char *path, cli_loader load, scn **s,
                  char sha256[65])
{
    err_t e;
    SPECSIM_ASSERT(path != NULL);
    char *text = NULL;
    size_t len = 0;
    *s = NULL;
    err_clear(&e);
    err_code rc = scn_read_file(path, &text, &len, &e);
    if (rc == ERR_OK) {
        if (sha256) out_sha256_bytes(text, len, sha256);
        rc = load(path, text, len, s, &e);
    }
    free(text);
    return rc == ERR_OK ? 0 : cli_fail(&e);
}

int cli_load_hashed(const cli_args *a, scn **s, char sha256[65])
{
    return cli_load_file(a->file, scn_load_string, s, sha256);
}

err_code cli_program_size(const scn *s, uint64_t seed, deploy_size *sz,
                          int *pol, err_t *e)
{
    /* The policy with the most instruments gives the largest program. */
    int best = 0;
    for (int i = 1; i < s->npolicies; i++)
        if (s->policies[i].ninstruments > s->policies[best].ninstruments)
            best = i;
    *pol = best;
    deploy_problem *p = calloc(1, sizeof *p);
    if (p == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    err_code rc = engine_problem(s, seed, 0, best, p, e);
    if (rc == ERR_OK) rc = deploy_program_size(p, sz, e);
    free(p);
    return rc;
}

void cli_size_warning(const scn *s, int pol, const deploy_size *sz)
{
    if (sz->cols <= CLI_SLOW_COLS) return;
    fprintf(stderr,
            "specsim: warning: policy '%s' gives rollout programs of %d "
            "rows and %d columns (%d integer), more than %d columns: such "
            "programs have taken minutes each (docs/reliability.md, \"Limits "
            "that say so\"); each solve stops after run.mip_node_limit = "
            "%ld nodes and then counts in solver_limit_share\n",
            s->policies[pol].name, sz->rows, sz->cols, sz->int_cols,
            CLI_SLOW_COLS, s->run.mip_node_limit);
}

void cli_warn_if_slow(const cli_args *a, const scn *s)
{
    if (!cluster_root()) return;
    deploy_size sz;
    int pol;
    err_t e;
    /* An error here is the run's own first error: it reports it. */
    if (cli_program_size(s, cli_seed(a, s), &sz, &pol, &e) == ERR_OK)
        cli_size_warning(s, pol, &sz);
}

/* The length of the stem of scenario file `path`, which *stem points to:
 * its base name without the last extension ("a.b" of "dir/a.b.yaml");
 * 0 when that would not name a visible directory (".yaml", "..yaml",
 * ".hidden.yaml", "dir/"). */
static size_t file_stem(const char *path, const char **stem)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    *stem = base;
    return n == 0 || base[0] == '.' ? 0 : n;
}

err_code cli_output_dir(const cli_args *a, const char *suffix, char *buf,
                        size_t len, err_t *e)
{
    int n;
    if (a->dir) {
        n = snprintf(buf, len, "%s", a->dir);
    } else {
        const char *stem;
        size_t k = file_stem(a->file, &stem);
        if (k == 0)
            return err_set(e, ERR_USAGE, "%s: no output directory can be "
                           "named after this file; give one with -o DIR",
                           a->file);
        n = snprintf(buf, len, "results/%.*s%s%s", (int)k, stem,
                     suffix ? "-" : "", suffix ? suffix : "");
    }
    if (n < 0 || (size_t)n >= len)
        return err_set(e, ERR_USAGE, "output directory %.40s...: longer than "
                       "%zu bytes", buf, len - 1);
    return ERR_OK;
}

err_code cli_policy_find(const scn *s, const char *name, int *pol, err_t *e)
{
    *pol = scn_policy_find(s, name);
    if (*pol >= 0) return ERR_OK;
    char list[SPECSIM_ERRMSG_MAX / 2] = "";
    size_t o = 0;
    for (int p = 0; p < s->npolicies && o + 1 < sizeof list; p++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", p ? ", " : "",
                              s->policies[p].name);
    return err_set(e, ERR_USAGE, "--policy %s: no such policy in %s; "
                   "expected one of %s", name, s->file, list);
}

long cli_replications(const cli_args *a, const scn *s)
{
    return a->reps ? a->reps : s->run.replications;
}

uint64_t cli_seed(const cli_args *a, const scn *s)
{
    return a->have_seed ? a->seed : s->run.seed;
}

err_code cli_per_rep_room(const out_stage *st, uint64_t need, long reps,
                          long runs, const char *what, err_t *e)
{
    uint64_t avail = 0;
    err_code rc = out_stage_free_bytes(st, &avail, e);
    if (rc != ERR_OK || need <= avail) return rc;
    char each[64] = "";
    if (runs > 1)
        snprintf(each, sizeof each, " in each of %ld %s", runs, what);
    return err_set(e, ERR_IO, "--per-rep: replications.csv would take about "
                   "%.1f MB (%.1f kB for each of %ld replications%s), more "
                   "than the %.1f MB free for %s; run fewer replications, "
                   "drop --per-rep or choose another -o", (double)need / 1e6,
                   (double)need / 1e3 / (double)(reps * runs), reps, each,
                   (double)avail / 1e6, out_stage_dir(st));
}

out_run_info cli_run_info(const cli_args *a, uint64_t seed, long requested,
                          const engine_stats *st)
{
    return (out_run_info){.command_line = a->command_line,
                          .seed = seed,
                          .threads = st->threads,
                          .replications_requested = requested,
                          .replications_done = st->done,
                          .interrupted = st->interrupted,
                          .seconds = st->seconds,
                          .glpk_seconds = st->glpk_seconds,
                          .programs = st->programs,
                          .nodes = st->nodes,
                          .reused = st->reused,
                          .auction_seconds = st->auction_seconds,
                          .auction_glpk_seconds = st->auction_glpk_seconds,
                          .auctions = st->auctions,
                          .replications_resumed = st->restored,
                          .ranks = st->ranks,
                          .per_rank = st->per_rank};
}

static void on_stop(int sig)
{
    (void)sig;
    engine_interrupt();
}

void cli_sigint_install(void)
{
    engine_interrupt_clear();
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sa.sa_flags = (int)SA_RESETHAND;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

void cli_sigint_restore(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

int cli_stdout_close(int rc)
{
    if (fflush(stdout) == 0 && !ferror(stdout)) return rc;
    fprintf(stderr, "specsim: standard output: write error: %s\n",
            errno ? strerror(errno) : "unknown");
    return rc ? rc : 1;
}
