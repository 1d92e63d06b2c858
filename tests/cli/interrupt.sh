# Ctrl-C: finished replications are written, the manifest says incomplete;
# an interrupted sweep writes nothing (its points are not comparable).
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S run tests/data/small.yaml -n 1000000 -j 2 -q -o "$tmp/r" > "$tmp/out.txt" 2> "$tmp/err.txt" &
pid=$!
# wait until at least one batch is done (the engine is running), then interrupt
sleep 6
kill -INT $pid
wait $pid; rc=$?
cat "$tmp/err.txt"
[ $rc = 1 ] || { echo "expected exit 1 after an interrupt, got $rc"; exit 1; }
python3 - "$tmp/r/manifest.json" <<'PY' || exit 1
import json, sys
m = json.load(open(sys.argv[1]))
assert m["interrupted"] is True and m["complete"] is False, m
assert 0 < m["replications_done"] < 1000000
PY
grep -q "INCOMPLETE" "$tmp/out.txt" || exit 1
$S sweep tests/data/small.yaml --param market.swap_eur_site=20000,60000 -n 1000000 -j 2 -q \
   -o "$tmp/s" > "$tmp/s.txt" 2> "$tmp/s.err" &
pid=$!
sleep 4
kill -INT $pid
wait $pid; rc=$?
cat "$tmp/s.err"
[ $rc = 1 ] || { echo "expected exit 1 after an interrupted sweep, got $rc"; exit 1; }
grep -q "nothing written: interrupted after" "$tmp/s.err" || exit 1
[ -z "$(ls -A "$tmp/s" 2>/dev/null)" ] || { echo "an interrupted sweep wrote:"; ls -A "$tmp/s"; exit 1; }
[ ! -s "$tmp/s.txt" ] || { echo "an interrupted sweep printed a table"; exit 1; }
echo ok
