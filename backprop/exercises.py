"""Checkers for the exercises at the end of each chapter.

Each checker compares the reader's answer with a value computed by the book's own code (never a
number typed in here) and returns a :class:`Verdict`: it prints as a sentence in a notebook and
is true or false, so a solution cell can ``assert`` it.
"""

from __future__ import annotations

import functools
import html
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from backprop import data, neuron

__all__ = [
    "Verdict",
    "Folded",
    "signed_distance",
    "perceptron_update",
    "learning_rate_ratio",
    "softmax_half",
    "parameter_count",
    "xor_output_unit",
    "separable_boolean_functions",
    "rnn_parameters",
    "bias_gradient",
    "diverging_learning_rate",
    "weight_gradient_shape",
    "sigmoid_gate",
    "input_gradient_shape",
    "softmax_cross_entropy_gradient",
    "backward_products",
    "double_division_factor",
    "digits_input_shape",
    "digits_parameters",
    "most_confused",
]


class Verdict:
    """The outcome of a check: truthy when the answer is right, with a message for the reader."""

    def __init__(self, ok, message):
        self.ok, self.message = bool(ok), message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("✓ " if self.ok else "✗ ") + self.message

    def folded(self, title, *lines):
        """This verdict folded away, for a cell that checks a solution: see :class:`Folded`.

        ``lines`` are more text the check shows (a count it printed, say), folded with it.
        """
        return Folded(self, title, lines)


class Folded:
    """A verdict shown folded: it gives nothing away until the reader opens it.

    A cell that checks a solution ends with ``verdict.folded("Solution 1")``. In JupyterLab,
    which unfolds the output of every cell it runs, and in any notebook that shows HTML, its
    output is a closed ``<details>`` with the summary "Check of Solution 1"; in a front end
    that shows only text it is a line that says whether the check passed, not what the answer
    is. ``str()`` is the verdict itself. It is true or false as the verdict is.
    """

    def __init__(self, verdict, title, lines=()):
        if not isinstance(verdict, Verdict):
            raise TypeError(
                f"verdict should be a Verdict, not {type(verdict).__name__}"
            )
        if not isinstance(title, str) or not title.strip():
            raise ValueError(
                f"title should name the solution, e.g. 'Solution 1'; got {title!r}"
            )
        lines = tuple(lines)
        if not all(isinstance(line, str) for line in lines):
            raise TypeError(f"lines should be strings, not {lines!r}")
        self.verdict, self.title, self.lines = verdict, title.strip(), lines

    def __bool__(self):
        return bool(self.verdict)

    def __str__(self):
        return "\n".join([*self.lines, repr(self.verdict)])

    def __repr__(self):
        outcome = "passed" if self.verdict else "failed"
        return (
            f"Check of {self.title}: {outcome}. "
            "To read its verdict: print(verdict)."
        )

    def _repr_html_(self):
        text = html.escape(str(self), quote=False)
        return (
            '<details class="backprop-check">'
            f"<summary>Check of {html.escape(self.title, quote=False)}</summary>"
            f"<pre>{text}</pre></details>{_CHECK_STYLE}"
        )


# jupyterlab-myst hides the disclosure triangle of every <summary> (it draws its own in its
# dropdowns): a folded check shows the browser's again, so that it reads as something to open.
_CHECK_STYLE = (
    "<style>details.backprop-check>summary{display:list-item;"
    "list-style:disclosure-closed inside;cursor:pointer}"
    "details.backprop-check[open]>summary{list-style-type:disclosure-open}"
    "</style>"
)


def _unanswered(answer):
    return answer is None or answer is Ellipsis


_NOT_YET = Verdict(
    False, "Not answered yet: replace None with your answer and run the cell."
)


def _checker(check):
    """``check``, but for an answer still None or ``...`` (an exercise cell not filled in
    yet), which gets the verdict "not answered yet"."""

    @functools.wraps(check)
    def checked(answer, *args, **kwargs):
        if _unanswered(answer):
            return _NOT_YET
        return check(answer, *args, **kwargs)

    return checked


def _decimals(n):
    """The tolerance of an answer given to n decimals: half a unit of the last one.

    The 1e-9 keeps an answer rounded exactly at the half (2.685 for 2.6833...
    is not one, but 0.25 for 0.245 would be) from failing on the last bit.
    """
    return 0.5 * 10.0**-n + 1e-9


_PLACES = {1: "one decimal", 2: "two decimals", 3: "three decimals"}


def _numbers(answer, size=None):
    """The answer as a float array, or a Verdict that says what to give instead.

    size=None asks for one number; an int, for that many (flattened).
    """
    what = "a number" if size is None else f"{size} numbers"
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Verdict(False, f"Give {what}, not {answer!r}.")
    if size is None and values.ndim != 0:
        return Verdict(False, f"Give a single number, not {values.size}.")
    if size is not None and values.size != size:
        return Verdict(False, f"Give {what}; you gave {values.size}.")
    if not np.all(np.isfinite(values)):
        return Verdict(False, f"Give finite numbers; you gave {answer!r}.")
    return values if size is None else values.ravel()


def _close(answer, reference, tol):
    """Whether every entry of the answer is within tol of the reference, absolutely.

    No relative tolerance is added (rtol=0): tol is the whole margin, and with tol=0 a
    count is right only if it is that whole number.
    """
    try:
        answer = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return answer.shape == np.shape(reference) and np.allclose(
        answer, reference, rtol=0, atol=tol
    )


def _shape_verdict(
    answer, ref, right, near=(), transposed=None, otherwise="Not quite."
):
    """Check a shape given as a pair; ``near`` lists (wrong shape, hint) pairs, and
    ``transposed`` is the hint for ``ref`` the other way round."""
    try:
        given = tuple(int(v) for v in answer)
    except (TypeError, ValueError, OverflowError):
        return Verdict(False, "Give a shape as a pair, e.g. (3, 4).")
    if given == tuple(ref):
        return Verdict(True, f"Correct: {tuple(ref)}, {right}")
    if transposed is not None:
        near = [(tuple(ref)[::-1], transposed), *near]
    for shape, hint in near:
        if given == tuple(shape):
            return Verdict(False, hint)
    return Verdict(False, otherwise)


# Chapter 1, Neurons ----------------------------------------------------------------------------


@_checker
def signed_distance(answer):
    """Signed distance of the point (3, 1) from the line 2 x1 - x2 + 1 = 0, to two decimals."""
    given = _numbers(answer)
    if isinstance(given, Verdict):
        return given
    ref = float(
        neuron.signed_distance(
            np.array([3.0, 1.0]), np.array([2.0, -1.0]), 1.0
        )
    )
    tol = _decimals(2)  # the cell's example, 1.23, has two decimals
    if _close(given, ref, tol):
        return Verdict(
            True,
            f"Correct to two decimals: {ref:.4f}. The point lies on the side "
            "w points to.",
        )
    if _close(given, -ref, tol):
        return Verdict(
            False,
            "Right size, wrong sign: which side does w = (2, -1) point to?",
        )
    if _close(given, ref * np.sqrt(5), tol):
        return Verdict(
            False, "That is the score w·x + b; divide it by the length of w."
        )
    if _close(given, ref, _decimals(1)):
        return Verdict(
            False, "Close, but not to two decimals: keep more digits of ||w||."
        )
    return Verdict(
        False,
        "Not quite. Compute w·x + b, then divide by ||w|| (two decimals are "
        "enough).",
    )


def perceptron_update(w_new, b_new):
    """One perceptron update from w = (0.5, -1), b = 0, lr = 0.5 on x = (2, 1) with t = 1.

    The score is exactly 0, on the boundary: the update of a rule that calls it class 0
    (score > 0 instead of step's score >= 0) is wrong, and told so.
    """
    if _unanswered(w_new) or _unanswered(b_new):
        return _NOT_YET
    w, b, x, t, lr = np.array([0.5, -1.0]), 0.0, np.array([2.0, 1.0]), 1, 0.5
    w_ref, b_ref = neuron.perceptron_step(w, b, x, t, lr)
    if _close(w_new, w_ref, 1e-9) and _close(b_new, b_ref, 1e-9):
        return Verdict(
            True, f"Correct: w = {w_ref.tolist()}, b = {float(b_ref)}."
        )
    y_strict = float(w @ x + b > 0)  # 0: the score is exactly 0
    if _close(w_new, w + lr * (t - y_strict) * x, 1e-9) and _close(
        b_new, b + lr * (t - y_strict), 1e-9
    ):
        return Verdict(
            False,
            "The score is exactly 0, and step(0) = 1: the sample is already "
            "classified right, so nothing moves.",
        )
    if _close(w_new, w, 1e-9):
        return Verdict(
            False,
            "w did not move. Is the sample classified correctly at the start?",
        )
    return Verdict(
        False,
        "Not quite. First find y = step(w·x + b), then add lr·(t − y)·x to w.",
    )


def _train_from_zero(X, t, lr, max_epochs=100):
    w, b = np.zeros(X.shape[0]), 0.0
    for _ in range(max_epochs):
        w, b, errors = neuron.perceptron_epoch(w, b, X, t, lr)
        if errors == 0:
            break
    return w, b


@_checker
def learning_rate_ratio(answer):
    """Ratio of the final |w| when training from zero with lr = 1 and with lr = 0.01."""
    X, t = data.two_classes()
    w_big, _ = _train_from_zero(X, t, 1.0)
    w_small, _ = _train_from_zero(X, t, 0.01)
    ref = float(np.linalg.norm(w_big) / np.linalg.norm(w_small))
    if _close(answer, ref, 1e-6 * ref):
        return Verdict(
            True,
            f"Correct: {ref:g}. Starting from zero, w and b are always "
            "lr times the same numbers, and the step only sees their sign.",
        )
    return Verdict(
        False, "Not quite. Write w after each update as lr times something."
    )


def _third_class_probability(z3):
    return float(neuron.softmax(np.array([[0.0], [0.0], [z3]]))[2, 0])


def _to_two_decimals(x):
    """x rounded to two decimals as the reader writes it, halves away from zero.

    The decimal text of the float is rounded, not its binary value: 2.675 gives 2.68 and
    1.005 gives 1.01, though the floats nearest to them are a little below.
    """
    return Decimal(repr(float(x))).quantize(Decimal("0.01"), ROUND_HALF_UP)


@_checker
def softmax_half(answer):
    """The logit z3 for which softmax((0, 0, z3)) gives the third class probability 1/2.

    Two decimals suffice: right are exactly the answers that round to the same two decimals
    as the exact z3, whatever more digits they carry.
    """
    given = _numbers(answer)
    if isinstance(given, Verdict):
        return given
    z3 = float(given)
    lo, hi = -10.0, 10.0  # the probability grows with z3: bisect for 1/2
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (
            (mid, hi) if _third_class_probability(mid) < 0.5 else (lo, mid)
        )
    # far answers are wrong without rounding (and 1e300 has too many digits to round)
    if abs(z3 - hi) < 1:
        y3, rounded = _third_class_probability(z3), _to_two_decimals(z3)
        if rounded == _to_two_decimals(hi):
            return Verdict(
                True,
                f"Correct to two decimals: softmax gives {y3:.4f} to the "
                f"third class (exactly 1/2 at z3 = {hi:.4f}).",
            )
        return Verdict(
            False,
            f"With z3 = {z3!r} the third class gets {y3:.4f}, not 0.5, and "
            f"the z3 that gives exactly 0.5 does not round to {rounded}.",
        )
    y3 = _third_class_probability(float(np.clip(z3, -700, 700)))
    return Verdict(
        False,
        f"With z3 = {z3:g} the third class gets {y3:.3f}, not 0.5 (two "
        "decimals of z3 are enough).",
    )


# Chapter 2, Multi-layer networks ---------------------------------------------------------------


@_checker
def parameter_count(answer):
    """Number of weights and biases of a fully connected network of sizes [3, 4, 4, 2]."""
    from backprop.nn import Layer

    sizes = [3, 4, 4, 2]  # not the chapter's 2-3-3-1, whose count it prints
    layers = [
        Layer(np.zeros((n_y, n_x)), np.zeros((n_y, 1)))
        for n_x, n_y in zip(sizes[:-1], sizes[1:], strict=True)
    ]
    ref = sum(layer.W.size + layer.b.size for layer in layers)
    if _close(answer, ref, 0):
        return Verdict(
            True, f"Correct: {ref}, that is n_y (n_x + 1) per layer, summed."
        )
    if _close(answer, ref - sum(sizes[1:]), 0):
        return Verdict(
            False, "Those are the weights only: add one bias per unit."
        )
    return Verdict(
        False, "Not quite. A layer from n_x to n_y units has n_y (n_x + 1)."
    )


def xor_output_unit(v1, v2, c):
    """Output weights (v1, v2) and bias c that turn hidden units OR and NAND into XOR."""
    if _unanswered(v1) or _unanswered(v2) or _unanswered(c):
        return _NOT_YET
    from backprop.nn import Layer, forward

    given = _numbers([v1, v2, c], 3)
    if isinstance(given, Verdict):
        return Verdict(False, "Give three numbers v1, v2 and c.")
    X, t = data.xor()
    hidden = Layer([[1.0, 1.0], [-1.0, -1.0]], [-0.5, 1.5], "step")  # OR, NAND
    output = Layer([given[:2]], given[2:], "step")
    y = forward([hidden, output], X)[0]
    if np.array_equal(y, t):
        return Verdict(
            True, "Correct: XOR is 'OR and NAND' (at least one, not both)."
        )
    wrong = [tuple(int(v) for v in X[:, k]) for k in np.flatnonzero(y != t)]
    return Verdict(
        False, f"Not quite: the network gets the inputs {wrong} wrong."
    )


def _separable_functions():
    """Which of the 16 Boolean functions of two inputs one threshold neuron computes."""
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    angles = np.radians(np.arange(0, 360, 1.0))
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    offsets = np.arange(-2, 2.001, 0.05)
    scores = (directions @ X)[:, None, :] + offsets[None, :, None]
    outputs = {
        tuple(row) for row in neuron.step(scores).reshape(-1, 4).astype(int)
    }
    return outputs


@_checker
def separable_boolean_functions(answer):
    """How many of the 16 Boolean functions of two inputs a single threshold neuron computes."""
    ref = len(_separable_functions())
    if _close(answer, ref, 0):
        return Verdict(
            True,
            f"Correct: {ref}. Only XOR and its negation, XNOR, are missing.",
        )
    return Verdict(
        False, "Not quite. List the 16 truth tables; which need two lines?"
    )


@_checker
def rnn_parameters(answer):
    """Distinct parameters of a tanh RNN (hidden 4, input 3) unrolled over 10 steps."""
    n_h, n_x, steps = 4, 3, 10
    W, U, b = np.zeros((n_h, n_h)), np.zeros((n_h, n_x)), np.zeros((n_h, 1))
    ref = W.size + U.size + b.size
    if _close(answer, ref, 0):
        return Verdict(
            True,
            f"Correct: {ref}, however many steps: every step shares them.",
        )
    if _close(answer, ref * steps, 0):
        return Verdict(
            False, "That counts every copy. The copies share one W, U and b."
        )
    return Verdict(False, "Not quite. Count the entries of W, U and b once.")


# Chapter 3, Backpropagation ----------------------------------------------------------------------


@_checker
def bias_gradient(answer):
    """dJ/db for y = sigmoid(w x + b), binary cross-entropy, at x=2, w=0.5, b=-1, t=1."""
    from backprop.nn import cost_and_gradient

    z = np.array([[0.5 * 2.0 - 1.0]])
    y = neuron.sigmoid(z)
    _, dJ_dz = cost_and_gradient(
        "binary_cross_entropy", "sigmoid", z, y, np.ones((1, 1))
    )
    ref = float(dJ_dz[0, 0])  # dz/db = 1
    if _close(answer, ref, 1e-6):
        return Verdict(
            True, f"Correct: {ref:g}, that is y - t with y = sigmoid(0) = 1/2."
        )
    if _close(answer, -ref, 1e-6):
        return Verdict(
            False,
            "Right size, wrong sign: J falls as b grows here, so dJ/db < 0.",
        )
    if _close(answer, ref * 2.0, 1e-6):
        return Verdict(
            False, "That is dJ/dw = dJ/dz x; for the bias, dz/db = 1."
        )
    return Verdict(
        False, "Not quite. Find z and y first; dJ/dz = y - t for this loss."
    )


def _under(x, bound):
    """x with the fewest significant digits (4 at least) that still show |x| < bound."""
    for digits in range(4, 18):
        text = f"{x:.{digits}g}"
        if abs(float(text)) < bound:
            return text
    return repr(x)


# J = 2 (theta - 1)^2 has curvature a = J'' = 4; a step multiplies theta - 1 by 1 - a lr
_CURVATURE = 4.0


@_checker
def diverging_learning_rate(answer):
    """The smallest learning rate for which gradient descent on J = 2 (theta - 1)^2 fails.

    An answer below the boundary is wrong however close it is, even by the last bit of a
    float: there descent still converges. Just above it (within 2e-3) counts as the boundary.
    """
    value = _numbers(answer)
    if isinstance(value, Verdict):
        return value
    # |1 - a lr| < 1 exactly when lr < 2/a (a bisection on runs of descent finds a
    # little less: near 2/a, 5000 steps converge too slowly to tell)
    lr, hi = float(value), 2 / _CURVATURE
    if hi <= lr <= hi + 2e-3:
        return Verdict(
            True, f"Correct: {hi:.3f} = 2/a with a = 4, where |1 - a lr| = 1."
        )
    if hi - 2e-3 <= lr < hi:
        factor = 1 - _CURVATURE * lr
        return Verdict(
            False,
            f"Just below the boundary: at lr = {_under(lr, hi)} each step multiplies "
            f"theta - 1 by 1 - 4 lr = {_under(factor, 1)}, whose size is under 1, so "
            "descent still converges (flipping from side to side).",
        )
    if _close(lr, hi / 2, 2e-3):
        return Verdict(
            False, "That is where it starts to oscillate; it still converges."
        )
    return Verdict(
        False, "Not quite. Each step multiplies theta - 1 by (1 - 4 lr)."
    )


@_checker
def weight_gradient_shape(answer):
    """The shape of dJ/dW of the first layer of MLP([784, 100, 10])."""
    from backprop.nn import MLP, one_hot

    net = MLP([784, 100, 10], seed=0)
    X = np.zeros((784, 3))
    _, grads = net.loss_and_gradients(X, one_hot([0, 1, 2], 10))
    ref = grads[0][0].shape
    return _shape_verdict(
        answer,
        ref,
        "the shape of W itself, whatever the batch.",
        transposed="Transposed: W has shape (n_y, n_x), and so does dJ/dW.",
        otherwise="Not quite. A gradient has the shape of what it differentiates.",
    )


@_checker
def sigmoid_gate(answer):
    """The largest value of sigmoid'(z) over all z.

    The maximum is a boundary on both sides: a number below it is a value sigmoid' exceeds
    (at z = 0), a number above it one it never reaches. Only the maximum itself is right,
    to the last bit of a float (1/4 is exact in binary).
    """
    value = _numbers(answer)
    if isinstance(value, Verdict):
        return value
    z = np.linspace(-10, 10, 200001)  # holds z = 0 exactly
    slopes = neuron.sigmoid_prime(z)
    ref, at = float(np.max(slopes)), float(z[np.argmax(slopes)])
    given = float(value)
    if given == ref:
        return Verdict(
            True,
            f"Correct: {ref:g}, at z = {at:g}. Ten sigmoid layers multiply "
            f"dJ/dy by at most {ref**10:.1e}.",
        )
    if ref - 0.01 <= given < ref:
        return Verdict(
            False,
            f"sigmoid' takes a larger value than {given!r}, at z = {at:g}: give "
            "the largest value exactly.",
        )
    if ref < given <= ref + 0.01:
        return Verdict(
            False,
            f"sigmoid' never reaches {given!r}: s (1 - s) is at most its value "
            "at s = 1/2.",
        )
    return Verdict(
        False, "Not quite. sigmoid' = s (1 - s): when is s (1 - s) largest?"
    )


# Appendix, the matrix form ---------------------------------------------------------------------


@_checker
def input_gradient_shape(answer):
    """The shape of dJ/dx for a layer from 784 to 128 units on a batch of 64."""
    from backprop.nn import Layer, backward, forward

    layer = Layer(np.zeros((128, 784)), np.zeros((128, 1)), "tanh")
    forward([layer], np.zeros((784, 64)))
    ref = backward([layer], np.zeros((128, 64))).shape
    return _shape_verdict(
        answer,
        ref,
        "the shape of x: one column per sample.",
        near=[
            (
                (128, 64),
                "That is the shape of dJ/dz. dJ/dx has the shape of x.",
            )
        ],
        otherwise="Not quite. A gradient has the shape of what it differentiates.",
    )


@_checker
def softmax_cross_entropy_gradient(answer):
    """dJ/dz for softmax with cross-entropy at z = (1, 2, 3), target class 0, to one decimal each."""
    given = _numbers(answer, 3)
    if isinstance(given, Verdict):
        return given
    from backprop.nn import cost_and_gradient

    z = np.array([[1.0], [2.0], [3.0]])
    t = np.array([[1.0], [0.0], [0.0]])
    _, dJ_dz = cost_and_gradient(
        "cross_entropy", "softmax", z, neuron.softmax(z), t
    )
    ref = dJ_dz[:, 0]
    tol = _decimals(1)  # the cell's example, [0.1, 0.2, 0.3], has one decimal
    if _close(given, ref, tol):
        return Verdict(
            True,
            f"Correct to one decimal: {np.round(ref, 3).tolist()}, that is "
            "y - t.",
        )
    if _close(given, neuron.softmax(z)[:, 0], tol):
        return Verdict(False, "That is y. Subtract the target t = (1, 0, 0).")
    return Verdict(
        False,
        "Not quite. Compute y = softmax(z), then y - t (one decimal each is "
        "enough).",
    )


class _CountingArray(np.ndarray):
    """An array that counts the matrix products it takes part in."""

    products = 0

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        if ufunc is np.matmul:
            _CountingArray.products += 1
        plain = [
            i.view(np.ndarray) if isinstance(i, _CountingArray) else i
            for i in inputs
        ]
        result = getattr(ufunc, method)(*plain, **kwargs)
        return (
            result.view(_CountingArray)
            if isinstance(result, np.ndarray)
            else result
        )


@_checker
def backward_products(answer):
    """How many matrix products `backward` computes for a network of three layers."""
    from backprop.nn import MLP, backward, forward

    net = MLP([4, 5, 3, 2], seed=0)
    forward(net.layers, np.ones((4, 6)))
    _CountingArray.products = 0
    backward(net.layers, np.ones((2, 6)).view(_CountingArray))
    ref = _CountingArray.products
    if _close(answer, ref, 0):
        return Verdict(
            True, f"Correct: {ref}, two per layer; the forward pass does 3."
        )
    if _close(answer, 3, 0):
        return Verdict(
            False, "That is the forward pass. Backward, each layer does two."
        )
    return Verdict(
        False, "Not quite. Count the products in the four lines, per layer."
    )


@_checker
def double_division_factor(answer):
    """By what factor dividing by n_data twice shrinks dJ/dW, for a batch of 32."""
    from backprop.nn import MLP, backward, forward, one_hot

    rng = np.random.default_rng(0)
    net = MLP([3, 4, 2], seed=0)
    X, T = rng.normal(size=(3, 32)), one_hot(rng.integers(0, 2, 32), 2)
    y = forward(net.layers, X)
    backward(net.layers, y - T)
    right = net.layers[0].dJ_dW.copy()
    backward(
        net.layers, (y - T) / X.shape[1]
    )  # the mean's derivative, then again
    ref = float(np.linalg.norm(right) / np.linalg.norm(net.layers[0].dJ_dW))
    if _close(answer, ref, 1e-6 * ref):
        return Verdict(True, f"Correct: {ref:g}, the batch size.")
    return Verdict(False, "Not quite. What does each division do on its own?")


# Handwritten digits --------------------------------------------------------------------------------


@_checker
def digits_input_shape(answer):
    """The shape of the training inputs the book's network takes, for the chapter's split."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    train_rows, _ = train_test_split(
        digits.data,
        test_size=0.25,
        stratify=digits.target,
        random_state=0,
    )
    ref = train_rows.T.shape  # the book: one sample per column
    return _shape_verdict(
        answer,
        ref,
        "pixels down, samples across.",
        transposed="That is scikit-learn's shape, samples as rows. Transpose.",
        otherwise="Not quite. 64 pixels per image; how many training images?",
    )


@_checker
def digits_parameters(answer):
    """Weights and biases of MLP([64, 100, 10])."""
    from backprop.nn import MLP

    net = MLP([64, 100, 10], activation="relu", output="softmax")
    parts = [f"{layer.W.size} + {layer.b.size}" for layer in net.layers]
    ref = sum(layer.W.size + layer.b.size for layer in net.layers)
    if _close(answer, ref, 0):
        return Verdict(True, f"Correct: {ref} = " + " + ".join(parts) + ".")
    return Verdict(
        False, "Not quite. n_y (n_x + 1) for each of the two layers."
    )


def _confusion_matrix(counts):
    """counts as a square matrix of non-negative whole numbers, or a clear error."""
    from backprop import _checks as check

    counts = check.array(counts, "counts", shape=(None, None))
    if counts.shape[0] != counts.shape[1]:
        raise ValueError(
            f"counts must be a square confusion matrix; got shape {counts.shape}"
        )
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError("counts must hold non-negative whole numbers")
    return counts.astype(int)


def most_confused(answer, counts):
    """The (true, predicted) pair with the most mistakes in a confusion matrix ``counts``."""
    counts = _confusion_matrix(counts)
    if _unanswered(answer):
        return _NOT_YET
    off = counts - np.diag(np.diag(counts))
    worst = off.max()
    pairs = [tuple(int(v) for v in p) for p in np.argwhere(off == worst)]
    try:
        given = tuple(int(v) for v in answer)
    except (TypeError, ValueError, OverflowError):
        given = ()
    if len(given) != 2:
        return Verdict(False, "Give a pair (true digit, predicted digit).")
    if worst == 0:
        return Verdict(False, "There are no mistakes to find.")
    if given in pairs:
        return Verdict(True, f"Correct: {given}, {worst} times.")
    if given[::-1] in pairs:
        return Verdict(
            False,
            "The other way round: rows are true digits, columns predicted.",
        )
    return Verdict(
        False, "Not quite. Look for the largest number off the diagonal."
    )
