"""Checkers for the exercises of the chapter The Playground.

Like :mod:`backprop.exercises`, each compares the reader's answer with what the book's own
code computes (a :class:`backprop.playground.Playground`, :mod:`backprop.regularize`), never
with a number typed in, and returns a :class:`~backprop.exercises.Verdict`.
"""

from __future__ import annotations

import numpy as np

from backprop import regularize
from backprop.exercises import _NOT_YET, Verdict, _close, _unanswered
from backprop.playground import FEATURES, Playground

__all__ = ["parameter_count", "l2_shrink_factor", "features_without_hidden"]


def parameter_count(answer):
    """Weights and biases of the default playground: features x1, x2, hidden (4, 2)."""
    if _unanswered(answer):
        return _NOT_YET
    net = Playground().network
    ref = sum(lyr.W.size + lyr.b.size for lyr in net.layers)
    weights = sum(lyr.W.size for lyr in net.layers)
    if _close(answer, ref, 0):
        return Verdict(
            True,
            f"Correct: {ref} = {weights} weights and {ref - weights} biases "
            "(one per unit above the inputs).",
        )
    if _close(answer, weights, 0):
        return Verdict(False, "Those are the weights; add one bias per unit.")
    return Verdict(
        False,
        "Not quite. Layer sizes 2, 4, 2, 1: each layer has n_y n_x weights "
        "and n_y biases.",
    )


def l2_shrink_factor(answer, lr=0.03, rate=0.1):
    """The factor an L2 step multiplies each weight by, before the data gradient."""
    if _unanswered(answer):
        return _NOT_YET
    W = np.array([[1.0]])
    ref = float((W - lr * regularize.penalty_gradient(W, "L2", rate))[0, 0])
    if _close(answer, ref, 1e-9):
        return Verdict(
            True,
            f"Correct: w - α λ w = (1 - α λ) w = {ref:g} w. Each step shrinks "
            "every weight by the same factor: weight decay.",
        )
    if _close(answer, 1 - rate, 1e-9):
        return Verdict(False, "The penalty's gradient is scaled by α too.")
    return Verdict(
        False,
        "Not quite. The penalty (λ/2) w² has gradient λ w; the step is −α times it.",
    )


def features_without_hidden(answer, epochs=200):
    """Features with which a network without hidden layers learns the circle."""
    if _unanswered(answer):
        return _NOT_YET
    if isinstance(answer, str):
        answer = (answer,)
    try:
        answer = tuple(answer)
    except TypeError:
        return Verdict(
            False, "Give a list of feature names, e.g. ['x1', 'x2']."
        )
    unknown = [f for f in answer if f not in FEATURES]
    if unknown or not answer:
        return Verdict(
            False,
            f"Choose names from {', '.join(FEATURES)}; got {list(answer)}.",
        )
    pg = Playground("circle", features=answer, hidden=(), lr=0.1)
    pg.step(epochs)
    accuracy = pg.test_accuracy
    if accuracy >= 0.95:
        return Verdict(
            True,
            f"Correct: with {list(answer)}, one sigmoid unit reaches test "
            f"accuracy {accuracy:.3f} after {epochs} epochs. z = w·x + b "
            "is a circle's equation when x holds the squares.",
        )
    return Verdict(
        False,
        f"With {list(answer)} and no hidden layer the test accuracy is only "
        f"{accuracy:.3f}: a single unit draws a line in feature space. Which "
        "features make a circle a line?",
    )
