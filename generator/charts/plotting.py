"""What the chart types' figures share: the plotted rows, column labels and cells as readers
see them, and how actors and relations are named on a chart.

Each figure builder returns the figure and the exact rows it plots, so the data table and the
CSV download beside a chart can never disagree with the chart itself.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from generator import attribution, evidence
from generator.dates import PartialDate, Precision
from generator.model import Chart, Investigation
from generator.text import pick

Link = Callable[[str, str], str]  # (kind, id) -> the address of the item's entry


def y_columns(chart: Chart) -> list[str]:
    """The value columns a bar or line chart draws: ``y`` is one name or a list of them."""
    if chart.y is None:
        return []
    return [chart.y] if isinstance(chart.y, str) else list(chart.y)


@dataclass
class PlottedData:
    """The rows a chart draws: its data table and its CSV download."""

    columns: list[str]
    labels: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass(frozen=True)
class LegendEntry:
    """One entry of a legend the page shows beside the drawing, in HTML, so that the picture and
    the interactive chart that replaces it share it: a marker ``symbol`` or a line ``dash``."""

    label: str
    colour: str
    symbol: str | None = None
    dash: str | None = None


@dataclass
class BuiltChart:
    figure: go.Figure
    data: PlottedData
    # (colour, words) the page shows beside the chart, picture and interactive chart alike:
    # what a colour means where the figure has no legend of its own (a flow's bands)
    key: list[tuple[str, str]] = field(default_factory=list)
    # a legend shown beside the drawing rather than inside it (the drawing then has none)
    legend: list[LegendEntry] = field(default_factory=list)
    note: str = ""  # what the drawing leaves out, said below it


def column_label(dataset, name: str, language: str) -> str:
    column = next(c for c in dataset.columns if c.name == name)
    label = pick(column.label, language) if column.label else name.replace("_", " ")
    return f"{label} ({column.unit})" if column.unit else label


def _cell(value):
    return value.written() if isinstance(value, PartialDate) else value


def shown(dataset, name: str, value, language: str) -> str:
    """A cell as readers see it: the column's translated label for that value, if it has one."""
    column = next(c for c in dataset.columns if c.name == name)
    text = str(_cell(value))
    return pick(column.values[text], language) if text in column.values else text


def dataset_of(investigation: Investigation, chart: Chart):
    return next(d for d in investigation.datasets if d.id == chart.dataset)


def plotted_rows(chart: Chart, dataset, rows, language: str) -> PlottedData:
    """The columns a bar or line chart shows, in the order it shows them."""
    names = [chart.x, *([chart.series] if chart.series else []), *y_columns(chart)]
    return PlottedData(
        names,
        [column_label(dataset, name, language) for name in names],
        [
            [
                row[name]
                if row[name] is None or isinstance(row[name], int | float)
                else shown(dataset, name, row[name], language)
                for name in names
            ]
            for row in rows
        ],
    )


def sort_key(value):
    return value.start() if isinstance(value, PartialDate) else value


def plot_x(value):
    if isinstance(value, PartialDate):
        return (
            value.start().strftime("%Y-%m-%d %H:%M")
            if value.precision is Precision.MINUTE
            else value.start().strftime("%Y-%m-%d")
        )
    return value


def full_name(actor, language: str) -> str:
    return pick(actor.name, language)


def short_name(actor, language: str) -> str:
    """What labels the actor's node or bar: its short name where it has one (hover text and
    tables keep the full name)."""
    return pick(actor.short_name or actor.name, language)


def relation_words(relation, language: str) -> str:
    return pick(relation.label, language) if relation.label else relation.kind.replace("-", " ")


def said_by(
    relation, actors: dict, sources: dict, language: str, according_to: str = "{publisher}"
) -> list[str]:
    """Who a chart names as saying so: the actors a relation is attributed to, or for a
    'reported' one the publishers of its sources (generator.evidence), as its entry does, so
    that 'reported' is never shown without a name. ``actors`` and ``sources`` by id; a source
    in `attributed_to` is named by ``according_to`` (the locale's 'according to {publisher}')."""
    if relation.status == "reported":
        return evidence.reported_by(relation.sources, sources, language)
    return [
        full_name(actors[a], language)
        if a in actors
        else attribution.according_to(sources[a], according_to, language)
        for a in relation.attributed_to
        if a in actors or a in sources
    ]


# Characters per line of a hover label: plotly.js draws a hover text on one line however long,
# and a node's name and role or a link's words ran wider than a phone's screen.
HOVER_LINE = 36


def hover_lines(text: str, width: int = HOVER_LINE) -> str:
    """``text`` broken between words into lines of at most ``width`` characters (a longer
    word keeps its own line), joined by line breaks, which the figure's JSON hands to plotly.js
    as ``<br>``."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))
