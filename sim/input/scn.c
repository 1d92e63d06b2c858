/* scn.c — small queries on a loaded scenario: lookups by name, the
 * high-risk vendor set, installed-base shares, and the names of its
 * enums.
 *
 * DESIGN — a scenario is one flat, calloc'd value (scn.h); these helpers
 * only read it, so they are safe on the shared `const` scenario from any
 * thread. Enum names are the words a scenario file uses, so messages and
 * outputs speak the file's language.
 */
#include "scn.h"

#include <math.h>
#include <string.h>

void scn_free(scn *s)
{
    free(s);
}

int scn_policy_find(const scn *s, const char *name)
{
    SPECSIM_ASSERT(s != NULL && name != NULL);
    for (int i = 0; i < s->npolicies; i++)
        if (strcmp(s->policies[i].name, name) == 0) return i;
    return -1;
}

int scn_vendor_find(const scn *s, const char *name)
{
    SPECSIM_ASSERT(s != NULL && name != NULL);
    for (int i = 0; i < s->nvendors; i++)
        if (strcmp(s->vendors[i].name, name) == 0) return i;
    return -1;
}

int scn_region_find(const scn *s, const char *name)
{
    SPECSIM_ASSERT(s != NULL && name != NULL);
    for (int i = 0; i < s->nregions; i++)
        if (strcmp(s->regions[i].name, name) == 0) return i;
    return -1;
}

int scn_country_find(const scn *s, const char *name)
{
    SPECSIM_ASSERT(s != NULL && name != NULL);
    for (int i = 0; i < s->ncountries; i++)
        if (strcmp(s->countries[i].name, name) == 0) return i;
    return -1;
}

double scn_num_max(const scn *s, scn_num n)
{
    SPECSIM_ASSERT(s != NULL && n.param < s->nparams);
    double lo, hi;
    bool lo_open;
    if (n.param < 0) return n.value;
    dist_support(&s->params[n.param].dist, &lo, &lo_open, &hi);
    return hi;
}

/* A share given as a number or a distribution: its draw, or its mean. */
static double share_value(scn_num n, const double *draws)
{
    return draws == NULL ? n.value : scn_num_value(n, draws);
}

double scn_installed_share(const scn *s, int o, int r, int v,
                           const double *draws)
{
    SPECSIM_ASSERT(s != NULL && o >= 0 && o < s->noperators);
    SPECSIM_ASSERT(r >= 0 && r < s->nregions && v >= 0 && v < s->nvendors);
    const scn_operator *op = &s->operators[o];
    int rest = op->installed_rest[r];
    if (v != rest) return share_value(op->installed_base[r][v], draws);
    double others = 0;
    for (int k = 0; k < s->nvendors; k++)
        if (k != rest) others += share_value(op->installed_base[r][k], draws);
    /* The loader keeps the others' upper bounds summing to at most 1 (within
     * its tolerance), so only rounding can take this below 0. */
    return fmax(0.0, 1.0 - others);
}

bool scn_has_installed_base(const scn *s, int o, int r)
{
    double base = 0;
    for (int v = 0; v < s->nvendors; v++)
        base += scn_installed_share(s, o, r, v, NULL);
    return base >= 0.5;
}

uint32_t scn_high_risk_mask(const scn *s)
{
    SPECSIM_ASSERT(s != NULL && s->nvendors <= 32);
    uint32_t mask = 0;
    for (int v = 0; v < s->nvendors; v++)
        if (s->vendors[v].high_risk) mask |= UINT32_C(1) << v;
    return mask;
}

double scn_held_mhz(const scn *s, const scn_operator *op)
{
    SPECSIM_ASSERT(s != NULL && op != NULL);
    double sum = 0.0;
    for (int b = 0; b < s->nbands; b++)
        sum += op->holdings_mhz[b] * (s->bands[b].paired ? 2.0 : 1.0);
    return sum;
}

const char *scn_scope_name(scn_scope sc)
{
    static const char *const names[SCOPE_COUNT] = {"ran", "core", "all",
                                                   "sensitive", "management"};
    SPECSIM_ASSERT((unsigned)sc < SCOPE_COUNT);
    return names[sc];
}

const char *scn_instr_name(scn_instr_kind k)
{
    static const char *const names[INSTR_COUNT] = {"exclude", "cap",
                                                   "diversity", "mitigation",
                                                   "auction", "subsidy",
                                                   "measure"};
    SPECSIM_ASSERT((unsigned)k < INSTR_COUNT);
    return names[k];
}

const char *scn_geotype_name(scn_geotype g)
{
    static const char *const names[GEO_COUNT] = {"urban", "suburban",
                                                 "rural"};
    SPECSIM_ASSERT((unsigned)g < GEO_COUNT);
    return names[g];
}
