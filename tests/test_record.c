/* test_record.c — a replication's record packed to bytes and back
 * (record.c), and the engine's store of finished replications, through
 * which a resumed run takes what it already has. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "engine.h"
#include "out.h"
#include "record.h"

#define SMALL "tests/data/small.yaml"
#define SMALL_AUCTION "tests/data/small_auction.yaml"
#define SMALL_COUNTRIES "tests/data/small_countries.yaml"

static scn *load(const char *path)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load(path, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
    return s;
}

static rep_record *rep_of(const scn *s, uint64_t seed, long rep)
{
    rep_record *r = calloc(1, sizeof *r);
    err_t e;
    assert_non_null(r);
    assert_int_equal(engine_replication(s, seed, rep, r, &e), ERR_OK);
    return r;
}

static uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

/* Values whose bits a text or float round trip would change come back
 * bit for bit: -0, a NaN with a payload, the smallest subnormal, 2.385;
 * and a diagnosis. Everything else too: packing the unpacked record gives
 * the same bytes. */
static void awkward_values_survive(void **state)
{
    (void)state;
    scn *s = load(SMALL_AUCTION);
    rep_record *r = rep_of(s, 11, 3), *back = malloc(sizeof *back);
    uint64_t nan_bits = 0x7ff8000000000abcULL;
    double nan_payload;
    memcpy(&nan_payload, &nan_bits, sizeof nan_payload);
    r->scalar[1][M_COST_TOTAL] = -0.0;
    r->scalar[1][M_COST_CAPEX] = nan_payload;
    r->yearly[2][MY_RISK][s->year_last - s->year_first] = 4.9e-324;
    r->band[1][s->nbands - 1][MB_PRICE_LOT] = 2.385;
    r->status[2] = 3;
    snprintf(r->diagnosis[2], SPECSIM_ERRMSG_MAX, "infeasible: ban leaves "
             "%d sites short", 42);
    size_t max = record_packed_max(s);
    unsigned char *a = malloc(max), *b = malloc(max);
    size_t n = record_pack(s, r, a);
    assert_true(n > 0 && n <= max);
    memset(back, 0xa5, sizeof *back);
    err_t e;
    assert_int_equal(record_unpack(s, a, n, back, &e), ERR_OK);
    assert_int_equal(back->rep, 3);
    assert_true(bits(back->scalar[1][M_COST_TOTAL]) == bits(-0.0));
    assert_true(bits(back->scalar[1][M_COST_CAPEX]) == nan_bits);
    assert_true(bits(back->yearly[2][MY_RISK][s->year_last - s->year_first]) ==
                bits(4.9e-324));
    assert_true(back->band[1][s->nbands - 1][MB_PRICE_LOT] == 2.385);
    assert_int_equal(back->status[2], 3);
    assert_string_equal(back->diagnosis[2], "infeasible: ban leaves 42 sites short");
    assert_string_equal(back->diagnosis[0], r->diagnosis[0]);
    assert_int_equal(record_pack(s, back, b), n);
    assert_memory_equal(a, b, n);
    free(a); free(b); free(r); free(back);
    scn_free(s);
}

/* Short, long, and a diagnosis length past its buffer are refused. */
static void damaged_bytes_refused(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    rep_record *r = rep_of(s, 5, 0), *back = malloc(sizeof *back);
    size_t max = record_packed_max(s);
    unsigned char *a = calloc(1, max + 1);
    size_t n = record_pack(s, r, a);
    err_t e;
    assert_int_equal(record_unpack(s, a, n - 1, back, &e), ERR_IO);
    assert_contains(e.msg, "too short");
    assert_int_equal(record_unpack(s, a, n + 1, back, &e), ERR_IO);
    assert_contains(e.msg, "left over");
    assert_int_equal(record_unpack(s, a, 3, back, &e), ERR_IO);
    /* the first policy's diagnosis length follows the replication (8
     * bytes) and the status (4) */
    uint16_t huge = SPECSIM_ERRMSG_MAX;
    memcpy(a + 12, &huge, sizeof huge);
    assert_int_equal(record_unpack(s, a, n, back, &e), ERR_IO);
    free(a); free(r); free(back);
    scn_free(s);
}

/* The bound holds with every diagnosis at its longest, and a record of
 * a small scenario is far smaller than the struct. */
static void packed_max_is_the_bound(void **state)
{
    (void)state;
    scn *s = load(SMALL_COUNTRIES);
    rep_record *r = rep_of(s, 2, 1);
    for (int p = 0; p < s->npolicies; p++) {
        memset(r->diagnosis[p], 'x', SPECSIM_ERRMSG_MAX - 1);
        r->diagnosis[p][SPECSIM_ERRMSG_MAX - 1] = '\0';
    }
    size_t max = record_packed_max(s);
    unsigned char *a = malloc(max);
    assert_int_equal(record_pack(s, r, a), max);
    assert_true(max < sizeof(rep_record) / 4);
    free(a); free(r);
    scn_free(s);
}

/* A store in memory: it keeps what the engine saves, and offers back
 * the replications a test chose. */
typedef struct {
    const scn *s;
    long n;
    unsigned char **bytes;   /* [n] packed, or NULL */
    size_t *len;
    bool *offer;             /* [n]: has() says yes */
    long saves, syncs, finals;
} mem_store;

static bool mem_has(void *ctx, long rep)
{
    mem_store *m = ctx;
    return m->offer[rep] && m->bytes[rep] != NULL;
}

static bool mem_load(void *ctx, long rep, rep_record *r)
{
    mem_store *m = ctx;
    err_t e;
    return mem_has(ctx, rep) &&
           record_unpack(m->s, m->bytes[rep], m->len[rep], r, &e) == ERR_OK;
}

static err_code mem_save(void *ctx, const rep_record *r, err_t *e)
{
    (void)e;
    mem_store *m = ctx;
    assert_null(m->bytes[r->rep]);
    m->bytes[r->rep] = malloc(record_packed_max(m->s));
    m->len[r->rep] = record_pack(m->s, r, m->bytes[r->rep]);
    m->saves++;
    return ERR_OK;
}

static err_code mem_sync(void *ctx, bool final, err_t *e)
{
    (void)e;
    mem_store *m = ctx;
    m->syncs++;
    m->finals += final;
    return ERR_OK;
}

static char *run_summary(const scn *s, long reps, int threads,
                         const engine_store *st_in, engine_stats *st)
{
    agg *a = engine_agg_alloc(s);
    engine_opts o = {.replications = reps, .threads = threads, .seed = 17,
                     .store = st_in};
    err_t e;
    assert_int_equal(engine_run(s, &o, a, st, &e), ERR_OK);
    assert_int_equal(st->done, reps);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    out_run_info info = {.command_line = "test", .seed = 17,
                         .replications_requested = reps,
                         .replications_done = st->done};
    out_ctx c = {s, a, &info};
    assert_int_equal(out_summary_csv(f, &c, &e), ERR_OK);
    assert_int_equal(out_summary_json(f, &c, &e), ERR_OK);
    fclose(f);
    agg_free(a);
    return buf;
}

/* A first run saves every replication once, in order; a second run that
 * is offered every third one takes them instead of computing them, saves
 * only the others, and gives the same summaries byte for byte. */
static void store_gives_back_the_same_run(void **state)
{
    (void)state;
    scn *s = load(SMALL_COUNTRIES);
    enum { N = 14 };
    unsigned char *bytes[N] = {0};
    size_t len[N];
    bool offer[N] = {0};
    mem_store m = {s, N, bytes, len, offer, 0, 0, 0};
    engine_store store = {mem_has, mem_load, mem_save, mem_sync, &m};
    engine_stats st;
    char *plain = run_summary(s, N, 2, NULL, &st);
    char *first = run_summary(s, N, 2, &store, &st);
    assert_int_equal(m.saves, N);
    assert_int_equal(m.finals, 1);
    assert_int_equal(st.restored, 0);
    assert_string_equal(plain, first);
    for (int i = 0; i < N; i++) {
        offer[i] = i % 3 == 0;
        if (!offer[i]) {
            free(bytes[i]);
            bytes[i] = NULL;
        }
    }
    m.saves = 0;
    char *second = run_summary(s, N, 3, &store, &st);
    assert_int_equal(st.restored, (N + 2) / 3);
    assert_int_equal(m.saves, N - (N + 2) / 3);
    assert_string_equal(plain, second);
    for (int i = 0; i < N; i++) free(bytes[i]);
    free(plain); free(first); free(second);
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(awkward_values_survive),
        cmocka_unit_test(damaged_bytes_refused),
        cmocka_unit_test(packed_max_is_the_bound),
        cmocka_unit_test(store_gives_back_the_same_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
