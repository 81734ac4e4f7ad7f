"""Timelines derived from the events: lanes by group; a day is a dot, a period a bar as long as
it, a date given only as before, after or about a moment an open marker."""

from __future__ import annotations

from datetime import datetime

import plotly.graph_objects as go

from generator.charts.picture import cartesian_svg
from generator.charts.plotting import BuiltChart, Link, PlottedData
from generator.charts.theme import PALETTE
from generator.charts.types import ChartType
from generator.dates import PartialDate, Precision, Qualifier
from generator.model import Chart, Event, Investigation
from generator.render.locale import Locale
from generator.text import pick


def _span_end(date: PartialDate) -> datetime:
    """Where a timeline bar ending at ``date`` stops: a month or a year at the end of it, a day
    or a minute at its start (as drawn so far); 'before X' at the start of X, 'after X' at its
    end, the bounds those words give."""
    if date.qualifier is Qualifier.BEFORE:
        return date.period_start()
    if date.qualifier is Qualifier.AFTER:
        return date.period_end()
    if date.precision in (Precision.YEAR, Precision.MONTH):
        return date.period_end()
    return date.period_start()


class _Lanes:
    """The lane each event is drawn in, by the names story.yml's ``lanes:`` gives them."""

    def __init__(self, investigation: Investigation, events: list[Event], language: str):
        self.labels = investigation.story.lanes if investigation.story else {}
        self.language = language
        # lanes top to bottom in the order story.yml's `lanes:` gives them, then the others in
        # the order of their first event (sorted() keeps the date order within each rank)
        listed = list(self.labels)
        ranked = sorted(
            events, key=lambda e: listed.index(e.group) if e.group in listed else len(listed)
        )
        self.order = list(dict.fromkeys(self(event) for event in ranked))

    def __call__(self, event: Event) -> str:
        if event.group in self.labels:
            return pick(self.labels[event.group], self.language)
        return event.group.replace("-", " ")


def _is_exact(event: Event) -> bool:
    return event.date.precision in (Precision.DAY, Precision.MINUTE) and event.end is None


def _spans(spans: list[Event], lane: _Lanes, locale: Locale, link: Link) -> go.Bar:
    starts = [e.date.start() for e in spans]
    ends = [_span_end(e.end or e.date) for e in spans]
    return go.Bar(
        name=locale["words"].get("timeline_period", "period"),
        base=[s.strftime("%Y-%m-%d") for s in starts],
        x=[
            max((end - start).total_seconds() * 1000, 86_400_000)
            for start, end in zip(starts, ends, strict=True)
        ],
        y=[lane(e) for e in spans],
        orientation="h",
        marker={"color": PALETTE[1], "opacity": 0.55},
        width=0.5,
        customdata=[link("event", e.id) for e in spans],
        hovertext=[
            f"{locale.date_range(e.date, e.end)}: {pick(e.title, locale.language)}" for e in spans
        ],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _markers(
    name: str, events: list[Event], marker: dict, lane: _Lanes, locale: Locale, link: Link
) -> go.Scatter:
    return go.Scatter(
        name=name,
        x=[e.date.start().strftime("%Y-%m-%d %H:%M") for e in events],
        y=[lane(e) for e in events],
        mode="markers",
        marker=marker,
        customdata=[link("event", e.id) for e in events],
        hovertext=[f"{locale.date(e.date)}: {pick(e.title, locale.language)}" for e in events],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    """Events in lanes; a day is a dot, a month or a year is a bar as long as that period."""
    language, words = locale.language, locale["words"]
    events = sorted(
        (e for e in investigation.events if not chart.groups or e.group in chart.groups),
        key=lambda e: (e.date.start(), e.id),
    )
    lane = _Lanes(investigation, events, language)
    # A date the sources give only as before, after or about a moment is drawn where it sorts,
    # as an open marker of its own legend entry: neither a dot that claims the day nor a bar
    # that claims the period.
    qualified = [e for e in events if e.date.qualifier is not None and e.end is None]
    exact = [e for e in events if _is_exact(e) and e not in qualified]
    spans = [e for e in events if not _is_exact(e) and e not in qualified]
    result = go.Figure()
    if spans:
        result.add_trace(_spans(spans, lane, locale, link))
    if exact:
        dot = {
            "size": 12,
            "color": PALETTE[0],
            "symbol": "circle",
            "line": {"width": 1, "color": "#ffffff"},
        }
        name = words.get("timeline_day", "day")
        result.add_trace(_markers(name, exact, dot, lane, locale, link))
    if qualified:
        ring = {
            "size": 11,
            "color": "rgba(0,0,0,0)",
            "symbol": "circle",
            "line": {"width": 2, "color": PALETTE[0]},
        }
        name = words["timeline_qualified"]
        result.add_trace(_markers(name, qualified, ring, lane, locale, link))
    result.update_layout(
        height=max(260, 90 + 46 * len(lane.order)),
        showlegend=True,
        barmode="overlay",
        xaxis={"type": "date"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": lane.order[::-1]},
        hovermode="closest",
    )
    data = PlottedData(
        ["date", "end", "lane", "event"],
        [words["date"], words["until"], words.get("lane", "lane"), words["event"]],
        [
            [e.date.written(), e.end.written() if e.end else "", lane(e), pick(e.title, language)]
            for e in events
        ],
    )
    return BuiltChart(result, data)


CHART_TYPE = ChartType(
    "timeline", figure, cartesian_svg, traces=("bar", "scatter"), derived="events", lanes=True
)
