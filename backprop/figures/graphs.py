"""Figures of the chapter Backpropagation on any graph."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from backprop.figures._controls import add_player, slider
from backprop.figures.diagram import arrow
from backprop.figures.steps_graph import record_backward
from backprop.figures.style import (
    ACCENT,
    CLASS_COLORS,
    GRADIENT_DONE,
    GRADIENT_PARTIAL,
    GRADIENT_WAITING,
    GRAY_5,
    HOT,
    MUTED,
    NODE_OUTLINE,
    NODE_TEXT,
    PAPER,
)
from backprop.plotting import describe

__all__ = [
    "FAN_OUT_POSITIONS",
    "fan_out_graph",
    "backward_steps",
    "first_step_gradients",
    "paths_and_edges",
]

# the chapter's small graph: x feeds both z = w x and s = x + y (a fan-out)
FAN_OUT_POSITIONS = {
    "x": (0.0, 0.0),
    "w": (0.0, 1.0),
    "z": (1.0, 1.0),
    "y": (2.0, 1.0),
    "s": (3.0, 0.0),
    "J": (4.0, 0.0),
}


def fan_out_graph(x=0.5, w=1.2):
    """The graph z = w x, y = tanh z, s = x + y, J = s ** 2, as Value nodes.

    Returns (J, nodes) with nodes a dict name -> Value, in the order of the
    forward pass.
    """
    from backprop.graph import Value

    x, w = Value(x), Value(w)
    z = w * x
    y = z.tanh()
    s = x + y
    J = s**2
    return J, {"x": x, "w": w, "z": z, "y": y, "s": s, "J": J}


def _edges(nodes):
    names = {id(v): k for k, v in nodes.items()}
    return [
        (names[id(p)], child)
        for child, v in nodes.items()
        for p in v.parents
        if id(p) in names
    ]


def _node_text(nodes, grads):
    out = []
    for k, v in nodes.items():
        g = grads[k]
        out.append(f"{v.data:.2f}<br>g={'?' if g is None else f'{g:.2f}'}")
    return out


def backward_steps(x=0.5, w=1.2):
    """The backward pass over the fan-out graph, stepped node by node.

    Every node shows its value and g = dJ/d(node); a node turns dark blue when
    its gradient is complete, light blue while contributions are still
    arriving. The edges a node sends its gradient along are orange, labelled
    with local derivative times upstream gradient. The steps are those the
    engine takes in ``Value.backward``, as :func:`record_backward` notes them.
    """
    J, nodes = fan_out_graph(x, w)
    states = _frame_states(record_backward(J, nodes), list(nodes))
    edges = _edges(nodes)
    label_xy = _label_positions(edges)
    fig = go.Figure()
    # the forward direction (set at once: each add_annotation checks all again)
    fig.layout.annotations = [
        arrow(FAN_OUT_POSITIONS[a], FAN_OUT_POSITIONS[b], GRAY_5, 1.4, 20)
        for a, b in edges
    ]
    fig.add_trace(_hot_edges_trace())  # 0: where a gradient travels now
    fig.add_trace(_amounts_trace(*label_xy, len(edges)))  # 1: what it carries
    none = {k: None for k in nodes}
    waiting = [GRADIENT_WAITING] * len(nodes)
    fig.add_trace(_graph_nodes_trace(nodes, none, waiting))  # 2: the nodes
    fig.add_trace(_values_trace(nodes, none))  # 3: value and gradient
    fig.frames = [
        _frame(i, state, nodes, edges, label_xy)
        for i, state in enumerate(states)
    ]
    first = fig.frames[0].data
    for i in range(4):
        fig.data[i].update(first[i])
    _steps_layout(fig, [state["label"] for state in states])
    dJ_dx = states[-1]["grads"]["x"]
    return describe(
        fig,
        "The backward pass over z = w x, y = tanh z, s = x + y, J = s², one "
        "node at a time: each node multiplies its gradient by the local "
        "derivative of each edge and sends it to its parents. x feeds two "
        f"nodes, so it receives two contributions and adds them: dJ/dx = "
        f"{dJ_dx:.3f}.",
    )


def _frame_states(steps, names):
    """What each frame shows: the forward pass done, the seed, every recorded
    step of the backward pass, the end. Each state is a dict of caption, label
    (under the slider), hot ([(edge, amount)]), grads and final (names)."""
    none = {k: None for k in names}
    states = [
        _state(
            "Forward pass done: every value is known.<br>"
            "g = dJ/d(node) is not, yet.",
            "forward",
            none,
        ),
        _state(
            "The start: dJ/dJ = 1.",
            "J = 1",
            none | {"J": 1.0},
            final={"J"},
        ),
    ]
    for step in steps:
        name = step["node"]
        states.append(
            _state(
                _step_caption(step, states[-1]["grads"]),
                f"from {name}",
                step["grads"],
                hot=[
                    ((p, name), amount) for p, amount in step["sent"].items()
                ],
                final=step["complete"],
            )
        )
    last = steps[-1]["grads"]
    states.append(
        _state(
            f"Done. x fans out, so its g adds two terms:<br>"
            f"dJ/dx = {last['x']:.3f}, dJ/dw = {last['w']:.3f}",
            "done",
            last,
            final=set(names),
        )
    )
    return states


def _state(caption, label, grads, hot=(), final=()):
    """One frame's state; grads holds None for a node nothing has reached yet."""
    return dict(
        caption=caption,
        label=label,
        hot=list(hot),
        grads=grads,
        final=set(final),
    )


def _step_caption(step, before):
    """What a step sends, and where it adds to a gradient already there."""
    parts = []
    for p, amount in step["sent"].items():
        parts.append(f"{p} gets {amount:+.2f}")
        if before[p] is not None:  # a second contribution: they add
            parts[-1] += f", adds: {before[p]:+.2f} {amount:+.2f}"
    return (
        f"{step['node']} sends local derivative × "
        f"{step['grads'][step['node']]:.2f}:<br>" + "; ".join(parts)
    )


def _label_positions(edges):
    """Where each edge's amount is written: beside its middle, off the line."""
    pos = FAN_OUT_POSITIONS
    label_x, label_y = [], []
    for a, b in edges:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        nx, ny = -dy / norm, dx / norm
        if (dy == 0 and ny < 0) or (dy != 0 and nx < 0):  # above, or right
            nx, ny = -nx, -ny
        label_x.append((x0 + x1) / 2 + 0.3 * nx)
        label_y.append((y0 + y1) / 2 + 0.13 * ny + 0.02)
    return label_x, label_y


def _hot_edges_trace():
    return go.Scatter(
        x=[],
        y=[],
        mode="lines",
        line={"color": HOT, "width": 5},
        hoverinfo="skip",
        showlegend=False,
    )


def _amounts_trace(label_x, label_y, n_edges):
    return go.Scatter(
        x=label_x,
        y=label_y,
        mode="text",
        text=[" "] * n_edges,
        textfont={"size": 12, "color": HOT},
        hoverinfo="skip",
        showlegend=False,
    )


# traces and frames as plain dicts, which plotly checks once, when they join the figure
def _graph_nodes_trace(nodes, grads, colors):
    pos = FAN_OUT_POSITIONS
    return dict(
        type="scatter",
        x=[pos[k][0] for k in nodes],
        y=[pos[k][1] for k in nodes],
        mode="markers+text",
        text=list(nodes),
        textfont={"size": 14, "color": NODE_TEXT},
        marker={
            "size": 34,
            "color": colors,
            "line": {"color": NODE_OUTLINE, "width": 2},
        },
        hovertext=[
            f"{k} = {v.data:.4f}<br>dJ/d{k} = "
            + ("not yet" if grads[k] is None else f"{grads[k]:.4f}")
            for k, v in nodes.items()
        ],
        hoverinfo="text",
        showlegend=False,
    )


def _values_trace(nodes, grads):
    pos = FAN_OUT_POSITIONS
    return dict(
        type="scatter",
        x=[pos[k][0] for k in nodes],
        y=[pos[k][1] - 0.27 for k in nodes],
        mode="text",
        text=_node_text(nodes, grads),
        textposition="bottom center",
        textfont={"size": 11},
        hoverinfo="skip",
        showlegend=False,
    )


def _node_colors(grads, final):
    """Dark blue once complete, light blue while contributions arrive, else grey."""
    return [
        GRADIENT_DONE
        if k in final
        else (GRADIENT_PARTIAL if g is not None else GRADIENT_WAITING)
        for k, g in grads.items()
    ]


def _frame(i, state, nodes, edges, label_xy):
    """Frame i: the hot edges, their amounts (one fixed slot per edge, only the
    texts change), the nodes coloured by how far their gradient is."""
    pos = FAN_OUT_POSITIONS
    xs, ys = [], []
    for (a, b), _ in state["hot"]:
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
    amounts = dict(state["hot"])
    text = [f"{amounts[e]:+.2f}" if e in amounts else " " for e in edges]
    grads = state["grads"]
    return dict(
        name=str(i),
        data=[
            dict(type="scatter", x=xs or [None], y=ys or [None]),
            dict(type="scatter", x=label_xy[0], y=label_xy[1], text=text),
            _graph_nodes_trace(
                nodes, grads, _node_colors(grads, state["final"])
            ),
            _values_trace(nodes, grads),
        ],
        traces=[0, 1, 2, 3],
        layout={"title": {"text": state["caption"]}},
    )


def _steps_layout(fig, labels):
    fig.update_xaxes(visible=False, range=[-0.45, 4.45])
    fig.update_yaxes(visible=False, range=[-0.75, 1.35])
    fig.update_layout(
        title={"text": fig.frames[0].layout.title.text, "font": {"size": 13}},
        height=430,
        plot_bgcolor=PAPER,
        hovermode="closest",
        margin={"t": 70, "l": 10, "r": 10},
    )
    add_player(fig, [f.name for f in fig.frames], labels=labels, duration=1300)


def first_step_gradients(steps, norms, scales):
    """How much gradient reaches the first step of an unrolled recurrent net.

    ``norms[k][t]`` is |dJ/dh_0| when the cost reads the state after
    ``steps[t]`` steps and the recurrent weight has size ``scales[k]``.
    A slider picks the weight size; the dashed curve is s ** T.
    """
    steps = np.asarray(steps, dtype=float)
    fig = go.Figure()
    for k, s in enumerate(scales):
        fig.add_traces(_rnn_traces(steps, norms[k], s, visible=k == 0))
    _rnn_layout(fig, scales)
    return describe(
        fig,
        "The size of the gradient that reaches the first state of an unrolled "
        "tanh recurrent net, against the number of steps, for recurrent "
        "weights of several sizes s: below 1 it shrinks like s to the power "
        "T (vanishing); above 1 it grows until tanh saturates (exploding).",
    )


def _rnn_traces(steps, norms, s, visible):
    """The measured |dJ/dh_0| against T for weight size s, and s ** T dashed."""
    return [
        go.Scatter(
            x=steps,
            y=norms,
            mode="lines+markers",
            marker={"size": 5},
            line={"color": ACCENT, "width": 2.5},
            name="|dJ/dh₀|, tanh",
            visible=visible,
        ),
        go.Scatter(
            x=steps,
            y=float(s) ** steps,
            mode="lines",
            line={"color": MUTED, "dash": "dash"},
            name="sᵀ",
            visible=visible,
        ),
    ]


def _rnn_layout(fig, scales):
    """A slider that shows one weight size's pair of traces; log axes."""
    n = len(scales)
    choices = [
        {
            "label": f"{s:g}",
            "method": "update",
            "args": [
                {"visible": [j // 2 == k for j in range(2 * n)]},
                {"title.text": _rnn_title(s)},
            ],
        }
        for k, s in enumerate(scales)
    ]
    fig.update_layout(
        sliders=[slider(choices, prefix="size of W, s = ")],
        title={"text": _rnn_title(scales[0]), "font": {"size": 14}},
        height=480,
        xaxis_title="steps T",
        yaxis={
            "type": "log",
            "title": "gradient at step 0",
            "range": [-13, 5],
            "exponentformat": "power",
        },
        legend={"orientation": "h", "y": -0.22, "x": 0},
        margin={"b": 150},
    )
    fig.layout.sliders[0].update(y=-0.42, pad={"t": 0})


def _rnn_title(s):
    return f"Gradient reaching step 0, s = {s:g}"


def paths_and_edges(depths, paths, edges):
    """Input-to-output paths against edges, for layered networks of each depth."""
    fig = go.Figure(
        [
            go.Scatter(
                x=depths,
                y=paths,
                mode="lines+markers",
                name="paths (sum over paths)",
                line={"color": CLASS_COLORS[0]},
            ),
            go.Scatter(
                x=depths,
                y=edges,
                mode="lines+markers",
                name="edges (backprop's work)",
                line={"color": ACCENT},
                marker={"symbol": "square"},
            ),
        ]
    )
    fig.update_layout(
        title={"text": "Paths grow exponentially, edges linearly"},
        title_font={"size": 14},
        xaxis_title="hidden layers",
        yaxis={"type": "log", "title": "count"},
        height=420,
        legend={"orientation": "h", "y": -0.25, "x": 0},
        margin={"b": 110},
    )
    return describe(
        fig,
        "For layered networks of growing depth, the number of input-to-output "
        "paths (what summing over paths would visit) against the number of "
        "edges (what backpropagation visits): the paths grow exponentially "
        "with depth, the edges linearly.",
    )
