/* A figure's controls as HTML: plotly draws its sliders and buttons as SVG that no keyboard
 * or screen reader reaches. From the figure's own layout.sliders and layout.updatemenus
 * come a labelled range input, buttons, or a drop-down when the buttons do not fit; each
 * runs exactly the command of the plotly step or button it stands for.
 *
 * The bookkeeping of steps and buttons (which show, which is current, which arguments a
 * press sends, which step a playing frame is) is pure; sliderControl, menuControl and fit
 * build and arrange the controls.
 */
import { labelParts, plainText, richText } from "./text.mjs";

/* The plotly commands a step or button may run. */
export const METHODS = ["restyle", "relayout", "update", "animate"];

/* What the plotly control would do: the same command, with the same arguments. */
export function run(gd, method, args) {
  if (!method || method === "skip") return Promise.resolve();
  if (!METHODS.includes(method)) {
    return Promise.reject(new Error("unknown plotly method " + method));
  }
  // as plotly's own executeAPICommand does: Plotly[method](gd, ...args)
  const done = Plotly[method](gd, ...(args || []));
  // an animation that another one interrupts (pause, a step, play again) ends its
  // promise with no reason: that is the reader's choice, not an error
  return method === "animate"
    ? done.catch((reason) => {
        if (reason !== undefined) throw reason;
      })
    : done;
}

/* A new element with properties, appended to `parent` if given. */
export function el(tag, props, parent) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  if (parent) parent.appendChild(node);
  return node;
}

/* A slider's steps that plotly shows. */
export function shownSteps(slider) {
  return slider.steps.filter((st) => st.visible !== false);
}

/* A slider's name, from the prefix of its current value ("epoch: " -> "epoch"). */
export function sliderName(prefix) {
  return prefix.replace(/[\s:=]+$/, "") || "step";
}

/* The step a slider starts at. */
export function startStep(slider, steps) {
  return Math.min(slider.active || 0, steps.length - 1);
}

/* What a screen reader says of a step: its value with the slider's prefix. */
export function valueText(prefix, text) {
  return (prefix + text).trim();
}

/* The step that animates to the frame called `name`; -1 if none. */
export function frameStep(steps, name) {
  return steps.findIndex(
    (st) =>
      st.method === "animate" &&
      st.args &&
      st.args[0] &&
      String(st.args[0][0]) === String(name),
  );
}

/* A menu's buttons that plotly shows. */
export function shownButtons(menu) {
  return (menu.buttons || []).filter((b) => b.visible !== false);
}

/* Buttons that only animate (play, pause) are a player: none of them stays pressed. */
export function isPlayer(buttons) {
  return buttons.every((b) => b.method === "animate");
}

/* A menu's name: its own (as plain text), else what its buttons do. */
export function menuName(name, buttons) {
  return name || (isPlayer(buttons) ? "Animation" : "Show");
}

/* The button a menu starts with. */
export function activeButton(menu) {
  return Math.max(0, menu.active || 0);
}

/* The arguments a press of `button` sends: args, or args2 every other press of a button
   that has them (plotly's toggle). `toggled` keeps, by `key`, which is next. */
export function pressArgs(button, key, toggled) {
  let args = button.args;
  if (button.args2 && toggled[key]) args = button.args2;
  if (button.args2) toggled[key] = !toggled[key];
  return args;
}

/* A slider under the plot (plotly's default place) or a menu placed there: once hidden,
   the room it took in the bottom margin goes back to the plot. */
export function sliderBelow(slider) {
  return (slider.y == null ? 0 : slider.y) <= 0;
}

export function menuBelow(menu) {
  return menu.y != null && menu.y <= 0;
}

/* A button's content: a label such as "▶ play" has its symbols hidden from screen readers,
   the word is the name. */
export function buttonContent(button, label) {
  const { icon, text } = labelParts(label);
  if (icon) {
    const span = document.createElement("span");
    span.setAttribute("aria-hidden", "true");
    span.textContent = icon;
    button.appendChild(span);
  }
  button.appendChild(richText(text));
}

export function sliderControl(gd, s, k, ui) {
  const steps = shownSteps(s);
  const id = gd.id + "-slider-" + k;
  const row = el("div", { className: "bp-slider" }, ui.controls);
  const prefix = (s.currentvalue && s.currentvalue.prefix) || "";
  const label = el("label", { htmlFor: id }, row);
  label.textContent = sliderName(prefix);
  const input = el(
    "input",
    { type: "range", id: id, min: 0, max: steps.length - 1, step: 1 },
    row,
  );
  const output = el("output", { htmlFor: id }, row);
  output.setAttribute("aria-hidden", "true"); // the range input says the same
  const show = (i) => {
    input.value = String(i);
    const text = plainText(steps[i].label);
    output.textContent = text;
    input.setAttribute("aria-valuetext", valueText(prefix, text));
  };
  show(startStep(s, steps));
  input.addEventListener("input", () => {
    const st = steps[Number(input.value)];
    show(Number(input.value));
    run(gd, st.method, st.args);
  });
  // A playing animation moves the slider, as plotly's own slider does.
  gd.on("plotly_animatingframe", (e) => {
    const i = frameStep(steps, e.name);
    if (i >= 0) show(i);
  });
  ui.inputs.push(input);
}

export function menuControl(gd, m, k, ui) {
  const buttons = shownButtons(m);
  if (!buttons.length) return;
  const group = el("div", { className: "bp-menu" }, ui.controls);
  const name = menuName(m.name && plainText(m.name), buttons);
  const player = isPlayer(buttons);
  const row = el("div", { className: "bp-buttons", role: "group" }, group);
  row.setAttribute("aria-label", name);
  const pressable = !player && m.showactive !== false;
  const all = [];
  let select = null;
  const mark = (i) => {
    m.active = i;
    if (pressable) {
      all.forEach((b, j) => b.setAttribute("aria-pressed", String(i === j)));
    }
    if (select) select.value = String(i);
  };
  const press = (i) => {
    const b = buttons[i];
    mark(i);
    return run(gd, b.method, pressArgs(b, k + ":" + i, ui.toggled));
  };
  buttons.forEach((b, i) => {
    const button = el("button", { type: "button" }, row);
    buttonContent(button, b.label);
    button.addEventListener("click", () => press(i));
    all.push(button);
  });
  if (!player) {
    // The same choice as a drop-down, shown instead when the buttons do not fit.
    const id = gd.id + "-menu-" + k;
    const wrap = el("div", { className: "bp-select", hidden: true }, group);
    const label = el("label", { htmlFor: id }, wrap);
    label.textContent = name;
    select = el("select", { id: id }, wrap);
    buttons.forEach((b, i) =>
      el("option", { value: String(i), textContent: plainText(b.label) }, select),
    );
    select.addEventListener("change", () => press(Number(select.value)));
    ui.menus.push({ row: row, wrap: wrap });
    ui.inputs.push(select);
  }
  mark(activeButton(m));
  ui.inputs.push(...all);
}

/* Buttons in one row if they fit, else the drop-down (a phone, many options). */
export function fit(ui) {
  for (const { row, wrap } of ui.menus) {
    row.hidden = false;
    wrap.hidden = true;
    const tooWide = row.scrollWidth > row.clientWidth + 1;
    row.hidden = tooWide;
    wrap.hidden = !tooWide;
  }
}
