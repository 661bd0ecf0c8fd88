"""What any function's input needs: numbers, counts, names, arrays of real, finite numbers.

Each check returns its argument in the form the code needs (a float array, an int, a float)
or raises a TypeError (wrong kind of thing) or a ValueError (right kind, wrong value) whose
message names the argument. ``skipped`` turns them off where the input was checked already.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

ACTIVATIONS = ("identity", "step", "sigmoid", "tanh", "relu", "softmax")
LOSSES = ("cross_entropy", "binary_cross_entropy", "mse")
_KNOWN_ACTIVATIONS = frozenset(ACTIVATIONS)  # `in` without comparing each


class NotFinite(ValueError):
    """NaN or an infinity where a finite number is needed."""


_low, _high = np.minimum.reduce, np.maximum.reduce  # NaN wins in both
# NumPy's one float64 dtype: a float array's dtype is it (`is`: quicker than
# ==, which converts its other side); any other dtype takes the longer path
_FLOAT = np.dtype(np.float64)


class skipped:
    """Inside `with skipped():`, the checks of arrays, layers and names return
    them unchecked (every check reads `skipped.active`).

    A public function checks its input once, at the top, then runs the
    book's functions on it without each checking it again; fit checks its
    data and the network once, then takes thousands of steps on them. A NaN
    that training itself makes (divergence) shows in the cost, which fit
    tests after each epoch.
    """

    active = False

    def __enter__(self):
        self.before, skipped.active = skipped.active, True

    def __exit__(self, *exc):
        skipped.active = self.before


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
    if skipped.active:
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
    if skipped.active:
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
    if skipped.active:
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
