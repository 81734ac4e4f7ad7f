"""Bar charts of a dataset: categories along one axis, one or more values per category."""

from __future__ import annotations

import plotly.graph_objects as go

from generator.charts.picture import cartesian_svg
from generator.charts.plotting import (
    BuiltChart,
    Link,
    column_label,
    dataset_of,
    plotted_rows,
    shown,
    y_columns,
)
from generator.charts.theme import HIGHLIGHT, MUTED_OPACITY, PALETTE
from generator.charts.types import CATEGORY, NUMERIC, ChartType, blank_cells, no_values
from generator.csv_data import cell_at
from generator.dates import PartialDate
from generator.diagnostics import Diagnostic, did_you_mean
from generator.model import Chart, Dataset, Investigation
from generator.render.locale import Locale


def check_highlight(chart: Chart, dataset: Dataset, columns: dict) -> list[Diagnostic]:
    """Each highlighted value must be one of the categories, or nothing would stand out."""
    if chart.x not in columns or not dataset.rows:
        return []
    values = {str(row[chart.x]) for row in dataset.rows}
    return [
        Diagnostic(
            chart.at("highlight", index),
            f"chart '{chart.id}': nothing to highlight: no '{chart.x}' is '{value}'",
            did_you_mean(value, values),
        )
        for index, value in enumerate(chart.highlight)
        if value not in values
    ]


def check_dataset(chart: Chart, dataset: Dataset, columns: dict) -> list[Diagnostic]:
    """Every bar needs its name; a blank value is a bar left out (the table shows it blank),
    but a chart needs at least one value; highlighted bars must exist."""
    roles = {"x": "categories", "series": "series"}
    problems = blank_cells(chart, dataset, roles) or repeated_bars(chart, dataset, columns)
    return problems + no_values(chart, dataset) + check_highlight(chart, dataset, columns)


def repeated_bars(chart: Chart, dataset: Dataset, columns: dict) -> list[Diagnostic]:
    """A category given twice in one series would be drawn once, with the value of its last
    row, while the chart's table lists both rows: the chart would hide a figure."""
    if chart.series is None or chart.x not in columns or chart.series not in columns:
        return []
    seen: set[tuple[str, str]] = set()
    problems = []
    for row in dataset.rows:
        key = (_key(row[chart.x]), _key(row[chart.series]))
        if key in seen:
            problems.append(
                Diagnostic(
                    cell_at(row, dataset, chart.x),
                    f"'{key[0]}' is a second time in column '{chart.x}' for series '{key[1]}', "
                    f"and chart '{chart.id}' draws one bar per '{chart.x}' in each series",
                    "add the two rows up into one, or tell them apart in the series column",
                )
            )
        seen.add(key)
    return problems


def _key(value) -> str:
    """A cell as the chart tells its categories apart (a date by how it is written)."""
    return value.written() if isinstance(value, PartialDate) else str(value)


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    dataset = dataset_of(investigation, chart)
    language = locale.language
    ys = y_columns(chart)
    categories = [shown(dataset, chart.x, row[chart.x], language) for row in dataset.rows]
    if chart.series is not None:  # long format: one category per x value, one trace per series
        categories = list(dict.fromkeys(categories))
    horizontal = chart.orientation == "horizontal"
    highlight = set(chart.highlight)
    category_axis, value_axis = ("y", "x") if horizontal else ("x", "y")
    result = go.Figure()
    for index, (label, values) in enumerate(_series(chart, dataset, categories, language)):
        colour = PALETTE[index % len(PALETTE)]
        single = len(ys) == 1 and chart.series is None
        colours = [HIGHLIGHT if c in highlight and single else colour for c in categories]
        opacity = [1 if not highlight or c in highlight else MUTED_OPACITY for c in categories]
        result.add_trace(
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
    value_title = column_label(dataset, ys[0], language) if len(ys) == 1 else ""
    bars_per_category = max(1, len(result.data))
    height = max(240, 60 + 26 * len(categories) * bars_per_category) if horizontal else 380
    result.update_layout(
        barmode="group",
        height=height,
        showlegend=len(result.data) > 1,
        xaxis={"title": {"text": value_title}} if horizontal else {"type": "category"},
        yaxis={"autorange": "reversed", "type": "category"}
        if horizontal
        else {"title": {"text": value_title}},
    )
    return BuiltChart(result, plotted_rows(chart, dataset, dataset.rows, language))


def _series(chart: Chart, dataset, categories: list[str], language: str):
    """(legend label, value per category) for each bar series: a y column, or a series value."""
    ys = y_columns(chart)
    if chart.series is None:
        for column in ys:
            yield column_label(dataset, column, language), [row[column] for row in dataset.rows]
        return

    def series_of(row) -> str:
        return shown(dataset, chart.series, row[chart.series], language)

    for name in dict.fromkeys(series_of(row) for row in dataset.rows):
        rows = [row for row in dataset.rows if series_of(row) == name]
        by_category = {shown(dataset, chart.x, row[chart.x], language): row[ys[0]] for row in rows}
        yield name, [by_category.get(c) for c in categories]


CHART_TYPE = ChartType(
    "bar",
    figure,
    cartesian_svg,
    dataset=True,
    columns={"x": CATEGORY, "y": NUMERIC},
    series=True,
    check_dataset=check_dataset,
    traces=("bar",),
)
