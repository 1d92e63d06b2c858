# Usage errors exit with 2 and say what was expected.
set -u
S=$SPECSIM
expect() { # expected-code command...
  want=$1; shift
  out=$("$@" 2>&1); got=$?
  if [ "$got" != "$want" ]; then echo "expected exit $want, got $got: $*"; echo "$out"; exit 1; fi
  printf '%s\n' "$out"
}
expect 2 $S | grep -q "a command is required" || exit 1
expect 2 $S frobnicate | grep -q "unknown command 'frobnicate'" || exit 1
expect 2 $S run | grep -q "scenario FILE is required" || exit 1
expect 2 $S run tests/data/small.yaml -n 0 | grep -q -- "-n 0: expected" || exit 1
expect 2 $S run tests/data/small.yaml -j x | grep -q -- "-j x: expected" || exit 1
expect 2 $S run tests/data/small.yaml --seed -3 | grep -q -- "--seed -3: expected" || exit 1
expect 2 $S run tests/data/small.yaml --bogus | grep -q "unknown option '--bogus'" || exit 1
expect 2 $S lp tests/data/small.yaml -o /tmp/x.lp | grep -q "needs --policy" || exit 1
expect 2 $S lp tests/data/small.yaml --policy nope -o /tmp/x.lp | grep -q "no such policy" || exit 1
expect 1 $S run /nonexistent/file.yaml -q | grep -q "/nonexistent/file.yaml" || exit 1
expect 0 $S --help | grep -q "specsim run FILE" || exit 1
expect 0 $S --version | grep -q "^specsim " || exit 1
echo ok
