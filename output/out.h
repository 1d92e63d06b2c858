/* out.h — every byte a run writes.
 *
 * DESIGN — only this module opens result files. Each file of a run is an
 * `out_writer` (a name and a function writing to a FILE*), listed in one
 * table; out_write_all() writes each atomically: into a temporary file in
 * the same directory, then rename(2), so a reader never sees half a file.
 * A command writes its whole result set into a staging directory
 * (out_stage_begin) and puts it in place in one step (out_stage_commit),
 * so a result directory always holds one complete set (out_stage.c).
 * Numbers are printed with a fixed format ("%.10g"), so identical results
 * give identical bytes.
 */
#ifndef SPECSIM_OUT_H
#define SPECSIM_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "agg.h"
#include "scn.h"

/* What the manifest records about a run. */
typedef struct {
    const char *command_line;
    const char *scenario_sha256; /* 64 hex digits of the bytes loaded */
    uint64_t seed;
    int threads;
    long replications_requested;
    long replications_done;
    bool interrupted;
    double seconds, glpk_seconds;
    long programs;
    long nodes;                /* branch-and-bound nodes of the programs */
    long reused;               /* of the programs, solutions reused from
                                  an earlier run of the same analysis */
    double auction_seconds, auction_glpk_seconds;
    long auctions;
    long replications_resumed; /* taken from the checkpoint journal */
    int ranks;                 /* MPI processes (0 or 1: one process) */
    const struct cluster_rank_stats *per_rank; /* [ranks] when ranks > 1 */
} out_run_info;

typedef struct {
    const scn *s;
    const agg *a;
    const out_run_info *info;
} out_ctx;

typedef struct {
    const char *name;  /* file name inside the output directory */
    err_code (*write)(FILE *f, const out_ctx *c, err_t *e);
} out_writer;

/* The files every run writes, in order. */
extern const out_writer out_writers[];
extern const int out_nwriters;

/* Create `dir` (and parents) if missing. */
err_code out_mkdir(const char *dir, err_t *e);

/* Write every file of out_writers into dir, each atomically. */
err_code out_write_all(const char *dir, const out_ctx *c, err_t *e);

/* Write one file atomically with `write`. */
err_code out_write_atomic(const char *dir, const char *name,
                          err_code (*write)(FILE *f, const out_ctx *c,
                                            err_t *e),
                          const out_ctx *c, err_t *e);

/* The summary as CSV, JSON, manifest (also used through out_writers). */
err_code out_summary_csv(FILE *f, const out_ctx *c, err_t *e);
err_code out_summary_json(FILE *f, const out_ctx *c, err_t *e);
err_code out_manifest_json(FILE *f, const out_ctx *c, err_t *e);

/* The comparison table for a terminal. */
err_code out_table(FILE *f, const out_ctx *c, err_t *e);

/* SHA-256 of bytes[0..len-1] as 64 hex digits into hex[65]. */
void out_sha256_bytes(const void *bytes, size_t len, char hex[65]);

/* ---- result sets, complete or absent (out_stage.c) ---- */

/* A result set being written: a staging directory beside its output
 * directory, and the lock that keeps other runs out of that directory. */
typedef struct out_stage out_stage;

/* Lock output directory `dir` (a second run into it refuses with "another
 * specsim run (pid N) is writing DIR"), remove what killed runs left
 * beside it, check that it can be written and that an existing `dir` holds
 * nothing but a result set, and create the staging directory. Call it
 * before any work, so these failures come first. On success *st is
 * caller-owned until out_stage_commit or out_stage_abort. */
err_code out_stage_begin(const char *dir, out_stage **st, err_t *e);

/* The staging directory, where every file of the set is written. */
const char *out_stage_path(const out_stage *st);

/* The output directory, as resolved (the one named in messages). */
const char *out_stage_dir(const out_stage *st);

/* PARENT/.NAME.SUFFIX, a file beside DIR that outlives result sets (the
 * checkpoint journal); ERR_IO when the path does not fit in len. */
err_code out_stage_sibling(const out_stage *st, const char *suffix,
                           char *buf, size_t len, err_t *e);

/* Bytes free for an unprivileged writer on the staging filesystem. */
err_code out_stage_free_bytes(const out_stage *st, uint64_t *bytes,
                              err_t *e);

/* Flush every file of the set to disk and replace the output directory
 * with it in one step (the old set stays whole until then), then release
 * the lock and *st (also on failure, when the old set stays in place). */
err_code out_stage_commit(out_stage *st, err_t *e);

/* Drop the staging directory, keep the old set, release the lock and st.
 * st may be NULL. */
void out_stage_abort(out_stage *st);

/* Per-replication output (--per-rep): open DIR/replications.csv (through a
 * temporary file), append records in order, then commit or abort. */
typedef struct out_reps out_reps;
out_reps *out_reps_open(const char *dir, const scn *s, err_t *e);
err_code out_reps_add(const rep_record *r, void *reps, err_t *e);
err_code out_reps_commit(out_reps *w, err_t *e);
void out_reps_abort(out_reps *w);

/* Bytes replications.csv takes for `reps` replications of scenario s:
 * the exact rows with every value given a typical width, to refuse a
 * --per-rep run that the disk cannot hold before it starts. */
uint64_t out_reps_bytes_estimate(const scn *s, long reps);

/* Leading columns (a sweep's swept fields, a tornado's input and its
 * value): the bytes a lead may take,
 * with its commas and the final NUL (four swept paths of fewer than
 * SPECSIM_PATH_MAX bytes, or four values of at most 64). */
#define OUT_REPS_LEAD_MAX 640
/* replications.csv whose header starts with `lead_header` ("a,b," or "")
 * and each of whose rows starts with the lead last set by out_reps_lead
 * (none before the first call); both shorter than OUT_REPS_LEAD_MAX. */
out_reps *out_reps_open_led(const char *dir, const scn *s,
                            const char *lead_header, err_t *e);
void out_reps_lead(out_reps *w, const char *lead);
/* The estimate of the rows alone (no header) of `reps` replications, each
 * row led by lead_chars characters. */
uint64_t out_reps_rows_bytes(const scn *s, long reps, size_t lead_chars);

/* A file written row by row while a run goes on, into a temporary file in
 * `dir` that becomes `name` only when committed (so an aborted run leaves
 * no half file). */
typedef struct {
    FILE *f;
    char tmp[4600], final[4500];
} out_stream;

/* Create dir if needed and open the temporary file of dir/name. */
err_code out_stream_open(out_stream *st, const char *dir, const char *name,
                         err_t *e);

/* Close and rename into place; on failure the temporary file is removed. */
err_code out_stream_commit(out_stream *st, err_t *e);

/* Close and remove the temporary file. */
void out_stream_abort(out_stream *st);

/* The opening fields every JSON summary shares (scenario, currency,
 * horizon, coverage target, replications), as a new jansson object. */
struct json_t;
struct json_t *out_json_head(const out_ctx *c);

/* Format a double as the output files do ("NA" for NaN). */
void out_format_double(char *buf, size_t len, double x);

/* Name of key k of a keyed metric: the operator, vendor or country. */
const char *out_key_name(const scn *s, metric_key key, int k);

/* How many keys of this kind the scenario has (countries: maybe 0). */
int out_key_count(const scn *s, metric_key key);

/* "METRIC[KEY]", the output name of keyed metric `mi` for key k, into
 * buf (at least OUT_KEYED_NAME_MAX bytes). */
#define OUT_KEYED_NAME_MAX (3 * SPECSIM_NAME_MAX + 8)
void out_keyed_name(char *buf, const scn *s, const metric_keyed_info *mi,
                    int k);

#endif
