"""Figures of the Playground chapter, drawn from a playground's ``state()``.

Each figure is made of a fixed list of traces whose data come from one function of the state
(``boundary_traces``, ``loss_traces`` in :mod:`backprop.figures.playground_traces`,
``network_traces`` in :mod:`backprop.figures.playground_diagram`). The figure functions
here build a figure from them; the live widget calls the same functions and copies the new data into its
``FigureWidget`` in place, with the heat maps and the points drawn as layout images of the
same colours (``boundary_image``, ``unit_images``, ``points_image``); the recorded run
stores the traces as animation frames.
"""

from __future__ import annotations

import plotly.graph_objects as go

from backprop.figures._controls import add_player
from backprop.figures._pictures import levels, png
from backprop.figures.playground_diagram import (
    dead_weights,
    gradient_formula,
    network_layout,
    network_traces,
    unit_images,
)
from backprop.figures.playground_traces import (
    boundary_image,
    boundary_traces,
    loss_traces,
    plane_axes,
    points_image,
)
from backprop.figures.style import PAPER
from backprop.plotting import describe

__all__ = [
    "boundary",
    "boundary_traces",
    "network",
    "network_traces",
    "network_layout",
    "losses",
    "loss_traces",
    "recorded_run",
    "levels",
    "png",
    "boundary_image",
    "points_image",
    "unit_images",
]


def boundary(state, show_test=False):
    """The output of the network over the plane, with the training points."""
    xaxis, yaxis = plane_axes(state["radius"])
    fig = go.Figure(boundary_traces(state, show_test))
    fig.update_layout(
        title={"text": f"Output, epoch {state['epoch']}", "x": 0.02},
        xaxis=xaxis,
        yaxis=yaxis,
        height=420,
        margin={"l": 50, "r": 10, "t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.18, "font": {"size": 11}},
        uirevision="plane",
    )
    kind = (
        "the probability y of class t = 1, light cherry for 0, light chocolate for 1"
        if state["problem"] == "classification"
        else "the predicted value y, orange below 0 and blue above"
    )
    return describe(
        fig,
        f"The {state['dataset']} data set in the plane, points coloured by their "
        f"label, over a heat map of the network's output after {state['epoch']} "
        f"epochs: {kind}. Where the colours of the map and the points agree, the "
        "network is right.",
    )


def network(state, gradients=False):
    """The network as TensorFlow Playground draws it, every unit's output as a thumbnail."""
    fig = go.Figure(network_traces(state, gradients))
    fig.update_layout(network_layout(state, gradients))
    fig.update_layout(
        height=120 + 45 * max(state["sizes"]),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        plot_bgcolor=PAPER,
    )
    sizes = " → ".join(map(str, state["sizes"]))
    if gradients:
        formula = gradient_formula(state).replace("W", "w")
        what = (
            f"edges are coloured by the sign of {formula} of the last mini-batch "
            "(purple positive, green negative), thicker where it is larger; each "
            "unit's corner badge by dJ/db, the batch mean of the per-sample G_z"
        )
    else:
        what = (
            "edges are blue for positive weights and orange for negative ones, "
            "thicker for larger weights"
        )
    n_dead = int(sum(d.sum() for d in dead_weights(state)))
    if n_dead:
        what += (
            f"; {n_dead} dotted grey edges are dead: L1 set those weights to "
            "exactly 0 and no longer trains them"
        )
    return describe(
        fig,
        f"The network {sizes} after {state['epoch']} epochs. Each unit is drawn as "
        "a small picture of its output over the plane (blue high, orange low); "
        f"{what}.",
    )


def losses(state):
    """Training and test loss against the epoch."""
    fig = go.Figure(loss_traces(state))
    fig.update_layout(
        title={"text": "Loss", "x": 0.02},
        xaxis={"title": {"text": "epoch"}, "rangemode": "tozero"},
        yaxis={"rangemode": "tozero"},
        height=260,
        margin={"l": 50, "r": 10, "t": 40, "b": 40},
        legend={"orientation": "h", "y": 1.12, "x": 1, "xanchor": "right"},
    )
    h = state["history"]
    return describe(
        fig,
        f"Training and test loss over {h['epoch'][-1]} epochs: from "
        f"{h['train'][0]:.3f} and {h['test'][0]:.3f} to {h['train'][-1]:.3f} and "
        f"{h['test'][-1]:.3f}.",
    )


# A recorded run, for the page without Python ----------------------------------------------------


def _slider_below_buttons(fig, bottom=200):
    """Give the slider a row of its own under the play buttons: on a phone, the two do
    not fit side by side. Both go below the x axis's title."""
    fig.update_layout(margin={"b": bottom})
    plot_height = fig.layout.height - fig.layout.margin.t - bottom
    fig.layout.updatemenus[0].update(y=-65 / plot_height, pad={"t": 0, "l": 0})
    fig.layout.sliders[0].update(x=0, len=1, y=-115 / plot_height)


def _frame_data(state):
    """The traces that move: the output heat map, the diagram, the losses."""
    return (
        boundary_traces(state)[:1] + network_traces(state) + loss_traces(state)
    )


def recorded_run(states, title="A recorded run"):
    """Training as an animation: the network, the losses, the output, per epoch.

    ``states`` are ``Playground.state()`` at the recorded epochs, all of one playground. The
    figure plays in the browser (play, pause and a slider over the epochs), with no Python.
    Top to bottom, so that it reads on a phone: the network diagram, the losses so far, the
    output over the plane with the training points.
    """
    first, last = states[0], states[-1]
    traces, frames = _run_traces(states)
    fig = go.Figure(traces)
    fig.frames = frames
    fig.update_layout(_run_layout(first, last, title))
    add_player(fig, [f.name for f in frames], prefix="epoch ", duration=250)
    _slider_below_buttons(fig)
    sizes = " → ".join(map(str, first["sizes"]))
    h = last["history"]
    return describe(
        fig,
        f"A recorded training run of the network {sizes} on the {first['dataset']} "
        f"data set, {len(states)} snapshots from epoch 0 to {last['epoch']}: the "
        "network with each unit's output as a thumbnail, the training and test loss "
        "so far, and the output over the plane with the training points. Test loss "
        f"from {h['test'][0]:.3f} to {h['test'][-1]:.3f}.",
    )


def _run_traces(states):
    """The figure's traces, on their axes (those that move, then the training points),
    and a frame of the moving ones per state, named by its epoch."""
    first = states[0]
    n_net = len(network_traces(first))
    frames_traces = [_frame_data(s) for s in states]
    still = boundary_traces(first)[1:3]  # the training points never move
    moving = frames_traces[0]
    axes = ["x"] + ["x2"] * n_net + ["x3", "x3"]
    for d, ax in zip(moving, axes, strict=True):
        d["xaxis"], d["yaxis"] = ax, ax.replace("x", "y")
    for d in moving[-2:]:
        d["showlegend"] = True
    for d in still:
        d["xaxis"], d["yaxis"] = "x", "y"
        d["showlegend"] = False
    frames = [
        go.Frame(
            name=str(s["epoch"]), data=ft, traces=list(range(len(moving)))
        )
        for s, ft in zip(states, frames_traces, strict=True)
    ]
    return moving + still, frames


def _run_layout(first, last, title):
    """Three panels, top to bottom: the diagram (x2, y2), the losses (x3, y3), the plane."""
    xaxis, yaxis = plane_axes(first["radius"])
    net = network_layout(last)
    for note in net["annotations"]:
        note["xref"], note["yref"] = "x2", "y2"
    h = last["history"]
    top = max(max(h["train"]), max(h["test"]))
    return {
        "height": 840,  # the player fits a 900 px window with the figure
        "title": {"text": title, "x": 0.02},
        "xaxis2": {**net["xaxis"], "domain": [0, 1], "anchor": "y2"},
        "yaxis2": {
            **net["yaxis"],
            "domain": [0.62, 1.0],
            "anchor": "x2",
            "scaleanchor": "x2",
        },
        "xaxis3": {
            "domain": [0, 1],
            "anchor": "y3",
            "range": [0, last["epoch"]],
            "showgrid": False,
            "title": {"text": "epoch", "standoff": 0},
        },
        "yaxis3": {
            "domain": [0.45, 0.56],
            "anchor": "x3",
            "range": [0, top * 1.05],
            "title": {"text": "loss"},
        },
        "xaxis": {**xaxis, "domain": [0, 1], "anchor": "y", "showgrid": False},
        "yaxis": {**yaxis, "domain": [0.0, 0.35], "anchor": "x"},
        "annotations": net["annotations"],
        "legend": {
            "orientation": "h",
            "x": 1,
            "xanchor": "right",
            "y": 0.56,
            "yanchor": "bottom",
            "font": {"size": 11},
        },
        "plot_bgcolor": PAPER,
        "margin": {"l": 50, "r": 10, "t": 40},
    }
