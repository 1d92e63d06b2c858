# reference_sweden: the Sweden 2021 reference scenario
# (scenarios/sweden-2021.yaml) loads, validates and runs at one replication,
# and its invariants hold (docs/validation.md, "Validation on France 2020
# and Sweden 2021"): the 3.5 GHz clock auction allocates exactly its
# fifteen lots within the cap of seven per bidder, at no less than the
# SEK 100m reserve, and sells every lot in this replication (a property
# of these inputs, not a law); the PTS conditions never raise the
# operators' optimal NPV when the auctions ended alike, and never without
# the auction; no Huawei or ZTE radio is bought from 2021 and none is left
# from 2024, and in the solved program no Huawei or ZTE purchase, stock or
# core survives.
set -u
S=$SPECSIM
PY=/usr/bin/python3
sc=scenarios/sweden-2021.yaml
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S validate $sc || exit 1
$S run $sc -n 1 -j 2 -q --per-rep -o "$tmp/run" > "$tmp/table.txt" || { cat "$tmp/table.txt"; exit 1; }
cat "$tmp/table.txt"
$PY tests/reference_check.py auction "$tmp/run" --band b3500:15:1e8:7 --sold-all b3500 || exit 1
$PY tests/reference_check.py reps \
  --nested baseline:pts2020 --min-comparable 0 \
  --removal pts2020:2024 --stop pts2020:2021 \
  --feasible baseline --feasible pts2020 "$tmp/run" || exit 1
sed -e 's/^  format: clock$/  format: none/' $sc > "$tmp/noauction.yaml"
grep -q '^  format: none$' "$tmp/noauction.yaml" || { echo "no auction format line"; exit 1; }
$S run "$tmp/noauction.yaml" -n 1 -j 2 -q --per-rep -o "$tmp/na" > /dev/null || exit 1
$PY tests/reference_check.py reps --nested baseline:pts2020 --min-comparable 1 "$tmp/na" || exit 1
npv() { awk -F, -v r="$1" -v p="$2" '$1==r && $2==p && $4=="" && ($3=="operator_npv" ||
        $3=="spectrum_payment_npv" || $3=="spectrum_financing_npv") {s += $6}
        END {printf "%.10g\n", s}' "$tmp/run/replications.csv"; }
# Vendors 2 and 3 are huawei and zte; year index 0 is 2021, so 2024 is 3.
$S lp $sc --policy pts2020 --rep 0 --mps "$tmp/pts.mps" || exit 1
$PY tests/reference_check.py lp "$tmp/pts.mps" \
  --zero '^(up|rep|new)_o[0-9]+_r[0-9]+_v[23]_t[0-9]+$' \
  --zero '^(L|S)_o[0-9]+_r[0-9]+_v[23]_t[3-9]$' \
  --zero '^core_o[0-9]+_v[23]$' \
  --objective "$(npv 0 pts2020)" || exit 1
echo ok
