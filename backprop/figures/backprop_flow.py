"""Chapter 3's animation of backpropagation flowing through a network, a layer per frame.

The numbers are recorded from the book's engine by :func:`backprop.figures.steps.forward_backward_steps`;
this module only draws them: the units (nodes), the weights (dots on the edges), captions.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from backprop.figures._controls import add_player
from backprop.figures.diagram import edge_lines, lines_trace, node_positions
from backprop.figures.steps import forward_backward_steps
from backprop.figures.style import (
    GRAY_4,
    LABEL,
    NODE_OUTLINE,
    PAPER,
    SIGN_NEGATIVE,
    SIGN_POSITIVE,
    SIGN_SCALE,
)
from backprop.nn import MLP
from backprop.plotting import describe

__all__ = ["backprop_animation"]

# what a unit shows on hover, in this order: (key of a recorded step, label)
_FORWARD_SHOWN = (("z", "z"), ("y", "y"))
_BACKWARD_SHOWN = (("dJ_dz", "dJ/dz"), ("dJ_dy", "dJ/dy"))


def _fmt(v):
    return f"{v:+.3f}"


def _columns(steps):
    """Per column of units, its recorded values and its gradients: {label: array}."""
    n_columns = max(step["column"] for step in steps) + 1
    values, grads = [None] * n_columns, [None] * n_columns
    for step in steps:
        forward = step["phase"] == "forward"
        shown = _FORWARD_SHOWN if forward else _BACKWARD_SHOWN
        units = {label: step[key] for key, label in shown if key in step}
        (values if forward else grads)[step["column"]] = units
    return values, grads


def _unit_lines(column, k, known):
    """The hover lines of unit k in ``column`` (0: the input), from what is ``known``."""
    lines = [("input" if column == 0 else f"layer {column}") + f", unit {k}"]
    for quantities in known:
        lines += [f"{key} = {_fmt(val[k])}" for key, val in quantities.items()]
    return "<br>".join(lines)


def _node_state(values, grads, known_forward, known_backward):
    """Each unit's colour and hover text once the forward pass has reached column
    ``known_forward`` and the backward pass column ``known_backward``.

    A unit is coloured by its gradient where the backward pass has been, else by its output.
    """
    colors, texts = [], []
    for col, (value, grad) in enumerate(zip(values, grads, strict=True)):
        forward, back = col <= known_forward, col >= known_backward
        known = [value] * forward + [grad] * back
        for k in range(len(value["y"])):
            if back:
                g = grad.get("dJ/dz", grad.get("dJ/dy"))
                colors.append(float(np.tanh(3 * g[k])))
            elif forward:
                colors.append(float(np.tanh(value["y"][k])))
            else:
                colors.append(0)  # not known yet
            texts.append(_unit_lines(col, k, known))
    return colors, texts


def _edge_state(number, W, shown, label):
    """Layer ``number``'s edges: a dot per weight, sized by |``shown``| and coloured by its
    sign; ``label`` names what is shown ("W", or "dJ/dW" with W on hover too)."""
    scale = max(np.max(np.abs(shown)), 1e-12)
    sizes, colors, texts = [], [], []
    for j, i in np.ndindex(W.shape):
        v = shown[j, i]
        sizes.append(float(4 + 14 * abs(v) / scale))
        colors.append(SIGN_POSITIVE if v >= 0 else SIGN_NEGATIVE)
        text = f"layer {number}: {label}[{j}, {i}] = {_fmt(v)}"
        if label != "W":
            text += f"<br>W[{j}, {i}] = {_fmt(W[j, i])}"
        texts.append(text)
    return sizes, colors, texts


def _edge_dots(mids, state):
    """A layer's edges as dots at their midpoints, in the ``state`` of :func:`_edge_state`."""
    sizes, colors, texts = state
    return go.Scatter(
        x=mids[:, 0],
        y=mids[:, 1],
        mode="markers",
        showlegend=False,
        marker={"size": sizes, "color": colors},
        hovertext=texts,
        hoverinfo="text",
    )


def _unit_nodes(xy, state):
    """Every unit as a node at ``xy``, in the ``state`` of :func:`_node_state`."""
    colors, texts = state
    return go.Scatter(
        x=xy[:, 0],
        y=xy[:, 1],
        mode="markers",
        showlegend=False,
        hovertext=texts,
        hoverinfo="text",
        marker={
            "size": 30,
            "color": colors,
            "cmin": -1,
            "cmax": 1,
            "line": {"color": NODE_OUTLINE, "width": 2},
            "colorscale": SIGN_SCALE,
        },
    )


def _network_traces(values, grads, W):
    """The figure's traces as the first frame shows them: every edge as a line (trace 0),
    each layer's weights W as dots (traces 1 to L), the units (trace L + 1)."""
    positions = node_positions([len(value["y"]) for value in values])
    xs, ys, mids = edge_lines(positions)
    dots = [
        _edge_dots(mids[n], _edge_state(n + 1, W[n], W[n], "W"))
        for n in range(len(W))
    ]
    nodes = _node_state(values, grads, 0, len(values))
    return [
        lines_trace(xs, ys, GRAY_4),
        *dots,
        _unit_nodes(np.vstack(positions), nodes),
    ]


def _caption(step, n_layers):
    """What the frame of a recorded ``step`` shows, in words."""
    col = step["column"]
    if step["phase"] == "forward":
        if col == 0:
            return "Forward: the input x enters (hover over a unit for its numbers)"
        return f"Forward through layer {col}: z = W x + b, y = f(z); its y is the next layer's x"
    if col == 0:
        return "Done: dJ/dx for the input too; every weight has its dJ/dW"
    if col == n_layers:
        what = (
            f"The cost J = {step['J']:.4f}. Backward: at the output, "
            "dJ/dz = y − t (the loss and f together)"
        )
    else:
        what = (
            f"Back through layer {col}: dJ/dy = Wᵀ dJ/dz from above, "
            "then dJ/dz = dJ/dy · f′(z)"
        )
    return what + f"; dJ/dW = dJ/dz xᵀ fills layer {col}'s edges"


def _frame(k, step, values, grads, W):
    """Frame ``k``: the units once ``step`` is done and, going back, the layer's dJ/dW."""
    n_layers = len(values) - 1
    col, forward = step["column"], step["phase"] == "forward"
    known = (col, n_layers + 1) if forward else (n_layers, col)
    colors, texts = _node_state(values, grads, *known)
    data = [go.Scatter(marker={"color": colors, "size": 30}, hovertext=texts)]
    traces = [n_layers + 1]
    if not forward and col > 0:
        s, c, txt = _edge_state(col, W[col - 1], step["dJ_dW"], "dJ/dW")
        data.insert(
            0, go.Scatter(marker={"size": s, "color": c}, hovertext=txt)
        )
        traces.insert(0, col)
    caption = _caption(step, n_layers)
    return go.Frame(
        data=data,
        traces=traces,
        name=str(k),
        layout={"title": {"text": caption}},
    )


def _flow_layout(fig, n_layers, title):
    """Hidden axes, a label over each column of units, and the ``title``."""
    fig.update_xaxes(visible=False, range=[-0.4, n_layers + 0.4])
    fig.update_yaxes(visible=False, range=[-0.75, 0.75])
    for col in range(n_layers + 1):
        label = (
            "input x"
            if col == 0
            else ("output" if col == n_layers else f"layer {col}")
        )
        fig.add_annotation(
            x=col,
            y=0.62,
            text=label,
            showarrow=False,
            font={"size": 12, "color": LABEL},
        )
    fig.update_layout(
        title={"text": title, "font": {"size": 13}},
        height=500,
        plot_bgcolor=PAPER,
        hovermode="closest",
        margin={"t": 60},
    )


def backprop_animation(
    net=None, x=(1.0, 0.0), t=(1.0,), loss="binary_cross_entropy"
):
    """Forward then backward through a small network, one frame per layer.

    Units are coloured by the quantity of the current phase (y going forward, dJ/dz going
    back); the dots in the middle of the edges grow with |W| going forward and |dJ/dW| going
    back. Every number is on hover.
    """
    if net is None:
        net = MLP([2, 3, 2, 1], activation="tanh", output="sigmoid", seed=3)
    steps = forward_backward_steps(net, x, t, loss)
    values, grads = _columns(steps)
    W = [step["W"] for step in steps if "W" in step]
    fig = go.Figure(_network_traces(values, grads, W))
    fig.frames = [
        _frame(k, step, values, grads, W) for k, step in enumerate(steps)
    ]
    _flow_layout(fig, len(W), _caption(steps[0], len(W)))
    return describe(
        add_player(fig, [str(k) for k in range(len(steps))], duration=1200),
        "One forward and one backward pass through a small network, a layer per frame: going forward the units show their outputs y, going back their gradients dJ/dz, computed from the layer above with the same weights.",
    )
