"""Every colour of the figures and widgets is named once, in backprop/figures/style.py."""

from __future__ import annotations

import ast
import pathlib
import re
import textwrap

import plotly.graph_objects as go

import backprop
from backprop import _plotly_internals
from backprop.figures import style

PACKAGE = pathlib.Path(backprop.__file__).parent
STYLE = PACKAGE / "figures" / "style.py"
# a colour written out: #rgb, #rrggbb (with or without alpha), rgb(...), rgba(...)
WRITTEN = re.compile(
    r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b|\brgba?\("
)
# "white", "black", "chocolate"...
NAMED = _plotly_internals.css_colour_names()
COLOURISH = re.compile(r"colou?r", re.IGNORECASE)


def _given_a_colour(node):
    """The values ``node`` gives to something named like a colour: a keyword argument, a
    dict entry, a parameter's default, an assigned name (``color=``, ``"fillcolor":``...)."""
    if isinstance(node, ast.keyword) and COLOURISH.search(node.arg or ""):
        yield node.value
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and COLOURISH.search(
                str(key.value)
            ):
                yield value
    elif isinstance(node, ast.arguments):
        args = node.posonlyargs + node.args
        pairs = list(
            zip(
                args[len(args) - len(node.defaults) :],
                node.defaults,
                strict=True,
            )
        )
        pairs += list(zip(node.kwonlyargs, node.kw_defaults, strict=True))
        for arg, default in pairs:
            if default is not None and COLOURISH.search(arg.arg):
                yield default
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            if isinstance(target, ast.Name) and COLOURISH.search(target.id):
                yield node.value


def _strings(node):
    for leaf in ast.walk(node):
        if isinstance(leaf, ast.Constant) and isinstance(leaf.value, str):
            yield leaf


def colour_literals(source):
    """(line, text) of every colour a module's source writes itself.

    A hex colour or an rgb()/rgba() anywhere in a string (an f-string's parts too), and a CSS
    colour name given to a colour: "chocolate" may name a class, ``color="chocolate"`` not.
    """
    tree = ast.parse(source)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and WRITTEN.search(str(node.value)):
            found.add((node.lineno, node.value))
        for value in _given_a_colour(node):
            for leaf in _strings(value):
                if leaf.value.strip().lower() in NAMED:
                    found.add((leaf.lineno, leaf.value))
    return sorted(found)


def test_no_module_but_style_writes_a_colour():
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == STYLE:
            continue
        for line, text in colour_literals(path.read_text(encoding="utf-8")):
            where = path.relative_to(PACKAGE.parent)
            offences.append(f"{where}:{line} writes the colour {text!r}")
    assert not offences, (
        "name these colours in backprop/figures/style.py and import them "
        "from there:\n" + "\n".join(offences)
    )


def test_the_check_finds_colours_and_only_colours():
    source = textwrap.dedent(
        """
        LABELS = ("cherry", "chocolate")  # names of classes, not colours
        title = "issue #12 and the colour of w"
        a = {"color": "#e8590c", "name": "chocolate"}
        b = go.Scatter(line_color="white", fillcolor=f"rgba(0,0,0,{alpha})")
        c = f"<b style='color:#c92a2a'>{text}</b>"

        def f(x, color="black"):
            edge_colour = "grey" if x else PAPER
        """
    )
    assert colour_literals(source) == [
        (4, "#e8590c"),
        (5, "rgba(0,0,0,"),
        (5, "white"),
        (6, "<b style='color:#c92a2a'>"),
        (8, "black"),
        (9, "grey"),
    ]


def test_style_names_colours_plotly_takes():
    def colour(
        v,
    ):  # what plotly keeps of a marker colour; ValueError if not a colour
        return go.Scatter(marker={"color": v}).marker.color

    for name, value in vars(style).items():
        if not name.isupper() or name == "CLASS_SYMBOLS":
            continue
        if "SCALE" in name:
            go.Heatmap(colorscale=value)  # ValueError if not a colour scale
        else:
            values = value.values() if isinstance(value, dict) else value
            for v in [value] if isinstance(value, str) else values:
                assert colour(v) == v, name
    assert style.slate(255) == "rgb(255,255,255)"
    assert colour(style.slate(100)) == "rgb(100,100,160)"
    assert style.color_at(style.SIGN_SCALE, 0.5) == style.WHITE
    assert style.color_at([[0, "#000000"], [1, "#ff0000"]], 0.5) == "#800000"
