/* cmd_validate.c — `specsim validate`: check scenario files without
 * running them. */
#include "cli.h"

static int validate_main(const cli_args *c)
{
    int worst = 0;
    for (int i = 0; i < c->nfiles; i++) {
        err_t e;
        scn *s = NULL;
        if (scn_load(c->files[i], &s, &e) != ERR_OK) {
            int x = cli_fail(&e);
            if (x > worst) worst = x;
            continue;
        }
        printf("%s: ok (%d regions, %d bands, %d vendors, %d operators, "
               "%d policies, %d uncertain inputs)\n", c->files[i], s->nregions,
               s->nbands, s->nvendors, s->noperators, s->npolicies, s->nparams);
        deploy_size sz;
        int pol;
        if (cli_program_size(s, s->run.seed, &sz, &pol, &e) != ERR_OK) {
            int x = cli_fail(&e);
            if (x > worst) worst = x;
        } else {
            printf("%s: largest rollout program (policy '%s', replication "
                   "0): %d rows, %d columns (%d integer), %ld non-zeros\n",
                   c->files[i], s->policies[pol].name, sz.rows, sz.cols,
                   sz.int_cols, sz.nonzeros);
            cli_size_warning(s, pol, &sz);
        }
        scn_free(s);
    }
    return worst;
}

const cli_command cmd_validate = {
    .name = "validate",
    .synopsis = "FILE...",
    .summary = "check scenario files without running them",
    .description =
        "Check each scenario FILE without running it: every error names\n"
        "file:line:column, the field path, the value and what was expected,\n"
        "and print the size of the largest rollout program (replication 0),\n"
        "with a warning when it is large enough to take minutes to solve.\n"
        "Exits 2 when any file has an error.",
    .files_min = 1,
    .files_max = -1,
    .opts = NULL,
    .nopts = 0,
    .main = validate_main,
};
