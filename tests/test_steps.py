"""The recorder of backprop.figures.steps against the engine and against finite differences;
the XOR training animation against fit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop.data import xor
from backprop.figures.gradients import xor_training_animation
from backprop.figures.steps import forward_backward_steps
from backprop.nn import MLP, activate, cost_and_gradient, fit, forward

NETWORKS = [  # sizes, hidden activation, output, loss
    ([2, 3, 2, 1], "tanh", "sigmoid", "binary_cross_entropy"),
    ([2, 1], "sigmoid", "sigmoid", "binary_cross_entropy"),
    ([3, 4, 2], "sigmoid", "softmax", "cross_entropy"),
    ([3, 5, 4, 3], "relu", "softmax", "binary_cross_entropy"),
    ([2, 3, 3, 2], "tanh", "identity", "mse"),
    ([3, 4, 4, 3, 2], "tanh", "sigmoid", "mse"),
]


def _sample(sizes, output, loss, seed):
    """An input x and a target t the loss takes, as lists."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=sizes[0])
    if output == "softmax":
        t = np.eye(sizes[-1])[rng.integers(sizes[-1])]
    elif loss == "mse":
        t = rng.normal(size=sizes[-1])
    else:
        t = rng.integers(0, 2, size=sizes[-1]).astype(float)
    return x.tolist(), t.tolist()


def _recorded(sizes, activation, output, loss, seed=0):
    net = MLP(sizes, activation=activation, output=output, seed=seed)
    for layer in net.layers:  # no z exactly at ReLU's kink
        layer.b += np.random.default_rng(seed).normal(
            scale=0.1, size=layer.b.shape
        )
    x, t = _sample(sizes, output, loss, seed)
    return net, x, t, forward_backward_steps(net, x, t, loss)


def _cost_above(net, column, y, t, loss):
    """J as a function of the output y of ``column`` (0: the input), by the engine."""
    layers = net.layers[column:]
    out = forward(layers, np.asarray(y, float).reshape(-1, 1))
    J, _ = cost_and_gradient(
        loss,
        layers[-1].activation,
        layers[-1].z,
        out,
        np.asarray(t, float).reshape(-1, 1),
    )
    return float(np.mean(J))


def _numeric_gradient(f, v, eps=1e-6):
    """Centred finite differences of f at the vector v."""
    grad = np.zeros(len(v))
    for k in range(len(v)):
        up, down = np.array(v, float), np.array(v, float)
        up[k] += eps
        down[k] -= eps
        grad[k] = (f(up) - f(down)) / (2 * eps)
    return grad


@pytest.mark.parametrize("sizes, activation, output, loss", NETWORKS)
def test_steps_come_forward_then_back_a_column_each(
    sizes, activation, output, loss
):
    *_, steps = _recorded(sizes, activation, output, loss)
    n = len(sizes)
    assert [(s["phase"], s["column"]) for s in steps] == [
        ("forward", c) for c in range(n)
    ] + [("backward", c) for c in reversed(range(n))]
    assert "J" in steps[n] and "dJ_dy" not in steps[n]  # the output layer
    assert set(steps[-1]) == {"phase", "column", "dJ_dy"}  # the input
    for step in steps:  # plain data: NumPy arrays and numbers
        for key, value in step.items():
            if key not in ("phase", "column", "J"):
                assert isinstance(value, np.ndarray), key


@pytest.mark.parametrize("sizes, activation, output, loss", NETWORKS)
def test_recorded_gradients_are_the_networks(sizes, activation, output, loss):
    net, x, t, steps = _recorded(sizes, activation, output, loss)
    X, T = np.array(x)[:, None], np.array(t)[:, None]
    J, grads = net.loss_and_gradients(X, T, loss)
    back = {s["column"]: s for s in steps if s["phase"] == "backward"}
    assert back[len(sizes) - 1]["J"] == J
    for number, (dW, db) in enumerate(grads, start=1):
        assert np.array_equal(back[number]["dJ_dW"], dW)
        assert np.array_equal(back[number]["dJ_db"], db[:, 0])
        # one sample: dJ/db is dJ/dz, and dJ/dW its outer product with x
        assert np.array_equal(back[number]["dJ_dz"], db[:, 0])
        x_in = steps[number - 1]["y"]
        assert np.allclose(dW, np.outer(db[:, 0], x_in), rtol=1e-12, atol=0)


@pytest.mark.parametrize("sizes, activation, output, loss", NETWORKS)
def test_recorded_forward_values_are_the_networks(
    sizes, activation, output, loss
):
    net, x, _, steps = _recorded(sizes, activation, output, loss)
    assert np.array_equal(steps[0]["y"], x)
    out = net.forward(np.array(x)[:, None])
    assert np.array_equal(steps[len(sizes) - 1]["y"], out[:, 0])
    for number, layer in enumerate(net.layers, start=1):
        step = steps[number]
        assert np.array_equal(step["W"], layer.W)
        assert np.array_equal(step["b"], layer.b[:, 0])
        assert np.allclose(
            step["z"], layer.W @ steps[number - 1]["y"] + layer.b[:, 0]
        )
        assert np.array_equal(step["y"], activate(layer.activation, step["z"]))


@pytest.mark.parametrize("sizes, activation, output, loss", NETWORKS)
def test_recorded_dJ_dy_matches_finite_differences(
    sizes, activation, output, loss
):
    """dJ/dy of each hidden layer, and dJ/dx of the input, against J nudged there."""
    net, _, t, steps = _recorded(sizes, activation, output, loss)
    for step in steps:
        if "dJ_dy" not in step:
            continue
        col = step["column"]
        y = steps[col]["y"]  # the forward step of that column
        numeric = _numeric_gradient(
            lambda v, c=col: _cost_above(net, c, v, t, loss), y
        )
        assert np.allclose(step["dJ_dy"], numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("sizes, activation, output, loss", NETWORKS)
def test_recorded_dJ_dz_matches_finite_differences(
    sizes, activation, output, loss
):
    net, _, t, steps = _recorded(sizes, activation, output, loss)
    for step in steps:
        col = step["column"]
        if step["phase"] != "backward" or col == 0:
            continue
        f = net.layers[col - 1].activation

        def cost_of_z(z, c=col, f=f):
            y = activate(f, z[:, None])[:, 0]
            if c == len(sizes) - 1:  # the output: J of y directly
                return float(
                    np.mean(
                        cost_and_gradient(
                            loss, f, z[:, None], y[:, None], np.c_[t]
                        )[0]
                    )
                )
            return _cost_above(net, c, y, t, loss)

        numeric = _numeric_gradient(cost_of_z, steps[col]["z"])
        assert np.allclose(step["dJ_dz"], numeric, rtol=1e-6, atol=1e-8)


def test_records_are_copies_that_later_training_leaves_alone():
    net, x, t, steps = _recorded([2, 3, 1], "tanh", "sigmoid", "mse")
    kept = [{k: np.copy(v) for k, v in s.items()} for s in steps]
    net.loss_and_gradients(np.ones((2, 5)), np.zeros((1, 5)), "mse")
    for layer in net.layers:
        layer.W -= 1.0
    for got, want in zip(steps, kept, strict=True):
        for key in want:
            assert np.array_equal(got[key], want[key])


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    hidden=st.lists(st.integers(1, 4), min_size=0, max_size=3),
    activation=st.sampled_from(["tanh", "sigmoid"]),
)
def test_recorded_gradients_agree_with_the_engine_for_any_shape(
    seed, hidden, activation
):
    sizes = [2, *hidden, 2]
    net, x, t, steps = _recorded(
        sizes, activation, "sigmoid", "binary_cross_entropy", seed
    )
    X, T = np.array(x)[:, None], np.array(t)[:, None]
    _, grads = net.loss_and_gradients(X, T, "binary_cross_entropy")
    back = [s for s in steps if s["phase"] == "backward"][:-1][::-1]
    assert len(back) == len(grads)
    for step, (dW, db) in zip(back, grads, strict=True):
        assert np.array_equal(step["dJ_dW"], dW)
        assert np.array_equal(step["dJ_dz"], db[:, 0])


# -- the runs the XOR training animation draws: fit's, epoch by epoch -------------------------


def test_xor_animation_draws_the_costs_and_outputs_of_fit():
    X, t = xor()
    fig = xor_training_animation(rates=(0.5, 2.0), checkpoints=(0, 5, 50))
    for c, lr in enumerate((0.5, 2.0)):
        net = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
        history = fit(net, X, t[None, :], "binary_cross_entropy", lr, 50)
        curve = fig.data[5 * c + 3]
        assert np.array_equal(
            curve.y, np.float32(history.costs)
        )  # drawn as float32
        g1, g2 = np.meshgrid(*[np.linspace(-0.5, 1.5, 21)] * 2)
        y = net.forward(np.vstack([g1.ravel(), g2.ravel()]))[0]
        last = fig.frames[-1].data[2 * c]
        assert np.array_equal(
            last.z, y.reshape(g1.shape).astype(np.float32).round(3)
        )


def test_xor_animation_refuses_a_run_that_diverges():
    with pytest.raises(ValueError, match="diverged; lower the learning rate"):
        xor_training_animation(
            rates=(1e4,), activation="relu", checkpoints=(0, 10, 50)
        )
