# run: writes summary.csv, summary.json, manifest.json (and replications.csv
# with --per-rep), byte-identical for 1 and 2 threads; prints the table.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S run tests/data/small.yaml -n 5 -j 1 -q -o "$tmp/a" > "$tmp/a.txt" || exit 1
$S run tests/data/small.yaml -n 5 -j 2 -q -o "$tmp/b" --per-rep > "$tmp/b.txt" || exit 1
for f in summary.csv summary.json manifest.json; do [ -s "$tmp/a/$f" ] || { echo "missing $f"; exit 1; }; done
[ -s "$tmp/b/replications.csv" ] || { echo "missing replications.csv"; exit 1; }
[ ! -e "$tmp/a/replications.csv" ] || { echo "replications.csv without --per-rep"; exit 1; }
cmp "$tmp/a/summary.csv" "$tmp/b/summary.csv" || { echo "summary.csv differs by thread count"; exit 1; }
cmp "$tmp/a/summary.json" "$tmp/b/summary.json" || { echo "summary.json differs by thread count"; exit 1; }
cmp "$tmp/a.txt" "$tmp/b.txt" || { echo "table differs by thread count"; exit 1; }
grep -q "^ban " "$tmp/a.txt" || { cat "$tmp/a.txt"; exit 1; }
ls -a "$tmp/a" | grep -q '\.tmp' && { echo "temporary file left behind"; exit 1; }
python3 - "$tmp/a/manifest.json" "$tmp/b/summary.json" <<'PY' || exit 1
import json, sys
m = json.load(open(sys.argv[1]))
for k in ["version", "commit", "command_line", "seed", "scenario_sha256", "threads",
          "replications_done", "complete", "libraries"]:
    assert k in m, k
assert m["replications_done"] == 5 and m["complete"] is True
assert len(m["scenario_sha256"]) == 64
assert set(m["libraries"]) >= {"glpk", "gsl", "libyaml", "jansson"}
s = json.load(open(sys.argv[2]))
names = [p["name"] for p in s["policies"]]
assert names[0] == "baseline", names
alpha = s["policies"][1]["operators"]["alpha"]
assert alpha["cost_total_npv"]["mean"] > 0
PY
echo ok
