/* scn_load_auc.c — the auction section of a scenario.
 *
 * DESIGN — the section is optional: without it, or with format none, the
 * scenario has no auction and the operators hold what the operators
 * section says. It is read right after the bands, whose names and lots it
 * refers to, and before the vendors, so that a drawn private_value_sd
 * always takes that place among the uncertain inputs. The section is read
 * by its schema table (keys, order, ranges and defaults, even when it is
 * absent); this file holds the hooks for what the table cannot say.
 * Format and strategy names are those of the auction module's tables
 * (auction.h): a format or strategy added there is accepted here
 * unchanged, and a strategy's parameter is checked by the strategy itself.
 * What an enabled auction requires of the bands (lots the auction model
 * can sell, prices that can rise) is checked by scn_check.
 */
#include "auction.h"
#include "scn_load_int.h"

#include <stdio.h>
#include <string.h>

/* ---- the section ---- */

/* The format: required in a section that is present; none without one. */
static bool load_format(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    char name[SPECSIM_NAME_MAX] = "none";
    const yaml_node_t *n = scn_ld_get(ld, m, "format");
    if (n == NULL && m != NULL)
        return scn_ld_fail_missing(ld, m, "auction", "format",
                                   "an auction format (one of %s), or none "
                                   "(required in an auction section)",
                                   auction_format_names());
    if (n != NULL) scn_ld_scalar_name(n, name);
    if (strcmp(name, "none") != 0 && auction_format_find(name) == NULL)
        return scn_ld_fail(ld, n, "auction.format", NULL,
                           "an auction format (one of %s), or none",
                           auction_format_names());
    snprintf(a->format, sizeof a->format, "%s", name);
    a->enabled = strcmp(name, "none") != 0;
    return true;
}

/* The bidders' strategy (straightforward by default). */
static bool load_strategy(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    char name[SPECSIM_NAME_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, "strategy");
    const auction_strategy *st = &auction_straightforward;
    if (n != NULL) {
        scn_ld_scalar_name(n, name);
        st = auction_strategy_find(name);
        if (st == NULL)
            return scn_ld_fail(ld, n, "auction.strategy", NULL,
                               "a bidding strategy (one of %s)",
                               auction_strategy_names());
    }
    snprintf(a->strategy, sizeof a->strategy, "%s", st->name);
    return true;
}

/* The strategy's parameter, as the strategy accepts it. */
static bool load_strategy_param(scn_ld *ld, const yaml_node_t *m,
                                scn_auction *a)
{
    const auction_strategy *st = auction_strategy_find(a->strategy);
    SPECSIM_ASSERT(st != NULL);
    const yaml_node_t *n = scn_ld_get(ld, m, "strategy_param");
    double v = 0;
    if ((n == NULL || scn_ld_scalar_number(n, &v)) && st->check(v)) {
        a->strategy_param = v;
        return true;
    }
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, "auction", "strategy_param",
                                   "a number for strategy %s: %s", st->name,
                                   st->param_expected);
    return scn_ld_fail(ld, n, "auction.strategy_param", NULL,
                       "a number for strategy %s: %s%s", st->name,
                       st->param_expected,
                       n->type == YAML_MAPPING_NODE
                           ? " (this field cannot be a distribution)"
                           : "");
}

/* The additive value model's parameters: required with value_model
 * additive, refused otherwise (they would be silently unused). */
static bool load_additive(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    const yaml_node_t *n = scn_ld_get(ld, m, "additive");
    if (n == NULL && a->value_model == VALUE_ADDITIVE)
        return scn_ld_fail_missing(ld, m, "auction", "additive",
                                   "a map with base_lo, base_hi and "
                                   "optional synergy (required with "
                                   "value_model additive)");
    if (n == NULL) return true;
    if (a->value_model != VALUE_ADDITIVE)
        return scn_ld_fail(ld, n, "auction.additive", NULL,
                           "no additive map with value_model network (it "
                           "is read only with value_model additive)");
    return scn_ld_table(ld, n, "auction.additive", &scn_schema_additive, a);
}

/* The GSVM or LSVM parameters: the map of the model chosen, read over its
 * defaults (which an absent map keeps); the other model's map is
 * refused. */
static bool load_svm(scn_ld *ld, const yaml_node_t *m, const scn_field *f,
                     scn_auction *a)
{
    bool gsvm = strcmp(f->key, "gsvm") == 0;
    scn_value_model want = gsvm ? VALUE_GSVM : VALUE_LSVM;
    const yaml_node_t *n = scn_ld_get(ld, m, f->key);
    char path[SPECSIM_PATH_MAX];
    snprintf(path, sizeof path, "auction.%s", f->key);
    if (a->value_model != want) {
        if (n == NULL) return true;
        return scn_ld_fail(ld, n, path, NULL, "no %s map unless value_model "
                           "is %s (it is read only with it)", f->key,
                           f->key);
    }
    auction_svm_defaults(gsvm ? AUCTION_SVM_GSVM : AUCTION_SVM_LSVM, &a->svm);
    return scn_ld_table(ld, n, path, gsvm ? &scn_schema_gsvm
                                          : &scn_schema_lsvm, a);
}

bool scn_ld_auction_hook(scn_ld *ld, const yaml_node_t *m,
                         const scn_field *f, void *base)
{
    scn_auction *a = base;
    if (f->hook == SCN_H_FORMAT) return load_format(ld, m, a);
    if (f->hook == SCN_H_ADDITIVE) return load_additive(ld, m, a);
    if (f->hook == SCN_H_SVM) return load_svm(ld, m, f, a);
    return strcmp(f->key, "strategy") == 0 ? load_strategy(ld, m, a)
                                           : load_strategy_param(ld, m, a);
}
