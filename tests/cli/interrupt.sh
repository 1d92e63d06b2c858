# Ctrl-C: finished replications are written, the manifest says incomplete;
# an interrupted sweep writes nothing (its points are not comparable).
# A run is interrupted once the first batch of replications is done: its
# records reach replications.csv (--per-rep), written into the staging
# directory beside the output directory while the run lasts (through a
# temporary file there), so the test waits for that file to grow
# instead of guessing how long a batch takes. A sweep is interrupted once
# it announces its first point (after the Ctrl-C handler is in place).
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S run tests/data/small.yaml -n 1000000 -j 2 -q --per-rep -o "$tmp/r" \
  > "$tmp/out.txt" 2> "$tmp/err.txt" &
pid=$!
partial="$tmp/.r.staging.$pid/.replications.csv.tmp.$pid"
# poll every 0.1 s, for at most 120 s
for _ in $(seq 1200); do
  [ -s "$partial" ] && break
  kill -0 $pid 2> /dev/null || break
  sleep 0.1
done
if ! [ -s "$partial" ]; then
  kill -KILL $pid 2> /dev/null
  cat "$tmp/err.txt"
  echo "no replication finished within 120 s (or the run ended early)"
  exit 1
fi
kill -INT $pid
wait $pid; rc=$?
cat "$tmp/err.txt"
[ $rc = 1 ] || { echo "expected exit 1 after an interrupt, got $rc"; exit 1; }
python3 - "$tmp/r/manifest.json" "$tmp/r/replications.csv" <<'PY' || exit 1
import csv, json, sys
m = json.load(open(sys.argv[1]))
assert m["interrupted"] is True and m["complete"] is False, m
done = m["replications_done"]
assert 0 < done < 1000000, done
# replications.csv holds exactly the finished prefix
reps = {int(row["replication"]) for row in csv.DictReader(open(sys.argv[2]))}
assert reps == set(range(done)), (sorted(reps)[:5], len(reps), done)
PY
grep -q "INCOMPLETE" "$tmp/out.txt" || exit 1
$S sweep tests/data/small.yaml --param market.swap_eur_site=20000,60000 -n 1000000 -j 2 \
   -o "$tmp/s" > "$tmp/s.txt" 2> "$tmp/s.err" &
pid=$!
for _ in $(seq 1200); do
  grep -q "sweep point 1/" "$tmp/s.err" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
grep -q "sweep point 1/" "$tmp/s.err" || { echo "the sweep never announced its first point"; cat "$tmp/s.err"; exit 1; }
kill -INT $pid
wait $pid; rc=$?
cat "$tmp/s.err"
[ $rc = 1 ] || { echo "expected exit 1 after an interrupted sweep, got $rc"; exit 1; }
grep -q "nothing written: interrupted after" "$tmp/s.err" || exit 1
[ -z "$(ls -A "$tmp/s" 2>/dev/null)" ] || { echo "an interrupted sweep wrote:"; ls -A "$tmp/s"; exit 1; }
[ ! -s "$tmp/s.txt" ] || { echo "an interrupted sweep printed a table"; exit 1; }
echo ok
