"""The widget wiring without a browser: figures updated in place, notes, labels, slow figures."""

from __future__ import annotations

import json
import time

import ipywidgets
import numpy as np
import plotly.graph_objects as go
import pytest

import backprop
from backprop import data, live_figure, live_widget
from backprop import widgets as w
from backprop._plotly_internals import to_js
from backprop.figures import neurons as figs

backprop.setup()
X, t = data.two_classes()


def _drop_empty(value):
    """A figure's JSON without empty values (a removed property is left empty)."""
    if isinstance(value, dict):
        kept = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ({}, (), [], None)}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_drop_empty(v) for v in value]
    return value.item() if isinstance(value, np.generic) else value


def _shown(fig):
    """A figure's JSON without trace uids, for comparing what two figures draw."""
    spec = fig.to_plotly_json()
    for trace in spec["data"]:
        trace.pop("uid", None)
    return json.dumps(
        _drop_empty(spec),
        sort_keys=True,
        default=lambda a: np.asarray(a).tolist(),
    )


def test_the_figure_on_screen_is_updated_in_place_and_equals_the_new_one():
    ex = w.Explorer(
        figs.boundary, X=X, t=t, w1=(-3.0, 3.0, 0.1), b=(-4.0, 4.0, 0.1)
    )
    plot = ex.output.plot
    assert isinstance(plot, go.FigureWidget)
    for value in (-2.0, 0.5, 2.5):
        ex.controls["w1"].value = value
        assert ex.output.plot is plot  # the same widget, not a new one
        assert _shown(plot) == _shown(ex.figure)


def test_copy_into_replaces_other_traces_and_removes_stale_properties():
    widget = go.FigureWidget(
        go.Figure(
            go.Scatter(x=[0, 1], y=[1, 2], name="old"),
            layout={"title": {"text": "old"}, "annotations": [{"text": "a"}]},
        )
    )
    new = go.Figure(
        go.Bar(x=["a", "b"], y=[3, 4]), layout={"xaxis": {"range": [0, 1]}}
    )
    live_figure.copy_into(widget, new)
    assert [tr.type for tr in widget.data] == ["bar"]
    assert _shown(widget) == _shown(new)
    assert widget.layout.title.text is None and widget.layout.annotations == ()
    assert "old" not in _shown(widget)


@pytest.mark.parametrize("n_old, n_new", [(2, 3), (3, 1)])
def test_copy_into_keeps_the_traces_it_can_and_adds_or_removes_the_rest(
    n_old, n_new
):
    def fig(n, shift):
        return go.Figure(
            [go.Scatter(x=[0, 1], y=[k + shift, k]) for k in range(n)]
        )

    widget = go.FigureWidget(fig(n_old, 0.0))
    first = widget.data[0]
    live_figure.copy_into(widget, fig(n_new, 0.5))
    assert widget.data[0] is first  # updated in place
    assert _shown(widget) == _shown(fig(n_new, 0.5))


def test_a_figure_with_frames_becomes_steps_of_one_figure_updated_in_place():
    from backprop.figures import graphs

    ex = w.Explorer(graphs.backward_steps, x=(-2.0, 2.0, 0.1))
    out, full = ex.output, ex.figure
    assert full.frames and out.children == (out.plot, out.stepper)
    # the website's plotly controls give way to widgets: one step per frame, its label
    assert not out.plot.layout.sliders and not out.plot.layout.updatemenus
    website = full.layout.sliders[0].steps
    assert [label for label, _ in out.step.options] == [
        s.label for s in website
    ]
    assert out.play.max == len(full.frames) - 1
    assert out.play.interval == 1300  # the website's duration of a step
    plot, trace = out.plot, out.plot.data[2]

    def as_plotly_shows(
        k,
    ):  # frame k applied to the figure, as plotly.js animates it
        frame = full.frames[k]
        return [
            full.data[i].to_plotly_json() | frame.data[j].to_plotly_json()
            for j, i in enumerate(frame.traces)
        ], frame.layout.title.text

    for k in (3, len(full.frames) - 1, 0):
        out.step.index = k
        assert out.plot is plot and out.plot.data[2] is trace  # in place
        traces, title = as_plotly_shows(k)
        assert out.plot.layout.title.text == title
        for i, expected in enumerate(traces):
            shown = out.plot.data[i]
            for key in ("x", "y", "text", "hovertext"):
                if key in expected:
                    assert list(shown[key]) == list(expected[key]), (k, i, key)
        assert list(out.plot.data[2].marker.color) == list(
            traces[2]["marker"]["color"]
        )
        assert out.plot.data[2].marker.size == 34  # kept from the trace
    # another setting keeps the step the reader is at, with the new numbers
    out.step.index = 4
    before = out.plot.layout.title.text
    ex.controls["x"].value = 1.0
    assert out.step.index == 4 and out.plot is plot
    assert out.plot.layout.title.text == ex.figure.frames[4].layout.title.text
    assert out.plot.layout.title.text != before


def test_frame_properties_merge_into_a_trace_as_plotly_applies_them():
    base = {
        "x": [0, 1],
        "marker": {"size": 3, "color": "red"},
        "mode": "lines",
    }
    part = {"x": [2], "marker": {"color": ["blue"]}}
    assert live_figure.merge(base, part) == {
        "x": [2],
        "marker": {"size": 3, "color": ["blue"]},
        "mode": "lines",
    }
    assert base["marker"] == {"size": 3, "color": "red"}  # not changed


def test_bad_input_is_shown_in_words_instead_of_the_figure():
    ex = w.Explorer(figs.neuron, X=X, t=t, activation=["sigmoid", "nope"])
    ex.controls["activation"].value = "nope"
    assert ex.output.children == (ex.output.message,)
    assert "Cannot draw this" in ex.output.message.value
    ex.controls["activation"].value = "sigmoid"
    assert ex.output.children == (ex.output.plot,) and ex.error is None


def test_the_note_says_one_thing_on_the_site_and_another_in_jupyter():
    note = live_widget.live_note("the controls z₁ redraw the figure")
    site = note.split('class="live-note-site"')[1].split("</span>")[0]
    assert "Live control: needs Python" in site and "rocket button" in site
    assert (
        'style="display:none"' in site
    )  # hidden unless the site's rule shows it
    assert f'<span class="live-note-rerun">{live_widget.RERUN}</span>' in note
    assert ".bd-article .live-note-site{display:inline!important}" in note
    assert ".bd-article .live-note-rerun{display:none}" in note


def test_a_widget_cell_shows_a_style_for_reopened_notebooks_then_the_widget(
    monkeypatch,
):
    shown = []
    monkeypatch.setattr(
        "IPython.display.display", lambda obj, raw=False: shown.append(obj)
    )
    ex = w.Explorer(figs.softmax_bars, z1=(-5.0, 5.0, 0.1))
    ex._ipython_display_()
    style, widget = shown
    assert set(style) == {"text/html", "text/plain"}
    assert (
        live_widget.RERUN in style["text/html"]
        and "live-only" not in style["text/html"]
    )
    assert "application/vnd.jupyter.widget-view+json" in widget
    assert "live-only" in widget["text/html"]


def test_labels_get_one_width_that_fits_the_longest(monkeypatch):
    monkeypatch.setattr(w, "SLOW", 60.0)  # however busy the machine
    log_lr = ipywidgets.FloatLogSlider(
        value=1.0, min=-2, max=1, description="α (lr)"
    )
    ex = w.Explorer(
        lambda n_units=4, lr=1.0, target="a": figs.softmax_bars(z1=n_units),
        n_units=(1, 8, 1),
        lr=log_lr,
        target=["a", "b"],
    )
    widths = {c.style.description_width for c in ex.controls.values()}
    assert widths == {f"{len('n_units') + 2}ch"}
    assert (
        ex.controls["n_units"].layout.width
        == f"calc({len('n_units') + 2}ch + 300px)"
    )
    assert ex.controls[
        "n_units"
    ].continuous_update  # a fast figure follows a drag


def test_a_slow_figure_redraws_when_the_slider_is_released(monkeypatch):
    def slow(z1=1.0):
        time.sleep(w.SLOW + 0.05)
        return figs.softmax_bars(z1=z1)

    ex = w.Explorer(slow, z1=(-5.0, 5.0, 0.1))
    assert ex.controls["z1"].continuous_update is False


@pytest.mark.parametrize("spec", [(0.0, 1.0, 0.1), (1, 5, 1)])
def test_sliders_follow_a_drag(spec, monkeypatch):
    monkeypatch.setattr(w, "SLOW", 60.0)  # however busy the machine
    ex = w.Explorer(figs.softmax_bars, z1=spec)
    assert ex.controls["z1"].continuous_update is True


def test_a_2d_array_is_sent_as_binary_rows_and_the_rest_as_plotly_sends_it():
    z = np.arange(12, dtype=np.float32).reshape(3, 4)
    sent = to_js(
        {"z": z, "x": np.arange(4.0), "name": "y", "range": [0, 1]}, None
    )
    assert [
        np.frombuffer(r["buffer"], np.float32).tolist() for r in sent["z"]
    ] == z.tolist()
    assert {r["dtype"] for r in sent["z"]} == {"float32"}
    assert np.frombuffer(sent["x"]["buffer"]).tolist() == [0.0, 1.0, 2.0, 3.0]
    assert (sent["name"], sent["range"]) == ("y", [0, 1])


def test_a_heatmap_update_travels_as_rows_and_the_browsers_report_is_noted():
    ex = w.Explorer(figs.neuron, X=X, t=t, w1=(-3.0, 3.0, 0.1))
    plot = ex.output.plot
    sent = []

    class Comm:  # what a kernel's comm does with a message: send it
        kernel, comm_id = object(), "test"

        def on_msg(self, handler):
            pass

        def send(self, data=None, buffers=None):
            sent.append((data, buffers))

        def close(self, *args, **kwargs):
            pass

    # in place of the kernel's comm (set as a value: ipywidgets 7 checks the comm's class)
    plot._trait_values["comm"] = Comm()
    ex.controls["w1"].value = 2.0
    (update,) = [m for m, _ in sent if m["state"].get("_py2js_update")]
    z = update["state"]["_py2js_update"]["style_data"]["z"]
    heat = ex.figure.data[0]
    assert len(z[0]) == len(heat.z)  # one binary buffer per row
    assert (
        sum(memoryview(b).nbytes for _, bs in sent for b in bs or [])
        >= heat.z.nbytes
    )
    # the browser's report of the drawn traces (a dict where plotly keeps an array made
    # plotly's own handler raise) is noted without error, and cleared
    plot._js2py_traceDeltas = {
        "trace_deltas": [{"uid": heat.uid, "z": {"0": 1}}],
        "trace_edit_id": plot._last_trace_edit_id,
    }
    assert plot._js2py_traceDeltas is None
    assert not plot._trace_edit_in_process


def test_a_redraw_runs_blas_on_one_thread():
    from threadpoolctl import threadpool_info

    seen = []

    def figure(a=1.0):
        seen.append(
            {
                p["num_threads"]
                for p in threadpool_info()
                if p["user_api"] == "blas"
            }
        )
        return figs.neuron(X=X, t=t)

    before = {
        p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"
    }
    ex = w.Explorer(figure, a=(0.0, 2.0, 0.5))
    ex.controls["a"].value = 1.5
    assert seen == [{1}, {1}]
    after = {
        p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"
    }
    assert after == before  # the limit ends with the redraw


class _RecordingComm:
    """A stand-in for the channel to the browser that records what goes through it."""

    sent: list = []
    kernel = object()  # ipywidgets sends only over a comm with a kernel
    comm_id = "recorded"

    def __init__(self, *args, data=None, **kwargs):
        self.sent.append(("open", data["state"]))

    def send(self, data=None, buffers=None, **kwargs):
        self.sent.append(("update", data.get("state", {})))

    def on_msg(self, callback):
        pass

    def close(self, *args, **kwargs):
        pass


def test_the_browser_gets_the_whole_figure_in_the_widgets_first_message(
    monkeypatch,
):
    """A view drawn from the first message alone (a busy machine) draws the figure.

    plotly.js never redraws a later change of the figure's whole state, so the first message
    must carry the traces, the layout and the config; nothing may follow on its own.
    """
    monkeypatch.setattr(
        ipywidgets.widgets.widget.comm, "create_comm", _RecordingComm
    )
    _RecordingComm.sent = []
    ex = w.Explorer(
        figs.neuron, X=X, t=t, w1=(-3.0, 3.0, 0.1), b=(-4.0, 4.0, 0.1)
    )
    plots = [
        state
        for kind, state in _RecordingComm.sent
        if kind == "open" and "_widget_data" in state
    ]
    assert len(plots) == 1
    first = plots[0]
    assert len(first["_widget_data"]) == len(ex.figure.data) > 0
    assert first["_widget_layout"]["title"] == (
        ex.figure.layout.title.to_plotly_json()
    )
    assert first["_config"] == ex.output.config
    later = [
        key
        for kind, state in _RecordingComm.sent
        if kind == "update"
        for key in state
    ]
    assert not {"_widget_data", "_widget_layout", "_config"} & set(later)


def _browser_draws(plot):
    """What the browser sends once it has drawn the figure's latest edit."""
    plot._js2py_traceDeltas = {
        "trace_deltas": [],
        "trace_edit_id": plot._last_trace_edit_id,
    }


@pytest.fixture
def clocked(monkeypatch):
    """An Explorer on a clock the test moves by hand: (explorer, clock)."""
    clock = [0.0]
    monkeypatch.setattr(w.time, "monotonic", lambda: clock[0])
    ex = w.Explorer(
        figs.boundary, X=X, t=t, w1=(-3.0, 3.0, 0.1), b=(-4.0, 4.0, 0.1)
    )
    return ex, clock


def test_a_figure_that_stops_answering_is_replaced_on_the_next_change(
    clocked,
):
    """A view that drew the figure once, then drops every update (anywidget's 2 s limit)."""
    ex, clock = clocked
    first = ex.output.plot
    _browser_draws(first)  # the first drawing
    ex.controls["w1"].value = 0.5
    _browser_draws(first)  # a view that follows keeps its plot
    clock[0] += 10
    ex.controls["w1"].value = 1.5
    assert ex.output.plot is first
    # now the view is deaf: the update above is never drawn
    clock[0] += 1.0
    ex.controls["w1"].value = 2.0
    assert ex.output.plot is first  # a second may be a busy browser
    clock[0] += 1.0
    ex.controls["w1"].value = 2.5
    assert ex.output.plot is not first  # no answer for 2 s: a new plot
    assert ex.output.children[0] is ex.output.plot
    assert _shown(ex.output.plot) == _shown(ex.figure)


def test_without_a_view_the_figure_is_updated_in_place_however_long_it_takes(
    clocked,
):
    ex, clock = clocked
    first = ex.output.plot
    for value in (1.0, 1.5, 2.0):
        clock[0] += 60
        ex.controls["w1"].value = value
    assert ex.output.plot is first
