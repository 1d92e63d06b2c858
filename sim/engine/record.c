/* record.c — packing a replication's record into bytes and back (see
 * record.h). One walk over the record's fields serves both directions, so
 * the two can never disagree on the layout. */
#include "record.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* A position in a byte string being measured (size), written (pack) or
 * read (unpack). */
typedef enum { WALK_SIZE, WALK_PACK, WALK_UNPACK } walk_mode;

typedef struct {
    walk_mode mode;
    size_t size;             /* size: bytes counted */
    unsigned char *p;        /* pack: where the next byte goes */
    const unsigned char *q;  /* unpack: the next byte to read */
    size_t left;             /* unpack: bytes not yet read */
    bool bad;                /* unpack: the string ended too early */
} cursor;

static void move(cursor *c, void *x, size_t n)
{
    if (c->mode == WALK_SIZE) {
        c->size += n;
    } else if (c->mode == WALK_PACK) {
        memcpy(c->p, x, n);
        c->p += n;
    } else if (c->bad || c->left < n) {
        c->bad = true;
    } else {
        memcpy(x, c->q, n);
        c->q += n;
        c->left -= n;
    }
}

static void move_doubles(cursor *c, double *x, int n)
{
    move(c, x, (size_t)n * sizeof *x);
}

static int nkeys(const scn *s, metric_key key)
{
    return key == KEY_OPERATOR ? s->noperators
           : key == KEY_VENDOR ? s->nvendors
                               : s->ncountries;
}

/* A diagnosis as a 16-bit length and its bytes (sized at its longest);
 * on unpack a length that does not fit the buffer marks the string bad. */
static void move_diagnosis(cursor *c, char *d)
{
    uint16_t n = SPECSIM_ERRMSG_MAX - 1;
    if (c->mode == WALK_PACK) n = (uint16_t)strnlen(d, SPECSIM_ERRMSG_MAX - 1);
    move(c, &n, sizeof n);
    if (c->mode == WALK_UNPACK && n >= SPECSIM_ERRMSG_MAX) c->bad = true;
    if (c->bad) return;
    move(c, d, n);
    if (c->mode == WALK_UNPACK && !c->bad) d[n] = '\0';
}

/* Every field the scenario's size gives a meaning, in a fixed order. */
static void walk_policy(const scn *s, cursor *c, rep_record *r, int p)
{
    int nt = s->year_last - s->year_first + 1;
    int32_t status = r->status[p];
    move(c, &status, sizeof status);
    if (c->mode == WALK_UNPACK) r->status[p] = status;
    move_diagnosis(c, r->diagnosis[p]);
    move_doubles(c, r->scalar[p], M_SCALAR_COUNT);
    for (int m = 0; m < M_YEARLY_COUNT; m++) move_doubles(c, r->yearly[p][m], nt);
    for (int o = 0; o < s->noperators; o++)
        move_doubles(c, r->oper[p][o], M_OPERATOR_COUNT);
    for (int b = 0; b < s->nbands; b++) move_doubles(c, r->band[p][b], M_BAND_COUNT);
    for (int o = 0; o < s->noperators; o++)
        move_doubles(c, r->lots_won[p][o], s->nbands);
    for (int m = 0; m < M_KEYED_COUNT; m++)
        move_doubles(c, r->keyed[p][m],
                     nkeys(s, metric_keyed_scalar_info[m].key));
    for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++)
        for (int k = 0; k < nkeys(s, metric_keyed_yearly_info[m].key); k++)
            move_doubles(c, r->keyed_yearly[p][m][k], nt);
}

static void walk(const scn *s, cursor *c, rep_record *r)
{
    int64_t rep = r->rep;
    move(c, &rep, sizeof rep);
    if (c->mode == WALK_UNPACK) r->rep = (long)rep;
    for (int p = 0; p < s->npolicies && !c->bad; p++) walk_policy(s, c, r, p);
}

size_t record_packed_max(const scn *s)
{
    /* Measuring reads and writes nothing through the record. */
    static rep_record none;
    cursor c = {.mode = WALK_SIZE};
    walk(s, &c, &none);
    return c.size;
}

size_t record_pack(const scn *s, const rep_record *r, unsigned char *buf)
{
    /* The walk writes through r only when unpacking. */
    cursor c = {.mode = WALK_PACK, .p = buf};
    walk(s, &c, (rep_record *)r);
    return (size_t)(c.p - buf);
}

err_code record_unpack(const scn *s, const unsigned char *buf, size_t len,
                       rep_record *r, err_t *e)
{
    cursor c = {.mode = WALK_UNPACK, .q = buf, .left = len};
    walk(s, &c, r);
    if (c.bad || c.left != 0)
        return err_set(e, ERR_IO, "a packed replication record of %zu bytes "
                       "does not fit this scenario (%s)", len,
                       c.bad ? "too short or a bad diagnosis length"
                             : "bytes left over");
    return ERR_OK;
}
