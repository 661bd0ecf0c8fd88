"""Checkers for the exercises of Chapter 2, Multi-layer networks."""

from __future__ import annotations

import numpy as np

from backprop import data, neuron
from backprop.exercises.verdict import (
    _NOT_YET,
    Verdict,
    _checker,
    _close,
    _numbers,
    _unanswered,
)

__all__ = [
    "parameter_count",
    "xor_output_unit",
    "separable_boolean_functions",
    "rnn_parameters",
]


@_checker
def parameter_count(answer):
    """Number of weights and biases of a fully connected network of sizes [3, 4, 4, 2]."""
    from backprop.nn import Layer

    sizes = [3, 4, 4, 2]  # not the chapter's 2-3-3-1, whose count it prints
    layers = [
        Layer(np.zeros((n_y, n_x)), np.zeros((n_y, 1)))
        for n_x, n_y in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    ref = sum(layer.W.size + layer.b.size for layer in layers)
    if _close(answer, ref, 0):
        return Verdict(
            True, f"Correct: {ref}, that is n_y (n_x + 1) per layer, summed."
        )
    if _close(answer, ref - sum(sizes[1:]), 0):
        return Verdict(
            False, "Those are the weights only: add one bias per unit."
        )
    return Verdict(
        False, "Not quite. A layer from n_x to n_y units has n_y (n_x + 1)."
    )


def xor_output_unit(v1, v2, c):
    """Output weights (v1, v2) and bias c that turn hidden units OR and NAND into XOR."""
    if _unanswered(v1) or _unanswered(v2) or _unanswered(c):
        return _NOT_YET
    from backprop.nn import Layer, forward

    given = _numbers([v1, v2, c], 3)
    if isinstance(given, Verdict):
        return Verdict(False, "Give three numbers v1, v2 and c.")
    X, t = data.xor()
    hidden = Layer([[1.0, 1.0], [-1.0, -1.0]], [-0.5, 1.5], "step")  # OR, NAND
    output = Layer([given[:2]], given[2:], "step")
    y = forward([hidden, output], X)[0]
    if np.array_equal(y, t):
        return Verdict(
            True, "Correct: XOR is 'OR and NAND' (at least one, not both)."
        )
    wrong = [tuple(int(v) for v in X[:, k]) for k in np.flatnonzero(y != t)]
    return Verdict(
        False, f"Not quite: the network gets the inputs {wrong} wrong."
    )


def _separable_functions():
    """Which of the 16 Boolean functions of two inputs one threshold neuron computes."""
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    angles = np.radians(np.arange(0, 360, 1.0))
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    offsets = np.arange(-2, 2.001, 0.05)
    scores = (directions @ X)[:, None, :] + offsets[None, :, None]
    outputs = {
        tuple(row) for row in neuron.step(scores).reshape(-1, 4).astype(int)
    }
    return outputs


@_checker
def separable_boolean_functions(answer):
    """How many of the 16 Boolean functions of two inputs a single threshold neuron computes."""
    ref = len(_separable_functions())
    if _close(answer, ref, 0):
        return Verdict(
            True,
            f"Correct: {ref}. Only XOR and its negation, XNOR, are missing.",
        )
    return Verdict(
        False, "Not quite. List the 16 truth tables; which need two lines?"
    )


@_checker
def rnn_parameters(answer):
    """Distinct parameters of a tanh RNN (hidden 4, input 3) unrolled over 10 steps."""
    n_h, n_x, steps = 4, 3, 10
    W, U, b = np.zeros((n_h, n_h)), np.zeros((n_h, n_x)), np.zeros((n_h, 1))
    ref = W.size + U.size + b.size
    if _close(answer, ref, 0):
        return Verdict(
            True,
            f"Correct: {ref}, however many steps: every step shares them.",
        )
    if _close(answer, ref * steps, 0):
        return Verdict(
            False, "That counts every copy. The copies share one W, U and b."
        )
    return Verdict(False, "Not quite. Count the entries of W, U and b once.")
