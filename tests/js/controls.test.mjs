// The bookkeeping of a figure's HTML controls (backprop/static/js/controls.mjs): which steps
// and buttons show, where they start, what a press runs. No browser: plotly is a stub.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import {
  activeButton,
  frameStep,
  isPlayer,
  menuBelow,
  menuName,
  pressArgs,
  run,
  shownButtons,
  shownSteps,
  sliderBelow,
  sliderName,
  startStep,
  valueText,
} from "../../backprop/static/js/controls.mjs";

const step = (name, extra) => ({
  label: name,
  method: "animate",
  args: [[name], { mode: "immediate" }],
  ...extra,
});

test("a slider's steps: those plotly shows, from its active one (clamped)", () => {
  const slider = {
    steps: [step("0"), step("1", { visible: false }), step("2"), step("3", { visible: true })],
  };
  const steps = shownSteps(slider);
  assert.deepEqual(steps.map((s) => s.label), ["0", "2", "3"]);
  assert.equal(startStep(slider, steps), 0);
  assert.equal(startStep({ ...slider, active: 2 }, steps), 2);
  assert.equal(startStep({ ...slider, active: 7 }, steps), 2);
});

test("a slider's name comes from its value's prefix", () => {
  assert.equal(sliderName("epoch: "), "epoch");
  assert.equal(sliderName("w = "), "w");
  assert.equal(sliderName("learning rate="), "learning rate");
  assert.equal(sliderName(""), "step");
  assert.equal(sliderName(" : "), "step");
  assert.equal(valueText("epoch: ", "12"), "epoch: 12");
  assert.equal(valueText("", "w = 0.5"), "w = 0.5");
  assert.equal(valueText("step ", ""), "step");
});

test("a playing frame moves the slider to the step that animates to it", () => {
  const steps = [
    { method: "restyle", args: [{ visible: true }] },
    step("0"),
    step("1"),
    { method: "animate" }, // no arguments
    { method: "animate", args: [null] },
    step("10"),
  ];
  assert.equal(frameStep(steps, "1"), 2);
  assert.equal(frameStep(steps, 10), 5, "frame names compare as text");
  assert.equal(frameStep(steps, "7"), -1);
  const numbered = [{ method: "animate", args: [[3]] }];
  assert.equal(frameStep(numbered, "3"), 0);
});

describe("menus", () => {
  const play = { label: "▶ play", method: "animate", args: [null, { fromcurrent: true }] };
  const pause = {
    label: "❚❚ pause",
    method: "animate",
    args: [[null], { mode: "immediate" }],
  };
  const relu = { label: "relu", method: "update", args: [{ y: [[0]] }] };

  test("the buttons plotly shows; play and pause alone make a player", () => {
    const buttons = [play, { ...pause, visible: false }, relu];
    assert.deepEqual(shownButtons({ buttons }), [play, relu]);
    assert.deepEqual(shownButtons({}), []);
    assert.ok(isPlayer([play, pause]));
    assert.ok(!isPlayer([play, relu]));
  });

  test("a menu's name: its own, else Animation for a player, Show for a choice", () => {
    assert.equal(menuName("activation", [relu]), "activation");
    assert.equal(menuName(undefined, [play, pause]), "Animation");
    assert.equal(menuName("", [relu]), "Show");
  });

  test("the button pressed at first: the menu's active one, none below 0", () => {
    assert.equal(activeButton({}), 0);
    assert.equal(activeButton({ active: 2 }), 2);
    assert.equal(activeButton({ active: -1 }), 0);
  });

  test("a button with args2 toggles between args and args2, each key on its own", () => {
    const toggle = {
      method: "restyle",
      args: [{ visible: true }],
      args2: [{ visible: false }],
    };
    const toggled = {};
    assert.equal(pressArgs(toggle, "0:1", toggled), toggle.args);
    assert.equal(pressArgs(toggle, "0:1", toggled), toggle.args2);
    assert.equal(pressArgs(toggle, "1:1", toggled), toggle.args, "another menu's button");
    assert.equal(pressArgs(toggle, "0:1", toggled), toggle.args);
    assert.deepEqual(toggled, { "0:1": true, "1:1": true });
    const plain = {};
    assert.equal(pressArgs(relu, "0:0", plain), relu.args);
    assert.equal(pressArgs(relu, "0:0", plain), relu.args);
    assert.deepEqual(plain, {}, "no toggle without args2");
  });
});

test("plotly's controls under the plot free room in its bottom margin", () => {
  assert.ok(sliderBelow({}), "a slider is under the plot by default");
  assert.ok(sliderBelow({ y: 0 }) && sliderBelow({ y: -0.1 }));
  assert.ok(!sliderBelow({ y: 1.05 }));
  assert.ok(!menuBelow({}), "a menu is above the plot by default");
  assert.ok(menuBelow({ y: 0 }) && menuBelow({ y: -0.2 }));
  assert.ok(!menuBelow({ y: 1.1 }) && !menuBelow({ y: null }));
});

describe("run: what the plotly control would do", () => {
  let calls;
  const gd = { id: "figure" };
  const answer = { restyle: () => Promise.resolve("restyled") };
  beforeEach(() => {
    calls = [];
    globalThis.Plotly = Object.fromEntries(
      ["restyle", "relayout", "update", "animate", "purge"].map((m) => [
        m,
        (...args) => {
          calls.push([m, ...args]);
          return (answer[m] || (() => Promise.resolve()))(...args);
        },
      ]),
    );
  });
  afterEach(() => {
    delete globalThis.Plotly;
    delete answer.animate;
    delete answer.relayout;
  });

  test("calls Plotly[method](gd, ...args)", async () => {
    assert.equal(await run(gd, "restyle", [{ visible: true }, [0, 1]]), "restyled");
    await run(gd, "animate", [["3"], { mode: "immediate" }]);
    await run(gd, "relayout");
    assert.deepEqual(calls, [
      ["restyle", gd, { visible: true }, [0, 1]],
      ["animate", gd, ["3"], { mode: "immediate" }],
      ["relayout", gd],
    ]);
  });

  test("skip, or no method, does nothing", async () => {
    assert.equal(await run(gd, "skip", [{}]), undefined);
    assert.equal(await run(gd, undefined, [{}]), undefined);
    assert.deepEqual(calls, []);
  });

  test("refuses any other method", async () => {
    await assert.rejects(run(gd, "purge", []), /unknown plotly method purge/);
    assert.deepEqual(calls, []);
  });

  test("an animation interrupted by another (no reason given) is no error", async () => {
    answer.animate = () => Promise.reject(undefined);
    assert.equal(await run(gd, "animate", [null]), undefined);
    answer.animate = () => Promise.reject(new Error("frame missing"));
    await assert.rejects(run(gd, "animate", [["9"]]), /frame missing/);
    answer.relayout = () => Promise.reject(undefined);
    await assert.rejects(run(gd, "relayout", [{}]), (reason) => reason === undefined);
  });
});
