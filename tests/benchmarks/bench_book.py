"""Benchmarks of the book: figures printed, nothing asserted (run with `make bench`).

0. How long the last `make test` took, and where the time went (what it wrote, not a rerun).
1. Build time of the website: clean (every notebook executed) and cached (nothing changed).
2. Bytes each page transfers on a first visit, with an empty browser cache (raw, and gzip
   as a compressing server sends them), and the time until its figures and math are drawn.
3. One widget update of each Chapter 1 widget, median of repeated runs, on the Python side
   (recompute the figure and update the FigureWidget, what a kernel does on each slider move).
4. Every chapter's widgets in a real JupyterLab (headless Chromium): the chapter is run, then
   the first slider of each widget gets ~20 key presses; the time from each key press to the
   last change of the figure, median (and slowest) per widget.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import (  # noqa: E402
    CHROMIUM_FLAGS,
    SITE,
    chromium_path,
    transferred,
)


def build_times():
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [
        str(jb),
        "build",
        ".",
        "--warningiserror",
        "--nitpick",
        "--keep-going",
    ]
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    times = {}
    for label in ("clean", "cached"):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times[label] = time.perf_counter() - start
    return times


# Runs in each page before its own scripts: notes the time (ms since the navigation
# started) when the math is typeset and every figure drawn, and, where the book's script
# runs, when it says the figures near the view have their controls and every formula is
# typeset (the others are drawn as the reader scrolls to them).
_SETTLED = """(() => {
    const check = () => {
        const mj = window.MathJax && MathJax.startup && MathJax.startup.promise;
        const figures = [...document.querySelectorAll('div.plotly-graph-div')];
        const book = document.querySelector('script[src*="backprop.js"]');
        // the book's script draws the figures near the view, and says when: ready
        const drawn = book || figures.every(gd => gd.querySelector('.main-svg'));
        const ready = !book || document.documentElement.dataset.bpFigures === 'ready';
        if (document.readyState === 'complete' && drawn && ready && (mj || !window.MathJax)) {
            (mj || Promise.resolve()).then(() => {
                window.__settled = window.__settled || performance.now();
            });
        } else {
            setTimeout(check, 20);
        }
    };
    check();
})();"""


def page_weights(browser, base):
    """Per page: requests, bytes (raw and gzip) on a first visit, and settle time.

    The gzip size is what a compressing server (GitHub Pages, for one) sends; the local test
    server sends the files as they are. Settled: the math typeset and every figure drawn,
    counted from the start of the navigation.
    """
    rows = []
    pages = sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )
    for path in pages:
        context = browser.new_context()  # empty cache: a first visit
        context.add_init_script(_SETTLED)
        page = context.new_page()
        urls = []
        page.on("requestfinished", lambda r, urls=urls: urls.append(r.url))
        page.goto(f"{base}/{path}", wait_until="networkidle")
        page.wait_for_function("() => window.__settled")
        settled_ms = page.evaluate("() => window.__settled")
        raw, zipped = transferred(urls, base)
        rows.append((path, len(urls), raw, zipped, settled_ms))
        context.close()
    return rows


def saved_weight():
    """Sizes of the full plotly.js and the theme's fontawesome.js, against what is served."""
    import plotly
    import pydata_sphinx_theme

    from backprop import sphinxext

    def sizes(path):
        data = Path(path).read_bytes()
        return len(data), len(gzip.compress(data, 6))

    theme = (
        Path(pydata_sphinx_theme.__file__).parent
        / "theme"
        / "pydata_sphinx_theme"
    )
    full = sizes(
        Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    )
    partial = sizes(sphinxext.PLOTLY_BUNDLE)
    fontawesome = sizes(theme / "static" / "scripts" / "fontawesome.js")
    webfonts = Path("vendor", "fontawesome", "webfonts")
    fonts = ("fa-solid-900.woff2", "fa-brands-400.woff2")
    full_fonts, served_fonts = (
        tuple(
            map(
                sum,
                zip(*(sizes(d / webfonts / f) for f in fonts), strict=True),
            )
        )
        for d in (theme / "static", SITE / "_static")
    )
    return [
        ("full plotly.min.js (no longer served)", full),
        (f"{sphinxext.PLOTLY_JS} (served instead)", partial),
        ("the theme's fontawesome.js (no longer served)", fontawesome),
        ("the theme's solid and brands webfonts", full_fonts),
        ("the same cut down to the site's icons", served_fonts),
        (
            "saved on a first visit of a chapter",
            tuple(
                f - p + a + ff - sf
                for f, p, a, ff, sf in zip(
                    full,
                    partial,
                    fontawesome,
                    full_fonts,
                    served_fonts,
                    strict=True,
                )
            ),
        ),
    ]


def _median_ms(fn, repeat):
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def widget_updates(repeat=15):
    import numpy as np

    import backprop
    from backprop import data
    from backprop.figures import neurons as figs
    from backprop.neuron import ACTIVATIONS
    from backprop.widgets import Explorer, PerceptronStepper

    backprop.setup()
    X, t = data.two_classes()
    Xo, to = data.two_classes(overlap=True)
    sliders = {
        "w1": (-3.0, 3.0, 0.1),
        "w2": (-3.0, 3.0, 0.1),
        "b": (-4.0, 4.0, 0.1),
    }
    widgets = {
        "boundary (w1, w2, b)": (
            Explorer(figs.boundary, X=X, t=t, **sliders),
            "w1",
        ),
        "neuron heat map": (
            Explorer(
                figs.neuron, X=X, t=t, activation=list(ACTIVATIONS), **sliders
            ),
            "w1",
        ),
        "softmax logits": (
            Explorer(
                figs.softmax_bars,
                z1=(-5.0, 5.0, 0.1),
                z2=(-5.0, 5.0, 0.1),
                z3=(-5.0, 5.0, 0.1),
            ),
            "z3",
        ),
    }
    values = np.linspace(-2.5, 2.5, repeat + 1)
    rows = []
    for name, (ex, control) in widgets.items():
        python_ms = _median_ms(
            lambda i, ex=ex, control=control: setattr(
                ex.controls[control], "value", float(values[i + 1])
            ),
            repeat,
        )
        rows.append((name, python_ms))

    stepper = PerceptronStepper(
        {"separable": (X, t), "overlapping": (Xo, to)}, figs.boundary
    )
    rows.append(
        ("perceptron step", _median_ms(lambda i: stepper.step(), repeat))
    )
    return rows


# the label of each slider of the index-th widget box, in page order
_SLIDER_LABELS = """(index) => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox')[index]
    .querySelectorAll('.noUi-handle')]
    .map(h => { const s = h.closest('.widget-slider'); const l = s && s.querySelector('.widget-label');
                return l ? l.textContent : ''; })"""


def lab_updates(browser, presses=20, only=()):
    """(chapter, widget, median ms, slowest ms) for every widget with a slider that redraws."""
    import tempfile

    import test_lab as lab_tools

    from backprop import _dev

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        chapters = [
            p
            for p in _dev.notebooks()
            if "Explorer(" in p.read_text()
            or "PlaygroundWidget(" in p.read_text()
        ]
        if only:
            chapters = [p for p in chapters if p.stem in only]
        for path in chapters:
            shutil.copy(path, Path(tmp) / path.name)
        lab = lab_tools.Lab(tmp)
        try:
            for path in chapters:
                page = lab_tools.open_notebook(browser, lab, path.name)
                lab_tools.run_all(page, timeout=900)
                lab_tools.show_widgets(page)
                names = page.evaluate(
                    """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox')]
                        .map(b => {
                            const cell = b.closest('.jp-CodeCell');
                            const src = cell ? cell.querySelector('.jp-InputArea-editor').textContent : '';
                            const m = src.match(/(Explorer|PerceptronStepper|PlaygroundWidget)\\(\\s*(figs\\.)?(\\w+)?/);
                            return m ? (m[3] || m[1]) : '?';
                        })"""
                )
                for index in lab_tools.slider_widgets(page):
                    # the first control, and the step slider of a figure played in steps
                    labels = page.evaluate(_SLIDER_LABELS, index)
                    timed = [(0, names[index])]
                    if "step" in labels[1:]:
                        timed.append(
                            (labels.index("step"), f"{names[index]}, step")
                        )
                    for slider, name in timed:
                        median, times = lab_tools.time_key_presses(
                            page, index, presses=presses, slider=slider
                        )
                        if median is not None:
                            rows.append((path.stem, name, median, max(times)))
                page.evaluate(
                    "() => jupyterapp.shell.currentWidget.sessionContext.shutdown()"
                )
                page.close()
        finally:
            lab.stop()
    return rows


def suite_times():
    """What the last `make test` wrote: its time, and the seconds spent per test file."""
    times = ROOT / "_build" / "test-times.txt"
    if not times.exists():
        return ["  (no record: run make test first)"]
    return ["  " + line for line in times.read_text().splitlines()]


def main():
    from playwright.sync_api import sync_playwright

    print(
        "The last make test (the seconds per file add up over its two workers)"
    )
    print("\n".join(suite_times()))
    print("Build time of the website (2 cores)")
    for label, seconds in build_times().items():
        print(f"  {label:7s} build: {seconds:6.1f} s")

    import functools
    import http.server
    import socketserver
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingTCPServer):
        def handle_error(self, request, client_address):
            pass  # a page closed before its last request was answered

    server = Server(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS
        )
        print("\nFirst visit, empty cache: what each page transfers")
        print(
            f"  {'page':24s} {'requests':>8s} {'bytes':>11s} {'gzip':>10s}"
            f" {'settled':>8s}"
        )
        for path, n, raw, zipped, ms in page_weights(browser, base):
            print(
                f"  {path:24s} {n:8d} {raw:11,d} {zipped:10,d}"
                f" {ms / 1000:7.2f}s"
            )

        print("\nWhat the site no longer sends (raw / gzip bytes)")
        for label, size in saved_weight():
            print(f"  {label:46s} {size[0]:11,d} {size[1]:10,d}")

        print("\nOne widget update on the Python side, median (ms)")
        for name, python_ms in widget_updates():
            print(f"  {name:24s} {python_ms:8.1f}")

        print(
            "\nIn JupyterLab: key press on a slider -> figure changed (ms, ~20 presses)"
        )
        print(
            f"  {'chapter':16s} {'widget':22s} {'median':>8s} {'slowest':>8s}"
        )
        for chapter, name, median, slowest in lab_updates(browser):
            print(f"  {chapter:16s} {name:22s} {median:8.1f} {slowest:8.1f}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
