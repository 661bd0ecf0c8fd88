"""Figures of the Playground chapter, drawn from a playground's ``state()``.

Each figure is made of a fixed list of traces whose data come from one function of the state
(``boundary_traces``, ``network_traces``, ``loss_traces``). The figure functions build a
figure from them; the live widget calls the same functions and copies the new data into its
``FigureWidget`` in place, with the heat maps and the points drawn as layout images of the
same colours (``boundary_image``, ``unit_images``, ``points_image``); the recorded run
stores the traces as animation frames.
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np
import plotly.graph_objects as go

from backprop.figures._controls import add_player
from backprop.figures.style import (
    CLASS_COLORS,
    CLASS_SYMBOLS,
    DEAD_EDGE,
    GRAY_5,
    INK,
    NODE_OUTLINE,
    PAPER,
    PLAYGROUND_GRAD_COLORS,
    PLAYGROUND_GRAD_SCALE,
    PLAYGROUND_OUTPUT_SCALE,
    PLAYGROUND_TRAINING_LOSS,
    PLAYGROUND_UNIT_SCALE,
    PLAYGROUND_WEIGHT_COLORS,
    TEST_COLOR,
    TRANSPARENT,
    color_at,
    rgb,
)
from backprop.plotting import CLASS_NAMES, describe

__all__ = [
    "boundary",
    "boundary_traces",
    "network",
    "network_traces",
    "network_layout",
    "losses",
    "loss_traces",
    "recorded_run",
    "levels",
    "png",
    "boundary_image",
    "points_image",
    "unit_images",
]

WIDTHS = (0.6, 1.6, 3.0, 5.0)  # edge widths, by size bucket
COLUMN, ROW, SIDE = (
    2.4,
    1.3,
    1.0,
)  # the diagram's geometry (thumbnails of side 1)
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _byte_scale(stops):
    """A colour scale for :func:`_bytes`: 0 transparent, 1 to 255 the stops' range."""
    return [[0, TRANSPARENT]] + [
        [(1 + 254 * p) / 255, color] for p, color in stops
    ]


def _bytes(values, lo, hi):
    """Values from lo to hi as bytes 1 to 255, NaN (a gap) as 0: a quarter of float32.

    The pictures need no more than 255 shades, and the page and the widget messages get
    much lighter. ``levels`` undoes it.
    """
    values = np.asarray(values, dtype=float)
    scaled = 1 + np.round((np.clip(values, lo, hi) - lo) / (hi - lo) * 254)
    return np.where(np.isnan(values), 0, scaled).astype(np.uint8)


def levels(z, lo, hi):
    """Bytes from :func:`_bytes` back to values (NaN for 0)."""
    z = np.asarray(z, dtype=float)
    return np.where(z == 0, np.nan, lo + (z - 1) / 254 * (hi - lo))


def _f32(a, digits=3):
    """Smaller figures: float32, rounded (the pictures need no more)."""
    return np.round(np.asarray(a, dtype=float), digits).astype(np.float32)


def _palette(stops):
    """The colours of :func:`_byte_scale` as a table: byte -> RGBA (0 transparent)."""
    table = np.zeros((256, 4), dtype=np.uint8)
    where = (np.arange(1, 256) - 1) / 254
    channels = np.array([rgb(color) for _, color in stops], dtype=float)
    for channel in range(3):
        table[1:, channel] = np.round(
            np.interp(where, [p for p, _ in stops], channels[:, channel])
        )
    table[1:, 3] = 255
    return table


def png(rgba):
    """An RGBA picture (rows from the top, shape (height, width, 4), uint8) as a PNG data URI.

    The live widget sends its pictures this way: the browser swaps an image's source, which is
    much quicker than plotly.js drawing a heat map anew.
    """
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(
            f"rgba must have shape (height, width, 4), not {rgba.shape}"
        )
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + 4 * width), dtype=np.uint8)  # filter byte 0
    rows[:, 1:] = rgba.reshape(height, -1)

    def chunk(kind, data):
        body = kind + data
        crc = zlib.crc32(body) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _picture(z, stops, repeat=1):
    """Bytes from :func:`_bytes` (rows from the bottom) as a PNG of the colours ``stops``;
    each value ``repeat`` x ``repeat`` pixels, so that a browser's smoothing keeps them sharp."""
    rgba = _palette(stops)[np.asarray(z)[::-1]]
    if repeat > 1:
        rgba = rgba.repeat(repeat, axis=0).repeat(repeat, axis=1)
    return png(rgba)


def _image(source, x, y, size):
    """A layout image of side ``size`` whose top-left corner is (x, y) in data units."""
    return {
        "source": source,
        "xref": "x",
        "yref": "y",
        "x": x,
        "y": y,
        "sizex": size,
        "sizey": size,
        "sizing": "stretch",
        "xanchor": "left",
        "yanchor": "top",
        "layer": "below",
    }


# The output over the plane, with the points -----------------------------------------------------


def _output_bytes(state):
    """The output over the plane as bytes, and the colour stops that draw them."""
    if state["problem"] == "classification":
        return _bytes(state["output"], 0.0, 1.0), PLAYGROUND_OUTPUT_SCALE
    return _bytes(state["output"], -1.0, 1.0), PLAYGROUND_UNIT_SCALE


def boundary_image(state):
    """The heat map of :func:`boundary_traces` as a layout image (what the live widget draws)."""
    z, stops = _output_bytes(state)
    r, n = state["radius"], z.shape[1]
    half = r / (
        n - 1
    )  # the heat map's cells are centred on the grid, from -r to r
    return _image(_picture(z, stops), -r - half, r + half, 2 * (r + half))


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
    return {**_image(source, -r, r, 2 * r), "layer": "above"}


def boundary_traces(state, show_test=False):
    """Heat map of the output y over the plane, then training and test points.

    Five traces, always: the heat map, the training points of t = 0 and t = 1, the test
    points of t = 0 and t = 1 (regression: all points in the first trace of each pair,
    coloured by their target).
    """
    r = state["radius"]
    out = state["output"]
    classify = state["problem"] == "classification"
    z, stops = _output_bytes(state)
    traces = [
        {
            "type": "heatmap",
            "z": z,
            "x0": -r,
            "dx": 2 * r / (out.shape[1] - 1),
            "y0": -r,
            "dy": 2 * r / (out.shape[0] - 1),
            "zmin": 0,
            "zmax": 255,
            "colorscale": _byte_scale(stops),
            "showscale": False,
            "zsmooth": "fast",
            "hovertemplate": "x = (%{x:.1f}, %{y:.1f})<extra></extra>",
        }
    ]
    for part, hollow in (("train", False), ("test", True)):
        X, t = state[f"X_{part}"], state[f"t_{part}"]
        for label in (0, 1):
            if classify:
                pts = X[:, t == label]
                color, name = CLASS_COLORS[label], CLASS_NAMES[label]
            else:
                pts = X if label == 0 else X[:, :0]
                color, name = _f32(t, 2), "target t"
            symbol = CLASS_SYMBOLS[label] + ("-open" if hollow else "")
            traces.append(
                {
                    "type": "scatter",
                    "x": _f32(pts[0], 2),
                    "y": _f32(pts[1], 2),
                    "mode": "markers",
                    "name": f"{name}, {part}",
                    "visible": True if part == "train" or show_test else False,
                    "showlegend": classify or label == 0,
                    "marker": {
                        "color": color,
                        "symbol": symbol,
                        "size": 6,
                        "cmin": -1,
                        "cmax": 1,
                        "colorscale": PLAYGROUND_UNIT_SCALE,
                        "line": {
                            "color": PAPER,
                            "width": 0 if hollow else 0.8,
                        },
                    },
                    "hoverinfo": "skip",
                }
            )
    return traces


def _plane_axes(r):
    axis = {"range": [-r, r], "zeroline": False, "constrain": "domain"}
    return (
        {**axis, "title": {"text": "x₁"}},
        {**axis, "title": {"text": "x₂"}, "scaleanchor": "x"},
    )


def boundary(state, show_test=False):
    """The output of the network over the plane, with the training points."""
    xaxis, yaxis = _plane_axes(state["radius"])
    fig = go.Figure(boundary_traces(state, show_test))
    fig.update_layout(
        title={"text": f"Output, epoch {state['epoch']}", "x": 0.02},
        xaxis=xaxis,
        yaxis=yaxis,
        height=420,
        margin={"l": 50, "r": 10, "t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.18, "font": {"size": 11}},
        uirevision="plane",
    )
    kind = (
        "the probability y of class t = 1, light cherry for 0, light chocolate for 1"
        if state["problem"] == "classification"
        else "the predicted value y, orange below 0 and blue above"
    )
    return describe(
        fig,
        f"The {state['dataset']} data set in the plane, points coloured by their "
        f"label, over a heat map of the network's output after {state['epoch']} "
        f"epochs: {kind}. Where the colours of the map and the points agree, the "
        "network is right.",
    )


# The network diagram ----------------------------------------------------------------------------


def _positions(sizes):
    """Centre (x, y) of every unit, per column: inputs, hidden layers, output."""
    return [
        [(c * COLUMN, -r * ROW) for r in range(n)] for c, n in enumerate(sizes)
    ]


def _shown(values, kind):
    """A unit's outputs as colours from -1 to 1: tanh as they are, sigmoid 2y - 1, the
    unbounded ones (features, ReLU, linear) divided by their largest size."""
    values = np.asarray(values, dtype=float)
    if kind == "tanh":
        return values
    if kind == "sigmoid":
        return 2 * values - 1
    top = np.nanmax(np.abs(values)) if values.size else 0.0
    return values / top if top > 1e-12 else np.zeros_like(values)


def _mosaic(state):
    """All unit thumbnails as one heat map: x and y cell edges, and z (NaN between)."""
    units, sizes = state["units"], state["sizes"]
    m = units[0].shape[-1]
    C, R = len(sizes), max(sizes)
    half = SIDE / 2
    xe = np.concatenate(
        [
            np.linspace(c * COLUMN - half, c * COLUMN + half, m + 1)
            for c in range(C)
        ]
    )
    ye = np.concatenate(
        [
            np.linspace(-r * ROW - half, -r * ROW + half, m + 1)
            for r in reversed(range(R))
        ]
    )
    z = np.full((R * (m + 1) - 1, C * (m + 1) - 1), np.nan)
    for c, r, v in _unit_values(state):
        row0 = (R - 1 - r) * (m + 1)
        z[row0 : row0 + m, c * (m + 1) : c * (m + 1) + m] = v
    return xe, ye, z


def _unit_values(state):
    """(column, row, the unit's output as a colour from -1 to 1) for every unit."""
    units, C = state["units"], len(state["sizes"])
    hidden = state["activation"]
    hidden = "identity" if hidden in ("relu", "linear") else hidden
    for c, block in enumerate(units):
        if c == 0:
            kind = "feature"
        elif c == C - 1:
            kind = (
                "sigmoid" if state["problem"] == "classification" else "clip"
            )
        else:
            kind = hidden
        for r, u in enumerate(block):
            v = np.clip(u, -1, 1) if kind == "clip" else _shown(u, kind)
            yield c, r, v


def unit_images(state, repeat=3):
    """Every unit's thumbnail of :func:`network_traces` as a layout image, in the order of
    the units (inputs first, column by column): what the live widget draws."""
    pos = _positions(state["sizes"])
    return [
        _image(
            _picture(_bytes(v, -1, 1), PLAYGROUND_UNIT_SCALE, repeat),
            pos[c][r][0] - SIDE / 2,
            pos[c][r][1] + SIDE / 2,
            SIDE,
        )
        for c, r, v in _unit_values(state)
    ]


def _dead(state):
    """The dead weights, per layer (none in a state without them)."""
    return state.get("dead") or [np.zeros(W.shape, bool) for W in state["W"]]


def _edges(state, gradients):
    """Edge segments in size buckets: (positive buckets..., negative buckets...), and last
    the dead edges (weights L1 set to 0), which are in no bucket."""
    pos = _positions(state["sizes"])
    values = state["dJ_dW"] if gradients else state["W"]
    buckets = [([], []) for _ in range(2 * len(WIDTHS) + 1)]
    if values is None:  # no gradients before the first step
        values = [np.zeros_like(W) for W in state["W"]]
    dead = _dead(state)
    live = [
        np.where(d, 0.0, np.abs(v)) for v, d in zip(values, dead, strict=True)
    ]
    top = max((v.max() for v in live), default=0.0)
    for c, M in enumerate(values):
        size = live[c] / top if gradients and top > 0 else live[c]
        bounds = (0.1, 0.3, 0.6) if gradients else (0.5, 1.0, 2.0)
        level = np.searchsorted(bounds, size, side="right")
        for j, i in np.ndindex(M.shape):
            (x0, y0), (x1, y1) = pos[c][i], pos[c + 1][j]
            if dead[c][j, i]:
                k = -1
            else:
                k = level[j, i] + (0 if M[j, i] >= 0 else len(WIDTHS))
            xs, ys = buckets[k]
            xs += [x0 + SIDE / 2, x1 - SIDE / 2, np.nan]  # NaN: a gap
            ys += [y0, y1, np.nan]
    return [(_f32(xs), _f32(ys)) for xs, ys in buckets]


def _gradient_formula(state):
    """What the gradient view draws on the edges: dJ/dW, plus the gradient of the penalty
    that the last batch's update used."""
    return {
        None: "dJ/dW",
        "L1": "dJ/dW + λ sign(W)",
        "L2": "dJ/dW + λW",
    }[state.get("gradient_penalty")]


def _unit_text(state):
    names = state["features"]
    sizes = state["sizes"]
    b, g = state["b"], state["dJ_db"]
    texts = []
    for c, n in enumerate(sizes):
        for r in range(n):
            if c == 0:
                texts.append(f"input {names[r]}")
                continue
            where = (
                "output" if c == len(sizes) - 1 else f"layer {c}, unit {r + 1}"
            )
            text = f"{where}<br>b = {b[c - 1][r]:.3f}"
            if g is not None:
                text += f"<br>dJ/db = batch mean of G_z = {g[c - 1][r]:.2e}"
            texts.append(text)
    return texts


def network_traces(state, gradients=False):
    """The diagram: thumbnails (one heat map), edges in 8 buckets, unit hover markers, the
    gradient badges, and last the dead edges: 12 traces.

    Edges are coloured by the sign of the weight w (blue positive, orange negative) and drawn
    thicker for larger |w|; with ``gradients``, by the sign of the gradient of J + lambda R
    of the last batch, dJ/dw + lambda dR/dw (purple positive, green negative), and its size
    relative to the largest. The badge at each unit's corner is coloured by dJ/db, the batch
    mean of its row of G_z (the per-sample gradients dJ_k/dz_k), with ``gradients``. Dead
    edges, the weights L1 set to exactly 0 and no longer trains, are thin grey dots in both
    views, with a legend entry while L1 is on.
    """
    xe, ye, z = _mosaic(state)
    traces = [
        {
            "type": "heatmap",
            "x": _f32(xe),
            "y": _f32(ye),
            "z": _bytes(z, -1, 1),
            "zmin": 0,
            "zmax": 255,
            "colorscale": _byte_scale(PLAYGROUND_UNIT_SCALE),
            "showscale": False,
            "hoverinfo": "skip",
        }
    ]
    colors = PLAYGROUND_GRAD_COLORS if gradients else PLAYGROUND_WEIGHT_COLORS
    *edges, (dead_x, dead_y) = _edges(state, gradients)
    for k, (xs, ys) in enumerate(edges):
        negative = k >= len(WIDTHS)
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "line": {
                    "color": colors[negative],
                    "width": WIDTHS[k % len(WIDTHS)],
                },
                "opacity": 0.75,
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    centres = [p for column in _positions(state["sizes"]) for p in column]
    traces.append(  # invisible markers that carry each unit's hover text
        {
            "type": "scatter",
            "x": [x for x, _ in centres],
            "y": [y for _, y in centres],
            "mode": "markers",
            "marker": {"size": 22, "opacity": 0, "color": INK},
            "hovertext": _unit_text(state),
            "hoverinfo": "text",
            "showlegend": False,
        }
    )
    g = state["dJ_db"]
    show = gradients and g is not None
    if show:
        flat = np.concatenate(list(g))
        top = np.abs(flat).max()
        color = _f32(flat / top if top > 0 else flat)
    else:
        color = GRAY_5
    badges = [p for column in _positions(state["sizes"])[1:] for p in column]
    traces.append(  # a badge at each unit's corner: dJ/db, with gradients
        {
            "type": "scatter",
            "x": [x + SIDE / 2 for x, _ in badges],
            "y": [y - SIDE / 2 for _, y in badges],
            "mode": "markers",
            "marker": {
                "symbol": "square",
                "size": 11,
                "color": color,
                "cmin": -1,
                "cmax": 1,
                "colorscale": PLAYGROUND_GRAD_SCALE,
                "line": {"color": NODE_OUTLINE, "width": 1},
                "opacity": 1.0 if show else 0.0,
            },
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    traces.append(  # the dead edges, in both views
        {
            "type": "scatter",
            "x": dead_x,
            "y": dead_y,
            "mode": "lines",
            "name": "dead: L1 set w = 0, no longer trained",
            "line": {"color": DEAD_EDGE, "width": 1.0, "dash": "dot"},
            "opacity": 0.6,  # faint: the live edges are what the network uses
            "hoverinfo": "skip",
            "showlegend": state.get("regularization") == "L1",
        }
    )
    return traces


def network_layout(state, gradients=False):
    """Axes that fit the diagram, and labels: the features, the layers' sizes."""
    sizes = state["sizes"]
    C, R = len(sizes), max(sizes)
    notes = [
        {
            "x": -SIDE / 2 - 0.1,
            "y": -r * ROW,
            "text": name.replace("^2", "²").replace("*", "·").translate(_SUB),
            "xanchor": "right",
            "showarrow": False,
            "font": {"size": 11},
        }
        for r, name in enumerate(state["features"])
    ]
    for c in range(1, C):
        label = "y" if c == C - 1 else f"{sizes[c]}"
        notes.append(
            {
                "x": c * COLUMN,
                "y": SIDE / 2 + 0.05,
                "text": label,
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    if not gradients:
        what = "weights"
    elif state.get("gradient_penalty") is None:
        what = "dJ/dW, dJ/db of the last batch"
    else:  # the penalty's gradient is in what the edges show
        what = f"{_gradient_formula(state)}, dJ/db"
    return {
        "xaxis": {
            "range": [-SIDE / 2 - 1.3, (C - 1) * COLUMN + SIDE / 2 + 0.1],
            "visible": False,
            "fixedrange": True,
        },
        "yaxis": {
            "range": [-(R - 1) * ROW - SIDE / 2 - 0.1, SIDE / 2 + 0.5],
            "visible": False,
            "fixedrange": True,
            "scaleanchor": "x",
            "constrain": "domain",
        },
        "annotations": notes,
        "title": {"text": f"Network: {what}", "x": 0.02, "font": {"size": 14}},
        # one entry, for the dead edges, while L1 is on
        "showlegend": state.get("regularization") == "L1",
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": 0,
            "yanchor": "top",
            "font": {"size": 11},
        },
    }


def network(state, gradients=False):
    """The network as TensorFlow Playground draws it, every unit's output as a thumbnail."""
    fig = go.Figure(network_traces(state, gradients))
    fig.update_layout(network_layout(state, gradients))
    fig.update_layout(
        height=120 + 45 * max(state["sizes"]),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor=PAPER,
    )
    sizes = " → ".join(map(str, state["sizes"]))
    if gradients:
        formula = _gradient_formula(state).replace("W", "w")
        what = (
            f"edges are coloured by the sign of {formula} of the last mini-batch "
            "(purple positive, green negative), thicker where it is larger; each "
            "unit's corner badge by dJ/db, the batch mean of the per-sample G_z"
        )
    else:
        what = (
            "edges are blue for positive weights and orange for negative ones, "
            "thicker for larger weights"
        )
    n_dead = int(sum(d.sum() for d in _dead(state)))
    if n_dead:
        what += (
            f"; {n_dead} dotted grey edges are dead: L1 set those weights to "
            "exactly 0 and no longer trains them"
        )
    return describe(
        fig,
        f"The network {sizes} after {state['epoch']} epochs. Each unit is drawn as "
        "a small picture of its output over the plane (blue high, orange low); "
        f"{what}.",
    )


# The losses -------------------------------------------------------------------------------------


def loss_traces(state):
    """Two traces: the training and the test loss after each epoch."""
    h = state["history"]
    return [
        {
            "type": "scatter",
            "x": np.asarray(h["epoch"], dtype=np.int32),
            "y": _f32(h[part], 4),
            "mode": "lines",
            "name": f"{part} loss",
            "line": {"color": color, "dash": dash},
        }
        for part, color, dash in (
            ("train", PLAYGROUND_TRAINING_LOSS, "solid"),
            ("test", TEST_COLOR, "dot"),
        )
    ]


def losses(state):
    """Training and test loss against the epoch."""
    fig = go.Figure(loss_traces(state))
    fig.update_layout(
        title={"text": "Loss", "x": 0.02},
        xaxis={"title": {"text": "epoch"}, "rangemode": "tozero"},
        yaxis={"rangemode": "tozero"},
        height=260,
        margin={"l": 50, "r": 10, "t": 40, "b": 40},
        legend={"orientation": "h", "y": 1.12, "x": 1, "xanchor": "right"},
    )
    h = state["history"]
    return describe(
        fig,
        f"Training and test loss over {h['epoch'][-1]} epochs: from "
        f"{h['train'][0]:.3f} and {h['test'][0]:.3f} to {h['train'][-1]:.3f} and "
        f"{h['test'][-1]:.3f}.",
    )


# A recorded run, for the page without Python ----------------------------------------------------


def _slider_below_buttons(fig, bottom=200):
    """Give the slider a row of its own under the play buttons: on a phone, the two do
    not fit side by side. Both go below the x axis's title."""
    fig.update_layout(margin={"b": bottom})
    plot_height = fig.layout.height - fig.layout.margin.t - bottom
    fig.layout.updatemenus[0].update(y=-65 / plot_height, pad={"t": 0, "l": 0})
    fig.layout.sliders[0].update(x=0, len=1, y=-115 / plot_height)


def _frame_data(state):
    """The traces that move: the output heat map, the diagram, the losses."""
    traces = (
        boundary_traces(state)[:1] + network_traces(state) + loss_traces(state)
    )
    return traces


def recorded_run(states, title="A recorded run"):
    """Training as an animation: the network, the losses, the output, per epoch.

    ``states`` are ``Playground.state()`` at the recorded epochs, all of one playground. The
    figure plays in the browser (play, pause and a slider over the epochs), with no Python.
    Top to bottom, so that it reads on a phone: the network diagram, the losses so far, the
    output over the plane with the training points.
    """
    first, last = states[0], states[-1]
    n_net = len(network_traces(first))
    frames_traces = [_frame_data(s) for s in states]
    still = boundary_traces(first)[1:3]  # the training points never move
    moving = frames_traces[0]
    axes = ["x"] + ["x2"] * n_net + ["x3", "x3"]
    for d, ax in zip(moving, axes, strict=True):
        d["xaxis"], d["yaxis"] = ax, ax.replace("x", "y")
    for d in moving[-2:]:
        d["showlegend"] = True
    for d in still:
        d["xaxis"], d["yaxis"] = "x", "y"
        d["showlegend"] = False
    fig = go.Figure(moving + still)
    names = [str(s["epoch"]) for s in states]
    fig.frames = [
        go.Frame(name=name, data=ft, traces=list(range(len(moving))))
        for name, ft in zip(names, frames_traces, strict=True)
    ]
    xaxis, yaxis = _plane_axes(first["radius"])
    net = network_layout(last)
    for note in net["annotations"]:
        note["xref"], note["yref"] = "x2", "y2"
    h = last["history"]
    top = max(max(h["train"]), max(h["test"]))
    fig.update_layout(
        height=840,  # the player fits a 900 px window with the figure
        title={"text": title, "x": 0.02},
        xaxis2={**net["xaxis"], "domain": [0, 1], "anchor": "y2"},
        yaxis2={
            **net["yaxis"],
            "domain": [0.62, 1.0],
            "anchor": "x2",
            "scaleanchor": "x2",
        },
        xaxis3={
            "domain": [0, 1],
            "anchor": "y3",
            "range": [0, last["epoch"]],
            "showgrid": False,
            "title": {"text": "epoch", "standoff": 0},
        },
        yaxis3={
            "domain": [0.45, 0.56],
            "anchor": "x3",
            "range": [0, top * 1.05],
            "title": {"text": "loss"},
        },
        xaxis={**xaxis, "domain": [0, 1], "anchor": "y", "showgrid": False},
        yaxis={**yaxis, "domain": [0.0, 0.35], "anchor": "x"},
        annotations=net["annotations"],
        legend={
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": 0.56,
            "yanchor": "bottom",
            "font": {"size": 11},
        },
        plot_bgcolor=PAPER,
        margin={"l": 50, "r": 10, "t": 40},
    )
    add_player(fig, names, prefix="epoch ", duration=250)
    _slider_below_buttons(fig)
    sizes = " → ".join(map(str, first["sizes"]))
    return describe(
        fig,
        f"A recorded training run of the network {sizes} on the {first['dataset']} "
        f"data set, {len(states)} snapshots from epoch 0 to {last['epoch']}: the "
        "network with each unit's output as a thumbnail, the training and test loss "
        "so far, and the output over the plane with the training points. Test loss "
        f"from {h['test'][0]:.3f} to {h['test'][-1]:.3f}.",
    )
