/* out_cats.c — explicit auction values as a CATS file (see out_cats.h). */
#include "out_cats.h"

#include <stdlib.h>
#include <string.h>

#include "version.h"

/* The shortest "%.Ng" of x that reads back as x and has no exponent, as
 * CATS writes prices; "%.17g" when every such form has one. */
static void fmt_exact(char *buf, size_t len, double x)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, len, "%.*g", p, x);
        if (strtod(buf, NULL) == x && strchr(buf, 'e') == NULL) return;
    }
    snprintf(buf, len, "%.17g", x);
}

static err_code check(const scn *s, err_t *e)
{
    if (s->auction.value_model != VALUE_EXPLICIT)
        return err_set(e, ERR_SCENARIO, "%s: auction.value_model: expected "
                       "explicit for a CATS file (bids are explicit "
                       "packages)", s->file);
    for (int b = 0; b < s->nbands; b++)
        if (s->bands[b].lots > 1)
            return err_set(e, ERR_SCENARIO, "%s: bands[%d].lots: %d: "
                           "expected 0 or 1 for a CATS file (its goods are "
                           "distinct items)", s->file, b, s->bands[b].lots);
    return ERR_OK;
}

err_code out_cats_write(FILE *f, const scn *s, const double *draws,
                        err_t *e)
{
    err_code rc = check(s, e);
    if (rc != ERR_OK) return rc;
    int good[SPECSIM_BANDS_MAX], ngoods = 0, nbids = 0, ndummy = 0;
    for (int b = 0; b < s->nbands; b++)
        good[b] = s->bands[b].lots == 1 ? ngoods++ : -1;
    for (int o = 0; o < s->noperators; o++) {
        nbids += s->operators[o].npackages;
        ndummy += s->operators[o].npackages > 1;
    }
    fprintf(f, "%% File written by specsim %s from %s\n"
               "%% goods: the bands of one lot, in order; bids: the "
               "operators' packages, priced at their values\n\n"
               "goods %d\nbids %d\ndummy %d\n\n",
            SPECSIM_VERSION, s->file, ngoods, nbids, ndummy);
    int id = 0, dummy = ngoods;
    for (int o = 0; o < s->noperators; o++) {
        const scn_operator *op = &s->operators[o];
        for (int j = 0; j < op->npackages; j++) {
            char v[40];
            fmt_exact(v, sizeof v, scn_num_value(op->packages[j].value, draws));
            fprintf(f, "%d\t%s\t", id++, v);
            for (int b = 0; b < s->nbands; b++)
                if (good[b] >= 0 && op->packages[j].lots[b] > 0)
                    fprintf(f, "%d\t", good[b]);
            if (op->npackages > 1) fprintf(f, "%d\t", dummy);
            fprintf(f, "#\n");
        }
        dummy += op->npackages > 1;
    }
    if (fflush(f) != 0 || ferror(f))
        return err_set(e, ERR_IO, "cannot write the CATS file");
    return ERR_OK;
}
