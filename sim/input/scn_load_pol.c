/* scn_load_pol.c — the policies and correlations sections of a scenario.
 *
 * DESIGN — policies are read in two passes. The first checks every
 * policy's keys and name and finds `baseline`; the second stores baseline
 * at index 0 (adding an empty one when the file has none) and the others
 * after it in file order, so their distributions enter the table of
 * uncertain inputs in that order. Messages and input paths keep the index
 * the policy has in the file, which is what a reader of the file counts.
 * An instrument is a one-key map whose key is its kind; each kind's fields
 * are read by its schema table, scope management of an exclusion by hand,
 * and every field a kind does not set means "no constraint" or, for the
 * auction rules, "as the auction section says".
 * Vendor sets become bit masks (bit v = vendor v).
 * Correlations come last: they refer to uncertain inputs by path, and all
 * inputs are known by then.
 */
#include "scn_load_int.h"

#include <stdio.h>
#include <string.h>

static const char *const KIND_WORDS[] = {"exclude", "cap", "diversity",
                                         "mitigation", "auction", "subsidy",
                                         "measure", NULL};
/* ---- vendor sets ---- */

/* The bits of one word of a vendor set: high_risk or a vendor name. */
static bool mask_word(scn_ld *ld, const yaml_node_t *n, const char *path,
                      uint32_t *mask)
{
    char list[SPECSIM_ERRMSG_MAX / 2], name[SPECSIM_NAME_MAX];
    const scn *s = ld->s;
    scn_ld_scalar_name(n, name);
    if (strcmp(name, "high_risk") == 0) {
        *mask |= scn_high_risk_mask(s);
        return true;
    }
    int v = name[0] != '\0' ? scn_vendor_find(s, name) : -1;
    if (v >= 0) {
        *mask |= UINT32_C(1) << v;
        return true;
    }
    scn_ld_names(s, SCN_LD_KEY_VENDOR, list, sizeof list);
    return scn_ld_fail(ld, n, path, NULL,
                       "high_risk or a vendor name (one of %s)", list);
}

bool scn_ld_vendor_set(scn_ld *ld, const yaml_node_t *m,
                            const char *path, bool required, uint32_t *out)
{
    char child[SPECSIM_PATH_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, "vendors");
    const char *shown = NULL;
    uint32_t mask = 0;
    scn_ld_path(child, path, "vendors");
    if (n == NULL && required)
        return scn_ld_fail_missing(ld, m, path, "vendors",
                                   "high_risk, a vendor name, or a list of "
                                   "them");
    if (n == NULL) {
        mask = scn_high_risk_mask(ld->s);
        shown = "high_risk (the default)";
    } else if (n->type == YAML_SEQUENCE_NODE) {
        for (int i = 0; i < scn_ld_list_len(n); i++)
            if (!mask_word(ld, scn_ld_list_item(ld, n, i), child, &mask))
                return false;
    } else if (!mask_word(ld, n, child, &mask)) {
        return false;
    }
    if (mask == 0)
        return scn_ld_fail(ld, n != NULL ? n : m, child, shown,
                           "a set of at least one vendor; this one selects "
                           "no vendor (is any vendor high_risk: true?)");
    *out = mask;
    return true;
}

/* ---- operator sets ---- */

/* The bit of one operator name. */
static bool operator_word(scn_ld *ld, const yaml_node_t *n, const char *path,
                          uint32_t *mask)
{
    char name[SPECSIM_NAME_MAX], list[SPECSIM_ERRMSG_MAX / 2];
    const scn *s = ld->s;
    scn_ld_scalar_name(n, name);
    for (int o = 0; name[0] != '\0' && o < s->noperators; o++)
        if (strcmp(s->operators[o].name, name) == 0) {
            *mask |= UINT32_C(1) << o;
            return true;
        }
    size_t w = 0;
    list[0] = '\0';
    for (int o = 0; o < s->noperators && w + 1 < sizeof list; o++)
        w += (size_t)snprintf(list + w, sizeof list - w, "%s%s",
                              o ? ", " : "", s->operators[o].name);
    return scn_ld_fail(ld, n, path, NULL, "an operator name (one of %s)",
                       list);
}

bool scn_ld_operator_set(scn_ld *ld, const yaml_node_t *map,
                         const char *path, const char *key, uint32_t *out)
{
    return scn_ld_name_set(ld, map, path, key, ld->s->noperators,
                           "an operator name", operator_word, out);
}

/* ---- instruments ---- */

/* Every vendor a management-scope rule targets needs management_swap_eur;
 * the message points at the vendor, where the field belongs. */
static bool management_costs_given(scn_ld *ld, const char *path,
                                   const scn_instrument *in)
{
    char vpath[SPECSIM_PATH_MAX];
    const scn *s = ld->s;
    const yaml_node_t *root = yaml_document_get_root_node(ld->doc);
    const yaml_node_t *list = scn_ld_get(ld, root, "vendors");
    for (int v = 0; v < s->nvendors; v++) {
        const scn_num *c = &s->vendors[v].management_swap_eur;
        if (!(in->vendors >> v & 1u) || c->param >= 0 || c->value >= 0)
            continue;
        scn_ld_path_idx(vpath, "vendors", v);
        return scn_ld_fail_missing(
            ld, scn_ld_list_item(ld, list, v), vpath, "management_swap_eur",
            "a number in [0, 1e11], or a distribution map: what replacing "
            "%s's network-management system costs one operator, needed by "
            "the management-scope exclusion %s (line %d)",
            s->vendors[v].name, path, in->line);
    }
    return true;
}

/* Scope management: no purchase stop, only the deadline removal_year
 * (required) by which the targeted vendors' radios are managed through
 * another vendor's system. A from_year, if given, must repeat it. */
static bool load_management(scn_ld *ld, const yaml_node_t *m,
                            const char *path, scn_instrument *in)
{
    const scn_table *t = &scn_schema_instrument[INSTR_EXCLUDE];
    scn_field removal = *scn_schema_find(t, "removal_year");
    removal.lo_end = SCN_E_YEAR_FIRST;
    removal.dflt = SCN_D_REQUIRED;
    removal.note = " (within the horizon; scope management needs the "
                   "deadline)";
    scn_field from = removal;
    from.key = "from_year";
    from.offset = offsetof(scn_instrument, from_year);
    char child[SPECSIM_PATH_MAX];
    if (!scn_ld_field(ld, m, path, &removal, in)) return false;
    int rem = in->removal_year;
    const yaml_node_t *n = scn_ld_get(ld, m, "from_year");
    scn_ld_path(child, path, "from_year");
    if (n != NULL && !scn_ld_field(ld, m, path, &from, in)) return false;
    if (n != NULL && in->from_year != rem)
        return scn_ld_fail(ld, n, child, NULL,
                           "%d (the removal_year) or no from_year: scope "
                           "management has no purchase stop and takes "
                           "effect at removal_year",
                           rem);
    in->from_year = rem;
    return scn_ld_field(ld, m, path, scn_schema_find(t, "bar_bidding"), in) &&
           management_costs_given(ld, path, in);
}

/* deadline_hard and late_penalty_eur_site_year speak of a removal
 * deadline: refused without one (no removal_year, or scope management,
 * whose deadline is the management system's), and a penalty with a hard
 * deadline. */
static bool deadline_fields_used(scn_ld *ld, const yaml_node_t *m,
                                 const char *path, const scn_instrument *in)
{
    static const char *const keys[] = {"deadline_hard",
                                       "late_penalty_eur_site_year"};
    char child[SPECSIM_PATH_MAX];
    for (int k = 0; k < 2; k++) {
        const yaml_node_t *n = scn_ld_get(ld, m, keys[k]);
        if (n == NULL) continue;
        scn_ld_path(child, path, keys[k]);
        if (in->scope == SCOPE_MANAGEMENT)
            return scn_ld_fail(ld, n, child, NULL,
                               "no %s with scope management: it has no "
                               "removal of installed equipment",
                               keys[k]);
        if (in->removal_year == 0)
            return scn_ld_fail(ld, n, child, NULL,
                               "no %s without a removal_year: there is no "
                               "removal deadline to miss",
                               keys[k]);
        if (k == 1 && in->deadline_hard)
            return scn_ld_fail(ld, n, child, NULL,
                               "no late_penalty_eur_site_year with "
                               "deadline_hard: true: a hard deadline is "
                               "never missed");
    }
    return true;
}

/* An exclusion: scope management has its own reading of the years. */
static bool load_exclude(scn_ld *ld, const yaml_node_t *m, const char *path,
                         scn_instrument *in)
{
    const scn_table *t = &scn_schema_instrument[INSTR_EXCLUDE];
    if (!scn_ld_table_keys(ld, m, path, t) ||
        !scn_ld_field(ld, m, path, scn_schema_find(t, "scope"), in))
        return false;
    if (in->scope != SCOPE_MANAGEMENT)
        return scn_ld_table(ld, m, path, t, in) &&
               deadline_fields_used(ld, m, path, in);
    if (!deadline_fields_used(ld, m, path, in)) return false;
    return scn_ld_vendor_set(ld, m, path, true, &in->vendors) &&
           load_management(ld, m, path, in) &&
           scn_ld_region_set(ld, m, path, "regions", &in->regions);
}

/* Without an enabled auction, an auction instrument may set only the
 * licence obligation: its auction rules would have nothing to change. */
static bool auction_rules_allowed(scn_ld *ld, const yaml_node_t *m,
                                  const char *path)
{
    const scn_table *t = &scn_schema_instrument[INSTR_AUCTION];
    char child[SPECSIM_PATH_MAX];
    if (ld->s->auction.enabled) return true;
    for (int i = 0; i < t->nfields; i++) {
        const char *key = t->fields[i].key;
        const yaml_node_t *n = scn_ld_get(ld, m, key);
        if (n == NULL || strcmp(key, "obligation") == 0) continue;
        scn_ld_path(child, path, key);
        return scn_ld_fail(ld, n, child,
                           "an auction rule, but the scenario has no auction",
                           "only obligation in an auction instrument when "
                           "there is no auction section or its format is "
                           "none");
    }
    return true;
}

/* Fields a kind does not use: no constraint, no cost, the auction rules
 * unchanged. */
static void instrument_clear(scn_instrument *in)
{
    memset(in, 0, sizeof *in);
    in->share_max = (scn_num){1, -1};
    in->vendor_share_max = (scn_num){1, -1};
    in->cost_site_year_eur.param = -1;
    in->cost_fixed_year_eur.param = -1;
    in->risk_reduction.param = -1;
    in->reserve_factor = (scn_num){1, -1};
    for (int b = 0; b < SPECSIM_BANDS_MAX; b++) {
        in->cap_band[b] = -1;
        in->setaside[b] = -1;
    }
    in->cap_total = -1;
    in->spectrum_cap_mhz = -1;
    in->obligation_year = 0;
    in->late_penalty_eur_site_year = (scn_num){-1, -1};
    in->subsidy_share.param = -1;
    in->cost_operator_year_eur.param = -1;
    in->cost_once_eur.param = -1;
    in->cost_operator_once_eur.param = -1;
    in->hostile_probability_reduction.param = -1;
    in->hostile_impact_reduction.param = -1;
    in->failure_probability_reduction.param = -1;
    in->failure_impact_reduction.param = -1;
}

static bool load_instrument(scn_ld *ld, const yaml_node_t *n,
                            const char *path, scn_instrument *in)
{
    static const char *const expected =
        "a map with one key, the kind of instrument (exclude, cap, "
        "diversity, mitigation, auction, subsidy or measure)";
    int kind = 0;
    instrument_clear(in);
    if (n->type != YAML_MAPPING_NODE ||
        n->data.mapping.pairs.top - n->data.mapping.pairs.start != 1)
        return scn_ld_fail(ld, n, path, NULL, "%s", expected);
    const yaml_node_pair_t *p = n->data.mapping.pairs.start;
    if (!scn_ld_word(ld, scn_ld_node(ld, p->key), path, KIND_WORDS, &kind))
        return false;
    const yaml_node_t *fields = scn_ld_node(ld, p->value);
    in->kind = (scn_instr_kind)kind;
    in->line = (int)n->start_mark.line + 1;
    if (!scn_ld_is_map(ld, fields, path, "a map of the instrument's fields"))
        return false;
    /* `regions` (all by default) limits an instrument to some regions,
     * e.g. one country's policy in a multi-country scenario; the auction
     * rules apply everywhere. */
    if (!scn_ld_region_set(ld, NULL, path, "regions", &in->regions))
        return false;
    if (in->kind == INSTR_EXCLUDE) return load_exclude(ld, fields, path, in);
    if (in->kind == INSTR_MITIGATION || in->kind == INSTR_MEASURE)
        in->scope = SCOPE_ALL;
    if (in->kind == INSTR_AUCTION && !auction_rules_allowed(ld, fields, path))
        return false;
    return scn_ld_table(ld, fields, path, &scn_schema_instrument[in->kind],
                        in);
}

/* ---- policies ---- */

/* First pass over one policy: keys, and a name no earlier policy has. */
static bool policy_check(scn_ld *ld, const yaml_node_t *list, int i,
                         char names[][SPECSIM_NAME_MAX])
{
    char path[SPECSIM_PATH_MAX];
    const yaml_node_t *m = scn_ld_list_item(ld, list, i);
    scn_ld_path_idx(path, "policies", i);
    return scn_ld_table_keys(ld, m, path, &scn_schema_policy) &&
           scn_ld_own_name(ld, m, path, "policy", names[0], sizeof names[0],
                           i);
}

/* Second pass: policy i of the file into *pol. */
static bool load_policy(scn_ld *ld, const yaml_node_t *list, int i,
                        scn_policy *pol)
{
    char item[SPECSIM_PATH_MAX], path[SPECSIM_PATH_MAX];
    char child[SPECSIM_PATH_MAX], shown[40];
    const yaml_node_t *m = scn_ld_list_item(ld, list, i);
    scn_ld_path_idx(item, "policies", i);
    if (!scn_ld_field(ld, m, item,
                      scn_schema_find(&scn_schema_policy, "description"), pol))
        return false;
    const yaml_node_t *list_n = scn_ld_get(ld, m, "instruments");
    if (list_n == NULL) return true;
    scn_ld_path(path, item, "instruments");
    if (!scn_ld_list(ld, list_n, path, 0, SPECSIM_INSTRUMENTS_MAX,
                     "SPECSIM_INSTRUMENTS_MAX"))
        return false;
    int count = scn_ld_list_len(list_n);
    snprintf(shown, sizeof shown, "%d instrument%s", count,
             count == 1 ? "" : "s");
    if (count > 0 && strcmp(pol->name, "baseline") == 0)
        return scn_ld_fail(ld, list_n, path, shown,
                           "none: baseline is the policy of doing nothing, "
                           "the reference for every other policy");
    for (int j = 0; j < count; j++) {
        scn_ld_path_idx(child, path, j);
        if (!load_instrument(ld, scn_ld_list_item(ld, list_n, j), child,
                             &pol->instruments[j]))
            return false;
        pol->ninstruments = j + 1;
    }
    return true;
}

bool scn_ld_policies(scn_ld *ld, const yaml_node_t *list)
{
    char names[SPECSIM_POLICIES_MAX][SPECSIM_NAME_MAX], shown[48];
    scn *s = ld->s;
    int base = -1;
    if (!scn_ld_list(ld, list, "policies", 1, SPECSIM_POLICIES_MAX,
                     "SPECSIM_POLICIES_MAX"))
        return false;
    int n = scn_ld_list_len(list);
    for (int i = 0; i < n; i++) {
        if (!policy_check(ld, list, i, names)) return false;
        if (strcmp(names[i], "baseline") == 0) base = i;
    }
    snprintf(shown, sizeof shown, "%d policies without baseline", n);
    if (base < 0 && n + 1 > SPECSIM_POLICIES_MAX)
        return scn_ld_fail(ld, list, "policies", shown,
                           "at most %d policies besides the baseline the "
                           "loader adds (limit SPECSIM_POLICIES_MAX)",
                           SPECSIM_POLICIES_MAX - 1);
    snprintf(s->policies[0].name, SPECSIM_NAME_MAX, "baseline");
    snprintf(s->policies[0].description, SPECSIM_TEXT_MAX,
             "no policy instrument");
    s->npolicies = 1;
    ld->policy_file[0] = base;
    if (base >= 0 && !load_policy(ld, list, base, &s->policies[0]))
        return false;
    for (int i = 0; i < n; i++) {
        if (i == base) continue;
        ld->policy_file[s->npolicies] = i;
        scn_policy *pol = &s->policies[s->npolicies];
        snprintf(pol->name, SPECSIM_NAME_MAX, "%s", names[i]);
        if (!load_policy(ld, list, i, pol)) return false;
        s->npolicies++;
    }
    return true;
}

/* ---- correlations ---- */

/* Index of the uncertain input whose path is scalar `n`, or a message. */
static bool param_ref(scn_ld *ld, const yaml_node_t *m, const char *path,
                      const char *key, int *out)
{
    char child[SPECSIM_PATH_MAX], some[SPECSIM_ERRMSG_MAX / 2] = "";
    const scn *s = ld->s;
    const yaml_node_t *n = scn_ld_get(ld, m, key);
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, key,
                                   "the path of an uncertain input");
    for (int i = 0; n->type == YAML_SCALAR_NODE && i < s->nparams; i++) {
        if (strlen(s->params[i].path) == n->data.scalar.length &&
            strcmp(s->params[i].path,
                   (const char *)n->data.scalar.value) == 0) {
            *out = i;
            return true;
        }
    }
    size_t o = 0;
    for (int i = 0; i < s->nparams && i < 4 && o + 1 < sizeof some; i++)
        o += (size_t)snprintf(some + o, sizeof some - o, "%s%s",
                              i ? ", " : "", s->params[i].path);
    scn_ld_path(child, path, key);
    return scn_ld_fail(ld, n, child, NULL,
                       "the path of an input given as a distribution "
                       "(%s%s%s)",
                       s->nparams ? "such as " : "this scenario has none",
                       some, s->nparams > 4 ? ", ..." : "");
}

bool scn_ld_input_path(scn_ld *ld, const yaml_node_t *m, const char *path,
                       const scn_field *f, void *base)
{
    char child[SPECSIM_PATH_MAX];
    scn_correlation *c = base;
    if (!param_ref(ld, m, path, f->key, (int *)((char *)base + f->offset)))
        return false;
    if (strcmp(f->key, "b") != 0) return true;
    scn_ld_path(child, path, "b");
    if (c->a == c->b)
        return scn_ld_fail(ld, scn_ld_get(ld, m, "b"), child, NULL,
                           "an input other than a: an input is always "
                           "fully correlated with itself");
    for (const scn_correlation *o = ld->s->correlations; o < c; o++)
        if ((o->a == c->a && o->b == c->b) || (o->a == c->b && o->b == c->a))
            return scn_ld_fail(ld, m, path, "a pair already correlated",
                               "each pair of inputs at most once "
                               "(correlations[%d] has it)",
                               (int)(o - ld->s->correlations));
    return true;
}
