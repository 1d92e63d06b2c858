/* out_journal.c — the checkpoint journal (see out_journal.h). */
#include "out_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "clock.h"
#include "out.h"
#include "record.h"
#include "version.h"

/* The header: fields at fixed offsets, then the SHA-256 of what precedes
 * it. */
enum {
    H_MAGIC = 0,          /* "specsim-journal\n" */
    H_FORMAT = 16,        /* uint32 */
    H_ORDER = 20,         /* uint32 0x01020304 in the writer's order */
    H_VERSION = 24,       /* 64 bytes: "VERSION (COMMIT)", NUL-padded */
    H_SCENARIO = 88,      /* 64 hex digits of the scenario's SHA-256 */
    H_SEED = 152,         /* uint64 */
    H_REPS = 160,         /* int64 */
    H_RECORD = 168,       /* uint64: largest packed record */
    H_SUM = 224,          /* SHA-256 of bytes 0..223 */
    H_SIZE = 256
};
#define MAGIC "specsim-journal\n"
#define FORMAT 1u
#define ORDER 0x01020304u

/* An entry: marker, payload length, replication, the first 8 bytes of the
 * SHA-256 of those 16 bytes (so a damaged length is never followed), the
 * payload, and the SHA-256 of everything before it. */
enum { E_HEAD = 24, E_SUM = 32 };
#define ENTRY_MARK 0x4a524550u

struct out_journal {
    int fd;
    char path[4200];
    const scn *s;
    long reps;
    size_t rec_max;
    int64_t *at;             /* [reps]: offset of its entry, or -1 */
    int64_t end;             /* where the next entry goes */
    long kept, damaged;
    bool resumed;
    double every, last_sync;
    unsigned char *buf;      /* one entry, for save() and scan() */
    engine_store store;
};

static void sha256(const unsigned char *p, size_t n, uint8_t out[32])
{
    struct sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, n, p);
    sha256_digest(&c, 32, out);
}

static err_code io_fail(out_journal *j, const char *what, err_t *e)
{
    return err_set(e, ERR_IO, "%s: cannot %s: %s", j->path, what,
                   strerror(errno));
}

/* Write all of buf at offset `off`. */
static bool pwrite_all(int fd, const unsigned char *buf, size_t n, off_t off)
{
    while (n > 0) {
        ssize_t w = pwrite(fd, buf, n, off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        buf += w, n -= (size_t)w, off += w;
    }
    return true;
}

/* Read exactly n bytes at `off`; false at end of file or on error. */
static bool pread_all(int fd, unsigned char *buf, size_t n, off_t off)
{
    while (n > 0) {
        ssize_t r = pread(fd, buf, n, off);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        buf += r, n -= (size_t)r, off += r;
    }
    return true;
}

/* ---- the header ---- */

static void header_fields(const out_journal *j, const char *sha,
                          uint64_t seed, unsigned char h[H_SIZE])
{
    memset(h, 0, H_SIZE);
    memcpy(h + H_MAGIC, MAGIC, 16);
    uint32_t format = FORMAT, order = ORDER;
    memcpy(h + H_FORMAT, &format, 4);
    memcpy(h + H_ORDER, &order, 4);
    snprintf((char *)h + H_VERSION, 64, "%s (%s)", SPECSIM_VERSION,
             SPECSIM_COMMIT);
    memcpy(h + H_SCENARIO, sha, 64);
    int64_t reps = j->reps;
    uint64_t rec = j->rec_max;
    memcpy(h + H_SEED, &seed, 8);
    memcpy(h + H_REPS, &reps, 8);
    memcpy(h + H_RECORD, &rec, 8);
    sha256(h, H_SUM, h + H_SUM);
}

/* What differs between the journal's header `old` and this run's `now`,
 * as ERR_USAGE; ERR_OK when they agree. */
static err_code header_check(const out_journal *j, const unsigned char *old,
                             const unsigned char *now, err_t *e)
{
    uint8_t sum[32];
    sha256(old, H_SUM, sum);
    const char *how = "; run without --resume to start afresh";
    if (memcmp(old + H_MAGIC, MAGIC, 16) != 0)
        return err_set(e, ERR_USAGE, "%s: not a specsim journal%s", j->path,
                       how);
    if (memcmp(sum, old + H_SUM, 32) != 0 ||
        memcmp(old + H_FORMAT, now + H_FORMAT, 8) != 0)
        return err_set(e, ERR_USAGE, "%s: damaged header, or written on "
                       "another kind of machine%s", j->path, how);
    uint64_t a, b;
    if (memcmp(old + H_VERSION, now + H_VERSION, 64) != 0)
        return err_set(e, ERR_USAGE, "%s: written by specsim %.64s, this is "
                       "%.64s%s", j->path, (const char *)old + H_VERSION,
                       (const char *)now + H_VERSION, how);
    if (memcmp(old + H_SCENARIO, now + H_SCENARIO, 64) != 0)
        return err_set(e, ERR_USAGE, "%s: journal of another scenario "
                       "(SHA-256 %.12s..., %s has %.12s...)%s", j->path,
                       (const char *)old + H_SCENARIO, j->s->file,
                       (const char *)now + H_SCENARIO, how);
    memcpy(&a, old + H_SEED, 8), memcpy(&b, now + H_SEED, 8);
    if (a != b)
        return err_set(e, ERR_USAGE, "%s: journal of a run with seed %llu, "
                       "this one has seed %llu%s", j->path,
                       (unsigned long long)a, (unsigned long long)b, how);
    memcpy(&a, old + H_REPS, 8), memcpy(&b, now + H_REPS, 8);
    if (a != b)
        return err_set(e, ERR_USAGE, "%s: journal of a run of %llu "
                       "replications, this one has %llu%s", j->path,
                       (unsigned long long)a, (unsigned long long)b, how);
    if (memcmp(old + H_RECORD, now + H_RECORD, 8) != 0)
        return err_set(e, ERR_USAGE, "%s: records of another size%s",
                       j->path, how);
    return ERR_OK;
}

/* A fresh journal holding only the header, written aside and renamed
 * into place, so it is never seen half-made. */
static err_code create(out_journal *j, const unsigned char *h, err_t *e)
{
    char tmp[4300];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", j->path, (long)getpid());
    int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return io_fail(j, "create the journal", e);
    bool ok = pwrite_all(fd, h, H_SIZE, 0) && fsync(fd) == 0 &&
              rename(tmp, j->path) == 0;
    if (!ok) {
        err_code rc = io_fail(j, "write the journal", e);
        close(fd);
        unlink(tmp);
        return rc;
    }
    j->fd = fd;
    j->end = H_SIZE;
    /* The rename itself survives a power loss once the directory is
     * flushed. */
    char dir[4200];
    snprintf(dir, sizeof dir, "%s", j->path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    int dfd = open(slash ? dir : ".", O_RDONLY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return ERR_OK;
}

/* ---- entries ---- */

/* Whether a framing header is intact; its length and replication. */
static bool entry_head(const out_journal *j, const unsigned char *p,
                       uint32_t *len, int64_t *rep)
{
    uint32_t mark;
    uint8_t sum[32];
    memcpy(&mark, p, 4), memcpy(len, p + 4, 4), memcpy(rep, p + 8, 8);
    if (mark != ENTRY_MARK) return false;
    sha256(p, 16, sum);
    return memcmp(sum, p + 16, 8) == 0 && *len <= j->rec_max && *rep >= 0 &&
           *rep < j->reps;
}

/* Read the entry at `off` into buf and check it whole; its length. */
static bool entry_read(const out_journal *j, int64_t off, unsigned char *buf,
                       uint32_t *len, int64_t *rep)
{
    uint8_t sum[32];
    if (!pread_all(j->fd, buf, E_HEAD, off) ||
        !entry_head(j, buf, len, rep) ||
        !pread_all(j->fd, buf + E_HEAD, *len + E_SUM, off + E_HEAD))
        return false;
    sha256(buf, E_HEAD + *len, sum);
    return memcmp(sum, buf + E_HEAD + *len, 32) == 0;
}

/* Index every intact entry; skip damaged ones, resynchronising on the next
 * intact framing header; cut off a torn end. */
static err_code scan(out_journal *j, err_t *e)
{
    struct stat sb;
    if (fstat(j->fd, &sb) != 0) return io_fail(j, "read the journal", e);
    int64_t off = H_SIZE, good_end = H_SIZE, size = sb.st_size;
    bool in_damage = false;
    while (off + E_HEAD + E_SUM <= size) {
        uint32_t len;
        int64_t rep;
        if (entry_read(j, off, j->buf, &len, &rep)) {
            if (j->at[rep] < 0) j->kept++;
            j->at[rep] = off;
            off += E_HEAD + len + E_SUM;
            good_end = off;
            in_damage = false;
            continue;
        }
        if (!in_damage) j->damaged++;
        in_damage = true;
        /* An intact framing header with a damaged body: skip the body. */
        if (pread_all(j->fd, j->buf, E_HEAD, off) &&
            entry_head(j, j->buf, &len, &rep) &&
            off + E_HEAD + len + E_SUM <= size) {
            off += E_HEAD + len + E_SUM;
            in_damage = false;
        } else {
            off++;
        }
    }
    /* Bytes too few for an entry after an intact one: a torn end. */
    if (!in_damage && off < size) j->damaged++;
    /* Anything after the last intact entry is cut off. */
    if (good_end < size && ftruncate(j->fd, good_end) != 0)
        return io_fail(j, "truncate the journal's damaged end", e);
    j->end = good_end;
    return ERR_OK;
}

/* ---- the store ---- */

static bool store_has(void *ctx, long rep)
{
    const out_journal *j = ctx;
    return rep >= 0 && rep < j->reps && j->at[rep] >= 0;
}

/* Called from several threads at once: the buffers are its own. */
static bool store_load(void *ctx, long rep, rep_record *r)
{
    const out_journal *j = ctx;
    if (!store_has(ctx, rep)) return false;
    unsigned char *buf = malloc(E_HEAD + j->rec_max + E_SUM);
    uint32_t len;
    int64_t got;
    err_t e;
    bool ok = buf && entry_read(j, j->at[rep], buf, &len, &got) &&
              got == rep &&
              record_unpack(j->s, buf + E_HEAD, len, r, &e) == ERR_OK &&
              r->rep == rep;
    free(buf);
    return ok;
}

static err_code store_save(void *ctx, const rep_record *r, err_t *e)
{
    out_journal *j = ctx;
    SPECSIM_ASSERT(r->rep >= 0 && r->rep < j->reps);
    if (j->at[r->rep] >= 0) return ERR_OK;
    unsigned char *b = j->buf;
    uint32_t mark = ENTRY_MARK;
    uint32_t len = (uint32_t)record_pack(j->s, r, b + E_HEAD);
    int64_t rep = r->rep;
    memcpy(b, &mark, 4), memcpy(b + 4, &len, 4), memcpy(b + 8, &rep, 8);
    uint8_t sum[32];
    sha256(b, 16, sum);
    memcpy(b + 16, sum, 8);
    sha256(b, E_HEAD + len, b + E_HEAD + len);
    size_t n = E_HEAD + len + E_SUM;
    if (!pwrite_all(j->fd, b, n, j->end)) return io_fail(j, "write", e);
    j->at[r->rep] = j->end;
    j->end += (int64_t)n;
    return ERR_OK;
}

static err_code store_sync(void *ctx, bool final, err_t *e)
{
    out_journal *j = ctx;
    double now = clock_seconds();
    if (!final && now - j->last_sync < j->every) return ERR_OK;
    j->last_sync = now;
    if (fdatasync(j->fd) != 0) return io_fail(j, "flush", e);
    return ERR_OK;
}

/* ---- opening and closing ---- */

static out_journal *journal_alloc(const scn *s, long reps, double every)
{
    out_journal *j = calloc(1, sizeof *j);
    if (j == NULL) return NULL;
    j->fd = -1;
    j->s = s;
    j->reps = reps;
    j->every = every;
    j->rec_max = record_packed_max(s);
    j->at = malloc((size_t)reps * sizeof *j->at);
    j->buf = malloc(E_HEAD + j->rec_max + E_SUM);
    if (!(j->at && j->buf)) {
        out_journal_close(j, false);
        return NULL;
    }
    for (long i = 0; i < reps; i++) j->at[i] = -1;
    j->store = (engine_store){store_has, store_load, store_save, store_sync,
                              j};
    j->last_sync = clock_seconds();
    return j;
}

/* Open the existing journal of this run: check and index it. */
static err_code reopen(out_journal *j, const unsigned char *now, err_t *e)
{
    unsigned char old[H_SIZE];
    if (!pread_all(j->fd, old, H_SIZE, 0))
        return err_set(e, ERR_USAGE, "%s: shorter than a journal's header; "
                       "run without --resume to start afresh", j->path);
    err_code rc = header_check(j, old, now, e);
    if (rc == ERR_OK) rc = scan(j, e);
    j->resumed = rc == ERR_OK;
    return rc;
}

err_code out_journal_open(const char *path, const scn *s, const char *sha,
                          uint64_t seed, long replications, bool resume,
                          double every_seconds, out_journal **out, err_t *e)
{
    *out = NULL;
    if (strlen(path) >= sizeof ((out_journal *)0)->path)
        return err_set(e, ERR_IO, "%.200s...: journal path too long", path);
    out_journal *j = journal_alloc(s, replications, every_seconds);
    if (j == NULL) return err_set(e, ERR_NOMEM, "out of memory for a journal");
    snprintf(j->path, sizeof j->path, "%s", path);
    err_code rc;
    unsigned char now[H_SIZE];
    header_fields(j, sha, seed, now);
    if (resume) j->fd = open(j->path, O_RDWR);
    if (j->fd >= 0) rc = reopen(j, now, e);
    else if (resume && errno != ENOENT) rc = io_fail(j, "open", e);
    else rc = create(j, now, e);
    if (rc != ERR_OK) {
        out_journal_close(j, false);
        return rc;
    }
    *out = j;
    return ERR_OK;
}

long out_journal_kept(const out_journal *j) { return j->kept; }
long out_journal_damaged(const out_journal *j) { return j->damaged; }
bool out_journal_resumed(const out_journal *j) { return j->resumed; }

const engine_store *out_journal_store(const out_journal *j)
{
    return &j->store;
}

void out_journal_close(out_journal *j, bool remove)
{
    if (j == NULL) return;
    if (j->fd >= 0) close(j->fd);
    if (remove) unlink(j->path);
    free(j->at);
    free(j->buf);
    free(j);
}
