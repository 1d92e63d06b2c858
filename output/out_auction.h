/* out_auction.h — what `specsim auction` writes: every auction of an
 * auction-only study (auction_alone_study) as tidy CSV and JSON, the
 * manifest, and the table printed on stdout.
 *
 * DESIGN — one row of auction.csv is one number: replication, policy,
 * format, bidder, band, metric, value (bidder and band empty where they do
 * not apply), so a data frame reads it as it is. auction.json holds the
 * same auctions nested (bidders with their lots, payments and values; the
 * binding core constraints of the cca). The table gives, per policy and
 * format, the means over replications, then each bidder's mean lots and
 * payments, and the core constraints binding in the first replication.
 * Numbers in the files are "%.10g", so equal studies give equal bytes.
 */
#ifndef SPECSIM_OUT_AUCTION_H
#define SPECSIM_OUT_AUCTION_H

#include "auction_stage.h"
#include "out.h"
#include "out_report.h"

typedef struct {
    const scn *s;
    const auction_alone_row *rows; /* replication-major, then policy, then
                                      format */
    long reps;                     /* replications in rows */
    const auction_format *const *formats;
    int nformats;
    const out_run_info *info;      /* for the manifest */
} out_auction_ctx;

/* auction.csv, auction.json and manifest.json into dir, each atomically. */
err_code out_auction_write(const char *dir, const out_auction_ctx *c,
                           err_t *e);

/* The study on f: the table, or auction.csv / auction.json's content. */
err_code out_auction_print(FILE *f, const out_auction_ctx *c, out_format fmt,
                           err_t *e);

#endif
