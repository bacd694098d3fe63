#!/usr/bin/env bash
# Takes the committed reference runs of one machine: notebooks/reference/<machine>-<yyyy>-<mm>/.
#
#   tools/reference-runs.sh DIR [03] [04] --note TEXT [--replace]
#
#   DIR      notebooks/reference/<machine>-<yyyy>-<mm>, one directory per machine and time,
#            e.g. notebooks/reference/amd-epyc-2026-12
#   03       notebook 03's stream sweep (Experiment 1)          -> DIR/03-message-sizes.csv
#   04       notebook 04's 64 B round trips (Experiment 1)      -> DIR/04-round-trips.csv
#            (neither named: both)
#   --note   the machine's state while it ran, in words ("quiet: nothing else ran on it", "busy:
#            other builds and tests ran on it"); required, because it changes the numbers
#   --replace  overwrite a reference file that is already there (otherwise refused)
#
# Each run is `make bench ARGS='run ...'` in the teaching profile with notebook 03's or 04's settings
# and a fixed seed. The CSV's `#` header (the machine: cpu, kernel, jvm, ...) gets two more lines:
# `note:` (what the run is, and TEXT) and `command:` (this script's command line and the make bench
# one). docs/reference-runs.md describes the layout; org.udsvstcp.bench.reference.ReferenceRuns lists it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
die() { echo "reference-runs: $*" >&2; exit 2; }

dir="" note="" replace="" runs=()
while [ $# -gt 0 ]; do
  case "$1" in
    03|04) runs+=("$1") ;;
    --note) [ $# -ge 2 ] || die "--note needs a text"; note="$2"; shift ;;
    --replace) replace=1 ;;
    -h|--help) sed -n '2,/^[^#]/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$dir" ] || die "one directory only (got $dir and $1)"; dir="$1" ;;
  esac
  shift
done
[ -n "$dir" ] || die "name the directory, e.g. notebooks/reference/amd-epyc-2026-12 (see --help)"
[ -n "$note" ] || die "--note is required: say whether the machine was quiet or busy"
[ ${#runs[@]} -gt 0 ] || runs=(03 04)
name="$(basename "$dir")"
[[ "$name" =~ ^[a-z0-9]+(-[a-z0-9]+)*-[0-9]{4}-[0-9]{2}$ ]] \
  || die "directory name '$name' is not <machine>-<yyyy>-<mm>, e.g. amd-epyc-2026-12"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

quoted="'${note//\'/\'\\\'\'}'"   # single-quoted for a shell, as typed
invocation="tools/reference-runs.sh ${dir#"$root"/} ${runs[*]} --note $quoted"
partial=""
trap '[ -z "$partial" ] || rm -f "$partial"' EXIT

for run in "${runs[@]}"; do
  case "$run" in
    03) file=03-message-sizes.csv what="notebook 03's stream sweep (Experiment 1)"
        args="run --workload stream --transports tcp,uds,uds-junix,tcp-classic --sizes 16,64,256,1k,4k,16k,64k,256k,1m --duration 200ms --trials 10 --warmup 2 --placement same-core --seed 13" ;;
    04) file=04-round-trips.csv what="notebook 04's 64 B round trips (Experiment 1)"
        args="run --workload pingpong --transports tcp,uds,uds-junix,tcp-classic --sizes 64 --round-trips 20000 --trials 10 --warmup 2 --placement same-core --seed 13" ;;
  esac
  target="$dir/$file"
  [ ! -e "$target" ] || [ -n "$replace" ] || die "$target exists: choose another directory, or --replace"
  partial="$dir/.$file.partial"
  make -C "$root" --no-print-directory PROFILE=teaching bench ARGS="$args --out $partial"
  {
    head -n 1 "$partial"
    echo "# note: the reference run of $what, on $name: $note"
    echo "# command: $invocation (that is: make bench ARGS='$args --out ${target#"$root"/}')"
    tail -n +2 "$partial"
  } > "$target"
  rm -f "$partial"
  partial=""
  echo "reference-runs: wrote $target"
done
