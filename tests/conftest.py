"""Shared fixtures: the built website served on 127.0.0.1, and headless Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import socketserver
import threading
import time
from pathlib import Path

import pytest

# Chromium's flags: the same for the tests and the print edition
from backprop._print import CHROMIUM_FLAGS

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"

SHOTS = SITE.parent / "screenshots"


def screenshot(target, name, **options):
    """Write a screenshot of a page or an element to _build/screenshots/``name`` (.png), to
    look at, under ``BOOK_SCREENSHOTS=1`` only: a full page takes 2-3 s, and it checks
    nothing."""
    if os.environ.get("BOOK_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        target.screenshot(path=SHOTS / f"{name}.png", **options)


def transferred(urls, base):
    """The bytes of the site's files behind `urls` (those under `base`): raw and gzip.

    The gzip size (level 6) is what a compressing server, such as GitHub Pages, sends; the
    local test server sends the files as they are. Used by the browser test (the weight
    budget) and by `make bench` (the weights it prints).
    """
    raw = zipped = 0
    for url in urls:
        if not url.startswith(base):
            continue
        path = url[len(base) :].split("?")[0].split("#")[0].lstrip("/")
        target = SITE / path
        if target.is_dir():
            target = target / "index.html"
        data = target.read_bytes()
        raw += len(data)
        zipped += len(gzip.compress(data, 6))
    return raw, zipped


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


@pytest.fixture(scope="session")
def site_url():
    """The built website, served on a free port of 127.0.0.1 for the whole session."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"No website in {SITE}: run `make html` first")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail(
            "Debian's chromium is needed for the browser tests: apt-get install chromium"
        )
    return path


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser is downloaded)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


_STARTED = time.monotonic()


def pytest_terminal_summary(terminalreporter):
    """A short timing summary: the seconds spent in each test file, slowest first.

    The seconds add up across the workers, so they say where the time goes, not how long
    the run took (pytest's last line says that).
    """
    per_file = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            nodeid = getattr(report, "nodeid", None)
            duration = getattr(report, "duration", None)
            if not nodeid or duration is None:
                continue
            name = nodeid.split("::")[0]
            per_file[name] = per_file.get(name, 0.0) + duration
    if not per_file:
        return
    lines = [
        f"{seconds:7.1f}  {name}"
        for name, seconds in sorted(per_file.items(), key=lambda kv: -kv[1])
    ]
    lines.append(f"{sum(per_file.values()):7.1f}  in all")
    terminalreporter.section("time per test file (seconds, all workers)")
    for line in lines:
        terminalreporter.write_line(line)
    # `make test` keeps them for `make bench`'s report (tests/benchmarks/bench_book.py)
    times = os.environ.get("BOOK_TEST_TIMES")
    if not times:
        return
    wall = time.monotonic() - _STARTED
    Path(times).write_text(
        f"pytest: {wall:.0f} s on {os.cpu_count()} cores, "
        f"{terminalreporter.config.getoption('numprocesses', None) or 1} workers\n"
        + "\n".join(lines)
        + "\n"
    )


# the tests of test_site.py that read the Neurons page without naming it in their id
_NEURONS_PAGE_TESTS = (
    "test_math_is_out_of_the_tab_order",
    "test_slider_values_are_spoken",
    "test_buttons_switch_the_activation",
    "test_the_perceptron_animation_plays_to_convergence",
)


def scope_of(nodeid):
    """Which tests must run on one worker, one after the other, under `pytest -n 2`.

    A notebook's cells share one kernel (nbval), so a notebook is one scope; the browser
    tests of one page share that page's visit, so each page of the site is one; the
    JupyterLab tests of the chapters are one scope each. Everything else goes by module.
    """
    path, _, rest = nodeid.partition("::")
    if path.endswith("test_site.py"):
        page = re.search(r"\[([^\]]*?\.html)", rest)
        if page:
            return f"{path}::{page.group(1)}"
        if rest.startswith(_NEURONS_PAGE_TESTS):
            return f"{path}::book/neurons.html"
    if path.endswith("test_lab_chapters.py"):
        return nodeid
    return path


def _weight(item):
    """Longest first: the JupyterLab runs, then the site's pages, the notebooks, the rest.

    The workers take the scopes in this order, so the long ones do not come last to one
    worker while the other has nothing left to do.
    """
    path = item.nodeid.split("::")[0]
    if "test_lab" in path or "jupyterlab" in item.nodeid:
        return 0
    if path.endswith("test_site.py"):
        return 1
    return 2 if path.endswith(".ipynb") else 3


def pytest_collection_modifyitems(items):
    items.sort(key=_weight)  # stable: a file's tests keep their order


def pytest_xdist_make_scheduler(config, log):
    """Spread the tests over the workers by :func:`scope_of` (see `make test`)."""
    from xdist.scheduler import LoadScopeScheduling

    class ByScope(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return scope_of(nodeid)

    return ByScope(config, log)


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """One JupyterLab server per test worker, serving a folder that tests copy notebooks into."""
    from test_lab import Lab

    server = Lab(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lab_page(browser, jupyterlab):
    """One JupyterLab page per test worker, in which tests open notebook after notebook."""
    from test_lab import LabPage

    page = LabPage(browser, jupyterlab)
    yield page
    page.close()


def contrast(a, b):
    """The WCAG contrast ratio of two colours, each "rgb(r, g, b)" (as a browser reports
    it), "#rrggbb", "white" or "black"."""

    def luminance(colour):
        colour = {"white": "#ffffff", "black": "#000000"}.get(colour, colour)
        if colour.startswith("#"):
            parts = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        else:
            parts = [float(x) for x in re.findall(r"[\d.]+", colour)[:3]]
        lin = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in (p / 255 for p in parts)
        ]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
