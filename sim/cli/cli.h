/* cli.h — the command line: one table of options, one file per command.
 *
 * DESIGN — every option specsim knows is one row of a table (cli_opts.c:
 * long name, short letter, argument, how its value is checked). A command
 * is a `cli_command`: its name, synopsis and description, the options it
 * takes (each with the help line it shows for that command) and its main
 * function; one table lists the commands, one file each (cmd_run.c, ...).
 * cli_parse() turns a command's options into getopt_long's, so "--seed=5"
 * and "--seed 5" mean the same, checks every value strictly, answers
 * --help, and names the nearest known option or command when one is
 * mistyped. Work shared by several commands (loading the scenario and
 * reporting its errors, the output directory, Ctrl-C, what the manifest
 * records) is in cli_common.c, once.
 *
 * Exit codes: 0 success, 1 runtime failure, 2 usage or scenario error.
 */
#ifndef SPECSIM_CLI_H
#define SPECSIM_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "out.h"
#include "out_report.h"
#include "scn.h"
#include "sweep.h"

/* Every option of every command; the table in cli_opts.c follows this
 * order. */
typedef enum {
    CLI_OPT_REPS = 0,
    CLI_OPT_THREADS,
    CLI_OPT_SEED,
    CLI_OPT_OUTPUT,
    CLI_OPT_QUIET,
    CLI_OPT_PER_REP,
    CLI_OPT_FORMAT,
    CLI_OPT_POLICY,
    CLI_OPT_REP,
    CLI_OPT_MPS,
    CLI_OPT_PARAM,
    CLI_OPT_METRIC,
    CLI_OPT_RESUME,
    CLI_OPT_CHECKPOINT_EVERY,
    CLI_OPT_CATS,
    CLI_OPT_TO_CATS,
    CLI_OPT_HELP,
    CLI_OPT_COUNT
} cli_opt_id;

/* An option as one command uses it: which, its help line there, and how
 * help names its argument there (NULL: as the option table does). */
typedef struct {
    cli_opt_id id;
    const char *help;
    const char *arg;
} cli_opt_use;

/* Auction formats one `specsim auction` may ask for (there are five). */
#define CLI_AUCTION_FORMATS_MAX 8

/* What cli_parse() found on the command line. */
typedef struct cli_args {
    const struct cli_command *cmd;
    const char *command_line;  /* the whole command line, for the manifest */
    int nfiles;
    char *const *files;        /* the positional arguments */
    const char *file;          /* files[0], or NULL */
    const char *dir;           /* -o */
    const char *policy, *mps;
    long reps, threads, rep;   /* 0 when not given */
    uint64_t seed;
    bool have_seed, per_rep, quiet, have_format;
    bool resume;               /* --resume */
    bool have_checkpoint_every;
    long checkpoint_every;     /* seconds; 0: no journal */
    out_format format;
    int nparams, nmetrics;
    const char *params[SWEEP_PARAMS_MAX];
    const char *metrics[SWEEP_METRICS_MAX];
    const char *cats, *to_cats; /* --cats, --to-cats */
    /* --format NAME with an auction format's name (specsim auction) */
    int nauction_formats;
    const char *auction_formats[CLI_AUCTION_FORMATS_MAX];
} cli_args;

typedef struct cli_command {
    const char *name;
    /* What follows "specsim NAME" in usage; a new line continues it,
     * aligned under its start (cli_synopsis). */
    const char *synopsis;
    const char *summary;       /* one line for `specsim --help` */
    const char *description;   /* the paragraph of `specsim NAME --help` */
    int files_min, files_max;  /* positional FILE arguments; max -1: any */
    const cli_opt_use *opts;   /* the options it takes, in help order */
    int nopts;
    int (*main)(const cli_args *a); /* returns the exit code */
} cli_command;

/* Each command, defined in its own file. */
extern const cli_command cmd_run, cmd_validate, cmd_lp, cmd_sweep,
    cmd_tornado, cmd_auction;

/* The commands, in the order `specsim --help` lists them (cli_opts.c). */
extern const cli_command *const cli_commands[];
extern const int cli_ncommands;

/* cli_parse() result when the command should go on. */
#define CLI_GO (-1)

/* Parse argv[1..argc-1], the words after the command name argv[0], for
 * command `c` into *a (which it clears; a->command_line is set by the
 * caller afterwards). Options and files may come in any order; the
 * files are gathered, in order, into argv[1..] (a->files). Returns
 * CLI_GO, 0 after printing the command's help (--help), or 2 after
 * printing a usage error on stderr. */
int cli_parse(const cli_command *c, int argc, char **argv, cli_args *a);

/* Print `prefix`, then the synopsis of `c` with its continuation lines
 * aligned under its first word, then a new line. */
void cli_synopsis(FILE *f, const char *prefix, const cli_command *c);

/* Print the usage and options of command `c` on f. */
void cli_help(FILE *f, const cli_command *c);

/* Print "specsim: MESSAGE", the command's synopsis and where its help is,
 * on stderr; returns 2. `c` may be NULL (no command chosen yet). */
int cli_usage_error(const cli_command *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Of names[0..n-1], the one nearest to `given` by edit distance (adjacent
 * letters swapped count as one edit) when it is near enough to be a
 * likely typo, else NULL. */
const char *cli_nearest(const char *given, const char *const *names, int n);

/* Edit distance between a and b: insertions, deletions, substitutions and
 * swaps of adjacent characters each count one. */
int cli_edit_distance(const char *a, const char *b);

/* Strictly parse a whole decimal number in [lo, hi]: digits only (no sign,
 * space or trailing character). False when it is not one. */
bool cli_parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/* ---- shared by the commands (cli_common.c) ---- */

/* Print "specsim: MESSAGE" of e on stderr; returns the exit code of its
 * status. */
int cli_fail(const err_t *e);

/* The whole command line as one string (words separated by spaces), newly
 * allocated; NULL when out of memory. */
char *cli_command_line(int argc, char *const *argv);

/* Parses the text of file `name` into *s (scn_load_string,
 * scn_cats_load). */
typedef err_code (*cli_loader)(const char *name, const char *text,
                               size_t len, scn **s, err_t *e);

/* Load the file at `path` into *s with `load`, putting into sha256 (when
 * not NULL) the SHA-256 of the very bytes parsed, for the manifest; on
 * failure print the error and return its exit code, else 0. The file is
 * read once, in full, before it is parsed. */
int cli_load_file(const char *path, cli_loader load, scn **s,
                  char sha256[65]);

/* cli_load_file of the scenario a->file. */
int cli_load_hashed(const cli_args *a, scn **s, char sha256[65]);

/* The output directory: -o, or results/NAME for scenarios/NAME.yaml
 * (NAME: the file's name without its last extension, so a.b.yaml gives
 * results/a.b) with "-SUFFIX" appended when suffix is not NULL, into
 * buf[len]. ERR_USAGE when it does not fit, or when the file's name leaves
 * no NAME (".yaml", "..yaml"). */
err_code cli_output_dir(const cli_args *a, const char *suffix, char *buf,
                        size_t len, err_t *e);

/* Index of the policy called `name` in *pol; ERR_USAGE listing the
 * scenario's policies when there is none. */
err_code cli_policy_find(const scn *s, const char *name, int *pol, err_t *e);

/* Replications and seed: the options when given, else the scenario's. */
long cli_replications(const cli_args *a, const scn *s);
uint64_t cli_seed(const cli_args *a, const scn *s);

/* The rollout program of replication 0 for the policy with the most
 * instruments (*pol), built as the run builds it, and its size. */
err_code cli_program_size(const scn *s, uint64_t seed, deploy_size *sz,
                          int *pol, err_t *e);

/* Columns above which a program is announced as slow: measured in
 * docs/reliability.md ("Limits that say so"). */
#define CLI_SLOW_COLS 50000

/* Warn on stderr when the program of cli_program_size is that large. */
void cli_size_warning(const scn *s, int pol, const deploy_size *sz);

/* cli_size_warning for the scenario a command is about to run (once, on
 * the root rank); says nothing when the program cannot be built. */
void cli_warn_if_slow(const cli_args *a, const scn *s);

/* What the manifest records of a run made with seed `seed`, `requested`
 * replications asked for, and the engine's statistics `st`. */
out_run_info cli_run_info(const cli_args *a, uint64_t seed, long requested,
                          const engine_stats *st);

/* --per-rep: ERR_IO, before anything runs, when the `need` bytes
 * estimated for replications.csv (`reps` replications in each of `runs`
 * engine runs: 1 for `run`, the grid's points for `sweep`, 1 + 2 x inputs
 * for `tornado`, which `what` names: "points", "runs") exceed what is free
 * for the staging directory. The old result set stays until the new one
 * is in place, so the space free now is what the new set may use. */
err_code cli_per_rep_room(const out_stage *st, uint64_t need, long reps,
                          long runs, const char *what, err_t *e);

/* Ctrl-C (SIGINT) or SIGTERM asks a running engine to stop
 * (engine_interrupt) until cli_sigint_restore(); a second signal kills as
 * usual. */
void cli_sigint_install(void);
void cli_sigint_restore(void);

/* Flush stdout; when anything written to it was lost (a full disk,
 * /dev/full, a closed pipe) say so on stderr and return 1 if rc is 0.
 * Otherwise return rc. */
int cli_stdout_close(int rc);

#endif
