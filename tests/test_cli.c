/* test_cli.c — the command line's parser: both forms of a value, strict
 * numbers at and past their limits, output paths at and past theirs,
 * options of other commands, abbreviations refused, positional files, and
 * the edit distance behind the suggestions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "cli.h"

/* Parse the words of `line` (space-separated) as command c. The words
 * live in a static buffer until the next call. */
static int parse(const cli_command *c, const char *line, cli_args *a)
{
    static char buf[4096];
    static char *argv[64];
    int argc = 0;
    snprintf(buf, sizeof buf, "%s %s", c->name, line);
    for (char *w = strtok(buf, " "); w && argc < 63; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    return cli_parse(c, argc, argv, a);
}

static int parse_argv(const cli_command *c, int argc, char **argv,
                      cli_args *a)
{
    return cli_parse(c, argc, argv, a);
}

static void value_forms(void **state)
{
    (void)state;
    cli_args a;
    const char *forms[] = {
        "f.yaml --seed=5 --replications=3 --output=out --format=csv",
        "--seed 5 -n3 f.yaml -o out --format csv",
        "-n 3 -oout --seed 5 --format csv f.yaml",
    };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(parse(&cmd_run, forms[i], &a), CLI_GO);
        assert_true(a.have_seed);
        assert_true(a.seed == 5);
        assert_int_equal(a.reps, 3);
        assert_string_equal(a.dir, "out");
        assert_int_equal(a.format, OUT_FMT_CSV);
        assert_int_equal(a.nfiles, 1);
        assert_string_equal(a.file, "f.yaml");
    }
    assert_int_equal(parse(&cmd_run, "f.yaml -qj7", &a), CLI_GO);
    assert_true(a.quiet);
    assert_int_equal(a.threads, 7);
    assert_false(a.have_seed);
    assert_int_equal(parse(&cmd_sweep, "f.yaml --param a=1 --param=b=2,3 "
                           "--metric m", &a), CLI_GO);
    assert_int_equal(a.nparams, 2);
    assert_string_equal(a.params[1], "b=2,3");
    assert_int_equal(a.nmetrics, 1);
    /* a value that looks like an option is the value */
    assert_int_equal(parse(&cmd_lp, "f.yaml --policy -o -o x.lp", &a), CLI_GO);
    assert_string_equal(a.policy, "-o");
    assert_string_equal(a.dir, "x.lp");
}

static void numbers(void **state)
{
    (void)state;
    uint64_t v = 7;
    assert_true(cli_parse_u64("18446744073709551615", 0, UINT64_MAX, &v));
    assert_true(v == UINT64_MAX);
    assert_false(cli_parse_u64("18446744073709551616", 0, UINT64_MAX, &v));
    assert_false(cli_parse_u64("99999999999999999999", 0, UINT64_MAX, &v));
    assert_true(cli_parse_u64("0042", 0, 100, &v));
    assert_true(v == 42);
    const char *bad[] = {"", " 5", "5 ", "-5", "+5", "5x", "0x10", "2.385",
                         "1e3", " -5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        v = 7;
        assert_false(cli_parse_u64(bad[i], 0, UINT64_MAX, &v));
        assert_true(v == 7);
    }
    assert_false(cli_parse_u64("0", 1, 10, &v));
    assert_false(cli_parse_u64("11", 1, 10, &v));
    assert_true(cli_parse_u64("10", 1, 10, &v));
    cli_args a;
    assert_int_equal(parse(&cmd_run, "f.yaml -n 10000000", &a), CLI_GO);
    assert_int_equal(a.reps, SPECSIM_REPS_MAX);
    assert_int_equal(parse(&cmd_run, "f.yaml -n 10000001", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml -j 256", &a), CLI_GO);
    assert_int_equal(parse(&cmd_run, "f.yaml -j 257", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml -j 0", &a), 2);
    assert_int_equal(parse(&cmd_lp, "f.yaml --rep 0", &a), CLI_GO);
    assert_int_equal(parse(&cmd_lp, "f.yaml --rep 9999999", &a), CLI_GO);
    assert_int_equal(parse(&cmd_lp, "f.yaml --rep 10000000", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml --seed=-3", &a), 2);
}

static void paths(void **state)
{
    (void)state;
    static char dir[SPECSIM_OUTPUT_PATH_MAX + 1], file[SPECSIM_TEXT_MAX + 1];
    memset(dir, 'd', SPECSIM_OUTPUT_PATH_MAX - 1);
    memset(file, 'f', SPECSIM_TEXT_MAX - 1);
    char run[] = "run", o[] = "-o", mps[] = "--mps", lp[] = "lp",
         f[] = "f.yaml", empty[] = "";
    cli_args a;
    char *ok[] = {run, file, o, dir, NULL};
    assert_int_equal(parse_argv(&cmd_run, 4, ok, &a), CLI_GO);
    assert_int_equal(strlen(a.dir), SPECSIM_OUTPUT_PATH_MAX - 1);
    assert_int_equal(strlen(a.file), SPECSIM_TEXT_MAX - 1);
    dir[SPECSIM_OUTPUT_PATH_MAX - 1] = 'd';
    assert_int_equal(parse_argv(&cmd_run, 4, ok, &a), 2);
    char *long_mps[] = {lp, f, mps, dir, NULL};
    assert_int_equal(parse_argv(&cmd_lp, 4, long_mps, &a), 2);
    dir[SPECSIM_OUTPUT_PATH_MAX - 1] = '\0';
    file[SPECSIM_TEXT_MAX - 1] = 'f';
    assert_int_equal(parse_argv(&cmd_run, 4, ok, &a), 2);
    char *no_dir[] = {run, f, o, empty, NULL};
    assert_int_equal(parse_argv(&cmd_run, 4, no_dir, &a), 2);
    char *no_file[] = {run, empty, NULL};
    assert_int_equal(parse_argv(&cmd_run, 2, no_file, &a), 2);
}

static void refusals(void **state)
{
    (void)state;
    cli_args a;
    assert_int_equal(parse(&cmd_run, "f.yaml --sed 5", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml --se 5", &a), 2); /* abbreviated */
    assert_int_equal(parse(&cmd_run, "f.yaml --rep 5", &a), 2); /* lp's */
    assert_int_equal(parse(&cmd_lp, "f.yaml -n 5", &a), 2);     /* run's */
    assert_int_equal(parse(&cmd_sweep, "f.yaml --format csv", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml --quiet=1", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml --seed", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml -x", &a), 2);
    assert_int_equal(parse(&cmd_run, "", &a), 2);
    assert_int_equal(parse(&cmd_run, "f.yaml g.yaml", &a), 2);
    assert_int_equal(parse(&cmd_validate, "", &a), 2);
    assert_int_equal(parse(&cmd_validate, "a.yaml b.yaml c.yaml", &a), CLI_GO);
    assert_int_equal(a.nfiles, 3);
    assert_string_equal(a.files[2], "c.yaml");
    assert_int_equal(parse(&cmd_sweep, "f.yaml --param a=1 --param b=1 "
                           "--param c=1 --param d=1", &a), CLI_GO);
    assert_int_equal(parse(&cmd_sweep, "f.yaml --param a=1 --param b=1 "
                           "--param c=1 --param d=1 --param e=1", &a), 2);
    /* -- ends the options; files keep their order wherever they are */
    assert_int_equal(parse(&cmd_validate, "a.yaml -- -odd.yaml", &a), CLI_GO);
    assert_int_equal(a.nfiles, 2);
    assert_string_equal(a.files[0], "a.yaml");
    assert_string_equal(a.files[1], "-odd.yaml");
}

/* Options after the file work even when the environment asks getopt for
 * POSIX order (which would stop at the first file). */
static void order_independent_of_environment(void **state)
{
    (void)state;
    cli_args a;
    assert_int_equal(setenv("POSIXLY_CORRECT", "1", 1), 0);
    int rc = parse(&cmd_run, "f.yaml -n 3 --seed=9", &a);
    unsetenv("POSIXLY_CORRECT");
    assert_int_equal(rc, CLI_GO);
    assert_int_equal(a.reps, 3);
    assert_true(a.seed == 9);
    assert_int_equal(parse(&cmd_validate, "b.yaml -h", &a), 0);
    assert_int_equal(parse(&cmd_validate, "b.yaml a.yaml", &a), CLI_GO);
    assert_string_equal(a.files[0], "b.yaml");
    assert_string_equal(a.files[1], "a.yaml");
}

static void help(void **state)
{
    (void)state;
    cli_args a;
    assert_int_equal(parse(&cmd_tornado, "--help", &a), 0);
    assert_int_equal(parse(&cmd_validate, "x.yaml -h", &a), 0);
}

static void suggestions(void **state)
{
    (void)state;
    assert_int_equal(cli_edit_distance("", ""), 0);
    assert_int_equal(cli_edit_distance("sed", "seed"), 1);
    assert_int_equal(cli_edit_distance("sede", "seed"), 1); /* swap */
    assert_int_equal(cli_edit_distance("kitten", "sitting"), 3);
    assert_int_equal(cli_edit_distance("policy", ""), 6);
    const char *names[] = {"replications", "threads", "seed", "output",
                           "quiet", "per-rep", "format"};
    int n = sizeof names / sizeof names[0];
    assert_string_equal(cli_nearest("sed", names, n), "seed");
    assert_string_equal(cli_nearest("treads", names, n), "threads");
    assert_string_equal(cli_nearest("replicatoins", names, n), "replications");
    assert_string_equal(cli_nearest("fromat", names, n), "format");
    assert_null(cli_nearest("bogus", names, n));
    assert_null(cli_nearest("x", names, n));
    assert_null(cli_nearest("", names, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(value_forms), cmocka_unit_test(numbers),
        cmocka_unit_test(paths),       cmocka_unit_test(refusals),
        cmocka_unit_test(help),        cmocka_unit_test(suggestions),
        cmocka_unit_test(order_independent_of_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
