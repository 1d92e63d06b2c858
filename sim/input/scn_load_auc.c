/* scn_load_auc.c — the auction section of a scenario, and the lot counts
 * keyed by band that it shares with the auction instrument of a policy.
 *
 * DESIGN — the section is optional: without it, or with format none, the
 * scenario has no auction and the operators hold what the operators
 * section says. It is read right after the bands, whose names and lots it
 * refers to, and before the vendors, so that a drawn private_value_sd
 * always takes that place among the uncertain inputs; within the section,
 * fields are read in the order docs/scenario-format.md lists them. The
 * defaults are written into the scenario first and each field reader
 * starts from them, so they are stated once. Format and strategy names are
 * those of the auction module's tables (auction.h): a format or strategy
 * added there is accepted here unchanged, and a strategy's parameter is
 * checked by the strategy itself.
 */
#include "auction.h"
#include "scn_load_int.h"

#include <stdio.h>
#include <string.h>

static const char *const VALUE_WORDS[] = {"network", "additive", NULL};

/* Largest per-lot base value of the additive model, in currency: the
 * bound of a band's reserve price. */
#define BASE_VALUE_MAX 1e11

/* ---- lots by band ---- */

bool scn_ld_band_lots(scn_ld *ld, const yaml_node_t *m, const char *path,
                      const char *key, int def, int out[SPECSIM_BANDS_MAX])
{
    char child[SPECSIM_PATH_MAX], note[SPECSIM_NAME_MAX + 32];
    const scn *s = ld->s;
    const yaml_node_t *n = scn_ld_get(ld, m, key);
    for (int b = 0; b < SPECSIM_BANDS_MAX; b++) out[b] = def;
    if (n == NULL) return true;
    scn_ld_path(child, path, key);
    if (!scn_ld_band_keys(ld, n, child)) return false;
    for (int b = 0; b < s->nbands; b++) {
        long lots = 0;
        snprintf(note, sizeof note, " (the lots of band %s)",
                 s->bands[b].name);
        const scn_ld_irange r = {"a number of lots", 0, s->bands[b].lots,
                                 note};
        if (!scn_ld_field_int(ld, n, child, s->bands[b].name, &r, false, def,
                              &lots))
            return false;
        out[b] = (int)lots;
    }
    return true;
}

/* ---- the section ---- */

/* The auction of a scenario without one; each field's default. */
static void auction_defaults(scn_auction *a)
{
    memset(a, 0, sizeof *a);
    snprintf(a->format, sizeof a->format, "none");
    a->increment_rel = 0.05;
    a->rounds_max = 1000;
    a->activity_share = 1;
    a->activity_rule = true;
    for (int b = 0; b < SPECSIM_BANDS_MAX; b++) a->cap_band[b] = -1;
    a->cap_total = -1;
    a->value_model = VALUE_NETWORK;
    a->private_value_sd = (scn_num){0.1, -1};
    a->payment_years = 1;
    snprintf(a->strategy, sizeof a->strategy, "%s",
             auction_straightforward.name);
}

/* Scalar `n` as text when it could be a name, else "". */
static void scalar_text(const yaml_node_t *n, char out[SPECSIM_NAME_MAX])
{
    out[0] = '\0';
    if (n->type == YAML_SCALAR_NODE &&
        n->data.scalar.length < SPECSIM_NAME_MAX &&
        strlen((const char *)n->data.scalar.value) == n->data.scalar.length)
        memcpy(out, n->data.scalar.value, n->data.scalar.length + 1);
}

static bool load_format(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    char name[SPECSIM_NAME_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, "format");
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, "auction", "format",
                                   "an auction format (one of %s), or none "
                                   "(required in an auction section)",
                                   auction_format_names());
    scalar_text(n, name);
    if (strcmp(name, "none") != 0 && auction_format_find(name) == NULL)
        return scn_ld_fail(ld, n, "auction.format", NULL,
                           "an auction format (one of %s), or none",
                           auction_format_names());
    snprintf(a->format, sizeof a->format, "%s", name);
    a->enabled = strcmp(name, "none") != 0;
    return true;
}

/* The rules: price steps, rounds, activity, caps and set-asides. */
static bool load_rules(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    static const scn_ld_range rel = {"a number", 0, 1, false, false};
    static const scn_ld_range abs_eur = {"a number", 0, 1e12, false, false};
    static const scn_ld_range activity = {"a share", 0, 1, true, false};
    static const scn_ld_irange rounds = {"an integer", 1, AUCTION_ROUNDS_MAX,
                                         " (limit AUCTION_ROUNDS_MAX)"};
    static const scn_ld_irange total = {"a number of lots", 1,
                                        SCN_LD_LOTS_TOTAL_MAX, ""};
    long nrounds = 0, cap_total = 0;
    if (!scn_ld_field_fixed(ld, m, "auction", "increment", &rel,
                            a->increment_rel, &a->increment_rel) ||
        !scn_ld_field_fixed(ld, m, "auction", "increment_min_eur", &abs_eur,
                            a->increment_abs, &a->increment_abs) ||
        !scn_ld_field_int(ld, m, "auction", "round_limit", &rounds, false,
                          a->rounds_max, &nrounds) ||
        !scn_ld_field_fixed(ld, m, "auction", "activity_share", &activity,
                            a->activity_share, &a->activity_share) ||
        !scn_ld_field_bool(ld, m, "auction", "activity_rule",
                           a->activity_rule, &a->activity_rule))
        return false;
    a->rounds_max = (int)nrounds;
    if (!scn_ld_band_lots(ld, m, "auction", "caps", -1, a->cap_band) ||
        !scn_ld_field_int(ld, m, "auction", "cap_total", &total, false,
                          a->cap_total, &cap_total) ||
        !scn_ld_band_lots(ld, m, "auction", "setaside", 0, a->setaside))
        return false;
    a->cap_total = (int)cap_total;
    return true;
}

/* The value model, its private-value spread, and the payment terms. */
static bool load_values(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    static const scn_ld_range sd = {"a number", 0, 1, false, false};
    const scn *s = ld->s;
    char note[64];
    int model = 0;
    long years = 0;
    snprintf(note, sizeof note, " (at most the %d years of the horizon)",
             s->year_last - s->year_first + 1);
    const scn_ld_irange pay = {"a number of years", 1,
                               s->year_last - s->year_first + 1, note};
    if (!scn_ld_field_word(ld, m, "auction", "value_model", VALUE_WORDS,
                           false, (int)a->value_model, &model))
        return false;
    a->value_model = (scn_value_model)model;
    if (!scn_ld_field_num(ld, m, "auction", "private_value_sd", &sd,
                          a->private_value_sd.value, &a->private_value_sd) ||
        !scn_ld_field_int(ld, m, "auction", "payment_years", &pay, false,
                          a->payment_years, &years))
        return false;
    a->payment_years = (int)years;
    return true;
}

/* The bidders' strategy, and its parameter as the strategy accepts it. */
static bool load_strategy(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    char name[SPECSIM_NAME_MAX];
    const yaml_node_t *n = scn_ld_get(ld, m, "strategy");
    const auction_strategy *st = auction_strategy_find(a->strategy);
    if (n != NULL) {
        scalar_text(n, name);
        st = auction_strategy_find(name);
        if (st == NULL)
            return scn_ld_fail(ld, n, "auction.strategy", NULL,
                               "a bidding strategy (one of %s)",
                               auction_strategy_names());
        snprintf(a->strategy, sizeof a->strategy, "%s", st->name);
    }
    SPECSIM_ASSERT(st != NULL);
    n = scn_ld_get(ld, m, "strategy_param");
    double v = a->strategy_param;
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

/* Map `key` of `m` (at `path`): band name -> base value per lot, required
 * for every band with lots. */
static bool load_base(scn_ld *ld, const yaml_node_t *m, const char *path,
                      const char *key, double out[SPECSIM_BANDS_MAX])
{
    static const scn_ld_range base = {"a number", 0, BASE_VALUE_MAX, false,
                                      false};
    char child[SPECSIM_PATH_MAX];
    const scn *s = ld->s;
    const yaml_node_t *n = scn_ld_get(ld, m, key);
    if (n == NULL)
        return scn_ld_fail_missing(ld, m, path, key,
                                   "a map from band name to value per lot");
    scn_ld_path(child, path, key);
    if (!scn_ld_band_keys(ld, n, child)) return false;
    for (int b = 0; b < s->nbands; b++)
        if (!scn_ld_field_fixed(ld, n, child, s->bands[b].name, &base,
                                s->bands[b].lots > 0 ? SCN_LD_REQUIRED : 0,
                                &out[b]))
            return false;
    return true;
}

/* The additive value model's parameters: required with value_model
 * additive, refused otherwise (they would be silently unused). */
static bool load_additive(scn_ld *ld, const yaml_node_t *m, scn_auction *a)
{
    static const char *const keys[] = {"base_lo", "base_hi", "synergy",
                                       NULL};
    static const scn_ld_range synergy = {"a number", -0.9, 10, false, false};
    static const char *const path = "auction.additive";
    const scn *s = ld->s;
    const yaml_node_t *n = scn_ld_get(ld, m, "additive");
    if (n == NULL && a->value_model == VALUE_ADDITIVE)
        return scn_ld_fail_missing(ld, m, "auction", "additive",
                                   "a map with base_lo, base_hi and "
                                   "optional synergy (required with "
                                   "value_model additive)");
    if (n == NULL) return true;
    if (a->value_model != VALUE_ADDITIVE)
        return scn_ld_fail(ld, n, path, NULL,
                           "no additive map with value_model network (it "
                           "is read only with value_model additive)");
    if (!scn_ld_keys(ld, n, path, keys) ||
        !load_base(ld, n, path, "base_lo", a->additive_lo) ||
        !load_base(ld, n, path, "base_hi", a->additive_hi))
        return false;
    const yaml_node_t *syn = scn_ld_get(ld, n, "synergy");
    if (syn == NULL) return true;
    char child[SPECSIM_PATH_MAX];
    scn_ld_path(child, path, "synergy");
    if (!scn_ld_band_keys(ld, syn, child)) return false;
    for (int b = 0; b < s->nbands; b++)
        if (!scn_ld_field_fixed(ld, syn, child, s->bands[b].name, &synergy,
                                0, &a->additive_synergy[b]))
            return false;
    return true;
}

bool scn_ld_auction(scn_ld *ld, const yaml_node_t *m)
{
    static const char *const keys[] = {
        "format", "increment", "increment_min_eur", "round_limit",
        "activity_share", "activity_rule", "caps", "cap_total", "setaside",
        "value_model", "private_value_sd", "payment_years", "strategy",
        "strategy_param", "additive", NULL};
    scn_auction *a = &ld->s->auction;
    auction_defaults(a);
    return m == NULL ||
           (scn_ld_keys(ld, m, "auction", keys) && load_format(ld, m, a) &&
            load_rules(ld, m, a) && load_values(ld, m, a) &&
            load_strategy(ld, m, a) && load_additive(ld, m, a));
}
