"""Trace builders of the Playground's output and loss panels, drawn from a playground's state.

``boundary_traces`` draws the output over the plane with the points, ``loss_traces`` the
losses; ``boundary_image`` and ``points_image`` are the same pictures as layout images, for
the live widget. ``backprop.figures.playground`` composes them into figures.
"""

from __future__ import annotations

import base64

import numpy as np

from backprop.figures._pictures import (
    byte_scale,
    f32,
    layout_image,
    picture,
    to_bytes,
)
from backprop.figures.style import (
    CLASS_COLORS,
    CLASS_SYMBOLS,
    PAPER,
    PLAYGROUND_OUTPUT_SCALE,
    PLAYGROUND_TRAINING_LOSS,
    PLAYGROUND_UNIT_SCALE,
    TEST_COLOR,
    color_at,
)
from backprop.plotting import CLASS_NAMES


def _output_bytes(state):
    """The output over the plane as bytes, and the colour stops that draw them."""
    if state["problem"] == "classification":
        return to_bytes(state["output"], 0.0, 1.0), PLAYGROUND_OUTPUT_SCALE
    return to_bytes(state["output"], -1.0, 1.0), PLAYGROUND_UNIT_SCALE


def boundary_image(state):
    """The heat map of :func:`boundary_traces` as a layout image (what the live widget draws)."""
    z, stops = _output_bytes(state)
    r, n = state["radius"], z.shape[1]
    half = r / (
        n - 1
    )  # the heat map's cells are centred on the grid, from -r to r
    return layout_image(picture(z, stops), -r - half, r + half, 2 * (r + half))


def points_image(state, show_test=False, plane_pixels=360):
    """The points of :func:`boundary_traces` drawn as one SVG layout image over the plane.

    The points do not move while training, but plotly.js styles each of them again at every
    replot of a FigureWidget; as a picture they cost the browser one image. Sizes are those
    of the traces (markers 6 px across) when the plane is ``plane_pixels`` wide on screen.
    """
    r = state["radius"]
    unit = 2 * r / plane_pixels  # one screen pixel, in the plane's units
    half = 3 * unit
    classify = state["problem"] == "classification"
    shapes = []
    for part, hollow in (("train", False), ("test", True)):
        if hollow and not show_test:
            continue
        X, t = state[f"X_{part}"], state[f"t_{part}"]
        for x1, x2, target in zip(X[0], -X[1], t, strict=True):
            if classify:
                label = int(target)
                color = CLASS_COLORS[label]
            else:
                label = 0
                color = color_at(
                    PLAYGROUND_UNIT_SCALE, (np.clip(target, -1, 1) + 1) / 2
                )
            if hollow:
                paint = (
                    f'fill="none" stroke="{color}" stroke-width="{unit:.4f}"'
                )
            else:
                paint = f'fill="{color}" stroke="{PAPER}" stroke-width="{0.8 * unit:.4f}"'
            if CLASS_SYMBOLS[label] == "square":
                shapes.append(
                    f'<rect x="{x1 - half:.3f}" y="{x2 - half:.3f}" '
                    f'width="{2 * half:.3f}" height="{2 * half:.3f}" {paint}/>'
                )
            else:
                shapes.append(
                    f'<circle cx="{x1:.3f}" cy="{x2:.3f}" r="{half:.3f}" {paint}/>'
                )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{-r} {-r} {2 * r} {2 * r}">{"".join(shapes)}</svg>'
    )
    source = "data:image/svg+xml;base64," + base64.b64encode(
        svg.encode()
    ).decode("ascii")
    return {**layout_image(source, -r, r, 2 * r), "layer": "above"}


def boundary_traces(state, show_test=False):
    """Heat map of the output y over the plane, then training and test points.

    Five traces, always: the heat map, the training points of t = 0 and t = 1, the test
    points of t = 0 and t = 1 (regression: all points in the first trace of each pair,
    coloured by their target).
    """
    classify = state["problem"] == "classification"
    return [_output_heatmap(state)] + [
        _points_trace(
            pts,
            f"{name}, {part}",
            color,
            CLASS_SYMBOLS[label],
            hollow=part == "test",
            visible=True if part == "train" or show_test else False,
            showlegend=classify or label == 0,
        )
        for part, label, pts, color, name in _point_groups(state)
    ]


def _output_heatmap(state):
    """The output over the plane, as bytes (see ``backprop.figures._pictures``)."""
    r, out = state["radius"], state["output"]
    z, stops = _output_bytes(state)
    return {
        "type": "heatmap",
        "z": z,
        "x0": -r,
        "dx": 2 * r / (out.shape[1] - 1),
        "y0": -r,
        "dy": 2 * r / (out.shape[0] - 1),
        "zmin": 0,
        "zmax": 255,
        "colorscale": byte_scale(stops),
        "showscale": False,
        "zsmooth": "fast",
        "hovertemplate": "x = (%{x:.1f}, %{y:.1f})<extra></extra>",
    }


def _point_groups(state):
    """The points of each trace: (part, label, points, colour, name), training points
    first; regression has all the points of a part under label 0, coloured by target."""
    classify = state["problem"] == "classification"
    for part in ("train", "test"):
        X, t = state[f"X_{part}"], state[f"t_{part}"]
        for label in (0, 1):
            if classify:
                pts = X[:, t == label]
                color, name = CLASS_COLORS[label], CLASS_NAMES[label]
            else:
                pts = X if label == 0 else X[:, :0]
                color, name = f32(t, 2), "target t"
            yield part, label, pts, color, name


def _points_trace(pts, name, color, symbol, hollow, visible, showlegend):
    """Markers at the points ``pts``, shape (2, n); test points hollow."""
    return {
        "type": "scatter",
        "x": f32(pts[0], 2),
        "y": f32(pts[1], 2),
        "mode": "markers",
        "name": name,
        "visible": visible,
        "showlegend": showlegend,
        "marker": {
            "color": color,
            "symbol": symbol + ("-open" if hollow else ""),
            "size": 6,
            "cmin": -1,
            "cmax": 1,
            "colorscale": PLAYGROUND_UNIT_SCALE,
            "line": {"color": PAPER, "width": 0 if hollow else 0.8},
        },
        "hoverinfo": "skip",
    }


def plane_axes(r):
    axis = {"range": [-r, r], "zeroline": False, "constrain": "domain"}
    return (
        {**axis, "title": {"text": "x₁"}},
        {**axis, "title": {"text": "x₂"}, "scaleanchor": "x"},
    )


def loss_traces(state):
    """Two traces: the training and the test loss after each epoch."""
    h = state["history"]
    return [
        {
            "type": "scatter",
            "x": np.asarray(h["epoch"], dtype=np.int32),
            "y": f32(h[part], 4),
            "mode": "lines",
            "name": f"{part} loss",
            "line": {"color": color, "dash": dash},
        }
        for part, color, dash in (
            ("train", PLAYGROUND_TRAINING_LOSS, "solid"),
            ("test", TEST_COLOR, "dot"),
        )
    ]
