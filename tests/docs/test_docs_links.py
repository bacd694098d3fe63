"""Every relative link of the README, docs/*.md and the notebooks' markdown names a file that exists,
and every #anchor a heading of its target (GitHub's ids); external links are listed, not fetched.
The checker (tools/docs_check.py) is shown to fail on a small bad example of each kind."""

import docs_check as check


def test_every_relative_link_and_anchor_resolves():
    files = check.default_files()
    assert check.README in files and any(f.suffix == ".ipynb" for f in files)
    assert len([f for f in files if f.parent.name == "docs"]) >= 5, "the reference pages are there"
    problems, external = check.check_links(files)
    assert problems == [], "\n".join(problems)
    print(f"{len(external)} external links, not fetched:\n" + "\n".join(external))
    assert all(" http" in e or " mailto:" in e for e in external)


def test_the_readme_links_every_docs_page():
    linked = {u.split("#")[0] for u in check.links(check.README)}
    for page in sorted((check.ROOT / "docs").glob("*.md")):
        assert f"docs/{page.name}" in linked, f"README.md does not link docs/{page.name}"


def test_slugs_follow_githubs_rules():
    assert check.github_slug("How close to C? (make fidelity)") == "how-close-to-c-make-fidelity"
    assert check.github_slug("Bring your own IJava or JJava") == "bring-your-own-ijava-or-jjava"
    assert check.github_slug("What each message costs: the cost columns") == "what-each-message-costs-the-cost-columns"
    assert check.github_slug("Set-up: `make run`") == "set-up-make-run"
    assert check.github_slug("Über  two spaces_and_underscores") == "über--two-spaces_and_underscores"


def test_the_checker_reports_a_missing_file_a_missing_anchor_and_lists_external_links(tmp_path):
    (tmp_path / "target.md").write_text("# Target\n\n## A section: with `code`\n\n## A section: with `code`\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n"
        "[ok](target.md#a-section-with-code) [ok too](target.md#a-section-with-code-1) [self](#page)\n"
        "[gone](missing.md) [no such heading](target.md#nowhere) [bad self](#nowhere-here)\n"
        "![picture](img/missing.png) [out](https://example.org/x)\n\n"
        "`[not a link](nothing.md)`\n\n```\n[nor this](nothing.md)\n```\n")
    problems, external = check.check_links([page])
    assert len(problems) == 4, problems
    assert any("missing.md: no such file" in p for p in problems)
    assert any("target.md#nowhere: no heading #nowhere in" in p for p in problems)
    assert any("#nowhere-here: no heading #nowhere-here in" in p for p in problems)
    assert any("img/missing.png: no such file" in p for p in problems)
    assert len(external) == 1 and external[0].endswith("page.md: https://example.org/x"), external


def test_notebook_markdown_is_checked_with_jupyterlabs_heading_ids_too(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## 2.1 Small messages\n\n[up](#2.1-Small-messages)"),
                                         nbformat.v4.new_markdown_cell("[gone](03-nothing.ipynb)")])
    path = tmp_path / "00-x.ipynb"
    nbformat.write(nb, path)
    problems, _ = check.check_links([path])
    assert problems == [f"{path}: 03-nothing.ipynb: no such file {tmp_path / '03-nothing.ipynb'}"], problems
