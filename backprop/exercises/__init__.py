"""Checkers for the exercises at the end of each chapter.

Each checker compares the reader's answer with a value computed by the book's own code (never a
number typed in here) and returns a :class:`Verdict`: it prints as a sentence in a notebook and
is true or false, so a solution cell can ``assert`` it.

One module per chapter holds its checkers (:mod:`.neurons`, :mod:`.networks`,
:mod:`.backpropagation`, :mod:`.matrix_form`, :mod:`.digits`); :mod:`.verdict` holds the verdict
and the helpers they share. A chapter imports them all from here.
"""

from __future__ import annotations

from backprop.exercises.backpropagation import (
    bias_gradient,
    diverging_learning_rate,
    sigmoid_gate,
    weight_gradient_shape,
)
from backprop.exercises.digits import (
    digits_input_shape,
    digits_parameters,
    most_confused,
)
from backprop.exercises.matrix_form import (
    backward_products,
    double_division_factor,
    input_gradient_shape,
    softmax_cross_entropy_gradient,
)
from backprop.exercises.networks import (
    parameter_count,
    rnn_parameters,
    separable_boolean_functions,
    xor_output_unit,
)
from backprop.exercises.neurons import (
    learning_rate_ratio,
    perceptron_update,
    signed_distance,
    softmax_half,
)

# with the helpers the checkers of other chapters share (graph_exercises, playground_exercises)
from backprop.exercises.verdict import (
    _NOT_YET,  # noqa: F401
    Folded,
    Verdict,
    _checker,  # noqa: F401
    _close,  # noqa: F401
    _decimals,  # noqa: F401
    _numbers,  # noqa: F401
    _shape_verdict,  # noqa: F401
    _unanswered,  # noqa: F401
)

__all__ = [
    "Verdict",
    "Folded",
    "signed_distance",
    "perceptron_update",
    "learning_rate_ratio",
    "softmax_half",
    "parameter_count",
    "xor_output_unit",
    "separable_boolean_functions",
    "rnn_parameters",
    "bias_gradient",
    "diverging_learning_rate",
    "weight_gradient_shape",
    "sigmoid_gate",
    "input_gradient_shape",
    "softmax_cross_entropy_gradient",
    "backward_products",
    "double_division_factor",
    "digits_input_shape",
    "digits_parameters",
    "most_confused",
]
