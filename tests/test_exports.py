"""The story in other tools' formats: TimelineJS (and back), FollowTheMoney, Atom.

Each export is read back with the format's own reader where one exists (the ``followthemoney``
package, ``feedparser``), and the TimelineJS export goes through the importer to the same events.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from followthemoney import model as ftm_model

from generator.cli import main
from generator.exports.atom import atom_feed
from generator.exports.ftm import ftm_lines
from generator.exports.timelinejs import timeline, timeline_json
from generator.exports.timelinejs_import import events_yaml, read_timeline
from generator.loader import load_investigation
from generator.render.locale import load_locale
from generator.text import pick
from tests.sitetools import FIXTURE_STORIES, SHIPPED

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "site_config" / "locales"
LAKEFORD = FIXTURE_STORIES / "lakeford-water"
ROMANIA = SHIPPED / "romania-2024"


def _load(folder: Path):
    investigation, diagnostics = load_investigation(folder)
    assert not [d for d in diagnostics if d.severity == "error"]
    return investigation


def _locale(language: str = "en"):
    return load_locale(LOCALES, language)


# --- TimelineJS ---------------------------------------------------------------------------


def test_shipped_events_round_trip_through_timelinejs(tmp_path):
    investigation = _load(ROMANIA)
    exported = tmp_path / "timeline.json"
    exported.write_text(timeline_json(investigation, _locale()), encoding="utf-8")
    draft = read_timeline(exported)
    assert not [d for d in draft.diagnostics if d.severity == "error"]
    imported = _events(events_yaml(draft))
    original = {
        e.id: (e.date.written(), e.end.written() if e.end else None, pick(e.title, "en"), e.group)
        for e in investigation.events
    }
    assert imported == original
    assert len(imported) == len(investigation.events) > 50


def _events(text: str) -> dict:
    """The draft read as the project reads events.yml (dates stay text)."""
    from generator.yaml_source import parse_yaml

    document, diagnostics = parse_yaml(text, "events.yml")
    assert not diagnostics
    return {
        e["id"]: (str(e["date"]), str(e["end"]) if "end" in e else None, e["title"], e["group"])
        for e in document.data["events"]
    }


def test_timelinejs_dates_hold_only_their_parts_and_qualified_ones_say_so(tmp_path):
    investigation = _load(ROMANIA)
    by_id = {e.id: e for e in investigation.events}
    event = by_id["telegram-group-created"]  # 2024-06: a month
    event.date = event.date.parse("after 2024-06")
    slides = {s["unique_id"]: s for s in timeline(investigation, _locale())["events"]}
    slide = slides["event-telegram-group-created"]
    assert slide["start_date"] == {"year": "2024", "month": "6"}
    assert slide["display_date"] == "after June 2024"
    assert slide["group"] == "Platform"
    assert "display_date" not in slides["event-first-round-vote"]
    assert slides["event-first-round-vote"]["start_date"] == {
        "year": "2024",
        "month": "11",
        "day": "24",
    }
    exported = tmp_path / "timeline.json"
    exported.write_text(timeline_json(investigation, _locale()), encoding="utf-8")
    assert _events(events_yaml(read_timeline(exported)))["telegram-group-created"][0] == (
        "after 2024-06"
    )


def test_timelinejs_text_is_escaped_html_with_the_sources_linked():
    investigation = _load(LAKEFORD)
    investigation.events[0].title = "<script>alert(1)</script>"
    investigation.events[0].body = (
        "A *fictional* <b>body</b> [@" + investigation.sources[0].id + "]"
    )
    document = timeline(investigation, _locale())
    slide = next(
        s for s in document["events"] if s["unique_id"] == f"event-{investigation.events[0].id}"
    )
    text = slide["text"]["text"]
    assert "<b>" not in text and "&lt;b&gt;body&lt;/b&gt;" in text
    assert "A fictional" in text and "[@" not in text
    assert f'href="{investigation.sources[0].url}"' in text
    assert document["title"]["text"]["headline"] == pick(investigation.story.title, "en")


def test_romanian_timeline_uses_romanian_titles_and_lane_names():
    document = timeline(_load(ROMANIA), _locale("ro"))
    slide = next(s for s in document["events"] if s["unique_id"] == "event-telegram-group-created")
    assert slide["text"]["headline"].startswith("Este creat")
    assert slide["group"] == "Platformă"


SHEET = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
    "2020,,,,,,,,,Example Agency timeline,,,,,,title,,\n"
    "2021,3,,,,,,,,Example Agency opens a tender,<p>The <b>tender</b> opens.</p>,"
    "https://example.org/a.jpg,,,,,Public Works,\n"
    "2021,3,4,9:30 PM,2021,4,,,,Example Agency opens a tender,,,,,,,Public Works,#fff\n"
)


def test_spreadsheet_import_reports_every_unmapped_field_where_it_is(tmp_path, capsys):
    sheet = tmp_path / "timeline.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    out = tmp_path / "events.yml"
    assert main(["import", "timelinejs", str(sheet), "-o", str(out)]) == 0
    messages = capsys.readouterr().err
    assert f"{sheet.as_posix()}:3:12: warning: 'Media' is not imported" in messages
    assert f"{sheet.as_posix()}:4:18: warning: 'Background' is not imported" in messages
    assert f"{sheet.as_posix()}:2:16: warning: a title row is not an event" in messages
    events = _events(out.read_text(encoding="utf-8"))
    assert events == {
        "example-agency-opens-a-tender": (
            "2021-03",
            None,
            "Example Agency opens a tender",
            "public-works",
        ),
        "example-agency-opens-a-tender-2": (
            "2021-03-04T21:30",
            "2021-04",
            "Example Agency opens a tender",
            "public-works",
        ),
    }
    assert 'body: "The **tender** opens."' in out.read_text(encoding="utf-8")


def test_imported_draft_is_refused_by_the_validator_until_sources_are_cited(tmp_path, validate):
    story = tmp_path / "example-story"
    (story).mkdir()
    (story / "story.yml").write_text(
        "story:\n  title: Example\n  dek: Example.\n  authors: [Example Desk]\n"
        "  published: 2025-01-01\n  status: published\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "timeline.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    assert main(["import", "timelinejs", str(sheet), "-o", str(story / "events.yml")]) == 0
    outcome = validate(story)
    assert any("source" in line for line in outcome.lines if "events.yml" in line)


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        ("Year,Headline\n2021,\n", "2:2: row has no headline"),
        (
            "Year,Month,Day,Headline\n2021,,5,A\n",
            "2:1: 'Year', 'Month' ... is not a date: it has a day but no month",
        ),
        (
            "Year,Month,Headline\n2021,13,A\n",
            "2:1: 'Year', 'Month' ... is not a date: impossible date",
        ),
        ("Name,Date\nA,2021\n", "1:1: no 'Year' and 'Headline' columns"),
    ],
)
def test_spreadsheet_errors_name_the_row_and_write_nothing(tmp_path, capsys, sheet, message):
    path = tmp_path / "bad.csv"
    path.write_text(sheet, encoding="utf-8")
    out = tmp_path / "events.yml"
    assert main(["import", "timelinejs", str(path), "-o", str(out)]) == 1
    assert f"{path.as_posix()}:{message}" in capsys.readouterr().err
    assert not out.exists()


def test_broken_json_is_a_diagnostic_with_its_place(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text('{"events": [\n  {"start_date": }\n]}', encoding="utf-8")
    assert main(["import", "timelinejs", str(path)]) == 1
    assert f"{path.as_posix()}:2:18: not valid JSON" in capsys.readouterr().err


# --- FollowTheMoney -----------------------------------------------------------------------


def _entities(investigation, language="en"):
    return [
        ftm_model.get_proxy(json.loads(line))
        for line in ftm_lines(investigation, _locale(language)).splitlines()
    ]


def test_ftm_lines_load_with_the_package_and_count_every_actor_and_relation():
    investigation = _load(LAKEFORD)
    entities = _entities(investigation)
    assert len(entities) == len(investigation.actors) + len(investigation.relations)
    counts = Counter(e.schema.name for e in entities)
    assert counts == {
        "Organization": 3,
        "PublicBody": 1,
        "UserAccount": 1,
        "Payment": 2,
        "UnknownLink": 1,
    }
    for entity in entities:
        for prop, values in entity.properties.items():
            assert values and entity.schema.get(prop) is not None
        for prop in entity.schema.required:
            assert entity.get(prop), (entity.id, prop)


def test_ftm_payment_carries_amount_dates_status_and_sources():
    investigation = _load(LAKEFORD)
    payment = next(
        e for e in _entities(investigation) if e.id == "lakeford-water-supplier-overpaid"
    )
    relation = next(r for r in investigation.relations if r.id == "supplier-overpaid")
    assert payment.schema.name == "Payment"
    assert payment.get("payer") == [f"lakeford-water-{relation.from_}"]
    assert payment.get("beneficiary") == [f"lakeford-water-{relation.to}"]
    assert payment.get("amount") == ["40000.00"]
    assert payment.get("currency") == ["USD"]
    assert payment.get("startDate") == [relation.date.iso()]
    (summary,) = payment.get("summary")
    assert summary.startswith("Alleged; according to ") and "about USD 40,000" in summary
    assert payment.get("sourceUrl") == [
        s.url for s in investigation.sources if s.id in {r.id for r in relation.sources}
    ]


def test_ftm_links_the_shipped_story_with_ids_from_the_story_and_ends_that_exist():
    investigation = _load(ROMANIA)
    entities = _entities(investigation)
    ids = {e.id for e in entities}
    assert len(ids) == len(entities) == len(investigation.actors) + len(investigation.relations)
    for entity in entities:
        assert entity.id.startswith("romania-2024-")
        for prop in ("subject", "object", "payer", "beneficiary"):
            assert set(entity.get(prop, quiet=True)) <= ids
    links = [e for e in entities if e.schema.name == "UnknownLink"]
    roles = {e.first("role") for e in links}
    assert {"investigated", "paid"} <= roles  # an account that paid is a link, not a payer
    assert ftm_lines(investigation, _locale()) == ftm_lines(_load(ROMANIA), _locale())


# --- Atom ---------------------------------------------------------------------------------


def test_atom_feed_parses_and_lists_publication_update_and_corrections():
    investigation = _load(LAKEFORD)
    text = atom_feed(investigation, _locale())
    feed = feedparser.parse(
        text.encode(),
        response_headers={
            "content-location": "https://example.org/x/feed.xml",
            "content-type": "application/atom+xml",
        },
    )
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Updated on 2 April 2025",
        "Correction of 2 April 2025",
        f"Published: {pick(investigation.story.title, 'en')}",
    ]
    correction = feed.entries[1]
    assert "wrong month for the audit report" in correction.content[0].value
    assert correction.link == "https://example.org/x/methodology/#corrections"
    assert correction.updated == "2025-04-02T00:00:00Z"
    assert len({entry.id for entry in feed.entries}) == 3
    assert atom_feed(_load(LAKEFORD), _locale()) == text  # ids and all: deterministic


def test_atom_feed_in_romanian_has_its_own_ids_and_words():
    investigation = _load(LAKEFORD)
    english = feedparser.parse(atom_feed(investigation, _locale()).encode())
    romanian = feedparser.parse(atom_feed(investigation, _locale("ro")).encode())
    assert romanian.feed.language == "ro"
    assert romanian.entries[1].title == "Corectură din 2 aprilie 2025"
    assert {e.id for e in english.entries}.isdisjoint(e.id for e in romanian.entries)
