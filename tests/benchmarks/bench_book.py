"""Benchmarks of the book: figures printed, nothing asserted (run with `make bench`).

1. Build time of the website: clean (every notebook executed) and cached (nothing changed).
2. Bytes each page transfers on a first visit, with an empty browser cache.
3. One widget update of each Chapter 1 widget, median of repeated runs: the Python side
   (recompute the figure and serialise it, what a kernel does on each slider move) and the
   browser side (plotly.js redraws the new figure).
"""

from __future__ import annotations

import json
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


def widget_updates(browser, base, repeat=15):
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

    page = browser.new_page()
    page.goto(f"{base}/book/neurons.html", wait_until="networkidle")

    def browser_ms(fig):
        spec = json.loads(fig.to_json())
        return page.evaluate(
            """(spec) => {
                const div = document.createElement('div');
                document.body.appendChild(div);
                Plotly.newPlot(div, spec.data, spec.layout);
                const times = [];
                for (let i = 0; i < 9; i++) {
                    const t0 = performance.now();
                    Plotly.react(div, spec.data, spec.layout);
                    times.push(performance.now() - t0);
                }
                Plotly.purge(div); div.remove();
                times.sort((a, b) => a - b);
                return times[4];
            }""",
            spec,
        )

    for name, (ex, control) in widgets.items():
        python_ms = _median_ms(
            lambda i, ex=ex, control=control: setattr(
                ex.controls[control], "value", float(values[i + 1])
            ),
            repeat,
        )
        rows.append((name, python_ms, browser_ms(ex.figure)))

    stepper = PerceptronStepper(
        {"separable": (X, t), "overlapping": (Xo, to)}, figs.boundary
    )
    python_ms = _median_ms(lambda i: stepper.step(), repeat)
    rows.append(("perceptron step", python_ms, browser_ms(stepper.figure)))
    page.close()
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

        print("\nOne widget update, median (ms)")
        print(f"  {'widget':24s} {'python':>8s} {'browser':>8s} {'total':>8s}")
        for name, python_ms, browser_ms in widget_updates(browser, base):
            print(
                f"  {name:24s} {python_ms:8.1f} {browser_ms:8.1f} {python_ms + browser_ms:8.1f}"
            )
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
