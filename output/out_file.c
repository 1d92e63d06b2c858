/* out_file.c — atomic files, directories, hashes and number formatting. */
#include "out.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

void out_format_double(char *buf, size_t len, double x)
{
    if (isnan(x))
        snprintf(buf, len, "NA");
    else
        snprintf(buf, len, "%.10g", x);
}

const char *out_key_name(const scn *s, metric_key key, int k)
{
    SPECSIM_ASSERT(k >= 0 && k < out_key_count(s, key));
    switch (key) {
    case KEY_OPERATOR: return s->operators[k].name;
    case KEY_VENDOR: return s->vendors[k].name;
    case KEY_COUNTRY: return s->countries[k].name;
    case KEY_COUNT: break;
    }
    SPECSIM_ASSERT(0);
    return "";
}

int out_key_count(const scn *s, metric_key key)
{
    switch (key) {
    case KEY_OPERATOR: return s->noperators;
    case KEY_VENDOR: return s->nvendors;
    case KEY_COUNTRY: return s->ncountries;
    case KEY_COUNT: break;
    }
    SPECSIM_ASSERT(0);
    return 0;
}

void out_keyed_name(char *buf, const scn *s, const metric_keyed_info *mi,
                    int k)
{
    snprintf(buf, OUT_KEYED_NAME_MAX, "%s[%s]", mi->info.name,
             out_key_name(s, mi->key, k));
}

err_code out_mkdir(const char *dir, err_t *e)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
        return err_set(e, ERR_IO, "%s: output path too long", dir);
    for (char *q = path + 1; *q; q++) {
        if (*q != '/') continue;
        *q = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return err_set(e, ERR_IO, "%s: cannot create directory: %s", path,
                           strerror(errno));
        *q = '/';
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return err_set(e, ERR_IO, "%s: cannot create directory: %s", path,
                       strerror(errno));
    return ERR_OK;
}

err_code out_write_atomic(const char *dir, const char *name,
                          err_code (*write)(FILE *f, const out_ctx *c,
                                            err_t *e),
                          const out_ctx *c, err_t *e)
{
    out_stream st;
    err_code rc = out_stream_open(&st, dir, name, e);
    if (rc != ERR_OK) return rc;
    errno = 0;
    rc = write(st.f, c, e);
    /* A writer that failed because the stream did (a full disk) is an
     * I/O error of this file, whatever the writer made of it; so is a
     * writer that did not notice the stream failing. */
    if (ferror(st.f))
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", st.final,
                     errno ? strerror(errno) : "write error");
    if (rc != ERR_OK) {
        out_stream_abort(&st);
        return rc;
    }
    return out_stream_commit(&st, e);
}

err_code out_write_all(const char *dir, const out_ctx *c, err_t *e)
{
    err_code rc = out_mkdir(dir, e);
    for (int i = 0; rc == ERR_OK && i < out_nwriters; i++)
        rc = out_write_atomic(dir, out_writers[i].name, out_writers[i].write,
                              c, e);
    return rc;
}

static void sha256_hex(struct sha256_ctx *ctx, char hex[65])
{
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

void out_sha256_bytes(const void *bytes, size_t len, char hex[65])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, bytes);
    sha256_hex(&ctx, hex);
}

err_code out_stream_open(out_stream *st, const char *dir, const char *name,
                         err_t *e)
{
    err_code rc = out_mkdir(dir, e);
    if (rc != ERR_OK) return rc;
    st->f = NULL;
    int n = snprintf(st->final, sizeof st->final, "%s/%s", dir, name);
    int m = snprintf(st->tmp, sizeof st->tmp, "%s/.%s.tmp.%ld", dir, name,
                     (long)getpid());
    if (n < 0 || (size_t)n >= sizeof st->final || m < 0 ||
        (size_t)m >= sizeof st->tmp)
        return err_set(e, ERR_IO, "%.200s/%.100s: path longer than %zu bytes",
                       dir, name, sizeof st->final - 1);
    st->f = fopen(st->tmp, "w");
    if (st->f == NULL)
        return err_set(e, ERR_IO, "%s: cannot write: %s", st->tmp,
                       strerror(errno));
    return ERR_OK;
}

err_code out_stream_commit(out_stream *st, err_t *e)
{
    err_code rc = ERR_OK;
    if (fflush(st->f) != 0)
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", st->tmp,
                     strerror(errno));
    else if (ferror(st->f))
        rc = err_set(e, ERR_IO, "%s: cannot write: %s", st->tmp,
                     errno ? strerror(errno) : "write error");
    if (fclose(st->f) != 0 && rc == ERR_OK)
        rc = err_set(e, ERR_IO, "%s: cannot close: %s", st->tmp,
                     strerror(errno));
    if (rc == ERR_OK && rename(st->tmp, st->final) != 0)
        rc = err_set(e, ERR_IO, "%s: cannot rename: %s", st->tmp,
                     strerror(errno));
    if (rc != ERR_OK) unlink(st->tmp);
    st->f = NULL;
    return rc;
}

void out_stream_abort(out_stream *st)
{
    if (st->f == NULL) return;
    fclose(st->f);
    unlink(st->tmp);
    st->f = NULL;
}
