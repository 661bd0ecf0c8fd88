"""The playground's three figures, kept showing a playground's state.

The figures are ``plotly.graph_objects.FigureWidget`` objects built once from the pure figure
functions of :mod:`backprop.figures.playground`; each redraw computes the new data with the
same functions and sends only what changed, inside ``batch_update`` (at most one message per
figure). The heat maps (the output over the plane, every unit's thumbnail) and the points
are layout images there, PNG and SVG: plotly.js replots a FigureWidget whole at each
message, and an image costs that replot little, where a heat map is painted (and encoded as
a PNG) and every point styled anew. While playing, the new pictures can instead go to the
browser with the frame (see :mod:`backprop.live_playground.channel`), which puts them in
place without a replot.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from backprop._plotly_internals import set_image_source_silently
from backprop.figures import playground as figs
from backprop.live_figure import LiveFigure, same

__all__ = ["FIGURES", "PlaygroundView"]

FIGURES = ("network", "output", "loss")

# what changes from one epoch to the next; everything else is sent only on a full redraw
_MOVING = ("x", "y", "hovertext")


def _jsonable(value):
    """NaN (a gap in a line) as None: widget messages are strict JSON."""
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        gaps = np.isnan(value)
        if gaps.any():
            return np.where(gaps, None, value.astype(float)).tolist()
    return value


def _legend_only(traces):
    """Point traces without their points (an image draws them), for their legend entries."""
    return [{**trace, "x": [], "y": []} for trace in traces]


def _figure_widget(fig, images, points=False):
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
    widget = LiveFigure(data=data, layout=fig.layout)
    widget.layout.images = images
    return widget


def _moving(trace):
    """What changes from one epoch to the next in a trace (a dict of a figure function)."""
    moving = {key: trace[key] for key in _MOVING if key in trace}
    marker = trace.get("marker", {})
    if "opacity" in marker and not isinstance(marker["color"], str):
        moving["marker.color"] = marker["color"]  # the gradient badges
        moving["marker.opacity"] = marker["opacity"]
    return moving


def _refresh(
    fig, traces, images, layout=None, *, sent, full=True, fast=None, wait=()
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
    loop to send with its frame, and written into the FigureWidget's own copy of its layout
    without a message, so that Python's copy keeps showing what the browser shows. The keys
    in ``wait`` (of ``_MOVING``) are not compared or sent this time.
    """
    with fig.batch_update():
        if full:
            sent.clear()
            _replace(fig, traces, images, layout)
        else:
            _update(fig, traces, images, layout, sent, fast, wait)
    for k, new in enumerate(traces):
        for key, value in _moving(new).items():
            if full or key not in wait:
                sent[(k, key)] = value
    for k, image in enumerate(images):
        sent[("image", k)] = image["source"]


def _replace(fig, traces, images, layout):
    """Set every trace's properties, the pictures and the layout."""
    for trace, new in zip(fig.data, traces, strict=True):
        trace.update({k: _jsonable(v) for k, v in new.items() if k != "type"})
    fig.layout.images = images
    fig.layout.update(layout or {})


def _update(fig, traces, images, layout, sent, fast, wait):
    """Set what moved since ``sent``; pictures into ``fast`` if it is a list."""
    for k, (trace, new) in enumerate(zip(fig.data, traces, strict=True)):
        for key, value in _moving(new).items():
            if key not in wait and not same(sent.get((k, key)), value):
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


class PlaygroundView:
    """The network diagram, the output over the plane and the loss curve, as FigureWidgets.

    Attributes
    ----------
    slots : dict of name -> ipywidgets.Box, where each figure goes on screen
    figures : dict of name -> FigureWidget; empty until :meth:`start`
    fast : whether a frame's pictures may go with the frame (False once the browser could
        not show them: see :meth:`slow`)
    """

    def __init__(self):
        waiting = widgets.HTML("<i>Drawing the figures…</i>")
        self.slots = {
            name: widgets.Box(
                [waiting] if name == "network" else [],
                layout={"width": "100%", "min_width": "0"},
            )
            for name in FIGURES
        }
        for name, slot in self.slots.items():
            slot.add_class("playground-figure")
            slot.add_class(f"playground-{name}")
        self.figures = {}
        self.fast = True
        self._sent = {name: {} for name in FIGURES}  # what is on screen
        self._points = None  # the output figure's points, as an image

    def stills(self, state):
        """The network, its output and its loss curve for ``state``, as plain figures: what
        the print edition shows of the widget."""
        return [figs.network(state), figs.boundary(state), figs.losses(state)]

    def start(self, state):
        """Make the figures from a playground's state, and put them in their slots."""
        loss = figs.losses(state)
        self.figures = {
            "network": _figure_widget(
                figs.network(state), figs.unit_images(state)
            ),
            "output": _figure_widget(
                figs.boundary(state),
                [figs.boundary_image(state), figs.points_image(state)],
                points=True,
            ),
            "loss": LiveFigure(data=loss.data, layout=loss.layout),
        }
        for name, fig in self.figures.items():
            fig.layout.autosize = True
            self.slots[name].children = [fig]
        # the map is an image under the axes: no grid lines across it, as under a heat map
        self.figures["output"].update_xaxes(showgrid=False)
        self.figures["output"].update_yaxes(showgrid=False)

    def draw(
        self,
        state,
        *,
        full=False,
        losses=True,
        gradients=False,
        show_test=False,
        pictures=None,
        new_points=False,
    ):
        """Show ``state`` (of ``Playground.state()``): everything, or only what moved.

        The points are drawn anew on a full redraw, or with ``new_points`` (the data
        changed, the figures did not: new noise, another split).

        With ``losses=False`` the loss curve and the units' hover texts (which change every
        epoch but are read only under the pointer) wait. With a dict ``pictures`` (and
        ``full=False``), the new pictures go there, as lists of (index, source) under
        "network" and "output", instead of through the FigureWidgets.
        """
        fast = None if full else pictures
        if fast is not None:
            fast["network"], fast["output"] = [], []
        self._draw_network(state, full, losses, gradients, fast)
        if losses or full:
            _refresh(
                self.figures["loss"],
                figs.loss_traces(state),
                [],
                full=full,
                sent=self._sent["loss"],
            )
        # the points move only then
        if full or new_points or self._points is None:
            self._points = figs.points_image(state, show_test)
        _refresh(
            self.figures["output"],
            _legend_only(figs.boundary_traces(state, show_test)[1:]),
            [figs.boundary_image(state), self._points],
            {"title.text": "Output"} if full else None,
            full=full,
            sent=self._sent["output"],
            fast=None if fast is None else fast["output"],
        )

    def _draw_network(self, state, full, losses, gradients, fast):
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
            sent=self._sent["network"],
            fast=None if fast is None else fast["network"],
            wait=() if losses else ("hovertext",),
        )

    def fit(self):
        """Replot the figures now that the browser has drawn them in their places.

        plotly.js draws a FigureWidget at 700 px when its place is not laid out yet, and
        keeps that width until the next change (the figures' right sides were cut off);
        any change makes it replot at the width of the place.
        """
        for fig in self.figures.values():
            fig.layout.datarevision = (fig.layout.datarevision or 0) + 1

    def slow(self):
        """From now on, send the pictures through the FigureWidgets.

        The browser did not put a frame's pictures in place: what it shows is unknown, so
        the next redraw sends every picture (the FigureWidgets send only a change from
        their own copies).
        """
        self.fast = False
        for name in ("network", "output"):
            fig = self.figures[name]
            for k in range(len(fig.layout.images)):
                set_image_source_silently(fig, k, "")
            sent = self._sent[name]
            for key in [key for key in sent if key[0] == "image"]:
                del sent[key]

    def __repr__(self):
        return (
            f"PlaygroundView(figures={list(self.figures)}, fast={self.fast})"
        )
