"""The Playground's network diagram, drawn from a playground's state: traces and layout.

TensorFlow Playground's picture of the network: every unit a thumbnail of its output over the
plane, the edges coloured by the sign of the weight (or of its gradient) and thicker for
larger ones, the dead edges apart. ``network_traces`` and ``network_layout`` draw it,
``unit_images`` gives the thumbnails as layout images for the live widget.
"""

from __future__ import annotations

import numpy as np

from backprop.figures._pictures import (
    byte_scale,
    f32,
    layout_image,
    picture,
    to_bytes,
)
from backprop.figures.style import (
    DEAD_EDGE,
    GRAY_5,
    INK,
    NODE_OUTLINE,
    PLAYGROUND_GRAD_COLORS,
    PLAYGROUND_GRAD_SCALE,
    PLAYGROUND_UNIT_SCALE,
    PLAYGROUND_WEIGHT_COLORS,
)

WIDTHS = (0.6, 1.6, 3.0, 5.0)  # edge widths, by size bucket
COLUMN, ROW, SIDE = (
    2.4,
    1.3,
    1.0,
)  # the diagram's geometry (thumbnails of side 1)
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def positions(sizes):
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
    pos = positions(state["sizes"])
    return [
        layout_image(
            picture(to_bytes(v, -1, 1), PLAYGROUND_UNIT_SCALE, repeat),
            pos[c][r][0] - SIDE / 2,
            pos[c][r][1] + SIDE / 2,
            SIDE,
        )
        for c, r, v in _unit_values(state)
    ]


def dead_weights(state):
    """The dead weights, per layer (none in a state without them)."""
    return state.get("dead") or [np.zeros(W.shape, bool) for W in state["W"]]


def _edges(state, gradients):
    """Edge segments in size buckets: (positive buckets..., negative buckets...), and last
    the dead edges (weights L1 set to 0), which are in no bucket."""
    pos = positions(state["sizes"])
    values = state["dJ_dW"] if gradients else state["W"]
    buckets = [([], []) for _ in range(2 * len(WIDTHS) + 1)]
    if values is None:  # no gradients before the first step
        values = [np.zeros_like(W) for W in state["W"]]
    dead = dead_weights(state)
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
    return [(f32(xs), f32(ys)) for xs, ys in buckets]


def gradient_formula(state):
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
    *edges, (dead_x, dead_y) = _edges(state, gradients)
    return [
        _thumbnails_trace(state),
        *_edge_traces(edges, gradients),
        _hover_trace(state),
        _badge_trace(state, gradients),
        _dead_trace(dead_x, dead_y, state.get("regularization") == "L1"),
    ]


def _thumbnails_trace(state):
    """Every unit's thumbnail, in one heat map of bytes (NaN, a gap, between them)."""
    xe, ye, z = _mosaic(state)
    return {
        "type": "heatmap",
        "x": f32(xe),
        "y": f32(ye),
        "z": to_bytes(z, -1, 1),
        "zmin": 0,
        "zmax": 255,
        "colorscale": byte_scale(PLAYGROUND_UNIT_SCALE),
        "showscale": False,
        "hoverinfo": "skip",
    }


def _edge_traces(edges, gradients):
    """A line trace per size bucket of :func:`_edges`: positive first, then negative."""
    colors = PLAYGROUND_GRAD_COLORS if gradients else PLAYGROUND_WEIGHT_COLORS
    return [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "line": {
                "color": colors[k >= len(WIDTHS)],
                "width": WIDTHS[k % len(WIDTHS)],
            },
            "opacity": 0.75,
            "hoverinfo": "skip",
            "showlegend": False,
        }
        for k, (xs, ys) in enumerate(edges)
    ]


def _hover_trace(state):
    """Invisible markers that carry each unit's hover text."""
    centres = [p for column in positions(state["sizes"]) for p in column]
    return {
        "type": "scatter",
        "x": [x for x, _ in centres],
        "y": [y for _, y in centres],
        "mode": "markers",
        "marker": {"size": 22, "opacity": 0, "color": INK},
        "hovertext": _unit_text(state),
        "hoverinfo": "text",
        "showlegend": False,
    }


def _badge_trace(state, gradients):
    """A badge at each unit's corner, coloured by dJ/db with ``gradients`` (else hidden)."""
    g = state["dJ_db"]
    show = gradients and g is not None
    if show:
        flat = np.concatenate(list(g))
        top = np.abs(flat).max()
        color = f32(flat / top if top > 0 else flat)
    else:
        color = GRAY_5
    badges = [p for column in positions(state["sizes"])[1:] for p in column]
    return {
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


def _dead_trace(xs, ys, showlegend):
    """The dead edges, in both views: thin grey dots."""
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "name": "dead: L1 set w = 0, no longer trained",
        "line": {"color": DEAD_EDGE, "width": 1.0, "dash": "dot"},
        "opacity": 0.6,  # faint: the live edges are what the network uses
        "hoverinfo": "skip",
        "showlegend": showlegend,
    }


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
        what = f"{gradient_formula(state)}, dJ/db"
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
