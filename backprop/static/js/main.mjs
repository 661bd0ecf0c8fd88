/* The book's website for every reader: the entry point of backprop.js, which
 * backprop/sphinxext.py adds to every page (bundled from this folder's modules by
 * backprop/static/vendor/build-site.mjs; `make html` builds it).
 *
 * Figures: plotly draws its sliders and buttons as SVG that no keyboard or screen reader
 * reaches. For each figure this script builds real HTML controls from the figure's own
 * layout.sliders, layout.updatemenus and frames (controls.mjs), placed under the figure, and
 * hides plotly's copies, so there is one set. The figure's title becomes HTML text above it
 * (it wraps on a phone; it is read out, politely, when a control changes it), its
 * description (layout.meta.description, from backprop.plotting.describe) a caption below,
 * and the plot's SVG is hidden from screen readers (its tick labels read as noise).
 * Colours follow the theme's light/dark switch (theme.mjs). A figure narrower than NARROW
 * gets a phone layout, made anew or undone when a phone turns or the window is resized
 * (phone.mjs).
 *
 * Every page: output, code and displayed formulas that scroll sideways take keyboard
 * focus, so that a keyboard can scroll them (a11y.mjs). A figure is drawn when it comes
 * near the view (lazy.mjs), formulas in batches, those in view first (math.mjs). Once the
 * figures near the view at load have their controls and every formula is typeset, the
 * page says so: <html data-bp-figures="ready">; a script that needs every figure drawn
 * calls window.bpDrawAll() (a promise).
 */
import { focusableScrollers, hideSvg } from "./a11y.mjs";
import { lazyFigures, loadPlotly, NEAR } from "./lazy.mjs";
import { typesetInBatches } from "./math.mjs";
import { el, fit, menuBelow, menuControl, sliderBelow, sliderControl } from "./controls.mjs";
import { adapt, isNarrow, phoneChanges, undoOf } from "./phone.mjs";
import { drawnLayout, whenReady } from "./plotly-state.mjs";
import { richText, titleOf } from "./text.mjs";
import { MODE_KEYS, themeColours, valueAt } from "./theme.mjs";

/* The figure's title as text (it wraps, and a screen reader hears it change). */
function showTitle(heading, layout) {
  const t = titleOf(layout);
  if (heading.dataset.raw === t) return;
  heading.dataset.raw = t;
  heading.replaceChildren(richText(t));
}

/* The figure's box, before plotly draws it: a <figure> with the title as text above the
   plot and the description as its caption below, from the figure's layout, so that drawing
   the figure later moves little around it. Returns the <figure> (the one there already, if
   the figure has it). */
export function frame(gd, layout) {
  const existing = gd.closest("figure.bp-figure");
  if (existing) return existing;
  const holder = gd.parentElement; // plotly's <div style="height:..."> around the figure
  const figure = document.createElement("figure");
  figure.className = "bp-figure";
  holder.parentNode.insertBefore(figure, holder);
  const heading = el("p", { className: "bp-title", id: gd.id + "-title" }, figure);
  heading.setAttribute("aria-live", "polite");
  showTitle(heading, layout);
  figure.appendChild(holder);
  const description = layout.meta && layout.meta.description;
  if (description) {
    const caption = el("figcaption", { className: "bp-caption" }, figure);
    caption.appendChild(richText(description));
  } else {
    figure.setAttribute("aria-labelledby", heading.id);
  }
  return figure;
}

export function enhance(gd) {
  if (gd.dataset.bpEnhanced) return;
  gd.dataset.bpEnhanced = "1";
  const holder = gd.parentElement;
  const figure = frame(gd, gd.layout);
  const heading = figure.querySelector(".bp-title");
  const caption = figure.querySelector("figcaption");
  const controls = el("div", { className: "bp-controls" });
  const ui = {
    figure: figure,
    controls: controls,
    inputs: [],
    menus: [],
    toggled: {},
    original: {},
    mode: null,
    get: (key) => valueAt(gd.layout, key),
  };
  for (const key of MODE_KEYS) ui.original[key] = ui.get(key);

  // the title follows the figure (a frame or a button may change it)
  const title = () => showTitle(heading, gd.layout);
  title();
  gd.on("plotly_afterplot", title);
  gd.on("plotly_animated", title);
  gd.on("plotly_animatingframe", () => setTimeout(title, 0));

  const relayout = {};
  const drawn = drawnLayout(gd);
  let freed = 0;
  (gd.layout.sliders || []).forEach((s, k) => {
    if (s.visible === false || !s.steps || !s.steps.length) return;
    sliderControl(gd, s, k, ui);
    relayout["sliders[" + k + "].visible"] = false;
    if (sliderBelow(s)) freed = 1;
  });
  (gd.layout.updatemenus || []).forEach((m, k) => {
    if (m.visible === false) return;
    menuControl(gd, m, k, ui);
    relayout["updatemenus[" + k + "].visible"] = false;
    if (menuBelow(m)) freed = 1;
  });
  // The room plotly's controls (and the title, now above the figure) took in the
  // margins goes back to the plot.
  let saved = 0;
  if (freed && drawn.plot.b > 70) {
    saved += drawn.plot.b - 70;
    relayout["margin.b"] = 70;
  }
  const narrow = isNarrow(holder.clientWidth);
  // the phone's changes, with what they replace, to undo them when the window widens
  const phone = {};
  const extraTop = narrow ? phoneChanges(gd, holder.clientWidth, phone) : 0;
  ui.narrow = narrow;
  ui.phone = { undo: undoOf(gd.layout, phone), extra: 0 };
  Object.assign(relayout, phone);
  const legendOnTop = drawn.showlegend && drawn.legend.y > 1;
  const top = 30 + extraTop;
  if (!legendOnTop && drawn.margin.t > top) {
    saved += drawn.margin.t - top;
    relayout["margin.t"] = top;
    ui.phone.extra = extraTop;
  }
  if (saved && gd.layout.height) {
    relayout.height = gd.layout.height - saved;
    holder.style.height = relayout.height + "px";
  }
  if (controls.childNodes.length) {
    figure.insertBefore(controls, caption); // under the plot, above the caption
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", "Figure controls");
  }
  // The SVG (tick labels, legend) is noise to a screen reader: the title and the
  // caption say what the figure shows. Plotly's toolbar stays reachable.
  figure.classList.add("bp-ready");
  gd.on("plotly_afterplot", () => hideSvg(gd));

  // the wrapper may have changed the width: let plotly fit the plot to it
  if (gd.layout.width == null) relayout.autosize = true;
  // one redraw for all of it
  return themeColours(gd, ui, relayout).then(() => {
    hideSvg(gd);
    fit(ui);
    new MutationObserver(() => themeColours(gd, ui, null)).observe(
      document.documentElement,
      { attributes: true, attributeFilter: ["data-theme"] },
    );
    let resized = null;
    window.addEventListener("resize", () => {
      fit(ui);
      clearTimeout(resized);
      resized = setTimeout(() => adapt(gd, ui, holder).then(() => fit(ui)), 200);
    });
    gd.dataset.bpLayout = narrow ? "phone" : "wide";
    gd.dataset.bpControls = String(ui.inputs.length);
  });
}

/* What a figure's queued drawing would give plotly, without drawing: its call is run with
   a stand-in for Plotly that keeps newPlot's data, layout and config and addFrames' frames.
   Returns {data, layout, config, frames} (layout null if the call gave none). */
export function recordedCalls(draw) {
  const calls = { data: null, layout: null, config: null, frames: null };
  const then = (f) => {
    if (typeof f === "function") f();
    return done;
  };
  const done = { then: then };
  try {
    draw({
      newPlot: (id, data, layout, config) => {
        Object.assign(calls, { data: data, layout: layout, config: config });
        return done;
      },
      addFrames: (id, frames) => {
        calls.frames = frames;
        return done;
      },
      animate: () => done,
    });
  } catch (e) {
    console.error(e);
  }
  if (!(calls.layout && typeof calls.layout === "object")) calls.layout = null;
  return calls;
}

/* Figures the build queued (window.bpFigureQueue: [id, draw] pairs) are drawn when they
   come near the view (lazy.mjs); a figure drawn by a script of its own is enhanced once
   plotly has drawn it. Resolves, when the figures near the view at load are ready, with
   whether the page queued any. */
function drawWhenNear(queued) {
  const figures = lazyFigures(
    ([id, draw]) =>
      loadPlotly().then((Plotly) => {
        draw(Plotly);
        return whenReady(document.getElementById(id)).then(enhance);
      }),
    (f) => setTimeout(f, 0),
  );
  const entryOf = new Map(); // a queued figure's box -> its entry
  let firstLook = null;
  const looked = new Promise((resolve) => {
    firstLook = resolve;
  });
  const seen = new Set();
  const observer = new IntersectionObserver(
    (changes) => {
      for (const change of changes) {
        seen.add(change.target);
        if (!change.isIntersecting) continue;
        observer.unobserve(change.target);
        figures.near(entryOf.get(change.target));
      }
      if (seen.size >= entryOf.size) firstLook();
    },
    { rootMargin: NEAR },
  );
  const register = (entry) => {
    const gd = document.getElementById(entry[0]);
    if (!gd || entryOf.has(gd.parentElement)) return;
    const layout = recordedCalls(entry[1]).layout;
    if (layout) frame(gd, layout);
    figures.add(entry);
    entryOf.set(gd.parentElement, entry);
    observer.observe(gd.parentElement);
  };
  queued.forEach(register);
  // a figure whose script runs later still finds its way here
  window.bpFigureQueue = { push: (...entries) => entries.forEach(register) };
  if (!entryOf.size) firstLook();
  const others = [...document.querySelectorAll("div.plotly-graph-div")].filter(
    (gd) => !entryOf.has(gd.parentElement),
  );
  const drawnAlready = Promise.all(
    others.map((gd) => whenReady(gd).then(enhance).catch((e) => console.error(e))),
  );
  const everything = () => {
    observer.disconnect();
    return figures.now();
  };
  // printing, and a keyboard reader's first Tab, find every figure drawn
  window.addEventListener("beforeprint", everything);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Tab" && figures.left) everything();
  });
  // the print edition draws a moving figure again, in a few of its states (print.mjs)
  window.bpFigureCalls = (id) => {
    const entry = [...entryOf.values()].find((e) => e[0] === id);
    return entry ? recordedCalls(entry[1]) : null;
  };
  window.bpDrawAll = () => Promise.all([everything(), drawnAlready]).then(() => true);
  return Promise.all([looked.then(() => figures.drawn()), drawnAlready]).then(
    () => entryOf.size > 0,
  );
}

export function start() {
  // the formulas in batches (math.mjs), beside the figures near the view
  const math = typesetInBatches().catch((e) => console.error(e));
  Promise.all([drawWhenNear(window.bpFigureQueue), math]).then(([queued]) => {
    // wide formulas scroll too, once MathJax has typeset them
    focusableScrollers();
    document.documentElement.dataset.bpFigures = "ready";
    // once the page is shown, plotly.js comes too, for the figures further down (and for
    // printing, which cannot wait for it)
    if (queued) loadPlotly().catch((e) => console.error(e));
  });
  window.addEventListener("resize", focusableScrollers);
}

// the figures' scripts (module scripts, run after this one) queue their drawing here, and
// by DOMContentLoaded every one of them has run
window.bpFigureQueue = window.bpFigureQueue || [];
if (document.readyState === "complete") {
  start();
} else {
  document.addEventListener("DOMContentLoaded", start);
}
