"""Small data sets for the chapters, with samples as columns (the book's convention).

scikit-learn stores samples as rows; every function here transposes its result, visibly,
so that ``X`` has shape ``(n_features, n_data)`` and ``X[:, k]`` is sample ``k``.
"""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_blobs

from backprop import _checks as check

__all__ = ["two_classes", "xor"]

_CENTERS = {
    False: [(-1.3, -1.1), (1.3, 1.1)],
    True: [(-0.6, -0.5), (0.6, 0.5)],
}
_SPREAD = {False: 0.55, True: 0.75}


def two_classes(n_per_class: int = 20, overlap: bool = False, seed: int = 0):
    """Two clouds of points in the plane: cherries (label 0) and chocolate (label 1).

    Parameters
    ----------
    n_per_class : int
        Number of samples of each class.
    overlap : bool
        If False (the default), the clouds are far enough apart that a line separates them
        (for the default size and seed; see the tests). If True, they overlap and no line does.
    seed : int
        Seed of the random generator, so the same call always gives the same points.

    Returns
    -------
    X : ndarray of shape (2, 2 * n_per_class)
        The samples, one per column.
    t : ndarray of shape (2 * n_per_class,)
        The target labels, 0 or 1, as integers.
    """
    n_per_class = check.count(n_per_class, "n_per_class")
    if not isinstance(overlap, (bool, np.bool_)):
        raise TypeError(f"overlap must be True or False, not {overlap!r}")
    seed = check.count(seed, "seed", minimum=0)
    rows, t = make_blobs(
        n_samples=[n_per_class, n_per_class],
        centers=_CENTERS[bool(overlap)],
        cluster_std=_SPREAD[bool(overlap)],
        random_state=seed,
    )
    return rows.T, t  # rows.T: scikit-learn's rows become the book's columns


def xor():
    """The four corners of the unit square with the XOR label.

    Returns
    -------
    X : ndarray of shape (2, 4)
        Columns (0, 0), (0, 1), (1, 0), (1, 1).
    t : ndarray of shape (4,)
        0, 1, 1, 0.
    """
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    t = np.array([0, 1, 1, 0])
    return X, t
