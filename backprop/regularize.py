"""L1 and L2 regularisation: a penalty on the weights, added to the cost.

With a penalty rate lambda, the cost that gradient descent minimises is

    J_total = J + lambda * R(W),   R = sum |w|     (L1)
                                   R = sum w^2 / 2 (L2)

summed over the weights of every layer (not the biases: a bias does not make a unit's
output more or less sensitive to its inputs). Its gradient adds lambda * sign(w) (L1) or
lambda * w (L2) to each dJ/dw that backpropagation computed; dJ/db is unchanged.

``descend`` takes a step of gradient descent on a weight matrix with TensorFlow
Playground's rule for L1: a weight that the penalty's part of the step carries across zero
is set to exactly 0, and stays there (a *dead* weight) while L1 is on.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "KINDS",
    "penalty",
    "penalty_gradient",
    "loss_and_gradients",
    "add_penalty_gradient",
    "l1_crossed",
    "descend",
]

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
    J, _ = net.loss_and_gradients(X, T, loss)
    return J + penalty(net.layers, kind, rate), add_penalty_gradient(
        net.layers, kind, rate
    )


def add_penalty_gradient(layers, kind, rate):
    """Add d(lambda R)/dW to each layer's dJ_dW, as backpropagation left it: the gradients
    of J_total, [(dJ_dW, dJ_db), ...] (the layers' ``dJ_dW`` are updated too)."""
    for layer in layers:
        layer.dJ_dW = layer.dJ_dW + penalty_gradient(layer.W, kind, rate)
    return [(lyr.dJ_dW, lyr.dJ_db) for lyr in layers]


def l1_crossed(W, W_new, lr, rate):
    """Where an L1 step carried a weight across zero: TensorFlow Playground's test.

    The step ``W_new = W - lr * (dJ/dW + rate * sign(W))`` is taken in two parts, as
    TensorFlow Playground takes it: the data's, to ``W_data = W_new + lr * rate * sign(W)``,
    then the penalty's. Where ``W_data`` and ``W_new`` lie on opposite sides of zero, the
    penalty's part carried the weight across it. A boolean array of the shape of W.
    """
    W_data = W_new + lr * rate * np.sign(W)
    return W_data * W_new < 0


def descend(W, dJ_dW, lr, kind=None, rate=0.0, dead=None):
    """One step of gradient descent on a weight matrix, in place: W <- W - lr * dJ_dW.

    ``dJ_dW`` is the gradient of J_total, the penalty's included (as ``loss_and_gradients``
    returns it). With L1 at a rate above 0 the step follows TensorFlow Playground (its
    ``updateWeights``): a weight that the penalty's part of the step carries across zero
    (:func:`l1_crossed`) is set to exactly 0 and marked True in ``dead``, a boolean array of
    the shape of W, updated in place; a weight marked dead stays at 0 (its step is skipped).
    Without L1, or at rate 0, every weight takes its step and ``dead`` is not used.
    Returns W.
    """
    check_kind(kind)
    W_new = W - lr * dJ_dW
    if kind == "L1" and rate > 0:
        crossed = l1_crossed(W, W_new, lr, rate)
        if dead is None:
            dead = crossed
        else:
            dead |= crossed
        W_new[dead] = 0.0
    W[...] = W_new
    return W
