# CATS files: specsim auction --cats reads tests/data/cats_small.txt (5
# goods, 10 bids, 2 dummy goods: 7 bidders); its winner determination,
# VCG payments and minimum core revenue are checked against an independent
# computation with scipy (HiGHS: scipy.optimize.milp on the set-packing
# program of the bids, goods and dummy goods each sold once, and linprog
# for the minimum-revenue core over every coalition of winners), and the
# cca's payments must satisfy every core constraint. Round trips: the file
# written back with --to-cats has the same goods, bids and prices; the
# local-local-global scenario written as CATS and read back gives the same
# allocation and payments as the scenario itself (not the same clock
# rounds: a CATS file has no price increment, so its cca steps by 0.1 % of
# the largest bid).
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
C=tests/data/cats_small.txt
$S auction --cats $C --format sealed_second --format cca -q -o "$tmp/a" \
  --format csv > /dev/null || exit 1
/usr/bin/python3 - "$C" "$tmp/a/auction.csv" <<'PY' || exit 1
import csv, itertools, sys
import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds, linprog
lines = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("%")]
ngoods, nbids, ndummy = int(lines[0][1]), int(lines[1][1]), int(lines[2][1])
bids = []
for l in lines[3:]:
    assert l[-1] == "#"
    bids.append((float(l[1]), [int(g) for g in l[2:-1]]))
assert len(bids) == nbids
# bidders as specsim numbers them: in order of first bid; a dummy good
# groups a bidder's bids
owner, of_dummy, n = [], {}, 0
for price, goods in bids:
    d = [g for g in goods if g >= ngoods]
    if d and d[0] in of_dummy:
        owner.append(of_dummy[d[0]])
    else:
        owner.append(n)
        if d: of_dummy[d[0]] = n
        n += 1
def wdp(allowed):
    """Best total price over bids of bidders in `allowed`: set packing."""
    idx = [k for k in range(nbids) if owner[k] in allowed]
    if not idx: return 0.0, []
    A = np.zeros((ngoods + ndummy, len(idx)))
    for j, k in enumerate(idx):
        for g in bids[k][1]: A[g, j] = 1
    c = -np.array([bids[k][0] for k in idx])
    r = milp(c, constraints=LinearConstraint(A, -np.inf, 1),
             integrality=np.ones(len(idx)), bounds=Bounds(0, 1))
    assert r.status == 0
    return -r.fun, [idx[j] for j in range(len(idx)) if r.x[j] > 0.5]
W, chosen = wdp(set(range(n)))
winners = {owner[k]: k for k in chosen}
rows = list(csv.DictReader(open(sys.argv[2])))
def get(fmt, bidder, metric, band=""):
    hit = [r for r in rows if r["format"] == fmt and r["bidder"] == bidder
           and r["band"] == band and r["metric"] == metric]
    assert len(hit) == 1, (fmt, bidder, metric, band)
    return float(hit[0]["value"])
tol = 1e-7 * W
vcg = {}
for fmt in ("sealed_second", "cca"):
    assert abs(get(fmt, "", "welfare_max") - W) < tol, (get(fmt, "", "welfare_max"), W)
    assert abs(get(fmt, "", "welfare") - W) < tol
    for i in range(n):
        won = [get(fmt, "bidder%d" % i, "lots_won", "g%d" % g) for g in range(ngoods)]
        want = [0] * ngoods
        if i in winners:
            for g in bids[winners[i]][1]:
                if g < ngoods: want[g] = 1
        assert won == want, (fmt, i, won, want)
for i, k in winners.items():
    without, _ = wdp(set(range(n)) - {i})
    vcg[i] = without - (W - bids[k][0])
    assert abs(get("sealed_second", "bidder%d" % i, "payment") - vcg[i]) < tol
    assert abs(get("cca", "bidder%d" % i, "payment_vcg") - vcg[i]) < tol
# minimum-revenue core: every coalition of winners S with all losers
win = sorted(winners)
losers = set(range(n)) - set(win)
A, b = [], []
for r in range(len(win) + 1):
    for S in itertools.combinations(win, r):
        WS, _ = wdp(set(S) | losers)
        rhs = WS - sum(bids[winners[j]][0] for j in S)
        A.append([-1.0 if j not in S else 0.0 for j in win]); b.append(-rhs)
res = linprog(np.ones(len(win)), A_ub=np.array(A), b_ub=np.array(b),
              bounds=[(vcg[j], bids[winners[j]][0]) for j in win], method="highs")
assert res.status == 0
pay = np.array([get("cca", "bidder%d" % j, "payment") for j in win])
assert abs(pay.sum() - res.fun) < tol, (pay.sum(), res.fun)
assert abs(get("cca", "", "revenue") - res.fun) < tol
assert np.all(np.array(A) @ pay <= np.array(b) + tol), "a core constraint is violated"
print("welfare", W, "vcg", vcg, "core revenue", res.fun, "cca", dict(zip(win, pay)))
PY
# CATS -> specsim -> CATS: the same goods, bids and prices
$S auction --cats $C --to-cats "$tmp/back.txt" || exit 1
diff <(grep -v '^%' $C) <(grep -v '^%' "$tmp/back.txt") || exit 1
# scenario -> CATS -> specsim: the same auctions
$S auction tests/data/auction_llg.yaml --to-cats "$tmp/llg.txt" || exit 1
$S auction tests/data/auction_llg.yaml --format cca --format sealed_first \
  -q -o "$tmp/y" --format csv | cut -d, -f1-3,6- > "$tmp/y.csv" || exit 1
$S auction --cats "$tmp/llg.txt" --format cca --format sealed_first \
  -q -o "$tmp/c" --format csv | cut -d, -f1-3,6- > "$tmp/c.csv" || exit 1
[ "$(wc -l < "$tmp/c.csv")" -gt 20 ] || exit 1
cmp <(cut -d, -f4- "$tmp/y.csv" | grep -v '^rounds,') \
    <(cut -d, -f4- "$tmp/c.csv" | grep -v '^rounds,') || { diff "$tmp/y.csv" "$tmp/c.csv"; exit 1; }
# errors: located, exit 2
printf 'goods 2\nbids 1\ndummy 0\n0\t5\t0\t3\t#\n' > "$tmp/bad.txt"
$S auction --cats "$tmp/bad.txt" -o "$tmp/z" 2> "$tmp/err"; [ $? -eq 2 ] || exit 1
grep -q "bad.txt:4: bid 0: good \"3\": expected 0 to 1" "$tmp/err" || { cat "$tmp/err"; exit 1; }
printf 'goods 9\nbids 0\ndummy 0\n' > "$tmp/big.txt"
$S auction --cats "$tmp/big.txt" -o "$tmp/z" 2> "$tmp/err"; [ $? -eq 2 ] || exit 1
grep -q "big.txt:1: goods 9: expected at most 8" "$tmp/err" || { cat "$tmp/err"; exit 1; }
# writing: explicit values with bands of one lot only
$S auction tests/data/auction_pair.yaml --to-cats "$tmp/p.txt" 2> "$tmp/err"; [ $? -eq 2 ] || exit 1
grep -q "bands\[0\].lots: 2: expected 0 or 1 for a CATS file" "$tmp/err" || { cat "$tmp/err"; exit 1; }
[ ! -e "$tmp/p.txt" ] || { echo "a refused CATS file was left behind"; exit 1; }
$S auction --cats $C tests/data/auction_llg.yaml -o "$tmp/z" 2> "$tmp/err"; [ $? -eq 2 ] || exit 1
grep -q "expected a scenario FILE or --cats FILE.txt (one of them)" "$tmp/err" || exit 1
echo ok
