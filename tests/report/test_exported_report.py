"""The exported HTML, opened in headless Chromium with networking disabled, shows what a reader needs."""

import shutil
import subprocess

import pytest

from project import BUILD, ROOT

import notebooks as tool

SCREENSHOTS = BUILD / "screenshots"
REPORT = BUILD / "test-report"


@pytest.fixture(scope="module")
def report(execute_notebook):
    if not (ROOT / "node_modules" / "playwright-core").exists():
        pytest.fail("playwright-core is not installed: run `npm ci` (make test does)")
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed (tools/install-deps.sh installs it)")
    for name in ("01-uds-vs-tcp.ipynb", "02-repeated-trials.ipynb"):
        execute_notebook(name)
    assert tool.report(BUILD / "test-notebooks", REPORT) == 0
    return REPORT


def render(html, *args):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / (html.stem + ".png")
    result = subprocess.run(
        ["node", str(ROOT / "tools" / "browser" / "render-check.mjs"), str(html),
         "--screenshot", str(shot), "--offline", *args],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert shot.stat().st_size > 10_000
    return result.stdout


def test_notebook_01_shows_the_header_image_offline(report):
    render(report / "01-uds-vs-tcp.html", "--expect-images", "1")


def test_notebook_02_renders_every_plot_offline(report):
    out = render(report / "02-repeated-trials.html", "--expect-plots", "6")
    assert "6" in out
