"""Amounts that say what they are: money that moved is drawn from payer to beneficiary, money
that did not move is named on its relation, and an amount in a second currency is never left
out of a flow without a warning that names it. A small fictional story: an auditor pays a
regulator's fine, an agency pays the auditor's fee, a bank lends to the agency, and a loss and
a balance that never existed are alleged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator.charts.figures import build_chart
from generator.charts.picture import flow_svg
from generator.diagnostics import Severity
from generator.pipeline import load_and_check
from generator.render.locale import load_locale
from tests.sitetools import build, copy_project, soup

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "demo-case"
LOCALES = ROOT / "site_config" / "locales"
EN, RO = load_locale(LOCALES, "en"), load_locale(LOCALES, "ro")

ACTORS = [
    {"id": "northwind-audit", "name": "Northwind Audit", "kind": "organisation",
     "role": "A fictional audit firm."},
    {"id": "example-regulator", "name": "Example Regulator", "kind": "agency",
     "role": "A fictional market regulator."},
    {"id": "example-bank", "name": "Example Bank", "kind": "organisation",
     "role": "A fictional lender."},
]  # fmt: skip

ALLEGED = {"status": "alleged", "attributed_to": ["test-inspector"]}
RELATIONS = [
    {"id": "regulator-fined-auditor", "from": "example-regulator", "to": "northwind-audit",
     "kind": "fined",
     "amount": {"value": 50000, "currency": "EUR", "kind": "fine", "paid_by": "northwind-audit"},
     **ALLEGED, "sources": ["agency-report-2024"]},
    {"id": "auditor-audited-agency", "from": "northwind-audit", "to": "example-agency",
     "kind": "audited",
     "amount": {"value": 12000, "currency": "EUR", "kind": "fee", "paid_by": "example-agency"},
     "status": "confirmed", "sources": ["agency-report-2024", "example-news-2024-11-30"]},
    {"id": "bank-lent-agency", "from": "example-bank", "to": "example-agency", "kind": "lent",
     "amount": {"value": 200000, "currency": "EUR", "kind": "loan"},
     **ALLEGED, "sources": ["agency-report-2024"]},
    {"id": "agency-caused-loss", "from": "example-agency", "to": "example-bank",
     "kind": "caused-loss",
     "amount": {"value": 1900000, "currency": "EUR", "kind": "alleged-loss",
                "qualifier": "about"},
     **ALLEGED, "sources": ["agency-report-2024"]},
    {"id": "agency-showed-balance", "from": "example-agency", "to": "example-bank",
     "kind": "showed-balance",
     "amount": {"value": 750000, "currency": "EUR", "kind": "fictitious-balance"},
     **ALLEGED, "sources": ["agency-report-2024"]},
]  # fmt: skip

FLOW = {
    "id": "money-moved",
    "type": "flow",
    "derived_from": "relations",
    "title": {"en": "The money that moved", "ro": "Banii care s-au mișcat"},
    "description": {"en": "Fines, fees and loans.", "ro": "Amenzi, comisioane și împrumuturi."},
}


def _edit(path: Path, key: str, change) -> None:
    document = yaml.safe_load(path.read_text("utf-8"))
    document[key] = json.loads(json.dumps(change(document[key]), default=str))  # no aliases
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), "utf-8")


def write_story(folder: Path, charts: list[dict] | None = None, relations=None) -> Path:
    """The demo story with the money above; its USD payment stays (a second currency)."""
    case = folder / "demo-case"
    shutil.copytree(FIXTURE, case)
    _edit(case / "actors.yml", "actors", lambda actors: actors + ACTORS)
    _edit(case / "relations.yml", "relations", lambda old: old + (relations or RELATIONS))
    _edit(case / "charts.yml", "charts", lambda old: old + (charts or [FLOW]))
    return case


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    result = load_and_check(write_story(tmp_path_factory.mktemp("money")))
    assert not result.errors, [str(d) for d in result.errors]
    return result


def flow_of(result, chart_id="money-moved", locale=EN):
    investigation = result.investigations[0]
    chart = next(c for c in investigation.charts if c.id == chart_id)
    return build_chart(chart, investigation, locale)


# --- what is drawn --------------------------------------------------------------------------


def test_only_money_that_moved_is_drawn_from_payer_to_beneficiary(story):
    built = flow_of(story)
    (sankey,) = built.figure.data
    names = list(sankey.node.label)
    drawn = {
        (names[s], names[t], v)
        for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value, strict=True)
    }
    # the fine goes from the auditor to the regulator, the fee from the agency to the auditor,
    # though both relations are written the other way round
    assert drawn == {
        ("Northwind Audit", "Example Regulator", 50000),
        ("Example Agency", "Northwind Audit", 12000),
        ("Example Bank", "Example Agency", 200000),
    }
    # neither the alleged loss nor the fictitious balance, nor the USD payment, is a band
    assert 1900000 not in sankey.link.value and 750000 not in sankey.link.value
    assert 1000.5 not in sankey.link.value
    # the one confirmed band is grey, the others orange, and the key says which is which
    colours = dict(zip(sankey.link.value, sankey.link.color, strict=True))
    assert colours[12000] != colours[50000] == colours[200000]
    assert [words for _, words in built.key] == [
        "Confirmed by the sources",
        EN["flow"]["unconfirmed"],
    ]


def test_the_table_lists_what_did_not_move_as_what_it_is(story):
    built = flow_of(story)
    rows = [dict(zip(built.data.columns, row, strict=True)) for row in built.data.rows]
    kinds = {row["amount"]: (row["amount_kind"], row["paid_by"]) for row in rows}
    assert kinds == {
        50000: ("fine", "Northwind Audit"),
        12000: ("fee", "Example Agency"),
        200000: ("loan", "Example Bank"),
        1900000: ("alleged loss", ""),
        750000: ("fictitious balance", ""),
    }
    ro = flow_of(story, locale=RO)
    assert {row[ro.data.columns.index("amount_kind")] for row in ro.data.rows} >= {
        "prejudiciu invocat",
        "sold fictiv",
        "amendă",
    }


def test_amounts_are_on_the_picture_in_the_page_s_format(story):
    for locale, fine in ((EN, "EUR 50,000"), (RO, "50.000 EUR")):
        figure = flow_of(story, locale=locale).figure
        notes = [a.text for a in figure.layout.annotations]
        assert fine in notes  # the interactive chart writes it on the band
        picture = flow_svg(figure.to_plotly_json(), locale["months"])
        assert picture is not None and picture.count(f">{fine}<") == 2  # both widths
    # Plotly's blurred label shadow is off
    assert flow_of(story).figure.data[0].textfont.shadow == "none"


# --- currencies -----------------------------------------------------------------------------


def test_a_second_currency_is_left_out_with_a_warning_that_names_it(story):
    (warning,) = [d for d in story.diagnostics if "left out" in d.message]
    assert warning.severity is Severity.WARNING
    assert "relation 'agency-pays-network'" in warning.message
    assert "draws the amounts in EUR only" in warning.message
    assert warning.location.path.endswith("relations.yml")
    assert warning.location.line == 8  # the USD amount's currency, as the file is written
    assert "currency: USD" in warning.hint


def test_a_flow_that_names_the_other_currency_silences_the_warning(tmp_path):
    usd = {**FLOW, "id": "money-usd", "currency": "USD"}
    result = load_and_check(write_story(tmp_path, charts=[FLOW, usd]))
    assert not [d for d in result.diagnostics if "left out" in d.message]
    built = flow_of(result, "money-usd")
    assert list(built.figure.data[0].link.value) == [1000.5]


def test_validate_shows_the_warning(tmp_path):
    import subprocess
    import sys

    case = write_story(tmp_path)
    run = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(case)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert "relation 'agency-pays-network'" in run.stdout + run.stderr
    assert "relations.yml:8:15" in run.stdout + run.stderr


# --- checks ---------------------------------------------------------------------------------


def _problems(tmp_path, amount: dict) -> list[str]:
    relation = {**RELATIONS[0], "amount": amount}
    result = load_and_check(write_story(tmp_path, relations=[relation]))
    return [str(d) for d in result.errors]


def test_paid_by_must_be_an_end_of_the_relation(tmp_path):
    (problem,) = _problems(
        tmp_path, {"value": 5, "currency": "EUR", "kind": "fine", "paid_by": "example-bank"}
    )
    assert "relations.yml:" in problem
    assert "'paid_by' is 'example-bank', which is neither end of the relation" in problem
    assert "write 'example-regulator' (its 'from') or 'northwind-audit' (its 'to')" in problem


def test_paid_by_is_refused_where_no_money_moved(tmp_path):
    (problem,) = _problems(
        tmp_path,
        {"value": 5, "currency": "EUR", "kind": "valuation", "paid_by": "northwind-audit"},
    )
    assert "'paid_by' on an amount of kind 'valuation', which is money that did not move" in (
        problem
    )
    assert "remove 'paid_by'" in problem


def test_an_unknown_kind_is_refused_with_the_kinds(tmp_path):
    (problem,) = _problems(tmp_path, {"value": 5, "currency": "EUR", "kind": "bribe"})
    assert "relations.yml:" in problem and "kind" in problem and "alleged-loss" in problem


# --- the site -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("money-site")
    content = folder / "content"
    content.mkdir()
    case = write_story(content)
    _edit(case / "story.yml", "story", lambda story: {**story, "languages": ["en", "ro"]})
    project = copy_project(folder / "project", content)
    built = build(project, folder / "site")
    assert built.returncode == 0, built.stderr
    return folder / "site"


def _relation(site: Path, language: str, relation_id: str) -> str:
    """The relation's entry on Who's who, as one line of text."""
    prefix = "" if language == "en" else "ro/"
    page = soup(site / f"{prefix}demo-case/actors/index.html")
    entry = page.find(id=f"relation-{relation_id}")
    return " ".join(entry.get_text().split()).replace("( ", "(").replace(" )", ")")


def test_who_s_who_labels_each_amount_by_kind_in_each_language(site):
    loss = _relation(site, "en", "agency-caused-loss")
    assert "Alleged loss: about EUR 1,900,000" in loss
    balance = _relation(site, "en", "agency-showed-balance")
    assert "Fictitious balance: EUR 750,000" in balance
    fine = _relation(site, "en", "regulator-fined-auditor")
    assert "Fine: EUR 50,000 (paid by Northwind Audit)" in fine
    ro_loss = _relation(site, "ro", "agency-caused-loss")
    assert "Prejudiciu invocat: aproximativ 1.900.000 EUR" in ro_loss
    ro_fine = _relation(site, "ro", "regulator-fined-auditor")
    assert "Amendă: 50.000 EUR (plătitor: Northwind Audit)" in ro_fine


def test_the_flow_chart_on_the_page_has_its_amounts_and_key(site):
    page = soup(site / "demo-case" / "data" / "index.html")
    figure = page.find(id="chart-money-moved")
    assert figure is not None
    picture = figure.find("svg", class_="chart__picture--wide")
    assert "EUR 200,000" in [t.get_text() for t in picture.find_all("text")]
    key = figure.find(class_="chart__key").get_text(" ", strip=True)
    assert "Confirmed by the sources" in key and "Not confirmed" in key
    table = figure.find("table").get_text(" ", strip=True)
    assert "alleged loss" in table and "fictitious balance" in table


# --- FollowTheMoney -------------------------------------------------------------------------


def test_ftm_pays_from_the_payer_lends_as_a_debt_and_names_what_did_not_move(story):
    from generator.exports.ftm import entities

    by_id = {e["id"]: e for e in entities(story.investigations[0], EN)}
    fine = by_id["demo-case-regulator-fined-auditor"]
    assert fine["schema"] == "Payment"
    assert fine["properties"]["payer"] == ["demo-case-northwind-audit"]
    assert fine["properties"]["beneficiary"] == ["demo-case-example-regulator"]
    assert fine["properties"]["purpose"] == ["fine: fined"]
    loan = by_id["demo-case-bank-lent-agency"]
    assert loan["schema"] == "Debt"
    assert loan["properties"]["creditor"] == ["demo-case-example-bank"]
    assert loan["properties"]["debtor"] == ["demo-case-example-agency"]
    loss = by_id["demo-case-agency-caused-loss"]
    assert loss["schema"] == "UnknownLink" and "amount" not in loss["properties"]
    assert "alleged loss: about EUR 1,900,000" in loss["properties"]["summary"][0]
