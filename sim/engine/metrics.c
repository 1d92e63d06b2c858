/* metrics.c — the metric catalogue (see metrics.h and docs/model.md). */
#include "metrics.h"

const metric_info metric_scalar_info[M_SCALAR_COUNT] = {
    [M_COST_TOTAL] = {"cost_total_npv", "currency",
                      "NPV of capex + opex + swap + mitigation + financing - "
                      "subsidy received + stranded value, all operators", true},
    [M_COST_CAPEX] = {"cost_capex_npv", "currency",
                      "NPV of RAN equipment, new sites, vendor integration and core", true},
    [M_COST_OPEX] = {"cost_opex_npv", "currency", "NPV of 5G site opex", true},
    [M_COST_SWAP] = {"cost_swap_npv", "currency",
                     "NPV of removing installed equipment early (per swapped site)", true},
    [M_COST_MITIGATION] = {"cost_mitigation_npv", "currency",
                           "NPV of mitigation: per high-risk site and fixed yearly cost", true},
    [M_PENALTY] = {"obligation_penalty_npv", "currency",
                   "NPV of penalties for coverage-obligation shortfall", true},
    [M_MARGIN] = {"margin_npv", "currency", "NPV of margin on covered 5G users", true},
    [M_OPERATOR_NPV] = {"operator_npv", "currency",
                        "margin minus all costs, penalties and spectrum "
                        "payments with their financing: the operators' value",
                        true},
    [M_FINANCING] = {"financing_cost_npv", "currency",
                     "NPV of the cost of borrowing above soft capex budgets", true},
    [M_BUDGET_OVERRUN] = {"budget_overrun_npv", "currency",
                          "NPV of spending above the capex budgets (borrowed)", true},
    [M_LATE_PENALTY] = {"late_penalty_npv", "currency",
                        "NPV of penalties for equipment kept past soft removal deadlines", true},
    [M_STATE_OUTLAY] = {"state_outlay_npv", "currency",
                        "NPV of the state's swap subsidies (not in the operators' cost)", true},
    [M_REMOVAL_DELAY] = {"removal_delay_months", "months",
                         "mean lateness of the equipment removal deadlines cover", false},
    [M_TARGET_YEAR] = {"target_year", "year",
                       "fractional year the national coverage target is reached", true},
    [M_DELAY_MONTHS] = {"delay_months", "months",
                        "target year minus baseline's, same replication, in months", false},
    [M_TARGET_REACHED] = {"target_reached_share", "share",
                          "share of replications reaching the coverage target", true},
    [M_SHORTFALL_MAX] = {"obligation_shortfall_max", "share",
                         "largest operator shortfall against its coverage obligation", true},
    [M_INFEASIBLE] = {"infeasible_share", "share",
                      "share of replications where the policy is infeasible", true},
    [M_SOLVER_LIMIT] = {"solver_limit_share", "share",
                        "share of programs stopped at the node limit (with or without a plan)", true},
    [M_SOLVER_FAILED] = {"solver_failed_share", "share",
                         "share of programs where the solver call failed", true},
    [M_AUCTION_REVENUE] = {"auction_revenue", "currency",
                           "payments of all winners", true, true},
    [M_AUCTION_ROUNDS] = {"auction_rounds", "rounds",
                          "rounds the auction took", true, true},
    [M_AUCTION_EFFICIENCY] = {"auction_efficiency", "share",
                              "welfare of the allocation over the maximum welfare", true, true},
    [M_AUCTION_UNSOLD] = {"auction_unsold_lots", "lots", "lots left unsold", true, true},
    /* docs/model.md §8. The deltas and the break-even are differences from
     * baseline in the same replication (not paired: baseline's would be
     * 0 by definition). */
    [M_INCIDENT_LOSS] = {"incident_loss_npv", "currency",
                         "NPV of the expected loss from hostile incidents "
                         "and vendor-wide failures", true, .risk = true},
    [M_INCIDENT_HOSTILE] = {"incident_loss_hostile_npv", "currency",
                            "NPV of the expected loss from hostile "
                            "incidents, security loss included", true,
                            .risk = true},
    [M_INCIDENT_FAILURE] = {"incident_loss_failure_npv", "currency",
                            "NPV of the expected loss from vendor-wide "
                            "failures", true, .risk = true},
    [M_SECURITY_LOSS] = {"security_loss_npv", "currency",
                         "NPV of the expected national-security loss (part "
                         "of the hostile loss)", true, .risk = true},
    [M_AVOIDED_LOSS] = {"avoided_loss_npv", "currency",
                        "baseline's incident loss minus the policy's, same "
                        "replication", false, .risk = true},
    [M_NB_EXTRA_COST] = {"net_extra_cost_npv", "currency",
                         "operators' cost plus state outlay, minus "
                         "baseline's", false, .risk = true},
    [M_NB_MARGIN_LOST] = {"net_margin_lost_npv", "currency",
                          "baseline's margin minus the policy's (margin "
                          "lost to delay)", false, .risk = true},
    [M_NB_REVENUE_LOST] = {"net_revenue_lost_npv", "currency",
                           "baseline's spectrum revenue (spectrum_payment_npv) "
                           "minus the policy's",
                           false, .risk = true},
    [M_NET_BENEFIT] = {"net_benefit_npv", "currency",
                       "avoided loss - extra cost - margin lost - revenue "
                       "lost", false, .risk = true},
    [M_NET_POSITIVE] = {"net_benefit_positive_share", "share",
                        "share of replications where the net benefit is "
                        "positive", false, .risk = true},
    [M_NB_SLOPE] = {"net_benefit_per_hostile_probability", "currency",
                    "change of the net benefit per unit of the annual "
                    "hostile-incident probability", false, .risk = true},
    [M_NB_NO_HOSTILE] = {"net_benefit_no_hostile_npv", "currency",
                         "net benefit were the hostile-incident probability "
                         "0", false, .risk = true},
    [M_BREAK_EVEN] = {"break_even_hostile_probability", "per year",
                      "annual hostile-incident probability at which the "
                      "net benefit is 0, all else at its draws", false,
                      .risk = true},
    [M_BREAK_EVEN_IMPACT] = {"break_even_hostile_impact", "currency",
                             "impact of one hostile incident (outage and "
                             "security loss) at which the net benefit is 0, "
                             "all else at its draws", false, .risk = true},
    [M_SPECTRUM_PAYMENT] = {"spectrum_payment_npv", "currency",
                            "NPV of the auction payments on the licences' "
                            "schedule, all operators (in operator_npv; the "
                            "state's spectrum revenue at the same rate)",
                            true, true},
    [M_SPECTRUM_FINANCING] = {"spectrum_financing_npv", "currency",
                              "NPV of the cost of borrowing the payments "
                              "above a year's capex budget (in operator_npv)",
                              true, true},
    [M_EFFECT_EXTRA_COST] = {"effect_extra_cost_npv", "currency",
                             "operators' extra cost against baseline, same "
                             "replication: cost_total_npv without "
                             "mitigation, penalties and spectrum financing",
                             false},
    [M_EFFECT_MARGIN_LOST] = {"effect_margin_lost_npv", "currency",
                              "margin lost against baseline (baseline's "
                              "margin_npv minus the policy's), same "
                              "replication",
                              false},
    [M_EFFECT_SPECTRUM_REVENUE] = {"effect_spectrum_revenue_npv", "currency",
                                   "change in the state's spectrum revenue "
                                   "(spectrum_payment_npv) against baseline, "
                                   "same replication",
                                   false, true},
    [M_EFFECT_MITIGATION] = {"effect_mitigation_npv", "currency",
                             "mitigation spending against baseline, same "
                             "replication",
                             false},
    [M_LICENCE_SHORTFALL] = {"licence_shortfall_max", "share",
                             "largest shortfall against a licence obligation "
                             "in its year (share of the target; 0 without "
                             "one)", true},
    [M_STRANDED] = {"stranded_value_npv", "currency",
                    "NPV of the book value written off by removing equipment "
                    "before its life ends (0 without equipment age)", true},
    [M_SITES_EARLY] = {"sites_replaced_early", "sites",
                       "radio sites removed before their life ends (swaps), "
                       "all operators, over the horizon", true},
    [M_SITES_CYCLE] = {"sites_replaced_cycle", "sites",
                       "radio sites refreshed at the end of their life (0 "
                       "without equipment age), all operators, over the "
                       "horizon", true},
};

const metric_info metric_band_info[M_BAND_COUNT] = {
    [MB_REVENUE] = {"auction_revenue_band", "currency", "payments for the band", true, true},
    [MB_PRICE_LOT] = {"auction_price_lot", "currency",
                      "mean price of a lot sold", true, true},
    [MB_PRICE_MHZ_POP] = {"auction_price_mhz_pop", "currency",
                          "revenue per MHz (both directions if paired) per person", true, true},
    [MB_UNSOLD] = {"auction_unsold_lots_band", "lots", "lots of the band unsold", true, true},
};

const metric_info metric_lots_won_info = {"auction_lots_won", "lots",
                                          "lots the operator won in the band",
                                          true, true, false};

const metric_info metric_yearly_info[M_YEARLY_COUNT] = {
    [MY_COVERAGE] = {"coverage_pop_share", "share",
                     "population with 5G from at least one operator, end of year", true},
    [MY_HRV_SHARE] = {"hrv_site_share", "share",
                      "high-risk vendors' share of all sites, end of year", true},
    [MY_RISK] = {"risk_exposure", "index",
                 "risk score x (1 - mitigation) weighted by RAN and core share", true},
    [MY_LATE_SITES] = {"removal_late_sites", "sites",
                       "equipment (radio sites, non-radio units) held past its "
                       "removal deadline, end of year", true},
};

const metric_info metric_operator_info[M_OPERATOR_COUNT] = {
    [MO_CAPEX] = {"cost_capex_npv", "currency", "capex NPV", true},
    [MO_OPEX] = {"cost_opex_npv", "currency", "opex NPV", true},
    [MO_SWAP] = {"cost_swap_npv", "currency", "swap NPV", true},
    [MO_MITIGATION] = {"cost_mitigation_npv", "currency", "mitigation NPV", true},
    [MO_TOTAL] = {"cost_total_npv", "currency", "total cost NPV", true},
    [MO_PENALTY] = {"obligation_penalty_npv", "currency", "penalty NPV", true},
    [MO_MARGIN] = {"margin_npv", "currency", "margin NPV", true},
    [MO_SHORTFALL] = {"obligation_shortfall", "share",
                      "shortfall against the coverage obligation", true},
    [MO_PAYMENT] = {"auction_payment", "currency", "what it paid at auction",
                    true, true},
    [MO_FINANCING] = {"financing_cost_npv", "currency", "financing NPV", true},
    [MO_OVERRUN] = {"budget_overrun_npv", "currency",
                    "spending above budget NPV", true},
    [MO_LATE_PENALTY] = {"late_penalty_npv", "currency",
                         "late-removal penalty NPV", true},
    [MO_SUBSIDY] = {"subsidy_npv", "currency", "swap subsidy received NPV",
                    true},
    [MO_SPECTRUM_PAYMENT] = {"spectrum_payment_npv", "currency",
                             "auction payments NPV", true, true},
    [MO_SPECTRUM_FINANCING] = {"spectrum_financing_npv", "currency",
                               "financing of payments above budget NPV",
                               true, true},
};

const char *const metric_key_names[KEY_COUNT] = {"operator", "vendor",
                                                 "country"};

/* Per operator and per country, the target and its delay are measured as
 * the national ones are, on the coverage of that operator's market or of
 * that country. */
const metric_keyed_info metric_keyed_scalar_info[M_KEYED_COUNT] = {
    [MK_OP_TARGET_YEAR] = {{"target_year_operator", "year",
                            "fractional year the operator's coverage of its "
                            "market reaches the coverage target", true},
                           KEY_OPERATOR},
    [MK_OP_DELAY_MONTHS] = {{"delay_months_operator", "months",
                             "operator's target year minus baseline's, same "
                             "replication, in months", false},
                            KEY_OPERATOR},
    [MK_OP_TARGET_REACHED] = {{"target_reached_share_operator", "share",
                               "share of replications where the operator "
                               "reaches the coverage target", true},
                              KEY_OPERATOR},
    [MK_SITES_BOUGHT_TOTAL] = {{"sites_bought_total", "sites",
                                "5G equipment the vendor delivers over the "
                                "horizon, all operators", true},
                               KEY_VENDOR},
    [MK_CTRY_TARGET_YEAR] = {{"target_year_country", "year",
                              "fractional year the country's coverage "
                              "reaches the coverage target", true},
                             KEY_COUNTRY},
    [MK_CTRY_DELAY_MONTHS] = {{"delay_months_country", "months",
                               "country's target year minus baseline's, same "
                               "replication, in months", false},
                              KEY_COUNTRY},
    [MK_CTRY_TARGET_REACHED] = {{"target_reached_share_country", "share",
                                 "share of replications where the country "
                                 "reaches the coverage target", true},
                                KEY_COUNTRY},
    [MK_CTRY_COST_TOTAL] = {{"cost_total_npv_country", "currency",
                             "cost_total_npv of the operators serving the "
                             "country (one serving several shared by the "
                             "population of its market in each)", true},
                            KEY_COUNTRY},
    [MK_CTRY_MARGIN] = {{"margin_npv_country", "currency",
                         "margin_npv, shared as cost_total_npv_country",
                         true},
                        KEY_COUNTRY},
    [MK_CTRY_OPERATOR_NPV] = {{"operator_npv_country", "currency",
                               "operator_npv, shared as "
                               "cost_total_npv_country", true},
                              KEY_COUNTRY},
    [MK_CTRY_AUCTION_REVENUE] = {{"auction_revenue_country", "currency",
                                  "auction payments of the operators "
                                  "serving the country, shared as "
                                  "cost_total_npv_country", true, true},
                                 KEY_COUNTRY},
    [MK_CTRY_SPECTRUM_PAYMENT] = {{"spectrum_payment_npv_country",
                                   "currency",
                                   "spectrum_payment_npv, shared as "
                                   "cost_total_npv_country", true, true},
                                  KEY_COUNTRY},
};

const metric_keyed_info metric_keyed_yearly_info[M_KEYED_YEARLY_COUNT] = {
    [MKY_OP_COVERAGE] = {{"coverage_pop_share_operator", "share",
                          "population of the regions the operator serves "
                          "that it covers, end of year", true},
                         KEY_OPERATOR},
    [MKY_SITES_BOUGHT] = {{"sites_bought", "sites",
                           "5G equipment the vendor delivers in the year "
                           "(upgrades, swapped 5G sites re-equipped, new "
                           "sites), "
                           "all operators", true},
                          KEY_VENDOR},
    [MKY_CTRY_COVERAGE] = {{"coverage_pop_share_country", "share",
                            "country's population with 5G from at least one "
                            "operator, end of year", true},
                           KEY_COUNTRY},
    [MKY_CTRY_HRV_SHARE] = {{"hrv_site_share_country", "share",
                             "high-risk vendors' share of the country's "
                             "sites, end of year", true},
                            KEY_COUNTRY},
};
