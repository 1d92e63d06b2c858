# tornado: one run per uncertain input at its 5th and 95th percentile,
# ranked by swing, written to tornado.csv with a chart; bad policy or
# metric names are refused listing the valid ones; --per-rep writes every
# replication of every run.
set -u
S=$SPECSIM
tmp=$(mktemp -d)
mounted=""
cleanup() { [ -z "$mounted" ] || umount "$mounted"; rm -rf "$tmp"; }
trap cleanup EXIT
$S tornado tests/data/small.yaml --policy ban --metric cost_total_npv -n 4 -q \
   -o "$tmp/t" > "$tmp/out.txt" || exit 1
cat "$tmp/out.txt"
for f in tornado.csv manifest.json figures/tornado.gp figures/tornado.svg figures/tornado.png; do
  [ -s "$tmp/t/$f" ] || { echo "missing $f"; exit 1; }
done
n=$($S validate tests/data/small.yaml | grep 'uncertain inputs' | sed 's/.*, \([0-9]*\) uncertain inputs.*/\1/')
python3 - "$tmp/t" "$n" <<'PY' || exit 1
import csv, sys, xml.etree.ElementTree as ET
d, n = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(f"{d}/tornado.csv")))
assert len(rows) == n, (len(rows), n)
swings = [float(r["swing"]) for r in rows]
assert swings == sorted(swings, reverse=True), swings
for r in rows:
    assert float(r["input_p05"]) <= float(r["input_p95"]), r
    assert r["policy"] == "ban" and r["stat"] == "delta_mean"
assert swings[0] > 0
ET.parse(f"{d}/figures/tornado.svg")
PY
# --per-rep: every replication of every run (the reference, then each
# input at its 5th and 95th percentile), led by the input and its value;
# the same bytes for 1 and 2 threads; the reference run's rows are
# run --per-rep's, and each held run's paired differences average to
# tornado.csv's values.
for j in 1 2; do
  $S tornado tests/data/small.yaml --policy ban --metric cost_total_npv -n 3 -j $j -q \
     --per-rep -o "$tmp/p$j" > /dev/null || { echo "tornado --per-rep -j $j"; exit 1; }
done
cmp "$tmp/p1/replications.csv" "$tmp/p2/replications.csv" || { echo "replications.csv differs by thread count"; exit 1; }
$S run tests/data/small.yaml -n 3 -j 2 -q --per-rep -o "$tmp/r" > /dev/null || exit 1
python3 - "$tmp" "$n" <<'PY' || exit 1
import csv, sys
d, n = sys.argv[1], int(sys.argv[2])
lines = open(f"{d}/p1/replications.csv").read().splitlines()
run = open(f"{d}/r/replications.csv").read().splitlines()
assert lines[0] == "input,input_value," + run[0], lines[0]
ref = [l[len(",NA,"):] for l in lines[1:] if l.startswith(",NA,")]
assert ref == run[1:], "the reference run's rows differ from run --per-rep's"
runs = []
for l in lines[1:]:
    key = tuple(l.split(",", 2)[:2])
    if not runs or runs[-1] != key: runs.append(key)
assert len(runs) == 1 + 2 * n and runs[0] == ("", "NA"), runs
reps = list(csv.DictReader(open(f"{d}/p1/replications.csv")))
def diff(path, value):
    x = {(r["replication"], r["policy"]): float(r["value"]) for r in reps
         if r["input"] == path and r["input_value"] == value
         and r["metric"] == "cost_total_npv" and r["operator"] == ""}
    return sum(x[(k, "ban")] - x[(k, "baseline")] for k in ("0", "1", "2")) / 3
for r in csv.DictReader(open(f"{d}/p1/tornado.csv")):
    for q in ("05", "95"):
        got, want = diff(r["input"], r["input_p" + q]), float(r["value_at_p" + q])
        assert abs(got - want) <= 1e-8 * abs(want), (r["input"], q, got, want)
PY
# a tornado whose replications.csv the disk cannot hold is refused
# before any run, with an estimate close above the real size
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$tmp/small"
  mount -t tmpfs -o size=2m tmpfs "$tmp/small" && mounted="$tmp/small"
  timeout 20 $S tornado tests/data/small.yaml --policy ban --metric cost_total_npv -n 1000 -j 1 -q \
    --per-rep -o "$tmp/small/t" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc = 1 ] || { echo "tornado --per-rep on a small disk: exit $rc"; exit 1; }
  runs=$((1 + 2 * n))
  grep -q "^specsim: --per-rep: replications.csv would take about .* for each of 1000 replications in each of $runs runs), more than the .* MB free for $tmp/small/t" "$tmp/err" \
    || { cat "$tmp/err"; echo "message"; exit 1; }
  [ -z "$(ls -A "$tmp/small" | grep -v '^\.t\.lock$')" ] || { echo "a refused tornado wrote"; exit 1; }
  umount "$tmp/small"; mounted=""
  est=$(sed -n 's/.*(\([0-9.]*\) kB for each.*/\1/p' "$tmp/err")
  act=$(stat -c %s "$tmp/p1/replications.csv")
  python3 -c 'import sys; e, a = float(sys.argv[1]) * 1e3, int(sys.argv[2]) / (3 * int(sys.argv[3]))
assert a <= e <= 1.3 * a, (e, a)' "$est" "$act" "$runs" || { echo "estimate $est kB against $act bytes for 3 x $runs"; exit 1; }
else
  echo "skipped the tornado --per-rep disk estimate: needs root to mount a small tmpfs"
fi
# Programs solved once: tests/data/small_risk.yaml has 6 uncertain
# inputs, so 13 runs x 2 replications. With --per-rep every policy is
# computed: x 5 policies = 130 programs. The two risk inputs reach no
# program: their 4 runs take all 10 programs of each from the reference
# run (40). In each of the other 9 runs (the reference, and the discount
# rate, margin, swap price and Ericsson's upgrade price at their two
# percentiles) the toolbox's measures leave baseline's program unchanged,
# taken from baseline in each replication with one thread (9 x 2 = 18).
# Reused 58, solved 130 - 58 = 72.
$S tornado tests/data/small_risk.yaml --policy mitigation --metric cost_total_npv \
   -n 2 -j 1 -q --per-rep -o "$tmp/m" > /dev/null || { echo "tornado small_risk"; exit 1; }
python3 - "$tmp/m/manifest.json" <<'PY' || exit 1
import json, sys
t = json.load(open(sys.argv[1]))["timing"]
assert (t["programs_solved"], t["programs_reused"]) == (72, 58), t
PY
# Without --per-rep only baseline and mitigation are computed (the metric
# is read from them): 13 x 2 x 2 = 52 programs, of which the 4 risk runs
# take their 4 each from the reference run (16): solved 52 - 16 = 36. The
# ranking is the same as with every policy.
$S tornado tests/data/small_risk.yaml --policy mitigation --metric cost_total_npv \
   -n 2 -j 1 -q -o "$tmp/m2" > /dev/null || { echo "tornado small_risk"; exit 1; }
python3 - "$tmp/m2/manifest.json" <<'PY' || exit 1
import json, sys
t = json.load(open(sys.argv[1]))["timing"]
assert (t["programs_solved"], t["programs_reused"]) == (36, 16), t
PY
cmp "$tmp/m/tornado.csv" "$tmp/m2/tornado.csv" || { echo "tornado.csv differs with --per-rep"; exit 1; }
out=$($S tornado tests/data/small.yaml --policy nope --metric cost_total_npv -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "expected one of baseline, mitigation, cap35, ban" || { echo "$out"; exit 1; }
out=$($S tornado tests/data/small.yaml --policy ban --metric cost -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "expected one of cost_total_npv" || { echo "$out"; exit 1; }
out=$($S tornado tests/data/small.yaml --metric cost_total_npv -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "tornado needs --policy" || { echo "$out"; exit 1; }
echo ok
