"""The package's import: quick in a notebook's first cell, without lasting side effects, and
without a cycle among its modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import backprop

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


# the package's modules import each other without a cycle -----------------------------------------

PACKAGE = Path(backprop.__file__).resolve().parent


def _package_modules():
    """Every module of the package, by its dotted name: {"backprop.nn": path, ...}."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imported_names(node, package):
    """The dotted names an import statement may load: modules, or modules' names."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from . import x, from ..figures import y
        parts = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join(parts + ([node.module] if node.module else []))
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def _imports(name, path, modules):
    """The package's modules that module ``name`` imports, anywhere in it (a function's
    lazy import too), with the line of the first such import: {module: line}.

    ``from backprop.x import y`` imports the module ``backprop.x.y`` if there is one,
    else ``backprop.x`` (y is a name defined there).
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        names = _imported_names(node, package)
        if isinstance(node, ast.ImportFrom):
            # a submodule if it is one, else the module the name comes from
            names = [n for n in names[:-1] if n in modules] or names[-1:]
        for target in names:
            if target in modules and target != name:
                found.setdefault(target, node.lineno)
    return found


def _cycle(graph):
    """A cycle of ``graph`` ({module: {module: line}}) as a list of modules, or None."""
    done, path = set(), []

    def visit(module):
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph[module]):
            found = visit(target)
            if found:
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        found = visit(module)
        if found:
            return found
    return None


def test_the_package_has_no_import_cycle():
    modules = _package_modules()
    graph = {
        name: _imports(name, path, modules) for name, path in modules.items()
    }
    assert "backprop.playground" in graph["backprop.playground_widget"]
    cycle = _cycle(graph)
    assert cycle is None, (
        "import cycle: "
        + " -> ".join(
            f"{a} (line {graph[a][b]} of {modules[a].relative_to(PACKAGE.parent)})"
            for a, b in zip(cycle, cycle[1:], strict=False)
        )
        + f" -> {cycle[-1]}"
    )


# The package's layers, lowest first (see the map in backprop/__init__.py): a module imports
# from its own layer or those below, never above. The lesson knows nothing of figures or
# widgets, the figures nothing of widgets; build-time modules are imported by none of them.
LAYERS = [
    ["_checks"],
    [
        "neuron",
        "nn",
        "graph",
        "descent",
        "data",
        "literal",
        "universal",
        "regularize",
    ],
    [
        "playground_settings",
        "playground_data",
        "playground_training",
        "playground",
        "exercises",
        "graph_exercises",
        "playground_exercises",
    ],
    ["plotting", "figures"],
    [
        "_plotly_internals",
        "live_figure",
        "live_widget",
        "ahead",
        "live_playground",
        "widgets",
        "playground_widget",
    ],
]
BUILD_TIME = ["sphinxext", "iconfonts", "_dev", "_print"]


def _layer(module):
    """The index of a module's layer in LAYERS; len(LAYERS) for build-time modules."""
    name = module.removeprefix("backprop.")
    for i, prefixes in enumerate([*LAYERS, BUILD_TIME]):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return i
    raise AssertionError(
        f"{module} has no layer: add it to LAYERS or BUILD_TIME"
    )


def test_imports_point_down_the_layers():
    modules = _package_modules()
    upward = []
    for name, path in modules.items():
        if (
            name == "backprop"
        ):  # the package's own setup() imports plotting, lazily
            continue
        for target, line in _imports(name, path, modules).items():
            if _layer(target) > _layer(name):
                upward.append(f"{name} imports {target} (line {line})")
    assert upward == [], upward
