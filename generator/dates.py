"""Dates at the precision the sources give them, and as exact as the sources say.

A source that says "November 2024" must not become 1 November 2024 on the page or on a chart, so
every date keeps its precision: year, month, day or minute. A source that says "after 7 October
2023" or "about 2010" must not become an exact date either, so a date may carry a qualifier:
``before``, ``after`` or ``about`` and one space in front of the ISO prefix (the English words in
every story's language, as ISO dates are the same in every language). FollowTheMoney writes dates
as the same ISO prefixes; the qualifier is this model's own, kept beside them.
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
_KINDS = {list: "a list", dict: "a mapping (key: value)", float: "a decimal number"}
# JSON Schema patterns have no flags: the keywords' case is spelt out letter by letter.
_JSON_KEYWORDS = "|".join(
    "".join(f"[{c.upper()}{c}]" for c in word) for word in ("before", "after", "about")
)
_JSON_PATTERN = rf"^(({_JSON_KEYWORDS}) )?\d{{4}}(-\d{{2}}(-\d{{2}}([T ]\d{{2}}:\d{{2}})?)?)?$"


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
    """Names `end:`, which events and relations have; for a date without one (a source's, a
    story's) generator.validation_errors words the hint from ``start`` and ``end`` instead."""
    return PydanticCustomError(
        "date_range",
        "'{value}' is a range, not one date: write its start here ('{start}') and its end as "
        "'end: {end}'",
        {"value": value, "start": match["start"], "end": match["end"]},
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

    Dates order by ``start()``, the moment a list sorts them at and a chart draws them at; dates
    placed at the same moment order 'before', exact or 'about', 'after', and then the coarser
    first. Equal dates are the same value written the same way.
    """

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    precision: Precision = Precision.DAY
    qualifier: Qualifier | None = None

    @classmethod
    def parse(cls, value: Any, *, qualifiers: bool = True) -> PartialDate:
        """Parse ``2024``, ``2024-11``, ``2024-11-24`` or ``2024-11-24T21:00``, and with
        ``qualifiers`` any of them after ``before``, ``after`` or ``about``.

        CSV cells pass ``qualifiers=False`` until line charts can draw an uncertain point
        honestly: a point 'about 2010' drawn on 1 January 2010 would say more than its source.
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
        qualifier, text = _split_qualifier(written, qualifiers)
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

    def iso(self) -> str:
        """The date written back at its own precision, without its qualifier: what a
        ``<time datetime>`` attribute or a search engine's date can hold."""
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

    def written(self) -> str:
        """The date as the editor wrote it, qualifier included ('after 2023-10-07'): the JSON
        download and the editors' own files keep this form."""
        return f"{self.qualifier} {self.iso()}" if self.qualifier else self.iso()

    def period_start(self) -> datetime:
        """The first moment of the period the ISO part names, whatever the qualifier."""
        return datetime(self.year, self.month, self.day, self.hour, self.minute)

    def period_end(self) -> datetime:
        """The first moment after the period the ISO part names (for '2024-11', 1 December)."""
        start = self.period_start()
        if self.precision is Precision.YEAR:
            return datetime(start.year + 1, 1, 1)
        if self.precision is Precision.MONTH:
            return datetime(start.year + (start.month == 12), start.month % 12 + 1, 1)
        if self.precision is Precision.DAY:
            return start + timedelta(days=1)
        return start + timedelta(minutes=1)

    def start(self) -> datetime:
        """The moment lists sort the date at and charts draw it at, to the minute.

        An exact or 'about' date: the first moment of its period. 'before X': the start of X,
        the last moment it can be. 'after X': the end of X, the first moment it can be. So
        'after 2023-10-07' sorts after everything that happened on 7 October 2023.
        """
        return self.period_end() if self.qualifier is Qualifier.AFTER else self.period_start()

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """The earliest moment the date can be and the first moment it cannot, None where the
        sources set no bound ('before X' has no earliest moment; 'about X' has neither)."""
        if self.qualifier is Qualifier.BEFORE:
            return None, self.period_start()
        if self.qualifier is Qualifier.AFTER:
            return self.period_end(), None
        if self.qualifier is Qualifier.ABOUT:
            return None, None
        return self.period_start(), self.period_end()

    def _order(self) -> tuple:
        return (
            self.start(),
            _QUALIFIER_RANK[self.qualifier],
            _PRECISION_RANK[self.precision],
            self.period_start(),
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
            "sources give no exact date, such as 'after 2023-10-07' or 'about 2010'. A range is "
            "two keys: the start here and the end as 'end:'.",
            "examples": ["2024-11-24", "after 2023-10-07"],
        }


def ends_before(start: PartialDate, end: PartialDate) -> bool:
    """Whether ``end`` certainly comes before ``start``, whatever the qualifiers allow.

    Only the first moment ``end`` cannot be (its latest bound) against the earliest ``start``
    can be: '2024-11' as an end does not come before '2024-11-24' as a start (the month includes
    it), nor does an end of '2024-02-10' before a start 'before 2024-03'; an end 'before
    2024-03' does come before a start in March 2024. 'about' sets no bound, so never fires.
    """
    latest_end, earliest_start = end.bounds()[1], start.bounds()[0]
    return latest_end is not None and earliest_start is not None and latest_end <= earliest_start
