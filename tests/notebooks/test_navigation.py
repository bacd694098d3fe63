"""The previous | contents | next lines and the index's contents are generated, never typed."""

import subprocess
import sys

import nbformat

from project import ROOT

import notebooks as tool


def test_navigation_is_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "notebooks.py"), "nav", "--check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_a_hand_edited_navigation_line_is_reported_stale(tmp_path, monkeypatch):
    # copy the series, break one nav line, and expect the check to name that notebook
    for path in tool.notebook_paths():
        (tmp_path / path.name).write_text(path.read_text())
    victim = sorted(tmp_path.glob("*.ipynb"))[-1]
    nb = nbformat.read(victim, as_version=4)
    nb.cells[0].source = nb.cells[0].source.replace("Contents", "Table of contents")
    nbformat.write(nb, victim)
    monkeypatch.setattr(tool, "NOTEBOOKS", tmp_path)
    assert tool.nav(check=True) == 1


def test_every_notebook_links_the_index_at_top_and_bottom():
    for path in tool.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        for cell in (nb.cells[0], nb.cells[-1]):
            assert cell.source.startswith(tool.NAV_MARK), path.name
            assert "[Contents](00-index.ipynb)" in cell.source, path.name


def test_notebooks_are_committed_without_outputs():
    for path in tool.notebook_paths():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name} has outputs"
