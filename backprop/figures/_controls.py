"""Browser-side controls shared by the figures: a player for animation frames, a slider, a
row of buttons."""

from __future__ import annotations

_STILL = {
    "mode": "immediate",
    "frame": {"duration": 0, "redraw": True},
    "transition": {"duration": 0},
}


def add_player(fig, names, prefix="step ", duration=700, labels=None):
    """Play and pause buttons and a step slider under a figure with ``frames``.

    ``names`` are the frames' names, in order; ``labels`` what the slider shows for each
    (the names by default). The figure's bottom margin is enlarged to make room.
    """
    # the controls take the lowest 80 px of the figure; plotly places them in units of the
    # plot area's height, below its bottom edge (negative y)
    bottom = max(fig.layout.margin.b or 0, 130)
    top = fig.layout.margin.t if fig.layout.margin.t is not None else 50
    plot_height = (fig.layout.height or 450) - top - bottom
    y = -(bottom - 80) / plot_height
    fig.update_layout(
        margin={"b": bottom},
        updatemenus=[_play_pause(y, duration)],
        sliders=[_frame_slider(names, labels or names, prefix, y)],
    )
    return fig


def _play_pause(y, duration):
    """A play button (one frame every ``duration`` ms) and a pause button, at height y."""
    play = {
        "frame": {"duration": duration, "redraw": True},
        "transition": {"duration": 0},
        "fromcurrent": True,
        "mode": "immediate",
    }
    return {
        "type": "buttons",
        "direction": "left",
        "x": 0.0,
        "xanchor": "left",
        "y": y,
        "yanchor": "top",
        "pad": {"t": 22, "l": 0},
        "showactive": False,
        "buttons": [
            {"label": "▶ play", "method": "animate", "args": [None, play]},
            {
                "label": "❚❚ pause",
                "method": "animate",
                "args": [[None], _STILL],
            },
        ],
    }


def _frame_slider(names, labels, prefix, y):
    """A slider with one step per frame, right of the buttons, at height y."""
    return {
        "active": 0,
        "x": 0.3,
        "len": 0.7,
        "y": y,
        "yanchor": "top",
        "pad": {"t": 0},
        "currentvalue": {"prefix": prefix, "xanchor": "right"},
        "steps": [
            {
                "label": str(lab),
                "method": "animate",
                "args": [[str(n)], _STILL],
            }
            for n, lab in zip(names, labels, strict=True)
        ],
    }


def slider(steps, active=0, prefix="", pad=50):
    """A plotly slider over precomputed ``steps``, showing "prefix value" above it."""
    return {
        "active": active,
        "steps": steps,
        "currentvalue": {"prefix": prefix},
        "pad": {"t": pad},
    }


def button_row(buttons, active=0, y=1.2):
    """A row of plotly ``buttons`` at the top left, ``y`` plot heights up from its bottom."""
    return {
        "type": "buttons",
        "direction": "left",
        "buttons": buttons,
        "active": active,
        "x": 0,
        "xanchor": "left",
        "y": y,
        "yanchor": "top",
        "pad": {"l": 0},
    }
