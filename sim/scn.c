/* scn.c — small queries on a loaded scenario: lookups by name, the
 * high-risk vendor set, and the names of its enums.
 *
 * DESIGN — a scenario is one flat, calloc'd value (scn.h); these helpers
 * only read it, so they are safe on the shared `const` scenario from any
 * thread. Enum names are the words a scenario file uses, so messages and
 * outputs speak the file's language.
 */
#include "scn.h"

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

uint32_t scn_high_risk_mask(const scn *s)
{
    SPECSIM_ASSERT(s != NULL && s->nvendors <= 32);
    uint32_t mask = 0;
    for (int v = 0; v < s->nvendors; v++)
        if (s->vendors[v].high_risk) mask |= UINT32_C(1) << v;
    return mask;
}

const char *scn_scope_name(scn_scope sc)
{
    static const char *const names[SCOPE_COUNT] = {"ran", "core", "all",
                                                   "sensitive"};
    SPECSIM_ASSERT((unsigned)sc < SCOPE_COUNT);
    return names[sc];
}

const char *scn_instr_name(scn_instr_kind k)
{
    static const char *const names[INSTR_COUNT] = {"exclude", "cap",
                                                   "diversity", "mitigation",
                                                   "auction"};
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
