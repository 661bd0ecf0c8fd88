"""Shared fixtures: the built website served on 127.0.0.1, and headless Chromium."""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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
