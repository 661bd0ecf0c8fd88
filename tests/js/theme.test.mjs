// The dark mode's colour choices (backprop/static/js/theme.mjs), without a browser.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  contrastRatio,
  findInk,
  inkChanges,
  isInk,
  isPaper,
  lightness,
  readableOn,
  MODE_KEYS,
  modeChange,
  pageColours,
  themeUpdate,
  valueAt,
} from "../../backprop/static/js/theme.mjs";

const close = (actual, expected) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

describe("lightness", () => {
  test("of black and white, by name and in hex", () => {
    for (const black of ["black", "#000", "#000000", " Black "]) {
      assert.equal(lightness(black), 0);
    }
    for (const white of ["white", "#fff", "#FFFFFF", "#ffffff\n"]) {
      assert.equal(lightness(white), 1);
    }
  });

  test("weighs red, green and blue as the eye does (Rec. 709)", () => {
    close(lightness("#ff0000"), 0.2126);
    close(lightness("#0f0"), 0.7152);
    close(lightness("#0000ff"), 0.0722);
    close(lightness("#808080"), 128 / 255);
    close(lightness("#1f77b4"), (0.2126 * 0x1f + 0.7152 * 0x77 + 0.0722 * 0xb4) / 255);
  });

  test("is null for colours it does not read", () => {
    const unread = ["red", "rgb(0,0,0)", "rgba(0,0,0,0)", "#12345", "#1234567", ""];
    for (const c of [...unread, null, undefined, 0]) {
      assert.equal(lightness(c), null, String(c));
    }
  });
});

test("ink is near black (lightness under 0.2), paper near white (over 0.95)", () => {
  assert.ok(isInk("black") && isInk("#222") && isInk("#1a1a1a"));
  assert.equal(isInk("#2a3f5f"), false, "plotly's default text colour is not ink");
  assert.ok(!isInk("#444") && !isInk("white") && !isInk("rgb(0,0,0)") && !isInk(undefined));
  assert.ok(isPaper("white") && isPaper("#fafafa"));
  assert.ok(!isPaper("#eee") && !isPaper("black") && !isPaper("rgba(255,255,255,1)"));
});

test("valueAt reads a dotted key, undefined where a part is missing", () => {
  const trace = { marker: { line: { color: "#000" } } };
  assert.equal(valueAt(trace, "marker.line.color"), "#000");
  assert.equal(valueAt(trace, "line.color"), undefined);
  assert.equal(valueAt({ line: null }, "line.color"), null);
});

// a diagram: black rings and arrows, white node fills, one coloured line
const DATA = [
  { line: { color: "#000" }, marker: { color: "white", line: { color: "#111111" } } },
  { line: { color: "#1f77b4" }, marker: { color: "#eeeeee" } },
  { marker: { color: ["#000", "#fff"] } }, // per-point colours are left alone
  { line: { color: "black" } },
];
const LAYOUT = {
  annotations: [
    { font: { color: "black" }, arrowcolor: "#444" },
    { arrowcolor: "#000" },
    { text: "no colour" },
    { text: "a white box", bgcolor: "white" },
  ],
  shapes: [{ line: { color: "#000" } }, { line: { color: "#ff7f0e" } }, {}],
};
const TEXT = "#ced6dd";
const BACKGROUND = "#121212";

test("findInk lists the ink and the white paper of traces, annotations and shapes", () => {
  const ink = findInk(DATA, LAYOUT, TEXT, BACKGROUND);
  assert.deepEqual(ink.traces, [
    [0, "line.color", "#000", TEXT],
    [0, "marker.line.color", "#111111", TEXT],
    [0, "marker.color", "white", BACKGROUND], // paper becomes the page's background
    [3, "line.color", "black", TEXT],
  ]);
  assert.deepEqual(ink.layout, {
    "annotations[0].font.color": "black",
    "annotations[1].arrowcolor": "#000",
    "shapes[0].line.color": "#000",
  });
  assert.deepEqual(ink.paper, { "annotations[3].bgcolor": "white" });
  assert.deepEqual(findInk([], {}, TEXT, BACKGROUND), {
    traces: [],
    layout: {},
    paper: {},
    lifted: {},
  });
});

test("inkChanges: a restyle per key, dark colours in dark mode, the figure's in light", () => {
  const ink = findInk(DATA, LAYOUT, TEXT, BACKGROUND);
  const dark = inkChanges(ink, true, TEXT, BACKGROUND);
  assert.deepEqual(dark.restyles, [
    [{ "line.color": [TEXT, TEXT] }, [0, 3]],
    [{ "marker.line.color": [TEXT] }, [0]],
    [{ "marker.color": [BACKGROUND] }, [0]],
  ]);
  assert.deepEqual(dark.layout, {
    "annotations[0].font.color": TEXT,
    "annotations[1].arrowcolor": TEXT,
    "shapes[0].line.color": TEXT,
    "annotations[3].bgcolor": BACKGROUND, // a white box behind light text: the page's colour
  });
  const light = inkChanges(ink, false, TEXT, BACKGROUND);
  assert.deepEqual(light.restyles, [
    [{ "line.color": ["#000", "black"] }, [0, 3]],
    [{ "marker.line.color": ["#111111"] }, [0]],
    [{ "marker.color": ["white"] }, [0]],
  ]);
  assert.deepEqual(light.layout, { ...ink.layout, ...ink.paper });
});

test("a label in a colour too dark for the dark page is lightened until it reads there", () => {
  // contrast: the WCAG ratio, whatever the notation
  assert.equal(Math.round(contrastRatio("#000", "white") * 10) / 10, 21);
  assert.equal(contrastRatio("rgb(255, 255, 255)", "#ffffff"), 1);
  assert.equal(contrastRatio("red", "white"), null);
  // blue 8 reads on white (5:1) but not on the dark page (3.7:1): lightened, to 4.5:1
  assert.ok(contrastRatio("#1971c2", BACKGROUND) < 4.5);
  const lifted = readableOn("#1971c2", BACKGROUND);
  assert.notEqual(lifted, "#1971c2");
  assert.ok(contrastRatio(lifted, BACKGROUND) >= 4.5);
  assert.equal(readableOn("#ff922b", BACKGROUND), "#ff922b"); // reads already
  const layout = {
    annotations: [
      { text: "W", font: { color: "#1971c2" }, bgcolor: "white" },
      { text: "on a box of its own", font: { color: "#1971c2" }, bgcolor: "#d0ebff" },
    ],
  };
  const ink = findInk([], layout, TEXT, BACKGROUND);
  assert.deepEqual(ink.lifted, { "annotations[0].font.color": ["#1971c2", lifted] });
  assert.equal(inkChanges(ink, true, TEXT, BACKGROUND).layout["annotations[0].font.color"], lifted);
  assert.equal(inkChanges(ink, false, TEXT, BACKGROUND).layout["annotations[0].font.color"], "#1971c2");
});

test("the dark text colour is light enough for the page, and never itself ink", () => {
  const dark = pageColours(true, "", "");
  assert.deepEqual(dark, { text: "#ced6dd", background: "#121212" });
  assert.ok(lightness(dark.text) > 0.8 && isInk(dark.background));
  assert.equal(pageColours(false, "", "").text, "#222832");
  // the theme's own values win, as read from CSS (with its spaces)
  assert.deepEqual(pageColours(true, " #eeeeee", " #000000 "), {
    text: "#eeeeee",
    background: "#000000",
  });
});

describe("themeUpdate", () => {
  const figure = () => {
    const layout = {
      font: { color: "#2a3f5f" },
      xaxis: { gridcolor: "#eee" },
      yaxis2: { linecolor: "black" },
    };
    const get = (key) => valueAt(layout, key);
    // what the figure keeps of its own colours, as before the first update
    const original = Object.fromEntries(MODE_KEYS.map((k) => [k, get(k)]));
    return { layout, get, original };
  };

  test("dark: transparent paper, the page's text colour, dark grid and axis lines", () => {
    const { get, original } = figure();
    const update = themeUpdate(true, TEXT, original, ["xaxis", "yaxis2"], get);
    assert.deepEqual(update, {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      "font.color": TEXT,
      "title.font.color": TEXT,
      "legend.bgcolor": "rgba(20,24,30,0.75)",
      "xaxis.gridcolor": "#39414b",
      "xaxis.zerolinecolor": "#5b6672",
      "xaxis.linecolor": "#5b6672",
      "yaxis2.gridcolor": "#39414b",
      "yaxis2.zerolinecolor": "#5b6672",
      "yaxis2.linecolor": "#5b6672",
    });
    // the axes' own colours are kept, to go back to
    assert.equal(original["xaxis.gridcolor"], "#eee");
    assert.equal(original["yaxis2.linecolor"], "black");
    assert.ok("xaxis.linecolor" in original && original["xaxis.linecolor"] === undefined);
  });

  test("light: the figure's own colours back (null, the template's, where it set none)", () => {
    const { layout, get, original } = figure();
    themeUpdate(true, TEXT, original, ["xaxis", "yaxis2"], get);
    layout.xaxis.gridcolor = "#39414b"; // as the dark mode left it
    const update = themeUpdate(false, TEXT, original, ["xaxis", "yaxis2"], get);
    assert.equal(update["font.color"], "#2a3f5f");
    assert.equal(update["xaxis.gridcolor"], "#eee");
    assert.equal(update["yaxis2.linecolor"], "black");
    // null, not undefined: plotly skips an undefined value, and the dark one would stay
    assert.equal(update["legend.bgcolor"], null);
    assert.equal(update["title.font.color"], null);
    assert.equal(update["xaxis.linecolor"], null);
    assert.deepEqual(Object.keys(update).slice(0, 5), MODE_KEYS);
  });
});

test("modeChange: ink changes only going dark or coming back from it", () => {
  assert.deepEqual(modeChange(null, false), { changed: true, ink: false }); // first, light
  assert.deepEqual(modeChange(null, true), { changed: true, ink: true }); // first, dark
  assert.deepEqual(modeChange("light", true), { changed: true, ink: true });
  assert.deepEqual(modeChange("dark", false), { changed: true, ink: true });
  assert.deepEqual(modeChange("dark", true), { changed: false, ink: false });
  assert.deepEqual(modeChange("light", false), { changed: false, ink: false });
});
