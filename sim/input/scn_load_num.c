/* scn_load_num.c — numeric fields of a scenario: plain numbers, and
 * distributions that become entries of the uncertain-input table.
 *
 * DESIGN — a numeric field is a plain number, or a map {dist: NAME, ...}
 * whose other keys are that distribution's parameter names (dist.h). A
 * distribution is checked three ways: its parameters (dist_check, whose
 * `why` text goes into the message), its mean (finite), and its support
 * against the field's range, so that no draw can ever leave the range a
 * fixed value would have to respect. The support is read from the
 * parameters named min and max, narrowed by the truncation bounds lo and hi
 * where the type accepts them, and starts at 0 (open) for the lognormal; a
 * type with unbounded support must therefore be truncated to fit a bounded
 * field. Each accepted distribution is appended to s->params under the
 * field's path: the order of calls is the canonical draw order.
 */
#include "scn_load_int.h"

#include <stdio.h>
#include <string.h>

bool scn_ld_fixed(scn_ld *ld, const yaml_node_t *n, const char *path,
                  const scn_range *r, double *out)
{
    char range[80];
    double v = 0;
    scn_fmt_range(r, range, sizeof range);
    if (n->type == YAML_MAPPING_NODE)
        return scn_ld_fail(ld, n, path, NULL,
                           "%s in %s (a plain number: this field cannot be "
                           "a distribution)",
                           r->noun, range);
    if (!scn_ld_scalar_number(n, &v) || !scn_range_has(r, v))
        return scn_ld_fail(ld, n, path, NULL, "%s in %s", r->noun, range);
    *out = v;
    return true;
}

/* ---- distributions ---- */

/* The `dist` key of a distribution map: the type. */
static bool dist_read_type(scn_ld *ld, const yaml_node_t *map,
                           const char *path, dist_spec *d)
{
    char child[SPECSIM_PATH_MAX];
    const yaml_node_t *name = scn_ld_get(ld, map, "dist");
    if (name == NULL)
        return scn_ld_fail(ld, map, path, NULL,
                           "a number, or a distribution: a map with the key "
                           "dist (one of %s) and its parameters",
                           dist_type_names());
    scn_ld_path(child, path, "dist");
    if (name->type == YAML_SCALAR_NODE &&
        strlen((const char *)name->data.scalar.value) ==
            name->data.scalar.length)
        d->type = dist_type_find((const char *)name->data.scalar.value);
    if (d->type == NULL)
        return scn_ld_fail(ld, name, child, NULL,
                           "a distribution name (one of %s)",
                           dist_type_names());
    return true;
}

/* "min, mode, max" (+ ", optional lo, hi") for messages. */
static void param_list(const dist_type *t, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < t->nparams && o + 1 < len; i++) {
        o += (size_t)snprintf(buf + o, len - o, "%s%s%s", i ? ", " : "",
                              i == t->nrequired ? "optional " : "",
                              t->param_names[i]);
    }
    if (t->truncatable && o + 1 < len)
        snprintf(buf + o, len - o, ", optional lo, hi");
}

/* One parameter: a plain number, or its default when optional and absent. */
static bool dist_read_one(scn_ld *ld, const yaml_node_t *map,
                          const char *path, const dist_type *t,
                          const char *key, bool required, double def,
                          double *out)
{
    char child[SPECSIM_PATH_MAX], list[160];
    const yaml_node_t *v = scn_ld_get(ld, map, key);
    if (v == NULL && required) {
        param_list(t, list, sizeof list);
        return scn_ld_fail_missing(ld, map, path, key,
                                   "a number (%s takes %s)", t->name, list);
    }
    if (v == NULL) {
        *out = def;
        return true;
    }
    scn_ld_path(child, path, key);
    if (!scn_ld_scalar_number(v, out))
        return scn_ld_fail(ld, v, child, NULL, "a number");
    return true;
}

/* Every parameter and truncation bound of a distribution map. */
static bool dist_read_params(scn_ld *ld, const yaml_node_t *map,
                             const char *path, dist_spec *d)
{
    const dist_type *t = d->type;
    const char *keys[DIST_PARAMS_MAX + 4];
    int k = 0;
    SPECSIM_ASSERT(t->nparams <= DIST_PARAMS_MAX &&
                   t->nrequired <= t->nparams);
    keys[k++] = "dist";
    for (int i = 0; i < t->nparams; i++) keys[k++] = t->param_names[i];
    if (t->truncatable) {
        keys[k++] = "lo";
        keys[k++] = "hi";
    }
    keys[k] = NULL;
    if (!scn_ld_keys(ld, map, path, keys)) return false;
    for (int i = 0; i < t->nparams; i++)
        if (!dist_read_one(ld, map, path, t, t->param_names[i],
                           i < t->nrequired, t->param_defaults[i], &d->p[i]))
            return false;
    d->lo = -INFINITY;
    d->hi = INFINITY;
    return !t->truncatable ||
           (dist_read_one(ld, map, path, t, "lo", false, -INFINITY, &d->lo) &&
            dist_read_one(ld, map, path, t, "hi", false, INFINITY, &d->hi));
}

/* The support of d lies in the field's range r. */
static bool dist_within(scn_ld *ld, const yaml_node_t *map, const char *path,
                        const dist_spec *d, const scn_range *r)
{
    double lo, hi;
    bool lo_open;
    dist_support(d, &lo, &lo_open, &hi);
    bool lo_ok = r->lo_open ? lo > r->lo || (lo == r->lo && lo_open)
                            : lo >= r->lo;
    bool hi_ok = r->hi_open ? hi < r->hi : hi <= r->hi;
    if (lo_ok && hi_ok) return true;
    char range[80], slo[40], shi[40];
    scn_fmt_range(r, range, sizeof range);
    scn_fmt_num(lo, slo, sizeof slo);
    scn_fmt_num(hi, shi, sizeof shi);
    return scn_ld_fail(ld, map, path, NULL,
                       "%s in %s; this %s distribution ranges over %c%s, "
                       "%s%c: %s",
                       r->noun, range, d->type->name,
                       lo_open || isinf(lo) ? '(' : '[', slo, shi,
                       isinf(hi) ? ')' : ']',
                       d->type->truncatable
                           ? "truncate it with lo and hi inside the range"
                           : "keep its min and max inside the range");
}

/* Append an accepted distribution to s->params; *out refers to it. */
static bool param_add(scn_ld *ld, const yaml_node_t *map, const char *path,
                      const dist_spec *d, scn_num *out)
{
    scn *s = ld->s;
    if (s->nparams >= SPECSIM_PARAMS_MAX)
        return scn_ld_fail(ld, map, path, NULL,
                           "at most %d inputs given as distributions "
                           "(limit SPECSIM_PARAMS_MAX)",
                           SPECSIM_PARAMS_MAX);
    double mean = dist_mean(d);
    if (!isfinite(mean))
        return scn_ld_fail(ld, map, path, NULL,
                           "a distribution with a finite mean");
    scn_param *p = &s->params[s->nparams];
    snprintf(p->path, sizeof p->path, "%s", path);
    p->line = (int)map->start_mark.line + 1;
    p->column = (int)map->start_mark.column + 1;
    p->dist = *d;
    out->value = mean;
    out->param = s->nparams++;
    return true;
}

static bool dist_load(scn_ld *ld, const yaml_node_t *map, const char *path,
                      const scn_range *r, scn_num *out)
{
    dist_spec d;
    char why[256] = "";
    memset(&d, 0, sizeof d);
    if (!dist_read_type(ld, map, path, &d) ||
        !dist_read_params(ld, map, path, &d))
        return false;
    if (!dist_check(&d, why, sizeof why))
        return scn_ld_fail(ld, map, path, NULL, "%s",
                           why[0] != '\0' ? why : "valid parameters");
    return dist_within(ld, map, path, &d, r) &&
           param_add(ld, map, path, &d, out);
}

bool scn_ld_num(scn_ld *ld, const yaml_node_t *n, const char *path,
                const scn_range *r, scn_num *out)
{
    if (n->type == YAML_MAPPING_NODE) return dist_load(ld, n, path, r, out);
    char range[80];
    scn_fmt_range(r, range, sizeof range);
    if (n->type != YAML_SCALAR_NODE)
        return scn_ld_fail(ld, n, path, NULL,
                           "%s in %s, or a distribution map", r->noun,
                           range);
    out->param = -1;
    return scn_ld_fixed(ld, n, path, r, &out->value);
}
