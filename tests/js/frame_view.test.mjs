// The live playground's frame view (backprop/live_playground/frame_view.mjs): a frame's
// pictures put in place in a drawn plot. No browser: a plot is a stub with the state
// plotly.js keeps (layout, _fullLayout, image elements bound to their layout entries).
import assert from "node:assert/strict";
import { test } from "node:test";
import { imageNodes, showFrame, showImages } from "../../backprop/live_playground/frame_view.mjs";

const XLINK = "http://www.w3.org/1999/xlink";

function imageNode(index, xlink = false) {
  const attrs = {};
  if (xlink) attrs[`${XLINK} href`] = "old";
  return {
    __data__: index === undefined ? undefined : { _index: index },
    attrs,
    hasAttributeNS: (ns, name) => `${ns} ${name}` in attrs,
    setAttributeNS(ns, name, value) {
      attrs[`${ns} ${name.replace("xlink:", "")}`] = value;
    },
    setAttribute(name, value) {
      attrs[name] = value;
    },
  };
}

function plot(n, nodes) {
  const images = () => Array.from({ length: n }, () => ({ source: "old" }));
  return {
    layout: { images: images() },
    _fullLayout: { images: images() },
    querySelectorAll: () => nodes,
  };
}

test("the drawn images are found by their index in the layout", () => {
  const a = imageNode(1);
  const b = imageNode(0);
  const nodes = imageNodes(plot(2, [a, imageNode(undefined), b]));
  assert.deepEqual(Object.keys(nodes), ["0", "1"]);
  assert.equal(nodes[0], b);
  assert.equal(nodes[1], a);
});

test("a new source goes into the layout, plotly's full layout and the element", () => {
  const nodes = [imageNode(0), imageNode(1, true)];
  const gd = plot(2, nodes);
  assert.equal(showImages(gd, [[0, "new0"], [1, "new1"]]), true);
  assert.deepEqual(gd.layout.images.map((im) => im.source), ["new0", "new1"]);
  assert.deepEqual(gd._fullLayout.images.map((im) => im.source), ["new0", "new1"]);
  assert.equal(nodes[0].attrs.href, "new0");
  assert.equal(nodes[1].attrs[`${XLINK} href`], "new1"); // an xlink:href stays one
  assert.equal(nodes[1]._imgSrc, "new1");
});

test("a plot not drawn, or without the image, says it could not", () => {
  assert.equal(showImages(null, [[0, "x"]]), false);
  assert.equal(showImages({ layout: {} }, [[0, "x"]]), false);
  assert.equal(showImages(plot(1, []), [[0, "x"]]), false);
  assert.equal(showImages(plot(1, [imageNode(0)]), [[1, "x"]]), false);
});

test("a frame outside a playground is not shown", () => {
  assert.equal(showFrame({ closest: () => null }, { images: {} }), false);
});

test("a frame's pictures go to each figure, and its counter to the label", () => {
  const gd = plot(1, [imageNode(0)]);
  const label = { innerHTML: "" };
  const root = {
    querySelector: (selector) =>
      selector === ".playground-output .js-plotly-plot" ? gd : selector.includes("epoch") ? label : null,
  };
  const el = { closest: () => root };
  assert.equal(showFrame(el, { images: { output: [[0, "new"]] }, epoch: "Epoch 3" }), true);
  assert.equal(gd.layout.images[0].source, "new");
  assert.equal(label.innerHTML, "Epoch 3");
  assert.equal(showFrame(el, { images: { network: [[0, "x"]] } }), false);
});
