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


def load_locale(locales_dir: Path, language: str) -> Locale:
    """The interface words for ``language``; missing keys fall back to English ones."""
    english = yaml.safe_load((Path(locales_dir) / "en.yml").read_text(encoding="utf-8"))
    path = Path(locales_dir) / f"{language}.yml"
    words = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    merged = {**english, **words}
    for key, value in english.items():
        if isinstance(value, dict):
            merged[key] = {**value, **(words.get(key) or {})}
    return Locale(language, merged)
