"""Checkers for the exercises of Chapter 1, Neurons."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from backprop import data, neuron
from backprop.exercises.verdict import (
    _NOT_YET,
    Verdict,
    _checker,
    _close,
    _decimals,
    _numbers,
    _unanswered,
)

__all__ = [
    "signed_distance",
    "perceptron_update",
    "learning_rate_ratio",
    "softmax_half",
]


@_checker
def signed_distance(answer):
    """Signed distance of the point (3, 1) from the line 2 x1 - x2 + 1 = 0, to two decimals."""
    given = _numbers(answer)
    if isinstance(given, Verdict):
        return given
    ref = float(
        neuron.signed_distance(
            np.array([3.0, 1.0]), np.array([2.0, -1.0]), 1.0
        )
    )
    tol = _decimals(2)  # the cell's example, 1.23, has two decimals
    if _close(given, ref, tol):
        return Verdict(
            True,
            f"Correct to two decimals: {ref:.4f}. The point lies on the side "
            "w points to.",
        )
    if _close(given, -ref, tol):
        return Verdict(
            False,
            "Right size, wrong sign: which side does w = (2, -1) point to?",
        )
    if _close(given, ref * np.sqrt(5), tol):
        return Verdict(
            False, "That is the score w·x + b; divide it by the length of w."
        )
    if _close(given, ref, _decimals(1)):
        return Verdict(
            False, "Close, but not to two decimals: keep more digits of ||w||."
        )
    return Verdict(
        False,
        "Not quite. Compute w·x + b, then divide by ||w|| (two decimals are "
        "enough).",
    )


def perceptron_update(w_new, b_new):
    """One perceptron update from w = (0.5, -1), b = 0, lr = 0.5 on x = (2, 1) with t = 1.

    The score is exactly 0, on the boundary: the update of a rule that calls it class 0
    (score > 0 instead of step's score >= 0) is wrong, and told so.
    """
    if _unanswered(w_new) or _unanswered(b_new):
        return _NOT_YET
    w, b, x, t, lr = np.array([0.5, -1.0]), 0.0, np.array([2.0, 1.0]), 1, 0.5
    w_ref, b_ref = neuron.perceptron_step(w, b, x, t, lr)
    if _close(w_new, w_ref, 1e-9) and _close(b_new, b_ref, 1e-9):
        return Verdict(
            True, f"Correct: w = {w_ref.tolist()}, b = {float(b_ref)}."
        )
    y_strict = float(w @ x + b > 0)  # 0: the score is exactly 0
    if _close(w_new, w + lr * (t - y_strict) * x, 1e-9) and _close(
        b_new, b + lr * (t - y_strict), 1e-9
    ):
        return Verdict(
            False,
            "The score is exactly 0, and step(0) = 1: the sample is already "
            "classified right, so nothing moves.",
        )
    if _close(w_new, w, 1e-9):
        return Verdict(
            False,
            "w did not move. Is the sample classified correctly at the start?",
        )
    return Verdict(
        False,
        "Not quite. First find y = step(w·x + b), then add lr·(t − y)·x to w.",
    )


def _train_from_zero(X, t, lr, max_epochs=100):
    w, b = np.zeros(X.shape[0]), 0.0
    for _ in range(max_epochs):
        w, b, errors = neuron.perceptron_epoch(w, b, X, t, lr)
        if errors == 0:
            break
    return w, b


@_checker
def learning_rate_ratio(answer):
    """Ratio of the final |w| when training from zero with lr = 1 and with lr = 0.01."""
    X, t = data.two_classes()
    w_big, _ = _train_from_zero(X, t, 1.0)
    w_small, _ = _train_from_zero(X, t, 0.01)
    ref = float(np.linalg.norm(w_big) / np.linalg.norm(w_small))
    if _close(answer, ref, 1e-6 * ref):
        return Verdict(
            True,
            f"Correct: {ref:g}. Starting from zero, w and b are always "
            "lr times the same numbers, and the step only sees their sign.",
        )
    return Verdict(
        False, "Not quite. Write w after each update as lr times something."
    )


def _third_class_probability(z3):
    return float(neuron.softmax(np.array([[0.0], [0.0], [z3]]))[2, 0])


def _to_two_decimals(x):
    """x rounded to two decimals as the reader writes it, halves away from zero.

    The decimal text of the float is rounded, not its binary value: 2.675 gives 2.68 and
    1.005 gives 1.01, though the floats nearest to them are a little below.
    """
    return Decimal(repr(float(x))).quantize(Decimal("0.01"), ROUND_HALF_UP)


@_checker
def softmax_half(answer):
    """The logit z3 for which softmax((0, 0, z3)) gives the third class probability 1/2.

    Two decimals suffice: right are exactly the answers that round to the same two decimals
    as the exact z3, whatever more digits they carry.
    """
    given = _numbers(answer)
    if isinstance(given, Verdict):
        return given
    z3 = float(given)
    lo, hi = -10.0, 10.0  # the probability grows with z3: bisect for 1/2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (
            (mid, hi) if _third_class_probability(mid) < 0.5 else (lo, mid)
        )
    # far answers are wrong without rounding (and 1e300 has too many digits to round)
    if abs(z3 - hi) < 1:
        y3, rounded = _third_class_probability(z3), _to_two_decimals(z3)
        if rounded == _to_two_decimals(hi):
            return Verdict(
                True,
                f"Correct to two decimals: softmax gives {y3:.4f} to the "
                f"third class (exactly 1/2 at z3 = {hi:.4f}).",
            )
        return Verdict(
            False,
            f"With z3 = {z3!r} the third class gets {y3:.4f}, not 0.5, and "
            f"the z3 that gives exactly 0.5 does not round to {rounded}.",
        )
    y3 = _third_class_probability(float(np.clip(z3, -700, 700)))
    return Verdict(
        False,
        f"With z3 = {z3:g} the third class gets {y3:.3f}, not 0.5 (two "
        "decimals of z3 are enough).",
    )
