"""What each chart type needs from its data, checked before anything is drawn.

A chart that names a missing column, or a text column as its values, is an editor's mistake at a
line of charts.yml, not a blank chart on the site. The rules every type shares are here; each
type's own rules are in its module (generator/charts/types/), which declares what it draws.
The check stage (generator.checks) runs them with the other rules.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.charts.furniture import check_furniture
from generator.charts.types import CHART_TYPES, ChartType
from generator.diagnostics import Diagnostic, did_you_mean
from generator.limits import MAX_GRAPH_LINKS, MAX_GRAPH_NODES
from generator.model import Chart, Dataset, Investigation

SERIES = ("string", "date", "integer")  # the column types a bar or line series splits by


def _names(types: Iterator[ChartType]) -> str:
    """'timeline, network and flow': the types that do something, for a message."""
    names = [chart_type.name for chart_type in types]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


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
    if chart.groups and not CHART_TYPES[chart.type].lanes:
        which = _names(t for t in CHART_TYPES.values() if t.lanes)
        return [
            Diagnostic(
                chart.at("groups"),
                f"chart '{chart.id}': only a {which} chart selects lanes with 'groups'",
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


def _check_source(chart: Chart, kind: ChartType) -> list[Diagnostic] | None:
    """What the chart draws against what its type can draw: the problems, an empty list for a
    chart derived from items as it should be, or None for one that names a dataset."""
    owner = f"chart '{chart.id}'"
    if not kind.dataset:
        if chart.derived_from != kind.derived:
            return [
                Diagnostic(
                    chart.at("type"),
                    f"{owner}: a {chart.type} chart is derived from {kind.derived}",
                    f"write 'derived_from: {kind.derived}' and no dataset",
                )
            ]
        return []
    if kind.derived is not None and chart.derived_from == kind.derived:
        return kind.check_derived(chart) if kind.check_derived else []
    if chart.derived_from is not None:
        which = _names(t for t in CHART_TYPES.values() if t.derived)
        return [
            Diagnostic(
                chart.at("derived_from"),
                f"{owner}: only {which} charts are derived",
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
    return None


def _check_columns(chart: Chart, kind: ChartType, dataset: Dataset) -> list[Diagnostic]:
    """Each column the chart names exists in its dataset and holds what the field needs."""
    owner = f"chart '{chart.id}'"
    columns = {column.name: column for column in dataset.columns}
    problems = []
    requirements = dict(kind.columns)
    if chart.series is not None:
        if not kind.series:
            which = _names(t for t in CHART_TYPES.values() if t.series)
            problems.append(
                Diagnostic(
                    chart.at("series"),
                    f"{owner}: only {which} charts split into series",
                    "remove 'series'",
                )
            )
        else:
            requirements["series"] = SERIES
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
    if kind.check_dataset is not None:
        problems.extend(kind.check_dataset(chart, dataset, columns))
    return problems


def check_chart(
    chart: Chart, datasets: dict[str, Dataset], lanes: set[str] | None = None
) -> list[Diagnostic]:
    """One chart's problems: what it draws, the lanes it names, the columns it uses."""
    kind = CHART_TYPES[chart.type]
    lane_problems = _check_lanes(chart, lanes or set())
    problems = _check_source(chart, kind)
    if problems is not None:
        return problems or lane_problems
    dataset = datasets.get(chart.dataset)
    if dataset is None:
        return []  # the reference check reports the unknown dataset
    return lane_problems + _check_columns(chart, kind, dataset)


def graph_size(chart: Chart, investigation: Investigation) -> tuple[int, int] | None:
    """(nodes, links) a network or flow chart would draw, or None for other charts."""
    graph = CHART_TYPES[chart.type].graph
    links = graph(chart, investigation) if graph is not None else None
    if links is None:
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


def _check_items(chart: Chart, investigation: Investigation) -> list[Diagnostic]:
    """The type's own rules that look beyond the chart (what the story holds)."""
    check = CHART_TYPES[chart.type].check_items
    return check(chart, investigation) if check is not None else []


def check_charts(investigation: Investigation) -> list[Diagnostic]:
    """Every chart's problems; a chart without any is then held to the size limits."""
    datasets = {dataset.id: dataset for dataset in investigation.datasets}
    lanes = {event.group for event in investigation.events}
    return [
        problem
        for chart in investigation.charts
        for problem in (
            check_chart(chart, datasets, lanes)
            or _check_size(chart, investigation)
            + check_furniture(chart, investigation)
            + _check_items(chart, investigation)
        )
    ]
