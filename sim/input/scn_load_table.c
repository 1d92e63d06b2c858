/* scn_load_table.c — reading a map of the scenario file by walking its
 * schema table.
 *
 * DESIGN — the map's accepted keys are the table's keys; its fields are
 * read in table order (the canonical order of the uncertain inputs), each
 * by its type: plain values here, maps keyed by geotype, region or band
 * here too, sub-maps by walking their own table over the same struct, and
 * hooks by the loader's hand-written readers (scn_ld_hook). A default that
 * depends on the scenario (the first year, the number of vendors, whether
 * a vendor is high-risk) and a range with scenario-dependent ends are
 * resolved just before the field is read, from what is already loaded.
 */
#include "scn_load_int.h"

#include <stdio.h>
#include <string.h>

/* Most fields of one table. */
#define FIELDS_MAX 24

/* The field's default: false when the field is required. */
static bool field_default(const scn_ld *ld, const scn_field *f,
                          const void *base, double *def)
{
    const scn *s = ld->s;
    switch (f->dflt) {
    case SCN_D_REQUIRED: return false;
    case SCN_D_REQUIRED_IF_HIGH_RISK:
        *def = 0;
        return !((const scn_vendor *)base)->high_risk;
    case SCN_D_YEAR_FIRST: *def = s->year_first; return true;
    case SCN_D_VENDORS_2: *def = s->nvendors < 2 ? s->nvendors : 2; return true;
    default: *def = f->def; return true;
    }
}

static bool read_int(scn_ld *ld, const yaml_node_t *m, const char *path,
                     const scn_field *f, void *base, void *out)
{
    scn_range r;
    char note[96];
    double def = 0;
    long v = 0;
    bool optional = field_default(ld, f, base, &def);
    scn_schema_range(ld->s, f, base, &r);
    scn_schema_note(ld->s, f, base, note, sizeof note);
    const scn_ld_irange ir = {r.noun, (long)r.lo, (long)r.hi, note};
    if (!scn_ld_field_int(ld, m, path, f->key, &ir, !optional, (long)def, &v))
        return false;
    if (f->type == SCN_T_INT) *(int *)out = (int)v;
    else *(long *)out = v;
    return true;
}

static bool read_word(scn_ld *ld, const yaml_node_t *m, const char *path,
                      const scn_field *f, void *base, int *out)
{
    double def = 0;
    int i = 0;
    bool optional = field_default(ld, f, base, &def);
    if (!scn_ld_field_word(ld, m, path, f->key, f->words, !optional,
                           (int)def, &i))
        return false;
    *out = f->codes != NULL ? f->codes[i] : i;
    return true;
}

/* A map {urban, suburban, rural} of required numbers. */
static bool read_geo(scn_ld *ld, const yaml_node_t *m, const char *path,
                     const scn_field *f, scn_num out[GEO_COUNT])
{
    char child[SPECSIM_PATH_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, f->key,
                                   "a map with the keys urban, suburban, "
                                   "rural");
    scn_ld_path(child, path, f->key);
    if (!scn_ld_keys(ld, n, child, scn_geo_words)) return false;
    for (int g = 0; g < GEO_COUNT; g++)
        if (!scn_ld_field_num(ld, n, child, scn_geo_words[g], f->range,
                              SCN_LD_REQUIRED, &out[g]))
            return false;
    return true;
}

/* A map region -> num: every value its default when absent. */
static bool read_by_region(scn_ld *ld, const yaml_node_t *m,
                           const char *path, const scn_field *f,
                           scn_num out[SPECSIM_REGIONS_MAX])
{
    char child[SPECSIM_PATH_MAX];
    const scn *s = ld->s;
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    for (int r = 0; r < s->nregions; r++) out[r] = (scn_num){f->def, -1};
    if (n == NULL) return true;
    scn_ld_path(child, path, f->key);
    if (!scn_ld_name_keys(ld, n, child, SCN_LD_KEY_REGION, "")) return false;
    for (int r = 0; r < s->nregions; r++)
        if (!scn_ld_field_num(ld, n, child, s->regions[r].name, f->range,
                              f->def, &out[r]))
            return false;
    return true;
}

/* A map band -> number. Required, it must be present and give every band
 * with lots (others are 0); optional, absent bands take the default. */
static bool read_by_band(scn_ld *ld, const yaml_node_t *m, const char *path,
                         const scn_field *f, double out[SPECSIM_BANDS_MAX])
{
    char child[SPECSIM_PATH_MAX];
    const scn *s = ld->s;
    bool required = f->dflt == SCN_D_REQUIRED;
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    for (int b = 0; b < s->nbands; b++) out[b] = required ? 0 : f->def;
    if (n == NULL && required)
        return scn_ld_fail_missing(ld, m, path, f->key,
                                   "a map from band name to value per lot");
    if (n == NULL) return true;
    scn_ld_path(child, path, f->key);
    if (!scn_ld_name_keys(ld, n, child, SCN_LD_KEY_BAND, "")) return false;
    for (int b = 0; b < s->nbands; b++) {
        double def = required && s->bands[b].lots > 0 ? SCN_LD_REQUIRED
                     : required ? 0 : f->def;
        if (!scn_ld_field_fixed(ld, n, child, s->bands[b].name, f->range, def,
                                &out[b]))
            return false;
    }
    return true;
}

/* An optional sub-map whose fields live in the same struct. */
static bool read_map(scn_ld *ld, const yaml_node_t *m, const char *path,
                     const scn_field *f, void *base)
{
    char child[SPECSIM_PATH_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    if (n == NULL) return true;
    scn_ld_path(child, path, f->key);
    const scn_table sub = {f->key, f->sub, f->nsub};
    return scn_ld_table(ld, n, child, &sub, base);
}

static bool read_field(scn_ld *ld, const yaml_node_t *m, const char *path,
                       const scn_field *f, void *base)
{
    char child[SPECSIM_PATH_MAX];
    void *out = (char *)base + f->offset;
    double def = 0;
    bool optional = field_default(ld, f, base, &def);
    scn_range r;
    if (f->range != NULL) scn_schema_range(ld->s, f, base, &r);
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    scn_ld_path(child, path, f->key);
    switch (f->type) {
    case SCN_T_NUM:
        return scn_ld_field_num(ld, m, path, f->key, &r,
                                optional ? def : SCN_LD_REQUIRED, out);
    case SCN_T_REAL:
        return scn_ld_field_fixed(ld, m, path, f->key, &r,
                                  optional ? def : SCN_LD_REQUIRED, out);
    case SCN_T_INT:
    case SCN_T_LONG: return read_int(ld, m, path, f, base, out);
    case SCN_T_U64:
        *(uint64_t *)out = (uint64_t)def;
        return n == NULL || scn_ld_u64(ld, n, child, out);
    case SCN_T_BOOL:
        return scn_ld_field_bool(ld, m, path, f->key, def != 0, out);
    case SCN_T_WORD: return read_word(ld, m, path, f, base, out);
    case SCN_T_TEXT: return n == NULL || scn_ld_text(ld, n, child, out);
    case SCN_T_GEO: return read_geo(ld, m, path, f, out);
    case SCN_T_BY_REGION: return read_by_region(ld, m, path, f, out);
    case SCN_T_BY_BAND: return read_by_band(ld, m, path, f, out);
    case SCN_T_MAP: return read_map(ld, m, path, f, base);
    default: return scn_ld_hook(ld, m, path, f, base);
    }
}

bool scn_ld_table_keys(scn_ld *ld, const yaml_node_t *m, const char *path,
                       const scn_table *t)
{
    const char *keys[FIELDS_MAX + 1];
    SPECSIM_ASSERT(t->nfields <= FIELDS_MAX);
    for (int i = 0; i < t->nfields; i++) keys[i] = t->fields[i].key;
    keys[t->nfields] = NULL;
    return scn_ld_keys(ld, m, path, keys);
}

bool scn_ld_table(scn_ld *ld, const yaml_node_t *m, const char *path,
                  const scn_table *t, void *base)
{
    if (m != NULL && !scn_ld_table_keys(ld, m, path, t)) return false;
    for (int i = 0; i < t->nfields; i++)
        if (!read_field(ld, m, path, &t->fields[i], base)) return false;
    return true;
}
