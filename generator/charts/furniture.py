"""A chart's words that cannot contradict its data: a date range in its subtitle or description.

An editor writes "events from June 2024 to February 2026" once; the events go on to March 2026
and the sentence goes on saying February. So a range written as "<month> <year> to <month>
<year>" (in any language the site's locales name months in, "to", "until", "through", "–" or
Romanian "până în") is compared with the first and last dates the chart draws: the events of its
lanes and the stages of proceedings it shows (generator.charts.items), or its dataset's date
column. A range that starts or ends in another month is a warning
at the text's line, whose hint names the range the data shows.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from generator.charts.items import drawn_dates
from generator.dates import PartialDate
from generator.diagnostics import Diagnostic, Severity
from generator.model import Chart, Investigation

LOCALES = Path(__file__).resolve().parents[2] / "site_config" / "locales"
FIELDS = ("subtitle", "description")
_BETWEEN = r"\s*(?:to|until|through|till|–|—|-|până\s+în|până\s+la|pana\s+in)\s*"


@functools.cache
def _months() -> dict[str, int]:
    """Month name (lower case) -> its number, in every language the site has a locale for."""
    names: dict[str, int] = {}
    for path in sorted(LOCALES.glob("*.yml")):
        months = (yaml.safe_load(path.read_text("utf-8")) or {}).get("months") or []
        for number, name in enumerate(months, 1):
            names[str(name).lower()] = number
    return names


@functools.cache
def _range_pattern() -> re.Pattern[str]:
    month = "|".join(sorted((re.escape(name) for name in _months()), key=len, reverse=True))
    one = rf"({month})\s+(\d{{4}})"
    return re.compile(rf"\b{one}{_BETWEEN}{one}\b", re.IGNORECASE)


def _drawn_dates(chart: Chart, investigation: Investigation) -> list[PartialDate]:
    if chart.derived_from == "events":
        return drawn_dates(chart, investigation)
    if chart.dataset and chart.x:
        dataset = next((d for d in investigation.datasets if d.id == chart.dataset), None)
        rows = dataset.rows if dataset is not None else []
        return [
            row[chart.x]
            for row in rows
            if isinstance(row.get(chart.x), PartialDate) and row[chart.x].known
        ]
    return []


def _texts(value) -> list[tuple[str | None, str]]:
    """(language or None, text) of a plain or per-language text field."""
    if value is None:
        return []
    if isinstance(value, str):
        return [(None, value)]
    return [(language, text) for language, text in dict(value).items() if isinstance(text, str)]


def _month_year(date: PartialDate) -> tuple[int, int]:
    return (date.year, date.month)


def _written(month_year: tuple[int, int]) -> str:
    english = list(yaml.safe_load((LOCALES / "en.yml").read_text("utf-8"))["months"])
    return f"{english[month_year[1] - 1]} {month_year[0]}"


def check_furniture(chart: Chart, investigation: Investigation) -> list[Diagnostic]:
    """A warning for each date range in the chart's subtitle or description that starts or ends
    in another month than the data the chart draws."""
    dates = _drawn_dates(chart, investigation)
    if not dates:
        return []
    first = _month_year(min(dates, key=lambda d: d.start()))
    last = _month_year(max(dates, key=lambda d: d.start()))
    months = _months()
    problems = []
    for name in FIELDS:
        for language, text in _texts(getattr(chart, name, None)):
            for found in _range_pattern().finditer(text):
                start = (int(found[2]), months[found[1].lower()])
                end = (int(found[4]), months[found[3].lower()])
                if (start, end) == (first, last):
                    continue
                where = chart.at(name, language) if language else chart.at(name)
                problems.append(
                    Diagnostic(
                        where,
                        f"chart '{chart.id}': its {name} says '{found[0]}', but the data it "
                        f"draws runs from {_written(first)} to {_written(last)}",
                        f"write the range the data shows ({_written(first)} to "
                        f"{_written(last)}), or leave the range out",
                        Severity.WARNING,
                    )
                )
    return problems
