/* cmd_lp.c — `specsim lp`: the rollout program of one replication and
 * policy in CPLEX LP and/or free MPS format. */
#include "cli.h"

static const cli_opt_use opts[] = {
    {CLI_OPT_POLICY, "the policy whose program is written (required)", NULL},
    {CLI_OPT_REP, "the replication (default: 0)", NULL},
    {CLI_OPT_SEED, "random seed (default: the scenario's run.seed)", NULL},
    {CLI_OPT_OUTPUT, "write the program in CPLEX LP format to this file",
     "MODEL.lp"},
    {CLI_OPT_MPS, "write the program in free MPS format to this file", NULL},
};

static int lp_main(const cli_args *c)
{
    if (c->policy == NULL)
        return cli_usage_error(c->cmd, "lp needs --policy NAME");
    if (c->dir == NULL && c->mps == NULL)
        return cli_usage_error(c->cmd, "lp needs -o MODEL.lp and/or --mps "
                                       "MODEL.mps");
    scn *s = NULL;
    int rc = cli_load_hashed(c, &s, NULL);
    if (rc) return rc;
    err_t e;
    int pol;
    deploy_problem *p = NULL;
    err_code ec = cli_policy_find(s, c->policy, &pol, &e);
    if (ec == ERR_OK && (p = calloc(1, sizeof *p)) == NULL)
        ec = err_set(&e, ERR_NOMEM, "out of memory");
    if (ec == ERR_OK)
        ec = engine_problem(s, cli_seed(c, s), c->rep, pol, p, &e);
    if (ec == ERR_OK) ec = deploy_write(p, c->dir, c->mps, &e);
    free(p);
    scn_free(s);
    return ec == ERR_OK ? 0 : cli_fail(&e);
}

const cli_command cmd_lp = {
    .name = "lp",
    .synopsis = "FILE --policy NAME [--rep K] [--seed S] -o MODEL.lp\n"
                "[--mps MODEL.mps]",
    .summary = "write one replication's rollout program as LP and/or MPS",
    .description =
        "Write the rollout program of replication K and one policy, exactly\n"
        "as the run solves it, in CPLEX LP and/or free MPS format, to inspect\n"
        "it or solve it with another solver (e.g. cbc MODEL.mps).",
    .files_min = 1,
    .files_max = 1,
    .opts = opts,
    .nopts = sizeof opts / sizeof opts[0],
    .main = lp_main,
};
