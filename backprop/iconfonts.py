"""The theme's Font Awesome webfonts, cut down to the icons the built site can show.

pydata-sphinx-theme ships Font Awesome's whole solid and brands fonts (274 KB a page, already
compressed) for the twenty-odd icons the site draws. After the build, each Font Awesome font
that the site's CSS loads is rewritten in place (same file name, so the CSS and the browser's
cache are untouched) with only the code points the site can show:

- every private-use character the served CSS sets outside Font Awesome's own icon rules,
  written as an escape (``"\\f05a"``) or as the character itself: the theme's admonition,
  breadcrumb and button icons (``--pst-icon-*``), sphinx-book-theme's, the book's own;
- every Font Awesome icon class (``fa-sun``) found in the built pages' ``class`` attributes
  and inline scripts, and in the scripts the pages load (the theme's JavaScript sets some
  icon classes itself), mapped to its code point through Font Awesome's own CSS.

The fonts are cut from the theme's original files, so an incremental build that shows a new
icon gets its glyph. The browser test checks every character drawn in a Font Awesome font
against the served font.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Font Awesome's icon rules: `.fa-sun:before{content:"\f185"}` (several aliases may share one)
_ICON_RULE = re.compile(
    r"((?:\.fa-[\w-]+::?before\s*,\s*)*\.fa-[\w-]+::?before)\s*"
    r'\{\s*content:\s*"(\\[0-9a-fA-F]{1,6} ?|[^"\\])"\s*;?\s*\}'
)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")
_CLASS_TOKEN = re.compile(r"(?<![\w-])fa-[a-z0-9-]+")
_STYLESHEET = re.compile(
    r"<link\b[^>]*\brel=[\"']stylesheet[\"'][^>]*>", re.IGNORECASE
)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)
_HREF = re.compile(r"\b(?:href|src)=[\"']([^\"']+)[\"']")
_CLASS_ATTR = re.compile(r"\bclass=[\"']([^\"']*)[\"']")
_IMPORT = re.compile(r"@import\s+(?:url\()?\s*[\"']?([^\"')\s;]+)")
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)")


def _is_private_use(code_point: int) -> bool:
    return 0xE000 <= code_point <= 0xF8FF or 0xF0000 <= code_point <= 0x10FFFD


def _character(content: str) -> int:
    """The code point of a CSS string's content: an escape or one character."""
    if content.startswith("\\"):
        return int(content[1:].strip(), 16)
    return ord(content)


def icon_map(css: str) -> dict[str, int]:
    """Font Awesome's icon classes in a stylesheet, each with its code point."""
    icons = {}
    for rule in _ICON_RULE.finditer(css):
        for selector in rule[1].split(","):
            name = selector.strip()[1:].split(":")[0]
            icons[name] = _character(rule[2])
    return icons


def css_code_points(css: str) -> set[int]:
    """The private-use characters a stylesheet sets outside Font Awesome's icon rules."""
    rest = _ICON_RULE.sub("", css)
    found = {int(m[1], 16) for m in _ESCAPE.finditer(rest)}
    found |= {ord(m[0]) for m in _PRIVATE_USE.finditer(rest)}
    return {c for c in found if _is_private_use(c)}


def _local(url: str, base: Path, root: Path) -> Path | None:
    """The site file a relative URL in `base` points to, or None if it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (base.parent / unquote(parts.path)).resolve()
    return target if target.is_relative_to(root) and target.is_file() else None


def _stylesheets(css: Path, root: Path, seen: dict[Path, str]):
    """A stylesheet and those it imports, into `seen` (path -> text)."""
    if css in seen:
        return
    seen[css] = text = css.read_text(encoding="utf-8", errors="replace")
    for url in _IMPORT.findall(text):
        imported = _local(url, css, root)
        if imported is not None:
            _stylesheets(imported, root, seen)


def site_assets(outdir: Path):
    """The built site's stylesheets (path -> text), scripts, and icon class names.

    Read from every HTML page: the stylesheets it links (and their imports), the scripts it
    loads and its inline scripts, and the tokens of its class attributes.
    """
    root = Path(outdir).resolve()
    styles: dict[Path, str] = {}
    scripts: dict[Path, str] = {}
    names: set[str] = set()
    for page in root.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        for link in _STYLESHEET.findall(text):
            for url in _HREF.findall(link):
                css = _local(html.unescape(url), page, root)
                if css is not None:
                    _stylesheets(css, root, styles)
        for attributes, body in _SCRIPT.findall(text):
            names.update(_CLASS_TOKEN.findall(body))
            for url in _HREF.findall(attributes):
                js = _local(html.unescape(url), page, root)
                if js is not None and js not in scripts:
                    scripts[js] = js.read_text(
                        encoding="utf-8", errors="replace"
                    )
        for classes in _CLASS_ATTR.findall(text):
            names.update(c for c in classes.split() if c.startswith("fa-"))
    for source in scripts.values():
        names.update(_CLASS_TOKEN.findall(source))
    return styles, scripts, names


def site_code_points(outdir: Path) -> set[int]:
    """Every code point the built site can show in a Font Awesome font."""
    styles, _, names = site_assets(outdir)
    icons = {}
    for text in styles.values():
        icons.update(icon_map(text))
    if not icons:
        raise ValueError(
            f"no Font Awesome icon rules in the stylesheets of {outdir}"
        )
    code_points = {icons[n] for n in names if n in icons}
    for text in styles.values():
        code_points |= css_code_points(text)
    return code_points


def font_awesome_fonts(outdir: Path) -> list[Path]:
    """The Font Awesome font files that the site's stylesheets declare."""
    root = Path(outdir).resolve()
    styles, _, _ = site_assets(root)
    fonts = set()
    for css, text in styles.items():
        for face in _FONT_FACE.findall(text):
            if "Font Awesome" not in face:
                continue
            for url in _URL.findall(face):
                font = _local(url, css, root)
                if font is not None:
                    fonts.add(font)
    return sorted(fonts)


def subset(source: Path, target: Path, code_points: set[int]) -> set[int]:
    """Write to `target` the font `source` cut down to `code_points` (those it has).

    The flavour (woff2, woff or plain) follows the target's suffix. Returns the code points
    the written font maps.
    """
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    flavor = {".woff2": "woff2", ".woff": "woff"}.get(target.suffix)
    # the source's timestamp, not today's: the same icons give the same bytes (and cache)
    font = TTFont(source, recalcTimestamp=False)
    keep = code_points & set(font.getBestCmap())
    options = ft_subset.Options()
    options.flavor = flavor
    options.name_IDs = ["*"]  # keep the names, the licence among them
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    font.flavor = flavor
    font.save(target)
    return keep


def _original(font: Path, static: Path, theme_dirs: list[str]) -> Path:
    """The theme's own copy of a font copied into `static`, or the font itself."""
    relative = font.relative_to(static)
    for directory in theme_dirs:
        original = Path(directory) / "static" / relative
        if original.is_file():
            return original
    return font


def subset_fonts(app, exception):
    """build-finished: cut the site's Font Awesome fonts down to what it shows."""
    # the website only: the print edition shows no icons
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir).resolve()
    static = outdir / "_static"
    theme = getattr(app.builder, "theme", None)
    theme_dirs = theme.get_theme_dirs() if theme else []
    code_points = site_code_points(outdir)
    for font in font_awesome_fonts(outdir):
        if font.is_relative_to(static):
            source = _original(font, static, theme_dirs)
        else:
            source = font
        subset(source, font, code_points)
