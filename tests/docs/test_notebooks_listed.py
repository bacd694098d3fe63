"""Every notebook of the series has a row in the README's notebooks table and a line in the layout of
docs/architecture.md; the check fails on a notebook that is missing from either."""

import docs_check as check


def test_every_notebook_is_in_the_readme_table_and_the_architecture_layout():
    names = [p.name for p in check.notebooks()]
    assert names and names[0] == "00-index.ipynb"
    assert check.unlisted_notebooks(names) == []


def test_a_notebook_missing_from_the_table_or_the_layout_is_named(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# R\n\n| notebook | what it teaches |\n|---|---|\n"
                      "| [00-index](notebooks/00-index.ipynb) | the index |\n"
                      "| [01-first](notebooks/01-first.ipynb) | the first |\n")
    architecture = tmp_path / "architecture.md"
    architecture.write_text("# A\n\n## Layout\n\n```\nnotebooks/\n  00-index.ipynb   the index\n"
                            "  02-second        the second, by its stem\n  07-other-thing-longer\n```\n")
    names = ["00-index.ipynb", "01-first.ipynb", "02-second.ipynb", "07-other.ipynb"]
    problems = check.unlisted_notebooks(names, readme, architecture)
    assert sorted(problems) == sorted([
        f"{readme}: the notebooks table has no row linking notebooks/02-second.ipynb",
        f"{readme}: the notebooks table has no row linking notebooks/07-other.ipynb",
        f"{architecture}: the layout does not list 01-first.ipynb",
        f"{architecture}: the layout does not list 07-other.ipynb",  # 07-other-thing-longer is another name
    ]), problems


def test_a_readme_without_the_table_or_a_layout_without_its_block_is_named(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# R\n\n| other | table |\n|---|---|\n| a | b |\n")
    architecture = tmp_path / "architecture.md"
    architecture.write_text("# A\n\n## Layout\n\nno block here\n")
    problems = check.unlisted_notebooks(["00-index.ipynb"], readme, architecture)
    assert f"{readme}: no table whose first column is 'notebook'" in problems
    assert f"{architecture}: no code block under a heading 'Layout'" in problems
