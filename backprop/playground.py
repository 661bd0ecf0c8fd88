"""A playground for small networks: TensorFlow Playground on the book's own ``backprop.nn``.

``Playground(dataset="circle", hidden=(4, 2), ...)`` draws a data set in the plane, maps each
point to the chosen input features, builds a :class:`backprop.nn.MLP` and trains it by
mini-batch gradient descent, with an optional L1 or L2 penalty (:mod:`backprop.regularize`).
``pg.step(epochs)`` trains. The model knows nothing of widgets: in Jupyter,
``PlaygroundWidget(pg)`` (:mod:`backprop.playground_widget`) shows TensorFlow Playground's
controls and figures around it.

The data sets follow TensorFlow Playground's generators (``src/dataset.ts``), with a noise
level from 0 to 0.5: "circle", "xor", "gauss" and "spiral" for classification, with labels
t = 0 or 1; "plane" and "multigauss" for regression, with targets in [-1, 1]. The pictures
show the square [-6, 6]^2, where every point lies but the tails of the gaussians.
Classification uses a sigmoid output and the binary cross-entropy, regression an identity
output and the squared error (1/2)(y - t)^2; the losses are means over the samples.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from backprop import _checks, regularize
from backprop.nn import MLP, diverged, forward, train_epoch

__all__ = [
    "ACTIVATIONS",
    "DATASETS",
    "Diverged",
    "FEATURES",
    "LEARNING_RATES",
    "Playground",
    "REGULARIZATION_RATES",
    "feature_map",
    "make_data",
]

DATASETS = {
    "circle": "classification",
    "xor": "classification",
    "gauss": "classification",
    "spiral": "classification",
    "plane": "regression",
    "multigauss": "regression",
}
# TensorFlow Playground's sample counts: 500 points to classify, 1200 to regress
N_SAMPLES = {"classification": 500, "regression": 1200}
FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1**2,
    "x2^2": lambda x1, x2: x2**2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
# TensorFlow Playground's menus
LEARNING_RATES = (1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MAX_LAYERS, MAX_UNITS = 6, 8
RADIUS = 6.0  # the pictures show [-6, 6]^2


class Diverged(ArithmeticError):
    """Training blew up (the learning rate is too large for this network)."""


# The data sets ---------------------------------------------------------------------------------


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
    _check_choice("dataset", dataset, tuple(DATASETS))
    noise = _check_number("noise", noise, 0.0, 0.5)
    n = N_SAMPLES[DATASETS[dataset]] if n is None else n
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 2:
        raise ValueError(f"n must be an integer of at least 2, not {n!r}")
    rng = np.random.default_rng(seed)
    return _GENERATORS[dataset](int(n), noise, rng)


def feature_map(X, features):
    """The input features of the points X, shape (len(features), n_data), in that order."""
    features = _check_features(features)
    return np.stack([FEATURES[name](X[0], X[1]) for name in features])


# Checking settings -----------------------------------------------------------------------------


def _check_choice(name, value, options):
    if not isinstance(value, (str, type(None))) or value not in options:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, options))}; "
            f"got {value!r}"
        )
    return value


def _check_number(name, value, lo, hi, low_open=False):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {value!r}")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{name} must be a number, not NaN")
    if value < lo or value > hi or (low_open and value == lo):
        bound = f"above {lo:g}" if low_open else f"at least {lo:g}"
        raise ValueError(
            f"{name} must be {bound} and at most {hi:g}; got {value:g}"
        )
    return value


def _check_int(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, not {value!r}")
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be from {lo} to {hi}; got {value}")
    return int(value)


def _check_features(features):
    if isinstance(features, str):
        raise TypeError(
            f"features must be a list of feature names, not the string "
            f"{features!r} (write ({features!r},))"
        )
    features = tuple(features)
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(
            f"features: unknown feature {unknown[0]!r}; choose from "
            f"{', '.join(FEATURES)}"
        )
    if not features:
        raise ValueError("features: choose at least one input feature")
    if len(set(features)) != len(features):
        raise ValueError(f"features: each feature once, got {features}")
    return tuple(f for f in FEATURES if f in features)  # TFP's order


def _check_hidden(hidden):
    if isinstance(hidden, numbers.Integral):
        raise TypeError(
            f"hidden must be a list of layer sizes such as (4, 2), not "
            f"{hidden!r}"
        )
    hidden = tuple(hidden)
    if len(hidden) > MAX_LAYERS:
        raise ValueError(
            f"hidden: at most {MAX_LAYERS} hidden layers, got {len(hidden)}"
        )
    return tuple(
        _check_int(f"hidden[{i}] (units in layer {i + 1})", n, 1, MAX_UNITS)
        for i, n in enumerate(hidden)
    )


def check_settings(s):
    """Validate and normalise a dict of settings; errors name the setting."""
    s = dict(s)
    _check_choice("dataset", s["dataset"], tuple(DATASETS))
    _check_choice("problem", s["problem"], ("classification", "regression"))
    if DATASETS[s["dataset"]] != s["problem"]:
        raise ValueError(
            f"dataset {s['dataset']!r} is a {DATASETS[s['dataset']]} data "
            f"set, but problem is {s['problem']!r}"
        )
    s["noise"] = _check_number("noise", s["noise"], 0.0, 0.5)
    s["train_fraction"] = _check_number(
        "train_fraction", s["train_fraction"], 0.1, 0.9
    )
    s["features"] = _check_features(s["features"])
    s["hidden"] = _check_hidden(s["hidden"])
    _check_choice("activation", s["activation"], ACTIVATIONS)
    s["lr"] = _check_number("lr", s["lr"], 0.0, 10.0, low_open=True)
    s["batch_size"] = _check_int("batch_size", s["batch_size"], 1, 30)
    regularize.check_kind(s["regularization"])
    s["reg_rate"] = _check_number("reg_rate", s["reg_rate"], 0.0, 10.0)
    s["seed"] = _check_int("seed", s["seed"], 0, 2**32 - 1)
    return s


# The playground --------------------------------------------------------------------------------

_RESETS_DATA = ("dataset", "noise", "train_fraction", "problem", "seed")
_RESETS_NETWORK = ("features", "hidden", "activation")


class Playground:
    """TensorFlow Playground's model: a data set, input features, an MLP, and its training.

    Parameters
    ----------
    dataset : "circle", "xor", "gauss", "spiral" (classification), "plane", "multigauss"
        (regression)
    noise : float from 0 to 0.5
    train_fraction : float from 0.1 to 0.9, the share of the points used for training
    features : names from ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
    hidden : 0 to 6 hidden layer sizes, each from 1 to 8
    activation : "relu", "tanh", "sigmoid" or "linear", for the hidden layers
    lr : the learning rate alpha, above 0 and at most 10
    batch_size : integer from 1 to 30
    regularization : None, "L1" or "L2"; reg_rate : its rate lambda, from 0 to 10
    problem : "classification" or "regression" (must match the data set)
    seed : the data, the split, the initial weights and the batch order

    Attributes
    ----------
    network : the :class:`backprop.nn.MLP` being trained; epoch : epochs trained;
    dead : one boolean array per layer, of the shape of its W: the weights that L1 set to
    exactly 0 (TensorFlow Playground's rule, see :func:`backprop.regularize.descend`); they
    stay at 0 while L1 is on, and train again once it is off or the network is reset;
    train_loss, test_loss : the data loss (without the penalty) after the last epoch;
    test_accuracy : for classification; diverged : False, or the message saying why training
    stopped.
    """

    def __init__(
        self,
        dataset="circle",
        noise=0.0,
        train_fraction=0.5,
        features=("x1", "x2"),
        hidden=(4, 2),
        activation="tanh",
        lr=0.03,
        batch_size=10,
        regularization=None,
        reg_rate=0.0,
        problem="classification",
        seed=0,
    ):
        self._settings = check_settings(
            dict(
                dataset=dataset,
                noise=noise,
                train_fraction=train_fraction,
                features=features,
                hidden=hidden,
                activation=activation,
                lr=lr,
                batch_size=batch_size,
                regularization=regularization,
                reg_rate=reg_rate,
                problem=problem,
                seed=seed,
            )
        )
        self._draw = 0  # how many times the data were regenerated
        self._new_data()

    @property
    def settings(self):
        return dict(self._settings)

    def set(self, **changes):
        """Change settings. New data or a new architecture start training again."""
        unknown = set(changes) - set(self._settings)
        if unknown:
            raise TypeError(
                f"unknown setting {sorted(unknown)[0]!r}; settings are "
                f"{', '.join(self._settings)}"
            )
        new = check_settings({**self._settings, **changes})
        changed = {k for k in new if new[k] != self._settings[k]}
        self._settings = new
        if changed & set(_RESETS_DATA):
            self._new_data()
        elif changed & set(_RESETS_NETWORK):
            self._features()
            self.reset()
        elif not self._l1:  # L1 off: its dead weights train again, from 0
            for dead in self.dead:
                dead[...] = False
        return self

    @property
    def _l1(self):
        return self.penalty_on and self._settings["regularization"] == "L1"

    def regenerate(self):
        """New points from the same generator (TensorFlow Playground's button)."""
        self._draw += 1
        self._new_data()
        return self

    def _new_data(self):
        s = self._settings
        seed = [s["seed"], self._draw]
        X, t = make_data(s["dataset"], noise=s["noise"], seed=seed)
        order = np.random.default_rng([*seed, 1]).permutation(X.shape[1])
        n_train = int(round(s["train_fraction"] * X.shape[1]))
        self.X_train, self.X_test = (
            X[:, order[:n_train]],
            X[:, order[n_train:]],
        )
        self.t_train, self.t_test = t[order[:n_train]], t[order[n_train:]]
        self._features()
        self.reset()

    def _features(self):
        names = self._settings["features"]
        self.F_train = feature_map(self.X_train, names)
        self.F_test = feature_map(self.X_test, names)

    @property
    def loss_name(self):
        return (
            "binary_cross_entropy"
            if self._settings["problem"] == "classification"
            else "mse"
        )

    def reset(self):
        """Back to epoch 0: the initial weights again (the same seed), same data."""
        s = self._settings
        sizes = [len(s["features"]), *s["hidden"], 1]
        output = "sigmoid" if s["problem"] == "classification" else "identity"
        f = "tanh" if s["activation"] == "linear" else s["activation"]
        net = MLP(sizes, activation=f, output=output, seed=s["seed"])
        if s["activation"] == "linear":  # nn.MLP has no linear hidden layers
            for layer in net.layers[:-1]:
                layer.activation = "identity"
            net.activation = "identity"
        self.network = net
        self.dead = [np.zeros(lyr.W.shape, dtype=bool) for lyr in net.layers]
        self._batch_rng = np.random.default_rng([s["seed"], 2])
        self.epoch = 0
        self.diverged = False
        self.last_batch = None  # the gradients of the last mini-batch
        self._last_penalty = None  # and the penalty in them
        self.history = {
            "epoch": [0],
            "train": [self._loss(self.F_train, self.t_train)],
            "test": [self._loss(self.F_test, self.t_test)],
        }
        return self

    def _output(self, F):
        return forward(self.network.layers, F)

    def _loss(self, F, t):
        """The data loss (without the penalty) on the points with features F."""
        # the data were checked when they were set; the weights after each epoch
        with np.errstate(all="ignore"), _checks.skipped():
            return self.network.cost(F, t[None], self.loss_name)

    @property
    def train_loss(self):
        return self.history["train"][-1]

    @property
    def test_loss(self):
        return self.history["test"][-1]

    @property
    def test_accuracy(self):
        """The share of test points on the right side of y = 1/2."""
        if self._settings["problem"] != "classification":
            raise AttributeError(
                "test_accuracy is for classification; regression has test_loss"
            )
        y = self._output(self.F_test)[0]
        return float(np.mean((y >= 0.5) == (self.t_test == 1)))

    @property
    def penalty_on(self):
        """True when the cost has a penalty: L1 or L2 at a rate above 0."""
        s = self._settings
        return s["regularization"] is not None and s["reg_rate"] > 0

    @property
    def penalty(self):
        """lambda R(W), the regularisation term of the cost."""
        s = self._settings
        return regularize.penalty(
            self.network.layers, s["regularization"], s["reg_rate"]
        )

    def batch_gradients(self, F, t):
        """Forward, backward and the penalty on one batch: J_total, sets dJ_dW, dJ_db."""
        s = self._settings
        J_total, _ = regularize.loss_and_gradients(
            self.network,
            F,
            t[None],
            self.loss_name,
            s["regularization"],
            s["reg_rate"],
        )
        return J_total

    def _update(self, layers, grads, lr):
        """A step on one batch's gradients, TensorFlow Playground's (``train_epoch``'s update).

        W <- W - alpha (dJ/dW + lambda dR/dW), with TensorFlow Playground's rule for L1
        (:func:`backprop.regularize.descend`), and b <- b - alpha dJ/db. Each layer's dJ_dW is
        left as the gradient of J_total = J + lambda R, which the step used.
        """
        kind, rate = (
            self._settings["regularization"],
            self._settings["reg_rate"],
        )
        # grads are the layers' own dJ_dW, dJ_db, from backpropagation on the batch
        total = regularize.add_penalty_gradient(layers, kind, rate)
        for layer, (dW, db), dead in zip(
            layers, total, self.dead, strict=True
        ):
            regularize.descend(layer.W, dW, lr, kind, rate, dead)
            layer.b -= lr * db

    def step(self, epochs=1):
        """Train for `epochs` passes over the training set, in shuffled mini-batches.

        Each epoch is :func:`backprop.nn.train_epoch`'s, in a new random order. Each batch:
        its gradients by backpropagation, then W <- W - alpha (dJ/dW + lambda dR/dW) with
        TensorFlow Playground's rule for L1 (:func:`backprop.regularize.descend`: a weight
        that the penalty carries across zero becomes exactly 0 and dead), and
        b <- b - alpha dJ/db.

        Raises :class:`Diverged` (and sets ``diverged`` to the message) if the loss diverges
        by :func:`backprop.nn.diverged`'s rule (weights that are no longer finite count as an
        infinite loss); the weights are then those of the last good epoch. ``reset()`` starts
        again.
        """
        epochs = _check_int("epochs", epochs, 1, 10**6)
        if self.diverged:
            raise Diverged(self.diverged)
        s = self._settings
        net = self.network
        for _ in range(epochs):
            kept = [
                (lyr.W.copy(), lyr.b.copy(), dead.copy())
                for lyr, dead in zip(net.layers, self.dead, strict=True)
            ]
            # the settings and data were checked when they were set; the
            # weights are checked below, after each epoch
            with _checks.skipped(), np.errstate(all="ignore"):
                order = self._batch_rng.permutation(self.F_train.shape[1])
                train = train_epoch(
                    net,
                    self.F_train,
                    self.t_train[None],
                    self.loss_name,
                    s["lr"],
                    order,
                    s["batch_size"],
                    update=self._update,
                )
            finite = all(np.isfinite(lyr.W).all() for lyr in net.layers)
            self.history["train"].append(train if finite else math.inf)
            message = diverged(self.history["train"], s["lr"])
            if message:  # back to the last good epoch
                self.history["train"].pop()
                for layer, (W, b, _) in zip(net.layers, kept, strict=True):
                    layer.W, layer.b = W, b
                self.dead = [dead for _, _, dead in kept]
                self.diverged = message
                raise Diverged(message)
            self.epoch += 1
            self.last_batch = [
                (lyr.dJ_dW.copy(), lyr.dJ_db.copy()) for lyr in net.layers
            ]
            test = self._loss(self.F_test, self.t_test)
            self._last_penalty = (
                s["regularization"] if self.penalty_on else None
            )
            self.history["epoch"].append(self.epoch)
            self.history["test"].append(test)
        return self

    def state(self, resolution=40, thumbnail=14):
        """Everything the figures draw, as plain arrays (see backprop.figures.playground).

        ``output``: the network's output on a resolution x resolution grid over [-6, 6]^2;
        ``units``: per layer (the input features first), each unit's output on a
        thumbnail x thumbnail grid, shape (n_units, thumbnail, thumbnail);
        ``dJ_dW``: the gradients of J_total = J + lambda R of the last batch, those the
        update used (on every weight but the dead ones); ``gradient_penalty``: the penalty
        in them, "L1", "L2" or None; ``regularization``: the penalty now (None when there is
        none or its rate is 0); ``dead``: the weights L1 set to 0, per layer.
        """
        s = self._settings
        layers = self.network.layers

        def over_plane(m):
            g = np.linspace(-RADIUS, RADIUS, m)
            x1, x2 = np.meshgrid(g, g)  # rows: x2, columns: x1
            P = np.stack([x1.ravel(), x2.ravel()])
            F = feature_map(P, s["features"])
            with np.errstate(all="ignore"):
                forward(layers, F)
            return F, [lyr.y for lyr in layers]

        _, ys = over_plane(resolution)
        output = ys[-1][0].reshape(resolution, resolution)
        F, ys = over_plane(thumbnail)
        shape = (-1, thumbnail, thumbnail)
        units = [F.reshape(shape)] + [y.reshape(shape) for y in ys]
        grads = self.last_batch
        return {
            "problem": s["problem"],
            "dataset": s["dataset"],
            "features": list(s["features"]),
            "activation": s["activation"],
            "sizes": self.network.sizes,
            "W": [lyr.W.copy() for lyr in layers],
            "b": [lyr.b[:, 0].copy() for lyr in layers],
            "dJ_dW": None if grads is None else [g[0] for g in grads],
            "dead": [dead.copy() for dead in self.dead],
            "gradient_penalty": self._last_penalty,
            "regularization": s["regularization"] if self.penalty_on else None,
            "reg_rate": s["reg_rate"],
            "dJ_db": None if grads is None else [g[1][:, 0] for g in grads],
            "radius": RADIUS,
            "output": output,
            "units": units,
            "X_train": self.X_train,
            "t_train": self.t_train,
            "X_test": self.X_test,
            "t_test": self.t_test,
            "epoch": self.epoch,
            "history": {k: list(v) for k, v in self.history.items()},
            "diverged": self.diverged,
        }

    def summary(self):
        """One line: the epoch and the losses (and the test accuracy)."""
        text = (
            f"epoch {self.epoch}: train loss {self.train_loss:.3f}, "
            f"test loss {self.test_loss:.3f}"
        )
        if self._settings["problem"] == "classification":
            text += f", test accuracy {self.test_accuracy:.3f}"
        if self.diverged:
            text += f" (stopped: {self.diverged})"
        return text

    def __repr__(self):
        s = self._settings
        return (
            f"Playground({s['dataset']!r}, features={list(s['features'])}, "
            f"hidden={list(s['hidden'])}, activation={s['activation']!r}, "
            f"lr={s['lr']:g}; {self.summary()})"
        )


def _setting(name):
    return property(
        lambda self: self._settings[name],
        doc=f"The {name} setting (read only: change it with ``set``).",
    )


for _name in (
    "dataset",
    "noise",
    "train_fraction",
    "features",
    "hidden",
    "activation",
    "lr",
    "batch_size",
    "regularization",
    "reg_rate",
    "problem",
    "seed",
):
    setattr(Playground, _name, _setting(_name))
del _name
