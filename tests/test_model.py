"""The valid demo investigation loads cleanly, and every value arrives as the editor wrote it."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from pydantic_core import PydanticCustomError

from generator.dates import PartialDate, Precision
from generator.diagnostics import Location
from generator.model import SourceRef
from generator.render.locale import load_locale
from generator.text import pick
from generator.yaml_source import parse_yaml

VALID_CASE = Path(__file__).resolve().parent / "fixtures" / "valid" / "demo-case"


@pytest.fixture
def demo_case(validate):
    outcome = validate(VALID_CASE)
    assert outcome.lines == []
    return outcome.investigation


def test_valid_investigation_has_no_errors_and_no_warnings(validate):
    outcome = validate(VALID_CASE, strict=True)
    assert outcome.lines == []
    assert outcome.result.errors == outcome.result.warnings == []
    assert outcome.investigation.slug == "demo-case"


def test_everything_in_the_folder_is_loaded(demo_case):
    assert demo_case.counts() == {
        "sources": 3,
        "claims": 3,
        "events": 2,
        "actors": 3,
        "relations": 1,
        "cases": 0,
        "datasets": 1,
        "charts": 1,
        "pages": 1,
    }
    assert [claim.id for claim in demo_case.claims] == [
        "agency-paid-network",
        "agency-denies",
        "report-exists",
    ]


def test_dates_keep_the_precision_they_were_written_with(demo_case):
    story = demo_case.story
    assert story.published == PartialDate(2024, 11, 24, precision=Precision.DAY)
    assert story.updated == PartialDate(2024, 12, precision=Precision.MONTH)
    assert (story.published.iso(), story.updated.iso()) == ("2024-11-24", "2024-12")
    assert story.corrections[0].date.iso() == "2024-12-02"

    sources = {source.id: source for source in demo_case.sources}
    # `published: 2024` is a YAML integer: it must still become a year, not an error
    assert sources["agency-statement"].published.precision is Precision.YEAR
    assert sources["agency-statement"].published.iso() == "2024"
    assert sources["agency-report-2024"].published.iso() == "2024-03"
    assert sources["example-news-2024-11-30"].published.iso() == "2024-11-30T09:15"

    report, inspection = demo_case.events
    assert report.date.precision is Precision.MONTH
    assert report.date.start() == datetime(2024, 3, 1)
    assert inspection.date.precision is Precision.MINUTE
    assert inspection.date.start() == datetime(2024, 11, 24, 21, 0)
    assert inspection.end.iso() == "2024-11-25"
    assert report.date < inspection.date < inspection.end


def test_text_is_plain_or_one_text_per_language(demo_case):
    story = demo_case.story
    assert story.title == {
        "en": "How the Example Agency funded a network of accounts",
        "ro": "Cum a finanțat Agenția Exemplu o rețea de conturi",
    }
    assert pick(story.title, "ro") == "Cum a finanțat Agenția Exemplu o rețea de conturi"
    assert pick(story.title, "de") == story.title["en"]  # unknown language: the default one
    assert story.dek == "A fictional case used to test the generator."
    assert story.languages == ["en"]
    assert demo_case.claims[1].statement == {
        "en": "The agency says it paid nobody.",
        "ro": "Agenția spune că nu a plătit pe nimeni.",
    }
    actors = {actor.id: actor for actor in demo_case.actors}
    assert actors["sample-network"].role["ro"] == "Un grup de conturi care a promovat agenția."
    assert demo_case.story.methodology == (
        "We read every public filing of the agency [@agency-report-2024, p. 2].\n"
    )


def test_source_refs_keep_their_locators(demo_case):
    claim = demo_case.claims[0]
    assert all(isinstance(ref, SourceRef) for ref in claim.sources)
    assert [(ref.id, ref.locator) for ref in claim.sources] == [
        ("agency-report-2024", "p. 3"),
        ("example-news-2024-11-30", None),  # the short form `- id` has no locator
    ]
    assert [ref.id for ref in demo_case.events[1].sources] == ["agency-statement"]


def test_claims_relations_and_actors_are_as_written(demo_case):
    claim = demo_case.claims[0]
    assert (claim.status, claim.attributed_to, claim.confidence) == (
        "alleged",
        ["test-inspector"],
        "high",
    )
    assert claim.rebuttals == ["agency-denies"]
    assert claim.events == ["report-published"]

    (relation,) = demo_case.relations
    assert (relation.from_, relation.to, relation.kind) == (
        "example-agency",
        "sample-network",
        "paid",
    )
    assert (relation.amount.value, relation.amount.currency) == (1000.5, "USD")
    assert relation.date.iso() == "2024-06"

    agency = demo_case.actors[0]
    assert (agency.country, agency.aliases) == ("XA", ["EA"])


def test_dataset_rows_are_typed_by_their_columns(demo_case):
    (dataset,) = demo_case.datasets
    assert [column.name for column in dataset.columns] == [
        "month",
        "recipient",
        "amount",
        "transfers",
        "disclosed",
    ]
    assert dataset.rows == [
        {
            "month": PartialDate(2024, 4, precision=Precision.MONTH),
            "recipient": "Sample Network",
            "amount": 200,
            "transfers": 2,
            "disclosed": True,
        },
        {
            "month": PartialDate(2024, 5, precision=Precision.MONTH),
            "recipient": "Sample Network, Ltd",  # a quoted cell keeps its comma
            "amount": 300.25,
            "transfers": 3,
            "disclosed": False,
        },
        {
            "month": PartialDate(2024, 6, precision=Precision.MONTH),
            "recipient": "Sample Network",
            "amount": 500.25,
            "transfers": None,  # an empty cell is missing, not zero
            "disclosed": True,
        },
    ]
    assert isinstance(dataset.rows[0]["amount"], int)
    assert isinstance(dataset.rows[1]["amount"], float)


def test_pages_keep_front_matter_and_body(demo_case):
    (page,) = demo_case.pages
    assert (page.slug, page.language, page.title, page.order) == (
        "overview",
        None,
        "What happened",
        1,
    )
    assert page.description == "The fictional case in three paragraphs."
    assert page.body.startswith("The agency published its report in March")
    assert page.body_line == 6  # the body's first line in the file, for error positions


def test_every_value_remembers_where_it_was_written(demo_case):
    claim = demo_case.claims[0]
    assert claim.at("status") == Location("claims.yml", 5, 13)
    assert claim.at("sources", 1) == Location("claims.yml", 11, 9)
    assert claim.sources[0].at("locator") == Location("claims.yml", 10, 18)
    assert demo_case.relations[0].at("from") == Location("relations.yml", 4, 11)
    assert demo_case.datasets[0].columns[2].at("unit") == Location("datasets.yml", 14, 15)
    # a key that is not written points at the item it is missing from
    assert demo_case.claims[2].at("attributed_to") == Location("claims.yml", 22, 5)


def test_yaml_words_and_dates_stay_strings():
    text = (
        "a: yes\nb: no\nc: on\nd: off\ne: NO\nf: 2024-11-24\ng: 2024-13-45\n"
        "h: true\ni: false\nj: 12\nk: 1.5\nl: ~\nm: 0x1F\nn: 1_000\no: .inf\n"
    )
    document, errors = parse_yaml(text, "x.yml")
    assert errors == []
    assert document.data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "NO",
        "f": "2024-11-24",
        "g": "2024-13-45",
        "h": True,
        "i": False,
        "j": 12,
        "k": 1.5,
        "l": None,
        "m": "0x1F",
        "n": "1_000",
        "o": ".inf",
    }


def test_norway_stays_norway(demo, validate):
    """The 'Norway problem': country: NO must not turn into false."""
    demo.replace("actors.yml", "country: XA", "country: NO")
    demo.replace(
        "actors.yml",
        "role: An investigator who examined the payments.",
        "role: no\n    aliases: [yes, off]",
    )
    outcome = validate(demo.path)
    assert outcome.lines == []
    agency, _, inspector = outcome.investigation.actors
    assert agency.country == "NO"
    assert (inspector.role, inspector.aliases) == ("no", ["yes", "off"])


def test_an_empty_text_key_is_named_in_the_editors_words(demo, validate):
    """An empty key is YAML's null: the message says so, not Python's 'NoneType'."""
    demo.replace("actors.yml", "role: An investigator who examined the payments.", "role:")
    outcome = validate(demo.path)
    assert outcome.lines == [
        "actors.yml:18:10: actor 'test-inspector': role: expected text or one text per "
        "language like {en: ..., ro: ...}, got nothing (the key has no value)"
    ]


LOCALES = Path(__file__).resolve().parent.parent / "site_config" / "locales"


@pytest.mark.parametrize(
    ("written", "iso", "precision", "start", "english", "romanian"),
    [
        ("2024", "2024", Precision.YEAR, datetime(2024, 1, 1), "2024", "2024"),
        (2024, "2024", Precision.YEAR, datetime(2024, 1, 1), "2024", "2024"),
        (999, "0999", Precision.YEAR, datetime(999, 1, 1), "999", "999"),
        (
            "2024-02",
            "2024-02",
            Precision.MONTH,
            datetime(2024, 2, 1),
            "February 2024",
            "februarie 2024",
        ),
        (
            "2024-02-29",
            "2024-02-29",
            Precision.DAY,
            datetime(2024, 2, 29),
            "29 February 2024",
            "29 februarie 2024",
        ),
        (
            "2024-11-24T21:37",
            "2024-11-24T21:37",
            Precision.MINUTE,
            datetime(2024, 11, 24, 21, 37),
            "24 November 2024, 21:37",
            "24 noiembrie 2024, ora 21:37",
        ),
        (
            "2024-11-24 09:05",
            "2024-11-24T09:05",
            Precision.MINUTE,
            datetime(2024, 11, 24, 9, 5),
            "24 November 2024, 09:05",
            "24 noiembrie 2024, ora 09:05",
        ),
        (
            "2024-12-31T23:59",
            "2024-12-31T23:59",
            Precision.MINUTE,
            datetime(2024, 12, 31, 23, 59),
            "31 December 2024, 23:59",
            "31 decembrie 2024, ora 23:59",
        ),
        (
            " 2024-11-24 ",
            "2024-11-24",
            Precision.DAY,
            datetime(2024, 11, 24),
            "24 November 2024",
            "24 noiembrie 2024",
        ),
        (
            datetime(2024, 11, 24, 21, 37, 59),
            "2024-11-24T21:37",
            Precision.MINUTE,
            datetime(2024, 11, 24, 21, 37),
            "24 November 2024, 21:37",
            "24 noiembrie 2024, ora 21:37",
        ),
        (
            date(2024, 11, 24),
            "2024-11-24",
            Precision.DAY,
            datetime(2024, 11, 24),
            "24 November 2024",
            "24 noiembrie 2024",
        ),
    ],
)
def test_partial_dates_parse(written, iso, precision, start, english, romanian):
    """Each precision keeps its parts: the minute of 21:37 reaches the page and the chart."""
    parsed = PartialDate.parse(written)
    assert (parsed.iso(), str(parsed), parsed.precision, parsed.start()) == (
        iso,
        iso,
        precision,
        start,
    )
    assert load_locale(LOCALES, "en").date(parsed) == english
    assert load_locale(LOCALES, "ro").date(parsed) == romanian
    assert PartialDate.parse(parsed.iso()) == parsed


def test_on_one_day_times_of_day_come_first_in_time_order_then_the_day_alone():
    times = ["2024-11-24T21:37", "2024-11-24T21:05", "2024-11-24", "2024-11-24T09:59"]
    ordered = sorted(PartialDate.parse(t) for t in times)
    assert [d.iso() for d in ordered] == [
        "2024-11-24T09:59",
        "2024-11-24T21:05",
        "2024-11-24T21:37",
        "2024-11-24",
    ]
    # the next day's first minute still comes after the day alone
    assert PartialDate.parse("2024-11-24") < PartialDate.parse("2024-11-25T00:00")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2024-13-45",
            "impossible date '2024-13-45': there is no month 13; write the month as 01 to 12",
        ),
        (
            "2024-00-10",
            "impossible date '2024-00-10': there is no month 00; write the month as 01 to 12",
        ),
        ("2024-00", "impossible date '2024-00': there is no month 00; write the month as 01 to 12"),
        (
            "2024-11-00",
            "impossible date '2024-11-00': there is no day 00; write the day as 01 to 30",
        ),
        (
            "2023-02-29",
            "impossible date '2023-02-29': February 2023 has 28 days; write the day as 01 to 28",
        ),
        (
            "2024-04-31",
            "impossible date '2024-04-31': April 2024 has 30 days; write the day as 01 to 30",
        ),
        (
            " 2024-11-31T10:00",
            "impossible date '2024-11-31T10:00': November 2024 has 30 days; "
            "write the day as 01 to 30",
        ),
        (
            "0000",
            "impossible date '0000': there is no year 0000; write the year with four digits, "
            "such as 2024",
        ),
        (
            "2024-11-24T24:00",
            "impossible time in '2024-11-24T24:00': there is no hour 24; "
            "write the time as 00:00 to 23:59",
        ),
        (
            "2024-11-24T25:00",
            "impossible time in '2024-11-24T25:00': there is no hour 25; "
            "write the time as 00:00 to 23:59",
        ),
        (
            "2024-11-24T21:60",
            "impossible time in '2024-11-24T21:60': there is no minute 60; "
            "write the time as 00:00 to 23:59",
        ),
        (
            "24/11/2024",
            "'24/11/2024' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00",
        ),
        (
            "November 2024",
            "'November 2024' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00, "
            "with only 'before', 'after' or 'about' and one space in front (these English words "
            "in every language)",
        ),
        (
            "2024-11-24T21:37:05",
            "'2024-11-24T21:37:05' is not a date: write 2024, 2024-11, 2024-11-24 or "
            "2024-11-24T21:00",
        ),
        (
            0,
            "impossible date '0000': there is no year 0000; write the year with four digits, "
            "such as 2024",
        ),
        (12024, "'12024' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00"),
        (True, "expected a date like 2024-11-24, not a boolean"),
        ([2024], "expected a date like 2024-11-24, got a list"),
        (2024.11, "expected a date like 2024-11-24, got a decimal number"),
        # a negative year is written back as the editor wrote it, not padded to '-005'
        (-5, "'-5' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00"),
        (b"2024", "expected a date like 2024-11-24, got bytes"),
    ],
)
def test_impossible_or_malformed_dates_are_refused_with_the_reason(written, message):
    with pytest.raises(PydanticCustomError) as raised:
        PartialDate.parse(written)
    assert str(raised.value) == message


def test_month_names_in_messages_do_not_follow_the_machine_locale(monkeypatch):
    """The calendar module's month names change with the locale; the messages must not."""
    monkeypatch.setattr(calendar, "month_name", ["", *(f"Luna{n}" for n in range(1, 13))])
    with pytest.raises(PydanticCustomError) as raised:
        PartialDate.parse("2023-02-29")
    assert "February 2023 has 28 days" in str(raised.value)


def test_an_impossible_time_in_content_is_an_error_at_its_place(demo, validate):
    demo.replace("events.yml", "date: 2024-11-24T21:00", "date: 2024-11-24T21:60")
    assert validate(demo.path).lines == [
        "events.yml:11:11: event 'inspection': impossible time in '2024-11-24T21:60': "
        "there is no minute 60; write the time as 00:00 to 23:59"
    ]


def test_a_time_to_the_minute_in_content_keeps_its_minute(demo, validate):
    demo.replace("events.yml", "date: 2024-11-24T21:00", "date: 2024-11-24T21:37")
    outcome = validate(demo.path)
    assert outcome.lines == []
    event = next(e for e in outcome.investigation.events if e.id == "inspection")
    assert (event.date.iso(), event.date.start()) == (
        "2024-11-24T21:37",
        datetime(2024, 11, 24, 21, 37),
    )


def test_the_first_year_is_a_year():
    """Year 0000 is refused; 0001 is the first that exists and is kept as written."""
    first = PartialDate.parse("0001-01-01")
    assert (first.iso(), first.start()) == ("0001-01-01", datetime(1, 1, 1))
    assert PartialDate.parse(1).iso() == "0001"


@pytest.mark.parametrize(
    ("written", "line"),
    [
        ("date: !!binary MjAyNA==", "date: expected a date like 2024-11-24, got bytes"),
        ("date: -5", "'-5' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00"),
    ],
)
def test_a_date_of_another_kind_in_content_is_named_at_its_place(demo, validate, written, line):
    demo.replace("events.yml", "date: 2024-11-24T21:00", written)
    assert validate(demo.path).lines == [f"events.yml:11:11: event 'inspection': {line}"]


def test_dates_reach_the_json_schema_and_serialise_at_their_precision():
    """What editors' YAML tools are told a date is, and how a date is written out again."""
    adapter = TypeAdapter(PartialDate)
    schema = adapter.json_schema()
    pattern = re.compile(schema["anyOf"][0]["pattern"])
    written = ("2024", "2024-11", "2024-11-24", "2024-11-24T21:00", "2024-11-24 21:00")
    assert all(pattern.match(value) for value in written)
    assert not any(pattern.match(value) for value in ("24/11/2024", "2024-1", "20241", "2024-"))
    assert schema["anyOf"][1] == {"type": "integer", "minimum": 1000, "maximum": 9999}
    assert schema["examples"][0] == "2024-11-24"
    assert adapter.validate_python("2024-11") == PartialDate(2024, 11, precision=Precision.MONTH)
    assert adapter.dump_python(PartialDate.parse("2024-11"), mode="json") == "2024-11"
    assert adapter.dump_json(PartialDate.parse("2024-11-24T09:05")) == b'"2024-11-24T09:05"'
