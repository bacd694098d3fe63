"""Runs the sample notebook of every magic and display function with nbclient, in a scratch dir."""

import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from project import KERNEL_NAME

NOTEBOOK = Path(__file__).with_name("sample-magics-and-display.ipynb")


def outputs_of(cell):
    return cell.get("outputs", [])


def test_the_sample_notebook_runs_every_magic_and_display_function_without_errors(tmp_path):
    notebook_path = tmp_path / NOTEBOOK.name
    shutil.copy(NOTEBOOK, notebook_path)
    notebook = nbformat.read(notebook_path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL_NAME,
        timeout=300,
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    errors = [
        "\n".join(o["traceback"])
        for c in code_cells
        for o in outputs_of(c)
        if o["output_type"] == "error"
    ]
    assert not errors, "\n\n".join(errors)

    def result(index):
        [output] = [o for o in outputs_of(code_cells[index]) if o["output_type"] == "execute_result"]
        return output["data"]["text/plain"]

    assert result(1) == "hello from a jar and 1"
    assert result(2) == "loaded by %load"
    assert result(3) == "InternalFutureFailureAccess 1"
    assert result(4) == "4.7.7"
    display_cell = outputs_of(code_cells[6])
    kinds = [o["output_type"] for o in display_cell]
    assert kinds.count("display_data") == 2
    assert any("six times seven is 42" in o.get("text", "") for o in display_cell), display_cell
    assert result(7) == "3"
    assert not (tmp_path / "sample-work").is_symlink()
    shutil.rmtree(tmp_path / "sample-work")
