"""The evidence standard: what each status requires of its sources, for claims and relations alike.

Each test edits the fictional demo case the way an editor would and reads the lines `validate`
prints. The rules, the locales' meanings and the model's lists are held to one another, so that
the methodology page and the guide cannot drift from what the validator enforces.
"""

from __future__ import annotations

import shutil
import typing
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator import evidence
from generator.model import SourceKind, Status
from tests.sitetools import build, copy_project

ROOT = Path(__file__).resolve().parent.parent
LOCALES = sorted((ROOT / "site_config" / "locales").glob("*.yml"))

SECOND_OUTLET = """
  - id: example-times-2024-12-01
    title: Agency report confirmed
    publisher: Example Times
    url: https://times.example.org/2024/12/01/agency
    kind: news-report
    language: en
"""


def line_of(demo, name: str, text: str) -> int:
    """The line of ``text`` in a file of the case, as the messages number it."""
    lines = demo.read(name).splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def add_sources(demo, text: str) -> None:
    demo.write("sources.yml", demo.read("sources.yml") + text)


def cite(demo, kind: str, sources: str, status: str = "confirmed") -> str:
    """Make the claim 'report-exists' or the relation 'agency-pays-network' cite ``sources``
    with ``status``; returns the place and owner the messages name."""
    if kind == "claim":
        demo.replace(
            "claims.yml",
            "    status: confirmed\n    sources: [agency-report-2024]\n",
            f"    status: {status}\n    sources: [{sources}]\n",
        )
        return "claims.yml:24:13: warning: claim 'report-exists'"
    demo.replace(
        "relations.yml",
        "    status: alleged\n    attributed_to: [test-inspector]\n",
        f"    status: {status}\n",
    )
    demo.replace(
        "relations.yml", "    sources: [agency-report-2024]\n", f"    sources: [{sources}]\n"
    )
    return "relations.yml:11:13: warning: relation 'agency-pays-network'"


# --- confirmed: an authoritative source, or two independent publishers -----------------------


@pytest.mark.parametrize("kind", ["claim", "relation"])
def test_two_news_reports_from_different_publishers_confirm(demo, validate, kind):
    add_sources(demo, SECOND_OUTLET)
    cite(demo, kind, "example-news-2024-11-30, example-times-2024-12-01")
    assert validate(demo.path, strict=True).lines == []


@pytest.mark.parametrize("kind", ["claim", "relation"])
def test_one_news_report_does_not_confirm_and_the_hint_names_reported(demo, validate, kind):
    where = cite(demo, kind, "example-news-2024-11-30")
    assert validate(demo.path).lines == [
        f"{where} is 'confirmed' but its sources do not confirm it (its sources support "
        "'reported' (one publisher: Example News); 'confirmed' needs a primary document, "
        "official statement or court record, or a report from a second, independent publisher)"
    ]
    strict = validate(demo.path, strict=True)
    assert strict.result.errors
    assert [line.replace("warning: ", "") for line in strict.lines] == [
        line.replace("warning: ", "") for line in validate(demo.path).lines
    ]


@pytest.mark.parametrize("kind", ["claim", "relation"])
def test_reported_fits_one_publisher_and_needs_nobody_in_attributed_to(demo, validate, kind):
    cite(demo, kind, "example-news-2024-11-30", status="reported")
    assert validate(demo.path, strict=True).lines == []


@pytest.mark.parametrize("kind", ["claim", "relation"])
def test_two_syndicated_copies_of_one_wire_story_count_as_one_publisher(demo, validate, kind):
    add_sources(
        demo,
        SECOND_OUTLET.replace(
            "kind: news-report",
            "kind: news-report\n    reproduces: "
            "{publisher: Example  news, url: 'https://wire.example.org/1'}",
        ),
    )
    where = cite(demo, kind, "example-news-2024-11-30, example-times-2024-12-01")
    assert validate(demo.path).lines == [
        f"{where} is 'confirmed' but its sources do not confirm it (its sources support "
        "'reported' (one publisher: Example News); 'confirmed' needs a primary document, "
        "official statement or court record, or a report from a second, independent publisher)"
    ]


def test_a_copy_that_names_a_cited_original_counts_as_that_publisher(demo, validate):
    add_sources(
        demo,
        SECOND_OUTLET.replace(
            "kind: news-report", "kind: news-report\n    reproduces: example-news-2024-11-30"
        ),
    )
    cite(demo, "claim", "example-times-2024-12-01", status="reported")
    assert validate(demo.path, strict=True).lines == []
    demo.replace("claims.yml", "status: reported", "status: confirmed")
    assert "(one publisher: Example News)" in validate(demo.path).lines[0]


@pytest.mark.parametrize("kind", ["reference-work", "machine-translation", "aggregator-copy"])
@pytest.mark.parametrize("item", ["claim", "relation"])
def test_derivative_sources_never_count_on_their_own(demo, validate, kind, item):
    add_sources(demo, SECOND_OUTLET.replace("kind: news-report", f"kind: {kind}"))
    where = cite(demo, item, "example-times-2024-12-01")
    assert validate(demo.path).lines == [
        f"{where} is 'confirmed' but its sources do not confirm it (its sources support "
        "neither 'confirmed' nor 'reported' (a reference work, a machine translation or an "
        "aggregator's copy never counts on its own); 'confirmed' needs a primary document, "
        "official statement or court record, or reports from two independent publishers)"
    ]
    # beside one news report it adds nothing: still one publisher
    demo.replace(
        "claims.yml" if item == "claim" else "relations.yml",
        "[example-times-2024-12-01]",
        "[example-times-2024-12-01, example-news-2024-11-30]",
    )
    assert "support 'reported' (one publisher: Example News)" in validate(demo.path).lines[0]


@pytest.mark.parametrize("item", ["claim", "relation"])
def test_a_republished_official_release_confirms(demo, validate, item):
    add_sources(
        demo,
        SECOND_OUTLET.replace(
            "kind: news-report",
            "kind: republished-release\n    reproduces: {publisher: Example Ministry}",
        ),
    )
    cite(demo, item, "example-times-2024-12-01")
    assert validate(demo.path, strict=True).lines == []


def test_reported_when_the_sources_confirm_suggests_confirmed(demo, validate):
    """A status that undersells its evidence misleads as well: readers would read one outlet's
    report where a record establishes the fact."""
    cite(demo, "claim", "agency-report-2024", status="reported")
    assert validate(demo.path).lines == [
        "claims.yml:24:13: warning: claim 'report-exists' is 'reported' but its sources confirm "
        "it (its sources support 'confirmed' (authoritative: agency-report-2024); 'reported' is "
        "for a single publisher's report that nobody else confirms: mark it 'confirmed')"
    ]


def test_reported_with_attributed_to_is_told_what_readers_see(demo, validate):
    demo.replace(
        "claims.yml",
        "    status: confirmed\n    sources: [agency-report-2024]\n",
        "    status: reported\n    attributed_to: [example-agency]\n"
        "    sources: [example-news-2024-11-30]\n",
    )
    assert validate(demo.path).lines == [
        "claims.yml:25:20: warning: claim 'report-exists' is 'reported': readers see the "
        "publisher of its sources, not 'attributed_to' (remove 'attributed_to', or mark it "
        "'alleged' if these actors make the claim)"
    ]


# --- reproduces: references and cycles ------------------------------------------------------


def test_an_unknown_reproduces_id_is_an_error_with_did_you_mean(demo, validate):
    add_sources(
        demo,
        SECOND_OUTLET.replace(
            "kind: news-report", "kind: news-report\n    reproduces: example-news-2024-11-03"
        ),
    )
    cite(demo, "claim", "example-news-2024-11-30, example-times-2024-12-01")
    outcome = validate(demo.path)
    assert outcome.result.errors
    line = line_of(demo, "sources.yml", "reproduces: example-news-2024-11-03")
    assert outcome.lines == [
        f"sources.yml:{line}:17: source 'example-times-2024-12-01' refers to unknown source "
        "'example-news-2024-11-03' (did you mean 'example-news-2024-11-30'?)"
    ]


def test_a_cycle_of_reproduces_is_an_error(demo, validate):
    add_sources(
        demo,
        SECOND_OUTLET.replace(
            "kind: news-report", "kind: news-report\n    reproduces: example-news-2024-11-30"
        ),
    )
    demo.replace(
        "sources.yml",
        "    published: 2024-11-30T09:15\n    kind: news-report\n",
        "    published: 2024-11-30T09:15\n    kind: news-report\n"
        "    reproduces: example-times-2024-12-01\n",
    )
    cite(demo, "claim", "example-news-2024-11-30, example-times-2024-12-01", status="reported")
    outcome = validate(demo.path)
    assert outcome.result.errors
    line = line_of(demo, "sources.yml", "reproduces: example-times-2024-12-01")
    assert [str(error) for error in outcome.result.errors] == [
        f"sources.yml:{line}:17: source 'example-news-2024-11-30' reproduces itself through a "
        "cycle: example-news-2024-11-30 → example-times-2024-12-01 → example-news-2024-11-30 "
        "(point 'reproduces' at the original that was copied, or describe an original that is not "
        "cited as {publisher: ..., url: ...})"
    ]


def test_a_republished_release_must_say_whose_it_is(demo, validate):
    add_sources(demo, SECOND_OUTLET.replace("kind: news-report", "kind: republished-release"))
    cite(demo, "claim", "example-times-2024-12-01", status="reported")
    line = line_of(demo, "sources.yml", "kind: republished-release")
    assert (
        f"sources.yml:{line}:11: source 'example-times-2024-12-01' is a republished release but "
        "does not say whose release it reproduces (add 'reproduces: {publisher: <who issued "
        "it>, url: <its address>}', or the id of the original's own entry in sources.yml)"
    ) in validate(demo.path).lines


def test_per_language_publishers_are_told_apart_in_the_default_language(demo, validate):
    """The demo is English and Romanian: the English names decide, whatever the Romanian say."""
    add_sources(
        demo,
        SECOND_OUTLET.replace(
            "publisher: Example Times", "publisher: {en: EXAMPLE news, ro: Știri Exemplu}"
        ),
    )
    cite(demo, "claim", "example-news-2024-11-30, example-times-2024-12-01")
    assert "(one publisher: Example News)" in validate(demo.path).lines[0]


# --- one definition: the model, the rules and every locale agree -----------------------------


def test_the_rules_cover_exactly_the_models_statuses_and_source_kinds():
    assert typing.get_args(Status) == evidence.STATUS_ORDER
    assert set(evidence.SOURCE_KINDS) == set(typing.get_args(SourceKind))
    assert set(evidence.WEIGHED) | set(evidence.NAMES_ACTORS) | {"reported"} >= set(
        evidence.STATUS_ORDER
    ) - {"confirmed"}


@pytest.mark.parametrize("locale", LOCALES, ids=lambda path: path.stem)
def test_every_locale_names_and_defines_every_status_and_source_kind(locale):
    words = yaml.safe_load(locale.read_text(encoding="utf-8"))
    for table in ("statuses", "status_plural", "status_by", "status_meaning"):
        assert list(words[table]) == list(evidence.STATUS_ORDER), (locale.name, table)
        assert all(str(text).strip() for text in words[table].values()), (locale.name, table)
    assert set(words["source_kinds"]) == set(evidence.SOURCE_KINDS), locale.name


def test_the_english_meanings_say_what_the_rules_require():
    """The methodology page shows these meanings; the hints and the guide use the same words."""
    meaning = yaml.safe_load((ROOT / "site_config/locales/en.yml").read_text())["status_meaning"]
    for status, requirement in evidence.REQUIREMENTS.items():
        assert requirement in meaning[status][:1].lower() + meaning[status][1:], status
    assert "two independent publishers" in evidence.REQUIREMENTS["confirmed"]
    assert evidence.INDEPENDENT_PUBLISHERS_TO_CONFIRM == 2
    authoritative = [
        k for k, w in evidence.SOURCE_KINDS.items() if w is evidence.Weight.AUTHORITATIVE
    ]
    phrases = {
        "primary-document": "primary document",
        "official-statement": "official statement",
        "court-legal": "court record",
    }
    assert sorted(authoritative) == sorted(phrases)
    for kind in authoritative:
        assert phrases[kind] in evidence.REQUIREMENTS["confirmed"]


# --- what readers see -----------------------------------------------------------------------


def test_a_reported_claim_reads_reported_by_its_publisher(demo, tmp_path):
    cite(demo, "claim", "example-news-2024-11-30", status="reported")
    shutil.copytree(demo.path, tmp_path / "content" / "demo-case")
    project = copy_project(tmp_path / "project", content=tmp_path / "content")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "demo-case" / "claims" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    status = soup.find(id="claim-report-exists").find(class_="entry__status")
    assert " ".join(status.get_text(" ").split()) == "Reported by Example News"
    assert status.find(class_="badge--reported").get_text() == "Reported"
    section = status.find_previous("h2")
    assert section.get_text(strip=True).rstrip("¶") == "Reported by one publisher"


def test_readers_of_romanian_read_relatat_de():
    words = yaml.safe_load((ROOT / "site_config/locales/ro.yml").read_text(encoding="utf-8"))
    assert f"{words['statuses']['reported']} {words['status_by']['reported']}" == "Relatat de"
