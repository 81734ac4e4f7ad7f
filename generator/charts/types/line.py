"""Line charts of a dataset: values over dates or numbers, one line per column or series.

A value the sources date only to a month, a year, a range ('2021-03/2021-06') or 'about' a
moment is not drawn on the first day of its period: the line passes through the middle of the
period and a bar across the whole period shows how far the date may lie, with a legend entry
that says so. A point 'about 2018' on 1 January 2018 would draw a rise before the real one.
"""

from __future__ import annotations

from datetime import datetime

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
from generator.charts.theme import PALETTE
from generator.charts.types import NUMERIC, ChartType, blank_cells, no_values
from generator.csv_data import cell_at
from generator.dates import PartialDate, Qualifier
from generator.diagnostics import Diagnostic
from generator.model import Chart, Dataset, Investigation
from generator.render.locale import Locale

# A date axis's step in months, the finest first: the first that gives at most MAX_TICKS ticks
# is used at every width, so a phone's 375 px shows every year of a six-year line.
TICK_MONTHS = (1, 3, 6, 12, 24, 60, 120)
MAX_TICKS = 6
SPAN_WIDTH = 7  # the bar across a period, wider than the line (2.5) so it reads as a band
SPAN_OPACITY = 0.35


def check_cells(chart: Chart, dataset: Dataset, columns: dict) -> list[Diagnostic]:
    """Every point needs its place: a blank or unknown date cannot be sorted or drawn. A blank
    value is a gap in its line (the table shows it blank), but a line needs at least one value."""
    x = columns.get(chart.x)
    where = "dates" if x is None or x.type == "date" else "positions"
    return (
        blank_cells(chart, dataset, {"x": where, "series": "series"})
        + _unknown_dates(chart, dataset)
        + no_values(chart, dataset)
    )


def _unknown_dates(chart: Chart, dataset: Dataset) -> list[Diagnostic]:
    if not isinstance(dataset.rows, list) or chart.x not in {c.name for c in dataset.columns}:
        return []
    return [
        Diagnostic(
            cell_at(row, dataset, chart.x),
            f"'unknown' in column '{chart.x}', which chart '{chart.id}' draws as its dates: a "
            "line cannot place a value whose date is not known",
            "give the range of dates the sources allow, such as 2019/2021, or leave the row out "
            "of the chart's dataset",
        )
        for row in dataset.rows
        if isinstance(row.get(chart.x), PartialDate) and row[chart.x].unknown
    ]


def _spans(value) -> bool:
    """Whether the date names a period rather than a moment: drawn across it."""
    return (
        isinstance(value, PartialDate)
        and value.known
        and not value.exact_day
        and value.qualifier in (None, Qualifier.ABOUT)
    )


def _plotly_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M" if moment.hour or moment.minute else "%Y-%m-%d")


def _place(value):
    """Where the line passes: the middle of a period, a moment itself, a number as it is."""
    if not _spans(value):
        return plot_x(value)
    start, end = value.period_start(), value.period_end()
    return _plotly_time(start + (end - start) / 2)


def _span_trace(name: str, rows: list, x: str, column: str, colour: str) -> go.Scatter | None:
    """One trace of bars, each across the period of one value dated to a period."""
    xs: list = []
    ys: list = []
    for row in rows:
        if _spans(row[x]) and row[column] is not None:
            xs += [_plotly_time(row[x].period_start()), _plotly_time(row[x].period_end()), None]
            ys += [row[column], row[column], None]
    if not xs:
        return None
    return go.Scatter(
        name=name,
        legendgroup=name,
        showlegend=False,
        x=xs,
        y=ys,
        mode="lines",
        line={"width": SPAN_WIDTH, "color": colour},
        opacity=SPAN_OPACITY,
        hoverinfo="skip",
        connectgaps=False,
    )


def _span_key(words: str, colour: str) -> go.Scatter:
    """The legend entry that says what a bar across a period means (draws nothing itself)."""
    return go.Scatter(
        name=words,
        x=[None],
        y=[None],
        mode="lines",
        line={"width": SPAN_WIDTH, "color": colour},
        opacity=SPAN_OPACITY,
        hoverinfo="skip",
        showlegend=True,
    )


def _date_axis(rows: list, x: str) -> dict:
    """Ticks every month, quarter, half year or year(s), as many as a phone's width holds;
    plotly.js chooses days itself for a line of a few weeks."""
    dates = [row[x] for row in rows if isinstance(row[x], PartialDate) and row[x].known]
    if not dates:
        return {}
    first = min(d.period_start() for d in dates)
    last = max(d.period_end() if not d.exact_day else d.period_start() for d in dates)
    months = (last.year - first.year) * 12 + last.month - first.month
    if months < 2:
        return {}
    step = next((m for m in TICK_MONTHS if months / m <= MAX_TICKS), TICK_MONTHS[-1])
    axis = {"dtick": f"M{step}", "tick0": "2000-01-01"}
    if step < 12:  # the month over its year, narrow enough for six ticks at 375 px
        axis["tickformat"] = "%b\n%Y"
    return axis


def _date_words(value, locale: Locale) -> str:
    return locale.date(value) if isinstance(value, PartialDate) else locale.number(value)


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
    colours = [PALETTE[index % len(PALETTE)] for index in range(len(lines))]
    spans = [
        span
        for (name, series_rows, column), colour in zip(lines, colours, strict=True)
        if (span := _span_trace(name, series_rows, chart.x, column, colour)) is not None
    ]
    for span in spans:  # first: under the lines and their points
        result.add_trace(span)
    for (name, series_rows, column), colour in zip(lines, colours, strict=True):
        result.add_trace(
            go.Scatter(
                name=name,
                legendgroup=name,
                x=[_place(row[chart.x]) for row in series_rows],
                y=[row[column] for row in series_rows],
                customdata=[_date_words(row[chart.x], locale) for row in series_rows],
                hovertemplate="%{customdata}: %{y}<extra>%{fullData.name}</extra>",
                mode="lines+markers",
                line={"width": 2.5, "color": colour},
                marker={"size": 6, "color": colour},
                showlegend=len(lines) > 1,
            )
        )
    if spans:
        # in the line's colour when there is one line, else in a neutral grey
        key_colour = colours[0] if len(lines) == 1 else PALETTE[-1]
        result.add_trace(_span_key(locale["dates"]["line_span"], key_colour))
    result.update_layout(
        height=360,
        showlegend=len(lines) > 1 or bool(spans),
        hovermode="closest",
        xaxis=_date_axis(rows, chart.x),
        yaxis={"title": {"text": column_label(dataset, ys[0], language) if len(ys) == 1 else ""}},
        # plotly.js names months in the page's language (site_config charts.js reads this)
        meta={
            "language": language,
            "months": list(locale["months"]),
            "shortMonths": [name[:3] for name in locale["months"]],
        },
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
