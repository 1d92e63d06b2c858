# report.html in headless Chromium: it loads without console errors, every
# figure is present and decoded, and a screenshot is written to
# tests/out/report.png. Chromium is required: CI installs it (make deps).
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. tests/chromium.sh
$S run tests/data/small.yaml -n 4 -q -o "$tmp/r" > /dev/null 2>&1 || exit 1
url="file://$(cd "$tmp/r" && pwd)/report.html"
chromium_dom "$url" "$tmp/dom.html"
python3 - "$tmp/dom.html" <<'PY' || exit 1
import re, sys
dom = open(sys.argv[1]).read()
body = re.search(r'<body[^>]*>', dom).group(0)
want = int(re.search(r'data-figures-expected="(\d+)"', body).group(1))
got = re.search(r'data-figures-loaded="(\d+)"', body)
assert want == 6, body
assert got and int(got.group(1)) == want, body
assert len(re.findall(r'<figure id="fig-', dom)) == want
assert 'class="broken"' not in dom
PY
chromium_shot "$url" tests/out/report.png 4000
echo ok
