"""The fictional corporate-fraud story (tests/fixtures/stories/veltro-payments), built beside the
other stories in the session's site: a listed payments company, its auditors, a regulator,
prosecutors, banks and intermediaries over 25 years, in English and Romanian.

It is the story that asks the most of the model (sources of every kind, claims of every status,
amounts in two currencies, a long timeline); these tests read what a reader of it sees.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from generator.pipeline import load_and_check
from tests.sitetools import FIXTURE_STORIES, soup

STORY = "veltro-payments"
FOLDER = FIXTURE_STORIES / STORY
LANGUAGES = ("", "ro")  # the site's root is English, Romanian lives under ro/


def page(site: Path, section: str, language: str = "") -> Path:
    """A section page of the story in ``language`` ('' for the default, English)."""
    root = site / language / STORY if language else site / STORY
    return root / section / "index.html" if section else root / "index.html"


@pytest.fixture(scope="module")
def investigation():
    result = load_and_check(FOLDER, strict=True)
    assert not result.diagnostics, "\n".join(str(d) for d in result.diagnostics)
    (loaded,) = result.investigations
    return loaded


def test_the_story_passes_strict_validation_and_says_it_is_fictional(investigation):
    story = investigation.story
    assert story.languages == ["en", "ro"]
    assert "fictional test story" in story.dek["en"]
    assert "poveste fictivă, de test" in story.dek["ro"]
    assert "fictional test story" in story.methodology["en"]
    for source in investigation.sources:
        assert ".example." in source.url, source.url  # example addresses only, never an outlet's


def test_it_is_built_in_both_languages(stories_site):
    for language in LANGUAGES:
        for section in ("", "claims", "sources", "timeline", "actors", "data", "what-happened"):
            assert page(stories_site, section, language).is_file(), (language, section)
    html = soup(page(stories_site, "", "ro"))
    assert html.find("html")["lang"] == "ro"
    assert "banii care n-au existat niciodată" in html.get_text(" ")


def test_claims_of_every_status_are_shown_in_each_language(stories_site, investigation):
    statuses = {claim.status for claim in investigation.claims}
    assert statuses == {
        "confirmed",
        "reported",
        "alleged",
        "disputed",
        "denied",
        "unverified",
        "retracted",
    }
    for language in LANGUAGES:
        html = soup(page(stories_site, "claims", language))
        shown = {node["data-status"] for node in html.select("article.claim[data-status]")}
        assert shown == statuses, language


def test_sources_of_every_kind_are_listed_under_their_kind(stories_site, investigation):
    """A reference work, a republished release, a machine translation and an aggregator's copy
    are listed as what they are, not as news reports."""
    kinds = {source.kind for source in investigation.sources}
    assert {"reference-work", "republished-release", "machine-translation", "aggregator-copy"} <= (
        kinds
    )
    html = soup(page(stories_site, "sources"))
    headings = {h.get_text(strip=True).rstrip("¶"): h for h in html.select("article h2")}
    for heading, entry in [
        ("Reference works", "source-encyclopedia-veltro"),
        ("Releases republished by others", "source-wire-copy-2020-06-22"),
        ("Machine translations", "source-mt-gazeta-2020-07"),
        ("Aggregator copies", "source-aggregator-2019-01"),
    ]:
        listed = headings[heading].find_next("article", class_="source")
        assert listed is not None and listed["id"] == entry, heading


def test_copies_count_as_their_original_publisher(stories_site):
    """The claim citing a newspaper and an aggregator's copy of it is one publisher's report;
    the one citing a Romanian report and its machine translation too."""
    html = soup(page(stories_site, "claims"))
    for claim in ("contracts-forged", "sable-office-closed"):
        entry = html.select_one(f"#claim-{claim}")
        assert entry["data-status"] == "reported", claim
    forged = html.select_one("#claim-contracts-forged").get_text(" ", strip=True)
    assert (
        "The Example Ledger" in forged
        and "Example News Aggregator" not in forged.split("Sources")[0]
    )


def test_the_timeline_spans_twenty_five_years(stories_site, investigation):
    years = sorted(
        year for event in investigation.events if (year := getattr(event.date, "year", None))
    )
    assert years[0] == 2001 and years[-1] >= 2026
    data = json.loads((stories_site / STORY / "charts" / "chronology.json").read_text("utf-8"))
    assert data["data"], "the timeline chart draws nothing"
    html = soup(page(stories_site, "timeline"))
    titles = [a.get_text(" ", strip=True) for a in html.select("article.event h3")]
    assert titles[0].startswith("Marek Ostrand founds Veltro Payments")
    assert any("fourth year" in title for title in titles)


def test_an_event_only_alleged_is_badged_with_who_says_so(stories_site):
    for language, says in [("", "Alleged"), ("ro", "Acuzație")]:
        entry = soup(page(stories_site, "timeline", language)).select_one("#event-brill-leaves")
        status = entry.select_one(".entry__status")
        assert status is not None, language
        text = status.get_text(" ", strip=True)
        assert says in text and ("Prosecutor" in text or "Parchetul" in text), text


def test_each_currency_has_its_own_flow_chart(stories_site):
    """Sums in euros and in dollars cannot be added: each currency is drawn on its own chart."""
    usd = list(csv.DictReader((stories_site / STORY / "charts" / "money-usd.csv").open()))
    eur = list(csv.DictReader((stories_site / STORY / "charts" / "money-eur.csv").open()))
    assert {row["currency"] for row in usd} == {"USD"}
    assert {row["currency"] for row in eur} == {"EUR"}
    assert {row["to"] for row in usd} == {"Orrin Card Services", "Kestrel Merchant Solutions"}


def test_the_line_and_bar_charts_are_drawn_on_the_narrative_page(stories_site):
    for language in LANGUAGES:
        html = soup(page(stories_site, "what-happened", language))
        for chart, kind in [
            ("revenue-by-year", "line"),
            ("share-price-by-month", "line"),
            ("trustee-balances-by-year", "bar"),
            ("money-eur", "flow"),
            ("chronology", "timeline"),
        ]:
            figure = html.select_one(f"figure#chart-{chart}")
            assert figure is not None and f"chart--{kind}" in figure["class"], (language, chart)
