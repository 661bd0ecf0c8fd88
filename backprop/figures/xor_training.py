"""Chapter 3's figures of training XOR by backpropagation: one run, and a few side by side.

Both train with the book's own step, ``backprop.nn.train_epoch``, through :class:`_XorRun`,
which gives every number ``fit`` gives and keeps its runs, so that a widget's slider is quick.
"""

from __future__ import annotations

import copy
import functools

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from backprop import _checks as check
from backprop.data import xor
from backprop.figures._controls import add_player
from backprop.figures._plane import XOR_BOX, class_traces, square_axes
from backprop.figures.style import ACCENT, INK, OUTPUT_SCALE
from backprop.nn import MLP, History, diverged, train_epoch
from backprop.plotting import checked_figure, describe

__all__ = ["xor_training", "xor_training_animation"]


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


def _recorded_runs(rates, hidden, activation, seed, checkpoints):
    """Per learning rate: the output over the plane after each of the ``checkpoints``
    (epochs, increasing), and the cost before training and after each epoch up to the last.

    The runs are :func:`_xor_run`'s, shared with :func:`xor_training`.
    """
    runs = []
    for lr in rates:
        lr = check.training(lr, 1, None, None)[0]  # as fit
        run = _xor_run(float(lr), int(hidden), activation, int(seed))
        surfaces = {}
        for stop in checkpoints:
            history, net = run.after(stop)
            if history.diverged:
                raise ValueError(f"with α = {lr:g}, {history.message}")
            surfaces[stop] = _xor_surface(net)
        runs.append((surfaces, np.array(history.costs)))
    return runs


def _run_traces(X, t, surface, costs):
    """One learning rate's column: the output over the plane with the four points, above
    the cost per epoch and a dot at the current epoch (the first)."""
    output = go.Heatmap(
        x=_XOR_GRID,
        y=_XOR_GRID,
        z=surface.round(3),
        zmin=0,
        zmax=1,
        zsmooth="best",
        colorscale=OUTPUT_SCALE,
        showscale=False,
        hovertemplate="y = %{z:.3f}<extra></extra>",
    )
    curve = go.Scatter(
        x=np.arange(len(costs)),
        y=costs.astype(np.float32),
        mode="lines",
        line={"color": ACCENT, "width": 1.5},
        showlegend=False,
        hovertemplate="epoch %{x}: J = %{y:.3f}<extra></extra>",
    )
    now = go.Scatter(
        x=[0],
        y=[costs[0]],
        mode="markers",
        marker={"color": INK, "size": 9},
        showlegend=False,
        hoverinfo="skip",
    )
    points = class_traces(X, t, showlegend=False, size=11)
    return [output, *points, curve, now], [1] * (1 + len(points)) + [2, 2]


_PER_RUN = (
    5  # traces in a run's column: output, 2 classes, cost curve, current epoch
)


def _animation_title(n, epochs):
    return f"XOR with {n} learning rates, after {epochs} epochs"


def _checkpoint_frame(runs, stop):
    """The frame after ``stop`` epochs: each run's output, and its dot on the cost curve."""
    data, traces = [], []
    for c, (surfaces, costs) in enumerate(runs):
        data.append(go.Heatmap(z=surfaces[stop].round(3)))
        traces.append(c * _PER_RUN)
        data.append(go.Scatter(x=[stop], y=[float(costs[stop])]))
        traces.append(c * _PER_RUN + 4)
    title = _animation_title(len(runs), stop)
    return go.Frame(
        data=data,
        traces=traces,
        name=str(stop),
        layout={"title": {"text": title}},
    )


def _animation_figure(rates, runs, start):
    """The runs side by side, a column each, as they are after ``start`` epochs."""
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
    for c, (surfaces, costs) in enumerate(runs):
        traces, rows = _run_traces(X, t, surfaces[start], costs)
        fig.add_traces(traces, rows=rows, cols=[c + 1] * len(traces))
    return fig


def _animation_layout(fig, n, start):
    """Square planes without ticks above, log-scale costs below, the title at ``start``."""
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
        title={"text": _animation_title(n, start)},
        margin={"t": 80},
    )


def xor_training_animation(
    rates=(0.1, 1.0, 10.0),
    hidden=3,
    activation="tanh",
    seed=0,
    checkpoints=(0, 10, 20, 40, 70, 100, 150, 200, 300, 500, 700, 1000),
):
    """The learned output over training for a few learning rates, epoch by epoch.

    ``checkpoints`` are the epochs shown, increasing; each is a frame. Raises ValueError if
    a run diverges before the last.
    """
    runs = _recorded_runs(rates, hidden, activation, seed, checkpoints)
    fig = _animation_figure(rates, runs, checkpoints[0])
    fig.frames = [_checkpoint_frame(runs, stop) for stop in checkpoints]
    _animation_layout(fig, len(rates), checkpoints[0])
    return describe(
        add_player(
            fig, [str(s) for s in checkpoints], prefix="epoch ", duration=500
        ),
        "The same network trained on XOR with several learning rates, epoch by epoch: the learning rate decides how fast, and whether, the output over the plane takes the XOR pattern.",
    )
