/* rng.h — random streams as a function of (seed, replication, stream).
 *
 * DESIGN — every replication reseeds its thread's generator from a hash of
 * (run seed, replication index, stream id), so the numbers a replication sees
 * never depend on which thread ran it or in what order (OpenMC's rule). The
 * hash is splitmix64 applied to the three words; the generator is GSL's
 * mt19937, which uses only the low 32 bits of a seed and maps 0 to 4357, so
 * the hash is folded to 32 bits and 0 is replaced before seeding.
 */
#ifndef SPECSIM_RNG_H
#define SPECSIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* Independent streams of one replication. */
typedef enum {
    RNG_STREAM_INPUTS = 0,  /* uncertain scenario inputs (draw.h) */
    RNG_STREAM_BIDDERS = 1, /* private values of bidders (auction) */
    RNG_STREAM_COUNT
} rng_stream;

typedef struct rng rng;

/* Allocate a generator; NULL on allocation failure. */
rng *rng_alloc(void);

/* Release; rng_free(NULL) is a no-op. */
void rng_free(rng *r);

/* The 32-bit nonzero seed used for (seed, rep, stream); exposed for tests
 * and manifests. */
uint32_t rng_seed_value(uint64_t seed, uint64_t rep, uint32_t stream);

/* Reseed `r` for (seed, rep, stream). */
void rng_seed(rng *r, uint64_t seed, uint64_t rep, uint32_t stream);

/* Uniform on the open interval (0, 1). */
double rng_uniform_pos(rng *r);

/* The underlying GSL generator, for gsl_ran_* calls. */
gsl_rng *rng_gsl(rng *r);

#endif
