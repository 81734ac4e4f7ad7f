"""The story's events as a TimelineJS timeline (its JSON format), in one language.

TimelineJS (Knight Lab) is what many newsrooms already build timelines in. Each event becomes a
slide whose date holds only the parts the date has (a month stays a month), whose ``unique_id``
is the event's anchor on the timeline page (``event-<id>``), so a deep link means the same in
both, and whose ``group`` is the lane's reader-facing name. A date the sources give only as
before, after or about a moment gets a ``display_date`` in words: TimelineJS has no field for
the qualifier, and its own date would otherwise read as exact.
"""

from __future__ import annotations

import html
import json
from typing import Any

from generator.dates import PartialDate, Precision
from generator.exports.prose import html_text, plain_text
from generator.model import Event, Investigation
from generator.render.links import anchor
from generator.render.locale import Locale
from generator.text import pick

FILE_NAME = "data/{slug}.timeline.json"
_PARTS = {
    Precision.YEAR: ("year",),
    Precision.MONTH: ("year", "month"),
    Precision.DAY: ("year", "month", "day"),
    Precision.MINUTE: ("year", "month", "day", "hour", "minute"),
}


def date_object(value: PartialDate) -> dict[str, str]:
    """A TimelineJS date: only the parts the date is known to, as the strings its docs use."""
    return {part: str(getattr(value, part)) for part in _PARTS[value.precision]}


def lane_name(investigation: Investigation, group: str, language: str) -> str:
    """The lane's name as readers see it; its id where the story names no lane."""
    name = investigation.story.lanes.get(group) if investigation.story else None
    return pick(name, language) if name else group


def event_slide(investigation: Investigation, event: Event, locale: Locale) -> dict[str, Any]:
    language = locale.language
    slide: dict[str, Any] = {
        "unique_id": anchor("event", event.id),
        "start_date": date_object(event.date),
        "text": {
            "headline": pick(event.title, language),
            "text": html_text(
                investigation,
                pick(event.body, language) if event.body else "",
                event.sources,
                language,
                locale["words"]["sources"],
            ),
        },
        "group": lane_name(investigation, event.group, language),
    }
    if event.end is not None and event.end.known:
        slide["end_date"] = date_object(event.end)
    if any(
        d is not None and (d.qualifier or d.is_range or d.unknown) for d in (event.date, event.end)
    ):
        slide["display_date"] = locale.date_range(event.date, event.end)
    return slide


def timeline(investigation: Investigation, locale: Locale) -> dict[str, Any]:
    """The TimelineJS document: a title slide from the story, then the events in date order."""
    language = locale.language
    story = investigation.story
    # TimelineJS places every slide on a date: an event whose sources give none stays out
    events = sorted((e for e in investigation.events if e.date.known), key=lambda e: (e.date, e.id))
    document: dict[str, Any] = {
        "events": [event_slide(investigation, event, locale) for event in events]
    }
    if story is not None:
        document["title"] = {
            "unique_id": "title",
            "text": {
                "headline": pick(story.title, language),
                "text": "<p>"
                + html.escape(plain_text(investigation, pick(story.dek, language), language))
                + "</p>",
            },
        }
    return document


def timeline_json(investigation: Investigation, locale: Locale) -> str:
    return (
        json.dumps(timeline(investigation, locale), ensure_ascii=False, indent=1, sort_keys=True)
        + "\n"
    )
