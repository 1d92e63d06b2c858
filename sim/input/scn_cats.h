/* scn_cats.h — CATS instance files as scenarios.
 *
 * DESIGN — a CATS file (Leyton-Brown, Pearson and Shoham 2000, "Towards a
 * universal test suite for combinatorial auction algorithms") lists
 * `goods N`, `bids M` and `dummy D`, then one bid a line, "id price g1 g2
 * ... #", after comment lines starting with %. Goods N..N+D-1 are dummy
 * goods: the bids sharing one are one bidder's, and since a good is sold
 * once at most one of them wins (XOR); a bid without a dummy good is a
 * bidder of its own. The reader turns the file into a scenario in which
 * each good is a band of one lot and each bidder an operator with the
 * explicit value model, its bids being its XOR packages with the bids'
 * prices as values, and loads it with the scenario loader, so the auction
 * stage, the formats and their outputs are those of any scenario. The
 * model's limits bound what fits: at most SPECSIM_BANDS_MAX goods,
 * SPECSIM_OPERATORS_MAX bidders and SPECSIM_XOR_PACKAGES_MAX bids per
 * bidder; a larger file is refused with the limit named.
 */
#ifndef SPECSIM_SCN_CATS_H
#define SPECSIM_SCN_CATS_H

#include <stddef.h>

#include "scn.h"

/* The scenario of CATS text text[0..len-1] read from `name` into *out
 * (caller-owned, scn_free). ERR_SCENARIO with "NAME:LINE: what was
 * expected" for a malformed file or one beyond the limits. */
err_code scn_cats_load(const char *name, const char *text, size_t len,
                       scn **out, err_t *e);

#endif
