"""The README's answer quotes the committed reference runs: every ratio and time in its three findings
is one the library computes from notebooks/reference (as notebook 00 does), so a re-taken reference
run cannot leave the front page quoting the old one."""

import re

import docs_check as check
import notebooks as tool


def _answer_section():
    text = check.README.read_text()
    return text[text.index("## The answer"):text.index("\n## ", text.index("## The answer") + 1)]


def _quoted(text):
    """The ratios ("5.83x") and times ("12.8 µs") a text quotes, as the library prints them."""
    return re.findall(r"\b\d+\.\d+x\b", text) + [t.replace("µs", "us") for t in re.findall(r"\b\d+(?:\.\d+)? µs\b", text)]


def test_every_number_of_the_readmes_findings_is_the_librarys():
    findings = [line for line in _answer_section().splitlines() if line.startswith(("- ", "  "))]
    quoted = _quoted("\n".join(findings))
    assert len(quoted) >= 6, quoted
    computed = tool.answer("--references", tool.REFERENCES, "--text")
    for number in quoted:
        assert number in computed, f"README.md quotes {number}; the reference runs give:\n{computed}"


def test_the_check_catches_a_stale_number():
    assert _quoted("up to 5.83x at 1 MiB, 12.8 µs over UDS") == ["5.83x", "12.8 us"]
    computed = "UDS moved ... up to 4.10x at 1 MiB ... took 9.9 us over UDS"
    assert [n for n in _quoted("up to 5.83x, 12.8 µs") if n not in computed] == ["5.83x", "12.8 us"]


def test_the_caption_names_the_machines_of_the_reference_runs():
    section = _answer_section()
    for run in sorted(p.parent.name for p in tool.REFERENCES.glob("*/*.csv")):
        host = " ".join(run.split("-")[:-2])  # intel-xeon-2026-12 -> intel xeon
        assert host.lower() in section.lower(), f"the answer does not name the host of {run}"
        assert f"notebooks/reference/{run}/" in section, f"the answer does not link {run}"
