"""Checkers for the exercises of the appendix, the matrix form."""

from __future__ import annotations

import numpy as np

from backprop import neuron
from backprop.exercises.verdict import (
    Verdict,
    _checker,
    _close,
    _decimals,
    _numbers,
    _shape_verdict,
)

__all__ = [
    "input_gradient_shape",
    "softmax_cross_entropy_gradient",
    "backward_products",
    "double_division_factor",
]


@_checker
def input_gradient_shape(answer):
    """The shape of dJ/dx for a layer from 784 to 128 units on a batch of 64."""
    from backprop.nn import Layer, backward, forward

    layer = Layer(np.zeros((128, 784)), np.zeros((128, 1)), "tanh")
    forward([layer], np.zeros((784, 64)))
    ref = backward([layer], np.zeros((128, 64))).shape
    return _shape_verdict(
        answer,
        ref,
        "the shape of x: one column per sample.",
        near=[
            (
                (128, 64),
                "That is the shape of dJ/dz. dJ/dx has the shape of x.",
            )
        ],
        otherwise="Not quite. A gradient has the shape of what it differentiates.",
    )


@_checker
def softmax_cross_entropy_gradient(answer):
    """dJ/dz for softmax with cross-entropy at z = (1, 2, 3), target class 0, to one decimal each."""
    given = _numbers(answer, 3)
    if isinstance(given, Verdict):
        return given
    from backprop.nn import cost_and_gradient

    z = np.array([[1.0], [2.0], [3.0]])
    t = np.array([[1.0], [0.0], [0.0]])
    _, dJ_dz = cost_and_gradient(
        "cross_entropy", "softmax", z, neuron.softmax(z), t
    )
    ref = dJ_dz[:, 0]
    tol = _decimals(1)  # the cell's example, [0.1, 0.2, 0.3], has one decimal
    if _close(given, ref, tol):
        return Verdict(
            True,
            f"Correct to one decimal: {np.round(ref, 3).tolist()}, that is "
            "y - t.",
        )
    if _close(given, neuron.softmax(z)[:, 0], tol):
        return Verdict(False, "That is y. Subtract the target t = (1, 0, 0).")
    return Verdict(
        False,
        "Not quite. Compute y = softmax(z), then y - t (one decimal each is "
        "enough).",
    )


class _CountingArray(np.ndarray):
    """An array that counts the matrix products it takes part in."""

    products = 0

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc is np.matmul:
            _CountingArray.products += 1
        plain = [
            i.view(np.ndarray) if isinstance(i, _CountingArray) else i
            for i in inputs
        ]
        result = getattr(ufunc, method)(*plain, **kwargs)
        return (
            result.view(_CountingArray)
            if isinstance(result, np.ndarray)
            else result
        )


@_checker
def backward_products(answer):
    """How many matrix products `backward` computes for a network of three layers."""
    from backprop.nn import MLP, backward, forward

    net = MLP([4, 5, 3, 2], seed=0)
    forward(net.layers, np.ones((4, 6)))
    _CountingArray.products = 0
    backward(net.layers, np.ones((2, 6)).view(_CountingArray))
    ref = _CountingArray.products
    if _close(answer, ref, 0):
        return Verdict(
            True, f"Correct: {ref}, two per layer; the forward pass does 3."
        )
    if _close(answer, 3, 0):
        return Verdict(
            False, "That is the forward pass. Backward, each layer does two."
        )
    return Verdict(
        False, "Not quite. Count the products in the four lines, per layer."
    )


@_checker
def double_division_factor(answer):
    """By what factor dividing by n_data twice shrinks dJ/dW, for a batch of 32."""
    from backprop.nn import MLP, backward, forward, one_hot

    rng = np.random.default_rng(0)
    net = MLP([3, 4, 2], seed=0)
    X, T = rng.normal(size=(3, 32)), one_hot(rng.integers(0, 2, 32), 2)
    y = forward(net.layers, X)
    backward(net.layers, y - T)
    right = net.layers[0].dJ_dW.copy()
    backward(
        net.layers, (y - T) / X.shape[1]
    )  # the mean's derivative, then again
    ref = float(np.linalg.norm(right) / np.linalg.norm(net.layers[0].dJ_dW))
    if _close(answer, ref, 1e-6 * ref):
        return Verdict(True, f"Correct: {ref:g}, the batch size.")
    return Verdict(False, "Not quite. What does each division do on its own?")
