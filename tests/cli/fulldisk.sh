# A full disk: on small tmpfs filesystems of growing size, a first run
# and then a second into the same directory either succeed with a whole
# set, or fail with exit 1 and a message naming what could not be written,
# leaving the directory absent (first run) or the first run's set whole
# (second run), and nothing beside it but the lock file. gnuplot exits 0
# after it fails to write a picture, so the sizes are chosen fine enough
# that some run fills the disk while gnuplot draws: that run must fail
# too, never keep a cut SVG or an empty PNG. Needs root to mount; skipped
# otherwise.
set -u
if [ "$(id -u)" != 0 ]; then
  echo "skipped: mounting a small tmpfs needs root"
  exit 0
fi
S=$(realpath "$SPECSIM")
F=$(realpath tests/data/small.yaml)
tmp=$(mktemp -d)
disk="$tmp/disk"
mkdir -p "$disk" "$tmp/cache"
cleanup() { mountpoint -q "$disk" && umount "$disk"; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL (tmpfs of ${size}k): $*"; cat "$tmp/err"; exit 1; }
whole() { python3 tests/resultset.py "$1" "$S" "$F" "$tmp/cache" || fail "$2"; }
done_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["replications_done"])' "$1/manifest.json"; }
declare -A seen
for size in $(seq 100 100 1700); do
  mount -t tmpfs -o size=${size}k tmpfs "$disk" || exit 1
  for n in 2 3; do
    $S run $F -n $n -j 1 -q -o "$disk/r" > /dev/null 2> "$tmp/err"; rc=$?
    if [ $rc = 0 ]; then
      seen[ok]=1
      whole "$disk/r" "a run that succeeded left a broken set"
      [ "$(done_of "$disk/r")" = $n ] || fail "exit 0 but not the new set"
    else
      [ $rc = 1 ] || fail "exit $rc, expected 1"
      grep -q "results not written, any earlier ones kept: .*\(No space left on device\|empty or cut\)" "$tmp/err" || fail "no clear message"
      grep -q "empty or cut" "$tmp/err" && seen[gnuplot]=1
      if [ $n = 2 ] || [ ! -e "$disk/r" ]; then
        [ ! -e "$disk/r" ] || fail "a failed first run left a directory"
      else
        seen[kept]=1
        whole "$disk/r" "the old set was damaged"
        [ "$(done_of "$disk/r")" = 2 ] || fail "the old set was replaced"
      fi
    fi
    # A failed run keeps its checkpoint journal beside the directory, so
    # that --resume, once space is freed, computes nothing again; a run
    # that succeeded removes it.
    keep='^\.r\.lock$'
    [ $rc = 0 ] || keep='^\.r\.\(lock\|journal\)$'
    left=$(ls -A "$disk" | grep -v '^r$' | grep -v "$keep")
    [ -z "$left" ] || fail "left on the disk: $left"
  done
  umount "$disk"
done
[ -n "${seen[gnuplot]:-}" ] || { echo "no size filled the disk while gnuplot drew"; exit 1; }
[ -n "${seen[kept]:-}" ] || { echo "no size failed a second run over a whole first set"; exit 1; }
[ -n "${seen[ok]:-}" ] || { echo "no size was large enough for a run"; exit 1; }
echo ok
