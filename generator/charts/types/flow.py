"""Flows (Sankey diagrams): money between actors, derived from the relations with an amount in
one currency, or the rows of a dataset from a source column to a target column."""

from __future__ import annotations

import plotly.graph_objects as go

from generator.charts.flow_layout import flow_layout
from generator.charts.picture import flow_svg
from generator.charts.plotting import (
    BuiltChart,
    Link,
    PlottedData,
    column_label,
    dataset_of,
    full_name,
    relation_words,
    said_by,
    short_name,
)
from generator.charts.theme import MARGIN, PALETTE
from generator.charts.types import NUMERIC, ChartType, blank_cells
from generator.csv_data import cell_at
from generator.diagnostics import Diagnostic
from generator.model import Chart, Dataset, Investigation
from generator.render.locale import Locale
from generator.text import pick

FLOW_PAD = 14
FLOW_THICKNESS = 14


def check_currency(chart: Chart) -> list[Diagnostic]:
    """Amounts in different currencies cannot be added up: a flow of relations names one."""
    if chart.currency is not None:
        return []
    return [
        Diagnostic(
            chart.at("derived_from"),
            f"chart '{chart.id}': a flow of relations needs the currency of the amounts it shows",
            "add 'currency: USD' (amounts in other currencies cannot be added up)",
        )
    ]


def check_rows(chart: Chart, dataset: Dataset, columns: dict) -> list[Diagnostic]:
    """Every flow of a dataset needs where it comes from, where it goes and how much."""
    roles = {"source_column": "sources", "target_column": "targets", "value_column": "values"}
    return blank_cells(chart, dataset, roles) or negative_flows(chart, dataset)


def negative_flows(chart: Chart, dataset: Dataset) -> list[Diagnostic]:
    """A band of negative width cannot be drawn: the direction of a flow is its source and
    target, never the sign of its size."""
    name = chart.value_column
    if name not in {column.name for column in dataset.columns}:
        return []
    return [
        Diagnostic(
            cell_at(row, dataset, name),
            f"negative value in column '{name}', which chart '{chart.id}' draws as the size of "
            "a flow",
            f"write it without the sign and swap the row's {chart.source_column} and "
            f"{chart.target_column}: a flow runs from its source to its target",
        )
        for row in dataset.rows
        if isinstance(row.get(name), int | float) and row[name] < 0
    ]


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


class _Money:
    """The relations a flow of relations draws, and how it names their actors and sources."""

    def __init__(self, chart: Chart, investigation: Investigation, locale: Locale):
        self.locale = locale
        self.actors = {actor.id: actor for actor in investigation.actors}
        self.cited = {source.id: source for source in investigation.sources}
        self.relations = [
            r for r in investigation.relations if r.amount and r.amount.currency == chart.currency
        ]

    def name(self, actor_id: str) -> str:
        return full_name(self.actors[actor_id], self.locale.language)

    def names(self, relation) -> str:
        return ", ".join(said_by(relation, self.actors, self.cited, self.locale.language))

    def status_said_by(self, relation) -> str:
        """'alleged (by X)'; a reported relation names its publishers as its entry does:
        'reported by Associated Press'."""
        locale, names = self.locale, self.names(relation)
        status = locale["statuses"][relation.status].lower()
        if relation.status == "reported":
            return f"{status} {locale['status_by']['reported']} {names}"
        return f"{status} ({locale['words']['by'].lower()} {names})" if names else status

    def label(self, relation) -> str:
        """A link's words: the amount with its qualifier ('about USD 381,000'), and the full
        names, which the nodes may show shortened."""
        return (
            f"{self.locale.amount(relation.amount)}: {self.name(relation.from_)} → "
            f"{relation_words(relation, self.locale.language)} → {self.name(relation.to)}, "
            f"{self.status_said_by(relation)}"
        )

    def table(self) -> PlottedData:
        locale, words = self.locale, self.locale["words"]
        keys = ["from", "relation", "to", "amount", "currency", "status", "attributed_to"]
        headings = ("from", "relations", "to", "amount", "currency", "status", "by")
        return PlottedData(
            [*keys, "qualifier"],
            [*(words[heading] for heading in headings), words["qualifier"]],
            [
                [
                    self.name(r.from_),
                    pick(r.label, locale.language) if r.label else r.kind,
                    self.name(r.to),
                    r.amount.value,
                    r.amount.currency,
                    locale["statuses"][r.status].lower(),
                    self.names(r),
                    locale.amount_qualifier(r.amount),
                ]
                for r in self.relations
            ],
        )


def relation_flow(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    """Money between actors: relations with an amount in the chart's currency, by status."""
    money = _Money(chart, investigation, locale)
    relations = money.relations
    nodes = list(dict.fromkeys(node for r in relations for node in (r.from_, r.to)))
    number = {node: index for index, node in enumerate(nodes)}
    sources = [number[r.from_] for r in relations]
    targets = [number[r.to] for r in relations]
    values = [r.amount.value for r in relations]
    height = max(300, 50 * len(nodes) + 100)
    result = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": [short_name(money.actors[n], locale.language) for n in nodes],
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
                # the link's words as its label: the loader script follows customdata on click
                "label": [money.label(r) for r in relations],
                "hovertemplate": "%{label}<extra></extra>",
            },
        )
    )
    result.update_layout(height=height)
    return BuiltChart(result, money.table())


def dataset_flow(
    chart: Chart, investigation: Investigation, locale: Locale, link: Link
) -> BuiltChart:
    """A dataset's rows as flows from the source column's value to the target column's."""
    dataset = dataset_of(investigation, chart)
    language = locale.language
    source, target, value = chart.source_column, chart.target_column, chart.value_column
    nodes = list(dict.fromkeys(str(row[name]) for row in dataset.rows for name in (source, target)))
    value_label = column_label(dataset, value, language)
    number = {node: index for index, node in enumerate(nodes)}
    sources = [number[str(row[source])] for row in dataset.rows]
    targets = [number[str(row[target])] for row in dataset.rows]
    values = [row[value] for row in dataset.rows]
    height = max(300, 60 * len(nodes) // 2 + 120)
    result = go.Figure(
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
    result.update_layout(height=height)
    data = PlottedData(
        [source, target, value],
        [column_label(dataset, c, language) for c in (source, target, value)],
        [[row[source], row[target], row[value]] for row in dataset.rows],
    )
    return BuiltChart(result, data)


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    if chart.derived_from == "relations":
        return relation_flow(chart, investigation, locale, link)
    return dataset_flow(chart, investigation, locale, link)


def graph_links(chart: Chart, investigation: Investigation) -> list[tuple[str, str]] | None:
    """The (from, to) pairs the chart would draw, for the size limits."""
    if chart.derived_from == "relations":
        return [
            (r.from_, r.to)
            for r in investigation.relations
            if r.amount and r.amount.currency == chart.currency
        ]
    if chart.dataset is None:
        return None
    dataset = next((d for d in investigation.datasets if d.id == chart.dataset), None)
    if dataset is None or not dataset.rows:
        return None
    source, target = chart.source_column, chart.target_column
    return [(str(row.get(source)), str(row.get(target))) for row in dataset.rows]


CHART_TYPE = ChartType(
    "flow",
    figure,
    flow_svg,
    dataset=True,
    derived="relations",
    columns={"source_column": ("string",), "target_column": ("string",), "value_column": NUMERIC},
    check_derived=check_currency,
    check_dataset=check_rows,
    graph=graph_links,
    traces=("sankey",),
)
