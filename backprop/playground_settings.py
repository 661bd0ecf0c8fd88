"""The Playground's settings: TensorFlow Playground's menus, the table of settings, their checks.

``check_settings`` validates and normalises a whole set of settings (each error names the
setting); ``restarts`` says what a change of settings starts again. The checks of single values
(``check_choice``, ``check_number``, ``check_int``) serve the data sets and the training too.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from backprop import regularize

DATASETS = {
    "circle": "classification",
    "xor": "classification",
    "gauss": "classification",
    "spiral": "classification",
    "plane": "regression",
    "multigauss": "regression",
}
FEATURES = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1**2,
    "x2^2": lambda x1, x2: x2**2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
# TensorFlow Playground's menus
LEARNING_RATES = (1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REGULARIZATION_RATES = (0.0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MAX_LAYERS, MAX_UNITS = 6, 8

# Every setting, in the Playground's order, and what a change of it starts again: "data" (new
# points, features and weights), "network" (new features and weights) or None (training goes on)
SETTINGS = {
    "dataset": "data",
    "noise": "data",
    "train_fraction": "data",
    "features": "network",
    "hidden": "network",
    "activation": "network",
    "lr": None,
    "batch_size": None,
    "regularization": None,
    "reg_rate": None,
    "problem": "data",
    "seed": "data",
}


def restarts(old, new):
    """What going from the settings ``old`` to ``new`` starts again: "data", "network" or None."""
    changed = {SETTINGS[k] for k in new if new[k] != old[k]}
    if "data" in changed:
        return "data"
    return "network" if "network" in changed else None


# Checking settings -----------------------------------------------------------------------------


def check_choice(name, value, options):
    if not isinstance(value, (str, type(None))) or value not in options:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, options))}; "
            f"got {value!r}"
        )
    return value


def check_number(name, value, lo, hi, low_open=False):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {value!r}")
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{name} must be a number, not NaN")
    if value < lo or value > hi or (low_open and value == lo):
        bound = f"above {lo:g}" if low_open else f"at least {lo:g}"
        raise ValueError(
            f"{name} must be {bound} and at most {hi:g}; got {value:g}"
        )
    return value


def check_int(name, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, not {value!r}")
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be from {lo} to {hi}; got {value}")
    return int(value)


def check_features(features):
    if isinstance(features, str):
        raise TypeError(
            f"features must be a list of feature names, not the string "
            f"{features!r} (write ({features!r},))"
        )
    features = tuple(features)
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(
            f"features: unknown feature {unknown[0]!r}; choose from "
            f"{', '.join(FEATURES)}"
        )
    if not features:
        raise ValueError("features: choose at least one input feature")
    if len(set(features)) != len(features):
        raise ValueError(f"features: each feature once, got {features}")
    return tuple(f for f in FEATURES if f in features)  # TFP's order


def check_hidden(hidden):
    if isinstance(hidden, numbers.Integral):
        raise TypeError(
            f"hidden must be a list of layer sizes such as (4, 2), not "
            f"{hidden!r}"
        )
    hidden = tuple(hidden)
    if len(hidden) > MAX_LAYERS:
        raise ValueError(
            f"hidden: at most {MAX_LAYERS} hidden layers, got {len(hidden)}"
        )
    return tuple(
        check_int(f"hidden[{i}] (units in layer {i + 1})", n, 1, MAX_UNITS)
        for i, n in enumerate(hidden)
    )


def check_settings(s):
    """Validate and normalise a dict of settings; errors name the setting."""
    s = dict(s)
    check_choice("dataset", s["dataset"], tuple(DATASETS))
    check_choice("problem", s["problem"], ("classification", "regression"))
    if DATASETS[s["dataset"]] != s["problem"]:
        raise ValueError(
            f"dataset {s['dataset']!r} is a {DATASETS[s['dataset']]} data "
            f"set, but problem is {s['problem']!r}"
        )
    s["noise"] = check_number("noise", s["noise"], 0.0, 0.5)
    s["train_fraction"] = check_number(
        "train_fraction", s["train_fraction"], 0.1, 0.9
    )
    s["features"] = check_features(s["features"])
    s["hidden"] = check_hidden(s["hidden"])
    check_choice("activation", s["activation"], ACTIVATIONS)
    s["lr"] = check_number("lr", s["lr"], 0.0, 10.0, low_open=True)
    s["batch_size"] = check_int("batch_size", s["batch_size"], 1, 30)
    regularize.check_kind(s["regularization"])
    s["reg_rate"] = check_number("reg_rate", s["reg_rate"], 0.0, 10.0)
    s["seed"] = check_int("seed", s["seed"], 0, 2**32 - 1)
    return s
