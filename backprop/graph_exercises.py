"""Checkers for the exercises of the chapter Backpropagation on any graph.

Like :mod:`backprop.exercises` (whose helpers they reuse), each compares the reader's answer
with a value computed by the book's own code, here the engine :class:`backprop.graph.Value`
or centred finite differences, never a number typed in, and returns a
:class:`~backprop.exercises.Verdict`.
"""

from __future__ import annotations

import math

from backprop.exercises import (
    _NOT_YET,
    Verdict,
    _checker,
    _close,
    _numbers,
    _unanswered,
)
from backprop.graph import Value

__all__ = ["fan_out_gradient", "new_operation", "shared_weight", "path_count"]


def _slope(f, at, eps=1e-6):
    return (f(at + eps) - f(at - eps)) / (2 * eps)


@_checker
def fan_out_gradient(answer):
    """dJ/dx for q = x y, r = q + x, J = r y at x = 2, y = 3."""
    x, y = Value(2.0), Value(3.0)
    q = x * y
    r = q + x
    J = r * y
    J.backward()
    ref = x.grad
    via_q = y.data * y.data  # dJ/dr * dr/dq * dq/dx
    via_r = y.data  # dJ/dr * dr/dx
    if _close(answer, ref, 1e-9):
        return Verdict(
            True,
            f"Correct: {ref:g} = {via_r:g} (through r) + {via_q:g} "
            "(through q): x feeds two nodes, and their gradients add.",
        )
    if _close(answer, via_q, 1e-9) or _close(answer, via_r, 1e-9):
        return Verdict(
            False,
            "That is one of x's two paths. x feeds q and r: add both.",
        )
    return Verdict(
        False,
        "Not quite. Start from dJ/dJ = 1; dJ/dr = y; then r passes it to q "
        "and to x.",
    )


def new_operation(sin):
    """A reader's ``sin(a)`` Value operation, checked against finite differences."""
    points = (-2.0, -0.4, 0.3, 1.1, 2.5)
    outs = _sin_outputs(sin, points)
    if isinstance(outs, Verdict):
        return outs
    graphs = _graphs_through(sin)
    for text, (on_values, on_floats) in graphs.items():
        for p in points:
            a = Value(p)
            try:
                out = on_values(a)
                out.backward()
            except Exception as err:
                return Verdict(False, f"backward through {text} failed: {err}")
            ref = _slope(on_floats, p)
            if abs(a.grad - ref) > 1e-6:
                local = outs[points.index(p)].local[0]
                return _wrong_slope(text, p, local, a.grad, ref)
    return Verdict(
        True,
        "Correct: backward through sin matches finite differences in "
        f"{len(graphs)} graphs at {len(points)} points each.",
    )


def _sin_outputs(sin, points):
    """sin(Value(p)) for every point, or the verdict on why they are not sin's Values."""
    try:
        outs = [sin(Value(p)) for p in points]
    except TypeError as err:
        if "None" in str(err) or "NoneType" in str(err):
            return _NOT_YET
        return Verdict(False, f"sin(Value(0.3)) failed: {err}")
    except Exception as err:  # the reader's code: report, do not crash
        return Verdict(False, f"sin(Value(0.3)) failed: {err}")
    if not all(hasattr(o, "local") and hasattr(o, "data") for o in outs):
        return Verdict(False, "sin(a) must return a Value.")
    if any(o.local == (None,) for o in outs):
        return _NOT_YET
    for p, o in zip(points, outs, strict=True):
        if abs(o.data - math.sin(p)) > 1e-12:
            return Verdict(False, f"sin(Value({p})) gives {o.data}, not sin.")
    return outs


def _graphs_through(sin):
    """Three graphs through the reader's sin: {text: (on Values, on floats)}."""
    return {
        "sin(a)": (lambda a: sin(a), lambda v: math.sin(v)),
        "sin(a * a) + a": (
            lambda a: sin(a * a) + a,
            lambda v: math.sin(v * v) + v,
        ),
        "a * sin(3 a)": (
            lambda a: a * sin(3 * a),
            lambda v: v * math.sin(3 * v),
        ),
    }


def _wrong_slope(text, p, local, grad, ref):
    """What went wrong when backward through ``text`` at a = p gives grad, not ref."""
    if text != "sin(a)":
        return Verdict(
            False,
            f"Right for sin(a) alone, wrong in {text} at a = {p}: "
            "evaluate the derivative at the node's own input, a.data.",
        )
    if abs(local + math.cos(p)) < 1e-9:
        return Verdict(False, "Wrong sign: the slope of sin is +cos.")
    if abs(local - math.sin(p)) < 1e-9:
        return Verdict(
            False,
            "That is the value sin(a); the local derivative is its slope.",
        )
    return Verdict(
        False,
        f"At a = {p}, backward gives {grad:.4f} but the "
        f"slope is {ref:.4f}. What is d sin(a) / da?",
    )


def shared_weight(dJ_dw):
    """A reader's dJ/dw for J = (tanh(w tanh(w x)) - t)^2 / 2, w used twice."""

    def cost(w, x, t):
        return 0.5 * (math.tanh(w * math.tanh(w * x)) - t) ** 2

    cases = [(1.5, 0.8, 0.3), (-0.7, 1.2, -0.5), (0.4, -2.0, 0.9)]
    for w, x, t in cases:
        try:
            given = dJ_dw(w, x, t)
        except Exception as err:  # the reader's code: report, do not crash
            return Verdict(False, f"dJ_dw({w}, {x}, {t}) failed: {err}")
        if _unanswered(given):
            return _NOT_YET
        number = _numbers(given)
        if isinstance(number, Verdict):
            return Verdict(
                False,
                f"dJ_dw({w}, {x}, {t}) must return one finite number, not "
                f"{given!r}.",
            )
        given = float(number)
        ref = _slope(lambda v, x=x, t=t: cost(v, x, t), w)
        if _close(given, ref, 1e-6):
            continue
        # the two uses, each alone, by the engine with untied copies
        inner, outer = Value(w), Value(w)
        y = (outer * (inner * x).tanh()).tanh()
        (0.5 * (y - t) ** 2).backward()
        if _close(given, outer.grad, 1e-6):
            return Verdict(
                False,
                "That is the outer use of w only. w is also inside: add the "
                "gradient that reaches the inner w x.",
            )
        if _close(given, inner.grad, 1e-6):
            return Verdict(
                False,
                "That is the inner use of w only: add the outer use, whose "
                "input is tanh(w x).",
            )
        return Verdict(
            False,
            f"At w = {w}, x = {x}, t = {t} you give {float(given):.5f}; "
            f"finite differences give {ref:.5f}.",
        )
    return Verdict(
        True,
        "Correct: your gradient matches finite differences; the shared "
        "weight gets the sum of its two uses.",
    )


def _layered_counts(sizes):
    """(edges, input-to-output paths) of a graph of Values with these layer sizes."""
    from backprop.graph import topological_order

    h = [Value(0.0) for _ in range(sizes[0])]
    inputs = set(h)
    for n in sizes[1:]:
        h = [sum(h[1:], h[0]) if len(h) > 1 else h[0] + 0 for _ in range(n)]
    out = h[0]
    n_paths = {}
    for v in topological_order(out):
        if v in inputs:
            n_paths[v] = 1
        else:
            n_paths[v] = sum(n_paths.get(p, 0) for p in v.parents)
    return n_paths[out]


@_checker
def path_count(answer):
    """Input-to-output paths of a fully connected network of sizes 3, 5, 5, 5, 1."""
    sizes = [3, 5, 5, 5, 1]
    ref = _layered_counts(sizes)
    edges = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    if _close(answer, ref, 0):
        return Verdict(
            True,
            f"Correct: {ref} paths, over only {edges} edges, which is all "
            "that backpropagation visits.",
        )
    if _close(answer, edges, 0):
        return Verdict(
            False, "That is the number of edges (weights). Count paths."
        )
    if _close(answer, ref // sizes[0], 0):
        return Verdict(
            False, "That is from one input. There are 3 inputs to start from."
        )
    return Verdict(
        False,
        "Not quite. A path chooses one unit in every layer: multiply.",
    )
