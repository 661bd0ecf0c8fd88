"""The Playground's data sets, TensorFlow Playground's generators (``src/dataset.ts``).

``make_data`` draws the points of a data set and their labels or targets, ``feature_map``
computes the input features of points, ``split`` shares the points out between training
and test. Every point lies in the square [-RADIUS, RADIUS]^2 that the pictures show, but
the tails of the gaussians.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from backprop.playground_settings import (
    DATASETS,
    FEATURES,
    check_choice,
    check_features,
    check_number,
)

# TensorFlow Playground's sample counts: 500 points to classify, 1200 to regress
N_SAMPLES = {"classification": 500, "regression": 1200}
RADIUS = 6.0  # the pictures show [-6, 6]^2

# For circle, xor, plane and multigauss the noise moves a copy of each point, and the label
# or target is computed at the copy; the point is stored where it was. For the spiral the
# noise moves the stored point and its label stays; for the gaussians it widens them.


def _circle(n, noise, rng):
    radius = 5.0
    r = np.concatenate(
        [
            rng.uniform(0, 0.5 * radius, n // 2),  # inside: t = 1
            rng.uniform(0.7 * radius, radius, n - n // 2),  # the ring: t = 0
        ]
    )
    angle = rng.uniform(0, 2 * np.pi, n)
    X = np.stack([r * np.sin(angle), r * np.cos(angle)])
    jitter = rng.uniform(-radius, radius, (2, n)) * noise
    t = (np.hypot(*(X + jitter)) < 0.5 * radius).astype(float)
    return X, t


def _xor(n, noise, rng):
    X = rng.uniform(-5, 5, (2, n))
    X += np.where(X > 0, 0.3, -0.3)  # a gap of 0.6 along both axes
    jitter = rng.uniform(-5, 5, (2, n)) * noise
    t = ((X + jitter).prod(axis=0) >= 0).astype(float)
    return X, t


def _gauss(n, noise, rng):
    std = math.sqrt(
        0.5 + 7.0 * noise
    )  # variance from 0.5 to 4 as noise goes to 0.5
    t = (np.arange(n) < n // 2).astype(float)
    centre = np.where(t == 1, 2.0, -2.0)
    X = centre + rng.normal(0, std, (2, n))
    return X, t


def _spiral(n, noise, rng):
    half = n // 2
    parts, labels = [], []
    for label, delta, m in ((1.0, 0.0, half), (0.0, np.pi, n - half)):
        i = np.arange(m)
        r = i / m * 5
        turn = 1.75 * i / m * 2 * np.pi + delta
        X = np.stack([r * np.sin(turn), r * np.cos(turn)])
        parts.append(X + rng.uniform(-1, 1, (2, m)) * noise)
        labels.append(np.full(m, label))
    return np.concatenate(parts, axis=1), np.concatenate(labels)


def _plane(n, noise, rng):
    X = rng.uniform(-RADIUS, RADIUS, (2, n))
    jitter = rng.uniform(-RADIUS, RADIUS, (2, n)) * noise
    # clipped to [-1, 1], the range of the colours (TensorFlow Playground does not clip)
    return X, np.clip((X + jitter).sum(axis=0) / 10, -1, 1)


def _multigauss(n, noise, rng):
    centres = np.array(
        [[-4, 2.5], [0, 2.5], [4, 2.5], [-4, -2.5], [0, -2.5], [4, -2.5]]
    ).T
    signs = np.array([1, -1, 1, -1, 1, -1])
    X = rng.uniform(-RADIUS, RADIUS, (2, n))
    P = X + rng.uniform(-RADIUS, RADIUS, (2, n)) * noise
    dist = np.hypot(
        P[0][:, None] - centres[0][None], P[1][:, None] - centres[1][None]
    )
    # cones, not gaussians (TensorFlow Playground's too): 1 at a centre, 0 from 2 away
    bumps = signs * np.clip(1 - dist / 2, 0, 1)
    pick = np.argmax(np.abs(bumps), axis=1)  # the tallest cone wins
    return X, bumps[np.arange(n), pick]


_GENERATORS = {
    "circle": _circle,
    "xor": _xor,
    "gauss": _gauss,
    "spiral": _spiral,
    "plane": _plane,
    "multigauss": _multigauss,
}


def make_data(dataset, n=None, noise=0.0, seed=0):
    """Points X, shape (2, n), and their labels or targets t, shape (n,).

    Classification data sets have t in {0, 1}, regression ones t in [-1, 1]. The same seed
    gives the same points.
    """
    check_choice("dataset", dataset, tuple(DATASETS))
    noise = check_number("noise", noise, 0.0, 0.5)
    n = N_SAMPLES[DATASETS[dataset]] if n is None else n
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 2:
        raise ValueError(f"n must be an integer of at least 2, not {n!r}")
    rng = np.random.default_rng(seed)
    return _GENERATORS[dataset](int(n), noise, rng)


def feature_map(X, features):
    """The input features of the points X, shape (len(features), n_data), in that order."""
    features = check_features(features)
    return np.stack([FEATURES[name](X[0], X[1]) for name in features])


def split(X, t, train_fraction, seed):
    """The points X, shape (2, n), and t shared out at random: X_train, t_train, X_test, t_test.

    The first ``round(train_fraction * n)`` points of a random order (drawn from ``seed``)
    are the training points.
    """
    order = np.random.default_rng(seed).permutation(X.shape[1])
    n_train = int(round(train_fraction * X.shape[1]))
    train, test = order[:n_train], order[n_train:]
    return X[:, train], t[train], X[:, test], t[test]
