"""Shared fixtures: the valid demo investigation, editable copies of it, an in-process validator,
and the site of every story built once per session.

Diagnostics show paths relative to the working directory, as an editor running
``python -m generator validate .`` inside an investigation folder sees them; the ``validate``
fixture runs the pipeline from inside the folder it checks for that reason.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.pipeline import Result, load_and_check
from tests.sitetools import build, fixture_project

TESTS = Path(__file__).resolve().parent
VALID_CASE = TESTS / "fixtures" / "valid" / "demo-case"


@dataclass
class Outcome:
    """What a validation run reports: the result and the exact lines an editor reads."""

    result: Result

    @property
    def lines(self) -> list[str]:
        return [str(diagnostic) for diagnostic in self.result.diagnostics]

    @property
    def investigation(self):
        (investigation,) = self.result.investigations
        return investigation


@pytest.fixture
def validate(monkeypatch) -> Callable[..., Outcome]:
    """Run load + check on a folder with the working directory set to it."""

    def run(folder: Path, strict: bool = False) -> Outcome:
        monkeypatch.chdir(folder)
        return Outcome(load_and_check(Path("."), strict=strict))

    return run


class EditableCase:
    """A throw-away copy of the valid demo investigation with one deliberate mistake at a time."""

    def __init__(self, path: Path):
        self.path = path

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> EditableCase:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return self

    def replace(self, name: str, old: str, new: str) -> EditableCase:
        """Replace exactly one occurrence, so an edit that no longer applies fails loudly."""
        text = self.read(name)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        return self.write(name, text.replace(old, new))


@pytest.fixture
def demo(tmp_path) -> EditableCase:
    """An editable copy of tests/fixtures/valid/demo-case (the folder is named demo-case)."""
    target = tmp_path / "demo-case"
    shutil.copytree(VALID_CASE, target)
    return EditableCase(target)


# The address the session's site is built for: an address of its own, so that tests see which
# links are absolute to it and which are relative.
STORIES_SITE_URL = "https://example.org/explainers/"


@pytest.fixture(scope="session")
def stories_site(tmp_path_factory) -> Path:
    """The fictional stories and the shipped ones (tests.sitetools.site_stories), built once for
    the session with ``SITE_URL`` set to STORIES_SITE_URL; the project it was built from is the
    folder ``project`` beside it."""
    work = tmp_path_factory.mktemp("stories")
    project = fixture_project(work / "project")
    target = work / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", STORIES_SITE_URL)
        result = build(project, target)
    assert result.returncode == 0, result.stdout + result.stderr
    return target
