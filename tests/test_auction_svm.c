/* test_auction_svm.c — the GSVM and LSVM value models: values of given
 * bundles with every random parameter fixed (the Spectrum Auction Test
 * Suite's own unit-test cases where it fixes them, else worked by hand
 * below), licences of interest, a winner determination and VCG payments
 * solved by hand, and every parameter error. */
#include <stdlib.h>

#include "testutil.h"

#include <gsl/gsl_rng.h>

#include "auction_stage.h"
#include "auction_svm.h"
#include "rng.h"

#define TOL 1e-12

static auction_svm_interval fixed(double v)
{
    return (auction_svm_interval){v, v};
}

static void draw(const auction_svm_params *p, auction_svm *m)
{
    err_t e;
    err_clear(&e);
    if (auction_svm_check(p, &e) != ERR_OK) fail_msg("%s", e.msg);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    auction_svm_draw(p, r, m);
    gsl_rng_free(r);
}

/* SATS GSVMBidderTest.testCustomBidderSetup: regional values fixed at 25
 * (low), 35 (high) and 15 (regional circle), national ones at 16 and 26;
 * the complete bundle. A regional bidder values 4 national-circle and 2
 * regional licences, so n = 6 and the factor is 1 + 5 x 0.2 = 2:
 * position 0 (national positions 0-3, all low) (4 x 25 + 2 x 15) x 2 =
 * 260; position 1 (2-5: 2 low, 2 high) (2 x 25 + 2 x 35 + 30) x 2 = 300;
 * position 2 (4-7, all high) (4 x 35 + 30) x 2 = 340; position 3 (6-9) 300;
 * positions 4 and 5 (8-11 and 10, 11, 0, 1) 260. The national bidder:
 * (8 x 16 + 4 x 26) x (1 + 11 x 0.2) = 232 x 3.2 = 742.4. */
static void gsvm_sats_complete(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.regional_low = fixed(25);
    p.regional_high = fixed(35);
    p.regional_regional = fixed(15);
    p.national_low = fixed(16);
    p.national_high = fixed(26);
    auction_svm m;
    draw(&p, &m);
    assert_int_equal(m.nbidders, 7);
    assert_int_equal(m.nlicences, 18);
    const double want[7] = {260, 300, 340, 300, 260, 260, 742.4};
    for (int i = 0; i < 7; i++)
        assert_close(auction_svm_value(&m, i, (1u << 18) - 1u), want[i], TOL);
    /* The national bidder values nothing in the regional circle (SATS
     * testCustomWorldSetup). */
    assert_close(auction_svm_value(&m, 6, 0x3fu << 12), 0.0, TOL);
}

/* SATS GSVMBidderTest.testCustomWorldSetup, size 8 (24 licences): the
 * national bidder has 4 high positions (4-7) of 16:
 * (12 x 16 + 4 x 26) x (1 + 15 x 0.2) = 296 x 4 = 1184; regional bidders
 * at positions 0 (low), 1 (mixed) and 2 (high): 260, 300, 340. */
static void gsvm_sats_size8(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.size = 8;
    p.regional = 3;
    p.regional_low = fixed(25);
    p.regional_high = fixed(35);
    p.regional_regional = fixed(15);
    p.national_low = fixed(16);
    p.national_high = fixed(26);
    auction_svm m;
    draw(&p, &m);
    assert_int_equal(m.nlicences, 24);
    uint32_t all = (1u << 24) - 1u;
    assert_close(auction_svm_value(&m, 3, all), 1184.0, TOL);
    assert_close(auction_svm_value(&m, 0, all), 260.0, TOL);
    assert_close(auction_svm_value(&m, 1, all), 300.0, TOL);
    assert_close(auction_svm_value(&m, 2, all), 340.0, TOL);
}

/* A partial bundle, by hand: regional bidder 1 values national licences
 * 2, 3, 4, 5 and regional licences 13, 14 (limit round(6 x 2/3) = 4).
 * With values 2.385 on every licence, the bundle {3, 4, 14, 17} holds 3
 * licences it values (17 it does not): (3 x 2.385) x (1 + 2 x 0.2) =
 * 10.017. */
static void gsvm_partial(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.regional_low = p.regional_high = p.regional_regional = fixed(2.385);
    auction_svm m;
    draw(&p, &m);
    assert_int_equal(m.interest[1], 0x3cu | 1u << 13 | 1u << 14);
    assert_int_equal(m.size_max[1], 4);
    assert_int_equal(m.size_max[6], 12);
    uint32_t b = 1u << 3 | 1u << 4 | 1u << 14 | 1u << 17;
    assert_close(auction_svm_value(&m, 1, b), 10.017, 1e-12);
    assert_close(auction_svm_value(&m, 1, 0), 0.0, TOL);
}

/* LSVM, by hand: on the 3 x 6 grid (licence = 6 row + column) a regional
 * bidder whose favourite is (1, 2), licence 8, values the 11 cells within
 * 2 steps: 1, 2, 3, 6-10, 13, 14, 15. With every value 10, the bundle
 * {1, 2, 7, 8, 10, 17} has the component {1, 2, 7, 8} (4 cells) and {10}
 * (17 is not valued): f(4) = 1 + 160 / (100 (1 + e^0)) = 1.8 and
 * f(1) = 1 + 1.6 / (1 + e^3) = 1.0758813970841...; value
 * 1.8 x 40 + 10 f(1) = 82.758813970841 (e^3 = 20.085536923187668). */
static void lsvm_components(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_LSVM, &p);
    p.regional = 1;
    p.regional_value = fixed(10);
    p.national_value = fixed(4);
    int fav[1] = {8};
    auction_svm m;
    auction_svm_shape(&p, fav, &m);
    uint32_t want = 0xeu | 0x7cu << 4 | 0x7u << 13;
    assert_int_equal(m.interest[0], want);
    for (int l = 0; l < 18; l++) m.value[0][l] = (want >> l & 1u) ? 10 : 0;
    for (int l = 0; l < 18; l++) m.value[1][l] = 4;
    uint32_t b = 1u << 1 | 1u << 2 | 1u << 7 | 1u << 8 | 1u << 10 | 1u << 17;
    assert_close(auction_svm_value(&m, 0, b), 82.75881397084106, 1e-12);
    /* The national bidder, the whole grid: 72 f(18), f(18) = 1 + 3.2 /
     * (1 + e^-8) = 4.19892688..., 302.32273532994. */
    assert_close(auction_svm_value(&m, 1, (1u << 18) - 1u),
                 302.3227353299406, 1e-12);
}

/* SATS LSVMBidderTest.testCustomBidderSetup: with a = 0 the factor is 1,
 * so a regional bidder values the whole grid as its proximity (here 1
 * step around licence 0: {0, 1, 6}, values 10: 30). */
static void lsvm_sats_no_synergy(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_LSVM, &p);
    p.regional = 1;
    p.proximity = 1;
    p.regional_a = 0;
    p.regional_b = 5;
    p.regional_value = fixed(10);
    auction_svm m;
    int fav[1] = {0};
    auction_svm_shape(&p, fav, &m);
    for (int l = 0; l < 18; l++) m.value[0][l] = 10;
    assert_int_equal(m.interest[0], 0x43u);
    assert_close(auction_svm_value(&m, 0, (1u << 18) - 1u), 30.0, TOL);
    assert_close(auction_svm_value(&m, 0, m.interest[0]), 30.0, TOL);
}

/* Winner determination and VCG, by hand, on a 1 x 3 LSVM grid: regional
 * bidders with proximity 0 at cells 0 (value 10) and 2 (value 8) and no
 * synergy (a = 0: factor 1), the
 * national bidder values 3 each with a = 100, b = 3:
 * f(1) = 1 + 1/(1 + e^2) = 1.11920292..., f(2) = 1 + 1/(1 + e) =
 * 1.26894142..., f(3) = 1.5. Allocations: regionals their cells and the
 * national cell 1: 18 + 3 f(1) = 21.3576087660664; the national all:
 * 13.5; national {0, 1} and regional 2: 6 f(2) + 8 = 15.61...; so the
 * first is efficient. VCG: W without regional 0 is 6 f(2) + 8, so it pays
 * 6 f(2) + 8 - (8 + 3 f(1)) = 6 f(2) - 3 f(1) = 4.25603976215362; regional
 * 1 likewise 6 f(2) + 10 - (10 + 3 f(1)), the same; the national bidder
 * 18 - 18 = 0. */
static void lsvm_wdp_vcg(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_LSVM, &p);
    p.rows = 1;
    p.cols = 3;
    p.regional = 2;
    p.proximity = 0;
    p.national_a = 100;
    p.national_b = 3;
    p.regional_a = 0;
    int fav[2] = {0, 2};
    auction_svm m;
    auction_svm_shape(&p, fav, &m);
    m.value[0][0] = 10;
    m.value[1][2] = 8;
    for (int l = 0; l < 3; l++) m.value[2][l] = 3;
    auction_ws *ws = NULL;
    auction_sizes z = {3, 1, 1, 1};
    ws = auction_ws_alloc(&z);
    auction_svm_ws *w = auction_svm_ws_alloc();
    assert_non_null(ws);
    assert_non_null(w);
    auction_svm_result res;
    err_t e;
    err_clear(&e);
    if (auction_svm_run(&m, true, 1000, NULL, ws, w, &res, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(res.won[0], 1u);
    assert_int_equal(res.won[1], 4u);
    assert_int_equal(res.won[2], 2u);
    assert_close(res.welfare, 21.357608766066353, 1e-12);
    assert_close(res.vcg[0], 4.256039762153619, 1e-9);
    assert_close(res.vcg[1], 4.256039762153619, 1e-9);
    assert_near(res.vcg[2], 0.0, 1e-9);
    /* Core: VCG revenue 8.51 is below what the national bidder alone
     * offers for the regional bidders' cells, 13.5 - 3 f(1) =
     * 10.142391233933647 (coalition {seller, national}); the other
     * constraints are p_0 >= 6 f(2) - 3 f(1) = VCG, the same for p_1, and
     * p_2 >= 0. The minimum-revenue core has p_0 + p_1 = 10.1424, p_2 = 0,
     * and the point nearest VCG shares the shortfall equally:
     * p_0 = p_1 = 5.0711956169668235. */
    assert_close(res.pay[0], 5.0711956169668235, 1e-9);
    assert_close(res.pay[1], 5.0711956169668235, 1e-9);
    assert_near(res.pay[2], 0.0, 1e-9);
    assert_int_equal(res.core.nbinding, 1);
    assert_int_equal(res.core.payers[0], 3u);
    assert_close(res.core.rhs[0], 10.142391233933647, 1e-9);
    auction_svm_ws_free(w);
    auction_ws_free(ws);
}

/* GSVM at its defaults, a drawn instance: the optimum respects the
 * regional limit of 4 licences, gives no licence twice, and no single
 * bidder's best bundle beats it (the welfare is at least the national
 * bidder's whole circle). */
static void gsvm_drawn_invariants(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    auction_svm m;
    draw(&p, &m);
    auction_sizes z = {7, 1, 1, 1};
    auction_ws *ws = auction_ws_alloc(&z);
    auction_svm_ws *w = auction_svm_ws_alloc();
    auction_svm_result res;
    err_t e;
    err_clear(&e);
    if (auction_svm_run(&m, false, 100000, NULL, ws, w, &res, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    uint32_t seen = 0;
    double sum = 0.0;
    for (int i = 0; i < 7; i++) {
        assert_int_equal(seen & res.won[i], 0u);
        seen |= res.won[i];
        int n = 0;
        for (uint32_t x = res.won[i]; x; x &= x - 1) n++;
        assert_true(n <= m.size_max[i]);
        sum += res.value[i];
        assert_true(res.pay[i] >= 0.0 && res.pay[i] <= res.value[i] + 1e-9);
        assert_close(res.pay[i], res.vcg[i], 1e-12);
    }
    assert_close(sum, res.welfare, 1e-12);
    assert_true(res.welfare >= auction_svm_value(&m, 6, 0xfffu) - 1e-9);
    auction_svm_ws_free(w);
    auction_ws_free(ws);
}

/* Brute force: every assignment of the licences to a bidder or to none,
 * (nbidders + 1)^nlicences of them, within each bidder's licence limit;
 * the best welfare without the bidders in skip. */
static double brute_welfare(const auction_svm *m, unsigned skip)
{
    int owner[AUCTION_SVM_LICENCES_MAX] = {0}; /* 0 = unsold, i + 1 */
    double best = 0.0;
    for (;;) {
        uint32_t b[SPECSIM_OPERATORS_MAX] = {0};
        bool ok = true;
        for (int l = 0; l < m->nlicences; l++)
            if (owner[l] > 0) b[owner[l] - 1] |= 1u << l;
        double w = 0.0;
        for (int i = 0; ok && i < m->nbidders; i++) {
            int n = 0;
            for (uint32_t x = b[i] & m->interest[i]; x; x &= x - 1) n++;
            if (b[i] && ((skip >> i & 1u) || n > m->size_max[i])) ok = false;
            w += auction_svm_value(m, i, b[i]);
        }
        if (ok && w > best) best = w;
        int l = 0;
        while (l < m->nlicences && ++owner[l] > m->nbidders) owner[l++] = 0;
        if (l == m->nlicences) break;
    }
    return best;
}

/* Small random instances (GSVM of size 2, LSVM on a 2 x 3 grid, two
 * regional bidders and one national, 6 licences): the maximum welfare
 * and every VCG payment equal brute force's. */
static void random_brute(void **state)
{
    (void)state;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2024);
    auction_sizes z = {3, 1, 1, 1};
    auction_ws *ws = auction_ws_alloc(&z);
    auction_svm_ws *w = auction_svm_ws_alloc();
    for (int rep = 0; rep < 40; rep++) {
        auction_svm_params p;
        auction_svm_defaults(rep % 2 ? AUCTION_SVM_LSVM : AUCTION_SVM_GSVM,
                             &p);
        p.regional = 2;
        p.size = 2;
        p.regional_max = rep % 4 == 0 ? 2 : -1;
        p.rows = 2;
        p.cols = 3;
        p.proximity = 1;
        auction_svm m;
        auction_svm_draw(&p, r, &m);
        auction_svm_result res;
        err_t e;
        err_clear(&e);
        if (auction_svm_run(&m, false, 100000, NULL, ws, w, &res, &e) !=
            ERR_OK)
            fail_msg("%s", e.msg);
        double best = brute_welfare(&m, 0u);
        assert_close(res.welfare, best, 1e-9);
        for (int i = 0; i < m.nbidders; i++) {
            if (res.won[i] == 0) continue;
            double pay = brute_welfare(&m, 1u << i) - (best - res.value[i]);
            assert_near(res.vcg[i], pay, 1e-9 * (1.0 + best));
        }
    }
    auction_svm_ws_free(w);
    auction_ws_free(ws);
    gsl_rng_free(r);
}

static void check_fails(const auction_svm_params *p, const char *needle)
{
    err_t e;
    err_clear(&e);
    assert_int_equal(auction_svm_check(p, &e), ERR_SCENARIO);
    assert_contains(e.msg, needle);
}

static void param_errors(void **state)
{
    (void)state;
    auction_svm_params p;
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.regional = 8;
    check_fails(&p, "regional_bidders + national_bidders: 8 + 1");
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.size = 9;
    check_fails(&p, "size: 9");
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.size = 4;
    check_fails(&p, "regional_bidders: 6: expected at most size (4)");
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.regional_high = (auction_svm_interval){5, 4};
    check_fails(&p, "regional_high_hi: 4: expected a number in "
                    "[regional_high_lo, 1e12] (regional_high_lo is 5)");
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.synergy = NAN;
    check_fails(&p, "synergy: nan");
    auction_svm_defaults(AUCTION_SVM_GSVM, &p);
    p.regional_max = -2;
    check_fails(&p, "regional_licences_max: -2");
    auction_svm_defaults(AUCTION_SVM_LSVM, &p);
    p.cols = 7;
    p.rows = 4;
    check_fails(&p, "rows x cols: 4 x 7");
    auction_svm_defaults(AUCTION_SVM_LSVM, &p);
    p.proximity = -1;
    check_fails(&p, "proximity: -1");
    auction_svm_defaults(AUCTION_SVM_LSVM, &p);
    p.national_value = (auction_svm_interval){-1, 4};
    check_fails(&p, "national_value_lo: -1");
    auction_svm_defaults(AUCTION_SVM_LSVM, &p);
    p.regional_b = INFINITY;
    check_fails(&p, "regional_b: inf");
}

/* ---- scenario files ---- */

static scn *load_file(const char *path)
{
    char *t = test_read_file(path);
    scn *s = load_ok(t);
    free(t);
    return s;
}

#define GSVM_FILE "tests/data/auction_gsvm.yaml"
#define LSVM_FILE "tests/data/auction_lsvm.yaml"

/* The defaults when the map is absent; a map overrides what it names. */
static void scenario_params(void **state)
{
    (void)state;
    scn *s = load_file(GSVM_FILE);
    auction_svm_params d;
    auction_svm_defaults(AUCTION_SVM_GSVM, &d);
    assert_int_equal(s->auction.value_model, VALUE_GSVM);
    assert_int_equal(s->auction.svm.kind, AUCTION_SVM_GSVM);
    assert_int_equal(s->auction.svm.regional, 6);
    assert_close(s->auction.svm.synergy, 0.2, TOL);
    assert_close(s->auction.svm.regional_high.hi, 40, TOL);
    assert_int_equal(s->auction.svm.regional_max, -1);
    scn_free(s);
    char *t = test_replace(test_read_file(GSVM_FILE), "value_model: gsvm",
                           "value_model: gsvm\n  gsvm: {synergy: 0.35, "
                           "national_high_hi: 22.5}");
    s = load_ok(t);
    assert_close(s->auction.svm.synergy, 0.35, TOL);
    assert_close(s->auction.svm.national_high.hi, 22.5, TOL);
    assert_close(s->auction.svm.national_low.hi, 10, TOL);
    scn_free(s);
    free(t);
    s = load_file(LSVM_FILE);
    assert_int_equal(s->auction.svm.kind, AUCTION_SVM_LSVM);
    assert_int_equal(s->auction.svm.rows, 3);
    assert_int_equal(s->auction.svm.cols, 6);
    assert_close(s->auction.svm.national_a, 320, TOL);
    assert_close(s->auction.svm.regional_b, 4, TOL);
    scn_free(s);
}

static void expect_gsvm(const char *from, const char *to, const char *prefix,
                        const char *w1)
{
    char *t = test_replace(test_read_file(GSVM_FILE), from, to);
    expect_error(t, prefix, w1, NULL);
    free(t);
}

/* Every rule the models' auction does not apply is refused, located. */
static void scenario_errors(void **state)
{
    (void)state;
    expect_gsvm("format: sealed_second", "format: cca",
                "t.yaml:21:11: auction.format: cca: expected sealed_second "
                "or sealed_core",
                NULL);
    expect_gsvm("lots: 12", "lots: 10", "t.yaml:18:",
                "bands[0].lots: 10: expected 12");
    expect_gsvm("  - {name: r5, new_entrant: true, subscriber_share: 0.1, "
                "capex_budget_eur_year: 1.0e6}\n", "", "t.yaml:",
                "operators: 6 operators: expected 7 operators");
    expect_gsvm("value_model: gsvm", "value_model: gsvm\n  lsvm: {rows: 2}",
                "t.yaml:23:9: auction.lsvm", "no lsvm map unless");
    expect_gsvm("value_model: gsvm", "value_model: gsvm\n  caps: {national: 3}",
                "t.yaml:", "auction.caps: {national: 3}: expected none");
    expect_gsvm("value_model: gsvm", "value_model: gsvm\n  gsvm: {size: 5}",
                "t.yaml:23:9: auction.gsvm.regional_bidders: 6: expected "
                "at most size (5)", NULL);
    expect_gsvm("value_model: gsvm",
                "value_model: gsvm\n  gsvm: {regional_low_lo: 30}",
                "t.yaml:23:9: auction.gsvm.regional_low_hi: 20", NULL);
    expect_gsvm("lots: 12, mhz_per_lot: 5,",
                "lots: 12, mhz_per_lot: 5, reserve_eur: 1,", "t.yaml:",
                "bands[0].reserve_eur");
    expect_gsvm("  - name: baseline\n",
                "  - name: baseline\n  - name: capped\n    instruments:\n"
                "      - auction: {from_year: 2024, caps: {national: 2}}\n",
                "t.yaml:", "policies[1].instruments[0]");
}

/* The stage alone: the instance of replication 1 drawn from the bidders
 * stream, as the stage draws it, solved directly gives the same outcome;
 * licences and welfare add up. */
static void stage_study(void **state)
{
    (void)state;
    const char *files[2] = {GSVM_FILE, LSVM_FILE};
    for (int k = 0; k < 2; k++) {
        scn *s = load_file(files[k]);
        const auction_format *f[1] = {&auction_sealed_second};
        auction_alone_row rows[2];
        long done = 0;
        err_t e;
        err_clear(&e);
        if (auction_alone_study(s, 7, 2, f, 1, NULL, rows, &done, &e) !=
            ERR_OK)
            fail_msg("%s", e.msg);
        assert_int_equal(done, 2);
        rng *r = rng_alloc();
        rng_seed(r, 7, 1, RNG_STREAM_BIDDERS);
        auction_svm m;
        auction_svm_draw(&s->auction.svm, rng_gsl(r), &m);
        rng_free(r);
        auction_sizes z = {s->noperators, 1, 1, 1};
        auction_ws *ws = auction_ws_alloc(&z);
        auction_svm_ws *w = auction_svm_ws_alloc();
        auction_svm_result res;
        if (auction_svm_run(&m, false, 100000, NULL, ws, w, &res, &e) != ERR_OK)
            fail_msg("%s", e.msg);
        const auction_result *o = &rows[1].res;
        assert_close(o->welfare, res.welfare, 1e-12);
        assert_close(o->efficiency, 1.0, TOL);
        double sum = 0.0, pay = 0.0;
        int sold = 0;
        for (int i = 0; i < s->noperators; i++) {
            sum += rows[1].value_won[i];
            pay += o->pay[i];
            assert_close(o->pay[i], res.pay[i], 1e-12);
            for (int b = 0; b < s->nbands; b++) sold += o->won[i][b];
        }
        for (int b = 0; b < s->nbands; b++) sold += o->unsold[b];
        assert_int_equal(sold, m.nlicences);
        assert_close(sum, o->welfare, 1e-12);
        assert_close(pay, o->revenue, 1e-12);
        auction_svm_ws_free(w);
        auction_ws_free(ws);
        scn_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gsvm_sats_complete),
        cmocka_unit_test(gsvm_sats_size8),
        cmocka_unit_test(gsvm_partial),
        cmocka_unit_test(lsvm_components),
        cmocka_unit_test(lsvm_sats_no_synergy),
        cmocka_unit_test(lsvm_wdp_vcg),
        cmocka_unit_test(gsvm_drawn_invariants),
        cmocka_unit_test(random_brute),
        cmocka_unit_test(param_errors),
        cmocka_unit_test(scenario_params),
        cmocka_unit_test(scenario_errors),
        cmocka_unit_test(stage_study),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
