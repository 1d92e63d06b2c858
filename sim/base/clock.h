/* clock.h — the one clock of specsim.
 *
 * DESIGN — timings are reported (seconds per replication, share of time in
 * GLPK) but never influence a result: every solver limit is a count, not a
 * time. One monotonic clock serves every layer.
 */
#ifndef SPECSIM_CLOCK_H
#define SPECSIM_CLOCK_H

/* Seconds on the monotonic clock since an arbitrary origin. */
double clock_seconds(void);

#endif
