# MPI: `mpirun -np K` shares the replications out over K ranks and writes
# the very bytes of a single process (summary.csv, summary.json,
# replications.csv, the table on stdout) for 2 ranks and for 3
# (oversubscribed on a small machine), with 1 and 2 threads per rank;
# sweep and tornado too (their replications.csv with --per-rep). The
# manifest names every rank. A rank killed in the middle ends the job, and --resume (with another number of ranks)
# continues from rank 0's journal to the same bytes. Uses the MPI build
# next to $SPECSIM (BUILD-mpi/specsim, made by `make test`).
set -u
S=$SPECSIM
M=${SPECSIM_MPI:-$(dirname "$S")-mpi/specsim}
[ -x "$M" ] || { echo "no MPI build at $M (make MPI=1 BUILD=$(dirname "$S")-mpi)"; exit 1; }
command -v mpirun > /dev/null || { echo "mpirun not found (openmpi-bin)"; exit 1; }
# Tests run as root in CI; OpenMPI refuses that unless told, here only.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# MPI's own allocations are not specsim's leaks (sanitizer builds).
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
F=tests/data/small.yaml
N=24
fail() { echo "FAIL: $*"; exit 1; }
mpi() { # ranks, then the command
  local np=$1; shift
  timeout 300 mpirun --oversubscribe --bind-to none -np "$np" "$M" "$@"
}
same() { # reference dir, dir, files...
  local a=$1 b=$2; shift 2
  for f in "$@"; do cmp "$a/$f" "$b/$f" || fail "$f differs ($b against $a)"; done
}

$S run $F -n $N -j 1 -q --per-rep -o "$tmp/ref" > "$tmp/ref.txt" || fail "reference run"
for np_j in 2:1 3:1 3:2; do
  np=${np_j%:*}; j=${np_j#*:}
  d="$tmp/np$np-j$j"
  mpi "$np" run $F -n $N -j "$j" -q --per-rep -o "$d" > "$d.txt" || fail "mpirun -np $np -j $j"
  same "$tmp/ref" "$d" summary.csv summary.json replications.csv
  cmp "$tmp/ref.txt" "$d.txt" || fail "the table differs with $np ranks"
  [ "$(ls -A "$d")" = "$(ls -A "$tmp/ref")" ] || fail "other files with $np ranks: $(ls -A "$d")"
  python3 - "$d/manifest.json" "$np" "$j" $N <<'PY' || exit 1
import json, sys
m = json.load(open(sys.argv[1]))
np, j, n = map(int, sys.argv[2:])
assert m["ranks"] == np and m["threads_per_rank"] == j, (m["ranks"], m["threads_per_rank"])
ranks = m["per_rank"]
assert [r["rank"] for r in ranks] == list(range(np)), ranks
assert sum(r["replications"] for r in ranks) == n, ranks
assert all(r["host"] and r["threads"] == j and not r["failed"] for r in ranks), ranks
assert all(r["seconds"] > 0 for r in ranks), ranks
assert m["complete"] is True and m["replications_done"] == n
PY
  echo "ok: $np ranks x $j threads, same bytes"
done
# the MPI build without mpirun is a single process
"$M" run $F -n $N -j 1 -q --per-rep -o "$tmp/single" > /dev/null || fail "MPI build without mpirun"
same "$tmp/ref" "$tmp/single" summary.csv replications.csv

# sweep and tornado
P=market.swap_eur_site=20000,60000
$S sweep $F --param $P -n 6 -j 1 -q --per-rep -o "$tmp/s1" > "$tmp/s1.txt" || fail "sweep"
mpi 3 sweep $F --param $P -n 6 -j 1 -q --per-rep -o "$tmp/s3" > "$tmp/s3.txt" || fail "mpirun sweep"
same "$tmp/s1" "$tmp/s3" sweep.csv replications.csv
cmp "$tmp/s1.txt" "$tmp/s3.txt" || fail "the sweep's table differs"
$S tornado $F --policy ban --metric cost_total_npv -n 4 -j 1 -q --per-rep -o "$tmp/t1" > "$tmp/t1.txt" || fail "tornado"
mpi 2 tornado $F --policy ban --metric cost_total_npv -n 4 -j 1 -q --per-rep -o "$tmp/t2" > "$tmp/t2.txt" || fail "mpirun tornado"
same "$tmp/t1" "$tmp/t2" tornado.csv replications.csv
cmp "$tmp/t1.txt" "$tmp/t2.txt" || fail "the tornado table differs"
# Without --per-rep a tornado computes baseline and its policy only, on
# every rank alike; each rank keeps its own memo of solved programs, and
# the manifest counts what the ranks reused: 13 runs x 8 replications x 2
# policies = 208 programs in all (the 4 runs of the risk inputs could
# reuse all their 64 where their rank solved the reference's program).
R=tests/data/small_risk.yaml
$S tornado $R --policy mitigation --metric net_benefit_npv -n 8 -j 1 -q -o "$tmp/r1" > "$tmp/r1.txt" || fail "tornado risk"
mpi 2 tornado $R --policy mitigation --metric net_benefit_npv -n 8 -j 1 -q -o "$tmp/r2" > "$tmp/r2.txt" || fail "mpirun tornado risk"
same "$tmp/r1" "$tmp/r2" tornado.csv
cmp "$tmp/r1.txt" "$tmp/r2.txt" || fail "the tornado table differs"
python3 - "$tmp/r1/manifest.json" "$tmp/r2/manifest.json" <<'PY' || exit 1
import json, sys
one, two = (json.load(open(f))["timing"] for f in sys.argv[1:])
assert (one["programs_solved"], one["programs_reused"]) == (144, 64), one
assert two["programs_solved"] + two["programs_reused"] == 208, two
assert 0 < two["programs_reused"] <= 64, two
PY
echo "ok: sweep and tornado, same bytes"

# A rank killed mid-run: the job ends, rank 0's journal keeps what was
# aggregated, and a resume on 2 ranks ends with the reference's bytes.
NK=40
$S run $F -n $NK -j 1 -q --per-rep -o "$tmp/kref" > /dev/null || fail "reference run ($NK)"
# OpenMPI may leave mpirun waiting after a rank dies: the job is given a
# time limit, as a batch scheduler would give it.
timeout -k 5 120 mpirun --oversubscribe --bind-to none -np 3 "$M" run $F -n $NK -j 1 -q --per-rep -o "$tmp/k" \
  > /dev/null 2> "$tmp/k.err" &
job=$!
victim=""
for _ in $(seq 600); do
  size=$(stat -c %s "$tmp/.k.journal" 2> /dev/null || echo 0)
  if [ "$size" -gt 20000 ]; then
    for p in $(pgrep -P "$(pgrep -P $job -x mpirun || echo $job)"); do
      tr '\0' '\n' < /proc/$p/environ 2> /dev/null | grep -qx OMPI_COMM_WORLD_RANK=1 && victim=$p
    done
    break
  fi
  kill -0 $job 2> /dev/null || break
  sleep 0.05
done
[ -n "$victim" ] || { kill -KILL $job 2> /dev/null; cat "$tmp/k.err"; fail "rank 1 not found while the run went on"; }
kill -KILL "$victim"
wait $job; rc=$?
head -5 "$tmp/k.err"
[ $rc != 0 ] || fail "the job survived the loss of rank 1 without saying so"
[ -s "$tmp/.k.journal" ] || fail "no journal after the job ended"
mpi 2 run $F -n $NK -j 1 --per-rep -o "$tmp/k" --resume > /dev/null 2> "$tmp/k2.err" \
  || { cat "$tmp/k2.err"; fail "resume on 2 ranks"; }
grep -q "resuming: [1-9][0-9]* of $NK replications" "$tmp/k2.err" || { cat "$tmp/k2.err"; fail "the resume found nothing"; }
same "$tmp/kref" "$tmp/k" summary.csv summary.json replications.csv
echo "ok: rank 1 killed, resumed on 2 ranks, same bytes"
echo ok
