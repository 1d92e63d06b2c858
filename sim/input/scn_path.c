/* scn_path.c — resolve a field path of a loaded scenario and set or read
 * the number there (see scn_path.h).
 *
 * DESIGN — a path is split into at most four segments `key[selector]`.
 * The first names a section or a list item; the rest are resolved through
 * the schema (scn_schema.h), the same tables the loader reads the file
 * with: a numeric field of the item's table, an element of a map keyed by
 * geotype, region or band, or a field of a sub-map (obligation). The
 * range checked is the schema's, its scenario-dependent ends resolved for
 * this scenario. Only installed-base shares are resolved by hand, since a
 * share is settable only against a vendor given as rest. A value within
 * range is written to a copy of the scenario and checked there by
 * scn_check, the loader's rules between fields, so that a refused value
 * leaves the scenario untouched.
 */
#include "scn_path.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_check.h"
#include "scn_schema.h"

/* Segments of a path, and bytes of a segment's key or selector. */
#define SEG_MAX 4
#define KEY_MAX 64

typedef struct {
    scn_type k;        /* SCN_T_NUM, _REAL, _INT or _LONG; SCN_T_HOOK: an
                          installed-base share, written by set_share() */
    size_t off;        /* of the field from the start of the scenario */
    scn_range range;
    int a, b;          /* share: operator and region (-1: every region
                          with an installed base) */
    int v;             /* share: vendor */
} target;

typedef struct {
    char key[KEY_MAX];
    char sel[KEY_MAX];
    bool has_sel;
} seg;

typedef struct {
    const char *path;
    err_t *e;
} ctx;

/* ---- parsing ---- */

static err_code parse(const char *path, seg sg[SEG_MAX], int *n, err_t *e)
{
    const char *p = path;
    *n = 0;
    while (*p) {
        if (*n == SEG_MAX) break;
        seg *s = &sg[(*n)++];
        size_t k = strcspn(p, ".[");
        if (k == 0 || k >= KEY_MAX) break;
        memcpy(s->key, p, k);
        s->key[k] = '\0';
        p += k;
        s->has_sel = *p == '[';
        if (s->has_sel) {
            size_t q = strcspn(p + 1, "]");
            if (p[1 + q] != ']' || q == 0 || q >= KEY_MAX) break;
            memcpy(s->sel, p + 1, q);
            s->sel[q] = '\0';
            p += q + 2;
        }
        if (*p == '\0') return ERR_OK;
        if (*p != '.') break;
        p++;
    }
    return err_set(e, ERR_USAGE,
                   "%s: expected a field path such as market.swap_eur_site, "
                   "vendors[3].capacity_sites_year or "
                   "policies[2].instruments[0].share_max",
                   path);
}

/* ---- resolution ---- */

/* "a, b, c" from n names. */
static void join(const char *const *names, int n, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o + 1 < len; i++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
                              names[i]);
}

/* The list item `sg` selects among n named items: an index or a name. */
static err_code pick_item(const ctx *x, const seg *sg, const char *noun,
                          const char *const *names, int n, int *out)
{
    char list[SPECSIM_ERRMSG_MAX / 2];
    join(names, n, list, sizeof list);
    if (sg->has_sel) {
        char *end;
        long i = strtol(sg->sel, &end, 10);
        if (*end == '\0' && end != sg->sel && i >= 0 && i < n) {
            *out = (int)i;
            return ERR_OK;
        }
        for (int j = 0; j < n; j++)
            if (strcmp(names[j], sg->sel) == 0) {
                *out = j;
                return ERR_OK;
            }
    }
    return err_set(x->e, ERR_USAGE,
                   "%s: %s[%s]: expected an index 0..%d or the name of one "
                   "of the scenario's %d %s (%s)",
                   x->path, sg->key, sg->has_sel ? sg->sel : "", n - 1, n,
                   noun, list);
}

static err_code no_selector(const ctx *x, const seg *sg)
{
    if (!sg->has_sel) return ERR_OK;
    return err_set(x->e, ERR_USAGE, "%s: %s[%s]: expected no index: %s is not "
                   "a list", x->path, sg->key, sg->sel, sg->key);
}

static err_code want_segments(const ctx *x, int n, int want, const char *how)
{
    if (n == want) return ERR_OK;
    return err_set(x->e, ERR_USAGE, "%s: expected %s", x->path, how);
}

/* A geotype or name among `names`, written as the key of segment sg. */
static err_code pick_key(const ctx *x, const seg *sg, const char *noun,
                         const char *const *names, int n, int *out)
{
    char list[SPECSIM_ERRMSG_MAX / 2];
    for (*out = 0; *out < n; ++*out)
        if (!sg->has_sel && strcmp(names[*out], sg->key) == 0) return ERR_OK;
    join(names, n, list, sizeof list);
    return err_set(x->e, ERR_USAGE, "%s: %s: expected a %s name (one of %s)",
                   x->path, sg->key, noun, list);
}

#define NAMES(arr, n, field_)                                               \
    const char *names_[SPECSIM_POLICIES_MAX + SPECSIM_VENDORS_MAX];         \
    for (int i_ = 0; i_ < (n); i_++) names_[i_] = (arr)[i_].field_

/* "a, b.GEOTYPE, c.d": the keys of table f a path can set. */
static void key_list(const scn_field *f, int n, const char *prefix,
                     char *buf, size_t len, size_t *o)
{
    static const char *const after[SCN_T_COUNT] = {
        [SCN_T_GEO] = ".GEOTYPE", [SCN_T_BY_REGION] = ".REGION",
        [SCN_T_BY_BAND] = ".BAND", [SCN_T_BY_VENDOR] = ".VENDOR"};
    for (int i = 0; i < n && *o + 1 < len; i++) {
        if (f[i].flags & SCN_F_SHAPE) continue;
        if (f[i].type == SCN_T_MAP) {
            char sub[KEY_MAX];
            snprintf(sub, sizeof sub, "%s.", f[i].key);
            key_list(f[i].sub, f[i].nsub, sub, buf, len, o);
        } else if (f[i].type <= SCN_T_LONG || after[f[i].type] != NULL) {
            *o += (size_t)snprintf(buf + *o, len - *o, "%s%s%s%s",
                                   *o ? ", " : "", prefix, f[i].key,
                                   after[f[i].type] ? after[f[i].type] : "");
        }
    }
}

static err_code no_field(const ctx *x, const scn_table *t, const char *key,
                         const char *what, const char *extra)
{
    char keys[SPECSIM_ERRMSG_MAX / 2];
    size_t o = 0;
    keys[0] = '\0';
    key_list(t->fields, t->nfields, "", keys, sizeof keys, &o);
    if (extra != NULL && o + 1 < sizeof keys)
        snprintf(keys + o, sizeof keys - o, ", %s", extra);
    return err_set(x->e, ERR_USAGE, "%s: %s: expected a numeric field of %s "
                   "(one of %s)", x->path, key, what, keys);
}

/* The element of a map keyed by geotype, region or band named by sg. */
static err_code map_element(const ctx *x, const scn *s, const scn_field *f,
                            const seg *sg, size_t *off)
{
    const char *names[SPECSIM_REGIONS_MAX + SPECSIM_BANDS_MAX +
                      SPECSIM_VENDORS_MAX];
    int n = scn_schema_map_names(s, f, names), i;
    const char *noun = f->type == SCN_T_GEO ? "geotype"
                       : f->type == SCN_T_BY_REGION ? "region"
                       : f->type == SCN_T_BY_VENDOR ? "vendor" : "band";
    err_code rc = pick_key(x, sg, noun, names, n, &i);
    size_t size = f->type == SCN_T_BY_BAND ? sizeof(double) : sizeof(scn_num);
    *off += (size_t)i * size;
    return rc;
}

/* Field sg[0] (and its element or sub-field sg[1]) of table t, whose
 * struct is at `base` in s; n segments are left. */
static err_code field_target(const ctx *x, const scn *s, const scn_table *t,
                             const void *base, const seg *sg, int n,
                             const char *what, const char *extra, target *out)
{
    const scn_field *f = scn_schema_find(t, sg[0].key);
    if (f == NULL || (f->flags & SCN_F_SHAPE) ||
        (f->type > SCN_T_LONG && f->type != SCN_T_GEO &&
         f->type != SCN_T_BY_REGION && f->type != SCN_T_BY_BAND &&
         f->type != SCN_T_BY_VENDOR && f->type != SCN_T_MAP))
        return no_field(x, t, sg[0].key, what, extra);
    err_code rc = no_selector(x, &sg[0]);
    if (rc != ERR_OK) return rc;
    size_t off = (size_t)((const char *)base - (const char *)s) + f->offset;
    if (f->type == SCN_T_MAP) {
        scn_table sub = {f->key, f->sub, f->nsub};
        if (n < 2) return want_segments(x, n, 2, "a field of the map");
        return field_target(x, s, &sub, base, &sg[1], n - 1, what, NULL,
                            out);
    }
    bool map = f->type > SCN_T_LONG;
    if ((rc = want_segments(x, n, map ? 2 : 1, map ? "one key after the map"
                                                   : "no key after a number")))
        return rc;
    if (map && (rc = map_element(x, s, f, &sg[1], &off))) return rc;
    *out = (target){f->type == SCN_T_BY_BAND ? SCN_T_REAL
                    : map ? SCN_T_NUM : f->type, off, {0}, 0, 0, -1};
    scn_schema_range(s, f, base, &out->range);
    return ERR_OK;
}

/* operators[i].installed_base.VENDOR (that vendor's share in every region
 * where the operator has an installed base) or
 * operators[i].installed_base.REGION.VENDOR (one region). */
static err_code installed_target(const ctx *x, const scn *s, const seg *sg,
                                 int n, int o, target *t)
{
    static const scn_range share = {"a share", 0, 1, false, false};
    int r = -1, v;
    err_code rc = no_selector(x, &sg[1]);
    if (rc == ERR_OK && n == 4) {
        NAMES(s->regions, s->nregions, name);
        rc = pick_key(x, &sg[2], "region", names_, s->nregions, &r);
    }
    if (rc != ERR_OK) return rc;
    NAMES(s->vendors, s->nvendors, name);
    if ((rc = pick_key(x, &sg[n - 1], "vendor", names_, s->nvendors, &v)))
        return rc;
    *t = (target){SCN_T_HOOK, 0, share, o, r, v};
    return ERR_OK;
}

static err_code policy_target(const ctx *x, const scn *s, const seg *sg,
                              int n, int p, target *t)
{
    const scn_policy *pol = &s->policies[p];
    if (n != 3 || strcmp(sg[1].key, "instruments") != 0)
        return err_set(x->e, ERR_USAGE, "%s: expected policies[i]."
                       "instruments[j].FIELD (policy %s)", x->path, pol->name);
    if (pol->ninstruments == 0)
        return err_set(x->e, ERR_USAGE, "%s: policy %s has no instruments",
                       x->path, pol->name);
    char *end;
    long j = sg[1].has_sel ? strtol(sg[1].sel, &end, 10) : -1;
    if (!sg[1].has_sel || *end != '\0' || j < 0 || j >= pol->ninstruments)
        return err_set(x->e, ERR_USAGE, "%s: instruments[%s]: expected an "
                       "index 0..%d (policy %s has %d instrument%s)", x->path,
                       sg[1].has_sel ? sg[1].sel : "", pol->ninstruments - 1,
                       pol->name, pol->ninstruments,
                       pol->ninstruments == 1 ? "" : "s");
    const scn_instrument *in = &pol->instruments[j];
    char what[96];
    snprintf(what, sizeof what, "a %s instrument (policy %s)",
             scn_instr_name(in->kind), pol->name);
    bool management = in->kind == INSTR_EXCLUDE && in->scope == SCOPE_MANAGEMENT;
    if (management && strcmp(sg[2].key, "from_year") == 0)
        return err_set(x->e, ERR_USAGE, "%s: expected removal_year: a "
                       "management-scope exclusion has no purchase stop, "
                       "only its deadline", x->path);
    err_code rc = field_target(x, s, &scn_schema_instrument[in->kind], in,
                               &sg[2], 1, what, NULL, t);
    /* A management rule's from_year only repeats its deadline. */
    if (rc == ERR_OK && management) t->range.lo = s->year_first;
    return rc;
}

/* The lists a path may start with: their items' table, where the items
 * and their count are in the scenario, and the size of an item (whose
 * name comes first). */
typedef struct {
    const char *key;
    const scn_table *t;
    size_t items, count, size;
    const char *noun;
} list_kind;

#define LIST(k, t, arr, n, noun)                                             \
    {k, &t, offsetof(scn, arr), offsetof(scn, n), sizeof(((scn *)0)->arr[0]), \
     noun}
static const list_kind LISTS[] = {
    LIST("regions", scn_schema_region, regions, nregions, "a region"),
    LIST("bands", scn_schema_band, bands, nbands, "a band"),
    LIST("vendors", scn_schema_vendor, vendors, nvendors, "a vendor"),
    LIST("operators", scn_schema_operator, operators, noperators,
         "an operator"),
    LIST("policies", scn_schema_policy, policies, npolicies, "a policy"),
};

/* Item sg of list l: its index, and its struct in s. */
static err_code list_item(const ctx *x, const scn *s, const list_kind *l,
                          const seg *sg, int *i, const void **base)
{
    const char *names[SPECSIM_POLICIES_MAX + SPECSIM_VENDORS_MAX];
    const char *items = (const char *)s + l->items;
    int n = *(const int *)((const char *)s + l->count);
    for (int k = 0; k < n; k++) names[k] = items + (size_t)k * l->size;
    err_code rc = pick_item(x, sg, l->key, names, n, i);
    *base = items + (size_t)*i * l->size;
    return rc;
}

static err_code resolve(const scn *s, const char *path, target *t, err_t *e)
{
    seg sg[SEG_MAX];
    int n;
    ctx x = {path, e};
    err_code rc = parse(path, sg, &n, e);
    if (rc != ERR_OK) return rc;
    const char *k = sg[0].key;
    if (strcmp(k, "horizon") == 0 || strcmp(k, "run") == 0 ||
        strcmp(k, "market") == 0) {
        bool h = k[0] == 'h', r = k[0] == 'r';
        if ((rc = no_selector(&x, &sg[0])) ||
            (rc = want_segments(&x, n >= 2, 1, "SECTION.FIELD")))
            return rc;
        return field_target(
            &x, s, h ? &scn_schema_horizon : r ? &scn_schema_run
                                               : &scn_schema_market,
            h ? (const void *)s : r ? (const void *)&s->run
                                    : (const void *)&s->market,
            &sg[1], n - 1,
            h ? "the horizon (its years shape the scenario and cannot be "
                "swept)"
            : r ? "run (replications and seed are the options -n and "
                  "--seed)"
                : "market",
            NULL, t);
    }
    if (strcmp(k, "risk") == 0) {
        if (!s->risk.enabled)
            return err_set(e, ERR_USAGE, "%s: the scenario has no risk "
                           "section", path);
        if ((rc = no_selector(&x, &sg[0])) ||
            (rc = want_segments(&x, n >= 2, 1, "SECTION.FIELD")))
            return rc;
        return field_target(&x, s, &scn_schema_risk, &s->risk, &sg[1], n - 1,
                            "risk", NULL, t);
    }
    for (size_t i = 0; i < sizeof LISTS / sizeof LISTS[0]; i++) {
        const list_kind *l = &LISTS[i];
        const void *base;
        int item = 0;
        if (strcmp(k, l->key) != 0) continue;
        if ((rc = list_item(&x, s, l, &sg[0], &item, &base))) return rc;
        if (n < 2) return want_segments(&x, n, 2, "a field after the item");
        if (l->t == &scn_schema_policy)
            return policy_target(&x, s, sg, n, item, t);
        bool op = l->t == &scn_schema_operator;
        if (op && n >= 3 && strcmp(sg[1].key, "installed_base") == 0)
            return installed_target(&x, s, sg, n, item, t);
        return field_target(&x, s, l->t, base, &sg[1], n - 1, l->noun,
                            op ? "installed_base[.REGION].VENDOR" : NULL, t);
    }
    return err_set(e, ERR_USAGE, "%s: %s: expected a path starting with "
                   "horizon, run, market, regions[i], bands[i], vendors[i], "
                   "operators[i], policies[i] or risk", path, k);
}

/* ---- checks and access ---- */

/* Is region r among those the share target t sets? */
static bool share_region(const scn *s, const target *t, int r)
{
    return t->b >= 0 ? r == t->b : scn_has_installed_base(s, t->a, r);
}

/* A share can be set only against a vendor given as rest, which absorbs the
 * change, and only so far that rest stays >= 0 whatever the other shares'
 * draws. */
static err_code check_share_region(const scn *s, const target *t, int r,
                                   double v, const char *path, err_t *e)
{
    const scn_operator *op = &s->operators[t->a];
    const char *rn = s->regions[r].name, *vn = s->vendors[t->v].name;
    int rest = op->installed_rest[r];
    if (!scn_has_installed_base(s, t->a, r))
        return err_set(e, ERR_USAGE, "%s: %g: expected a share where operator "
                       "%s has an installed base (it has none in region %s)",
                       path, v, op->name, rn);
    if (rest < 0)
        return err_set(e, ERR_USAGE, "%s: %g: expected a share balanced by a "
                       "vendor given as rest (operator %s's shares in region "
                       "%s have none, so changing one would break their sum "
                       "of 1)", path, v, op->name, rn);
    if (rest == t->v)
        return err_set(e, ERR_USAGE, "%s: %g: expected the share of a vendor "
                       "not given as rest (%s takes 1 minus the others in "
                       "region %s)", path, v, vn, rn);
    double top = v;
    for (int k = 0; k < s->nvendors; k++)
        if (k != rest && k != t->v)
            top += scn_num_max(s, op->installed_base[r][k]);
    if (top > 1 + 1e-6)
        return err_set(e, ERR_USAGE, "%s: %g: expected a share that leaves "
                       "%s, given as rest, at least 0 in region %s (with the "
                       "other shares' upper bounds the sum reaches %.6g)",
                       path, v, s->vendors[rest].name, rn, top);
    return ERR_OK;
}

static err_code check_share(const scn *s, const target *t, double v,
                            const char *path, err_t *e)
{
    bool any = false;
    for (int r = 0; r < s->nregions; r++) {
        if (!share_region(s, t, r)) continue;
        any = true;
        err_code rc = check_share_region(s, t, r, v, path, e);
        if (rc != ERR_OK) return rc;
    }
    if (any) return ERR_OK;
    return err_set(e, ERR_USAGE, "%s: %g: expected a share where operator %s "
                   "has an installed base (it has none)", path, v,
                   s->operators[t->a].name);
}

/* Write a checked share, fixed, and complete the rest entry's mean. */
static void set_share(scn *s, const target *t, double v)
{
    scn_operator *op = &s->operators[t->a];
    bool in[SPECSIM_REGIONS_MAX];
    for (int r = 0; r < s->nregions; r++) in[r] = share_region(s, t, r);
    for (int r = 0; r < s->nregions; r++) {
        if (!in[r]) continue;
        int rest = op->installed_rest[r];
        op->installed_base[r][t->v] = (scn_num){v, -1};
        op->installed_base[r][rest] =
            (scn_num){scn_installed_share(s, t->a, r, rest, NULL), -1};
    }
}

/* What scn_check reports about a value set by path. */
typedef struct {
    const char *path, *shown;
    const scn *s;
    const target *t;
    err_t *e;
} set_report;

/* The message names the field where the rule is checked when it is not
 * the one set (path counts policies as stored, as the setter does). */
static err_code report_set(void *arg, const char *path, const char *value,
                           const char *expected)
{
    const set_report *r = arg;
    target at;
    err_t ignored;
    (void)value;
    bool same = r->t->k != SCN_T_HOOK &&
                resolve(r->s, path, &at, &ignored) == ERR_OK &&
                at.k == r->t->k && at.off == r->t->off;
    if (same)
        return err_set(r->e, ERR_USAGE, "%s: %s: expected %s", r->path,
                       r->shown, expected);
    return err_set(r->e, ERR_USAGE, "%s: %s: expected %s (the rule is "
                   "checked at %s)", r->path, r->shown, expected, path);
}

static void write_value(scn *s, const target *t, double value)
{
    void *p = (char *)s + t->off;
    switch (t->k) {
    case SCN_T_NUM: *(scn_num *)p = (scn_num){value, -1}; break;
    case SCN_T_REAL: *(double *)p = value; break;
    case SCN_T_INT: *(int *)p = (int)value; break;
    case SCN_T_LONG: *(long *)p = (long)value; break;
    default: set_share(s, t, value);
    }
}

err_code scn_path_set(scn *s, const char *path, double value, err_t *e)
{
    SPECSIM_ASSERT(s != NULL && path != NULL);
    target t;
    char range[96], shown[40];
    err_code rc = resolve(s, path, &t, e);
    if (rc != ERR_OK) return rc;
    scn_fmt_range(&t.range, range, sizeof range);
    scn_fmt_num(value, shown, sizeof shown);
    if (!isfinite(value) || !scn_range_has(&t.range, value))
        return err_set(e, ERR_USAGE, "%s: %s: expected %s in %s", path, shown,
                       t.range.noun, range);
    bool whole = t.k == SCN_T_INT || t.k == SCN_T_LONG;
    if (whole && value != floor(value))
        return err_set(e, ERR_USAGE, "%s: %s: expected %s in %s (a whole "
                       "number)", path, shown, t.range.noun, range);
    if (t.k == SCN_T_HOOK && (rc = check_share(s, &t, value, path, e)))
        return rc;
    scn *trial = malloc(sizeof *trial);
    if (trial == NULL) return err_set(e, ERR_NOMEM, "out of memory");
    *trial = *s;
    write_value(trial, &t, value);
    set_report r = {path, shown, trial, &t, e};
    rc = scn_check(trial, report_set, &r);
    free(trial);
    if (rc == ERR_OK) write_value(s, &t, value);
    return rc;
}

/* A share's value at the means, in its region or the first region the
 * target covers (0 where the operator has no installed base), and whether
 * it is drawn (a rest share is when any other share of its region is). */
static double share_get(const scn *s, const target *t, bool *uncertain)
{
    const scn_operator *op = &s->operators[t->a];
    for (int r = 0; r < s->nregions; r++) {
        if (!share_region(s, t, r)) continue;
        int rest = op->installed_rest[r];
        for (int k = 0; k < s->nvendors; k++)
            if ((k == t->v || t->v == rest) && k != rest &&
                op->installed_base[r][k].param >= 0)
                *uncertain = true;
        return scn_installed_share(s, t->a, r, t->v, NULL);
    }
    return 0;
}

err_code scn_path_get(const scn *s, const char *path, double *value,
                      bool *uncertain, err_t *e)
{
    SPECSIM_ASSERT(s != NULL && path != NULL && value != NULL);
    target t;
    err_code rc = resolve(s, path, &t, e);
    if (rc != ERR_OK) return rc;
    const void *p = (const char *)s + t.off;
    bool unc = false;
    switch (t.k) {
    case SCN_T_NUM:
        *value = ((const scn_num *)p)->value;
        unc = ((const scn_num *)p)->param >= 0;
        break;
    case SCN_T_REAL: *value = *(const double *)p; break;
    case SCN_T_INT: *value = *(const int *)p; break;
    case SCN_T_LONG: *value = (double)*(const long *)p; break;
    default: *value = share_get(s, &t, &unc);
    }
    if (uncertain) *uncertain = unc;
    return ERR_OK;
}

/* ---- labels ---- */

/* Name of item i of list `key`, or NULL. Policies (last in LISTS) are
 * left as written: input paths count them as the file does. */
static const char *item_name(const scn *s, const char *key, int i)
{
    for (size_t k = 0; k + 1 < sizeof LISTS / sizeof LISTS[0]; k++) {
        const list_kind *l = &LISTS[k];
        if (strcmp(key, l->key) == 0 &&
            i < *(const int *)((const char *)s + l->count))
            return (const char *)s + l->items + (size_t)i * l->size;
    }
    return NULL;
}

void scn_path_label(const scn *s, const char *path, char *buf, size_t len)
{
    snprintf(buf, len, "%s", path);
    const char *lb = strchr(path, '[');
    if (lb == NULL || lb - path >= KEY_MAX) return;
    char key[KEY_MAX], *end;
    memcpy(key, path, (size_t)(lb - path));
    key[lb - path] = '\0';
    long i = strtol(lb + 1, &end, 10);
    if (*end != ']' || end == lb + 1 || i < 0 || i > 1000) return;
    const char *name = item_name(s, key, (int)i);
    if (name == NULL) return;
    const char *rest = end + 1;
    snprintf(buf, len, "%s%s%s", name, *rest == '.' ? ": " : "",
             *rest == '.' ? rest + 1 : rest);
}
