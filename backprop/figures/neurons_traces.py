"""What the figures of Chapter 1, Neurons, draw: their data, traces and browser-side states.

:mod:`backprop.figures.neurons` composes these into figures. The perceptron's steps are
recorded from the book's own rule (:func:`backprop.neuron.perceptron_step`), never derived here.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from backprop.figures._plane import BOX, boundary_state, mistakes
from backprop.figures.style import (
    ACCENT,
    CLASS_COLORS,
    ON_MAP,
    ORANGE,
    OUTPUT_SCALE,
    OUTPUT_SCALE_FROM_ZERO,
)
from backprop.neuron import ACTIVATIONS, perceptron_step, softmax, step

__all__ = ["perceptron_path"]

# --------------------------------------------------------------------------------------------
# The decision boundary


def _title(w, b, wrong, n):
    return (
        f"w = ({w[0]:.2f}, {w[1]:.2f}),  b = {b:.2f}:  "
        f"<b>{len(wrong)} of {n}</b> misclassified"
    )


def _state_update(X, t, w, b):
    """Data for the traces of ``boundary`` that move with w and b (see ``_MOVING``)."""
    state = boundary_state(w, b)
    wrong = mistakes(X, t, w, b)
    ring = {"x": X[0, wrong].tolist(), "y": X[1, wrong].tolist()}
    data = [state["neg"], state["pos"], state["line"], ring, state["arrow"]]
    return data, _title(w, b, wrong, X.shape[1])


# traces of `boundary` that change with w and b: the two sides, the line, the rings, the arrow
_MOVING = [0, 1, 2, 5, 6]


def _boundary_steps(X, t, states, labels):
    """Slider steps that redraw ``boundary``'s moving traces for each (w, b) state."""
    steps = []
    for (w, b), label in zip(states, labels, strict=True):
        data, title = _state_update(X, t, np.asarray(w, dtype=float), b)
        steps.append(
            {
                "method": "update",
                "label": label,
                "args": [
                    {"x": [d["x"] for d in data], "y": [d["y"] for d in data]},
                    {"title.text": title},
                    _MOVING,
                ],
            }
        )
    return steps


# --------------------------------------------------------------------------------------------
# The perceptron


def perceptron_path(X, t, lr=1.0, max_epochs=20, w=(0.0, 0.0), b=0.0):
    """Run the perceptron rule and record every step.

    Returns
    -------
    list of dict
        One entry per visited sample: ``epoch``, ``k`` (the sample), ``mistake`` (bool), and the
        weights ``w``, ``b`` after the update. It stops after the first epoch without a mistake
        or after ``max_epochs``.
    """
    w = np.asarray(w, dtype=float)
    path = []
    for epoch in range(1, max_epochs + 1):
        errors = 0
        for k in range(X.shape[1]):
            mistake = bool(step(w @ X[:, k] + b) != t[k])
            errors += mistake
            w, b = perceptron_step(w, b, X[:, k], t[k], lr)
            path.append(
                {
                    "epoch": epoch,
                    "k": k,
                    "mistake": mistake,
                    "w": w.copy(),
                    "b": b,
                }
            )
        if errors == 0:
            break
    return path


def _perceptron_states(path, t, w0, b, lr, max_epochs):
    """The animation's states, (w, b, sample or None, caption): the start, one per
    update (the mistakes of ``path``), and the end."""
    updates = [p for p in path if p["mistake"]]
    states = [
        (w0, float(b), None, f"start: w = ({w0[0]:g}, {w0[1]:g}), b = {b:g}")
    ]
    for i, p in enumerate(updates, start=1):
        label = "chocolate" if t[p["k"]] == 1 else "cherry"
        states.append(
            (
                p["w"],
                p["b"],
                p["k"],
                f"update {i}, epoch {p['epoch']}: sample {p['k']} ({label}) was "
                f"misclassified, so w += {lr:g}·(t − y)·x",
            )
        )
    last = path[-1]
    converged = not any(
        p["mistake"] for p in path if p["epoch"] == last["epoch"]
    )
    end = (
        "converged: a whole epoch without a mistake"
        if converged
        else f"stopped after {max_epochs} epochs, still making mistakes"
    )
    states.append(
        (last["w"], last["b"], None, f"epoch {last['epoch']}: {end}")
    )
    return states


def _perceptron_frame(X, t, i, state):
    """Frame i of the animation: ``boundary``'s moving traces and the current sample."""
    w, b, k, caption = state
    data, _ = _state_update(X, t, w, b)
    cur = (
        {"x": [X[0, k]], "y": [X[1, k]]}
        if k is not None
        else {"x": [], "y": []}
    )
    return go.Frame(
        name=str(i),
        data=[go.Scatter(**d) for d in data] + [go.Scatter(**cur)],
        traces=_MOVING + [7],
        layout={"title": {"text": caption}},
    )


# --------------------------------------------------------------------------------------------
# Why the threshold cannot be trained by gradient descent


def _side_by_side(titles, traces, spacing=None):
    """Two plots in a row under their titles, ``traces[0]`` left and ``traces[1]`` right."""
    fig = make_subplots(
        rows=1, cols=2, horizontal_spacing=spacing, subplot_titles=titles
    )
    for col, trace in enumerate(traces, start=1):
        fig.add_trace(trace, 1, col)
    return fig


def _cross_entropy(X, t, w, b):
    """Mean binary cross-entropy of the sigmoid neuron, computed from z without overflow."""
    z = w @ X + b
    # -[t log s(z) + (1 - t) log(1 - s(z))] = log(1 + e^z) - t z
    return float(np.mean(np.logaddexp(0, z) - t * z))


def _landscape_traces(X, t, b, length, n):
    """Errors and cross-entropy as w (of length ``length``) turns through n angles."""
    angles = np.linspace(0, 360, n)
    ws = length * np.stack(
        [np.cos(np.radians(angles)), np.sin(np.radians(angles))]
    )
    errors = [len(mistakes(X, t, ws[:, i], b)) for i in range(n)]
    costs = [_cross_entropy(X, t, ws[:, i], b) for i in range(n)]
    steps = go.Scatter(
        x=angles,
        y=errors,
        mode="lines",
        line_shape="hv",
        line={"color": CLASS_COLORS[1]},
        name="errors",
        hovertemplate="angle %{x:.1f}°: %{y} errors<extra></extra>",
    )
    slope = go.Scatter(
        x=angles,
        y=costs,
        mode="lines",
        line={"color": ACCENT},
        name="cross-entropy",
        hovertemplate="angle %{x:.1f}°: J = %{y:.3f}<extra></extra>",
    )
    return [steps, slope]


# --------------------------------------------------------------------------------------------
# Activation functions


_Z = np.linspace(-5, 5, 201)


def _activation_curves(name):
    f, f_prime = ACTIVATIONS[name]
    y, dy = f(_Z), f_prime(_Z).astype(float)
    if name == "step":
        # the step jumps at 0 and has no derivative there: break both lines at the jump
        i = int(np.argmin(np.abs(_Z)))
        y = y.copy()
        y[i] = np.nan
        dy = dy.copy()
        dy[i] = np.nan
    return y, dy


_NOTES = {
    "step": "step: f′ = 0 everywhere it exists, no derivative at 0",
    "sigmoid": "sigmoid: f′ = f (1 − f), largest at 0 where it is 1/4",
    "tanh": "tanh: f′ = 1 − f², largest at 0 where it is 1",
    "relu": "ReLU: f′ = 1 for z > 0, 0 for z < 0, none at 0",
}


def _activation_traces(active):
    """The curves f and f′ of the activation ``active``."""
    return [
        go.Scatter(
            x=_Z,
            y=values,
            name=name,
            line={"color": color, "width": 3},
            hovertemplate=f"z = %{{x:.2f}}<br>{name} = %{{y:.3f}}<extra></extra>",
        )
        for name, values, color in zip(
            ("f", "f′"),
            _activation_curves(active),
            (ACCENT, ORANGE),
            strict=True,
        )
    ]


def _activation_buttons(names):
    """A button per activation that redraws f and f′ and the note in the title."""
    buttons = []
    for name in names:
        yy, dd = _activation_curves(name)
        buttons.append(
            {
                "label": name,
                "method": "update",
                "args": [
                    {
                        "y": [
                            np.round(yy, 4).tolist(),
                            np.round(dd, 4).tolist(),
                        ]
                    },
                    {"title.text": _NOTES[name]},
                    [0, 1],
                ],
            }
        )
    return buttons


# --------------------------------------------------------------------------------------------
# One neuron over the plane

_GRID = np.linspace(BOX[0], BOX[1], 41)
_FINE_GRID = np.linspace(BOX[0], BOX[1], 81)


def _neuron_surface(activation, w, b, grid=_GRID):
    f, _ = ACTIVATIONS[activation]
    g1, g2 = np.meshgrid(grid, grid)
    z = w[0] * g1 + w[1] * g2 + b
    return f(z).astype(np.float32)


def _colour_range(activation, values):
    centre = float(ACTIVATIONS[activation][0](np.array(0.0)))
    if activation == "relu":
        return 0.0, max(float(values.max()), 1e-9), 0.0
    lo, hi = {"step": (0, 1), "sigmoid": (0, 1), "tanh": (-1, 1)}[activation]
    return lo, hi, centre


def _heatmap(activation, w, b, showscale=True, fine=False):
    """The neuron's output over the plane. ``fine``: on a grid fine enough that the browser's
    scaling of it (zsmooth "fast") is smooth, for a widget that redraws it on every move:
    plotly.js's own smoothing of the coarse grid ("best") takes longer on every redraw."""
    grid = _FINE_GRID if fine else _GRID
    y = _neuron_surface(activation, w, b, grid)
    lo, hi, mid = _colour_range(activation, y)
    return go.Heatmap(
        x=grid,
        y=grid,
        z=y,
        zmin=lo,
        zmax=hi,
        zmid=mid if activation != "relu" else None,
        colorscale=OUTPUT_SCALE
        if activation != "relu"
        else OUTPUT_SCALE_FROM_ZERO,
        zsmooth="fast" if fine else "best",
        showscale=showscale,
        colorbar={"title": {"text": "y"}, "len": 0.8},
        hovertemplate="x = (%{x:.2f}, %{y:.2f})<br>y = %{z:.3f}<extra></extra>",
    )


def _neuron_buttons(w, b):
    """A button per activation that redraws the neuron's heatmap and its title."""
    buttons = []
    for name in ACTIVATIONS:
        y = _neuron_surface(name, np.asarray(w, float), b)
        lo, hi, mid = _colour_range(name, y)
        heat = _heatmap(name, np.asarray(w, float), b)
        buttons.append(
            {
                "label": name,
                "method": "update",
                "args": [
                    {
                        "z": [np.round(y, 3).tolist()],
                        "zmin": [lo],
                        "zmax": [hi],
                        "zmid": [heat.zmid],
                        "colorscale": [heat.colorscale],
                    },
                    {
                        "title.text": f"y = {name}(w·x + b), w = ({w[0]:g}, {w[1]:g}), b = {b:g}"
                    },
                    [0],
                ],
            }
        )
    return buttons


def _half_level_traces(y, showscale):
    """The output y over the plane, coloured from 0 to 1, with its level y = ½ drawn."""
    heat = go.Heatmap(
        x=_GRID,
        y=_GRID,
        z=y.astype(np.float32),
        zmin=0,
        zmax=1,
        colorscale=OUTPUT_SCALE_FROM_ZERO,
        showscale=showscale,
        hovertemplate="y = %{z:.3f}<extra></extra>",
    )
    level = go.Contour(
        x=_GRID,
        y=_GRID,
        z=y.astype(np.float32),
        showscale=False,
        contours={
            "start": 0.5,
            "end": 0.5,
            "size": 1,
            "coloring": "none",
        },
        line={"color": ON_MAP, "width": 2},
        hoverinfo="skip",
    )
    return [heat, level]


# --------------------------------------------------------------------------------------------
# Softmax


def _softmax_bar_traces(z, y):
    """The logits z and the probabilities y as bars, one colour per class."""
    labels = ["class 1", "class 2", "class 3"]
    colors = [CLASS_COLORS[0], CLASS_COLORS[1], ACCENT]
    return [
        go.Bar(
            x=labels,
            y=values,
            marker_color=colors,
            text=[f"{v:{digits}}" for v in values],
            textposition="outside",
        )
        for values, digits in ((z[:, 0], ".2f"), (y, ".3f"))
    ]


def _softmax_steps(z1, z2, values):
    """Slider steps that redraw both bar charts for each value of the third logit."""
    steps = []
    for v in values:
        z = np.array([[z1], [z2], [v]])
        y = softmax(z)[:, 0]
        steps.append(
            {
                "label": f"{v:g}",
                "method": "restyle",
                "args": [
                    {
                        "y": [z[:, 0], y],
                        "text": [
                            [f"{a:.2f}" for a in z[:, 0]],
                            [f"{a:.3f}" for a in y],
                        ],
                    },
                    [0, 1],
                ],
            }
        )
    return steps
