/* scn_path.c — resolve a field path of a loaded scenario and set or read
 * the number there (see scn_path.h).
 *
 * DESIGN — a path is split into at most four segments `key[selector]`.
 * The first names a section; each section has a table of its settable
 * fields (key, kind, offset in the struct, range as in
 * docs/scenario-format.md), and the few fields keyed by a name (sites by
 * region, range_km by geotype, ...) are resolved by hand. Resolution yields
 * a `target`: a pointer, a kind and the range to check. Ranges whose ends
 * depend on the scenario (years of the horizon, the number of vendors) are
 * filled in when the path is resolved. Checks that involve other fields
 * run on the value before anything is written, so a refused value leaves
 * the scenario untouched.
 */
#include "scn_path.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Segments of a path, and bytes of a segment's key or selector. */
#define SEG_MAX 4
#define KEY_MAX 64

/* K_SHARE: an installed-base share, written through set_share(). */
typedef enum { K_NUM, K_REAL, K_INT, K_LONG, K_SHARE } kind;

/* Ranges whose ends depend on the scenario. */
typedef enum { D_NONE, D_HORIZON, D_NVENDORS, D_REMOVAL } dyn;

/* Checks that involve other fields. */
typedef enum { C_NONE, C_SUBSCRIBERS, C_SITES, C_FROM_YEAR, C_SHARE } cross;

typedef struct {
    const char *key;
    kind k;
    size_t off;
    double lo, hi;
    bool lo_open, hi_open;
    const char *noun;
    dyn d;
    unsigned kinds;    /* instruments: bit set of scn_instr_kind using it */
} field;

typedef struct {
    kind k;
    void *ptr;
    double lo, hi;
    bool lo_open, hi_open;
    const char *noun;
    cross c;
    int a, b;          /* operator and region (-1: every region with an
                          installed base), or policy and instrument */
    int v;             /* vendor of an installed-base share */
} target;

typedef struct {
    char key[KEY_MAX];
    char sel[KEY_MAX];
    bool has_sel;
} seg;

#define BIT(k) (1u << (k))
#define ALL_INSTR (BIT(INSTR_COUNT) - 1u)
/* Instruments in force from a year (all but auction rules). */
#define NET_INSTR (BIT(INSTR_EXCLUDE) | BIT(INSTR_CAP) | BIT(INSTR_DIVERSITY) | \
                   BIT(INSTR_MITIGATION))

#define NUMF(st, key, lo, hi, lo_open, noun)                                 \
    {#key, K_NUM, offsetof(st, key), lo, hi, lo_open, false, noun, D_NONE,  \
     ALL_INSTR}

static const field horizon_fields[] = {
    {"discount_rate", K_NUM, offsetof(scn, discount_rate), 0, 0.5, false,
     false, "a rate", D_NONE, ALL_INSTR},
};

static const field run_fields[] = {
    {"coverage_target", K_REAL, offsetof(scn_run, coverage_target), 0.01, 1,
     false, false, "a share", D_NONE, ALL_INSTR},
    {"risk_core_weight", K_REAL, offsetof(scn_run, risk_core_weight), 0, 1,
     false, false, "a share", D_NONE, ALL_INSTR},
    {"mip_node_limit", K_LONG, offsetof(scn_run, mip_node_limit), 1, 1e7,
     false, false, "an integer", D_NONE, ALL_INSTR},
    {"mip_gap", K_REAL, offsetof(scn_run, mip_gap), 0, 0.1, false, false,
     "a number", D_NONE, ALL_INSTR},
};

static const field market_fields[] = {
    NUMF(scn_market, margin_eur_user_year, 0, 1e4, false, "a number"),
    NUMF(scn_market, quality_eur_user_year, 0, 1e4, false, "a number"),
    NUMF(scn_market, users_share, 0, 2, false, "a number"),
    NUMF(scn_market, site_opex_eur_year, 0, 1e7, false, "a number"),
    NUMF(scn_market, new_site_opex_eur_year, 0, 1e7, false, "a number"),
    NUMF(scn_market, swap_eur_site, 0, 1e7, false, "a number"),
    NUMF(scn_market, core_upgrade_share, 0, 1, false, "a share"),
    NUMF(scn_market, obligation_penalty_eur_pop, 0, 1e6, false, "a number"),
};

static const field region_fields[] = {
    NUMF(scn_region, population, 0, 1e10, true, "a number"),
    NUMF(scn_region, area_km2, 0, 1e8, true, "a number"),
    NUMF(scn_region, demand_mbps, 0, 1e4, true, "a number"),
    NUMF(scn_region, demand_growth, -0.5, 2, false, "a number"),
};

static const field band_fields[] = {
    {"freq_mhz", K_REAL, offsetof(scn_band, freq_mhz), 0, 1e6, true, false,
     "a number", D_NONE, ALL_INSTR},
    {"lots", K_INT, offsetof(scn_band, lots), 0, 1000, false, false,
     "an integer", D_NONE, ALL_INSTR},
    {"mhz_per_lot", K_REAL, offsetof(scn_band, mhz_per_lot), 0, 1000, true,
     false, "a number", D_NONE, ALL_INSTR},
    NUMF(scn_band, reserve_eur, 0, 1e11, false, "a number"),
    /* range_km.GEOTYPE and efficiency.GEOTYPE: see band_target */
};

static const field vendor_fields[] = {
    NUMF(scn_vendor, risk_score, 0, 1, false, "a share"),
    NUMF(scn_vendor, ran_new_eur, 0, 1e8, false, "a number"),
    NUMF(scn_vendor, ran_upgrade_eur, 0, 1e8, false, "a number"),
    NUMF(scn_vendor, core_eur, 0, 1e11, false, "a number"),
    NUMF(scn_vendor, integration_eur, 0, 1e10, false, "a number"),
    NUMF(scn_vendor, opex_factor, 0, 10, true, "a number"),
    NUMF(scn_vendor, efficiency_factor, 0, 10, true, "a number"),
    NUMF(scn_vendor, capacity_sites_year, 0, 1e7, false, "a number"),
    NUMF(scn_vendor, management_swap_eur, 0, 1e11, false, "a number"),
    {"available_year", K_INT, offsetof(scn_vendor, available_year),
     SPECSIM_YEAR_MIN, SPECSIM_YEAR_MAX, false, false, "a year", D_NONE,
     ALL_INSTR},
};

static const field operator_fields[] = {
    NUMF(scn_operator, subscriber_share, 0, 1, false, "a share"),
    NUMF(scn_operator, capex_budget_eur_year, 0, 1e12, true, "a number"),
    NUMF(scn_operator, auction_budget_eur, 0, 1e12, false, "a number"),
    {"vendors_per_region_max", K_INT,
     offsetof(scn_operator, vendors_per_region_max), 1, 0, false, false,
     "an integer", D_NVENDORS, ALL_INSTR},
    /* holdings_mhz.BAND, sites.REGION, obligation.year|share: see
     * operator_target */
};

static const field instrument_fields[] = {
    {"from_year", K_INT, offsetof(scn_instrument, from_year), 0, 0, false,
     false, "a year", D_HORIZON, NET_INSTR},
    {"removal_year", K_INT, offsetof(scn_instrument, removal_year), 0, 0,
     false, false, "a year", D_REMOVAL, BIT(INSTR_EXCLUDE)},
    {"share_max", K_NUM, offsetof(scn_instrument, share_max), 0, 1, false,
     false, "a share", D_NONE, BIT(INSTR_CAP)},
    {"vendors_min", K_INT, offsetof(scn_instrument, vendors_min), 1, 0, false,
     false, "an integer", D_NVENDORS, BIT(INSTR_DIVERSITY)},
    {"vendor_share_min", K_REAL, offsetof(scn_instrument, vendor_share_min), 0,
     1, false, true, "a share", D_NONE, BIT(INSTR_DIVERSITY)},
    {"vendor_share_max", K_NUM, offsetof(scn_instrument, vendor_share_max), 0,
     1, true, false, "a share", D_NONE, BIT(INSTR_DIVERSITY)},
    {"cost_site_year_eur", K_NUM, offsetof(scn_instrument, cost_site_year_eur),
     0, 1e7, false, false, "a number", D_NONE, BIT(INSTR_MITIGATION)},
    {"cost_fixed_year_eur", K_NUM,
     offsetof(scn_instrument, cost_fixed_year_eur), 0, 1e11, false, false,
     "a number", D_NONE, BIT(INSTR_MITIGATION)},
    {"risk_reduction", K_NUM, offsetof(scn_instrument, risk_reduction), 0, 1,
     false, false, "a share", D_NONE, BIT(INSTR_MITIGATION)},
    {"reserve_factor", K_NUM, offsetof(scn_instrument, reserve_factor), 0,
     100, false, false, "a number", D_NONE, BIT(INSTR_AUCTION)},
};

#define N(t) ((int)(sizeof t / sizeof t[0]))

/* ---- messages ---- */

/* Shortest readable form of a number: 1e7, 0.35. */
static void fmt_num(double v, char *buf, size_t len)
{
    char tmp[40], *e;
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v) break;
    }
    if ((e = strchr(tmp, 'e')) != NULL) {
        char *x = e + 1;
        bool neg = *x == '-';
        if (*x == '+' || *x == '-') x++;
        while (*x == '0' && x[1]) x++;
        snprintf(buf, len, "%.*se%s%s", (int)(e - tmp), tmp, neg ? "-" : "", x);
    } else {
        snprintf(buf, len, "%s", tmp);
    }
}

static void fmt_range(const target *t, char *buf, size_t len)
{
    char lo[40], hi[40];
    fmt_num(t->lo, lo, sizeof lo);
    fmt_num(t->hi, hi, sizeof hi);
    snprintf(buf, len, "%c%s, %s%c", t->lo_open ? '(' : '[', lo, hi,
             t->hi_open ? ')' : ']');
}

/* "a, b, c" of the keys of a table, restricted to instrument kind `ik` (or
 * all when ik < 0), followed by `extra`. */
static void key_list(const field *f, int n, int ik, const char *extra,
                     char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o + 1 < len; i++)
        if (ik < 0 || (f[i].kinds >> ik & 1u))
            o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
                                  f[i].key);
    if (extra && o + 1 < len)
        snprintf(buf + o, len - o, "%s%s", o ? ", " : "", extra);
}

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

typedef struct {
    const char *path;
    err_t *e;
} ctx;

/* The list item `sg` selects among n named items: an index or a name. */
static err_code pick_item(const ctx *x, const seg *sg, const char *noun,
                          const char *const *names, int n, int *out)
{
    char list[SPECSIM_ERRMSG_MAX / 2];
    size_t o = 0;
    list[0] = '\0';
    for (int i = 0; i < n && o + 1 < sizeof list; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "",
                              names[i]);
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

/* Field `key` of table f into *t at struct `base`. */
static err_code table_target(const ctx *x, const scn *s, const field *f, int n,
                             int ik, const seg *sg, const char *what,
                             const char *extra, char *base, target *t)
{
    char keys[SPECSIM_ERRMSG_MAX / 2];
    for (int i = 0; i < n; i++) {
        if (strcmp(f[i].key, sg->key) != 0) continue;
        if (ik >= 0 && !(f[i].kinds >> ik & 1u)) break;
        *t = (target){f[i].k, base + f[i].off, f[i].lo, f[i].hi,
                      f[i].lo_open, f[i].hi_open, f[i].noun, C_NONE, 0, 0, -1};
        if (f[i].d == D_HORIZON) {
            t->lo = s->year_first;
            t->hi = s->year_last;
        }
        if (f[i].d == D_NVENDORS) t->hi = s->nvendors;
        return no_selector(x, sg);
    }
    key_list(f, n, ik, extra, keys, sizeof keys);
    return err_set(x->e, ERR_USAGE, "%s: %s: expected a numeric field of %s "
                   "(one of %s)", x->path, sg->key, what, keys);
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
    size_t o = 0;
    list[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (!sg->has_sel && strcmp(names[i], sg->key) == 0) {
            *out = i;
            return ERR_OK;
        }
        if (o + 1 < sizeof list)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                                  i ? ", " : "", names[i]);
    }
    return err_set(x->e, ERR_USAGE, "%s: %s: expected a %s name (one of %s)",
                   x->path, sg->key, noun, list);
}

#define NAMES(arr, n, field_)                                               \
    const char *names_[SPECSIM_POLICIES_MAX + SPECSIM_VENDORS_MAX];         \
    for (int i_ = 0; i_ < (n); i_++) names_[i_] = (arr)[i_].field_

static err_code band_target(const ctx *x, scn *s, const seg *sg, int n,
                            target *t)
{
    static const char *const geo[GEO_COUNT] = {"urban", "suburban", "rural"};
    NAMES(s->bands, s->nbands, name);
    int b, g;
    err_code rc = pick_item(x, &sg[0], "bands", names_, s->nbands, &b);
    if (rc != ERR_OK) return rc;
    if (n < 2) return want_segments(x, n, 2, "a field after bands[i]");
    scn_band *bd = &s->bands[b];
    bool range = strcmp(sg[1].key, "range_km") == 0;
    if (range || strcmp(sg[1].key, "efficiency") == 0) {
        if ((rc = want_segments(x, n, 3, "bands[i].range_km.GEOTYPE or "
                                         "bands[i].efficiency.GEOTYPE")) ||
            (rc = no_selector(x, &sg[1])) ||
            (rc = pick_key(x, &sg[2], "geotype", geo, GEO_COUNT, &g)))
            return rc;
        *t = (target){K_NUM, range ? &bd->range_km[g] : &bd->efficiency[g], 0,
                      range ? 100 : 50, true, false, "a number", C_NONE, 0, 0,
                      -1};
        return ERR_OK;
    }
    if ((rc = want_segments(x, n, 2, "one field after bands[i]"))) return rc;
    return table_target(x, s, band_fields, N(band_fields), -1, &sg[1],
                        "a band", "range_km.GEOTYPE, efficiency.GEOTYPE",
                        (char *)bd, t);
}

static err_code operator_map_target(const ctx *x, scn *s, const seg *sg,
                                    int o, target *t)
{
    scn_operator *op = &s->operators[o];
    err_code rc = no_selector(x, &sg[1]);
    if (rc != ERR_OK) return rc;
    if (strcmp(sg[1].key, "sites") == 0) {
        NAMES(s->regions, s->nregions, name);
        int r;
        if ((rc = pick_key(x, &sg[2], "region", names_, s->nregions, &r)))
            return rc;
        *t = (target){K_NUM, &op->sites[r], 0, 1e7, false, false, "a number",
                      C_SITES, o, r, -1};
        return ERR_OK;
    }
    if (strcmp(sg[1].key, "holdings_mhz") == 0) {
        NAMES(s->bands, s->nbands, name);
        int b;
        if ((rc = pick_key(x, &sg[2], "band", names_, s->nbands, &b)))
            return rc;
        *t = (target){K_REAL, &op->holdings_mhz[b], 0, 1e6, false, false,
                      "a number", C_NONE, o, 0, -1};
        return ERR_OK;
    }
    bool year = strcmp(sg[2].key, "year") == 0;
    if (strcmp(sg[1].key, "obligation") != 0 ||
        (!year && strcmp(sg[2].key, "share") != 0) || sg[2].has_sel)
        return err_set(x->e, ERR_USAGE, "%s: expected operators[i].sites."
                       "REGION, operators[i].holdings_mhz.BAND, "
                       "operators[i].installed_base[.REGION].VENDOR, "
                       "operators[i].obligation.year or "
                       "operators[i].obligation.share", x->path);
    if (year)
        *t = (target){K_INT, &op->obligation_year, s->year_first,
                      s->year_last, false, false, "a year", C_NONE, o, 0, -1};
    else
        *t = (target){K_REAL, &op->obligation_share, 0, 1, false, false,
                      "a share", C_NONE, o, 0, -1};
    return ERR_OK;
}

/* operators[i].installed_base.VENDOR (that vendor's share in every region
 * where the operator has an installed base) or
 * operators[i].installed_base.REGION.VENDOR (one region). */
static err_code installed_target(const ctx *x, scn *s, const seg *sg, int n,
                                 int o, target *t)
{
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
    *t = (target){K_SHARE, NULL, 0, 1, false, false, "a share", C_SHARE, o,
                  r, v};
    return ERR_OK;
}

static err_code operator_target(const ctx *x, scn *s, const seg *sg, int n,
                                 target *t)
{
    NAMES(s->operators, s->noperators, name);
    int o;
    err_code rc = pick_item(x, &sg[0], "operators", names_, s->noperators, &o);
    if (rc != ERR_OK) return rc;
    if (n >= 3 && strcmp(sg[1].key, "installed_base") == 0)
        return installed_target(x, s, sg, n, o, t);
    if (n == 3) return operator_map_target(x, s, sg, o, t);
    if ((rc = want_segments(x, n, 2, "a field after operators[i]"))) return rc;
    rc = table_target(x, s, operator_fields, N(operator_fields), -1, &sg[1],
                      "an operator",
                      "sites.REGION, holdings_mhz.BAND, "
                      "installed_base[.REGION].VENDOR, obligation.year, "
                      "obligation.share",
                      (char *)&s->operators[o], t);
    if (rc == ERR_OK && strcmp(sg[1].key, "subscriber_share") == 0) {
        t->c = C_SUBSCRIBERS;
        t->a = o;
    }
    return rc;
}

static err_code policy_target(const ctx *x, scn *s, const seg *sg, int n,
                              target *t)
{
    NAMES(s->policies, s->npolicies, name);
    int p, i;
    err_code rc = pick_item(x, &sg[0], "policies", names_, s->npolicies, &p);
    if (rc != ERR_OK) return rc;
    scn_policy *pol = &s->policies[p];
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
    i = (int)j;
    scn_instrument *in = &pol->instruments[i];
    char what[96];
    snprintf(what, sizeof what, "a %s instrument (policy %s)",
             scn_instr_name(in->kind), pol->name);
    rc = table_target(x, s, instrument_fields, N(instrument_fields),
                      (int)in->kind, &sg[2], what, NULL, (char *)in, t);
    if (rc != ERR_OK) return rc;
    t->a = p;
    t->b = i;
    bool management = in->kind == INSTR_EXCLUDE && in->scope == SCOPE_MANAGEMENT;
    if (management && strcmp(sg[2].key, "from_year") == 0)
        return err_set(x->e, ERR_USAGE, "%s: expected removal_year: a "
                       "management-scope exclusion has no purchase stop, "
                       "only its deadline", x->path);
    if (strcmp(sg[2].key, "removal_year") == 0) {
        /* A management rule's from_year only repeats its deadline. */
        t->lo = management ? s->year_first : in->from_year;
        t->hi = s->year_last;
    }
    if (strcmp(sg[2].key, "from_year") == 0 && in->kind == INSTR_EXCLUDE)
        t->c = C_FROM_YEAR;
    return ERR_OK;
}

/* A section whose fields all sit in one struct. */
static err_code flat_target(const ctx *x, scn *s, const seg *sg, int n,
                            const field *f, int nf, char *base,
                            const char *what, target *t)
{
    err_code rc = no_selector(x, &sg[0]);
    if (rc == ERR_OK)
        rc = want_segments(x, n, 2, "SECTION.FIELD for this section");
    if (rc == ERR_OK) rc = table_target(x, s, f, nf, -1, &sg[1], what, NULL, base, t);
    return rc;
}

static err_code list_target(const ctx *x, scn *s, const seg *sg, int n,
                            target *t)
{
    err_code rc;
    if (strcmp(sg[0].key, "regions") == 0) {
        NAMES(s->regions, s->nregions, name);
        int r;
        if ((rc = pick_item(x, &sg[0], "regions", names_, s->nregions, &r)) ||
            (rc = want_segments(x, n, 2, "regions[i].FIELD")))
            return rc;
        return table_target(x, s, region_fields, N(region_fields), -1, &sg[1],
                            "a region", NULL, (char *)&s->regions[r], t);
    }
    if (strcmp(sg[0].key, "vendors") == 0) {
        NAMES(s->vendors, s->nvendors, name);
        int v;
        if ((rc = pick_item(x, &sg[0], "vendors", names_, s->nvendors, &v)) ||
            (rc = want_segments(x, n, 2, "vendors[i].FIELD")))
            return rc;
        return table_target(x, s, vendor_fields, N(vendor_fields), -1, &sg[1],
                            "a vendor", NULL, (char *)&s->vendors[v], t);
    }
    if (strcmp(sg[0].key, "bands") == 0) return band_target(x, s, sg, n, t);
    if (strcmp(sg[0].key, "operators") == 0)
        return operator_target(x, s, sg, n, t);
    return policy_target(x, s, sg, n, t);
}

static err_code resolve(scn *s, const char *path, target *t, err_t *e)
{
    static const char *const lists[] = {"regions", "bands", "vendors",
                                        "operators", "policies"};
    seg sg[SEG_MAX];
    int n;
    ctx x = {path, e};
    err_code rc = parse(path, sg, &n, e);
    if (rc != ERR_OK) return rc;
    const char *k = sg[0].key;
    if (strcmp(k, "horizon") == 0)
        return flat_target(&x, s, sg, n, horizon_fields, N(horizon_fields),
                           (char *)s, "the horizon (its years shape the "
                           "scenario and cannot be swept)", t);
    if (strcmp(k, "run") == 0)
        return flat_target(&x, s, sg, n, run_fields, N(run_fields),
                           (char *)&s->run, "run (replications and seed "
                           "are the options -n and --seed)", t);
    if (strcmp(k, "market") == 0)
        return flat_target(&x, s, sg, n, market_fields, N(market_fields),
                           (char *)&s->market, "market", t);
    for (int i = 0; i < 5; i++)
        if (strcmp(k, lists[i]) == 0) return list_target(&x, s, sg, n, t);
    return err_set(e, ERR_USAGE, "%s: %s: expected a path starting with "
                   "horizon, run, market, regions[i], bands[i], vendors[i], "
                   "operators[i] or policies[i]", path, k);
}

/* ---- checks and access ---- */

/* Does operator o have an installed base in region r (shares summing to
 * 1, which the loader stores only where it has sites)? */
static bool has_base(const scn *s, int o, int r)
{
    double base = 0;
    for (int k = 0; k < s->nvendors; k++)
        base += scn_installed_share(s, o, r, k, NULL);
    return base >= 0.5;
}

/* Is region r among those the share target t sets? */
static bool share_region(const scn *s, const target *t, int r)
{
    return t->b >= 0 ? r == t->b : has_base(s, t->a, r);
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
    if (!has_base(s, t->a, r))
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

static err_code check_cross(const scn *s, const target *t, double v,
                            const char *path, err_t *e)
{
    if (t->c == C_SHARE) return check_share(s, t, v, path, e);
    if (t->c == C_SUBSCRIBERS) {
        double sum = v;
        for (int o = 0; o < s->noperators; o++)
            if (o != t->a) sum += s->operators[o].subscriber_share.value;
        if (sum > 1 + 1e-9)
            return err_set(e, ERR_USAGE, "%s: %g: expected subscriber shares "
                           "summing to at most 1 over all operators (they "
                           "would reach %.6g)", path, v, sum);
    }
    if (t->c == C_SITES && v > 0) {
        if (!has_base(s, t->a, t->b))
            return err_set(e, ERR_USAGE, "%s: %g: expected 0: operator %s has "
                           "no installed base in region %s (give one in the "
                           "scenario file first)", path, v,
                           s->operators[t->a].name, s->regions[t->b].name);
    }
    if (t->c == C_FROM_YEAR) {
        int rem = s->policies[t->a].instruments[t->b].removal_year;
        if (rem > 0 && v > rem)
            return err_set(e, ERR_USAGE, "%s: %g: expected a year at most the "
                           "instrument's removal_year %d", path, v, rem);
    }
    return ERR_OK;
}

err_code scn_path_set(scn *s, const char *path, double value, err_t *e)
{
    SPECSIM_ASSERT(s != NULL && path != NULL);
    target t;
    char range[96], shown[40];
    err_code rc = resolve(s, path, &t, e);
    if (rc != ERR_OK) return rc;
    fmt_range(&t, range, sizeof range);
    fmt_num(value, shown, sizeof shown);
    bool lo_ok = t.lo_open ? value > t.lo : value >= t.lo;
    bool hi_ok = t.hi_open ? value < t.hi : value <= t.hi;
    if (!isfinite(value) || !lo_ok || !hi_ok)
        return err_set(e, ERR_USAGE, "%s: %s: expected %s in %s", path, shown,
                       t.noun, range);
    bool whole = t.k == K_INT || t.k == K_LONG;
    if (whole && value != floor(value))
        return err_set(e, ERR_USAGE, "%s: %s: expected %s in %s (a whole "
                       "number)", path, shown, t.noun, range);
    if ((rc = check_cross(s, &t, value, path, e)) != ERR_OK) return rc;
    switch (t.k) {
    case K_NUM: *(scn_num *)t.ptr = (scn_num){value, -1}; break;
    case K_REAL: *(double *)t.ptr = value; break;
    case K_INT: *(int *)t.ptr = (int)value; break;
    case K_LONG: *(long *)t.ptr = (long)value; break;
    case K_SHARE: set_share(s, &t, value); break;
    }
    return ERR_OK;
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
    /* resolve() only computes a pointer into *s; nothing is written. */
    err_code rc = resolve((scn *)s, path, &t, e);
    if (rc != ERR_OK) return rc;
    bool unc = false;
    switch (t.k) {
    case K_NUM:
        *value = ((const scn_num *)t.ptr)->value;
        unc = ((const scn_num *)t.ptr)->param >= 0;
        break;
    case K_REAL: *value = *(const double *)t.ptr; break;
    case K_INT: *value = *(const int *)t.ptr; break;
    case K_LONG: *value = (double)*(const long *)t.ptr; break;
    case K_SHARE: *value = share_get(s, &t, &unc); break;
    }
    if (uncertain) *uncertain = unc;
    return ERR_OK;
}

/* ---- labels ---- */

/* Name of item i of list `key`, or NULL. Policies are left as written:
 * input paths count them as the file does. */
static const char *item_name(const scn *s, const char *key, int i)
{
    if (strcmp(key, "regions") == 0 && i < s->nregions)
        return s->regions[i].name;
    if (strcmp(key, "bands") == 0 && i < s->nbands) return s->bands[i].name;
    if (strcmp(key, "vendors") == 0 && i < s->nvendors)
        return s->vendors[i].name;
    if (strcmp(key, "operators") == 0 && i < s->noperators)
        return s->operators[i].name;
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
