"""The fictional corporate-fraud story (tests/fixtures/stories/veltro-payments), built beside the
other stories in the session's site: a listed payments company, its auditors, a regulator,
prosecutors, banks and intermediaries over 25 years, in English and Romanian.

It is the story that asks the most of the model (sources of every kind, claims of every status,
amounts in two currencies, a long timeline); these tests read what a reader of it sees.
"""

from __future__ import annotations

import csv
import json
from itertools import pairwise
from pathlib import Path
from typing import get_args

import pytest

from generator.charts.figures import build_chart
from generator.charts.items import drawn_items
from generator.model import AmountKind
from generator.pipeline import load_and_check
from generator.render.locale import load_locale
from tests.sitetools import FIXTURE_STORIES, ROOT, soup

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
        event.date.year for event in investigation.events if str(event.date) != "unknown"
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


def _flow_links(site: Path, chart: str) -> set[tuple[str, str, float]]:
    """(payer, beneficiary, amount) of each band a flow chart draws, by node name."""
    data = json.loads((site / STORY / "charts" / f"{chart}.json").read_text("utf-8"))
    (trace,) = data["data"]
    names = [name.replace("&amp;", "&") for name in trace["node"]["label"]]
    link = trace["link"]
    return {
        (names[s], names[t], v)
        for s, t, v in zip(link["source"], link["target"], link["value"], strict=True)
    }


def test_the_flow_draws_the_fee_and_the_fine_the_way_they_were_paid(stories_site):
    """The fee runs from the company to its auditors although the relation is written from the
    auditors; the fine from the auditors to the regulator that imposed it."""
    links = _flow_links(stories_site, "money-eur")
    assert ("Veltro", "Halden & Rusk", 3_100_000) in links
    assert ("Halden & Rusk", "EFSA", 900_000) in links
    assert ("Halden & Rusk", "Veltro", 3_100_000) not in links
    assert ("EFSA", "Halden & Rusk", 900_000) not in links


def test_the_flow_draws_no_money_that_did_not_move(stories_site):
    """The alleged loss, the claimed and the fictitious balance and the valuation are not
    drawn, on the interactive chart or on its picture; they stay in its table, labelled."""
    links = _flow_links(stories_site, "money-eur")
    drawn = {name for payer, beneficiary, _ in links for name in (payer, beneficiary)}
    assert drawn.isdisjoint({"Marek Ostrand", "Prosecutors", "Halvard", "Bank of Sample Isles"})
    assert "Exchange" not in drawn
    assert not {value for *_, value in links} & {1_900_000_000, 3_100_000_000, 24_000_000_000}
    for language in LANGUAGES:
        picture = soup(page(stories_site, "what-happened", language)).select_one(
            "figure#chart-money-eur svg"
        )
        text = picture.get_text(" ", strip=True)
        assert "3,100,000" in text or "3.100.000" in text, language
        for absent in ("3,100,000,000", "3.100.000.000", "1,900,000,000", "1.900.000.000"):
            assert absent not in text, (language, absent)
    table = list(csv.DictReader((stories_site / STORY / "charts" / "money-eur.csv").open()))
    kinds = {row["amount_kind"] for row in table}
    assert {"alleged loss", "fictitious balance", "claimed balance", "valuation"} <= kinds


@pytest.mark.parametrize(
    ("language", "loss", "fictitious"),
    [
        ("", "Alleged loss: about EUR 3,100,000,000", "Fictitious balance: EUR 1,900,000,000"),
        (
            "ro",
            "Prejudiciu invocat: aproximativ 3.100.000.000 EUR",
            "Sold fictiv: 1.900.000.000 EUR",
        ),
    ],
)
def test_amounts_that_did_not_move_are_labelled_on_their_relations(
    stories_site, language, loss, fictitious
):
    html = soup(page(stories_site, "actors", language))
    charged = html.select_one("#relation-prosecutor-charged-ostrand").get_text(" ", strip=True)
    assert loss in charged
    balance = html.select_one("#relation-trustee-accounts-fictitious").get_text(" ", strip=True)
    assert fictitious in balance


def test_every_amount_kind_is_used(investigation):
    kinds = {r.amount.kind for r in investigation.relations if r.amount is not None}
    assert kinds == set(get_args(AmountKind))  # every kind the model has, new ones too
    assert {r.amount.currency for r in investigation.relations if r.amount} == {"EUR", "USD"}


@pytest.mark.parametrize(
    ("language", "standing", "presumed"),
    [
        ("", "On trial", "Presumed innocent until proven guilty by a final judgment"),
        ("ro", "În curs de judecată", "Prezumția de nevinovăție"),
    ],
)
def test_a_charged_unconvicted_person_shows_standing_and_presumption_of_innocence(
    stories_site, language, standing, presumed
):
    """Marek Ostrand's trial is open: his entry says so and that he is presumed innocent; the
    finance director's acquittal is final, so hers needs no reminder."""
    html = soup(page(stories_site, "actors", language))
    ostrand = html.select_one("#actor-marek-ostrand")
    assert standing in ostrand.select_one(".entry__standing").get_text(" ", strip=True)
    assert presumed in ostrand.select_one(".presumption").get_text(" ", strip=True)
    vasko = html.select_one("#actor-lina-vasko")
    assert vasko.select_one(".entry__standing") is not None
    assert vasko.select_one(".presumption") is None, language


def test_the_case_stages_are_on_the_timeline(stories_site, investigation):
    (trial,) = [case for case in investigation.cases if case.id == "state-v-ostrand"]
    assert {stage.stage for stage in trial.stages} >= {
        "investigation",
        "charged",
        "indictment-admitted",
        "trial-opened",
        "verdict",
        "final-judgment",
        "appeal",
    }
    data = json.loads((stories_site / STORY / "charts" / "chronology.json").read_text("utf-8"))
    drawn = [
        target
        for trace in data["data"]
        for target in trace.get("customdata") or []
        if isinstance(target, str) and target.endswith("cases/#case-state-v-ostrand")
    ]
    assert len(drawn) == len(trial.stages)
    rows = (stories_site / STORY / "charts" / "chronology.csv").read_text("utf-8")
    assert "Verdict: acquitted" in rows and "Trial opened" in rows


def test_a_year_only_value_is_drawn_as_a_span_and_never_on_new_years_day(stories_site):
    """The revenue is known per financial year: each value spans its year on the interactive
    chart and on the picture, and no point is pinned to 1 January as if the day were known."""
    data = json.loads((stories_site / STORY / "charts" / "revenue-by-year.json").read_text())
    pinned = [
        x
        for trace in data["data"]
        if "markers" in (trace.get("mode") or "")
        for x in trace.get("x") or []
        if x and str(x)[5:10] == "01-01"
    ]
    assert not pinned, pinned
    spans = set()
    for trace in data["data"]:
        xs = trace.get("x") or []
        spans |= {(str(a)[:10], str(b)[:10]) for a, b in pairwise(xs) if a and b}
    for year in range(2002, 2019):
        assert (f"{year}-01-01", f"{year + 1}-01-01") in spans, year
    for language in LANGUAGES:
        svg = soup(page(stories_site, "what-happened", language)).select_one(
            "figure#chart-revenue-by-year svg"
        )
        flat = [
            line["points"].split()
            for line in svg.select("polyline")
            if len(line["points"].split()) == 2
            and line["points"].split()[0].split(",")[1] == line["points"].split()[1].split(",")[1]
        ]
        assert len(flat) >= 17, (language, len(flat))


def test_each_kind_of_uncertain_date_is_used_and_shown(stories_site, investigation):
    written = {str(event.date) for event in investigation.events}
    assert {"about 2003", "before 2005-07-15", "after 2020-06-18", "unknown"} <= written
    assert "2020-06/2020-07" in written
    (orrin,) = [event for event in investigation.events if event.id == "orrin-partnership"]
    assert orrin.other_dates and str(orrin.other_dates[0].date) == "2010-03"
    assert any(claim.date is not None for claim in investigation.claims)
    for language, differ in [("", "Sources differ on the date"), ("ro", "Sursele")]:
        html = soup(page(stories_site, "timeline", language))
        assert differ in html.select_one("#event-orrin-partnership").get_text(" ", strip=True)
        assert html.select_one("#event-trustee-accounts-opened") is not None


@pytest.mark.parametrize(("language", "according"), [("", "according to"), ("ro", "potrivit")])
def test_an_item_attributed_to_a_source_reads_according_to_its_publisher(
    stories_site, language, according
):
    """The anonymous post is attributed to the post itself: no invented actor stands in."""
    status = soup(page(stories_site, "claims", language)).select_one(
        "#claim-office-empty .entry__status"
    )
    assert f"{according} An anonymous public account" in status.get_text(" ", strip=True)
    link = status.select_one("a")
    assert link["href"].endswith("sources/#source-social-2019-02")


@pytest.mark.parametrize(("language", "heading"), [("", "Sources disagree"), ("ro", "Sursele")])
def test_a_disagreement_of_sources_is_disputed_with_no_actor(
    stories_site, investigation, language, heading
):
    (claim,) = [c for c in investigation.claims if c.id == "missing-amount"]
    assert claim.status == "disputed" and not claim.attributed_to
    assert len({entry.source for entry in claim.disagreement}) == 2
    entry = soup(page(stories_site, "claims", language)).select_one("#claim-missing-amount")
    status = entry.select_one(".entry__status")
    text = status.get_text(" ", strip=True)
    assert heading in text
    assert "Veltro Payments" in text and "Insolvency Administrator of Veltro Payments" in text
    assert not status.select("a[href*='actors/']"), "a disagreement names no actor"


def test_every_amount_of_the_crowded_flow_is_on_its_picture_or_named_under_it(investigation):
    """The euro flow has more bands than room for their amounts: each amount is written on
    the picture, or named in the note under it (the EUR 900,000 fine, between close columns),
    and the note names only amounts the picture leaves out."""
    locale = load_locale(ROOT / "site_config" / "locales", "en")
    chart = next(c for c in investigation.charts if c.id == "money-eur")
    built = build_chart(chart, investigation, locale)
    written = [a.text for a in built.figure.layout.annotations if a.name == "amount"]
    amounts = [locale.amount(r.amount) for r in drawn_items(chart, investigation)]
    left_out = [amount for amount in amounts if amount not in written]
    assert "EUR 900,000" in left_out
    assert built.note.startswith("Not written on the picture, for lack of room")
    assert all(f"{amount} (" in built.note for amount in left_out)
    assert not any(f"{amount} (" in built.note for amount in written)
