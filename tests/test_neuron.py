"""The code Chapter 1 teaches (backprop.neuron), against independent references."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import expit
from scipy.special import softmax as scipy_softmax

from backprop import data, neuron

finite = st.floats(-50, 50, allow_nan=False)


@given(arrays(float, st.integers(1, 50), elements=finite))
def test_sigmoid_matches_scipy_and_never_overflows(z):
    with np.errstate(over="raise", invalid="raise"):
        y = neuron.sigmoid(z)
    assert np.allclose(y, expit(z), rtol=1e-12, atol=1e-300)


def test_sigmoid_extremes():
    with np.errstate(over="raise", invalid="raise"):  # underflow to 0 is fine
        y = neuron.sigmoid(np.array([-1e6, -1000.0, 0.0, 1000.0, 1e6]))
    assert y.tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "step"])
@given(z=st.floats(-8, 8).filter(lambda v: abs(v) > 1e-3))
@settings(max_examples=60)
def test_derivatives_match_centred_differences(name, z):
    f, f_prime = neuron.ACTIVATIONS[name]
    h = 1e-6
    numeric = (f(np.array(z + h)) - f(np.array(z - h))) / (2 * h)
    assert abs(numeric - f_prime(np.array(z))) < 1e-6


def test_step_is_a_0_1_threshold_with_step_0_at_0():
    z = np.array([-1.0, -1e-12, 0.0, 1e-12, 1.0])
    assert neuron.step(z).tolist() == [0, 0, 1, 1, 1]
    assert neuron.relu_prime(np.array(0.0)) == 0


@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            arrays(float, (n, 7), elements=st.floats(-1e4, 1e4)), st.just(n)
        )
    )
)
def test_softmax_matches_scipy_column_by_column(args):
    z, n = args
    with np.errstate(over="raise"):
        y = neuron.softmax(z)
    assert y.shape == (n, 7)
    assert np.allclose(y.sum(axis=0), 1)
    assert np.allclose(y, scipy_softmax(z, axis=0))


def test_signed_distance():
    w, b = np.array([3.0, 4.0]), -5.0
    assert neuron.signed_distance(np.array([3.0, 4.0]), w, b) == pytest.approx(
        4.0
    )
    pts = np.array([[0.0, 3.0], [0.0, 4.0]])  # columns (0, 0) and (3, 4)
    assert np.allclose(neuron.signed_distance(pts, w, b), [-1.0, 4.0])


def test_perceptron_step_follows_the_rule():
    w, b = np.array([1.0, -1.0]), 0.5
    x = np.array([-2.0, 1.0])  # score -2.5: predicted 0
    w1, b1 = neuron.perceptron_step(w, b, x, 1, lr=0.1)
    assert np.allclose(w1, w + 0.1 * x) and b1 == pytest.approx(0.6)
    w2, b2 = neuron.perceptron_step(w, b, x, 0, lr=0.1)  # already right
    assert np.array_equal(w2, w) and b2 == b


def test_perceptron_converges_on_separable_data_only():
    X, t = data.two_classes()
    w, b = np.zeros(2), 0.0
    for _ in range(50):
        w, b, mistakes = neuron.perceptron_epoch(w, b, X, t)
        if mistakes == 0:
            break
    assert mistakes == 0 and np.all(neuron.step(w @ X + b) == t)

    Xo, to = data.two_classes(overlap=True)
    w, b = np.zeros(2), 0.0
    history = []
    for _ in range(50):
        w, b, mistakes = neuron.perceptron_epoch(w, b, Xo, to)
        history.append(mistakes)
    assert min(history) > 0


@given(
    n_x=st.integers(1, 5),
    n_y=st.integers(1, 5),
    n_data=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_layer_is_each_neuron_on_each_sample(n_x, n_y, n_data, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_x, n_data))
    W, b = rng.normal(size=(n_y, n_x)), rng.normal(size=(n_y, 1))
    y = neuron.layer(x, W, b, neuron.tanh)
    assert y.shape == (n_y, n_data)
    for j in range(n_y):
        for k in range(n_data):
            assert y[j, k] == pytest.approx(np.tanh(W[j] @ x[:, k] + b[j, 0]))


@pytest.mark.parametrize(
    "x_shape, W_shape, b_shape, message",
    [
        (
            (3, 4),
            (2, 2),
            (2, 1),
            r"W has shape \(2, 2\), so x must have shape \(2, n_data\); got \(3, 4\)",
        ),
        ((2,), (2, 2), (2, 1), r"got \(2,\)"),
        (
            (2, 4),
            (2, 2),
            (2,),
            r"b must be a column of shape \(2, 1\); got \(2,\)",
        ),
        ((2, 2), (2, 2), (1, 2), r"got \(1, 2\)"),
    ],
)
def test_layer_rejects_wrong_shapes_with_a_clear_message(
    x_shape, W_shape, b_shape, message
):
    with pytest.raises(ValueError, match=message):
        neuron.layer(
            np.ones(x_shape), np.ones(W_shape), np.ones(b_shape), neuron.relu
        )


def test_two_classes_shapes_and_separability():
    from sklearn.svm import SVC

    X, t = data.two_classes()
    assert X.shape == (2, 40) and t.shape == (40,) and set(t) == {0, 1}
    assert SVC(kernel="linear", C=100).fit(X.T, t).score(X.T, t) == 1.0
    Xo, to = data.two_classes(overlap=True)
    assert SVC(kernel="linear", C=100).fit(Xo.T, to).score(Xo.T, to) < 1.0
    X2, _ = data.two_classes(n_per_class=5, seed=3)
    assert X2.shape == (2, 10)
    with pytest.raises(ValueError, match="n_per_class must be positive"):
        data.two_classes(n_per_class=0)


def test_xor():
    X, t = data.xor()
    assert X.shape == (2, 4)
    assert t.tolist() == [int(a) ^ int(b) for a, b in X.T]
