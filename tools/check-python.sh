#!/usr/bin/env bash
# Prints the path of a Python 3.9+ that can make a virtual environment, for `make` to build build/venv.
#   tools/check-python.sh [PYTHON]     PYTHON: the command to try first (default python3)
# Fails with what to install when there is none (python3, or Debian's python3-venv for `venv`).
set -euo pipefail
for candidate in "${1:-python3}" python3 python3.13 python3.12 python3.11 python3.10 python3.9; do
  path="$(command -v "$candidate" 2>/dev/null)" || continue
  "$path" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null || continue
  if ! "$path" -c 'import venv, ensurepip' 2>/dev/null; then
    echo "check-python: $path has no working venv (ensurepip is missing)." >&2
    echo "  On Debian or Ubuntu: sudo apt-get install python3-venv   (tools/install-deps.sh does this)" >&2
    echo "  Or put another Python 3.9+ first on PATH, or say which: make PYTHON=/path/to/python3.12 ..." >&2
    exit 1
  fi
  echo "$path"
  exit 0
done
echo "check-python: no Python 3.9 or newer on PATH (tried ${1:-python3}, python3.13 ... python3.9)." >&2
echo "  On Debian or Ubuntu: sudo apt-get install python3 python3-venv   (tools/install-deps.sh does this)" >&2
echo "  Or say which: make PYTHON=/path/to/python3.11 ..." >&2
exit 1
