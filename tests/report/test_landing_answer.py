"""The report's landing page leads with the series' answer: this run's UDS/TCP throughput ratio by
message size beside the committed reference runs, drawn offline, and three computed sentences; a
report without notebook 03 says so instead."""

import html
import re
import shutil
import subprocess

import pytest

from project import BUILD, KERNEL_NAME, ROOT

import notebooks as tool

SCREENSHOT = BUILD / "screenshots" / "report-index-answer.png"
ANSWERING = ("03-message-sizes.ipynb", "04-latency.ipynb")
pytestmark = pytest.mark.parametrize("kernel_name", [KERNEL_NAME], scope="session")


def _run_of(execute_notebook, names, run_dir):
    """A run of just these notebooks in run_dir (fresh), from the session's executions where their
    results files are still theirs, else executed again (another kernel's run may have rewritten
    results/ since)."""
    if run_dir.exists():
        shutil.rmtree(run_dir)  # ours: build/test-report-runs/...
    run_dir.mkdir(parents=True)
    for name in names:
        execute_notebook(name)
        shutil.copy(BUILD / "test-notebooks" / KERNEL_NAME / name, run_dir / name)
    answering = [n for n in names if n in ANSWERING]
    if answering and tool.answer_inputs(run_dir)[1]:
        assert tool.execute(run_dir, answering, timeout=600, kernel=KERNEL_NAME) == 0
    return run_dir


@pytest.fixture(scope="module")
def full_report(execute_notebook):
    run = _run_of(execute_notebook, ("00-index.ipynb",) + ANSWERING, BUILD / "test-report-runs" / "answer")
    args, notes = tool.answer_inputs(run)
    assert not notes, notes
    out = BUILD / "test-report-answer"
    if out.exists():
        shutil.rmtree(out)
    assert tool.report(run, out) == 0
    return out, args


@pytest.fixture(scope="module")
def subset_report(execute_notebook):
    run = _run_of(execute_notebook, ("00-index.ipynb", "01-uds-vs-tcp.ipynb"), BUILD / "test-report-runs" / "subset")
    out = BUILD / "test-report-subset"
    if out.exists():
        shutil.rmtree(out)
    assert tool.report(run, out) == 0
    return out


def _reference_sweeps():
    return sorted(d.name for d in tool.REFERENCES.iterdir() if (d / "03-message-sizes.csv").exists())


def test_the_landing_page_leads_with_the_answer_figure_and_its_sentences(full_report):
    out, args = full_report
    page = (out / "index.html").read_text()
    assert page.index("The answer of this run") < page.index("Each notebook") < page.index("The machine")
    answer = page[page.index("The answer of this run"):page.index("Each notebook")]
    assert answer.count('class="udsvstcp-plot"') == 1, "one figure"
    assert "name: 'this run'" in answer
    for run in _reference_sweeps():
        assert f"name: 'reference {run}'" in answer, run
    sentences = [html.unescape(s) for s in re.findall(r"<li>(.*?)</li>", answer)]
    assert len(sentences) == 2, sentences  # the throughput paragraph (two sentences) and the round trip
    assert re.match(r"Throughput \(notebook 03's sweep, this run\): UDS moved more bytes per second than TCP at "
                    r"(no size .+|.+, up to [0-9.]+x at \d+ [KM]?i?B \(95% CI [0-9.]+x to [0-9.]+x\))\. It did",
                    sentences[0]), sentences[0]
    assert re.match(r"Round trips \(notebook 04, this run\): A 64 B round trip, both ends pinned to one CPU \(same-core\),"
                    r" took [0-9.]+ [mun]?s over UDS and [0-9.]+ [mun]?s over TCP", sentences[1]), sentences[1]
    assert all("(quick profile: smoke test only" in s for s in sentences), "quick numbers say so"
    # the library computed them, from this run's results files (one copy of the logic)
    text = tool.answer("--run", *args, "--references", tool.REFERENCES, "--text")
    assert sentences == text.split("\n\n", 1)[1].strip().splitlines()
    assert "Where the numbers come from" in answer and "results/03-message-sizes.csv" in answer


def test_the_answer_figure_draws_offline(full_report):
    out, _ = full_report
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["node", str(ROOT / "tools" / "browser" / "render-check.mjs"), str(out / "index.html"),
         "--screenshot", str(SCREENSHOT), "--offline", "--expect-plots", "1", "--expect-images", "1"],
        capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 Plotly plot(s) rendered" in result.stdout, result.stdout
    assert "blocked request" not in result.stdout and "page error" not in result.stdout, result.stdout
    assert SCREENSHOT.stat().st_size > 10_000


def test_a_report_without_notebook_03_says_so_instead_of_a_figure(subset_report):
    page = html.unescape((subset_report / "index.html").read_text())
    answer = page[page.index("The answer of this run"):page.index("Each notebook")]
    assert "Notebook 03's sweep is not in this run, so there is no throughput figure from it." in answer
    assert "Notebook 04's round trips are not in this run." in answer
    assert "udsvstcp-plot" not in answer and "<script" not in answer
