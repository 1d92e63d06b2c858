# The report of a scenario with a risk section in headless Chromium: the
# section "Is it worth it?" with a sentence per policy and its figure, all
# seven figures decoded, no console error; a screenshot of the section is
# written to tests/out/report_risk.png. The comparison CSV carries the
# risk columns, and a scenario without a risk section none of them.
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. tests/chromium.sh
$S run tests/data/small_risk.yaml -n 3 -q -o "$tmp/r" > /dev/null 2>&1 || exit 1
for f in worth.csv worth.gp worth.svg worth.png; do
  [ -s "$tmp/r/figures/$f" ] || { echo "no figures/$f"; exit 1; }
done
grep -q '^toolbox,net_benefit_npv,,mean,' "$tmp/r/summary.csv" || { echo "no net benefit in summary.csv"; exit 1; }
grep -q '^baseline,net_benefit_npv' "$tmp/r/summary.csv" && { echo "baseline has a net benefit"; exit 1; }
$S run tests/data/small_risk.yaml -n 3 -q --format csv -o "$tmp/c" > "$tmp/cmp.csv" 2>/dev/null || exit 1
head -1 "$tmp/cmp.csv" | grep -q ',net_benefit_npv_mean,' || { echo "no risk columns in the comparison"; head -1 "$tmp/cmp.csv"; exit 1; }
$S run tests/data/small.yaml -n 2 -q --format csv -o "$tmp/o" > "$tmp/old.csv" 2>/dev/null || exit 1
grep -q 'net_benefit' "$tmp/old.csv" "$tmp/o/summary.csv" && { echo "risk metrics without a risk section"; exit 1; }
# the new metrics and figure do not depend on the thread count
$S run tests/data/small_risk.yaml -n 4 -j 1 -q -o "$tmp/j1" > /dev/null 2>&1 || exit 1
$S run tests/data/small_risk.yaml -n 4 -j 2 -q -o "$tmp/j2" > /dev/null 2>&1 || exit 1
for f in summary.csv figures/worth.csv figures/worth.gp report.html; do
  cmp "$tmp/j1/$f" "$tmp/j2/$f" || { echo "$f differs by thread count"; exit 1; }
done
url="file://$(cd "$tmp/r" && pwd)/report.html"
chromium_dom "$url" "$tmp/dom.html"
python3 - "$tmp/dom.html" <<'PY' || exit 1
import re, sys
dom = open(sys.argv[1]).read()
body = re.search(r'<body[^>]*>', dom).group(0)
want = int(re.search(r'data-figures-expected="(\d+)"', body).group(1))
got = re.search(r'data-figures-loaded="(\d+)"', body)
assert want == 7, body
assert got and int(got.group(1)) == want, body
assert 'class="broken"' not in dom
sec = re.search(r'<section id="worth">(.*?)</section>', dom, re.S)
assert sec, "no section worth"
assert '<h2>Is it worth it?</h2>' in sec.group(1)
assert '<figure id="fig-worth">' in sec.group(1)
for pol in ("mitigation", "cap35", "toolbox", "ban"):
    assert re.search(r'<b>%s</b> (pays for itself|does not lower)' % pol, sec.group(1)), pol
PY
chromium_shot "$url#worth" tests/out/report_risk.png 3000
echo ok
