"""Figure functions, the plotly renderer, widget wiring and exercise checkers, without a kernel."""

from __future__ import annotations

import re

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import backprop
from backprop import data, exercises, neuron, plotting, sphinxext
from backprop.figures import neurons as figs
from backprop.plotting import BookRenderer, describe, description
from backprop.widgets import Explorer, PerceptronStepper

X, t = data.two_classes()
Xo, to = data.two_classes(overlap=True)


def n_wrong(w, b, X=X, t=t):
    """An independent count of the threshold neuron's mistakes."""
    return int(
        sum(
            (np.dot(w, x) + b >= 0) != bool(label)
            for x, label in zip(X.T, t, strict=True)
        )
    )


# -- the renderer ---------------------------------------------------------------------------


def test_renderer_emits_light_html_without_cdn():
    fig = figs.scatter(X, t)
    html = BookRenderer().to_mimebundle(fig.to_dict())["text/html"]
    assert "plotly-graph-div" in html and "Plotly.newPlot" in html
    assert "<script src" not in html and "cdn" not in html.lower()
    assert len(html) < 50_000  # the figure's data, not 4.8 MB of plotly.js


def test_renderer_ids_are_unique_and_deterministic():
    fig = figs.scatter(X, t).to_dict()
    first, second = BookRenderer(), BookRenderer()
    ids_a = [
        re.search(r'id="([^"]+)"', first.to_mimebundle(fig)["text/html"])[1]
        for _ in range(3)
    ]
    ids_b = [
        re.search(r'id="([^"]+)"', second.to_mimebundle(fig)["text/html"])[1]
        for _ in range(3)
    ]
    assert len(set(ids_a)) == 3  # the same figure shown three times on a page
    assert ids_a == ids_b  # executed again, the same ids


def test_every_figure_has_a_text_alternative():
    """describe() stores the finding where the website's script finds it."""
    for fig in (
        figs.scatter(X, t),
        figs.boundary_turning(X, t),
        figs.perceptron_animation(X, t),
        figs.activation_picker(),
        figs.neuron_picker(X, t),
        figs.softmax_slider(),
    ):
        text = description(fig)
        assert text and len(text) > 40 and not text.startswith("Figure")
        assert fig.to_dict()["layout"]["meta"]["description"] == text
    fig = describe(go.Figure(layout={"meta": {"source": "book"}}), "a finding")
    assert fig.layout.meta == {"source": "book", "description": "a finding"}
    assert description({"layout": {}}) is None


def test_the_build_knows_the_trace_types_of_the_plotly_bundle():
    bundle = sphinxext.bundle_trace_types()
    assert {"scatter", "heatmap", "contour", "bar"} <= bundle
    assert "scatter3d" not in bundle and "surface" not in bundle
    assert sphinxext._version(sphinxext.PLOTLY_BUNDLE) == sphinxext._version(
        sphinxext.FULL_PLOTLY_JS
    )


def test_a_figure_with_a_trace_type_the_bundle_lacks_fails_the_build():
    renderer = BookRenderer()
    animated = renderer.to_mimebundle(
        figs.perceptron_animation(X, t).to_dict()
    )["text/html"]
    assert sphinxext.figure_trace_types(animated) == {"scatter"}
    three_d = go.Figure(go.Scatter3d(x=[0, 1], y=[0, 1], z=[0, 1]))
    html = renderer.to_mimebundle(three_d.to_dict())["text/html"]
    assert sphinxext.figure_trace_types(html) == {"scatter3d"}

    class App:  # what _page_assets uses of Sphinx's application
        def add_js_file(self, *args, **kwargs):
            self.added = args

    with pytest.raises(ValueError, match="scatter3d"):
        sphinxext._page_assets(
            App(), "book/x", "page.html", {"body": html}, None
        )
    app = App()
    sphinxext._page_assets(
        app, "book/x", "page.html", {"body": animated}, None
    )
    assert app.added == (sphinxext.PLOTLY_JS,)


def test_setup_sends_both_mimetypes():
    backprop.setup()
    bundle = figs.scatter(X, t)._repr_mimebundle_()
    assert {"application/vnd.plotly.v1+json", "text/html"} <= set(bundle)
    assert pio.templates.default == plotting.DEFAULT_TEMPLATE
    # plotly's white template with the book's on top, merged once
    merged = pio.templates.merge_templates(
        pio.templates["plotly_white"], plotting.TEMPLATE
    )
    assert pio.templates[pio.templates.default] == merged
    assert figs.scatter(X, t).layout.template == merged


# -- figures of Chapter 1 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "w1, w2, b",
    [(1.0, 1.0, 0.0), (1.0, 0.0, 0.5), (-1.0, 0.3, 1.0), (0.0, 0.0, 1.0)],
)
def test_boundary_counts_and_rings_the_mistakes(w1, w2, b):
    fig = figs.boundary(X, t, w1, w2, b)
    expected = n_wrong((w1, w2), b)
    assert f"{expected} of 40" in fig.layout.title.text
    ring = next(tr for tr in fig.data if tr.name == "misclassified")
    assert len(ring.x) == expected
    if w1 == w2 == 0:
        assert "no line" in fig.layout.annotations[0].text


def test_boundary_line_and_arrow_are_where_w_and_b_say():
    w, b = np.array([2.0, -1.0]), 0.5
    fig = figs.boundary(X, t, *w, b)
    line = next(tr for tr in fig.data if tr.name.startswith("boundary"))
    for x1, x2 in zip(line.x, line.y, strict=True):
        assert w @ [x1, x2] + b == pytest.approx(0, abs=1e-9)
    arrow = next(tr for tr in fig.data if tr.name.startswith("w "))
    direction = np.array([arrow.x[1] - arrow.x[0], arrow.y[1] - arrow.y[0]])
    assert np.allclose(
        direction / np.linalg.norm(direction), w / np.linalg.norm(w)
    )


def _turning_state(label):
    angle = np.radians(float(label.rstrip("°")))
    return np.cos(angle), np.sin(angle), 0.0


def _shifting_state(label):
    return 1.0, 1.0, float(label)


@pytest.mark.parametrize(
    "maker, state",
    [
        (figs.boundary_turning, _turning_state),
        (figs.boundary_shifting, _shifting_state),
    ],
)
def test_slider_states_match_the_static_figure(maker, state):
    fig = maker(X, t)
    steps = fig.layout.sliders[0].steps
    assert len(steps) > 10
    for step in steps:
        data_update, layout_update, traces = step.args
        w1, w2, b = state(step.label)
        assert f"{n_wrong((w1, w2), b)} of 40" in layout_update["title.text"]
        static = figs.boundary(X, t, w1, w2, b)
        for k, trace_index in enumerate(traces):
            for axis in ("x", "y"):
                assert np.allclose(
                    np.asarray(data_update[axis][k], float),
                    np.asarray(getattr(static.data[trace_index], axis), float),
                )


def test_perceptron_animation_replays_every_update():
    fig = figs.perceptron_animation(X, t, lr=0.2, w=(-2.0, -1.0))
    path = figs.perceptron_path(X, t, lr=0.2, w=(-2.0, -1.0))
    updates = sum(p["mistake"] for p in path)
    assert len(fig.frames) == updates + 2  # start, each update, the end
    assert "converged" in fig.frames[-1].layout.title.text
    assert len(fig.layout.sliders[0].steps) == len(fig.frames)
    w, b = path[-1]["w"], path[-1]["b"]
    assert n_wrong(w, b) == 0


def test_perceptron_path_on_overlapping_data_does_not_converge():
    path = figs.perceptron_path(Xo, to, max_epochs=5)
    assert path[-1]["epoch"] == 5
    assert any(p["mistake"] for p in path if p["epoch"] == 5)


def test_activation_picker_has_f_and_its_derivative_for_each_button():
    fig = figs.activation_picker()
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == list(neuron.ACTIVATIONS)
    z = np.asarray(fig.data[0].x)
    for button in buttons:
        f, f_prime = neuron.ACTIVATIONS[button.label]
        y, dy = (np.asarray(v, float) for v in button.args[0]["y"])
        ok = ~np.isnan(y)
        assert np.allclose(y[ok], f(z[ok]), atol=1e-4)
        assert np.allclose(dy[ok], f_prime(z[ok]), atol=1e-4)


@pytest.mark.parametrize("activation", list(neuron.ACTIVATIONS))
def test_neuron_heatmap_is_the_neuron(activation):
    fig = figs.neuron(X, t, activation, 1.0, -0.5, 0.25)
    heat = fig.data[0]
    f = neuron.ACTIVATIONS[activation][0]
    i, j = 7, 23
    expected = f(np.array(1.0 * heat.x[j] - 0.5 * heat.y[i] + 0.25))
    assert float(np.asarray(heat.z)[i][j]) == pytest.approx(
        float(expected), abs=1e-5
    )


def test_neuron_rejects_unknown_activation():
    with pytest.raises(ValueError, match="activation must be one of"):
        figs.neuron(X, t, "softplus")


def test_softmax_figures():
    fig = figs.softmax_bars(1.0, 2.0, 3.0)
    assert np.allclose(
        fig.data[1].y, neuron.softmax(np.array([[1.0], [2.0], [3.0]]))[:, 0]
    )
    slider = figs.softmax_slider()
    for step in slider.layout.sliders[0].steps:
        assert sum(step.args[0]["y"][1]) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "maker",
    [
        lambda: figs.scatter(X, t),
        lambda: figs.mistakes_per_epoch({"a": [3, 1, 0]}),
        lambda: figs.error_landscape(X, t),
        lambda: figs.two_separators(X, t, ((1, 1), 0), ((1, 0.2), -0.5)),
        lambda: figs.steepness(),
        lambda: figs.neuron_picker(X, t),
        lambda: figs.monotonic_vs_bell(),
    ],
)
def test_every_figure_serialises(maker):
    fig = maker()
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    pio.to_json(fig)  # validates and serialises


def test_error_landscape_is_flat_for_the_threshold():
    fig = figs.error_landscape(X, t)
    errors = np.asarray(fig.data[0].y)
    assert set(np.unique(errors)) <= set(range(41))
    # between jumps the count is constant: far fewer distinct values than angles
    assert np.count_nonzero(np.diff(errors)) < len(errors) / 5


# -- widgets, driven by setting values and clicking -------------------------------------------


def test_explorer_redraws_when_a_slider_moves():
    ex = Explorer(
        figs.boundary,
        X=X,
        t=t,
        w1=(-3.0, 3.0, 0.1),
        w2=(-3.0, 3.0, 0.1),
        b=(-4.0, 4.0, 0.1),
    )
    assert set(ex.controls) == {"w1", "w2", "b"}
    assert ex.controls["w1"].value == 1.0  # the figure function's default
    ex.controls["w1"].value = -2.0
    ex.controls["b"].value = 1.5
    assert f"{n_wrong((-2.0, 1.0), 1.5)} of 40" in ex.figure.layout.title.text
    shown = ex.output.plot  # the figure on screen, updated in place
    assert ex.output.children == (shown,)
    assert shown.layout.title.text == ex.figure.layout.title.text


def test_explorer_dropdown_and_bad_input_message():
    ex = Explorer(
        figs.neuron, X=X, t=t, activation=["sigmoid", "tanh", "nope"]
    )
    assert ex.figure.layout.title.text.startswith("y = sigmoid")
    ex.controls["activation"].value = "tanh"
    assert ex.figure.layout.title.text.startswith("y = tanh")
    ex.controls["activation"].value = "nope"
    assert ex.figure is None and "activation must be one of" in ex.error
    assert "Cannot draw this" in ex.output.message.value
    assert ex.output.children == (ex.output.message,)


def test_widget_shows_a_live_note_on_the_static_page():
    ex = Explorer(figs.softmax_bars, z1=(-5.0, 5.0, 0.1))
    bundle = ex._repr_mimebundle_()
    data_ = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data_
    assert "live-only" in data_["text/html"] and "z₁" in data_["text/html"]
    assert data_["text/plain"] == "Explorer(softmax_bars, controls=['z1'])"


def test_perceptron_stepper_buttons_follow_the_rule():
    st = PerceptronStepper(
        {"separable": (X, t), "overlapping": (Xo, to)}, figs.boundary
    )
    w, b = st.w.copy(), st.b
    st.step_button.click()
    expected_w, expected_b = neuron.perceptron_step(
        w, b, X[:, 0], t[0], st.lr.value
    )
    assert (
        np.allclose(st.w, expected_w)
        and st.b == pytest.approx(expected_b)
        and st.k == 1
    )

    st.epoch_button.click()
    assert st.k == 0 and st.epoch_count == 2 and len(st.history) == 1
    assert "Epoch 2" in st.figure.layout.title.text

    st.lr.value = 1.0
    for _ in range(20):
        st.epoch()
    assert st.history[-1] == 0  # separable: converged

    st.data.value = "overlapping"  # switching data starts over
    assert st.k == 0 and st.history == [] and np.allclose(st.w, st.w_start)
    for _ in range(10):
        st.epoch()
    assert min(st.history) > 0

    st.reset_button.click()
    assert st.epoch_count == 1 and np.allclose(st.w, st.w_start)


# -- exercise checkers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "check, right, wrong",
    [
        (exercises.signed_distance, (6 / np.sqrt(5),), (6.0,)),
        (exercises.perceptron_update, ([0.5, -1.0], 0.0), ([1.5, -0.5], 0.5)),
        (exercises.learning_rate_ratio, (100.0,), (1.0,)),
        (exercises.softmax_half, (np.log(2),), (0.5,)),
    ],
)
def test_exercise_checkers(check, right, wrong):
    assert not check(*[None] * len(right))
    assert "Not answered yet" in repr(check(*[None] * len(right)))
    assert check(*right) and repr(check(*right)).startswith("✓")
    assert not check(*wrong) and repr(check(*wrong)).startswith("✗")
