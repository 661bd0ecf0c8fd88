/* Figures in the theme's colours: light or dark, as the theme's switch says.
 *
 * The page shows through the figure (transparent paper), text and grid lines take the
 * theme's colours, and in dark mode near-black ink (lines, rings, arrows, annotations)
 * becomes the text colour and white paper (a diagram's node fill) the page's background.
 * Deciding what changes is pure (lightness, findInk, inkChanges, themeUpdate, modeChange);
 * recolourInk and themeColours read the page and call plotly.
 */
import { axisNames } from "./plotly-state.mjs";

/* The layout keys that the dark mode sets and the light mode gives back. */
export const MODE_KEYS = [
  "paper_bgcolor",
  "plot_bgcolor",
  "font.color",
  "legend.bgcolor",
  "title.font.color",
];
const TRACE_COLOURS = ["line.color", "marker.line.color", "marker.color"];

/* The value at a dotted key ("marker.line.color") of an object; undefined if absent. */
export function valueAt(obj, key) {
  return key.split(".").reduce((o, p) => (o == null ? o : o[p]), obj);
}

/* A colour's red, green and blue (0 to 255) from #rgb, #rrggbb, black or white; null for
   any other colour. */
export function channels(colour) {
  if (typeof colour !== "string") return null;
  const c = colour.trim().toLowerCase();
  if (c === "black") return [0, 0, 0];
  if (c === "white") return [255, 255, 255];
  const m = /^#([0-9a-f]{6})$/.exec(c) || /^#([0-9a-f]{3})$/.exec(c);
  if (!m) return null;
  const hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/* Near-black ink (lines, rings, arrows, annotations) would vanish on a dark page, and
   white paper (a diagram's node fill) would glare and hide the light text on it. The
   lightness of a colour (0 black, 1 white; from #rgb, #rrggbb, black or white), null for
   any other colour. */
export function lightness(colour) {
  const rgb = channels(colour);
  if (!rgb) return null;
  const [r, g, b] = rgb.map((v) => v / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export const isInk = (colour) => {
  const l = lightness(colour);
  return l !== null && l < 0.2;
};

export const isPaper = (colour) => {
  const l = lightness(colour);
  return l !== null && l > 0.95;
};

/* The relative luminance of a colour (#rgb, #rrggbb, rgb(...), black or white; WCAG's
   formula), null for any other colour. */
export function luminance(colour) {
  let rgb = channels(colour);
  if (!rgb && typeof colour === "string") {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(colour.trim().toLowerCase());
    rgb = m && m.slice(1, 4).map(Number);
  }
  if (!rgb) return null;
  const linear = rgb.map((v) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

/* The contrast ratio of two colours (1 to 21), null if either is not one luminance reads. */
export function contrastRatio(a, b) {
  const [la, lb] = [luminance(a), luminance(b)];
  if (la === null || lb === null) return null;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/* A label's colour on the dark page: the same colour if it reads there (4.5:1), otherwise
   mixed with white, a tenth at a time, until it does (the same hue, lighter). */
export function readableOn(colour, background) {
  const start = contrastRatio(colour, background);
  const rgb = channels(colour);
  if (start === null || start >= 4.5 || !rgb) return colour;
  for (let k = 1; k <= 10; k++) {
    const mixed =
      "#" + rgb.map((v) => Math.round(v + ((255 - v) * k) / 10).toString(16).padStart(2, "0")).join("");
    if (contrastRatio(mixed, background) >= 4.5) return mixed;
  }
  return "#ffffff";
}

/* A figure's ink and paper: traces, a list of [trace index, key, colour, colour in dark
   mode]; layout, the annotation and shape keys drawn in ink, with their colour; paper, the
   annotations' white boxes (their text turns light: the box takes the page's background);
   lifted, the labels in a colour too dark for the dark page, with their colour and the
   lighter one that reads there (readableOn). */
export function findInk(data, layout, text, background) {
  const ink = { traces: [], layout: {}, paper: {}, lifted: {} };
  data.forEach((tr, i) => {
    for (const key of TRACE_COLOURS) {
      const v = valueAt(tr, key);
      if (isInk(v)) ink.traces.push([i, key, v, text]);
      else if (key === "marker.color" && isPaper(v)) {
        ink.traces.push([i, key, v, background]);
      }
    }
  });
  (layout.annotations || []).forEach((a, i) => {
    if (a.font && isInk(a.font.color)) {
      ink.layout["annotations[" + i + "].font.color"] = a.font.color;
    } else if (a.font && a.font.color && (!a.bgcolor || isPaper(a.bgcolor))) {
      // a label in a colour, on the page (or on paper, which turns into the page)
      const lifted = readableOn(a.font.color, background);
      if (lifted !== a.font.color) {
        ink.lifted["annotations[" + i + "].font.color"] = [a.font.color, lifted];
      }
    }
    if (isInk(a.arrowcolor)) ink.layout["annotations[" + i + "].arrowcolor"] = a.arrowcolor;
    if (isPaper(a.bgcolor)) ink.paper["annotations[" + i + "].bgcolor"] = a.bgcolor;
  });
  (layout.shapes || []).forEach((sh, i) => {
    if (sh.line && isInk(sh.line.color)) {
      ink.layout["shapes[" + i + "].line.color"] = sh.line.color;
    }
  });
  return ink;
}

/* The ink's colours in one mode: restyles, one [update, trace indices] per key for
   Plotly.restyle; layout, the layout keys for Plotly.relayout. */
export function inkChanges(ink, dark, text, background) {
  const byKey = {};
  for (const [i, key, v, darkValue] of ink.traces) {
    byKey[key] = byKey[key] || { idx: [], val: [] };
    byKey[key].idx.push(i);
    byKey[key].val.push(dark ? darkValue : v);
  }
  const restyles = Object.entries(byKey).map(([key, { idx, val }]) => [{ [key]: val }, idx]);
  const layout = {};
  for (const [key, v] of Object.entries(ink.layout)) layout[key] = dark ? text : v;
  for (const [key, v] of Object.entries(ink.paper)) layout[key] = dark ? background : v;
  for (const [key, [v, lifted]] of Object.entries(ink.lifted)) layout[key] = dark ? lifted : v;
  return { restyles: restyles, layout: layout };
}

/* The page's text and background colours, from the theme's CSS variables (as read, "" if
   unset), with the theme's own values when they are missing. */
export function pageColours(dark, textVar, backgroundVar) {
  return {
    text: textVar.trim() || (dark ? "#ced6dd" : "#222832"),
    background: backgroundVar.trim() || "#121212",
  };
}

/* The layout update for a mode: transparent paper, and text, legend and axis lines in the
   theme's colours (dark) or the figure's own (light: null where it set none, which gives
   it its template's back). `original` holds the figure's own
   values of MODE_KEYS; the axes' are added to it (read with `get`) the first time. */
export function themeUpdate(dark, text, original, axes, get) {
  const update = {
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
  };
  if (dark) {
    update["font.color"] = text;
    update["title.font.color"] = text;
    update["legend.bgcolor"] = "rgba(20,24,30,0.75)";
  } else {
    // null where the figure set none: plotly then takes its template's colour again
    // (an undefined value is skipped, and the dark colour would stay)
    for (const key of MODE_KEYS.slice(2)) update[key] = original[key] ?? null;
  }
  for (const ax of axes) {
    for (const part of ["gridcolor", "zerolinecolor", "linecolor"]) {
      const key = ax + "." + part;
      if (!(key in original)) original[key] = get(key);
      update[key] = dark ? (part === "gridcolor" ? "#39414b" : "#5b6672") : (original[key] ?? null);
    }
  }
  return update;
}

/* From the figure's mode (null before the first) to the page's: whether anything changes,
   and whether the ink does (only to go dark, or to come back from it). */
export function modeChange(mode, dark) {
  const changed = mode !== (dark ? "dark" : "light");
  return { changed: changed, ink: changed && (dark || mode === "dark") };
}

/* Ink in the mode's colours (Plotly.restyle); resolves with the layout keys to change. */
export function recolourInk(gd, ui, dark, text, background) {
  if (!ui.ink) ui.ink = findInk(gd.data, gd.layout, text, background);
  const { restyles, layout } = inkChanges(ui.ink, dark, text, background);
  const jobs = restyles.map(([update, idx]) => Plotly.restyle(gd, update, idx));
  return Promise.all(jobs).then(() => layout);
}

/* Light or dark, as the theme says: the page shows through the figure. `extra` is more
   layout to change in the same redraw. */
export function themeColours(gd, ui, extra) {
  const dark = document.documentElement.dataset.theme === "dark";
  const css = getComputedStyle(document.documentElement);
  const { text, background } = pageColours(
    dark,
    css.getPropertyValue("--pst-color-text-base"),
    css.getPropertyValue("--pst-color-background"),
  );
  const update = themeUpdate(dark, text, ui.original, axisNames(gd), ui.get);
  const { changed, ink } = modeChange(ui.mode, dark);
  if (!changed && !extra) return Promise.resolve();
  const inked = ink ? recolourInk(gd, ui, dark, text, background) : Promise.resolve({});
  ui.mode = dark ? "dark" : "light";
  ui.figure.classList.toggle("bp-dark", dark);
  return inked.then((inkUpdate) =>
    Plotly.relayout(gd, Object.assign(update, inkUpdate, extra || {})),
  );
}
