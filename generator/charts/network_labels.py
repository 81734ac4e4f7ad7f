"""Where a network's node labels go: beside their node, never over another label, never past
the chart's edge, at both widths a page shows the chart at.

The picture and the interactive chart place each label the same way (a side of its node and an
offset in pixels), so the placement is chosen once, here, and must fit at the narrow and the wide
width alike. Labels are placed greedily, the most connected node first: when a label fits nowhere
its node goes unlabelled, and the chart names it in a note (its name shows on hover and focus).

Text widths are estimated, not measured (the page's font is the reader's system font): the
estimate follows Arial's proportions, rounded up, so a real label is seldom wider than its box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.charts.theme import MARGIN

# The data ranges both drawings map to their plotting area (the force layout spans [-1, 1]²;
# the extra room keeps markers off the edge).
X_RANGE = (-1.15, 1.15)
Y_RANGE = (-1.12, 1.12)
# Label size in pixels of the picture's own coordinates; the narrow picture shows at about
# 0.95 of its size on a 375 px phone, which keeps labels above 11 px.
LABEL_FONT = 12.5
GAP = 3  # between a marker's edge and its label
PADDING = 2  # around a label's box, so that two labels never touch

_NARROW = set("ijlI.,:;'!|()[]ftr ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float = LABEL_FONT) -> float:
    """An upper estimate of ``text``'s width at ``size`` in a sans-serif system font."""
    units = 0.0
    for char in text:
        if char in _WIDE:
            units += 0.86
        elif char in _NARROW:
            units += 0.34
        elif char.isupper():
            units += 0.70
        else:
            units += 0.58
    return units * size


@dataclass(frozen=True)
class Placement:
    """A label's side of its node: ``anchor`` is the SVG text-anchor (start, middle, end),
    ``dx``/``dy`` the offset of the text's anchor point from the node's centre, in pixels, with
    ``dy`` pointing down and the anchor point on the text's vertical middle."""

    anchor: str
    dx: float
    dy: float


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


def to_pixels(x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """A layout position in pixels of a drawing ``width`` × ``height`` (y downwards)."""
    share_x = (x - X_RANGE[0]) / (X_RANGE[1] - X_RANGE[0])
    share_y = (y - Y_RANGE[0]) / (Y_RANGE[1] - Y_RANGE[0])
    return (
        MARGIN + share_x * (width - 2 * MARGIN),
        height - MARGIN - share_y * (height - 2 * MARGIN),
    )


def _candidates(radius: float) -> list[Placement]:
    """The sides a label may take, the most readable first: right, left, above, below, then
    the four corners."""
    side, corner = radius + GAP, radius * 0.7 + GAP
    height = LABEL_FONT
    return [
        Placement("start", side, 0),
        Placement("end", -side, 0),
        Placement("middle", 0, -(side + height / 2)),
        Placement("middle", 0, side + height / 2),
        Placement("start", corner, -(corner + height / 2)),
        Placement("end", -corner, -(corner + height / 2)),
        Placement("start", corner, corner + height / 2),
        Placement("end", -corner, corner + height / 2),
    ]


def label_box(point: tuple[float, float], placement: Placement, text: str) -> Box:
    width = text_width(text)
    x, y = point[0] + placement.dx, point[1] + placement.dy
    left = {"start": x, "middle": x - width / 2, "end": x - width}[placement.anchor]
    half = LABEL_FONT * 0.62  # ascenders and descenders
    return Box(left - PADDING, y - half - PADDING, left + width + PADDING, y + half + PADDING)


def _marker_box(point: tuple[float, float], radius: float) -> Box:
    return Box(point[0] - radius, point[1] - radius, point[0] + radius, point[1] + radius)


class _Grid:
    """Boxes filed by the cells of a square grid they cover, so that a box is compared only with
    its neighbours: placing labels stays about linear in the number of nodes, not quadratic (a
    network of thousands of actors)."""

    CELL = 48.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[Box, str]]] = {}

    def _cells(self, box: Box):
        for column in range(int(box.left // self.CELL), int(box.right // self.CELL) + 1):
            for row in range(int(box.top // self.CELL), int(box.bottom // self.CELL) + 1):
                yield column, row

    def add(self, box: Box, owner: str = "") -> None:
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append((box, owner))

    def clashes(self, box: Box, allowed: str | None = None) -> bool:
        """Whether ``box`` overlaps a filed box other than those of ``allowed``."""
        return any(
            owner != allowed and box.overlaps(other)
            for cell in self._cells(box)
            for other, owner in self.cells.get(cell, ())
        )


def place_labels(
    order: Sequence[str],
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    labels: dict[str, str],
    sizes: Sequence[tuple[float, float]],
) -> dict[str, Placement]:
    """A placement for each node of ``order`` (most important first) whose label fits at every
    drawing size of ``sizes`` (width, height) without covering another label or marker or
    crossing the edge; nodes left out get no label."""
    points = {
        size: {node: to_pixels(*positions[node], *size) for node in positions} for size in sizes
    }
    markers = {size: _Grid() for size in sizes}
    for size in sizes:
        for node in positions:
            markers[size].add(_marker_box(points[size][node], radii[node]), node)
    taken = {size: _Grid() for size in sizes}
    placed: dict[str, Placement] = {}
    for node in order:
        for placement in _candidates(radii[node]):
            boxes = {size: label_box(points[size][node], placement, labels[node]) for size in sizes}
            if all(
                boxes[size].inside(*size)
                and not taken[size].clashes(boxes[size])
                and not markers[size].clashes(boxes[size], allowed=node)
                for size in sizes
            ):
                placed[node] = placement
                for size in sizes:
                    taken[size].add(boxes[size])
                break
    return placed
