"""What the checks of a public call cost: MLP.loss_and_gradients, checked against skipped.

A 64-64-10 network (ReLU, softmax, cross-entropy) and a batch of 32, the size of a training
step of the digits chapter. The two ways are timed in alternation, many short rounds each, and
the fastest round of each is kept (the least disturbed by the rest of the machine). Target:
the checks add at most 15 % to the call.
"""

from __future__ import annotations

import time

import numpy as np

from backprop import _checks as check
from backprop.nn import MLP, one_hot

ROUNDS, CALLS = 200, 100


def per_call(f):
    start = time.perf_counter()
    for _ in range(CALLS):
        f()
    return (time.perf_counter() - start) / CALLS


def main():
    net = MLP([64, 64, 10], activation="relu", output="softmax", seed=0)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 32))
    T = one_hot(rng.integers(0, 10, size=32), 10)

    def checked():
        net.loss_and_gradients(X, T)

    def skipped():
        with check.skipped():
            net.loss_and_gradients(X, T)

    times = {checked: [], skipped: []}
    for _ in range(ROUNDS):
        for f in times:
            times[f].append(per_call(f))
    fast, slow = min(times[skipped]), min(times[checked])
    print(
        f"validation: MLP([64, 64, 10]).loss_and_gradients on 32 samples: "
        f"{slow * 1e6:.0f} us checked, {fast * 1e6:.0f} us skipped: "
        f"the checks add {100 * (slow - fast) / fast:.0f} % (target: at most 15 %)"
    )


if __name__ == "__main__":
    main()
