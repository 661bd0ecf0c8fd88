"""Figures of Chapter 1, Neurons.

Each figure computes its data, takes its traces and browser-side states from
:mod:`backprop.figures.neurons_traces`, and lays them out.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from backprop.figures._controls import add_player, button_row, slider
from backprop.figures._plane import (
    BOX,
    arrow_trace,
    boundary_state,
    class_traces,
    halfplane_traces,
    line_trace,
    mark_trace,
    mistakes,
    plane_layout,
    ring_trace,
    square_axes,
)
from backprop.figures.neurons_traces import (
    _GRID,
    _NOTES,
    _activation_buttons,
    _activation_traces,
    _boundary_steps,
    _cross_entropy,
    _half_level_traces,
    _heatmap,
    _landscape_traces,
    _neuron_buttons,
    _perceptron_frame,
    _perceptron_states,
    _side_by_side,
    _softmax_bar_traces,
    _softmax_steps,
    _title,
    perceptron_path,
)
from backprop.figures.style import (
    ACCENT,
    CLASS_COLORS,
    MUTED,
    PAPER,
    slate,
)
from backprop.neuron import ACTIVATIONS, sigmoid, softmax, step
from backprop.plotting import describe, print_states

__all__ = [
    "scatter",
    "boundary",
    "boundary_turning",
    "boundary_shifting",
    "perceptron_path",
    "perceptron_animation",
    "mistakes_per_epoch",
    "error_landscape",
    "two_separators",
    "activation_picker",
    "steepness",
    "neuron",
    "neuron_picker",
    "softmax_bars",
    "softmax_slider",
    "monotonic_vs_bell",
]

# --------------------------------------------------------------------------------------------
# The data and the decision boundary


def scatter(X, t, title="Cherries and chocolate: two classes in the plane"):
    """The samples (columns of X) coloured by their label t."""
    fig = go.Figure(class_traces(X, t))
    return describe(
        plane_layout(fig, title),
        "Forty samples in the plane x = (x₁, x₂): the cherries (t = 0, pink circles) lie at the lower left, the chocolates (t = 1, brown squares) at the upper right, so a straight line can separate them.",
    )


def boundary(X, t, w1=1.0, w2=1.0, b=0.0, highlight=None, title=None):
    """The line w^T x + b = 0 with its two half-planes, w, and the misclassified samples.

    Parameters
    ----------
    X : ndarray of shape (2, n_data)
    t : ndarray of shape (n_data,), labels 0 or 1
    w1, w2, b : float
        The weights and the bias of the threshold neuron.
    highlight : int, optional
        Index of a sample to mark (the one the perceptron is looking at).
    title : str, optional
        Replaces the default title, which counts the misclassified samples.
    """
    w = np.array([w1, w2], dtype=float)
    wrong = mistakes(X, t, w, b)
    state = boundary_state(w, b)
    # trace order matters: the browser-side states of _state_update address them by index
    fig = go.Figure(
        halfplane_traces(state)
        + class_traces(X, t)
        + [ring_trace(X, wrong), arrow_trace(state)]
    )
    if highlight is not None:
        k = int(highlight)
        current = {"x": [X[0, k]], "y": [X[1, k]]}
        fig.add_trace(
            mark_trace(current, "current sample", "x-thin-open", 22, ACCENT, 3)
        )
    if np.allclose(w, 0):
        fig.add_annotation(
            text="w = 0: there is no line, every point gets the score b",
            x=0,
            y=2.6,
            showarrow=False,
            bgcolor=PAPER,
        )
    return describe(
        plane_layout(
            fig,
            title if title is not None else _title(w, b, wrong, X.shape[1]),
        ),
        "The threshold neuron's line w·x + b = 0 splits the plane into the half it calls cherry and the half it calls chocolate; w points into the chocolate side, and ringed samples are the ones on the wrong side.",
    )


def _slider_figure(X, t, states, labels, prefix, active):
    """A `boundary` figure with a slider over precomputed (w, b) states: runs in the browser."""
    fig = boundary(X, t, *states[active][0], states[active][1])
    steps = _boundary_steps(X, t, states, labels)
    fig.update_layout(
        sliders=[slider(steps, active, prefix, pad=60)],
        height=620,
        legend={"y": -0.45},
        margin={"b": 150},
    )
    return fig


def boundary_turning(X, t, b=0.0, n_angles=24):
    """Turn w (of length 1) around the circle with b fixed: a slider in the browser."""
    angles = np.arange(n_angles) * 360 / n_angles
    states = [
        ((np.cos(np.radians(a)), np.sin(np.radians(a))), b) for a in angles
    ]
    labels = [f"{a:.0f}°" for a in angles]
    active = int(np.argmin(np.abs(angles - 45)))
    fig = _slider_figure(X, t, states, labels, "angle of w: ", active)
    # on paper: every sample right, half of them wrong, every one wrong, and back
    print_states(
        fig, [int(np.argmin(np.abs(angles - a))) for a in (45, 135, 225, 315)]
    )
    return describe(
        fig,
        "Turning w (length 1, b = 0) around the circle turns the line with it, always at a right angle to w: only the directions near the diagonal put every sample on its own side.",
    )


def boundary_shifting(X, t, w=(1.0, 1.0), b_values=None):
    """Slide b with w fixed: the line moves parallel to itself. A slider in the browser."""
    if b_values is None:
        b_values = np.round(np.arange(-4, 4.01, 0.5), 2)
    states = [(tuple(w), float(b)) for b in b_values]
    labels = [f"{b:g}" for b in b_values]
    active = int(np.argmin(np.abs(np.asarray(b_values))))
    fig = _slider_figure(X, t, states, labels, "b = ", active)
    # on paper: the line far on one side, near the data, through it, far on the other side
    at = np.asarray(b_values)
    print_states(
        fig, [int(np.argmin(np.abs(at - v))) for v in (-2, -0.5, 0, 2)]
    )
    return describe(
        fig,
        "Changing b with w fixed slides the line parallel to itself, away from the origin or towards it: b sets where the line is, w its direction.",
    )


# --------------------------------------------------------------------------------------------
# The perceptron


def perceptron_animation(X, t, lr=0.2, max_epochs=20, w=(-2.0, -1.0), b=0.0):
    """The perceptron's updates as animation frames, with play, pause and a step slider.

    Only the steps that change w and b (the mistakes) become frames, plus the start and the end.
    The default start points w the wrong way, so that there is something to watch.
    """
    w0 = np.asarray(w, dtype=float)
    path = perceptron_path(X, t, lr=lr, max_epochs=max_epochs, w=w0, b=b)
    states = _perceptron_states(path, t, w0, b, lr, max_epochs)
    fig = boundary(X, t, w0[0], w0[1], b, highlight=0, title=states[0][3])
    fig.frames = [
        _perceptron_frame(X, t, i, state) for i, state in enumerate(states)
    ]
    # the first frame has no current sample
    fig.data[7].update(x=[], y=[])
    fig.update_layout(
        height=720,
        title={"font": {"size": 13}},
        legend={"y": -0.14},
        margin={"b": 250},
    )
    return describe(
        add_player(fig, [str(i) for i in range(len(states))]),
        "The perceptron rule at work, one frame per mistake: each misclassified sample pulls w and b towards itself, the line turns and shifts, and after a whole epoch without a mistake it has converged.",
    )


def mistakes_per_epoch(curves):
    """Mistakes made in each epoch, one line per data set: ``{name: [m_1, m_2, ...]}``."""
    fig = go.Figure()
    colors = [ACCENT, CLASS_COLORS[0], MUTED]
    for i, (name, values) in enumerate(curves.items()):
        color = colors[i % len(colors)]
        fig.add_trace(
            go.Scatter(
                x=np.arange(1, len(values) + 1),
                y=values,
                name=name,
                mode="lines+markers",
                line={"color": color},
            )
        )
    fig.update_layout(
        title="Mistakes the perceptron makes in each pass over the data",
        xaxis_title="epoch",
        yaxis_title="mistakes in the epoch",
        height=380,
        yaxis={"rangemode": "tozero"},
        xaxis={"dtick": 1 if len(values) < 15 else 5},
    )
    return describe(
        fig,
        "Mistakes per pass over the data: on separable data the count drops to zero and stays there; on overlapping data it keeps jumping up and down and never settles.",
    )


# --------------------------------------------------------------------------------------------
# Why the threshold cannot be trained by gradient descent


def error_landscape(X, t, b=0.0, length=2.0, n=721):
    """Training error and a smooth cost as w turns (|w| and b fixed), side by side."""
    fig = _side_by_side(
        ("threshold: errors", "sigmoid: cross-entropy"),
        _landscape_traces(X, t, b, length, n),
        0.12,
    )
    fig.update_xaxes(
        title_text="angle of w (degrees)", tickvals=list(range(0, 361, 90))
    )
    fig.update_yaxes(title_text="errors", row=1, col=1, rangemode="tozero")
    fig.update_yaxes(title_text="J", row=1, col=2, rangemode="tozero")
    fig.update_layout(
        height=400,
        showlegend=False,
        margin={"t": 100},
        title=f"Turning w (|w| = {length:g}, b = {b:g}): flat steps versus a slope",
    )
    return describe(
        fig,
        "As w turns, the number of misclassified samples jumps in steps and is flat in between, so it gives no direction to improve; the smooth cost changes with every angle and has a slope to follow.",
    )


def two_separators(X, t, first, second):
    """Two lines that both separate the data, with the smooth cost each one gets."""
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,  # room for the right panel's y title
        subplot_titles=[
            f"J = {_cross_entropy(X, t, np.asarray(w, float), b):.3f}"
            for w, b in (first, second)
        ],
    )
    for col, (w, b) in enumerate((first, second), start=1):
        w = np.asarray(w, dtype=float)
        state = boundary_state(w, b)
        for tr in (
            halfplane_traces(state) + class_traces(X, t) + [arrow_trace(state)]
        ):
            tr.showlegend = col == 1 and tr.name.startswith(
                ("cherry", "chocolate", "boundary")
            )
            fig.add_trace(tr, 1, col)
        margin = np.min(np.abs(w @ X + b)) / np.linalg.norm(w)
        fig.add_annotation(
            text=f"0 errors<br>margin {margin:.2f}",
            x=0,
            y=-2.7,
            showarrow=False,
            bgcolor=PAPER,
            row=1,
            col=col,
        )
    for col in (1, 2):
        square_axes(fig, BOX, row=1, col=col)
    fig.update_layout(
        height=480,
        title="Same training error, different margins",
        margin={"t": 100},
        legend={"orientation": "h", "y": -0.2, "x": 0.5, "xanchor": "center"},
    )
    return describe(
        fig,
        "Two lines that both separate the data: both make zero errors, so the error count cannot tell them apart, but their margins (the distance to the closest sample) differ, and so do their smooth costs.",
    )


# --------------------------------------------------------------------------------------------
# Activation functions


def activation_picker(active="sigmoid"):
    """f and f′ side by side, with buttons that switch the activation in the browser."""
    names = list(ACTIVATIONS)
    fig = _side_by_side(("f(z)", "f′(z)"), _activation_traces(active), 0.1)
    buttons = _activation_buttons(names)
    fig.update_xaxes(title_text="z", zeroline=True)
    fig.update_yaxes(range=[-1.2, 1.6], zeroline=True)
    fig.update_layout(
        height=430,
        showlegend=False,
        margin={"t": 140},
        title={"text": _NOTES[active], "y": 0.97, "yanchor": "top"},
        updatemenus=[button_row(buttons, names.index(active), 1.36)],
    )
    return describe(
        fig,
        "An activation f and its derivative f′ over z: sigmoid and tanh are smooth S-curves with the steepest slope at z = 0, ReLU is zero for negative z and then a straight line, and the step has slope zero everywhere except at its jump.",
    )


def steepness(scales=(0.5, 1, 2, 5, 20)):
    """sigmoid(c z) for growing c approaches the step."""
    z = np.linspace(-4, 4, 321)
    fig = go.Figure()
    greys = np.linspace(0.75, 0.15, len(scales))
    for c, g in zip(scales, greys, strict=True):
        fig.add_trace(
            go.Scatter(
                x=z,
                y=sigmoid(c * z),
                name=f"sigmoid({c:g} z)",
                line={"color": slate(int(255 * g))},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=z,
            y=np.where(z == 0, np.nan, step(z)),
            name="step(z)",
            line={"color": CLASS_COLORS[0], "dash": "dash", "width": 2},
        )
    )
    fig.update_layout(
        title="Steeper and steeper sigmoids approach the step",
        height=360,
        xaxis_title="z",
        yaxis_title="f",
    )
    return describe(
        fig,
        "sigmoid(c z) for growing c: the S-curve gets steeper and approaches the step function, so a sigmoid neuron is a smooth version of the threshold neuron.",
    )


# --------------------------------------------------------------------------------------------
# One neuron over the plane


def neuron(X, t, activation="sigmoid", w1=1.0, w2=1.0, b=0.0, fine=True):
    """The output y = f(w^T x + b) of one neuron over the plane, with the data on top.

    ``fine``: the map on a fine grid that the browser scales (quicker to redraw, for a
    widget); otherwise on the coarse grid that buttons switch (see :func:`neuron_picker`).
    """
    if activation not in ACTIVATIONS:
        raise ValueError(
            f"activation must be one of {list(ACTIVATIONS)}, got {activation!r}"
        )
    w = np.array([w1, w2], dtype=float)
    fig = go.Figure(
        [_heatmap(activation, w, b, fine=fine)]
        + class_traces(X, t)
        + [line_trace(boundary_state(w, b)["line"], "z = 0", 1, "dot")]
    )
    return describe(
        plane_layout(
            fig,
            f"y = {activation}(w·x + b), w = ({w1:g}, {w2:g}), b = {b:g}",
            height=500,
        ),
        "The output y = f(w·x + b) of one neuron over the whole plane: it changes only across the line w·x + b = 0 (dotted), so the neuron sees the plane as two half-planes with a soft or sharp edge between them.",
    )


def neuron_picker(X, t, w=(1.5, 1.0), b=-0.5, active="sigmoid"):
    """:func:`neuron` with buttons that switch the activation in the browser."""
    fig = neuron(X, t, active, w[0], w[1], b, fine=False)
    buttons = _neuron_buttons(w, b)
    fig.update_layout(
        margin={"t": 130},
        title={"y": 0.97, "yanchor": "top"},
        updatemenus=[button_row(buttons, list(ACTIVATIONS).index(active))],
    )
    return describe(
        fig,
        "One neuron's output y over the plane for each activation: the line z = 0 is the same for all of them; the activation only decides how sharply y changes across it and what values it takes.",
    )


# --------------------------------------------------------------------------------------------
# Softmax


def softmax_bars(z1=1.0, z2=2.0, z3=0.0):
    """Three logits and their softmax probabilities, side by side."""
    z = np.array([[z1], [z2], [z3]], dtype=float)
    y = softmax(z)[:, 0]
    fig = _side_by_side(
        ("logits z", "softmax(z): probabilities"), _softmax_bar_traces(z, y)
    )
    fig.update_yaxes(range=[-6, 8], row=1, col=1)
    fig.update_yaxes(range=[0, 1.15], row=1, col=2)
    fig.update_layout(
        height=380,
        showlegend=False,
        title=f"softmax sums to {y.sum():.3f}; the largest logit gets the most",
    )
    return describe(
        fig,
        "Three logits z and the softmax probabilities they give: the largest logit gets the largest probability, and the probabilities are positive and add up to one.",
    )


def softmax_slider(z1=1.0, z2=2.0, values=None):
    """:func:`softmax_bars` with a slider over the third logit, in the browser."""
    if values is None:
        values = np.round(np.arange(-4, 6.01, 0.5), 2)
    fig = softmax_bars(z1, z2, float(values[0]))
    steps = _softmax_steps(z1, z2, values)
    active = int(np.argmin(np.abs(np.asarray(values) - 0)))
    fig.update_layout(
        sliders=[slider(steps, active, "z₃ = ", pad=40)],
        height=460,
    )
    # show the active state
    z = np.array([[z1], [z2], [values[active]]])
    y = softmax(z)[:, 0]
    fig.data[0].update(y=z[:, 0], text=[f"{a:.2f}" for a in z[:, 0]])
    fig.data[1].update(y=y, text=[f"{a:.3f}" for a in y])
    fig.update_layout(title=f"Logits z = ({z1:g}, {z2:g}, z₃): move z₃")
    return describe(
        fig,
        "Raising the third logit z₃ moves probability to the third class and away from the other two; the probabilities always add up to one.",
    )


# --------------------------------------------------------------------------------------------
# Why monotonic


def monotonic_vs_bell(w=(1.0, 1.0), b=0.0):
    """A sigmoid neuron (a half-plane) next to a bell-shaped one (a band) for the same z."""
    w = np.asarray(w, dtype=float)
    g1, g2 = np.meshgrid(_GRID, _GRID)
    z = w[0] * g1 + w[1] * g2 + b
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.1,
        subplot_titles=("sigmoid(z): a half-plane", "exp(−z²): a band"),
    )
    for col, y in ((1, sigmoid(z)), (2, np.exp(-(z**2)))):
        for trace in _half_level_traces(y, col == 2):
            fig.add_trace(trace, 1, col)
    # the right plane's y axis is the left's: named once (its title fell on the left plane)
    square_axes(fig, None, row=1, col=1)
    square_axes(fig, None, ytitle=None, row=1, col=2)
    fig.update_layout(
        height=420,
        showlegend=False,
        title=f"Same z = w·x + b, w = ({w[0]:g}, {w[1]:g}), b = {b:g}; dark lines: y = ½",
    )
    return describe(
        fig,
        "The same z = w·x + b through a sigmoid gives a half-plane (y grows across the line), through a bell-shaped activation a band around the line: one unit of each kind sees a different shape.",
    )
