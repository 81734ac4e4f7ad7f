"""Dates at the precision the sources give them.

A source that says "November 2024" must not become 1 November 2024 on the page or on a chart, so
every date keeps its precision: year, month, day or minute.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?)?)?$"
)
_KINDS = {list: "a list", dict: "a mapping (key: value)", float: "a decimal number"}
_JSON_PATTERN = r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2})?)?)?$"


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


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a given precision; orders by its earliest possible moment."""

    year: int
    month: int = 1
    day: int = 1
    hour: int = 0
    minute: int = 0
    precision: Precision = Precision.DAY

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Parse ``2024``, ``2024-11``, ``2024-11-24`` or ``2024-11-24T21:00``."""
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
        match = _PATTERN.match(value.strip())
        if not match:
            raise PydanticCustomError(
                "date_format",
                "'{value}' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00",
                {"value": value},
            )
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
        _check_possible(value.strip(), year, month, day, hour, minute)
        return cls(year, month, day, hour, minute, precision)

    def iso(self) -> str:
        """The date written back at its own precision."""
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

    def start(self) -> datetime:
        """The earliest moment the date can mean, to the minute (charts place it there)."""
        return datetime(self.year, self.month, self.day, self.hour, self.minute)

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(cls.iso)
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
            "2024-11-24T21:00.",
            "examples": ["2024-11-24"],
        }
