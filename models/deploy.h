/* deploy.h — the rollout optimiser: one mixed-integer program per
 * replication and policy, all operators jointly.
 *
 * DESIGN — the model knows nothing of scenario files or distributions: the
 * caller (sim/instance.c) fills a `deploy_problem` with plain numbers for one
 * replication and one policy, the instruments already resolved into vendor
 * and region masks and year indices. deploy_solve() builds the program,
 * solves it with GLPK (all GLPK calls live in deploy_glp.c), and fills a
 * `deploy_result` with the plan and its measures. When the program is
 * infeasible it re-solves with each instrument switched off in turn and
 * names the instrument(s) whose removal restores feasibility. The program
 * is documented equation by equation in docs/model.md.
 *
 * Index conventions: o operator, r region, v vendor, t year index
 * (0 = first year of the horizon).
 */
#ifndef SPECSIM_DEPLOY_H
#define SPECSIM_DEPLOY_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "specsim_limits.h"

/* Solutions kept for reuse, owned by the caller (sim/engine/memo.c). A
 * program is known by the SHA-256 digest of everything GLPK is given: the
 * rows, columns, bounds, kinds, objective and matrix as built, the
 * program's layout and the solver settings. GLPK is deterministic, so a
 * program identical to one solved before has the same solution; `find`
 * hands it back (the values of columns 1..ncols in x[1..ncols], the
 * status, the optimum and the nodes it took) and `keep` stores one.
 * Both are called from any thread. */
typedef struct {
    bool (*find)(void *ctx, const unsigned char digest[32], int ncols,
                 double *x, int *status, double *objective, long *nodes);
    void (*keep)(void *ctx, const unsigned char digest[32], int ncols,
                 const double *x, int status, double objective, long nodes);
    void *ctx;
} deploy_memo;

#define DEPLOY_O SPECSIM_OPERATORS_MAX
#define DEPLOY_R SPECSIM_REGIONS_MAX
#define DEPLOY_V SPECSIM_VENDORS_MAX
#define DEPLOY_T SPECSIM_YEARS_MAX
#define DEPLOY_I SPECSIM_INSTRUMENTS_MAX

typedef enum {
    DEPLOY_EXCLUDE = 0,
    DEPLOY_CAP,
    DEPLOY_DIVERSITY,
    DEPLOY_MITIGATION,
    DEPLOY_MANAGEMENT,  /* exclude, scope management: another vendor's
                           network-management system from removal_t */
    DEPLOY_SUBSIDY      /* the state reimburses a share of swap costs */
} deploy_instr_kind;

/* Installed equipment that is not a radio site: removed under the
 * exclusions that cover its kind, swapped at its own price, never counted
 * for coverage or in the high-risk share of sites. */
typedef enum {
    DEPLOY_UNIT_CORE = 0,   /* core-network sites (switching, data centres) */
    DEPLOY_UNIT_TRANSPORT,  /* transport and other equipment (backhaul,
                               fixed-wireless access) */
    DEPLOY_UNIT_KINDS
} deploy_unit_kind;

#define DEPLOY_K DEPLOY_UNIT_KINDS

/* One policy instrument, resolved for the program. */
typedef struct {
    deploy_instr_kind kind;
    char label[160];      /* for messages: "exclude high_risk (all) ..." */
    uint32_t vendors;     /* targeted vendors */
    uint32_t regions;     /* RAN regions in scope (bit r) */
    bool core;            /* exclude: the core is in scope */
    uint32_t operators;   /* exclude: operators whose core it covers */
    int from_t;           /* first year index in force (may be <0: before) */
    int removal_t;        /* exclude: stock zero from this year index, -1
                             none; management: the deadline (>= 0) */
    double share_max;     /* cap; diversity: max share of one vendor */
    bool national;        /* cap: over all operators together */
    int vendors_min;      /* diversity */
    double share_min;     /* diversity: share for a vendor to count */
    double cost_site_year;  /* mitigation: per targeted site and year */
    double cost_fixed_year; /* mitigation: national, per year */
    double risk_reduction;  /* mitigation */
    /* exclude: non-radio kinds it removes (bit k of deploy_unit_kind), for
     * the operators in `operators`; subsidy: kinds whose swaps it pays. */
    uint32_t kinds;
    /* exclude with removal_t >= 0: true keeps the deadline a hard
     * constraint (no plan may hold targeted equipment from removal_t);
     * false (soft) lets equipment stay late at late_penalty_site_year per
     * unit (radio site or non-radio unit) and year, 0 = reported only. A
     * soft deadline acts as hard where no vendor could ever replace the
     * targeted equipment (nothing can be done, so the policy is
     * infeasible and named). */
    bool deadline_hard;
    double late_penalty_site_year;
    /* subsidy: share of the swap cost of covered equipment (vendors,
     * regions, kinds) reimbursed to eligible operators (`operators`) from
     * from_t on; fund caps per year and in total, 0 = uncapped. */
    double subsidy_share;
    double fund_year;
    double fund_total;
} deploy_instr;

/* A licence obligation of one operator (docs/model.md §4, "Licence
 * obligations"): from year index from_t on, in each group of regions
 * (every region of `regions` on its own when per_region, else all of them
 * together), either the coverage weighted by `weight` (population or
 * area) reaches the share `target`, or (sites) its 5G sites there number
 * `target`. A shortfall short in [0, 1] (the share missing, or the
 * missing sites over `target`) costs penalty_year × short a year; a hard
 * one admits none. */
#define DEPLOY_L (SPECSIM_OBLIGATIONS_MAX * SPECSIM_OPERATORS_MAX)
typedef struct {
    int op;
    int from_t;
    bool sites;
    bool per_region;
    uint32_t regions;
    double weight[DEPLOY_R];
    double target;
    bool hard;
    double penalty_year;
} deploy_licence;

typedef struct {
    int noperators, nregions, nvendors, nyears;
    double discount_rate;

    /* Regions. */
    double population[DEPLOY_R];
    /* Operators by region. */
    double sites_needed[DEPLOY_O][DEPLOY_R];  /* 5G site-equivalents */
    double site_equiv[DEPLOY_O][DEPLOY_R][DEPLOY_V]; /* per vendor-v site */
    double legacy[DEPLOY_O][DEPLOY_R][DEPLOY_V];   /* installed base sites */
    double users[DEPLOY_O][DEPLOY_R];         /* its users at full cover */
    /* Operators. */
    double subscriber_share[DEPLOY_O];
    uint32_t market[DEPLOY_O];          /* regions it serves (bit r) */
    double budget[DEPLOY_O][DEPLOY_T];  /* RAN capex budget, net of auction */
    bool budget_hard[DEPLOY_O];         /* true: spending may not exceed
                                           it; false: the excess is borrowed
                                           (financing_rate, _term_years) */
    /* Non-radio installed units by kind and vendor. */
    double units[DEPLOY_O][DEPLOY_K][DEPLOY_V];
    int core_vendor[DEPLOY_O];          /* incumbent core vendor, or -1 */
    int obligation_t[DEPLOY_O];         /* year index, -1 = none */
    double obligation_share[DEPLOY_O];
    int vendors_per_region_max[DEPLOY_O];
    /* Vendors. */
    bool high_risk[DEPLOY_V];
    double risk_score[DEPLOY_V];
    double ran_new[DEPLOY_V], ran_upgrade[DEPLOY_V], core_cost[DEPLOY_V];
    double management_swap[DEPLOY_V];   /* one operator's replacement of
                                           its network-management system */
    double integration[DEPLOY_V], opex_site_year[DEPLOY_V];
    double capacity[DEPLOY_V];
    int available_t[DEPLOY_V];          /* first year index it ships */
    /* Market. */
    double margin_user_year;
    double quality_user_year[DEPLOY_O]; /* operator's extra margin per
                                           covered user (quality premium) */
    double swap_site;                   /* removal and like-for-like
                                           replacement of a legacy site */
    double unit_swap[DEPLOY_K];         /* the same for a non-radio unit */
    double financing_rate;              /* interest on spending above a
                                           soft budget */
    int financing_term_years;           /* annuity term of that loan, >= 1 */
    double new_site_opex_year;          /* extra opex of a new site */
    double core_upgrade_share;
    double penalty_pop_year;
    double risk_core_weight;

    /* Policy. */
    int ninstr;
    deploy_instr instr[DEPLOY_I];

    /* Licence obligations the auction attached to its winners. */
    int nlicence;
    deploy_licence licence[DEPLOY_L];

    /* Solver settings. */
    long node_limit;
    double mip_gap;
    const atomic_int *stop;   /* a solve stops soon after *stop becomes
                                 non-zero (Ctrl-C); NULL: never asked */
    const deploy_memo *memo;  /* solutions to reuse and keep; NULL: every
                                 program is solved */

    /* Equipment age (docs/model.md §4, "Equipment age"); off when
     * life <= 0: the installed base then stays until swapped. */
    double life;                        /* equipment life, years */
    double age_mean[DEPLOY_O];          /* installed base's mean age at
                                           the start; ages uniform on
                                           [0, 2 age_mean] */
    double installed_5g[DEPLOY_O][DEPLOY_R][DEPLOY_V]; /* of legacy[]:
                                           sites already 5G, age 0 */
    /* Supply shocks and capacity ramps (docs/model.md §4). */
    int shock_t[DEPLOY_V];              /* first year index of the shock
                                           (< 0: before the horizon) */
    double shock_capacity_cut[DEPLOY_V]; /* share of capacity lost from
                                           shock_t on; 0: none */
    double shock_opex_rise[DEPLOY_V];   /* opex factor minus 1 from
                                           shock_t on; 0: none */
    double capacity_growth[DEPLOY_V];   /* share of deliveries lag years
                                           before added to capacity */
    int capacity_lag[DEPLOY_V];         /* >= 1 when growth > 0 */
} deploy_problem;

typedef enum {
    DEPLOY_OPTIMAL = 0,   /* solved to the requested gap */
    DEPLOY_LIMIT,         /* node limit hit; best plan found is reported */
    DEPLOY_INFEASIBLE,    /* no plan satisfies the instruments */
    DEPLOY_FAILED,        /* the solver call failed (GLPK's internal
                             errors included) */
    DEPLOY_INVALID,       /* a number of the program is NaN, infinite or
                             beyond the magnitudes GLPK handles (mip.h);
                             nothing was solved */
    DEPLOY_INTERRUPTED,   /* stopped because *stop was set; no plan */
    DEPLOY_LIMIT_NOPLAN   /* node limit hit before any plan was found; no
                             plan (counted with DEPLOY_LIMIT as stopped at
                             the node limit, not as a solver failure) */
} deploy_status;

/* Component costs, undiscounted per year and as NPV. `penalty` is the
 * coverage obligation's, `late_penalty` the soft removal deadlines';
 * `financing` the cost of borrowing above a soft budget; `subsidy` what
 * the state reimburses (received: it lowers the operator's cost). */
typedef struct {
    double capex, opex, swap, mitigation, penalty, margin;
    double financing, late_penalty, subsidy;
    double stranded;  /* book value written off by early removals */
} deploy_costs;

typedef struct {
    deploy_status status;
    char diagnosis[SPECSIM_ERRMSG_MAX]; /* why infeasible / what failed */
    uint32_t culprits;                   /* bit i: instrument i responsible */
    double objective;                    /* operators' NPV, currency */
    double solve_seconds;                /* GLPK time, for the benchmark */
    long nodes;                          /* branch-and-bound nodes (0 when
                                            reused) */
    int reused;                          /* 1 when the solution came from
                                            p->memo (like nodes and
                                            solve_seconds: of the last
                                            program solved) */

    /* NPV by operator and component; mitigation includes the fixed cost,
     * shared by subscriber share. */
    deploy_costs npv[DEPLOY_O];
    double shortfall[DEPLOY_O];          /* obligation shortfall (share) at
                                            the obligation year */
    double short_year[DEPLOY_O][DEPLOY_T]; /* shortfall in every year */

    /* Plan, end-of-year stocks. */
    double stock_5g[DEPLOY_O][DEPLOY_R][DEPLOY_V][DEPLOY_T];
    double stock_legacy[DEPLOY_O][DEPLOY_R][DEPLOY_V][DEPLOY_T];
    double upgraded[DEPLOY_O][DEPLOY_R][DEPLOY_V][DEPLOY_T]; /* 5G onto
                                          an existing site, own or swapped */
    double built[DEPLOY_O][DEPLOY_R][DEPLOY_V][DEPLOY_T];   /* new sites */
    double swapped[DEPLOY_O][DEPLOY_R][DEPLOY_V][DEPLOY_T]; /* removed */
    double swapped_in[DEPLOY_O][DEPLOY_R][DEPLOY_V][DEPLOY_T]; /* legacy
                                sites re-equipped like for like with v */
    double unit_stock[DEPLOY_O][DEPLOY_K][DEPLOY_V][DEPLOY_T];
    double unit_swapped[DEPLOY_O][DEPLOY_K][DEPLOY_V][DEPLOY_T];
    /* Money by operator and year, undiscounted: spending above the budget
     * (from the plan: capex and swaps, net of subsidy, minus the budget,
     * when positive) and subsidy received. */
    double overrun[DEPLOY_O][DEPLOY_T];
    double subsidy[DEPLOY_O][DEPLOY_T];
    double overrun_npv[DEPLOY_O];       /* discounted overrun */
    double state_outlay_npv;            /* discounted subsidies paid */
    bool vendor_used[DEPLOY_O][DEPLOY_R][DEPLOY_V];
    double coverage[DEPLOY_O][DEPLOY_R][DEPLOY_T];  /* share of region */
    int core_choice[DEPLOY_O];           /* core bought in year index 0 */
    int core_swap_t[DEPLOY_O];           /* year index a core deadline
                                            replaces it, or -1 */
    int core_year[DEPLOY_O][DEPLOY_T];   /* core in place at each year end */
    uint32_t management_swap[DEPLOY_I][DEPLOY_O]; /* bit v: operator o
                                  replaces vendor v's management system
                                  under management instrument i */

    /* National measures by year. */
    double coverage_pop_share[DEPLOY_T];
    double hrv_site_share[DEPLOY_T];
    double risk_exposure[DEPLOY_T];
    /* Equipment (radio sites and non-radio units) still held at the end
     * of year t past the earliest removal deadline that targets it. */
    double removal_late_sites[DEPLOY_T];
    /* 12 x late unit-years / units held when their deadline year began:
     * the mean lateness of the equipment deadlines cover, counted to the
     * end of the horizon; NaN when no deadline covers any equipment. */
    double removal_delay_months;
    /* Licence obligations: the largest shortfall of obligation j over its
     * groups of regions, in every year (0 before from_t), from the plan;
     * its penalty is in npv[op].penalty. */
    double licence_short[DEPLOY_L][DEPLOY_T];

    /* Equipment age: installed sites refreshed in the normal cycle (at
     * the end of their life) and sites removed early (swapped before it),
     * by operator, region, vendor and year. Zero when age is off. */
    double refreshed[DEPLOY_O][DEPLOY_R][DEPLOY_V][DEPLOY_T];
} deploy_result;

/* Check a problem's sizes and values; programmer errors assert. */
void deploy_problem_check(const deploy_problem *p);

/* Solve `p` (instrument i active when bit i of `active` is set) and fill
 * *res. Returns ERR_OK when a plan was found (status OPTIMAL or LIMIT),
 * ERR_INFEASIBLE with the diagnosis in res->diagnosis and e, ERR_SCENARIO
 * when a number of the program is out of range (status INVALID; the
 * message names the row or column), ERR_INTERRUPTED when *p->stop was set
 * during the solve, or ERR_SOLVER (an internal error of GLPK is contained
 * and reported here, never an abort). Thread-safe; allocates only GLPK
 * objects. */
err_code deploy_solve(const deploy_problem *p, deploy_result *res, err_t *e);

/* Same with an explicit set of active instruments and no diagnosis. */
err_code deploy_solve_active(const deploy_problem *p, uint32_t active,
                             deploy_result *res, err_t *e);

/* Write the program (all instruments active) in CPLEX LP format to
 * `path_lp` and in free MPS format to `path_mps` (either may be NULL).
 * A program with a number out of range (see deploy_solve) is not written:
 * ERR_SCENARIO naming the row or column. */
err_code deploy_write(const deploy_problem *p, const char *path_lp,
                      const char *path_mps, err_t *e);

/* The size of the program with every instrument active (the largest any
 * policy of the problem gives), as deploy_write writes it: rows, columns,
 * integer columns and non-zero coefficients. Errors as deploy_write. */
typedef struct {
    int rows, cols, int_cols;
    long nonzeros;
} deploy_size;
err_code deploy_program_size(const deploy_problem *p, deploy_size *sz,
                             err_t *e);

/* Measures of a solved plan (res from deploy_solve on p) restricted to a
 * part of the market; `regions` (bit r) must name at least one region.
 * deploy_coverage_path: share of the population of those regions covered
 * by at least one operator, by year (coverage_pop_share is this over every
 * region). deploy_hrv_share_path: high-risk vendors' share of the sites
 * (legacy and 5G, all operators) in those regions, by year. */
void deploy_coverage_path(const deploy_problem *p, const deploy_result *res,
                          uint32_t regions, double path[DEPLOY_T]);
void deploy_hrv_share_path(const deploy_problem *p, const deploy_result *res,
                           uint32_t regions, double path[DEPLOY_T]);

/* Share of the population of the regions operator o serves that o covers,
 * by year (the quantity its coverage obligation is checked against). */
void deploy_operator_coverage_path(const deploy_problem *p,
                                   const deploy_result *res, int o,
                                   double path[DEPLOY_T]);

/* 5G equipment of vendor v delivered in year index t, all operators and
 * regions: upgrades of existing sites (own or re-equipped after a swap)
 * plus new sites — the quantity the vendor's delivery capacity bounds. */
double deploy_sites_bought(const deploy_problem *p, const deploy_result *res,
                           int v, int t);

/* Fractional year at which `path[t]` (end-of-year values, starting from
 * 0 at the start of year index 0) first reaches `target`, linearly
 * interpolated; returns year_first + fraction, or NAN if never reached. */
double deploy_target_year(const double *path, int nyears, int year_first,
                          double target);

const char *deploy_status_name(deploy_status s);

/* Discount factor of year index t at `rate` a year, (1 + rate)^-t: the one
 * expression behind every present value of the models (the rollout
 * program, its measures, the auction's network values), so that they
 * agree to the last bit. */
double deploy_discount(double rate, int t);

/* Cost of financing one currency unit spent above a soft budget, as a
 * share of it, in present value at the year it is spent: the unit is
 * borrowed at p->financing_rate and repaid as an annuity over
 * p->financing_term_years, starting a year later; the cost is the present
 * value of the repayments at the discount rate minus the unit, and 0 when
 * that is negative (a loan no dearer than the operator's own capital). */
double deploy_financing_factor(const deploy_problem *p);

/* Does licence obligation `l` count region r in group g (g = r when it
 * is per region, else g = 0 for all its regions together)? */
static inline bool deploy_licence_in(const deploy_licence *l, int g, int r)
{
    return (l->regions >> r & 1u) && (l->per_region ? g == r : g == 0);
}

/* Shortfall of licence obligation `l` in group g in year t from the plan
 * in *res, in [0, 1] (0 when the group has no weight or before from_t). */
double deploy_licence_short(const deploy_problem *p, const deploy_licence *l,
                            const deploy_result *res, int g, int t);

/* Cost of equipping one site of operator o under every instrument of `p`,
 * with the cheapest vendor that may be bought at all in the horizon:
 * *upgrade (an existing site), *newsite (a new site, with the present value
 * of its extra opex over the horizon) and *per_year (opex and mitigation of
 * a 5G site). Used to price a policy before the rollout is optimised (the
 * auction's value model). */
void deploy_site_costs(const deploy_problem *p, int o, double *upgrade,
                       double *newsite, double *per_year);

/* Capex the instruments force on operator o's installed base: its sites
 * (with equipment age, those whose life has not ended by the deadline
 * year, plus the book value they write off) and non-radio units whose
 * vendor must be removed within the horizon,
 * each at its swap price (a like-for-like replacement; putting 5G on a
 * swapped site is the operator's choice, priced as any upgrade); the replacement of its incumbent core when a
 * core deadline targets that vendor (the cheapest admissible core); and,
 * for each management-scope rule, the replacement of the management system
 * of every targeted vendor whose sites it still has at the deadline (no
 * dearer than swapping those sites). Undiscounted, before subsidy. */
double deploy_forced_swaps(const deploy_problem *p, int o);

/* Equipment age: installed sites of operator o, region r, vendor v whose
 * life has ended by the end of year index t (t may lie past the horizon):
 * the installed 4G sites with ages uniform on [0, 2 age_mean] and the
 * installed 5G sites at age 0, each at the end of p->life years. 0 when
 * age is off. */
double deploy_due(const deploy_problem *p, int o, int r, int v, int t);

/* Book value written off per site and year a site is removed before its
 * life ends: vendor v's ran_upgrade over the life (straight line). */
double deploy_depreciation(const deploy_problem *p, int v);

/* Vendor v's delivery capacity in year index t (after any supply shock),
 * and its opex per 5G site and year. */
double deploy_capacity(const deploy_problem *p, int v, int t);
double deploy_opex_site(const deploy_problem *p, int v, int t);
/* Extra support cost per installed legacy site of vendor v in year t
 * under a supply shock that raises support costs (0 otherwise). */
double deploy_opex_legacy(const deploy_problem *p, int v, int t);

/* Release the calling thread's GLPK environment (GLPK keeps one per
 * thread); GLPK makes a new one if the thread solves again. Call it in
 * every worker thread when a run ends, so nothing is left allocated. */
void deploy_glpk_thread_done(void);

/* GLPK version string, for manifests. */
const char *deploy_glpk_version(void);

#endif
