# Killed at any instant, a run leaves its output directory holding one
# complete result set, the old one or the new one, never a mix: KILLS runs
# (default 20; docs/reliability.md has the long version) into the same
# directory, each with a random seed, replication count and --per-rep or
# not, are sent SIGINT, SIGTERM or SIGKILL at a random moment between the
# start and a little after the run would end, which covers the
# replications, the writing of the files, the rendering of the figures and
# the swap. After each, tests/resultset.py checks the directory file by
# file against a clean run with the manifest's seed and replication count.
# At the end a run completes and nothing a killed run left stays beside
# the directory.
set -u
S=$(realpath "$SPECSIM")
KILLS=${KILLS:-20}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
scn=tests/data/small.yaml
out="$tmp/out/r"
mkdir -p "$tmp/out" "$tmp/cache"
# How long a whole run with the most replications takes here.
t0=$(date +%s%N)
$S run $scn -n 24 -j 1 -q --per-rep -o "$tmp/timing" > /dev/null || exit 1
span_ms=$(( ($(date +%s%N) - t0) / 1000000 * 12 / 10 + 20 ))
echo "a whole run takes about $((span_ms * 10 / 12)) ms; kills fall within $span_ms ms"
sigs=(INT TERM KILL)
declare -A outcome
for i in $(seq "$KILLS"); do
  seed=$((RANDOM % 3 + 1)); n=$((RANDOM % 20 + 5)); sig=${sigs[RANDOM % 3]}
  per_rep=""; [ $((RANDOM % 2)) = 0 ] && per_rep=--per-rep
  delay=$(awk -v r=$RANDOM -v s=$span_ms 'BEGIN { printf "%.3f", r / 32768 * s / 1000 }')
  before=$(cat "$out/manifest.json" 2>/dev/null | md5sum)
  $S run $scn -n $n --seed $seed -j 1 -q $per_rep -o "$out" > /dev/null 2> "$tmp/err" &
  pid=$!
  sleep "$delay"
  kill -s $sig $pid 2> /dev/null
  { wait $pid; } 2> /dev/null; rc=$?
  case $rc in
    0|1|130|137|143) ;;
    *) echo "kill $i ($sig after ${delay}s): exit $rc"; cat "$tmp/err"; exit 1 ;;
  esac
  if [ -e "$out" ]; then
    python3 tests/resultset.py "$out" "$S" $scn "$tmp/cache" \
      || { echo "kill $i: SIG$sig after ${delay}s, exit $rc, left a broken set"; cat "$tmp/err"; exit 1; }
    if [ "$(md5sum < "$out/manifest.json")" = "$before" ]; then
      outcome[old]=$((${outcome[old]:-0} + 1))
    else
      outcome[new]=$((${outcome[new]:-0} + 1))
    fi
  else
    outcome[absent]=$((${outcome[absent]:-0} + 1))
  fi
done
echo "after $KILLS kills: ${outcome[new]:-0} new sets, ${outcome[old]:-0} old sets kept, ${outcome[absent]:-0} never written"
$S run $scn -n 5 -j 1 -q -o "$out" > /dev/null || exit 1
python3 tests/resultset.py "$out" "$S" $scn "$tmp/cache" || exit 1
left=$(ls -A "$tmp/out" | grep -v '^r$' | grep -v '^\.r\.lock$')
[ -z "$left" ] || { echo "left beside the output directory: $left"; exit 1; }
echo ok
