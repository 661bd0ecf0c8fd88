"""The appendix: its figures and exercise checkers, and the package's show_source."""

from __future__ import annotations

import pytest

import backprop
from backprop import exercises, nn
from backprop.figures import matrix as figs


def test_rectangles_have_the_arrays_proportions():
    fig = figs.matrix_products(n_x=6, n_y=4, n_data=10)
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(rects) == 12  # four products, three arrays each
    z, W, x = rects[:3]
    height = lambda r: round((r.y1 - r.y0) / figs._UNIT)  # noqa: E731
    width = lambda r: round((r.x1 - r.x0) / figs._UNIT)  # noqa: E731
    assert (height(z), width(z)) == (4, 10)
    assert (height(W), width(W)) == (4, 6)
    assert (height(x), width(x)) == (6, 10)
    dW = rects[6]
    assert (height(dW), width(dW)) == (4, 6)  # like W, whatever the batch


def test_batch_slider_changes_only_the_batch_arrays():
    fig = figs.matrix_products_slider(n_x=6, n_y=4, batches=(2, 16))
    small, large = (s.args[0]["shapes"] for s in fig.layout.sliders[0].steps)
    w = lambda r: r["x1"] - r["x0"]  # noqa: E731
    assert w(large[2]) > w(small[2])  # x grows with the batch
    assert w(large[1]) == pytest.approx(w(small[1]))  # W does not


def test_timings_plot_has_one_line_per_method_and_width():
    rows = [
        (m, w, b, 1e-3 * b * (10 if m.startswith("per") else 1))
        for m in ("per-unit loops", "matrix form")
        for w in (4, 8)
        for b in (1, 8)
    ]
    fig = figs.timings(rows)
    assert len(fig.data) == 4 and fig.layout.xaxis.type == "log"


def test_show_source_is_the_package_code():
    shown = backprop.show_source(nn.backward)
    assert shown.data.startswith(
        "```python\ndef backward(layers, dJ_dz, input_gradient=True):"
    )
    assert "layer.W.T @ dJ_dz" in shown.data


@pytest.mark.parametrize(
    "check, right, wrong",
    [
        (exercises.input_gradient_shape, ((784, 64),), ((128, 64),)),
        (
            exercises.softmax_cross_entropy_gradient,
            ([-0.910, 0.245, 0.665],),
            ([0.090, 0.245, 0.665],),
        ),
        (exercises.backward_products, (6,), (3,)),
        (exercises.double_division_factor, (32,), (1,)),
    ],
)
def test_appendix_exercise_checkers(check, right, wrong):
    assert "Not answered yet" in repr(check(None))
    assert check(*right)
    assert not check(*wrong)
