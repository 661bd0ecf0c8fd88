"""A small Sphinx extension that makes the book's website work with no internet.

- plotly.js comes from the installed plotly package (so it always matches the Python side),
  is copied once into ``_static/`` and is added only to pages that contain a figure;
- sphinx-thebe's scripts are dropped: the book uses Binder and Colab launch buttons instead of
  live cells, and those scripts point at a CDN (and were added twice, a console error);
- the book's stylesheet is added to every page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STATIC = Path(__file__).parent / "static"


def _is_thebe(script) -> bool:
    filename = getattr(script, "filename", None) or ""
    body = (getattr(script, "attributes", None) or {}).get("body", "")
    return "thebe" in filename or "THEBE_JS_URL" in body


def _page_assets(app, pagename, templatename, context, doctree):
    if "plotly-graph-div" in context.get("body", ""):
        # Loaded synchronously in <head>: each figure's inline script calls Plotly right away.
        app.add_js_file("plotly.min.js", priority=200)
    # In place: Sphinx restores this page-level list after each page.
    scripts = context.get("script_files")
    if scripts is not None:
        scripts[:] = [s for s in scripts if not _is_thebe(s)]


def _copy_assets(app, exception):
    """Copy plotly.js and the book's stylesheet into _static/, every build.

    Copied here rather than through html_static_path, which leaves an existing file in
    place: an edited stylesheet would never reach the site in an incremental build.
    """
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        for source in [PLOTLY_JS, *STATIC.glob("*.css")]:
            shutil.copyfile(source, static / source.name)


def setup(app):
    app.add_css_file("backprop.css")
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
