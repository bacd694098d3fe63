"""Notebook 01 follows the original Python notebook cell by cell, and runs."""

import re
from pathlib import Path

import nbformat
import pytest

from project import ROOT

import notebooks as tool

ORIGINAL = ROOT.parent / "shared" / "original" / "uds-vs-tcp.md"
NOTEBOOK = ROOT / "notebooks" / "01-uds-vs-tcp.ipynb"


def original_sequence():
    """Headings and code cells of the rendered original, in order.

    In the rendering, a markdown heading stands alone between blank lines; a '#' comment inside a
    code cell never does (the next line is code), which tells the two apart.
    """
    if not ORIGINAL.exists():
        pytest.skip(f"the original notebook is not beside the project ({ORIGINAL})")
    lines = ORIGINAL.read_text().splitlines()
    seq = []
    for i, line in enumerate(lines):
        if m := re.match(r"^In \[(\d+)\]:", line):
            seq.append(f"In [{m.group(1)}]")
        elif re.match(r"^#{1,6} \S", line):
            before = lines[i - 1].strip() if i > 0 else ""
            after = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if before == "" and after == "":
                seq.append(line.strip())
    return seq


def java_sequence(nb):
    """Headings of the markdown cells and the original label of each code cell, in order."""
    seq = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if cell.source.startswith(tool.NAV_MARK):
                continue
            seq += [l.strip() for l in cell.source.splitlines() if re.match(r"^#{1,6} \S", l)]
        else:
            seq.append(cell.metadata.get("uds_vs_tcp", {}).get("original", "<code cell without an original>"))
    return seq


def test_the_original_parses_into_its_known_shape():
    seq = original_sequence()
    assert seq[0] == "# Unix Domain Sockets vs TCP"
    assert seq.count("In [68]") == 1 and seq[-1] == "# Results"
    assert len([s for s in seq if s.startswith("In [")]) == 9


def test_cells_pair_with_the_original_by_heading_and_order():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert java_sequence(nb) == original_sequence()


def test_the_header_image_comes_first():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first = next(c for c in nb.cells if not c.source.startswith(tool.NAV_MARK))
    assert "../header.jpg" in first.source


def _text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def test_notebook_01_runs_and_prints_what_the_original_printed(execute_notebook, tmp_path):
    nb, code = execute_notebook(NOTEBOOK.name)
    assert code == 0, "notebook 01 produced error output (see the log above)"
    by_label = {c.metadata.get("uds_vs_tcp", {}).get("original"): c for c in nb.cells if c.cell_type == "code"}
    assert "host computer: 127.0.0.1" in _text(by_label["In [89]"])
    for server, client, stop in (("In [89]", "In [90]", "In [91]"), ("In [95]", "In [96]", "In [97]")):
        assert "Server ready" in _text(by_label[server])
        received = re.search(r"Received (\d+) messages\.", _text(by_label[client]))
        assert received and int(received.group(1)) > 0, _text(by_label[client])
        assert "smoke test" in _text(by_label[client])  # the quick profile labels its numbers
        assert "server is alive: false" in _text(by_label[stop])
        assert "client is alive: false" in _text(by_label[stop])


def test_notebook_01_leaves_no_socket_file(execute_notebook):
    execute_notebook(NOTEBOOK.name)
    assert not Path("/tmp/uds_test").exists()
