#!/usr/bin/python3
"""Figures for docs/validation.md from runs of the reference scenarios.

  reference_analysis.py summary RUN_DIR [--pair A:B ...]
      From RUN_DIR/replications.csv (specsim run --per-rep): per policy the
      mean and 90 % interval (5th-95th percentile over replications) of the
      total cost, its paired difference from baseline, the swap cost, the
      operator NPV difference, the coverage target year and delay, and the
      auction revenue and rounds; for each --pair A:B the same paired
      differences of B from A (e.g. the purchase stop on top of the January
      rules). Money in millions of the scenario's currency. Then, where
      the run has them, the target year and delay of every operator and
      country, the 5G sites bought from each vendor, and the lots each
      operator won and paid for.

  reference_analysis.py operators SCENARIO --policy P [--policy P ...]
                        --reps N [--target 0.9]
      The coverage path of every operator, read from the optimal plan of
      each replication 0..N-1 and policy (program exported with
      `specsim lp`, solved with HiGHS), and the year each operator reaches
      --target of the national population; printed with the delay of each
      policy against the first one. specsim itself reports each operator's
      target year and delay (target_year_operator[O]); this independent
      reading of the solved programs cross-checks them and also counts the
      sites swapped. Where a program has several optimal plans HiGHS may return
      another one than GLPK; the figures are then those of an equally good
      plan. Also counts the sites swapped (xl_ + x5_ columns), undiscounted.
      Needs python3-yaml to read the scenario's populations and names.
"""
import collections
import math
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_check import load_reps, has_plan  # noqa: E402


def quantile(xs, q):
    xs = sorted(xs)
    if not xs:
        return math.nan
    h = (len(xs) - 1) * q
    lo = int(math.floor(h))
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


def fmt(xs, scale=1e-6, digits=0):
    xs = [x for x in xs if not math.isnan(x)]
    if not xs:
        return "n/a"
    f = "%%.%df" % digits
    m = sum(xs) / len(xs)
    # round before printing so that -1e-17 prints as 0, not -0
    vals = [round(v * scale, digits) + 0.0
            for v in (m, quantile(xs, .05), quantile(xs, .95))]
    return (f + " [" + f + ", " + f + "]") % tuple(vals)


def cmd_summary(argv):
    run, pairs = None, []
    i = 0
    while i < len(argv):
        if argv[i] == "--pair":
            pairs.append(tuple(argv[i + 1].split(":"))); i += 2
        else:
            run = argv[i]; i += 1
    data = load_reps(os.path.join(run, "replications.csv"))
    reps = sorted({k[0] for k in data})
    pols = []
    for k in data:
        if k[1] not in pols:
            pols.append(k[1])

    def sc(rep, p, m):
        d = data.get((rep, p))
        return d["scalar"].get(m, math.nan) if d is not None and has_plan(d) else math.nan

    def diff(a, b, m, scale=1.0):
        out = []
        for r in reps:
            x, y = sc(r, a, m), sc(r, b, m)
            if not (math.isnan(x) or math.isnan(y)):
                out.append(scale * (y - x))
        return out

    print("%d replications" % len(reps))
    for p in pols:
        plans = sum(1 for r in reps if has_plan(data.get((r, p), {"scalar": {}})))
        print("\n%s (%d of %d with a plan)" % (p, plans, len(reps)))
        col = lambda m: [sc(r, p, m) for r in reps]
        print("  cost_total_npv        ", fmt(col("cost_total_npv")))
        print("  cost_swap_npv         ", fmt(col("cost_swap_npv")))
        print("  operator_npv          ", fmt(col("operator_npv")))
        print("  target_year           ", fmt(col("target_year"), 1, 2))
        print("  auction_revenue       ", fmt(col("auction_revenue")))
        print("  auction_rounds        ", fmt(col("auction_rounds"), 1, 0))
        if p != "baseline":
            print("  d cost_total vs base  ", fmt(diff("baseline", p, "cost_total_npv")))
            print("  d cost_swap vs base   ", fmt(diff("baseline", p, "cost_swap_npv")))
            print("  d operator_npv vs base", fmt(diff("baseline", p, "operator_npv")))
            print("  delay months vs base  ", fmt(diff("baseline", p, "target_year", 12), 1, 1))
    groups(data, reps, pols, sc, diff)
    for a, b in pairs:
        print("\n%s minus %s" % (b, a))
        print("  d cost_total          ", fmt(diff(a, b, "cost_total_npv")))
        print("  d cost_swap           ", fmt(diff(a, b, "cost_swap_npv")))
        print("  d operator_npv        ", fmt(diff(a, b, "operator_npv")))
        print("  delay months          ", fmt(diff(a, b, "target_year", 12), 1, 1))
    return 0


def bracketed(metrics, prefix):
    """Names X of the metrics PREFIX[X], in first-seen order."""
    out = []
    for m in metrics:
        if m.startswith(prefix + "[") and m.endswith("]"):
            name = m[len(prefix) + 1:-1]
            if name not in out:
                out.append(name)
    return out


def groups(data, reps, pols, sc, diff):
    """Per operator and per country: target year and delay against
    baseline; per vendor: 5G sites bought over the horizon; per operator:
    mean lots won by band and payment."""
    metrics = []
    for d in data.values():
        for m in d["scalar"]:
            if m not in metrics:
                metrics.append(m)
    for kind in ("operator", "country"):
        names = bracketed(metrics, "target_year_" + kind)
        if not names:
            continue
        print("\ntarget year and delay (months) by %s" % kind)
        for p in pols:
            for n in names:
                m = "target_year_%s[%s]" % (kind, n)
                col = [sc(r, p, m) for r in reps]
                reached = sum(1 for x in col if not math.isnan(x))
                line = "  %-14s %-12s %s (reached in %d of %d)" % (
                    p, n, fmt(col, 1, 2), reached, len(reps))
                if p != "baseline":
                    line += "  delay " + fmt(diff("baseline", p, m, 12), 1, 1)
                print(line)
    vendors = bracketed(metrics, "sites_bought_total")
    if vendors:
        print("\n5G sites bought over the horizon, by vendor (thousands)")
        for p in pols:
            print("  %-14s " % p + "  ".join(
                "%s %s" % (v, fmt([sc(r, p, "sites_bought_total[%s]" % v)
                                   for r in reps], 1e-3, 1))
                for v in vendors))
    won = collections.defaultdict(list)
    for (r, p), d in data.items():
        for m, op, v in d["auction"]:
            won[(p, m, op)].append(float(v) if v not in ("", "NA") else math.nan)
    if won:
        print("\nauction by operator: mean lots won per band, payment (millions)")
        for p in pols:
            for (pp, m, op), xs in sorted(won.items()):
                xs = [x for x in xs if not math.isnan(x)]
                if pp != p or not xs or max(xs) == 0:
                    continue
                scale = 1e-6 if m == "auction_payment" else 1
                print("  %-14s %-12s %-26s %.2f" % (p, op, m, scale * sum(xs) / len(xs)))


def target_year(path, first_year, target):
    """As deploy_target_year: coverage 0 at the start of the first year,
    linear between year ends; NaN when never reached."""
    prev_t, prev_c = 0.0, 0.0
    for t, c in enumerate(path):
        if c >= target - 1e-12:
            if c == prev_c:
                return first_year + t + 1.0
            return first_year + prev_t + (target - prev_c) / (c - prev_c) * (t + 1 - prev_t)
        prev_t, prev_c = t + 1.0, c
    return math.nan


def cmd_operators(argv):
    import yaml
    from cross_solver import solve_highs
    scenario, policies, nreps, target = None, [], 1, 0.9
    specsim = os.environ.get("SPECSIM", "build/specsim")
    i = 0
    while i < len(argv):
        if argv[i] == "--policy":
            policies.append(argv[i + 1]); i += 2
        elif argv[i] == "--reps":
            nreps = int(argv[i + 1]); i += 2
        elif argv[i] == "--target":
            target = float(argv[i + 1]); i += 2
        else:
            scenario = argv[i]; i += 1
    s = yaml.safe_load(open(scenario))
    first = s["horizon"]["first_year"]
    T = s["horizon"]["last_year"] - first + 1
    ops = [o["name"] for o in s["operators"]]
    pop = []
    for r in s["regions"]:
        p = r["population"]
        pop.append(float(p) if not isinstance(p, dict) else float("nan"))
    total = sum(pop)
    years = collections.defaultdict(dict)   # (policy, op) -> rep -> year
    swaps = collections.defaultdict(list)   # policy -> [sites]
    fiveg = collections.defaultdict(list)   # policy -> [[5G sites by year]]
    rx = re.compile(r"^cov_o(\d+)_r(\d+)_t(\d+)$")
    rs = re.compile(r"^(xl|x5)_o\d+_r\d+_v\d+_t\d+$")
    r5 = re.compile(r"^S_o\d+_r\d+_v\d+_t(\d+)$")
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(nreps):
            for p in policies:
                mps = os.path.join(tmp, "m.mps")
                subprocess.run([specsim, "lp", scenario, "--policy", p, "--rep", str(rep),
                                "--mps", mps], check=True)
                _, x, names = solve_highs(mps)
                cov = [[0.0] * T for _ in ops]
                sw, s5 = 0.0, [0.0] * T
                for n, v in zip(names, x):
                    m = rx.match(n)
                    if m:
                        o, r, t = map(int, m.groups())
                        cov[o][t] += pop[r] * v / total
                    elif rs.match(n):
                        sw += v
                    else:
                        m = r5.match(n)
                        if m:
                            s5[int(m.group(1))] += v
                swaps[p].append(sw)
                fiveg[p].append(s5)
                for o, name in enumerate(ops):
                    years[(p, name)][rep] = target_year(cov[o], first, target)
            sys.stderr.write("replication %d done\n" % rep)
    base = policies[0]
    print("operator coverage target %.0f %%, %d replications" % (100 * target, nreps))
    for name in ops:
        for p in policies:
            ys = [y for y in years[(p, name)].values() if not math.isnan(y)]
            line = "%-12s %-14s reached in %2d/%d, year %s" % (
                name, p, len(ys), nreps, fmt(ys, 1, 2))
            if p != base:
                d = [12 * (years[(p, name)][r] - years[(base, name)][r]) for r in range(nreps)]
                line += ", delay months %s" % fmt([x for x in d if not math.isnan(x)], 1, 1)
            print(line)
    for p in policies:
        print("%-14s sites swapped (undiscounted) %s" % (p, fmt(swaps[p], 1, 0)))
        print("%-14s 5G sites by year (mean): %s" % (p, " ".join(
            "%d:%.0f" % (first + t, sum(r[t] for r in fiveg[p]) / len(fiveg[p]))
            for t in range(T))))
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "summary":
        return cmd_summary(argv[2:])
    if len(argv) >= 3 and argv[1] == "operators":
        return cmd_operators(argv[2:])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
