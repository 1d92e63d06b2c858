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
echo ok
