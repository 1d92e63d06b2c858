/* version.h — the release of specsim; the commit comes from the build. */
#ifndef SPECSIM_VERSION_H
#define SPECSIM_VERSION_H

#define SPECSIM_VERSION "0.1.0"
#ifndef SPECSIM_COMMIT
#define SPECSIM_COMMIT "unknown"
#endif

#endif
