/* memo.c — solved rollout programs kept for reuse (see memo.h). */
#include "memo.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char digest[32];
    int ncols;
    int status;
    double objective;
    long nodes;
    double *x;                  /* [ncols + 1], x[0] unused */
    unsigned long used;         /* when last found or kept */
} entry;

struct engine_memo {
    deploy_memo hooks;
    pthread_mutex_t lock;
    entry *e;
    int n, cap;
    size_t bytes, max_bytes;
    unsigned long clock;
    long hits;
};

static size_t entry_bytes(int ncols)
{
    return ((size_t)ncols + 1) * sizeof(double);
}

static entry *lookup(engine_memo *m, const unsigned char d[32], int ncols)
{
    for (int i = 0; i < m->n; i++)
        if (m->e[i].ncols == ncols && memcmp(m->e[i].digest, d, 32) == 0)
            return &m->e[i];
    return NULL;
}

static bool find(void *ctx, const unsigned char d[32], int ncols, double *x,
                 int *status, double *objective, long *nodes)
{
    engine_memo *m = ctx;
    pthread_mutex_lock(&m->lock);
    entry *en = lookup(m, d, ncols);
    if (en != NULL) {
        memcpy(x, en->x, entry_bytes(ncols));
        *status = en->status;
        *objective = en->objective;
        *nodes = en->nodes;
        en->used = ++m->clock;
        m->hits++;
    }
    pthread_mutex_unlock(&m->lock);
    return en != NULL;
}

/* Give up the least recently used solution. */
static void evict_one(engine_memo *m)
{
    int old = 0;
    for (int i = 1; i < m->n; i++)
        if (m->e[i].used < m->e[old].used) old = i;
    m->bytes -= entry_bytes(m->e[old].ncols);
    free(m->e[old].x);
    m->e[old] = m->e[--m->n];
}

static void keep(void *ctx, const unsigned char d[32], int ncols,
                 const double *x, int status, double objective, long nodes)
{
    engine_memo *m = ctx;
    size_t need = entry_bytes(ncols);
    if (need > m->max_bytes) return;
    pthread_mutex_lock(&m->lock);
    /* Another thread may have solved the same program meanwhile. */
    if (lookup(m, d, ncols) == NULL) {
        while (m->n > 0 && m->bytes + need > m->max_bytes) evict_one(m);
        double *copy = malloc(need);
        if (m->n == m->cap && copy != NULL) {
            int cap = m->cap > 0 ? 2 * m->cap : 64;
            entry *grown = realloc(m->e, (size_t)cap * sizeof *grown);
            if (grown != NULL) {
                m->e = grown;
                m->cap = cap;
            }
        }
        /* Out of memory: the solution is not kept, nothing else changes. */
        if (copy != NULL && m->n < m->cap) {
            memcpy(copy, x, need);
            entry *en = &m->e[m->n++];
            memcpy(en->digest, d, 32);
            en->ncols = ncols;
            en->status = status;
            en->objective = objective;
            en->nodes = nodes;
            en->x = copy;
            en->used = ++m->clock;
            m->bytes += need;
        } else {
            free(copy);
        }
    }
    pthread_mutex_unlock(&m->lock);
}

engine_memo *engine_memo_alloc(size_t max_bytes)
{
    engine_memo *m = calloc(1, sizeof *m);
    if (m == NULL) return NULL;
    if (pthread_mutex_init(&m->lock, NULL) != 0) {
        free(m);
        return NULL;
    }
    m->max_bytes = max_bytes;
    m->hooks = (deploy_memo){.find = find, .keep = keep, .ctx = m};
    return m;
}

void engine_memo_free(engine_memo *m)
{
    if (m == NULL) return;
    for (int i = 0; i < m->n; i++) free(m->e[i].x);
    free(m->e);
    pthread_mutex_destroy(&m->lock);
    free(m);
}

const deploy_memo *engine_memo_hooks(const engine_memo *m)
{
    return &m->hooks;
}

long engine_memo_hits(engine_memo *m)
{
    pthread_mutex_lock(&m->lock);
    long h = m->hits;
    pthread_mutex_unlock(&m->lock);
    return h;
}

long engine_memo_kept(engine_memo *m)
{
    pthread_mutex_lock(&m->lock);
    long k = m->n;
    pthread_mutex_unlock(&m->lock);
    return k;
}

size_t engine_memo_bytes(engine_memo *m)
{
    pthread_mutex_lock(&m->lock);
    size_t b = m->bytes;
    pthread_mutex_unlock(&m->lock);
    return b;
}
