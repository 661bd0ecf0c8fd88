"""The book's network library, backprop.nn, against finite differences and its promises."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop import data, exercises
from backprop.descent import gradient_descent
from backprop.figures import gradients as figs
from backprop.literal import literal_gradients
from backprop.neuron import sigmoid_prime
from backprop.nn import (
    MLP,
    History,
    diverged,
    fit,
    gradient_check,
    one_hot,
    train_epoch,
)

PAIRS = [
    (output, loss)
    for output in ("softmax", "sigmoid", "identity")
    for loss in ("cross_entropy", "binary_cross_entropy", "mse")
    if not (output == "identity" and loss != "mse")
]


def _targets(rng, output, loss, n_out, n_data):
    if output == "softmax" and loss != "mse":
        return one_hot(rng.integers(0, n_out, size=n_data), n_out)
    if loss == "mse":
        return rng.normal(size=(n_out, n_data))
    return rng.uniform(size=(n_out, n_data))  # soft targets in [0, 1]


@pytest.mark.parametrize("output, loss", PAIRS)
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
@given(
    sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4),
    n_data=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=12, deadline=None)
def test_gradients_match_finite_differences(
    activation, output, loss, sizes, n_data, seed
):
    assume(
        output != "softmax" or sizes[-1] >= 2
    )  # softmax of 1 output is refused
    rng = np.random.default_rng(seed)
    net = MLP(sizes, activation=activation, output=output, seed=seed)
    for layer in net.layers:
        layer.b += rng.normal(scale=0.3, size=layer.b.shape)
    X = rng.normal(size=(sizes[0], n_data))
    T = _targets(rng, output, loss, sizes[-1], n_data)
    net.forward(X)
    # ReLU has no derivative at 0: keep every hidden z away from the kink
    assume(all(np.min(np.abs(layer.z)) > 1e-3 for layer in net.layers[:-1]))
    J, grads = net.loss_and_gradients(X, T, loss)
    assert np.isfinite(J)
    assert gradient_check(net, X, T, loss) < 1e-6


def test_gradient_check_nudges_by_the_step_eps():
    net = MLP([3, 4, 2], activation="tanh", output="softmax", seed=0)
    X = np.random.default_rng(1).normal(size=(3, 5))
    T = one_hot([0, 1, 1, 0, 1], 2)
    assert gradient_check(net, X, T) == gradient_check(net, X, T, eps=1e-5)
    assert gradient_check(net, X, T) < 1e-9
    # a centred difference is off by a term in eps^2: ten times the step, 100 times the error
    coarse, fine = (gradient_check(net, X, T, eps=e) for e in (0.1, 0.01))
    assert 50 < coarse / fine < 200


def test_gradient_shapes_and_batch_of_one():
    net = MLP([5, 3, 1, 4], activation="relu", output="softmax", seed=1)
    X = np.random.default_rng(0).normal(size=(5, 1))
    J, grads = net.loss_and_gradients(X, one_hot([2], 4))
    assert [dW.shape for dW, _ in grads] == [(3, 5), (1, 3), (4, 1)]
    assert [db.shape for _, db in grads] == [(3, 1), (1, 1), (4, 1)]
    assert net.layers[0].W.shape == (3, 5) and net.layers[0].b.shape == (3, 1)


def test_batch_gradient_is_the_mean_of_per_sample_gradients():
    rng = np.random.default_rng(3)
    net = MLP([3, 4, 2], activation="tanh", output="softmax", seed=3)
    X, T = rng.normal(size=(3, 6)), one_hot(rng.integers(0, 2, size=6), 2)
    J, grads = net.loss_and_gradients(X, T)
    singles = [net.loss_and_gradients(X[:, [k]], T[:, [k]]) for k in range(6)]
    assert J == pytest.approx(np.mean([j for j, _ in singles]))
    for i, (dW, db) in enumerate(grads):
        assert np.allclose(dW, np.mean([g[i][0] for _, g in singles], axis=0))
        assert np.allclose(db, np.mean([g[i][1] for _, g in singles], axis=0))


def test_the_literal_loops_agree_with_the_matrix_form():
    rng = np.random.default_rng(4)
    net = MLP([3, 4, 3, 2], activation="sigmoid", output="identity", seed=4)
    X, T = rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    J, grads = net.loss_and_gradients(X, T, "mse")
    J_lit, grads_lit = literal_gradients(net.layers, X, T)
    assert J == pytest.approx(J_lit)
    for (dW, db), (lW, lb) in zip(grads, grads_lit, strict=True):
        assert np.allclose(dW, lW) and np.allclose(db, lb)


@pytest.mark.parametrize(
    "output, loss",
    [
        ("softmax", "cross_entropy"),
        ("sigmoid", "binary_cross_entropy"),
        ("sigmoid", "cross_entropy"),
        ("softmax", "mse"),
    ],
)
def test_huge_logits_give_finite_costs_and_gradients(output, loss):
    net = MLP([2, 3], activation="tanh", output=output, seed=0)
    net.layers[0].W[:] = [[1e4, 0.0], [-1e4, 3e3], [5e3, -1e4]]
    X = np.array([[1.0, -1.0, 0.5], [0.5, 2.0, -1.0]])
    T = one_hot([1, 0, 2], 3)
    with np.errstate(
        over="raise", invalid="raise", divide="raise"
    ):  # underflow is fine
        J, grads = net.loss_and_gradients(X, T, loss)
    assert np.isfinite(J) and J > 0
    assert all(np.isfinite(g).all() for pair in grads for g in pair)


def test_a_weight_of_a_million_is_handled():
    net = MLP([2, 4, 3], activation="tanh", output="softmax", seed=0)
    net.layers[1].W[0, 0] = 1e6
    X = np.random.default_rng(0).normal(size=(2, 8))
    J, grads = net.loss_and_gradients(X, one_hot(np.arange(8) % 3, 3))
    assert np.isfinite(J) and all(
        np.isfinite(g).all() for pair in grads for g in pair
    )


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda net: net.forward(np.ones((3, 4))),
            r"X must have shape \(2, n_data\).*got \(3, 4\)",
        ),
        (lambda net: net.forward(np.ones(2)), r"got \(2,\)"),
        (
            lambda net: net.loss_and_gradients(
                np.ones((2, 4)), np.ones((4, 3))
            ),
            r"T must have shape \(3, 4\).*got \(4, 3\)",
        ),
        (
            lambda net: net.loss_and_gradients(
                np.ones((2, 1)), np.ones((3, 1)), loss="hinge"
            ),
            r"unknown loss 'hinge'",
        ),
    ],
)
def test_wrong_input_says_what_was_expected(call, message):
    net = MLP([2, 5, 3], seed=0)
    with pytest.raises(ValueError, match=message):
        call(net)


def test_constructor_rejects_bad_settings():
    with pytest.raises(ValueError, match="sizes"):
        MLP([3])
    with pytest.raises(ValueError, match="activation"):
        MLP([2, 2], activation="softmax")
    with pytest.raises(ValueError, match="output"):
        MLP([2, 2], output="tanh")
    with pytest.raises(ValueError, match="always 1"):
        MLP([2, 1], output="softmax")
    with pytest.raises(ValueError, match="always 1"):
        MLP([2, 1], output="softmax")
    with pytest.raises(ValueError, match="between 0 and 1"):
        MLP([2, 2], output="identity").loss_and_gradients(
            np.ones((2, 1)), np.ones((2, 1)), loss="binary_cross_entropy"
        )


def test_weights_are_writable_and_used():
    net = MLP([2, 1], output="identity", seed=0)
    net.layers[0].W[:] = [[2.0, -1.0]]
    net.layers[0].b[:] = [[0.5]]
    assert net.forward(np.array([[1.0], [3.0]]))[0, 0] == pytest.approx(-0.5)
    assert repr(net) == "MLP([2, 1], activation='tanh', output='identity')"


def test_fit_learns_xor_and_predicts():
    X, t = data.xor()
    net = MLP([2, 3, 1], activation="tanh", output="sigmoid", seed=0)
    history = fit(
        net, X, t[None, :], "binary_cross_entropy", lr=1.0, epochs=1000
    )
    assert isinstance(history, History) and not history.diverged
    assert history.costs[-1] < 0.01 < history.costs[0]
    assert net.predict(X)[0].tolist() == t.tolist()
    seen = []
    fit(
        net,
        X,
        t[None, :],
        "binary_cross_entropy",
        lr=1.0,
        epochs=3,
        callback=lambda epoch, h: seen.append(epoch),
    )
    assert seen == [1, 2, 3]


def test_fit_with_minibatches_reduces_the_cost():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 64))
    labels = (X[0] * X[1] > 0).astype(int)
    net = MLP([2, 8, 2], activation="relu", output="softmax", seed=0)
    history = fit(net, X, one_hot(labels, 2), lr=0.5, epochs=60, batch_size=8)
    assert history.costs[-1] < 0.5 * history.costs[0]


def test_a_learning_rate_of_fifty_is_reported_in_words():
    X, t = data.two_classes()
    net = MLP([2, 16, 2], activation="relu", output="softmax", seed=0)
    # fit must not leak overflow warnings either
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        history = fit(net, X, one_hot(t, 2), lr=50.0, epochs=50)
    assert history.diverged
    assert (
        "diverged" in history.message
        and "lower the learning rate" in history.message
    )
    assert "diverged" in repr(history)
    with pytest.raises(ValueError, match="positive"):
        fit(net, X, one_hot(t, 2), lr=0.0)


def test_diverged_draws_the_line_at_ten_times_the_first_cost_plus_ten():
    for J0 in (0.0, 0.7, 3.0):
        line = 10 * J0 + 10
        assert diverged([J0, line], 1.0) == ""  # on the line: still sound
        assert diverged([J0, 0.5 * J0, 2 * J0 + 1], 1.0) == ""
        above = np.nextafter(line, np.inf)
        assert diverged([J0, above], 1.0) != ""
    for J in (np.inf, -np.inf, np.nan):
        assert diverged([0.7, 0.5, J], 1.0) != ""


def test_diverged_says_where_the_cost_went_in_how_many_epochs():
    assert diverged([0.7, 30.0], 50.0) == (
        "the cost went from 0.7 to 30 in 1 epoch: gradient descent "
        "diverged; lower the learning rate (now 50)"
    )
    message = diverged([2.6712, 0.5, float("nan")], 0.25)
    assert message.startswith("the cost went from 2.67 to nan in 2 epochs:")
    assert message.endswith("lower the learning rate (now 0.25)")


@pytest.mark.parametrize("batch_size", [None, 8, 50])
def test_fit_is_train_epoch_after_train_epoch(batch_size):
    X, t = data.two_classes()
    T = one_hot(t, 2)
    nets = [MLP([2, 5, 2], activation="relu", seed=1) for _ in range(2)]
    history = fit(nets[0], X, T, lr=0.3, epochs=6, batch_size=batch_size)
    rng = np.random.default_rng(0)  # fit's seed=0: its batch orders
    costs = [nets[1].cost(X, T)]
    for _ in range(6):
        order = rng.permutation(X.shape[1]) if batch_size else None
        costs.append(
            train_epoch(nets[1], X, T, "cross_entropy", 0.3, order, batch_size)
        )
    assert history.costs == costs
    for mine, theirs in zip(*(net.layers for net in nets), strict=True):
        assert np.array_equal(mine.W, theirs.W)
        assert np.array_equal(mine.b, theirs.b)


def test_train_epoch_steps_once_per_batch_in_the_order_given():
    X, t = data.two_classes()
    T = one_hot(t, 2)
    n = X.shape[1]
    order = np.random.default_rng(3).permutation(n)
    seen = []

    def update(layers, grads, lr):  # the plain step, recorded
        seen.append(lr)
        for layer, (dW, db) in zip(layers, grads, strict=True):
            layer.W -= lr * dW
            layer.b -= lr * db

    plain, hooked = MLP([2, 3, 2], seed=0), MLP([2, 3, 2], seed=0)
    J = train_epoch(plain, X, T, lr=0.5, order=order, batch_size=7)
    J_hooked = train_epoch(
        hooked, X, T, lr=0.5, order=order, batch_size=7, update=update
    )
    assert seen == [0.5] * -(-n // 7) and J == J_hooked == plain.cost(X, T)
    for mine, theirs in zip(plain.layers, hooked.layers, strict=True):
        assert np.array_equal(mine.W, theirs.W)
    # the same batches in another order are another epoch
    other = MLP([2, 3, 2], seed=0)
    assert train_epoch(other, X, T, lr=0.5, batch_size=7) != J


def test_train_epoch_refuses_bad_settings_by_name():
    X, t = data.two_classes()
    T, net = one_hot(t, 2), MLP([2, 3, 2])
    n = X.shape[1]
    for order in (np.arange(n - 1), np.zeros(n, int), np.arange(n) + 0.0):
        with pytest.raises(ValueError, match="^order"):
            train_epoch(net, X, T, order=order)
    with pytest.raises(ValueError, match="^lr"):
        train_epoch(net, X, T, lr=0)
    with pytest.raises(ValueError, match="^batch_size"):
        train_epoch(net, X, T, batch_size=0)
    with pytest.raises(TypeError, match="^update"):
        train_epoch(net, X, T, update="descend")
    with pytest.raises(TypeError, match="^net"):
        train_epoch(net.layers, X, T)
    with pytest.raises(ValueError, match="^X"):
        train_epoch(net, X[:1], T)


def test_the_xor_figure_trains_as_train_epoch_does():
    X, t = data.xor()
    net = MLP([2, 4, 1], "sigmoid", "sigmoid", seed=2)
    costs = [net.cost(X, t[None, :], "binary_cross_entropy")]
    for _ in range(120):
        costs.append(
            train_epoch(net, X, t[None, :], "binary_cross_entropy", 3.0)
        )
    history, got = figs._xor_run(3.0, 4, "sigmoid", 2).after(120)
    assert history.costs == costs
    for mine, theirs in zip(got.layers, net.layers, strict=True):
        assert np.array_equal(mine.W, theirs.W)


# -- gradient descent and the figures of Chapter 3 --------------------------------------------


@pytest.mark.parametrize("lr", [0.05, 0.2, 0.25, 0.4, 0.49])
def test_gradient_descent_on_the_parabola_follows_the_closed_form(lr):
    a = figs.CURVATURE
    path = gradient_descent(lambda th: a * (th - 1), np.array([-1.5]), lr, 30)[
        :, 0
    ]
    assert np.allclose(path - 1, (1 - lr * a) ** np.arange(31) * (-2.5))


def test_gradient_descent_stops_when_it_runs_away():
    path = gradient_descent(lambda th: 4 * th, np.array([1.0]), 50.0, 1000)
    assert len(path) < 10 and np.isfinite(path).all()


@pytest.mark.parametrize(
    "lr, words",
    [
        (0.02, "slowly"),
        (0.2, "steadily"),
        (0.25, "one step"),
        (0.4, "oscillating"),
        (0.5, "bounces"),
        (0.6, "diverges"),
        (50, "diverges"),
    ],
)
def test_descent_figures_say_the_regime_in_words(lr, words):
    fig = figs.descent_1d(lr=lr, steps=30)
    assert words in fig.layout.title.text
    assert all(np.isfinite(np.asarray(tr.y, float)).all() for tr in fig.data)


def test_descent_2d_limits():
    assert "zigzags" in figs.descent_2d(0.15).layout.title.text
    assert "diverges" in figs.descent_2d(0.25).layout.title.text
    fig = figs.descent_2d(50.0, steps=100)
    path = fig.data[2]
    assert len(path.x) <= 3  # drawn until it leaves the view, not to infinity


def test_descent_sliders_carry_every_rate():
    fig = figs.descent_1d_slider(rates=(0.1, 0.3, 0.6))
    titles = [s.args[1]["title.text"] for s in fig.layout.sliders[0].steps]
    assert (
        "steadily" in titles[0]
        and "oscillating" in titles[1]
        and "diverges" in titles[2]
    )
    fig2 = figs.descent_2d_slider(rates=(0.05, 0.21))
    assert len(fig2.layout.sliders[0].steps) == 2


def test_backprop_animation_frames_follow_the_network():
    net = MLP([2, 3, 2, 1], activation="tanh", output="sigmoid", seed=3)
    fig = figs.backprop_animation(net, x=(1.0, 0.0), t=(1.0,))
    assert (
        len(fig.frames) == 1 + 3 + 3 + 1
    )  # input, 3 forward, 3 backward, done
    last_back = fig.frames[
        -2
    ]  # back through layer 1: dJ/dW of the first layer
    edges = last_back.data[0]
    _, grads = net.loss_and_gradients(
        np.array([[1.0], [0.0]]), np.array([[1.0]]), "binary_cross_entropy"
    )
    dW = grads[0][0]
    assert f"dJ/dW[0, 1] = {dW[0, 1]:+.3f}" in edges.hovertext[1]
    assert "the cost j" in fig.frames[4].layout.title.text.lower()


def test_xor_training_figure_reports_success_and_failure():
    good = figs.xor_training(
        lr=1.0, hidden=3, activation="tanh", seed=0, epochs=800
    )
    assert "100% of the four points right" in good.layout.title.text
    bad = figs.xor_training(
        lr=10.0, hidden=3, activation="tanh", seed=0, epochs=300
    )
    assert "too large" in bad.layout.title.text
    huge = figs.xor_training(
        lr=1e4, hidden=3, activation="relu", seed=0, epochs=50
    )
    text = huge.layout.title.text
    assert "diverged" in text or "too large" in text
    assert "nan" not in text.lower()


@pytest.mark.parametrize(
    "lr", [1.0, 1e4]
)  # trained, and diverged (no output map)
def test_xor_training_figure_is_one_plotly_accepts(lr):
    import plotly.graph_objects as go

    # the figure is filled in without checks (see _xor_training_base): check it here
    fig = figs.xor_training(lr=lr, epochs=100)
    checked = go.Figure(
        fig.to_dict()
    )  # raises on any property plotly does not know
    assert checked.to_plotly_json()["data"] == fig.to_plotly_json()["data"]
    assert [t.type for t in fig.data] == (
        ["scatter", "heatmap", "scatter", "scatter"]
        if lr == 1.0
        else ["scatter", "scatter", "scatter"]
    )
    assert len(fig.data[0].y) == 101 or "diverged" in fig.layout.title.text
    # each call gets its own copy: the kept base stays empty
    assert figs._xor_training_base()["data"][0]["y"] == []


@pytest.mark.parametrize(
    "lr, hidden, activation, seed, diverges",
    [
        (1.0, 3, "tanh", 0, False),
        (0.3, 8, "sigmoid", 4, False),
        (3.0, 5, "relu", 7, False),
        (17.78, 3, "tanh", 0, False),  # the cost goes up, but stays finite
        (31.6, 3, "tanh", 0, True),
        (1e4, 3, "relu", 0, True),
    ],
)
def test_xor_training_is_fit_to_the_last_bit_in_any_order_of_epochs(
    lr, hidden, activation, seed, diverges
):
    """The figure's kept runs (one cost per epoch) give what fit gives, for any epochs."""
    X, t = data.xor()
    for epochs in (300, 1000, 250, 3000, 100, 1999):  # up, down and up again
        net = MLP([2, hidden, 1], activation, "sigmoid", seed=seed)
        want = fit(net, X, t[None, :], "binary_cross_entropy", lr, epochs)
        got, got_net = figs._xor_run(lr, hidden, activation, seed).after(
            epochs
        )
        assert got.costs == want.costs
        assert (got.diverged, got.message) == (want.diverged, want.message)
        if not want.diverged:
            for mine, theirs in zip(got_net.layers, net.layers, strict=True):
                assert np.array_equal(mine.W, theirs.W)
                assert np.array_equal(mine.b, theirs.b)
    assert (
        figs._xor_run(lr, hidden, activation, seed).history.diverged
        == diverges
    )
    # and the figure draws those costs
    net = MLP([2, hidden, 1], activation, "sigmoid", seed=seed)
    want = fit(net, X, t[None, :], "binary_cross_entropy", lr, 500)
    fig = figs.xor_training(lr, hidden, activation, seed, epochs=500)
    assert list(fig.data[0].y) == want.costs
    title = fig.layout.title.text
    assert ("diverged" in title) == diverges == want.diverged
    assert (
        want.message in title
        if diverges
        else "% of the four points right" in title or "% right)" in title
    )


def test_xor_training_animation_has_a_frame_per_checkpoint():
    fig = figs.xor_training_animation(rates=(0.5, 2.0), checkpoints=(0, 5, 50))
    assert [f.name for f in fig.frames] == ["0", "5", "50"]
    assert len(fig.layout.sliders[0].steps) == 3


@pytest.mark.parametrize(
    "check, right, wrong",
    [
        (exercises.bias_gradient, (-0.5,), (-1.0,)),
        (exercises.diverging_learning_rate, (0.5,), (0.25,)),
        (exercises.weight_gradient_shape, ((100, 784),), ((784, 100),)),
        (exercises.sigmoid_gate, (0.25,), (1.0,)),
    ],
)
def test_chapter_3_exercise_checkers(check, right, wrong):
    assert "Not answered yet" in repr(check(None))
    assert check(*right)
    assert not check(*wrong)


@pytest.mark.parametrize(
    "lr", [0.498, 0.4999, 0.499999, 0.5 - 1e-12, float(np.nextafter(0.5, 0))]
)
def test_a_rate_just_below_the_boundary_is_wrong_however_close(lr):
    """|1 - 4 lr| < 1 there: descent converges, so it is not where it fails."""
    assert abs(1 - 4 * lr) < 1
    verdict = exercises.diverging_learning_rate(lr)
    assert not verdict
    assert "still converges" in repr(verdict)
    # the numbers it quotes show the rate, and the factor, on the converging side
    quoted = repr(verdict).split("lr = ")[1].split(" ")[0]
    assert float(quoted) < 0.5
    factor = repr(verdict).split("1 - 4 lr = ")[1].split(",")[0]
    assert abs(float(factor)) < 1


@pytest.mark.parametrize("lr", [0.5, 0.5005, 0.501])
def test_the_boundary_and_just_above_it_are_right(lr):
    assert abs(1 - 4 * lr) >= 1
    assert exercises.diverging_learning_rate(lr)


@pytest.mark.parametrize(
    "answer",
    [0.2499, 0.2499999, float(np.nextafter(0.25, 0))],
)
def test_a_value_below_the_largest_slope_of_the_sigmoid_is_wrong(answer):
    """sigmoid'(0) = 1/4 exceeds it: it is not the largest value."""
    assert answer < sigmoid_prime(0.0)
    verdict = exercises.sigmoid_gate(answer)
    assert not verdict
    assert "takes a larger value" in repr(verdict)


@pytest.mark.parametrize(
    "answer",
    [0.2501, 0.2500001, float(np.nextafter(0.25, 1))],
)
def test_a_value_above_the_largest_slope_of_the_sigmoid_is_wrong(answer):
    """s (1 - s) <= 1/4 for every s: sigmoid' never reaches it."""
    z = np.linspace(-10, 10, 20001)
    assert np.all(sigmoid_prime(z) < answer)
    verdict = exercises.sigmoid_gate(answer)
    assert not verdict
    assert "never reaches" in repr(verdict)


def test_the_largest_slope_of_the_sigmoid_is_right_exactly():
    assert exercises.sigmoid_gate(0.25)
    assert exercises.sigmoid_gate(1 / 4)
