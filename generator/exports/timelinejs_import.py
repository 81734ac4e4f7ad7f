"""``python -m generator import timelinejs FILE``: a TimelineJS timeline as an events.yml draft.

Newsrooms that already keep a timeline in TimelineJS (its JSON, or its Google spreadsheet saved
as CSV) start from it instead of retyping it. The draft is a starting point, not content: every
field the model has no place for is named with its place in the file, and no event has sources,
which the validator refuses until an editor cites them (no import can know what supports an
event). Ids come from the slide's ``unique_id`` where it is one (an exported ``event-<id>``
gives back ``<id>``), else from the headline; lanes from the group, made an id.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic_core import PydanticCustomError

from generator.dates import PartialDate, Qualifier
from generator.diagnostics import Diagnostic, Location, Severity
from generator.model import SLUG_PATTERN
from generator.yaml_source import parse_yaml

_SLUG = re.compile(SLUG_PATTERN)
_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::(?P<second>\d{2}))?\s*(?P<half>[AaPp][Mm])?$"
)
_DATE_PARTS = ("year", "month", "day", "hour", "minute")
_CSV_MAPPED = {
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Group", "Type",
}  # fmt: skip
_SLIDE_MAPPED = {"start_date", "end_date", "text", "group", "unique_id", "display_date"}


@dataclass
class DraftEvent:
    """One event of the draft, as the editor will find it in events.yml."""

    id: str
    date: str
    title: str
    group: str
    end: str | None = None
    body: str | None = None
    lane_name: str = ""


@dataclass
class Draft:
    events: list[DraftEvent] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: str = ""

    def warn(self, where: Location, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(where, message, hint, Severity.WARNING))

    def error(self, where: Location, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(where, message, hint))


def slugify(text: str, limit: int = 60) -> str:
    """An id from any text: ASCII letters and digits, single hyphens, cut at a word."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "event"


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


_INLINE = {"b": "**", "strong": "**", "i": "*", "em": "*"}


class _Markdown(HTMLParser):
    """TimelineJS slide text (HTML) as Markdown: paragraphs, line breaks, emphasis and web
    links; every other tag is dropped with its text kept, and nothing is left as raw HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "div", "li"):
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _INLINE:
            self.parts.append(_INLINE[tag])
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            web = re.match(r"^(https?|mailto):", href) and not re.search(r"[\s()<>]", href)
            self.href.append(href if web else None)
            if web:
                self.parts.append("[")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INLINE:
            self.parts.append(_INLINE[tag])
        elif tag == "a" and self.href:
            href = self.href.pop()
            if href:
                self.parts.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        escaped = re.sub(r"([\\`*_\[\]])", r"\\\1", data).replace("<", "&lt;")
        self.parts.append(re.sub(r"\s+", " ", escaped))


def html_to_markdown(text: str) -> str:
    parser = _Markdown()
    parser.feed(text)
    parser.close()
    paragraphs = re.split(r"\n\s*\n", "".join(parser.parts))
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


def _number(value: Any) -> int | None:
    """A date part as TimelineJS writes it: a number or a string of digits; blank is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    return int(str(value).strip())


def date_from_parts(parts: dict[str, Any], qualifier: Qualifier | None = None) -> PartialDate:
    """A date from TimelineJS's parts, at the precision of the last part given. Raises
    ValueError with the editor's words for a gap (a day without a month) or an impossible date."""
    numbers = {name: _number(parts.get(name)) for name in _DATE_PARTS}
    given = [name for name in _DATE_PARTS if numbers[name] is not None]
    if not given:
        raise ValueError("it has no year")
    if numbers["hour"] is not None and numbers["minute"] is None:
        numbers["minute"] = 0
        given.append("minute")
    expected = list(_DATE_PARTS[: len(given)])
    if given != expected:
        missing = next(name for name in expected if name not in given)
        raise ValueError(f"it has a {given[len(given) - 1]} but no {missing}")
    text = f"{numbers['year']:04d}"
    if numbers["month"] is not None:
        text += f"-{numbers['month']:02d}"
    if numbers["day"] is not None:
        text += f"-{numbers['day']:02d}"
    if numbers["hour"] is not None:
        text += f"T{numbers['hour']:02d}:{numbers['minute']:02d}"
    if qualifier:
        text = f"{qualifier} {text}"
    try:
        return PartialDate.parse(text)
    except PydanticCustomError as exc:
        raise ValueError(str(exc)) from None


def _qualifier(display_date: str) -> Qualifier | None:
    """'after 7 October 2023', as the English export writes a qualified date."""
    word = display_date.strip().split(" ", 1)[0].lower()
    return Qualifier(word) if word in {q.value for q in Qualifier} else None


# --- TimelineJS JSON -----------------------------------------------------------------------


def read_json(text: str, path: str) -> Draft:
    draft = Draft(source=path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        draft.error(Location(path, exc.lineno, exc.colno), f"not valid JSON: {exc.msg}")
        return draft
    document, _ = parse_yaml(text, path)

    def where(*keys: str | int) -> Location:
        return document.where(keys) if document is not None else Location(path)

    def where_key(*keys: str | int) -> Location:
        return document.where_key(keys) if document is not None else Location(path)

    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        draft.error(where(), "no 'events' list: this is not a TimelineJS timeline")
        return draft
    for key in sorted(set(data) - {"events"}):
        draft.warn(where_key(key), *_not_mapped(key))
    taken: set[str] = set()
    for index, slide in enumerate(events):
        if not isinstance(slide, dict):
            draft.error(where("events", index), "a slide must be an object")
            continue
        for key in sorted(set(slide) - _SLIDE_MAPPED):
            draft.warn(where_key("events", index, key), *_not_mapped(key))
        _slide(draft, slide, taken, lambda *keys, i=index: where("events", i, *keys))
    return draft


def _slide(draft: Draft, slide: dict, taken: set[str], where) -> None:
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    headline = html_to_markdown(str(text.get("headline") or "")).replace("\\", "")
    if not headline:
        draft.error(where("text"), "slide has no headline: an event needs a title")
        return
    display = str(slide.get("display_date") or "")
    qualifier = _qualifier(display) if display else None
    if display and qualifier is None:
        draft.warn(where("display_date"), *_not_mapped("display_date"))
    dates = {}
    for key in ("start_date", "end_date"):
        parts = slide.get(key)
        if parts is None:
            continue
        if not isinstance(parts, dict):
            draft.error(where(key), f"'{key}' must be an object of year, month, day ...")
            return
        for extra in sorted(set(parts) - set(_DATE_PARTS)):
            if extra in ("second", "millisecond") and not _number(parts[extra]):
                continue
            draft.warn(where(key, extra), *_not_mapped(f"{key}.{extra}"))
        try:
            dates[key] = date_from_parts(parts, qualifier if key == "start_date" else None)
        except ValueError as exc:
            draft.error(where(key), f"'{key}' is not a date: {exc}")
            return
    if "start_date" not in dates:
        draft.error(where(), "slide has no start_date: an event needs a date")
        return
    unique = str(slide.get("unique_id") or "").removeprefix("event-")
    group = str(slide.get("group") or "").strip()
    draft.events.append(
        DraftEvent(
            id=_unique(unique if _SLUG.match(unique) else slugify(headline), taken),
            date=dates["start_date"].written(),
            end=dates["end_date"].written() if "end_date" in dates else None,
            title=headline,
            body=html_to_markdown(str(text.get("text") or "")) or None,
            group=slugify(group) if group else "",
            lane_name=group,
        )
    )


# --- TimelineJS spreadsheet (CSV) -----------------------------------------------------------


def _time(value: str) -> tuple[int | None, int | None, str | None]:
    """Hour and minute from the Time column ('21:00', '9:30 PM'); a problem in words."""
    if not value.strip():
        return None, None, None
    match = _TIME.match(value.strip())
    if not match:
        return None, None, f"'{value}' is not a time: write it as 21:00"
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        hour = hour % 12 + (12 if match["half"].lower() == "pm" else 0)
    seconds = "" if not match["second"] or match["second"] == "00" else match["second"]
    return (
        hour,
        minute,
        (f"seconds ({seconds}) dropped: dates are kept to the minute" if seconds else None),
    )


def read_csv(text: str, path: str) -> Draft:
    draft = Draft(source=path)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or "Headline" not in rows[0] or "Year" not in rows[0]:
        draft.error(
            Location(path),
            "no 'Year' and 'Headline' columns: this is not a TimelineJS spreadsheet",
            "save the TimelineJS template's sheet as CSV with its header row",
        )
        return draft
    header = rows[0]
    taken: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        cells = dict(zip(header, row, strict=False))
        if not any(cell.strip() for cell in row):
            continue
        for column, (name, cell) in enumerate(zip(header, row, strict=False), start=1):
            if name not in _CSV_MAPPED and cell.strip():
                draft.warn(Location(path, line, column), *_not_mapped(name))
        _row(draft, cells, line, header, taken)
    return draft


def _row(draft: Draft, cells: dict[str, str], line: int, header: list[str], taken: set) -> None:
    path = draft.source

    def at(name: str) -> Location:
        return Location(path, line, header.index(name) + 1 if name in header else 1)

    kind = cells.get("Type", "").strip().lower()
    headline = cells.get("Headline", "").strip()
    if kind in ("title", "era"):
        draft.warn(
            at("Type"),
            f"a {kind} row is not an event and is not imported",
            "the title and summary belong in story.yml" if kind == "title" else None,
        )
        return
    if not headline:
        draft.error(at("Headline"), "row has no headline: an event needs a title")
        return
    display = cells.get("Display Date", "").strip()
    qualifier = _qualifier(display) if display else None
    if display and qualifier is None:
        draft.warn(at("Display Date"), *_not_mapped("Display Date"))
    dates = {}
    for prefix, key in (("", "date"), ("End ", "end")):
        parts = {
            "year": cells.get(f"{prefix}Year"),
            "month": cells.get(f"{prefix}Month"),
            "day": cells.get(f"{prefix}Day"),
        }
        if not any((value or "").strip() for value in parts.values()) and key == "end":
            continue
        hour, minute, problem = _time(cells.get(f"{prefix}Time", ""))
        if problem:
            draft.warn(at(f"{prefix}Time"), problem)
        parts.update(hour=hour, minute=minute)
        try:
            dates[key] = date_from_parts(parts, qualifier if key == "date" else None)
        except ValueError as exc:
            draft.error(
                at(f"{prefix}Year"), f"'{prefix}Year', '{prefix}Month' ... is not a date: {exc}"
            )
            return
    group = cells.get("Group", "").strip()
    draft.events.append(
        DraftEvent(
            id=_unique(slugify(headline), taken),
            date=dates["date"].written(),
            end=dates["end"].written() if "end" in dates else None,
            title=html_to_markdown(headline).replace("\\", ""),
            body=html_to_markdown(cells.get("Text", "")) or None,
            group=slugify(group) if group else "",
            lane_name=group,
        )
    )


def _not_mapped(name: str) -> tuple[str, str]:
    if name == "title":
        return (
            "'title' (the title slide) is not imported: it is not an event",
            "the story's title and summary belong in story.yml",
        )
    return (
        f"'{name}' is not imported: the content model has no place for it",
        "add what it says to the event by hand if readers need it",
    )


# --- the draft ------------------------------------------------------------------------------


def read_timeline(path: Path) -> Draft:
    """The draft of a TimelineJS file: JSON by its content, else the spreadsheet as CSV."""
    shown = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        draft = Draft(source=shown)
        draft.error(Location(shown), f"cannot read the file: {exc}")
        return draft
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return read_json(text, shown)
    return read_csv(text, shown)


def _quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def events_yaml(draft: Draft) -> str:
    """The draft as events.yml, with what the editor still has to do as comments."""
    lines = [
        "# yaml-language-server: $schema=../../schema/events.schema.json",
        f"# A draft imported from {draft.source}: check every event against its sources.",
        "# No event cites a source yet: the validator refuses each one until it does.",
    ]
    lanes = {e.group: e.lane_name for e in draft.events if e.group and e.lane_name != e.group}
    if lanes:
        lines.append("# The lanes' names for story.yml:")
        lines.append("#   lanes:")
        lines.extend(f"#     {group}: {_quoted(name)}" for group, name in sorted(lanes.items()))
    lines.append("events:")
    for event in draft.events:
        lines.append(f"  - id: {event.id}")
        lines.append(f"    date: {_quoted(event.date) if ' ' in event.date else event.date}")
        if event.end:
            lines.append(f"    end: {_quoted(event.end) if ' ' in event.end else event.end}")
        if event.group:
            lines.append(f"    group: {event.group}")
        else:
            lines.append("    # TODO group: the lane on the timeline (the file gave none)")
        lines.append(f"    title: {_quoted(event.title)}")
        if event.body:
            lines.append(f"    body: {_quoted(event.body)}")
        lines.append("    # TODO sources: the ids of the sources that record this event")
    if not draft.events:
        lines[-1] = "events: []"
    return "\n".join(lines) + "\n"
