"""Chapter 2: the forward half of backprop.nn, universal approximation, and the figures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop import data, exercises
from backprop.figures import diagram
from backprop.figures import networks as figs
from backprop.neuron import sigmoid, softmax, tanh
from backprop.nn import Layer, activate, forward
from backprop.universal import TARGETS, fit_one_hidden_layer
from backprop.widgets import Explorer

X, t = data.xor()


@given(
    sizes=st.lists(st.integers(1, 5), min_size=2, max_size=5),
    n_data=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
)
@settings(max_examples=40)
def test_forward_is_the_composition_of_the_layers(sizes, n_data, seed):
    rng = np.random.default_rng(seed)
    layers = [
        Layer(rng.normal(size=(n_y, n_x)), rng.normal(size=(n_y, 1)), "tanh")
        for n_x, n_y in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    x = rng.normal(size=(sizes[0], n_data))
    expected = x
    for layer in layers:
        expected = np.tanh(layer.W @ expected + layer.b)
    y = forward(layers, x)
    assert y.shape == (sizes[-1], n_data)
    assert np.allclose(y, expected)
    # each layer remembers its input and pre-activation for the backward pass
    assert layers[0].x is x
    assert all(np.allclose(layer.y, np.tanh(layer.z)) for layer in layers)
    for a, b in zip(layers[:-1], layers[1:], strict=True):
        assert b.x is a.y


def test_activate_covers_identity_softmax_and_chapter_1():
    z = np.array([[1.0, -2.0], [0.5, 3.0]])
    assert activate("identity", z) is z
    assert np.allclose(activate("softmax", z), softmax(z))
    assert np.allclose(activate("sigmoid", z), sigmoid(z))
    assert np.allclose(activate("tanh", z), tanh(z))


def test_layer_takes_bias_as_a_column_whatever_its_input_shape():
    assert Layer(np.ones((3, 2)), [1, 2, 3]).b.shape == (3, 1)
    assert Layer(np.ones((3, 2)), np.zeros((3, 1))).b.shape == (3, 1)


def test_the_xor_network_of_the_chapter():
    hidden = Layer([[1.0, 1.0], [1.0, 1.0]], [-0.5, -1.5], "step")
    output = Layer([[1.0, -1.0]], [-0.5], "step")
    assert forward([hidden, output], X)[0].tolist() == t.tolist()


@pytest.mark.parametrize("name", ["bump", "sin", "abs"])
def test_one_hidden_layer_approximates_continuous_targets(name):
    f = TARGETS[name]
    x = np.linspace(-1, 1, 3001)[None, :]
    errors = [
        np.max(np.abs(forward(fit_one_hidden_layer(f, n), x)[0] - f(x[0])))
        for n in (4, 16, 64)
    ]
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 0.01


def test_the_step_keeps_a_largest_error_of_one_half():
    f = TARGETS["step"]
    for n in (8, 64):
        net = fit_one_hidden_layer(f, n)
        x = np.linspace(0.15, 0.25, 200001)[None, :]  # around the jump at 0.2
        gap = np.abs(forward(net, x)[0] - f(x[0]))
        assert gap.max() >= 0.499


def test_fit_returns_two_layers_of_the_right_shapes():
    hidden, output = fit_one_hidden_layer(TARGETS["sin"], 7)
    assert hidden.W.shape == (7, 1) and hidden.b.shape == (7, 1)
    assert output.W.shape == (1, 7) and output.b.shape == (1, 1)
    assert hidden.activation == "sigmoid" and output.activation == "identity"


# -- figures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, separable",
    [
        ("OR and AND", True),
        ("OR and NAND", True),
        ("two parallel bands", True),
        ("twice the same line", False),
    ],
)
def test_xor_presets_say_whether_h_is_separable(name, separable):
    W, b = figs.XOR_PRESETS[name]
    fig = figs.xor_hidden(X, t, W[0][0], W[0][1], b[0], W[1][0], W[1][1], b[1])
    assert ("now one line separates" in fig.layout.title.text) == separable
    out_line = fig.data[-1]
    assert (len(out_line.x) > 0) == separable


def test_xor_preset_buttons_match_the_static_figure():
    fig = figs.xor_presets(X, t)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == list(figs.XOR_PRESETS)
    for button in buttons:
        W, b = figs.XOR_PRESETS[button.label]
        static = figs.xor_hidden(
            X, t, W[0][0], W[0][1], b[0], W[1][0], W[1][1], b[1]
        )
        update, layout, traces = button.args
        for k, index in enumerate(traces):
            assert np.allclose(
                np.asarray(update["x"][k], float),
                np.asarray(static.data[index].x, float),
            )
        assert layout["title.text"].endswith(static.layout.title.text)


def test_xor_morph_goes_from_x_to_h():
    W, b, k = np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5]), 4.0
    fig = figs.xor_morph(X, t, W=W, b=b, steepness=k)
    steps = fig.layout.sliders[0].steps
    first, last = steps[0].args[0], steps[-1].args[0]
    H = sigmoid(k * (W @ X + b[:, None]))
    for c in (0, 1):
        assert np.allclose(first["x"][1 + c], X[0, t == c])
        assert np.allclose(last["x"][1 + c], H[0, t == c])
        assert np.allclose(last["y"][1 + c], H[1, t == c])


def test_network_diagram_has_an_edge_per_weight_and_values_on_hover():
    rng = np.random.default_rng(0)
    layers = [
        Layer(rng.normal(size=(3, 2)), np.zeros(3), "tanh"),
        Layer(rng.normal(size=(1, 3)), np.zeros(1), "sigmoid"),
    ]
    fig = diagram.network_diagram(layers, x=[0.5, -1.0])
    hover = next(tr for tr in fig.data if tr.name == "weights")
    assert len(hover.x) == 2 * 3 + 3 * 1
    assert any("W[2, 1]" in text for text in hover.hovertext)
    units = fig.data[-1]
    assert len(units.x) == 2 + 3 + 1
    y = forward(layers, np.array([[0.5], [-1.0]]))[0, 0]
    assert f"y = {y:.3f}" in units.hovertext[-1]
    # from shapes alone
    shape_only = diagram.network_diagram(sizes=[4, 5, 2])
    assert len(shape_only.data[-1].x) == 11
    with pytest.raises(ValueError, match="layers or its sizes"):
        diagram.network_diagram()


def test_universal_figures():
    fig = figs.universal_fit("sin", 5)
    assert "5 hidden units" in fig.layout.title.text
    # the five units' lines, in one trace, each ended by a gap; with the output's bias they
    # add up to the network's output
    (units,) = [tr for tr in fig.data if tr.name.startswith("one unit")]
    lines = np.reshape(units.y, (5, len(figs._XS) + 1))
    assert np.isnan(lines[:, -1]).all() and not np.isnan(lines[:, :-1]).any()
    assert np.array_equal(
        np.reshape(units.x, lines.shape)[:, :-1][2], figs._XS
    )
    (network,) = [tr for tr in fig.data if tr.name.startswith("the network")]
    bias = fit_one_hidden_layer(figs.TARGETS["sin"], 5)[1].b[0, 0]
    assert np.allclose(lines[:, :-1].sum(axis=0) + bias, network.y)
    with pytest.raises(ValueError, match="target must be one of"):
        figs.universal_fit("cube", 3)
    slider = figs.universal_slider("abs", counts=(1, 2, 5), active=2)
    steps = slider.layout.sliders[0].steps
    assert [s.label for s in steps] == ["1", "2", "5"]
    assert "5 hidden units" in slider.layout.title.text
    assert "1 hidden unit:" in steps[0].args[1]["title.text"]
    errors = figs.approximation_errors(counts=(1, 4, 16))
    step_trace = next(tr for tr in errors.data if tr.name == "step")
    assert min(step_trace.y) > 0.45


def test_architecture_figures():
    graph = {"a": ["x"], "out": ["a", "x"]}
    fig = figs.dag_figure(graph, {"x": (0, 0), "a": (1, 1), "out": (2, 0)})
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 3
    rnn = figs.unrolled_rnn(T=3)
    assert "3 steps" in rnn.layout.title.text


# -- the XOR widget and the exercises ---------------------------------------------------------


def test_explorer_presets_set_all_controls_with_one_redraw():
    presets = {
        "same line": dict(w11=1.0, w12=1.0, b1=-0.5, w21=1.0, w22=1.0, b2=-0.5)
    }
    rng_ = (-2.0, 2.0, 0.1)
    ex = Explorer(
        figs.xor_hidden,
        X=X,
        t=t,
        presets=presets,
        w11=rng_,
        w12=rng_,
        b1=rng_,
        w21=rng_,
        w22=rng_,
        b2=rng_,
    )
    assert (
        "now one line separates" in ex.figure.layout.title.text
    )  # the defaults: OR/AND
    draws = []
    original = ex.figure_fn
    ex.figure_fn = lambda **kw: draws.append(kw) or original(**kw)
    ex.preset_buttons["same line"].click()
    assert len(draws) == 1
    assert ex.controls["b2"].value == -0.5
    assert "no line separates" in ex.figure.layout.title.text
    with pytest.raises(ValueError, match="unknown controls"):
        Explorer(figs.xor_hidden, X=X, t=t, presets={"bad": {"w99": 1.0}})


@pytest.mark.parametrize(
    "check, right, wrong",
    [
        (exercises.parameter_count, (46,), (36,)),
        (exercises.xor_output_unit, (1.0, 1.0, -1.5), (1.0, -1.0, -0.5)),
        (exercises.separable_boolean_functions, (14,), (16,)),
        (exercises.rnn_parameters, (32,), (320,)),
    ],
)
def test_chapter_2_exercise_checkers(check, right, wrong):
    assert "Not answered yet" in repr(check(*[None] * len(right)))
    assert check(*right)
    assert not check(*wrong)
