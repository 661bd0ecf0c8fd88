"""A small Sphinx extension that makes the book's website work with no internet, for every reader.

- plotly.js is a partial bundle of only the trace types the figures use
  (``backprop/static/vendor/plotly-book.js``, bundled with esbuild; both are pinned in
  ``backprop/static/vendor/package.json`` at the plotly.js version of the installed plotly
  package, and ``make html`` builds it): a quarter of the full bundle. It is copied once into
  ``_static/`` and named only on pages that contain a figure; the site's script loads it when
  the first figure comes near the view (the text and its formulas come first). Each figure's
  script runs as a module, handing its drawing to the site's script, which draws it when it
  comes near the view. The build fails if a figure uses
  a trace type the bundle does not have, instead of leaving an empty box on the page;
- ``backprop.js`` goes to every page, deferred: it gives each figure real HTML controls
  generated from the figure's own sliders, buttons and frames, its title and description as
  text, and colours that follow the theme's light/dark switch. esbuild bundles it from the
  ES modules in ``backprop/static/js/`` into one classic script (``make html`` builds it,
  into ``backprop/static/vendor/build/``);
- the widgets' stored state is dropped: the site draws no widget (each shows a note that it
  needs Python), and a widget built on anywidget, such as plotly's FigureWidget, stores its
  whole JavaScript in that state (plotly.js again, 4.8 MB a figure);
- sphinx-thebe's scripts are dropped: the book uses Binder and Colab launch buttons instead of
  live cells, and those scripts point at a CDN (and were added twice, a console error);
- the theme's ``fontawesome.js`` (1.5 MB) is dropped: every icon the theme shows is drawn from
  its CSS and webfonts as well (pydata-sphinx-theme is removing it: issue 2379, PR 2494);
- those Font Awesome webfonts are cut down to the icons the site shows (see
  :mod:`backprop.iconfonts`): a few KB instead of 274 KB a page;
- a few of the theme's and myst-nb's labels are corrected for screen readers (see
  :data:`_LABEL_FIXES` and ``backprop/templates/``), each with the reason, so that they can be
  dropped once upstream fixes them;
- the verdicts of the cells that check solutions, folded for JupyterLab, are open on the
  site, where their cells are folded already;
- the book's stylesheet is added to every page;
- the print edition (the book on one page, Sphinx's singlehtml builder, printed by
  :mod:`backprop._print`) gets print.js, which prepares the page for paper, and shows each
  live widget's starting figures where the website shows its note.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

import plotly
from markupsafe import Markup

from backprop import iconfonts

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
PLOTLY_JS = "plotly-book.min.js"
# the type of the <script> that names plotly.js for the site's script to load (lazy.mjs)
PLOTLY_LATER = "text/x-bp-plotly"
PLOTLY_BUNDLE = STATIC / "vendor" / "build" / PLOTLY_JS
SITE_JS = "backprop.js"
SITE_BUNDLE = STATIC / "vendor" / "build" / SITE_JS
PRINT_JS = "print.js"
PRINT_BUNDLE = STATIC / "vendor" / "build" / PRINT_JS
FULL_PLOTLY_JS = (
    Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
)

# Corrections of upstream markup, applied to each page's body and sidebar:
# (what upstream writes, what we write instead, why).
_LABEL_FIXES = [
    (
        '<summary aria-label="Toggle hidden content">',
        "<summary>",
        # myst-nb 1.4: the label hides the visible "Show code cell content", which is a
        # better name (axe: label-content-name-mismatch).
    ),
    (
        '<summary><span class="toctree-toggle" role="presentation">',
        '<summary aria-label="Show or hide the sections">'
        '<span class="toctree-toggle" role="presentation">',
        # pydata-sphinx-theme 0.16: the sidebar's chevron toggles have no name at all
        # (axe: summary-name).
    ),
]


def _fix_labels(html: str) -> str:
    for upstream, ours in _LABEL_FIXES:
        html = html.replace(upstream, ours)
    return html


# A cell that checks a solution shows its verdict folded (backprop.exercises.Folded), for
# JupyterLab, which unfolds the output of every cell it runs. On the site the cell is folded
# already (its hide-cell tag): the verdict is open inside it, as a plain output is.
_FOLDED_CHECK = '<details class="backprop-check">'


def _open_checks(html: str) -> str:
    return html.replace(_FOLDED_CHECK, _FOLDED_CHECK[:-1] + " open>")


# the inline script that plotly writes after each figure's <div>: it calls Plotly.newPlot
# (plotly writes "/" in its JSON as \u002f, so no "</script>" comes before the script's end)
_FIGURE_SCRIPT = re.compile(
    r'<script(?: type="text/javascript")?>(\s*window\.PLOTLYENV.*?'
    r'document\.getElementById\("([^"]+)"\).*?)</script>',
    re.DOTALL,
)


def _figures_after_plotly(html: str) -> str:
    """Each figure's inline script as a module script that queues its drawing.

    A module script runs once the page is parsed, after plotly.js's own <script defer>.
    It does not draw the figure: it hands plotly's call, as a function of Plotly, to the
    site's script, which frames the figure at once (its title and caption, read from the
    call's layout) and draws it when it comes near the view (backprop/static/js/lazy.mjs).
    """
    return _FIGURE_SCRIPT.sub(
        lambda m: (
            '<script type="module">(window.bpFigureQueue = '
            f'window.bpFigureQueue || []).push(["{m[2]}", (Plotly) => {{{m[1]}}}]);'
            "</script>"
        ),
        html,
    )


# The print edition is the whole book on one page, Sphinx's singlehtml build, which headless
# Chromium prints (backprop._print). There a live widget's note ("needs Python") gives way to
# the figures it starts with (backprop.live_widget.print_note); on the website those stay out.
PRINT_BUILDER = "singlehtml"
PRINT_PAGE = "book.html"
_PRINT_ONLY = re.compile(
    r'<template class="bp-print">(.*?)</template>', re.DOTALL
)
_LIVE_NOTE = re.compile(r'<div class="live-only">.*?</div>', re.DOTALL)


def _printing(app) -> bool:
    """Is this the print edition's build?"""
    return (
        getattr(getattr(app, "builder", None), "name", None) == PRINT_BUILDER
    )


def _for_print(html: str) -> str:
    return _PRINT_ONLY.sub(r"\1", _LIVE_NOTE.sub("", html))


def _for_screen(html: str) -> str:
    return _PRINT_ONLY.sub("", html)


def _version(js: Path) -> str:
    """The plotly.js version in a bundle's banner, e.g. ``4.1.1``."""
    head = js.read_text(encoding="utf-8", errors="replace")[:400]
    found = re.search(r"plotly\.js .*?v(\d+\.\d+\.\d+)", head)
    if found is None:
        raise ValueError(f"no plotly.js version in the banner of {js}")
    return found[1]


@functools.cache
def bundle_trace_types(js: Path = PLOTLY_BUNDLE) -> frozenset[str]:
    """The trace types a plotly.js bundle registers."""
    text = js.read_text(encoding="utf-8")
    types = frozenset(re.findall(r'moduleType:"trace",name:"(\w+)"', text))
    # every bundle has scatter: without it, the pattern no longer matches the bundle
    if "scatter" not in types:
        raise ValueError(f"cannot read the trace types registered in {js}")
    return types


def _check_bundle():
    for bundle, script in (
        (PLOTLY_BUNDLE, "build"),
        (SITE_BUNDLE, "build-site"),
    ):
        if not bundle.exists():
            raise FileNotFoundError(
                f"{bundle} is missing: build it with "
                "`npm ci --no-audit --no-fund --prefix backprop/static/vendor && "
                f"npm run {script} --prefix backprop/static/vendor` "
                "(`make html` does it)"
            )
    ours, theirs = _version(PLOTLY_BUNDLE), _version(FULL_PLOTLY_JS)
    if ours != theirs:
        raise ValueError(
            f"the plotly.js bundle is version {ours} but the plotly package "
            f"uses {theirs}: pin plotly.js {theirs} in "
            "backprop/static/vendor/package.json and run `make html`"
        )


def figure_trace_types(body: str) -> set[str]:
    """The trace types of the figures (and their frames) drawn in a page's HTML."""
    types = set()
    decoder = json.JSONDecoder()
    for call in ("Plotly.newPlot(", "Plotly.addFrames("):
        for m in re.finditer(re.escape(call) + r'\s*"[^"]*",\s*', body):
            items, _ = decoder.raw_decode(body, m.end())
            for item in items:
                for trace in item.get("data", [item]):
                    types.add(trace.get("type", "scatter"))
    return types


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", None) or ""
    body = (getattr(script, "attributes", None) or {}).get("body", "")
    return "thebe" in filename or "THEBE_JS_URL" in body


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _is_widget_state(script) -> bool:
    return (getattr(script, "attributes", None) or {}).get(
        "type"
    ) == WIDGET_STATE


def _page_assets(app, pagename, templatename, context, doctree):
    body = context.get("body", "")
    if _printing(app):
        body = _for_print(body)
        app.add_js_file(PRINT_JS, priority=600, loading_method="defer")
    else:
        body = _for_screen(body)
    if "plotly-graph-div" in body:
        missing = figure_trace_types(body) - bundle_trace_types()
        if missing:
            raise ValueError(
                f"{pagename}: figures use trace types {sorted(missing)} that "
                f"{PLOTLY_JS} does not have; use another trace type or "
                "register it in backprop/static/vendor/plotly-book.js"
            )
        # Named, not loaded: the site's script loads it when the first figure comes near
        # the view (a type the browser does not run is not fetched), so that the text and
        # its formulas come first; each figure's own script queues its drawing.
        app.add_js_file(PLOTLY_JS, priority=200, type=PLOTLY_LATER)
        body = _figures_after_plotly(body)
    if body:
        context["body"] = _open_checks(_fix_labels(body))
    # The book has no icon: say so, instead of each visit asking for /favicon.ico (a 404
    # and a console error).
    context["metatags"] = (
        context.get("metatags", "") + '<link rel="icon" href="data:,">'
    )

    toctree = context.get("generate_toctree_html")
    if callable(toctree):
        context["generate_toctree_html"] = lambda *a, **k: Markup(
            _fix_labels(str(toctree(*a, **k)))
        )
    # In place: Sphinx restores this page-level list after each page.
    scripts = context.get("script_files")
    defer = (
        pagename != "search"
    )  # the search page's own script calls doctools at once
    if scripts is not None:
        scripts[:] = [
            _deferred(s) if defer and _is_theme_script(s) else s
            for s in scripts
            if not (_is_thebe(s) or _is_widget_state(s))
        ]


# The theme's scripts that nothing on the page calls before it is parsed: deferred, so
# that they do not hold up the first paint of the text. (documentation_options.js stays:
# the page's inline scripts set DOCUMENTATION_OPTIONS' fields right after it.)
_THEME_SCRIPTS = (
    "doctools.js",
    "sphinx_highlight.js",
    "clipboard.min.js",
    "copybutton.js",
    "sphinx-book-theme.js",
    "togglebutton.js",
    "design-tabs.js",
)


def _is_theme_script(script) -> bool:
    name = (getattr(script, "filename", None) or "").rsplit("/", 1)[-1]
    return name in _THEME_SCRIPTS


def _deferred(script):
    attributes = {
        k: v
        for k, v in (script.attributes or {}).items()
        if k not in ("async", "defer")
    }
    return type(script)(
        script.filename, priority=script.priority, defer="defer", **attributes
    )


def _defer_search(html: str) -> str:
    """The theme's search scripts in <head>, deferred (the search index is 50 KB)."""
    return re.sub(
        r'<script src="([^"]*(?:searchtools|language_data|searchindex)\.js)">',
        r'<script defer src="\1">',
        str(html),
    )


def _drop_search_index(html: str) -> str:
    """The print edition has no search, and singlehtml writes no search index."""
    return re.sub(
        r'<script[^>]*src="[^"]*searchindex\.js"[^>]*>\s*</script>',
        "",
        str(html),
    )


def _drop_fontawesome(html: str) -> str:
    """Remove the theme's fontawesome.js <script> from its <head> block."""
    return re.sub(
        r'<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*>'
        r"\s*</script>",
        "",
        str(html),
    )


def _builder_inited(app):
    if app.builder.format != "html":
        return
    _check_bundle()
    filters = app.builder.templates.environment.filters
    filters["drop_fontawesome"] = _drop_fontawesome
    filters["defer_search"] = (
        (lambda head: _drop_search_index(_defer_search(head)))
        if _printing(app)
        else _defer_search
    )


def _config_inited(app, config):
    # Our templates come first: they override a few of the theme's (see their comments).
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    # Formulas out of the tab order (254 of 453 tab stops on one page); MathJax's menu
    # and speech stay, on right click or through the menu key.
    mathjax = dict(config.mathjax3_config or {})
    options = dict(mathjax.get("options", {}))
    menu = dict(options.get("menuOptions", {}))
    menu["settings"] = {**menu.get("settings", {}), "inTabOrder": False}
    options["menuOptions"] = menu
    mathjax["options"] = options
    # The site's script typesets the formulas in batches, those in view first (math.mjs),
    # not all at once at startup: one long task that froze a phone for most of a second.
    mathjax["startup"] = {**mathjax.get("startup", {}), "typeset": False}
    config.mathjax3_config = mathjax
    # The bundle's trace types are part of the HTML configuration, so that a bundle with
    # other types rewrites (and so re-checks) every page, not just the changed ones.
    if PLOTLY_BUNDLE.exists():
        types = " ".join(sorted(bundle_trace_types()))
        config.html_context = {**config.html_context, "plotly_bundle": types}


def _copy_assets(app, exception):
    """Copy plotly.js, the site's script and the book's stylesheet into _static/.

    Copied here rather than through html_static_path, which leaves an existing file in
    place: an edited file would never reach the site in an incremental build.
    """
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PLOTLY_BUNDLE, static / PLOTLY_JS)
        shutil.copyfile(SITE_BUNDLE, static / SITE_JS)
        if _printing(app):
            shutil.copyfile(PRINT_BUNDLE, static / PRINT_JS)
        for source in STATIC.glob("*.css"):
            shutil.copyfile(source, static / source.name)
        (static / "plotly.min.js").unlink(missing_ok=True)
    if exception is None and _printing(app):
        # singlehtml writes the book to the root document's path (book/intro.html) with
        # links relative to the build's root: it is read from there
        page = Path(app.outdir) / (app.config.root_doc + ".html")
        shutil.copyfile(page, Path(app.outdir) / PRINT_PAGE)


def setup(app):
    app.add_css_file("backprop.css")
    app.add_js_file(SITE_JS, loading_method="defer")
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    # late, after the theme has put its functions into the page's context
    app.connect("html-page-context", _page_assets, priority=900)
    app.connect("build-finished", _copy_assets)
    app.connect("build-finished", iconfonts.subset_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
