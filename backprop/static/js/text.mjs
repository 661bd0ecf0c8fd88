/* Plotly's labels (titles, slider steps, buttons, descriptions) as HTML text.
 *
 * Plotly writes a little HTML in its labels (b, i, em, sub, sup, br); any other tag is shown
 * as its text. The cleaning works on a parsed tree of nodes (nodeType, tagName, childNodes,
 * textContent): the browser's DOMParser makes it on the page, and a test can make one by
 * hand, so that everything here but parse and richText runs without a DOM.
 */

export const ALLOWED = new Set(["B", "I", "EM", "SUB", "SUP", "BR"]);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/* The contents of a parsed node, cleaned: a string for each text node, {tag, children} for
   each element plotly draws, and only the contents of any other element (comments go). */
export function cleanTree(node) {
  const out = [];
  (function copy(from, to) {
    for (const child of from.childNodes) {
      if (child.nodeType === TEXT_NODE) {
        to.push(child.textContent);
      } else if (child.nodeType === ELEMENT_NODE) {
        if (ALLOWED.has(child.tagName)) {
          const item = { tag: child.tagName, children: [] };
          to.push(item);
          copy(child, item.children);
        } else {
          copy(child, to);
        }
      }
    }
  })(node, out);
  return out;
}

/* The text of a cleaned tree, as the DOM's textContent would give it. */
export function textOf(items) {
  return items
    .map((item) => (typeof item === "string" ? item : textOf(item.children)))
    .join("");
}

/* Runs of white space as one space, none at the ends. */
export function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}

/* A label with its line breaks as spaces, for where it must be one line. */
export function breaksAsSpaces(html) {
  return String(html || "").replace(/<br\s*\/?>/gi, " ");
}

/* A label such as "▶ play": the symbols are decoration (icon: "" if none), the word is the
   name (text). */
export function labelParts(label) {
  const m = /^([^\p{L}\p{N}]*)(.*)$/u.exec(String(label));
  return { icon: m[1].trim() ? m[1] : "", text: m[2] };
}

/* A layout's title text ("" if none): plotly takes a string or {text}. */
export function titleOf(layout) {
  const t = layout.title;
  return (t && (typeof t === "string" ? t : t.text)) || "";
}

/* A label parsed by the browser: the <div> that holds it. */
export function parse(html) {
  const doc = new DOMParser().parseFromString(
    "<div>" + (html || "") + "</div>",
    "text/html",
  );
  return doc.body.firstChild;
}

/* Plotly's pseudo-HTML (b, i, sub, sup, br) as DOM nodes; anything else as its text. */
export function richText(html) {
  const out = document.createDocumentFragment();
  (function render(items, to) {
    for (const item of items) {
      if (typeof item === "string") {
        to.appendChild(document.createTextNode(item));
      } else {
        const element = document.createElement(item.tag);
        to.appendChild(element);
        render(item.children, element);
      }
    }
  })(cleanTree(parse(html)), out);
  return out;
}

/* A label as one line of plain text (a slider's value, an option, a group's name). */
export function plainText(html) {
  return oneLine(textOf(cleanTree(parse(breaksAsSpaces(html)))));
}
