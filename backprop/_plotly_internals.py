"""Every use the package makes of plotly's private API, in one place.

plotly's ``FigureWidget`` has no public way to do some of what the widgets need: open its
channel to the browser with the whole figure in the first message, send a heat map's rows
as binary, leave the browser's reports unechoed, note that the browser has drawn an edit
without merging the defaults plotly.js computed, and change a picture in its own copy of
the layout without sending it. Each of these uses names plotly keeps private (a leading
underscore), which any release may rename or drop. They are used here and nowhere else in
the package: :mod:`backprop.live_figure` and :mod:`backprop.live_playground.view` call
the functions and the class below.

:data:`RELIES_ON` lists every private name used here; ``tests/test_plotly_internals.py``
checks that the installed plotly still has each one, and :func:`missing` is what it
calls. ``pyproject.toml`` bounds plotly to the releases this module is tested with.

In the browser, the playground's frame view (``live_playground/frame_view.mjs``, sent by
:class:`backprop.live_playground.channel.FrameView`) reads plotly.js's private state as well: the figure's
``_fullLayout`` and, on each drawn image, d3's ``__data__`` (the layout entry it was drawn
from, with plotly.js's ``_index``) and plotly.js's ``_imgSrc``.
:data:`PLOTLY_JS_RELIES_ON` lists them. The test can only check that the plotly.js bundled
with plotly's FigureWidget still contains those names; whether they still mean the same is
something only a browser can tell (the JupyterLab test of ``tests/test_playground.py``).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import plotly
import plotly.graph_objects as go
from traitlets import Dict, List, observe

__all__ = [
    "PLOTLY_JS_RELIES_ON",
    "RELIES_ON",
    "FigureWidget",
    "missing",
    "css_colour_names",
    "missing_in_plotly_js",
    "set_image_source_silently",
    "to_js",
    "why_missing",
]

# The private names used here, by the module or class they belong to.
RELIES_ON = {
    "plotly.serializers": ("_js_to_py", "_py_to_js", "custom_serializers"),
    # the CSS colour names plotly accepts (plotly's private _plotly_utils package), which
    # the test of backprop.figures.style looks for in the package's code
    "_plotly_utils.basevalidators": ("ColorValidator",),
    "plotly.graph_objects.FigureWidget": (
        # the traits through which a FigureWidget talks to plotly.js
        "_config",
        "_widget_data",
        "_py2js_addTraces",
        "_py2js_restyle",
        "_py2js_update",
        "_js2py_traceDeltas",
        "_js2py_layoutDelta",
        # the handler of the browser's report on traces, replaced here by name
        "_handler_js2py_traceDeltas",
        # the bookkeeping of edits that handler keeps
        "_last_trace_edit_id",
        "_trace_edit_in_process",
        "_layout_edit_in_process",
        "_waiting_edit_callbacks",
        # the figure's own copy of its layout, as plain dicts
        "_layout",
    ),
}

# What the playground's frame view reads in the browser (see the module's docstring).
PLOTLY_JS_RELIES_ON = ("_fullLayout", "__data__", "_index", "_imgSrc")


def why_missing(name):
    """The message for a private name of :data:`RELIES_ON` the installed plotly lacks."""
    return (
        f"plotly {plotly.__version__} no longer has {name}, which "
        "backprop/_plotly_internals.py relies on: install a plotly within the bounds of "
        "pyproject.toml, or adapt that module"
    )


def _private(module, name):
    """A private name of a plotly module, or an ImportError that says which and why."""
    try:
        return getattr(importlib.import_module(module), name)
    except (AttributeError, ModuleNotFoundError):
        raise ImportError(why_missing(f"{module}.{name}")) from None


def _owner(path):
    """The module, or an instance of the class, named ``path``; None if plotly lacks it.

    A class is instantiated: some of its private names are set by its constructor.
    """
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError:
        pass
    module, _, name = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)()
    except (AttributeError, ModuleNotFoundError):
        return None


def missing():
    """The names of :data:`RELIES_ON` that the installed plotly lacks, as ``owner.name``."""
    gone = []
    for path, names in RELIES_ON.items():
        owner = _owner(path)
        gone += [
            f"{path}.{name}"
            for name in names
            if owner is None or not hasattr(owner, name)
        ]
    return gone


def missing_in_plotly_js():
    """The names of :data:`PLOTLY_JS_RELIES_ON` absent from the FigureWidget's plotly.js."""
    script = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
    text = script.read_text(encoding="utf-8") if script.exists() else ""
    return [name for name in PLOTLY_JS_RELIES_ON if name not in text]


_py_to_js = _private("plotly.serializers", "_py_to_js")
_js_to_py = _private("plotly.serializers", "_js_to_py")
_custom_serializers = _private("plotly.serializers", "custom_serializers")


def css_colour_names():
    """The CSS colour names plotly accepts for a colour ("white", "chocolate"...)."""
    validator = _private("_plotly_utils.basevalidators", "ColorValidator")
    return frozenset(validator.named_colors)


def to_js(value, widget_manager):
    """plotly's serializer, but a 2-D numeric array (a heatmap's z) goes row by row.

    plotly sends a 1-D array as binary, and writes any other array out as text: a 41 x 41 heatmap
    became 35 KB of JSON on every update. Each row is a 1-D array, sent as binary; plotly.js
    takes a z whose rows are typed arrays.
    """
    if isinstance(value, np.ndarray) and value.ndim == 2:
        return [
            _py_to_js(np.ascontiguousarray(row), widget_manager)
            for row in value
        ]
    if isinstance(value, dict):
        return {k: to_js(v, widget_manager) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_js(v, widget_manager) for v in value]
    return _py_to_js(value, widget_manager)


_SERIALIZERS = {"from_json": _js_to_py, "to_json": to_js}


class FigureWidget(go.FigureWidget):
    """plotly's FigureWidget, whose first message to the browser carries the whole figure.

    plotly's FigureWidget opens its channel to the browser before it has set its traces and
    layout, then sends them as a second message. A view drawn between the two (on a busy
    machine, seen in JupyterLab) drew empty axes, and plotly.js never draws a later
    ``_widget_data`` again: every update after that went to a plot with no traces. Here the
    channel opens only once the figure and its ``config`` are set, so there is no such moment.

    It also does not echo back what the browser reports after each redraw. After every update
    plotly.js sends the figure's computed defaults (about 8 KB) to Python; ipywidgets 8 sends
    each such message back to the browser as an echo. Nothing here reads the echo, and skipping
    it leaves the kernel free for the next slider move sooner.

    Each time the browser reports a drawing (of the traces or the layout) it calls
    ``_drawn``, which does nothing here: a subclass notes what it needs.
    """

    def __init__(self, data=None, layout=None, config=None):
        self._built = False  # ipywidgets' constructor calls open(): not yet
        super().__init__(data=data, layout=layout)
        if config is not None:
            self._config = config
        self._built = True
        self.open()

    def open(self):
        """Open the channel to the browser, with the full state, once the figure is set."""
        if self._built:
            super().open()

    def _drawn(self):
        """The browser reported a drawing (of the traces or the layout)."""

    @observe("_js2py_layoutDelta")
    def _note_layout_drawn(self, change):
        if change["new"]:
            self._drawn()

    _js2py_traceDeltas = Dict(allow_none=True).tag(
        sync=True, echo_update=False, **_custom_serializers
    )
    _js2py_layoutDelta = Dict(allow_none=True).tag(
        sync=True, echo_update=False, **_custom_serializers
    )
    # what Python sends: the figure, and the updates of its traces (see to_js)
    _widget_data = List().tag(sync=True, **_SERIALIZERS)
    _py2js_addTraces = Dict(allow_none=True).tag(sync=True, **_SERIALIZERS)
    _py2js_restyle = Dict(allow_none=True).tag(sync=True, **_SERIALIZERS)
    _py2js_update = Dict(allow_none=True).tag(sync=True, **_SERIALIZERS)

    @observe("_js2py_traceDeltas")
    def _handler_js2py_traceDeltas(self, change):
        """The browser's report that an edit of the traces is drawn: note that, and only that.

        plotly's own handler also merges the defaults plotly.js computed into each trace; with
        a NumPy array among a trace's properties it raises (ValueError, "truth value of an
        array"), after every update, and formatting that error kept the kernel busy for
        40-60 ms. Nothing here reads those defaults.
        """
        msg = change["new"]
        if not msg:
            return
        self._drawn()
        if msg["trace_edit_id"] == self._last_trace_edit_id:
            self._trace_edit_in_process = False
            if not self._layout_edit_in_process:
                while self._waiting_edit_callbacks:
                    self._waiting_edit_callbacks.pop()()
        self._js2py_traceDeltas = None


def set_image_source_silently(fig, k, source):
    """Set the source of layout image ``k`` in ``fig``'s own copy of its layout only.

    Nothing is sent to the browser: the caller puts the picture on screen another way. A
    later change of that image through ``fig.layout`` is compared with this source, as
    plotly sends only what differs from its own copy (set ``""`` to make the next change
    of the source be sent whatever it is).
    """
    fig._layout["images"][k]["source"] = source
