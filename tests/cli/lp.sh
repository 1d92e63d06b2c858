# lp: the program of one replication in LP and MPS format; GLPK's glpsol and
# CBC both solve it to the same optimum.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S lp tests/data/small.yaml --policy ban --rep 2 -o "$tmp/m.lp" --mps "$tmp/m.mps" || exit 1
[ -s "$tmp/m.lp" ] && [ -s "$tmp/m.mps" ] || exit 1
grep -q "operators_npv" "$tmp/m.lp" || exit 1
glpsol --lp "$tmp/m.lp" -o "$tmp/glpk.txt" > /dev/null || exit 1
g=$(awk '/^Objective:/ {print $4}' "$tmp/glpk.txt")
grep -q "INTEGER OPTIMAL" "$tmp/glpk.txt" || { cat "$tmp/glpk.txt" | head; exit 1; }
if command -v cbc > /dev/null; then
  cbc "$tmp/m.mps" max solve > "$tmp/cbc.txt" 2>&1 || true
  c=$(awk '/^Objective value:/ {print $3}' "$tmp/cbc.txt")
  echo "glpk $g cbc $c"
  python3 -c "import sys; g, c = float('$g'), float('$c'); sys.exit(0 if abs(g - c) <= 1e-6 * max(1, abs(g)) else 1)" \
    || { echo "objectives differ: glpk $g cbc $c"; tail -20 "$tmp/cbc.txt"; exit 1; }
fi
echo ok
