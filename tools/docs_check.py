#!/usr/bin/env python3
"""Checks the project's markdown: links and anchors, and that every notebook is listed.

    build/venv/bin/python tools/docs_check.py [FILE...]

With no FILE it checks README.md, docs/*.md and the markdown cells of notebooks/*.ipynb:

- every relative link (and image) names a file or directory that exists, and every #anchor a
  heading of its target, by GitHub's rules for heading ids (lower case, punctuation dropped, spaces
  to hyphens, -1, -2, ... for repeats) or an explicit <a id|name="...">; in a notebook also by
  JupyterLab's (the heading text, spaces to hyphens);
- external links (http, https, mailto) are listed, not fetched;
- every notebooks/NN-*.ipynb has a row in the README's notebooks table and a line in the layout of
  docs/architecture.md.

It parses markdown with mistune (PyPI, pinned in requirements.txt: nbconvert's own parser), so links
inside code spans and code blocks are not links. Exit status 1 when something is broken. Run with the
project's Python, build/venv/bin/python; tests/docs runs the same functions.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import mistune

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
NOTEBOOK_TABLE_HEADER = "notebook"  # the first column of the README's table of notebooks
LAYOUT_HEADING = "Layout"  # the heading in docs/architecture.md above the layout's code block

_parse = mistune.create_markdown(renderer=None, plugins=["table", "url"])
_ANCHOR_ATTR = re.compile(r"""<a\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']""", re.I)


def default_files():
    """README.md, docs/*.md and notebooks/*.ipynb."""
    return [README] + sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / "notebooks").glob("*.ipynb"))


def markdown_of(path):
    """The markdown texts of a file: the file itself, or each markdown cell of a notebook."""
    path = Path(path)
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in nb.get("cells", []) if c.get("cell_type") == "markdown"]
    return [path.read_text(encoding="utf-8")]


def _walk(tokens):
    for token in tokens or []:
        yield token
        yield from _walk(token.get("children"))


def _text(tokens):
    """The text a reader sees of inline tokens (code spans keep their content, markup goes)."""
    out = []
    for token in tokens or []:
        if token["type"] in ("text", "codespan"):
            out.append(token.get("raw", ""))
        elif token["type"] in ("linebreak", "softbreak"):
            out.append(" ")
        elif token["type"] not in ("image", "inline_html"):
            out.append(_text(token.get("children")))
    return "".join(out)


def github_slug(text):
    """A heading's id on GitHub (github-slugger): lower case, every character that is not a letter,
    mark, number, connector (_), space or hyphen dropped, each space a hyphen."""
    kept = "".join(c for c in text.strip().lower()
                   if c in " -" or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pc")
    return kept.replace(" ", "-")


def headings(path):
    """Every heading's text in a file, in order."""
    found = []
    for text in markdown_of(path):
        for token in _walk(_parse(text)):
            if token["type"] == "heading":
                found.append(_text(token.get("children")).strip())
    return found


def anchors(path):
    """The ids a link can point at in a file: GitHub's heading slugs (repeats numbered), explicit
    <a id/name>, and in a notebook also JupyterLab's heading ids."""
    path = Path(path)
    ids, seen = set(), {}
    for text in headings(path):
        slug = github_slug(text)
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        ids.add(slug if n == 0 else f"{slug}-{n}")
        if path.suffix == ".ipynb":
            ids.add(text.replace(" ", "-"))
    for text in markdown_of(path):
        ids.update(_ANCHOR_ATTR.findall(text))
    return ids


def links(path):
    """Every link and image target in a file, in order (not those inside code)."""
    found = []
    for text in markdown_of(path):
        for token in _walk(_parse(text)):
            if token["type"] in ("link", "image"):
                found.append(token["attrs"]["url"])
    return found


def check_links(files):
    """(problems, external): each broken relative link as 'file: target: why', each external link
    as 'file: url'."""
    problems, external = [], []
    for path in map(Path, files):
        name = _name(path)
        for url in links(path):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto"):
                external.append(f"{name}: {url}")
                continue
            if parts.scheme or parts.netloc:
                problems.append(f"{name}: {url}: a link with scheme '{parts.scheme}' is neither relative nor http(s)")
                continue
            target = path if not parts.path else (
                ROOT / unquote(parts.path).lstrip("/") if parts.path.startswith("/")
                else path.parent / unquote(parts.path))
            if not target.exists():
                problems.append(f"{name}: {url}: no such file {_name(target)}")
                continue
            if parts.fragment:
                if target.is_dir() or target.suffix not in (".md", ".ipynb"):
                    problems.append(f"{name}: {url}: an anchor into {_name(target)}, which has no headings")
                elif unquote(parts.fragment) not in anchors(target):
                    problems.append(f"{name}: {url}: no heading #{parts.fragment} in {_name(target)}")
    return problems, external


def table_links(path, first_header):
    """The link targets in the rows of the first table of a markdown file whose first column is
    headed first_header."""
    for token in _walk(_parse(Path(path).read_text(encoding="utf-8"))):
        if token["type"] != "table":
            continue
        head, body = token["children"][0], token["children"][1:]
        cells = head["children"][0]["children"] if head["children"] and head["children"][0]["type"] == "table_row" \
            else head["children"]
        if not cells or _text(cells[0].get("children")).strip().lower() != first_header:
            continue
        return [t["attrs"]["url"] for part in body for t in _walk(part.get("children")) if t["type"] == "link"]
    return None


def code_block_under(path, heading):
    """The first code block after the heading named heading, or None."""
    under = False
    for token in _parse(Path(path).read_text(encoding="utf-8")):
        if token["type"] == "heading":
            under = _text(token.get("children")).strip() == heading
        elif under and token["type"] == "block_code":
            return token["raw"]
    return None


def notebooks():
    """notebooks/NN-*.ipynb, in order."""
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def unlisted_notebooks(names, readme=README, architecture=ARCHITECTURE):
    """Problems: each notebook file name of names that the README's notebooks table does not link
    (as notebooks/NAME) or the layout block of architecture does not name (as NAME or its stem)."""
    problems = [f"{_name(p)}: no such file" for p in (readme, architecture) if not Path(p).is_file()]
    if problems:
        return problems
    rows = table_links(readme, NOTEBOOK_TABLE_HEADER)
    if rows is None:
        problems.append(f"{_name(readme)}: no table whose first column is '{NOTEBOOK_TABLE_HEADER}'")
        rows = []
    layout = code_block_under(architecture, LAYOUT_HEADING)
    if layout is None:
        problems.append(f"{_name(architecture)}: no code block under a heading '{LAYOUT_HEADING}'")
        layout = ""
    linked = {unquote(urlsplit(u).path) for u in rows}
    for name in names:
        stem = Path(name).stem
        if f"notebooks/{name}" not in linked:
            problems.append(f"{_name(readme)}: the notebooks table has no row linking notebooks/{name}")
        if not re.search(rf"(?<![\w-]){re.escape(stem)}(\.ipynb)?(?![\w-])", layout):
            problems.append(f"{_name(architecture)}: the layout does not list {name}")
    return problems


def _name(path):
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main(argv):
    files = [Path(a) for a in argv] or default_files()
    problems, external = check_links(files)
    if not argv:
        problems += unlisted_notebooks([p.name for p in notebooks()])
    print(f"external links (listed, not fetched): {len(external)}")
    for line in external:
        print("  " + line)
    for line in problems:
        print("broken: " + line, file=sys.stderr)
    print(f"checked {len(files)} files: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
