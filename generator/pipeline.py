"""Load and check in one call: what every front end (command line, MkDocs plugin) runs first."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import check
from generator.diagnostics import Diagnostic, Location, Severity
from generator.loader import find_investigations, load_investigation
from generator.model import Investigation


@dataclass
class Result:
    investigations: list[Investigation] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def load_and_check(content_dir: Path, strict: bool = False) -> Result:
    """Every investigation under ``content_dir`` with all its diagnostics, sorted by place.

    Under ``strict`` warnings become errors, so CI refuses what an editor might let pass.
    """
    content_dir = Path(content_dir)
    result = Result()
    if not content_dir.is_dir():
        result.diagnostics.append(
            Diagnostic(
                Location(str(content_dir)),
                "content folder not found",
                "pass the folder that holds the investigations",
            )
        )
        return result
    folders = find_investigations(content_dir)
    if not folders:
        result.diagnostics.append(
            Diagnostic(
                Location(str(content_dir)),
                "no investigation found",
                "each investigation is a folder with a story.yml",
            )
        )
    for folder in folders:
        investigation, diagnostics = load_investigation(folder)
        result.investigations.append(investigation)
        result.diagnostics.extend(diagnostics)
        # on whatever loaded, even beside a file that did not: every mistake in one run
        result.diagnostics.extend(check(investigation))
    if strict:
        result.diagnostics = [d.as_error() for d in result.diagnostics]
    result.diagnostics.sort(key=lambda d: (d.location, d.message))
    return result
