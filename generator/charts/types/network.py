"""Who is linked to whom, derived from the relations: actors as nodes by kind, links styled by
how established they are and named by the relation on hover."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from generator.charts.items import drawn_items
from generator.charts.layout import force_layout
from generator.charts.network_labels import LABEL_FONT, X_RANGE, Y_RANGE, place_labels
from generator.charts.network_picture import HEIGHT, HIGHLIGHT, SIZES, network_svg
from generator.charts.plotting import (
    BuiltChart,
    LegendEntry,
    Link,
    PlottedData,
    full_name,
    hover_lines,
    relation_words,
    said_by,
    short_name,
)
from generator.charts.theme import MARGIN, PALETTE
from generator.charts.types import ChartType
from generator.model import Chart, Investigation, Relation
from generator.render.locale import Locale
from generator.text import pick

NODE_SYMBOLS = {
    "person": "circle",
    "organisation": "square",
    "company": "square",
    "agency": "diamond",
    "platform": "hexagon",
    "news-outlet": "square",
    "website": "hexagon",
    "account": "triangle-up",
    "channel": "star",
    "campaign": "pentagon",
}
# Link styles say how established a link is; the legend names them.
LINK_STYLES = (
    ("confirmed", {"confirmed"}, "solid", PALETTE[0]),
    # one publisher's report is not established: drawn like the unconfirmed links
    ("alleged", {"reported", "alleged", "disputed", "unverified"}, "dash", PALETTE[1]),
    ("denied", {"denied", "retracted"}, "dot", PALETTE[7]),
)


def node_radius(links: int) -> float:
    """A node's radius in pixels: its area grows with its number of links, within bounds that
    keep a lone node visible and a hub from covering its neighbours."""
    return min(5 + 2.2 * math.sqrt(links), 15)


class _Graph:
    """The actors a chart draws, where they sit, and how to name its links."""

    def __init__(self, chart: Chart, investigation: Investigation, locale: Locale):
        self.locale = locale
        self.actors = investigation.by_id("actors")
        self.sources = investigation.by_id("sources")
        self.relations = drawn_items(chart, investigation)
        self.kind_order = list(locale["actor_kinds"])
        self.involved = sorted(
            {node for relation in self.relations for node in (relation.from_, relation.to)},
            key=lambda a: (self.kind_order.index(self.actors[a].kind), a),
        )
        self.position = force_layout(self.involved, [(r.from_, r.to) for r in self.relations])
        self.degree = {node: 0 for node in self.involved}
        for relation in self.relations:
            self.degree[relation.from_] += 1
            self.degree[relation.to] += 1
        self.radius = {node: node_radius(self.degree[node]) for node in self.involved}
        self.label = {
            node: short_name(self.actors[node], locale.language) for node in self.involved
        }
        by_degree = sorted(self.involved, key=lambda n: (-self.degree[n], n))
        self.placement = place_labels(by_degree, self.position, self.radius, self.label, SIZES)
        self.unlabelled = [n for n in by_degree if n not in self.placement]
        self.neighbours: dict[str, set[str]] = {node: set() for node in self.involved}
        for relation in self.relations:
            self.neighbours[relation.from_].add(relation.to)
            self.neighbours[relation.to].add(relation.from_)

    def hover(self, actor_id: str) -> str:
        role = pick(self.actors[actor_id].role, self.locale.language)
        return f"{self.name(actor_id)}: {role}" if role else self.name(actor_id)

    def name(self, actor_id: str) -> str:
        return full_name(self.actors[actor_id], self.locale.language)

    def said_by(self, relation: Relation) -> list[str]:
        return said_by(
            relation, self.actors, self.sources, self.locale.language, self.locale["according_to"]
        )

    def status(self, relation: Relation) -> str:
        """The relation's status in words; a reported one names its publishers, as its entry
        on Who's who does ('reported by Associated Press')."""
        status = self.locale["statuses"][relation.status].lower()
        if relation.status != "reported":
            return status
        by = self.locale["status_by"]["reported"]
        return f"{status} {by} {', '.join(self.said_by(relation))}"

    def edge_text(self, relation: Relation) -> str:
        locale = self.locale
        text = (
            f"{self.name(relation.from_)} → {relation_words(relation, locale.language)} → "
            f"{self.name(relation.to)} ({self.status(relation)})"
        )
        return f"{text}: {locale.amount(relation.amount)}" if relation.amount else text

    def middle(self, relation: Relation, axis: int) -> float:
        return (self.position[relation.from_][axis] + self.position[relation.to][axis]) / 2


def _links(figure: go.Figure, graph: _Graph, link: Link) -> None:
    """Each style's links as lines, and an invisible marker at each link's middle that holds
    its hover text and its click-through (a line cannot)."""
    for style, members, dash, colour in LINK_STYLES:
        chosen = [r for r in graph.relations if r.status in members]
        if not chosen:
            continue
        xs, ys = [], []
        for relation in chosen:
            (x0, y0), (x1, y1) = graph.position[relation.from_], graph.position[relation.to]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        label = graph.locale["words"]["link_" + style]
        figure.add_trace(
            go.Scatter(
                name=label,
                x=xs,
                y=ys,
                mode="lines",
                legendgroup=style,
                hoverinfo="skip",
                line={"color": colour, "width": 1.6, "dash": dash},
            )
        )
        figure.add_trace(
            go.Scatter(
                name=label,
                x=[graph.middle(r, 0) for r in chosen],
                y=[graph.middle(r, 1) for r in chosen],
                mode="markers",
                marker={"size": 12, "color": colour, "opacity": 0.01},
                showlegend=False,
                legendgroup=style,
                customdata=[link("relation", r.id) for r in chosen],
                hovertext=[hover_lines(graph.edge_text(r)) for r in chosen],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )


def _nodes(figure: go.Figure, graph: _Graph, link: Link) -> dict[str, tuple[int, int]]:
    """One trace per kind of actor: its symbol and colour, each node as large as it has links.
    Returns where each node is among the traces (trace, point), for the labels and highlights."""
    actors = graph.actors
    where: dict[str, tuple[int, int]] = {}
    for kind in graph.kind_order:
        nodes = [a for a in graph.involved if actors[a].kind == kind]
        if not nodes:
            continue
        where.update({node: (len(figure.data), index) for index, node in enumerate(nodes)})
        figure.add_trace(
            go.Scatter(
                name=graph.locale["actor_kinds"][kind],
                x=[graph.position[n][0] for n in nodes],
                y=[graph.position[n][1] for n in nodes],
                mode="markers",
                marker={
                    "size": [2 * graph.radius[n] for n in nodes],
                    "symbol": NODE_SYMBOLS.get(kind, "square"),
                    "color": kind_colour(graph.kind_order, kind),
                    "line": {"width": 1, "color": "#ffffff"},
                    "opacity": 1,  # plotly.js would fade a trace of many markers
                },
                customdata=[link("actor", n) for n in nodes],
                hovertext=[hover_lines(graph.hover(n)) for n in nodes],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return where


def kind_colour(kind_order: list[str], kind: str) -> str:
    return PALETTE[kind_order.index(kind) % len(PALETTE)] if kind in kind_order else PALETTE[7]


def _labels(figure: go.Figure, graph: _Graph) -> None:
    """Each placed label as an annotation beside its node: the picture draws the same text at
    the same side and offset (generator/charts/network_picture.py)."""
    anchors = {"start": "left", "middle": "center", "end": "right"}
    for node in graph.involved:
        placement = graph.placement.get(node)
        if placement is None:
            continue
        x, y = graph.position[node]
        figure.add_annotation(
            x=x,
            y=y,
            text=graph.label[node],
            showarrow=False,
            xanchor=anchors[placement.anchor],
            yanchor="middle",
            xshift=round(placement.dx, 1),  # a tenth of a pixel: no reader sees finer
            yshift=round(-placement.dy, 1),
            font={"size": LABEL_FONT},
            captureevents=False,
        )


def _highlight(figure: go.Figure) -> None:
    """An empty trace the page's script fills with a hovered node's links."""
    figure.add_trace(
        go.Scatter(
            name="",
            x=[],
            y=[],
            mode="lines",
            showlegend=False,
            hoverinfo="skip",
            line={"color": HIGHLIGHT, "width": 3.2},
        )
    )


def _table(graph: _Graph) -> PlottedData:
    locale, language, words = graph.locale, graph.locale.language, graph.locale["words"]
    return PlottedData(
        ["from", "relation", "to", "status", "attributed_to", "amount"],
        [
            words["from"],
            words["relations"],
            words["to"],
            words["status"],
            words["by"],
            words["amount"],
        ],
        [
            [
                graph.name(r.from_),
                pick(r.label, language) if r.label else r.kind,
                graph.name(r.to),
                locale["statuses"][r.status].lower(),
                ", ".join(graph.said_by(r)),
                locale.amount(r.amount) if r.amount else "",
            ]
            for r in graph.relations
        ],
    )


def _legend(graph: _Graph, figure: go.Figure) -> list[LegendEntry]:
    """The kinds of actor drawn and the styles of link drawn, in the order they are drawn."""
    entries = [
        LegendEntry(trace.name, trace.marker.color, symbol=trace.marker.symbol)
        for trace in figure.data
        if trace.mode == "markers" and trace.showlegend is not False and trace.marker.symbol
    ]
    styles = [
        LegendEntry(graph.locale["words"]["link_" + style], colour, dash=dash)
        for style, members, dash, colour in LINK_STYLES
        if any(r.status in members for r in graph.relations)
    ]
    return styles + entries


def _note(graph: _Graph) -> str:
    """Which nodes carry no label, when some do not: the picture cannot say it otherwise."""
    if not graph.unlabelled:
        return ""
    names = ", ".join(graph.label[n] for n in sorted(graph.unlabelled, key=graph.label.get))
    return graph.locale["words"]["network_unlabelled"].format(names=names)


def _meta(graph: _Graph, where: dict[str, tuple[int, int]], highlight: int) -> dict:
    """What the page's script and the picture need to light up a node's neighbourhood: each
    node's neighbours as 'trace:point' keys, the trace that draws the highlighted links, and
    which annotation labels each node."""

    def key(node: str) -> str:
        trace, point = where[node]
        return f"{trace}:{point}"

    labelled = [n for n in graph.involved if n in graph.placement]
    return {
        "network": {
            "neighbours": {key(n): sorted(key(m) for m in graph.neighbours[n]) for n in where},
            "highlight": highlight,
            "labels": {key(n): index for index, n in enumerate(labelled)},
            "short": {key(n): graph.label[n] for n in where},
            "names": {key(n): graph.name(n) for n in where},
        }
    }


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    """Actors as nodes by kind, sized by their links; links styled by status, named by
    relation kind on hover; labels where they fit, the rest named in a note."""
    graph = _Graph(chart, investigation, locale)
    result = go.Figure()
    _links(result, graph, link)
    where = _nodes(result, graph, link)
    _labels(result, graph)
    _highlight(result)
    hidden = {"visible": False, "fixedrange": True}
    result.update_layout(
        height=HEIGHT,
        xaxis={**hidden, "range": list(X_RANGE)},
        yaxis={**hidden, "range": list(Y_RANGE)},
        hovermode="closest",
        dragmode=False,
        showlegend=False,
        margin={"l": MARGIN, "r": MARGIN, "t": MARGIN, "b": MARGIN, "pad": 0},
        meta=_meta(graph, where, len(result.data) - 1),
    )
    return BuiltChart(result, _table(graph), legend=_legend(graph, result), note=_note(graph))


def graph_links(chart: Chart, investigation: Investigation) -> list[tuple[str, str]] | None:
    """The (from, to) pairs the chart would draw, for the size limits."""
    if chart.derived_from != "relations":
        return None
    return [(r.from_, r.to) for r in drawn_items(chart, investigation)]


CHART_TYPE = ChartType(
    "network", figure, network_svg, traces=("scatter",), derived="relations", graph=graph_links
)
