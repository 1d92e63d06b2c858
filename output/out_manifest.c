/* out_manifest.c — manifest.json: what produced a run, so it can be
 * reproduced: version, commit, command line, seed, scenario hash, thread
 * count, replications done, library versions, timing. Timing and thread
 * count live only here, never in the summary files, which must be
 * byte-identical for any thread count. */
#include "out.h"

#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_version.h>
#include <jansson.h>
#include <nettle/version.h>
#include <yaml.h>

#include "cluster.h"
#include "deploy.h"
#include "version.h"

static json_t *libraries(void)
{
    json_t *l = json_object();
    char buf[32];
    json_object_set_new(l, "glpk", json_string(deploy_glpk_version()));
    json_object_set_new(l, "gsl", json_string(gsl_version));
    json_object_set_new(l, "libyaml", json_string(yaml_get_version_string()));
    json_object_set_new(l, "jansson", json_string(JANSSON_VERSION));
    snprintf(buf, sizeof buf, "%d.%d", nettle_version_major(),
             nettle_version_minor());
    json_object_set_new(l, "nettle", json_string(buf));
    return l;
}

static json_t *timing(const out_run_info *in)
{
    json_t *t = json_object();
    json_object_set_new(t, "seconds", json_real(in->seconds));
    json_object_set_new(t, "glpk_seconds_all_threads", json_real(in->glpk_seconds));
    json_object_set_new(t, "programs_solved",
                        json_integer(in->programs - in->reused));
    json_object_set_new(t, "programs_reused", json_integer(in->reused));
    json_object_set_new(t, "branch_and_bound_nodes", json_integer(in->nodes));
    json_object_set_new(t, "auction_seconds_all_threads", json_real(in->auction_seconds));
    json_object_set_new(t, "auction_glpk_seconds_all_threads",
                        json_real(in->auction_glpk_seconds));
    json_object_set_new(t, "auctions_run", json_integer(in->auctions));
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        json_object_set_new(t, "peak_rss_kib", json_integer(ru.ru_maxrss));
    return t;
}

/* The processes of a distributed run: one object per rank, with where it
 * ran, its threads, how many replications it computed and its timing. */
static json_t *ranks_json(const out_run_info *in)
{
    json_t *l = json_array();
    for (int r = 0; r < in->ranks; r++) {
        const cluster_rank_stats *x = &in->per_rank[r];
        json_t *o = json_object();
        json_object_set_new(o, "rank", json_integer(r));
        json_object_set_new(o, "host", json_string(x->host));
        json_object_set_new(o, "threads", json_integer(x->threads));
        json_object_set_new(o, "replications", json_integer(x->replications));
        json_object_set_new(o, "seconds", json_real(x->seconds));
        json_object_set_new(o, "busy_seconds_all_threads",
                            json_real(x->busy_seconds));
        json_object_set_new(o, "glpk_seconds_all_threads",
                            json_real(x->glpk_seconds));
        json_object_set_new(o, "talk_seconds", json_real(x->talk_seconds));
        json_object_set_new(o, "failed", json_boolean(x->failed));
        json_array_append_new(l, o);
    }
    return l;
}

/* How the work was spread: ranks, threads per rank, and what the
 * checkpoint journal gave back. */
static void spread_json(json_t *m, const out_run_info *in)
{
    json_object_set_new(m, "ranks", json_integer(in->ranks > 1 ? in->ranks
                                                                : 1));
    json_object_set_new(m, "threads_per_rank", json_integer(in->threads));
    if (in->ranks > 1 && in->per_rank)
        json_object_set_new(m, "per_rank", ranks_json(in));
    json_object_set_new(m, "replications_resumed",
                        json_integer(in->replications_resumed));
}

err_code out_manifest_json(FILE *f, const out_ctx *c, err_t *e)
{
    const out_run_info *in = c->info;
    char when[32];
    time_t now = time(NULL);
    struct tm tmv;
    gmtime_r(&now, &tmv);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tmv);
    json_t *m = json_object();
    json_object_set_new(m, "program", json_string("specsim"));
    json_object_set_new(m, "version", json_string(SPECSIM_VERSION));
    json_object_set_new(m, "commit", json_string(SPECSIM_COMMIT));
    json_object_set_new(m, "created_utc", json_string(when));
    json_object_set_new(m, "command_line", json_string(in->command_line));
    json_object_set_new(m, "scenario", json_string(c->s->file));
    /* Of the bytes the loader parsed, hashed as they were read: the file
     * may have changed since, or be a pipe that cannot be read twice. */
    json_object_set_new(m, "scenario_sha256",
                        in->scenario_sha256 ? json_string(in->scenario_sha256)
                                            : json_null());
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)in->seed);
    json_object_set_new(m, "seed", json_string(seed));
    json_object_set_new(m, "threads", json_integer(in->threads));
    json_object_set_new(m, "replications_requested", json_integer(in->replications_requested));
    json_object_set_new(m, "replications_done", json_integer(in->replications_done));
    json_object_set_new(m, "complete", json_boolean(!in->interrupted &&
                        in->replications_done == in->replications_requested));
    json_object_set_new(m, "interrupted", json_boolean(in->interrupted));
    spread_json(m, in);
    json_object_set_new(m, "libraries", libraries());
    json_object_set_new(m, "timing", timing(in));
    int r = json_dumpf(m, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    fputc('\n', f);
    json_decref(m);
    return r == 0 ? ERR_OK : err_set(e, ERR_IO, "manifest.json: cannot encode");
}
