# uds-vs-tcp: two commands do everything on a fresh machine.
#   make run    build, set up Jupyter and the kernel, execute the notebooks headless, write the report
#   make test   every test: the library's, the kernel's, the notebooks' and the browser's
# Everything generated lands in build/ (and results/ for benchmark CSV files).

SHELL        := /bin/bash
.SHELLFLAGS  := -euo pipefail -c
PY           := /usr/bin/python3
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

.PHONY: run test build deps kernel install-kernel bench fidelity lab nav clean

run: build kernel node_modules
	$(PY) tools/notebooks.py execute --out build/notebooks
	$(PY) tools/notebooks.py report --in build/notebooks --out build/report
	@echo "report: build/report/index.html"

test: deps build kernel node_modules
	$(PY) tools/check-leftovers.py snapshot
	$(MVN) verify
	node --test tools/browser/
	$(PY) -m pytest -p no:cacheprovider -q tests
	$(PY) tools/check-leftovers.py check

deps:
	@tools/install-deps.sh

build: deps
	$(MVN) package -DskipTests

kernel: build
	"$(JAVA)" -jar $(KERNEL_JAR) install --prefix build/jupyter

# For readers who want the kernel in their own Jupyter (~/.local/share/jupyter/kernels/java).
install-kernel: build
	"$(JAVA)" -jar $(KERNEL_JAR) install --user

node_modules: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch node_modules

# e.g. make bench ARGS='run --workload stream --transports tcp,uds --sizes 64,64k --trials 10'
bench: build
	"$(JAVA)" -jar $(NOTEBOOK_JAR) $(ARGS)

# The harness against the C reference (../shared/tools/sockref) and sockperf, side by side.
fidelity: build
	$(PY) tools/fidelity.py $(ARGS)

# JupyterLab if installed, else the classic Notebook; loopback only; prints the URL with its token.
# PORT=8899 make lab picks the port (tests/browser/test_lab.py runs the same script).
lab: build kernel
	@tools/lab.sh

# Regenerates the previous | contents | next lines of every notebook (a test fails when they are stale).
nav:
	$(PY) tools/notebooks.py nav

clean:
	rm -rf build
	$(MVN) clean
