"""The live playground's parts, each through its seam: the controls' table, the pace of
play under a clock the test sets, the channel to the browser, the main thread's loop."""

from __future__ import annotations

import asyncio
import threading
import time
from importlib import resources

from test_playground import _run

from backprop.live_playground import channel as live_channel
from backprop.live_playground.controls import SETTINGS, PlaygroundControls
from backprop.live_playground.main_thread import MainThread
from backprop.live_playground.player import Pace, Player
from backprop.playground import DATASETS, Playground
from backprop.playground_widget import PlaygroundWidget

# the controls, from the table of settings ------------------------------------------------------


def test_each_control_shows_its_setting_and_reads_back_the_same():
    settings = Playground("xor", noise=0.2, reg_rate=0.3).settings
    controls = PlaygroundControls(settings)
    assert set(controls.settings) == {s.name for s in SETTINGS}
    for s in SETTINGS:
        control = controls.settings[s.name]
        assert s.read(control.value) == settings[s.name], s.name
    assert controls.settings["noise"].value == 20  # shown in %
    assert controls.settings["regularization"].value == "none"
    assert 0.3 in dict(controls.settings["reg_rate"].options).values()
    named = controls.named()
    assert named["train_ratio"] is controls.settings["train_fraction"]
    assert named["lr"] is controls.settings["lr"] and "play" in named


def test_every_control_of_the_table_changes_its_setting():
    pg = Playground()
    w = PlaygroundWidget(pg)
    for s in SETTINGS:
        control = w.controls.settings[s.name]
        if s.name in ("problem", "dataset"):
            continue  # the data sets follow the problem: below
        values = None
        if s.options is not None:  # a dropdown: (label, value) pairs or values
            choices = s.options(pg.settings)
            values = [c[1] if isinstance(c, tuple) else c for c in choices]
        new = (
            next(v for v in values if v != control.value)
            if values
            else control.value + control.step
        )
        control.value = new
        assert pg.settings[s.name] == s.read(new), s.name
    w.problem.value = "regression"
    regression = [n for n, p in DATASETS.items() if p == "regression"]
    assert list(w.dataset.options) == regression
    assert (pg.problem, pg.dataset) == ("regression", regression[0])
    if len(regression) > 1:
        w.dataset.value = regression[1]
        assert pg.dataset == regression[1]


# the pace of play, under a clock the test sets -------------------------------------------------


def test_the_pace_trains_an_epoch_per_epoch_seconds_and_draws_losses_by_the_clock():
    pace = Pace(0.0, epoch_seconds=0.25, loss_seconds=1.0, most=10)
    assert pace.frame(0.5) == (3, False)  # 1 owed from the start, 2 since
    assert pace.frame(1.0) == (2, True)
    assert pace.frame(1.0) == (1, False)  # at least one epoch a frame...
    assert pace.frame(1.5) == (1, False)  # ...which the next frame owes back
    assert pace.frame(60.0)[0] == 10  # a long pause: at most 10 at once
    assert pace.frame(60.0) == (
        1,
        False,
    )  # nothing carried over beyond the cap


class _Clock:
    """A clock that moves only when told."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_player_takes_its_time_from_its_clock():
    clock, frames, sent, stopped = _Clock(), [], [], []

    def frame(epochs, losses):
        frames.append((epochs, losses))
        clock.now += 0.25  # each frame takes a quarter of a second
        if len(frames) == 5:
            player.pause()
        return {"epoch": len(frames)}

    player = Player(frame, stopped=lambda: stopped.append(True), clock=clock)

    def browser(message):  # draws each frame at once
        sent.append(message)
        player.drawn(message["ping"])

    player.send = browser

    async def play():
        player.play()
        await player.task

    _run(play())
    assert [losses for _, losses in frames] == [False] + [True] * 4
    assert frames[0][0] == 1 and all(7 <= e <= 8 for e, _ in frames[1:])
    assert sum(e for e, _ in frames) == 1 + 30 * 0.25 * 4  # 30 epochs a second
    assert [m["ping"] for m in sent] == [1, 2, 3, 4, 5]
    assert sent[-1] == {"epoch": 5, "ping": 5}
    assert list(player.frame_seconds) == [0.25] * 5
    assert player.in_flight == 0 and stopped == [True]
    assert not player.playing and player.task.done()


def test_a_player_without_a_browser_sends_nothing_and_stops_when_told():
    calls = []
    player = Player(
        lambda epochs, losses: calls.append(epochs) or {},
        can_play=lambda: len(calls) < 3,
    )

    async def play():
        player.play()
        await player.task

    _run(play())
    assert len(calls) == 3 and player.frames_sent == 0
    assert player.playing  # nothing left to train, but play stays on


def test_a_player_keeps_one_frame_waiting_behind_the_one_drawn():
    in_flight = []

    async def play():
        loop = asyncio.get_running_loop()
        free = [loop.time()]  # when the browser is done with what it has
        player = Player(lambda epochs, losses: {}, clock=loop.time)

        def browser(message):  # draws one frame in 0.1 s, one after the other
            in_flight.append(player.in_flight)
            free[0] = max(free[0], loop.time()) + 0.1
            loop.call_at(free[0], player.drawn, message["ping"])
            if message["ping"] == 6:
                player.pause()

        player.send = browser
        player.play()
        await player.task
        return player

    start = time.perf_counter()
    player = _run(play())
    # the frame being drawn and the next one; 6 frames took the browser's 0.6 s
    assert player.frames_sent == 6 and max(in_flight) == 2
    assert time.perf_counter() - start >= 0.4


# the channel to the browser's frame view -------------------------------------------------------


def test_the_frame_view_script_is_shipped_beside_its_module():
    source = (
        resources.files("backprop.live_playground")
        .joinpath("frame_view.mjs")
        .read_text(encoding="utf-8")
    )
    assert live_channel.frame_view_script() == source
    assert live_channel.FrameView._esm == source
    assert (
        "export default" in source and "export function showImages" in source
    )


def test_the_channel_passes_the_browsers_answers_and_sends_through_its_seam():
    answers, out = [], []
    channel = live_channel.FrameChannel(answers.append)
    channel.to_browser = out.append
    channel.send({"ping": 1})
    channel.receive({"pong": 1, "shown": True})
    assert out == [{"ping": 1}] and answers == [{"pong": 1, "shown": True}]


def test_a_widget_fits_its_figures_once_the_browser_has_drawn_them():
    w = PlaygroundWidget(Playground())
    out = []
    w.channel.to_browser = out.append
    w.channel.receive({"ready": True})
    assert set(w.figures) and out == [{"ping": -1}]  # asks for an answer
    revisions = {n: f.layout.datarevision for n, f in w.figures.items()}
    w.channel.receive({"pong": -1})
    for name, fig in w.figures.items():
        assert fig.layout.datarevision == (revisions[name] or 0) + 1


# callbacks on the main thread ------------------------------------------------------------------


def test_a_callback_from_another_thread_runs_in_the_main_threads_loop():
    async def main():
        on_main = MainThread()
        done, ran_on = asyncio.Event(), []

        def callback(value):
            ran_on.append((threading.current_thread(), value))
            done.set()

        run = on_main(callback)
        thread = threading.Thread(target=run, args=(7,))
        thread.start()
        thread.join()
        assert ran_on == []  # not yet: it waits for the loop
        await asyncio.wait_for(done.wait(), 5)
        return ran_on

    assert _run(main()) == [(threading.current_thread(), 7)]


def test_without_an_event_loop_a_callback_is_called_at_once():
    ran = []
    MainThread()(ran.append)(1)
    assert ran == [1]
