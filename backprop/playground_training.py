"""The Playground's training: its network, built from the settings, and its steps.

:class:`Training` holds what ``reset()`` starts anew (the network at its initial weights, the
dead weights, the epoch, the losses so far) and trains by :func:`backprop.nn.train_epoch`,
each batch's step by :func:`descend` (the penalties of :mod:`backprop.regularize`): the math
lives there, once. :class:`backprop.playground.Playground` is a ``Training`` with its settings
and data.
"""

from __future__ import annotations

import math

import numpy as np

from backprop import _checks, regularize
from backprop.nn import MLP, diverged, forward, train_epoch
from backprop.playground_settings import check_int

LOSSES = {"classification": "binary_cross_entropy", "regression": "mse"}


class Diverged(ArithmeticError):
    """Training blew up (the learning rate is too large for this network)."""


def build_network(s):
    """The MLP of the settings ``s``, with its initial weights (drawn from the seed).

    Its input is the features, its output one unit: a sigmoid for classification, the
    identity for regression.
    """
    sizes = [len(s["features"]), *s["hidden"], 1]
    output = "sigmoid" if s["problem"] == "classification" else "identity"
    f = "tanh" if s["activation"] == "linear" else s["activation"]
    net = MLP(sizes, activation=f, output=output, seed=s["seed"])
    if s["activation"] == "linear":  # nn.MLP has no linear hidden layers
        for layer in net.layers[:-1]:
            layer.activation = "identity"
        net.activation = "identity"
    return net


def descend(layers, dead, lr, kind, rate):
    """A step on one batch's gradients, TensorFlow Playground's (``train_epoch``'s update).

    W <- W - alpha (dJ/dW + lambda dR/dW), with TensorFlow Playground's rule for L1
    (:func:`backprop.regularize.descend`, which marks the weights it sets to 0 in ``dead``),
    and b <- b - alpha dJ/db. Each layer's dJ_dW is left as the gradient of
    J_total = J + lambda R, which the step used.
    """
    # the layers' own dJ_dW, dJ_db, from backpropagation on the batch
    total = regularize.add_penalty_gradient(layers, kind, rate)
    for layer, (dW, db), d in zip(layers, total, dead, strict=True):
        regularize.descend(layer.W, dW, lr, kind, rate, d)
        layer.b -= lr * db


class Training:
    """A network trained on a playground's points: the training half of ``Playground``.

    The class that uses it sets ``_settings`` (checked by
    :func:`backprop.playground_settings.check_settings`) and the data, ``F_train``, ``t_train``,
    ``F_test``, ``t_test`` (the points' features, shape (n_features, n), and their labels or
    targets, shape (n,)), then calls ``reset()``.
    """

    @property
    def loss_name(self):
        return LOSSES[self._settings["problem"]]

    @property
    def _l1(self):
        return self.penalty_on and self._settings["regularization"] == "L1"

    def reset(self):
        """Back to epoch 0: the initial weights again (the same seed), same data."""
        self.network = net = build_network(self._settings)
        self.dead = [np.zeros(lyr.W.shape, dtype=bool) for lyr in net.layers]
        self._batch_rng = np.random.default_rng([self._settings["seed"], 2])
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
        """``train_epoch``'s update: :func:`descend` with the penalty of the settings."""
        s = self._settings
        descend(layers, self.dead, lr, s["regularization"], s["reg_rate"])

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
        epochs = check_int("epochs", epochs, 1, 10**6)
        if self.diverged:
            raise Diverged(self.diverged)
        for _ in range(epochs):
            self._epoch()
        return self

    def _epoch(self):
        """One epoch of ``step``; if it diverged, back to the weights before it."""
        s, net = self._settings, self.network
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
        self._last_penalty = s["regularization"] if self.penalty_on else None
        self.history["epoch"].append(self.epoch)
        self.history["test"].append(test)
