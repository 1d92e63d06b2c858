# The known answers of tests/test_agg.c are what tests/agg_known.py
# computes: regenerate them and compare with the committed fixture.
set -u
PY=/usr/bin/python3
$PY -c 'import numpy, scipy.stats' || { echo "python3-numpy and python3-scipy not found (make test-deps installs them)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
$PY tests/agg_known.py > "$tmp/agg_known.h" || exit 1
if ! cmp -s "$tmp/agg_known.h" tests/data/agg_known.h; then
  echo "tests/data/agg_known.h differs from what tests/agg_known.py writes:"
  diff "$tmp/agg_known.h" tests/data/agg_known.h | head -20
  echo "regenerate it: $PY tests/agg_known.py > tests/data/agg_known.h"
  exit 1
fi
echo ok
