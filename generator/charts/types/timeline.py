"""Timelines derived from the events, drawn so that every event can be told apart on a phone.

Each lane has its name on a line of its own above its events (a name beside the lane would take
a third of a phone's width). Within a lane, events that would touch at a phone's width are
stacked on rows below each other, never drawn on top of each other: the rows are found here, in
pixels of the narrowest plotting area the chart is drawn in, so the picture and the interactive
chart stack them alike and a wider screen only adds room between them.

What the sources know of a date decides the mark: an exact day is a dot; a period whose first
and last days are known a solid bar as long as it; a date known only to the month or year a
paler bar across that period; a date given only as before, after or about a moment a diamond.
An event the sources do not confirm (its status, or what its sources support when it gives none,
see generator.evidence) is drawn hollow, each of these with its own legend entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import plotly.graph_objects as go

from generator import evidence
from generator.charts.items import drawn_events, drawn_stages
from generator.charts.picture import cartesian_svg
from generator.charts.plotting import BuiltChart, Link, PlottedData, hover_lines
from generator.charts.theme import GRID, PALETTE
from generator.charts.types import ChartType
from generator.dates import PartialDate, Precision, Qualifier
from generator.model import Chart, Event, Investigation
from generator.render.locale import Locale
from generator.text import pick

# Rows are found at this width of the plotting area, in pixels: a phone's column (375 px
# screen) less the page's and the chart's margins, rounded down so that narrower phones still
# keep marks apart. Wider screens draw the same rows further apart.
PACK_WIDTH = 300
DOT = 12  # a dot's or diamond's width, pixels
GAP = 3  # the least room between two marks on one row
MIN_BAR = 6  # the shortest a bar is drawn, so that a day-long period stays visible at 25 years
ROW = 24  # pixels per row: a lane's name and each row of its events
BAR_THICKNESS = 0.5  # of a row
LEGEND_ROW = 22
AXIS = 48  # the date axis, margins and a little air, pixels
PADDING = 0.03  # of the time span, left empty at each end of the axis
TICKS = 6  # date ticks: as many as a phone's width holds

DAY_MS = 86_400_000
EPOCH = datetime(1970, 1, 1)


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


def _ends(event: Event) -> tuple[PartialDate, PartialDate | None]:
    """An event's first date and, for a period, its last: its ``end``, or the last date of a
    range written as its date ('2024-11-24/2024-12-06')."""
    if event.end is not None:
        return event.date, event.end
    if event.date.is_range:
        return event.date.first(), event.date.until
    return event.date, None


def _kind(event: Event) -> str:
    """Which mark an event is: 'day', 'days' (a period whose first and last days are known),
    'period' (known only to the month or year) or 'qualified' (only before, after or about a
    moment). A day is exact as the date model says (``PartialDate.exact_day``)."""
    first, last = _ends(event)
    if last is None:
        if first.qualifier is not None:
            return "qualified"
        return "day" if first.exact_day else "period"
    return "days" if first.exact_day and last.exact_day else "period"


def _ms(moment: datetime) -> float:
    return (moment.replace(tzinfo=None) - EPOCH).total_seconds() * 1000


def _plot_date(ms: float, minutes: bool = True) -> str:
    """A Plotly date; a bar's start without its time when it starts at midnight."""
    moment = EPOCH + timedelta(milliseconds=ms)
    if not minutes and moment.hour == moment.minute == 0:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M")


@dataclass
class _Mark:
    """One event as drawn: where it starts and ends (ms), its lane, row and look."""

    event: Event
    kind: str
    status: str | None
    start: float
    end: float  # equal to start for a dot or a diamond
    lane: str
    row: float = 0.0

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"


class _Axis:
    """The time axis, fixed so that rows found at PACK_WIDTH hold wherever it is drawn."""

    def __init__(self, marks: list[_Mark]):
        low = min(mark.start for mark in marks)
        high = max(mark.end for mark in marks)
        if high - low < DAY_MS:
            low, high = low - DAY_MS, high + DAY_MS
        pad = (high - low) * PADDING
        self.low, self.high = low - pad, high + pad

    def pixels(self, ms: float) -> float:
        return (ms - self.low) / (self.high - self.low) * PACK_WIDTH

    def ms_per_pixel(self) -> float:
        return (self.high - self.low) / PACK_WIDTH


def _marks(events: list[Event], lane: _Lanes, statuses: dict[str, str | None]) -> list[_Mark]:
    marks = []
    for event in events:
        kind = _kind(event)
        first, last = _ends(event)
        start = _ms(first.start())
        end = _ms(_span_end(last or first)) if kind in ("days", "period") else start
        marks.append(_Mark(event, kind, statuses[event.id], start, max(end, start), lane(event)))
    return marks


def _extent(mark: _Mark, axis: _Axis) -> tuple[float, float]:
    """The pixels a mark covers along the axis at PACK_WIDTH."""
    left = axis.pixels(mark.start)
    if mark.kind in ("days", "period", "court-period"):
        return left, max(axis.pixels(mark.end), left + MIN_BAR)
    return left - DOT / 2, left + DOT / 2


def _stack(marks: list[_Mark], lanes: list[str], axis: _Axis) -> tuple[dict[str, float], float]:
    """Give each mark a row of its lane so that no two marks on a row touch; returns the y of
    each lane's name and the y below the last lane (one unit per row, growing downwards)."""
    heads: dict[str, float] = {}
    top = 0.0
    for name in lanes:
        heads[name] = top
        ends: list[float] = []  # per row: the right edge of its last mark
        in_lane = sorted((m for m in marks if m.lane == name), key=lambda m: _extent(m, axis))
        for mark in in_lane:
            left, right = _extent(mark, axis)
            row = next((i for i, end in enumerate(ends) if end + GAP <= left), len(ends))
            if row == len(ends):
                ends.append(right)
            ends[row] = right
            mark.row = top + 1 + row
        top += 1 + max(len(ends), 1) + 0.3
    return heads, top


def _hover(mark: _Mark, locale: Locale) -> str:
    event = mark.event
    when = locale.date_range(event.date, event.end) if event.end else locale.date(event.date)
    text = f"{when}: {pick(event.title, locale.language)}"
    if not mark.confirmed and mark.status:
        text += f" ({locale['statuses'][mark.status]})"
    return text


def _hollow(colour: str) -> dict:
    return {"color": "rgba(0,0,0,0)", "line": {"width": 2, "color": colour}}


def _bars(name: str, marks: list[_Mark], colour: str, axis: _Axis, link, locale) -> go.Bar:
    """Periods as bars; a hollow one when the sources do not confirm it."""
    least = MIN_BAR * axis.ms_per_pixel()
    solid, opacity = marks[0].confirmed, 1.0 if marks[0].kind == "days" else 0.6
    marker = (
        {"color": colour, "opacity": opacity, "line": {"width": 0}}
        if solid
        else {**_hollow(colour), "color": "rgba(128,128,128,0.12)"}
    )
    return go.Bar(
        name=name,
        base=[_plot_date(m.start, minutes=False) for m in marks],
        x=[max(m.end - m.start, least) for m in marks],
        y=[m.row for m in marks],
        orientation="h",
        marker=marker,
        width=BAR_THICKNESS,
        customdata=[link("event", m.event.id) for m in marks],
        hovertext=[hover_lines(_hover(m, locale)) for m in marks],
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _points(name: str, marks: list[_Mark], colour: str, symbol: str, link, locale) -> go.Scatter:
    """Days and qualified dates as markers; hollow ones when the sources do not confirm them."""
    look = {"color": colour, "line": {"width": 1, "color": "#ffffff"}}
    if not marks[0].confirmed:
        look = _hollow(colour)
    return go.Scatter(
        name=name,
        x=[_plot_date(m.start) for m in marks],
        y=[m.row for m in marks],
        mode="markers",
        marker={"size": DOT if symbol == "circle" else DOT + 1, "symbol": symbol, **look},
        customdata=[link("event", m.event.id) for m in marks],
        hovertext=[hover_lines(_hover(m, locale)) for m in marks],
        hovertemplate="%{hovertext}<extra></extra>",
    )


# mark kind -> (legend key in the locale's words, colour, symbol or None for a bar)
LOOKS = {
    "days": ("timeline_days", PALETTE[0], None),
    "period": ("timeline_period", PALETTE[1], None),
    "day": ("timeline_day", PALETTE[0], "circle"),
    "qualified": ("timeline_qualified", PALETTE[1], "diamond"),
}


def _traces(marks: list[_Mark], axis: _Axis, link: Link, locale: Locale) -> list:
    """A trace per kind of mark, confirmed and not; each kind's legend entry once, and one entry
    saying that hollow marks are not confirmed."""
    words = locale["words"]
    traces: list = []
    for kind, (key, colour, symbol) in LOOKS.items():
        named = False
        for confirmed in (True, False):
            chosen = [m for m in marks if m.kind == kind and m.confirmed is confirmed]
            if not chosen:
                continue
            name = words[key]
            if symbol is None:
                trace = _bars(name, chosen, colour, axis, link, locale)
            else:
                trace = _points(name, chosen, colour, symbol, link, locale)
            trace.update(showlegend=not named, legendgroup=kind)
            named = True
            traces.append(trace)
    if any(not m.confirmed for m in marks):
        traces.append(
            go.Scatter(
                name=words["timeline_unconfirmed"],
                x=[None],
                y=[None],
                mode="markers",
                marker={"size": DOT, "symbol": "circle", **_hollow(PALETTE[7])},
                hoverinfo="skip",
                legendgroup="unconfirmed",
            )
        )
    return traces


def _lane_furniture(heads: dict[str, float], lanes: list[str]) -> tuple[list, list]:
    """Each lane's name on its own line above its events, and a rule between lanes."""
    annotations = [
        {
            "text": name,
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "y",
            "y": heads[name],
            "yanchor": "middle",
            "showarrow": False,
            "font": {"size": 13},
        }
        for name in lanes
    ]
    shapes = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": heads[name] - 0.65,
            "y1": heads[name] - 0.65,
            "line": {"color": GRID, "width": 1},
            "layer": "below",
        }
        for name in lanes[1:]
    ]
    return annotations, shapes


def figure(chart: Chart, investigation: Investigation, locale: Locale, link: Link) -> BuiltChart:
    """Events in lanes, stacked so that none hides another, hollow where not confirmed."""
    language, words = locale.language, locale["words"]
    events = sorted(drawn_events(chart, investigation), key=lambda e: (e.date.start(), e.id))
    lane = _Lanes(investigation, events, language)
    sources = investigation.by_id("sources")
    judged_in = investigation.story.languages[0] if investigation.story else language
    statuses = {e.id: evidence.shown_status(e, sources, judged_in) for e in events}
    # the stages of legal proceedings (cases.yml) on a timeline of every lane, in the 'courts'
    # lane; a timeline of chosen lanes draws only those
    stages = drawn_stages(chart, investigation)
    court = _court_lane(lane, locale)
    if stages and court not in lane.order:
        lane.order.append(court)
    result = go.Figure()
    legend_entries = 0
    if events or stages:
        marks = _marks(events, lane, statuses)
        court_marks = [_court_mark(case, stage, court) for case, stage in stages]
        axis = _Axis(marks + court_marks)
        heads, bottom = _stack(marks + court_marks, lane.order, axis)
        traces = _traces(marks, axis, link, locale) if marks else []
        if court_marks:
            traces.extend(_court_stages(court_marks, axis, locale, link))
        result.add_traces(traces)
        legend_entries = sum(1 for t in traces if t.showlegend is not False)
        annotations, shapes = _lane_furniture(heads, lane.order)
        result.update_layout(
            annotations=annotations,
            shapes=shapes,
            xaxis={
                "type": "date",
                "range": [_plot_date(axis.low), _plot_date(axis.high)],
                # as many ticks as a phone's width holds, on whole months or years (five-year
                # steps over 25 years), at every width: the picture reads the same number
                "nticks": TICKS,
            },
            yaxis={"range": [bottom - 0.2, -0.6], "visible": False, "fixedrange": True},
        )
        rows = bottom + 0.4
    else:
        rows = 4
    result.update_layout(
        # room for every legend entry on a line of its own (a phone's), the axis and the rows
        height=round(AXIS + LEGEND_ROW * legend_entries + ROW * rows),
        showlegend=True,
        barmode="overlay",
        hovermode="closest",
    )
    data = PlottedData(
        ["date", "end", "lane", "event", "status"],
        [
            words["date"],
            words["until"],
            words.get("lane", "lane"),
            words["event"],
            words["status"],
        ],
        [
            [
                e.date.written(),
                e.end.written() if e.end else "",
                lane(e),
                pick(e.title, language),
                locale["statuses"][statuses[e.id]] if statuses[e.id] else "",
            ]
            for e in events
        ]
        + [
            [stage.date.written(), "", court, _stage_text(case, stage, locale), ""]
            for case, stage in stages
        ],
    )
    return BuiltChart(result, data)


COURT_LANE = "courts"  # the lane of the stages of legal proceedings, shared with such events


def _court_lane(lane: _Lanes, locale: Locale) -> str:
    """The name of the lane the stages are drawn in: the story's own 'courts' lane when
    story.yml names one (its events about courts then sit beside the stages), else 'Courts'."""
    if COURT_LANE in lane.labels:
        return pick(lane.labels[COURT_LANE], lane.language)
    return locale["legal"]["lane"]


def _court_mark(case, stage, court: str) -> _Mark:
    """A stage as a mark of its own kind, stacked with the events: a square on its day, or a
    bar across the month or year the sources give (never a point on its first day). ``event``
    holds the (case, stage) pair, which only _court_stages reads."""
    date = stage.date
    if date.exact_day or date.qualifier is not None:
        start = _ms(date.start())
        return _Mark((case, stage), "court", "confirmed", start, start, court)  # type: ignore[arg-type]
    # a month, a year or a range: from its first moment to the end of its last day
    start, end = _ms(date.period_start()), _ms(date.period_end())
    return _Mark((case, stage), "court-period", "confirmed", start, end, court)  # type: ignore[arg-type]


def _stage_text(case, stage, locale: Locale) -> str:
    """'Verdict: convicted (The state against ...)' in the page's language."""
    words = locale["legal"]
    text = words["stages"][stage.stage]
    if stage.outcome:
        text += f": {words['outcomes'][stage.outcome]}"
    return f"{text} ({pick(case.title, locale.language)})"


def _court_stages(marks: list[_Mark], axis: _Axis, locale: Locale, link: Link) -> list:
    """The stages, each linked to its case's entry: squares for days, bars for months and
    years, under one legend entry."""
    words = locale["legal"]
    traces: list = []
    days = [m for m in marks if m.kind == "court"]
    periods = [m for m in marks if m.kind == "court-period"]
    if periods:
        least = MIN_BAR * axis.ms_per_pixel()
        traces.append(
            go.Bar(
                base=[_plot_date(m.start, minutes=False) for m in periods],
                x=[max(m.end - m.start, least) for m in periods],
                y=[m.row for m in periods],
                orientation="h",
                marker={"color": PALETTE[2], "opacity": 0.6, "line": {"width": 0}},
                width=BAR_THICKNESS,
                **_court_points(periods, locale, link),
            )
        )
    if days:
        traces.append(
            go.Scatter(
                x=[_plot_date(m.start) for m in days],
                y=[m.row for m in days],
                mode="markers",
                marker={
                    "size": DOT,
                    "symbol": "square",
                    "color": PALETTE[2],
                    "line": {"width": 1, "color": "#ffffff"},
                },
                **_court_points(days, locale, link),
            )
        )
    for index, trace in enumerate(traces):
        trace.update(name=words["legend"], legendgroup="court", showlegend=index == 0)
    return traces


def _court_points(marks: list[_Mark], locale: Locale, link: Link) -> dict:
    return {
        "customdata": [link("case", m.event[0].id) for m in marks],
        "hovertext": [
            hover_lines(f"{locale.date(m.event[1].date)}: {_stage_text(*m.event, locale)}")
            for m in marks
        ],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


CHART_TYPE = ChartType(
    "timeline", figure, cartesian_svg, traces=("bar", "scatter"), derived="events", lanes=True
)
