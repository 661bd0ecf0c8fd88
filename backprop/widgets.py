"""Widget wiring: controls that redraw a figure function when they change.

These need a running Python (Jupyter, Binder, Colab). The figure on screen is a plotly
``FigureWidget`` that is updated in place: a slider move sends only what changed in the new
figure, and plotly.js redraws the same plot instead of building a new one.

Each widget's output also carries two texts for places where it cannot run. The website shows
"Live control: needs Python ..." (the HTML); a notebook reopened in Jupyter without the kernel
that drew it shows "Run the cell to bring this control back" instead of an error.
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

from backprop._plotly_internals import FigureWidget
from backprop.neuron import perceptron_step, step
from backprop.plotting import PLOTLY_CONFIG, checked_figure

__all__ = ["Explorer", "PerceptronStepper", "Progress", "live_note"]

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _label(name):
    """w1 -> w₁, lr -> lr: a control's label in the book's notation."""
    m = re.fullmatch(r"([A-Za-z]+)(\d+)", name)
    return m.group(1) + m.group(2).translate(_SUBSCRIPTS) if m else name


def _same(a, b):
    """Whether two values of a figure's JSON (dicts, lists, arrays, scalars) are equal."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(a, b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(
            _same(x, y) for x, y in zip(a, b, strict=True)
        )
    return type(a) is type(b) and a == b


def _changes(old, new, skip=()):
    """The top-level properties of ``new`` that differ from ``old`` (None: remove it)."""
    changed = {
        k: v
        for k, v in new.items()
        if k not in skip and (k not in old or not _same(old[k], v))
    }
    changed.update(dict.fromkeys(old.keys() - new.keys() - set(skip)))
    return changed


def _copy_into(widget, fig):
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
            changed = _changes(
                old.to_plotly_json(), new.to_plotly_json(), skip=("uid",)
            )
            if changed:
                old.update(changed, overwrite=True)
                sent = True
        changed = _changes(
            widget.layout.to_plotly_json(), fig.layout.to_plotly_json()
        )
        if changed:
            widget.layout.update(changed, overwrite=True)
            sent = True
    return sent


class _LiveFigure(FigureWidget):
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


def _merge(base, part):
    """``base`` with ``part``'s properties set, as plotly.js applies a frame to a trace.

    Nested objects (a marker, a title) are merged; anything else (a number, a list, a text)
    replaces what was there.
    """
    out = dict(base)
    for key, value in part.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


class _Steps:
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
            data[i] = _merge(data[i], part)
        layout = _merge(self.layout, frame.get("layout", {}))
        return checked_figure({"data": data, "layout": layout})


class _Figure(widgets.VBox):
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
            self.steps = _Steps(obj)
            self._show_steps()
            return
        self.steps = None
        self._draw(obj)
        self.children = (self.plot,)

    def _draw(self, fig):
        if self.plot is None or self.plot.deaf():
            # a plot that does not answer is replaced: a new one starts from the figure
            # (the old one is not closed: its view would log each message it still sends)
            self.plot = _LiveFigure(fig.data, fig.layout, self.config)
            self.children = (self.plot, *self.children[1:])
        else:
            if _copy_into(self.plot, fig):
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
        return f"_Figure(plot={self.plot is not None})"


# A figure function slower than this (seconds, its first call) redraws when a slider is
# released, not during a drag. The book's figures take 15-50 ms; its training runs 0.2 s and up.
SLOW = 0.2
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


RERUN = "Run the cell to bring this control back."

# Which of a widget's two texts is seen where. The website's article (.bd-article) shows the
# note for readers of the site; elsewhere the inline style keeps it hidden and the reader of a
# notebook without the widget's kernel sees RERUN.
_NOTE_CSS = (
    ".bd-article .live-note-site{display:inline!important}"
    ".bd-article .live-note-rerun{display:none}"
)
# JupyterLab draws a widget whose kernel is gone (a saved notebook, reopened) as the text
# "Error displaying widget: model not found" in an element with no children; this puts RERUN
# in its place. It only matches that state: a drawn widget has child elements.
_RERUN_CSS = (
    ".jp-OutputArea-output.jupyter-widgets:not(:has(*)){font-size:0}"
    ".jp-OutputArea-output.jupyter-widgets:not(:has(*))::before{"
    f'content:"{RERUN}";font-size:var(--jp-content-font-size1,14px)}}'
)


def live_note(what):
    """HTML shown in place of a live widget where no kernel runs it.

    On the website it says the control needs Python and where to launch the page; in a
    notebook front end (a reopened notebook, an untrusted one) it says :data:`RERUN`.
    """
    site = (
        "<strong>Live control: needs Python.</strong> "
        f"Here, {html.escape(what)}. Launch this page in Binder or Colab (the rocket button at "
        "the top of the page) or open the notebook in Jupyter to use it; the figures above are "
        "interactive right here."
    )
    return (
        f'<div class="live-only"><style>{_NOTE_CSS}</style>'
        f'<span class="live-note-site" style="display:none">{site}</span>'
        f'<span class="live-note-rerun">{RERUN}</span></div>'
    )


class _LiveWidget(widgets.VBox):
    """A VBox whose output also carries texts for renderers that cannot run widgets."""

    _what = "controls redraw the figure"

    def _repr_mimebundle_(self, **kwargs):
        parent = getattr(super(), "_repr_mimebundle_", None)
        if (
            parent is None
        ):  # ipywidgets 7 (Colab's) displays widgets another way
            bundle = {
                "text/plain": repr(self),
                "application/vnd.jupyter.widget-view+json": {
                    "version_major": 2,
                    "version_minor": 0,
                    "model_id": self.model_id,
                },
            }
        else:
            bundle = parent(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/html"] = live_note(self._what)
        return bundle

    def _ipython_display_(self):
        from IPython.display import display

        # first a style for JupyterLab (invisible everywhere), then the widget itself
        display(
            {"text/html": f"<style>{_RERUN_CSS}</style>", "text/plain": ""},
            raw=True,
        )
        bundle = self._repr_mimebundle_()
        display(bundle[0] if isinstance(bundle, tuple) else bundle, raw=True)


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


class Explorer(_LiveWidget):
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
    seconds : float, how long the figure function took to draw it
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
        self.output = _Figure()
        self.figure, self.error, self._holding = None, None, False
        self.seconds = 0.0
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

    def _redraw(self, change=None):
        if self._holding:
            return
        start = time.perf_counter()
        try:
            # One BLAS thread: a figure's arrays are small, and on a busy machine threads
            # that wait for each other made a 75 ms training run take 0.2 to 1 s.
            with _one_blas_thread():
                figure = self.figure_fn(**self.fixed, **self.values)
            self.figure, self.error = figure, None
            shown = self.figure
            self.seconds = time.perf_counter() - start
        except ValueError as err:
            # bad input: say so in words, and keep the controls alive
            self.figure, self.error = None, str(err)
            shown = f"<b>Cannot draw this:</b> {html.escape(self.error)}"
        self.output.show(shown)

    def __repr__(self):
        return f"Explorer({self.figure_fn.__name__}, controls={list(self.controls)})"


class PerceptronStepper(_LiveWidget):
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
        self.output = _Figure()
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
