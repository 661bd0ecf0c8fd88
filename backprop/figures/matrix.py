"""Figures of the appendix, the matrix form."""

from __future__ import annotations

import plotly.graph_objects as go

from backprop.figures._controls import slider
from backprop.figures.style import (
    ACCENT,
    CLASS_COLORS,
    GREEN,
    MATRIX_COLORS,
    ORANGE,
    PAPER,
    VIOLET,
)
from backprop.plotting import describe

__all__ = ["PRODUCTS", "matrix_products", "matrix_products_slider", "timings"]

# The four products of one layer: (result, left factor, right factor) with their shapes as
# functions of (n_x, n_y, n_data).
PRODUCTS = [
    ("z = W x", ("z", "y n"), ("W", "y x"), ("x", "x n")),
    ("dJ/dx = Wᵀ dJ/dz", ("dJ/dx", "x n"), ("Wᵀ", "x y"), ("dJ/dz", "y n")),
    (
        "dJ/dW = dJ/dz xᵀ / n",
        ("dJ/dW", "y x"),
        ("dJ/dz", "y n"),
        ("xᵀ", "n x"),
    ),
    ("dJ/db = dJ/dz 1 / n", ("dJ/db", "y 1"), ("dJ/dz", "y n"), ("1", "n 1")),
]
_UNIT = 0.16  # drawing units per matrix row or column


def _dims(code, n_x, n_y, n_data):
    sizes = {"x": n_x, "y": n_y, "n": n_data, "1": 1}
    return [sizes[c] for c in code.split()]


def _layout(n_x, n_y, n_data):
    """Rectangles and labels of the four products, stacked in rows."""
    shapes, labels = [], []
    y_top = 0.0
    for title, *mats in PRODUCTS:
        dims = [_dims(code, n_x, n_y, n_data) for _, code in mats]
        height = max(r for r, _ in dims) * _UNIT
        # the product's name above its row, so that it fits a phone too
        labels.append(
            _text(
                0.0,
                y_top + 0.1,
                13,
                text=f"<b>{title}</b>",
                xanchor="left",
                yanchor="bottom",
            )
        )
        row_shapes, row_labels = _product_row(mats, dims, y_top, height)
        shapes += row_shapes
        labels += row_labels
        y_top -= height + 1.4
    return shapes, labels, y_top + 0.5


def _product_row(mats, dims, y_top, height):
    """result = left · right: each array a rectangle centred on the row, its shape below."""
    shapes, labels = [], []
    x = 0.0
    for k, ((name, _), (rows, cols)) in enumerate(
        zip(mats, dims, strict=True)
    ):
        w, h = cols * _UNIT, rows * _UNIT
        top = y_top - (height - h) / 2
        shapes.append(_rectangle(name, x, top, w, h))
        labels.append(
            _text(
                x + w / 2,
                top - h - 0.12,
                11,
                yanchor="top",
                text=f"{name}<br>({rows}, {cols})",
            )
        )
        x += w + 0.5
        if k < 2:  # = after the result, · between the two factors
            labels.append(
                _text(
                    x - 0.25,
                    y_top - height / 2,
                    18,
                    text="=" if k == 0 else "·",
                )
            )
    return shapes, labels


def _rectangle(name, x, top, w, h):
    """The array ``name`` as a w by h rectangle, its top left corner at (x, top)."""
    return {
        "type": "rect",
        "x0": x,
        "x1": x + w,
        "y0": top - h,
        "y1": top,
        "fillcolor": MATRIX_COLORS[name],
        "opacity": 0.35,
        "line": {"color": MATRIX_COLORS[name], "width": 1.5},
    }


def _text(x, y, size, **fields):
    """A label at (x, y) without an arrow; ``fields`` are its text and anchors."""
    return {
        "x": x,
        "y": y,
        **fields,
        "showarrow": False,
        "font": {"size": size},
    }


def matrix_products(n_x=8, n_y=5, n_data=12):
    """The four matrix products of a layer as rectangles with the arrays' proportions."""
    shapes, labels, bottom = _layout(n_x, n_y, n_data)
    fig = go.Figure()
    fig.update_layout(shapes=shapes, annotations=labels)
    _frame(fig, n_x, n_y, n_data, bottom)
    return describe(
        fig,
        "The four matrix products of one layer, each array a rectangle drawn to scale: z = W x, dJ/dx = Wᵀ dJ/dz, dJ/dW = dJ/dz xᵀ / n and dJ/db = dJ/dz 1 / n; in each product the inner sizes meet, as the rectangles' sides do.",
    )


def _frame(fig, n_x, n_y, n_data, bottom):
    fig.update_xaxes(visible=False, range=[-0.2, 7.4])
    fig.update_yaxes(
        visible=False, range=[bottom, 0.5], scaleanchor="x", scaleratio=1
    )
    fig.update_layout(
        title=f"A layer with n_x = {n_x}, n_y = {n_y}, on a batch of "
        f"n_data = {n_data} samples",
        height=620,
        plot_bgcolor=PAPER,
        margin={"l": 10, "r": 10},
    )


def matrix_products_slider(n_x=6, n_y=4, batches=(1, 2, 4, 8, 12, 16)):
    """:func:`matrix_products` with a slider over the batch size, in the browser.

    The drawing keeps the same scale for every batch, so the arrays that carry a batch
    dimension grow and the others (W, dJ/dW, dJ/db) do not.
    """
    active = len(batches) // 2
    fig = matrix_products(n_x, n_y, batches[active])
    lowest = min(_layout(n_x, n_y, n)[2] for n in batches)
    steps = []
    for n in batches:
        shapes, labels, _ = _layout(n_x, n_y, n)
        steps.append(
            {
                "label": str(n),
                "method": "relayout",
                "args": [
                    {
                        "shapes": shapes,
                        "annotations": labels,
                        "title.text": f"A layer with n_x = {n_x}, n_y = {n_y}, on a "
                        f"batch of n_data = {n} samples",
                    }
                ],
            }
        )
    fig.update_yaxes(range=[lowest, 0.4])
    fig.update_layout(
        height=680,
        sliders=[slider(steps, active, "batch size n_data = ", pad=10)],
    )
    return describe(
        fig,
        "Growing the batch widens every array that holds one column per sample (x, z, dJ/dz, dJ/dx), while W, dJ/dW and dJ/db keep their size: a whole batch costs the same few matrix products.",
    )


def timings(rows):
    """Log-log plot of measured times: ``rows`` of (method, width, batch, seconds)."""
    fig = go.Figure()
    widths = sorted({r[1] for r in rows})
    dashes = {"per-unit loops": "dot", "matrix form": "solid"}
    palette = [ACCENT, ORANGE, GREEN, VIOLET, CLASS_COLORS[0]]
    for method in ("per-unit loops", "matrix form"):
        for width, color in zip(widths, palette, strict=False):
            pts = sorted(
                (b, s) for m, w, b, s in rows if m == method and w == width
            )
            fig.add_trace(
                go.Scatter(
                    x=[p[0] for p in pts],
                    y=[p[1] for p in pts],
                    mode="lines+markers",
                    name=f"{method}, width {width}",
                    line={"color": color, "dash": dashes[method]},
                    hovertemplate="batch %{x}: %{y:.2e} s<extra></extra>",
                )
            )
    fig.update_xaxes(type="log", dtick=1, title_text="batch size n_data")
    fig.update_yaxes(
        type="log",
        dtick=1,
        exponentformat="power",
        title_text="seconds for one forward and backward pass",
    )
    fig.update_layout(
        title="Loops over units against matrix products (measured here)",
        height=460,
    )
    return describe(
        fig,
        "Measured time of one forward and backward pass against the batch size, log-log, for loops over units and for matrix products, as timed when the page was built: the gap between the lines is what writing the layer as matrix products buys.",
    )
