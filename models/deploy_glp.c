/* deploy_glp.c — the rollout program in GLPK: build, solve, read back.
 *
 * DESIGN — the structure is simple: every variable family is a block of
 * columns indexed arithmetically, col = base + ((o*R + r)*V + v)*T + t, so
 * no index tables are allocated; columns that can never be nonzero get
 * fixed bounds and GLPK's presolver removes them. Instruments act through
 * column bounds (purchase stops, removals, core exclusion), the core
 * columns' costs (a core deadline's replacement, the penalty of a soft
 * deadline on the stock held late) and rows (caps, diversity, management
 * rules, subsidy funds); switching an instrument off for the
 * infeasibility diagnosis is simply not applying it. A soft budget is a
 * borrowing column in the budget row, priced at the financing factor. This is the only file of the
 * rollout model that includes <glpk.h>. The equations are written out in
 * docs/model.md.
 */
#include "deploy_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glpk.h>
#include <nettle/sha2.h>

#include "mip.h"

/* Variable families indexed by (o, r, v, t). */
enum { F_UP = 0, F_XL, F_X5, F_REP, F_NEW, F_L, F_S, F_RL, F_ORVT };
/* Variable families indexed by (o, k, v, t): non-radio stock and swaps. */
enum { F_U = 0, F_XU, F_OKVT };

/* Column layout of one program. */
typedef struct {
    int O, R, V, T;
    int base_orvt[F_ORVT]; /* first column of each (o,r,v,t) family */
    int base_cov;          /* (o, r, t) */
    int base_y;            /* (o, r, v) */
    int base_k;            /* (o, v) */
    int base_z;            /* (instrument, o, v) */
    int base_short;        /* (o, t) */
    int base_okvt[F_OKVT]; /* (o, k, v, t) */
    int base_ov;           /* (o, t): spending above a soft budget */
    int base_sub;          /* (instrument, o, t): subsidy received */
    int base_lic;          /* (licence j, group g, t): its shortfall */
    /* Equipment age, only when p->life > 0 (else 0 and no columns):
     * refreshes of legacy and of 5G sites at the end of their life
     * (o, r, v, t), the early removals still ahead of their end of life
     * at the horizon's end by the year that life ends (o, r, v, k), and
     * the removals beyond the installed base (o, r, v). */
    int base_rf, base_rf5, base_seg, base_sov;
    int base_cq, base_cr;  /* (o, r, v, t): removals and refreshes so far */
    int base_one;          /* a column fixed at 1 carrying the objective's
                              constant (files written keep it) */
    int ncols;
} layout;

/* Longest row: a national cap spans two families over (o, r, v); a
 * budget row six over (r, v), the integration binaries, the non-radio
 * swaps and the subsidies; a total fund cap (o, t). */
#define ROW_MAX_2(a, b) ((a) > (b) ? (a) : (b))
#define ROW_MAX                                                              \
    ROW_MAX_2(ROW_MAX_2(2 * DEPLOY_O * DEPLOY_R * DEPLOY_V + 2 * DEPLOY_V + 8, \
                        6 * DEPLOY_R * DEPLOY_V + (DEPLOY_K + 1) * DEPLOY_V + \
                            DEPLOY_I + 8),                                   \
              DEPLOY_O * DEPLOY_T + 8)

typedef struct {
    int n;
    int ind[ROW_MAX + 1];
    double val[ROW_MAX + 1];
} row_buf;

static void layout_init(layout *L, const deploy_problem *p)
{
    L->O = p->noperators; L->R = p->nregions;
    L->V = p->nvendors; L->T = p->nyears;
    int orvt = L->O * L->R * L->V * L->T;
    int c = 1;
    for (int f = 0; f < F_ORVT; f++) { L->base_orvt[f] = c; c += orvt; }
    L->base_cov = c;   c += L->O * L->R * L->T;
    L->base_y = c;     c += L->O * L->R * L->V;
    L->base_k = c;     c += L->O * L->V;
    L->base_z = c;     c += DEPLOY_I * L->O * L->V;
    L->base_short = c; c += L->O * L->T;
    for (int f = 0; f < F_OKVT; f++) {
        L->base_okvt[f] = c;
        c += L->O * DEPLOY_K * L->V * L->T;
    }
    L->base_ov = c;    c += L->O * L->T;
    L->base_sub = c;   c += DEPLOY_I * L->O * L->T;
    L->base_lic = c;   c += p->nlicence * L->R * L->T;
    L->base_rf = L->base_rf5 = L->base_seg = L->base_sov = L->base_one = 0;
    L->base_cq = L->base_cr = 0;
    if (p->life > 0) {
        L->base_cq = c;  c += orvt;
        L->base_cr = c;  c += orvt;
        L->base_rf = c;  c += orvt;
        L->base_rf5 = c; c += orvt;
        L->base_seg = c; c += orvt;
        L->base_sov = c; c += L->O * L->R * L->V;
        L->base_one = c; c += 1;
    }
    L->ncols = c - 1;
}

static int col4(const layout *L, int f, int o, int r, int v, int t)
{
    return L->base_orvt[f] + ((o * L->R + r) * L->V + v) * L->T + t;
}
/* Equipment-age columns (p->life > 0 only). */
static int col_age(const layout *L, int base, int o, int r, int v, int t)
{
    SPECSIM_ASSERT(base > 0);
    return base + ((o * L->R + r) * L->V + v) * L->T + t;
}
static int col_sov(const layout *L, int o, int r, int v)
{
    SPECSIM_ASSERT(L->base_sov > 0);
    return L->base_sov + (o * L->R + r) * L->V + v;
}

static int col_cov(const layout *L, int o, int r, int t)
{
    return L->base_cov + (o * L->R + r) * L->T + t;
}
static int col_y(const layout *L, int o, int r, int v)
{
    return L->base_y + (o * L->R + r) * L->V + v;
}
static int col_k(const layout *L, int o, int v) { return L->base_k + o * L->V + v; }
static int col_z(const layout *L, int i, int o, int v)
{
    return L->base_z + (i * L->O + o) * L->V + v;
}
static int col_short(const layout *L, int o, int t)
{
    return L->base_short + o * L->T + t;
}

static int col_u(const layout *L, int f, int o, int k, int v, int t)
{
    return L->base_okvt[f] + ((o * DEPLOY_K + k) * L->V + v) * L->T + t;
}
static int col_ov(const layout *L, int o, int t)
{
    return L->base_ov + o * L->T + t;
}
static int col_sub(const layout *L, int i, int o, int t)
{
    return L->base_sub + (i * L->O + o) * L->T + t;
}

static int col_lic(const layout *L, int j, int g, int t)
{
    return L->base_lic + (j * L->R + g) * L->T + t;
}

static void row_push(row_buf *b, int col, double val)
{
    SPECSIM_ASSERT(b->n < ROW_MAX);
    b->n++;
    b->ind[b->n] = col;
    b->val[b->n] = val;
}

/* Append row `b` with bounds (type, lo, hi); returns its index. */
static int row_add(glp_prob *lp, row_buf *b, int type, double lo, double hi)
{
    int i = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, i, type, lo, hi);
    if (b->n > 0) glp_set_mat_row(lp, i, b->n, b->ind, b->val);
    b->n = 0;
    return i;
}

double deploy_discount_tail(const deploy_problem *p, int t)
{
    double sum = 0;
    for (int u = t; u < p->nyears; u++)
        sum += deploy_discount(p->discount_rate, u);
    return sum;
}

/* Year index in which vendor v's integration cost falls. */
int deploy_integration_t(const deploy_problem *p, int v)
{
    int t = p->available_t[v];
    if (t < 0) t = 0;
    if (t > p->nyears - 1) t = p->nyears - 1;
    return t;
}

double deploy_legacy_total(const deploy_problem *p, int o, int r)
{
    double legacy = 0;
    for (int v = 0; v < p->nvendors; v++) legacy += p->legacy[o][r][v];
    return legacy;
}

double deploy_financing_factor(const deploy_problem *p)
{
    SPECSIM_ASSERT(p->financing_term_years >= 1);
    double f = p->financing_rate, n = (double)p->financing_term_years;
    double annuity = f > 0 ? f / (1.0 - pow(1.0 + f, -n)) : 1.0 / n;
    double pv = 0;
    for (int k = 1; k <= p->financing_term_years; k++)
        pv += pow(1.0 + p->discount_rate, -(double)k);
    return fmax(0.0, annuity * pv - 1.0);
}

/* Upper bound on any stock of one operator in one region. */
double deploy_stock_max(const deploy_problem *p, int o, int r)
{
    double legacy = 0, qmin = 1.0;
    for (int v = 0; v < p->nvendors; v++) {
        legacy += p->legacy[o][r][v];
        if (p->site_equiv[o][r][v] < qmin) qmin = p->site_equiv[o][r][v];
    }
    return legacy + p->sites_needed[o][r] / qmin + 1.0;
}

static void set_col(glp_prob *lp, int j, int kind, double lo, double hi,
                    double obj)
{
    glp_set_col_kind(lp, j, kind);
    if (kind == GLP_BV) {
        if (hi < 0.5) glp_set_col_bnds(lp, j, GLP_FX, 0.0, 0.0);
    } else if (isinf(hi)) {
        glp_set_col_bnds(lp, j, GLP_LO, lo, 0.0);
    } else if (hi <= lo) {
        glp_set_col_bnds(lp, j, GLP_FX, lo, lo);
    } else {
        glp_set_col_bnds(lp, j, GLP_DB, lo, hi);
    }
    glp_set_obj_coef(lp, j, obj);
}

/* ---- what the active instruments allow ---------------------------------- */

static bool instr_on(uint32_t active, int i) { return (active >> i) & 1u; }

bool deploy_buy_ok(const deploy_problem *p, uint32_t active, int r, int v,
                   int t)
{
    if (t < p->available_t[v]) return false;
    for (int i = 0; i < p->ninstr; i++) {
        const deploy_instr *in = &p->instr[i];
        if (!instr_on(active, i) || in->kind != DEPLOY_EXCLUDE) continue;
        if ((in->vendors >> v & 1u) && (in->regions >> r & 1u) &&
            t >= in->from_t)
            return false;
    }
    return true;
}

/* Does active exclusion i target vendor v in region r with a removal
 * deadline at or before year t? */
static bool deadline_rule(const deploy_problem *p, uint32_t active, int i,
                          int r, int v, int t)
{
    const deploy_instr *in = &p->instr[i];
    return instr_on(active, i) && in->kind == DEPLOY_EXCLUDE &&
           in->removal_t >= 0 && (in->vendors >> v & 1u) &&
           (in->regions >> r & 1u) && t >= in->removal_t;
}

bool deploy_swapin_ok(const deploy_problem *p, uint32_t active, int r, int w,
                      int t)
{
    for (int i = 0; i < p->ninstr; i++) {
        const deploy_instr *in = &p->instr[i];
        if (!instr_on(active, i) || in->kind != DEPLOY_EXCLUDE) continue;
        if ((in->vendors >> w & 1u) && (in->regions >> r & 1u) &&
            t >= in->from_t)
            return false;
        if (deadline_rule(p, active, i, r, w, t)) return false;
    }
    return true;
}

/* Could any vendor ever replace equipment in region r within the horizon? */
static bool replaceable(const deploy_problem *p, uint32_t active, int r)
{
    for (int w = 0; w < p->nvendors; w++)
        for (int t = 0; t < p->nyears; t++)
            if (deploy_swapin_ok(p, active, r, w, t)) return true;
    return false;
}

bool deploy_hold_ok(const deploy_problem *p, uint32_t active, int r, int v,
                    int t)
{
    for (int i = 0; i < p->ninstr; i++) {
        if (!deadline_rule(p, active, i, r, v, t)) continue;
        if (p->instr[i].deadline_hard || !replaceable(p, active, r))
            return false;
    }
    return true;
}

double deploy_late_penalty(const deploy_problem *p, uint32_t active, int r,
                           int v, int t)
{
    double c = 0;
    for (int i = 0; i < p->ninstr; i++)
        if (deadline_rule(p, active, i, r, v, t) && !p->instr[i].deadline_hard)
            c += p->instr[i].late_penalty_site_year;
    return c;
}

int deploy_deadline_t(const deploy_problem *p, uint32_t active, int r, int v)
{
    int d = -1;
    for (int i = 0; i < p->ninstr; i++) {
        int di = p->instr[i].removal_t < 0 ? 0 : p->instr[i].removal_t;
        if (di >= p->nyears || !deadline_rule(p, active, i, r, v, di))
            continue;
        if (d < 0 || di < d) d = di;
    }
    return d;
}

/* The same for non-radio units: exclusion i covers operator o's units of
 * kind k and vendor v (purchase stop from from_t, deadline removal_t). */
static bool unit_rule(const deploy_problem *p, uint32_t active, int i, int o,
                      int k, int v)
{
    const deploy_instr *in = &p->instr[i];
    return instr_on(active, i) && in->kind == DEPLOY_EXCLUDE &&
           (in->kinds >> k & 1u) && (in->operators >> o & 1u) &&
           (in->vendors >> v & 1u);
}

static bool unit_deadline(const deploy_problem *p, uint32_t active, int i,
                          int o, int k, int v, int t)
{
    return unit_rule(p, active, i, o, k, v) && p->instr[i].removal_t >= 0 &&
           t >= p->instr[i].removal_t;
}

static bool unit_replaceable(const deploy_problem *p, uint32_t active, int o,
                             int k)
{
    for (int w = 0; w < p->nvendors; w++)
        for (int t = 0; t < p->nyears; t++) {
            bool ok = true;
            for (int i = 0; i < p->ninstr && ok; i++)
                ok = !unit_rule(p, active, i, o, k, w) ||
                     (t < p->instr[i].from_t &&
                      !unit_deadline(p, active, i, o, k, w, t));
            if (ok) return true;
        }
    return false;
}

bool deploy_unit_hold_ok(const deploy_problem *p, uint32_t active, int o,
                         int k, int v, int t)
{
    for (int i = 0; i < p->ninstr; i++) {
        if (!unit_deadline(p, active, i, o, k, v, t)) continue;
        if (p->instr[i].deadline_hard || !unit_replaceable(p, active, o, k))
            return false;
    }
    return true;
}

double deploy_unit_late_penalty(const deploy_problem *p, uint32_t active,
                                int o, int k, int v, int t)
{
    double c = 0;
    for (int i = 0; i < p->ninstr; i++)
        if (unit_deadline(p, active, i, o, k, v, t) &&
            !p->instr[i].deadline_hard)
            c += p->instr[i].late_penalty_site_year;
    return c;
}

int deploy_unit_deadline_t(const deploy_problem *p, uint32_t active, int o,
                           int k, int v)
{
    int d = -1;
    for (int i = 0; i < p->ninstr; i++) {
        int di = p->instr[i].removal_t < 0 ? 0 : p->instr[i].removal_t;
        if (di >= p->nyears || !unit_deadline(p, active, i, o, k, v, di))
            continue;
        if (d < 0 || di < d) d = di;
    }
    return d;
}

bool deploy_subsidy_on(const deploy_problem *p, uint32_t active, int i, int o,
                       int t)
{
    if (i >= p->ninstr || !instr_on(active, i)) return false;
    const deploy_instr *in = &p->instr[i];
    return in->kind == DEPLOY_SUBSIDY && (in->operators >> o & 1u) &&
           t >= in->from_t && in->subsidy_share > 0;
}

/* Is instrument i an active core exclusion, in force within the horizon,
 * covering operator o and targeting vendor v? */
static bool core_rule(const deploy_problem *p, uint32_t active, int i, int o,
                      int v)
{
    const deploy_instr *in = &p->instr[i];
    return instr_on(active, i) && in->kind == DEPLOY_EXCLUDE && in->core &&
           (in->operators >> o & 1u) && (in->vendors >> v & 1u) &&
           in->from_t < p->nyears;
}

int deploy_core_swap_t(const deploy_problem *p, uint32_t active, int o, int v)
{
    int swap_t = -1;
    for (int i = 0; i < p->ninstr; i++) {
        int d = p->instr[i].removal_t;
        if (!core_rule(p, active, i, o, v) || d < 0 || d >= p->nyears) continue;
        if (swap_t < 0 || d < swap_t) swap_t = d;
    }
    return swap_t;
}

int deploy_core_replacement(const deploy_problem *p, uint32_t active, int o)
{
    int best = -1;
    for (int w = 0; w < p->nvendors; w++) {
        bool targeted = false;
        for (int i = 0; i < p->ninstr && !targeted; i++)
            targeted = core_rule(p, active, i, o, w);
        if (!targeted && (best < 0 || p->core_cost[w] < p->core_cost[best]))
            best = w;
    }
    return best;
}

bool deploy_core_ok(const deploy_problem *p, uint32_t active, int o, int v)
{
    /* The core is bought (or upgraded) in year index 0: a purchase stop
     * from a later year still lets the operator buy it. */
    for (int i = 0; i < p->ninstr; i++)
        if (core_rule(p, active, i, o, v) && p->instr[i].from_t <= 0)
            return false;
    return deploy_core_swap_t(p, active, o, v) < 0 ||
           deploy_core_replacement(p, active, o) >= 0;
}

double deploy_core_swap_cost(const deploy_problem *p, uint32_t active, int o,
                             int v)
{
    int t = deploy_core_swap_t(p, active, o, v);
    int w = deploy_core_replacement(p, active, o);
    if (t < 0 || w < 0) return 0.0;
    return deploy_discount(p->discount_rate, t) * p->core_cost[w];
}

/* Population of the regions operator o serves. */
double deploy_radio_premium(const deploy_problem *p, int v)
{
    double lo = p->ran_upgrade[0];
    for (int w = 1; w < p->nvendors; w++) lo = fmin(lo, p->ran_upgrade[w]);
    return p->ran_upgrade[v] - lo;
}

double deploy_market_population(const deploy_problem *p, int o)
{
    double pop = 0;
    for (int r = 0; r < p->nregions; r++)
        if (p->market[o] >> r & 1u) pop += p->population[r];
    return pop;
}

double deploy_mitigation_site(const deploy_problem *p, uint32_t active,
                              int r, int v, int t)
{
    double c = 0;
    for (int i = 0; i < p->ninstr; i++) {
        const deploy_instr *in = &p->instr[i];
        if (!instr_on(active, i) || in->kind != DEPLOY_MITIGATION) continue;
        if ((in->vendors >> v & 1u) && (in->regions >> r & 1u) &&
            t >= in->from_t)
            c += in->cost_site_year;
    }
    return c;
}

/* Does management rule i use the column (i, o, v) of the z block: active,
 * targeting v, with its deadline inside the horizon? The block is sized
 * for every instrument and otherwise serves only diversity rules. */
static bool management_col(const deploy_problem *p, uint32_t active, int i,
                           int v)
{
    if (i >= p->ninstr || !instr_on(active, i)) return false;
    const deploy_instr *in = &p->instr[i];
    return in->kind == DEPLOY_MANAGEMENT && (in->vendors >> v & 1u) &&
           in->removal_t < p->nyears;
}

/* ---- columns ------------------------------------------------------------- */

/* Early removals still ahead of their end of life at the horizon's end:
 * segment k holds those whose life ends in year index T + k (the last
 * segment every later one), costing the depreciation of the years past
 * the horizon, T to T + k - 1; removals beyond the installed base (kit
 * bought within the horizon) cost past it what the youngest installed
 * kit's do (the dearest segment that holds any), so that the program
 * fills the segments first. */
static void cols_age_tail(glp_prob *lp, const layout *L,
                          const deploy_problem *p, int o, int r, int v)
{
    double dep = deploy_depreciation(p, v), base = p->legacy[o][r][v];
    double cost = 0, dearest = 0;
    for (int k = 0; k < L->T; k++) {
        int e = L->T + k;
        double lo = deploy_due(p, o, r, v, e - 1);
        double hi = k == L->T - 1 ? base : deploy_due(p, o, r, v, e);
        if (k > 0) cost += dep * deploy_discount(p->discount_rate, e - 1);
        if (hi - lo > 0) dearest = cost;
        set_col(lp, col_age(L, L->base_seg, o, r, v, k), GLP_CV, 0,
                fmax(0.0, hi - lo), -cost);
    }
    /* only where the installed base has its rows (rows_age) */
    set_col(lp, col_sov(L, o, r, v), GLP_CV, 0, base > 0 ? INFINITY : 0,
            -dearest);
}

static void cols_orvt(glp_prob *lp, const layout *L, const deploy_problem *p,
                      uint32_t active, int o, int r, int v)
{
    double leg = deploy_legacy_total(p, o, r);
    double smax = deploy_stock_max(p, o, r);
    double q = p->site_equiv[o][r][v];
    bool served = p->market[o] >> r & 1u; /* no 5G where it sells none */
    for (int t = 0; t < L->T; t++) {
        double df = deploy_discount(p->discount_rate, t);
        bool buy = served && deploy_buy_ok(p, active, r, v, t);
        bool hold = deploy_hold_ok(p, active, r, v, t);
        /* what each site held at the end of the year costs besides opex:
         * mitigation, and the penalty of soft deadlines past due */
        double held = deploy_mitigation_site(p, active, r, v, t) +
                      deploy_late_penalty(p, active, r, v, t);
        /* Equipment age: every removal (swap or refresh) in year t
         * counts as ahead of schedule from t to the horizon's end, at the
         * depreciation per site and year; the constant of the objective
         * takes back what the schedule itself removes (age_objective). */
        double ahead = p->life > 0 ? -deploy_depreciation(p, v) *
                                         deploy_discount_tail(p, t)
                                   : 0.0;
        double up_c = -df * p->ran_upgrade[v],
               swap_c = -df * p->swap_site + ahead;
        set_col(lp, col4(L, F_UP, o, r, v, t), GLP_CV, 0, buy ? leg : 0, up_c);
        set_col(lp, col4(L, F_XL, o, r, v, t), GLP_CV, 0, leg, swap_c);
        set_col(lp, col4(L, F_X5, o, r, v, t), GLP_CV, 0, smax, swap_c);
        set_col(lp, col4(L, F_REP, o, r, v, t), GLP_CV, 0, buy ? smax : 0,
                up_c);
        set_col(lp, col4(L, F_NEW, o, r, v, t), GLP_CV, 0,
                buy ? p->sites_needed[o][r] / q + 1.0 : 0,
                -df * p->ran_new[v] -
                    p->new_site_opex_year * deploy_discount_tail(p, t));
        set_col(lp, col4(L, F_L, o, r, v, t), GLP_CV, 0, hold ? leg : 0,
                -df * (held + deploy_opex_legacy(p, v, t)));
        set_col(lp, col4(L, F_S, o, r, v, t), GLP_CV, 0, hold ? smax : 0,
                -df * (deploy_opex_site(p, v, t) + held));
        /* A legacy site re-equipped like for like (after a swap, or in the
         * normal refresh cycle) gets the cheapest vendor's radio within
         * the swap price (or the cycle every policy pays); a dearer
         * vendor costs its premium, so a restriction that rules out the
         * cheapest vendor pays for it and the vendor of a re-equipped
         * site is never an arbitrary tie (docs/model.md §4). */
        set_col(lp, col4(L, F_RL, o, r, v, t), GLP_CV, 0,
                deploy_swapin_ok(p, active, r, v, t) ? leg : 0,
                -df * deploy_radio_premium(p, v));
        if (p->life <= 0) continue;
        /* refreshes in the normal cycle: free to the program (every
         * policy pays them), at most what has reached its end of life */
        double due = deploy_due(p, o, r, v, t);
        set_col(lp, col_age(L, L->base_rf, o, r, v, t), GLP_CV, 0,
                due > 0 ? leg : 0, ahead);
        set_col(lp, col_age(L, L->base_rf5, o, r, v, t), GLP_CV, 0,
                due > 0 ? smax : 0, ahead);
        /* so far: removals at least, refreshes at most, what is due */
        bool base = p->legacy[o][r][v] > 0;
        set_col(lp, col_age(L, L->base_cq, o, r, v, t), GLP_CV, due,
                base ? INFINITY : 0, 0.0);
        set_col(lp, col_age(L, L->base_cr, o, r, v, t), GLP_CV, 0,
                base ? due : 0, 0.0);
    }
    if (p->life > 0) cols_age_tail(lp, L, p, o, r, v);
}

static void cols_binary(glp_prob *lp, const layout *L, const deploy_problem *p,
                        uint32_t active, int o)
{
    for (int v = 0; v < L->V; v++) {
        double dfi = deploy_discount(p->discount_rate,
                                     deploy_integration_t(p, v));
        for (int r = 0; r < L->R; r++) {
            double c = p->legacy[o][r][v] > 0 ? 0.0 : -dfi * p->integration[v];
            set_col(lp, col_y(L, o, r, v), GLP_BV, 0,
                    p->market[o] >> r & 1u ? 1 : 0, c);
        }
        double core = p->core_cost[v];
        if (v == p->core_vendor[o]) core *= p->core_upgrade_share;
        /* A core kept until a deadline brings its replacement with it: the
         * replacement has no other effect, so its cost is exact here. */
        core += deploy_core_swap_cost(p, active, o, v);
        set_col(lp, col_k(L, o, v), GLP_BV, 0,
                deploy_core_ok(p, active, o, v) ? 1 : 0, -core);
        for (int i = 0; i < DEPLOY_I; i++) {
            bool used = i < p->ninstr && instr_on(active, i) &&
                        p->instr[i].kind == DEPLOY_DIVERSITY &&
                        p->instr[i].vendors_min > 1;
            double c = 0.0;
            if (management_col(p, active, i, v)) {
                used = true;
                c = -deploy_discount(p->discount_rate,
                                     p->instr[i].removal_t) *
                    p->management_swap[v];
            }
            set_col(lp, col_z(L, i, o, v), GLP_BV, 0, used ? 1 : 0, c);
        }
    }
}

static void cols_other(glp_prob *lp, const layout *L, const deploy_problem *p,
                       int o)
{
    double pop = deploy_market_population(p, o);
    for (int t = 0; t < L->T; t++) {
        double df = deploy_discount(p->discount_rate, t);
        for (int r = 0; r < L->R; r++)
            set_col(lp, col_cov(L, o, r, t), GLP_CV, 0, 1,
                    df * (p->margin_user_year + p->quality_user_year[o]) *
                        p->users[o][r]);
        bool oblig = p->obligation_t[o] >= 0 && t >= p->obligation_t[o];
        set_col(lp, col_short(L, o, t), GLP_CV, 0, oblig ? 1 : 0,
                -df * p->penalty_pop_year * pop);
    }
}

/* Non-radio units of operator o: stock and swaps, by kind and vendor. */
static void cols_units(glp_prob *lp, const layout *L, const deploy_problem *p,
                       uint32_t active, int o)
{
    for (int k = 0; k < DEPLOY_K; k++)
        for (int v = 0; v < L->V; v++) {
            double n = p->units[o][k][v];
            for (int t = 0; t < L->T; t++) {
                double df = deploy_discount(p->discount_rate, t);
                bool hold = deploy_unit_hold_ok(p, active, o, k, v, t);
                set_col(lp, col_u(L, F_U, o, k, v, t), GLP_CV, 0,
                        hold ? n : 0,
                        -df * deploy_unit_late_penalty(p, active, o, k, v, t));
                set_col(lp, col_u(L, F_XU, o, k, v, t), GLP_CV, 0, n,
                        -df * p->unit_swap[k]);
            }
        }
}

/* Borrowing above a soft budget, and subsidies received. */
static void cols_money(glp_prob *lp, const layout *L, const deploy_problem *p,
                       uint32_t active, int o)
{
    double phi = p->budget_hard[o] ? 0.0 : deploy_financing_factor(p);
    for (int t = 0; t < L->T; t++) {
        double df = deploy_discount(p->discount_rate, t);
        set_col(lp, col_ov(L, o, t), GLP_CV, 0,
                p->budget_hard[o] ? 0 : INFINITY, -df * phi);
        for (int i = 0; i < DEPLOY_I; i++)
            set_col(lp, col_sub(L, i, o, t), GLP_CV, 0,
                    deploy_subsidy_on(p, active, i, o, t) ? INFINITY : 0, df);
    }
}

/* Is group g of licence obligation j in force in year t (it has regions
 * and the year has come)? */
static bool licence_on(const layout *L, const deploy_licence *l, int g, int t)
{
    if (t < l->from_t) return false;
    for (int r = 0; r < L->R; r++)
        if (deploy_licence_in(l, g, r)) return true;
    return false;
}

/* Shortfalls of the licence obligations, each penalised a year at
 * penalty_year per unit; 0 where an obligation is hard or not in force. */
static void cols_licence(glp_prob *lp, const layout *L,
                         const deploy_problem *p)
{
    for (int j = 0; j < p->nlicence; j++) {
        const deploy_licence *l = &p->licence[j];
        for (int g = 0; g < L->R; g++)
            for (int t = 0; t < L->T; t++) {
                bool on = licence_on(L, l, g, t) && !l->hard;
                double df = deploy_discount(p->discount_rate, t);
                set_col(lp, col_lic(L, j, g, t), GLP_CV, 0, on ? 1 : 0,
                        on ? -df * l->penalty_year : 0);
            }
    }
}

static void build_cols(glp_prob *lp, const layout *L, const deploy_problem *p,
                       uint32_t active)
{
    glp_add_cols(lp, L->ncols);
    for (int o = 0; o < L->O; o++) {
        for (int r = 0; r < L->R; r++)
            for (int v = 0; v < L->V; v++) cols_orvt(lp, L, p, active, o, r, v);
        cols_binary(lp, L, p, active, o);
        cols_other(lp, L, p, o);
        cols_units(lp, L, p, active, o);
        cols_money(lp, L, p, active, o);
    }
    cols_licence(lp, L, p);
}

/* ---- rows ---------------------------------------------------------------- */

/* Stock flows of one (o, r, v) over the years. */
static void rows_stock(glp_prob *lp, row_buf *b, const layout *L,
                       const deploy_problem *p, int o, int r, int v)
{
    double leg = p->legacy[o][r][v];
    double smax = deploy_stock_max(p, o, r);
    for (int t = 0; t < L->T; t++) {
        /* L_t - L_{t-1} + UP_t + XL_t - RL_t = 0, L_{-1} = installed base */
        row_push(b, col4(L, F_L, o, r, v, t), 1.0);
        if (t > 0) row_push(b, col4(L, F_L, o, r, v, t - 1), -1.0);
        row_push(b, col4(L, F_UP, o, r, v, t), 1.0);
        row_push(b, col4(L, F_XL, o, r, v, t), 1.0);
        row_push(b, col4(L, F_RL, o, r, v, t), -1.0);
        if (p->life > 0) row_push(b, col_age(L, L->base_rf, o, r, v, t), 1.0);
        /* the installed 5G sites start in the 5G stock */
        double s5 = p->installed_5g[o][r][v];
        double rhs = t == 0 ? leg - s5 : 0.0;
        row_add(lp, b, GLP_FX, rhs, rhs);
        /* S_t - S_{t-1} - UP_t - REP_t - NEW_t + X5_t = 0, S_{-1} = 0 */
        row_push(b, col4(L, F_S, o, r, v, t), 1.0);
        if (t > 0) row_push(b, col4(L, F_S, o, r, v, t - 1), -1.0);
        row_push(b, col4(L, F_UP, o, r, v, t), -1.0);
        row_push(b, col4(L, F_REP, o, r, v, t), -1.0);
        row_push(b, col4(L, F_NEW, o, r, v, t), -1.0);
        row_push(b, col4(L, F_X5, o, r, v, t), 1.0);
        if (p->life > 0) row_push(b, col_age(L, L->base_rf5, o, r, v, t), 1.0);
        rhs = t == 0 ? s5 : 0.0;
        row_add(lp, b, GLP_FX, rhs, rhs);
        /* S_t <= M y: 5G equipment only from vendors chosen for r */
        row_push(b, col4(L, F_S, o, r, v, t), 1.0);
        row_push(b, col_y(L, o, r, v), -smax);
        row_add(lp, b, GLP_UP, 0.0, 0.0);
    }
}

/* Swapped sites are re-equipped like for like (legacy for legacy, 5G for
 * 5G); coverage from 5G site-equivalents. */
static void rows_region(glp_prob *lp, row_buf *b, const layout *L,
                        const deploy_problem *p, int o, int r)
{
    for (int t = 0; t < L->T; t++) {
        for (int v = 0; v < L->V; v++) {
            row_push(b, col4(L, F_RL, o, r, v, t), 1.0);
            row_push(b, col4(L, F_XL, o, r, v, t), -1.0);
            if (p->life > 0)
                row_push(b, col_age(L, L->base_rf, o, r, v, t), -1.0);
        }
        row_add(lp, b, GLP_FX, 0.0, 0.0);
        for (int v = 0; v < L->V; v++) {
            row_push(b, col4(L, F_REP, o, r, v, t), 1.0);
            row_push(b, col4(L, F_X5, o, r, v, t), -1.0);
            if (p->life > 0)
                row_push(b, col_age(L, L->base_rf5, o, r, v, t), -1.0);
        }
        row_add(lp, b, GLP_FX, 0.0, 0.0);
        row_push(b, col_cov(L, o, r, t), p->sites_needed[o][r]);
        for (int v = 0; v < L->V; v++)
            row_push(b, col4(L, F_S, o, r, v, t), -p->site_equiv[o][r][v]);
        row_add(lp, b, GLP_UP, 0.0, 0.0);
    }
    for (int v = 0; v < L->V; v++) row_push(b, col_y(L, o, r, v), 1.0);
    row_add(lp, b, GLP_UP, 0.0, p->vendors_per_region_max[o]);
}

/* Core choice, capex budget (net of subsidy, plus any borrowing) and
 * licence obligation of operator o. */
static void rows_operator(glp_prob *lp, row_buf *b, const layout *L,
                          const deploy_problem *p, uint32_t active, int o)
{
    for (int v = 0; v < L->V; v++) row_push(b, col_k(L, o, v), 1.0);
    row_add(lp, b, GLP_FX, 1.0, 1.0);
    double pop = deploy_market_population(p, o);
    for (int t = 0; t < L->T; t++) {
        for (int r = 0; r < L->R; r++)
            for (int v = 0; v < L->V; v++) {
                row_push(b, col4(L, F_UP, o, r, v, t), p->ran_upgrade[v]);
                row_push(b, col4(L, F_REP, o, r, v, t), p->ran_upgrade[v]);
                row_push(b, col4(L, F_NEW, o, r, v, t), p->ran_new[v]);
                row_push(b, col4(L, F_XL, o, r, v, t), p->swap_site);
                row_push(b, col4(L, F_X5, o, r, v, t), p->swap_site);
                if (deploy_integration_t(p, v) == t && p->legacy[o][r][v] <= 0)
                    row_push(b, col_y(L, o, r, v), p->integration[v]);
            }
        for (int k = 0; k < DEPLOY_K; k++)
            for (int v = 0; v < L->V; v++)
                if (p->units[o][k][v] > 0)
                    row_push(b, col_u(L, F_XU, o, k, v, t), p->unit_swap[k]);
        for (int i = 0; i < p->ninstr; i++)
            if (deploy_subsidy_on(p, active, i, o, t))
                row_push(b, col_sub(L, i, o, t), -1.0);
        row_push(b, col_ov(L, o, t), -1.0);
        row_add(lp, b, GLP_UP, 0.0, p->budget[o][t]);
        if (p->obligation_t[o] < 0 || t < p->obligation_t[o]) continue;
        for (int r = 0; r < L->R; r++)
            if (p->market[o] >> r & 1u)
                row_push(b, col_cov(L, o, r, t), p->population[r] / pop);
        row_push(b, col_short(L, o, t), 1.0);
        row_add(lp, b, GLP_LO, p->obligation_share[o], 0.0);
    }
}

/* Market-wide delivery capacity of each vendor and year. */
static void rows_capacity(glp_prob *lp, row_buf *b, const layout *L,
                          const deploy_problem *p)
{
    for (int v = 0; v < L->V; v++)
        for (int t = 0; t < L->T; t++) {
            for (int o = 0; o < L->O; o++)
                for (int r = 0; r < L->R; r++) {
                    row_push(b, col4(L, F_UP, o, r, v, t), 1.0);
                    row_push(b, col4(L, F_REP, o, r, v, t), 1.0);
                    row_push(b, col4(L, F_NEW, o, r, v, t), 1.0);
                }
            /* ramp-up: a share of the deliveries lag years before */
            int tl = t - p->capacity_lag[v];
            if (p->capacity_growth[v] > 0 && tl >= 0)
                for (int o = 0; o < L->O; o++)
                    for (int r = 0; r < L->R; r++) {
                        double g = -p->capacity_growth[v];
                        row_push(b, col4(L, F_UP, o, r, v, tl), g);
                        row_push(b, col4(L, F_REP, o, r, v, tl), g);
                        row_push(b, col4(L, F_NEW, o, r, v, tl), g);
                    }
            row_add(lp, b, GLP_UP, 0.0, deploy_capacity(p, v, t));
        }
}

/* Equipment age of (o, r, v): the removals (swaps and refreshes, legacy
 * and 5G) and the refreshes so far, whose bounds say that by the end of
 * each year t the removals reach at least what has reached its end of
 * life, E(t), and the refreshes at most that; at the horizon's end the
 * removals ahead of schedule fill the tail segments. */
static void rows_age(glp_prob *lp, row_buf *b, const layout *L,
                     const deploy_problem *p, int o, int r, int v)
{
    if (p->legacy[o][r][v] <= 0) return;
    for (int t = 0; t < L->T; t++) {
        row_push(b, col_age(L, L->base_cq, o, r, v, t), 1.0);
        if (t > 0) row_push(b, col_age(L, L->base_cq, o, r, v, t - 1), -1.0);
        row_push(b, col4(L, F_XL, o, r, v, t), -1.0);
        row_push(b, col4(L, F_X5, o, r, v, t), -1.0);
        row_push(b, col_age(L, L->base_rf, o, r, v, t), -1.0);
        row_push(b, col_age(L, L->base_rf5, o, r, v, t), -1.0);
        row_add(lp, b, GLP_FX, 0.0, 0.0);
        row_push(b, col_age(L, L->base_cr, o, r, v, t), 1.0);
        if (t > 0) row_push(b, col_age(L, L->base_cr, o, r, v, t - 1), -1.0);
        row_push(b, col_age(L, L->base_rf, o, r, v, t), -1.0);
        row_push(b, col_age(L, L->base_rf5, o, r, v, t), -1.0);
        row_add(lp, b, GLP_FX, 0.0, 0.0);
    }
    double due = deploy_due(p, o, r, v, L->T - 1);
    row_push(b, col_age(L, L->base_cq, o, r, v, L->T - 1), 1.0);
    for (int k = 0; k < L->T; k++)
        row_push(b, col_age(L, L->base_seg, o, r, v, k), -1.0);
    row_push(b, col_sov(L, o, r, v), -1.0);
    row_add(lp, b, GLP_FX, due, due);
}

/* The constant of the objective that makes the equipment-age terms the
 * depreciation of removals ahead of schedule: + dep sum_t df_t E(t). */
static double age_objective(const deploy_problem *p)
{
    double c = 0;
    for (int o = 0; o < p->noperators; o++)
        for (int r = 0; r < p->nregions; r++)
            for (int v = 0; v < p->nvendors; v++) {
                if (p->legacy[o][r][v] <= 0) continue;
                double dep = deploy_depreciation(p, v);
                for (int t = 0; t < p->nyears; t++)
                    c += dep * deploy_discount(p->discount_rate, t) *
                         deploy_due(p, o, r, v, t);
            }
    return c;
}

/* Push (L + S) of every vendor, regions in `rmask`, operator o (or all
 * operators when o < 0), year t, with coefficient c_in for vendors in
 * `vmask` and c_out for the others: share rows without repeated columns. */
static void push_sites(row_buf *b, const layout *L, int o, uint32_t vmask,
                       uint32_t rmask, int t, double c_in, double c_out)
{
    int o0 = o < 0 ? 0 : o, o1 = o < 0 ? L->O : o + 1;
    for (int oo = o0; oo < o1; oo++)
        for (int r = 0; r < L->R; r++) {
            if (!(rmask >> r & 1u)) continue;
            for (int v = 0; v < L->V; v++) {
                double c = (vmask >> v & 1u) ? c_in : c_out;
                if (c == 0.0) continue;
                row_push(b, col4(L, F_L, oo, r, v, t), c);
                row_push(b, col4(L, F_S, oo, r, v, t), c);
            }
        }
}

/* Share of targeted vendors' sites <= share_max, per operator or nation. */
static void rows_cap(glp_prob *lp, row_buf *b, const layout *L,
                     const deploy_instr *in)
{
    int first = in->national ? -1 : 0, last = in->national ? -1 : L->O - 1;
    for (int o = first; o <= last; o++)
        for (int t = in->from_t < 0 ? 0 : in->from_t; t < L->T; t++) {
            push_sites(b, L, o, in->vendors, in->regions, t,
                       1.0 - in->share_max, -in->share_max);
            row_add(lp, b, GLP_UP, 0.0, 0.0);
        }
}

/* Max share of any one vendor, and min number of vendors that each hold at
 * least share_min of the operator's sites in scope. */
static void rows_diversity(glp_prob *lp, row_buf *b, const layout *L,
                           const deploy_problem *p, int i)
{
    const deploy_instr *in = &p->instr[i];
    for (int o = 0; o < L->O; o++) {
        double big = 0;
        for (int r = 0; r < L->R; r++)
            if (in->regions >> r & 1u) big += deploy_stock_max(p, o, r);
        for (int t = in->from_t < 0 ? 0 : in->from_t; t < L->T; t++)
            for (int v = 0; v < L->V; v++) {
                if (in->share_max < 1.0) {
                    push_sites(b, L, o, 1u << v, in->regions, t,
                               1.0 - in->share_max, -in->share_max);
                    row_add(lp, b, GLP_UP, 0.0, 0.0);
                }
                if (in->vendors_min <= 1) continue;
                /* z = 1 => sites_v >= share_min * total */
                push_sites(b, L, o, 1u << v, in->regions, t,
                           in->share_min - 1.0, in->share_min);
                row_push(b, col_z(L, i, o, v), big);
                row_add(lp, b, GLP_UP, 0.0, big);
            }
        if (in->vendors_min <= 1) continue;
        for (int v = 0; v < L->V; v++) row_push(b, col_z(L, i, o, v), 1.0);
        row_add(lp, b, GLP_LO, in->vendors_min, 0.0);
    }
}

/* Management rule i: an operator that still has sites of a targeted vendor
 * in the rule's regions in any year from the deadline on has replaced that
 * vendor's management system (m = 1, cost in the objective). */
static void rows_management(glp_prob *lp, row_buf *b, const layout *L,
                            const deploy_problem *p, int i)
{
    const deploy_instr *in = &p->instr[i];
    for (int o = 0; o < L->O; o++)
        for (int v = 0; v < L->V; v++) {
            if (!(in->vendors >> v & 1u)) continue;
            double big = 0; /* bounds L + S of v over the regions */
            for (int r = 0; r < L->R; r++)
                if (in->regions >> r & 1u)
                    big += p->legacy[o][r][v] + deploy_stock_max(p, o, r);
            if (big <= 0) continue;
            for (int t = in->removal_t; t < L->T; t++) {
                push_sites(b, L, o, 1u << v, in->regions, t, 1.0, 0.0);
                row_push(b, col_z(L, i, o, v), -big);
                row_add(lp, b, GLP_UP, 0.0, 0.0);
            }
        }
}

/* Stock flows of operator o's non-radio units:
 * U_t - U_{t-1} + XU_t = 0, U_{-1} = installed units. */
static void rows_units(glp_prob *lp, row_buf *b, const layout *L,
                       const deploy_problem *p, int o)
{
    for (int k = 0; k < DEPLOY_K; k++)
        for (int v = 0; v < L->V; v++) {
            double n = p->units[o][k][v];
            if (n <= 0) continue;
            for (int t = 0; t < L->T; t++) {
                row_push(b, col_u(L, F_U, o, k, v, t), 1.0);
                if (t > 0) row_push(b, col_u(L, F_U, o, k, v, t - 1), -1.0);
                row_push(b, col_u(L, F_XU, o, k, v, t), 1.0);
                double rhs = t == 0 ? n : 0.0;
                row_add(lp, b, GLP_FX, rhs, rhs);
            }
        }
}

/* Subsidy i: what it pays an eligible operator in a year is at most its
 * share of that year's swap spending on covered equipment, and what it
 * pays in all is within its yearly and total funds. */
static void rows_subsidy(glp_prob *lp, row_buf *b, const layout *L,
                         const deploy_problem *p, uint32_t active, int i)
{
    const deploy_instr *in = &p->instr[i];
    for (int o = 0; o < L->O; o++)
        for (int t = 0; t < L->T; t++) {
            if (!deploy_subsidy_on(p, active, i, o, t)) continue;
            row_push(b, col_sub(L, i, o, t), 1.0);
            double c = -in->subsidy_share * p->swap_site;
            for (int r = 0; r < L->R; r++)
                for (int v = 0; v < L->V; v++)
                    if ((in->regions >> r & 1u) && (in->vendors >> v & 1u)) {
                        row_push(b, col4(L, F_XL, o, r, v, t), c);
                        row_push(b, col4(L, F_X5, o, r, v, t), c);
                    }
            for (int k = 0; k < DEPLOY_K; k++)
                for (int v = 0; v < L->V; v++)
                    if ((in->kinds >> k & 1u) && (in->vendors >> v & 1u) &&
                        p->units[o][k][v] > 0)
                        row_push(b, col_u(L, F_XU, o, k, v, t),
                                 -in->subsidy_share * p->unit_swap[k]);
            row_add(lp, b, GLP_UP, 0.0, 0.0);
        }
    for (int t = 0; in->fund_year > 0 && t < L->T; t++) {
        for (int o = 0; o < L->O; o++)
            if (deploy_subsidy_on(p, active, i, o, t))
                row_push(b, col_sub(L, i, o, t), 1.0);
        row_add(lp, b, GLP_UP, 0.0, in->fund_year);
    }
    if (in->fund_total <= 0) return;
    for (int o = 0; o < L->O; o++)
        for (int t = 0; t < L->T; t++)
            if (deploy_subsidy_on(p, active, i, o, t))
                row_push(b, col_sub(L, i, o, t), 1.0);
    row_add(lp, b, GLP_UP, 0.0, in->fund_total);
}

/* Licence obligation j, group g, year t: the weighted coverage of the
 * group plus the shortfall reaches the target share; or its 5G sites plus
 * target × shortfall reach the target count. */
static void rows_licence(glp_prob *lp, row_buf *b, const layout *L,
                         const deploy_problem *p, int j)
{
    const deploy_licence *l = &p->licence[j];
    int o = l->op;
    for (int g = 0; g < L->R; g++) {
        double w = 0;
        for (int r = 0; r < L->R; r++)
            if (deploy_licence_in(l, g, r)) w += l->weight[r];
        for (int t = 0; t < L->T; t++) {
            if (!licence_on(L, l, g, t) || (!l->sites && w <= 0)) continue;
            for (int r = 0; r < L->R; r++) {
                if (!deploy_licence_in(l, g, r)) continue;
                if (!l->sites) {
                    row_push(b, col_cov(L, o, r, t), l->weight[r] / w);
                    continue;
                }
                for (int v = 0; v < L->V; v++)
                    row_push(b, col4(L, F_S, o, r, v, t), 1.0);
            }
            row_push(b, col_lic(L, j, g, t), l->sites ? l->target : 1.0);
            row_add(lp, b, GLP_LO, l->target, 0.0);
        }
    }
}

static void build_rows(glp_prob *lp, row_buf *b, const layout *L,
                       const deploy_problem *p, uint32_t active)
{
    for (int o = 0; o < L->O; o++) {
        for (int r = 0; r < L->R; r++) {
            for (int v = 0; v < L->V; v++) rows_stock(lp, b, L, p, o, r, v);
            rows_region(lp, b, L, p, o, r);
            for (int v = 0; p->life > 0 && v < L->V; v++)
                rows_age(lp, b, L, p, o, r, v);
        }
        rows_operator(lp, b, L, p, active, o);
        rows_units(lp, b, L, p, o);
    }
    rows_capacity(lp, b, L, p);
    for (int i = 0; i < p->ninstr; i++) {
        if (!instr_on(active, i)) continue;
        if (p->instr[i].kind == DEPLOY_CAP) rows_cap(lp, b, L, &p->instr[i]);
        if (p->instr[i].kind == DEPLOY_DIVERSITY) rows_diversity(lp, b, L, p, i);
        if (p->instr[i].kind == DEPLOY_MANAGEMENT)
            rows_management(lp, b, L, p, i);
        if (p->instr[i].kind == DEPLOY_SUBSIDY)
            rows_subsidy(lp, b, L, p, active, i);
    }
    for (int j = 0; j < p->nlicence; j++) rows_licence(lp, b, L, p, j);
}

/* ---- names, for programs written to files -------------------------------- */

static void name_cols(glp_prob *lp, const layout *L, const deploy_problem *p)
{
    static const char *const fam[F_ORVT] = {"up", "xl", "x5", "rep", "new",
                                            "L",  "S",  "rl"};
    static const char *const ufam[F_OKVT] = {"U", "xu"};
    char nm[64];
    for (int o = 0; o < L->O; o++) {
        for (int r = 0; r < L->R; r++) {
            for (int v = 0; v < L->V; v++) {
                for (int t = 0; t < L->T; t++)
                    for (int f = 0; f < F_ORVT; f++) {
                        snprintf(nm, sizeof nm, "%s_o%d_r%d_v%d_t%d", fam[f],
                                 o, r, v, t);
                        glp_set_col_name(lp, col4(L, f, o, r, v, t), nm);
                    }
                snprintf(nm, sizeof nm, "y_o%d_r%d_v%d", o, r, v);
                glp_set_col_name(lp, col_y(L, o, r, v), nm);
                if (p->life <= 0) continue;
                for (int t = 0; t < L->T; t++) {
                    snprintf(nm, sizeof nm, "rf_o%d_r%d_v%d_t%d", o, r, v, t);
                    glp_set_col_name(lp, col_age(L, L->base_rf, o, r, v, t), nm);
                    snprintf(nm, sizeof nm, "rf5_o%d_r%d_v%d_t%d", o, r, v, t);
                    glp_set_col_name(lp, col_age(L, L->base_rf5, o, r, v, t), nm);
                    snprintf(nm, sizeof nm, "ahead_o%d_r%d_v%d_k%d", o, r, v, t);
                    glp_set_col_name(lp, col_age(L, L->base_seg, o, r, v, t), nm);
                    snprintf(nm, sizeof nm, "removed_o%d_r%d_v%d_t%d", o, r, v, t);
                    glp_set_col_name(lp, col_age(L, L->base_cq, o, r, v, t), nm);
                    snprintf(nm, sizeof nm, "refreshed_o%d_r%d_v%d_t%d", o, r, v, t);
                    glp_set_col_name(lp, col_age(L, L->base_cr, o, r, v, t), nm);
                }
                snprintf(nm, sizeof nm, "beyond_o%d_r%d_v%d", o, r, v);
                glp_set_col_name(lp, col_sov(L, o, r, v), nm);
                if (o == 0 && r == 0 && v == 0)
                    glp_set_col_name(lp, L->base_one, "age_constant");
            }
            for (int t = 0; t < L->T; t++) {
                snprintf(nm, sizeof nm, "cov_o%d_r%d_t%d", o, r, t);
                glp_set_col_name(lp, col_cov(L, o, r, t), nm);
            }
        }
        for (int v = 0; v < L->V; v++) {
            snprintf(nm, sizeof nm, "core_o%d_v%d", o, v);
            glp_set_col_name(lp, col_k(L, o, v), nm);
            for (int i = 0; i < DEPLOY_I; i++) {
                bool mgmt = i < p->ninstr &&
                            p->instr[i].kind == DEPLOY_MANAGEMENT;
                snprintf(nm, sizeof nm, "%s_i%d_o%d_v%d", mgmt ? "mgmt" : "z",
                         i, o, v);
                glp_set_col_name(lp, col_z(L, i, o, v), nm);
            }
        }
        for (int t = 0; t < L->T; t++) {
            snprintf(nm, sizeof nm, "short_o%d_t%d", o, t);
            glp_set_col_name(lp, col_short(L, o, t), nm);
            snprintf(nm, sizeof nm, "over_o%d_t%d", o, t);
            glp_set_col_name(lp, col_ov(L, o, t), nm);
            for (int i = 0; i < DEPLOY_I; i++) {
                snprintf(nm, sizeof nm, "sub_i%d_o%d_t%d", i, o, t);
                glp_set_col_name(lp, col_sub(L, i, o, t), nm);
            }
            for (int k = 0; k < DEPLOY_K; k++)
                for (int v = 0; v < L->V; v++)
                    for (int f = 0; f < F_OKVT; f++) {
                        snprintf(nm, sizeof nm, "%s_o%d_k%d_v%d_t%d", ufam[f],
                                 o, k, v, t);
                        glp_set_col_name(lp, col_u(L, f, o, k, v, t), nm);
                    }
        }
    }
    for (int j = 0; j < p->nlicence; j++)
        for (int g = 0; g < L->R; g++)
            for (int t = 0; t < L->T; t++) {
                snprintf(nm, sizeof nm, "lic_j%d_g%d_t%d", j, g, t);
                glp_set_col_name(lp, col_lic(L, j, g, t), nm);
            }
}

/* Build the program for `active` instruments in a new problem object,
 * with `b` as scratch; the caller deletes it with glp_delete_prob. */
static glp_prob *build(const deploy_problem *p, uint32_t active, layout *L,
                       row_buf *b, bool named)
{
    layout_init(L, p);
    glp_prob *lp = glp_create_prob();
    glp_set_prob_name(lp, "specsim_rollout");
    glp_set_obj_name(lp, "operators_npv");
    glp_set_obj_dir(lp, GLP_MAX);
    b->n = 0;
    build_cols(lp, L, p, active);
    build_rows(lp, b, L, p, active);
    if (p->life > 0)
        set_col(lp, L->base_one, GLP_CV, 1.0, 1.0, age_objective(p));
    if (named) name_cols(lp, L, p);
    return lp;
}

/* Are the program's numbers within what GLPK handles? Otherwise the
 * offence in `diag`, naming the column as `specsim lp` does: a program
 * solved without names is built again with them, on this rare path. */
static bool check_program(glp_prob *lp, const deploy_problem *p,
                          uint32_t active, row_buf *b, char *diag,
                          size_t len)
{
    char why[SPECSIM_ERRMSG_MAX - 64];
    if (mip_check_program(lp, why, sizeof why)) return true;
    if (glp_get_col_name(lp, 1) == NULL) {
        layout L;
        glp_prob *named = build(p, active, &L, b, true);
        mip_check_program(named, why, sizeof why);
        glp_delete_prob(named);
    }
    snprintf(diag, len, "rollout program: %s", why);
    return false;
}

/* ---- solving ------------------------------------------------------------- */

/* Solve; returns the deploy_status and leaves the solution in lp. */
static deploy_status run_glpk(glp_prob *lp, const deploy_problem *p,
                              deploy_result *res)
{
    glp_iocp parm;
    mip_rollout_parm(&parm, p->mip_gap);
    /* The cover and clique generators print to the terminal whatever the
     * message level; mip_guard silences this thread's GLPK output. */
    mip_end end;
    int rc = mip_intopt(lp, &parm, p->node_limit, p->stop, &end,
                        &res->nodes, &res->solve_seconds);
    if (end == MIP_STOPPED) {
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "interrupted after %ld branch-and-bound nodes", res->nodes);
        return DEPLOY_INTERRUPTED;
    }
    if (rc == GLP_ENOPFS) return DEPLOY_INFEASIBLE;
    /* GLP_EMIPGAP: stopped because the relative gap fell below mip_gap,
     * which is the requested precision, not a failure. */
    bool within_gap = rc == 0 || rc == GLP_EMIPGAP;
    if (!within_gap && rc != GLP_ESTOP) {
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "GLPK glp_intopt failed with return code %d", rc);
        return DEPLOY_FAILED;
    }
    int st = glp_mip_status(lp);
    if (st == GLP_OPT || (st == GLP_FEAS && within_gap)) return DEPLOY_OPTIMAL;
    if (st == GLP_FEAS) return DEPLOY_LIMIT;
    if (st == GLP_NOFEAS) return DEPLOY_INFEASIBLE;
    if (rc == GLP_ESTOP) {
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "node limit (%ld) reached before any feasible plan was "
                 "found", p->node_limit);
        return DEPLOY_LIMIT_NOPLAN;
    }
    snprintf(res->diagnosis, sizeof res->diagnosis,
             "GLPK returned MIP status %d", st);
    return DEPLOY_FAILED;
}

/* Which operators replace which vendors' management systems. */
static void extract_management(const double *x, const layout *L,
                               const deploy_problem *p, uint32_t active,
                               deploy_result *res)
{
    memset(res->management_swap, 0, sizeof res->management_swap);
    for (int i = 0; i < p->ninstr; i++)
        for (int o = 0; o < L->O; o++)
            for (int v = 0; v < L->V; v++)
                if (management_col(p, active, i, v) &&
                    x[col_z(L, i, o, v)] > 0.5)
                    res->management_swap[i][o] |= 1u << v;
}

/* A column's value with the solver's round-off below a site's billionth
 * set to zero, so that a quantity the plan does not use reads as 0. */
static double col_val(const double *x, int j)
{
    return fabs(x[j]) < 1e-9 ? 0.0 : x[j];
}

/* Read the plan of a solved program, its columns' values x[1..ncols] and
 * its optimum, into res. */
static void extract(const double *x, double objective, const layout *L,
                    deploy_result *res)
{
    res->objective = objective;
    for (int o = 0; o < L->O; o++) {
        for (int r = 0; r < L->R; r++)
            for (int v = 0; v < L->V; v++) {
                for (int t = 0; t < L->T; t++) {
#define VAL(f) col_val(x, col4(L, f, o, r, v, t))
                    res->upgraded[o][r][v][t] = VAL(F_UP) + VAL(F_REP);
                    res->built[o][r][v][t] = VAL(F_NEW);
                    res->swapped[o][r][v][t] = VAL(F_XL) + VAL(F_X5);
                    res->swapped_in[o][r][v][t] = VAL(F_RL);
                    res->stock_legacy[o][r][v][t] = VAL(F_L);
                    res->stock_5g[o][r][v][t] = VAL(F_S);
                    res->refreshed[o][r][v][t] =
                        L->base_rf > 0
                            ? col_val(x, col_age(L, L->base_rf, o, r, v, t)) +
                                  col_val(x, col_age(L, L->base_rf5, o, r, v, t))
                            : 0.0;
#undef VAL
                }
                res->vendor_used[o][r][v] =
                    x[col_y(L, o, r, v)] > 0.5;
            }
        res->core_choice[o] = -1;
        for (int v = 0; v < L->V; v++)
            if (x[col_k(L, o, v)] > 0.5) res->core_choice[o] = v;
        for (int t = 0; t < L->T; t++) {
            res->short_year[o][t] = x[col_short(L, o, t)];
            res->subsidy[o][t] = 0;
            for (int i = 0; i < DEPLOY_I; i++)
                res->subsidy[o][t] += col_val(x, col_sub(L, i, o, t));
            for (int k = 0; k < DEPLOY_K; k++)
                for (int v = 0; v < L->V; v++) {
                    res->unit_stock[o][k][v][t] =
                        col_val(x, col_u(L, F_U, o, k, v, t));
                    res->unit_swapped[o][k][v][t] =
                        col_val(x, col_u(L, F_XU, o, k, v, t));
                }
        }
    }
}

/* One solve: everything between creating the problem object and deleting
 * it, run under mip_guard. */
typedef struct {
    const deploy_problem *p;
    uint32_t active;
    deploy_result *res;
    row_buf *b;
    deploy_status st;
} solve_job;

/* The digest by which p->memo knows a program: SHA-256 of its layout,
 * the solver settings, and every number GLPK is given (deploy_memo). */
static void program_digest(glp_prob *lp, const layout *L,
                           const deploy_problem *p, unsigned char d[32])
{
    struct sha256_ctx h;
    sha256_init(&h);
#define ADD(v) sha256_update(&h, sizeof(v), (const uint8_t *)&(v))
    ADD(*L);
    ADD(p->mip_gap);
    ADD(p->node_limit);
    int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
    ADD(m);
    ADD(n);
    int dir = glp_get_obj_dir(lp);
    ADD(dir);
    for (int i = 1; i <= m; i++) {
        int type = glp_get_row_type(lp, i);
        double lb = glp_get_row_lb(lp, i), ub = glp_get_row_ub(lp, i);
        ADD(type); ADD(lb); ADD(ub);
    }
    int *ind = malloc(((size_t)m + 1) * sizeof *ind);
    double *val = malloc(((size_t)m + 1) * sizeof *val);
    SPECSIM_ASSERT(ind != NULL && val != NULL);
    for (int j = 0; j <= n; j++) {
        double c = glp_get_obj_coef(lp, j);
        ADD(c);
        if (j == 0) continue;
        int kind = glp_get_col_kind(lp, j), type = glp_get_col_type(lp, j);
        double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j);
        ADD(kind); ADD(type); ADD(lb); ADD(ub);
        int len = glp_get_mat_col(lp, j, ind, val);
        ADD(len);
        sha256_update(&h, (size_t)len * sizeof *ind, (const uint8_t *)(ind + 1));
        sha256_update(&h, (size_t)len * sizeof *val, (const uint8_t *)(val + 1));
    }
#undef ADD
    free(ind);
    free(val);
    sha256_digest(&h, SHA256_DIGEST_SIZE, d);
}

/* Statuses whose solution is kept for reuse: those GLPK reaches the
 * same way every time and that carry no message of the solve (an
 * interrupt, a failure or a search stopped before any plan is not kept). */
static bool keepable(deploy_status st)
{
    return st == DEPLOY_OPTIMAL || st == DEPLOY_LIMIT ||
           st == DEPLOY_INFEASIBLE;
}

/* Solve lp, or take its solution from p->memo, into x[1..ncols] and
 * *objective; keeps a new solution in p->memo. */
static deploy_status solve_or_reuse(glp_prob *lp, const layout *L,
                                    const deploy_problem *p,
                                    deploy_result *res, double *x,
                                    double *objective)
{
    const deploy_memo *memo = p->memo;
    int n = glp_get_num_cols(lp);
    unsigned char d[SHA256_DIGEST_SIZE];
    if (memo != NULL) {
        program_digest(lp, L, p, d);
        int st;
        long nodes;
        if (memo->find(memo->ctx, d, n, x, &st, objective, &nodes)) {
            res->reused = 1;
            return (deploy_status)st;
        }
    }
    deploy_status st = run_glpk(lp, p, res);
    bool plan = st == DEPLOY_OPTIMAL || st == DEPLOY_LIMIT;
    for (int j = 1; j <= n; j++) x[j] = plan ? glp_mip_col_val(lp, j) : 0.0;
    *objective = plan ? glp_mip_obj_val(lp) : 0.0;
    if (memo != NULL && keepable(st))
        memo->keep(memo->ctx, d, n, x, (int)st, *objective, res->nodes);
    return st;
}

static void solve_work(void *ctx)
{
    solve_job *j = ctx;
    layout L;
    glp_prob *lp = build(j->p, j->active, &L, j->b, false);
    double *x = malloc(((size_t)glp_get_num_cols(lp) + 1) * sizeof *x);
    SPECSIM_ASSERT(x != NULL);
    double objective = 0;
    if (!check_program(lp, j->p, j->active, j->b, j->res->diagnosis,
                       sizeof j->res->diagnosis))
        j->st = DEPLOY_INVALID;
    else
        j->st = solve_or_reuse(lp, &L, j->p, j->res, x, &objective);
    if (j->st == DEPLOY_OPTIMAL || j->st == DEPLOY_LIMIT) {
        extract(x, objective, &L, j->res);
        extract_management(x, &L, j->p, j->active, j->res);
    }
    free(x);
    glp_delete_prob(lp);
}

deploy_status deploy_glp_solve(const deploy_problem *p, uint32_t active,
                               deploy_result *res)
{
    res->diagnosis[0] = '\0';
    res->nodes = 0;
    res->solve_seconds = 0;
    res->reused = 0;
    if (mip_stop_requested(p->stop)) {
        snprintf(res->diagnosis, sizeof res->diagnosis,
                 "interrupted before the solve");
        return DEPLOY_INTERRUPTED;
    }
    solve_job j = {p, active, res, malloc(sizeof(row_buf)), DEPLOY_FAILED};
    SPECSIM_ASSERT(j.b != NULL);
    /* An internal error of GLPK is the solver failing on this program:
     * contained here, reported with GLPK's message. */
    if (!mip_guard(solve_work, &j, res->diagnosis, sizeof res->diagnosis))
        j.st = DEPLOY_FAILED;
    free(j.b);
    return j.st;
}

/* Drop columns that appear in no row and are fixed at zero (unused slots of
 * the arithmetic layout): they change nothing, and some readers of MPS
 * files reject empty columns. */
static void drop_empty_cols(glp_prob *lp)
{
    int n = glp_get_num_cols(lp), k = 0;
    int *del = malloc(((size_t)n + 1) * sizeof *del);
    SPECSIM_ASSERT(del != NULL);
    for (int j = 1; j <= n; j++)
        if (glp_get_mat_col(lp, j, NULL, NULL) == 0 &&
            glp_get_col_type(lp, j) == GLP_FX && glp_get_col_ub(lp, j) == 0.0)
            del[++k] = j;
    if (k > 0) glp_del_cols(lp, k, del);
    free(del);
}

/* Building a program outside a solve, under mip_guard: build with every
 * instrument active, check, drop the empty columns, then measure it (sz)
 * and/or write it (path_lp, path_mps), any of them NULL. */
typedef struct {
    const deploy_problem *p;
    const char *path_lp, *path_mps;
    deploy_size *sz;
    row_buf *b;
    err_t *e;
    err_code rc;
} build_job;

static void build_work(void *ctx)
{
    build_job *j = ctx;
    layout L;
    char diag[SPECSIM_ERRMSG_MAX];
    uint32_t all = deploy_all_instr(j->p);
    bool named = j->path_lp != NULL || j->path_mps != NULL;
    glp_prob *lp = build(j->p, all, &L, j->b, named);
    j->rc = ERR_OK;
    if (!check_program(lp, j->p, all, j->b, diag, sizeof diag))
        j->rc = err_set(j->e, ERR_SCENARIO, "%s", diag);
    if (j->rc == ERR_OK) drop_empty_cols(lp);
    if (j->rc == ERR_OK && j->sz != NULL) {
        j->sz->rows = glp_get_num_rows(lp);
        j->sz->cols = glp_get_num_cols(lp);
        j->sz->int_cols = glp_get_num_int(lp);
        j->sz->nonzeros = glp_get_num_nz(lp);
    }
    if (j->rc == ERR_OK && j->path_lp != NULL &&
        glp_write_lp(lp, NULL, j->path_lp) != 0)
        j->rc = err_set(j->e, ERR_IO, "%s: cannot write the program in LP "
                        "format", j->path_lp);
    if (j->rc == ERR_OK && j->path_mps != NULL &&
        glp_write_mps(lp, GLP_MPS_FILE, NULL, j->path_mps) != 0)
        j->rc = err_set(j->e, ERR_IO, "%s: cannot write the program in MPS "
                        "format", j->path_mps);
    glp_delete_prob(lp);
}

static err_code build_outside(const deploy_problem *p, const char *path_lp,
                              const char *path_mps, deploy_size *sz,
                              const char *what, err_t *e)
{
    deploy_problem_check(p);
    build_job j = {p, path_lp, path_mps, sz, malloc(sizeof(row_buf)), e,
                   ERR_SOLVER};
    SPECSIM_ASSERT(j.b != NULL);
    char diag[SPECSIM_ERRMSG_MAX];
    if (!mip_guard(build_work, &j, diag, sizeof diag))
        j.rc = err_set(e, ERR_SOLVER, "%s the program: %s", what, diag);
    free(j.b);
    return j.rc;
}

err_code deploy_write(const deploy_problem *p, const char *path_lp,
                      const char *path_mps, err_t *e)
{
    return build_outside(p, path_lp, path_mps, NULL, "writing", e);
}

err_code deploy_program_size(const deploy_problem *p, deploy_size *sz,
                             err_t *e)
{
    return build_outside(p, NULL, NULL, sz, "building", e);
}

const char *deploy_glpk_version(void) { return glp_version(); }

void deploy_glpk_thread_done(void) { glp_free_env(); }
