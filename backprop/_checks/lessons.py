"""The checks of the smaller functions of single chapters: the line and the perceptron
(Neurons), the literal network (Multi-layer networks), gradient descent, the universal fit.
"""

from __future__ import annotations

import numpy as np

from backprop._checks.networks import network
from backprop._checks.values import (
    NotFinite,
    array,
    callable_,
    count,
    number,
)


def line(x, w, b):
    """signed_distance's point(s) x, normal w (not zero) and offset b."""
    w = array(w, "w", shape=(None,), names={0: "n"})
    if not np.any(w):
        raise ValueError("w is zero: it does not define a line")
    n = w.shape[0]
    x = array(x, "x")
    if x.ndim not in (1, 2) or x.shape[0] != n:
        raise ValueError(
            f"x must have shape ({n},) or ({n}, n_data), like w; got {x.shape}"
        )
    return x, w, number(b, "b")


def perceptron(w, b, x, t, lr, batch=False):
    """The perceptron's w (n,), b, sample(s) x with label(s) t, and lr."""
    w = array(w, "w", shape=(None,), names={0: "n"})
    n = w.shape[0]
    if batch:
        x = array(
            x,
            "X",
            shape=(n, None),
            why="one sample per column",
            names={1: "n_data"},
        )
        t = array(t, "t", shape=(x.shape[1],), why="one label per column of X")
    else:
        x = array(x, "x", shape=(n,), why="like w")
        t = np.asarray(number(t, "t"))
    if np.any((t != 0) & (t != 1)):
        raise ValueError(
            f"t must be a label 0 or 1; got {t[(t != 0) & (t != 1)][0]:g}"
        )
    return w, number(b, "b"), x, t, number(lr, "lr", positive=True)


def literal(layers, x):
    """literal_forward's layers and one sample x, as a list of numbers."""
    network(layers)
    n_x = layers[0].W.shape[1]
    return array(x, "x", shape=(n_x,), why="one number per input").tolist()


def literal_backward(layers, inputs, zs, dJ_dy):
    """literal_backward's arguments: one input and one z per layer."""
    network(layers)
    if len(inputs) != len(layers) or len(zs) != len(layers):
        raise ValueError(
            f"inputs and zs must have one entry per layer ({len(layers)}); "
            f"got {len(inputs)} and {len(zs)}: use literal_forward's"
        )
    n_y = layers[-1].W.shape[0]
    array(dJ_dy, "dJ_dy", shape=(n_y,), why="one number per output")


def literal_data(layers, X, T):
    """literal_gradients' layers, inputs X and targets T."""
    network(layers)
    n_x, n_y = layers[0].W.shape[1], layers[-1].W.shape[0]
    X = array(
        X,
        "X",
        shape=(n_x, None),
        why="one sample per column",
        names={1: "n_data"},
    )
    T = array(T, "T", shape=(n_y, X.shape[1]), why="like the output for X")
    return X, T


def descent(grad, theta, lr, steps):
    """gradient_descent's function, start, learning rate and step count."""
    callable_(grad, "grad")
    theta = array(theta, "theta")
    return theta, number(lr, "lr", positive=True), count(steps, "steps", 0)


def gradient(g, theta):
    """What grad(theta) returned: finite numbers, the shape of theta."""
    if (  # the usual case, first and fast: gradient_descent takes many steps
        type(g) is np.ndarray
        and g.shape == theta.shape
        and g.dtype == float
        and np.isfinite(g).all()
    ):
        return g
    try:
        g = array(g, "grad(theta)", shape=theta.shape, why="like theta")
    except NotFinite as err:
        raise NotFinite(f"{err}, at theta = {theta.tolist()}") from None
    return g


def universal(f, n_units, lo, hi):
    """fit_one_hidden_layer's function, unit count and interval."""
    callable_(f, "f")
    n_units = count(n_units, "n_units")
    lo, hi = number(lo, "lo"), number(hi, "hi")
    if not lo < hi:
        raise ValueError(f"lo must be below hi; got lo = {lo:g}, hi = {hi:g}")
    return f, n_units, lo, hi
