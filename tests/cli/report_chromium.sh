# report.html in headless Chromium: it loads without console errors, every
# figure is present and decoded, and a screenshot is written to
# tests/out/report.png. Chromium is required: CI installs it (make deps).
set -u
S=$SPECSIM
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
command -v chromium > /dev/null || { echo "chromium is not installed (Debian package chromium; make deps installs it)"; exit 1; }
$S run tests/data/small.yaml -n 4 -q -o "$tmp/r" > /dev/null 2>&1 || exit 1
url="file://$(cd "$tmp/r" && pwd)/report.html"
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
        --disable-background-networking --disable-component-update --disable-sync)
timeout 120 "${chrome[@]}" --user-data-dir="$(mktemp -d -p "$tmp")" \
  --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "$url" \
  > "$tmp/dom.html" 2> "$tmp/console.txt" || { echo "chromium failed"; tail "$tmp/console.txt"; exit 1; }
if grep -E "CONSOLE|Uncaught|SyntaxError|ReferenceError|TypeError" "$tmp/console.txt"; then
  echo "console errors in report.html"; exit 1
fi
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
mkdir -p tests/out
timeout 120 "${chrome[@]}" --user-data-dir="$(mktemp -d -p "$tmp")" --hide-scrollbars \
  --window-size=1280,4000 --screenshot=tests/out/report.png "$url" \
  > /dev/null 2>&1 || { echo "screenshot failed"; exit 1; }
[ -s tests/out/report.png ] || { echo "no screenshot"; exit 1; }
echo "screenshot: tests/out/report.png"
echo ok
