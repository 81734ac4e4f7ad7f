"""Rewrite the statuses that the evidence standard refuses to the ones their sources support.

Content written before `reported` existed marked one outlet's uncorroborated report `confirmed`
(or an allegation), and now fails ``validate --strict``. The standard in generator.evidence
already knows which status the cited sources support; this module changes only those `status:`
values, in place, character for character: comments, quoting, key order and line ends stay as
the editor wrote them. Where the sources support no weighed status it does not guess: it says
that an editor must decide.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator import evidence
from generator.diagnostics import Diagnostic, Location, Severity
from generator.loader import find_investigations, load_investigation
from generator.model import Claim, Investigation, Relation

# Which file each kind of weighed item lives in, and how messages name it.
_KINDS = (("claims", "claim"), ("relations", "relation"))

IGNORED_ATTRIBUTION = (
    "'attributed_to' is now ignored: readers see the publisher of its sources; remove it, or "
    "mark it 'alleged' if these actors make the claim"
)


@dataclass(frozen=True)
class Change:
    """One status the standard refuses: what it becomes, or why an editor must decide."""

    file: Path  # the file to rewrite
    location: Location  # where the value is, as editors see it
    owner: str  # "claim 'x'"
    old: str
    new: str | None  # None: the sources support no weighed status
    note: str | None = None

    def __str__(self) -> str:
        if self.new is None:
            return f"{self.location}: {self.owner}: '{self.old}' needs an editor: {self.note}"
        note = f" ({self.note})" if self.note else ""
        return f"{self.location}: {self.owner}: {self.old} → {self.new}{note}"


def _change(item: Claim | Relation, name: str, file: Path, inv: Investigation) -> Change | None:
    """The change the standard asks of one item, judged exactly as the checks judge it."""
    sources = {source.id: source for source in inv.sources}
    if not any(ref.id in sources for ref in item.sources):
        return None  # no known source: the checks report it; no status would fit
    language = inv.story.languages[0] if inv.story else "en"
    found = evidence.assess(item.sources, sources, language)
    refusal = evidence.judge(item.status, found, language)
    if refusal is None:
        return None
    owner, where = f"{name} '{item.id}'", item.at("status")
    supported = found.supports
    if supported is None:
        return Change(file, where, owner, item.status, None, refusal.hint)
    note = IGNORED_ATTRIBUTION if supported == "reported" and item.attributed_to else None
    return Change(file, where, owner, item.status, supported, note)


def plan(folder: Path) -> tuple[list[Change], list[Diagnostic]]:
    """The changes one investigation needs; or, when its files do not load, their errors (a
    status is only rewritten where every source it could cite has been read)."""
    inv, diagnostics = load_investigation(folder)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        return [], errors
    changes = []
    for kind, name in _KINDS:
        for item in getattr(inv, kind):
            change = _change(item, name, Path(folder) / f"{kind}.yml", inv)
            if change is not None:
                changes.append(change)
    return changes, []


def _value_pattern(status: str) -> re.Pattern[str]:
    """The status as written at its position: plain, 'single' or "double" quoted."""
    return re.compile(rf"""(["']?){re.escape(status)}\1(?![\w-])""")


def rewrite(text: str, changes: Iterable[Change]) -> tuple[str, list[Change]]:
    """``text`` with each change's value replaced in place; and the changes whose value is not
    written where the loader saw it as a plain word (an escape, a block scalar): left alone."""
    lines = text.split("\n")  # '\r' stays at the end of its line
    bom = 1 if text.startswith("\ufeff") else 0  # the loader's columns do not count it
    skipped = []
    for change in changes:
        index = change.location.line - 1
        column = change.location.column - 1 + (bom if index == 0 else 0)
        line = lines[index] if index < len(lines) else ""
        found = _value_pattern(change.old).match(line, column)
        if found is None or change.new is None:
            skipped.append(change)
            continue
        quote = found.group(1)
        lines[index] = line[:column] + quote + change.new + quote + line[found.end() :]
    return "\n".join(lines), skipped


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` at once: an interrupted run leaves the old file whole."""
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@dataclass
class Report:
    """What one run found and did, for the command line."""

    changed: list[Change]
    for_editor: list[Change]
    errors: list[Diagnostic]
    files: list[Path]

    def lines(self, dry_run: bool) -> list[str]:
        done = sorted(self.changed + self.for_editor, key=lambda c: c.location)
        out = [str(d) for d in self.errors] + [str(c) for c in done]
        verb = "would change" if dry_run else "changed"
        count = len(self.changed)
        summary = f"{verb} {count} status{'es' * (count != 1)}"
        if self.changed:
            summary += f" in {len(self.files)} file{'s' * (len(self.files) != 1)}"
        elif not self.for_editor and not self.errors:
            summary = "nothing to change: every status says what its sources support"
        if self.for_editor:
            summary += f"; {len(self.for_editor)} need{'s' * (len(self.for_editor) == 1)} an editor"
        if self.errors:
            summary += f"; {len(self.errors)} error{'s' * (len(self.errors) != 1)} to fix first"
        if dry_run:
            summary += " (dry run: nothing written)"
        return [*out, summary]


def migrate(content_dir: Path, dry_run: bool = False) -> Report:
    """Plan every investigation under ``content_dir`` and, unless ``dry_run``, rewrite."""
    content_dir = Path(content_dir)
    report = Report([], [], [], [])
    folders = find_investigations(content_dir) if content_dir.is_dir() else []
    if not folders:
        report.errors.append(
            Diagnostic(
                Location(str(content_dir)),
                "no investigation found",
                "pass the content folder, or one investigation's folder with its story.yml",
            )
        )
    for folder in folders:
        changes, errors = plan(folder)
        report.errors.extend(errors)
        by_file: dict[Path, list[Change]] = {}
        for change in changes:
            by_file.setdefault(change.file, []).append(change)
        for path, planned in by_file.items():
            text = path.read_bytes().decode("utf-8")
            new_text, skipped = rewrite(text, planned)
            for change in skipped:
                if change.new is None:
                    report.for_editor.append(change)
                else:  # not written as a plain word: say so rather than guess
                    note = f"write '{change.new}' by hand: the value is not a plain word"
                    report.for_editor.append(
                        Change(change.file, change.location, change.owner, change.old, None, note)
                    )
            done = [change for change in planned if change not in skipped]
            if done:
                report.changed.extend(done)
                report.files.append(path)
                if not dry_run:
                    write_atomically(path, new_text)
    return report
