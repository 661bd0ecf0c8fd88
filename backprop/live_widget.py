"""What a live widget shows where it cannot run, and the base class that carries it.

A widget needs a running Python. Its output also carries, for places where none runs:
the website's note ("Live control: needs Python ..."), the print edition's figures as the
widget starts (inside a <template>, which only the print build opens), and, for a notebook
reopened in Jupyter without the kernel that drew it, "Run the cell to bring this control
back" instead of an error.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from backprop.plotting import figure_html

__all__ = ["RERUN", "LiveWidget", "live_note", "print_note"]

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


def print_note(what, figures):
    """What the print edition shows in place of a live widget: its figures as they start,
    and one line that says where they run live.

    Inside a ``<template>``, which no browser or notebook front end shows: only the print
    build (:mod:`backprop.sphinxext`) takes it out.
    """
    drawn = "".join(figure_html(fig, "still") for fig in figures)
    line = (
        '<p class="bp-live-print">Live in a notebook (Binder, Colab or Jupyter): '
        f"{html.escape(what)}.</p>"
    )
    return f'<template class="bp-print">{drawn}{line}</template>'


class LiveWidget(widgets.VBox):
    """A VBox whose output also carries texts for renderers that cannot run widgets."""

    _what = "controls redraw the figure"

    def stills(self):
        """The figures as they stand now (the start, when displayed): for print."""
        figure = getattr(self, "figure", None)
        return [] if figure is None else [figure]

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
        data["text/html"] = live_note(self._what) + print_note(
            self._what, self.stills()
        )
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
