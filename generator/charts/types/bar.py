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


# Bars carry their values as labels up to this many (more would crowd a phone's column): a
# horizontal chart gives each bar a row of its own, so any number of its bars can.
LABELLED_COLUMNS = 8
LABEL_FONT = 12
# Room left beyond the longest bar for its label, as a share of the value axis: the narrow
# picture's value axis is about 200 px, and a label some 6 characters.
LABEL_ROOM = 0.24


def date_category(value: PartialDate, locale: Locale) -> str:
    """A date as a bar's category: at its precision, with the month abbreviated as the page's
    language does ('28 Jul 2023', '28 iul. 2023'); a date known only as before, after or about
    one is written out in full."""
    if value.qualifier is not None:
        return locale.date(value)
    template = locale["date_formats"][value.precision.value]
    return template.format(
        year=value.year,
        month_name=locale["months_short"][value.month - 1],
        day=value.day,
        hour=value.hour,
        minute=value.minute,
    )


def category(dataset, name: str, value, locale: Locale) -> str:
    """A category as readers see it: a date in words, else the cell as shown."""
    if isinstance(value, PartialDate):
        return date_category(value, locale)
    return shown(dataset, name, value, locale.language)


def _labelled(horizontal: bool, bars: int, values: list) -> bool:
    """Whether the bars carry value labels: few enough of them, none negative (a label beyond
    a negative bar would sit across the zero line)."""
    present = [v for v in values if v is not None]
    return bool(present) and min(present) >= 0 and (horizontal or bars <= LABELLED_COLUMNS)


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    dataset = dataset_of(investigation, chart)
    language = locale.language
    ys = y_columns(chart)
    categories = [category(dataset, chart.x, row[chart.x], locale) for row in dataset.rows]
    if chart.series is not None:  # long format: one category per x value, one trace per series
        categories = list(dict.fromkeys(categories))
    horizontal = chart.orientation == "horizontal"
    # a highlighted category is written as in the data ('2024-03'), drawn as shown ('Mar 2024')
    written = {
        _key(row[chart.x]): category(dataset, chart.x, row[chart.x], locale) for row in dataset.rows
    }
    highlight = {written.get(value, value) for value in chart.highlight}
    category_axis, value_axis = ("y", "x") if horizontal else ("x", "y")
    result = go.Figure()
    series = list(_series(chart, dataset, categories, locale))
    every_value = [v for _, values in series for v in values]
    labelled = _labelled(horizontal, len(categories) * len(series), every_value)
    for index, (label, values) in enumerate(series):
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
                **_value_labels(values, locale, labelled),
                hovertemplate=(
                    f"%{{{category_axis}}}: %{{{value_axis}:,}}<extra>%{{fullData.name}}</extra>"
                ),
            )
        )
    value_title = column_label(dataset, ys[0], language) if len(ys) == 1 else ""
    value_axis_layout: dict = {"title": {"text": value_title}, "nticks": 6}
    if labelled:  # room beyond the longest bar for its label
        value_axis_layout["range"] = [
            0,
            max(v for v in every_value if v is not None) * (1 + LABEL_ROOM) or 1,
        ]
    bars_per_category = max(1, len(result.data))
    height = max(240, 60 + 26 * len(categories) * bars_per_category) if horizontal else 380
    result.update_layout(
        barmode="group",
        height=height,
        showlegend=len(result.data) > 1,
        xaxis=value_axis_layout if horizontal else {"type": "category"},
        yaxis={"autorange": "reversed", "type": "category"} if horizontal else value_axis_layout,
    )
    return BuiltChart(result, plotted_rows(chart, dataset, dataset.rows, language))


def _value_labels(values: list, locale: Locale, labelled: bool) -> dict:
    """Each bar's value as a label beyond its end, in the page's number format (the picture
    draws the same text at the same place)."""
    if not labelled:
        return {}
    return {
        "text": [locale.number(v) if v is not None else "" for v in values],
        "textposition": "outside",
        "textfont": {"size": LABEL_FONT},
        "cliponaxis": False,
        "constraintext": "none",
    }


def _series(chart: Chart, dataset, categories: list[str], locale: Locale):
    """(legend label, value per category) for each bar series: a y column, or a series value."""
    language = locale.language
    ys = y_columns(chart)
    if chart.series is None:
        for column in ys:
            yield column_label(dataset, column, language), [row[column] for row in dataset.rows]
        return

    def series_of(row) -> str:
        return shown(dataset, chart.series, row[chart.series], language)

    for name in dict.fromkeys(series_of(row) for row in dataset.rows):
        rows = [row for row in dataset.rows if series_of(row) == name]
        by_category = {category(dataset, chart.x, row[chart.x], locale): row[ys[0]] for row in rows}
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
