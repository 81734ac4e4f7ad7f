"""The marks of a chart's static picture as SVG elements: lines, labels, markers, dashes.

Plotly's shapes (its marker symbols and dash patterns, in proportion to a line's width) drawn
with plain SVG attributes: no style attribute, no id, so a page may hold many pictures and its
Content-Security-Policy need not allow more.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as etree


def number(value: float) -> str:
    """A coordinate to a tenth of a pixel: finer is invisible and only adds bytes."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def each(value, count: int) -> list:
    """A per-point attribute as a list (Plotly accepts one value for all points)."""
    return list(value) if isinstance(value, list | tuple) else [value] * count


def line(parent, x1: float, y1: float, x2: float, y2: float) -> None:
    etree.SubElement(
        parent, "line", {"x1": number(x1), "y1": number(y1), "x2": number(x2), "y2": number(y2)}
    )


def text(parent, x: float, y: float, label: str, anchor: str) -> etree.Element:
    element = etree.SubElement(
        parent, "text", {"x": number(x), "y": number(y), "text-anchor": anchor}
    )
    element.text = label
    return element


# Plotly's dash patterns, in multiples of the line's width (at least 3 px).
DASHES = {"dot": (1, 1), "dash": (3, 3), "longdash": (5, 5), "dashdot": (3, 1, 1, 1)}


def polylines(parent, points, line: dict, colour: str) -> None:
    """One polyline per run of points (Plotly breaks a line at a missing point)."""
    width = line.get("width", 2)
    attributes = {"fill": "none", "stroke": colour, "stroke-width": number(width)}
    dash = DASHES.get(line.get("dash", "solid"))
    if dash:
        unit = max(width, 3)
        attributes["stroke-dasharray"] = ",".join(number(part * unit) for part in dash)
    group = etree.SubElement(parent, "g", attributes)
    run: list[str] = []
    for point in [*points, None]:
        if point and point[0] is not None and point[1] is not None:
            run.append(f"{number(point[0])},{number(point[1])}")
            continue
        if len(run) > 1:
            etree.SubElement(group, "polyline", {"points": " ".join(run)})
        run = []


def markers(parent, points, marker: dict, colour) -> None:
    sizes = each(marker.get("size", 6), len(points))
    colours = each(marker.get("color", colour), len(points))
    symbol = marker.get("symbol", "circle")
    outline = marker.get("line", {})
    attributes = {}
    if outline.get("width"):
        attributes = {
            "stroke": outline.get("color", "#ffffff"),
            "stroke-width": number(outline["width"]),
        }
    opacity = marker.get("opacity")
    if isinstance(opacity, int | float) and opacity < 1:
        attributes["fill-opacity"] = number(opacity * 100) + "%"
    group = etree.SubElement(parent, "g", attributes)
    for point, size, fill in zip(points, sizes, colours, strict=True):
        if point and point[0] is not None and point[1] is not None:
            radius = (size or 6) / 2
            if symbol == "circle":
                etree.SubElement(
                    group,
                    "circle",
                    {
                        "cx": number(point[0]),
                        "cy": number(point[1]),
                        "r": number(radius),
                        "fill": fill,
                    },
                )
            else:
                etree.SubElement(
                    group, "path", {"d": symbol_path(symbol, *point, radius), "fill": fill}
                )


# Corners of the symbols the network chart uses, on a unit circle: (angle in degrees, radius).
SYMBOLS = {
    "square": [(45 + 90 * i, 1.25) for i in range(4)],
    "diamond": [(90 * i, 1.3) for i in range(4)],
    "triangle-up": [(-90 + 120 * i, 1.3) for i in range(3)],
    "pentagon": [(-90 + 72 * i, 1.1) for i in range(5)],
    "hexagon": [(30 + 60 * i, 1.1) for i in range(6)],
    "star": [(-90 + 36 * i, 1.3 if i % 2 == 0 else 0.55) for i in range(10)],
}


def symbol_path(symbol: str, x: float, y: float, radius: float) -> str:
    corners = SYMBOLS.get(symbol, SYMBOLS["square"])
    points = [
        (
            x + radius * scale * math.cos(math.radians(angle)),
            y + radius * scale * math.sin(math.radians(angle)),
        )
        for angle, scale in corners
    ]
    return "M" + "L".join(f"{number(px)},{number(py)}" for px, py in points) + "Z"


def band(parent, start: tuple[float, float], end: tuple[float, float], width: float, fill) -> None:
    """A flow's link as Plotly draws it: a band of ``width`` from ``start`` to ``end`` (the
    middles of its two ends) that bends halfway between them."""
    (x0, y0), (x1, y1) = start, end
    middle, half = number((x0 + x1) / 2), width / 2
    top = (f"{number(x0)},{number(y0 - half)}", f"{number(x1)},{number(y1 - half)}")
    bottom = (f"{number(x1)},{number(y1 + half)}", f"{number(x0)},{number(y0 + half)}")
    d = (
        f"M{top[0]}C{middle},{number(y0 - half)} {middle},{number(y1 - half)} {top[1]}"
        f"L{bottom[0]}C{middle},{number(y1 + half)} {middle},{number(y0 + half)} {bottom[1]}Z"
    )
    etree.SubElement(parent, "path", {"d": d, "fill": fill})
