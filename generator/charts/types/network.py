"""Who is linked to whom, derived from the relations: actors as nodes by kind, links styled by
how established they are and named by the relation on hover."""

from __future__ import annotations

import plotly.graph_objects as go

from generator.charts.layout import force_layout
from generator.charts.picture import cartesian_svg
from generator.charts.plotting import (
    BuiltChart,
    Link,
    PlottedData,
    full_name,
    relation_words,
    said_by,
    short_name,
)
from generator.charts.theme import PALETTE
from generator.charts.types import ChartType
from generator.model import Chart, Investigation, Relation
from generator.render.locale import Locale
from generator.text import pick

NODE_SYMBOLS = {
    "person": "circle",
    "organisation": "square",
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
LABELLED_NODES = 14


class _Graph:
    """The actors a chart draws, where they sit, and how to name its links."""

    def __init__(self, investigation: Investigation, locale: Locale):
        self.locale = locale
        self.actors = {actor.id: actor for actor in investigation.actors}
        self.sources = {source.id: source for source in investigation.sources}
        self.relations = investigation.relations
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
        by_degree = sorted(self.involved, key=lambda n: (-self.degree[n], n))
        self.labelled = set(by_degree[:LABELLED_NODES])

    def name(self, actor_id: str) -> str:
        return full_name(self.actors[actor_id], self.locale.language)

    def said_by(self, relation: Relation) -> list[str]:
        return said_by(relation, self.actors, self.sources, self.locale.language)

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
                hovertext=[graph.edge_text(r) for r in chosen],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )


def _nodes(figure: go.Figure, graph: _Graph, link: Link) -> None:
    """One trace per kind of actor: its symbol, colour and legend entry."""
    language, actors = graph.locale.language, graph.actors

    def label(node: str) -> str:  # the best linked nodes only: more would overlap
        return short_name(actors[node], language) if node in graph.labelled else ""

    for kind in graph.kind_order:
        nodes = [a for a in graph.involved if actors[a].kind == kind]
        if not nodes:
            continue
        figure.add_trace(
            go.Scatter(
                name=graph.locale["actor_kinds"][kind],
                x=[graph.position[n][0] for n in nodes],
                y=[graph.position[n][1] for n in nodes],
                mode="markers+text",
                text=[label(n) for n in nodes],
                textposition="top center",
                textfont={"size": 10},
                marker={
                    "size": [10 + min(graph.degree[n], 8) for n in nodes],
                    "symbol": NODE_SYMBOLS[kind],
                    "color": PALETTE[graph.kind_order.index(kind) % len(PALETTE)],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[link("actor", n) for n in nodes],
                hovertext=[f"{graph.name(n)}: {pick(actors[n].role, language)}" for n in nodes],
                hovertemplate="%{hovertext}<extra></extra>",
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


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    """Actors as nodes by kind; links styled by status, named by relation kind on hover."""
    graph = _Graph(investigation, locale)
    result = go.Figure()
    _links(result, graph, link)
    _nodes(result, graph, link)
    hidden = {"visible": False, "range": [-1.15, 1.15], "fixedrange": True}
    result.update_layout(
        height=620,
        xaxis=hidden,
        yaxis={**hidden, "range": [-1.1, 1.15]},
        hovermode="closest",
        dragmode=False,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
    )
    return BuiltChart(result, _table(graph))


def graph_links(chart: Chart, investigation: Investigation) -> list[tuple[str, str]] | None:
    """The (from, to) pairs the chart would draw, for the size limits."""
    if chart.derived_from != "relations":
        return None
    return [(r.from_, r.to) for r in investigation.relations]


CHART_TYPE = ChartType(
    "network", figure, cartesian_svg, traces=("scatter",), derived="relations", graph=graph_links
)
