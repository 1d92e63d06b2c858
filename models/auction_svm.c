/* auction_svm.c — the GSVM and LSVM value models (see auction_svm.h).
 *
 * DESIGN — an instance is built in two steps: its shape (which licences
 * each bidder values, its licence limit and synergy factors), a function
 * of the parameters and, for LSVM, the regional bidders' favourite
 * licences; then the values, uniform draws. Winner determination lists
 * each bidder's columns (auction_svm.h says which), solves the packing
 * program (auction_lp.c) and recomputes every total from the values in
 * currency units. VCG payments take one more program per winner.
 */
#include "auction_svm.h"

#include <math.h>
#include <stdlib.h>

#include "auction_impl.h"

struct auction_svm_ws {
    long n;
    int *bidder;
    uint32_t *mask;
    double *value;
    bool *chosen;
    double *work;
    int *col;
};

auction_svm_ws *auction_svm_ws_alloc(void)
{
    auction_svm_ws *w = calloc(1, sizeof *w);
    if (w == NULL) return NULL;
    size_t n = (size_t)AUCTION_SVM_COLUMNS_MAX;
    w->bidder = malloc(n * sizeof *w->bidder);
    w->mask = malloc(n * sizeof *w->mask);
    w->value = malloc(n * sizeof *w->value);
    w->chosen = malloc(n * sizeof *w->chosen);
    w->work = malloc(n * sizeof *w->work);
    w->col = malloc(n * sizeof *w->col);
    if (!w->bidder || !w->mask || !w->value || !w->chosen || !w->work ||
        !w->col) {
        auction_svm_ws_free(w);
        return NULL;
    }
    return w;
}

void auction_svm_ws_free(auction_svm_ws *w)
{
    if (w == NULL) return;
    free(w->bidder);
    free(w->mask);
    free(w->value);
    free(w->chosen);
    free(w->work);
    free(w->col);
    free(w);
}

/* ------------------------------------------------------------------ */
/* Parameters                                                          */

void auction_svm_defaults(auction_svm_kind kind, auction_svm_params *p)
{
    *p = (auction_svm_params){.kind = kind};
    if (kind == AUCTION_SVM_GSVM) {
        /* Goeree and Holt (2010), table 1; SATS GSVM*BidderSetup. */
        p->regional = 6;
        p->national = 1;
        p->size = 6;
        p->national_low = (auction_svm_interval){0, 10};
        p->national_high = (auction_svm_interval){0, 20};
        p->regional_low = (auction_svm_interval){0, 20};
        p->regional_high = (auction_svm_interval){0, 40};
        p->regional_regional = (auction_svm_interval){0, 20};
        p->synergy = 0.2;
        p->regional_max = -1;
    } else {
        /* Scheffel, Ziegler and Bichler (2012), section 3; SATS
         * LSVMBidderSetup and LSVMWorldSetup. */
        p->regional = 5;
        p->national = 1;
        p->rows = 3;
        p->cols = 6;
        p->national_value = (auction_svm_interval){3, 9};
        p->regional_value = (auction_svm_interval){3, 20};
        p->proximity = 2;
        p->national_a = 320;
        p->national_b = 10;
        p->regional_a = 160;
        p->regional_b = 4;
    }
}

/* The interval's fields are name_lo and name_hi. */
static err_code check_interval(const char *name, auction_svm_interval v,
                               err_t *e)
{
    if (!(isfinite(v.lo) && v.lo >= 0.0 && v.lo <= 1e12))
        return err_set(e, ERR_SCENARIO, "%s_lo: %g: expected a number in "
                       "[0, 1e12]", name, v.lo);
    if (!(isfinite(v.hi) && v.hi >= v.lo && v.hi <= 1e12))
        return err_set(e, ERR_SCENARIO, "%s_hi: %g: expected a number in "
                       "[%s_lo, 1e12] (%s_lo is %g)", name, v.hi, name, name,
                       v.lo);
    return ERR_OK;
}

static err_code check_real(const char *name, double v, double lo, double hi,
                           err_t *e)
{
    if (isfinite(v) && v >= lo && v <= hi) return ERR_OK;
    return err_set(e, ERR_SCENARIO, "%s: %g: expected a number in [%g, %g]",
                   name, v, lo, hi);
}

static err_code check_gsvm(const auction_svm_params *p, err_t *e)
{
    if (p->size < 1 || p->size > AUCTION_SVM_GSVM_SIZE_MAX)
        return err_set(e, ERR_SCENARIO, "size: %d: expected an integer in "
                       "[1, %d] (AUCTION_SVM_GSVM_SIZE_MAX)", p->size,
                       AUCTION_SVM_GSVM_SIZE_MAX);
    if (p->regional > p->size)
        return err_set(e, ERR_SCENARIO, "regional_bidders: %d: expected at "
                       "most size (%d), one bidder per region", p->regional,
                       p->size);
    if (p->regional_max < -1 || p->regional_max > 3 * p->size)
        return err_set(e, ERR_SCENARIO, "regional_licences_max: %d: expected "
                       "-1 or an integer in [0, %d]", p->regional_max,
                       3 * p->size);
    const char *name[5] = {"national_low", "national_high", "regional_low",
                           "regional_high", "regional_regional"};
    const auction_svm_interval v[5] = {p->national_low, p->national_high,
                                       p->regional_low, p->regional_high,
                                       p->regional_regional};
    for (int k = 0; k < 5; k++) {
        err_code rc = check_interval(name[k], v[k], e);
        if (rc != ERR_OK) return rc;
    }
    return check_real("synergy", p->synergy, 0, 10, e);
}

static err_code check_lsvm(const auction_svm_params *p, err_t *e)
{
    if (p->rows < 1 || p->cols < 1 ||
        p->rows * p->cols > AUCTION_SVM_LSVM_LICENCES_MAX ||
        p->rows > SPECSIM_BANDS_MAX)
        return err_set(e, ERR_SCENARIO, "rows x cols: %d x %d: expected at "
                       "most %d rows and %d licences (AUCTION_SVM_LSVM_"
                       "LICENCES_MAX)", p->rows, p->cols, SPECSIM_BANDS_MAX,
                       AUCTION_SVM_LSVM_LICENCES_MAX);
    if (p->proximity < 0 || p->proximity > p->rows + p->cols)
        return err_set(e, ERR_SCENARIO, "proximity: %d: expected an integer "
                       "in [0, rows + cols]", p->proximity);
    err_code rc = check_interval("national_value", p->national_value, e);
    if (rc == ERR_OK)
        rc = check_interval("regional_value", p->regional_value, e);
    const char *name[4] = {"national_a", "national_b", "regional_a",
                           "regional_b"};
    const double v[4] = {p->national_a, p->national_b, p->regional_a,
                         p->regional_b};
    for (int k = 0; rc == ERR_OK && k < 4; k++)
        rc = k % 2 == 0 ? check_real(name[k], v[k], 0, 1e4, e)
                        : check_real(name[k], v[k], -100, 100, e);
    return rc;
}

err_code auction_svm_check(const auction_svm_params *p, err_t *e)
{
    SPECSIM_ASSERT(p != NULL);
    if (p->regional < 0 || p->national < 0 ||
        p->regional + p->national < 1 ||
        p->regional + p->national > SPECSIM_OPERATORS_MAX)
        return err_set(e, ERR_SCENARIO, "regional_bidders + national_bidders: "
                       "%d + %d: expected 1 to %d bidders in all",
                       p->regional, p->national, SPECSIM_OPERATORS_MAX);
    return p->kind == AUCTION_SVM_GSVM ? check_gsvm(p, e) : check_lsvm(p, e);
}

/* ------------------------------------------------------------------ */
/* Shape and draws                                                     */

static int popcount32(uint32_t x)
{
    int n = 0;
    for (; x != 0; x &= x - 1) n++;
    return n;
}

/* GSVM: licences 0 .. 2 size - 1 form the national circle (position =
 * index), 2 size .. 3 size - 1 the regional one. A regional bidder at
 * position p values national-circle positions 2p .. 2p + 3 and regional
 * positions p and p + 1 (mod the circles' sizes); the national bidder the
 * whole national circle. */
static void shape_gsvm(const auction_svm_params *p, auction_svm *m)
{
    int nc = 2 * p->size;
    m->nlicences = 3 * p->size;
    m->nbands = 2;
    for (int l = 0; l < m->nlicences; l++) m->band[l] = l < nc ? 0 : 1;
    SPECSIM_ASSERT(m->nlicences <= AUCTION_SVM_LICENCES_MAX);
    for (int i = 0; i < m->nbidders; i++) {
        uint32_t s = 0;
        if (m->national[i]) {
            s = (1u << nc) - 1u;
        } else {
            for (int d = 0; d < 4; d++) s |= 1u << ((2 * i + d) % nc);
            for (int d = 0; d < 2; d++) s |= 1u << (nc + (i + d) % p->size);
        }
        m->interest[i] = s;
        int n = popcount32(s);
        if (m->national[i])
            m->size_max[i] = n;
        else if (p->regional_max < 0)
            m->size_max[i] = (int)lround(n * 2.0 / 3.0);
        else
            m->size_max[i] = p->regional_max;
        m->factor[i][0] = 0.0;
        for (int k = 1; k <= AUCTION_SVM_LICENCES_MAX; k++)
            m->factor[i][k] = 1.0 + p->synergy * (k - 1);
    }
}

/* Manhattan distance of LSVM licences a and b on the grid. */
static int grid_distance(const auction_svm *m, int a, int b)
{
    return abs(a / m->cols - b / m->cols) + abs(a % m->cols - b % m->cols);
}

/* LSVM: licence l is cell (l / cols, l % cols). A regional bidder values
 * the cells within `proximity` grid steps of its favourite (SATS grows
 * the set by neighbours step by step, which on a full grid is this
 * Manhattan ball); the national bidder every cell. */
static void shape_lsvm(const auction_svm_params *p, const int *favourite,
                       auction_svm *m)
{
    m->rows = p->rows;
    m->cols = p->cols;
    m->nlicences = p->rows * p->cols;
    m->nbands = p->rows;
    for (int l = 0; l < m->nlicences; l++) m->band[l] = l / p->cols;
    for (int i = 0; i < m->nbidders; i++) {
        double a = m->national[i] ? p->national_a : p->regional_a;
        double b = m->national[i] ? p->national_b : p->regional_b;
        uint32_t s = 0;
        m->favourite[i] = m->national[i] ? -1 : favourite[i];
        for (int l = 0; l < m->nlicences; l++)
            if (m->national[i] ||
                grid_distance(m, l, favourite[i]) <= p->proximity)
                s |= 1u << l;
        m->interest[i] = s;
        m->size_max[i] = popcount32(s);
        m->factor[i][0] = 0.0;
        for (int k = 1; k <= AUCTION_SVM_LICENCES_MAX; k++)
            m->factor[i][k] = 1.0 + a / (100.0 * (1.0 + exp(b - k)));
    }
}

void auction_svm_shape(const auction_svm_params *p, const int *favourite,
                       auction_svm *m)
{
    SPECSIM_ASSERT(p != NULL && m != NULL);
    *m = (auction_svm){.kind = p->kind};
    m->nbidders = p->regional + p->national;
    for (int i = 0; i < m->nbidders; i++) {
        m->national[i] = i >= p->regional;
        m->favourite[i] = -1;
    }
    if (p->kind == AUCTION_SVM_GSVM) shape_gsvm(p, m);
    else shape_lsvm(p, favourite, m);
}

static double uniform(gsl_rng *r, auction_svm_interval v)
{
    return v.lo + gsl_rng_uniform(r) * (v.hi - v.lo);
}

/* GSVM: national-circle positions 0 .. 2 size / 3 * 2 - 1 and from
 * 2 size / 3 * 4 on are low-value regions, the ones between high-value
 * (SATS GSVMBidderSetup, integer division). */
static auction_svm_interval gsvm_interval(const auction_svm_params *p,
                                          bool national, int l)
{
    int nc = 2 * p->size;
    if (l >= nc) return p->regional_regional;
    bool high = l >= p->size / 3 * 2 && l < p->size / 3 * 4;
    if (national) return high ? p->national_high : p->national_low;
    return high ? p->regional_high : p->regional_low;
}

void auction_svm_draw(const auction_svm_params *p, gsl_rng *r,
                      auction_svm *m)
{
    SPECSIM_ASSERT(p != NULL && r != NULL && m != NULL);
    int favourite[SPECSIM_OPERATORS_MAX] = {0};
    auction_svm_shape(p, favourite, m);
    for (int i = 0; i < m->nbidders; i++) {
        if (p->kind == AUCTION_SVM_LSVM && !m->national[i]) {
            int row = (int)gsl_rng_uniform_int(r, (unsigned long)p->rows);
            int col = (int)gsl_rng_uniform_int(r, (unsigned long)p->cols);
            favourite[i] = row * p->cols + col;
            /* The interest set follows from the favourite. */
            auction_svm tmp;
            auction_svm_shape(p, favourite, &tmp);
            m->interest[i] = tmp.interest[i];
            m->size_max[i] = tmp.size_max[i];
            m->favourite[i] = favourite[i];
        }
        for (int l = 0; l < m->nlicences; l++) {
            if (!(m->interest[i] >> l & 1u)) continue;
            auction_svm_interval v =
                p->kind == AUCTION_SVM_GSVM
                    ? gsvm_interval(p, m->national[i], l)
                    : (m->national[i] ? p->national_value : p->regional_value);
            m->value[i][l] = uniform(r, v);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Values                                                              */

static double sum_values(const auction_svm *m, int i, uint32_t s)
{
    double v = 0.0;
    for (int l = 0; l < m->nlicences; l++)
        if (s >> l & 1u) v += m->value[i][l];
    return v;
}

/* The licences of s connected to licence `from` on the grid (4-neighbour
 * adjacency within s). */
static uint32_t component(const auction_svm *m, uint32_t s, int from)
{
    uint32_t comp = 1u << from, frontier = comp;
    while (frontier != 0) {
        int l = __builtin_ctz(frontier);
        frontier &= frontier - 1;
        int r = l / m->cols, c = l % m->cols;
        int nb[4] = {r > 0 ? l - m->cols : -1,
                     r < m->rows - 1 ? l + m->cols : -1,
                     c > 0 ? l - 1 : -1, c < m->cols - 1 ? l + 1 : -1};
        for (int k = 0; k < 4; k++) {
            if (nb[k] < 0) continue;
            uint32_t bit = 1u << nb[k];
            if ((s & bit) && !(comp & bit)) {
                comp |= bit;
                frontier |= bit;
            }
        }
    }
    return comp;
}

double auction_svm_value(const auction_svm *m, int i, uint32_t bundle)
{
    SPECSIM_ASSERT(m != NULL && i >= 0 && i < m->nbidders);
    uint32_t s = bundle & m->interest[i];
    if (m->kind == AUCTION_SVM_GSVM)
        return m->factor[i][popcount32(s)] * sum_values(m, i, s);
    double v = 0.0;
    while (s != 0) {
        uint32_t c = component(m, s, __builtin_ctz(s));
        v += m->factor[i][popcount32(c)] * sum_values(m, i, c);
        s &= ~c;
    }
    return v;
}

/* ------------------------------------------------------------------ */
/* Winner determination and VCG                                        */

/* Bidder i's columns: GSVM every non-empty subset of its licences with at
 * most size_max of them; LSVM every non-empty connected subset. */
static err_code add_columns(const auction_svm *m, int i, auction_svm_ws *w,
                            err_t *e)
{
    uint32_t all = m->interest[i];
    for (uint32_t s = all; s != 0; s = (s - 1) & all) {
        if (m->kind == AUCTION_SVM_GSVM && popcount32(s) > m->size_max[i])
            continue;
        if (m->kind == AUCTION_SVM_LSVM &&
            component(m, s, __builtin_ctz(s)) != s)
            continue;
        if (w->n == AUCTION_SVM_COLUMNS_MAX)
            return err_set(e, ERR_SCENARIO, "winner determination: more than "
                           "%ld columns (AUCTION_SVM_COLUMNS_MAX): expected "
                           "fewer licences per bidder",
                           AUCTION_SVM_COLUMNS_MAX);
        w->bidder[w->n] = i;
        w->mask[w->n] = s;
        w->value[w->n] = auction_svm_value(m, i, s);
        w->n++;
    }
    return ERR_OK;
}

/* Welfare of the chosen columns, and each bidder's licences. */
static double read_choice(const auction_svm *m, const auction_svm_ws *w,
                          uint32_t *won)
{
    for (int i = 0; i < m->nbidders; i++) won[i] = 0;
    for (long k = 0; k < w->n; k++)
        if (w->chosen[k]) won[w->bidder[k]] |= w->mask[k];
    double total = 0.0;
    for (int i = 0; i < m->nbidders; i++)
        total += auction_svm_value(m, i, won[i]);
    return total;
}

/* The core computation's oracle: the program without some bidders. */
typedef struct {
    const auction_svm *m;
    const auction_packing *pk;
    long node_limit;
    const atomic_int *stop;
    auction_ws *ws;
    auction_svm_ws *w;
} svm_oracle;

static err_code svm_without(void *ctx, unsigned skip, double *z, err_t *e)
{
    const svm_oracle *o = ctx;
    err_code rc = auction_lp_packing(o->ws, o->pk, skip, o->node_limit,
                                     o->stop, o->w->chosen, e);
    uint32_t won[SPECSIM_OPERATORS_MAX];
    if (rc == ERR_OK) *z = read_choice(o->m, o->w, won);
    return rc;
}

err_code auction_svm_run(const auction_svm *m, bool core, long node_limit,
                         const atomic_int *stop, auction_ws *ws,
                         auction_svm_ws *w, auction_svm_result *out,
                         err_t *e)
{
    SPECSIM_ASSERT(m != NULL && ws != NULL && w != NULL && out != NULL);
    *out = (auction_svm_result){0};
    w->n = 0;
    for (int i = 0; i < m->nbidders; i++) {
        err_code rc = add_columns(m, i, w, e);
        if (rc != ERR_OK) return rc;
    }
    auction_packing pk = {w->n, w->bidder, w->mask, w->value, m->nlicences,
                          m->nbidders, m->kind == AUCTION_SVM_GSVM,
                          w->work, w->col};
    svm_oracle o = {m, &pk, node_limit, stop, ws, w};
    double without;
    uint32_t won[SPECSIM_OPERATORS_MAX];
    err_code rc = auction_lp_packing(ws, &pk, 0u, node_limit, stop,
                                     w->chosen, e);
    if (rc != ERR_OK) return rc;
    out->welfare = read_choice(m, w, won);
    bool winner[SPECSIM_OPERATORS_MAX];
    for (int i = 0; i < m->nbidders; i++) {
        out->won[i] = won[i];
        out->value[i] = auction_svm_value(m, i, won[i]);
        winner[i] = won[i] != 0;
    }
    for (int i = 0; i < m->nbidders; i++) {
        if (!winner[i]) continue;
        rc = svm_without(&o, 1u << i, &without, e);
        if (rc != ERR_OK) return rc;
        /* W(N \ i) - (W - v_i), never below 0 in exact arithmetic. */
        out->vcg[i] = fmax(0.0, without - (out->welfare - out->value[i]));
        out->pay[i] = out->vcg[i];
    }
    if (!core) return ERR_OK;
    auction_core_oracle co = {svm_without, &o};
    return auction_core_general(ws, m->nbidders, winner, out->value, out->vcg,
                                &co, out->pay, &out->core, e);
}

void auction_svm_outcome(const auction_svm *m, const auction_svm_result *r,
                         auction_result *out)
{
    SPECSIM_ASSERT(m != NULL && r != NULL && out != NULL);
    *out = (auction_result){.nbidders = m->nbidders, .nbands = m->nbands};
    int lots[SPECSIM_BANDS_MAX] = {0}, sold[SPECSIM_BANDS_MAX] = {0};
    for (int l = 0; l < m->nlicences; l++) lots[m->band[l]]++;
    for (int i = 0; i < m->nbidders; i++) {
        int n = 0;
        for (int l = 0; l < m->nlicences; l++)
            if (r->won[i] >> l & 1u) {
                out->won[i][m->band[l]]++;
                n++;
            }
        out->pay[i] = r->pay[i];
        out->pay_vcg[i] = r->vcg[i];
        out->revenue += r->pay[i];
        for (int b = 0; b < m->nbands; b++) {
            sold[b] += out->won[i][b];
            /* A payment is for the whole bundle; it is spread over bands
             * by licences, as auction_split does without weights. */
            out->pay_band[i][b] = n > 0 ? r->pay[i] * out->won[i][b] / n
                                        : 0.0;
            out->revenue_band[b] += out->pay_band[i][b];
        }
    }
    for (int b = 0; b < m->nbands; b++) {
        out->unsold[b] = lots[b] - sold[b];
        out->price_mean[b] = sold[b] > 0 ? out->revenue_band[b] / sold[b]
                                         : 0.0;
    }
    for (int i = 0; i < m->nbidders; i++) out->revenue_vcg += r->vcg[i];
    out->core = r->core;
    out->vcg_computed = true;
    out->rounds = 1;
    out->welfare = out->welfare_max = r->welfare;
    out->efficiency = 1.0;
}
