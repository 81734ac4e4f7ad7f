"""Axis scales of a chart's static picture: where a value lies along an axis, and its ticks.

They follow Plotly's own choices closely enough that the picture a page shows first and the
interactive chart that replaces it look alike: categories in bands, linear axes with ticks at
1, 2 or 5 times a power of ten, date axes with ticks on whole days, months or years.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

DAY_MS = 86_400_000
# (months, days) per step, smallest first: a date axis picks the first that fits its ticks.
DATE_STEPS = (
    (0, 1),
    (0, 2),
    (0, 7),
    (0, 14),
    (1, 0),
    (2, 0),
    (3, 0),
    (6, 0),
    (12, 0),
    (24, 0),
    (60, 0),
    (120, 0),
)


def date_ms(text: str) -> float | None:
    """Milliseconds since 1970 of a Plotly date string ("2024-11-24" or "2024-11-24 21:00")."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment.replace(tzinfo=UTC).timestamp() * 1000


def _moment(ms: float) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def nice_step(span: float, count: int) -> float:
    """The step of 1, 2 or 5 times a power of ten that cuts ``span`` into about ``count``."""
    raw = span / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


@dataclass(frozen=True)
class Scale:
    """One axis: ``kind`` is "category", "linear" or "date"; ``low``..``high`` its range."""

    kind: str
    low: float
    high: float
    categories: tuple[str, ...] = ()
    reversed: bool = False

    def fraction(self, value) -> float | None:
        """Where ``value`` lies, from 0 (the axis's start) to 1 (its end); None if off the axis."""
        number = self.number(value)
        if number is None:
            return None
        share = (number - self.low) / ((self.high - self.low) or 1)
        return 1 - share if self.reversed else share

    def number(self, value) -> float | None:
        if value is None:
            return None
        if self.kind == "category":
            text = str(value)
            return float(self.categories.index(text)) if text in self.categories else None
        if self.kind == "date":
            return date_ms(value) if isinstance(value, str) else float(value)
        return float(value)

    @property
    def band(self) -> float:
        """The share of the axis one category takes (1 for other kinds)."""
        return 1 / (self.high - self.low) if self.kind == "category" else 1.0

    def ticks(
        self, count: int, months: Sequence[str], separators: str, step_months: int | None = None
    ) -> list[tuple[float, str]]:
        """(fraction, label) of about ``count`` ticks, labelled in the page's language; a date
        axis whose figure fixes its step (``dtick`` 'M12') has a tick every ``step_months``."""
        if self.kind == "category":
            return [(self.fraction(c), c) for c in self.categories]
        if self.kind == "date":
            ticks = _date_ticks(self, count, months, step_months)
            return [(self.fraction(ms), label) for ms, label in ticks]
        step = nice_step(self.high - self.low, count)
        first = math.ceil(self.low / step - 1e-9)
        values = [n * step for n in range(first, math.floor(self.high / step + 1e-9) + 1)]
        return [(self.fraction(v), format_tick(v, step, separators)) for v in values]


def format_tick(value: float, step: float, separators: str) -> str:
    """A tick's number with as many decimals as its step needs, in the page's separators."""
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    text = f"{value:,.{decimals}f}"
    decimal, thousands = (separators + ",")[:2] if separators else (".", ",")
    return text.translate(str.maketrans({",": thousands, ".": decimal}))


def _date_ticks(
    scale: Scale, count: int, months: Sequence[str], fixed_months: int | None = None
) -> Iterable[tuple[float, str]]:
    span_days = (scale.high - scale.low) / DAY_MS
    step_months, step_days = (
        (fixed_months, 0)
        if fixed_months
        else next(
            (step for step in DATE_STEPS if (step[0] * 30.4 + step[1]) * count >= span_days),
            DATE_STEPS[-1],
        )
    )
    start = _moment(scale.low)
    if step_months:
        month = (start.month - 1) // step_months * step_months if step_months < 12 else 0
        year = start.year - start.year % (step_months // 12) if step_months >= 12 else start.year
        moment = datetime(year, month + 1, 1, tzinfo=UTC)  # years on multiples of the step
        previous_year = None
        while moment.timestamp() * 1000 <= scale.high:
            ms = moment.timestamp() * 1000
            if ms >= scale.low:
                if step_months >= 12:
                    yield ms, str(moment.year)
                else:
                    name = months[moment.month - 1][:3]
                    shown = moment.year != previous_year
                    yield ms, f"{name} {moment.year}" if shown else name
                    previous_year = moment.year
            total = moment.month - 1 + step_months
            moment = moment.replace(year=moment.year + total // 12, month=total % 12 + 1)
        return
    moment = datetime(start.year, start.month, start.day, tzinfo=UTC)
    while moment.timestamp() * 1000 <= scale.high:
        ms = moment.timestamp() * 1000
        if ms >= scale.low:
            yield ms, f"{moment.day} {months[moment.month - 1][:3]}"
        moment = _moment(ms + step_days * DAY_MS)


def category_scale(categories: Iterable[str], reversed_: bool) -> Scale:
    names = tuple(dict.fromkeys(categories))
    return Scale("category", -0.5, len(names) - 0.5, names, reversed_)


def value_scale(kind: str, values: Iterable[float], padding: float, reversed_: bool) -> Scale:
    """A linear or date axis spanning ``values``, widened by ``padding`` of its span each side."""
    numbers = [v for v in values if v is not None and math.isfinite(v)]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    if low == high:
        low, high = (
            low - (DAY_MS if kind == "date" else 1),
            high + (DAY_MS if kind == "date" else 1),
        )
    span = high - low
    if low != 0:  # bars start at zero, not below it
        low -= span * padding
    return Scale(kind, low, high + span * padding, (), reversed_)
