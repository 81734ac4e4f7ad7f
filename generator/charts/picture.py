"""A chart's static picture: inline SVG drawn at build time from the same Plotly figure.

Why: plotly.js costs a phone about a second of blocked main thread before the first chart shows,
and nothing at all without JavaScript. A page therefore shows each chart first as a picture
(bars, lines, dots, labels, axes and legend; a few kilobytes) and loads plotly.js only when the
reader reaches for a chart (hover, touch or keyboard focus), to swap in the interactive one.
The picture follows the page's light or dark palette through ``currentColor``.

Plotly renders figures only in a browser (its static export drives Chrome), so the picture is
drawn here for the traces the explainer's charts use: bars and scatter (markers, lines, text)
on category, linear and date axes, and Sankey diagrams whose nodes the chart placed itself
(generator/charts/flow_layout.py). Other figures return None and draw with plotly.js as before,
as does a figure with more marks than a picture should carry.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass

from generator.charts import svg_marks as svg
from generator.charts.flow_layout import FlowLayout, flow_layout
from generator.charts.scales import (
    Scale,
    category_scale,
    date_ms,
    format_tick,
    nice_step,
    value_scale,
)
from generator.charts.theme import GRID, MARGIN, PALETTE

# The two widths a picture is drawn at: the content column of a phone and of a wide screen.
# The page shows the one its column is nearest to (a container query), scaled down to fit.
WIDTHS = {"narrow": 360, "wide": 690}
# Beyond these a picture weighs more than a page should carry for one chart (at 10,000 events a
# flow of some 700 links drew 280 KB): such a chart draws with plotly.js when scrolled near.
MAX_MARKS = 600
MAX_BYTES = 64_000  # both widths together
FONT = 13
ANCHORS = {"left": "start", "center": "middle", "right": "end"}  # Plotly's xanchor in SVG
LEGEND_ROW = 22


def text_width(text: str, size: float = FONT) -> float:
    """An estimate (the page's font is the reader's system font, unknown here)."""
    return len(text) * size * 0.52


def _plain(text) -> str:
    """A label as written: the figure holds plain text (it is escaped for plotly.js only when
    serialised, see figures.plain_texts), and ElementTree escapes it for the SVG."""
    return str(text)


@dataclass(frozen=True)
class Frame:
    """The plotting area in pixels."""

    left: float
    top: float
    right: float
    bottom: float

    def x(self, scale: Scale, value) -> float | None:
        share = scale.fraction(value)
        return None if share is None else self.left + share * (self.right - self.left)

    def y(self, scale: Scale, value) -> float | None:
        share = scale.fraction(value)
        return None if share is None else self.bottom - share * (self.bottom - self.top)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _axis_kind(axis: dict, values: list) -> str:
    if axis.get("type") in ("category", "linear", "date"):
        return axis["type"]
    present = [v for v in values if v is not None]
    if present and all(_is_number(v) for v in present):
        return "linear"
    if present and all(isinstance(v, str) and date_ms(v) is not None for v in present):
        return "date"
    return "category"


def _bar_extent(trace: dict, horizontal: bool) -> list[tuple[object, object]]:
    """(start, end) of each bar along its value axis (a base plus a length, or zero to value)."""
    lengths = trace.get("x" if horizontal else "y") or []
    bases = svg.each(trace.get("base"), len(lengths))
    extents = []
    for base, length in zip(bases, lengths, strict=True):
        if length is None:
            extents.append((None, None))
        elif isinstance(base, str):  # a date: the length is in milliseconds
            start = date_ms(base)
            extents.append((start, None if start is None else start + length))
        else:
            extents.append((base or 0, (base or 0) + length))
    return extents


class Picture:
    """One figure's picture at one width."""

    def __init__(self, figure: dict, width: int, months: Sequence[str]):
        self.traces = figure.get("data", [])
        self.layout = figure.get("layout", {})
        self.width = width
        self.height = float(self.layout.get("height") or 380)
        self.months = months
        self.separators = self.layout.get("separators", ".,")
        self.svg = etree.Element(
            "svg",
            {
                "class": "chart__picture",
                "viewBox": f"0 0 {width} {svg.number(self.height)}",
                "width": "100%",
                "height": svg.number(self.height),
                "preserveAspectRatio": "xMinYMin meet",
                "aria-hidden": "true",
                "focusable": "false",
            },
        )

    # --- axes -------------------------------------------------------------------------------

    def _values(self, letter: str) -> tuple[list, bool]:
        """Every value the traces put on axis ``letter``, and whether bars start from it."""
        values: list = []
        bars = False
        for trace in self.traces:
            horizontal = trace.get("orientation") == "h"
            if trace.get("type") == "bar" and (letter == "x") == horizontal:
                bars = True
                for start, end in _bar_extent(trace, horizontal):
                    values += [start, end]
            else:
                values += list(trace.get(letter) or [])
        return values, bars

    def _scale(self, letter: str) -> Scale:
        axis = self.layout.get(f"{letter}axis", {})
        values, bars = self._values(letter)
        reversed_ = axis.get("autorange") == "reversed"
        kind = _axis_kind(axis, values)
        if kind == "category":
            order = axis.get("categoryarray") if axis.get("categoryorder") == "array" else None
            return category_scale(order or [str(v) for v in values if v is not None], reversed_)
        numbers = [v if _is_number(v) else date_ms(v) for v in values if v is not None]
        if isinstance(axis.get("range"), list) and all(_is_number(v) for v in axis["range"]):
            low, high = axis["range"]
            return Scale(kind, low, high, (), reversed_)
        fixed = [date_ms(v) if isinstance(v, str) else None for v in axis.get("range") or ()]
        if kind == "date" and len(fixed) == 2 and None not in fixed:
            return Scale(kind, fixed[0], fixed[1], (), reversed_)
        if bars and kind == "linear":
            numbers.append(0)
        return value_scale(kind, numbers, 0.02 if bars else 0.06, reversed_)

    # --- drawing ----------------------------------------------------------------------------

    def draw(self) -> etree.Element:
        if self.traces[0].get("type") == "sankey":
            self._flow(self.traces[0])
            return self.svg
        xs, ys = self._scale("x"), self._scale("y")
        x_axis, y_axis = self.layout.get("xaxis", {}), self.layout.get("yaxis", {})
        entries = self._legend_entries()
        legend_rows = self._legend_rows(entries)
        legend_height = LEGEND_ROW * len(legend_rows)
        legend_below = self.layout.get("legend", {}).get("y", 1.01) < 0
        top = MARGIN + (0 if legend_below else legend_height)
        bottom = self.height - MARGIN - (legend_height if legend_below else 0)
        left, right = MARGIN, self.width - MARGIN
        y_labels: list[tuple[float, str]] = []
        if y_axis.get("visible", True):
            y_labels = ys.ticks(max(2, int((bottom - top) / 45)), self.months, self.separators)
            left += max((text_width(label) for _, label in y_labels), default=0) + 6
            if _title(y_axis):
                left += FONT + 8
        if x_axis.get("visible", True):
            bottom -= FONT + 8 + (FONT + 8 if _title(x_axis) else 0)
        right -= 12 if x_axis.get("visible", True) and xs.kind != "category" else 0
        frame = Frame(left, top, right, bottom)
        grid = etree.SubElement(self.svg, "g", {"stroke": GRID, "stroke-width": "1"})
        annotations = etree.SubElement(
            self.svg, "g", {"fill": "currentColor", "font-size": str(FONT), "class": "axes"}
        )
        if x_axis.get("visible", True):
            self._x_axis(frame, xs, x_axis, grid, annotations)
        if y_axis.get("visible", True):
            self._y_axis(frame, ys, y_axis, y_labels, grid, annotations)
        self._shapes(frame, xs, ys)
        marks = etree.SubElement(self.svg, "g", {"class": "marks"})
        bar_count = sum(1 for t in self.traces if t.get("type") == "bar")
        bars_drawn = 0
        for trace in self.traces:
            if trace.get("type") == "bar":
                self._bars(trace, bars_drawn, bar_count, frame, xs, ys, marks)
                bars_drawn += 1
            else:
                self._scatter(trace, frame, xs, ys, marks)
        self._axis_annotations(frame, xs, ys)
        self._legend(legend_rows, MARGIN if not legend_below else self.height - legend_height)
        return self.svg

    def _place(self, frame: Frame, scale: Scale, ref: str, value, letter: str) -> float | None:
        """Where a shape's or an annotation's coordinate lies: on the plotting area (paper,
        0 to 1) or on an axis."""
        low, high = (frame.left, frame.right) if letter == "x" else (frame.bottom, frame.top)
        if ref == "paper":
            return low + float(value) * (high - low) if _is_number(value) else None
        return frame.x(scale, value) if letter == "x" else frame.y(scale, value)

    def _shapes(self, frame: Frame, xs: Scale, ys: Scale) -> None:
        """Lines the layout draws across the plot (a timeline's rules between its lanes)."""
        lines = [s for s in self.layout.get("shapes") or () if s.get("type") == "line"]
        if not lines:
            return
        group = etree.SubElement(self.svg, "g", {"stroke": GRID, "stroke-width": "1"})
        for shape in lines:
            x0 = self._place(frame, xs, shape.get("xref", "x"), shape.get("x0"), "x")
            x1 = self._place(frame, xs, shape.get("xref", "x"), shape.get("x1"), "x")
            y0 = self._place(frame, ys, shape.get("yref", "y"), shape.get("y0"), "y")
            y1 = self._place(frame, ys, shape.get("yref", "y"), shape.get("y1"), "y")
            if None not in (x0, x1, y0, y1):
                svg.line(group, x0, y0, x1, y1)

    def _axis_annotations(self, frame: Frame, xs: Scale, ys: Scale) -> None:
        """Text the layout places on a plot with axes, without an arrow (a timeline's lane
        names)."""
        notes = [a for a in self.layout.get("annotations") or () if not a.get("showarrow", True)]
        if not notes:
            return
        group = etree.SubElement(self.svg, "g", {"fill": "currentColor", "class": "annotations"})
        for note in notes:
            x = self._place(frame, xs, note.get("xref", "x"), note.get("x"), "x")
            y = self._place(frame, ys, note.get("yref", "y"), note.get("y"), "y")
            if x is None or y is None:
                continue
            size = note.get("font", {}).get("size", FONT)
            element = svg.text(
                group,
                x,
                y + size * 0.35,
                _plain(note.get("text", "")),
                ANCHORS.get(note.get("xanchor", "center"), "middle"),
            )
            element.set("font-size", str(size))

    def _x_axis(self, frame: Frame, scale: Scale, axis: dict, grid, annotations) -> None:
        dtick = str(axis.get("dtick", ""))
        step = int(dtick[1:]) if scale.kind == "date" and re.fullmatch(r"M\d+", dtick) else None
        length = frame.right - frame.left
        count = axis.get("nticks") or max(2, int(length / 70))
        if scale.kind == "linear":  # no more than the numbers' width allows, as plotly.js does
            sample = format_tick(scale.high, nice_step(scale.high - scale.low, 6), self.separators)
            fits = int(length / (text_width(sample) + 8))
            count = max(3, min(count if axis.get("nticks") else 10, fits))
        ticks = scale.ticks(count, self.months, self.separators, step)
        band = scale.band * (frame.right - frame.left)
        widest = max((text_width(label) for _, label in ticks), default=0)
        every = max(1, math.ceil((widest + 8) / band)) if scale.kind == "category" else 1
        for index, (share, label) in enumerate(ticks):
            x = frame.left + share * (frame.right - frame.left)
            if scale.kind != "category":
                svg.line(grid, x, frame.top, x, frame.bottom)
            if index % every == 0:
                half = text_width(label) / 2
                anchor = "middle"  # a label at either end stays inside the picture
                if x - half < 0:
                    x, anchor = 0, "start"
                elif x + half > self.width:
                    x, anchor = self.width, "end"
                svg.text(annotations, x, frame.bottom + FONT + 4, label, anchor)
        title = _title(axis)
        if title:
            middle = (frame.left + frame.right) / 2
            svg.text(annotations, middle, frame.bottom + 2 * FONT + 12, title, "middle")

    def _y_axis(self, frame: Frame, scale: Scale, axis: dict, labels, grid, annotations) -> None:
        for share, label in labels:
            y = frame.bottom - share * (frame.bottom - frame.top)
            if scale.kind != "category":
                svg.line(grid, frame.left, y, frame.right, y)
            svg.text(annotations, frame.left - 6, y + FONT * 0.35, label, "end")
        title = _title(axis)
        if title:
            middle = (frame.top + frame.bottom) / 2
            element = svg.text(annotations, MARGIN + FONT, middle, title, "middle")
            element.set(
                "transform", f"rotate(-90 {svg.number(MARGIN + FONT)} {svg.number(middle)})"
            )

    def _bars(self, trace: dict, index: int, count: int, frame: Frame, xs, ys, parent) -> None:
        horizontal = trace.get("orientation") == "h"
        categories = trace.get("y" if horizontal else "x") or []
        category_scale_, value_scale_ = (ys, xs) if horizontal else (xs, ys)
        span = (frame.bottom - frame.top) if horizontal else (frame.right - frame.left)
        band = category_scale_.band * span
        if category_scale_.kind != "category":  # bars at numbers: a width in the axis's units
            band = span / (abs(category_scale_.high - category_scale_.low) or 1)
        grouped = self.layout.get("barmode", "group") == "group" and "width" not in trace
        thickness = band * (trace.get("width") or 0.8) / (count if grouped else 1)
        offset = (index - (count - 1) / 2) * thickness if grouped else 0
        if horizontal and grouped and not ys.reversed:
            offset = -offset  # y grows upwards: the first bar of a group sits on top
        marker = trace.get("marker", {})
        colours = svg.each(marker.get("color", PALETTE[index % len(PALETTE)]), len(categories))
        opacities = svg.each(marker.get("opacity", 1), len(categories))
        outline = marker.get("line") or {}
        group = etree.SubElement(parent, "g")
        if outline.get("width"):
            group.set("stroke", outline.get("color", colours[0] if colours else PALETTE[0]))
            group.set("stroke-width", svg.number(outline["width"]))
        texts = svg.each(trace.get("text") or "", len(categories))
        values = None  # the bars' value labels, after the bars
        for category, (start, end), colour, opacity, text in zip(
            categories, _bar_extent(trace, horizontal), colours, opacities, texts, strict=True
        ):
            if start is None or end is None:
                continue
            if horizontal:
                middle = frame.y(category_scale_, category)
                a, b = frame.x(value_scale_, start), frame.x(value_scale_, end)
                if middle is None or a is None or b is None:
                    continue
                box = (min(a, b), middle + offset - thickness / 2, abs(b - a), thickness)
            else:
                middle = frame.x(category_scale_, category)
                a, b = frame.y(value_scale_, start), frame.y(value_scale_, end)
                if middle is None or a is None or b is None:
                    continue
                box = (middle + offset - thickness / 2, min(a, b), thickness, abs(b - a))
            attributes = {
                "x": svg.number(box[0]),
                "y": svg.number(box[1]),
                "width": svg.number(max(box[2], 1)),
                "height": svg.number(box[3]),
                "fill": colour,
            }
            if opacity is not None and opacity < 1:
                attributes["fill-opacity"] = svg.number(opacity * 100) + "%"
            etree.SubElement(group, "rect", attributes)
            if text and trace.get("textposition") == "outside":  # the value beyond the bar's end
                if values is None:
                    values = etree.Element(
                        "g", {"fill": "currentColor", "font-size": str(FONT - 1), "class": "values"}
                    )
                _value_label(values, box, horizontal, _plain(text))
        if values is not None:
            group.append(values)

    def _scatter(self, trace: dict, frame: Frame, xs, ys, parent) -> None:
        mode = trace.get("mode", "markers")
        if trace.get("opacity", 1) < 1:  # a translucent trace, such as a line chart's spans
            parent = etree.SubElement(parent, "g", {"opacity": f"{trace['opacity']:g}"})
        points = [
            (frame.x(xs, x), frame.y(ys, y)) if x is not None and y is not None else None
            for x, y in zip(trace.get("x") or [], trace.get("y") or [], strict=True)
        ]
        colour = trace.get("marker", {}).get("color") or PALETTE[0]
        if "lines" in mode:
            line = trace.get("line", {})
            colour = line.get("color", colour)
            svg.polylines(parent, points, line, colour)
        marker = trace.get("marker", {})
        if "markers" in mode and marker.get("opacity", 1) >= 0.05:  # not hover targets alone
            svg.markers(parent, points, marker, colour)
        if "text" in mode:
            size = trace.get("textfont", {}).get("size", FONT)
            labels = etree.SubElement(parent, "g", {"fill": "currentColor", "font-size": str(size)})
            for point, label in zip(points, trace.get("text") or [], strict=False):
                if point and point[0] is not None and point[1] is not None and label:
                    svg.text(labels, point[0], point[1] - 9, _plain(label), "middle")

    def _flow(self, trace: dict) -> None:
        """Nodes where the chart fixes them, links as Plotly draws them: bands that bend
        halfway between their nodes."""
        node, link = trace["node"], trace["link"]
        layout = _flow_layout_of(trace, self.height)
        width = self.width - 2 * MARGIN
        thickness = node.get("thickness", 20)
        lefts = [MARGIN + x * width - thickness / 2 for x in layout.x]
        tops = [MARGIN + y * (self.height - 2 * MARGIN) for y in layout.y]
        colours = svg.each(link.get("color", "rgba(128,128,128,0.35)"), len(layout.link_size))
        bands = etree.SubElement(self.svg, "g")
        for index, (source, target) in enumerate(zip(link["source"], link["target"], strict=True)):
            x0, x1 = lefts[source] + thickness, lefts[target]
            y0 = MARGIN + layout.link_start[index]
            y1 = MARGIN + layout.link_end[index]
            svg.band(bands, (x0, y0), (x1, y1), layout.link_size[index], colours[index])
        nodes = etree.SubElement(self.svg, "g")
        labels = etree.SubElement(
            self.svg,
            "g",
            {"fill": "currentColor", "font-size": str(FONT), "class": "chart__labels"},
        )
        colours = svg.each(node.get("color", PALETTE[0]), len(lefts))
        # a figure that writes the names as annotations hides Plotly's own labels
        named = trace.get("textfont", {}).get("color") != "rgba(0,0,0,0)"
        for index, label in enumerate(node.get("label") or []):
            size = max(layout.node_size[index], 0.5)
            etree.SubElement(
                nodes,
                "rect",
                {
                    "x": svg.number(lefts[index]),
                    "y": svg.number(tops[index] - size / 2),
                    "width": svg.number(thickness),
                    "height": svg.number(size),
                    "fill": colours[index],
                },
            )
            if not named:
                continue
            before = layout.last_column[index]  # the last column's labels sit on their left
            x = lefts[index] - 6 if before else lefts[index] + thickness + 6
            svg.text(
                labels, x, tops[index] + FONT * 0.35, _plain(label), "end" if before else "start"
            )
        self._annotations(labels)

    def _annotations(self, parent) -> None:
        """Text the figure places in the plotting area (a flow's amounts on their bands):
        at the same share of the width and height as Plotly puts it."""
        width, height = self.width - 2 * MARGIN, self.height - 2 * MARGIN
        for note in self.layout.get("annotations") or []:
            if note.get("xref") != "paper" or note.get("yref") != "paper":
                continue
            x = MARGIN + note["x"] * width + note.get("xshift", 0)
            y = MARGIN + (1 - note["y"]) * height - note.get("yshift", 0)  # Plotly's y is up
            size = note.get("font", {}).get("size", FONT)
            anchor = ANCHORS[note.get("xanchor", "center")]
            element = svg.text(parent, x, y + size * 0.35, _plain(note["text"]), anchor)
            element.set("font-size", str(size))

    # --- legend -----------------------------------------------------------------------------

    def _legend_entries(self) -> list[dict]:
        shown = self.layout.get("showlegend")
        entries, seen = [], set()
        for trace in self.traces:
            name = trace.get("name")
            key = (trace.get("legendgroup"), name)
            if not name or trace.get("showlegend") is False or key in seen:
                continue
            seen.add(key)
            entries.append(trace)
        return entries if shown or (shown is None and len(entries) > 1) else []

    def _legend_rows(self, entries: list[dict]) -> list[list[tuple[float, dict]]]:
        rows: list[list[tuple[float, dict]]] = []
        x = self.width  # forces a first row
        for trace in entries:
            width = 26 + text_width(_plain(trace["name"])) + 14
            if x + width > self.width - MARGIN:
                rows.append([])
                x = MARGIN
            rows[-1].append((x, trace))
            x += width
        return rows

    def _legend(self, rows, top: float) -> None:
        if not rows:
            return
        group = etree.SubElement(self.svg, "g", {"font-size": str(FONT), "class": "legend"})
        for row_number, row in enumerate(rows):
            y = top + row_number * LEGEND_ROW + LEGEND_ROW / 2
            for x, trace in row:
                self._swatch(group, trace, x + 10, y)
                etree.SubElement(
                    group,
                    "text",
                    {
                        "x": svg.number(x + 26),
                        "y": svg.number(y + FONT * 0.35),
                        "fill": "currentColor",
                    },
                ).text = _plain(trace["name"])

    def _swatch(self, parent, trace: dict, x: float, y: float) -> None:
        if trace.get("opacity", 1) < 1:
            parent = etree.SubElement(parent, "g", {"opacity": f"{trace['opacity']:g}"})
        marker = trace.get("marker", {})
        colour = marker.get("color")
        colour = colour[0] if isinstance(colour, list) else colour or PALETTE[0]
        mode = trace.get("mode", "markers")
        if trace.get("type") == "bar":
            etree.SubElement(
                parent,
                "rect",
                {
                    "x": svg.number(x - 7),
                    "y": svg.number(y - 6),
                    "width": "14",
                    "height": "12",
                    "fill": colour,
                    **_swatch_outline(marker),
                },
            )
        elif "lines" in mode and "markers" not in mode:
            line = trace.get("line", {})
            svg.polylines(parent, [(x - 10, y), (x + 10, y)], line, line.get("color", colour))
        else:
            svg.markers(parent, [(x, y)], {**marker, "size": 10}, colour)


def _swatch_outline(marker: dict) -> dict[str, str]:
    """A bar's swatch as its bars look: their opacity and outline."""
    attributes = {}
    opacity = marker.get("opacity")
    if _is_number(opacity) and opacity < 1:
        attributes["fill-opacity"] = svg.number(opacity * 100) + "%"
    outline = marker.get("line") or {}
    if outline.get("width"):
        attributes["stroke"] = outline.get("color", PALETTE[0])
        attributes["stroke-width"] = svg.number(outline["width"])
    return attributes


def _value_label(parent, box: tuple, horizontal: bool, text: str) -> None:
    """A bar's value just beyond its end, as plotly.js puts an 'outside' text label."""
    x, y, width, height = box
    if horizontal:
        svg.text(parent, x + width + 4, y + height / 2 + (FONT - 1) * 0.35, text, "start")
    else:
        svg.text(parent, x + width / 2, y - 4, text, "middle")


def _title(axis: dict) -> str:
    title = axis.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return _plain(text) if text else ""


def _flow_layout_of(trace: dict, height: float) -> FlowLayout | None:
    """The layout the chart's fixed node positions came from (None if it has none)."""
    node, link = trace.get("node", {}), trace.get("link", {})
    if not node.get("x") or not node.get("y"):
        return None
    return flow_layout(
        len(node.get("label") or []),
        link.get("source") or [],
        link.get("target") or [],
        link.get("value") or [],
        height - 2 * MARGIN,
        node.get("pad", 20),
    )


def _flow_drawable(figure: dict) -> bool:
    """One Sankey diagram whose nodes the chart placed, with no more links than a picture
    should carry."""
    traces = figure.get("data", [])
    if len(traces) != 1 or traces[0].get("type") != "sankey":
        return False
    height = float(figure.get("layout", {}).get("height") or 380)
    marks = len(traces[0].get("link", {}).get("value") or [])
    return marks <= MAX_MARKS and _flow_layout_of(traces[0], height) is not None


def _cartesian_drawable(figure: dict) -> bool:
    """Bars and scatter traces only, with no more marks than a picture should carry."""
    traces = figure.get("data", [])
    if not traces or any(t.get("type") not in ("bar", "scatter") for t in traces):
        return False
    marks = sum(len(t.get("x") or []) for t in traces)
    return marks <= MAX_MARKS


def _at_each_width(figure: dict, months: Sequence[str]) -> str | None:
    """The figure's picture at each width (the page's CSS shows one), unless too heavy."""
    pictures = []
    for name, width in WIDTHS.items():
        element = Picture(figure, width, months).draw()
        element.set("class", f"chart__picture chart__picture--{name}")
        pictures.append(etree.tostring(element, encoding="unicode"))
    markup = "".join(pictures)
    return markup if len(markup.encode("utf-8")) <= MAX_BYTES else None


def cartesian_svg(figure: dict, months: Sequence[str]) -> str | None:
    """The picture of a figure of bars, lines and markers on two axes, or None."""
    return _at_each_width(figure, months) if _cartesian_drawable(figure) else None


def flow_svg(figure: dict, months: Sequence[str]) -> str | None:
    """The picture of a flow (Sankey) figure with fixed node positions, or None."""
    return _at_each_width(figure, months) if _flow_drawable(figure) else None


def picture_svg(figure: dict, months: Sequence[str]) -> str | None:
    """The picture of any figure the explainer draws, or None if it has none (each chart type
    names the drawing it uses; this one tells them apart by the figure's traces)."""
    if _flow_drawable(figure) or _cartesian_drawable(figure):
        return _at_each_width(figure, months)
    return None
