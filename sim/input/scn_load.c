/* scn_load.c — reading a scenario file: the entry points, the YAML
 * document, and the sections up to the vendors.
 *
 * DESIGN — the file is read whole and parsed twice by libyaml: a first pass
 * over its events only bounds nesting depth, anchors and aliases (where
 * libyaml's time grows quadratically, so hostile input could stall it),
 * then the document tree is built (which gives every node its line and
 * column) and walked section by section in the canonical order scenario,
 * horizon, run, market, regions, bands, auction, vendors, operators,
 * policies, correlations, whatever their order in the file, so that the
 * table of uncertain inputs always comes out in the same order. Within an
 * entity, fields are read in the order the schema lists them
 * (docs/scenario-format.md), again not in file order. The auction section
 * lives in scn_load_auc.c, operators in scn_load_op.c, policies and
 * correlations in scn_load_pol.c, the generic node and number checks in
 * scn_load_yaml.c and scn_load_num.c.
 */
#include "scn_check.h"
#include "scn_corr.h"
#include "scn_load_int.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Largest scenario file read, in bytes: far beyond any real scenario, and
 * a guard against reading a device or a runaway file. */
#define SCN_FILE_MAX (16L * 1024 * 1024)
/* Deepest nesting of maps and lists read. The schema needs seven levels;
 * the guard exists because libyaml's scanner takes time quadratic in the
 * nesting depth of flow collections ([[[[...), so a few megabytes of
 * brackets would otherwise keep it busy for hours. */
#define SCN_DEPTH_MAX 64
/* Most anchors (&name) and aliases (*name) read. libyaml looks anchors up
 * in a list, in time anchors x (anchors + aliases); a scenario needs few. */
#define SCN_ANCHORS_MAX 256
#define SCN_ALIASES_MAX 4096

static const char *const GEO_WORDS[] = {"urban", "suburban", "rural", NULL};

static const scn_ld_range R_SHARE = {"a share", 0, 1, false, false};
static const scn_ld_range R_RATE = {"a rate", 0, 0.5, false, false};

/* ---- names ---- */

/* Comma-separated `count` names spaced `stride` bytes apart from `first`. */
static void names(const char *first, size_t stride, int count, char *buf,
                  size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < count && o + 1 < len; i++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
                              first + (size_t)i * stride);
}

void scn_ld_vendor_names(const scn *s, char *buf, size_t len)
{
    names(s->vendors[0].name, sizeof s->vendors[0], s->nvendors, buf, len);
}

void scn_ld_region_names(const scn *s, char *buf, size_t len)
{
    names(s->regions[0].name, sizeof s->regions[0], s->nregions, buf, len);
}

void scn_ld_band_names(const scn *s, char *buf, size_t len)
{
    names(s->bands[0].name, sizeof s->bands[0], s->nbands, buf, len);
}

/* Path of the region, band or vendor already called `name`, or "". */
static void name_owner(const scn *s, const char *name, char *out)
{
    out[0] = '\0';
    for (int i = 0; i < s->nregions; i++)
        if (strcmp(s->regions[i].name, name) == 0)
            scn_ld_path_idx(out, "regions", i);
    for (int i = 0; i < s->nbands; i++)
        if (strcmp(s->bands[i].name, name) == 0)
            scn_ld_path_idx(out, "bands", i);
    for (int i = 0; i < s->nvendors; i++)
        if (strcmp(s->vendors[i].name, name) == 0)
            scn_ld_path_idx(out, "vendors", i);
}

/* The required name of a region, band or vendor: an identifier unused by
 * any region, band or vendor before it, and not the word high_risk. */
static bool entity_name(scn_ld *ld, const yaml_node_t *m, const char *path,
                        char out[SPECSIM_NAME_MAX])
{
    char child[SPECSIM_PATH_MAX], owner[SPECSIM_PATH_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, "name");
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, "name", "a name");
    scn_ld_path(child, path, "name");
    if (!scn_ld_name(ld, n, child, out)) return false;
    if (strcmp(out, "high_risk") == 0)
        return scn_ld_fail(ld, n, child, NULL,
                           "a name other than high_risk, which stands for "
                           "every high-risk vendor");
    name_owner(ld->s, out, owner);
    if (owner[0] != '\0')
        return scn_ld_fail(ld, n, child, NULL,
                           "a name not used before (%s has it; regions, "
                           "bands and vendors share one set of names)",
                           owner);
    return true;
}

/* ---- scenario, horizon, run, market ---- */

static bool load_scenario(scn_ld *ld, const yaml_node_t *m)
{
    static const char *const keys[] = {"description", "currency", NULL};
    scn *s = ld->s;
    snprintf(s->currency, sizeof s->currency, "EUR");
    if (m == NULL) return true;
    if (!scn_ld_keys(ld, m, "scenario", keys)) return false;
    const yaml_node_t *d = scn_ld_get(ld, m, "description");
    if (d != NULL &&
        !scn_ld_text(ld, d, "scenario.description", s->description))
        return false;
    const yaml_node_t *c = scn_ld_get(ld, m, "currency");
    if (c == NULL) return true;
    const char *v = c->type == YAML_SCALAR_NODE
                        ? (const char *)c->data.scalar.value
                        : "";
    if (strlen(v) != 3 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
        return scn_ld_fail(ld, c, "scenario.currency", NULL,
                           "an ISO 4217 code of three upper-case letters, "
                           "e.g. EUR");
    snprintf(s->currency, sizeof s->currency, "%s", v);
    return true;
}

static bool load_horizon(scn_ld *ld, const yaml_node_t *m)
{
    static const char *const keys[] = {"first_year", "last_year",
                                       "discount_rate", NULL};
    static const scn_ld_irange first = {"a year", SPECSIM_YEAR_MIN,
                                        SPECSIM_YEAR_MAX, ""};
    char note[96];
    long y0 = 0, y1 = 0;
    scn *s = ld->s;
    if (!scn_ld_keys(ld, m, "horizon", keys) ||
        !scn_ld_field_int(ld, m, "horizon", "first_year", &first, true, 0,
                          &y0))
        return false;
    snprintf(note, sizeof note,
             " (after first_year; at most %d years, limit "
             "SPECSIM_YEARS_MAX)",
             SPECSIM_YEARS_MAX);
    long hi = y0 + SPECSIM_YEARS_MAX - 1;
    scn_ld_irange last = {"a year", y0 + 1,
                          hi < SPECSIM_YEAR_MAX ? hi : SPECSIM_YEAR_MAX, note};
    if (!scn_ld_field_int(ld, m, "horizon", "last_year", &last, true, 0, &y1))
        return false;
    s->year_first = (int)y0;
    s->year_last = (int)y1;
    return scn_ld_field_num(ld, m, "horizon", "discount_rate", &R_RATE, 0.07,
                            &s->discount_rate);
}

static bool load_run(scn_ld *ld, const yaml_node_t *m)
{
    static const char *const keys[] = {"replications", "seed",
                                       "coverage_target", "risk_core_weight",
                                       "mip_node_limit", "mip_gap", NULL};
    static const scn_ld_irange reps = {"an integer", 1, SPECSIM_REPS_MAX,
                                       " (limit SPECSIM_REPS_MAX)"};
    static const scn_ld_irange nodes = {"an integer", 1, 10000000, ""};
    static const scn_ld_range target = {"a share", 0.01, 1, false, false};
    static const scn_ld_range gap = {"a number", 0, 0.1, false, false};
    scn_run *r = &ld->s->run;
    const yaml_node_t *seed = scn_ld_get(ld, m, "seed");
    r->seed = 1;
    if (m != NULL && !scn_ld_keys(ld, m, "run", keys)) return false;
    return scn_ld_field_int(ld, m, "run", "replications", &reps, false, 200,
                            &r->replications) &&
           (seed == NULL || scn_ld_u64(ld, seed, "run.seed", &r->seed)) &&
           scn_ld_field_fixed(ld, m, "run", "coverage_target", &target, 0.9,
                              &r->coverage_target) &&
           scn_ld_field_fixed(ld, m, "run", "risk_core_weight", &R_SHARE,
                              0.5, &r->risk_core_weight) &&
           scn_ld_field_int(ld, m, "run", "mip_node_limit", &nodes, false,
                            100000, &r->mip_node_limit) &&
           scn_ld_field_fixed(ld, m, "run", "mip_gap", &gap, 1e-6,
                              &r->mip_gap);
}

static bool load_market(scn_ld *ld, const yaml_node_t *m)
{
    static const char *const keys[] = {
        "margin_eur_user_year", "quality_eur_user_year", "users_share", "site_opex_eur_year",
        "new_site_opex_eur_year", "swap_eur_site", "core_upgrade_share", "obligation_penalty_eur_pop",
        NULL};
    static const scn_ld_range margin = {"a number", 0, 1e4, false, false};
    static const scn_ld_range users = {"a number", 0, 2, false, false};
    static const scn_ld_range cost = {"a number", 0, 1e7, false, false};
    static const scn_ld_range penalty = {"a number", 0, 1e6, false, false};
#define F(key, range, def) {#key, offsetof(scn_market, key), range, def}
    static const scn_ld_numf f[] = {
        F(margin_eur_user_year, &margin, SCN_LD_REQUIRED),
        F(quality_eur_user_year, &margin, 0.0),
        F(users_share, &users, 1.0),
        F(site_opex_eur_year, &cost, SCN_LD_REQUIRED),
        F(new_site_opex_eur_year, &cost, 0.0),
        F(swap_eur_site, &cost, SCN_LD_REQUIRED),
        F(core_upgrade_share, &R_SHARE, 0.5),
        F(obligation_penalty_eur_pop, &penalty, 100),
    };
#undef F
    return scn_ld_keys(ld, m, "market", keys) &&
           scn_ld_num_fields(ld, m, "market", f, (int)(sizeof f / sizeof *f),
                             &ld->s->market);
}

/* ---- regions, bands, vendors ---- */

/* The optional country of region i: a name, added to the scenario's
 * countries at its first mention. There are at most as many countries as
 * regions, so the table cannot overflow. */
static bool region_country(scn_ld *ld, const yaml_node_t *m, const char *path,
                           int i)
{
    char child[SPECSIM_PATH_MAX], name[SPECSIM_NAME_MAX];
    scn *s = ld->s;
    const yaml_node_t *n = scn_ld_get(ld, m, "country");
    s->regions[i].country = -1;
    if (n == NULL) return true;
    scn_ld_path(child, path, "country");
    if (!scn_ld_name(ld, n, child, name)) return false;
    int c = scn_country_find(s, name);
    if (c < 0) {
        c = s->ncountries++;
        memcpy(s->countries[c].name, name, sizeof name);
    }
    s->countries[c].regions |= UINT32_C(1) << i;
    s->regions[i].country = c;
    return true;
}

/* Countries are all or nothing: once a region names its country every
 * region must, so that each person counts in exactly one country. */
static bool check_countries(scn_ld *ld, const yaml_node_t *list)
{
    const scn *s = ld->s;
    int named = -1;
    for (int r = 0; r < s->nregions && named < 0; r++)
        if (s->regions[r].country >= 0) named = r;
    if (named < 0) return true;
    for (int r = 0; r < s->nregions; r++) {
        if (s->regions[r].country >= 0) continue;
        char path[SPECSIM_PATH_MAX];
        scn_ld_path_idx(path, "regions", r);
        return scn_ld_fail_missing(
            ld, scn_ld_list_item(ld, list, r), path, "country",
            "a country name: regions[%d] (%s) names its country, so every "
            "region must", named, s->regions[named].name);
    }
    return true;
}

static bool load_region(scn_ld *ld, const yaml_node_t *m, const char *path,
                        int i)
{
    static const char *const keys[] = {"name", "geotype", "sensitive",
                                       "country",
                                       "population", "area_km2",
                                       "demand_mbps", "demand_growth", NULL};
    static const scn_ld_range pop = {"a number", 0, 1e10, true, false};
    static const scn_ld_range area = {"a number", 0, 1e8, true, false};
    static const scn_ld_range demand = {"a number", 0, 1e4, true, false};
    static const scn_ld_range growth = {"a number", -0.5, 2, false, false};
#define F(key, range, def) {#key, offsetof(scn_region, key), range, def}
    static const scn_ld_numf f[] = {
        F(population, &pop, SCN_LD_REQUIRED),
        F(area_km2, &area, SCN_LD_REQUIRED),
        F(demand_mbps, &demand, SCN_LD_REQUIRED),
        F(demand_growth, &growth, 0),
    };
#undef F
    scn_region *r = &ld->s->regions[i];
    int geo = 0;
    if (!scn_ld_keys(ld, m, path, keys) ||
        !entity_name(ld, m, path, r->name) ||
        !scn_ld_field_word(ld, m, path, "geotype", GEO_WORDS, true, 0, &geo))
        return false;
    r->geotype = (scn_geotype)geo;
    return scn_ld_field_bool(ld, m, path, "sensitive", false,
                             &r->sensitive) &&
           region_country(ld, m, path, i) &&
           scn_ld_num_fields(ld, m, path, f, (int)(sizeof f / sizeof *f), r);
}

/* A map {urban, suburban, rural} of required numbers in r. */
static bool load_by_geotype(scn_ld *ld, const yaml_node_t *m,
                            const char *path, const char *key,
                            const scn_ld_range *r, scn_num out[GEO_COUNT])
{
    char child[SPECSIM_PATH_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, key);
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, key,
                                   "a map with the keys urban, suburban, "
                                   "rural");
    scn_ld_path(child, path, key);
    if (!scn_ld_keys(ld, n, child, GEO_WORDS)) return false;
    for (int g = 0; g < GEO_COUNT; g++)
        if (!scn_ld_field_num(ld, n, child, GEO_WORDS[g], r, SCN_LD_REQUIRED,
                              &out[g]))
            return false;
    return true;
}

static bool load_band(scn_ld *ld, const yaml_node_t *m, const char *path,
                      int i)
{
    static const char *const keys[] = {"name", "freq_mhz", "lots",
                                       "mhz_per_lot", "paired", "reserve_eur",
                                       "range_km", "efficiency", NULL};
    static const scn_ld_range freq = {"a number", 0, 1e6, true, false};
    static const scn_ld_irange lots = {"an integer", 0, 1000, ""};
    static const scn_ld_range mhz = {"a number", 0, 1000, true, false};
    static const scn_ld_range reserve = {"a number", 0, 1e11, false, false};
    static const scn_ld_range range = {"a number", 0, 100, true, false};
    static const scn_ld_range eff = {"a number", 0, 50, true, false};
    scn_band *b = &ld->s->bands[i];
    long nlots = 0;
    if (!scn_ld_keys(ld, m, path, keys) ||
        !entity_name(ld, m, path, b->name) ||
        !scn_ld_field_fixed(ld, m, path, "freq_mhz", &freq, SCN_LD_REQUIRED,
                            &b->freq_mhz) ||
        !scn_ld_field_int(ld, m, path, "lots", &lots, false, 0, &nlots))
        return false;
    b->lots = (int)nlots;
    return scn_ld_field_fixed(ld, m, path, "mhz_per_lot", &mhz,
                              SCN_LD_REQUIRED, &b->mhz_per_lot) &&
           scn_ld_field_bool(ld, m, path, "paired", false, &b->paired) &&
           scn_ld_field_num(ld, m, path, "reserve_eur", &reserve, 0,
                            &b->reserve_eur) &&
           load_by_geotype(ld, m, path, "range_km", &range, b->range_km) &&
           load_by_geotype(ld, m, path, "efficiency", &eff, b->efficiency);
}

static bool load_vendor(scn_ld *ld, const yaml_node_t *m, const char *path,
                        int i)
{
    static const char *const keys[] = {
        "name", "high_risk", "risk_score", "ran_new_eur", "ran_upgrade_eur",
        "core_eur", "integration_eur", "opex_factor", "efficiency_factor",
        "capacity_sites_year", "management_swap_eur", "available_year",
        NULL};
    static const scn_ld_range site = {"a number", 0, 1e8, false, false};
    static const scn_ld_range core = {"a number", 0, 1e11, false, false};
    static const scn_ld_range integ = {"a number", 0, 1e10, false, false};
    static const scn_ld_range factor = {"a number", 0, 10, true, false};
    static const scn_ld_range capacity = {"a number", 0, 1e7, false, false};
    static const scn_ld_irange year = {"a year", SPECSIM_YEAR_MIN,
                                       SPECSIM_YEAR_MAX, ""};
#define F(key, range, def) {#key, offsetof(scn_vendor, key), range, def}
    static const scn_ld_numf f[] = {
        F(ran_new_eur, &site, SCN_LD_REQUIRED),
        F(ran_upgrade_eur, &site, SCN_LD_REQUIRED),
        F(core_eur, &core, SCN_LD_REQUIRED),
        F(integration_eur, &integ, 0),
        F(opex_factor, &factor, 1),
        F(efficiency_factor, &factor, 1),
        F(capacity_sites_year, &capacity, SCN_LD_REQUIRED),
        /* -1: not given; required only of vendors a management-scope
         * exclusion targets, which scn_load_pol.c checks. */
        F(management_swap_eur, &core, -1),
    };
#undef F
    scn_vendor *v = &ld->s->vendors[i];
    long avail = 0;
    if (!scn_ld_keys(ld, m, path, keys) ||
        !entity_name(ld, m, path, v->name) ||
        !scn_ld_field_bool(ld, m, path, "high_risk", false, &v->high_risk) ||
        !scn_ld_field_num(ld, m, path, "risk_score", &R_SHARE,
                          v->high_risk ? SCN_LD_REQUIRED : 0,
                          &v->risk_score) ||
        !scn_ld_num_fields(ld, m, path, f, (int)(sizeof f / sizeof *f), v) ||
        !scn_ld_field_int(ld, m, path, "available_year", &year, false,
                          ld->s->year_first, &avail))
        return false;
    v->available_year = (int)avail;
    return true;
}

typedef bool (*entity_fn)(scn_ld *ld, const yaml_node_t *m, const char *path,
                          int i);

/* A list of 1..max entities; *count grows as each one is accepted. */
static bool load_entities(scn_ld *ld, const yaml_node_t *list,
                          const char *key, int max, const char *limit,
                          entity_fn fn, int *count)
{
    char path[SPECSIM_PATH_MAX];
    if (!scn_ld_list(ld, list, key, 1, max, limit)) return false;
    for (int i = 0; i < scn_ld_list_len(list); i++) {
        scn_ld_path_idx(path, key, i);
        if (!fn(ld, scn_ld_list_item(ld, list, i), path, i)) return false;
        (*count)++;
    }
    return true;
}

/* ---- the document ---- */

/* A required section, or a message naming it. */
static const yaml_node_t *section(scn_ld *ld, const yaml_node_t *root,
                                  const char *key)
{
    const yaml_node_t *n = scn_ld_get(ld, root, key);
    if (n == NULL)
        scn_ld_fail_missing(ld, root, "", key, "a %s section (required)",
                            key);
    return n;
}

static bool load_sections(scn_ld *ld, const yaml_node_t *root)
{
    scn *s = ld->s;
    const yaml_node_t *n;
    const yaml_node_t *run = scn_ld_get(ld, root, "run");
    if (!load_scenario(ld, scn_ld_get(ld, root, "scenario")) ||
        (n = section(ld, root, "horizon")) == NULL || !load_horizon(ld, n) ||
        !load_run(ld, run) || (n = section(ld, root, "market")) == NULL ||
        !load_market(ld, n))
        return false;
    if ((n = section(ld, root, "regions")) == NULL ||
        !load_entities(ld, n, "regions", SPECSIM_REGIONS_MAX,
                       "SPECSIM_REGIONS_MAX", load_region, &s->nregions) ||
        !check_countries(ld, n) ||
        (n = section(ld, root, "bands")) == NULL ||
        !load_entities(ld, n, "bands", SPECSIM_BANDS_MAX,
                       "SPECSIM_BANDS_MAX", load_band, &s->nbands) ||
        !scn_ld_auction(ld, scn_ld_get(ld, root, "auction")) ||
        (n = section(ld, root, "vendors")) == NULL ||
        !load_entities(ld, n, "vendors", SPECSIM_VENDORS_MAX,
                       "SPECSIM_VENDORS_MAX", load_vendor, &s->nvendors))
        return false;
    if ((n = section(ld, root, "operators")) == NULL ||
        !scn_ld_operators(ld, n) ||
        (n = section(ld, root, "policies")) == NULL ||
        !scn_ld_policies(ld, n))
        return false;
    n = scn_ld_get(ld, root, "correlations");
    return (n == NULL || scn_ld_correlations(ld, n)) &&
           scn_check(s, scn_ld_report, ld) == ERR_OK;
}

static bool load_root(scn_ld *ld, const yaml_node_t *root)
{
    static const char *const keys[] = {
        "scenario", "horizon", "run",       "market",   "regions",
        "bands",    "auction", "vendors",   "operators", "policies",
        "correlations", NULL};
    static const char *const expected =
        "a map of the sections scenario, horizon, run, market, regions, "
        "bands, auction, vendors, operators, policies, correlations";
    if (root == NULL || scn_ld_is_null(root))
        return scn_ld_fail(ld, root, "", "empty", "%s", expected);
    return scn_ld_is_map(ld, root, "", expected) &&
           scn_ld_keys(ld, root, "", keys) && load_sections(ld, root);
}

/* Line and column (1-based) of byte `offset` of text. */
static void offset_position(const char *text, size_t len, size_t offset,
                            int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

static err_code syntax_error(const char *name, const yaml_parser_t *p,
                             const char *text, size_t len, err_t *e)
{
    if (p->error == YAML_MEMORY_ERROR)
        return err_set(e, ERR_NOMEM, "%s: out of memory parsing YAML", name);
    int line = (int)p->problem_mark.line + 1;
    int col = (int)p->problem_mark.column + 1;
    if (p->error == YAML_READER_ERROR)
        offset_position(text, len, p->problem_offset, &line, &col);
    char context[160] = "";
    if (p->context != NULL)
        snprintf(context, sizeof context, " (%s at line %d, column %d)",
                 p->context, (int)p->context_mark.line + 1,
                 (int)p->context_mark.column + 1);
    return err_set(e, ERR_SCENARIO,
                   "%s:%d:%d: document: YAML syntax error, %s%s: expected "
                   "well-formed YAML",
                   name, line, col,
                   p->problem != NULL ? p->problem : "unknown problem",
                   context);
}

/* After the first document, the stream must end. */
static err_code single_document(const char *name, yaml_parser_t *p,
                                const char *text, size_t len, err_t *e)
{
    yaml_document_t extra;
    if (!yaml_parser_load(p, &extra))
        return syntax_error(name, p, text, len, e);
    const yaml_node_t *root = yaml_document_get_root_node(&extra);
    err_code rc = ERR_OK;
    if (root != NULL)
        rc = err_set(e, ERR_SCENARIO,
                     "%s:%d:%d: document: a second document: expected a "
                     "single YAML document",
                     name, (int)extra.start_mark.line + 1,
                     (int)extra.start_mark.column + 1);
    yaml_document_delete(&extra);
    return rc;
}

/* Nesting depth, anchors and aliases seen so far by check_events. */
typedef struct {
    int depth, anchors, aliases;
} event_counts;

/* Count one event; false, with what exceeds a limit in `why`, when one
 * does. */
static bool event_count(event_counts *c, const yaml_event_t *ev, char *why,
                        size_t len)
{
    const yaml_char_t *anchor = NULL;
    switch (ev->type) {
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        c->depth++;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        c->depth++;
        break;
    case YAML_SCALAR_EVENT: anchor = ev->data.scalar.anchor; break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: c->depth--; break;
    case YAML_ALIAS_EVENT: c->aliases++; break;
    default: break;
    }
    if (anchor != NULL) c->anchors++;
    if (c->depth > SCN_DEPTH_MAX)
        snprintf(why, len, "maps and lists nested more than %d deep",
                 SCN_DEPTH_MAX);
    else if (c->anchors > SCN_ANCHORS_MAX)
        snprintf(why, len, "more than %d anchors", SCN_ANCHORS_MAX);
    else if (c->aliases > SCN_ALIASES_MAX)
        snprintf(why, len, "more than %d aliases", SCN_ALIASES_MAX);
    else
        return true;
    return false;
}

/* A first pass over the parser's events that stops as soon as the nesting,
 * anchors or aliases exceed their limits, before libyaml gets slow. Syntax
 * errors are reported here exactly as the loader would report them. */
static err_code check_events(const char *name, const char *text, size_t len,
                             err_t *e)
{
    yaml_parser_t p;
    yaml_event_t ev;
    if (!yaml_parser_initialize(&p))
        return err_set(e, ERR_NOMEM, "%s: out of memory parsing YAML", name);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    err_code rc = ERR_OK;
    event_counts counts = {0, 0, 0};
    char excess[64];
    for (bool end = false; !end && rc == ERR_OK;) {
        if (!yaml_parser_parse(&p, &ev)) {
            rc = syntax_error(name, &p, text, len, e);
            break;
        }
        bool within = event_count(&counts, &ev, excess, sizeof excess);
        yaml_mark_t mark = ev.start_mark;
        end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (!within)
            rc = err_set(e, ERR_SCENARIO,
                         "%s:%d:%d: document: %s: expected a scenario (it "
                         "nests maps and lists at most 7 deep, and needs "
                         "anchors and aliases only for the odd repeated "
                         "value)",
                         name, (int)mark.line + 1, (int)mark.column + 1,
                         excess);
    }
    yaml_parser_delete(&p);
    return rc;
}

static err_code parse_and_load(const char *name, const char *text,
                               size_t len, scn *s, err_t *e)
{
    yaml_parser_t p;
    yaml_document_t doc;
    err_code first = check_events(name, text, len, e);
    if (first != ERR_OK) return first;
    if (!yaml_parser_initialize(&p))
        return err_set(e, ERR_NOMEM, "%s: out of memory parsing YAML", name);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    if (!yaml_parser_load(&p, &doc)) {
        err_code rc = syntax_error(name, &p, text, len, e);
        yaml_parser_delete(&p);
        return rc;
    }
    err_code rc = single_document(name, &p, text, len, e);
    if (rc == ERR_OK) {
        scn_ld ld = {name, e, &doc, s, false, {0}};
        if (!load_root(&ld, yaml_document_get_root_node(&doc)))
            rc = ERR_SCENARIO;
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&p);
    return rc;
}

err_code scn_load_string(const char *name, const char *text, size_t len,
                         scn **out, err_t *e)
{
    SPECSIM_ASSERT(name != NULL && out != NULL);
    SPECSIM_ASSERT(text != NULL || len == 0);
    *out = NULL;
    err_clear(e);
    scn *s = calloc(1, sizeof *s);
    if (s == NULL)
        return err_set(e, ERR_NOMEM, "%s: out of memory for the scenario",
                       name);
    snprintf(s->file, sizeof s->file, "%s", name);
    err_code rc = parse_and_load(name, text != NULL ? text : "", len, s, e);
    if (rc == ERR_OK) {
        /* The correlations must form a positive definite matrix, so that
         * a scenario that loads can be drawn. */
        scn_corr corr;
        rc = scn_corr_factor(s, &corr, e);
        scn_corr_free(&corr);
    }
    if (rc != ERR_OK) {
        free(s);
        return rc;
    }
    *out = s;
    return ERR_OK;
}

/* Read a whole file into a new buffer (caller frees *text), growing the
 * buffer as needed up to SCN_FILE_MAX. */
static err_code read_all(const char *path, char **text, size_t *len,
                         err_t *e)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return err_set(e, ERR_IO, "%s: cannot open the scenario file: %s",
                       path, strerror(errno));
    size_t cap = 0, n = 0;
    char *buf = NULL;
    err_code rc = ERR_OK;
    while (rc == ERR_OK) {
        if (n > (size_t)SCN_FILE_MAX) {
            rc = err_set(e, ERR_SCENARIO,
                         "%s:1:1: document: more than %ld bytes: expected a "
                         "scenario file of at most 16 MiB",
                         path, SCN_FILE_MAX);
            break;
        }
        if (n == cap) {
            size_t grown = cap == 0 ? 65536 : 2 * cap;
            if (grown > (size_t)SCN_FILE_MAX + 1)
                grown = (size_t)SCN_FILE_MAX + 1;
            char *more = realloc(buf, grown);
            if (more == NULL) {
                rc = err_set(e, ERR_NOMEM, "%s: out of memory reading", path);
                break;
            }
            buf = more;
            cap = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0 && ferror(f))
            rc = err_set(e, ERR_IO, "%s: cannot read the scenario file: %s",
                         path, strerror(errno));
        else if (got == 0)
            break;
    }
    fclose(f);
    if (rc != ERR_OK) {
        free(buf);
        return rc;
    }
    *text = buf;
    *len = n;
    return ERR_OK;
}

err_code scn_load(const char *path, scn **out, err_t *e)
{
    SPECSIM_ASSERT(path != NULL && out != NULL);
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    err_clear(e);
    err_code rc = read_all(path, &text, &len, e);
    if (rc == ERR_OK) rc = scn_load_string(path, text, len, out, e);
    free(text);
    return rc;
}
