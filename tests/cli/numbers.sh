# Values that would make the rollout program degenerate (a demand of
# 1e-310 Mbit/s, a cell range of 1e-154 km) are refused by the loader with
# the field's realistic range, for run and lp: exit 2, no abort, nothing
# written. (Before, they passed the loader and aborted the process inside
# GLPK or in the model; the engine's own check, for values that reach it
# past the loader, is in tests/test_engine.c.)
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() { # name sed-expression field
  sed "$2" tests/data/small.yaml > "$tmp/$1.yaml"
  cmp -s tests/data/small.yaml "$tmp/$1.yaml" && { echo "$1: no change"; exit 1; }
  $S run "$tmp/$1.yaml" -n 2 -j 1 -q -o "$tmp/out-$1" > /dev/null 2> "$tmp/err.txt"
  rc=$?
  cat "$tmp/err.txt"
  [ $rc = 2 ] || { echo "$1: run: expected exit 2, got $rc"; exit 1; }
  grep -qF "$3" "$tmp/err.txt" || { echo "$1: run: message lacks $3"; exit 1; }
  $S lp "$tmp/$1.yaml" --policy ban -o "$tmp/$1.lp" 2> "$tmp/err.txt"
  rc=$?
  cat "$tmp/err.txt"
  [ $rc = 2 ] || { echo "$1: lp: expected exit 2, got $rc"; exit 1; }
  grep -qF "$3" "$tmp/err.txt" || { echo "$1: lp: message lacks $3"; exit 1; }
  [ ! -e "$tmp/$1.lp" ] || { echo "$1: lp: wrote a program"; exit 1; }
}
check demand 's/demand_mbps: 0.1,/demand_mbps: 1e-310,/' \
  'regions[0].demand_mbps: "1e-310": expected a number in [0.001, 10000]'
check range 's/range_km: {urban: 2.0,/range_km: {urban: 1e-154,/' \
  'bands[0].range_km.urban: "1e-154": expected a number in [0.01, 100]'
echo ok
