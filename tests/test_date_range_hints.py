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


def test_an_event_date_names_end(story):
    _edit(story / "events.yml", "date: 2024-03-12", "date: 2024-03-12 to 2024-03-20")
    assert _messages(story, "events.yml") == [
        "4:11: event 'contract-vote': '2024-03-12 to 2024-03-20' is a range, not one date: "
        "write its start here ('2024-03-12') and its end as 'end: 2024-03-20' (None)"
    ]


def test_a_range_in_end_itself_asks_for_the_start_in_date(story):
    _edit(story / "relations.yml", "    date: 2024-03\n", "    end: 2024-03/2024-04\n")
    assert _messages(story, "relations.yml") == [
        "11:10: relation 'council-hires-builders': '2024-03/2024-04' is a range, not one date "
        "(write its start as 'date: 2024-03' and only its end here ('2024-04'))"
    ]


def test_a_source_date_has_no_end_and_points_to_its_note(story):
    _edit(story / "sources.yml", "published: 2024-03-12", "published: 2024-03-12/2024-03-14")
    (message,) = _messages(story, "sources.yml")
    assert message == (
        "7:16: source 'example-minutes': '2024-03-12/2024-03-14' is a range, not one date: "
        "published takes one date (write one date, such as its start '2024-03-12'; give the "
        "range in 'note')"
    )
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
    assert f"is a range, not one date: {field} takes one date (write one date" in message
    assert message.endswith("give the range in the text)")
    assert "end:" not in message
