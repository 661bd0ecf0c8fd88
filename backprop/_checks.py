"""The checks that the book's functions run on their input before any work.

Each check returns its argument in the form the code needs (a float array, an
int, a float) or raises a TypeError (wrong kind of thing) or a ValueError
(right kind, wrong value) whose message names the argument. The
chapters call them in one line at the top of a function, so that the code
they teach stays the lesson, and a mistake in the data is reported as a
mistake in the data, not as a NaN or a divergence three calls later.
"""

from __future__ import annotations

import functools
import math
import numbers

import numpy as np

ACTIVATIONS = ("identity", "step", "sigmoid", "tanh", "relu", "softmax")
LOSSES = ("cross_entropy", "binary_cross_entropy", "mse")
_KNOWN_ACTIVATIONS = frozenset(ACTIVATIONS)  # `in` without comparing each


class NotFinite(ValueError):
    """NaN or an infinity where a finite number is needed."""


_skipping = False
_low, _high = np.minimum.reduce, np.maximum.reduce  # NaN wins in both
# NumPy's one float64 dtype: a float array's dtype is it (`is`: quicker than
# ==, which converts its other side); any other dtype takes the longer path
_FLOAT = np.dtype(np.float64)


class skipped:
    """Inside `with skipped():`, the checks of arrays, layers and names return
    them unchecked.

    A public function checks its input once, at the top, then runs the
    book's functions on it without each checking it again; fit checks its
    data and the network once, then takes thousands of steps on them. A NaN
    that training itself makes (divergence) shows in the cost, which fit
    tests after each epoch.
    """

    def __enter__(self):
        global _skipping
        self.before, _skipping = _skipping, True

    def __exit__(self, *exc):
        global _skipping
        _skipping = self.before


def _choices(choices):
    return ", ".join(repr(c) for c in choices)


def name(value, argument, choices):
    """value if it is one of the names in choices, else a clear error."""
    if not isinstance(value, str):
        raise TypeError(
            f"{argument} must be a name, one of {_choices(choices)}; got "
            f"{type(value).__name__} {value!r}"
        )
    if value not in choices:
        raise ValueError(
            f"unknown {argument} {value!r}: use one of {_choices(choices)}"
        )
    return value


def number(x, argument, positive=False):
    """x as a finite float (positive, if asked), else a clear error."""
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x.item()  # a 0-d array, as NumPy reductions can give
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(
            f"{argument} must be a number, not {type(x).__name__} {x!r}"
        )
    x = float(x)
    if not np.isfinite(x):
        raise ValueError(f"{argument} must be a finite number, got {x}")
    if positive and not x > 0:
        raise ValueError(f"{argument} must be positive, got {x:g}")
    return x


def count(n, argument, minimum=1):
    """n as an int of at least `minimum`, else a clear error."""
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError(
            f"{argument} must be a whole number (an int), not "
            f"{type(n).__name__} {n!r}"
        )
    if n < minimum:
        what = {0: "0 or more", 1: "positive"}.get(minimum, f"{minimum}+")
        raise ValueError(f"{argument} must be {what}, got {n}")
    return int(n)


def _shape_text(shape, names):
    dims = [
        str(d) if d is not None else names.get(i, "any")
        for i, d in enumerate(shape)
    ]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def _as_array(x, argument):
    """np.asanyarray(x), with an error naming x for ragged lists."""
    try:
        return np.asanyarray(x)
    except ValueError as err:  # rows of different lengths
        raise ValueError(
            f"{argument} must be an array, rows of equal length: {err}"
        ) from None


def array(x, argument, shape=None, why="", names=None):
    """x as a float array, non-empty, finite, of the given shape.

    shape is a tuple whose entries are sizes or None (any size); names
    says what a None stands for in the message, e.g. {1: "n_data"}.
    """
    if _skipping:
        return x
    x = _shaped(x, argument, shape, why, names)
    _finite(x, argument)
    return x


def _shaped(x, argument, shape=None, why="", names=None):
    """x as a non-empty float array of the given shape (finite or not)."""
    if type(x) is not np.ndarray or x.dtype is not _FLOAT:
        x = _floats(x, argument)  # a list, an int array: converted
    if shape is not None and not _fits(x.shape, shape):
        note = f", {why}" if why else ""
        raise ValueError(
            f"{argument} must have shape {_shape_text(shape, names or {})}"
            f"{note}; got {x.shape}"
        )
    if x.size == 0:
        raise ValueError(f"{argument} is empty (shape {x.shape})")
    return x


def _fits(actual, shape):
    """Whether an array's shape matches shape, whose None entries match any size."""
    if len(actual) != len(shape):
        return False
    for s, d in zip(actual, shape, strict=True):
        if d is not None and d != s:
            return False
    return True


def _floats(x, argument):
    """x as an array of floats, or a TypeError if it holds something else."""
    kept = x
    x = _as_array(x, argument)
    if x.dtype == object or x.dtype.kind not in "biuf":
        raise TypeError(
            f"{argument} must hold real numbers; got "
            f"{type(kept).__name__} of dtype {x.dtype}"
        )
    return x.astype(float, copy=False)


def _finite(x, argument):
    # x . x, the sum of the squares, is finite when every entry is: one fast
    # pass (BLAS), no array made. Entries above 1e154 overflow it: the full
    # test then lets them through.
    if math.isfinite(np.vdot(x, x)) or np.isfinite(x).all():
        return
    bad = ~np.isfinite(x)
    where = tuple(int(i) for i in np.argwhere(bad)[0])
    value = x[where] if where else x
    n_bad = int(np.count_nonzero(bad))
    at = f" at index {where if len(where) > 1 else where[0]}" if where else ""
    raise NotFinite(
        f"{argument} has {n_bad} value{'s' * (n_bad > 1)} that "
        f"{'are' if n_bad > 1 else 'is'} not finite: {float(value)}{at}"
    )


def values(z, argument="z"):
    """An activation's input: any shape, real numbers, finite."""
    if _skipping:
        return z
    z = _as_array(z, argument)
    if z.dtype == object or z.dtype.kind not in "biuf":
        raise TypeError(
            f"{argument} must hold real numbers; got dtype {z.dtype}"
        )
    if z.size == 0:
        raise ValueError(f"{argument} is empty (shape {z.shape})")
    _finite(z, argument)
    return z


def layer(layer, where=""):
    """A Layer's W, b and activation: converted to floats, and checked.

    W and b are replaced only when they were not float arrays already (an
    int W set by a reader, a list), so that arrays shared between layers
    stay shared.
    """
    if _skipping:
        return layer
    if _usual(layer):  # first and fast
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


def _floats_2d(x):
    """Whether x is a non-empty 2-D array of floats, as a layer keeps W and b."""
    return (
        type(x) is np.ndarray
        and x.dtype is _FLOAT
        and x.ndim == 2
        and x.size > 0
    )


def layer_input(layer_, x):
    """The layer checked, and its input x of shape (n_x, n_data)."""
    if _skipping:
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
    if _skipping:
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
    """Whether T's entries are at least 0 and each column sums to exactly 1:
    then every entry is also at most 1, and T passes `targets` for softmax
    with cross-entropy (one-hot labels, the usual case), tested in two quick
    passes. Anything else takes the full checks, with their messages.
    """
    if not _low(T, axis=None) >= 0:  # NaN too
        return False
    # the column sums all exactly 1.0: as bytes, the quickest comparison
    return np.add.reduce(T, axis=0).tobytes() == _ones(T.shape[1])


@functools.lru_cache(maxsize=8)
def _ones(n):
    """n ones, as the bytes of a float64 array."""
    return np.ones(n).tobytes()


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


def labels(labels_, n_classes):
    """Class labels 0..n_classes-1, as ints, for one_hot."""
    n_classes = count(n_classes, "n_classes")
    raw = _as_array(labels_, "labels")
    if raw.dtype == object or raw.dtype.kind not in "biuf":
        raise TypeError(
            f"labels must be whole numbers 0..{n_classes - 1}; got dtype "
            f"{raw.dtype}"
        )
    x = array(raw, "labels", shape=(None,), names={0: "n_data"})
    if np.any(x != np.round(x)):
        k = int(np.flatnonzero(x != np.round(x))[0])
        raise ValueError(
            f"labels must be whole numbers; labels[{k}] = {x[k]:g}"
        )
    outside = (x < 0) | (x >= n_classes)
    if np.any(outside):
        k = int(np.flatnonzero(outside)[0])
        raise ValueError(
            f"labels must be between 0 and n_classes - 1 = {n_classes - 1}; "
            f"labels[{k}] = {x[k]:g}"
        )
    return x.astype(int), n_classes


def callable_(f, argument):
    """f if it can be called, else a TypeError naming it."""
    if not callable(f):
        raise TypeError(
            f"{argument} must be a function, not {type(f).__name__}"
        )
    return f


def instance(x, argument, kind):
    """x if it is a `kind`, else a TypeError naming it."""
    if not isinstance(x, kind):
        raise TypeError(
            f"{argument} must be a {kind.__name__}, not {type(x).__name__}"
        )
    return x


def arrays(**named):
    """Each keyword argument as a float array, non-empty and finite."""
    return tuple(array(v, argument) for argument, v in named.items())


def activation(name_, z):
    """An activation's name and its input z, checked."""
    if _skipping:
        return z
    name(name_, "activation", ACTIVATIONS)
    return values(z)


def sizes(sizes_):
    """MLP sizes: a list of two or more positive whole numbers."""
    try:
        sizes_ = list(sizes_)
    except TypeError:
        raise TypeError(
            f"sizes must be a list of layer sizes, e.g. [2, 3, 1]; got "
            f"{type(sizes_).__name__} {sizes_!r}"
        ) from None
    if len(sizes_) < 2:
        raise ValueError(f"sizes must be 2 or more positive sizes: {sizes_}")
    return [count(n, f"sizes[{i}]") for i, n in enumerate(sizes_)]


def network(layers, argument="layers"):
    """A list of layers whose sizes chain: each W has the shape it needs."""
    if _skipping or _sound(layers):
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
    if _skipping or _sound_data(layers, X, T, loss_, output):
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


def _usual(layer):
    """Whether a layer passes every check of `layer` as it is, tested quickly: float
    arrays W and b = a column that fit, finite, and a known activation."""
    W, b = (getattr(layer, a, None) for a in ("W", "b"))
    activation = getattr(layer, "activation", None)
    return (
        _floats_2d(W)
        and _floats_2d(b)
        and b.shape == (W.shape[0], 1)
        and isinstance(activation, str)
        and activation in ACTIVATIONS
        and math.isfinite(np.vdot(W, W))  # see _finite
        and math.isfinite(np.vdot(b, b))
    )


def backward(layers, dJ_dz):
    """backward's input: layers that ran forward, dJ_dz shaped like top z."""
    if _skipping:
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
    if _skipping:
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
    if _skipping:
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
    if _skipping:
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
