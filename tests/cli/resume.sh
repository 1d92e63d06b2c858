# Checkpoint and resume: a run killed with SIGKILL at random points, and
# resumed each time with --resume, ends with the very bytes of an
# uninterrupted run (summary.csv, summary.json, replications.csv); a
# damaged or truncated journal entry is reported and its replication
# computed again; a journal of another run (seed, count, scenario,
# version) or with a damaged header is refused with exit 2; the journal
# goes once the run is complete.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
N=400
F=tests/data/small.yaml
# The journal of output directory DIR: PARENT/.NAME.journal.
jp() { printf '%s/.%s.journal' "$(dirname "$1")" "$(basename "$1")"; }
fail() { echo "FAIL: $*"; exit 1; }

$S run $F -n $N -j 2 -q --per-rep -o "$tmp/ref" > "$tmp/ref.txt" || fail "reference run"
[ ! -e "$(jp "$tmp/ref")" ] || fail "journal left after a complete run"

same_as_ref() { # dir
  for f in summary.csv summary.json replications.csv; do
    cmp "$tmp/ref/$f" "$1/$f" || fail "$f differs from the uninterrupted run ($1)"
  done
}

journal_size() { stat -c %s "$(jp "$1")" 2>/dev/null || echo 0; }

# Start a run (with --resume after the first) and SIGKILL it once its
# journal has grown past `min` bytes plus a random extra wait; returns 0 when
# the kill hit a running process.
kill_run() { # dir resume-flag min-bytes
  $S run $F -n $N -j 2 -q --per-rep -o "$1" $2 > /dev/null 2>> "$tmp/kill.err" &
  local pid=$! i
  for i in $(seq 600); do
    [ "$(journal_size "$1")" -gt "$3" ] && break
    kill -0 $pid 2> /dev/null || break
    sleep 0.05
  done
  sleep "0.$((RANDOM % 6))"
  if kill -KILL $pid 2> /dev/null; then wait $pid 2> /dev/null; return 0; fi
  wait $pid 2> /dev/null
  return 1
}

# 1. Killed three times at random points, resumed in between.
d="$tmp/k"; kills=0; flag=""
for round in 1 2 3; do
  before=$(journal_size "$d")
  kill_run "$d" "$flag" "$((before + 4000))" && kills=$((kills + 1))
  flag=--resume
done
[ $kills -ge 2 ] || fail "only $kills of 3 kills hit a running process"
[ -s "$(jp "$d")" ] || fail "no journal after the kills"
$S run $F -n $N -j 2 --per-rep -o "$d" --resume > /dev/null 2> "$tmp/resume.err" || { cat "$tmp/resume.err"; fail "resume"; }
cat "$tmp/resume.err"
grep -q "resuming: [1-9][0-9]* of $N replications in the journal" "$tmp/resume.err" || fail "resume did not use the journal"
same_as_ref "$d"
[ ! -e "$(jp "$d")" ] || fail "journal left after the resumed run completed"
python3 - "$d/manifest.json" $N <<'PY' || exit 1
import json, sys
m = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
assert m["complete"] is True and m["replications_done"] == n, m
assert 0 < m["replications_resumed"] < n, m["replications_resumed"]
PY

# 2. Damaged entries: a flipped byte in one entry's record, a flipped byte
# in another's framing header, and a torn end. Each is reported, the
# replications are computed again, and the bytes are still the reference.
d="$tmp/c"
kill_run "$d" "" 30000 || fail "the run for the damage test ended before the kill"
mkdir -p "$tmp/r"; cp "$(jp "$d")" "$(jp "$tmp/r")"     # for the refusals below
python3 - "$(jp "$d")" <<'PY' || exit 1
import struct, sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
starts, off = [], 256
while off + 56 <= len(b):
    n = struct.unpack_from("<I", b, off + 4)[0]
    if off + 24 + n + 32 > len(b): break
    starts.append(off); off += 24 + n + 32
assert len(starts) >= 6, len(starts)
b[starts[1] + 24 + 100] ^= 0x40        # inside a record
b[starts[3] + 5] ^= 0x01               # the length of a framing header
b = b[:starts[-1] + 30]                # the last entry torn
open(p, "wb").write(b)
print("entries before damage:", len(starts))
PY
$S run $F -n $N -j 2 -q --per-rep -o "$d" --resume > /dev/null 2> "$tmp/damage.err" || { cat "$tmp/damage.err"; fail "resume after damage"; }
cat "$tmp/damage.err"
grep -q "3 damaged or truncated entries skipped; their replications are computed again" "$tmp/damage.err" \
  || fail "the damaged entries were not all reported"
same_as_ref "$d"

# 3. A journal of another run is refused, saying what differs.
d="$tmp/r"
refused() { # expected-words, then the extra arguments
  local want=$1; shift
  out=$($S run "$@" -j 2 -q -o "$d" --resume 2>&1 > /dev/null); rc=$?
  [ $rc = 2 ] || fail "expected exit 2 for a journal of another run ($*), got $rc: $out"
  echo "$out" | grep -q "$want" || fail "message does not say '$want': $out"
  echo "refused: $out"
}
refused "seed 42, this one has seed 7" $F -n $N --seed 7
refused "run of $N replications, this one has 50" $F -n 50
cp $F "$tmp/other.yaml"; echo "# changed" >> "$tmp/other.yaml"
refused "journal of another scenario" "$tmp/other.yaml" -n $N
# another version of specsim (the header rewritten with its checksum), and
# a damaged header
python3 - "$(jp "$d")" <<'PY' || exit 1
import hashlib, sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[24:88] = b"0.0.1 (0123456789ab)".ljust(64, b"\0")
b[224:256] = hashlib.sha256(bytes(b[:224])).digest()
open(p, "wb").write(b)
PY
refused "written by specsim 0.0.1 (0123456789ab), this is" $F -n $N
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[160]^=1; open(p,'wb').write(b)" "$(jp "$d")"
refused "damaged header" $F -n $N
# and --resume without a journal starts afresh
$S run $F -n 4 -j 2 -o "$tmp/fresh" --resume > /dev/null 2> "$tmp/fresh.err" || fail "resume without a journal"
grep -q "no journal at" "$tmp/fresh.err" || fail "no note that there was no journal"
echo ok
