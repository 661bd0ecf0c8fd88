// The phone layout's choices and their undo (backprop/static/js/phone.mjs), on a sample
// figure: no browser, no plotly. `drawn` is what plotly-state.mjs's drawnLayout copies of
// the layout plotly drew, `page` what the browser measured of the drawn labels.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  decadesOnly,
  isNarrow,
  layoutValue,
  legendBelow,
  NARROW,
  narrowTitles,
  phoneLayout,
  phoneUndo,
  roomBetweenColumns,
  roomOnTop,
  subplotTitles,
  twoLines,
  undoOf,
} from "../../backprop/static/js/phone.mjs";

const TICKS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

// an annotation as make_subplots writes a subplot's title
const SUBPLOT_TITLE = {
  y: 1,
  xref: "paper",
  yref: "paper",
  showarrow: false,
  xanchor: "center",
  yanchor: "bottom",
  font: { size: 16 },
};

/* Two subplots side by side (make_subplots(cols=2) with subplot titles), a log y axis on
   the right one, a legend on the right, 360 px wide: plot area 300 px from x = 40. */
function figure() {
  const layout = {
    xaxis: {
      domain: [0, 0.45],
      anchor: "y",
      tickvals: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      ticktext: [...TICKS],
      title: { text: "a long title for the epochs" },
    },
    yaxis: { domain: [0, 1], anchor: "x" },
    xaxis2: { domain: [0.55, 1], anchor: "y2", title: { text: "epoch" } },
    yaxis2: { domain: [0, 1], anchor: "x2", type: "log", title: { text: "loss" } },
    annotations: [
      { text: "Loss over the epochs of training", x: 0.225, ...SUBPLOT_TITLE },
      { text: "Accuracy", x: 0.775, ...SUBPLOT_TITLE },
      { text: "minimum", x: 3, y: 0.1, showarrow: true },
    ],
    height: 400,
  };
  const drawn = {
    showlegend: true,
    legend: { orientation: "v", x: 1.02, y: 1 },
    margin: { l: 40, r: 20, t: 80 },
    plot: { w: 300, b: 60 },
    axes: {
      xaxis: { id: "x", anchor: "y", domain: [0, 0.45], offset: 40, length: 135 },
      yaxis: { id: "y", anchor: "x", domain: [0, 1], offset: 80, length: 260 },
      xaxis2: { id: "x2", anchor: "y2", domain: [0.55, 1], offset: 205, length: 135 },
      yaxis2: {
        id: "y2",
        anchor: "x2",
        domain: [0, 1],
        type: "log",
        range: [-3, 1],
        offset: 80,
        length: 260,
      },
    },
  };
  // the figure's left edge is at 10 px on the page: the y2 tick labels start at 180 px in
  // it, their title 14 px wide; the x title is wider than its plot
  const page = {
    left: () => 10,
    tickBoxes: (id) =>
      id === "y2"
        ? [{ left: 190, width: 20 }, { left: 195, width: 15 }, { left: 0, width: 0 }]
        : [{ left: 20, width: 20 }],
    tickTexts: (id) =>
      ({ x: ["zero", "three", "six", "nine"], x2: ["0", "0.5", "1"] })[id] || [],
    titleBox: (id) =>
      ({ y2: { left: 172, width: 14 }, x: { left: 60, width: 200 } })[id] || null,
  };
  return { layout, drawn, page };
}

/* Plotly.relayout's effect on gd.layout, for plain keys and "name[i]" parts: a value is
   set (copied), null removes the key and the containers it leaves empty. */
function relayout(layout, changes) {
  for (const [key, value] of Object.entries(changes)) {
    const parts = key.split(".").flatMap((p) => {
      const m = /^(\w+)\[(\d+)\]$/.exec(p);
      return m ? [m[1], Number(m[2])] : [p];
    });
    const path = [layout];
    for (const p of parts.slice(0, -1)) {
      const o = path.at(-1);
      if (o[p] == null) o[p] = {};
      path.push(o[p]);
    }
    const last = parts.at(-1);
    if (value === null) {
      delete path.at(-1)[last];
      for (let i = path.length - 1; i > 0 && !Object.keys(path[i]).length; i--) {
        delete path[i - 1][parts[i - 1]];
      }
    } else {
      path.at(-1)[last] = JSON.parse(JSON.stringify(value));
    }
  }
  return layout;
}

test("a figure narrower than NARROW px is a phone's", () => {
  assert.equal(NARROW, 500);
  assert.ok(isNarrow(390) && isNarrow(499));
  assert.ok(!isNarrow(500) && !isNarrow(844));
});

describe("phoneLayout of two subplots side by side", () => {
  const { layout, drawn, page } = figure();
  const changes = {};
  const extra = phoneLayout(drawn, layout, page, 360, changes);
  // the y2 labels and title start at 162 px (180 - 4 - 14), 23 px short of 175 + 10
  const shift = 23 / 2;

  test("changes these keys, in this order", () => {
    assert.deepEqual(Object.keys(changes), [
      "yaxis2.dtick",
      "xaxis.title.font.size",
      "yaxis2.title.standoff",
      "xaxis2.domain",
      "xaxis2.nticks",
      "xaxis.domain",
      "xaxis.tickvals",
      "xaxis.ticktext",
      "legend.orientation",
      "legend.x",
      "legend.xanchor",
      "legend.y",
      "legend.yanchor",
      "annotations[0].font.size",
      "annotations[0].text",
      "annotations[1].font.size",
    ]);
  });

  test("the log axis labels only its decades", () => {
    assert.equal(changes["yaxis2.dtick"], 1);
  });

  test("the x title wider than its plot gets a smaller font; the other stays", () => {
    assert.equal(changes["xaxis.title.font.size"], 12);
    assert.ok(!("xaxis2.title.font.size" in changes));
  });

  test("the columns move apart as far as the right plot's y labels need", () => {
    assert.equal(changes["yaxis2.title.standoff"], 4);
    assert.deepEqual(changes["xaxis2.domain"], [0.55 + shift / 300, 1]);
    assert.deepEqual(changes["xaxis.domain"], [0, 0.45 - shift / 300]);
  });

  test("the narrower axes get fewer ticks: nticks, or every k-th of the figure's own", () => {
    // 123.5 px for labels 3 characters long: 1 + round(123.5 / 37)
    assert.equal(changes["xaxis2.nticks"], 4);
    // labels 5 long: at most 1 + round(123.5 / 55) = 3 of the 10 ticks, so every 4th
    assert.deepEqual(changes["xaxis.tickvals"], [0, 4, 8]);
    assert.deepEqual(changes["xaxis.ticktext"], ["zero", "four", "eight"]);
    assert.equal(layout.xaxis.tickvals.length, 10, "the figure's own ticks are not changed");
  });

  test("the legend goes under the plot", () => {
    assert.equal(changes["legend.orientation"], "h");
    assert.equal(changes["legend.x"], 0);
    assert.equal(changes["legend.xanchor"], "left");
    assert.equal(changes["legend.y"], -40 / 260); // under the tick labels of a 260 px plot
    assert.equal(changes["legend.yanchor"], "top");
  });

  test("subplot titles get smaller; one too long for 135 px wraps, 16 px taller", () => {
    assert.equal(changes["annotations[0].font.size"], 12);
    assert.equal(changes["annotations[0].text"], "Loss over the epochs<br>of training");
    assert.equal(changes["annotations[1].font.size"], 12);
    assert.ok(!("annotations[1].text" in changes));
    assert.ok(!("annotations[2].font.size" in changes), "an arrow's annotation is no title");
    assert.equal(extra, 16);
  });

  test("undoOf has what each change replaces (null: plotly's default), copied", () => {
    const undo = undoOf(layout, changes);
    assert.deepEqual(Object.keys(undo), Object.keys(changes));
    assert.equal(undo["yaxis2.dtick"], null);
    assert.equal(undo["xaxis.title.font.size"], null);
    assert.equal(undo["legend.orientation"], null);
    assert.deepEqual(undo["xaxis.domain"], [0, 0.45]);
    assert.deepEqual(undo["xaxis.tickvals"], layout.xaxis.tickvals);
    assert.notEqual(undo["xaxis.tickvals"], layout.xaxis.tickvals);
    assert.equal(undo["annotations[0].text"], "Loss over the epochs of training");
    assert.equal(undo["annotations[0].font.size"], 16);
  });

  test("the changes, then their undo, give the figure's layout back", () => {
    const before = JSON.parse(JSON.stringify(layout));
    const undo = undoOf(layout, changes);
    const phone = relayout(JSON.parse(JSON.stringify(layout)), changes);
    assert.notDeepEqual(phone, before);
    assert.equal(phone.annotations[0].text, "Loss over the epochs<br>of training");
    assert.deepEqual(relayout(phone, undo), before);
  });
});

test("the room on top for wrapped titles, and its undo", () => {
  const changes = { "legend.x": 0 };
  roomOnTop(changes, 16, 30, 400);
  assert.deepEqual(changes, { "legend.x": 0, "margin.t": 46, height: 416 });
  const noHeight = {};
  roomOnTop(noHeight, 16, 30, undefined);
  assert.deepEqual(noHeight, { "margin.t": 46 });

  const phone = { undo: { "legend.x": null }, extra: 16 };
  assert.deepEqual(phoneUndo(phone, 46, 416), {
    "legend.x": null,
    "margin.t": 30,
    height: 400,
  });
  assert.deepEqual(phoneUndo(phone, 46, undefined), { "legend.x": null, "margin.t": 30 });
  const flat = { undo: { "legend.x": null }, extra: 0 };
  assert.deepEqual(phoneUndo(flat, 46, 416), { "legend.x": null });
  assert.notEqual(phoneUndo(flat, 46, 416), flat.undo, "a copy: the undo is kept");
});

test("a single plot with its legend below and ticks chosen: nothing changes", () => {
  const drawn = {
    showlegend: true,
    legend: { orientation: "h", x: 1, y: -0.2 },
    margin: { l: 60, r: 30, t: 30 },
    plot: { w: 300, b: 60 },
    axes: {
      xaxis: { id: "x", anchor: "y", domain: [0, 1], type: "log", range: [0, 1.5] },
      yaxis: { id: "y", anchor: "x", domain: [0, 1], type: "log", range: [-4, 0] },
    },
  };
  const layout = {
    yaxis: { type: "log", dtick: "D2" },
    annotations: [{ text: "a note", x: 0.5, xref: "x", showarrow: false, yanchor: "bottom" }],
  };
  const page = {
    left: () => 0,
    tickBoxes: () => [],
    tickTexts: () => [],
    titleBox: () => ({ left: 0, width: 400 }),
  };
  const changes = {};
  assert.equal(phoneLayout(drawn, layout, page, 390, changes), 0);
  assert.deepEqual(changes, {});
});

describe("roomBetweenColumns", () => {
  test("leaves alone a y axis on the right, hidden, or free", () => {
    for (const change of [{ side: "right" }, { visible: false }, { anchor: "free" }]) {
      const { layout, drawn, page } = figure();
      Object.assign(drawn.axes.yaxis2, change);
      const changes = {};
      roomBetweenColumns(drawn, layout, page, changes);
      assert.deepEqual(changes, {}, JSON.stringify(change));
    }
  });

  test("labels clear of the plot on their left: only the title moves up to them", () => {
    const { layout, drawn, page } = figure();
    page.tickBoxes = () => [{ left: 210, width: 10 }]; // from 200 px: 15 px clear of 175
    // the title then starts at 200 - 4 - 10 = 186 px
    page.titleBox = (id) => (id === "y2" ? { left: 195, width: 10 } : null);
    const changes = {};
    roomBetweenColumns(drawn, layout, page, changes);
    assert.deepEqual(changes, { "yaxis2.title.standoff": 4 });
  });

  test("no tick labels drawn: the axis starts at its plot, the title where it is", () => {
    const { layout, drawn, page } = figure();
    page.tickBoxes = () => [];
    page.titleBox = () => null;
    const changes = {};
    roomBetweenColumns(drawn, layout, page, changes);
    assert.deepEqual(changes, {}); // 205 px is clear of 175 + 10
    page.titleBox = (id) => (id === "y2" ? { left: 175, width: 10 } : null); // at 165 px
    roomBetweenColumns(drawn, layout, page, changes);
    assert.deepEqual(changes["xaxis2.domain"], [0.55 + 10 / 300, 1]);
  });

  test("the domain plotly was asked for is the one moved", () => {
    const { layout, drawn, page } = figure();
    drawn.axes.xaxis.inputDomain = [0, 0.46];
    const changes = {};
    roomBetweenColumns(drawn, layout, page, changes);
    assert.deepEqual(changes["xaxis.domain"], [0, 0.46 - 11.5 / 300]);
  });

  test("the figure's ticks without texts: only their values thin out", () => {
    const { layout, drawn, page } = figure();
    delete layout.xaxis.ticktext;
    const changes = {};
    roomBetweenColumns(drawn, layout, page, changes);
    assert.deepEqual(changes["xaxis.tickvals"], [0, 4, 8]);
    assert.ok(!("xaxis.ticktext" in changes));
  });
});

test("decadesOnly: log axes over two decades or more, unless the figure sets dtick", () => {
  const drawn = {
    axes: {
      xaxis: { type: "log", range: [0, 2] },
      yaxis: { type: "log", range: [1, 2.5] },
      xaxis2: { type: "log", range: [3, -1] },
      yaxis2: { type: "linear", range: [0, 100] },
    },
  };
  const changes = {};
  decadesOnly(drawn, { xaxis2: { dtick: 1 } }, changes);
  assert.deepEqual(changes, { "xaxis.dtick": 1 });
});

test("narrowTitles: only between subplots side by side", () => {
  const { drawn, page } = figure();
  const changes = {};
  narrowTitles({ axes: { xaxis: drawn.axes.xaxis, yaxis: drawn.axes.yaxis } }, page, changes);
  assert.deepEqual(changes, {});
  page.titleBox = () => ({ left: 0, width: 165 }); // not more than 30 px wider than 135
  narrowTitles(drawn, page, changes);
  assert.deepEqual(changes, {});
});

test("legendBelow: a legend on the right, shown and vertical", () => {
  const below = (drawn) => {
    const changes = {};
    legendBelow(drawn, changes);
    return Object.keys(changes).length > 0;
  };
  assert.ok(below({ showlegend: true, legend: { x: 0.9 } }));
  assert.ok(!below({ showlegend: true, legend: { x: 0.5 } }));
  assert.ok(!below({ showlegend: true, legend: { orientation: "h", x: 1 } }));
  assert.ok(!below({ showlegend: false, legend: { x: 1 } }));
  assert.ok(!below({ showlegend: true, legend: undefined }));
  // under the x axis's tick labels and title, whatever the plot's height
  const place = (axes) => {
    const changes = {};
    legendBelow({ showlegend: true, legend: { x: 1 }, axes: axes }, changes);
    return changes["legend.y"];
  };
  assert.equal(place({ xaxis: { titled: true }, yaxis: { length: 288 } }), -72 / 288);
  assert.equal(place({ xaxis: { titled: false }, yaxis: { length: 200 } }), -40 / 200);
});

test("twoLines breaks a title at the first space past its middle", () => {
  assert.equal(
    twoLines("Loss over the epochs of training"),
    "Loss over the epochs<br>of training",
  );
  assert.equal(twoLines("gradient descent"), "gradient<br>descent");
  assert.equal(twoLines("Backpropagation through time"), "Backpropagation<br>through time");
});

test("subplotTitles: titles with a break of their own or no space only get smaller", () => {
  const { layout, drawn } = figure();
  layout.annotations[0].text = "Loss over the epochs<br>of the training run";
  layout.annotations[1].text = "Crossentropyofthewholetrainingset";
  const changes = {};
  assert.equal(subplotTitles(drawn, layout, 360, changes), 0);
  assert.deepEqual(changes, {
    "annotations[0].font.size": 12,
    "annotations[1].font.size": 12,
  });
  // a title outside every subplot's column is not a subplot title
  layout.annotations[0].x = 0.5;
  const again = {};
  subplotTitles(drawn, layout, 360, again);
  assert.deepEqual(again, { "annotations[1].font.size": 12 });
});

test("layoutValue reads plotly's keys, arrays included, as copies", () => {
  const layout = { annotations: [{ font: { size: 14 } }], xaxis: { range: [0, 1], dtick: 0 } };
  assert.equal(layoutValue(layout, "annotations[0].font.size"), 14);
  assert.equal(layoutValue(layout, "annotations[3].font.size"), null);
  assert.equal(layoutValue(layout, "shapes[0].line.color"), null);
  assert.equal(layoutValue(layout, "xaxis.dtick"), 0);
  assert.equal(layoutValue(layout, "yaxis.dtick"), null);
  const range = layoutValue(layout, "xaxis.range");
  assert.deepEqual(range, [0, 1]);
  range[0] = 5;
  assert.deepEqual(layout.xaxis.range, [0, 1]);
});
