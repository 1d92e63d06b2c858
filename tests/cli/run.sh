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
assert alpha["coverage_pop_share_operator"]["years"]["2021"]["mean"] >= 0
assert "huawei" in s["policies"][1]["vendors"]
assert "countries" not in s["policies"][1]
PY
# Results by country: byte-identical for 1 and 3 threads, per-replication
# rows included, and a short block in the table.
C=tests/data/small_countries.yaml
$S run $C -n 4 -j 1 -q -o "$tmp/c1" --per-rep > "$tmp/c1.txt" || exit 1
$S run $C -n 4 -j 3 -q -o "$tmp/c3" --per-rep > "$tmp/c3.txt" || exit 1
for f in summary.csv summary.json replications.csv; do
  cmp "$tmp/c1/$f" "$tmp/c3/$f" || { echo "$f differs by thread count (countries)"; exit 1; }
done
cmp "$tmp/c1.txt" "$tmp/c3.txt" || { echo "table differs by thread count (countries)"; exit 1; }
grep -q "^By country" "$tmp/c1.txt" || { cat "$tmp/c1.txt"; exit 1; }
grep -q "^ban_south  *20[0-9.]* ([-+][0-9.]*)  *20" "$tmp/c1.txt" || { cat "$tmp/c1.txt"; exit 1; }
grep -q "^By country" "$tmp/a.txt" && { echo "country block without countries"; exit 1; }
grep -q '^3,ban,target_year_country\[south\],,,' "$tmp/c1/replications.csv" || exit 1
grep -q '^0,baseline,coverage_pop_share_operator\[gamma\],gamma,2024,' "$tmp/c1/replications.csv" || exit 1
grep -q '^ban,sites_bought_total\[nokia\],,delta_mean,' "$tmp/c1/summary.csv" || exit 1
echo ok
