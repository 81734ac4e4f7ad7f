"""Chart types: one module each, holding its check, its Plotly figure and its static picture.

A type is registered by its name in ``generator.model.ChartType`` (what editors may write as a
chart's ``type``): the module of that name in this package is imported and its ``CHART_TYPE``
is the record below. Adding a chart type is one module here plus its name in the model.
"""

from __future__ import annotations

import importlib
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.csv_data import Rows, cell_at
from generator.diagnostics import Diagnostic
from generator.model import Chart, Dataset, Investigation
from generator.model import ChartType as ChartTypeName

if typing.TYPE_CHECKING:
    from generator.charts.plotting import BuiltChart, Link
    from generator.render.locale import Locale

NUMERIC = ("integer", "number")
CATEGORY = ("string", "date", "integer")

FigureBuilder = Callable[[Chart, Investigation, "Locale", "Link"], "BuiltChart"]
Picture = Callable[[dict, Sequence[str]], "str | None"]


@dataclass(frozen=True)
class ChartType:
    """What the stages need to know of one chart type.

    The check stage reads what it may draw (a dataset, items it is derived from) and the
    columns it needs; the chart stage calls ``figure`` and then ``picture`` on the figure's
    JSON. The ``check_*`` hooks hold the rules of this type alone.
    """

    name: str
    figure: FigureBuilder
    picture: Picture
    # the plotly.js trace types its figures use: the site's plotly.js bundle holds exactly the
    # traces of all registered types (generator.charts.bundles), so a new type names its own
    traces: tuple[str, ...]
    dataset: bool = False  # it can draw a dataset
    derived: str | None = None  # the items it can be derived from (events, relations)
    # field of the chart -> the column types it accepts, when it draws a dataset
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    series: bool = False  # one bar or line per value of a column ('series')
    lanes: bool = False  # it shows only some lanes of the timeline ('groups')
    # rules for a chart derived from items; for one that draws a dataset (given its columns)
    check_derived: Callable[[Chart], list[Diagnostic]] | None = None
    check_dataset: Callable[[Chart, Dataset, dict], list[Diagnostic]] | None = None
    # rules that need the whole story (what else it holds), for any chart of the type
    check_items: Callable[[Chart, Investigation], list[Diagnostic]] | None = None
    # the (from, to) pairs it would draw as nodes and links, for the size limits
    graph: Callable[[Chart, Investigation], list[tuple[str, str]] | None] | None = None


# Blank cells of one column shown one by one before the rest are counted in one message: a
# column left empty is one mistake, not a screenful.
BLANKS_SHOWN = 3

# What each role of a column says when one of its cells is blank: how the chart would fail the
# reader, and what to write instead.
BLANK_HINTS = {
    "dates": "a point needs its date: write the date its source gives, or take the row out",
    "positions": "a point needs its place along the x axis: write it, or take the row out",
    "categories": "a bar needs its name: write it, or take the row out",
    "values": "write the value its source gives, or take the row out; a blank is not zero",
    "series": "each row needs the line or bar it belongs to: write it, or take the row out",
    "sources": "each flow needs where it comes from: write it, or take the row out",
    "targets": "each flow needs where it goes: write it, or take the row out",
}


def blank_cells(chart: Chart, dataset: Dataset, roles: dict[str, str]) -> list[Diagnostic]:
    """Blank cells in the columns the chart draws (``roles``: field -> role, e.g. 'y' ->
    'values'), each at its CSV line and column.

    A dataset may leave a cell blank where no chart needs it (a note, a figure not known for
    every row). A cell that places a mark (its date, its bar, its line, a flow's ends and size)
    cannot be drawn blank, so a blank there is an error; bar and line values may be blank (see
    ``no_values``). Columns the
    chart names but the dataset lacks are reported by the shared column check; a dataset
    without rows is one error at the chart.
    """
    if empty := no_rows(chart, dataset):
        return empty
    known = {column.name for column in dataset.columns}
    problems: list[Diagnostic] = []
    for field_name, role in roles.items():
        value = getattr(chart, field_name)
        names = value if isinstance(value, list) else [value]
        for name in dict.fromkeys(n for n in names if n in known):
            blank = [row for row in dataset.rows if row.get(name) is None]
            problems.extend(
                Diagnostic(
                    cell_at(row, dataset, name),
                    f"blank cell in column '{name}', which chart '{chart.id}' draws as its {role}",
                    BLANK_HINTS[role],
                )
                for row in blank[:BLANKS_SHOWN]
            )
            if len(blank) > BLANKS_SHOWN:
                problems.append(
                    Diagnostic(
                        cell_at(blank[BLANKS_SHOWN], dataset, name),
                        f"and {_more(len(blank) - BLANKS_SHOWN)} in column '{name}' from "
                        f"here on, which chart '{chart.id}' draws as its {role}",
                        BLANK_HINTS[role],
                    )
                )
    return problems


def no_rows(chart: Chart, dataset: Dataset) -> list[Diagnostic]:
    """A dataset read without a single row would be an empty chart: a frame with nothing in
    it tells the reader nothing, and its axes have no range to draw."""
    if not isinstance(dataset.rows, Rows) or dataset.rows:
        return []
    return [
        Diagnostic(
            chart.at("dataset"),
            f"chart '{chart.id}' draws dataset '{dataset.id}', whose file '{dataset.file}' "
            "has no rows",
            "add the rows under the header, or remove the chart until there are some",
        )
    ]


def no_values(chart: Chart, dataset: Dataset) -> list[Diagnostic]:
    """A bar or line chart whose value columns are blank in every row would draw nothing.

    A blank value among others is a gap (a bar left out, a break in the line) and stays allowed:
    a dataset of several columns may not know every figure for every row, and an error there
    would push the editor to invent one or drop the figures that are known.
    """
    ys = chart.y if isinstance(chart.y, list) else [chart.y]
    known = [name for name in ys if name in {column.name for column in dataset.columns}]
    if not known or not dataset.rows or len(known) < len(ys):
        return []
    if any(row.get(name) is not None for row in dataset.rows for name in known):
        return []
    return [
        Diagnostic(
            chart.at("y"),
            f"chart '{chart.id}' has nothing to draw: {_names(known)} blank in every row "
            f"of dataset '{dataset.id}'",
            "fill in the values its sources give, or remove the chart",
        )
    ]


def _names(columns: list[str]) -> str:
    quoted = [f"'{name}'" for name in columns]
    return f"column {quoted[0]} is" if len(quoted) == 1 else f"columns {', '.join(quoted)} are"


def _more(count: int) -> str:
    return "1 more blank cell" if count == 1 else f"{count:,} more blank cells"


def _registered() -> dict[str, ChartType]:
    return {
        name: importlib.import_module(f"{__name__}.{name}").CHART_TYPE
        for name in typing.get_args(ChartTypeName)
    }


CHART_TYPES: dict[str, ChartType] = _registered()
