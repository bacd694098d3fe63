#!/usr/bin/env bash
# Renders header.svg (the series banner) to the top-level header.jpg: 1200x400, JPEG, well under 200 KB.
# Needs Debian's chromium and imagemagick. Run from anywhere: tools/header/make-header.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../header.jpg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --hide-scrollbars --user-data-dir="$tmp/profile" --window-size=1200,400 \
  --screenshot="$tmp/header.png" "file://$here/header.svg" 2>/dev/null
/usr/bin/convert "$tmp/header.png" -strip -interlace Plane -quality 86 "$out"
echo "wrote $out ($(stat -c %s "$out") bytes)"
