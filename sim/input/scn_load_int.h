/* scn_load_int.h — the scenario loader's internal interface, shared by the
 * scn_load*.c files and by nothing else.
 *
 * DESIGN — the loader is a descent over libyaml's document tree that
 * follows the schema (scn_schema.h), never the document: each function reads one field or
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
#include "scn_schema.h"

/* What the keys of a map keyed by names name. */
typedef enum { SCN_LD_KEY_REGION, SCN_LD_KEY_BAND, SCN_LD_KEY_VENDOR } scn_ld_key;

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

/* A plain decimal integer in r; `note` follows the range in messages. */
bool scn_ld_int(scn_ld *ld, const yaml_node_t *n, const char *path,
                const scn_range *r, const char *note, long *out);

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

/* Reads one name of a set at n and sets its bit in *mask, or fails with
 * a located error. */
typedef bool (*scn_ld_name_fn)(scn_ld *ld, const yaml_node_t *n,
                               const char *path, uint32_t *mask);

/* Optional field `key` of `map` (NULL: absent): a name or a list of at
 * least one, each read by `word`, as a mask; all `count` bits when absent.
 * `what` names one name in messages ("a region name"). */
bool scn_ld_name_set(scn_ld *ld, const yaml_node_t *map, const char *path,
                     const char *key, int count, const char *what,
                     scn_ld_name_fn word, uint32_t *out);

/* Optional field `key` of `map`: a region name or a list of them, as a
 * mask; every region when absent. */
bool scn_ld_region_set(scn_ld *ld, const yaml_node_t *map, const char *path,
                       const char *key, uint32_t *out);

/* Free text shorter than SPECSIM_TEXT_MAX bytes. */
bool scn_ld_text(scn_ld *ld, const yaml_node_t *n, const char *path,
                 char out[SPECSIM_TEXT_MAX]);

/* The value of scalar `n` if it is a plain decimal number. */
bool scn_ld_scalar_number(const yaml_node_t *n, double *out);

/* ---- numbers and distributions (scn_load_num.c) ---- */

/* A plain number in r (never a distribution). */
bool scn_ld_fixed(scn_ld *ld, const yaml_node_t *n, const char *path,
                  const scn_range *r, double *out);

/* A number in r, or a distribution map whose support lies in r; a
 * distribution is appended to s->params under `path`. */
bool scn_ld_num(scn_ld *ld, const yaml_node_t *n, const char *path,
                const scn_range *r, scn_num *out);

/* ---- tables (scn_load_table.c) ---- */

/* Read map `m` (at `path`; NULL: an absent optional section, every field
 * at its default) by table t into the struct at `base`: its keys are the
 * table's, its fields read in table order. */
bool scn_ld_table(scn_ld *ld, const yaml_node_t *m, const char *path,
                  const scn_table *t, void *base);

/* Field f of map `m` (at `path`) into the struct at `base`: absent, its
 * default, or an error when it is required. */
bool scn_ld_field(scn_ld *ld, const yaml_node_t *m, const char *path,
                  const scn_field *f, void *base);

/* Check that `m` is a map whose keys are among t's, each at most once. */
bool scn_ld_table_keys(scn_ld *ld, const yaml_node_t *m, const char *path,
                       const scn_table *t);

/* Read hook field f of map `m` into the struct at `base` (scn_load.c). */
bool scn_ld_hook(scn_ld *ld, const yaml_node_t *m, const char *path,
                 const scn_field *f, void *base);

/* ---- hooks (scn_load_auc.c, scn_load_op.c, scn_load_pol.c) ---- */

/* Hook fields of the auction section: format, strategy, additive. */
bool scn_ld_auction_hook(scn_ld *ld, const yaml_node_t *m,
                         const scn_field *f, void *base);

/* The required name of item i of a list (at `path`, e.g. operators[2]):
 * an identifier, stored at first + i * stride, that items 0..i-1 (their
 * names `stride` bytes apart from `first`, each a `noun` in messages) do
 * not have (scn_load.c). */
bool scn_ld_own_name(scn_ld *ld, const yaml_node_t *m, const char *path,
                     const char *noun, char *first, size_t stride, int i);

/* Hook fields of an operator (name, installed base, vendors named) into
 * the operator at `base`. */
/* Optional field `key` of `map`: an operator name or a list of them, as
 * a mask (bit o); every operator when absent (scn_load_pol.c). */
bool scn_ld_operator_set(scn_ld *ld, const yaml_node_t *map,
                         const char *path, const char *key, uint32_t *out);

bool scn_ld_operator_hook(scn_ld *ld, const yaml_node_t *m, const char *path,
                          const scn_field *f, void *base);

/* Check map `m`: every key names a region, band or vendor, each once;
 * `hint` follows the message about an unknown key. */
bool scn_ld_name_keys(scn_ld *ld, const yaml_node_t *m, const char *path,
                      scn_ld_key kind, const char *hint);

/* The `vendors` field of an instrument: a word or a list of words;
 * `high_risk` when absent and not required (scn_load_pol.c). */
bool scn_ld_vendor_set(scn_ld *ld, const yaml_node_t *m, const char *path,
                       bool required, uint32_t *out);

/* The policies section (vendors already loaded); puts baseline first. */
bool scn_ld_policies(scn_ld *ld, const yaml_node_t *list);

/* Field a or b of a correlation: the path of an uncertain input (all
 * registered by then); b another than a, the pair not correlated before. */
bool scn_ld_input_path(scn_ld *ld, const yaml_node_t *m, const char *path,
                       const scn_field *f, void *base);

/* Comma-separated names of the regions, bands or vendors, for messages
 * (scn_load.c). */
void scn_ld_names(const scn *s, scn_ld_key kind, char *buf, size_t len);

/* Scalar `n` as text when it could be a name (short enough, no NUL), else
 * "" (scn_load.c). */
void scn_ld_scalar_name(const yaml_node_t *n, char out[SPECSIM_NAME_MAX]);

#endif
