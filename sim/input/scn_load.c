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
 * table of uncertain inputs always comes out in the same order. Within a
 * map, fields are read in the order of its schema table (scn_schema.c,
 * walked by scn_load_table.c), again not in file order; the fields the
 * table marks as hooks are read by hand, here (names, countries) and in
 * scn_load_auc.c (auction), scn_load_op.c (operators) and scn_load_pol.c
 * (policies, correlations); the generic node and number checks are in
 * scn_load_yaml.c and scn_load_num.c. Once every section is read, the
 * rules between fields are checked by scn_check, whose messages the
 * loader places at the node of the field at fault.
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
/* Most nodes (scalars, maps, lists and aliases) read. libyaml builds every
 * node of a document in memory, about 80 bytes each plus the text, and a
 * flat list of 16 MiB has millions of them; counted in the event pass, an
 * oversized file is refused before any is built. The largest reference
 * scenario has about 1,100 nodes; a file at every SPECSIM_ size limit
 * (installed base of 8 operators x 16 regions x 12 vendors, each share a
 * distribution, 16 policies of 8 instruments) stays under 50,000. */
#define SCN_NODES_MAX 200000

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

void scn_ld_names(const scn *s, scn_ld_key kind, char *buf, size_t len)
{
    if (kind == SCN_LD_KEY_REGION)
        names(s->regions[0].name, sizeof s->regions[0], s->nregions, buf, len);
    else if (kind == SCN_LD_KEY_BAND)
        names(s->bands[0].name, sizeof s->bands[0], s->nbands, buf, len);
    else
        names(s->vendors[0].name, sizeof s->vendors[0], s->nvendors, buf, len);
}

void scn_ld_scalar_name(const yaml_node_t *n, char out[SPECSIM_NAME_MAX])
{
    out[0] = '\0';
    if (n->type == YAML_SCALAR_NODE &&
        n->data.scalar.length < SPECSIM_NAME_MAX &&
        strlen((const char *)n->data.scalar.value) == n->data.scalar.length)
        memcpy(out, n->data.scalar.value, n->data.scalar.length + 1);
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

bool scn_ld_own_name(scn_ld *ld, const yaml_node_t *m, const char *path,
                     const char *noun, char *first, size_t stride, int i)
{
    char child[SPECSIM_PATH_MAX], other[SPECSIM_PATH_MAX];
    char *out = first + (size_t)i * stride;
    const yaml_node_t *n = scn_ld_get(ld, m, "name");
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, "name", "a name");
    scn_ld_path(child, path, "name");
    if (!scn_ld_name(ld, n, child, out)) return false;
    for (int j = 0; j < i; j++) {
        if (strcmp(first + (size_t)j * stride, out) != 0) continue;
        snprintf(other, sizeof other, "%.*s[%d]", (int)strcspn(path, "["),
                 path, j);
        return scn_ld_fail(ld, n, child, NULL,
                           "a name not used by another %s (%s has it)", noun,
                           other);
    }
    return true;
}

/* ---- hand-written fields ---- */

static bool load_currency(scn_ld *ld, const yaml_node_t *m)
{
    scn *s = ld->s;
    const yaml_node_t *c = scn_ld_get(ld, m, "currency");
    snprintf(s->currency, sizeof s->currency, "EUR");
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

/* The band field f of map m names, as an index. */
static bool band_ref(scn_ld *ld, const yaml_node_t *m, const char *path,
                     const scn_field *f, int *out)
{
    char list[SPECSIM_ERRMSG_MAX / 2], child[SPECSIM_PATH_MAX],
        name[SPECSIM_NAME_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    scn_ld_names(ld->s, SCN_LD_KEY_BAND, list, sizeof list);
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, f->key,
                                   "a band name (one of %s)", list);
    scn_ld_scalar_name(n, name);
    for (int b = 0; b < ld->s->nbands; b++)
        if (name[0] != '\0' && strcmp(ld->s->bands[b].name, name) == 0) {
            *out = b;
            return true;
        }
    scn_ld_path(child, path, f->key);
    return scn_ld_fail(ld, n, child, NULL, "a band name (one of %s)", list);
}

bool scn_ld_hook(scn_ld *ld, const yaml_node_t *m, const char *path,
                 const scn_field *f, void *base)
{
    void *out = (char *)base + f->offset;
    switch (f->hook) {
    case SCN_H_ENTITY_NAME: return entity_name(ld, m, path, out);
    case SCN_H_CURRENCY: return load_currency(ld, m);
    case SCN_H_COUNTRY:
        return region_country(ld, m, path,
                              (int)((scn_region *)base - ld->s->regions));
    case SCN_H_REGION_SET:
        return scn_ld_region_set(ld, m, path, f->key, out);
    case SCN_H_VENDOR_SET:
        return scn_ld_vendor_set(ld, m, path, f->dflt == SCN_D_REQUIRED, out);
    case SCN_H_OPERATOR_SET:
        return scn_ld_operator_set(ld, m, path, f->key, out);
    case SCN_H_FORMAT:
    case SCN_H_STRATEGY:
    case SCN_H_ADDITIVE:
    case SCN_H_SVM: return scn_ld_auction_hook(ld, m, f, base);
    case SCN_H_INPUT_PATH: return scn_ld_input_path(ld, m, path, f, base);
    case SCN_H_BAND_REF: return band_ref(ld, m, path, f, out);
    default: return scn_ld_operator_hook(ld, m, path, f, base);
    }
}

/* ---- sections ---- */

/* Section `key` of the root into *n (NULL when absent); false, with a
 * message, when it is absent and the schema requires it. */
static bool section(scn_ld *ld, const yaml_node_t *root, const char *key,
                    const yaml_node_t **n)
{
    *n = scn_ld_get(ld, root, key);
    if (*n != NULL ||
        scn_schema_find(&scn_schema_root, key)->dflt != SCN_D_REQUIRED)
        return true;
    return scn_ld_fail_missing(ld, root, "", key, "a %s section (required)",
                               key);
}

/* A map section, read by its table (every field at its default when the
 * section is absent). */
static bool load_map(scn_ld *ld, const yaml_node_t *root, const char *key,
                     const scn_table *t, void *base)
{
    const yaml_node_t *n;
    return section(ld, root, key, &n) && scn_ld_table(ld, n, key, t, base);
}

/* A list section of min..max items, each read by table t into the structs
 * `stride` bytes apart from `first`; *count grows as each item is
 * accepted. */
static bool load_list(scn_ld *ld, const yaml_node_t *root, const char *key,
                      int min, int max, const char *limit, const scn_table *t,
                      void *first, size_t stride, int *count)
{
    char path[SPECSIM_PATH_MAX];
    const yaml_node_t *list;
    if (!section(ld, root, key, &list)) return false;
    if (list == NULL) return true;
    if (!scn_ld_list(ld, list, key, min, max, limit)) return false;
    for (int i = 0; i < scn_ld_list_len(list); i++) {
        scn_ld_path_idx(path, key, i);
        if (!scn_ld_table(ld, scn_ld_list_item(ld, list, i), path, t,
                          (char *)first + (size_t)i * stride))
            return false;
        (*count)++;
    }
    return true;
}

#define LIST(key, min, max, t, items, count)                                 \
    load_list(ld, root, key, min, max, #max, &t, items, sizeof items[0],     \
              &count)

/* The risk section: absent, no risk metrics (enabled false, every input
 * fixed at 0). */
static bool load_risk(scn_ld *ld, const yaml_node_t *root)
{
    scn_risk *k = &ld->s->risk;
    const yaml_node_t *n;
    memset(k, 0, sizeof *k);
    k->outage_eur_user_day.param = k->hostile_probability_year.param = -1;
    k->hostile_outage_days.param = k->security_loss_eur.param = -1;
    k->failure_outage_days.param = k->management_share.param = -1;
    for (int v = 0; v < SPECSIM_VENDORS_MAX; v++)
        k->failure_probability_year[v].param = -1;
    if (!section(ld, root, "risk", &n)) return false;
    if (n == NULL) return true;
    k->enabled = true;
    return scn_ld_table(ld, n, "risk", &scn_schema_risk, k);
}

/* The sections in canonical order, then the rules between fields. */
static bool load_sections(scn_ld *ld, const yaml_node_t *root)
{
    scn *s = ld->s;
    const yaml_node_t *pol;
    return load_map(ld, root, "scenario", &scn_schema_scenario, s) &&
           load_map(ld, root, "horizon", &scn_schema_horizon, s) &&
           load_map(ld, root, "run", &scn_schema_run, &s->run) &&
           load_map(ld, root, "market", &scn_schema_market, &s->market) &&
           LIST("regions", 1, SPECSIM_REGIONS_MAX, scn_schema_region,
                s->regions, s->nregions) &&
           check_countries(ld, scn_ld_get(ld, root, "regions")) &&
           LIST("bands", 1, SPECSIM_BANDS_MAX, scn_schema_band, s->bands,
                s->nbands) &&
           load_map(ld, root, "auction", &scn_schema_auction, &s->auction) &&
           LIST("vendors", 1, SPECSIM_VENDORS_MAX, scn_schema_vendor,
                s->vendors, s->nvendors) &&
           LIST("operators", 1, SPECSIM_OPERATORS_MAX, scn_schema_operator,
                s->operators, s->noperators) &&
           section(ld, root, "policies", &pol) && scn_ld_policies(ld, pol) &&
           load_risk(ld, root) &&
           LIST("obligations", 0, SPECSIM_OBLIGATIONS_MAX,
                scn_schema_obligation, s->obligations, s->nobligations) &&
           LIST("correlations", 0, SPECSIM_CORRELATIONS_MAX,
                scn_schema_correlation, s->correlations, s->ncorrelations) &&
           scn_check(s, scn_ld_report, ld) == ERR_OK;
}

static bool load_root(scn_ld *ld, const yaml_node_t *root)
{
    char expected[SPECSIM_ERRMSG_MAX / 2] = "a map of the sections";
    size_t o = strlen(expected);
    for (int i = 0; i < scn_schema_root.nfields; i++)
        o += (size_t)snprintf(expected + o, sizeof expected - o, "%s %s",
                              i ? "," : "", scn_schema_root.fields[i].key);
    if (root == NULL || scn_ld_is_null(root))
        return scn_ld_fail(ld, root, "", "empty", "%s", expected);
    return scn_ld_is_map(ld, root, "", expected) &&
           scn_ld_table_keys(ld, root, "", &scn_schema_root) &&
           load_sections(ld, root);
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

/* Nesting depth, anchors, aliases and nodes seen so far by
 * check_events. */
typedef struct {
    int depth, anchors, aliases;
    long nodes;
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
        c->nodes++;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        c->depth++;
        c->nodes++;
        break;
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        c->nodes++;
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: c->depth--; break;
    case YAML_ALIAS_EVENT:
        c->aliases++;
        c->nodes++;
        break;
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
    else if (c->nodes > SCN_NODES_MAX)
        snprintf(why, len, "more than %d values, maps and lists",
                 SCN_NODES_MAX);
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
    event_counts counts = {0, 0, 0, 0};
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
                         "nests maps and lists at most 7 deep, has at most "
                         "tens of thousands of values, and needs anchors "
                         "and aliases only for the odd repeated value)",
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

/* (see scn.h) The buffer grows as needed up to SCN_FILE_MAX. */
err_code scn_read_file(const char *path, char **text, size_t *len,
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
    err_code rc = scn_read_file(path, &text, &len, e);
    if (rc == ERR_OK) rc = scn_load_string(path, text, len, out, e);
    free(text);
    return rc;
}
