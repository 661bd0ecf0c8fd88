"""Checkers for the exercises of the chapter Handwritten digits."""

from __future__ import annotations

import numpy as np

from backprop.exercises.verdict import (
    _NOT_YET,
    Verdict,
    _checker,
    _close,
    _shape_verdict,
    _unanswered,
)

__all__ = ["digits_input_shape", "digits_parameters", "most_confused"]


@_checker
def digits_input_shape(answer):
    """The shape of the training inputs the book's network takes, for the chapter's split."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    train_rows, _ = train_test_split(
        digits.data,
        test_size=0.25,
        stratify=digits.target,
        random_state=0,
    )
    ref = train_rows.T.shape  # the book: one sample per column
    return _shape_verdict(
        answer,
        ref,
        "pixels down, samples across.",
        transposed="That is scikit-learn's shape, samples as rows. Transpose.",
        otherwise="Not quite. 64 pixels per image; how many training images?",
    )


@_checker
def digits_parameters(answer):
    """Weights and biases of MLP([64, 100, 10])."""
    from backprop.nn import MLP

    net = MLP([64, 100, 10], activation="relu", output="softmax")
    parts = [f"{layer.W.size} + {layer.b.size}" for layer in net.layers]
    ref = sum(layer.W.size + layer.b.size for layer in net.layers)
    if _close(answer, ref, 0):
        return Verdict(True, f"Correct: {ref} = " + " + ".join(parts) + ".")
    return Verdict(
        False, "Not quite. n_y (n_x + 1) for each of the two layers."
    )


def _confusion_matrix(counts):
    """counts as a square matrix of non-negative whole numbers, or a clear error."""
    from backprop import _checks as check

    counts = check.array(counts, "counts", shape=(None, None))
    if counts.shape[0] != counts.shape[1]:
        raise ValueError(
            f"counts must be a square confusion matrix; got shape {counts.shape}"
        )
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError("counts must hold non-negative whole numbers")
    return counts.astype(int)


def most_confused(answer, counts):
    """The (true, predicted) pair with the most mistakes in a confusion matrix ``counts``."""
    counts = _confusion_matrix(counts)
    if _unanswered(answer):
        return _NOT_YET
    off = counts - np.diag(np.diag(counts))
    worst = off.max()
    pairs = [tuple(int(v) for v in p) for p in np.argwhere(off == worst)]
    try:
        given = tuple(int(v) for v in answer)
    except (TypeError, ValueError, OverflowError):
        given = ()
    if len(given) != 2:
        return Verdict(False, "Give a pair (true digit, predicted digit).")
    if worst == 0:
        return Verdict(False, "There are no mistakes to find.")
    if given in pairs:
        return Verdict(True, f"Correct: {given}, {worst} times.")
    if given[::-1] in pairs:
        return Verdict(
            False,
            "The other way round: rows are true digits, columns predicted.",
        )
    return Verdict(
        False, "Not quite. Look for the largest number off the diagonal."
    )
