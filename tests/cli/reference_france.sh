# reference_france: the France 2020 reference scenario
# (scenarios/france-2020.yaml) loads, validates and runs at one replication,
# and its invariants hold (docs/validation.md, "Validation on France 2020
# and Sweden 2021"): the auction allocates exactly the lots on offer within
# the caps (one 50 MHz block, five 10 MHz blocks per bidder), the
# fixed-price blocks go at EUR 350m each (four bidders with a cap of one
# leave no excess demand to raise the price) and all four are assigned in
# this replication (every bidder values 50 MHz above EUR 350m there: a
# property of these inputs, not a law), revenue is at least the reserves;
# a stricter policy never raises the operators' optimal NPV when the
# auctions ended alike, and always without the auction; under the full ban
# no Huawei radio is bought from 2021 and none is left from 2028, and in
# the solved program no Huawei purchase, stock or core survives.
set -u
S=$SPECSIM
PY=/usr/bin/python3
sc=scenarios/france-2020.yaml
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S validate $sc || exit 1
$S run $sc -n 1 -j 2 -q --per-rep -o "$tmp/run" > "$tmp/table.txt" || { cat "$tmp/table.txt"; exit 1; }
cat "$tmp/table.txt"
$PY tests/reference_check.py auction "$tmp/run" \
  --band b3500f:4:3.5e8:1 --band b3500:11:7e7:5 --fixed b3500f --sold-all b3500f || exit 1
$PY tests/reference_check.py reps \
  --nested baseline:anssi --nested baseline:full_ban --nested anssi:full_ban --min-comparable 0 \
  --removal full_ban:2028 --stop full_ban:2021 \
  --feasible baseline --feasible anssi --feasible full_ban "$tmp/run" || exit 1
# Without the auction every pair is nested (the licence obligation binds
# the auction's winners, so its section goes too).
sed -e 's/^  format: clock$/  format: none/' -e '/^obligations:/,$d' $sc > "$tmp/noauction.yaml"
grep -q '^  format: none$' "$tmp/noauction.yaml" || { echo "no auction format line"; exit 1; }
$S run "$tmp/noauction.yaml" -n 1 -j 2 -q --per-rep -o "$tmp/na" > /dev/null || exit 1
$PY tests/reference_check.py reps \
  --nested baseline:anssi --nested baseline:full_ban --nested anssi:full_ban --min-comparable 3 \
  "$tmp/na" || exit 1
npv() { awk -F, -v r="$1" -v p="$2" '$1==r && $2==p && $4=="" && ($3=="operator_npv" ||
        $3=="spectrum_payment_npv" || $3=="spectrum_financing_npv") {s += $6}
        END {printf "%.10g\n", s}' "$tmp/run/replications.csv"; }
# Vendor 2 is huawei; year index 0 is 2021, so 2028 is 7 (last 2030 = 9).
$S lp $sc --policy full_ban --rep 0 --mps "$tmp/ban.mps" || exit 1
$PY tests/reference_check.py lp "$tmp/ban.mps" \
  --zero '^(up|rep|new)_o[0-9]+_r[0-9]+_v2_t[0-9]+$' \
  --zero '^(L|S)_o[0-9]+_r[0-9]+_v2_t[7-9]$' \
  --zero '^core_o[0-9]+_v2$' \
  --objective "$(npv 0 full_ban)" || exit 1
echo ok
