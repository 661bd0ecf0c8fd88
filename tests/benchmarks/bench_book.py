"""Benchmarks of the book: figures printed, nothing asserted (run with `make bench`).

1. Build time of the website: clean (every notebook executed) and cached (nothing changed).
2. Bytes each page transfers on a first visit, with an empty browser cache.
3. One widget update of each Chapter 1 widget, median of repeated runs, on the Python side
   (recompute the figure and update the FigureWidget, what a kernel does on each slider move).
4. Every chapter's widgets in a real JupyterLab (headless Chromium): the chapter is run, then
   the first slider of each widget gets ~20 key presses; the time from each key press to the
   last change of the figure, median (and slowest) per widget.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM_FLAGS, SITE, chromium_path  # noqa: E402


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


def page_weights(browser, base):
    rows = []
    pages = sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )
    for path in pages:
        context = browser.new_context()  # empty cache: a first visit
        page = context.new_page()
        sizes = []
        page.on(
            "requestfinished",
            lambda r, sizes=sizes: sizes.append(r.sizes()["responseBodySize"]),
        )
        page.goto(f"{base}/{path}", wait_until="networkidle")
        page.wait_for_timeout(300)
        rows.append((path, len(sizes), sum(sizes)))
        context.close()
    return rows


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


def lab_updates(browser, presses=20):
    """(chapter, widget, median ms, slowest ms) for every widget with a slider that redraws."""
    import tempfile

    import test_lab as lab_tools

    from backprop import _dev

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        chapters = [
            p for p in _dev.notebooks() if "Explorer(" in p.read_text()
        ]
        for path in chapters:
            shutil.copy(path, Path(tmp) / path.name)
        lab = lab_tools.Lab(tmp)
        try:
            for path in chapters:
                page = lab_tools.open_notebook(browser, lab, path.name)
                lab_tools.run_all(page, timeout=900)
                names = page.evaluate(
                    """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-vbox')]
                        .map(b => {
                            const cell = b.closest('.jp-CodeCell');
                            const src = cell ? cell.querySelector('.jp-InputArea-editor').textContent : '';
                            const m = src.match(/(Explorer|PerceptronStepper)\\(\\s*(figs\\.)?(\\w+)?/);
                            return m ? (m[3] || m[1]) : '?';
                        })"""
                )
                for index in lab_tools.slider_widgets(page):
                    median, times = lab_tools.time_key_presses(
                        page, index, presses=presses
                    )
                    if median is not None:
                        rows.append(
                            (path.stem, names[index], median, max(times))
                        )
                page.evaluate(
                    "() => jupyterapp.shell.currentWidget.sessionContext.shutdown()"
                )
                page.close()
        finally:
            lab.stop()
    return rows


def main():
    from playwright.sync_api import sync_playwright

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

    server = socketserver.ThreadingTCPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(SITE))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS
        )
        print("\nFirst visit, empty cache: what each page transfers")
        print(f"  {'page':24s} {'requests':>8s} {'bytes':>12s}")
        for path, n, size in page_weights(browser, base):
            print(f"  {path:24s} {n:8d} {size:12,d}")

        print("\nOne widget update on the Python side, median (ms)")
        for name, python_ms in widget_updates():
            print(f"  {name:24s} {python_ms:8.1f}")

        print(
            "\nIn JupyterLab: key press on a slider -> figure changed (ms, ~20 presses)"
        )
        print(
            f"  {'chapter':16s} {'widget':20s} {'median':>8s} {'slowest':>8s}"
        )
        for chapter, name, median, slowest in lab_updates(browser):
            print(f"  {chapter:16s} {name:20s} {median:8.1f} {slowest:8.1f}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
