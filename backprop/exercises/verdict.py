"""The verdict every checker returns, and what the checkers share to reach it.

A :class:`Verdict` prints as a sentence in a notebook and is true or false, so that a solution
cell can ``assert`` it; :class:`Folded` shows it closed until the reader opens it. The helpers
read an answer (:func:`_numbers`), compare it with the book's value (:func:`_close`,
:func:`_shape_verdict`) and give an answer not filled in yet its own verdict (:func:`_checker`).
"""

from __future__ import annotations

import functools
import html

import numpy as np

__all__ = ["Verdict", "Folded"]


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
