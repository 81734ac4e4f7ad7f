"""The static picture of a network chart: links, nodes sized by their links, labels where the
chart placed them, and each node's neighbourhood lit up on hover or keyboard focus.

Drawn from the same figure plotly.js draws, in the same coordinates (generator/charts/
network_labels.py), so that nodes and labels stay where they are when the interactive chart
replaces the picture. Each node is a focusable group named by its actor; its links and its
neighbours' rings sit inside the group, hidden until the group is hovered or focused (the site's
stylesheet shows them): no script, no per-node style, nothing the page's policy must allow.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Sequence

from generator.charts import svg_marks as svg
from generator.charts.network_labels import LABEL_FONT, to_pixels
from generator.charts.picture import MAX_BYTES, WIDTHS
from generator.charts.theme import PALETTE

HEIGHT = 620
SIZES = tuple((width, HEIGHT) for width in WIDTHS.values())
HIGHLIGHT = "#D55E00"  # a lit node's links and its neighbours' rings
HIGHLIGHT_WIDTH = 3.2


def _key(trace: int, point: int) -> str:
    return f"{trace}:{point}"


class NetworkPicture:
    """One network figure's picture at one width."""

    def __init__(self, figure: dict, width: int):
        self.traces = figure.get("data", [])
        layout = figure.get("layout", {})
        self.meta = layout["meta"]["network"]
        self.annotations = layout.get("annotations", [])
        self.width, self.height = width, float(layout.get("height") or HEIGHT)
        self.nodes = self._nodes()

    def _nodes(self) -> dict[str, dict]:
        """Each node by its 'trace:point' key: where it is in pixels, its marker and names."""
        nodes = {}
        for key in self.meta["neighbours"]:
            trace_index, point = (int(part) for part in key.split(":"))
            trace = self.traces[trace_index]
            marker = trace.get("marker", {})
            nodes[key] = {
                "at": self._pixels(trace["x"][point], trace["y"][point]),
                "size": svg.each(marker.get("size", 10), len(trace["x"]))[point],
                "marker": marker,
                "name": self.meta["names"][key],
            }
        return nodes

    def _pixels(self, x: float, y: float) -> tuple[float, float]:
        return to_pixels(x, y, self.width, self.height)

    def draw(self, name: str) -> etree.Element:
        root = etree.Element(
            "svg",
            {
                "class": f"chart__picture chart__picture--{name} network-picture",
                "viewBox": f"0 0 {self.width} {svg.number(self.height)}",
                "width": "100%",
                "height": svg.number(self.height),
                "preserveAspectRatio": "xMinYMin meet",
            },
        )
        links = etree.SubElement(root, "g", {"class": "network__links"})
        for trace in self.traces:
            if trace.get("mode") == "lines" and trace.get("x") and trace.get("name"):
                points = [
                    None if x is None else self._pixels(x, y)
                    for x, y in zip(trace["x"], trace["y"], strict=True)
                ]
                line = trace.get("line", {})
                svg.polylines(links, points, line, line.get("color", PALETTE[0]))
        nodes = etree.SubElement(root, "g", {"class": "network__nodes"})
        for key in self.nodes:
            self._node(nodes, key)
        self._labels(root)
        return root

    def _node(self, parent, key: str) -> None:
        node = self.nodes[key]
        group = etree.SubElement(
            parent,
            "g",
            {"class": "network__node", "tabindex": "0", "role": "img", "aria-label": node["name"]},
        )
        x, y = node["at"]
        start = f"M{svg.number(x)},{svg.number(y)}"
        etree.SubElement(
            group,
            "path",
            {
                "class": "network__focus",
                "d": "".join(
                    f"{start}L{svg.number(other[0])},{svg.number(other[1])}"
                    for other in (self.nodes[n]["at"] for n in self.meta["neighbours"][key])
                ),
                "fill": "none",
                "stroke": HIGHLIGHT,
                "stroke-width": svg.number(HIGHLIGHT_WIDTH),
            },
        )
        marker = node["marker"]
        colour = marker.get("color", PALETTE[0])
        svg.markers(group, [(x, y)], {**marker, "size": node["size"]}, colour)
        rings = etree.SubElement(
            group,
            "g",
            {"class": "network__focus", "fill": "none", "stroke": HIGHLIGHT, "stroke-width": "2"},
        )
        for neighbour in [key, *self.meta["neighbours"][key]]:
            other = self.nodes[neighbour]
            etree.SubElement(
                rings,
                "circle",
                {
                    "cx": svg.number(other["at"][0]),
                    "cy": svg.number(other["at"][1]),
                    "r": svg.number(other["size"] / 2 + 4),
                },
            )
        if key not in self.meta["labels"]:  # a node without a label shows its name when lit
            name = etree.SubElement(
                group,
                "g",
                {"class": "network__focus", "fill": "currentColor", "font-size": str(LABEL_FONT)},
            )
            top = y - node["size"] / 2 - 6
            third = self.width / 3  # the name stays inside the picture
            anchor = "start" if x < third else "end" if x > 2 * third else "middle"
            svg.text(name, x, top, self.meta["short"][key], anchor)

    def _labels(self, parent) -> None:
        """The labels the chart placed, where plotly.js draws them (its annotations)."""
        group = etree.SubElement(
            parent,
            "g",
            {"class": "network__labels", "fill": "currentColor", "font-size": str(LABEL_FONT)},
        )
        anchors = {"left": "start", "center": "middle", "right": "end"}
        for annotation in self.annotations:
            x, y = self._pixels(annotation["x"], annotation["y"])
            svg.text(
                group,
                x + annotation.get("xshift", 0),
                y - annotation.get("yshift", 0) + LABEL_FONT * 0.35,
                str(annotation["text"]),
                anchors[annotation.get("xanchor", "center")],
            )


def network_svg(figure: dict, months: Sequence[str]) -> str | None:
    """The network's picture at each width (the page's CSS shows one), unless too heavy."""
    if "network" not in figure.get("layout", {}).get("meta", {}):
        return None
    markup = "".join(
        etree.tostring(NetworkPicture(figure, width).draw(name), encoding="unicode")
        for name, width in WIDTHS.items()
    )
    return markup if len(markup.encode("utf-8")) <= MAX_BYTES else None
