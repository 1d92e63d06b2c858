# sweep: two values of a cap share with common random numbers write a tidy
# sweep.csv and figures; a tighter cap never raises the operators' NPV;
# bad parameters are refused with exit 2 and a message naming the path.
# --per-rep writes one replications.csv for the grid whose rows at each
# point are those of `run --per-rep` on the scenario at that point.
set -u
S=$SPECSIM
tmp=$(mktemp -d)
mounted=""
cleanup() { [ -z "$mounted" ] || umount "$mounted"; rm -rf "$tmp"; }
trap cleanup EXIT
P='policies[2].instruments[0].share_max'
$S sweep tests/data/small.yaml --param "$P=0.15,0.5" --metric operator_npv \
   --metric cost_total_npv -n 6 -j 2 -q -o "$tmp/s" > "$tmp/out.txt" || exit 1
cat "$tmp/out.txt"
for f in sweep.csv manifest.json figures/sweep_operator_npv.csv figures/sweep_operator_npv.gp \
         figures/sweep_operator_npv.svg figures/sweep_cost_total_npv.svg; do
  [ -s "$tmp/s/$f" ] || { echo "missing $f"; exit 1; }
done
python3 - "$tmp/s" "$P" <<'PY' || exit 1
import csv, sys, xml.etree.ElementTree as ET
d, path = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(f"{d}/sweep.csv")))
assert list(rows[0].keys()) == [path, "policy", "metric", "year", "stat", "value"], rows[0].keys()
def mean(v, pol, m):
    return [float(r["value"]) for r in rows if r[path] == v and r["policy"] == pol
            and r["metric"] == m and r["stat"] == "mean"][0]
tight, loose = mean("0.15", "cap35", "operator_npv"), mean("0.5", "cap35", "operator_npv")
assert tight <= loose + 1e-6 * abs(loose), (tight, loose)
# common random numbers: baseline is untouched by the cap
assert mean("0.15", "baseline", "operator_npv") == mean("0.5", "baseline", "operator_npv")
for f in ["sweep_operator_npv", "sweep_cost_total_npv"]:
    ET.parse(f"{d}/figures/{f}.svg")
PY
# the same sweep with one thread writes the same data
$S sweep tests/data/small.yaml --param "$P=0.15,0.5" --metric operator_npv \
   --metric cost_total_npv -n 6 -j 1 -q -o "$tmp/s1" > /dev/null || exit 1
cmp "$tmp/s/sweep.csv" "$tmp/s1/sweep.csv" || { echo "sweep.csv differs by thread count"; exit 1; }
[ ! -e "$tmp/s/replications.csv" ] || { echo "replications.csv without --per-rep"; exit 1; }

# --per-rep. Ericsson's capacity is a plain number in small.yaml, so the
# scenario with 40 written in draws what the sweep draws at 40; 40 sites a
# year binds under the ban (its rows differ from those at 1500), 1500 is
# the file's own value.
C='vendors[ericsson].capacity_sites_year'
for j in 1 2; do
  $S sweep tests/data/small.yaml --param "$C=40,1500" -n 3 -j $j -q --per-rep \
     -o "$tmp/p$j" > /dev/null || { echo "sweep --per-rep -j $j"; exit 1; }
done
cmp "$tmp/p1/replications.csv" "$tmp/p2/replications.csv" || { echo "replications.csv differs by thread count"; exit 1; }
cmp "$tmp/p1/sweep.csv" "$tmp/s1/sweep.csv" > /dev/null 2>&1 && { echo "the two sweeps should differ"; exit 1; }
sed 's/capacity_sites_year: 1500}/capacity_sites_year: 40}/' tests/data/small.yaml > "$tmp/c40.yaml"
grep -q 'ericsson.*capacity_sites_year: 40}' "$tmp/c40.yaml" || { echo "c40.yaml not written"; exit 1; }
$S run "$tmp/c40.yaml" -n 3 -j 2 -q --per-rep -o "$tmp/r40" > /dev/null || exit 1
$S run tests/data/small.yaml -n 3 -j 2 -q --per-rep -o "$tmp/r1500" > /dev/null || exit 1
python3 - "$tmp" "$C" <<'PY' || exit 1
import csv, sys
d, path = sys.argv[1], sys.argv[2]
lines = open(f"{d}/p1/replications.csv").read().splitlines()
run = {v: open(f"{d}/r{v}/replications.csv").read().splitlines() for v in ("40", "1500")}
assert lines[0] == path + "," + run["40"][0], lines[0]
at = {v: [l.split(",", 1)[1] for l in lines[1:] if l.split(",", 1)[0] == v] for v in ("40", "1500")}
assert len(at["40"]) + len(at["1500"]) == len(lines) - 1, "rows of another point"
for v in ("40", "1500"):
    assert at[v] == run[v][1:], f"the rows at {v} differ from run --per-rep's"
assert at["40"] != at["1500"], "40 sites a year should bind"
# points in grid order, replications in order within each point
assert lines[1].startswith("40,0,") and lines[-1].startswith("1500,2,"), (lines[1], lines[-1])
# the per-replication means are sweep.csv's means
rows = list(csv.DictReader(open(f"{d}/p1/sweep.csv")))
reps = list(csv.DictReader(open(f"{d}/p1/replications.csv")))
for v in ("40", "1500"):
    mean = [float(r["value"]) for r in rows if r[path] == v and r["policy"] == "ban"
            and r["metric"] == "cost_total_npv" and r["stat"] == "mean"][0]
    x = [float(r["value"]) for r in reps if r[path] == v and r["policy"] == "ban"
         and r["metric"] == "cost_total_npv" and r["operator"] == ""]
    assert len(x) == 3 and abs(sum(x) / 3 - mean) <= 1e-9 * abs(mean), (v, x, mean)
PY
# two swept fields: both lead every row, the last varying fastest
$S sweep tests/data/small.yaml --param "$C=40,1500" --param 'market.swap_eur_site=20000,60000' \
   -n 1 -j 2 -q --per-rep -o "$tmp/p4" > /dev/null || exit 1
head -1 "$tmp/p4/replications.csv" | grep -qxF "$C,market.swap_eur_site,replication,policy,metric,operator,year,value" || { echo "header of two fields"; exit 1; }
[ "$(cut -d, -f1,2 "$tmp/p4/replications.csv" | tail -n +2 | uniq | tr '\n' ' ')" = "40,20000 40,60000 1500,20000 1500,60000 " ] \
  || { echo "points of two fields out of order"; exit 1; }
# --per-rep estimates the file and refuses, before any point, a sweep the
# disk cannot hold (as run --per-rep does)
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$tmp/small"
  mount -t tmpfs -o size=2m tmpfs "$tmp/small" && mounted="$tmp/small"
  timeout 20 $S sweep tests/data/small.yaml --param "$C=40,1500" -n 1000 -j 1 -q --per-rep \
    -o "$tmp/small/s" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc = 1 ] || { echo "sweep --per-rep on a small disk: exit $rc"; exit 1; }
  grep -q "^specsim: --per-rep: replications.csv would take about .* for each of 1000 replications in each of 2 points), more than the .* MB free for $tmp/small/s" "$tmp/err" \
    || { cat "$tmp/err"; echo "message"; exit 1; }
  [ -z "$(ls -A "$tmp/small" | grep -v '^\.s\.lock$')" ] || { echo "a refused sweep wrote"; exit 1; }
  $S sweep tests/data/small.yaml --param "$C=40,1500" -n 10 -j 1 -q --per-rep -o "$tmp/small/s" > /dev/null || { echo "10 replications at 2 points fit in 2 MB"; exit 1; }
  est=$(sed -n 's/.*(\([0-9.]*\) kB for each.*/\1/p' "$tmp/err")
  act=$(stat -c %s "$tmp/small/s/replications.csv")
  python3 -c 'import sys; e, a = float(sys.argv[1]) * 1e3, int(sys.argv[2]) / 20
assert a <= e <= 1.3 * a, (e, a)' "$est" "$act" || { echo "estimate $est kB against $act bytes for 2 x 10"; exit 1; }
  umount "$tmp/small"; mounted=""
else
  echo "skipped the sweep --per-rep disk estimate: needs root to mount a small tmpfs"
fi
expect() { # code needle args...
  want=$1; needle=$2; shift 2
  out=$("$S" sweep tests/data/small.yaml -n 1 -q -o "$tmp/x" "$@" 2>&1); got=$?
  [ "$got" = "$want" ] && printf '%s\n' "$out" | grep -qF -- "$needle" || {
    echo "expected exit $want and \"$needle\" from: $*"; echo "$out"; exit 1; }
}
expect 2 "expected a share in [0, 1]" --param "$P=0.2,1.5"
expect 2 "expected a numeric field of a cap instrument" --param 'policies[2].instruments[0].removal_year=2023'
expect 2 "a whole number" --param 'policies[3].instruments[0].removal_year=2023.5'
expect 2 "expected an index 0..2 or the name" --param 'vendors[7].core_eur=1'
expect 2 "expected PATH=V1,V2" --param market.swap_eur_site
expect 2 "sweep needs --param"
expect 2 "--metric nope: expected one of" --param "$P=0.2" --metric nope
expect 2 "'--format' is an option of run and auction, not of sweep" --param "$P=0.2" --format csv
expect 2 "market.financing_rate: 1.5: expected a rate in [0, 1]" --param 'market.financing_rate=0.05,1.5'
expect 2 "expected an integer in [1, 30]" --param 'market.financing_term_years=0'
# the financing rate of soft budgets (docs/model.md §4): with budgets below
# the ban's swaps, a dearer loan costs more (nothing when the loan is no
# dearer than the operator's own capital, the discount rate of 5-9 %)
sed 's/capex_budget_eur_year: [0-9.e]*/capex_budget_eur_year: 1.0e7/' tests/data/small.yaml > "$tmp/fin.yaml"
$S sweep "$tmp/fin.yaml" --param 'market.financing_rate=0.05,0.1' \
   --metric financing_cost_npv -n 2 -q -o "$tmp/f" > /dev/null || exit 1
python3 - "$tmp/f/sweep.csv" <<'PY' || exit 1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def mean(v, pol):
    return [float(r["value"]) for r in rows if r["market.financing_rate"] == v
            and r["policy"] == pol and r["metric"] == "financing_cost_npv"
            and r["stat"] == "mean"][0]
assert 0 <= mean("0.05", "ban") < mean("0.1", "ban"), (mean("0.05", "ban"), mean("0.1", "ban"))
PY
# a value the loader would refuse is refused, not passed to the models
out=$("$S" sweep tests/data/small_auction.yaml -n 1 -q -o "$tmp/y" \
      --param 'bands[b3600].lots=1000' 2>&1); got=$?
[ "$got" = 2 ] && printf '%s\n' "$out" | grep -qF "bands[b3600].lots: 1000: expected at most 64 lots" || {
  echo "expected exit 2 and a message on bands[b3600].lots=1000, got $got:"; echo "$out"; exit 1; }
echo ok
