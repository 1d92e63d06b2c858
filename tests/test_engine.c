/* test_engine.c — the Monte Carlo engine: reproducibility across thread
 * counts and seeds, the streaming summary, and clean interruption. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

#include "clock.h"
#include "engine.h"
#include "out.h"
#include "record.h"

#define SMALL "tests/data/small.yaml"
#define SMALL_AUCTION "tests/data/small_auction.yaml"
#define SMALL_COUNTRIES "tests/data/small_countries.yaml"

static scn *load(const char *path)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load(path, &s, &e) != ERR_OK) fail_msg("%s", e.msg);
    return s;
}

/* Copies every replication's record into recs[rep]. */
static err_code keep_rep(const rep_record *r, void *ctx, err_t *e)
{
    (void)e;
    rep_record *recs = ctx;
    memcpy(&recs[r->rep], r, sizeof *r);
    return ERR_OK;
}

/* Run and return summary.csv as a heap string; every replication's record
 * is copied into recs[rep] unless recs is NULL. */
static char *run_csv_keep(const scn *s, long reps, int threads, uint64_t seed,
                          rep_record *recs)
{
    agg *a = engine_agg_alloc(s);
    engine_opts o = {.replications = reps, .threads = threads, .seed = seed,
                     .on_rep = recs ? keep_rep : NULL, .on_rep_ctx = recs};
    engine_stats st;
    err_t e;
    assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_OK);
    assert_int_equal(st.done, reps);
    assert_false(st.interrupted);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    out_run_info info = {.command_line = "test", .seed = seed,
                         .threads = threads, .replications_requested = reps,
                         .replications_done = st.done};
    out_ctx c = {s, a, &info};
    assert_int_equal(out_summary_csv(f, &c, &e), ERR_OK);
    assert_int_equal(out_summary_json(f, &c, &e), ERR_OK);
    fclose(f);
    agg_free(a);
    return buf;
}

static char *run_csv(const scn *s, long reps, int threads, uint64_t seed)
{
    return run_csv_keep(s, reps, threads, seed, NULL);
}

static void threads_do_not_matter(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    char *one = run_csv(s, 12, 1, 7);
    char *two = run_csv(s, 12, 2, 7);
    char *three = run_csv(s, 12, 3, 7);
    assert_string_equal(one, two);
    assert_string_equal(one, three);
    /* the summaries carry the breakdowns by operator and vendor */
    assert_contains(one, "ban,coverage_pop_share_operator[beta],2024,delta_p50,");
    assert_contains(one, "cap35,sites_bought[nokia],2022,p95,");
    free(one); free(two); free(three);
    scn_free(s);
}

/* The same with countries: every breakdown by country is byte-identical
 * for 1, 2 and 3 threads. */
static void threads_do_not_matter_countries(void **state)
{
    (void)state;
    scn *s = load(SMALL_COUNTRIES);
    char *one = run_csv(s, 12, 1, 9);
    char *two = run_csv(s, 12, 2, 9);
    char *three = run_csv(s, 12, 3, 9);
    assert_string_equal(one, two);
    assert_string_equal(one, three);
    assert_contains(one, "ban_south,delay_months_country[south],,p95,");
    assert_contains(one, "ban,hrv_site_share_country[north],2025,mean,");
    assert_contains(one, "\"countries\"");
    free(one); free(two); free(three);
    scn_free(s);
}

/* A run hands out one policy of one replication at a time, so the
 * policies of a replication are solved on different threads; the record
 * they assemble, paired with baseline by the thread that solves the last,
 * is byte for byte the record of the replication computed whole, policy
 * after policy, on one thread (engine_replication). */
static void policy_tasks_assemble_the_replication(void **state)
{
    (void)state;
    const char *files[] = {SMALL, SMALL_AUCTION, "tests/data/small_risk.yaml"};
    for (int f = 0; f < 3; f++) {
        scn *s = load(files[f]);
        enum { REPS = 5 };
        rep_record *kept = calloc(REPS, sizeof *kept);
        rep_record *whole = calloc(1, sizeof *whole);
        size_t max = record_packed_max(s);
        unsigned char *a = malloc(max), *b = malloc(max);
        assert_non_null(kept); assert_non_null(whole);
        assert_non_null(a); assert_non_null(b);
        free(run_csv_keep(s, REPS, 3, 13, kept));
        for (long rep = 0; rep < REPS; rep++) {
            err_t e;
            assert_int_equal(engine_replication(s, 13, rep, whole, &e), ERR_OK);
            size_t na = record_pack(s, &kept[rep], a);
            size_t nb = record_pack(s, whole, b);
            assert_int_equal(kept[rep].rep, rep);
            assert_int_equal(na, nb);
            assert_memory_equal(a, b, na);
        }
        free(a); free(b); free(kept); free(whole);
        scn_free(s);
    }
}

/* A run that computes only some policies (engine_opts.policies, as a
 * tornado does) gives the computed policies' parts of every record byte
 * for byte as a run of every policy, solves no program of the others and
 * leaves their metrics NaN. */
static void run_kept(const scn *s, long reps, uint32_t policies,
                     rep_record *recs, engine_stats *st)
{
    agg *a = engine_agg_alloc(s);
    engine_opts o = {.replications = reps, .threads = 2, .seed = 17,
                     .on_rep = keep_rep, .on_rep_ctx = recs,
                     .policies = policies};
    err_t e;
    assert_int_equal(engine_run(s, &o, a, st, &e), ERR_OK);
    assert_int_equal(st->done, reps);
    for (int m = 0; m < M_SCALAR_COUNT; m++)
        for (int p = 1; p < s->npolicies; p++)
            if (policies != 0 && !(policies >> p & 1u))
                assert_true(agg_scalar(a, p, m, ST_N) == 0);
    agg_free(a);
}

static void same_part(const rep_record *x, const rep_record *y, int p)
{
#define SAME(f) assert_memory_equal(&x->f[p], &y->f[p], sizeof x->f[p])
    SAME(scalar); SAME(yearly); SAME(oper); SAME(band); SAME(lots_won);
    SAME(keyed); SAME(keyed_yearly); SAME(status); SAME(diagnosis);
#undef SAME
}

/* Every metric of policy p's part of *r NaN, no diagnosis. */
static void all_nan(const rep_record *r, int p)
{
#define NAN_ALL(f)                                                           \
    do {                                                                     \
        const double *x = (const double *)&r->f[p];                          \
        for (size_t i = 0; i < sizeof r->f[p] / sizeof *x; i++)              \
            assert_true(isnan(x[i]));                                        \
    } while (0)
    NAN_ALL(scalar); NAN_ALL(yearly); NAN_ALL(oper); NAN_ALL(band);
    NAN_ALL(lots_won); NAN_ALL(keyed); NAN_ALL(keyed_yearly);
#undef NAN_ALL
    assert_int_equal(r->status[p], DEPLOY_OPTIMAL);
    assert_string_equal(r->diagnosis[p], "");
}

static void left_out_policies_change_nothing(void **state)
{
    (void)state;
    const char *files[] = {SMALL, SMALL_AUCTION, "tests/data/small_risk.yaml"};
    for (int f = 0; f < 3; f++) {
        scn *s = load(files[f]);
        /* more replications than the record window's 16 slots at 2
         * threads, so slots are used again */
        enum { REPS = 20 };
        rep_record *all = calloc(REPS, sizeof *all);
        rep_record *some = calloc(REPS, sizeof *some);
        assert_non_null(all); assert_non_null(some);
        engine_stats st_all, st_some;
        run_kept(s, REPS, 0, all, &st_all);
        assert_int_equal(st_all.programs, REPS * s->npolicies);
        for (int k = 1; k < s->npolicies; k++) {
            run_kept(s, REPS, 1u << k, some, &st_some);
            /* baseline and policy k only */
            assert_int_equal(st_some.programs, 2 * REPS);
            for (long rep = 0; rep < REPS; rep++) {
                assert_int_equal(some[rep].rep, rep);
                same_part(&all[rep], &some[rep], 0);
                same_part(&all[rep], &some[rep], k);
                for (int p = 1; p < s->npolicies; p++)
                    if (p != k) all_nan(&some[rep], p);
            }
        }
        /* baseline alone */
        run_kept(s, REPS, 1u, some, &st_some);
        assert_int_equal(st_some.programs, REPS);
        for (long rep = 0; rep < REPS; rep++) same_part(&all[rep], &some[rep], 0);
        free(all); free(some);
        scn_free(s);
    }
}

static void seeds_matter(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    char *a = run_csv(s, 6, 2, 7);
    char *b = run_csv(s, 6, 2, 7);
    char *c = run_csv(s, 6, 2, 8);
    assert_string_equal(a, b);
    assert_true(strcmp(a, c) != 0);
    free(a); free(b); free(c);
    scn_free(s);
}

/* Policies see the same draws: the baseline row of every replication is
 * the same whether or not other policies exist, and a replication run
 * alone equals the same replication inside a run. */
static void replication_alone_matches(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    rep_record *r = calloc(1, sizeof *r);
    err_t e;
    assert_int_equal(engine_replication(s, 7, 3, r, &e), ERR_OK);
    assert_int_equal(r->rep, 3);
    for (int p = 0; p < s->npolicies; p++) {
        assert_int_equal(r->status[p], DEPLOY_OPTIMAL);
        assert_true(r->scalar[p][M_COST_TOTAL] > 0);
    }
    /* A ban removes every high-risk site by its deadline (2024). */
    int ban = scn_policy_find(s, "ban");
    assert_true(ban > 0);
    assert_near(r->yearly[ban][MY_HRV_SHARE][3], 0.0, 1e-9);
    assert_near(r->yearly[ban][MY_HRV_SHARE][4], 0.0, 1e-9);
    assert_true(r->yearly[0][MY_HRV_SHARE][4] > 0.1);
    /* No policy beats doing nothing for the operators. */
    for (int p = 1; p < s->npolicies; p++)
        assert_true(r->scalar[p][M_OPERATOR_NPV] <=
                    r->scalar[0][M_OPERATOR_NPV] + 1e-6 * fabs(r->scalar[0][M_OPERATOR_NPV]));
    /* Baseline's delay is zero by definition. */
    if (isfinite(r->scalar[0][M_TARGET_YEAR]))
        assert_near(r->scalar[0][M_DELAY_MONTHS], 0.0, 0.0);
    free(r);
    scn_free(s);
}

/* ---- breakdowns by operator, vendor and country against the plan ---- */

/* The rollout plan of policy `pol` in replication `rep`, solved again as
 * the engine solved it (same program, same solver: the same plan). */
static void solve_again(const scn *s, uint64_t seed, long rep, int pol,
                        deploy_problem *p, deploy_result *res)
{
    err_t e;
    assert_int_equal(engine_problem(s, seed, rep, pol, p, &e), ERR_OK);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
}

/* Population of the regions in `regions`, and the part of it covered in
 * year t by the best operator of each region, by hand from the plan. */
static double covered_by_hand(const deploy_problem *p,
                              const deploy_result *res, uint32_t regions,
                              int t, double *pop)
{
    double covered = 0;
    *pop = 0;
    for (int r = 0; r < p->nregions; r++) {
        if (!(regions >> r & 1u)) continue;
        double best = 0;
        for (int o = 0; o < p->noperators; o++)
            if (res->coverage[o][r][t] > best) best = res->coverage[o][r][t];
        covered += p->population[r] * best;
        *pop += p->population[r];
    }
    return covered;
}

/* High-risk share of the sites (legacy and 5G) in `regions`, by hand. */
static double hrv_by_hand(const deploy_problem *p, const deploy_result *res,
                          uint32_t regions, int t)
{
    double hrv = 0, all = 0;
    for (int o = 0; o < p->noperators; o++)
        for (int r = 0; r < p->nregions; r++)
            for (int v = 0; v < p->nvendors; v++) {
                if (!(regions >> r & 1u)) continue;
                double n = res->stock_legacy[o][r][v][t] + res->stock_5g[o][r][v][t];
                all += n;
                if (p->high_risk[v]) hrv += n;
            }
    return all > 0 ? hrv / all : 0;
}

/* Delay against baseline as recorded: 12 x the difference of target
 * years, NaN unless both reach the target. */
static void check_delay(double delay, double year, double base)
{
    if (isnan(year) || isnan(base)) assert_true(isnan(delay));
    else assert_close(delay, 12.0 * (year - base), 1e-12);
}

/* Operator o's coverage of its market and target year, as recorded. */
static void check_operator(const scn *s, const deploy_problem *p,
                           const deploy_result *res, const rep_record *r,
                           int pol, int o)
{
    double path[T_MAX], pop = 0;
    for (int t = 0; t < p->nyears; t++) {
        double covered = 0;
        pop = 0;
        for (int g = 0; g < p->nregions; g++)
            if (p->market[o] >> g & 1u) {
                covered += p->population[g] * res->coverage[o][g][t];
                pop += p->population[g];
            }
        path[t] = covered / pop;
        assert_close(r->keyed_yearly[pol][MKY_OP_COVERAGE][o][t], path[t], 1e-12);
    }
    double year = deploy_target_year(path, p->nyears, s->year_first,
                                     s->run.coverage_target);
    assert_close(r->keyed[pol][MK_OP_TARGET_YEAR][o], year, 1e-12);
    assert_close(r->keyed[pol][MK_OP_TARGET_REACHED][o], isnan(year) ? 0 : 1, 0);
    check_delay(r->keyed[pol][MK_OP_DELAY_MONTHS][o], year,
                r->keyed[0][MK_OP_TARGET_YEAR][o]);
}

/* Vendor v's deliveries by year: the plan's upgrades (own sites and
 * swapped sites re-equipped) and new sites, within its capacity. */
static void check_vendor(const deploy_problem *p, const deploy_result *res,
                         const rep_record *r, int pol, int v)
{
    double total = 0;
    for (int t = 0; t < p->nyears; t++) {
        double n = 0;
        for (int o = 0; o < p->noperators; o++)
            for (int g = 0; g < p->nregions; g++)
                n += res->upgraded[o][g][v][t] + res->built[o][g][v][t];
        assert_close(r->keyed_yearly[pol][MKY_SITES_BOUGHT][v][t], n, 1e-12);
        assert_true(n <= p->capacity[v] * (1 + 1e-9) + 1e-6);
        total += n;
    }
    assert_close(r->keyed[pol][MK_SITES_BOUGHT_TOTAL][v], total, 1e-12);
}

/* The money and lateness metrics are the plan's; operator_npv is the
 * program's optimum where no fixed mitigation cost (outside the program)
 * applies. */
static void check_money(const deploy_problem *p, const deploy_result *res,
                        const rep_record *r, int pol)
{
    double fin = 0, over = 0, late = 0, fixed = 0;
    for (int o = 0; o < p->noperators; o++) {
        fin += res->npv[o].financing;
        over += res->overrun_npv[o];
        late += res->npv[o].late_penalty;
        assert_close(r->oper[pol][o][MO_FINANCING], res->npv[o].financing, 1e-12);
        assert_close(r->oper[pol][o][MO_SUBSIDY], res->npv[o].subsidy, 1e-12);
    }
    assert_close(r->scalar[pol][M_FINANCING], fin, 1e-12);
    assert_close(r->scalar[pol][M_BUDGET_OVERRUN], over, 1e-12);
    assert_close(r->scalar[pol][M_LATE_PENALTY], late, 1e-12);
    assert_close(r->scalar[pol][M_STATE_OUTLAY], res->state_outlay_npv, 1e-12);
    assert_close(r->scalar[pol][M_REMOVAL_DELAY], res->removal_delay_months, 1e-12);
    for (int t = 0; t < p->nyears; t++)
        assert_close(r->yearly[pol][MY_LATE_SITES][t], res->removal_late_sites[t],
                     1e-12);
    for (int i = 0; i < p->ninstr; i++)
        fixed += p->instr[i].kind == DEPLOY_MITIGATION ? p->instr[i].cost_fixed_year : 0;
    if (fixed == 0)
        assert_close(r->scalar[pol][M_OPERATOR_NPV], res->objective, 1e-7);
}

/* Breakdowns by operator and vendor equal the plan's own numbers. The ban
 * swaps sites (like for like, by its deadline), so the plan checked is
 * one with swaps. */
static void keyed_metrics_match_plan(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    rep_record *r = calloc(1, sizeof *r);
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(engine_replication(s, 7, 2, r, &e), ERR_OK);
    int ban = scn_policy_find(s, "ban");
    for (int pol = 0; pol < s->npolicies; pol++) {
        solve_again(s, 7, 2, pol, p, res);
        for (int o = 0; o < s->noperators; o++) check_operator(s, p, res, r, pol, o);
        for (int v = 0; v < s->nvendors; v++) check_vendor(p, res, r, pol, v);
        check_money(p, res, r, pol);
        if (pol != ban) continue;
        double swapped = 0;
        for (int o = 0; o < p->noperators; o++)
            for (int g = 0; g < p->nregions; g++)
                for (int v = 0; v < p->nvendors; v++)
                    for (int t = 0; t < p->nyears; t++)
                        swapped += res->swapped[o][g][v][t];
        assert_true(swapped > 1);
    }
    free(res); free(p); free(r);
    scn_free(s);
}

/* A single country that holds every region is the nation: its coverage,
 * high-risk share, target year, delay and reached flag equal the national
 * ones exactly. */
static void one_country_is_the_nation(void **state)
{
    (void)state;
    char *text = test_read_file(SMALL);
    text = test_replace(text, "{name: city,", "{name: city, country: only,");
    text = test_replace(text, "{name: country,",
                        "{name: country, country: only,");
    scn *s = load_ok(text);
    rep_record *r = calloc(1, sizeof *r);
    err_t e;
    assert_int_equal(s->ncountries, 1);
    assert_int_equal(engine_replication(s, 7, 1, r, &e), ERR_OK);
    for (int pol = 0; pol < s->npolicies; pol++) {
        for (int t = 0; t <= s->year_last - s->year_first; t++) {
            assert_close(r->keyed_yearly[pol][MKY_CTRY_COVERAGE][0][t],
                         r->yearly[pol][MY_COVERAGE][t], 0);
            assert_close(r->keyed_yearly[pol][MKY_CTRY_HRV_SHARE][0][t],
                         r->yearly[pol][MY_HRV_SHARE][t], 0);
        }
        assert_close(r->keyed[pol][MK_CTRY_TARGET_YEAR][0],
                     r->scalar[pol][M_TARGET_YEAR], 0);
        assert_close(r->keyed[pol][MK_CTRY_DELAY_MONTHS][0],
                     r->scalar[pol][M_DELAY_MONTHS], 0);
        assert_close(r->keyed[pol][MK_CTRY_TARGET_REACHED][0],
                     r->scalar[pol][M_TARGET_REACHED], 0);
    }
    free(r); free(text);
    scn_free(s);
}

/* Country c's paths and target year, as recorded, against the plan;
 * returns the covered population of year t into covered[t]. */
static void check_country(const scn *s, const deploy_problem *p,
                          const deploy_result *res, const rep_record *r,
                          int pol, int c, double covered[T_MAX])
{
    uint32_t regions = s->countries[c].regions;
    double path[T_MAX], pop;
    for (int t = 0; t < p->nyears; t++) {
        covered[t] = covered_by_hand(p, res, regions, t, &pop);
        path[t] = covered[t] / pop;
        assert_close(r->keyed_yearly[pol][MKY_CTRY_COVERAGE][c][t], path[t], 1e-12);
        assert_close(r->keyed_yearly[pol][MKY_CTRY_HRV_SHARE][c][t],
                     hrv_by_hand(p, res, regions, t), 1e-12);
    }
    double year = deploy_target_year(path, p->nyears, s->year_first,
                                     s->run.coverage_target);
    assert_close(r->keyed[pol][MK_CTRY_TARGET_YEAR][c], year, 1e-12);
    assert_close(r->keyed[pol][MK_CTRY_TARGET_REACHED][c], isnan(year) ? 0 : 1, 0);
    check_delay(r->keyed[pol][MK_CTRY_DELAY_MONTHS][c], year,
                r->keyed[0][MK_CTRY_TARGET_YEAR][c]);
}

/* Two countries (north: two regions; south: one): each country's measures
 * are the plan's restricted to its regions, and the countries' covered
 * populations add up to the national coverage. */
static void countries_match_plan(void **state)
{
    (void)state;
    scn *s = load(SMALL_COUNTRIES);
    rep_record *r = calloc(1, sizeof *r);
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    assert_int_equal(s->ncountries, 2);
    assert_int_equal(engine_replication(s, 5, 1, r, &e), ERR_OK);
    for (int pol = 0; pol < s->npolicies; pol++) {
        solve_again(s, 5, 1, pol, p, res);
        double sum[T_MAX] = {0}, covered[T_MAX], pop = 0;
        for (int c = 0; c < s->ncountries; c++) {
            check_country(s, p, res, r, pol, c, covered);
            for (int t = 0; t < p->nyears; t++) sum[t] += covered[t];
        }
        for (int g = 0; g < p->nregions; g++) pop += p->population[g];
        for (int t = 0; t < p->nyears; t++)
            assert_close(r->yearly[pol][MY_COVERAGE][t], sum[t] / pop, 1e-12);
    }
    /* north reaches the target years before south, the nation in between */
    double north = r->keyed[0][MK_CTRY_TARGET_YEAR][scn_country_find(s, "north")];
    double south = r->keyed[0][MK_CTRY_TARGET_YEAR][scn_country_find(s, "south")];
    assert_true(north + 1 < south);
    assert_true(r->scalar[0][M_TARGET_YEAR] > north);
    assert_true(r->scalar[0][M_TARGET_YEAR] < south);
    free(res); free(p); free(r);
    scn_free(s);
}

/* Money by country: the countries add up to the national totals, and an
 * operator serving one country (alpha: north; gamma: south) counts there
 * whole, so with beta (both) shared by population: north's cost is
 * alpha's + beta's x 2.7 / 4.0 (north 2.7 million people of beta's 4.0). */
static void country_money_adds_up(void **state)
{
    (void)state;
    scn *s = load(SMALL_COUNTRIES);
    rep_record *r = calloc(1, sizeof *r);
    err_t e;
    assert_int_equal(engine_replication(s, 5, 1, r, &e), ERR_OK);
    int north = scn_country_find(s, "north");
    for (int pol = 0; pol < s->npolicies; pol++) {
        double cost = 0, margin = 0, value = 0;
        for (int c = 0; c < s->ncountries; c++) {
            cost += r->keyed[pol][MK_CTRY_COST_TOTAL][c];
            margin += r->keyed[pol][MK_CTRY_MARGIN][c];
            value += r->keyed[pol][MK_CTRY_OPERATOR_NPV][c];
            assert_near(r->keyed[pol][MK_CTRY_AUCTION_REVENUE][c], 0, 0);
        }
        assert_close(cost, r->scalar[pol][M_COST_TOTAL], 1e-12);
        assert_close(margin, r->scalar[pol][M_MARGIN], 1e-12);
        assert_close(value, r->scalar[pol][M_OPERATOR_NPV], 1e-12);
        double (*op)[M_OPERATOR_COUNT] = r->oper[pol];
        assert_close(r->keyed[pol][MK_CTRY_COST_TOTAL][north],
                     op[0][MO_TOTAL] + op[1][MO_TOTAL] * 2.7 / 4.0, 1e-12);
    }
    free(r);
    scn_free(s);
}

/* The spectrum in the operators' value: each operator's payment NPV is
 * its price paid in payment_years = 2 equal parts, P/2 + P/2 / (1 + r);
 * operator_npv is margin less costs, penalties, payments and their
 * financing; and a policy's effect against baseline is the sum of its
 * four parts with the sign turned. */
static void spectrum_in_operator_value(void **state)
{
    (void)state;
    scn *s = load(SMALL_AUCTION);
    rep_record *r = calloc(1, sizeof *r);
    deploy_problem *p = calloc(1, sizeof *p);
    err_t e;
    assert_int_equal(engine_replication(s, 5, 2, r, &e), ERR_OK);
    assert_int_equal(engine_problem(s, 5, 2, 0, p, &e), ERR_OK);
    double rate = p->discount_rate, pay_all = 0;
    for (int o = 0; o < s->noperators; o++) {
        double pay = r->oper[0][o][MO_PAYMENT];
        assert_close(r->oper[0][o][MO_SPECTRUM_PAYMENT],
                     pay / 2 + pay / 2 / (1 + rate), 1e-12);
        pay_all += r->oper[0][o][MO_SPECTRUM_PAYMENT];
    }
    assert_true(pay_all > 0);
    for (int pol = 0; pol < s->npolicies; pol++) {
        const double *m = r->scalar[pol], *b = r->scalar[0];
        if (isnan(m[M_OPERATOR_NPV])) continue;
        assert_close(m[M_OPERATOR_NPV],
                     m[M_MARGIN] - m[M_COST_TOTAL] - m[M_PENALTY] -
                         m[M_LATE_PENALTY] - m[M_SPECTRUM_PAYMENT] -
                         m[M_SPECTRUM_FINANCING], 1e-12);
        double parts = m[M_EFFECT_EXTRA_COST] + m[M_EFFECT_MARGIN_LOST] +
                       m[M_EFFECT_SPECTRUM_REVENUE] + m[M_EFFECT_MITIGATION];
        assert_near(m[M_OPERATOR_NPV] - b[M_OPERATOR_NPV], -parts,
                    1e-6 * fabs(b[M_OPERATOR_NPV]));
    }
    free(p);
    free(r);
    scn_free(s);
}

typedef struct { int seen; int stop_after; long last; } interrupt_ctx;

static err_code stop_cb(const rep_record *r, void *ctx, err_t *e)
{
    (void)e;
    interrupt_ctx *c = ctx;
    assert_int_equal(r->rep, c->last + 1); /* in order */
    c->last = r->rep;
    if (++c->seen == c->stop_after) engine_interrupt();
    return ERR_OK;
}

static void interrupt_keeps_prefix(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    agg *a = engine_agg_alloc(s);
    interrupt_ctx ic = {0, 3, -1};
    engine_opts o = {.replications = 64, .threads = 1, .seed = 1,
                     .on_rep = stop_cb, .on_rep_ctx = &ic};
    engine_stats st;
    err_t e;
    engine_interrupt_clear();
    assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_OK);
    assert_true(st.interrupted);
    assert_true(st.done >= 3 && st.done < 64);
    assert_int_equal(agg_count(a), st.done);
    /* The request stays until cleared: a next run stops at once. */
    agg *b = engine_agg_alloc(s);
    assert_int_equal(engine_run(s, &o, b, &st, &e), ERR_OK);
    assert_true(st.interrupted);
    assert_int_equal(st.done, 0);
    agg_free(b);
    engine_interrupt_clear();
    agg_free(a);
    scn_free(s);
}

/* ---- summary.csv against the replications ---- */

/* A series of summary.csv: its metric name and year (0: none), and where
 * its value lies in a replication's record. */
typedef enum { F_SCALAR, F_YEARLY, F_KEYED, F_KEYED_YEARLY } series_family;
typedef struct {
    char name[OUT_KEYED_NAME_MAX];
    int year;
    series_family family;
    int m, k, t;
} series;

static double series_value(const series *x, const rep_record *r, int p)
{
    switch (x->family) {
    case F_SCALAR: return r->scalar[p][x->m];
    case F_YEARLY: return r->yearly[p][x->m][x->t];
    case F_KEYED: return r->keyed[p][x->m][x->k];
    case F_KEYED_YEARLY: return r->keyed_yearly[p][x->m][x->k][x->t];
    }
    return NAN;
}

/* Every series of a scenario without an auction; returns how many. */
static int series_list(const scn *s, series *out, int max)
{
    int n = 0, nt = s->year_last - s->year_first + 1;
    for (int m = 0; m < M_SCALAR_COUNT; m++)
        if (!metric_scalar_info[m].auction)
            out[n++] = (series){"", 0, F_SCALAR, m, 0, 0};
    for (int m = 0; m < M_YEARLY_COUNT; m++)
        for (int t = 0; t < nt; t++)
            out[n++] = (series){"", s->year_first + t, F_YEARLY, m, 0, t};
    for (int m = 0; m < M_KEYED_COUNT; m++)
        for (int k = 0; k < out_key_count(s, metric_keyed_scalar_info[m].key); k++)
            out[n++] = (series){"", 0, F_KEYED, m, k, 0};
    for (int m = 0; m < M_KEYED_YEARLY_COUNT; m++)
        for (int k = 0; k < out_key_count(s, metric_keyed_yearly_info[m].key); k++)
            for (int t = 0; t < nt; t++)
                out[n++] = (series){"", s->year_first + t, F_KEYED_YEARLY, m, k, t};
    assert_true(n <= max);
    for (int i = 0; i < n; i++) {
        series *x = &out[i];
        if (x->family == F_SCALAR)
            snprintf(x->name, sizeof x->name, "%s", metric_scalar_info[x->m].name);
        else if (x->family == F_YEARLY)
            snprintf(x->name, sizeof x->name, "%s", metric_yearly_info[x->m].name);
        else if (x->family == F_KEYED)
            out_keyed_name(x->name, s, &metric_keyed_scalar_info[x->m], x->k);
        else
            out_keyed_name(x->name, s, &metric_keyed_yearly_info[x->m], x->k);
    }
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Statistic `st` of the finite values v[0..n), recomputed here: two-pass
 * sd, Student's t from a table, quantiles interpolated between order
 * statistics (type 7). */
static double stat_of(double *v, int n, agg_stat st)
{
    /* t quantiles at 0.975 for 1..7 degrees of freedom */
    static const double t975[] = {12.706204736174698, 4.302652729749464,
                                  3.182446305284263, 2.776445105197799,
                                  2.570581835636314, 2.446911851144969,
                                  2.364624251592785};
    assert_true(n <= 8);
    if (st == ST_N) return n;
    if (n == 0) return NAN;
    double mean = 0, ss = 0;
    for (int i = 0; i < n; i++) mean += v[i];
    mean /= n;
    for (int i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
    double sd = n > 1 ? sqrt(ss / (n - 1)) : NAN;
    double half = n > 1 ? t975[n - 2] * sd / sqrt(n) : NAN;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    double q = st == ST_P05 || st == ST_D_P05 ? 0.05
             : st == ST_P50 || st == ST_D_P50 ? 0.50 : 0.95;
    double h = q * (n - 1);
    int lo = (int)floor(h);
    double quant = lo + 1 < n ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
    switch (st) {
    case ST_MEAN: case ST_D_MEAN: return mean;
    case ST_SD: return sd;
    case ST_CI_LO: case ST_D_CI_LO: return mean - half;
    case ST_CI_HI: case ST_D_CI_HI: return mean + half;
    default: return quant;
    }
}

/* The row `pol,metric,year,stat,value` recomputed from the records; the
 * test fails when it names no series of the list. */
static void check_row(const scn *s, const series *list, int nseries,
                      const rep_record *recs, int reps, char *row)
{
    char *f[5], *save = NULL;
    char copy[256];
    snprintf(copy, sizeof copy, "%s", row);
    f[0] = strtok_r(row, ",", &save);
    for (int i = 1; i < 5; i++)
        f[i] = strtok_r(NULL, ",", &save);
    /* an empty year leaves four fields: metric, stat, value shift */
    int year = 0;
    if (f[4] == NULL) { f[4] = f[3]; f[3] = f[2]; }
    else year = atoi(f[2]);
    int p = scn_policy_find(s, f[0]);
    int st = 0;
    while (st < ST_COUNT && strcmp(agg_stat_names[st], f[3]) != 0) st++;
    const series *x = NULL;
    for (int i = 0; i < nseries && x == NULL; i++)
        if (list[i].year == year && strcmp(list[i].name, f[1]) == 0) x = &list[i];
    if (p < 0 || st == ST_COUNT || x == NULL) fail_msg("unknown row %s", copy);
    double v[8], scale = 0;
    int n = 0;
    for (int r = 0; r < reps; r++) {
        double a = series_value(x, &recs[r], p);
        if (st >= ST_FIRST_DELTA) a -= series_value(x, &recs[r], 0);
        if (!isfinite(a)) continue;
        v[n++] = a;
        scale = fmax(scale, fabs(a));
    }
    double want = stat_of(v, n, (agg_stat)st);
    double got = strcmp(f[4], "NA") == 0 ? NAN : strtod(f[4], NULL);
    /* the summary prints 10 significant digits */
    if (isnan(want) != isnan(got) ||
        (!isnan(want) && fabs(got - want) > 1e-9 * fmax(scale, fabs(want))))
        fail_msg("%s: recomputed from the replications %.17g", copy, want);
}

/* Every value of summary.csv equals its statistic recomputed from the
 * replications' records. */
static void check_summary_values(const scn *s, char *csv,
                                 const rep_record *recs, int reps)
{
    enum { SERIES_MAX = 512 };
    series *list = malloc(SERIES_MAX * sizeof *list);
    assert_non_null(list);
    int nseries = series_list(s, list, SERIES_MAX), rows = 0;
    char *save = NULL;
    char *line = strtok_r(csv, "\n", &save); /* header */
    while ((line = strtok_r(NULL, "\n", &save)) != NULL && line[0] != '{') {
        check_row(s, list, nseries, recs, reps, line);
        rows++;
    }
    /* at least every scalar and yearly series of every policy */
    assert_true(rows > s->npolicies * (M_SCALAR_COUNT + M_YEARLY_COUNT) * 8);
    free(list);
}

/* The summary holds every required metric and statistic, each equal to
 * its recomputation from the replications. */
static void summary_has_metrics(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    rep_record *recs = calloc(4, sizeof *recs);
    assert_non_null(recs);
    char *csv = run_csv_keep(s, 4, 2, 5, recs);
    assert_contains(csv, "policy,metric,year,stat,value\n");
    const char *need[] = {
        "baseline,cost_total_npv,,mean,", "ban,cost_swap_npv,,delta_mean,",
        "ban,delay_months,,p95,", "cap35,coverage_pop_share,2023,ci95_lo,",
        "mitigation,risk_exposure,2025,delta_ci95_hi,",
        "ban,hrv_site_share,2025,p50,", "ban,infeasible_share,,mean,",
        "baseline,target_year,,sd,", "cap35,cost_mitigation_npv,,p05,",
        "cap35,cost_opex_npv,,delta_ci95_lo,", "baseline,cost_capex_npv,,n,4",
        "baseline,coverage_pop_share_operator[alpha],2021,mean,",
        "ban,target_year_operator[beta],,delta_mean,",
        "ban,delay_months_operator[alpha],,p05,",
        "mitigation,target_reached_share_operator[beta],,mean,",
        "ban,sites_bought[huawei],2025,delta_p95,",
        "baseline,sites_bought_total[ericsson],,n,4"};
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
        assert_contains(csv, need[i]);
    assert_null(strstr(csv, "baseline,cost_total_npv,,delta_mean"));
    /* baseline's delays are 0 by definition; no countries in this file */
    assert_null(strstr(csv, "baseline,delay_months_operator"));
    assert_null(strstr(csv, "ban,delay_months_operator[alpha],,delta_mean"));
    assert_null(strstr(csv, "_country["));
    assert_null(strstr(csv, "\"countries\""));
    check_summary_values(s, csv, recs, 4);
    free(csv);
    free(recs);
    scn_free(s);
}

/* A node limit below what some programs need: a program stopped at the
 * limit is never optimal and is counted in solver_limit_share (not as
 * infeasible or failed), with its plan's metrics when it had found one,
 * and with no metrics and a diagnosis naming the limit when it had not. Every program is
 * solved again without the limit to learn how many nodes it needs. */
static void node_limit_counted_as_limit(void **state)
{
    (void)state;
    enum { LIMIT = 5, REPS = 3 };
    char *text = test_replace(test_read_file(SMALL_AUCTION),
                              "  coverage_target: 0.8\n",
                              "  coverage_target: 0.8\n  mip_node_limit: 5\n");
    scn *s = load_ok(text);
    free(text);
    rep_record *r = calloc(1, sizeof *r);
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    err_t e;
    int stopped[P_MAX] = {0}, limited = 0;
    for (long rep = 0; rep < REPS; rep++) {
        assert_int_equal(engine_replication(s, 7, rep, r, &e), ERR_OK);
        for (int pol = 0; pol < s->npolicies; pol++) {
            const double *m = r->scalar[pol];
            assert_int_equal(engine_problem(s, 7, rep, pol, p, &e), ERR_OK);
            assert_int_equal(p->node_limit, LIMIT);
            p->node_limit = 1000000;
            assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
            bool plan = r->status[pol] == DEPLOY_LIMIT;
            bool limit = plan || r->status[pol] == DEPLOY_LIMIT_NOPLAN;
            stopped[pol] += limit;
            limited += limit;
            assert_near(m[M_SOLVER_LIMIT], limit ? 1 : 0, 0);
            assert_near(m[M_SOLVER_FAILED], 0, 0);
            assert_near(m[M_INFEASIBLE], 0, 0);
            if (res->nodes <= LIMIT) {
                assert_int_equal(r->status[pol], DEPLOY_OPTIMAL);
            } else if (plan) {
                assert_true(isfinite(m[M_COST_TOTAL]));
            } else {
                /* stopped before any plan: counted at the node limit,
                 * never as a solver failure, and no cost reported */
                assert_int_equal(r->status[pol], DEPLOY_LIMIT_NOPLAN);
                assert_true(isnan(m[M_COST_TOTAL]));
                assert_contains(r->diagnosis[pol], "node limit");
            }
        }
    }
    assert_true(limited > 0);
    /* the summary counts the same programs */
    agg *a = engine_agg_alloc(s);
    engine_opts o = {.replications = REPS, .threads = 1, .seed = 7};
    engine_stats st;
    assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_OK);
    for (int pol = 0; pol < s->npolicies; pol++)
        assert_close(agg_scalar(a, pol, M_SOLVER_LIMIT, ST_MEAN),
                     (double)stopped[pol] / REPS, 1e-15);
    agg_free(a);
    free(res); free(p); free(r);
    scn_free(s);
}

/* A policy whose auction fails in every replication (here a reserve
 * factor of 0 with no absolute increment, set after loading since the
 * loader now refuses it) is recorded as failed in all of them and named
 * by engine_policy_all_failed, which makes `specsim run` exit 1; the other
 * policies are untouched. */
static void all_failed_policy_named(void **state)
{
    (void)state;
    scn *s = load(SMALL_AUCTION);
    int bar = scn_policy_find(s, "ban_bar");
    assert_true(bar >= 0);
    scn_instrument *ins = &s->policies[bar].instruments[1];
    assert_int_equal(ins->kind, INSTR_AUCTION);
    ins->reserve_factor = (scn_num){0.0, -1};
    s->auction.increment_abs = 0.0;
    agg *a = engine_agg_alloc(s);
    engine_opts o = {.replications = 2, .threads = 1, .seed = 7};
    engine_stats st;
    err_t e;
    assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_OK);
    for (int pol = 0; pol < s->npolicies; pol++) {
        assert_int_equal(engine_policy_all_failed(a, pol), pol == bar);
        assert_near(agg_scalar(a, pol, M_SOLVER_FAILED, ST_MEAN),
                    pol == bar ? 1.0 : 0.0, 0);
    }
    long rep;
    assert_contains(agg_first_diagnosis(a, bar, &rep), "increment_abs = 0");
    agg_free(a);
    scn_free(s);
}

/* With an auction in every replication results still do not depend on
 * the thread count. */
static void auction_threads_do_not_matter(void **state)
{
    (void)state;
    scn *s = load(SMALL_AUCTION);
    char *one = run_csv(s, 8, 1, 11);
    char *two = run_csv(s, 8, 2, 11);
    assert_string_equal(one, two);
    assert_contains(one, "baseline,auction_revenue,,mean,");
    assert_contains(one, "ban_bar,auction_price_mhz_pop[b3600],,delta_mean,");
    free(one); free(two);
    scn_free(s);
}

/* The auction's outcome: supply respected, revenue = payments, the barred
 * (vendor-affiliated) bidder wins nothing, and payments come out of the
 * capex budgets of the rollout program. */
static void auction_outcome_feeds_rollout(void **state)
{
    (void)state;
    scn *s = load(SMALL_AUCTION);
    rep_record *r = calloc(1, sizeof *r);
    deploy_problem *p = calloc(1, sizeof *p);
    err_t e;
    assert_int_equal(engine_replication(s, 5, 2, r, &e), ERR_OK);
    int bar = scn_policy_find(s, "ban_bar"), alpha = 0;
    for (int pol = 0; pol < s->npolicies; pol++) {
        double won = 0, pay = 0;
        for (int o = 0; o < s->noperators; o++) {
            won += r->lots_won[pol][o][1];
            pay += r->oper[pol][o][MO_PAYMENT];
        }
        assert_true(won <= s->bands[1].lots);
        assert_close(pay, r->scalar[pol][M_AUCTION_REVENUE], 1e-9);
        assert_close(r->band[pol][1][MB_REVENUE], pay, 1e-9);
    }
    assert_near(r->lots_won[bar][alpha][1], 0, 0);
    assert_near(r->oper[bar][alpha][MO_PAYMENT], 0, 0);
    assert_true(r->lots_won[0][alpha][1] > 0);
    /* Budgets net of payments spread over payment_years = 2. */
    assert_int_equal(engine_problem(s, 5, 2, 0, p, &e), ERR_OK);
    double pay_beta = r->oper[0][1][MO_PAYMENT];
    double draws_budget = p->budget[1][2]; /* after the instalments */
    assert_close(p->budget[1][0], draws_budget - pay_beta / 2, 1e-9);
    assert_close(p->budget[1][1], draws_budget - pay_beta / 2, 1e-9);
    /* The policy's licence obligation replaces the operators' own. */
    assert_int_equal(engine_problem(s, 5, 2, bar, p, &e), ERR_OK);
    assert_int_equal(p->obligation_t[1], 2025 - 2021);
    assert_close(p->obligation_share[1], 0.7, 1e-12);
    free(p);
    free(r);
    scn_free(s);
}

/* The additive value model through the engine: values do not depend on the
 * policy, and every policy faces the same bidders (common random numbers),
 * so policies that leave the auction rules alone get the same outcome. */
static void additive_values_same_for_all_policies(void **state)
{
    (void)state;
    char *text = test_replace(
        test_read_file(SMALL_AUCTION), "  value_model: network\n",
        "  value_model: additive\n"
        "  additive: {base_lo: {b3600: 1.0e6}, base_hi: {b3600: 6.0e6},"
        " synergy: {b3600: 0.2}}\n");
    scn *s = load_ok(text);
    free(text);
    err_t e;
    rep_record *r = calloc(1, sizeof *r);
    assert_int_equal(engine_replication(s, 3, 1, r, &e), ERR_OK);
    int mit = scn_policy_find(s, "mitigation"), ban = scn_policy_find(s, "ban");
    assert_true(r->scalar[0][M_AUCTION_REVENUE] > 0);
    assert_close(r->scalar[mit][M_AUCTION_REVENUE], r->scalar[0][M_AUCTION_REVENUE], 0);
    assert_close(r->scalar[ban][M_AUCTION_REVENUE], r->scalar[0][M_AUCTION_REVENUE], 0);
    for (int o = 0; o < s->noperators; o++)
        assert_close(r->lots_won[ban][o][1], r->lots_won[0][o][1], 0);
    free(r);
    scn_free(s);
}

/* tests/data/small.yaml with `from` replaced by `to`. */
static scn *small_with(const char *from, const char *to)
{
    char *text = test_replace(test_read_file(SMALL), from, to);
    scn *s = load_ok(text);
    free(text);
    return s;
}

/* Numbers that would make the rollout program degenerate: the loader
 * refuses them with the field's realistic range (a demand of 1e-310 Mbit/s
 * made GLPK abort the process (teta >= 0.0), a cell range of 1e-154 km
 * failed an assertion in the model), and a value that reaches the engine
 * past the loader (a program's own scenario) still ends the run as a
 * scenario error naming the field, for `run` (engine_run) and `lp`
 * (engine_problem) alike. */
static void degenerate_numbers_named(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *load_msg;
    } loads[] = {
        {"demand_mbps: 0.1,", "demand_mbps: 1e-310,",
         "regions[0].demand_mbps: \"1e-310\": expected a number in "
         "[0.001, 10000]"},
        {"range_km: {urban: 2.0,", "range_km: {urban: 1e-154,",
         "bands[0].range_km.urban: \"1e-154\": expected a number in "
         "[0.01, 100]"},
    };
    for (size_t k = 0; k < sizeof loads / sizeof loads[0]; k++) {
        char *text = test_replace(test_read_file(SMALL), loads[k].from,
                                  loads[k].to);
        err_t e;
        err_clear(&e);
        scn *s = NULL;
        assert_int_equal(scn_load_string("t.yaml", text, strlen(text), &s, &e),
                         ERR_SCENARIO);
        assert_null(s);
        assert_contains(e.msg, loads[k].load_msg);
        free(text);
    }
    deploy_problem *p = calloc(1, sizeof *p);
    assert_non_null(p);
    for (int k = 0; k < 3; k++) {
        scn *s = small_with("", "");
        const char *field;
        if (k == 0) {
            s->regions[scn_region_find(s, "city")].demand_mbps.value = 1e-310;
            field = "regions[city].demand_mbps = 1e-310";
        } else {
            int b = 0;
            while (strcmp(s->bands[b].name, k == 1 ? "b700" : "b3600") != 0)
                b++;
            s->bands[b].range_km[GEO_URBAN].value = 1e-154;
            field = k == 1 ? "bands[b700].range_km.urban = 1e-154"
                           : "bands[b3600].range_km.urban = 1e-154";
        }
        agg *a = engine_agg_alloc(s);
        engine_opts o = {.replications = 4, .threads = 2, .seed = 3};
        engine_stats st;
        err_t e;
        err_clear(&e);
        assert_int_equal(engine_run(s, &o, a, &st, &e), ERR_SCENARIO);
        assert_contains(e.msg, field);
        assert_contains(e.msg, "(replication 0, policy 'baseline')");
        assert_int_equal(st.done, 0);
        assert_false(st.interrupted);
        err_clear(&e);
        assert_int_equal(engine_problem(s, 3, 0, 3, p, &e), ERR_SCENARIO);
        assert_contains(e.msg, field);
        agg_free(a);
        scn_free(s);
    }
    free(p);
}

/* A program with a NaN objective coefficient (what a demand of 1e-310
 * made of the quality premium) is refused before GLPK sees it, naming the
 * column; GLPK itself aborted the process on it. */
static void nan_program_refused(void **state)
{
    (void)state;
    scn *s = load(SMALL);
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    assert_true(p && res);
    err_t e;
    assert_int_equal(engine_problem(s, 42, 0, 0, p, &e), ERR_OK);
    p->quality_user_year[0] = NAN;
    assert_int_equal(deploy_solve(p, res, &e), ERR_SCENARIO);
    assert_int_equal(res->status, DEPLOY_INVALID);
    assert_string_equal(deploy_status_name(res->status), "invalid");
    assert_contains(e.msg, "rollout program: column cov_o0_r0_t0: "
                           "objective coefficient nan");
    free(p); free(res);
    scn_free(s);
}

typedef struct {
    atomic_int *flag;
    double after_s;
} stopper;

/* Sets the flag after a while, as Ctrl-C would. */
static void *stop_later(void *arg)
{
    const stopper *st = arg;
    struct timespec ts = {(time_t)st->after_s,
                          (long)((st->after_s - (double)(time_t)st->after_s) * 1e9)};
    nanosleep(&ts, NULL);
    atomic_store(st->flag, 1);
    return NULL;
}

/* A program that takes GLPK about 11 s to prove optimal (the UK's January
 * 2020 cap, gap 0, 573 nodes) stops within a node of the flag being set,
 * and is reported as interrupted: no plan, not infeasible. (Skipped in
 * the build with the small test limits.) */
static void long_solve_interrupted(void **state)
{
    (void)state;
#ifdef SPECSIM_TEST_LIMITS
    skip(); /* the UK scenario has more regions and bands than these limits */
#endif
    scn *s = load("scenarios/uk-2020.yaml");
    int pol = -1;
    for (int k = 0; k < s->npolicies; k++)
        if (strcmp(s->policies[k].name, "jan2020_cap") == 0) pol = k;
    assert_true(pol >= 0);
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    assert_true(p && res);
    err_t e;
    assert_int_equal(engine_problem(s, 1, 0, pol, p, &e), ERR_OK);
    atomic_int flag = 0;
    p->stop = &flag;
    p->node_limit = 10000000;
    p->mip_gap = 0;
    stopper st = {&flag, 0.5};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, stop_later, &st), 0);
    double t0 = clock_seconds();
    err_code rc = deploy_solve(p, res, &e);
    double took = clock_seconds() - t0;
    pthread_join(th, NULL);
    assert_int_equal(rc, ERR_INTERRUPTED);
    assert_int_equal(res->status, DEPLOY_INTERRUPTED);
    assert_contains(e.msg, "interrupted");
    if (took > 0.5 + 2.0)
        fail_msg("the solve returned %.2f s after the stop", took - 0.5);
    /* asked before it starts, it does not start */
    assert_int_equal(deploy_solve(p, res, &e), ERR_INTERRUPTED);
    assert_int_equal(res->nodes, 0);
    free(p); free(res);
    scn_free(s);
}

/* ---- soft budgets, soft deadlines and subsidies from the file ---- */

/* tests/data/small.yaml with budgets far below the swaps' cost, the
 * non-high-risk vendors delivering 100 sites a year, and the high-risk
 * RAN removed by the end of 2022 (ban), also with half the swaps paid by
 * the state (aided). `op` is added to both operators, `market` to the
 * market section and `excl` to both exclusions' fields. */
static scn *soft_case(const char *op, const char *market, const char *excl)
{
    char *t = test_read_file(SMALL);
    char buf[256];
    t = test_replace(t, "capacity_sites_year: 1500}", "capacity_sites_year: 100}");
    t = test_replace(t, "capacity_sites_year: 1200}", "capacity_sites_year: 100}");
    snprintf(buf, sizeof buf, "capex_budget_eur_year: 5.0e6\n%s", op);
    t = test_replace(t, "capex_budget_eur_year: 6.0e7\n", buf);
    t = test_replace(t, "capex_budget_eur_year: 5.0e7\n", buf);
    snprintf(buf, sizeof buf, "  site_opex_eur_year: 5000\n%s", market);
    t = test_replace(t, "  site_opex_eur_year: 5000\n", buf);
    char *pol = strstr(t, "policies:\n");
    assert_non_null(pol);
    *pol = '\0';
    size_t len = strlen(t) + 1024;
    char *full = malloc(len);
    assert_non_null(full);
    snprintf(full, len,
             "%spolicies:\n"
             "  - name: baseline\n"
             "  - name: ban\n"
             "    instruments:\n"
             "      - exclude: {vendors: high_risk, scope: ran, from_year: "
             "2021, removal_year: 2022%s}\n"
             "  - name: aided\n"
             "    instruments:\n"
             "      - exclude: {vendors: high_risk, scope: ran, from_year: "
             "2021, removal_year: 2022%s}\n"
             "      - subsidy: {share: 0.5}\n",
             t, excl, excl);
    free(t);
    scn *s = load_ok(full);
    free(full);
    return s;
}

enum { SOFT_SEED = 42, BASE = 0, BAN = 1, AIDED = 2 };

/* Sites held past the deadline, summed over the years. */
static double late_sites(const rep_record *r, int pol, int nyears)
{
    double n = 0;
    for (int t = 0; t < nyears; t++) n += r->yearly[pol][MY_LATE_SITES][t];
    return n;
}

static bool has_plan(const rep_record *r, int pol)
{
    return r->status[pol] == DEPLOY_OPTIMAL || r->status[pol] == DEPLOY_LIMIT;
}

static void soft_rules_from_file(void **state)
{
    (void)state;
    rep_record *r = calloc(1, sizeof *r), *r2 = calloc(1, sizeof *r2);
    deploy_problem *p = calloc(1, sizeof *p);
    assert_true(r != NULL && r2 != NULL && p != NULL);
    err_t e;

    /* Defaults: soft budgets and deadlines. The ban borrows, on time. */
    scn *s = soft_case("", "", "");
    int ny = s->year_last - s->year_first + 1;
    assert_int_equal(engine_problem(s, SOFT_SEED, 0, AIDED, p, &e), ERR_OK);
    assert_close(p->financing_rate, p->discount_rate + 0.02, 1e-15);
    assert_int_equal(p->financing_term_years, 5);
    assert_false(p->budget_hard[0] || p->budget_hard[1]);
    assert_int_equal(p->ninstr, 2);
    assert_false(p->instr[0].deadline_hard);
    assert_close(p->instr[0].late_penalty_site_year, 2 * p->swap_site, 1e-15);
    assert_int_equal(p->instr[1].kind, DEPLOY_SUBSIDY);
    assert_close(p->instr[1].subsidy_share, 0.5, 0);
    assert_int_equal(p->instr[1].operators, 3u);
    assert_int_equal(p->instr[1].vendors, 1u << 2);
    assert_int_equal(engine_replication(s, SOFT_SEED, 0, r, &e), ERR_OK);
    for (int pol = 0; pol < 3; pol++) assert_true(has_plan(r, pol));
    assert_true(r->scalar[BAN][M_FINANCING] > 0);
    assert_true(r->scalar[BAN][M_BUDGET_OVERRUN] > 0);
    assert_near(r->scalar[BAN][M_STATE_OUTLAY], 0, 0);
    assert_true(r->scalar[AIDED][M_STATE_OUTLAY] > 0);
    assert_near(r->scalar[BASE][M_STATE_OUTLAY], 0, 0);
    /* the subsidy lowers what the operators borrow */
    assert_true(r->scalar[AIDED][M_FINANCING] < r->scalar[BAN][M_FINANCING]);
    scn_free(s);

    /* A dearer loan costs more for the same plan's borrowing. */
    s = soft_case("", "  financing_rate: 0.5\n  financing_term_years: 10\n",
                  "");
    assert_int_equal(engine_problem(s, SOFT_SEED, 0, BAN, p, &e), ERR_OK);
    assert_close(p->financing_rate, 0.5, 0);
    assert_int_equal(p->financing_term_years, 10);
    assert_int_equal(engine_replication(s, SOFT_SEED, 0, r2, &e), ERR_OK);
    assert_true(has_plan(r2, BAN));
    assert_true(r2->scalar[BAN][M_FINANCING] > r->scalar[BAN][M_FINANCING]);
    scn_free(s);

    /* A penalty below the swap price: the high-risk sites stay late. */
    s = soft_case("", "", ", late_penalty_eur_site_year: 2000");
    assert_int_equal(engine_problem(s, SOFT_SEED, 0, BAN, p, &e), ERR_OK);
    assert_close(p->instr[0].late_penalty_site_year, 2000, 0);
    assert_int_equal(engine_replication(s, SOFT_SEED, 0, r, &e), ERR_OK);
    assert_true(has_plan(r, BAN));
    assert_true(late_sites(r, BAN, ny) > 0);
    assert_true(r->scalar[BAN][M_LATE_PENALTY] > 0);
    assert_true(r->scalar[BAN][M_REMOVAL_DELAY] > 0);
    scn_free(s);

    /* Hard budgets, soft deadlines: nothing borrowed, the removal late. */
    s = soft_case("    budget_hard: true\n", "", "");
    assert_int_equal(engine_problem(s, SOFT_SEED, 0, BAN, p, &e), ERR_OK);
    assert_true(p->budget_hard[0] && p->budget_hard[1]);
    assert_int_equal(engine_replication(s, SOFT_SEED, 0, r, &e), ERR_OK);
    assert_true(has_plan(r, BAN));
    assert_near(r->scalar[BAN][M_FINANCING], 0, 0);
    assert_true(late_sites(r, BAN, ny) > 0);
    assert_true(r->scalar[BAN][M_LATE_PENALTY] > 0);
    scn_free(s);

    /* Both hard (the old rules): the ban cannot be met, and the
     * diagnosis names the exclusion. */
    s = soft_case("    budget_hard: true\n", "", ", deadline_hard: true");
    assert_int_equal(engine_problem(s, SOFT_SEED, 0, BAN, p, &e), ERR_OK);
    assert_true(p->instr[0].deadline_hard);
    assert_int_equal(engine_replication(s, SOFT_SEED, 0, r, &e), ERR_OK);
    assert_true(has_plan(r, BASE));
    assert_int_equal(r->status[BAN], DEPLOY_INFEASIBLE);
    assert_near(r->scalar[BAN][M_INFEASIBLE], 1, 0);
    assert_contains(r->diagnosis[BAN],
                    "'exclude huawei (ran) from 2021, removed by 2022'");
    scn_free(s);
    free(p); free(r2); free(r);
}

/* Non-radio equipment from the file: alpha's huawei core sites and
 * transport units go with the ban (scope all, removed by 2024) at the
 * market's prices, below the default late penalty so that removal on time
 * is the cheaper choice, and stay under baseline. */
static void equipment_from_file(void **state)
{
    (void)state;
    char *t = test_read_file(SMALL);
    t = test_replace(t, "  site_opex_eur_year: 5000\n",
                     "  site_opex_eur_year: 5000\n"
                     "  core_site_swap_eur: 3.0e4\n"
                     "  transport_swap_eur: 8000\n");
    t = test_replace(t, "    core_vendor: ericsson\n",
                     "    core_vendor: ericsson\n"
                     "    equipment:\n"
                     "      core_sites: {huawei: 4}\n"
                     "      transport: {huawei: 30, nokia: 10}\n");
    scn *s = load_ok(t);
    free(t);
    deploy_problem *p = calloc(1, sizeof *p);
    deploy_result *res = calloc(1, sizeof *res);
    assert_true(p != NULL && res != NULL);
    err_t e;
    int ban = scn_policy_find(s, "ban"), hw = scn_vendor_find(s, "huawei");
    int nk = scn_vendor_find(s, "nokia");
    int last = s->year_last - s->year_first;
    assert_int_equal(engine_problem(s, 42, 0, ban, p, &e), ERR_OK);
    assert_close(p->units[0][DEPLOY_UNIT_CORE][hw], 4, 0);
    assert_close(p->units[0][DEPLOY_UNIT_TRANSPORT][hw], 30, 0);
    assert_close(p->units[0][DEPLOY_UNIT_TRANSPORT][nk], 10, 0);
    assert_close(p->units[1][DEPLOY_UNIT_TRANSPORT][hw], 0, 0);
    assert_close(p->unit_swap[DEPLOY_UNIT_CORE], 3e4, 0);
    assert_close(p->unit_swap[DEPLOY_UNIT_TRANSPORT], 8000, 0);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    double swapped[DEPLOY_K] = {0};
    for (int k = 0; k < DEPLOY_K; k++)
        for (int y = 0; y <= last; y++)
            swapped[k] += res->unit_swapped[0][k][hw][y];
    /* all of it gone by the deadline, the nokia units kept */
    assert_close(swapped[DEPLOY_UNIT_CORE], 4, 1e-6);
    assert_close(swapped[DEPLOY_UNIT_TRANSPORT], 30, 1e-6);
    assert_near(res->unit_stock[0][DEPLOY_UNIT_TRANSPORT][hw][last], 0, 1e-6);
    assert_close(res->unit_stock[0][DEPLOY_UNIT_TRANSPORT][nk][last], 10,
                 1e-9);
    /* baseline keeps everything */
    assert_int_equal(engine_problem(s, 42, 0, 0, p, &e), ERR_OK);
    assert_int_equal(deploy_solve(p, res, &e), ERR_OK);
    assert_close(res->unit_stock[0][DEPLOY_UNIT_CORE][hw][last], 4, 1e-9);
    free(res); free(p);
    scn_free(s);
}

/* A subsidy limited to some regions pays only the operators serving
 * them, whatever its `operators` list. */
static void subsidy_operators_of_its_regions(void **state)
{
    (void)state;
    char *t = test_read_file(SMALL_COUNTRIES);
    t = test_replace(t, "removal_year: 2023, regions: fields}\n",
                     "removal_year: 2023, regions: fields}\n"
                     "      - subsidy: {share: 0.5, regions: fields, "
                     "operators: [alpha, gamma]}\n");
    scn *s = load_ok(t);
    free(t);
    deploy_problem *p = calloc(1, sizeof *p);
    assert_non_null(p);
    err_t e;
    int pol = scn_policy_find(s, "ban_south");
    assert_int_equal(engine_problem(s, 1, 0, pol, p, &e), ERR_OK);
    assert_int_equal(p->instr[1].kind, DEPLOY_SUBSIDY);
    /* alpha serves only the north */
    assert_int_equal(p->instr[1].operators, 1u << 2);
    assert_int_equal(p->instr[1].regions, 1u << 2);
    free(p);
    scn_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads_do_not_matter),
        cmocka_unit_test(threads_do_not_matter_countries),
        cmocka_unit_test(policy_tasks_assemble_the_replication),
        cmocka_unit_test(left_out_policies_change_nothing),
        cmocka_unit_test(keyed_metrics_match_plan),
        cmocka_unit_test(one_country_is_the_nation),
        cmocka_unit_test(countries_match_plan),
        cmocka_unit_test(country_money_adds_up),
        cmocka_unit_test(spectrum_in_operator_value),
        cmocka_unit_test(seeds_matter),
        cmocka_unit_test(replication_alone_matches),
        cmocka_unit_test(interrupt_keeps_prefix),
        cmocka_unit_test(summary_has_metrics),
        cmocka_unit_test(all_failed_policy_named),
        cmocka_unit_test(auction_threads_do_not_matter),
        cmocka_unit_test(node_limit_counted_as_limit),
        cmocka_unit_test(auction_outcome_feeds_rollout),
        cmocka_unit_test(additive_values_same_for_all_policies),
        cmocka_unit_test(degenerate_numbers_named),
        cmocka_unit_test(nan_program_refused),
        cmocka_unit_test(long_solve_interrupted),
        cmocka_unit_test(soft_rules_from_file),
        cmocka_unit_test(equipment_from_file),
        cmocka_unit_test(subsidy_operators_of_its_regions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
