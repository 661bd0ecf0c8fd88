"""Figures of the chapter Backpropagation on any graph."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from backprop.figures._controls import add_player, slider
from backprop.figures.diagram import arrow
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


def _replay(out, nodes):
    """The backward pass of ``out``, recorded one node at a time.

    Returns a list of (node name, {parent name: contribution}, grads) where
    grads holds every node's gradient after that node has passed its own back
    (None for a node no contribution has reached yet).
    """
    from backprop.graph import topological_order

    names = {id(v): k for k, v in nodes.items()}
    order = topological_order(out)
    grad = {id(v): 0.0 for v in order}
    reached = {id(out)}
    grad[id(out)] = 1.0
    steps = []
    for node in reversed(order):
        sent = {}
        for parent, local in zip(node.parents, node.local, strict=True):
            grad[id(parent)] += local * grad[id(node)]
            reached.add(id(parent))
            key = names[id(parent)]
            sent[key] = sent.get(key, 0.0) + local * grad[id(node)]
        if sent:
            steps.append(
                (
                    names[id(node)],
                    sent,
                    {
                        k: (grad[id(v)] if id(v) in reached else None)
                        for k, v in nodes.items()
                    },
                )
            )
    return steps


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
    with local derivative times upstream gradient.
    """
    J, nodes = fan_out_graph(x, w)
    J.backward()  # the engine's own answer, to compare the replay with
    steps = _replay(J, nodes)
    for k, v in nodes.items():
        assert np.isclose(steps[-1][2][k], v.grad)
    pos = FAN_OUT_POSITIONS
    edges = _edges(nodes)
    names = list(nodes)
    # the forward direction (set at once: each add_annotation checks all again)
    arrows = [arrow(pos[a], pos[b], GRAY_5, 1.4, 20) for a, b in edges]
    fig = go.Figure()
    fig.layout.annotations = arrows
    label_x, label_y = [], []
    for a, b in edges:  # beside each edge's middle, off the line
        (x0, y0), (x1, y1) = pos[a], pos[b]
        dx, dy = x1 - x0, y1 - y0
        norm = (dx * dx + dy * dy) ** 0.5
        nx, ny = -dy / norm, dx / norm
        if (dy == 0 and ny < 0) or (dy != 0 and nx < 0):  # above, or right
            nx, ny = -nx, -ny
        label_x.append((x0 + x1) / 2 + 0.3 * nx)
        label_y.append((y0 + y1) / 2 + 0.13 * ny + 0.02)
    fig.add_trace(  # 0: the edges a gradient travels along in this step
        go.Scatter(
            x=[],
            y=[],
            mode="lines",
            line={"color": HOT, "width": 5},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(  # 1: what each of those edges carries
        go.Scatter(
            x=label_x,
            y=label_y,
            mode="text",
            text=[" "] * len(edges),
            textfont={"size": 12, "color": HOT},
            hoverinfo="skip",
            showlegend=False,
        )
    )

    # traces and frames as plain dicts, which plotly checks once, when they join the figure
    def node_trace(grads, colors):
        return dict(
            type="scatter",
            x=[pos[k][0] for k in names],
            y=[pos[k][1] for k in names],
            mode="markers+text",
            text=names,
            textfont={"size": 14},
            marker={
                "size": 34,
                "color": colors,
                "line": {"color": NODE_OUTLINE, "width": 2},
            },
            hovertext=[
                f"{k} = {nodes[k].data:.4f}<br>dJ/d{k} = "
                + ("not yet" if grads[k] is None else f"{grads[k]:.4f}")
                for k in names
            ],
            hoverinfo="text",
            showlegend=False,
        )

    def value_trace(grads):
        return dict(
            type="scatter",
            x=[pos[k][0] for k in names],
            y=[pos[k][1] - 0.27 for k in names],
            mode="text",
            text=_node_text(nodes, grads),
            textposition="bottom center",
            textfont={"size": 11},
            hoverinfo="skip",
            showlegend=False,
        )

    none = {k: None for k in names}
    fig.add_trace(node_trace(none, [GRADIENT_WAITING] * len(names)))  # 2
    fig.add_trace(value_trace(none))  # 3

    frames, labels = [], []

    def add(cap, label, hot, grads, final):
        xs, ys = [], []
        amounts = dict(hot)
        for a, b in (edge for edge, _ in hot):
            xs += [pos[a][0], pos[b][0], None]
            ys += [pos[a][1], pos[b][1], None]
        # one label slot per edge, fixed in place: only the texts change
        tt = [f"{amounts[e]:+.2f}" if e in amounts else " " for e in edges]
        colors = [
            GRADIENT_DONE
            if k in final
            else (
                GRADIENT_PARTIAL if grads[k] is not None else GRADIENT_WAITING
            )
            for k in names
        ]
        frames.append(
            dict(
                name=str(len(frames)),
                data=[
                    dict(type="scatter", x=xs or [None], y=ys or [None]),
                    dict(type="scatter", x=label_x, y=label_y, text=tt),
                    node_trace(grads, colors),
                    value_trace(grads),
                ],
                traces=[0, 1, 2, 3],
                layout={"title": {"text": cap}},
            )
        )
        labels.append(label)

    add(
        "Forward pass done: every value is known.<br>"
        "g = dJ/d(node) is not, yet.",
        "forward",
        [],
        none,
        set(),
    )
    seed = dict(none, J=1.0)
    add("The start: dJ/dJ = 1.", "J = 1", [], seed, {"J"})
    children = {p: [b for a, b in edges if a == p] for p in names}
    final, before = {"J"}, seed
    for name, sent, grads in steps:
        final.add(name)
        # a node is complete once every node it feeds has sent its share
        final |= {p for p in names if all(c in final for c in children[p])}
        parts = []
        for p, amount in sent.items():
            parts.append(f"{p} gets {amount:+.2f}")
            if before[p] is not None:  # a second contribution: they add
                parts[-1] += f", adds: {before[p]:+.2f} {amount:+.2f}"
        cap = (
            f"{name} sends local derivative × {grads[name]:.2f}:<br>"
            + "; ".join(parts)
        )
        hot = [((p, name), amount) for p, amount in sent.items()]
        add(cap, f"from {name}", hot, grads, set(final))
        before = grads
    last = steps[-1][2]
    add(
        f"Done. x fans out, so its g adds two terms:<br>"
        f"dJ/dx = {last['x']:.3f}, dJ/dw = {last['w']:.3f}",
        "done",
        [],
        last,
        set(names),
    )
    fig.frames = frames
    first = fig.frames[0].data
    for i in range(4):
        fig.data[i].update(first[i])
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
    return describe(
        fig,
        "The backward pass over z = w x, y = tanh z, s = x + y, J = s², one "
        "node at a time: each node multiplies its gradient by the local "
        "derivative of each edge and sends it to its parents. x feeds two "
        f"nodes, so it receives two contributions and adds them: dJ/dx = "
        f"{last['x']:.3f}.",
    )


def first_step_gradients(steps, norms, scales):
    """How much gradient reaches the first step of an unrolled recurrent net.

    ``norms[k][t]`` is |dJ/dh_0| when the cost reads the state after
    ``steps[t]`` steps and the recurrent weight has size ``scales[k]``.
    A slider picks the weight size; the dashed curve is s ** T.
    """
    steps = np.asarray(steps, dtype=float)
    fig = go.Figure()
    for k, s in enumerate(scales):
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=norms[k],
                mode="lines+markers",
                marker={"size": 5},
                line={"color": ACCENT, "width": 2.5},
                name="|dJ/dh₀|, tanh",
                visible=k == 0,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=steps,
                y=float(s) ** steps,
                mode="lines",
                line={"color": MUTED, "dash": "dash"},
                name="sᵀ",
                visible=k == 0,
            )
        )
    n = len(scales)
    fig.update_layout(
        sliders=[
            slider(
                [
                    {
                        "label": f"{s:g}",
                        "method": "update",
                        "args": [
                            {"visible": [j // 2 == k for j in range(2 * n)]},
                            {"title.text": _rnn_title(s)},
                        ],
                    }
                    for k, s in enumerate(scales)
                ],
                prefix="size of W, s = ",
            )
        ],
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
    return describe(
        fig,
        "The size of the gradient that reaches the first state of an unrolled "
        "tanh recurrent net, against the number of steps, for recurrent "
        "weights of several sizes s: below 1 it shrinks like s to the power "
        "T (vanishing); above 1 it grows until tanh saturates (exploding).",
    )


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
