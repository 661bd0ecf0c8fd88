"""Figures drawn ahead while the reader is idle, for a widget whose figure takes long.

An :class:`~backprop.widgets.Explorer` whose figure function trains a network (the XOR and
digits runs) takes 100 ms or more per move of a slider. Its figure function is pure: the
same control values give the same figure. So the last few figures are kept, by their
control values, and after each move the figures for the next step of the moved slider, up
and down, are drawn while the kernel has nothing else to do (on its event loop, after the
messages it is handling): the reader's next press finds its figure ready.

Outside a kernel's event loop (a script, a test) nothing is drawn ahead; the kept figures
still serve a value seen before.
"""

from __future__ import annotations

import asyncio
import collections
import math

import ipywidgets as widgets

__all__ = ["Ahead", "neighbours"]

# how long after a move the figures ahead are drawn (s): once the browser has drawn the
# move's figure (the two share the machine's cores), and before a reader's next press
DELAY = 0.15


def _key(values):
    """Control values as a key: floats rounded (a slider's step may be 0.1 in Python and
    0.1 + 1e-17 in the browser)."""
    return tuple(
        sorted(
            (name, round(v, 10) if isinstance(v, float) else v)
            for name, v in values.items()
        )
    )


def neighbours(control):
    """The values of a slider one step up and one step down (within its range)."""
    if isinstance(control, widgets.FloatLogSlider):
        low, high = control.base**control.min, control.base**control.max
        scale = control.base**control.step
        candidates = (control.value * scale, control.value / scale)
    elif isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        low, high = control.min, control.max
        candidates = (
            control.value + control.step,
            control.value - control.step,
        )
    else:
        return []
    return [
        v
        for v in candidates
        if low - 1e-12 <= v <= high + 1e-12 and math.isfinite(v)
    ]


class Ahead:
    """The figures of a pure figure function, kept by control values, and drawn ahead.

    ``compute(values)`` returns the figure for a dict of control values, or raises
    ``ValueError`` (a bad setting: nothing is kept).
    """

    def __init__(self, compute, size=8):
        self.compute = compute
        self.size = size
        self.kept = collections.OrderedDict()
        self._generation = 0

    def get(self, values):
        """The figure kept for these values, or None."""
        key = _key(values)
        figure = self.kept.get(key)
        if figure is not None:
            self.kept.move_to_end(key)
        return figure

    def keep(self, values, figure):
        key = _key(values)
        self.kept[key] = figure
        self.kept.move_to_end(key)
        while len(self.kept) > self.size:
            self.kept.popitem(last=False)

    def moved(self, values, name, control):
        """The reader moved control ``name`` to ``values``: draw its next steps ahead."""
        self._generation += 1
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not in a kernel's event loop
            return
        for value in neighbours(control):
            ahead = {**values, name: value}
            loop.call_later(DELAY, self._draw, ahead, self._generation)

    def _draw(self, values, generation):
        if generation != self._generation or self.get(values) is not None:
            return  # the reader moved on, or it is there already
        try:
            self.keep(values, self.compute(values))
        except ValueError:
            pass  # a setting the figure refuses: the reader will see why if they go there

    def __repr__(self):
        return f"Ahead(kept={len(self.kept)})"
