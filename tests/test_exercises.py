"""A folded verdict: what the cells that check a solution show, in every front end."""

from __future__ import annotations

import html
import re

import numpy as np
import pytest
from IPython.core.formatters import DisplayFormatter

from backprop import exercises as ex
from backprop import sphinxext


def _shown(obj):
    """The output IPython would store for obj: {mime type: text}."""
    data, _ = DisplayFormatter().format(obj)
    return data


def test_a_folded_verdict_shows_only_a_closed_summary():
    verdict = ex.signed_distance(6 / np.sqrt(5))
    assert verdict
    data = _shown(verdict.folded("Solution 1"))
    page = data["text/html"]
    m = re.fullmatch(
        r'<details class="backprop-check"><summary>(.*?)</summary>'
        r"<pre>(.*)</pre></details><style>[^<]*</style>",
        page,
        re.S,
    )
    assert m, page
    assert m[1] == "Check of Solution 1"
    # closed until the reader opens it
    assert " open" not in page.split(">")[0]
    assert html.unescape(m[2]) == repr(verdict)  # the verdict, inside
    # what is visible folded, and what a text-only front end shows: not the answer
    for visible in (m[1], data["text/plain"]):
        assert "2.68" not in visible and "Correct" not in visible
    assert data["text/plain"] == (
        "Check of Solution 1: passed. To read its verdict: print(verdict)."
    )


def test_a_folded_verdict_keeps_its_truth_its_text_and_more_lines():
    right = ex.softmax_half(np.log(2)).folded("Solution 4", "a < b & c")
    wrong = ex.softmax_half(0.0).folded("Solution 4")
    assert right and not wrong
    assert str(right) == "a < b & c\n" + repr(right.verdict)
    assert "a &lt; b &amp; c\n✓" in right._repr_html_()
    assert repr(wrong).startswith("Check of Solution 4: failed.")
    assert "✗" in wrong._repr_html_()


def test_a_reader_s_own_check_is_not_folded():
    data = _shown(ex.signed_distance(2.68))
    assert set(data) == {"text/plain"}
    assert data["text/plain"].startswith("✓ Correct")


@pytest.mark.parametrize(
    "args, error",
    [
        (("",), ValueError),
        ((" ",), ValueError),
        ((3,), ValueError),
        (("Solution 1", 3.0), TypeError),
    ],
)
def test_folding_takes_a_title_and_lines_of_text(args, error):
    with pytest.raises(error, match="title|lines"):
        ex.softmax_half(np.log(2)).folded(*args)


def test_folding_takes_only_a_verdict():
    with pytest.raises(TypeError, match="verdict"):
        ex.Folded("✓ Correct", "Solution 1")


def test_the_site_shows_the_verdict_open_inside_its_folded_cell():
    folded = ex.softmax_half(np.log(2)).folded("Solution 4")._repr_html_()
    page = sphinxext._open_checks(f"<div>{folded}</div>")
    assert page.startswith('<div><details class="backprop-check" open>')
    assert sphinxext._open_checks(page) == page  # opened once only


# -- answers on either side of a boundary the exercise asks about ----------------------------


def test_perceptron_update_counts_a_score_of_zero_as_class_1():
    """The sample's score is exactly 0: step(0) = 1, so the update changes nothing."""
    w, b, x = np.array([0.5, -1.0]), 0.0, np.array([2.0, 1.0])
    assert w @ x + b == 0
    assert ex.perceptron_update(w.tolist(), b)
    # the update of a rule with score > 0 instead of >= 0: the wrong side of 0
    strict = ex.perceptron_update((w + 0.5 * x).tolist(), b + 0.5)
    assert not strict
    assert "step(0) = 1" in repr(strict)


@pytest.mark.parametrize(
    "c, right",
    [
        (-1.0, False),  # (0, 0) and (1, 1) then score exactly 0: step says 1
        (float(np.nextafter(-1.0, -2.0)), True),
        (-1.5, True),
        (-2.0, True),  # (0, 1) and (1, 0) score exactly 0: step says 1, right
        (float(np.nextafter(-2.0, -3.0)), False),
    ],
)
def test_xor_output_unit_follows_step_at_a_score_of_zero(c, right):
    """With v1 = v2 = 1, the output bias c computes XOR exactly for -2 <= c < -1."""
    assert bool(ex.xor_output_unit(1.0, 1.0, c)) is right
