"""A date written as a range: the hint names `end:` only where the item has one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.loader import load_investigation
from generator.new_story import create_story


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return create_story(tmp_path, "example-bridge", ["en"])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _messages(folder: Path, file: str) -> list[str]:
    return [
        f"{d.location.line}:{d.location.column}: {d.message} ({d.hint})"
        for d in load_investigation(folder)[1]
        if d.location.path.endswith(file)
    ]


def test_an_event_date_names_the_slash_form_and_end(story):
    _edit(story / "events.yml", "date: 2024-03-12", "date: 2024-03-12 to 2024-03-20")
    assert _messages(story, "events.yml") == [
        "4:11: event 'contract-vote': '2024-03-12 to 2024-03-20' is not a date: write a date "
        "somewhere between two dates as '2024-03-12/2024-03-20' (for a period that lasted, "
        "write its start here and its end as 'end: 2024-03-20')"
    ]


def test_a_range_in_end_says_when_it_ended_at_the_latest(story):
    _edit(story / "relations.yml", "    date: 2024-03\n", "    end: 2024-03/2024-04\n")
    assert _messages(story, "relations.yml") == []


def test_a_source_date_may_be_a_range_and_its_hint_names_no_end(story):
    _edit(story / "sources.yml", "published: 2024-03-12", "published: 2024-03-12/2024-03-14")
    assert _messages(story, "sources.yml") == []
    _edit(story / "sources.yml", "published: 2024-03-12/2024-03-14", "published: 2024-03-12 – 14")
    (message,) = _messages(story, "sources.yml")
    assert message.startswith("7:16: source 'example-minutes': '2024-03-12 – 14' is not a date")
    assert "end:" not in message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  published: 2024-05-01", "  published: 2024-05–2024-06", "published"),
        ("  published: 2024-05-01", "  published: 2024-05-01\n  updated: 2024 - 2025", "updated"),
    ],
)
def test_a_story_date_has_no_end_either(story, old, new, field):
    _edit(story / "story.yml", old, new)
    (message,) = _messages(story, "story.yml")
    assert "is not a date: write a date somewhere between two dates as" in message
    assert "end:" not in message
