// Plotly's labels as text (backprop/static/js/text.mjs). The browser parses a label; here a
// parsed tree is written by hand, as nodes with nodeType, tagName, childNodes, textContent.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  breaksAsSpaces,
  cleanTree,
  labelParts,
  oneLine,
  textOf,
  titleOf,
} from "../../backprop/static/js/text.mjs";

const text = (s) => ({ nodeType: 3, textContent: s });
const comment = (s) => ({ nodeType: 8, textContent: s });
const element = (tagName, ...childNodes) => ({
  nodeType: 1,
  tagName,
  childNodes,
  get textContent() {
    return childNodes.filter((n) => n.nodeType !== 8).map((n) => n.textContent).join("");
  },
});

// what DOMParser makes of '<div>w<sub>1</sub> = <span style="x"><b>2</b></span><!-- c --><br>
// <a href="#">link</a></div>'
const PARSED = element(
  "DIV",
  text("w"),
  element("SUB", text("1")),
  text(" = "),
  element("SPAN", element("B", text("2"))),
  comment(" c "),
  element("BR"),
  element("A", text("link")),
);

test("cleanTree keeps the tags plotly draws, the text of others, no comments", () => {
  assert.deepEqual(cleanTree(PARSED), [
    "w",
    { tag: "SUB", children: ["1"] },
    " = ",
    { tag: "B", children: ["2"] },
    { tag: "BR", children: [] },
    "link",
  ]);
  assert.deepEqual(cleanTree(element("DIV")), []);
  const nested = element(
    "DIV",
    element("I", element("SCRIPT", text("x")), element("SUP", text("2"))),
  );
  assert.deepEqual(cleanTree(nested), [
    { tag: "I", children: ["x", { tag: "SUP", children: ["2"] }] },
  ]);
});

test("the text of a cleaned label is the DOM's textContent", () => {
  assert.equal(textOf(cleanTree(PARSED)), "w1 = 2link");
  assert.equal(textOf(cleanTree(PARSED)), PARSED.textContent);
});

test("a label as one line: breaks as spaces, runs of space as one, none at the ends", () => {
  assert.equal(breaksAsSpaces("epoch<br>12<BR/>of 50<br />"), "epoch 12 of 50 ");
  assert.equal(breaksAsSpaces(null), "");
  assert.equal(breaksAsSpaces(0.5), "0.5");
  assert.equal(oneLine("  w =\n 0.5\t "), "w = 0.5");
  const parsed = element("DIV", text("epoch "), element("B", text(" 12 ")), text("  of 50 "));
  assert.equal(oneLine(textOf(cleanTree(parsed))), "epoch 12 of 50");
});

test("a button's symbols are its icon, the words its name", () => {
  assert.deepEqual(labelParts("▶ play"), { icon: "▶ ", text: "play" });
  assert.deepEqual(labelParts("❚❚ pause"), { icon: "❚❚ ", text: "pause" });
  assert.deepEqual(labelParts("relu"), { icon: "", text: "relu" });
  assert.deepEqual(labelParts("  tanh"), { icon: "", text: "tanh" });
  assert.deepEqual(labelParts("2 layers"), { icon: "", text: "2 layers" });
  assert.deepEqual(labelParts("σ′ (sigmoid)"), { icon: "", text: "σ′ (sigmoid)" });
  assert.deepEqual(labelParts(3), { icon: "", text: "3" });
});

test("a layout's title, as a string or {text}", () => {
  assert.equal(titleOf({ title: "Loss" }), "Loss");
  assert.equal(titleOf({ title: { text: "w<sub>1</sub> = 0.5" } }), "w<sub>1</sub> = 0.5");
  assert.equal(titleOf({ title: { font: { size: 12 } } }), "");
  assert.equal(titleOf({}), "");
});
