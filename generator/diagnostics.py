"""Diagnostics: the one shape every problem with content takes.

Editors fix content from these lines alone, so each names the file, line and column, says what is
wrong in the editor's words and, where it can, how to fix it. Nothing in the pipeline raises on
bad content; it collects diagnostics so that one run reports every problem at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines splits at


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file; line and column count from 1, as editors see them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        suffix = f" ({self.hint})" if self.hint else ""
        # one line per problem, whatever editor text the message quotes
        return _LINE_BREAKS.sub(
            lambda m: repr(m[0])[1:-1], f"{self.location}: {prefix}{self.message}{suffix}"
        )

    def as_error(self) -> Diagnostic:
        return Diagnostic(self.location, self.message, self.hint, Severity.ERROR)


class ContentError(Exception):
    """Raised by adapters (build, plugin) when content has errors; carries every diagnostic."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a misspelt key or id, or None when nothing is close.

    Close means a typo away from the choice or from its start up to a hyphen ('agency-reprt'
    for 'agency-report-2024'): a few letters wrong, missing, extra or swapped, one per four
    letters and at least one. Words under three letters get none: any letter is a typo away. A
    suggestion that merely shares letters ('campaign' for 'company') sends an editor to the
    wrong place, so none is better.
    """
    word = str(word)
    if len(word) < 3:
        return None
    full_choice: dict[str, str] = {}
    for choice in sorted(set(choices), reverse=True):  # the first choice wins a shared start
        parts = choice.split("-")
        for end in range(1, len(parts) + 1):
            full_choice["-".join(parts[:end])] = choice
    typos = max(1, len(word) // 4)
    match = process.extractOne(word, list(full_choice), scorer=OSA.distance, score_cutoff=typos)
    return f"did you mean '{full_choice[match[0]]}'?" if match else None


# Any content file; larger ones are refused unread. A 10,000-event events.yml with its text in
# two languages is about 8 MB; past twice that a file is more likely a mistake than content.
MAX_FILE_BYTES = 16 * 1024 * 1024


def too_large(size: int, shown: str) -> Diagnostic:
    """'file is larger than the limit', for a file the loader will not read."""
    return Diagnostic(
        Location(shown),
        f"file is {size // 1024} KB, larger than the {MAX_FILE_BYTES // 1024 // 1024} MB limit",
        "split the page or the investigation in two, or move tables into a CSV dataset",
    )


def undecodable(data: bytes, error: UnicodeDecodeError, shown: str) -> Diagnostic:
    """'file is not UTF-8 text' at the first byte that is not, so the editor can find it."""
    line_start = data.rfind(b"\n", 0, error.start) + 1
    column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
    return Diagnostic(
        Location(shown, data.count(b"\n", 0, error.start) + 1, column),
        "file is not UTF-8 text",
        "save it with UTF-8 encoding",
    )


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths as the editor typed them: relative to the working directory when possible."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
