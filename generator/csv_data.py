"""Datasets: a CSV file checked against its description, cell by cell.

Charts and downloads trust the types a dataset declares, so a header that does not match or a
cell that is not a number is an error at its row and column, not a broken chart later.
"""

from __future__ import annotations

import csv
import io
from array import array
from pathlib import Path
from typing import Any

from pydantic_core import PydanticCustomError

from generator import hidden_characters
from generator.content_files import read_content_bytes
from generator.dates import PartialDate
from generator.diagnostics import (
    MAX_FILE_BYTES,
    Diagnostic,
    Location,
    did_you_mean,
    undecodable,
)
from generator.limits import MAX_CELL_CHARS, MAX_DATASET_COLUMNS, MAX_DATASET_ROWS
from generator.model import Dataset

_BOOLEANS = {"true": True, "false": False}

# The csv module refuses a cell over 131,072 characters with its own words; any cell of a file
# the loader read may reach the project's own limit (MAX_CELL_CHARS) and its clearer message.
csv.field_size_limit(MAX_FILE_BYTES)


class Row(dict):
    """One CSV record's typed cells by column name, and where each cell starts in the file.

    Charts need more of some columns than their types say (a line's dates may not be blank):
    the chart checks, which run after the loader, report such a cell at its own line and column
    through ``at``. The positions are kept as a flat array of integers (line below the record's
    first, column) per cell, a few bytes each, as a dataset may hold 50,000 rows.
    """

    __slots__ = ("line", "path", "starts")

    def __init__(self, path: str, line: int, starts: list[tuple[int, int]]):
        super().__init__()
        self.path, self.line = path, line
        self.starts = array("I", [number for start in starts for number in start])

    def at(self, index: int) -> Location:
        """Where the cell of the ``index``-th column starts (its quote, if it is quoted)."""
        if 2 * index + 1 >= len(self.starts):
            return Location(self.path, self.line, 1)
        below, column = self.starts[2 * index], self.starts[2 * index + 1]
        return Location(self.path, self.line + below, column)

    def __reduce__(self):
        # pickled with its positions (a build hands the content to other processes)
        return (_row, (self.path, self.line, self.starts.tolist(), dict(self)))


def _row(path: str, line: int, flat: list[int], cells: dict) -> Row:
    row = Row(path, line, list(zip(flat[::2], flat[1::2], strict=True)))
    row.update(cells)
    return row


class Rows(list):
    """A dataset's rows as read from its CSV file: an empty ``Rows`` is a file without rows,
    where an empty plain list is a file that was not read (its errors are reported)."""


def cell_at(row: dict, dataset: Dataset, name: str) -> Location:
    """Where the cell of column ``name`` of ``row`` is: its CSV line and column, or the
    dataset's file line in datasets.yml for a row that was not read from a file."""
    if isinstance(row, Row):
        names = [column.name for column in dataset.columns]
        return row.at(names.index(name))
    return dataset.at("file")


class CellError(ValueError):
    """Why a cell does not fit its column's type, and how to write it instead."""

    def __init__(self, reason: str, hint: str):
        super().__init__(reason)
        self.reason, self.hint = reason, hint


def _parse_cell(raw: str, column_type: str) -> Any:
    """A cell's typed value; raises CellError with the reason when it does not fit its type."""
    if raw == "":
        return None
    if column_type == "string":
        return raw
    if column_type == "integer":
        if not raw.lstrip("-").isdigit():
            raise CellError("is not a whole number", "the column is described as integer")
        return int(raw)
    if column_type == "number":
        try:
            value = float(raw)
        except ValueError:
            raise CellError(
                "is not a number", "use a dot for decimals and no thousands separators"
            ) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("is not a finite number", "write the number out")
        return int(value) if raw.lstrip("-").isdigit() else value
    if column_type == "boolean":
        if raw.lower() not in _BOOLEANS:
            raise CellError("is not true or false", "the column is described as boolean")
        return _BOOLEANS[raw.lower()]
    if column_type == "date":
        try:
            return PartialDate.parse(raw)
        except PydanticCustomError as exc:
            if exc.type == "date_impossible":  # "impossible date '2024-13': there is no month 13"
                why = str(exc).partition("': ")[2] or "no such day or time"
                raise CellError(f"is an impossible date: {why}", "check the date") from None
            if exc.type in ("date_range", "date_range_order", "date_range_part"):
                # '2021-06/2021-03': the message says what is wrong with the range
                why = str(exc).partition(": ")[2] or "is not a range"
                raise CellError(
                    f"is not a date: {why}", "write a range as 2021-03/2021-06"
                ) from None
            raise CellError(
                "is not a date",
                "write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00, 'before', 'after' or "
                "'about' and one space in front, a range 2021-03/2021-06, or 'unknown'",
            ) from None
    raise CellError(f"has unknown type {column_type}", "describe the column again")


def _cell_starts(record: str) -> list[tuple[int, int]]:
    """(line within the record, 1-based column) where each cell of a CSV record starts.

    A quoted cell may hold line breaks, so a record can span several lines of the file.
    """
    starts, in_quotes, line, column = [(0, 1)], False, 0, 0
    for char in record:
        column += 1
        if char == '"':
            in_quotes = not in_quotes
        elif char == "\n":
            line, column = line + 1, 0
        elif char == "," and not in_quotes:
            starts.append((line, column + 1))
    return starts


def _resolved(path: Path) -> Path:
    """The real path of ``path``, links followed (a loop of links stays where it is)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def load_rows(dataset: Dataset, root: Path, shown_path: str) -> list[Diagnostic]:
    """Read the dataset's CSV into ``dataset.rows``; every mismatch becomes a diagnostic.

    In the order an editor fixes them: the description, the file, its header, then its rows
    (a header that does not match would make every row's error a consequence of it).
    """
    problems = _description_problems(dataset)
    if problems:
        return problems
    text, problems = _csv_text(dataset, root, shown_path)
    if text is None:
        return problems
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [Diagnostic(Location(shown_path, 1, 1), f"CSV syntax error: {exc}")]
    expected = [column.name for column in dataset.columns]
    if header is None:
        return [
            Diagnostic(
                Location(shown_path, 1, 1),
                "the CSV file is empty",
                f"its first line must be the header: {','.join(expected)}",
            )
        ]
    header = [name.strip() for name in header]
    if header != expected:
        return _header_problems(header, dataset, lines, shown_path)
    rows, errors = _read_rows(reader, dataset, lines, shown_path)
    if not errors:
        dataset._rows = Rows(rows)
    return errors


def _description_problems(dataset: Dataset) -> list[Diagnostic]:
    """Columns described past the limit, or twice (rows are keyed by column name: a second
    'amount' would hide the first)."""
    names = [column.name for column in dataset.columns]
    if len(names) > MAX_DATASET_COLUMNS:
        return [
            Diagnostic(
                dataset.at("columns", MAX_DATASET_COLUMNS),
                f"dataset '{dataset.id}' describes {len(names)} columns, more than the "
                f"limit of {MAX_DATASET_COLUMNS}",
                "split it into datasets of the columns each chart needs",
            )
        ]
    seen: set[str] = set()
    repeated = []
    for index, name in enumerate(names):
        if name in seen:
            repeated.append(index)
        seen.add(name)
    return [
        Diagnostic(
            dataset.at("columns", i, "name"),
            f"dataset '{dataset.id}': column '{names[i]}' is described twice",
            "give each column its own name",
        )
        for i in repeated
    ]


def _csv_text(dataset: Dataset, root: Path, shown_path: str) -> tuple[str | None, list[Diagnostic]]:
    """The CSV file's text, or why it cannot be read: outside the investigation, missing, not
    a regular file, too large, not UTF-8, or holding hidden characters."""
    csv_path = root / dataset.file
    if not _resolved(csv_path).is_relative_to(Path(root).resolve()):
        # the CSV is published as a download: never read one from outside the investigation
        return None, [
            Diagnostic(
                dataset.at("file"),
                f"dataset '{dataset.id}': file '{dataset.file}' is outside this investigation",
                "keep datasets in this folder, e.g. data/payments.csv",
            )
        ]
    if not csv_path.exists():
        return None, [
            Diagnostic(
                dataset.at("file"),
                f"dataset '{dataset.id}': file '{dataset.file}' does not exist",
                f"put the CSV at {shown_path}",
            )
        ]
    data, problems = read_content_bytes(csv_path, root, shown_path)
    if data is None:  # not a regular file (a device, a pipe), or larger than the limit
        return None, problems
    data = data.removeprefix(b"\xef\xbb\xbf")  # spreadsheets add a BOM
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [undecodable(data, exc, shown_path)]
    hidden = hidden_characters.in_text(text, shown_path)
    return (None, hidden) if hidden else (text, [])


def _header_problems(
    header: list[str], dataset: Dataset, lines: list[str], shown_path: str
) -> list[Diagnostic]:
    """What is wrong with a header that does not read as described: each column that is not
    described, each described one missing, or else their order."""
    expected = [column.name for column in dataset.columns]
    errors: list[Diagnostic] = []
    starts = [column for _, column in _cell_starts(lines[0])] if lines else [1]
    missing = [name for name in expected if name not in header]
    misspelt = set()  # a missing column spelt nearly right is one mistake, reported once
    for index, name in enumerate(header):
        if name not in expected:
            column = starts[index] if index < len(starts) else 1
            hint = did_you_mean(name, missing) or "describe it under columns: in datasets.yml"
            misspelt.update(m for m in missing if hint == did_you_mean(name, [m]))
            errors.append(
                Diagnostic(
                    Location(shown_path, 1, column),
                    f"column '{name}' is not described in dataset '{dataset.id}'",
                    hint,
                )
            )
    for name in missing:
        if name not in misspelt:
            errors.append(
                Diagnostic(
                    Location(shown_path, 1, 1),
                    f"column '{name}' of dataset '{dataset.id}' is missing from the header",
                    f"the header must read: {','.join(expected)}",
                )
            )
    if not errors:
        errors.append(
            Diagnostic(
                Location(shown_path, 1, 1),
                "the header's columns are in another order than described",
                f"the header must read: {','.join(expected)}",
            )
        )
    return errors


def _read_rows(
    reader, dataset: Dataset, lines: list[str], shown_path: str
) -> tuple[list[Row], list[Diagnostic]]:
    """The rows after the header, typed, and the problems of those that are not (a syntax
    error or the row limit ends the reading; a bad row is reported and the next one read)."""
    expected = len(dataset.columns)
    rows: list[Row] = []
    errors: list[Diagnostic] = []
    while True:
        first_line = reader.line_num + 1  # a quoted cell may span lines: report where it starts
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(
                Diagnostic(Location(shown_path, reader.line_num, 1), f"CSV syntax error: {exc}")
            )
            break
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) == MAX_DATASET_ROWS:
            errors.append(
                Diagnostic(
                    Location(shown_path, first_line, 1),
                    f"dataset '{dataset.id}' has more than {MAX_DATASET_ROWS:,} rows",
                    "add the rows up (by month, by region, by kind) or split the dataset in two",
                )
            )
            break
        if len(record) != expected:
            errors.append(
                Diagnostic(
                    Location(shown_path, first_line, 1),
                    f"row has {len(record)} cells, the header has {expected}",
                    "quote cells that contain commas"
                    if len(record) > expected
                    else "keep the comma of an empty cell",
                )
            )
            continue
        cells = _cell_starts("\n".join(lines[first_line - 1 : reader.line_num]))
        rows.append(_typed_row(record, dataset, cells, first_line, shown_path, errors))
    return rows, errors


def _typed_row(
    record: list[str],
    dataset: Dataset,
    cells: list[tuple[int, int]],
    first_line: int,
    shown_path: str,
    errors: list[Diagnostic],
) -> Row:
    """One record's cells by column name, typed; each cell that does not fit its column is
    added to ``errors`` at its own line and column."""
    row = Row(shown_path, first_line, cells)
    for index, (cell, column) in enumerate(zip(record, dataset.columns, strict=True)):
        try:
            if len(cell) > MAX_CELL_CHARS:
                raise CellError(
                    f"is {len(cell):,} characters long, more than the limit of {MAX_CELL_CHARS:,}",
                    "a cell holds a value; keep long text in the dataset's description",
                )
            row[column.name] = _parse_cell(cell.strip(), column.type)
        except CellError as problem:
            where = row.at(index)
            shown = cell if len(cell) <= 60 else cell[:40] + "…"
            errors.append(
                Diagnostic(
                    where, f"'{shown}' in column '{column.name}' {problem.reason}", problem.hint
                )
            )
    return row
