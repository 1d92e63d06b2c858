/* deploy_fixture.h — the smallest rollout problem the model tests start
 * from: one operator, one region of 1,000 people needing ten sites, ten
 * legacy sites of vendor 0, `nv` vendors each upgrading a site for 2.385
 * and building one for 7.25 (site-equivalent 1, capacity far above need),
 * `ny` years at a 10 % discount rate, swap price 1.0, a budget far above
 * every cost, soft, financed at 15 % over five years; no users, so the
 * tests add what they need. */
#ifndef DEPLOY_FIXTURE_H
#define DEPLOY_FIXTURE_H

#include <stdlib.h>

#include "deploy.h"

static inline deploy_problem *deploy_fixture(int nv, int ny)
{
    deploy_problem *p = calloc(1, sizeof *p);
    assert_non_null(p);
    p->noperators = 1; p->nregions = 1; p->nvendors = nv; p->nyears = ny;
    p->discount_rate = 0.1;
    p->population[0] = 1000;
    p->sites_needed[0][0] = 10;
    p->subscriber_share[0] = 1;
    p->market[0] = 1u;
    p->legacy[0][0][0] = 10;
    p->core_vendor[0] = -1;
    p->obligation_t[0] = -1;
    p->vendors_per_region_max[0] = nv;
    p->swap_site = 1.0;
    p->core_upgrade_share = 0.5;
    p->risk_core_weight = 0.5;
    p->node_limit = 100000;
    p->mip_gap = 0;
    p->financing_rate = 0.15;
    p->financing_term_years = 5;
    for (int v = 0; v < nv; v++) {
        p->site_equiv[0][0][v] = 1.0;
        p->ran_upgrade[v] = 2.385;
        p->ran_new[v] = 7.25;
        p->capacity[v] = 1e6;
    }
    for (int t = 0; t < ny; t++) p->budget[0][t] = 1e9;
    return p;
}

#endif
