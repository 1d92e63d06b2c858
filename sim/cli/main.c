/* main.c — the specsim command line: choose the command and run it.
 *
 *   specsim COMMAND [OPTIONS] FILE...
 *   specsim COMMAND --help | specsim --help | specsim --version
 *
 * Each command lives in its own file (cmd_run.c, cmd_validate.c, cmd_lp.c,
 * cmd_sweep.c, cmd_tornado.c) and its options are parsed by cli_parse()
 * (cli_opts.c). Adding a command is adding a file and one entry in
 * cli_commands (cli_opts.c).
 * Exit codes: 0 success, 1 runtime failure, 2 usage or scenario error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "cluster.h"
#include "version.h"

/* Longest list of names a message gives. */
enum { NAMES_MAX = 16 };

static void usage(FILE *f)
{
    fprintf(f, "usage:\n");
    for (int i = 0; i < cli_ncommands; i++) {
        char prefix[64];
        snprintf(prefix, sizeof prefix, "  specsim %s ",
                 cli_commands[i]->name);
        cli_synopsis(f, prefix, cli_commands[i]);
    }
    fprintf(f, "  specsim --version | --help\n\ncommands:\n");
    for (int i = 0; i < cli_ncommands; i++)
        fprintf(f, "  %-9s %s\n", cli_commands[i]->name,
                cli_commands[i]->summary);
    fprintf(f, "\n'specsim COMMAND --help' describes a command and its "
               "options.\n"
               "exit codes: 0 success, 1 runtime failure, 2 usage or "
               "scenario error\n");
}

static const cli_command *command_find(const char *name)
{
    for (int i = 0; i < cli_ncommands; i++)
        if (!strcmp(cli_commands[i]->name, name)) return cli_commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[NAMES_MAX];
    char list[256] = "";
    size_t o = 0;
    int n = cli_ncommands < NAMES_MAX ? cli_ncommands : NAMES_MAX;
    for (int i = 0; i < n; i++) {
        names[i] = cli_commands[i]->name;
        if (o + 1 < sizeof list)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                                  i == 0 ? "" : i + 1 == n ? " or " : ", ",
                                  names[i]);
    }
    const char *near = cli_nearest(name, names, n);
    if (near)
        return cli_usage_error(NULL, "unknown command '%s'; did you mean "
                               "'%s'?", name, near);
    return cli_usage_error(NULL, "unknown command '%s'; expected %s", name,
                           list);
}

/* `specsim help [COMMAND]`, `specsim --help`, `specsim -h`. */
static int help(int argc, char **argv)
{
    if (argc < 3) {
        usage(stdout);
        return 0;
    }
    const cli_command *c = command_find(argv[2]);
    if (c == NULL) return unknown_command(argv[2]);
    cli_help(stdout, c);
    return 0;
}

/* The command, once MPI (when built with it) has started. */
static int dispatch(int argc, char **argv)
{
    if (argc < 2) return cli_usage_error(NULL, "a command is required");
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") ||
        !strcmp(name, "help"))
        return cli_stdout_close(help(argc, argv));
    if (!strcmp(name, "--version")) {
        printf("specsim %s (%s)\n", SPECSIM_VERSION, SPECSIM_COMMIT);
        return cli_stdout_close(0);
    }
    const cli_command *c = command_find(name);
    if (c == NULL) return unknown_command(name);
    /* Before parsing, which gathers the files at the front of argv. */
    char *line = cli_command_line(argc, argv);
    if (line == NULL) {
        fprintf(stderr, "specsim: out of memory\n");
        return 1;
    }
    cli_args a;
    int rc = cli_parse(c, argc - 1, argv + 1, &a);
    if (rc == CLI_GO) {
        a.command_line = line;
        rc = c->main(&a);
    }
    free(line);
    return cli_stdout_close(rc);
}

int main(int argc, char **argv)
{
    gsl_set_error_handler_off();
    err_t e;
    if (cluster_init(&argc, &argv, &e) != ERR_OK) return cli_fail(&e);
    int rc = dispatch(argc, argv);
    cluster_finalize();
    return rc;
}
