/* Math without a freeze: the page's formulas are typeset in small batches, one batch per
 * task, those in view first, instead of all at once in one long task (on a phone, MathJax
 * typesetting a chapter's 300 formulas at once froze the page for most of a second).
 * Every formula is typeset in the end, with all that MathJax gives it (its menu, speech,
 * the MathML a screen reader reads), a few tasks after load.
 *
 * The build turns MathJax's own typesetting at startup off (backprop/sphinxext.py); Sphinx
 * puts each formula in an element of class "math".
 */

/* Formulas per batch: about 50 ms of typesetting on a phone. */
export const BATCH = 12;

/* The order to typeset formulas in, given the top and bottom of each (px, in the page) and
   the view's: those in view first, in page order, then the others by their distance
   from the view. */
export function viewFirst(boxes, viewTop, viewBottom) {
  const distance = ({ top, bottom }) =>
    bottom < viewTop ? viewTop - bottom : top > viewBottom ? top - viewBottom : 0;
  return boxes
    .map((box, i) => [distance(box), i])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, i]) => i);
}

/* A list cut into lists of at most `size`. */
export function batches(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/* Resolves once MathJax has started (not typeset), or at once on a page without it. */
function mathJaxStarted() {
  return new Promise((resolve) => {
    const wait = () => {
      const mj = window.MathJax && MathJax.startup && MathJax.startup.promise;
      (mj || Promise.resolve()).then(resolve, resolve);
    };
    if (document.readyState === "complete") wait();
    else window.addEventListener("load", wait);
  });
}

/* Typesets every formula of the page, in batches; resolves when all are typeset. */
export async function typesetInBatches() {
  await mathJaxStarted();
  if (!window.MathJax || !MathJax.typesetPromise) return;
  const formulas = [...document.querySelectorAll(".math")];
  const boxes = formulas.map((f) => {
    const r = f.getBoundingClientRect();
    return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY };
  });
  const order = viewFirst(boxes, window.scrollY, window.scrollY + window.innerHeight);
  for (const batch of batches(
    order.map((i) => formulas[i]),
    BATCH,
  )) {
    await MathJax.typesetPromise(batch);
    await nextTask();
  }
}
