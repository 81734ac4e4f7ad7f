"""Plotly figures from chart specs, built with ``plotly.graph_objects``, plus the plotted data.

Each builder returns the figure and the exact rows it plots, so the data table and the CSV
download beside a chart can never disagree with the chart itself.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from generator.charts.spec import y_columns
from generator.charts.theme import HIGHLIGHT, MUTED_OPACITY, PALETTE
from generator.dates import PartialDate, Precision
from generator.model import Chart, Investigation
from generator.render.locale import Locale
from generator.text import pick


@dataclass
class PlottedData:
    """The rows a chart draws: its data table and its CSV download."""

    columns: list[str]
    labels: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass
class BuiltChart:
    figure: go.Figure
    data: PlottedData


def _column_label(dataset, name: str, language: str) -> str:
    column = next(c for c in dataset.columns if c.name == name)
    label = pick(column.label, language) if column.label else name.replace("_", " ")
    return f"{label} ({column.unit})" if column.unit else label


def _cell(value):
    return value.iso() if isinstance(value, PartialDate) else value


def _dataset(investigation: Investigation, chart: Chart):
    return next(d for d in investigation.datasets if d.id == chart.dataset)


def bar_chart(chart: Chart, investigation: Investigation, locale: Locale) -> BuiltChart:
    dataset = _dataset(investigation, chart)
    language = locale.language
    ys = y_columns(chart)
    categories = [str(_cell(row[chart.x])) for row in dataset.rows]
    horizontal = chart.orientation == "horizontal"
    highlight = set(chart.highlight)
    category_axis, value_axis = ("y", "x") if horizontal else ("x", "y")
    figure = go.Figure()
    for index, column in enumerate(ys):
        values = [row[column] for row in dataset.rows]
        colour = PALETTE[index % len(PALETTE)]
        colours = [HIGHLIGHT if c in highlight and len(ys) == 1 else colour for c in categories]
        opacity = [1 if not highlight or c in highlight else MUTED_OPACITY for c in categories]
        label = _column_label(dataset, column, language)
        figure.add_trace(
            go.Bar(
                name=label,
                x=values if horizontal else categories,
                y=categories if horizontal else values,
                orientation="h" if horizontal else "v",
                marker={"color": colours, "opacity": opacity},
                hovertemplate=(
                    f"%{{{category_axis}}}: %{{{value_axis}:,}}<extra>{_escape(label)}</extra>"
                ),
            )
        )
    value_title = _column_label(dataset, ys[0], language) if len(ys) == 1 else ""
    height = max(240, 60 + 30 * len(categories) * max(1, len(ys))) if horizontal else 380
    figure.update_layout(
        barmode="group",
        height=height,
        showlegend=len(ys) > 1,
        xaxis={"title": {"text": value_title}} if horizontal else {"type": "category"},
        yaxis={"autorange": "reversed", "type": "category"}
        if horizontal
        else {"title": {"text": value_title}},
    )
    data = PlottedData(
        [chart.x, *ys],
        [_column_label(dataset, chart.x, language)]
        + [_column_label(dataset, c, language) for c in ys],
        [[_cell(row[chart.x]), *(row[c] for c in ys)] for row in dataset.rows],
    )
    return BuiltChart(figure, data)


def line_chart(chart: Chart, investigation: Investigation, locale: Locale) -> BuiltChart:
    dataset = _dataset(investigation, chart)
    language = locale.language
    ys = y_columns(chart)
    rows = sorted(dataset.rows, key=lambda row: _sort_key(row[chart.x]))
    xs = [_plot_x(row[chart.x]) for row in rows]
    figure = go.Figure()
    for column in ys:
        figure.add_trace(
            go.Scatter(
                name=_column_label(dataset, column, language),
                x=xs,
                y=[row[column] for row in rows],
                mode="lines+markers",
                line={"width": 2.5},
                marker={"size": 6},
            )
        )
    figure.update_layout(
        height=360,
        showlegend=len(ys) > 1,
        hovermode="x unified",
        yaxis={"title": {"text": _column_label(dataset, ys[0], language) if len(ys) == 1 else ""}},
    )
    data = PlottedData(
        [chart.x, *ys],
        [_column_label(dataset, chart.x, language)]
        + [_column_label(dataset, c, language) for c in ys],
        [[_cell(row[chart.x]), *(row[c] for c in ys)] for row in rows],
    )
    return BuiltChart(figure, data)


def _sort_key(value):
    return value.start() if isinstance(value, PartialDate) else value


def _plot_x(value):
    if isinstance(value, PartialDate):
        return (
            value.start().strftime("%Y-%m-%d %H:%M")
            if value.precision is Precision.MINUTE
            else value.start().strftime("%Y-%m-%d")
        )
    return value


def _period_end(date: PartialDate) -> datetime:
    """The first moment after the period a date stands for (a month-precise date: the month)."""
    start = date.start()
    if date.precision is Precision.YEAR:
        return datetime(start.year + 1, 1, 1)
    if date.precision is Precision.MONTH:
        return datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start


def _escape(text: str) -> str:
    """Plotly renders a little HTML in labels; editor text must show as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timeline_chart(chart: Chart, investigation: Investigation, locale: Locale) -> BuiltChart:
    """Events in lanes; a day is a dot, a month or a year is a bar as long as that period."""
    language = locale.language
    events = sorted(investigation.events, key=lambda e: (e.date.start(), e.id))
    lanes = list(dict.fromkeys(event.group.replace("-", " ") for event in events))
    exact = [
        e for e in events if e.date.precision in (Precision.DAY, Precision.MINUTE) and e.end is None
    ]
    spans = [e for e in events if e not in exact]
    words = locale["words"]
    figure = go.Figure()
    if spans:
        starts = [e.date.start() for e in spans]
        ends = [
            _period_end(e.end or e.date)
            if (e.end or e.date).precision in (Precision.YEAR, Precision.MONTH)
            else (e.end or e.date).start()
            for e in spans
        ]
        figure.add_trace(
            go.Bar(
                name=words.get("timeline_period", "period"),
                base=[s.strftime("%Y-%m-%d") for s in starts],
                x=[
                    max((end - start).total_seconds() * 1000, 86_400_000)
                    for start, end in zip(starts, ends, strict=True)
                ],
                y=[e.group.replace("-", " ") for e in spans],
                orientation="h",
                marker={"color": PALETTE[1], "opacity": 0.55},
                width=0.5,
                customdata=[f"{investigation.slug}/timeline/#event-{e.id}" for e in spans],
                hovertext=[
                    _escape(f"{locale.date_range(e.date, e.end)}: {pick(e.title, language)}")
                    for e in spans
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    if exact:
        figure.add_trace(
            go.Scatter(
                name=words.get("timeline_day", "day"),
                x=[e.date.start().strftime("%Y-%m-%d %H:%M") for e in exact],
                y=[e.group.replace("-", " ") for e in exact],
                mode="markers",
                marker={
                    "size": 12,
                    "color": PALETTE[0],
                    "symbol": "circle",
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[f"{investigation.slug}/timeline/#event-{e.id}" for e in exact],
                hovertext=[
                    _escape(f"{locale.date(e.date)}: {pick(e.title, language)}") for e in exact
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure.update_layout(
        height=max(260, 90 + 46 * len(lanes)),
        showlegend=True,
        barmode="overlay",
        xaxis={"type": "date"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": lanes[::-1]},
        hovermode="closest",
    )
    data = PlottedData(
        ["date", "end", "lane", "event"],
        [words["date"], words["until"], words.get("lane", "lane"), words["event"]],
        [
            [e.date.iso(), e.end.iso() if e.end else "", e.group, pick(e.title, language)]
            for e in events
        ],
    )
    return BuiltChart(figure, data)


NODE_SYMBOLS = {
    "person": "circle",
    "organisation": "square",
    "agency": "diamond",
    "platform": "hexagon",
    "account": "triangle-up",
    "channel": "star",
    "campaign": "pentagon",
}


def _circle_layout(ids: list[str]) -> dict[str, tuple[float, float]]:
    """Nodes evenly on a circle, in a fixed order: the same content always draws the same."""
    count = max(len(ids), 1)
    return {
        node: (
            round(math.cos(2 * math.pi * i / count), 6),
            round(math.sin(2 * math.pi * i / count), 6),
        )
        for i, node in enumerate(ids)
    }


def network_chart(chart: Chart, investigation: Investigation, locale: Locale) -> BuiltChart:
    """Actors as nodes by kind; links by relation kind, solid only when confirmed."""
    language = locale.language
    actors = {actor.id: actor for actor in investigation.actors}
    involved = list(
        dict.fromkeys(
            node for relation in investigation.relations for node in (relation.from_, relation.to)
        )
    )
    kind_order = list(locale["actor_kinds"])
    involved.sort(key=lambda a: (kind_order.index(actors[a].kind), a))
    position = _circle_layout(involved)
    statuses = locale["statuses"]
    figure = go.Figure()
    relation_kinds = list(dict.fromkeys(r.kind for r in investigation.relations))

    def edge_text(relation) -> str:
        kind = pick(relation.label, language) if relation.label else relation.kind
        return (
            f"{actors[relation.from_].name} → {kind.replace('-', ' ')} → "
            f"{actors[relation.to].name} ({statuses[relation.status].lower()})"
        )

    for style, members, dash in (
        ("confirmed", {"confirmed"}, "solid"),
        ("alleged", {"alleged", "disputed", "unverified"}, "dash"),
        ("denied", {"denied", "retracted"}, "dot"),
    ):
        for kind in relation_kinds:
            chosen = [r for r in investigation.relations if r.kind == kind and r.status in members]
            if not chosen:
                continue
            xs, ys = [], []
            for relation in chosen:
                (x0, y0), (x1, y1) = position[relation.from_], position[relation.to]
                xs += [x0, x1, None]
                ys += [y0, y1, None]
            colour = PALETTE[relation_kinds.index(kind) % len(PALETTE)]
            kind_label = kind.replace("-", " ")
            figure.add_trace(
                go.Scatter(
                    name=f"{kind_label} ({statuses[style].lower()})",
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": colour, "width": 2, "dash": dash},
                    hoverinfo="skip",
                    legendgroup=kind,
                )
            )
            figure.add_trace(
                go.Scatter(
                    x=[(position[r.from_][0] + position[r.to][0]) / 2 for r in chosen],
                    y=[(position[r.from_][1] + position[r.to][1]) / 2 for r in chosen],
                    mode="markers",
                    marker={"size": 10, "color": colour, "opacity": 0.01},
                    showlegend=False,
                    legendgroup=kind,
                    customdata=[f"{investigation.slug}/actors/#relation-{r.id}" for r in chosen],
                    hovertext=[_escape(edge_text(r)) for r in chosen],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
    for kind in kind_order:
        nodes = [a for a in involved if actors[a].kind == kind]
        if not nodes:
            continue
        figure.add_trace(
            go.Scatter(
                name=locale["actor_kinds"][kind],
                x=[position[n][0] for n in nodes],
                y=[position[n][1] for n in nodes],
                mode="markers+text",
                text=[_escape(actors[n].name) for n in nodes],
                textposition="top center",
                textfont={"size": 11},
                marker={
                    "size": 14,
                    "symbol": NODE_SYMBOLS[kind],
                    "color": PALETTE[7],
                    "line": {"width": 1.5, "color": "#ffffff"},
                },
                customdata=[f"{investigation.slug}/actors/#actor-{n}" for n in nodes],
                hovertext=[
                    _escape(f"{actors[n].name}: {pick(actors[n].role, language)}") for n in nodes
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    hidden = {"visible": False, "range": [-1.45, 1.45], "fixedrange": True}
    figure.update_layout(
        height=560,
        xaxis=hidden,
        yaxis={**hidden, "scaleanchor": "x"},
        hovermode="closest",
        dragmode=False,
    )
    words = locale["words"]
    data = PlottedData(
        ["from", "relation", "to", "status", "attributed_to"],
        [words["from"], words["relations"], words["to"], words["status"], words["by"]],
        [
            [
                actors[r.from_].name,
                pick(r.label, language) if r.label else r.kind,
                actors[r.to].name,
                r.status,
                ", ".join(actors[a].name for a in r.attributed_to),
            ]
            for r in investigation.relations
        ],
    )
    return BuiltChart(figure, data)


def flow_chart(chart: Chart, investigation: Investigation, locale: Locale) -> BuiltChart:
    dataset = _dataset(investigation, chart)
    language = locale.language
    source, target, value = chart.source_column, chart.target_column, chart.value_column
    nodes = list(dict.fromkeys(str(row[name]) for row in dataset.rows for name in (source, target)))
    value_label = _column_label(dataset, value, language)
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [_escape(n) for n in nodes],
                "pad": 14,
                "thickness": 14,
                "color": [PALETTE[i % len(PALETTE)] for i in range(len(nodes))],
            },
            link={
                "source": [nodes.index(str(row[source])) for row in dataset.rows],
                "target": [nodes.index(str(row[target])) for row in dataset.rows],
                "value": [row[value] for row in dataset.rows],
                "color": "rgba(128,128,128,0.35)",
                "hovertemplate": f"%{{source.label}} → %{{target.label}}: %{{value:,}}"
                f"<extra>{_escape(value_label)}</extra>",
            },
        )
    )
    figure.update_layout(height=max(300, 60 * len(nodes) // 2 + 120))
    data = PlottedData(
        [source, target, value],
        [_column_label(dataset, c, language) for c in (source, target, value)],
        [[row[source], row[target], row[value]] for row in dataset.rows],
    )
    return BuiltChart(figure, data)


BUILDERS = {
    "bar": bar_chart,
    "line": line_chart,
    "timeline": timeline_chart,
    "network": network_chart,
    "flow": flow_chart,
}


def build_chart(chart: Chart, investigation: Investigation, locale: Locale) -> BuiltChart:
    return BUILDERS[chart.type](chart, investigation, locale)


def figure_json(figure: go.Figure) -> str:
    """Figure JSON without Plotly's default template, keys sorted: byte-identical every build."""
    data = figure.to_plotly_json()
    data.get("layout", {}).pop("template", None)
    return (
        json.dumps(
            data, cls=PlotlyJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        + "\n"
    )
