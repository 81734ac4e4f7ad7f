"""Plotly figures from chart specs, built with ``plotly.graph_objects``, plus the plotted data.

Each builder returns the figure and the exact rows it plots, so the data table and the CSV
download beside a chart can never disagree with the chart itself.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from generator.charts.flow_layout import flow_layout
from generator.charts.layout import force_layout
from generator.charts.spec import y_columns
from generator.charts.theme import HIGHLIGHT, MARGIN, MUTED_OPACITY, PALETTE
from generator.dates import PartialDate, Precision, Qualifier
from generator.model import Chart, Investigation
from generator.render.links import Resolver
from generator.render.locale import Locale
from generator.text import pick

Link = Callable[[str, str], str]  # (kind, id) -> the address of the item's entry


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


def _shown(dataset, name: str, value, language: str) -> str:
    """A cell as readers see it: the column's translated label for that value, if it has one."""
    column = next(c for c in dataset.columns if c.name == name)
    text = str(_cell(value))
    return pick(column.values[text], language) if text in column.values else text


def _dataset(investigation: Investigation, chart: Chart):
    return next(d for d in investigation.datasets if d.id == chart.dataset)


def bar_chart(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    dataset = _dataset(investigation, chart)
    language = locale.language
    ys = y_columns(chart)
    categories = [_shown(dataset, chart.x, row[chart.x], language) for row in dataset.rows]
    if chart.series is not None:  # long format: one category per x value, one trace per series
        categories = list(dict.fromkeys(categories))
    horizontal = chart.orientation == "horizontal"
    highlight = set(chart.highlight)
    category_axis, value_axis = ("y", "x") if horizontal else ("x", "y")
    figure = go.Figure()
    for index, (label, values) in enumerate(_bar_series(chart, dataset, categories, language)):
        colour = PALETTE[index % len(PALETTE)]
        single = len(ys) == 1 and chart.series is None
        colours = [HIGHLIGHT if c in highlight and single else colour for c in categories]
        opacity = [1 if not highlight or c in highlight else MUTED_OPACITY for c in categories]
        figure.add_trace(
            go.Bar(
                name=label,
                x=values if horizontal else categories,
                y=categories if horizontal else values,
                orientation="h" if horizontal else "v",
                marker={"color": colours, "opacity": opacity},
                hovertemplate=(
                    f"%{{{category_axis}}}: %{{{value_axis}:,}}<extra>%{{fullData.name}}</extra>"
                ),
            )
        )
    value_title = _column_label(dataset, ys[0], language) if len(ys) == 1 else ""
    bars_per_category = max(1, len(figure.data))
    height = max(240, 60 + 26 * len(categories) * bars_per_category) if horizontal else 380
    figure.update_layout(
        barmode="group",
        height=height,
        showlegend=len(figure.data) > 1,
        xaxis={"title": {"text": value_title}} if horizontal else {"type": "category"},
        yaxis={"autorange": "reversed", "type": "category"}
        if horizontal
        else {"title": {"text": value_title}},
    )
    return BuiltChart(figure, _plotted_rows(chart, dataset, dataset.rows, language))


def _bar_series(chart: Chart, dataset, categories: list[str], language: str):
    """(legend label, value per category) for each bar series: a y column, or a series value."""
    ys = y_columns(chart)
    if chart.series is None:
        for column in ys:
            yield _column_label(dataset, column, language), [row[column] for row in dataset.rows]
        return

    def series_of(row) -> str:
        return _shown(dataset, chart.series, row[chart.series], language)

    for name in dict.fromkeys(series_of(row) for row in dataset.rows):
        rows = [row for row in dataset.rows if series_of(row) == name]
        by_category = {_shown(dataset, chart.x, row[chart.x], language): row[ys[0]] for row in rows}
        yield name, [by_category.get(c) for c in categories]


def _plotted_rows(chart: Chart, dataset, rows, language: str) -> PlottedData:
    """The columns a bar or line chart shows, in the order it shows them."""
    names = [chart.x, *([chart.series] if chart.series else []), *y_columns(chart)]
    return PlottedData(
        names,
        [_column_label(dataset, name, language) for name in names],
        [
            [
                row[name]
                if row[name] is None or isinstance(row[name], int | float)
                else _shown(dataset, name, row[name], language)
                for name in names
            ]
            for row in rows
        ],
    )


def line_chart(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    dataset = _dataset(investigation, chart)
    language = locale.language
    ys = y_columns(chart)
    rows = sorted(dataset.rows, key=lambda row: _sort_key(row[chart.x]))
    lines = [(_column_label(dataset, column, language), rows, column) for column in ys]
    if chart.series is not None:

        def series_of(row) -> str:
            return _shown(dataset, chart.series, row[chart.series], language)

        names = dict.fromkeys(series_of(row) for row in rows)
        lines = [(name, [row for row in rows if series_of(row) == name], ys[0]) for name in names]
    figure = go.Figure()
    for name, series_rows, column in lines:
        figure.add_trace(
            go.Scatter(
                name=name,
                x=[_plot_x(row[chart.x]) for row in series_rows],
                y=[row[column] for row in series_rows],
                mode="lines+markers",
                line={"width": 2.5},
                marker={"size": 6},
            )
        )
    figure.update_layout(
        height=360,
        showlegend=len(figure.data) > 1,
        hovermode="x unified",
        yaxis={"title": {"text": _column_label(dataset, ys[0], language) if len(ys) == 1 else ""}},
    )
    return BuiltChart(figure, _plotted_rows(chart, dataset, rows, language))


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


def _span_end(date: PartialDate) -> datetime:
    """Where a timeline bar ending at ``date`` stops: a month or a year at the end of it, a day
    or a minute at its start (as drawn so far); 'before X' at the start of X, 'after X' at its
    end, the bounds those words give."""
    if date.qualifier is Qualifier.BEFORE:
        return date.period_start()
    if date.qualifier is Qualifier.AFTER:
        return date.period_end()
    if date.precision in (Precision.YEAR, Precision.MONTH):
        return date.period_end()
    return date.period_start()


def timeline_chart(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    """Events in lanes; a day is a dot, a month or a year is a bar as long as that period."""
    language = locale.language
    events = sorted(
        (e for e in investigation.events if not chart.groups or e.group in chart.groups),
        key=lambda e: (e.date.start(), e.id),
    )
    labels = investigation.story.lanes if investigation.story else {}

    def lane(event) -> str:
        if event.group in labels:
            return pick(labels[event.group], language)
        return event.group.replace("-", " ")

    # lanes top to bottom in the order story.yml's `lanes:` gives them, then the others in the
    # order of their first event (sorted() keeps the date order within each rank)
    listed = list(labels)
    ranked = sorted(
        events, key=lambda e: listed.index(e.group) if e.group in listed else len(listed)
    )
    lanes = list(dict.fromkeys(lane(event) for event in ranked))

    def is_exact(event) -> bool:
        return event.date.precision in (Precision.DAY, Precision.MINUTE) and event.end is None

    # A date the sources give only as before, after or about a moment is drawn where it sorts,
    # as an open marker of its own legend entry: neither a dot that claims the day nor a bar
    # that claims the period.
    qualified = [e for e in events if e.date.qualifier is not None and e.end is None]
    exact = [e for e in events if is_exact(e) and e not in qualified]
    spans = [e for e in events if not is_exact(e) and e not in qualified]
    words = locale["words"]
    figure = go.Figure()
    if spans:
        starts = [e.date.start() for e in spans]
        ends = [_span_end(e.end or e.date) for e in spans]
        figure.add_trace(
            go.Bar(
                name=words.get("timeline_period", "period"),
                base=[s.strftime("%Y-%m-%d") for s in starts],
                x=[
                    max((end - start).total_seconds() * 1000, 86_400_000)
                    for start, end in zip(starts, ends, strict=True)
                ],
                y=[lane(e) for e in spans],
                orientation="h",
                marker={"color": PALETTE[1], "opacity": 0.55},
                width=0.5,
                customdata=[link("event", e.id) for e in spans],
                hovertext=[
                    f"{locale.date_range(e.date, e.end)}: {pick(e.title, language)}" for e in spans
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    if exact:
        figure.add_trace(
            go.Scatter(
                name=words.get("timeline_day", "day"),
                x=[e.date.start().strftime("%Y-%m-%d %H:%M") for e in exact],
                y=[lane(e) for e in exact],
                mode="markers",
                marker={
                    "size": 12,
                    "color": PALETTE[0],
                    "symbol": "circle",
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[link("event", e.id) for e in exact],
                hovertext=[f"{locale.date(e.date)}: {pick(e.title, language)}" for e in exact],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    if qualified:
        figure.add_trace(
            go.Scatter(
                name=words["timeline_qualified"],
                x=[e.date.start().strftime("%Y-%m-%d %H:%M") for e in qualified],
                y=[lane(e) for e in qualified],
                mode="markers",
                marker={
                    "size": 11,
                    "color": "rgba(0,0,0,0)",
                    "symbol": "circle",
                    "line": {"width": 2, "color": PALETTE[0]},
                },
                customdata=[link("event", e.id) for e in qualified],
                hovertext=[f"{locale.date(e.date)}: {pick(e.title, language)}" for e in qualified],
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
            [e.date.written(), e.end.written() if e.end else "", lane(e), pick(e.title, language)]
            for e in events
        ],
    )
    return BuiltChart(figure, data)


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


def _full_name(actor, language: str) -> str:
    return pick(actor.name, language)


def _short_name(actor, language: str) -> str:
    """What labels the actor's node or bar: its short name where it has one (hover text and
    tables keep the full name)."""
    return pick(actor.short_name or actor.name, language)


def _relation_words(relation, language: str) -> str:
    return pick(relation.label, language) if relation.label else relation.kind.replace("-", " ")


# Link styles say how established a link is; the legend names them.
LINK_STYLES = (
    ("confirmed", {"confirmed"}, "solid", PALETTE[0]),
    # one publisher's report is not established: drawn like the unconfirmed links
    ("alleged", {"reported", "alleged", "disputed", "unverified"}, "dash", PALETTE[1]),
    ("denied", {"denied", "retracted"}, "dot", PALETTE[7]),
)
LABELLED_NODES = 14


def network_chart(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    """Actors as nodes by kind; links styled by status, named by relation kind on hover."""
    language, statuses, words = locale.language, locale["statuses"], locale["words"]
    actors = {actor.id: actor for actor in investigation.actors}
    relations = investigation.relations
    kind_order = list(locale["actor_kinds"])
    involved = sorted(
        {node for relation in relations for node in (relation.from_, relation.to)},
        key=lambda a: (kind_order.index(actors[a].kind), a),
    )
    position = force_layout(involved, [(r.from_, r.to) for r in relations])
    degree = {node: 0 for node in involved}
    for relation in relations:
        degree[relation.from_] += 1
        degree[relation.to] += 1
    labelled = set(sorted(involved, key=lambda n: (-degree[n], n))[:LABELLED_NODES])

    def edge_text(relation) -> str:
        source = _full_name(actors[relation.from_], language)
        target = _full_name(actors[relation.to], language)
        text = (
            f"{source} → {_relation_words(relation, language)} → {target} "
            f"({statuses[relation.status].lower()})"
        )
        return f"{text}: {locale.amount(relation.amount)}" if relation.amount else text

    figure = go.Figure()
    for style, members, dash, colour in LINK_STYLES:
        chosen = [r for r in relations if r.status in members]
        if not chosen:
            continue
        xs, ys = [], []
        for relation in chosen:
            (x0, y0), (x1, y1) = position[relation.from_], position[relation.to]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        label = words["link_" + style]
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
                x=[(position[r.from_][0] + position[r.to][0]) / 2 for r in chosen],
                y=[(position[r.from_][1] + position[r.to][1]) / 2 for r in chosen],
                mode="markers",
                marker={"size": 12, "color": colour, "opacity": 0.01},
                showlegend=False,
                legendgroup=style,
                customdata=[link("relation", r.id) for r in chosen],
                hovertext=[edge_text(r) for r in chosen],
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
                text=[_short_name(actors[n], language) if n in labelled else "" for n in nodes],
                textposition="top center",
                textfont={"size": 10},
                marker={
                    "size": [10 + min(degree[n], 8) for n in nodes],
                    "symbol": NODE_SYMBOLS[kind],
                    "color": PALETTE[kind_order.index(kind) % len(PALETTE)],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                customdata=[link("actor", n) for n in nodes],
                hovertext=[
                    f"{_full_name(actors[n], language)}: {pick(actors[n].role, language)}"
                    for n in nodes
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    hidden = {"visible": False, "range": [-1.15, 1.15], "fixedrange": True}
    figure.update_layout(
        height=620,
        xaxis=hidden,
        yaxis={**hidden, "range": [-1.1, 1.15]},
        hovermode="closest",
        dragmode=False,
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
    )
    data = PlottedData(
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
                _full_name(actors[r.from_], language),
                pick(r.label, language) if r.label else r.kind,
                _full_name(actors[r.to], language),
                statuses[r.status].lower(),
                ", ".join(_full_name(actors[a], language) for a in r.attributed_to),
                locale.amount(r.amount) if r.amount else "",
            ]
            for r in relations
        ],
    )
    return BuiltChart(figure, data)


def relation_flow_chart(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    """Money between actors: relations with an amount in the chart's currency, by status."""
    language, statuses, words = locale.language, locale["statuses"], locale["words"]
    actors = {actor.id: actor for actor in investigation.actors}
    relations = [
        r for r in investigation.relations if r.amount and r.amount.currency == chart.currency
    ]
    nodes = list(dict.fromkeys(node for r in relations for node in (r.from_, r.to)))

    def said_by(relation) -> str:
        names = ", ".join(_full_name(actors[a], language) for a in relation.attributed_to)
        status = statuses[relation.status].lower()
        return f"{status} ({words['by'].lower()} {names})" if names else status

    number = {node: index for index, node in enumerate(nodes)}
    sources = [number[r.from_] for r in relations]
    targets = [number[r.to] for r in relations]
    values = [r.amount.value for r in relations]
    height = max(300, 50 * len(nodes) + 100)
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [_short_name(actors[n], language) for n in nodes],
                **_flow_nodes(len(nodes), sources, targets, values, height),
                "customdata": [link("actor", n) for n in nodes],
                "hovertemplate": "%{label}<extra></extra>",
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "color": [
                    "rgba(128,128,128,0.45)" if r.status == "confirmed" else "rgba(230,159,0,0.5)"
                    for r in relations
                ],
                # the link's words as its label: the loader script follows customdata on click.
                # The amount is written out with its qualifier ('about USD 381,000'), and the
                # full names, which the nodes may show shortened.
                "label": [
                    f"{locale.amount(r.amount)}: {_full_name(actors[r.from_], language)} → "
                    f"{_relation_words(r, language)} → {_full_name(actors[r.to], language)}, "
                    f"{said_by(r)}"
                    for r in relations
                ],
                "hovertemplate": "%{label}<extra></extra>",
            },
        )
    )
    figure.update_layout(height=height)
    data = PlottedData(
        ["from", "relation", "to", "amount", "currency", "status", "attributed_to", "qualifier"],
        [
            words["from"],
            words["relations"],
            words["to"],
            words["amount"],
            words["currency"],
            words["status"],
            words["by"],
            words["qualifier"],
        ],
        [
            [
                _full_name(actors[r.from_], language),
                pick(r.label, language) if r.label else r.kind,
                _full_name(actors[r.to], language),
                r.amount.value,
                r.amount.currency,
                statuses[r.status].lower(),
                ", ".join(_full_name(actors[a], language) for a in r.attributed_to),
                locale.amount_qualifier(r.amount),
            ]
            for r in relations
        ],
    )
    return BuiltChart(figure, data)


FLOW_PAD = 14
FLOW_THICKNESS = 14


def _flow_nodes(count: int, sources, targets, values, height: int) -> dict:
    """A flow's node attributes, with fixed positions when the flows have a column order, so
    that the chart and its static picture put each node in the same place."""
    nodes = {
        "pad": FLOW_PAD,
        "thickness": FLOW_THICKNESS,
        "color": [PALETTE[i % len(PALETTE)] for i in range(count)],
    }
    layout = flow_layout(count, sources, targets, values, height - 2 * MARGIN, FLOW_PAD)
    if layout is not None:
        nodes["x"] = [round(x, 4) for x in layout.x]
        nodes["y"] = [round(y, 4) for y in layout.y]
    return nodes


def flow_chart(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    if chart.derived_from == "relations":
        return relation_flow_chart(chart, investigation, locale, link)
    dataset = _dataset(investigation, chart)
    language = locale.language
    source, target, value = chart.source_column, chart.target_column, chart.value_column
    nodes = list(dict.fromkeys(str(row[name]) for row in dataset.rows for name in (source, target)))
    value_label = _column_label(dataset, value, language)
    number = {node: index for index, node in enumerate(nodes)}
    sources = [number[str(row[source])] for row in dataset.rows]
    targets = [number[str(row[target])] for row in dataset.rows]
    values = [row[value] for row in dataset.rows]
    height = max(300, 60 * len(nodes) // 2 + 120)
    figure = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": nodes,
                **_flow_nodes(len(nodes), sources, targets, values, height),
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "color": "rgba(128,128,128,0.35)",
                "label": [value_label] * len(values),
                "hovertemplate": "%{source.label} → %{target.label}: %{value:,}"
                "<extra>%{label}</extra>",
            },
        )
    )
    figure.update_layout(height=height)
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


def build_chart(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link | None = None
) -> BuiltChart:
    """``link`` gives the address a click on an item's mark opens (by default the item's entry
    on its section page; the site passes its resolver's, which knows long sections' parts)."""
    if link is None:
        resolver = Resolver({investigation.slug: investigation}, locale.language)
        link = functools.partial(resolver.site_url, investigation.slug)
    built = BUILDERS[chart.type](chart, investigation, locale, link)
    number = locale["number"]
    built.figure.update_layout(separators=number["decimal"] + number["thousands"])
    return built


def plain_text(text: str) -> str:
    """Text as plotly.js shows it literally: it reads every label, name, title and hover text
    as a little HTML (``<a href>``, ``<b>``, ``<span style>``, ``<br>``) and decodes ``&lt;``,
    ``&gt;`` and ``&amp;``, so escaping these three shows editor text as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_texts(value, key: str = ""):
    """Every string of a figure's JSON through ``plain_text``, wherever Plotly may show it.

    Only the templates (``hovertemplate``, ``texttemplate``) keep their markup: the code writes
    them, and editor text reaches them only by reference (``%{customdata}``, ``%{label}``),
    which plotly.js substitutes already escaped. Figures are made of editor text at many places
    (categories, lanes, legend names, axis titles, node labels, hover text): escaping at this
    one door, on the way to plotly.js, leaves none out. Other strings (colours, dates, link
    addresses) hold no ``<``, ``>`` or ``&``.
    """
    if isinstance(value, str):
        return value if key.endswith("template") else plain_text(value)
    if isinstance(value, dict):
        return {name: plain_texts(item, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_texts(item, key) for item in value]
    return value


def figure_json(figure: go.Figure) -> str:
    """Figure JSON without Plotly's default template, keys sorted: byte-identical every build.

    Its text is plain text for plotly.js (see ``plain_texts``); the figure itself, and the
    static picture drawn from it, keep the text as written.
    """
    data = figure.to_plotly_json()
    data.get("layout", {}).pop("template", None)
    data = plain_texts(data)
    return (
        json.dumps(
            data, cls=PlotlyJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        + "\n"
    )
