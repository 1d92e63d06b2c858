/* cli_common.c — what several commands do the same way (see cli.h). */
#include "cli.h"

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

int cli_load(const cli_args *a, scn **s)
{
    err_t e;
    SPECSIM_ASSERT(a->file != NULL);
    if (scn_load(a->file, s, &e) != ERR_OK) return cli_fail(&e);
    return 0;
}

err_code cli_output_dir(const cli_args *a, const char *suffix, char *buf,
                        size_t len, err_t *e)
{
    int n;
    if (a->dir) {
        n = snprintf(buf, len, "%s", a->dir);
    } else {
        const char *base = strrchr(a->file, '/');
        base = base ? base + 1 : a->file;
        n = snprintf(buf, len, "results/%.*s%s%s", (int)strcspn(base, "."),
                     base, suffix ? "-" : "", suffix ? suffix : "");
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
                          .auction_seconds = st->auction_seconds,
                          .auction_glpk_seconds = st->auction_glpk_seconds,
                          .auctions = st->auctions,
                          .replications_resumed = st->restored,
                          .ranks = st->ranks,
                          .per_rank = st->per_rank};
}

static void on_sigint(int sig)
{
    (void)sig;
    engine_interrupt();
}

void cli_sigint_install(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sa.sa_flags = (int)SA_RESETHAND;
    sigaction(SIGINT, &sa, NULL);
}

void cli_sigint_restore(void)
{
    signal(SIGINT, SIG_DFL);
}
