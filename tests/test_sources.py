"""The book's sources agree with each other: one source of truth for code, URL and pins."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
import yaml
from conftest import ROOT

from backprop import _dev

NOTEBOOKS = _dev.notebooks()


def test_the_toc_lists_real_pages_only():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for chapter in toc["chapters"]:
        files += [chapter["file"]] + [
            s["file"] for s in chapter.get("sections", [])
        ]
    for f in files:
        assert (ROOT / f"{f}.md").exists() or (ROOT / f"{f}.ipynb").exists(), f
    # every chapter is a notebook; the preface and the cheat sheet are text
    assert [p.stem for p in NOTEBOOKS] == [
        f.split("/")[-1] for f in files if (ROOT / f"{f}.ipynb").exists()
    ]
    assert len(NOTEBOOKS) == len(toc["chapters"])


def test_package_code_is_exported_from_the_chapters():
    assert _dev.export(check=True) == [], "run `make export`"


def test_colab_cells_install_from_the_configured_repository():
    assert _dev.sync_url(check=True) == [], "run `make sync-url`"
    url = _dev.repository_url()
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        first_code = next(c for c in nb.cells if c.cell_type == "code")
        assert first_code.source.startswith(_dev.COLAB_FIRST_LINE), path
        assert url in first_code.source
        assert "remove-cell" in first_code.metadata.get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_with_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    ran = [c for c in code if c.execution_count is not None]
    assert len(ran) == len(code), "run `make outputs`"
    assert any(c.outputs for c in code)
    compared = [
        c
        for c in code
        if c.outputs
        and "nbval-ignore-output" not in c.metadata.get("tags", [])
    ]
    ignored = [
        c for c in code if "nbval-ignore-output" in c.metadata.get("tags", [])
    ]
    assert len(compared) > len(ignored), (
        "most output cells must be compared by nbval"
    )
    for cell in code:  # no error outputs stored in a chapter
        assert all(o.output_type != "error" for o in cell.outputs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_figures_and_timings_are_ignored(path):
    """nbval skips the outputs that vary (figures, timings), and nothing else.

    Numbers that vary with the machine (the last digits after a long training) may be shown
    in an ignored cell only if the next code cell, compared, says what they show in words.
    """
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell, after in zip(code, code[1:] + [None], strict=True):
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            mimes = {m for o in cell.outputs for m in o.get("data", {})}
            timed = any(
                mark in cell.source
                for mark in ("perf_counter", "seconds(", "Progress(")
            )
            in_words = (
                after is not None
                and "nbval-ignore-output" not in after.metadata.get("tags", [])
                and any(o.output_type == "stream" for o in after.outputs)
            )
            assert (
                "application/vnd.plotly.v1+json" in mimes or timed or in_words
            ), cell.source[:80]


def test_every_pin_is_in_one_place():
    pins = {}
    for req in ("requirements.txt", "binder/requirements.txt"):
        for line in (ROOT / req).read_text().splitlines():
            m = re.match(r"^([A-Za-z0-9_.\-]+)==", line)
            if m:
                name = m[1].lower()
                assert name not in pins, (
                    f"{name} pinned in {pins.get(name)} and {req}"
                )
                pins[name] = req
    assert "jupyter-book" in pins and "numpy" in pins
    assert (
        pins["numpy"] == "binder/requirements.txt"
    )  # readers' packages pinned for Binder


def test_every_pin_lies_within_the_packages_ranges():
    """The versions the book is tested with are versions its package admits."""
    import tomllib
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    ranges = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        ranges[requirement.name.lower()] = requirement.specifier
    pins = {}
    for line in (ROOT / "binder/requirements.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
        if m:
            pins[m[1].lower()] = m[2]
    assert "plotly" in ranges and "plotly" in pins
    for name, specifier in ranges.items():
        if name in pins:
            assert specifier.contains(pins[name]), (
                f"binder/requirements.txt pins {name}=={pins[name]}, outside "
                f"pyproject.toml's {name}{specifier}"
            )


def test_config_has_no_cdn_and_one_repository_url():
    text = (ROOT / "_config.yml").read_text()
    assert len(re.findall(r"https://github\.com/", text)) == 1
    config = yaml.safe_load(text)
    assert config["execute"]["execute_notebooks"] in ("cache", "force")
    assert config["sphinx"]["config"]["nb_execution_raise_on_error"] is True


def test_stored_widget_state_is_stripped():
    for path in NOTEBOOKS:
        meta = json.loads(path.read_text())["metadata"]
        assert "widgets" not in meta, f"{path}: run `make outputs`"


def test_every_subpackage_is_installed():
    """A reader's pip install (Binder, Colab) takes every folder of the package that holds
    modules: pyproject.toml lists the packages by name, and a new one must be listed."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"][
            "setuptools"
        ]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "backprop").rglob("__init__.py")
        if "node_modules" not in init.parts
    }
    assert found == listed, (
        f"not listed: {found - listed}; gone: {listed - found}"
    )
