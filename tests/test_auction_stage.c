/* test_auction_stage.c — the auction stage alone on textbook cases
 * written as scenario files with explicit XOR values (tests/data/auction_*
 * .yaml): allocations and payments against their closed forms, worked in
 * each file's opening comment and below. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "auction_stage.h"

#define TOL 1e-9

static scn *load(const char *path)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load(path, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
    return s;
}

/* Replication 0, baseline policy, format `name`: the outcome. */
static void run1(const scn *s, const char *name, auction_alone_row *row)
{
    const auction_format *f[1] = {auction_format_find(name)};
    assert_non_null(f[0]);
    long done = 0;
    err_t e;
    err_clear(&e);
    if (auction_alone_study(s, 1, 1, f, 1, NULL, row, &done, &e) != ERR_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(done, s->npolicies);
}

static int op(const scn *s, const char *name)
{
    for (int o = 0; o < s->noperators; o++)
        if (strcmp(s->operators[o].name, name) == 0) return o;
    fail_msg("no operator %s", name);
    return -1;
}

/* Local-local-global (values 6.3, 5.1 and 9.0 M for a, b and ab). Every
 * format that finds the efficient allocation gives a to local1 and b to
 * local2, welfare 11.4 M = the maximum. VCG: 9.0 - 5.1 = 3.9 M and
 * 9.0 - 6.3 = 2.7 M. Core-selecting (cca): minimum revenue 9.0 M (the
 * coalition of the seller and global), the 2.4 M above VCG split equally,
 * 5.1 M and 3.9 M; the one binding constraint is local1 + local2 >=
 * 9.0 M. Pay-as-bid: 6.3 M and 5.1 M. sealed_core, the same core rule on
 * sealed bids equal to the values: 5.1 M and 3.9 M, the same constraint. */
static void llg(void **state)
{
    (void)state;
    scn *s = load("tests/data/auction_llg.yaml");
    int l1 = op(s, "local1"), l2 = op(s, "local2"), g = op(s, "global");
    const char *fmt[4] = {"sealed_first", "sealed_second", "cca",
                          "sealed_core"};
    const double p1[4] = {6.3e6, 3.9e6, 5.1e6, 5.1e6};
    const double p2[4] = {5.1e6, 2.7e6, 3.9e6, 3.9e6};
    for (int k = 0; k < 4; k++) {
        auction_alone_row row;
        run1(s, fmt[k], &row);
        const auction_result *r = &row.res;
        assert_int_equal(r->won[l1][0], 1);
        assert_int_equal(r->won[l1][1], 0);
        assert_int_equal(r->won[l2][0], 0);
        assert_int_equal(r->won[l2][1], 1);
        assert_int_equal(r->won[g][0] + r->won[g][1], 0);
        assert_close(r->pay[l1], p1[k], TOL);
        assert_close(r->pay[l2], p2[k], TOL);
        assert_close(r->pay[g] + 1.0, 1.0, TOL);
        assert_close(r->revenue, p1[k] + p2[k], TOL);
        assert_close(r->welfare, 11.4e6, TOL);
        assert_close(r->welfare_max, 11.4e6, TOL);
        assert_close(r->efficiency, 1.0, TOL);
        assert_close(row.value_won[l1], 6.3e6, TOL);
        assert_close(row.value_won[g] + 1.0, 1.0, TOL);
        if (k > 0) {
            assert_true(r->vcg_computed);
            assert_close(r->pay_vcg[l1], 3.9e6, TOL);
            assert_close(r->pay_vcg[l2], 2.7e6, TOL);
        }
    }
    for (int k = 2; k < 4; k++) {
        auction_alone_row row;
        run1(s, fmt[k], &row);
        const auction_core_info *c = &row.res.core;
        assert_int_equal(c->nbinding, 1);
        assert_false(c->truncated);
        assert_int_equal(c->payers[0], (1u << l1) | (1u << l2));
        assert_close(c->rhs[0], 9.0e6, TOL);
        assert_true(c->ncuts >= 1);
    }
    scn_free(s);
}

/* One item valued 7.25, 5.5 and 3.0 M: x wins; second price 5.5 M
 * (sealed_second, and cca whose core payment is VCG for one item);
 * first price 7.25 M. */
static void single_item(void **state)
{
    (void)state;
    scn *s = load("tests/data/auction_single.yaml");
    int x = op(s, "x");
    const char *fmt[3] = {"sealed_first", "sealed_second", "cca"};
    const double pay[3] = {7.25e6, 5.5e6, 5.5e6};
    for (int k = 0; k < 3; k++) {
        auction_alone_row row;
        run1(s, fmt[k], &row);
        for (int o = 0; o < s->noperators; o++)
            assert_int_equal(row.res.won[o][0], o == x);
        assert_close(row.res.pay[x], pay[k], TOL);
        assert_close(row.res.revenue, pay[k], TOL);
        assert_close(row.res.efficiency, 1.0, TOL);
    }
    scn_free(s);
}

/* Two lots; pair values one lot at 0 and both at 10 M, one and two want a
 * lot each at 4.0 and 3.5 M. pair wins both and pays 7.5 M (VCG, and the
 * core payment, since VCG is in the core: no constraint is generated);
 * pay-as-bid 10 M. */
static void zero_single_lot(void **state)
{
    (void)state;
    scn *s = load("tests/data/auction_pair.yaml");
    int pr = op(s, "pair");
    const char *fmt[3] = {"sealed_first", "sealed_second", "cca"};
    const double pay[3] = {10.0e6, 7.5e6, 7.5e6};
    for (int k = 0; k < 3; k++) {
        auction_alone_row row;
        run1(s, fmt[k], &row);
        for (int o = 0; o < s->noperators; o++) {
            assert_int_equal(row.res.won[o][0], o == pr ? 2 : 0);
            assert_close(row.res.pay[o] + 1.0,
                         (o == pr ? pay[k] : 0.0) + 1.0, TOL);
        }
        assert_close(row.res.welfare_max, 10.0e6, TOL);
        assert_close(row.value_won[pr], 10.0e6, TOL);
        if (k == 2) {
            assert_int_equal(row.res.core.ncuts, 0);
            assert_int_equal(row.res.core.nbinding, 0);
        }
    }
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(llg),
        cmocka_unit_test(single_item),
        cmocka_unit_test(zero_single_lot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
