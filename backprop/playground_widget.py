"""The live playground: TensorFlow Playground's controls around a :class:`Playground`.

:class:`PlaygroundWidget` puts together the parts of :mod:`backprop.live_playground`: the
controls (built from a table of the playground's settings), a view that turns the
playground's state into figure updates, a player that paces play against a clock and the
browser, and the channel to the browser's frame view. It wires what each control does.
Play runs as an asyncio task in the kernel's event loop, so the kernel keeps receiving clicks
(pause, a new learning rate) while it trains. This needs a running Python; on the static
website the widget's place shows a note instead.
"""

from __future__ import annotations

import html

from backprop.figures.style import ERROR
from backprop.live_playground.channel import FrameChannel
from backprop.live_playground.controls import (
    SETTINGS,
    PlaygroundControls,
    datasets_for,
)
from backprop.live_playground.main_thread import MainThread
from backprop.live_playground.player import Player
from backprop.live_playground.view import PlaygroundView
from backprop.live_widget import LiveWidget
from backprop.playground import Diverged

__all__ = ["PlaygroundWidget"]

_FIT = -1  # the ping that asks the view to fit the figures once it comes back
# the ping of a redraw whose pictures went with it (see _redraw_in_place)
_IN_PLACE = -2
# the settings whose change keeps every figure's traces and layout: a change of them
# changes only data, pictures and numbers
_IN_PLACE_SETTINGS = frozenset({"noise", "train_fraction", "batch_size", "lr"})
# what the widget does, where it cannot run (backprop.live_widget)
_WHAT = (
    "TensorFlow Playground's controls train this network and redraw its figures; the "
    "recorded runs above play without Python"
)


def epoch_html(pg):
    """The epoch counter's text."""
    return (
        f"<span style='font-size:1.3em;font-variant-numeric:tabular-nums'>"
        f"Epoch {pg.epoch:,}</span>"
    )


def status_html(pg):
    """The numbers beside the loss curve, and why training stopped if it did."""
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
    return text


def _show_texts(widget, losses, frame):
    """The epoch counter, and with ``losses`` the numbers beside the loss curve."""
    epoch = epoch_html(widget.pg)
    if frame is not None:  # playing: sent with the frame's pictures
        frame["epoch"] = epoch
    else:
        widget.epoch_text.value = epoch
    if losses or widget.pg.diverged:
        widget.status.value = status_html(widget.pg)


class PlaygroundWidget(LiveWidget):
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
    view, player, channel, controls : its parts (see :mod:`backprop.live_playground`)

    Each control is also an attribute: ``play``, ``step_button``, ``lr``, ``features``, ...
    (see :meth:`PlaygroundControls.named`).
    """

    _what = _WHAT

    def __init__(self, pg):
        self.pg = pg
        self.redraws = 0
        self._main = MainThread()
        self._busy = False  # True while the controls are being set from pg
        self.controls = PlaygroundControls(pg.settings)
        for name, control in self.controls.named().items():
            setattr(self, name, control)
        self.view = PlaygroundView()
        self.slots = self.view.slots
        self.channel = FrameChannel(self._on_browser, dispatch=self._main)
        self.player = Player(
            self._play_frame,
            can_play=lambda: not self.pg.diverged,
            stopped=self._stopped,
        )
        self.frame_seconds = self.player.frame_seconds
        super().__init__(self.controls.arrange(self.slots, self.channel.view))
        self.add_class("backprop-playground")
        self._wire()
        self._sync_layers()
        self.redraw(full=True)

    @property
    def figures(self):
        return self.view.figures

    def stills(self):
        return self.view.stills(self.pg.state())

    def start(self):
        """Make the figures (once). The browser asks for this when it shows the widget.

        Waiting for it keeps the figures (and plotly.js inside each FigureWidget's state)
        out of a notebook executed without a browser, such as the website's build.
        """
        if self.figures:
            return
        self.view.start(self.pg.state())
        self.player.send = self._send_frame
        self.redraw(full=True)

    # wiring ------------------------------------------------------------------------------------

    def _wire(self):
        main = self._main
        self.play.observe(main(self._on_play), names="value")
        self.step_button.on_click(main(lambda _: self.step()))
        self.reset_button.on_click(main(lambda _: self._apply(reset=True)))
        self.regenerate.on_click(main(lambda _: self._apply(regenerate=True)))
        self.add_layer.on_click(main(lambda _: self._resize(None, +1)))
        self.remove_layer.on_click(main(lambda _: self._resize(None, -1)))
        redraw = main(lambda _: self.redraw(full=True))
        self.show_test.observe(redraw, names="value")
        self.gradients.observe(redraw, names="value")
        for setting in SETTINGS:
            self.controls.settings[setting.name].observe(
                main(
                    lambda change, s=setting: self._setting(
                        s.name, s.read(change.new)
                    )
                ),
                names="value",
            )
        for box in self.features.values():
            box.observe(main(lambda _: self._on_features()), names="value")

    def _sync_layers(self):
        self.controls.sync_layers(self.pg.hidden, self._main(self._resize))

    def _setting(self, name, value):
        if self._busy:
            return
        if name == "problem":
            self._on_problem(value)
        else:
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
        if (
            set(changes) <= _IN_PLACE_SETTINGS
            and self.figures
            and self.view.fast
        ):
            self._redraw_in_place()
        else:
            self.redraw(full=True)

    def _redraw_in_place(self):
        """Redraw after a change that keeps the figures' traces and layout: the new pictures
        go to the browser's frame view, which puts them in place without a replot, as
        while playing; the FigureWidgets send only what moved (the loss curve). Should the
        browser not show the pictures, a full redraw follows (see _on_browser)."""
        frame = {"images": {}}
        self.redraw(frame=frame, new_points=True)
        self._send_frame({"ping": _IN_PLACE, **frame})

    def _on_problem(self, problem):
        options = datasets_for(problem)
        self._busy = True
        try:
            self.dataset.options = options
            self.dataset.value = options[0]
        finally:
            self._busy = False
        self._apply(problem=problem, dataset=options[0])

    def _on_features(self):
        chosen = [name for name, box in self.features.items() if box.value]
        if not chosen:  # keep one input: a network needs one
            self.status.value = (
                "<b role='alert'>Keep at least one feature.</b>"
            )
            return
        self._apply(features=chosen)

    def _resize(self, layer, delta):
        """A layer more or less (``layer`` None), or ``delta`` units more in ``layer``."""
        hidden = list(self.pg.hidden)
        if layer is None:
            hidden = hidden + [2] if delta > 0 else hidden[:-1]
        else:
            hidden[layer] += delta
        self._apply(hidden=hidden)

    def _on_browser(self, content):
        if content.get("ready"):
            self.start()
            self.channel.send({"ping": _FIT})  # answered once drawn
        elif content.get("pong") == _FIT:
            self.view.fit()
        elif "pong" in content:
            in_place = content["pong"] == _IN_PLACE
            if content.get("shown") is False and self.view.fast:
                self.view.slow()
                if in_place:  # that change's pictures are not on screen
                    self.redraw(full=True)
            if not in_place:
                self.player.drawn(content["pong"])

    # training ----------------------------------------------------------------------------------

    def step(self, epochs=1, losses=True):
        """Train `epochs` epochs and redraw; a divergence stops play and is shown."""
        self._train(epochs)
        self.redraw(losses=losses)

    def _train(self, epochs):
        try:
            self.pg.step(epochs)
        except Diverged:
            self.play.value = False

    def _on_play(self, change):
        self.play.description = "❚❚ pause" if change.new else "▶ play"
        if change.new:
            self.player.play()
        else:
            self.player.pause()

    def _play_frame(self, epochs, losses):
        """The player's frame: train, redraw, and what goes with the frame's ping."""
        self._train(epochs)
        frame = {"images": {}} if self.figures and self.view.fast else None
        self.redraw(losses=losses, frame=frame)
        return frame or {}

    def _send_frame(self, message):
        self.channel.send(message)
        # the counter's own state, after the ping that shows it with the pictures
        if "epoch" in message:
            self.epoch_text.value = message["epoch"]

    def _stopped(self):
        if self.figures:  # paused: the loss curve too shows the last epoch
            self._draw(full=False, losses=True, frame=None)

    # drawing -----------------------------------------------------------------------------------

    def redraw(self, full=False, losses=True, frame=None, new_points=False):
        """Send the new data of every figure (only what moved, unless full), and the texts.

        Only the counter names the epoch (the output's title does not, as in TensorFlow
        Playground): two texts in two widgets would change in two steps on screen, and
        for a moment disagree. With ``losses=False`` the loss curve and its numbers wait:
        every change to a FigureWidget makes plotly.js replot it whole, so while playing
        they follow every LOSS_SECONDS, the pictures and the counter every frame.

        With a dict ``frame`` (while playing), the new pictures (under "images") and the
        counter (under "epoch") go there, for the player to send with the frame's ping, in
        place of the FigureWidgets' messages. With ``new_points`` the points are drawn
        anew too (the data changed, not the figures).
        """
        self._draw(full, losses, frame, new_points)
        self.redraws += 1

    def _draw(self, full, losses, frame, new_points=False):
        if self.figures:
            self.view.draw(
                self.pg.state(),
                full=full,
                losses=losses,
                gradients=self.gradients.value,
                show_test=self.show_test.value,
                pictures=None if frame is None else frame["images"],
                new_points=new_points,
            )
            losses = losses or full
        else:
            losses = True
        _show_texts(self, losses, frame)

    def __repr__(self):
        return f"PlaygroundWidget({self.pg!r})"
