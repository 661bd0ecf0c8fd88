"""Every colour and colour scale of the book's figures and widgets, and the classes' markers.

The figures and widgets take their colours from here and write none of their own (a test
checks it), so that one colour means one thing across the book. The hues are Open Color's
(https://yeun.github.io/open-color/), with its shade number beside each. Figures are drawn
for a light page; the website turns their ink and their paper for its dark theme
(``backprop/static/backprop.js``), which is why those two are the CSS names black and white.
"""

from __future__ import annotations

import numpy as np

# -- the palette ------------------------------------------------------------------------------

BLUE = "#1c7ed6"  # blue 7
LIGHT_BLUE = "#74c0fc"  # blue 3
PALE_BLUE = "#d0ebff"  # blue 1
ORANGE = "#e8590c"  # orange 8
GREEN = "#2f9e44"  # green 8
VIOLET = "#7048e8"  # violet 8
PINK = "#c2255c"  # pink 8
CYAN = "#0c8599"  # cyan 8
RED = "#c92a2a"  # red 9
GRAY_1 = "#f1f3f5"
GRAY_4 = "#ced4da"
GRAY_5 = "#adb5bd"
GRAY_6 = "#868e96"
GRAY_7 = "#495057"
GRAY_8 = "#343a40"
GRAY_9 = "#212529"
WHITE = "#ffffff"  # the white of a colour scale
INK = "black"  # lines, rings and markers drawn in ink: the dark theme draws them light
PAPER = "white"  # the background, a node's fill, the outline that sets a marker off it
TRANSPARENT = "rgba(0,0,0,0)"

# -- what the colours mean ----------------------------------------------------------------------

# The two classes, used everywhere in the book: label 0 ("cherries") and label 1
# ("chocolate"). They differ in lightness as well as in hue, and the markers differ in shape,
# so they stay apart for colour-blind readers and in greyscale print.
CHERRY, CHOCOLATE = "#d6336c", "#5c3d2e"  # pink 7, a brown
CLASS_COLORS = (CHERRY, CHOCOLATE)
CLASS_SYMBOLS = ("circle", "square")
# Light tints of the same colours for shaded half-planes.
CLASS_TINTS = ("#f8d3df", "#e3d3c6")
ACCENT = BLUE  # the weight vector, the current step, the thing to look at
MUTED = (
    GRAY_6  # what is there for reference: a curve to compare with, plain edges
)
LABEL = GRAY_7  # a quiet label written on the paper (4.5:1 and more, as every text)

# Text in a colour: the colours above are for lines and areas, and some are too light for
# words on white paper (blue 7 gives 4.2:1, orange 8 3.6:1); a label in one of them is
# written in its shade here (5:1 and more). The dark theme lightens a label's colour on the
# dark page (backprop/static/js/theme.mjs), so that it reads there too.
TEXT_COLORS = {
    BLUE: "#1971c2",
    ORANGE: "#c2410c",
}  # blue 8; orange, darker than 9


def text_color(color):
    """The colour of a label written in ``color`` (its darker shade where it needs one)."""
    return TEXT_COLORS.get(color, color)


# plotly's colours for traces that do not set their own, in turn
COLORWAY = (ACCENT, ORANGE, GREEN, VIOLET, PINK, CYAN)
LEGEND_BACKGROUND = "rgba(255,255,255,0.7)"

# Network diagrams and computation graphs
# a node's outline and a graph's plain arrows: near-black, so that the dark theme draws them
# light (they were gray 8 and 7, about 1.6:1 and 2.3:1 on the dark page)
NODE_OUTLINE = GRAY_9
# a line drawn over a heat map, whose colours stay light in the dark theme: it stays dark
# (ink would turn light there, and vanish on the map)
ON_MAP = GRAY_8
# the sign of a weight, of a unit's output or of a gradient: blue positive, pink negative
SIGN_POSITIVE, SIGN_NEGATIVE = ACCENT, CHERRY
SIGN_SCALE = [[0, SIGN_NEGATIVE], [0.5, WHITE], [1, SIGN_POSITIVE]]
# the lines of the two hidden units of XOR
HIDDEN_UNIT_COLORS = (ORANGE, GREEN)
ARROW = GRAY_9  # an arrow of a graph drawn with no colour of its own
# Backpropagation on a graph: a node whose gradient is complete, one still receiving
# contributions, one no contribution has reached yet; the edges a gradient travels along now.
GRADIENT_DONE, GRADIENT_PARTIAL = LIGHT_BLUE, PALE_BLUE
GRADIENT_WAITING = PAPER
# a node's name written inside it: its fills above stay light in both modes, so the name is
# dark in both (not the theme's text colour, which is light in the dark mode)
NODE_TEXT = GRAY_9
HOT = ORANGE
# the arrays of a layer's four matrix products, by name
MATRIX_COLORS = {
    "W": ACCENT,
    "Wᵀ": ACCENT,
    "x": GREEN,
    "xᵀ": GREEN,
    "z": ORANGE,
    "dJ/dz": CHERRY,
    "dJ/dx": VIOLET,
    "dJ/dW": ACCENT,
    "dJ/db": ORANGE,
    "1": MUTED,
}

# Heat maps. The light ends of the classes' colours, so that the samples drawn on top stay
# visible: a unit's output over the plane from cherry (low) through white to chocolate (high),
# and from white (0) to chocolate for an output that starts at 0 (ReLU's).
OUTPUT_SCALE = [[0, "#eb8fae"], [0.5, WHITE], [1, "#b39482"]]
OUTPUT_SCALE_FROM_ZERO = [[0, WHITE], [1, "#b39482"]]
# the levels of a cost, light to dark; a digit's grey levels; counts, none to most
CONTOUR_SCALE = [[0, GRAY_1], [1, GRAY_4]]
PIXEL_SCALE = [[0, WHITE], [1, GRAY_9]]
# the darkest count carries white text: blue 8, not 7 (4.2:1)
COUNT_SCALE = [[0, WHITE], [1, TEXT_COLORS[BLUE]]]

# Training and test sets, side by side
TRAINING_COLOR, TEST_COLOR = ACCENT, ORANGE

# The Playground, after TensorFlow Playground: its blue and orange are the sign of a weight,
# of a unit's output and of a regression target; gradients are purple and green.
PLAYGROUND_POSITIVE, PLAYGROUND_NEGATIVE = BLUE, ORANGE
PLAYGROUND_GRAD_POSITIVE, PLAYGROUND_GRAD_NEGATIVE = VIOLET, GREEN
# its edges, (positive, negative): by the sign of the weight or of its gradient
PLAYGROUND_WEIGHT_COLORS = (PLAYGROUND_POSITIVE, PLAYGROUND_NEGATIVE)
PLAYGROUND_GRAD_COLORS = (PLAYGROUND_GRAD_POSITIVE, PLAYGROUND_GRAD_NEGATIVE)
# the network's output: cherry (t = 0) through white to chocolate (t = 1)
PLAYGROUND_OUTPUT_SCALE = [[0, "#f0a6bf"], [0.5, WHITE], [1, "#c4a995"]]
PLAYGROUND_UNIT_SCALE = [
    [0, PLAYGROUND_NEGATIVE],
    [0.5, WHITE],
    [1, PLAYGROUND_POSITIVE],
]
PLAYGROUND_GRAD_SCALE = [
    [0, PLAYGROUND_GRAD_NEGATIVE],
    [0.5, WHITE],
    [1, PLAYGROUND_GRAD_POSITIVE],
]
DEAD_EDGE = MUTED  # weights that L1 set to exactly 0, no longer trained
# the training loss in its loss chart; the test loss there is TEST_COLOR
PLAYGROUND_TRAINING_LOSS = GRAY_7
ERROR = RED  # a message that training stopped


def slate(shade):
    """A grey with a blue cast, from ``shade`` 0 (near black) to 255 (white)."""
    return f"rgb({shade},{shade},{min(255, shade + 60)})"


def rgb(color):
    """A colour ``#rrggbb`` as its [red, green, blue], each 0 to 255."""
    return [int(color[k : k + 2], 16) for k in (1, 3, 5)]


def color_at(stops, value):
    """The colour at ``value`` (0 to 1) of a colour scale of ``#rrggbb`` stops, as #rrggbb."""
    channels = np.array([rgb(color) for _, color in stops], dtype=float)
    where = [p for p, _ in stops]
    mixed = [round(np.interp(value, where, channels[:, k])) for k in range(3)]
    return "#{:02x}{:02x}{:02x}".format(*mixed)
