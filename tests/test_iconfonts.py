"""The Font Awesome subsetting of the site's build (backprop.iconfonts), without a browser."""

from __future__ import annotations

from pathlib import Path

import pydata_sphinx_theme
from fontTools.ttLib import TTFont

from backprop import iconfonts

WEBFONTS = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts"
)

CSS = (
    r'.fa-0:before{content:"\30 "}'
    r'.fa-cut:before,.fa-scissors:before{content:"\f0c4"}'
    r'.fa-sun:before{content:"\f185"}'
    ':root{--pst-icon-bell:"\uf0f3";--pst-icon-note:"\\f05a"}'
    r'.quote:before{content:"\201c"}'
)


def test_icon_map_reads_every_alias_and_escape():
    assert iconfonts.icon_map(CSS) == {
        "fa-0": 0x30,
        "fa-cut": 0xF0C4,
        "fa-scissors": 0xF0C4,
        "fa-sun": 0xF185,
    }


def test_css_code_points_are_the_private_use_ones_outside_the_icon_rules():
    assert iconfonts.css_code_points(CSS) == {0xF0F3, 0xF05A}


def test_subset_keeps_exactly_the_asked_code_points(tmp_path):
    source = WEBFONTS / "fa-solid-900.woff2"
    target = tmp_path / source.name
    kept = iconfonts.subset(source, target, {0xF185, 0xF186, 0xF09B})
    # the github mark is a brand icon: the solid font has none to keep
    assert kept == {0xF185, 0xF186}
    font = TTFont(target)
    assert font.flavor == "woff2"
    assert set(font.getBestCmap()) == kept
    assert target.stat().st_size < source.stat().st_size / 20
    # the source's timestamp is kept: the same icons give the same file, build after build
    assert font["head"].modified == TTFont(source)["head"].modified
