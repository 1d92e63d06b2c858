# figures and report: the default scenario writes figures/ (data, scripts,
# SVG, PNG) and report.html; every SVG is well-formed XML; figure data and
# scripts are byte-identical for 1 and 2 threads; without gnuplot the run
# still succeeds, says so once, and leaves data and scripts.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
figs="coverage cost delta hrv_share risk operators"
# the default scenario has a risk section: its report adds "worth"
dfigs="$figs worth"
$S run scenarios/default.yaml -n 4 -q -o "$tmp/d" > "$tmp/d.txt" 2> "$tmp/d.err" || { cat "$tmp/d.err"; exit 1; }
for f in $dfigs; do
  for x in csv gp svg png; do
    [ -s "$tmp/d/figures/$f.$x" ] || { echo "missing figures/$f.$x"; exit 1; }
  done
done
[ -s "$tmp/d/report.html" ] || { echo "missing report.html"; exit 1; }
ls -a "$tmp/d" "$tmp/d/figures" | grep -q '\.tmp' && { echo "temporary file left behind"; exit 1; }
python3 - "$tmp/d" $dfigs <<'PY' || exit 1
import sys, xml.etree.ElementTree as ET
d, figs = sys.argv[1], sys.argv[2:]
for f in figs:
    root = ET.parse(f"{d}/figures/{f}.svg").getroot()
    assert root.tag.endswith("svg"), (f, root.tag)
    with open(f"{d}/figures/{f}.png", "rb") as p:
        assert p.read(8) == b"\x89PNG\r\n\x1a\n", f
html = open(f"{d}/report.html").read()
for f in figs:
    assert f'id="fig-{f}"' in html, f
assert html.count("data:image/svg+xml;base64,") == len(figs)
for s in ["Comparison of policies", "How to read this", "Caveats",
          "What was assumed", "scenario SHA-256", "ban2027", "huawei",
          "Is it worth it?"]:
    assert s in html, s
PY
# thread count changes nothing but the manifest
$S run tests/data/small.yaml -n 5 -j 1 -q -o "$tmp/a" > /dev/null 2>&1 || exit 1
$S run tests/data/small.yaml -n 5 -j 2 -q -o "$tmp/b" > /dev/null 2>&1 || exit 1
for f in $figs; do
  for x in csv gp; do
    cmp "$tmp/a/figures/$f.$x" "$tmp/b/figures/$f.$x" || { echo "figures/$f.$x differs by thread count"; exit 1; }
  done
done
cmp "$tmp/a/report.html" "$tmp/b/report.html" || { echo "report.html differs by thread count"; exit 1; }
# no gnuplot on the PATH: success, one message, data and scripts only
case $S in /*) abs=$S ;; *) abs=$PWD/$S ;; esac
PATH=/nonexistent "$abs" run tests/data/small.yaml -n 2 -q -o "$tmp/n" > /dev/null 2> "$tmp/n.err"
rc=$?
cat "$tmp/n.err"
[ $rc = 0 ] || { echo "run failed without gnuplot: $rc"; exit 1; }
[ "$(grep -c 'gnuplot not found' "$tmp/n.err")" = 1 ] || { echo "expected one message about gnuplot"; exit 1; }
for f in $figs; do
  [ -s "$tmp/n/figures/$f.csv" ] && [ -s "$tmp/n/figures/$f.gp" ] || { echo "missing data or script of $f"; exit 1; }
  [ ! -e "$tmp/n/figures/$f.svg" ] || { echo "$f.svg without gnuplot?"; exit 1; }
done
grep -q "gnuplot was not installed" "$tmp/n/report.html" || exit 1
# the scripts are editable and render on their own
(cd "$tmp/n/figures" && gnuplot cost.gp) || exit 1
[ -s "$tmp/n/figures/cost.svg" ] || exit 1
echo ok
