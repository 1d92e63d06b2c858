# The multi-country reference scenario runs, and holds its invariants in
# every replication: no policy raises the operators' NPV above doing nothing,
# and the EU-wide removal leaves no high-risk site from 2027 on.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S run scenarios/eu-coordinated.yaml -n 3 -j 2 -q --per-rep -o "$tmp/r" > "$tmp/out.txt" || { cat "$tmp/out.txt"; exit 1; }
python3 - "$tmp/r/replications.csv" <<'PY' || exit 1
import csv, sys, collections
npv = collections.defaultdict(dict)
hrv = collections.defaultdict(dict)
for row in csv.DictReader(open(sys.argv[1])):
    rep, pol, m = int(row["replication"]), row["policy"], row["metric"]
    if row["value"] == "NA":
        continue
    v = float(row["value"])
    if m == "operator_npv" and not row["operator"]:
        npv[rep][pol] = v
    if m == "hrv_site_share":
        hrv[(rep, pol)][int(row["year"])] = v
assert npv, "no replications"
for rep, by in npv.items():
    base = by["baseline"]
    for pol, v in by.items():
        assert v <= base + 1e-6 * abs(base), (rep, pol, v, base)
for (rep, pol), path in hrv.items():
    if pol == "eu_removal":
        for y in range(2027, 2031):
            assert path[y] < 1e-9, (rep, pol, y, path[y])
print("invariants hold in", len(npv), "replications")
PY
echo ok
