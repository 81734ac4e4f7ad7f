"""What the model can say beyond an exact value: dates before, after or about a moment, amounts
about, at least, more than or up to a sum, a relation's confidence, news outlets and websites as
actors, and short names for charts. Each is read, checked, written out in both languages of a
bilingual story, kept in the JSON download and drawn on the charts.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from pydantic_core import PydanticCustomError

from generator.charts.figures import build_chart
from generator.dates import PartialDate, Precision, Qualifier, ends_before
from generator.model import Amount, Chart
from generator.render.downloads import investigation_json
from generator.render.locale import load_locale
from tests.conftest import EditableCase
from tests.sitetools import ROOT, build, copy_project, soup

LOCALES = ROOT / "site_config" / "locales"
EN, RO = load_locale(LOCALES, "en"), load_locale(LOCALES, "ro")


def parse(text: str) -> PartialDate:
    return PartialDate.parse(text)


def refusal(value, **options) -> str:
    with pytest.raises(PydanticCustomError) as raised:
        PartialDate.parse(value, **options)
    return str(raised.value)


# --- Dates: the grammar ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "qualifier", "precision", "as_written"),
    [
        ("before 2024-03", Qualifier.BEFORE, Precision.MONTH, "before 2024-03"),
        ("after 2023-10-07", Qualifier.AFTER, Precision.DAY, "after 2023-10-07"),
        ("about 2010", Qualifier.ABOUT, Precision.YEAR, "about 2010"),
        ("About 2010", Qualifier.ABOUT, Precision.YEAR, "about 2010"),
        ("AFTER 2024-11-24T18:30", Qualifier.AFTER, Precision.MINUTE, "after 2024-11-24T18:30"),
        ("  before 2024 ", Qualifier.BEFORE, Precision.YEAR, "before 2024"),
        ("2024-11-24", None, Precision.DAY, "2024-11-24"),
    ],
)
def test_a_qualifier_is_kept_beside_the_iso_date_it_qualifies(
    written, qualifier, precision, as_written
):
    date = parse(written)
    assert (date.qualifier, date.precision, date.written()) == (qualifier, precision, as_written)
    # the ISO part alone is what a <time datetime> attribute or a search engine can hold
    assert date.iso() == as_written.rpartition(" ")[2]
    assert str(date) == as_written


def test_exact_dates_are_what_they_were():
    assert parse("2024-11") == PartialDate(2024, 11, precision=Precision.MONTH)
    assert parse("about 2024-11") != parse("2024-11")


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("2022–2024", "2022", "2024"),
        ("2022-2024", "2022", "2024"),
        ("2022 — 2024", "2022", "2024"),
        ("2023-12-20 / 2024-01-20", "2023-12-20", "2024-01-20"),
        ("2023-12-20 to 2024-01-20", "2023-12-20", "2024-01-20"),
        ("2023-12 until 2024-01", "2023-12", "2024-01"),
        ("after 2022-2024", "2022", "2024"),
    ],
)
def test_a_range_written_otherwise_than_with_a_slash_is_refused_with_the_slash_form(
    written, start, end
):
    assert refusal(written) == (
        f"'{written}' is not a date: write a date somewhere between two dates as '{start}/{end}'"
    )


@pytest.mark.parametrize(
    "written",
    ["circa 2010", "după 2023-10-07", "after  2023-10-07", "after\t2023", "November 2024"],
)
def test_a_word_other_than_the_three_or_two_spaces_are_refused_with_the_words(written):
    assert refusal(written) == (
        f"'{written}' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00, "
        "with only 'before', 'after' or 'about' and one space in front (these English words in "
        "every language)"
    )


@pytest.mark.parametrize("written", ["after", "before yesterday", "about 20100", "2024 after"])
def test_a_qualifier_without_a_date_is_not_a_date(written):
    assert refusal(written) == (
        f"'{written}' is not a date: write 2024, 2024-11, 2024-11-24 or 2024-11-24T21:00"
    )


def test_an_impossible_date_after_a_qualifier_is_named_as_written():
    assert refusal("about 2023-02-29") == (
        "impossible date 'about 2023-02-29': February 2023 has 28 days; write the day as 01 to 28"
    )


def test_csv_cells_keep_to_exact_dates_for_now():
    """Line charts cannot yet draw an uncertain point honestly, so CSV cells refuse the words
    (csv_data turns this into its own 'is not a date' message) while the ISO forms still pass."""
    assert PartialDate.parse("2024-11", qualifiers=False).precision is Precision.MONTH
    with pytest.raises(PydanticCustomError) as raised:
        PartialDate.parse("about 2024", qualifiers=False)
    assert raised.value.type == "date_qualifier"


def test_the_json_schema_accepts_each_form_and_refuses_ranges_written_otherwise():
    pattern = re.compile(TypeAdapter(PartialDate).json_schema()["anyOf"][0]["pattern"])
    for good in (
        "2024",
        "after 2023-10-07",
        "Before 2024-03",
        "ABOUT 2010",
        "about 2024-11-24 18:30",
        "2023-12-20/2024-01-20",
        "2021/2021-06",
        "unknown",
    ):
        assert pattern.match(good), good
    for bad in (
        "2022–2024",
        "2023-12-20 / 2024-01-20",
        "about 2021/2022",
        "circa 2010",
        "after  2023",
        "after",
        "unknown 2021",
    ):
        assert not pattern.match(bad), bad


# --- Dates: where they sort, and which ends come before their starts -----------------------


def test_before_sorts_at_the_start_of_its_date_and_after_at_the_end():
    written = [
        "after 2024-03",
        "2024-03-15",
        "about 2024-03",
        "before 2024-03",
        "2024-03",
        "after 2024-02",
        "2024-02-29",
    ]
    ordered = [d.written() for d in sorted(parse(w) for w in written)]
    assert ordered == [
        "2024-02-29",
        "before 2024-03",  # ends where March begins
        "2024-03",
        "about 2024-03",
        "after 2024-02",  # begins where February ends: 1 March
        "2024-03-15",
        "after 2024-03",  # 1 April at the earliest
    ]
    assert parse("after 2023-10-07").start() == datetime(2023, 10, 8)
    assert parse("before 2023-10-07").start() == datetime(2023, 10, 7)
    assert parse("about 2023-10").start() == datetime(2023, 10, 1)


def test_comparisons_agree_with_equality():
    a, b = parse("2024-03"), parse("about 2024-03")
    assert a < b and a <= b and not a >= b and a != b
    assert parse("about 2024-03") <= parse("About 2024-03") == parse("about 2024-03")


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        ("2024-11-24", "2024-11-20", True),
        ("2024-11-24", "2024-11", False),  # the month includes the day
        ("2024", "2023-12-31", True),
        ("after 2023-10", "2023-10-20", True),  # starts in November at the earliest
        ("after 2023-10", "2023-11-02", False),
        ("2024-03-05", "before 2024-03", True),  # ended before March, started in it
        ("before 2024-03", "2024-02-10", False),  # may have started in January
        ("about 2010", "2009-12", False),  # 'about' sets no bound
        ("2010", "about 2005", False),
        ("2024-11-24T18:00", "after 2024-11-24T17:00", False),
    ],
)
def test_an_end_is_before_its_start_only_when_no_reading_allows_it(start, end, before):
    assert ends_before(parse(start), parse(end)) is before


# --- Words in both languages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "english", "romanian"),
    [
        ("after 2023-10-07", "after 7 October 2023", "după 7 octombrie 2023"),
        ("before 2024-03", "before March 2024", "înainte de martie 2024"),
        ("about 2010", "about 2010", "în jurul anului 2010"),
        ("about 2024-03", "about March 2024", "în jurul lunii martie 2024"),
        ("about 2023-10-07", "about 7 October 2023", "în jurul datei de 7 octombrie 2023"),
        ("2023-10-07", "7 October 2023", "7 octombrie 2023"),
    ],
)
def test_a_qualified_date_reads_naturally_in_each_language(written, english, romanian):
    assert (EN.date(parse(written)), RO.date(parse(written))) == (english, romanian)


def test_a_range_with_a_qualified_end_says_so():
    assert EN.date_range(parse("2023-12"), parse("before 2024-03")) == (
        "December 2023 – before March 2024"
    )


@pytest.mark.parametrize(
    ("qualifier", "english", "romanian"),
    [
        ("about", "about USD 381,000", "aproximativ 381.000 USD"),
        ("at-least", "at least USD 381,000", "cel puțin 381.000 USD"),
        ("more-than", "more than USD 381,000", "peste 381.000 USD"),
        ("up-to", "up to USD 381,000", "până la 381.000 USD"),
        (None, "USD 381,000", "381.000 USD"),
    ],
)
def test_an_amount_reads_as_each_language_writes_it(qualifier, english, romanian):
    amount = Amount(value=381000, currency="USD", qualifier=qualifier)
    assert (EN.amount(amount), RO.amount(amount)) == (english, romanian)


def test_a_decimal_amount_keeps_its_decimals_in_each_language():
    amount = Amount(value=1000.5, currency="EUR", qualifier="at-least")
    assert (EN.amount(amount), RO.amount(amount)) == (
        "at least EUR 1,000.5",
        "cel puțin 1.000,5 EUR",
    )


def test_an_unknown_amount_qualifier_is_refused_with_the_four_allowed():
    with pytest.raises(ValueError, match="'about', 'at-least', 'more-than' or 'up-to'"):
        Amount(value=1, currency="USD", qualifier="roughly")


# --- The demo story with every new form --------------------------------------------------------


QUALIFIED_RELATION = """\
    amount:
      value: 1000.5
      currency: USD
      qualifier: about
    date: after 2024-05
    confidence:
      en: moderate confidence
      ro: încredere moderată
"""


def qualify(case: EditableCase) -> EditableCase:
    """The demo story with a qualified amount and dates, a confidence on a relation, a news
    outlet and a short name."""
    case.replace(
        "relations.yml",
        "    amount:\n      value: 1000.5\n      currency: USD\n    date: 2024-06\n",
        QUALIFIED_RELATION,
    )
    case.replace("events.yml", "    date: 2024-03\n", "    date: after 2024-02-07\n")
    case.replace(
        "events.yml",
        "    actors: [example-agency]\n",
        "    actors: [example-agency, example-gazette]\n",
    )
    case.replace(
        "actors.yml",
        "    name: Example Agency\n    kind: agency\n",
        "    name: Example Agency\n    short_name: EA\n    kind: agency\n",
    )
    case.replace(
        "actors.yml",
        "  - id: test-inspector\n",
        "  - id: example-gazette\n    name: The Example Gazette\n    kind: news-outlet\n"
        "    role:\n      en: A fictional newspaper.\n      ro: Un ziar fictiv.\n"
        "  - id: test-inspector\n",
    )
    return case


@pytest.fixture
def qualified(demo, validate):
    outcome = validate(qualify(demo).path, strict=True)
    assert outcome.lines == []
    return outcome.investigation


def test_the_new_forms_validate_strictly_and_are_read_as_written(qualified):
    (relation,) = qualified.relations
    assert (relation.amount.qualifier, relation.date.written()) == ("about", "after 2024-05")
    assert relation.confidence == {"en": "moderate confidence", "ro": "încredere moderată"}
    actors = {actor.id: actor for actor in qualified.actors}
    assert (actors["example-agency"].short_name, actors["example-gazette"].kind) == (
        "EA",
        "news-outlet",
    )


def test_the_json_download_keeps_each_value_as_written(qualified):
    data = json.loads(investigation_json(qualified))
    (relation,) = data["relations"]
    assert relation["amount"] == {
        "value": 1000.5,
        "currency": "USD",
        "qualifier": "about",
        "kind": "payment",
    }
    assert relation["date"] == "after 2024-05"
    assert relation["confidence"]["ro"] == "încredere moderată"
    event = next(e for e in data["events"] if e["id"] == "report-published")
    assert event["date"] == "after 2024-02-07"
    agency = next(a for a in data["actors"] if a["id"] == "example-agency")
    assert agency["short_name"] == "EA"


def test_a_misspelt_qualifier_is_an_error_at_its_place(demo, validate):
    demo.replace(
        "relations.yml", "      currency: USD\n", "      currency: USD\n      qualifier: circa\n"
    )
    assert validate(demo.path).lines == [
        "relations.yml:10:18: relation 'agency-pays-network': 'circa' is not a valid "
        "amount.qualifier (choose one of: about, at-least, more-than, up-to)"
    ]


def test_an_unknown_actor_kind_still_lists_the_new_ones(demo, validate):
    demo.replace("actors.yml", "    kind: person\n", "    kind: newspaper\n")
    (line,) = validate(demo.path).lines
    assert line.endswith("campaign, news-outlet, website)")


# --- Charts -------------------------------------------------------------------------------------


def chart(investigation, **fields) -> Chart:
    return Chart(id="c", title="T", description="D", **fields)


def test_the_network_labels_nodes_by_short_name_and_keeps_full_names_in_hover_and_table(qualified):
    built = build_chart(chart(qualified, type="network", derived_from="relations"), qualified, EN)
    labels = {annotation.text for annotation in built.figure.layout.annotations}
    assert "EA" in labels and "Example Agency" not in labels
    hovers = [text for trace in built.figure.data if trace.hovertext for text in trace.hovertext]
    assert any(text.startswith("Example Agency: ") for text in hovers)
    edge = next(t for t in built.figure.data if t.mode == "markers" and t.hovertext)
    assert tuple(text.replace("\n", " ") for text in edge.hovertext) == (
        "Example Agency → paid → Sample Network (alleged): about USD 1,000.5",
    )
    assert built.data.rows[0][0] == "Example Agency"
    assert built.data.rows[0][-1] == "about USD 1,000.5"


def test_the_flow_labels_nodes_by_short_name_and_says_how_exact_each_amount_is(qualified):
    built = build_chart(
        chart(qualified, type="flow", derived_from="relations", currency="USD"), qualified, RO
    )
    (sankey,) = built.figure.data
    assert list(sankey.node.label) == ["EA", "Sample Network"]
    assert (
        sankey.link.label[0]
        .replace("\n", " ")
        .startswith("plată: aproximativ 1.000,5 USD, Example Agency → ")
    )
    assert sankey.link.hovertemplate == "%{label}<extra></extra>"
    row = dict(zip(built.data.columns, built.data.rows[0], strict=True))
    assert (row["from"], row["amount"], row["qualifier"]) == (
        "Example Agency",
        1000.5,
        "aproximativ",
    )


def test_the_timeline_marks_a_qualified_date_at_its_place(qualified):
    built = build_chart(chart(qualified, type="timeline", derived_from="events"), qualified, EN)
    marked = next(t for t in built.figure.data if t.name == EN["words"]["timeline_qualified"])
    assert marked.x == ("2024-02-08 00:00",)  # after 7 February: from the 8th on
    assert tuple(text.replace("\n", " ") for text in marked.hovertext) == (
        "after 7 February 2024: The agency publishes its annual report",
    )
    assert marked.marker.symbol == "diamond"  # not the dot of a known day
    day = EN["words"]["timeline_day"]
    assert all(t.marker.symbol != "diamond" for t in built.figure.data if t.name == day)
    assert built.data.rows[0][0] == "after 2024-02-07"


# --- The built site, in both languages ---------------------------------------------------------


# A small, fictional story in both site languages, every text translated.
BILINGUAL = {
    "story.yml": """\
story:
  title: {en: The Example Ledger, ro: Registrul Exemplu}
  dek: {en: A fictional case about a fictional payment., ro: Un caz fictiv despre o plată fictivă.}
  authors: [Test Reporter]
  published: 2024-11-24
  status: published
  languages: [en, ro]
""",
    "sources.yml": """\
sources:
  - id: ledger-report
    title: Annual ledger
    publisher: Example Agency for Public Records
    url: https://example.org/ledger.pdf
    kind: primary-document
    language: en
""",
    "actors.yml": """\
actors:
  - id: records-agency
    name: Example Agency for Public Records
    short_name: EAPR
    kind: agency
    role: {en: A fictional public body., ro: O instituție publică fictivă.}
  - id: sample-network
    name: Sample Network
    kind: campaign
    role: {en: A fictional group of accounts., ro: Un grup fictiv de conturi.}
  - id: example-gazette
    name: The Example Gazette
    kind: news-outlet
    role: {en: A fictional newspaper., ro: Un ziar fictiv.}
""",
    "claims.yml": """\
claims:
  - id: agency-paid
    statement: {en: The agency paid the network., ro: Agenția a plătit rețeaua.}
    status: confirmed
    sources: [ledger-report]
""",
    "events.yml": """\
events:
  - id: ledger-published
    date: after 2024-02-07
    title: {en: The agency publishes its ledger, ro: Agenția își publică registrul}
    group: agency
    actors: [records-agency, example-gazette]
    sources: [ledger-report]
""",
    "relations.yml": """\
relations:
  - id: agency-pays-network
    from: records-agency
    to: sample-network
    kind: paid
    label: {en: paid, ro: a plătit}
    amount: {value: 381000, currency: USD, qualifier: about}
    date: after 2024-05
    status: confirmed
    confidence: {en: moderate confidence, ro: încredere moderată}
    claims: [agency-paid]
    sources: [ledger-report]
""",
    "charts.yml": """\
charts:
  - id: money
    type: flow
    derived_from: relations
    currency: USD
    title: {en: Money, ro: Bani}
    description: {en: One fictional payment., ro: O plată fictivă.}
  - id: when
    type: timeline
    derived_from: events
    title: {en: When, ro: Când}
    description: {en: One fictional event., ro: Un eveniment fictiv.}
""",
}


def bilingual_story(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in BILINGUAL.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_bilingual_story_validates_strictly(tmp_path, validate):
    assert validate(bilingual_story(tmp_path / "example-ledger"), strict=True).lines == []


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    bilingual_story(content / "example-ledger")
    project = copy_project(tmp_path_factory.mktemp("project"), content)
    target = project / "site"
    result = build(project, target)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def entry_text(page: Path, anchor: str) -> str:
    entry = soup(page).find(id=anchor)
    assert entry is not None, anchor
    return " ".join(entry.get_text(" ").split())


@pytest.mark.parametrize(
    ("root", "amount", "confidence", "date"),
    [
        ("", "Amount: about USD 381,000", "Confidence: moderate confidence", "after May 2024"),
        ("ro/", "aproximativ 381.000 USD", "încredere moderată", "după mai 2024"),
    ],
)
def test_who_s_who_shows_the_qualified_amount_date_and_confidence(
    site, root, amount, confidence, date
):
    text = entry_text(
        site / root / "example-ledger" / "actors" / "index.html", "relation-agency-pays-network"
    )
    assert amount in text and confidence in text and date in text


@pytest.mark.parametrize(
    ("root", "heading", "kind"),
    [
        ("", "Example Agency for Public Records (EAPR)", "News outlets"),
        ("ro/", "Example Agency for Public Records (EAPR)", "Publicații și redacții"),
    ],
)
def test_who_s_who_shows_both_names_and_the_new_kinds(site, root, heading, kind):
    document = soup(site / root / "example-ledger" / "actors" / "index.html")
    headings = [
        " ".join(h.get_text(" ").replace("¶", "").split()) for h in document.find_all(["h2", "h3"])
    ]
    assert heading in headings and kind in headings
    assert document.find(id="actor-example-gazette") is not None


@pytest.mark.parametrize(
    ("root", "words"), [("", "after 7 February 2024"), ("ro/", "după 7 februarie 2024")]
)
def test_the_timeline_shows_the_qualified_date_in_words_and_iso_for_machines(site, root, words):
    document = soup(site / root / "example-ledger" / "timeline" / "index.html")
    entry = document.find(id="event-ledger-published")
    time = entry.find("time")
    assert " ".join(time.get_text(" ").split()) == words
    assert time["datetime"] == "2024-02-07"
