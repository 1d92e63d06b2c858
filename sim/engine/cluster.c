/* cluster.c — replications shared out over MPI ranks (see cluster.h).
 *
 * The protocol, all messages tagged with the run's number so that runs
 * following each other (sweeps, tornado charts) never mix:
 *   REQ     rank r -> 0   int: how many replications r would take now
 *   WORK    0 -> rank r   long[]: replications to compute; none: no more
 *   RESULT  rank r -> 0   one packed record (record.h), whose first 8
 *                         bytes are its replication; or, last, -1 and
 *                         r's cluster_rank_stats: r has sent everything
 * Rank r asks again when what it holds (queued, computing, not yet sent)
 * falls below ASK_PER_THREAD replications per compute thread, so it is
 * never idle while rank 0 answers. Rank 0 answers a request when it can
 * hand out at least one replication or has none left; while the window
 * is full the request waits.
 */
#include "cluster.h"

#ifndef SPECSIM_MPI

err_code cluster_init(int *argc, char ***argv, err_t *e)
{
    (void)argc, (void)argv, (void)e;
    return ERR_OK;
}

void cluster_finalize(void) {}
int cluster_rank(void) { return 0; }
int cluster_size(void) { return 1; }
bool cluster_root(void) { return true; }

err_code cluster_run(const scn *s, const engine_opts *o, int threads, agg *a,
                  engine_stats *st, err_t *e)
{
    (void)s, (void)o, (void)threads, (void)a, (void)st, (void)e;
    SPECSIM_ASSERT(!"cluster_run without MPI");
    return ERR_USAGE;
}

#else

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mpi.h>

#include "clock.h"
#include "record.h"

/* Replications a rank holds ahead, per compute thread. */
#define ASK_PER_THREAD 2
/* Replications handed out past the first not yet aggregated, per compute
 * thread of the whole job: room for a slow replication to hold up
 * aggregation while the others go on. */
#define WINDOW_PER_THREAD 16
/* Most memory rank 0 gives the window's records, unless the ranks'
 * holdings alone need more. */
#define WINDOW_BYTES_MAX (512L * 1024 * 1024)
/* Sleep of a thread with nothing to do, in nanoseconds: it starts short
 * and doubles while the thread stays idle, up to a maximum still short
 * against a replication (and hidden by the replications each rank holds
 * ahead) but long enough that an idle thread wakes at most 500 times a
 * second. */
#define NAP_MIN_NS 50000L
#define NAP_MAX_NS 2000000L
/* Distinct tag blocks before run numbers wrap (MPI guarantees tags up to
 * 32767). */
#define EPOCHS 4096

enum { TAG_REQ = 0, TAG_WORK, TAG_RESULT, TAGS };

static int world_rank, world_size = 1;
static long epoch;
static cluster_rank_stats *rank_stats;   /* [world_size], on rank 0 */
/* Summed over every run of this process (a sweep makes several). */
static cluster_rank_stats *rank_totals;  /* [world_size], on rank 0 */

err_code cluster_init(int *argc, char ***argv, err_t *e)
{
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) !=
        MPI_SUCCESS)
        return err_set(e, ERR_IO, "MPI could not start");
    if (provided < MPI_THREAD_FUNNELED)
        return err_set(e, ERR_IO, "MPI gives no thread support; specsim "
                       "needs MPI_THREAD_FUNNELED");
    /* Failed calls come back as codes: a rank whose messages fail loses
     * its work to the others instead of ending the job from inside MPI. */
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &world_size);
    return ERR_OK;
}

void cluster_finalize(void)
{
    free(rank_stats);
    free(rank_totals);
    rank_stats = rank_totals = NULL;
    int done = 0;
    MPI_Finalized(&done);
    if (!done) MPI_Finalize();
}

int cluster_rank(void) { return world_rank; }
int cluster_size(void) { return world_size; }
bool cluster_root(void) { return world_rank == 0; }

static int tag(int t) { return (int)(epoch % EPOCHS) * TAGS + t; }

/* Sleep *ns, and sleep longer next time. */
static void nap(long *ns)
{
    struct timespec ts = {0, *ns};
    nanosleep(&ts, NULL);
    *ns = *ns * 2 < NAP_MAX_NS ? *ns * 2 : NAP_MAX_NS;
}

/* The state of a replication in rank 0's window. */
enum { SLOT_FREE = 0, SLOT_ASSIGNED, SLOT_DONE, SLOT_KEPT };

/* Everything a rank's threads share; fields marked (L) only under
 * `#pragma omp critical(cluster)`. */
typedef struct {
    const scn *s;
    const engine_opts *o;
    agg *a;
    engine_stats *st;
    engine_pool *pool;
    int threads;               /* compute threads of this rank */
    size_t rec_max;            /* largest packed record */
    unsigned char *pack;       /* [threads * rec_max]: each thread's record */
    double *busy;              /* [threads]: seconds computing */
    double talk;               /* seconds the talking thread worked (not
                                * napping): messages, aggregation, journal */
    long computed;             /* (L) replications computed here */
    int running;               /* (L) compute threads inside a replication */
    bool quit;                 /* (L) compute threads leave when idle */
    /* rank 0: the window and who computes what */
    long total, next, base, window;
    char *state;               /* (L) [window] */
    int *owner;                /* (L) [window] */
    size_t *len;               /* (L) [window] */
    unsigned char *bytes;      /* (L) [window * rec_max] */
    long *retry;               /* (L) [window]: to hand out again */
    long nretry;               /* (L) */
    int *pending;              /* [world_size]: replications asked for */
    int ranks_done;            /* ranks that sent DONE (or failed) */
    rep_record *rec;           /* the record being aggregated */
    err_code rc;               /* the first error that stops the run */
    err_t *e;
    /* other ranks: replications to compute, and results to send */
    long *queue;               /* (L) [cap] ring */
    long qhead, qlen, cap;     /* (L) */
    bool no_more;              /* rank 0 has nothing more to give */
    bool asked;                /* a request is waiting for its answer */
    unsigned char *out;        /* (L) [cap * rec_max] */
    size_t *out_len;           /* (L) [cap] */
    long nout;                 /* (L) */
} cluster_ctx;

/* The talking thread's packing buffer, after the compute threads'. */
static unsigned char *talk_buffer(const cluster_ctx *c)
{
    return c->pack + (size_t)c->threads * c->rec_max;
}

/* ---- rank 0: handing out ---- */

/* The next replication to compute on `rank`, or false when none can be
 * handed out now. Replications the store keeps are marked and skipped.
 * Call under critical(cluster). */
static bool hand_out(cluster_ctx *c, int rank, long *rep)
{
    if (c->rc != ERR_OK || engine_stopping()) return false;
    if (c->nretry > 0) {
        *rep = c->retry[--c->nretry];
    } else {
        const engine_store *k = c->o->store;
        for (;;) {
            if (c->next >= c->total || c->next >= c->base + c->window)
                return false;
            *rep = c->next++;
            if (!(k && k->has(k->ctx, *rep))) break;
            c->state[*rep % c->window] = SLOT_KEPT;
        }
    }
    c->state[*rep % c->window] = SLOT_ASSIGNED;
    c->owner[*rep % c->window] = rank;
    return true;
}

/* Whether nothing is left to hand out, now or later. Under critical. */
static bool exhausted(const cluster_ctx *c)
{
    return c->rc != ERR_OK || engine_stopping() ||
           (c->next >= c->total && c->nretry == 0);
}

/* Hand out again what `rank` was computing: it failed. */
static void reassign(cluster_ctx *c, int rank)
{
#pragma omp critical(cluster)
    for (long r = c->base; r < c->next; r++) {
        long i = r % c->window;
        if (c->state[i] == SLOT_ASSIGNED && c->owner[i] == rank) {
            c->state[i] = SLOT_FREE;
            c->retry[c->nretry++] = r;
        }
    }
}

/* Rank `r` has failed: what it held goes to the others, and it counts as
 * done. */
static void rank_failed(cluster_ctx *c, int r)
{
    if (rank_stats[r].failed) return;
    rank_stats[r].failed = true;
    rank_stats[r].rank = r;
    c->pending[r] = 0;
    c->ranks_done++;
    reassign(c, r);
}

/* Answer the requests that can be answered now. */
static bool answer_requests(cluster_ctx *c)
{
    bool acted = false;
    long *reps = c->retry + c->window;   /* scratch after the retry list */
    for (int r = 1; r < world_size; r++) {
        if (c->pending[r] == 0) continue;
        int n = 0;
        bool none;
#pragma omp critical(cluster)
        {
            while (n < c->pending[r] && n < c->window &&
                   hand_out(c, r, &reps[n]))
                n++;
            none = n == 0 && exhausted(c);
        }
        if (n == 0 && !none) continue;
        c->pending[r] = 0;
        acted = true;
        if (MPI_Send(reps, n, MPI_LONG, r, tag(TAG_WORK), MPI_COMM_WORLD) !=
            MPI_SUCCESS)
            rank_failed(c, r);
    }
    return acted;
}

/* A packed record from rank `src` into its window slot. A result nobody
 * is waiting for (from a rank thought failed, whose replication was
 * handed out again) is dropped. */
static void take_result(cluster_ctx *c, int src, const unsigned char *b,
                        size_t n)
{
    int64_t rep = -1;
    memcpy(&rep, b, sizeof rep);
    bool ok = false;
#pragma omp critical(cluster)
    if (rep >= c->base && rep < c->next && n <= c->rec_max) {
        long i = (long)rep % c->window;
        ok = c->state[i] == SLOT_ASSIGNED && c->owner[i] == src;
        if (ok) {
            memcpy(c->bytes + (size_t)i * c->rec_max, b, n);
            c->len[i] = n;
            c->state[i] = SLOT_DONE;
        }
    }
    if (ok) rank_stats[src].replications++;
}

/* A rank's closing message: its statistics. */
static void take_done(cluster_ctx *c, int src, const unsigned char *b, size_t n)
{
    cluster_rank_stats rs;
    if (n != sizeof(int64_t) + sizeof rs) {
        rank_failed(c, src);
        return;
    }
    if (rank_stats[src].failed) return;
    memcpy(&rs, b + sizeof(int64_t), sizeof rs);
    long got = rank_stats[src].replications;
    rank_stats[src] = rs;
    rank_stats[src].rank = src;
    rank_stats[src].replications = got;
    c->ranks_done++;
    /* A rank that could not start held nothing; one that stopped on a
     * failed message may have. */
    if (rs.failed) reassign(c, src);
}

/* Receive one message of this run, if any has come. Results and the
 * closing statistics share a tag, so MPI's order between two ranks
 * guarantees every result of a rank arrives before its statistics. */
static bool serve_one(cluster_ctx *c)
{
    for (int t = TAG_REQ; t <= TAG_RESULT; t++) {
        if (t == TAG_WORK) continue;
        int flag = 0, n = 0;
        MPI_Status ms;
        if (MPI_Iprobe(MPI_ANY_SOURCE, tag(t), MPI_COMM_WORLD, &flag, &ms) !=
                MPI_SUCCESS || !flag)
            continue;
        int src = ms.MPI_SOURCE;
        MPI_Get_count(&ms, MPI_BYTE, &n);
        if (t == TAG_REQ) {
            int want = 0;
            if (MPI_Recv(&want, 1, MPI_INT, src, tag(t), MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE) != MPI_SUCCESS || want < 0)
                rank_failed(c, src);
            else if (!rank_stats[src].failed)
                c->pending[src] = want;
            return true;
        }
        unsigned char *b = talk_buffer(c);
        int64_t rep = -1;
        if (n < (int)sizeof rep || (size_t)n > c->rec_max ||
            MPI_Recv(b, n, MPI_BYTE, src, tag(t), MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE) != MPI_SUCCESS) {
            rank_failed(c, src);
            return true;
        }
        memcpy(&rep, b, sizeof rep);
        if (rep >= 0) take_result(c, src, b, (size_t)n);
        else take_done(c, src, b, (size_t)n);
        return true;
    }
    return false;
}

/* ---- rank 0: aggregating ---- */

/* Aggregate the next replication if it is ready. */
static bool aggregate_next(cluster_ctx *c)
{
    if (c->rc != ERR_OK || c->base >= c->total) return false;
    long i = c->base % c->window;
    char st;
    size_t n = 0;
    unsigned char *b = talk_buffer(c);
#pragma omp critical(cluster)
    {
        st = c->state[i];
        if (st == SLOT_DONE) {
            n = c->len[i];
            memcpy(b, c->bytes + (size_t)i * c->rec_max, n);
        }
    }
    if (st != SLOT_DONE && st != SLOT_KEPT) return false;
    const engine_store *k = c->o->store;
    bool kept = st == SLOT_KEPT;
    if (kept && !k->load(k->ctx, c->base, c->rec)) {
        /* Unreadable after all: compute it. */
#pragma omp critical(cluster)
        {
            c->state[i] = SLOT_FREE;
            c->retry[c->nretry++] = c->base;
        }
        return true;
    }
    err_code rc = kept ? ERR_OK : record_unpack(c->s, b, n, c->rec, c->e);
    if (rc == ERR_OK) rc = engine_rep_finish(c->o, c->a, c->rec, kept, c->e);
    if (rc == ERR_OK && k) rc = k->sync(k->ctx, false, c->e);
#pragma omp critical(cluster)
    {
        if (rc != ERR_OK) c->rc = rc;
        c->state[i] = SLOT_FREE;
        c->base++;
    }
    if (rc == ERR_OK) {
        c->st->done++;
        c->st->restored += kept;
    }
    return true;
}

/* Rank 0's talking thread: aggregate, answer, until every rank is done
 * and nothing more can be aggregated. */
static void root_loop(cluster_ctx *c)
{
    long ns = NAP_MIN_NS;
    for (;;) {
        double t0 = clock_seconds();
        bool acted = aggregate_next(c);
        acted = serve_one(c) || acted;
        acted = answer_requests(c) || acted;
        if (acted) {
            c->talk += clock_seconds() - t0;
            ns = NAP_MIN_NS;
            continue;
        }
        bool end;
#pragma omp critical(cluster)
        {
            end = c->ranks_done == world_size - 1 && c->running == 0 &&
                  (c->base >= c->total || exhausted(c));
            if (end) c->quit = true;
        }
        /* Whatever finished before the end is still aggregated. */
        if (end && !aggregate_next(c)) return;
        if (!end) nap(&ns);
    }
}

/* ---- every rank: computing ---- */

/* The next replication for compute thread of this rank; false when there
 * is none now. Under critical. */
static bool take(cluster_ctx *c, long *rep)
{
    if (world_rank == 0) return hand_out(c, 0, rep);
    if (c->qlen == 0) return false;
    *rep = c->queue[c->qhead];
    c->qhead = (c->qhead + 1) % c->cap;
    c->qlen--;
    return true;
}

/* Put a packed record where it goes: rank 0's window, or the outbox. */
static void put(cluster_ctx *c, long rep, const unsigned char *b, size_t n)
{
    if (world_rank == 0) {
        long i = rep % c->window;
        memcpy(c->bytes + (size_t)i * c->rec_max, b, n);
        c->len[i] = n;
        c->state[i] = SLOT_DONE;
    } else {
        memcpy(c->out + (size_t)c->nout * c->rec_max, b, n);
        c->out_len[c->nout++] = n;
    }
}

static void compute_loop(cluster_ctx *c, int t)
{
    unsigned char *b = c->pack + (size_t)t * c->rec_max;
    long ns = NAP_MIN_NS;
    for (;;) {
        long rep = -1;
        bool got, quit;
#pragma omp critical(cluster)
        {
            got = take(c, &rep);
            quit = c->quit;
            c->running += got;
        }
        if (!got && quit) break;
        if (!got) {
            nap(&ns);
            continue;
        }
        ns = NAP_MIN_NS;
        double t0 = clock_seconds();
        err_t fault;
        err_clear(&fault);
        const rep_record *r = engine_pool_rep(c->pool, t, rep, &fault);
        if (r == NULL) {
            /* The scenario's numbers are out of range in this replication:
             * as in a run on one process, the run ends with the message
             * (exit 2, a scenario error), on every rank. */
            fprintf(stderr, "specsim: %s\n", fault.msg);
            MPI_Abort(MPI_COMM_WORLD, 2);
        }
        size_t n = record_pack(c->s, r, b);
        c->busy[t] += clock_seconds() - t0;
#pragma omp critical(cluster)
        {
            put(c, rep, b, n);
            c->computed++;
            c->running--;
        }
    }
    engine_pool_thread_done();
}

/* ---- other ranks: talking to rank 0 ---- */

static bool send_results(cluster_ctx *c, bool *failed)
{
    unsigned char *b = talk_buffer(c);
    size_t n = 0;
    bool any;
#pragma omp critical(cluster)
    {
        any = c->nout > 0;
        if (any) {
            c->nout--;
            n = c->out_len[c->nout];
            memcpy(b, c->out + (size_t)c->nout * c->rec_max, n);
        }
    }
    if (any && MPI_Send(b, (int)n, MPI_BYTE, 0, tag(TAG_RESULT),
                        MPI_COMM_WORLD) != MPI_SUCCESS)
        *failed = true;
    return any;
}

/* Ask for work when little is held; take the answer when it has come. */
static bool ask_and_receive(cluster_ctx *c, bool *failed)
{
    long held;
#pragma omp critical(cluster)
    held = c->qlen + c->running + c->nout;
    long room = c->cap - held;
    if (!c->no_more && !c->asked && room >= c->threads) {
        int want = (int)room;
        c->asked = true;
        if (MPI_Send(&want, 1, MPI_INT, 0, tag(TAG_REQ), MPI_COMM_WORLD) !=
            MPI_SUCCESS)
            *failed = true;
        return true;
    }
    int flag = 0, n = 0;
    MPI_Status ms;
    if (!c->asked || MPI_Iprobe(0, tag(TAG_WORK), MPI_COMM_WORLD, &flag,
                                &ms) != MPI_SUCCESS || !flag)
        return false;
    long *reps = c->queue + c->cap;     /* scratch after the ring */
    MPI_Get_count(&ms, MPI_LONG, &n);
    if (n < 0 || n > room ||
        MPI_Recv(reps, n, MPI_LONG, 0, tag(TAG_WORK), MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE) != MPI_SUCCESS) {
        *failed = true;
        return true;
    }
    c->asked = false;
    c->no_more = n == 0;
#pragma omp critical(cluster)
    for (int i = 0; i < n; i++) {
        c->queue[(c->qhead + c->qlen) % c->cap] = reps[i];
        c->qlen++;
    }
    return true;
}

/* A rank's talking thread: send results, ask for work, until rank 0 has
 * no more and everything computed here is sent. On a failed message the
 * rank stops: rank 0 hands its work to the others. */
static void worker_loop(cluster_ctx *c, bool *failed)
{
    long ns = NAP_MIN_NS;
    for (;;) {
        double t0 = clock_seconds();
        bool acted = send_results(c, failed);
        if (!*failed) acted = ask_and_receive(c, failed) || acted;
        if (acted) {
            c->talk += clock_seconds() - t0;
            ns = NAP_MIN_NS;
        }
        bool end;
#pragma omp critical(cluster)
        {
            end = *failed || (c->no_more && c->qlen == 0 &&
                              c->running == 0 && c->nout == 0);
            if (end) {
                c->quit = true;
                c->qlen = 0;
            }
        }
        if (end) return;
        if (!acted) nap(&ns);
    }
}

/* ---- setting up ---- */

static void ctx_free(cluster_ctx *c)
{
    free(c->pack); free(c->busy); free(c->state); free(c->owner);
    free(c->len); free(c->bytes); free(c->retry); free(c->pending);
    free(c->rec); free(c->queue); free(c->out); free(c->out_len);
}

/* Buffers of this rank; false when out of memory. */
static bool ctx_alloc(cluster_ctx *c)
{
    size_t t = (size_t)c->threads, m = c->rec_max;
    c->pack = malloc((t + 1) * m);
    c->busy = calloc(t, sizeof *c->busy);
    bool ok = c->pack && c->busy;
    if (world_rank == 0) {
        size_t w = (size_t)c->window;
        c->state = calloc(w, 1);
        c->owner = calloc(w, sizeof *c->owner);
        c->len = calloc(w, sizeof *c->len);
        c->bytes = malloc(w * m);
        c->retry = calloc(2 * w, sizeof *c->retry);
        c->pending = calloc((size_t)world_size, sizeof *c->pending);
        c->rec = malloc(sizeof *c->rec);
        free(rank_stats);
        rank_stats = calloc((size_t)world_size, sizeof *rank_stats);
        if (rank_totals == NULL)
            rank_totals = calloc((size_t)world_size, sizeof *rank_totals);
        ok = ok && c->state && c->owner && c->len && c->bytes && c->retry &&
             c->pending && c->rec && rank_stats && rank_totals;
    } else {
        size_t q = (size_t)c->cap;
        c->queue = calloc(2 * q, sizeof *c->queue);
        c->out = malloc(q * m);
        c->out_len = calloc(q, sizeof *c->out_len);
        ok = ok && c->queue && c->out && c->out_len;
    }
    return ok;
}

/* A rank's last message of the run: its statistics, after its results. */
static void send_done(const cluster_rank_stats *me)
{
    unsigned char msg[sizeof(int64_t) + sizeof *me];
    int64_t last = -1;
    memcpy(msg, &last, sizeof last);
    memcpy(msg + sizeof last, me, sizeof *me);
    MPI_Send(msg, (int)sizeof msg, MPI_BYTE, 0, tag(TAG_RESULT),
             MPI_COMM_WORLD);
}

/* Replications handed out ahead of aggregation: WINDOW_PER_THREAD per
 * compute thread of the job within WINDOW_BYTES_MAX, but never fewer
 * than every rank may hold at once (ASK_PER_THREAD queued and one
 * computing per thread, and as many waiting to be sent). */
static long window_size(long job_threads, size_t rec_max)
{
    long want = WINDOW_PER_THREAD * job_threads;
    long held = 2 * (ASK_PER_THREAD + 1) * job_threads;
    long fits = WINDOW_BYTES_MAX / (long)rec_max;
    long w = want < fits ? want : fits;
    return w > held ? w : held;
}

/* This rank's own line of the manifest. */
static cluster_rank_stats own_stats(const cluster_ctx *c, double seconds,
                                 const engine_stats *pool_st, bool failed)
{
    cluster_rank_stats rs;
    memset(&rs, 0, sizeof rs);
    rs.rank = world_rank;
    char host[MPI_MAX_PROCESSOR_NAME];
    int n = 0;
    if (MPI_Get_processor_name(host, &n) != MPI_SUCCESS) n = 0;
    snprintf(rs.host, sizeof rs.host, "%.*s", n, host);
    rs.threads = c->threads;
    rs.replications = c->computed;
    rs.seconds = seconds;
    for (int t = 0; c->busy && t < c->threads; t++)
        rs.busy_seconds += c->busy[t];
    rs.talk_seconds = c->talk;
    rs.glpk_seconds = pool_st->glpk_seconds;
    rs.programs = pool_st->programs;
    rs.reused = pool_st->reused;
    rs.nodes = pool_st->nodes;
    rs.auction_seconds = pool_st->auction_seconds;
    rs.auction_glpk_seconds = pool_st->auction_glpk_seconds;
    rs.auctions = pool_st->auctions;
    rs.failed = failed;
    return rs;
}

/* Add this run's line of each rank to the totals of the process. */
static void add_totals(void)
{
    for (int r = 0; r < world_size; r++) {
        const cluster_rank_stats *x = &rank_stats[r];
        cluster_rank_stats *y = &rank_totals[r];
        y->rank = r;
        if (x->host[0]) memcpy(y->host, x->host, sizeof y->host);
        y->threads = x->threads ? x->threads : y->threads;
        y->replications += x->replications;
        y->seconds += x->seconds;
        y->busy_seconds += x->busy_seconds;
        y->talk_seconds += x->talk_seconds;
        y->glpk_seconds += x->glpk_seconds;
        y->programs += x->programs;
        y->reused += x->reused;
        y->nodes += x->nodes;
        y->auction_seconds += x->auction_seconds;
        y->auction_glpk_seconds += x->auction_glpk_seconds;
        y->auctions += x->auctions;
        y->failed = y->failed || x->failed;
    }
}

/* One parallel region: thread 0 talks, threads 1..T compute. */
static void run_region(cluster_ctx *c, bool *failed)
{
#pragma omp parallel num_threads(c->threads + 1)
    {
        int t = engine_thread_num();
        if (t > 0) compute_loop(c, t - 1);
        else if (world_rank == 0) root_loop(c);
        else worker_loop(c, failed);
    }
}

err_code cluster_run(const scn *s, const engine_opts *o, int threads, agg *a,
                  engine_stats *st, err_t *e)
{
    epoch++;
    double t0 = clock_seconds();
    /* Other ranks may have other thread counts; rank 0 sizes its window
     * as if they had its own. */
    long job_threads = (long)threads * world_size;
    size_t rec_max = record_packed_max(s);
    cluster_ctx c = {.s = s, .o = o, .a = a, .st = st, .threads = threads,
                  .rec_max = rec_max, .total = o->replications,
                  .window = window_size(job_threads, rec_max),
                  .cap = (long)ASK_PER_THREAD * threads + threads, .e = e};
    SPECSIM_ASSERT(c.rec_max >= sizeof(int64_t) + sizeof(cluster_rank_stats));
    st->ranks = world_size;
    bool failed = !ctx_alloc(&c);
    if (failed) err_set(e, ERR_NOMEM, "out of memory for rank %d", world_rank);
    if (!failed && (c.pool = engine_pool_alloc(s, o, threads, e)) == NULL)
        failed = true;
    err_code rc = failed ? (e->code ? e->code : ERR_NOMEM) : ERR_OK;
    engine_stats pool_st = {0};
    /* A rank that cannot start says so at once and is given no work. */
    if (!failed) run_region(&c, &failed);
    if (world_rank == 0 && !failed) rc = c.rc;
    engine_pool_free(c.pool, &pool_st);
    cluster_rank_stats me = own_stats(&c, clock_seconds() - t0, &pool_st, failed);
    if (world_rank != 0) {
        if (failed && e->msg[0])
            fprintf(stderr, "specsim: rank %d: %s; the other ranks do its "
                    "share\n", world_rank, e->msg);
        send_done(&me);
        ctx_free(&c);
        /* Rank 0 has its work; this rank's failure is in the manifest. */
        return ERR_OK;
    }
    /* rank 0: the others wait for it, so it cannot go on without its
     * workspaces. */
    if (failed) {
        fprintf(stderr, "specsim: rank 0: %s\n", e->msg);
        MPI_Abort(MPI_COMM_WORLD, err_exit_code(rc));
    }
    if (rc == ERR_OK && o->store) rc = o->store->sync(o->store->ctx, true, e);
    me.replications = c.computed;
    rank_stats[0] = me;
    add_totals();
    st->per_rank = rank_totals;
    for (int r = 0; r < world_size; r++) {
        const cluster_rank_stats *x = &rank_stats[r];
        st->glpk_seconds += x->glpk_seconds;
        st->programs += x->programs;
        st->reused += x->reused;
        st->nodes += x->nodes;
        st->auction_seconds += x->auction_seconds;
        st->auction_glpk_seconds += x->auction_glpk_seconds;
        st->auctions += x->auctions;
    }
    st->interrupted = rc == ERR_OK && st->done < o->replications;
    st->seconds = clock_seconds() - t0;
    ctx_free(&c);
    return rc;
}

#endif
