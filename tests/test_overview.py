"""The reader's front door: the overview summarises the story before its detail, narrative pages
say how long they take to read, and a page's source list leads to the originals.

Built with real MkDocs (the session's ``stories_site``: the fictional stories and the shipped
one), read with BeautifulSoup; counts are checked against the content as loaded, not against
other rendered pages.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from generator.pipeline import load_and_check
from tests.sitetools import (
    FIXTURE_STORIES,
    SHIPPED,
    build,
    fixture_project,
    resolve_link,
    soup,
    story_folders,
)

SHIPPED_STORY = "romania-2024"
FICTIONAL = "lakeford-water"  # English only, updated, with a dated correction


def investigation_of(name: str):
    folder = SHIPPED / name if (SHIPPED / name).is_dir() else FIXTURE_STORIES / name
    result = load_and_check(folder)
    return next(inv for inv in result.investigations if inv.slug == name)


def overview(site: Path, story: str, language: str = "") -> Path:
    return site / language / story / "index.html" if language else site / story / "index.html"


@pytest.mark.parametrize(
    ("story", "language", "heading"),
    [
        (SHIPPED_STORY, "", "What the {count} claims"),
        (SHIPPED_STORY, "ro", "Unde se află cele {count} afirmații"),
        (FICTIONAL, "", "What the {count} claims"),
    ],
)
def test_the_status_summary_counts_the_claims_by_status_and_links_to_their_sections(
    stories_site, story, language, heading
):
    claims = investigation_of(story).claims
    expected = {}
    for claim in claims:
        expected[claim.status] = expected.get(claim.status, 0) + 1
    page = overview(stories_site, story, language)
    html = soup(page)
    summary = html.select_one("nav.overview-summary")
    assert summary is not None, "the overview has no status summary"
    assert heading.format(count=len(claims)) in summary.get_text(" ", strip=True)
    shown = {}
    for link in summary.select("a"):
        status = link.select_one(".badge")["class"][1].removeprefix("badge--")
        shown[status] = int(link.strong.get_text())
        target, fragment = resolve_link(stories_site, page, link["href"])
        assert target is not None and target.parent.name == "claims", link["href"]
        section = soup(target).find(id=fragment)
        assert section is not None, f"{link['href']}: no such section on the claims page"
        first = section.find_next("article", class_="claim")
        assert f"claim--{status}" in first["class"], f"{link['href']} leads to {first['class']}"
    assert shown == expected


def test_the_what_changed_box_lists_the_update_and_the_corrections_with_dates(stories_site):
    page = overview(stories_site, FICTIONAL)
    box = soup(page).select_one("aside.overview-changes")
    assert box is not None
    text = box.get_text(" ", strip=True)
    assert text.startswith("What changed")
    assert "2 April 2025 : The explainer was updated." in text
    assert "2 April 2025 : Correction: An earlier version gave the wrong month" in text
    link = box.find("a", string=re.compile("All corrections"))
    target, fragment = resolve_link(stories_site, page, link["href"])
    assert target.parent.name == "methodology" and soup(target).find(id=fragment) is not None


def test_a_story_neither_updated_nor_corrected_has_no_what_changed_box(stories_site):
    story = investigation_of(SHIPPED_STORY).story
    assert story.updated is None and not story.corrections  # what this test relies on
    assert soup(overview(stories_site, SHIPPED_STORY)).select_one(".overview-changes") is None


def test_the_overview_shows_key_events_and_the_timeline_page_keeps_every_event(stories_site):
    investigation = investigation_of(SHIPPED_STORY)
    page = overview(stories_site, SHIPPED_STORY)
    html = soup(page)
    heading = html.find(id="key-events")
    listed = heading.find_next("ul").select("li")
    # no key_events in story.yml: the events the key findings are about, in date order
    claims = {claim.id: claim for claim in investigation.claims}
    about = {e for c in investigation.story.key_findings for e in claims[c].events}
    assert 0 < len(listed) == len(about) < len(investigation.events)
    assert html.select_one(
        "figure.chart--timeline [data-chart-picture], figure.chart--timeline svg"
    )
    more = html.select_one(".overview-more a")
    assert f"all {len(investigation.events)} events" in more.get_text()
    target, _ = resolve_link(stories_site, page, more["href"])
    assert target.parent.name == "timeline"
    on_timeline = {article["id"] for article in soup(target).select("article.event")}
    assert on_timeline == {f"event-{event.id}" for event in investigation.events}


def words_of(markdown: str) -> int:
    """The page's prose words, counted here independently of the generator's own count."""
    body = markdown.split("---", 2)[2]
    body = re.sub(r"\[@[^\]]*\]", " ", body)
    body = re.sub(r"^::\w+\[[^\]]*\]\s*$", " ", body, flags=re.M)
    body = re.sub(r":(actor|claim|event|source)\[([^\]]*)\]", r"\2", body)
    return len(re.findall(r"\w+", body.replace("-", " ")))


@pytest.mark.parametrize(
    ("language", "suffix", "words"), [("", ".md", "min read"), ("ro", ".ro.md", "min de lectură")]
)
def test_narrative_pages_show_their_reading_time_in_their_language(
    stories_site, language, suffix, words
):
    pages = sorted(
        path
        for path in (SHIPPED / SHIPPED_STORY / "pages").glob(f"*{suffix}")
        if suffix == ".ro.md" or not path.name.endswith(".ro.md")
    )
    assert pages
    for source in pages:
        slug = source.name.removesuffix(suffix)
        built = stories_site / language / SHIPPED_STORY / slug / "index.html"
        minutes = max(1, math.ceil(words_of(source.read_text(encoding="utf-8")) / 200))
        shown = soup(built).select_one("article .reading-time").get_text(strip=True)
        assert shown == f"{minutes} {words}", f"{slug}: {shown}"


def test_each_entry_of_a_page_source_list_links_to_the_original_and_its_sources_entry(
    stories_site,
):
    sources = {}
    for name in (folder.name for folder in story_folders(FIXTURE_STORIES, SHIPPED)):
        sources.update({(name, s.id): s for s in investigation_of(name).sources})
    archived = 0
    pages = [p for p in stories_site.rglob("index.html") if soup(p).select(".page-sources li")]
    assert len(pages) > 5
    for page in pages:
        for entry in soup(page).select(".page-sources li"):
            links = entry.select("a")
            target, fragment = resolve_link(stories_site, page, links[-1]["href"])
            assert target is not None and target.parent.name == "sources", links[-1]["href"]
            source = sources[target.parent.parent.name, fragment.removeprefix("source-")]
            assert soup(target).find(id=fragment) is not None
            assert links[0]["href"] == source.url and links[0].get_text() == source.title
            archive = entry.select_one("a.page-sources__archive")
            assert (archive["href"] if archive else None) == source.archive_url
            archived += archive is not None
    assert archived, "no archived copy was linked: the fixture's archived source went uncited"


def test_a_citation_group_is_numbered_in_ascending_order(stories_site):
    groups = 0
    for page in stories_site.rglob("index.html"):
        for group in soup(page).select("sup.citation"):
            numbers = [int(re.match(r"\[(\d+)", a.get_text())[1]) for a in group.select("a")]
            assert numbers == sorted(numbers), f"{page}: {numbers}"
            groups += len(numbers) > 1
    assert groups > 10  # the stories cite several sources at once, in any order


@pytest.fixture(scope="module")
def chosen_events_site(tmp_path_factory) -> Path:
    """The fictional story alone, its editors naming two key events, in reverse date order."""
    work = tmp_path_factory.mktemp("key-events")
    project = fixture_project(work / "project", shipped=False)
    for other in (project / "content").iterdir():
        if other.name != FICTIONAL:
            shutil.rmtree(other)
    story = project / "content" / FICTIONAL / "story.yml"
    text = story.read_text(encoding="utf-8")
    story.write_text(
        text.replace(
            "  key_findings:", "  key_events: [press-reports, contract-vote]\n  key_findings:"
        ),
        encoding="utf-8",
    )
    result = build(project, work / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def test_the_editors_key_events_are_the_ones_shown_in_date_order(chosen_events_site):
    html = soup(chosen_events_site / FICTIONAL / "index.html")
    listed = html.find(id="key-events").find_next("ul").select("li a")
    hrefs = [link["href"].rsplit("#", 1)[1] for link in listed]
    assert hrefs == ["event-contract-vote", "event-press-reports"]


def test_an_unknown_key_event_is_an_error_at_its_place(demo, validate):
    demo.replace(
        "story.yml",
        "  key_findings:",
        "  key_events: [report-published, no-such-event]\n  key_findings:",
    )
    outcome = validate(demo.path)
    errors = [line for line in outcome.lines if "no-such-event" in line]
    assert len(errors) == 1 and "story.yml:" in errors[0] and "key event" in errors[0], errors
