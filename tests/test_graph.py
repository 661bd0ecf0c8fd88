"""The reverse-mode engine backprop.graph.Value, its exercises and its figures.

Gradients are checked against independent references: centred finite differences on random
graphs (with fan-out and skip connections), and backprop.nn's matrix code on random MLPs.
"""

from __future__ import annotations

import math
import re
import sys

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from backprop import graph_exercises as gx
from backprop.figures import graphs as figs
from backprop.graph import Value, topological_order
from backprop.nn import MLP
from backprop.plotting import description

# -- random graphs ---------------------------------------------------------------------------

# unary operations, each safe on any finite input of moderate size
UNARY = {
    "tanh": (lambda v: v.tanh(), math.tanh),
    "sigmoid": (lambda v: v.sigmoid(), lambda x: 1 / (1 + math.exp(-x))),
    "exp_small": (lambda v: (0.3 * v).exp(), lambda x: math.exp(0.3 * x)),
    "square": (lambda v: v**2, lambda x: x**2),
    "log1p_sq": (lambda v: (1 + v * v).log(), lambda x: math.log(1 + x * x)),
    "neg": (lambda v: -v, lambda x: -x),
    "scale": (lambda v: 0.7 * v, lambda x: 0.7 * x),
    "shift": (lambda v: 1 - v, lambda x: 1 - x),
    "recip_sq": (lambda v: 1 / (1 + v**2), lambda x: 1 / (1 + x**2)),
    "sqrt_sq": (lambda v: (v * v + 1) ** 0.5, lambda x: (x * x + 1) ** 0.5),
}
BINARY = {
    "add": (lambda a, b: a + b, lambda a, b: a + b),
    "sub": (lambda a, b: a - b, lambda a, b: a - b),
    "mul": (lambda a, b: a * b, lambda a, b: a * b),
    "div": (lambda a, b: a / (2 + b * b), lambda a, b: a / (2 + b * b)),
}


@st.composite
def random_graphs(draw):
    """A recipe: inputs, then nodes that each read one or two earlier nodes (any earlier)."""
    n_in = draw(st.integers(1, 4))
    xs = draw(
        st.lists(
            st.floats(-2, 2, allow_nan=False), min_size=n_in, max_size=n_in
        )
    )
    n_ops = draw(st.integers(1, 14))
    ops = []
    for k in range(n_ops):
        n_before = n_in + k
        if draw(st.booleans()):
            name = draw(st.sampled_from(sorted(UNARY)))
            ops.append((name, (draw(st.integers(0, n_before - 1)),)))
        else:
            name = draw(st.sampled_from(sorted(BINARY)))
            a = draw(st.integers(0, n_before - 1))
            b = draw(st.integers(0, n_before - 1))  # may equal a: a * a
            ops.append((name, (a, b)))
    # the output reads several nodes at once: fan-out and skip connections
    n_read = draw(st.integers(1, n_in + n_ops))
    read = draw(
        st.lists(
            st.integers(0, n_in + n_ops - 1), min_size=n_read, max_size=n_read
        )
    )
    return xs, ops, read


def _run(recipe, xs, lift, unary, binary):
    _, ops, read = recipe
    nodes = [lift(x) for x in xs]
    for name, args in ops:
        if len(args) == 1:
            nodes.append(unary[name](nodes[args[0]]))
        else:
            nodes.append(binary[name](nodes[args[0]], nodes[args[1]]))
    total = nodes[read[0]]
    for k in read[1:]:
        total = total + nodes[k]
    return nodes[: len(xs)], total


def _on_values(recipe):
    xs = recipe[0]
    return _run(
        recipe,
        xs,
        Value,
        {k: f for k, (f, _) in UNARY.items()},
        {k: f for k, (f, _) in BINARY.items()},
    )


def _on_floats(recipe, xs):
    return _run(
        recipe,
        xs,
        float,
        {k: f for k, (_, f) in UNARY.items()},
        {k: f for k, (_, f) in BINARY.items()},
    )[1]


@settings(max_examples=300, deadline=None)
@given(random_graphs())
def test_gradients_equal_finite_differences_on_random_graphs(recipe):
    xs = recipe[0]
    try:
        inputs, out = _on_values(recipe)
    except (ValueError, OverflowError):  # e.g. squares of squares overflow
        assume(False)
    assume(abs(out.data) < 1e6)  # steeper: finite differences mean little
    out.backward()
    for i, x in enumerate(xs):
        h = 1e-5 * max(1.0, abs(x))
        up, down = list(xs), list(xs)
        up[i] += h
        down[i] -= h
        numeric = (_on_floats(recipe, up) - _on_floats(recipe, down)) / (2 * h)
        assert inputs[i].grad == pytest.approx(numeric, rel=1e-4, abs=1e-5)


def test_a_value_used_twice_gets_the_sum():
    a = Value(3.0)
    out = a * a + a  # d/da = 2a + 1
    out.backward()
    assert a.grad == 7.0
    assert len(topological_order(out)) == 3


def test_backward_twice_gives_the_same_gradients():
    a, b = Value(0.4), Value(-1.3)
    out = (a * b).tanh() + a
    out.backward()
    first = (a.grad, b.grad)
    out.backward()
    assert (a.grad, b.grad) == first


# -- against backprop.nn ---------------------------------------------------------------------


def _value_mlp_gradients(net, X, T):
    """Mean squared error of ``net`` on (X, T), and its gradients, on Values."""
    params = [
        (
            [[Value(w) for w in row] for row in layer.W],
            [Value(b) for b in layer.b[:, 0]],
        )
        for layer in net.layers
    ]
    acts = {
        "tanh": Value.tanh,
        "sigmoid": Value.sigmoid,
        "relu": Value.relu,
        "identity": lambda v: v,
    }
    J = Value(0.0)
    for k in range(X.shape[1]):
        y = [float(v) for v in X[:, k]]
        for (W, b), layer in zip(params, net.layers, strict=True):
            f = acts[layer.activation]
            y = [
                f(sum((W[j][i] * y[i] for i in range(len(y))), b[j]))
                for j in range(len(W))
            ]
        for j, y_j in enumerate(y):
            J = J + 0.5 * (y_j - float(T[j, k])) ** 2
    J = J / X.shape[1]
    J.backward()
    return J.data, [
        (
            np.array([[w.grad for w in row] for row in W]),
            np.array([[v.grad] for v in b]),
        )
        for W, b in params
    ]


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=4),
    activation=st.sampled_from(["tanh", "sigmoid", "relu"]),
    output=st.sampled_from(["identity", "sigmoid"]),
    n_data=st.integers(1, 4),
    seed=st.integers(0, 10_000),
)
def test_gradients_equal_backprop_nn_on_random_mlps(
    sizes, activation, output, n_data, seed
):
    rng = np.random.default_rng(seed)
    net = MLP(sizes, activation=activation, output=output, seed=seed)
    for layer in net.layers:  # biases too, so that no z sits at ReLU's kink
        layer.b += rng.normal(scale=0.3, size=layer.b.shape)
    X = rng.normal(size=(sizes[0], n_data))
    T = rng.normal(size=(sizes[-1], n_data))
    J_v, grads_v = _value_mlp_gradients(net, X, T)
    J_n, grads_n = net.loss_and_gradients(X, T, loss="mse")
    assert J_v == pytest.approx(J_n, rel=1e-12, abs=1e-14)
    for (dW_v, db_v), (dW_n, db_n) in zip(grads_v, grads_n, strict=True):
        np.testing.assert_allclose(dW_v, dW_n, rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(db_v, db_n, rtol=1e-12, atol=1e-14)


# -- the API ---------------------------------------------------------------------------------


def test_numbers_on_either_side():
    a = Value(2.0)
    cases = {
        "a + 1": (a + 1, 3.0),
        "1 + a": (1 + a, 3.0),
        "a - 1": (a - 1, 1.0),
        "1 - a": (1 - a, -1.0),
        "2 * a": (2 * a, 4.0),
        "a * 2": (a * 2, 4.0),
        "a / 4": (a / 4, 0.5),
        "1 / a": (1 / a, 0.5),
        "-a": (-a, -2.0),
        "a ** 3": (a**3, 8.0),
        "a ** 0.5": (a**0.5, math.sqrt(2)),
    }
    for text, (node, expected) in cases.items():
        assert isinstance(node, Value), text
        assert node.data == pytest.approx(expected), text
    assert isinstance(a.data, float) and isinstance(a.grad, float)
    assert a.grad == 0.0
    assert Value(3).data == 3.0 and isinstance(Value(3).data, float)
    assert Value(np.float64(1.5)).data == 1.5
    assert "Value(2" in repr(a)


def test_activations_and_their_slopes():
    for x in (-3.0, -0.2, 0.5, 2.0):
        for name, f in [
            ("exp", math.exp),
            ("tanh", math.tanh),
            ("sigmoid", lambda v: 1 / (1 + math.exp(-v))),
            ("relu", lambda v: max(v, 0.0)),
        ]:
            a = Value(x)
            out = getattr(a, name)()
            out.backward()
            assert out.data == pytest.approx(f(x), rel=1e-12)
            h = 1e-6
            assert a.grad == pytest.approx(
                (f(x + h) - f(x - h)) / (2 * h), rel=1e-5, abs=1e-8
            )
    b = Value(2.5)
    b.log().backward()
    assert b.grad == pytest.approx(0.4)
    assert Value(-800.0).sigmoid().data == pytest.approx(0.0, abs=1e-300)
    assert Value(800.0).sigmoid().data == 1.0


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (lambda: Value("3"), TypeError, "Value"),
        (lambda: Value(None), TypeError, "Value"),
        (lambda: Value(True), TypeError, "bool"),
        (lambda: Value(float("nan")), ValueError, "Value"),
        (lambda: Value(float("inf")), ValueError, "Value"),
        (lambda: Value(-1.0).log(), ValueError, "log"),
        (lambda: Value(0.0).log(), ValueError, "log"),
        (lambda: Value(2.0) / 0, ZeroDivisionError, "a / b"),
        (lambda: 1 / Value(0.0), ZeroDivisionError, "a / b"),
        (lambda: Value(2.0) ** Value(2.0), TypeError, "a ** b"),
        (lambda: 2 ** Value(2.0), TypeError, "a ** b"),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, "a ** k"),
        (lambda: Value(-8.0) ** 0.5, ValueError, "a ** k"),
        (lambda: Value(1000.0).exp(), OverflowError, "exp"),
        (lambda: Value(1e200) ** 2, OverflowError, "a ** k"),
        (lambda: Value(1e-320).log(), ValueError, "log"),
        (lambda: Value(1.0) / 1e-320, ValueError, "a / b"),
        (lambda: Value(1e200) * 1e200, ValueError, "a * b"),
        (lambda: Value(1.0) + "x", TypeError, "a + b"),
        (lambda: "x" - Value(1.0), TypeError, "a - b"),
    ],
)
def test_bad_input_names_the_operation(make, error, words):
    with pytest.raises(error, match=re.escape(words)):
        make()


def test_a_deep_chain_needs_no_recursion():
    depth = 20_000
    assert depth > sys.getrecursionlimit()
    a = Value(0.5)
    node = a
    for _ in range(depth):
        node = node * 1.0 + 0.0
    node.backward()
    assert a.grad == 1.0
    assert len(topological_order(node)) > depth


# -- exercises -------------------------------------------------------------------------------


def test_exercise_checkers_accept_the_solutions_and_explain_mistakes():
    assert not gx.fan_out_gradient(None)
    assert gx.fan_out_gradient(12.0)
    assert "one of x's two paths" in repr(gx.fan_out_gradient(9.0))
    assert "one of x's two paths" in repr(gx.fan_out_gradient(3.0))

    def sin_right(a):
        return Value(math.sin(a.data), (a,), "sin", (math.cos(a.data),))

    def sin_sign(a):
        return Value(math.sin(a.data), (a,), "sin", (-math.cos(a.data),))

    def sin_value(a):
        return Value(math.sin(a.data), (a,), "sin", (math.sin(a.data),))

    def sin_unanswered(a):
        return Value(math.sin(a.data), (a,), "sin", (None,))

    assert gx.new_operation(sin_right)
    assert "sign" in repr(gx.new_operation(sin_sign))
    assert "value" in repr(gx.new_operation(sin_value))
    assert "Not answered" in repr(gx.new_operation(sin_unanswered))

    def right(w, x, t):
        u = math.tanh(w * x)
        y = math.tanh(w * u)
        g = (y - t) * (1 - y**2)
        return g * u + g * w * (1 - u**2) * x

    def outer_only(w, x, t):
        u = math.tanh(w * x)
        y = math.tanh(w * u)
        return (y - t) * (1 - y**2) * u

    def inner_only(w, x, t):
        return right(w, x, t) - outer_only(w, x, t)

    assert gx.shared_weight(right)
    assert "outer use" in repr(gx.shared_weight(outer_only))
    assert "inner use" in repr(gx.shared_weight(inner_only))
    assert "Not answered" in repr(gx.shared_weight(lambda w, x, t: None))

    assert gx.path_count(375)
    assert "edges" in repr(gx.path_count(70))
    assert "3 inputs" in repr(gx.path_count(125))
    assert not gx.path_count(376)


# -- figures ---------------------------------------------------------------------------------


def test_the_backward_steps_figure_ends_with_the_engines_gradients():
    fig = figs.backward_steps(x=0.5, w=1.2)
    J, nodes = figs.fan_out_graph(0.5, 1.2)
    J.backward()
    last = fig.frames[-1].data[3].text  # value labels of the last frame
    names = list(nodes)
    for name, label in zip(names, last, strict=True):
        assert f"g={nodes[name].grad:.2f}" in label
    assert "g=?" in fig.frames[0].data[3].text[0]
    assert len(fig.layout.sliders[0].steps) == len(fig.frames)
    assert "adds" in " ".join(f.layout.title.text for f in fig.frames)
    assert description(fig)


def test_the_rnn_figure_slider_shows_one_size_at_a_time():
    steps = [1, 2, 3]
    scales = [0.5, 2.0]
    norms = [[1.0, 0.5, 0.25], [1.0, 2.0, 4.0]]
    fig = figs.first_step_gradients(steps, norms, scales)
    slider_steps = fig.layout.sliders[0].steps
    assert [s.label for s in slider_steps] == ["0.5", "2"]
    assert slider_steps[1].args[0]["visible"] == [False, False, True, True]
    assert [t.visible for t in fig.data] == [True, True, False, False]
    assert description(fig)


def test_the_paths_figure_has_both_counts():
    fig = figs.paths_and_edges([1, 2], [8, 32], [52, 120])
    assert list(fig.data[0].y) == [8, 32] and list(fig.data[1].y) == [52, 120]
    assert fig.layout.yaxis.type == "log"
    assert description(fig)
