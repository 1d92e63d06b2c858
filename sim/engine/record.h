/* record.h — one replication's record as bytes, exactly.
 *
 * DESIGN — a record crosses a process boundary (to the rank that
 * aggregates) or a restart (the checkpoint journal) as a packed byte
 * string: the replication index, then for every policy its status, its
 * diagnosis and every metric of the scenario's size (policies, years,
 * operators, bands, vendors, countries), doubles as their raw 8 bytes in
 * the machine's order. Unpacking gives back the very values the
 * replication computed, NaN payloads included, so aggregation over
 * unpacked records is bit for bit the aggregation over the originals.
 * Only the dimensions the scenario uses travel, so a record of a small
 * scenario is a few kilobytes, not the full fixed-size struct.
 */
#ifndef SPECSIM_RECORD_H
#define SPECSIM_RECORD_H

#include <stddef.h>

#include "err.h"
#include "metrics.h"
#include "scn.h"

/* Largest packed record of scenario s, in bytes (every diagnosis at its
 * longest). */
size_t record_packed_max(const scn *s);

/* Pack *r into buf (at least record_packed_max(s) bytes); returns the
 * length written. */
size_t record_pack(const scn *s, const rep_record *r, unsigned char *buf);

/* Unpack buf[0..len-1] into *r. ERR_IO when the bytes are not a whole
 * record of this scenario's size (short, long, or a bad diagnosis
 * length); *r is then unspecified. */
err_code record_unpack(const scn *s, const unsigned char *buf, size_t len,
                       rep_record *r, err_t *e);

#endif
