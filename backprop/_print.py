"""The print edition: the whole book as one PDF, and the cheat sheet as one A4 page.

``make pdf`` builds the book as one page (Sphinx's singlehtml builder: every chapter in the
order of ``_toc.yml``, cross-references as links within the page, glued numbers as built) and
runs ``python -m backprop._print``, which prints it with headless Chromium (Debian's
``chromium``, driven by Playwright), the browser that draws the website:

1. the page is opened at the width of an A4 page's text, as if printed (print media);
2. the site's script draws every figure and typesets every formula, as on the website;
   print.js (``backprop/static/js/print.mjs``) then turns each moving figure into a strip of
   a few of its states, moves each chapter's solutions to its end and adds a table of
   contents;
3. Chromium prints the page (vector text and figures, bookmarks from the headings, page
   numbers in the footer); the bookmarks of that first print say on which page each entry
   of the contents starts, and the page is printed again with those numbers in the
   contents.

The cheat sheet is printed from the website's own page, onto one A4 sheet (its stylesheet
fits it there), and checked to fill exactly one.

Nothing leaves the machine: the pages are served from ``_build`` on localhost, and any other
request is refused and reported.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import logging
import re
import shutil
import sys
import threading
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from backprop.sphinxext import PRINT_PAGE

# pypdf warns of a trailer size that Chromium's PDFs understate; they read correctly
logging.getLogger("pypdf").setLevel(logging.ERROR)

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
BOOK_PAGE = Path("singlehtml") / PRINT_PAGE
CHEATSHEET_PAGE = Path("html") / "book" / "cheatsheet.html"
OUT = BUILD / "pdf"
BOOK_PDF = OUT / "backprop-book.pdf"
CHEATSHEET_PDF = OUT / "cheatsheet.pdf"

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
# A4 with 14 mm margins left and right: 182 mm of text, 688 CSS px at 96 px an inch
TEXT_WIDTH = 688
MARGIN = {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
FOOTER = (
    '<div style="width:100%;font-size:8px;text-align:center;'
    'font-family:system-ui,sans-serif"><span class="pageNumber"></span></div>'
)
BOOK_PRINT = dict(
    format="A4",
    margin=MARGIN,
    print_background=True,
    display_header_footer=True,
    header_template="<span></span>",
    footer_template=FOOTER,
    outline=True,
    tagged=True,
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(root: Path):
    """``root`` served on localhost; yields its URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        sys.exit(
            "Debian's chromium prints the book: apt-get install chromium "
            "(`make prerequisites` does it as root)"
        )
    return path


def open_page(browser, url: str, base: str):
    """A page at ``url``, laid out as printed, with its formulas typeset (printing draws its
    figures: the site's script draws every one on beforeprint, print.js before that).

    Returns (page, refused, errors): the requests that tried to leave ``base``, and the
    page's errors (uncaught, or logged to the console).
    """
    page = browser.new_page(
        viewport={"width": TEXT_WIDTH, "height": 1000}, color_scheme="light"
    )
    refused, errors = [], []

    def route(r):
        if r.request.url.startswith(base) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if m.type == "error" else None,
    )
    page.emulate_media(media="print")
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "() => document.documentElement.dataset.bpFigures === 'ready'",
        timeout=300_000,
    )
    page.evaluate("() => document.fonts.ready.then(() => true)")
    return page, refused, errors


def bookmarks(reader: PdfReader):
    """A PDF's bookmarks as a tree: [(title, page index from 0, children)]."""

    def walk(items):
        tree = []
        for item in items:
            if isinstance(item, list):
                if tree:
                    title, page, _ = tree[-1]
                    tree[-1] = (title, page, walk(item))
                continue
            tree.append(
                (item.title, reader.get_destination_page_number(item), [])
            )
        return tree

    return walk(reader.outline)


def _plain(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()


def _squashed(title: str) -> str:
    return re.sub(r"\s+", "", title)


def entry_pages(pdf: bytes, entries: list[dict]) -> list[int]:
    """The page number (from 1) of each entry of the contents, from the PDF's bookmarks.

    A chapter is the top-level bookmark of its title; its sections are that bookmark's
    children, in order (their titles may hold formulas, which the bookmarks write as text).
    """
    tree = bookmarks(PdfReader(io.BytesIO(pdf)))
    pages, children = [], []
    for entry in entries:
        if entry["level"] == "chapter":
            title = _squashed(entry["text"])
            # the next top-level bookmark of that title (Chromium's may lose the space
            # where the title wraps, or repeat the title)
            while tree and not _squashed(tree[0][0]).startswith(title):
                tree.pop(0)
            if not tree:
                raise ValueError(
                    f"no bookmark for the chapter {entry['text']!r}"
                )
            _, page, children = tree.pop(0)
            children = list(children)
        else:
            if not children:
                raise ValueError(
                    f"no bookmark for the section {entry['text']!r}"
                )
            _, page, _ = children.pop(0)
        pages.append(page + 1)
    return pages


def with_bookmarks(pdf: bytes, entries: list[dict], pages: list[int]) -> bytes:
    """The PDF with its bookmarks made from the contents: a chapter and its sections.

    Chromium's own bookmarks (from every heading) write a heading's formula as nothing,
    lose the space where a heading wraps, and repeat some titles; the contents has the
    headings' text as the page has it.
    """
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.get_outline_root().empty_tree()
    chapter = None
    for entry, page in zip(entries, pages, strict=True):
        title = _plain(entry["text"])
        if entry["level"] == "chapter":
            chapter = writer.add_outline_item(
                title=title, page_number=page - 1
            )
        else:
            writer.add_outline_item(
                title=title, page_number=page - 1, parent=chapter
            )
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_book(browser, base: str) -> dict:
    """Writes BOOK_PDF; returns what it measured."""
    page, refused, errors = open_page(
        browser, f"{base}/{BOOK_PAGE.as_posix()}", base
    )
    strips = page.evaluate("() => window.bpPrintEdition()")
    entries = page.evaluate("() => window.bpContentsEntries()")
    first = page.pdf(**BOOK_PRINT)
    pages = entry_pages(first, entries)
    page.evaluate("(pages) => window.bpSetPageNumbers(pages)", pages)
    final = page.pdf(**BOOK_PRINT)
    if entry_pages(final, entries) != pages:
        raise RuntimeError(
            "the page numbers moved when written into the contents"
        )
    BOOK_PDF.write_bytes(with_bookmarks(final, entries, pages))
    page.close()
    return {
        "pages": len(PdfReader(io.BytesIO(final)).pages),
        "strips": strips,
        "refused": refused,
        "errors": errors,
    }


def print_cheatsheet(browser, base: str) -> dict:
    """Writes CHEATSHEET_PDF (one A4 page, or an error)."""
    page, refused, errors = open_page(
        browser, f"{base}/{CHEATSHEET_PAGE.as_posix()}", base
    )
    pdf = page.pdf(
        prefer_css_page_size=True, print_background=True, tagged=True
    )
    page.close()
    n = len(PdfReader(io.BytesIO(pdf)).pages)
    if n != 1:
        raise RuntimeError(f"the cheat sheet takes {n} A4 pages, not one")
    CHEATSHEET_PDF.write_bytes(pdf)
    return {"pages": n, "refused": refused, "errors": errors}


def main() -> int:
    from playwright.sync_api import sync_playwright

    for page in (BOOK_PAGE, CHEATSHEET_PAGE):
        if not (BUILD / page).exists():
            sys.exit(f"{BUILD / page} is missing: run `make pdf`")
    OUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with served(BUILD) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium(), args=CHROMIUM_FLAGS
        )
        try:
            book = print_book(browser, base)
            sheet = print_cheatsheet(browser, base)
        finally:
            browser.close()
    problems = (
        book["refused"] + sheet["refused"] + book["errors"] + sheet["errors"]
    )
    for problem in problems:
        print("print:", problem, file=sys.stderr)
    seconds = time.perf_counter() - start
    for path, n in (
        (BOOK_PDF, book["pages"]),
        (CHEATSHEET_PDF, sheet["pages"]),
    ):
        size = path.stat().st_size / 1e6
        print(f"{path.relative_to(ROOT)}: {n} A4 pages, {size:.1f} MB")
    print(
        f"{book['strips']} moving figures printed as strips of their states; "
        f"printed in {seconds:.0f} s"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
