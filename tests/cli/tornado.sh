# tornado: one run per uncertain input at its 5th and 95th percentile,
# ranked by swing, written to tornado.csv with a chart; bad policy or
# metric names are refused listing the valid ones.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
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
out=$($S tornado tests/data/small.yaml --policy nope --metric cost_total_npv -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "expected one of baseline, mitigation, cap35, ban" || { echo "$out"; exit 1; }
out=$($S tornado tests/data/small.yaml --policy ban --metric cost -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "expected one of cost_total_npv" || { echo "$out"; exit 1; }
out=$($S tornado tests/data/small.yaml --metric cost_total_npv -q 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "tornado needs --policy" || { echo "$out"; exit 1; }
echo ok
