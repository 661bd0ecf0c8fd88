"""The checks that the book's functions run on their input before any work.

Each check returns its argument in the form the code needs (a float array, an int, a float)
or raises a TypeError (wrong kind of thing) or a ValueError (right kind, wrong value) whose
message names the argument. The chapters call them in one line at the top of a function
(``from backprop import _checks as check``), so that the code they teach stays the lesson,
and a mistake in the data is reported as a mistake in the data, not as a NaN or a divergence
three calls later.

- ``values``: numbers, counts, names and arrays, and ``skipped`` (checked once is enough);
- ``networks``: layers, their input and targets, losses, training settings;
- ``lessons``: the smaller functions of single chapters.
"""

from backprop._checks.lessons import (
    descent,
    gradient,
    line,
    literal,
    literal_backward,
    literal_data,
    perceptron,
    universal,
)
from backprop._checks.networks import (
    backward,
    cost_inputs,
    epoch,
    layer,
    layer_input,
    loss,
    network,
    network_data,
    outputs,
    targets,
    training,
)
from backprop._checks.values import (
    ACTIVATIONS,
    LOSSES,
    NotFinite,
    activation,
    array,
    arrays,
    callable_,
    count,
    instance,
    labels,
    name,
    number,
    sizes,
    skipped,
    values,
)

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "NotFinite",
    "activation",
    "array",
    "arrays",
    "backward",
    "callable_",
    "cost_inputs",
    "count",
    "descent",
    "epoch",
    "gradient",
    "instance",
    "labels",
    "layer",
    "layer_input",
    "line",
    "literal",
    "literal_backward",
    "literal_data",
    "loss",
    "name",
    "network",
    "network_data",
    "number",
    "outputs",
    "perceptron",
    "sizes",
    "skipped",
    "targets",
    "training",
    "universal",
    "values",
]
