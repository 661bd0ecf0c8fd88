"""Page speed on a phone: Lighthouse's mobile profile on every page of the built site.

The site is served from _build/html with gzip, as a static host would serve it; Lighthouse
(pinned in tests/benchmarks/lighthouse/package.json, installed on first use) drives Debian's
chromium with its default mobile profile: a mid-range phone on slow 4G, the CPU slowed 4x.
Each page is measured RUNS times and the median run (by performance score) is reported:
performance and accessibility scores, first and largest contentful paint, total blocking time,
layout shift, and the page's longest main-thread tasks.

`python tests/benchmarks/bench_lighthouse.py book/neurons.html` measures one page.
Targets: performance at least 90, largest contentful paint at most 2.5 s, total blocking
time at most 200 ms, layout shift at most 0.1, accessibility 100.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
TOOL = Path(__file__).resolve().parent / "lighthouse"
RUNS = 3
COMPRESSED = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text ones gzipped when the browser accepts it."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page closed before its last response was sent: not a failure


def serve():
    handler = functools.partial(GzipHandler, directory=str(SITE))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse():
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            # npm ci refuses this lock file (a dependency asks for "latest"); npm
            # install follows the lock file all the same
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(TOOL),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return binary


def measure(binary, url, chromium):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--only-categories=performance,accessibility",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": chromium},
        )
        return json.loads(out.read_text())


def summary(report):
    audits = report["audits"]
    tasks = audits.get("long-tasks", {}).get("details", {}).get("items", [])
    return {
        "performance": round(
            100 * report["categories"]["performance"]["score"]
        ),
        "accessibility": round(
            100 * report["categories"]["accessibility"]["score"]
        ),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tasks": sorted((t["duration"] for t in tasks), reverse=True)[:3],
    }


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Debian's chromium is needed: apt-get install chromium")
    if not (SITE / "index.html").exists():
        sys.exit("No website yet: run make html first")
    binary = lighthouse()
    server = serve()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = sys.argv[1:] or ["index.html"] + sorted(
        p.relative_to(SITE).as_posix() for p in (SITE / "book").glob("*.html")
    )
    print(
        "Lighthouse mobile profile (slow 4G, CPU 4x slower), median of "
        f"{RUNS} runs; targets: performance >= 90, LCP <= 2.5 s, "
        "TBT <= 200 ms, CLS <= 0.1, accessibility 100"
    )
    print(
        f"{'page':28s} {'perf':>4s} {'a11y':>4s} {'FCP s':>6s} {'LCP s':>6s} "
        f"{'TBT ms':>7s} {'CLS':>6s}  longest tasks (ms)"
    )
    for page in pages:
        runs = [
            summary(measure(binary, base + page, chromium))
            for _ in range(RUNS)
        ]
        median = statistics.median_low([r["performance"] for r in runs])
        r = next(r for r in runs if r["performance"] == median)
        print(
            f"{page:28s} {r['performance']:4d} {r['accessibility']:4d} "
            f"{r['fcp']:6.1f} {r['lcp']:6.1f} {r['tbt']:7.0f} {r['cls']:6.3f}  "
            + ", ".join(f"{t:.0f}" for t in r["tasks"])
        )
    server.shutdown()


if __name__ == "__main__":
    main()
