"""The installed plotly still has the private API that backprop/_plotly_internals.py uses."""

from __future__ import annotations

import ast
from pathlib import Path

import plotly

from backprop import _plotly_internals as internals

PACKAGE = Path(internals.__file__).resolve().parent


def test_plotly_has_every_private_name_the_package_relies_on():
    gone = internals.missing()
    assert not gone, "\n".join(internals.why_missing(name) for name in gone)


def test_plotly_js_still_has_the_names_the_playground_reads_in_the_browser():
    gone = internals.missing_in_plotly_js()
    assert not gone, (
        f"the plotly.js of plotly {plotly.__version__} no longer mentions "
        f"{', '.join(gone)}, which the playground's frame view reads in the browser "
        "(see PLOTLY_JS_RELIES_ON in backprop/_plotly_internals.py): pin plotly to a "
        "release within the bounds of pyproject.toml, or adapt that view"
    )


def test_a_missing_private_name_is_reported_with_plotlys_version():
    message = internals.why_missing("plotly.serializers._js_to_py")
    assert f"plotly {plotly.__version__} no longer has " in message
    assert "plotly.serializers._js_to_py" in message
    assert "backprop/_plotly_internals.py" in message


def _defined_in_classes(tree):
    """The names that the classes of a syntax tree define: methods, traits, attributes."""
    return [
        target.id
        if isinstance(target, ast.Name)
        else getattr(node, "name", "")
        for cls in ast.walk(tree)
        if isinstance(cls, ast.ClassDef)
        for node in cls.body
        for target in getattr(node, "targets", [node])
    ]


def _private_plotly_uses(tree, private):
    """Where a module's syntax tree uses one of plotly's ``private`` names.

    An attribute (``fig._layout``), a class's method or trait that overrides plotly's, a
    text (``observe("_js2py_...")``), or a name imported from plotly that is one of them or
    has a leading underscore.
    """
    found = [name for name in _defined_in_classes(tree) if name in private]
    for node in ast.walk(tree):
        module = getattr(node, "module", None) or ""
        if (
            isinstance(node, ast.ImportFrom)
            and module.split(".")[0] == "plotly"
        ):
            found += [
                a.name
                for a in node.names
                if a.name.startswith("_") or a.name in private
            ]
        elif isinstance(node, ast.Attribute) and node.attr in private:
            found.append(node.attr)
        elif isinstance(node, ast.Constant) and node.value in private:
            found.append(node.value)
    return found


def test_no_other_module_of_the_package_uses_plotlys_private_api():
    private = {
        name for names in internals.RELIES_ON.values() for name in names
    }
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "_plotly_internals.py":
            continue
        used = _private_plotly_uses(
            ast.parse(path.read_text("utf-8")), private
        )
        assert not used, (
            f"{path.relative_to(PACKAGE.parent)} uses plotly's private {sorted(set(used))}: "
            "that belongs in backprop/_plotly_internals.py (and in its RELIES_ON)"
        )
