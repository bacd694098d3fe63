#!/usr/bin/env bash
# Renders the README's answer figure, docs/answer.png, from the committed reference runs
# (notebooks/reference/, the figure notebook 00 shows), through headless chromium.
# Needs the built notebook jar (make build), jshell (JDK) and Debian's chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/lib/notebook/target/uds-vs-tcp.jar"
[ -f "$jar" ] || { echo "make-answer-plot: $jar is missing: run make build" >&2; exit 1; }
mkdir -p "$root/build/docs"
html="$root/build/docs/answer.html"
jshell --class-path "$jar" -R-Dreferences="$root/notebooks/reference" -R-Dout="$html" "$root/tools/docs/answer-plot.jsh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --hide-scrollbars --user-data-dir="$tmp/profile" --window-size=1000,470 \
  --virtual-time-budget=5000 --screenshot="$root/docs/answer.png" "file://$html" 2>/dev/null
echo "wrote $root/docs/answer.png from $root/notebooks/reference"
