"""Figures of the last chapter, handwritten digits."""

from __future__ import annotations

import copy
import functools

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from backprop.figures._controls import slider
from backprop.figures.style import (
    COUNT_SCALE,
    INK,
    PAPER,
    PIXEL_SCALE,
    SIGN_SCALE,
    TEST_COLOR,
    TRAINING_COLOR,
)
from backprop.nn import MLP, cost_and_gradient, fit, one_hot
from backprop.plotting import checked_figure, describe

__all__ = [
    "mosaic",
    "gallery",
    "class_balance",
    "learning_curves",
    "confusion",
    "confusion_slider",
    "misclassified",
    "hidden_units",
    "hidden_units_slider",
    "training_run",
]


def mosaic(images, columns, gap=1, row_gap=None):
    """Tile 8x8 images (an array (n, 8, 8)) into one array, NaN between tiles:
    gap pixels between columns, row_gap (default: gap) between rows."""
    images = np.asarray(images, dtype=float)
    row_gap = gap if row_gap is None else row_gap
    n, h, w = images.shape
    rows = int(np.ceil(n / columns))
    out = np.full(
        (rows * (h + row_gap) - row_gap, columns * (w + gap) - gap), np.nan
    )
    for k in range(n):
        r, c = divmod(k, columns)
        top, left = r * (h + row_gap), c * (w + gap)
        out[top : top + h, left : left + w] = images[k]
    return out


# a label above each tile needs room of its own between the rows, or it is written over
# the images of the row above: LABEL_GAP pixels of a tile, about 2.5 times its text height
LABEL_GAP = 4
ROW_HEIGHT = 68  # px per row of labelled tiles in the figure


def _tile_labels(texts, columns, size=8, gap=1):
    """A label centred in the gap above each tile (see mosaic's row_gap), in ink: black on
    the light page, the theme's text colour on the dark one (blue or pink text stayed
    under 4.5:1 on one page or the other)."""
    notes = []
    for k, text in enumerate(texts):
        r, c = divmod(k, columns)
        notes.append(
            {
                "x": c * (size + gap) + size / 2 - 0.5,
                "y": r * (size + LABEL_GAP) - 0.5 - LABEL_GAP / 2,
                "text": text,
                "showarrow": False,
                "font": {"size": 11, "color": INK},
            }
        )
    return notes


def _image_axes(fig, height):
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_yaxes(
        visible=False,
        autorange="reversed",
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
    )
    fig.update_layout(
        height=height, plot_bgcolor=PAPER, margin={"l": 10, "r": 10}
    )


def gallery(images, labels, n=40, columns=10):
    """The first n digit images (8x8 pixels, 16 grey levels) with their labels."""
    fig = go.Figure(
        go.Heatmap(
            z=mosaic(images[:n], columns, row_gap=LABEL_GAP),
            colorscale=PIXEL_SCALE,
            showscale=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        annotations=_tile_labels([str(v) for v in labels[:n]], columns),
        title=f"The first {n} of {len(labels)} digits, with their labels",
    )
    _image_axes(fig, 110 + ROW_HEIGHT * int(np.ceil(n / columns)))
    return describe(
        fig,
        "Handwritten digits from the data set, 8 by 8 pixels with 16 grey levels each, with their labels.",
    )


def class_balance(y_train, y_test):
    """How many samples of each digit in the training and the test set."""
    fig = go.Figure()
    for name, y, color in (
        ("training", y_train, TRAINING_COLOR),
        ("test", y_test, TEST_COLOR),
    ):
        counts = np.bincount(y, minlength=10)
        fig.add_trace(
            go.Bar(
                x=list(range(10)),
                y=counts,
                name=f"{name} ({len(y)})",
                marker_color=color,
            )
        )
    fig.update_layout(
        barmode="group",
        height=340,
        xaxis={"dtick": 1, "title": "digit"},
        yaxis_title="samples",
        title="Ten classes, about equally frequent",
    )
    return describe(
        fig,
        "The ten digits are about equally frequent in the training set and in the test set, so accuracy is a fair measure and guessing gets about one in ten.",
    )


@functools.cache
def _learning_curves_base():
    """The figure of :func:`learning_curves` without its numbers, made (and checked) once.

    Each call fills in a copy of this JSON (see :func:`backprop.plotting.checked_figure`).
    Its traces: training and test cost, then training and test accuracy.
    """
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=("cost J (mean cross-entropy)", "accuracy"),
    )
    hover = {1: "epoch %{x}: J = %{y:.4f}", 2: "epoch %{x}: %{y:.2%}"}
    for col in (1, 2):
        for name, color in zip(
            ("training", "test"), (TRAINING_COLOR, TEST_COLOR), strict=True
        ):
            fig.add_trace(
                go.Scatter(
                    x=[],
                    y=[],
                    name=name,
                    mode="lines+markers",
                    line={"color": color},
                    legendgroup=name,
                    showlegend=col == 1,
                    hovertemplate=hover[col] + "<extra></extra>",
                ),
                1,
                col,
            )
    fig.update_xaxes(title_text="epoch")
    fig.update_yaxes(type="log", row=1, col=1)
    fig.update_yaxes(tickformat=".0%", row=1, col=2)
    fig.update_layout(height=400, title={"text": ""}, margin={"t": 90})
    return fig.to_plotly_json()


def learning_curves(rows, title="Learning curves"):
    """Cost and accuracy per epoch, on the training and the test set.

    ``rows``: one dict per epoch with keys epoch, cost, test_cost, train, test.
    """
    spec = copy.deepcopy(_learning_curves_base())
    epochs = [r["epoch"] for r in rows]
    keys = ("cost", "test_cost", "train", "test")
    for trace, key in zip(spec["data"], keys, strict=True):
        trace["x"], trace["y"] = epochs, [r[key] for r in rows]
    spec["layout"]["title"]["text"] = str(title)
    return describe(
        checked_figure(spec),
        "The cost falls and the accuracy rises epoch by epoch, on the training set and on the test set; the gap between the two curves shows how much the network fits the training set more closely than new digits.",
    )


def _confusion_counts(y_true, y_pred):
    counts = np.zeros((10, 10), dtype=int)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts


def _confusion_text(counts):
    return [[str(v) if v else "" for v in row] for row in counts]


def confusion(y_true, y_pred, title=None):
    """The confusion matrix: row = true digit, column = predicted digit."""
    counts = _confusion_counts(y_true, y_pred)
    off = counts - np.diag(np.diag(counts))
    fig = go.Figure(
        go.Heatmap(
            z=np.log1p(counts),
            text=_confusion_text(counts),
            texttemplate="%{text}",
            colorscale=COUNT_SCALE,
            showscale=False,
            customdata=counts,
            hovertemplate="true %{y}, predicted %{x}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text="predicted digit",
        dtick=1,
        side="top",
        range=[-0.5, 9.5],
        constrain="domain",
    )
    fig.update_yaxes(
        title_text="true digit",
        dtick=1,
        range=[9.5, -0.5],  # digit 0 on top
        scaleanchor="x",
        constrain="domain",
    )
    accuracy = np.trace(counts) / counts.sum()
    fig.update_layout(
        height=470,
        margin={"t": 110},
        title=title
        or f"{accuracy:.1%} right; {off.sum()} mistakes off the diagonal",
    )
    return describe(
        fig,
        "The confusion matrix: each row is a true digit, each column the digit predicted; the diagonal counts the digits recognised, and the darker cells off it are the most common confusions.",
    )


def confusion_slider(snapshots, y_true):
    """:func:`confusion` over training: ``snapshots`` maps an epoch to the predictions."""
    epochs = list(snapshots)
    fig = confusion(y_true, snapshots[epochs[-1]])
    steps = []
    for e in epochs:
        counts = _confusion_counts(y_true, snapshots[e])
        accuracy = np.trace(counts) / counts.sum()
        steps.append(
            {
                "label": str(e),
                "method": "update",
                "args": [
                    {
                        "z": [np.log1p(counts).round(3).tolist()],
                        "text": [_confusion_text(counts)],
                        "customdata": [counts.tolist()],
                    },
                    {
                        "title.text": f"after epoch {e}: {accuracy:.1%} of the test digits right"
                    },
                ],
            }
        )
    fig.update_layout(
        title_text=steps[-1]["args"][1]["title.text"],
        height=540,
        sliders=[slider(steps, len(epochs) - 1, "epoch ", pad=20)],
    )
    return describe(
        fig,
        "The confusion matrix after each epoch of training: as training goes on, the counts gather on the diagonal and the accuracy in the title rises.",
    )


def misclassified(images, y_true, y_pred, columns=10, limit=30):
    """The test digits the network gets wrong, labelled true → predicted."""
    wrong = np.flatnonzero(y_true != y_pred)[:limit]
    if len(wrong) == 0:
        fig = go.Figure()
        fig.add_annotation(text="no mistakes", showarrow=False, x=0, y=0)
        _image_axes(fig, 200)
        return fig
    fig = go.Figure(
        go.Heatmap(
            z=mosaic(images[wrong], columns, row_gap=LABEL_GAP),
            colorscale=PIXEL_SCALE,
            showscale=False,
            hoverinfo="skip",
        )
    )
    labels = [f"{y_true[k]}→{y_pred[k]}" for k in wrong]
    fig.update_layout(
        annotations=_tile_labels(labels, columns),
        title=f"The {len(wrong)} test digits it gets wrong (true → predicted)",
    )
    _image_axes(fig, 130 + ROW_HEIGHT * int(np.ceil(len(wrong) / columns)))
    return describe(
        fig,
        "The test digits the network gets wrong, each labelled true → predicted, to judge which mistakes a person might make too.",
    )


def _unit_images(W, units):
    w = W[:units]
    scale = np.max(
        np.abs(w), axis=1, keepdims=True
    )  # each unit on its own scale
    return (w / np.where(scale == 0, 1, scale)).reshape(-1, 8, 8)


def hidden_units(W, units=32, columns=8, title=None):
    """What the first hidden units look for: each unit's 64 weights as an 8x8 image.

    Blue pixels raise the unit's z when ink is there, pink ones lower it.
    """
    fig = go.Figure(
        go.Heatmap(
            z=mosaic(_unit_images(W, units), columns),
            zmin=-1,
            zmax=1,
            colorscale=SIGN_SCALE,
            showscale=False,
            hoverinfo="skip",
        )
    )
    fig.update_layout(
        title=title or f"Incoming weights of the first {units} hidden units"
    )
    _image_axes(fig, 120 + 62 * int(np.ceil(units / columns)))
    return describe(
        fig,
        "The incoming weights of hidden units drawn as 8 by 8 images: blue pixels raise the unit's z where there is ink, pink ones lower it, so each unit responds to strokes in particular places.",
    )


def hidden_units_slider(snapshots, units=32, columns=8):
    """What training added to the first layer's weights, epoch by epoch, in the browser.

    ``snapshots`` maps an epoch to the first layer's W; each step shows W(epoch) minus W at
    the first epoch given, one image per hidden unit, each on its own colour scale.
    """
    epochs = list(snapshots)
    start = snapshots[epochs[0]]

    def title(e):
        return f"What {e} epoch{'s' * (e != 1)} added to the weights of {units} hidden units"

    fig = hidden_units(
        snapshots[epochs[-1]] - start, units, columns, title(epochs[-1])
    )
    steps = []
    for e in epochs:
        tiles = mosaic(_unit_images(snapshots[e] - start, units), columns)
        steps.append(
            {
                "label": str(e),
                "method": "update",
                "args": [
                    {"z": [np.round(tiles, 2).tolist()]},
                    {"title.text": title(e)},
                ],
            }
        )
    fig.update_layout(
        height=fig.layout.height + 90,
        sliders=[slider(steps, len(epochs) - 1, "epoch ", pad=10)],
    )
    return describe(
        fig,
        "What training changed in the first layer's weights, epoch by epoch: one image per hidden unit, each on its own colour scale, so that the pattern each unit learns shows from the first epochs on.",
    )


def _epoch_row(net, epoch, cost, y_train, X_test, y_test, T_test):
    """One row of :func:`learning_curves` for ``net`` after ``epoch``, whose training cost
    ``cost`` was computed just now by a forward pass over the training set."""
    # That pass (fit's, after each epoch) left its outputs in the last layer: they give the
    # training accuracy. One more forward pass gives the test cost and accuracy.
    train = np.argmax(net.layers[-1].y, axis=0) == y_train
    y = net.forward(X_test)
    top = net.layers[-1]
    J = cost_and_gradient("cross_entropy", "softmax", top.z, y, T_test)[0]
    return {
        "epoch": epoch,
        "cost": cost,
        "test_cost": float(np.mean(J)),
        "train": float(np.mean(train)),
        "test": float(np.mean(np.argmax(y, axis=0) == y_test)),
    }


def training_run(
    X_train,
    y_train,
    X_test,
    y_test,
    lr=0.1,
    hidden=64,
    batch_size=32,
    epochs=10,
    seed=0,
):
    """Train a fresh network and draw its learning curves; divergence is said in words."""
    net = MLP(
        [X_train.shape[0], int(hidden), 10],
        activation="relu",
        output="softmax",
        seed=int(seed),
    )
    T_train, T_test = one_hot(y_train, 10), one_hot(y_test, 10)
    rows = []

    def record(epoch, cost):
        rows.append(
            _epoch_row(net, epoch, cost, y_train, X_test, y_test, T_test)
        )

    record(0, net.cost(X_train, T_train))
    history = fit(
        net,
        X_train,
        T_train,
        lr=lr,
        epochs=int(epochs),
        batch_size=int(batch_size),
        seed=int(seed),
        callback=lambda epoch, h: record(epoch, h.costs[-1]),
    )
    setting = f"α = {lr:g}, {hidden} hidden units, batches of {batch_size}"
    if history.diverged:
        title = f"{setting}: {history.message}"
    else:
        title = f"{setting}: {rows[-1]['test']:.1%} of the test digits right"
    fig = learning_curves(rows, title=title)
    fig.update_layout(title_font_size=13)
    return describe(
        fig,
        "Cost and accuracy per epoch for one training run with the chosen learning rate, hidden units and batch size; the title gives the final test accuracy, or says that training diverged.",
    )
