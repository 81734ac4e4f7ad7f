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
    # the (from, to) pairs it would draw as nodes and links, for the size limits
    graph: Callable[[Chart, Investigation], list[tuple[str, str]] | None] | None = None


def _registered() -> dict[str, ChartType]:
    return {
        name: importlib.import_module(f"{__name__}.{name}").CHART_TYPE
        for name in typing.get_args(ChartTypeName)
    }


CHART_TYPES: dict[str, ChartType] = _registered()
