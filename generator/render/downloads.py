"""Data downloads: the whole investigation as JSON, each dataset as CSV.

Readers and other newsrooms reuse the data, so the JSON mirrors the content model exactly (the
same keys editors write) and is byte-identical for the same content.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Dataset, Investigation
from generator.render.locale import Locale


def investigation_json(investigation: Investigation) -> str:
    data = investigation.model_dump(mode="json", by_alias=True, exclude={"root"}, exclude_none=True)
    for page in data.get("pages", []):
        page.pop("body_line", None)
        page.pop("path", None)
    # compact: the indented form needs the pure-Python encoder, seconds for a large investigation
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


# What a spreadsheet reads as the start of a formula (a leading tab or line break is how
# Excel's injection advisories hide one; '-' and '+' start formulas too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Characters a spreadsheet may drop or not show before the first one it reads: spaces, the
# invisible format characters (zero-width space and joiners, word joiner, byte order mark,
# direction marks) and other controls.
_SKIPPED_CATEGORIES = {"Zs", "Cf", "Cc", "Zl", "Zp"}


def is_formula(cell: str) -> bool:
    """Whether a spreadsheet could read the text cell as a formula.

    Its first visible character decides, after compatibility normalisation: a fullwidth '＝'
    (U+FF1D) or '＋' becomes '=' or '+' when a spreadsheet, or a reader's copy and paste,
    normalises it, and a zero-width space in front hides an '=' from a check of the first
    character alone.
    """
    for char in cell:
        if char in FORMULA_STARTS:
            return True
        if unicodedata.category(char) in _SKIPPED_CATEGORIES:
            continue
        return unicodedata.normalize("NFKC", char).startswith(FORMULA_STARTS)
    return False


def csv_text(header: list[str], rows: list[list]) -> str:
    """CSV for readers' spreadsheets: a text cell that could run as a formula gets a leading '.

    Numbers are written as they are, so a negative number stays a number.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_safe(name) for name in header])
    for row in rows:
        writer.writerow(["" if cell is None else _safe(cell) for cell in row])
    return buffer.getvalue()


def _safe(cell):
    """A text cell as a spreadsheet may open it: a lone carriage return becomes a line break
    (the writer quotes only cells holding its own line end, so a bare CR would split the row),
    and a cell that could run as a formula starts with '."""
    if not isinstance(cell, str):
        return cell
    cell = cell.replace("\r\n", "\n").replace("\r", "\n")
    return f"'{cell}" if is_formula(cell) else cell


def dataset_csv(dataset: Dataset) -> str:
    names = [column.name for column in dataset.columns]
    return csv_text(names, [[_plain(row[name]) for name in names] for row in dataset.rows])


def _plain(value):
    """Dates back to the text they were written as; everything else as read."""
    return value.iso() if hasattr(value, "iso") else value


@dataclass(frozen=True)
class Exporter:
    """One download: its file name under the story's folder, the locale key of its name on the
    data page, and what makes its text (the story and the language it is built in)."""

    path: str  # under the story's folder; {slug} is the story's
    label: str  # the key of its description under 'exports' in the locale files
    format: str  # the format's own name, the same in every language
    make: Callable[[Investigation, Locale], str]

    def site_path(self, slug: str) -> str:
        """Where the file is in each language's tree, from its root."""
        return f"{slug}/{self.path.format(slug=slug)}"
