"""Figures of Chapter 3, Backpropagation."""

from __future__ import annotations

import copy
import functools

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from backprop import _checks as check
from backprop.data import xor
from backprop.descent import gradient_descent
from backprop.figures._controls import add_player, slider
from backprop.figures._plane import XOR_BOX, class_traces, square_axes
from backprop.figures.backprop_flow import backprop_animation
from backprop.figures.style import (
    ACCENT,
    CONTOUR_SCALE,
    INK,
    MUTED,
    OUTPUT_SCALE,
)
from backprop.nn import (
    MLP,
    History,
    diverged,
    fit,
    train_epoch,
)
from backprop.plotting import checked_figure, describe

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


# --------------------------------------------------------------------------------------------
# Training XOR by backpropagation

_XOR_GRID = np.linspace(*XOR_BOX, 21)  # the animation's frames: 21 x 21 each
# the training figure's grid: fine enough that the browser's scaling of it (zsmooth "fast")
# draws a smooth boundary. plotly.js's own smoothing of the coarse grid ("best") took 5-10 ms
# more on every redraw of the widget.
_XOR_FINE = np.linspace(*XOR_BOX, 81)


def _xor_surface(net, grid=_XOR_GRID):
    g1, g2 = np.meshgrid(grid, grid)
    y = net.forward(np.vstack([g1.ravel(), g2.ravel()]))[0]
    return y.reshape(g1.shape).astype(np.float32)  # plenty for a colour


def _verdict(history, net, X, t):
    if history.diverged:
        return history.message
    accuracy = float(np.mean(net.predict(X)[0] == t))
    J0, J = history.costs[0], history.costs[-1]
    if J > J0:
        return (
            f"the cost went up, from {J0:.3f} to {J:.3f}: the learning rate is too "
            f"large ({accuracy:.0%} right)"
        )
    return f"cost {J0:.3f} → {J:.4f}, {accuracy:.0%} of the four points right"


class _FullBatchMLP(MLP):
    """An MLP whose cost over the whole set also gives the next step's gradients.

    In full-batch training an epoch ends with the cost over the whole set (a forward pass), and
    the next epoch's one step starts with the gradients over that same set at those same
    weights (a forward and a backward pass). Here ``cost`` makes one forward and one backward
    pass and keeps the gradients, and the next ``loss_and_gradients`` hands them over instead
    of computing them again (once: a later call computes). The numbers are the same, with one
    forward pass fewer per epoch. Only for ``train_epoch`` on the whole set, the set the cost
    was computed on, with nothing changing the weights in between.
    """

    _next = None  # (J, gradients) at the present weights, from cost

    def cost(self, X, T, loss="cross_entropy"):
        self._next = super().loss_and_gradients(X, T, loss)
        return self._next[0]

    def loss_and_gradients(self, X, T, loss="cross_entropy"):
        kept, self._next = self._next, None
        if kept is None:
            return super().loss_and_gradients(X, T, loss)
        return kept


class _XorRun:
    """One run of ``fit`` on XOR (full batch), kept so that any number of epochs is cheap.

    The widget retrains on every move of a slider. This calls ``train_epoch`` and
    ``diverged`` as ``fit`` does, so every number is the same (a test compares them), but on a
    :class:`_FullBatchMLP`, which computes the cost once per epoch. Weights are kept every
    ``EVERY`` epochs, so fewer epochs start from the nearest kept weights and more epochs go on
    from the last.
    """

    EVERY = 100
    LOSS = "binary_cross_entropy"

    def __init__(self, lr, hidden, activation, seed):
        self.lr, self.hidden = lr, hidden
        self.activation, self.seed = activation, seed
        self.net = self._network()
        X, t = xor()
        self.X, self.T = self.net._check(X, t[None, :], self.LOSS)
        self.history = History()
        self.kept = {}  # epoch -> the weights after it
        with np.errstate(over="ignore", invalid="ignore"):
            self.history.costs.append(self.net.cost(self.X, self.T, self.LOSS))
        self.kept[0] = self._weights(self.net)

    def _network(self):
        """The network before training: fit's, as MLP([2, hidden, 1], ...) makes it."""
        return _FullBatchMLP(
            [2, self.hidden, 1],
            activation=self.activation,
            output="sigmoid",
            seed=self.seed,
        )

    @staticmethod
    def _weights(net):
        return [(lyr.W.copy(), lyr.b.copy()) for lyr in net.layers]

    def _epoch(self, net):
        """One epoch of fit's: full batch, the plain step; the cost after it."""
        return train_epoch(net, self.X, self.T, self.LOSS, self.lr)

    def _extend(self, epochs):
        """Train on until `epochs` epochs are done, or until the cost blows up."""
        history = self.history
        with np.errstate(over="ignore", invalid="ignore"), check.skipped():
            while len(history.costs) <= epochs and not history.diverged:
                history.costs.append(self._epoch(self.net))
                history.message = diverged(history.costs, self.lr)
                history.diverged = bool(history.message)
                epoch = len(history.costs) - 1
                if not history.diverged and epoch % self.EVERY == 0:
                    self.kept[epoch] = self._weights(self.net)

    def after(self, epochs):
        """The History and the network ``fit`` leaves after ``epochs`` epochs."""
        self._extend(epochs)
        history = History()
        history.costs = self.history.costs[: epochs + 1]
        if len(self.history.costs) <= epochs + 1 and self.history.diverged:
            history.diverged, history.message = True, self.history.message
            return history, self.net
        if len(self.history.costs) == epochs + 1:
            return history, self.net
        # fewer epochs than trained: from the weights kept last before, step on
        start = epochs - epochs % self.EVERY
        net = self._network()
        for layer, (W, b) in zip(net.layers, self.kept[start], strict=True):
            layer.W, layer.b = W.copy(), b.copy()
        with np.errstate(over="ignore", invalid="ignore"), check.skipped():
            for _ in range(epochs - start):
                self._epoch(net)
        return history, net


@functools.lru_cache(maxsize=64)
def _xor_run(lr, hidden, activation, seed):
    return _XorRun(lr, hidden, activation, seed)


@functools.cache
def _xor_training_base():
    """The figure of :func:`xor_training` without its numbers, made (and checked) once.

    Each call fills in a copy of this JSON (see :func:`backprop.plotting.checked_figure`):
    the cost curve (trace 0), the output (trace 1) and the title.
    """
    X, t = xor()
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.45, 0.55],
        horizontal_spacing=0.12,
        subplot_titles=("cost J per epoch", "output y over the plane"),
    )
    fig.add_trace(
        go.Scatter(
            y=[],
            mode="lines",
            line={"color": ACCENT},
            name="J",
            showlegend=False,
        ),
        1,
        1,
    )
    fig.add_trace(
        go.Heatmap(
            x=_XOR_FINE,
            y=_XOR_FINE,
            z=[[0.5]],
            zmin=0,
            zmax=1,
            zsmooth="fast",  # on the fine grid (_XOR_FINE): see there
            colorscale=OUTPUT_SCALE,
            colorbar={"title": {"text": "y"}, "len": 0.8},
            hovertemplate="x = (%{x:.2f}, %{y:.2f})<br>y = %{z:.3f}"
            "<extra></extra>",
        ),
        1,
        2,
    )
    for tr in class_traces(X, t, showlegend=False, size=14):
        fig.add_trace(tr, 1, 2)
    fig.update_xaxes(title_text="epoch", row=1, col=1)
    fig.update_yaxes(title_text="J", type="log", row=1, col=1)
    square_axes(fig, XOR_BOX, row=1, col=2)
    fig.update_layout(
        height=420, margin={"t": 90}, title={"text": "", "font": {"size": 13}}
    )
    return fig.to_plotly_json()


def xor_training(lr=1.0, hidden=3, activation="tanh", seed=0, epochs=1000):
    """Train a [2, hidden, 1] network on XOR; show the cost and the learned output.

    The network and its training are those of ``fit(net, X, t, "binary_cross_entropy", lr,
    epochs)`` for ``MLP([2, hidden, 1], activation, "sigmoid", seed)``; runs are kept (see
    :class:`_XorRun`), so a setting seen before, or another number of epochs, is quick.
    """
    X, t = xor()
    lr, epochs, _ = check.training(lr, int(epochs), None, None)  # as fit
    history, net = _xor_run(
        float(lr), int(hidden), activation, int(seed)
    ).after(epochs)
    spec = copy.deepcopy(_xor_training_base())
    cost, output = spec["data"][:2]
    cost["y"] = np.array(history.costs)  # sent as binary, not as text
    if history.diverged:
        spec["data"].remove(output)  # no output to show
    else:
        output["z"] = _xor_surface(net, _XOR_FINE).round(3)
    spec["layout"]["title"]["text"] = (
        f"α = {lr:g}, {hidden} {activation} units, seed {seed}: "
        f"{_verdict(history, net, X, t)}"
    )
    return describe(
        checked_figure(spec),
        "A small network trained on XOR by gradient descent: left, the cost falls epoch by epoch (log scale); right, the output it learned over the plane, high near the two corners of class 1.",
    )


def xor_training_animation(
    rates=(0.1, 1.0, 10.0),
    hidden=3,
    activation="tanh",
    seed=0,
    checkpoints=(0, 10, 20, 40, 70, 100, 150, 200, 300, 500, 700, 1000),
):
    """The learned output over training for a few learning rates, epoch by epoch."""
    X, t = xor()
    n = len(rates)
    fig = make_subplots(
        rows=2,
        cols=n,
        row_heights=[0.68, 0.32],
        vertical_spacing=0.14,
        horizontal_spacing=0.06,
        subplot_titles=[f"α = {lr:g}" for lr in rates] + [""] * n,
    )
    surfaces, costs = [], []
    for lr in rates:
        net = MLP(
            [2, hidden, 1], activation=activation, output="sigmoid", seed=seed
        )
        history = History()  # the cost before any training
        history.costs.append(
            net.loss_and_gradients(X, t[None, :], "binary_cross_entropy")[0]
        )
        snaps, done = {0: _xor_surface(net)}, 0
        for stop in checkpoints[1:]:
            more = fit(
                net,
                X,
                t[None, :],
                "binary_cross_entropy",
                lr=lr,
                epochs=stop - done,
            )
            history.costs += more.costs[1:]
            done = stop
            snaps[stop] = _xor_surface(net)
        surfaces.append(snaps)
        costs.append(np.array(history.costs))
    for c in range(n):
        fig.add_trace(
            go.Heatmap(
                x=_XOR_GRID,
                y=_XOR_GRID,
                z=surfaces[c][0].round(3),
                zmin=0,
                zmax=1,
                zsmooth="best",
                colorscale=OUTPUT_SCALE,
                showscale=False,
                hovertemplate="y = %{z:.3f}<extra></extra>",
            ),
            1,
            c + 1,
        )
        for tr in class_traces(X, t, showlegend=False, size=11):
            fig.add_trace(tr, 1, c + 1)
        fig.add_trace(
            go.Scatter(
                x=np.arange(len(costs[c])),
                y=costs[c].astype(np.float32),
                mode="lines",
                line={"color": ACCENT, "width": 1.5},
                showlegend=False,
                hovertemplate="epoch %{x}: J = %{y:.3f}<extra></extra>",
            ),
            2,
            c + 1,
        )
        fig.add_trace(
            go.Scatter(
                x=[0],
                y=[costs[c][0]],
                mode="markers",
                marker={"color": INK, "size": 9},
                showlegend=False,
                hoverinfo="skip",
            ),
            2,
            c + 1,
        )
    per_col = (
        5  # heatmap, 2 classes, the cost curve, a dot at the current epoch
    )
    frames = []
    for stop in checkpoints:
        data, traces = [], []
        for c in range(n):
            data.append(go.Heatmap(z=surfaces[c][stop].round(3)))
            traces.append(c * per_col)
            data.append(go.Scatter(x=[stop], y=[float(costs[c][stop])]))
            traces.append(c * per_col + 4)
        frames.append(
            go.Frame(
                data=data,
                traces=traces,
                name=str(stop),
                layout={
                    "title": {
                        "text": f"XOR with {n} learning rates, after {stop} epochs"
                    }
                },
            )
        )
    fig.frames = frames
    for c in range(n):
        square_axes(fig, XOR_BOX, None, None, 1, c + 1, showticklabels=False)
        fig.update_yaxes(
            type="log",
            dtick=1,
            row=2,
            col=c + 1,
            title_text="J" if c == 0 else None,
        )
        fig.update_xaxes(title_text="epoch", row=2, col=c + 1)
    fig.update_layout(
        height=640,
        title={"text": f"XOR with {n} learning rates, after 0 epochs"},
        margin={"t": 80},
    )
    return describe(
        add_player(
            fig, [str(s) for s in checkpoints], prefix="epoch ", duration=500
        ),
        "The same network trained on XOR with several learning rates, epoch by epoch: the learning rate decides how fast, and whether, the output over the plane takes the XOR pattern.",
    )
