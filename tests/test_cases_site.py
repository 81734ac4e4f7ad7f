"""Legal proceedings as readers see them, in the built site of a small fictional story.

The story is a copy of riverton-ferry (English and Romanian) with a fictional case added
(tests/fixtures/cases/): two defendants charged and tried; one convicted, who appeals and is
acquitted by a final judgment; the other still on trial.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.sitetools import FIXTURE_STORIES, build, copy_project, resolve_link, soup

CASES = Path(__file__).resolve().parent / "fixtures" / "cases"
STORY = "riverton-ferry"
WITHOUT_CASES = Path(__file__).resolve().parent / "fixtures" / "valid" / "demo-case"
PRESUMPTION = {
    "en": "Presumed innocent until proven guilty by a final judgment.",
    "ro": "Prezumția de nevinovăție se aplică până la rămânerea definitivă a unei hotărâri de "
    "condamnare.",
}


def story_with_a_case(content: Path) -> Path:
    """riverton-ferry plus the fictional case, its two defendants, its source and a timeline."""
    folder = content / STORY
    shutil.copytree(FIXTURE_STORIES / STORY, folder)
    for name in ("actors", "sources", "charts"):
        added = (CASES / f"{name}.add.yml").read_text(encoding="utf-8")
        with (folder / f"{name}.yml").open("a", encoding="utf-8") as file:
            file.write(added)
    shutil.copy(CASES / "cases.yml", folder / "cases.yml")
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cases")
    content = root / "content-in"
    story_with_a_case(content)
    shutil.copytree(WITHOUT_CASES, content / WITHOUT_CASES.name)
    project = copy_project(root / "project", content)
    run = build(project, root / "site", "--strict")
    assert run.returncode == 0, run.stdout + run.stderr
    return root / "site"


def page(site: Path, language: str, name: str):
    prefix = "" if language == "en" else f"{language}/"
    return soup(site / f"{prefix}{STORY}/{name}/index.html")


def entry(document, anchor: str):
    found = document.find(id=anchor)
    assert found is not None, anchor
    return found


def test_the_case_page_lists_court_reference_parties_charges_and_dated_sourced_stages(site):
    document = page(site, "en", "cases")
    case = entry(document, "case-state-v-ferry-managers")
    text = case.get_text(" ", strip=True)
    assert "The state against the ferry managers" in case.find("h2").get_text()
    assert "Court or authority: Riverton District Court" in text
    assert "Case number: 12/345/2025" in text
    parties = [item.get_text(" ", strip=True) for item in case.find_all("li")]
    assert parties[0].startswith("Dana Example , defendant")
    assert "Charges: Embezzlement of port funds" in parties[0]
    assert "Legal standing: Acquitted by a final judgment (12 December 2025)" in parties[0]
    assert "Charges: Forgery of invoices; Money laundering" in parties[1]
    assert "Legal standing: On trial (2 June 2025)" in parties[1]
    assert "Legal standing" not in parties[2]  # the prosecutor has none
    stages = [s.get_text(" ", strip=True) for s in case.select(".case-stage__title")]
    assert stages == [
        "10 April 2025 : Investigation opened",
        "May 2025 : Charged",
        "2 June 2025 : Trial opened",
        "15 September 2025 : Verdict: convicted (concerns: Dana Example )",
        "1 October 2025 : Appeal (concerns: Dana Example )",
        "12 December 2025 : Final judgment: acquitted (concerns: Dana Example )",
    ]
    assert [t["datetime"] for t in case.select(".case-stage__title time")][:2] == [
        "2025-04-10",
        "2025-05",
    ]
    for stage in case.select(".case-stage"):
        cited = stage.select_one(".case-stage__sources a")
        assert cited.get_text() == "Riverton District Court: Case file 12/345/2025"
    # someone is still on trial: the case says who is presumed innocent
    assert "presumed innocent" in case.select_one(".presumption").get_text()


def test_a_case_mentioned_in_prose_links_to_its_entry(site):
    cases = site / STORY / "cases" / "index.html"
    review = entry(soup(cases), "case-ferry-licence-review")
    mention = review.select_one("a.mention--case")
    assert mention.get_text() == "The state against the ferry managers"
    target, fragment = resolve_link(site, cases, mention["href"])
    assert (target, fragment) == (cases, "case-state-v-ferry-managers")


def test_parties_link_to_their_who_is_who_entries(site):
    cases = site / STORY / "cases" / "index.html"
    case = entry(soup(cases), "case-state-v-ferry-managers")
    link = case.find("a", string="Ion Sample")
    target, fragment = resolve_link(site, cases, link["href"])
    assert target == site / STORY / "actors" / "index.html"
    assert fragment == "actor-ion-sample"


@pytest.mark.parametrize("language", ["en", "ro"])
def test_who_is_who_shows_the_standing_and_the_presumption_while_not_finally_decided(
    site, language
):
    document = page(site, language, "actors")
    on_trial = entry(document, "actor-ion-sample")
    acquitted = entry(document, "actor-dana-example")
    standing = on_trial.select_one(".entry__standing").get_text(" ", strip=True)
    if language == "en":
        assert standing == (
            "Legal standing: On trial since 2 June 2025, in The state against the ferry managers"
        )
    else:
        assert standing == (
            "Situația juridică: În curs de judecată din 2 iunie 2025, în Statul împotriva "
            "administratorilor feribotului"
        )
    assert on_trial.select_one(".presumption").get_text() == PRESUMPTION[language]
    # acquitted by a final judgment: the standing says so, and nothing is left to presume
    final = acquitted.select_one(".entry__standing").get_text(" ", strip=True)
    assert ("Acquitted by a final judgment" if language == "en" else "Achitare definitivă") in final
    assert acquitted.select_one(".presumption") is None
    # a standing reached at a stage the sources give no date for says no "since"
    dropped = entry(document, "actor-example-ferries").select_one(".entry__standing")
    expected = {
        "en": "Legal standing: Charges dropped, in The ferry licence review",
        "ro": "Situația juridică: Renunțare la acuzații, în Revizuirea licenței feribotului",
    }
    assert dropped.get_text(" ", strip=True).replace(" ,", ",") == expected[language]
    # the standing links to the case's entry on the Legal proceedings page
    href = on_trial.select_one(".entry__standing a")["href"]
    assert href.endswith("cases/#case-state-v-ferry-managers")


def test_the_case_page_is_in_the_menu_in_each_language(site):
    for language, name in (("en", "Legal proceedings"), ("ro", "Proceduri judiciare")):
        document = page(site, language, "cases")
        assert name in [a.get_text(strip=True) for a in document.select("nav a")]
        assert document.find("h1").get_text(strip=True).startswith(name)


def test_the_overview_lists_the_legal_proceedings_page_only_where_there_are_cases(site):
    sections = page(site, "en", ".").select_one(".overview-sections")
    assert "Legal proceedings" in [a.get_text(strip=True) for a in sections.find_all("a")]
    other = soup(site / WITHOUT_CASES.name / "index.html").select_one(".overview-sections")
    names = [a.get_text(strip=True) for a in other.find_all("a")]
    assert "Who's who" in names and "Legal proceedings" not in names


def test_a_story_without_cases_has_no_legal_proceedings_page(site):
    other = site / WITHOUT_CASES.name
    assert (other / "actors" / "index.html").exists()
    assert not (other / "cases").exists()
    timeline = soup(other / "timeline" / "index.html")
    menu = [a["href"] for a in timeline.select("nav a") if a.get("href")]
    assert not any("demo-case/cases" in href for href in menu)
    assert any("riverton-ferry/cases" in href for href in menu)  # the other story's is there
    assert timeline.find("h2", id="court-proceedings") is None


def test_the_stages_are_on_the_timeline_page_and_chart(site):
    document = page(site, "en", "timeline")
    heading = document.find("h2", id="court-proceedings")
    assert heading is not None
    items = [li.get_text(" ", strip=True) for li in heading.find_next("ul").find_all("li")]
    assert items[0] == (
        "between 10 and 20 March 2025 : Investigation opened , The ferry licence review"
    )
    assert items[4] == (
        "15 September 2025 : Verdict: convicted , The state against the ferry managers"
    )
    assert items[-1] == "date not known : Charges dropped , The ferry licence review"
    assert len(items) == 8
    table = (site / STORY / "charts" / "ferry-chronology.csv").read_text(encoding="utf-8")
    last = "2025-12-12,,Courts,Final judgment: acquitted (The state against the ferry managers),"
    assert last in table.splitlines()
    figure = json.loads((site / STORY / "charts" / "ferry-chronology.json").read_text("utf-8"))
    court = [trace for trace in figure["data"] if trace.get("name") == "Court stage"]
    assert [trace.get("showlegend") for trace in court] == [True, False]  # one legend entry
    period, days = court
    # 'Charged' is known only to the month: a bar across May, never a point on 1 May; a range
    # of days a bar across them; a stage without a date is not drawn
    assert period["type"] == "bar" and period["base"] == ["2025-03-10", "2025-05-01"]
    assert period["x"] == [11 * 86_400_000, 31 * 86_400_000]
    assert len(days["x"]) == 5 and days["marker"]["symbol"] == "square"
    links = period["customdata"][1:] + days["customdata"]
    assert all(link.endswith("cases/#case-state-v-ferry-managers") for link in links)
    assert period["customdata"][0].endswith("cases/#case-ferry-licence-review")
    lanes = [note["text"] for note in figure["layout"]["annotations"]]
    assert lanes[-1] == "Courts"  # the stages' own lane, below the story's
    # the chart's source line names what the stages rest on, as it does for the events
    source_line = document.select_one(".chart__source").get_text(" ", strip=True)
    assert "Riverton District Court" in source_line


def test_the_json_download_holds_the_case_and_its_stages(site):
    data = json.loads((site / STORY / "data" / f"{STORY}.json").read_text(encoding="utf-8"))
    case, review = data["cases"]
    assert review["stages"][-1]["date"] == "unknown"
    assert case["reference"] == "12/345/2025"
    assert [stage["stage"] for stage in case["stages"]][-1] == "final-judgment"
    assert case["stages"][-1]["outcome"] == "acquitted"
    assert case["stages"][1]["date"] == "2025-05"


def test_the_case_is_cited_by_its_sources_entry(site):
    document = page(site, "en", "sources")
    source = entry(document, "source-court-record-2025")
    assert "The state against the ferry managers" in source.get_text(" ", strip=True)


def test_the_followthemoney_export_has_the_court_case_and_its_parties(site):
    path = site / STORY / "data" / f"{STORY}.ftm.json"
    entities = {e["id"]: e for e in map(json.loads, path.read_text("utf-8").splitlines())}
    court_case = entities[f"{STORY}-case-state-v-ferry-managers"]
    assert court_case["schema"] == "CourtCase"
    properties = court_case["properties"]
    assert properties["court"] == ["Riverton District Court"]
    assert properties["caseNumber"] == ["12/345/2025"]
    assert properties["fileDate"] == ["2025-04-10"]
    assert "closeDate" not in properties  # one defendant is still on trial
    on_trial = entities[f"{STORY}-case-state-v-ferry-managers-ion-sample"]
    assert on_trial["schema"] == "CourtCaseParty"
    assert on_trial["properties"]["case"] == [court_case["id"]]
    assert on_trial["properties"]["party"] == [f"{STORY}-ion-sample"]
    assert on_trial["properties"]["status"] == ["On trial"]
    assert on_trial["properties"]["description"] == ["Forgery of invoices; Money laundering"]
