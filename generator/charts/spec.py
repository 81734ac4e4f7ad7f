"""What each chart type needs from its data, checked before anything is drawn.

A chart that names a missing column, or a text column as its values, is an editor's mistake at a
line of charts.yml, not a blank chart on the site.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, did_you_mean
from generator.limits import MAX_GRAPH_LINKS, MAX_GRAPH_NODES
from generator.model import Chart, Dataset, Investigation

NUMERIC = ("integer", "number")
CATEGORY = ("string", "date", "integer")
REQUIREMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    # chart type -> field -> the column types it accepts
    "bar": {"x": CATEGORY, "y": NUMERIC},
    "line": {"x": ("date", "integer", "number"), "y": NUMERIC},
    "flow": {"source_column": ("string",), "target_column": ("string",), "value_column": NUMERIC},
}
DERIVED = {"timeline": "events", "network": "relations"}


def y_columns(chart: Chart) -> list[str]:
    if chart.y is None:
        return []
    return [chart.y] if isinstance(chart.y, str) else list(chart.y)


def _columns_of(chart: Chart, field: str) -> Iterator[tuple[str, tuple]]:
    """(column name, position path) for each column a field of the spec names."""
    if field == "y":
        if isinstance(chart.y, list):
            for index, name in enumerate(chart.y):
                yield name, ("y", index)
        elif chart.y is not None:
            yield chart.y, ("y",)
    else:
        value = getattr(chart, field)
        if value is not None:
            yield value, (field,)


def _check_lanes(chart: Chart, lanes: set[str]) -> list[Diagnostic]:
    """A timeline may show only some lanes; each one it names must hold events."""
    if chart.groups and chart.type != "timeline":
        return [
            Diagnostic(
                chart.at("groups"),
                f"chart '{chart.id}': only a timeline chart selects lanes with 'groups'",
                "remove 'groups'",
            )
        ]
    return [
        Diagnostic(
            chart.at("groups", index),
            f"chart '{chart.id}': no event is in lane '{lane}'",
            did_you_mean(lane, lanes) or f"lanes: {', '.join(sorted(lanes))}",
        )
        for index, lane in enumerate(chart.groups)
        if lane not in lanes
    ]


def check_chart(
    chart: Chart, datasets: dict[str, Dataset], lanes: set[str] | None = None
) -> list[Diagnostic]:
    owner = f"chart '{chart.id}'"
    lane_problems = _check_lanes(chart, lanes or set())
    if chart.type in DERIVED:
        wanted = DERIVED[chart.type]
        if chart.derived_from != wanted:
            return [
                Diagnostic(
                    chart.at("type"),
                    f"{owner}: a {chart.type} chart is derived from {wanted}",
                    f"write 'derived_from: {wanted}' and no dataset",
                )
            ]
        return lane_problems
    if chart.type == "flow" and chart.derived_from == "relations":
        if chart.currency is None:
            return [
                Diagnostic(
                    chart.at("derived_from"),
                    f"{owner}: a flow of relations needs the currency of the amounts it shows",
                    "add 'currency: USD' (amounts in other currencies cannot be added up)",
                )
            ]
        return lane_problems
    if chart.derived_from is not None:
        return [
            Diagnostic(
                chart.at("derived_from"),
                f"{owner}: only timeline, network and flow charts are derived",
                "name a dataset instead",
            )
        ]
    if chart.dataset is None:
        return [
            Diagnostic(
                chart.at("id"),
                f"{owner}: a {chart.type} chart needs a dataset",
                "add 'dataset: dataset-id'",
            )
        ]
    dataset = datasets.get(chart.dataset)
    if dataset is None:
        return []  # the reference check reports the unknown dataset
    columns = {column.name: column for column in dataset.columns}
    problems = lane_problems
    requirements = dict(REQUIREMENTS[chart.type])
    if chart.series is not None:
        if chart.type not in ("bar", "line"):
            problems.append(
                Diagnostic(
                    chart.at("series"),
                    f"{owner}: only bar and line charts split into series",
                    "remove 'series'",
                )
            )
        else:
            requirements["series"] = ("string", "date", "integer")
    for field, accepted in requirements.items():
        named = list(_columns_of(chart, field))
        if not named:
            problems.append(
                Diagnostic(
                    chart.at("id"),
                    f"{owner}: a {chart.type} chart needs '{field}'",
                    f"name a column of dataset '{dataset.id}'",
                )
            )
        for name, path in named:
            column = columns.get(name)
            if column is None:
                problems.append(
                    Diagnostic(
                        chart.at(*path),
                        f"{owner}: dataset '{dataset.id}' has no column '{name}'",
                        did_you_mean(name, columns) or f"columns: {', '.join(columns)}",
                    )
                )
            elif column.type not in accepted:
                problems.append(
                    Diagnostic(
                        chart.at(*path),
                        f"{owner}: column '{name}' is {column.type}, but '{field}' "
                        f"of a {chart.type} chart must be {' or '.join(accepted)}",
                        "choose another column or change the chart type",
                    )
                )
    for index, value in enumerate(chart.highlight):
        if (
            chart.type == "bar"
            and chart.x in columns
            and dataset.rows
            and value not in {str(row[chart.x]) for row in dataset.rows}
        ):
            problems.append(
                Diagnostic(
                    chart.at("highlight", index),
                    f"{owner}: nothing to highlight: no '{chart.x}' is '{value}'",
                    did_you_mean(value, {str(row[chart.x]) for row in dataset.rows}),
                )
            )
    return problems


def graph_size(chart: Chart, investigation: Investigation) -> tuple[int, int] | None:
    """(nodes, links) a network or flow chart would draw, or None for other charts."""
    if chart.type == "network" and chart.derived_from == "relations":
        links = [(r.from_, r.to) for r in investigation.relations]
    elif chart.type == "flow" and chart.derived_from == "relations":
        links = [
            (r.from_, r.to)
            for r in investigation.relations
            if r.amount and r.amount.currency == chart.currency
        ]
    elif chart.type == "flow" and chart.dataset is not None:
        dataset = next((d for d in investigation.datasets if d.id == chart.dataset), None)
        if dataset is None or not dataset.rows:
            return None
        source, target = chart.source_column, chart.target_column
        links = [(str(row.get(source)), str(row.get(target))) for row in dataset.rows]
    else:
        return None
    return len({node for link in links for node in link}), len(links)


def _check_size(chart: Chart, investigation: Investigation) -> list[Diagnostic]:
    """A network or flow chart past the limits (see generator/limits.py) would take minutes to
    build and megabytes for a reader to load, and nobody could read it."""
    size = graph_size(chart, investigation)
    if size is None:
        return []
    nodes, links = size
    if nodes <= MAX_GRAPH_NODES and links <= MAX_GRAPH_LINKS:
        return []
    drawn = "relations" if chart.derived_from == "relations" else "rows"
    return [
        Diagnostic(
            chart.at("derived_from" if chart.derived_from else "dataset"),
            f"chart '{chart.id}' would draw {nodes:,} nodes and {links:,} links, more than the "
            f"limit of {MAX_GRAPH_NODES:,} nodes and {MAX_GRAPH_LINKS:,} links",
            f"chart a dataset that adds the {drawn} up (by kind, by country, by month) "
            "instead of every one",
        )
    ]


def check_charts(investigation: Investigation) -> list[Diagnostic]:
    datasets = {dataset.id: dataset for dataset in investigation.datasets}
    lanes = {event.group for event in investigation.events}
    return [
        problem
        for chart in investigation.charts
        for problem in (check_chart(chart, datasets, lanes) or _check_size(chart, investigation))
    ]
