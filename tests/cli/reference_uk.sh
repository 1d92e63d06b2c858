# reference_uk: the UK 2020 reference scenario (scenarios/uk-2020.yaml) runs
# at a small replication count and its invariants hold (docs/validation.md):
# a stricter policy never raises the operators' optimal NPV in the same
# replication (pairs whose auctions ended alike, and every pair of the
# same scenario without its auction), high-risk equipment is gone
# from the removal year on, the high-risk share never rises after a purchase
# stop, and in the solved program of the July 2020 ban no high-risk
# equipment is bought after the stop, none is held after a deadline, no
# high-risk core is chosen, and the optimum equals the operator NPV the run
# reported.
set -u
S=$SPECSIM
PY=/usr/bin/python3
sc=scenarios/uk-2020.yaml
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S validate $sc || exit 1
$S run $sc -n 1 -j 2 -q --per-rep -o "$tmp/run" > "$tmp/table.txt" || { cat "$tmp/table.txt"; exit 1; }
cat "$tmp/table.txt"
# Policies from loose to strict; mitigation only adds cost to baseline.
$PY tests/reference_check.py reps \
  --nested baseline:jan2020_cap --nested jan2020_cap:purchase_stop \
  --nested purchase_stop:ban2029 --nested ban2029:jul2020_ban \
  --nested baseline:mitigation --min-comparable 0 \
  --removal jul2020_ban:2027 --removal ban2029:2029 \
  --stop purchase_stop:2021 --stop jul2020_ban:2021 --stop ban2029:2021 \
  --feasible baseline "$tmp/run" || exit 1
# With the auction, a policy changes the bidders' values and so, often,
# the auction's outcome; such pairs are not nested and are only counted.
# Without the auction every pair is: one replication of the same scenario
# checks the invariant on all five pairs.
sed 's/^  format: clock\b.*$/  format: none/' $sc > "$tmp/noauction.yaml"
grep -q '^  format: none$' "$tmp/noauction.yaml" || { echo "no auction format line"; exit 1; }
$S run "$tmp/noauction.yaml" -n 1 -j 2 -q --per-rep -o "$tmp/na" > /dev/null || exit 1
$PY tests/reference_check.py reps \
  --nested baseline:jan2020_cap --nested jan2020_cap:purchase_stop \
  --nested purchase_stop:ban2029 --nested ban2029:jul2020_ban \
  --nested baseline:mitigation --min-comparable 5 "$tmp/na" || exit 1
# The program's optimum is the operators' value before spectrum payments
# and their financing, which are fixed by the auction (docs/model.md §5).
npv() { awk -F, -v r="$1" -v p="$2" '$1==r && $2==p && $4=="" && ($3=="operator_npv" ||
        $3=="spectrum_payment_npv" || $3=="spectrum_financing_npv") {s += $6}
        END {printf "%.10g\n", s}' "$tmp/run/replications.csv"; }
# Vendor 3 is huawei, region 4 the sensitive sites; year index 0 is 2021:
# nothing bought from 2021, nothing held from 2027 (2023 at sensitive
# sites), no high-risk core.
$S lp $sc --policy jul2020_ban --rep 0 --mps "$tmp/ban.mps" || exit 1
$PY tests/reference_check.py lp "$tmp/ban.mps" \
  --zero '^(up|rep|new)_o[0-9]+_r[0-9]+_v3_t[0-9]+$' \
  --zero '^(L|S)_o[0-9]+_r[0-9]+_v3_t([6-9]|1[01])$' \
  --zero '^(L|S)_o[0-9]+_r4_v3_t([2-9]|1[01])$' \
  --zero '^core_o[0-9]+_v3$' \
  --objective "$(npv 0 jul2020_ban)" || exit 1
echo ok
