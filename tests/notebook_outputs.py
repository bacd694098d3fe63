"""Reading an executed notebook's outputs, for the notebook tests (one copy, shared by all of them)."""


def rich_outputs(nb):
    """Every display_data / execute_result output, in cell order."""
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "data" in o]


def stdout(nb):
    """Everything the notebook printed to standard output, concatenated."""
    return "".join(o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type == "stream" and o.name == "stdout")


def tables(nb):
    """The text/plain of every table shown (plots carry a table too, and are left out)."""
    return [o["data"]["text/plain"] for o in rich_outputs(nb)
            if "<table" in o["data"]["text/html"] and "udsvstcp-figure" not in o["data"]["text/html"]]


def plots(nb):
    """Every plot output (the charts library wraps each in a udsvstcp-figure element)."""
    return [o for o in rich_outputs(nb) if "udsvstcp-figure" in o["data"]["text/html"]]


def assert_every_rich_output_has_html_and_text(nb):
    """Each rich output carries HTML and a non-empty text/plain fallback."""
    outputs = rich_outputs(nb)
    assert outputs
    for out in outputs:
        assert {"text/html", "text/plain"} <= set(out["data"]), out["data"].keys()
        assert out["data"]["text/plain"].strip()
