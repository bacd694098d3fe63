#!/usr/bin/env bash
# Starts JupyterLab 4 for a reader, from the project's build/venv (`make venv`), with the project's
# Java kernel (build/jupyter, from `make kernel`; JJava is there too, as "Java (JJava)"), listening
# on 127.0.0.1 only, and prints the URL of the index notebook with its token. It serves the project's
# root, as Binder does, so the notebooks' ../lib/... and ../header.jpg resolve. Notebook 7 is in the
# same venv: open /tree instead of /lab in that URL.
#   PORT=8899 tools/lab.sh     a port of your choice (default: the first free one from 8888)
#   JUPYTER_TOKEN=...          a token of your choice (default: a fresh random one)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export JUPYTER_PATH="${JUPYTER_PATH:-$root/build/jupyter}"
lab="$root/build/venv/bin/jupyter-lab"
if [ ! -x "$lab" ]; then
  echo "lab: no JupyterLab at $lab: run \`make venv\` (or \`make lab\`, which does)" >&2
  exit 1
fi

kernelspec="${JUPYTER_PATH%%:*}/kernels/java/kernel.json"
if [ ! -f "$kernelspec" ]; then
  echo "lab: no Java kernel at $kernelspec: run \`make kernel\` (or \`make lab\`, which does)" >&2
  exit 1
fi

# A port is taken when something on 127.0.0.1 accepts a connection there.
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -n "${PORT:-}" ]; then
  port="$PORT"
  if in_use "$port"; then
    echo "lab: port $port on 127.0.0.1 is in use; choose another, e.g. PORT=8899 make lab" >&2
    exit 1
  fi
else
  port=8888
  while in_use "$port"; do
    port=$((port + 1))
    if [ "$port" -gt 8988 ]; then
      echo "lab: ports 8888-8988 on 127.0.0.1 are all in use; choose one with PORT=..." >&2
      exit 1
    fi
  done
fi

# In the environment, not on the command line, where any local user could read it with ps.
export JUPYTER_TOKEN="${JUPYTER_TOKEN:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}"

page="lab/tree/notebooks/00-index.ipynb"
args=(--no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 --ServerApp.root_dir="$root")
# Jupyter refuses to run as root unless told; containers and CI often are root.
[ "$(id -u)" -ne 0 ] || args+=(--allow-root)

echo "lab: starting JupyterLab $("$lab" --version) with the project's Java kernel on 127.0.0.1 only (Ctrl-C twice stops it); open"
echo "  http://127.0.0.1:$port/$page?token=$JUPYTER_TOKEN"
exec "$lab" "${args[@]}"
