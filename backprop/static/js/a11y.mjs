/* Keyboard and screen readers, on every page: output, code and displayed formulas that
 * scroll sideways take keyboard focus, so that a keyboard can scroll them; a figure's SVG
 * (tick labels, legend) is hidden from screen readers, to which its title and caption say
 * what it shows.
 */

// what may scroll sideways: code and output, and displayed formulas
export const SCROLLERS = "article pre, .cell_output .output, mjx-container[display='true']";

/* What to do with an element's tabindex: "add" one (it scrolls, and the keyboard does not
   reach it yet), "restore" what was there (it no longer scrolls, and the tabindex is ours),
   or null. `mine`: we set its tabindex; `focusable`: it has a tabindex of 0 or more. */
export function scrollerChange(scrolls, mine, focusable) {
  if (scrolls && !mine && !focusable) return "add";
  if (!scrolls && mine) return "restore";
  return null;
}

/* Output and code that scroll sideways are reachable by keyboard. */
export function focusableScrollers() {
  document.querySelectorAll(SCROLLERS).forEach((pre) => {
    if (pre.querySelector("figure.bp-figure")) return;
    const scrolls = pre.scrollWidth > pre.clientWidth + 1;
    const mine = "bpTabindex" in pre.dataset;
    const change = scrollerChange(
      scrolls,
      mine,
      pre.tabIndex >= 0 && pre.hasAttribute("tabindex"),
    );
    if (change === "add") {
      // remember what was there (MathJax sets -1 on formulas), to put it back
      pre.dataset.bpTabindex = pre.getAttribute("tabindex") || "";
      pre.setAttribute("tabindex", "0");
    } else if (change === "restore") {
      const before = pre.dataset.bpTabindex;
      if (before) pre.setAttribute("tabindex", before);
      else pre.removeAttribute("tabindex");
      delete pre.dataset.bpTabindex;
    }
  });
}

/* The figure's SVG out of the accessibility tree; plotly's toolbar stays reachable. */
export function hideSvg(gd) {
  gd.querySelectorAll(".main-svg, .gl-container").forEach((svg) => {
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
  });
}
