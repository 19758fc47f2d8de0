#!/usr/bin/env bash
# Renders a Vigil HTML report in headless Chromium and saves a PNG: a check that the page a
# person opens looks right.
# Usage: reports/screenshot.sh [--section ID] [--size WIDTHxHEIGHT] REPORT.html OUT.png
#   --section ID   show only that section (verdict, cases, coverage, throughput, violations): a
#                  violation's timeline sits below the fold, and Chromium only captures the window
#   --size WxH     the window, default 1300x1600
set -euo pipefail
me=reports/screenshot.sh
usage="usage: $me [--section ID] [--size WIDTHxHEIGHT] REPORT.html OUT.png"
section=""
size="1300x1600"
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) echo "$usage"; exit 0 ;;
    --section|--size)
      [ $# -ge 2 ] || { echo "$me: $1 needs a value; $usage" >&2; exit 2; }
      if [ "$1" = --section ]; then section="$2"; else size="$2"; fi
      shift 2 ;;
    -*) echo "$me: unknown option '$1'; $usage" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -ne 2 ]; then
  echo "$usage" >&2
  exit 2
fi
[[ "$size" =~ ^[1-9][0-9]*x[1-9][0-9]*$ ]] || { echo "$me: --size must look like 1300x1600, not '$size'" >&2; exit 2; }
case "$section" in
  ""|verdict|cases|coverage|throughput|violations) ;;
  *) echo "$me: unknown section '$section'; the sections are verdict, cases, coverage, throughput, violations" >&2; exit 2 ;;
esac
[ -f "$1" ] || { echo "$me: no such file: $1" >&2; exit 2; }
out_dir=$(dirname "$2")
[ -d "$out_dir" ] || { echo "$me: the folder of $2 does not exist" >&2; exit 2; }
out="$(cd "$out_dir" && pwd)/$(basename "$2")"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "$me: Chromium is not installed; on Debian: apt-get install -y chromium" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [ -n "$section" ]; then
  # The page is self-contained (inline CSS and SVG), so a copy with the other sections hidden
  # renders the same.
  html="$work/page.html"
  sed "s|</style>|section:not(#$section) { display: none; }\n</style>|" "$1" > "$html"
fi
# An image left by an earlier run must not pass for this one.
rm -f "$out"
if ! "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size="${size/x/,}" --screenshot="$out" "file://$html" >"$work/chromium.log" 2>&1 || [ ! -s "$out" ]; then
  grep -v -e 'dbus' -e '^$' "$work/chromium.log" | tail -n 5 >&2 || true
  echo "$me: Chromium wrote no image" >&2
  exit 1
fi
echo "screenshot: $out"
