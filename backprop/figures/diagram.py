"""Network diagrams: units as nodes, weights as edges, values on hover.

Drawn from a network's shapes alone (a list of layer sizes) or from its layers (objects with
``W`` of shape (n_y, n_x) and ``b`` of shape (n_y, 1)), in which case every edge's colour says
the sign of its weight and its width the size. Chapter 3 reuses the same pieces to animate the
backward pass.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from backprop.figures.style import (
    LABEL,
    MUTED,
    NODE_OUTLINE,
    PAPER,
    SIGN_NEGATIVE,
    SIGN_POSITIVE,
    SIGN_SCALE,
)
from backprop.plotting import describe

_WIDTH_BINS = 4  # edges are grouped by sign and width into a few traces


def node_positions(sizes, height=1.0):
    """(x, y) of every unit: one column per layer, units spread evenly, centred.

    Returns a list with one array of shape (n_units, 2) per layer (inputs first).
    """
    tallest = max(sizes)
    positions = []
    for col, n in enumerate(sizes):
        gap = height / max(tallest - 1, 1)
        ys = (np.arange(n) - (n - 1) / 2) * gap
        positions.append(np.column_stack([np.full(n, float(col)), -ys]))
    return positions


def edge_lines(positions):
    """Every edge between successive columns, and each layer's edge midpoints.

    Returns xs and ys of one polyline (edges separated by None) and, per layer, an array
    of midpoints ordered like that layer's W: row j (the unit fed), then column i.
    """
    xs, ys, mids = [], [], []
    for left, right in zip(positions[:-1], positions[1:], strict=True):
        middle = []
        for c in right:
            for a in left:
                xs += [a[0], c[0], None]
                ys += [a[1], c[1], None]
                middle.append(((a[0] + c[0]) / 2, (a[1] + c[1]) / 2))
        mids.append(np.array(middle))
    return xs, ys, mids


def lines_trace(xs, ys, color, width=1, **settings):
    """Edges as one trace of lines (xs, ys with None between edges) that only draws: nothing
    on hover, no legend entry. ``settings`` are more of the trace's (an opacity)."""
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": color, "width": width},
        hoverinfo="skip",
        showlegend=False,
        **settings,
    )


def arrow(start, end, color, width, standoff, **more):
    """An arrow from the point ``start`` to ``end`` (data units), as a layout annotation that
    stops ``standoff`` pixels short of both points, outside their nodes."""
    return dict(
        x=end[0],
        y=end[1],
        ax=start[0],
        ay=start[1],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=3,
        arrowwidth=width,
        arrowcolor=color,
        standoff=standoff,
        startstandoff=standoff,
        text="",
        **more,
    )


def layer_sizes(layers):
    return [layers[0].W.shape[1]] + [layer.W.shape[0] for layer in layers]


def edge_traces(layers, positions, max_hover=400):
    """Edges grouped into traces by sign and width, plus hover points at their middles."""
    weights = [np.asarray(layer.W, dtype=float) for layer in layers]
    largest = max(float(np.max(np.abs(W))) for W in weights) or 1.0
    groups = {}
    hover_x, hover_y, hover_text = [], [], []
    for li, W in enumerate(weights):
        for j in range(W.shape[0]):
            for i in range(W.shape[1]):
                w = W[j, i]
                size = min(
                    int(abs(w) / largest * _WIDTH_BINS), _WIDTH_BINS - 1
                )
                key = (w >= 0, size)
                (x0, y0), (x1, y1) = positions[li][i], positions[li + 1][j]
                xs, ys = groups.setdefault(key, ([], []))
                xs += [x0, x1, None]
                ys += [y0, y1, None]
                hover_x.append((x0 + x1) / 2)
                hover_y.append((y0 + y1) / 2)
                hover_text.append(
                    f"layer {li + 1}: W[{j}, {i}] = {w:.3f}<br>from input {i} to unit {j}"
                )
    traces = []
    for (positive, size), (xs, ys) in sorted(groups.items()):
        color = SIGN_POSITIVE if positive else SIGN_NEGATIVE
        traces.append(
            lines_trace(xs, ys, color, 0.8 + 2.2 * size, opacity=0.75)
        )
    if len(hover_x) <= max_hover:
        traces.append(
            go.Scatter(
                x=hover_x,
                y=hover_y,
                mode="markers",
                marker={"size": 10, "opacity": 0},
                hovertext=hover_text,
                hoverinfo="text",
                showlegend=False,
                name="weights",
            )
        )
    return traces


def node_trace(positions, text=None, colors=None, name="units"):
    """All units as one scatter trace; ``text`` (one string per unit) shows on hover."""
    xy = np.vstack(positions)
    return go.Scatter(
        x=xy[:, 0],
        y=xy[:, 1],
        mode="markers",
        name=name,
        showlegend=False,
        marker={
            "size": 26,
            "color": colors if colors is not None else PAPER,
            "line": {"color": NODE_OUTLINE, "width": 2},
            "cmin": -1,
            "cmax": 1,
            "colorscale": SIGN_SCALE,
        },
        hovertext=text,
        hoverinfo="text" if text is not None else "skip",
    )


def unit_labels(sizes):
    """x₁ … for the inputs, then the outputs of each layer (the next layer's inputs)."""
    return [
        [
            f"{_column_name(col, len(sizes), 'input')}, unit {k}"
            for k in range(n)
        ]
        for col, n in enumerate(sizes)
    ]


def _column_name(col, n_columns, inputs):
    """What column ``col`` of a diagram holds: ``inputs`` first, a layer, the output."""
    if col == 0:
        return inputs
    return "output" if col == n_columns - 1 else f"layer {col}"


def network_diagram(layers=None, sizes=None, x=None, title=None, height=420):
    """Draw a network from its layers (or just its sizes).

    Parameters
    ----------
    layers : list of objects with ``W`` (n_y, n_x) and ``b`` (n_y, 1), optional
        Edge colour is the sign of each weight (blue positive, pink negative), width its size.
    sizes : list of int, optional
        Only the shape, when there are no weights yet.
    x : ndarray of shape (n_inputs,) or (n_inputs, 1), optional
        One sample: when given with ``layers``, every unit shows its z and y on hover and its
        colour is its output y.
    """
    if layers is None and sizes is None:
        raise ValueError("give the network's layers or its sizes")
    sizes = layer_sizes(layers) if layers is not None else list(sizes)
    positions = node_positions(sizes)
    traces = edge_traces(layers, positions) if layers is not None else []
    if layers is None:  # plain grey edges from the shapes alone
        xs, ys, _ = edge_lines(positions)
        traces.append(lines_trace(xs, ys, MUTED))
    labels = unit_labels(sizes)
    text = [lab for col in labels for lab in col]
    colors = None
    if layers is not None and x is not None:
        text, colors = _evaluated_units(labels, forward_values(layers, x))
    traces.append(node_trace(positions, text, colors))
    fig = go.Figure(traces)
    _diagram_layout(fig, sizes, title, height)
    return describe(
        fig,
        "A network as layers of units, inputs on the left: every unit is joined to every unit of the next layer; where weights are known, blue edges are positive, pink negative, and thicker ones larger.",
    )


def _evaluated_units(labels, values):
    """Each unit's hover text (its x, or its z and y) and colour (tanh of its output),
    from ``values`` = [x, z1, y1, z2, y2, ...] of one sample."""
    text, colors = [], []
    for li, col in enumerate(labels):
        for k, lab in enumerate(col):
            if li == 0:
                text.append(f"{lab}<br>x = {values[0][k]:.3f}")
                colors.append(float(np.tanh(values[0][k])))
            else:
                z, y = values[2 * li - 1][k], values[2 * li][k]
                text.append(f"{lab}<br>z = {z:.3f}<br>y = {y:.3f}")
                colors.append(float(np.tanh(y)))
    return text, colors


def _diagram_layout(fig, sizes, title, height):
    """Hidden axes, each column named above it with its size, the sizes as title."""
    n_layers = len(sizes)
    fig.update_xaxes(visible=False, range=[-0.5, n_layers - 0.5])
    fig.update_yaxes(visible=False, scaleanchor=None)
    for col, n in enumerate(sizes):
        fig.add_annotation(
            x=col,
            y=0.62,
            text=f"{_column_name(col, n_layers, 'input x')}<br>({n})",
            showarrow=False,
            yanchor="bottom",
            font={"size": 12, "color": LABEL},
        )
    fig.update_layout(
        title=title or "  →  ".join(str(n) for n in sizes),
        height=height,
        plot_bgcolor=PAPER,
        hovermode="closest",
        margin={"t": 60, "b": 20},
    )


def forward_values(layers, x):
    """[x, z1, y1, z2, y2, ...] for one sample, each as a flat array, without side effects."""
    from backprop.nn import (
        activate,  # the chapter's code; imported late to avoid a cycle
    )

    x = np.asarray(x, dtype=float).reshape(-1, 1)
    values = [x.ravel()]
    for layer in layers:
        z = layer.W @ x + layer.b
        x = activate(layer.activation, z)
        values += [z.ravel(), x.ravel()]
    return values
