/* cli_opts.c — the tables of options and commands, and the parser built
 * on getopt_long (see cli.h).
 *
 * DESIGN — an option is a row: long name, short letter, argument and how
 * its value is checked and stored in cli_args (a flag, a path, a whole
 * number in a range, or a setter of its own). A command's
 * getopt_long table is built from the rows it lists, with the short letter
 * (or 256 + the row's index when it has none) as getopt's value, so the
 * answer maps back to the row either way. getopt's own messages are off:
 * every error is worded here, naming what was given and what was
 * expected, and an unknown name gets the nearest known one.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "auction.h"

typedef err_code (*cli_setter)(cli_args *a, const char *opt, const char *v,
                               err_t *e);

/* How an option's value is stored: most kinds need only the field of
 * cli_args it goes to; the others have a setter of their own. */
typedef enum {
    CLI_SET,   /* set(), which checks and stores the value */
    CLI_FLAG,  /* the bool field becomes true */
    CLI_PATH,  /* the const char * field: a file or directory to write */
    CLI_WHOLE, /* the long field: a whole number in [lo, hi] */
} cli_kind;

typedef struct {
    const char *name;  /* long name, without "--" */
    int letter;        /* short name, or 0 */
    const char *arg;   /* the argument as help shows it; NULL for a flag */
    cli_kind kind;
    cli_setter set;    /* CLI_SET */
    size_t field;      /* other kinds: offset of the field in cli_args */
    long lo, hi;       /* CLI_WHOLE: the range ... */
    const char *what;  /* ... and what the number is, for messages */
} cli_option;

/* getopt value of an option without a short letter. */
#define LONG_ONLY(id) (256 + (int)(id))

/* ---- values ---- */

bool cli_parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    uint64_t v = 0;
    if (*s == '\0') return false;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return false;
        unsigned d = (unsigned)(*p - '0');
        if (v > (UINT64_MAX - d) / 10) return false;
        v = v * 10 + d;
    }
    if (v < lo || v > hi) return false;
    *out = v;
    return true;
}

static err_code set_long(const char *opt, const char *v, long lo, long hi,
                         const char *what, long *out, err_t *e)
{
    uint64_t x;
    if (!cli_parse_u64(v, (uint64_t)lo, (uint64_t)hi, &x))
        return err_set(e, ERR_USAGE, "%s %s: expected %s from %ld to %ld", opt,
                       v, what, lo, hi);
    *out = (long)x;
    return ERR_OK;
}

static err_code set_seed(cli_args *a, const char *opt, const char *v,
                         err_t *e)
{
    if (!cli_parse_u64(v, 0, UINT64_MAX, &a->seed))
        return err_set(e, ERR_USAGE, "%s %s: expected a whole number from 0 "
                       "to %llu", opt, v, (unsigned long long)UINT64_MAX);
    a->have_seed = true;
    return ERR_OK;
}

/* A file or directory to write: not empty, and short enough for the
 * buffers of the output layer. */
static err_code check_path(const char *opt, const char *v, err_t *e)
{
    size_t n = strlen(v);
    if (n == 0)
        return err_set(e, ERR_USAGE, "%s \"\": expected a file or directory "
                       "name, not an empty string", opt);
    if (n >= SPECSIM_OUTPUT_PATH_MAX)
        return err_set(e, ERR_USAGE, "%s %.40s...: %zu bytes long; expected "
                       "at most %d (limit SPECSIM_OUTPUT_PATH_MAX)", opt, v, n,
                       SPECSIM_OUTPUT_PATH_MAX - 1);
    return ERR_OK;
}

static err_code set_policy(cli_args *a, const char *opt, const char *v,
                           err_t *e)
{
    if (*v == '\0')
        return err_set(e, ERR_USAGE, "%s \"\": expected a policy name", opt);
    a->policy = v;
    return ERR_OK;
}

/* An output format (table, csv, json), or the name of an auction format
 * for `specsim auction` (cli_parse refuses one elsewhere); the two sets of
 * names do not meet. */
static err_code set_format(cli_args *a, const char *opt, const char *v,
                           err_t *e)
{
    if (auction_format_find(v) != NULL) {
        for (int i = 0; i < a->nauction_formats; i++)
            if (strcmp(a->auction_formats[i], v) == 0)
                return err_set(e, ERR_USAGE, "%s %s: given twice", opt, v);
        SPECSIM_ASSERT(a->nauction_formats < CLI_AUCTION_FORMATS_MAX);
        a->auction_formats[a->nauction_formats++] = v;
        return ERR_OK;
    }
    bool auction = strcmp(a->cmd->name, "auction") == 0;
    if (!out_format_parse(v, &a->format))
        return err_set(e, ERR_USAGE, "%s %s: expected table, csv or json%s%s%s",
                       opt, v, auction ? ", or an auction format (one of " : "",
                       auction ? auction_format_names() : "",
                       auction ? ")" : "");
    a->have_format = true;
    return ERR_OK;
}

static err_code set_param(cli_args *a, const char *opt, const char *v,
                          err_t *e)
{
    if (a->nparams == SWEEP_PARAMS_MAX)
        return err_set(e, ERR_USAGE, "%s %s: expected at most %d %s options "
                       "(limit SWEEP_PARAMS_MAX)", opt, v, SWEEP_PARAMS_MAX,
                       opt);
    a->params[a->nparams++] = v;
    return ERR_OK;
}

static err_code set_metric(cli_args *a, const char *opt, const char *v,
                           err_t *e)
{
    if (a->nmetrics == SWEEP_METRICS_MAX)
        return err_set(e, ERR_USAGE, "%s %s: expected at most %d %s options "
                       "(limit SWEEP_METRICS_MAX)", opt, v, SWEEP_METRICS_MAX,
                       opt);
    a->metrics[a->nmetrics++] = v;
    return ERR_OK;
}

/* Longest interval between checkpoints: a day. */
#define CHECKPOINT_EVERY_MAX 86400

static err_code set_checkpoint_every(cli_args *a, const char *opt,
                                     const char *v, err_t *e)
{
    a->have_checkpoint_every = true;
    return set_long(opt, v, 0, CHECKPOINT_EVERY_MAX,
                    "a number of seconds (0: no journal)",
                    &a->checkpoint_every, e);
}

/* The field of cli_args an option stores into. */
#define ARG(f) offsetof(cli_args, f)

/* Indexed by cli_opt_id. --help has no setter: the parser answers it. */
static const cli_option options[CLI_OPT_COUNT] = {
    [CLI_OPT_REPS] = {"replications", 'n', "REPS", CLI_WHOLE,
                      .field = ARG(reps), .lo = 1, .hi = SPECSIM_REPS_MAX,
                      .what = "a whole number of replications"},
    [CLI_OPT_THREADS] = {"threads", 'j', "THREADS", CLI_WHOLE,
                         .field = ARG(threads), .lo = 1,
                         .hi = SPECSIM_THREADS_MAX, .what = "a thread count"},
    [CLI_OPT_SEED] = {"seed", 0, "S", CLI_SET, set_seed},
    [CLI_OPT_OUTPUT] = {"output", 'o', "DIR", CLI_PATH, .field = ARG(dir)},
    [CLI_OPT_QUIET] = {"quiet", 'q', NULL, CLI_FLAG, .field = ARG(quiet)},
    [CLI_OPT_PER_REP] = {"per-rep", 0, NULL, CLI_FLAG, .field = ARG(per_rep)},
    [CLI_OPT_FORMAT] = {"format", 0, "F", CLI_SET, set_format},
    [CLI_OPT_POLICY] = {"policy", 0, "NAME", CLI_SET, set_policy},
    [CLI_OPT_REP] = {"rep", 0, "K", CLI_WHOLE, .field = ARG(rep), .lo = 0,
                     .hi = SPECSIM_REPS_MAX - 1,
                     .what = "a replication index"},
    [CLI_OPT_MPS] = {"mps", 0, "MODEL.mps", CLI_PATH, .field = ARG(mps)},
    [CLI_OPT_PARAM] = {"param", 0, "PATH=V1,V2,...", CLI_SET, set_param},
    [CLI_OPT_METRIC] = {"metric", 0, "NAME", CLI_SET, set_metric},
    [CLI_OPT_RESUME] = {"resume", 0, NULL, CLI_FLAG, .field = ARG(resume)},
    [CLI_OPT_CHECKPOINT_EVERY] = {"checkpoint-every", 0, "SECONDS", CLI_SET,
                                  set_checkpoint_every},
    [CLI_OPT_CATS] = {"cats", 0, "FILE.txt", CLI_PATH, .field = ARG(cats)},
    [CLI_OPT_TO_CATS] = {"to-cats", 0, "FILE.txt", CLI_PATH,
                         .field = ARG(to_cats)},
    [CLI_OPT_HELP] = {"help", 'h', NULL, CLI_SET, NULL},
};

/* Check and store the value v of option o, shown as `opt`. */
static err_code set_option(cli_args *a, const cli_option *o, const char *opt,
                           const char *v, err_t *e)
{
    void *field = (char *)a + o->field;
    switch (o->kind) {
    case CLI_FLAG:
        *(bool *)field = true;
        return ERR_OK;
    case CLI_PATH:
        *(const char **)field = v;
        return check_path(opt, v, e);
    case CLI_WHOLE:
        return set_long(opt, v, o->lo, o->hi, o->what, field, e);
    default:
        return o->set(a, opt, v, e);
    }
}

/* The commands, in the order `specsim --help` lists them. */
const cli_command *const cli_commands[] = {
    &cmd_run, &cmd_validate, &cmd_lp, &cmd_sweep, &cmd_tornado, &cmd_auction,
};
const int cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

/* ---- suggestions ---- */

int cli_edit_distance(const char *a, const char *b)
{
    enum { N = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= N || lb >= N) return (int)(la > lb ? la : lb);
    int d[N][N];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            int best = sub < del ? sub : del;
            if (ins < best) best = ins;
            bool swapped = i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                           a[i - 2] == b[j - 1];
            if (swapped && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *cli_nearest(const char *given, const char *const *names, int n)
{
    const char *best = NULL;
    int best_d = 0;
    for (int i = 0; i < n; i++) {
        int d = cli_edit_distance(given, names[i]);
        /* About one edit in four letters is a typo; more is another word. */
        if (d > 1 + (int)strlen(names[i]) / 4) continue;
        if (best == NULL || d < best_d) {
            best = names[i];
            best_d = d;
        }
    }
    return best;
}

/* ---- help and usage errors ---- */

void cli_synopsis(FILE *f, const char *prefix, const cli_command *c)
{
    int indent = (int)strlen(prefix);
    fputs(prefix, f);
    for (const char *p = c->synopsis; *p; p++) {
        fputc(*p, f);
        if (*p == '\n') fprintf(f, "%*s", indent, "");
    }
    fputc('\n', f);
}

static void print_synopsis(FILE *f, const cli_command *c)
{
    char prefix[64];
    snprintf(prefix, sizeof prefix, "usage: specsim %s ", c->name);
    cli_synopsis(f, prefix, c);
}

int cli_usage_error(const cli_command *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "specsim: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (c != NULL) {
        print_synopsis(stderr, c);
        fprintf(stderr, "'specsim %s --help' lists its options\n", c->name);
    } else {
        fprintf(stderr, "'specsim --help' lists the commands\n");
    }
    return 2;
}

/* Help text from column HELP_COL, wrapped at word boundaries so no line
 * is longer than HELP_WIDTH. */
enum { HELP_COL = 28, HELP_WIDTH = 79 };

static void help_wrapped(FILE *f, const char *text)
{
    int room = HELP_WIDTH - HELP_COL;
    while (*text) {
        int n = (int)strlen(text);
        if (n > room) {
            n = room;
            while (n > 0 && text[n] != ' ') n--;
            if (n == 0) n = (int)strcspn(text, " ");
        }
        fprintf(f, "%.*s\n", n, text);
        text += n;
        while (*text == ' ') text++;
        if (*text) fprintf(f, "%*s", HELP_COL, "");
    }
}

static void help_line(FILE *f, const cli_option *o, const char *help,
                      const char *arg)
{
    char left[64];
    if (arg == NULL) arg = o->arg;
    if (o->letter)
        snprintf(left, sizeof left, "-%c, --%s%s%s", o->letter, o->name,
                 arg ? " " : "", arg ? arg : "");
    else
        snprintf(left, sizeof left, "    --%s%s%s", o->name, arg ? " " : "",
                 arg ? arg : "");
    if ((int)strlen(left) <= HELP_COL - 4)
        fprintf(f, "  %-*s  ", HELP_COL - 4, left);
    else
        fprintf(f, "  %s\n%*s", left, HELP_COL, "");
    help_wrapped(f, help);
}

void cli_help(FILE *f, const cli_command *c)
{
    print_synopsis(f, c);
    fprintf(f, "\n%s\n\noptions:\n", c->description);
    for (int i = 0; i < c->nopts; i++)
        help_line(f, &options[c->opts[i].id], c->opts[i].help,
                  c->opts[i].arg);
    help_line(f, &options[CLI_OPT_HELP], "show this help and exit", NULL);
    fprintf(f, "\nexit codes: 0 success, 1 runtime failure, 2 usage or "
               "scenario error\n");
}

/* ---- parsing ---- */

static bool takes(const cli_command *c, cli_opt_id id)
{
    if (id == CLI_OPT_HELP) return true;
    for (int i = 0; i < c->nopts; i++)
        if (c->opts[i].id == id) return true;
    return false;
}

/* The option a getopt value stands for. */
static cli_opt_id option_of(int val)
{
    if (val >= 256) return (cli_opt_id)(val - 256);
    for (int i = 0; i < CLI_OPT_COUNT; i++)
        if (options[i].letter == val) return (cli_opt_id)i;
    return CLI_OPT_COUNT;
}

/* "--name is an option of A and B, not of C", when other commands take it. */
static int not_this_command(const cli_command *c, cli_opt_id id,
                            const char *shown)
{
    char list[256] = "";
    size_t o = 0;
    int n = 0, k = 0;
    for (int i = 0; i < cli_ncommands; i++) n += takes(cli_commands[i], id);
    for (int i = 0; i < cli_ncommands && o + 1 < sizeof list; i++) {
        if (!takes(cli_commands[i], id)) continue;
        k++;
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
                              k == 1 ? "" : k == n ? " and " : ", ",
                              cli_commands[i]->name);
    }
    return cli_usage_error(c, "'%s' is an option of %s, not of %s", shown,
                           list, c->name);
}

/* An unknown long option `tok` ("--name" or "--name=value"): an option
 * of another command, or a likely typo of one of this command's (the only
 * one it starts, or the nearest by edit distance). */
static int bad_long(const cli_command *c, const char *tok)
{
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)strcspn(tok + 2, "="), tok + 2);
    for (int i = 0; i < CLI_OPT_COUNT; i++)
        if (!strcmp(options[i].name, name) && !takes(c, (cli_opt_id)i)) {
            char shown[72];
            snprintf(shown, sizeof shown, "--%s", name);
            return not_this_command(c, (cli_opt_id)i, shown);
        }
    const char *names[CLI_OPT_COUNT], *starts = NULL;
    int n = 0, nstarts = 0;
    for (int i = 0; i < CLI_OPT_COUNT; i++) {
        if (!takes(c, (cli_opt_id)i)) continue;
        names[n++] = options[i].name;
        if (name[0] && !strncmp(options[i].name, name, strlen(name))) {
            starts = options[i].name;
            nstarts++;
        }
    }
    const char *near = nstarts == 1 ? starts : cli_nearest(name, names, n);
    if (near)
        return cli_usage_error(c, "unknown option '--%s'; did you mean "
                               "'--%s'?", name, near);
    return cli_usage_error(c, "unknown option '--%s'", name);
}

/* getopt answered '?' for the word `tok` (optopt is its letter, or the
 * value of a long option given a value it does not take, or 0). */
static int bad_option(const cli_command *c, int opt, const char *tok)
{
    cli_opt_id id = opt ? option_of(opt) : CLI_OPT_COUNT;
    if (opt && opt < 256 && (id == CLI_OPT_COUNT || !takes(c, id))) {
        char shown[3] = {'-', (char)opt, '\0'};
        if (id == CLI_OPT_COUNT)
            return cli_usage_error(c, "unknown option '%s'", shown);
        return not_this_command(c, id, shown);
    }
    if (id != CLI_OPT_COUNT)
        return cli_usage_error(c, "option '--%s' takes no value (%s)",
                               options[id].name, tok);
    return bad_long(c, tok);
}

/* Build getopt_long's tables for command c. */
static void getopt_tables(const cli_command *c, struct option *lo,
                          char *shorts)
{
    int n = 0, s = 0;
    shorts[s++] = '-'; /* words that are not options come back in order */
    shorts[s++] = ':'; /* a missing value comes back as ':' */
    for (int i = 0; i <= c->nopts; i++) {
        cli_opt_id id = i < c->nopts ? c->opts[i].id : CLI_OPT_HELP;
        const cli_option *o = &options[id];
        int val = o->letter ? o->letter : LONG_ONLY(id);
        lo[n++] = (struct option){o->name, o->arg ? required_argument
                                                  : no_argument, NULL, val};
        if (o->letter) {
            shorts[s++] = (char)o->letter;
            if (o->arg) shorts[s++] = ':';
        }
    }
    lo[n] = (struct option){NULL, 0, NULL, 0};
    shorts[s] = '\0';
}

/* The positional arguments: how many, and each a usable file name. */
static int check_files(const cli_command *c, const cli_args *a)
{
    if (a->nfiles < c->files_min)
        return c->files_max == 1
                   ? cli_usage_error(c, "a scenario FILE is required")
                   : cli_usage_error(c, "%s needs at least one FILE",
                                     c->name);
    if (c->files_max >= 0 && a->nfiles > c->files_max)
        return cli_usage_error(c, "unexpected argument '%s' (one scenario "
                               "file only)", a->files[c->files_max]);
    for (int i = 0; i < a->nfiles; i++) {
        size_t n = strlen(a->files[i]);
        if (n == 0)
            return cli_usage_error(c, "FILE \"\": expected a scenario file "
                                   "name, not an empty string");
        if (n >= SPECSIM_TEXT_MAX)
            return cli_usage_error(c, "FILE %.40s...: %zu bytes long; "
                                   "expected at most %d (limit "
                                   "SPECSIM_TEXT_MAX)", a->files[i], n,
                                   SPECSIM_TEXT_MAX - 1);
    }
    return CLI_GO;
}

/* The word holding the long option getopt_long just matched: the last
 * word read, or the one before when the value was a word of its own. */
static const char *long_word(char **argv, int next, const char *value)
{
    return value != NULL && value == argv[next - 1] ? argv[next - 2]
                                                    : argv[next - 1];
}

/* True when `word` names option o in full ("--name" or "--name=..."):
 * getopt_long would take any unambiguous prefix, which would make, say,
 * lp's --rep mean run's --replications. */
static bool names_in_full(const char *word, const cli_option *o)
{
    size_t n = strlen(o->name);
    return !strncmp(word, "--", 2) && !strncmp(word + 2, o->name, n) &&
           (word[2 + n] == '\0' || word[2 + n] == '=');
}

static int missing_value(const cli_command *c, int opt, const char *word)
{
    cli_opt_id id = option_of(opt);
    if (!strncmp(word, "--", 2))
        return cli_usage_error(c, "option '--%s' needs a value: --%s %s",
                               options[id].name, options[id].name,
                               options[id].arg);
    return cli_usage_error(c, "option '-%c' needs a value: -%c %s", (char)opt,
                           (char)opt, options[id].arg);
}

int cli_parse(const cli_command *c, int argc, char **argv, cli_args *a)
{
    struct option lo[CLI_OPT_COUNT + 1];
    char shorts[2 + 2 * CLI_OPT_COUNT + 1]; /* "-:", "x:" each, NUL */
    SPECSIM_ASSERT(c->nopts < CLI_OPT_COUNT);
    *a = (cli_args){.cmd = c};
    getopt_tables(c, lo, shorts);
    opterr = 0;
    optind = 0; /* glibc: start afresh, also on a second call */
    /* Positional words are gathered at the front of argv: the slots they
     * go to have been read already, since there are never more positional
     * words than words read. */
    int nfiles = 0;
    for (;;) {
        int li = -1;
        int opt = getopt_long(argc, argv, shorts, lo, &li);
        if (opt == -1) break;
        if (opt == 1) { /* a positional word, kept in argv[1..] in order */
            argv[1 + nfiles++] = optarg;
            continue;
        }
        if (opt == '?') return bad_option(c, optopt, argv[optind - 1]);
        if (opt == ':') return missing_value(c, optopt, argv[optind - 1]);
        cli_opt_id id = option_of(opt);
        char shown[72];
        if (li >= 0) {
            const char *word = long_word(argv, optind, optarg);
            if (!names_in_full(word, &options[id])) return bad_long(c, word);
            snprintf(shown, sizeof shown, "--%s", options[id].name);
        } else {
            snprintf(shown, sizeof shown, "-%c", (char)opt);
        }
        if (id == CLI_OPT_HELP) {
            cli_help(stdout, c);
            return 0;
        }
        err_t e;
        if (set_option(a, &options[id], shown, optarg, &e) != ERR_OK)
            return cli_usage_error(c, "%s", e.msg);
    }
    if (a->nauction_formats > 0 && strcmp(c->name, "auction") != 0)
        return cli_usage_error(c, "--format %s: expected table, csv or json "
                               "(an auction format is an option of specsim "
                               "auction)", a->auction_formats[0]);
    while (optind < argc) argv[1 + nfiles++] = argv[optind++]; /* after -- */
    a->files = argv + 1;
    a->nfiles = nfiles;
    a->file = a->nfiles > 0 ? a->files[0] : NULL;
    return check_files(c, a);
}
