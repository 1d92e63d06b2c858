# The GSVM and LSVM value models by distribution: over many replications,
# the mean maximum welfare and the mean licences won per regional bidder
# and by the national bidder agree, within sampling error (4 standard
# errors of the difference), with an independent computation
# (tests/svm_reference.py: its own draws with numpy and its own programs
# solved by HiGHS). GSVM at the literature's defaults; LSVM on a 2 x 5
# grid, where the reference can afford XOR bids over every subset (the
# model's definition itself) and so also checks specsim's reduction to
# connected sets. With every value fixed (awkward numbers), the maximum
# welfare and each bidder's VCG payment (through W without the bidder,
# payment + W - its value, unique even where allocations tie) equal the
# reference's, and sealed_core's payments satisfy every core constraint
# of the reference's coalition values at the minimum core revenue
# (scipy's linprog). Then: the same seed gives the same bytes, and a
# format other than sealed_second or sealed_core is refused.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - tests/data/auction_lsvm.yaml "$tmp/lsvm25.yaml" <<'PY' || exit 1
import sys
t = open(sys.argv[1]).read()
t = t.replace("lots: 6", "lots: 5")
t = "\n".join(l for l in t.split("\n") if "name: row2" not in l)
t = t.replace("value_model: lsvm", "value_model: lsvm\n  lsvm: {rows: 2, cols: 5}")
open(sys.argv[2], "w").write(t)
PY
$S auction tests/data/auction_gsvm.yaml -n 100 --seed 11 -q -o "$tmp/g" \
  --format csv > /dev/null || exit 1
$S auction "$tmp/lsvm25.yaml" -n 100 --seed 11 -q -o "$tmp/l" \
  --format csv > /dev/null || exit 1
/usr/bin/python3 tests/svm_reference.py gsvm 20 5 > "$tmp/g.json" || exit 1
/usr/bin/python3 tests/svm_reference.py lsvm 40 5 2 5 > "$tmp/l.json" || exit 1
for m in g l; do
/usr/bin/python3 - "$tmp/$m/auction.csv" "$tmp/$m.json" <<'PY' || exit 1
import csv, json, math, sys
welfare, lic = {}, {}
for r in csv.DictReader(open(sys.argv[1])):
    rep = int(r["replication"])
    if r["metric"] == "welfare_max":
        welfare[rep] = float(r["value"])
    elif r["metric"] == "lots_won":
        key = (rep, r["bidder"])
        lic[key] = lic.get(key, 0) + int(float(r["value"]))
    elif r["metric"] == "efficiency":
        assert abs(float(r["value"]) - 1) < 1e-12, r
def stats(x):
    n = len(x); m = sum(x) / n
    return m, math.sqrt(sum((v - m) ** 2 for v in x) / (n - 1)), n
ours = {"welfare": stats(list(welfare.values())),
        "regional_licences": stats([v for (_, b), v in lic.items()
                                    if b != "national"]),
        "national_licences": stats([v for (_, b), v in lic.items()
                                    if b == "national"])}
ref = json.load(open(sys.argv[2]))
bad = 0
for k, (m, sd, n) in ours.items():
    r = ref[k]
    se = math.sqrt(sd ** 2 / n + r["sd"] ** 2 / r["n"])
    ok = abs(m - r["mean"]) <= 4 * se + 1e-9
    print(f"{sys.argv[1]}: {k}: specsim {m:.3f} (n {n}), reference "
          f"{r['mean']:.3f} (n {r['n']}), 4 se {4 * se:.3f}",
          "ok" if ok else "DIFFER")
    bad += not ok
assert ours["welfare"][0] > 0
sys.exit(1 if bad else 0)
PY
done
# Every value fixed: exact welfare and VCG.
/usr/bin/python3 - tests/data/auction_gsvm.yaml tests/data/auction_lsvm.yaml \
  "$tmp" <<'PY' || exit 1
import sys
g = open(sys.argv[1]).read()
for r in ("r3", "r4", "r5"):
    g = "\n".join(l for l in g.split("\n") if f"name: {r}," not in l)
g = g.replace("value_model: gsvm", "value_model: gsvm\n  gsvm: {"
    "regional_bidders: 3, regional_low_lo: 7.3, regional_low_hi: 7.3, "
    "regional_high_lo: 12.9, regional_high_hi: 12.9, "
    "regional_regional_lo: 5.1, regional_regional_hi: 5.1, "
    "national_low_lo: 4.4, national_low_hi: 4.4, national_high_lo: 9.7, "
    "national_high_hi: 9.7}")
open(sys.argv[3] + "/gfix.yaml", "w").write(g)
l = open(sys.argv[2]).read().replace("lots: 6", "lots: 5")
for r in ("row2", "r1", "r2", "r3", "r4"):
    l = "\n".join(x for x in l.split("\n") if f"name: {r}," not in x)
l = l.replace("value_model: lsvm", "value_model: lsvm\n  lsvm: {rows: 2, "
    "cols: 5, regional_bidders: 1, proximity: 7, regional_value_lo: 4.7, "
    "regional_value_hi: 4.7, national_value_lo: 3.9, national_value_hi: 3.9}")
open(sys.argv[3] + "/lfix.yaml", "w").write(l)
PY
for m in gsvm lsvm; do
  f="$tmp/${m:0:1}fix.yaml"
  $S auction "$f" -n 1 -q -o "$tmp/${m}fix" --format sealed_second \
    --format sealed_core > /dev/null || exit 1
  /usr/bin/python3 tests/svm_reference.py fixed $m > "$tmp/${m}fix.json" \
    || exit 1
  /usr/bin/python3 - "$tmp/${m}fix/auction.csv" "$tmp/${m}fix.json" <<'PY' \
    || exit 1
import csv, json, sys
import numpy as np
from scipy.optimize import linprog
ref = json.load(open(sys.argv[2]))
pay, vcg, val, order = {}, {}, {}, []
for r in csv.DictReader(open(sys.argv[1])):
    f, b, m = r["format"], r["bidder"], r["metric"]
    if m == "welfare_max":
        w = float(r["value"])
    elif m == "payment":
        pay[f, b] = float(r["value"])
        if f == "sealed_second": order.append(b)
    elif m == "payment_vcg":
        vcg[f, b] = float(r["value"])
    elif m == "value_won":
        val[b] = float(r["value"])
close = lambda a, b: abs(a - b) <= 1e-7 * max(1.0, abs(b))
assert close(w, ref["welfare"]), (w, ref["welfare"])
for i, b in enumerate(order):
    without = vcg["sealed_second", b] + w - val[b]
    assert close(without, ref["without"][i]), (b, without, ref["without"][i])
    assert close(vcg["sealed_core", b], vcg["sealed_second", b])
win = ref["winners"]
p = np.array([pay["sealed_core", order[i]] for i in win])
v = np.array([val[order[i]] for i in win])
A, rhs = [], []
for key, wl in ref["coalitions"].items():
    S = {int(x) for x in key.split(",")} if key else set()
    need = wl - sum(v[k] for k, i in enumerate(win) if i in S)
    outside = [k for k, i in enumerate(win) if i not in S]
    assert sum(p[outside]) >= need - 1e-6, (key, p, need)
    A.append([-1.0 if k in outside else 0.0 for k in range(len(win))])
    rhs.append(-need)
lo = [vcg["sealed_second", order[i]] for i in win]
lp = linprog(np.ones(len(win)), A_ub=A, b_ub=rhs, bounds=list(zip(lo, v)))
assert lp.status == 0 and close(p.sum(), lp.fun), (p.sum(), lp.fun)
print(sys.argv[1], "welfare", w, "W without each bidder", ref["without"],
      "core revenue", p.sum(), "= the minimum", lp.fun,      "ok")
PY
done
# Same seed, same bytes.
$S auction tests/data/auction_gsvm.yaml -n 3 --seed 4 -q -o "$tmp/a1" \
  > /dev/null || exit 1
$S auction tests/data/auction_gsvm.yaml -n 3 --seed 4 -q -o "$tmp/a2" \
  > /dev/null || exit 1
cmp "$tmp/a1/auction.csv" "$tmp/a2/auction.csv" || exit 1
# Only sealed_second.
if $S auction tests/data/auction_lsvm.yaml -n 1 --format cca -q \
     -o "$tmp/c" > /dev/null 2> "$tmp/err"; then
  echo "cca accepted with value_model lsvm"; exit 1
fi
grep -q "format cca: expected sealed_second or sealed_core with value_model lsvm" "$tmp/err" \
  || { cat "$tmp/err"; exit 1; }
echo ok
