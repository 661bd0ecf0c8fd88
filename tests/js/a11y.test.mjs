// When a sideways-scrolling block takes keyboard focus (backprop/static/js/a11y.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { scrollerChange } from "../../backprop/static/js/a11y.mjs";

test("a block that scrolls sideways gets a tabindex, unless it is reachable already", () => {
  assert.equal(scrollerChange(true, false, false), "add");
  assert.equal(scrollerChange(true, false, true), null, "its own tabindex of 0 or more");
  assert.equal(scrollerChange(true, true, true), null, "ours already");
});

test("a block that no longer scrolls gets back the tabindex it had", () => {
  assert.equal(scrollerChange(false, true, true), "restore");
  assert.equal(scrollerChange(false, false, false), null);
  assert.equal(scrollerChange(false, false, true), null, "its own tabindex stays");
});
