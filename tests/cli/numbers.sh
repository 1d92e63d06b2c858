# Values the loader accepts but that would make the rollout program
# degenerate (a demand of 1e-310 Mbit/s, a cell range of 1e-154 km) are a
# scenario error naming the field, for run and lp: exit 2, no abort.
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
  'regions[city].demand_mbps = 1e-310'
check range 's/range_km: {urban: 2.0,/range_km: {urban: 1e-154,/' \
  'bands[b700].range_km.urban = 1e-154'
echo ok
