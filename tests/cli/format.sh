# --format: the comparison as an aligned table within 100 columns, as CSV
# with a row per policy, or as JSON.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S run tests/data/small.yaml -n 3 -q -o "$tmp/t" > "$tmp/t.txt" 2>/dev/null || exit 1
cat "$tmp/t.txt"
awk 'length($0) > 100 { print "line longer than 100 columns: " $0; bad = 1 } END { exit bad }' "$tmp/t.txt" || exit 1
grep -q "M EUR \[90%\]" "$tmp/t.txt" || { echo "no units in the table"; exit 1; }
$S run tests/data/small.yaml -n 3 -q -o "$tmp/c" --format csv > "$tmp/c.csv" 2>/dev/null || exit 1
$S run tests/data/small.yaml -n 3 -q -o "$tmp/j" --format json > "$tmp/j.json" 2>/dev/null || exit 1
python3 - "$tmp/c.csv" "$tmp/j.json" <<'PY' || exit 1
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert [r["policy"] for r in rows] == ["baseline", "mitigation", "cap35", "ban"], rows
assert rows[0]["cost_total_npv_delta_mean"] == "NA"
assert float(rows[3]["cost_total_npv_delta_mean"]) > 0
j = json.load(open(sys.argv[2]))
assert [p["policy"] for p in j["policies"]] == [r["policy"] for r in rows]
assert j["replications"] == 3 and j["complete"] is True
PY
out=$($S run tests/data/small.yaml --format xml 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q -- "--format xml: expected table, csv or json" || { echo "$out"; exit 1; }
echo ok
