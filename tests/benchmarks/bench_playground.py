"""Speed of the playground: training epochs per second, and redraws per second in JupyterLab.

1. Computation only: epochs per second of the default playground (the circle, 500 points of
   which 250 train, features x1 and x2, hidden layers 4 and 2, tanh, batches of 10), the
   median of several timed runs; then the same with the figures' data computed after every
   epoch, as the live widget does (``Playground.state`` and the trace functions).
2. In a real browser: JupyterLab on 127.0.0.1 (a temporary folder, no token), headless
   Chromium through Playwright, a notebook that displays ``PlaygroundWidget(Playground())``;
   press play and count, for 10 seconds, how often the browser shows a new picture of the
   output over the plane (the source of the figure's map image changes), how often it
   shows new thumbnails of the units on the network diagram, and how often the epoch
   counter changes; and how much of each second the browser's main thread was busy
   (Chromium's counters: all tasks, script, layout, style).

Run it with ``make bench`` or ``.venv/bin/python tests/benchmarks/bench_playground.py``;
``--no-browser`` skips part 2.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from backprop.figures import playground as figs
from backprop.playground import Playground

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

import test_lab as lab_tools  # noqa: E402
from conftest import CHROMIUM_FLAGS, chromium_path  # noqa: E402

PLAY_SECONDS = 10


def epochs_per_second(epochs=200, runs=5, draw=False):
    rates = []
    for _ in range(runs):
        pg = Playground()
        start = time.perf_counter()
        for _ in range(epochs):
            pg.step()
            if draw:
                state = pg.state()
                figs.network_traces(state)
                figs.boundary_traces(state)
                figs.loss_traces(state)
        rates.append(epochs / (time.perf_counter() - start))
    return statistics.median(rates)


def _notebook(path):
    cells = [
        "import backprop\nfrom backprop.playground import Playground\n"
        "from backprop.playground_widget import PlaygroundWidget\n"
        "backprop.setup()",
        "pg = Playground()\nw = PlaygroundWidget(pg)\nw",
        "import statistics\n"
        "print(f'kernel per frame: {1e3 * statistics.median(w.frame_seconds):.1f} ms "
        "(median of {len(w.frame_seconds)}), epoch {pg.epoch}')",
    ]
    lab_tools.write_notebook(path, cells)


_COUNT = """() => {
    const area = [...document.querySelectorAll('.jp-OutputArea-output')]
        .find(el => el.querySelector('.js-plotly-plot'));
    const plots = area.querySelectorAll('.js-plotly-plot');
    // network, output, loss: count the redraws of the first two, as the pictures they
    // show (PNG images: the output map, the units' thumbnails; the points are an SVG one)
    const pictures = gd => () => [...gd.querySelectorAll('image')]
        .map(image => image.getAttribute('href') || '')
        .filter(href => href.startsWith('data:image/png')).join(' ');
    window.__redraws = {};
    for (const [name, gd] of [['network', plots[0]], ['output', plots[1]]]) {
        const now = pictures(gd);
        let shown = now();
        window.__redraws[name] = 0;
        new MutationObserver(() => {
            const seen = now();
            if (seen !== shown) { shown = seen; window.__redraws[name] += 1; }
        }).observe(gd, {childList: true, subtree: true, attributes: true});
    }
    const label = [...area.querySelectorAll('.widget-html-content')]
        .find(el => el.textContent.startsWith('Epoch'));
    window.__epochs = [];
    let counted = label.textContent;  // count each new text once
    new MutationObserver(() => {
        if (label.textContent !== counted) {
            counted = label.textContent;
            window.__epochs.push(counted);
        }
    })
        .observe(label, {childList: true, subtree: true, characterData: true});
}"""

# the browser's main thread, from Chromium's own counters (seconds spent, cumulative)
_METRICS = (
    "TaskDuration",
    "ScriptDuration",
    "LayoutDuration",
    "RecalcStyleDuration",
)


def _metrics(cdp):
    got = {
        m["name"]: m["value"]
        for m in cdp.send("Performance.getMetrics")["metrics"]
    }
    return {name: got.get(name, 0.0) for name in _METRICS}


def redraws_per_second(screenshot=None):
    """Press play in JupyterLab in headless Chromium; browser redraws and epochs per second."""
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-playground-"))
    _notebook(folder / "bench.ipynb")
    lab = lab_tools.Lab(folder)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_FLAGS
            )
            page = lab_tools.open_notebook(browser, lab, "bench.ipynb")
            page.set_viewport_size({"width": 1280, "height": 1000})
            lab_tools.run_all(page)
            page.wait_for_selector(
                ".jp-OutputArea-output .js-plotly-plot", timeout=40000
            )
            page.wait_for_timeout(3000)
            page.evaluate(_COUNT)
            play = page.get_by_role("button", name="▶ play")
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            play.click()
            page.wait_for_timeout(1000)  # let it settle into a rhythm
            start_redraws = page.evaluate("window.__redraws")
            start_epochs = len(page.evaluate("window.__epochs"))
            start_metrics = _metrics(cdp)
            page.wait_for_timeout(PLAY_SECONDS * 1000)
            end_metrics = _metrics(cdp)
            end_redraws = page.evaluate("window.__redraws")
            redraws = {
                name: (end_redraws[name] - start_redraws[name]) / PLAY_SECONDS
                for name in end_redraws
            }
            epochs = len(page.evaluate("window.__epochs")) - start_epochs
            busy = {
                name: (end_metrics[name] - start_metrics[name]) / PLAY_SECONDS
                for name in _METRICS
            }
            if screenshot:
                page.screenshot(path=screenshot)
            page.get_by_role("button", name="❚❚ pause").click()
            page.wait_for_timeout(500)
            last = page.locator(".jp-Cell").nth(2)
            last.locator(".jp-InputArea-editor").click()
            page.keyboard.press("Shift+Enter")
            out = last.locator(".jp-OutputArea-output")
            out.wait_for(timeout=30000)
            kernel = out.inner_text().strip()
            browser.close()
    finally:
        lab.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return redraws, epochs / PLAY_SECONDS, kernel, busy


def main():
    print("The playground's default network (2-4-2-1, tanh) on 500 points")
    print(f"  training only:          {epochs_per_second():7.0f} epochs/s")
    print(
        f"  with the figures' data: {epochs_per_second(draw=True):7.0f} epochs/s"
    )
    if "--no-browser" in sys.argv:
        return
    redraws, epochs, kernel, busy = redraws_per_second()
    print(f"Playing in JupyterLab, headless Chromium, {PLAY_SECONDS} s")
    print(f"  output figure redrawn:  {redraws['output']:7.1f} times/s")
    print(f"  network's thumbnails:   {redraws['network']:7.1f} times/s")
    print(f"  epoch counter updated:  {epochs:7.1f} times/s")
    print(f"  {kernel}")
    print(
        "  browser main thread, ms per second: "
        + ", ".join(
            f"{name.removesuffix('Duration').lower()} {1e3 * value:.0f}"
            for name, value in busy.items()
        )
    )


if __name__ == "__main__":
    main()
