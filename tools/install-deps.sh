#!/usr/bin/env bash
# Installs, from Debian's packages, whatever this project needs and the machine lacks.
# Quiet and quick when everything is there; uses sudo when not run as root.
set -euo pipefail

declare -A want=(
  [java]=openjdk-17-jdk-headless
  [javac]=openjdk-17-jdk-headless
  [mvn]=maven
  [make]=make
  [cc]=gcc
  [taskset]=util-linux
  [jupyter-notebook]=jupyter-notebook
  [jupyter-nbconvert]=jupyter-nbconvert
  [jupyter-execute]=python3-nbclient
  [chromium]=chromium
  [chromedriver]=chromium-driver
  [node]=nodejs
  [npm]=npm
  # issue 13: notebook 03 samples the kernel with perf (linux-perf)
  [perf]=linux-perf
)
declare -A pymod=(
  [jupyter_kernel_test]=python3-jupyter-kernel-test
  [pytest]=python3-pytest
  [nbclient]=python3-nbclient
  [nbconvert]=jupyter-nbconvert
  [yaml]=python3-yaml
)

missing=()
for cmd in "${!want[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${want[$cmd]}")
done
for mod in "${!pymod[@]}"; do
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $mod" >/dev/null 2>&1 || missing+=("${pymod[$mod]}")
done
# node and npm may come from another repository (nodesource); only ask Debian for npm when node is absent too.
if command -v node >/dev/null 2>&1 && ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: node is installed without npm; install npm for that node" >&2
  exit 1
fi
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/npm/}")
fi

# Notebook 06's real servers and their C tools (issue 12). Debian keeps PostgreSQL's server binaries
# and pgbench off the PATH, in /usr/lib/postgresql/<version>/bin; the library looks there itself.
# pgbench ships in postgresql-<version>, the package postgresql pulls in.
{ ls /usr/lib/postgresql/*/bin/postgres && ls /usr/lib/postgresql/*/bin/pgbench; } >/dev/null 2>&1 ||
  command -v postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-tools)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | grep -v '^$' | sort -u)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" python3-yaml >/dev/null
