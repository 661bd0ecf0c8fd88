"""How the book's plotly figures look and how they are rendered.

The website is built offline, so a figure must not pull plotly.js (or MathJax) from the internet,
and it must not inline 4.8 MB of plotly.js either. :class:`BookRenderer` turns a figure into a small
``text/html`` snippet that draws it with the ``Plotly`` object already on the page; the book's
Sphinx extension (:mod:`backprop.sphinxext`) serves plotly.js once, only to pages that need it.
JupyterLab, VS Code and Binder keep using plotly's own mimetype, which is sent alongside.
"""

from __future__ import annotations

import hashlib
import sys

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

from backprop.figures.style import COLORWAY, LEGEND_BACKGROUND

# The two classes' names in legends; their colours and markers are in backprop.figures.style.
CLASS_NAMES = ("cherry (t = 0)", "chocolate (t = 1)")

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}

TEMPLATE = go.layout.Template(
    layout={
        "font": {
            "family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "size": 14,
        },
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "colorway": list(COLORWAY),
        "hoverlabel": {"font": {"family": "ui-monospace, monospace"}},
        "legend": {"bgcolor": LEGEND_BACKGROUND},
        # plotly's default hides a tick label that would stick out of the figure, measuring
        # every label on every redraw (each measure makes the browser lay the page out
        # again: 3-6 ms of a widget's redraw in JupyterLab); the margins leave room for
        # them, so none sticks out
        "xaxis": {"ticklabeloverflow": "allow"},
        "yaxis": {"ticklabeloverflow": "allow"},
    }
)

# the template every figure gets: plotly's "plotly_white" with TEMPLATE on top
DEFAULT_TEMPLATE = "plotly_white_book"


def checked_figure(spec):
    """A figure from ``spec``, JSON that came from a figure plotly has already checked.

    Making a figure with subplots and checking each of its properties takes plotly 10 to
    15 ms, as long as drawing it; a widget redraws on every move of a slider. A figure
    function builds its figure once without its numbers (plotly checks it then), keeps its
    JSON, and fills in a copy for each call; this makes the figure without checking again.
    """
    return go.Figure(spec, _validate=False)


def describe(fig, text):
    """Give ``fig`` its text alternative: what it shows, in words, for every reader.

    A caption with the finding ("the boundary turns as w changes"), not "Figure 3". It is kept
    in ``fig.layout.meta["description"]``, where the renderers and the website's controls find
    it. Returns the figure, so a figure function can end with ``return describe(fig, "...")``.
    """
    return _with_meta(fig, description=str(text))


def print_states(fig, states):
    """Choose which states of a moving figure the print edition shows side by side.

    ``states`` are indices of the figure's slider steps (or of its buttons, for a figure
    without a slider), in the order printed. Without this, the print edition takes four,
    spread evenly from the first to the last (backprop/static/js/print.mjs). Returns the
    figure.
    """
    return _with_meta(fig, print_states=[int(k) for k in states])


def _with_meta(fig, **entries):
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, **entries})
    return fig


def description(fig):
    """The text alternative given by :func:`describe`, or None."""
    meta = (
        fig.layout.meta
        if hasattr(fig, "layout")
        else fig.get("layout", {}).get("meta")
    )
    return meta.get("description") if isinstance(meta, dict) else None


def figure_html(fig, prefix):
    """A figure as a light HTML snippet (a ``div`` and the script that draws it into it with the
    ``Plotly`` already on the page); its ``div`` id is ``prefix`` and a hash of the figure, so
    that a notebook executed twice stores the same output."""
    as_json = pio.to_json(fig, validate=False)
    digest = hashlib.sha1(as_json.encode()).hexdigest()[:10]
    return pio.to_html(
        fig,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        div_id=f"{prefix}-{digest}",
        config=PLOTLY_CONFIG,
        auto_play=False,
        validate=False,
    )


class BookRenderer(MimetypeRenderer):
    """Render a figure as a light ``text/html`` snippet that expects ``Plotly`` on the page.

    Each figure gets a ``div`` id that is unique on its page (a counter) and deterministic
    (a hash of the figure), so notebooks executed twice store the same output.
    """

    def __init__(self):
        self.count = 0

    def to_mimebundle(self, fig_dict):
        self.count += 1
        return {"text/html": figure_html(fig_dict, f"fig-{self.count}")}

    def __repr__(self):
        return f"BookRenderer(count={self.count})"


def setup():
    """Make figures look like the book's and render everywhere the book is read.

    Call it once at the top of a notebook. In Colab, plotly's own Colab renderer is used
    (it loads plotly.js from the internet, which Colab has); elsewhere the figure is sent both
    as plotly's mimetype (JupyterLab, VS Code) and as light HTML (the website).
    """
    pio.templates["book"] = TEMPLATE
    # merged once: a default named "plotly_white+book" is merged anew for every figure made
    # (8 ms each, much of a widget's redraw); the merged template is the same
    pio.templates[DEFAULT_TEMPLATE] = pio.templates["plotly_white+book"]
    pio.templates.default = DEFAULT_TEMPLATE
    if "google.colab" in sys.modules:
        pio.renderers.default = "colab"
    else:
        pio.renderers["book"] = BookRenderer()
        pio.renderers.default = "plotly_mimetype+book"
