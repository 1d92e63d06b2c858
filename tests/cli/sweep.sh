# sweep: two values of a cap share with common random numbers write a tidy
# sweep.csv and figures; a tighter cap never raises the operators' NPV;
# bad parameters are refused with exit 2 and a message naming the path.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
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
