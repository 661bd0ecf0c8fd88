"""The digits chapter: training on real data, its figures, the progress line, the checkers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from backprop import exercises
from backprop.figures import digits as figs
from backprop.figures import style
from backprop.nn import MLP, fit, one_hot
from backprop.widgets import Progress


@pytest.fixture(scope="module")
def split():
    d = load_digits()
    rows_train, rows_test, y_train, y_test, im_train, im_test = (
        train_test_split(
            d.data,
            d.target,
            d.images,
            test_size=0.25,
            stratify=d.target,
            random_state=0,
        )
    )
    scaler = StandardScaler().fit(rows_train)
    return (
        scaler.transform(rows_train).T,
        scaler.transform(rows_test).T,
        y_train,
        y_test,
        im_test,
    )


def test_a_short_training_run_reduces_the_cost_on_the_digits(split):
    X_train, X_test, y_train, y_test, _ = split
    net = MLP([64, 32, 10], activation="relu", output="softmax", seed=0)
    history = fit(
        net, X_train, one_hot(y_train, 10), lr=0.1, epochs=3, batch_size=32
    )
    assert not history.diverged
    assert history.costs[-1] < 0.5 * history.costs[0]
    assert np.mean(net.predict(X_test) == y_test) > 0.85


def test_mosaic_tiles_images_with_gaps():
    images = np.arange(3 * 64).reshape(3, 8, 8)
    tiles = figs.mosaic(images, columns=2)
    assert tiles.shape == (17, 17)
    assert np.array_equal(tiles[:8, 9:], images[1])
    assert np.isnan(tiles[8]).all() and np.isnan(tiles[9:, 9:]).all()


def test_mosaic_rows_can_leave_room_for_labels():
    images = np.arange(3 * 64).reshape(3, 8, 8)
    tiles = figs.mosaic(images, columns=2, row_gap=4)
    assert tiles.shape == (20, 17)
    assert np.array_equal(tiles[12:, :8], images[2])
    assert np.isnan(tiles[8:12]).all()


@pytest.mark.parametrize("kind", ["gallery", "misclassified"])
def test_tile_labels_are_written_in_the_gaps_not_over_the_images(kind):
    rng = np.random.default_rng(0)
    images, labels = rng.integers(0, 17, size=(30, 8, 8)), np.arange(30) % 10
    if kind == "gallery":
        fig = figs.gallery(images, labels, n=30)
    else:
        fig = figs.misclassified(images, labels, (labels + 1) % 10)
    z = np.asarray(fig.data[0].z, dtype=float)
    drawn = ~np.isnan(z).all(axis=1)  # the pixel rows of the images
    for note in fig.layout.annotations:
        # a label's text is about 1.7 pixel rows of a tile high: none of them is an image's
        near = np.arange(np.floor(note.y - 1), np.ceil(note.y + 1) + 1).astype(
            int
        )
        near = near[(near >= 0) & (near < len(drawn))]
        assert not drawn[near].any(), (note.text, note.y)
        # in ink, which the site's dark mode turns into its text colour (theme.mjs)
        assert note.font.color == style.INK


def test_confusion_counts_and_slider(split):
    _, _, _, y_test, _ = split
    predicted = y_test.copy()
    predicted[:5] = (predicted[:5] + 1) % 10
    fig = figs.confusion(y_test, predicted)
    assert "5 mistakes" in fig.layout.title.text
    counts = np.array(fig.data[0].customdata)
    assert counts.sum() == len(y_test) and np.trace(counts) == len(y_test) - 5
    slider = figs.confusion_slider(
        {0: np.zeros_like(y_test), 3: predicted}, y_test
    )
    steps = slider.layout.sliders[0].steps
    assert [s.label for s in steps] == ["0", "3"]
    assert "after epoch 3" in steps[1].args[1]["title.text"]


def test_misclassified_shows_only_the_mistakes(split):
    _, _, _, y_test, images = split
    predicted = y_test.copy()
    predicted[[3, 7]] = (predicted[[3, 7]] + 2) % 10
    fig = figs.misclassified(images, y_test, predicted)
    assert "The 2 test digits" in fig.layout.title.text
    assert [a.text for a in fig.layout.annotations] == [
        f"{y_test[k]}→{predicted[k]}" for k in (3, 7)
    ]
    perfect = figs.misclassified(images, y_test, y_test)
    assert perfect.layout.annotations[0].text == "no mistakes"


def test_hidden_units_images_and_slider():
    rng = np.random.default_rng(0)
    weights = {0: rng.normal(size=(100, 64)), 5: rng.normal(size=(100, 64))}
    fig = figs.hidden_units_slider(weights, units=16, columns=4)
    z = np.asarray(fig.data[0].z, float)
    assert z.shape == (4 * 9 - 1, 4 * 9 - 1)
    assert np.nanmax(np.abs(z)) == pytest.approx(1.0)
    assert len(fig.layout.sliders[0].steps) == 2


def test_training_run_reports_divergence_in_words(split):
    X_train, X_test, y_train, y_test, _ = split
    bad = figs.training_run(X_train, y_train, X_test, y_test, lr=50, epochs=3)
    assert (
        "diverged" in bad.layout.title.text
        and "nan" not in bad.layout.title.text.lower()
    )
    good = figs.training_run(
        X_train, y_train, X_test, y_test, lr=0.1, hidden=16, epochs=2
    )
    assert "of the test digits right" in good.layout.title.text


def test_training_run_draws_the_costs_and_accuracies_of_its_training(split):
    X_train, X_test, y_train, y_test, _ = split
    fig = figs.training_run(
        X_train,
        y_train,
        X_test,
        y_test,
        lr=0.2,
        hidden=16,
        batch_size=64,
        epochs=3,
    )
    # the same run, each number computed on its own after each epoch
    net = MLP([64, 16, 10], activation="relu", output="softmax", seed=0)
    T_train, T_test = one_hot(y_train, 10), one_hot(y_test, 10)
    expected = {"cost": [], "test_cost": [], "train": [], "test": []}

    def measure(epoch, history):
        expected["cost"].append(net.cost(X_train, T_train))
        expected["test_cost"].append(net.cost(X_test, T_test))
        expected["train"].append(np.mean(net.predict(X_train) == y_train))
        expected["test"].append(np.mean(net.predict(X_test) == y_test))

    measure(0, None)
    fit(
        net,
        X_train,
        T_train,
        lr=0.2,
        epochs=3,
        batch_size=64,
        callback=measure,
    )
    names = ("training", "test", "training", "test")
    for trace, key, name in zip(fig.data, expected, names, strict=True):
        assert trace.name == name and list(trace.x) == [0, 1, 2, 3]
        assert list(trace.y) == expected[key], key  # to the last bit
    assert (
        len(set(expected["train"])) > 1
    )  # the accuracy changes: it is read anew


def test_learning_curves_figure_is_one_plotly_accepts():
    import plotly.graph_objects as go

    rows = [
        {
            "epoch": e,
            "cost": 1 / (e + 1),
            "test_cost": 1.1 / (e + 1),
            "train": 0.5 + e / 10,
            "test": 0.4 + e / 10,
        }
        for e in range(4)
    ]
    fig = figs.learning_curves(rows, title="four epochs")
    go.Figure(fig.to_dict())  # raises on any property plotly does not know
    assert fig.layout.title.text == "four epochs"
    assert [list(t.y) for t in fig.data] == [
        [r[k] for r in rows] for k in ("cost", "test_cost", "train", "test")
    ]
    assert (
        figs._learning_curves_base()["data"][0]["x"] == []
    )  # a copy was filled


def test_progress_prints_without_a_kernel(capsys):
    progress = Progress(3)
    progress.update(1, "J = 0.5")
    progress.update(3, "J = 0.1")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("epoch 1/3  J = 0.5") and out[1].startswith(
        "epoch 3/3"
    )


@pytest.mark.parametrize(
    "check, right, wrong",
    [
        (exercises.digits_input_shape, ((64, 1347),), ((1347, 64),)),
        (exercises.digits_parameters, (7510,), (7400,)),
    ],
)
def test_digits_exercise_checkers(check, right, wrong):
    assert "Not answered yet" in repr(check(None))
    assert check(*right)
    assert not check(*wrong)


def test_most_confused_reads_rows_as_true_digits():
    counts = np.diag([5] * 10)
    counts[8, 1] = 3
    counts[2, 3] = 1
    assert exercises.most_confused((8, 1), counts)
    assert "other way round" in repr(exercises.most_confused((1, 8), counts))
    assert not exercises.most_confused((2, 3), counts)
