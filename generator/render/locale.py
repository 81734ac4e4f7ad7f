"""The site's interface words and date formats, one YAML file per language in site_config/.

Dates are shown at the precision they are known: "November 2024", never "1 November 2024".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.dates import PartialDate


@dataclass(frozen=True)
class Locale:
    language: str
    words: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.words[key]

    def date(self, value: PartialDate | None) -> str:
        if value is None:
            return ""
        template = self.words["date_formats"][value.precision.value]
        return template.format(
            year=value.year,
            month_name=self.words["months"][value.month - 1],
            day=value.day,
            hour=value.hour,
            minute=value.minute,
        )

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
