/* fuzz_scenario.c — libFuzzer entry point: any bytes as a scenario file,
 * through everything a run does with it before the replication loop.
 *
 * DESIGN — the input is loaded with scn_load_string; a scenario the loader
 * refuses ends the case (its message is the result). A scenario it accepts
 * goes through what `specsim run` and `specsim lp` do with replication 0:
 * the draws, then for every policy the auction (when there is one) and the
 * rollout program (engine_problem, which checks the derived numbers),
 * every program built in GLPK, checked and written out (deploy_write to
 * /dev/null), and the program with the fewest instruments solved when it
 * is no larger than FUZZ_SOLVE_CELLS. The node limit is cut to
 * FUZZ_NODE_LIMIT, for winner determination too, so one case takes
 * milliseconds, not minutes (the reference scenarios' programs take GLPK
 * seconds even at the root; they are built and checked, not solved). Errors are results; only a crash,
 * a sanitizer report, a leak or a timeout is a finding. The corpus lives
 * in tests/fuzz/corpus (make fuzz).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "deploy.h"
#include "engine.h"
#include "scn.h"

/* Branch-and-bound nodes per program in a fuzz case. */
#define FUZZ_NODE_LIMIT 20
/* Auction rounds in a fuzz case: a reference scenario's clock auction
 * runs hundreds of rounds of demand queries, which made the fuzzer spend
 * most of its time on a few large inputs; past the limit the auction
 * rations (auction_clock.c, auction_smra.c), a path the fuzzer covers too. */
#define FUZZ_ROUNDS_MAX 25
/* Largest program solved: operators x regions x vendors x years (60 to
 * 135 in tests/data, 540 to 960 in scenarios/). */
#define FUZZ_SOLVE_CELLS 200

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every policy's program of replication 0 built, checked and written;
 * the one with the fewest instruments solved. */
static void exercise(scn *s)
{
    deploy_problem *p = malloc(sizeof *p);
    deploy_result *res = malloc(sizeof *res);
    if (p == NULL || res == NULL) abort();
    int best = -1, best_instr = 0;
    for (int pol = 0; pol < s->npolicies; pol++) {
        err_t e;
        if (engine_problem(s, 1, 0, pol, p, &e) != ERR_OK) continue;
        (void)deploy_write(p, "/dev/null", NULL, &e);
        if (best < 0 || p->ninstr < best_instr) {
            best = pol;
            best_instr = p->ninstr;
        }
    }
    err_t e;
    long cells = (long)s->noperators * s->nregions * s->nvendors *
                 (s->year_last - s->year_first + 1);
    if (best >= 0 && cells <= FUZZ_SOLVE_CELLS &&
        engine_problem(s, 1, 0, best, p, &e) == ERR_OK) {
        p->node_limit = FUZZ_NODE_LIMIT;
        (void)deploy_solve(p, res, &e);
    }
    deploy_glpk_thread_done();
    free(p);
    free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    scn *s = NULL;
    err_t e;
    err_clear(&e);
    if (scn_load_string("fuzz.yaml", (const char *)data, size, &s, &e) !=
        ERR_OK)
        return 0;
    if (s->run.mip_node_limit > FUZZ_NODE_LIMIT)
        s->run.mip_node_limit = FUZZ_NODE_LIMIT;
    if (s->auction.rounds_max > FUZZ_ROUNDS_MAX)
        s->auction.rounds_max = FUZZ_ROUNDS_MAX;
    exercise(s);
    scn_free(s);
    return 0;
}
