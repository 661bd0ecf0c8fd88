// Figures drawn when they come near the view (backprop/static/js/lazy.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { lazyFigures } from "../../backprop/static/js/lazy.mjs";

const tick = () => new Promise((r) => setTimeout(r, 0));

function page() {
  const drawn = [];
  const figures = lazyFigures(
    (entry) => {
      drawn.push(entry);
      return Promise.resolve();
    },
    (f) => setTimeout(f, 0),
  );
  return { figures, drawn };
}

test("nothing is drawn until a figure comes near the view, and then only it", async () => {
  const { figures, drawn } = page();
  ["a", "b", "c"].forEach((e) => figures.add(e));
  await tick();
  assert.deepEqual(drawn, []);
  figures.near("b");
  await figures.drawn();
  assert.deepEqual(drawn, ["b"]);
  assert.equal(figures.left, 2);
});

test("figures near the view are drawn one per task, in the order they came", async () => {
  const { figures, drawn } = page();
  ["a", "b", "c"].forEach((e) => figures.add(e));
  figures.near("c");
  figures.near("a");
  assert.deepEqual(drawn, [], "not in the task that asked");
  await tick();
  assert.deepEqual(drawn, ["c"], "one figure in the first task");
  await figures.drawn();
  assert.deepEqual(drawn, ["c", "a"]);
});

test("a figure is drawn once, however often it comes near", async () => {
  const { figures, drawn } = page();
  figures.add("a");
  figures.near("a");
  figures.near("a");
  await figures.drawn();
  figures.near("a");
  await figures.now();
  assert.deepEqual(drawn, ["a"]);
});

test("now() draws every figure left at once (printing, a keyboard's first Tab)", async () => {
  const { figures, drawn } = page();
  ["a", "b", "c"].forEach((e) => figures.add(e));
  figures.near("b");
  const all = figures.now();
  await tick(); // draw() runs in a microtask of this task, before any timer
  assert.deepEqual([...drawn].sort(), ["a", "b", "c"]);
  await all;
  assert.equal(figures.left, 0);
});

test("a figure that fails to draw is reported, and the others still draw", async () => {
  const errors = [];
  const original = console.error;
  console.error = (e) => errors.push(String(e));
  try {
    const drawn = [];
    const figures = lazyFigures(
      (entry) => {
        if (entry === "bad") throw new Error("no such trace");
        drawn.push(entry);
      },
      (f) => setTimeout(f, 0),
    );
    ["bad", "good"].forEach((e) => figures.add(e));
    await figures.now();
    assert.deepEqual(drawn, ["good"]);
    assert.deepEqual(errors, ["Error: no such trace"]);
  } finally {
    console.error = original;
  }
});
