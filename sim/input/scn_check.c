/* scn_check.c — the rules between fields of a scenario (see scn_check.h).
 *
 * DESIGN — each rule is a function over the whole scenario that reports
 * the first field breaking it, by its path as the scenario stores it; the
 * rules run in the order of the fields they report, so the first error of
 * a file is the one nearest its top among the rules. Drawn inputs count at
 * their means, except where a draw could break the rule (installed-base
 * shares are checked at their upper bounds by the loader).
 */
#include "scn_check.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "auction.h"
#include "scn_schema.h"

/* How far the operators' subscriber shares may exceed 1 in total. */
#define SUBSCRIBER_SUM_TOL 1e-9
/* How far below the holdings a spectrum cap may fall: rounding only, as
 * when a cap equal to fractional paired holdings is written out. */
#define CAP_HELD_TOL 1e-9
/* How far a policy's subsidy shares may exceed 1 in total: rounding only
 * (the model asserts the sum within 1e-12). */
#define SUBSIDY_SUM_TOL 1e-13

typedef struct {
    scn_report_fn report;
    void *ctx;
} checker;

static err_code fail(const checker *c, const char *value, const char *path,
                     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Report the field at `path` with "expected" text fmt... */
static err_code fail(const checker *c, const char *value, const char *path,
                     const char *fmt, ...)
{
    char expected[SPECSIM_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(expected, sizeof expected, fmt, ap);
    va_end(ap);
    err_code rc = c->report(c->ctx, path, value, expected);
    SPECSIM_ASSERT(rc != ERR_OK);
    return rc;
}

/* The operators serving a region hold at most all its users: checked at
 * the first operator (in list order) at which the sum exceeds 1. */
static err_code subscribers(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX], sum_text[40];
    for (int i = 0; i < s->noperators; i++) {
        for (int r = 0; r < s->nregions; r++) {
            if (!(s->operators[i].market >> r & 1u)) continue;
            double sum = 0;
            for (int j = 0; j <= i; j++)
                if (s->operators[j].market >> r & 1u)
                    sum += s->operators[j].subscriber_share.value;
            if (sum <= 1 + SUBSCRIBER_SUM_TOL) continue;
            snprintf(path, sizeof path, "operators[%d].subscriber_share", i);
            snprintf(sum_text, sizeof sum_text, "%.6g", sum);
            return fail(c, NULL, path, "subscriber shares summing to at most "
                        "1 over the operators serving region %s (they reach "
                        "%s here)", s->regions[r].name, sum_text);
        }
    }
    return ERR_OK;
}

/* Sites only where the operator sells, and only with an installed base;
 * a spectrum cap at least the spectrum held. */
static err_code operators(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX], held_text[40];
    for (int o = 0; o < s->noperators; o++) {
        const scn_operator *op = &s->operators[o];
        for (int r = 0; r < s->nregions; r++) {
            if (!scn_has_sites(op, r)) continue;
            snprintf(path, sizeof path, "operators[%d].sites.%s", o,
                     s->regions[r].name);
            if (!(op->market >> r & 1u))
                return fail(c, NULL, path, "sites only in the operator's "
                            "regions (its `regions` list leaves out %s)",
                            s->regions[r].name);
            if (!scn_has_installed_base(s, o, r))
                return fail(c, NULL, path, "0: operator %s has no installed "
                            "base in region %s (give one in the scenario "
                            "file first)", op->name, s->regions[r].name);
        }
        double held = scn_held_mhz(s, op);
        if (op->spectrum_cap_mhz >= held * (1 - CAP_HELD_TOL)) continue;
        snprintf(path, sizeof path, "operators[%d].spectrum_cap_mhz", o);
        scn_fmt_num(held, held_text, sizeof held_text);
        return fail(c, NULL, path, "a number at least the operator's "
                    "holdings, %s MHz (holdings_mhz summed, paired bands "
                    "counted twice)", held_text);
    }
    return ERR_OK;
}

/* An exclusion removes what it stops buying no earlier than the stop; a
 * late penalty needs a soft removal deadline (the loader says so where
 * the file writes one; this catches a value set by path). */
static err_code instruments(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX];
    for (int p = 0; p < s->npolicies; p++) {
        for (int i = 0; i < s->policies[p].ninstruments; i++) {
            const scn_instrument *in = &s->policies[p].instruments[i];
            const scn_num *pen = &in->late_penalty_eur_site_year;
            bool soft = in->scope != SCOPE_MANAGEMENT &&
                        in->removal_year > 0 && !in->deadline_hard;
            if (in->kind == INSTR_EXCLUDE && !soft &&
                (pen->param >= 0 || pen->value >= 0)) {
                snprintf(path, sizeof path, "policies[%d].instruments[%d]."
                         "late_penalty_eur_site_year", p, i);
                return fail(c, NULL, path, "no late penalty: instrument "
                            "%d of policy %s has no soft removal deadline "
                            "(a removal_year, deadline_hard false, a scope "
                            "other than management)", i, s->policies[p].name);
            }
            if (in->kind != INSTR_EXCLUDE || in->scope == SCOPE_MANAGEMENT ||
                in->removal_year == 0 || in->removal_year >= in->from_year)
                continue;
            snprintf(path, sizeof path,
                     "policies[%d].instruments[%d].from_year", p, i);
            return fail(c, NULL, path, "a year at most the instrument's "
                        "removal_year %d", in->removal_year);
        }
    }
    return ERR_OK;
}

/* A policy's subsidies together reimburse at most the whole swap cost (a
 * swap must not earn the operator money): the shares, drawn ones at the
 * upper end of their support, sum to at most 1; reported at the subsidy
 * whose share takes the sum above 1. */
static err_code subsidies(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX], sum_text[40];
    for (int p = 0; p < s->npolicies; p++) {
        double sum = 0;
        for (int i = 0; i < s->policies[p].ninstruments; i++) {
            const scn_instrument *in = &s->policies[p].instruments[i];
            if (in->kind != INSTR_SUBSIDY) continue;
            sum += scn_num_max(s, in->subsidy_share);
            if (sum <= 1 + SUBSIDY_SUM_TOL) continue;
            snprintf(path, sizeof path,
                     "policies[%d].instruments[%d].share", p, i);
            scn_fmt_num(sum, sum_text, sizeof sum_text);
            return fail(c, NULL, path, "subsidy shares of policy %s summing "
                        "to at most 1 (they reach %s here%s)",
                        s->policies[p].name, sum_text,
                        in->subsidy_share.param >= 0
                            ? ", a drawn share counting at its largest value"
                            : "");
        }
    }
    return ERR_OK;
}

/* Non-radio equipment needs its swap price: reported at the price, in the
 * market section, naming the first operator that has such equipment. */
static err_code unit_prices(const scn *s, const checker *c)
{
    static const char *const price[2] = {"core_site_swap_eur",
                                         "transport_swap_eur"};
    static const char *const kind[2] = {"core_sites", "transport"};
    char path[SPECSIM_PATH_MAX];
    for (int k = 0; k < 2; k++) {
        scn_num p = k == 0 ? s->market.core_site_swap_eur
                           : s->market.transport_swap_eur;
        if (p.param >= 0 || p.value >= 0) continue;
        for (int o = 0; o < s->noperators; o++)
            for (int v = 0; v < s->nvendors; v++) {
                const scn_operator *op = &s->operators[o];
                scn_num u = k == 0 ? op->units_core[v]
                                   : op->units_transport[v];
                if (u.param < 0 && u.value <= 0) continue;
                snprintf(path, sizeof path, "market.%s", price[k]);
                return fail(c, NULL, path, "a number in [0, 1e9], or a "
                            "distribution map: the swap price of "
                            "operators[%d].equipment.%s.%s", o, kind[k],
                            s->vendors[v].name);
            }
    }
    return ERR_OK;
}

/* Caps and set-asides of the auction and of auction instruments are at
 * most the lots of their band (checked at the band, whose lots changed
 * if the loader let the maps through). */
static err_code lots_maps(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX];
    for (int b = 0; b < s->nbands; b++) {
        int most = s->auction.cap_band[b] > s->auction.setaside[b]
                       ? s->auction.cap_band[b] : s->auction.setaside[b];
        const char *what = s->auction.cap_band[b] > s->auction.setaside[b]
                               ? "auction.caps" : "auction.setaside";
        for (int p = 0; p < s->npolicies; p++) {
            for (int i = 0; i < s->policies[p].ninstruments; i++) {
                const scn_instrument *in = &s->policies[p].instruments[i];
                if (in->cap_band[b] > most) {
                    most = in->cap_band[b];
                    what = "an auction instrument's caps";
                }
                if (in->setaside[b] > most) {
                    most = in->setaside[b];
                    what = "an auction instrument's setaside";
                }
            }
        }
        if (s->bands[b].lots >= most) continue;
        snprintf(path, sizeof path, "bands[%d].lots", b);
        return fail(c, NULL, path, "an integer at least %d, the lots of band "
                    "%s in %s", most, s->bands[b].name, what);
    }
    return ERR_OK;
}

/* Each band's base_hi is at least its base_lo. */
static err_code additive(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX], lo[40];
    const scn_auction *a = &s->auction;
    if (a->value_model != VALUE_ADDITIVE) return ERR_OK;
    for (int b = 0; b < s->nbands; b++) {
        if (a->additive_hi[b] >= a->additive_lo[b]) continue;
        snprintf(path, sizeof path, "auction.additive.base_hi.%s",
                 s->bands[b].name);
        scn_fmt_num(a->additive_lo[b], lo, sizeof lo);
        return fail(c, NULL, path, "a number at least base_lo.%s (%s)",
                    s->bands[b].name, lo);
    }
    return ERR_OK;
}

/* Lowest value an uncertain input can take: its fixed value, or the
 * lower end of its distribution's support. */
static double num_min(const scn *s, scn_num n)
{
    double lo, hi;
    bool lo_open;
    if (n.param < 0) return n.value;
    dist_support(&s->params[n.param].dist, &lo, &lo_open, &hi);
    return lo;
}

/* An ascending format's prices can rise in every policy: a policy whose
 * reserve_factor can be 0 leaves every band without a reserve, and then
 * only an absolute increment raises prices (the relative one is checked
 * with the scenario's own reserves by auction_runnable). */
static err_code factors_rise(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX];
    bool sold = false;
    for (int b = 0; b < s->nbands; b++) sold |= s->bands[b].lots > 0;
    if (s->auction.increment_abs > 0 || !sold) return ERR_OK;
    for (int p = 0; p < s->npolicies; p++) {
        for (int i = 0; i < s->policies[p].ninstruments; i++) {
            const scn_instrument *in = &s->policies[p].instruments[i];
            if (in->kind != INSTR_AUCTION) continue;
            if (num_min(s, in->reserve_factor) > 0) continue;
            snprintf(path, sizeof path,
                     "policies[%d].instruments[%d].reserve_factor", p, i);
            return fail(c, NULL, path,
                        "> 0 for format %s in policy '%s' (with no reserve "
                        "only auction.increment_min_eur > 0 lets a price "
                        "rise): a positive factor, or set "
                        "auction.increment_min_eur", s->auction.format,
                        s->policies[p].name);
        }
    }
    return ERR_OK;
}

/* What the auction model requires of an enabled auction: lots per band
 * within AUCTION_LOTS_MAX, a package grid within AUCTION_PACKAGES_MAX, and,
 * for an ascending format, prices that can rise (an absolute increment
 * when a reserve can be 0 or the relative increment is 0; sealed formats
 * never use the increments). */
static err_code auction_runnable(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX];
    const scn_auction *a = &s->auction;
    long grid = 1;
    if (!a->enabled) return ERR_OK;
    const auction_format *f = auction_format_find(a->format);
    bool ascending = f != NULL && f->ascending;
    for (int b = 0; b < s->nbands; b++) {
        const scn_band *bd = &s->bands[b];
        snprintf(path, sizeof path, "bands[%d].lots", b);
        if (bd->lots > AUCTION_LOTS_MAX)
            return fail(c, NULL, path, "at most %d lots in a band that is "
                        "auctioned (AUCTION_LOTS_MAX)", AUCTION_LOTS_MAX);
        if (bd->lots == 0) continue;
        int most = a->cap_band[b] >= 0 && a->cap_band[b] < bd->lots
                       ? a->cap_band[b] : bd->lots;
        grid *= most + 1;
        if (grid > AUCTION_PACKAGES_MAX)
            return fail(c, NULL, "auction", "at most %d packages per bidder "
                        "(the product over bands of lots + 1, after caps): "
                        "fewer lots or tighter caps", AUCTION_PACKAGES_MAX);
        bool zero_reserve = num_min(s, bd->reserve_eur) <= 0;
        if (ascending && a->increment_abs <= 0 &&
            (zero_reserve || a->increment_rel <= 0))
            return fail(c, "0", "auction.increment_min_eur", "> 0 when band "
                        "%s has a reserve of 0 or the relative increment is "
                        "0, so that its price can rise", bd->name);
    }
    return ascending ? factors_rise(s, c) : ERR_OK;
}

/* A licence obligation binds the winners of its band, so it needs an
 * auction and a band with lots; its target fits its scope, and a soft one
 * has a penalty. */
static err_code licence_obligations(const scn *s, const checker *c)
{
    char path[SPECSIM_PATH_MAX], value[40];
    for (int i = 0; i < s->nobligations; i++) {
        const scn_obligation *ob = &s->obligations[i];
        const scn_band *bd = &s->bands[ob->band];
        bool count = ob->scope == OBLIG_SITES;
        snprintf(path, sizeof path, "obligations[%d].band", i);
        if (!s->auction.enabled)
            return fail(c, bd->name, path, "an auction (section auction with "
                        "a format): a licence obligation binds the winners of "
                        "its band");
        if (bd->lots <= 0)
            return fail(c, bd->name, path, "a band with lots to win (lots "
                        "> 0)");
        snprintf(path, sizeof path, "obligations[%d].%s", i,
                 count ? "sites" : "share");
        snprintf(value, sizeof value, "%.10g", count ? ob->sites : ob->share);
        if (count ? ob->sites <= 0 : ob->share < 0)
            return fail(c, ob->sites < 0 && ob->share < 0 ? NULL : value, path,
                        count ? "a count of sites > 0 (scope sites)"
                              : "a share in [0, 1] (scope population or "
                                "area)");
        snprintf(path, sizeof path, "obligations[%d].%s", i,
                 count ? "share" : "sites");
        if (count ? ob->share >= 0 : ob->sites >= 0)
            return fail(c, NULL, path, "absent with scope %s (write %s "
                        "instead)", count ? "sites" : "population or area",
                        count ? "sites" : "share");
        snprintf(path, sizeof path, "obligations[%d].penalty_eur_year", i);
        if (!ob->hard && ob->penalty_eur_year < 0)
            return fail(c, NULL, path, "a penalty for a soft obligation (or "
                        "hard: true)");
        if (ob->hard && ob->penalty_eur_year >= 0)
            return fail(c, NULL, path, "absent with hard: true (a hard "
                        "obligation has no penalty)");
    }
    return ERR_OK;
}

/* ---- value_model gsvm and lsvm ---- */

/* The model's own check, its message "name: value: expected what" turned
 * into a located report of auction.<model>.name. */
static err_code svm_params(const scn *s, const checker *c, const char *model)
{
    err_t e;
    err_clear(&e);
    if (auction_svm_check(&s->auction.svm, &e) == ERR_OK) return ERR_OK;
    char path[SPECSIM_PATH_MAX], value[SPECSIM_ERRMSG_MAX];
    const char *colon = strstr(e.msg, ": ");
    const char *want = strstr(e.msg, ": expected ");
    SPECSIM_ASSERT(colon != NULL && want != NULL && want >= colon);
    snprintf(path, sizeof path, "auction.%s.%.*s", model,
             (int)(colon - e.msg), e.msg);
    snprintf(value, sizeof value, "%.*s", (int)(want - colon - 2), colon + 2);
    return fail(c, want > colon ? value : NULL, path, "%s",
                want + strlen(": expected "));
}

/* The bands the model's licences are reported in: GSVM the national
 * circle (2 size lots) then the regional one (size lots); LSVM one band
 * per grid row, cols lots each. */
static err_code svm_bands(const scn *s, const checker *c, const char *model)
{
    const auction_svm_params *p = &s->auction.svm;
    bool gsvm = p->kind == AUCTION_SVM_GSVM;
    int nbands = gsvm ? 2 : p->rows;
    char path[SPECSIM_PATH_MAX], value[32];
    if (s->nbands != nbands) {
        snprintf(value, sizeof value, "%d bands", s->nbands);
        return fail(c, value, "bands", "%d bands with value_model %s (%s)",
                    nbands, model, gsvm ? "the national circle, 2 size lots, "
                    "then the regional circle, size lots" : "one per row of "
                    "the grid, cols lots each");
    }
    for (int b = 0; b < nbands; b++) {
        int lots = gsvm ? (b == 0 ? 2 * p->size : p->size) : p->cols;
        if (s->bands[b].lots == lots) continue;
        snprintf(path, sizeof path, "bands[%d].lots", b);
        snprintf(value, sizeof value, "%d", s->bands[b].lots);
        return fail(c, value, path, "%d, the licences of band %s with "
                    "value_model %s", lots, s->bands[b].name, model);
    }
    return ERR_OK;
}

/* An installed base's age means something only with an equipment life:
 * reported at the first operator that gives one without it. */
static err_code equipment_age(const scn *s, const checker *c)
{
    const scn_num *life = &s->market.equipment_life_years;
    if (life->param >= 0 || life->value > 0) return ERR_OK;
    char path[SPECSIM_PATH_MAX];
    for (int o = 0; o < s->noperators; o++) {
        scn_num a = s->operators[o].installed_age_years;
        if (a.param < 0 && a.value < 0) continue;
        snprintf(path, sizeof path, "operators[%d].installed_age_years", o);
        return fail(c, NULL, path, "no age without "
                    "market.equipment_life_years: give the life too, or "
                    "leave the age out");
    }
    return ERR_OK;
}

/* Rules the models' VCG auction does not apply, refused rather than
 * ignored. */
static err_code svm_rules(const scn *s, const checker *c, const char *model)
{
    const scn_auction *a = &s->auction;
    char path[SPECSIM_PATH_MAX];
    if (strcmp(a->format, "sealed_second") != 0 &&
        strcmp(a->format, "sealed_core") != 0)
        return fail(c, a->format, "auction.format", "sealed_second or "
                    "sealed_core with value_model %s (the efficient "
                    "allocation with VCG or core-selecting payments, the "
                    "formats it runs)", model);
    if (strcmp(a->strategy, "straightforward") != 0)
        return fail(c, a->strategy, "auction.strategy", "straightforward "
                    "with value_model %s (bids are the values)", model);
    int bidders = a->svm.regional + a->svm.national;
    if (s->noperators != bidders) {
        char value[32];
        snprintf(value, sizeof value, "%d operators", s->noperators);
        return fail(c, value, "operators", "%d operators with value_model %s: "
                    "regional_bidders + national_bidders (%d + %d), the "
                    "regional ones first", bidders, model, a->svm.regional,
                    a->svm.national);
    }
    for (int b = 0; b < s->nbands; b++) {
        const scn_band *bd = &s->bands[b];
        if (bd->reserve_eur.param >= 0 || bd->reserve_eur.value != 0) {
            snprintf(path, sizeof path, "bands[%d].reserve_eur", b);
            return fail(c, NULL, path, "0 with value_model %s (no reserve "
                        "prices in its auction)", model);
        }
        if (a->cap_band[b] >= 0 || a->setaside[b] > 0)
            return fail(c, NULL, a->cap_band[b] >= 0 ? "auction.caps"
                        : "auction.setaside", "none with value_model %s "
                        "(GSVM's own licence limit is regional_licences_max)",
                        model);
    }
    if (a->cap_total >= 0)
        return fail(c, NULL, "auction.cap_total", "none with value_model %s",
                    model);
    for (int o = 0; o < s->noperators; o++) {
        const scn_operator *op = &s->operators[o];
        if (op->auction_budget_eur.param < 0 &&
            op->auction_budget_eur.value >= 1e12 &&
            isinf(op->spectrum_cap_mhz))
            continue;
        snprintf(path, sizeof path, "operators[%d]", o);
        return fail(c, op->name, path, "no auction_budget_eur or "
                    "spectrum_cap_mhz with value_model %s (its auction "
                    "applies neither)", model);
    }
    for (int p = 0; p < s->npolicies; p++)
        for (int i = 0; i < s->policies[p].ninstruments; i++) {
            const scn_instrument *in = &s->policies[p].instruments[i];
            if (in->kind != INSTR_AUCTION && !in->bar_bidding) continue;
            snprintf(path, sizeof path, "policies[%d].instruments[%d]", p, i);
            return fail(c, s->policies[p].name, path, "no auction rules or "
                        "bar_bidding with value_model %s (its auction "
                        "applies none)", model);
        }
    return ERR_OK;
}

static err_code svm(const scn *s, const checker *c)
{
    const scn_auction *a = &s->auction;
    if (!a->enabled ||
        (a->value_model != VALUE_GSVM && a->value_model != VALUE_LSVM))
        return ERR_OK;
    const char *model = a->value_model == VALUE_GSVM ? "gsvm" : "lsvm";
    err_code rc = svm_params(s, c, model);
    if (rc == ERR_OK) rc = svm_bands(s, c, model);
    if (rc == ERR_OK) rc = svm_rules(s, c, model);
    return rc;
}

err_code scn_check(const scn *s, scn_report_fn report, void *ctx)
{
    SPECSIM_ASSERT(s != NULL && report != NULL);
    static err_code (*const rules[])(const scn *, const checker *) = {
        lots_maps, additive, svm, auction_runnable, subscribers, operators,
        instruments, subsidies, unit_prices, licence_obligations, equipment_age,
    };
    checker c = {report, ctx};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        err_code rc = rules[i](s, &c);
        if (rc != ERR_OK) return rc;
    }
    return ERR_OK;
}
