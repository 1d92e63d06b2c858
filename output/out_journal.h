/* out_journal.h — the checkpoint journal of a run, and resuming from it.
 *
 * DESIGN — PARENT/.NAME.journal, beside the output directory DIR (outside
 * the result set, which is replaced as a whole), holds the finished
 * replications of a run
 * that is still going or was stopped (killed, out of wall time, Ctrl-C),
 * so `specsim run FILE -o DIR --resume` computes only what it lacks and
 * writes the very bytes an uninterrupted run would. The file is a header
 * — format, byte order, program version and commit, the scenario's
 * SHA-256, seed, replication count, largest record — with its own
 * SHA-256, then one entry per replication as it is aggregated: a framing
 * header (marker, length, replication, and a checksum of those), the
 * packed record (record.h), and the SHA-256 of both. Entries are appended
 * with write(2) as replications finish, so a killed process loses only
 * those in progress; every `every_seconds` (and at the end) the file is
 * flushed to disk with fdatasync(2), so a power loss loses at most that
 * long. A fresh journal appears whole (written aside, then renamed).
 *
 * Resuming checks the header against the run and refuses another run
 * (ERR_USAGE, saying what differs). Entries are verified one by one: a
 * damaged or truncated entry is skipped, counted and its replication
 * computed again; after a damaged framing header the reader looks for the
 * next intact one. A journal is read on the machine that wrote it (same
 * byte order, which the header checks).
 */
#ifndef SPECSIM_OUT_JOURNAL_H
#define SPECSIM_OUT_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "scn.h"

typedef struct out_journal out_journal;

/* Open the journal file `path` of a run of `s` (whose loaded bytes have
 * SHA-256 `sha`, 64 hex digits) with `seed` and `replications`; its
 * directory must exist. With `resume` and a journal there, check it
 * belongs to this run and index its intact entries; otherwise start an
 * empty one (replacing any). Flush to disk every `every_seconds`. On
 * success *out is the new journal. */
err_code out_journal_open(const char *path, const scn *s, const char *sha,
                          uint64_t seed, long replications, bool resume,
                          double every_seconds, out_journal **out, err_t *e);

/* Replications found intact when resuming, damaged entries skipped, and
 * whether an existing journal was resumed at all. */
long out_journal_kept(const out_journal *j);
long out_journal_damaged(const out_journal *j);
bool out_journal_resumed(const out_journal *j);

/* The journal as the engine's store (engine_opts.store); valid while the
 * journal is open. */
const engine_store *out_journal_store(const out_journal *j);

/* Close; with `remove`, delete the file (the run is complete and its
 * results are written). NULL is a no-op. */
void out_journal_close(out_journal *j, bool remove);

#endif
