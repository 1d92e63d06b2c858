/* scn_check.h — the rules between fields of a scenario, in one place.
 *
 * DESIGN — a field's own range is the schema's (scn_schema.h) and is
 * checked where the field is read or set; what involves several fields
 * (shares summing per region, sites only where an operator sells and has
 * an installed base, spectrum caps above holdings, years in order, lots
 * within a band and within what the auction model can sell) is checked
 * here, on a whole scenario. The loader runs scn_check once the file is
 * read, the path setter of sweep and tornado after every change, so no
 * value reaches the models unchecked. A broken rule is reported through a
 * callback that knows where the field came from: the loader's names the
 * file, line and column of the field's node, the path setter's the path
 * it was given.
 */
#ifndef SPECSIM_SCN_CHECK_H
#define SPECSIM_SCN_CHECK_H

#include "scn.h"

/* Report that the field at `path` (as the scenario stores it: policies
 * counted baseline first) breaks a rule; `value` is the value to show, or
 * NULL for the field's own; `expected` says what was expected. Returns
 * the status scn_check returns, having written the message. */
typedef err_code (*scn_report_fn)(void *ctx, const char *path,
                                  const char *value, const char *expected);

/* Check every rule between fields of s; on the first broken one, returns
 * what `report` returns. ERR_OK when all hold. */
err_code scn_check(const scn *s, scn_report_fn report, void *ctx);

#endif
