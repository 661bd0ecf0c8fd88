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

Here: ``Playground``, its settings, data and ``state()``, and every name of the playground
that the chapter and the widget import. Its parts, each importing only those before it:
:mod:`backprop.playground_settings` (the menus, the table of settings and their checks),
:mod:`backprop.playground_data` (the generators, the input features, the split),
:mod:`backprop.playground_training` (the network and its steps).
"""

from __future__ import annotations

import numpy as np

from backprop.nn import forward
from backprop.playground_data import N_SAMPLES as N_SAMPLES
from backprop.playground_data import RADIUS, feature_map, make_data, split
from backprop.playground_settings import (
    ACTIVATIONS,
    DATASETS,
    FEATURES,
    LEARNING_RATES,
    REGULARIZATION_RATES,
    SETTINGS,
    check_settings,
    restarts,
)
from backprop.playground_settings import MAX_LAYERS as MAX_LAYERS
from backprop.playground_settings import MAX_UNITS as MAX_UNITS
from backprop.playground_training import Diverged, Training

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
# imported from here too, though not in __all__ ("X as X" above): MAX_LAYERS and MAX_UNITS
# (the widget's menus), N_SAMPLES, RADIUS, check_settings


def plane_pictures(layers, features, resolution, thumbnail):
    """The network's output over [-6, 6]^2, shape (resolution, resolution), and every unit's
    output (the input features first), per layer, shape (n_units, thumbnail, thumbnail)."""

    def over_plane(m):
        g = np.linspace(-RADIUS, RADIUS, m)
        x1, x2 = np.meshgrid(g, g)  # rows: x2, columns: x1
        F = feature_map(np.stack([x1.ravel(), x2.ravel()]), features)
        with np.errstate(all="ignore"):
            forward(layers, F)
        return F, [lyr.y for lyr in layers]

    _, ys = over_plane(resolution)
    output = ys[-1][0].reshape(resolution, resolution)
    F, ys = over_plane(thumbnail)
    shape = (-1, thumbnail, thumbnail)
    return output, [F.reshape(shape)] + [y.reshape(shape) for y in ys]


class Playground(Training):
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
        old, self._settings = self._settings, new
        restart = restarts(old, new)
        if restart == "data":
            self._new_data()
        elif restart == "network":
            self._features()
            self.reset()
        elif not self._l1:  # L1 off: its dead weights train again, from 0
            for dead in self.dead:
                dead[...] = False
        return self

    def regenerate(self):
        """New points from the same generator (TensorFlow Playground's button)."""
        self._draw += 1
        self._new_data()
        return self

    def _new_data(self):
        s = self._settings
        seed = [s["seed"], self._draw]
        X, t = make_data(s["dataset"], noise=s["noise"], seed=seed)
        self.X_train, self.t_train, self.X_test, self.t_test = split(
            X, t, s["train_fraction"], [*seed, 1]
        )
        self._features()
        self.reset()

    def _features(self):
        names = self._settings["features"]
        self.F_train = feature_map(self.X_train, names)
        self.F_test = feature_map(self.X_test, names)

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
        output, units = plane_pictures(
            layers, s["features"], resolution, thumbnail
        )
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


for _name in SETTINGS:
    setattr(Playground, _name, _setting(_name))
del _name
