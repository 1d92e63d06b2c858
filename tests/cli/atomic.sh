# Result sets complete or absent, and what the manifest records: one
# regression test for each way a run used to leave a mixed, stale or
# mislabelled output directory (docs/reliability.md lists them).
set -u
S=$(realpath "$SPECSIM")
F=$(realpath tests/data/small.yaml)
tmp=$(mktemp -d)
mounted=""
cleanup() { [ -z "$mounted" ] || umount "$mounted"; rm -rf "$tmp"; }
trap cleanup EXIT
# Every check runs; the script fails at the end if any did.
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
whole() { python3 tests/resultset.py "$1" "$S" "$F" "$tmp/cache" || fail "$2"; }
mkdir -p "$tmp/cache"

# A new set replaces the old one whole: a --per-rep set then a plain one
# leaves no replications.csv, and nothing but the lock file beside.
$S run $F -n 4 --seed 7 -j 1 -q --per-rep -o "$tmp/o/r" > /dev/null || fail "first run"
$S run $F -n 3 --seed 8 -j 1 -q -o "$tmp/o/r" > /dev/null || fail "second run"
[ ! -e "$tmp/o/r/replications.csv" ] || fail "replications.csv of the old set kept"
whole "$tmp/o/r" "second set not whole"
[ "$(ls -A "$tmp/o")" = "$(printf '.r.lock\nr')" ] || fail "left beside: $(ls -A "$tmp/o")"

# What killed runs left is removed by the next run: staging and old
# directories beside, an older version's temporaries inside.
mkdir -p "$tmp/o/.r.staging.1/figures" "$tmp/o/.r.old.2"
echo junk > "$tmp/o/.r.staging.1/figures/cost.svg"
echo junk > "$tmp/o/r/.summary.csv.tmp.3"
$S run $F -n 3 --seed 8 -j 1 -q -o "$tmp/o/r" > /dev/null || fail "run after a killed one"
[ "$(ls -A "$tmp/o")" = "$(printf '.r.lock\nr')" ] || fail "stale entries kept: $(ls -A "$tmp/o")"
whole "$tmp/o/r" "set after stale entries not whole"

# A run killed between the two renames of the fallback swap leaves no
# DIR and .NAME.old.PID: the next run puts it back before anything else
# (here it then refuses, because the old set holds a file of the user's).
mkdir -p "$tmp/k"
cp -r "$tmp/o/r" "$tmp/k/.r.old.9"
echo mine > "$tmp/k/.r.old.9/notes.txt"
$S run $F -n 3 -j 1 -q -o "$tmp/k/r" > /dev/null 2> "$tmp/err" && fail "ran over a user's file"
grep -q "holds 'notes.txt', which specsim does not write" "$tmp/err" || { cat "$tmp/err"; fail "message"; }
[ "$(cat "$tmp/k/r/notes.txt")" = mine ] || fail "the old set was not put back"

# A directory holding anything else is refused before any replication,
# and left as it was; so is a file where the directory should be.
mkdir -p "$tmp/u"; echo keep > "$tmp/u/notes.txt"
timeout 20 $S run $F -n 10000000 -j 1 -q -o "$tmp/u" > /dev/null 2> "$tmp/err"
[ $? = 1 ] || fail "a foreign directory: expected exit 1 at once"
[ "$(cat "$tmp/u/notes.txt")" = keep ] && [ "$(ls -A "$tmp/u")" = notes.txt ] || fail "foreign directory touched"
echo x > "$tmp/file"
$S run $F -n 1 -q -o "$tmp/file" > /dev/null 2> "$tmp/err" && fail "ran over a file"
grep -q "exists and is not a directory" "$tmp/err" || { cat "$tmp/err"; fail "message"; }

# Two runs into one directory: the second refuses at once, naming the
# first, which goes on; SIGTERM then stops the first as Ctrl-C does (its
# finished replications written, the manifest marking it incomplete).
$S run $F -n 1000000 -j 1 -q --per-rep -o "$tmp/c/r" > /dev/null 2> "$tmp/a.err" &
a=$!
for _ in $(seq 1200); do
  [ -s "$tmp/c/.r.staging.$a/.replications.csv.tmp.$a" ] && break
  kill -0 $a 2> /dev/null || break
  sleep 0.1
done
[ -s "$tmp/c/.r.staging.$a/.replications.csv.tmp.$a" ] || { kill -KILL $a; fail "the first run never started its replications"; }
timeout 20 $S run $F -n 2 -j 1 -q -o "$tmp/c/r" > /dev/null 2> "$tmp/b.err"; rc=$?
[ $rc = 1 ] || { kill -KILL $a; fail "second run: exit $rc, expected 1"; }
grep -q "another specsim run (pid $a) is writing $tmp/c/r" "$tmp/b.err" || { kill -KILL $a; cat "$tmp/b.err"; fail "message"; }
[ ! -e "$tmp/c/r" ] || { kill -KILL $a; fail "the second run wrote"; }
kill -TERM $a; wait $a; rc=$?
[ $rc = 1 ] || fail "SIGTERM: exit $rc, expected 1"
grep -q "manifest marks the run incomplete" "$tmp/a.err" || { cat "$tmp/a.err"; fail "SIGTERM message"; }
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["interrupted"] and not m["complete"], m' \
  "$tmp/c/r/manifest.json" || fail "SIGTERM manifest"
whole "$tmp/c/r" "set after SIGTERM not whole"

# An output directory that cannot be written fails before any replication
# (a read-only filesystem as root, a read-only parent otherwise).
mkdir -p "$tmp/ro"
if [ "$(id -u)" = 0 ]; then
  mount -t tmpfs -o ro,size=64k tmpfs "$tmp/ro" && mounted="$tmp/ro"
  timeout 20 $S run $F -n 10000000 -j 1 -q -o "$tmp/ro/r" > /dev/null 2> "$tmp/err"; rc=$?
  umount "$tmp/ro"; mounted=""
else
  chmod 555 "$tmp/ro"
  timeout 20 $S run $F -n 10000000 -j 1 -q -o "$tmp/ro/r" > /dev/null 2> "$tmp/err"; rc=$?
fi
[ $rc = 1 ] || fail "read-only output: exit $rc, expected 1 at once"
grep -q "$tmp/ro/.r.lock: cannot create" "$tmp/err" || { cat "$tmp/err"; fail "read-only message"; }

# Output to stdout that fails makes the exit code non-zero; the files are
# written all the same.
$S run $F -n 2 -j 1 -q -o "$tmp/full" > /dev/full 2> "$tmp/err"; rc=$?
[ $rc = 1 ] || fail "run > /dev/full: exit $rc"
grep -q "standard output: cannot write the comparison: No space left" "$tmp/err" || { cat "$tmp/err"; fail "message"; }
[ $(grep -c "standard output" "$tmp/err") = 1 ] || fail "stdout error reported twice"
whole "$tmp/full" "set of a run with a failed stdout not whole"
for cmd in "--version" "validate $F" "run $F -n 2 -q --format csv -o $tmp/full2"; do
  $S $cmd > /dev/full 2> /dev/null && fail "specsim $cmd > /dev/full exits 0"
done

# The manifest's SHA-256 is of the bytes loaded: from /dev/stdin, from a
# FIFO (which used to hang: it was opened again to hash it), and of a file
# edited while the run goes on.
want=$(sha256sum < "$F" | cut -d' ' -f1)
sha() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["scenario_sha256"])' "$1/manifest.json"; }
cat "$F" | $S run /dev/stdin -n 2 -j 1 -q -o "$tmp/stdin" > /dev/null || fail "run /dev/stdin"
[ "$(sha "$tmp/stdin")" = "$want" ] || fail "/dev/stdin: hash $(sha "$tmp/stdin")"
mkfifo "$tmp/fifo.yaml"
cat "$F" > "$tmp/fifo.yaml" &
timeout 60 $S run "$tmp/fifo.yaml" -n 2 -j 1 -q -o "$tmp/fifo" > /dev/null || fail "run FIFO"
[ "$(sha "$tmp/fifo")" = "$want" ] || fail "FIFO: hash $(sha "$tmp/fifo")"
cp "$F" "$tmp/edit.yaml"
$S run "$tmp/edit.yaml" -n 1000000 -j 1 -q --per-rep -o "$tmp/e/r" > /dev/null 2>&1 &
a=$!
for _ in $(seq 1200); do
  [ -s "$tmp/e/.r.staging.$a/.replications.csv.tmp.$a" ] && break
  kill -0 $a 2> /dev/null || break
  sleep 0.1
done
echo "# edited during the run" >> "$tmp/edit.yaml"
kill -TERM $a; wait $a
[ "$(sha "$tmp/e/r")" = "$want" ] || fail "edited during the run: hash $(sha "$tmp/e/r")"

# The default output directory is the file's name without its last
# extension; a name that leaves none is refused.
mkdir -p "$tmp/cwd"
for n in a.b a.c; do cp "$F" "$tmp/cwd/$n.yaml"; done
cp "$F" "$tmp/cwd/..yaml"; cp "$F" "$tmp/cwd/.hidden.yaml"
(cd "$tmp/cwd" && $S run a.b.yaml -n 1 -q > /dev/null && $S run a.c.yaml -n 1 -q > /dev/null) || fail "a.b, a.c"
[ -f "$tmp/cwd/results/a.b/manifest.json" ] && [ -f "$tmp/cwd/results/a.c/manifest.json" ] || fail "a.b.yaml and a.c.yaml share a directory"
grep -q '"scenario": "a.b.yaml"' "$tmp/cwd/results/a.b/manifest.json" || fail "results/a.b holds a.c's run"
for n in ..yaml .hidden.yaml; do
  (cd "$tmp/cwd" && $S run "$n" -n 1 -q > /dev/null 2> "$tmp/err"); rc=$?
  [ $rc = 2 ] || fail "$n: exit $rc, expected 2"
  grep -q "$n: no output directory can be named after this file; give one with -o DIR" "$tmp/err" || { cat "$tmp/err"; fail "$n message"; }
done
[ "$(ls -A "$tmp/cwd/results")" = "$(printf '.a.b.lock\n.a.c.lock\na.b\na.c')" ] || fail "results/ holds $(ls -A "$tmp/cwd/results")"

# --per-rep estimates replications.csv (about 14 kB a replication here)
# and refuses, before any replication, a run the disk cannot hold.
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$tmp/small"
  mount -t tmpfs -o size=2m tmpfs "$tmp/small" && mounted="$tmp/small"
  timeout 20 $S run $F -n 1000 -j 1 -q --per-rep -o "$tmp/small/r" > /dev/null 2> "$tmp/err"; rc=$?
  [ $rc = 1 ] || fail "--per-rep on a small disk: exit $rc"
  grep -q "^specsim: --per-rep: replications.csv would take about .* MB free for $tmp/small/r" "$tmp/err" || { cat "$tmp/err"; fail "message"; }
  [ -z "$(ls -A "$tmp/small" | grep -v '^\.r\.lock$')" ] || fail "a refused run wrote"
  $S run $F -n 20 -j 1 -q --per-rep -o "$tmp/small/r" > /dev/null || fail "20 replications fit in 2 MB"
  est=$(sed -n 's/.*(\([0-9.]*\) kB for each.*/\1/p' "$tmp/err")
  act=$(stat -c %s "$tmp/small/r/replications.csv")
  python3 -c 'import sys; e, a = float(sys.argv[1]) * 1e3, int(sys.argv[2]) / 20
assert a <= e <= 1.3 * a, (e, a)' "$est" "$act" || fail "estimate $est kB against $act bytes for 20"
  umount "$tmp/small"; mounted=""
else
  echo "skipped the --per-rep disk estimate: needs root to mount a small tmpfs"
fi
[ $failed = 0 ] || { echo "$failed checks failed"; exit 1; }
echo ok
