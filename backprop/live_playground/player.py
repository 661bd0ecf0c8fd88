"""Play: train and redraw frame after frame, at the kernel's pace and the browser's.

The pace of training comes from a clock (:class:`Pace`: about one epoch per
``EPOCH_SECONDS``, however slow the drawing); the pace of the frames from the browser's
answers (:class:`Player`: at most one frame waiting behind the one being drawn). Both take
their clock as a parameter, so that a test can drive them.
"""

from __future__ import annotations

import asyncio
import collections
import time

__all__ = ["EPOCH_SECONDS", "FRAME", "LOSS_SECONDS", "Pace", "Player"]

FRAME = 1 / 30  # at most 30 redraws a second while playing
LOSS_SECONDS = 0.25  # and the loss curve, which changes slowly, 4 a second
EPOCH_SECONDS = (
    1 / 30
)  # and about 30 epochs a second, however slow the drawing
MOST_EPOCHS = 10  # a frame trains at most this many epochs
PATIENCE = 1.0  # seconds a frame waits for the browser to catch up


class Pace:
    """How many epochs each frame trains, and whether it redraws the loss curve.

    ``Pace(now).frame(later)`` -> (epochs, losses): the epochs owed since the last frame at
    one per ``epoch_seconds`` (at least 1, at most ``most``; the rest is owed to the next
    frame), and whether ``loss_seconds`` have passed since the loss curve was last drawn.
    """

    def __init__(
        self,
        now,
        epoch_seconds=EPOCH_SECONDS,
        loss_seconds=LOSS_SECONDS,
        most=MOST_EPOCHS,
    ):
        self.epoch_seconds, self.loss_seconds = epoch_seconds, loss_seconds
        self.most = most
        self.owed, self.last, self.losses_at = 1.0, now, now

    def frame(self, now):
        self.owed = min(
            float(self.most),
            self.owed + (now - self.last) / self.epoch_seconds,
        )
        self.last = now
        epochs = max(1, int(self.owed))
        self.owed -= epochs
        losses = now - self.losses_at >= self.loss_seconds
        if losses:
            self.losses_at = now
        return epochs, losses

    def __repr__(self):
        return f"Pace(owed={self.owed:.2f})"


class Player:
    """Play and pause: a loop in the kernel's event loop that runs frame after frame.

    One frame is in flight: the kernel trains and sends frame k while the browser draws
    frame k - 1, and it sends frame k only once the browser has drawn frame k - 2 (or
    ``PATIENCE`` seconds have passed), so frames never pile up in the browser. Between
    frames it yields to the event loop, so the kernel keeps receiving clicks (pause, a new
    learning rate) while it trains.

    Parameters
    ----------
    frame : callable(epochs, losses) -> dict
        Trains ``epochs`` epochs and redraws (the loss curve only if ``losses``); returns
        what the browser's frame view is to show with the frame (pictures, counter).
    can_play : callable() -> bool, whether there is anything to train (checked each frame)
    stopped : callable(), called once play has stopped
    clock : callable() -> seconds; ``time.perf_counter`` unless a test gives its own

    Attributes
    ----------
    send : callable(message) or None
        Sends a frame (with its ``ping``) to the browser; None while no browser shows the
        figures (then nothing waits for one).
    playing : whether play is on
    task : the loop's asyncio task (None before the first play)
    frames_sent, frames_drawn : the last frame sent, and the last the browser answered
    frame_seconds : the kernel's time for each of the last 500 frames
    """

    def __init__(
        self, frame, can_play=None, stopped=None, clock=time.perf_counter
    ):
        self.frame, self.clock = frame, clock
        self.can_play = can_play or (lambda: True)
        self.stopped = stopped or (lambda: None)
        self.send = None
        self.playing = False
        self.task = None
        self.frames_sent = self.frames_drawn = 0
        self.frame_seconds = collections.deque(maxlen=500)
        self._answer = None  # an asyncio.Event while playing

    @property
    def in_flight(self):
        """Frames sent that the browser has not answered yet."""
        return self.frames_sent - self.frames_drawn

    def play(self):
        """Start playing (the loop starts unless it runs already)."""
        self.playing = True
        if self.task is None or self.task.done():
            self.task = asyncio.ensure_future(self.run())

    def pause(self):
        """Stop after the frame in progress."""
        self.playing = False

    def drawn(self, ping):
        """The browser answered frame ``ping``: it has drawn it."""
        self.frames_drawn = max(self.frames_drawn, int(ping))
        if self._answer is not None:
            self._answer.set()

    async def run(self):
        """Play frames until paused or there is nothing to train."""
        self._answer = asyncio.Event()
        pace = Pace(self.clock())
        while self.playing and self.can_play():
            if self.send is not None:
                await self._catch_up()
                if not self.playing:
                    break
            start = self.clock()
            message = self.frame(*pace.frame(start))
            if self.send is not None:
                self.frames_sent += 1
                self.send({**message, "ping": self.frames_sent})
            self.frame_seconds.append(self.clock() - start)
            await asyncio.sleep(max(0.001, FRAME - (self.clock() - start)))
        self._answer = None
        self.stopped()

    async def _catch_up(self):
        """Wait until at most one frame is in flight, or PATIENCE has passed."""
        deadline = self.clock() + PATIENCE
        while self.in_flight > 1 and self.clock() < deadline:
            self._answer.clear()
            try:
                await asyncio.wait_for(
                    self._answer.wait(), deadline - self.clock()
                )
            except asyncio.TimeoutError:
                break

    def __repr__(self):
        return (
            f"Player(playing={self.playing}, sent={self.frames_sent}, "
            f"drawn={self.frames_drawn})"
        )
