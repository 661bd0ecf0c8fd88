"""The package's import in a notebook's first cell: quick, and without lasting side effects."""

from __future__ import annotations

import subprocess
import sys

import pytest

_PROBE = """
import sys
import backprop.widgets, backprop.figures.neurons  # what a chapter's first cell imports
print("rfc3987_syntax" in sys.modules, "jsonschema" in sys.modules)
import rfc3987_syntax  # still importable by whoever needs it
"""


def test_the_optional_iri_grammar_is_not_compiled_on_import():
    pytest.importorskip(
        "rfc3987_syntax"
    )  # installed with JupyterLab; without it, nothing to skip
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # plotly imported jsonschema (through nbformat), which did not import the grammar
    assert done.stdout.split() == ["False", "True"]
