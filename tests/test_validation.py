"""Bad input is refused before any work, with an error that names the culprit.

Property-based: hypothesis places NaN or an infinity at a random position of one argument,
gives an argument a wrong shape, a batch size or epoch count that is not a positive whole
number, a name that is not known, a label or target out of range, and each time checks the
type of the error and that its message names the argument. The other side of the promise:
legal but extreme numbers give finite results with no RuntimeWarning, and a real divergence
still blames the learning rate.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from backprop import data, descent, literal, neuron, nn, universal
from backprop import exercises as ex
from backprop import graph_exercises as gx
from backprop.nn import MLP, Layer, fit, one_hot

BAD = st.sampled_from([np.nan, np.inf, -np.inf])
RNG = np.random.default_rng(0)
X2, T2 = RNG.normal(size=(2, 6)), one_hot([0, 1, 2, 0, 1, 2], 3)


def _net(output="softmax"):
    return MLP([2, 4, 3], activation="tanh", output=output, seed=0)


def _forwarded_layers():
    net = _net()
    net.forward(X2)
    return net.layers


# Each case: the argument to spoil, a function of the arguments, and valid arguments.
CASES = {
    "fit X": ("X", lambda a: fit(_net(), a["X"], a["T"]), {"X": X2, "T": T2}),
    "fit T": (
        "T",
        lambda a: fit(_net("identity"), a["X"], a["T"], loss="mse"),
        {"X": X2, "T": RNG.normal(size=(3, 6))},
    ),
    "loss_and_gradients X": (
        "X",
        lambda a: _net().loss_and_gradients(a["X"], a["T"]),
        {"X": X2, "T": T2},
    ),
    "predict X": ("X", lambda a: _net().predict(a["X"]), {"X": X2}),
    "forward X": ("X", lambda a: _net().forward(a["X"]), {"X": X2}),
    "Layer W": (
        "W",
        lambda a: Layer(a["W"], a["b"]),
        {"W": RNG.normal(size=(3, 2)), "b": np.zeros((3, 1))},
    ),
    "Layer b": (
        "b",
        lambda a: Layer(a["W"], a["b"]),
        {"W": RNG.normal(size=(3, 2)), "b": np.zeros((3, 1))},
    ),
    "Layer.forward x": (
        "x",
        lambda a: Layer(np.ones((3, 2)), np.zeros(3)).forward(a["x"]),
        {"x": X2},
    ),
    "neuron.layer x": (
        "x",
        lambda a: neuron.layer(
            a["x"], np.ones((3, 2)), np.zeros((3, 1)), np.tanh
        ),
        {"x": X2},
    ),
    "neuron.layer W": (
        "W",
        lambda a: neuron.layer(X2, a["W"], np.zeros((3, 1)), np.tanh),
        {"W": np.ones((3, 2))},
    ),
    "signed_distance x": (
        "x",
        lambda a: neuron.signed_distance(a["x"], np.array([1.0, 2.0]), 0.5),
        {"x": X2},
    ),
    "signed_distance w": (
        "w",
        lambda a: neuron.signed_distance(X2, a["w"], 0.5),
        {"w": np.array([1.0, 2.0])},
    ),
    "perceptron_step x": (
        "x",
        lambda a: neuron.perceptron_step(np.ones(2), 0.0, a["x"], 1),
        {"x": np.array([0.5, -1.0])},
    ),
    "perceptron_epoch X": (
        "X",
        lambda a: neuron.perceptron_epoch(np.ones(2), 0.0, a["X"], np.ones(6)),
        {"X": X2},
    ),
    **{
        f"{f.__name__} z": ("z", lambda a, f=f: f(a["z"]), {"z": X2})
        for f in (
            neuron.step,
            neuron.step_prime,
            neuron.sigmoid,
            neuron.sigmoid_prime,
            neuron.tanh,
            neuron.tanh_prime,
            neuron.relu,
            neuron.relu_prime,
            neuron.softmax,
            nn.log_softmax,
        )
    },
    "activate z": ("z", lambda a: nn.activate("identity", a["z"]), {"z": X2}),
    "derivative z": ("z", lambda a: nn.derivative("tanh", a["z"]), {"z": X2}),
    "cost_and_gradient z": (
        "z",
        lambda a: nn.cost_and_gradient("mse", "identity", a["z"], X2, X2),
        {"z": X2},
    ),
    "cost_and_gradient T": (
        "T",
        lambda a: nn.cost_and_gradient("mse", "identity", X2, X2, a["T"]),
        {"T": X2},
    ),
    "backward dJ_dz": (
        "dJ_dz",
        lambda a: nn.backward(_forwarded_layers(), a["dJ_dz"]),
        {"dJ_dz": np.ones((3, 6))},
    ),
    "gradient_descent theta": (
        "theta",
        lambda a: descent.gradient_descent(lambda th: th, a["theta"], 0.1, 3),
        {"theta": np.array([1.0, -2.0])},
    ),
    "literal_forward x": (
        "x",
        lambda a: literal.literal_forward(_net().layers, a["x"]),
        {"x": np.array([0.5, 1.5])},
    ),
    "literal_gradients X": (
        "X",
        lambda a: literal.literal_gradients(_net().layers, a["X"], a["T"]),
        {"X": X2, "T": T2},
    ),
    "gradient_check X": (
        "X",
        lambda a: nn.gradient_check(_net(), a["X"], T2),
        {"X": X2},
    ),
    "one_hot labels": (
        "labels",
        lambda a: one_hot(a["labels"], 3),
        {"labels": np.array([0.0, 1.0, 2.0, 1.0])},
    ),
}


def _names(message, argument):
    """The message names the argument as a word (X, not the x of "max")."""
    return (
        re.search(rf"(?<![\w.]){re.escape(argument)}\b", message) is not None
    )


@pytest.mark.parametrize("case", sorted(CASES))
@given(bad=BAD, where=st.integers(0, 10**6))
@settings(max_examples=15, deadline=None)
def test_nan_or_inf_anywhere_is_refused_by_name(case, bad, where):
    argument, call, valid = CASES[case]
    spoiled = dict(valid)
    value = np.array(valid[argument], dtype=float)
    value.flat[where % value.size] = bad
    spoiled[argument] = value
    with pytest.raises(ValueError) as err:
        call(spoiled)
    assert _names(str(err.value), argument), str(err.value)
    assert "not finite" in str(err.value)
    assert "learning rate" not in str(err.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_empty_arrays_are_refused_by_name(case):
    argument, call, valid = CASES[case]
    spoiled = dict(valid)
    shape = np.shape(valid[argument])
    spoiled[argument] = np.zeros(shape[:-1] + (0,))
    with pytest.raises(ValueError) as err:
        call(spoiled)
    assert _names(str(err.value), argument), str(err.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_instead_of_numbers_is_a_type_error(case):
    argument, call, valid = CASES[case]
    spoiled = dict(valid)
    spoiled[argument] = np.full(np.shape(valid[argument]), "a")
    with pytest.raises(TypeError) as err:
        call(spoiled)
    assert _names(str(err.value), argument), str(err.value)


SHAPED = {
    # case: (argument, call, the expected shape as the message prints it)
    "X of MLP.forward": ("X", lambda v: _net().forward(v), "(2, n_data)"),
    "T of loss_and_gradients": (
        "T",
        lambda v: _net().loss_and_gradients(X2, v),
        "(3, 6)",
    ),
    "x of Layer.forward": (
        "x",
        lambda v: Layer(np.ones((3, 2)), np.zeros(3)).forward(v),
        "(2, n_data)",
    ),
    "dJ_dz of backward": (
        "dJ_dz",
        lambda v: nn.backward(_forwarded_layers(), v),
        "(3, 6)",
    ),
    "T of cost_and_gradient": (
        "T",
        lambda v: nn.cost_and_gradient("mse", "identity", X2, X2, v),
        "(2, 6)",
    ),
    "X of literal_gradients": (
        "X",
        lambda v: literal.literal_gradients(_net().layers, v, T2),
        "(2, n_data)",
    ),
}


@pytest.mark.parametrize("case", sorted(SHAPED))
@given(shape=st.lists(st.integers(1, 7), min_size=1, max_size=3))
@settings(max_examples=20, deadline=None)
def test_wrong_shapes_name_the_expected_and_the_received_shape(case, shape):
    argument, call, expected = SHAPED[case]
    shape = tuple(shape)
    if case == "X of MLP.forward" or case.startswith(("x of", "X of")):
        assume(len(shape) != 2 or shape[0] != 2)
    else:
        assume(shape != (3, 6) and shape != (2, 6))
    with pytest.raises(ValueError) as err:
        call(np.ones(shape))
    message = str(err.value)
    assert message.startswith(f"{argument} must have shape {expected}"), (
        message
    )
    assert f"got {shape}" in message


@given(W=st.lists(st.integers(-3, 3), min_size=6, max_size=6))
@settings(max_examples=10, deadline=None)
def test_an_integer_W_set_by_a_reader_trains_as_its_float_twin(W):
    X, t = data.two_classes()
    nets = [MLP([2, 3, 2], seed=0), MLP([2, 3, 2], seed=0)]
    nets[0].layers[0].W = np.reshape(W, (3, 2))  # integers, as a reader types
    nets[1].layers[0].W = np.reshape(W, (3, 2)).astype(float)
    histories = [fit(net, X, one_hot(t, 2), epochs=3) for net in nets]
    assert histories[0].costs == histories[1].costs
    assert nets[0].layers[0].W.dtype == float


def test_parameters_a_reader_spoils_are_named_with_their_layer():
    net = _net()
    net.layers[1].W = np.ones((3, 5))
    with pytest.raises(
        ValueError, match=r"layers\[1\]\.W must have shape \(3, 4\)"
    ):
        net.predict(X2)
    net = _net()
    net.layers[0].b[2] = np.nan
    with pytest.raises(ValueError, match=r"layers\[0\]\.b has 1 value"):
        fit(net, X2, T2)


@given(
    scale=st.sampled_from([1e150, 1e200, 1e300]),
    spoil=st.sampled_from([None, np.nan, np.inf, -np.inf]),
    at=st.integers(0, 2),
)
@settings(max_examples=25, deadline=None)
def test_finite_weights_too_large_to_square_pass_and_nan_still_fails(
    scale, spoil, at
):
    # The checks' quick test of finiteness is a sum of squares, which overflows
    # above 1e154: such weights are finite and pass; a NaN or infinity among
    # them is still named.
    net = _net()
    net.layers[0].W[at, 0] = scale
    if spoil is None:
        with np.errstate(over="ignore", invalid="ignore"):
            net.forward(X2)  # refused by no check
        return
    net.layers[0].W[at, 1] = spoil
    with pytest.raises(ValueError, match=r"layers\[0\]\.W has 1 value"):
        net.forward(X2)


# -- batch sizes, epochs, learning rates ----------------------------------------------------


@given(batch_size=st.integers(max_value=0))
@settings(max_examples=20, deadline=None)
def test_batch_sizes_below_one_are_refused(batch_size):
    with pytest.raises(ValueError, match=r"^batch_size must be positive"):
        fit(_net(), X2, T2, batch_size=batch_size)


@given(
    value=st.one_of(
        st.floats(allow_nan=True), st.booleans(), st.text(max_size=3)
    )
)
@settings(max_examples=30, deadline=None)
def test_batch_sizes_and_epochs_that_are_not_whole_numbers_are_type_errors(
    value,
):
    for argument in ("batch_size", "epochs"):
        with pytest.raises(TypeError, match=rf"^{argument} must be a whole"):
            fit(_net(), X2, T2, **{argument: value})


@given(epochs=st.integers(max_value=0))
@settings(max_examples=20, deadline=None)
def test_epoch_counts_that_are_not_positive_are_refused(epochs):
    with pytest.raises(ValueError, match=r"^epochs must be positive"):
        fit(_net(), X2, T2, epochs=epochs)


@given(lr=st.one_of(st.floats(max_value=0), st.just(np.nan), st.just(np.inf)))
@settings(max_examples=30, deadline=None)
def test_learning_rates_that_are_not_positive_and_finite_are_refused(lr):
    with pytest.raises(ValueError, match=r"^lr \(the learning rate\) must be"):
        fit(_net(), X2, T2, lr=lr)


@given(steps=st.integers(max_value=-1), lr=st.floats(max_value=0))
@settings(max_examples=20, deadline=None)
def test_gradient_descent_refuses_negative_steps_and_rates(steps, lr):
    with pytest.raises(ValueError, match=r"^steps must be 0 or more"):
        descent.gradient_descent(lambda th: th, np.ones(1), 0.1, steps)
    with pytest.raises(ValueError, match=r"^lr must be"):
        descent.gradient_descent(lambda th: th, np.ones(1), lr, 3)


def test_a_gradient_function_that_returns_nan_is_named():
    with pytest.raises(
        ValueError, match=r"^grad\(theta\) has 1 value .* theta = \[1\.0\]"
    ):
        descent.gradient_descent(
            lambda th: th * np.nan, np.array([1.0]), 0.1, 5
        )
    with pytest.raises(
        ValueError, match=r"^grad\(theta\) must have shape \(1,\)"
    ):
        descent.gradient_descent(
            lambda th: np.ones(2), np.array([1.0]), 0.1, 5
        )


# -- names ----------------------------------------------------------------------------------

KNOWN = {"identity", "step", "sigmoid", "tanh", "relu", "softmax"}
LOSS_NAMES = {"cross_entropy", "binary_cross_entropy", "mse"}


@given(name=st.text(max_size=12))
@settings(max_examples=30, deadline=None)
def test_unknown_activation_names_are_refused_everywhere(name):
    assume(name not in KNOWN)
    calls = [
        lambda: Layer(np.ones((2, 2)), np.zeros(2), name),
        lambda: nn.activate(name, X2),
        lambda: nn.derivative(name, X2),
        lambda: nn.through_output(name, X2, X2, X2),
        lambda: MLP([2, 3, 2], activation=name),
        lambda: MLP([2, 3, 2], output=name),
    ]
    for call in calls:
        with pytest.raises(ValueError) as err:
            call()
        message = str(err.value)
        assert "activation" in message or "output" in message, message
        assert repr(name) in message


@given(name=st.one_of(st.text(max_size=12), st.none(), st.integers()))
@settings(max_examples=30, deadline=None)
def test_unknown_loss_names_are_refused_before_any_work(name):
    assume(name not in LOSS_NAMES)
    net = _net()
    W_before = net.layers[0].W.copy()
    for call in (
        lambda: fit(net, X2, T2, loss=name),
        lambda: net.loss_and_gradients(X2, T2, loss=name),
        lambda: nn.cost_and_gradient(name, "softmax", T2, T2, T2),
    ):
        with pytest.raises((ValueError, TypeError), match=r"loss"):
            call()
    assert np.array_equal(net.layers[0].W, W_before)
    assert not hasattr(net.layers[0], "z")  # no forward pass was run


# -- labels and targets ---------------------------------------------------------------------


@given(
    n_classes=st.integers(1, 12),
    labels=st.lists(st.integers(-50, 50), min_size=1, max_size=8),
)
@settings(max_examples=50, deadline=None)
def test_one_hot_refuses_labels_out_of_range(n_classes, labels):
    outside = [v for v in labels if not 0 <= v < n_classes]
    if not outside:
        assert np.array_equal(
            one_hot(labels, n_classes).sum(axis=0), np.ones(len(labels))
        )
        return
    with pytest.raises(
        ValueError, match=r"^labels must be between 0 and"
    ) as err:
        one_hot(labels, n_classes)
    assert f"= {outside[0]}" in str(err.value)


@given(label=st.floats(0.01, 2.99).filter(lambda v: v != round(v)))
@settings(max_examples=20, deadline=None)
def test_one_hot_refuses_labels_that_are_not_whole(label):
    with pytest.raises(ValueError, match=r"^labels must be whole numbers"):
        one_hot([0, label], 3)


@pytest.mark.parametrize(
    "output, loss",
    [
        ("softmax", "cross_entropy"),
        ("softmax", "binary_cross_entropy"),
        ("sigmoid", "cross_entropy"),
        ("sigmoid", "binary_cross_entropy"),
    ],
)
@given(
    bad=st.one_of(st.floats(-1e6, -1e-9), st.floats(1 + 1e-9, 1e6)),
    where=st.integers(0, 99),
)
@settings(max_examples=15, deadline=None)
def test_targets_outside_zero_one_are_refused_for_cross_entropy(
    output, loss, bad, where
):
    T = one_hot([0, 1, 2, 0, 1, 2], 3)
    T.flat[where % T.size] = bad
    net = _net(output)
    with pytest.raises(ValueError, match=r"^T must be between 0 and 1"):
        net.loss_and_gradients(X2, T, loss)
    with pytest.raises(ValueError, match=r"^T must be between 0 and 1"):
        fit(net, X2, T, loss)


@given(
    T=st.lists(st.floats(0, 1), min_size=3, max_size=3).filter(
        lambda col: abs(sum(col) - 1) > 1e-3
    )
)
@settings(max_examples=20, deadline=None)
def test_softmax_cross_entropy_wants_distributions(T):
    with pytest.raises(
        ValueError, match=r"^T's columns must be distributions"
    ):
        _net().loss_and_gradients(X2[:, :1], np.array(T)[:, None])


@given(k=st.integers(1, 64), row=st.integers(0, 2), column=st.integers(0, 5))
@settings(max_examples=20, deadline=None)
def test_a_column_that_sums_to_one_with_a_negative_entry_is_refused(
    k, row, column
):
    # (1 + a, -a, 0) sums to exactly 1, as one-hot columns do: the quick
    # test of one-hot targets must not let it through
    T = one_hot([0, 1, 2, 0, 1, 2], 3)
    a = k / 8
    T[:, column] = np.roll([1 + a, -a, 0.0], row)
    with pytest.raises(ValueError, match=r"^T must be between 0 and 1"):
        _net().loss_and_gradients(X2, T)


@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=20, deadline=None)
def test_soft_targets_that_sum_to_one_within_rounding_are_taken(seed):
    # softmax outputs as targets: their columns sum to 1 within rounding,
    # not always exactly (the quick test of one-hot columns does not apply)
    z = np.random.default_rng(seed).normal(size=(3, 6))
    T = np.exp(z) / np.exp(z).sum(axis=0)
    J, grads = _net().loss_and_gradients(X2, T)
    assert np.isfinite(J) and len(grads) == len(_net().layers)


# -- extreme but legal numbers --------------------------------------------------------------

PAIRS = [
    ("softmax", "cross_entropy"),
    ("softmax", "binary_cross_entropy"),
    ("softmax", "mse"),
    ("sigmoid", "cross_entropy"),
    ("sigmoid", "binary_cross_entropy"),
    ("sigmoid", "mse"),
    ("identity", "mse"),
]


@pytest.mark.parametrize("output, loss", PAIRS)
@given(
    scale=st.floats(1.0, 1e100),
    seed=st.integers(0, 2**32 - 1),
    n_y=st.integers(2, 5),
)
@example(scale=79164605.0, seed=237, n_y=2)  # once gave J = -1.5e-8
@settings(max_examples=25, deadline=None)
def test_large_logits_give_finite_costs_and_gradients(
    output, loss, scale, seed, n_y
):
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n_y, 4)) * scale
    T = one_hot(rng.integers(0, n_y, 4), n_y)
    y = neuron.softmax(z) if output == "softmax" else nn.activate(output, z)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning of any origin
        J, dJ_dz = nn.cost_and_gradient(loss, output, z, y, T)
    assert np.all(np.isfinite(J)) and np.all(np.isfinite(dJ_dz))
    # a cost is not negative, to rounding
    assert np.all(J >= -1e-12 * max(1.0, np.abs(J).max()))


@pytest.mark.parametrize("output, loss", PAIRS)
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@given(scale=st.floats(1.0, 1e6), seed=st.integers(0, 100))
@settings(max_examples=8, deadline=None)
def test_weights_of_a_million_stay_finite(
    output, loss, activation, scale, seed
):
    net = MLP([2, 4, 3], activation=activation, output=output, seed=seed)
    for layer in net.layers:
        layer.W *= scale
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        J, grads = net.loss_and_gradients(X2, T2, loss)
        labels = net.predict(X2)
    assert np.isfinite(J)
    assert all(np.isfinite(g).all() for pair in grads for g in pair)
    assert np.all(np.isfinite(labels))


def test_softmax_with_binary_cross_entropy_matches_the_direct_formula():
    """The log form agrees with -sum t log y + (1 - t) log(1 - y) where that is computable."""
    rng = np.random.default_rng(3)
    z, T = rng.normal(size=(4, 6)) * 3, rng.uniform(size=(4, 6))
    y = neuron.softmax(z)
    J, _ = nn.cost_and_gradient("binary_cross_entropy", "softmax", z, y, T)
    direct = -np.sum(T * np.log(y) + (1 - T) * np.log(1 - y), axis=0)
    assert np.allclose(J, direct, rtol=1e-12)
    # and at logits of 1000, where 1 - y rounds to 0, the cost is the gap
    z = np.array([[0.0], [1000.0], [1.0]])
    T = np.array([[0.0], [0.0], [1.0]])
    J, dJ_dz = nn.cost_and_gradient(
        "binary_cross_entropy", "softmax", z, neuron.softmax(z), T
    )
    assert J[0] == pytest.approx(2 * 999 + np.log1p(np.exp(-1)) * 2, rel=1e-3)
    assert np.all(np.isfinite(dJ_dz))


# -- divergence still blames the learning rate ----------------------------------------------


@pytest.mark.parametrize("batch_size", [None, 8])
@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize(
    "output, loss",
    [
        ("softmax", "cross_entropy"),
        ("identity", "mse"),
        ("sigmoid", "binary_cross_entropy"),
    ],
)
def test_a_learning_rate_of_fifty_is_blamed(
    output, loss, activation, batch_size
):
    X, t = data.two_classes(overlap=True)
    T = t[None, :].astype(float) if output == "sigmoid" else one_hot(t, 2)
    net = MLP([2, 16, len(T)], activation=activation, output=output, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # overflow inside fit stays inside
        history = fit(
            net, X, T, loss=loss, lr=50.0, epochs=50, batch_size=batch_size
        )
    assert history.diverged
    assert "lower the learning rate (now 50)" in history.message


def test_data_problems_are_not_blamed_on_the_learning_rate():
    X, t = data.two_classes()
    for X_bad in (
        np.where(np.arange(X.size).reshape(X.shape) == 5, np.nan, X),
        X[:, :0],
    ):
        with pytest.raises(ValueError) as err:
            fit(MLP([2, 3, 2]), X_bad, one_hot(t, 2)[:, : X_bad.shape[1]])
        assert str(err.value).startswith("X ")
        assert "learning rate" not in str(err.value)


# -- the other entry points -----------------------------------------------------------------


@given(n=st.one_of(st.integers(max_value=0), st.floats(0.5, 3.5)))
@settings(max_examples=20, deadline=None)
def test_counts_of_units_and_samples(n):
    error = ValueError if isinstance(n, int) else TypeError
    with pytest.raises(error, match=r"^n_per_class"):
        data.two_classes(n)
    with pytest.raises(error, match=r"^n_units"):
        universal.fit_one_hidden_layer(np.sin, n)
    with pytest.raises(error, match=r"^sizes\[1\]"):
        MLP([2, n, 1])


def test_smaller_entry_points_name_their_arguments():
    cases = [
        (
            lambda: neuron.signed_distance(np.ones(2), np.zeros(2), 1.0),
            ValueError,
            "w is zero",
        ),
        (
            lambda: neuron.signed_distance(np.ones(3), np.ones(2), 1.0),
            ValueError,
            "x must have shape (2,)",
        ),
        (
            lambda: neuron.perceptron_step(np.ones(2), 0.0, np.ones(2), 2),
            ValueError,
            "t must be a label 0 or 1",
        ),
        (
            lambda: neuron.perceptron_step(
                np.ones(2), 0.0, np.ones(2), 1, lr=-1
            ),
            ValueError,
            "lr must be positive",
        ),
        (
            lambda: universal.fit_one_hidden_layer(np.sin, 3, lo=1, hi=0),
            ValueError,
            "lo must be below hi",
        ),
        (
            lambda: universal.fit_one_hidden_layer(lambda x: np.nan * x, 3),
            ValueError,
            "f(x) has 401 values",
        ),
        (
            lambda: neuron.layer(
                X2, np.ones((3, 2)), np.zeros((3, 1)), "tanh"
            ),
            TypeError,
            "f must be a function",
        ),
        (
            lambda: universal.fit_one_hidden_layer(3, 3),
            TypeError,
            "f must be a function",
        ),
        (
            lambda: literal.literal_forward(_net().layers, [1.0]),
            ValueError,
            "x must have shape (2,)",
        ),
        (
            lambda: literal.literal_backward(_net().layers, [], [], [1.0]),
            ValueError,
            "inputs and zs",
        ),
        (
            lambda: nn.backward(
                [Layer(np.ones((2, 2)), np.zeros(2))], np.ones((2, 1))
            ),
            ValueError,
            "layers[0] has no x, z and y yet",
        ),
        (
            lambda: nn.gradient_check(_net(), X2, T2, eps=0),
            ValueError,
            "eps must be positive",
        ),
        (
            lambda: nn.gradient_check([], X2, T2),
            TypeError,
            "net must be a MLP",
        ),
        (
            lambda: fit(_net(), X2, T2, callback=3),
            TypeError,
            "callback must be a function",
        ),
        (lambda: MLP(3), TypeError, "sizes must be a list"),
        (lambda: one_hot([0], 0), ValueError, "n_classes must be positive"),
        (
            lambda: data.two_classes(overlap="yes"),
            TypeError,
            "overlap must be True or False",
        ),
        (
            lambda: data.two_classes(seed=-1),
            ValueError,
            "seed must be 0 or more",
        ),
        (
            lambda: nn.cost_and_gradient(
                "mse",
                "softmax",
                np.ones((1, 2)),
                np.ones((1, 2)),
                np.ones((1, 2)),
            ),
            ValueError,
            "softmax over 1 output",
        ),
        (
            lambda: ex.most_confused((1, 2), [[1, np.nan], [0, 1]]),
            ValueError,
            "counts has 1 value",
        ),
        (
            lambda: ex.most_confused((1, 2), np.ones((2, 3))),
            ValueError,
            "counts must be a square",
        ),
    ]
    for call, error, words in cases:
        with pytest.raises(error) as err:
            call()
        assert str(err.value).startswith(words), str(err.value)


# -- exercise checkers: the precision the cell invites, and no crash on any answer ----------

REF_DISTANCE = 6 / np.sqrt(5)


@given(offset=st.floats(-0.005, 0.005))
@settings(max_examples=40, deadline=None)
def test_signed_distance_accepts_two_decimals(offset):
    assert ex.signed_distance(REF_DISTANCE + offset)
    assert (
        ex.signed_distance(round(REF_DISTANCE + offset, 2))
        or abs(round(REF_DISTANCE + offset, 2) - REF_DISTANCE) > 0.005
    )


def test_signed_distance_of_the_issue():
    assert ex.signed_distance(
        2.68
    )  # the cell's example, 1.23, has two decimals
    assert "two decimals" in repr(ex.signed_distance(2.68))
    assert not ex.signed_distance(2.7)
    assert "two decimals" in repr(ex.signed_distance(2.7))


@given(offset=st.floats(0.0051, 0.5), sign=st.sampled_from([-1, 1]))
@settings(max_examples=40, deadline=None)
def test_signed_distance_refuses_what_is_off_at_two_decimals(offset, sign):
    assert not ex.signed_distance(REF_DISTANCE + sign * offset)


@given(offsets=st.lists(st.floats(-0.05, 0.05), min_size=3, max_size=3))
@settings(max_examples=40, deadline=None)
def test_softmax_gradient_accepts_one_decimal_each(offsets):
    y = neuron.softmax(np.array([[1.0], [2.0], [3.0]]))[:, 0]
    ref = y - np.array([1.0, 0.0, 0.0])
    assert ex.softmax_cross_entropy_gradient(ref + np.array(offsets))
    assert ex.softmax_cross_entropy_gradient(
        np.round(ref, 1)
    )  # [-0.9, 0.2, 0.7]
    off = ref + np.array(offsets)
    off[0] = ref[0] + 0.06 * np.sign(offsets[0] or 1)
    assert not ex.softmax_cross_entropy_gradient(off)


# the exact answer, ln 2 = 0.6931..., rounds to 0.69: right is [0.685, 0.695), halves up
SOFTMAX_HALF_RIGHT = st.floats(0.685, 0.695, exclude_max=True)
SOFTMAX_HALF_WRONG = st.one_of(
    st.floats(0.5, 0.685, exclude_max=True), st.floats(0.695, 0.9)
)


def test_softmax_half_at_the_edges_of_two_decimals():
    for right in (np.log(2), 0.69, 0.693, 0.685, 0.6850001, 0.6949999):
        assert ex.softmax_half(right), right
    # the neighbours at two decimals, and just outside the edges
    for wrong in (0.68, 0.70, 0.6849999, 0.695, 0.6981, -np.log(2), 0.0):
        assert not ex.softmax_half(wrong), wrong
    assert "does not round to 0.70" in repr(ex.softmax_half(0.7))


@given(right=SOFTMAX_HALF_RIGHT, wrong=SOFTMAX_HALF_WRONG)
@settings(max_examples=60, deadline=None)
def test_softmax_half_accepts_what_rounds_to_the_right_two_decimals(
    right, wrong
):
    assert ex.softmax_half(right)
    assert not ex.softmax_half(wrong)


# a count is right only as that whole number: np.allclose's default rtol=1e-5 would
# accept 7510.05 for 7510
COUNTS = [
    (ex.parameter_count, 46),
    (ex.separable_boolean_functions, 14),
    (ex.rnn_parameters, 32),
    (ex.backward_products, 6),
    (ex.digits_parameters, 7510),
    (gx.path_count, 375),
]


@pytest.mark.parametrize(("checker", "ref"), COUNTS)
def test_a_count_is_right_only_as_that_whole_number(checker, ref):
    assert checker(ref) and checker(float(ref)) and checker(np.int64(ref))
    for off in (0.05, 1e-4, 1e-9):
        assert not checker(ref + off), ref + off
        assert not checker(ref - off), ref - off
    assert not checker(ref + 1) and not checker(ref - 1)


def test_a_tolerance_is_the_whole_margin():
    # ratios of 100 and 32, each right within 1e-6 of itself and no wider
    assert ex.learning_rate_ratio(100 + 5e-5)
    assert not ex.learning_rate_ratio(100 + 2e-4)
    assert ex.double_division_factor(32 - 2e-5)
    assert not ex.double_division_factor(32 - 1e-4)


ONE_ANSWER = [
    ex.signed_distance,
    ex.learning_rate_ratio,
    ex.softmax_half,
    ex.parameter_count,
    ex.separable_boolean_functions,
    ex.rnn_parameters,
    ex.bias_gradient,
    ex.diverging_learning_rate,
    ex.weight_gradient_shape,
    ex.sigmoid_gate,
    ex.input_gradient_shape,
    ex.softmax_cross_entropy_gradient,
    ex.backward_products,
    ex.double_division_factor,
    ex.digits_input_shape,
    ex.digits_parameters,
    gx.fan_out_gradient,
    gx.path_count,
]
ANSWERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**30), 10**30),
    st.text(max_size=5),
    st.lists(st.floats(allow_nan=True), max_size=4),
    st.tuples(st.integers(-5, 5), st.integers(-5, 5)),
    st.booleans(),
)


@pytest.mark.parametrize("checker", ONE_ANSWER, ids=lambda f: f.__name__)
@given(answer=ANSWERS)
@settings(max_examples=25, deadline=None)
def test_checkers_answer_any_answer_with_a_verdict(checker, answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        verdict = checker(answer)
    assert isinstance(verdict, ex.Verdict)
    assert repr(verdict)[0] in "✓✗"


@given(v1=ANSWERS, v2=ANSWERS, c=ANSWERS)
@settings(max_examples=30, deadline=None)
def test_xor_checker_answers_any_three_things(v1, v2, c):
    assert isinstance(ex.xor_output_unit(v1, v2, c), ex.Verdict)


@given(value=ANSWERS)
@settings(max_examples=30, deadline=None)
def test_shared_weight_checker_answers_any_returned_value(value):
    assert isinstance(gx.shared_weight(lambda w, x, t: value), ex.Verdict)
