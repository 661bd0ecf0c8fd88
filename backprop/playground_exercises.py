"""Checkers for the exercises of the chapter The Playground.

Like :mod:`backprop.exercises`, each compares the reader's answer with what the book's own
code computes (a :class:`backprop.playground.Playground`, :mod:`backprop.regularize`), never
with a number typed in, and returns a :class:`~backprop.exercises.Verdict`.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from backprop import regularize
from backprop.exercises import Verdict, _checker
from backprop.playground import FEATURES, Playground

__all__ = ["parameter_count", "l2_shrink_factor", "features_without_hidden"]

# the accuracy Exercise 3 asks for: at least this, on the test points
TARGET_ACCURACY = 0.95


def _number(answer):
    """The answer as a finite float, or a Verdict saying what to give instead."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return Verdict(False, f"Give a number, not {answer!r}.")
    value = float(answer)
    if not math.isfinite(value):
        return Verdict(False, f"Give a finite number, not {answer!r}.")
    return value


@_checker
def parameter_count(answer):
    """Weights and biases of the default playground: features x1, x2, hidden (4, 2).

    A count: only that whole number is right (no tolerance, absolute or relative).
    """
    value = _number(answer)
    if isinstance(value, Verdict):
        return value
    net = Playground().network
    ref = sum(lyr.W.size + lyr.b.size for lyr in net.layers)
    weights = sum(lyr.W.size for lyr in net.layers)
    if value == ref:
        return Verdict(
            True,
            f"Correct: {ref} = {weights} weights and {ref - weights} biases "
            "(one per unit above the inputs).",
        )
    if not value.is_integer():
        return Verdict(False, "A count is a whole number.")
    if value == weights:
        return Verdict(False, "Those are the weights; add one bias per unit.")
    return Verdict(
        False,
        "Not quite. Layer sizes 2, 4, 2, 1: each layer has n_y n_x weights "
        "and n_y biases.",
    )


@_checker
def l2_shrink_factor(answer, lr=0.03, rate=0.1):
    """The factor an L2 step multiplies each weight by, before the data gradient.

    Right within 1e-9 (absolute; 0.997 and 1 - 0.03 * 0.1 both pass), nothing wider: an
    answer of 1 or more would not shrink the weights at all.
    """
    value = _number(answer)
    if isinstance(value, Verdict):
        return value
    W = np.array([[1.0]])
    ref = float((W - lr * regularize.penalty_gradient(W, "L2", rate))[0, 0])
    if abs(value - ref) <= 1e-9:
        return Verdict(
            True,
            f"Correct: w - α λ w = (1 - α λ) w = {ref:g} w. Each step shrinks "
            "every weight by the same factor: weight decay.",
        )
    if abs(value - (1 - rate)) <= 1e-9:
        return Verdict(False, "The penalty's gradient is scaled by α too.")
    if value >= 1:
        return Verdict(
            False,
            "A factor of 1 or more does not shrink the weights: the penalty's "
            "gradient λ w points away from zero, and the step goes against it.",
        )
    return Verdict(
        False,
        "Not quite. The penalty (λ/2) w² has gradient λ w; the step is −α times it.",
    )


@_checker
def features_without_hidden(answer, epochs=200, lr=0.1):
    """Features with which a network without hidden layers learns the circle.

    The checker trains ``Playground("circle", features=answer, hidden=())`` for ``epochs``
    epochs at learning rate ``lr``; the answer is right when the test accuracy is at least
    ``TARGET_ACCURACY`` (0.95 itself passes, anything below fails).
    """
    if isinstance(answer, str):
        answer = (answer,)
    try:
        answer = tuple(answer)
    except TypeError:
        return Verdict(
            False, "Give a list of feature names, e.g. ['x1', 'x2']."
        )
    unknown = [
        f for f in answer if not isinstance(f, str) or f not in FEATURES
    ]
    if unknown or not answer:
        return Verdict(
            False,
            f"Choose names from {', '.join(FEATURES)}; got {list(answer)}.",
        )
    if len(set(answer)) != len(answer):
        return Verdict(False, f"Name each feature once; got {list(answer)}.")
    pg = Playground("circle", features=answer, hidden=(), lr=lr)
    pg.step(epochs)
    accuracy = pg.test_accuracy
    if accuracy >= TARGET_ACCURACY:
        return Verdict(
            True,
            f"Correct: with {list(answer)}, one sigmoid unit reaches test "
            f"accuracy {accuracy:.3f} after {epochs} epochs. z = w·x + b "
            "is a circle's equation when x holds the squares.",
        )
    return Verdict(
        False,
        f"With {list(answer)} and no hidden layer the test accuracy is only "
        f"{_below(accuracy, TARGET_ACCURACY)}, under {TARGET_ACCURACY}: a single "
        "unit draws a line in feature space. Which features make a circle a "
        "line?",
    )


def _below(x, bound):
    """x with the fewest decimals (3 at least) that still show it is below bound."""
    for digits in range(3, 18):
        text = f"{x:.{digits}f}"
        if float(text) < bound:
            return text
    return repr(x)
