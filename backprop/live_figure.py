"""Where a widget draws: a plotly ``FigureWidget`` updated in place.

A new figure reaches the browser as the properties that differ from what is on screen
(:func:`copy_into`), so plotly.js redraws the same plot instead of building a new one. A
figure with animation frames is taken apart into steps of one figure (:class:`Steps`), shown
with a play button and a step slider (:class:`FigureOutput`). :class:`LiveFigure` notes
whether the browser still takes its updates, so that a deaf one can be replaced.
"""

from __future__ import annotations

import time

import ipywidgets as widgets
import numpy as np

from backprop._plotly_internals import FigureWidget
from backprop.plotting import PLOTLY_CONFIG, checked_figure

__all__ = [
    "FigureOutput",
    "LiveFigure",
    "Steps",
    "changes",
    "copy_into",
    "merge",
    "same",
]


def same(a, b):
    """Whether two values of a figure's JSON (dicts, lists, arrays, scalars) are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(a, b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(
            same(x, y) for x, y in zip(a, b, strict=True)
        )
    return type(a) is type(b) and a == b


def changes(old, new, skip=()):
    """The top-level properties of ``new`` that differ from ``old`` (None: remove it)."""
    changed = {
        k: v
        for k, v in new.items()
        if k not in skip and (k not in old or not same(old[k], v))
    }
    changed.update(dict.fromkeys(old.keys() - new.keys() - set(skip)))
    return changed


def copy_into(widget, fig):
    """Make the FigureWidget ``widget`` show ``fig`` by updating it in place.

    Only the properties that differ from what is on screen are set, in one batch, so only they
    travel to the browser and plotly.js redraws the same plot; traces that are not there yet
    (or are of another type) are added, and those the new figure lacks are removed. Properties
    the new figure does not set are removed, so nothing of the previous figure lingers.
    Returns whether anything was sent.
    """
    # keep the traces that are of the same type in the same place; remove or add the rest
    sent = False
    kept = 0
    for old, new in zip(widget.data, fig.data, strict=False):
        if old.type != new.type:
            break
        kept += 1
    if kept < len(widget.data):
        widget.data = widget.data[:kept]
        sent = True
    if kept < len(fig.data):
        widget.add_traces(fig.data[kept:])
        sent = True
    with widget.batch_update():
        for old, new in zip(widget.data, fig.data, strict=True):
            changed = changes(
                old.to_plotly_json(), new.to_plotly_json(), skip=("uid",)
            )
            if changed:
                old.update(changed, overwrite=True)
                sent = True
        changed = changes(
            widget.layout.to_plotly_json(), fig.layout.to_plotly_json()
        )
        if changed:
            widget.layout.update(changed, overwrite=True)
            sent = True
    return sent


class LiveFigure(FigureWidget):
    """The FigureWidget a widget draws into, which knows whether the browser takes its updates.

    How it reaches the browser, and how it takes the browser's reports, needs plotly's
    private API: see :class:`backprop._plotly_internals.FigureWidget`.
    """

    def __init__(self, data=None, layout=None, config=None):
        super().__init__(data=data, layout=layout, config=config)
        # when the browser last reported a drawing, and when an update was sent after that
        # (private names: plotly takes public ones as figure properties)
        self._answered_at, self._waiting_since = None, None

    def sent(self):
        """Note that an update left for the browser, which answers once it has drawn it."""
        if self._waiting_since is None:
            self._waiting_since = time.monotonic()

    def deaf(self, patience=1.5):
        """Whether the browser may no longer take this figure's updates.

        Seen in JupyterLab on a busy machine: the widget's script (5 MB, loaded anew for each
        figure) took more than the 2 s that anywidget allows a model to start, and from then
        on every message to that model was dropped, so the figure stayed as first drawn.
        A figure is deaf when a view has drawn it but an update sent ``patience`` s ago has
        not been drawn yet. (How late the first drawing is reported says nothing: during
        Run All the kernel reads the browser's messages only once the cells are done.)
        Without any view (a notebook run with no front end, a test) nothing answers, and the
        figure is not deaf.
        """
        return (
            self._answered_at is not None
            and self._waiting_since is not None
            and time.monotonic() - self._waiting_since > patience
        )

    def _drawn(self):
        """The browser reported a drawing (of the traces or the layout): it answers."""
        self._answered_at, self._waiting_since = time.monotonic(), None


def merge(base, part):
    """``base`` with ``part``'s properties set, as plotly.js applies a frame to a trace.

    Nested objects (a marker, a title) are merged; anything else (a number, a list, a text)
    replaces what was there.
    """
    out = dict(base)
    for key, value in part.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


class Steps:
    """A figure with animation frames, taken apart: its frames become steps of one figure.

    ``figure(k)`` is the figure as plotly.js shows it at frame ``k``: the traces and layout
    with that frame's properties set. The play button and the step slider that the figure
    carries for the website are dropped; widgets take their place, under the figure.
    """

    def __init__(self, fig):
        spec = fig.to_plotly_json()
        self.frames = spec.get("frames") or []
        self.data, self.layout = spec["data"], dict(spec["layout"])
        sliders = self.layout.pop("sliders", None) or []
        menus = self.layout.pop("updatemenus", None) or []
        steps = sliders[0].get("steps", []) if sliders else []
        if len(steps) == len(self.frames):
            self.labels = [str(s.get("label", k)) for k, s in enumerate(steps)]
        else:
            self.labels = [
                str(f.get("name", k)) for k, f in enumerate(self.frames)
            ]
        self.duration = (
            1000  # ms a step, unless the play button says otherwise
        )
        for menu in menus:
            for button in menu.get("buttons", []):
                args = button.get("args") or [None]
                if button.get("method") == "animate" and args[0] is None:
                    self.duration = args[1]["frame"]["duration"]
        # the website's controls took the bottom margin; the widgets sit outside the plot
        margin = dict(self.layout.get("margin") or {})
        margin["b"] = 40
        self.layout["margin"] = margin

    def figure(self, k):
        frame = self.frames[k]
        data = list(self.data)
        parts = frame.get("data", [])
        traces = frame.get("traces", range(len(parts)))
        for i, part in zip(traces, parts, strict=True):
            data[i] = merge(data[i], part)
        layout = merge(self.layout, frame.get("layout", {}))
        return checked_figure({"data": data, "layout": layout})


class FigureOutput(widgets.VBox):
    """Where a widget draws: one FigureWidget updated in place, or a message in words.

    A figure with animation frames gets a play button and a step slider under it (ipywidgets,
    so a keyboard works them as any other control): each step updates the same
    FigureWidget in place, and a new figure (another setting of the widget's controls) keeps
    the step the reader was at.
    """

    def __init__(self):
        self.plot, self.config = None, dict(PLOTLY_CONFIG)
        self.steps, self.stepper, self.step, self.play = None, None, None, None
        self.message = widgets.HTML()
        super().__init__([self.message])

    def show(self, obj):
        """Show a plotly figure (updating the one on screen) or an HTML message."""
        if isinstance(obj, str):
            self.message.value = obj
            self.children = (self.message,)
            return
        if obj.frames:
            self.steps = Steps(obj)
            self._show_steps()
            return
        self.steps = None
        self._draw(obj)
        self.children = (self.plot,)

    def _draw(self, fig):
        if self.plot is None or self.plot.deaf():
            # a plot that does not answer is replaced: a new one starts from the figure
            # (the old one is not closed: its view would log each message it still sends)
            self.plot = LiveFigure(fig.data, fig.layout, self.config)
            self.children = (self.plot, *self.children[1:])
        else:
            if copy_into(self.plot, fig):
                self.plot.sent()

    def _show_steps(self):
        labels = self.steps.labels
        options = [(label, k) for k, label in enumerate(labels)]
        if self.step is None:
            self.step = widgets.SelectionSlider(
                options=options, description="step", continuous_update=True
            )
            self.step.layout.width = "calc(6ch + 300px)"
            self.step.layout.max_width = "100%"
            self.play = widgets.Play(
                min=0, max=len(labels) - 1, description="play the steps"
            )
            # a tooltip in ipywidgets 8; 7 (Colab's) has no such trait
            if self.play.has_trait("tooltip"):
                self.play.tooltip = "play the steps one after the other"
            widgets.jslink((self.play, "value"), (self.step, "index"))
            self.step.observe(self._on_step, names="index")
            self.stepper = widgets.HBox([self.play, self.step])
        elif [label for label, _ in self.step.options] != labels:
            at = min(self.step.index, len(labels) - 1)
            with self.step.hold_trait_notifications():
                self.step.options = options
                self.step.index = at
            self.play.max = len(labels) - 1
        self.play.interval = self.steps.duration
        self._draw(self.steps.figure(self.step.index))
        self.children = (self.plot, self.stepper)

    def _on_step(self, change):
        if self.steps is not None:
            self._draw(self.steps.figure(change["new"]))

    def __repr__(self):
        return f"FigureOutput(plot={self.plot is not None})"
