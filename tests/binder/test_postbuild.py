"""postBuild, Binder's build step, runs end to end on a fresh copy of the project and builds the notebooks' jar.

The copy holds exactly what git would commit from the working tree (tracked and new, not ignored,
files), so no build output of ours or anyone else's is reused, and the working tree's own lib/*/target
is never touched. Maven resolves from the machine's ~/.m2 (and Maven Central), as Binder resolves from
Maven Central. Debian's Jupyter stands in for conda's: postBuild itself needs none.
"""

import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from project import ROOT

POSTBUILD = ROOT / "postBuild"


def _copy_of_what_git_would_commit(target):
    listing = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True, timeout=60,
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the working tree, or a submodule
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    for command in ("git", "mvn", "java", "bash"):
        if not shutil.which(command):
            pytest.fail(f"{command} is not installed (tools/install-deps.sh installs it)")
    repo = tmp_path_factory.mktemp("binder") / "repo"
    repo.mkdir()
    _copy_of_what_git_would_commit(repo)
    assert not (repo / "lib" / "notebook" / "target").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER_", "UDS_VS_TCP_"))}
    result = subprocess.run(["bash", "postBuild"], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=900)
    return repo, result


def test_postbuild_is_an_executable_bash_script_that_stops_at_the_first_error():
    text = POSTBUILD.read_text()
    assert text.startswith("#!/usr/bin/env bash\n") or text.startswith("#!/bin/bash\n")
    assert "set -euo pipefail" in text
    assert POSTBUILD.stat().st_mode & stat.S_IXUSR, "repo2docker runs postBuild only when it is executable"


def test_postbuild_runs_to_the_end_on_a_fresh_copy(built):
    _, result = built
    assert result.returncode == 0, result.stdout + result.stderr
    assert "postBuild: built lib/notebook/target/uds-vs-tcp.jar" in result.stdout


def test_the_jar_it_builds_holds_what_the_first_cells_import(built):
    repo, result = built
    jar = repo / "lib" / "notebook" / "target" / "uds-vs-tcp.jar"
    assert jar.is_file(), result.stdout + result.stderr
    with zipfile.ZipFile(jar) as archive:
        names = set(archive.namelist())
    for needed in ("org/udsvstcp/bench/Profile.class", "org/udsvstcp/notebook/Show.class",
                   "org/udsvstcp/charts/Charts.class", "org/newsclub/net/unix/AFUNIXSocket.class",
                   "tech/tablesaw/api/Table.class"):
        assert needed in names, f"{needed} is not in {jar.name}"


def test_every_notebooks_first_cell_loads_the_jar_postbuild_builds(built):
    repo, _ = built
    notebooks = sorted((repo / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert notebooks
    for notebook in notebooks:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        if not code:
            continue  # the index has no code
        first = "".join(code[0]["source"]).splitlines()[0]
        assert first.startswith("%jars "), f"{notebook.name}: first code line is {first!r}"
        jar = (notebook.parent / first.split(None, 1)[1].strip()).resolve()
        assert jar == (repo / "lib" / "notebook" / "target" / "uds-vs-tcp.jar").resolve(), notebook.name
        assert jar.is_file()
