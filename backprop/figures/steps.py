"""Recorders: what the book's engine computes, step by step, as plain data for a figure.

A figure that shows backpropagation at work draws these records; it computes none of the math
itself. NumPy only: no plotly here, so the records can be tested against the engine directly.
"""

from __future__ import annotations

import numpy as np

from backprop.nn import backward, cost_and_gradient, forward

__all__ = ["forward_backward_steps"]


def _column(values):
    """One sample as a column: shape (n, 1), floats."""
    return np.asarray(values, dtype=float).reshape(-1, 1)


def _forward_steps(layers, x):
    """One forward pass of ``backprop.nn.forward``: the input, then each layer's z and y."""
    forward(layers, x)
    steps = [{"phase": "forward", "column": 0, "y": x[:, 0].copy()}]
    for number, layer in enumerate(layers, start=1):
        steps.append(
            {
                "phase": "forward",
                "column": number,
                "W": layer.W.copy(),
                "b": layer.b[:, 0].copy(),
                "z": layer.z[:, 0].copy(),
                "y": layer.y[:, 0].copy(),
            }
        )
    return steps


def _backward_steps(layers, dJ_dz, J):
    """The backward pass of ``backprop.nn.backward``, from the output layer down.

    Each layer's dJ/dz, dJ/dW and dJ/db are the engine's (one sample: dJ/db = dJ/dz). The
    engine does not keep a hidden layer's dJ/dy: it is the gradient at the input x of the
    layers above, which is what ``backward`` returns when it runs through them alone. So the
    stack above each layer is run back in turn, from the top; the last run, through every
    layer, leaves the whole network's gradients and returns dJ/dx of the input.
    """
    dJ_dy = {
        len(layers): None
    }  # the output's is folded into dJ/dz by the loss
    for number in range(len(layers), 0, -1):
        dJ_dy[number - 1] = backward(layers[number - 1 :], dJ_dz)[:, 0].copy()
    steps = []
    for number in range(len(layers), 0, -1):
        layer = layers[number - 1]
        step = {"phase": "backward", "column": number}
        if number == len(layers):
            step["J"] = J
        else:
            step["dJ_dy"] = dJ_dy[number]
        step |= {
            "dJ_dz": layer.dJ_db[:, 0].copy(),
            "dJ_dW": layer.dJ_dW.copy(),
            "dJ_db": layer.dJ_db[:, 0].copy(),
        }
        steps.append(step)
    steps.append({"phase": "backward", "column": 0, "dJ_dy": dJ_dy[0]})
    return steps


def forward_backward_steps(net, x, t, loss="binary_cross_entropy"):
    """One sample's forward and backward pass through ``net``, step by step, by the engine.

    Runs ``backprop.nn.forward``, ``cost_and_gradient`` and ``backward`` on ``net.layers``
    (which keep their x, z, y, dJ_dW and dJ_db afterwards, as after any pass) and records
    what each step makes known, as copies.

    Parameters
    ----------
    net : backprop.nn.MLP
        Its ``layers`` are used as they are.
    x, t : sequences of floats
        One input, length n_x, and its target, length n_y of the last layer.
    loss : str
        One of ``backprop.nn.LOSSES``.

    Returns
    -------
    list of dict
        Column 0 is the input, column l the layer l (1 to L). First L + 1 forward steps,
        ``{"phase": "forward", "column": l, ...}``: the input's ``"y"`` (x), then each
        layer's ``"W"`` (n_y, n_x), ``"b"``, ``"z"`` and ``"y"`` (n_y,). Then L + 1 backward
        steps from column L down to 0: the output layer's with the sample's cost ``"J"``
        (a float), each hidden layer's with the ``"dJ_dy"`` that comes from above, each
        layer's ``"dJ_dz"``, ``"dJ_dW"`` (n_y, n_x) and ``"dJ_db"``; last the input's
        ``"dJ_dy"``, that is dJ/dx.
    """
    layers = net.layers
    x, T = _column(x), _column(t)
    steps = _forward_steps(layers, x)
    top = layers[-1]
    J, dJ_dz = cost_and_gradient(loss, top.activation, top.z, top.y, T)
    return steps + _backward_steps(layers, dJ_dz, float(np.mean(J)))
