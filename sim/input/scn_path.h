/* scn_path.h — one numeric field of a loaded scenario, named by its path,
 * for sensitivity sweeps.
 *
 * DESIGN — a path is written as the loader reports fields:
 * `market.swap_eur_site`, `vendors[3].capacity_sites_year`,
 * `operators[0].sites.urban`, `policies[2].instruments[0].share_max`. A list
 * item may also be named instead of counted: `vendors[huawei]`,
 * `policies[cap35]`. Policies are counted as the scenario stores them,
 * baseline first and the others in file order (the file's own numbering
 * whenever baseline is listed first). Setting a field that is uncertain in
 * the file (a distribution) makes it fixed at the new value, but leaves the
 * table of uncertain inputs as it is: every input keeps its place in the
 * canonical draw order, so every other input keeps its draws and runs that
 * differ only in the swept field share their random numbers. Paths are
 * resolved through the loader's schema (scn_schema.h) and values checked
 * against its ranges; then the changed scenario must pass scn_check, the
 * rules between fields the loader applies (subscriber shares summing to at
 * most 1 in each region, a removal not before its purchase stop, an
 * installed base wherever an operator has sites, lots an auction can
 * sell...). Integer fields (years, counts) accept whole numbers only. An
 * installed-base share
 * (`operators[0].installed_base.huawei` in every region with an installed
 * base, or `operators[0].installed_base.urban.huawei` in one) is settable
 * only where another vendor of its region is given as `rest`, which takes
 * the change, and only so far that rest cannot become negative at the
 * other shares' upper bounds. Fields that change the scenario's shape (the
 * horizon's years, names, flags) are not settable.
 */
#ifndef SPECSIM_SCN_PATH_H
#define SPECSIM_SCN_PATH_H

#include <stddef.h>

#include "scn.h"

/* Set the field at `path` to `value`. On a bad path or value returns
 * ERR_USAGE with "PATH: VALUE: expected ..." in *e (unknown names list what
 * is allowed) and leaves *s unchanged. */
err_code scn_path_set(scn *s, const char *path, double value, err_t *e);

/* The field's value (the mean when it is uncertain) into *value, and
 * whether it is uncertain into *uncertain (may be NULL). */
err_code scn_path_get(const scn *s, const char *path, double *value,
                      bool *uncertain, err_t *e);

/* What the path refers to, in words, for messages and reports:
 * "vendors[3].ran_upgrade_eur" -> "huawei: ran_upgrade_eur". Indices the
 * scenario does not have are left as written. */
void scn_path_label(const scn *s, const char *path, char *buf, size_t len);

#endif
