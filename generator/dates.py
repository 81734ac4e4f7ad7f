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
            value = str(value)
        if isinstance(value, datetime | date):
            value = value.isoformat()[:16]
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
        if not 1 <= month <= 12:
            raise PydanticCustomError(
                "date_impossible",
                "impossible date '{value}': there is no month {month}",
                {"value": value, "month": month},
            )
        last_day = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last_day:
            raise PydanticCustomError(
                "date_impossible",
                "impossible date '{value}': {month_name} {year} has {last} days",
                {
                    "value": value,
                    "month_name": calendar.month_name[month],
                    "year": year,
                    "last": last_day,
                },
            )
        if hour > 23 or minute > 59:
            raise PydanticCustomError(
                "date_impossible", "impossible time in '{value}'", {"value": value}
            )
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
