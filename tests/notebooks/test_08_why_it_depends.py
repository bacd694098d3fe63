"""Notebook 08 prints the machine completely, profiles the kernel's time by category (or says why it
cannot, and shows the committed references), fits the per-call plus per-byte model and compares hosts
category by category, in the quick profile."""

import json
import re

import notebook_outputs as nbout
from project import ROOT

NAME = "08-why-it-depends.ipynb"


def test_the_machine_is_printed_completely_with_its_mitigations_in_one_line(execute_notebook):
    nb, code = execute_notebook(NAME)
    assert code == 0
    text = nbout.stdout(nb)
    for label in ("cpu id:", "hypervisor:", "mitigations:", "boot options:", "clocksource:", "timer:",
                  "tcp congestion:"):
        assert re.search(rf"^{label}\s+\S", text, re.M), label
    assert not re.search(r"^vulnerability ", text, re.M), "the notebook shows one line of mitigations"
    assert re.search(r"^timer:\s+\d+ Hz \(|^timer:\s+unknown \(", text, re.M)


def test_the_kernel_profile_is_checked_against_the_cost_columns_or_says_why_not(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    if "no profile of this machine: " in text:
        assert re.search(r"no profile of this machine: \S.+", text)
        return
    assert "perf can sample the kernel here" in text
    assert re.search(r"^\S*perf record -e cpu-clock -c \d+ -g --kernel-callchains .* (-C \d+|-t \d+,\d+) ", text, re.M)
    assert re.search(r"samples x period and the cost columns' system time agree within 10% in \d of 6 profiles", text)
    for transport in ("tcp", "uds"):
        for size in ("64 B", "4 KiB", "64 KiB"):
            assert re.search(rf"^{transport} +{size} +[0-9.]+% of the kernel time moved to its callers", text, re.M)
    check = next(t for t in nbout.tables(nb) if t.startswith("kernel time per message: samples x period"))
    assert "perf_kernel_ns" in check and "cost_system_ns" in check and "(6 rows" in check
    categories = next(t for t in nbout.tables(nb) if t.startswith("time per message by category (ns, both ends) (10 rows × 7"))
    for label in ("system call entry and exit", "mitigation code", "copying to and from user memory", "the TCP/IP path",
                  "the Unix-socket path", "socket buffers and memory", "scheduler and wake-ups", "everything else",
                  "user space (the JVM)"):
        assert label in categories, label
    for size in ("64 B", "4 KiB", "64 KiB"):
        assert re.search(rf"^{size}: tcp spends \S+ [nu]?s (more|less) per message than uds .*; more in .+; less in ", text, re.M), size


def test_this_machine_is_set_beside_every_reference_category_by_category(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    references = sorted(p.name for p in (ROOT / "notebooks" / "reference").iterdir() if (p / "03-message-sizes.csv").exists())
    assert "intel-xeon-2026-12" in references and "amd-epyc-2026-12" in references
    for name in references:
        assert re.search(rf"\b{re.escape(name)}: \S", text), name
        assert re.search(rf"^  TCP's cost per 64 KiB message minus UDS's is [+-]\S+ [nu]?s here and [+-]\S+ [nu]?s on {re.escape(name)}",
                         text, re.M), name
    # The Intel run has no profile: the notebook says so instead of guessing.
    assert re.search(r"lacks: .*no kernel profile \(08-kernel-profile\.csv\)", text), text
    assert re.search(r"where the difference of [+-]\S+ [nu]?s goes is missing: intel-xeon-2026-12 has no kernel profile", text)
    stacks = [p for p in nbout.plots(nb) if p["data"]["text/plain"].startswith("time per message by category (both ends, from kernel samples")]
    assert len(stacks) == 2, "small sizes and 64 KiB"
    figure = stacks[1]["data"]["application/vnd.plotly.v1+json"]
    assert figure["layout"]["barmode"] == "stack" and "amd-epyc-2026-12" in json.dumps(figure)
    assert "the TCP/IP path" in [trace.get("name") for trace in figure["data"]]


def test_the_model_predicts_the_ratio_from_two_sizes_and_says_where_it_misses(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    curve = next(p for p in nbout.plots(nb) if p["data"]["text/plain"].startswith("ratio by message size"))
    assert "predicted from 64 B and 64 KiB" in curve["data"]["text/html"]
    assert "measured" in curve["data"]["text/html"]
    # the model's table is the plot's text form
    assert "uds/tcp throughput ratio: predicted from 64 B and 64 KiB vs measured (9 rows" in curve["data"]["text/plain"]
    assert re.search(r"^fixed plus per-byte, fitted at 64 B and 64 KiB, predicts the uds/tcp ratio within 10% at .+; it misses at .+$",
                     text, re.M)


def test_the_conclusions_are_computed_and_labelled_smoke_only(execute_notebook):
    nb, _ = execute_notebook(NAME)
    text = nbout.stdout(nb)
    assert re.search(r"^The UDS/TCP ratio at 64 KiB is [0-9.]+x here, on .+\(.+\)\.  \(quick profile", text, re.M)
    if "no profile of this machine: " not in text:
        assert re.search(r"At 64 B the largest parts of TCP's extra cost are .+; at 64 KiB .+\.$", text, re.M)
        assert re.search(r"^system call entry and exit: \S+ [nu]?s to \S+ [nu]?s per call", text, re.M)
    assert "smoke test only" in text


def test_the_sweep_is_saved_with_the_whole_machine_in_its_header(execute_notebook):
    execute_notebook(NAME)
    head = [line for line in (ROOT / "results" / "08-message-sizes.csv").read_text().splitlines() if line.startswith("#")]
    assert head[0] == "# uds-vs-tcp results"
    assert any(line.startswith("# mitigations:") for line in head)
    assert any(line.startswith("# vulnerability spectre_v2:") for line in head) or not (
        __import__("pathlib").Path("/sys/devices/system/cpu/vulnerabilities/spectre_v2").exists())


def test_where_perf_cannot_sample_it_says_why_and_shows_the_references(kernel_installed, monkeypatch, tmp_path):
    import nbformat

    import notebooks as tool
    from project import KERNEL_NAME

    # The library counts the machine as one where perf cannot sample (KernelProfile.PERF_SWITCH).
    monkeypatch.setenv("UDS_VS_TCP_PERF", "off")
    assert tool.execute(tmp_path, [NAME], timeout=600, kernel=KERNEL_NAME) == 0, "no cell fails"
    nb = nbformat.read(tmp_path / NAME, as_version=4)
    text = nbout.stdout(nb)
    assert "no profile of this machine: UDS_VS_TCP_PERF=off: told not to sample" in text
    assert "where it goes is missing: this run has no kernel profile at 64 KiB" in text
    stacks = [p for p in nbout.plots(nb) if p["data"]["text/plain"].startswith("time per message by category (both ends")]
    assert stacks and all("this run" not in p["data"]["text/html"] for p in stacks)
    assert all("amd-epyc-2026-12" in p["data"]["text/html"] for p in stacks), "the committed reference's profile"
    assert re.search(r"fixed plus per-byte, fitted at 64 B and 64 KiB, predicts", text), "the model needs no perf"
