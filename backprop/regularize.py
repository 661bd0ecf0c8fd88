"""L1 and L2 regularisation: a penalty on the weights, added to the cost.

With a penalty rate lambda, the cost that gradient descent minimises is

    J_total = J + lambda * R(W),   R = sum |w|     (L1)
                                   R = sum w^2 / 2 (L2)

summed over the weights of every layer (not the biases: a bias does not make a unit's
output more or less sensitive to its inputs). Its gradient adds lambda * sign(w) (L1) or
lambda * w (L2) to each dJ/dw that backpropagation computed; dJ/db is unchanged.
"""

from __future__ import annotations

import numpy as np

__all__ = ["KINDS", "penalty", "penalty_gradient", "loss_and_gradients"]

KINDS = (None, "L1", "L2")


def check_kind(kind):
    """None, "L1" or "L2"; anything else is a ValueError naming the setting."""
    if kind not in KINDS:
        raise ValueError(
            f"regularization must be None, 'L1' or 'L2', not {kind!r}"
        )
    return kind


def penalty(layers, kind, rate):
    """lambda * R(W) over the weights of every layer (0 without regularisation)."""
    check_kind(kind)
    if kind is None or rate == 0:
        return 0.0
    if kind == "L1":
        return float(rate * sum(np.abs(lyr.W).sum() for lyr in layers))
    return float(rate * sum(0.5 * (lyr.W**2).sum() for lyr in layers))


def penalty_gradient(W, kind, rate):
    """d(lambda R)/dW for one weight matrix, of the shape of W.

    L1 uses sign(w), which is 0 at w = 0 (the subgradient that leaves a zero weight alone).
    """
    check_kind(kind)
    if kind is None or rate == 0:
        return np.zeros_like(W)
    if kind == "L1":
        return rate * np.sign(W)
    return rate * W


def loss_and_gradients(net, X, T, loss, kind=None, rate=0.0):
    """J_total = J + lambda R(W) of a ``backprop.nn.MLP``, and its gradients.

    Returns (J_total, [(dJ_dW, dJ_db), ...]) like ``MLP.loss_and_gradients``, with the
    penalty's gradient added to each dJ_dW (the layers' ``dJ_dW`` are updated too).
    """
    J, grads = net.loss_and_gradients(X, T, loss)
    for layer in net.layers:
        layer.dJ_dW = layer.dJ_dW + penalty_gradient(layer.W, kind, rate)
    grads = [(lyr.dJ_dW, lyr.dJ_db) for lyr in net.layers]
    return J + penalty(net.layers, kind, rate), grads
