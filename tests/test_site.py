"""The built website as a reader sees it: every page opened in headless Chromium, offline.

Fails on any request that leaves the machine, any console error, any math left untypeset, any
plotly figure not drawn, any widget left dead on the page; and it moves the figures' own
controls (a slider, a button, the animation) to check that they change the figure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SITE

pytestmark = pytest.mark.browser

SHOTS = SITE.parent / "screenshots"


def _pages():
    """Every HTML page of the book (search and index pages included)."""
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


PAGES = _pages() if SITE.exists() else []


class PageVisit:
    """One page load with every outgoing request and console message recorded."""

    def __init__(self, browser, site_url, path):
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.external, self.errors = [], []

        def route(r):
            if r.request.url.startswith(site_url):
                r.continue_()
            else:  # nothing may leave the machine: record it and block it
                self.external.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(m.text) if m.type == "error" else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.response = self.page.goto(f"{site_url}/{path}", wait_until="load")
        self.page.wait_for_load_state("networkidle")
        # MathJax typesets asynchronously; wait until it says it is done
        self.page.wait_for_function(
            "() => !window.MathJax || !MathJax.startup || "
            "MathJax.startup.promise.then(() => true)"
        )
        self.page.wait_for_timeout(300)

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def visits(browser, site_url):
    opened = {}

    def visit(path):
        if path not in opened:
            opened[path] = PageVisit(browser, site_url, path)
        return opened[path]

    yield visit
    for v in opened.values():
        v.close()


def test_the_site_has_the_book_pages():
    assert "book/intro.html" in PAGES and "book/neurons.html" in PAGES
    assert "index.html" in PAGES


@pytest.mark.parametrize("path", PAGES)
def test_page_is_complete_offline(visits, path):
    v = visits(path)
    assert v.response.ok, f"{path} answered {v.response.status}"
    assert v.external == [], (
        f"{path} tried to reach the internet: {v.external}"
    )
    assert v.errors == [], f"{path} logged console errors: {v.errors}"

    page = v.page
    # math: every $...$ and $$...$$ of the source became MathJax output, none is left raw
    n_math = page.locator(".math").count()
    if n_math:
        assert page.locator("mjx-container").count() >= n_math
    text = (
        page.inner_text("article") if page.locator("article").count() else ""
    )
    for raw in (r"\(", r"\[", "$$"):
        assert raw not in text, f"{path} shows untypeset math ({raw!r})"

    # figures: every plotly div was drawn by plotly.js
    figures = page.locator("div.plotly-graph-div")
    drawn = page.locator("div.plotly-graph-div .main-svg")
    assert drawn.count() >= figures.count()
    for i in range(figures.count()):
        assert figures.nth(i).locator(".main-svg").count() > 0, (
            f"figure {i} not drawn"
        )

    # plotly.js is only loaded where there are figures
    scripts = page.eval_on_selector_all(
        "script[src]", "els => els.map(e => e.getAttribute('src'))"
    )
    has_plotly_js = any("plotly.min.js" in s for s in scripts)
    assert has_plotly_js == (figures.count() > 0)

    # widgets: no dead controls, and a visible note wherever a widget would be
    assert (
        page.locator(
            ".jupyter-widgets, .widget-slider, .widget-button"
        ).count()
        == 0
    )
    html = Path(SITE, path).read_text()
    n_widgets = html.count("live-only")
    assert page.locator(".live-only").count() == n_widgets
    for dead in ("FloatSlider(", "VBox(", "IntSlider(", "Output("):
        assert dead not in text, f"{path} shows a widget's text repr: {dead}"

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=SHOTS / (path.replace("/", "_") + ".png"), full_page=True
    )


def _figure_index(page, predicate_js):
    """Index of the first plotly figure whose data/layout satisfy a JS predicate of `gd`."""
    return page.evaluate(
        f"""() => [...document.querySelectorAll('div.plotly-graph-div')]
                 .findIndex(gd => {predicate_js})"""
    )


def _state(page, index, expr):
    return page.evaluate(
        f"""() => {{ const gd = document.querySelectorAll('div.plotly-graph-div')[{index}];
                     return {expr}; }}"""
    )


def test_a_slider_moves_the_boundary(visits):
    page = visits("book/neurons.html").page
    i = _figure_index(
        page,
        "gd.layout.sliders && gd.layout.sliders.length && !gd._transitionData._frames.length",
    )
    assert i >= 0, "no figure with a slider on the Neurons page"
    gd = f"document.querySelectorAll('div.plotly-graph-div')[{i}]"
    page.evaluate(f"{gd}.scrollIntoView()")
    before = _state(
        page,
        i,
        "[gd.layout.title.text, JSON.stringify([gd.data[2].x, gd.data[2].y])]",
    )
    rail = page.locator(f"div.plotly-graph-div >> nth={i}").locator(
        ".slider-rail-rect"
    )
    box = rail.bounding_box()
    page.mouse.click(
        box["x"] + 0.85 * box["width"], box["y"] + box["height"] / 2
    )
    page.wait_for_timeout(500)
    after = _state(
        page,
        i,
        "[gd.layout.title.text, JSON.stringify([gd.data[2].x, gd.data[2].y])]",
    )
    assert after[0] != before[0], "the slider did not change the title"
    assert after[1] != before[1], "the slider did not move the line"


def test_buttons_switch_the_activation(visits):
    page = visits("book/neurons.html").page
    i = _figure_index(
        page,
        "gd.layout.updatemenus && gd.layout.updatemenus.length && "
        "gd.data.length === 2 && gd.data[1].name === 'f′'",
    )
    assert i >= 0, "no activation picker on the Neurons page"
    before = _state(page, i, "Array.from(gd.data[0].y).slice(0, 5)")
    page.locator(f"div.plotly-graph-div >> nth={i}").locator(
        ".updatemenu-button", has_text="relu"
    ).click()
    page.wait_for_timeout(500)
    after = _state(page, i, "Array.from(gd.data[0].y).slice(0, 5)")
    assert after != before
    assert after == [0, 0, 0, 0, 0]  # ReLU of negative z
    title = _state(page, i, "gd.layout.title.text")
    assert re.search("ReLU", title)


def test_the_perceptron_animation_steps(visits):
    page = visits("book/neurons.html").page
    i = _figure_index(page, "gd._transitionData._frames.length > 2")
    assert i >= 0, "no animation on the Neurons page"
    start = _state(page, i, "gd.layout.title.text")
    # drag the animation's slider to its end: the last frame says it converged
    fig = page.locator(f"div.plotly-graph-div >> nth={i}")
    fig.scroll_into_view_if_needed()
    box = fig.locator(".slider-rail-rect").bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(800)
    end = _state(page, i, "gd.layout.title.text")
    assert end != start
    assert "converged" in end


_FINGERPRINT = """(i) => {
    const gd = document.querySelectorAll('div.plotly-graph-div')[i];
    const title = gd.layout.title ? gd.layout.title.text : '';
    const s = JSON.stringify([gd.data.map(d => [d.x, d.y, d.z]), title]);
    let h = 0;
    for (let k = 0; k < s.length; k++) h = (h * 31 + s.charCodeAt(k)) | 0;
    return h;
}"""

_CONTROLS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map((gd, i) => ({
    index: i,
    sliders: (gd.layout.sliders || []).map(s => [s.active || 0, s.steps.length]),
    buttons: (gd.layout.updatemenus || []).flatMap((m, mi) =>
        m.type === 'buttons' ? m.buttons.map((b, bi) =>
            ({menu: mi, button: bi, label: b.label, method: b.method,
              active: (m.active || 0) === bi})) : []),
}))"""

CHAPTERS = [
    p for p in PAGES if p.startswith("book/") and p != "book/intro.html"
]


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_control_in_the_browser_changes_its_figure(
    browser, site_url, path
):
    """Each plotly slider and button on the page, used like a reader would, redraws."""
    v = PageVisit(browser, site_url, path)
    page = v.page
    controls = page.evaluate(_CONTROLS)
    used = 0
    for fig in controls:
        i = fig["index"]
        locator = page.locator(f"div.plotly-graph-div >> nth={i}")
        for active, n_steps in fig["sliders"]:
            locator.scroll_into_view_if_needed()
            before = page.evaluate(_FINGERPRINT, i)
            box = locator.locator(".slider-rail-rect").first.bounding_box()
            where = 0.95 if active < n_steps / 2 else 0.05
            page.mouse.click(
                box["x"] + where * box["width"], box["y"] + box["height"] / 2
            )
            page.wait_for_timeout(400)
            assert page.evaluate(_FINGERPRINT, i) != before, (
                f"slider of figure {i} did nothing"
            )
            used += 1
        for button in fig["buttons"]:
            if button["active"] or button["method"] == "animate":
                continue  # play/pause are covered by the slider of the same figure
            locator.scroll_into_view_if_needed()
            before = page.evaluate(_FINGERPRINT, i)
            locator.locator(
                ".updatemenu-button", has_text=button["label"]
            ).first.click()
            page.wait_for_timeout(400)
            assert page.evaluate(_FINGERPRINT, i) != before, (
                f"button {button['label']!r} of figure {i} did nothing"
            )
            used += 1
    assert v.errors == [], v.errors
    v.close()
    figures = sum(1 for f in controls if f["sliders"] or f["buttons"])
    assert used >= figures  # every interactive figure was exercised


def test_the_cheat_sheet_prints_on_one_a4_page(browser, site_url):
    v = PageVisit(browser, site_url, "book/cheatsheet.html")
    pdf = v.page.pdf(format="A4", print_background=True)
    v.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the cheat sheet prints on {pages} pages"
