"""Time per epoch of the book's network against scikit-learn's MLPClassifier, on the digits.

Both follow the recipe of the digits chapter: 64 -> 100 ReLU -> 10 softmax, cross-entropy,
plain SGD with a constant learning rate of 0.1, no momentum, no L2 penalty, batches of 32,
30 epochs. The runs are interleaved (ours, theirs, theirs, ours, ...) so that a slow moment of
the machine hits both, and the median of the per-run ratios is reported, with both test
accuracies. Target: a ratio of at most 1.0.
"""

from __future__ import annotations

import statistics
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from backprop.nn import MLP, fit, one_hot

EPOCHS, RUNS = 30, 11


def data():
    digits = load_digits()
    rows_train, rows_test, y_train, y_test = train_test_split(
        digits.data,
        digits.target,
        test_size=0.25,
        stratify=digits.target,
        random_state=0,
    )
    scaler = StandardScaler().fit(rows_train)
    return (
        scaler.transform(rows_train),
        scaler.transform(rows_test),
        y_train,
        y_test,
    )


def ours(rows_train, rows_test, y_train, y_test, seed):
    X_train, X_test = rows_train.T, rows_test.T  # the book: samples as columns
    net = MLP([64, 100, 10], activation="relu", output="softmax", seed=seed)
    start = time.perf_counter()
    fit(
        net,
        X_train,
        one_hot(y_train, 10),
        lr=0.1,
        epochs=EPOCHS,
        batch_size=32,
        seed=seed,
    )
    seconds = (time.perf_counter() - start) / EPOCHS
    return seconds, float(np.mean(net.predict(X_test) == y_test))


def theirs(rows_train, rows_test, y_train, y_test, seed):
    clf = MLPClassifier(
        hidden_layer_sizes=(100,),
        activation="relu",
        solver="sgd",
        learning_rate="constant",
        learning_rate_init=0.1,
        momentum=0.0,
        nesterovs_momentum=False,
        alpha=0.0,
        batch_size=32,
        max_iter=EPOCHS,
        shuffle=True,
        random_state=seed,
        tol=0.0,
        n_iter_no_change=EPOCHS + 1,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        clf.fit(rows_train, y_train)
        seconds = (time.perf_counter() - start) / EPOCHS
    return seconds, clf.score(rows_test, y_test)


def main():
    split = data()
    ratios, ours_runs, theirs_runs = [], [], []
    for run in range(RUNS):
        pair = [ours, theirs] if run % 2 == 0 else [theirs, ours]
        results = {fn.__name__: fn(*split, seed=run) for fn in pair}
        ours_runs.append(results["ours"])
        theirs_runs.append(results["theirs"])
        ratios.append(results["ours"][0] / results["theirs"][0])
    print(
        f"Digits, {EPOCHS} epochs, {RUNS} interleaved runs of each (seeds 0..{RUNS - 1})"
    )
    for name, runs in (
        ("backprop.nn", ours_runs),
        ("MLPClassifier", theirs_runs),
    ):
        ms = statistics.median(s for s, _ in runs) * 1e3
        accs = [a for _, a in runs]
        print(
            f"  {name:14s} median {ms:6.2f} ms per epoch; test accuracy "
            f"median {statistics.median(accs):.2%} (min {min(accs):.2%}, max {max(accs):.2%})"
        )
    print(
        f"  median ratio of time per epoch, ours / scikit-learn's: "
        f"{statistics.median(ratios):.2f} (runs: {min(ratios):.2f} to {max(ratios):.2f})"
    )


if __name__ == "__main__":
    main()
