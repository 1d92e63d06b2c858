/* specsim_limits.h — every size limit of specsim in one place.
 *
 * DESIGN — fixed-size arrays keep the scenario a flat, copyable value and
 * the per-thread workspaces allocation-free inside the replication loop.
 * The loader checks every count against these limits and names the limit
 * in its message. Test builds may shrink them (-DSPECSIM_TEST_LIMITS) to
 * flush out edge cases.
 */
#ifndef SPECSIM_LIMITS_H
#define SPECSIM_LIMITS_H

#ifdef SPECSIM_TEST_LIMITS
#define SPECSIM_REGIONS_MAX 4
#define SPECSIM_BANDS_MAX 4
#define SPECSIM_OPERATORS_MAX 4
#define SPECSIM_VENDORS_MAX 6
#define SPECSIM_POLICIES_MAX 8
#else
/* Regions or geotypes; a national model rarely needs more than a dozen. */
#define SPECSIM_REGIONS_MAX 16
/* Spectrum bands offered or held. */
#define SPECSIM_BANDS_MAX 8
/* Mobile network operators (bidders). */
#define SPECSIM_OPERATORS_MAX 8
/* Equipment vendors; vendor sets are bit masks, so at most 32. */
#define SPECSIM_VENDORS_MAX 12
/* Policies compared in one run, baseline included. */
#define SPECSIM_POLICIES_MAX 16
#endif

/* Instruments a single policy may combine. */
#define SPECSIM_INSTRUMENTS_MAX 8
/* Licence obligations of a scenario (section obligations). */
#define SPECSIM_OBLIGATIONS_MAX 8
/* Years from first to last of the horizon, inclusive. */
#define SPECSIM_YEARS_MAX 30
/* Earliest and latest calendar years accepted anywhere in a scenario. */
#define SPECSIM_YEAR_MIN 1990
#define SPECSIM_YEAR_MAX 2100
/* Uncertain (distributed) inputs in one scenario. */
#define SPECSIM_PARAMS_MAX 512
/* Pairwise correlations between uncertain inputs. */
#define SPECSIM_CORRELATIONS_MAX 64
/* Length of a name (vendor, region, ...) including the terminating NUL. */
#define SPECSIM_NAME_MAX 32
/* Length of a field path such as operators[2].installed_base.huawei. */
#define SPECSIM_PATH_MAX 128
/* Length of a free-text description. */
#define SPECSIM_TEXT_MAX 256
/* Length of an output path given on the command line (-o, --mps)
 * including the terminating NUL; the files written inside an output
 * directory add at most a few dozen bytes, within the output layer's
 * 4096-byte path buffers. */
#define SPECSIM_OUTPUT_PATH_MAX 1024
/* Length of an error message. */
#define SPECSIM_ERRMSG_MAX 1024
/* Values each statistic keeps to give exact quantiles; beyond this many
 * replications the quantiles are P-square streaming estimates, so memory
 * stays bounded whatever the number of replications. Test builds switch
 * after a few replications, so the streaming branch is exercised. */
#ifdef SPECSIM_TEST_LIMITS
#define SPECSIM_EXACT_QUANTILES_MAX 10
#else
#define SPECSIM_EXACT_QUANTILES_MAX 1000
#endif
/* Packages of one bidder's explicit XOR bid (auction value_model
 * explicit); textbook cases use a handful. */
#define SPECSIM_XOR_PACKAGES_MAX 32
/* Replications in one run. */
#define SPECSIM_REPS_MAX 10000000L
/* Worker threads. */
#define SPECSIM_THREADS_MAX 256

#endif
