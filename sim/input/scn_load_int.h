/* scn_load_int.h — the scenario loader's internal interface, shared by the
 * scn_load*.c files and by nothing else.
 *
 * DESIGN — the loader is a descent over libyaml's document tree that
 * follows the schema, never the document: each function reads one field or
 * entity it knows, checks it, stores it in the scenario, and on the first
 * error writes the message and returns false, which every caller passes
 * straight up (so the first error wins). Nothing walks an arbitrary tree,
 * so deep nesting cannot exhaust the stack and alias cycles cannot loop.
 * Each caller builds the field path of its children (operators[2].sites)
 * and passes it down; a message's position is the start mark of the node
 * at fault, or of the enclosing map when a field is missing.
 *
 * A value that is empty, `~` or `null` counts as absent. Numbers, integers
 * and booleans must be plain (unquoted) scalars: a quoted "5" is a string.
 */
#ifndef SPECSIM_SCN_LOAD_INT_H
#define SPECSIM_SCN_LOAD_INT_H

#include <math.h>
#include <stdbool.h>

#include <yaml.h>

#include "scn.h"

/* Loader state: where messages go and what is being filled. */
typedef struct {
    const char *file;     /* name used in messages */
    err_t *e;
    yaml_document_t *doc;
    scn *s;
    bool failed;          /* an error has been recorded */
    int policy_file[SPECSIM_POLICIES_MAX]; /* stored policy -> its index
                                              in the file, -1 if added */
} scn_ld;

/* Range of a real-valued field, with the noun used in messages. */
typedef struct {
    const char *noun;     /* "a number", "a share", ... */
    double lo, hi;
    bool lo_open, hi_open;
} scn_ld_range;

/* Range of an integer field; `note` follows the range in messages. */
typedef struct {
    const char *noun;     /* "an integer", "a year" */
    long lo, hi;
    const char *note;     /* e.g. " (the horizon)", or "" */
} scn_ld_irange;

/* One scn_num field of a struct, for table-driven sections. */
typedef struct {
    const char *key;
    size_t offset;              /* of the scn_num in the struct */
    const scn_ld_range *range;
    double def;                 /* SCN_LD_REQUIRED when required */
} scn_ld_numf;

#define SCN_LD_REQUIRED NAN

/* Most lots one bidder may be allowed over all bands (cap_total): more
 * than SPECSIM_BANDS_MAX bands of 1000 lots, the most a band may offer. */
#define SCN_LD_LOTS_TOTAL_MAX 10000

/* ---- errors (scn_load_yaml.c) ---- */

/* Record "FILE:LINE:COL: PATH: VALUE: expected ..." at node `at` and return
 * false. VALUE is `value` when not NULL, else `at` as written. An empty
 * path reads "document". Only the first error of a load is kept. */
bool scn_ld_fail(scn_ld *ld, const yaml_node_t *at, const char *path,
                 const char *value, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Record that field `key` of `map` (at `path`) is missing; returns false. */
bool scn_ld_fail_missing(scn_ld *ld, const yaml_node_t *map,
                         const char *path, const char *key,
                         const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Write a node as written, for messages: a quoted, escaped, shortened
 * scalar, a flow map of scalars, or "a map" / "a list". */
void scn_ld_node_text(scn_ld *ld, const yaml_node_t *n, char *buf,
                      size_t len);

/* Shortest readable form of a number: 1e7, 0.35, -inf. */
void scn_ld_fmt_num(double v, char *buf, size_t len);

/* "[0, 1e7]", "(0, 100]": the interval of a range. */
void scn_ld_fmt_range(const scn_ld_range *r, char *buf, size_t len);

/* ---- paths and nodes (scn_load_yaml.c) ---- */

/* scn_check's report for the loader (ctx is the scn_ld): the message is
 * placed at the node the path names (policies counted as stored), or at
 * the deepest map on the way when the field is absent. */
err_code scn_ld_report(void *ctx, const char *path, const char *value,
                       const char *expected);

/* out = "parent.key" (or "key" when parent is empty). */
void scn_ld_path(char *out, const char *parent, const char *key);

/* out = "parent[i]". */
void scn_ld_path_idx(char *out, const char *parent, int i);

/* The node with this index, or NULL. */
yaml_node_t *scn_ld_node(scn_ld *ld, int index);

/* True for an empty, `~` or `null` plain scalar. */
bool scn_ld_is_null(const yaml_node_t *n);

/* The value of `key` in map `map`, or NULL when absent or null. */
yaml_node_t *scn_ld_get(scn_ld *ld, const yaml_node_t *map, const char *key);

/* Check that `n` is a map whose keys are among `keys` (NULL-terminated),
 * each at most once. */
bool scn_ld_keys(scn_ld *ld, const yaml_node_t *n, const char *path,
                 const char *const keys[]);

/* Check that `n` is a list of min..max items; `limit` names the limit
 * (e.g. "SPECSIM_REGIONS_MAX") or is NULL. */
bool scn_ld_list(scn_ld *ld, const yaml_node_t *n, const char *path, int min,
                 int max, const char *limit);

/* Number of items of a list node. */
int scn_ld_list_len(const yaml_node_t *n);

/* Item i of a list node. */
yaml_node_t *scn_ld_list_item(scn_ld *ld, const yaml_node_t *n, int i);

/* Check that `n` is a map (with any keys); `what` describes it. */
bool scn_ld_is_map(scn_ld *ld, const yaml_node_t *n, const char *path,
                   const char *what);

/* ---- scalars (scn_load_yaml.c); `n` is never NULL ---- */

/* A plain decimal integer in r. */
bool scn_ld_int(scn_ld *ld, const yaml_node_t *n, const char *path,
                const scn_ld_irange *r, long *out);

/* A plain decimal integer in [0, 2^64 - 1]. */
bool scn_ld_u64(scn_ld *ld, const yaml_node_t *n, const char *path,
                uint64_t *out);

/* true or false (also True, TRUE, False, FALSE). */
bool scn_ld_bool(scn_ld *ld, const yaml_node_t *n, const char *path,
                 bool *out);

/* One of `words` (NULL-terminated); *out = its index. */
bool scn_ld_word(scn_ld *ld, const yaml_node_t *n, const char *path,
                 const char *const words[], int *out);

/* An identifier [A-Za-z_][A-Za-z0-9_-]* shorter than SPECSIM_NAME_MAX. */
bool scn_ld_name(scn_ld *ld, const yaml_node_t *n, const char *path,
                 char out[SPECSIM_NAME_MAX]);

/* Optional field `key` of `map`: a region name or a list of them, as a
 * mask; every region when absent. */
bool scn_ld_region_set(scn_ld *ld, const yaml_node_t *map, const char *path,
                       const char *key, uint32_t *out);

/* Free text shorter than SPECSIM_TEXT_MAX bytes. */
bool scn_ld_text(scn_ld *ld, const yaml_node_t *n, const char *path,
                 char out[SPECSIM_TEXT_MAX]);

/* The value of scalar `n` if it is a plain decimal number. */
bool scn_ld_scalar_number(const yaml_node_t *n, double *out);

/* ---- fields of a map: absent → default, or error when required ---- */

bool scn_ld_field_int(scn_ld *ld, const yaml_node_t *map, const char *path,
                      const char *key, const scn_ld_irange *r, bool required,
                      long def, long *out);
bool scn_ld_field_bool(scn_ld *ld, const yaml_node_t *map, const char *path,
                       const char *key, bool def, bool *out);
bool scn_ld_field_word(scn_ld *ld, const yaml_node_t *map, const char *path,
                       const char *key, const char *const words[],
                       bool required, int def, int *out);

/* ---- numbers and distributions (scn_load_num.c) ---- */

/* A plain number in r (never a distribution). */
bool scn_ld_fixed(scn_ld *ld, const yaml_node_t *n, const char *path,
                  const scn_ld_range *r, double *out);

/* A number in r, or a distribution map whose support lies in r; a
 * distribution is appended to s->params under `path`. */
bool scn_ld_num(scn_ld *ld, const yaml_node_t *n, const char *path,
                const scn_ld_range *r, scn_num *out);

/* Field versions: `def` is SCN_LD_REQUIRED or the default value. */
bool scn_ld_field_fixed(scn_ld *ld, const yaml_node_t *map,
                        const char *path, const char *key,
                        const scn_ld_range *r, double def, double *out);
bool scn_ld_field_num(scn_ld *ld, const yaml_node_t *map, const char *path,
                      const char *key, const scn_ld_range *r, double def,
                      scn_num *out);

/* Read the scn_num fields of table f[0..n-1], in table order, into the
 * struct at `base`. */
bool scn_ld_num_fields(scn_ld *ld, const yaml_node_t *map, const char *path,
                       const scn_ld_numf *f, int n, void *base);

/* ---- sections (scn_load_auc.c, scn_load_op.c, scn_load_pol.c) ---- */

/* The optional auction section `m` (NULL when absent: no auction, every
 * field at its default); horizon and bands already loaded. */
bool scn_ld_auction(scn_ld *ld, const yaml_node_t *m);

/* Field `key` of map `m`: a map band name -> lots in [0, that band's
 * lots] into out[] (absent bands, or an absent map: def). */
bool scn_ld_band_lots(scn_ld *ld, const yaml_node_t *m, const char *path,
                      const char *key, int def, int out[SPECSIM_BANDS_MAX]);

/* The operators section (regions, bands and vendors already loaded). */
bool scn_ld_operators(scn_ld *ld, const yaml_node_t *list);

/* Check map `m`: every key names a band, each once. */
bool scn_ld_band_keys(scn_ld *ld, const yaml_node_t *m, const char *path);

/* Field `obligation` of map `m`: {year (within the horizon), share}, both
 * required; absent, *year = 0 and *share = 0. */
bool scn_ld_obligation(scn_ld *ld, const yaml_node_t *m, const char *path,
                       int *year, double *share);

/* The policies section (vendors already loaded); puts baseline first. */
bool scn_ld_policies(scn_ld *ld, const yaml_node_t *list);

/* The optional correlations section (all params already registered). */
bool scn_ld_correlations(scn_ld *ld, const yaml_node_t *list);

/* Comma-separated names of the vendors, regions or bands, for messages. */
void scn_ld_vendor_names(const scn *s, char *buf, size_t len);
void scn_ld_region_names(const scn *s, char *buf, size_t len);
void scn_ld_band_names(const scn *s, char *buf, size_t len);

#endif
