"""The playground's controls: TensorFlow Playground's, built from a table of its settings.

Each row of :data:`SETTINGS` makes one control for one setting of a
:class:`backprop.playground.Playground`, and says how the control's value and the
setting's value convert into each other. :class:`PlaygroundControls` holds them with the
buttons (play, step, reset, layers, units) and the texts, and arranges them on screen; what
they do is wired by :class:`backprop.playground_widget.PlaygroundWidget`.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from backprop.playground import (
    ACTIVATIONS,
    DATASETS,
    FEATURES,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_UNITS,
    REGULARIZATION_RATES,
)

__all__ = ["SETTINGS", "PlaygroundControls", "Setting", "datasets_for"]


def datasets_for(problem):
    """The data sets of a problem ("classification" or "regression")."""
    return [name for name, p in DATASETS.items() if p == problem]


def _numbers(values):
    return [(f"{v:g}", v) for v in values]


def _same_value(value):
    return value


def _percent(fraction):
    return round(100 * fraction)


def _fraction(percent):
    return percent / 100


@dataclass(frozen=True)
class Setting:
    """One control for one setting of a playground.

    A dropdown if ``options`` is given (a function of the settings, for the choices that
    depend on another setting), else a slider of whole numbers over ``slider`` (lo, hi,
    step). ``shown`` turns the setting's value into the control's, ``read`` back.
    ``attribute`` is the control's name on the widget.
    """

    name: str
    label: str
    options: object = None
    slider: tuple = ()
    width: str = "15em"
    shown: object = _same_value
    read: object = _same_value
    attribute: str = ""

    def control(self, settings):
        value = self.shown(settings[self.name])
        if self.options is not None:
            return widgets.Dropdown(
                options=self.options(settings),
                value=value,
                description=self.label,
                style={"description_width": "initial"},
                layout={"width": self.width},
            )
        lo, hi, step = self.slider
        # a slider sets its value when released, not while dragged
        return widgets.IntSlider(
            value=value,
            min=lo,
            max=hi,
            step=step,
            description=self.label,
            style={"description_width": "7em"},
            continuous_update=False,
        )


SETTINGS = (
    Setting("lr", "learning rate α", lambda s: _numbers(LEARNING_RATES)),
    Setting("activation", "activation f", lambda s: list(ACTIVATIONS)),
    # "none": a Dropdown's None would mean "nothing chosen"
    Setting(
        "regularization",
        "regularisation",
        lambda s: ["none", "L1", "L2"],
        shown=lambda v: v or "none",
        read=lambda v: None if v == "none" else v,
    ),
    Setting(
        "reg_rate",
        "rate λ",
        lambda s: _numbers(
            sorted(set(REGULARIZATION_RATES) | {s["reg_rate"]})
        ),
        width="10em",
    ),
    Setting(
        "problem",
        "problem",
        lambda s: ["classification", "regression"],
        width="17em",
    ),
    Setting(
        "dataset",
        "data",
        lambda s: datasets_for(s["problem"]),
        width="16em",
    ),
    Setting(
        "noise", "noise %", slider=(0, 50, 5), shown=_percent, read=_fraction
    ),
    Setting(
        "train_fraction",
        "training %",
        slider=(10, 90, 10),
        shown=_percent,
        read=_fraction,
        attribute="train_ratio",
    ),
    Setting("batch_size", "batch size", slider=(1, 30, 1)),
)

# A figure takes the width of its place: by default plotly.js keeps the 700 px it first
# drew at, and the place (a flex box) grows to fit it, so the figures' right sides were
# cut off.
_CSS = (
    "<style>.playground-figure > .js-plotly-plot"
    "{flex: 1 1 auto; width: 100%; min-width: 0}</style>"
)


def _close(widget):
    """Close a widget and every widget inside it."""
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()


def _button(description, tooltip, **layout):
    if layout:
        return widgets.Button(
            description=description, tooltip=tooltip, layout=layout
        )
    return widgets.Button(description=description, tooltip=tooltip)


class PlaygroundControls:
    """Every control of the live playground, set from a playground's settings.

    Attributes
    ----------
    settings : dict of setting name -> control, one per row of :data:`SETTINGS`
    features : dict of feature name -> Checkbox
    play, step_button, reset_button, regenerate, add_layer, remove_layer : the buttons
    show_test, gradients : Checkboxes of what the figures show
    epoch_text, status, layer_text, export_note : texts
    layer_buttons : one column of + / − unit buttons per hidden layer
    """

    def __init__(self, settings):
        self.play = widgets.ToggleButton(
            description="▶ play", tooltip="train continuously (play / pause)"
        )
        self.step_button = _button("step", "one epoch")
        self.reset_button = _button(
            "reset", "back to epoch 0, the initial weights"
        )
        self.epoch_text = widgets.HTML()
        self.epoch_text.add_class("playground-epoch")
        self.status = widgets.HTML()
        self.settings = {s.name: s.control(settings) for s in SETTINGS}
        self.regenerate = _button(
            "regenerate", "new points from the same data set", width="9.5em"
        )
        self.show_test = widgets.Checkbox(
            description="show test data", indent=False
        )
        self.features = {
            name: widgets.Checkbox(
                value=name in settings["features"],
                description=name,
                indent=False,
                layout={"width": "6.5em"},
            )
            for name in FEATURES
        }
        self.add_layer = _button("+ layer", "add a hidden layer")
        self.remove_layer = _button("− layer", "remove the last hidden layer")
        self.layer_text = widgets.HTML()
        self.layer_buttons = widgets.HBox()
        self._layers_shown = None  # the hidden sizes the buttons are for
        self.gradients = widgets.Checkbox(
            description="colour by the gradients of J + λR (last batch)",
            indent=False,
            layout={"width": "auto"},
        )
        self.export_note = widgets.HTML(
            "<small>In the next cell, <code>pg.network</code> is this network, "
            "a <code>backprop.nn.MLP</code>.</small>"
        )

    def named(self):
        """Every control by its name on the widget (``lr``, ``train_ratio``, ``play``, ...)."""
        named = {
            s.attribute or s.name: self.settings[s.name] for s in SETTINGS
        }
        named.update(
            (name, value)
            for name, value in vars(self).items()
            if name != "settings"
        )
        return named

    def sync_layers(self, hidden, change_units):
        """One column of + / − unit buttons per hidden layer.

        ``change_units(layer, delta)`` is what a button calls (wrapped by the caller).
        The buttons are made anew only when the layers changed: a change of noise or rate
        keeps them (each new widget is a message to the browser and a view to draw).
        """
        if tuple(hidden) == self._layers_shown:
            return
        self._layers_shown = tuple(hidden)
        old = self.layer_buttons.children
        n = len(hidden)
        self.layer_text.value = f"{n} hidden layer{'s' * (n != 1)}: {', '.join(map(str, hidden)) or 'none'}"
        self.add_layer.disabled = n >= MAX_LAYERS
        self.remove_layer.disabled = n == 0
        self.layer_buttons.children = [
            self._layer_column(i, units, change_units)
            for i, units in enumerate(hidden)
        ]
        for column in old:  # their views are gone: their models go too
            _close(column)

    @staticmethod
    def _layer_column(i, units, change_units):
        plus = _button("+", f"add a unit to layer {i + 1}", width="2.5em")
        minus = _button(
            "−", f"remove a unit from layer {i + 1}", width="2.5em"
        )
        plus.disabled, minus.disabled = units >= MAX_UNITS, units <= 1
        plus.on_click(lambda _: change_units(i, +1))
        minus.on_click(lambda _: change_units(i, -1))
        return widgets.VBox(
            [
                widgets.HTML(f"layer {i + 1}: {units}"),
                widgets.HBox([plus, minus]),
            ]
        )

    def arrange(self, slots, *hidden):
        """The controls and the figures' ``slots`` in rows; ``hidden`` widgets last."""
        wrap = {"flex_flow": "row wrap", "align_items": "center"}
        s = self.settings
        run = widgets.HBox(
            [self.play, self.step_button, self.reset_button, self.epoch_text],
            layout=wrap,
        )
        choices = ("lr", "activation", "regularization", "reg_rate", "problem")
        settings = widgets.HBox([s[name] for name in choices], layout=wrap)
        data = widgets.VBox(
            [
                widgets.HTML("<b>Data</b>"),
                *(s[name] for name in ("dataset", "noise", "train_fraction")),
                s["batch_size"],
                widgets.HBox([self.regenerate, self.show_test]),
                widgets.HTML("<b>Features</b> (the inputs x)"),
                widgets.HBox(list(self.features.values()), layout=wrap),
            ],
            layout={"width": "25em"},
        )
        net = widgets.VBox(
            [
                widgets.HBox(
                    [self.add_layer, self.remove_layer, self.layer_text],
                    layout=wrap,
                ),
                self.layer_buttons,
                self.gradients,
                slots["network"],
            ],
            layout={"flex": "1 1 24em", "min_width": "18em"},
        )
        plots = widgets.HBox(
            [
                widgets.Box([slots["output"]], layout={"flex": "1 1 22em"}),
                widgets.VBox(
                    [self.status, slots["loss"], self.export_note],
                    layout={"flex": "1 1 22em"},
                ),
            ],
            layout={"flex_flow": "row wrap"},
        )
        return [
            run,
            settings,
            widgets.HBox([data, net], layout={"flex_flow": "row wrap"}),
            plots,
            *hidden,
            widgets.HTML(_CSS, layout={"display": "none"}),
        ]

    def __repr__(self):
        return f"PlaygroundControls(settings={list(self.settings)})"
