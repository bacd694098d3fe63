"""environment.yml, the conda / Binder environment: it parses, and it names only what conda-forge has.

conda is not reachable from here, so the packages are checked against a list of conda-forge packages we
know exist (each feedstock named below), and against what the project itself needs.
"""

import json
import re

import pytest
import yaml

from project import KERNEL_NAME, ROOT

# conda-forge packages known to exist (conda-forge/<name>-feedstock); the versions noted are what we rely on.
ON_CONDA_FORGE = {
    "python": "3.11 (repo2docker has a lock file for it, so the server and the kernel share one env)",
    "openjdk": "17 and 21 builds for linux-64",
    "maven": "3.9",
    "jupyterlab": "4",
    "notebook": "7",
    "nbclient": "0.10",
    "nbconvert": "7",
    "plotly": "7.1.0 (the package ships the jupyterlab-plotly extension in share/jupyter/labextensions)",
    "ijava": "1.4.0 noarch (the HHMI Janelia fork of IJava; installs a Java kernelspec)",
    "make": "4",
    "postgresql": "15-17, with initdb, postgres and pgbench (notebook 06)",
    "redis-server": "7, with redis-benchmark (notebook 06)",
}


@pytest.fixture(scope="module")
def environment():
    with open(ROOT / "environment.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def _packages(environment):
    """{name: version spec or ''} of the conda dependencies."""
    packages = {}
    for dependency in environment["dependencies"]:
        assert isinstance(dependency, str), f"only conda packages, no pip section: {dependency!r}"
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(?:([=<>!~].*))?", dependency.split("#")[0].strip())
        assert match, f"not a conda package spec: {dependency!r}"
        packages[match.group(1)] = (match.group(2) or "").lstrip("=")
    return packages


def test_it_is_a_conda_environment_from_conda_forge_alone(environment):
    assert isinstance(environment, dict)
    assert environment["channels"] == ["conda-forge"]
    assert isinstance(environment["dependencies"], list) and environment["dependencies"]


def test_every_package_is_one_conda_forge_has(environment):
    unknown = set(_packages(environment)) - set(ON_CONDA_FORGE)
    assert not unknown, f"not known to be on conda-forge: {sorted(unknown)}"


def test_it_has_what_the_notebooks_need(environment):
    packages = _packages(environment)
    for needed in ("openjdk", "maven", "jupyterlab", "nbclient", "ijava"):
        assert needed in packages, f"{needed} is missing"


def test_it_pins_what_readers_open_and_the_kernel_binder_runs(environment):
    packages = _packages(environment)
    assert packages["openjdk"] == "17", "pin openjdk=17: ijava leaves its JDK unpinned"
    assert packages["ijava"] == "1.4.0", "conda-forge's ijava 1.4.0 installs kernelspec java"
    assert packages["jupyterlab"] == ">=4,<5", packages["jupyterlab"]
    assert packages["notebook"] == ">=7,<8", packages["notebook"]


def test_it_pins_the_plotly_renderer_as_build_venv_does(environment):
    # Binder's JupyterLab draws the notebooks' plots with the same jupyterlab-plotly (and so the same
    # plotly.js) as `make lab`'s.
    locked = re.search(r"^plotly==([\w.]+)", (ROOT / "requirements.txt").read_text(), re.M)
    assert locked, "requirements.txt locks no plotly"
    assert _packages(environment).get("plotly") == locked.group(1), "pin plotly to requirements.txt's version"


def test_its_jdk_is_an_lts_that_can_build_the_library(environment):
    jdk = _packages(environment)["openjdk"]
    major = int(re.match(r"(\d+)", jdk).group(1))
    assert major in (17, 21), f"openjdk {jdk}: pin 17 or 21"
    release = int(re.search(r"<maven.compiler.release>(\d+)<", (ROOT / "lib" / "pom.xml").read_text()).group(1))
    assert major >= release, f"openjdk {major} cannot compile for Java {release} (lib/pom.xml)"


def test_every_notebook_asks_for_the_kernel_named_java():
    # IJava installs its kernelspec as "java" (kernelspec/java), and so does ours; a notebook asking for another name
    # would open on Binder with a "select a kernel" dialog instead of running.
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        spec = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        assert spec["name"] == KERNEL_NAME, f"{notebook.name} asks for kernel {spec['name']!r}"


def test_the_readmes_binder_badge_opens_the_index_in_jupyterlab():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\((https://mybinder\.org/v2/gh/[^)\s]+)\)", readme)
    assert links, "README.md has no Binder link (https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=...)"
    for link in links:
        match = re.fullmatch(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/[\w./-]+\?urlpath=lab/tree/([\w./-]+)", link)
        assert match, f"{link}: expected https://mybinder.org/v2/gh/OWNER/REPO/HEAD?urlpath=lab/tree/notebooks/00-index.ipynb"
        assert match.group(1) == "notebooks/00-index.ipynb" and (ROOT / match.group(1)).is_file(), link
