"""What each chart type needs from its data, checked before anything is drawn.

A chart that names a missing column, or a text column as its values, is an editor's mistake at a
line of charts.yml, not a blank chart on the site.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, did_you_mean
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


def check_chart(chart: Chart, datasets: dict[str, Dataset]) -> list[Diagnostic]:
    owner = f"chart '{chart.id}'"
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
        return []
    if chart.derived_from is not None:
        return [
            Diagnostic(
                chart.at("derived_from"),
                f"{owner}: only timeline and network charts are derived",
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
    problems = []
    for field, accepted in REQUIREMENTS[chart.type].items():
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


def check_charts(investigation: Investigation) -> list[Diagnostic]:
    datasets = {dataset.id: dataset for dataset in investigation.datasets}
    return [problem for chart in investigation.charts for problem in check_chart(chart, datasets)]
