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
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def dataset_csv(dataset: Dataset) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [column.name for column in dataset.columns]
    writer.writerow(names)
    for row in dataset.rows:
        writer.writerow(["" if row[name] is None else str(row[name]) for name in names])
    return buffer.getvalue()
