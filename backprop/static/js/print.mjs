/* The print edition: the book's single page (Sphinx's singlehtml build), made ready for
 * paper. backprop/sphinxext.py adds print.js (this module, bundled) to that page only;
 * backprop/_print.py calls window.bpPrintEdition() and then prints the page with Chromium.
 *
 * - every figure is drawn (window.bpDrawAll, main.mjs), its heat maps as images of their
 *   own grids (forPaper), and its raster pictures drawn again at paper resolution
 *   (print_pictures.mjs);
 * - a figure that moves (a slider, buttons, frames) becomes a strip of a few of its states
 *   side by side, each labelled with its value: the same figure, drawn again by plotly
 *   with the step or button applied exactly as the site's control would (controls.mjs's
 *   run). The figure function may choose the states (layout.meta.print_states, indices of
 *   the slider's steps or of the buttons, set by backprop.plotting.print_states); otherwise
 *   four spread from the first to the last;
 * - each chapter becomes a part of the book: its headings one level up, a new page;
 * - the solutions of each chapter's exercises, and the cells that check them, move to a
 *   "Solutions" section at the chapter's end, so that a chapter can be handed out without
 *   its answers;
 * - a table of contents of the preface, the chapters and their sections, with a place for
 *   each page number, which the printer fills in after a first print (setPageNumbers); the
 *   printer also makes the PDF's bookmarks from it (contentsEntries).
 *
 * The choices (which states, which label, which heading level) are pure functions, tested
 * in tests/js/print.test.mjs.
 */
import { el, run, shownSteps, valueText } from "./controls.mjs";
import { drawnLayout } from "./plotly-state.mjs";
import { sharpenFigure, sharpenPicture } from "./print_pictures.mjs";
import { plainText, richText, titleOf } from "./text.mjs";

/* How many states of a moving figure are printed when its figure function does not say. */
export const STATES = 4;
/* The width of the printed text, in CSS px (backprop/_print.py's TEXT_WIDTH). */
const TEXT_WIDTH = 688;

/* `most` indices spread evenly over 0..n-1, first and last included (all of them if n is
   not more than `most`). */
export function spread(n, most) {
  if (n <= most) return [...Array(n).keys()];
  return [...Array(most).keys()].map((i) => Math.round((i * (n - 1)) / (most - 1)));
}

/* A play or pause button: it runs the frames, it is not a state. */
function isPlayer(button) {
  const first = (button.args || [])[0];
  return button.method === "animate" && (first === null || (Array.isArray(first) && first[0] === null));
}

/* The zero-duration version of an animate command: a still shows where it ends. */
export function immediate(method, args) {
  if (method !== "animate") return args;
  return [
    (args || [])[0],
    { frame: { duration: 0, redraw: true }, transition: { duration: 0 }, mode: "immediate" },
  ];
}

/* The states of a figure to print side by side, [{label, method, args}], from its own
   slider or buttons; [] for a figure that does not move. A label is plotly's (it may hold
   <sub> and the like). */
export function printStates(layout) {
  const chosen = layout.meta && layout.meta.print_states;
  const slider = (layout.sliders || []).find(
    (s) => s.visible !== false && s.steps && shownSteps(s).length > 1,
  );
  if (slider) {
    const steps = shownSteps(slider);
    const prefix = (slider.currentvalue && slider.currentvalue.prefix) || "";
    return (chosen || spread(steps.length, STATES)).map((k) => ({
      label: valueText(prefix, String(steps[k].label ?? k)),
      method: steps[k].method,
      args: immediate(steps[k].method, steps[k].args),
    }));
  }
  for (const menu of layout.updatemenus || []) {
    const buttons = (menu.buttons || []).filter((b) => b.visible !== false && !isPlayer(b));
    if (buttons.length < 2) continue;
    return (chosen || spread(buttons.length, STATES)).map((k) => ({
      label: String(buttons[k].label ?? k),
      method: buttons[k].method,
      args: immediate(buttons[k].method, buttons[k].args),
    }));
  }
  return [];
}

/* A heat map that plotly.js smooths itself ("best") is printed as an image of its own grid
   ("fast"), which print_pictures.mjs smooths at paper resolution: plotly's smoothed image
   has the screen's, 96 px an inch on paper. */
export function forPaper(trace) {
  return trace && trace.zsmooth === "best" ? { ...trace, zsmooth: "fast" } : trace;
}

/* The same, for a drawn figure. */
function heatMapsForPaper(Plotly, gd) {
  const smoothed = gd.data.flatMap((t, k) => (forPaper(t) !== t ? [k] : []));
  return smoothed.length ? Plotly.restyle(gd, { zsmooth: "fast" }, smoothed) : null;
}

/* Does a state change the figure's title (its relayout or update, or the frames it shows)? */
export function changesTitle(state, frames) {
  const args = state.args || [];
  let layouts = [];
  if (state.method === "relayout") layouts = [args[0]];
  else if (state.method === "update") layouts = [args[1]];
  else if (state.method === "animate") {
    const names = [args[0]].flat();
    layouts = (frames || []).filter((f) => names.includes(f.name)).map((f) => f.layout);
  }
  return layouts.some((l) => l && Object.keys(l).some((k) => k.split(".")[0] === "title"));
}

/* A copy of plain JSON-like data (a figure's data, layout or frames). */
const copy = (x) => (x === undefined ? x : JSON.parse(JSON.stringify(x)));

/* A still is drawn at DRAWN px wide and printed smaller, as a picture of itself (SVG: vector
   text and lines), text included: plotly lays it out as the figure at a width it was made
   for, and nothing overlaps that does not overlap in the figure. (Plotly measures its text
   on the page, so a plot scaled down by CSS places its titles wrongly.) */
export const DRAWN = 516;

/* The layout of one still: the figure's own at DRAWN px wide, without its controls; the
   legend, the same in every still, only in the first (`legend`). The plot area keeps the
   figure's proportions. */
export function stillLayout(layout, legend, titled = true) {
  const small = copy(layout);
  delete small.sliders;
  delete small.updatemenus;
  // the title, which the website shows as text that wraps, fits the still's width; a title
  // that no state changes is the strip's, printed once above it (`titled` false)
  const title = typeof small.title === "string" ? { text: small.title } : small.title || {};
  small.title = { ...title, font: { ...(title.font || {}), size: 12 }, x: 0.5, xanchor: "center" };
  // the margins as plotly takes them (the book's template gives 50 px), written out
  const margin = { ...(small.margin || {}) };
  margin.t = margin.t ?? 50;
  margin.b = margin.b ?? 50;
  const plot = (layout.height || 450) - margin.t - margin.b;
  // the top margin keeps room for the title, not for the buttons it held
  if (!titled) {
    small.title.text = "";
    margin.t = Math.min(margin.t, 30);
  } else if (layout.updatemenus) margin.t = Math.min(margin.t, 60);
  const top = margin.t;
  if (!legend) small.showlegend = false;
  // the bottom margin held the figure's slider and buttons; it keeps room for a legend
  // below the plot only
  const legendBelow = small.showlegend !== false && ((small.legend || {}).y ?? 1) < 0;
  if (!legendBelow) margin.b = Math.min(margin.b, 60);
  small.margin = margin;
  small.width = DRAWN;
  small.height = Math.round(plot * (DRAWN / TEXT_WIDTH)) + top + margin.b;
  small.autosize = false;
  return small;
}

/* Px a plot lost to its legend: plotly makes room for a legend below the plot by taking it
   from the plot, so the still that shows the legend would have a smaller plot than the
   others. `asked` and `drawn`: the plot's height as laid out and as plotly drew it. */
export function lostToLegend(asked, drawn) {
  return asked - drawn > 1 ? Math.ceil(asked - drawn) : 0;
}

/* The still with the legend grows by what the legend took, so that its plot is the size of
   the other stills'. */
async function roomForLegend(Plotly, gd, layout) {
  const asked = layout.height - layout.margin.t - layout.margin.b;
  const lost = lostToLegend(asked, drawnLayout(gd).plot.h);
  if (!lost) return;
  layout.height += lost;
  await Plotly.relayout(gd, { height: layout.height });
}

/* Draws one still of a figure, `width` px wide: its recorded call, with the state's command
   applied, drawn off the page and shown as a picture. */
async function still(Plotly, calls, state, width, parent, legend, titled) {
  const cell = el("figure", { className: "bp-still" }, parent);
  const gd = el("div", {}, document.body);
  gd.style.position = "absolute";
  gd.style.left = "-10000px";
  const layout = stillLayout(calls.layout, legend, titled);
  try {
    await Plotly.newPlot(gd, copy(calls.data).map(forPaper), layout, { staticPlot: true });
    if (calls.frames) {
      const frames = copy(calls.frames).map((f) => (f.data ? { ...f, data: f.data.map(forPaper) } : f));
      await Plotly.addFrames(gd, frames);
    }
    await run(gd, state.method, copy(state.args));
    if (legend) await roomForLegend(Plotly, gd, layout);
    const svg = await Plotly.toImage(gd, {
      format: "svg",
      width: layout.width,
      height: layout.height,
    });
    const label = plainText(state.label);
    const title = plainText(titleOf(gd.layout) || titleOf(calls.layout));
    const src = await sharpenPicture(svg, layout.width, width);
    const picture = el("img", { src: src, alt: [title, label].filter(Boolean).join(": ") }, cell);
    picture.style.width = width + "px";
    el("figcaption", { className: "bp-still-label", textContent: label }, cell);
  } finally {
    Plotly.purge(gd);
    gd.remove();
  }
}

/* Replaces a moving figure's plot and controls, on paper, with a strip of its states. */
async function strip(Plotly, gd, calls) {
  const states = printStates(calls.layout);
  if (!states.length) return false;
  const figure = gd.closest("figure.bp-figure");
  const titled = states.some((state) => changesTitle(state, calls.frames));
  const title = titleOf(calls.layout);
  if (!titled && title) {
    const heading = el("p", { className: "bp-strip-title" });
    heading.appendChild(richText(title));
    figure.insertBefore(heading, gd.parentElement);
  }
  const row = el("div", { className: "bp-strip" });
  figure.insertBefore(row, gd.parentElement);
  figure.classList.add("bp-printed-as-strip");
  const columns = states.length > 2 ? 2 : states.length;
  const width = Math.floor(figure.clientWidth / columns) - 8;
  for (const [k, state] of states.entries()) {
    await still(Plotly, calls, state, width, row, k === 0, titled);
  }
  return true;
}

/* The heading one level up (h2 -> h1), with its attributes and content. */
export function levelUp(tag) {
  const n = Number(tag.slice(1));
  return "h" + Math.max(1, n - 1);
}

function raise(heading) {
  const raised = document.createElement(levelUp(heading.tagName.toLowerCase()));
  for (const a of heading.attributes) raised.setAttribute(a.name, a.value);
  raised.append(...heading.childNodes);
  heading.replaceWith(raised);
}

/* The chapters: the sections that follow singlehtml's <span id="document-..."> marks, but
   not those inside one (the cheat sheet is a section of the appendix). */
const DOCUMENT = 'span[id^="document-"] + section';
function chapters() {
  return [...document.querySelectorAll(DOCUMENT)].filter(
    (s) => !s.parentElement.closest(DOCUMENT),
  );
}

/* Is this the title of a solution (a dropdown titled "Solution ...")? */
export function isSolutionTitle(text) {
  return /^\s*Solution\b/.test(text);
}

/* Moves each chapter's solutions, and the cells that check them, to its end. */
function solutionsAtTheEnd(chapter) {
  const moved = [];
  for (const box of chapter.querySelectorAll("details.sd-dropdown")) {
    const title = box.querySelector("summary");
    if (!title || !isSolutionTitle(title.textContent)) continue;
    moved.push(box);
    const next = box.nextElementSibling;
    if (next && next.matches(".cell.tag_hide-cell") && /Checks Solution/.test(next.textContent)) {
      moved.push(next);
    }
  }
  if (!moved.length) return;
  const section = el("section", { className: "bp-solutions" }, chapter);
  const heading = el("h2", { textContent: "Solutions" }, section);
  heading.id = chapter.id + "-solutions";
  for (const node of moved) {
    for (const d of node.matches("details") ? [node] : node.querySelectorAll("details")) d.open = true;
    section.appendChild(node);
  }
}

/* The text of a heading, without its "#" link. */
function headingText(h) {
  const copyOf = h.cloneNode(true);
  copyOf.querySelectorAll(".headerlink").forEach((a) => a.remove());
  return copyOf.textContent.trim();
}

/* The table of contents: each chapter and its sections, with a place for its page. */
function contents(parts) {
  const nav = el("nav", { className: "bp-contents", id: "bp-contents" });
  el("h1", { textContent: "Contents", className: "bp-contents-title" }, nav);
  const list = el("ol", {}, nav);
  const entry = (h, level) => {
    const li = el("li", { className: "bp-toc-" + level }, list);
    const a = el("a", { href: "#" + (h.id || h.closest("section").id) }, li);
    el("span", { className: "bp-toc-text", textContent: headingText(h) }, a);
    el("span", { className: "bp-toc-page", textContent: "000" }, a);
  };
  for (const part of parts) {
    const h = part.querySelector("h1");
    if (!h) continue;
    entry(h, "chapter");
    for (const sub of part.querySelectorAll("h2")) {
      if (sub.closest(".bp-chapter, .bp-preface") === part) entry(sub, "section");
    }
  }
  return nav;
}

/* Writes the pages the printer found (an array, one per entry of the contents, in order). */
export function setPageNumbers(pages) {
  const spans = document.querySelectorAll("#bp-contents .bp-toc-page");
  if (spans.length !== pages.length) {
    throw new Error(`${pages.length} page numbers for ${spans.length} entries`);
  }
  spans.forEach((span, k) => {
    span.textContent = String(pages[k]);
  });
}

/* The contents' entries, in order: [{text, level}], for the printer to find their pages. */
export function contentsEntries() {
  return [...document.querySelectorAll("#bp-contents li")].map((li) => ({
    text: li.querySelector(".bp-toc-text").textContent,
    level: li.className.replace("bp-toc-", ""),
  }));
}

/* Everything above, once. Resolves with how many figures became strips. */
export async function printEdition() {
  await window.bpDrawAll();
  const Plotly = window.Plotly;
  let strips = 0;
  for (const gd of document.querySelectorAll("div.plotly-graph-div")) {
    const calls = window.bpFigureCalls && window.bpFigureCalls(gd.id);
    if (calls && (await strip(Plotly, gd, calls))) strips += 1;
    else {
      await heatMapsForPaper(Plotly, gd);
      await sharpenFigure(gd);
    }
  }
  const parts = chapters();
  const preface = document.querySelector("section");
  for (const part of parts) {
    part.classList.add("bp-chapter");
    for (const h of [...part.querySelectorAll("h2, h3, h4, h5, h6")]) raise(h);
    solutionsAtTheEnd(part);
  }
  preface.classList.add("bp-preface");
  preface.parentNode.insertBefore(contents([preface, ...parts]), preface);
  document.documentElement.dataset.bpPrint = "ready";
  return strips;
}

if (typeof window !== "undefined") {
  window.bpPrintEdition = printEdition;
  window.bpSetPageNumbers = setPageNumbers;
  window.bpContentsEntries = contentsEntries;
}
