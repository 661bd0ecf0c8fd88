"""Figures kept and drawn ahead for a slow Explorer (backprop.ahead)."""

from __future__ import annotations

import asyncio
import threading

import ipywidgets as widgets
import pytest

from backprop.ahead import Ahead, neighbours


def _run(coroutine):
    """Run a coroutine in an event loop of its own, on a thread of its own (this process
    may have a loop running already: the browser tests' Playwright)."""
    failed = []

    def main():
        try:
            asyncio.run(coroutine)
        except (
            BaseException
        ) as error:  # an assertion in the coroutine: the test's
            failed.append(error)

    thread = threading.Thread(target=main)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


def test_neighbours_are_one_step_up_and_down_within_the_range():
    assert neighbours(widgets.IntSlider(value=5, min=0, max=10, step=2)) == [
        7,
        3,
    ]
    assert neighbours(widgets.IntSlider(value=10, min=0, max=10, step=1)) == [
        9
    ]
    log = widgets.FloatLogSlider(value=0.1, base=10, min=-3, max=0, step=0.5)
    up, down = neighbours(log)
    assert up == pytest.approx(0.1 * 10**0.5) and down == pytest.approx(
        0.1 / 10**0.5
    )
    assert neighbours(widgets.Dropdown(options=["a", "b"])) == []


def test_a_kept_figure_is_found_by_its_values_even_a_float_off_in_its_last_bit():
    ahead = Ahead(lambda values: dict(values))
    ahead.keep({"lr": 0.1 + 0.2, "n": 3}, "figure")
    assert ahead.get({"n": 3, "lr": 0.3}) == "figure"
    assert ahead.get({"n": 4, "lr": 0.3}) is None


def test_only_the_last_few_figures_are_kept():
    ahead = Ahead(lambda values: None, size=2)
    for n in range(3):
        ahead.keep({"n": n}, n)
    assert [ahead.get({"n": n}) for n in range(3)] == [None, 1, 2]


def test_a_move_draws_the_next_steps_ahead_on_the_event_loop():
    drawn = []

    def compute(values):
        drawn.append(values["n"])
        if values["n"] == 2:
            raise ValueError("n = 2 is refused")
        return f"figure {values['n']}"

    ahead = Ahead(compute)
    slider = widgets.IntSlider(value=3, min=0, max=10)

    async def move():
        ahead.moved({"n": 3}, "n", slider)
        assert drawn == []  # not while the move is handled
        await asyncio.sleep(0.3)

    _run(move())
    assert sorted(drawn) == [2, 4]
    assert ahead.get({"n": 4}) == "figure 4" and ahead.get({"n": 2}) is None


def test_a_newer_move_cancels_the_older_ones_drawing_ahead():
    drawn = []
    ahead = Ahead(lambda values: drawn.append(values["n"]) or "figure")
    slider = widgets.IntSlider(value=3, min=0, max=10)

    async def two_moves():
        ahead.moved({"n": 3}, "n", slider)
        slider.value = 7
        ahead.moved({"n": 7}, "n", slider)
        await asyncio.sleep(0.3)

    _run(two_moves())
    assert sorted(drawn) == [6, 8]


def test_outside_an_event_loop_nothing_is_drawn_ahead():
    drawn = []
    ahead = Ahead(lambda values: drawn.append(values) or "figure")
    ahead.moved({"n": 3}, "n", widgets.IntSlider(value=3))
    assert drawn == []


def test_a_slow_explorer_shows_a_kept_figure_without_drawing_it_again():
    import time

    import plotly.graph_objects as go

    from backprop.widgets import AHEAD, Explorer

    calls = []

    def slow(n=1):
        calls.append(n)
        time.sleep(AHEAD + 0.01)
        return go.Figure(go.Scatter(y=[n, n]))

    e = Explorer(slow, n=(1, 5, 1))
    e.controls["n"].value = 2
    e.controls["n"].value = 1
    assert calls == [1, 2]  # the figure for n = 1 was kept
    assert list(e.figure.data[0].y) == [1, 1]
