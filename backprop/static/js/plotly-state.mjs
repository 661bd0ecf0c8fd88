/* Every read of plotly's private state (gd._fullLayout: the layout plotly computed, with its
 * defaults, its axes' pixel positions and the plot's margins) happens here, and nowhere
 * else in the site's script. Plotly documents gd.layout and gd.data, not this: when a
 * plotly.js upgrade renames a field, this is the one file to change.
 *
 * The rest of the script reads a plain copy (drawnLayout), which a test can write by hand.
 */

const AXIS = /^[xy]axis\d*$/;

/* Plotly has drawn the figure: its computed layout and plot size exist. */
export function isDrawn(gd) {
  return Boolean(gd._fullLayout && gd._fullLayout._size && gd.layout);
}

/* Resolves with gd once plotly has drawn it. */
export function whenReady(gd) {
  return new Promise((resolve) => {
    (function poll() {
      if (isDrawn(gd)) resolve(gd);
      else setTimeout(poll, 30);
    })();
  });
}

/* The names of the figure's axes ("xaxis", "yaxis2", ...), in plotly's order. */
export function axisNames(gd) {
  return Object.keys(gd._fullLayout).filter((k) => AXIS.test(k));
}

/* What the site's script needs of the layout plotly computed, as a plain object:
 *   showlegend, legend {orientation, x, y} (undefined if none),
 *   margin {l, r, t} (px, as given or defaulted),
 *   plot {w, h, b}: the plot area's width and height and the bottom margin plotly
 *     settled on (px),
 *   axes: by name, {id ("x2"), anchor, side, visible, type, range, domain (as drawn),
 *     inputDomain (as asked for, if plotly changed it), offset and length (px), titled
 *     (whether it has a title)}. */
export function drawnLayout(gd) {
  const full = gd._fullLayout;
  const axes = {};
  for (const name of axisNames(gd)) {
    const ax = full[name];
    axes[name] = {
      id: ax._id,
      anchor: ax.anchor,
      side: ax.side,
      visible: ax.visible,
      type: ax.type,
      range: ax.range,
      domain: ax.domain,
      inputDomain: ax._inputDomain,
      offset: ax._offset,
      length: ax._length,
      titled: Boolean(ax.title && ax.title.text),
    };
  }
  const legend = full.legend;
  return {
    showlegend: full.showlegend,
    legend: legend && { orientation: legend.orientation, x: legend.x, y: legend.y },
    margin: { l: full.margin.l, r: full.margin.r, t: full.margin.t },
    plot: { w: full._size.w, h: full._size.h, b: full._size.b },
    axes: axes,
  };
}
