"""Building blocks for figures of the input plane: points, lines, half-planes, arrows."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from backprop.figures.style import (
    ACCENT,
    CLASS_COLORS,
    CLASS_SYMBOLS,
    CLASS_TINTS,
    INK,
    PAPER,
)
from backprop.neuron import step
from backprop.plotting import CLASS_NAMES

BOX = (-3.0, 3.0)  # the part of the plane the figures show, on both axes
XOR_BOX = (-0.5, 1.5)  # the XOR figures': the unit square and a margin


def class_traces(X, t, showlegend=True, size=9, names=CLASS_NAMES, hover=True):
    """One scatter trace per class, samples as columns of X, named ``names``.

    ``showlegend`` None leaves plotly's default; ``hover`` False, plotly's hover text
    instead of the sample's x and t.
    """
    traces = []
    for label in (0, 1):
        pts = X[:, t == label]
        hovertemplate = (
            f"x = (%{{x:.2f}}, %{{y:.2f}})<br>t = {label}<extra></extra>"
        )
        traces.append(
            go.Scatter(
                x=pts[0],
                y=pts[1],
                mode="markers",
                name=names[label],
                showlegend=showlegend,
                marker={
                    "color": CLASS_COLORS[label],
                    "symbol": CLASS_SYMBOLS[label],
                    "size": size,
                    "line": {"color": PAPER, "width": 1},
                },
                hovertemplate=hovertemplate if hover else None,
            )
        )
    return traces


def clip_halfplane(polygon, w, b, positive=True):
    """Clip a convex polygon (list of (x1, x2)) to w^T x + b >= 0 (or < 0 if not positive)."""
    sign = 1.0 if positive else -1.0
    out = []
    n = len(polygon)
    for i in range(n):
        p, q = np.asarray(polygon[i]), np.asarray(polygon[(i + 1) % n])
        sp, sq = sign * (w @ p + b), sign * (w @ q + b)
        if sp >= 0:
            out.append(tuple(p))
        if (sp >= 0) != (sq >= 0):
            s = sp / (sp - sq)
            out.append(tuple(p + s * (q - p)))
    return out


def box_corners(box=BOX):
    lo, hi = box
    return [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]


def _closed(poly):
    if not poly:
        return [], []
    xs = [p[0] for p in poly] + [poly[0][0]]
    ys = [p[1] for p in poly] + [poly[0][1]]
    return xs, ys


def line_segment(w, b, box=BOX):
    """End points of the part of the line w^T x + b = 0 inside the box, or None."""
    if np.allclose(w, 0):
        return None
    lo, hi = box
    pts = []
    for p, q in [
        ((lo, lo), (hi, lo)),
        ((hi, lo), (hi, hi)),
        ((hi, hi), (lo, hi)),
        ((lo, hi), (lo, lo)),
    ]:
        p, q = np.asarray(p), np.asarray(q)
        sp, sq = w @ p + b, w @ q + b
        if sp == 0:
            pts.append(p)
        if sp * sq < 0:
            pts.append(p + sp / (sp - sq) * (q - p))
    if len(pts) < 2:
        return None
    pts = np.array(pts)
    # the two points farthest apart (corners can be hit twice)
    i, j = max(
        ((i, j) for i in range(len(pts)) for j in range(len(pts))),
        key=lambda ij: np.linalg.norm(pts[ij[0]] - pts[ij[1]]),
    )
    return pts[i], pts[j]


def boundary_state(w, b, box=BOX):
    """The data of the shaded half-planes, the line and the arrow of w, for one (w, b).

    Returns a dict of ``{"x": [...], "y": [...]}`` under the keys ``neg`` and ``pos`` (the two
    sides), ``line`` and ``arrow``. The arrow starts on the line, at the point nearest the centre
    of the box, and shows w's direction; its length is fixed so that it stays readable whatever
    the size of w.
    """
    w = np.asarray(w, dtype=float)
    neg = _closed(clip_halfplane(box_corners(box), w, b, positive=False))
    pos = _closed(clip_halfplane(box_corners(box), w, b, positive=True))
    seg = line_segment(w, b, box)
    if seg is None:
        line = ([], [])
        arrow = ([], [])
    else:
        line = ([seg[0][0], seg[1][0]], [seg[0][1], seg[1][1]])
        centre = np.full(2, (box[0] + box[1]) / 2)
        foot = centre - (w @ centre + b) / (w @ w) * w
        tip = foot + 1.2 * w / np.linalg.norm(w)
        arrow = ([foot[0], tip[0]], [foot[1], tip[1]])
    return {
        "neg": {"x": neg[0], "y": neg[1]},
        "pos": {"x": pos[0], "y": pos[1]},
        "line": {"x": line[0], "y": line[1]},
        "arrow": {"x": arrow[0], "y": arrow[1]},
    }


def side_trace(xy, label, name):
    """One side of a line (``neg`` or ``pos`` of :func:`boundary_state`), shaded in the
    light tint of the class ``label`` it stands for."""
    return go.Scatter(
        **xy,
        fill="toself",
        fillcolor=CLASS_TINTS[label],
        mode="none",
        opacity=0.6,
        name=name,
        hoverinfo="skip",
    )


def line_trace(xy, name, width=2, dash=None):
    """A line in ink (``line`` of :func:`boundary_state`), nothing on hover."""
    line = {"color": INK, "width": width} | ({"dash": dash} if dash else {})
    return go.Scatter(
        **xy, mode="lines", line=line, name=name, hoverinfo="skip"
    )


def halfplane_traces(state):
    """The two shaded sides and the line, from :func:`boundary_state`."""
    return [
        side_trace(state["neg"], 0, "w·x + b < 0: says cherry"),
        side_trace(state["pos"], 1, "w·x + b ≥ 0: says chocolate"),
        line_trace(state["line"], "boundary w·x + b = 0"),
    ]


def arrow_trace(state):
    """The arrow of w, from :func:`boundary_state`; draw it last so that it stays on top."""
    return go.Scatter(
        **state["arrow"],
        mode="lines+markers",
        name="w (its direction)",
        line={"color": ACCENT, "width": 3},
        marker={
            "symbol": ["circle", "arrow"],
            "size": [7, 18],
            "angleref": "previous",
            "color": ACCENT,
        },
        hoverinfo="skip",
    )


def square_axes(
    fig, box=BOX, xtitle="x₁", ytitle="x₂", row=None, col=None, **more
):
    """Axes of a plane at one scale, each over ``box`` (None: plotly's range), the plot
    shrunk to fit; in the subplot ``row``, ``col`` if given. ``more`` goes to both axes."""
    both = {"constrain": "domain", **more}
    if box is not None:
        both["range"] = list(box)
    if row is not None:
        both.update(row=row, col=col)
    x_title = {} if xtitle is None else {"title_text": xtitle}
    y_title = {} if ytitle is None else {"title_text": ytitle}
    fig.update_xaxes(**x_title, **both)
    anchor = "x" if col in (None, 1) else f"x{col}"
    fig.update_yaxes(**y_title, scaleanchor=anchor, scaleratio=1, **both)
    return fig


def plane_layout(fig, title="", height=480, box=BOX, legend=True):
    """Square axes x1, x2 over the box, equal scales, legend below."""
    square_axes(fig, box, zeroline=True)
    fig.update_layout(
        title={"text": title},
        height=height,
        showlegend=legend,
        legend={"orientation": "h", "y": -0.15, "x": 0.5, "xanchor": "center"},
    )
    return fig


def mistakes(X, t, w, b):
    """Indices of the samples that the threshold neuron step(w^T x + b) gets wrong."""
    return np.flatnonzero(step(np.asarray(w) @ X + b) != t)


def mark_trace(xy, name, symbol, size, color, width):
    """Marks (a ring, a cross) at the points ``xy``, ``{"x": [...], "y": [...]}``; nothing
    on hover."""
    return go.Scatter(
        **xy,
        mode="markers",
        name=name,
        marker={
            "symbol": symbol,
            "size": size,
            "color": color,
            "line": {"width": width},
        },
        hoverinfo="skip",
    )


def ring_trace(X, idx, name="misclassified", size=18):
    """Rings in ink around the samples ``idx``: the ones a line gets wrong."""
    xy = {"x": X[0, idx], "y": X[1, idx]}
    return mark_trace(xy, name, "circle-open", size, INK, 2)
