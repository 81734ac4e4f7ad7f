"""Where a flow chart's (Sankey diagram's) nodes and links lie, decided here, not in the browser.

Plotly lays a Sankey diagram out in the browser (d3-sankey). The flow charts instead give it
fixed node positions computed here, so that the static picture drawn at build time and the
interactive chart that replaces it put every node in the same place. The node and link
thicknesses follow d3-sankey's rule, as Plotly applies it to fixed positions: every node is
``value * ky`` tall, where ``ky`` is the largest scale at which each column, with its padding,
fits the chart's height.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# d3-sankey (Plotly's fork) shrinks the padding so that it takes at most this share of the height.
MAX_PADDED_SHARE = 2 / 3
EDGE = 0.02  # first and last columns' centres, as a share of the width from each side


@dataclass(frozen=True)
class FlowLayout:
    """Per node: centre as shares of the width and height, and thickness along the height in
    pixels; per link: its thickness, and where its middle meets its source and target."""

    x: list[float]
    y: list[float]
    node_size: list[float]
    link_size: list[float]
    link_start: list[float]  # pixels from the top, at the source node
    link_end: list[float]  # pixels from the top, at the target node
    last_column: list[bool]


def columns(count: int, sources: Sequence[int], targets: Sequence[int]) -> list[int] | None:
    """Each node's column: one more than its furthest source; sinks in the last column.
    None when the flows go round in a circle (no column order exists).

    Nodes are taken in topological order (Kahn's algorithm), each once, with each link once:
    linear in nodes and links. (Moving a frontier one column at a time, with a scan of every
    link per node, took 44 s for 1,000 circular links and over 120 s for 2,000.)
    """
    outgoing: list[list[int]] = [[] for _ in range(count)]
    waiting = [0] * count  # links into each node not yet followed
    for source, target in zip(sources, targets, strict=True):
        outgoing[source].append(target)
        waiting[target] += 1
    column = [0] * count
    ready = [node for node in range(count) if not waiting[node]]
    placed = 0
    while ready:
        node = ready.pop()
        placed += 1
        for target in outgoing[node]:
            column[target] = max(column[target], column[node] + 1)
            waiting[target] -= 1
            if not waiting[target]:
                ready.append(target)
    if placed < count:
        return None  # the nodes left each wait for a link from a circle
    last = max(column, default=0)
    return [c if outgoing[node] else last for node, c in enumerate(column)]


def node_values(count: int, sources, targets, values) -> list[float]:
    """A node is as thick as the larger of what flows in and what flows out."""
    incoming, outgoing = [0.0] * count, [0.0] * count
    for source, target, value in zip(sources, targets, values, strict=True):
        outgoing[source] += value
        incoming[target] += value
    return [max(i, o) for i, o in zip(incoming, outgoing, strict=True)]


def flow_layout(
    count: int,
    sources: Sequence[int],
    targets: Sequence[int],
    values: Sequence[float],
    height: float,
    padding: float,
) -> FlowLayout | None:
    """Nodes stacked in their columns in the order given, each column centred on the height."""
    column = columns(count, sources, targets)
    if column is None or count == 0:
        return None
    sizes = node_values(count, sources, targets, values)
    members: list[list[int]] = [[] for _ in range(max(column) + 1)]
    for node, c in enumerate(column):  # in the order given, each column's nodes
        members[c].append(node)
    longest = max(len(nodes) for nodes in members)
    if longest > 1:
        padding = min(padding, MAX_PADDED_SHARE * height / (longest - 1))
    ky = min(
        (height - (len(nodes) - 1) * padding) / (sum(sizes[n] for n in nodes) or 1)
        for nodes in members
        if nodes
    )
    top = [0.0] * count
    for nodes in members:
        block = sum(sizes[n] * ky for n in nodes) + padding * (len(nodes) - 1)
        y = (height - block) / 2
        for node in nodes:
            top[node] = y
            y += sizes[node] * ky + padding
    last = max(column)
    x = [EDGE + (1 - 2 * EDGE) * (c / last if last else 0.5) for c in column]
    y = [(top[n] + sizes[n] * ky / 2) / height for n in range(count)]
    start, end = _link_positions(count, sources, targets, values, ky, top)
    return FlowLayout(
        x,
        y,
        [s * ky for s in sizes],
        [v * ky for v in values],
        start,
        end,
        [c == last and last > 0 for c in column],
    )


def _link_positions(count, sources, targets, values, ky, top):
    """Links leave a node in the order of their targets' heights and enter it in the order of
    their sources' (as d3-sankey stacks them), each taking its thickness."""
    start, end = [0.0] * len(values), [0.0] * len(values)
    leaving: list[list[int]] = [[] for _ in range(count)]
    arriving: list[list[int]] = [[] for _ in range(count)]
    for link, (source, target) in enumerate(zip(sources, targets, strict=True)):
        leaving[source].append(link)
        arriving[target].append(link)
    for node in range(count):
        y = top[node]
        for link in sorted(leaving[node], key=lambda k: top[targets[k]]):
            start[link] = y + values[link] * ky / 2
            y += values[link] * ky
        y = top[node]
        for link in sorted(arriving[node], key=lambda k: top[sources[k]]):
            end[link] = y + values[link] * ky / 2
            y += values[link] * ky
    return start, end
