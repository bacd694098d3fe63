#!/usr/bin/env bash
# Renders the README's cost plot, docs/cost-per-kib.png, from a results CSV with cost columns
# (default results/costs.csv, made by the command in the README), through headless chromium.
# Needs the built notebook jar (make build), jshell (JDK) and Debian's chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
csv=$(readlink -f "${1:-$root/results/costs.csv}")
jar="$root/lib/notebook/target/uds-vs-tcp.jar"
[ -f "$csv" ] || { echo "make-cost-plot: no results file $csv" >&2; exit 1; }
[ -f "$jar" ] || { echo "make-cost-plot: $jar is missing: run make build" >&2; exit 1; }
mkdir -p "$root/build/docs"
html="$root/build/docs/cost-per-kib.html"
jshell --class-path "$jar" -R-Dcsv="$csv" -R-Dout="$html" "$root/tools/docs/cost-plot.jsh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --hide-scrollbars --user-data-dir="$tmp/profile" --window-size=1000,470 \
  --virtual-time-budget=5000 --screenshot="$root/docs/cost-per-kib.png" "file://$html" 2>/dev/null
echo "wrote $root/docs/cost-per-kib.png from $csv"
