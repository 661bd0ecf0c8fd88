"""Figures of Chapter 2, Multi-layer networks.

Each figure computes its data, takes its traces and browser-side states from
:mod:`backprop.figures.networks_traces`, and lays them out.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from backprop.figures._controls import button_row, slider
from backprop.figures._plane import (
    XOR_BOX,
    boundary_state,
    class_traces,
    line_trace,
    mistakes,
    ring_trace,
    side_trace,
    square_axes,
)
from backprop.figures.diagram import arrow
from backprop.figures.networks_traces import (
    _FINE,
    _XOR_NAMES,
    _XS,
    _fit_traces,
    _grid_curves,
    _grid_trace,
    _largest_error,
    _morph_steps,
    _morphed_grid,
    _output,
    _parts,
    _preset_buttons,
    _unit_trace,
    _units,
    _universal_steps,
    _xor_hidden_data,
    _xor_points,
    hidden_map,  # noqa: F401 (importable from here, as before)
    separating_line,  # noqa: F401
)
from backprop.figures.style import (
    ACCENT,
    ARROW,
    CLASS_COLORS,
    GREEN,
    HIDDEN_UNIT_COLORS,
    INK,
    MUTED,
    NODE_OUTLINE,
    ORANGE,
    PAPER,
    text_color,
)
from backprop.neuron import sigmoid
from backprop.plotting import describe
from backprop.universal import TARGETS, fit_one_hidden_layer

__all__ = [
    "XOR_PRESETS",
    "xor_best_line",
    "xor_hidden",
    "xor_presets",
    "xor_morph",
    "universal_fit",
    "universal_slider",
    "approximation_errors",
    "dag_figure",
    "unrolled_rnn",
]

# layout that puts a horizontal legend between the title and the plot
_LEGEND_UNDER_TITLE = {
    "title_y": 0.97,
    "margin": {"t": 110},
    "legend": {
        "orientation": "h",
        "y": 1.02,
        "x": 0,
        "xanchor": "left",
        "yanchor": "bottom",
    },
}

# hidden weights W (2, 2), hidden biases b (2,) for a few instructive choices
XOR_PRESETS = {
    "OR and AND": ([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5]),
    "OR and NAND": ([[1.0, 1.0], [-1.0, -1.0]], [-0.5, 1.5]),
    "two parallel bands": ([[1.0, -1.0], [-1.0, 1.0]], [-0.5, -0.5]),
    "twice the same line": ([[1.0, 1.0], [1.0, 1.0]], [-0.5, -0.5]),
}


def xor_best_line(X, t, w, b):
    """The XOR points with one line and the samples it gets wrong."""
    state = boundary_state(np.asarray(w, float), b, box=XOR_BOX)
    wrong = mistakes(X, t, w, b)
    fig = go.Figure(
        [
            side_trace(state["pos"], 1, "says 1"),
            line_trace(state["line"], "best line"),
        ]
        + _xor_points(X, t)
        + [ring_trace(X, wrong, "wrong", size=30)]
    )
    square_axes(fig, XOR_BOX)
    fig.update_layout(
        title=f"The best single line still gets {len(wrong)} of 4 wrong",
        height=430,
    )
    return describe(
        fig,
        "XOR: the two classes sit on opposite corners of the square, so every straight line leaves at least one of the four points on the wrong side.",
    )


def xor_hidden(X, t, w11=1.0, w12=1.0, b1=-0.5, w21=1.0, w22=1.0, b2=-1.5):
    """The input plane with both hidden units' lines, and the points in hidden space h.

    The hidden units are threshold units, h_k = step(w_k1 x1 + w_k2 x2 + b_k).
    """
    W, b = [[w11, w12], [w21, w22]], [b1, b2]
    H, Hj, lines, out_line, verdict = _xor_hidden_data(X, t, W, b)
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=(
            "input space x",
            "hidden space h",
        ),
    )
    for k in range(2):
        fig.add_trace(
            go.Scatter(
                **lines[k],
                mode="lines",
                name=f"unit h{k + 1}: z = 0",
                line={"color": HIDDEN_UNIT_COLORS[k], "width": 3},
            ),
            1,
            1,
        )
    for tr in _xor_points(X, t):
        fig.add_trace(tr, 1, 1)
    for tr in _xor_points(Hj, t, showlegend=False):
        fig.add_trace(tr, 1, 2)
    fig.add_trace(
        go.Scatter(
            **out_line,
            mode="lines",
            name="output unit: a line in h",
            line={"color": INK, "width": 2, "dash": "dash"},
        ),
        1,
        2,
    )
    square_axes(fig, XOR_BOX, row=1, col=1)
    square_axes(fig, (-0.3, 1.3), "h₁", "h₂", 1, 2)
    fig.update_layout(
        title={"text": verdict, "font": {"size": 14}},
        height=470,
        margin={"t": 90},
        legend={"orientation": "h", "y": -0.2, "x": 0.5, "xanchor": "center"},
    )
    return describe(
        fig,
        "Left, the input plane with the lines of the two hidden units; right, where the hidden layer sends the four XOR points: in the hidden space h a single line separates the classes.",
    )


def xor_presets(X, t, presets=None):
    """:func:`xor_hidden` with a button per preset hidden layer, working in the browser."""
    presets = presets or XOR_PRESETS
    names = list(presets)
    W0, b0 = presets[names[0]]
    fig = xor_hidden(X, t, *W0[0], b0[0], *W0[1], b0[1])
    buttons = _preset_buttons(X, t, presets)
    fig.update_layout(
        title={
            "text": f"{names[0]}: {_xor_hidden_data(X, t, W0, b0)[4]}",
            "y": 0.98,
            "yanchor": "top",
        },
        margin={"t": 150},
        updatemenus=[button_row(buttons, 0, 1.36)],
    )
    return describe(
        fig,
        "Different choices of hidden layer send the XOR points to different places in hidden space; the title says whether one line can then separate the two classes.",
    )


def xor_morph(
    X, t, W=((1.0, 1.0), (1.0, 1.0)), b=(-0.5, -1.5), steepness=4.0, steps=11
):
    """Morph the input plane into hidden space: a slider in the browser.

    The hidden units are steep sigmoids, h = sigmoid(k (W x + b)), so the plane bends smoothly.
    Each grid line of the plane, and each XOR point, moves from x (slider at 0) to h (at 1).
    """
    W, b = np.asarray(W, float), np.asarray(b, float)

    def mix(P, s):  # the points P a fraction s of the way from x to h
        return (1 - s) * P + s * sigmoid(steepness * (W @ P + b[:, None]))

    curves = _grid_curves()
    fig = go.Figure()
    fig.add_trace(_grid_trace(*_morphed_grid(curves, mix, 0.0)))
    # the points move as the plane does: plotly's hover, not "x = ..."
    fig.add_traces(class_traces(X, t, None, 14, _XOR_NAMES, hover=False))
    slider_steps = _morph_steps(X, t, curves, mix, np.linspace(0, 1, steps))
    square_axes(fig, (-0.6, 1.6), "x₁ → h₁", "x₂ → h₂")
    fig.update_layout(
        title="Slide from the input plane (0) to the hidden space (1)",
        height=560,
        sliders=[slider(slider_steps, 0, "morph: ", pad=50)],
        **_LEGEND_UNDER_TITLE,
    )
    return describe(
        fig,
        "The input plane bent, step by step, into the hidden space of two steep sigmoid units: the grid folds and the XOR points move to corners where one line separates them.",
    )


# --------------------------------------------------------------------------------------------
# Universal approximation


def universal_fit(target="bump", n_units=8, show_units=True):
    """One hidden layer of sigmoids fitted to a 1-D target: each unit's part and their sum."""
    if target not in TARGETS:
        raise ValueError(
            f"target must be one of {list(TARGETS)}, got {target!r}"
        )
    f = TARGETS[target]
    net = fit_one_hidden_layer(f, n_units)
    fig = go.Figure()
    if show_units:
        # every unit's line in one trace, each ended by a gap (NaN): one line to draw and
        # one trace to update when the number of units changes
        parts = _parts(net, _XS)
        gap = np.full((n_units, 1), np.nan)
        x = np.hstack([np.broadcast_to(_XS, parts.shape), gap]).ravel()
        fig.add_trace(_unit_trace(x, np.hstack([parts, gap]).ravel(), True))
    fig.add_traces(_fit_traces(f, _output(net, _XS)))
    err = _largest_error(net, f)
    fig.update_layout(
        title=f"{target}, {_units(n_units)}: largest error {err:.3f}",
        height=420,
        xaxis_title="x",
        yaxis_title="y",
        yaxis={"range": [-1.6, 1.9]},
        legend={"orientation": "h", "y": -0.2, "x": 0.5, "xanchor": "center"},
    )
    return describe(
        fig,
        "One hidden layer of sigmoids fitted to a curve: each unit adds a smooth step (thin lines), and their weighted sum (thick line) follows the target; more units give a closer fit.",
    )


def universal_slider(
    target="bump", counts=(1, 2, 3, 4, 6, 8, 12, 16, 24), active=3
):
    """:func:`universal_fit` with a slider over the number of hidden units, in the browser.

    ``active`` is the index in ``counts`` the slider starts at.
    """
    f = TARGETS[target]
    largest = max(counts)
    fig = go.Figure()
    # one trace per possible unit; the unused ones stay empty
    for i in range(largest):
        fig.add_trace(_unit_trace([], [], first=i == 0))
    fig.add_traces(_fit_traces(f, []))
    steps = _universal_steps(f, target, counts, largest)
    fig.update_layout(
        height=500,
        xaxis_title="x",
        yaxis_title="y",
        yaxis={"range": [-1.6, 1.9]},
        **_LEGEND_UNDER_TITLE,
        sliders=[slider(steps, active, "hidden units: ", pad=50)],
    )
    first = steps[active]["args"]
    for k, trace_index in enumerate(first[2]):
        fig.data[trace_index].update(x=first[0]["x"][k], y=first[0]["y"][k])
    fig.update_layout(title=first[1]["title.text"])
    return describe(
        fig,
        "More hidden units fit the target curve more closely: with a few units the sum of smooth steps is coarse, with many it follows the curve almost everywhere.",
    )


def approximation_errors(counts=(1, 2, 4, 8, 16, 32, 64)):
    """Largest and mean error against the number of hidden units, for every target."""
    fig = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=(
            "largest error",
            "mean error",
        ),
        horizontal_spacing=0.12,
    )
    colors = [ACCENT, ORANGE, GREEN, CLASS_COLORS[0], MUTED]
    for (name, f), color in zip(TARGETS.items(), colors, strict=False):
        worst, mean = [], []
        for n in counts:
            gap = np.abs(_output(fit_one_hidden_layer(f, n), _FINE) - f(_FINE))
            worst.append(gap.max())
            mean.append(gap.mean())
        for col, values in ((1, worst), (2, mean)):
            fig.add_trace(
                go.Scatter(
                    x=list(counts),
                    y=values,
                    name=name,
                    mode="lines+markers",
                    line={"color": color},
                    legendgroup=name,
                    showlegend=col == 1,
                ),
                1,
                col,
            )
    fig.update_xaxes(
        type="log", title_text="hidden units", tickvals=list(counts)
    )
    fig.update_yaxes(type="log", dtick=1, exponentformat="power")
    fig.update_yaxes(title_text="max |net − f|", row=1, col=1)
    fig.update_yaxes(title_text="mean |net − f|", row=1, col=2)
    fig.update_layout(
        height=420,
        margin={"t": 90},
        title="More units, smaller error, except the largest error of the step",
    )
    return describe(
        fig,
        "For every target curve, the error shrinks as the number of hidden units grows, except the largest error of the step, which stays near half its jump because a sum of smooth sigmoids cannot jump.",
    )


# --------------------------------------------------------------------------------------------
# Architectures


def _arrow(fig, start, end, text="", color=ARROW):
    fig.add_annotation(arrow(start, end, color, 1.6, 16, arrowsize=1.2))
    if text:
        fig.add_annotation(
            x=(start[0] + end[0]) / 2,
            y=(start[1] + end[1]) / 2,
            text=text,
            showarrow=False,
            font={"size": 12, "color": text_color(color)},
            bgcolor=PAPER,
            xref="x",
            yref="y",
        )


def _nodes(fig, nodes, color=PAPER):
    fig.add_trace(
        go.Scatter(
            x=[p[0] for p in nodes.values()],
            y=[p[1] for p in nodes.values()],
            mode="markers+text",
            text=list(nodes),
            textposition="middle center",
            marker={
                "size": 38,
                "color": color,
                "line": {"color": NODE_OUTLINE, "width": 2},
            },
            hoverinfo="skip",
            showlegend=False,
            textfont={"size": 13},
        )
    )


def _clean(fig, title, height):
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    fig.update_layout(
        title=title,
        height=height,
        plot_bgcolor=PAPER,
        margin={"t": 60, "b": 10, "l": 10, "r": 10},
    )
    return fig


def dag_figure(
    graph, positions, title="A feed-forward network is any graph without loops"
):
    """A directed acyclic graph of layers: ``graph`` maps a node to the nodes it reads."""
    fig = go.Figure()
    for node, inputs in graph.items():
        for src in inputs:
            _arrow(fig, positions[src], positions[node])
    _nodes(fig, positions)
    return describe(
        _clean(fig, title, 320),
        "A network drawn as a graph: each node reads the nodes its arrows come from, and there are no loops, so the nodes can be computed one after another.",
    )


def unrolled_rnn(T=4):
    """A recurrent unit folded (a loop) and unrolled in time (a chain with shared weights)."""
    fig = go.Figure()
    fold = {"x": (0.0, 0.0), "h": (0.0, 1.3)}
    _arrow(fig, fold["x"], fold["h"], "U", ORANGE)
    # the loop: a circle through the unit, above it and behind it, with W beside it
    fig.add_shape(
        type="circle",
        x0=-0.3,
        x1=0.3,
        y0=1.3,
        y1=2.1,
        line={"color": ACCENT, "width": 1.6},
        layer="below",
    )
    fig.add_annotation(
        x=0.45,
        y=1.95,
        text="W",
        showarrow=False,
        font={"size": 12, "color": text_color(ACCENT)},
    )
    nodes = {"xₜ": fold["x"], "hₜ": fold["h"]}
    # below the chains: between them it ran into the label U on a phone
    fig.add_annotation(
        x=1.0, y=-0.6, text="unroll ⟶", showarrow=False, font={"size": 14}
    )
    unrolled = {"h₀": (2.0, 1.3)}
    for k in range(1, T + 1):
        unrolled[f"x{_sub(k)}"] = (2.0 + 1.3 * k, 0.0)
        unrolled[f"h{_sub(k)}"] = (2.0 + 1.3 * k, 1.3)
        _arrow(
            fig,
            unrolled[f"h{_sub(k - 1)}"],
            unrolled[f"h{_sub(k)}"],
            "W",
            ACCENT,
        )
        _arrow(
            fig,
            unrolled[f"x{_sub(k)}"],
            unrolled[f"h{_sub(k)}"],
            "U",
            ORANGE,
        )
    _nodes(fig, {**nodes, **unrolled})
    return describe(
        _clean(
            fig,
            f"Folded (a loop) and unrolled over {T} steps: all share W and U",
            330,
        ),
        "A recurrent unit folded, with a loop from its state to itself, and the same unit unrolled in time: a chain of copies that share one set of weights.",
    )


def _sub(k):
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
