"""The exported HTML (nbconvert 7, tools/notebooks.py report), opened in headless Chromium with
networking disabled, shows what a reader needs; the landing page says what each notebook found."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from project import BUILD, KERNEL_NAME, ROOT

import notebooks as tool

SCREENSHOTS = BUILD / "screenshots"
REPORT = BUILD / "test-report"
EXPORTED = ("00-index.ipynb", "01-uds-vs-tcp.ipynb", "02-repeated-trials.ipynb")

# The report is made from the project kernel's runs only (make run's), not once per kernel.
pytestmark = pytest.mark.parametrize("kernel_name", [KERNEL_NAME], scope="session")


@pytest.fixture(scope="module")
def report(execute_notebook):
    if not (ROOT / "node_modules" / "playwright-core").exists():
        pytest.fail("playwright-core is not installed: run `npm ci` (make test does)")
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed (tools/install-deps.sh installs it)")
    for name in EXPORTED:
        execute_notebook(name)
    if REPORT.exists():
        shutil.rmtree(REPORT)  # ours (build/test-report): a stale page must not pass for a new one
    assert tool.report(BUILD / "test-notebooks" / KERNEL_NAME, REPORT) == 0
    return REPORT


def render(html, *args):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / ("report-" + html.stem + ".png")
    result = subprocess.run(
        ["node", str(ROOT / "tools" / "browser" / "render-check.mjs"), str(html),
         "--screenshot", str(shot), "--offline", *args],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert shot.stat().st_size > 10_000
    return result.stdout


class _Lists(HTMLParser):
    """Every <ol>/<ul> of a page, each as the list of its items' links (href, text)."""

    def __init__(self):
        super().__init__()
        self.lists, self._open, self._link = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("ol", "ul"):
            self._open.append([])
        elif tag == "li" and self._open:
            self._open[-1].append([])
        elif tag == "a" and self._open and self._open[-1]:
            self._link = [dict(attrs).get("href", ""), ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self._open[-1][-1].append(tuple(self._link))
            self._link = None
        elif tag in ("ol", "ul") and self._open:
            self.lists.append(self._open.pop())


def test_the_exported_index_shows_its_contents_as_a_list_of_links(report):
    page = (report / "00-index.html").read_text()
    parser = _Lists()
    parser.feed(page)
    notebooks = [p for p in tool.notebook_paths()[1:]]
    expected = [(p.stem + ".html", tool.title_of(__import__("nbformat").read(p, as_version=4))) for p in notebooks]
    contents = [[links[0] for links in items if links] for items in parser.lists]
    assert expected in contents, contents
    assert not re.search(r"\]\([0-9][0-9]-[^)]*\.ipynb\)", page), "markdown links left as raw text"


def test_long_code_lines_wrap_instead_of_being_cut_off(report):
    page = (report / "02-repeated-trials.html").read_text()
    assert re.search(r"\.jp-InputArea-editor pre[^{]*\{[^}]*white-space:\s*pre-wrap", page)
    assert re.search(r"\.jp-OutputArea-output\s*\{[^}]*overflow-x:\s*auto", page)


def test_the_landing_page_shows_the_header_each_notebook_and_the_machine(report):
    page = (report / "index.html").read_text()
    assert 'src="data:image/jpeg;base64,' in page  # the header, inside the page
    for html_page in ("00-index.html", "01-uds-vs-tcp.html", "02-repeated-trials.html"):
        assert f'href="{html_page}"' in page
    assert re.search(r"Received \d+ messages\.", page)  # what 01 found, under TCP and UDS
    assert "TCP:" in page and "UDS:" in page
    assert re.search(r"For 64 B messages UDS moved [\d.]+x the bytes per second of TCP", page)  # 02's closing line
    for field in ("cpu:", "kernel:", "jvm:", "pinning:"):
        assert field in page
    assert "quick profile" in page
    assert "error output" not in page
    render(report / "index.html", "--expect-images", "1")


def test_notebook_01_shows_the_header_image_offline(report):
    render(report / "01-uds-vs-tcp.html", "--expect-images", "1")


def test_the_report_draws_the_html_of_plots_that_also_carry_plotlys_json(report, execute_notebook):
    # Each plot output holds text/html and application/vnd.plotly.v1+json; nbconvert has no
    # renderer for the JSON type and must keep the HTML, whose script draws with the embedded Plotly.
    nb, _ = execute_notebook("02-repeated-trials.ipynb")
    plots = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert len(plots) == 6 and all("udsvstcp-figure" in o["data"]["text/html"] for o in plots)
    page = (report / "02-repeated-trials.html").read_text()
    assert page.count('class="udsvstcp-figure"') == 6
    assert "vnd.plotly" not in page  # not dumped as text beside the plot


def test_notebook_02_renders_every_plot_offline(report):
    out = render(report / "02-repeated-trials.html", "--expect-plots", "6")
    assert "6" in out
