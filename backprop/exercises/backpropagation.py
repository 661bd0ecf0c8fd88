"""Checkers for the exercises of Chapter 3, Backpropagation."""

from __future__ import annotations

import numpy as np

from backprop import neuron
from backprop.exercises.verdict import (
    Verdict,
    _checker,
    _close,
    _numbers,
    _shape_verdict,
)

__all__ = [
    "bias_gradient",
    "diverging_learning_rate",
    "weight_gradient_shape",
    "sigmoid_gate",
]


@_checker
def bias_gradient(answer):
    """dJ/db for y = sigmoid(w x + b), binary cross-entropy, at x=2, w=0.5, b=-1, t=1."""
    from backprop.nn import cost_and_gradient

    z = np.array([[0.5 * 2.0 - 1.0]])
    y = neuron.sigmoid(z)
    _, dJ_dz = cost_and_gradient(
        "binary_cross_entropy", "sigmoid", z, y, np.ones((1, 1))
    )
    ref = float(dJ_dz[0, 0])  # dz/db = 1
    if _close(answer, ref, 1e-6):
        return Verdict(
            True, f"Correct: {ref:g}, that is y - t with y = sigmoid(0) = 1/2."
        )
    if _close(answer, -ref, 1e-6):
        return Verdict(
            False,
            "Right size, wrong sign: J falls as b grows here, so dJ/db < 0.",
        )
    if _close(answer, ref * 2.0, 1e-6):
        return Verdict(
            False, "That is dJ/dw = dJ/dz x; for the bias, dz/db = 1."
        )
    return Verdict(
        False, "Not quite. Find z and y first; dJ/dz = y - t for this loss."
    )


def _under(x, bound):
    """x with the fewest significant digits (4 at least) that still show |x| < bound."""
    for digits in range(4, 18):
        text = f"{x:.{digits}g}"
        if abs(float(text)) < bound:
            return text
    return repr(x)


# J = 2 (theta - 1)^2 has curvature a = J'' = 4; a step multiplies theta - 1 by 1 - a lr
_CURVATURE = 4.0


@_checker
def diverging_learning_rate(answer):
    """The smallest learning rate for which gradient descent on J = 2 (theta - 1)^2 fails.

    An answer below the boundary is wrong however close it is, even by the last bit of a
    float: there descent still converges. Just above it (within 2e-3) counts as the boundary.
    """
    value = _numbers(answer)
    if isinstance(value, Verdict):
        return value
    # |1 - a lr| < 1 exactly when lr < 2/a (a bisection on runs of descent finds a
    # little less: near 2/a, 5000 steps converge too slowly to tell)
    lr, hi = float(value), 2 / _CURVATURE
    if hi <= lr <= hi + 2e-3:
        return Verdict(
            True, f"Correct: {hi:.3f} = 2/a with a = 4, where |1 - a lr| = 1."
        )
    if hi - 2e-3 <= lr < hi:
        factor = 1 - _CURVATURE * lr
        return Verdict(
            False,
            f"Just below the boundary: at lr = {_under(lr, hi)} each step multiplies "
            f"theta - 1 by 1 - 4 lr = {_under(factor, 1)}, whose size is under 1, so "
            "descent still converges (flipping from side to side).",
        )
    if _close(lr, hi / 2, 2e-3):
        return Verdict(
            False, "That is where it starts to oscillate; it still converges."
        )
    return Verdict(
        False, "Not quite. Each step multiplies theta - 1 by (1 - 4 lr)."
    )


@_checker
def weight_gradient_shape(answer):
    """The shape of dJ/dW of the first layer of MLP([784, 100, 10])."""
    from backprop.nn import MLP, one_hot

    net = MLP([784, 100, 10], seed=0)
    X = np.zeros((784, 3))
    _, grads = net.loss_and_gradients(X, one_hot([0, 1, 2], 10))
    ref = grads[0][0].shape
    return _shape_verdict(
        answer,
        ref,
        "the shape of W itself, whatever the batch.",
        transposed="Transposed: W has shape (n_y, n_x), and so does dJ/dW.",
        otherwise="Not quite. A gradient has the shape of what it differentiates.",
    )


@_checker
def sigmoid_gate(answer):
    """The largest value of sigmoid'(z) over all z.

    The maximum is a boundary on both sides: a number below it is a value sigmoid' exceeds
    (at z = 0), a number above it one it never reaches. Only the maximum itself is right,
    to the last bit of a float (1/4 is exact in binary).
    """
    value = _numbers(answer)
    if isinstance(value, Verdict):
        return value
    z = np.linspace(-10, 10, 200001)  # holds z = 0 exactly
    slopes = neuron.sigmoid_prime(z)
    ref, at = float(np.max(slopes)), float(z[np.argmax(slopes)])
    given = float(value)
    if given == ref:
        return Verdict(
            True,
            f"Correct: {ref:g}, at z = {at:g}. Ten sigmoid layers multiply "
            f"dJ/dy by at most {ref**10:.1e}.",
        )
    if ref - 0.01 <= given < ref:
        return Verdict(
            False,
            f"sigmoid' takes a larger value than {given!r}, at z = {at:g}: give "
            "the largest value exactly.",
        )
    if ref < given <= ref + 0.01:
        return Verdict(
            False,
            f"sigmoid' never reaches {given!r}: s (1 - s) is at most its value "
            "at s = 1/2.",
        )
    return Verdict(
        False, "Not quite. sigmoid' = s (1 - s): when is s (1 - s) largest?"
    )
