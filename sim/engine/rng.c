/* rng.c — random streams as a function of (seed, replication, stream).
 *
 * DESIGN — an `rng` wraps one gsl_rng_mt19937, which uses only 32 bits of
 * a seed. A stream's base seed hashes (seed, stream) with splitmix64 and
 * folds it to 32 bits; replication k then uses base + k * 0x9E3779B1 (mod
 * 2^32). The multiplier is odd, so the 2^32 first replications of a stream
 * get distinct seeds: no two replications of a run share their numbers (a
 * plain hash of the replication index would make such collisions likely
 * beyond ~10^5 replications). 0, which mt19937 would silently turn into
 * 4357, is replaced by a fixed constant.
 * Reseeding is all the state there is, so a replication's numbers depend
 * on nothing but (seed, rep, stream).
 */
#include "rng.h"

#include <stdlib.h>

#include "err.h"

/* Seed used when the folded hash is 0 (the 32-bit golden ratio). */
#define RNG_SEED_FOR_ZERO 0x9E3779B9u

struct rng {
    gsl_rng *g;
};

/* splitmix64's output function (Steele, Lea, Flood 2014): a bijection of
 * 64-bit words with good avalanche. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    return x ^ (x >> 31);
}

/* Allocate a generator (mt19937, seeded for (0, 0, 0)); NULL on allocation
 * failure. The caller owns it and releases it with rng_free. */
rng *rng_alloc(void)
{
    rng *r = malloc(sizeof *r);
    if (r == NULL) return NULL;
    r->g = gsl_rng_alloc(gsl_rng_mt19937);
    if (r->g == NULL) {
        free(r);
        return NULL;
    }
    rng_seed(r, 0, 0, 0);
    return r;
}

/* Release; rng_free(NULL) is a no-op. */
void rng_free(rng *r)
{
    if (r == NULL) return;
    gsl_rng_free(r->g);
    free(r);
}

/* Step between the seeds of consecutive replications: odd, so that
 * rep -> base + rep * step is a bijection modulo 2^32. */
#define RNG_REP_STEP 0x9E3779B1u

/* The 32-bit nonzero seed for (seed, rep, stream): a hashed base per
 * (seed, stream), plus rep times an odd step. */
uint32_t rng_seed_value(uint64_t seed, uint64_t rep, uint32_t stream)
{
    uint64_t h = splitmix64(splitmix64(seed) ^ stream);
    uint32_t base = (uint32_t)(h ^ (h >> 32));
    uint32_t s = base + (uint32_t)rep * RNG_REP_STEP;
    return s != 0 ? s : RNG_SEED_FOR_ZERO;
}

/* Reseed `r` for (seed, rep, stream). */
void rng_seed(rng *r, uint64_t seed, uint64_t rep, uint32_t stream)
{
    SPECSIM_ASSERT(r != NULL);
    gsl_rng_set(r->g, rng_seed_value(seed, rep, stream));
}

/* Uniform on the open interval (0, 1). */
double rng_uniform_pos(rng *r)
{
    SPECSIM_ASSERT(r != NULL);
    return gsl_rng_uniform_pos(r->g);
}

/* The underlying GSL generator, owned by `r`. */
gsl_rng *rng_gsl(rng *r)
{
    SPECSIM_ASSERT(r != NULL);
    return r->g;
}
