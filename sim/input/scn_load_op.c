/* scn_load_op.c — the operators section of a scenario.
 *
 * DESIGN — an operator refers to bands, regions and vendors by name, in
 * maps keyed by those names (holdings_mhz, sites, installed_base). Such a
 * map is checked key by key first (every key a known name, each once),
 * then read in the order of the referenced list, not the file's, so that
 * its distributions take their canonical place among the uncertain inputs.
 * The installed base is a map of vendor shares that applies to every
 * region, or a map of such maps by region; the kind is told by the first
 * key, which can name only one of the two because regions and vendors
 * share one set of names. Shares are stored only for regions where the
 * operator has sites, and must sum to 1 there in every replication: a
 * share may be a distribution only when one vendor of its map is given as
 * `rest` (1 minus the others), and the others' upper bounds sum to at most
 * 1, so that no draw can make rest negative. A map that applies to every
 * region registers its distributions once, so all regions share the draw.
 * The plain fields (numbers, the maps of sites and holdings, the
 * obligation) are read by the operator's schema table; this file holds its
 * hooks: the name, the installed base and the vendors it names. The check
 * of name keys is shared with every map keyed by names. Rules across
 * operators (subscriber shares per region, sites only where an operator
 * sells, spectrum caps above holdings) are scn_check's.
 */
#include "scn_load_int.h"

#include <stdio.h>
#include <string.h>

/* How far a region's installed-base shares may stray from 1. */
#define SHARE_SUM_TOL 1e-6

/* Index of the region, band or vendor named by scalar `k`, or -1. */
static int key_find(const scn *s, scn_ld_key kind, const yaml_node_t *k)
{
    char name[SPECSIM_NAME_MAX];
    if (k == NULL) return -1;
    scn_ld_scalar_name(k, name);
    if (kind == SCN_LD_KEY_REGION) return scn_region_find(s, name);
    if (kind == SCN_LD_KEY_VENDOR) return scn_vendor_find(s, name);
    for (int b = 0; b < s->nbands; b++)
        if (strcmp(s->bands[b].name, name) == 0) return b;
    return -1;
}

/* "a region name (one of urban, rural)" and the like. */
static void key_expected(const scn *s, scn_ld_key kind, char *buf, size_t len)
{
    char list[SPECSIM_ERRMSG_MAX / 2 - 64];
    static const char *const nouns[] = {"region", "band", "vendor"};
    scn_ld_names(s, kind, list, sizeof list);
    snprintf(buf, len, "a %s name (one of %s)", nouns[kind], list);
}

bool scn_ld_name_keys(scn_ld *ld, const yaml_node_t *m, const char *path,
                      scn_ld_key kind, const char *hint)
{
    char expected[SPECSIM_ERRMSG_MAX / 2], child[SPECSIM_PATH_MAX];
    bool seen[SPECSIM_REGIONS_MAX + SPECSIM_BANDS_MAX + SPECSIM_VENDORS_MAX] =
        {false};
    key_expected(ld->s, kind, expected, sizeof expected);
    if (!scn_ld_is_map(ld, m, path, "a map keyed by name")) return false;
    const yaml_node_pair_t *p = m->data.mapping.pairs.start;
    for (; p < m->data.mapping.pairs.top; p++) {
        const yaml_node_t *k = scn_ld_node(ld, p->key);
        int i = key_find(ld->s, kind, k);
        if (i < 0)
            return scn_ld_fail(ld, k, path, NULL, "%s%s", expected, hint);
        scn_ld_path(child, path, (const char *)k->data.scalar.value);
        if (seen[i])
            return scn_ld_fail(ld, k, child, "duplicate key",
                               "each name at most once");
        seen[i] = true;
    }
    return true;
}

/* ---- shares ---- */

/* One map of vendor shares as read: absent vendors hold 0; `rest` is the
 * vendor given as rest, or -1. */
typedef struct {
    scn_num sh[SPECSIM_VENDORS_MAX];
    int rest;
} share_map;

static bool is_rest(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE && n->data.scalar.length == 4 &&
           memcmp(n->data.scalar.value, "rest", 4) == 0;
}

/* Vendor v's entry `n`: a share, a distribution within [0, 1], or rest. */
static bool load_share(scn_ld *ld, const yaml_node_t *n, const char *path,
                       int v, share_map *out)
{
    double x;
    if (is_rest(n)) {
        if (out->rest >= 0)
            return scn_ld_fail(ld, n, path, NULL,
                               "at most one vendor given as rest in a map "
                               "of shares (%s is rest too)",
                               ld->s->vendors[out->rest].name);
        out->rest = v;
        return true;
    }
    if (n->type == YAML_SCALAR_NODE && !scn_ld_scalar_number(n, &x))
        return scn_ld_fail(ld, n, path, NULL,
                           "a share in [0, 1], a distribution map, or rest "
                           "(1 minus the other shares)");
    return scn_ld_num(ld, n, path, &scn_range_share, &out->sh[v]);
}

/* A map vendor name -> share into *out, in vendor order (the canonical
 * order of any distributions among them). */
static bool load_shares(scn_ld *ld, const yaml_node_t *m, const char *path,
                        const char *hint, share_map *out)
{
    char child[SPECSIM_PATH_MAX];
    const scn *s = ld->s;
    if (!scn_ld_name_keys(ld, m, path, SCN_LD_KEY_VENDOR, hint)) return false;
    out->rest = -1;
    for (int v = 0; v < SPECSIM_VENDORS_MAX; v++) out->sh[v] = (scn_num){0, -1};
    for (int v = 0; v < s->nvendors; v++) {
        const yaml_node_t *n = scn_ld_get(ld, m, s->vendors[v].name);
        if (n == NULL) continue;
        scn_ld_path(child, path, s->vendors[v].name);
        if (!load_share(ld, n, child, v, out)) return false;
    }
    return true;
}

/* "NOUN sum to X" into buf. */
static const char *sum_text(char *buf, size_t len, const char *noun,
                            double sum)
{
    snprintf(buf, len, "%s sum to %.6g", noun, sum);
    return buf;
}

/* The shares at `m` sum to 1 in every replication: fixed ones sum to 1,
 * or leave `rest` a share >= 0; drawn ones need a `rest`, and the others'
 * upper bounds must leave it >= 0 whatever the draws. Fills in the rest
 * entry at the means. */
static bool shares_check(scn_ld *ld, const yaml_node_t *m, const char *path,
                         share_map *sm)
{
    char shown[96];
    const scn *s = ld->s;
    bool drawn = false;
    double top = 0, mean = 0;
    for (int v = 0; v < s->nvendors; v++) {
        if (v == sm->rest) continue;
        drawn = drawn || sm->sh[v].param >= 0;
        top += scn_num_max(s, sm->sh[v]);
        mean += sm->sh[v].value;
    }
    if (drawn && sm->rest < 0)
        return scn_ld_fail(ld, m, path, "no vendor given as rest",
                           "one vendor given as rest: uncertain shares need "
                           "one vendor given as rest, whose share is 1 minus "
                           "the others' in each replication");
    if (sm->rest < 0 && fabs(top - 1) > SHARE_SUM_TOL)
        return scn_ld_fail(ld, m, path,
                           sum_text(shown, sizeof shown, "shares", top),
                           "shares summing to 1 (within 1e-6) in every "
                           "region where the operator has sites, or one "
                           "vendor given as rest");
    if (sm->rest >= 0 && top > 1 + SHARE_SUM_TOL)
        return scn_ld_fail(ld, m, path,
                           sum_text(shown, sizeof shown,
                                    drawn ? "upper bounds of the shares "
                                            "other than rest"
                                          : "shares other than rest",
                                    top),
                           "%s summing to at most 1 (within 1e-6), so that "
                           "the share of %s, given as rest, is never "
                           "negative",
                           drawn ? "upper bounds" : "shares",
                           s->vendors[sm->rest].name);
    if (sm->rest >= 0) sm->sh[sm->rest].value = fmax(0.0, 1.0 - mean);
    return true;
}

static void shares_store(scn_operator *op, int r, const share_map *sm)
{
    memcpy(op->installed_base[r], sm->sh, sizeof sm->sh);
    op->installed_rest[r] = sm->rest;
}

/* One map of vendor shares applying to every region with sites: a drawn
 * share is one input, the same draw in every region. */
static bool base_national(scn_ld *ld, const yaml_node_t *m, const char *path,
                          scn_operator *op)
{
    char hint[SPECSIM_ERRMSG_MAX / 2], regions[SPECSIM_ERRMSG_MAX / 4];
    share_map sm;
    bool any = false;
    scn_ld_names(ld->s, SCN_LD_KEY_REGION, regions, sizeof regions);
    snprintf(hint, sizeof hint, ", or a region name (one of %s)", regions);
    if (!load_shares(ld, m, path, hint, &sm)) return false;
    for (int r = 0; r < ld->s->nregions; r++) any = any || scn_has_sites(op, r);
    if (any && !shares_check(ld, m, path, &sm)) return false;
    for (int r = 0; r < ld->s->nregions; r++)
        if (scn_has_sites(op, r)) shares_store(op, r, &sm);
    return true;
}

/* A map region name -> map of vendor shares. */
static bool base_by_region(scn_ld *ld, const yaml_node_t *m,
                           const char *path, scn_operator *op)
{
    char child[SPECSIM_PATH_MAX], shown[64];
    share_map sm;
    const scn *s = ld->s;
    if (!scn_ld_name_keys(ld, m, path, SCN_LD_KEY_REGION, "")) return false;
    for (int r = 0; r < s->nregions; r++) {
        const yaml_node_t *n = scn_ld_get(ld, m, s->regions[r].name);
        scn_ld_path(child, path, s->regions[r].name);
        if (n == NULL && scn_has_sites(op, r)) {
            snprintf(shown, sizeof shown, "no shares for region %s",
                     s->regions[r].name);
            return scn_ld_fail(ld, m, path, shown,
                               "vendor shares for every region where the "
                               "operator has sites");
        }
        if (n == NULL) continue;
        if (!load_shares(ld, n, child, "", &sm)) return false;
        if (!scn_has_sites(op, r)) continue;
        if (!shares_check(ld, n, child, &sm)) return false;
        shares_store(op, r, &sm);
    }
    return true;
}

static bool load_installed_base(scn_ld *ld, const yaml_node_t *m,
                                const char *path, scn_operator *op)
{
    char child[SPECSIM_PATH_MAX];
    bool any = false;
    for (int r = 0; r < ld->s->nregions; r++) {
        any = any || scn_has_sites(op, r);
        /* Regions without sites store no installed base: no share, no
         * rest (a zeroed scn_num would name params[0]). */
        op->installed_rest[r] = -1;
        for (int v = 0; v < SPECSIM_VENDORS_MAX; v++)
            op->installed_base[r][v] = (scn_num){0, -1};
    }
    const yaml_node_t *n = scn_ld_get(ld, m, "installed_base");
    if (n == NULL && !any) return true;
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, "installed_base",
                                   "a map from vendor name to share "
                                   "(required: the operator has sites)");
    scn_ld_path(child, path, "installed_base");
    if (!scn_ld_is_map(ld, n, child, "a map from vendor name to share"))
        return false;
    const yaml_node_pair_t *first = n->data.mapping.pairs.start;
    bool by_region = first < n->data.mapping.pairs.top &&
                     key_find(ld->s, SCN_LD_KEY_REGION,
                              scn_ld_node(ld, first->key)) >= 0;
    return by_region ? base_by_region(ld, n, child, op)
                     : base_national(ld, n, child, op);
}

/* ---- single fields ---- */

/* The vendor field f names (core_vendor, affiliated_vendor). An absent
 * core_vendor is required unless the operator is a new entrant, whose core
 * is then the first vendor that is not high-risk; an absent
 * affiliated_vendor (whose exclusion with bar_bidding bars the operator
 * from the auction) is -1. */
static bool vendor_ref(scn_ld *ld, const yaml_node_t *m, const char *path,
                       const scn_field *f, scn_operator *op)
{
    char child[SPECSIM_PATH_MAX], expected[SPECSIM_ERRMSG_MAX / 2];
    const scn *s = ld->s;
    int *out = (int *)((char *)op + f->offset);
    bool core = strcmp(f->key, "core_vendor") == 0;
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    key_expected(s, SCN_LD_KEY_VENDOR, expected, sizeof expected);
    if (n == NULL && core && !op->new_entrant)
        return scn_ld_fail_missing(ld, m, path, f->key,
                                   "%s (required unless new_entrant)",
                                   expected);
    *out = -1;
    for (int v = s->nvendors - 1; n == NULL && core && v >= 0; v--)
        if (!s->vendors[v].high_risk) *out = v;
    if (n == NULL || (*out = key_find(s, SCN_LD_KEY_VENDOR, n)) >= 0)
        return true;
    scn_ld_path(child, path, f->key);
    return scn_ld_fail(ld, n, child, NULL, "%s", expected);
}

/* The operator's explicit XOR packages: read only with auction
 * value_model explicit (elsewhere they would be silently unused); each a
 * map {lots, value} by the package table, with at least one lot. */
static bool load_packages(scn_ld *ld, const yaml_node_t *m, const char *path,
                          scn_operator *op)
{
    char lpath[SPECSIM_PATH_MAX], ipath[SPECSIM_PATH_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, "packages");
    op->npackages = 0;
    if (n == NULL) return true;
    scn_ld_path(lpath, path, "packages");
    const scn_auction *a = &ld->s->auction;
    if (!a->enabled || a->value_model != VALUE_EXPLICIT)
        return scn_ld_fail(ld, n, lpath, "a list", "no packages unless the "
                           "auction has value_model explicit (they are read "
                           "only with it)");
    if (!scn_ld_list(ld, n, lpath, 1, SPECSIM_XOR_PACKAGES_MAX,
                     "SPECSIM_XOR_PACKAGES_MAX"))
        return false;
    for (int j = 0; j < scn_ld_list_len(n); j++) {
        const yaml_node_t *item = scn_ld_list_item(ld, n, j);
        scn_package *p = &op->packages[j];
        scn_ld_path_idx(ipath, lpath, j);
        if (!scn_ld_table(ld, item, ipath, &scn_schema_package, p))
            return false;
        int lots = 0;
        for (int b = 0; b < ld->s->nbands; b++) lots += p->lots[b];
        if (lots == 0) {
            char child[SPECSIM_PATH_MAX];
            scn_ld_path(child, ipath, "lots");
            const yaml_node_t *at = scn_ld_get(ld, item, "lots");
            return scn_ld_fail(ld, at != NULL ? at : item, child, NULL,
                               "at least one lot (the empty package is "
                               "worth 0)");
        }
        op->npackages = j + 1;
    }
    return true;
}

bool scn_ld_operator_hook(scn_ld *ld, const yaml_node_t *m, const char *path,
                          const scn_field *f, void *base)
{
    scn_operator *op = base;
    switch (f->hook) {
    case SCN_H_OWN_NAME:
        return scn_ld_own_name(ld, m, path, "operator",
                               ld->s->operators[0].name, sizeof *op,
                               (int)(op - ld->s->operators));
    case SCN_H_INSTALLED: return load_installed_base(ld, m, path, op);
    case SCN_H_PACKAGES: return load_packages(ld, m, path, op);
    default: return vendor_ref(ld, m, path, f, op);
    }
}
