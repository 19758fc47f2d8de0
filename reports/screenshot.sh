#!/usr/bin/env bash
# Renders a Vigil HTML report in headless Chromium and saves a PNG: a check that the page a
# person opens looks right. Usage: reports/screenshot.sh REPORT.html OUT.png
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 REPORT.html OUT.png" >&2
  exit 2
fi
html="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -f "$html" ] || { echo "screenshot: no such file: $1" >&2; exit 2; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "screenshot: Chromium is not installed; on Debian: apt-get install -y chromium" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1300,1600 --screenshot="$2" "file://$html" >/dev/null 2>&1
[ -s "$2" ] || { echo "screenshot: Chromium wrote no image" >&2; exit 1; }
echo "screenshot: $2"
