/* scn_load_yaml.c — the loader's view of libyaml's document tree: error
 * messages, field paths, map and list checks, and typed scalars.
 *
 * DESIGN — every check here ends in scn_ld_fail, which formats the one
 * message shape a user sees, "FILE:LINE:COL: PATH: VALUE: expected WHAT",
 * from the node at fault. Values are shown as written but escaped and
 * shortened, so a message stays one readable line whatever the input holds.
 * Scalars are parsed strictly (plain decimal numbers only: no hex, no
 * `.inf`, no quoted numbers) so that a value means one thing to every YAML
 * reader. Number parsing uses strtod and so assumes the C numeric locale
 * (specsim never calls setlocale).
 */
#include "scn_load_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest piece of a scalar shown in a message, in bytes. */
#define SHOW_MAX 40
/* Most pairs of a map shown in flow form in a message. */
#define SHOW_PAIRS 6

/* ---- text building ---- */

/* Append the string `str` to buf (capacity len) at *o, truncating. */
static void put(char *buf, size_t len, size_t *o, const char *str)
{
    while (*str != '\0' && *o + 1 < len) buf[(*o)++] = *str++;
    buf[*o] = '\0';
}

/* Append scalar bytes, escaped, at most `max` bytes of them. */
static void put_escaped(char *buf, size_t len, size_t *o,
                        const unsigned char *v, size_t vl, size_t max)
{
    for (size_t i = 0; i < vl; i++) {
        unsigned char c = v[i];
        /* Stop at a character boundary (not inside a UTF-8 sequence). */
        if (i >= max && (c & 0xC0) != 0x80) {
            put(buf, len, o, "...");
            return;
        }
        char piece[8];
        if (c == '"' || c == '\\')
            snprintf(piece, sizeof piece, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            snprintf(piece, sizeof piece, "\\x%02X", c);
        else
            snprintf(piece, sizeof piece, "%c", c);
        put(buf, len, o, piece);
    }
}

static void put_scalar(char *buf, size_t len, size_t *o, const yaml_node_t *n,
                       size_t max)
{
    put_escaped(buf, len, o, n->data.scalar.value, n->data.scalar.length,
                max);
}

/* A map of scalars in flow form, or "a map". */
static void map_text(scn_ld *ld, const yaml_node_t *n, char *buf, size_t len)
{
    const yaml_node_pair_t *p = n->data.mapping.pairs.start;
    const yaml_node_pair_t *top = n->data.mapping.pairs.top;
    size_t o = 0;
    if (top - p > SHOW_PAIRS) {
        snprintf(buf, len, "a map");
        return;
    }
    put(buf, len, &o, "{");
    for (; p < top; p++) {
        const yaml_node_t *k = scn_ld_node(ld, p->key);
        const yaml_node_t *v = scn_ld_node(ld, p->value);
        if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE ||
            v->type != YAML_SCALAR_NODE) {
            snprintf(buf, len, "a map");
            return;
        }
        put_scalar(buf, len, &o, k, SHOW_MAX / 2);
        put(buf, len, &o, ": ");
        put_scalar(buf, len, &o, v, SHOW_MAX / 2);
        if (p + 1 < top) put(buf, len, &o, ", ");
    }
    put(buf, len, &o, "}");
}

/* A node as written, for messages: a quoted, escaped, shortened scalar, a
 * flow map of scalars, or "a map" / "a list". */
static void node_text(scn_ld *ld, const yaml_node_t *n, char *buf, size_t len)
{
    size_t o = 0;
    if (len == 0) return;
    buf[0] = '\0';
    if (n == NULL) {
        put(buf, len, &o, "missing");
    } else if (n->type == YAML_SEQUENCE_NODE) {
        put(buf, len, &o, "a list");
    } else if (n->type == YAML_MAPPING_NODE) {
        map_text(ld, n, buf, len);
    } else if (n->type == YAML_SCALAR_NODE && scn_ld_is_null(n)) {
        put(buf, len, &o, "empty");
    } else if (n->type == YAML_SCALAR_NODE) {
        put(buf, len, &o, "\"");
        put_scalar(buf, len, &o, n, SHOW_MAX);
        put(buf, len, &o, "\"");
    } else {
        put(buf, len, &o, "nothing");
    }
}

/* ---- errors ---- */

static bool fail_v(scn_ld *ld, yaml_mark_t mark, const char *path,
                   const char *value, const char *fmt, va_list ap)
{
    if (ld->failed) return false;
    char expected[SPECSIM_ERRMSG_MAX];
    vsnprintf(expected, sizeof expected, fmt, ap);
    err_set(ld->e, ERR_SCENARIO, "%s:%d:%d: %s: %s: expected %s", ld->file,
            (int)mark.line + 1, (int)mark.column + 1,
            path[0] != '\0' ? path : "document", value, expected);
    ld->failed = true;
    return false;
}

bool scn_ld_fail(scn_ld *ld, const yaml_node_t *at, const char *path,
                 const char *value, const char *fmt, ...)
{
    char shown[SPECSIM_ERRMSG_MAX / 4];
    yaml_mark_t mark = {0, 0, 0};
    if (at != NULL) mark = at->start_mark;
    if (value == NULL) {
        node_text(ld, at, shown, sizeof shown);
        value = shown;
    }
    va_list ap;
    va_start(ap, fmt);
    fail_v(ld, mark, path, value, fmt, ap);
    va_end(ap);
    return false;
}

bool scn_ld_fail_missing(scn_ld *ld, const yaml_node_t *map,
                         const char *path, const char *key,
                         const char *fmt, ...)
{
    char child[SPECSIM_PATH_MAX];
    scn_ld_path(child, path, key);
    va_list ap;
    va_start(ap, fmt);
    fail_v(ld, map->start_mark, child, "missing", fmt, ap);
    va_end(ap);
    return false;
}

/* ---- paths and nodes ---- */

void scn_ld_path(char *out, const char *parent, const char *key)
{
    if (parent[0] == '\0')
        snprintf(out, SPECSIM_PATH_MAX, "%s", key);
    else
        snprintf(out, SPECSIM_PATH_MAX, "%.*s.%s", SPECSIM_PATH_MAX / 2,
                 parent, key);
}

void scn_ld_path_idx(char *out, const char *parent, int i)
{
    snprintf(out, SPECSIM_PATH_MAX, "%.*s[%d]", SPECSIM_PATH_MAX / 2, parent,
             i);
}

yaml_node_t *scn_ld_node(scn_ld *ld, int index)
{
    return yaml_document_get_node(ld->doc, index);
}

bool scn_ld_is_null(const yaml_node_t *n)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
    if (n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        if (strcmp((const char *)n->data.scalar.value, nulls[i]) == 0)
            return true;
    return false;
}

/* True when scalar node `k` is exactly the string `key`. */
static bool scalar_is(const yaml_node_t *k, const char *key)
{
    return k != NULL && k->type == YAML_SCALAR_NODE &&
           k->data.scalar.length == strlen(key) &&
           memcmp(k->data.scalar.value, key, k->data.scalar.length) == 0;
}

yaml_node_t *scn_ld_get(scn_ld *ld, const yaml_node_t *map, const char *key)
{
    if (map == NULL || map->type != YAML_MAPPING_NODE) return NULL;
    const yaml_node_pair_t *p = map->data.mapping.pairs.start;
    for (; p < map->data.mapping.pairs.top; p++) {
        if (!scalar_is(scn_ld_node(ld, p->key), key)) continue;
        yaml_node_t *v = scn_ld_node(ld, p->value);
        return v == NULL || scn_ld_is_null(v) ? NULL : v;
    }
    return NULL;
}

bool scn_ld_is_map(scn_ld *ld, const yaml_node_t *n, const char *path,
                   const char *what)
{
    if (n != NULL && n->type == YAML_MAPPING_NODE) return true;
    return scn_ld_fail(ld, n, path, NULL, "%s", what);
}

/* "a, b, c" from a NULL-terminated list. */
static void join(const char *const words[], char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; words[i] != NULL; i++) {
        if (i > 0) put(buf, len, &o, ", ");
        put(buf, len, &o, words[i]);
    }
}

/* A key's path for messages: parent.key, the key escaped and shortened. */
static void key_path(const char *parent, const yaml_node_t *k, char *out,
                     size_t len)
{
    size_t o = 0;
    out[0] = '\0';
    if (parent[0] != '\0') {
        put(out, len, &o, parent);
        put(out, len, &o, ".");
    }
    put_scalar(out, len, &o, k, SHOW_MAX);
}

bool scn_ld_keys(scn_ld *ld, const yaml_node_t *n, const char *path,
                 const char *const keys[])
{
    char allowed[SPECSIM_ERRMSG_MAX / 2], kp[SPECSIM_PATH_MAX + SHOW_MAX];
    if (!scn_ld_is_map(ld, n, path, "a map")) return false;
    join(keys, allowed, sizeof allowed);
    uint64_t seen = 0;
    const yaml_node_pair_t *p = n->data.mapping.pairs.start;
    for (; p < n->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = scn_ld_node(ld, p->key);
        if (k == NULL || k->type != YAML_SCALAR_NODE)
            return scn_ld_fail(ld, k, path, NULL, "a key (one of %s)",
                               allowed);
        int i = 0;
        while (keys[i] != NULL && !scalar_is(k, keys[i])) i++;
        SPECSIM_ASSERT(i < 64);
        key_path(path, k, kp, sizeof kp);
        if (keys[i] == NULL)
            return scn_ld_fail(ld, k, kp, "unknown key", "one of %s",
                               allowed);
        if (seen & (UINT64_C(1) << i))
            return scn_ld_fail(ld, k, kp, "duplicate key",
                               "each key at most once");
        seen |= UINT64_C(1) << i;
    }
    return true;
}

int scn_ld_list_len(const yaml_node_t *n)
{
    return (int)(n->data.sequence.items.top - n->data.sequence.items.start);
}

yaml_node_t *scn_ld_list_item(scn_ld *ld, const yaml_node_t *n, int i)
{
    return scn_ld_node(ld, n->data.sequence.items.start[i]);
}

bool scn_ld_list(scn_ld *ld, const yaml_node_t *n, const char *path, int min,
                 int max, const char *limit)
{
    if (n == NULL || n->type != YAML_SEQUENCE_NODE)
        return scn_ld_fail(ld, n, path, NULL, "a list");
    int count = scn_ld_list_len(n);
    if (count < min)
        return scn_ld_fail(ld, n, path, "an empty list",
                           "a list of at least %d item%s", min,
                           min == 1 ? "" : "s");
    if (count > max) {
        char shown[40];
        snprintf(shown, sizeof shown, "%d items", count);
        return scn_ld_fail(ld, scn_ld_list_item(ld, n, max), path, shown,
                           "at most %d%s%s%s", max, limit ? " (limit " : "",
                           limit ? limit : "", limit ? ")" : "");
    }
    return true;
}

/* ---- scalars ---- */

static bool is_plain(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE &&
           n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
           strlen((const char *)n->data.scalar.value) ==
               n->data.scalar.length;
}

static const char *text_of(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* Skip decimal digits; returns how many. */
static size_t digits(const char **s)
{
    size_t n = 0;
    while (isdigit((unsigned char)**s)) (*s)++, n++;
    return n;
}

/* [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)? and nothing else. */
static bool is_decimal(const char *s)
{
    if (*s == '+' || *s == '-') s++;
    size_t d = digits(&s);
    if (*s == '.') {
        s++;
        d += digits(&s);
    }
    if (d == 0) return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (digits(&s) == 0) return false;
    }
    return *s == '\0';
}

bool scn_ld_scalar_number(const yaml_node_t *n, double *out)
{
    if (!is_plain(n) || !is_decimal(text_of(n))) return false;
    double v = strtod(text_of(n), NULL);
    if (!isfinite(v)) return false;
    *out = v;
    return true;
}

/* [+-]?d+ within long. */
static bool parse_long(const char *s, long *out)
{
    const char *t = s;
    if (*t == '+' || *t == '-') t++;
    if (digits(&t) == 0 || *t != '\0') return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE) return false;
    *out = v;
    return true;
}

bool scn_ld_int(scn_ld *ld, const yaml_node_t *n, const char *path,
                const scn_range *r, const char *note, long *out)
{
    long v = 0;
    if (!is_plain(n) || !parse_long(text_of(n), &v) || v < r->lo ||
        v > r->hi)
        return scn_ld_fail(ld, n, path, NULL, "%s in [%ld, %ld]%s%s",
                           r->noun, (long)r->lo, (long)r->hi, note,
                           n->type == YAML_MAPPING_NODE
                               ? " (this field cannot be a distribution)"
                               : "");
    *out = v;
    return true;
}

bool scn_ld_u64(scn_ld *ld, const yaml_node_t *n, const char *path,
                uint64_t *out)
{
    const char *t = is_plain(n) ? text_of(n) : "";
    if (*t == '+') t++;
    const char *s = t;
    bool ok = digits(&s) > 0 && *s == '\0';
    errno = 0;
    unsigned long long v = ok ? strtoull(t, NULL, 10) : 0;
    if (!ok || errno == ERANGE)
        return scn_ld_fail(ld, n, path, NULL,
                           "an integer in [0, 18446744073709551615]");
    *out = (uint64_t)v;
    return true;
}

bool scn_ld_bool(scn_ld *ld, const yaml_node_t *n, const char *path,
                 bool *out)
{
    static const char *const words[] = {"false", "False", "FALSE",
                                        "true",  "True",  "TRUE"};
    for (int i = 0; is_plain(n) && i < 6; i++) {
        if (strcmp(text_of(n), words[i]) == 0) {
            *out = i >= 3;
            return true;
        }
    }
    return scn_ld_fail(ld, n, path, NULL, "true or false");
}

bool scn_ld_word(scn_ld *ld, const yaml_node_t *n, const char *path,
                 const char *const words[], int *out)
{
    for (int i = 0; n->type == YAML_SCALAR_NODE && words[i] != NULL; i++) {
        if (scalar_is(n, words[i])) {
            *out = i;
            return true;
        }
    }
    char allowed[SPECSIM_ERRMSG_MAX / 2];
    join(words, allowed, sizeof allowed);
    return scn_ld_fail(ld, n, path, NULL, "one of %s", allowed);
}

static bool is_identifier(const unsigned char *v, size_t len)
{
    if (len == 0 || !(isalpha(v[0]) || v[0] == '_') || v[0] >= 0x80)
        return false;
    for (size_t i = 1; i < len; i++)
        if (v[i] >= 0x80 ||
            !(isalnum(v[i]) || v[i] == '_' || v[i] == '-'))
            return false;
    return true;
}

bool scn_ld_name(scn_ld *ld, const yaml_node_t *n, const char *path,
                 char out[SPECSIM_NAME_MAX])
{
    if (n->type == YAML_SCALAR_NODE &&
        n->data.scalar.length >= SPECSIM_NAME_MAX)
        return scn_ld_fail(ld, n, path, NULL,
                           "a name of at most %d characters "
                           "(limit SPECSIM_NAME_MAX)",
                           SPECSIM_NAME_MAX - 1);
    if (n->type != YAML_SCALAR_NODE ||
        !is_identifier(n->data.scalar.value, n->data.scalar.length))
        return scn_ld_fail(ld, n, path, NULL,
                           "a name of letters, digits, _ and -, "
                           "starting with a letter or _");
    memcpy(out, n->data.scalar.value, n->data.scalar.length);
    out[n->data.scalar.length] = '\0';
    return true;
}

bool scn_ld_text(scn_ld *ld, const yaml_node_t *n, const char *path,
                 char out[SPECSIM_TEXT_MAX])
{
    if (n->type != YAML_SCALAR_NODE)
        return scn_ld_fail(ld, n, path, NULL, "a text");
    if (n->data.scalar.length >= SPECSIM_TEXT_MAX)
        return scn_ld_fail(ld, n, path, NULL,
                           "a text of at most %d bytes "
                           "(limit SPECSIM_TEXT_MAX)",
                           SPECSIM_TEXT_MAX - 1);
    if (strlen(text_of(n)) != n->data.scalar.length)
        return scn_ld_fail(ld, n, path, NULL, "a text without NUL");
    memcpy(out, n->data.scalar.value, n->data.scalar.length);
    out[n->data.scalar.length] = '\0';
    return true;
}

/* ---- sets of names: regions, operators ---- */

/* One region name into *mask. */
static bool region_word(scn_ld *ld, const yaml_node_t *n, const char *path,
                        uint32_t *mask)
{
    char name[SPECSIM_NAME_MAX];
    if (!scn_ld_name(ld, n, path, name)) return false;
    int r = scn_region_find(ld->s, name);
    if (r < 0) {
        char list[SPECSIM_ERRMSG_MAX / 2];
        scn_ld_names(ld->s, SCN_LD_KEY_REGION, list, sizeof list);
        return scn_ld_fail(ld, n, path, NULL, "a region name (one of %s)",
                           list);
    }
    *mask |= 1u << r;
    return true;
}

bool scn_ld_region_set(scn_ld *ld, const yaml_node_t *map, const char *path,
                       const char *key, uint32_t *out)
{
    return scn_ld_name_set(ld, map, path, key, ld->s->nregions,
                           "a region name", region_word, out);
}

bool scn_ld_name_set(scn_ld *ld, const yaml_node_t *map, const char *path,
                     const char *key, int count, const char *what,
                     scn_ld_name_fn word, uint32_t *out)
{
    char child[SPECSIM_PATH_MAX];
    scn_ld_path(child, path, key);
    const yaml_node_t *n = map != NULL ? scn_ld_get(ld, map, key) : NULL;
    if (n == NULL) {
        *out = count >= 32 ? 0xffffffffu : (1u << count) - 1u;
        return true;
    }
    uint32_t mask = 0;
    if (n->type == YAML_SEQUENCE_NODE) {
        if (scn_ld_list_len(n) == 0)
            return scn_ld_fail(ld, n, child, NULL,
                               "%s or a list of at least one", what);
        for (int i = 0; i < scn_ld_list_len(n); i++)
            if (!word(ld, scn_ld_list_item(ld, n, i), child, &mask))
                return false;
    } else if (!word(ld, n, child, &mask)) {
        return false;
    }
    *out = mask;
    return true;
}

/* ---- locating a stored path ---- */

/* Follow one segment `key` or `key[i]` of a path from node `n`; *shown
 * gets the segment as the file counts it. NULL when absent. */
static const yaml_node_t *follow(scn_ld *ld, const yaml_node_t *n,
                                 const char *seg, size_t len, char *shown,
                                 size_t shown_len)
{
    char key[64];
    const char *br = memchr(seg, '[', len);
    size_t klen = br != NULL ? (size_t)(br - seg) : len;
    snprintf(key, sizeof key, "%.*s", (int)klen, seg);
    snprintf(shown, shown_len, "%s", key);
    const yaml_node_t *v = scn_ld_get(ld, n, key);
    if (br == NULL) return v;
    int i = atoi(br + 1);
    if (strcmp(key, "policies") == 0 && i >= 0 && i < SPECSIM_POLICIES_MAX)
        i = ld->policy_file[i];
    snprintf(shown, shown_len, "%s[%d]", key, i);
    if (v == NULL || v->type != YAML_SEQUENCE_NODE || i < 0 ||
        i >= scn_ld_list_len(v))
        return NULL;
    /* An instrument is a one-key map: its fields are in the value. */
    const yaml_node_t *item = scn_ld_list_item(ld, v, i);
    if (strcmp(key, "instruments") == 0 && item != NULL &&
        item->type == YAML_MAPPING_NODE &&
        item->data.mapping.pairs.top > item->data.mapping.pairs.start)
        return scn_ld_node(ld, item->data.mapping.pairs.start->value);
    return item;
}

err_code scn_ld_report(void *ctx, const char *path, const char *value,
                       const char *expected)
{
    scn_ld *ld = ctx;
    char shown[SPECSIM_PATH_MAX] = "", seg[SPECSIM_PATH_MAX];
    const yaml_node_t *n = yaml_document_get_root_node(ld->doc), *at = n;
    size_t o = 0;
    for (const char *p = path; *p != '\0' && o + 1 < sizeof shown;) {
        size_t len = strcspn(p, ".");
        n = follow(ld, n, p, len, seg, sizeof seg);
        if (n != NULL) at = n;
        o += (size_t)snprintf(shown + o, sizeof shown - o, "%s%s",
                              o ? "." : "", seg);
        p += len + (p[len] == '.');
        if (n != NULL) continue;
        if (*p != '\0') snprintf(shown + o, sizeof shown - o, ".%s", p);
        if (value == NULL) value = "absent";
        break;
    }
    scn_ld_fail(ld, at, shown, value, "%s", expected);
    return ERR_SCENARIO;
}
