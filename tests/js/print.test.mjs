// The print edition's choices (backprop/static/js/print.mjs), without a browser.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  changesTitle,
  DRAWN,
  forPaper,
  immediate,
  isSolutionTitle,
  levelUp,
  lostToLegend,
  printStates,
  spread,
  STATES,
  stillLayout,
} from "../../backprop/static/js/print.mjs";
import { enlargement, printedSize, SCALE, sharpEnough } from "../../backprop/static/js/print_pictures.mjs";

test("spread takes the first, the last and evenly between", () => {
  assert.deepEqual(spread(24, 4), [0, 8, 15, 23]);
  assert.deepEqual(spread(3, 4), [0, 1, 2]);
  assert.deepEqual(spread(2, 4), [0, 1]);
});

const step = (label, method = "update") => ({ label: label, method: method, args: [{}, {}] });

test("a slider's states, labelled as the slider says them", () => {
  const layout = {
    sliders: [{ currentvalue: { prefix: "b = " }, steps: ["-1", "0", "1", "2", "3"].map((l) => step(l)) }],
  };
  const states = printStates(layout);
  assert.equal(states.length, STATES);
  assert.deepEqual(
    states.map((s) => s.label),
    ["b = -1", "b = 0", "b = 2", "b = 3"],
  );
});

test("the figure function chooses the states when it says so", () => {
  const layout = {
    meta: { print_states: [3, 1] },
    sliders: [{ steps: ["a", "b", "c", "d"].map((l) => step(l)) }],
  };
  assert.deepEqual(
    printStates(layout).map((s) => s.label),
    ["d", "b"],
  );
});

test("buttons are states, play and pause are not", () => {
  const play = { label: "▶ play", method: "animate", args: [null, {}] };
  const pause = { label: "pause", method: "animate", args: [[null], {}] };
  const layout = {
    updatemenus: [
      { buttons: [play, pause] },
      { buttons: ["step", "sigmoid", "tanh", "relu"].map((l) => step(l)) },
    ],
  };
  assert.deepEqual(
    printStates(layout).map((s) => s.label),
    ["step", "sigmoid", "tanh", "relu"],
  );
  assert.deepEqual(printStates({ updatemenus: [{ buttons: [play, pause] }] }), []);
  assert.deepEqual(printStates({}), []);
});

test("a frame is shown where it ends, without animating", () => {
  const args = immediate("animate", [["epoch 3"], { frame: { duration: 500 } }]);
  assert.deepEqual(args[0], ["epoch 3"]);
  assert.equal(args[1].frame.duration, 0);
  assert.equal(args[1].transition.duration, 0);
  const restyle = [{ x: [[1]] }, [0]];
  assert.equal(immediate("restyle", restyle), restyle);
});

test("a still keeps the figure's proportions, the legend only if asked", () => {
  const layout = {
    title: { text: "w = (1, 1)" },
    height: 688 + 80 + 150,
    sliders: [{}],
    updatemenus: [{}],
    margin: { t: 80, b: 150 },
    legend: { y: -0.45 },
  };
  const first = stillLayout(layout, true);
  const other = stillLayout(layout, false);
  assert.equal(first.sliders, undefined);
  assert.equal(first.updatemenus, undefined);
  assert.equal(first.title.text, "w = (1, 1)");
  assert.equal(first.title.font.size, 12);
  assert.equal(first.width, DRAWN);
  // the plot area, 688 px tall in the figure, scales with the width; the top margin keeps
  // 60 px for the title (the rest held the buttons)
  assert.equal(first.height, DRAWN + 60 + 150);
  assert.equal(other.height, DRAWN + 60 + 60); // no legend: a smaller bottom margin
  assert.equal(other.showlegend, false);
  assert.notEqual(first.showlegend, false);
  assert.equal(layout.sliders.length, 1); // the figure's own layout is untouched
  // a legend inside the plot needs no room below it: only the slider's is given back
  const inside = stillLayout({ ...layout, legend: { y: 1 } }, true);
  assert.equal(inside.height, DRAWN + 60 + 60);
});

test("headings go one level up, solutions are told by their title", () => {
  assert.equal(levelUp("h2"), "h1");
  assert.equal(levelUp("h4"), "h3");
  assert.equal(levelUp("h1"), "h1");
  assert.ok(isSolutionTitle("Solution 3"));
  assert.ok(!isSolutionTitle("Exercise 3"));
  assert.ok(!isSolutionTitle("Solutions of the past"));
});

test("a heat map smoothed by plotly.js is smoothed by the PDF viewer instead", () => {
  const heat = { type: "heatmap", zsmooth: "best", z: [[0, 1]] };
  assert.equal(forPaper(heat).zsmooth, "fast");
  assert.equal(heat.zsmooth, "best"); // a copy: the figure's own trace is untouched
  const points = { type: "scatter", x: [1] };
  assert.equal(forPaper(points), points);
});

test("a picture is enlarged for paper the way the screen enlarges it", () => {
  // plotly's heat map of sharp cells, one pixel per cell
  assert.equal(enlargement("image-rendering: pixelated;", 21, 58), "cells");
  // a heat map drawn at the plot's size: its own pixels, kept
  assert.equal(enlargement(null, 373, 373), "cells");
  // a small grid stretched by the browser, which smooths it
  assert.equal(enlargement("", 41, 106), "smooth");
});

test("printed pictures have SCALE device pixels per CSS pixel", () => {
  assert.deepEqual(printedSize(100, 41.2), [Math.ceil(100 * SCALE), Math.ceil(41.2 * SCALE)]);
  assert.ok(96 * SCALE >= 200);
  assert.equal(sharpEnough(250, 100), true);
  assert.equal(sharpEnough(96, 100), false);
});

test("a title that no state changes is the strip's, printed once", () => {
  const frames = [
    { name: "0", data: [{}] },
    { name: "1", data: [{}], layout: { title: { text: "epoch 1" } } },
  ];
  assert.equal(changesTitle({ method: "animate", args: [["0"], {}] }, frames), false);
  assert.equal(changesTitle({ method: "animate", args: [["1"], {}] }, frames), true);
  assert.equal(changesTitle({ method: "animate", args: ["1", {}] }, frames), true);
  assert.equal(changesTitle({ method: "update", args: [{}, { "title.text": "b" }] }), true);
  assert.equal(changesTitle({ method: "relayout", args: [{ "xaxis.range": [0, 1] }] }), false);
  assert.equal(changesTitle({ method: "restyle", args: [{ z: [[1]] }] }), false);
  const untitled = stillLayout({ title: "Loss", margin: { t: 60 }, height: 400 }, true, false);
  assert.equal(untitled.title.text, "");
  assert.equal(untitled.margin.t, 30);
  // a figure that sets no margins: plotly's (50 px) are counted
  const plain = stillLayout({ title: "Loss", height: 450 }, false, true);
  assert.equal(plain.height, Math.round(350 * (DRAWN / 688)) + 50 + 50);
});

test("the still with the legend gets back the height its legend took from the plot", () => {
  assert.equal(lostToLegend(300, 300), 0);
  assert.equal(lostToLegend(300, 299.5), 0);
  assert.equal(lostToLegend(300, 262.4), 38);
});
