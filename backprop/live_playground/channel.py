"""The kernel's channel to the browser's frame view (``frame_view.mjs``).

The view is an invisible anywidget placed among the playground's widgets. It tells the
kernel that a browser shows the playground ("ready"), and answers each "ping" once the
browser has painted everything sent before it ("pong"), so that the play loop can keep
pace. While playing, a ping also carries the frame's new pictures and the epoch counter:
the view puts them in place in the figures plotly.js drew, without a replot. Through a
FigureWidget the same change replots the whole figure, about five times the time. Its answer
says whether it could (``shown``); if not (a front end that draws the figures otherwise), the
pictures go through the FigureWidgets from then on.
"""

from __future__ import annotations

from importlib import resources

import anywidget

__all__ = ["FrameChannel", "FrameView", "frame_view_script"]


def frame_view_script():
    """The frame view's JavaScript module, shipped beside this file."""
    return (
        resources.files(__package__)
        .joinpath("frame_view.mjs")
        .read_text(encoding="utf-8")
    )


class FrameView(anywidget.AnyWidget):
    """Invisible; the browser's end of a :class:`FrameChannel`."""

    _esm = frame_view_script()


class FrameChannel:
    """Messages to the browser's frame view, and its answers.

    Two seams, for a test or another front end: ``to_browser(message)`` sends (the view's
    ``send`` by default; replace it with a stand-in browser), and ``receive(content)`` is
    what the browser's answers call, which passes them to ``on_message``.

    Parameters
    ----------
    on_message : callable(content), called with each answer of the browser
    dispatch : callable(callback) -> callback, how a message from the browser (which may
        arrive on another thread) reaches ``receive``; see
        :class:`backprop.live_playground.main_thread.MainThread`
    """

    def __init__(self, on_message=None, dispatch=None):
        self.view = FrameView()
        self.to_browser = self.view.send
        self.on_message = on_message
        forward = self._from_view
        self.view.on_msg(forward if dispatch is None else dispatch(forward))

    def _from_view(self, _, content, buffers=None):
        self.receive(content)

    def send(self, message):
        """Send a message (a dict of JSON values) to the browser's frame view."""
        self.to_browser(message)

    def receive(self, content):
        """Take an answer of the browser (``{"ready": True}``, ``{"pong": n, ...}``)."""
        if self.on_message is not None:
            self.on_message(content)

    def __repr__(self):
        return "FrameChannel()"
