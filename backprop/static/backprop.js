/* The book's website for every reader (added to every page by backprop/sphinxext.py).
 *
 * Figures: plotly draws its sliders and buttons as SVG that no keyboard or screen reader
 * reaches. For each figure this script builds real HTML controls from the figure's own
 * layout.sliders, layout.updatemenus and frames (a labelled range input, buttons, or a
 * drop-down when the buttons do not fit), placed under the figure, and hides plotly's
 * copies, so there is one set. Each control runs exactly the command of the plotly step or
 * button it stands for. The figure's title becomes HTML text above it (it wraps on a phone;
 * it is read out, politely, when a control changes it), its description
 * (layout.meta.description, from backprop.plotting.describe) a caption below, and the
 * plot's SVG is hidden from screen readers (its tick labels read as noise).
 * Colours follow the theme's light/dark switch. A figure narrower than NARROW gets a phone
 * layout (legends below, subplots apart far enough for their axis labels, fewer ticks),
 * made anew or undone when a phone turns or the window is resized.
 *
 * Every page: output, code and displayed formulas that scroll sideways take keyboard
 * focus, so that a keyboard can scroll them.
 */
(function () {
  "use strict";

  const ALLOWED = new Set(["B", "I", "EM", "SUB", "SUP", "BR"]);
  const MODE_KEYS = [
    "paper_bgcolor",
    "plot_bgcolor",
    "font.color",
    "legend.bgcolor",
    "title.font.color",
  ];
  let serial = 0;
  // a figure narrower than this (px) gets the phone layout
  const NARROW = 500;

  /* Plotly's pseudo-HTML (b, i, sub, sup, br) as DOM nodes; anything else as its text. */
  function richText(html) {
    const doc = new DOMParser().parseFromString(
      "<div>" + (html || "") + "</div>",
      "text/html",
    );
    const out = document.createDocumentFragment();
    (function copy(from, to) {
      for (const node of from.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          if (ALLOWED.has(node.tagName)) {
            const el = document.createElement(node.tagName);
            to.appendChild(el);
            copy(node, el);
          } else {
            copy(node, to);
          }
        }
      }
    })(doc.body.firstChild, out);
    return out;
  }

  function plainText(html) {
    const div = document.createElement("div");
    div.appendChild(richText(String(html || "").replace(/<br\s*\/?>/gi, " ")));
    return div.textContent.replace(/\s+/g, " ").trim();
  }

  /* A label such as "▶ play": the symbols are decoration, the word is the name. */
  function buttonContent(button, label) {
    const m = /^([^\p{L}\p{N}]*)(.*)$/u.exec(String(label));
    if (m[1].trim()) {
      const icon = document.createElement("span");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = m[1];
      button.appendChild(icon);
    }
    button.appendChild(richText(m[2]));
  }

  function titleOf(gd) {
    const t = gd.layout.title;
    return (t && (typeof t === "string" ? t : t.text)) || "";
  }

  /* What the plotly control would do: the same command, with the same arguments. */
  function run(gd, method, args) {
    if (!method || method === "skip") return Promise.resolve();
    if (!["restyle", "relayout", "update", "animate"].includes(method)) {
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

  function whenReady(gd) {
    return new Promise((resolve) => {
      (function poll() {
        if (gd._fullLayout && gd._fullLayout._size && gd.layout) resolve(gd);
        else setTimeout(poll, 30);
      })();
    });
  }

  function el(tag, props, parent) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    if (parent) parent.appendChild(node);
    return node;
  }

  function sliderControl(gd, s, k, ui) {
    const steps = s.steps.filter((st) => st.visible !== false);
    const id = gd.id + "-slider-" + k;
    const row = el("div", { className: "bp-slider" }, ui.controls);
    const prefix = (s.currentvalue && s.currentvalue.prefix) || "";
    const label = el("label", { htmlFor: id }, row);
    label.textContent = prefix.replace(/[\s:=]+$/, "") || "step";
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
      input.setAttribute("aria-valuetext", (prefix + text).trim());
    };
    show(Math.min(s.active || 0, steps.length - 1));
    input.addEventListener("input", () => {
      const st = steps[Number(input.value)];
      show(Number(input.value));
      run(gd, st.method, st.args);
    });
    // A playing animation moves the slider, as plotly's own slider does.
    gd.on("plotly_animatingframe", (e) => {
      const i = steps.findIndex(
        (st) =>
          st.method === "animate" &&
          st.args &&
          st.args[0] &&
          String(st.args[0][0]) === String(e.name),
      );
      if (i >= 0) show(i);
    });
    ui.inputs.push(input);
  }

  function menuControl(gd, m, k, ui) {
    const buttons = (m.buttons || []).filter((b) => b.visible !== false);
    if (!buttons.length) return;
    const group = el("div", { className: "bp-menu" }, ui.controls);
    const name =
      (m.name && plainText(m.name)) ||
      (buttons.every((b) => b.method === "animate") ? "Animation" : "Show");
    const isPlayer = buttons.every((b) => b.method === "animate");
    const row = el("div", { className: "bp-buttons", role: "group" }, group);
    row.setAttribute("aria-label", name);
    const pressable = !isPlayer && m.showactive !== false;
    const active = () => Math.max(0, m.active || 0);
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
      let method = b.method;
      let args = b.args;
      if (b.args2 && ui.toggled[k + ":" + i]) args = b.args2;
      if (b.args2) ui.toggled[k + ":" + i] = !ui.toggled[k + ":" + i];
      return run(gd, method, args);
    };
    buttons.forEach((b, i) => {
      const button = el("button", { type: "button" }, row);
      buttonContent(button, b.label);
      button.addEventListener("click", () => press(i));
      all.push(button);
    });
    if (!isPlayer) {
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
    mark(active());
    ui.inputs.push(...all);
  }

  /* Buttons in one row if they fit, else the drop-down (a phone, many options). */
  function fit(ui) {
    for (const { row, wrap } of ui.menus) {
      row.hidden = false;
      wrap.hidden = true;
      const tooWide = row.scrollWidth > row.clientWidth + 1;
      row.hidden = tooWide;
      wrap.hidden = !tooWide;
    }
  }

  /* Near-black ink (lines, rings, arrows, annotations) would vanish on a dark page, and
     white paper (a diagram's node fill) would glare and hide the light text on it. */
  function lightness(colour) {
    if (typeof colour !== "string") return null;
    const c = colour.trim().toLowerCase();
    if (c === "black") return 0;
    if (c === "white") return 1;
    const m = /^#([0-9a-f]{6})$/.exec(c) || /^#([0-9a-f]{3})$/.exec(c);
    if (!m) return null;
    const hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const isInk = (colour) => {
    const l = lightness(colour);
    return l !== null && l < 0.2;
  };
  const isPaper = (colour) => {
    const l = lightness(colour);
    return l !== null && l > 0.95;
  };

  function recolourInk(gd, ui, dark, text, background) {
    const traces = { "line.color": [], "marker.line.color": [], "marker.color": [] };
    if (!ui.ink) {
      ui.ink = { traces: [], layout: {} };
      gd.data.forEach((tr, i) => {
        for (const key of Object.keys(traces)) {
          const v = key.split(".").reduce((o, p) => (o == null ? o : o[p]), tr);
          if (isInk(v)) ui.ink.traces.push([i, key, v, text]);
          else if (key === "marker.color" && isPaper(v)) {
            ui.ink.traces.push([i, key, v, background]);
          }
        }
      });
      (gd.layout.annotations || []).forEach((a, i) => {
        if (a.font && isInk(a.font.color)) ui.ink.layout["annotations[" + i + "].font.color"] = a.font.color;
        if (isInk(a.arrowcolor)) ui.ink.layout["annotations[" + i + "].arrowcolor"] = a.arrowcolor;
      });
      (gd.layout.shapes || []).forEach((sh, i) => {
        if (sh.line && isInk(sh.line.color)) ui.ink.layout["shapes[" + i + "].line.color"] = sh.line.color;
      });
    }
    const byKey = {};
    for (const [i, key, v, darkValue] of ui.ink.traces) {
      byKey[key] = byKey[key] || { idx: [], val: [] };
      byKey[key].idx.push(i);
      byKey[key].val.push(dark ? darkValue : v);
    }
    const jobs = Object.entries(byKey).map(([key, { idx, val }]) =>
      Plotly.restyle(gd, { [key]: val }, idx),
    );
    const lay = {};
    for (const [key, v] of Object.entries(ui.ink.layout)) lay[key] = dark ? text : v;
    return Promise.all(jobs).then(() => lay);
  }

  /* Light or dark, as the theme says: the page shows through the figure. `extra` is more
     layout to change in the same redraw. */
  function themeColours(gd, ui, extra) {
    const dark = document.documentElement.dataset.theme === "dark";
    const css = getComputedStyle(document.documentElement);
    const text =
      css.getPropertyValue("--pst-color-text-base").trim() ||
      (dark ? "#ced6dd" : "#222832");
    const update = {
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
    };
    if (dark) {
      update["font.color"] = text;
      update["title.font.color"] = text;
      update["legend.bgcolor"] = "rgba(20,24,30,0.75)";
    } else {
      for (const key of MODE_KEYS.slice(2)) update[key] = ui.original[key];
    }
    for (const ax of Object.keys(gd._fullLayout)) {
      if (!/^[xy]axis\d*$/.test(ax)) continue;
      for (const part of ["gridcolor", "zerolinecolor", "linecolor"]) {
        const key = ax + "." + part;
        if (!(key in ui.original)) ui.original[key] = ui.get(key);
        update[key] = dark ? (part === "gridcolor" ? "#39414b" : "#5b6672") : ui.original[key];
      }
    }
    const changed = ui.mode !== (dark ? "dark" : "light");
    if (!changed && !extra) return Promise.resolve();
    // ink needs changing only to go dark, or to come back from it
    const ink =
      changed && (dark || ui.mode === "dark")
        ? recolourInk(
            gd,
            ui,
            dark,
            text,
            css.getPropertyValue("--pst-color-background").trim() || "#121212",
          )
        : Promise.resolve({});
    ui.mode = dark ? "dark" : "light";
    ui.figure.classList.toggle("bp-dark", dark);
    return ink.then((inkUpdate) =>
      Plotly.relayout(gd, Object.assign(update, inkUpdate, extra || {})),
    );
  }

  /* A value of the figure's layout by plotly's key ("annotations[2].font.size"); null
     where it is not set, which is what Plotly.relayout takes to restore the default. */
  function layoutValue(gd, key) {
    const v = key.split(".").reduce((o, part) => {
      if (o == null) return o;
      const m = /^(\w+)\[(\d+)\]$/.exec(part);
      return m ? (o[m[1]] || [])[Number(m[2])] : o[part];
    }, gd.layout);
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  }

  /* Side-by-side subplots: a y axis's tick labels and title must not run into the plot on
     their left. The title moves up to its tick labels, and the columns move apart as far
     as the drawn labels need. Adds to `relayout`. */
  function roomBetweenColumns(gd, relayout) {
    const full = gd._fullLayout;
    const axis = (id) => full[id.charAt(0) + "axis" + id.slice(1)];
    const xs = Object.keys(full).filter((k) => /^xaxis\d*$/.test(k));
    const row = (xa) => (axis(xa.anchor || "y") || { domain: [0, 1] }).domain;
    const overlap = (a, b) => a[0] < b[1] && b[0] < a[1];
    const origin = gd.getBoundingClientRect().left;
    const shifts = {}; // x axis -> [px off its start, px off its end]
    for (const k of Object.keys(full).filter((k) => /^yaxis\d*$/.test(k))) {
      const ya = full[k];
      const xa = ya.anchor && ya.anchor !== "free" ? axis(ya.anchor) : null;
      if (!xa || ya.side === "right" || ya.visible === false) continue;
      const left = xs
        .filter((n) => full[n] !== xa && overlap(row(full[n]), ya.domain))
        .filter((n) => full[n]._offset + full[n]._length <= xa._offset + 1)
        .sort((m, n) => full[n]._offset - full[m]._offset)[0];
      if (!left) continue;
      const edge = full[left]._offset + full[left]._length;
      const ticks = [...gd.querySelectorAll("." + ya._id + "tick text")]
        .map((t) => t.getBoundingClientRect())
        .filter((r) => r.width);
      let start = ticks.length ? Math.min(...ticks.map((r) => r.left)) - origin : xa._offset;
      const title = gd.querySelector(".g-" + ya._id + "title");
      const box = title && title.getBoundingClientRect();
      if (box && box.width) {
        // the title then sits `standoff` px left of the tick labels
        const standoff = 4;
        relayout[k + ".title.standoff"] = standoff;
        start = ticks.length ? start - standoff - box.width : box.left - origin;
      }
      const need = edge + 10 - start;
      if (need <= 0) continue;
      const name = xs.find((n) => full[n] === xa);
      shifts[name] = shifts[name] || [0, 0];
      shifts[left] = shifts[left] || [0, 0];
      shifts[name][0] = Math.max(shifts[name][0], need / 2);
      shifts[left][1] = Math.max(shifts[left][1], need / 2);
    }
    const w = full._size.w;
    for (const [name, [off0, off1]] of Object.entries(shifts)) {
      const d = full[name]._inputDomain || full[name].domain;
      relayout[name + ".domain"] = [d[0] + off0 / w, d[1] - off1 / w];
      // fewer tick labels on the narrower axis, so that they stay upright
      const labels = [...gd.querySelectorAll("." + full[name]._id + "tick text")];
      const longest = Math.max(1, ...labels.map((t) => t.textContent.length));
      const length = full[name]._length - off0 - off1;
      const most = 1 + Math.max(1, Math.round(length / (9 * longest + 10)));
      const given = gd.layout[name] || {};
      if (Array.isArray(given.tickvals) && given.tickvals.length > most) {
        // ticks the figure chose: keep every k-th of them
        const k = Math.ceil(given.tickvals.length / most);
        const every = (v, i) => i % k === 0;
        relayout[name + ".tickvals"] = given.tickvals.filter(every);
        if (Array.isArray(given.ticktext)) {
          relayout[name + ".ticktext"] = given.ticktext.filter(every);
        }
      } else {
        relayout[name + ".nticks"] = most;
      }
    }
  }

  /* Side-by-side subplots: an x axis title wider than its plot gets a smaller font, so
     that it does not run into its neighbour's. */
  function narrowTitles(gd, relayout) {
    const full = gd._fullLayout;
    const xs = Object.keys(full).filter((k) => /^xaxis\d*$/.test(k));
    if (xs.length < 2) return;
    for (const k of xs) {
      const title = gd.querySelector(".g-" + full[k]._id + "title");
      const box = title && title.getBoundingClientRect();
      if (box && box.width > full[k]._length + 30) relayout[k + ".title.font.size"] = 12;
    }
  }

  /* Log axes label only the powers of ten on a phone: plotly's 2s and 5s between them
     crowd a short axis. */
  function decadesOnly(gd, relayout) {
    const full = gd._fullLayout;
    for (const k of Object.keys(full).filter((k) => /^[xy]axis\d*$/.test(k))) {
      const ax = full[k];
      const auto = !(gd.layout[k] && gd.layout[k].dtick != null);
      if (ax.type === "log" && auto && Math.abs(ax.range[1] - ax.range[0]) >= 2) {
        relayout[k + ".dtick"] = 1;
      }
    }
  }

  /* A phone: legends go under the plot, subplot titles that would run into each other
     get smaller and wrap, and side-by-side subplots make room for their axis labels.
     Adds to `relayout`; returns the extra height at the top. */
  function phoneLayout(gd, width, relayout) {
    const full = gd._fullLayout;
    decadesOnly(gd, relayout);
    narrowTitles(gd, relayout);
    roomBetweenColumns(gd, relayout);
    const legend = full.legend;
    if (full.showlegend && legend && legend.orientation !== "h" && legend.x >= 0.9) {
      Object.assign(relayout, {
        "legend.orientation": "h",
        "legend.x": 0,
        "legend.xanchor": "left",
        "legend.y": -0.22,
        "legend.yanchor": "top",
      });
    }
    let extra = 0;
    const plotWidth = width - full.margin.l - full.margin.r;
    (gd.layout.annotations || []).forEach((a, i) => {
      // make_subplots' titles: plain text, centred above a subplot
      if (a.showarrow !== false || a.yanchor !== "bottom" || a.xref !== "paper") return;
      const axis = full.xaxis && Object.keys(full)
        .filter((k) => /^xaxis\d*$/.test(k))
        .map((k) => full[k].domain)
        .find((d) => d[0] <= a.x && a.x <= d[1]);
      if (!axis) return;
      const room = (axis[1] - axis[0]) * plotWidth;
      const size = 12;
      const text = String(a.text || "");
      relayout["annotations[" + i + "].font.size"] = size;
      if (text.length * size * 0.56 > room && text.includes(" ") && !text.includes("<br>")) {
        const words = text.split(" ");
        let best = 1;
        let line = 0;
        for (let k = 0; k < words.length; k++) {
          line += words[k].length + 1;
          if (line >= text.length / 2) {
            best = k + 1;
            break;
          }
        }
        relayout["annotations[" + i + "].text"] =
          words.slice(0, best).join(" ") + "<br>" + words.slice(best).join(" ");
        extra = Math.max(extra, 16);
      }
    });
    return extra;
  }

  function undoOf(gd, changes) {
    const undo = {};
    for (const key of Object.keys(changes)) undo[key] = layoutValue(gd, key);
    return undo;
  }

  /* The figure's width crossed NARROW (a phone turned, a window resized): the phone
     layout is undone or made anew, measured on the figure at its new width. */
  function adapt(gd, ui, holder) {
    const narrow = holder.clientWidth < NARROW;
    if (narrow === ui.narrow) return Promise.resolve();
    ui.narrow = narrow;
    const undo = Object.assign({}, ui.phone.undo);
    if (ui.phone.extra) {
      undo["margin.t"] = gd._fullLayout.margin.t - ui.phone.extra;
      if (gd.layout.height) undo.height = gd.layout.height - ui.phone.extra;
    }
    ui.phone = { undo: {}, extra: 0 };
    return Plotly.relayout(gd, undo)
      .then(() => Plotly.Plots.resize(gd))
      .then(() => {
        if (!narrow) return null;
        const phone = {};
        const extra = phoneLayout(gd, holder.clientWidth, phone);
        ui.phone.undo = undoOf(gd, phone);
        if (extra) {
          ui.phone.extra = extra;
          phone["margin.t"] = gd._fullLayout.margin.t + extra;
          if (gd.layout.height) phone.height = gd.layout.height + extra;
        }
        return Plotly.relayout(gd, phone);
      })
      .then(() => {
        if (gd.layout.height) holder.style.height = gd.layout.height + "px";
        gd.dataset.bpLayout = narrow ? "phone" : "wide";
      })
      .catch((e) => console.error(e));
  }

  function enhance(gd) {
    if (gd.closest(".bp-figure")) return;
    serial += 1;
    const holder = gd.parentElement; // plotly's <div style="height:..."> around the figure
    const figure = document.createElement("figure");
    figure.className = "bp-figure";
    holder.parentNode.insertBefore(figure, holder);
    const heading = el("p", { className: "bp-title", id: gd.id + "-title" }, figure);
    figure.appendChild(holder);
    const controls = el("div", { className: "bp-controls" });
    const ui = {
      figure: figure,
      controls: controls,
      inputs: [],
      menus: [],
      toggled: {},
      original: {},
      mode: null,
      get: (key) => key.split(".").reduce((o, p) => (o == null ? o : o[p]), gd.layout),
    };
    for (const key of MODE_KEYS) ui.original[key] = ui.get(key);

    // the title as text: it wraps, and a screen reader hears it change
    heading.setAttribute("aria-live", "polite");
    const showTitle = () => {
      const t = titleOf(gd);
      if (heading.dataset.raw === t) return;
      heading.dataset.raw = t;
      heading.replaceChildren(richText(t));
    };
    showTitle();
    gd.on("plotly_afterplot", showTitle);
    gd.on("plotly_animated", showTitle);
    gd.on("plotly_animatingframe", () => setTimeout(showTitle, 0));

    const relayout = {};
    const size = gd._fullLayout._size;
    let freed = 0;
    (gd.layout.sliders || []).forEach((s, k) => {
      if (s.visible === false || !s.steps || !s.steps.length) return;
      sliderControl(gd, s, k, ui);
      relayout["sliders[" + k + "].visible"] = false;
      if ((s.y == null ? 0 : s.y) <= 0) freed = 1;
    });
    (gd.layout.updatemenus || []).forEach((m, k) => {
      if (m.visible === false) return;
      menuControl(gd, m, k, ui);
      relayout["updatemenus[" + k + "].visible"] = false;
      if (m.y != null && m.y <= 0) freed = 1;
    });
    // The room plotly's controls (and the title, now above the figure) took in the
    // margins goes back to the plot.
    let saved = 0;
    if (freed && size.b > 70) {
      saved += size.b - 70;
      relayout["margin.b"] = 70;
    }
    const narrow = holder.clientWidth < NARROW;
    // the phone's changes, with what they replace, to undo them when the window widens
    const phone = {};
    const extraTop = narrow ? phoneLayout(gd, holder.clientWidth, phone) : 0;
    ui.narrow = narrow;
    ui.phone = { undo: undoOf(gd, phone), extra: 0 };
    Object.assign(relayout, phone);
    const legendOnTop = gd._fullLayout.showlegend && gd._fullLayout.legend.y > 1;
    const top = 30 + extraTop;
    if (!legendOnTop && gd._fullLayout.margin.t > top) {
      saved += gd._fullLayout.margin.t - top;
      relayout["margin.t"] = top;
      ui.phone.extra = extraTop;
    }
    if (saved && gd.layout.height) {
      relayout.height = gd.layout.height - saved;
      holder.style.height = relayout.height + "px";
    }
    if (controls.childNodes.length) {
      figure.appendChild(controls);
      controls.setAttribute("role", "group");
      controls.setAttribute("aria-label", "Figure controls");
    }

    const description = gd.layout.meta && gd.layout.meta.description;
    if (description) {
      const caption = el("figcaption", { className: "bp-caption" }, figure);
      caption.appendChild(richText(description));
    } else {
      figure.setAttribute("aria-labelledby", heading.id);
    }
    // The SVG (tick labels, legend) is noise to a screen reader: the title and the
    // caption say what the figure shows. Plotly's toolbar stays reachable.
    figure.classList.add("bp-ready");
    const hideSvg = () =>
      gd.querySelectorAll(".main-svg, .gl-container").forEach((svg) => {
        svg.setAttribute("aria-hidden", "true");
        svg.setAttribute("focusable", "false");
      });
    gd.on("plotly_afterplot", hideSvg);

    // the wrapper may have changed the width: let plotly fit the plot to it
    if (gd.layout.width == null) relayout.autosize = true;
    // one redraw for all of it
    return themeColours(gd, ui, relayout).then(() => {
      hideSvg();
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

  /* Output and code that scroll sideways are reachable by keyboard. */
  function focusableScrollers() {
    const scrollers = "article pre, .cell_output .output, mjx-container[display='true']";
    document.querySelectorAll(scrollers).forEach((pre) => {
      if (pre.querySelector("figure.bp-figure")) return;
      const scrolls = pre.scrollWidth > pre.clientWidth + 1;
      const mine = "bpTabindex" in pre.dataset;
      if (scrolls && !mine && !(pre.tabIndex >= 0 && pre.hasAttribute("tabindex"))) {
        // remember what was there (MathJax sets -1 on formulas), to put it back
        pre.dataset.bpTabindex = pre.getAttribute("tabindex") || "";
        pre.setAttribute("tabindex", "0");
      } else if (!scrolls && mine) {
        const before = pre.dataset.bpTabindex;
        if (before) pre.setAttribute("tabindex", before);
        else pre.removeAttribute("tabindex");
        delete pre.dataset.bpTabindex;
      }
    });
  }

  function mathTypeset() {
    return new Promise((resolve) => {
      const wait = () => {
        const mj = window.MathJax && MathJax.startup && MathJax.startup.promise;
        (mj || Promise.resolve()).then(resolve, resolve);
      };
      if (document.readyState === "complete") wait();
      else window.addEventListener("load", wait);
    });
  }

  function start() {
    const figures = [...document.querySelectorAll("div.plotly-graph-div")];
    Promise.all(
      figures.map((gd) => whenReady(gd).then(enhance).catch((e) => console.error(e))),
    ).then(() => {
      // wide formulas scroll too, once MathJax has typeset them (its script is deferred
      // after this one: by the load event it has started)
      return mathTypeset().then(() => {
        focusableScrollers();
        document.documentElement.dataset.bpFigures = "ready";
      });
    });
    window.addEventListener("resize", focusableScrollers);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
