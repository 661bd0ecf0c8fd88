// Formulas typeset in batches, those in view first (backprop/static/js/math.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { batches, viewFirst } from "../../backprop/static/js/math.mjs";

const box = (top, bottom) => ({ top, bottom });

test("formulas in view come first, in page order, then the nearest", () => {
  const boxes = [box(0, 20), box(900, 920), box(1000, 1020), box(1500, 1520), box(3000, 3020)];
  // the view shows 950 to 1600: the third and fourth formulas
  assert.deepEqual(viewFirst(boxes, 950, 1600), [2, 3, 1, 0, 4]);
});

test("a formula partly in view is in view", () => {
  assert.deepEqual(viewFirst([box(0, 10), box(90, 120)], 100, 200), [1, 0]);
});

test("batches keep the order and cut at the size", () => {
  assert.deepEqual(batches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(batches([], 3), []);
});
