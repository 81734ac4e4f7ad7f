"""The site's interface words, date, number and amount formats, one YAML file per language in
site_config/.

Dates are shown at the precision they are known: "November 2024", never "1 November 2024", and
as exact as they are known: "after 7 October 2023". Amounts likewise: "about USD 381,000". The
words for both live in the language files, so that a new language needs no Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.dates import PartialDate, Precision


def format_number(value: Any, number: dict[str, str]) -> str:
    """A number as readers of the page's language write it (22.94 or 22,94; 2,120,401 or ...)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans({",": number["thousands"], ".": number["decimal"]}))


def _by_precision(template: str | dict[str, str], value: PartialDate) -> str:
    """A language may word a qualifier by precision: 'în jurul anului 2010', 'în jurul datei
    de 7 octombrie 2023'; one string serves every precision."""
    return template if isinstance(template, str) else template[value.precision.value]


@dataclass(frozen=True)
class Locale:
    language: str
    words: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.words[key]

    def date(self, value: PartialDate | None) -> str:
        """The date in words at its precision, with its qualifier ('after 7 October 2023'), a
        range as 'between March and June 2021', an unknown date as 'date not known'."""
        if value is None:
            return ""
        if value.unknown:
            return self.words["date_unknown"]
        if value.until is not None:
            return self._between(value.first(), value.until)
        template = self.words["date_formats"][value.precision.value]
        text = template.format(
            year=value.year,
            month_name=self.words["months"][value.month - 1],
            day=value.day,
            hour=value.hour,
            minute=value.minute,
        )
        if value.qualifier is None:
            return text
        qualified = self.words["date_qualifiers"][value.qualifier.value]
        return _by_precision(qualified, value).format(date=text)

    def _between(self, first: PartialDate, last: PartialDate) -> str:
        """'between 3 and 7 March 2021', 'between March and June 2021': the first date leaves
        out the month and year it shares with the last, as a reader would write it."""
        shared_year = first.year == last.year and first.precision is last.precision
        start = self.date(first)
        if shared_year and first.precision in (Precision.MONTH, Precision.DAY):
            shape = (
                "month"
                if first.precision is Precision.MONTH
                else "day"
                if first.month == last.month
                else "day_month"
            )
            start = self.words["date_between_start"][shape].format(
                day=first.day, month_name=self.words["months"][first.month - 1]
            )
        return self.words["date_between"].format(start=start, end=self.date(last))

    def number(self, value: Any) -> str:
        return format_number(value, self.words["number"])

    def amount(self, amount: Any) -> str:
        """An amount as the language writes it, qualifier included: 'about USD 381,000',
        'aproximativ 381.000 USD'. ``amount`` is a model ``Amount`` (value, currency and an
        optional qualifier)."""
        text = self.words["amount_format"].format(
            number=self.number(amount.value), currency=amount.currency
        )
        if amount.qualifier is None:
            return text
        return self.words["amount_qualifiers"][amount.qualifier]["phrase"].format(amount=text)

    def amount_qualifier(self, amount: Any) -> str:
        """The qualifier's word alone ('about', 'cel puțin'), for a table's own column; empty
        for an exact amount."""
        if amount is None or amount.qualifier is None:
            return ""
        return self.words["amount_qualifiers"][amount.qualifier]["name"]

    def date_range(self, start: PartialDate, end: PartialDate | None) -> str:
        if end is None:
            return self.date(start)
        return f"{self.date(start)} – {self.date(end)}"


class LocaleError(Exception):
    """A language file lacks words the site needs: building it would show readers English."""


def _missing(reference: dict[str, Any], words: dict[str, Any], prefix: str = "") -> list[str]:
    missing = []
    for key, value in reference.items():
        if key not in words:
            missing.append(prefix + key)
        elif isinstance(value, dict) and isinstance(words[key], dict):
            missing.extend(_missing(value, words[key], f"{prefix}{key}."))
    return missing


# libyaml reads a language file in a fifth of the time; both read these plain files alike
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader


def load_locale(locales_dir: Path, language: str) -> Locale:
    """The interface words for ``language``; every key of en.yml must be translated."""
    locales_dir = Path(locales_dir)
    path = locales_dir / f"{language}.yml"
    if not path.exists():
        raise LocaleError(
            f"{path}: no interface words for language '{language}' "
            f"(copy {locales_dir / 'en.yml'} and translate it)"
        )
    words = _read(path) or {}
    english = _read(locales_dir / "en.yml")
    missing = _missing(english, words)
    if missing:
        raise LocaleError(f"{path}: missing {', '.join(missing)} (see en.yml for each key)")
    return Locale(language, words)
