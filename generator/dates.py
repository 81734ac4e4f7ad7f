"""Dates at the precision the sources give them, and as exact as the sources say.

A source that says "November 2024" must not become 1 November 2024 on the page or on a chart, so
every date keeps its precision: year, month, day or minute. A source that says "after 7 October
2023" or "about 2010" must not become an exact date either, so a date may carry a qualifier:
``before``, ``after`` or ``about`` and one space in front of the ISO prefix (the English words in
every story's language, as ISO dates are the same in every language). A source that says "between
March and June 2021" gives a range, written as an ISO 8601 interval ``2021-03/2021-06``: one
moment somewhere in it, not a period that lasted (that is ``date:`` and ``end:``). A date the
sources do not give at all is ``unknown``: kept, shown as "date not known", never drawn at a
made-up moment. FollowTheMoney writes dates as the same ISO prefixes; the qualifier, the range and
``unknown`` are this model's own, kept beside them.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?)?)?$"
)
# What a date may start with, and how an editor may have written a range by mistake.
_QUALIFIED = re.compile(r"^(?P<word>[^\W\d_]+)(?P<space>\s+)(?P<rest>\S.*)$")
_ISO_PREFIX = r"\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2})?)?)?"
_RANGE = re.compile(
    rf"^(?P<start>{_ISO_PREFIX})\s*(?:[-\u2010-\u2015/]|\s(?:to|until)\s)\s*(?P<end>{_ISO_PREFIX})$",
    re.IGNORECASE,
)
# A range as it must be written: two ISO prefixes and a slash, nothing around it.
_INTERVAL = re.compile(r"^(?P<start>[^/\s]+)/(?P<end>[^/\s]+)$")
UNKNOWN = "unknown"
_KINDS = {list: "a list", dict: "a mapping (key: value)", float: "a decimal number"}
# JSON Schema patterns have no flags: the keywords' case is spelt out letter by letter.
_JSON_KEYWORDS = "|".join(
    "".join(f"[{c.upper()}{c}]" for c in word) for word in ("before", "after", "about")
)
_JSON_ISO = r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2})?)?)?"
_JSON_UNKNOWN = "".join(f"[{c.upper()}{c}]" for c in UNKNOWN)
_JSON_PATTERN = rf"^((({_JSON_KEYWORDS}) )?{_JSON_ISO}|{_JSON_ISO}/{_JSON_ISO}|{_JSON_UNKNOWN})$"


# Month names for messages: the calendar module's follow the build machine's locale.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _impossible(template: str, value: str, **parts: object) -> PydanticCustomError:
    return PydanticCustomError("date_impossible", template, {"value": value, **parts})


def _check_possible(value: str, year: int, month: int, day: int, hour: int, minute: int) -> None:
    """Refuse a date that matched the pattern but names no moment, saying how to write it.

    Parts are checked from the largest down, so '2024-13-45' is about its month, and a message
    never names a month that does not exist. Each message is written out whole, so that the
    corpus of broken content can be checked against every one of them.
    """
    if year < 1:
        raise _impossible(
            "impossible date '{value}': there is no year 0000; write the year with four digits, "
            "such as 2024",
            value,
        )
    if not 1 <= month <= 12:
        raise _impossible(
            "impossible date '{value}': there is no month {month}; write the month as 01 to 12",
            value,
            month=f"{month:02d}",
        )
    last = calendar.monthrange(year, month)[1]
    if day < 1:
        raise _impossible(
            "impossible date '{value}': there is no day 00; write the day as 01 to {last}",
            value,
            last=last,
        )
    if day > last:
        raise _impossible(
            "impossible date '{value}': {month_name} {year} has {last} days; write the day as "
            "01 to {last}",
            value,
            month_name=_MONTHS[month - 1],
            year=f"{year:04d}",
            last=last,
        )
    if hour > 23:
        raise _impossible(
            "impossible time in '{value}': there is no hour {hour}; write the time as 00:00 to "
            "23:59",
            value,
            hour=f"{hour:02d}",
        )
    if minute > 59:
        raise _impossible(
            "impossible time in '{value}': there is no minute {minute}; write the time as 00:00 "
            "to 23:59",
            value,
            minute=f"{minute:02d}",
        )


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"


class Qualifier(StrEnum):
    """How a date relates to the moment it names, when the sources do not give it exactly."""

    BEFORE = "before"
    AFTER = "after"
    ABOUT = "about"


_QUALIFIER_WORDS = frozenset(q.value for q in Qualifier)
# Where a date sorts among dates placed at the same moment: 'before March 2024' ends where
# 'March 2024' begins, so it comes first; 'after February 2024' could be any time from then on.
_QUALIFIER_RANK = {Qualifier.BEFORE: 0, None: 1, Qualifier.ABOUT: 1, Qualifier.AFTER: 2}
_PRECISION_RANK = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2, Precision.MINUTE: 3}


def _range_error(value: str, match: re.Match[str]) -> PydanticCustomError:
    """A range written another way than ISO 8601's ``A/B`` ('2021-03 - 2021-06', '2021 to
    2022'): the message gives the form that works."""
    return PydanticCustomError(
        "date_range",
        "'{value}' is not a date: write a date somewhere between two dates as '{start}/{end}'",
        {"value": value, "start": match["start"], "end": match["end"]},
    )


def _range_order_error(value: str, start: str, end: str) -> PydanticCustomError:
    return PydanticCustomError(
        "date_range_order",
        "'{value}' is not a range: it ends ({end}) before it starts ({start}); write the earlier "
        "date first, as '{end}/{start}'",
        {"value": value, "start": start, "end": end},
    )


def _range_part_error(value: str, part: str) -> PydanticCustomError:
    return PydanticCustomError(
        "date_range_part",
        "'{value}' is not a range: '{part}' is not a date; write a range as two dates with a "
        "slash between them and no spaces, such as 2021-03/2021-06",
        {"value": value, "part": part},
    )


def _format_error(value: str) -> PydanticCustomError:
    return PydanticCustomError(
        "date_format",
        "'{value}' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00",
        {"value": value},
    )


def _split_qualifier(text: str, allowed: bool) -> tuple[Qualifier | None, str]:
    """The qualifier word and the ISO part of a written date.

    A word in front of a date that is not one of the three, or is not followed by exactly one
    space, gets its own message: a Romanian editor writing 'după 2023-10-07' learns that the
    keywords are English in every story, and one writing 'November 2024' how to write the month.
    """
    match = _QUALIFIED.match(text)
    if match is None or not (_PATTERN.match(match["rest"]) or _RANGE.match(match["rest"])):
        return None, text
    word = match["word"].lower()
    if not allowed or word not in _QUALIFIER_WORDS or match["space"] != " ":
        raise PydanticCustomError(
            "date_qualifier",
            "'{value}' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00, with "
            "only 'before', 'after' or 'about' and one space in front (these English words in "
            "every language)",
            {"value": text},
        )
    return Qualifier(word), match["rest"]


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to a given precision, exactly or only before, after or about it.

    Dates order by day, and within a day a time of day first (in time order), then the dates
    known only to that day: a list of events reads "21:00 the polls close" before "that day,
    turnout was low". Otherwise they order by ``start()``, the moment a list sorts them at and a
    chart draws them at; dates placed at the same moment order 'before', exact or 'about',
    'after', and then the coarser first. An unknown date comes after every known one. Equal
    dates are the same value written the same way.
    """

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    precision: Precision = Precision.DAY
    qualifier: Qualifier | None = None
    until: PartialDate | None = None  # a range's last date ('2021-03/2021-06': 2021-06)
    unknown: bool = False  # the sources give no date: the other fields mean nothing

    @classmethod
    def parse(cls, value: Any, *, qualifiers: bool = True) -> PartialDate:
        """Parse ``2024``, ``2024-11``, ``2024-11-24`` or ``2024-11-24T21:00``, and with
        ``qualifiers`` any of them after ``before``, ``after`` or ``about``, a range
        ``2021-03/2021-06`` or ``unknown``. ``qualifiers=False`` allows only the exact forms.
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, bool):
            raise PydanticCustomError("date_type", "expected a date like 2024-11-24, not a boolean")
        if isinstance(value, int):
            # YAML reads 0000 or 0999 as a number: give back the four digits the editor wrote
            value = f"{value:04d}" if 0 <= value <= 9999 else str(value)
        if isinstance(value, datetime):
            # a time of day is kept to the minute, the precision the content model has
            return cls(
                value.year, value.month, value.day, value.hour, value.minute, Precision.MINUTE
            )
        if isinstance(value, date):
            return cls(value.year, value.month, value.day, precision=Precision.DAY)
        if not isinstance(value, str):
            raise PydanticCustomError(
                "date_type",
                "expected a date like 2024-11-24, got {kind}",
                {"kind": _KINDS.get(type(value), type(value).__name__)},
            )
        written = value.strip()
        if written.lower() == UNKNOWN and qualifiers:
            return cls(1, precision=Precision.YEAR, unknown=True)
        qualifier, text = _split_qualifier(written, qualifiers)
        interval = _INTERVAL.match(text)
        if interval and qualifiers:
            if qualifier is not None:
                raise PydanticCustomError(
                    "date_qualifier",
                    "'{value}' is not a date: a range such as '{range}' already says the date is "
                    "somewhere between its two ends; leave out '{word}'",
                    {"value": value, "range": text, "word": str(qualifier)},
                )
            return cls._range(value, interval["start"], interval["end"])
        return cls._exact(value, written, text, qualifier)

    @classmethod
    def _range(cls, value: str, first: str, last: str) -> PartialDate:
        """``first/last``: both exact ISO prefixes, the last not ending before the first starts."""
        start, end = (
            cls._exact(value, part, part, None)
            if _PATTERN.match(part)
            else _raise(_range_part_error(value, part))
            for part in (first, last)
        )
        if end.period_end() <= start.period_start():
            raise _range_order_error(value, first, last)
        if end == start:
            return start
        return cls(
            start.year, start.month, start.day, start.hour, start.minute, start.precision,
            until=end,
        )  # fmt: skip

    @classmethod
    def _exact(
        cls, value: str, written: str, text: str, qualifier: Qualifier | None
    ) -> PartialDate:
        match = _PATTERN.match(text)
        if not match:
            if written_range := _RANGE.match(text):
                raise _range_error(value, written_range)
            raise _format_error(value)
        parts = {k: int(v) for k, v in match.groupdict().items() if v is not None}
        precision = (
            Precision.MINUTE
            if "minute" in parts
            else Precision.DAY
            if "day" in parts
            else Precision.MONTH
            if "month" in parts
            else Precision.YEAR
        )
        year, month, day = parts["year"], parts.get("month", 1), parts.get("day", 1)
        hour, minute = parts.get("hour", 0), parts.get("minute", 0)
        _check_possible(written, year, month, day, hour, minute)
        return cls(year, month, day, hour, minute, precision, qualifier)

    @property
    def known(self) -> bool:
        return not self.unknown

    @property
    def is_range(self) -> bool:
        return self.until is not None

    @property
    def exact_day(self) -> bool:
        """Known to the day or the minute, with no qualifier and no range: a date a chart may
        draw as a point."""
        return (
            self.known
            and self.until is None
            and self.qualifier is None
            and self.precision in (Precision.DAY, Precision.MINUTE)
        )

    def _own_iso(self) -> str:
        text = f"{self.year:04d}"
        if self.precision is Precision.YEAR:
            return text
        text += f"-{self.month:02d}"
        if self.precision is Precision.MONTH:
            return text
        text += f"-{self.day:02d}"
        if self.precision is Precision.DAY:
            return text
        return f"{text}T{self.hour:02d}:{self.minute:02d}"

    def iso(self) -> str:
        """The date written back at its own precision, without its qualifier: what a
        ``<time datetime>`` attribute or a search engine's date can hold. A range gives what
        its two ends share ('2021' for 2021-03/2021-06), or nothing; an unknown date nothing."""
        if self.unknown:
            return ""
        if self.until is None:
            return self._own_iso()
        first, last = self._own_iso(), self.until.iso()
        for cut in (16, 10, 7, 4):
            if len(first) >= cut and first[:cut] == last[:cut]:
                return first[:cut]
        return ""

    def written(self) -> str:
        """The date as the editor wrote it, qualifier included ('after 2023-10-07',
        '2021-03/2021-06', 'unknown'): the JSON download and the editors' own files keep this
        form."""
        if self.unknown:
            return UNKNOWN
        if self.until is not None:
            return f"{self._own_iso()}/{self.until.iso()}"
        return f"{self.qualifier} {self.iso()}" if self.qualifier else self.iso()

    def first(self) -> PartialDate:
        """A range's first date (the date itself otherwise)."""
        if self.until is None:
            return self
        return PartialDate(self.year, self.month, self.day, self.hour, self.minute, self.precision)

    def period_start(self) -> datetime:
        """The first moment of the period the ISO part names, whatever the qualifier (of a
        range, the first moment of its first date)."""
        if self.unknown:
            return datetime.max
        return datetime(self.year, self.month, self.day, self.hour, self.minute)

    def period_end(self) -> datetime:
        """The first moment after the period the ISO part names (for '2024-11', 1 December; for
        a range, the first moment after its last date)."""
        if self.unknown:
            return datetime.max
        if self.until is not None:
            return self.until.period_end()
        start = self.period_start()
        try:
            if self.precision is Precision.YEAR:
                return datetime(start.year + 1, 1, 1)
            if self.precision is Precision.MONTH:
                return datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
            if self.precision is Precision.DAY:
                return start + timedelta(days=1)
            return start + timedelta(minutes=1)
        except (OverflowError, ValueError):  # the end of 9999: the last moment there is
            return datetime.max

    def start(self) -> datetime:
        """The moment lists sort the date at and charts draw it at, to the minute.

        An exact or 'about' date: the first moment of its period. 'before X': the start of X,
        the last moment it can be. 'after X': the end of X, the first moment it can be. So
        'after 2023-10-07' sorts after everything that happened on 7 October 2023.
        """
        return self.period_end() if self.qualifier is Qualifier.AFTER else self.period_start()

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """The earliest moment the date can be and the first moment it cannot, None where the
        sources set no bound ('before X' has no earliest moment; 'about X' and an unknown date
        have neither)."""
        if self.unknown:
            return None, None
        if self.qualifier is Qualifier.BEFORE:
            return None, self.period_start()
        if self.qualifier is Qualifier.AFTER:
            return self.period_end(), None
        if self.qualifier is Qualifier.ABOUT:
            return None, None
        return self.period_start(), self.period_end()

    def _order(self) -> tuple:
        moment = self.start()
        # within one day: 'before' that day, then times of day, then everything else
        within_day = (
            0
            if self.qualifier is Qualifier.BEFORE
            else 1
            if self.precision is Precision.MINUTE and self.until is None
            else 2
        )
        return (
            moment.replace(hour=0, minute=0),
            within_day,
            moment,
            _QUALIFIER_RANK[self.qualifier],
            _PRECISION_RANK[self.precision],
            self.period_start(),
            self.period_end(),
            str(self.qualifier or ""),
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._order() < other._order()

    def __str__(self) -> str:
        return self.written()

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(cls.written)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "pattern": _JSON_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date at its known precision: 2024, 2024-11, 2024-11-24 or "
            "2024-11-24T21:00; 'before', 'after' or 'about' and one space in front when the "
            "sources give no exact date, such as 'after 2023-10-07' or 'about 2010'; a range "
            "'2021-03/2021-06' when they say it was somewhere between two dates; 'unknown' when "
            "they give none. A period that lasted is two keys: its start here and its end as "
            "'end:'.",
            "examples": ["2024-11-24", "after 2023-10-07", "2021-03/2021-06", "unknown"],
        }


def own_date(value: PartialDate) -> PartialDate:
    """A date the newsroom gives of its own work (publication, update, correction): it knows
    the day, and feeds and citations need one date, so neither a range nor 'unknown'."""
    if value.unknown or value.is_range:
        raise PydanticCustomError(
            "date_own",
            "'{value}' is not one date: the story's own publication, update and correction "
            "dates are the newsroom's, written as one date such as 2024-11-24",
            {"value": value.written()},
        )
    return value


def _raise(error: Exception):
    raise error


def ends_before(start: PartialDate, end: PartialDate) -> bool:
    """Whether ``end`` certainly comes before ``start``, whatever the qualifiers allow.

    Only the first moment ``end`` cannot be (its latest bound) against the earliest ``start``
    can be: '2024-11' as an end does not come before '2024-11-24' as a start (the month includes
    it), nor does an end of '2024-02-10' before a start 'before 2024-03'; an end 'before
    2024-03' does come before a start in March 2024. 'about' sets no bound, so never fires.
    """
    latest_end, earliest_start = end.bounds()[1], start.bounds()[0]
    return latest_end is not None and earliest_start is not None and latest_end <= earliest_start
