# Headless Chromium for the report tests (tests/cli/report_*.sh), sourced
# with $tmp set: chromium_dom URL DOM dumps the page's DOM after its
# scripts ran and fails on a console error; chromium_shot URL PNG HEIGHT
# writes a 1280-pixel-wide screenshot. Chromium is required: CI installs
# it (make deps).
command -v chromium > /dev/null || { echo "chromium is not installed (Debian package chromium; make deps installs it)"; exit 1; }
chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
        --disable-background-networking --disable-component-update --disable-sync)
chromium_dom() {
  timeout 120 "${chrome[@]}" --user-data-dir="$(mktemp -d -p "$tmp")" \
    --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "$1" \
    > "$2" 2> "$tmp/console.txt" || { echo "chromium failed"; tail "$tmp/console.txt"; exit 1; }
  if grep -E "CONSOLE|Uncaught|SyntaxError|ReferenceError|TypeError" "$tmp/console.txt"; then
    echo "console errors in $1"; exit 1
  fi
}
chromium_shot() {
  mkdir -p "$(dirname "$2")"
  timeout 120 "${chrome[@]}" --user-data-dir="$(mktemp -d -p "$tmp")" --hide-scrollbars \
    --window-size=1280,"$3" --screenshot="$2" "$1" \
    > /dev/null 2>&1 || { echo "screenshot failed"; exit 1; }
  [ -s "$2" ] || { echo "no screenshot"; exit 1; }
  echo "screenshot: $2"
}
