"""The built website as a reader sees it: every page opened in headless Chromium, offline.

Fails on any request that leaves the machine, any console error, any math left untypeset, any
plotly figure not drawn, any widget left dead on the page, and any serious or critical
accessibility violation that axe-core finds. Every figure control is reached with Tab and moved
with the keyboard, and must change its figure; on a phone (390 x 844, touch) no page scrolls
sideways and every figure's title and controls fit; figures follow the theme's dark mode;
a first visit of any page transfers at most 1.5 MB gzip; every icon drawn in a Font
Awesome font is in the (cut-down) font the site serves, in light and dark mode and on a phone.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import time
from pathlib import Path

import pytest
from conftest import ROOT, SITE, contrast, screenshot, transferred
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from backprop import sphinxext

pytestmark = pytest.mark.browser

VENDOR = ROOT / "backprop" / "static" / "vendor"
AXE_JS = VENDOR / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


def _pages():
    """Every HTML page of the book (search and index pages included)."""
    return sorted(
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


PAGES = _pages() if SITE.exists() else []
FIGURE_PAGES = [
    p for p in PAGES if "plotly-graph-div" in Path(SITE, p).read_text()
]


class PageVisit:
    """One page load with every outgoing request and console message recorded."""

    def __init__(
        self, browser, site_url, path, mode="light", draw_all=True, **context
    ):
        context = context or {"viewport": {"width": 1280, "height": 900}}
        self.context = browser.new_context(**context)
        # the reader's choice of colour mode, as the theme stores it
        self.context.add_init_script(
            f"localStorage.setItem('mode', '{mode}');"
            f"localStorage.setItem('theme', '{mode}');"
        )
        self.page = self.context.new_page()
        self.external, self.errors, self.requests = [], [], []

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
        self.page.on("requestfinished", lambda r: self.requests.append(r.url))
        pending = (
            set()
        )  # requests under way, to wait for the last (see _settle)
        self.page.on("request", lambda r: pending.add(r))
        self.page.on("requestfinished", lambda r: pending.discard(r))
        self.page.on("requestfailed", lambda r: pending.discard(r))
        self.response = self.page.goto(f"{site_url}/{path}", wait_until="load")
        if (
            draw_all
        ):  # every figure, at once (not only those near the view), while the
            # math is typeset: as a reader who scrolls through the page would find them
            try:
                self.page.evaluate(
                    "() => { window.bpDrawAll && window.bpDrawAll(); }"
                )
            except (
                PlaywrightError
            ):  # a page that sends the reader on (index.html)
                pass
        # backprop.js has typeset every formula (in batches), and given the figures near
        # the view their title, caption and controls...
        self.page.wait_for_function(
            "() => document.documentElement.dataset.bpFigures === 'ready'"
        )
        # ...and has drawn the others (test_figures_are_drawn_as_they_come_near_the_view
        # checks the drawing as a reader scrolls)
        if draw_all:
            self.page.evaluate("() => !window.bpDrawAll || window.bpDrawAll()")
        # ...and the webfonts the page asked for have arrived (the icons draw from them)
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        self.page.wait_for_timeout(300)
        # what the first visit loaded (the context's cache was empty), once nothing is under
        # way; what is still under way after 15 s is kept, for the test of what a visit loads
        self.pending = self._settle(pending, seconds=15)
        self.loaded = list(self.requests)

    def _settle(self, pending, seconds):
        """Wait until no request has been under way for 0.5 s; the URLs still under way."""
        quiet_since = None
        for _ in range(int(seconds * 10)):
            if pending:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= 0.5:
                return []
            self.page.wait_for_timeout(100)
        return sorted(r.url for r in pending)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visits(browser, site_url):
    """One visit per page and colour mode, shared by the tests of that page.

    Tests that change what the others read come last in this file: the dark-mode test
    switches the light visit's theme, then the keyboard test moves its figures. A test that
    needs another device or a fresh page (phone, print, animation) opens a visit of its own.
    """
    opened = {}

    def visit(path, mode="light"):
        if (path, mode) not in opened:
            opened[path, mode] = PageVisit(browser, site_url, path, mode=mode)
        return opened[path, mode]

    yield visit
    for v in opened.values():
        v.close()


def test_the_site_has_the_book_pages():
    assert "book/intro.html" in PAGES and "book/neurons.html" in PAGES
    assert "index.html" in PAGES


_ICONS = """() => [...document.querySelectorAll('.fa-solid, .fa-brands, .fab, .fas')]
    .filter(i => i.offsetParent !== null)
    .map(i => {
        const before = getComputedStyle(i, '::before');
        return {cls: i.className, glyph: before.content, font: before.fontFamily,
                width: i.getBoundingClientRect().width};
    })"""


# Every character drawn in a Font Awesome font, by an element's own text or its ::before or
# ::after (hidden ones included: the theme switcher's other modes, the phone's menus), with
# the Font Awesome @font-face rules of the page's stylesheets.
_GLYPHS = r"""() => {
    const faces = [];
    const walk = sheet => {
        let rules;
        try { rules = sheet.cssRules; } catch (e) { return; }
        for (const r of rules) {
            if (r instanceof CSSImportRule && r.styleSheet) walk(r.styleSheet);
            else if (r instanceof CSSFontFaceRule) {
                const family = r.style.getPropertyValue('font-family').replace(/["']/g, '').trim();
                const src = r.style.getPropertyValue('src');
                const url = (src.match(/url\(\s*["']?([^"')]+)/) || [])[1];
                if (family.includes('Font Awesome') && url) {
                    faces.push({family, weight: r.style.getPropertyValue('font-weight') || '400',
                                url: new URL(url, r.parentStyleSheet.href || location.href).href});
                }
            }
        }
    };
    for (const s of document.styleSheets) walk(s);
    const strings = content => {
        const out = [];
        const re = /"((?:[^"\\]|\\.)*)"|(\/)/g;
        let m;
        while ((m = re.exec(content)) && !m[2]) {
            out.push(m[1].replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/g,
                (_, hex, ch) => hex ? String.fromCodePoint(parseInt(hex, 16)) : ch));
        }
        return out.join('');
    };
    const glyphs = [];
    for (const el of document.querySelectorAll('*')) {
        const parts = [[null, [...el.childNodes].filter(n => n.nodeType === 3)
                                 .map(n => n.textContent).join('')]];
        for (const pseudo of ['::before', '::after']) {
            parts.push([pseudo, strings(getComputedStyle(el, pseudo).content)]);
        }
        for (const [pseudo, text] of parts) {
            const chars = text.replace(/\s/g, '');
            if (!chars) continue;
            const style = getComputedStyle(el, pseudo);
            const family = style.fontFamily.split(',').map(f => f.replace(/["']/g, '').trim())
                .find(f => f.includes('Font Awesome'));
            if (!family) continue;
            glyphs.push({where: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                                (el.className && typeof el.className === 'string'
                                 ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
                                (pseudo || ''),
                         family, weight: style.fontWeight,
                         codes: [...chars].map(c => c.codePointAt(0)),
                         shown: el.getClientRects().length > 0});
        }
    }
    return {faces, glyphs};
}"""


@functools.cache
def _cmap(font: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(font).getBestCmap())


def _face(faces, family, weight):
    """The @font-face a browser picks for a family and weight (CSS Fonts 4, 5.2)."""
    faces = [f for f in faces if f["family"] == family]
    by_weight = {int(f["weight"]): f for f in faces}
    if not by_weight:
        return None
    lower = sorted((w for w in by_weight if w < weight), reverse=True)
    higher = sorted(w for w in by_weight if w > weight)
    if weight in by_weight:
        order = [weight]
    elif weight > 500:
        order = higher + lower
    elif weight < 400:
        order = lower + higher
    else:
        up_to_500 = [w for w in higher if w <= 500]
        order = up_to_500 + lower + [w for w in higher if w > 500]
    return by_weight[order[0]]


def _icons_missing_from_fonts(page, site_url):
    """Each Font Awesome character the page draws whose served font lacks it."""
    found = page.evaluate(_GLYPHS)
    if not found["glyphs"]:
        return ["no Font Awesome icons found"]
    missing = []
    for glyph in found["glyphs"]:
        face = _face(found["faces"], glyph["family"], int(glyph["weight"]))
        if face is None:
            missing.append(("no @font-face", glyph))
            continue
        font = SITE / face["url"].removeprefix(site_url + "/").split("?")[0]
        lacking = [hex(c) for c in glyph["codes"] if c not in _cmap(font)]
        if lacking:
            shown = "shown" if glyph["shown"] else "hidden"
            missing.append((glyph["where"], shown, font.name, lacking))
    return missing


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

    # plotly.js (the partial bundle) is only loaded where there are figures; the
    # theme's fontawesome.js is never loaded
    scripts = page.eval_on_selector_all(
        "script[src]", "els => els.map(e => e.getAttribute('src'))"
    )
    has_plotly_js = any(sphinxext.PLOTLY_JS in s for s in scripts)
    assert has_plotly_js == (figures.count() > 0)
    assert not any("fontawesome.js" in s for s in scripts)
    assert not any("plotly.min.js" in s for s in scripts)
    # ... and the theme's icons still render, from its CSS webfonts
    icons = page.evaluate(_ICONS)
    assert icons, f"{path}: no theme icons found"
    for icon in icons:
        assert icon["glyph"] not in ("", "none", "normal"), icon
        assert icon["width"] > 4 and "Font Awesome" in icon["font"], icon
    assert page.evaluate(
        "() => [...document.fonts].some(f => f.status === 'loaded' && "
        "f.family.includes('Font Awesome'))"
    )

    # widgets: no dead controls, and a visible note wherever a widget would be
    assert (
        page.locator(
            ".jupyter-widgets, .widget-slider, .widget-button"
        ).count()
        == 0
    )
    html = Path(SITE, path).read_text()
    # no widget state either: nothing on the site reads it, and a FigureWidget's weighs
    # as much as plotly.js
    assert sphinxext.WIDGET_STATE not in html, f"{path} carries widget state"
    n_widgets = html.count("live-only")
    assert page.locator(".live-only").count() == n_widgets
    for dead in ("FloatSlider(", "VBox(", "IntSlider(", "Output("):
        assert dead not in text, f"{path} shows a widget's text repr: {dead}"

    screenshot(page, path.replace("/", "_"), full_page=True)


# -- every reader -----------------------------------------------------------------------------


def test_axe_core_and_plotly_bundle_are_pinned_to_the_plotly_package():
    """The partial bundle is plotly.js of the same version as the plotly package's own."""
    declared = json.loads((VENDOR / "package.json").read_text())
    lock = json.loads((VENDOR / "package-lock.json").read_text())
    wanted = {**declared["dependencies"], **declared["devDependencies"]}
    for name in ("plotly.js", "esbuild", "axe-core"):
        assert re.fullmatch(r"\d+\.\d+\.\d+", wanted[name]), name  # exact pins
        locked = lock["packages"][f"node_modules/{name}"]["version"]
        assert locked == wanted[name], name
    installed = json.loads(
        (VENDOR / "node_modules" / "plotly.js" / "package.json").read_text()
    )
    assert installed["version"] == wanted["plotly.js"]
    assert installed["version"] == sphinxext._version(sphinxext.FULL_PLOTLY_JS)
    assert sphinxext._version(sphinxext.PLOTLY_BUNDLE) == installed["version"]
    # the bundle holds the trace types the figures use, and not the whole of plotly.js
    types = sphinxext.bundle_trace_types()
    assert {"scatter", "bar", "heatmap", "contour"} <= types
    assert len(types) < 10
    assert AXE_JS.exists()


_AXE = """async () => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => ({id: v.id, impact: v.impact,
                    nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 160))}));
}"""


def _axe_findings(v, site_url):
    """What axe-core finds serious on the visited page, with the book's own checks."""
    v.page.add_script_tag(path=str(AXE_JS))
    violations = v.page.evaluate(_AXE)
    # the book's own tables: no empty header cells
    empty = v.page.evaluate(
        "() => [...document.querySelectorAll('article th')]"
        ".filter(th => !th.textContent.trim()).length"
    )
    # the icon fonts are cut down to the site's icons (backprop.iconfonts): none is lost
    missing = _icons_missing_from_fonts(v.page, site_url)
    return violations, empty, missing


def _axe_cases():
    """Every page in light mode, and in dark mode those without figures: a page with
    figures is checked in dark mode once the reader has switched it there (see
    test_figures_follow_the_dark_mode)."""
    return [(p, "light") for p in PAGES] + [
        (p, "dark") for p in PAGES if p not in FIGURE_PAGES
    ]


@pytest.mark.parametrize(("path", "mode"), _axe_cases())
def test_axe_finds_no_serious_violations(visits, site_url, path, mode):
    violations, empty, missing = _axe_findings(visits(path, mode), site_url)
    assert violations == [], f"{path} ({mode}): {violations}"
    assert empty == 0, f"{path}: {empty} empty table headers"
    assert missing == [], (
        f"{path} ({mode}): icons not in their font: {missing}"
    )


_FIGURES = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(gd => {
    const fig = gd.closest('figure.bp-figure');
    const types = new Set(gd.data.map(d => d.type || 'scatter'));
    for (const f of gd._transitionData._frames) {
        for (const d of f.data || []) types.add(d.type || 'scatter');
    }
    return {
        id: gd.id,
        inFigure: !!fig,
        title: fig ? fig.querySelector('.bp-title').textContent.trim() : '',
        caption: fig && fig.querySelector('figcaption')
            ? fig.querySelector('figcaption').textContent.trim() : '',
        description: (gd.layout.meta || {}).description || '',
        descriptionText: new DOMParser().parseFromString(
            (gd.layout.meta || {}).description || '', 'text/html').body.textContent.trim(),
        svgHidden: [...gd.querySelectorAll('.main-svg')]
            .every(s => s.getAttribute('aria-hidden') === 'true'),
        plotlyControls: [...gd.querySelectorAll('.slider-container, .updatemenu-container')]
            .filter(g => g.getBoundingClientRect().width > 0).length,
        types: [...types],
        bundle: Object.keys(Plotly.PlotSchema.get().traces),
    };
})"""


@pytest.mark.parametrize("path", PAGES)
def test_every_figure_says_what_it_shows(visits, path):
    """A caption with the finding, the title as text, the SVG's tick labels hidden."""
    for fig in visits(path).page.evaluate(_FIGURES):
        where = f"{path}, figure {fig['id']}"
        assert fig["inFigure"], f"{where}: not made a <figure>"
        assert len(fig["description"]) > 30, f"{where}: no description"
        assert fig["caption"] == fig["descriptionText"], f"{where}: caption"
        assert fig["title"], f"{where}: no title"
        assert fig["svgHidden"], f"{where}: the SVG is read out"
        assert fig["plotlyControls"] == 0, (
            f"{where}: plotly's own controls show"
        )
        missing = set(fig["types"]) - set(fig["bundle"])
        assert not missing, f"{where}: the plotly bundle lacks {missing}"


def test_math_is_out_of_the_tab_order_but_keeps_its_menu(visits):
    page = visits("book/neurons.html").page
    assert page.locator("mjx-container").count() > 10
    assert (
        page.evaluate(
            "() => [...document.querySelectorAll('mjx-container')]"
            ".filter(m => m.tabIndex >= 0).length"
        )
        == 0
    )
    assert page.evaluate("() => !!MathJax.startup.document.menu")


_FINGERPRINT = """(id) => {
    const gd = document.getElementById(id);
    const title = gd.layout.title ? gd.layout.title.text : '';
    const s = JSON.stringify([gd.data.map(d => [d.x, d.y, d.z, d.visible]), title]);
    let h = 0;
    for (let k = 0; k < s.length; k++) h = (h * 31 + s.charCodeAt(k)) | 0;
    return h;
}"""

# Every control of every figure, in reading order: its id (given here if missing), kind,
# state and the figure it belongs to.
_CONTROLS = """() => [...document.querySelectorAll('figure.bp-figure .bp-controls')]
    .flatMap(box => {
        const gd = box.closest('figure').querySelector('div.plotly-graph-div');
        return [...box.querySelectorAll('input, button, select')].map((c, k) => {
            if (!c.id) c.id = gd.id + '-control-' + k;
            const shown = c.offsetParent !== null;
            return {id: c.id, figure: gd.id, tag: c.tagName.toLowerCase(),
                    label: c.labels && c.labels.length ? c.labels[0].textContent
                           : c.getAttribute('aria-label') || c.textContent.trim(),
                    value: c.value, max: c.max, shown,
                    pressed: c.getAttribute('aria-pressed')};
        });
    })"""


def _tab_order(page, limit=2000):
    """The ids of the elements that Tab reaches, from the top of the page."""
    page.evaluate(
        "() => { document.activeElement && document.activeElement.blur(); "
        "window.scrollTo(0, 0); }"
    )
    # the page records each element that takes the focus; the test only presses Tab, and
    # reads the record every 25 presses (a round trip per press is what takes the time)
    page.evaluate(_RECORD_FOCUS)
    done = False
    for _ in range(0, limit, 25):
        for _ in range(25):
            page.keyboard.press("Tab")
        seen, done = page.evaluate(
            "() => [window.__tabStops, window.__tabDone || !document.activeElement"
            " || document.activeElement === document.body]"
        )
        if done:
            break
    assert done, f"Tab had not come round after {limit} presses"
    return seen


# the ids of the elements that take the focus (ids given where missing), until the focus
# leaves the page or comes back to the first
_RECORD_FOCUS = """() => {
    window.__tabStops = [];
    window.__tabDone = false;
    const record = () => {
        if (window.__tabDone) return;
        const e = document.activeElement;
        if (!e || e === document.body) { window.__tabDone = true; return; }
        if (!e.id) e.id = 'tab-stop-' + document.querySelectorAll('[id^=tab-stop-]').length;
        if (window.__tabStops.length && e.id === window.__tabStops[0]) {
            window.__tabDone = true;
            return;
        }
        window.__tabStops.push(e.id);
    };
    document.addEventListener('focusin', record);
    // the focus leaving the page (to the browser's own controls) ends the walk too
    window.addEventListener('blur', () => { window.__tabDone = true; });
}"""


def test_slider_values_are_spoken_and_match_the_figure(visits):
    """The boundary slider says its value, and the title text follows it."""
    page = visits("book/neurons.html").page
    slider = page.locator("figure.bp-figure input[type=range]").first
    fig = slider.locator("xpath=ancestor::figure")
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_timeout(300)
    first = (
        slider.get_attribute("aria-valuetext"),
        fig.locator(".bp-title").inner_text(),
    )
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    second = (
        slider.get_attribute("aria-valuetext"),
        fig.locator(".bp-title").inner_text(),
    )
    assert first[0] and second[0] and first[0] != second[0]
    assert first[1] != second[1]
    gd_title = fig.evaluate(
        "f => f.querySelector('div.plotly-graph-div').layout.title.text"
    )
    spoken = re.sub("<[^>]+>", "", re.sub("<br>", " ", gd_title))
    assert spoken.split() == second[1].split()


def test_buttons_switch_the_activation(visits):
    """The activation picker's relu button: ReLU of negative z is 0, and the title says so."""
    page = visits("book/neurons.html").page
    index = page.evaluate(
        "() => [...document.querySelectorAll('figure.bp-figure')].findIndex(f => {"
        " const gd = f.querySelector('div.plotly-graph-div');"
        " return gd.data.length === 2 && gd.data[1].name === 'f′'; })"
    )
    assert index >= 0, "no activation picker on the Neurons page"
    fig = page.locator("figure.bp-figure").nth(index)
    before = fig.evaluate(
        "f => Array.from(f.querySelector('div.plotly-graph-div').data[0].y).slice(0, 5)"
    )
    fig.locator("button", has_text="relu").click()
    page.wait_for_timeout(400)
    after = fig.evaluate(
        "f => Array.from(f.querySelector('div.plotly-graph-div').data[0].y).slice(0, 5)"
    )
    assert after != before and after == [0, 0, 0, 0, 0]
    assert "ReLU" in fig.locator(".bp-title").inner_text()
    assert (
        fig.locator("button", has_text="relu").get_attribute("aria-pressed")
        == "true"
    )


def test_the_perceptron_animation_plays_to_convergence(visits):
    page = visits("book/neurons.html").page
    fig = page.locator(
        "figure.bp-figure", has=page.locator("button", has_text="play")
    ).first
    slider = fig.locator("input[type=range]")
    fig.locator("input[type=range]").focus()
    page.keyboard.press("End")
    page.wait_for_timeout(500)
    assert "converged" in fig.locator(".bp-title").inner_text()
    page.keyboard.press("Home")
    page.wait_for_timeout(300)
    fig.locator("button", has_text="play").click()
    page.wait_for_timeout(1600)
    assert int(slider.input_value()) >= 1, (
        "the slider did not follow the animation"
    )
    # back to where it was, for the tests that read this visit next
    fig.locator("button", has_text="pause").click()
    slider.focus()
    page.keyboard.press("Home")


# A first visit (empty cache) of any page transfers at most this, gzip-compressed as a
# compressing server sends it: the page, its styles, scripts, fonts and images. How soon a
# page settles is measured by `make bench` instead: a time limit would fail on a loaded
# machine.
FIRST_VISIT_GZIP = 1_500_000


@pytest.mark.parametrize("path", PAGES)
def test_a_first_visit_transfers_at_most_the_budget(visits, site_url, path):
    v = visits(path)
    assert not v.pending, (
        f"requests still under way 15 s after the page loaded: {v.pending}"
    )
    raw, zipped = transferred(v.loaded, site_url)
    files = [u.split("?")[0].removeprefix(site_url + "/") for u in v.loaded]
    # everything is counted: the page itself, the theme's styles and scripts, MathJax
    # and its fonts where the page has math, and plotly.js where it has figures
    html = Path(SITE, path).read_text()
    assert path in files, f"{path} itself was not counted: {files}"
    assert any(f.endswith(".css") for f in files)
    if "mathjax" in html:
        assert any(f.startswith("_static/mathjax/output/") for f in files)
    if "plotly-graph-div" in html:
        assert f"_static/{sphinxext.PLOTLY_JS}" in files
    assert zipped <= FIRST_VISIT_GZIP, (
        f"{path}: a first visit transfers {zipped:,} bytes gzip ({raw:,} raw) "
        f"in {len(files)} requests, more than {FIRST_VISIT_GZIP:,}"
    )


_PHONE = r"""() => {
    const out = {scrollWidth: document.documentElement.scrollWidth, figures: []};
    const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1;
    const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 &&
                              a.top < b.bottom - 1 && b.top < a.bottom - 1;
    for (const fig of document.querySelectorAll('figure.bp-figure')) {
        const box = fig.getBoundingClientRect();
        const gd = fig.querySelector('div.plotly-graph-div');
        const parts = [fig.querySelector('.bp-title'), gd.querySelector('.main-svg'),
                       ...fig.querySelectorAll('.bp-controls input, .bp-controls button, '
                                               + '.bp-controls select, .bp-controls label')]
            .filter(e => e && e.offsetParent !== null)
            .map(e => ({name: e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30),
                        rect: e.getBoundingClientRect()}));
        const problems = [];
        for (const p of parts) {
            if (!inside(p.rect, box) || p.rect.right > window.innerWidth + 1) {
                problems.push('outside: ' + p.name);
            }
        }
        const controls = parts.slice(2);
        for (let i = 0; i < controls.length; i++) {
            for (let j = i + 1; j < controls.length; j++) {
                if (overlap(controls[i].rect, controls[j].rect)) {
                    problems.push('overlap: ' + controls[i].name + ' / ' + controls[j].name);
                }
            }
        }
        const svg = gd.getBoundingClientRect();
        for (const g of gd.querySelectorAll('.legend, .g-xtitle, .g-ytitle')) {
            const r = g.getBoundingClientRect();
            if (r.width && !inside(r, svg)) problems.push('svg part outside: ' + g.classList[0]);
        }
        // side-by-side subplots: a y axis's tick labels and title stay off the plot on
        // their left
        const full = gd._fullLayout;
        const axis = id => full[id.charAt(0) + 'axis' + id.slice(1)];
        const xs = Object.keys(full).filter(k => /^xaxis\d*$/.test(k)).map(k => full[k]);
        for (const ya of Object.keys(full).filter(k => /^yaxis\d*$/.test(k)).map(k => full[k])) {
            const xa = ya.anchor && axis(ya.anchor);
            if (!xa || ya.side === 'right') continue;
            const edges = xs.filter(xb => xb !== xa && xb._offset + xb._length <= xa._offset + 1)
                .filter(xb => { const yb = axis(xb.anchor);
                                return yb.domain[0] < ya.domain[1] && ya.domain[0] < yb.domain[1]; })
                .map(xb => svg.left + xb._offset + xb._length);
            if (!edges.length) continue;
            const labels = [...gd.querySelectorAll('.' + ya._id + 'tick text, .g-' + ya._id + 'title')]
                .map(e => e.getBoundingClientRect()).filter(r => r.width);
            if (labels.some(r => r.left < Math.max(...edges) + 2)) {
                problems.push('labels of ' + ya._id + ' run into the plot on their left');
            }
        }
        const modebar = gd.querySelector('.modebar-container');
        if (modebar && getComputedStyle(modebar).display !== 'none') {
            problems.push('modebar shown');
        }
        for (const menu of fig.querySelectorAll('.bp-menu')) {
            const shown = [...menu.children].filter(c => c.offsetParent !== null);
            if (shown.length !== 1) problems.push('menu shows ' + shown.length + ' forms');
        }
        for (const row of fig.querySelectorAll('.bp-buttons:not([hidden])')) {
            if (row.scrollWidth > row.clientWidth + 1) problems.push('buttons cut off');
        }
        out.figures.push({id: gd.id, problems});
    }
    return out;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_nothing_scrolls_sideways_or_overlaps(
    browser, site_url, path
):
    v = PageVisit(browser, site_url, path, **PHONE)
    result = v.page.evaluate(_PHONE)
    missing = _icons_missing_from_fonts(v.page, site_url)
    screenshot(v.page, "phone_" + path.replace("/", "_"), full_page=True)
    # touch: a tap on a figure's first control changes the figure
    controls = [c for c in v.page.evaluate(_CONTROLS) if c["shown"]]
    tapped = next(
        (
            c
            for c in controls
            if c["tag"] == "button" and c["pressed"] == "false"
        ),
        None,
    )
    if tapped:
        before = v.page.evaluate(_FINGERPRINT, tapped["figure"])
        v.page.tap(f"#{tapped['id']}")
        v.page.wait_for_timeout(300)
        assert v.page.evaluate(_FINGERPRINT, tapped["figure"]) != before
    v.close()
    assert result["scrollWidth"] <= 390, f"{path} scrolls sideways"
    assert missing == [], f"{path} (phone): icons not in their font: {missing}"
    bad = [f for f in result["figures"] if f["problems"]]
    assert bad == [], f"{path}: {bad}"


_LAYOUT = (
    "(m) => [...document.querySelectorAll('div.plotly-graph-div')]"
    ".every(gd => gd.dataset.bpLayout === m)"
)


def test_the_phone_layout_follows_a_turned_phone(browser, site_url):
    """Opened in landscape, then turned upright and back: the layout follows each turn."""
    landscape = {**PHONE, "viewport": {"width": 844, "height": 390}}
    v = PageVisit(browser, site_url, "book/networks.html", **landscape)
    page = v.page
    # what the phone layout changes, as plotly draws it
    state = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(gd => {
        const f = gd._fullLayout;
        const axes = Object.keys(f).filter(k => /^[xy]axis[0-9]*$/.test(k)).sort();
        return JSON.stringify([
            ['orientation', 'x', 'y'].map(k => f.legend && f.legend[k]),
            (f.annotations || []).map(a => [a.text, a.font.size]),
            axes.map(k => [f[k].domain, f[k].nticks, (gd.layout[k] || {}).dtick,
                           f[k].title.standoff]),
            f.height, f.margin.t]);
    })"""
    assert page.evaluate(_LAYOUT, "wide")
    wide = page.evaluate(state)
    page.set_viewport_size(PHONE["viewport"])
    page.wait_for_function(_LAYOUT, arg="phone")
    page.wait_for_timeout(300)
    upright = page.evaluate(_PHONE)
    phone = page.evaluate(state)
    page.set_viewport_size(landscape["viewport"])
    page.wait_for_function(_LAYOUT, arg="wide")
    back = page.evaluate(state)
    errors = v.errors
    v.close()
    assert upright["scrollWidth"] <= 390
    assert [f for f in upright["figures"] if f["problems"]] == []
    assert phone != wide  # the phone layout was applied ...
    assert back == wide  # ... and undone
    assert errors == []


_COLOURS = """() => {
    // the first figure with tick labels (diagrams have none)
    const tick = document.querySelector('div.plotly-graph-div .xtick text, '
                                        + 'div.plotly-graph-div .ytick text');
    const gd = tick.closest('div.plotly-graph-div');
    return {tick: getComputedStyle(tick).fill,
            paper: gd._fullLayout.paper_bgcolor,
            page: getComputedStyle(document.body).backgroundColor,
            title: getComputedStyle(gd.closest('figure').querySelector('.bp-title')).color};
}"""


# The texts of a figure: each one's words, fill and box (px, from the figure's top left).
_FIGURE_TEXTS = """gd => {
    const root = gd.getBoundingClientRect();
    return [...gd.querySelectorAll('svg text')].filter(t => {
        const s = getComputedStyle(t), r = t.getBoundingClientRect();
        return t.textContent.trim() && s.visibility !== 'hidden' && s.display !== 'none'
            && r.width > 1 && r.height > 1;
    }).map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent.trim().slice(0, 40), fill: getComputedStyle(t).fill,
                x: r.left - root.left, y: r.top - root.top, w: r.width, h: r.height};
    });
}"""
_HIDE_TEXTS = """(gd, hidden) => {
    for (const t of gd.querySelectorAll('svg text')) t.style.visibility = hidden ? 'hidden' : '';
}"""
# For each text: the contrast of its fill against the pixels behind it (a screenshot of the
# figure taken with its texts hidden): the 5th percentile over its box, so that a line
# crossing a label's corner does not count, and one that runs through it does.
_CONTRAST_BEHIND = r"""async ([shot, texts]) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + shot;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const channel = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    const lum = (r, g, b) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    return texts.map(t => {
        const [r, g, b] = t.fill.match(/[\d.]+/g).map(Number);
        const ink = lum(r, g, b);
        const x = Math.max(0, Math.floor(t.x)), y = Math.max(0, Math.floor(t.y));
        const w = Math.min(canvas.width - x, Math.ceil(t.w)), h = Math.min(canvas.height - y, Math.ceil(t.h));
        if (w <= 0 || h <= 0) return null;
        const d = ctx.getImageData(x, y, w, h).data, ratios = [];
        for (let i = 0; i < d.length; i += 4) {
            const behind = lum(d[i], d[i + 1], d[i + 2]);
            ratios.push((Math.max(ink, behind) + 0.05) / (Math.min(ink, behind) + 0.05));
        }
        ratios.sort((a, b) => a - b);
        return ratios[Math.floor(ratios.length * 0.05)];
    });
}"""


def _illegible_texts(page):
    """The texts of the page's figures under 4.5:1 against what is drawn right behind them
    (not against the page): (figure, text, fill, ratio)."""
    found = []
    figures = page.locator("div.plotly-graph-div")
    for k in range(figures.count()):
        gd = figures.nth(k)
        gd.scroll_into_view_if_needed()
        # the pointer off the figures: plotly's tool bar shows over one that it hovers
        page.mouse.move(0, 0)
        texts = gd.evaluate(_FIGURE_TEXTS)
        gd.evaluate(_HIDE_TEXTS, True)
        try:
            shot = base64.b64encode(gd.screenshot(animations="disabled"))
        finally:
            gd.evaluate(_HIDE_TEXTS, False)
        ratios = page.evaluate(_CONTRAST_BEHIND, [shot.decode(), texts])
        found += [
            (gd.get_attribute("id"), t["text"], t["fill"], round(r, 2))
            for t, r in zip(texts, ratios, strict=True)
            if r is not None and r < 4.5
        ]
    return found


@pytest.mark.parametrize("path", FIGURE_PAGES)
def test_figures_follow_the_dark_mode(visits, site_url, path):
    """Switching the theme recolours the figures; their text stays readable on the page,
    every text of a figure reads against what is drawn behind it (4.5:1, measured on the
    rendered pixels) in both modes, and axe-core finds nothing serious in dark mode."""
    v = visits(path)
    page = v.page
    assert _illegible_texts(page) == [], f"{path} (light)"
    light = page.evaluate(_COLOURS)
    button = page.locator(".theme-switch-button:visible").first
    for _ in range(3):  # the button cycles light -> auto -> dark
        button.click()
        if (
            page.evaluate("() => document.documentElement.dataset.theme")
            == "dark"
        ):
            break
    assert (
        page.evaluate("() => document.documentElement.dataset.theme") == "dark"
    )
    page.wait_for_timeout(400)
    dark = page.evaluate(_COLOURS)
    assert _illegible_texts(page) == [], f"{path} (dark)"
    # the page as the reader has switched it: axe-core in dark mode
    violations, empty, missing = _axe_findings(v, site_url)
    assert violations == [], f"{path} (dark): {violations}"
    assert empty == 0, f"{path}: {empty} empty table headers"
    assert missing == [], f"{path} (dark): icons not in their font: {missing}"
    assert light["tick"] != dark["tick"], "the tick labels kept their colour"
    assert light["page"] != dark["page"]
    # ...and back to light: the figures' own colours again
    for _ in range(3):
        if (
            page.evaluate("() => document.documentElement.dataset.theme")
            == "light"
        ):
            break
        button.click()
    page.wait_for_timeout(400)
    light_again = page.evaluate(_COLOURS)
    assert light_again == light, (light, light_again)
    for mode in (light, dark):
        assert mode["paper"] in ("rgba(0, 0, 0, 0)", "rgba(0,0,0,0)")
        assert contrast(mode["tick"], mode["page"]) >= 4.5, mode
        assert contrast(mode["title"], mode["page"]) >= 4.5, mode


# for each figure of the page: whether plotly has drawn it, whether it has its controls, and
# where its box is (top and height, in the page)
_DRAWN = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(gd => {
    const box = gd.parentElement.getBoundingClientRect();
    const figure = gd.closest('figure.bp-figure');
    return {id: gd.id, drawn: !!gd.querySelector('.main-svg'),
            ready: !!gd.closest('figure.bp-ready'),
            framed: !!figure && !!figure.querySelector('.bp-title').textContent.trim(),
            top: box.top + window.scrollY, height: box.height};
})"""


# Scrolls so that the figure's <figure> ends 100 px above the view (drawn soon: it is near),
# marks the element at the top of the view, and returns where that element is (px from the
# view's top), before anything is drawn
_JUMP_BELOW = """id => {
    const box = document.getElementById(id).closest('figure').getBoundingClientRect();
    window.scrollTo(0, box.bottom + window.scrollY + 100);
    const read = document.elementFromPoint(window.innerWidth / 2, 60);
    read.dataset.bpRead = '1';
    return read.getBoundingClientRect().top;
}"""
_READ_TOP = "() => document.querySelector('[data-bp-read]').getBoundingClientRect().top"


def test_figures_are_drawn_as_they_come_near_the_view(browser, site_url):
    """At load, the figures near the view are drawn and the rest are not, each already with
    its title and caption; one is drawn when the reader comes near it, and what they read
    does not move; a keyboard reader's first Tab draws every figure left, and so does
    printing."""
    path = "book/neurons.html"
    v = PageVisit(browser, site_url, path, draw_all=False)
    page = v.page
    at_load = page.evaluate(_DRAWN)
    drawn = [f["id"] for f in at_load if f["drawn"]]
    assert 0 < len(drawn) < len(at_load), at_load
    assert all(f["ready"] for f in at_load if f["drawn"]), at_load
    # every figure has its title (and caption) before it is drawn
    assert all(f["framed"] for f in at_load), at_load
    # far below the view: not drawn. A reader who jumps to the text right after it (a
    # link to the next section) has it just above the view: it is drawn then, and the
    # text they read does not move (the box changes its height above them)
    last = at_load[-1]
    assert not last["drawn"] and last["top"] > 3 * 900
    before = page.evaluate(_JUMP_BELOW, last["id"])
    page.wait_for_function(
        "id => !!document.getElementById(id).closest('figure.bp-ready')",
        arg=last["id"],
        timeout=20_000,
    )
    page.wait_for_timeout(300)
    after = page.evaluate(_READ_TOP)
    box = {f["id"]: f for f in page.evaluate(_DRAWN)}[last["id"]]
    assert box["drawn"] and box["height"] != last["height"]  # it did change
    assert abs(after - before) <= 1, (before, after)
    assert not all(f["drawn"] for f in page.evaluate(_DRAWN))
    # one Tab: every figure is drawn and has its controls
    page.keyboard.press("Tab")
    page.wait_for_function(
        f"() => ({_DRAWN})().every(f => f.ready)", timeout=60_000
    )
    errors = list(v.errors)
    v.close()
    assert errors == []

    # printing draws what is left: on this page, every figure (none is near the top).
    # plotly.js is loaded once the page is shown, not before: the text comes first
    v = PageVisit(browser, site_url, "book/matrix_form.html", draw_all=False)
    assert not any(f["drawn"] for f in v.page.evaluate(_DRAWN))
    v.page.wait_for_function("() => !!window.Plotly", timeout=20_000)
    v.page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert all(f["drawn"] for f in v.page.evaluate(_DRAWN))
    v.close()


def test_the_cheat_sheet_prints_on_one_a4_page(browser, site_url):
    v = PageVisit(browser, site_url, "book/cheatsheet.html")
    pdf = v.page.pdf(format="A4", print_background=True)
    v.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the cheat sheet prints on {pages} pages"


@pytest.mark.parametrize("path", FIGURE_PAGES)
def test_keyboard_reaches_and_moves_every_control(visits, path):
    """Tab reaches each figure control in reading order; its keys change the figure.

    Last in this file: it moves the figures of the page visit that the others read (by
    now switched to dark mode and back; the controls work the same in both).
    """
    v = visits(path)
    page = v.page
    controls = [c for c in page.evaluate(_CONTROLS) if c["shown"]]
    order = _tab_order(page)
    ids = [c["id"] for c in controls]
    positions = [order.index(i) if i in order else -1 for i in ids]
    assert -1 not in positions, (
        f"Tab never reaches {[i for i, p in zip(ids, positions, strict=True) if p < 0]}"
    )
    assert positions == sorted(positions), "controls out of reading order"
    used = 0
    for c in controls:
        if c["pressed"] == "true" or "pause" in c["label"].lower():
            continue  # already chosen; pausing a still figure changes nothing
        before = page.evaluate(_FINGERPRINT, c["figure"])
        page.focus(f"#{c['id']}")
        if c["tag"] == "input":
            page.keyboard.press("End" if c["value"] != c["max"] else "Home")
        elif c["tag"] == "select":
            page.keyboard.press("ArrowDown")
        else:
            page.keyboard.press("Enter")
        try:  # the figure changes within 5 s of the key (at once, or as it plays)
            page.wait_for_function(
                f"([id, before]) => ({_FINGERPRINT})(id) !== before",
                arg=[c["figure"], before],
                timeout=5_000,
                polling=50,
            )
        except PlaywrightTimeout:
            pass  # the assertion says what did nothing
        after = page.evaluate(_FINGERPRINT, c["figure"])
        assert after != before, (
            f"{path}: {c['label']!r} ({c['id']}) did nothing"
        )
        used += 1
    figures = {c["figure"] for c in controls}
    assert used >= len(figures)
    # the new state is announced
    live = page.locator("figure.bp-figure [aria-live]")
    assert live.count() >= len(figures)
    assert v.errors == [], v.errors
