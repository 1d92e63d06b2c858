# cross_solver: a sample of the rollout programs specsim solves, exported
# with `specsim lp`, solved by GLPK's glpsol (LP file), CBC and HiGHS
# (scipy.optimize.milp; MPS file): the three optima agree within 1e-6
# relative (tests/cross_solver.py). The sample covers the test scenario and
# every instrument kind of the two reference scenarios (cap, exclusion with
# removal, core and sensitive scopes, a core deadline after a later purchase
# stop, the management scope, mitigation), within a minute or two.
set -u
S=$SPECSIM
PY=/usr/bin/python3
for tool in glpsol cbc; do
  command -v $tool > /dev/null || { echo "$tool not found (make deps installs it)"; exit 1; }
done
$PY -c 'import scipy.optimize' || { echo "python3-scipy not found (make deps installs it)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0
while read -r file policy rep; do
  n=$((n + 1))
  $S lp "$file" --policy "$policy" --rep "$rep" -o "$tmp/p$n.lp" --mps "$tmp/p$n.mps" || exit 1
  echo "p$n: $file $policy replication $rep"
done <<'LIST'
tests/data/small.yaml ban 2
scenarios/uk-2020.yaml baseline 0
scenarios/uk-2020.yaml jul2020_ban 1
scenarios/uk-2020.yaml mitigation 0
scenarios/germany-2019.yaml baseline 1
scenarios/germany-2019.yaml core2026 0
scenarios/germany-2019.yaml ran_removal 0
LIST
$PY tests/cross_solver.py --rtol 1e-6 "$tmp"/p*.lp || exit 1
echo ok
