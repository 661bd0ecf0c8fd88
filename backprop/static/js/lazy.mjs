/* Draw what is seen: a figure is drawn when it comes near the view, not at load.
 *
 * The build (backprop/sphinxext.py) turns each figure's inline script into one that queues
 * its drawing, window.bpFigureQueue.push(["fig-id", draw]), where draw(Plotly) is plotly's
 * own Plotly.newPlot(...) call. The figure's box has its title, caption and plot height
 * before it is drawn (main.mjs); drawing adds its controls and gives back the margins
 * plotly's own controls took, a screen away from what the reader is reading.
 *
 * plotly.js itself is loaded when the first figure comes near the view (loadPlotly), so that
 * on a slow network the text and its formulas come first.
 *
 * Figures that come near the view (within a screen's height of it) are drawn one per task,
 * so that a page with several figures in view does not freeze for all of them at once.
 * Everything not drawn yet is drawn at once when the page is printed, and when a keyboard
 * reader first presses Tab (the figures' controls are then in the tab order, where a
 * keyboard expects them); `now()` does the same for a script (the browser test).
 */

/* How far outside the view a figure starts being drawn: one screen above and below. */
export const NEAR = "100% 0px 100% 0px";

/* The figures of a page, each drawn once.
 *   draw(entry): draws entry (an [id, draw] pair) and returns a promise of its figure ready
 *     (drawn, with its controls);
 *   later(f): runs f in a task of its own (setTimeout in the page, a list in a test).
 * Returns {add(entry), near(entry), now(), drawn(), left}:
 *   add: a figure to draw some time (not drawn yet);
 *   near: it came near the view: draw it soon, after those that came before it;
 *   now: draw every figure not drawn yet, in this task; resolves when all are ready;
 *   drawn: resolves when every figure that came near the view is ready;
 *   left: how many figures are not drawn yet. */
export function lazyFigures(draw, later) {
  const waiting = new Set(); // added, not started
  const soon = []; // near the view, in the order they came
  const started = [];
  let pumping = false;

  function start(entry) {
    if (!waiting.delete(entry)) return;
    started.push(
      Promise.resolve()
        .then(() => draw(entry))
        .catch((e) => console.error(e)),
    );
  }

  function pump() {
    const entry = soon.shift();
    if (entry === undefined) {
      pumping = false;
      return;
    }
    start(entry);
    later(pump);
  }

  return {
    add(entry) {
      waiting.add(entry);
    },
    near(entry) {
      if (!waiting.has(entry)) return;
      soon.push(entry);
      if (!pumping) {
        pumping = true;
        later(pump);
      }
    },
    now() {
      for (const entry of [...waiting]) start(entry);
      return Promise.all(started);
    },
    async drawn() {
      for (;;) {
        const n = started.length;
        await Promise.all(started);
        if (!pumping && started.length === n) return;
        await new Promise((resolve) => later(resolve));
      }
    },
    get left() {
      return waiting.size;
    },
  };
}

/* The <script> type that names plotly.js without loading it (backprop/sphinxext.py). */
export const PLOTLY_LATER = "text/x-bp-plotly";

let plotly = null;

/* plotly.js, loaded once, when a figure first needs it: resolves with window.Plotly. */
export function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotly) {
    plotly = new Promise((resolve, reject) => {
      const named = document.querySelector(`script[type="${PLOTLY_LATER}"]`);
      if (!named) {
        reject(new Error("this page names no plotly.js"));
        return;
      }
      const script = document.createElement("script");
      script.src = named.src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error("plotly.js did not load: " + named.src));
      document.head.appendChild(script);
    });
  }
  return plotly;
}
