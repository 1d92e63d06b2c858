# glpk_trial (bench/glpk_trial.c, docs/performance.md): a plan given as
# first incumbent is a solution of the program solved, or it is refused.
# GLPK's glp_ios_heur_sol checks only integrality, so a plan of another
# program was taken and reported as the optimum.
set -u
S=$SPECSIM
T=$(dirname "$S")/bench/glpk_trial
[ -x "$T" ] || { echo "no $T"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# two programs of the same shape: the same policy, two replications
$S lp tests/data/small.yaml --policy ban --rep 2 -o "$tmp/r2.lp" > /dev/null || exit 1
$S lp tests/data/small.yaml --policy ban --rep 3 -o "$tmp/r3.lp" > /dev/null || exit 1
glpsol --lp "$tmp/r2.lp" -w "$tmp/r2.mip" -o "$tmp/r2.txt" > /dev/null || exit 1
grep -q "INTEGER OPTIMAL" "$tmp/r2.txt" || exit 1
g=$(awk '/^Objective:/ {print $4}' "$tmp/r2.txt")

# its own plan: accepted, and the optimum is glpsol's (independent solve)
out=$("$T" "$tmp/r2.lp" --incumbent "$tmp/r2.mip") || { echo "$out"; exit 1; }
echo "$out"
case $out in *"incumbent accepted"*) ;; *) echo "own plan not accepted"; exit 1 ;; esac
o=$(echo "$out" | sed -n 's/.*optimum \([^,]*\),.*/\1/p')
python3 -c "import sys; g, o = float('$g'), float('$o'); sys.exit(0 if abs(g - o) <= 1e-9 * max(1, abs(g)) else 1)" \
  || { echo "optimum $o, glpsol $g"; exit 1; }

# the plan of replication 2 given to replication 3: refused, naming a row
# whose activity the plan gets wrong
"$T" "$tmp/r3.lp" --incumbent "$tmp/r2.mip" > "$tmp/out" 2> "$tmp/err"
rc=$?
cat "$tmp/err"
[ "$rc" -eq 1 ] || { echo "exit $rc, expected 1"; exit 1; }
[ ! -s "$tmp/out" ] || { echo "a result was printed"; cat "$tmp/out"; exit 1; }
grep -q "r2.mip is not a plan of .*r3.lp: row r_[0-9]* is " "$tmp/err" || exit 1

# the same program with a core the plan chose fixed to 0: refused, naming
# the column out of its bounds
col=$(awk '$2 ~ /^core_/ && $4 == 1 {print $2; exit}' "$tmp/r2.txt")
[ -n "$col" ] || { echo "no core chosen in the plan"; exit 1; }
sed "s/^ *0 <= $col <= 1\$/ $col = 0/" "$tmp/r2.lp" > "$tmp/fixed.lp"
! cmp -s "$tmp/r2.lp" "$tmp/fixed.lp" || { echo "bound of $col not found"; exit 1; }
"$T" "$tmp/fixed.lp" --incumbent "$tmp/r2.mip" > "$tmp/out" 2> "$tmp/err"
rc=$?
cat "$tmp/err"
[ "$rc" -eq 1 ] || { echo "exit $rc, expected 1"; exit 1; }
grep -q "is not a plan of .*fixed.lp: column $col is out of its bounds" "$tmp/err" || exit 1
echo ok
