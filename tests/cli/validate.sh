# validate: good files pass, a bad one exits 2 naming file:line:col and field.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S validate scenarios/*.yaml tests/data/small.yaml || exit 1
sed 's/capex_budget_eur_year: 6.0e7/capex_budget_eur_year: -5/' tests/data/small.yaml > "$tmp/bad.yaml"
out=$($S validate "$tmp/bad.yaml" 2>&1); rc=$?
echo "$out"
[ $rc = 2 ] || { echo "expected exit 2, got $rc"; exit 1; }
echo "$out" | grep -Eq "bad.yaml:[0-9]+:[0-9]+: operators\[0\]\.capex_budget_eur_year" || exit 1
# every field of soft budgets, soft deadlines and subsidies
sed -e 's/  swap_eur_site: .*/&\n  financing_rate: {dist: uniform, min: 0.08, max: 0.12}\n  financing_term_years: 7/' \
    -e 's/    capex_budget_eur_year: 6.0e7/&\n    budget_hard: true\n    equipment: {core_sites: {huawei: 4}, transport: {huawei: 30}}/' \
    -e 's/  site_opex_eur_year: 5000/&\n  core_site_swap_eur: 3.0e4\n  transport_swap_eur: 8000/' \
    -e 's/scope: all, from_year: 2021, removal_year: 2024}/scope: all, from_year: 2021, removal_year: 2024, late_penalty_eur_site_year: 9.0e4}\n      - subsidy: {share: 0.4, fund_eur_year: 2.0e7, fund_eur_total: 5.0e7, operators: [alpha], vendors: huawei, regions: city, from_year: 2022}/' \
    -e 's/scope: core, from_year: 2021, removal_year: 2023}/scope: core, from_year: 2021, removal_year: 2023, deadline_hard: true}/' \
    tests/data/small.yaml > "$tmp/soft.yaml"
for f in financing_rate financing_term_years budget_hard late_penalty_eur_site_year deadline_hard "subsidy:" \
         "equipment:" core_site_swap_eur transport_swap_eur; do
  grep -q "$f" "$tmp/soft.yaml" || { echo "soft.yaml lacks $f"; exit 1; }
done
$S validate "$tmp/soft.yaml" || exit 1
sed 's/subsidy: {share: 0.4/subsidy: {share: 0.7}\n      - subsidy: {share: 0.4/' "$tmp/soft.yaml" > "$tmp/sum.yaml"
out=$($S validate "$tmp/sum.yaml" 2>&1); rc=$?
echo "$out"
[ $rc = 2 ] || { echo "expected exit 2, got $rc"; exit 1; }
echo "$out" | grep -Eq "sum.yaml:[0-9]+:[0-9]+: policies\[3\]\.instruments\[2\]\.share: \"0.4\": expected subsidy shares of policy ban summing to at most 1 \(they reach 1.1 here\)" || exit 1
# the size of the largest program validate announces is the size glpsol reads
# from the same program written by `specsim lp`
for f in tests/data/small.yaml scenarios/default.yaml; do
  line=$($S validate "$f" | grep "largest rollout program") || { echo "$f: no size"; exit 1; }
  pol=$(echo "$line" | sed -E "s/.*policy '([^']+)'.*/\1/")
  $S lp "$f" --policy "$pol" --rep 0 -o "$tmp/p.lp" || exit 1
  g=$(glpsol --lp "$tmp/p.lp" --check 2>&1)
  rows=$(echo "$g" | sed -nE 's/^([0-9]+) rows, ([0-9]+) columns, ([0-9]+) non-zeros$/\1 \2 \3/p')
  ints=$(echo "$g" | sed -nE 's/^([0-9]+) integer variables.*/\1/p')
  read -r r c nz <<< "$rows"
  echo "$line" | grep -qF ": $r rows, $c columns (${ints:-0} integer), $nz non-zeros" ||
    { echo "$f: validate says '$line', glpsol reads $r rows, $c columns, ${ints:-0} integer, $nz non-zeros"; exit 1; }
done
echo ok
