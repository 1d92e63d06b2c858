# Ctrl-C during a long branch and bound stops it promptly: the UK
# scenario's first replication takes GLPK well over ten seconds (gap 0);
# interrupted after two, the run ends within a few seconds, with nothing
# finished, so nothing written, and exit 1.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$S run scenarios/uk-2020.yaml -n 1 -j 1 -q -o "$tmp/r" > "$tmp/out.txt" 2> "$tmp/err.txt" &
pid=$!
sleep 2
kill -0 $pid 2> /dev/null || { cat "$tmp/err.txt"; echo "the run ended before the interrupt"; exit 1; }
t0=$(date +%s.%N)
kill -INT $pid
# wait at most 10 s for it to end
for _ in $(seq 100); do
  kill -0 $pid 2> /dev/null || break
  sleep 0.1
done
if kill -0 $pid 2> /dev/null; then
  kill -KILL $pid
  echo "still solving 10 s after Ctrl-C"
  exit 1
fi
wait $pid; rc=$?
t1=$(date +%s.%N)
cat "$tmp/err.txt"
echo "ended $(python3 -c "print(round($t1 - $t0, 2))") s after Ctrl-C"
[ $rc = 1 ] || { echo "expected exit 1 after an interrupt, got $rc"; exit 1; }
grep -q "interrupted after 0 of 1 replications" "$tmp/err.txt" || exit 1
[ ! -e "$tmp/r/summary.csv" ] || { echo "wrote a summary of nothing"; exit 1; }
echo ok
