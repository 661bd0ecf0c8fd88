"""The chapters as a reader of Binder or `make lab` meets them: JupyterLab in headless Chromium.

JupyterLab is started on a free port of 127.0.0.1 with a copy of a chapter, the chapter is run
top to bottom with another process keeping a core of the machine busy (every widget must
still draw its figure with its data and follow its control), and the test checks what the
reader sees: MyST blocks rendered (no raw `:::{`), solutions and the cells that check them
folded (source and verdict, after Run All too), a widget whose figure follows its slider
when it is moved by keyboard, no error output, no console error, and no request leaving
the machine.

`test_lab_chapters.py` runs every other chapter the same way, with the checks any chapter
needs. `test_binder_pins_have_wheels` checks that Binder can install every pin for the Python that
binder/runtime.txt names. The helpers here are also what `make bench` uses to time widgets.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, screenshot

from backprop import live_widget

# what `make test` opens: a chapter with an admonition, folded solutions and a slider widget
LAB_CHAPTER = "neurons.ipynb"

# Errors of JupyterLab itself, not of the book: its cell toolbar throws while it measures a
# rendered markdown cell (TypeError in _markdownOverlapsToolbar), now and then, on any notebook.
# And anywidget's note that a widget's model took over 2 s to start (a busy machine): it then
# drops every message to that model, and the book's figure is drawn anew on the next change
# (backprop.live_figure.LiveFigure.deaf), as the busy-machine test below checks.
KNOWN_LAB_ERRORS = (
    "_markdownOverlapsToolbar",
    "[anywidget] Failed to initialize model",
)

# JavaScript: the app is exposed as window.jupyterapp (--LabApp.expose_app_in_browser)
_KERNEL_READY = """() => {
    const w = window.jupyterapp && jupyterapp.shell.currentWidget;
    const k = w && w.sessionContext && w.sessionContext.session
        && w.sessionContext.session.kernel;
    return k && k.connectionStatus === 'connected' && k.status === 'idle';
}"""
_IDLE = """() => {
    const w = jupyterapp.shell.currentWidget;
    const k = w.sessionContext.session.kernel;
    const pending = [...w.content.node.querySelectorAll('.jp-InputPrompt')]
        .some(p => p.textContent.includes('*'));
    return k.status === 'idle' && !pending;
}"""
# time from a key press on a slider to the last change of the figure below it
_TIMER = """([index, slider]) => {
    const box = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox')[index];
    const handle = box.querySelectorAll('.noUi-handle')[slider];
    window.__bench = {start: null, last: null};
    handle.addEventListener('keydown', () => {
        window.__bench.start = performance.now(); window.__bench.last = null;
    }, {capture: true});
    // what the widget draws: its plots if it has any (a step slider under a plot changes its
    // own readout, which is not the figure changing), else the place under its controls.
    // A plot has changed when plotly.js says it has drawn it (plotly_afterplot): watching
    // each of the thousand or so changes to its SVG would take the browser's time too.
    if (window.__benchStop) window.__benchStop();  // the previous timer's watch
    const plots = [...box.querySelectorAll('.js-plotly-plot')];
    const changed = () => {
        if (window.__bench.start !== null) window.__bench.last = performance.now();
    };
    for (const plot of plots) plot.on('plotly_afterplot', changed);
    const observer = new MutationObserver(changed);
    if (!plots.length) {
        observer.observe(box.lastElementChild, {
            subtree: true, childList: true, attributes: true, characterData: true});
    }
    window.__benchStop = () => {
        for (const plot of plots) plot.removeListener('plotly_afterplot', changed);
        observer.disconnect();
    };
    handle.focus();
    return true;
}"""


# [source hidden, outputs hidden, output visible on screen] of each cell that checks a solution
_CHECK_CELLS = """() => jupyterapp.shell.currentWidget.content.widgets
    .filter(c => c.model.type === 'code'
            && (c.model.getMetadata('tags') || []).includes('hide-cell'))
    .map(c => [c.inputHidden, c.outputHidden,
               c.node.querySelector('.jp-OutputArea-child') !== null
               && c.node.querySelector('.jp-OutputArea').offsetHeight > 0])"""

# what the i-th cell that checks a solution shows once run: its folded source's placeholder,
# the text of its output as rendered, and whether its folded verdict is there and closed. The
# cell is scrolled into view first: JupyterLab renders no text for cells far out of view.
_CHECK_SHOWN = """i => {
    const c = jupyterapp.shell.currentWidget.content.widgets
        .filter(c => c.model.type === 'code'
                && (c.model.getMetadata('tags') || []).includes('hide-cell'))[i];
    c.node.scrollIntoView({block: 'center'});
    const input = c.node.querySelector('.jp-InputPlaceholder');
    const fold = c.node.querySelector('.jp-OutputArea details.backprop-check');
    return {placeholder: input ? input.innerText.trim() : null,
            output: [...c.node.querySelectorAll('.jp-OutputArea-output')]
                .map(o => o.innerText.trim()).join('|'),
            folded: fold !== null && !fold.open};
}"""


def raw_myst(notebook):
    """The rendered markdown cells' texts, and the starts of those showing MyST markup."""
    texts = notebook.locator(
        ".jp-MarkdownCell .jp-RenderedMarkdown, .jp-MarkdownCell .myst"
    ).evaluate_all("els => els.map(e => e.textContent)")
    raw = [t[:80] for t in texts if re.search(r"^:::|^```\{|:class:", t, re.M)]
    return texts, raw


def check_shown(page, i):
    """What the i-th check cell shows (see _CHECK_SHOWN), once it is drawn in view."""
    try:
        page.wait_for_function(
            f"i => ({_CHECK_SHOWN})(i).output !== ''",
            arg=i,
            timeout=10_000,
            polling=250,
        )
    except Exception:
        pass  # the caller's assertions say what is missing
    return page.evaluate(_CHECK_SHOWN, i)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on 127.0.0.1 serving a folder, stopped by :meth:`stop`.

    Settings and workspaces live in a folder of their own, so no saved layout of another
    session is restored and nothing asks to fetch news.
    """

    def __init__(self, root, env=None):
        self.root, self.port = Path(root), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        state = self.root / ".lab-state"
        settings = state / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "notification.jupyterlab-settings").write_text(
            '{"fetchNews": "false", "checkForUpdates": false}'
        )
        jupyter = Path(sys.executable).parent / "jupyter"
        self.log = open(state / "server.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(jupyter),
                "lab",
                "--allow-root",
                "--no-browser",
                "--ip=127.0.0.1",
                f"--port={self.port}",
                "--ServerApp.token=",
                "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                f"--ServerApp.root_dir={self.root}",
                "--LabApp.expose_app_in_browser=True",
                f"--LabApp.user_settings_dir={state / 'settings'}",
                f"--LabApp.workspaces_dir={state / 'workspaces'}",
            ],
            cwd=self.root,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/api/status", timeout=2)
                break
            except OSError:
                if (
                    self.process.poll() is not None
                    or time.monotonic() > deadline
                ):
                    self.stop()
                    raise RuntimeError(
                        "JupyterLab did not start: "
                        + (state / "server.log").read_text()[-2000:]
                    ) from None
                time.sleep(0.3)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def __repr__(self):
        return f"Lab({self.url}, root={self.root})"


def write_notebook(path, sources):
    """A notebook at ``path`` with one code cell per source, for the Python 3 kernel."""
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(src) for src in sources],
        metadata={
            "kernelspec": {
                "name": "python3",
                "display_name": "Python 3 (ipykernel)",
                "language": "python",
            }
        },
    )
    nbformat.write(nb, str(path))


def _watch(page, lab, external=None, errors=None):
    """Fail every request that leaves the machine (recorded in ``external``) and record the
    page's console errors in ``errors``."""

    def route(r):
        if r.request.url.startswith(lab.url):
            r.continue_()
        else:
            if external is not None:
                external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    if errors is not None:
        page.on(
            "console",
            lambda m: (
                errors.append(f"{m.text} ({m.location.get('url', '')})")
                if m.type == "error"
                else None
            ),
        )
        page.on(
            "pageerror",
            lambda e: errors.append(f"{e} {(e.stack or '')[:600]}"),
        )


def open_notebook(browser, lab, name, external=None, errors=None):
    """A page with the notebook open and its kernel idle; requests off the machine fail."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _watch(page, lab, external, errors)
    page.goto(
        f"{lab.url}/lab/tree/{name}?reset"
    )  # no tabs restored from before
    page.wait_for_function(_KERNEL_READY, timeout=120_000)
    return page


class LabPage:
    """One JupyterLab page that opens notebook after notebook, for the tests of one worker.

    Loading JupyterLab takes 7 to 10 s of a busy machine; opening a notebook in a page that
    has it takes about one. ``external`` and ``errors`` hold what the page did since the
    last :meth:`open`.
    """

    def __init__(self, browser, lab):
        self.lab, self.external, self.errors = lab, [], []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        _watch(self.page, lab, self.external, self.errors)
        self.page.goto(f"{lab.url}/lab?reset")
        self.page.wait_for_function(
            "() => window.jupyterapp && jupyterapp.restored"
            " && jupyterapp.restored.then(() => true)",
            timeout=120_000,
        )

    def open(self, name):
        """The page, with notebook ``name`` (in the lab's folder) open and its kernel idle."""
        self.external.clear()
        self.errors.clear()
        self.page.evaluate(
            "name => { jupyterapp.commands.execute('docmanager:open', {path: name}); }",
            name,
        )
        self.page.wait_for_function(
            f"""name => {{
                const w = jupyterapp.shell.currentWidget;
                return w && w.context && w.context.path === name && ({_KERNEL_READY})();
            }}""",
            arg=name,
            timeout=120_000,
        )
        return self.page

    def close_notebook(self):
        """Stop the open notebook's kernel and close it, unsaved; what the page did with it
        open: ``(external, errors)`` (what closing it logs belongs to nobody's reader)."""
        seen = list(self.external), list(self.errors)
        self.page.evaluate(
            """() => {
                // the views first (a widget view that outlives its kernel logs errors)
                const w = jupyterapp.shell.currentWidget;
                const session = w.sessionContext.session;
                w.context.model.dirty = false;
                w.dispose();
                if (session) jupyterapp.serviceManager.sessions.shutdown(session.id);
            }"""
        )
        return seen

    def close(self):
        self.page.close()


def run_all(page, timeout=300):
    """Run every cell of the open notebook and wait until the kernel is done."""
    page.evaluate(
        "() => jupyterapp.commands.execute('notebook:run-all-cells')"
    )
    page.wait_for_timeout(500)
    page.wait_for_function(_IDLE, timeout=timeout * 1000, polling=250)
    page.wait_for_timeout(
        1500
    )  # the last figures are drawn after the kernel is idle


# JupyterLab draws a cell's outputs once the cell first comes near the view: after Run All,
# the widgets of cells never scrolled to are not in the page yet. This scrolls to each cell
# that shows a widget, so that all of them are.
_SHOW_WIDGETS = r"""async () => {
    const notebook = jupyterapp.shell.currentWidget.content;
    for (const [i, cell] of notebook.widgets.entries()) {
        if (cell.model.type !== 'code') continue;
        if (!/(Explorer|PerceptronStepper|PlaygroundWidget)\(/.test(cell.model.sharedModel.getSource())) continue;
        await notebook.scrollToItem(i, 'center');
        await new Promise(resolve => setTimeout(resolve, 300));
    }
    await notebook.scrollToItem(0, 'start');
    return true;
}"""


def show_widgets(page):
    """Scroll to every cell of the open notebook that shows a widget: each is in the page."""
    page.evaluate(_SHOW_WIDGETS)


def widget_count(page):
    return page.evaluate(
        "() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox').length"
    )


def slider_widgets(page):
    """Indices of the top-level widget boxes that have a slider."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox')]
            .map((b, i) => [b, i])
            .filter(([b]) => b.querySelector('.noUi-handle')
                && !b.parentElement.closest('.widget-vbox'))
            .map(([, i]) => i)"""
    )


# After a key press, in the page: wait until the slider's readout changes (None: it did not
# within 0.5 s), then until the figure has not been redrawn (see _TIMER) for `quiet` ms
# (false: no redraw within 10 s). Waiting happens in the page, so that no request from the test to the browser
# takes the browser's time while the redraw is measured.
_AFTER_PRESS = """([index, slider, before, quiet]) => new Promise(resolve => {
    const box = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox')[index];
    const readout = () => box.querySelectorAll('.widget-readout')[slider].textContent;
    const t0 = performance.now();
    const moved = () => {
        if (readout() !== before) return setTimeout(settled, 50);
        if (performance.now() - t0 > 500) return resolve(null);
        setTimeout(moved, 10);
    };
    const settled = () => {
        const bench = window.__bench, now = performance.now();
        if (bench.last !== null && now - bench.last > quiet) return resolve(bench.last - bench.start);
        if (now - t0 > 10000) return resolve(false);
        setTimeout(settled, 50);
    };
    moved();
})"""


def time_key_presses(page, index, presses=20, quiet_ms=300, slider=0):
    """Median ms from a key press on one of the widget's sliders to its figure's last change.

    ``slider`` counts the widget's sliders in page order (0: the first control).
    None if the figure does not change within 10 s of a press (a slider that only sets a
    value, such as a learning rate read when a button is clicked) or the slider does not move.

    The time is that of the figure's last redraw (plotly's "plotly_afterplot"; for a widget
    without a plot, the last change under its controls) once none has followed for
    ``quiet_ms``; presses go right, then left when the slider reaches its end. A plot that is
    replaced instead of updated in place never reports a redraw: that slider counts as one
    that does not redraw.
    """
    box = page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox"
    ).nth(index)
    box.scroll_into_view_if_needed()
    page.evaluate(_TIMER, [index, slider])
    value = (
        f"() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
        f".jp-OutputArea-output .widget-vbox')[{index}]"
        f".querySelectorAll('.widget-readout')[{slider}].textContent"  # aria-valuenow is rounded
    )
    times, key, turns = [], "ArrowRight", 0
    while len(times) < presses:
        before = page.evaluate(value)
        page.keyboard.press(key)
        ms = page.evaluate(_AFTER_PRESS, [index, slider, before, quiet_ms])
        if ms is None:  # at the end of the slider: go back
            key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
            turns += 1
            if turns > 2:  # a slider that does not move at all
                return None, times
            continue
        turns = 0  # it moved: a short slider may turn at both ends many times
        if ms is False:  # this slider does not redraw
            return None, times
        times.append(ms)
    return statistics.median(times), times


# what a widget's figures draw now (the i-th widget box, or the first that selector i
# selects): for each, its title, traces and a hash of its SVG
FIGURE_SIGNATURE_JS = """i => {
    const box = typeof i === 'string' ? document.querySelector(i) : document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox')[i];
    const plots = [...box.querySelectorAll('.js-plotly-plot')];
    return plots.length ? plots.map(gd => {
        const svg = gd.querySelector('.main-svg').innerHTML;
        let hash = 0;  // of everything drawn: a changed label or picture counts too
        for (let i = 0; i < svg.length; i++) hash = (hash * 31 + svg.charCodeAt(i)) | 0;
        return svg.length + '#' + hash + '|' +
            (gd.layout.title && gd.layout.title.text) + '|' +
            JSON.stringify(gd.data.map(t => [t.x && t.x.length, t.y && t.y[0], t.z && t.z[0] && t.z[0][0]]));
    }).join(' ; ') : null;
}"""


def figure_signature(page, index):
    """What the widget's figures draw now: for each, its title, traces and a hash of its SVG."""
    return page.evaluate(FIGURE_SIGNATURE_JS, index)


# for each plot in the (first) widget box that `sel` selects: how many traces it draws, and
# how many of them have data (points or a map); an empty plot is [0, 0]
_PLOTS_DRAWN = """sel => [...document.querySelector(sel).querySelectorAll('.js-plotly-plot')]
    .map(gd => [gd.data.length, gd.data.filter(t =>
        (t.x && t.x.length) || (t.z && t.z.length) || (t.values && t.values.length)).length])"""


def _busy(n):
    """``n`` processes that keep a core busy each, until they are killed."""
    return [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(n)
    ]


def follows(page, box):
    """Whether a widget's figure changes when its control is moved (at most three times).

    ``box`` is a CSS selector of the widget's box. The control is the widget's first slider
    (the perceptron's, which sets the learning rate of the next step: its step button). A
    figure must follow at the latest on the second move: one that stopped taking updates
    is drawn anew on the next change.
    """
    widget = page.locator(box).first  # the widget's outer box
    widget.scroll_into_view_if_needed()
    before = figure_signature(page, box)
    step = widget.get_by_role("button", name="step", exact=True)
    handle = step if step.count() else widget.locator(".noUi-handle").first
    key = "Enter" if step.count() else "ArrowRight"
    for _ in range(3):
        handle.focus()
        page.keyboard.press(key)
        try:
            # changed, and drawn: a plot being replaced is briefly absent (signature null)
            page.wait_for_function(
                f"""([box, before]) => {{
                    const now = ({FIGURE_SIGNATURE_JS})(box);
                    return now !== null && now !== before;
                }}""",
                arg=[box, before],
                timeout=8_000,
                polling=200,
            )
            return True
        except Exception:
            page.wait_for_timeout(2_000)  # longer than a figure's patience
    return False


def mark_widget(page, index):
    """A CSS selector for the index-th widget box on screen (see :func:`slider_widgets`)."""
    page.evaluate(
        "i => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
        ".jp-OutputArea-output .widget-vbox')[i].dataset.testWidget = i",
        index,
    )
    return f"[data-test-widget='{index}']"


# the indices of the notebook's cells that show a widget; and one cell scrolled into view
# (JupyterLab draws only the cells near the view) and marked, for a CSS selector
_WIDGET_CELLS = """() => jupyterapp.shell.currentWidget.content.widgets
    .map((c, i) => [i, c.model.type === 'code' && c.model.outputs.toJSON().some(
        o => o.data && o.data['application/vnd.jupyter.widget-view+json'])])
    .filter(([, shown]) => shown).map(([i]) => i)"""
_SHOW_CELL = """i => {
    const cell = jupyterapp.shell.currentWidget.content.widgets[i];
    cell.node.scrollIntoView({block: 'center'});
    cell.node.dataset.testCell = i;
}"""


def _drawn_with_data(plots):
    """Whether every plot (as _PLOTS_DRAWN reports them) has traces, some with data."""
    return bool(plots) and all(
        n > 0 and with_data > 0 for n, with_data in plots
    )


def every_widget_draws_and_follows(page):
    """Each widget's figure is drawn with its data, and follows its control (:func:`follows`)."""
    cells = page.evaluate(_WIDGET_CELLS)
    assert len(cells) >= 3, cells
    for i in cells:
        page.evaluate(_SHOW_CELL, i)
        # the cell's widget boxes; the first is the widget's outer box
        box = f"[data-test-cell='{i}'] .jp-OutputArea-output .widget-vbox"
        try:
            page.wait_for_selector(f"{box} .js-plotly-plot", timeout=60_000)
        except Exception:
            pass  # the assertion below says what is missing
        plots = page.evaluate(
            f'() => document.querySelector("{box}") && ({_PLOTS_DRAWN})("{box}")'
        )
        assert _drawn_with_data(plots), (
            f"cell {i}: a figure is drawn empty or not at all: {plots}"
        )
        assert follows(page, box), (
            f"cell {i}: the figure did not follow its control"
        )
        plots = page.evaluate(_PLOTS_DRAWN, box)
        assert _drawn_with_data(plots), f"cell {i}: drawn empty: {plots}"


def draw_every_cell(page):
    """Scroll every cell into view once, so that JupyterLab has drawn each.

    JupyterLab draws only the cells near the view; after a walk through the widgets, the
    markdown cells far from where it ended may not be drawn yet.
    """
    page.evaluate(
        """async () => {
            for (const cell of jupyterapp.shell.currentWidget.content.widgets) {
                cell.node.scrollIntoView({block: 'center'});
                await new Promise(r => setTimeout(r, 30));
            }
        }"""
    )
    page.wait_for_timeout(500)


@pytest.fixture
def lab(lab_page):
    shutil.copy(ROOT / "book" / LAB_CHAPTER, lab_page.lab.root / LAB_CHAPTER)
    return lab_page


@pytest.mark.browser
def test_a_chapter_runs_in_jupyterlab_as_the_site_reads(browser, lab):
    page = lab.open(LAB_CHAPTER)
    notebook = page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
    )

    # as opened: the cells that check the solutions are folded, source and output
    folded = page.evaluate(_CHECK_CELLS)
    assert len(folded) >= 4
    assert all(i and o and not shown for i, o, shown in folded), folded

    # Run All on a busy machine (another process keeps a core busy, as on a crowded Binder
    # host, besides what else runs): every widget must still draw its figure and follow
    busy = _busy(1)
    try:
        run_all(page, timeout=600)
        every_widget_draws_and_follows(page)
    finally:
        for process in busy:
            process.kill()
            process.wait()
    draw_every_cell(page)

    # MyST blocks are rendered: no raw directive markup in any rendered markdown cell
    texts, raw = raw_myst(notebook)
    assert len(texts) > 10
    assert not raw, f"raw MyST markup shown: {raw}"
    assert notebook.locator("[class*=admonition]").count() > 0

    # solutions stay folded after Run All, and so do the sources of the cells that check
    # them (JupyterLab shows the output of every cell it runs: see the README)
    dropdowns = notebook.locator("details:not(.backprop-check)")
    assert dropdowns.count() >= 4
    assert not any(dropdowns.evaluate_all("ds => ds.map(d => d.open)"))
    assert all(i for i, _, _ in page.evaluate(_CHECK_CELLS))
    # ...and they give nothing away: the folded source shows a comment for its first line,
    # the output a closed "Check of Solution N" (JupyterLab unfolds the output area itself)
    n_checks = len(page.evaluate(_CHECK_CELLS))
    assert n_checks == len(folded)
    shown = [check_shown(page, i) for i in range(n_checks)]
    for n, cell in enumerate(shown, 1):
        assert cell["placeholder"].startswith(f"# Checks Solution {n} "), cell
        assert cell["folded"], cell
        assert cell["output"] == f"Check of Solution {n}", cell
    solution = dropdowns.first
    solution.scroll_into_view_if_needed()
    screenshot(page, "lab-solution-folded")
    solution.locator("summary").click()
    page.wait_for_timeout(300)
    assert solution.evaluate("d => d.open")
    screenshot(page, "lab-solution-open")
    # the check of the solution opens on a click too, and then shows its verdict
    check = notebook.locator(".jp-OutputArea details.backprop-check").first
    check.locator("summary").click()
    page.wait_for_timeout(300)
    assert check.evaluate("d => d.open")
    assert check.inner_text().split("\n")[-1].startswith("✓ Correct")
    screenshot(page, "lab-check-open")

    # no error output, and no website-only note: the reader sees live controls
    assert (
        notebook.locator(
            ".jp-OutputArea-output[data-mime-type*=error]"
        ).count()
        == 0
    )
    assert widget_count(page) > 0
    body = notebook.inner_text()
    assert (
        "rocket button" not in body and "Error displaying widget" not in body
    )

    # a slider moved by the keyboard changes its figure, in place
    index = slider_widgets(page)[0]
    before = figure_signature(page, index)
    plots_before = page.locator(".js-plotly-plot").count()
    median_ms, _ = time_key_presses(page, index, presses=3)
    after = figure_signature(page, index)
    assert before and after and before != after
    assert page.locator(".js-plotly-plot").count() == plots_before
    moved = page.locator(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox"
    )
    screenshot(moved.nth(index), "lab-slider-moved")

    # saved, then reopened without the kernel that drew it: no error, a way back instead
    n_widgets = len(slider_widgets(page))
    page.evaluate("() => jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "() => !jupyterapp.shell.currentWidget.context.model.dirty",
        timeout=30_000,
    )
    external, errors = lab.close_notebook()  # its kernel stopped with it
    # reopened in a page of its own, as a reader who comes back later does
    # (JupyterLab logs each missing widget model as a console error: expected here)
    page = open_notebook(browser, lab.lab, LAB_CHAPTER, external)
    stand_ins_js = """() => [...document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output.jupyter-widgets')]
        .map(e => [e.textContent, getComputedStyle(e).fontSize,
                   getComputedStyle(e, '::before').content])"""
    # every stand-in is drawn once the widget manager has given up on its model; on a
    # loaded machine that takes a while, so wait for them rather than for a fixed time
    try:
        page.wait_for_function(
            f"() => ({stand_ins_js})().filter(s => s[0].includes('model not found'))"
            f".length >= {n_widgets}",
            timeout=60_000,
            polling=250,
        )
    except Exception:
        pass  # the assertions below say what is missing
    assert widget_count(page) == 0
    stand_ins = page.evaluate(stand_ins_js)
    # JupyterLab's text is there, but drawn in size 0, and RERUN is what shows
    assert len(stand_ins) == n_widgets
    assert all(
        "model not found" in text
        and size == "0px"
        and shown == f'"{live_widget.RERUN}"'
        for text, size, shown in stand_ins
    ), stand_ins
    screenshot(page, "lab-reopened")
    page.evaluate(
        "() => jupyterapp.shell.currentWidget.sessionContext.shutdown()"
    )
    page.close()

    assert not external, f"requests left the machine: {external[:5]}"
    errors = [e for e in errors if not any(k in e for k in KNOWN_LAB_ERRORS)]
    assert not errors, f"console errors: {errors[:5]}"


def test_binder_pins_have_wheels(tmp_path):
    """Every pin Binder installs has a wheel for the Python of binder/runtime.txt."""
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(3\.\d+)", runtime)
    assert m, (
        f"binder/runtime.txt should name a Python as python-3.X, not {runtime!r}"
    )
    assert m[1] == f"{sys.version_info[0]}.{sys.version_info[1]}", (
        "Binder's Python should be the one the book is tested with"
    )
    pins = [
        line.split("#")[0].strip()
        for line in (ROOT / "binder" / "requirements.txt")
        .read_text()
        .splitlines()
        if line.split("#")[0].strip()
    ]
    assert pins and all(
        re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.]+", p) for p in pins
    ), pins
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--python-version",
            m[1],
            "--dest",
            str(tmp_path),
            *pins,
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (
        f"no wheel for Python {m[1]}: {done.stderr[-1500:]}"
    )
    names = {
        re.split(r"-\d", w.name)[0].lower().replace("_", "-")
        for w in tmp_path.glob("*.whl")
    }
    assert {p.split("==")[0].lower().replace("_", "-") for p in pins} <= names


def _colab_cell():
    from backprop import _dev

    return _dev.colab_cell_source(
        _dev.repository_url(), _dev.package_version()
    )


def test_colab_cell_installs_this_release_and_stops_when_it_cannot(
    monkeypatch,
):
    from backprop import _dev

    source = _colab_cell()
    version = _dev.package_version()
    assert f'RELEASE = "v{version}"' in source
    assert "git+{REPOSITORY}@{RELEASE}" in source

    # outside Colab (a local Jupyter, Binder) the cell runs nothing
    calls = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a))
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    exec(compile(source, "colab-cell", "exec"), {})
    assert calls == []
    monkeypatch.undo()

    # in Colab, a failed install raises with pip's reason, so Run All stops here
    import types

    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("colab"))
    broken = source.replace(
        'f"backprop-book @ git+{REPOSITORY}@{RELEASE}"',
        '"backprop-book @ file:///nonexistent/backprop-book"',
    )
    assert broken != source
    with pytest.raises(
        RuntimeError, match="Could not install the book's package"
    ):
        exec(compile(broken, "colab-cell", "exec"), {})
