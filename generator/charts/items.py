"""Which items a chart draws: the one rule the chart, its source line and its checks share.

A timeline draws the events of its lanes (``groups``; every lane when it names none) whose
sources give a date, and, when it shows every lane, the dated stages of legal proceedings; a
flow draws the money that moved in its currency; a network every relation. The figure, the
source line under it and the check of its description's date range all read them here, so
none of them can speak of items the others leave out.
"""

from __future__ import annotations

from generator import legal
from generator.dates import PartialDate
from generator.model import Case, CaseStage, Chart, Event, Investigation
from generator.money import flow_relations


def drawn_events(chart: Chart, investigation: Investigation) -> list[Event]:
    """The events a timeline draws, in the order of the events file: those of its lanes with a
    date (an event whose sources give no date is listed on the Timeline page, not drawn)."""
    return [
        event
        for event in investigation.events
        if event.date.known and (not chart.groups or event.group in chart.groups)
    ]


def drawn_stages(chart: Chart, investigation: Investigation) -> list[tuple[Case, CaseStage]]:
    """(case, stage) of the stages a timeline draws, in date order: on a timeline of every lane,
    each stage whose date the sources give (the others are on the case's page); on one of
    chosen lanes, none."""
    if chart.groups:
        return []
    return [(c, s) for c, s in legal.dated_stages(investigation.cases) if s.date.known]


def drawn_items(chart: Chart, investigation: Investigation) -> list:
    """The events and stages, relations or money flows a derived chart draws."""
    if chart.derived_from == "events":
        stages = [stage for _, stage in drawn_stages(chart, investigation)]
        return [*drawn_events(chart, investigation), *stages]
    if chart.type == "flow":
        return flow_relations(investigation, chart.currency)
    return list(investigation.relations)


def drawn_dates(chart: Chart, investigation: Investigation) -> list[PartialDate]:
    """Every date a timeline draws, each end of a period (an ``end``, or the last date of a
    range) included."""
    dates: list[PartialDate] = []
    for event in drawn_events(chart, investigation):
        dates += [event.date.first(), event.date.until, event.end]
    for _, stage in drawn_stages(chart, investigation):
        dates += [stage.date.first(), stage.date.until]
    return [date for date in dates if date is not None and date.known]
