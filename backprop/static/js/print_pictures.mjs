/* The print edition's raster pictures at paper resolution.
 *
 * A figure's heat maps and the Playground's pictures are PNGs made for the screen: plotly
 * draws a heat map one pixel per cell (shown sharp, or smoothed by the browser) or at the
 * plot's size in CSS px, which is 96 px an inch on paper. Before printing, every such
 * picture is drawn again at SCALE device px per CSS px, enlarged the way the screen
 * enlarges it (enlargement), so that paper shows what the screen shows, at 240 px an inch.
 */

/* Device px per CSS px of a printed picture: 2.5 x 96 = 240 px an inch. */
export const SCALE = 2.5;

/* How the screen shows a picture of `natural` px across in a box of `shown` CSS px:
   "cells" (pixel by pixel, as plotly asks for a heat map of sharp cells, or at its own
   size) or "smooth" (a small picture stretched by the browser, which smooths it). */
export function enlargement(style, natural, shown) {
  if (/pixelated|crisp-edges|optimizeSpeed/i.test(style || "")) return "cells";
  return natural >= 0.9 * shown ? "cells" : "smooth";
}

/* The printed size in device px of a box of width x height CSS px. */
export function printedSize(width, height) {
  return [Math.ceil(width * SCALE), Math.ceil(height * SCALE)];
}

/* Does a picture of `natural` px across print at SCALE in a box of `shown` CSS px? */
export function sharpEnough(natural, shown) {
  return natural >= Math.floor(shown * SCALE);
}

const XLINK = "http://www.w3.org/1999/xlink";

function source(image) {
  return image.getAttribute("href") || image.getAttributeNS(XLINK, "href") || "";
}

/* A decoded picture drawn again at width x height device px ("cells" or "smooth"). */
function redrawn(picture, width, height, how) {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  context.imageSmoothingEnabled = how === "smooth";
  context.imageSmoothingQuality = "high";
  context.drawImage(picture, 0, 0, width, height);
  return canvas.toDataURL("image/png");
}

/* Draws again each PNG <image> of an SVG whose boxes are `cssPerUnit` CSS px per SVG unit
   (an SVG element on the page, or a parsed picture of a figure). */
async function sharpenImages(svg, cssPerUnit) {
  for (const image of svg.querySelectorAll("image")) {
    const uri = source(image);
    if (!uri.startsWith("data:image/png")) continue;
    const width = Number(image.getAttribute("width")) * cssPerUnit;
    const height = Number(image.getAttribute("height")) * cssPerUnit;
    if (!(width > 0 && height > 0)) continue;
    const picture = new Image();
    picture.src = uri;
    await picture.decode();
    if (sharpEnough(picture.naturalWidth, width)) continue;
    const how = enlargement(image.getAttribute("style"), picture.naturalWidth, width);
    const [w, h] = printedSize(width, height);
    image.removeAttributeNS(XLINK, "href");
    image.setAttribute("href", redrawn(picture, w, h, how));
    if (how === "cells") image.style.imageRendering = "pixelated";
  }
}

/* The pictures of a figure drawn on the page (plotly's SVG, at 1 CSS px per unit). */
export function sharpenFigure(gd) {
  return Promise.all([...gd.querySelectorAll("svg.main-svg")].map((svg) => sharpenImages(svg, 1)));
}

/* A figure's SVG picture (a data URI, `drawnWidth` units wide) as printed `shownWidth` CSS
   px wide, its pictures drawn again. */
export async function sharpenPicture(uri, drawnWidth, shownWidth) {
  // plotly's toImage writes "data:image/svg+xml," and the SVG, URI-encoded
  const text = decodeURIComponent(uri.slice(uri.indexOf(",") + 1));
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  await sharpenImages(doc.documentElement, shownWidth / drawnWidth);
  const svg = new XMLSerializer().serializeToString(doc);
  return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
}
