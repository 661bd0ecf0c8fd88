"""Heat maps as bytes and as pictures: how the Playground's figures stay light.

A figure's heat map holds bytes 1 to 255 (``to_bytes``; ``levels`` reads them back) under a
colour scale of 255 shades (``byte_scale``); the live widget draws the same bytes as PNG
pictures (``picture``, ``png``) placed by layout images (``layout_image``).
"""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

from backprop.figures.style import TRANSPARENT, rgb


def byte_scale(stops):
    """A colour scale for :func:`to_bytes`: 0 transparent, 1 to 255 the stops' range."""
    return [[0, TRANSPARENT]] + [
        [(1 + 254 * p) / 255, color] for p, color in stops
    ]


def to_bytes(values, lo, hi):
    """Values from lo to hi as bytes 1 to 255, NaN (a gap) as 0: a quarter of float32.

    The pictures need no more than 255 shades, and the page and the widget messages get
    much lighter. ``levels`` undoes it.
    """
    values = np.asarray(values, dtype=float)
    scaled = 1 + np.round((np.clip(values, lo, hi) - lo) / (hi - lo) * 254)
    return np.where(np.isnan(values), 0, scaled).astype(np.uint8)


def levels(z, lo, hi):
    """Bytes from :func:`to_bytes` back to values (NaN for 0)."""
    z = np.asarray(z, dtype=float)
    return np.where(z == 0, np.nan, lo + (z - 1) / 254 * (hi - lo))


def f32(a, digits=3):
    """Smaller figures: float32, rounded (the pictures need no more)."""
    return np.round(np.asarray(a, dtype=float), digits).astype(np.float32)


def palette(stops):
    """The colours of :func:`byte_scale` as a table: byte -> RGBA (0 transparent)."""
    table = np.zeros((256, 4), dtype=np.uint8)
    where = (np.arange(1, 256) - 1) / 254
    channels = np.array([rgb(color) for _, color in stops], dtype=float)
    for channel in range(3):
        table[1:, channel] = np.round(
            np.interp(where, [p for p, _ in stops], channels[:, channel])
        )
    table[1:, 3] = 255
    return table


def png(rgba):
    """An RGBA picture (rows from the top, shape (height, width, 4), uint8) as a PNG data URI.

    The live widget sends its pictures this way: the browser swaps an image's source, which is
    much quicker than plotly.js drawing a heat map anew.
    """
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(
            f"rgba must have shape (height, width, 4), not {rgba.shape}"
        )
    height, width, _ = rgba.shape
    rows = np.zeros((height, 1 + 4 * width), dtype=np.uint8)  # filter byte 0
    rows[:, 1:] = rgba.reshape(height, -1)

    def chunk(kind, data):
        body = kind + data
        crc = zlib.crc32(body) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows.tobytes(), 6))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def picture(z, stops, repeat=1):
    """Bytes from :func:`to_bytes` (rows from the bottom) as a PNG of the colours ``stops``;
    each value ``repeat`` x ``repeat`` pixels, so that a browser's smoothing keeps them sharp."""
    rgba = palette(stops)[np.asarray(z)[::-1]]
    if repeat > 1:
        rgba = rgba.repeat(repeat, axis=0).repeat(repeat, axis=1)
    return png(rgba)


def layout_image(source, x, y, size):
    """A layout image of side ``size`` whose top-left corner is (x, y) in data units."""
    return {
        "source": source,
        "xref": "x",
        "yref": "y",
        "x": x,
        "y": y,
        "sizex": size,
        "sizey": size,
        "sizing": "stretch",
        "xanchor": "left",
        "yanchor": "top",
        "layer": "below",
    }
