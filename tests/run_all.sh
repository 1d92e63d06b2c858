#!/usr/bin/env bash
# Run every cmocka test binary in BUILD/tests, those in SMALL/tests (built
# with the small test limits) when given, and the command-line tests, then
# print one closing line "N passed, N failed".
set -u
build=${1:-build}
small=${2:-}
pass=0; fail=0; failed=()
mkdir -p tests/out
for t in "$build"/tests/test_* ${small:+"$small"/tests/test_*}; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  [ -n "$small" ] && [ "$(dirname "$(dirname "$t")")" = "$small" ] && name="small-limits/$name"
  log="tests/out/${name//\//_}.log"
  if "$t" > "$log" 2>&1; then
    n=$(grep -c '^\[       OK \]' "$log")
    pass=$((pass + n))
    echo "ok    $name ($n tests)"
  else
    n_ok=$(grep -c '^\[       OK \]' "$log")
    n_bad=$(grep -c '^\[  FAILED  \]' "$log")
    [ "$n_bad" -gt 0 ] || n_bad=1
    pass=$((pass + n_ok)); fail=$((fail + n_bad)); failed+=("$name")
    echo "FAIL  $name"; tail -n 30 "$log"
  fi
done
for t in tests/cli/*.sh; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .sh)
  start=$SECONDS
  if SPECSIM="$build/specsim" bash "$t" > "tests/out/cli_$name.log" 2>&1; then
    pass=$((pass + 1)); echo "ok    cli/$name ($((SECONDS - start)) s)"
  else
    fail=$((fail + 1)); failed+=("cli/$name")
    echo "FAIL  cli/$name"; tail -n 30 "tests/out/cli_$name.log"
  fi
done
echo
[ ${#failed[@]} -eq 0 ] || echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
