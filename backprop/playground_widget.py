"""The live playground: TensorFlow Playground's controls around a :class:`Playground`.

The figures are ``plotly.graph_objects.FigureWidget`` objects built once from the pure figure
functions of :mod:`backprop.figures.playground`; each redraw computes the new data with the
same functions and sends only what changed, inside ``batch_update`` (at most one message per
figure). The heat maps (the output over the plane, every unit's thumbnail) and the points
are layout images there, PNG and SVG: plotly.js replots a FigureWidget whole at each
message, and an image costs that replot little, where a heat map is painted (and encoded as
a PNG) and every point styled anew. While playing, the new pictures and the epoch counter
of a frame go instead in one message to a small view (``_Ready``) that puts them in place
without a replot, so that a frame where only the pictures changed replots no figure.
Play runs as an asyncio task in the kernel's event loop, so the kernel keeps receiving clicks
(pause, a new learning rate) while it trains. This needs a running Python; on the static
website the widget's place shows a note instead.
"""

from __future__ import annotations

import asyncio
import collections
import html
import threading
import time

import anywidget
import ipywidgets as widgets
import numpy as np

from backprop._plotly_internals import set_image_source_silently
from backprop.figures import playground as figs
from backprop.figures.style import ERROR
from backprop.playground import (
    ACTIVATIONS,
    DATASETS,
    FEATURES,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_UNITS,
    REGULARIZATION_RATES,
    Diverged,
)
from backprop.widgets import _LiveFigure, _LiveWidget, _same

__all__ = ["PlaygroundWidget"]


class _Ready(anywidget.AnyWidget):
    """Invisible; tells the kernel that a browser shows the widget, and keeps pace.

    It says "ready" when it is drawn, and answers each "ping" once the browser has handled
    everything sent before it and painted a frame: the play loop keeps at most one frame
    waiting behind the one being drawn, so that frames never pile up in the browser.

    While playing, a ping also carries the frame's new pictures (the sources of layout
    images, by figure and index) and the epoch counter's text: it puts them in place in
    one go, in the figures plotly.js drew, as plotly.js's own image drawing does (the
    element's href, and the figure's layout, so that a later replot draws them too).
    Through a FigureWidget the same change replots the whole figure, about five times the
    time. Its answer says whether it could (``shown``); if not (a front end that draws the
    figures otherwise), the pictures go through the FigureWidgets from then on.

    The script reads plotly.js's private state (``gd._fullLayout``, and on each image d3's
    ``__data__._index`` and plotly.js's ``_imgSrc``): ``PLOTLY_JS_RELIES_ON`` in
    :mod:`backprop._plotly_internals` lists those names, with the plotly API it relies on.
    """

    _esm = """
const XLINK = "http://www.w3.org/1999/xlink";

function showImages(gd, changes) {
  if (!gd || !gd.layout || !gd._fullLayout) return false;
  const nodes = {};
  for (const node of gd.querySelectorAll("image")) {
    const d = node.__data__;  // plotly.js binds each image to its layout entry
    if (d && d._index !== undefined) nodes[d._index] = node;
  }
  for (const [k, source] of changes) {
    const image = (gd.layout.images || [])[k];
    const full = (gd._fullLayout.images || [])[k];
    const node = nodes[k];
    if (!image || !full || !node) return false;
    image.source = source;
    full.source = source;
    if (node.hasAttributeNS(XLINK, "href")) {
      node.setAttributeNS(XLINK, "xlink:href", source);
    } else {
      node.setAttribute("href", source);
    }
    node._imgSrc = source;
  }
  return true;
}

function showFrame(el, msg) {
  const root = el.closest(".backprop-playground");
  if (!root) return false;
  let shown = true;
  for (const [name, changes] of Object.entries(msg.images || {})) {
    const gd = root.querySelector(`.playground-${name} .js-plotly-plot`);
    shown = showImages(gd, changes) && shown;
  }
  const label = root.querySelector(".playground-epoch .widget-html-content");
  if (label && msg.epoch !== undefined) label.innerHTML = msg.epoch;
  return shown;
}

export default {
  render({ model, el }) {
    model.send({ ready: true });
    model.on("msg:custom", (msg) => {
      const shown = msg.images === undefined || showFrame(el, msg);
      if (msg.ping !== undefined) {
        requestAnimationFrame(() => model.send({ pong: msg.ping, shown }));
      }
    });
  },
};
"""


# A figure takes the width of its place: by default plotly.js keeps the 700 px it first
# drew at, and the place (a flex box) grows to fit it, so the figures' right sides were
# cut off.
_CSS = (
    "<style>.playground-figure > .js-plotly-plot"
    "{flex: 1 1 auto; width: 100%; min-width: 0}</style>"
)

_FIT = -1  # the ping that asks for _fit once it comes back
FRAME = 1 / 30  # at most 30 redraws a second while playing
LOSS_SECONDS = 0.25  # and the loss curve, which changes slowly, 4 a second
EPOCH_SECONDS = (
    1 / 30
)  # and about 30 epochs a second, however slow the drawing


# what changes from one epoch to the next; everything else is sent only on a full redraw
_MOVING = ("x", "y", "hovertext")


def _jsonable(value):
    """NaN (a gap in a line) as None: widget messages are strict JSON."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        gaps = np.isnan(value)
        if gaps.any():
            return np.where(gaps, None, value.astype(float)).tolist()
    return value


def _widget(fig, images, points=False):
    """A FigureWidget of a figure whose first trace (a heat map) is drawn as ``images``.

    plotly.js draws a heat map anew at every replot, with a canvas and a PNG encoder; a
    layout image is a PNG already. With ``points``, the point traces keep only their
    legend entries: an image draws the points (see ``figs.points_image``).
    """
    data = [trace.to_plotly_json() for trace in fig.data[1:]]
    if points:
        data = _legend_only(data)
    for trace in data:
        for key in ("x", "y"):
            if isinstance(trace.get(key), np.ndarray):
                trace[key] = _jsonable(trace[key])
    widget = _LiveFigure(data=data, layout=fig.layout)
    widget.layout.images = images
    return widget


def _legend_only(traces):
    """Point traces without their points (an image draws them), for their legend entries."""
    return [{**trace, "x": [], "y": []} for trace in traces]


def _moving(trace):
    """What changes from one epoch to the next in a trace (a dict of a figure function)."""
    moving = {key: trace[key] for key in _MOVING if key in trace}
    marker = trace.get("marker", {})
    if "opacity" in marker and not isinstance(marker["color"], str):
        moving["marker.color"] = marker["color"]  # the gradient badges
        moving["marker.opacity"] = marker["opacity"]
    return moving


def _refresh(
    fig,
    traces,
    images,
    layout=None,
    full=True,
    sent=None,
    fast=None,
    wait=(),
):
    """Copy new trace data (dicts of the figure functions, without their heat map) and new
    pictures (layout images) into a FigureWidget, in one message.

    With ``full=False`` only what moves while training is compared with ``sent`` (what was
    sent last; updated here), and only what differs is sent: plotly validates every property
    it is given in Python, and in the browser each FigureWidget message replots the figure
    whole (the widget marks its changes with a key plotly.js does not know), so a figure
    where nothing changed gets no message at all.

    With a list ``fast`` (and ``full=False``), the pictures that changed are not sent
    through the FigureWidget: they are added to ``fast`` as (index, source), for the play
    loop to send with its frame (see ``_Ready``), and written into the FigureWidget's own
    copy of its layout without a message, so that Python's copy keeps showing what the
    browser shows. The keys in ``wait`` (of ``_MOVING``) are not compared or sent this
    time.
    """
    if sent is None:
        sent = {}
    with fig.batch_update():
        if full:
            sent.clear()
            for trace, new in zip(fig.data, traces, strict=True):
                trace.update(
                    {k: _jsonable(v) for k, v in new.items() if k != "type"}
                )
            fig.layout.images = images
            fig.layout.update(layout or {})
        else:
            for k, (trace, new) in enumerate(
                zip(fig.data, traces, strict=True)
            ):
                for key, value in _moving(new).items():
                    if key in wait:
                        continue
                    if not _same(sent.get((k, key)), value):
                        trace[key] = _jsonable(value)
            for k, image in enumerate(images):
                if sent.get(("image", k)) == image["source"]:
                    continue
                if fast is None:
                    fig.layout.images[k].source = image["source"]
                else:
                    set_image_source_silently(fig, k, image["source"])
                    fast.append((k, image["source"]))
            if layout:
                fig.layout.update(layout)
    for k, new in enumerate(traces):
        for key, value in _moving(new).items():
            if full or key not in wait:
                sent[(k, key)] = value
    for k, image in enumerate(images):
        sent[("image", k)] = image["source"]


def _dropdown(label, options, value, width="15em"):
    return widgets.Dropdown(
        options=options,
        value=value,
        description=label,
        style={"description_width": "initial"},
        layout={"width": width},
    )


def _slider(label, value, lo, hi, step=1):
    """A slider of whole numbers that sets its value when released, not while dragged."""
    return widgets.IntSlider(
        value=value,
        min=lo,
        max=hi,
        step=step,
        description=label,
        style={"description_width": "7em"},
        continuous_update=False,
    )


class PlaygroundWidget(_LiveWidget):
    """Controls and figures for a :class:`backprop.playground.Playground`, kept in sync.

    ``PlaygroundWidget(pg)``, the last line of a notebook cell, shows them (with a running
    Python kernel); the controls change ``pg``, and ``pg`` is the playground trained.

    Attributes
    ----------
    pg : the playground (``pg.network`` is the trained ``backprop.nn.MLP``)
    figures : dict of "network", "output", "loss" -> FigureWidget
    redraws : how many times the figures were redrawn
    frame_seconds : the kernel's time for each of the last frames while playing (train an
        epoch, compute the figures' data, send it)
    """

    _what = (
        "TensorFlow Playground's controls train this network and redraw its "
        "figures; the recorded runs above play without Python"
    )

    def __init__(self, pg):
        self.pg = pg
        self.redraws = 0
        # Widget messages may arrive on a kernel subshell's thread (JupyterLab 4 sends them
        # there), while play runs in the main thread's event loop: every callback is moved
        # to that loop, so that training and the controls never run at the same time.
        try:
            self._loop = asyncio.get_running_loop()
        except (
            RuntimeError
        ):  # no event loop (a script, the tests): call directly
            self._loop = None
        self._main_thread = threading.current_thread()
        self.frame_seconds = collections.deque(
            maxlen=500
        )  # kernel time per frame
        self._task = None
        self._busy = False  # True while the controls are being set from pg
        s = pg.settings
        self.figures = {}  # FigureWidgets, made by `start` once a browser shows us
        waiting = widgets.HTML("<i>Drawing the figures…</i>")
        self.slots = {
            name: widgets.Box(
                [waiting] if name == "network" else [],
                layout={"width": "100%", "min_width": "0"},
            )
            for name in ("network", "output", "loss")
        }
        for name, slot in self.slots.items():
            slot.add_class("playground-figure")
            slot.add_class(f"playground-{name}")
        self._ready = _Ready()
        self._ready.on_msg(self._main(self._on_browser))
        self._pong = None  # an asyncio.Event while playing
        self._sent_frame = self._drawn = (
            0  # the last frame sent, drawn ("pong")
        )
        self._points = None  # the output figure's points, as an image
        self._frame = None  # while playing: a frame's pictures and counter
        self._fast = True  # False once the browser could not show a frame
        self._sent = {
            "network": {},
            "output": {},
            "loss": {},
        }  # what is on screen
        # run
        self.play = widgets.ToggleButton(
            description="▶ play", tooltip="train continuously (play / pause)"
        )
        self.step_button = widgets.Button(
            description="step", tooltip="one epoch"
        )
        self.reset_button = widgets.Button(
            description="reset", tooltip="back to epoch 0, the initial weights"
        )
        self.epoch_text = widgets.HTML()
        self.status = widgets.HTML()
        # hyperparameters
        self.lr = _dropdown(
            "learning rate α", [(f"{v:g}", v) for v in LEARNING_RATES], s["lr"]
        )
        self.activation = _dropdown(
            "activation f", list(ACTIVATIONS), s["activation"]
        )
        self.regularization = _dropdown(
            "regularisation",
            [
                "none",
                "L1",
                "L2",
            ],  # a Dropdown's None would mean "nothing chosen"
            s["regularization"] or "none",
        )
        rates = sorted(set(REGULARIZATION_RATES) | {s["reg_rate"]})
        self.reg_rate = _dropdown(
            "rate λ", [(f"{v:g}", v) for v in rates], s["reg_rate"], "10em"
        )
        self.problem = _dropdown(
            "problem", ["classification", "regression"], s["problem"], "17em"
        )
        # data
        self.dataset = _dropdown(
            "data", self._datasets(s["problem"]), s["dataset"], "16em"
        )
        self.noise = _slider("noise %", round(100 * s["noise"]), 0, 50, 5)
        self.train_ratio = _slider(
            "training %", round(100 * s["train_fraction"]), 10, 90, 10
        )
        self.batch_size = _slider("batch size", s["batch_size"], 1, 30)
        self.regenerate = widgets.Button(
            description="regenerate",
            tooltip="new points from the same data set",
            layout={"width": "9.5em"},
        )
        self.show_test = widgets.Checkbox(
            description="show test data", indent=False
        )
        self.features = {
            name: widgets.Checkbox(
                value=name in s["features"],
                description=name,
                indent=False,
                layout={"width": "6.5em"},
            )
            for name in FEATURES
        }
        # architecture
        self.add_layer = widgets.Button(
            description="+ layer", tooltip="add a hidden layer"
        )
        self.remove_layer = widgets.Button(
            description="− layer", tooltip="remove the last hidden layer"
        )
        self.layer_text = widgets.HTML()
        self.layer_buttons = widgets.HBox()
        self.gradients = widgets.Checkbox(
            description="colour by the gradients of J + λR (last batch)",
            indent=False,
            layout={"width": "auto"},
        )
        self.export_note = widgets.HTML(
            "<small>In the next cell, <code>pg.network</code> is this network, "
            "a <code>backprop.nn.MLP</code>.</small>"
        )
        self.epoch_text.add_class("playground-epoch")
        super().__init__(
            [
                *self._arrange(),
                self._ready,
                widgets.HTML(_CSS, layout={"display": "none"}),
            ]
        )
        self.add_class("backprop-playground")
        self._wire()
        self._sync_layers()
        self.redraw(full=True)

    def start(self):
        """Make the figures (once). The browser asks for this when it shows the widget.

        Waiting for it keeps the figures (and plotly.js inside each FigureWidget's state)
        out of a notebook executed without a browser, such as the website's build.
        """
        if self.figures:
            return
        state = self.pg.state()
        loss = figs.losses(state)
        self.figures = {
            "network": _widget(figs.network(state), figs.unit_images(state)),
            "output": _widget(
                figs.boundary(state),
                [figs.boundary_image(state), figs.points_image(state)],
                points=True,
            ),
            "loss": _LiveFigure(data=loss.data, layout=loss.layout),
        }
        for name, fig in self.figures.items():
            fig.layout.autosize = True
            self.slots[name].children = [fig]
        # the map is an image under the axes: no grid lines across it, as under a heat map
        self.figures["output"].update_xaxes(showgrid=False)
        self.figures["output"].update_yaxes(showgrid=False)
        self.redraw(full=True)

    # layout ------------------------------------------------------------------------------------

    def _arrange(self):
        wrap = {"flex_flow": "row wrap", "align_items": "center"}
        run = widgets.HBox(
            [self.play, self.step_button, self.reset_button, self.epoch_text],
            layout=wrap,
        )
        settings = widgets.HBox(
            [
                self.lr,
                self.activation,
                self.regularization,
                self.reg_rate,
                self.problem,
            ],
            layout=wrap,
        )
        data = widgets.VBox(
            [
                widgets.HTML("<b>Data</b>"),
                self.dataset,
                self.noise,
                self.train_ratio,
                self.batch_size,
                widgets.HBox([self.regenerate, self.show_test]),
                widgets.HTML("<b>Features</b> (the inputs x)"),
                widgets.HBox(list(self.features.values()), layout=wrap),
            ],
            layout={"width": "25em"},
        )
        net = widgets.VBox(
            [
                widgets.HBox(
                    [self.add_layer, self.remove_layer, self.layer_text],
                    layout=wrap,
                ),
                self.layer_buttons,
                self.gradients,
                self.slots["network"],
            ],
            layout={"flex": "1 1 24em", "min_width": "18em"},
        )
        plots = widgets.HBox(
            [
                widgets.Box(
                    [self.slots["output"]], layout={"flex": "1 1 22em"}
                ),
                widgets.VBox(
                    [self.status, self.slots["loss"], self.export_note],
                    layout={"flex": "1 1 22em"},
                ),
            ],
            layout={"flex_flow": "row wrap"},
        )
        return [
            run,
            settings,
            widgets.HBox([data, net], layout={"flex_flow": "row wrap"}),
            plots,
        ]

    @staticmethod
    def _datasets(problem):
        return [name for name, p in DATASETS.items() if p == problem]

    def _sync_layers(self):
        """One column of + / − unit buttons per hidden layer."""
        hidden = self.pg.hidden
        n = len(hidden)
        self.layer_text.value = f"{n} hidden layer{'s' * (n != 1)}: {', '.join(map(str, hidden)) or 'none'}"
        self.add_layer.disabled = n >= MAX_LAYERS
        self.remove_layer.disabled = n == 0
        columns = []
        for i, units in enumerate(hidden):
            plus = widgets.Button(
                description="+",
                tooltip=f"add a unit to layer {i + 1}",
                disabled=units >= MAX_UNITS,
                layout={"width": "2.5em"},
            )
            minus = widgets.Button(
                description="−",
                tooltip=f"remove a unit from layer {i + 1}",
                disabled=units <= 1,
                layout={"width": "2.5em"},
            )
            plus.on_click(self._main(lambda _, i=i: self._change_units(i, +1)))
            minus.on_click(
                self._main(lambda _, i=i: self._change_units(i, -1))
            )
            columns.append(
                widgets.VBox(
                    [
                        widgets.HTML(f"layer {i + 1}: {units}"),
                        widgets.HBox([plus, minus]),
                    ]
                )
            )
        self.layer_buttons.children = columns

    # wiring ------------------------------------------------------------------------------------

    def _main(self, callback):
        """callback, run in the main thread's event loop whatever thread calls it."""

        def run(*args):
            if (
                self._loop is None
                or threading.current_thread() is self._main_thread
            ):
                callback(*args)
            else:
                self._loop.call_soon_threadsafe(callback, *args)

        return run

    def _wire(self):
        main = self._main
        self.play.observe(main(self._on_play), names="value")
        self.step_button.on_click(main(lambda _: self.step()))
        self.reset_button.on_click(main(lambda _: self._apply(reset=True)))
        self.regenerate.on_click(main(lambda _: self._apply(regenerate=True)))
        self.add_layer.on_click(main(lambda _: self._change_layers(+1)))
        self.remove_layer.on_click(main(lambda _: self._change_layers(-1)))
        redraw = main(lambda _: self.redraw(full=True))
        self.show_test.observe(redraw, names="value")
        self.gradients.observe(redraw, names="value")
        self.problem.observe(main(self._on_problem), names="value")
        simple = {
            "lr": (self.lr, None),
            "activation": (self.activation, None),
            "regularization": (
                self.regularization,
                lambda v: None if v == "none" else v,
            ),
            "reg_rate": (self.reg_rate, None),
            "dataset": (self.dataset, None),
            "batch_size": (self.batch_size, None),
            "noise": (self.noise, lambda v: v / 100),
            "train_fraction": (self.train_ratio, lambda v: v / 100),
        }
        for name, (control, convert) in simple.items():
            control.observe(
                main(
                    lambda change, name=name, convert=convert: self._setting(
                        name, convert(change.new) if convert else change.new
                    )
                ),
                names="value",
            )
        for box in self.features.values():
            box.observe(main(lambda _: self._on_features()), names="value")

    def _setting(self, name, value):
        if not self._busy:
            self._apply(**{name: value})

    def _apply(self, reset=False, regenerate=False, **changes):
        """Change the playground, then redraw; a bad setting is shown, not raised."""
        try:
            if changes:
                self.pg.set(**changes)
            if regenerate:
                self.pg.regenerate()
            elif reset:
                self.pg.reset()
        except (TypeError, ValueError) as err:
            self.status.value = (
                f"<b role='alert'>Cannot use this: {html.escape(str(err))}</b>"
            )
            return
        self._sync_layers()
        self.redraw(full=True)

    def _on_problem(self, change):
        if self._busy:
            return
        options = self._datasets(change.new)
        self._busy = True
        try:
            self.dataset.options = options
            self.dataset.value = options[0]
        finally:
            self._busy = False
        self._apply(problem=change.new, dataset=options[0])

    def _on_features(self):
        chosen = [name for name, box in self.features.items() if box.value]
        if not chosen:  # keep one input: a network needs one
            self.status.value = (
                "<b role='alert'>Keep at least one feature.</b>"
            )
            return
        self._apply(features=chosen)

    def _change_layers(self, delta):
        hidden = list(self.pg.hidden)
        hidden = hidden + [2] if delta > 0 else hidden[:-1]
        self._apply(hidden=hidden)

    def _change_units(self, layer, delta):
        hidden = list(self.pg.hidden)
        hidden[layer] += delta
        self._apply(hidden=hidden)

    # training ----------------------------------------------------------------------------------

    def step(self, epochs=1, losses=True):
        """Train `epochs` epochs and redraw; a divergence stops play and is shown."""
        try:
            self.pg.step(epochs)
        except Diverged:
            self.play.value = False
        self.redraw(losses=losses)

    def _on_play(self, change):
        self.play.description = "❚❚ pause" if change.new else "▶ play"
        if change.new and (self._task is None or self._task.done()):
            self._task = asyncio.ensure_future(self._run())

    def _on_browser(self, _, content, buffers=None):
        if content.get("ready"):
            self.start()
            self._ready.send(
                {"ping": _FIT}
            )  # answered once the figures are drawn
        elif content.get("pong") == _FIT:
            self._fit()
        elif "pong" in content:
            if content.get("shown") is False and self._fast:
                self._slow()
            self._drawn = max(self._drawn, int(content["pong"]))
            if self._pong is not None:
                self._pong.set()

    def _fit(self):
        """Replot the figures now that the browser has drawn them in their places.

        plotly.js draws a FigureWidget at 700 px when its place is not laid out yet, and
        keeps that width until the next change (the figures' right sides were cut off);
        any change makes it replot at the width of the place.
        """
        for fig in self.figures.values():
            fig.layout.datarevision = (fig.layout.datarevision or 0) + 1

    def _slow(self):
        """From now on, send the pictures through the FigureWidgets (see ``_Ready``).

        The browser did not put a frame's pictures in place: what it shows is unknown, so
        the next redraw sends every picture (the FigureWidgets send only a change from
        their own copies).
        """
        self._fast = False
        for name in ("network", "output"):
            fig = self.figures[name]
            for k in range(len(fig.layout.images)):
                set_image_source_silently(fig, k, "")
            sent = self._sent[name]
            for key in [key for key in sent if key[0] == "image"]:
                del sent[key]

    async def _run(self):
        """Train and redraw until paused, yielding to the event loop after each frame.

        One frame is in flight: the kernel trains and sends frame k while the browser draws
        frame k - 1, and it sends frame k only once the browser has drawn frame k - 2 (or a
        second has passed), so frames never pile up in the browser. Training keeps its pace
        whatever the browser's: about one epoch per EPOCH_SECONDS, as many per frame as
        that needs (at most 10), so the picture always shows the latest state.
        """
        self._pong = asyncio.Event()
        owed, last = 1.0, time.perf_counter()
        drawn_losses = last  # when the loss curve was last sent
        while self.play.value and not self.pg.diverged:
            if (
                self.figures
            ):  # a browser draws them: wait until it has caught up
                deadline = time.perf_counter() + 1.0
                while (
                    self._drawn < self._sent_frame - 1
                    and time.perf_counter() < deadline
                ):
                    self._pong.clear()
                    try:
                        await asyncio.wait_for(
                            self._pong.wait(), deadline - time.perf_counter()
                        )
                    except asyncio.TimeoutError:
                        break
                if not self.play.value:
                    break
            start = time.perf_counter()
            owed = min(10.0, owed + (start - last) / EPOCH_SECONDS)
            last = start
            epochs = max(1, int(owed))
            owed -= epochs
            losses = start - drawn_losses >= LOSS_SECONDS
            drawn_losses = start if losses else drawn_losses
            if self.figures and self._fast:  # pictures, counter in the ping
                self._frame = {"images": {}}
            try:
                self.step(epochs, losses=losses)
            finally:
                frame, self._frame = self._frame, None
            if self.figures:
                self._sent_frame += 1
                self._ready.send({**(frame or {}), "ping": self._sent_frame})
                # the counter's own state, after the ping that shows it with the pictures
                if frame and "epoch" in frame:
                    self.epoch_text.value = frame["epoch"]
            self.frame_seconds.append(time.perf_counter() - start)
            await asyncio.sleep(
                max(0.001, FRAME - (time.perf_counter() - start))
            )
        self._pong = None
        if self.figures:  # paused: the loss curve too shows the last epoch
            self._draw_figures(full=False)

    # drawing -----------------------------------------------------------------------------------

    def redraw(self, full=False, losses=True):
        """Send the new data of every figure (only what moved, unless full), and the texts.

        Only the counter names the epoch (the output's title does not, as in TensorFlow
        Playground): two texts in two widgets would change in two steps on screen, and
        for a moment disagree. With ``losses=False``
        the loss curve and its numbers wait: every change to a FigureWidget makes plotly.js
        replot it whole, so while playing they follow every LOSS_SECONDS, the pictures and
        the counter every frame.
        """
        if self.figures:
            self._draw_figures(full, losses)
        else:
            self._texts()
        self.redraws += 1

    def _texts(self, losses=True):
        """The epoch counter, and with ``losses`` the numbers beside the loss curve."""
        pg = self.pg
        epoch = (
            f"<span style='font-size:1.3em;font-variant-numeric:tabular-nums'>"
            f"Epoch {pg.epoch:,}</span>"
        )
        if self._frame is not None:  # playing: sent with the frame's pictures
            self._frame["epoch"] = epoch
        else:
            self.epoch_text.value = epoch
        if not (losses or pg.diverged):
            return
        text = (
            f"Training loss <b>{pg.train_loss:.3f}</b> · test loss "
            f"<b>{pg.test_loss:.3f}</b>"
        )
        if pg.problem == "classification":
            text += f" · test accuracy <b>{pg.test_accuracy:.3f}</b>"
        if pg.diverged:
            text += (
                f"<br><b role='alert' style='color:{ERROR}'>Stopped: "
                f"{html.escape(pg.diverged)}, then reset.</b>"
            )
        self.status.value = text

    def _draw_figures(self, full, losses=True):
        state = self.pg.state()
        gradients = self.gradients.value
        sent = self._sent
        # while playing, the pictures go with the frame's ping (see _Ready); the units'
        # hover texts, which change every epoch but are read only under the pointer,
        # follow with the loss curve
        fast = self._frame["images"] if self._frame and not full else None
        if fast is not None:
            fast["network"], fast["output"] = [], []
        layout = figs.network_layout(state, gradients)
        title = layout["title"]["text"]
        if not full:  # the title changes with the penalty in the gradients
            shown = self.figures["network"].layout.title.text
            layout = None if shown == title else {"title.text": title}
        _refresh(
            self.figures["network"],
            figs.network_traces(state, gradients)[1:],
            figs.unit_images(state),
            layout,
            full=full,
            sent=sent["network"],
            fast=None if fast is None else fast["network"],
            wait=() if losses else ("hovertext",),
        )
        if losses or full:
            _refresh(
                self.figures["loss"],
                figs.loss_traces(state),
                [],
                full=full,
                sent=sent["loss"],
            )
        self._texts(losses or full)
        show_test = self.show_test.value
        if full or self._points is None:  # the points move only then
            self._points = figs.points_image(state, show_test)
        _refresh(
            self.figures["output"],
            _legend_only(figs.boundary_traces(state, show_test)[1:]),
            [figs.boundary_image(state), self._points],
            {"title.text": "Output"} if full else None,
            full=full,
            sent=sent["output"],
            fast=None if fast is None else fast["output"],
        )

    def __repr__(self):
        return f"PlaygroundWidget({self.pg!r})"
