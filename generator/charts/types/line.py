"""Line charts of a dataset: values over dates or numbers, one line per column or series."""

from __future__ import annotations

import plotly.graph_objects as go

from generator.charts.picture import cartesian_svg
from generator.charts.plotting import (
    BuiltChart,
    Link,
    column_label,
    dataset_of,
    plot_x,
    plotted_rows,
    shown,
    sort_key,
    y_columns,
)
from generator.charts.types import NUMERIC, ChartType, blank_cells, no_values
from generator.diagnostics import Diagnostic
from generator.model import Chart, Dataset, Investigation
from generator.render.locale import Locale


def check_cells(chart: Chart, dataset: Dataset, columns: dict) -> list[Diagnostic]:
    """Every point needs its place: a blank date cannot be sorted or drawn. A blank value is
    a gap in its line (the table shows it blank), but a line needs at least one value."""
    x = columns.get(chart.x)
    where = "dates" if x is None or x.type == "date" else "positions"
    return blank_cells(chart, dataset, {"x": where, "series": "series"}) + no_values(chart, dataset)


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    dataset = dataset_of(investigation, chart)
    language = locale.language
    ys = y_columns(chart)
    rows = sorted(dataset.rows, key=lambda row: sort_key(row[chart.x]))
    lines = [(column_label(dataset, column, language), rows, column) for column in ys]
    if chart.series is not None:

        def series_of(row) -> str:
            return shown(dataset, chart.series, row[chart.series], language)

        names = dict.fromkeys(series_of(row) for row in rows)
        lines = [(name, [row for row in rows if series_of(row) == name], ys[0]) for name in names]
    result = go.Figure()
    for name, series_rows, column in lines:
        result.add_trace(
            go.Scatter(
                name=name,
                x=[plot_x(row[chart.x]) for row in series_rows],
                y=[row[column] for row in series_rows],
                mode="lines+markers",
                line={"width": 2.5},
                marker={"size": 6},
            )
        )
    result.update_layout(
        height=360,
        showlegend=len(result.data) > 1,
        hovermode="x unified",
        yaxis={"title": {"text": column_label(dataset, ys[0], language) if len(ys) == 1 else ""}},
    )
    return BuiltChart(result, plotted_rows(chart, dataset, rows, language))


CHART_TYPE = ChartType(
    "line",
    figure,
    cartesian_svg,
    dataset=True,
    columns={"x": ("date", "integer", "number"), "y": NUMERIC},
    series=True,
    check_dataset=check_cells,
    traces=("scatter",),
)
