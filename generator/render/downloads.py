"""Data downloads: the whole investigation as JSON, each dataset as CSV.

Readers and other newsrooms reuse the data, so the JSON mirrors the content model exactly (the
same keys editors write) and is byte-identical for the same content.
"""

from __future__ import annotations

import csv
import io
import json

from generator.model import Dataset, Investigation


def investigation_json(investigation: Investigation) -> str:
    data = investigation.model_dump(mode="json", by_alias=True, exclude={"root"}, exclude_none=True)
    for page in data.get("pages", []):
        page.pop("body_line", None)
        page.pop("path", None)
    # compact: the indented form needs the pure-Python encoder, seconds for a large investigation
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(header: list[str], rows: list[list]) -> str:
    """CSV for readers' spreadsheets: a text cell that would run as a formula gets a leading '.

    Numbers are written as they are, so a negative number stays a number.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                ""
                if cell is None
                else f"'{cell}"
                if isinstance(cell, str) and cell.startswith(FORMULA_STARTS)
                else cell
                for cell in row
            ]
        )
    return buffer.getvalue()


def dataset_csv(dataset: Dataset) -> str:
    names = [column.name for column in dataset.columns]
    return csv_text(names, [[_plain(row[name]) for name in names] for row in dataset.rows])


def _plain(value):
    """Dates back to the text they were written as; everything else as read."""
    return value.iso() if hasattr(value, "iso") else value
