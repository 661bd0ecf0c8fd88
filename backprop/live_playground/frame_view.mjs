// The playground's frame view (backprop/live_playground/channel.py): an invisible anywidget
// that tells the kernel a browser shows the playground, and keeps pace with it.
//
// It says "ready" when it is drawn, and answers each "ping" once the browser has handled
// everything sent before it and painted a frame. While playing, a ping also carries the
// frame's new pictures (the sources of layout images, by figure and index) and the epoch
// counter's text: they are put in place in the figures plotly.js drew, as plotly.js's own
// image drawing does (the element's href, and the figure's layout, so that a later replot
// draws them too). The answer says whether that worked (`shown`).
//
// This reads plotly.js's private state (gd._fullLayout, and on each image d3's
// __data__._index and plotly.js's _imgSrc): PLOTLY_JS_RELIES_ON in
// backprop/_plotly_internals.py lists those names.

const XLINK = "http://www.w3.org/1999/xlink";

/** The drawn image elements of a plot, by their index in its layout. */
export function imageNodes(gd) {
  const nodes = {};
  for (const node of gd.querySelectorAll("image")) {
    const d = node.__data__; // plotly.js binds each image to its layout entry
    if (d && d._index !== undefined) nodes[d._index] = node;
  }
  return nodes;
}

/** Put new sources ([index, source] pairs) in a plot's images; false if one is missing. */
export function showImages(gd, changes) {
  if (!gd || !gd.layout || !gd._fullLayout) return false;
  const nodes = imageNodes(gd);
  for (const [k, source] of changes) {
    const image = (gd.layout.images || [])[k];
    const full = (gd._fullLayout.images || [])[k];
    const node = nodes[k];
    if (!image || !full || !node) return false;
    image.source = source;
    full.source = source;
    if (node.hasAttributeNS(XLINK, "href")) {
      node.setAttributeNS(XLINK, "xlink:href", source);
    } else {
      node.setAttribute("href", source);
    }
    node._imgSrc = source;
  }
  return true;
}

/** Show a frame's pictures and counter in the playground around `el`; false if it could not. */
export function showFrame(el, msg) {
  const root = el.closest(".backprop-playground");
  if (!root) return false;
  let shown = true;
  for (const [name, changes] of Object.entries(msg.images || {})) {
    const gd = root.querySelector(`.playground-${name} .js-plotly-plot`);
    shown = showImages(gd, changes) && shown;
  }
  const label = root.querySelector(".playground-epoch .widget-html-content");
  if (label && msg.epoch !== undefined) label.innerHTML = msg.epoch;
  return shown;
}

export default {
  render({ model, el }) {
    model.send({ ready: true });
    model.on("msg:custom", (msg) => {
      const shown = msg.images === undefined || showFrame(el, msg);
      if (msg.ping !== undefined) {
        requestAnimationFrame(() => model.send({ pong: msg.ping, shown }));
      }
    });
  },
};
