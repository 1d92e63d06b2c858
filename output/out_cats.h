/* out_cats.h — a scenario's explicit auction values as a CATS file (the
 * format scn_cats.h reads). */
#ifndef SPECSIM_OUT_CATS_H
#define SPECSIM_OUT_CATS_H

#include <stdio.h>

#include "scn.h"

/* Write the XOR packages of scenario s, values as in `draws` (one
 * replication's draws of s->params), as a CATS file on f: every band of
 * one lot is a good (in band order; bands without lots are none), every
 * package a bid priced at its value, and each operator with more than one
 * package gets a dummy good that all its bids name (operators in order).
 * Numbers are written in the fewest digits that read back exactly.
 * ERR_SCENARIO when the value model is not explicit or a band has more
 * than one lot (CATS goods are distinct items); ERR_IO when f fails. */
err_code out_cats_write(FILE *f, const scn *s, const double *draws,
                        err_t *e);

#endif
