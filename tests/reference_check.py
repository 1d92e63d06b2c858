#!/usr/bin/python3
"""Invariants of the reference scenarios, checked on specsim's outputs.

Two subcommands, used by tests/cli/reference_*.sh:

  reference_check.py reps DIR [options]
      Reads DIR/replications.csv (specsim run --per-rep) and checks, in every
      replication where the policies concerned have a plan:
      --nested LOOSE:STRICT   the stricter policy's operator_npv is not above
                              the looser one's (relative tolerance 1e-9).
                              Two policies are comparable only when their
                              auctions ended alike (same lots won and
                              payments per operator): otherwise the two
                              programs have different spectrum and budgets
                              and are not nested. Incomparable pairs are
                              counted and printed.
      --removal POLICY:YEAR   hrv_site_share is 0 from YEAR on.
      --stop POLICY:YEAR      hrv_site_share never rises from YEAR on (no
                              high-risk equipment bought after a purchase
                              stop: the high-risk site count cannot grow and
                              the total site count cannot fall).
      --min-comparable N      at least N comparable (pair, replication)
                              cases in all (default 1).
      --feasible POLICY       the policy has a plan in every replication.
      It also prints, per policy, the mean paired cost difference and the
      mean coverage, since a stricter policy can cost less when it cuts the
      rollout back.

  reference_check.py chain DIR [--interest-free]
      Reads DIR/replications.csv and checks the invariants of the whole
      chain (docs/model.md §5, "Invariants") in every replication and
      policy with a plan, to a relative 1e-8 of the largest term (the file
      holds ten significant digits):
        operator_npv = margin - cost_total - obligation and late penalties
                       - spectrum payments - their financing;
        cost_total   = capex + opex + swap + mitigation + financing
                       - subsidy;
        the operators' components add up to the totals, and the countries'
        (cost, margin, operator value, auction revenue) too;
        auction_revenue = the operators' payments; with --interest-free,
        the payments' NPV is at most the revenue (instalments without
        interest are worth no more than the price);
        against baseline, d operator_npv = -(extra cost + margin lost +
        spectrum revenue change + mitigation).

  reference_check.py lp MODEL.mps --zero REGEX [--zero REGEX ...]
      Reads a program written by `specsim lp`, solves it with HiGHS and
      checks that every column whose name matches each REGEX (at least one
      must) is 0 in the optimal plan, e.g. purchases up_/rep_/new_ of a
      high-risk vendor after a purchase stop, or its stocks L_/S_ after a
      removal deadline, or its core column core_oO_vV.
      --objective X           also check the optimum equals X (specsim's
                              operator_npv of that replication and policy)
                              within 1e-6 relative.

  reference_check.py auction DIR --band NAME:LOTS:RESERVE:CAP [--band ...]
                           [--fixed NAME] [--sold-all NAME]
      Reads DIR/replications.csv and checks every (replication, policy)
      with an auction: each band's lots won by the operators and its unsold
      lots add up to exactly LOTS; no operator wins more than CAP lots of
      it; its revenue is at least RESERVE times the lots sold, and the
      national revenue is the sum of the bands'.
      --fixed NAME            the band's revenue is exactly RESERVE times
                              the lots sold: a fixed price (the band's
                              caps leave no excess demand to raise it).
      --sold-all NAME         no lot of the band is unsold.

Exit status 0 when every check passes, 1 otherwise.
"""
import collections
import csv
import math
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def verdict(fails, summary=None):
    """Print each failure and, when given, the summary line; 0 or 1."""
    for f in fails:
        print("FAIL", f)
    if summary is not None:
        print("%s, %s" % (summary, "ok" if not fails else "%d failures" % len(fails)))
    return 0 if not fails else 1


def num(s):
    try:
        v = float(s)
    except ValueError:
        return math.nan
    return v


def load_reps(path):
    """{(rep, policy): {'scalar': {metric: v}, 'year': {metric: {year: v}},
    'auction': sorted tuple, 'operator': {(metric, operator): v}}}"""
    data = collections.defaultdict(lambda: {"scalar": {}, "year": collections.defaultdict(dict),
                                            "auction": [], "operator": {}})
    with open(path) as f:
        for r in csv.DictReader(f):
            d = data[(int(r["replication"]), r["policy"])]
            m, v = r["metric"], num(r["value"])
            if m.startswith("auction_lots_won") or m == "auction_payment":
                d["auction"].append((m, r["operator"], r["value"]))
            elif r["year"]:
                d["year"][m][int(r["year"])] = v
            elif not r["operator"] or m.endswith("[%s]" % r["operator"]):
                d["scalar"][m] = v  # national, or named for its operator
            else:
                d["operator"][(m, r["operator"])] = v
    for d in data.values():
        d["auction"] = tuple(sorted(d["auction"]))
    return data


def has_plan(d):
    v = d["scalar"].get("operator_npv", math.nan)
    return not math.isnan(v)


def cmd_reps(argv):
    nested, removal, stop, feasible, min_comp = [], [], [], [], 1
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "--nested":
            nested.append(tuple(argv[i + 1].split(":")))
        elif a == "--removal":
            p, y = argv[i + 1].split(":"); removal.append((p, int(y)))
        elif a == "--stop":
            p, y = argv[i + 1].split(":"); stop.append((p, int(y)))
        elif a == "--feasible":
            feasible.append(argv[i + 1])
        elif a == "--min-comparable":
            min_comp = int(argv[i + 1])
        else:
            break
        i += 2
    if i != len(argv) - 1:
        sys.stderr.write(__doc__)
        return 2
    data = load_reps(os.path.join(argv[i], "replications.csv"))
    reps = sorted({k[0] for k in data})
    pols = sorted({k[1] for k in data})
    fails = []
    for p in {x for pair in nested for x in pair} | {p for p, _ in removal + stop} | set(feasible):
        if p not in pols:
            fails.append("no policy %s in the output" % p)
    comparable = incomparable = 0
    for rep in reps:
        for loose, strict in nested:
            a, b = data.get((rep, loose)), data.get((rep, strict))
            if a is None or b is None or not has_plan(a) or not has_plan(b):
                continue
            if a["auction"] != b["auction"]:
                incomparable += 1
                continue
            comparable += 1
            va, vb = a["scalar"]["operator_npv"], b["scalar"]["operator_npv"]
            if vb > va + 1e-9 * max(1.0, abs(va)):
                fails.append("replication %d: %s operator_npv %.10g above %s's %.10g"
                             % (rep, strict, vb, loose, va))
        for p, year in removal:
            d = data.get((rep, p))
            if d is None or not has_plan(d):
                continue
            for y, v in sorted(d["year"]["hrv_site_share"].items()):
                if y >= year and not (abs(v) <= 1e-9):
                    fails.append("replication %d: %s hrv_site_share %.3g in %d, after the "
                                 "removal deadline %d" % (rep, p, v, y, year))
        for p, year in stop:
            d = data.get((rep, p))
            if d is None or not has_plan(d):
                continue
            path = sorted((y, v) for y, v in d["year"]["hrv_site_share"].items() if y >= year)
            for (y0, v0), (y1, v1) in zip(path, path[1:]):
                if v1 > v0 + 1e-9:
                    fails.append("replication %d: %s hrv_site_share rises %.6g -> %.6g in "
                                 "%d after the purchase stop %d" % (rep, p, v0, v1, y1, year))
        for p in feasible:
            d = data.get((rep, p))
            if d is not None and not has_plan(d):
                fails.append("replication %d: %s has no plan" % (rep, p))
    if nested:
        print("nested pairs: %d comparable, %d with different auction outcomes (not nested)"
              % (comparable, incomparable))
        if comparable < min_comp:
            fails.append("only %d comparable nested cases, expected at least %d"
                         % (comparable, min_comp))
    # Cost and coverage together: the paired cost difference alone can mislead.
    print("%-14s %6s %16s %16s %10s" % ("policy", "plans", "d cost (mean)", "d op. NPV (mean)",
                                       "mean cov."))
    for p in pols:
        dc, dn, cov, n = [], [], [], 0
        for rep in reps:
            d, base = data.get((rep, p)), data.get((rep, "baseline"))
            if d is None or not has_plan(d):
                continue
            n += 1
            cov.extend(v for v in d["year"]["coverage_pop_share"].values())
            if base is not None and has_plan(base):
                dc.append(d["scalar"]["cost_total_npv"] - base["scalar"]["cost_total_npv"])
                dn.append(d["scalar"]["operator_npv"] - base["scalar"]["operator_npv"])
        mean = lambda xs: sum(xs) / len(xs) if xs else math.nan
        print("%-14s %6d %16.4g %16.4g %10.3f" % (p, n, mean(dc), mean(dn), mean(cov)))
    return verdict(fails, "reps checks: %d replications, %d policies"
                   % (len(reps), len(pols)))


def cmd_lp(argv):
    from cross_solver import read_free_mps, solve_highs
    mps, zeros, objective = None, [], None
    i = 1
    while i < len(argv):
        if argv[i] == "--zero":
            zeros.append(re.compile(argv[i + 1])); i += 2
        elif argv[i] == "--objective":
            objective = float(argv[i + 1]); i += 2
        else:
            mps = argv[i]; i += 1
    if mps is None or not zeros:
        sys.stderr.write(__doc__)
        return 2
    p = read_free_mps(mps)
    obj, x, names = solve_highs(mps)
    fails = []
    for rx in zeros:
        idx = [j for j, n in enumerate(names) if rx.search(n)]
        if not idx:
            fails.append("no column matches %s" % rx.pattern)
            continue
        fixed = sum(1 for j in idx if p["ub"][j] == 0.0)
        bad = [(names[j], x[j]) for j in idx if abs(x[j]) > 1e-6]
        for n, v in bad[:10]:
            fails.append("%s = %.6g, expected 0" % (n, v))
        print("%-40s %5d columns, %5d fixed at 0, %d nonzero in the plan"
              % (rx.pattern, len(idx), fixed, len(bad)))
    if objective is not None:
        diff = abs(obj - objective) / max(1.0, abs(obj))
        print("optimum %.10g, specsim operator_npv %.10g, rel diff %.2e" % (obj, objective, diff))
        if diff > 1e-6:
            fails.append("optimum %.10g differs from specsim's %.10g" % (obj, objective))
    return verdict(fails)


def close(a, b, terms, fails, what):
    scale = max([1.0] + [abs(x) for x in terms])
    if not abs(a - b) <= 1e-8 * scale:
        fails.append("%s: %.10g, expected %.10g" % (what, a, b))


def cmd_chain(argv):
    interest_free = "--interest-free" in argv[1:]
    dirs = [a for a in argv[1:] if not a.startswith("--")]
    if len(dirs) != 1:
        sys.stderr.write(__doc__)
        return 2
    data = load_reps(os.path.join(dirs[0], "replications.csv"))
    fails, checked = [], 0
    for (rep, pol), d in sorted(data.items()):
        if not has_plan(d):
            continue
        checked += 1
        sc, where = d["scalar"], "replication %d, %s" % (rep, pol)
        get = lambda m: sc.get(m, 0.0)
        parts = [get("margin_npv"), get("cost_total_npv"), get("obligation_penalty_npv"),
                 get("late_penalty_npv"), get("spectrum_payment_npv"),
                 get("spectrum_financing_npv")]
        close(sc["operator_npv"], parts[0] - sum(parts[1:]), parts, fails,
              where + ": operator_npv against its parts")
        cost = [get("cost_capex_npv"), get("cost_opex_npv"), get("cost_swap_npv"),
                get("cost_mitigation_npv"), get("financing_cost_npv"),
                get("stranded_value_npv")]
        subsidy = sum(v for (m, o), v in d["operator"].items() if m == "subsidy_npv")
        close(sc["cost_total_npv"], sum(cost) - subsidy, cost + [subsidy], fails,
              where + ": cost_total_npv against its parts")
        for m_op, m_tot in [("cost_total_npv", "cost_total_npv"), ("margin_npv", "margin_npv"),
                            ("spectrum_payment_npv", "spectrum_payment_npv"),
                            ("auction_payment", "auction_revenue")]:
            if m_tot not in sc:
                continue
            xs = [v for (m, o), v in d["operator"].items() if m == m_op]
            xs += [float(v) for (m, o, v) in d["auction"] if m == m_op]
            close(sum(xs), sc[m_tot], xs, fails, where + ": operators' %s" % m_op)
        for m_c, m_tot in [("cost_total_npv_country", "cost_total_npv"),
                           ("margin_npv_country", "margin_npv"),
                           ("operator_npv_country", "operator_npv"),
                           ("auction_revenue_country", "auction_revenue")]:
            xs = [v for m, v in sc.items() if m.startswith(m_c + "[")]
            if xs and m_tot in sc:
                close(sum(xs), sc[m_tot], xs, fails, where + ": countries' %s" % m_c)
        if interest_free and "auction_revenue" in sc:
            if sc["spectrum_payment_npv"] > sc["auction_revenue"] * (1 + 1e-8) + 1:
                fails.append(where + ": spectrum_payment_npv %.10g above the revenue %.10g"
                             % (sc["spectrum_payment_npv"], sc["auction_revenue"]))
        base = data.get((rep, "baseline"))
        if pol != "baseline" and base is not None and has_plan(base):
            eff = [get("effect_extra_cost_npv"), get("effect_margin_lost_npv"),
                   get("effect_spectrum_revenue_npv"), get("effect_mitigation_npv")]
            close(sc["operator_npv"] - base["scalar"]["operator_npv"], -sum(eff),
                  eff + [sc["operator_npv"]], fails, where + ": effect decomposition")
            if "net_benefit_npv" in sc:
                b = base["scalar"]
                # docs/model.md §8: the net benefit's parts from the totals
                parts = {
                    "avoided_loss_npv": b["incident_loss_npv"] - sc["incident_loss_npv"],
                    "net_extra_cost_npv": (sc["cost_total_npv"] + get("state_outlay_npv"))
                    - (b["cost_total_npv"] + b.get("state_outlay_npv", 0.0)),
                    "net_margin_lost_npv": b["margin_npv"] - sc["margin_npv"],
                    "net_revenue_lost_npv": b.get("spectrum_payment_npv", 0.0)
                    - get("spectrum_payment_npv"),
                }
                # written to 10 significant digits: the scale is the totals'
                scale = [sc[m] for m in ("cost_total_npv", "margin_npv", "incident_loss_npv")]
                scale += [b[m] for m in ("cost_total_npv", "margin_npv", "incident_loss_npv")]
                scale += [get("spectrum_payment_npv")]
                for m, want in parts.items():
                    close(sc[m], want, scale, fails, where + ": " + m)
                net = (parts["avoided_loss_npv"] - parts["net_extra_cost_npv"]
                       - parts["net_margin_lost_npv"] - parts["net_revenue_lost_npv"])
                close(sc["net_benefit_npv"], net, scale, fails,
                      where + ": net_benefit_npv against its parts")
    if checked == 0:
        fails.append("no policy with a plan in %s" % dirs[0])
    return verdict(fails, "chain checks: %d (replication, policy) plans" % checked)


def cmd_auction(argv):
    bands, fixed, sold_all, dirs = {}, set(), set(), []
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "--band" and i + 1 < len(argv):
            name, lots, reserve, cap = argv[i + 1].split(":")
            bands[name] = (int(lots), float(reserve), int(cap))
            i += 2
        elif a in ("--fixed", "--sold-all") and i + 1 < len(argv):
            (fixed if a == "--fixed" else sold_all).add(argv[i + 1])
            i += 2
        else:
            dirs.append(a)
            i += 1
    if len(dirs) != 1 or not bands or not (fixed | sold_all) <= set(bands):
        sys.stderr.write(__doc__)
        return 2
    data = load_reps(os.path.join(dirs[0], "replications.csv"))
    fails, checked = [], 0
    for (rep, pol), d in sorted(data.items()):
        sc = d["scalar"]
        if "auction_revenue" not in sc:
            continue
        checked += 1
        where = "replication %d, %s" % (rep, pol)
        band_rev = [v for m, v in sc.items() if m.startswith("auction_revenue_band[")]
        close(sum(band_rev), sc["auction_revenue"], band_rev, fails,
              where + ": the bands' revenue against the total")
        for b, (lots, reserve, cap) in sorted(bands.items()):
            won = {o: int(float(v)) for (m, o, v) in d["auction"]
                   if m == "auction_lots_won[%s]" % b}
            unsold = sc.get("auction_unsold_lots_band[%s]" % b, math.nan)
            sold = sum(won.values())
            if not sold + unsold == lots:
                fails.append("%s: %s: %d lots won and %g unsold, %d on offer"
                             % (where, b, sold, unsold, lots))
            for o, k in sorted(won.items()):
                if k > cap:
                    fails.append("%s: %s wins %d lots of %s, cap %d" % (where, o, k, b, cap))
            rev = sc.get("auction_revenue_band[%s]" % b, math.nan)
            if not rev >= reserve * sold * (1 - 1e-9):
                fails.append("%s: %s revenue %.10g below the reserves of %d lots sold (%.10g)"
                             % (where, b, rev, sold, reserve * sold))
            if b in fixed:
                close(rev, reserve * sold, [rev, reserve * sold], fails,
                      where + ": %s revenue at the fixed price" % b)
            if b in sold_all and unsold != 0:
                fails.append("%s: %g lots of %s unsold" % (where, unsold, b))
    if checked == 0:
        fails.append("no auction in %s" % dirs[0])
    return verdict(fails, "auction checks: %d (replication, policy) auctions" % checked)


def main(argv):
    if len(argv) >= 2 and argv[1] == "reps":
        return cmd_reps(argv[1:])
    if len(argv) >= 2 and argv[1] == "chain":
        return cmd_chain(argv[1:])
    if len(argv) >= 2 and argv[1] == "lp":
        return cmd_lp(argv[1:])
    if len(argv) >= 2 and argv[1] == "auction":
        return cmd_auction(argv[1:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
