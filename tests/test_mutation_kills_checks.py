"""What the checks tell an editor, exactly, where the mutation run found it unchecked (see
bench/MUTATION.md). In-process, on copies of the fictional demo case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checks import check
from generator.loader import load_investigation

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The demo case in two languages, English first, read as `validate content` reads it."""
    shutil.copytree(FIXTURE, tmp_path / "demo-case")
    story = tmp_path / "demo-case" / "story.yml"
    story.write_text(story.read_text("utf-8") + "  languages: [en, ro]\n", "utf-8")
    page = tmp_path / "demo-case" / "pages" / "overview.md"
    page.with_name("overview.ro.md").write_text(page.read_text("utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    return Path("demo-case")


def page_warnings(folder: Path) -> list[str]:
    investigation, diagnostics = load_investigation(folder)
    assert diagnostics == []
    return [
        str(d) for d in check(investigation) if "version" in d.message or "does not" in d.message
    ]


def test_both_versions_of_a_page_pass(folder):
    assert page_warnings(folder) == []


def test_a_page_only_in_the_second_language_is_named_at_that_file(folder):
    (folder / "pages" / "extra.ro.md").write_text("---\ntitle: T\n---\nText.\n", "utf-8")
    assert page_warnings(folder) == [
        "demo-case/pages/extra.ro.md:1:1: warning: page 'extra' has no 'en' version "
        "(add pages/extra.en.md)"
    ]


def test_a_missing_version_is_named_at_the_first_language_page_whatever_the_file_order(folder):
    """'extra.de.md' sorts before 'extra.md': the warning still points at the English page."""
    for name in ("extra.md", "extra.de.md"):
        (folder / "pages" / name).write_text("---\ntitle: T\n---\nText.\n", "utf-8")
    assert page_warnings(folder) == [
        "demo-case/pages/extra.md:1:1: warning: page 'extra' has no 'ro' version "
        "(add pages/extra.ro.md)",
        "demo-case/pages/extra.de.md:1:1: warning: page 'extra' is in 'de', which the story "
        "does not list (add it to 'languages' in story.yml or rename the file)",
    ]
