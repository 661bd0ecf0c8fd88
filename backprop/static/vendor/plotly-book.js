// The book's plotly.js: its core (scatter traces, the sliders, buttons, legends and
// annotations) and only the other trace types the figures draw, registered as plotly.js
// documents for partial bundles (lib/index-cartesian.js does the same with more types).
// backprop/sphinxext.py reads the registered types from the built bundle and fails the
// build if a figure uses one that is missing here.
"use strict";

const Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/heatmap"),
  require("plotly.js/lib/contour"),
]);

module.exports = Plotly;
