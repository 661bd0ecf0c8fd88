"""Figures of Chapter 3, Backpropagation: the chapter imports them all from here.

Gradient descent on a parabola and on a bowl is drawn here; the animation of a forward and
backward pass lives in :mod:`backprop.figures.backprop_flow`, the XOR training figures in
:mod:`backprop.figures.xor_training`.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from backprop.descent import gradient_descent
from backprop.figures._controls import slider
from backprop.figures._plane import square_axes
from backprop.figures.backprop_flow import backprop_animation
from backprop.figures.style import (
    ACCENT,
    CONTOUR_SCALE,
    INK,
    MUTED,
)
from backprop.figures.xor_training import (
    _xor_run,  # noqa: F401 (the kept runs: tests/test_nn.py compares them with fit)
    _xor_training_base,  # noqa: F401 (and the figure they fill in)
    xor_training,
    xor_training_animation,
)
from backprop.plotting import describe

__all__ = [
    "CURVATURE",
    "descent_1d",
    "descent_1d_slider",
    "descent_2d",
    "descent_2d_slider",
    "backprop_animation",
    "xor_training",
    "xor_training_animation",
]

# --------------------------------------------------------------------------------------------
# Gradient descent on a parabola and on an elongated bowl

CURVATURE = 4.0  # J(theta) = (a / 2) (theta - 1)^2 with a = 4
THETA_MIN, THETA_START = 1.0, -1.5


def cost_1d(theta):
    return CURVATURE / 2 * (theta - THETA_MIN) ** 2


def grad_1d(theta):
    return CURVATURE * (theta - THETA_MIN)


def regime_1d(lr):
    """In words: what gradient descent does on the parabola with this learning rate.

    Each step multiplies the distance to the minimum by (1 - lr a).
    """
    factor = 1 - lr * CURVATURE
    if lr <= 0:
        return "a learning rate must be positive"
    if abs(factor) >= 1:
        what = (
            "diverges"
            if abs(factor) > 1
            else "bounces forever between two points"
        )
        return f"{what}: each step multiplies the distance to the minimum by {factor:.2f}"
    if factor > 0:
        speed = "slowly" if factor > 0.8 else "steadily"
        return (
            f"converges {speed}: each step keeps {factor:.2f} of the distance"
        )
    if factor == 0:
        return "converges in one step: lr = 1/a jumps straight to the minimum"
    return f"converges while oscillating: each step multiplies the distance by {factor:.2f}"


def _path_1d(lr, steps):
    return gradient_descent(grad_1d, np.array([THETA_START]), lr, steps)[:, 0]


_VIEW_1D = (-2.5, 4.5)


def _visible(path, lo, hi):
    """The part of a path that can be drawn: up to and including its first exit from view."""
    outside = np.flatnonzero((path < lo) | (path > hi))
    return path if len(outside) == 0 else path[: outside[0] + 1]


def _title(lr, regime):
    """What gradient descent does with the learning rate ``lr``, as a figure's title."""
    return f"α = {lr:g}: {regime(lr)}"


def _iterates(x, y, size, hovertemplate):
    """The path of gradient descent's iterates, joined."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines+markers",
        name="iterates",
        line={"color": ACCENT},
        marker={"size": size},
        hovertemplate=hovertemplate,
    )


def _descent_figure(traces, lr, regime, height, **layout):
    """A figure of gradient descent with the learning rate ``lr``, titled by what it does."""
    fig = go.Figure(traces)
    fig.update_layout(
        title=_title(lr, regime), height=height, title_font_size=14, **layout
    )
    return fig


def _rate_slider(figure, rates, regime, moved, trace, pad):
    """``figure(lr)`` with a slider over the learning ``rates``, from 0.1 if it is one.

    Each step puts ``moved(lr)``, the x and y of the iterates, in the trace ``trace``, and
    says in the title what descent does.
    """
    active = list(rates).index(0.1) if 0.1 in rates else 0
    fig = figure(rates[active])
    steps = []
    for lr in rates:
        x, y = moved(lr)
        steps.append(
            {
                "label": f"{lr:g}",
                "method": "update",
                "args": [
                    {"x": [x], "y": [y]},
                    {"title.text": _title(lr, regime)},
                    [trace],
                ],
            }
        )
    fig.update_layout(
        sliders=[slider(steps, active, "learning rate α = ", pad=pad)]
    )
    return fig


def descent_1d(lr=0.1, steps=20):
    """Gradient descent on J(theta) = 2 (theta - 1)^2: the iterates on the curve."""
    grid = np.linspace(*_VIEW_1D, 300)
    shown = _visible(_path_1d(lr, steps), *_VIEW_1D)
    curve = go.Scatter(
        x=grid,
        y=cost_1d(grid),
        mode="lines",
        name="J(θ)",
        line={"color": MUTED},
        hoverinfo="skip",
    )
    hover = "θ = %{x:.3f}<br>J = %{y:.3f}<extra></extra>"
    fig = _descent_figure(
        [curve, _iterates(shown, cost_1d(shown), 8, hover)],
        lr,
        regime_1d,
        400,
        xaxis={"range": list(_VIEW_1D), "title": {"text": "θ"}},
        yaxis={"range": [-1, 24], "title": {"text": "J(θ)"}},
    )
    return describe(
        fig,
        "Gradient descent on the parabola J(θ) = 2 (θ − 1)²: each step moves θ against the slope; a small learning rate creeps to the minimum, a larger one overshoots and oscillates, and above 0.5 the steps grow and diverge.",
    )


def descent_1d_slider(
    rates=(0.02, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6),
):
    """:func:`descent_1d` with a slider over the learning rate, in the browser."""

    def moved(lr):
        shown = _visible(_path_1d(lr, 20), *_VIEW_1D)
        return shown.tolist(), cost_1d(shown).tolist()

    fig = _rate_slider(descent_1d, rates, regime_1d, moved, 1, pad=50)
    fig.update_layout(height=480)
    return describe(
        fig,
        "The learning rate decides how gradient descent behaves on the parabola: too small and it creeps, a little below 0.5 it oscillates around the minimum, above 0.5 it diverges.",
    )


# an elongated bowl: curvatures 1 and 10 along directions turned by 30 degrees
_ROT = np.array(
    [
        [np.cos(np.pi / 6), -np.sin(np.pi / 6)],
        [np.sin(np.pi / 6), np.cos(np.pi / 6)],
    ]
)
HESSIAN = _ROT @ np.diag([1.0, 10.0]) @ _ROT.T
MINIMUM_2D, START_2D = np.array([1.0, 0.5]), np.array([-2.0, 2.0])
_VIEW_2D = (-3.0, 3.5)


def cost_2d(theta):
    d = (
        np.asarray(theta) - MINIMUM_2D[:, None]
        if np.ndim(theta) == 2
        else theta - MINIMUM_2D
    )
    return 0.5 * np.sum(d * (HESSIAN @ d), axis=0)


def grad_2d(theta):
    return HESSIAN @ (theta - MINIMUM_2D)


def regime_2d(lr):
    """In words: gradient descent on the bowl, direction by direction.

    Along each axis of the bowl (curvature a), a step multiplies the distance to the
    minimum by (1 - lr a): the flat axis (a = 1) sets the speed, the steep one
    (a = 10) the largest learning rate that works, 2 / 10.
    """
    flat, steep = np.linalg.eigvalsh(HESSIAN)  # curvatures 1 and 10, ascending
    f_flat, f_steep = 1 - lr * flat, 1 - lr * steep
    if abs(f_steep) > 1:
        return f"diverges along the steep direction (×{f_steep:.2f} per step)"
    if abs(f_steep) == 1:
        return "bounces forever across the valley, along the steep direction"
    zigzag = "zigzags across the valley; " if f_steep < 0 else ""
    return f"converges: {zigzag}the flat direction keeps {abs(f_flat):.2f} per step"


def _contours():
    g = np.linspace(*_VIEW_2D, 60)
    G1, G2 = np.meshgrid(g, g)
    J = cost_2d(np.vstack([G1.ravel(), G2.ravel()])).reshape(G1.shape)
    return go.Contour(
        x=g,
        y=g,
        z=np.sqrt(J).round(3),
        showscale=False,
        ncontours=14,
        colorscale=CONTOUR_SCALE,
        hoverinfo="skip",
        contours={"coloring": "fill"},
        line={"width": 0.5},
    )


def _path_2d(lr, steps):
    path = gradient_descent(grad_2d, START_2D, lr, steps)
    inside = np.all((path >= _VIEW_2D[0]) & (path <= _VIEW_2D[1]), axis=1)
    cut = np.flatnonzero(~inside)
    return path if len(cut) == 0 else path[: cut[0] + 1]


def descent_2d(lr=0.1, steps=30):
    """Gradient descent on an elongated bowl: the path of the iterates over the contours."""
    path = _path_2d(lr, steps)
    minimum = go.Scatter(
        x=[MINIMUM_2D[0]],
        y=[MINIMUM_2D[1]],
        mode="markers",
        name="minimum",
        marker={"symbol": "star", "size": 14, "color": INK},
    )
    hover = "θ = (%{x:.3f}, %{y:.3f})<extra></extra>"
    fig = _descent_figure(
        [_contours(), minimum, _iterates(path[:, 0], path[:, 1], 6, hover)],
        lr,
        regime_2d,
        520,
        legend={"orientation": "h", "y": -0.15, "x": 0.5, "xanchor": "center"},
    )
    square_axes(fig, _VIEW_2D, "θ₁", "θ₂")
    return describe(
        fig,
        "Gradient descent on an elongated bowl, drawn over its contours: the steep direction limits the learning rate, and the flat direction sets how many steps it takes to reach the minimum.",
    )


def descent_2d_slider(rates=(0.01, 0.03, 0.06, 0.1, 0.15, 0.18, 0.2, 0.21)):
    """:func:`descent_2d` with a slider over the learning rate, in the browser."""

    def moved(lr):
        path = _path_2d(lr, 30)
        return path[:, 0].tolist(), path[:, 1].tolist()

    fig = _rate_slider(descent_2d, rates, regime_2d, moved, 2, pad=60)
    fig.update_layout(height=600, legend={"y": -0.35})
    return describe(
        fig,
        "On an elongated bowl, a larger learning rate speeds up the slow, flat direction until the steep direction starts to zigzag and, above 0.2, diverges: one learning rate serves both directions badly.",
    )
