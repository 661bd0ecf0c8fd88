"""The parts of the Playground's model, each through its public functions: the table of
settings (what a change starts again), the train/test split, the network the settings build,
the step of one batch, and the pictures over the plane."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop.playground as playground
from backprop import regularize
from backprop.nn import MLP, forward
from backprop.playground import Playground, feature_map, plane_pictures
from backprop.playground_data import RADIUS, split
from backprop.playground_settings import SETTINGS, check_settings, restarts
from backprop.playground_training import build_network, descend


def test_the_module_gives_the_names_the_chapter_and_the_widget_import():
    for name in (
        *playground.__all__,
        "MAX_LAYERS",
        "MAX_UNITS",
        "N_SAMPLES",
        "RADIUS",
        "check_settings",
    ):
        assert hasattr(playground, name), name
    assert playground.MAX_LAYERS == 6 and playground.MAX_UNITS == 8


# the table of settings -------------------------------------------------------------------------


def test_every_setting_of_the_table_is_a_read_only_property():
    pg = Playground()
    assert list(pg.settings) == list(SETTINGS)
    for name in SETTINGS:
        assert getattr(pg, name) == pg.settings[name]
        with pytest.raises(AttributeError):
            setattr(pg, name, pg.settings[name])


@pytest.mark.parametrize(
    "change, restart",
    [
        ({}, None),
        ({"hidden": [4, 2]}, None),  # the same settings, once checked
        ({"lr": 0.1}, None),
        ({"batch_size": 5}, None),
        ({"regularization": "L2", "reg_rate": 0.1}, None),
        ({"hidden": (3,)}, "network"),
        ({"features": ("x1",)}, "network"),
        ({"activation": "relu", "lr": 0.3}, "network"),
        ({"noise": 0.1}, "data"),
        ({"train_fraction": 0.6}, "data"),
        ({"dataset": "plane", "problem": "regression"}, "data"),
        ({"seed": 1, "hidden": (3,)}, "data"),
    ],
)
def test_restarts_names_what_a_change_starts_again(change, restart):
    old = Playground().settings
    assert restarts(old, check_settings({**old, **change})) == restart


def test_the_playground_starts_again_what_restarts_names():
    pg = Playground().step(2)
    X = pg.X_train.copy()
    pg.set(lr=0.1)  # training goes on
    assert pg.epoch == 2
    pg.set(hidden=(3,))  # a new network, on the same points
    assert pg.epoch == 0 and pg.network.sizes == [2, 3, 1]
    assert np.array_equal(pg.X_train, X)
    pg.step().set(seed=1)  # new points
    assert pg.epoch == 0 and not np.array_equal(pg.X_train, X)


# the split ---------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(
    st.integers(2, 300),
    st.floats(0.1, 0.9),
    st.integers(0, 2**32 - 1),
)
def test_split_shares_every_point_out_once_with_its_target(n, fraction, seed):
    X = np.arange(2.0 * n).reshape(2, n)
    t = np.arange(float(n))  # each point's target is its second coordinate - n
    parts = split(X, t, fraction, [seed, 0, 1])
    X_train, t_train, X_test, t_test = parts
    assert t_train.size == round(fraction * n)
    assert sorted(np.concatenate([t_train, t_test])) == list(t)
    assert np.array_equal(X_train[1] - n, t_train)
    assert np.array_equal(X_test[1] - n, t_test)
    again = split(X, t, fraction, [seed, 0, 1])
    assert all(np.array_equal(a, b) for a, b in zip(again, parts, strict=True))


# the network and its step ------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "linear"])
@pytest.mark.parametrize(
    "dataset, problem, output",
    [
        ("circle", "classification", "sigmoid"),
        ("plane", "regression", "identity"),
    ],
)
def test_build_network_is_the_playgrounds_network_at_epoch_0(
    activation, dataset, problem, output
):
    pg = Playground(
        dataset,
        problem=problem,
        activation=activation,
        features=("x1", "x2", "x1*x2"),
        hidden=(3, 2),
        seed=5,
    )
    net = build_network(pg.settings)
    assert net.sizes == [3, 3, 2, 1]
    hidden = "identity" if activation == "linear" else activation
    assert [lyr.activation for lyr in net.layers] == [hidden, hidden, output]
    for mine, theirs in zip(net.layers, pg.network.layers, strict=True):
        assert np.array_equal(mine.W, theirs.W)
        assert np.array_equal(mine.b, theirs.b)


@pytest.mark.parametrize("kind", [None, "L2", "L1"])
def test_descend_steps_against_the_gradient_of_the_total_cost(kind):
    rng = np.random.default_rng(0)
    net = MLP([2, 6, 1], activation="tanh", output="sigmoid", seed=1)
    X = rng.normal(size=(2, 20))
    T = (rng.random((1, 20)) > 0.5).astype(float)
    lr, rate = 0.5, 0.3
    _, grads = net.loss_and_gradients(X, T, "binary_cross_entropy")
    before = [(lyr.W.copy(), lyr.b.copy()) for lyr in net.layers]
    dead = [np.zeros(lyr.W.shape, bool) for lyr in net.layers]
    descend(net.layers, dead, lr, kind, rate)
    for lyr, (W, b), (dW, db), d in zip(
        net.layers, before, grads, dead, strict=True
    ):
        total = dW + regularize.penalty_gradient(W, kind, rate)
        assert np.allclose(lyr.dJ_dW, total)  # the gradient the step used
        assert np.allclose(lyr.b, b - lr * db)  # biases: no penalty
        assert np.allclose(lyr.W[~d], (W - lr * total)[~d])
        assert np.all(lyr.W[d] == 0)
    n_dead = sum(int(d.sum()) for d in dead)
    assert n_dead > 0 if kind == "L1" else n_dead == 0


# the pictures over the plane ---------------------------------------------------------------------


def test_plane_pictures_are_the_network_over_a_grid_of_the_plane():
    pg = Playground(features=("x1", "x2", "sin(x1)"), hidden=(3,)).step()
    layers = pg.network.layers
    output, units = plane_pictures(layers, pg.features, 9, 5)
    assert output.shape == (9, 9)
    assert [u.shape for u in units] == [(3, 5, 5), (3, 5, 5), (1, 5, 5)]
    g = np.linspace(-RADIUS, RADIUS, 9)
    x1, x2 = np.meshgrid(g, g)  # rows: x2, columns: x1
    F = feature_map(np.stack([x1.ravel(), x2.ravel()]), pg.features)
    assert np.allclose(output, forward(layers, F)[0].reshape(9, 9))
    assert np.allclose(units[0][0, 0], np.linspace(-RADIUS, RADIUS, 5))
    assert np.allclose(units[-1], pg.state(9, 5)["units"][-1])
