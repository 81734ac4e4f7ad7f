"""Attribution to actors or sources, "sources disagree", untitled sources and quoted words.

The checks are run on the fictional demo case the way an editor meets them (the lines
`validate` prints); what readers see is read from a real build of the same case, in English and
in Romanian.
"""

from __future__ import annotations

import json
import re
import shutil
import typing
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator import evidence
from generator.model import ActorKind
from tests.conftest import VALID_CASE, EditableCase
from tests.sitetools import build, copy_project

ROOT = Path(__file__).resolve().parent.parent

# A second publisher, an untitled one, and a claim whose sources disagree.
MORE_SOURCES = """
  - id: example-times-2024-12-01
    title: Agency paid fewer accounts than reported
    publisher: Example Times
    url: https://times.example.org/2024/12/01/agency
    published: 2024-12-01
    kind: news-report
    language: en
  - id: example-post-untitled
    title_shown: false
    publisher: Example Post
    url: https://post.example.org/agency
    published: 2024-12-03
    kind: news-report
    language: ro
"""
DISAGREEMENT_CLAIM = """
  - id: how-many-accounts
    statement: The agency's payments reached a number of accounts the reports do not agree on.
    status: disputed
    disagreement:
      - source: example-news-2024-11-30
        says: {en: "1,057 accounts", ro: "1.057 de conturi"}
      - source: example-times-2024-12-01
        says: {en: 157 accounts, ro: 157 de conturi}
    sources: [example-news-2024-11-30, example-times-2024-12-01]
  - id: post-says-agency-knew
    statement: The agency knew of the payments, a newspaper wrote.
    status: unverified
    attributed_to: [example-post-untitled]
    sources:
      - id: example-post-untitled
        quote: {en: we knew everything, ro: știam totul}
        quote_language: ro
"""

NETWORK_AND_FLOW = """
  - id: links
    type: network
    derived_from: relations
    title: Who is linked to whom
    description: The agency and the network, linked by an alleged payment.
  - id: money
    type: flow
    derived_from: relations
    currency: USD
    title: The money
    description: The alleged payment from the agency to the network.
"""

SOURCED_EVENT = """
  - id: meeting
    date: 2024-10
    title: {en: The agency meets the network, ro: Agenția se întâlnește cu rețeaua}
    group: agency
    status: unverified
    attributed_to: [example-times-2024-12-01]
    sources: [example-times-2024-12-01]
"""


def add(demo, name: str, text: str) -> None:
    demo.write(name, demo.read(name).rstrip("\n") + "\n" + text.strip("\n") + "\n")


@pytest.fixture
def story(demo):
    """The demo with two more sources and two claims that use source attribution."""
    add(demo, "sources.yml", MORE_SOURCES)
    add(demo, "claims.yml", DISAGREEMENT_CLAIM)
    return demo


def problems(outcome) -> list[str]:
    return [line for line in outcome.lines if "is not cited by anything" not in line]


# --- the checks -------------------------------------------------------------------------------


def test_a_source_and_a_disagreement_need_no_actor(story, validate):
    outcome = validate(story.path, strict=True)
    assert outcome.lines == []
    claims = {claim.id: claim for claim in outcome.investigation.claims}
    assert claims["how-many-accounts"].attributed_to == []
    assert [e.source for e in claims["how-many-accounts"].disagreement] == [
        "example-news-2024-11-30",
        "example-times-2024-12-01",
    ]


def test_an_unknown_attribution_names_neither_and_suggests_either_kind(story, validate):
    story.replace(
        "claims.yml",
        "attributed_to: [example-post-untitled]",
        "attributed_to: [example-post-untitld]",
    )
    story.replace("claims.yml", "attributed_to: [example-agency]", "attributed_to: [example-agncy]")
    lines = problems(validate(story.path))
    assert any(
        "claim 'post-says-agency-knew' is attributed to 'example-post-untitld', which names "
        "neither an actor nor a source (did you mean 'example-post-untitled'?)" in line
        for line in lines
    ), lines
    assert any(
        "claim 'agency-denies' is attributed to 'example-agncy', which names neither an actor "
        "nor a source (did you mean 'example-agency'?)" in line
        for line in lines
    ), lines
    assert len(lines) == 2, lines


def test_an_id_that_is_both_an_actor_and_a_source_is_refused(story, validate):
    story.replace("sources.yml", "- id: example-post-untitled", "- id: test-inspector")
    story.write(
        "claims.yml", story.read("claims.yml").replace("example-post-untitled", "test-inspector")
    )
    lines = problems(validate(story.path))
    both = [line for line in lines if "names both an actor and a source" in line]
    assert len(both) == 3, lines  # two claims and the relation attributed to the inspector
    assert re.search(
        r"rename one of them so that readers are told who makes the statement: the actor is at "
        r"actors\.yml:\d+:\d+, the source at sources\.yml:\d+:\d+",
        both[0],
    )


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("status: disputed\n    disagreement", "status: alleged\n    disagreement"),
            "claim 'how-many-accounts' lists a disagreement but is 'alleged' (sources that "
            "disagree make an item 'disputed'",
        ),
        (
            ("source: example-times-2024-12-01\n", "source: example-news-2024-11-30\n"),
            "claim 'how-many-accounts': a disagreement needs what at least two different "
            "sources say",
        ),
        (
            (
                "sources: [example-news-2024-11-30, example-times-2024-12-01]",
                "sources: [example-news-2024-11-30, example-times-2024-12-01]\n"
                "    attributed_to: []",
            ),
            None,  # an empty list is the same as none: still valid
        ),
        (
            (
                "sources: [example-news-2024-11-30, example-times-2024-12-01]",
                "sources: [example-news-2024-11-30]",
            ),
            "claim 'how-many-accounts': the disagreement quotes source "
            "'example-times-2024-12-01', which the claim does not cite (add "
            "'example-times-2024-12-01' to its 'sources')",
        ),
        (
            ("source: example-times-2024-12-01\n", "source: example-tims-2024-12-01\n"),
            "claim 'how-many-accounts''s disagreement refers to unknown source "
            "'example-tims-2024-12-01' (did you mean 'example-times-2024-12-01'?)",
        ),
    ],
)
def test_a_disagreement_is_checked(story, validate, edit, expected):
    story.replace("claims.yml", *edit)
    lines = problems(validate(story.path))
    if expected is None:
        assert lines == []
    else:
        # an alleged item names who alleges it too: that line may come with this one
        assert any(expected in line for line in lines) and len(lines) <= 2, lines
        assert all(re.match(r"claims\.yml:\d+:\d+: ", line) for line in lines)


def test_a_single_entry_disagreement_is_refused_and_needs_an_actor(story, validate):
    story.replace(
        "claims.yml",
        "      - source: example-times-2024-12-01\n"
        "        says: {en: 157 accounts, ro: 157 de conturi}\n",
        "",
    )
    lines = problems(validate(story.path))
    assert any("a disagreement needs what at least two different sources say" in x for x in lines)
    assert len(lines) == 1, lines


def test_a_disputed_item_without_disagreement_still_names_who_makes_it(story, validate):
    text = story.read("claims.yml")
    start = text.index("    disagreement:")
    end = text.index("    sources: [example-news-2024-11-30, example-times")
    story.write("claims.yml", text[:start] + text[end:])
    lines = problems(validate(story.path))
    assert len(lines) == 1, lines
    assert "claim 'how-many-accounts' is 'disputed' but says nobody alleges it" in lines[0]
    assert "naming who makes the claim that others dispute" in lines[0]
    assert "or leave it out and list what each source says in 'disagreement'" in lines[0]


def test_a_relation_may_be_attributed_to_a_source(story, validate):
    story.replace(
        "relations.yml",
        "attributed_to: [test-inspector]",
        "attributed_to: [example-news-2024-11-30]",
    )
    lines = problems(validate(story.path, strict=True))
    assert not [line for line in lines if "relations.yml" in line], lines


def test_an_untitled_source_leaves_its_title_out(story, validate):
    story.replace(
        "sources.yml", "    title_shown: false\n", "    title_shown: false\n    title: Invented\n"
    )
    lines = problems(validate(story.path))
    assert len(lines) == 1, lines
    assert "source 'example-post-untitled' says its title is not shown but gives one" in lines[0]
    assert re.match(r"sources\.yml:\d+:\d+: ", lines[0])


def test_a_source_without_a_title_must_say_so(story, validate):
    story.replace("sources.yml", "    title_shown: false\n", "")
    lines = problems(validate(story.path))
    assert len(lines) == 1, lines
    assert "source 'example-post-untitled' has no title (add 'title:' as published, or " in lines[0]


def test_a_quote_language_goes_with_a_quote(story, validate):
    story.replace("claims.yml", "        quote: {en: we knew everything, ro: știam totul}\n", "")
    lines = problems(validate(story.path))
    assert len(lines) == 1, lines
    assert (
        "claim 'post-says-agency-knew': citation of 'example-post-untitled' gives "
        "'quote_language' but no 'quote'" in lines[0]
    )


def test_company_is_an_actor_kind(demo, validate):
    assert "company" in typing.get_args(ActorKind)
    demo.replace("actors.yml", "    kind: agency\n", "    kind: company\n")
    assert validate(demo.path, strict=True).lines == []


def test_who_attributed_to_names_is_said_once_for_every_status():
    """The hints and the guide's table use evidence.ATTRIBUTED_TO's words, status by status."""
    assert list(evidence.ATTRIBUTED_TO) == list(evidence.STATUS_ORDER)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status, names in evidence.ATTRIBUTED_TO.items():
        row = f"| `{status}` | {names} |"
        assert row in readme, row
    for status in evidence.NAMES_ACTORS:
        assert evidence.ATTRIBUTED_TO[status] in evidence.attribution_hint(status)
    assert evidence.needs_attribution("disputed", has_disagreement=True) is False
    assert evidence.needs_attribution("denied", has_disagreement=True) is True
    assert evidence.needs_attribution("reported", has_disagreement=False) is False


# --- what readers see -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The story built once in English and Romanian, the relation attributed to a source, the
    agency a company."""
    tmp_path = tmp_path_factory.mktemp("attribution")
    story = EditableCase(tmp_path / "demo-case")
    shutil.copytree(VALID_CASE, story.path)
    add(story, "sources.yml", MORE_SOURCES)
    add(story, "claims.yml", DISAGREEMENT_CLAIM)
    story.replace(
        "relations.yml",
        "attributed_to: [test-inspector]",
        "attributed_to: [example-news-2024-11-30]",
    )
    story.replace("actors.yml", "    kind: agency\n", "    kind: company\n")
    add(story, "charts.yml", NETWORK_AND_FLOW)
    add(story, "events.yml", SOURCED_EVENT)
    story.replace(
        "pages/overview.md",
        "::claim[agency-paid-network]\n",
        "::claim[agency-paid-network]\n\n::claim[post-says-agency-knew]\n\n::claim[how-many-accounts]\n",
    )
    story.replace(
        "story.yml", "  status: published\n", "  status: published\n  languages: [en, ro]\n"
    )
    shutil.copytree(story.path, tmp_path / "content" / "demo-case")
    project = copy_project(tmp_path / "project", content=tmp_path / "content")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_readers_see_sources_as_according_to_their_publisher(built):
    claims = page(built, "demo-case/claims")
    status = claims.find(id="claim-post-says-agency-knew").find(class_="entry__status")
    assert words(status) == "Unverified according to Example Post"
    (link,) = status.find_all("a")
    assert link["href"].endswith("sources/#source-example-post-untitled")
    ro = page(built, "ro/demo-case/claims")
    status = ro.find(id="claim-post-says-agency-knew").find(class_="entry__status")
    assert words(status).endswith("potrivit Example Post")
    # the filter by who says so offers actors only: a publisher is not a voice among them
    assert not claims.find(attrs={"data-filter-actor": "example-post-untitled"})


def test_readers_see_where_sources_disagree_in_each_language(built):
    claims = page(built, "demo-case/claims")
    entry = claims.find(id="claim-how-many-accounts")
    line = entry.find(class_="disagreement")
    assert (
        words(line)
        == "Sources disagree: Example News : 1,057 accounts; Example Times : 157 accounts"
    )
    hrefs = [a["href"].rpartition("#")[2] for a in line.find_all("a")]
    assert hrefs == ["source-example-news-2024-11-30", "source-example-times-2024-12-01"]
    assert "badge--disputed" in entry.find(class_="badge")["class"]
    ro = page(built, "ro/demo-case/claims").find(id="claim-how-many-accounts")
    assert words(ro.find(class_="disagreement")).startswith(
        "Sursele se contrazic: Example News : 1.057 de conturi"
    )


def test_a_relation_attributed_to_a_source_on_whos_who_and_in_the_download(built):
    actors = page(built, "demo-case/actors")
    status = actors.find(id="relation-agency-pays-network").find(class_="entry__status")
    assert words(status) == "Alleged according to Example News"
    assert status.find("a")["href"].endswith("#source-example-news-2024-11-30")
    data = json.loads((built / "demo-case/data/demo-case.json").read_text(encoding="utf-8"))
    (relation,) = data["relations"]
    assert relation["attributed_to"] == ["example-news-2024-11-30"]
    claim = next(c for c in data["claims"] if c["id"] == "how-many-accounts")
    assert claim["disagreement"][0]["source"] == "example-news-2024-11-30"


def test_companies_have_their_own_group_on_whos_who(built):
    headings = [words(h).rstrip("¶ ") for h in page(built, "demo-case/actors").find_all("h2")]
    assert "Companies" in headings
    ro = [words(h).rstrip("¶ ") for h in page(built, "ro/demo-case/actors").find_all("h2")]
    assert "Companii" in ro


def test_an_untitled_source_shows_publisher_and_date(built):
    sources = page(built, "demo-case/sources")
    entry = sources.find(id="source-example-post-untitled")
    assert words(entry).startswith("Example Post : (untitled) (3 December 2024)")
    ro = page(built, "ro/demo-case/sources").find(id="source-example-post-untitled")
    assert words(ro).startswith("Example Post : (fără titlu) (3 decembrie 2024)")
    claims = page(built, "demo-case/claims")
    line = claims.find(id="claim-post-says-agency-knew").find("details")
    assert "Example Post (untitled)" in words(line)


def test_a_quote_says_what_language_it_was_translated_from(built):
    entry = page(built, "demo-case/claims").find(id="claim-post-says-agency-knew")
    assert (
        words(entry.find(class_="citation-quote"))
        == "“we knew everything” (translated from Romanian)"
    )
    ro = page(built, "ro/demo-case/claims").find(id="claim-post-says-agency-knew")
    assert words(ro.find(class_="citation-quote")) == "„știam totul”"


def test_chart_tables_and_embedded_claims_name_a_source_as_according_to(built):
    actors = page(built, "demo-case/actors")
    cells = [words(cell) for cell in actors.select("table td")]
    assert "according to Example News" in cells, cells
    overview = page(built, "demo-case/overview")
    texts = [
        words(card.select_one(".claim-card__status")) for card in overview.select(".claim-card")
    ]
    assert "Unverified according to Example Post" in texts, texts
    disagreement = overview.select_one(".claim-card__disagreement")
    assert words(disagreement) == (
        "Sources disagree: Example News: 1,057 accounts; Example Times: 157 accounts"
    )
    ro = page(built, "ro/demo-case/overview")
    texts = [words(card.select_one(".claim-card__status")) for card in ro.select(".claim-card")]
    assert any(text.endswith("potrivit Example Post") for text in texts), texts


def test_an_event_may_be_attributed_to_a_source(story, validate, built):
    add(story, "events.yml", SOURCED_EVENT)
    assert problems(validate(story.path, strict=True)) == []
    story.replace(
        "events.yml", "[example-times-2024-12-01]\n    sources", "[example-tims]\n    sources"
    )
    (line,) = problems(validate(story.path))
    assert "event 'meeting' is attributed to 'example-tims', which names neither" in line
    entry = page(built, "demo-case/timeline").find(id="event-meeting")
    assert words(entry.find(class_="entry__status")) == "Unverified according to Example Times"
