#!/usr/bin/env bash
# Installs, from Debian's packages, what this project needs that PyPI cannot give and the machine lacks:
# the JDK, Maven, gcc and the C library's headers, make, util-linux (taskset), Chromium and its driver for the browser tests,
# clang, libbpf's headers, bpftool and iproute2 for the tcp-sockmap and tcp-veth transports, and a Python 3.9+ with venv. Jupyter, and Node 22 for playwright-core (Debian 12's Node 18 is too old
# for it), come from PyPI (requirements.txt, into build/venv). Quiet and quick when everything is
# there; uses sudo when not root.
set -euo pipefail

declare -A want=(
  [java]=openjdk-17-jdk-headless
  [javac]=openjdk-17-jdk-headless
  [mvn]=maven
  [make]=make
  [cc]=gcc
  [taskset]=util-linux
  [chromium]=chromium
  [chromedriver]=chromium-driver
  # notebook 03 samples the kernel with perf (linux-perf)
  [perf]=linux-perf
)

missing=()
for cmd in "${!want[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${want[$cmd]}")
done
# gcc without recommends has no C library headers (fidelity's C helpers include stdio.h, dlfcn.h).
[ -e /usr/include/dlfcn.h ] || missing+=(libc6-dev)
# A Python 3.9+ that can make a virtual environment (Debian's python3 needs python3-venv for that).
if ! "$(dirname "$0")/check-python.sh" "${PYTHON:-python3}" >/dev/null 2>&1; then
  missing+=(python3 python3-venv)
fi

# Notebook 06's real servers and their C tools (issue 12). Debian keeps PostgreSQL's server binaries
# and pgbench off the PATH, in /usr/lib/postgresql/<version>/bin; the library looks there itself.
# pgbench ships in postgresql-<version>, the package postgresql pulls in.
{ ls /usr/lib/postgresql/*/bin/postgres && ls /usr/lib/postgresql/*/bin/pgbench; } >/dev/null 2>&1 ||
  command -v postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-tools)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)

# The tcp-sockmap and tcp-veth transports (issue 21, docs/transports.md): `make` builds the BPF program with
# clang against libbpf's headers and the kernel's uapi headers (linux-libc-dev, with libc6-dev above);
# the library loads it with bpftool and makes namespaces and veth links with ip. Both live in /usr/sbin,
# which a user's PATH may lack.
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/bpf/bpf_helpers.h ] || missing+=(libbpf-dev)
[ -e /usr/include/linux/bpf.h ] || missing+=(linux-libc-dev)
command -v bpftool >/dev/null 2>&1 || [ -x /usr/sbin/bpftool ] || missing+=(bpftool)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || missing+=(iproute2)

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | grep -v '^$' | sort -u)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
