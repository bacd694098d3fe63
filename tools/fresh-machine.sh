#!/usr/bin/env bash
# Runs CI (`.ci/run`) on a fresh Debian 12: a debootstrap'd bookworm in a chroot, with nothing
# installed by hand, so whatever the project needs must come from .ci/run and tools/install-deps.sh.
#
#   sudo tools/fresh-machine.sh [REV]     REV: a commit or branch of this repository (default: HEAD)
#   sudo tools/fresh-machine.sh --prepare only debootstrap and cache the pristine root
#
# It debootstraps bookworm once and keeps a pristine tarball of it in $FRESH_DIR (default
# /var/tmp/uds-vs-tcp-fresh, outside the repository), so a rerun starts from a clean root in seconds.
# Each run unpacks that tarball into a new root, copies a clean clone of REV to /work/main and the
# shared folder (../shared beside the project) read-only to /work/shared, binds the root onto itself (a VM's "/" is
# a mount point), mounts /proc, /sys (and tracefs), /dev,
# /dev/pts and /dev/shm, and runs `CI=true bash .ci/run` inside as root. It prints the last lines of
# the log and the elapsed time, and unmounts everything on exit, also on failure or Ctrl-C.
#   MIRROR=http://...        the Debian mirror (default: the first one in /etc/apt/sources.list*)
#   SHARED=/path/to/shared   the shared folder (default: ../shared beside the repository)
#   KEEP=1                   keep the root after the run (default: removed when the run passed)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
prepare=""
[ "${1:-}" != --prepare ] || { prepare=1; shift; }
rev="${1:-HEAD}"
fresh="${FRESH_DIR:-/var/tmp/uds-vs-tcp-fresh}"
shared="${SHARED:-$repo/../shared}"
pristine="$fresh/bookworm-pristine.tar.gz"

die() { echo "fresh-machine: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount, chroot): run it with sudo"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
[ -d "$shared" ] || die "no shared folder at $shared (set SHARED=...)"
case "$fresh" in "$repo"|"$repo"/*) die "FRESH_DIR must be outside the repository" ;; esac
commit="$(git -C "$repo" rev-parse --verify "$rev^{commit}")" || die "no commit or branch '$rev' in $repo"

# The machine's own apt mirror for Debian's main archive (not security, not third-party repositories).
mirror="${MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$({ cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true; } \
    | sed -nE 's/^URIs:[[:space:]]*(\S+).*/\1/p; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?(\S+)[[:space:]]+bookworm[[:space:]].*/\2/p' \
    | grep -E '/debian/?$' | head -n1 || true)"
fi
[ -n "$mirror" ] || die "found no Debian mirror in /etc/apt/sources.list*; set MIRROR=http://deb.debian.org/debian"

mkdir -p "$fresh"
if [ ! -s "$pristine" ]; then
  echo "fresh-machine: debootstrap bookworm from $mirror (once; cached in $pristine)"
  tmp="$fresh/debootstrap.$$"
  rm -rf "$tmp"
  # The default variant (Debian's required and important packages) is what a new Debian 12 VM has;
  # git and ca-certificates are what its user needed to clone the project.
  debootstrap --include=ca-certificates,git bookworm "$tmp" "$mirror" >"$fresh/debootstrap.log" 2>&1 \
    || { tail -n 20 "$fresh/debootstrap.log" >&2; rm -rf "$tmp"; die "debootstrap failed (log: $fresh/debootstrap.log)"; }
  # Only the main archive is configured in a bare debootstrap; a fresh VM has updates and security too.
  cat >"$tmp/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian*}/debian-security bookworm-security main
EOF
  tar -C "$tmp" -czf "$pristine.part" .
  mv "$pristine.part" "$pristine"
  rm -rf "$tmp"
fi
[ -z "$prepare" ] || { echo "fresh-machine: pristine root cached in $pristine"; exit 0; }

root="$fresh/root.$(date +%Y%m%d-%H%M%S)"
log="$root.log"
mounted=()
cleanup() {
  local status=$?
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || echo "fresh-machine: could not unmount ${mounted[$i]}" >&2
  done
  if findmnt -rn -o TARGET | grep -qF "$root/"; then
    echo "fresh-machine: mounts left under $root; not removing it" >&2
  elif [ "$status" -eq 0 ] && [ -z "${KEEP:-}" ]; then
    rm -rf "$root"
  elif [ -d "$root" ]; then
    echo "fresh-machine: kept $root for a look (remove it with rm -rf)" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$root"
tar -C "$root" -xzf "$pristine"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The network's trust, like its DNS: certificate authorities this machine added locally (e.g. an
# egress proxy's) go in before anything is installed, so Java's, Python's and Node's TLS trust them
# too (ca-certificates-java builds the JDK's cacerts from /etc/ssl/certs). Nothing else of the host.
if [ "${NETWORK_CA:-1}" != 0 ] && compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" /usr/sbin/update-ca-certificates >/dev/null
fi
ca=/etc/ssl/certs/ca-certificates.crt

bind() { # bind SRC DST [ro]
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mounted+=("$2")
  [ "${3:-}" != ro ] || mount -o remount,bind,ro "$2"
}
# A Debian VM's root directory is a mount point; a chroot's is a plain directory, where a new mount
# namespace cannot change the propagation of "/" (unshare --propagation, ip netns exec say "Invalid
# argument"). Bind the root onto itself first (unmounted last), as the VM has it.
mount --bind "$root" "$root" && mounted+=("$root")
mount --make-private "$root" # what is mounted under it stays out of the host's own mount points
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
mount -t sysfs sysfs "$root/sys" && mounted+=("$root/sys")
# A Debian VM's systemd mounts tracefs (perf's scheduler tracepoints need it); so does this machine.
if [ -d "$root/sys/kernel/tracing" ]; then
  mount -t tracefs nodev "$root/sys/kernel/tracing" && mounted+=("$root/sys/kernel/tracing")
fi
bind /dev "$root/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" && mounted+=("$root/dev/pts")
mount -t tmpfs -o mode=1777 shm "$root/dev/shm" && mounted+=("$root/dev/shm")

# A clean clone of the commit (no work tree leftovers, no build/), and ../shared beside it.
mkdir -p "$root/work"
git clone -q --no-local "$repo" "$root/work/main"
git -C "$root/work/main" checkout -q --detach "$commit"
mkdir -p "$root/work/shared"
cp -a "$shared/." "$root/work/shared/"
bind "$root/work/shared" "$root/work/shared" ro

echo "fresh-machine: running CI on $(git -C "$repo" log -1 --format='%h %s' "$commit" | cut -c1-80)"
echo "fresh-machine: root $root, log $log"
started=$(date +%s)
status=0
# env -i: the chroot gets none of this machine's environment (pyenv, pip's find-links, proxies).
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 TERM=dumb CI=true SSL_CERT_FILE=$ca PIP_CERT=$ca REQUESTS_CA_BUNDLE=$ca NODE_EXTRA_CA_CERTS=$ca \
  /bin/bash -c 'cd /work/main && bash .ci/run' >"$log" 2>&1 || status=$?
elapsed=$(($(date +%s) - started))
echo "----- last lines of $log -----"
tail -n "${LINES_SHOWN:-25}" "$log"
echo "-----"
printf 'fresh-machine: .ci/run exited %d after %dm%02ds\n' "$status" $((elapsed / 60)) $((elapsed % 60))
exit "$status"
