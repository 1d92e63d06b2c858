/* scn_load_table.c — reading a map of the scenario file by walking its
 * schema table.
 *
 * DESIGN — the map's accepted keys are the table's keys; its fields are
 * read in table order (the canonical order of the uncertain inputs), each
 * by its type. An absent field takes its default, or is reported missing
 * with what was expected; a present one is read by the scalar readers of
 * scn_load_yaml.c and scn_load_num.c against its range. A map keyed by
 * geotype, region or band is read as one field per name, each described
 * on the fly from the map's entry; a sub-map by walking its own table over
 * the same struct; a hook by the loader's hand-written readers
 * (scn_ld_hook). A default that depends on the scenario (the first year,
 * the number of vendors, whether a vendor is high-risk) and a range with
 * scenario-dependent ends are resolved just before the field is read, from
 * what is already loaded.
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
    *def = f->def;
    switch (f->dflt) {
    case SCN_D_REQUIRED: return false;
    case SCN_D_REQUIRED_IF_HIGH_RISK:
        return !((const scn_vendor *)base)->high_risk;
    case SCN_D_YEAR_FIRST: *def = s->year_first; return true;
    case SCN_D_VENDORS_2: *def = s->nvendors < 2 ? s->nvendors : 2; return true;
    default: return true;
    }
}

static void store(const scn_field *f, double v, void *out)
{
    switch (f->type) {
    case SCN_T_NUM: *(scn_num *)out = (scn_num){v, -1}; break;
    case SCN_T_REAL: *(double *)out = v; break;
    case SCN_T_INT: *(int *)out = (int)v; break;
    case SCN_T_LONG: *(long *)out = (long)v; break;
    case SCN_T_U64: *(uint64_t *)out = (uint64_t)v; break;
    case SCN_T_BOOL: *(bool *)out = v != 0; break;
    case SCN_T_WORD:
        *(int *)out = f->codes != NULL ? f->codes[(int)v] : (int)v;
        break;
    default: break; /* a text is empty */
    }
}

/* What a missing required field should have been. */
static bool missing(scn_ld *ld, const yaml_node_t *m, const char *path,
                    const scn_field *f, const scn_range *r, const char *note)
{
    char range[80], words[SPECSIM_ERRMSG_MAX / 2] = "";
    if (f->type == SCN_T_WORD) {
        size_t o = 0;
        for (int i = 0; f->words[i] != NULL && o + 1 < sizeof words; i++)
            o += (size_t)snprintf(words + o, sizeof words - o, "%s%s",
                                  i ? ", " : "", f->words[i]);
        return scn_ld_fail_missing(ld, m, path, f->key, "one of %s", words);
    }
    if (f->type == SCN_T_INT || f->type == SCN_T_LONG)
        return scn_ld_fail_missing(ld, m, path, f->key, "%s in [%ld, %ld]%s",
                                   r->noun, (long)r->lo, (long)r->hi, note);
    scn_fmt_range(r, range, sizeof range);
    return scn_ld_fail_missing(ld, m, path, f->key, "%s in %s", r->noun,
                               range);
}

/* A present value `n` of field f, read into *out. */
static bool read_value(scn_ld *ld, const yaml_node_t *n, const char *path,
                       const scn_field *f, const scn_range *r,
                       const char *note, void *out)
{
    long v = 0;
    int i = 0;
    switch (f->type) {
    case SCN_T_NUM: return scn_ld_num(ld, n, path, r, out);
    case SCN_T_REAL: return scn_ld_fixed(ld, n, path, r, out);
    case SCN_T_INT:
    case SCN_T_LONG:
        if (!scn_ld_int(ld, n, path, r, note, &v)) return false;
        store(f, (double)v, out);
        return true;
    case SCN_T_U64: return scn_ld_u64(ld, n, path, out);
    case SCN_T_BOOL: return scn_ld_bool(ld, n, path, out);
    case SCN_T_WORD:
        if (!scn_ld_word(ld, n, path, f->words, &i)) return false;
        store(f, i, out);
        return true;
    default: return scn_ld_text(ld, n, path, out);
    }
}

/* A map keyed by geotype, region or band: one field per name. A map of
 * geotypes is required whole; a required map of bands needs the bands
 * with lots (others are 0); otherwise absent names take the default. A
 * band's lots are at most the lots it offers. */
static bool read_named(scn_ld *ld, const yaml_node_t *m, const char *path,
                       const scn_field *f, void *base)
{
    const char *names[SPECSIM_REGIONS_MAX + SPECSIM_BANDS_MAX +
                      SPECSIM_VENDORS_MAX];
    char child[SPECSIM_PATH_MAX], note[SPECSIM_NAME_MAX + 32];
    int count = scn_schema_map_names(ld->s, f, names);
    scn_type type = f->type == SCN_T_BY_BAND ? SCN_T_REAL
                    : f->type == SCN_T_LOTS_BY_BAND ? SCN_T_INT : SCN_T_NUM;
    size_t size = type == SCN_T_REAL ? sizeof(double)
                  : type == SCN_T_INT ? sizeof(int) : sizeof(scn_num);
    bool required = f->dflt == SCN_D_REQUIRED;
    char *out = (char *)base + f->offset;
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    int all = f->type == SCN_T_LOTS_BY_BAND ? SPECSIM_BANDS_MAX : count;
    scn_field e = {.type = type, .range = f->range, .note = note};
    for (int i = 0; i < all; i++) {
        e.offset = (size_t)i * size;
        store(&e, required ? 0 : f->def, out + e.offset);
    }
    if (n == NULL && required)
        return scn_ld_fail_missing(ld, m, path, f->key, "%s",
                                   f->type == SCN_T_GEO
                                       ? "a map with the keys urban, "
                                         "suburban, rural"
                                       : "a map from band name to value "
                                         "per lot");
    if (n == NULL) return true;
    scn_ld_path(child, path, f->key);
    if (f->type == SCN_T_GEO ? !scn_ld_keys(ld, n, child, scn_geo_words)
                             : !scn_ld_name_keys(ld, n, child,
                                                 f->type == SCN_T_BY_REGION
                                                     ? SCN_LD_KEY_REGION
                                                 : f->type == SCN_T_BY_VENDOR
                                                     ? SCN_LD_KEY_VENDOR
                                                     : SCN_LD_KEY_BAND,
                                                 ""))
        return false;
    for (int i = 0; i < count; i++) {
        scn_range lots = {"a number of lots", 0, 0, false, false};
        e.key = names[i];
        e.offset = (size_t)i * size;
        e.dflt = required && (f->type == SCN_T_GEO ||
                              ld->s->bands[i].lots > 0)
                     ? SCN_D_REQUIRED : SCN_D_VALUE;
        e.def = required ? 0 : f->def;
        note[0] = '\0';
        if (f->type == SCN_T_LOTS_BY_BAND) {
            lots.hi = ld->s->bands[i].lots;
            e.range = &lots;
            snprintf(note, sizeof note, " (the lots of band %s)", names[i]);
        }
        if (!scn_ld_field(ld, n, child, &e, out)) return false;
    }
    return true;
}

bool scn_ld_field(scn_ld *ld, const yaml_node_t *m, const char *path,
                  const scn_field *f, void *base)
{
    char child[SPECSIM_PATH_MAX], note[96] = "";
    void *out = (char *)base + f->offset;
    scn_range r = {"", 0, 0, false, false};
    double def;
    if (f->type == SCN_T_HOOK) return scn_ld_hook(ld, m, path, f, base);
    if (f->type >= SCN_T_GEO && f->type <= SCN_T_LOTS_BY_BAND)
        return read_named(ld, m, path, f, base);
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    scn_ld_path(child, path, f->key);
    if (f->type == SCN_T_MAP) {
        const scn_table sub = {f->key, f->sub, f->nsub};
        if (n != NULL) return scn_ld_table(ld, n, child, &sub, base);
        /* Absent: its maps of vendors and its numbers take their
         * default, fixed (the other fields of an absent map mean "none"
         * as zeros). */
        for (int i = 0; i < f->nsub; i++) {
            const scn_field *x = &f->sub[i];
            scn_num *v = (scn_num *)((char *)base + x->offset);
            for (int k = 0; x->type == SCN_T_BY_VENDOR &&
                            k < SPECSIM_VENDORS_MAX; k++)
                v[k] = (scn_num){x->def, -1};
            if (x->type == SCN_T_NUM) *v = (scn_num){x->def, -1};
        }
        return true;
    }
    if (f->range != NULL) {
        scn_schema_range(ld->s, f, base, &r);
        scn_schema_note(ld->s, f, base, note, sizeof note);
    }
    bool optional = field_default(ld, f, base, &def);
    if (n == NULL && !optional) return missing(ld, m, path, f, &r, note);
    if (n == NULL) store(f, def, out);
    return n == NULL || read_value(ld, n, child, f, &r, note, out);
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
        if (!scn_ld_field(ld, m, path, &t->fields[i], base)) return false;
    return true;
}
