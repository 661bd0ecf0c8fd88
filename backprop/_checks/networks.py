"""The checks of networks: layers, their input and targets, losses, training settings.

Built on :mod:`backprop._checks.values`. An MLP call checks its layers, X and T once, in one
quick pass where they are as usual (``network_data``), and in detail, naming what is wrong,
where they are not.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from backprop._checks.values import (
    _FLOAT,
    _KNOWN_ACTIVATIONS,
    ACTIVATIONS,
    LOSSES,
    _as_array,
    _finite,
    _high,
    _low,
    _shaped,
    array,
    arrays,
    callable_,
    count,
    name,
    number,
    skipped,
)


def layer(layer, where=""):
    """A Layer's W, b and activation: converted to floats, and checked.

    W and b are replaced only when they were not float arrays already (an
    int W set by a reader, a list), so that arrays shared between layers
    stay shared.
    """
    if skipped.active:
        return layer
    if _sound([layer]):  # first and fast
        return layer
    W = array(
        layer.W, f"{where}W", shape=(None, None), names={0: "n_y", 1: "n_x"}
    )
    n_y = W.shape[0]
    b = array(layer.b, f"{where}b")
    if b.size != n_y:
        raise ValueError(
            f"{where}W has shape {W.shape}, so {where}b must have {n_y} "
            f"entries, shape ({n_y}, 1); got {b.shape}"
        )
    if W is not layer.W:
        layer.W = W
    if b is not layer.b or b.shape != (n_y, 1):
        layer.b = b.reshape(n_y, 1)
    name(layer.activation, f"{where}activation", ACTIVATIONS)
    return layer


def layer_input(layer_, x):
    """The layer checked, and its input x of shape (n_x, n_data)."""
    if skipped.active:
        return x
    layer(layer_)
    n_x = layer_.W.shape[1]
    return array(
        x,
        "x",
        shape=(n_x, None),
        why=f"one sample per column (W has shape {layer_.W.shape})",
        names={1: "n_data"},
    )


def loss(loss_, output):
    """The loss and the output activation, and whether they go together."""
    name(loss_, "loss", LOSSES)
    name(output, "output", ACTIVATIONS)
    if loss_ != "mse" and output not in ("softmax", "sigmoid"):
        raise ValueError(
            f"{loss_} needs outputs between 0 and 1: use output='softmax' or "
            f"'sigmoid', not {output!r}"
        )
    return loss_


def targets(T, loss_, output, shape=None, why=""):
    """T, checked against what the loss accepts (probabilities, or any)."""
    if skipped.active:
        return T
    if loss_ == "mse":
        return array(T, "T", shape=shape, why=why)
    T = _shaped(T, "T", shape, why)
    if loss_ == "cross_entropy" and output == "softmax" and _one_hot_like(T):
        return T
    if not (_low(T, axis=None) >= 0 and _high(T, axis=None) <= 1):  # NaN too
        _probabilities(T, loss_)
    if loss_ == "cross_entropy" and output == "softmax":
        sums, low, high = np.add.reduce(T, axis=0), 1 - 1e-6, 1 + 1e-6
        if not (_low(sums) >= low and _high(sums) <= high):
            off = np.flatnonzero((sums < low) | (sums > high))
            raise ValueError(
                "T's columns must be distributions (each summing to 1) for "
                f"softmax with cross_entropy; column {off[0]} sums to "
                f"{sums[off[0]]:g}"
            )
    return T


def _one_hot_like(T):
    """Whether T is one-hot: each column sums to exactly 1, and T has one
    entry that is not 0 per column (no column can have none: it would sum
    to 0), so that entry is 1. Then T passes `targets` for softmax with
    cross-entropy (one-hot labels, the usual case), tested in two quick
    passes. Anything else (soft labels too) takes the full checks, with
    their messages.
    """
    n_y, n_data = T.shape
    sums = _ones(n_y).dot(T)  # one BLAS call; exact for 0s and 1s
    return (  # all exactly 1.0 (NaN, inf: not), compared as bytes
        sums.tobytes() == _ones(n_data).tobytes()
        and np.count_nonzero(T) == n_data
    )


@functools.lru_cache(maxsize=16)
def _ones(n):
    """n ones, read-only (kept between calls)."""
    ones = np.ones(n)
    ones.flags.writeable = False
    return ones


def _probabilities(T, loss_):
    """The error for a T that is not finite, or not between 0 and 1."""
    _finite(T, "T")
    outside = (T < 0) | (T > 1)
    if np.any(outside):
        where = tuple(int(i) for i in np.argwhere(outside)[0])
        raise ValueError(
            f"T must be between 0 and 1 for {loss_} (a probability); "
            f"T{list(where)} = {T[where]:g}"
        )


def network(layers, argument="layers"):
    """A list of layers whose sizes chain: each W has the shape it needs."""
    if skipped.active or _sound(layers):
        return layers
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__len__"):
        raise TypeError(f"{argument} must be a list of layers")
    if len(layers) == 0:
        raise ValueError(f"{argument} is empty: a network needs a layer")
    for i, lyr in enumerate(layers):
        for attribute in ("W", "b", "activation"):
            if not hasattr(lyr, attribute):
                raise TypeError(
                    f"{argument}[{i}] must be a Layer (with W, b and an "
                    f"activation), not {type(lyr).__name__}"
                )
        layer(lyr, f"{argument}[{i}].")
        if i and lyr.W.shape[1] != layers[i - 1].W.shape[0]:
            n_in = layers[i - 1].W.shape[0]
            raise ValueError(
                f"{argument}[{i}].W must have shape ({lyr.W.shape[0]}, "
                f"{n_in}): the layer below has {n_in} outputs; got "
                f"{lyr.W.shape}"
            )
    return layers


def network_data(layers, X, T=None, loss_="cross_entropy", output="softmax"):
    """X, shape (n_x, n_data), and T for this loss, shape (n_y, n_data), as
    float arrays that fit the layers, and the layers checked (`network`).
    Returns X alone when T is None, else (X, T).
    """
    if skipped.active or _sound_data(layers, X, T, loss_, output):
        return X if T is None else (X, T)
    network(layers)
    n_in, n_out = layers[0].W.shape[1], layers[-1].W.shape[0]
    X = array(X, "X", (n_in, None), "one sample per column", {1: "n_data"})
    if T is None:
        return X
    loss(loss_, output)
    T = targets(T, loss_, output, (n_out, X.shape[1]), "like the output for X")
    return X, T


def _sound_data(layers, X, T, loss_, output):
    """Whether network_data accepts these as they are, tested in one quick
    pass: sound layers, float arrays X and T of the shapes they need, finite,
    and a T that the loss takes (for softmax with cross-entropy, one-hot-like
    columns). Anything else takes the detailed checks, with their messages.
    """
    if not (
        type(X) is np.ndarray
        and X.dtype is _FLOAT
        and X.ndim == 2
        and X.shape[1]
        and _sound(layers, X.shape[0], np.vdot(X, X))
    ):
        return False
    if T is None:
        return True
    if not (
        type(T) is np.ndarray
        and T.dtype is _FLOAT
        and T.shape == (layers[-1].W.shape[0], X.shape[1])
        and output in ACTIVATIONS  # a tuple: `in` takes any value
    ):
        return False
    if loss_ == "mse":
        return math.isfinite(np.vdot(T, T))
    return (
        loss_ == "cross_entropy" and output == "softmax" and _one_hot_like(T)
    )


def _sound(layers, n_x=None, squares=0.0):
    """Whether the layers pass every check of `network`, tested in one quick
    pass: the usual case. Anything else goes through the checks above, which
    accept the same layers and name what is wrong with the others.

    n_x: the input size the first layer must take, if given; squares: a sum
    of squares of other arrays (the input's) to test for finiteness with the
    layers' own (see _finite).
    """
    seen = False
    try:
        for lyr in layers:
            W, b = lyr.W, lyr.b
            if not (
                type(W) is np.ndarray
                and type(b) is np.ndarray
                and W.dtype is _FLOAT
                and b.dtype is _FLOAT
                and W.ndim == 2
                and W.size
                and b.shape == (W.shape[0], 1)
                and n_x in (None, W.shape[1])
                and lyr.activation in _KNOWN_ACTIVATIONS
            ):
                return False
            squares += np.vdot(W, W) + np.vdot(b, b)
            n_x, seen = W.shape[0], True
    except (TypeError, AttributeError):  # not a list of layers
        return False
    return seen and math.isfinite(squares)


def backward(layers, dJ_dz):
    """backward's input: layers that ran forward, dJ_dz shaped like top z."""
    if skipped.active:
        return dJ_dz
    network(layers)
    for i, lyr in enumerate(layers):
        if not all(hasattr(lyr, a) for a in ("x", "z", "y")):
            raise ValueError(
                f"layers[{i}] has no x, z and y yet: run forward first"
            )
    top = layers[-1].z
    return array(
        dJ_dz, "dJ_dz", shape=top.shape, why="the shape of the last layer's z"
    )


def outputs(output, **named):
    """The output activation's name, and arrays that share one shape."""
    if skipped.active:
        return tuple(named.values())
    name(output, "output", ACTIVATIONS)
    checked = arrays(**named)
    first, shape = next(iter(named)), checked[0].shape
    for argument, v in zip(named, checked, strict=True):
        if v.shape != shape:
            raise ValueError(
                f"{argument} must have the shape of {first}, {shape}; got "
                f"{v.shape}"
            )
    return checked


def cost_inputs(loss_, output, z, y, T):
    """cost_and_gradient's arguments: names that fit, shapes, targets."""
    if skipped.active:
        return z, y, T
    loss(loss_, output)
    z, y = outputs(output, z=z, y=y)
    if output == "softmax" and z.shape[0] < 2:
        raise ValueError("softmax over 1 output is always 1: use 'sigmoid'")
    T = targets(T, loss_, output, shape=z.shape, why="the shape of z")
    return z, y, T


def training(lr, epochs, batch_size, callback):
    """fit's settings: lr > 0, positive whole numbers of epochs and samples."""
    lr = number(lr, "lr (the learning rate)", positive=True)
    epochs = count(epochs, "epochs")  # 0 would silently train nothing
    if batch_size is not None:
        batch_size = count(batch_size, "batch_size")
    if callback is not None:
        callable_(callback, "callback")
    return lr, epochs, batch_size


def epoch(lr, order, batch_size, X, update):
    """train_epoch's settings: fit's, an order that lists each sample once,
    and an update that can be called."""
    if skipped.active:
        return lr, order, batch_size
    lr, _, batch_size = training(lr, 1, batch_size, None)
    if update is not None:
        callable_(update, "update")
    if order is None:
        return lr, order, batch_size
    n_data = X.shape[1]
    order = _as_array(order, "order")
    if (
        order.shape != (n_data,)
        or order.dtype.kind not in "iu"
        or not np.array_equal(np.sort(order), np.arange(n_data))
    ):
        raise ValueError(
            f"order must list each of the {n_data} samples once, as the "
            f"column numbers 0 to {n_data - 1} in any order"
        )
    return lr, order, batch_size
