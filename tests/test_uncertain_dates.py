"""Dates as uncertain as their sources: ranges, unknown dates, other dates some sources give,
dated claims, the order of one day's events, and line charts that draw a value known only to a
month, a year or a span across that period instead of on its first day."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pydantic_core import PydanticCustomError

from generator.charts.figures import build_chart
from generator.charts.picture import Picture
from generator.csv_data import CellError
from generator.csv_data import _parse_cell as parse_cell
from generator.dates import PartialDate
from generator.loader import load_investigation
from generator.render.locale import load_locale
from tests.sitetools import ROOT, build, copy_project, soup

LOCALES = ROOT / "site_config" / "locales"
EN, RO = load_locale(LOCALES, "en"), load_locale(LOCALES, "ro")


def parse(text: str) -> PartialDate:
    return PartialDate.parse(text)


# --- The grammar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "start", "end", "iso"),
    [
        ("2021-03/2021-06", datetime(2021, 3, 1), datetime(2021, 7, 1), "2021"),
        ("2019/2021", datetime(2019, 1, 1), datetime(2022, 1, 1), ""),
        ("2021-03-02/2021-03-09", datetime(2021, 3, 2), datetime(2021, 3, 10), "2021-03"),
        ("2021/2021-06", datetime(2021, 1, 1), datetime(2021, 7, 1), "2021"),
    ],
)
def test_a_range_is_one_moment_somewhere_between_its_ends(written, start, end, iso):
    date = parse(written)
    assert date.is_range and date.written() == written
    assert date.bounds() == (start, end)
    # what a <time datetime> can hold: the part both ends share, never a made-up day
    assert date.iso() == iso
    assert not date.exact_day


def test_unknown_is_kept_sorts_last_and_sets_no_bound():
    date = parse(" Unknown ")
    assert (date.unknown, date.known, date.written(), date.iso()) == (True, False, "unknown", "")
    assert date.bounds() == (None, None)
    assert sorted([date, parse("9999"), parse("2024-11-24")])[-1] is date


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2021-06/2021-03",
            "'2021-06/2021-03' is not a range: it ends (2021-03) before it starts (2021-06); "
            "write the earlier date first, as '2021-03/2021-06'",
        ),
        (
            "2021-03/June",
            "'2021-03/June' is not a range: 'June' is not a date; write a range as two dates "
            "with a slash between them and no spaces, such as 2021-03/2021-06",
        ),
        (
            "about 2021/2022",
            "'about 2021/2022' is not a date: a range such as '2021/2022' already says the date "
            "is somewhere between its two ends; leave out 'about'",
        ),
        (
            "2021-02-30/2021-03",
            "impossible date '2021-02-30': February 2021 has 28 days; write the day as 01 to 28",
        ),
        (
            "unknown 2021",
            "'unknown 2021' is not a date: write 2024, 2024-11, 2024-11-24 or "
            "2024-11-24T21:00, with only 'before', 'after' or 'about' and one space in front "
            "(these English words in every language)",
        ),
    ],
)
def test_a_broken_range_says_what_is_wrong_with_it(written, message):
    with pytest.raises(PydanticCustomError) as raised:
        parse(written)
    assert str(raised.value) == message


def test_a_range_whose_ends_are_one_date_is_that_date():
    assert parse("2021-03/2021-03") == parse("2021-03")


def test_on_one_day_timed_events_come_first_in_time_order_then_the_day_only_ones():
    written = [
        "2024-11-25T00:10",
        "2024-11-24",
        "2024-11-24T21:00",
        "before 2024-11-24",
        "2024-11-24T08:30",
        "2024-11",
        "unknown",
    ]
    assert [d.written() for d in sorted(parse(w) for w in written)] == [
        "2024-11",
        "before 2024-11-24",
        "2024-11-24T08:30",
        "2024-11-24T21:00",
        "2024-11-24",
        "2024-11-25T00:10",
        "unknown",
    ]


# --- Readers' words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "english", "romanian"),
    [
        ("2021-03/2021-06", "between March and June 2021", "între martie și iunie 2021"),
        ("2021-03-03/2021-03-07", "between 3 and 7 March 2021", "între 3 și 7 martie 2021"),
        (
            "2021-02-27/2021-03-07",
            "between 27 February and 7 March 2021",
            "între 27 februarie și 7 martie 2021",
        ),
        (
            "2020-11/2021-02",
            "between November 2020 and February 2021",
            "între noiembrie 2020 și februarie 2021",
        ),
        ("2019/2021", "between 2019 and 2021", "între 2019 și 2021"),
        ("unknown", "date not known", "dată necunoscută"),
    ],
)
def test_a_range_and_an_unknown_date_read_naturally_in_each_language(written, english, romanian):
    assert (EN.date(parse(written)), RO.date(parse(written))) == (english, romanian)


# --- CSV cells -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("2021-03/2021-06", "2021-03/2021-06"),
        ("about 2010", "about 2010"),
        ("after 2023-10-07", "after 2023-10-07"),
        ("unknown", "unknown"),
        ("2024-11", "2024-11"),
    ],
)
def test_a_csv_date_cell_takes_every_form_a_date_takes(raw, written):
    assert parse_cell(raw, "date").written() == written


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("2021-06/2021-03", "is not a date: it ends (2021-03) before it starts (2021-06)"),
        ("circa 2010", "is not a date"),
        ("2024-13", "is an impossible date: there is no month 13"),
    ],
)
def test_a_broken_csv_date_cell_says_why(raw, why):
    with pytest.raises(CellError) as raised:
        parse_cell(raw, "date")
    assert raised.value.reason.startswith(why)


# --- A story with every uncertain form, built -----------------------------------------------

STORY = {
    "story.yml": """\
story:
  title: {en: The Example Harbour, ro: Portul Exemplu}
  dek: {en: A fictional case about uncertain dates., ro: Un caz fictiv despre date nesigure.}
  authors: [Test Reporter]
  published: 2024-11-24
  status: published
  languages: [en, ro]
""",
    "sources.yml": """\
sources:
  - id: harbour-log
    title: Harbour log
    publisher: Example Harbour Authority
    url: https://example.org/log.pdf
    kind: primary-document
    language: en
  - id: harbour-gazette
    title: The harbour story
    publisher: The Example Gazette
    url: https://example.org/gazette
    kind: news-report
    language: en
""",
    "actors.yml": """\
actors:
  - id: harbour-authority
    name: Example Harbour Authority
    kind: agency
    role: {en: A fictional port authority., ro: O autoritate portuară fictivă.}
""",
    "claims.yml": """\
claims:
  - id: cranes-sold
    statement: {en: The authority sold two cranes., ro: Autoritatea a vândut două macarale.}
    status: confirmed
    date: 2021-03/2021-06
    other_dates:
      - date: 2021-09
        sources: [harbour-gazette]
        note: {en: the date of the invoice, ro: data facturii}
    sources: [harbour-log, harbour-gazette]
""",
    "events.yml": """\
events:
  - id: day-only
    date: 2024-11-24
    title: {en: Turnout was low all day, ro: Prezența a fost scăzută toată ziua}
    group: harbour
    sources: [harbour-log]
  - id: polls-close
    date: 2024-11-24T21:00
    title: {en: The polls close, ro: Se închid urnele}
    group: harbour
    sources: [harbour-log]
  - id: polls-open
    date: 2024-11-24T07:00
    title: {en: The polls open, ro: Se deschid urnele}
    group: harbour
    actors: [harbour-authority]
    sources: [harbour-log]
  - id: cranes-leave
    date: 2021-03/2021-06
    title: {en: The cranes leave the harbour, ro: Macaralele părăsesc portul}
    group: harbour
    other_dates:
      - date: 2021-09
        sources: [harbour-gazette]
    sources: [harbour-log]
  - id: first-meeting
    date: unknown
    title:
      en: The buyers first meet the authority
      ro: Cumpărătorii se întâlnesc prima dată cu autoritatea
    group: harbour
    sources: [harbour-gazette]
""",
    "datasets.yml": """\
datasets:
  - id: tonnage
    file: data/tonnage.csv
    title: {en: Tonnage by period, ro: Tonaj pe perioade}
    description: {en: Fictional tonnage., ro: Tonaj fictiv.}
    columns:
      - name: period
        type: date
        label: {en: Period, ro: Perioadă}
      - name: tonnes
        type: number
        label: {en: Tonnes, ro: Tone}
    sources: [harbour-log]
""",
    "data/tonnage.csv": """\
period,tonnes
2016,120
2017-03,150
2017-09-14,180
2018,260
about 2019,240
2020-01/2020-06,300
2020-11-02,310
2021-05,280
""",
    "charts.yml": """\
charts:
  - id: tonnage-line
    type: line
    dataset: tonnage
    x: period
    y: tonnes
    title: {en: Tonnage, ro: Tonaj}
    description: {en: Fictional tonnage by period., ro: Tonaj fictiv pe perioade.}
    sources: [harbour-log]
  - id: when
    type: timeline
    derived_from: events
    title: {en: When, ro: Când}
    description: {en: Fictional events., ro: Evenimente fictive.}
""",
}


def harbour_story(folder: Path) -> Path:
    for name, text in STORY.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def harbour(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("content") / "example-harbour"
    folder.mkdir()
    return harbour_story(folder)


@pytest.fixture(scope="module")
def loaded(harbour):
    investigation, diagnostics = load_investigation(harbour)
    assert diagnostics == []
    return investigation


def test_the_story_validates_strictly(harbour, validate):
    assert validate(harbour, strict=True).lines == []


def test_an_other_date_must_cite_sources_that_exist(harbour, tmp_path, validate):
    copy = tmp_path / "example-harbour"
    shutil.copytree(harbour, copy)
    events = copy / "events.yml"
    events.write_text(
        events.read_text("utf-8").replace(
            "      - date: 2021-09\n        sources: [harbour-gazette]",
            "      - date: 2021-09\n        sources: [harbour-gazete]",
        ),
        "utf-8",
    )
    assert validate(copy).lines == [
        "events.yml:24:19: event 'cranes-leave' refers to unknown source 'harbour-gazete' "
        "(did you mean 'harbour-gazette'?)"
    ]


# --- The line chart --------------------------------------------------------------------------


def _line_chart(investigation, language="en"):
    chart = next(c for c in investigation.charts if c.id == "tonnage-line")
    return build_chart(chart, investigation, EN if language == "en" else RO)


def test_no_value_sits_on_the_first_of_a_period_its_source_does_not_give(loaded):
    figure = _line_chart(loaded).figure
    (line,) = [t for t in figure.data if t.mode == "lines+markers"]
    assert list(line.x) == [
        "2016-07-02",  # 2016: the middle of the (leap) year
        "2017-03-16 12:00",  # 2017-03
        "2017-09-14",  # an exact day stays on its day
        "2018-07-02 12:00",  # 2018
        "2019-07-02 12:00",  # about 2019: the middle of the year it is about
        "2020-04-01",  # 2020-01/2020-06: the middle of its 182 days
        "2020-11-02",
        "2021-05-16 12:00",
    ]
    assert not any(x.endswith("-01-01") for x in line.x)
    # in words on hover, in the page's language
    assert list(_line_chart(loaded, "ro").figure.data[1].customdata)[4] == "în jurul anului 2019"


def test_a_period_is_drawn_across_it_and_the_legend_says_so(loaded):
    figure = _line_chart(loaded).figure
    span = figure.data[0]
    assert (span.mode, span.hoverinfo, span.showlegend) == ("lines", "skip", False)
    pairs = [tuple(span.x[i : i + 2]) for i in range(0, len(span.x), 3)]
    assert pairs == [
        ("2016-01-01", "2017-01-01"),
        ("2017-03-01", "2017-04-01"),
        ("2018-01-01", "2019-01-01"),
        ("2019-01-01", "2020-01-01"),
        ("2020-01-01", "2020-07-01"),
        ("2021-05-01", "2021-06-01"),
    ]
    key = figure.data[-1]
    assert (key.name, key.showlegend) == ("Bar: date known only as a period", True)
    assert figure.layout.showlegend is True
    ro_key = _line_chart(loaded, "ro").figure.data[-1]
    assert ro_key.name == "Bară: dată cunoscută doar ca perioadă"


def test_the_date_axis_names_months_in_the_page_s_language_and_ticks_every_year(loaded):
    figure = _line_chart(loaded, "ro").figure
    assert figure.layout.meta["language"] == "ro"
    assert figure.layout.meta["shortMonths"][:3] == ["ian", "feb", "mar"]
    # six years: a tick each year at every width, 375 px included
    assert (figure.layout.xaxis.dtick, figure.layout.xaxis.tick0) == ("M12", "2000-01-01")


def _picture(figure, width: int) -> ElementTree.Element:
    return Picture(figure.to_plotly_json(), width, RO["months"]).draw()


def test_the_picture_draws_the_spans_under_a_translucent_layer_and_a_tick_each_year(loaded):
    figure = _line_chart(loaded).figure
    for width in (360, 690):
        svg = _picture(figure, width)
        translucent = [g for g in svg.iter("g") if g.get("opacity") == "0.35"]
        # six spans (one polyline each) and the legend's swatch
        assert sum(len(list(g.iter("polyline"))) for g in translucent) == 7
        labels = [t.text for t in svg.iter("text")]
        assert [y for y in labels if y and y.isdigit() and len(y) == 4] == [
            "2016", "2017", "2018", "2019", "2020", "2021"
        ]  # fmt: skip
        assert "Bar: date known only as a period" in labels


def test_an_unknown_date_in_a_line_chart_is_refused_at_its_cell(harbour, tmp_path, validate):
    copy = tmp_path / "example-harbour"
    shutil.copytree(harbour, copy)
    data = copy / "data" / "tonnage.csv"
    data.write_text(data.read_text("utf-8") + "unknown,100\n", "utf-8")
    assert validate(copy).lines == [
        "data/tonnage.csv:10:1: 'unknown' in column 'period', which chart 'tonnage-line' draws "
        "as its dates: a line cannot place a value whose date is not known (give the range of "
        "dates the sources allow, such as 2019/2021, or leave the row out of the chart's "
        "dataset)"
    ]


def test_a_blank_date_cell_is_still_refused_with_its_path_and_line(harbour, tmp_path, validate):
    copy = tmp_path / "example-harbour"
    shutil.copytree(harbour, copy)
    data = copy / "data" / "tonnage.csv"
    data.write_text(data.read_text("utf-8") + ",100\n", "utf-8")
    (line,) = validate(copy).lines
    assert line.startswith("data/tonnage.csv:10:1: blank cell in column 'period'")


# --- The site --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory, harbour) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"), harbour.parent)
    target = project / "site"
    result = build(project, target)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def _entries(page: Path) -> list[tuple[str, str]]:
    """(heading, text) of each entry, with the h2 heading it is under."""
    document = soup(page)
    found, heading = [], ""
    for element in document.select("article.md-content__inner h2, article.entry"):
        if element.name == "h2":
            heading = element.get_text(" ").replace("¶", "").strip()
        else:
            found.append((heading, " ".join(element.get_text(" ").split())))
    return found


@pytest.mark.parametrize(
    ("root", "unknown", "titles", "between", "differ"),
    [
        (
            "",
            "Date not known",
            ["The polls open", "The polls close", "Turnout was low all day"],
            "between March and June 2021",
            "Sources differ on the date: September 2021 ( The Example Gazette",
        ),
        (
            "ro/",
            "Dată necunoscută",
            ["Se deschid urnele", "Se închid urnele", "Prezența a fost scăzută toată ziua"],
            "între martie și iunie 2021",
            "Sursele diferă în privința datei: septembrie 2021 ( The Example Gazette",
        ),
    ],
)
def test_the_timeline_page_orders_one_day_lists_unknown_dates_apart_and_shows_other_dates(
    site, root, unknown, titles, between, differ
):
    entries = _entries(site / root / "example-harbour" / "timeline" / "index.html")
    day = [text for _, text in entries if "2024" in text]
    assert [next(t for t in titles if text.startswith(t)) for text in day] == titles
    headings = [heading for heading, _ in entries]
    assert headings[-1] == unknown and headings.count(unknown) == 1
    assert entries[-1][1].startswith(("The buyers first meet", "Cumpărătorii"))
    cranes = next(text for _, text in entries if between in text)
    assert differ in cranes


def test_an_unknown_date_has_no_time_element_and_a_range_its_shared_year(site):
    document = soup(site / "example-harbour" / "timeline" / "index.html")
    assert document.find(id="event-first-meeting").find("time") is None
    assert document.find(id="event-cranes-leave").find("time")["datetime"] == "2021"


def test_the_timeline_chart_leaves_the_unknown_event_out(site):
    data = json.loads((site / "example-harbour" / "charts" / "when.json").read_text("utf-8"))
    drawn = json.dumps(data["data"])
    assert "first-meeting" not in drawn and "cranes-leave" in drawn


@pytest.mark.parametrize(
    ("root", "date", "differ"),
    [
        ("", "between March and June 2021", "Sources differ on the date: September 2021"),
        ("ro/", "între martie și iunie 2021", "Sursele diferă în privința datei: septembrie 2021"),
    ],
)
def test_a_claim_shows_its_date_and_the_date_other_sources_give(site, root, date, differ):
    document = soup(site / root / "example-harbour" / "claims" / "index.html")
    text = " ".join(document.find(id="claim-cranes-sold").get_text(" ").split())
    assert date in text and differ in text
    link = document.find(id="claim-cranes-sold").select_one(".entry__other-dates a")
    assert link is not None and "sources" in link["href"]


def test_the_json_download_keeps_each_date_as_written(site):
    data = json.loads((site / "example-harbour" / "data" / "example-harbour.json").read_text())
    events = {e["id"]: e for e in data["events"]}
    assert events["first-meeting"]["date"] == "unknown"
    assert events["cranes-leave"]["date"] == "2021-03/2021-06"
    assert events["cranes-leave"]["other_dates"][0]["date"] == "2021-09"
    (claim,) = data["claims"]
    assert claim["date"] == "2021-03/2021-06"
