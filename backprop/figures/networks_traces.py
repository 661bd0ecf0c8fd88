"""What the figures of Chapter 2, Multi-layer networks, draw: their data, traces and
browser-side states.

:mod:`backprop.figures.networks` composes these into figures. The hidden layers and the fitted
networks are the book's own (:mod:`backprop.nn`, :mod:`backprop.universal`).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from sklearn.svm import SVC

from backprop.figures._plane import XOR_BOX, boundary_state, class_traces
from backprop.figures.style import ACCENT, GRAY_5, INK
from backprop.nn import Layer, forward
from backprop.universal import fit_one_hidden_layer

__all__ = ["hidden_map", "separating_line"]

# --------------------------------------------------------------------------------------------
# XOR and the hidden layer

_XOR_NAMES = ("t = 0", "t = 1")


def _xor_points(X, t, showlegend=True):
    return class_traces(X, t, showlegend, 14, _XOR_NAMES)


def hidden_map(X, W, b, activation="step"):
    """h = f(W x + b) for the columns of X: where the hidden layer sends each point."""
    return forward([Layer(W, np.reshape(b, (-1, 1)), activation)], X)


def separating_line(H, t):
    """A line that separates the columns of H by label, or None if there is none."""
    if len(set(t)) < 2:
        return None
    # scikit-learn takes samples as rows
    svm = SVC(kernel="linear", C=1e4).fit(H.T, t)
    if svm.score(H.T, t) < 1.0:
        return None
    return svm.coef_[0], float(svm.intercept_[0])


def _xor_hidden_data(X, t, W, b):
    """Everything that changes with the hidden layer: for slider states and presets."""
    W, b = np.asarray(W, float), np.asarray(b, float)
    H = hidden_map(X, W, b)
    lines = [boundary_state(W[k], b[k], box=XOR_BOX)["line"] for k in range(2)]
    sep = separating_line(H, t)
    if sep is None:
        out_line = {"x": [], "y": []}
        verdict = (
            "no line separates the classes in h: the hidden layer lost XOR"
        )
    else:
        out_line = boundary_state(sep[0], sep[1], box=(-0.3, 1.3))["line"]
        verdict = (
            "now one line separates them: the output unit can finish the job"
        )
    # jitter coincident points a little so that both stay visible
    Hj = H.copy()
    for k in range(H.shape[1]):
        same = [j for j in range(k) if np.allclose(H[:, j], H[:, k])]
        Hj[:, k] += 0.06 * len(same) * np.array([1.0, -1.0])
    return H, Hj, lines, out_line, verdict


def _preset_buttons(X, t, presets):
    """A button per preset hidden layer that redraws ``xor_hidden``'s moving traces."""
    # trace order of xor_hidden: line 1, line 2, 2 classes (x), 2 classes (h), output line
    buttons = []
    for name, (W, b) in presets.items():
        _, Hj, lines, out_line, verdict = _xor_hidden_data(X, t, W, b)
        moved = {
            axis: [lines[0][axis], lines[1][axis]]
            + [Hj[i, t == c].tolist() for c in (0, 1)]
            + [out_line[axis]]
            for i, axis in enumerate(("x", "y"))
        }
        buttons.append(
            {
                "label": name,
                "method": "update",
                "args": [
                    moved,
                    {
                        "title.text": f"{name}: {verdict}",
                    },
                    [0, 1, 4, 5, 6],
                ],
            }
        )
    return buttons


def _grid_curves():
    """The grid lines of the plane around the unit square, each a (2, 60) array of points."""
    grid = np.linspace(-0.5, 1.5, 9)
    dense = np.linspace(-0.5, 1.5, 60)
    return [np.vstack([dense, np.full_like(dense, g)]) for g in grid] + [
        np.vstack([np.full_like(dense, g), dense]) for g in grid
    ]


def _morphed_grid(curves, mix, s):
    """The grid lines moved a fraction s of the way by ``mix``, as one line broken by gaps."""
    xs, ys = [], []
    for c in curves:
        m = mix(c, s)
        xs += m[0].round(4).tolist() + [None]
        ys += m[1].round(4).tolist() + [None]
    return xs, ys


def _grid_trace(xs, ys):
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": GRAY_5, "width": 1},
        hoverinfo="skip",
        name="grid of the plane",
    )


def _morph_steps(X, t, curves, mix, svals):
    """Slider steps that move the grid and the XOR points to each fraction s in svals."""
    steps = []
    for s in svals:
        xs, ys = _morphed_grid(curves, mix, s)
        pts = [mix(X[:, t == c], s) for c in (0, 1)]
        steps.append(
            {
                "label": f"{s:.1f}",
                "method": "restyle",
                "args": [
                    {
                        "x": [xs, pts[0][0].tolist(), pts[1][0].tolist()],
                        "y": [ys, pts[0][1].tolist(), pts[1][1].tolist()],
                    },
                    [0, 1, 2],
                ],
            }
        )
    return steps


# --------------------------------------------------------------------------------------------
# Universal approximation

_XS = np.linspace(-1, 1, 401)


# errors are measured on a grid 50 times finer than the one drawn: near the jump of the step,
# a coarse grid would step over the points where the network is worst
_FINE = np.linspace(-1, 1, 20001)


def _largest_error(net, f):
    return float(np.max(np.abs(_output(net, _FINE) - f(_FINE))))


def _units(n):
    return f"{n} hidden unit" + ("" if n == 1 else "s")


def _output(layers, xs):
    """The fitted network's output at the points xs (a flat array)."""
    return forward(layers, xs[None, :])[0]


def _parts(layers, xs):
    """Each hidden unit's contribution v_i h_i(x) to the output (bias not included)."""
    hidden, output = layers
    return output.W[0][:, None] * hidden.forward(xs[None, :])


def _unit_trace(x, y, first):
    """One hidden unit's contribution, thin and grey; only the first in the legend."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        showlegend=first,
        name="one unit: vᵢ σ(k(x − cᵢ))",
        legendgroup="units",
        line={"color": GRAY_5, "width": 1},
        hoverinfo="skip",
    )


def _fit_traces(f, y_net):
    """The target, dotted, and the network's output, their sum."""
    target = go.Scatter(
        x=_XS,
        y=f(_XS),
        mode="lines",
        name="target",
        line={"color": INK, "width": 2, "dash": "dot"},
    )
    network = go.Scatter(
        x=_XS,
        y=y_net,
        mode="lines",
        name="the network (the sum)",
        line={"color": ACCENT, "width": 3},
    )
    return [target, network]


def _universal_steps(f, target, counts, largest):
    """Slider steps, one per number of hidden units: each unit's part, the network's output
    and the title; the unit traces a step does not use are emptied."""
    xs = _XS[::5]  # the units' curves are smooth: every 5th point is enough
    steps = []
    for n in counts:
        net = fit_one_hidden_layer(f, n)
        parts = [p[::5].round(3).tolist() for p in _parts(net, _XS)]
        ys = parts + [[] for _ in range(largest - n)]
        xlist = [xs.tolist()] * n + [[] for _ in range(largest - n)]
        y = _output(net, _XS)
        err = _largest_error(net, f)
        steps.append(
            {
                "label": str(n),
                "method": "update",
                "args": [
                    {
                        "x": xlist + [_XS.tolist()],
                        "y": ys + [y.round(3).tolist()],
                    },
                    {
                        "title.text": f"{target}, {_units(n)}: largest error {err:.3f}"
                    },
                    list(range(largest)) + [largest + 1],
                ],
            }
        )
    return steps
