# specsim auction: the auction stage alone on the local-local-global file,
# three formats; the payments are the closed forms of the file's comment
# (VCG 3.9 and 2.7 M, core 5.1 and 3.9 M binding at local1 + local2 >=
# 9.0 M, pay-as-bid 6.3 and 5.1 M), in auction.csv, auction.json and the
# table; the same command gives the same bytes; an auction format is an
# option of this command only. On the network-valued auction of
# tests/data/small_auction.yaml the auctions alone are those of `specsim
# run` with the same seed: revenue, rounds, efficiency and lots won of
# every replication and policy equal replications.csv's.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
F=tests/data/auction_llg.yaml
$S auction $F -n 2 --format sealed_second --format cca --format sealed_first \
  -q -o "$tmp/a" > "$tmp/t.txt" || exit 1
cat "$tmp/t.txt"
for f in auction.csv auction.json manifest.json; do
  [ -s "$tmp/a/$f" ] || { echo "no $f"; exit 1; }
done
grep -q "payments of local1+local2 >= 9000000$" "$tmp/t.txt" || { echo "no binding constraint in the table"; exit 1; }
python3 - "$tmp/a" <<'PY' || exit 1
import csv, json, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(d + "/auction.csv")))
def get(rep, fmt, bidder, metric, band=""):
    hit = [r for r in rows if r["replication"] == str(rep) and r["format"] == fmt
           and r["bidder"] == bidder and r["band"] == band and r["metric"] == metric]
    assert len(hit) == 1, (rep, fmt, bidder, metric, band, hit)
    return float(hit[0]["value"])
pay = {"sealed_second": (3.9e6, 2.7e6), "cca": (5.1e6, 3.9e6),
       "sealed_first": (6.3e6, 5.1e6)}
for rep in (0, 1):
    for fmt, (p1, p2) in pay.items():
        assert get(rep, fmt, "local1", "lots_won", "a") == 1
        assert get(rep, fmt, "local2", "lots_won", "b") == 1
        assert get(rep, fmt, "global", "lots_won", "a") == 0
        assert abs(get(rep, fmt, "local1", "payment") - p1) < 1e-3, fmt
        assert abs(get(rep, fmt, "local2", "payment") - p2) < 1e-3, fmt
        assert get(rep, fmt, "global", "payment") == 0
        assert abs(get(rep, fmt, "", "revenue") - p1 - p2) < 1e-3
        assert get(rep, fmt, "", "efficiency") == 1
        assert get(rep, fmt, "", "welfare_max") == 11.4e6
    assert get(rep, "cca", "local1+local2", "core_binding_rhs") == 9.0e6
    assert get(rep, "cca", "local1", "payment_vcg") == 3.9e6
j = json.load(open(d + "/auction.json"))
assert len(j["auctions"]) == 6
cca = [a for a in j["auctions"] if a["format"] == "cca"][0]
assert cca["core"]["binding"] == [{"payers": ["local1", "local2"], "rhs": 9.0e6}]
m = json.load(open(d + "/manifest.json"))
assert m["replications_done"] == 2 and len(m["scenario_sha256"]) == 64
PY
# same command, same bytes
$S auction $F -n 2 --format sealed_second --format cca --format sealed_first \
  -q -o "$tmp/b" > /dev/null || exit 1
cmp "$tmp/a/auction.csv" "$tmp/b/auction.csv" || exit 1
cmp "$tmp/a/auction.json" "$tmp/b/auction.json" || exit 1
# --format csv on stdout is auction.csv
$S auction $F -n 2 --format sealed_second --format cca --format sealed_first \
  -q -o "$tmp/c" --format csv > "$tmp/out.csv" || exit 1
cmp "$tmp/a/auction.csv" "$tmp/out.csv" || exit 1
# an auction format elsewhere, an unknown one, network values
$S run $F --format cca -o "$tmp/r" 2> "$tmp/err"; [ $? -eq 2 ] || exit 1
grep -q "an auction format is an option of specsim auction" "$tmp/err" || exit 1
$S auction $F --format english -o "$tmp/d" 2> "$tmp/err"; [ $? -eq 2 ] || exit 1
grep -q "or an auction format (one of clock, smra, cca" "$tmp/err" || exit 1
# network values: the auctions of a run
$S auction tests/data/small_auction.yaml -n 3 -q -o "$tmp/e" --format csv > "$tmp/e.csv" || exit 1
$S run tests/data/small_auction.yaml -n 3 -q -o "$tmp/r" --per-rep > /dev/null || exit 1
/usr/bin/python3 - "$tmp/e.csv" "$tmp/r/replications.csv" <<'PY' || exit 1
import csv, sys
alone = {(r["replication"], r["policy"], r["metric"], r["bidder"], r["band"]): float(r["value"])
         for r in csv.DictReader(open(sys.argv[1]))}
run = list(csv.DictReader(open(sys.argv[2])))
pairs = {"auction_revenue": "revenue", "auction_rounds": "rounds",
         "auction_efficiency": "efficiency"}
n = 0
for r in run:
    m, key = r["metric"], None
    if m in pairs:
        key = (r["replication"], r["policy"], pairs[m], "", "")
    elif m.startswith("auction_lots_won["):
        key = (r["replication"], r["policy"], "lots_won", r["operator"], m[17:-1])
    if key is None: continue
    assert abs(alone[key] - float(r["value"])) <= 1e-9 * max(1, abs(alone[key])), (key, alone[key], r["value"])
    n += 1
assert n == 3 * 5 * (3 + 2 * 2), n
PY
# a drawn value: means over 400 replications against the closed forms of
# tests/data/auction_llg_drawn.yaml, within 4 standard errors
$S auction tests/data/auction_llg_drawn.yaml --format sealed_second \
  --format cca -q -o "$tmp/m" --format csv > "$tmp/m.csv" || exit 1
/usr/bin/python3 - "$tmp/m.csv" <<'PY' || exit 1
import csv, sys
import numpy as np
rows = list(csv.DictReader(open(sys.argv[1])))
def series(fmt, metric, bidder=""):
    x = [float(r["value"]) for r in rows if r["format"] == fmt
         and r["metric"] == metric and r["bidder"] == bidder and r["band"] == ""]
    assert len(x) == 400, (fmt, metric, len(x))
    return np.array(x)
def near(x, mu, what):
    se = x.std(ddof=1) / np.sqrt(len(x))
    print(what, x.mean(), "expected", mu, "se", se)
    assert abs(x.mean() - mu) < 4 * se + 1e-6 * mu, what
near(series("sealed_second", "revenue"), 8.51e6, "VCG revenue")
near(series("cca", "revenue"), 9.955e6, "core revenue")
near(series("cca", "welfare"), 11.445e6, "welfare")
near(series("cca", "value_won", "global") > 0, 0.15, "global wins")
assert np.all(series("cca", "efficiency") == 1)
PY
echo ok
