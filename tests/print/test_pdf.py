"""The print edition, as a teacher would check it before printing it (`make test-pdf`).

Reads the PDFs that `make pdf` wrote: the whole book, and the cheat sheet on one A4 page.
What the PDF says is its text layer (pypdf), compared with what the website shows.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from backprop._print import bookmarks

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build"
BOOK = BUILD / "pdf" / "backprop-book.pdf"
CHEATSHEET = BUILD / "pdf" / "cheatsheet.pdf"
SITE = BUILD / "html"
SINGLE = BUILD / "singlehtml" / "book.html"
TOC = ROOT / "_toc.yml"


def squashed(text: str) -> str:
    """Letters and digits only, lower case, ligatures undone: text as a PDF's text layer and
    a page agree on it (lines break and hyphens differ; "fi" may be one glyph)."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).lower()


@functools.cache
def reader() -> PdfReader:
    if not BOOK.exists():
        pytest.fail(f"{BOOK} is missing: run `make pdf`")
    return PdfReader(BOOK)


@functools.cache
def pages() -> tuple[str, ...]:
    return tuple(page.extract_text() or "" for page in reader().pages)


def outline():
    """The bookmarks: [(title, page from 1, [(title, page), ...])]."""
    return [
        (title, page + 1, [(t, p + 1) for t, p, _ in children])
        for title, page, children in bookmarks(reader())
    ]


def chapter_titles():
    """The title of the preface and of each chapter, in the order of _toc.yml."""
    files = re.findall(r"^  - file: (\S+)", TOC.read_text(), re.MULTILINE)
    root = re.search(r"root: (\S+)", TOC.read_text())[1]
    titles = []
    for name in [root, *files]:
        page = (SITE / name).with_suffix(".html").read_text()
        titles.append(html.unescape(re.search(r"<h1>(.*?)<a", page)[1]))
    return titles


def captions():
    """Every figure's caption on the book's page (its text alternative), once each."""
    text = SINGLE.read_text()
    found = re.findall(r'"description":\s*("(?:[^"\\]|\\.)*")', text)
    plain = (re.sub(r"<[^>]+>", "", json.loads(s)) for s in found)
    return list(dict.fromkeys(plain))


def site_figures() -> int:
    return sum(
        page.read_text().count('class="plotly-graph-div"')
        for page in SITE.rglob("*.html")
    )


def _times(m, n):
    """The PDF matrix [a b c d e f] m, then n (as `cm` composes them)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def pictures(stream, resources, ctm=(1, 0, 0, 1, 0, 0)):
    """The raster pictures a content stream draws, forms included: (name, pixels across,
    pixels down, points across, points down), from the matrix in force at each `Do`."""
    stack = []
    for operands, operator in ContentStream(stream, reader()).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _times(tuple(float(x) for x in operands), ctm)
        elif operator == b"Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject["/Subtype"] == "/Image":
                yield (
                    operands[0],
                    int(xobject["/Width"]),
                    int(xobject["/Height"]),
                    (ctm[0] ** 2 + ctm[1] ** 2) ** 0.5,
                    (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5,
                )
            elif xobject["/Subtype"] == "/Form":
                matrix = tuple(
                    float(x)
                    for x in xobject.get("/Matrix", (1, 0, 0, 1, 0, 0))
                )
                inner = xobject.get("/Resources", resources).get_object()
                yield from pictures(xobject, inner, _times(matrix, ctm))


def test_the_book_is_a_book():
    n = len(reader().pages)
    assert 100 < n < 400, n
    text = "\n".join(pages())
    assert "??" not in text  # no unresolved reference
    for raw in ("\\frac", "\\mathbb", "\\begin{", "$", "\\(", "\\["):
        assert raw not in text, f"raw TeX {raw!r} in the text"


def test_every_chapter_in_the_order_of_the_table_of_contents_with_bookmarks():
    titles = chapter_titles()
    tree = outline()
    assert [squashed(t) for t, _, _ in tree] == [squashed(t) for t in titles]
    starts = [page for _, page, _ in tree]
    assert starts == sorted(starts)
    for title, page, sections in tree:
        assert sections, f"{title}: no sections in the bookmarks"
        # the chapter's title is on the page its bookmark opens
        assert squashed(title) in squashed(pages()[page - 1])
        assert all(page <= p for _, p in sections)


def test_the_contents_gives_the_pages_of_the_bookmarks():
    contents = "\n".join(pages()[:3])
    for title, page, sections in outline():
        for name, at in [(title, page), *sections]:
            # "Neurons ........ 7": the entry's title, then its page number
            words = re.escape(name.split()[0])
            assert re.search(rf"{words}.*?\.*\s*{at}\b", contents), (name, at)


def test_every_figure_with_its_caption():
    all_text = squashed("".join(pages()))
    captions_ = captions()
    assert len(captions_) >= site_figures() > 30
    missing = [c for c in captions_ if squashed(c)[:60] not in all_text]
    assert not missing, missing


def test_pictures_print_at_200_pixels_an_inch():
    """The raster pictures of figures (heat maps, the Playground's pictures) are made for
    paper: at least 200 px an inch where they are printed (pixels shown one per cell, as
    the screen shows a heat map of sharp cells, included)."""
    coarse, seen = [], 0
    for k, page in enumerate(reader().pages):
        for name, width, height, across, down in pictures(
            page.get_contents(), page["/Resources"].get_object()
        ):
            if (
                across < 36 and down < 36
            ):  # under half an inch: an icon, not a figure
                continue
            seen += 1
            ppi = min(width / (across / 72), height / (down / 72))
            if ppi < 200:
                coarse.append((k + 1, name, width, height, round(ppi)))
    assert seen > 20
    assert not coarse, coarse


def test_moving_figures_print_as_strips_and_widgets_as_their_start():
    text = "\n".join(pages())
    # each still of a strip is labelled with its state, as the slider says it
    assert text.count("angle of w: ") >= 4
    assert len(re.findall(r"\bepoch \d+", text)) >= 8
    # the live widgets of the chapters: their starting figure, and where they run live
    widgets = sum(
        json.dumps(json.loads(p.read_text())).count("widget-view+json")
        for p in (ROOT / "book").glob("*.ipynb")
    )
    assert text.count("Live in a notebook") == widgets > 5


def test_solutions_are_at_the_end_of_their_chapter():
    tree = outline()
    for (title, page, sections), following in zip(
        tree, [*tree[1:], None], strict=True
    ):
        end = following[1] if following else len(pages()) + 1
        solutions = [p for name, p in sections if name == "Solutions"]
        asked = [
            k + 1
            for k in range(page - 1, end - 1)
            if re.search(r"Exercise \d", pages()[k])
        ]
        answered = [
            k + 1
            for k in range(page - 1, end - 1)
            if re.search(r"Solution \d", pages()[k])
        ]
        if not asked:
            continue
        assert solutions, f"{title}: exercises but no Solutions section"
        assert all(p >= solutions[0] for p in answered), (title, answered)
        assert all(p < solutions[0] for p in asked), (title, asked)


def test_the_cheat_sheet_is_one_a4_page():
    if not CHEATSHEET.exists():
        pytest.fail(f"{CHEATSHEET} is missing: run `make pdf`")
    sheet = PdfReader(CHEATSHEET)
    assert len(sheet.pages) == 1
    box = sheet.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (
        595,
        842,
    )  # A4, pt
    text = sheet.pages[0].extract_text()
    assert "Cheat sheet" in text and "\\frac" not in text
