/* A figure narrower than NARROW gets a phone layout: legends below, subplots apart far
 * enough for their axis labels, fewer ticks, smaller subplot titles that wrap. It is made
 * anew or undone when a phone turns or the window is resized.
 *
 * The choice of changes is pure: it reads the layout plotly drew (drawnLayout's plain copy),
 * the figure's own layout, and `page`, what the browser measured of the drawn labels
 * (measured(gd) on the page; a test passes its own). Each function adds its changes to
 * `relayout`, an object of plotly keys ("xaxis2.domain") for Plotly.relayout.
 */
import { drawnLayout } from "./plotly-state.mjs";

// a figure narrower than this (px) gets the phone layout
export const NARROW = 500;

const X_AXIS = /^xaxis\d*$/;
const Y_AXIS = /^yaxis\d*$/;
const AXIS = /^[xy]axis\d*$/;

export function isNarrow(width) {
  return width < NARROW;
}

/* A value of a layout by plotly's key ("annotations[2].font.size"), copied; null where it
   is not set, which is what Plotly.relayout takes to restore the default. */
export function layoutValue(layout, key) {
  const v = key.split(".").reduce((o, part) => {
    if (o == null) return o;
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    return m ? (o[m[1]] || [])[Number(m[2])] : o[part];
  }, layout);
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/* What undoes `changes`: the layout's values at the same keys. */
export function undoOf(layout, changes) {
  const undo = {};
  for (const key of Object.keys(changes)) undo[key] = layoutValue(layout, key);
  return undo;
}

/* Side-by-side subplots: a y axis's tick labels and title must not run into the plot on
   their left. The title moves up to its tick labels, and the columns move apart as far
   as the drawn labels need. */
export function roomBetweenColumns(drawn, layout, page, relayout) {
  const full = drawn.axes;
  const axis = (id) => full[id.charAt(0) + "axis" + id.slice(1)];
  const xs = Object.keys(full).filter((k) => X_AXIS.test(k));
  const row = (xa) => (axis(xa.anchor || "y") || { domain: [0, 1] }).domain;
  const overlap = (a, b) => a[0] < b[1] && b[0] < a[1];
  const origin = page.left();
  const shifts = {}; // x axis -> [px off its start, px off its end]
  for (const k of Object.keys(full).filter((k) => Y_AXIS.test(k))) {
    const ya = full[k];
    const xa = ya.anchor && ya.anchor !== "free" ? axis(ya.anchor) : null;
    if (!xa || ya.side === "right" || ya.visible === false) continue;
    const left = xs
      .filter((n) => full[n] !== xa && overlap(row(full[n]), ya.domain))
      .filter((n) => full[n].offset + full[n].length <= xa.offset + 1)
      .sort((m, n) => full[n].offset - full[m].offset)[0];
    if (!left) continue;
    const edge = full[left].offset + full[left].length;
    const ticks = page.tickBoxes(ya.id).filter((r) => r.width);
    let start = ticks.length ? Math.min(...ticks.map((r) => r.left)) - origin : xa.offset;
    const box = page.titleBox(ya.id);
    if (box && box.width) {
      // the title then sits `standoff` px left of the tick labels
      const standoff = 4;
      relayout[k + ".title.standoff"] = standoff;
      start = ticks.length ? start - standoff - box.width : box.left - origin;
    }
    const need = edge + 10 - start;
    if (need <= 0) continue;
    const name = xs.find((n) => full[n] === xa);
    shifts[name] = shifts[name] || [0, 0];
    shifts[left] = shifts[left] || [0, 0];
    shifts[name][0] = Math.max(shifts[name][0], need / 2);
    shifts[left][1] = Math.max(shifts[left][1], need / 2);
  }
  const w = drawn.plot.w;
  for (const [name, [off0, off1]] of Object.entries(shifts)) {
    const d = full[name].inputDomain || full[name].domain;
    relayout[name + ".domain"] = [d[0] + off0 / w, d[1] - off1 / w];
    // fewer tick labels on the narrower axis, so that they stay upright
    const texts = page.tickTexts(full[name].id);
    const longest = Math.max(1, ...texts.map((t) => t.length));
    const length = full[name].length - off0 - off1;
    const most = 1 + Math.max(1, Math.round(length / (9 * longest + 10)));
    const given = layout[name] || {};
    if (Array.isArray(given.tickvals) && given.tickvals.length > most) {
      // ticks the figure chose: keep every k-th of them
      const k = Math.ceil(given.tickvals.length / most);
      const every = (v, i) => i % k === 0;
      relayout[name + ".tickvals"] = given.tickvals.filter(every);
      if (Array.isArray(given.ticktext)) {
        relayout[name + ".ticktext"] = given.ticktext.filter(every);
      }
    } else {
      relayout[name + ".nticks"] = most;
    }
  }
}

/* Side-by-side subplots: an x axis title wider than its plot gets a smaller font, so
   that it does not run into its neighbour's. */
export function narrowTitles(drawn, page, relayout) {
  const full = drawn.axes;
  const xs = Object.keys(full).filter((k) => X_AXIS.test(k));
  if (xs.length < 2) return;
  for (const k of xs) {
    const box = page.titleBox(full[k].id);
    if (box && box.width > full[k].length + 30) relayout[k + ".title.font.size"] = 12;
  }
}

/* Log axes label only the powers of ten on a phone: plotly's 2s and 5s between them
   crowd a short axis. */
export function decadesOnly(drawn, layout, relayout) {
  const full = drawn.axes;
  for (const k of Object.keys(full).filter((k) => AXIS.test(k))) {
    const ax = full[k];
    const auto = !(layout[k] && layout[k].dtick != null);
    if (ax.type === "log" && auto && Math.abs(ax.range[1] - ax.range[0]) >= 2) {
      relayout[k + ".dtick"] = 1;
    }
  }
}

/* Px under a plot that its x axis takes: tick labels, and the axis title if it has one. */
export const UNDER_AXIS = { ticks: 40, titled: 72 };

/* A legend on the right goes under the plot, below the x axis's labels and title (its y,
   in fractions of the plot's height, from the plot's height in px). */
export function legendBelow(drawn, relayout) {
  const legend = drawn.legend;
  if (drawn.showlegend && legend && legend.orientation !== "h" && legend.x >= 0.9) {
    const x = (drawn.axes || {}).xaxis;
    const y = (drawn.axes || {}).yaxis;
    const under = x && x.titled ? UNDER_AXIS.titled : UNDER_AXIS.ticks;
    Object.assign(relayout, {
      "legend.orientation": "h",
      "legend.x": 0,
      "legend.xanchor": "left",
      "legend.y": y && y.length > 0 ? -under / y.length : -0.22,
      "legend.yanchor": "top",
    });
  }
}

/* A title in two lines of about equal length, broken at a space. */
export function twoLines(text) {
  const words = text.split(" ");
  let best = 1;
  let line = 0;
  for (let k = 0; k < words.length; k++) {
    line += words[k].length + 1;
    if (line >= text.length / 2) {
      best = k + 1;
      break;
    }
  }
  return words.slice(0, best).join(" ") + "<br>" + words.slice(best).join(" ");
}

/* make_subplots' titles (plain text, centred above a subplot) get smaller, and wrap when
   they do not fit above their plot in a figure `width` px wide. Returns the extra height
   (px) the wrapped titles need at the top. */
export function subplotTitles(drawn, layout, width, relayout) {
  const full = drawn.axes;
  let extra = 0;
  const plotWidth = width - drawn.margin.l - drawn.margin.r;
  (layout.annotations || []).forEach((a, i) => {
    if (a.showarrow !== false || a.yanchor !== "bottom" || a.xref !== "paper") return;
    const axis = full.xaxis && Object.keys(full)
      .filter((k) => X_AXIS.test(k))
      .map((k) => full[k].domain)
      .find((d) => d[0] <= a.x && a.x <= d[1]);
    if (!axis) return;
    const room = (axis[1] - axis[0]) * plotWidth;
    const size = 12;
    const text = String(a.text || "");
    relayout["annotations[" + i + "].font.size"] = size;
    if (text.length * size * 0.56 > room && text.includes(" ") && !text.includes("<br>")) {
      relayout["annotations[" + i + "].text"] = twoLines(text);
      extra = Math.max(extra, 16);
    }
  });
  return extra;
}

/* A phone: legends go under the plot, subplot titles that would run into each other
   get smaller and wrap, and side-by-side subplots make room for their axis labels.
   Adds to `relayout`; returns the extra height at the top. */
export function phoneLayout(drawn, layout, page, width, relayout) {
  decadesOnly(drawn, layout, relayout);
  narrowTitles(drawn, page, relayout);
  roomBetweenColumns(drawn, layout, page, relayout);
  legendBelow(drawn, relayout);
  return subplotTitles(drawn, layout, width, relayout);
}

/* What undoes a phone layout ({undo, extra}, as made by adapt or the figure's first
   layout): the values it replaced, and the `extra` px it added on top taken off the top
   margin (`marginTop` now) and off the figure's height, if the figure sets one. */
export function phoneUndo(phone, marginTop, height) {
  const undo = Object.assign({}, phone.undo);
  if (phone.extra) {
    undo["margin.t"] = marginTop - phone.extra;
    if (height) undo.height = height - phone.extra;
  }
  return undo;
}

/* Adds to `changes` the `extra` px at the top that wrapped titles need. */
export function roomOnTop(changes, extra, marginTop, height) {
  changes["margin.t"] = marginTop + extra;
  if (height) changes.height = height + extra;
}

/* What the browser drew of a figure's labels, by axis id ("y2"): the boxes of its tick
   labels, their texts, and its title's box (null if it has none); left() is the figure's
   left edge. */
export function measured(gd) {
  const ticks = (id) => [...gd.querySelectorAll("." + id + "tick text")];
  return {
    left: () => gd.getBoundingClientRect().left,
    tickBoxes: (id) => ticks(id).map((t) => t.getBoundingClientRect()),
    tickTexts: (id) => ticks(id).map((t) => t.textContent),
    titleBox: (id) => {
      const title = gd.querySelector(".g-" + id + "title");
      return title && title.getBoundingClientRect();
    },
  };
}

/* The phone layout's changes for the figure as drawn now, `width` px wide. */
export function phoneChanges(gd, width, relayout) {
  return phoneLayout(drawnLayout(gd), gd.layout, measured(gd), width, relayout);
}

/* The figure's width crossed NARROW (a phone turned, a window resized): the phone
   layout is undone or made anew, measured on the figure at its new width. */
export function adapt(gd, ui, holder) {
  const narrow = isNarrow(holder.clientWidth);
  if (narrow === ui.narrow) return Promise.resolve();
  ui.narrow = narrow;
  const undo = phoneUndo(ui.phone, drawnLayout(gd).margin.t, gd.layout.height);
  ui.phone = { undo: {}, extra: 0 };
  return Plotly.relayout(gd, undo)
    .then(() => Plotly.Plots.resize(gd))
    .then(() => {
      if (!narrow) return null;
      const phone = {};
      const extra = phoneChanges(gd, holder.clientWidth, phone);
      ui.phone.undo = undoOf(gd.layout, phone);
      if (extra) {
        ui.phone.extra = extra;
        roomOnTop(phone, extra, drawnLayout(gd).margin.t, gd.layout.height);
      }
      return Plotly.relayout(gd, phone);
    })
    .then(() => {
      if (gd.layout.height) holder.style.height = gd.layout.height + "px";
      gd.dataset.bpLayout = narrow ? "phone" : "wide";
    })
    .catch((e) => console.error(e));
}
