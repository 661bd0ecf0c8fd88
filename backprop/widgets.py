"""Widget wiring: controls that redraw a figure function when they change.

These need a running Python (Jupyter, Binder, Colab). The figure on screen is a plotly
``FigureWidget`` that is updated in place (:mod:`backprop.live_figure`): a slider move sends
only what changed in the new figure, and plotly.js redraws the same plot instead of building
a new one.

Each widget's output also carries texts for places where it cannot run (see
:mod:`backprop.live_widget`): the website's note, the print edition's starting figures, and
what a notebook reopened without its kernel shows.
"""

from __future__ import annotations

import functools
import html
import inspect
import re
import sys
import time

import ipywidgets as widgets
import numpy as np
from threadpoolctl import ThreadpoolController

from backprop.ahead import Ahead
from backprop.live_figure import FigureOutput
from backprop.live_widget import LiveWidget
from backprop.neuron import perceptron_step, step

__all__ = ["Explorer", "PerceptronStepper", "Progress"]

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _label(name):
    """w1 -> w₁, lr -> lr: a control's label in the book's notation."""
    m = re.fullmatch(r"([A-Za-z]+)(\d+)", name)
    return m.group(1) + m.group(2).translate(_SUBSCRIPTS) if m else name


# A figure function slower than this (seconds, its first call) redraws when a slider is
# released, not during a drag. The book's figures take 15-50 ms; its training runs 0.2 s and up.
SLOW = 0.2
# A figure function slower than this (seconds) has its figures kept, and those of the next
# step of a moved slider drawn while the reader is idle (backprop.ahead).
AHEAD = 0.05
_SLIDERS = (widgets.IntSlider, widgets.FloatSlider, widgets.FloatLogSlider)


def _fit_labels(controls):
    """Give the controls one label width that fits the longest label, and room for it."""
    controls = [
        c
        for c in controls
        if isinstance(c, widgets.widgets.widget_description.DescriptionWidget)
    ]
    longest = max((len(c.description) for c in controls), default=0)
    width = f"{longest + 2}ch"
    for control in controls:
        control.style.description_width = width
        if isinstance(control, _SLIDERS):
            control.layout.width = f"calc({width} + 300px)"
            control.layout.max_width = "100%"


def _control(name, spec, default):
    """A widget for one keyword: (min, max, step) -> slider; list of strings -> dropdown."""
    label = _label(name)
    if isinstance(spec, widgets.ValueWidget):
        return spec
    if (
        isinstance(spec, tuple)
        and len(spec) == 3
        and all(isinstance(v, (int, float)) for v in spec)
    ):
        lo, hi, step_ = spec
        value = (
            default
            if isinstance(default, (int, float)) and lo <= default <= hi
            else lo
        )
        if all(isinstance(v, int) for v in spec):
            cls = widgets.IntSlider
        else:
            cls, value = widgets.FloatSlider, float(value)
        return cls(
            value=value,
            min=lo,
            max=hi,
            step=step_,
            description=label,
            continuous_update=True,  # the figure follows a drag
        )
    if (
        isinstance(spec, list)
        and spec
        and all(isinstance(v, str) for v in spec)
    ):
        value = default if default in spec else spec[0]
        return widgets.Dropdown(
            options=spec,
            value=value,
            description=label,
        )
    return None


@functools.lru_cache(maxsize=1)
def _threadpools(n_modules):
    """threadpoolctl's view of the loaded thread pools, while ``n_modules`` are imported.

    Finding them (threadpoolctl reads every loaded library) takes 1.5 ms or more, so it is
    done again only when new modules were imported, which may load another BLAS.
    """
    return ThreadpoolController()


def _one_blas_thread():
    """A context in which BLAS runs on one thread."""
    return _threadpools(len(sys.modules)).limit(limits=1, user_api="blas")


class Explorer(LiveWidget):
    """Controls wired to a pure figure function, like ``ipywidgets.interact``.

    ``Explorer(figs.boundary, X=X, t=t, w1=(-3.0, 3.0, 0.1), b=(-4.0, 4.0, 0.1))`` draws
    ``figs.boundary(X=X, t=t, w1=..., b=...)`` and redraws it whenever a control changes.
    A ``(min, max, step)`` tuple makes a slider (integer if all three are integers), a list of
    strings a dropdown; any other keyword is passed to the function unchanged. Controls start at
    the function's default value when it lies in their range.

    ``presets={"name": {"w1": 1.0, ...}, ...}`` adds a button per preset that sets those
    controls at once (one redraw, not one per control).

    Attributes
    ----------
    controls : dict of name -> widget
    figure : the last figure drawn
    seconds : float, how long the figure function took the last time it ran (a kept
        figure, see backprop.ahead, takes none)
    error : str or None, the message of the last bad input, shown instead of a figure
    """

    def __init__(self, figure_fn, presets=None, **kwargs):
        self.figure_fn = figure_fn
        params = inspect.signature(figure_fn).parameters
        self.fixed, self.controls = {}, {}
        for name, spec in kwargs.items():
            default = params[name].default if name in params else None
            control = _control(name, spec, default)
            if control is None:
                self.fixed[name] = spec
            else:
                self.controls[name] = control
        self._what = (
            "the controls "
            + ", ".join(_label(n) for n in self.controls)
            + " redraw the figure"
        )
        self.output = FigureOutput()
        self.figure, self.error, self._holding = None, None, False
        self.seconds = 0.0
        self.ahead = Ahead(self._compute)
        self.presets = dict(presets or {})
        self.preset_buttons = {}
        for name, values in self.presets.items():
            unknown = set(values) - set(self.controls)
            if unknown:
                raise ValueError(
                    f"preset {name!r} sets unknown controls {unknown}"
                )
            button = widgets.Button(description=name, tooltip=f"set {name}")
            button.on_click(lambda _, name=name: self.apply(name))
            self.preset_buttons[name] = button
        rows = [widgets.VBox(list(self.controls.values()))]
        if self.preset_buttons:
            rows.append(widgets.HBox(list(self.preset_buttons.values())))
        super().__init__(rows + [self.output])
        _fit_labels(self.controls.values())
        for control in self.controls.values():
            control.observe(self._redraw, names="value")
        self._redraw()
        if self.seconds > SLOW:
            # a figure that takes long (a training run) redraws when a slider is released:
            # following a drag would queue one slow run per step of the drag
            for control in self.controls.values():
                if isinstance(control, _SLIDERS):
                    control.continuous_update = False

    def apply(self, preset):
        """Set the controls of a preset together, then redraw once."""
        self._holding = True
        try:
            for name, value in self.presets[preset].items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self._redraw()

    @property
    def values(self):
        return {name: control.value for name, control in self.controls.items()}

    def _compute(self, values):
        # One BLAS thread: a figure's arrays are small, and on a busy machine threads that
        # wait for each other made a 75 ms training run take 0.2 to 1 s.
        with _one_blas_thread():
            return self.figure_fn(**self.fixed, **values)

    def _redraw(self, change=None):
        if self._holding:
            return
        values = self.values
        try:
            figure = self.ahead.get(values)
            if figure is None:
                start = time.perf_counter()
                figure = self._compute(values)
                self.seconds = time.perf_counter() - start
                if self.seconds > AHEAD:
                    self.ahead.keep(values, figure)
            self.figure, self.error = figure, None
            shown = self.figure
        except ValueError as err:
            # bad input: say so in words, and keep the controls alive
            self.figure, self.error = None, str(err)
            shown = f"<b>Cannot draw this:</b> {html.escape(self.error)}"
        self.output.show(shown)
        if change is not None and self.seconds > AHEAD and self.error is None:
            name = next(
                n for n, c in self.controls.items() if c is change.owner
            )
            self.ahead.moved(values, name, change.owner)

    def __repr__(self):
        return f"Explorer({self.figure_fn.__name__}, controls={list(self.controls)})"


class PerceptronStepper(LiveWidget):
    """Step through the perceptron rule one sample or one epoch at a time.

    Parameters
    ----------
    datasets : dict of name -> (X, t)
        The data sets to choose from (X of shape (2, n_data), t of labels 0 or 1).
    figure_fn : callable
        ``figure_fn(X, t, w1, w2, b, highlight=k, title=...)``, e.g. ``figs.boundary``.
    w, b : the starting weights and bias.
    """

    _what = "buttons step the perceptron one sample or one epoch at a time"

    def __init__(self, datasets, figure_fn, w=(-2.0, -1.0), b=0.0):
        self.datasets, self.figure_fn = datasets, figure_fn
        self.w_start, self.b_start = np.asarray(w, dtype=float), float(b)
        self.data = widgets.ToggleButtons(
            options=list(datasets), description="data"
        )
        self.lr = widgets.FloatSlider(
            value=0.2,
            min=0.01,
            max=2.0,
            step=0.01,
            description="α (lr)",
        )
        self.step_button = widgets.Button(
            description="step", tooltip="one sample"
        )
        self.epoch_button = widgets.Button(
            description="epoch", tooltip="to the end of the epoch"
        )
        self.reset_button = widgets.Button(
            description="reset", tooltip="back to the start"
        )
        self.output = FigureOutput()
        super().__init__(
            [
                self.data,
                self.lr,
                widgets.HBox(
                    [self.step_button, self.epoch_button, self.reset_button]
                ),
                self.output,
            ]
        )
        _fit_labels([self.data, self.lr])
        self.step_button.on_click(lambda _: self.step())
        self.epoch_button.on_click(lambda _: self.epoch())
        self.reset_button.on_click(lambda _: self.reset())
        self.data.observe(lambda _: self.reset(), names="value")
        self.reset()

    @property
    def X(self):
        return self.datasets[self.data.value][0]

    @property
    def t(self):
        return self.datasets[self.data.value][1]

    def reset(self):
        self.w, self.b = self.w_start.copy(), self.b_start
        self.k, self.epoch_count, self.mistakes, self.history = 0, 1, 0, []
        self._draw("the start")

    def step(self, draw=True):
        """Apply the rule to the next sample; at the end of the data, start a new epoch."""
        X, t, k = self.X, self.t, self.k
        wrong = bool(step(self.w @ X[:, k] + self.b) != t[k])
        self.mistakes += wrong
        self.w, self.b = perceptron_step(
            self.w, self.b, X[:, k], t[k], self.lr.value
        )
        what = f"last: sample {k}, " + (
            "a mistake, so w and b moved"
            if wrong
            else "correct, nothing moved"
        )
        self.k += 1
        if self.k == X.shape[1]:
            self.history.append(self.mistakes)
            what += f"; epoch {self.epoch_count} ended with {self.mistakes} mistakes"
            self.k, self.mistakes = 0, 0
            self.epoch_count += 1
        if draw:
            self._draw(what)
        return what

    def epoch(self):
        """Step until the end of the current epoch."""
        start = self.epoch_count
        while self.epoch_count == start:
            what = self.step(draw=False)
        self._draw(what)

    def _draw(self, what):
        title = (
            f"Epoch {self.epoch_count}, next: sample {self.k} (marked ×)<br>"
            f"<span style='font-size:12px'>{what}<br>"
            f"w = ({self.w[0]:.2f}, {self.w[1]:.2f}), b = {self.b:.2f}; "
            f"mistakes in each finished epoch: {self.history[-10:]}</span>"
        )
        self.figure = self.figure_fn(
            self.X,
            self.t,
            self.w[0],
            self.w[1],
            self.b,
            highlight=self.k,
            title=title,
        )
        self.figure.update_layout(
            margin={"t": 110}, title_font_size=15, height=560
        )
        self.output.show(self.figure)

    def __repr__(self):
        return (
            f"PerceptronStepper(data={self.data.value!r}, epoch={self.epoch_count}, "
            f"k={self.k}, w={self.w.round(3).tolist()}, b={self.b:.3f})"
        )


class Progress:
    """A progress line for a training loop, redrawn in place.

    In Jupyter it is one output that updates (the saved notebook, and the website, keep its
    last state); without IPython it prints a line per update.
    """

    def __init__(self, total, label="epoch"):
        self.total, self.label = int(total), label
        self.start, self.handle = time.perf_counter(), None

    def update(self, done, message=""):
        elapsed = time.perf_counter() - self.start
        text = (
            f"{self.label} {done}/{self.total}  {message}  ({elapsed:.1f} s)"
        )
        bundle = {
            "text/plain": text,
            "text/html": (
                f'<div class="training-progress"><progress value="{done}" '
                f'max="{self.total}"></progress> <code>{html.escape(text)}</code></div>'
            ),
        }
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is None:
            print(text)
        elif self.handle is None:
            self.handle = display(bundle, raw=True, display_id=True)
        else:
            self.handle.update(bundle, raw=True)

    def __repr__(self):
        return f"Progress(total={self.total})"
